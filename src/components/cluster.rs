//! The cluster view: a Ward typology of the chosen indicators, clusters numbered from 1 (least)
//! to k (most disadvantaged) with size, population and a plain label, the profile table (mean z
//! per indicator: what distinguishes the clusters) and the measures for choosing k.

use crate::components::controls::{set_member, IndicatorChecklist};
use crate::i18n::{t, Lang, T};
use crate::state::AppState;
use leptos::prelude::*;
use sozialatlas_core::locale;
use sozialatlas_core::map::palette::Palette;

/// Settings, legend, profiles and diagnostics of the typology.
#[component]
pub fn ClusterPanel(state: AppState) -> impl IntoView {
    let lang = state.lang;
    let chosen = Signal::derive(move || state.cluster.read().indicators.clone());
    let toggle = Callback::new(move |(id, on): (String, bool)| {
        state
            .cluster
            .update(|s| set_member(&mut s.indicators, id, on))
    });
    let legend = move || {
        let style = lang.get().numbers();
        state.typology.get().map(|ty| {
            let colors = Palette::BuYlRd.colors(ty.profiles.len());
            ty.profiles
                .iter()
                .map(|p| {
                    let pop = p.population.map(|x| format!(", {} EW", locale::number(x, 0, style))).unwrap_or_default();
                    view! {
                        <li class="cluster-row" data-testid="cluster-legend-row">
                            <span class="swatch" style=format!("background:{}", colors[p.cluster - 1])></span>
                            <span>
                                <strong>{format!("Cluster {}", p.cluster)}</strong>
                                {format!(" ({} {}{pop})", p.size, t(lang.get(), T::Areas))}
                                <br />
                                <span class="cluster-label">{p.label_in(lang.get()).to_string()}</span>
                            </span>
                        </li>
                    }
                })
                .collect_view()
        })
    };
    let profiles = move || {
        let style = lang.get().numbers();
        state.typology.get().map(|ty| {
            let names = ty.names.clone();
            let header = ty
                .profiles
                .iter()
                .map(|p| view! { <th>{p.cluster}</th> })
                .collect_view();
            let rows = names
                .iter()
                .enumerate()
                .map(|(j, name)| {
                    let cells = ty
                        .profiles
                        .iter()
                        .map(|p| {
                            let z = p.mean_z.get(j).copied().unwrap_or(0.0);
                            let shade = (z.abs().min(2.0) / 2.0 * 0.6 * 100.0).round();
                            let color = if z >= 0.0 { "215,25,28" } else { "44,123,182" };
                            view! {
                                <td style=format!("background: rgba({color},{})", shade / 100.0)>
                                    {locale::number(z, 2, style)}
                                </td>
                            }
                        })
                        .collect_view();
                    view! { <tr><th class="ind">{name.clone()}</th>{cells}</tr> }
                })
                .collect_view();
            view! {
                <table class="profiles" data-testid="cluster-profiles">
                    <caption>{t(lang.get(), T::ProfileCaption)}</caption>
                    <thead><tr><th></th>{header}</tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            }
        })
    };
    let diagnostics = move || {
        let style = lang.get().numbers();
        state.typology.get().map(|ty| {
            let rows = ty
                .diagnostics
                .iter()
                .map(|d| {
                    let current = d.k == state.cluster.read().k;
                    view! {
                        <tr class:current=current>
                            <td>{d.k}</td>
                            <td>{locale::number(d.within_ss, 1, style)}</td>
                            <td>{d.silhouette.map(|s| locale::number(s, 3, style)).unwrap_or_else(|| "–".into())}</td>
                        </tr>
                    }
                })
                .collect_view();
            view! {
                <table class="diagnostics" data-testid="cluster-diagnostics">
                    <caption>{t(lang.get(), T::ChooseK)}</caption>
                    <thead><tr><th>"k"</th><th>{t(lang.get(), T::WithinSs)}</th><th>"Silhouette"</th></tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            }
        })
    };
    let charts = move || {
        let l = lang.get();
        let style = l.numbers();
        state.typology.get().map(|ty| {
            let k_now = state.cluster.read().k;
            // Within-SS (blue, left scale) and silhouette (orange, right scale) per k.
            let (w, h, pad) = (300.0, 130.0, 24.0);
            let d = &ty.diagnostics;
            let x_of = |k: usize| {
                let (k0, k1) = (d.first().map_or(2, |x| x.k), d.last().map_or(8, |x| x.k));
                pad + (k - k0) as f64 / ((k1 - k0).max(1)) as f64 * (w - 2.0 * pad)
            };
            let ws_max = d.iter().map(|x| x.within_ss).fold(0.0, f64::max).max(1e-12);
            let y_ws = |v: f64| h - pad - v / ws_max * (h - 2.0 * pad);
            let y_sil = |v: f64| h - pad - v.clamp(0.0, 1.0) * (h - 2.0 * pad);
            let ws_line: Vec<String> = d.iter().map(|x| format!("{:.1},{:.1}", x_of(x.k), y_ws(x.within_ss))).collect();
            let sil_line: Vec<String> = d
                .iter()
                .filter_map(|x| x.silhouette.map(|s| format!("{:.1},{:.1}", x_of(x.k), y_sil(s))))
                .collect();
            let ticks = d
                .iter()
                .map(|x| {
                    let current = x.k == k_now;
                    view! {
                        <text x=format!("{:.1}", x_of(x.k)) y=format!("{}", h - 6.0) class:current=current text-anchor="middle">{x.k}</text>
                        <circle cx=format!("{:.1}", x_of(x.k)) cy=format!("{:.1}", y_ws(x.within_ss)) r=if current { "4.5" } else { "2.5" } class="ws" />
                        {x.silhouette.map(|s| view! { <circle cx=format!("{:.1}", x_of(x.k)) cy=format!("{:.1}", y_sil(s)) r="2.5" class="sil"><title>{format!("Silhouette {}", locale::number(s, 3, style))}</title></circle> })}
                    }
                })
                .collect_view();
            // Dendrogram: the top merges (at most 30 subtrees), leaves coloured by cluster.
            let top = ty.dendrogram.top(30.min(ty.dendrogram.n));
            let colors = Palette::BuYlRd.colors(ty.profiles.len());
            let (dw, dh) = (300.0, 150.0);
            let nx = top.leaves.len().max(2) as f64 - 1.0;
            let sx = |x: f64| 8.0 + x / nx * (dw - 16.0);
            let sy = |y: f64| dh - 14.0 - y / top.max_height.max(1e-12) * (dh - 24.0);
            let segs = top
                .segments
                .iter()
                .map(|s| view! { <line x1=format!("{:.1}", sx(s[0])) y1=format!("{:.1}", sy(s[1])) x2=format!("{:.1}", sx(s[2])) y2=format!("{:.1}", sy(s[3])) /> })
                .collect_view();
            let leaves = top
                .leaves
                .iter()
                .enumerate()
                .map(|(x, leaf)| {
                    let unit = ty.rows.get(leaf.first).copied();
                    let color = unit
                        .and_then(|u| ty.labels.get(u).copied().flatten())
                        .map_or("#999999", |c| colors[c.min(colors.len() - 1)]);
                    view! { <rect x=format!("{:.1}", sx(x as f64) - 3.0) y=format!("{:.1}", dh - 12.0) width="6" height="8" fill=color><title>{format!("{} {}", leaf.size, t(l, T::Areas))}</title></rect> }
                })
                .collect_view();
            let cut = ty.dendrogram.cut_height(k_now).map(|c| {
                view! { <line class="cut" x1="0" x2=dw.to_string() y1=format!("{:.1}", sy(c)) y2=format!("{:.1}", sy(c)) /> }
            });
            view! {
                <figure class="chart" data-testid="cluster-elbow">
                    <svg viewBox=format!("0 0 {w} {h}") role="img" aria-label=t(l, T::ElbowChart)>
                        <polyline class="ws" points=ws_line.join(" ") />
                        <polyline class="sil" points=sil_line.join(" ") />
                        {ticks}
                    </svg>
                    <figcaption>{t(l, T::ElbowChart)}</figcaption>
                </figure>
                <figure class="chart" data-testid="cluster-dendrogram">
                    <svg viewBox=format!("0 0 {dw} {dh}") role="img" aria-label=t(l, T::Dendrogram)>
                        <g class="tree">{segs}</g>
                        {cut}
                        {leaves}
                    </svg>
                    <figcaption>{t(l, T::Dendrogram)}</figcaption>
                </figure>
            }
        })
    };
    view! {
        <section class="classify cluster" data-testid="cluster-panel">
            <h2>{move || t(lang.get(), T::Typology)}</h2>
            <p class="hint">{move || t(lang.get(), T::TypologyHint)}</p>
            {move || state.typology_progress.get().map(|p| view! {
                <p class="progress" data-testid="cluster-progress" role="status">
                    {format!("{} {} %", t(lang.get(), T::Computing), (p * 100.0).round())}
                    <progress max="1" value=p.to_string()></progress>
                </p>
            })}
            {move || state.typology_failed.get().map(|(de, en)| view! {
                <p class="error" data-testid="cluster-error" role="alert">
                    {match lang.get() { Lang::De => de, Lang::En => en }}
                </p>
            })}
            <fieldset>
                <legend>{move || t(lang.get(), T::ClusterIndicators)}</legend>
                <IndicatorChecklist state=state chosen=chosen toggle=toggle testid="cluster-indicator" />
            </fieldset>
            <label class="picker">
                <span>{move || t(lang.get(), T::ClusterCount)}</span>
                <select
                    data-testid="cluster-k"
                    on:change=move |ev| {
                        if let Ok(k) = event_target_value(&ev).parse::<usize>() {
                            state.cluster.update(|s| s.k = k);
                        }
                    }
                >
                    {(2..=10usize)
                        .map(|k| view! { <option value=k.to_string() selected=move || state.cluster.read().k == k>{k}</option> })
                        .collect_view()}
                </select>
            </label>
            <label class="check">
                <input
                    type="checkbox"
                    data-testid="cluster-refine"
                    prop:checked=move || state.cluster.read().refine
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        state.cluster.update(|s| s.refine = on);
                    }
                />
                {move || t(lang.get(), T::RefineKmeans)}
            </label>
            {move || {
                let busy = state.typology_progress.read().is_some() || state.typology_failed.read().is_some();
                (state.typology.read().is_none() && !busy).then(|| view! { <p class="load-error" data-testid="choose-indicators">{t(lang.get(), T::ChooseIndicators)}</p> })
            }}
            <ul class="cluster-legend">{legend}</ul>
            {profiles}
            {charts}
            {diagnostics}
        </section>
    }
}

//! The cluster view: a Ward typology of the chosen indicators, clusters numbered from 1 (least)
//! to k (most disadvantaged) with size, population and a plain label, the profile table (mean z
//! per indicator: what distinguishes the clusters) and the measures for choosing k.

use crate::components::controls::{set_member, IndicatorChecklist};
use crate::i18n::{t, T};
use crate::state::AppState;
use leptos::prelude::*;
use sozialatlas_core::format;
use sozialatlas_core::palette::Palette;

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
                    let pop = p.population.map(|x| format!(", {} EW", format::number(x, 0, style))).unwrap_or_default();
                    view! {
                        <li class="cluster-row" data-testid="cluster-legend-row">
                            <span class="swatch" style=format!("background:{}", colors[p.cluster - 1])></span>
                            <span>
                                <strong>{format!("Cluster {}", p.cluster)}</strong>
                                {format!(" ({} {}{pop})", p.size, t(lang.get(), T::Areas))}
                                <br />
                                <span class="cluster-label">{p.label.clone()}</span>
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
                                    {format::number(z, 2, style)}
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
                            <td>{format::number(d.within_ss, 1, style)}</td>
                            <td>{d.silhouette.map(|s| format::number(s, 3, style)).unwrap_or_else(|| "–".into())}</td>
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
    view! {
        <section class="classify cluster" data-testid="cluster-panel">
            <h2>{move || t(lang.get(), T::Typology)}</h2>
            <p class="hint">{move || t(lang.get(), T::TypologyHint)}</p>
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
                state.typology.read().is_none().then(|| view! { <p class="load-error" data-testid="choose-indicators">{t(lang.get(), T::ChooseIndicators)}</p> })
            }}
            <ul class="cluster-legend">{legend}</ul>
            {profiles}
            {diagnostics}
        </section>
    }
}

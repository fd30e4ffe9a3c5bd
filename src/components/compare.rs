//! The Compare mode: two Sozialraum definitions side by side (pan and zoom together) or as a
//! swipe, changed units highlighted, the metrics of both with their difference, the crosswalk.
//!
//! Contract (`data-testid`): `compare-a`, `compare-b`, `compare-view`, `compare-map-a`,
//! `compare-map-b` (SVGs whose units carry `data-key`/`data-class` = Sozialraum name and
//! `data-changed`), `swipe`, `compare-metrics`, `crosswalk`, `changed-count`.

use crate::components::map::{map_key, visible, wheel, DragPan};
use crate::define::CompareView;
use crate::i18n::{t, T};
use crate::state::AppState;
use leptos::prelude::*;
use sozialatlas_core::locale;
use sozialatlas_core::project::derive;
use sozialatlas_core::sozialraum::compare::{Comparison, Metrics};
use std::sync::Arc;

/// The comparison of the chosen pair, `None` without two definitions. The app keeps it in one
/// memo ([`Cmp`]) that the panel and the maps share.
pub fn comparison(state: AppState) -> Option<Arc<Comparison>> {
    let d = state.define;
    let atlas = state.base.read();
    let topo = d.topology.get();
    let specs = state.indicators.read();
    let settings = state.classify.read();
    let year = state.year.get();
    // Agreement with the typology when one is computed anyway (small enough to cluster here).
    let clusters: Option<Vec<Option<usize>>> = (atlas.units.len() <= 5000)
        .then(|| state.typology.get())
        .flatten()
        .map(|ty| ty.labels.clone());
    d.with(|s| {
        let (da, db) = (s.definitions.get(s.pair.0)?, s.definitions.get(s.pair.1)?);
        derive::comparison(
            &atlas,
            &specs,
            &settings,
            da,
            db,
            &topo,
            clusters.as_deref(),
            year,
        )
        .map(Arc::new)
    })
}

/// The shared comparison memo.
pub type Cmp = Memo<Option<crate::define::Shared<Comparison>>>;

/// Selection of the pair, view switch, metrics and crosswalk.
#[component]
pub fn ComparePanel(state: AppState, cmp: Cmp) -> impl IntoView {
    let lang = state.lang;
    let d = state.define;
    let picker = move |which: usize, testid: &'static str| {
        view! {
            <select data-testid=testid on:change=move |ev| {
                if let Ok(i) = event_target_value(&ev).parse::<usize>() {
                    d.edit(|s| if which == 0 { s.pair.0 = i } else { s.pair.1 = i });
                }
            }>
                {move || d.with(|s| s.definitions.iter().enumerate().map(|(i, def)| {
                    let sel = (if which == 0 { s.pair.0 } else { s.pair.1 }) == i;
                    view! { <option value=i.to_string() selected=sel>{def.name.clone()}</option> }
                }).collect_view())}
            </select>
        }
    };
    let metrics = move || {
        let c = cmp.get()?;
        let l = lang.get();
        let relation = d.with(|s| {
            let (a, b) = (s.definitions.get(s.pair.0)?, s.definitions.get(s.pair.1)?);
            Some(c.relation.describe(a, b, l))
        })?;
        let style = l.numbers();
        let num = move |v: Option<f64>, dec: usize| {
            v.map(|v| locale::number(v, dec, style))
                .unwrap_or_else(|| "–".into())
        };
        let pct = move |v: Option<f64>| {
            v.map(|v| format!("{} %", locale::number(100.0 * v, 1, style)))
                .unwrap_or_else(|| "–".into())
        };
        type Row = (T, Box<dyn Fn(&Metrics) -> Option<f64>>, u8);
        let rows: Vec<Row> = vec![
            (
                T::MetricCount,
                Box::new(|m: &Metrics| Some(m.sozialraeume as f64)),
                0,
            ),
            (T::MetricPopMin, Box::new(|m: &Metrics| m.population_min), 0),
            (T::MetricPopMax, Box::new(|m: &Metrics| m.population_max), 0),
            (T::MetricPopCv, Box::new(|m: &Metrics| m.population_cv), 2),
            (T::MetricWithin, Box::new(|m: &Metrics| m.within_share), 1),
            (
                T::MetricCompact,
                Box::new(|m: &Metrics| Some(m.compactness_mean)),
                2,
            ),
            (
                T::MetricFragmented,
                Box::new(|m: &Metrics| Some(m.fragmented as f64)),
                0,
            ),
            (
                T::MetricUnassigned,
                Box::new(|m: &Metrics| Some(m.unassigned as f64)),
                0,
            ),
            (T::MetricNested, Box::new(|m: &Metrics| m.nested), 1),
            (
                T::MetricClusters,
                Box::new(|m: &Metrics| m.cluster_agreement),
                1,
            ),
        ];
        let body = rows
            .into_iter()
            .map(|(label, f, kind)| {
                let (a, b) = (f(&c.a), f(&c.b));
                let diff = a.zip(b).map(|(a, b)| b - a);
                let show = |v: Option<f64>| match kind {
                    1 => pct(v),
                    2 => num(v, 2),
                    _ => num(v, 0),
                };
                let diff_text = match (kind, diff) {
                    (1, Some(x)) => format!("{} %-P.", locale::signed(100.0 * x, 1, style)),
                    (2, Some(x)) => locale::signed(x, 2, style),
                    (_, Some(x)) => locale::signed(x, 0, style),
                    (_, None) => "–".into(),
                };
                view! { <tr><th scope="row">{t(l, label)}</th><td class="num">{show(a)}</td><td class="num">{show(b)}</td><td class="num">{diff_text}</td></tr> }
            })
            .collect_view();
        Some(view! {
            <table data-testid="compare-metrics">
                <thead><tr><th></th><th>"A"</th><th>"B"</th><th>{t(l, T::DiffBA)}</th></tr></thead>
                <tbody>{body}</tbody>
            </table>
            <p data-testid="compare-relation">{relation.clone()}</p>
            <p data-testid="changed-count">{format!("{} {}", c.changed.len(), t(l, T::ChangedUnits))}</p>
        })
    };
    let crosswalk = move || {
        let c = cmp.get()?;
        let l = lang.get();
        let style = l.numbers();
        let (da, db) = d.with(|s| {
            Some((
                s.definitions.get(s.pair.0)?.clone(),
                s.definitions.get(s.pair.1)?.clone(),
            ))
        })?;
        let (da, db) = (&da, &db);
        let name = |def: &sozialatlas_core::sozialraum::definition::Definition, i: Option<u32>| {
            i.map(|i| def.areas[i as usize].name.clone())
                .unwrap_or_else(|| t(l, T::Unassigned).into())
        };
        let rows = c
            .crosswalk
            .iter()
            .map(|cell| {
                view! {
                    <tr>
                        <td>{name(da, cell.a)}</td>
                        <td>{name(db, cell.b)}</td>
                        <td class="num">{cell.units}</td>
                        <td class="num">{cell.population.map(|p| locale::number(p, 0, style)).unwrap_or_else(|| "–".into())}</td>
                    </tr>
                }
            })
            .collect_view();
        Some(view! {
            <details class="crosswalk">
                <summary>{t(l, T::Crosswalk)}</summary>
                <table data-testid="crosswalk">
                    <thead><tr><th>"A"</th><th>"B"</th><th>{t(l, T::Areas)}</th><th>"EW"</th></tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </details>
        })
    };
    // By result: under A and under B, the Sozialräume of low status and those on the
    // unfavourable side of the city average of the shown indicator, with their inhabitants.
    let by_result = move || {
        let l = lang.get();
        let style = l.numbers();
        let base = state.base.get();
        let specs = state.indicators.read();
        let spec = specs
            .get(state.indicator.get())
            .or_else(|| specs.first())?
            .clone();
        let (da, db) = d.with(|s| {
            Some((
                s.definitions.get(s.pair.0)?.clone(),
                s.definitions.get(s.pair.1)?.clone(),
            ))
        })?;
        let p = state.classify.get();
        let [a, b] = sozialatlas_core::project::derive::results_compared(
            &base,
            &specs,
            &p,
            &spec,
            [&da, &db],
            state.year.get(),
            &state.small_numbers.get(),
        );
        let people = move |x: f64| locale::number(x, 0, style);
        let cell = move |names: &[String], pop: f64, testid: &'static str| {
            let title = names.join(", ");
            view! {
                <td class="num" data-testid=testid title=title>
                    {format!("{} · {} EW", names.len(), people(pop))}
                </td>
            }
        };
        Some(view! {
            <table data-testid="compare-results">
                <caption>{t(l, T::ByResult)}</caption>
                <thead><tr><th></th><th>"A"</th><th>"B"</th></tr></thead>
                <tbody>
                    <tr>
                        <th scope="row">{t(l, T::LowStatus)}</th>
                        {cell(&a.low_status, a.low_status_population, "low-status-a")}
                        {cell(&b.low_status, b.low_status_population, "low-status-b")}
                    </tr>
                    <tr>
                        <th scope="row">{format!("{} {}", t(l, T::Unfavourable), spec.label)}</th>
                        {cell(&a.unfavourable, a.unfavourable_population, "unfavourable-a")}
                        {cell(&b.unfavourable, b.unfavourable_population, "unfavourable-b")}
                    </tr>
                </tbody>
            </table>
        })
    };
    view! {
        <section class="compare-panel" data-testid="compare-panel">
            <h2>{move || t(lang.get(), T::ModeCompare)}</h2>
            <Show when=move || { d.count() >= 2 } fallback=move || view! { <p class="hint">{move || t(lang.get(), T::NeedTwo)}</p> }>
                <label>"A " {picker(0, "compare-a")}</label>
                <label>"B " {picker(1, "compare-b")}</label>
                <div class="tools" role="radiogroup" data-testid="compare-view">
                    <button aria-pressed=move || (d.compare_view.get() == CompareView::SideBySide).to_string()
                        on:click=move |_| d.compare_view.set(CompareView::SideBySide)>{move || t(lang.get(), T::SideBySide)}</button>
                    <button data-testid="compare-swipe" aria-pressed=move || (d.compare_view.get() == CompareView::Swipe).to_string()
                        on:click=move |_| d.compare_view.set(CompareView::Swipe)>{move || t(lang.get(), T::Swipe)}</button>
                </div>
                {metrics}
                {by_result}
                {crosswalk}
            </Show>
        </section>
    }
}

/// One definition's layer: units coloured by Sozialraum, outlines, changed units marked.
fn layer(state: AppState, which: usize, changed: Memo<Arc<Vec<bool>>>) -> impl IntoView {
    let d = state.define;
    let pick = move |s: &sozialatlas_core::sozialraum::session::Session| {
        let i = if which == 0 { s.pair.0 } else { s.pair.1 };
        s.definitions.get(i).cloned()
    };
    let coloring = Memo::new(move |_| {
        let def = d.with(pick);
        Arc::new(crate::coloring::define(
            &state.base.read(),
            def.as_ref(),
            state.lang.get(),
        ))
    });
    let assign = Memo::new(move |_| d.with(|s| pick(s).map(|x| x.assign).unwrap_or_default()));
    let units = move || {
        let atlas = state.base.get();
        let shapes = state.shapes.get();
        (0..atlas.units.len())
            .map(|i| {
                let key = atlas.units.keys[i].clone();
                let dpath = shapes.paths.get(i).cloned().unwrap_or_default();
                view! {
                    <path class="unit" d=dpath data-key=key data-i=i.to_string()
                        data-class=move || coloring.read().class.get(i).cloned().unwrap_or_default()
                        data-changed=move || changed.read().get(i).copied().unwrap_or(false).to_string()
                        fill=move || coloring.read().fill.get(i).copied().unwrap_or("none")>
                        <title>{move || coloring.read().tip.get(i).unwrap_or_default()}</title>
                    </path>
                }
            })
            .collect_view()
    };
    let changed_d = move || {
        let shapes = state.shapes.read();
        changed
            .read()
            .iter()
            .enumerate()
            .filter(|(_, c)| **c)
            .filter_map(|(u, _)| shapes.paths.get(u).cloned())
            .collect::<String>()
    };
    view! {
        <g class="units">{units}</g>
        <path class="changed" d=changed_d />
        <path class="sr-outline" d=move || crate::components::define_map::outline(state, &assign.read()) />
    }
}

/// An SVG map for the compare view, sharing the app's zoom (so two of them pan together).
fn compare_svg(
    state: AppState,
    testid: &'static str,
    body: impl IntoView + 'static,
) -> impl IntoView {
    let svg_ref = NodeRef::<leptos::svg::Svg>::new();
    let drag = DragPan::new();
    let on_move = move |ev: web_sys::PointerEvent| {
        let el = svg_ref.get();
        drag.moved(state, el.as_ref().map(|e| e.as_ref()), &ev);
    };
    view! {
        <svg class="map compare-map" data-testid=testid node_ref=svg_ref tabindex="0"
            viewBox=move || { let v = visible(state); format!("{} {} {} {}", v[0], v[1], v[2], v[3]) }
            preserveAspectRatio="xMidYMid meet" fill-rule="evenodd"
            on:wheel=move |ev: web_sys::WheelEvent| { if let Some(el) = svg_ref.get() { wheel(state, el.as_ref(), &ev) } }
            on:pointerdown=move |ev: web_sys::PointerEvent| drag.down(&ev)
            on:pointermove=on_move
            on:pointerup=move |_| drag.up()
            on:keydown=move |ev: web_sys::KeyboardEvent| map_key(state, &ev)
        >
            {body}
        </svg>
    }
}

/// The maps of the Compare mode.
#[component]
pub fn CompareMaps(state: AppState, cmp: Cmp) -> impl IntoView {
    let lang = state.lang;
    let d = state.define;
    let changed = Memo::new(move |_| {
        let n = state.base.read().units.len();
        let mut v = vec![false; n];
        if let Some(c) = cmp.get() {
            for &u in &c.changed {
                if u < n {
                    v[u] = true;
                }
            }
        }
        Arc::new(v)
    });
    let name = move |which: usize| {
        d.with(|s| {
            let i = if which == 0 { s.pair.0 } else { s.pair.1 };
            s.definitions.get(i).map(|x| x.name.clone())
        })
        .unwrap_or_default()
    };
    view! {
        {move || match d.compare_view.get() {
            CompareView::SideBySide => view! {
                <div class="compare-side">
                    <figure><figcaption>{move || format!("A: {}", name(0))}</figcaption>{compare_svg(state, "compare-map-a", layer(state, 0, changed))}</figure>
                    <figure><figcaption>{move || format!("B: {}", name(1))}</figcaption>{compare_svg(state, "compare-map-b", layer(state, 1, changed))}</figure>
                </div>
            }.into_any(),
            CompareView::Swipe => {
                let (w, h) = state.shapes.read_untracked().size;
                let clip_x = move || format!("{:.1}", d.swipe.get() * w);
                view! {
                    <div class="compare-swipe">
                        <p class="swipe-caption">{move || format!("◀ A: {}   |   B: {} ▶", name(0), name(1))}</p>
                        {compare_svg(state, "compare-map-a", view! {
                            <defs><clipPath id="swipe-clip"><rect x=clip_x y="0" width=w.to_string() height=h.to_string() /></clipPath></defs>
                            <g class="layer-a">{layer(state, 0, changed)}</g>
                            <g class="layer-b" clip-path="url(#swipe-clip)" data-testid="compare-map-b">{layer(state, 1, changed)}</g>
                            <line class="swipe-line" x1=clip_x y1="0" x2=clip_x y2=h.to_string() />
                        })}
                        <input type="range" min="0" max="1" step="0.01" data-testid="swipe" aria-label=move || t(lang.get(), T::Swipe)
                            prop:value=move || d.swipe.get().to_string()
                            on:input=move |ev| { if let Ok(v) = event_target_value(&ev).parse::<f64>() { d.swipe.set(v) } } />
                    </div>
                }.into_any()
            }
        }}
    }
}

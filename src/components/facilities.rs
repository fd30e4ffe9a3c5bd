//! Facilities on the map: the symbol layer over the map, the panel (layers with toggles,
//! points outside the map, adding a layer or a Zensus grid), and the need-against-supply
//! controls and lists of the Einordnen view.
//!
//! Contract used by end-to-end tests: up to [`SVG_POINTS`] points every point inside the map is
//! an SVG element with `data-facility` (its id) and `data-category`; above that the symbols are
//! drawn as one path per category and the points are the items of the accessible list
//! (`data-testid="facility-list"`) with the same attributes. Points outside the map are not
//! drawn; the panel counts and lists them.

use crate::components::map::visible;
use crate::i18n::{t, Lang, T};
use crate::state::{AppState, ClassifyView, Mode};
use leptos::prelude::*;
use sozialatlas_core::facilities::{self, Placed};
use sozialatlas_core::map::symbols;
use sozialatlas_core::model::{Direction, IndicatorKind};

/// Up to this many points are drawn as one SVG element each.
pub const SVG_POINTS: usize = 3000;

/// The symbol number of category `c` of layer `k` (over all layers, so that no two categories
/// of the map share a symbol).
fn symbol_of(layers: &[Placed], k: usize, category: &str) -> usize {
    let before: usize = layers[..k]
        .iter()
        .map(|l| l.layer.categories.len().max(1))
        .sum();
    before
        + layers[k]
            .layer
            .categories
            .iter()
            .position(|c| c == category)
            .unwrap_or(0)
}

/// The text of a point: name, category, places.
fn describe(p: &facilities::Facility, lang: Lang) -> String {
    let mut parts = vec![];
    if !p.name.is_empty() {
        parts.push(p.name.clone());
    }
    if !p.category.is_empty() {
        parts.push(p.category.clone());
    }
    if let Some(c) = p.capacity {
        parts.push(format!(
            "{} {}",
            sozialatlas_core::locale::number(c, 0, lang.numbers()),
            t(lang, T::Places)
        ));
    }
    if parts.is_empty() {
        parts.push(format!("Nr. {}", p.id));
    }
    parts.join(" · ")
}

/// The default need-against-supply view: the first indicator where high is a disadvantage
/// (not a supply indicator) against the first supply rate.
pub fn default_need_supply(state: AppState) -> ClassifyView {
    let specs = state.indicators.get_untracked();
    let need = specs
        .iter()
        .find(|s| s.direction == Direction::HighIsDisadvantage && s.theme != facilities::THEME)
        .map(|s| s.id.clone())
        .unwrap_or_default();
    let supply = specs
        .iter()
        .find(|s| s.theme == facilities::THEME && s.kind == IndicatorKind::Rate)
        .or_else(|| specs.iter().find(|s| s.theme == facilities::THEME))
        .map(|s| s.id.clone())
        .unwrap_or_default();
    ClassifyView::NeedSupply { need, supply }
}

/// The symbols of the visible layers, drawn inside the map's SVG (see the module docs).
#[component]
pub fn FacilityLayer(state: AppState) -> impl IntoView {
    let drawn = move || {
        let layers = state.layers.get();
        let hidden = state.hidden_layers.get();
        let shapes = state.shapes.read();
        let frame = shapes.frame?;
        let vb = visible(state);
        let r = vb[2] / if state.projector.get() { 90.0 } else { 125.0 };
        let lang = state.lang.get();
        // (layer, point, x, y) of the points drawn.
        let mut pts: Vec<(usize, usize, f64, f64)> = vec![];
        for (k, l) in layers.iter().enumerate() {
            if hidden.contains(&k) {
                continue;
            }
            for (i, p) in l.layer.points.iter().enumerate() {
                if l.unit[i].is_some() {
                    let (x, y) = frame.project(p.x, p.y);
                    pts.push((k, i, x, y));
                }
            }
        }
        let many = pts.len() > SVG_POINTS;
        let xy: Vec<(f64, f64)> = pts.iter().map(|p| (p.2, p.3)).collect();
        let groups = if many {
            vec![]
        } else {
            symbols::crowded(&xy, 2.2 * r)
        };
        let mut grouped = vec![false; pts.len()];
        for g in &groups {
            for &m in &g.members {
                grouped[m] = true;
            }
        }
        let interactive = state.mode.get() != Mode::Define;
        let view = if many {
            // One path per symbol, and the points as the accessible list.
            let mut by_symbol: std::collections::BTreeMap<usize, String> = Default::default();
            for &(k, i, x, y) in &pts {
                let s = symbol_of(&layers, k, &layers[k].layer.points[i].category);
                by_symbol.entry(s).or_default().push_str(&symbols::path(
                    symbols::symbol(s).0,
                    x,
                    y,
                    r * 0.6,
                ));
            }
            let paths = by_symbol
                .into_iter()
                .map(
                    |(s, d)| view! { <path class="facility-bulk" d=d fill=symbols::symbol(s).1 /> },
                )
                .collect_view();
            let items = pts
                .iter()
                .map(|&(k, i, _, _)| {
                    let p = &layers[k].layer.points[i];
                    view! { <li data-facility=p.id.clone() data-category=p.category.clone() data-layer=layers[k].layer.label.clone()>{describe(p, lang)}</li> }
                })
                .collect_view();
            view! {
                <g class="facilities" data-testid="facilities">{paths}</g>
                <foreignObject width="1" height="1"><ul class="map-list" data-testid="facility-list">{items}</ul></foreignObject>
            }
            .into_any()
        } else {
            let symbols_view = pts
                .iter()
                .enumerate()
                .map(|(n, &(k, i, x, y))| {
                    let l = &layers[k];
                    let p = &l.layer.points[i];
                    let s = symbol_of(&layers, k, &p.category);
                    let (shape, color) = symbols::symbol(s);
                    let rr = if grouped[n] { r * 0.45 } else { r };
                    let d = symbols::path(shape, x, y, rr);
                    let tip = format!("{}: {}", l.layer.label, describe(p, lang));
                    view! {
                        <path
                            class="facility"
                            class:grouped=grouped[n]
                            d=d
                            fill=color
                            data-facility=p.id.clone()
                            data-category=p.category.clone()
                            data-layer=l.layer.label.clone()
                        ><title>{tip}</title></path>
                    }
                })
                .collect_view();
            let badges = groups
                .iter()
                .map(|g| {
                    let n = g.members.len();
                    view! {
                        <g class="facility-group" data-testid="facility-group" data-count=n.to_string()>
                            <circle cx=format!("{:.1}", g.x) cy=format!("{:.1}", g.y) r=format!("{:.2}", r * 1.35) />
                            <text x=format!("{:.1}", g.x) y=format!("{:.1}", g.y) font-size=format!("{:.2}", r * 1.7) dy="0.35em">{n.to_string()}</text>
                        </g>
                    }
                })
                .collect_view();
            view! {
                <g class="facilities" data-testid="facilities" stroke-width=format!("{:.2}", r * 0.18)>{symbols_view}</g>
                <g class="facility-groups">{badges}</g>
            }
            .into_any()
        };
        Some(view! { <g class="facility-layer" class:passive=!interactive>{view}</g> })
    };
    view! { {drawn} }
}

/// The facility drawn nearest to the frame point (`x`, `y`) within its symbol: the hover of
/// the symbols. The symbols take no pointer events themselves, so the areas under them stay
/// hoverable and clickable; the map's pointer handler calls this.
pub fn hover_at(state: AppState, x: f64, y: f64) {
    let found = (|| {
        let layers = state.layers.read_untracked();
        let hidden = state.hidden_layers.get_untracked();
        let frame = state.shapes.read_untracked().frame?;
        let vb = visible(state);
        let r = vb[2]
            / if state.projector.get_untracked() {
                90.0
            } else {
                125.0
            };
        let mut best: Option<((usize, usize), f64)> = None;
        for (k, l) in layers
            .iter()
            .enumerate()
            .filter(|(k, _)| !hidden.contains(k))
        {
            for (i, p) in l.layer.points.iter().enumerate() {
                if l.unit[i].is_none() {
                    continue;
                }
                let (px, py) = frame.project(p.x, p.y);
                let d = (px - x).hypot(py - y);
                if d <= 1.2 * r && best.is_none_or(|(_, b)| d < b) {
                    best = Some(((k, i), d));
                }
            }
        }
        best.map(|(h, _)| h)
    })();
    if state.hovered_facility.get_untracked() != found {
        state.hovered_facility.set(found);
    }
}

/// The text of the facility under the pointer, if any (for the hover line).
pub fn hovered_text(state: AppState) -> Option<String> {
    let (k, i) = state.hovered_facility.get()?;
    let layers = state.layers.read();
    let l = layers.get(k)?;
    let p = l.layer.points.get(i)?;
    Some(format!(
        "{}: {}",
        l.layer.label,
        describe(p, state.lang.get())
    ))
}

/// The symbols of the visible layers for a legend: (symbol, name, points on the map).
pub fn symbol_legend(state: AppState) -> Vec<(usize, String, usize)> {
    let layers = state.layers.get();
    let hidden = state.hidden_layers.get();
    let mut out = vec![];
    for (k, p) in layers.iter().enumerate() {
        if hidden.contains(&k) {
            continue;
        }
        let cats: Vec<String> = if p.layer.categories.is_empty() {
            vec![String::new()]
        } else {
            p.layer.categories.clone()
        };
        for c in cats {
            let n = p
                .layer
                .points
                .iter()
                .zip(&p.unit)
                .filter(|(q, u)| q.category == c && u.is_some())
                .count();
            let name = if c.is_empty() {
                p.layer.label.clone()
            } else {
                c.clone()
            };
            out.push((symbol_of(&layers, k, &c), name, n));
        }
    }
    out
}

/// A small SVG of a symbol, for legends.
pub fn swatch(s: usize) -> impl IntoView {
    let (shape, color) = symbols::symbol(s);
    view! {
        <svg class="symbol-swatch" viewBox="0 0 20 20" width="16" height="16" aria-hidden="true">
            <path d=symbols::path(shape, 10.0, 10.0, 7.0) fill=color stroke="#ffffff" stroke-width="1.2" />
        </svg>
    }
}

/// The facilities panel: layers with toggles and legends, points outside the map, adding a
/// layer or a Zensus grid.
#[component]
pub fn FacilitiesPanel(state: AppState) -> impl IntoView {
    let lang = state.lang;
    let within = RwSignal::new(String::new());
    let layers_view = move || {
        let layers = state.layers.get();
        let l = lang.get();
        layers
            .iter()
            .enumerate()
            .map(|(k, p)| {
                let label = p.layer.label.clone();
                let inside = p.layer.points.len() - p.tally.outside.len();
                let on = move || !state.hidden_layers.get().contains(&k);
                let toggle = move |_| {
                    state.hidden_layers.update(|h| {
                        if let Some(pos) = h.iter().position(|&x| x == k) {
                            h.remove(pos);
                        } else {
                            h.push(k);
                        }
                    })
                };
                let cats: Vec<String> = if p.layer.categories.is_empty() {
                    vec![String::new()]
                } else {
                    p.layer.categories.clone()
                };
                let legend = cats
                    .iter()
                    .map(|c| {
                        let s = symbol_of(&layers, k, c);
                        let n = p
                            .layer
                            .points
                            .iter()
                            .zip(&p.unit)
                            .filter(|(q, u)| q.category == *c && u.is_some())
                            .count();
                        let name = if c.is_empty() { label.clone() } else { c.clone() };
                        view! { <li data-category=c.clone()>{swatch(s)} <span>{name}</span> <span class="count">{n}</span></li> }
                    })
                    .collect_view();
                let outside = p.outside_message(l).map(|m| {
                    view! { <p class="hint" data-testid="points-outside" data-count=p.tally.outside.len().to_string()>{m}</p> }
                });
                view! {
                    <li class="layer" data-testid="facility-layer" data-layer=label.clone()>
                        <label>
                            <input type="checkbox" data-testid="layer-toggle" prop:checked=on on:change=toggle />
                            <strong>{label.clone()}</strong>
                            " · " {format!("{inside} {}", t(l, T::Points))}
                        </label>
                        <ul class="symbol-legend">{legend}</ul>
                        {outside}
                    </li>
                }
            })
            .collect_view()
    };
    let progress = move || {
        state.grid_progress.get().map(|(done, total, inside)| {
            view! {
                <p class="hint" data-testid="grid-progress">
                    {t(lang.get(), T::ReadingGrid)} ": "
                    <progress max=total.to_string() value=done.to_string()></progress>
                    {format!(" {} MB / {} MB · {inside}", done / 1_000_000, total / 1_000_000)}
                </p>
            }
        })
    };
    let on_pick = move |ev: web_sys::Event| {
        let w = within
            .get_untracked()
            .trim()
            .replace(',', ".")
            .parse::<f64>()
            .ok();
        let w = w.filter(|m| m.is_finite() && *m > 0.0 && *m <= 100_000.0);
        crate::loader::add_points(state, crate::io::files::picked(&ev), w);
    };
    view! {
        <section class="facilities-panel" data-testid="facilities-panel">
            <h2>{move || t(lang.get(), T::Facilities)}</h2>
            <ul class="layers">{layers_view}</ul>
            <label class="picker">
                <span>{move || t(lang.get(), T::CoverageDistance)}</span>
                <input type="number" min="1" step="50" data-testid="coverage-distance" prop:value=move || within.get() on:input=move |ev| within.set(event_target_value(&ev)) />
            </label>
            <label class="file">
                <span>{move || t(lang.get(), T::AddPoints)}</span>
                <input type="file" data-testid="points-input" multiple accept=".csv,.txt,.xlsx,.geojson,.json" on:change=on_pick />
            </label>
            {progress}
        </section>
    }
}

/// The two indicators of the need-against-supply map.
#[component]
pub fn NeedSupplyControls(state: AppState) -> impl IntoView {
    let lang = state.lang;
    let current = move || match &state.classify.read().view {
        ClassifyView::NeedSupply { need, supply } => (need.clone(), supply.clone()),
        _ => Default::default(),
    };
    let options = move |supply: bool| {
        let (need, sup) = current();
        let chosen = if supply { sup } else { need };
        state
            .indicators
            .read()
            .iter()
            .filter(|s| (s.theme == facilities::THEME) == supply)
            .map(|s| {
                let selected = s.id == chosen;
                view! { <option value=s.id.clone() selected=selected>{s.label.clone()}</option> }
            })
            .collect_view()
    };
    let set = move |supply: bool, id: String| {
        state.classify.update(|c| {
            if let ClassifyView::NeedSupply { need, supply: s } = &mut c.view {
                if supply {
                    *s = id;
                } else {
                    *need = id;
                }
            }
        })
    };
    let missing = move || {
        current()
            .1
            .is_empty()
            .then(|| view! { <p class="load-error" data-testid="no-supply">{t(lang.get(), T::NoSupplyIndicator)}</p> })
    };
    view! {
        <label class="picker">
            <span>{move || t(lang.get(), T::NeedIndicator)}</span>
            <select data-testid="need-indicator" on:change=move |ev| set(false, event_target_value(&ev))>{move || options(false)}</select>
        </label>
        <label class="picker">
            <span>{move || t(lang.get(), T::SupplyIndicator)}</span>
            <select data-testid="supply-indicator" on:change=move |ev| set(true, event_target_value(&ev))>{move || options(true)}</select>
        </label>
        {missing}
    }
}

/// The gaps (high need, low supply) and possible overlaps (low need, high supply) of the
/// need-against-supply view, each area with both values.
#[component]
pub fn GapLists(state: AppState) -> impl IntoView {
    let lang = state.lang;
    let lists = move || {
        let ClassifyView::NeedSupply { need, supply } = state.classify.read().view.clone() else {
            return None;
        };
        let specs = state.indicators.read();
        let n = specs.iter().find(|s| s.id == need)?.clone();
        let s = specs.iter().find(|s| s.id == supply)?.clone();
        let atlas = state.atlas.read();
        let year = state.year.get();
        let ns = sozialatlas_core::project::derive::need_supply(&atlas, &n, &s, year);
        let w = state.withheld.read();
        let nv = crate::coloring::need_supply_texts(&atlas, &n, year, &w, lang.get());
        let sv = crate::coloring::need_supply_texts(&atlas, &s, year, &w, lang.get());
        let coloring = state.coloring.read();
        let items = |list: &[usize]| {
            list.iter()
                .map(|&i| {
                    view! {
                        <li data-key=atlas.units.keys[i].clone() data-class=coloring.class.get(i).map(|c| c.to_string()).unwrap_or_default()>
                            <span class="name">{atlas.units.names[i].clone()}</span>
                            <span class="value">{nv[i].clone()}</span>
                            <span class="value">{sv[i].clone()}</span>
                        </li>
                    }
                })
                .collect_view()
        };
        let l = lang.get();
        Some(view! {
            <h3 data-testid="gap-count">{format!("{} · {}", t(l, T::Gaps), ns.gaps.len())}</h3>
            <ol class="below-list" data-testid="gap-list">{items(&ns.gaps)}</ol>
            <h3>{format!("{} · {}", t(l, T::Overlaps), ns.overlaps.len())}</h3>
            <ol class="below-list" data-testid="overlap-list">{items(&ns.overlaps)}</ol>
        })
    };
    view! { {lists} }
}

/// The facilities inside an area of the map shown (a unit, or a Sozialraum's units), by layer:
/// for the Steckbrief.
pub fn in_area(state: AppState, area: usize) -> Vec<(String, Vec<String>)> {
    let layers = state.layers.get();
    let lang = state.lang.get();
    // The base units of the area: at a level, the Sozialraum's members.
    let members: Vec<usize> = match state.level_def.get() {
        Some(def) => state
            .atlas
            .read()
            .units
            .keys
            .get(area)
            .map_or(vec![], |k| def.units_named(k)),
        None => vec![area],
    };
    layers
        .iter()
        .filter_map(|l| {
            let names: Vec<String> = l
                .layer
                .points
                .iter()
                .zip(&l.unit)
                .filter(|(_, u)| u.is_some_and(|u| members.contains(&u)))
                .map(|(p, _)| describe(p, lang))
                .collect();
            (!names.is_empty()).then(|| (l.layer.label.clone(), names))
        })
        .collect()
}

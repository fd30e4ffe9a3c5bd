//! The SVG choropleth map.
//!
//! Contract used by end-to-end tests: every drawn unit is an element with `data-key` (the unit's
//! key) and `data-class` (the class index, or `na` without a value).

use crate::i18n::{t, T};
use crate::state::AppState;
use leptos::prelude::*;

/// The map of all units, coloured by the current choropleth. Paths are created once per atlas;
/// a change of indicator, year or classes only updates their `fill` and `data-class`.
#[component]
pub fn MapView(state: AppState) -> impl IntoView {
    let lang = state.lang;
    let units = move || {
        let atlas = state.atlas.get();
        let shapes = state.shapes.get();
        (0..atlas.units.len())
            .map(|i| {
                let key = atlas.units.keys[i].clone();
                let name = atlas.units.names[i].clone();
                let d = shapes.paths.get(i).cloned().unwrap_or_default();
                // Closures of replaced units may run once more before they are dropped (after a
                // smaller data set was loaded): read with `get`, never index.
                let class = move || {
                    let c = state.choropleth.read().classes.get(i).copied().flatten();
                    c.map_or_else(|| "na".to_string(), |c| c.to_string())
                };
                let fill = move || state.choropleth.read().fill(i);
                let tip = move || {
                    let c = state.choropleth.read();
                    let v = c.values.get(i).copied().flatten();
                    format!("{name}: {}", c.value_label(v, lang.get().numbers()))
                };
                view! {
                    <path class="unit" d=d data-key=key data-class=class fill=fill>
                        <title>{tip}</title>
                    </path>
                }
            })
            .collect_view()
    };
    view! {
        <svg
            class="map"
            data-testid="map"
            viewBox=move || state.shapes.read().view_box.clone()
            preserveAspectRatio="xMidYMid meet"
            fill-rule="evenodd"
            role="img"
            aria-label=move || format!("{}: {}", t(lang.get(), T::MapLabel), state.indicator_label())
        >
            <g class="units">{units}</g>
        </svg>
    }
}

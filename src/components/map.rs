//! The SVG choropleth map.
//!
//! Contract used by end-to-end tests: every drawn unit is an element with `data-key` (the unit's
//! key) and `data-class`: in Explore the class index (`na` without a value), in Classify the
//! status class label ("hoch" … "sehr niedrig", "ohne Zuordnung").

use crate::i18n::{t, T};
use crate::state::AppState;
use leptos::prelude::*;

/// The map of all units, coloured by the current mode's [`crate::state::Coloring`]. Paths are
/// created once per atlas; other changes only update their `fill`, `data-class` and tooltip.
#[component]
pub fn MapView(state: AppState) -> impl IntoView {
    let lang = state.lang;
    let units = move || {
        let atlas = state.atlas.get();
        let shapes = state.shapes.get();
        (0..atlas.units.len())
            .map(|i| {
                let key = atlas.units.keys[i].clone();
                let d = shapes.paths.get(i).cloned().unwrap_or_default();
                // Closures of replaced units may run once more before they are dropped (after a
                // smaller data set was loaded): read with `get`, never index.
                let class = move || {
                    state
                        .coloring
                        .read()
                        .class
                        .get(i)
                        .cloned()
                        .unwrap_or_default()
                };
                let fill = move || state.coloring.read().fill.get(i).copied().unwrap_or("none");
                let tip = move || {
                    state
                        .coloring
                        .read()
                        .tip
                        .get(i)
                        .cloned()
                        .unwrap_or_default()
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

//! The map legend: class ranges in the UI's number format, units per class, the city average.

use crate::i18n::{average_method, t, T};
use crate::state::AppState;
use leptos::prelude::*;

/// The CSS of a legend swatch for a map fill (the hatch of withheld values drawn as stripes).
pub fn swatch_style(fill: &str) -> String {
    if fill == sozialatlas_core::map::palette::WITHHELD {
        "background:repeating-linear-gradient(45deg,#ffffff 0 2px,#8a8a8a 2px 4px)".into()
    } else {
        format!("background:{fill}")
    }
}

/// Legend of the current choropleth.
#[component]
pub fn Legend(state: AppState) -> impl IntoView {
    let lang = state.lang;
    let rows = move || {
        let c = state.choropleth.get();
        let avg_class = c
            .breaks
            .as_ref()
            .and_then(|b| b.class_of(c.city_average.value));
        let mut rows: Vec<_> = (0..c.counts.len())
            .map(|i| {
                let marker = (avg_class == Some(i)).then(|| t(lang.get(), T::AverageMarker));
                view! {
                    <li class="legend-row" data-testid="legend-row" data-class=i.to_string()>
                        <span class="swatch" style=format!("background:{}", c.colors[i])></span>
                        <span class="range">{c.class_label(i, lang.get())}</span>
                        <span class="count">{format!("{} {}", c.counts[i], t(lang.get(), T::Areas))}</span>
                        <span class="avg-marker">{marker}</span>
                    </li>
                }
                .into_any()
            })
            .collect();
        if c.missing > 0 {
            rows.push(view! {
                <li class="legend-row" data-testid="legend-row" data-class="na">
                    <span class="swatch" style=format!("background:{}", c.missing_color)></span>
                    <span class="range">{t(lang.get(), T::NoData)}</span>
                    <span class="count">{format!("{} {}", c.missing, t(lang.get(), T::Areas))}</span>
                    <span class="avg-marker">{None::<&str>}</span>
                </li>
            }
            .into_any());
        }
        let hidden = c.withheld_count();
        if hidden > 0 {
            let why = crate::i18n::withheld_text(lang.get(), state.withheld.read().min);
            rows.push(view! {
                <li class="legend-row" data-testid="legend-row" data-class=sozialatlas_core::stats::suppress::WITHHELD>
                    <span class="swatch" style=swatch_style(sozialatlas_core::map::palette::WITHHELD)></span>
                    <span class="range">{why}</span>
                    <span class="count">{format!("{hidden} {}", t(lang.get(), T::Areas))}</span>
                    <span class="avg-marker">{None::<&str>}</span>
                </li>
            }
            .into_any());
        }
        rows.collect_view()
    };
    let average = move || {
        let c = state.choropleth.get();
        let l = lang.get();
        let value = c
            .city_average
            .value
            .map(|v| c.value_label(Some(v), l.numbers()))
            .unwrap_or_else(|| t(l, T::NoData).to_string());
        format!(
            "{} {}: {} ({})",
            t(l, T::AverageMarker),
            t(l, T::CityAverage),
            value,
            average_method(l, c.city_average.method)
        )
    };
    view! {
        <section class="legend" data-testid="legend" aria-live="polite">
            <h2>
                {move || state.coloring.read().title.clone()}
                {move || {
                    let has_years = !state.atlas.read().years.is_empty();
                    (has_years && !state.explore.get().change).then(|| format!(", {}", sozialatlas_core::model::period_label(state.year.get(), lang.get())))
                }}
            </h2>
            <ul>{rows}</ul>
            <p class="city-average" data-testid="city-average">{average}</p>
            {move || {
                // At a level: how the Sozialräume's figures were made from their units.
                state.level_def.get()?;
                let specs = state.indicators.read();
                let spec = specs.get(state.indicator.get()).or_else(|| specs.first())?;
                let rule = sozialatlas_core::project::derive::aggregation(&state.base.read(), spec);
                let l = lang.get();
                Some(view! {
                    <p class="scheme" data-testid="level-aggregation">
                        {format!("{}: {}", t(l, T::LevelFigures), rule.describe(l))}
                    </p>
                })
            }}
            <p class="scheme" data-testid="scheme-note">
                {move || crate::state::explore_scheme(&state.explore.read(), &state.atlas.read(), state.year.get(), lang.get()).0}
            </p>
        </section>
    }
}

//! Pickers for indicator and year.

use crate::i18n::{t, T};
use crate::state::AppState;
use leptos::prelude::*;

/// A `<select>` of all indicators of the atlas.
#[component]
pub fn IndicatorPicker(state: AppState) -> impl IntoView {
    let options = move || {
        state
            .indicators
            .get()
            .into_iter()
            .enumerate()
            .map(|(i, ind)| {
                view! {
                    <option value=i.to_string() selected=move || state.indicator.get() == i>
                        {ind.label}
                    </option>
                }
            })
            .collect_view()
    };
    view! {
        <label class="picker">
            <span>{move || t(state.lang.get(), T::Indicator)}</span>
            <select
                data-testid="indicator-picker"
                on:change=move |ev| {
                    if let Ok(i) = event_target_value(&ev).parse::<usize>() {
                        state.indicator.set(i);
                    }
                }
            >
                {options}
            </select>
        </label>
    }
}

/// A `<select>` of the years of the atlas (hidden when there is only one).
#[component]
pub fn YearPicker(state: AppState) -> impl IntoView {
    let years = move || state.atlas.read().years.clone();
    view! {
        <Show when=move || { years().len() > 1 }>
            <label class="picker">
                <span>{move || t(state.lang.get(), T::Year)}</span>
                <select
                    data-testid="year-picker"
                    on:change=move |ev| {
                        if let Ok(y) = event_target_value(&ev).parse::<i32>() {
                            state.year.set(y);
                        }
                    }
                >
                    {move || {
                        years()
                            .into_iter()
                            .map(|y| {
                                view! {
                                    <option value=y.to_string() selected=move || state.year.get() == y>
                                        {y.to_string()}
                                    </option>
                                }
                            })
                            .collect_view()
                    }}
                </select>
            </label>
        </Show>
    }
}

/// Checkboxes over all indicators: `chosen` gives the ids that are ticked, `toggle(id, on)` is
/// called on every change. Used by the status index and the typology.
#[component]
pub fn IndicatorChecklist(
    state: AppState,
    chosen: Signal<Vec<String>>,
    toggle: Callback<(String, bool)>,
    testid: &'static str,
) -> impl IntoView {
    move || {
        let ticked = chosen.get();
        state
            .indicators
            .get()
            .into_iter()
            .map(|ind| {
                let id = ind.id.clone();
                view! {
                    <label class="check">
                        <input
                            type="checkbox"
                            data-testid=testid
                            value=id.clone()
                            prop:checked=ticked.contains(&id)
                            on:change=move |ev| toggle.run((id.clone(), event_target_checked(&ev)))
                        />
                        {ind.label}
                    </label>
                }
            })
            .collect_view()
    }
}

/// Adds or removes `id` from a list of ids.
pub fn set_member(list: &mut Vec<String>, id: String, on: bool) {
    list.retain(|x| *x != id);
    if on {
        list.push(id);
    }
}

/// The Explore map's scheme: values or change from the previous year; classes per year or the
/// same for all years.
#[component]
pub fn ExploreScheme(state: AppState) -> impl IntoView {
    let lang = state.lang;
    let has_previous = move || state.atlas.read().years.len() > 1;
    view! {
        <Show when=has_previous>
            <label class="picker">
                <span>{move || t(lang.get(), T::MapShows)}</span>
                <select
                    data-testid="explore-view"
                    on:change=move |ev| {
                        let change = event_target_value(&ev) == "change";
                        state.explore.update(|e| e.change = change);
                    }
                >
                    <option value="level" selected=move || !state.explore.get().change>{move || t(lang.get(), T::ViewLevel)}</option>
                    <option value="change" selected=move || state.explore.get().change>{move || t(lang.get(), T::ViewChange)}</option>
                </select>
            </label>
            <label class="check pooled">
                <input
                    type="checkbox"
                    data-testid="pooled-breaks"
                    prop:checked=move || state.explore.get().pooled
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        state.explore.update(|e| e.pooled = on);
                    }
                />
                {move || t(lang.get(), T::PooledBreaks)}
            </label>
        </Show>
    }
}

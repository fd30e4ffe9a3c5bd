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

//! Indicator setup: the user corrects what the load step guessed — label, unit, what a high
//! value means, the kind, numerator and denominator (a share is then recomputed from sums), and
//! the population column used for weighted averages.

use crate::i18n::{t, T};
use crate::state::AppState;
use leptos::prelude::*;
use sozialatlas_core::model::{Direction, IndicatorKind, IndicatorSpec};
use std::sync::Arc;

fn direction_code(d: Direction) -> &'static str {
    match d {
        Direction::HighIsDisadvantage => "bad",
        Direction::HighIsAdvantage => "good",
        Direction::Neutral => "neutral",
    }
}

fn kind_code(k: IndicatorKind) -> &'static str {
    match k {
        IndicatorKind::Count => "count",
        IndicatorKind::Share => "share",
        IndicatorKind::Rate => "rate",
        IndicatorKind::Mean => "mean",
        IndicatorKind::Density => "density",
    }
}

/// The setup of the indicator shown (collapsed by default).
#[component]
pub fn IndicatorSetup(state: AppState) -> impl IntoView {
    let lang = state.lang;
    let current = move || state.indicators.read().get(state.indicator.get()).cloned();
    let edit = move |change: Box<dyn FnOnce(&mut IndicatorSpec)>| {
        state.update_indicator(state.indicator.get_untracked(), change)
    };
    let stems = move || state.base.read().numeric_stems();
    let column_options = move |selected: Option<String>| {
        let none = view! { <option value="" selected=selected.is_none()>{t(lang.get(), T::NoColumn)}</option> };
        let rest = stems()
            .into_iter()
            .map(|s| {
                let sel = selected.as_deref() == Some(s.as_str());
                view! { <option value=s.clone() selected=sel>{s.clone()}</option> }
            })
            .collect_view();
        (none, rest)
    };
    let text = move |label: T,
                     testid: &'static str,
                     get: fn(&IndicatorSpec) -> String,
                     set: fn(&mut IndicatorSpec, String)| {
        view! {
            <label class="picker">
                <span>{move || t(lang.get(), label)}</span>
                <input
                    type="text"
                    data-testid=testid
                    prop:value=move || current().map(|c| get(&c)).unwrap_or_default()
                    on:change=move |ev| {
                        let v = event_target_value(&ev);
                        edit(Box::new(move |s| set(s, v)))
                    }
                />
            </label>
        }
    };
    let column = move |label: T,
                       testid: &'static str,
                       get: fn(&IndicatorSpec) -> Option<String>,
                       set: fn(&mut IndicatorSpec, Option<String>)| {
        view! {
            <label class="picker">
                <span>{move || t(lang.get(), label)}</span>
                <select
                    data-testid=testid
                    on:change=move |ev| {
                        let v = Some(event_target_value(&ev)).filter(|v| !v.is_empty());
                        edit(Box::new(move |s| set(s, v)))
                    }
                >
                    {move || column_options(current().and_then(|c| get(&c)))}
                </select>
            </label>
        }
    };
    let options = move |pairs: Vec<(&'static str, T)>, selected: &'static str| {
        pairs
            .into_iter()
            .map(|(code, label)| view! { <option value=code selected=code == selected>{t(lang.get(), label)}</option> })
            .collect_view()
    };
    let population = move || state.base.read().population.clone();
    view! {
        <details class="setup" data-testid="indicator-setup">
            <summary>{move || t(lang.get(), T::SetupIndicator)}</summary>
            {text(T::Label, "ind-label", |c| c.label.clone(), |s, v| s.label = v)}
            {text(T::Unit, "ind-unit", |c| c.unit.clone(), |s, v| s.unit = v)}
            <label class="picker">
                <span>{move || t(lang.get(), T::Direction)}</span>
                <select
                    data-testid="ind-direction"
                    on:change=move |ev| {
                        let d = match event_target_value(&ev).as_str() {
                            "bad" => Direction::HighIsDisadvantage,
                            "good" => Direction::HighIsAdvantage,
                            _ => Direction::Neutral,
                        };
                        edit(Box::new(move |s| s.direction = d))
                    }
                >
                    {move || {
                        let sel = current().map_or("neutral", |c| direction_code(c.direction));
                        options(vec![("bad", T::HighIsDisadvantage), ("good", T::HighIsAdvantage), ("neutral", T::Neutral)], sel)
                    }}
                </select>
            </label>
            <label class="picker">
                <span>{move || t(lang.get(), T::Kind)}</span>
                <select
                    data-testid="ind-kind"
                    on:change=move |ev| {
                        let k = match event_target_value(&ev).as_str() {
                            "share" => IndicatorKind::Share,
                            "rate" => IndicatorKind::Rate,
                            "mean" => IndicatorKind::Mean,
                            "density" => IndicatorKind::Density,
                            _ => IndicatorKind::Count,
                        };
                        edit(Box::new(move |s| s.kind = k))
                    }
                >
                    {move || {
                        let sel = current().map_or("count", |c| kind_code(c.kind));
                        options(vec![("count", T::KindCount), ("share", T::KindShare), ("rate", T::KindRate), ("mean", T::KindMean), ("density", T::KindDensity)], sel)
                    }}
                </select>
            </label>
            {column(T::Numerator, "ind-numerator", |c| c.numerator.clone(), |s, v| s.numerator = v)}
            {column(T::Denominator, "ind-denominator", |c| c.denominator.clone(), |s, v| s.denominator = v)}
            <label class="picker">
                <span>{move || t(lang.get(), T::Factor)}</span>
                <input
                    type="number"
                    data-testid="ind-scale"
                    prop:value=move || current().map(|c| c.scale.to_string()).unwrap_or_default()
                    on:change=move |ev| {
                        if let Ok(f) = event_target_value(&ev).replace(',', ".").parse::<f64>() {
                            edit(Box::new(move |s| s.scale = f))
                        }
                    }
                />
            </label>
            <label class="picker">
                <span>{move || t(lang.get(), T::PopulationColumn)}</span>
                <select
                    data-testid="population-column"
                    on:change=move |ev| {
                        let v = Some(event_target_value(&ev)).filter(|v| !v.is_empty());
                        state.base.update(|a| Arc::make_mut(a).population = v);
                    }
                >
                    {move || column_options(population())}
                </select>
            </label>
            <label class="picker">
                <span>{move || t(lang.get(), T::SmallNumbersLabel)}</span>
                <input
                    type="number"
                    min="0"
                    max="100"
                    step="1"
                    data-testid="small-numbers"
                    prop:value=move || state.small_numbers.get().min_cases.to_string()
                    on:change=move |ev| {
                        let text = event_target_value(&ev);
                        let parsed = sozialatlas_core::locale::parse_number(&text, lang.get_untracked().numbers());
                        if let Some(n) = parsed.filter(|n| n.is_finite() && *n >= 0.0) {
                            state.small_numbers.set(sozialatlas_core::project::SmallNumbers { min_cases: n });
                        }
                    }
                />
            </label>
            <p class="hint">{move || t(lang.get(), T::SmallNumbersHelp)}</p>
        </details>
    }
}

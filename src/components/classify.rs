//! The "Einordnen" view: the MSS status index of the chosen indicators, its classes with counts,
//! and the list of areas with low or very low status — the statement councils ask for
//! ("13 Sozialräume liegen unter dem städtischen Durchschnitt").

use crate::components::controls::{set_member, IndicatorChecklist};
use crate::i18n::{t, T};
use crate::state::{AppState, Mode, STATUS_COLORS, WITHOUT_CLASS_COLOR};
use leptos::prelude::*;
use sozialatlas_core::format;

/// Switches between the views.
#[component]
pub fn ModeSwitch(state: AppState) -> impl IntoView {
    let lang = state.lang;
    let button = move |mode: Mode, label: T, testid: &'static str| {
        view! {
            <button
                class="mode"
                data-testid=testid
                aria-pressed=move || (state.mode.get() == mode).to_string()
                on:click=move |_| state.mode.set(mode)
            >
                {move || t(lang.get(), label)}
            </button>
        }
    };
    view! {
        <nav class="modes" aria-label="Ansicht">
            {button(Mode::Explore, T::ModeExplore, "mode-explore")}
            {button(Mode::Classify, T::ModeClassify, "mode-classify")}
            {button(Mode::Cluster, T::ModeCluster, "mode-cluster")}
        </nav>
    }
}

/// Settings, legend and list of the status index.
#[component]
pub fn ClassifyPanel(state: AppState) -> impl IntoView {
    let lang = state.lang;
    let chosen = Signal::derive(move || state.classify.read().indicators.clone());
    let toggle = Callback::new(move |(id, on): (String, bool)| {
        state
            .classify
            .update(|s| set_member(&mut s.indicators, id, on))
    });
    let counts = move || {
        let r = state.status.get();
        let mut counts = [0usize; 5];
        for c in &r.class {
            counts[c.map_or(4, |c| c.min(3))] += 1;
        }
        let labels = [
            "hoch",
            "mittel",
            "niedrig",
            "sehr niedrig",
            "ohne Zuordnung",
        ];
        (0..5)
            .map(|k| {
                let color = if k < 4 { STATUS_COLORS[k] } else { WITHOUT_CLASS_COLOR };
                view! {
                    <li class="legend-row" data-testid="status-legend-row" data-class=labels[k]>
                        <span class="swatch" style=format!("background:{color}")></span>
                        <span class="range">{labels[k]}</span>
                        <span class="count">{format!("{} {}", counts[k], t(lang.get(), T::Areas))}</span>
                        <span></span>
                    </li>
                }
            })
            .collect_view()
    };
    let below = move || {
        let r = state.status.get();
        let atlas = state.atlas.read();
        let style = lang.get().numbers();
        let mut low: Vec<usize> = (0..r.class.len())
            .filter(|&i| matches!(r.class[i], Some(c) if c >= 2))
            .collect();
        low.sort_by(|&a, &b| {
            r.index[b]
                .partial_cmp(&r.index[a])
                .unwrap_or(std::cmp::Ordering::Equal)
        });
        let heading = match lang.get() {
            crate::i18n::Lang::De => format!(
                "{} Gebiete mit niedrigem oder sehr niedrigem Status",
                low.len()
            ),
            crate::i18n::Lang::En => format!("{} areas with low or very low status", low.len()),
        };
        let items = low
            .iter()
            .map(|&i| {
                view! {
                    <li>
                        <span class="name">{atlas.units.names[i].clone()}</span>
                        <span class="class">{r.label(i).to_string()}</span>
                        <span class="index">{r.index[i].map(|x| format::number(x, 2, style)).unwrap_or_default()}</span>
                    </li>
                }
            })
            .collect_view();
        view! {
            <h3 data-testid="below-count">{heading}</h3>
            <ol class="below-list" data-testid="below-list">{items}</ol>
        }
    };
    let min_pop = move || {
        state
            .classify
            .read()
            .min_population
            .map(|m| m.to_string())
            .unwrap_or_default()
    };
    view! {
        <section class="classify" data-testid="classify-panel">
            <h2>{move || t(lang.get(), T::StatusIndex)}</h2>
            <p class="hint">{move || t(lang.get(), T::StatusHint)}</p>
            <fieldset>
                <legend>{move || t(lang.get(), T::IndexIndicators)}</legend>
                <IndicatorChecklist state=state chosen=chosen toggle=toggle testid="classify-indicator" />
            </fieldset>
            <label class="picker">
                <span>{move || t(lang.get(), T::MinPopulation)}</span>
                <input
                    type="number"
                    data-testid="min-population"
                    prop:value=min_pop
                    on:change=move |ev| {
                        let v = event_target_value(&ev).trim().parse::<f64>().ok();
                        state.classify.update(|s| s.min_population = v);
                    }
                />
            </label>
            {move || {
                state.status.read().index.iter().all(Option::is_none).then(|| view! { <p class="load-error" data-testid="choose-indicators">{t(lang.get(), T::ChooseIndicators)}</p> })
            }}
            <ul class="legend-rows">{counts}</ul>
            {below}
        </section>
    }
}

//! The "Einordnen" view: the MSS status index of the chosen indicators, its classes with counts,
//! and the list of areas with low or very low status — the statement councils ask for
//! ("13 Sozialräume liegen unter dem städtischen Durchschnitt").

use crate::components::controls::{set_member, IndicatorChecklist};
use crate::i18n::{t, T};
use crate::state::{AppState, ClassifyView, Mode};
use leptos::prelude::*;
use sozialatlas_core::locale;

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
                on:click=move |_| state.set_mode(mode)
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
            {button(Mode::Define, T::ModeDefine, "mode-define")}
            {button(Mode::Compare, T::ModeCompare, "mode-compare")}
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
        state
            .coloring
            .read()
            .legend
            .iter()
            .map(|item| {
                view! {
                    <li class="legend-row" data-testid="status-legend-row" data-class=item.class.clone()>
                        <span class="swatch" style=super::legend::swatch_style(item.color)></span>
                        <span class="range">{item.label.clone()}</span>
                        <span class="count">{format!("{} {}", item.count, t(lang.get(), T::Areas))}</span>
                        <span></span>
                    </li>
                }
            })
            .collect_view()
    };
    let chosen_dynamic = Signal::derive(move || state.classify.read().dynamic.clone());
    let toggle_dynamic = Callback::new(move |(id, on): (String, bool)| {
        state
            .classify
            .update(|s| set_member(&mut s.dynamic, id, on))
    });
    let view_value = move || match &state.classify.read().view {
        ClassifyView::Status => "status".to_string(),
        ClassifyView::Dynamic => "dynamic".to_string(),
        ClassifyView::Grid => "grid".to_string(),
        ClassifyView::Band(id) => format!("band:{id}"),
        ClassifyView::NeedSupply { .. } => "need-supply".to_string(),
    };
    let set_view = move |ev: web_sys::Event| {
        let v = event_target_value(&ev);
        let view = match v.as_str() {
            "dynamic" => ClassifyView::Dynamic,
            "grid" => ClassifyView::Grid,
            "need-supply" => crate::components::facilities::default_need_supply(state),
            other => match other.strip_prefix("band:") {
                Some(id) => ClassifyView::Band(id.to_string()),
                None => ClassifyView::Status,
            },
        };
        state.classify.update(|s| s.view = view);
    };
    let view_options = move || {
        let l = lang.get();
        let current = view_value();
        let mut opts = vec![
            ("status".to_string(), t(l, T::ViewStatus).to_string()),
            ("dynamic".to_string(), t(l, T::ViewDynamic).to_string()),
            ("grid".to_string(), t(l, T::ViewGrid).to_string()),
            (
                "need-supply".to_string(),
                t(l, T::ViewNeedSupply).to_string(),
            ),
        ];
        opts.extend(state.indicators.read().iter().map(|i| {
            (
                format!("band:{}", i.id),
                format!("{} {}", t(l, T::ViewBand), i.label),
            )
        }));
        opts.into_iter()
            .map(|(v, label)| {
                let selected = v == current;
                view! { <option value=v selected=selected>{label}</option> }
            })
            .collect_view()
    };
    let needs_dynamic = move || {
        matches!(
            state.classify.read().view,
            ClassifyView::Dynamic | ClassifyView::Grid
        )
    };
    let need_supply = move || matches!(state.classify.read().view, ClassifyView::NeedSupply { .. });
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
                        <span class="index">{r.index[i].map(|x| locale::number(x, 2, style)).unwrap_or_default()}</span>
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
            <label class="picker">
                <span>{move || t(lang.get(), T::ClassifyView)}</span>
                <select data-testid="classify-view" on:change=set_view>{view_options}</select>
            </label>
            <p class="hint">{move || t(lang.get(), T::StatusHint)}</p>
            <fieldset>
                <legend>{move || t(lang.get(), T::IndexIndicators)}</legend>
                <IndicatorChecklist state=state chosen=chosen toggle=toggle testid="classify-indicator" />
            </fieldset>
            <Show when=needs_dynamic>
                <fieldset>
                    <legend>{move || t(lang.get(), T::DynamicIndicators)}</legend>
                    <p class="hint">{move || t(lang.get(), T::DynamicHint)}</p>
                    <IndicatorChecklist state=state chosen=chosen_dynamic toggle=toggle_dynamic testid="dynamic-indicator" />
                </fieldset>
                {move || state.dynamic.read().is_none().then(|| view! { <p class="load-error" data-testid="no-dynamic">{t(lang.get(), T::NoDynamic)}</p> })}
            </Show>
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
            <Show when=need_supply>
                <crate::components::facilities::NeedSupplyControls state=state />
            </Show>
            <ul class="legend-rows">{counts}</ul>
            <Show when=need_supply fallback=below>
                <crate::components::facilities::GapLists state=state />
            </Show>
        </section>
    }
}

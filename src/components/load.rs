//! The load step: choose or drop a map and a table, optionally name the key column, see what
//! was loaded (join summary, warnings) or what went wrong. A failed load leaves the map as it was.

use crate::i18n::{t, T};
use crate::io::files;
use crate::loader;
use crate::state::{AppState, LoadStatus};
use leptos::prelude::*;

/// The "Eigene Daten laden" panel.
#[component]
pub fn LoadPanel(state: AppState) -> impl IntoView {
    let lang = state.lang;
    let key = RwSignal::new(String::new());
    let sheet = RwSignal::new(String::new());
    let crs = RwSignal::new(0u32);
    let choices = move || loader::Choices {
        key: Some(key.get_untracked().trim().to_string()).filter(|k| !k.is_empty()),
        sheet: Some(sheet.get_untracked().trim().to_string()).filter(|k| !k.is_empty()),
        crs: Some(crs.get_untracked())
            .filter(|c| *c != 0)
            .map(|epsg| sozialatlas_core::model::Crs { epsg }),
    };
    let on_pick =
        move |ev: web_sys::Event| loader::load_files(state, files::picked(&ev), choices());
    let pick = move |(de, en): &(String, String)| -> String {
        match lang.get() {
            crate::i18n::Lang::De => de.clone(),
            crate::i18n::Lang::En => en.clone(),
        }
    };
    let status = move || match state.load.get() {
        LoadStatus::Idle => ().into_any(),
        LoadStatus::Loading => {
            view! { <p class="load-busy">{t(lang.get(), T::Loading)}</p> }.into_any()
        }
        // The summary stays; the warnings and the preview fold away (they took a fifth of the
        // panel in every mode).
        LoadStatus::Loaded { summary, warnings } => {
            let n = warnings.len();
            let open = n > 0 && n <= 2;
            view! {
                <p class="load-ok" data-testid="load-summary">{pick(&summary)}</p>
                <details class="load-details" data-testid="load-details" open=open>
                    <summary>{move || format!("{} {}", n, t(lang.get(), T::LoadNotes))}</summary>
                    <ul class="load-warnings" data-testid="load-warnings">
                        {warnings.iter().map(|w| view! { <li>{pick(w)}</li> }).collect_view()}
                    </ul>
                    <crate::components::TablePreview state=state />
                </details>
            }
            .into_any()
        }
        LoadStatus::Failed { message } => view! {
            <p class="load-error" role="alert" data-testid="load-error">{pick(&message)}</p>
        }
        .into_any(),
    };
    view! {
        <details class="load-panel" data-testid="load-panel">
            <summary>{move || t(lang.get(), T::LoadData)}</summary>
            <p class="hint">{move || t(lang.get(), T::LoadHint)}</p>
            <input
                type="file"
                multiple=true
                accept=".geojson,.json,.zip,.csv,.txt,.tsv,.xlsx"
                data-testid="file-input"
                on:change=on_pick
            />
            <label class="picker">
                <span>{move || t(lang.get(), T::KeyColumn)}</span>
                <input
                    type="text"
                    data-testid="key-input"
                    placeholder=move || t(lang.get(), T::KeyAuto)
                    prop:value=key
                    on:input=move |ev| key.set(event_target_value(&ev))
                />
            </label>
            <label class="picker">
                <span>{move || t(lang.get(), T::Sheet)}</span>
                <input
                    type="text"
                    data-testid="sheet-input"
                    placeholder=move || t(lang.get(), T::KeyAuto)
                    prop:value=sheet
                    on:input=move |ev| sheet.set(event_target_value(&ev))
                />
            </label>
            <label class="picker">
                <span>{move || t(lang.get(), T::CoordinateSystem)}</span>
                <select
                    data-testid="crs-select"
                    on:change=move |ev| crs.set(event_target_value(&ev).parse().unwrap_or(0))
                >
                    <option value="0">{move || t(lang.get(), T::KeyAuto)}</option>
                    {loader::CRS_CHOICES
                        .iter()
                        .map(|(code, name)| {
                            view! { <option value=code.to_string()>{format!("EPSG:{code} – {name}")}</option> }
                        })
                        .collect_view()}
                </select>
            </label>
            <button
                class="demo"
                data-testid="back-to-demo"
                on:click=move |_| loader::demo(state)
            >
                {move || t(lang.get(), T::BackToDemo)}
            </button>
        </details>
        <div class="load-status" aria-live="polite">{status}</div>
    }
}

/// Accepts files dropped anywhere on the page.
pub fn on_drop(state: AppState) -> impl Fn(web_sys::DragEvent) + Copy {
    move |ev: web_sys::DragEvent| {
        ev.prevent_default();
        loader::load_files(state, files::dropped(&ev), loader::Choices::default());
    }
}

/// While a load runs in the worker: what it does, a progress bar, and a button to cancel it
/// (what is shown stays). Over the map, so it is seen with the load panel folded too.
#[component]
pub fn LoadProgress(state: AppState) -> impl IntoView {
    use crate::io::worker::Step;
    use crate::state::Progress;
    use sozialatlas_core::locale::number;
    let lang = state.lang;
    let text = move |p: Progress| {
        let l = lang.get();
        let n = |x: f64, d| number(x, d, l.numbers());
        match p {
            Progress::Worker(Step::Reading(bytes)) => match l {
                crate::i18n::Lang::De => format!(
                    "Karte und Tabelle werden gelesen und verknüpft ({} MB) …",
                    n(bytes / 1e6, 1)
                ),
                crate::i18n::Lang::En => format!(
                    "Reading and joining map and table ({} MB) …",
                    n(bytes / 1e6, 1)
                ),
            },
            Progress::Worker(Step::Receiving(done, all)) => match l {
                crate::i18n::Lang::De => format!(
                    "Gebiete übernommen: {} von {}",
                    n(done as f64, 0),
                    n(all as f64, 0)
                ),
                crate::i18n::Lang::En => format!(
                    "Areas taken over: {} of {}",
                    n(done as f64, 0),
                    n(all as f64, 0)
                ),
            },
        }
    };
    view! {
        {move || state.progress.get().map(|p| {
            let (value, max) = match p {
                Progress::Worker(Step::Receiving(done, all)) => (Some(done as f64), all.max(1) as f64),
                _ => (None, 1.0),
            };
            view! {
                <div class="load-progress" data-testid="load-progress" role="status" aria-live="polite">
                    <span data-testid="load-progress-text">{text(p)}</span>
                    // Without a value the bar shows that work goes on (the read is one step).
                    <progress max=max value=value></progress>
                    <button data-testid="load-cancel" on:click=move |_| crate::project::cancel_load(state)>
                        {move || t(lang.get(), T::Cancel)}
                    </button>
                </div>
            }
        })}
    }
}

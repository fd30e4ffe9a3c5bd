//! The app shell: header, controls, map and legend. Starts on the demo town Musterstadt.

use crate::components::{
    load, projector, AreaProfile, CanvasMap, ClassifyPanel, ClusterPanel, CompareMaps, ComparePanel,
    DefinePanel, ExploreScheme, SozialraumTable,
    ExportPanel, HoverInfo, IndicatorPicker, IndicatorSetup, Legend, LoadPanel, MapToolbar,
    MapView, ModeSwitch, ProjectorOverlay, TableView, YearPicker, CANVAS_LIMIT,
};
use crate::i18n::{t, Lang, T};
use crate::state::AppState;
use crate::state::Mode;
use leptos::prelude::*;
use sozialatlas_core::demo;

/// The whole app.
#[component]
pub fn App() -> impl IntoView {
    let state = AppState::new(demo::musterstadt());
    let lang = state.lang;
    // `?geo=…&table=…&key=…` loads data at start (the demo town shows meanwhile).
    if let Some(params) = crate::io::url::data_params() {
        crate::loader::load_urls(state, params);
    }
    let on_drop = load::on_drop(state);
    projector::install_keys(state);
    crate::components::define::install_keys(state);
    // From navigation start to the painted demo map.
    crate::io::perf::measure_to_paint("demo-map", 0.0);
    // Keep <html lang> in sync with the UI language (an effect that only touches the DOM).
    Effect::new(move |_| {
        if let Some(html) = document().document_element() {
            let _ = html.set_attribute("lang", lang.get().code());
        }
    });
    let toggle_lang = move |_| {
        lang.update(|l| {
            *l = match l {
                Lang::De => Lang::En,
                Lang::En => Lang::De,
            }
        })
    };
    view! {
        <header class="top">
            <h1>{move || t(lang.get(), T::AppTitle)} " · " {move || state.atlas.read().name.clone()}</h1>
            <p class="tagline">{move || t(lang.get(), T::Tagline)}</p>
            <button class="lang" data-testid="lang-toggle" on:click=toggle_lang>
                {move || t(lang.get(), T::Language)}
            </button>
        </header>
        <main class="workspace" on:dragover=|ev: web_sys::DragEvent| ev.prevent_default() on:drop=on_drop>
            <aside class="panel">
                <LoadPanel state=state />
                <ModeSwitch state=state />
                {move || match state.mode.get() {
                    Mode::Classify => view! {
                        <YearPicker state=state />
                        <ClassifyPanel state=state />
                    }
                    .into_any(),
                    Mode::Cluster => view! {
                        <YearPicker state=state />
                        <ClusterPanel state=state />
                    }
                    .into_any(),
                    Mode::Define => view! {
                        <YearPicker state=state />
                        <DefinePanel state=state />
                    }
                    .into_any(),
                    Mode::Compare => view! {
                        <YearPicker state=state />
                        <ComparePanel state=state />
                    }
                    .into_any(),
                    _ => view! {
                        <IndicatorPicker state=state />
                        <IndicatorSetup state=state />
                        <YearPicker state=state />
                        <ExploreScheme state=state />
                        <Legend state=state />
                    }
                    .into_any(),
                }}
                <ExportPanel state=state />
            </aside>
            <div class="map-area" class:show-table=move || state.table.get()>
                <MapToolbar state=state />
                <ProjectorOverlay state=state />
                {move || {
                    if state.mode.get() == Mode::Compare && state.define.defs.read().len() >= 2 {
                        view! { <CompareMaps state=state /> }.into_any()
                    } else if state.atlas.read().units.len() > CANVAS_LIMIT {
                        view! { <CanvasMap state=state /> }.into_any()
                    } else {
                        view! { <MapView state=state /> }.into_any()
                    }
                }}
                <Show when=move || state.table.get()>
                    <TableView state=state />
                </Show>
                <Show when=move || state.mode.get() == Mode::Define>
                    <SozialraumTable state=state />
                </Show>
                <HoverInfo state=state />
                <AreaProfile state=state />
            </div>
        </main>
        <footer class="source">
            {move || t(lang.get(), T::Source)} ": " {move || state.atlas.read().source.clone()}
        </footer>
    }
}

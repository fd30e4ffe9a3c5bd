//! The app shell: header, controls, map and legend. Starts on the demo town Musterstadt.

use crate::components::{
    load, projector, AreaProfile, CanvasMap, ClassifyPanel, ClusterPanel, CompareMaps,
    ComparePanel, DefinePanel, ExploreScheme, ExportPanel, HoverInfo, IndicatorPicker,
    IndicatorSetup, Legend, LoadPanel, MapToolbar, MapView, ModeSwitch, ProjectorOverlay,
    SozialraumTable, TableView, YearPicker, CANVAS_LIMIT,
};
use crate::i18n::{t, Lang, T};
use crate::state::AppState;
use crate::state::Mode;
use leptos::prelude::*;
use sozialatlas_core::demo;

/// The map shown in the map area.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum MapKind {
    Svg,
    Canvas,
    Compare,
}

/// The whole app.
#[component]
pub fn App() -> impl IntoView {
    let state = AppState::new(demo::musterstadt());
    let lang = state.lang;
    // What to show first: an offline file's own project; `?data=` (a project file);
    // `?geo=…&table=…&key=…` (the demo town shows meanwhile); else the demo town. A state in
    // the address (`#s=…`) is applied once its data is there.
    let address = match crate::share::from_address() {
        Some(Ok(vs)) => Some(vs),
        Some(Err(e)) => {
            crate::share::report(state, &e);
            None
        }
        None => None,
    };
    if let Some(project) = crate::share::embedded_project() {
        crate::share::open_project(
            state,
            project.as_bytes(),
            crate::share::DataSource::Files,
            address,
        );
    } else if let Some(url) = crate::io::url::project_param() {
        crate::loader::load_project_url(state, url, address);
    } else if let Some(params) = crate::io::url::data_params() {
        state.pending.set_value(address);
        crate::loader::load_urls(state, params);
    } else if let Some(vs) = address {
        if let Err(e) = crate::share::apply(state, &vs) {
            crate::share::report(state, &e);
        }
    }
    let on_drop = load::on_drop(state);
    // The comparison of two definitions, computed once for the panel and the maps (lazily).
    let comparison = Memo::new(move |_| {
        crate::components::compare::comparison(state).map(crate::define::Shared)
    });
    // Which map to show; a memo, so that the map is built again only when the kind changes
    // (not on every edit of a definition or every new data set of the same kind).
    let map_kind = Memo::new(move |_| {
        if state.mode.get() == Mode::Compare && state.define.defs.read().len() >= 2 {
            MapKind::Compare
        } else if state.atlas.read().units.len() > CANVAS_LIMIT {
            MapKind::Canvas
        } else {
            MapKind::Svg
        }
    });
    projector::install_keys(state);
    crate::components::define::install_keys(state);
    state.define.install_autosave(state.atlas);
    crate::state::install_sliced_typology(state);
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
        {move || state.share_message.get().map(|(de, en)| view! {
            <p class="share-message" data-testid="share-message" role="alert">
                {match lang.get() { Lang::De => de, Lang::En => en }}
                <button class="link" on:click=move |_| state.share_message.set(None)>"×"</button>
            </p>
        })}
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
                        <ComparePanel state=state cmp=comparison />
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
                {move || match map_kind.get() {
                    MapKind::Compare => view! { <CompareMaps state=state cmp=comparison /> }.into_any(),
                    MapKind::Canvas => view! { <CanvasMap state=state /> }.into_any(),
                    MapKind::Svg => view! { <MapView state=state /> }.into_any(),
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

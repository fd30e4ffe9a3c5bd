//! The app shell: header, controls, map and legend. Starts on the demo town Musterstadt.

use crate::components::{
    load, projector, AreaProfile, CanvasMap, ClassControls, ClassifyPanel, ClusterPanel,
    CompareMaps, ComparePanel, DefinePanel, ExploreScheme, ExportPanel, FacilitiesPanel, HoverInfo,
    IndicatorPicker, IndicatorSetup, Legend, LevelPicker, LoadPanel, LoadProgress, MapToolbar,
    MapView, ModeSwitch, NotesPanel, ProjectorOverlay, ReportPanel, SozialraumTable, TableView,
    TimeSeries, YearPicker, CANVAS_LIMIT,
};
use crate::i18n::{t, Lang, T};
use crate::loader::{self, Pending};
use crate::state::{AppState, AutosaveStatus, Mode};
use leptos::prelude::*;
use sozialatlas_core::demo;
use sozialatlas_core::project::{DataSource, Inputs};
use sozialatlas_core::sozialraum::session::Origin;

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
    // `?geo=…&table=…&key=…` (the demo town shows meanwhile; another origin is asked for
    // first); else the demo town. A state in the address (`#s=…`) comes with its data.
    let address = match crate::project::from_address() {
        Some(Ok(p)) => Some(p),
        Some(Err(e)) => {
            crate::project::report(state, &e);
            None
        }
        None => None,
    };
    if let Some(project) = crate::project::embedded_project() {
        crate::project::open_project_file(
            state,
            project.as_bytes(),
            DataSource::Files,
            Origin::File,
            address,
        );
    } else if let Some(url) = crate::io::url::project_param() {
        loader::load_or_ask(state, Pending::Project(url, address));
    } else if let Some(params) = crate::io::url::data_params() {
        loader::load_or_ask(state, Pending::Urls(params, address));
    } else {
        crate::project::open(state, Inputs::default(), address.map(|p| (p, Origin::Link)));
    }
    let on_drop = load::on_drop(state);
    // The comparison of two definitions, computed once for the panel and the maps (lazily).
    let comparison = Memo::new(move |_| {
        crate::components::compare::comparison(state).map(crate::define::Shared)
    });
    // Which map to show; a memo, so that the map is built again only when the kind changes
    // (not on every edit of a definition or every new data set of the same kind).
    let map_kind = Memo::new(move |_| {
        if state.mode.get() == Mode::Compare && state.define.count() >= 2 {
            MapKind::Compare
        } else if state.atlas.read().units.len() > CANVAS_LIMIT {
            MapKind::Canvas
        } else {
            MapKind::Svg
        }
    });
    projector::install_keys(state);
    crate::components::define::install_keys(state);
    crate::project::install_autosave(state);
    crate::project::install_hash_listener(state);
    crate::state::install_large_typology(state);
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
            <h1>{move || t(lang.get(), T::AppTitle)} " · "
                <input class="title-input" data-testid="project-title" aria-label=move || t(lang.get(), T::ProjectTitle)
                    title=move || t(lang.get(), T::ProjectTitle)
                    prop:value=move || state.title.get()
                    size=move || state.title.get().chars().count().clamp(8, 40).to_string()
                    on:change=move |ev| { let v = event_target_value(&ev); if !v.trim().is_empty() { state.title.set(v.trim().to_string()) } } />
            </h1>
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
        {move || state.ask.get().map(|ask| view! {
            <div class="ask" data-testid="ask-load" role="alertdialog" aria-modal="true">
                <p>{lang.get().pick(&ask.question.0, &ask.question.1).to_string()}</p>
                <button data-testid="ask-load-yes" on:click=move |_| loader::answer(state, true)>{move || t(lang.get(), T::LoadAnyway)}</button>
                <button data-testid="ask-load-no" on:click=move |_| loader::answer(state, false)>{move || t(lang.get(), T::DoNotLoad)}</button>
            </div>
        })}
        {move || state.import_message.get().map(|(de, en)| view! {
            <p class="import-message" data-testid="import-message" role="status">
                {lang.get().pick(&de, &en).to_string()}
                <button data-testid="undo-import" on:click=move |_| crate::project::undo_import(state)>{move || t(lang.get(), T::UndoImport)}</button>
                <button class="link" on:click=move |_| state.import_message.set(None)>"×"</button>
            </p>
        })}
        {move || match state.autosave.get() {
            AutosaveStatus::Saved => None,
            AutosaveStatus::Failed(reason) => Some(view! {
                <p class="autosave-failed" data-testid="autosave-failed" role="alert">
                    {move || t(lang.get(), T::AutosaveFailed)}
                    " (" {reason.clone()} ") "
                    <button data-testid="autosave-save-project" on:click=move |_| { let _ = crate::components::export::save_project(state); }>{move || t(lang.get(), T::SaveProject)}</button>
                </p>
            }),
        }}
        <main class="workspace" on:dragover=|ev: web_sys::DragEvent| ev.prevent_default() on:drop=on_drop>
            <aside class="panel">
                <LoadPanel state=state />
                <ModeSwitch state=state />
                {move || match state.mode.get() {
                    Mode::Classify => view! {
                        <LevelPicker state=state />
                        <YearPicker state=state />
                        <ClassifyPanel state=state />
                        <FacilitiesPanel state=state />
                        <NotesPanel state=state />
                    }
                    .into_any(),
                    Mode::Cluster => view! {
                        <LevelPicker state=state />
                        <YearPicker state=state />
                        <ClusterPanel state=state />
                        <FacilitiesPanel state=state />
                        <NotesPanel state=state />
                    }
                    .into_any(),
                    Mode::Define => view! {
                        <YearPicker state=state />
                        <DefinePanel state=state />
                        <NotesPanel state=state />
                    }
                    .into_any(),
                    Mode::Compare => view! {
                        <YearPicker state=state />
                        <ComparePanel state=state cmp=comparison />
                    }
                    .into_any(),
                    _ => view! {
                        <LevelPicker state=state />
                        <IndicatorPicker state=state />
                        <IndicatorSetup state=state />
                        <YearPicker state=state />
                        <ExploreScheme state=state />
                        <Legend state=state />
                        <TimeSeries state=state area=Signal::derive(move || state.hovered.get().or(state.selected.get())) />
                        <ClassControls state=state />
                        <FacilitiesPanel state=state />
                        <NotesPanel state=state />
                    }
                    .into_any(),
                }}
                <ExportPanel state=state />
                <ReportPanel state=state />
            </aside>
            <div class="map-area" class:show-table=move || state.table.get()>
                <MapToolbar state=state />
                <ProjectorOverlay state=state />
                <LoadProgress state=state />
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

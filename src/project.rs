//! The project in the app: the signals of [`AppState`] mirror the core's [`Project`].
//! [`capture`] makes a project of them, [`show`] sets them from one, [`open`] is the one path by
//! which data arrives (files, addresses, a project file, an offline file, a link, the demo
//! town), and the link, the project file, the offline file and the autosave are the core's
//! codec ([`sozialatlas_core::project::codec`]).
//!
//! Opening never destroys the user's own work: when the browser holds an autosave for the same
//! map, definitions that arrive with a link or file are added beside the user's own (marked as
//! from the link or the file), and the import can be undone at once.

use crate::i18n::Lang;
use crate::io::worker::Outcome;
use crate::state::{AppState, AutosaveStatus, LoadStatus, Progress};
use leptos::prelude::*;
use sozialatlas_core::ingest::Warning;
use sozialatlas_core::model::Atlas;
use sozialatlas_core::project::codec::{self, Packed};
use sozialatlas_core::project::transfer::Opened;
use sozialatlas_core::project::{self, DataSource, Inputs, Project, ProjectError, View};
use sozialatlas_core::sozialraum::session::Origin;
use std::sync::Arc;

/// The project of the app's state now.
pub fn capture(state: AppState) -> Project {
    let atlas = state.base.get_untracked();
    let specs = state.indicators.get_untracked();
    let inputs = state.inputs.get_value();
    Project {
        title: state.title.get_untracked(),
        catalogue: project::Catalogue {
            indicators: specs.clone(),
            population: atlas.population.clone(),
        },
        inputs,
        small_numbers: state.small_numbers.get_untracked(),
        view: View {
            mode: state.mode.get_untracked(),
            lang: state.lang.get_untracked(),
            indicator: specs
                .get(state.indicator.get_untracked())
                .map(|s| s.id.clone())
                .unwrap_or_default(),
            year: (!atlas.years.is_empty()).then(|| state.year.get_untracked()),
            labels: state.labels.get_untracked(),
            zoom: state.zoom.get_untracked(),
            level: state.level.get_untracked(),
            coarser: state.coarser.get_untracked(),
        },
        explore: state.explore.get_untracked(),
        classify: state.classify.get_untracked(),
        cluster: state.cluster.get_untracked(),
        proposal: state.proposal.get_untracked(),
        sozialraeume: state.define.session.get_untracked(),
        notes: state.notes.get_untracked(),
        report: state.report.get_untracked(),
    }
}

/// Shows `atlas` with `project`: every signal set from the project (the one call that opens a
/// project in the app).
pub fn show(state: AppState, atlas: Atlas, project: Project) {
    let atlas = project.set_up(atlas);
    let year = project.year(&atlas);
    let indicator = project
        .catalogue
        .indicators
        .iter()
        .position(|s| s.id == project.view.indicator)
        .unwrap_or(0);
    state.selected.set(None);
    state.hovered.set(None);
    state.title.set(project.title.clone());
    state.indicators.set(project.catalogue.indicators.clone());
    state.indicator.set(indicator);
    state.year.set(year);
    state.explore.set(project.explore);
    state.classify.set(project.classify.clone());
    state.cluster.set(project.cluster.clone());
    state.proposal.set(project.proposal);
    state.small_numbers.set(project.small_numbers);
    state.notes.set(project.notes.clone());
    state.report.set(project.report.clone());
    state.labels.set(project.view.labels);
    state.zoom.set(project.view.zoom);
    state.lang.set(project.view.lang);
    state.source.set(project.inputs.source.clone());
    state.inputs.set_value(project.inputs.clone());
    state.define.replace(project.sozialraeume.clone());
    state
        .define
        .compare_view
        .set(crate::define::CompareView::SideBySide);
    state.level.set(project.view.level.clone());
    state.coarser.set(project.view.coarser.clone());
    state.base.set(Arc::new(atlas));
    state.mode.set(project.view.mode);
}

/// Shows a problem with a link or project file in both languages.
pub fn report(state: AppState, e: &ProjectError) {
    state.share_message.set(Some((
        e.message(sozialatlas_core::locale::Lang::De),
        e.message(sozialatlas_core::locale::Lang::En),
    )));
}

/// Opens data: reads `inputs` (the demo town without a map) with the read settings of `saved`,
/// then shows the project. With `saved` (a link, a project file, an offline file) its state
/// is applied; a state that does not fit gives a message and the default view. The browser's
/// autosave for the same map is restored, and what `saved` brings is added beside it. A load
/// that fails or is cancelled leaves everything as it was.
///
/// A map and table of more than [`crate::io::worker::WORKER_ABOVE`] bytes are read in the
/// worker ([`crate::io::worker`]): the page stays responsive, [`AppState::progress`] says how
/// far it is. Smaller files (read here faster than a worker starts), the demo town, and files
/// where no worker can start (the offline file opened from the disk) are read here. Point
/// layers are placed here in either case.
pub fn open(state: AppState, inputs: Inputs, saved: Option<(Packed, Origin)>) {
    let start = crate::io::perf::now();
    let mut inputs = inputs;
    if let Some((p, _)) = &saved {
        inputs.read.fill_from(&p.read_settings());
    }
    if inputs.map.is_none() || input_bytes(&inputs) < crate::io::worker::WORKER_ABOVE {
        crate::io::worker::drop_spares();
        let opened = read_here(&inputs);
        return arrived(state, inputs, opened, saved, start);
    }
    let base = without_points(&inputs);
    crate::io::worker::read(
        &base,
        move |step| state.progress.set(Some(Progress::Worker(step))),
        move |outcome| {
            state.progress.set(None);
            let opened = match outcome {
                Outcome::Read(o) => Ok((o, vec![])),
                Outcome::Failed(m) => Err(m),
                Outcome::Unavailable => read_here(&inputs),
            };
            arrived(state, inputs, opened, saved, start)
        },
    );
}

/// Stops a load running in the worker; what is shown stays.
pub fn cancel_load(state: AppState) {
    if state.progress.get_untracked().is_none() {
        return;
    }
    crate::io::worker::cancel(crate::io::worker::Job::Load);
    // Workers started ahead for it (still waiting while the files were copied) go too.
    crate::io::worker::drop_spares();
    state.progress.set(None);
    state.load.set(LoadStatus::Failed {
        message: (
            "Das Laden wurde abgebrochen. Es bleibt gezeigt, was vorher geladen war.".into(),
            "Loading was cancelled. What was loaded before stays shown.".into(),
        ),
    });
}

/// The bytes of the map and the table.
fn input_bytes(inputs: &Inputs) -> usize {
    [&inputs.map, &inputs.table]
        .iter()
        .filter_map(|f| f.as_ref().map(|f| f.bytes.len()))
        .sum()
}

/// The inputs without their point layers (placed after the map is read).
fn without_points(inputs: &Inputs) -> Inputs {
    Inputs {
        points: vec![],
        ..inputs.clone()
    }
}

/// What was read, and the point layers it brought (the demo town's own).
type Read = Result<(Opened, Vec<sozialatlas_core::facilities::Placed>), (String, String)>;

/// Reads the map and table of `inputs` in the page (the demo town with its own layers).
fn read_here(inputs: &Inputs) -> Read {
    let base = without_points(inputs);
    crate::io::perf::time("parse-reproject-join", || project::load(&base, None))
        .map(|mut l| (std::mem::take(&mut l.layers), l))
        .map(|(layers, l)| (Opened::of(l), layers))
        .map_err(|e| (e.message(Lang::De), e.message(Lang::En)))
}

/// Shows what was read: the point layers placed, the saved state or the autosave applied.
fn arrived(
    state: AppState,
    inputs: Inputs,
    opened: Read,
    saved: Option<(Packed, Origin)>,
    start: f64,
) {
    let (opened, mut layers) = match opened {
        Ok(o) => o,
        Err(message) => {
            state.load.set(LoadStatus::Failed { message });
            return;
        }
    };
    let mut inputs = inputs;
    let mut atlas = opened.atlas;
    inputs.read = opened.read;
    let mut placing = vec![];
    layers.extend(project::place_points(
        &mut atlas,
        &inputs.points,
        &inputs.read.points,
        &mut placing,
    ));
    let mut warnings = opened.warnings;
    warnings.extend(messages(&placing));
    state.hidden_layers.set(vec![]);
    state.hovered_facility.set(None);
    state.layers.set(Arc::new(layers));
    let local = read_autosave(&atlas, &inputs);
    let incoming = match saved {
        Some((packed, origin)) => match packed.apply(&atlas, inputs.clone()) {
            Ok(p) => Some((p, origin)),
            Err(e) => {
                report(state, &e);
                None
            }
        },
        None => None,
    };
    let fresh = || Project::for_atlas(&atlas, inputs.clone());
    let (project, before) = match (incoming, local) {
        (None, Some(local)) => (local, None),
        (None, None) => (fresh(), None),
        (Some((p, _)), None) => (p, None),
        (Some((p, origin)), Some(local)) => {
            let (merged, report) = Project::beside(&local, p, origin);
            (merged, Some((local, report)))
        }
    };
    state.load.set(match opened.summary {
        Some(summary) => LoadStatus::Loaded { summary, warnings },
        None => LoadStatus::Idle,
    });
    let imported = before.as_ref().map(|(b, report)| {
        let own = b.sozialraeume.definitions.len();
        (report.message(own, Lang::De), report.message(own, Lang::En))
    });
    state.before_import.set_value(before.map(|(b, _)| b));
    state.import_message.set(imported);
    let render = crate::io::perf::now();
    let shown = move |atlas: Atlas| {
        show(state, atlas, project);
        crate::io::perf::measure_to_map_painted("render", render);
        crate::io::perf::measure_to_map_painted("bytes-to-map", start);
    };
    // A large map's shapes are made in slices first (no long task in the page).
    if atlas.units.len() > crate::state::PREPARED_SHAPES {
        leptos::task::spawn_local(async move {
            crate::state::Shapes::prepare(&atlas).await;
            shown(atlas);
        });
    } else {
        shown(atlas);
    }
}

/// Undoes the last import: the project as it was before the link or file was opened.
pub fn undo_import(state: AppState) {
    if let Some(before) = state.before_import.get_value() {
        let atlas = (*state.base.get_untracked()).clone();
        state.before_import.set_value(None);
        state.import_message.set(None);
        show(state, atlas, before);
    }
}

fn messages(w: &[Warning]) -> Vec<(String, String)> {
    w.iter()
        .map(|w| (w.message(Lang::De), w.message(Lang::En)))
        .collect()
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The autosaved project of this map (this version's, or format 1's definitions), `None`
/// without one or when it does not fit.
fn read_autosave(atlas: &Atlas, inputs: &Inputs) -> Option<Project> {
    let st = storage()?;
    let keys = &atlas.units.keys;
    let text = st
        .get_item(&codec::autosave_key(keys))
        .ok()
        .flatten()
        .or_else(|| st.get_item(&codec::autosave_key_v1(keys)).ok().flatten())?;
    let packed = match codec::read_autosave(&text, keys) {
        Ok(p) => p,
        Err(_) => {
            // Unreadable (damaged, or written by a newer version): kept beside, never
            // overwritten by the next autosave.
            let aside = format!("{}.unlesbar", codec::autosave_key(keys));
            if st.get_item(&aside).ok().flatten().is_none() {
                let _ = st.set_item(&aside, &text);
            }
            return None;
        }
    };
    packed.apply(atlas, inputs.clone()).ok()
}

/// Autosave: every change of the project is written to local storage at once (an effect, so
/// called from within the mounted app), and read back to check it arrived. When it cannot be
/// written (storage full, private mode), `state.autosave` says so at once.
pub fn install_autosave(state: AppState) {
    Effect::new(move |_| {
        // After every edit and at the end of every stroke, not per brush step; and after every
        // change of a setting.
        state.define.revision.track();
        state.indicators.track();
        state.classify.track();
        state.cluster.track();
        state.explore.track();
        state.proposal.track();
        state.notes.track();
        state.report.track();
        state.mode.track();
        state.year.track();
        state.indicator.track();
        state.title.track();
        let atlas = state.base.get();
        let large = atlas.units.len() > crate::state::PREPARED_SHAPES;
        let project = capture(state);
        let write = move || {
            let keys = &atlas.units.keys;
            let status = write_autosave(
                &codec::autosave_key(keys),
                &codec::autosave_text(&project, keys),
            );
            if state.autosave.get_untracked() != status {
                state.autosave.set(status);
            }
        };
        // A large map's keys take a while to fingerprint: written in a task of its own, so
        // that its first showing stays one short task (only the latest change is written).
        if !large {
            return write();
        }
        let this = LATEST_AUTOSAVE.with(|l| {
            l.set(l.get() + 1);
            l.get()
        });
        leptos::task::spawn_local(async move {
            crate::task::next_task().await;
            if LATEST_AUTOSAVE.with(|l| l.get()) == this {
                write();
            }
        });
    });
}

thread_local! {
    /// Counts the autosaves asked for (a deferred one is written only if it is the latest).
    static LATEST_AUTOSAVE: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
}

fn write_autosave(key: &str, text: &str) -> AutosaveStatus {
    let Some(st) = storage() else {
        return AutosaveStatus::Failed("no storage".into());
    };
    if let Err(e) = st.set_item(key, text) {
        let name = js_sys::Reflect::get(&e, &"name".into())
            .ok()
            .and_then(|n| n.as_string())
            .unwrap_or_else(|| "Error".into());
        return AutosaveStatus::Failed(name);
    }
    match st.get_item(key) {
        Ok(Some(back)) if back == text => AutosaveStatus::Saved,
        _ => AutosaveStatus::Failed("not read back".into()),
    }
}

/// Applies a state pasted into the address of an open page (only the `#s=…` part changed, so
/// the browser does not load the page again): the data shown stays, the state arrives beside
/// the user's own work, as when the page opens with it. Installed once by the app.
pub fn install_hash_listener(state: AppState) {
    let handle = window_event_listener(leptos::ev::hashchange, move |_| match from_address() {
        Some(Ok(packed)) => {
            let inputs = state.inputs.get_value();
            open(state, inputs, Some((packed, Origin::Link)));
        }
        Some(Err(e)) => report(state, &e),
        None => {}
    });
    // The app lives as long as the page.
    std::mem::forget(handle);
}

/// The state in the address (`#s=…`), if any: a packed state or the reason it cannot be read.
pub fn from_address() -> Option<Result<Packed, ProjectError>> {
    let hash = web_sys::window()?.location().hash().ok()?;
    let text = hash.strip_prefix("#s=")?;
    Some(codec::decode_link(text))
}

fn enc(s: &str) -> String {
    String::from(js_sys::encode_uri_component(s))
}

/// The link to the current view: this page, the data addresses, the state.
pub fn link(state: AppState) -> String {
    let loc = web_sys::window().map(|w| w.location());
    let base = loc
        .as_ref()
        .and_then(|l| Some(format!("{}{}", l.origin().ok()?, l.pathname().ok()?)))
        .unwrap_or_default();
    let query = match state.source.get_untracked() {
        DataSource::Address {
            geo,
            table,
            key,
            points,
        } => {
            let mut q = format!("?geo={}", enc(&geo));
            if let Some(t) = &table {
                q.push_str(&format!("&table={}", enc(t)));
            }
            if let Some(k) = &key {
                q.push_str(&format!("&key={}", enc(k)));
            }
            for p in &points {
                q.push_str(&format!("&points={}", enc(p)));
            }
            q
        }
        DataSource::ProjectAt(url) => format!("?data={}", enc(&url)),
        DataSource::Demo | DataSource::Files => String::new(),
    };
    let keys = state.base.get_untracked().units.keys.clone();
    format!(
        "{base}{query}#s={}",
        codec::link_text(&capture(state), &keys)
    )
}

/// The project file of the current data and view.
pub fn project_file(state: AppState) -> String {
    let keys = state.base.get_untracked().units.keys.clone();
    codec::project_file(&capture(state), &keys)
}

/// Opens a project file (picked, dropped, fetched or embedded in an offline file); `instead`
/// is a state from the address that takes the place of the file's own.
pub fn open_project_file(
    state: AppState,
    bytes: &[u8],
    source: DataSource,
    origin: Origin,
    instead: Option<Packed>,
) {
    let (mut inputs, packed) = match codec::read_project_file(bytes) {
        Ok(x) => x,
        Err(e) => {
            crate::io::worker::drop_spares();
            return report(state, &e);
        }
    };
    if let DataSource::ProjectAt(_) = source {
        inputs.source = source;
    }
    open(state, inputs, Some((instead.unwrap_or(packed), origin)));
}

/// The offline file: one HTML page with the app (JS glue inlined, wasm as base64), its styles,
/// and the current project, so it opens from file:// with no network at all.
pub async fn offline_html(state: AppState) -> Result<String, String> {
    use base64::Engine;
    let doc = document();
    let text_of = |id: &str| {
        doc.get_element_by_id(id)
            .and_then(|e| e.text_content())
            .map(|t| t.replace("<\\/", "</"))
    };
    // In an offline file the parts are embedded; online they are fetched from this server.
    let (glue, wasm_b64, css) = match (
        text_of("sozialatlas-glue"),
        text_of("sozialatlas-wasm"),
        text_of("sozialatlas-css"),
    ) {
        (Some(g), Some(w), Some(c)) => (g, w, c),
        _ => {
            let href = |sel: &str| {
                doc.query_selector(sel)
                    .ok()
                    .flatten()
                    .and_then(|e| e.get_attribute("href"))
                    .ok_or_else(|| format!("{sel} fehlt / missing"))
            };
            let lang = state.lang.get_untracked();
            let pick = |(de, en): (String, String)| lang.pick(&de, &en).to_string();
            let glue_bytes = crate::io::fetch::bytes(&href("link[rel=modulepreload]")?)
                .await
                .map_err(pick)?;
            let wasm = crate::io::fetch::bytes(&href("link[rel=preload][as=fetch]")?)
                .await
                .map_err(pick)?;
            let css = crate::io::fetch::bytes(&href("link[rel=stylesheet]")?)
                .await
                .map_err(pick)?;
            (
                String::from_utf8_lossy(&glue_bytes).into_owned(),
                base64::engine::general_purpose::STANDARD.encode(wasm),
                String::from_utf8_lossy(&css).into_owned(),
            )
        }
    };
    // Module glue as a classic part of one inline module: no `export` keywords.
    let inline_glue: String = glue
        .lines()
        .filter(|l| !l.starts_with("export {"))
        .map(|l| {
            l.strip_prefix("export ")
                .map_or_else(|| l.to_string(), str::to_string)
        })
        .collect::<Vec<_>>()
        .join("\n");
    let project = sozialatlas_core::export::inline_json(&project_file(state));
    // Code and styles are our own build: only a closing tag could end their element early.
    let safe = |s: &str| s.replace("</", "<\\/");
    let title = sozialatlas_core::export::svg::escape(&crate::io::download::file_stem(&[&state
        .title
        .get_untracked()]));
    Ok(format!(
        r#"<!DOCTYPE html>
<html lang="de">
<head>
<meta charset="utf-8" />
<meta name="viewport" content="width=device-width, initial-scale=1" />
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline' 'wasm-unsafe-eval'; style-src 'unsafe-inline'; img-src data: blob:; connect-src data: blob:; font-src data:; base-uri 'none'; form-action 'none'" />
<title>Sozialatlas – {title} (offline)</title>
<style id="sozialatlas-css">{css}</style>
<script type="application/json" id="sozialatlas-project">{project}</script>
<script type="text/plain" id="sozialatlas-wasm">{wasm_b64}</script>
<script type="text/plain" id="sozialatlas-glue">{glue_text}</script>
<script type="module">
{inline_glue}
const b64 = document.getElementById('sozialatlas-wasm').textContent;
await __wbg_init({{ module_or_path: Uint8Array.from(atob(b64), (c) => c.charCodeAt(0)) }});
</script>
</head>
<body></body>
</html>
"#,
        css = safe(&css),
        glue_text = safe(&glue),
        inline_glue = safe(&inline_glue),
    ))
}

/// The project embedded in an offline file, if this page is one.
pub fn embedded_project() -> Option<String> {
    document()
        .get_element_by_id("sozialatlas-project")
        .and_then(|e| e.text_content())
        // Offline files of format 1 escaped only `</`.
        .map(|t| t.replace("<\\/", "</"))
}

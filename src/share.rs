//! Sharing: the state in the link (`#s=…`), the project file (`.sozialatlas.json`, also at
//! `?data=URL`) and the offline HTML file. The formats live in `sozialatlas_core::share`; this
//! module captures the app's signals into a [`ViewState`] and applies one.

use crate::define::CompareView;
use crate::i18n::Lang;
use crate::state::{AppState, ClassifyView, Mode};
use leptos::prelude::*;
use sozialatlas_core::share::{
    self, fingerprint, Project, ShareError, SharedDefinition, ViewState,
};

/// Where the shown data came from (what a link can name).
#[derive(Clone, Debug, Default, PartialEq)]
pub enum DataSource {
    /// The built-in demo town.
    #[default]
    Demo,
    /// `?geo=&table=&key=` addresses.
    Urls(crate::io::url::DataParams),
    /// A project file at an address (`?data=`).
    Project(String),
    /// Files from this computer (a link cannot carry them).
    Files,
}

/// The input files as loaded (name, role `geo`/`table`, bytes), for the project file.
pub type Inputs = Vec<(String, String, Vec<u8>)>;

fn mode_name(m: Mode) -> &'static str {
    match m {
        Mode::Explore => "explore",
        Mode::Classify => "classify",
        Mode::Cluster => "cluster",
        Mode::Define => "define",
        Mode::Compare => "compare",
    }
}

fn mode_of(s: &str) -> Mode {
    match s {
        "classify" => Mode::Classify,
        "cluster" => Mode::Cluster,
        "define" => Mode::Define,
        "compare" => Mode::Compare,
        _ => Mode::Explore,
    }
}

/// The app's state now.
pub fn capture(state: AppState) -> ViewState {
    let atlas = state.atlas.get_untracked();
    let specs = state.indicators.get_untracked();
    let classify = state.classify.get_untracked();
    let cluster = state.cluster.get_untracked();
    let explore = state.explore.get_untracked();
    let d = state.define;
    let defs = d.defs.get_untracked();
    ViewState {
        v: share::VERSION,
        fp: fingerprint(&atlas.units.keys),
        mode: mode_name(state.mode.get_untracked()).into(),
        lang: state.lang.get_untracked().code().into(),
        ind: specs
            .get(state.indicator.get_untracked())
            .map(|s| s.id.clone())
            .unwrap_or_default(),
        year: (!atlas.years.is_empty()).then(|| state.year.get_untracked()),
        k: state.classes.get_untracked(),
        change: explore.change,
        pooled: explore.pooled,
        cview: match classify.view {
            ClassifyView::Status => "status".into(),
            ClassifyView::Dynamic => "dynamic".into(),
            ClassifyView::Grid => "grid".into(),
            ClassifyView::Band(id) => format!("band:{id}"),
        },
        cind: classify.indicators,
        cdyn: classify.dynamic,
        cmin: classify.min_population,
        kind: cluster.indicators,
        kk: cluster.k,
        kref: cluster.refine,
        kseed: cluster.seed,
        labels: state.labels.get_untracked(),
        zoom: state.zoom.get_untracked(),
        defs: defs
            .iter()
            .map(|def| SharedDefinition::from_definition(def, &atlas.units.keys))
            .collect(),
        active: d.active.get_untracked(),
        pair: d.pair.get_untracked(),
        bounds: d.bounds.get_untracked(),
    }
}

/// Applies a state to the shown data; an error (and nothing changed) when it was made for
/// other data.
pub fn apply(state: AppState, vs: &ViewState) -> Result<(), ShareError> {
    let atlas = state.atlas.get_untracked();
    if vs.fp != fingerprint(&atlas.units.keys) {
        return Err(ShareError::Inconsistent);
    }
    let defs = vs
        .defs
        .iter()
        .map(|d| d.to_definition(&atlas.units.keys))
        .collect::<Result<Vec<_>, _>>()?;
    let specs = state.indicators.get_untracked();
    if let Some(i) = specs.iter().position(|s| s.id == vs.ind) {
        state.indicator.set(i);
    }
    if let Some(y) = vs.year.filter(|y| atlas.years.contains(y)) {
        state.year.set(y);
    }
    if (2..=9).contains(&vs.k) {
        state.classes.set(vs.k);
    }
    state.explore.set(crate::state::ExploreSettings {
        change: vs.change,
        pooled: vs.pooled,
    });
    let known = |ids: &[String]| -> Vec<String> {
        ids.iter()
            .filter(|id| specs.iter().any(|s| &s.id == *id))
            .cloned()
            .collect()
    };
    state.classify.update(|c| {
        c.view = match vs.cview.as_str() {
            "dynamic" => ClassifyView::Dynamic,
            "grid" => ClassifyView::Grid,
            b if b.starts_with("band:") => ClassifyView::Band(b[5..].to_string()),
            _ => ClassifyView::Status,
        };
        if !vs.cind.is_empty() {
            c.indicators = known(&vs.cind);
        }
        c.dynamic = known(&vs.cdyn);
        c.min_population = vs.cmin;
    });
    state.cluster.update(|c| {
        if !vs.kind.is_empty() {
            c.indicators = known(&vs.kind);
        }
        if (2..=12).contains(&vs.kk) {
            c.k = vs.kk;
        }
        c.refine = vs.kref;
        c.seed = vs.kseed;
    });
    state.labels.set(vs.labels);
    state.zoom.set(
        vs.zoom
            .filter(|z| z.iter().all(|v| v.is_finite()) && z[2] > 0.0 && z[3] > 0.0),
    );
    state
        .lang
        .set(if vs.lang == "en" { Lang::En } else { Lang::De });
    let n = defs.len();
    state.define.replace_all(
        defs,
        vs.active.min(n.saturating_sub(1)),
        (
            vs.pair.0.min(n.saturating_sub(1)),
            vs.pair.1.min(n.saturating_sub(1)),
        ),
    );
    state.define.bounds.set(vs.bounds);
    state.define.compare_view.set(CompareView::SideBySide);
    state.mode.set(mode_of(&vs.mode));
    Ok(())
}

/// Shows a share problem in both languages.
pub fn report(state: AppState, e: &ShareError) {
    state.share_message.set(Some((
        e.message(sozialatlas_core::lang::Lang::De),
        e.message(sozialatlas_core::lang::Lang::En),
    )));
}

/// The state in the address (`#s=…`), if any: a state or the reason it cannot be read.
pub fn from_address() -> Option<Result<ViewState, ShareError>> {
    let hash = web_sys::window()?.location().hash().ok()?;
    let text = hash.strip_prefix("#s=")?;
    Some(share::decode(text))
}

/// Applies a state waiting for its data (from the address), once the data is there.
pub fn apply_pending(state: AppState) {
    if let Some(vs) = state.pending.write_value().take() {
        if let Err(e) = apply(state, &vs) {
            report(state, &e);
        }
    }
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
        DataSource::Urls(p) => {
            let mut q = format!("?geo={}", enc(&p.geo));
            if let Some(t) = &p.table {
                q.push_str(&format!("&table={}", enc(t)));
            }
            if let Some(k) = &p.key {
                q.push_str(&format!("&key={}", enc(k)));
            }
            q
        }
        DataSource::Project(url) => format!("?data={}", enc(&url)),
        DataSource::Demo | DataSource::Files => String::new(),
    };
    format!("{base}{query}#s={}", share::encode(&capture(state)))
}

/// The project file of the current data and view.
pub fn project(state: AppState) -> Project {
    let atlas = state.atlas.get_untracked();
    let key = (state.source.get_untracked() != DataSource::Demo)
        .then(|| state.key_column.get_untracked());
    let inputs = state.inputs.get_value();
    Project::new(&atlas.name, key.as_deref(), &inputs, &capture(state))
}

/// Opens a project: loads its files (or the demo town) and applies its state, or `instead` (a
/// state from the address) when given.
pub fn open_project(state: AppState, bytes: &[u8], source: DataSource, instead: Option<ViewState>) {
    let p = match Project::from_json(bytes) {
        Ok(p) => p,
        Err(e) => return report(state, &e),
    };
    let vs = match (instead, p.view_state()) {
        (Some(v), _) | (None, Ok(v)) => v,
        (None, Err(e)) => return report(state, &e),
    };
    let files = match (p.file("geo"), p.file("table")) {
        (Ok(g), Ok(t)) => (g, t),
        (Err(e), _) | (_, Err(e)) => return report(state, &e),
    };
    match files.0 {
        None => {
            state.replace_atlas(
                sozialatlas_core::demo::musterstadt(),
                sozialatlas_core::demo::KEY_COLUMN,
            );
            state.inputs.set_value(vec![]);
            state.source.set(source);
            if let Err(e) = apply(state, &vs) {
                report(state, &e);
            }
        }
        Some(map) => {
            *state.pending.write_value() = Some(vs);
            let choices = crate::loader::Choices {
                key: p.key.clone(),
                ..Default::default()
            };
            crate::loader::load_bytes(state, map, files.1, choices, source);
        }
    }
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
            let glue_bytes =
                crate::io::fetch::bytes(&href("link[rel=modulepreload]")?, lang).await?;
            let wasm = crate::io::fetch::bytes(&href("link[rel=preload][as=fetch]")?, lang).await?;
            let css = crate::io::fetch::bytes(&href("link[rel=stylesheet]")?, lang).await?;
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
    let project = project(state).to_json();
    let safe = |s: &str| s.replace("</", "<\\/");
    let title = crate::io::download::file_stem(&[&state.atlas.get_untracked().name]);
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
        project = safe(&project),
        glue_text = safe(&glue),
        inline_glue = safe(&inline_glue),
    ))
}

/// The project embedded in an offline file, if this page is one.
pub fn embedded_project() -> Option<String> {
    document()
        .get_element_by_id("sozialatlas-project")
        .and_then(|e| e.text_content())
        .map(|t| t.replace("<\\/", "</"))
}

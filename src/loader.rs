//! Loading user data: bytes from files or URLs go to the core's `ingest::load`; the result
//! replaces the atlas, or the error is shown while the previous data stays on screen.

use crate::i18n::{t, Lang, T};
use crate::io::{fetch, files, perf, url::DataParams};
use crate::state::{AppState, LoadStatus};
use leptos::prelude::*;
use sozialatlas_core::ingest::geojson::CrsSource;
use sozialatlas_core::ingest::inspect::Input;
use sozialatlas_core::ingest::load::{load, Loaded};
use sozialatlas_core::model::Crs;

/// The coordinate systems the user can choose from (the core supports these).
pub const CRS_CHOICES: [(u32, &str); 10] = [
    (25832, "ETRS89 / UTM 32N"),
    (25833, "ETRS89 / UTM 33N"),
    (4647, "ETRS89 / UTM 32N (mit Zonenkennung)"),
    (4326, "WGS 84 (Längen-/Breitengrad)"),
    (3857, "Web Mercator"),
    (31466, "DHDN / Gauß-Krüger Zone 2"),
    (31467, "DHDN / Gauß-Krüger Zone 3"),
    (31468, "DHDN / Gauß-Krüger Zone 4"),
    (31469, "DHDN / Gauß-Krüger Zone 5"),
    (3035, "ETRS89 / LAEA Europa"),
];

/// What the user chose besides the files.
#[derive(Clone, Debug, Default)]
pub struct Choices {
    /// Key column.
    pub key: Option<String>,
    /// Coordinate system of the map (overrides file and detection).
    pub crs: Option<Crs>,
    /// Sheet of an Excel table.
    pub sheet: Option<String>,
}

fn is_map(name: &str) -> bool {
    let l = name.to_lowercase();
    l.ends_with(".geojson") || l.ends_with(".json") || l.ends_with(".zip")
}

fn stem(name: &str) -> String {
    name.rsplit_once('.')
        .map_or(name.to_string(), |(n, _)| n.to_string())
}

/// The summary line: areas, join, coordinate system and how it was found.
fn summary(l: &Loaded) -> (String, String) {
    let n = l.atlas.units.len();
    let (how_de, how_en) = match l.crs_source {
        CrsSource::Declared => ("aus der Datei", "from the file"),
        CrsSource::Detected { certain: true } => (
            "aus den Koordinaten erkannt",
            "detected from the coordinates",
        ),
        CrsSource::Detected { certain: false } => {
            ("vermutet – bitte prüfen", "guessed – please check")
        }
        CrsSource::Override => ("gewählt", "chosen"),
    };
    let (de, en) = match (&l.report, &l.key) {
        (Some(r), Some(k)) => (
            format!(
                "{n} Gebiete geladen, {} mit Tabellenzeile verknüpft (Schlüssel „{}“ / „{}“).",
                r.matched, k.geo, k.table
            ),
            format!(
                "{n} areas loaded, {} joined to a table row (key \"{}\" / \"{}\").",
                r.matched, k.geo, k.table
            ),
        ),
        _ => (
            format!("{n} Gebiete geladen."),
            format!("{n} areas loaded."),
        ),
    };
    (
        format!("{de} Koordinatensystem: {} ({how_de}).", l.crs),
        format!("{en} Coordinate system: {} ({how_en}).", l.crs),
    )
}

/// Loads map and table bytes (from files, addresses or a project file) and remembers where
/// they came from; a state waiting for this data (from a link or project) is applied after.
pub fn load_bytes(
    state: AppState,
    map: (String, Vec<u8>),
    table: Option<(String, Vec<u8>)>,
    choices: Choices,
    source: crate::share::DataSource,
) {
    let name = stem(&map.0);
    if finish(state, &name, &map, table.as_ref(), &choices) {
        let mut inputs = vec![(map.0, "geo".to_string(), map.1)];
        if let Some((n, b)) = table {
            inputs.push((n, "table".to_string(), b));
        }
        state.inputs.set_value(inputs);
        state.source.set(source);
        crate::share::apply_pending(state);
    }
}

/// Loads the bytes; true when the atlas was replaced.
fn finish(
    state: AppState,
    name: &str,
    map: &(String, Vec<u8>),
    table: Option<&(String, Vec<u8>)>,
    choices: &Choices,
) -> bool {
    let geo = Input {
        name: &map.0,
        bytes: &map.1,
    };
    let table_input = table.map(|(n, b)| Input { name: n, bytes: b });
    let start = perf::now();
    let result = perf::time("parse-reproject-join", || {
        load(
            name,
            &geo,
            table_input.as_ref(),
            choices.key.as_deref(),
            choices.crs,
            choices.sheet.as_deref(),
        )
    });
    match result {
        Ok(loaded) => {
            let status = LoadStatus::Loaded {
                summary: summary(&loaded),
                warnings: loaded
                    .warnings
                    .iter()
                    .map(|w| (w.message(Lang::De), w.message(Lang::En)))
                    .collect(),
            };
            let key = loaded
                .key
                .as_ref()
                .map_or_else(|| "key".to_string(), |k| k.geo.clone());
            let render = perf::now();
            state.replace_atlas(loaded.atlas, &key);
            state.load.set(status);
            perf::measure_to_paint("render", render);
            perf::measure_to_paint("bytes-to-map", start);
            true
        }
        Err(e) => {
            fail(state, e.message(Lang::De), e.message(Lang::En));
            false
        }
    }
}

fn fail(state: AppState, de: String, en: String) {
    state.load.set(LoadStatus::Failed { message: (de, en) });
}

/// Loads picked or dropped files: one map (.geojson/.json/.zip) and at most one table.
pub fn load_files(state: AppState, chosen: Vec<web_sys::File>, choices: Choices) {
    if chosen.is_empty() {
        return;
    }
    state.load.set(LoadStatus::Loading);
    leptos::task::spawn_local(async move {
        let mut map = None;
        let mut table = None;
        for f in &chosen {
            match files::read(f).await {
                Ok(nb) if is_map(&nb.name) => map = Some((nb.name, nb.bytes)),
                Ok(nb) => table = Some((nb.name, nb.bytes)),
                Err(e) => return fail(state, e.clone(), e),
            }
        }
        // A project file dropped or chosen opens as a project.
        if let Some((_, bytes)) = map
            .as_ref()
            .filter(|(n, _)| n.to_lowercase().ends_with(".sozialatlas.json"))
        {
            return crate::share::open_project(state, bytes, crate::share::DataSource::Files, None);
        }
        match map {
            Some(map) => load_bytes(state, map, table, choices, crate::share::DataSource::Files),
            None => fail(
                state,
                t(Lang::De, T::NeedMap).into(),
                t(Lang::En, T::NeedMap).into(),
            ),
        }
    });
}

/// Opens the project file at `url` (`?data=`); `instead` is a state from the address.
pub fn load_project_url(
    state: AppState,
    url: String,
    instead: Option<sozialatlas_core::share::ViewState>,
) {
    state.load.set(LoadStatus::Loading);
    leptos::task::spawn_local(async move {
        match fetch::bytes(&url, state.lang.get_untracked()).await {
            Ok(b) => {
                state.load.set(LoadStatus::Idle);
                crate::share::open_project(
                    state,
                    &b,
                    crate::share::DataSource::Project(url),
                    instead,
                )
            }
            Err(e) => fail(state, e.clone(), e),
        }
    });
}

/// Loads the data named in the page address.
pub fn load_urls(state: AppState, params: DataParams) {
    state.load.set(LoadStatus::Loading);
    leptos::task::spawn_local(async move {
        let lang = state.lang.get_untracked();
        let map = match fetch::bytes(&params.geo, lang).await {
            Ok(b) => (fetch::file_name(&params.geo), b),
            Err(e) => return fail(state, e.clone(), e),
        };
        let table = match &params.table {
            Some(u) => match fetch::bytes(u, lang).await {
                Ok(b) => Some((fetch::file_name(u), b)),
                Err(e) => return fail(state, e.clone(), e),
            },
            None => None,
        };
        let choices = Choices {
            key: params.key.clone(),
            ..Choices::default()
        };
        load_bytes(
            state,
            map,
            table,
            choices,
            crate::share::DataSource::Urls(params),
        );
    });
}

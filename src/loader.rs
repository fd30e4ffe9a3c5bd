//! Loading user data: bytes from files or URLs go to the core's `ingest::load`; the result
//! replaces the atlas, or the error is shown while the previous data stays on screen.

use crate::i18n::{t, Lang, T};
use crate::io::{fetch, files, url::DataParams};
use crate::state::{AppState, LoadStatus};
use leptos::prelude::*;
use sozialatlas_core::ingest::inspect::Input;
use sozialatlas_core::ingest::load::{load, Loaded};

fn is_map(name: &str) -> bool {
    let l = name.to_lowercase();
    l.ends_with(".geojson") || l.ends_with(".json") || l.ends_with(".zip")
}

fn summary(l: &Loaded) -> (String, String) {
    let n = l.atlas.units.len();
    match (&l.report, &l.key) {
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
    }
}

fn finish(
    state: AppState,
    name: &str,
    map: (String, Vec<u8>),
    table: Option<(String, Vec<u8>)>,
    key: Option<String>,
) {
    let geo = Input {
        name: &map.0,
        bytes: &map.1,
    };
    let table_input = table.as_ref().map(|(n, b)| Input { name: n, bytes: b });
    match load(name, &geo, table_input.as_ref(), key.as_deref(), None) {
        Ok(loaded) => {
            let status = LoadStatus::Loaded {
                summary: summary(&loaded),
                warnings: loaded
                    .warnings
                    .iter()
                    .map(|w| (w.message(Lang::De), w.message(Lang::En)))
                    .collect(),
            };
            state.replace_atlas(loaded.atlas);
            state.load.set(status);
        }
        Err(e) => state.load.set(LoadStatus::Failed {
            message: (e.message(Lang::De), e.message(Lang::En)),
        }),
    }
}

fn fail(state: AppState, de: String, en: String) {
    state.load.set(LoadStatus::Failed { message: (de, en) });
}

/// Loads picked or dropped files: one map (.geojson/.json) and at most one table.
pub fn load_files(state: AppState, chosen: Vec<web_sys::File>, key: Option<String>) {
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
        match map {
            Some(map) => {
                let name = map
                    .0
                    .rsplit_once('.')
                    .map_or(map.0.clone(), |(n, _)| n.to_string());
                finish(state, &name, map, table, key);
            }
            None => fail(
                state,
                t(Lang::De, T::NeedMap).into(),
                t(Lang::En, T::NeedMap).into(),
            ),
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
        let name = map
            .0
            .rsplit_once('.')
            .map_or(map.0.clone(), |(n, _)| n.to_string());
        finish(state, &name, map, table, params.key);
    });
}

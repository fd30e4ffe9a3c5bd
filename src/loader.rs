//! Where data comes from: files picked or dropped, addresses in the page address
//! (`?geo=&table=&key=`, `?data=`), a project file, the offline file's own project. Only bytes
//! are gathered here; [`crate::project::open`] reads them with the core and shows the project.
//! A failed load leaves the previous data on screen.
//!
//! Addresses from a link are checked first ([`sozialatlas_core::project::address`]): the
//! page's own files load at once; another origin, a private-network host or a `data:` address
//! is asked for ([`Ask`]), and nothing is requested before the user agrees.

use crate::i18n::{t, Lang, T};
use crate::io::{fetch, files, url::DataParams};
use crate::state::{AppState, Ask, LoadStatus};
use leptos::prelude::*;
use sozialatlas_core::model::Crs;
use sozialatlas_core::project::address::{self, Address};
use sozialatlas_core::project::codec::Packed;
use sozialatlas_core::project::{DataSource, InputFile, Inputs, ReadSettings};
use sozialatlas_core::sozialraum::session::Origin;

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
    /// Key column (of the table; of the map too when it has one of that name).
    pub key: Option<String>,
    /// Coordinate system of the map (overrides file and detection).
    pub crs: Option<Crs>,
    /// Sheet of an Excel table.
    pub sheet: Option<String>,
}

impl Choices {
    fn read_settings(&self) -> ReadSettings {
        ReadSettings {
            map_key: None,
            table_key: self.key.clone(),
            sheet: self.sheet.clone(),
            crs: self.crs.map(|c| c.epsg),
        }
    }
}

/// A load from addresses that waits for the user's answer.
#[derive(Clone, Debug, PartialEq)]
pub enum Pending {
    /// `?geo=&table=&key=` with the state from the address.
    Urls(DataParams, Option<Packed>),
    /// `?data=` with the state from the address.
    Project(String, Option<Packed>),
}

fn is_map(name: &str) -> bool {
    let l = name.to_lowercase();
    l.ends_with(".geojson") || l.ends_with(".json") || l.ends_with(".zip")
}

fn fail(state: AppState, (de, en): (String, String)) {
    state.load.set(LoadStatus::Failed { message: (de, en) });
}

/// Loads picked or dropped files: one map (.geojson/.json/.zip) and at most one table, or a
/// project file.
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
                Ok(nb) if is_map(&nb.name) => map = Some(nb),
                Ok(nb) => table = Some(nb),
                Err(e) => return fail(state, e),
            }
        }
        // A project file dropped or chosen opens as a project.
        if let Some(p) = map
            .as_ref()
            .filter(|m| m.name.to_lowercase().ends_with(".sozialatlas.json"))
        {
            state.load.set(LoadStatus::Idle);
            return crate::project::open_project_file(
                state,
                &p.bytes,
                DataSource::Files,
                Origin::File,
                None,
            );
        }
        let Some(map) = map else {
            return fail(
                state,
                (
                    t(Lang::De, T::NeedMap).into(),
                    t(Lang::En, T::NeedMap).into(),
                ),
            );
        };
        let inputs = Inputs {
            source: DataSource::Files,
            map: Some(InputFile::new(&map.name, map.bytes)),
            table: table.map(|t| InputFile::new(&t.name, t.bytes)),
            read: choices.read_settings(),
        };
        crate::project::open(state, inputs, None);
    });
}

/// Opens the project file at `url` (`?data=`); `instead` is a state from the address.
pub fn load_project_url(state: AppState, url: String, instead: Option<Packed>) {
    state.load.set(LoadStatus::Loading);
    leptos::task::spawn_local(async move {
        match fetch::bytes(&url).await {
            Ok(b) => {
                state.load.set(LoadStatus::Idle);
                crate::project::open_project_file(
                    state,
                    &b,
                    DataSource::ProjectAt(url),
                    Origin::Link,
                    instead,
                )
            }
            Err(e) => fail(state, e),
        }
    });
}

/// The name a fetched file is shown with: its file name, with the host for another origin, so
/// the source line names where the data came from.
fn shown_name(url: &str) -> String {
    let name = fetch::file_name(url);
    match address::assess(url, &page()) {
        Address::SameOrigin => name,
        a => format!("{} ({name})", a.source_label(url)),
    }
}

/// Loads the data named in the page address, with the state from the address (`#s=`).
pub fn load_urls(state: AppState, params: DataParams, saved: Option<Packed>) {
    state.load.set(LoadStatus::Loading);
    leptos::task::spawn_local(async move {
        let map = match fetch::bytes(&params.geo).await {
            Ok(b) => InputFile::new(&shown_name(&params.geo), b),
            Err(e) => return fail(state, e),
        };
        let table = match &params.table {
            Some(u) => match fetch::bytes(u).await {
                Ok(b) => Some(InputFile::new(&shown_name(u), b)),
                Err(e) => return fail(state, e),
            },
            None => None,
        };
        let inputs = Inputs {
            source: DataSource::Address {
                geo: params.geo.clone(),
                table: params.table.clone(),
                key: params.key.clone(),
            },
            map: Some(map),
            table,
            read: ReadSettings {
                table_key: params.key.clone(),
                ..ReadSettings::default()
            },
        };
        crate::project::open(state, inputs, saved.map(|p| (p, Origin::Link)));
    });
}

/// The page's own address.
fn page() -> String {
    web_sys::window()
        .and_then(|w| w.location().href().ok())
        .unwrap_or_default()
}

/// Runs a pending load (the user agreed, or nothing needed asking).
pub fn run(state: AppState, pending: Pending) {
    match pending {
        Pending::Urls(params, saved) => load_urls(state, params, saved),
        Pending::Project(url, saved) => load_project_url(state, url, saved),
    }
}

/// Loads from addresses: at once when they are on this page's origin, else after asking (the
/// question names the host, or says that the data is inside the link).
pub fn load_or_ask(state: AppState, pending: Pending) {
    let urls: Vec<&str> = match &pending {
        Pending::Urls(p, _) => std::iter::once(p.geo.as_str())
            .chain(p.table.as_deref())
            .collect(),
        Pending::Project(u, _) => vec![u.as_str()],
    };
    let page = page();
    let asks: Vec<Address> = urls
        .iter()
        .map(|u| address::assess(u, &page))
        .filter(|a| !a.loads_at_once())
        .collect();
    if let Some(a) = asks.iter().find(|a| matches!(a, Address::Refused { .. })) {
        return fail(
            state,
            (
                a.question(sozialatlas_core::locale::Lang::De),
                a.question(sozialatlas_core::locale::Lang::En),
            ),
        );
    }
    if asks.is_empty() {
        return run(state, pending);
    }
    // One question naming every other host (private ones first).
    let mut asks = asks;
    asks.sort_by_key(|a| !matches!(a, Address::Foreign { private: true, .. }));
    asks.dedup();
    let join = |l| {
        asks.iter()
            .map(|a| a.question(l))
            .collect::<Vec<_>>()
            .join(" ")
    };
    state.ask.set(Some(Ask {
        question: (
            join(sozialatlas_core::locale::Lang::De),
            join(sozialatlas_core::locale::Lang::En),
        ),
        pending,
    }));
}

/// The user's answer to [`Ask`]: load, or stay with what is shown.
pub fn answer(state: AppState, load: bool) {
    let Some(ask) = state.ask.get_untracked() else {
        return;
    };
    state.ask.set(None);
    if load {
        run(state, ask.pending);
    } else {
        state.load.set(LoadStatus::Failed {
            message: (
                "Die Daten aus dem Link wurden nicht geladen. Es wird die Beispielstadt gezeigt."
                    .into(),
                "The data from the link was not loaded. The demo town is shown.".into(),
            ),
        });
    }
}

/// Back to the demo town (a fresh project; the browser's autosave of it is restored).
pub fn demo(state: AppState) {
    crate::project::open(state, Inputs::default(), None);
    state.load.set(LoadStatus::Idle);
}

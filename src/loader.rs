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
            points: vec![],
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

/// True for bytes of a point layer: a Zensus grid, or GeoJSON with points and no polygons.
fn is_points(bytes: &[u8]) -> bool {
    if sozialatlas_core::facilities::grid::looks_like_grid(bytes) {
        return true;
    }
    let head = &bytes[..bytes.len().min(1 << 20)];
    let text = String::from_utf8_lossy(head);
    text.trim_start().starts_with('{')
        && (text.contains("\"Point\"") || text.contains("\"MultiPoint\""))
        && !text.contains("Polygon\"")
}

fn fail(state: AppState, (de, en): (String, String)) {
    crate::io::worker::drop_spares();
    state.load.set(LoadStatus::Failed { message: (de, en) });
}

/// Loads picked or dropped files: one map (.geojson/.json/.zip) and at most one table, or a
/// project file.
pub fn load_files(state: AppState, chosen: Vec<web_sys::File>, choices: Choices) {
    if chosen.is_empty() {
        return;
    }
    state.load.set(LoadStatus::Loading);
    // The workers that will read large files start while they are read from the disk (what
    // is a map is told by the name here; the rest counts as the table).
    let (maps, rest): (Vec<_>, Vec<_>) = chosen.iter().partition(|f| is_map(&f.name()));
    let size = |files: &[&web_sys::File]| files.iter().map(|f| f.size()).sum::<f64>();
    crate::io::worker::warm(size(&maps), (!rest.is_empty()).then(|| size(&rest)));
    leptos::task::spawn_local(async move {
        let mut map = None;
        let mut table = None;
        let mut points = vec![];
        let mut grids = vec![];
        for f in &chosen {
            match files::read(f).await {
                // Point layers (GeoJSON of points, a Zensus grid) dropped beside the map.
                Ok(nb) if sozialatlas_core::facilities::grid::looks_like_grid(&nb.bytes) => {
                    grids.push(f.clone())
                }
                Ok(nb) if is_points(&nb.bytes) => points.push(InputFile::new(&nb.name, nb.bytes)),
                Ok(nb) if is_map(&nb.name) => map = Some(nb),
                Ok(nb) => table = Some(nb),
                Err(e) => return fail(state, e),
            }
        }
        if map.is_none() && table.is_none() {
            // Only point layers: added to the map shown.
            crate::io::worker::drop_spares();
            state.load.set(LoadStatus::Idle);
            for p in points {
                if let Err(e) = add_layer(state, p, None) {
                    return fail(state, e);
                }
            }
            for g in &grids {
                if let Err(e) = add_grid(state, g).await {
                    return fail(state, e);
                }
            }
            return;
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
            points,
            read: choices.read_settings(),
        };
        crate::project::open(state, inputs, None);
        // A grid dropped with the map is summed onto it once it is shown.
        for g in &grids {
            if let Err(e) = add_grid(state, g).await {
                return fail(state, e);
            }
        }
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
        // Map and table are requested at once; when their heads say they are large, the
        // workers that will read them start while the bodies arrive.
        let map = fetch::request(&params.geo);
        let table = params.table.as_deref().map(fetch::request);
        let map = match map.arrived().await {
            Ok(a) => a,
            Err(e) => return fail(state, e),
        };
        let table = match table {
            Some(t) => match t.arrived().await {
                Ok(a) => Some(a),
                Err(e) => return fail(state, e),
            },
            None => None,
        };
        crate::io::worker::warm(
            map.size.unwrap_or(0.0),
            table.as_ref().map(|t| t.size.unwrap_or(0.0)),
        );
        let map = match map.bytes().await {
            Ok(b) => InputFile::new(&shown_name(&params.geo), b),
            Err(e) => return fail(state, e),
        };
        let table = match (table, &params.table) {
            (Some(t), Some(u)) => match t.bytes().await {
                Ok(b) => Some(InputFile::new(&shown_name(u), b)),
                Err(e) => return fail(state, e),
            },
            _ => None,
        };
        // A point layer that cannot be fetched is named; the map and the other layers load.
        let mut points = vec![];
        let mut missing = vec![];
        for u in &params.points {
            match fetch::bytes(u).await {
                Ok(b) => points.push(InputFile::new(&shown_name(u), b)),
                Err(e) => missing.push(e),
            }
        }
        let inputs = Inputs {
            source: DataSource::Address {
                geo: params.geo.clone(),
                table: params.table.clone(),
                key: params.key.clone(),
                points: params.points.clone(),
            },
            map: Some(map),
            table,
            points,
            read: ReadSettings {
                table_key: params.key.clone(),
                ..ReadSettings::default()
            },
        };
        crate::project::open(state, inputs, saved.map(|p| (p, Origin::Link)));
        if !missing.is_empty() {
            state.load.update(|l| match l {
                LoadStatus::Loaded { warnings, .. } => warnings.extend(missing),
                other => {
                    *other = LoadStatus::Failed {
                        message: missing[0].clone(),
                    }
                }
            });
        }
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
            .chain(p.points.iter().map(String::as_str))
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

/// Adds point layers (facilities) from picked or dropped files to the data shown, each with
/// the coverage distance `within`; a Zensus grid file is read in slices (progress shown, the
/// page stays responsive) and summed onto the units. A file that cannot be used gives its
/// message and changes nothing.
pub fn add_points(state: AppState, chosen: Vec<web_sys::File>, within: Option<f64>) {
    if chosen.is_empty() {
        return;
    }
    leptos::task::spawn_local(async move {
        for f in chosen {
            let head = match files::read_slice(&f, 0.0, 4096.0).await {
                Ok(h) => h,
                Err(e) => return fail(state, e),
            };
            if sozialatlas_core::facilities::grid::looks_like_grid(&head) {
                if let Err(e) = add_grid(state, &f).await {
                    return fail(state, e);
                }
                continue;
            }
            let nb = match files::read(&f).await {
                Ok(nb) => nb,
                Err(e) => return fail(state, e),
            };
            if let Err(e) = add_layer(state, InputFile::new(&nb.name, nb.bytes), within) {
                return fail(state, e);
            }
        }
    });
}

/// Places one point layer on the base units (see [`add_points`]).
pub fn add_layer(
    state: AppState,
    file: InputFile,
    within: Option<f64>,
) -> Result<(), crate::io::fetch::Msg> {
    use sozialatlas_core::facilities::PointSettings;
    use sozialatlas_core::locale::Lang as L;
    let mut atlas = (*state.base.get_untracked()).clone();
    let mut inputs = state.inputs.get_value();
    let mut catalogue = state.indicators.get_untracked();
    let settings = PointSettings {
        within,
        ..PointSettings::default()
    };
    let placed = crate::io::perf::time("points-place", || {
        sozialatlas_core::project::add_points(
            &mut atlas,
            &mut inputs,
            &mut catalogue,
            file,
            settings,
        )
    })
    .map_err(|e| (e.message(L::De), e.message(L::En)))?;
    let l = &placed.layer;
    let inside = l.points.len() - placed.tally.outside.len();
    let summary = (
        format!(
            "{}: {} von {} Punkten auf der Karte",
            l.file,
            inside,
            l.points.len()
        ),
        format!(
            "{}: {} of {} points on the map",
            l.file,
            inside,
            l.points.len()
        ),
    );
    let mut warnings: Vec<(String, String)> = l
        .warnings
        .iter()
        .map(|w| (w.message(L::De), w.message(L::En)))
        .collect();
    if let (Some(de), Some(en)) = (placed.outside_message(L::De), placed.outside_message(L::En)) {
        warnings.push((de, en));
    }
    state.inputs.set_value(inputs);
    state.indicators.set(catalogue);
    state.base.set(std::sync::Arc::new(atlas));
    state.layers.update(|v| {
        let mut all = (**v).clone();
        all.push(placed);
        *v = std::sync::Arc::new(all);
    });
    state.load.set(LoadStatus::Loaded { summary, warnings });
    Ok(())
}

/// Reads a Zensus grid file in slices of 4 MB and adds its sums per unit (see [`add_points`]).
async fn add_grid(state: AppState, f: &web_sys::File) -> Result<(), crate::io::fetch::Msg> {
    use sozialatlas_core::facilities::{grid, supply};
    use sozialatlas_core::locale::Lang as L;
    const SLICE: f64 = 4.0 * 1024.0 * 1024.0;
    let start = crate::io::perf::now();
    let base = state.base.get_untracked();
    let index = sozialatlas_core::map::index::HitIndex::build(&base.units.geometry);
    let total = f.size();
    let name = f.name();
    let msg = |e: sozialatlas_core::facilities::PointsError| (e.message(L::De), e.message(L::En));
    let mut reader =
        grid::GridReader::new(&name, &base.units.geometry, &index, base.units.crs, &[])
            .map_err(msg)?;
    let mut at = 0.0;
    state.grid_progress.set(Some((0, total as u64, 0)));
    while at < total {
        let end = (at + SLICE).min(total);
        let chunk = match files::read_slice(f, at, end).await {
            Ok(c) => c,
            Err(e) => {
                state.grid_progress.set(None);
                return Err(e);
            }
        };
        if let Err(e) = reader.feed(&chunk) {
            state.grid_progress.set(None);
            return Err(msg(e));
        }
        at = end;
        let p = reader.progress();
        state
            .grid_progress
            .set(Some((p.bytes, total as u64, p.inside)));
    }
    state.grid_progress.set(None);
    let res = reader.finish().map_err(msg)?;
    // Another map arrived while the grid streamed: its sums belong to the old one.
    if !std::sync::Arc::ptr_eq(&base, &state.base.get_untracked()) {
        return Err((
            format!("{name}: während des Lesens wurden andere Daten geladen; die Summen wurden verworfen. Laden Sie das Gitter erneut."),
            format!("{name}: other data was loaded while reading; the sums were discarded. Load the grid again."),
        ));
    }
    crate::io::perf::measure_since("grid-stream", start);
    let mut atlas = (*base).clone();
    let before = atlas.indicators.len();
    let label = name
        .rsplit_once('.')
        .map_or(name.as_str(), |(s, _)| s)
        .to_string();
    supply::add_grid(&mut atlas, &label, &res);
    let added: Vec<_> = atlas.indicators[before..].to_vec();
    state.indicators.update(|c| c.extend(added));
    let summary = (
        format!(
            "{name}: {} Zellen gelesen, {} in Gebieten der Karte",
            res.progress.cells, res.progress.inside
        ),
        format!(
            "{name}: {} cells read, {} in areas of the map",
            res.progress.cells, res.progress.inside
        ),
    );
    let mut warnings: Vec<(String, String)> = res
        .warnings
        .iter()
        .map(|w| (w.message(L::De), w.message(L::En)))
        .collect();
    warnings.push((
        format!("{name}: die Summen des Gitters sind nicht im Projekt gespeichert (die Datei ist zu groß dafür); laden Sie das Gitter nach dem Öffnen des Projekts erneut."),
        format!("{name}: the grid's sums are not kept in the project (the file is too large for it); load the grid again after opening the project."),
    ));
    state.base.set(std::sync::Arc::new(atlas));
    state.load.set(LoadStatus::Loaded { summary, warnings });
    Ok(())
}

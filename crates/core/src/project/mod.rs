//! The planner's project as one plain type: the inputs, the indicator catalogue, the settings of
//! every view, the Sozialraum definitions with their histories, and the workshop notes.
//!
//! Both faces work on it: the app mirrors it in signals and renders it, the command line reads
//! it with `--project`. Everything derived from it (map colouring, status and dynamic index,
//! typology, figures and checks of drawn Sozialräume, comparison, results table, dissolved
//! Sozialräume) is one function in [`mod@derive`], called by both.
//!
//! One codec ([`codec`]) carries it everywhere: the link (`#s=2.…`), the project file
//! (`.sozialatlas.json`), the offline file (a project file inside an HTML page) and the autosave
//! in the browser are serde forms of the same [`codec::Packed`] state, versioned, with one place
//! for migrations (format 1 links and files keep opening).
//!
//! Opening ([`open`]) is one straight path for every carrier: the input bytes are read by
//! [`crate::ingest::load`] with the project's own read settings (map key, table key, sheet,
//! CRS), then the saved state is checked against the loaded units (fingerprint, counts, ranges)
//! and applied.
//!
//! ```
//! use sozialatlas_core::project::{self, Inputs};
//! // The demo town's project: no files, the built-in data.
//! let opened = project::open(&Inputs::default(), None).unwrap();
//! assert_eq!(opened.atlas.units.len(), 58);
//! let link = project::codec::link_text(&opened.project, &opened.atlas.units.keys);
//! let packed = project::codec::decode_link(&link).unwrap();
//! let again = project::open(&Inputs::default(), Some(&packed)).unwrap();
//! assert_eq!(again.project, opened.project);
//! ```

pub mod address;
pub mod codec;
pub mod derive;
pub mod notes;
pub mod params;
pub mod transfer;
mod v1;

pub use params::*;

use crate::ingest::{self, IngestError, Warning};
use crate::model::{Atlas, Crs, IndicatorSpec};
use crate::sozialraum::session::Session;
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// Where the data of a project came from (what a link can name).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DataSource {
    /// The built-in demo town.
    #[default]
    Demo,
    /// Files from the user's computer (a link cannot carry them; a project file can).
    Files,
    /// Addresses in the page address: `?geo=&table=&key=`.
    Address {
        /// Map address.
        geo: String,
        /// Table address.
        table: Option<String>,
        /// Key column given in the address.
        key: Option<String>,
        /// Addresses of point layers (`?points=`, several allowed).
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        points: Vec<String>,
    },
    /// A project file at an address (`?data=`).
    ProjectAt(String),
}

/// One input file: its name as the user chose it and its bytes (shared, never copied).
#[derive(Clone, Debug, PartialEq)]
pub struct InputFile {
    /// File name.
    pub name: String,
    /// The bytes as read.
    pub bytes: Arc<Vec<u8>>,
}

impl InputFile {
    /// A file of these bytes.
    pub fn new(name: &str, bytes: Vec<u8>) -> InputFile {
        InputFile {
            name: name.to_string(),
            bytes: Arc::new(bytes),
        }
    }

    /// The file as the readers take it.
    pub fn input(&self) -> ingest::inspect::Input<'_> {
        ingest::inspect::Input {
            name: &self.name,
            bytes: &self.bytes,
        }
    }
}

/// How the inputs are read: each file's own settings, so that a saved project reopens whatever
/// its columns are called.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ReadSettings {
    /// The map's key property.
    pub map_key: Option<String>,
    /// The table's key column.
    pub table_key: Option<String>,
    /// The sheet of an Excel table.
    pub sheet: Option<String>,
    /// The map's coordinate system when the user chose it (EPSG code).
    pub crs: Option<u32>,
    /// How each point layer is read (columns, CRS, label), in the order of the layers.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub points: Vec<crate::facilities::PointSettings>,
}

impl ReadSettings {
    /// Fills what these settings leave open from `hint` (the settings of a saved state).
    pub fn fill_from(&mut self, hint: &ReadSettings) {
        self.map_key = self.map_key.take().or_else(|| hint.map_key.clone());
        self.table_key = self.table_key.take().or_else(|| hint.table_key.clone());
        self.sheet = self.sheet.take().or_else(|| hint.sheet.clone());
        self.crs = self.crs.or(hint.crs);
        if self.points.is_empty() {
            self.points = hint.points.clone();
        }
    }
}

/// The inputs of a project: where the data came from, the files, how they are read.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Inputs {
    /// Where the data came from.
    pub source: DataSource,
    /// The map file (`None`: the demo town).
    pub map: Option<InputFile>,
    /// The table file.
    pub table: Option<InputFile>,
    /// The point layers (facilities), in the order they were added; their settings are
    /// `read.points`. The demo town brings its own (not listed here).
    pub points: Vec<InputFile>,
    /// How the files are read.
    pub read: ReadSettings,
}

/// The indicator setup the user made: every indicator's metadata and the population column.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Catalogue {
    /// Per indicator: id, label, unit, meaning, kind, columns, factor, theme, source, date,
    /// note.
    pub indicators: Vec<IndicatorSpec>,
    /// Column stem of the population (inhabitants), `None`: no population column.
    pub population: Option<String>,
}

/// Where a workshop note is pinned.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum NoteAnchor {
    /// Not pinned.
    #[default]
    None,
    /// A Sozialraum of a definition (names).
    Area {
        /// The definition's name.
        definition: String,
        /// The Sozialraum's name.
        area: String,
    },
    /// A unit of the map (key).
    Unit(String),
    /// A point in the map's planar coordinates.
    Point {
        /// East.
        x: f64,
        /// North.
        y: f64,
    },
}

/// A workshop note or project idea.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Note {
    /// Title.
    pub title: String,
    /// Text (shown as text, never as markup).
    pub text: String,
    /// Category, e.g. Bedarf, Idee, Angebot.
    pub category: String,
    /// Status, e.g. offen, in Arbeit, erledigt.
    pub status: String,
    /// Initials of the author.
    pub initials: String,
    /// Where it is pinned.
    pub anchor: NoteAnchor,
}

/// The planner's project.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Project {
    /// Title (the town or the data set), shown in titles and exports.
    pub title: String,
    /// The inputs and how they are read.
    pub inputs: Inputs,
    /// The indicator setup.
    pub catalogue: Catalogue,
    /// The small-number rule.
    pub small_numbers: SmallNumbers,
    /// What is shown (mode, language, indicator, year, names, zoom).
    pub view: View,
    /// The Explore map.
    pub explore: ExploreParams,
    /// The status and dynamic index.
    pub classify: ClassifyParams,
    /// The typology.
    pub cluster: ClusterParams,
    /// Automatic proposals.
    pub proposal: ProposalParams,
    /// The Sozialraum definitions with their histories.
    pub sozialraeume: Session,
    /// Workshop notes.
    pub notes: Vec<Note>,
    /// What the report shows and the texts written for it.
    pub report: crate::report::ReportParams,
}

impl Project {
    /// `incoming` (from a link or a file) beside the user's own project `local`: the incoming
    /// view, settings and indicator setup; the user's definitions first, then the incoming ones
    /// that differ, marked with `origin` ([`Session::merge`]); the notes of both. Nothing of the
    /// user's is removed or replaced.
    pub fn beside(
        local: &Project,
        incoming: Project,
        origin: crate::sozialraum::session::Origin,
    ) -> (Project, crate::sozialraum::session::MergeReport) {
        let mut session = local.sozialraeume.clone();
        let report = session.merge(&incoming.sozialraeume, origin);
        let mut out = incoming;
        out.sozialraeume = session;
        let mut notes = local.notes.clone();
        for n in std::mem::take(&mut out.notes) {
            if !notes.contains(&n) && notes.len() < codec::MAX_NOTES {
                notes.push(n);
            }
        }
        out.notes = notes;
        (out, report)
    }

    /// A fresh project for a loaded atlas: the atlas's guessed indicators, default settings.
    pub fn for_atlas(atlas: &Atlas, inputs: Inputs) -> Project {
        let catalogue = Catalogue {
            indicators: atlas.indicators.clone(),
            population: atlas.population.clone(),
        };
        Project {
            title: atlas.name.clone(),
            inputs,
            classify: ClassifyParams::for_atlas(atlas, &catalogue.indicators),
            cluster: ClusterParams::for_atlas(atlas, &catalogue.indicators),
            catalogue,
            view: View {
                year: atlas.years.last().copied(),
                ..View::default()
            },
            ..Project::default()
        }
    }

    /// The indicator with this id.
    pub fn indicator(&self, id: &str) -> Option<&IndicatorSpec> {
        self.catalogue.indicators.iter().find(|i| i.id == id)
    }

    /// The indicators with these ids, in catalogue order.
    pub fn chosen(&self, ids: &[String]) -> Vec<&IndicatorSpec> {
        self.catalogue
            .indicators
            .iter()
            .filter(|i| ids.contains(&i.id))
            .collect()
    }

    /// The year shown: the view's year when the data has it, else the latest.
    pub fn year(&self, atlas: &Atlas) -> i32 {
        match self.view.year {
            Some(y) if atlas.years.contains(&y) => y,
            _ => atlas.years.last().copied().unwrap_or(0),
        }
    }

    /// The atlas with this project's indicator setup (catalogue and population column).
    pub fn set_up(&self, mut atlas: Atlas) -> Atlas {
        atlas.indicators = self.catalogue.indicators.clone();
        atlas.population = self.catalogue.population.clone();
        atlas
    }
}

/// The [`fingerprint`] of the units: their number and a hash of their keys in order. A state
/// whose fingerprint differs was made for other data.
pub fn fingerprint(keys: &[String]) -> String {
    let mut h: u64 = 0xcbf29ce484222325;
    for k in keys {
        for b in k.bytes().chain([0]) {
            h ^= b as u64;
            h = h.wrapping_mul(0x100000001b3);
        }
    }
    format!("{}:{h:016x}", keys.len())
}

/// Why a project, link or saved state could not be opened.
#[derive(Clone, Debug, PartialEq)]
pub enum ProjectError {
    /// The text is no link, project file or saved state of Sozialatlas.
    UnknownFormat,
    /// Not decodable (cut or changed on the way).
    Damaged,
    /// Made by a newer version of Sozialatlas (its format number).
    Newer(u32),
    /// Made for other data: the units differ (number of units of the saved state and of the
    /// data).
    OtherData {
        /// Units the state was made for.
        expected: usize,
        /// Units of the loaded data.
        found: usize,
    },
    /// A part does not fit the data or is out of range (what, in English and German).
    Inconsistent {
        /// What does not fit (German).
        de: String,
        /// What does not fit (English).
        en: String,
    },
    /// Larger than Sozialatlas opens (what, how many, the limit).
    TooLarge {
        /// What is too large (German).
        de: String,
        /// What is too large (English).
        en: String,
        /// How many there are.
        found: usize,
        /// The limit.
        max: usize,
    },
    /// The JSON is not a state or project (the parser's message).
    Invalid(String),
    /// The project's input files could not be read.
    Ingest(IngestError),
}

impl ProjectError {
    pub(crate) fn inconsistent(de: impl Into<String>, en: impl Into<String>) -> ProjectError {
        ProjectError::Inconsistent {
            de: de.into(),
            en: en.into(),
        }
    }

    /// The message for the user, ending with what happens now.
    pub fn message(&self, lang: crate::locale::Lang) -> String {
        use crate::locale::Lang::*;
        match (self, lang) {
            (ProjectError::UnknownFormat | ProjectError::Damaged, De) => "Der Link oder die Datei ist beschädigt oder unvollständig (vielleicht beim Kopieren abgeschnitten). Es wird die Standardansicht gezeigt; bitte den Link noch einmal vollständig kopieren.".into(),
            (ProjectError::UnknownFormat | ProjectError::Damaged, En) => "The link or file is damaged or incomplete (perhaps cut off when copying). The default view is shown; please copy the whole link again.".into(),
            (ProjectError::Newer(v), De) => format!("Der Link oder die Datei stammt aus einer neueren Version von Sozialatlas (Format {v}). Es wird die Standardansicht gezeigt; bitte die neuere Version verwenden."),
            (ProjectError::Newer(v), En) => format!("The link or file comes from a newer version of Sozialatlas (format {v}). The default view is shown; please use the newer version."),
            (ProjectError::OtherData { expected, found }, De) => format!("Der gespeicherte Zustand passt nicht zu den geladenen Daten (gemacht für {expected} Gebiete, geladen sind {found} andere). Es wird die Standardansicht gezeigt."),
            (ProjectError::OtherData { expected, found }, En) => format!("The saved state does not fit the loaded data (made for {expected} areas, {found} other areas are loaded). The default view is shown."),
            (ProjectError::Inconsistent { de, .. }, De) => format!("Der gespeicherte Zustand passt nicht zu den Daten: {de}. Es wird die Standardansicht gezeigt."),
            (ProjectError::Inconsistent { en, .. }, En) => format!("The saved state does not fit the data: {en}. The default view is shown."),
            (ProjectError::TooLarge { de, found, max, .. }, De) => format!("Der Link oder die Datei ist zu groß: {found} {de} (höchstens {max}). Es wird die Standardansicht gezeigt."),
            (ProjectError::TooLarge { en, found, max, .. }, En) => format!("The link or file is too large: {found} {en} (at most {max}). The default view is shown."),
            (ProjectError::Invalid(m), De) => format!("Der Zustand im Link oder in der Datei ist ungültig ({m}). Es wird die Standardansicht gezeigt."),
            (ProjectError::Invalid(m), En) => format!("The state in the link or file is invalid ({m}). The default view is shown."),
            (ProjectError::Ingest(e), l) => e.message(l),
        }
    }
}

/// The data of a project, read.
#[derive(Clone, Debug)]
pub struct Loaded {
    /// The data with the guessed indicators.
    pub atlas: Atlas,
    /// The inputs with the read settings actually used (the keys chosen).
    pub inputs: Inputs,
    /// What the readers interpreted or left out (empty for the demo town).
    pub warnings: Vec<Warning>,
    /// What the load did (keys, join, coordinate system); `None` for the demo town.
    pub report: Option<ingest::load::LoadReport>,
    /// The point layers placed on the map (their columns are in the atlas).
    pub layers: Vec<crate::facilities::Placed>,
}

/// Reads the inputs of a project (the demo town without a map) with their read settings;
/// `hint` (the read settings of a saved state) fills what the inputs leave open, so that a
/// saved project reopens whatever its columns are called.
pub fn load(inputs: &Inputs, hint: Option<&ReadSettings>) -> Result<Loaded, IngestError> {
    let mut inputs = inputs.clone();
    if let Some(h) = hint {
        inputs.read.fill_from(h);
    }
    let Some(map) = &inputs.map else {
        let mut atlas = crate::demo::musterstadt();
        let mut warnings = vec![];
        let demo: Vec<InputFile> = crate::demo::facilities()
            .into_iter()
            .map(|(name, text)| InputFile::new(name, text.into_bytes()))
            .collect();
        let demo_settings = crate::demo::facility_settings();
        let mut layers = place_points(&mut atlas, &demo, &demo_settings, &mut warnings);
        layers.extend(place_points(
            &mut atlas,
            &inputs.points,
            &inputs.read.points,
            &mut warnings,
        ));
        return Ok(Loaded {
            atlas,
            inputs,
            warnings,
            report: None,
            layers,
        });
    };
    let read = read_map(map, &inputs.read)?;
    let table = match &inputs.table {
        Some(t) => Some(read_table(t, &inputs.read)?),
        None => None,
    };
    finish_load(inputs, read, table)
}

/// The read settings as the reader's options.
fn load_options(read: &ReadSettings) -> ingest::load::LoadOptions {
    ingest::load::LoadOptions {
        map_key: read.map_key.clone(),
        table_key: read.table_key.clone(),
        crs: read.crs.map(|epsg| Crs { epsg }),
        sheet: read.sheet.clone(),
    }
}

/// The first step of [`load`] on the map `file`, with the read settings `read`.
pub fn read_map(
    file: &InputFile,
    read: &ReadSettings,
) -> Result<ingest::load::MapRead, IngestError> {
    ingest::load::read_map(&file.input(), &load_options(read))
}

/// The first step of [`load`] on the table `file`, with the read settings `read` (the app reads
/// the table of a large load in a worker of its own, beside the map).
pub fn read_table(
    file: &InputFile,
    read: &ReadSettings,
) -> Result<ingest::load::TableRead, IngestError> {
    ingest::load::read_table(&file.input(), &load_options(read))
}

/// The last step of [`load`]: a map and table read by [`read_map`] and [`read_table`] (the
/// files of `inputs`, or, in the app's worker, of its request) joined with the read settings
/// of `inputs`; the point layers of `inputs` placed.
pub fn finish_load(
    inputs: Inputs,
    map: ingest::load::MapRead,
    table: Option<ingest::load::TableRead>,
) -> Result<Loaded, IngestError> {
    let mut inputs = inputs;
    let name = inputs.map.as_ref().map_or("", |m| m.name.as_str());
    let stem = name.rsplit_once('.').map_or(name, |(s, _)| s).to_string();
    let l = ingest::load::finish(&stem, map, table, &load_options(&inputs.read))?;
    // What was chosen is what reopens: the keys actually used.
    inputs.read.map_key = Some(l.report.map_key.clone());
    inputs.read.table_key = l.report.table_key.clone();
    let (mut atlas, mut warnings) = (l.atlas, l.warnings);
    let layers = place_points(
        &mut atlas,
        &inputs.points,
        &inputs.read.points,
        &mut warnings,
    );
    Ok(Loaded {
        atlas,
        inputs,
        warnings,
        report: Some(l.report),
        layers,
    })
}

/// Reads and places point layers with their settings (missing settings: detect); a layer that
/// no longer reads is named in a warning (the rest of the project still opens).
pub fn place_points(
    atlas: &mut Atlas,
    files: &[InputFile],
    settings: &[crate::facilities::PointSettings],
    warnings: &mut Vec<Warning>,
) -> Vec<crate::facilities::Placed> {
    use crate::facilities;
    if files.is_empty() {
        return vec![];
    }
    let index = crate::map::index::HitIndex::build(&atlas.units.geometry);
    let target = facilities::target(&atlas.units);
    let mut out = vec![];
    for (k, f) in files.iter().enumerate() {
        let s = settings.get(k).cloned().unwrap_or_default();
        match facilities::read::read(&f.name, &f.bytes, &s, target) {
            Ok(layer) => {
                warnings.extend(layer.warnings.iter().cloned());
                // A distance from a link or file outside 0 < d <= 100 km is left out and said.
                let within = s
                    .within
                    .filter(|w| w.is_finite() && *w > 0.0 && *w <= 100_000.0);
                if within != s.within {
                    warnings.push(Warning::new(
                        &f.name,
                        "Umkreis außerhalb von 1 bis 100.000 Metern: keine Erreichbarkeit berechnet".into(),
                        "distance outside 1 to 100,000 metres: no coverage computed".into(),
                    ));
                }
                out.push(facilities::place(atlas, &index, layer, within));
            }
            Err(e) => warnings.push(Warning::new(
                &f.name,
                format!(
                    "Punktebene nicht gelesen: {}",
                    e.message(crate::locale::Lang::De)
                ),
                format!(
                    "point layer not read: {}",
                    e.message(crate::locale::Lang::En)
                ),
            )),
        }
    }
    out
}

/// A project opened on its data.
#[derive(Clone, Debug)]
pub struct Opened {
    /// The data, set up with the project's catalogue and population column.
    pub atlas: Atlas,
    /// The project.
    pub project: Project,
    /// What the readers interpreted or left out (empty for the demo town).
    pub warnings: Vec<Warning>,
    /// What the load did; `None` for the demo town.
    pub report: Option<ingest::load::LoadReport>,
    /// The point layers placed on the map.
    pub layers: Vec<crate::facilities::Placed>,
}

/// Opens a project: reads the inputs ([`load`]) and applies `saved` (a link, project file or
/// autosave) when given, checked against the loaded units; without `saved`, a fresh project
/// with the data's guesses. The command line opens projects this way; the app does the same
/// two steps and keeps the data when only the state does not fit.
pub fn open(inputs: &Inputs, saved: Option<&codec::Packed>) -> Result<Opened, ProjectError> {
    let hint = saved.map(codec::Packed::read_settings);
    let l = load(inputs, hint.as_ref()).map_err(ProjectError::Ingest)?;
    let project = match saved {
        Some(s) => s.apply(&l.atlas, l.inputs)?,
        None => Project::for_atlas(&l.atlas, l.inputs),
    };
    Ok(Opened {
        atlas: project.set_up(l.atlas),
        project,
        warnings: l.warnings,
        report: l.report,
        layers: l.layers,
    })
}

/// Adds a point layer to an opened project: reads `file` with `settings` onto the base
/// `atlas` (its columns added), appends the file and the settings actually used to `inputs`
/// and the layer's indicators to `catalogue`. On an error nothing changes.
pub fn add_points(
    atlas: &mut Atlas,
    inputs: &mut Inputs,
    catalogue: &mut Vec<IndicatorSpec>,
    file: InputFile,
    settings: crate::facilities::PointSettings,
) -> Result<crate::facilities::Placed, crate::facilities::PointsError> {
    use crate::facilities;
    let target = facilities::target(&atlas.units);
    let layer = facilities::read::read(&file.name, &file.bytes, &settings, target)?;
    let index = crate::map::index::HitIndex::build(&atlas.units.geometry);
    let before = atlas.indicators.len();
    let mut used = layer.settings.clone();
    used.within = settings.within;
    let placed = facilities::place(atlas, &index, layer, settings.within);
    catalogue.extend(atlas.indicators[before..].iter().cloned());
    inputs.points.push(file);
    inputs.read.points.push(used);
    Ok(placed)
}

//! The one codec of a project: [`Packed`] is its serde form, and every carrier is a form of it.
//!
//! - **Link** (`#s=2.…`): `2.` + base64url (no padding) of the raw deflate of the packed state as
//!   JSON, without undo histories. The data travels by address beside it (`?geo=&table=&key=`
//!   or `?data=`).
//! - **Project file** (`.sozialatlas.json`): pretty JSON `{format, version, name, files, state}`
//!   with the input files in base64 and the packed state with histories. Opening and saving
//!   again gives the same bytes.
//! - **Offline file**: an HTML page with a project file inside (the app writes it).
//! - **Autosave**: the packed state with histories as JSON, stored per map
//!   ([`autosave_key`]).
//!
//! Assignments are stored per unit in the order of the sorted keys (so a link does not depend on
//! the order of the features in the file), as runs: `3*12,0,4` = twelve units in Sozialraum 3
//! (1-based; 0 = unassigned), one unassigned, one in Sozialraum 4. Histories name units by the
//! same key order.
//!
//! Versions: 2 is written now. Format 1 (the first version: links `1.…`, project files with
//! `"version": 1`, autosaves `sozialatlas:definitions:…`) is read by the module `v1` and migrated
//! here, in `migrate`, the one place for migrations. Decoders never panic: a damaged,
//! truncated, foreign or hostile text gives a [`ProjectError`] (fuzzed:
//! `fuzz/fuzz_targets/share.rs`); a decoded state is checked against the data before anything
//! is applied ([`Packed::apply`]).

use super::{
    fingerprint, Catalogue, ClassifyParams, ClusterParams, DataSource, ExploreParams, InputFile,
    Inputs, Note, PopulationBounds, Project, ProjectError, ProposalParams, ReadSettings,
    SmallNumbers, View,
};
use crate::model::Atlas;
use crate::sozialraum::definition::{Definition, Edit, History, Sozialraum};
use crate::sozialraum::session::{Origin, Session};
use base64::Engine;
use serde::{Deserialize, Serialize};
use std::io::{Read, Write};

/// The format version written now.
pub const VERSION: u32 = 2;

/// The marker of project files.
pub const PROJECT_FORMAT: &str = "sozialatlas-project";

/// Largest decompressed link state (protects against deflate bombs).
const MAX_LINK_STATE: u64 = 4 << 20;

/// Most definitions a state may hold (as many as a session holds).
pub use crate::sozialraum::session::MAX_DEFINITIONS;

/// Most workshop notes a state may hold.
pub const MAX_NOTES: usize = 10_000;

/// Most indicators a catalogue may hold.
pub const MAX_INDICATORS: usize = 5_000;

/// A project as it travels: settings and catalogue as they are, definitions by key order. It
/// becomes a [`Project`] once the data is loaded ([`Packed::apply`]).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Packed {
    /// Format version ([`VERSION`]).
    pub(super) v: u32,
    /// Fingerprint of the units the state was made for.
    pub(super) fp: String,
    /// Project title.
    pub(super) title: String,
    /// How the inputs are read.
    pub(super) read: ReadSettings,
    /// The indicator setup; `None` (format 1): the data's guesses.
    pub(super) catalogue: Option<Catalogue>,
    /// The small-number rule.
    pub(super) small_numbers: SmallNumbers,
    /// What is shown.
    pub(super) view: View,
    /// Explore settings.
    pub(super) explore: ExploreParams,
    /// Index settings.
    pub(super) classify: ClassifyParams,
    /// Typology settings.
    pub(super) cluster: ClusterParams,
    /// Proposal settings.
    pub(super) proposal: ProposalParams,
    /// The definitions.
    pub(super) definitions: Vec<PackedDefinition>,
    /// The definition being drawn.
    pub(super) active: usize,
    /// The definitions compared.
    pub(super) pair: (usize, usize),
    /// Population bounds of the checks.
    pub(super) bounds: PopulationBounds,
    /// Workshop notes.
    pub(super) notes: Vec<Note>,
    /// The report's choices and texts.
    pub(super) report: crate::report::ReportParams,
}

/// A definition as it travels.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub(crate) struct PackedDefinition {
    pub(crate) name: String,
    /// Per Sozialraum: name, colour, locked.
    pub(crate) areas: Vec<(String, String, bool)>,
    /// Runs over the units in key order (see the module docs).
    pub(crate) assign: String,
    pub(crate) origin: Origin,
    /// Undo and redo stacks, units by key order (`None` in links).
    pub(crate) history: Option<PackedHistory>,
}

/// Undo and redo stacks as they travel.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub(crate) struct PackedHistory {
    undo: Vec<Edit>,
    redo: Vec<Edit>,
}

/// Unit indices in key order: `order[p]` is the unit at position `p`.
fn key_order(keys: &[String]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..keys.len()).collect();
    order.sort_by(|&a, &b| keys[a].cmp(&keys[b]));
    order
}

/// Runs of `values` (see the module docs).
pub(crate) fn runs(values: impl Iterator<Item = u32>) -> String {
    let mut out = String::new();
    let mut push = |v: u32, n: usize| {
        if !out.is_empty() {
            out.push(',');
        }
        if n == 1 {
            out.push_str(&v.to_string());
        } else {
            out.push_str(&format!("{v}*{n}"));
        }
    };
    let mut cur: Option<(u32, usize)> = None;
    for v in values {
        cur = match cur {
            Some((c, n)) if c == v => Some((c, n + 1)),
            Some((c, n)) => {
                push(c, n);
                Some((v, 1))
            }
            None => Some((v, 1)),
        };
    }
    if let Some((c, n)) = cur {
        push(c, n);
    }
    out
}

/// The values of runs, at most `max` of them; `None` when the text is not runs or holds more.
pub(crate) fn unruns(text: &str, max: usize) -> Option<Vec<u32>> {
    let mut out = Vec::new();
    if text.is_empty() {
        return Some(out);
    }
    for run in text.split(',') {
        let (v, n) = match run.split_once('*') {
            Some((v, n)) => (v.parse::<u32>().ok()?, n.parse::<usize>().ok()?),
            None => (run.parse::<u32>().ok()?, 1),
        };
        if n == 0 || out.len().checked_add(n)? > max {
            return None;
        }
        out.extend(std::iter::repeat_n(v, n));
    }
    Some(out)
}

/// An edit with its units renamed by `f` (unit index <-> key position); `None` when `f` has no
/// name for a unit.
fn remap(edit: &Edit, f: impl Fn(u32) -> Option<u32>) -> Option<Edit> {
    Some(match edit {
        Edit::Assign(v) => Edit::Assign(
            v.iter()
                .map(|&(u, a)| f(u).map(|u| (u, a)))
                .collect::<Option<Vec<_>>>()?,
        ),
        other => other.clone(),
    })
}

/// Packs a project for the units with these keys; `history` says whether undo histories go
/// along (not in links).
pub fn pack(project: &Project, keys: &[String], history: bool) -> Packed {
    let order = key_order(keys);
    let mut position = vec![0u32; keys.len()];
    for (p, &u) in order.iter().enumerate() {
        position[u] = p as u32;
    }
    let s = &project.sozialraeume;
    let definitions = s
        .definitions
        .iter()
        .enumerate()
        .map(|(i, def)| PackedDefinition {
            name: def.name.clone(),
            areas: def
                .areas
                .iter()
                .map(|a| (a.name.clone(), a.color.clone(), a.locked))
                .collect(),
            assign: runs(
                order
                    .iter()
                    .map(|&u| def.assign.get(u).copied().flatten().map_or(0, |a| a + 1)),
            ),
            origin: s.origins.get(i).cloned().unwrap_or_default(),
            history: history.then(|| {
                let h = s.histories.get(i).cloned().unwrap_or_default();
                let (undo, redo) = h.stacks();
                let to_pos = |u: u32| position.get(u as usize).copied();
                PackedHistory {
                    undo: undo.iter().filter_map(|e| remap(e, to_pos)).collect(),
                    redo: redo.iter().filter_map(|e| remap(e, to_pos)).collect(),
                }
            }),
        })
        .collect();
    Packed {
        v: VERSION,
        fp: fingerprint(keys),
        title: project.title.clone(),
        read: project.inputs.read.clone(),
        catalogue: Some(project.catalogue.clone()),
        small_numbers: project.small_numbers,
        view: project.view.clone(),
        explore: project.explore.clone(),
        classify: project.classify.clone(),
        cluster: project.cluster.clone(),
        proposal: project.proposal,
        definitions,
        active: s.active,
        pair: s.pair,
        bounds: s.bounds,
        notes: project.notes.clone(),
        report: project.report.clone(),
    }
}

impl Packed {
    /// How the inputs were read when the state was made (applied before loading them again).
    pub fn read_settings(&self) -> ReadSettings {
        self.read.clone()
    }

    /// The fingerprint of the units the state was made for.
    pub fn fingerprint(&self) -> &str {
        &self.fp
    }

    /// The project title.
    pub fn title(&self) -> &str {
        &self.title
    }

    /// Number of definitions.
    pub fn definition_count(&self) -> usize {
        self.definitions.len()
    }

    /// Marks every definition as having arrived from outside (a link or a project file), so it
    /// can sit beside the user's own.
    pub fn mark_origin(&mut self, origin: Origin) {
        for d in &mut self.definitions {
            if d.origin == Origin::Own {
                d.origin = origin.clone();
            }
        }
    }

    /// Checks the state against the loaded data and makes the project: same units
    /// (fingerprint), no more Sozialräume than units, assignments and histories that fit,
    /// every number in range. Nothing is applied when something does not fit.
    pub fn apply(&self, atlas: &Atlas, inputs: Inputs) -> Result<Project, ProjectError> {
        let keys = &atlas.units.keys;
        let n = keys.len();
        if self.fp != fingerprint(keys) {
            let expected = self
                .fp
                .split_once(':')
                .and_then(|(n, _)| n.parse().ok())
                .unwrap_or(0);
            return Err(ProjectError::OtherData { expected, found: n });
        }
        let too_large = |de: &str, en: &str, found: usize, max: usize| {
            (found > max).then(|| ProjectError::TooLarge {
                de: de.into(),
                en: en.into(),
                found,
                max,
            })
        };
        if let Some(e) = too_large(
            "Sozialraum-Definitionen",
            "Sozialraum definitions",
            self.definitions.len(),
            MAX_DEFINITIONS,
        )
        .or_else(|| too_large("Notizen", "notes", self.notes.len(), MAX_NOTES))
        .or_else(|| {
            too_large(
                "Indikatoren",
                "indicators",
                self.catalogue.as_ref().map_or(0, |c| c.indicators.len()),
                MAX_INDICATORS,
            )
        }) {
            return Err(e);
        }
        let order = key_order(keys);
        let mut definitions = Vec::with_capacity(self.definitions.len());
        let mut histories = Vec::with_capacity(self.definitions.len());
        let mut origins = Vec::with_capacity(self.definitions.len());
        for d in &self.definitions {
            if d.areas.len() > n {
                return Err(ProjectError::TooLarge {
                    de: format!("Sozialräume in „{}“ bei {n} Gebieten", d.name),
                    en: format!("Sozialräume in \"{}\" for {n} areas", d.name),
                    found: d.areas.len(),
                    max: n,
                });
            }
            let values = unruns(&d.assign, n)
                .filter(|v| v.len() == n && v.iter().all(|&a| a as usize <= d.areas.len()))
                .ok_or_else(|| {
                    ProjectError::inconsistent(
                        format!("die Zuordnung von „{}“ passt nicht zu den Gebieten", d.name),
                        format!("the assignment of \"{}\" does not fit the areas", d.name),
                    )
                })?;
            let mut assign = vec![None; n];
            for (&u, &a) in order.iter().zip(&values) {
                assign[u] = a.checked_sub(1);
            }
            let def = Definition {
                name: d.name.clone(),
                areas: d
                    .areas
                    .iter()
                    .map(|(name, color, locked)| Sozialraum {
                        name: name.clone(),
                        color: color.clone(),
                        locked: *locked,
                    })
                    .collect(),
                assign,
            };
            let history = match &d.history {
                None => History::default(),
                Some(h) => {
                    let to_unit = |p: u32| order.get(p as usize).map(|&u| u as u32);
                    let undo = h.undo.iter().map(|e| remap(e, to_unit)).collect();
                    let redo = h.redo.iter().map(|e| remap(e, to_unit)).collect();
                    match (undo, redo) {
                        (Some(undo), Some(redo)) => Some(History::from_stacks(undo, redo))
                            .filter(|h| h.fits(&def))
                            .ok_or_else(|| {
                                ProjectError::inconsistent(
                                    format!("der Verlauf von „{}“ ist beschädigt", d.name),
                                    format!("the history of \"{}\" is damaged", d.name),
                                )
                            })?,
                        _ => {
                            return Err(ProjectError::inconsistent(
                                format!("der Verlauf von „{}“ nennt unbekannte Gebiete", d.name),
                                format!("the history of \"{}\" names unknown areas", d.name),
                            ))
                        }
                    }
                }
            };
            definitions.push(def);
            histories.push(history);
            origins.push(d.origin.clone());
        }
        let catalogue = match &self.catalogue {
            Some(c) => merge_catalogue(c, atlas),
            None => Catalogue {
                indicators: atlas.indicators.clone(),
                population: atlas.population.clone(),
            },
        };
        for ind in &catalogue.indicators {
            if !(ind.scale.is_finite() && ind.scale != 0.0) {
                return Err(ProjectError::inconsistent(
                    format!("der Faktor von „{}“ ist keine Zahl ungleich 0", ind.label),
                    format!("the factor of \"{}\" is not a non-zero number", ind.label),
                ));
            }
        }
        let mut session = Session::new(definitions, self.active, self.pair);
        session.histories = histories;
        session.origins = origins;
        session.bounds = self.bounds.clamped();
        session.fix_indices();
        let frame = crate::map::geometry::Bounds::of(&atlas.units.geometry)
            .map(crate::map::geometry::Frame::fit)
            .map_or((1000.0, 1000.0), |f| {
                (crate::map::geometry::Frame::WIDTH, f.height())
            });
        let mut view = self.view.clone();
        view.zoom = View::checked_zoom(view.zoom, frame);
        if view.year.is_some_and(|y| !atlas.years.contains(&y)) {
            view.year = atlas.years.last().copied();
        }
        // A level names one of the definitions; anything else shows the base units.
        if !session.definitions.iter().any(|d| d.name == view.level) {
            view.level.clear();
        }
        if !session.definitions.iter().any(|d| d.name == view.coarser) {
            view.coarser.clear();
        }
        let known = |ids: &[String]| -> Vec<String> {
            ids.iter()
                .filter(|id| catalogue.indicators.iter().any(|s| &s.id == *id))
                .cloned()
                .collect()
        };
        let mut classify = self.classify.clone().clamped();
        classify.indicators = known(&classify.indicators);
        classify.dynamic = known(&classify.dynamic);
        let mut cluster = self.cluster.clone().clamped();
        cluster.indicators = known(&cluster.indicators);
        // Format 1 did not say which indicators the index used when none were ticked: keep
        // the defaults of the data then.
        if self.v == 1 {
            let defaults = Project::for_atlas(atlas, Inputs::default());
            if self.classify.indicators.is_empty() {
                classify.indicators = defaults.classify.indicators;
            }
            if self.cluster.indicators.is_empty() {
                cluster.indicators = defaults.cluster.indicators;
            }
        }
        Ok(Project {
            title: if self.title.is_empty() {
                atlas.name.clone()
            } else {
                self.title.clone()
            },
            inputs,
            catalogue,
            small_numbers: self.small_numbers.clamped(),
            view,
            explore: self.explore.clone().clamped(),
            classify,
            cluster,
            proposal: self.proposal.clamped(),
            sozialraeume: session,
            notes: self.notes.clone(),
            report: self.report.clone(),
        })
    }
}

/// The saved catalogue on the loaded data: saved indicators as saved (in their order), then
/// indicators of the data the saved catalogue does not know (columns added since).
fn merge_catalogue(saved: &Catalogue, atlas: &Atlas) -> Catalogue {
    let mut indicators = saved.indicators.clone();
    for ind in &atlas.indicators {
        if !indicators.iter().any(|s| s.id == ind.id) {
            indicators.push(ind.clone());
        }
    }
    Catalogue {
        indicators,
        population: saved.population.clone(),
    }
}

fn b64url() -> base64::engine::GeneralPurpose {
    base64::engine::general_purpose::URL_SAFE_NO_PAD
}

/// The link text of a project (`2.` + base64url of the deflated JSON; no histories).
pub fn link_text(project: &Project, keys: &[String]) -> String {
    let json = serde_json::to_vec(&pack(project, keys, false)).unwrap_or_default();
    let mut enc = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::best());
    let _ = enc.write_all(&json);
    let packed = enc.finish().unwrap_or_default();
    format!("{VERSION}.{}", b64url().encode(packed))
}

/// Reads link text (this version's or format 1).
pub fn decode_link(text: &str) -> Result<Packed, ProjectError> {
    let (version, body) = text.split_once('.').ok_or(ProjectError::UnknownFormat)?;
    let version: u32 = version.parse().map_err(|_| ProjectError::UnknownFormat)?;
    match version {
        0 => Err(ProjectError::UnknownFormat),
        1 => super::v1::decode_link(text),
        VERSION => {
            let packed = b64url()
                .decode(body.trim())
                .map_err(|_| ProjectError::Damaged)?;
            let mut raw = Vec::new();
            flate2::read::DeflateDecoder::new(packed.as_slice())
                .take(MAX_LINK_STATE + 1)
                .read_to_end(&mut raw)
                .map_err(|_| ProjectError::Damaged)?;
            if raw.len() as u64 > MAX_LINK_STATE {
                return Err(ProjectError::TooLarge {
                    de: "Byte Zustand".into(),
                    en: "bytes of state".into(),
                    found: raw.len(),
                    max: MAX_LINK_STATE as usize,
                });
            }
            let value: serde_json::Value =
                serde_json::from_slice(&raw).map_err(|e| ProjectError::Invalid(e.to_string()))?;
            migrate(value)
        }
        v => Err(ProjectError::Newer(v)),
    }
}

/// Brings a packed state of any version to the current one; the one place for migrations.
/// Format 1 arrives here already converted by the module `v1`; later formats add their steps
/// (each a function from the JSON of version n to n + 1) before the final read.
fn migrate(value: serde_json::Value) -> Result<Packed, ProjectError> {
    let v = value.get("v").and_then(|v| v.as_u64()).unwrap_or(0) as u32;
    if v > VERSION {
        return Err(ProjectError::Newer(v));
    }
    if v < 2 {
        return Err(ProjectError::Invalid(format!(
            "version \"v\": {v}, expected {VERSION}"
        )));
    }
    serde_json::from_value(value).map_err(|e| ProjectError::Invalid(e.to_string()))
}

/// One input file in a project file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
struct FileEntry {
    /// File name as the user chose it.
    name: String,
    /// `geo` (the map), `table` or `points` (a point layer, in order).
    role: String,
    /// The bytes, base64 (standard alphabet).
    base64: String,
}

/// A project file: the data as loaded and the packed state.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
struct ProjectFile {
    /// Always [`PROJECT_FORMAT`].
    format: String,
    /// Format version ([`VERSION`]).
    version: u32,
    /// The project title.
    name: String,
    /// Where the data came from when it was not a file (address, demo).
    #[serde(default, skip_serializing_if = "is_files")]
    source: DataSource,
    /// The input files.
    files: Vec<FileEntry>,
    /// The state.
    state: Packed,
}

fn is_files(s: &DataSource) -> bool {
    matches!(s, DataSource::Files | DataSource::Demo)
}

/// The text of the project file (pretty JSON, fields in a fixed order: the same project gives
/// the same bytes). Without a map it is the demo town's project.
pub fn project_file(project: &Project, keys: &[String]) -> String {
    let b64 = base64::engine::general_purpose::STANDARD;
    let entry = |f: &InputFile, role: &str| FileEntry {
        name: f.name.clone(),
        role: role.into(),
        base64: b64.encode(f.bytes.as_slice()),
    };
    let inputs = &project.inputs;
    let files = inputs
        .map
        .iter()
        .map(|f| entry(f, "geo"))
        .chain(inputs.table.iter().map(|f| entry(f, "table")))
        .chain(inputs.points.iter().map(|f| entry(f, "points")))
        .collect();
    let file = ProjectFile {
        format: PROJECT_FORMAT.into(),
        version: VERSION,
        name: project.title.clone(),
        source: match &inputs.source {
            DataSource::Address { .. } => inputs.source.clone(),
            _ => DataSource::Files,
        },
        files,
        state: pack(project, keys, true),
    };
    serde_json::to_string_pretty(&file).unwrap_or_default()
}

/// Reads a project file (this version's or format 1): its inputs (files as bytes) and state.
pub fn read_project_file(bytes: &[u8]) -> Result<(Inputs, Packed), ProjectError> {
    let value: serde_json::Value =
        serde_json::from_slice(bytes).map_err(|e| ProjectError::Invalid(e.to_string()))?;
    if value.get("format").and_then(|f| f.as_str()) != Some(PROJECT_FORMAT) {
        return Err(ProjectError::UnknownFormat);
    }
    let version = value.get("version").and_then(|v| v.as_u64()).unwrap_or(0) as u32;
    if version > VERSION {
        return Err(ProjectError::Newer(version));
    }
    if version <= 1 {
        return super::v1::read_project_file(value);
    }
    let file: ProjectFile =
        serde_json::from_value(value).map_err(|e| ProjectError::Invalid(e.to_string()))?;
    let state = migrate(serde_json::to_value(&file.state).unwrap_or_default())?;
    let inputs = inputs_of(
        file.files
            .iter()
            .map(|f| (f.name.as_str(), f.role.as_str(), f.base64.as_str())),
        &state.read,
    )?;
    Ok((
        Inputs {
            source: if inputs.map.is_some() {
                match file.source {
                    DataSource::Address { .. } => file.source,
                    _ => DataSource::Files,
                }
            } else {
                DataSource::Demo
            },
            ..inputs
        },
        state,
    ))
}

/// The inputs of a project file's entries (name, role, base64).
pub(crate) fn inputs_of<'a>(
    entries: impl Iterator<Item = (&'a str, &'a str, &'a str)>,
    read: &ReadSettings,
) -> Result<Inputs, ProjectError> {
    let b64 = base64::engine::general_purpose::STANDARD;
    let mut inputs = Inputs {
        read: read.clone(),
        ..Inputs::default()
    };
    for (name, role, data) in entries {
        let bytes = b64.decode(data).map_err(|_| ProjectError::Damaged)?;
        let file = Some(InputFile::new(name, bytes));
        match role {
            "geo" => inputs.map = file,
            "table" => inputs.table = file,
            "points" => inputs.points.extend(file),
            other => return Err(ProjectError::Invalid(format!("role \"{other}\""))),
        }
    }
    inputs.source = if inputs.map.is_some() {
        DataSource::Files
    } else {
        DataSource::Demo
    };
    Ok(inputs)
}

/// The storage key of the autosave for the units with these keys.
pub fn autosave_key(keys: &[String]) -> String {
    format!("sozialatlas:project:{}", fingerprint(keys))
}

/// The storage key under which format 1 saved the definitions of a map.
pub fn autosave_key_v1(keys: &[String]) -> String {
    format!("sozialatlas:definitions:{}", fingerprint(keys))
}

/// The autosave text of a project: the packed state with histories, as JSON.
pub fn autosave_text(project: &Project, keys: &[String]) -> String {
    serde_json::to_string(&pack(project, keys, true)).unwrap_or_default()
}

/// Reads an autosave: this version's text, or format 1's definitions (then only the
/// definitions; every other setting as the data suggests).
pub fn read_autosave(text: &str, keys: &[String]) -> Result<Packed, ProjectError> {
    let value: serde_json::Value =
        serde_json::from_str(text).map_err(|e| ProjectError::Invalid(e.to_string()))?;
    if value.get("definitions").is_some() && value.get("version").is_some() {
        return super::v1::read_autosave(value, keys);
    }
    migrate(value)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::project::{self, ClassifyView, Mode};

    fn demo() -> project::Opened {
        project::open(&Inputs::default(), None).unwrap()
    }

    #[test]
    fn runs_round_trip_and_refuse_bombs() {
        let v = vec![1, 1, 1, 0, 2, 2, 3];
        let t = runs(v.iter().copied());
        assert_eq!(t, "1*3,0,2*2,3");
        assert_eq!(unruns(&t, 7).unwrap(), v);
        assert_eq!(unruns(&t, 6), None, "more values than units");
        assert_eq!(unruns("1*18446744073709551615", 1000), None);
        assert_eq!(unruns("1*0", 10), None);
        assert_eq!(unruns("x", 10), None);
        assert_eq!(unruns("", 10).unwrap(), Vec::<u32>::new());
    }

    #[test]
    fn link_and_project_file_carry_the_setup_and_every_setting() {
        let mut o = demo();
        let keys = o.atlas.units.keys.clone();
        let p = &mut o.project;
        p.catalogue.indicators[0].label = "SGB-II-Quote (Test)".into();
        p.catalogue.indicators[0].direction = crate::model::Direction::HighIsAdvantage;
        p.catalogue.population = None;
        p.view.mode = Mode::Classify;
        p.classify.view = ClassifyView::Band(p.catalogue.indicators[1].id.clone());
        p.cluster.seed = 7;
        p.notes.push(Note {
            title: "<b>Idee</b>".into(),
            ..Note::default()
        });
        let def = Definition::from_prefix("Stadtteile", &keys, 2);
        p.sozialraeume.add(def, Origin::Own);
        assert!(p.sozialraeume.paint_live(&[0, 1], Some(2)));
        p.sozialraeume.end_stroke();
        let link = link_text(p, &keys);
        assert!(link.starts_with("2."));
        let back = decode_link(&link)
            .unwrap()
            .apply(&o.atlas, p.inputs.clone())
            .unwrap();
        // The link has no histories; everything else is the same.
        let mut expected = p.clone();
        expected.sozialraeume.histories = vec![History::default()];
        assert_eq!(back, expected);
        let file = project_file(p, &keys);
        let (inputs, packed) = read_project_file(file.as_bytes()).unwrap();
        let back = packed.apply(&o.atlas, inputs).unwrap();
        assert_eq!(back, *p, "the project file keeps histories too");
        assert_eq!(project_file(&back, &keys), file, "same bytes again");
        let saved = autosave_text(p, &keys);
        assert_eq!(
            read_autosave(&saved, &keys)
                .unwrap()
                .apply(&o.atlas, p.inputs.clone())
                .unwrap(),
            *p
        );
    }

    #[test]
    fn states_for_other_data_or_out_of_range_are_refused() {
        let o = demo();
        let keys = &o.atlas.units.keys;
        let mut p = o.project.clone();
        p.sozialraeume
            .add(Definition::from_prefix("x", keys, 2), Origin::Own);
        let packed = pack(&p, keys, true);
        let mut other = o.atlas.clone();
        other.units.keys.pop();
        assert!(matches!(
            packed.apply(&other, Inputs::default()),
            Err(ProjectError::OtherData {
                expected: 58,
                found: 57
            })
        ));
        // More Sozialräume than units.
        let mut big = packed.clone();
        big.definitions[0].areas = vec![("a".into(), "#fff".into(), false); 59];
        assert!(matches!(
            big.apply(&o.atlas, Inputs::default()),
            Err(ProjectError::TooLarge { max: 58, .. })
        ));
        // An assignment naming a Sozialraum that does not exist.
        let mut bad = packed.clone();
        bad.definitions[0].assign = "99*58".into();
        assert!(matches!(
            bad.apply(&o.atlas, Inputs::default()),
            Err(ProjectError::Inconsistent { .. })
        ));
        // A history that would assign to a missing Sozialraum.
        let mut hist = packed.clone();
        hist.definitions[0].history = Some(PackedHistory {
            undo: vec![Edit::Assign(vec![(0, Some(500))])],
            redo: vec![],
        });
        assert!(hist.apply(&o.atlas, Inputs::default()).is_err());
        // Absurd numbers come back in range.
        let mut odd = packed;
        odd.view.zoom = Some([0.0, 0.0, 1e-300, 1e-300]);
        odd.explore.classes = 1 << 40;
        odd.cluster.k = 0;
        let p = odd.apply(&o.atlas, Inputs::default()).unwrap();
        assert_eq!(p.view.zoom, None);
        assert_eq!(p.explore.classes, 5);
        assert_eq!(p.cluster.k, 5);
    }

    #[test]
    fn damaged_links_are_errors_not_panics() {
        let o = demo();
        let text = link_text(&o.project, &o.atlas.units.keys);
        for cut in [0, 1, 2, 5, text.len() / 2, text.len() - 1] {
            assert!(decode_link(&text[..cut]).is_err(), "cut at {cut}");
        }
        assert_eq!(decode_link("9.abc"), Err(ProjectError::Newer(9)));
        assert_eq!(decode_link("x.abc"), Err(ProjectError::UnknownFormat));
        assert_eq!(decode_link("2.!!!"), Err(ProjectError::Damaged));
        // A deflate bomb: 64 MB of zeros in a few kB.
        let mut enc = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::best());
        enc.write_all(&vec![b' '; 64 << 20]).unwrap();
        let bomb = format!("2.{}", b64url().encode(enc.finish().unwrap()));
        assert!(matches!(
            decode_link(&bomb),
            Err(ProjectError::TooLarge { .. })
        ));
        let msg = ProjectError::Damaged.message(crate::locale::Lang::De);
        assert!(msg.contains("Standardansicht"));
    }
}

//! Sharing without a server: the view state in a link (`#s=…`) and the project file
//! (`.sozialatlas.json`).
//!
//! The link carries the state only ([`ViewState`]: mode, indicator, year, class settings,
//! analysis settings and seeds, every Sozialraum definition, the visible part of the map); the
//! data is named by `?geo=&table=&key=` or `?data=` beside it. Format: `1.` followed by
//! base64url (no padding) of the raw deflate of the state as JSON. Assignments are run-length
//! encoded over the units in file order, so a Berlin definition of 60 Sozialräume over 542
//! Planungsräume takes a few hundred characters.
//!
//! The project file holds the original input files (base64), the key column and the same state;
//! reading and writing it again gives the same bytes.
//!
//! Decoders never panic: a damaged, truncated or foreign text gives a [`ShareError`] (the
//! decoders are fuzzed: `fuzz/fuzz_targets/share.rs`).

use crate::sozialraum::definition::{Definition, Sozialraum};
use base64::Engine;
use serde::{Deserialize, Serialize};
use std::io::{Read, Write};

/// The version of the link and project format written now.
pub const VERSION: u32 = 1;

/// Largest decompressed state accepted (protects against deflate bombs).
const MAX_STATE: u64 = 4 << 20;

/// A fingerprint of the units (their number and a hash of their keys in order): a link or file
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

/// A Sozialraum definition in a link: names, colours, locks, and the assignment of the units
/// in the order of their sorted keys (so that a link does not depend on the order of the
/// features in the file, and units with neighbouring keys, often neighbours, sit together).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SharedDefinition {
    /// Name of the definition.
    pub name: String,
    /// Per Sozialraum: name, colour, locked.
    pub areas: Vec<(String, String, bool)>,
    /// Per unit in key order: Sozialraum + 1, 0 = unassigned. Travels as bytes after the JSON
    /// (see [`encode`]), not in it.
    #[serde(skip)]
    pub assign: Vec<u32>,
}

/// The units in the order of their keys.
fn key_order(keys: &[String]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..keys.len()).collect();
    order.sort_by(|&a, &b| keys[a].cmp(&keys[b]));
    order
}

impl SharedDefinition {
    /// Encodes a definition of the units with these keys.
    pub fn from_definition(def: &Definition, keys: &[String]) -> SharedDefinition {
        SharedDefinition {
            name: def.name.clone(),
            areas: def
                .areas
                .iter()
                .map(|a| (a.name.clone(), a.color.clone(), a.locked))
                .collect(),
            assign: key_order(keys)
                .into_iter()
                .map(|u| def.assign.get(u).copied().flatten().map_or(0, |a| a + 1))
                .collect(),
        }
    }

    /// Decodes it for the units with these keys; an error when the assignment does not cover
    /// exactly the units or names a Sozialraum that does not exist.
    pub fn to_definition(&self, keys: &[String]) -> Result<Definition, ShareError> {
        if self.assign.len() != keys.len()
            || self.assign.iter().any(|&a| a as usize > self.areas.len())
        {
            return Err(ShareError::Inconsistent);
        }
        let mut assign = vec![None; keys.len()];
        for (&u, &a) in key_order(keys).iter().zip(&self.assign) {
            assign[u] = a.checked_sub(1);
        }
        Ok(Definition {
            name: self.name.clone(),
            areas: self
                .areas
                .iter()
                .map(|(name, color, locked)| Sozialraum {
                    name: name.clone(),
                    color: color.clone(),
                    locked: *locked,
                })
                .collect(),
            assign,
        })
    }
}

/// Everything a link restores. Field names are short: they travel in every link.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ViewState {
    /// Format version ([`VERSION`]).
    pub v: u32,
    /// [`fingerprint`] of the units the state was made for.
    pub fp: String,
    /// Mode: `explore`, `classify`, `cluster`, `define`, `compare`.
    pub mode: String,
    /// UI language: `de` or `en`.
    pub lang: String,
    /// Indicator shown (id).
    pub ind: String,
    /// Year shown.
    pub year: Option<i32>,
    /// Number of map classes.
    pub k: usize,
    /// Explore: change map.
    pub change: bool,
    /// Explore: pooled breaks.
    pub pooled: bool,
    /// Classify view: `status`, `dynamic`, `grid` or `band:<indicator id>`.
    pub cview: String,
    /// Classify: index indicators.
    pub cind: Vec<String>,
    /// Classify: dynamic indicators.
    pub cdyn: Vec<String>,
    /// Classify: population floor.
    pub cmin: Option<f64>,
    /// Cluster: indicators.
    pub kind: Vec<String>,
    /// Cluster: number of clusters.
    pub kk: usize,
    /// Cluster: k-means refinement.
    pub kref: bool,
    /// Cluster: seed.
    pub kseed: u64,
    /// Area names on the map.
    pub labels: bool,
    /// Visible part of the map (SVG units), `None` = all.
    pub zoom: Option<[f64; 4]>,
    /// Sozialraum definitions.
    pub defs: Vec<SharedDefinition>,
    /// Definition being drawn.
    pub active: usize,
    /// Definitions compared.
    pub pair: (usize, usize),
    /// Population bounds of the validation.
    pub bounds: (Option<f64>, Option<f64>),
}

/// Why a link or project file could not be read.
#[derive(Clone, Debug, PartialEq)]
pub enum ShareError {
    /// The text does not start with a known version prefix (`1.`).
    UnknownFormat,
    /// Not valid base64url: the link was cut or changed.
    Damaged,
    /// Made by a newer version of Sozialatlas.
    Newer(u32),
    /// The state does not fit together (e.g. an assignment for another number of units).
    Inconsistent,
    /// The JSON is not a state or project (the message of the parser).
    Invalid(String),
}

impl ShareError {
    /// The message for the user, ending with what happens now.
    pub fn message(&self, lang: crate::lang::Lang) -> String {
        use crate::lang::Lang::*;
        match (self, lang) {
            (ShareError::UnknownFormat | ShareError::Damaged, De) => "Der Link ist beschädigt oder unvollständig (vielleicht beim Kopieren abgeschnitten). Es wird die Standardansicht gezeigt; bitte den Link noch einmal vollständig kopieren.".into(),
            (ShareError::UnknownFormat | ShareError::Damaged, En) => "The link is damaged or incomplete (perhaps cut off when copying). The default view is shown; please copy the whole link again.".into(),
            (ShareError::Newer(v), De) => format!("Der Link oder die Datei stammt aus einer neueren Version von Sozialatlas (Format {v}). Es wird die Standardansicht gezeigt; bitte die neuere Version verwenden."),
            (ShareError::Newer(v), En) => format!("The link or file comes from a newer version of Sozialatlas (format {v}). The default view is shown; please use the newer version."),
            (ShareError::Inconsistent, De) => "Der gespeicherte Zustand passt nicht zu den geladenen Daten (andere Gebiete). Es wird die Standardansicht gezeigt.".into(),
            (ShareError::Inconsistent, En) => "The saved state does not fit the loaded data (other areas). The default view is shown.".into(),
            (ShareError::Invalid(m), De) => format!("Der Zustand im Link oder in der Datei ist ungültig ({m}). Es wird die Standardansicht gezeigt."),
            (ShareError::Invalid(m), En) => format!("The state in the link or file is invalid ({m}). The default view is shown."),
        }
    }
}

fn b64() -> base64::engine::GeneralPurpose {
    base64::engine::general_purpose::URL_SAFE_NO_PAD
}

/// The state as link text: `1.` + base64url of the raw deflate of
/// `[length of the JSON as LEB128][JSON][per definition: units' count as LEB128, then one LEB128
/// per unit]`.
pub fn encode(state: &ViewState) -> String {
    let json = serde_json::to_vec(state).unwrap_or_default();
    let mut raw = Vec::with_capacity(json.len() + 16);
    leb128(&mut raw, json.len() as u64);
    raw.extend_from_slice(&json);
    for d in &state.defs {
        leb128(&mut raw, d.assign.len() as u64);
        for &a in &d.assign {
            leb128(&mut raw, a as u64);
        }
    }
    let mut enc = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::best());
    let _ = enc.write_all(&raw);
    let packed = enc.finish().unwrap_or_default();
    format!("{VERSION}.{}", b64().encode(packed))
}

fn leb128(out: &mut Vec<u8>, mut x: u64) {
    loop {
        let b = (x & 0x7f) as u8;
        x >>= 7;
        if x == 0 {
            out.push(b);
            return;
        }
        out.push(b | 0x80);
    }
}

/// Reads a LEB128 number at `*pos`; `None` at the end or when it overflows.
fn read_leb128(bytes: &[u8], pos: &mut usize) -> Option<u64> {
    let mut x: u64 = 0;
    for shift in (0..64).step_by(7) {
        let b = *bytes.get(*pos)?;
        *pos += 1;
        x |= ((b & 0x7f) as u64) << shift;
        if b & 0x80 == 0 {
            return Some(x);
        }
    }
    None
}

/// Reads link text made by [`encode`] (by this or an older version).
pub fn decode(text: &str) -> Result<ViewState, ShareError> {
    let (version, body) = text.split_once('.').ok_or(ShareError::UnknownFormat)?;
    let version: u32 = version.parse().map_err(|_| ShareError::UnknownFormat)?;
    if version > VERSION {
        return Err(ShareError::Newer(version));
    }
    if version == 0 {
        return Err(ShareError::UnknownFormat);
    }
    let packed = b64().decode(body.trim()).map_err(|_| ShareError::Damaged)?;
    let mut raw = Vec::new();
    flate2::read::DeflateDecoder::new(packed.as_slice())
        .take(MAX_STATE)
        .read_to_end(&mut raw)
        .map_err(|_| ShareError::Damaged)?;
    let mut pos = 0;
    let len = read_leb128(&raw, &mut pos).ok_or(ShareError::Damaged)? as usize;
    let json = raw
        .get(pos..pos.saturating_add(len))
        .ok_or(ShareError::Damaged)?;
    pos += len;
    let value: serde_json::Value =
        serde_json::from_slice(json).map_err(|e| ShareError::Invalid(e.to_string()))?;
    let mut state = migrate(value)?;
    for d in &mut state.defs {
        let n = read_leb128(&raw, &mut pos).ok_or(ShareError::Damaged)? as usize;
        if n > raw.len() {
            return Err(ShareError::Damaged);
        }
        d.assign = (0..n)
            .map(|_| read_leb128(&raw, &mut pos).and_then(|a| u32::try_from(a).ok()))
            .collect::<Option<Vec<u32>>>()
            .ok_or(ShareError::Damaged)?;
    }
    if pos != raw.len() {
        return Err(ShareError::Damaged);
    }
    Ok(state)
}

/// Brings a state of any known version to the current one. Version 1 is the first; later
/// versions add their steps here (each a function from the JSON of version n to n + 1).
fn migrate(value: serde_json::Value) -> Result<ViewState, ShareError> {
    let v = value.get("v").and_then(|v| v.as_u64()).unwrap_or(0) as u32;
    if v > VERSION {
        return Err(ShareError::Newer(v));
    }
    if v == 0 {
        return Err(ShareError::Invalid("v".into()));
    }
    serde_json::from_value(value).map_err(|e| ShareError::Invalid(e.to_string()))
}

/// One input file in a project file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProjectFile {
    /// File name as the user chose it.
    pub name: String,
    /// `geo` (the map) or `table`.
    pub role: String,
    /// The bytes, base64 (standard alphabet).
    pub base64: String,
}

/// A project file (`.sozialatlas.json`): the data as loaded, the key column and the state.
/// Without files the project is the built-in demo town.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Project {
    /// Always `sozialatlas-project`.
    pub format: String,
    /// Format version ([`VERSION`]).
    pub version: u32,
    /// Name of the data set.
    pub name: String,
    /// Key column given at load (else chosen automatically again).
    pub key: Option<String>,
    /// The input files.
    pub files: Vec<ProjectFile>,
    /// The view state, encoded as in a link ([`encode`]).
    pub state: String,
}

/// The marker of project files.
pub const PROJECT_FORMAT: &str = "sozialatlas-project";

impl Project {
    /// A project of these files (name, role, bytes) and state.
    pub fn new(
        name: &str,
        key: Option<&str>,
        files: &[(String, String, Vec<u8>)],
        state: &ViewState,
    ) -> Project {
        Project {
            format: PROJECT_FORMAT.into(),
            version: VERSION,
            name: name.into(),
            key: key.map(str::to_string),
            files: files
                .iter()
                .map(|(name, role, bytes)| ProjectFile {
                    name: name.clone(),
                    role: role.clone(),
                    base64: base64::engine::general_purpose::STANDARD.encode(bytes),
                })
                .collect(),
            state: encode(state),
        }
    }

    /// The view state.
    pub fn view_state(&self) -> Result<ViewState, ShareError> {
        decode(&self.state)
    }

    /// The file's text (pretty JSON, fields in a fixed order: the same project gives the same
    /// bytes).
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// Reads a project file (its state must decode too).
    pub fn from_json(bytes: &[u8]) -> Result<Project, ShareError> {
        let value: serde_json::Value =
            serde_json::from_slice(bytes).map_err(|e| ShareError::Invalid(e.to_string()))?;
        if value.get("format").and_then(|f| f.as_str()) != Some(PROJECT_FORMAT) {
            return Err(ShareError::UnknownFormat);
        }
        let version = value.get("version").and_then(|v| v.as_u64()).unwrap_or(0) as u32;
        if version > VERSION {
            return Err(ShareError::Newer(version));
        }
        let p: Project =
            serde_json::from_value(value).map_err(|e| ShareError::Invalid(e.to_string()))?;
        p.view_state()?;
        Ok(p)
    }

    /// The bytes of the input file with this role.
    pub fn file(&self, role: &str) -> Result<Option<(String, Vec<u8>)>, ShareError> {
        match self.files.iter().find(|f| f.role == role) {
            None => Ok(None),
            Some(f) => base64::engine::general_purpose::STANDARD
                .decode(&f.base64)
                .map(|b| Some((f.name.clone(), b)))
                .map_err(|_| ShareError::Damaged),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Keys not in sorted order: the link sorts them.
    fn keys() -> Vec<String> {
        ["d", "b", "c", "a"].iter().map(|s| s.to_string()).collect()
    }

    fn state() -> ViewState {
        let def = Definition::from_labels(
            "Entwurf",
            &[Some("N".into()), Some("N".into()), None, Some("S".into())],
        );
        ViewState {
            v: VERSION,
            fp: fingerprint(&keys()),
            mode: "define".into(),
            ind: "sgb2".into(),
            year: Some(2024),
            k: 5,
            defs: vec![SharedDefinition::from_definition(&def, &keys())],
            zoom: Some([1.5, 2.0, 300.0, 200.0]),
            ..ViewState::default()
        }
    }

    #[test]
    fn link_round_trip_and_run_length() {
        let s = state();
        // Key order a, b, c, d = units 3, 1, 2, 0.
        assert_eq!(s.defs[0].assign, vec![2, 1, 0, 1]);
        let text = encode(&s);
        assert!(text.starts_with("1."));
        assert!(text
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-_.".contains(&b)));
        assert_eq!(decode(&text).unwrap(), s);
        let def = s.defs[0].to_definition(&keys()).unwrap();
        assert_eq!(def.assign, vec![Some(0), Some(0), None, Some(1)]);
        let more: Vec<String> = ["a", "b", "c", "d", "e"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        assert_eq!(
            s.defs[0].to_definition(&more),
            Err(ShareError::Inconsistent)
        );
    }

    #[test]
    fn damaged_links_are_errors_not_panics() {
        let text = encode(&state());
        for cut in [0, 1, 2, 5, text.len() / 2, text.len() - 1] {
            assert!(decode(&text[..cut]).is_err(), "cut at {cut}");
        }
        assert_eq!(decode("9.abc"), Err(ShareError::Newer(9)));
        assert_eq!(decode("x.abc"), Err(ShareError::UnknownFormat));
        assert_eq!(decode("1.!!!"), Err(ShareError::Damaged));
        let mut bytes = text.into_bytes();
        bytes[10] = if bytes[10] == b'A' { b'B' } else { b'A' };
        assert!(decode(std::str::from_utf8(&bytes).unwrap()).is_err());
        // A run that points to a Sozialraum that does not exist.
        let bad = SharedDefinition {
            name: "x".into(),
            areas: vec![],
            assign: vec![3, 0, 0, 0],
        };
        assert_eq!(bad.to_definition(&keys()), Err(ShareError::Inconsistent));
        let msg = ShareError::Damaged.message(crate::lang::Lang::De);
        assert!(msg.contains("Standardansicht"));
    }

    #[test]
    fn project_file_round_trips_byte_identical() {
        let files = vec![(
            "m.geojson".to_string(),
            "geo".to_string(),
            b"{\"type\":1}".to_vec(),
        )];
        let p = Project::new("Musterstadt", Some("id"), &files, &state());
        let text = p.to_json();
        let back = Project::from_json(text.as_bytes()).unwrap();
        assert_eq!(back, p);
        assert_eq!(back.to_json(), text);
        assert_eq!(
            back.file("geo").unwrap().unwrap().1,
            b"{\"type\":1}".to_vec()
        );
        assert_eq!(back.file("table").unwrap(), None);
        assert_eq!(back.view_state().unwrap(), state());
        assert_eq!(
            Project::from_json(b"{\"format\":\"other\"}"),
            Err(ShareError::UnknownFormat)
        );
        let newer = text.replace("\"version\": 1", "\"version\": 7");
        assert_eq!(
            Project::from_json(newer.as_bytes()),
            Err(ShareError::Newer(7))
        );
        assert!(Project::from_json(b"not json").is_err());
    }
}

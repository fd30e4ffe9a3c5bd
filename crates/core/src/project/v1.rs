//! Format 1, the first version (November 2026), read and migrated to the current
//! [`Packed`] state. Nothing here is written any more.
//!
//! - Link: `1.` + base64url of the raw deflate of
//!   `[length of the JSON as LEB128][JSON of the view state][per definition: units' count as
//!   LEB128, then one LEB128 per unit in key order: Sozialraum + 1, 0 = unassigned]`.
//! - Project file: `{format, version: 1, name, key, files, state: <link text>}`, where `key`
//!   was the map's key column (or `"key"` for a map without a table, a bug of that version:
//!   such a key is ignored here and chosen again).
//! - Autosave: `{version: 1, definitions: [{name, areas, units: [[keys per Sozialraum]]}]}`.
//!
//! Format 1 had no indicator setup, no proposal or small-number settings and no histories: the
//! migrated state takes the data's guesses and defaults for them.

use super::codec::{inputs_of, runs, Packed, PackedDefinition};
use super::{
    ClassifyParams, ClassifyView, ClusterParams, ExploreParams, Mode, PopulationBounds,
    ProjectError, ReadSettings, View,
};
use crate::locale::Lang;
use base64::Engine;
use serde::Deserialize;
use std::io::Read;

/// Largest decompressed state accepted (as format 1 did).
const MAX_STATE: u64 = 4 << 20;

/// The view state of format 1 (field names as they travelled).
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
struct ViewState {
    v: u32,
    fp: String,
    mode: String,
    lang: String,
    ind: String,
    year: Option<i32>,
    k: usize,
    change: bool,
    pooled: bool,
    cview: String,
    cind: Vec<String>,
    cdyn: Vec<String>,
    cmin: Option<f64>,
    kind: Vec<String>,
    kk: usize,
    kref: bool,
    kseed: u64,
    labels: bool,
    zoom: Option<[f64; 4]>,
    defs: Vec<SharedDefinition>,
    active: usize,
    pair: (usize, usize),
    bounds: (Option<f64>, Option<f64>),
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
struct SharedDefinition {
    name: String,
    areas: Vec<(String, String, bool)>,
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

/// Reads a format 1 link text into the current state.
pub(super) fn decode_link(text: &str) -> Result<Packed, ProjectError> {
    let body = text.strip_prefix("1.").ok_or(ProjectError::UnknownFormat)?;
    let packed = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(body.trim())
        .map_err(|_| ProjectError::Damaged)?;
    let mut raw = Vec::new();
    flate2::read::DeflateDecoder::new(packed.as_slice())
        .take(MAX_STATE)
        .read_to_end(&mut raw)
        .map_err(|_| ProjectError::Damaged)?;
    let mut pos = 0;
    let len = read_leb128(&raw, &mut pos).ok_or(ProjectError::Damaged)? as usize;
    let json = raw
        .get(pos..pos.saturating_add(len))
        .ok_or(ProjectError::Damaged)?;
    pos += len;
    let value: serde_json::Value =
        serde_json::from_slice(json).map_err(|e| ProjectError::Invalid(e.to_string()))?;
    let v = value.get("v").and_then(|v| v.as_u64()).unwrap_or(0);
    if v != 1 {
        return Err(ProjectError::Invalid("v".into()));
    }
    let vs: ViewState =
        serde_json::from_value(value).map_err(|e| ProjectError::Invalid(e.to_string()))?;
    let mut assigns = Vec::with_capacity(vs.defs.len());
    for _ in &vs.defs {
        let n = read_leb128(&raw, &mut pos).ok_or(ProjectError::Damaged)? as usize;
        if n > raw.len() {
            return Err(ProjectError::Damaged);
        }
        let values = (0..n)
            .map(|_| read_leb128(&raw, &mut pos).and_then(|a| u32::try_from(a).ok()))
            .collect::<Option<Vec<u32>>>()
            .ok_or(ProjectError::Damaged)?;
        assigns.push(runs(values.into_iter()));
    }
    if pos != raw.len() {
        return Err(ProjectError::Damaged);
    }
    Ok(migrate(vs, assigns))
}

/// The current state of a format 1 view state and its assignments (as runs).
fn migrate(vs: ViewState, assigns: Vec<String>) -> Packed {
    let definitions = vs
        .defs
        .iter()
        .zip(assigns)
        .map(|(d, assign)| PackedDefinition {
            name: d.name.clone(),
            areas: d.areas.clone(),
            assign,
            ..PackedDefinition::default()
        })
        .collect();
    let view = View {
        mode: Mode::from_name(&vs.mode),
        lang: if vs.lang == "en" { Lang::En } else { Lang::De },
        indicator: vs.ind,
        year: vs.year,
        labels: vs.labels,
        zoom: vs.zoom,
        level: String::new(),
        coarser: String::new(),
    };
    let explore = ExploreParams {
        classes: vs.k,
        change: vs.change,
        pooled: vs.pooled,
        ..ExploreParams::default()
    };
    let classify = ClassifyParams {
        view: match vs.cview.as_str() {
            "dynamic" => ClassifyView::Dynamic,
            "grid" => ClassifyView::Grid,
            b if b.starts_with("band:") => ClassifyView::Band(b[5..].to_string()),
            _ => ClassifyView::Status,
        },
        indicators: vs.cind,
        dynamic: vs.cdyn,
        min_population: vs.cmin,
    };
    let cluster = ClusterParams {
        indicators: vs.kind,
        k: vs.kk,
        refine: vs.kref,
        seed: vs.kseed,
    };
    Packed {
        v: 1,
        fp: vs.fp,
        view,
        explore,
        classify,
        cluster,
        definitions,
        active: vs.active,
        pair: vs.pair,
        bounds: PopulationBounds {
            min: vs.bounds.0,
            max: vs.bounds.1,
        },
        ..Packed::default()
    }
}

#[derive(Deserialize)]
struct ProjectFileV1 {
    #[allow(dead_code)]
    name: String,
    key: Option<String>,
    files: Vec<FileV1>,
    state: String,
}

#[derive(Deserialize)]
struct FileV1 {
    name: String,
    role: String,
    base64: String,
}

/// Reads a format 1 project file (already parsed as JSON).
pub(super) fn read_project_file(
    value: serde_json::Value,
) -> Result<(super::Inputs, Packed), ProjectError> {
    let p: ProjectFileV1 =
        serde_json::from_value(value).map_err(|e| ProjectError::Invalid(e.to_string()))?;
    let state = decode_link(&p.state)?;
    // Format 1 saved the map's key column as `key` and read it as the table's: keep it as a
    // hint for both sides; "key" of a map without a table named no column at all.
    let has_table = p.files.iter().any(|f| f.role == "table");
    let key = p.key.filter(|k| has_table || k != "key");
    let read = ReadSettings {
        map_key: key.clone(),
        table_key: if has_table { key } else { None },
        ..ReadSettings::default()
    };
    let inputs = inputs_of(
        p.files
            .iter()
            .map(|f| (f.name.as_str(), f.role.as_str(), f.base64.as_str())),
        &read,
    )?;
    Ok((inputs, state))
}

#[derive(Deserialize)]
struct SavedV1 {
    definitions: Vec<SavedDefinitionV1>,
}

#[derive(Deserialize)]
struct SavedDefinitionV1 {
    name: String,
    areas: Vec<crate::sozialraum::definition::Sozialraum>,
    units: Vec<Vec<String>>,
}

/// Reads a format 1 autosave (definitions by unit keys) for the units with `keys`.
pub(super) fn read_autosave(
    value: serde_json::Value,
    keys: &[String],
) -> Result<Packed, ProjectError> {
    let saved: SavedV1 =
        serde_json::from_value(value).map_err(|e| ProjectError::Invalid(e.to_string()))?;
    let mut order: Vec<usize> = (0..keys.len()).collect();
    order.sort_by(|&a, &b| keys[a].cmp(&keys[b]));
    let index: std::collections::HashMap<&str, usize> = keys
        .iter()
        .enumerate()
        .map(|(i, k)| (k.as_str(), i))
        .collect();
    let definitions = saved
        .definitions
        .into_iter()
        .map(|s| {
            let mut assign = vec![0u32; keys.len()];
            for (a, units) in s.units.iter().enumerate() {
                for k in units {
                    if let Some(&u) = index.get(k.as_str()) {
                        assign[u] = a as u32 + 1;
                    }
                }
            }
            PackedDefinition {
                name: s.name,
                areas: s
                    .areas
                    .into_iter()
                    .map(|a| (a.name, a.color, a.locked))
                    .collect(),
                assign: runs(order.iter().map(|&u| assign[u])),
                ..PackedDefinition::default()
            }
        })
        .collect();
    Ok(Packed {
        v: 1,
        fp: super::fingerprint(keys),
        definitions,
        pair: (0, 1),
        ..Packed::default()
    })
}

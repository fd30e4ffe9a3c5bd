//! What a planner wants to know right after choosing files: CRS, encodings, feature count,
//! extent, columns, how the join went, and every warning. The app's load step and
//! `sozialatlas inspect` both show this.

use super::csv::{self, ColumnKind, RawTable};
use super::geojson::{self, Layer};
use super::join::{self, JoinOptions, JoinReport};
use super::long;
use super::texts::Texts;
use super::IngestError;
use crate::locale::Lang;
use crate::model::Crs;
use serde::Serialize;

/// A named file's bytes.
pub struct Input<'a> {
    /// File name (used in messages and to choose the reader by extension).
    pub name: &'a str,
    /// The bytes as on disk.
    pub bytes: &'a [u8],
}

/// Summary of one column.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ColumnSummary {
    /// Name.
    pub name: String,
    /// "number" or "text".
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// Missing cells.
    pub missing: usize,
    /// Up to three example values as written.
    pub examples: Vec<String>,
}

/// The key used on each side.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct KeyUsed {
    /// Map property.
    pub geo: String,
    /// Table column.
    pub table: String,
    /// The matching tolerance used.
    pub matching: join::KeyMatch,
}

/// Join summary in the CLI contract's shape.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct JoinSummary {
    /// Features with a table row.
    pub matched: usize,
    /// Map keys without a row.
    pub unmatched_geo: Vec<String>,
    /// Table keys without a feature.
    pub unmatched_table: Vec<String>,
    /// Keys occurring more than once on either side.
    pub duplicates: Vec<String>,
    /// The full report.
    pub detail: JoinReport,
}

/// Encodings of the files read.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Encodings {
    /// Map file.
    pub geo: Option<&'static str>,
    /// Table file.
    pub table: Option<&'static str>,
}

/// The inspection result (serialises to the `sozialatlas inspect` JSON).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Inspection {
    /// CRS of the map file, e.g. "EPSG:25833".
    pub crs: Option<String>,
    /// How the CRS was found: "declared", "detected", "guessed" or "override".
    pub crs_source: Option<&'static str>,
    /// Planar CRS the app computes areas in.
    pub planar_crs: Option<String>,
    /// Encodings.
    pub encoding: Encodings,
    /// Number of map features with areas.
    pub features: Option<usize>,
    /// Map extent in WGS 84.
    pub bbox_wgs84: Option<[f64; 4]>,
    /// Invalid (e.g. self-intersecting) polygons.
    pub invalid_polygons: usize,
    /// Polygons whose self-intersecting rings were repaired.
    pub repaired_polygons: usize,
    /// Rows of the table.
    pub rows: Option<usize>,
    /// Columns of the table, or of the map's properties without a table.
    pub columns: Vec<ColumnSummary>,
    /// The key used.
    pub key: Option<KeyUsed>,
    /// The join (map and table given).
    pub join: Option<JoinSummary>,
    /// Warnings (German).
    pub warnings: Vec<String>,
}

/// Reads a table by file extension: .xlsx (the first sheet holding a table), otherwise CSV.
pub fn read_table(input: &Input) -> Result<RawTable, IngestError> {
    read_table_sheet(input, None)
}

/// Like [`read_table`], with the sheet of an Excel workbook named (ignored for CSV).
pub fn read_table_sheet(input: &Input, sheet: Option<&str>) -> Result<RawTable, IngestError> {
    let lower = input.name.to_ascii_lowercase();
    if lower.ends_with(".xlsx") {
        return super::xlsx::read(input.name, input.bytes, sheet);
    }
    if [".xls", ".ods", ".zip", ".shp", ".geojson", ".json"]
        .iter()
        .any(|e| lower.ends_with(e))
    {
        return Err(IngestError::UnsupportedFormat {
            file: input.name.into(),
        });
    }
    csv::read(input.name, input.bytes)
}

/// Reads a map by file extension: .zip (Shapefile), otherwise GeoJSON.
pub fn read_map(input: &Input, crs: Option<Crs>) -> Result<Layer, IngestError> {
    let lower = input.name.to_ascii_lowercase();
    if lower.ends_with(".zip") {
        return super::shapefile::read_zip(input.name, input.bytes, crs);
    }
    if [".zip", ".shp", ".xlsx", ".csv", ".kml", ".gpkg"]
        .iter()
        .any(|e| lower.ends_with(e))
    {
        return Err(IngestError::UnsupportedFormat {
            file: input.name.into(),
        });
    }
    geojson::read(input.name, input.bytes, crs)
}

fn summarize(t: &RawTable) -> Vec<ColumnSummary> {
    t.columns
        .iter()
        .map(|c| ColumnSummary {
            name: c.name.clone(),
            kind: match c.kind {
                ColumnKind::Number { .. } => "number",
                ColumnKind::Text => "text",
            },
            missing: c.missing_count(),
            examples: c
                .raw
                .iter()
                .filter(|s| !s.is_empty())
                .take(3)
                .map(str::to_string)
                .collect(),
        })
        .collect()
}

fn columns_of(t: &RawTable) -> Vec<(String, Texts)> {
    t.columns
        .iter()
        .map(|c| (c.name.clone(), c.raw.clone()))
        .collect()
}

/// The key pair to join on: with `key`, that table column and the map property of the same name
/// (or the map property overlapping it best); without, the best-overlapping pair. `None` when no
/// pair matches anything.
pub fn choose_key(
    props: &RawTable,
    table: &RawTable,
    key: Option<&str>,
) -> Result<Option<join::KeyCandidate>, IngestError> {
    Ok(match key {
        Some(k) => {
            let tk = vec![(k.to_string(), table.require_key(k)?.raw.clone())];
            match props.column(k) {
                Some(g) => join::suggest(&[(k.to_string(), g.raw.clone())], &tk)
                    .into_iter()
                    .next()
                    .or(Some(join::KeyCandidate {
                        geo: k.into(),
                        table: k.into(),
                        matched: 0,
                        matching: join::KeyMatch::Exact,
                    })),
                None => join::suggest(&columns_of(props), &tk).into_iter().next(),
            }
        }
        None => join::suggest(&columns_of(props), &columns_of(table))
            .into_iter()
            .next(),
    })
}

/// The key pair with each side's key given or chosen: both given, that pair (an error when a
/// column is missing); one given, the best partner on the other side; none, the best pair.
pub fn choose_keys(
    props: &RawTable,
    table: &RawTable,
    map_key: Option<&str>,
    table_key: Option<&str>,
) -> Result<Option<join::KeyCandidate>, IngestError> {
    match (map_key, table_key) {
        (Some(g), Some(t)) if props.column(g).is_some() => {
            let gk = vec![(g.to_string(), props.require(g)?.raw.clone())];
            let tk = vec![(t.to_string(), table.require_key(t)?.raw.clone())];
            Ok(join::suggest(&gk, &tk)
                .into_iter()
                .next()
                .or(Some(join::KeyCandidate {
                    geo: g.into(),
                    table: t.into(),
                    matched: 0,
                    matching: join::KeyMatch::Exact,
                })))
        }
        (Some(g), None) if props.column(g).is_some() && table.column(g).is_none() => {
            let gk = vec![(g.to_string(), props.require(g)?.raw.clone())];
            Ok(join::suggest(&gk, &columns_of(table)).into_iter().next())
        }
        (_, Some(t)) => choose_key(props, table, Some(t)),
        (Some(g), None) => choose_key(props, table, Some(g)),
        (None, None) => choose_key(props, table, None),
    }
}

/// Checks a chosen key pair of the map's properties and the table: a loose match (dropped
/// letters, prefixes, leading zeros) is a join only when it covers most of the map and most of
/// the table, else it is refused ([`IngestError::WeakKeyMatch`]); an accepted loose match gives
/// a warning saying so.
pub fn check_key_pair(
    props: &RawTable,
    table: &RawTable,
    chosen: &join::KeyCandidate,
) -> Result<Option<super::Warning>, IngestError> {
    let note = join::assess(
        chosen,
        &props.require(&chosen.geo)?.raw,
        &table.require(&chosen.table)?.raw,
    );
    if note.weak {
        return Err(IngestError::WeakKeyMatch(Box::new(super::WeakKey {
            geo_file: props.file.clone(),
            table_file: table.file.clone(),
            geo_key: chosen.geo.clone(),
            table_key: chosen.table.clone(),
            matched: chosen.matched,
            units: props.rows(),
            rows: table.rows(),
            example: note.example.unwrap_or_default(),
        })));
    }
    Ok(note.example.map(|(g, k)| {
        super::Warning::new(
            &table.file,
            format!(
                "Die Schlüssel passen nur ungefähr zusammen (z. B. „{k}“ in der Tabelle = „{g}“ auf der Karte). Bitte prüfen."
            ),
            format!(
                "The keys match only loosely (e.g. \"{k}\" in the table = \"{g}\" on the map). Please check."
            ),
        )
    }))
}

/// Reshapes a long table to wide when it is one (see [`long`]); the note says what was done.
pub fn prepare_table(
    t: RawTable,
    key: Option<&str>,
) -> Result<(RawTable, Option<super::Warning>), IngestError> {
    let layout = match key {
        Some(k) => long::detect(&t, k),
        None => long::detect_any(&t),
    };
    match layout {
        Some(layout) => {
            let (wide, note) = long::pivot(&t, &layout)?;
            Ok((wide, Some(note)))
        }
        None => Ok((t, None)),
    }
}

/// Inspects a map and/or a table. `key` names the key column (in the table; in the map too when
/// it has that property, otherwise the map property with the best overlap is used).
pub fn inspect(
    geo: Option<Input>,
    table: Option<Input>,
    key: Option<&str>,
    crs: Option<Crs>,
    sheet: Option<&str>,
) -> Result<Inspection, IngestError> {
    let layer = geo.as_ref().map(|g| read_map(g, crs)).transpose()?;
    let mut table = table
        .as_ref()
        .map(|t| read_table_sheet(t, sheet))
        .transpose()?;
    let props = layer.as_ref().map(|l| &l.properties);
    let mut warnings: Vec<String> = vec![];
    if let Some(t) = table.take() {
        if let Some(k) = key.filter(|_| geo.is_none()) {
            t.require_key(k)?;
        }
        let (t, note) = prepare_table(t, key)?;
        warnings.extend(note.map(|n| n.message(Lang::De)));
        table = Some(t);
    }
    for w in layer.iter().flat_map(|l| &l.warnings) {
        warnings.push(w.message(Lang::De));
    }
    for w in props
        .into_iter()
        .chain(table.as_ref())
        .flat_map(|t| &t.warnings)
    {
        warnings.push(w.message(Lang::De));
    }

    let (mut key_used, mut join_summary) = (None, None);
    match (&props, &table) {
        (Some(p), Some(t)) => {
            // The key as the app chooses it (`key` names the table's key, and the map's when it
            // has one of that name).
            let chosen = choose_keys(p, t, None, key)?;
            match chosen {
                Some(c) => {
                    let gk = &p.column(&c.geo).map(|c| c.raw.clone()).unwrap_or_default();
                    let tk = &t.column(&c.table).map(|c| c.raw.clone()).unwrap_or_default();
                    let opts = JoinOptions { matching: c.matching };
                    let j = join::join(gk, tk, opts);
                    if let Some(w) = check_key_pair(p, t, &c)? {
                        warnings.push(w.message(Lang::De));
                    }
                    if j.report.empty_table > 0 {
                        warnings.push(format!(
                            "{} Tabellenzeilen ohne Schlüssel in „{}“ (keinem Gebiet zuzuordnen); sie fließen in keine Karte ein.",
                            j.report.empty_table, c.table
                        ));
                    }
                    if j.report.empty_geo > 0 {
                        warnings.push(format!(
                            "{} Kartenobjekte ohne Schlüssel in „{}“; sie bleiben ohne Daten.",
                            j.report.empty_geo, c.geo
                        ));
                    }
                    let mut duplicates = j.report.duplicates_geo.clone();
                    duplicates.extend(j.report.duplicates_table.iter().cloned());
                    join_summary = Some(JoinSummary {
                        matched: j.report.matched,
                        unmatched_geo: j.report.unmatched_geo.clone(),
                        unmatched_table: j.report.unmatched_table.clone(),
                        duplicates,
                        detail: j.report,
                    });
                    key_used = Some(KeyUsed { geo: c.geo, table: c.table, matching: c.matching });
                }
                None => warnings.push(match key {
                    Some(k) => format!("Kein Merkmal der Karte passt zur Schlüsselspalte „{k}“ der Tabelle."),
                    None => "Keine Spalte der Tabelle passt zu einem Merkmal der Karte; bitte die Schlüsselspalte angeben.".into(),
                }),
            }
        }
        (Some(p), None) => {
            if let Some(k) = key {
                let c = p.require(k)?;
                let dups = join::join(&c.raw, &Texts::new(), JoinOptions::default())
                    .report
                    .duplicates_geo;
                if !dups.is_empty() {
                    warnings.push(format!(
                        "Merkmal „{k}“ ist nicht eindeutig: {}",
                        dups.join(", ")
                    ));
                }
                key_used = Some(KeyUsed {
                    geo: k.into(),
                    table: String::new(),
                    matching: join::KeyMatch::Exact,
                });
            }
        }
        (None, Some(t)) => {
            if let Some(k) = key {
                t.require(k)?;
            }
        }
        (None, None) => {}
    }

    Ok(Inspection {
        crs: layer.as_ref().map(|l| l.source_crs.to_string()),
        crs_source: layer.as_ref().map(|l| match l.crs_source {
            geojson::CrsSource::Declared => "declared",
            geojson::CrsSource::Detected { certain: true } => "detected",
            geojson::CrsSource::Detected { certain: false } => "guessed",
            geojson::CrsSource::Override => "override",
        }),
        planar_crs: layer.as_ref().map(|l| l.planar_crs.to_string()),
        encoding: Encodings {
            geo: layer.as_ref().map(|l| l.encoding.name()),
            table: table.as_ref().map(|t| t.encoding.name()),
        },
        features: layer.as_ref().map(|l| l.features.len()),
        bbox_wgs84: layer.as_ref().map(|l| l.bbox_wgs84),
        invalid_polygons: layer.as_ref().map_or(0, |l| l.invalid.len()),
        repaired_polygons: layer.as_ref().map_or(0, |l| l.repaired.len()),
        rows: table.as_ref().map(RawTable::rows),
        columns: table.as_ref().or(props).map(summarize).unwrap_or_default(),
        key: key_used,
        join: join_summary,
        warnings,
    })
}

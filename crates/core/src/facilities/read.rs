//! Reading a point layer: a table (CSV as German Excel writes it, XLSX) with coordinate columns,
//! or GeoJSON with Point and MultiPoint features.
//!
//! Coordinate columns are found by their usual names ([`X_NAMES`], [`Y_NAMES`], [`LAT_NAMES`],
//! [`LON_NAMES`]) unless chosen; latitude/longitude are degrees (EPSG:4326), x/y are detected
//! like a map's coordinates (where UTM zones 32 and 33 cannot be told apart, the one that puts
//! more points on the map wins) unless the CRS is chosen. Every point is reprojected into the
//! map's planar CRS. A cell that is no number in a coordinate column is an error naming line and
//! column; rows with empty coordinates are left out and named in a warning.

use super::{fold, Facility, PointLayer, PointSettings, PointsError};
use crate::ingest::crs::{self, Reprojector};
use crate::ingest::csv::{ColumnKind, RawTable, TableColumn};
use crate::ingest::numbers::{self, CellKind, Missing};
use crate::ingest::{geojson, inspect, text, IngestError, Warning};
use crate::model::Crs;
use serde_json::Value;

/// Names (folded: lower case, letters and digits) of x columns.
pub const X_NAMES: [&str; 16] = [
    "x",
    "xkoord",
    "xkoordinate",
    "xcoord",
    "xcoordinate",
    "rechtswert",
    "rw",
    "easting",
    "ostwert",
    "xmp100m",
    "xmp1km",
    "xmp",
    "xutm",
    "utmx",
    "koordx",
    "east",
];
/// Names (folded) of y columns.
pub const Y_NAMES: [&str; 16] = [
    "y",
    "ykoord",
    "ykoordinate",
    "ycoord",
    "ycoordinate",
    "hochwert",
    "hw",
    "northing",
    "nordwert",
    "ymp100m",
    "ymp1km",
    "ymp",
    "yutm",
    "utmy",
    "koordy",
    "north",
];
/// Names (folded) of latitude columns.
pub const LAT_NAMES: [&str; 7] = [
    "lat",
    "latitude",
    "breite",
    "breitengrad",
    "geobreite",
    "wgs84lat",
    "latwgs84",
];
/// Names (folded) of longitude columns.
pub const LON_NAMES: [&str; 9] = [
    "lon",
    "lng",
    "long",
    "longitude",
    "laenge",
    "laengengrad",
    "geolaenge",
    "wgs84lon",
    "lonwgs84",
];
const CATEGORY_NAMES: [&str; 10] = [
    "kategorie",
    "category",
    "art",
    "typ",
    "type",
    "einrichtungsart",
    "angebot",
    "angebotsart",
    "bereich",
    "sparte",
];
const CAPACITY_NAMES: [&str; 11] = [
    "plaetze",
    "platzzahl",
    "kapazitaet",
    "capacity",
    "places",
    "betreuungsplaetze",
    "genehmigteplaetze",
    "anzahlplaetze",
    "schueler",
    "schuelerzahl",
    "plaetzegesamt",
];
const NAME_NAMES: [&str; 7] = [
    "name",
    "bezeichnung",
    "einrichtung",
    "titel",
    "title",
    "einrichtungsname",
    "standort",
];
const ID_NAMES: [&str; 8] = [
    "id",
    "nr",
    "nummer",
    "objectid",
    "fid",
    "kennung",
    "gitterid100m",
    "gitterid1km",
];

/// Where the points go: the map's planar CRS and its bounding box (to decide ambiguous
/// coordinates).
#[derive(Clone, Copy, Debug)]
pub struct Target {
    /// The map's CRS.
    pub crs: Crs,
    /// The map's bounding box in that CRS.
    pub bbox: [f64; 4],
}

/// Reads a point layer from `bytes` (by its name and content: GeoJSON, XLSX, otherwise CSV) into
/// the map's CRS.
pub fn read(
    file: &str,
    bytes: &[u8],
    settings: &PointSettings,
    target: Option<Target>,
) -> Result<PointLayer, PointsError> {
    let target = target.ok_or_else(|| PointsError::NoMapCrs { file: file.into() })?;
    let lower = file.to_ascii_lowercase();
    let first = bytes.iter().find(|b| !b.is_ascii_whitespace()).copied();
    let is_json = lower.ends_with(".geojson")
        || lower.ends_with(".json")
        || (first == Some(b'{') && !lower.ends_with(".xlsx"));
    if is_json {
        return read_geojson(file, bytes, settings, target);
    }
    let input = inspect::Input { name: file, bytes };
    let table = inspect::read_table_sheet(&input, settings.sheet.as_deref())?;
    from_table(&table, None, settings, target)
}

/// A GeoJSON file of Point and MultiPoint features; properties are the table.
fn read_geojson(
    file: &str,
    bytes: &[u8],
    settings: &PointSettings,
    target: Target,
) -> Result<PointLayer, PointsError> {
    if let Some((de, en)) = text::not_text(bytes) {
        return Err(IngestError::NotText {
            file: file.into(),
            kind_de: de.into(),
            kind_en: en.into(),
        }
        .into());
    }
    let (text, encoding) = text::decode(bytes);
    if text.trim().is_empty() {
        return Err(IngestError::Empty { file: file.into() }.into());
    }
    let root: Value =
        serde_json::from_str(&text).map_err(|e| PointsError::from(geojson::json_error(file, e)))?;
    let features: Vec<&Value> = match root.get("type").and_then(Value::as_str) {
        Some("FeatureCollection") => root
            .get("features")
            .and_then(Value::as_array)
            .map(|a| a.iter().collect())
            .unwrap_or_default(),
        Some("Feature") => vec![&root],
        _ => {
            return Err(IngestError::NotGeoJson {
                file: file.into(),
                found: root
                    .get("type")
                    .and_then(Value::as_str)
                    .unwrap_or("JSON")
                    .into(),
            }
            .into())
        }
    };
    let mut properties = geojson::PropertyColumns::new();
    for f in &features {
        match f.get("properties").and_then(Value::as_object) {
            Some(p) => properties.push_object(p),
            None => properties.push_empty(),
        }
    }
    // One row per point: a MultiPoint's members share their feature's properties.
    let mut rows: Vec<(usize, usize)> = vec![];
    let mut coords: Vec<(f64, f64)> = vec![];
    let mut ids: Vec<String> = vec![];
    let mut other: std::collections::BTreeMap<String, usize> = Default::default();
    let mut bad: Option<(usize, String)> = None;
    let mut bad_count = 0;
    for (i, f) in features.iter().enumerate() {
        let geom = f.get("geometry").filter(|g| !g.is_null());
        let kind = geom
            .and_then(|g| g.get("type"))
            .and_then(Value::as_str)
            .unwrap_or("ohne Geometrie");
        let positions: Vec<&Value> = match (kind, geom.and_then(|g| g.get("coordinates"))) {
            ("Point", Some(c)) => vec![c],
            ("MultiPoint", Some(Value::Array(a))) => a.iter().collect(),
            _ => {
                *other.entry(kind.to_string()).or_default() += 1;
                continue;
            }
        };
        let many = positions.len() > 1;
        for (k, p) in positions.into_iter().enumerate() {
            let xy = p
                .as_array()
                .and_then(|a| Some((a.first()?.as_f64()?, a.get(1)?.as_f64()?)));
            match xy {
                Some((x, y)) if x.is_finite() && y.is_finite() => {
                    rows.push((i + 1, i));
                    coords.push((x, y));
                    ids.push(if many {
                        format!("{}.{}", i + 1, k + 1)
                    } else {
                        (i + 1).to_string()
                    });
                }
                _ => {
                    bad_count += 1;
                    bad.get_or_insert((i + 1, p.to_string().chars().take(40).collect()));
                }
            }
        }
    }
    if let Some((line, value)) = bad {
        return Err(PointsError::BadCoordinate {
            file: file.into(),
            line,
            column: "geometry".into(),
            value,
            count: bad_count,
        });
    }
    if rows.is_empty() {
        let found = if other.is_empty() {
            "keine Objekte".to_string()
        } else {
            other
                .iter()
                .map(|(k, n)| format!("{k} ({n})"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        return Err(PointsError::NoPoints {
            file: file.into(),
            found,
        });
    }
    let lines = rows.iter().map(|&(line, _)| line).collect();
    let picked: Vec<Option<usize>> = rows.iter().map(|&(_, row)| Some(row)).collect();
    let table = properties.select(&picked).into_table(file, encoding, lines);
    let declared = root
        .get("crs")
        .and_then(|c| c.get("properties"))
        .and_then(|p| p.get("name"))
        .and_then(Value::as_str)
        .and_then(crs::parse_name);
    let mut settings = settings.clone();
    if settings.crs.is_none() {
        settings.crs = declared.map(|c| c.epsg);
    }
    let mut layer = from_table(&table, Some((coords, ids)), &settings, target)?;
    if !other.is_empty() {
        let list = other
            .iter()
            .map(|(k, n)| format!("{k} ({n})"))
            .collect::<Vec<_>>()
            .join(", ");
        layer.warnings.push(Warning::new(
            file,
            format!("Objekte ohne Punktgeometrie nicht gelesen: {list}"),
            format!("features without point geometry not read: {list}"),
        ));
    }
    Ok(layer)
}

/// The column named `name` (exactly, else folded), or an error listing the columns.
fn chosen<'a>(table: &'a RawTable, name: &str) -> Result<&'a TableColumn, PointsError> {
    table
        .columns
        .iter()
        .find(|c| c.name == name)
        .or_else(|| table.columns.iter().find(|c| fold(&c.name) == fold(name)))
        .ok_or_else(|| PointsError::NoSuchColumn {
            file: table.file.clone(),
            name: name.into(),
            columns: names(table),
        })
}

fn names(table: &RawTable) -> Vec<String> {
    table.columns.iter().map(|c| c.name.clone()).collect()
}

/// The first column whose folded name is in `list` (in the list's order of preference).
fn by_names<'a>(table: &'a RawTable, list: &[&str]) -> Option<&'a TableColumn> {
    list.iter()
        .find_map(|n| table.columns.iter().find(|c| fold(&c.name) == *n))
}

/// A setting's column, or the first of the usual names.
fn column<'a>(
    table: &'a RawTable,
    setting: &Option<String>,
    list: &[&str],
) -> Result<Option<&'a TableColumn>, PointsError> {
    match setting {
        Some(name) => chosen(table, name).map(Some),
        None => Ok(by_names(table, list)),
    }
}

/// The coordinates of a column: `Some(v)` per row, `None` where empty; an error at the first
/// cell that is no number.
fn coordinates(table: &RawTable, col: &TableColumn) -> Result<Vec<Option<f64>>, PointsError> {
    let values: Vec<Option<f64>> = match &col.kind {
        ColumnKind::Number { values, .. } => values.clone(),
        ColumnKind::Text => col
            .raw
            .iter()
            .map(|s| match numbers::classify(s) {
                CellKind::Plain(v) | CellKind::German(v) | CellKind::English(v) => Some(v),
                CellKind::Ambiguous(_, en) => Some(en),
                _ => None,
            })
            .collect(),
    };
    let mut first: Option<usize> = None;
    let mut count = 0;
    for (r, v) in values.iter().enumerate() {
        let empty = matches!(
            numbers::classify(&col.raw[r]),
            CellKind::Missing(Missing::Empty)
        );
        if v.is_none() && !empty {
            count += 1;
            first.get_or_insert(r);
        }
    }
    if let Some(r) = first {
        return Err(PointsError::BadCoordinate {
            file: table.file.clone(),
            line: table.row_lines.get(r).copied().unwrap_or(r + 1),
            column: col.name.clone(),
            value: col.raw[r].to_string(),
            count,
        });
    }
    Ok(values)
}

fn numbers_of(col: &TableColumn) -> Vec<Option<f64>> {
    match &col.kind {
        ColumnKind::Number { values, .. } => values.clone(),
        ColumnKind::Text => col
            .raw
            .iter()
            .map(|s| match numbers::classify(s) {
                CellKind::Plain(v) | CellKind::German(v) | CellKind::English(v) => Some(v),
                _ => None,
            })
            .collect(),
    }
}

fn bbox(points: &[(f64, f64)]) -> [f64; 4] {
    points.iter().fold(
        [
            f64::INFINITY,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::NEG_INFINITY,
        ],
        |b, &(x, y)| [b[0].min(x), b[1].min(y), b[2].max(x), b[3].max(y)],
    )
}

fn inside(b: &[f64; 4], x: f64, y: f64) -> bool {
    x >= b[0] && x <= b[2] && y >= b[1] && y <= b[3]
}

/// Reprojects `points` from `from` into the target; an error names the first failing row.
fn project(
    file: &str,
    points: &[(f64, f64)],
    lines: &[usize],
    from: Crs,
    target: Target,
) -> Result<Vec<(f64, f64)>, PointsError> {
    if from == target.crs {
        return Ok(points.to_vec());
    }
    let r = Reprojector::new(from, target.crs).ok_or_else(|| {
        PointsError::Ingest(IngestError::UnsupportedCrs {
            file: file.into(),
            name: format!("EPSG:{}", from.epsg),
        })
    })?;
    points
        .iter()
        .zip(lines)
        .map(|(&(x, y), &line)| {
            r.point(x, y).map_err(|e| {
                PointsError::Ingest(IngestError::Reprojection {
                    file: file.into(),
                    feature: line.saturating_sub(1),
                    detail: e,
                })
            })
        })
        .collect()
}

/// The coordinates and ids of GeoJSON points, one per row of their properties table.
type PointGeometry = (Vec<(f64, f64)>, Vec<String>);
/// The id of every row.
type Ids = Vec<String>;

/// The layer from a typed table; `geometry` gives the coordinates and ids of GeoJSON points
/// (one per row), else the coordinate columns do.
fn from_table(
    table: &RawTable,
    geometry: Option<PointGeometry>,
    settings: &PointSettings,
    target: Target,
) -> Result<PointLayer, PointsError> {
    let file = table.file.as_str();
    let mut used = settings.clone();
    let mut warnings: Vec<Warning> = table.warnings.clone();
    let n = table.row_lines.len();
    // Coordinates per row, and whether they are degrees.
    let (raw_xy, degrees, ids): (Vec<Option<(f64, f64)>>, bool, Ids) = match geometry {
        Some((xy, ids)) => (xy.into_iter().map(Some).collect(), false, ids),
        None => {
            let lat = column(table, &settings.lat, &LAT_NAMES)?;
            let lon = column(table, &settings.lon, &LON_NAMES)?;
            let x = column(table, &settings.x, &X_NAMES)?;
            let y = column(table, &settings.y, &Y_NAMES)?;
            let chose_xy = settings.x.is_some() || settings.y.is_some();
            let (cx, cy, degrees) = match (lon, lat, x, y) {
                (Some(lon), Some(lat), _, _) if !chose_xy => {
                    used.lat = Some(lat.name.clone());
                    used.lon = Some(lon.name.clone());
                    (lon, lat, true)
                }
                (_, _, Some(x), Some(y)) => {
                    used.x = Some(x.name.clone());
                    used.y = Some(y.name.clone());
                    (x, y, false)
                }
                _ => {
                    return Err(PointsError::NoCoordinates {
                        file: file.into(),
                        columns: names(table),
                    })
                }
            };
            let xs = coordinates(table, cx)?;
            let ys = coordinates(table, cy)?;
            let xy = xs
                .into_iter()
                .zip(ys)
                .map(|(x, y)| Some((x?, y?)))
                .collect();
            let id_col = by_names(table, &ID_NAMES)
                .filter(|c| c.raw.iter().all(|s| !s.is_empty()))
                .filter(|c| {
                    let mut seen = std::collections::HashSet::new();
                    c.raw.iter().all(|s| seen.insert(s))
                });
            let ids = (0..n)
                .map(|r| match id_col {
                    Some(c) => c.raw[r].to_string(),
                    None => table.row_lines[r].to_string(),
                })
                .collect();
            (xy, degrees, ids)
        }
    };
    let category = column(table, &settings.category, &CATEGORY_NAMES)?;
    let capacity = column(table, &settings.capacity, &CAPACITY_NAMES)?
        .filter(|c| settings.capacity.is_some() || matches!(c.kind, ColumnKind::Number { .. }));
    let name = column(table, &settings.name, &NAME_NAMES)?;
    used.category = category.map(|c| c.name.clone());
    used.capacity = capacity.map(|c| c.name.clone());
    used.name = name.map(|c| c.name.clone());
    let sums: Vec<&TableColumn> = settings
        .sum
        .iter()
        .map(|s| chosen(table, s))
        .collect::<Result<_, _>>()?;
    // Rows with coordinates; the others are named.
    let mut rows: Vec<usize> = vec![];
    let mut without: Vec<String> = vec![];
    for (r, xy) in raw_xy.iter().enumerate() {
        match xy {
            Some(_) => rows.push(r),
            None => without.push(table.row_lines[r].to_string()),
        }
    }
    if !without.is_empty() {
        let list = crate::ingest::geojson::list_labels(&without);
        warnings.push(Warning::new(
            file,
            format!(
                "{} Zeilen ohne Koordinaten nicht gezeichnet und nicht gezählt: Zeile {list}",
                without.len()
            ),
            format!(
                "{} rows without coordinates not drawn and not counted: line {list}",
                without.len()
            ),
        ));
    }
    if rows.is_empty() {
        return Err(PointsError::NoPoints {
            file: file.into(),
            found: format!("{n} Zeilen ohne Koordinaten"),
        });
    }
    let mut xy: Vec<(f64, f64)> = rows.iter().filter_map(|&r| raw_xy[r]).collect();
    let lines: Vec<usize> = rows.iter().map(|&r| table.row_lines[r]).collect();
    // The CRS: chosen, degrees, declared, or detected.
    let source_crs = if let Some(epsg) = settings.crs {
        Crs { epsg }
    } else {
        let b = bbox(&xy);
        let swapped = [b[1], b[0], b[3], b[2]];
        let detected = crs::detect(b);
        if degrees || detected.is_some_and(|d| d.crs == Crs::WGS84) {
            if crs::detect(b).is_none_or(|d| d.crs != Crs::WGS84)
                && crs::detect(swapped).is_some_and(|d| d.crs == Crs::WGS84)
            {
                for p in &mut xy {
                    *p = (p.1, p.0);
                }
                warnings.push(Warning::new(
                    file,
                    "Breite und Länge waren vertauscht und wurden getauscht".into(),
                    "latitude and longitude were swapped and have been exchanged".into(),
                ));
            }
            Crs::WGS84
        } else {
            match detected {
                Some(d) if d.certain => d.crs,
                Some(d) => {
                    // UTM 32 or 33: the one that puts more points on the map.
                    let on_map = |c: Crs| {
                        project(file, &xy, &lines, c, target)
                            .map(|p| p.iter().filter(|q| inside(&target.bbox, q.0, q.1)).count())
                            .unwrap_or(0)
                    };
                    let other = if d.crs == Crs::UTM32 {
                        Crs::UTM33
                    } else {
                        Crs::UTM32
                    };
                    if on_map(other) > on_map(d.crs) {
                        other
                    } else {
                        d.crs
                    }
                }
                None => {
                    return Err(PointsError::UnknownCrs {
                        file: file.into(),
                        bbox: b,
                    })
                }
            }
        }
    };
    used.crs = Some(source_crs.epsg);
    let placed = project(file, &xy, &lines, source_crs, target)?;
    let mut categories: Vec<String> = vec![];
    let cap_values = capacity.map(numbers_of);
    let sum_values: Vec<Vec<Option<f64>>> = sums.iter().map(|c| numbers_of(c)).collect();
    let points = rows
        .iter()
        .zip(placed)
        .map(|(&r, (x, y))| {
            let cat = category.map_or(String::new(), |c| c.raw[r].to_string());
            if category.is_some() && !categories.contains(&cat) {
                categories.push(cat.clone());
            }
            Facility {
                line: table.row_lines[r],
                id: ids[r].clone(),
                name: name.map_or(String::new(), |c| c.raw[r].to_string()),
                category: cat,
                capacity: cap_values.as_ref().and_then(|v| v[r]),
                x,
                y,
                values: sum_values.iter().map(|v| v[r]).collect(),
            }
        })
        .collect();
    let label = settings.label.clone().unwrap_or_else(|| {
        let base = file.rsplit(['/', '\\']).next().unwrap_or(file);
        base.rsplit_once('.').map_or(base, |(s, _)| s).to_string()
    });
    used.label = Some(label.clone());
    Ok(PointLayer {
        file: file.into(),
        label,
        settings: used,
        source_crs,
        points,
        categories,
        sums: sums.iter().map(|c| c.name.clone()).collect(),
        warnings,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::locale::Lang;

    fn target() -> Target {
        Target {
            crs: Crs::UTM32,
            bbox: [330_000.0, 5_700_000.0, 350_000.0, 5_720_000.0],
        }
    }

    #[test]
    fn latitude_longitude_with_decimal_commas() {
        let csv =
            "Name;Art;Plätze;Breite;Länge\nKita A;Kita;45;51,6;6,7\nKita B;Kita;60;51,61;6,71\n";
        let l = read(
            "kitas.csv",
            csv.as_bytes(),
            &PointSettings::default(),
            Some(target()),
        )
        .unwrap();
        assert_eq!(l.points.len(), 2);
        assert_eq!(l.source_crs, Crs::WGS84);
        assert_eq!(l.settings.lat.as_deref(), Some("Breite"));
        assert_eq!(l.points[0].capacity, Some(45.0));
        assert_eq!(l.points[1].category, "Kita");
        assert_eq!(l.points[0].name, "Kita A");
        // 51.6 N, 6.7 E in UTM 32: about (339,000, 5,719,000).
        assert!(
            (l.points[0].x - 339_000.0).abs() < 2_000.0,
            "{}",
            l.points[0].x
        );
        assert!(
            (l.points[0].y - 5_719_000.0).abs() < 2_000.0,
            "{}",
            l.points[0].y
        );
    }

    #[test]
    fn a_word_in_a_coordinate_column_is_named_by_line_and_column() {
        let csv = "name;x;y\nA;340000;5710000\nB;unbekannt;5710000\nC;340100;5710100\n";
        let e = read(
            "p.csv",
            csv.as_bytes(),
            &PointSettings::default(),
            Some(target()),
        )
        .unwrap_err();
        let m = e.message(Lang::De);
        assert!(
            m.contains("Zeile 3") && m.contains("„x“") && m.contains("unbekannt"),
            "{m}"
        );
        assert!(e.message(Lang::En).contains("line 3"));
    }

    #[test]
    fn empty_coordinates_are_named_not_silently_dropped() {
        let csv = "name;x;y\nA;340000;5710000\nB;;\n";
        let l = read(
            "p.csv",
            csv.as_bytes(),
            &PointSettings::default(),
            Some(target()),
        )
        .unwrap();
        assert_eq!(l.points.len(), 1);
        assert!(
            l.warnings.iter().any(|w| w.de.contains("Zeile 3")),
            "{:?}",
            l.warnings
        );
    }

    #[test]
    fn a_table_without_coordinates_lists_its_columns() {
        let csv = "name;strasse\nA;Hauptstr. 1\n";
        let e = read(
            "p.csv",
            csv.as_bytes(),
            &PointSettings::default(),
            Some(target()),
        )
        .unwrap_err();
        assert!(matches!(e, PointsError::NoCoordinates { .. }));
        assert!(e.message(Lang::De).contains("strasse"));
    }

    #[test]
    fn swapped_latitude_and_longitude_are_exchanged_and_said() {
        let csv = "lat,lon\n6.7,51.6\n";
        let l = read(
            "p.csv",
            csv.as_bytes(),
            &PointSettings::default(),
            Some(target()),
        )
        .unwrap();
        assert!(l.warnings.iter().any(|w| w.de.contains("vertauscht")));
        assert!((l.points[0].y - 5_719_000.0).abs() < 2_000.0);
    }

    #[test]
    fn geojson_points_and_multipoints() {
        let g = r#"{"type":"FeatureCollection","features":[
          {"type":"Feature","properties":{"name":"A","kategorie":"Schule"},"geometry":{"type":"Point","coordinates":[6.7,51.6]}},
          {"type":"Feature","properties":{"name":"B"},"geometry":{"type":"MultiPoint","coordinates":[[6.71,51.6],[6.72,51.6]]}},
          {"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":[]}}]}"#;
        let l = read(
            "p.geojson",
            g.as_bytes(),
            &PointSettings::default(),
            Some(target()),
        )
        .unwrap();
        assert_eq!(l.points.len(), 3);
        assert_eq!(l.points[2].id, "2.2");
        assert_eq!(l.categories, vec!["Schule".to_string(), String::new()]);
        assert!(l.warnings.iter().any(|w| w.de.contains("Polygon (1)")));
    }

    #[test]
    fn polygons_are_no_points() {
        let g = r#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":[]}}]}"#;
        let e = read(
            "p.geojson",
            g.as_bytes(),
            &PointSettings::default(),
            Some(target()),
        )
        .unwrap_err();
        assert!(
            e.message(Lang::De).contains("keine Punkte"),
            "{}",
            e.message(Lang::De)
        );
    }

    #[test]
    fn without_a_map_crs_points_cannot_be_placed() {
        let e = read("p.csv", b"x;y\n1;2\n", &PointSettings::default(), None).unwrap_err();
        assert!(matches!(e, PointsError::NoMapCrs { .. }));
    }
}

//! Everything Sozialatlas writes for other programs: GeoJSON (units with their table as
//! properties) and CSV (plain or German Excel) here, the Excel workbook in [`xlsx`], the map as
//! a standalone SVG document in [`svg`].

pub mod chart;
pub mod shapefile;
pub mod svg;
pub mod xlsx;

/// JSON for inside an HTML `<script>` element (the offline file's project): every `<`, `>`, `&`
/// and the line separators U+2028/2029 as JSON escapes, so no text in it can end the element,
/// open a comment or a new script; JSON readers read it unchanged.
pub fn inline_json(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

use crate::model::{Atlas, Column, ColumnValues};
use crate::stats::suppress::{self, Withheld};
use serde_json::{json, Map, Value};

/// The atlas as a GeoJSON FeatureCollection in its planar CRS, with the legacy `crs` member
/// (`urn:ogc:def:crs:EPSG::<code>`) so GIS programs and our own reader know the CRS, and every
/// table column as a property (missing values as `null`). The full data: for results a user
/// shares, use [`geojson_with`] with the small-number rule.
pub fn geojson(atlas: &Atlas, key_property: &str) -> Value {
    geojson_with(atlas, key_property, &[], &Withheld::none())
}

/// As [`geojson`], with the `results` (columns aligned with the units, e.g. map class, status
/// index, cluster) as further properties after the table's, and the cells `withheld` by the
/// small-number rule as `null`, named per feature in the property `geheim` and explained in the
/// collection's member `geheim`.
pub fn geojson_with(
    atlas: &Atlas,
    key_property: &str,
    results: &[Column],
    withheld: &Withheld,
) -> Value {
    let features: Vec<Value> = (0..atlas.units.len())
        .map(|i| {
            let mut props = Map::new();
            props.insert(key_property.into(), json!(atlas.units.keys[i]));
            props.insert("name".into(), json!(atlas.units.names[i]));
            let mut hidden = vec![];
            for c in atlas.table.columns.iter().chain(results) {
                let v = match &c.values {
                    _ if withheld.cell(&c.name, i) => {
                        hidden.push(json!(c.name));
                        Value::Null
                    }
                    ColumnValues::Number(v) => v[i].map_or(Value::Null, |x| json!(x)),
                    ColumnValues::Text(v) => v[i].as_ref().map_or(Value::Null, |s| json!(s)),
                };
                props.insert(c.name.clone(), v);
            }
            if !hidden.is_empty() {
                props.insert(suppress::WITHHELD.into(), Value::Array(hidden));
            }
            let polys: Vec<Value> = atlas.units.geometry[i]
                .0
                .iter()
                .map(|p| {
                    let ring = |r: &geo::LineString<f64>| -> Value {
                        Value::Array(r.0.iter().map(|c| json!([c.x, c.y])).collect())
                    };
                    let mut rings = vec![ring(p.exterior())];
                    rings.extend(p.interiors().iter().map(ring));
                    Value::Array(rings)
                })
                .collect();
            json!({
                "type": "Feature",
                "properties": Value::Object(props),
                "geometry": {"type": "MultiPolygon", "coordinates": polys},
            })
        })
        .collect();
    let mut fc = json!({"type": "FeatureCollection", "name": atlas.name, "features": features});
    // RFC 7946: WGS 84 longitude/latitude carries no `crs` member; a planar copy names its CRS.
    if let Some(crs) = atlas.units.crs.filter(|c| *c != crate::model::Crs::WGS84) {
        fc["crs"] = json!({"type": "name", "properties": {"name": format!("urn:ogc:def:crs:EPSG::{}", crs.epsg)}});
    }
    if !withheld.is_empty() {
        fc[suppress::WITHHELD] = json!(withheld_note(withheld));
    }
    fc
}

/// Why a map could not be put into another coordinate system.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReprojectError {
    /// The map's coordinate system is unknown or not supported.
    UnknownCrs,
    /// A coordinate of this area failed (its key) with the library's words.
    Area {
        /// The area's key.
        key: String,
        /// What the projection library said.
        detail: String,
    },
}

impl ReprojectError {
    /// The message for the user.
    pub fn message(&self, lang: crate::locale::Lang) -> String {
        use crate::locale::Lang::{De, En};
        match (self, lang) {
            (ReprojectError::UnknownCrs, De) => "Das Koordinatensystem der Karte ist unbekannt; die Karte wird in ihren eigenen Koordinaten geschrieben.".into(),
            (ReprojectError::UnknownCrs, En) => "The map's coordinate system is unknown; the map is written in its own coordinates.".into(),
            (ReprojectError::Area { key, detail }, De) => format!("Gebiet „{key}“ lässt sich nicht umrechnen ({detail})."),
            (ReprojectError::Area { key, detail }, En) => format!("Area “{key}” cannot be converted ({detail})."),
        }
    }
}

/// The atlas with its geometry in WGS 84 longitude/latitude, as RFC 7946 GeoJSON wants it and
/// GIS programs and web maps place it without asking.
pub fn in_wgs84(atlas: &Atlas) -> Result<Atlas, ReprojectError> {
    in_crs(atlas, crate::model::Crs::WGS84)
}

/// The atlas with its geometry in `to` (e.g. back in the coordinates a map came in).
pub fn in_crs(atlas: &Atlas, to: crate::model::Crs) -> Result<Atlas, ReprojectError> {
    let from = atlas.units.crs.ok_or(ReprojectError::UnknownCrs)?;
    if from == to {
        return Ok(atlas.clone());
    }
    let r = crate::ingest::crs::Reprojector::new(from, to).ok_or(ReprojectError::UnknownCrs)?;
    let geometry = atlas
        .units
        .geometry
        .iter()
        .zip(&atlas.units.keys)
        .map(|(g, key)| {
            r.multipolygon(g).map_err(|detail| ReprojectError::Area {
                key: key.clone(),
                detail,
            })
        })
        .collect::<Result<Vec<_>, _>>()?;
    let mut out = atlas.clone();
    out.units.geometry = geometry;
    out.units.crs = Some(to);
    Ok(out)
}

/// The sentence that explains withheld cells in an export.
pub fn withheld_note(withheld: &Withheld) -> String {
    format!(
        "{} Werte beruhen auf weniger als {} Fällen und sind zurückgehalten („geheim“, Geheimhaltung kleiner Zahlen).",
        withheld.count(),
        crate::locale::number(withheld.min, 0, crate::locale::NumberStyle::German)
    )
}

/// CSV flavour.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CsvStyle {
    /// `,` separator, `.` decimal point, UTF-8 without BOM.
    Plain,
    /// As German Excel writes and reads it: `;` separator, decimal comma, UTF-8 with BOM.
    ExcelDe,
}

/// The characters spreadsheets start a formula with (OWASP's list).
const FORMULA_START: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// A cell as the user wrote it, from a cell as [`csv_table`] wrote it: the quote that
/// neutralised a formula is removed again (`'=Nord` -> `=Nord`), so a file the app wrote reads
/// back the same.
pub fn csv_text(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(FORMULA_START) => rest,
        _ => cell,
    }
}

fn csv_field(s: &str, sep: char) -> String {
    // Neutralise formula injection in spreadsheet programs; numbers in either style stay as they are.
    let is_number = !matches!(
        crate::ingest::numbers::classify(s),
        crate::ingest::numbers::CellKind::Text
    );
    // A leading quote makes a would-be formula text.
    let s = if s.starts_with(FORMULA_START) && !is_number {
        format!("'{s}")
    } else {
        s.to_string()
    };
    if s.contains([sep, '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

/// A number as a CSV cell: whole numbers without decimals, others with the style's decimal mark
/// (no thousands separators, which spreadsheets would misread).
pub fn csv_number(x: f64, style: CsvStyle) -> String {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        format!("{x:.0}")
    } else {
        let s = format!("{x}");
        match style {
            CsvStyle::ExcelDe => s.replace('.', ","),
            CsvStyle::Plain => s,
        }
    }
}

/// A table as CSV: header and rows quoted as needed, cells starting with `=`, `+`, `-` or `@`
/// (other than numbers) neutralised, CRLF line ends; German Excel style with `;` and a BOM.
pub fn csv_table(header: &[String], rows: &[Vec<String>], style: CsvStyle) -> String {
    let sep = match style {
        CsvStyle::Plain => ',',
        CsvStyle::ExcelDe => ';',
    };
    let mut out = String::new();
    if style == CsvStyle::ExcelDe {
        out.push('\u{feff}');
    }
    for row in std::iter::once(header).chain(rows.iter().map(Vec::as_slice)) {
        let cells: Vec<String> = row.iter().map(|c| csv_field(c, sep)).collect();
        out.push_str(&cells.join(&sep.to_string()));
        out.push_str("\r\n");
    }
    out
}

/// The atlas table as CSV with the unit key and name first (the full data).
pub fn csv(atlas: &Atlas, key_column: &str, style: CsvStyle) -> String {
    csv_with(atlas, key_column, style, &[], &Withheld::none())
}

/// As [`csv()`], with the `results` as further columns after the table's and the cells
/// `withheld` by the small-number rule written as `geheim`.
pub fn csv_with(
    atlas: &Atlas,
    key_column: &str,
    style: CsvStyle,
    results: &[Column],
    withheld: &Withheld,
) -> String {
    let columns: Vec<&Column> = atlas.table.columns.iter().chain(results).collect();
    let mut header = vec![key_column.to_string(), "name".to_string()];
    header.extend(columns.iter().map(|c| c.name.clone()));
    let rows: Vec<Vec<String>> = (0..atlas.units.len())
        .map(|i| {
            let mut row = vec![atlas.units.keys[i].clone(), atlas.units.names[i].clone()];
            row.extend(columns.iter().map(|c| match &c.values {
                _ if withheld.cell(&c.name, i) => suppress::WITHHELD.to_string(),
                ColumnValues::Number(v) => v[i].map_or(String::new(), |x| csv_number(x, style)),
                ColumnValues::Text(v) => v[i].clone().unwrap_or_default(),
            }));
            row
        })
        .collect();
    csv_table(&header, &rows, style)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quotes_and_neutralises_formulas() {
        assert_eq!(csv_field("=SUM(A1)", ';'), "'=SUM(A1)");
        assert_eq!(csv_field("-12", ';'), "-12");
        assert_eq!(
            csv_field("-0,25", ';'),
            "-0,25",
            "German negative numbers are numbers"
        );
        assert_eq!(
            csv_field("-", ';'),
            "-",
            "the statistics offices' dash is a missing value"
        );
        assert_eq!(csv_field("+49 2855", ';'), "'+49 2855");
        assert_eq!(csv_field("a;b", ';'), "\"a;b\"");
        assert_eq!(csv_field("Sag \"hallo\"", ','), "\"Sag \"\"hallo\"\"\"");
        assert_eq!(csv_field("x,\"y\"", ','), "\"x,\"\"y\"\"\"");
    }
}

#[cfg(test)]
mod wgs84_tests {
    use super::*;

    #[test]
    fn the_demo_town_in_wgs84_is_rfc7946_and_reads_back() {
        let atlas = crate::demo::musterstadt();
        let w = in_wgs84(&atlas).unwrap();
        let fc = geojson(&w, "schluessel");
        assert!(fc.get("crs").is_none(), "RFC 7946: no crs member");
        // Musterstadt lies on the Lower Rhine: about 6.6° E, 51.6° N.
        for p in w.units.geometry.iter().flat_map(|m| &m.0) {
            for c in p.exterior().0.iter() {
                assert!(
                    (5.5..8.0).contains(&c.x) && (50.5..52.5).contains(&c.y),
                    "{c:?}"
                );
            }
        }
        // Our reader takes it as WGS 84 and keeps every area.
        let text = fc.to_string();
        let layer = crate::ingest::geojson::read("w.geojson", text.as_bytes(), None).unwrap();
        assert_eq!(layer.features.len(), atlas.units.len());
        assert_eq!(layer.source_crs, crate::model::Crs::WGS84);
        assert_eq!(layer.planar_crs, crate::model::Crs::UTM32);
        // The planar copy names its system.
        assert!(geojson(&atlas, "schluessel")["crs"]["properties"]["name"]
            .as_str()
            .unwrap()
            .ends_with("25832"));
        let unknown = Atlas {
            units: crate::model::Units::without_geometry(vec!["a".into()]),
            ..Atlas::default()
        };
        assert_eq!(in_wgs84(&unknown).unwrap_err(), ReprojectError::UnknownCrs);
    }
}

#[cfg(test)]
mod result_tests {
    use super::*;
    use crate::demo;
    use crate::ingest::csv as csv_in;

    #[test]
    fn results_are_appended_to_csv_and_geojson_and_read_back() {
        let atlas = demo::musterstadt();
        let n = atlas.units.len();
        let results = vec![
            Column {
                name: "Statusindex".into(),
                values: ColumnValues::Number((0..n).map(|i| Some(i as f64 * -0.5)).collect()),
            },
            Column {
                name: "Status".into(),
                values: ColumnValues::Text(
                    (0..n)
                        .map(|i| (i % 2 == 0).then(|| "sehr niedrig".to_string()))
                        .collect(),
                ),
            },
        ];
        let text = csv_with(
            &atlas,
            demo::KEY_COLUMN,
            CsvStyle::ExcelDe,
            &results,
            &Withheld::none(),
        );
        assert!(text.starts_with('\u{feff}'));
        let raw = csv_in::read("x.csv", text.as_bytes()).unwrap();
        let index = raw
            .columns
            .iter()
            .find(|c| c.name == "Statusindex")
            .unwrap();
        assert_eq!(&index.raw[3], "-1,5");
        let status = raw.columns.iter().find(|c| c.name == "Status").unwrap();
        assert_eq!(&status.raw[0], "sehr niedrig");
        assert_eq!(&status.raw[1], "");
        let gj = geojson_with(&atlas, demo::KEY_COLUMN, &results, &Withheld::none());
        let f = &gj["features"][3]["properties"];
        assert_eq!(f["Statusindex"], json!(-1.5));
        assert_eq!(gj["features"][1]["properties"]["Status"], Value::Null);
        assert_eq!(f[demo::KEY_COLUMN], json!(atlas.units.keys[3]));
    }
}

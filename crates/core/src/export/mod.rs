//! Everything Sozialatlas writes for other programs: GeoJSON (units with their table as
//! properties) and CSV (plain or German Excel) here, the Excel workbook in [`xlsx`], the map as
//! a standalone SVG document in [`svg`].

pub mod chart;
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
    if let Some(crs) = atlas.units.crs {
        fc["crs"] = json!({"type": "name", "properties": {"name": format!("urn:ogc:def:crs:EPSG::{}", crs.epsg)}});
    }
    if !withheld.is_empty() {
        fc[suppress::WITHHELD] = json!(withheld_note(withheld));
    }
    fc
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
        assert_eq!(index.raw[3], "-1,5");
        let status = raw.columns.iter().find(|c| c.name == "Status").unwrap();
        assert_eq!(status.raw[0], "sehr niedrig");
        assert_eq!(status.raw[1], "");
        let gj = geojson_with(&atlas, demo::KEY_COLUMN, &results, &Withheld::none());
        let f = &gj["features"][3]["properties"];
        assert_eq!(f["Statusindex"], json!(-1.5));
        assert_eq!(gj["features"][1]["properties"]["Status"], Value::Null);
        assert_eq!(f[demo::KEY_COLUMN], json!(atlas.units.keys[3]));
    }
}

//! Writers: GeoJSON (units with their table as properties) and CSV (plain or German Excel).

use crate::model::{Atlas, ColumnValues};
use serde_json::{json, Map, Value};

/// The atlas as a GeoJSON FeatureCollection in its planar CRS, with the legacy `crs` member
/// (`urn:ogc:def:crs:EPSG::<code>`) so GIS programs and our own reader know the CRS, and every
/// table column as a property (missing values as `null`).
pub fn geojson(atlas: &Atlas, key_property: &str) -> Value {
    let features: Vec<Value> = (0..atlas.units.len())
        .map(|i| {
            let mut props = Map::new();
            props.insert(key_property.into(), json!(atlas.units.keys[i]));
            props.insert("name".into(), json!(atlas.units.names[i]));
            for c in &atlas.table.columns {
                let v = match &c.values {
                    ColumnValues::Number(v) => v[i].map_or(Value::Null, |x| json!(x)),
                    ColumnValues::Text(v) => v[i].as_ref().map_or(Value::Null, |s| json!(s)),
                };
                props.insert(c.name.clone(), v);
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
    fc
}

/// CSV flavour.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CsvStyle {
    /// `,` separator, `.` decimal point, UTF-8 without BOM.
    Plain,
    /// As German Excel writes and reads it: `;` separator, decimal comma, UTF-8 with BOM.
    ExcelDe,
}

fn csv_field(s: &str, sep: char) -> String {
    // Neutralise formula injection in spreadsheet programs; numbers in either style stay as they are.
    let is_number = !matches!(
        crate::ingest::numbers::classify(s),
        crate::ingest::numbers::CellKind::Text
    );
    let s = if s.starts_with(['=', '+', '-', '@']) && !is_number {
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

/// The atlas table as CSV with the unit key and name first.
pub fn csv(atlas: &Atlas, key_column: &str, style: CsvStyle) -> String {
    let mut header = vec![key_column.to_string(), "name".to_string()];
    header.extend(atlas.table.columns.iter().map(|c| c.name.clone()));
    let rows: Vec<Vec<String>> = (0..atlas.units.len())
        .map(|i| {
            let mut row = vec![atlas.units.keys[i].clone(), atlas.units.names[i].clone()];
            row.extend(atlas.table.columns.iter().map(|c| match &c.values {
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

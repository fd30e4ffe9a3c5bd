//! Writers: GeoJSON (units with their table as properties) and CSV (plain or German Excel).

use crate::format::NumberStyle;
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
    // Neutralise formula injection in spreadsheet programs.
    let s = if s.starts_with(['=', '+', '-', '@']) && s.parse::<f64>().is_err() {
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

/// The atlas table as CSV with the unit key and name first.
pub fn csv(atlas: &Atlas, key_column: &str, style: CsvStyle) -> String {
    let (sep, num_style) = match style {
        CsvStyle::Plain => (',', NumberStyle::English),
        CsvStyle::ExcelDe => (';', NumberStyle::German),
    };
    let mut out = String::new();
    if style == CsvStyle::ExcelDe {
        out.push('\u{feff}');
    }
    let mut header = vec![key_column.to_string(), "name".to_string()];
    header.extend(atlas.table.columns.iter().map(|c| c.name.clone()));
    let line = |cells: Vec<String>| -> String {
        cells
            .iter()
            .map(|c| csv_field(c, sep))
            .collect::<Vec<_>>()
            .join(&sep.to_string())
    };
    out.push_str(&line(header));
    out.push_str("\r\n");
    for i in 0..atlas.units.len() {
        let mut row = vec![atlas.units.keys[i].clone(), atlas.units.names[i].clone()];
        for c in &atlas.table.columns {
            row.push(match &c.values {
                ColumnValues::Number(v) => v[i].map_or(String::new(), |x| {
                    if x.fract() == 0.0 && x.abs() < 1e15 {
                        format!("{x:.0}")
                    } else {
                        let s = format!("{x}");
                        match num_style {
                            NumberStyle::German => s.replace('.', ","),
                            NumberStyle::English => s,
                        }
                    }
                }),
                ColumnValues::Text(v) => v[i].clone().unwrap_or_default(),
            });
        }
        out.push_str(&line(row));
        out.push_str("\r\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quotes_and_neutralises_formulas() {
        assert_eq!(csv_field("=SUM(A1)", ';'), "'=SUM(A1)");
        assert_eq!(csv_field("-12", ';'), "-12");
        assert_eq!(csv_field("a;b", ';'), "\"a;b\"");
        assert_eq!(csv_field("Sag \"hallo\"", ','), "\"Sag \"\"hallo\"\"\"");
        assert_eq!(csv_field("x,\"y\"", ','), "\"x,\"\"y\"\"\"");
    }
}

//! The map as a zipped Shapefile for GIS programs that want one: `.shp`, `.shx`, `.dbf` (UTF-8,
//! named in the `.cpg`), `.prj` for the systems we know the WKT of, and `felder.csv`, which lists
//! the table's column behind every field name (dBase allows ten characters). Written with the
//! `shapefile` and `dbase` crates (the ones our reader uses), stored uncompressed in the zip like
//! the XLSX writer (no compressor in the browser bundle).

use crate::model::{Atlas, Column, ColumnValues, Crs};
use crate::stats::suppress::Withheld;
use shapefile::dbase::{self, FieldName, FieldValue, Record, TableWriterBuilder};
use shapefile::{Point, Polygon, PolygonRing, ShapeWriter, Writer};
use std::io::{Cursor, Write};
use zip::write::SimpleFileOptions;

/// A written Shapefile: the zip's bytes and which column each field holds.
#[derive(Clone, Debug)]
pub struct Written {
    /// The zip with `{stem}.shp`, `.shx`, `.dbf`, `.cpg`, `.prj` (when known) and `felder.csv`.
    pub bytes: Vec<u8>,
    /// (field name in the .dbf, column of the table), in field order.
    pub fields: Vec<(String, String)>,
}

/// Why no Shapefile could be written (the library's words).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ShapefileWriteError(pub String);

/// The ESRI WKT of the systems a Shapefile here is written in most often.
fn prj(crs: Crs) -> Option<&'static str> {
    match crs.epsg {
        4326 => Some(
            r#"GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]"#,
        ),
        25832 => Some(
            r#"PROJCS["ETRS_1989_UTM_Zone_32N",GEOGCS["GCS_ETRS_1989",DATUM["D_ETRS_1989",SPHEROID["GRS_1980",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Transverse_Mercator"],PARAMETER["False_Easting",500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",9.0],PARAMETER["Scale_Factor",0.9996],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]"#,
        ),
        25833 => Some(
            r#"PROJCS["ETRS_1989_UTM_Zone_33N",GEOGCS["GCS_ETRS_1989",DATUM["D_ETRS_1989",SPHEROID["GRS_1980",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Transverse_Mercator"],PARAMETER["False_Easting",500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",15.0],PARAMETER["Scale_Factor",0.9996],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]"#,
        ),
        _ => None,
    }
}

/// dBase field names for `names`: ASCII letters, digits and `_`, at most ten characters, no two
/// alike (a repeat gets `_2`, `_3` … within the ten).
pub fn field_names(names: &[&str]) -> Vec<String> {
    let mut out: Vec<String> = vec![];
    for name in names {
        let base: String = name
            .chars()
            .map(|c| match c {
                'ä' | 'Ä' => 'a',
                'ö' | 'Ö' => 'o',
                'ü' | 'Ü' => 'u',
                'ß' => 's',
                c if c.is_ascii_alphanumeric() => c,
                _ => '_',
            })
            .take(10)
            .collect();
        let base = if base.is_empty() { "feld".into() } else { base };
        let mut candidate = base.clone();
        let mut k = 2;
        while out.iter().any(|o| o.eq_ignore_ascii_case(&candidate)) {
            let suffix = format!("_{k}");
            let keep = 10usize.saturating_sub(suffix.len());
            candidate = format!("{}{suffix}", base.chars().take(keep).collect::<String>());
            k += 1;
        }
        out.push(candidate);
    }
    out
}

/// The atlas (key, name, every table column and the `results`) as a zipped Shapefile named
/// `stem`; cells `withheld` by the small-number rule are empty (and said so in `felder.csv`).
pub fn zipped(
    atlas: &Atlas,
    key_column: &str,
    results: &[Column],
    withheld: &Withheld,
    stem: &str,
) -> Result<Written, ShapefileWriteError> {
    let err = |e: &dyn std::fmt::Display| ShapefileWriteError(e.to_string());
    let columns: Vec<&Column> = atlas.table.columns.iter().chain(results).collect();
    let mut labels: Vec<&str> = vec![key_column, "name"];
    labels.extend(columns.iter().map(|c| c.name.as_str()));
    let names = field_names(&labels);
    let text_len =
        |values: &mut dyn Iterator<Item = usize>| values.max().unwrap_or(1).clamp(1, 254) as u8;
    let mut builder = TableWriterBuilder::with_encoding(dbase::encoding::UnicodeLossy);
    let fname = |n: &str| FieldName::try_from(n).map_err(|e| err(&format!("{e:?}")));
    builder = builder.add_character_field(
        fname(&names[0])?,
        text_len(&mut atlas.units.keys.iter().map(|k| k.len())),
    );
    builder = builder.add_character_field(
        fname(&names[1])?,
        text_len(&mut atlas.units.names.iter().map(|k| k.len())),
    );
    for (c, n) in columns.iter().zip(&names[2..]) {
        builder = match &c.values {
            ColumnValues::Number(_) => builder.add_numeric_field(fname(n)?, 24, 8),
            ColumnValues::Text(v) => builder.add_character_field(
                fname(n)?,
                text_len(&mut v.iter().map(|s| s.as_ref().map_or(1, |s| s.len()))),
            ),
        };
    }
    let (mut shp, mut shx, mut dbf) = (
        Cursor::new(Vec::new()),
        Cursor::new(Vec::new()),
        Cursor::new(Vec::new()),
    );
    {
        let mut writer = Writer::new(
            ShapeWriter::with_shx(&mut shp, &mut shx),
            builder.build_with_dest(&mut dbf),
        );
        for i in 0..atlas.units.len() {
            let rings: Vec<PolygonRing<Point>> = atlas.units.geometry[i]
                .0
                .iter()
                .flat_map(|p| {
                    std::iter::once(PolygonRing::Outer(points(p.exterior())))
                        .chain(p.interiors().iter().map(|r| PolygonRing::Inner(points(r))))
                })
                .collect();
            let mut record = Record::default();
            record.insert(
                names[0].clone(),
                FieldValue::Character(Some(atlas.units.keys[i].clone())),
            );
            record.insert(
                names[1].clone(),
                FieldValue::Character(Some(atlas.units.names[i].clone())),
            );
            for (c, n) in columns.iter().zip(&names[2..]) {
                let hidden = withheld.cell(&c.name, i);
                let value = match &c.values {
                    ColumnValues::Number(v) => {
                        FieldValue::Numeric(v[i].filter(|x| x.is_finite() && !hidden))
                    }
                    ColumnValues::Text(v) => {
                        FieldValue::Character(v[i].clone().filter(|_| !hidden))
                    }
                };
                record.insert(n.clone(), value);
            }
            writer
                .write_shape_and_record(&Polygon::with_rings(rings), &record)
                .map_err(|e| err(&e))?;
        }
    }
    let mut felder = String::from("feld;spalte\r\n");
    for (n, l) in names.iter().zip(&labels) {
        felder.push_str(&format!("{n};{}\r\n", super::csv_text(l)));
    }
    if !withheld.is_empty() {
        felder.push_str(&format!("#;{}\r\n", super::withheld_note(withheld)));
    }
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let mut parts: Vec<(String, Vec<u8>)> = vec![
        (format!("{stem}.shp"), shp.into_inner()),
        (format!("{stem}.shx"), shx.into_inner()),
        (format!("{stem}.dbf"), dbf.into_inner()),
        (format!("{stem}.cpg"), b"UTF-8".to_vec()),
        ("felder.csv".into(), felder.into_bytes()),
    ];
    if let Some(wkt) = atlas.units.crs.and_then(prj) {
        parts.push((format!("{stem}.prj"), wkt.as_bytes().to_vec()));
    }
    for (name, bytes) in parts {
        zip.start_file(name, options).map_err(|e| err(&e))?;
        zip.write_all(&bytes).map_err(|e| err(&e))?;
    }
    let bytes = zip.finish().map_err(|e| err(&e))?.into_inner();
    Ok(Written {
        bytes,
        fields: names
            .into_iter()
            .zip(labels.iter().map(|l| l.to_string()))
            .collect(),
    })
}

fn points(r: &geo::LineString<f64>) -> Vec<Point> {
    r.0.iter().map(|c| Point::new(c.x, c.y)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_names_are_ten_ascii_characters_without_repeats() {
        let n = field_names(&[
            "schluessel",
            "arbeitslose_2023",
            "arbeitslose_2024",
            "Größe",
            "",
        ]);
        assert_eq!(
            n,
            vec!["schluessel", "arbeitslos", "arbeitsl_2", "Grose", "feld"]
        );
        assert!(n.iter().all(|x| x.len() <= 10 && x.is_ascii()));
    }

    #[test]
    fn the_demo_town_reads_back_with_our_reader() {
        let atlas = crate::demo::musterstadt();
        let w = zipped(&atlas, "schluessel", &[], &Withheld::none(), "musterstadt").unwrap();
        let layer = crate::ingest::shapefile::read_zip("m.zip", &w.bytes, None).unwrap();
        assert_eq!(layer.features.len(), atlas.units.len());
        assert_eq!(layer.source_crs, Crs::UTM32, "from the .prj");
        // Keys, names and numbers come back, withheld cells empty.
        let w2 = crate::project::derive::withheld(
            &atlas,
            &atlas.indicators,
            &crate::project::SmallNumbers::default(),
        );
        let z = zipped(&atlas, "schluessel", &[], &w2, "m").unwrap();
        let layer = crate::ingest::shapefile::read_zip("m.zip", &z.bytes, None).unwrap();
        let field = |col: &str| z.fields.iter().find(|(_, c)| c == col).unwrap().0.clone();
        let (ew, key) = (field("einwohner_2024"), field("schluessel"));
        let (keys, ews) = (
            &layer.properties.column(&key).unwrap().raw,
            layer.properties.column(&ew).unwrap().numbers().unwrap(),
        );
        for i in 0..layer.features.len() {
            assert_eq!(&keys[i], atlas.units.keys[i].as_str());
            let want = atlas.table.numbers("einwohner_2024").unwrap()[i];
            assert_eq!(ews[i], want);
        }
        let hidden = atlas
            .table
            .columns
            .iter()
            .find_map(|c| {
                (0..atlas.units.len())
                    .find(|&u| w2.cell(&c.name, u))
                    .map(|u| (c.name.clone(), u))
            })
            .unwrap();
        let withheld = layer.properties.column(&field(&hidden.0)).unwrap();
        assert_eq!(&withheld.raw[hidden.1], "");
        // Every area's outline area is kept (within rounding of the planar copy).
        use geo::Area;
        for (a, b) in atlas.units.geometry.iter().zip(&layer.planar) {
            let (x, y) = (a.unsigned_area(), b.unsigned_area());
            assert!((x - y).abs() <= 1e-6 * x.max(1.0), "{x} / {y}");
        }
    }
}

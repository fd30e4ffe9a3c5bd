//! Zipped Shapefiles (.zip with .shp, .shx, .dbf, optional .prj and .cpg), as municipal GIS
//! export them, read with the `shapefile`/`dbase` crates and `zip` (all pure Rust).
//!
//! - Attribute encoding: from the .cpg (UTF-8, 1252, ISO-8859-1/-15, 1250, DOS 850/437); without
//!   one, UTF-8 when the DBF bytes are valid UTF-8, else Windows-1252 (what German GIS exports
//!   mostly use); a .cpg naming another encoding gives a warning.
//! - CRS: the .prj's WKT name is mapped to the supported EPSG codes (ETRS89 UTM 32/33 with and
//!   without zone prefix, DHDN Gauss-Krüger 2-5, WGS 84, Web Mercator, LAEA Europe); an unknown or
//!   missing .prj falls back to detection from the coordinates, with a warning.
//! - Polygons: each outer ring starts a polygon, inner rings are holes of the outer ring that
//!   contains them. Null shapes are skipped with a warning naming the record.
//!
//! After that the same steps as for GeoJSON follow (CRS, extent, planar copy, validity).

use super::geojson::{self, Feature, Layer};
use super::text::Encoding;
use super::{IngestError, ShapefileProblem, Warning};
use crate::model::Crs;
use geo::{Contains, Coord, LineString, MultiPolygon, Polygon};
use serde_json::{Map, Value};
use std::io::Cursor;

fn bad(file: &str, detail: ShapefileProblem) -> IngestError {
    IngestError::Shapefile {
        file: file.into(),
        detail,
    }
}

/// The EPSG code a .prj's WKT names, if it is one we support.
pub fn crs_from_prj(wkt: &str) -> Option<Crs> {
    let w = wkt.to_uppercase().replace([' ', '-'], "_");
    let epsg = if w.contains("UTM_ZONE_32N") || w.contains("UTM32") || w.contains("ZONE_32N") {
        if w.contains("32500000") || w.contains("_ZE") || w.contains("8STELLEN") {
            4647
        } else {
            25832
        }
    } else if w.contains("UTM_ZONE_33N") || w.contains("UTM33") || w.contains("ZONE_33N") {
        25833
    } else if w.contains("GAUSS") || w.contains("GK") {
        match ["ZONE_2", "ZONE_3", "ZONE_4", "ZONE_5"]
            .iter()
            .position(|z| w.contains(z))
        {
            Some(i) => 31466 + i as u32,
            None => return None,
        }
    } else if w.contains("LAEA") || w.contains("LAMBERT_AZIMUTHAL") {
        3035
    } else if w.contains("MERCATOR_AUXILIARY")
        || w.contains("WEB_MERCATOR")
        || w.contains("PSEUDO_MERCATOR")
    {
        3857
    } else if w.starts_with("GEOGCS")
        && (w.contains("WGS_1984") || w.contains("WGS84") || w.contains("ETRS_1989"))
    {
        4326
    } else {
        return None;
    };
    Some(Crs { epsg })
}

/// The code pages a .cpg can name here: what German GIS exports use (UTF-8, Windows-1252 and its
/// ISO-8859-1/-15 relatives, DOS 850/437 of old dBase files) and Central European 1250.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum CodePage {
    Utf8,
    Windows1252,
    /// ISO-8859-15 (Latin-9): Windows-1252 except eight characters (€ at 0xA4, …).
    Iso8859_15,
    Windows1250,
    Cp850,
    Cp437,
}

impl CodePage {
    /// The code page a .cpg names, `None` for one not supported.
    fn named(cpg: &str) -> Option<CodePage> {
        let c = cpg.trim().trim_start_matches('\u{feff}').to_uppercase();
        let c = c
            .trim_start_matches("ANSI ")
            .trim_start_matches("OEM ")
            .replace(['-', '_', ' '], "");
        Some(match c.as_str() {
            "UTF8" | "65001" => CodePage::Utf8,
            "1252" | "CP1252" | "WINDOWS1252" | "88591" | "ISO88591" | "LATIN1" => {
                CodePage::Windows1252
            }
            "885915" | "ISO885915" | "LATIN9" => CodePage::Iso8859_15,
            "1250" | "CP1250" | "WINDOWS1250" => CodePage::Windows1250,
            "850" | "CP850" | "IBM850" => CodePage::Cp850,
            "437" | "CP437" | "IBM437" => CodePage::Cp437,
            _ => return None,
        })
    }

    /// The text encoding reported for the layer.
    fn encoding(self) -> Encoding {
        match self {
            CodePage::Utf8 => Encoding::Utf8,
            CodePage::Windows1252 => Encoding::Windows1252,
            CodePage::Iso8859_15 => Encoding::Iso8859_15,
            CodePage::Windows1250 => Encoding::Windows1250,
            CodePage::Cp850 => Encoding::Cp850,
            CodePage::Cp437 => Encoding::Cp437,
        }
    }

    /// The DBF reader decoding this code page (single-byte tables from `yore`).
    fn reader(
        self,
        dbf: Vec<u8>,
    ) -> Result<shapefile::dbase::Reader<Cursor<Vec<u8>>>, shapefile::dbase::Error> {
        use shapefile::dbase::encoding::{LossyCodePage, UnicodeLossy};
        use shapefile::dbase::yore::code_pages::{CP1250, CP1252, CP437, CP850};
        let builder = shapefile::dbase::ReaderBuilder::new();
        let builder = match self {
            CodePage::Utf8 => builder.with_encoding(UnicodeLossy),
            CodePage::Windows1252 | CodePage::Iso8859_15 => builder.with_encoding(CP1252),
            CodePage::Windows1250 => builder.with_encoding(LossyCodePage(CP1250)),
            CodePage::Cp850 => builder.with_encoding(CP850),
            CodePage::Cp437 => builder.with_encoding(CP437),
        };
        builder.build(Cursor::new(dbf))
    }

    /// Text as decoded by [`CodePage::reader`], corrected where this code page differs from the
    /// table used (ISO-8859-15 is read as Windows-1252, whose characters at its eight
    /// differing bytes occur nowhere else in that table).
    fn fix(self, s: &str) -> String {
        if self != CodePage::Iso8859_15 {
            return s.to_string();
        }
        s.chars()
            .map(|c| match c {
                '¤' => '€',
                '¦' => 'Š',
                '¨' => 'š',
                '´' => 'Ž',
                '¸' => 'ž',
                '¼' => 'Œ',
                '½' => 'œ',
                '¾' => 'Ÿ',
                c => c,
            })
            .collect()
    }
}

/// The code page of the DBF: the .cpg's when it names a supported one, else UTF-8 when the bytes
/// are valid UTF-8, else Windows-1252; with a warning for a .cpg that is not understood.
fn dbf_code_page(
    file: &str,
    cpg: Option<&str>,
    dbf: &[u8],
    warnings: &mut Vec<Warning>,
) -> CodePage {
    let detected = if std::str::from_utf8(dbf).is_ok() {
        CodePage::Utf8
    } else {
        CodePage::Windows1252
    };
    let Some(cpg) = cpg.filter(|c| !c.trim().is_empty()) else {
        return detected;
    };
    CodePage::named(cpg).unwrap_or_else(|| {
        let shown: String = cpg.trim().chars().take(30).collect();
        let name = detected.encoding().name();
        warnings.push(Warning::new(
            file,
            format!(
                ".cpg nennt die Zeichenkodierung „{shown}“, die nicht unterstützt wird; die Merkmale wurden als {name} gelesen. Bitte prüfen Sie Umlaute oder exportieren Sie als UTF-8."
            ),
            format!(
                "The .cpg names the character encoding “{shown}”, which is not supported; the attributes were read as {name}. Please check umlauts or export as UTF-8."
            ),
        ));
        detected
    })
}

fn field_json(v: &shapefile::dbase::FieldValue, code_page: CodePage) -> Value {
    use shapefile::dbase::FieldValue as F;
    match v {
        F::Character(s) => s
            .as_ref()
            .map_or(Value::Null, |s| Value::String(code_page.fix(s.trim()))),
        F::Memo(s) => Value::String(code_page.fix(s)),
        F::Numeric(n) => n
            .and_then(serde_json::Number::from_f64)
            .map_or(Value::Null, Value::Number),
        F::Float(n) => n
            .and_then(|f| serde_json::Number::from_f64(f as f64))
            .map_or(Value::Null, Value::Number),
        F::Double(n) | F::Currency(n) => {
            serde_json::Number::from_f64(*n).map_or(Value::Null, Value::Number)
        }
        F::Integer(i) => Value::from(*i),
        F::Logical(b) => b.map_or(Value::Null, Value::Bool),
        F::Date(d) => d.map_or(Value::Null, |d| {
            Value::String(format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day()))
        }),
        F::DateTime(dt) => Value::String(format!("{dt:?}")),
    }
}

/// Polygons from the rings of any shapefile polygon type (`xy` takes x and y of its points).
fn polygons<P>(
    rings: &[shapefile::PolygonRing<P>],
    xy: impl Fn(&P) -> Coord<f64>,
) -> MultiPolygon<f64> {
    let ring = |points: &[P]| LineString(points.iter().map(&xy).collect());
    let mut polys: Vec<Polygon<f64>> = vec![];
    let mut holes: Vec<LineString<f64>> = vec![];
    for r in rings {
        match r {
            shapefile::PolygonRing::Outer(p) => polys.push(Polygon::new(ring(p), vec![])),
            shapefile::PolygonRing::Inner(p) => holes.push(ring(p)),
        }
    }
    for h in holes {
        let inside =
            h.0.first()
                .and_then(|c| polys.iter().position(|p| p.contains(&geo::Point::from(*c))));
        match inside.or(polys.len().checked_sub(1)) {
            Some(i) => polys[i].interiors_push(h),
            None => polys.push(Polygon::new(h, vec![])),
        }
    }
    MultiPolygon(polys)
}

/// Reads a zipped Shapefile. `crs_override` replaces the .prj and the detection.
pub fn read_zip(file: &str, bytes: &[u8], crs_override: Option<Crs>) -> Result<Layer, IngestError> {
    if bytes.is_empty() {
        return Err(IngestError::Empty { file: file.into() });
    }
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| bad(file, ShapefileProblem::NotZip(e.to_string())))?;
    let mut parts: std::collections::HashMap<String, Vec<u8>> = std::collections::HashMap::new();
    let names: Vec<String> = zip
        .file_names()
        .map(|n| n.map(|c| c.into_owned()))
        .collect::<Result<_, _>>()
        .map_err(|e| bad(file, ShapefileProblem::NotZip(e.to_string())))?;
    // The first .shp decides the base name; its siblings share it.
    let shp_name = names
        .iter()
        .find(|n| n.to_lowercase().ends_with(".shp") && !n.starts_with("__MACOSX"))
        .ok_or_else(|| bad(file, ShapefileProblem::NoShp(names.clone())))?
        .clone();
    let base = shp_name[..shp_name.len() - 4].to_lowercase();
    // Only the members a Shapefile needs, each within the unpacking limits.
    let mut budget = super::unzip::Budget::default();
    for n in &names {
        let lower = n.to_lowercase();
        if let Some(ext) = lower.strip_prefix(&base) {
            if ![".shp", ".shx", ".dbf", ".prj", ".cpg"].contains(&ext) {
                continue;
            }
            let buf = super::unzip::read(&mut zip, file, n, &mut budget)?.unwrap_or_default();
            parts.insert(ext.to_string(), buf);
        }
    }
    let take = |ext: &str| parts.get(ext).cloned();
    let shp = take(".shp").ok_or_else(|| bad(file, ShapefileProblem::NoShp(names.clone())))?;
    let dbf = take(".dbf").ok_or_else(|| bad(file, ShapefileProblem::NoDbf(shp_name.clone())))?;
    let cpg = take(".cpg").map(|b| String::from_utf8_lossy(&b).into_owned());
    let prj = take(".prj").map(|b| String::from_utf8_lossy(&b).into_owned());

    let shape_reader = match take(".shx") {
        Some(shx) => shapefile::ShapeReader::with_shx(Cursor::new(shp), Cursor::new(shx)),
        None => shapefile::ShapeReader::new(Cursor::new(shp)),
    }
    .map_err(|e| bad(file, ShapefileProblem::Shp(e.to_string())))?;
    let mut warnings = vec![];
    let code_page = dbf_code_page(file, cpg.as_deref(), &dbf, &mut warnings);
    let dbase_reader = code_page
        .reader(dbf)
        .map_err(|e| bad(file, ShapefileProblem::Dbf(e.to_string())))?;
    let field_names: Vec<String> = dbase_reader
        .fields()
        .iter()
        .map(|f| f.name().to_string())
        .collect();
    let mut reader = shapefile::Reader::new(shape_reader, dbase_reader);

    let mut features = vec![];
    let mut properties = geojson::PropertyColumns::new();
    let mut geoms = vec![];
    let mut skipped = vec![];
    let mut other = 0;
    for (i, item) in reader.iter_shapes_and_records().enumerate() {
        let (shape, record) =
            item.map_err(|e| bad(file, ShapefileProblem::Feature(i + 1, e.to_string())))?;
        let mut props = Map::new();
        for name in &field_names {
            props.insert(
                name.clone(),
                record
                    .get(name)
                    .map_or(Value::Null, |v| field_json(v, code_page)),
            );
        }
        properties.push_object(&props);
        let mp = match shape {
            shapefile::Shape::Polygon(p) => polygons(p.rings(), |q| Coord { x: q.x, y: q.y }),
            shapefile::Shape::PolygonZ(p) => polygons(p.rings(), |q| Coord { x: q.x, y: q.y }),
            shapefile::Shape::PolygonM(p) => polygons(p.rings(), |q| Coord { x: q.x, y: q.y }),
            shapefile::Shape::NullShape => {
                skipped.push(properties.label(i, i));
                continue;
            }
            _ => {
                other += 1;
                continue;
            }
        };
        // Later checks compare and measure coordinates as numbers: NaN would pass them unseen.
        if !geo::CoordsIter::coords_iter(&mp).all(|c| c.x.is_finite() && c.y.is_finite()) {
            return Err(bad(file, ShapefileProblem::NotFinite(i + 1)));
        }
        features.push(Feature { index: i });
        geoms.push(mp);
    }
    if features.is_empty() {
        return Err(IngestError::NoAreas {
            file: file.into(),
            found: if other > 0 {
                format!("Punkte oder Linien ({other})")
            } else {
                "keine Geometrien".into()
            },
        });
    }
    if !skipped.is_empty() {
        let names = geojson::list_labels(&skipped);
        warnings.push(Warning::new(
            file,
            format!(
                "{} Objekte ohne Geometrie übersprungen: {names}.",
                skipped.len()
            ),
            format!(
                "Skipped {} features without geometry: {names}.",
                skipped.len()
            ),
        ));
    }
    if other > 0 {
        warnings.push(Warning::new(
            file,
            format!("{other} Objekte ohne Fläche (Punkte oder Linien) übersprungen."),
            format!("Skipped {other} features that are not areas (points or lines)."),
        ));
    }
    let declared = prj.as_deref().and_then(crs_from_prj).map(|c| c.to_string());
    if declared.is_none() && crs_override.is_none() {
        let (de, en) = match prj.as_deref() {
            None => ("keine .prj-Datei".to_string(), "no .prj file".to_string()),
            Some(w) => {
                let start: String = w.chars().take(40).collect();
                (
                    format!(".prj nicht erkannt („{start}…“)"),
                    format!(".prj not recognised (\"{start}…\")"),
                )
            }
        };
        warnings.push(Warning::new(
            file,
            format!("{de}; Koordinatensystem aus den Koordinaten bestimmt."),
            format!("{en}; coordinate system determined from the coordinates."),
        ));
    }
    let encoding = code_page.encoding();
    let kept: Vec<Option<usize>> = features.iter().map(|f| Some(f.index)).collect();
    let kept = geojson::Kept {
        properties: properties.select(&kept),
        features,
        geoms,
    };
    geojson::finish(
        file,
        encoding,
        kept,
        declared.as_deref(),
        crs_override,
        warnings,
    )
}

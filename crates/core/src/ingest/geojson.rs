//! GeoJSON areas: a FeatureCollection, a lone Feature, or a bare Polygon/MultiPolygon.
//!
//! - Polygon and MultiPolygon with holes; unclosed rings are closed (warning); features without
//!   geometry, with too few points, or of another type among polygons are left out with a warning
//!   naming them; a file with no polygons at all is an error that says areas are needed.
//! - CRS from the legacy `crs` member, otherwise detected from the coordinates
//!   ([`super::crs::detect`]); an explicit override wins. Longitude/latitude swapped is recognised.
//! - A planar metric copy (the source CRS when it is one, else the UTM zone) is kept for areas and
//!   topology, and the bounding box in WGS 84.
//! - Self-intersecting rings are kept and reported (municipal data has them).

use super::crs::{self, Detection, Reprojector};
use super::csv::RawTable;
use super::geojson_typed::{self, Item, Parsed};
pub use super::properties::{value_text, PropertyColumns};
use super::text::{self, Encoding};
use super::{CoordinateProblem, GeometryPart, IngestError, Warning};
use crate::model::Crs;
use geo::{Coord, LineString, MultiPolygon, Polygon};
use serde_json::{Map, Value};

/// One feature with an area.
#[derive(Clone, Debug, PartialEq)]
pub struct Feature {
    /// 0-based index in the file (for messages).
    pub index: usize,
}

/// Areas read from a GeoJSON file.
#[derive(Clone, Debug)]
pub struct Layer {
    /// File name.
    pub file: String,
    /// Encoding of the file.
    pub encoding: Encoding,
    /// The CRS of the coordinates in the file.
    pub source_crs: Crs,
    /// How the CRS was found.
    pub crs_source: CrsSource,
    /// The features kept (with polygons), in file order.
    pub features: Vec<Feature>,
    /// The properties of the kept features: a row per feature, typed like a CSV table
    /// (JSON numbers as English-style text; a row's line is its feature's number, 1-based).
    pub properties: RawTable,
    /// Geometry of each kept feature in `planar_crs`.
    pub planar: Vec<MultiPolygon<f64>>,
    /// The planar metric CRS of `planar`.
    pub planar_crs: Crs,
    /// Bounding box in WGS 84: `[min_lon, min_lat, max_lon, max_lat]`.
    pub bbox_wgs84: [f64; 4],
    /// Indices (into `features`) of polygons with a self-intersecting ring that could not be
    /// repaired.
    pub invalid: Vec<usize>,
    /// Indices (into `features`) of polygons whose self-intersecting rings were repaired.
    pub repaired: Vec<usize>,
    /// What was interpreted or left out.
    pub warnings: Vec<Warning>,
}

/// Where the CRS of a layer came from.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize)]
pub enum CrsSource {
    /// The file's `crs` member.
    Declared,
    /// Detected from coordinate ranges; `certain` false means other systems fit too.
    Detected {
        /// Whether only this system fits.
        certain: bool,
    },
    /// Given by the user.
    Override,
}

pub(crate) fn json_error(file: &str, e: serde_json::Error) -> IngestError {
    IngestError::Json {
        file: file.into(),
        line: e.line(),
        column: e.column(),
        detail: e
            .to_string()
            .split(" at line")
            .next()
            .unwrap_or("")
            .to_string(),
    }
}

fn bad(file: &str, feature: usize, detail: CoordinateProblem) -> IngestError {
    IngestError::BadCoordinates {
        file: file.into(),
        feature,
        detail,
    }
}

/// Up to five labels joined, with the number of the rest: "Nr. 1 (A), Nr. 4 … (+12)".
pub(crate) fn list_labels(v: &[String]) -> String {
    let mut s = v.iter().take(5).cloned().collect::<Vec<_>>().join(", ");
    if v.len() > 5 {
        s.push_str(&format!(" … (+{})", v.len() - 5));
    }
    s
}

fn ring(
    file: &str,
    feature: usize,
    v: &Value,
    closed: &mut usize,
) -> Result<LineString<f64>, IngestError> {
    let pts = v.as_array().ok_or_else(|| {
        bad(
            file,
            feature,
            CoordinateProblem::NotAList(GeometryPart::Ring),
        )
    })?;
    let mut coords = Vec::with_capacity(pts.len() + 1);
    for p in pts {
        let xy = p.as_array().filter(|a| a.len() >= 2);
        let (x, y) = match xy {
            Some(a) => (a[0].as_f64(), a[1].as_f64()),
            None => (None, None),
        };
        match (x, y) {
            (Some(x), Some(y)) if x.is_finite() && y.is_finite() => coords.push(Coord { x, y }),
            _ => {
                return Err(bad(
                    file,
                    feature,
                    CoordinateProblem::NotACoordinate(p.to_string()),
                ))
            }
        }
    }
    if coords.len() >= 2 && coords.first() != coords.last() {
        coords.push(coords[0]);
        *closed += 1;
    }
    Ok(LineString(coords))
}

fn polygon(
    file: &str,
    feature: usize,
    v: &Value,
    closed: &mut usize,
) -> Result<Option<Polygon<f64>>, IngestError> {
    let rings = v.as_array().ok_or_else(|| {
        bad(
            file,
            feature,
            CoordinateProblem::NotAList(GeometryPart::Polygon),
        )
    })?;
    let mut it = rings.iter();
    let Some(outer) = it.next() else {
        return Ok(None);
    };
    let outer = ring(file, feature, outer, closed)?;
    if outer.0.len() < 4 {
        return Ok(None);
    }
    let holes = it
        .map(|r| ring(file, feature, r, closed))
        .collect::<Result<Vec<_>, _>>()?
        .into_iter()
        .filter(|r| r.0.len() >= 4)
        .collect();
    Ok(Some(Polygon::new(outer, holes)))
}

/// Parses a geometry object into polygons; `Ok(None)` for non-area types (returned in `other`).
fn geometry(
    file: &str,
    feature: usize,
    g: &Value,
    closed: &mut usize,
    other: &mut Vec<String>,
) -> Result<Option<MultiPolygon<f64>>, IngestError> {
    let kind = g.get("type").and_then(Value::as_str).unwrap_or("");
    let coords = g.get("coordinates");
    let polys = match (kind, coords) {
        ("Polygon", Some(c)) => polygon(file, feature, c, closed)?.into_iter().collect(),
        ("MultiPolygon", Some(c)) => {
            let parts = c.as_array().ok_or_else(|| {
                bad(
                    file,
                    feature,
                    CoordinateProblem::NotAList(GeometryPart::MultiPolygon),
                )
            })?;
            let mut v = vec![];
            for p in parts {
                v.extend(polygon(file, feature, p, closed)?);
            }
            v
        }
        ("GeometryCollection", _) => {
            let mut v = vec![];
            for part in g
                .get("geometries")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                if let Some(mp) = geometry(file, feature, part, closed, other)? {
                    v.extend(mp.0);
                }
            }
            v
        }
        _ => {
            other.push(if kind.is_empty() {
                "?".into()
            } else {
                kind.to_string()
            });
            return Ok(None);
        }
    };
    Ok(Some(MultiPolygon(polys)))
}

/// Reads a GeoJSON file. `crs_override` replaces the declared or detected CRS.
pub fn read(file: &str, bytes: &[u8], crs_override: Option<Crs>) -> Result<Layer, IngestError> {
    if let Some((de, en)) = text::not_text(bytes) {
        return Err(IngestError::NotText {
            file: file.into(),
            kind_de: de.into(),
            kind_en: en.into(),
        });
    }
    let (text, encoding) = text::decode(bytes);
    if text.trim().is_empty() {
        return Err(IngestError::Empty { file: file.into() });
    }
    let parsed = match geojson_typed::read(&text) {
        Some(p) => p,
        None => read_general(file, &text)?,
    };
    layer(file, encoding, parsed, crs_override)
}

/// The general reader: any JSON, through `serde_json::Value`, with a message naming the feature
/// for everything that is not GeoJSON areas.
fn read_general(file: &str, text: &str) -> Result<Parsed, IngestError> {
    let root: Value = serde_json::from_str(text).map_err(|e| json_error(file, e))?;
    let kind = root.get("type").and_then(Value::as_str).unwrap_or("");
    // Each feature's properties and geometry.
    type Raw<'a> = (Option<&'a Map<String, Value>>, Option<&'a Value>);
    let items: Vec<Raw> = match kind {
        "FeatureCollection" => root
            .get("features")
            .and_then(Value::as_array)
            .ok_or_else(|| IngestError::NotGeoJson {
                file: file.into(),
                found: "FeatureCollection ohne features".into(),
            })?
            .iter()
            .map(|f| {
                (
                    f.get("properties").and_then(Value::as_object),
                    f.get("geometry").filter(|g| !g.is_null()),
                )
            })
            .collect(),
        "Feature" => vec![(
            root.get("properties").and_then(Value::as_object),
            root.get("geometry").filter(|g| !g.is_null()),
        )],
        "Polygon" | "MultiPolygon" | "GeometryCollection" => vec![(None, Some(&root))],
        "" => {
            let found = match &root {
                Value::Array(_) => "eine JSON-Liste / a JSON array".to_string(),
                Value::Object(o) => {
                    format!("Objekt mit {} / object with {}", keys(o), keys(o))
                }
                other => other.to_string().chars().take(40).collect(),
            };
            return Err(IngestError::NotGeoJson {
                file: file.into(),
                found,
            });
        }
        "Point" | "MultiPoint" | "LineString" | "MultiLineString" => {
            return Err(IngestError::NoAreas {
                file: file.into(),
                found: format!("{kind} (1)"),
            })
        }
        other => {
            return Err(IngestError::NotGeoJson {
                file: file.into(),
                found: format!("type \"{other}\""),
            })
        }
    };
    let (mut closed, mut other) = (0, vec![]);
    let mut parsed = Vec::with_capacity(items.len());
    let mut properties = PropertyColumns::new();
    for (i, (props, g)) in items.into_iter().enumerate() {
        match props {
            Some(p) => properties.push_object(p),
            None => properties.push_empty(),
        }
        let geometry = match g {
            None => None,
            Some(g) => {
                let before = other.len();
                let mp = geometry(file, i, g, &mut closed, &mut other)?;
                if mp.is_none() && other.len() == before {
                    other.push("?".into());
                }
                Some(mp)
            }
        };
        parsed.push(Item { geometry });
    }
    let declared = root
        .get("crs")
        .and_then(|c| c.get("properties"))
        .and_then(|p| p.get("name"))
        .and_then(Value::as_str)
        .map(str::to_string);
    Ok(Parsed {
        items: parsed,
        properties,
        declared,
        closed,
        other,
    })
}

/// The features with areas, warnings for what was left out, then [`finish`].
fn layer(
    file: &str,
    encoding: Encoding,
    parsed: Parsed,
    crs_override: Option<Crs>,
) -> Result<Layer, IngestError> {
    let Parsed {
        items,
        properties,
        declared,
        closed,
        other,
    } = parsed;
    let mut features = vec![];
    let mut geoms = vec![];
    let (mut no_geometry, mut degenerate) = (vec![], vec![]);
    for (i, item) in items.into_iter().enumerate() {
        match item.geometry {
            None => no_geometry.push(properties.label(i, i)),
            Some(Some(mp)) if !mp.0.is_empty() => {
                features.push(Feature { index: i });
                geoms.push(mp);
            }
            Some(Some(_)) => degenerate.push(properties.label(i, i)),
            Some(None) => {}
        }
    }
    let kept: Vec<Option<usize>> = features.iter().map(|f| Some(f.index)).collect();
    let properties = properties.select(&kept);
    if features.is_empty() {
        let mut counts = std::collections::BTreeMap::new();
        for o in &other {
            *counts.entry(o.as_str()).or_insert(0) += 1;
        }
        let found = if counts.is_empty() {
            "keine Geometrien / no geometries".to_string()
        } else {
            counts
                .iter()
                .map(|(k, n)| format!("{k} ({n})"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        return Err(IngestError::NoAreas {
            file: file.into(),
            found,
        });
    }

    let mut warnings = vec![];
    if !no_geometry.is_empty() {
        warnings.push(Warning::new(
            file,
            format!(
                "{} Objekte ohne Geometrie übersprungen: {}.",
                no_geometry.len(),
                list_labels(&no_geometry)
            ),
            format!(
                "Skipped {} features without geometry: {}.",
                no_geometry.len(),
                list_labels(&no_geometry)
            ),
        ));
    }
    if !degenerate.is_empty() {
        warnings.push(Warning::new(
            file,
            format!(
                "{} Objekte mit zu wenigen Punkten (keine Fläche) übersprungen: {}.",
                degenerate.len(),
                list_labels(&degenerate)
            ),
            format!(
                "Skipped {} features with too few points (no area): {}.",
                degenerate.len(),
                list_labels(&degenerate)
            ),
        ));
    }
    if !other.is_empty() {
        warnings.push(Warning::new(
            file,
            format!(
                "{} Objekte ohne Fläche (z. B. {}) übersprungen.",
                other.len(),
                other[0]
            ),
            format!(
                "Skipped {} features that are not areas (e.g. {}).",
                other.len(),
                other[0]
            ),
        ));
    }
    if closed > 0 {
        warnings.push(Warning::new(
            file,
            format!("{closed} nicht geschlossene Ringe wurden geschlossen."),
            format!("Closed {closed} unclosed rings."),
        ));
    }

    let kept = Kept {
        features,
        properties,
        geoms,
    };
    finish(
        file,
        encoding,
        kept,
        declared.as_deref(),
        crs_override,
        warnings,
    )
}

/// What a map reader kept: the features with areas, their properties (a row each) and their
/// areas.
pub(crate) struct Kept {
    /// The features, in file order.
    pub features: Vec<Feature>,
    /// Their properties.
    pub properties: PropertyColumns,
    /// Their areas.
    pub geoms: Vec<MultiPolygon<f64>>,
}

/// The second half of every map reader: CRS (override, declared name, or detection), lat/lon
/// swap, WGS 84 extent, planar copy, self-intersection check, the properties typed.
/// `properties` has a row per feature.
pub(crate) fn finish(
    file: &str,
    encoding: Encoding,
    kept: Kept,
    declared: Option<&str>,
    crs_override: Option<Crs>,
    mut warnings: Vec<Warning>,
) -> Result<Layer, IngestError> {
    let Kept {
        features,
        properties,
        mut geoms,
    } = kept;
    let bbox = bounds(&geoms);
    let (source_crs, crs_source) = if let Some(c) = crs_override {
        (c, CrsSource::Override)
    } else if let Some(name) = declared {
        match crs::parse_name(name).filter(|c| crs::proj_string(c.epsg).is_some()) {
            Some(c) => (c, CrsSource::Declared),
            None => {
                return Err(IngestError::UnsupportedCrs {
                    file: file.into(),
                    name: name.into(),
                })
            }
        }
    } else {
        // Latitude and longitude swapped: only the swapped box fits (handled below).
        let swapped =
            || crs::detect([bbox[1], bbox[0], bbox[3], bbox[2]]).filter(|d| d.crs == Crs::WGS84);
        match crs::detect(bbox).or_else(swapped) {
            Some(Detection { crs, certain }) => (crs, CrsSource::Detected { certain }),
            None => {
                return Err(IngestError::UnknownCrs {
                    file: file.into(),
                    bbox,
                })
            }
        }
    };
    if crs::proj_string(source_crs.epsg).is_none() {
        return Err(IngestError::UnsupportedCrs {
            file: file.into(),
            name: source_crs.to_string(),
        });
    }
    if crs::is_geographic(source_crs) {
        let swapped = bbox[0] >= 45.0 && bbox[2] <= 56.0 && bbox[1] >= 4.0 && bbox[3] <= 17.0;
        if swapped {
            for g in &mut geoms {
                for p in &mut g.0 {
                    p.exterior_mut(|r| {
                        r.0.iter_mut()
                            .for_each(|c| std::mem::swap(&mut c.x, &mut c.y))
                    });
                    p.interiors_mut(|rs| {
                        rs.iter_mut().for_each(|r| {
                            r.0.iter_mut()
                                .for_each(|c| std::mem::swap(&mut c.x, &mut c.y))
                        })
                    });
                }
            }
            warnings.push(Warning::new(
                file,
                "Breiten- und Längengrad waren vertauscht und wurden getauscht.".into(),
                "Latitude and longitude were swapped and have been exchanged.".into(),
            ));
        } else if !(bbox[0] >= -180.0 && bbox[2] <= 180.0 && bbox[1] >= -90.0 && bbox[3] <= 90.0) {
            return Err(IngestError::UnknownCrs {
                file: file.into(),
                bbox,
            });
        }
    }
    if let CrsSource::Detected { certain: false } = crs_source {
        warnings.push(Warning::new(
            file,
            format!("Koordinatensystem nicht angegeben; angenommen: {source_crs} (UTM Zone 32). Liegt das Gebiet in Ostdeutschland (z. B. Berlin), bitte EPSG:25833 wählen."),
            format!("No coordinate system given; assumed {source_crs} (UTM zone 32). For eastern Germany (e.g. Berlin) choose EPSG:25833."),
        ));
    }

    // WGS 84 bounding box (densified edges of the source box) and the planar copy.
    let to_wgs =
        Reprojector::new(source_crs, Crs::WGS84).ok_or_else(|| IngestError::UnsupportedCrs {
            file: file.into(),
            name: source_crs.to_string(),
        })?;
    let bbox = bounds(&geoms);
    let mut wgs = [f64::MAX, f64::MAX, f64::MIN, f64::MIN];
    for k in 0..=10 {
        let t = k as f64 / 10.0;
        let xs = bbox[0] + t * (bbox[2] - bbox[0]);
        let ys = bbox[1] + t * (bbox[3] - bbox[1]);
        for (x, y) in [(xs, bbox[1]), (xs, bbox[3]), (bbox[0], ys), (bbox[2], ys)] {
            let (lon, lat) = to_wgs
                .point(x, y)
                .map_err(|detail| IngestError::Reprojection {
                    file: file.into(),
                    feature: 0,
                    detail,
                })?;
            wgs = [
                wgs[0].min(lon),
                wgs[1].min(lat),
                wgs[2].max(lon),
                wgs[3].max(lat),
            ];
        }
    }
    let planar_crs = crs::planar_for(source_crs, (wgs[0] + wgs[2]) / 2.0);
    let source_flat: Vec<bool> = geoms.iter().map(|g| flatness(g) < 1e-12).collect();
    // The snapping tolerance comes from the rounding of the source coordinates.
    let snap_tol = (planar_crs != source_crs).then(|| {
        let per_unit = if crs::is_geographic(source_crs) {
            111_000.0
        } else {
            1.0
        };
        super::repair::snap_tolerance(&geoms, per_unit)
    });
    let planar = if planar_crs == source_crs {
        geoms
    } else {
        let r = Reprojector::new(source_crs, planar_crs).ok_or_else(|| {
            IngestError::UnsupportedCrs {
                file: file.into(),
                name: planar_crs.to_string(),
            }
        })?;
        let mut out = Vec::with_capacity(geoms.len());
        for (k, mut g) in geoms.into_iter().enumerate() {
            let mut failed = None;
            let mut fix = |c: &mut Coord<f64>| match r.point(c.x, c.y) {
                Ok((x, y)) => *c = Coord { x, y },
                Err(e) => failed = Some(e),
            };
            for p in &mut g.0 {
                p.exterior_mut(|ring| ring.0.iter_mut().for_each(&mut fix));
                p.interiors_mut(|rs| {
                    rs.iter_mut()
                        .for_each(|ring| ring.0.iter_mut().for_each(&mut fix))
                });
            }
            if let Some(detail) = failed {
                return Err(IngestError::Reprojection {
                    file: file.into(),
                    feature: features[k].index,
                    detail,
                });
            }
            out.push(g);
        }
        out
    };

    // Polygons without any area (all points on a line): a map of only such is no map. Judged
    // in the source coordinates (a straight line of longitude/latitude gains a little area from
    // the curvature of the projection) and in the planar ones.
    let flat: Vec<usize> = planar
        .iter()
        .zip(&source_flat)
        .enumerate()
        .filter(|(_, (g, &source))| source || flatness(g) < 1e-9)
        .map(|(i, _)| i)
        .collect();
    if flat.len() == planar.len() {
        return Err(IngestError::NoUsableArea {
            file: file.into(),
            features: planar.len(),
        });
    }
    if !flat.is_empty() {
        let labels: Vec<String> = flat
            .iter()
            .map(|&i| properties.label(features[i].index, i))
            .collect();
        warnings.push(Warning::new(
            file,
            format!("{} Flächen haben die Größe 0 (alle Punkte auf einer Linie): {}. Sie sind auf der Karte nicht zu sehen.", flat.len(), list_labels(&labels)),
            format!("{} areas have size 0 (all points on a line): {}. They cannot be seen on the map.", flat.len(), list_labels(&labels)),
        ));
    }
    // A coverage reprojected from another system (longitude/latitude above all) loses the
    // exact meeting of shared vertices to the rounding of its coordinates: vertices closer than
    // a few rounding steps are snapped together.
    let mut planar = planar;
    if let Some(tol) = snap_tol {
        super::repair::snap_coverage(&mut planar, tol);
    }
    // Rings that cross themselves are repaired (small loops cut off); what cannot be repaired
    // is drawn and used as it is.
    let mut invalid = vec![];
    let mut repaired = vec![];
    for (i, g) in planar.iter_mut().enumerate() {
        if super::repair::self_intersects(g) {
            let (fixed, simple) = super::repair::repair_rings(g);
            if simple && !fixed.0.is_empty() {
                *g = fixed;
                repaired.push(i);
            } else {
                invalid.push(i);
            }
        }
    }
    let labels = |v: &[usize]| -> Vec<String> {
        v.iter()
            .map(|&i| properties.label(features[i].index, i))
            .collect()
    };
    if !repaired.is_empty() {
        let l = labels(&repaired);
        warnings.push(Warning::new(
            file,
            format!("{} Flächen überschnitten sich selbst und wurden repariert (kleine Schleifen entfernt): {}.", repaired.len(), list_labels(&l)),
            format!("{} areas intersected themselves and were repaired (small loops removed): {}.", repaired.len(), list_labels(&l)),
        ));
    }
    if !invalid.is_empty() {
        let l = labels(&invalid);
        warnings.push(Warning::new(
            file,
            format!("{} Flächen überschneiden sich selbst: {}. Sie werden trotzdem gezeichnet und verwendet; bei Bedarf im GIS reparieren.", invalid.len(), list_labels(&l)),
            format!("{} areas intersect themselves: {}. They are drawn and used anyway; repair them in the GIS if needed.", invalid.len(), list_labels(&l)),
        ));
    }

    let lines = features.iter().map(|f| f.index + 1).collect();
    let properties = properties.into_table(file, encoding, lines);
    Ok(Layer {
        file: file.into(),
        encoding,
        source_crs,
        crs_source,
        features,
        properties,
        planar,
        planar_crs,
        bbox_wgs84: wgs,
        invalid,
        repaired,
        warnings,
    })
}

/// Area over squared perimeter: 1/(4π) for a circle, 0 for points on a line.
fn flatness(g: &MultiPolygon<f64>) -> f64 {
    let area = geo::Area::unsigned_area(g);
    let perimeter: f64 =
        g.0.iter()
            .map(|p| {
                p.exterior()
                    .0
                    .windows(2)
                    // Not `hypot` (a library call in wasm): degrees or metres within the map's
                    // checked box are far from overflowing when squared.
                    .map(|w| {
                        let (dx, dy) = (w[1].x - w[0].x, w[1].y - w[0].y);
                        (dx * dx + dy * dy).sqrt()
                    })
                    .sum::<f64>()
            })
            .sum();
    if perimeter > 0.0 {
        area / (perimeter * perimeter)
    } else {
        0.0
    }
}

fn keys(o: &Map<String, Value>) -> String {
    o.keys().take(4).cloned().collect::<Vec<_>>().join(", ")
}

/// The box of every exterior ring (compared, not by `f64::min`/`max`, which in wasm are calls).
fn bounds(geoms: &[MultiPolygon<f64>]) -> [f64; 4] {
    let mut b = [f64::MAX, f64::MAX, f64::MIN, f64::MIN];
    for g in geoms {
        for p in &g.0 {
            for c in p.exterior().0.iter() {
                if c.x < b[0] {
                    b[0] = c.x;
                }
                if c.y < b[1] {
                    b[1] = c.y;
                }
                if c.x > b[2] {
                    b[2] = c.x;
                }
                if c.y > b[3] {
                    b[3] = c.y;
                }
            }
        }
    }
    b
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::locale::Lang;

    const SQUARE: &str = r#"[[[0,0],[1,0],[1,1],[0,1],[0,0]]]"#;

    fn fc(features: &str, crs: &str) -> String {
        format!(r#"{{"type":"FeatureCollection",{crs}"features":[{features}]}}"#)
    }

    #[test]
    fn reads_polygons_keeps_holes_closes_rings_and_names_skipped_features() {
        // A 500 m square in EPSG:25832 with an unclosed 100 m hole.
        let with_hole = r#"{"type":"Feature","properties":{"id":"01","name":"A"},"geometry":{"type":"Polygon","coordinates":[
            [[350000,5700000],[350500,5700000],[350500,5700500],[350000,5700500],[350000,5700000]],
            [[350100,5700100],[350200,5700100],[350200,5700200],[350100,5700200]]]}}"#;
        let text = fc(
            &format!(
                r#"{with_hole},{{"type":"Feature","properties":{{"id":"02","name":"Ohne"}},"geometry":null}},{{"type":"Feature","properties":{{"id":3}},"geometry":{{"type":"Point","coordinates":[1,2]}}}}"#
            ),
            r#""crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::25832"}},"#,
        );
        let l = read("t.geojson", text.as_bytes(), None).unwrap();
        assert_eq!(l.features.len(), 1);
        assert_eq!(l.source_crs, Crs::UTM32);
        assert_eq!(l.crs_source, CrsSource::Declared);
        assert_eq!(l.planar[0].0[0].interiors().len(), 1, "hole kept");
        assert_eq!(l.planar[0].0[0].interiors()[0].0.len(), 5, "hole closed");
        let w: Vec<String> = l.warnings.iter().map(|w| w.message(Lang::De)).collect();
        assert!(
            w.iter()
                .any(|m| m.contains("ohne Geometrie") && m.contains("Nr. 2 (Ohne)")),
            "{w:?}"
        );
        assert!(w.iter().any(|m| m.contains("Point")), "{w:?}");
        assert!(
            w.iter().any(|m| m.contains("nicht geschlossene Ringe")),
            "{w:?}"
        );
        assert!(
            l.bbox_wgs84[0] > 5.0 && l.bbox_wgs84[2] < 8.0,
            "{:?}",
            l.bbox_wgs84
        );
        let t = &l.properties;
        assert_eq!(t.column("id").unwrap().raw, vec!["01".to_string()]);
        assert_eq!(t.row_lines, vec![1]);
    }

    /// What a reader found, comparable: the properties of every item as a table and each
    /// item's label, the areas (or none) per item, declared CRS, closed rings, other types.
    type Summary = (
        RawTable,
        Vec<String>,
        Vec<Option<Option<MultiPolygon<f64>>>>,
        Option<String>,
        usize,
        Vec<String>,
    );

    fn summary(p: Parsed) -> Summary {
        let n = p.items.len();
        assert_eq!(p.properties.rows(), n);
        let labels = (0..n).map(|i| p.properties.label(i, i)).collect();
        let table = p
            .properties
            .into_table("t", Encoding::Utf8, (1..=n).collect());
        let items = p.items.into_iter().map(|i| i.geometry).collect();
        (table, labels, items, p.declared, p.closed, p.other)
    }

    #[test]
    fn fast_and_general_readers_agree() {
        let data = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/data/");
        let mut texts: Vec<(String, String)> = [
            "berlin-lor2021-mss2021/lor_planungsraeume_2021_epsg25833.geojson",
            "berlin-lor2021-mss2021/lor_bezirksregionen_2021_wgs84.geojson",
            "flensburg-sozialatlas/flensburg_statistische_bezirke_epsg25832.geojson",
            "hamburg-stadtteilprofile-2024/hamburg_stadtteile_99_wgs84.geojson",
            "dinslaken-stimmbezirke-btw2025/dinslaken_stimmbezirke_btw2025.geojson",
        ]
        .iter()
        .map(|f| {
            (
                f.to_string(),
                std::fs::read_to_string(format!("{data}{f}")).unwrap(),
            )
        })
        .collect();
        // Odd shapes the fast path reads: 3D positions, an unclosed ring, a too-small hole, a
        // degenerate polygon, a collection, null geometry and properties, a point, a bare
        // polygon, a lone feature, integer and exponent coordinates.
        let odd = fc(
            r#"{"type":"Feature","properties":{"id":"a"},"geometry":{"type":"Polygon","coordinates":[[[0,0,5],[1,0,5],[1,1,5],[0,1,5]],[[0.1,0.1],[0.2,0.1],[0.1,0.1]]]}},
               {"type":"Feature","properties":null,"geometry":{"type":"MultiPolygon","coordinates":[[[[0,0],[1,0],[0,0]]],[[[2,2],[3,2],[3,3],[2e0,2.0]]]]}},
               {"type":"Feature","properties":{"id":"c"},"geometry":{"type":"GeometryCollection","geometries":[{"type":"Polygon","coordinates":[[[5,5],[6,5],[6,6],[5,5]]]}]}},
               {"type":"Feature","properties":{"id":"d"},"geometry":null},
               {"type":"Feature","geometry":{"type":"Point","coordinates":[1,2]}},
               {"type":"Feature","properties":{"id":"f"},"geometry":{"type":"MultiPolygon","coordinates":[[[[0,0],[1,0],[1,1]]]]}}"#,
            r#""crs":{"type":"name","properties":{"name":"EPSG:25832"}},"#,
        );
        texts.push(("odd".into(), odd));
        // Odd properties: a repeated name (the last counts), names in other orders and with
        // escapes, nested values, booleans, null, text that reads as a number, a feature without
        // properties, a name only one feature has, properties at the root of the collection.
        let props = |p: &str| {
            format!(
                r#"{{"type":"Feature","properties":{p},"geometry":{{"type":"Polygon","coordinates":{SQUARE}}}}}"#
            )
        };
        let odd_properties = format!(
            r#"{{"type":"FeatureCollection","properties":{{"title":"x"}},"features":[{}]}}"#,
            [
                props(r#"{"id":"01","name":"Nord","n":1,"n":2.5,"flag":true}"#),
                props(r#"{"n":-3,"id":"02","name":"S\u00fcd \"A\"","nested":{"a":[1,2]},"list":[1,"x"]}"#),
                props("null"),
                props(r#"{"id":"04","name":"","n":null,"new":" 12,5 ","big":18446744073709551615,"e":1e-7}"#),
                props(r#"{"id":"05","name":"  ","n":1e300,"flag":false,"new":"-"}"#),
            ]
            .join(",")
        );
        texts.push(("odd properties".into(), odd_properties));
        texts.push((
            "bare".into(),
            format!(r#"{{"type":"Polygon","coordinates":{SQUARE}}}"#),
        ));
        texts.push((
            "feature".into(),
            format!(
                r#"{{"type":"Feature","properties":{{"n":1}},"geometry":{{"type":"MultiPolygon","coordinates":[{SQUARE},{SQUARE}]}}}}"#
            ),
        ));
        for (name, text) in &texts {
            let fast = geojson_typed::read(text).unwrap_or_else(|| panic!("{name}: fast path"));
            let general = read_general(name, text).unwrap();
            assert_eq!(summary(fast), summary(general), "{name}");
        }
        // Shapes the fast path leaves to the general reader (which names the problem).
        for text in [
            fc(
                r#"{"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":[[[0,0],["x",1]]]}}"#,
                "",
            ),
            fc(
                r#"{"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":[]}}"#,
                "",
            ),
            fc(
                r#"{"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":[[0,0],[1,1]]}}"#,
                "",
            ),
            fc(r#"{"type":"Feature","properties":"x","geometry":null}"#, ""),
            r#"[{"type":"Polygon"}]"#.to_string(),
            r#"{"type":"LineString","coordinates":[[0,0],[1,1]]}"#.to_string(),
        ] {
            assert!(geojson_typed::read(&text).is_none(), "{text}");
        }
    }

    #[test]
    fn json_numbers_are_never_read_as_german_numbers() {
        // A text column with German decimals ("12,5") decides the file's convention for
        // ambiguous text; the JSON number 1.234 stays 1.234 (before: read as 1234).
        let features = (0..3)
            .map(|i| {
                format!(
                    r#"{{"type":"Feature","properties":{{"id":"{i}","quote":"1{i},5","value":1.234}},"geometry":{{"type":"Polygon","coordinates":{SQUARE}}}}}"#
                )
            })
            .collect::<Vec<_>>()
            .join(",");
        let l = read("n.geojson", fc(&features, "").as_bytes(), Some(Crs::UTM32)).unwrap();
        let t = &l.properties;
        assert_eq!(
            t.column("quote").unwrap().numbers().unwrap(),
            &[Some(10.5), Some(11.5), Some(12.5)]
        );
        assert_eq!(
            t.column("value").unwrap().numbers().unwrap(),
            &[Some(1.234); 3]
        );
    }

    #[test]
    fn broken_inputs_give_positioned_errors() {
        let e = read(
            "k.geojson",
            b"{\"type\": \"FeatureCollection\",\n \"features\": [\n  {\"type\": ",
            None,
        )
        .unwrap_err();
        assert!(matches!(e, IngestError::Json { line: 3, .. }), "{e:?}");
        let points = fc(
            r#"{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[7,51]}}"#,
            "",
        );
        let e = read("p.geojson", points.as_bytes(), None).unwrap_err();
        assert!(
            e.message(Lang::De).contains("keine Flächen")
                && e.message(Lang::De).contains("Point (1)"),
            "{e}"
        );
        let bad = fc(
            r#"{"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":[[[7,51],[7,"x"],[8,52],[7,51]]]}}"#,
            "",
        );
        let e = read("b.geojson", bad.as_bytes(), None).unwrap_err();
        assert!(
            matches!(e, IngestError::BadCoordinates { feature: 0, .. }),
            "{e:?}"
        );
        let far = fc(&format!(r#"{{"type":"Feature","properties":{{}},"geometry":{{"type":"Polygon","coordinates":{SQUARE}}}}}"#).replace("[1,", "[9999999,"), "");
        assert!(matches!(
            read("f.geojson", far.as_bytes(), None),
            Err(IngestError::UnknownCrs { .. })
        ));
        let unsupported = fc(
            &format!(
                r#"{{"type":"Feature","properties":{{}},"geometry":{{"type":"Polygon","coordinates":{SQUARE}}}}}"#
            ),
            r#""crs":{"type":"name","properties":{"name":"EPSG:2056"}},"#,
        );
        let e = read("u.geojson", unsupported.as_bytes(), None).unwrap_err();
        assert!(e.message(Lang::En).contains("EPSG:2056"), "{e}");
        assert!(matches!(
            read("a.json", b"[1,2]", None),
            Err(IngestError::NotGeoJson { .. })
        ));
        assert!(matches!(
            read("e.json", b"", None),
            Err(IngestError::Empty { .. })
        ));
    }

    #[test]
    fn swapped_latitude_and_longitude_are_recognised() {
        let swapped = fc(
            r#"{"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":[[[51.5,6.6],[51.5,6.7],[51.6,6.7],[51.5,6.6]]]}}"#,
            "",
        );
        let l = read("s.geojson", swapped.as_bytes(), None).unwrap();
        assert!((l.bbox_wgs84[0] - 6.6).abs() < 1e-9 && (l.bbox_wgs84[1] - 51.5).abs() < 1e-9);
        assert_eq!(l.planar_crs, Crs::UTM32);
        assert!(l.warnings.iter().any(|w| w.de.contains("vertauscht")));
    }
}

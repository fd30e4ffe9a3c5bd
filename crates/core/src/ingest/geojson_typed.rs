//! The fast path of the GeoJSON reader: the usual shapes of a file (FeatureCollection, Feature,
//! Polygon, MultiPolygon, GeometryCollection) read straight into typed structs, the coordinates
//! into one flat buffer per geometry and the properties into their columns
//! ([`super::properties`]), without building a `serde_json::Value` tree for them.
//!
//! It returns `None` for anything it does not expect (other root types, empty or ragged
//! coordinate arrays, positions that are not numbers, properties that are not an object, a
//! Polygon whose nesting depth is not that of a polygon, …); the general reader in
//! [`super::geojson`] then reads the file and names the feature and the problem. Both paths give
//! the same features for the files this one accepts (tested in `geojson.rs`).

use super::properties::{self, PropertyColumns, Row};
use geo::{Coord, LineString, MultiPolygon, Polygon};
use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, SeqAccess, Visitor};
use serde::Deserialize;
use serde_json::Value;
use std::borrow::Cow;
use std::fmt;

/// The root object of a GeoJSON file: any of the members a root may have.
#[derive(Deserialize)]
struct Root<'a> {
    #[serde(rename = "type", borrow)]
    kind: Option<Cow<'a, str>>,
    #[serde(borrow)]
    features: Option<Vec<RawFeature<'a>>>,
    properties: Option<Row>,
    #[serde(borrow)]
    geometry: Option<RawGeometry<'a>>,
    coordinates: Option<Coords>,
    #[serde(borrow)]
    geometries: Option<Vec<RawGeometry<'a>>>,
    crs: Option<Value>,
}

#[derive(Deserialize)]
struct RawFeature<'a> {
    properties: Option<Row>,
    #[serde(borrow)]
    geometry: Option<RawGeometry<'a>>,
}

/// A geometry; its type is borrowed from the text (no copy per feature).
#[derive(Deserialize)]
struct RawGeometry<'a> {
    #[serde(rename = "type", borrow)]
    kind: Option<Cow<'a, str>>,
    coordinates: Option<Coords>,
    #[serde(borrow)]
    geometries: Option<Vec<RawGeometry<'a>>>,
}

/// Nested coordinate arrays of any depth, flattened: positions in `xy`, the end (in `xy`) of
/// every ring, the end (in `ring_ends`) of every polygon. `depth` is 1 for a position, 2 for a
/// ring, 3 for a polygon, 4 for a multipolygon.
#[derive(Default)]
struct Coords {
    xy: Vec<Coord<f64>>,
    ring_ends: Vec<usize>,
    poly_ends: Vec<usize>,
    depth: u8,
}

/// A feature as read (by either path): when it has a geometry, its areas.
pub(super) struct Item {
    /// `None` without geometry; `Some(None)` for a geometry that is not an area (its type is in
    /// [`Parsed::other`]).
    pub geometry: Option<Option<MultiPolygon<f64>>>,
}

/// What a reader found: the items in file order, the declared CRS name, the number of rings it
/// closed, the types of geometries that are not areas.
pub(super) struct Parsed {
    /// Every feature in file order.
    pub items: Vec<Item>,
    /// The properties of every feature, a row each (empty where missing or null).
    pub properties: PropertyColumns,
    /// The `crs.properties.name` member, if any.
    pub declared: Option<String>,
    /// Rings whose last point was not the first (closed here).
    pub closed: usize,
    /// The type of every geometry that is not an area ("?" when it has none).
    pub other: Vec<String>,
}

/// Reads `text` by the fast path; `None` means: use the general reader.
pub(super) fn read(text: &str) -> Option<Parsed> {
    if !text.trim_start().starts_with('{') {
        return None;
    }
    let (root, columns) = properties::read_rows(|| serde_json::from_str::<Root>(text));
    let root = root.ok()?;
    let declared = root
        .crs
        .as_ref()
        .and_then(|c| c.get("properties"))
        .and_then(|p| p.get("name"))
        .and_then(Value::as_str)
        .map(str::to_string);
    let (mut closed, mut other) = (0, vec![]);
    let mut geometry = |g: Option<RawGeometry>| -> Option<Option<Option<MultiPolygon<f64>>>> {
        Some(match g {
            None => None,
            Some(g) => Some(match areas(g, &mut closed)? {
                Ok(mp) => Some(mp),
                Err(kind) => {
                    other.push(kind);
                    None
                }
            }),
        })
    };
    // The row of each feature's properties (features without have none).
    let mut rows = vec![];
    let items = match root.kind.as_deref()? {
        "FeatureCollection" => {
            let mut items = Vec::new();
            for f in root.features? {
                rows.push(f.properties.map(|r| r.0));
                items.push(Item {
                    geometry: geometry(f.geometry)?,
                });
            }
            items
        }
        "Feature" => {
            rows.push(root.properties.map(|r| r.0));
            vec![Item {
                geometry: geometry(root.geometry)?,
            }]
        }
        kind @ ("Polygon" | "MultiPolygon" | "GeometryCollection") => {
            let g = RawGeometry {
                kind: Some(Cow::Borrowed(kind)),
                coordinates: root.coordinates,
                geometries: root.geometries,
            };
            rows.push(None);
            vec![Item {
                geometry: geometry(Some(g))?,
            }]
        }
        _ => return None,
    };
    Some(Parsed {
        items,
        properties: columns.select(&rows),
        declared,
        closed,
        other,
    })
}

/// The areas of one geometry, as the general reader builds them (`Err(kind)` for other types);
/// `None` when the coordinates do not have the nesting of the type.
fn areas(g: RawGeometry, closed: &mut usize) -> Option<Result<MultiPolygon<f64>, String>> {
    let kind = g.kind.unwrap_or_default();
    let polys = match (&*kind, g.coordinates) {
        ("Polygon", Some(c)) if c.depth == 3 && c.poly_ends.len() == 1 => polygons(c, closed),
        ("MultiPolygon", Some(c)) if c.depth == 4 => polygons(c, closed),
        ("Polygon" | "MultiPolygon", _) => return None,
        ("GeometryCollection", _) => {
            let mut v = vec![];
            for part in g.geometries.unwrap_or_default() {
                match areas(part, closed)? {
                    Ok(mp) => v.extend(mp.0),
                    // The general reader counts a collection's non-area parts: let it.
                    Err(_) => return None,
                }
            }
            v
        }
        _ => {
            return Some(Err(if kind.is_empty() {
                "?".into()
            } else {
                kind.into_owned()
            }))
        }
    };
    Some(Ok(MultiPolygon(polys)))
}

/// Polygons from flat coordinates: rings closed when open, an outer ring under four points drops
/// its polygon, a hole under four points is dropped (as in the general reader).
fn polygons(c: Coords, closed: &mut usize) -> Vec<Polygon<f64>> {
    // The common shape, one polygon of one ring: its positions become the ring as they are.
    if c.ring_ends.len() == 1 {
        let mut v = c.xy;
        if v.len() >= 2 && v.first() != v.last() {
            v.push(v[0]);
            *closed += 1;
        }
        return match v.len() >= 4 {
            true => vec![Polygon::new(LineString(v), vec![])],
            false => vec![],
        };
    }
    let mut rings_done = 0;
    let mut out = Vec::with_capacity(c.poly_ends.len());
    for &poly_end in &c.poly_ends {
        let mut rings = (rings_done..poly_end).map(|r| {
            let start = if r == 0 { 0 } else { c.ring_ends[r - 1] };
            let pts = &c.xy[start..c.ring_ends[r]];
            let mut v = Vec::with_capacity(pts.len() + 1);
            v.extend_from_slice(pts);
            if v.len() >= 2 && v.first() != v.last() {
                v.push(v[0]);
                *closed += 1;
            }
            LineString(v)
        });
        if let Some(outer) = rings.next() {
            let holes: Vec<_> = rings.filter(|r| r.0.len() >= 4).collect();
            if outer.0.len() >= 4 {
                out.push(Polygon::new(outer, holes));
            }
        }
        rings_done = poly_end;
    }
    out
}

thread_local! {
    /// The number of positions of the geometry read last on this thread: the next one, mostly
    /// of a similar size, starts with room for as many (and the closing point), instead of
    /// growing its buffer step by step.
    static LAST_POSITIONS: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

impl<'de> Deserialize<'de> for Coords {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        // At most 65,536 positions ahead: one huge geometry does not make the next ones large.
        let mut c = Coords {
            xy: Vec::with_capacity(LAST_POSITIONS.get().min(1 << 16) + 1),
            ..Coords::default()
        };
        let depth = Level(&mut c).deserialize(d)?;
        match depth {
            Child::Depth(depth) => c.depth = depth,
            Child::Number(_) => return Err(de::Error::custom("coordinates: a number")),
        }
        LAST_POSITIONS.set(c.xy.len());
        // A small geometry after a large one does not keep the room it did not need.
        if c.xy.capacity() > 2 * (c.xy.len() + 1) {
            c.xy.shrink_to(c.xy.len() + 1);
        }
        Ok(c)
    }
}

/// One element of a coordinate array: a number (inside a position) or a nested array of the
/// given depth.
enum Child {
    Number(f64),
    Depth(u8),
}

/// Reads one element into the flat buffers.
struct Level<'a>(&'a mut Coords);

impl<'de> DeserializeSeed<'de> for Level<'_> {
    type Value = Child;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Child, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Level<'_> {
    type Value = Child;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("GeoJSON coordinates")
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Child, E> {
        Ok(Child::Number(v))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Child, E> {
        Ok(Child::Number(v as f64))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Child, E> {
        Ok(Child::Number(v as f64))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Child, A::Error> {
        let c = self.0;
        let first = seq
            .next_element_seed(Level(&mut *c))?
            .ok_or_else(|| de::Error::custom("empty coordinate array"))?;
        match first {
            Child::Number(x) => {
                // A position: x, y and optionally z/m (ignored).
                let Some(y) = seq.next_element::<f64>()? else {
                    return Err(de::Error::custom("position with one number"));
                };
                while seq.next_element::<f64>()?.is_some() {}
                if !(x.is_finite() && y.is_finite()) {
                    return Err(de::Error::custom("not finite"));
                }
                c.xy.push(Coord { x, y });
                Ok(Child::Depth(1))
            }
            Child::Depth(depth) => {
                loop {
                    match seq.next_element_seed(Level(&mut *c))? {
                        None => break,
                        Some(Child::Depth(d)) if d == depth => {}
                        Some(_) => return Err(de::Error::custom("ragged coordinates")),
                    }
                }
                let own = depth + 1;
                match own {
                    2 => c.ring_ends.push(c.xy.len()),
                    3 => c.poly_ends.push(c.ring_ends.len()),
                    4 => {}
                    _ => return Err(de::Error::custom("coordinates nested too deep")),
                }
                Ok(Child::Depth(own))
            }
        }
    }
    fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<Child, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Err(de::Error::custom("an object among coordinates"))
    }
}

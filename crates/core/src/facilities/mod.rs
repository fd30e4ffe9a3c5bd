//! Social infrastructure: point layers beside the map (Kitas, schools, counselling offices …, or
//! the cells of the Zensus 100 m grid), each point assigned to exactly one unit, and what follows
//! from that: counts, places and sums per unit (and so per Sozialraum at every level, as count
//! columns of the table), supply rates against a target population, distance coverage, and need
//! against supply.
//!
//! - [`read`]: a point layer from CSV, XLSX or GeoJSON (Point, MultiPoint): coordinate columns by
//!   their usual names or chosen, the CRS from the file, detected or chosen, reprojected into the
//!   map's CRS; positioned messages for bad coordinates.
//! - [`assign`]: point in polygon with the map's one spatial index; a point on a shared edge goes
//!   to the unit of lower index, a point in a hole to none; the tally per unit; coverage.
//! - [`grid`]: the Zensus grid read as a stream (chunks in, sums per unit out), cells outside
//!   the map skipped, withheld cells counted, never read as zero.
//! - [`supply`]: the tally as table columns and indicators of the atlas; need against supply
//!   (3 x 3 classes, gaps and overlaps).

pub mod assign;
pub mod grid;
pub mod read;
pub mod supply;

use crate::ingest::{IngestError, Warning};
use crate::locale::Lang;
use crate::model::Crs;
use serde::{Deserialize, Serialize};

/// The theme of the indicators a point layer adds; the default selections of the status
/// index and the typology leave such indicators out.
pub const THEME: &str = "Infrastruktur";

/// How a point layer is read: every choice the user can make, `None` = detect.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct PointSettings {
    /// Name of the layer ("Kitas"); `None`: from the file name.
    pub label: Option<String>,
    /// Column of the x coordinate (easting).
    pub x: Option<String>,
    /// Column of the y coordinate (northing).
    pub y: Option<String>,
    /// Column of the latitude in degrees.
    pub lat: Option<String>,
    /// Column of the longitude in degrees.
    pub lon: Option<String>,
    /// The coordinates' CRS (EPSG code) when chosen.
    pub crs: Option<u32>,
    /// Column of the category (Kita, Grundschule …).
    pub category: Option<String>,
    /// Column of the capacity (places).
    pub capacity: Option<String>,
    /// Column of the point's name.
    pub name: Option<String>,
    /// Count columns summed per unit (the Zensus grid's `Einwohner` …); empty: none (for the
    /// grid: every column but the cell id and the coordinates).
    pub sum: Vec<String>,
    /// The sheet of an Excel file.
    pub sheet: Option<String>,
    /// Distance in metres for the coverage share (`None`: no coverage indicator).
    pub within: Option<f64>,
}

/// One point of a layer, in the map's CRS.
#[derive(Clone, Debug, PartialEq)]
pub struct Facility {
    /// The line of its row (CSV: line in the file; XLSX: row; GeoJSON: feature number, 1-based).
    pub line: usize,
    /// Its id: the id column's value, else the row's number (`"12"`; a MultiPoint's members
    /// `"12.2"`).
    pub id: String,
    /// Its name ("" without a name column).
    pub name: String,
    /// Its category ("" without a category column).
    pub category: String,
    /// Its capacity (places), when given.
    pub capacity: Option<f64>,
    /// Coordinates in the map's CRS.
    pub x: f64,
    /// Coordinates in the map's CRS.
    pub y: f64,
    /// The values of the summed columns ([`PointLayer::sums`]); `None`: withheld or not given.
    pub values: Vec<Option<f64>>,
}

/// A point layer read and placed in the map's CRS.
#[derive(Clone, Debug, PartialEq)]
pub struct PointLayer {
    /// File name.
    pub file: String,
    /// The layer's name ("Kitas").
    pub label: String,
    /// The settings actually used (detected columns and CRS filled in).
    pub settings: PointSettings,
    /// The CRS of the file's coordinates.
    pub source_crs: Crs,
    /// The points with coordinates, in file order.
    pub points: Vec<Facility>,
    /// The categories in first-seen order (empty without a category column).
    pub categories: Vec<String>,
    /// The columns summed per unit.
    pub sums: Vec<String>,
    /// What was interpreted or left out (rows without coordinates by line, swapped columns …).
    pub warnings: Vec<Warning>,
}

/// A point file that cannot be used, with where and why.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "kind")]
pub enum PointsError {
    /// The file cannot be read at all (encoding, JSON, zip, workbook …).
    Ingest(IngestError),
    /// No coordinate columns found or chosen.
    NoCoordinates {
        /// File name.
        file: String,
        /// The columns that exist.
        columns: Vec<String>,
    },
    /// A chosen column does not exist.
    NoSuchColumn {
        /// File name.
        file: String,
        /// The column asked for.
        name: String,
        /// The columns that exist.
        columns: Vec<String>,
    },
    /// A coordinate cell that is not a number.
    BadCoordinate {
        /// File name.
        file: String,
        /// 1-based line (feature number for GeoJSON).
        line: usize,
        /// The column (`geometry` for a GeoJSON feature).
        column: String,
        /// The cell as written.
        value: String,
        /// How many such cells the file has.
        count: usize,
    },
    /// The file holds no points (GeoJSON of polygons, a table without rows …).
    NoPoints {
        /// File name.
        file: String,
        /// What was found instead.
        found: String,
    },
    /// The coordinates fit no supported CRS.
    UnknownCrs {
        /// File name.
        file: String,
        /// Their bounding box.
        bbox: [f64; 4],
    },
    /// The map has no CRS (a table without a map): points cannot be placed.
    NoMapCrs {
        /// File name.
        file: String,
    },
    /// A header line the grid reader cannot use.
    GridHeader {
        /// File name.
        file: String,
        /// What is missing.
        detail: String,
    },
}

impl From<IngestError> for PointsError {
    fn from(e: IngestError) -> Self {
        PointsError::Ingest(e)
    }
}

impl PointsError {
    /// The message in `lang`: what is wrong, where, and what to do.
    pub fn message(&self, lang: Lang) -> String {
        use PointsError::*;
        let de = lang == Lang::De;
        match self {
            Ingest(e) => e.message(lang),
            NoCoordinates { file, columns } if de => format!(
                "{file}: keine Koordinatenspalten gefunden (gesucht: x/y, Rechtswert/Hochwert, lat/lon, Breite/Länge, x_mp_100m/y_mp_100m). Spalten: {}. Wählen Sie die Spalten unter „Koordinaten“.",
                columns.join(", ")
            ),
            NoCoordinates { file, columns } => format!(
                "{file}: no coordinate columns found (looked for x/y, Rechtswert/Hochwert, lat/lon, Breite/Länge, x_mp_100m/y_mp_100m). Columns: {}. Choose them under \"Coordinates\".",
                columns.join(", ")
            ),
            NoSuchColumn { file, name, columns } if de => format!(
                "{file}: Spalte „{name}“ gibt es nicht. Spalten: {}.",
                columns.join(", ")
            ),
            NoSuchColumn { file, name, columns } => format!(
                "{file}: there is no column \"{name}\". Columns: {}.",
                columns.join(", ")
            ),
            // GeoJSON: the feature's number and its geometry.
            BadCoordinate { file, line, column, value, count } if de && column == "geometry" => format!(
                "{file}, Objekt Nr. {line}: Koordinate „{value}“ ist keine Zahl ({count} solche Punkte). Korrigieren Sie die Geometrie; die Karte bleibt, wie sie war."
            ),
            BadCoordinate { file, line, column, value, count } if column == "geometry" => format!(
                "{file}, feature no. {line}: coordinate \"{value}\" is no number ({count} such points). Correct the geometry; the map stays as it was."
            ),
            BadCoordinate { file, line, column, value, count } if de => format!(
                "{file}, Zeile {line}, Spalte „{column}“: „{value}“ ist keine Koordinate ({count} solche Zellen). Korrigieren Sie die Zellen oder wählen Sie andere Spalten; die Karte bleibt, wie sie war."
            ),
            BadCoordinate { file, line, column, value, count } => format!(
                "{file}, line {line}, column \"{column}\": \"{value}\" is no coordinate ({count} such cells). Correct the cells or choose other columns; the map stays as it was."
            ),
            NoPoints { file, found } if de => format!(
                "{file} enthält keine Punkte ({found}). Erwartet: eine Tabelle mit Koordinatenspalten oder GeoJSON mit Point/MultiPoint."
            ),
            NoPoints { file, found } => format!(
                "{file} holds no points ({found}). Expected: a table with coordinate columns or GeoJSON with Point/MultiPoint."
            ),
            UnknownCrs { file, bbox } if de => format!(
                "{file}: die Koordinaten ({:.1} … {:.1}, {:.1} … {:.1}) passen zu keinem unterstützten Koordinatensystem. Wählen Sie das System (EPSG) oder prüfen Sie die Spalten.",
                bbox[0], bbox[2], bbox[1], bbox[3]
            ),
            UnknownCrs { file, bbox } => format!(
                "{file}: the coordinates ({:.1} … {:.1}, {:.1} … {:.1}) fit no supported coordinate system. Choose the system (EPSG) or check the columns.",
                bbox[0], bbox[2], bbox[1], bbox[3]
            ),
            NoMapCrs { file } if de => format!(
                "{file}: Punkte brauchen eine Karte mit Koordinatensystem; laden Sie zuerst die Karte."
            ),
            NoMapCrs { file } => {
                format!("{file}: points need a map with a coordinate system; load the map first.")
            }
            GridHeader { file, detail } if de => format!("{file}: Kopfzeile unbrauchbar: {detail}."),
            GridHeader { file, detail } => format!("{file}: unusable header line: {detail}."),
        }
    }
}

impl std::fmt::Display for PointsError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(Lang::De))
    }
}

impl std::error::Error for PointsError {}

/// A column name folded for matching: lower case, umlauts spelled out, only letters and digits.
pub(crate) fn fold(name: &str) -> String {
    let mut out = String::new();
    for c in name.trim().to_lowercase().chars() {
        match c {
            'ä' => out.push_str("ae"),
            'ö' => out.push_str("oe"),
            'ü' => out.push_str("ue"),
            'ß' => out.push_str("ss"),
            c if c.is_alphanumeric() => out.push(c),
            _ => {}
        }
    }
    out
}

/// A slug for column stems: lower case ASCII letters and digits joined by `_` ("Kita-Plätze" →
/// `kita_plaetze`).
pub fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.trim().to_lowercase().chars() {
        let piece = match c {
            'ä' => "ae".to_string(),
            'ö' => "oe".to_string(),
            'ü' => "ue".to_string(),
            'ß' => "ss".to_string(),
            c if c.is_ascii_alphanumeric() => c.to_string(),
            _ => "_".to_string(),
        };
        if piece == "_" && (out.is_empty() || out.ends_with('_')) {
            continue;
        }
        out.push_str(&piece);
    }
    let out = out.trim_end_matches('_').to_string();
    if out.is_empty() {
        "punkte".to_string()
    } else {
        out
    }
}

/// A layer placed on the map: where each point lies, what each unit gets, the columns it
/// added to the atlas.
#[derive(Clone, Debug, PartialEq)]
pub struct Placed {
    /// The layer.
    pub layer: PointLayer,
    /// Each point's unit (`None`: outside the map).
    pub unit: Vec<Option<usize>>,
    /// Counts, places, categories and sums per unit.
    pub tally: assign::Tally,
    /// The column stems added to the atlas.
    pub columns: supply::LayerColumns,
}

impl Placed {
    /// The message on points outside the map (`None` when all lie on it): how many, and the
    /// first ones by line and id.
    pub fn outside_message(&self, lang: Lang) -> Option<String> {
        let out = &self.tally.outside;
        if out.is_empty() {
            return None;
        }
        let list: Vec<String> = out
            .iter()
            .map(|&i| {
                let p = &self.layer.points[i];
                match (p.name.is_empty(), lang) {
                    (true, Lang::De) => format!("Zeile {}", p.line),
                    (true, Lang::En) => format!("line {}", p.line),
                    (false, Lang::De) => format!("Zeile {} ({})", p.line, p.name),
                    (false, Lang::En) => format!("line {} ({})", p.line, p.name),
                }
            })
            .collect();
        let list = crate::ingest::geojson::list_labels(&list);
        let (n, total, file) = (out.len(), self.layer.points.len(), &self.layer.file);
        Some(match lang {
            Lang::De => format!("{file}: {n} von {total} Punkten liegen außerhalb der Karte (nicht gezählt, nicht gezeichnet): {list}"),
            Lang::En => format!("{file}: {n} of {total} points lie outside the map (not counted, not drawn): {list}"),
        })
    }
}

/// Where points of this map go: its CRS and bounding box (`None` without a CRS or geometry).
pub fn target(units: &crate::model::Units) -> Option<read::Target> {
    use geo::BoundingRect;
    let crs = units.crs?;
    let b = units
        .geometry
        .iter()
        .filter_map(|g| g.bounding_rect())
        .fold(None::<[f64; 4]>, |acc, r| {
            let (a, b) = (r.min(), r.max());
            Some(match acc {
                None => [a.x, a.y, b.x, b.y],
                Some(c) => [c[0].min(a.x), c[1].min(a.y), c[2].max(b.x), c[3].max(b.y)],
            })
        })?;
    Some(read::Target { crs, bbox: b })
}

/// Places a layer on the atlas's units (indexed by `index`): assignment, tally, and the columns
/// and indicators it adds (with the coverage share within `within` metres when given).
pub fn place(
    atlas: &mut crate::model::Atlas,
    index: &crate::map::index::HitIndex,
    layer: PointLayer,
    within: Option<f64>,
) -> Placed {
    let unit = assign::assign(&atlas.units.geometry, index, &layer);
    let tally = assign::tally(&layer, &unit, atlas.units.len());
    let columns = supply::add_layer(atlas, &layer, &tally, within);
    Placed {
        layer,
        unit,
        tally,
        columns,
    }
}

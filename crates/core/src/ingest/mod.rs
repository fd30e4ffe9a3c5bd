//! Reading what planners have: GeoJSON (any German CRS), CSV as German Excel writes it, and the
//! join of both.
//!
//! Every reader returns a typed [`IngestError`] for input it cannot use, carrying the file name
//! and the position (line, column, feature index) and the offending text, with a German and an
//! English message ([`IngestError::message`]). Input it can use but had to interpret comes with
//! [`Warning`]s, which the app and `sozialatlas inspect` show. Nothing is dropped silently.

pub mod assemble;
pub mod crs;
pub mod csv;
pub mod geojson;
mod geojson_typed;
pub mod inspect;
pub mod join;
pub mod load;
pub mod long;
pub mod numbers;
pub mod properties;
pub mod repair;
pub mod shapefile;
pub mod text;
pub mod texts;
pub mod unzip;
pub mod workbook;
pub mod xlsx;

use crate::locale::Lang;
use serde::{Deserialize, Serialize};
use std::fmt;

/// What is wrong with a feature's coordinates.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub enum CoordinateProblem {
    /// A part that must be a list (ring, polygon, multipolygon) is not one.
    NotAList(GeometryPart),
    /// A point that is not two finite numbers, as written in the file.
    NotACoordinate(String),
}

/// The parts of a GeoJSON geometry.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub enum GeometryPart {
    /// A ring of points.
    Ring,
    /// A polygon (list of rings).
    Polygon,
    /// A multipolygon (list of polygons).
    MultiPolygon,
}

impl CoordinateProblem {
    /// The description in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        let part = |p: &GeometryPart| match p {
            GeometryPart::Ring => "Ring",
            GeometryPart::Polygon => "Polygon",
            GeometryPart::MultiPolygon => "MultiPolygon",
        };
        match (self, lang) {
            (CoordinateProblem::NotAList(p), Lang::De) => format!("{} ist keine Liste", part(p)),
            (CoordinateProblem::NotAList(p), Lang::En) => {
                format!("{} is not a list", part(p).to_lowercase())
            }
            (CoordinateProblem::NotACoordinate(v), Lang::De) => {
                format!("Punkt {v} ist keine Koordinate")
            }
            (CoordinateProblem::NotACoordinate(v), Lang::En) => {
                format!("point {v} is not a coordinate")
            }
        }
    }
}

/// What is wrong with a zipped Shapefile.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub enum ShapefileProblem {
    /// The bytes are no zip archive (the zip reader's words).
    NotZip(String),
    /// There is no `.shp` member; the members found.
    NoShp(Vec<String>),
    /// The `.dbf` beside this `.shp` is missing.
    NoDbf(String),
    /// The `.shp`/`.shx` cannot be read (the Shapefile reader's words).
    Shp(String),
    /// The `.dbf` cannot be read (the dBase reader's words).
    Dbf(String),
    /// One feature cannot be read: its 1-based number and the reader's words.
    Feature(usize, String),
    /// A feature (1-based number) has a coordinate that is no finite number (NaN, infinite).
    NotFinite(usize),
}

impl ShapefileProblem {
    /// The description in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        use ShapefileProblem::*;
        match (self, lang) {
            (NotZip(e), Lang::De) => format!("kein gültiges ZIP ({e})"),
            (NotZip(e), Lang::En) => format!("not a valid ZIP ({e})"),
            (NoShp(found), Lang::De) => {
                format!("keine .shp-Datei im ZIP (enthalten: {})", found.join(", "))
            }
            (NoShp(found), Lang::En) => {
                format!("no .shp file in the ZIP (it holds: {})", found.join(", "))
            }
            (NoDbf(shp), Lang::De) => format!("{shp} fehlt die .dbf-Datei mit den Merkmalen"),
            (NoDbf(shp), Lang::En) => {
                format!("{shp} lacks its .dbf file with the attributes")
            }
            (Shp(e), _) => format!(".shp: {e}"),
            (Dbf(e), _) => format!(".dbf: {e}"),
            (Feature(n, e), Lang::De) => format!("Objekt Nr. {n}: {e}"),
            (Feature(n, e), Lang::En) => format!("feature no. {n}: {e}"),
            (NotFinite(n), Lang::De) => format!(
                "Objekt Nr. {n} hat eine Koordinate, die keine Zahl ist (NaN oder unendlich); bitte die Geometrie im GIS prüfen und reparieren"
            ),
            (NotFinite(n), Lang::En) => format!(
                "feature no. {n} has a coordinate that is no number (NaN or infinite); please check and repair the geometry in a GIS"
            ),
        }
    }
}

/// Input that cannot be used, with where and why.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "kind")]
pub enum IngestError {
    /// The file has no content.
    Empty {
        /// File name.
        file: String,
    },
    /// The file is not valid JSON.
    Json {
        /// File name.
        file: String,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// The parser's description.
        detail: String,
    },
    /// The JSON is not a GeoJSON FeatureCollection or Feature.
    NotGeoJson {
        /// File name.
        file: String,
        /// What was found instead.
        found: String,
    },
    /// The file contains no polygons (only points, lines, or nothing).
    NoAreas {
        /// File name.
        file: String,
        /// Geometry types found, e.g. "Point (12)".
        found: String,
    },
    /// A feature's coordinates cannot be read.
    BadCoordinates {
        /// File name.
        file: String,
        /// 0-based feature index.
        feature: usize,
        /// What is wrong.
        detail: CoordinateProblem,
    },
    /// The declared coordinate reference system is not supported.
    UnsupportedCrs {
        /// File name.
        file: String,
        /// The CRS as written in the file.
        name: String,
    },
    /// Coordinates fit no supported German CRS.
    UnknownCrs {
        /// File name.
        file: String,
        /// Bounding box of the coordinates.
        bbox: [f64; 4],
    },
    /// Reprojection failed for a coordinate.
    Reprojection {
        /// File name.
        file: String,
        /// 0-based feature index.
        feature: usize,
        /// The projection library's message.
        detail: String,
    },
    /// No header row with at least two columns was found.
    NoTable {
        /// File name.
        file: String,
    },
    /// A row has a different number of fields than the header.
    RaggedRow {
        /// File name.
        file: String,
        /// 1-based line in the file.
        line: usize,
        /// Number of header columns.
        expected: usize,
        /// Number of fields in this row.
        found: usize,
    },
    /// A column name occurs twice in the header.
    DuplicateColumn {
        /// File name.
        file: String,
        /// The repeated name.
        name: String,
    },
    /// Two rows of a long table give the same cell.
    DuplicateCell {
        /// File name.
        file: String,
        /// The area key.
        key: String,
        /// The wide column (`{indicator}_{year}`).
        column: String,
        /// Lines of both rows.
        lines: (usize, usize),
    },
    /// No table column matches the map's keys.
    NoKeyMatch {
        /// Map file.
        geo_file: String,
        /// Table file.
        table_file: String,
    },
    /// The map has no property that can serve as a unique key.
    NoKey {
        /// Map file.
        file: String,
    },
    /// A zipped Shapefile is incomplete or damaged.
    Shapefile {
        /// File name.
        file: String,
        /// What is wrong.
        detail: ShapefileProblem,
    },
    /// A member of a zip cannot be unpacked (a damaged archive).
    Unpack {
        /// File name.
        file: String,
        /// The member.
        part: String,
        /// What the zip reader says.
        error: String,
    },
    /// An Excel workbook cannot be opened.
    Workbook {
        /// File name.
        file: String,
        /// What is wrong (the reader's description).
        detail: workbook::WorkbookError,
    },
    /// The named sheet does not exist.
    NoSuchSheet {
        /// File name.
        file: String,
        /// The requested sheet.
        name: String,
        /// The sheets that exist.
        available: Vec<String>,
    },
    /// The file type cannot be read (yet).
    UnsupportedFormat {
        /// File name.
        file: String,
    },
    /// The key column does not exist.
    NoSuchColumn {
        /// File name.
        file: String,
        /// The requested column.
        name: String,
        /// The columns that exist.
        available: Vec<String>,
    },
    /// The bytes are no text (an image, an archive, binary data renamed to `.csv`).
    NotText {
        /// File name.
        file: String,
        /// What it looks like (German).
        kind_de: String,
        /// What it looks like (English).
        kind_en: String,
    },
    /// The map has polygons, but none with an area.
    NoUsableArea {
        /// File name.
        file: String,
        /// Number of features.
        features: usize,
    },
    /// A part of a zip (Shapefile member, XLSX part) would unpack to more than Sozialatlas
    /// reads (a damaged file or a zip bomb).
    TooLargePart {
        /// File name.
        file: String,
        /// The part inside the zip.
        part: String,
        /// Its size unpacked (as declared, or as far as it was read), bytes.
        size: u64,
        /// The limit, bytes.
        limit: u64,
    },
    /// A table with more columns than Sozialatlas reads.
    TooManyColumns {
        /// File name.
        file: String,
        /// Columns found.
        found: usize,
        /// The limit.
        max: usize,
    },
    /// The keys of map and table match only loosely (dropped letters, prefixes, leading
    /// zeros) and for too few areas or rows to be a join.
    WeakKeyMatch(Box<WeakKey>),
}

/// A loose key match too weak to be a join ([`IngestError::WeakKeyMatch`]).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct WeakKey {
    /// Map file.
    pub geo_file: String,
    /// Table file.
    pub table_file: String,
    /// Map property.
    pub geo_key: String,
    /// Table column.
    pub table_key: String,
    /// Map units matched.
    pub matched: usize,
    /// Map units.
    pub units: usize,
    /// Table rows.
    pub rows: usize,
    /// An example pair (map key, table key).
    pub example: (String, String),
}

impl IngestError {
    /// The message for a user, in German or English, naming the file, the position and what to do.
    pub fn message(&self, lang: Lang) -> String {
        use IngestError::*;
        match (self, lang) {
            (Empty { file }, Lang::De) => format!("{file}: Die Datei ist leer. Bitte die richtige Datei wählen."),
            (Empty { file }, Lang::En) => format!("{file}: the file is empty. Please choose the right file."),
            (Json { file, line, column, detail }, Lang::De) => format!(
                "{file}, Zeile {line}, Spalte {column}: kein gültiges JSON ({detail}). Ist die Datei vollständig heruntergeladen? Im GIS erneut als GeoJSON exportieren."
            ),
            (Json { file, line, column, detail }, Lang::En) => format!(
                "{file}, line {line}, column {column}: not valid JSON ({detail}). Was the file downloaded completely? Export it again as GeoJSON from the GIS."
            ),
            (NotGeoJson { file, found }, Lang::De) => format!(
                "{file}: keine GeoJSON-Gebietsdatei (gefunden: {found}). Erwartet wird eine FeatureCollection mit Polygonen."
            ),
            (NotGeoJson { file, found }, Lang::En) => format!(
                "{file}: not a GeoJSON area file (found: {found}). A FeatureCollection of polygons is expected."
            ),
            (NoAreas { file, found }, Lang::De) => format!(
                "{file}: enthält keine Flächen, nur {found}. Für Karten der Gebiete werden Polygone gebraucht (z. B. Stadtteil- oder Bezirksgrenzen)."
            ),
            (NoAreas { file, found }, Lang::En) => format!(
                "{file}: contains no areas, only {found}. Maps of areas need polygons (e.g. district boundaries)."
            ),
            (BadCoordinates { file, feature, detail }, Lang::De) => format!(
                "{file}, Objekt Nr. {}: Koordinaten nicht lesbar ({}).", feature + 1, detail.text(lang)
            ),
            (BadCoordinates { file, feature, detail }, Lang::En) => format!(
                "{file}, feature no. {}: coordinates cannot be read ({}).", feature + 1, detail.text(lang)
            ),
            (UnsupportedCrs { file, name }, Lang::De) => format!(
                "{file}: Koordinatensystem „{name}“ wird nicht unterstützt. Bitte im GIS nach EPSG:25832, EPSG:25833 oder EPSG:4326 exportieren."
            ),
            (UnsupportedCrs { file, name }, Lang::En) => format!(
                "{file}: coordinate system \"{name}\" is not supported. Please export to EPSG:25832, EPSG:25833 or EPSG:4326 from the GIS."
            ),
            (UnknownCrs { file, bbox }, Lang::De) => format!(
                "{file}: Die Koordinaten ({:.0} {:.0} bis {:.0} {:.0}) passen zu keinem deutschen Koordinatensystem. Bitte das System angeben oder nach EPSG:4326 exportieren.",
                bbox[0], bbox[1], bbox[2], bbox[3]
            ),
            (UnknownCrs { file, bbox }, Lang::En) => format!(
                "{file}: the coordinates ({:.0} {:.0} to {:.0} {:.0}) fit no German coordinate system. Please state the system or export to EPSG:4326.",
                bbox[0], bbox[1], bbox[2], bbox[3]
            ),
            (Reprojection { file, feature, detail }, Lang::De) => format!(
                "{file}, Objekt Nr. {}: Umrechnung der Koordinaten fehlgeschlagen ({detail}). Stimmt das Koordinatensystem?", feature + 1
            ),
            (Reprojection { file, feature, detail }, Lang::En) => format!(
                "{file}, feature no. {}: reprojection failed ({detail}). Is the coordinate system right?", feature + 1
            ),
            (NoTable { file }, Lang::De) => format!(
                "{file}: keine Tabelle gefunden (keine Kopfzeile mit mindestens zwei Spalten). Bitte in Excel als „CSV (Trennzeichen-getrennt)“ speichern."
            ),
            (NoTable { file }, Lang::En) => format!(
                "{file}: no table found (no header row with at least two columns). Please save as CSV from the spreadsheet program."
            ),
            (RaggedRow { file, line, expected, found }, Lang::De) => format!(
                "{file}, Zeile {line}: {found} Felder statt {expected} wie in der Kopfzeile. Enthält ein Wert das Trennzeichen ohne Anführungszeichen?"
            ),
            (RaggedRow { file, line, expected, found }, Lang::En) => format!(
                "{file}, line {line}: {found} fields instead of {expected} as in the header. Does a value contain the separator without quotes?"
            ),
            (DuplicateColumn { file, name }, Lang::De) => format!(
                "{file}: Die Spalte „{name}“ kommt in der Kopfzeile zweimal vor. Bitte eine umbenennen."
            ),
            (DuplicateColumn { file, name }, Lang::En) => format!(
                "{file}: the column \"{name}\" occurs twice in the header. Please rename one."
            ),
            (DuplicateCell { file, key, column, lines }, Lang::De) => format!(
                "{file}, Zeilen {} und {}: zwei Werte für Gebiet „{key}“ in „{column}“. Bitte die doppelte Zeile entfernen.", lines.0, lines.1
            ),
            (DuplicateCell { file, key, column, lines }, Lang::En) => format!(
                "{file}, lines {} and {}: two values for area \"{key}\" in \"{column}\". Please remove the duplicate row.", lines.0, lines.1
            ),
            (NoKeyMatch { geo_file, table_file }, Lang::De) => format!(
                "{table_file}: Keine Spalte passt zu den Gebieten in {geo_file}. Bitte die Schlüsselspalte angeben (z. B. Gebietsnummer in beiden Dateien)."
            ),
            (NoKeyMatch { geo_file, table_file }, Lang::En) => format!(
                "{table_file}: no column matches the areas in {geo_file}. Please name the key column (e.g. the area number in both files)."
            ),
            (NoKey { file }, Lang::De) => format!(
                "{file}: Kein Merkmal ist für jedes Gebiet eindeutig; ein Schlüssel (z. B. Gebietsnummer) wird gebraucht."
            ),
            (NoKey { file }, Lang::En) => format!(
                "{file}: no property is unique for every area; a key (e.g. an area number) is needed."
            ),
            (Shapefile { file, detail }, Lang::De) => format!(
                "{file}: Shapefile nicht lesbar: {}. Bitte alle Teile (.shp, .shx, .dbf, .prj) zusammen in ein ZIP packen.", detail.text(lang)
            ),
            (Shapefile { file, detail }, Lang::En) => format!(
                "{file}: Shapefile cannot be read: {}. Please put all parts (.shp, .shx, .dbf, .prj) together in one ZIP.", detail.text(lang)
            ),
            (Unpack { file, part, error }, Lang::De) => format!(
                "{file}: Der Teil „{part}“ lässt sich nicht entpacken ({error}). Die Datei ist beschädigt; bitte neu exportieren."
            ),
            (Unpack { file, part, error }, Lang::En) => format!(
                "{file}: the part “{part}” cannot be unpacked ({error}). The file is damaged; please export it again."
            ),
            (Workbook { file, detail }, Lang::De) => format!(
                "{file}: Die Excel-Datei lässt sich nicht öffnen ({}). Ist sie beschädigt oder ein altes .xls? Bitte in Excel als .xlsx oder CSV speichern.", detail.text(Lang::De)
            ),
            (Workbook { file, detail }, Lang::En) => format!(
                "{file}: the Excel file cannot be opened ({}). Is it damaged or an old .xls? Please save it as .xlsx or CSV.", detail.text(Lang::En)
            ),
            (NoSuchSheet { file, name, available }, Lang::De) => format!(
                "{file}: Es gibt kein Tabellenblatt „{name}“. Vorhanden: {}.", available.join(", ")
            ),
            (NoSuchSheet { file, name, available }, Lang::En) => format!(
                "{file}: there is no sheet \"{name}\". Available: {}.", available.join(", ")
            ),
            (UnsupportedFormat { file }, Lang::De) => format!(
                "{file}: Dieses Dateiformat wird (noch) nicht gelesen. Karten bitte als GeoJSON, Tabellen als CSV speichern."
            ),
            (UnsupportedFormat { file }, Lang::En) => format!(
                "{file}: this file format cannot be read (yet). Please save maps as GeoJSON and tables as CSV."
            ),
            (NoSuchColumn { file, name, available }, Lang::De) => format!(
                "{file}: Es gibt keine Spalte „{name}“. Vorhanden: {}.", available.join(", ")
            ),
            (NoSuchColumn { file, name, available }, Lang::En) => format!(
                "{file}: there is no column \"{name}\". Available: {}.", available.join(", ")
            ),
            (NotText { file, kind_de, .. }, Lang::De) => format!(
                "{file}: kein Text, sieht aus wie {kind_de}. Bitte die richtige Datei wählen: Karten als GeoJSON oder gezipptes Shapefile, Tabellen als CSV (Trennzeichen-getrennt) oder .xlsx."
            ),
            (NotText { file, kind_en, .. }, Lang::En) => format!(
                "{file}: not text, looks like {kind_en}. Please choose the right file: maps as GeoJSON or zipped Shapefile, tables as CSV or .xlsx."
            ),
            (NoUsableArea { file, features }, Lang::De) => format!(
                "{file}: Keines der {features} Polygone hat eine Fläche (alle Punkte liegen auf einer Linie oder aufeinander). Die bisherige Karte bleibt; bitte die Datei im GIS prüfen."
            ),
            (NoUsableArea { file, features }, Lang::En) => format!(
                "{file}: none of the {features} polygons has an area (all points lie on a line or on each other). The previous map stays; please check the file in a GIS."
            ),
            (TooLargePart { file, part, size, limit }, Lang::De) => format!(
                "{file}: Der Teil „{part}“ wäre entpackt mindestens {} MB groß (gelesen werden höchstens {} MB). Die Datei ist beschädigt oder keine echte Datei dieser Art; bitte neu exportieren.",
                size / 1_000_000, limit / 1_000_000
            ),
            (TooLargePart { file, part, size, limit }, Lang::En) => format!(
                "{file}: the part \"{part}\" would unpack to at least {} MB (at most {} MB are read). The file is damaged or not a real file of its kind; please export it again.",
                size / 1_000_000, limit / 1_000_000
            ),
            (TooManyColumns { file, found, max }, Lang::De) => format!(
                "{file}: {found} Spalten, gelesen werden höchstens {max}. Ist die Tabelle gedreht (Gebiete als Spalten)? Bitte eine Zeile je Gebiet speichern."
            ),
            (TooManyColumns { file, found, max }, Lang::En) => format!(
                "{file}: {found} columns, at most {max} are read. Is the table transposed (areas as columns)? Please save one row per area."
            ),
            (WeakKeyMatch(w), Lang::De) => format!(
                "{}: Die Schlüssel „{}“ passen nur ungefähr zu „{}“ in {} (z. B. „{}“ ≈ „{}“) und nur für {} von {} Gebieten bzw. {} Tabellenzeilen. Das ist keine Verknüpfung; bitte die Schlüsselspalte angeben oder die Schlüssel in der Tabelle berichtigen.",
                w.table_file, w.table_key, w.geo_key, w.geo_file, w.example.1, w.example.0, w.matched, w.units, w.rows
            ),
            (WeakKeyMatch(w), Lang::En) => format!(
                "{}: the keys \"{}\" match \"{}\" in {} only loosely (e.g. \"{}\" ≈ \"{}\") and only for {} of {} areas or {} table rows. That is no join; please name the key column or correct the keys in the table.",
                w.table_file, w.table_key, w.geo_key, w.geo_file, w.example.1, w.example.0, w.matched, w.units, w.rows
            ),
        }
    }
}

impl fmt::Display for IngestError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::De))
    }
}

impl std::error::Error for IngestError {}

/// Something the reader interpreted or left out, to be shown to the user.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Warning {
    /// File name.
    pub file: String,
    /// German text.
    pub de: String,
    /// English text.
    pub en: String,
}

impl Warning {
    /// A warning with both texts.
    pub fn new(file: &str, de: String, en: String) -> Warning {
        Warning {
            file: file.to_string(),
            de,
            en,
        }
    }

    /// The text in `lang`, prefixed with the file name.
    pub fn message(&self, lang: Lang) -> String {
        format!("{}: {}", self.file, lang.pick(&self.de, &self.en))
    }
}

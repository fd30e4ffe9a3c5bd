//! The data model: units (base polygons with keys and names), a table whose rows are aligned with
//! the units, indicator metadata, and the [`Atlas`] that holds them together after ingest.
//!
//! Units are addressed by dense indices ([`UnitIdx`]); keys and names live in one lookup table
//! ([`Units`]). Missing values are explicit `None`, never zero.

use geo::MultiPolygon;
use serde::{Deserialize, Serialize};
use std::fmt;

/// Dense index of a unit after ingest (0..n).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct UnitIdx(pub u32);

impl UnitIdx {
    /// The index as `usize`, for slicing.
    pub fn get(self) -> usize {
        self.0 as usize
    }
}

impl fmt::Display for UnitIdx {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unit#{}", self.0)
    }
}

/// A coordinate reference system, identified by its EPSG code.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Crs {
    /// The EPSG code, e.g. 25832 for ETRS89 / UTM zone 32N.
    pub epsg: u32,
}

impl Crs {
    /// ETRS89 / UTM zone 32N, the usual CRS in western Germany (NRW, Schleswig-Holstein).
    pub const UTM32: Crs = Crs { epsg: 25832 };
    /// ETRS89 / UTM zone 33N (Berlin, eastern Germany).
    pub const UTM33: Crs = Crs { epsg: 25833 };
    /// WGS 84 longitude/latitude.
    pub const WGS84: Crs = Crs { epsg: 4326 };
}

impl fmt::Display for Crs {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "EPSG:{}", self.epsg)
    }
}

/// The base polygons of a loaded map.
///
/// All vectors have the same length; index `i` is [`UnitIdx`]`(i)`. Geometry is kept in a planar,
/// metric CRS (`crs`) so that areas, lengths and topology are meaningful.
#[derive(Clone, Debug, Default)]
pub struct Units {
    /// Unique key of each unit, kept as text (leading zeros matter).
    pub keys: Vec<String>,
    /// Display name of each unit.
    pub names: Vec<String>,
    /// Polygon geometry of each unit, in `crs` (planar, metres).
    pub geometry: Vec<MultiPolygon<f64>>,
    /// The planar CRS of `geometry`.
    pub crs: Option<Crs>,
}

impl Units {
    /// Number of units.
    pub fn len(&self) -> usize {
        self.keys.len()
    }

    /// True when there are no units.
    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    /// Units of a table without a map: keys as names, no geometry.
    pub fn without_geometry(keys: Vec<String>) -> Units {
        Units {
            names: keys.clone(),
            geometry: vec![MultiPolygon(vec![]); keys.len()],
            keys,
            crs: None,
        }
    }

    /// The index of the unit with this key, if any.
    pub fn find(&self, key: &str) -> Option<UnitIdx> {
        self.keys
            .iter()
            .position(|k| k == key)
            .map(|i| UnitIdx(i as u32))
    }
}

/// The values of one table column, one entry per unit.
#[derive(Clone, Debug, PartialEq)]
pub enum ColumnValues {
    /// Numbers; `None` is a missing value.
    Number(Vec<Option<f64>>),
    /// Text; `None` is a missing value.
    Text(Vec<Option<String>>),
}

/// One column of a [`Table`].
#[derive(Clone, Debug, PartialEq)]
pub struct Column {
    /// The column's name as in the source file.
    pub name: String,
    /// The values, aligned with the units.
    pub values: ColumnValues,
}

/// A table of attributes whose rows are aligned with [`Units`] (row `i` belongs to unit `i`).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Table {
    /// The columns in source order.
    pub columns: Vec<Column>,
}

impl Table {
    /// The column with this name.
    pub fn column(&self, name: &str) -> Option<&Column> {
        self.columns.iter().find(|c| c.name == name)
    }

    /// The numeric values of the column with this name, if it exists and is numeric.
    pub fn numbers(&self, name: &str) -> Option<&[Option<f64>]> {
        match &self.column(name)?.values {
            ColumnValues::Number(v) => Some(v),
            ColumnValues::Text(_) => None,
        }
    }
}

/// What a high value of an indicator means for the planning question.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Direction {
    // Serialised names are short: they travel in every link.
    /// High values mean social disadvantage (e.g. SGB II rate).
    #[serde(rename = "bad")]
    HighIsDisadvantage,
    /// High values mean advantage (e.g. employment rate).
    #[serde(rename = "good")]
    HighIsAdvantage,
    /// Descriptive only; not used in composite indices (e.g. share of people 65+).
    #[serde(rename = "neutral")]
    Neutral,
}

/// The statistical kind of an indicator, which decides how it aggregates.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum IndicatorKind {
    /// A count of persons or households; sums when areas are aggregated.
    Count,
    /// A share (numerator / denominator), shown in percent.
    Share,
    /// A rate per some base (e.g. per 1,000 inhabitants).
    Rate,
    /// A mean value (e.g. average age); aggregated population-weighted.
    Mean,
    /// A value per area (e.g. inhabitants per hectare); aggregated area-weighted.
    Density,
}

/// Metadata of an indicator: what to show and how to compute and aggregate it.
///
/// Column references are *stems*: with years, the column for year `y` is `"{stem}_{y}"`
/// (see [`Atlas::column_name`]).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct IndicatorSpec {
    /// Stable identifier (used in links and project files).
    pub id: String,
    /// Label shown in the UI.
    pub label: String,
    /// Unit shown after values, e.g. "%".
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub unit: String,
    /// Meaning of high values.
    pub direction: Direction,
    /// Statistical kind.
    pub kind: IndicatorKind,
    /// Column stem holding the value directly (used when there is no numerator/denominator).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    /// Column stem of the numerator (e.g. SGB II recipients).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub numerator: Option<String>,
    /// Column stem of the denominator (e.g. inhabitants under 65).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub denominator: Option<String>,
    /// Factor applied to numerator / denominator (100 for percent, 1000 for per mille).
    #[serde(default = "one", skip_serializing_if = "is_one")]
    pub scale: f64,
    /// Theme or dimension (e.g. "Arbeit", "Bildung"), for grouping in lists and reports.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub theme: String,
    /// Source of the data (e.g. "Bundesagentur für Arbeit").
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub source: String,
    /// Reference date of the data as the source states it (e.g. "31.12.2024").
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub date: String,
    /// A note on definition or caveats.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

fn one() -> f64 {
    1.0
}

fn is_one(x: &f64) -> bool {
    *x == 1.0
}

impl Default for IndicatorSpec {
    /// An indicator with no columns: every unit "no data".
    fn default() -> Self {
        IndicatorSpec {
            id: String::new(),
            label: String::new(),
            unit: String::new(),
            direction: Direction::Neutral,
            kind: IndicatorKind::Count,
            value: None,
            numerator: None,
            denominator: None,
            scale: 1.0,
            theme: String::new(),
            source: String::new(),
            date: String::new(),
            note: String::new(),
        }
    }
}

/// Splits a column name `name_2021` into (`name`, 2021): a four-digit year 1990..2100 after the
/// last underscore.
pub fn split_year(name: &str) -> Option<(&str, i32)> {
    let (stem, year) = name.rsplit_once('_')?;
    if year.len() != 4 || stem.is_empty() {
        return None;
    }
    let y: i32 = year.parse().ok()?;
    (1990..=2100).contains(&y).then_some((stem, y))
}

/// A loaded and joined data set: the units, their attribute table, the indicators and years.
#[derive(Clone, Debug, Default)]
pub struct Atlas {
    /// Name of the place, shown in titles ("Musterstadt").
    pub name: String,
    /// Source line for maps and exports.
    pub source: String,
    /// The base polygons.
    pub units: Units,
    /// Attributes aligned with the units.
    pub table: Table,
    /// Indicator metadata.
    pub indicators: Vec<IndicatorSpec>,
    /// Years with data, ascending. Empty when the columns carry no year suffix.
    pub years: Vec<i32>,
    /// Column stem of the population (inhabitants), if known.
    pub population: Option<String>,
}

impl Atlas {
    /// The column name for a stem in a year: `"{stem}_{year}"` when that column exists,
    /// otherwise the stem itself (a value without year).
    pub fn column_name(&self, stem: &str, year: i32) -> String {
        let with_year = format!("{stem}_{year}");
        if self.table.column(&with_year).is_some() {
            with_year
        } else {
            stem.to_string()
        }
    }

    /// The numeric column stems (year suffixes removed), in table order, for choosing numerator,
    /// denominator and population.
    pub fn numeric_stems(&self) -> Vec<String> {
        let mut out: Vec<String> = vec![];
        for c in &self.table.columns {
            if let ColumnValues::Number(_) = c.values {
                let stem = split_year(&c.name).map_or(c.name.as_str(), |(s, _)| s);
                if !out.iter().any(|o| o == stem) {
                    out.push(stem.to_string());
                }
            }
        }
        out
    }

    /// The years in which indicator `ind` has data (all atlas years for values without year).
    pub fn years_of(&self, ind: &IndicatorSpec) -> Vec<i32> {
        let stem = ind.numerator.as_ref().or(ind.value.as_ref());
        match stem {
            Some(s) if self.table.column(s).is_none() => self
                .years
                .iter()
                .copied()
                .filter(|y| self.table.column(&format!("{s}_{y}")).is_some())
                .collect(),
            _ => self.years.clone(),
        }
    }

    /// The numeric values of a column stem in a year, if that column exists and is numeric.
    pub fn numbers(&self, stem: &str, year: i32) -> Option<&[Option<f64>]> {
        self.table.numbers(&self.column_name(stem, year))
    }

    /// Population per unit in a year, if a population column is set.
    pub fn population(&self, year: i32) -> Option<&[Option<f64>]> {
        self.numbers(self.population.as_deref()?, year)
    }

    /// The value of indicator `ind` for every unit in `year`.
    ///
    /// With numerator and denominator: `scale * numerator / denominator`, missing when either is
    /// missing or the denominator is zero. Otherwise the value column. Missing columns give all
    /// `None`.
    pub fn indicator_values(&self, ind: &IndicatorSpec, year: i32) -> Vec<Option<f64>> {
        let n = self.units.len();
        if let (Some(num), Some(den)) = (&ind.numerator, &ind.denominator) {
            match (self.numbers(num, year), self.numbers(den, year)) {
                (Some(a), Some(b)) => a
                    .iter()
                    .zip(b)
                    .map(|(a, b)| match (a, b) {
                        (Some(a), Some(b)) if *b > 0.0 => Some(ind.scale * a / b),
                        _ => None,
                    })
                    .collect(),
                _ => vec![None; n],
            }
        } else if let Some(col) = &ind.value {
            self.numbers(col, year)
                .map(|v| v.to_vec())
                .unwrap_or_else(|| vec![None; n])
        } else {
            vec![None; n]
        }
    }
}

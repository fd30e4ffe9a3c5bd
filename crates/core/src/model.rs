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
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
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
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum ColumnValues {
    /// Numbers; `None` is a missing value.
    Number(Vec<Option<f64>>),
    /// Text; `None` is a missing value.
    Text(Vec<Option<String>>),
}

/// One column of a [`Table`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Column {
    /// The column's name as in the source file.
    pub name: String,
    /// The values, aligned with the units.
    pub values: ColumnValues,
}

/// A table of attributes whose rows are aligned with [`Units`] (row `i` belongs to unit `i`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
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

/// Splits a column name `name_2021` into (`name`, 2021): a period code after the last
/// underscore, a year 1990..2100 (`2021`), a month (`202406`) or a day (`20241231`); see
/// [`period_code`]. The atlas's "years" are such codes: one data set uses one kind.
pub fn split_year(name: &str) -> Option<(&str, i32)> {
    let (stem, code) = name.rsplit_once('_')?;
    if stem.is_empty() || !matches!(code.len(), 4 | 6 | 8) {
        return None;
    }
    let c = period_code(code)?;
    (c.to_string() == code).then_some((stem, c))
}

/// The period code of a year, month or day as statistics offices write it: `2024` -> 2024;
/// `2024-06`, `2024/06`, `06/2024`, `06.2024`, `202406` -> 202406; `2024-12-31`,
/// `31.12.2024`, `20241231` -> 20241231 (a valid date). Years 1990 to 2100. Codes of one kind
/// sort in time order.
pub fn period_code(text: &str) -> Option<i32> {
    let t = text.trim();
    // Years, months and days are written in ASCII digits and separators.
    if !t.is_ascii() {
        return None;
    }
    let num = |s: &str| -> Option<i32> {
        (!s.is_empty() && s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse().ok())
            .flatten()
    };
    let parts: Vec<&str> = t.split(['-', '/', '.']).collect();
    let (y, m, d) = match parts.as_slice() {
        [y] if y.len() == 4 => (num(y)?, None, None),
        [ym] if ym.len() == 6 => (num(&ym[..4])?, Some(num(&ym[4..])?), None),
        [ymd] if ymd.len() == 8 => (
            num(&ymd[..4])?,
            Some(num(&ymd[4..6])?),
            Some(num(&ymd[6..])?),
        ),
        [y, m] if y.len() == 4 && m.len() <= 2 => (num(y)?, Some(num(m)?), None),
        [m, y] if y.len() == 4 && m.len() <= 2 => (num(y)?, Some(num(m)?), None),
        [y, m, d] if y.len() == 4 && t.contains('-') => (num(y)?, Some(num(m)?), Some(num(d)?)),
        [d, m, y] if y.len() == 4 && t.contains('.') => (num(y)?, Some(num(m)?), Some(num(d)?)),
        _ => return None,
    };
    if !(1990..=2100).contains(&y) {
        return None;
    }
    match (m, d) {
        (None, _) => Some(y),
        (Some(m), None) if (1..=12).contains(&m) => Some(y * 100 + m),
        (Some(m), Some(d)) if (1..=12).contains(&m) && d >= 1 && d <= days_in(y, m) => {
            Some(y * 10_000 + m * 100 + d)
        }
        _ => None,
    }
}

fn days_in(y: i32, m: i32) -> i32 {
    match m {
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// A period code as a reader expects it: `2024`; a month `06/2024` (English `2024-06`); a day
/// `31.12.2024` (English `2024-12-31`).
pub fn period_label(code: i32, lang: crate::locale::Lang) -> String {
    use crate::locale::Lang::{De, En};
    match (code, lang) {
        (c, _) if c < 10_000 => c.to_string(),
        (c, De) if c < 1_000_000 => format!("{:02}/{}", c % 100, c / 100),
        (c, En) if c < 1_000_000 => format!("{}-{:02}", c / 100, c % 100),
        (c, De) => format!("{:02}.{:02}.{}", c % 100, c / 100 % 100, c / 10_000),
        (c, En) => format!("{}-{:02}-{:02}", c / 10_000, c / 100 % 100, c % 100),
    }
}

/// Where a period lies on a time axis, in years (`2024.5` for mid-2024): a chart of months or
/// days keeps their true distances.
pub fn period_position(code: i32) -> f64 {
    match code {
        c if c < 10_000 => c as f64,
        c if c < 1_000_000 => (c / 100) as f64 + ((c % 100) - 1) as f64 / 12.0,
        c => {
            let (y, m, d) = (c / 10_000, c / 100 % 100, c % 100);
            let before: i32 = (1..m).map(|k| days_in(y, k)).sum();
            let days = if days_in(y, 2) == 29 { 366.0 } else { 365.0 };
            y as f64 + (before + d - 1) as f64 / days
        }
    }
}

/// A loaded and joined data set: the units, their attribute table, the indicators and years.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::locale::Lang;

    #[test]
    fn periods_are_years_months_and_days() {
        assert_eq!(period_code("2024"), Some(2024));
        assert_eq!(period_code("2024-06"), Some(202406));
        assert_eq!(period_code("06/2024"), Some(202406));
        assert_eq!(period_code("06.2024"), Some(202406));
        assert_eq!(period_code("2024-12-31"), Some(20241231));
        assert_eq!(period_code("31.12.2024"), Some(20241231));
        assert_eq!(period_code("20240229"), Some(20240229));
        assert_eq!(period_code("2023-02-29"), None, "no leap day in 2023");
        assert_eq!(period_code("2024-13"), None);
        assert_eq!(period_code("1850"), None);
        assert_eq!(period_code("2021/22"), None);
        assert_eq!(period_code("202—"), None, "no panic on other characters");
        assert_eq!(split_year("alo_202406"), Some(("alo", 202406)));
        assert_eq!(split_year("alo_20241231"), Some(("alo", 20241231)));
        assert_eq!(split_year("plz_47805"), None);
        assert_eq!(split_year("x_123456"), None);
        assert_eq!(period_label(202406, Lang::De), "06/2024");
        assert_eq!(period_label(202406, Lang::En), "2024-06");
        assert_eq!(period_label(20241231, Lang::De), "31.12.2024");
        assert_eq!(period_label(2024, Lang::De), "2024");
        assert_eq!(period_position(202407), 2024.5);
        assert!(period_position(20241231) < 2025.0 && period_position(20240101) == 2024.0);
        assert!(period_position(20240630) < period_position(20240701));
    }
}

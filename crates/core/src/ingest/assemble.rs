//! From read files to an [`Atlas`]: the map's features become units, the table's rows are
//! joined to them by key, numeric columns become indicators with guessed metadata.
//!
//! - Years: columns named `{stem}_{year}` (a four-digit year 1990..2100) are grouped per stem;
//!   the atlas's years are the union, an indicator shows only the years it has.
//! - Metadata guesses (the user can change all of them): a column whose name says mean
//!   (`durchschnitt`, `alter`, `mittel`, `average`) is a mean, one that says density (`je ha`,
//!   `pro km²`, `dichte`) a density, one that says share (`anteil`, `quote`, `pct`, `%`,
//!   `rate`) or whose values all lie in 0..100 with decimals a share in % (the unit "%" only for
//!   shares), otherwise a count; running row numbers (`lfd`, `fid`, 1..n) and codes are no
//!   indicators; names that speak of SGB II, unemployment, poverty, transfer
//!   payments, single parents or homelessness mean "high is disadvantage", names of employment
//!   or income "high is advantage", all others neutral. A column named like inhabitants
//!   (`einwohner`, `bevoelkerung`, `ew`, `population`, `residents`) becomes the population.
//! - Map features without a table row keep their shape and get missing values.

use super::csv::RawTable;
use super::geojson::Layer;
use super::join::{self, JoinOptions, JoinReport};
use super::IngestError;
use crate::model::*;
use std::collections::BTreeMap;

pub use crate::model::split_year;

fn contains_any(name: &str, words: &[&str]) -> bool {
    let l = name.to_lowercase();
    words.iter().any(|w| l.contains(w))
}

/// Guesses the direction from the column name.
pub fn guess_direction(name: &str) -> Direction {
    if contains_any(
        name,
        &[
            "sgb",
            "arbeitslos",
            "armut",
            "transfer",
            "alleinerz",
            "wohnungslos",
            "obdach",
            "hilfe",
            "leistungsbez",
            "beneficiar",
            "unemploy",
            "poverty",
            "räumung",
            "schulden",
            "_al_",
            "alq",
        ],
    ) {
        Direction::HighIsDisadvantage
    } else if contains_any(
        name,
        &[
            "beschäftig",
            "erwerbstät",
            "einkommen",
            "employ",
            "income",
            "svb",
        ],
    ) {
        Direction::HighIsAdvantage
    } else {
        Direction::Neutral
    }
}

fn is_population(name: &str) -> bool {
    let l = name.to_lowercase();
    [
        "einwohner",
        "bevoelkerung",
        "bevölkerung",
        "ew",
        "population",
        "residents",
        "inhabitants",
        "einw",
    ]
    .contains(&l.as_str())
}

/// Guesses the kind from the name and the values.
pub fn guess_kind(name: &str, values: &[Option<f64>]) -> IndicatorKind {
    if contains_any(
        name,
        &[
            "durchschnitt",
            "mittelwert",
            "mittleres",
            "mittlere",
            "alter_",
            "_alter",
            "average",
            "mean",
            "median",
            "ø",
        ],
    ) || name.to_lowercase() == "alter"
    {
        return IndicatorKind::Mean;
    }
    if contains_any(
        name,
        &[
            "je_ha", "je ha", "pro_ha", "pro ha", "/ha", "_ha_", "je_km", "je km", "pro_km",
            "pro km", "/km", "dichte", "density", "per_ha", "per_km",
        ],
    ) {
        return IndicatorKind::Density;
    }
    if contains_any(
        name,
        &[
            "anteil",
            "quote",
            "pct",
            "%",
            "rate",
            "prozent",
            "share",
            "percentage",
        ],
    ) {
        return IndicatorKind::Share;
    }
    // Missing-value codes such as -9999 (reported at reading) say nothing about the kind.
    let valid: Vec<f64> = values
        .iter()
        .flatten()
        .copied()
        .filter(|v| !super::csv::MISSING_CODES.contains(v))
        .collect();
    let in_percent_range = !valid.is_empty() && valid.iter().all(|v| (0.0..=100.0).contains(v));
    let has_decimals = valid.iter().any(|v| v.fract() != 0.0);
    if in_percent_range && has_decimals {
        IndicatorKind::Share
    } else {
        IndicatorKind::Count
    }
}

/// Whether a numeric column is an identifier, a class code or a constant rather than an
/// indicator: a name like an id/number/code with whole numbers; a group code (name ending in
/// `_gr`, `gruppe`, `klasse`, as Berlin's `S1_SD_GR`) with at most 9 distinct whole numbers; or
/// one value everywhere.
fn not_an_indicator(name: &str, values: &[Option<f64>]) -> bool {
    let valid: Vec<f64> = values.iter().flatten().copied().collect();
    let constant = valid.windows(2).all(|w| w[0] == w[1]);
    let l = name.to_lowercase();
    let id_name = l == "id"
        || l.ends_with("_id")
        || l.ends_with("id_")
        || l.starts_with("id_")
        || [
            "lfd", "lfd_nr", "lfdnr", "fid", "gid", "objectid", "ogc_fid", "index", "row",
        ]
        .contains(&l.as_str())
        || [
            "nummer",
            "schluessel",
            "schlüssel",
            "code",
            "zeit",
            "stand",
            "jahr",
            "year",
        ]
        .iter()
        .any(|w| l.contains(w))
        || l.ends_with("_nr")
        || l == "nr";
    let whole = valid.iter().all(|v| v.fract() == 0.0);
    if constant || (id_name && whole) {
        return true;
    }
    // The tests below sort the values: only for whole numbers (a column of measurements with
    // decimals is neither a group code nor a row number).
    if !whole {
        return false;
    }
    let group_name = l.ends_with("_gr") || l.contains("gruppe") || l.contains("klasse");
    let few = || {
        let mut distinct: Vec<i64> = valid.iter().map(|v| *v as i64).collect();
        distinct.sort_unstable();
        distinct.dedup();
        distinct.len() <= 9
    };
    // A running row number: whole numbers 1..n (or 0..n-1), each once.
    let running = || {
        let mut v: Vec<f64> = valid.clone();
        v.sort_unstable_by(f64::total_cmp);
        v.len() >= 3
            && (v[0] == 0.0 || v[0] == 1.0)
            && v.iter().enumerate().all(|(i, x)| *x == v[0] + i as f64)
            && v.len() == values.len()
    };
    (group_name && few()) || running()
}

/// The choice of keys for assembling.
#[derive(Clone, Debug, PartialEq)]
pub struct KeyChoice {
    /// Map property holding the key.
    pub geo: String,
    /// Table column holding the key.
    pub table: String,
    /// Matching tolerance.
    pub options: JoinOptions,
}

/// Builds the atlas. `name_property` names the map property to show as unit names (default: the
/// first name-like property, else the key).
///
/// Values equal to one of `missing_codes` (e.g. -9999) become missing values; the caller says so.
/// The layer's geometry moves into the atlas (100,000 areas are not copied).
pub fn atlas(
    name: &str,
    layer: Layer,
    table: Option<&RawTable>,
    key: &KeyChoice,
    missing_codes: &[f64],
) -> Result<(Atlas, Option<JoinReport>), IngestError> {
    let props = &layer.properties;
    let geo_keys = props.require(&key.geo)?.raw.clone();
    // Names from a name-like text column (never an id or a number column).
    let name_col = props
        .columns
        .iter()
        .filter(|c| c.name != key.geo && c.numbers().is_none())
        .filter(|c| !super::join::is_running_id(&c.raw))
        .find(|c| {
            contains_any(
                &c.name,
                &[
                    "name",
                    "bezeichnung",
                    "gebiet",
                    "stadtteil",
                    "ortsteil",
                    "quartier",
                ],
            )
        })
        .map(|c| c.raw.clone());
    let n = layer.features.len();
    let names: Vec<String> = (0..n)
        .map(|i| {
            name_col
                .as_ref()
                .map(|c| c[i].to_string())
                .filter(|s| !s.is_empty())
                .unwrap_or_else(|| geo_keys[i].to_string())
        })
        .collect();

    // The table to take indicators from: the joined table, else the map's own properties.
    let (source, rows, report) = match table {
        Some(t) => {
            let tk = &t.require(&key.table)?.raw;
            let j = join::join(&geo_keys, tk, key.options);
            (t, j.row_of_unit, Some(j.report))
        }
        None => (props, (0..n).map(Some).collect(), None),
    };
    let mut columns = vec![];
    let mut stems: BTreeMap<String, Vec<i32>> = BTreeMap::new();
    let mut order: Vec<String> = vec![];
    let mut population = None;
    for c in &source.columns {
        if c.name == key.table || c.name == key.geo {
            continue;
        }
        let values = match c.numbers() {
            Some(v) => ColumnValues::Number(
                rows.iter()
                    .map(|r| r.and_then(|r| v[r]).filter(|x| !missing_codes.contains(x)))
                    .collect(),
            ),
            None => ColumnValues::Text(
                rows.iter()
                    .map(|r| r.map(|r| c.raw[r].to_string()))
                    .collect(),
            ),
        };
        let is_indicator =
            matches!(&values, ColumnValues::Number(v) if !not_an_indicator(&c.name, v));
        if is_indicator {
            let (stem, year) = match split_year(&c.name) {
                Some((s, y)) => (s.to_string(), Some(y)),
                None => (c.name.clone(), None),
            };
            if !order.contains(&stem) {
                order.push(stem.clone());
            }
            let years = stems.entry(stem.clone()).or_default();
            if let Some(y) = year {
                years.push(y);
            }
            if population.is_none() && is_population(&stem) {
                population = Some(stem);
            }
        }
        columns.push(Column {
            name: c.name.clone(),
            values,
        });
    }
    // With a table, the map's own properties stay available (to group units by, e.g.
    // Flensburg's PARENT_ARE) as columns, not indicators: the table's names win.
    if table.is_some() {
        for c in &props.columns {
            if c.name == key.geo || columns.iter().any(|x: &Column| x.name == c.name) {
                continue;
            }
            let values = match c.numbers() {
                Some(v) => ColumnValues::Number(v.to_vec()),
                None => ColumnValues::Text(
                    c.raw
                        .iter()
                        .map(|s| (!s.is_empty()).then(|| s.to_string()))
                        .collect(),
                ),
            };
            columns.push(Column {
                name: c.name.clone(),
                values,
            });
        }
    }
    let table_model = Table { columns };
    let mut years: Vec<i32> = stems.values().flatten().copied().collect();
    years.sort_unstable();
    years.dedup();
    let mut indicators: Vec<IndicatorSpec> = order
        .iter()
        .map(|stem| {
            let sample_col = stems[stem]
                .first()
                .map_or(stem.clone(), |y| format!("{stem}_{y}"));
            let values = table_model
                .numbers(&sample_col)
                .map(<[_]>::to_vec)
                .unwrap_or_default();
            let kind = guess_kind(stem, &values);
            IndicatorSpec {
                id: stem.clone(),
                label: stem.clone(),
                unit: if kind == IndicatorKind::Share {
                    "%".into()
                } else {
                    String::new()
                },
                direction: guess_direction(stem),
                kind,
                value: Some(stem.clone()),
                numerator: None,
                denominator: None,
                scale: 1.0,
                ..IndicatorSpec::default()
            }
        })
        .collect();
    // Show a disadvantage indicator first: that is what a social atlas opens with.
    if let Some(i) = indicators
        .iter()
        .position(|i| i.direction == Direction::HighIsDisadvantage)
    {
        let first = indicators.remove(i);
        indicators.insert(0, first);
    }
    let atlas = Atlas {
        name: name.to_string(),
        source: match table {
            Some(t) => format!("{}, {}", layer.file, t.file),
            None => layer.file.clone(),
        },
        units: Units {
            keys: geo_keys.to_vec(),
            names,
            geometry: layer.planar,
            crs: Some(layer.planar_crs),
        },
        table: table_model,
        indicators,
        years,
        population,
    };
    Ok((atlas, report))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn group_codes_are_not_indicators() {
        let codes: Vec<Option<f64>> = (0..100).map(|i| Some((i % 4 + 1) as f64)).collect();
        assert!(not_an_indicator("S1_SD_GR", &codes));
        assert!(not_an_indicator("Statusgruppe", &codes));
        // The same numbers under an indicator's name stay an indicator.
        assert!(!not_an_indicator("S1", &codes));
        let shares: Vec<Option<f64>> = (0..100).map(|i| Some(i as f64 * 0.37)).collect();
        assert!(!not_an_indicator("Anteil_GR", &shares));
    }

    #[test]
    fn year_suffixes_and_guesses() {
        assert_eq!(split_year("sgb2_2023"), Some(("sgb2", 2023)));
        assert_eq!(split_year("ew_unter_65"), None);
        assert_eq!(split_year("_2023"), None);
        assert_eq!(
            guess_direction("SGB-II-Quote"),
            Direction::HighIsDisadvantage
        );
        assert_eq!(
            guess_direction("arbeitslose_pct"),
            Direction::HighIsDisadvantage
        );
        assert_eq!(guess_direction("svb_pct"), Direction::HighIsAdvantage);
        assert_eq!(guess_direction("u18_pct"), Direction::Neutral);
        assert_eq!(guess_kind("u18_pct", &[Some(200.0)]), IndicatorKind::Share);
        assert_eq!(
            guess_kind("x", &[Some(12.5), Some(3.2)]),
            IndicatorKind::Share
        );
        assert_eq!(
            guess_kind("x", &[Some(1200.0), Some(3.0)]),
            IndicatorKind::Count
        );
        assert_eq!(
            guess_kind("alter_durchschnitt", &[Some(34.5), Some(41.2)]),
            IndicatorKind::Mean
        );
        assert_eq!(
            guess_kind("ew_je_ha", &[Some(34.5), Some(81.2)]),
            IndicatorKind::Density
        );
        let lfd: Vec<Option<f64>> = (1..=40).map(|i| Some(i as f64)).collect();
        assert!(not_an_indicator("Nummer", &lfd));
        assert!(not_an_indicator("irgendwas", &lfd), "a running row number");
        let counts: Vec<Option<f64>> = (1..=40).map(|i| Some((i * 37 % 101) as f64)).collect();
        assert!(!not_an_indicator("einwohner", &counts));
    }
}

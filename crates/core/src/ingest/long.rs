//! Long tables to wide ones.
//!
//! Statistics portals often deliver one row per (area, year) or per (area, year, indicator):
//! `key; year; indicator; value` or `year; district_id; residents; …`. The atlas wants one row per
//! area and one column per indicator and year, named `{indicator}_{year}` as in wide exports.
//! [`detect`] recognises the layout by column names (`year`/`jahr`, `indicator`/`indikator`/
//! `merkmal`/`variable`) and repeated keys; [`pivot`] reshapes and reports conflicting cells.

use super::csv::{self, RawTable};
use super::numbers::Convention;
use super::texts::Texts;
use super::{IngestError, Warning};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// The columns that make a table long.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LongLayout {
    /// The area key column.
    pub key: String,
    /// The year column.
    pub year: String,
    /// The indicator-name column, if values of several indicators share one value column.
    pub indicator: Option<String>,
}

fn named(t: &RawTable, names: &[&str]) -> Option<String> {
    t.columns
        .iter()
        .find(|c| names.contains(&c.name.trim().to_lowercase().as_str()))
        .map(|c| c.name.clone())
}

/// The column of the year or date: by its name (`year`, `jahr`, `berichtsjahr`, `stichtag`,
/// `datum`, `date`, `monat`, `month`, `zeitraum`, `periode`, `period`), its every filled cell a
/// year, month or day ([`crate::model::period_code`]).
fn period_column(t: &RawTable) -> Option<String> {
    const NAMES: [&str; 11] = [
        "year",
        "jahr",
        "berichtsjahr",
        "stichtag",
        "datum",
        "date",
        "monat",
        "month",
        "zeitraum",
        "periode",
        "period",
    ];
    t.columns
        .iter()
        .find(|c| {
            NAMES.contains(&c.name.trim().to_lowercase().as_str())
                && c.raw
                    .iter()
                    .filter(|v| !v.trim().is_empty())
                    .all(|v| crate::model::period_code(v).is_some())
        })
        .map(|c| c.name.clone())
}

/// Detects a long layout with `key` as the area key: a year column exists and keys repeat.
pub fn detect(t: &RawTable, key: &str) -> Option<LongLayout> {
    let year = period_column(t)?;
    let keys = &t.column(key)?.raw;
    let distinct: BTreeSet<&str> = keys.iter().collect();
    if distinct.len() == keys.len() {
        return None;
    }
    Some(LongLayout {
        key: key.to_string(),
        year,
        indicator: named(
            t,
            &["indicator", "indikator", "merkmal", "variable", "kennzahl"],
        ),
    })
}

/// Detects a long layout without a known key: the first column besides year and indicator whose
/// values repeat is taken as the key.
pub fn detect_any(t: &RawTable) -> Option<LongLayout> {
    let year = period_column(t)?;
    let indicator = named(
        t,
        &["indicator", "indikator", "merkmal", "variable", "kennzahl"],
    );
    let key = t.columns.iter().find(|c| {
        c.name != year && Some(&c.name) != indicator.as_ref() && {
            let d: BTreeSet<&str> = c.raw.iter().collect();
            d.len() < c.raw.len()
        }
    })?;
    detect(t, &key.name)
}

/// Reshapes a long table into one row per key (in first-seen order). Value columns become
/// `{column}_{year}`, or `{indicator}_{year}` with an indicator column. Two rows giving the same
/// cell are an error naming both lines.
pub fn pivot(t: &RawTable, layout: &LongLayout) -> Result<(RawTable, Warning), IngestError> {
    let col = |name: &str| t.require(name);
    let keys = &col(&layout.key)?.raw;
    let years = &col(&layout.year)?.raw;
    let indicators = match &layout.indicator {
        Some(i) => Some(&col(i)?.raw),
        None => None,
    };
    let fixed: Vec<&str> = [
        Some(layout.key.as_str()),
        Some(layout.year.as_str()),
        layout.indicator.as_deref(),
    ]
    .into_iter()
    .flatten()
    .collect();
    let values: Vec<&csv::TableColumn> = t
        .columns
        .iter()
        .filter(|c| !fixed.contains(&c.name.as_str()))
        .collect();

    let mut order: Vec<String> = vec![];
    let mut row_of: HashMap<String, usize> = HashMap::new();
    let mut first_line: Vec<usize> = vec![];
    let mut names: Vec<String> = vec![];
    let mut cells: BTreeMap<(usize, String), (String, usize)> = BTreeMap::new();
    for r in 0..t.rows() {
        let k = keys[r].to_string();
        let row = *row_of.entry(k.clone()).or_insert_with(|| {
            order.push(k.clone());
            first_line.push(t.row_lines[r]);
            order.len() - 1
        });
        for v in &values {
            let stem = match indicators {
                Some(ind) => ind[r].to_string(),
                None => v.name.clone(),
            };
            // The period as its code (`2024-06` -> `202406`), so the column reads back by year.
            let period = crate::model::period_code(&years[r])
                .map_or(years[r].to_string(), |c| c.to_string());
            let name = format!("{stem}_{period}");
            if !names.contains(&name) {
                names.push(name.clone());
            }
            if let Some((_, line)) = cells.get(&(row, name.clone())) {
                return Err(IngestError::DuplicateCell {
                    file: t.file.clone(),
                    key: k.clone(),
                    column: name.clone(),
                    lines: (*line, t.row_lines[r]),
                });
            }
            cells.insert((row, name), (v.raw[r].to_string(), t.row_lines[r]));
        }
    }
    let mut header = vec![layout.key.clone()];
    header.extend(names.iter().cloned());
    let rows: Vec<Texts> = (0..order.len())
        .map(|row| {
            let mut out = Texts::from([&order[row]]);
            out.extend(
                names
                    .iter()
                    .map(|n| cells.get(&(row, n.clone())).map_or("", |c| c.0.as_str())),
            );
            out
        })
        .collect();
    let by_delimiter = if t.delimiter == ',' {
        Convention::English
    } else {
        Convention::German
    };
    // The long form's hint about missing-value codes is made again for the wide columns.
    let long_hint = t.code_hint.as_ref().map(|h| h.warning(&t.file, false));
    let mut warnings: Vec<Warning> = t
        .warnings
        .iter()
        .filter(|w| Some(*w) != long_hint.as_ref())
        .cloned()
        .collect();
    let (columns, code_hint) = csv::type_columns(
        &t.file,
        header,
        rows,
        &first_line,
        by_delimiter,
        &mut warnings,
    );
    let year_count: BTreeSet<&str> = years.iter().collect();
    let note = Warning::new(
        &t.file,
        format!(
            "Lange Tabelle erkannt (eine Zeile je Gebiet und Jahr, {} Zeilen); in breite Form gebracht: {} Gebiete, {} Spalten, {} Jahre.",
            t.rows(),
            order.len(),
            names.len(),
            year_count.len()
        ),
        format!(
            "Long table recognised (one row per area and year, {} rows); reshaped to wide: {} areas, {} columns, {} years.",
            t.rows(),
            order.len(),
            names.len(),
            year_count.len()
        ),
    );
    Ok((
        RawTable {
            file: t.file.clone(),
            encoding: t.encoding,
            delimiter: t.delimiter,
            header_line: t.header_line,
            row_lines: first_line,
            columns,
            warnings,
            duplicate_names: vec![],
            code_hint,
        },
        note,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn monthly_and_daily_periods_become_period_codes() {
        let t = csv::read(
            "m.csv",
            b"monat;gebiet;arbeitslose\n2024-05;01;10\n2024-06;01;12\n2024-05;02;7\n2024-06;02;9\n",
        )
        .unwrap();
        let layout = detect(&t, "gebiet").unwrap();
        assert_eq!(layout.year, "monat");
        let (wide, _) = pivot(&t, &layout).unwrap();
        let names: Vec<&str> = wide.columns.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(
            names,
            vec!["gebiet", "arbeitslose_202405", "arbeitslose_202406"]
        );
        let t = csv::read(
            "d.csv",
            b"Stichtag;gebiet;ew\n31.12.2023;01;100\n31.12.2024;01;110\n",
        )
        .unwrap();
        let (wide, _) = pivot(&t, &detect(&t, "gebiet").unwrap()).unwrap();
        assert_eq!(wide.columns[1].name, "ew_20231231");
        // A date-named column that holds no dates is not a period.
        let t = csv::read("x.csv", b"datum;gebiet;ew\nneu;01;1\nalt;01;2\n").unwrap();
        assert!(detect(&t, "gebiet").is_none());
    }

    #[test]
    fn pivots_area_year_rows_into_year_suffixed_columns() {
        let t = csv::read("l.csv", b"year,district_id,residents,births\n2021,1,3323,30\n2022,1,3807,41\n2021,2,5000,50\n2022,2,5100,.\n").unwrap();
        let layout = detect(&t, "district_id").unwrap();
        assert_eq!(layout.indicator, None);
        let (w, note) = pivot(&t, &layout).unwrap();
        assert_eq!(w.rows(), 2);
        let names: Vec<&str> = w.columns.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "district_id",
                "residents_2021",
                "births_2021",
                "residents_2022",
                "births_2022"
            ]
        );
        assert_eq!(
            w.column("births_2022").unwrap().numbers().unwrap(),
            &[Some(41.0), None]
        );
        assert!(note.de.contains("2 Gebiete"));
    }

    #[test]
    fn pivots_key_year_indicator_value_and_rejects_conflicts() {
        let t = csv::read("l.csv", "Schlüssel;Jahr;Indikator;Wert\n01;2023;SGB2;12,5\n01;2023;ALQ;6,1\n02;2023;SGB2;8,0\n02;2023;ALQ;4,2\n".as_bytes()).unwrap();
        let layout = detect(&t, "Schlüssel").unwrap();
        let (w, _) = pivot(&t, &layout).unwrap();
        assert_eq!(
            w.column("SGB2_2023").unwrap().numbers().unwrap(),
            &[Some(12.5), Some(8.0)]
        );
        assert_eq!(w.column("Schlüssel").unwrap().raw, vec!["01", "02"]);
        let t = csv::read(
            "l.csv",
            b"key;year;indicator;value\n01;2023;A;1\n01;2023;A;2\n",
        )
        .unwrap();
        let e = pivot(&t, &detect(&t, "key").unwrap()).unwrap_err();
        assert!(
            matches!(e, IngestError::DuplicateCell { lines: (2, 3), .. }),
            "{e:?}"
        );
    }
}

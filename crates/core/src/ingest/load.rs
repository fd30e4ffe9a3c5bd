//! Loading files into an atlas in one step, as the app does after a drop, a file choice or a
//! `?geo=&table=&key=` address: read the map, read the table (reshaped when long), choose the key
//! (given or best overlap), join, guess indicators. Errors are typed and positioned; warnings
//! (CRS guesses, skipped features, ambiguous numbers, unmatched keys) come with the result.

use super::assemble::{self, KeyChoice};
use super::inspect::{self, Input};
use super::join::{JoinOptions, JoinReport, KeyCandidate, KeyMatch};
use super::{geojson, IngestError, Warning};
use crate::model::{Atlas, Crs};

/// A loaded atlas with what happened on the way.
#[derive(Clone, Debug)]
pub struct Loaded {
    /// The atlas.
    pub atlas: Atlas,
    /// The key pair used (with a table).
    pub key: Option<KeyCandidate>,
    /// The join report (with a table).
    pub report: Option<JoinReport>,
    /// Everything the readers interpreted or left out, and the join's loose ends.
    pub warnings: Vec<Warning>,
    /// The CRS of the map file.
    pub crs: Crs,
    /// How that CRS was found (declared, detected, guessed, given).
    pub crs_source: geojson::CrsSource,
}

/// A unique property to use as key for a map without a table: one named like an id, else the
/// first whose values are all distinct.
fn map_key(props: &super::csv::RawTable) -> Option<String> {
    let distinct = |c: &super::csv::TableColumn| {
        let set: std::collections::HashSet<&String> =
            c.raw.iter().filter(|s| !s.is_empty()).collect();
        set.len() == c.raw.len()
    };
    let id_like = |n: &str| {
        let l = n.to_lowercase();
        [
            "id",
            "schluessel",
            "schlüssel",
            "key",
            "nr",
            "nummer",
            "code",
        ]
        .iter()
        .any(|w| l.contains(w))
    };
    props
        .columns
        .iter()
        .filter(|c| distinct(c))
        .find(|c| id_like(&c.name))
        .or_else(|| props.columns.iter().find(|c| distinct(c)))
        .map(|c| c.name.clone())
}

/// Loads a map and an optional table. `key` names the table's key column (and the map's, when
/// it has a property of that name); `sheet` names the sheet of an Excel table. Values such as -9999 ([`super::csv::MISSING_CODES`]) are
/// treated as missing; a warning says so when the data contain them.
pub fn load(
    name: &str,
    geo: &Input,
    table: Option<&Input>,
    key: Option<&str>,
    crs: Option<Crs>,
    sheet: Option<&str>,
) -> Result<Loaded, IngestError> {
    let layer = inspect::read_map(geo, crs)?;
    let props = geojson::properties_table(&layer);
    let mut warnings = layer.warnings.clone();
    warnings.extend(props.warnings.iter().cloned());
    let Some(table_input) = table else {
        let key_name = match key {
            Some(k) => {
                props.require(k)?;
                k.to_string()
            }
            None => map_key(&props).ok_or_else(|| IngestError::NoKey {
                file: layer.file.clone(),
            })?,
        };
        let choice = KeyChoice {
            geo: key_name.clone(),
            table: key_name,
            options: JoinOptions::default(),
        };
        let (atlas, _) = assemble::atlas(
            name,
            &layer,
            &props,
            None,
            &choice,
            &super::csv::MISSING_CODES,
        )?;
        return Ok(Loaded {
            atlas,
            key: None,
            report: None,
            warnings,
            crs: layer.source_crs,
            crs_source: layer.crs_source,
        });
    };
    let raw = inspect::read_table_sheet(table_input, sheet)?;
    let (t, note) = inspect::prepare_table(raw, key)?;
    // The reader's hint about codes like -9999 becomes the statement of what is done with them.
    for w in &t.warnings {
        if w.de.contains("Codes für fehlende Werte") {
            warnings.push(Warning::new(
                &t.file,
                w.de.replace("Sie werden als Zahlen gelesen; betroffene Gebiete ausschließen oder den Code als fehlend angeben.", "Sie werden als fehlende Werte behandelt (keine Klasse, nicht im Durchschnitt)."),
                w.en.replace("They are read as numbers; exclude the areas or declare the code as missing.", "They are treated as missing values (no class, not in the average)."),
            ));
        } else {
            warnings.push(w.clone());
        }
    }
    warnings.extend(note);
    let chosen = inspect::choose_key(&props, &t, key)?
        .filter(|c| c.matched > 0)
        .ok_or_else(|| IngestError::NoKeyMatch {
            geo_file: layer.file.clone(),
            table_file: t.file.clone(),
        })?;
    let choice = KeyChoice {
        geo: chosen.geo.clone(),
        table: chosen.table.clone(),
        options: JoinOptions {
            matching: chosen.matching,
        },
    };
    let (atlas, report) = assemble::atlas(
        name,
        &layer,
        &props,
        Some(&t),
        &choice,
        &super::csv::MISSING_CODES,
    )?;
    if let Some(r) = &report {
        let list = |v: &[String]| v.iter().take(8).cloned().collect::<Vec<_>>().join(", ");
        if !r.unmatched_geo.is_empty() {
            warnings.push(Warning::new(
                &layer.file,
                format!(
                    "{} Gebiete ohne Tabellenzeile (bleiben ohne Daten): {}",
                    r.unmatched_geo.len(),
                    list(&r.unmatched_geo)
                ),
                format!(
                    "{} areas without a table row (left without data): {}",
                    r.unmatched_geo.len(),
                    list(&r.unmatched_geo)
                ),
            ));
        }
        if !r.unmatched_table.is_empty() {
            warnings.push(Warning::new(
                &t.file,
                format!(
                    "{} Tabellenzeilen ohne Gebiet auf der Karte: {}",
                    r.unmatched_table.len(),
                    list(&r.unmatched_table)
                ),
                format!(
                    "{} table rows without an area on the map: {}",
                    r.unmatched_table.len(),
                    list(&r.unmatched_table)
                ),
            ));
        }
        if !r.duplicates_table.is_empty() {
            warnings.push(Warning::new(
                &t.file,
                format!(
                    "Doppelte Schlüssel (die erste Zeile gilt): {}",
                    list(&r.duplicates_table)
                ),
                format!(
                    "Duplicate keys (the first row is used): {}",
                    list(&r.duplicates_table)
                ),
            ));
        }
        if chosen.matching != KeyMatch::Exact {
            warnings.push(Warning::new(
                &t.file,
                format!(
                    "Schlüssel „{}“ und „{}“ passen nur ungefähr zusammen ({:?}). Bitte prüfen.",
                    chosen.geo, chosen.table, chosen.matching
                ),
                format!(
                    "Keys \"{}\" and \"{}\" only match loosely ({:?}). Please check.",
                    chosen.geo, chosen.table, chosen.matching
                ),
            ));
        }
    }
    Ok(Loaded {
        atlas,
        key: Some(chosen),
        report,
        warnings,
        crs: layer.source_crs,
        crs_source: layer.crs_source,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Lang;

    #[test]
    fn demo_files_load_back_into_the_same_atlas() {
        let demo = crate::demo::musterstadt();
        let geo = crate::export::geojson(&demo, crate::demo::KEY_COLUMN).to_string();
        let csv = crate::export::csv(
            &demo,
            crate::demo::KEY_COLUMN,
            crate::export::CsvStyle::ExcelDe,
        );
        let l = load(
            "Musterstadt",
            &Input {
                name: "musterstadt.geojson",
                bytes: geo.as_bytes(),
            },
            Some(&Input {
                name: "musterstadt.csv",
                bytes: csv.as_bytes(),
            }),
            Some(crate::demo::KEY_COLUMN),
            None,
            None,
        )
        .unwrap();
        assert_eq!(l.report.as_ref().unwrap().matched, demo.units.len());
        assert_eq!(l.atlas.units.keys, demo.units.keys);
        assert_eq!(l.atlas.years, vec![2023, 2024]);
        assert_eq!(
            l.atlas.units.geometry, demo.units.geometry,
            "coordinates survive the round trip"
        );
        let sgb2 = l.atlas.numbers("sgb2", 2024).unwrap();
        assert_eq!(sgb2, demo.numbers("sgb2", 2024).unwrap());
        assert!(
            l.warnings.is_empty(),
            "{:?}",
            l.warnings
                .iter()
                .map(|w| w.message(Lang::De))
                .collect::<Vec<_>>()
        );
    }

    #[test]
    fn a_table_that_matches_nothing_is_an_error_naming_both_files() {
        let demo = crate::demo::musterstadt();
        let geo = crate::export::geojson(&demo, "schluessel").to_string();
        let e = load(
            "x",
            &Input {
                name: "karte.geojson",
                bytes: geo.as_bytes(),
            },
            Some(&Input {
                name: "tabelle.csv",
                bytes: "id;wert\nA;1\nB;2\n".as_bytes(),
            }),
            None,
            None,
            None,
        )
        .unwrap_err();
        let m = e.message(Lang::De);
        assert!(
            m.contains("karte.geojson") && m.contains("tabelle.csv"),
            "{m}"
        );
    }
}

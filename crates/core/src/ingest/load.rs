//! Loading files into an atlas in one step, as the app does after a drop, a file choice or a
//! `?geo=&table=&key=` address: read the map, read the table (reshaped when long), choose the key
//! (given or best overlap), join, guess indicators. Errors are typed and positioned; warnings
//! (CRS guesses, skipped features, ambiguous numbers, unmatched keys) come with the result.

use super::assemble::{self, KeyChoice};
use super::csv::RawTable;
use super::inspect::{self, Input};
use super::join::{JoinOptions, JoinReport, KeyMatch};
use super::{geojson, IngestError, Warning};
use crate::locale::Lang;
use crate::model::{Atlas, Crs};
use serde::{Deserialize, Serialize};

/// How to read the files: each side's key and the map's settings. Everything left `None` is
/// chosen from the data.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LoadOptions {
    /// The map's key property (also tried as the table's key when `table_key` is not given).
    pub map_key: Option<String>,
    /// The table's key column (also tried as the map's when `map_key` is not given).
    pub table_key: Option<String>,
    /// The map's coordinate system (overrides file and detection).
    pub crs: Option<Crs>,
    /// The sheet of an Excel table.
    pub sheet: Option<String>,
}

impl LoadOptions {
    /// Options with one key column for both sides (as `?key=` and `--key` give it).
    pub fn key(key: Option<&str>) -> LoadOptions {
        LoadOptions {
            table_key: key.map(str::to_string),
            ..LoadOptions::default()
        }
    }
}

/// What a load did: the keys used on both sides, how they matched, the join, the coordinate
/// system. The project keeps the keys, so a saved project reopens whatever its columns are
/// called.
#[derive(Clone, Debug, PartialEq)]
pub struct LoadReport {
    /// The map's key property.
    pub map_key: String,
    /// The table's key column (`None` without a table).
    pub table_key: Option<String>,
    /// How tolerant the key matching was.
    pub matching: KeyMatch,
    /// The join (with a table).
    pub join: Option<JoinReport>,
    /// Number of map units.
    pub units: usize,
    /// The CRS of the map file.
    pub crs: Crs,
    /// How that CRS was found (declared, detected, guessed, given).
    pub crs_source: geojson::CrsSource,
}

impl LoadReport {
    /// The summary line: areas, join (key pair, matched and unmatched), coordinate system and
    /// how it was found.
    pub fn summary(&self, lang: Lang) -> String {
        let n = self.units;
        let how = match self.crs_source {
            geojson::CrsSource::Declared => lang.pick("aus der Datei", "from the file"),
            geojson::CrsSource::Detected { certain: true } => lang.pick(
                "aus den Koordinaten erkannt",
                "detected from the coordinates",
            ),
            geojson::CrsSource::Detected { certain: false } => {
                lang.pick("vermutet – bitte prüfen", "guessed – please check")
            }
            geojson::CrsSource::Override => lang.pick("gewählt", "chosen"),
        };
        let join = match (&self.join, &self.table_key) {
            (Some(r), Some(t)) => {
                let tolerant = match (self.matching, lang) {
                    (KeyMatch::Exact, _) => "",
                    (KeyMatch::IgnoreLeadingZeros, Lang::De) => " ohne führende Nullen",
                    (KeyMatch::IgnoreLeadingZeros, Lang::En) => " ignoring leading zeros",
                    (KeyMatch::DigitsOnly, Lang::De) => " nur über die Ziffern",
                    (KeyMatch::DigitsOnly, Lang::En) => " by the digits only",
                };
                match lang {
                    Lang::De => format!(
                        " Verknüpft über „{}“ (Karte) und „{t}“ (Tabelle){tolerant}: {} von {n} Gebieten mit Tabellenzeile, {} Tabellenzeilen ohne Gebiet.",
                        self.map_key, r.matched, r.unmatched_table.len()
                    ),
                    Lang::En => format!(
                        " Joined on \"{}\" (map) and \"{t}\" (table){tolerant}: {} of {n} areas with a table row, {} table rows without an area.",
                        self.map_key, r.matched, r.unmatched_table.len()
                    ),
                }
            }
            _ => match lang {
                Lang::De => format!(" Schlüssel „{}“.", self.map_key),
                Lang::En => format!(" Key \"{}\".", self.map_key),
            },
        };
        match lang {
            Lang::De => format!(
                "{n} Gebiete geladen.{join} Koordinatensystem: {} ({how}).",
                self.crs
            ),
            Lang::En => format!(
                "{n} areas loaded.{join} Coordinate system: {} ({how}).",
                self.crs
            ),
        }
    }
}

/// A loaded atlas with what happened on the way.
#[derive(Clone, Debug)]
pub struct Loaded {
    /// The atlas.
    pub atlas: Atlas,
    /// What the load did.
    pub report: LoadReport,
    /// Everything the readers interpreted or left out, and the join's loose ends.
    pub warnings: Vec<Warning>,
}

/// A unique property to use as key for a map without a table, best first: an id-like name
/// with text values ("001", "STGT01"), an id-like name, other text keys, any distinct column;
/// a running row number (1..n) only when nothing else is unique.
fn map_key(props: &super::csv::RawTable) -> Option<String> {
    let distinct = |c: &super::csv::TableColumn| {
        let set: std::collections::HashSet<&str> = c.raw.iter().filter(|s| !s.is_empty()).collect();
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
        .min_by_key(|c| {
            let running = super::join::is_running_id(&c.raw);
            let text = super::join::is_text_key(&c.raw);
            (
                running,
                !(id_like(&c.name) && text),
                !id_like(&c.name),
                !text,
            )
        })
        .map(|c| c.name.clone())
}

/// Loads a map and an optional table with `opts` (keys, CRS, sheet). Values such as -9999
/// ([`super::csv::MISSING_CODES`]) are treated as missing; a warning says so when the data
/// contain them.
///
/// The same in three steps: [`read_map`] and [`read_table`], which need only their own file
/// (the app runs them side by side, each in a worker of its own), then [`finish`].
pub fn load(
    name: &str,
    geo: &Input,
    table: Option<&Input>,
    opts: &LoadOptions,
) -> Result<Loaded, IngestError> {
    let map = read_map(geo, opts)?;
    let table = table.map(|t| read_table(t, opts)).transpose()?;
    finish(name, map, table, opts)
}

/// A map read for a load: its layer, with the properties of its features as a table.
#[derive(Clone, Debug)]
pub struct MapRead {
    layer: geojson::Layer,
}

/// A table read for a load: reshaped when it is long (one row per area and year), with the note
/// saying so. Sent between workers as bytes (it is plain data).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TableRead {
    table: RawTable,
    note: Option<Warning>,
}

/// The first step of [`load`] on the map: read, reprojected, its properties as a table.
pub fn read_map(geo: &Input, opts: &LoadOptions) -> Result<MapRead, IngestError> {
    let layer = inspect::read_map(geo, opts.crs)?;
    Ok(MapRead { layer })
}

/// The first step of [`load`] on the table: read (the sheet of `opts` in a workbook) and
/// reshaped when long.
pub fn read_table(table: &Input, opts: &LoadOptions) -> Result<TableRead, IngestError> {
    let raw = inspect::read_table_sheet(table, opts.sheet.as_deref())?;
    let table_key = opts.table_key.as_deref().or(opts.map_key.as_deref());
    let (table, note) = inspect::prepare_table(raw, table_key)?;
    Ok(TableRead { table, note })
}

/// The last step of [`load`]: the key chosen, the join, the atlas.
pub fn finish(
    name: &str,
    map: MapRead,
    table: Option<TableRead>,
    opts: &LoadOptions,
) -> Result<Loaded, IngestError> {
    let MapRead { layer } = map;
    let props = &layer.properties;
    let mut warnings = layer.warnings.clone();
    warnings.extend(props.warnings.iter().cloned());
    // The layer's geometry moves into the atlas; what the report needs is kept.
    let (file, units, crs, crs_source) = (
        layer.file.clone(),
        layer.features.len(),
        layer.source_crs,
        layer.crs_source,
    );
    let report = |map_key: String, table_key: Option<String>, matching, join| LoadReport {
        map_key,
        table_key,
        matching,
        join,
        units,
        crs,
        crs_source,
    };
    let Some(TableRead { table: t, note }) = table else {
        let key_name = match opts.map_key.as_deref().or(opts.table_key.as_deref()) {
            Some(k) => {
                props.require(k)?;
                k.to_string()
            }
            None => map_key(props).ok_or_else(|| IngestError::NoKey { file: file.clone() })?,
        };
        let choice = KeyChoice {
            geo: key_name.clone(),
            table: key_name.clone(),
            options: JoinOptions::default(),
        };
        let (atlas, _) = assemble::atlas(name, layer, None, &choice, &super::csv::MISSING_CODES)?;
        return Ok(Loaded {
            atlas,
            report: report(key_name, None, KeyMatch::Exact, None),
            warnings,
        });
    };
    let table_key = opts.table_key.as_deref().or(opts.map_key.as_deref());
    // The reader's hint about codes like -9999 becomes the statement of what is done with them
    // (the load declares them missing).
    let read_as_numbers = t.code_hint.as_ref().map(|h| h.warning(&t.file, false));
    for w in &t.warnings {
        match &t.code_hint {
            Some(h) if Some(w) == read_as_numbers.as_ref() => {
                warnings.push(h.warning(&t.file, true))
            }
            _ => warnings.push(w.clone()),
        }
    }
    warnings.extend(note);
    let chosen = inspect::choose_keys(props, &t, opts.map_key.as_deref(), table_key)?
        .filter(|c| c.matched > 0)
        .ok_or_else(|| IngestError::NoKeyMatch {
            geo_file: file.clone(),
            table_file: t.file.clone(),
        })?;
    warnings.extend(inspect::check_key_pair(props, &t, &chosen)?);
    let choice = KeyChoice {
        geo: chosen.geo.clone(),
        table: chosen.table.clone(),
        options: JoinOptions {
            matching: chosen.matching,
        },
    };
    let (atlas, join) =
        assemble::atlas(name, layer, Some(&t), &choice, &super::csv::MISSING_CODES)?;
    if let Some(r) = &join {
        let list = |v: &[String]| v.iter().take(8).cloned().collect::<Vec<_>>().join(", ");
        if !r.unmatched_geo.is_empty() {
            warnings.push(Warning::new(
                &file,
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
            warnings.extend(t.duplicate_keys_warning(&chosen.table));
        }
    }
    if atlas.indicators.is_empty() {
        warnings.push(Warning::new(
            &t.file,
            "Die Tabelle enthält keine Zahlenspalten, die als Indikatoren taugen: Die Karte zeigt die Gebiete ohne Werte. Werte bitte als Zahlen ohne Einheit eintragen.".into(),
            "The table holds no number columns that can be indicators: the map shows the areas without values. Please enter values as numbers without units.".into(),
        ));
    }
    if t.rows() == 1 {
        warnings.push(Warning::new(
            &t.file,
            "Die Tabelle hat nur eine Zeile: Klassen, Durchschnitt und Index brauchen mehrere Gebiete.".into(),
            "The table has only one row: classes, average and index need several areas.".into(),
        ));
    }
    Ok(Loaded {
        atlas,
        report: report(
            chosen.geo.clone(),
            Some(chosen.table.clone()),
            chosen.matching,
            join,
        ),
        warnings,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::locale::Lang;

    /// The demo town as a GeoJSON map and a CSV table, as the app exports them.
    fn demo_files(demo: &Atlas) -> (String, String) {
        let geo = crate::export::geojson(demo, crate::demo::KEY_COLUMN).to_string();
        let csv = crate::export::csv(
            demo,
            crate::demo::KEY_COLUMN,
            crate::export::CsvStyle::ExcelDe,
        );
        (geo, csv)
    }

    #[test]
    fn demo_files_load_back_into_the_same_atlas() {
        let demo = crate::demo::musterstadt();
        let (geo, csv) = demo_files(&demo);
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
            &LoadOptions::key(Some(crate::demo::KEY_COLUMN)),
        )
        .unwrap();
        assert_eq!(l.report.join.as_ref().unwrap().matched, demo.units.len());
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
    fn a_load_in_three_steps_with_the_table_sent_as_bytes_is_the_same_load() {
        let (geo, csv) = demo_files(&crate::demo::musterstadt());
        let (geo, csv) = (
            Input {
                name: "karte.geojson",
                bytes: geo.as_bytes(),
            },
            Input {
                name: "daten.csv",
                bytes: csv.as_bytes(),
            },
        );
        let opts = LoadOptions::key(Some(crate::demo::KEY_COLUMN));
        let whole = load("m", &geo, Some(&csv), &opts).unwrap();
        // As the app's two workers do it: the table read apart and carried as postcard bytes.
        let table = read_table(&csv, &opts).unwrap();
        let bytes = crate::project::transfer::to_bytes(&table);
        let carried: TableRead = crate::project::transfer::from_bytes(&bytes, 0).unwrap();
        assert_eq!(carried, table);
        let apart = finish("m", read_map(&geo, &opts).unwrap(), Some(carried), &opts).unwrap();
        assert!(apart.atlas == whole.atlas, "the same atlas");
        assert_eq!(apart.report, whole.report);
        assert_eq!(apart.warnings, whole.warnings);
        // A broken table is the table's error in either way.
        let broken = Input {
            name: "kaputt.csv",
            bytes: b"id;wert\nA;1\nB;2;3;4\nC;3\n",
        };
        let e = read_table(&broken, &opts).unwrap_err();
        assert_eq!(e, load("m", &geo, Some(&broken), &opts).unwrap_err());
        assert!(e.message(Lang::De).contains("kaputt.csv"));
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
            &LoadOptions::default(),
        )
        .unwrap_err();
        let m = e.message(Lang::De);
        assert!(
            m.contains("karte.geojson") && m.contains("tabelle.csv"),
            "{m}"
        );
    }
}

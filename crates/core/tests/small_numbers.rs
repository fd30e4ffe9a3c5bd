//! The small-number rule on the demo town, whose two tiny blocks (a harbour block of 85 and a
//! farmland block of 210 inhabitants) have counts of 1 and 2: every path that shows or exports a
//! value withholds exactly the cells the rule names, and says so; the index and the averages
//! still use the full data.

use sozialatlas_core::demo;
use sozialatlas_core::export::{self, xlsx, CsvStyle};
use sozialatlas_core::map::palette;
use sozialatlas_core::model::Atlas;
use sozialatlas_core::project::{derive, ClassifyParams, ExploreParams, SmallNumbers};
use sozialatlas_core::sozialraum::definition::Definition;
use sozialatlas_core::stats::area_profile::area_profile;
use sozialatlas_core::stats::suppress::{Withheld, WITHHELD};

/// The count columns of the demo town (every numerator, denominator and the population).
fn count_columns(atlas: &Atlas) -> Vec<String> {
    let mut stems: Vec<String> = vec![];
    for s in &atlas.indicators {
        stems.extend(s.numerator.clone());
        stems.extend(s.denominator.clone());
    }
    stems.extend(atlas.population.clone());
    atlas
        .table
        .columns
        .iter()
        .filter(|c| {
            let stem =
                sozialatlas_core::model::split_year(&c.name).map_or(c.name.as_str(), |x| x.0);
            stems.iter().any(|s| s == stem)
        })
        .map(|c| c.name.clone())
        .collect()
}

/// Every (column, unit) with a count of 1 or 2, found independently of the rule's code.
fn small_cells(atlas: &Atlas) -> Vec<(String, usize, f64)> {
    let mut out = vec![];
    for name in count_columns(atlas) {
        let v = atlas.table.numbers(&name).unwrap();
        for (u, x) in v.iter().enumerate() {
            if let Some(x) = x {
                if *x > 0.0 && *x < 3.0 {
                    out.push((name.clone(), u, *x));
                }
            }
        }
    }
    out
}

#[test]
fn the_rule_withholds_exactly_the_counts_of_one_and_two() {
    let atlas = demo::musterstadt();
    let small = small_cells(&atlas);
    assert!(
        small.len() >= 4,
        "the tiny blocks have small counts: {small:?}"
    );
    let w = Withheld::of(&atlas, &atlas.indicators, 3.0);
    assert_eq!(w.count(), small.len());
    for (c, u, _) in &small {
        assert!(w.cell(c, *u), "{c} of unit {u}");
    }
    // Zero is not disclosive; the rule off withholds nothing.
    for c in count_columns(&atlas) {
        for (u, x) in atlas.table.numbers(&c).unwrap().iter().enumerate() {
            if *x == Some(0.0) {
                assert!(!w.cell(&c, u));
            }
        }
    }
    assert!(Withheld::of(&atlas, &atlas.indicators, 0.0).is_empty());
}

#[test]
fn map_profile_table_and_bands_do_not_show_withheld_values() {
    let atlas = demo::musterstadt();
    let w = derive::withheld(&atlas, &atlas.indicators, &SmallNumbers::default());
    let mut hidden_anywhere = 0;
    let mut extremes_withheld = 0;
    for spec in &atlas.indicators {
        for &year in &atlas.years {
            let mask = w.indicator(&atlas, spec, year);
            let full = atlas.indicator_values(spec, year);
            for change in [false, true] {
                let p = ExploreParams {
                    change,
                    ..ExploreParams::default()
                };
                let map = derive::explore_map(&atlas, spec, &p, year, &w);
                let n = atlas.units.len();
                assert_eq!(
                    map.counts.iter().sum::<usize>() + map.missing + map.withheld_count(),
                    n
                );
                // The legend's bounds come from the shown values only: a withheld value is
                // never the lowest bound.
                if let (false, Some(b)) = (change, &map.breaks) {
                    let shown_min = (0..n)
                        .filter(|&u| !mask[u])
                        .filter_map(|u| full[u])
                        .fold(f64::INFINITY, f64::min);
                    assert_eq!(b.min, shown_min, "{} {year}", spec.id);
                    let shown_max = (0..n)
                        .filter(|&u| !mask[u])
                        .filter_map(|u| full[u])
                        .fold(f64::NEG_INFINITY, f64::max);
                    assert_eq!(b.upper.last(), Some(&shown_max), "{} {year}", spec.id);
                    let full_min = full.iter().flatten().fold(f64::INFINITY, |a, b| a.min(*b));
                    let full_max = full
                        .iter()
                        .flatten()
                        .fold(f64::NEG_INFINITY, |a, b| a.max(*b));
                    extremes_withheld += usize::from(full_min < shown_min || full_max > shown_max);
                }
                for u in (0..n).filter(|&u| mask[u]) {
                    assert!(map.withheld[u], "{} {year} unit {u}", spec.id);
                    assert_eq!(map.values[u], None);
                    assert_eq!(map.classes[u], None);
                    assert_eq!(map.fill(u), palette::WITHHELD);
                }
            }
            let b = derive::bands(&atlas, spec, year, &w);
            // The city average is of the full data.
            assert_eq!(
                b.average.value,
                derive::bands(&atlas, spec, year, &Withheld::none())
                    .average
                    .value
            );
            for u in (0..atlas.units.len()).filter(|&u| mask[u]) {
                hidden_anywhere += 1;
                assert!(full[u].is_some());
                assert_eq!((b.values[u], b.bands[u]), (None, None));
                let row = &area_profile(&atlas, std::slice::from_ref(spec), year, u, &w)[0];
                assert!(row.withheld);
                assert_eq!(
                    (row.value, row.difference, row.rank, row.band),
                    (None, None, None, None)
                );
            }
        }
    }
    assert!(hidden_anywhere > 0);
    assert!(
        extremes_withheld > 0,
        "some withheld value is an extreme the legend would show"
    );
}

#[test]
fn exports_write_geheim_where_the_rule_withholds_and_nothing_raw() {
    let atlas = demo::musterstadt();
    let w = derive::withheld(&atlas, &atlas.indicators, &SmallNumbers::default());
    let small = small_cells(&atlas);
    let key = demo::KEY_COLUMN;

    // CSV: the cell of every small count reads "geheim".
    let text = export::csv_with(&atlas, key, CsvStyle::Plain, &[], &w);
    let lines: Vec<Vec<&str>> = text.lines().map(|l| l.split(',').collect()).collect();
    let header = &lines[0];
    for (c, u, _) in &small {
        let col = header.iter().position(|h| h == c).unwrap();
        assert_eq!(lines[u + 1][col], WITHHELD, "{c} unit {u}");
    }
    let cells_geheim = lines.iter().flatten().filter(|c| **c == WITHHELD).count();
    assert_eq!(cells_geheim, small.len());

    // XLSX: the same cells are the text "geheim".
    use calamine::{Data, Reader, Xlsx};
    let bytes = xlsx::atlas_workbook(&atlas, key, &[], &w);
    let mut book: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
    let sheet = book.sheet_names()[0].clone();
    let range = book.worksheet_range(&sheet).unwrap();
    for (c, u, _) in &small {
        let col = header.iter().position(|h| h == c).unwrap();
        assert_eq!(
            range.get((u + 1, col)),
            Some(&Data::String(WITHHELD.into()))
        );
    }

    // GeoJSON: null, named in the feature's "geheim", explained in the collection.
    let fc = export::geojson_with(&atlas, key, &[], &w);
    for (c, u, _) in &small {
        let props = &fc["features"][*u]["properties"];
        assert!(props[c].is_null(), "{c} unit {u}");
        assert!(props[WITHHELD].as_array().unwrap().iter().any(|x| x == c));
    }
    assert!(fc[WITHHELD]
        .as_str()
        .unwrap()
        .contains("weniger als 3 Fällen"));

    // Without the rule every value is there.
    let raw = export::csv_with(&atlas, key, CsvStyle::Plain, &[], &Withheld::none());
    assert!(!raw.contains(WITHHELD));
}

#[test]
fn sozialraum_table_withholds_small_sums_and_flags_recoverable_counts() {
    let atlas = demo::musterstadt();
    // Each tiny block alone as a Sozialraum, the rest by Stadtteil (first two key digits).
    let small = small_cells(&atlas);
    let tiny: Vec<usize> = {
        let mut t: Vec<usize> = small.iter().map(|x| x.1).collect();
        t.dedup();
        t.sort();
        t.dedup();
        t
    };
    let mut def = Definition::from_prefix("Stadtteile", &atlas.units.keys, 2);
    let year = *atlas.years.last().unwrap();
    let p = ClassifyParams::for_atlas(&atlas, &atlas.indicators);
    let agg = derive::aggregate(&atlas, &atlas.indicators, &def);
    let rule = SmallNumbers::default();
    let table = derive::area_table(&atlas, &atlas.indicators, &def, &agg, &p, year, &rule);
    // Stadtteile hold enough cases: nothing withheld there, but a tiny block's count is the
    // Stadtteil's sum minus its other blocks: flagged.
    assert!(table.rows.iter().all(|r| r.withheld.iter().all(|w| !w)));
    assert!(!table.recoverable.is_empty());
    for r in &table.recoverable {
        assert!(tiny.contains(&r.unit), "{r:?}");
    }
    // A Sozialraum of one tiny block: its own small sums are withheld.
    let u = tiny[0];
    def.areas.push(def.areas[0].clone());
    let last = def.areas.len() as u32 - 1;
    def.areas[last as usize].name = "Winzig".into();
    def.assign[u] = Some(last);
    let agg = derive::aggregate(&atlas, &atlas.indicators, &def);
    let table = derive::area_table(&atlas, &atlas.indicators, &def, &agg, &p, year, &rule);
    let row = table.rows.iter().find(|r| r.name == "Winzig").unwrap();
    assert!(row.withheld.iter().any(|w| *w));
    for (v, w) in row.values.iter().zip(&row.withheld) {
        if *w {
            assert_eq!(*v, None);
        }
    }
}

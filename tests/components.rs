//! Component tests in headless Chromium (wasm-bindgen-test, run by `scripts/test.sh` with
//! `cargo test --target wasm32-unknown-unknown`). They mount real components on the demo town and
//! check what the DOM shows and how it reacts to signals.
#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use sozialatlas::components::{Legend, MapView};
use sozialatlas::state::AppState;
use sozialatlas_core::demo;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn container() -> web_sys::HtmlElement {
    let doc = document();
    let div = doc.create_element("div").unwrap();
    doc.body().unwrap().append_child(&div).unwrap();
    div.unchecked_into()
}

fn attrs(root: &web_sys::HtmlElement, selector: &str, attr: &str) -> Vec<String> {
    let list = root.query_selector_all(selector).unwrap();
    (0..list.length())
        .map(|i| {
            list.item(i)
                .unwrap()
                .unchecked_into::<web_sys::Element>()
                .get_attribute(attr)
                .unwrap_or_default()
        })
        .collect()
}

fn texts(root: &web_sys::HtmlElement, selector: &str) -> Vec<String> {
    let list = root.query_selector_all(selector).unwrap();
    (0..list.length())
        .map(|i| list.item(i).unwrap().text_content().unwrap_or_default())
        .collect()
}

async fn tick() {
    // Let the reactive system flush its effects.
    leptos::task::tick().await;
}

#[wasm_bindgen_test]
async fn map_has_one_keyed_classed_path_per_unit_and_follows_the_indicator() {
    let atlas = demo::musterstadt();
    let n = atlas.units.len();
    let expected_keys = atlas.units.keys.clone();
    let state = AppState::new(atlas);
    let root = container();
    let _handle = leptos::mount::mount_to(root.clone(), move || view! { <MapView state=state /> });
    tick().await;

    assert_eq!(attrs(&root, "path[data-key]", "data-key"), expected_keys);
    let before = attrs(&root, "path[data-key]", "data-class");
    assert_eq!(before.len(), n);
    let expected: Vec<String> = state
        .choropleth
        .get_untracked()
        .classes
        .iter()
        .map(|c| c.map_or("na".into(), |c| c.to_string()))
        .collect();
    assert_eq!(before, expected, "data-class shows the core's classes");

    // "Einwohner" is a count with its own classes: the attributes must follow the signal.
    let count = state
        .atlas
        .get_untracked()
        .indicators
        .iter()
        .position(|i| i.id == "einwohner")
        .unwrap();
    state.indicator.set(count);
    tick().await;
    let after = attrs(&root, "path[data-key]", "data-class");
    assert_ne!(after, before);
    let expected: Vec<String> = state
        .choropleth
        .get_untracked()
        .classes
        .iter()
        .map(|c| c.map_or("na".into(), |c| c.to_string()))
        .collect();
    assert_eq!(after, expected);
}

#[wasm_bindgen_test]
async fn legend_rows_count_units_and_use_german_numbers() {
    let atlas = demo::musterstadt();
    let n = atlas.units.len();
    let state = AppState::new(atlas);
    let root = container();
    let _handle = leptos::mount::mount_to(root.clone(), move || view! { <Legend state=state /> });
    tick().await;

    let rows = root.query_selector_all("[data-testid=legend-row]").unwrap();
    assert_eq!(rows.length(), 5);
    let counts: usize = texts(&root, "[data-testid=legend-row] .count")
        .iter()
        .map(|t| t.split(' ').next().unwrap().parse::<usize>().unwrap())
        .sum();
    assert_eq!(counts, n);
    let avg = texts(&root, "[data-testid=city-average]").concat();
    assert!(
        avg.contains("Städtischer Durchschnitt") && avg.contains(','),
        "{avg}"
    );

    state.lang.set(sozialatlas::i18n::Lang::En);
    tick().await;
    let avg = texts(&root, "[data-testid=city-average]").concat();
    assert!(avg.contains("City average") && avg.contains('.'), "{avg}");
}

fn select(root: &web_sys::HtmlElement, testid: &str, value: &str) {
    let el: web_sys::HtmlSelectElement = root
        .query_selector(&format!("[data-testid={testid}]"))
        .unwrap()
        .unwrap()
        .unchecked_into();
    el.set_value(value);
    el.dispatch_event(&web_sys::Event::new("change").unwrap())
        .unwrap();
}

#[wasm_bindgen_test]
async fn indicator_setup_changes_direction_and_the_share_definition() {
    use sozialatlas::components::IndicatorSetup;
    let atlas = demo::musterstadt();
    let state = AppState::new(atlas);
    // "migration" is neutral in the demo: blue palette.
    let migration = state
        .indicators
        .get_untracked()
        .iter()
        .position(|i| i.id == "migration")
        .unwrap();
    state.indicator.set(migration);
    let root = container();
    let _handle = leptos::mount::mount_to(
        root.clone(),
        move || view! { <IndicatorSetup state=state /> },
    );
    tick().await;
    let blue = state.choropleth.get_untracked().colors.clone();
    select(&root, "ind-direction", "bad");
    tick().await;
    assert_eq!(
        state.indicators.get_untracked()[migration].direction,
        sozialatlas_core::model::Direction::HighIsDisadvantage
    );
    assert_ne!(
        state.choropleth.get_untracked().colors,
        blue,
        "disadvantage maps in orange-red"
    );
    // Denominator from inhabitants to inhabitants under 65: the share is recomputed from sums.
    let before = state.choropleth.get_untracked().city_average.value.unwrap();
    select(&root, "ind-denominator", "ew_unter_65");
    tick().await;
    let after = state.choropleth.get_untracked().city_average.value.unwrap();
    assert!(
        after > before,
        "smaller denominator, larger share: {before} -> {after}"
    );
}

#[wasm_bindgen_test]
async fn profile_follows_the_selection_and_its_ranks_match_the_core() {
    let atlas = demo::musterstadt();
    let k = atlas.indicators.len();
    let state = AppState::new(atlas);
    let root = container();
    let _handle = leptos::mount::mount_to(root.clone(), move || {
        view! { <sozialatlas::components::AreaProfile state=state /> }
    });
    tick().await;
    assert!(root
        .query_selector("[data-testid=area-profile]")
        .unwrap()
        .is_none());
    state.selected.set(Some(7));
    tick().await;
    let atlas = state.atlas.get_untracked();
    assert_eq!(
        texts(&root, "[data-testid=profile-key]"),
        vec![atlas.units.keys[7].clone()]
    );
    assert_eq!(
        root.query_selector_all("[data-testid=profile-table] tbody tr")
            .unwrap()
            .length() as usize,
        k
    );
    let rows = sozialatlas_core::stats::area_profile::area_profile(
        &atlas,
        &atlas.indicators,
        2024,
        7,
        &state.withheld.get_untracked(),
    );
    let ranks = texts(&root, "[data-testid=profile-table] tbody td:nth-child(5)");
    let expected: Vec<String> = rows
        .iter()
        .map(|r| format!("{} von {}", r.rank.unwrap(), r.ranked))
        .collect();
    assert_eq!(ranks, expected);
    // Another area, then none.
    state.selected.set(Some(0));
    tick().await;
    assert_eq!(
        texts(&root, "[data-testid=profile-key]"),
        vec![atlas.units.keys[0].clone()]
    );
    state.selected.set(None);
    tick().await;
    assert!(root
        .query_selector("[data-testid=area-profile]")
        .unwrap()
        .is_none());
}

/// Drawing: a stroke painted live is one undo step, the running tally always equals a fresh
/// aggregation, and the map's overlay draws outlines only between different Sozialräume.
#[wasm_bindgen_test]
async fn drawing_keeps_tally_history_and_outline_in_step() {
    use sozialatlas_core::sozialraum::aggregate::Tally;
    use sozialatlas_core::sozialraum::definition::Definition;
    let atlas = demo::musterstadt();
    let n = atlas.units.len();
    let state = AppState::new(atlas);
    state.mode.set(sozialatlas::state::Mode::Define);
    let root = container();
    let _handle = leptos::mount::mount_to(root.clone(), move || view! { <MapView state=state /> });
    let d = state.define;
    let a = state.atlas.get_untracked();
    let keys = a.units.keys.clone();
    d.add(
        Definition::from_prefix("Stadtteile", &keys, 2),
        sozialatlas_core::sozialraum::session::Origin::Own,
    );
    tick().await;
    let outline =
        |root: &web_sys::HtmlElement| attrs(root, "[data-testid=sozialraum-outline]", "d")[0].len();
    let before_outline = outline(&root);
    assert!(before_outline > 100);
    let classes_before = attrs(&root, "path[data-key]", "data-class");
    // One stroke over the first ten units into Sozialraum 0, in three pieces.
    for chunk in [0..3usize, 3..7, 7..10] {
        let units: Vec<usize> = chunk.collect();
        d.paint_live(&units, Some(0));
    }
    d.end_stroke();
    tick().await;
    let painted = attrs(&root, "path[data-key]", "data-class");
    let first = d
        .session
        .with_untracked(|s| s.definitions[0].areas[0].name.clone());
    assert!(painted[..10].iter().all(|c| *c == first));
    assert_eq!(d.history_len(), (1, 0));
    // The running tally equals a fresh one.
    let def = d.session.with_untracked(|s| s.definitions[0].clone());
    let cat = &a.indicators;
    let running = d.aggregated(&a, cat).unwrap();
    let fresh = Tally::new(&a, cat, &def).atlas(&a, cat, &def, None);
    assert_eq!(running.table, fresh.table);
    // One undo takes the whole stroke back.
    d.undo_redo(false);
    tick().await;
    assert_eq!(attrs(&root, "path[data-key]", "data-class"), classes_before);
    assert_eq!(outline(&root), before_outline);
    assert_eq!(d.history_len(), (0, 1));
    let def = d.session.with_untracked(|s| s.definitions[0].clone());
    assert_eq!(
        d.aggregated(&a, cat).unwrap().table,
        Tally::new(&a, cat, &def).atlas(&a, cat, &def, None).table
    );
    // Everything in one Sozialraum: only the outer edge remains as outline.
    let all: Vec<usize> = (0..n).collect();
    d.paint_live(&all, Some(0));
    d.end_stroke();
    tick().await;
    assert!(outline(&root) < before_outline);
    assert!(attrs(&root, "path[data-key]", "data-class")
        .iter()
        .all(|c| *c == first));
}

/// The texts of a colouring that keeps its tooltips made.
fn made(tips: &sozialatlas::coloring::Tips) -> &[std::sync::Arc<str>] {
    tips.made()
        .unwrap_or_else(|| panic!("tooltips not made: {tips:?}"))
}

#[wasm_bindgen_test]
fn explore_tooltips_are_made_on_demand_and_compared_by_their_source() {
    use sozialatlas::coloring::{explore, Tips};
    use sozialatlas::i18n::Lang;
    use sozialatlas_core::project::derive;
    use std::sync::Arc;
    let atlas = Arc::new(demo::musterstadt());
    let spec = atlas.indicators[0].clone();
    let year = *atlas.years.last().unwrap();
    let w = derive::withheld(&atlas, &atlas.indicators, &Default::default());
    let c = Arc::new(derive::explore_map(
        &atlas,
        &spec,
        &Default::default(),
        year,
        &w,
    ));
    let one = explore(&atlas, &spec, &c, String::new(), None, 3.0, Lang::De);
    assert!(matches!(one.tip, Tips::OnDemand { .. }));
    assert_eq!(one.tip.len(), atlas.units.len());
    // The area with the highest value is ranked first, by name, with its difference to the
    // average.
    let top = (0..atlas.units.len())
        .filter(|&i| c.values[i].is_some())
        .max_by(|&a, &b| c.values[a].unwrap().total_cmp(&c.values[b].unwrap()))
        .unwrap();
    let text = one.tip.get(top).unwrap();
    assert!(
        text.starts_with(&format!("{}: ", atlas.units.names[top])),
        "{text}"
    );
    assert!(text.contains(" · Rang 1 von "), "{text}");
    assert!(text.ends_with(" zum Ø"), "{text}");
    assert_eq!(one.tip.get(atlas.units.len()), None);
    // A copy shares its source; the same results coloured again are a new source (a change).
    let copy = one.clone();
    let source = one.tip.source(top).unwrap();
    assert!(copy.tip.comes_from(top, &source) && copy == one);
    let again = explore(&atlas, &spec, &c, String::new(), None, 3.0, Lang::De);
    assert!(!again.tip.comes_from(top, &source) && again != one);
    assert_eq!(again.tip.get(top), one.tip.get(top));
}

#[wasm_bindgen_test]
fn define_colouring_redoes_only_changed_units_and_equals_a_whole_rebuild() {
    use sozialatlas::coloring::{define, DefineColoring};
    use sozialatlas::i18n::Lang;
    use sozialatlas_core::sozialraum::definition::{Definition, Sozialraum};
    use std::sync::Arc;
    let atlas = Arc::new(demo::musterstadt());
    let n = atlas.units.len();
    let area = |name: &str, color: &str| Sozialraum {
        name: name.into(),
        color: color.into(),
        locked: false,
    };
    let mut def = Definition {
        name: "Entwurf".into(),
        areas: vec![area("Nord", "#8dd3c7"), area("Süd", "#ffffb3")],
        assign: vec![None; n],
    };
    let mut prev = DefineColoring::update(None, &atlas, &def, Lang::De);
    assert_eq!(*prev.coloring, define(&atlas, Some(&def), Lang::De));
    // Brush steps: paint, repaint, erase.
    let steps: Vec<Vec<(usize, Option<u32>)>> = vec![
        vec![(0, Some(0)), (1, Some(0)), (2, Some(0))],
        vec![(2, Some(1)), (3, Some(1))],
        vec![(0, None), (n - 1, Some(1))],
    ];
    for step in steps {
        for &(u, a) in &step {
            def.assign[u] = a;
        }
        let next = DefineColoring::update(Some(&prev), &atlas, &def, Lang::De);
        assert_eq!(*next.coloring, define(&atlas, Some(&def), Lang::De));
        for u in 0..n {
            // Units the step left alone keep their tooltip text (not made again).
            let kept = Arc::ptr_eq(&made(&next.coloring.tip)[u], &made(&prev.coloring.tip)[u]);
            assert_eq!(kept, !step.iter().any(|s| s.0 == u), "unit {u}");
        }
        prev = next;
    }
    // A renamed Sozialraum, another language: everything again.
    def.areas[0].name = "Nordost".into();
    let renamed = DefineColoring::update(Some(&prev), &atlas, &def, Lang::De);
    assert_eq!(*renamed.coloring, define(&atlas, Some(&def), Lang::De));
    assert_eq!(&*renamed.coloring.class[1], "Nordost");
    let english = DefineColoring::update(Some(&renamed), &atlas, &def, Lang::En);
    assert_eq!(*english.coloring, define(&atlas, Some(&def), Lang::En));
    // Another data set with as many units is not mistaken for the old one.
    let other = Arc::new(demo::musterstadt());
    let again = DefineColoring::update(Some(&english), &other, &def, Lang::En);
    assert!(!Arc::ptr_eq(
        &made(&again.coloring.tip)[5],
        &made(&english.coloring.tip)[5]
    ));
}

/// A load's workers started ahead while its files arrive: each job takes the one started and
/// sized for it, even when the other runs first; other jobs take one already running, else the
/// oldest. The map's worker sets aside what its read and join need, the table's more per byte
/// (a table's cells take more room than a map's coordinates), neither more than the cap.
#[wasm_bindgen_test]
fn each_job_takes_the_worker_started_for_it() {
    use sozialatlas::io::worker::{pick, reserve_for, Ahead, Job};
    let waiting = [(Ahead::Table, true), (Ahead::Map, false)];
    assert_eq!(pick(&waiting, Job::Load), Some(1));
    assert_eq!(pick(&waiting, Job::LoadTable), Some(0));
    assert_eq!(pick(&waiting[1..], Job::LoadTable), Some(0));
    assert_eq!(
        pick(&[(Ahead::Map, false), (Ahead::Table, true)], Job::Propose),
        Some(1)
    );
    assert_eq!(
        pick(&[(Ahead::Map, false), (Ahead::Table, false)], Job::Typology),
        Some(0)
    );
    assert_eq!(pick(&[], Job::Load), None);
    let (map, table) = (68e6, 24e6);
    assert!(reserve_for(Ahead::Map, map) > 217e6 && reserve_for(Ahead::Map, map) < 300e6);
    assert!(reserve_for(Ahead::Table, table) > 150e6 && reserve_for(Ahead::Table, table) < 250e6);
    assert_eq!(reserve_for(Ahead::Map, 0.0), 0.0);
    assert_eq!(reserve_for(Ahead::Table, 1e9), 384e6);
}

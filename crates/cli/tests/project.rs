//! `--project`: every data-reading command on a project file saved by the app (the format-1
//! fixture of the demo town, two definitions): the clusters the app showed, the project's
//! definitions by name, `project show`.

mod common;

use common::run;

use std::collections::HashMap;
use std::path::PathBuf;

fn fixture(name: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../core/tests/fixtures/format1")
        .join(name)
        .display()
        .to_string()
}

fn expected(which: &str, mode: &str) -> HashMap<String, String> {
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(fixture("expected.json")).unwrap()).unwrap();
    v[which][mode]
        .as_object()
        .unwrap()
        .iter()
        .map(|(k, c)| (k.clone(), c.as_str().unwrap().to_string()))
        .collect()
}

fn csv_map(out: &str) -> HashMap<String, String> {
    out.lines()
        .skip(1)
        .map(|l| {
            let f: Vec<&str> = l.trim_end().split(',').collect();
            (f[0].to_string(), f.last().unwrap().to_string())
        })
        .collect()
}

#[test]
fn cluster_with_a_project_prints_the_clusters_the_app_showed() {
    let p = fixture("demo-files-key.sozialatlas.json");
    let (code, out, err) = run(&["cluster", "--project", &p]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(csv_map(&out), expected("files_key", "cluster"));
}

#[test]
fn project_show_lists_setup_definitions_and_view() {
    let p = fixture("demo-files-key.sozialatlas.json");
    let (code, out, err) = run(&["project", "show", &p]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["units"], 58);
    assert_eq!(v["data"]["map_key"], "schluessel");
    assert_eq!(v["view"]["mode"], "cluster");
    let defs = v["definitions"].as_array().unwrap();
    assert_eq!(defs.len(), 2);
    assert_eq!(defs[1]["name"], "Einteilung 2");
    assert!(defs[0]["sozialraeume"].as_u64().unwrap() > 1);
    let inds = v["indicators"].as_array().unwrap();
    assert!(inds
        .iter()
        .any(|i| i["id"] == "sgb2" && i["direction"] == "bad"));
}

#[test]
fn definitions_are_named_and_unknown_names_are_listed() {
    let p = fixture("demo-files-key.sozialatlas.json");
    let out = std::env::temp_dir().join(format!(
        "sozialatlas-project-{}.geojson",
        std::process::id()
    ));
    let o = out.display().to_string();
    let (code, _, err) = run(&[
        "dissolve",
        "--project",
        &p,
        "--assign",
        "Einteilung 1",
        "--out",
        &o,
    ]);
    assert_eq!(code, 0, "{err}");
    let fc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    assert!(fc["features"].as_array().unwrap().len() > 1);
    let (code, _, err) = run(&["dissolve", "--project", &p, "--assign", "Nord", "--out", &o]);
    assert_eq!(code, 2);
    assert!(err.contains("„Einteilung 1“, „Einteilung 2“"), "{err}");
    // The compared pair of the project by default.
    let (code, out, err) = run(&["compare", "--project", &p]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["a"]["file"], "Einteilung 1");
    assert_eq!(
        v["changed"].as_array().unwrap().len(),
        3,
        "three blocks moved in the copy"
    );
    // A project is no table: --project with --table is refused by the parser.
    let (code, _, _) = run(&["classify", "--project", &p, "--table", "x.csv"]);
    assert_eq!(code, 2);
}

#[test]
fn band_with_a_project_uses_the_apps_city_average() {
    use sozialatlas_core::project::{self, codec, derive, Inputs, Project};
    // A project of the built-in demo town: its shares have numerator and denominator.
    let demo = sozialatlas_core::demo::musterstadt();
    let saved = Project::for_atlas(&demo, Inputs::default());
    let p = std::env::temp_dir().join(format!("band-{}.sozialatlas.json", std::process::id()));
    std::fs::write(&p, codec::project_file(&saved, &demo.units.keys)).unwrap();
    let (inputs, packed) = codec::read_project_file(&std::fs::read(&p).unwrap()).unwrap();
    let opened = project::open(&inputs, Some(&packed)).unwrap();
    let (atlas, proj) = (&opened.atlas, &opened.project);
    let spec = proj.indicator("sgb2_quote").unwrap();
    assert!(spec.numerator.is_some() && spec.denominator.is_some());
    let withheld = derive::withheld(atlas, &proj.catalogue.indicators, &proj.small_numbers);
    let app = derive::bands(atlas, spec, proj.year(atlas), &withheld);
    let (code, out, err) = run(&[
        "classify",
        "--project",
        &p.display().to_string(),
        "--method",
        "band",
        "--indicators",
        "sgb2_quote",
        "--format",
        "json",
    ]);
    std::fs::remove_file(&p).ok();
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let avg = &v["averages"][0];
    assert_eq!(avg["method"], "ratio-of-sums");
    assert_eq!(avg["city_average"].as_f64(), app.average.value);
    // Every area's band as the app's Einordnen map shows it.
    for (i, key) in atlas.units.keys.iter().enumerate() {
        let row = v["rows"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["key"] == key.as_str())
            .unwrap();
        let shown = match app.withheld[i] {
            true => sozialatlas_core::stats::suppress::WITHHELD,
            false => app.bands[i].map_or(
                sozialatlas_core::stats::index::WITHOUT_CLASS,
                sozialatlas_core::stats::band::Band::label_de,
            ),
        };
        assert_eq!(row["sgb2_quote"]["class"], shown, "{key}");
    }
}

#[test]
fn small_numbers_are_withheld_in_every_output_unless_no_suppress() {
    use sozialatlas_core::project::{self, codec, derive, Inputs, Project};
    use sozialatlas_core::stats::suppress::WITHHELD;
    // The demo town's tiny blocks (85 and 210 inhabitants) have counts of 1 and 2.
    let demo = sozialatlas_core::demo::musterstadt();
    let saved = Project::for_atlas(&demo, Inputs::default());
    let p = std::env::temp_dir().join(format!("small-{}.sozialatlas.json", std::process::id()));
    std::fs::write(&p, codec::project_file(&saved, &demo.units.keys)).unwrap();
    let path = p.display().to_string();
    let (inputs, packed) = codec::read_project_file(&std::fs::read(&p).unwrap()).unwrap();
    let opened = project::open(&inputs, Some(&packed)).unwrap();
    let (atlas, proj) = (&opened.atlas, &opened.project);
    let cat = &proj.catalogue.indicators;
    let year = proj.year(atlas);
    let withheld = derive::withheld(atlas, cat, &proj.small_numbers);
    let ids: Vec<&str> = cat.iter().map(|s| s.id.as_str()).collect();
    // (indicator, key) pairs the rule withholds, found by the core.
    let mut hidden: Vec<(String, String)> = vec![];
    for s in cat {
        for (u, w) in withheld.indicator(atlas, s, year).iter().enumerate() {
            if *w {
                hidden.push((s.id.clone(), atlas.units.keys[u].clone()));
            }
        }
    }
    assert!(!hidden.is_empty());
    let list = ids.join(",");
    for (extra, suppress) in [(None, true), (Some("--no-suppress"), false)] {
        let mut args = vec!["classify", "--project", &path, "--method", "band"];
        args.extend(["--indicators", &list, "--format", "json"]);
        args.extend(extra);
        let (code, out, err) = run(&args);
        assert_eq!(code, 0, "{err}");
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        for (id, key) in &hidden {
            let row = v["rows"]
                .as_array()
                .unwrap()
                .iter()
                .find(|r| r["key"] == key.as_str())
                .unwrap();
            if suppress {
                assert_eq!(row[id]["value"], WITHHELD, "{id} {key}");
                assert_eq!(row[id]["class"], WITHHELD, "{id} {key}");
            } else {
                assert!(row[id]["value"].is_f64(), "{id} {key}: {}", row[id]);
            }
        }
        // The index: the z-value of a withheld indicator is withheld, the class stays.
        let mut args = vec!["classify", "--project", &path, "--indicators", &list];
        args.extend(extra);
        let (code, out, err) = run(&args);
        assert_eq!(code, 0, "{err}");
        let lines: Vec<Vec<&str>> = out.lines().map(|l| l.split(',').collect()).collect();
        for (id, key) in &hidden {
            let col = lines[0]
                .iter()
                .position(|h| *h == format!("z_{id}"))
                .unwrap();
            let row = lines.iter().find(|r| r[0] == key).unwrap();
            assert_eq!(row[col] == WITHHELD, suppress, "{id} {key}");
            // The sum and the index would give the z back with the moments: withheld too.
            for name in ["sum", "index"] {
                let c = lines[0].iter().position(|h| *h == name).unwrap();
                assert_eq!(row[c] == WITHHELD, suppress, "{name} {key}");
            }
            assert_ne!(*row.last().unwrap(), WITHHELD);
        }
    }
    std::fs::remove_file(&p).ok();
}

#[test]
fn cluster_and_breaks_at_a_level_equal_the_apps_level() {
    use sozialatlas_core::project::{self, codec, derive};
    use sozialatlas_core::sozialraum::topology::Topology;
    let p = fixture("demo-files-key.sozialatlas.json");
    let (inputs, packed) = codec::read_project_file(&std::fs::read(&p).unwrap()).unwrap();
    let opened = project::open(&inputs, Some(&packed)).unwrap();
    let (atlas, proj) = (&opened.atlas, &opened.project);
    let def = &proj.sozialraeume.definitions[0];
    let cat = &proj.catalogue.indicators;
    // The level as the app's analysis views show it.
    let level = derive::dissolved(atlas, cat, def, &Topology::build(&atlas.units.geometry));
    let year = proj.year(atlas);
    let mut params = proj.cluster.clone();
    params.k = params.k.min(level.units.len() - 1).max(2);
    params.refine = false;
    let ty = derive::typology(&level, cat, &params, year).unwrap();
    let k = params.k.to_string();
    let (code, out, err) = run(&[
        "cluster",
        "--project",
        &p,
        "--level",
        &def.name,
        "--k",
        &k,
        "--method",
        "ward",
    ]);
    assert_eq!(code, 0, "{err}");
    let got = csv_map(&out);
    assert_eq!(got.len(), level.units.len());
    for (i, key) in level.units.keys.iter().enumerate() {
        let want = ty.labels[i].map_or(String::new(), |c| (c + 1).to_string());
        assert_eq!(got[key], want, "{key}");
    }
    // Breaks of the Sozialräume's first indicator.
    let spec = &cat[0];
    let values = level.indicator_values(spec, year);
    let b = sozialatlas_core::map::classes::Scheme::Equal
        .breaks(&values, 3, &[], None)
        .unwrap();
    let (code, out, err) = run(&[
        "breaks",
        "--project",
        &p,
        "--level",
        &def.name,
        "--column",
        &spec.id,
        "--scheme",
        "equal",
        "--k",
        "3",
    ]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        v["n"].as_u64().unwrap() as usize,
        values.iter().flatten().count()
    );
    let upper: Vec<f64> = v["breaks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_f64().unwrap())
        .collect();
    assert_eq!(upper, b.upper);
}

//! A real map and table read as the app's worker reads them, sent in parts and put together
//! again: the page gets exactly what an in-page read gives (Berlin's 542 Planungsräume with the
//! MSS table; Flensburg's Stadtteile with their Windows-1252 table).

use sozialatlas_core::project::transfer::{encode, Assembly, Opened};
use sozialatlas_core::project::{load, DataSource, InputFile, Inputs, ReadSettings};
use std::path::PathBuf;

fn file(rel: &str) -> InputFile {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data")
        .join(rel);
    let bytes = std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
    InputFile::new(p.file_name().unwrap().to_str().unwrap(), bytes)
}

fn roundtrip(map: &str, table: &str) {
    let inputs = Inputs {
        source: DataSource::Files,
        map: Some(file(map)),
        table: Some(file(table)),
        points: vec![],
        read: ReadSettings::default(),
    };
    let here = Opened::of(load(&inputs, None).unwrap());
    let (head, parts) = encode(here.clone(), 5);
    assert!(parts.len() > 1, "{map}: more than one part");
    let mut a = Assembly::start(&head).unwrap();
    for p in &parts {
        a.add(p).unwrap();
    }
    let there = a.finish().unwrap();
    assert!(there.atlas == here.atlas, "the atlas arrives as read");
    assert_eq!(there.read, here.read);
    assert_eq!(there.summary, here.summary);
    assert_eq!(there.warnings, here.warnings);
    assert!(here.summary.is_some());
}

#[test]
fn berlin_arrives_as_read() {
    roundtrip(
        "berlin-lor2021-mss2021/lor_planungsraeume_2021_epsg25833.geojson",
        "berlin-lor2021-mss2021/mss_2021_indizes_plr.csv",
    );
}

#[test]
fn flensburg_arrives_as_read() {
    roundtrip(
        "flensburg-sozialatlas/flensburg_stadtteile_epsg25832.geojson",
        "flensburg-sozialatlas/flensburg_sozialatlas_2022_wide.csv",
    );
}

#[test]
fn a_proposal_sent_to_a_worker_gives_the_same_regions() {
    use sozialatlas_core::project::transfer::{from_bytes, to_bytes};
    use sozialatlas_core::sozialraum::regionalize::{standardise, Job, Params, Regions};
    use sozialatlas_core::sozialraum::topology::Topology;
    let atlas = sozialatlas_core::demo::synthetic(30, 20, 3, 7);
    let topo = Topology::build(&atlas.units.geometry);
    let columns: Vec<Vec<Option<f64>>> = ["ind_01", "ind_02", "ind_03"]
        .iter()
        .map(|c| atlas.table.numbers(c).unwrap().to_vec())
        .collect();
    let job = Job {
        neighbours: topo.neighbours.clone(),
        x: standardise(&columns),
        population: atlas.table.numbers("einwohner").unwrap().to_vec(),
        params: Params {
            min_pop: 5_000.0,
            seed: 3,
            iterations: 9,
        },
    };
    let run = |job: &Job| {
        let mut p = job.start().unwrap();
        while p.step() {}
        p.finish()
    };
    let here = run(&job);
    let there: Job = from_bytes(&to_bytes(&job), 0).unwrap();
    assert_eq!(there, job);
    let back: Regions = from_bytes(&to_bytes(&run(&there)), 1).unwrap();
    assert_eq!(back, here);
    assert!(here.p > 10, "{} regions", here.p);
}

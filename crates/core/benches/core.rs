//! Criterion benchmarks of the core. Each checks its result (unit counts, a checksum) so a fast
//! wrong answer cannot pass for a fast right one. Run: `cargo bench -p sozialatlas-core`.
//! Real data is read from ../shared/data (Berlin); synthetic data is generated deterministically.

use criterion::{criterion_group, criterion_main, Criterion};
use sozialatlas_core::cluster::{kmeans, ward, Matrix};
use sozialatlas_core::demo;
use sozialatlas_core::ingest::{csv, geojson};
use sozialatlas_core::map::classes;
use sozialatlas_core::map::geometry::{Bounds, Frame};
use sozialatlas_core::model::ColumnValues;
use std::hint::black_box;
use std::path::PathBuf;

fn shared(rel: &str) -> Vec<u8> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data")
        .join(rel);
    std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

/// Rows x 12 standardised-looking indicators from the synthetic generator.
fn matrix(cols: usize, rows: usize) -> Matrix {
    let atlas = demo::synthetic(cols, rows, 12, 1);
    let columns: Vec<&Vec<Option<f64>>> = atlas
        .table
        .columns
        .iter()
        .skip(1)
        .map(|c| match &c.values {
            ColumnValues::Number(v) => v,
            ColumnValues::Text(_) => unreachable!(),
        })
        .collect();
    let data: Vec<Vec<f64>> = (0..cols * rows)
        .map(|i| columns.iter().map(|c| c[i].unwrap_or(0.0)).collect())
        .collect();
    Matrix::from_rows(&data).unwrap()
}

fn ingest(c: &mut Criterion) {
    let berlin = shared("berlin-lor2021-mss2021/lor_planungsraeume_2021_epsg25833.geojson");
    let berlin_wgs = shared("berlin-lor2021-mss2021/lor_planungsraeume_2021_wgs84.geojson");
    let table = shared("berlin-lor2021-mss2021/mss_2021_index_indikatoren_plr.csv");
    c.bench_function("ingest/berlin_geojson_25833_542", |b| {
        b.iter(|| {
            let l = geojson::read("plr.geojson", black_box(&berlin), None).unwrap();
            assert_eq!(l.features.len(), 542);
        })
    });
    c.bench_function("ingest/berlin_geojson_wgs84_reproject_542", |b| {
        b.iter(|| {
            let l = geojson::read("plr.geojson", black_box(&berlin_wgs), None).unwrap();
            assert_eq!(l.planar.len(), 542);
        })
    });
    // The SVG path data of the map (what the app draws after every load).
    let layer = geojson::read("plr.geojson", &berlin, None).unwrap();
    let frame = Frame::fit(Bounds::of(&layer.planar).unwrap());
    c.bench_function("render/berlin_svg_paths_542", |b| {
        b.iter(|| {
            let d: usize = black_box(&layer.planar)
                .iter()
                .map(|g| frame.path(g).len())
                .sum();
            assert!(d > 100_000);
        })
    });
    c.bench_function("ingest/berlin_mss_csv_542", |b| {
        b.iter(|| assert_eq!(csv::read("mss.csv", black_box(&table)).unwrap().rows(), 542))
    });
    let big = demo::synthetic(320, 313, 12, 1);
    let text = sozialatlas_core::export::geojson(&big, "key").to_string();
    let mut group = c.benchmark_group("ingest_large");
    group.sample_size(10);
    group.bench_function("synthetic_geojson_100160_units", |b| {
        b.iter(|| {
            assert_eq!(
                geojson::read("big.geojson", black_box(text.as_bytes()), None)
                    .unwrap()
                    .features
                    .len(),
                100_160
            )
        })
    });
    group.finish();
}

fn map_classes(c: &mut Criterion) {
    let values: Vec<Option<f64>> = {
        let m = matrix(320, 313);
        (0..m.n).map(|i| Some(m.row(i)[0])).collect()
    };
    let mut group = c.benchmark_group("classes");
    group.sample_size(10);
    group.bench_function("fisher_jenks_100160_k6", |b| {
        b.iter(|| assert_eq!(classes::fisher_jenks(black_box(&values), 6).unwrap().k(), 6))
    });
    group.bench_function("quantiles_100160_k6", |b| {
        b.iter(|| assert_eq!(classes::quantiles(black_box(&values), 6).unwrap().k(), 6))
    });
    group.finish();
}

fn clustering(c: &mut Criterion) {
    let small = matrix(40, 25);
    let large = matrix(200, 100);
    let mut group = c.benchmark_group("cluster");
    group.sample_size(10);
    group.bench_function("ward_1000x12", |b| {
        b.iter(|| assert_eq!(ward::ward(black_box(&small)).merges.len(), 999))
    });
    group.bench_function("kmeans_1000x12_k5", |b| {
        b.iter(|| {
            assert_eq!(
                kmeans::kmeans(black_box(&small), &kmeans::KMeansParams::new(5))
                    .unwrap()
                    .labels
                    .len(),
                1000
            )
        })
    });
    // Ten starts: scikit-learn's n_init=10, for the side-by-side row (the default is 40); one
    // start: the quality-matched row (its inertia beside scikit-learn's in BENCHMARKS.md).
    for (name, x, restarts) in [
        ("kmeans_1000x12_k5_10starts", &small, 10),
        ("kmeans_20000x12_k5_10starts", &large, 10),
        ("kmeans_20000x12_k5_1start", &large, 1),
    ] {
        group.bench_function(name, |b| {
            b.iter(|| {
                kmeans::kmeans(
                    black_box(x),
                    &kmeans::KMeansParams::new(5).restarts(restarts),
                )
                .unwrap()
                .inertia
            })
        });
    }
    group.bench_function("ward_20000x12", |b| {
        b.iter(|| assert_eq!(ward::ward(black_box(&large)).merges.len(), 19_999))
    });
    group.bench_function("kmeans_20000x12_k5", |b| {
        b.iter(|| {
            assert_eq!(
                kmeans::kmeans(black_box(&large), &kmeans::KMeansParams::new(5))
                    .unwrap()
                    .labels
                    .len(),
                20_000
            )
        })
    });
    group.finish();
}

/// The group of synthetic unit `u` of a `cols`-wide grid: blocks of 5 x 2 cells (100,160 units
/// give 10,048 groups). The same rule is in `examples/bench_data.rs` for the peers.
fn block(u: usize, cols: usize) -> u32 {
    let (i, j) = (u % cols, u / cols);
    ((j / 2) * cols.div_ceil(5) + i / 5) as u32
}

fn sozialraum(c: &mut Criterion) {
    use sozialatlas_core::sozialraum::definition::Definition;
    use sozialatlas_core::sozialraum::regionalize::{max_p, standardise, Params};
    use sozialatlas_core::sozialraum::topology::Topology;
    let big = demo::synthetic(320, 313, 12, 1);
    let n = big.units.len();
    let groups: Vec<Option<u32>> = (0..n).map(|u| Some(block(u, 320))).collect();
    let n_groups = *groups.iter().flatten().max().unwrap() as usize + 1;
    let mut group = c.benchmark_group("sozialraum");
    group.sample_size(10);
    group.bench_function("topology_100160", |b| {
        b.iter(|| assert_eq!(Topology::build(black_box(&big.units.geometry)).len(), n))
    });
    let topo = Topology::build(&big.units.geometry);
    group.bench_function("dissolve_100160_into_10048", |b| {
        b.iter(|| {
            let d = topo.dissolve(&big.units.geometry, black_box(&groups), n_groups);
            assert_eq!(d.len(), 10_048);
        })
    });
    // A brush stroke over 50 units on 10,000: paint, running tally, outline path data.
    let mid = demo::synthetic(100, 100, 12, 1);
    let mid_topo = Topology::build(&mid.units.geometry);
    let labels: Vec<Option<String>> = (0..mid.units.len())
        .map(|u| Some(block(u, 100).to_string()))
        .collect();
    let def = Definition::from_labels("b", &labels);
    let frame = sozialatlas_core::map::geometry::Frame::fit(
        sozialatlas_core::map::geometry::Bounds::of(&mid.units.geometry).unwrap(),
    );
    let arcs: Vec<String> = mid_topo
        .arcs
        .iter()
        .map(|a| {
            let mut d = String::new();
            for (i, c) in a.coords.iter().enumerate() {
                let (x, y) = frame.project(c.x, c.y);
                d.push_str(&format!("{}{x:.1} {y:.1}", if i == 0 { 'M' } else { 'L' }));
            }
            d
        })
        .collect();
    let stroke: Vec<usize> = (0..50).map(|k| 5000 + k).collect();
    group.bench_function("brush_stroke_50_of_10000", |b| {
        b.iter_batched(
            || {
                (
                    def.clone(),
                    sozialatlas_core::sozialraum::aggregate::Tally::new(
                        &mid,
                        &mid.indicators,
                        &def,
                    ),
                )
            },
            |(mut d, mut tally)| {
                let edit = d.paint(&stroke, Some(0)).unwrap();
                if let sozialatlas_core::sozialraum::definition::Edit::Assign(old) = d.apply(edit) {
                    for (u, was) in old {
                        tally.move_unit(u as usize, was, d.assign[u as usize]);
                    }
                }
                let mut path = String::new();
                for i in mid_topo.boundary_indices(&d.assign) {
                    path.push_str(&arcs[i]);
                }
                assert!(path.len() > 1000);
                tally.counts()[0]
            },
            criterion::BatchSize::SmallInput,
        )
    });
    let cols: Vec<Vec<Option<f64>>> = mid
        .table
        .columns
        .iter()
        .filter(|c| c.name.starts_with("ind_"))
        .take(4)
        .map(|c| match &c.values {
            ColumnValues::Number(v) => v.clone(),
            ColumnValues::Text(_) => unreachable!(),
        })
        .collect();
    let pop = mid.table.numbers("einwohner").unwrap().to_vec();
    let x = standardise(&cols);
    let params = Params {
        min_pop: 20_000.0,
        seed: 1,
        iterations: 99,
    };
    group.bench_function("max_p_10000_floor_20000", |b| {
        b.iter(|| {
            let r = max_p(
                &mid_topo.neighbours,
                black_box(&x),
                &pop,
                &params,
                &mut |_| {},
            )
            .unwrap();
            assert!(r.p > 10);
        })
    });
    group.finish();
}

/// Facilities: 10,000 seeded points on 100,160 units (index and point in polygon), and a Zensus
/// grid of 3 million cells streamed and clipped to the demo town.
fn facilities(c: &mut Criterion) {
    use rand::{Rng, SeedableRng};
    use sozialatlas_core::facilities::{self, assign, grid, Facility, PointLayer, PointSettings};
    use sozialatlas_core::map::index::HitIndex;
    let mut group = c.benchmark_group("facilities");
    group.sample_size(10);
    let big = demo::synthetic(320, 313, 12, 1);
    let t = facilities::target(&big.units).unwrap();
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(19);
    let layer = PointLayer {
        file: "p.csv".into(),
        label: "p".into(),
        settings: PointSettings::default(),
        source_crs: t.crs,
        points: (0..10_000)
            .map(|i| Facility {
                line: i + 2,
                id: i.to_string(),
                name: String::new(),
                category: String::new(),
                capacity: None,
                x: rng.random_range(t.bbox[0]..t.bbox[2]),
                y: rng.random_range(t.bbox[1]..t.bbox[3]),
                values: vec![],
            })
            .collect(),
        categories: vec![],
        sums: vec![],
        warnings: vec![],
    };
    group.bench_function("index_100160_units", |b| {
        b.iter(|| HitIndex::build(black_box(&big.units.geometry)))
    });
    let index = HitIndex::build(&big.units.geometry);
    group.bench_function("assign_10000_points_on_100160_units", |b| {
        b.iter(|| {
            let a = assign::assign(&big.units.geometry, &index, black_box(&layer));
            assert!(a.iter().filter(|u| u.is_some()).count() > 9_000);
        })
    });
    // 1,732 x 1,732 cells (3.0 million) around the demo town, as a national file would be.
    let town = demo::musterstadt();
    let text = demo::zensus_grid([4_000_000, 3_080_000, 4_173_200, 3_253_200], false);
    let town_index = HitIndex::build(&town.units.geometry);
    group.bench_function("zensus_grid_3_million_cells_onto_the_demo_town", |b| {
        b.iter(|| {
            let r = grid::read_stream(
                "zensus.csv",
                std::io::Cursor::new(black_box(text.as_bytes())),
                &town.units.geometry,
                &town_index,
                town.units.crs,
                &[],
                |_| {},
            )
            .unwrap();
            assert_eq!(r.progress.cells, 1_732 * 1_732);
            assert!(r.progress.inside > 2_000);
        })
    });
    group.finish();
}

criterion_group!(
    benches,
    ingest,
    map_classes,
    clustering,
    sozialraum,
    facilities
);
criterion_main!(benches);

//! The built-in demo town "Musterstadt": a deterministic generator.
//!
//! Musterstadt is a made-up town on the Lower Rhine (NRW) with about 60 statistical blocks in
//! 10 Stadtteile, in EPSG:25832 (ETRS89 / UTM 32N) coordinates. It exists so that a planner can
//! try the tool without data, and so that tests have a realistic, fixed input.
//!
//! Method:
//! - Geometry: a jittered 10 x 8 grid of 600 m cells. Grid vertices are jittered, and every cell
//!   edge gets one displaced midpoint that both neighbouring cells use, so polygons share *exact*
//!   edges (no gaps, no slivers). A star-shaped outline keeps about 60 cells.
//! - Stadtteile: nearest of 10 fixed seed points (a Voronoi partition of the cells).
//! - Indicators: a smooth latent disadvantage field (poorer north, richer south, two deprived
//!   estates, a villa quarter, low-frequency waves, small per-block noise) drives the rates, so the
//!   data are spatially autocorrelated like real ones. Counts are rates times their denominators,
//!   rounded, for 2023 and 2024; 2024 shows a worsening estate and a slowly improving south.
//! - Two blocks are tiny (an industrial harbour, farmland) to exercise small-number rules.
//!
//! Everything comes from one seeded ChaCha8 generator ([`SEED`]): the same town on every machine.

use crate::model::*;
use geo::{Coord, LineString, MultiPolygon, Polygon};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::collections::BTreeMap;

/// The seed of the demo town.
pub const SEED: u64 = 20_241_231;
/// The years the demo town has data for.
pub const YEARS: [i32; 2] = [2023, 2024];
/// Name of the key column when the demo is exported.
pub const KEY_COLUMN: &str = "schluessel";

const COLS: usize = 10;
const ROWS: usize = 8;
const CELL: f64 = 600.0;
/// South-west corner of the grid in EPSG:25832 (near Voerde, Lower Rhine).
const ORIGIN: (f64, f64) = (336_000.0, 5_713_000.0);

/// Stadtteile: name and seed point in grid-normalised coordinates (u east, v north, 0..1).
const STADTTEILE: [(&str, f64, f64); 10] = [
    ("Altstadt", 0.50, 0.52),
    ("Bahnhofsviertel", 0.36, 0.68),
    ("Nordstadt", 0.56, 0.86),
    ("Hafen", 0.16, 0.80),
    ("Feldmark", 0.86, 0.72),
    ("Westend", 0.14, 0.45),
    ("Ostviertel", 0.84, 0.40),
    ("Lindenhof", 0.28, 0.18),
    ("Südpark", 0.64, 0.16),
    ("Mühlenberg", 0.46, 0.30),
];

/// Column stems of the demo table (each exists as `{stem}_2023` and `{stem}_2024`).
pub mod stems {
    /// Inhabitants.
    pub const EINWOHNER: &str = "einwohner";
    /// Inhabitants under 15.
    pub const U15: &str = "ew_unter_15";
    /// Inhabitants 15 to under 65.
    pub const A15_64: &str = "ew_15_bis_64";
    /// Inhabitants 65 and over.
    pub const A65: &str = "ew_65_plus";
    /// Inhabitants under 65 (denominator of the SGB II rate).
    pub const U65: &str = "ew_unter_65";
    /// Recipients of SGB II benefits (Leistungsberechtigte).
    pub const SGB2: &str = "sgb2";
    /// Registered unemployed.
    pub const ARBEITSLOSE: &str = "arbeitslose";
    /// Children under 15 in SGB II households (Bedarfsgemeinschaften).
    pub const KINDER_SGB2: &str = "kinder_sgb2";
    /// Households with children under 18.
    pub const HH_KINDER: &str = "hh_mit_kindern";
    /// Single-parent households.
    pub const ALLEINERZIEHENDE: &str = "alleinerziehende";
    /// Inhabitants with a migration background.
    pub const MIGRATION: &str = "migrationshintergrund";
}

fn gauss(u: f64, v: f64, cu: f64, cv: f64, sigma: f64) -> f64 {
    (-((u - cu).powi(2) + (v - cv).powi(2)) / (2.0 * sigma * sigma)).exp()
}

/// The latent disadvantage field at grid-normalised position (u, v); about -1.5..2.
fn disadvantage(u: f64, v: f64) -> f64 {
    1.1 * (v - 0.45) + 1.3 * gauss(u, v, 0.28, 0.80, 0.12) + 1.1 * gauss(u, v, 0.84, 0.42, 0.09)
        - 0.9 * gauss(u, v, 0.62, 0.14, 0.14)
        + 0.15 * (7.0 * u + 0.8).sin() * (5.0 * v + 2.1).cos()
}

/// Change of the disadvantage field from 2023 to 2024.
fn disadvantage_change(u: f64, v: f64) -> f64 {
    0.18 * gauss(u, v, 0.84, 0.42, 0.10) - 0.08 * (v < 0.35) as i32 as f64
}

/// Sum of three uniforms on -1..1: a bell-shaped noise on -3..3 with variance 1.
fn noise(rng: &mut ChaCha8Rng) -> f64 {
    (0..3).map(|_| rng.random_range(-1.0..1.0)).sum::<f64>()
}

struct Grid {
    cols: usize,
    vertices: Vec<Coord<f64>>,
    /// Midpoint of the edge from vertex (i, j) to (i + 1, j).
    mid_h: Vec<Coord<f64>>,
    /// Midpoint of the edge from vertex (i, j) to (i, j + 1).
    mid_v: Vec<Coord<f64>>,
}

impl Grid {
    fn new(rng: &mut ChaCha8Rng, cols: usize, rows: usize) -> Grid {
        let vid = |i: usize, j: usize| j * (cols + 1) + i;
        let mut vertices = Vec::with_capacity((cols + 1) * (rows + 1));
        for j in 0..=rows {
            for i in 0..=cols {
                let jx = rng.random_range(-0.22..0.22) * CELL;
                let jy = rng.random_range(-0.22..0.22) * CELL;
                vertices.push(Coord {
                    x: ORIGIN.0 + i as f64 * CELL + jx,
                    y: ORIGIN.1 + j as f64 * CELL + jy,
                });
            }
        }
        let mut mid = |a: Coord<f64>, b: Coord<f64>| {
            let (dx, dy) = (b.x - a.x, b.y - a.y);
            let len = (dx * dx + dy * dy).sqrt();
            let off = rng.random_range(-0.12..0.12) * CELL;
            // Round to centimetres so written and re-read files give the same coordinates.
            let r = |x: f64| (x * 100.0).round() / 100.0;
            Coord {
                x: r((a.x + b.x) / 2.0 - dy / len * off),
                y: r((a.y + b.y) / 2.0 + dx / len * off),
            }
        };
        let mut mid_h = Vec::new();
        for j in 0..=rows {
            for i in 0..cols {
                mid_h.push(mid(vertices[vid(i, j)], vertices[vid(i + 1, j)]));
            }
        }
        let mut mid_v = Vec::new();
        for j in 0..rows {
            for i in 0..=cols {
                mid_v.push(mid(vertices[vid(i, j)], vertices[vid(i, j + 1)]));
            }
        }
        for v in &mut vertices {
            v.x = (v.x * 100.0).round() / 100.0;
            v.y = (v.y * 100.0).round() / 100.0;
        }
        Grid {
            cols,
            vertices,
            mid_h,
            mid_v,
        }
    }

    /// The polygon of cell (i, j), counter-clockwise, sharing vertices and midpoints with its
    /// neighbours.
    fn cell(&self, i: usize, j: usize) -> Polygon<f64> {
        let cols = self.cols;
        let v = |i: usize, j: usize| self.vertices[j * (cols + 1) + i];
        let h = |i: usize, j: usize| self.mid_h[j * cols + i];
        let m = |i: usize, j: usize| self.mid_v[j * (cols + 1) + i];
        let ring = vec![
            v(i, j),
            h(i, j),
            v(i + 1, j),
            m(i + 1, j),
            v(i + 1, j + 1),
            h(i, j + 1),
            v(i, j + 1),
            m(i, j),
            v(i, j),
        ];
        Polygon::new(LineString(ring), vec![])
    }
}

/// Whether grid cell (i, j) belongs to the town: a star-shaped outline around the centre.
fn inside(i: usize, j: usize) -> bool {
    let u = (i as f64 + 0.5) / COLS as f64 - 0.5;
    let v = (j as f64 + 0.5) / ROWS as f64 - 0.5;
    let theta = v.atan2(u);
    let r = 1.0 + 0.13 * (3.0 * theta + 0.7).sin();
    (u / 0.47).powi(2) + (v / 0.50).powi(2) < r * r
}

struct Block {
    i: usize,
    j: usize,
    u: f64,
    v: f64,
    stadtteil: usize,
}

/// Generates Musterstadt. Deterministic: every call returns the same atlas.
pub fn musterstadt() -> Atlas {
    let mut rng = ChaCha8Rng::seed_from_u64(SEED);
    let grid = Grid::new(&mut rng, COLS, ROWS);

    let mut blocks: Vec<Block> = Vec::new();
    for j in (0..ROWS).rev() {
        for i in 0..COLS {
            if !inside(i, j) {
                continue;
            }
            let u = (i as f64 + 0.5) / COLS as f64;
            let v = (j as f64 + 0.5) / ROWS as f64;
            let stadtteil = (0..STADTTEILE.len())
                .min_by(|&a, &b| {
                    let d =
                        |s: usize| (STADTTEILE[s].1 - u).powi(2) + (STADTTEILE[s].2 - v).powi(2);
                    d(a).total_cmp(&d(b))
                })
                .unwrap_or(0);
            blocks.push(Block {
                i,
                j,
                u,
                v,
                stadtteil,
            });
        }
    }
    // Keys: two digits Stadtteil, two digits block, blocks numbered north to south, west to east.
    blocks.sort_by_key(|b| (b.stadtteil, std::cmp::Reverse(b.j), b.i));
    let mut per_st: BTreeMap<usize, usize> = BTreeMap::new();

    let n = blocks.len();
    let mut keys = Vec::with_capacity(n);
    let mut names = Vec::with_capacity(n);
    let mut geometry = Vec::with_capacity(n);
    let mut stadtteil = Vec::with_capacity(n);
    for b in &blocks {
        let no = per_st.entry(b.stadtteil).or_insert(0);
        *no += 1;
        keys.push(format!("{:02}{:02}", b.stadtteil + 1, no));
        names.push(format!("{} {}", STADTTEILE[b.stadtteil].0, no));
        geometry.push(MultiPolygon(vec![grid.cell(b.i, b.j)]));
        stadtteil.push(Some(STADTTEILE[b.stadtteil].0.to_string()));
    }

    // Per-block latent values, drawn in block order so they do not depend on the grid loop.
    let d23: Vec<f64> = blocks
        .iter()
        .map(|b| disadvantage(b.u, b.v) + 0.12 * noise(&mut rng))
        .collect();
    let d24: Vec<f64> = blocks
        .iter()
        .zip(&d23)
        .map(|(b, d)| d + disadvantage_change(b.u, b.v) + 0.04 * noise(&mut rng))
        .collect();
    let pop23: Vec<f64> = blocks
        .iter()
        .map(|b| {
            let centre = gauss(b.u, b.v, 0.5, 0.5, 0.2);
            let estates = gauss(b.u, b.v, 0.28, 0.80, 0.1) + gauss(b.u, b.v, 0.84, 0.42, 0.08);
            (380.0 + 900.0 * centre + 500.0 * estates + 60.0 * noise(&mut rng)).max(150.0)
        })
        .collect();
    let pop24: Vec<f64> = pop23
        .iter()
        .map(|p| p * (1.0 + 0.004 + 0.01 * noise(&mut rng)))
        .collect();
    // The two tiny blocks: the westernmost harbour block and the easternmost farmland block.
    let tiny = |st: &str, west: bool| {
        let idx = STADTTEILE.iter().position(|s| s.0 == st).unwrap_or(0);
        blocks
            .iter()
            .enumerate()
            .filter(|(_, b)| b.stadtteil == idx)
            .min_by(|a, b| {
                let ord = a.1.u.total_cmp(&b.1.u);
                if west {
                    ord
                } else {
                    ord.reverse()
                }
            })
            .map(|(k, _)| k)
    };
    let tiny_blocks: Vec<(usize, f64)> = [
        (tiny("Hafen", true), 85.0),
        (tiny("Feldmark", false), 210.0),
    ]
    .into_iter()
    .filter_map(|(k, p)| k.map(|k| (k, p)))
    .collect();

    let mut columns: Vec<Column> = vec![Column {
        name: "stadtteil".into(),
        values: ColumnValues::Text(stadtteil),
    }];
    for (y, (d, pop)) in YEARS.iter().zip([(&d23, &pop23), (&d24, &pop24)]) {
        let mut col: BTreeMap<&str, Vec<Option<f64>>> = BTreeMap::new();
        for k in 0..n {
            let d = d[k];
            let mut p = pop[k];
            if let Some((_, tp)) = tiny_blocks.iter().find(|(t, _)| *t == k) {
                p = *tp * (1.0 + 0.01 * (y - YEARS[0]) as f64);
            }
            let p = p.round();
            let s_u15 = (0.115 + 0.035 * d + 0.01 * noise(&mut rng)).clamp(0.06, 0.22);
            let s_65 = (0.23 - 0.05 * d + 0.015 * noise(&mut rng)).clamp(0.10, 0.35);
            let u15 = (p * s_u15).round();
            let a65 = (p * s_65).round();
            let a15 = p - u15 - a65;
            let u65 = u15 + a15;
            let r_sgb2 = (0.085 * (0.9 * d).exp()).clamp(0.01, 0.5);
            let r_al = (0.045 * (0.7 * d).exp() * (1.0 + 0.05 * noise(&mut rng))).clamp(0.01, 0.25);
            let r_kinder = (1.7 * r_sgb2 * (1.0 + 0.05 * noise(&mut rng))).clamp(0.02, 0.75);
            let hh = (u15 * 0.62).round();
            let r_allein =
                (0.17 * (0.45 * d).exp() * (1.0 + 0.05 * noise(&mut rng))).clamp(0.05, 0.6);
            let r_mig = (0.22 * (0.55 * d).exp() * (1.0 + 0.05 * noise(&mut rng))).clamp(0.03, 0.8);
            let values = [
                (stems::EINWOHNER, p),
                (stems::U15, u15),
                (stems::A15_64, a15),
                (stems::A65, a65),
                (stems::U65, u65),
                (stems::SGB2, (u65 * r_sgb2).round()),
                (stems::ARBEITSLOSE, (a15 * r_al).round()),
                (stems::KINDER_SGB2, (u15 * r_kinder).round()),
                (stems::HH_KINDER, hh),
                (stems::ALLEINERZIEHENDE, (hh * r_allein).round()),
                (stems::MIGRATION, (p * r_mig).round()),
            ];
            for (stem, v) in values {
                col.entry(stem).or_default().push(Some(v));
            }
        }
        for stem in [
            stems::EINWOHNER,
            stems::U15,
            stems::A15_64,
            stems::A65,
            stems::U65,
            stems::SGB2,
            stems::ARBEITSLOSE,
            stems::KINDER_SGB2,
            stems::HH_KINDER,
            stems::ALLEINERZIEHENDE,
            stems::MIGRATION,
        ] {
            columns.push(Column {
                name: format!("{stem}_{y}"),
                values: ColumnValues::Number(col.remove(stem).unwrap_or_default()),
            });
        }
    }

    Atlas {
        name: "Musterstadt".into(),
        source: "Demodaten: erzeugte Beispielstadt, keine echten Daten".into(),
        units: Units {
            keys,
            names,
            geometry,
            crs: Some(Crs::UTM32),
        },
        table: Table { columns },
        indicators: indicators(),
        years: YEARS.to_vec(),
        population: Some(stems::EINWOHNER.into()),
    }
}

fn share(id: &str, label: &str, num: &str, den: &str, direction: Direction) -> IndicatorSpec {
    IndicatorSpec {
        id: id.into(),
        label: label.into(),
        unit: "%".into(),
        direction,
        kind: IndicatorKind::Share,
        value: None,
        numerator: Some(num.into()),
        denominator: Some(den.into()),
        scale: 100.0,
        ..IndicatorSpec::default()
    }
}

/// The indicators of the demo town; the first (SGB-II-Quote) is shown at start.
fn indicators() -> Vec<IndicatorSpec> {
    use stems::*;
    use Direction::*;
    vec![
        share(
            "sgb2_quote",
            "SGB-II-Quote (unter 65 J.)",
            SGB2,
            U65,
            HighIsDisadvantage,
        ),
        share(
            "kinderarmut",
            "Kinder unter 15 J. in SGB-II-Bedarfsgemeinschaften",
            KINDER_SGB2,
            U15,
            HighIsDisadvantage,
        ),
        share(
            "arbeitslose",
            "Arbeitslose (Anteil an 15- bis 64-Jährigen)",
            ARBEITSLOSE,
            A15_64,
            HighIsDisadvantage,
        ),
        share(
            "alleinerziehende",
            "Alleinerziehende (Anteil an Haushalten mit Kindern)",
            ALLEINERZIEHENDE,
            HH_KINDER,
            HighIsDisadvantage,
        ),
        share(
            "migration",
            "Einwohner mit Migrationshintergrund",
            MIGRATION,
            EINWOHNER,
            Neutral,
        ),
        share(
            "unter_15",
            "Anteil unter 15-Jährige",
            U15,
            EINWOHNER,
            Neutral,
        ),
        share(
            "ab_65",
            "Anteil 65-Jährige und Ältere",
            A65,
            EINWOHNER,
            Neutral,
        ),
        IndicatorSpec {
            id: "einwohner".into(),
            label: "Einwohner".into(),
            unit: String::new(),
            direction: Neutral,
            kind: IndicatorKind::Count,
            value: Some(EINWOHNER.into()),
            numerator: None,
            denominator: None,
            scale: 1.0,
            ..IndicatorSpec::default()
        },
    ]
}

/// A synthetic data set for benchmarks and scale tests: a `cols` x `rows` jittered grid of
/// 600 m cells (shared exact edges, EPSG:25832) with a population column `einwohner` and
/// `indicators` spatially smooth indicator columns `ind_01`, `ind_02`, … (no years).
/// Deterministic for a given seed.
pub fn synthetic(cols: usize, rows: usize, indicators: usize, seed: u64) -> Atlas {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let grid = Grid::new(&mut rng, cols, rows);
    let n = cols * rows;
    let mut keys = Vec::with_capacity(n);
    let mut geometry = Vec::with_capacity(n);
    for j in 0..rows {
        for i in 0..cols {
            keys.push(format!("S{:07}", j * cols + i + 1));
            geometry.push(MultiPolygon(vec![grid.cell(i, j)]));
        }
    }
    let phases: Vec<(f64, f64, f64)> = (0..indicators)
        .map(|_| {
            (
                rng.random_range(0.0..6.3),
                rng.random_range(0.0..6.3),
                rng.random_range(2.0..9.0),
            )
        })
        .collect();
    let mut columns = vec![Column {
        name: "einwohner".into(),
        values: ColumnValues::Number(
            (0..n)
                .map(|_| Some((300.0 + 900.0 * rng.random_range(0.0..1.0f64)).round()))
                .collect(),
        ),
    }];
    for (k, (p1, p2, f)) in phases.iter().enumerate() {
        let values = (0..n)
            .map(|c| {
                let (u, v) = (
                    (c % cols) as f64 / cols as f64,
                    (c / cols) as f64 / rows as f64,
                );
                let smooth = (f * u + p1).sin() * (f * v + p2).cos();
                Some(10.0 + 5.0 * smooth + noise(&mut rng))
            })
            .collect();
        columns.push(Column {
            name: format!("ind_{:02}", k + 1),
            values: ColumnValues::Number(values),
        });
    }
    Atlas {
        name: format!("Synthetisch {n}"),
        source: "Synthetische Daten".into(),
        units: Units {
            names: keys.clone(),
            keys,
            geometry,
            crs: Some(Crs::UTM32),
        },
        table: Table { columns },
        indicators: vec![],
        years: vec![],
        population: Some("einwohner".into()),
    }
}

/// The demo town's facilities: two point layers as German Excel CSV in EPSG:25832 (`Rechtswert`,
/// `Hochwert`), `("kitas.csv", …)` with `Plätze`, and `("einrichtungen.csv", …)` with the
/// categories Grundschule, Jugendzentrum, Beratungsstelle, Familienzentrum. Placed near the
/// blocks' inner points, more often in the better-off south (so the poorer north shows gaps),
/// from their own seeded generator.
pub fn facilities() -> Vec<(&'static str, String)> {
    use geo::InteriorPoint;
    let atlas = musterstadt();
    let year = YEARS[1];
    let sgb2 = atlas.numbers(stems::SGB2, year).unwrap_or(&[]).to_vec();
    let u65 = atlas.numbers(stems::U65, year).unwrap_or(&[]).to_vec();
    let reps: Vec<(f64, f64)> = atlas
        .units
        .geometry
        .iter()
        .map(|g| g.interior_point().map_or((0.0, 0.0), |p| (p.x(), p.y())))
        .collect();
    // Weight of a block: higher where the SGB II rate is low.
    let weights: Vec<f64> = (0..reps.len())
        .map(|u| {
            match (
                sgb2.get(u).copied().flatten(),
                u65.get(u).copied().flatten(),
            ) {
                (Some(s), Some(p)) if p > 0.0 => (1.0 - s / p).powi(6),
                _ => 0.1,
            }
        })
        .collect();
    let total: f64 = weights.iter().sum();
    let mut rng = ChaCha8Rng::seed_from_u64(SEED + 19);
    let pick = |rng: &mut ChaCha8Rng| {
        let mut r = rng.random::<f64>() * total;
        for (u, w) in weights.iter().enumerate() {
            r -= w;
            if r <= 0.0 {
                return u;
            }
        }
        weights.len() - 1
    };
    let place = |rng: &mut ChaCha8Rng, u: usize| {
        let (x, y) = reps[u];
        let (dx, dy) = (rng.random_range(-25.0..25.0), rng.random_range(-25.0..25.0));
        let p = geo::Point::new(x + dx, y + dy);
        use geo::Contains;
        if atlas.units.geometry[u].contains(&p) {
            (x + dx, y + dy)
        } else {
            (x, y)
        }
    };
    let num = |v: f64| format!("{v:.1}").replace('.', ",");
    const KITA: [&str; 8] = [
        "Sonnenschein",
        "Regenbogen",
        "Pusteblume",
        "Arche",
        "Kunterbunt",
        "Villa Kunterbunt",
        "Sternschnuppe",
        "Löwenzahn",
    ];
    let mut kitas = String::from("Nr;Name;Plätze;Rechtswert;Hochwert\r\n");
    for k in 0..16 {
        let u = pick(&mut rng);
        let (x, y) = place(&mut rng, u);
        let places = 25 * rng.random_range(2..6);
        let name = format!("Kita {} {}", KITA[k % KITA.len()], atlas.units.names[u]);
        kitas.push_str(&format!(
            "K{:02};{name};{places};{};{}\r\n",
            k + 1,
            num(x),
            num(y)
        ));
    }
    const KINDS: [(&str, usize); 4] = [
        ("Grundschule", 6),
        ("Jugendzentrum", 4),
        ("Beratungsstelle", 5),
        ("Familienzentrum", 3),
    ];
    let mut other = String::from("Nr;Name;Kategorie;Rechtswert;Hochwert\r\n");
    let mut nr = 0;
    for (kind, n) in KINDS {
        for _ in 0..n {
            nr += 1;
            let u = pick(&mut rng);
            let (x, y) = place(&mut rng, u);
            let name = format!("{kind} {}", atlas.units.names[u]);
            other.push_str(&format!("E{nr:02};{name};{kind};{};{}\r\n", num(x), num(y)));
        }
    }
    vec![("kitas.csv", kitas), ("einrichtungen.csv", other)]
}

/// How the demo town's facility layers are read: their names, and the Kitas' coverage within
/// 500 m.
pub fn facility_settings() -> Vec<crate::facilities::PointSettings> {
    vec![
        crate::facilities::PointSettings {
            label: Some("Kitas".into()),
            within: Some(500.0),
            ..Default::default()
        },
        crate::facilities::PointSettings {
            label: Some("Soziale Einrichtungen".into()),
            ..Default::default()
        },
    ]
}

/// A synthetic Zensus grid file in the published format (`GITTER_ID_100m;x_mp_100m;y_mp_100m;
/// Einwohner`, CRLF): every 100 m cell of `box_` (EPSG:3035, metres: east0, north0, east1,
/// north1), inhabitants by the formula `(e * 7 + n * 13) % 41` of the cell's corner in
/// hectometres, withheld (`–`) where `(e * 3 + n * 5) % 17 == 0`; with `far`, first a
/// 10 x 10 km block of cells near Munich (outside any demo map). The tests' reference script
/// uses the same formula.
pub fn zensus_grid(box_: [i64; 4], far: bool) -> String {
    let mut out = String::from("GITTER_ID_100m;x_mp_100m;y_mp_100m;Einwohner\r\n");
    let mut cell = |east: i64, north: i64| {
        let (e, n) = (east / 100, north / 100);
        let value = if (e * 3 + n * 5) % 17 == 0 {
            "–".to_string()
        } else {
            ((e * 7 + n * 13) % 41).to_string()
        };
        out.push_str(&format!(
            "CRS3035RES100mN{north}E{east};{};{};{value}\r\n",
            east + 50,
            north + 50
        ));
    };
    if far {
        for n in (2_750_000..2_760_000).step_by(100) {
            for e in (4_430_000..4_440_000).step_by(100) {
                cell(e, n);
            }
        }
    }
    for n in (box_[1]..box_[3]).step_by(100) {
        for e in (box_[0]..box_[2]).step_by(100) {
            cell(e, n);
        }
    }
    out
}

/// The box (EPSG:3035) of the demo town's synthetic Zensus grid ([`zensus_grid`]).
pub const ZENSUS_BOX: [i64; 4] = [4_085_000, 3_162_000, 4_096_000, 3_172_000];

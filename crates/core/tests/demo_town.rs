//! Properties the demo town must have (issue: foundation): size, exact shared edges, contiguity,
//! consistent counts, and spatial autocorrelation like real social data.

use sozialatlas_core::demo::{self, stems};
use sozialatlas_core::model::{Atlas, ColumnValues};
use std::collections::{BTreeMap, BTreeSet};

type Seg = ((u64, u64), (u64, u64));

fn segments(atlas: &Atlas, unit: usize) -> Vec<Seg> {
    let mut out = vec![];
    for poly in &atlas.units.geometry[unit].0 {
        for w in poly.exterior().0.windows(2) {
            let a = (w[0].x.to_bits(), w[0].y.to_bits());
            let b = (w[1].x.to_bits(), w[1].y.to_bits());
            out.push(if a < b { (a, b) } else { (b, a) });
        }
    }
    out
}

/// Rook neighbours: units sharing at least one exact segment.
fn neighbours(atlas: &Atlas) -> Vec<BTreeSet<usize>> {
    let mut owners: BTreeMap<Seg, Vec<usize>> = BTreeMap::new();
    for u in 0..atlas.units.len() {
        for s in segments(atlas, u) {
            owners.entry(s).or_default().push(u);
        }
    }
    let mut nb = vec![BTreeSet::new(); atlas.units.len()];
    for (_, o) in owners {
        assert!(
            o.len() <= 2,
            "a segment belongs to more than two units: {o:?}"
        );
        if let [a, b] = o[..] {
            nb[a].insert(b);
            nb[b].insert(a);
        }
    }
    nb
}

fn numbers<'a>(atlas: &'a Atlas, name: &str) -> &'a [Option<f64>] {
    atlas
        .table
        .numbers(name)
        .unwrap_or_else(|| panic!("column {name}"))
}

#[test]
fn about_sixty_blocks_in_ten_stadtteile_with_text_keys() {
    let a = demo::musterstadt();
    let n = a.units.len();
    assert!((55..=70).contains(&n), "{n} blocks");
    let ColumnValues::Text(st) = &a.table.column("stadtteil").unwrap().values else {
        panic!("stadtteil is text")
    };
    let distinct: BTreeSet<_> = st.iter().flatten().collect();
    assert_eq!(distinct.len(), 10, "{distinct:?}");
    let keys: BTreeSet<_> = a.units.keys.iter().collect();
    assert_eq!(keys.len(), n, "keys are unique");
    assert!(a
        .units
        .keys
        .iter()
        .all(|k| k.len() == 4 && k.starts_with('0') || k.starts_with("10")));
    assert_eq!(a.units.crs.unwrap().epsg, 25832);
    // EPSG:25832 coordinates on the Lower Rhine (NRW).
    for g in &a.units.geometry {
        for c in g.0[0].exterior().0.iter() {
            assert!(
                (330_000.0..350_000.0).contains(&c.x) && (5_705_000.0..5_725_000.0).contains(&c.y)
            );
        }
    }
}

#[test]
fn generator_is_deterministic() {
    let a = demo::musterstadt();
    let b = demo::musterstadt();
    assert_eq!(a.units.keys, b.units.keys);
    assert_eq!(a.units.geometry, b.units.geometry);
    assert_eq!(a.table, b.table);
}

#[test]
fn polygons_share_exact_edges_and_form_one_contiguous_town() {
    let a = demo::musterstadt();
    let nb = neighbours(&a);
    assert!(
        nb.iter().all(|s| !s.is_empty()),
        "every block has a neighbour"
    );
    // Connected: breadth-first search reaches every block.
    let mut seen = vec![false; nb.len()];
    let mut stack = vec![0];
    seen[0] = true;
    while let Some(u) = stack.pop() {
        for &v in &nb[u] {
            if !seen[v] {
                seen[v] = true;
                stack.push(v);
            }
        }
    }
    assert!(seen.iter().all(|s| *s));
    // Interior blocks have 4 rook neighbours; the mean is well above 2.5 for a compact town.
    let mean = nb.iter().map(BTreeSet::len).sum::<usize>() as f64 / nb.len() as f64;
    assert!(mean > 3.0, "mean neighbour count {mean}");
    // Each Stadtteil is contiguous too.
    let ColumnValues::Text(st) = &a.table.column("stadtteil").unwrap().values else {
        unreachable!()
    };
    for name in st.iter().flatten().collect::<BTreeSet<_>>() {
        let members: Vec<usize> = (0..nb.len())
            .filter(|&u| st[u].as_ref() == Some(name))
            .collect();
        let mut seen = BTreeSet::from([members[0]]);
        let mut stack = vec![members[0]];
        while let Some(u) = stack.pop() {
            for &v in &nb[u] {
                if st[v].as_ref() == Some(name) && seen.insert(v) {
                    stack.push(v);
                }
            }
        }
        assert_eq!(seen.len(), members.len(), "Stadtteil {name} is contiguous");
    }
}

#[test]
fn counts_are_consistent_with_their_denominators() {
    let a = demo::musterstadt();
    for y in demo::YEARS {
        let c = |s: &str| {
            numbers(&a, &format!("{s}_{y}"))
                .iter()
                .map(|v| v.unwrap())
                .collect::<Vec<_>>()
        };
        let (ew, u15, a15, a65, u65) = (
            c(stems::EINWOHNER),
            c(stems::U15),
            c(stems::A15_64),
            c(stems::A65),
            c(stems::U65),
        );
        let (sgb2, al, kinder, hh, allein, mig) = (
            c(stems::SGB2),
            c(stems::ARBEITSLOSE),
            c(stems::KINDER_SGB2),
            c(stems::HH_KINDER),
            c(stems::ALLEINERZIEHENDE),
            c(stems::MIGRATION),
        );
        for i in 0..a.units.len() {
            assert_eq!(u15[i] + a15[i] + a65[i], ew[i]);
            assert_eq!(u15[i] + a15[i], u65[i]);
            assert!(sgb2[i] <= u65[i] && al[i] <= a15[i] && kinder[i] <= u15[i]);
            assert!(allein[i] <= hh[i] && mig[i] <= ew[i]);
            assert!([ew[i], sgb2[i], hh[i]]
                .iter()
                .all(|v| v.fract() == 0.0 && *v >= 0.0));
        }
        let total: f64 = ew.iter().sum();
        assert!((30_000.0..60_000.0).contains(&total), "{total} inhabitants");
        // Two tiny blocks for small-number rules (MSS excludes areas under 300 inhabitants).
        assert_eq!(ew.iter().filter(|p| **p < 300.0).count(), 2);
    }
}

/// Moran's I with binary rook weights.
fn morans_i(x: &[f64], nb: &[BTreeSet<usize>]) -> f64 {
    let n = x.len() as f64;
    let mean = x.iter().sum::<f64>() / n;
    let dev: Vec<f64> = x.iter().map(|v| v - mean).collect();
    let (mut num, mut w) = (0.0, 0.0);
    for (i, s) in nb.iter().enumerate() {
        for &j in s {
            num += dev[i] * dev[j];
            w += 1.0;
        }
    }
    let den: f64 = dev.iter().map(|d| d * d).sum();
    n / w * num / den
}

#[test]
fn disadvantage_is_spatially_autocorrelated_and_poorer_in_the_north() {
    let a = demo::musterstadt();
    let nb = neighbours(&a);
    let ind = &a.indicators[0];
    assert_eq!(ind.id, "sgb2_quote");
    let v: Vec<f64> = a
        .indicator_values(ind, 2024)
        .into_iter()
        .map(Option::unwrap)
        .collect();
    let i = morans_i(&v, &nb);
    assert!(i > 0.4, "Moran's I of the SGB II rate is {i}");
    // North half poorer than south half.
    let cy: Vec<f64> = a
        .units
        .geometry
        .iter()
        .map(|g| g.0[0].exterior().0[0].y)
        .collect();
    let mid = (cy.iter().cloned().fold(f64::MAX, f64::min)
        + cy.iter().cloned().fold(f64::MIN, f64::max))
        / 2.0;
    let mean = |north: bool| {
        let s: Vec<f64> = (0..v.len())
            .filter(|&k| (cy[k] > mid) == north)
            .map(|k| v[k])
            .collect();
        s.iter().sum::<f64>() / s.len() as f64
    };
    assert!(
        mean(true) > 1.5 * mean(false),
        "north {} south {}",
        mean(true),
        mean(false)
    );
    // A plausible range for a German town: roughly 2 % to 40 %.
    let (lo, hi) = v
        .iter()
        .fold((f64::MAX, f64::MIN), |(l, h), x| (l.min(*x), h.max(*x)));
    assert!(lo > 1.0 && hi < 45.0 && hi > 15.0, "{lo}..{hi}");
    // The two years differ but are strongly related.
    let v23: Vec<f64> = a
        .indicator_values(ind, 2023)
        .into_iter()
        .map(Option::unwrap)
        .collect();
    assert_ne!(v, v23);
    let r = correlation(&v, &v23);
    assert!(r > 0.9, "year-to-year correlation {r}");
}

fn correlation(a: &[f64], b: &[f64]) -> f64 {
    let n = a.len() as f64;
    let (ma, mb) = (a.iter().sum::<f64>() / n, b.iter().sum::<f64>() / n);
    let cov: f64 = a.iter().zip(b).map(|(x, y)| (x - ma) * (y - mb)).sum();
    let va: f64 = a.iter().map(|x| (x - ma).powi(2)).sum();
    let vb: f64 = b.iter().map(|y| (y - mb).powi(2)).sum();
    cov / (va * vb).sqrt()
}

//! Metrics of a Sozialraum definition and the comparison of two definitions.
//!
//! Metrics: number of Sozialräume; population balance (min, max, coefficient of variation of the
//! Sozialräume's populations); homogeneity (share of the standardised indicators' total sum of
//! squares that lies within Sozialräume: lower = more homogeneous); compactness (Polsby-Popper
//! 4πA/P², 1 = circle; mean and minimum); contiguity (Sozialräume in one piece); agreement with a
//! cluster typology (share of units that belong to the most frequent cluster of their
//! Sozialraum); nesting in an official level (share of Sozialräume lying wholly inside one unit
//! of that level).

use super::definition::Definition;
use super::topology::Topology;
use serde::Serialize;
use std::collections::HashMap;

/// The metrics of one definition (see the module docs).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Metrics {
    /// Sozialräume with at least one unit.
    pub sozialraeume: usize,
    /// Units without a Sozialraum.
    pub unassigned: usize,
    /// Smallest population of a Sozialraum.
    pub population_min: Option<f64>,
    /// Largest population of a Sozialraum.
    pub population_max: Option<f64>,
    /// Coefficient of variation of the populations (standard deviation / mean).
    pub population_cv: Option<f64>,
    /// Within-SS / total-SS of the standardised indicators (lower = more homogeneous).
    pub within_share: Option<f64>,
    /// Mean Polsby-Popper compactness.
    pub compactness_mean: f64,
    /// Smallest Polsby-Popper compactness.
    pub compactness_min: f64,
    /// Sozialräume in one piece.
    pub contiguous: usize,
    /// Sozialräume in more than one piece.
    pub fragmented: usize,
    /// Share of units in the most frequent cluster of their Sozialraum.
    pub cluster_agreement: Option<f64>,
    /// Share of Sozialräume inside one unit of the official level.
    pub nested: Option<f64>,
}

/// What the metrics can use besides the definition and topology.
#[derive(Clone, Copy, Debug, Default)]
pub struct Context<'a> {
    /// Population per unit.
    pub population: Option<&'a [Option<f64>]>,
    /// Standardised indicators per unit ([`super::regionalize::standardise`]).
    pub indicators: Option<&'a [Option<Vec<f64>>]>,
    /// Cluster per unit.
    pub clusters: Option<&'a [Option<usize>]>,
    /// Official level per unit (e.g. Bezirksregion).
    pub official: Option<&'a [Option<String>]>,
}

/// The metrics of `def` (see the module docs).
pub fn metrics(def: &Definition, topo: &Topology, ctx: &Context) -> Metrics {
    let m = def.areas.len();
    let members = def.members();
    let used: Vec<usize> = (0..m).filter(|&a| !members[a].is_empty()).collect();
    let unassigned = def.assign.iter().filter(|a| a.is_none()).count();
    let (mut pmin, mut pmax, mut cv) = (None, None, None);
    if let Some(pop) = ctx.population {
        let pops: Vec<f64> = used
            .iter()
            .map(|&a| members[a].iter().map(|&u| pop[u].unwrap_or(0.0)).sum())
            .collect();
        if !pops.is_empty() {
            pmin = pops.iter().copied().reduce(f64::min);
            pmax = pops.iter().copied().reduce(f64::max);
            let mean = pops.iter().sum::<f64>() / pops.len() as f64;
            let var = pops.iter().map(|p| (p - mean).powi(2)).sum::<f64>() / pops.len() as f64;
            cv = (mean > 0.0).then(|| var.sqrt() / mean);
        }
    }
    let within_share = ctx.indicators.and_then(|x| {
        let d = x.iter().flatten().next()?.len();
        let mut total_sum = vec![0.0; d];
        let (mut total_sq, mut total_n) = (0.0, 0.0);
        let mut sums: Vec<(f64, Vec<f64>, f64)> = vec![(0.0, vec![0.0; d], 0.0); m];
        for (u, a) in def.assign.iter().enumerate() {
            let (Some(a), Some(row)) = (a, &x[u]) else {
                continue;
            };
            let s = &mut sums[*a as usize];
            s.0 += 1.0;
            for j in 0..d {
                s.1[j] += row[j];
                total_sum[j] += row[j];
            }
            let q: f64 = row.iter().map(|v| v * v).sum();
            s.2 += q;
            total_sq += q;
            total_n += 1.0;
        }
        let ss = |n: f64, s: &[f64], q: f64| {
            if n > 0.0 {
                q - s.iter().map(|v| v * v).sum::<f64>() / n
            } else {
                0.0
            }
        };
        let total = ss(total_n, &total_sum, total_sq);
        let within: f64 = sums.iter().map(|(n, s, q)| ss(*n, s, *q)).sum();
        (total > 0.0).then(|| within / total)
    });
    let perim = topo.group_perimeters(&def.assign, m);
    let pp: Vec<f64> = used
        .iter()
        .map(|&a| {
            let area: f64 = members[a].iter().map(|&u| topo.area[u]).sum();
            if perim[a] > 0.0 {
                4.0 * std::f64::consts::PI * area / perim[a].powi(2)
            } else {
                0.0
            }
        })
        .collect();
    let parts = topo.group_parts(&def.assign, m);
    let contiguous = used.iter().filter(|&&a| parts[a] == 1).count();
    let cluster_agreement = ctx.clusters.and_then(|c| {
        let (mut agree, mut total) = (0usize, 0usize);
        for mem in &members {
            let mut count: HashMap<usize, usize> = HashMap::new();
            for &u in mem {
                if let Some(k) = c[u] {
                    *count.entry(k).or_default() += 1;
                    total += 1;
                }
            }
            agree += count.values().max().copied().unwrap_or(0);
        }
        (total > 0).then(|| agree as f64 / total as f64)
    });
    let nested = ctx.official.and_then(|o| {
        (!used.is_empty()).then(|| {
            let inside = used
                .iter()
                .filter(|&&a| {
                    let first = &o[members[a][0]];
                    first.is_some() && members[a].iter().all(|&u| &o[u] == first)
                })
                .count();
            inside as f64 / used.len() as f64
        })
    });
    Metrics {
        sozialraeume: used.len(),
        unassigned,
        population_min: pmin,
        population_max: pmax,
        population_cv: cv,
        within_share,
        compactness_mean: if pp.is_empty() {
            0.0
        } else {
            pp.iter().sum::<f64>() / pp.len() as f64
        },
        compactness_min: pp.iter().copied().reduce(f64::min).unwrap_or(0.0),
        contiguous,
        fragmented: used.len() - contiguous,
        cluster_agreement,
        nested,
    }
}

/// One cell of the crosswalk: units that are in Sozialraum `a` of A and `b` of B.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CrossCell {
    /// Sozialraum index in A (`None` = unassigned).
    pub a: Option<u32>,
    /// Sozialraum index in B (`None` = unassigned).
    pub b: Option<u32>,
    /// Number of units.
    pub units: usize,
    /// Their population (when known).
    pub population: Option<f64>,
}

/// How two definitions relate as partitions of the units (unassigned units left aside).
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "kebab-case", tag = "kind")]
pub enum Relation {
    /// The same Sozialräume (names aside): each of A is exactly one of B.
    Same,
    /// Every Sozialraum of A lies in one of B (A is finer: 62 districts in 10 Stadtbezirke).
    AInB,
    /// Every Sozialraum of B lies in one of A.
    BInA,
    /// Neither: Sozialräume of each cut across Sozialräume of the other.
    Crossing {
        /// Sozialräume of A that lie in several of B.
        a_across: Vec<u32>,
        /// Sozialräume of B that lie in several of A.
        b_across: Vec<u32>,
    },
}

/// Two definitions compared.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Comparison {
    /// How the two relate (same, nested one in the other, crossing).
    pub relation: Relation,
    /// Metrics of A.
    pub a: Metrics,
    /// Metrics of B.
    pub b: Metrics,
    /// Units whose Sozialraum in B is not the one most of their A-Sozialraum went to (names do
    /// not matter: a renamed copy changes nothing).
    pub changed: Vec<usize>,
    /// The crosswalk, non-empty cells, ordered by A then B.
    pub crosswalk: Vec<CrossCell>,
}

/// Compares two definitions of the same units.
pub fn compare(a: &Definition, b: &Definition, topo: &Topology, ctx: &Context) -> Comparison {
    let mut cells: HashMap<(Option<u32>, Option<u32>), (usize, f64)> = HashMap::new();
    for (u, (x, y)) in a.assign.iter().zip(&b.assign).enumerate() {
        let c = cells.entry((*x, *y)).or_default();
        c.0 += 1;
        c.1 += ctx.population.and_then(|p| p[u]).unwrap_or(0.0);
    }
    // The B-Sozialraum that most units (then most population) of each A-Sozialraum went to.
    let mut main: HashMap<Option<u32>, (Option<u32>, usize, f64)> = HashMap::new();
    let mut keys: Vec<&(Option<u32>, Option<u32>)> = cells.keys().collect();
    keys.sort();
    for k in &keys {
        let (units, pop) = cells[k];
        let e = main.entry(k.0).or_insert((k.1, units, pop));
        if units > e.1 || (units == e.1 && pop > e.2) {
            *e = (k.1, units, pop);
        }
    }
    let changed = (0..a.assign.len())
        .filter(|&u| main[&a.assign[u]].0 != b.assign[u])
        .collect();
    let crosswalk: Vec<CrossCell> = keys
        .iter()
        .map(|k| CrossCell {
            a: k.0,
            b: k.1,
            units: cells[k].0,
            population: ctx.population.map(|_| cells[k].1),
        })
        .collect();
    Comparison {
        relation: relation(&crosswalk),
        a: metrics(a, topo, ctx),
        b: metrics(b, topo, ctx),
        changed,
        crosswalk,
    }
}

impl Relation {
    /// The relation in words, with the numbers of Sozialräume and the names of those that cut
    /// across (at most five).
    pub fn describe(&self, a: &Definition, b: &Definition, lang: crate::locale::Lang) -> String {
        use crate::locale::Lang::*;
        let used = |d: &Definition| d.members().iter().filter(|m| !m.is_empty()).count();
        let (na, nb) = (used(a), used(b));
        let names = |d: &Definition, v: &[u32]| {
            let mut s: Vec<String> = v
                .iter()
                .take(5)
                .map(|&i| d.areas[i as usize].name.clone())
                .collect();
            if v.len() > 5 {
                s.push(format!("+{}", v.len() - 5));
            }
            s.join(", ")
        };
        match (self, lang) {
            (Relation::Same, De) => format!("A und B fassen die Gebiete gleich zusammen ({na} Sozialräume; Namen und Farben können abweichen)."),
            (Relation::Same, En) => format!("A and B group the units alike ({na} Sozialräume; names and colours may differ)."),
            (Relation::AInB, De) => format!("A liegt vollständig in B: Jeder der {na} Sozialräume von A gehört ganz zu einem der {nb} von B."),
            (Relation::AInB, En) => format!("A nests in B: each of A's {na} Sozialräume lies wholly in one of B's {nb}."),
            (Relation::BInA, De) => format!("B liegt vollständig in A: Jeder der {nb} Sozialräume von B gehört ganz zu einem der {na} von A."),
            (Relation::BInA, En) => format!("B nests in A: each of B's {nb} Sozialräume lies wholly in one of A's {na}."),
            (Relation::Crossing { a_across, b_across }, De) => format!(
                "A und B schneiden sich: {} von {na} Sozialräumen von A liegen in mehreren von B ({}), {} von {nb} von B in mehreren von A ({}).",
                a_across.len(), names(a, a_across), b_across.len(), names(b, b_across)
            ),
            (Relation::Crossing { a_across, b_across }, En) => format!(
                "A and B cut across each other: {} of A's {na} Sozialräume lie in several of B ({}), {} of B's {nb} in several of A ({}).",
                a_across.len(), names(a, a_across), b_across.len(), names(b, b_across)
            ),
        }
    }
}

/// The relation of two definitions from their crosswalk.
fn relation(crosswalk: &[CrossCell]) -> Relation {
    let mut a_to: HashMap<u32, Vec<u32>> = HashMap::new();
    let mut b_to: HashMap<u32, Vec<u32>> = HashMap::new();
    for c in crosswalk {
        if let (Some(a), Some(b)) = (c.a, c.b) {
            a_to.entry(a).or_default().push(b);
            b_to.entry(b).or_default().push(a);
        }
    }
    let across = |m: &HashMap<u32, Vec<u32>>| -> Vec<u32> {
        let mut v: Vec<u32> = m
            .iter()
            .filter(|(_, to)| to.len() > 1)
            .map(|(k, _)| *k)
            .collect();
        v.sort_unstable();
        v
    };
    let (a_across, b_across) = (across(&a_to), across(&b_to));
    match (a_across.is_empty(), b_across.is_empty()) {
        (true, true) => Relation::Same,
        (true, false) => Relation::AInB,
        (false, true) => Relation::BInA,
        (false, false) => Relation::Crossing { a_across, b_across },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo::polygon;

    fn squares(n: usize) -> Vec<geo::MultiPolygon<f64>> {
        (0..n)
            .map(|i| {
                let x = i as f64;
                geo::MultiPolygon(vec![polygon![
                    (x: x, y: 0.0), (x: x + 1.0, y: 0.0), (x: x + 1.0, y: 1.0), (x: x, y: 1.0)
                ]])
            })
            .collect()
    }

    #[test]
    fn metrics_of_a_row_of_squares() {
        // Four squares in a row; A = {0,1} {2,3}; B = {0} {1,2,3}; C = {0,2} {1,3}.
        let topo = Topology::build(&squares(4));
        let l =
            |v: &[&str]| -> Vec<Option<String>> { v.iter().map(|s| Some(s.to_string())).collect() };
        let a = Definition::from_labels("A", &l(&["x", "x", "y", "y"]));
        let b = Definition::from_labels("B", &l(&["p", "q", "q", "q"]));
        let c = Definition::from_labels("C", &l(&["x", "y", "x", "y"]));
        let pop = [Some(10.0), Some(20.0), Some(30.0), Some(40.0)];
        let x = [
            Some(vec![0.0]),
            Some(vec![0.0]),
            Some(vec![1.0]),
            Some(vec![1.0]),
        ];
        let clusters = [Some(0), Some(0), Some(1), Some(1)];
        let official = l(&["N", "N", "S", "S"]);
        let ctx = Context {
            population: Some(&pop),
            indicators: Some(&x),
            clusters: Some(&clusters),
            official: Some(&official),
        };
        let ma = metrics(&a, &topo, &ctx);
        assert_eq!(ma.sozialraeume, 2);
        assert_eq!(
            (ma.population_min, ma.population_max),
            (Some(30.0), Some(70.0))
        );
        assert!((ma.population_cv.unwrap() - 0.4).abs() < 1e-12);
        assert_eq!(ma.within_share, Some(0.0));
        // 2x1 rectangle: 4π·2/36.
        assert!((ma.compactness_mean - 8.0 * std::f64::consts::PI / 36.0).abs() < 1e-12);
        assert_eq!((ma.contiguous, ma.fragmented), (2, 0));
        assert_eq!((ma.cluster_agreement, ma.nested), (Some(1.0), Some(1.0)));
        let mc = metrics(&c, &topo, &ctx);
        assert_eq!((mc.contiguous, mc.fragmented), (0, 2));
        assert_eq!(mc.within_share, Some(1.0));
        assert_eq!(mc.cluster_agreement, Some(0.5));
        assert_eq!(mc.nested, Some(0.0));
        let cmp = compare(&a, &b, &topo, &ctx);
        // A's x went mostly… tie (1 unit to p, 1 to q) broken by population: q (20) > p (10).
        assert_eq!(cmp.changed, vec![0]);
        assert_eq!(cmp.crosswalk.len(), 3);
        assert_eq!(
            cmp.crosswalk[0],
            CrossCell {
                a: Some(0),
                b: Some(0),
                units: 1,
                population: Some(10.0)
            }
        );
        // A renamed copy changes nothing.
        let mut renamed = a.clone();
        renamed.areas[0].name = "anders".into();
        let same = compare(&a, &renamed, &topo, &ctx);
        assert!(same.changed.is_empty());
        assert_eq!(same.relation, Relation::Same);
        // A cuts across B ({0,1} lies in p and q; {1,2,3} in x and y).
        assert_eq!(
            cmp.relation,
            Relation::Crossing {
                a_across: vec![0],
                b_across: vec![1]
            }
        );
        // Nested: every unit its own Sozialraum inside A's two.
        let fine = Definition::from_labels("F", &l(&["1", "2", "3", "4"]));
        let nested = compare(&fine, &a, &topo, &ctx);
        assert_eq!(nested.relation, Relation::AInB);
        assert!(
            nested.changed.is_empty(),
            "nothing moved, yet they are not the same"
        );
        assert_eq!(compare(&a, &fine, &topo, &ctx).relation, Relation::BInA);
    }
}

//! Automatic Sozialraum proposals: contiguous regions with a population floor and homogeneous
//! indicators, by the max-p-regions method.
//!
//! Method: Duque, Anselin & Rey (2012), "The max-p-regions problem", Journal of Regional Science
//! 52(3); construction as in Wei, Rey & Knaap (2021), "Efficient regionalization for spatially
//! explicit neighborhood delineation", IJGIS 35(1) (the method of PySAL's `MaxPHeuristic` and
//! GeoDa's `maxp_greedy`).
//!
//! 1. Construction, repeated with different seeded random orders: take an unassigned unit, grow a
//!    region from it through rook neighbours (alternately the neighbour closest to the region's
//!    mean in the standardised indicators, and the neighbour with the most sides on the region)
//!    until the population floor is reached; a region that cannot
//!    reach it is dissolved and its units become enclaves. Enclaves then join the neighbouring
//!    region whose within sum of squares grows least. The solution with the most regions wins,
//!    among equals the one with the smallest within sum of squares.
//! 2. Local search: a unit on a region's border moves to a neighbouring region when that lowers
//!    the within sum of squares, keeps its old region contiguous and above the floor; repeated
//!    until no move helps (greedy, as GeoDa's default).
//!
//! Quality is reported as between-SS / total-SS of the standardised indicators.

use rand::seq::SliceRandom;
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};

/// Settings of a proposal.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Params {
    /// Minimum population of every region.
    pub min_pop: f64,
    /// Seed of the random orders.
    pub seed: u64,
    /// Number of constructions tried (GeoDa's default: 99).
    pub iterations: usize,
}

/// A proposal.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Regions {
    /// Region of every unit (0..p); `None` for units without data or that could not join any
    /// region (an island below the floor).
    pub region: Vec<Option<u32>>,
    /// Number of regions.
    pub p: usize,
    /// Within-region sum of squares of the standardised indicators.
    pub within_ss: f64,
    /// Total sum of squares of the standardised indicators.
    pub total_ss: f64,
}

impl Regions {
    /// between-SS / total-SS (1 = regions perfectly homogeneous).
    pub fn ratio(&self) -> f64 {
        if self.total_ss > 0.0 {
            1.0 - self.within_ss / self.total_ss
        } else {
            0.0
        }
    }
}

/// A proposal to compute elsewhere (the app's worker): everything [`Proposal::new`] takes, as
/// plain data (sent with [`crate::project::transfer::to_bytes`]).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Job {
    /// Neighbours of each unit with the shared boundary length (the topology's).
    pub neighbours: Vec<Vec<(u32, f64)>>,
    /// Standardised indicator values of each unit (`None`: missing).
    pub x: Vec<Option<Vec<f64>>>,
    /// Population of each unit.
    pub population: Vec<Option<f64>>,
    /// Floor, seed, iterations.
    pub params: Params,
}

impl Job {
    /// The proposal, ready to [`Proposal::step`].
    pub fn start(&self) -> Result<Proposal, RegionError> {
        Proposal::new(&self.neighbours, &self.x, &self.population, &self.params)
    }
}

/// Why no proposal could be made.
#[derive(Clone, Debug, PartialEq)]
pub enum RegionError {
    /// The total population is below the floor: not even one region is possible.
    FloorTooHigh {
        /// Total population.
        total: f64,
        /// The floor asked for.
        min_pop: f64,
    },
    /// No unit has complete data.
    NoData,
}

impl RegionError {
    /// The message for the user.
    pub fn message(&self, lang: crate::locale::Lang) -> String {
        use crate::locale::Lang::*;
        use crate::locale::{number, NumberStyle::*};
        match (self, lang) {
            (RegionError::FloorTooHigh { total, min_pop }, De) => format!(
                "Die Mindestbevölkerung von {} ist größer als die Bevölkerung aller Gebiete zusammen ({}). Bitte eine kleinere Mindestbevölkerung wählen.",
                number(*min_pop, 0, German),
                number(*total, 0, German)
            ),
            (RegionError::FloorTooHigh { total, min_pop }, En) => format!(
                "The minimum population of {} exceeds the population of all areas together ({}). Please choose a smaller minimum.",
                number(*min_pop, 0, English),
                number(*total, 0, English)
            ),
            (RegionError::NoData, De) => "Kein Gebiet hat Werte für alle gewählten Indikatoren und die Bevölkerung.".into(),
            (RegionError::NoData, En) => "No area has values for all chosen indicators and the population.".into(),
        }
    }
}

/// Region statistics for the sum of squares: count, sum vector, sum of squared norms.
#[derive(Clone, Debug)]
struct Stat {
    n: usize,
    sum: Vec<f64>,
    sq: f64,
    pop: f64,
}

impl Stat {
    fn new(d: usize) -> Stat {
        Stat {
            n: 0,
            sum: vec![0.0; d],
            sq: 0.0,
            pop: 0.0,
        }
    }
    fn ss(&self) -> f64 {
        if self.n == 0 {
            return 0.0;
        }
        self.sq - self.sum.iter().map(|s| s * s).sum::<f64>() / self.n as f64
    }
    fn add(&mut self, x: &[f64], pop: f64, sign: f64) {
        self.n = (self.n as isize + sign as isize) as usize;
        for (s, v) in self.sum.iter_mut().zip(x) {
            *s += sign * v;
        }
        self.sq += sign * x.iter().map(|v| v * v).sum::<f64>();
        self.pop += sign * pop;
    }
    /// SS after adding (sign 1) or removing (sign -1) `x`.
    fn ss_with(&self, x: &[f64], sign: f64) -> f64 {
        let n = self.n as f64 + sign;
        if n <= 0.0 {
            return 0.0;
        }
        let sq = self.sq + sign * x.iter().map(|v| v * v).sum::<f64>();
        let s2: f64 = self
            .sum
            .iter()
            .zip(x)
            .map(|(s, v)| (s + sign * v).powi(2))
            .sum();
        sq - s2 / n
    }
    fn dist_to_mean(&self, x: &[f64]) -> f64 {
        let n = self.n.max(1) as f64;
        self.sum
            .iter()
            .zip(x)
            .map(|(s, v)| (v - s / n).powi(2))
            .sum()
    }
}

/// A max-p proposal in the making, one construction per [`Proposal::step`], so that a page can
/// run it in slices and show progress (see the module docs).
pub struct Proposal {
    nb: Vec<Vec<usize>>,
    xs: Vec<Vec<f64>>,
    ps: Vec<f64>,
    ok: Vec<bool>,
    min_pop: f64,
    iterations: usize,
    done: usize,
    rng: ChaCha8Rng,
    total_ss: f64,
    d: usize,
    best: Option<(usize, f64, Vec<Option<u32>>)>,
}

impl Proposal {
    /// Prepares a proposal. `neighbours` is the rook neighbourhood of the units
    /// ([`super::topology::Topology::neighbours`]), `x` the standardised indicators per unit
    /// (`None` = incomplete, left out), `pop` the population per unit.
    pub fn new(
        neighbours: &[Vec<(u32, f64)>],
        x: &[Option<Vec<f64>>],
        pop: &[Option<f64>],
        params: &Params,
    ) -> Result<Proposal, RegionError> {
        let n = x.len();
        let ok: Vec<bool> = (0..n).map(|u| x[u].is_some() && pop[u].is_some()).collect();
        let Some(d) = x.iter().flatten().map(Vec::len).next() else {
            return Err(RegionError::NoData);
        };
        if !ok.iter().any(|&b| b) {
            return Err(RegionError::NoData);
        }
        let total_pop: f64 = (0..n)
            .filter(|&u| ok[u])
            .map(|u| pop[u].unwrap_or(0.0))
            .sum();
        if total_pop < params.min_pop {
            return Err(RegionError::FloorTooHigh {
                total: total_pop,
                min_pop: params.min_pop,
            });
        }
        let xs: Vec<Vec<f64>> = (0..n)
            .map(|u| match &x[u] {
                Some(row) if ok[u] => row.clone(),
                _ => vec![0.0; d],
            })
            .collect();
        let mut all = Stat::new(d);
        for u in (0..n).filter(|&u| ok[u]) {
            all.add(&xs[u], 0.0, 1.0);
        }
        let nb: Vec<Vec<usize>> = neighbours
            .iter()
            .enumerate()
            .map(|(u, l)| {
                if !ok[u] {
                    return vec![];
                }
                l.iter()
                    .map(|&(v, _)| v as usize)
                    .filter(|&v| ok[v])
                    .collect()
            })
            .collect();
        Ok(Proposal {
            nb,
            ps: (0..n).map(|u| pop[u].unwrap_or(0.0)).collect(),
            xs,
            ok,
            min_pop: params.min_pop,
            iterations: params.iterations.max(1),
            done: 0,
            rng: ChaCha8Rng::seed_from_u64(params.seed),
            total_ss: all.ss(),
            d,
            best: None,
        })
    }

    /// Runs the next construction; false when all have run.
    pub fn step(&mut self) -> bool {
        if self.done >= self.iterations {
            return false;
        }
        let mut order: Vec<usize> = (0..self.xs.len()).filter(|&u| self.ok[u]).collect();
        order.shuffle(&mut self.rng);
        let xs: Vec<&[f64]> = self.xs.iter().map(Vec::as_slice).collect();
        // Constructions alternate between homogeneous and compact growth: compact growth
        // usually gives more regions (the first aim of max-p), homogeneous growth smaller
        // within-SS when the number ties.
        let growth = if self.done.is_multiple_of(2) {
            Growth::Similar
        } else {
            Growth::Compact
        };
        let (region, stats) = construct(
            growth,
            &order,
            &self.nb,
            &xs,
            &self.ps,
            self.min_pop,
            self.d,
        );
        let p = stats.len();
        let ss: f64 = stats.iter().map(Stat::ss).sum();
        let better = match &self.best {
            None => true,
            Some((bp, bss, _)) => p > *bp || (p == *bp && ss < *bss),
        };
        if better {
            self.best = Some((p, ss, region));
        }
        self.done += 1;
        true
    }

    /// Share of the constructions done (0 to 1).
    pub fn progress(&self) -> f64 {
        self.done as f64 / self.iterations as f64
    }

    /// Runs the remaining constructions and the local search on the best one.
    pub fn finish(mut self) -> Regions {
        while self.step() {}
        let (p, _, mut region) = self
            .best
            .take()
            .unwrap_or((0, 0.0, vec![None; self.xs.len()]));
        let xs: Vec<&[f64]> = self.xs.iter().map(Vec::as_slice).collect();
        let within_ss = local_search(
            &mut region,
            p,
            &self.nb,
            &xs,
            &self.ps,
            self.min_pop,
            self.d,
        );
        Regions {
            region,
            p,
            within_ss,
            total_ss: self.total_ss,
        }
    }
}

/// Makes a max-p proposal at once (see [`Proposal`] for the arguments). `progress` is called
/// with the share done (0 to 1) after each construction and at the end.
pub fn max_p(
    neighbours: &[Vec<(u32, f64)>],
    x: &[Option<Vec<f64>>],
    pop: &[Option<f64>],
    params: &Params,
    progress: &mut dyn FnMut(f64),
) -> Result<Regions, RegionError> {
    let mut p = Proposal::new(neighbours, x, pop, params)?;
    while p.step() {
        progress(0.8 * p.progress());
    }
    let r = p.finish();
    progress(1.0);
    Ok(r)
}

/// How a region grows in a construction.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Growth {
    Similar,
    Compact,
}

/// One construction: growth from seeds in `order`, then enclave assignment.
fn construct(
    growth: Growth,
    order: &[usize],
    nb: &[Vec<usize>],
    xs: &[&[f64]],
    ps: &[f64],
    min_pop: f64,
    d: usize,
) -> (Vec<Option<u32>>, Vec<Stat>) {
    let n = xs.len();
    let mut region: Vec<Option<u32>> = vec![None; n];
    let mut enclave = vec![false; n];
    let mut stats: Vec<Stat> = vec![];
    let mut members: Vec<usize> = vec![];
    let mut frontier: Vec<usize> = vec![];
    for &seed in order {
        if region[seed].is_some() || enclave[seed] {
            continue;
        }
        let r = stats.len() as u32;
        let mut st = Stat::new(d);
        members.clear();
        frontier.clear();
        region[seed] = Some(r);
        st.add(xs[seed], ps[seed], 1.0);
        members.push(seed);
        frontier.extend(nb[seed].iter().copied());
        while st.pop < min_pop {
            frontier.retain(|&v| region[v].is_none() && !enclave[v]);
            if frontier.is_empty() {
                break;
            }
            let (k, _) = match growth {
                // Homogeneous: the neighbour closest to the region's mean.
                Growth::Similar => frontier
                    .iter()
                    .enumerate()
                    .map(|(k, &v)| (k, st.dist_to_mean(xs[v])))
                    .min_by(|a, b| a.1.total_cmp(&b.1))
                    .unwrap_or((0, 0.0)),
                // Compact: the neighbour with the most sides on the region (then the first
                // found), which leaves fewer enclaves and so more regions.
                Growth::Compact => frontier
                    .iter()
                    .enumerate()
                    .map(|(k, &v)| {
                        let inside = nb[v].iter().filter(|&&w| region[w] == Some(r)).count();
                        (k, -(inside as f64))
                    })
                    .min_by(|a, b| a.1.total_cmp(&b.1))
                    .unwrap_or((0, 0.0)),
            };
            let v = frontier.swap_remove(k);
            region[v] = Some(r);
            st.add(xs[v], ps[v], 1.0);
            members.push(v);
            frontier.extend(nb[v].iter().copied());
        }
        if st.pop >= min_pop {
            stats.push(st);
        } else {
            for &u in &members {
                region[u] = None;
                enclave[u] = true;
            }
        }
    }
    // Enclaves join the neighbouring region whose SS grows least, until none can join.
    let mut pending: Vec<usize> = (0..n).filter(|&u| enclave[u]).collect();
    while !pending.is_empty() {
        let before = pending.len();
        pending.retain(|&u| {
            let best = nb[u]
                .iter()
                .filter_map(|&v| region[v])
                .map(|r| {
                    let s = &stats[r as usize];
                    (r, s.ss_with(xs[u], 1.0) - s.ss())
                })
                .min_by(|a, b| a.1.total_cmp(&b.1));
            match best {
                Some((r, _)) => {
                    region[u] = Some(r);
                    stats[r as usize].add(xs[u], ps[u], 1.0);
                    false
                }
                None => true,
            }
        });
        if pending.len() == before {
            break;
        }
    }
    (region, stats)
}

/// Greedy local search (see the module docs); returns the final within-SS.
fn local_search(
    region: &mut [Option<u32>],
    p: usize,
    nb: &[Vec<usize>],
    xs: &[&[f64]],
    ps: &[f64],
    min_pop: f64,
    d: usize,
) -> f64 {
    let n = region.len();
    let mut stats = vec![Stat::new(d); p];
    let mut members: Vec<Vec<usize>> = vec![vec![]; p];
    for u in 0..n {
        if let Some(r) = region[u] {
            stats[r as usize].add(xs[u], ps[u], 1.0);
            members[r as usize].push(u);
        }
    }
    let mut seen = vec![0u32; n];
    let mut stamp = 0u32;
    for _pass in 0..100 {
        let mut moved = false;
        for u in 0..n {
            let Some(a) = region[u] else { continue };
            let a = a as usize;
            let sa = &stats[a];
            if sa.n <= 1 || sa.pop - ps[u] < min_pop {
                continue;
            }
            let gain_a = sa.ss() - sa.ss_with(xs[u], -1.0);
            let mut best: Option<(usize, f64)> = None;
            for &v in &nb[u] {
                let Some(b) = region[v] else { continue };
                let b = b as usize;
                if b == a || best.is_some_and(|(bb, _)| bb == b) {
                    continue;
                }
                let sb = &stats[b];
                let delta = sb.ss_with(xs[u], 1.0) - sb.ss() - gain_a;
                if delta < -1e-9 && best.is_none_or(|(_, bd)| delta < bd) {
                    best = Some((b, delta));
                }
            }
            let Some((b, _)) = best else { continue };
            // The old region must stay in one piece without u.
            stamp += 1;
            if !connected_without(&members[a], u, nb, region, a as u32, &mut seen, stamp) {
                continue;
            }
            region[u] = Some(b as u32);
            stats[a].add(xs[u], ps[u], -1.0);
            stats[b].add(xs[u], ps[u], 1.0);
            members[a].retain(|&m| m != u);
            members[b].push(u);
            moved = true;
        }
        if !moved {
            break;
        }
    }
    stats.iter().map(Stat::ss).sum()
}

/// True when the members of region `r` other than `skip` form one connected piece.
fn connected_without(
    members: &[usize],
    skip: usize,
    nb: &[Vec<usize>],
    region: &[Option<u32>],
    r: u32,
    seen: &mut [u32],
    stamp: u32,
) -> bool {
    let Some(&start) = members.iter().find(|&&m| m != skip) else {
        return true;
    };
    seen[skip] = stamp;
    seen[start] = stamp;
    let mut stack = vec![start];
    let mut reached = 1;
    while let Some(u) = stack.pop() {
        for &v in &nb[u] {
            if seen[v] != stamp && region[v] == Some(r) {
                seen[v] = stamp;
                reached += 1;
                stack.push(v);
            }
        }
    }
    reached == members.len() - 1
}

/// Standardises indicator columns (z-scores, population standard deviation) over the units
/// that have all of them; rows with a missing value are `None`.
pub fn standardise(columns: &[Vec<Option<f64>>]) -> Vec<Option<Vec<f64>>> {
    let n = columns.first().map_or(0, Vec::len);
    // A column without any value (e.g. an indicator not collected in this data set) would
    // leave no unit complete: it is left out.
    let filled: Vec<&Vec<Option<f64>>> = columns
        .iter()
        .filter(|c| c.iter().any(Option::is_some))
        .collect();
    if filled.len() < columns.len() {
        let owned: Vec<Vec<Option<f64>>> = filled.into_iter().cloned().collect();
        if owned.is_empty() {
            return vec![None; n];
        }
        return standardise(&owned);
    }
    let complete: Vec<bool> = (0..n)
        .map(|u| columns.iter().all(|c| c[u].is_some()))
        .collect();
    let z: Vec<Vec<Option<f64>>> = columns
        .iter()
        .map(|c| {
            crate::stats::zscore::zscores(c, &complete, crate::stats::zscore::Deviation::Population)
                .0
        })
        .collect();
    (0..n)
        .map(|u| complete[u].then(|| z.iter().map(|c| c[u].unwrap_or(0.0)).collect()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo::polygon;

    /// A 10 x 10 grid of units with rook neighbours.
    fn grid(w: usize) -> Vec<Vec<(u32, f64)>> {
        (0..w * w)
            .map(|i| {
                let (x, y) = (i % w, i / w);
                let mut l = vec![];
                if x > 0 {
                    l.push(((i - 1) as u32, 1.0));
                }
                if x + 1 < w {
                    l.push(((i + 1) as u32, 1.0));
                }
                if y > 0 {
                    l.push(((i - w) as u32, 1.0));
                }
                if y + 1 < w {
                    l.push(((i + w) as u32, 1.0));
                }
                l.sort_by_key(|x| x.0);
                l
            })
            .collect()
    }

    #[test]
    fn regions_meet_the_floor_are_contiguous_and_find_the_halves() {
        let w = 10;
        let nb = grid(w);
        // Left half low, right half high: the best regions never straddle the middle.
        let x: Vec<Option<Vec<f64>>> = (0..w * w)
            .map(|i| Some(vec![if i % w < 5 { -1.0 } else { 1.0 }]))
            .collect();
        let pop = vec![Some(100.0); w * w];
        let params = Params {
            min_pop: 1000.0,
            seed: 7,
            iterations: 20,
        };
        let mut calls = 0;
        let r = max_p(&nb, &x, &pop, &params, &mut |_| calls += 1).unwrap();
        assert_eq!(calls, 21);
        assert!(r.p >= 7, "p = {}", r.p);
        assert!(r.ratio() > 0.99, "{}", r.ratio());
        let geo: Vec<geo::MultiPolygon<f64>> = (0..w * w)
            .map(|i| {
                let (x0, y0) = ((i % w) as f64, (i / w) as f64);
                geo::MultiPolygon(vec![polygon!(
                    (x: x0, y: y0), (x: x0 + 1.0, y: y0), (x: x0 + 1.0, y: y0 + 1.0), (x: x0, y: y0 + 1.0)
                )])
            })
            .collect();
        let t = super::super::topology::Topology::build(&geo);
        assert_eq!(t.neighbours, nb);
        let parts = t.group_parts(&r.region, r.p);
        assert!(parts.iter().all(|&k| k == 1), "{parts:?}");
        let mut pops = vec![0.0; r.p];
        for (u, g) in r.region.iter().enumerate() {
            pops[g.unwrap() as usize] += pop[u].unwrap();
        }
        assert!(pops.iter().all(|&p| p >= 1000.0));
        // Same seed, same result.
        let again = max_p(&nb, &x, &pop, &params, &mut |_| {}).unwrap();
        assert_eq!(again, r);
    }

    #[test]
    fn a_floor_above_the_total_is_an_error() {
        let nb = grid(2);
        let x = vec![Some(vec![0.0]); 4];
        let pop = vec![Some(1.0); 4];
        let e = max_p(
            &nb,
            &x,
            &pop,
            &Params {
                min_pop: 10.0,
                seed: 1,
                iterations: 1,
            },
            &mut |_| {},
        )
        .unwrap_err();
        assert!(e
            .message(crate::locale::Lang::De)
            .contains("Mindestbevölkerung von 10"));
    }
}

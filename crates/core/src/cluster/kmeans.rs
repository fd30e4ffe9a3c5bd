//! k-means (Lloyd's algorithm) with greedy k-means++ seeding (Arthur & Vassilvitskii 2007; the
//! greedy variant with `2 + ln k` candidates per step as in scikit-learn), several restarts and an
//! explicit seed: the same seed gives the same clusters on every machine.
//!
//! Each start runs Lloyd's iterations and then Hartigan's single-point moves (Hartigan & Wong
//! 1979; Telgarsky & Vattani 2010): a point moves to another cluster whenever that lowers the
//! total sum of squares, accounting for the centre shifts. Every Lloyd fixed point that such a
//! move improves is left, so results are at least as good as Lloyd alone.
//!
//! Lloyd's iterations use Hamerly's bounds (Hamerly 2010) and cluster sums kept up to date as
//! points move, so settled points cost no distance computation; the labels are those of plain
//! Lloyd. [`refine`] starts from a given partition instead (Ward, then k-means). Empty clusters
//! are re-seeded with the point farthest from its centre. Cost: at most
//! O(restarts · iterations · n · k · d).

use super::{dist2, ClusterError, Matrix};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::Serialize;

/// Parameters of k-means, with documented defaults.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct KMeansParams {
    /// Number of clusters.
    pub k: usize,
    /// Independent k-means++ starts; the best (least inertia) is kept. Default 40: on the
    /// reference blobs (tests/fixtures/cluster, k = 3, 5, 8, 30 seeds each) 10 starts end above
    /// the inertia of scikit-learn's `random_state=0` run in 24 of 90 cases (scikit-learn's own
    /// `n_init=10` does in 45 of 90: that run was a lucky one); 40 starts never did.
    pub restarts: usize,
    /// Iterations per start. Default 300.
    pub max_iter: usize,
    /// Stop when the centres move less than `tol` times the mean variance of the variables
    /// (squared, summed). Default 1e-4 (as scikit-learn).
    pub tol: f64,
    /// Seed of the random generator (ChaCha8). Default 42.
    pub seed: u64,
}

impl KMeansParams {
    /// Defaults for `k` clusters.
    pub fn new(k: usize) -> KMeansParams {
        KMeansParams {
            k,
            restarts: 40,
            max_iter: 300,
            tol: 1e-4,
            seed: 42,
        }
    }

    /// Sets the seed.
    pub fn seed(mut self, seed: u64) -> KMeansParams {
        self.seed = seed;
        self
    }

    /// Sets the number of restarts.
    pub fn restarts(mut self, restarts: usize) -> KMeansParams {
        self.restarts = restarts.max(1);
        self
    }
}

/// A k-means result.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct KMeansResult {
    /// Cluster of each row, 0..k.
    pub labels: Vec<usize>,
    /// `k * d` centre coordinates.
    pub centers: Vec<f64>,
    /// Sum of squared distances of the rows to their centres.
    pub inertia: f64,
    /// Iterations of the best start.
    pub iterations: usize,
}

fn plus_plus(x: &Matrix, k: usize, rng: &mut ChaCha8Rng) -> Vec<f64> {
    let (n, d) = (x.n, x.d);
    let mut centers = Vec::with_capacity(k * d);
    let first = rng.random_range(0..n);
    centers.extend_from_slice(x.row(first));
    let mut closest: Vec<f64> = (0..n).map(|i| dist2(x.row(i), x.row(first))).collect();
    let trials = 2 + (k as f64).ln().floor() as usize;
    for _ in 1..k {
        let total: f64 = closest.iter().sum();
        let mut best: Option<(f64, usize, Vec<f64>)> = None;
        for _ in 0..trials {
            let candidate = if total > 0.0 {
                let mut r = rng.random_range(0.0..total);
                let mut pick = n - 1;
                for (i, c) in closest.iter().enumerate() {
                    if r < *c {
                        pick = i;
                        break;
                    }
                    r -= c;
                }
                pick
            } else {
                rng.random_range(0..n)
            };
            let updated: Vec<f64> = (0..n)
                .map(|i| closest[i].min(dist2(x.row(i), x.row(candidate))))
                .collect();
            let potential: f64 = updated.iter().sum();
            if best.as_ref().is_none_or(|b| potential < b.0) {
                best = Some((potential, candidate, updated));
            }
        }
        if let Some((_, c, updated)) = best {
            centers.extend_from_slice(x.row(c));
            closest = updated;
        }
    }
    centers
}

/// Hamerly's bounds for Lloyd's iterations (Hamerly 2010): per point an upper bound on the
/// distance to its centre and a lower bound on the distance to every other centre, loosened by
/// how far the centres moved. A point whose upper bound is below the lower bound (or below half
/// the distance from its centre to the nearest other centre) keeps its centre without computing
/// any distance; the others are assigned exactly as in Lloyd's algorithm. Same labels as plain
/// Lloyd, a fraction of the distance computations once the centres settle.
struct Bounds {
    upper: Vec<f64>,
    lower: Vec<f64>,
}

/// Nearest and second-nearest centre of `row`: (index, distance, second distance); the first
/// of equal nearest centres wins.
fn two_nearest(row: &[f64], centers: &[f64], k: usize, d: usize) -> (usize, f64, f64) {
    let (mut best, mut second, mut arg) = (f64::INFINITY, f64::INFINITY, 0);
    for c in 0..k {
        let dd = dist2(row, &centers[c * d..(c + 1) * d]);
        if dd < best {
            second = best;
            best = dd;
            arg = c;
        } else if dd < second {
            second = dd;
        }
    }
    (arg, best.sqrt(), second.sqrt())
}

impl Bounds {
    /// Full assignment: exact bounds for every point.
    fn new(x: &Matrix, centers: &[f64], k: usize, labels: &mut [usize]) -> Bounds {
        let (mut upper, mut lower) = (vec![0.0; x.n], vec![0.0; x.n]);
        for i in 0..x.n {
            let (a, u, l) = two_nearest(x.row(i), centers, k, x.d);
            labels[i] = a;
            upper[i] = u;
            lower[i] = l;
        }
        Bounds { upper, lower }
    }

    /// Loosens the bounds after the centres moved by `shift[c]` (Euclidean distances).
    fn moved(&mut self, labels: &[usize], shift: &[f64]) {
        let (mut max1, mut max2, mut arg) = (0.0f64, 0.0f64, 0);
        for (c, &s) in shift.iter().enumerate() {
            if s > max1 {
                max2 = max1;
                max1 = s;
                arg = c;
            } else if s > max2 {
                max2 = s;
            }
        }
        for (i, &a) in labels.iter().enumerate() {
            self.upper[i] += shift[a];
            self.lower[i] -= if a == arg { max2 } else { max1 };
        }
    }

    /// Assigns every point whose bounds do not rule out a change; keeps the per-cluster `sums`
    /// and `counts` up to date and returns the number of points that changed cluster.
    fn assign(
        &mut self,
        x: &Matrix,
        centers: &[f64],
        k: usize,
        labels: &mut [usize],
        sums: &mut [f64],
        counts: &mut [usize],
    ) -> usize {
        let mut changed = 0;
        let d = x.d;
        // Half the distance from each centre to its nearest other centre.
        let half: Vec<f64> = (0..k)
            .map(|c| {
                (0..k)
                    .filter(|&o| o != c)
                    .map(|o| dist2(&centers[c * d..(c + 1) * d], &centers[o * d..(o + 1) * d]))
                    .fold(f64::INFINITY, f64::min)
                    .sqrt()
                    / 2.0
            })
            .collect();
        // A relative margin keeps rounding in the bounds from skipping a point that moves.
        const MARGIN: f64 = 1e-9;
        for (i, label) in labels.iter_mut().enumerate() {
            let bound = self.lower[i].max(half[*label]);
            if self.upper[i] * (1.0 + MARGIN) < bound {
                continue;
            }
            let row = x.row(i);
            self.upper[i] = dist2(row, &centers[*label * d..(*label + 1) * d]).sqrt();
            if self.upper[i] * (1.0 + MARGIN) < bound {
                continue;
            }
            let (a, u, l) = two_nearest(row, centers, k, d);
            if a != *label {
                let b = *label;
                for (j, v) in row.iter().enumerate() {
                    sums[b * d + j] -= v;
                    sums[a * d + j] += v;
                }
                counts[b] -= 1;
                counts[a] += 1;
                changed += 1;
                *label = a;
            }
            self.upper[i] = u;
            self.lower[i] = l;
        }
        changed
    }
}

/// One k-means run from `centers`: Lloyd's iterations (with Hamerly's bounds), then Hartigan's
/// refinement.
fn run(x: &Matrix, centers: Vec<f64>, k: usize, max_iter: usize, tol_abs: f64) -> KMeansResult {
    let (mut labels, mut centers, iterations) = lloyd(x, centers, k, max_iter, tol_abs);
    hartigan(x, &mut labels, &mut centers, k);
    KMeansResult {
        inertia: assign_cost(x, &centers, &labels),
        labels,
        centers,
        iterations,
    }
}

/// Lloyd's iterations until no point changes or the centres move less than `tol_abs`: labels,
/// centres (the means of the labels before the last assignment) and iterations.
fn lloyd(
    x: &Matrix,
    mut centers: Vec<f64>,
    k: usize,
    max_iter: usize,
    tol_abs: f64,
) -> (Vec<usize>, Vec<f64>, usize) {
    let (n, d) = (x.n, x.d);
    let mut labels = vec![0; n];
    let mut bounds = Bounds::new(x, &centers, k, &mut labels);
    // Per-cluster sums and counts, updated as points change cluster.
    let mut sums = vec![0.0; k * d];
    let mut counts = vec![0usize; k];
    for (i, &l) in labels.iter().enumerate() {
        counts[l] += 1;
        for (s, v) in sums[l * d..(l + 1) * d].iter_mut().zip(x.row(i)) {
            *s += v;
        }
    }
    let mut iterations = 0;
    for it in 1..=max_iter {
        iterations = it;
        let mut new = centers.clone();
        for c in 0..k {
            if counts[c] > 0 {
                for j in 0..d {
                    new[c * d + j] = sums[c * d + j] / counts[c] as f64;
                }
            } else {
                // Empty cluster: move it to the point farthest from its centre.
                let far = (0..n)
                    .max_by(|&a, &b| {
                        let da = dist2(x.row(a), &centers[labels[a] * d..(labels[a] + 1) * d]);
                        let db = dist2(x.row(b), &centers[labels[b] * d..(labels[b] + 1) * d]);
                        da.total_cmp(&db)
                    })
                    .unwrap_or(0);
                new[c * d..(c + 1) * d].copy_from_slice(x.row(far));
            }
        }
        let shift = dist2(&new, &centers);
        let moved: Vec<f64> = (0..k)
            .map(|c| dist2(&new[c * d..(c + 1) * d], &centers[c * d..(c + 1) * d]).sqrt())
            .collect();
        centers = new;
        bounds.moved(&labels, &moved);
        let changed = bounds.assign(x, &centers, k, &mut labels, &mut sums, &mut counts);
        if changed == 0 || shift <= tol_abs {
            break;
        }
    }
    (labels, centers, iterations)
}

fn assign_cost(x: &Matrix, centers: &[f64], labels: &[usize]) -> f64 {
    let d = x.d;
    labels
        .iter()
        .enumerate()
        .map(|(i, &l)| dist2(x.row(i), &centers[l * d..(l + 1) * d]))
        .sum()
}

/// Hartigan's refinement: move single points while that lowers the sum of squares. Starts from
/// the exact means of `labels` (the gain of a move is exact only then; after Lloyd's last step
/// the centres are the means of the previous labels) and leaves the exact means of the new
/// labels in `centers`.
fn hartigan(x: &Matrix, labels: &mut [usize], centers: &mut [f64], k: usize) {
    let d = x.d;
    let (means, mut counts) = super::quality::centroids(x, labels, k);
    for c in 0..k {
        if counts[c] > 0 {
            centers[c * d..(c + 1) * d].copy_from_slice(&means[c * d..(c + 1) * d]);
        }
    }
    for _pass in 0..50 {
        let mut moved = false;
        for (i, label) in labels.iter_mut().enumerate() {
            let a = *label;
            if counts[a] <= 1 {
                continue;
            }
            let row = x.row(i);
            let na = counts[a] as f64;
            let gain_out = na / (na - 1.0) * dist2(row, &centers[a * d..(a + 1) * d]);
            let (mut best, mut to) = (gain_out, a);
            for b in 0..k {
                if b == a {
                    continue;
                }
                let nb = counts[b] as f64;
                let cost_in = nb / (nb + 1.0) * dist2(row, &centers[b * d..(b + 1) * d]);
                if cost_in < best * (1.0 - 1e-12) {
                    best = cost_in;
                    to = b;
                }
            }
            if to != a {
                let nb = counts[to] as f64;
                for j in 0..d {
                    centers[a * d + j] = (na * centers[a * d + j] - row[j]) / (na - 1.0);
                    centers[to * d + j] = (nb * centers[to * d + j] + row[j]) / (nb + 1.0);
                }
                counts[a] -= 1;
                counts[to] += 1;
                *label = to;
                moved = true;
            }
        }
        if !moved {
            break;
        }
    }
    // The running updates drift a little: the exact means again.
    let (means, counts) = super::quality::centroids(x, labels, k);
    for c in 0..k {
        if counts[c] > 0 {
            centers[c * d..(c + 1) * d].copy_from_slice(&means[c * d..(c + 1) * d]);
        }
    }
}

fn tolerance(x: &Matrix, tol: f64) -> f64 {
    let (n, d) = (x.n as f64, x.d);
    let mean_var = (0..d)
        .map(|j| {
            let m = (0..x.n).map(|i| x.row(i)[j]).sum::<f64>() / n;
            (0..x.n).map(|i| (x.row(i)[j] - m).powi(2)).sum::<f64>() / n
        })
        .sum::<f64>()
        / d.max(1) as f64;
    tol * mean_var
}

fn check(x: &Matrix, k: usize) -> Result<(), ClusterError> {
    if x.n == 0 || x.d == 0 {
        return Err(ClusterError::Empty);
    }
    if k == 0 || k > x.n {
        return Err(ClusterError::InvalidK { k, n: x.n });
    }
    Ok(())
}

/// k-means with k-means++ seeding and restarts; the start with the least inertia wins.
pub fn kmeans(x: &Matrix, p: &KMeansParams) -> Result<KMeansResult, ClusterError> {
    check(x, p.k)?;
    let mut rng = ChaCha8Rng::seed_from_u64(p.seed);
    let tol_abs = tolerance(x, p.tol);
    let mut best: Option<KMeansResult> = None;
    for _ in 0..p.restarts.max(1) {
        let centers = plus_plus(x, p.k, &mut rng);
        let r = run(x, centers, p.k, p.max_iter, tol_abs);
        if best.as_ref().is_none_or(|b| r.inertia < b.inertia) {
            best = Some(r);
        }
    }
    best.ok_or(ClusterError::Empty)
}

/// k-means started from the centroids of a given partition (labels 0..k).
pub fn refine(
    x: &Matrix,
    labels: &[usize],
    p: &KMeansParams,
) -> Result<KMeansResult, ClusterError> {
    let k = labels.iter().max().map_or(0, |m| m + 1);
    check(x, k)?;
    let (centers, _) = super::quality::centroids(x, labels, k);
    Ok(run(x, centers, k, p.max_iter, tolerance(x, p.tol)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hamerly_bounds_assign_every_point_to_its_nearest_centre() {
        // 400 points, 6 centres moved in steps of several sizes: after every move the bounded
        // assignment equals the brute-force nearest centre, and the kept sums and counts equal
        // freshly computed ones.
        let mut rng = ChaCha8Rng::seed_from_u64(3);
        let rows: Vec<Vec<f64>> = (0..400)
            .map(|_| (0..3).map(|_| rng.random_range(0.0..10.0)).collect())
            .collect();
        let x = Matrix::from_rows(&rows).unwrap();
        let (k, d) = (6, 3);
        let mut centers: Vec<f64> = (0..k * d).map(|_| rng.random_range(0.0..10.0)).collect();
        let mut labels = vec![0; x.n];
        let mut bounds = Bounds::new(&x, &centers, k, &mut labels);
        let (mut sums, mut counts) = (vec![0.0; k * d], vec![0usize; k]);
        for (i, &l) in labels.iter().enumerate() {
            counts[l] += 1;
            for j in 0..d {
                sums[l * d + j] += x.row(i)[j];
            }
        }
        let mut skipped_any = false;
        for step in 0..30 {
            let size = [0.01, 0.3, 2.0][step % 3];
            let old = centers.clone();
            for v in centers.iter_mut() {
                *v += rng.random_range(-size..size);
            }
            let moved: Vec<f64> = (0..k)
                .map(|c| dist2(&centers[c * d..(c + 1) * d], &old[c * d..(c + 1) * d]).sqrt())
                .collect();
            bounds.moved(&labels, &moved);
            let before = labels.clone();
            let changed = bounds.assign(&x, &centers, k, &mut labels, &mut sums, &mut counts);
            let nearest: Vec<usize> = (0..x.n)
                .map(|i| two_nearest(x.row(i), &centers, k, d).0)
                .collect();
            assert_eq!(labels, nearest, "step {step}");
            assert_eq!(
                changed,
                before.iter().zip(&labels).filter(|(a, b)| a != b).count()
            );
            for c in 0..k {
                assert_eq!(counts[c], labels.iter().filter(|&&l| l == c).count());
                for j in 0..d {
                    let fresh: f64 = (0..x.n)
                        .filter(|&i| labels[i] == c)
                        .map(|i| x.row(i)[j])
                        .sum();
                    assert!((sums[c * d + j] - fresh).abs() < 1e-9, "sum {c} {j}");
                }
            }
            skipped_any |= size < 0.1 && changed == 0;
        }
        assert!(skipped_any, "small moves change no label");
    }

    #[test]
    fn hartigan_never_raises_the_sum_of_squares_and_leaves_the_means() {
        // The benchmarks' synthetic indicators (2,000 units x 12): Lloyd stops with centres
        // that are the means of the labels before its last step. Hartigan must start from the
        // exact means, else its moves can raise the sum of squares (they did here in one of
        // these 40 runs, and by up to 6 on 20,000 x 12).
        let mut rng = ChaCha8Rng::seed_from_u64(11);
        let atlas = crate::demo::synthetic(50, 40, 12, 1);
        let rows: Vec<Vec<f64>> = (0..2000)
            .map(|i| {
                atlas.table.columns[1..]
                    .iter()
                    .map(|c| match &c.values {
                        crate::model::ColumnValues::Number(v) => v[i].unwrap_or(0.0),
                        crate::model::ColumnValues::Text(_) => unreachable!(),
                    })
                    .collect()
            })
            .collect();
        let x = Matrix::from_rows(&rows).unwrap();
        let k = 5;
        let tol = tolerance(&x, 1e-4);
        let mut improved = 0;
        for _ in 0..40 {
            let start = plus_plus(&x, k, &mut rng);
            let (mut labels, mut centers, _) = lloyd(&x, start, k, 300, tol);
            let before = super::super::quality::within_ss(&x, &labels);
            hartigan(&x, &mut labels, &mut centers, k);
            let after = super::super::quality::within_ss(&x, &labels);
            assert!(after <= before + 1e-9 * before, "{after} > {before}");
            improved += usize::from(after < before - 1e-9 * before);
            let (means, _) = super::super::quality::centroids(&x, &labels, k);
            for (c, m) in centers.iter().zip(&means) {
                assert!((c - m).abs() < 1e-12, "centre {c} != mean {m}");
            }
            assert!((assign_cost(&x, &centers, &labels) - after).abs() < 1e-9 * after);
        }
        assert!(improved > 0, "Hartigan improves some Lloyd results");
    }

    #[test]
    fn finds_well_separated_groups_and_is_reproducible() {
        let mut rows = vec![];
        for c in [0.0, 10.0, 20.0] {
            for i in 0..20 {
                rows.push(vec![c + (i % 5) as f64 * 0.1, c - (i % 3) as f64 * 0.1]);
            }
        }
        let x = Matrix::from_rows(&rows).unwrap();
        let a = kmeans(&x, &KMeansParams::new(3).seed(7)).unwrap();
        let b = kmeans(&x, &KMeansParams::new(3).seed(7)).unwrap();
        assert_eq!(a, b, "same seed, same result");
        for g in 0..3 {
            let l = a.labels[g * 20];
            assert!(a.labels[g * 20..(g + 1) * 20].iter().all(|x| *x == l));
        }
        let r = refine(&x, &a.labels, &KMeansParams::new(3)).unwrap();
        assert!((r.inertia - a.inertia).abs() < 1e-9);
        assert!(matches!(
            kmeans(&x, &KMeansParams::new(61)),
            Err(ClusterError::InvalidK { k: 61, n: 60 })
        ));
    }
}

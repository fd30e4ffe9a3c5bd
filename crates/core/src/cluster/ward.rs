//! Exact Ward hierarchical clustering by nearest-neighbour chain (Murtagh 1983; Müllner 2011,
//! "Modern hierarchical, agglomerative clustering algorithms", the `linkage_vector` of
//! fastcluster).
//!
//! Ward's distance between clusters A and B is `sqrt(2 |A||B| / (|A|+|B|)) * ||c_A - c_B||`,
//! the height scipy reports. It is reducible, so the nearest-neighbour chain finds exactly the
//! merges of the greedy algorithm. Only centroids and sizes are kept: memory O(n d), time
//! O(n² d). Ties are broken as in scipy's `nn_chain` (previous chain element first, then the
//! lowest index), merges sorted stably by height and relabelled as `scipy` does, so the result
//! is scipy's linkage matrix (`tests/cluster_reference.rs`).

use super::Matrix;
use serde::{Deserialize, Serialize};

/// One merge of the dendrogram, in scipy's linkage format.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Merge {
    /// The smaller cluster id (leaves are 0..n, the merge of row i is n + i).
    pub a: usize,
    /// The larger cluster id.
    pub b: usize,
    /// Ward distance of the merge.
    pub height: f64,
    /// Number of leaves in the merged cluster.
    pub size: usize,
}

/// A full dendrogram of `n` leaves: `n - 1` merges by ascending height.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Dendrogram {
    /// Number of leaves.
    pub n: usize,
    /// The merges.
    pub merges: Vec<Merge>,
}

/// A subtree shown as one leaf of [`Dendrogram::top`].
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct TopLeaf {
    /// Number of original leaves below it.
    pub size: usize,
    /// Its smallest original leaf (row of the clustered matrix).
    pub first: usize,
}

/// The drawable top of a dendrogram.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DendrogramTop {
    /// The leaves, left to right.
    pub leaves: Vec<TopLeaf>,
    /// Line segments `[x1, y1, x2, y2]`.
    pub segments: Vec<[f64; 4]>,
    /// Height of the root merge.
    pub max_height: f64,
}

struct UnionFind {
    parent: Vec<usize>,
    size: Vec<usize>,
}

impl UnionFind {
    fn new(n: usize) -> UnionFind {
        UnionFind {
            parent: (0..2 * n.max(1) - 1).collect(),
            size: (0..2 * n.max(1) - 1).map(|i| usize::from(i < n)).collect(),
        }
    }

    fn find(&mut self, mut x: usize) -> usize {
        let mut root = x;
        while self.parent[root] != root {
            root = self.parent[root];
        }
        while self.parent[x] != root {
            let next = self.parent[x];
            self.parent[x] = root;
            x = next;
        }
        root
    }

    fn merge(&mut self, x: usize, y: usize, label: usize) -> usize {
        self.parent[x] = label;
        self.parent[y] = label;
        self.size[label] = self.size[x] + self.size[y];
        self.size[label]
    }
}

/// Ward clustering of the rows of `x`.
pub fn ward(x: &Matrix) -> Dendrogram {
    let mut run = WardRun::new(x);
    while run.step(usize::MAX) {}
    run.finish()
}

/// Ward clustering in steps, so that a page can run it in slices and show progress: each
/// [`WardRun::step`] performs at most a given number of merges.
pub struct WardRun {
    n: usize,
    d: usize,
    /// Centroids of the clusters in slots, dimension by dimension: value `k` of slot `s` at
    /// `k * n + s` (so that the scan reads consecutive slots of one dimension together).
    centroid: Vec<f64>,
    /// Size of the cluster in each slot; 0 for a slot whose cluster was merged away.
    size: Vec<f64>,
    /// Cluster id (0..n) of each slot.
    id: Vec<usize>,
    /// Slot of each cluster id (valid while the cluster is active).
    slot: Vec<usize>,
    /// Empty slots (compacted away when they are more than a sixteenth).
    dead: usize,
    raw: Vec<(usize, usize, f64, usize)>,
    /// The nearest-neighbour chain, as slots.
    chain: Vec<usize>,
}

impl WardRun {
    /// Prepares the clustering of the rows of `x`.
    pub fn new(x: &Matrix) -> WardRun {
        WardRun {
            n: x.n,
            d: x.d,
            centroid: (0..x.d)
                .flat_map(|k| (0..x.n).map(move |i| x.data[i * x.d + k]))
                .collect(),
            size: vec![1.0; x.n],
            id: (0..x.n).collect(),
            slot: (0..x.n).collect(),
            dead: 0,
            raw: Vec::with_capacity(x.n.saturating_sub(1)),
            chain: Vec::with_capacity(x.n),
        }
    }

    /// Share of the merges done (0 to 1). The early merges of the nearest-neighbour chain are
    /// the slow ones (many active clusters), so this runs ahead of the time.
    pub fn progress(&self) -> f64 {
        if self.n < 2 {
            1.0
        } else {
            self.raw.len() as f64 / (self.n - 1) as f64
        }
    }

    /// Ward's squared distance between the clusters in slots `a` and `b` (half scipy's height
    /// squared, monotone in it), computed as [`WardRun::scan`] computes it (to the last bit).
    fn wd(&self, a: usize, b: usize) -> f64 {
        let (d, n) = (self.d, self.n);
        let full = d - d % 4;
        // The squared distance as `cluster::dist2` sums it: dimension k in lane k mod 4, the
        // dimensions after the last four in order.
        let mut lanes = [0.0f64; 4];
        for k in 0..full {
            let t = self.centroid[k * n + a] - self.centroid[k * n + b];
            lanes[k % 4] += t * t;
        }
        let mut rest = 0.0;
        for k in full..d {
            let t = self.centroid[k * n + a] - self.centroid[k * n + b];
            rest += t * t;
        }
        let (na, nb) = (self.size[a], self.size[b]);
        na * nb / (na + nb) * ((lanes[0] + lanes[2]) + (lanes[1] + lanes[3]) + rest)
    }

    /// The nearest active cluster (slot) to slot `x`; `start` with distance `best` (the chain's
    /// predecessor) wins ties, otherwise the first in id order wins.
    ///
    /// This scan is nearly all of Ward's time. Where the processor has AVX2 (checked once at run
    /// time; x86-64 builds otherwise assume only SSE2), the same code is compiled for it: twice
    /// the lanes per instruction, the same operations in the same order (no fused
    /// multiply-add), so the same distances to the last bit and the same merges.
    fn nearest(&self, x: usize, start: usize, best: f64) -> (usize, f64) {
        #[cfg(target_arch = "x86_64")]
        if std::arch::is_x86_feature_detected!("avx2") {
            // SAFETY: the processor supports AVX2, checked on the line above.
            return unsafe { self.nearest_avx2(x, start, best) };
        }
        self.scan(x, start, best)
    }

    /// [`WardRun::scan`] compiled for AVX2.
    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx2")]
    fn nearest_avx2(&self, x: usize, start: usize, best: f64) -> (usize, f64) {
        self.scan(x, start, best)
    }

    /// The scan of [`WardRun::nearest`], inlined into each of its compilations.
    #[inline(always)]
    fn scan(&self, x: usize, start: usize, best: f64) -> (usize, f64) {
        const B: usize = 8;
        let (d, n) = (self.d, self.n);
        let full = d - d % 4;
        let cx: Vec<f64> = (0..d).map(|k| self.centroid[k * n + x]).collect();
        let nx = self.size[x];
        // Blocks of B consecutive slots, one lane per slot of the block: each lane keeps its
        // first minimum, the merge takes the lowest slot among equal minima: the same answer as
        // one scan in slot order. Per slot the arithmetic is that of `wd`, in the same order.
        let mut lane_best = [f64::INFINITY; B];
        let mut lane_slot = [usize::MAX; B];
        let m = self.size.len();
        let mut base = 0;
        while base + B <= m {
            let mut acc = [[0.0f64; B]; 4];
            for c in (0..full).step_by(4) {
                for (q, lane) in acc.iter_mut().enumerate() {
                    let k = c + q;
                    let row = &self.centroid[k * n + base..k * n + base + B];
                    for j in 0..B {
                        let t = cx[k] - row[j];
                        lane[j] += t * t;
                    }
                }
            }
            let mut rest = [0.0f64; B];
            for (k, c) in cx.iter().enumerate().skip(full) {
                let row = &self.centroid[k * n + base..k * n + base + B];
                for j in 0..B {
                    let t = c - row[j];
                    rest[j] += t * t;
                }
            }
            let ns = &self.size[base..base + B];
            for j in 0..B {
                let d2 = (acc[0][j] + acc[2][j]) + (acc[1][j] + acc[3][j]) + rest[j];
                let v = nx * ns[j] / (nx + ns[j]) * d2;
                let v = if ns[j] == 0.0 || base + j == x {
                    f64::INFINITY
                } else {
                    v
                };
                if v < lane_best[j] {
                    lane_best[j] = v;
                    lane_slot[j] = base + j;
                }
            }
            base += B;
        }
        // The last slots (after the blocks) come after every slot seen: lane 0 takes them in
        // order.
        for s in base..m {
            if self.size[s] == 0.0 || s == x {
                continue;
            }
            let dd = self.wd(x, s);
            if dd < lane_best[0] {
                lane_best[0] = dd;
                lane_slot[0] = s;
            }
        }
        let (mut y, mut min) = (usize::MAX, f64::INFINITY);
        for k in 0..B {
            if lane_best[k] < min || (lane_best[k] == min && lane_slot[k] < y) {
                min = lane_best[k];
                y = lane_slot[k];
            }
        }
        if min < best {
            (y, min)
        } else {
            (start, best)
        }
    }

    /// Removes empty slots, keeping the id order (so ties resolve as before).
    fn compact(&mut self) {
        let (d, n) = (self.d, self.n);
        let mut to = 0;
        for from in 0..self.size.len() {
            if self.size[from] == 0.0 {
                continue;
            }
            if to != from {
                for k in 0..d {
                    self.centroid[k * n + to] = self.centroid[k * n + from];
                }
                self.size[to] = self.size[from];
                self.id[to] = self.id[from];
            }
            self.slot[self.id[to]] = to;
            to += 1;
        }
        self.size.truncate(to);
        self.id.truncate(to);
        self.dead = 0;
    }

    /// Performs up to `merges` merges; false when all are done.
    pub fn step(&mut self, merges: usize) -> bool {
        let d = self.d;
        let total = self.n.saturating_sub(1);
        let mut done = 0;
        while self.raw.len() < total && done < merges {
            done += 1;
            if self.dead > 64 && self.dead > self.size.len() / 16 {
                // Slots in the chain are translated through the ids.
                let ids: Vec<usize> = self.chain.iter().map(|&s| self.id[s]).collect();
                self.compact();
                self.chain = ids.into_iter().map(|i| self.slot[i]).collect();
            }
            if self.chain.is_empty() {
                let first = self.size.iter().position(|&s| s > 0.0).unwrap_or(0);
                self.chain.push(first);
            }
            let (x, y, best) = loop {
                let x = self.chain[self.chain.len() - 1];
                let (start, best) = if self.chain.len() > 1 {
                    let p = self.chain[self.chain.len() - 2];
                    (p, self.wd(x, p))
                } else {
                    (usize::MAX, f64::INFINITY)
                };
                let (y, best) = self.nearest(x, start, best);
                if self.chain.len() > 1 && y == self.chain[self.chain.len() - 2] {
                    break (x, y, best);
                }
                self.chain.push(y);
            };
            self.chain.truncate(self.chain.len() - 2);
            // Slots are in id order: the lower slot holds the lower id, which is merged away.
            let (x, y) = if x > y { (y, x) } else { (x, y) };
            let (nx, ny) = (self.size[x], self.size[y]);
            let n = self.n;
            for k in 0..d {
                self.centroid[k * n + y] =
                    (nx * self.centroid[k * n + x] + ny * self.centroid[k * n + y]) / (nx + ny);
            }
            let merged = (nx + ny) as usize;
            self.raw
                .push((self.id[x], self.id[y], (2.0 * best).sqrt(), merged));
            self.size[y] = nx + ny;
            self.size[x] = 0.0;
            self.dead += 1;
        }
        self.raw.len() < total
    }

    /// The dendrogram (runs the remaining merges first).
    pub fn finish(mut self) -> Dendrogram {
        while self.step(usize::MAX) {}
        let (n, raw) = (self.n, self.raw);
        if n < 2 {
            return Dendrogram { n, merges: vec![] };
        }
        // Sort by height (stable, as scipy's mergesort) and relabel with union-find.
        let mut order: Vec<usize> = (0..raw.len()).collect();
        order.sort_by(|&a, &b| raw[a].2.total_cmp(&raw[b].2));
        let mut uf = UnionFind::new(n);
        let merges = order
            .iter()
            .enumerate()
            .map(|(i, &r)| {
                let (xr, yr) = (uf.find(raw[r].0), uf.find(raw[r].1));
                let (a, b) = if xr < yr { (xr, yr) } else { (yr, xr) };
                let size = uf.merge(a, b, n + i);
                Merge {
                    a,
                    b,
                    height: raw[r].2,
                    size,
                }
            })
            .collect();
        Dendrogram { n, merges }
    }
}

impl Dendrogram {
    /// The partition into `k` clusters obtained by applying all but the last `k - 1` merges.
    /// Labels are 0..k, numbered by the first leaf of each cluster.
    pub fn cut(&self, k: usize) -> Vec<usize> {
        let n = self.n;
        let k = k.clamp(1, n.max(1));
        let mut uf = UnionFind::new(n);
        for (i, m) in self.merges.iter().enumerate().take(n - k) {
            let (a, b) = (uf.find(m.a), uf.find(m.b));
            uf.merge(a, b, n + i);
        }
        let mut label_of_root = std::collections::HashMap::new();
        (0..n)
            .map(|leaf| {
                let r = uf.find(leaf);
                let next = label_of_root.len();
                *label_of_root.entry(r).or_insert(next)
            })
            .collect()
    }

    /// The top of the tree for drawing, as scipy's `dendrogram(truncate_mode="lastp", p=p)`:
    /// the last `p - 1` merges, their `p` subtrees as leaves (left to right in depth-first
    /// order), and the line segments `[x1, y1, x2, y2]` with leaves at x = 0, 1, … and y = merge
    /// height (leaves at 0).
    pub fn top(&self, p: usize) -> DendrogramTop {
        let n = self.n;
        let p = p.clamp(1, n.max(1));
        let first_top = self.merges.len().saturating_sub(p - 1);
        // Smallest original leaf of every node, for colouring a subtree by its cluster.
        let mut first = (0..n).collect::<Vec<usize>>();
        for m in &self.merges {
            first.push(first[m.a].min(first[m.b]));
        }
        let is_top = |node: usize| node >= n + first_top;
        let mut leaves = Vec::new();
        let mut segments = Vec::new();
        // Iterative post-order over the top merges; returns (x, y) of each node.
        let root = if self.merges.is_empty() {
            0
        } else {
            n + self.merges.len() - 1
        };
        let mut pos: std::collections::HashMap<usize, (f64, f64)> = Default::default();
        let mut stack = vec![(root, false)];
        while let Some((node, done)) = stack.pop() {
            if !is_top(node) {
                let x = leaves.len() as f64;
                let size = if node < n {
                    1
                } else {
                    self.merges[node - n].size
                };
                leaves.push(TopLeaf {
                    size,
                    first: first[node],
                });
                pos.insert(node, (x, 0.0));
                continue;
            }
            let m = self.merges[node - n];
            if !done {
                stack.push((node, true));
                stack.push((m.b, false));
                stack.push((m.a, false));
                continue;
            }
            let (xa, ya) = pos[&m.a];
            let (xb, yb) = pos[&m.b];
            segments.push([xa, ya, xa, m.height]);
            segments.push([xb, yb, xb, m.height]);
            segments.push([xa, m.height, xb, m.height]);
            pos.insert(node, ((xa + xb) / 2.0, m.height));
        }
        DendrogramTop {
            leaves,
            segments,
            max_height: self.merges.last().map_or(0.0, |m| m.height),
        }
    }

    /// A height that cuts the tree into `k` clusters (between the merges that make k and k-1).
    pub fn cut_height(&self, k: usize) -> Option<f64> {
        let m = self.merges.len();
        if k < 2 || k > m + 1 {
            return None;
        }
        let above = self.merges[m + 1 - k].height;
        let below = if m + 1 - k == 0 {
            0.0
        } else {
            self.merges[m - k].height
        };
        Some((above + below) / 2.0)
    }

    /// The merge heights, ascending (for the dendrogram and the "elbow" of k).
    pub fn heights(&self) -> Vec<f64> {
        self.merges.iter().map(|m| m.height).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cluster::dist2;

    #[test]
    fn stepping_in_slices_gives_the_same_dendrogram() {
        let atlas = crate::demo::synthetic(12, 10, 5, 3);
        let rows: Vec<Vec<f64>> = (0..120)
            .map(|i| {
                (1..6)
                    .map(|c| match &atlas.table.columns[c].values {
                        crate::model::ColumnValues::Number(v) => v[i].unwrap_or(0.0),
                        _ => 0.0,
                    })
                    .collect()
            })
            .collect();
        let x = Matrix::from_rows(&rows).unwrap();
        let mut run = WardRun::new(&x);
        let mut slices = 0;
        let mut last = 0.0;
        while run.step(7) {
            slices += 1;
            assert!(run.progress() > last);
            last = run.progress();
        }
        // 119 merges in slices of 7: 17 steps, the last one reports that nothing is left.
        assert_eq!(slices, 16);
        assert_eq!(run.progress(), 1.0);
        assert_eq!(run.finish(), ward(&x));
    }

    #[test]
    fn top_of_the_tree_is_scipys_truncated_dendrogram() {
        // Five points on a line: 0, 1 | 10, 11, 12.
        let x =
            Matrix::from_rows(&[vec![0.0], vec![1.0], vec![10.0], vec![11.0], vec![12.0]]).unwrap();
        let d = ward(&x);
        let top = d.top(2);
        // scipy: dendrogram(Z, truncate_mode="lastp", p=2) shows leaves "(2)" and "(3)".
        let sizes: Vec<usize> = top.leaves.iter().map(|l| l.size).collect();
        assert_eq!(sizes, vec![2, 3]);
        assert_eq!(top.leaves[0].first, 0);
        assert_eq!(top.leaves[1].first, 2);
        assert_eq!(top.segments.len(), 3);
        assert_eq!(top.max_height, d.merges[3].height);
        let full = d.top(5);
        assert_eq!(full.leaves.len(), 5);
        assert_eq!(full.segments.len(), 12);
        assert!(full.leaves.iter().all(|l| l.size == 1));
        // The cut for k = 2 lies between the last two merges.
        let h = d.cut_height(2).unwrap();
        assert!(d.merges[2].height < h && h < d.merges[3].height);
        assert_eq!(d.cut_height(1), None);
    }
    use rand::{Rng, SeedableRng};

    /// The textbook O(n³) algorithm: merge the closest pair of clusters (Ward distance).
    fn naive(x: &Matrix) -> (Vec<f64>, Vec<Vec<Vec<usize>>>) {
        let mut clusters: Vec<Vec<usize>> = (0..x.n).map(|i| vec![i]).collect();
        let centroid = |c: &[usize]| -> Vec<f64> {
            (0..x.d)
                .map(|k| c.iter().map(|&i| x.row(i)[k]).sum::<f64>() / c.len() as f64)
                .collect()
        };
        let mut heights = vec![];
        let mut partitions = vec![clusters.clone()];
        while clusters.len() > 1 {
            let mut best = (f64::INFINITY, 0, 0);
            for a in 0..clusters.len() {
                for b in a + 1..clusters.len() {
                    let (na, nb) = (clusters[a].len() as f64, clusters[b].len() as f64);
                    let dd = 2.0 * na * nb / (na + nb)
                        * dist2(&centroid(&clusters[a]), &centroid(&clusters[b]));
                    if dd < best.0 {
                        best = (dd, a, b);
                    }
                }
            }
            let merged = clusters.remove(best.2);
            clusters[best.1].extend(merged);
            heights.push(best.0.sqrt());
            partitions.push(clusters.clone());
        }
        (heights, partitions)
    }

    fn same_partition(labels: &[usize], groups: &[Vec<usize>]) -> bool {
        groups
            .iter()
            .all(|g| g.iter().all(|&i| labels[i] == labels[g[0]]))
            && groups.len()
                == labels
                    .iter()
                    .collect::<std::collections::BTreeSet<_>>()
                    .len()
    }

    /// `n` rows of `d` values drawn by `value`.
    fn random_rows(n: usize, d: usize, mut value: impl FnMut() -> f64) -> Vec<Vec<f64>> {
        (0..n).map(|_| (0..d).map(|_| value()).collect()).collect()
    }

    #[test]
    fn every_compilation_of_the_scan_finds_the_same_neighbour_and_distance() {
        // On a processor with AVX2 `nearest` runs the AVX2 compilation: it must agree with the
        // plain one to the last bit, ties included (small integer coordinates make many).
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(5);
        for _ in 0..40 {
            let n = rng.random_range(2..=70);
            let d = rng.random_range(1..=13);
            let rows = random_rows(n, d, || rng.random_range(0..4) as f64);
            let mut run = WardRun::new(&Matrix::from_rows(&rows).unwrap());
            loop {
                for x in (0..run.size.len()).filter(|&x| run.size[x] > 0.0) {
                    let plain = run.scan(x, usize::MAX, f64::INFINITY);
                    assert_eq!(run.nearest(x, usize::MAX, f64::INFINITY), plain);
                    if plain.0 != usize::MAX {
                        assert_eq!(run.wd(x, plain.0).to_bits(), plain.1.to_bits());
                    }
                }
                if !run.step(n / 5 + 1) {
                    break;
                }
            }
        }
    }

    #[test]
    fn nn_chain_equals_the_naive_algorithm_on_random_inputs() {
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(11);
        for _ in 0..60 {
            let n = rng.random_range(2..=25);
            let d = rng.random_range(1..=4);
            let rows = random_rows(n, d, || rng.random_range(-5.0..5.0));
            let x = Matrix::from_rows(&rows).unwrap();
            let dendro = ward(&x);
            let (heights, partitions) = naive(&x);
            let mut ours = dendro.heights();
            ours.sort_by(f64::total_cmp);
            let mut theirs = heights.clone();
            theirs.sort_by(f64::total_cmp);
            for (a, b) in ours.iter().zip(&theirs) {
                assert!((a - b).abs() < 1e-9 * (1.0 + b), "{ours:?} vs {theirs:?}");
            }
            // Ward heights are monotone, so cutting at k reproduces the naive partition.
            for k in 1..=n {
                assert!(same_partition(&dendro.cut(k), &partitions[n - k]), "k={k}");
            }
        }
    }
}

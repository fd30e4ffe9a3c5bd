//! Measures that help to choose the number of clusters: within-cluster sum of squares (the
//! "elbow"), the silhouette (Rousseeuw 1987) and the Calinski-Harabasz index, defined as in
//! scikit-learn (`silhouette_score`, `calinski_harabasz_score`).
//!
//! The silhouette needs all pairwise distances: O(n² d) time, O(n) memory.

use super::{dist2, Matrix};

/// Centroids (`k * d`, row after row) and sizes of the clusters of a partition (labels 0..k).
pub(crate) fn centroids(x: &Matrix, labels: &[usize], k: usize) -> (Vec<f64>, Vec<usize>) {
    let d = x.d;
    let mut c = vec![0.0; k * d];
    let mut counts = vec![0usize; k];
    for (i, &l) in labels.iter().enumerate() {
        counts[l] += 1;
        for j in 0..d {
            c[l * d + j] += x.row(i)[j];
        }
    }
    for l in 0..k {
        for j in 0..d {
            c[l * d + j] /= counts[l].max(1) as f64;
        }
    }
    (c, counts)
}

fn k_of(labels: &[usize]) -> usize {
    labels.iter().max().map_or(0, |m| m + 1)
}

/// Within-cluster sum of squared distances to the cluster centroids.
pub fn within_ss(x: &Matrix, labels: &[usize]) -> f64 {
    let k = k_of(labels);
    let (c, _) = centroids(x, labels, k);
    labels
        .iter()
        .enumerate()
        .map(|(i, &l)| dist2(x.row(i), &c[l * x.d..(l + 1) * x.d]))
        .sum()
}

/// Total sum of squared distances to the overall mean.
pub fn total_ss(x: &Matrix) -> f64 {
    within_ss(x, &vec![0; x.n])
}

/// Mean silhouette width; `None` with fewer than 2 or more than n - 1 clusters.
pub fn silhouette(x: &Matrix, labels: &[usize]) -> Option<f64> {
    let k = k_of(labels);
    if k < 2 || k >= x.n {
        return None;
    }
    let (_, counts) = centroids(x, labels, k);
    let mut total = 0.0;
    let mut sums = vec![0.0; k];
    for i in 0..x.n {
        sums.iter_mut().for_each(|s| *s = 0.0);
        for j in 0..x.n {
            if i != j {
                sums[labels[j]] += dist2(x.row(i), x.row(j)).sqrt();
            }
        }
        let own = labels[i];
        if counts[own] <= 1 {
            continue; // silhouette 0 for singletons (scikit-learn)
        }
        let a = sums[own] / (counts[own] - 1) as f64;
        let b = (0..k)
            .filter(|&c| c != own && counts[c] > 0)
            .map(|c| sums[c] / counts[c] as f64)
            .fold(f64::INFINITY, f64::min);
        total += (b - a) / a.max(b);
    }
    Some(total / x.n as f64)
}

/// Calinski-Harabasz index (between / within dispersion, scaled); `None` for k < 2.
pub fn calinski_harabasz(x: &Matrix, labels: &[usize]) -> Option<f64> {
    let k = k_of(labels);
    if k < 2 || x.n <= k {
        return None;
    }
    let w = within_ss(x, labels);
    let b = total_ss(x) - w;
    Some(b * (x.n - k) as f64 / (w * (k - 1) as f64))
}

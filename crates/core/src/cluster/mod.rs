//! Typologies (Dortmund-style cluster analysis) on z-standardised indicators.
//!
//! - [`ward`]: exact Ward hierarchical clustering, the same merges as
//!   `scipy.cluster.hierarchy.linkage(method="ward")`, by nearest-neighbour chain on centroids
//!   (as fastcluster's `linkage_vector`): memory linear in the number of areas.
//! - [`kmeans`]: k-means with k-means++ seeding, restarts, explicit seed; refinement of a given
//!   partition (the usual Ward, then k-means two-step procedure).
//! - [`quality`]: within-cluster sum of squares, silhouette, Calinski-Harabasz: help to choose k.
//! - [`profile`]: clusters ordered from least to most disadvantaged, profiles and plain labels.
//! - [`typology`]: all of it for an atlas in one call (the app's cluster view).

pub mod kmeans;
pub mod profile;
pub mod quality;
pub mod typology;
pub mod ward;

use serde::{Deserialize, Serialize};

/// A dense row-major matrix: `n` observations (areas) of `d` variables (indicators).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Matrix {
    /// Number of rows.
    pub n: usize,
    /// Number of columns.
    pub d: usize,
    /// `n * d` values, row after row.
    pub data: Vec<f64>,
}

impl Matrix {
    /// A matrix from rows; `None` when rows differ in length or a value is not finite.
    pub fn from_rows(rows: &[Vec<f64>]) -> Option<Matrix> {
        let d = rows.first().map_or(0, Vec::len);
        if rows
            .iter()
            .any(|r| r.len() != d || r.iter().any(|v| !v.is_finite()))
        {
            return None;
        }
        Some(Matrix {
            n: rows.len(),
            d,
            data: rows.concat(),
        })
    }

    /// Row `i`.
    pub fn row(&self, i: usize) -> &[f64] {
        &self.data[i * self.d..(i + 1) * self.d]
    }
}

/// Squared Euclidean distance. Summed in four lanes (then added up), so the compiler can use
/// vector instructions and the additions do not wait on each other.
#[inline(always)]
pub fn dist2(a: &[f64], b: &[f64]) -> f64 {
    let n = a.len().min(b.len());
    let (a, b) = (&a[..n], &b[..n]);
    let mut lanes = [0.0f64; 4];
    let (ca, cb) = (a.chunks_exact(4), b.chunks_exact(4));
    let (ra, rb) = (ca.remainder(), cb.remainder());
    for (x, y) in ca.zip(cb) {
        for k in 0..4 {
            let t = x[k] - y[k];
            lanes[k] += t * t;
        }
    }
    let rest: f64 = ra.iter().zip(rb).map(|(x, y)| (x - y) * (x - y)).sum();
    (lanes[0] + lanes[2]) + (lanes[1] + lanes[3]) + rest
}

/// Why a clustering cannot be computed.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub enum ClusterError {
    /// `k` is 0 or larger than the number of areas.
    InvalidK {
        /// Requested number of clusters.
        k: usize,
        /// Number of areas.
        n: usize,
    },
    /// No variables or no areas.
    Empty,
}

impl ClusterError {
    /// The message in German or English.
    pub fn message(&self, lang: crate::locale::Lang) -> String {
        match (self, lang) {
            (ClusterError::InvalidK { k, n }, crate::locale::Lang::De) => {
                format!("{k} Cluster sind bei {n} Gebieten nicht möglich (erlaubt: 1 bis {n}).")
            }
            (ClusterError::InvalidK { k, n }, crate::locale::Lang::En) => {
                format!("{k} clusters are not possible with {n} areas (allowed: 1 to {n}).")
            }
            (ClusterError::Empty, crate::locale::Lang::De) => {
                "Keine Gebiete oder keine Indikatoren zum Clustern.".into()
            }
            (ClusterError::Empty, crate::locale::Lang::En) => {
                "No areas or no indicators to cluster.".into()
            }
        }
    }
}

//! A typology of an atlas in one call, as the app's cluster view needs it: z-standardise the
//! chosen indicators over the areas that have all of them, Ward (optionally refined by k-means),
//! order the clusters from least to most disadvantaged, profile them, and measure k = 2..=max
//! for choosing k.

use super::{kmeans, profile, quality, ward, Matrix};
use crate::model::{Atlas, Direction, IndicatorSpec};
use crate::stats::zscore::{zscores, Deviation};
use serde::{Deserialize, Serialize};

/// Diagnostics for one k.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct KDiagnostics {
    /// Number of clusters.
    pub k: usize,
    /// Within-cluster sum of squares (the elbow).
    pub within_ss: f64,
    /// Mean silhouette (`None` when skipped for size).
    pub silhouette: Option<f64>,
}

/// A typology of the areas of an atlas.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Typology {
    /// Labels of the indicators used, in the order of the profiles' values (constant indicators
    /// separate nothing and are left out).
    pub names: Vec<String>,
    /// Cluster per unit, 0 = least disadvantaged; `None` without all indicators.
    pub labels: Vec<Option<usize>>,
    /// Profiles in cluster order.
    pub profiles: Vec<profile::Profile>,
    /// Diagnostics for k = 2..=max_k.
    pub diagnostics: Vec<KDiagnostics>,
    /// The Ward dendrogram of the areas with complete data (before any k-means refinement).
    pub dendrogram: ward::Dendrogram,
    /// The unit index of each dendrogram leaf (row of the clustered matrix).
    pub rows: Vec<usize>,
}

/// Areas above this count skip the silhouette (O(n²)) in the diagnostics.
pub const SILHOUETTE_LIMIT: usize = 3000;

/// Computes the typology. `refine` runs k-means from the Ward partition (seeded).
pub fn typology(
    atlas: &Atlas,
    indicators: &[&IndicatorSpec],
    year: i32,
    k: usize,
    refine: bool,
    seed: u64,
) -> Option<Typology> {
    let prepared = Prepared::new(atlas, indicators, year)?;
    let dendrogram = ward::ward(&prepared.x);
    Some(prepared.finish(dendrogram, k, refine, seed))
}

/// The inputs of a typology, ready for Ward: z-standardised rows of the areas with complete
/// data. Split from [`typology`] so that a page can run the Ward step in slices
/// ([`ward::WardRun`]) and then [`Prepared::finish`].
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Prepared {
    /// The z-standardised rows (areas with complete data).
    pub x: Matrix,
    n: usize,
    rows_in: Vec<usize>,
    zrows: Vec<Vec<f64>>,
    raw: Vec<Vec<f64>>,
    names: Vec<String>,
    population: Option<Vec<f64>>,
    directions: Vec<Option<bool>>,
}

impl Prepared {
    /// Prepares the typology of `indicators` in `year`; `None` when nothing can be clustered.
    pub fn new(atlas: &Atlas, indicators: &[&IndicatorSpec], year: i32) -> Option<Prepared> {
        let n = atlas.units.len();
        let values: Vec<Vec<Option<f64>>> = indicators
            .iter()
            .map(|i| atlas.indicator_values(i, year))
            .collect();
        let rows_in: Vec<usize> = (0..n)
            .filter(|&i| values.iter().all(|v| v[i].is_some()))
            .collect();
        if indicators.is_empty() || rows_in.len() < 2 {
            return None;
        }
        let mask: Vec<bool> = (0..n).map(|i| rows_in.binary_search(&i).is_ok()).collect();
        let z: Vec<Vec<Option<f64>>> = values
            .iter()
            .map(|v| zscores(v, &mask, Deviation::Population).0)
            .collect();
        // A constant indicator has no z-values: it separates nothing and is left out.
        let used: Vec<usize> = (0..indicators.len())
            .filter(|&j| z[j].iter().any(Option::is_some))
            .collect();
        if used.is_empty() {
            return None;
        }
        let zrows: Vec<Vec<f64>> = rows_in
            .iter()
            .map(|&i| used.iter().map(|&j| z[j][i].unwrap_or(0.0)).collect())
            .collect();
        let raw: Vec<Vec<f64>> = rows_in
            .iter()
            .map(|&i| used.iter().map(|&j| values[j][i].unwrap_or(0.0)).collect())
            .collect();
        let x = Matrix::from_rows(&zrows)?;
        let names: Vec<String> = used.iter().map(|&j| indicators[j].label.clone()).collect();
        let population: Option<Vec<f64>> = atlas
            .population(year)
            .map(|p| rows_in.iter().map(|&i| p[i].unwrap_or(0.0)).collect());
        let directions: Vec<Option<bool>> = used
            .iter()
            .map(|&j| match indicators[j].direction {
                Direction::HighIsDisadvantage => Some(true),
                Direction::HighIsAdvantage => Some(false),
                Direction::Neutral => None,
            })
            .collect();
        // Without any directed indicator, order by all of them as given.
        let directions: Vec<Option<bool>> = if directions.iter().all(Option::is_none) {
            vec![Some(true); used.len()]
        } else {
            directions
        };
        Some(Prepared {
            x,
            n,
            rows_in,
            zrows,
            raw,
            names,
            population,
            directions,
        })
    }

    /// The typology from the Ward dendrogram of [`Prepared::x`]: `k` clusters, optionally
    /// refined by k-means (seeded), ordered and profiled, with the diagnostics for k = 2..8.
    pub fn finish(
        self,
        dendrogram: ward::Dendrogram,
        k: usize,
        refine: bool,
        seed: u64,
    ) -> Typology {
        self.finish_reporting(dendrogram, k, refine, seed, |_| {})
    }

    /// [`Prepared::finish`], telling `progress` the share done (0 to 1) after the typology and
    /// after each k of the diagnostics (with k-means refinement each takes as long as the
    /// typology itself).
    pub fn finish_reporting(
        self,
        dendrogram: ward::Dendrogram,
        k: usize,
        refine: bool,
        seed: u64,
        mut progress: impl FnMut(f64),
    ) -> Typology {
        let Prepared {
            x,
            n,
            rows_in,
            zrows,
            raw,
            names,
            population,
            directions,
        } = self;
        let k = k.clamp(1, x.n);
        let cut = |k: usize| {
            let labels = dendrogram.cut(k);
            if refine {
                kmeans::refine(&x, &labels, &kmeans::KMeansParams::new(k).seed(seed))
                    .map_or(labels, |r| r.labels)
            } else {
                labels
            }
        };
        let areas = profile::Areas {
            z: &zrows,
            raw: &raw,
            population: population.as_deref(),
            names: &names,
        };
        let (ordered, profiles) = profile::order_and_profile(&areas, &cut(k), &directions);
        let mut labels = vec![None; n];
        for (r, &i) in rows_in.iter().enumerate() {
            labels[i] = Some(ordered[r]);
        }
        let ks = 2..=8.min(x.n.saturating_sub(1));
        let steps = ks.clone().count() as f64 + 1.0;
        progress(1.0 / steps);
        let diagnostics = ks
            .map(|kk| {
                let l = cut(kk);
                progress((kk as f64) / steps);
                KDiagnostics {
                    k: kk,
                    within_ss: quality::within_ss(&x, &l),
                    silhouette: (x.n <= SILHOUETTE_LIMIT)
                        .then(|| quality::silhouette(&x, &l))
                        .flatten(),
                }
            })
            .collect();
        Typology {
            names,
            labels,
            profiles,
            diagnostics,
            dendrogram,
            rows: rows_in,
        }
    }
}

/// The share of a typology's progress bar that Ward's merges fill (the clusters and the
/// diagnostics of k = 2..8 the rest).
pub const WARD_SHARE: f64 = 0.8;

/// A whole typology as one job (the app runs large ones in its Web Worker): the prepared data
/// and the settings, sent as plain data.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Job {
    /// The standardised data.
    pub prepared: Prepared,
    /// Number of clusters.
    pub k: usize,
    /// Refine Ward's partition by k-means.
    pub refine: bool,
    /// Seed of the k-means refinement.
    pub seed: u64,
}

impl Job {
    /// Runs Ward and the rest; `progress` gets the share done (0 to 1): Ward's merges (about
    /// every `every` merges) up to [`WARD_SHARE`], then the clusters and diagnostics.
    pub fn run(self, every: usize, mut progress: impl FnMut(f64)) -> Typology {
        let mut run = ward::WardRun::new(&self.prepared.x);
        while run.step(every.max(1)) {
            progress(WARD_SHARE * run.progress());
        }
        self.prepared
            .finish_reporting(run.finish(), self.k, self.refine, self.seed, |share| {
                progress(WARD_SHARE + (1.0 - WARD_SHARE) * share)
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_typology_job_sent_as_bytes_gives_the_same_typology() {
        let atlas = crate::demo::musterstadt();
        let specs: Vec<&IndicatorSpec> = atlas.indicators.iter().take(4).collect();
        let direct = typology(&atlas, &specs, 2024, 4, true, 3).unwrap();
        let job = Job {
            prepared: Prepared::new(&atlas, &specs, 2024).unwrap(),
            k: 4,
            refine: true,
            seed: 3,
        };
        let bytes = crate::project::transfer::to_bytes(&job);
        let back: Job = crate::project::transfer::from_bytes(&bytes, 0).unwrap();
        let mut shares = vec![];
        let sent = back.run(5, |s| shares.push(s));
        assert!(!shares.is_empty() && shares.windows(2).all(|w| w[0] <= w[1]));
        let returned: Typology =
            crate::project::transfer::from_bytes(&crate::project::transfer::to_bytes(&sent), 0)
                .unwrap();
        assert_eq!(returned, direct);
    }

    #[test]
    fn demo_typology_orders_clusters_and_excludes_nothing_complete() {
        let atlas = crate::demo::musterstadt();
        let specs: Vec<&IndicatorSpec> = atlas.indicators.iter().take(4).collect();
        let t = typology(&atlas, &specs, 2024, 4, false, 1).unwrap();
        assert_eq!(
            t.labels.iter().filter(|l| l.is_some()).count(),
            atlas.units.len()
        );
        assert_eq!(t.profiles.len(), 4);
        assert!(t
            .profiles
            .windows(2)
            .all(|w| w[0].disadvantage <= w[1].disadvantage));
        let ws: Vec<f64> = t.diagnostics.iter().map(|d| d.within_ss).collect();
        assert!(
            ws.windows(2).all(|w| w[0] >= w[1]),
            "within-SS falls with k: {ws:?}"
        );
        assert!(t.diagnostics.iter().all(|d| d.silhouette.is_some()));
        let refined = typology(&atlas, &specs, 2024, 4, true, 1).unwrap();
        assert_eq!(refined.profiles.len(), 4);
    }

    #[test]
    fn a_constant_indicator_is_left_out_and_names_stay_aligned() {
        let mut atlas = crate::demo::musterstadt();
        let n = atlas.units.len();
        atlas.table.columns.push(crate::model::Column {
            name: "konstant".into(),
            values: crate::model::ColumnValues::Number(vec![Some(7.0); n]),
        });
        let constant = IndicatorSpec {
            id: "konstant".into(),
            label: "Konstant".into(),
            value: Some("konstant".into()),
            numerator: None,
            denominator: None,
            ..atlas.indicators[0].clone()
        };
        let specs: Vec<&IndicatorSpec> =
            vec![&atlas.indicators[0], &constant, &atlas.indicators[1]];
        let t = typology(&atlas, &specs, 2024, 3, false, 1).unwrap();
        assert_eq!(
            t.names,
            vec![
                atlas.indicators[0].label.clone(),
                atlas.indicators[1].label.clone()
            ]
        );
        assert!(t.profiles.iter().all(|p| p.mean_z.len() == 2));
    }
}

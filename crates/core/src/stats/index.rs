//! Composite indices after the Berlin Monitoring Soziale Stadtentwicklung 2021 (MSS), the method
//! German cities follow for "Gebiete mit besonderem Handlungsbedarf".
//!
//! Method (Indikatorenheft MSS 2021, section "Indizes", pp. 41-46):
//! 1. each index indicator (status: S1 unemployment, S3 transfer receipt, S4 child poverty) is
//!    z-standardised over the valid areas with the unweighted mean and SD ([`super::zscore`]);
//!    indicators where a high value means advantage are multiplied by -1 first;
//! 2. the z-values are summed per area (Statussumme);
//! 3. the sum is standardised again: the index;
//! 4. classes on the index: status hoch (x < -1), mittel (-1 <= x <= 1), niedrig (1 < x <= 1.5),
//!    sehr niedrig (x > 1.5); positive = above-average disadvantage. The dynamic index does the
//!    same on the two-year changes (D1, D3, D4) with classes positiv (< -1), stabil, negativ (> 1).
//!    Thresholds are configurable ([`Thresholds`]).
//!
//! Areas excluded by the user (MSS: fewer than 300 inhabitants, flagged outliers) or lacking any
//! index indicator get no index and the class "ohne Zuordnung". `tests/mss_berlin.rs` reproduces
//! all 536 official status and dynamic classes. Cost: O(areas x indicators).

use super::zscore::{self, Deviation, Moments};
use serde::{Deserialize, Serialize};

/// The class boundaries of an index, in units of the index (which has SD 1).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Thresholds {
    /// Ascending upper bounds; a value `x` falls in the first class with `x < bound` for the
    /// lowest bound and `x <= bound` above it, following the MSS wording (hoch: x < -1;
    /// mittel: -1 <= x <= +1; niedrig: +1 < x <= +1.5; sehr niedrig: x > +1.5).
    pub bounds: Vec<f64>,
    /// One label per class (bounds + 1), lowest index first.
    pub labels: Vec<String>,
}

impl Thresholds {
    /// MSS status index: hoch, mittel, niedrig, sehr niedrig at -1, +1, +1.5.
    pub fn mss_status() -> Thresholds {
        Thresholds {
            bounds: vec![-1.0, 1.0, 1.5],
            labels: ["hoch", "mittel", "niedrig", "sehr niedrig"]
                .map(String::from)
                .to_vec(),
        }
    }

    /// MSS dynamic index: positiv, stabil, negativ at -1, +1.
    pub fn mss_dynamic() -> Thresholds {
        Thresholds {
            bounds: vec![-1.0, 1.0],
            labels: ["positiv", "stabil", "negativ"].map(String::from).to_vec(),
        }
    }

    /// The class index of a value (see `bounds`).
    pub fn class_of(&self, x: f64) -> usize {
        if let Some(first) = self.bounds.first() {
            if x < *first {
                return 0;
            }
        }
        1 + self.bounds.iter().skip(1).filter(|b| x > **b).count()
    }
}

/// The label of areas without an index.
pub const WITHOUT_CLASS: &str = "ohne Zuordnung";

/// A class name for display in `lang`. The names stay German where they are data (`data-class`,
/// CLI output); in English the standard names of the status and dynamic index, of the 4 x 3
/// grid ("Status hoch, Dynamik positiv") and "ohne Zuordnung" are translated, other names
/// (set by the user) stay as they are.
pub fn class_label(label: &str, lang: crate::locale::Lang) -> String {
    if lang == crate::locale::Lang::De {
        return label.to_string();
    }
    let word = |w: &str| -> String {
        match w {
            "hoch" => "high",
            "mittel" => "medium",
            "niedrig" => "low",
            "sehr niedrig" => "very low",
            "positiv" => "positive",
            "stabil" => "stable",
            "negativ" => "negative",
            WITHOUT_CLASS => "not rated",
            other => other,
        }
        .to_string()
    };
    match label
        .strip_prefix("Status ")
        .and_then(|rest| rest.split_once(", Dynamik "))
    {
        Some((s, d)) => format!("status {}, dynamic {}", word(s), word(d)),
        None => word(label),
    }
}

/// The result of a composite index.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct IndexResult {
    /// z-value of each indicator (outer: indicator, inner: area), sign-adjusted by direction.
    pub z: Vec<Vec<Option<f64>>>,
    /// Mean and SD of each indicator.
    pub moments: Vec<Option<Moments>>,
    /// Sum of the z-values per area.
    pub sum: Vec<Option<f64>>,
    /// The standardised sum: the index.
    pub index: Vec<Option<f64>>,
    /// Class index per area (`None`: ohne Zuordnung).
    pub class: Vec<Option<usize>>,
    /// Class labels (from the thresholds).
    pub labels: Vec<String>,
}

impl IndexResult {
    /// The class label of area `i`, or "ohne Zuordnung".
    pub fn label(&self, i: usize) -> &str {
        self.class[i].map_or(WITHOUT_CLASS, |c| self.labels[c].as_str())
    }
}

/// Computes a composite index.
///
/// - `indicators`: values per indicator (outer) and area (inner);
/// - `high_is_disadvantage`: per indicator; `false` flips its sign so that positive always means
///   disadvantage;
/// - `include`: per area; excluded areas get no z-value and no class.
pub fn composite(
    indicators: &[Vec<Option<f64>>],
    high_is_disadvantage: &[bool],
    include: &[bool],
    thresholds: &Thresholds,
    dev: Deviation,
) -> IndexResult {
    let n = include.len();
    // An area enters only if it has every indicator.
    let complete: Vec<bool> = (0..n)
        .map(|i| {
            include[i]
                && indicators
                    .iter()
                    .all(|v| v.get(i).copied().flatten().is_some_and(f64::is_finite))
        })
        .collect();
    let mut z = vec![];
    let mut moments = vec![];
    for (values, high_bad) in indicators.iter().zip(high_is_disadvantage) {
        let (mut zi, m) = zscore::zscores(values, &complete, dev);
        if !high_bad {
            zi.iter_mut().flatten().for_each(|x| *x = -*x);
        }
        z.push(zi);
        moments.push(m);
    }
    let sum: Vec<Option<f64>> = (0..n)
        .map(|i| {
            if !complete[i] {
                return None;
            }
            z.iter().map(|zi| zi[i]).sum::<Option<f64>>()
        })
        .collect();
    let (index, _) = zscore::zscores(&sum, &complete, dev);
    let class = index
        .iter()
        .map(|x| x.map(|x| thresholds.class_of(x)))
        .collect();
    IndexResult {
        z,
        moments,
        sum,
        index,
        class,
        labels: thresholds.labels.clone(),
    }
}

/// Which areas of `atlas` reach `min_population` inhabitants in `year` (all without a floor or
/// without a population column; an area of unknown population does not reach it).
pub fn floor(atlas: &crate::model::Atlas, year: i32, min_population: Option<f64>) -> Vec<bool> {
    match (min_population, atlas.population(year)) {
        (Some(min), Some(pop)) => pop.iter().map(|p| p.is_some_and(|p| p >= min)).collect(),
        _ => vec![true; atlas.units.len()],
    }
}

/// The status-type index of an atlas with the areas to include given (e.g. Sozialräume whose
/// known population reaches a floor): `indicators` in `year`, "high is advantage" flipped.
pub fn for_atlas_included(
    atlas: &crate::model::Atlas,
    indicators: &[&crate::model::IndicatorSpec],
    year: i32,
    include: &[bool],
    thresholds: &Thresholds,
) -> IndexResult {
    let values: Vec<Vec<Option<f64>>> = indicators
        .iter()
        .map(|i| atlas.indicator_values(i, year))
        .collect();
    composite_of(indicators, &values, include, thresholds)
}

/// The composite of per-indicator `values` (aligned with the units): "high is advantage"
/// indicators flipped, only the areas in `include`.
fn composite_of(
    indicators: &[&crate::model::IndicatorSpec],
    values: &[Vec<Option<f64>>],
    include: &[bool],
    thresholds: &Thresholds,
) -> IndexResult {
    let high_bad: Vec<bool> = indicators
        .iter()
        .map(|i| i.direction != crate::model::Direction::HighIsAdvantage)
        .collect();
    composite(
        values,
        &high_bad,
        include,
        thresholds,
        Deviation::Population,
    )
}

/// The dynamic index of an atlas from the change of `indicators` between the years `from` and
/// `to` (later minus earlier, in the indicator's units, e.g. percentage points), for data sets
/// that carry the levels of two years rather than ready-made change indicators (Berlin's D1, D3,
/// D4 are such ready-made changes: use [`for_atlas_included`] on them with [`Thresholds::mss_dynamic`]).
/// Only the areas in `include` enter (see [`for_atlas_included`]; [`floor`] gives the MSS
/// population floor).
pub fn dynamic_for_atlas_included(
    atlas: &crate::model::Atlas,
    indicators: &[&crate::model::IndicatorSpec],
    from: i32,
    to: i32,
    include: &[bool],
    thresholds: &Thresholds,
) -> IndexResult {
    let values: Vec<Vec<Option<f64>>> = indicators
        .iter()
        .map(|i| {
            super::change::changes(
                &atlas.indicator_values(i, from),
                &atlas.indicator_values(i, to),
            )
            .into_iter()
            .map(|c| c.map(|c| c.absolute))
            .collect()
        })
        .collect();
    composite_of(indicators, &values, include, thresholds)
}

/// One cell of the combined status x dynamic grid (MSS: 4 x 3 = 12 types).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct GridCell {
    /// Status class index (0 = hoch … 3 = sehr niedrig).
    pub status: usize,
    /// Dynamic class index (0 = positiv, 1 = stabil, 2 = negativ).
    pub dynamic: usize,
    /// Label as the MSS writes it, e.g. "Status mittel, Dynamik negativ".
    pub label: String,
}

/// Combines a status and a dynamic index per area; areas without either get `None`.
pub fn combined(status: &IndexResult, dynamic: &IndexResult) -> Vec<Option<GridCell>> {
    status
        .class
        .iter()
        .zip(&dynamic.class)
        .map(|(s, d)| {
            let (s, d) = ((*s)?, (*d)?);
            Some(GridCell {
                status: s,
                dynamic: d,
                label: format!("Status {}, Dynamik {}", status.labels[s], dynamic.labels[d]),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn demo_dynamic_index_is_the_composite_of_the_changes() {
        let atlas = crate::demo::musterstadt();
        let inds: Vec<&crate::model::IndicatorSpec> = atlas.indicators.iter().take(3).collect();
        let include = floor(&atlas, 2024, None);
        let r = dynamic_for_atlas_included(
            &atlas,
            &inds,
            2023,
            2024,
            &include,
            &Thresholds::mss_dynamic(),
        );
        let changes: Vec<Vec<Option<f64>>> = inds
            .iter()
            .map(|i| {
                let a = atlas.indicator_values(i, 2023);
                let b = atlas.indicator_values(i, 2024);
                a.iter()
                    .zip(&b)
                    .map(|(a, b)| Some(b.unwrap() - a.unwrap()))
                    .collect()
            })
            .collect();
        let flip: Vec<bool> = inds
            .iter()
            .map(|i| i.direction != crate::model::Direction::HighIsAdvantage)
            .collect();
        let include = vec![true; atlas.units.len()];
        let manual = composite(
            &changes,
            &flip,
            &include,
            &Thresholds::mss_dynamic(),
            Deviation::Population,
        );
        assert_eq!(r.class, manual.class);
        assert!(r.class.iter().all(Option::is_some));
        assert!(
            r.class
                .iter()
                .flatten()
                .collect::<std::collections::BTreeSet<_>>()
                .len()
                >= 2
        );
    }

    #[test]
    fn the_demo_town_has_a_disadvantaged_north_and_excludes_its_tiny_blocks() {
        let atlas = crate::demo::musterstadt();
        let ids = ["sgb2_quote", "arbeitslose", "kinderarmut"];
        let specs: Vec<&crate::model::IndicatorSpec> = atlas
            .indicators
            .iter()
            .filter(|i| ids.contains(&i.id.as_str()))
            .collect();
        let include = floor(&atlas, 2024, Some(300.0));
        let r = for_atlas_included(&atlas, &specs, 2024, &include, &Thresholds::mss_status());
        let without = (0..atlas.units.len())
            .filter(|&i| r.class[i].is_none())
            .count();
        assert_eq!(without, 2, "the two blocks under 300 inhabitants");
        // The most disadvantaged class lies in the north (high y).
        let y = |i: usize| atlas.units.geometry[i].0[0].exterior().0[0].y;
        let worst: Vec<usize> = (0..atlas.units.len())
            .filter(|&i| r.class[i] == Some(3))
            .collect();
        let best: Vec<usize> = (0..atlas.units.len())
            .filter(|&i| r.class[i] == Some(0))
            .collect();
        assert!(!worst.is_empty() && !best.is_empty());
        let mean = |v: &[usize]| v.iter().map(|&i| y(i)).sum::<f64>() / v.len() as f64;
        assert!(mean(&worst) > mean(&best));
    }

    #[test]
    fn thresholds_follow_the_mss_wording_at_the_boundaries() {
        let t = Thresholds::mss_status();
        assert_eq!(t.class_of(-1.01), 0);
        assert_eq!(t.class_of(-1.0), 1, "mittel includes -1");
        assert_eq!(t.class_of(1.0), 1, "mittel includes +1");
        assert_eq!(t.class_of(1.2), 2);
        assert_eq!(t.class_of(1.5), 2, "niedrig includes +1.5");
        assert_eq!(t.class_of(1.51), 3);
        let d = Thresholds::mss_dynamic();
        assert_eq!(
            (d.class_of(-2.0), d.class_of(0.0), d.class_of(2.0)),
            (0, 1, 2)
        );
    }

    #[test]
    fn advantage_indicators_are_flipped_and_incomplete_areas_get_no_class() {
        let a = vec![Some(1.0), Some(2.0), Some(3.0), Some(4.0)];
        let b = vec![Some(4.0), Some(3.0), Some(2.0), None];
        let r = composite(
            &[a, b],
            &[true, false],
            &[true; 4],
            &Thresholds::mss_status(),
            Deviation::Population,
        );
        assert_eq!(r.class[3], None);
        assert_eq!(r.label(3), WITHOUT_CLASS);
        // b falls as a rises: flipped, both point the same way, so the sum ranks like a.
        let s: Vec<f64> = r.sum[..3].iter().map(|x| x.unwrap()).collect();
        assert!(s[0] < s[1] && s[1] < s[2]);
        let idx: Vec<f64> = r.index[..3].iter().map(|x| x.unwrap()).collect();
        assert!(
            (idx.iter().sum::<f64>()).abs() < 1e-12,
            "the index is standardised"
        );
    }

    #[test]
    fn class_names_are_translated_for_display_and_other_names_stay() {
        use crate::locale::Lang::{De, En};
        assert_eq!(
            class_label("Status sehr niedrig, Dynamik negativ", En),
            "status very low, dynamic negative"
        );
        assert_eq!(class_label("mittel", En), "medium");
        assert_eq!(class_label(WITHOUT_CLASS, En), "not rated");
        assert_eq!(class_label("Gruppe A", En), "Gruppe A");
        assert_eq!(class_label("sehr niedrig", De), "sehr niedrig");
    }
}

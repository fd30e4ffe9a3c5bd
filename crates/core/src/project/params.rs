//! The settings of every view as params structs with documented defaults and valid ranges.
//!
//! Each struct has `Default` (the value a new project starts with), and where a default depends
//! on the data, a `for_atlas` constructor. [`Params::clamped`](ExploreParams::clamped)-style
//! methods bring a value read from a link or file into its valid range, so a hand-edited or
//! hostile link can never ask for 10¹² classes.

use crate::model::{Atlas, Direction, IndicatorSpec};
use serde::{Deserialize, Serialize};

/// The app mode: which view is open.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    /// Erkunden: choropleth maps of indicators.
    #[default]
    Explore,
    /// Einordnen: classification against the city average, status index.
    Classify,
    /// Typisieren: cluster typologies.
    Cluster,
    /// Sozialräume: drawing definitions.
    Define,
    /// Vergleichen: two definitions side by side.
    Compare,
}

impl Mode {
    /// Every mode, in the order of the mode switch.
    pub const ALL: [Mode; 5] = [
        Mode::Explore,
        Mode::Classify,
        Mode::Cluster,
        Mode::Define,
        Mode::Compare,
    ];

    /// The name in links and the CLI (`explore`, `classify`, …).
    pub fn name(self) -> &'static str {
        match self {
            Mode::Explore => "explore",
            Mode::Classify => "classify",
            Mode::Cluster => "cluster",
            Mode::Define => "define",
            Mode::Compare => "compare",
        }
    }

    /// The mode of a name; unknown names give the default (Explore).
    pub fn from_name(s: &str) -> Mode {
        Mode::ALL
            .into_iter()
            .find(|m| m.name() == s)
            .unwrap_or_default()
    }
}

/// What the shared view shows besides the analysis settings.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct View {
    /// The open mode.
    pub mode: Mode,
    /// UI language.
    pub lang: crate::locale::Lang,
    /// Id of the indicator shown (empty: the first).
    pub indicator: String,
    /// The year shown (`None`: the latest, or data without years).
    pub year: Option<i32>,
    /// Area names on the map.
    pub labels: bool,
    /// The visible part of the map in SVG units (x, y, width, height); `None`: all of it.
    pub zoom: Option<[f64; 4]>,
    /// The level the analysis views show: the name of a Sozialraum definition (its
    /// Sozialräume, dissolved, with aggregated figures), or empty for the base units.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub level: String,
    /// A coarser definition to compare with (its outlines over the map, its Sozialraum's line
    /// in the time chart), by name; empty for none.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub coarser: String,
}

impl View {
    /// Smallest and largest share of the map's frame a zoom may show (1/1000 to 100 times).
    pub const ZOOM_RANGE: (f64, f64) = (1e-3, 100.0);

    /// The zoom if it is usable for a map frame of `size` (width, height): finite, positive,
    /// within [`View::ZOOM_RANGE`] of the frame and overlapping it; `None` otherwise.
    pub fn checked_zoom(zoom: Option<[f64; 4]>, size: (f64, f64)) -> Option<[f64; 4]> {
        let z = zoom?;
        let (lo, hi) = View::ZOOM_RANGE;
        let ok = z.iter().all(|v| v.is_finite())
            && z[2] > 0.0
            && z[3] > 0.0
            && z[2] >= size.0 * lo
            && z[2] <= size.0 * hi
            && z[3] >= size.1 * lo
            && z[3] <= size.1 * hi
            && z[0] < size.0
            && z[0] + z[2] > 0.0
            && z[1] < size.1
            && z[1] + z[3] > 0.0;
        ok.then_some(z)
    }
}

/// Settings of the Explore map.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ExploreParams {
    /// Number of map classes, 2 to 9 (default 5; the app offers 3 to 9).
    pub classes: usize,
    /// Map the change from the previous year (or from [`ExploreParams::base_year`]) instead
    /// of the values.
    pub change: bool,
    /// The earlier year of a change map and of the change in the time chart (`None`: the
    /// year before the one shown).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base_year: Option<i32>,
    /// Breaks pooled over all years (comparable maps when stepping through years).
    pub pooled: bool,
    /// The class scheme (default quantiles).
    pub scheme: crate::map::classes::Scheme,
    /// Upper class bounds typed in for the manual scheme, ascending, finite, at most
    /// [`ExploreParams::MAX_BREAKS`].
    pub breaks: Vec<f64>,
    /// How the legend writes a class's range.
    pub legend: crate::map::choropleth::LegendStyle,
    /// The colours.
    pub palette: crate::map::palette::PaletteChoice,
}

impl Default for ExploreParams {
    fn default() -> Self {
        ExploreParams {
            classes: 5,
            change: false,
            base_year: None,
            pooled: false,
            scheme: Default::default(),
            breaks: vec![],
            legend: Default::default(),
            palette: Default::default(),
        }
    }
}

impl ExploreParams {
    /// The earlier year of a change up to `year` among `years`: the base year when it is one of
    /// them and before `year`, else the latest year before `year`.
    pub fn change_from(&self, years: &[i32], year: i32) -> Option<i32> {
        self.base_year
            .filter(|b| *b < year && years.contains(b))
            .or_else(|| years.iter().copied().filter(|&y| y < year).max())
    }

    /// Valid numbers of classes.
    pub const CLASSES: std::ops::RangeInclusive<usize> = 2..=9;

    /// Most manual breaks.
    pub const MAX_BREAKS: usize = 20;

    /// The params with every value in its range (out-of-range values become the default;
    /// manual breaks finite, ascending, without repeats, at most [`Self::MAX_BREAKS`]).
    pub fn clamped(self) -> ExploreParams {
        let mut breaks: Vec<f64> = self.breaks.into_iter().filter(|b| b.is_finite()).collect();
        breaks.sort_by(f64::total_cmp);
        breaks.dedup();
        breaks.truncate(Self::MAX_BREAKS);
        ExploreParams {
            classes: if Self::CLASSES.contains(&self.classes) {
                self.classes
            } else {
                ExploreParams::default().classes
            },
            breaks,
            ..self
        }
    }
}

/// What the map of the "Einordnen" view shows.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ClassifyView {
    /// The status index (MSS classes).
    #[default]
    Status,
    /// The dynamic index.
    Dynamic,
    /// Status and dynamic combined (4 x 3).
    Grid,
    /// One indicator against the city average (id of the indicator).
    Band(String),
    /// Need against supply: a need indicator against a supply rate in 3 x 3 classes (ids).
    NeedSupply {
        /// Id of the need indicator.
        need: String,
        /// Id of the supply indicator.
        supply: String,
    },
}

/// What the status index is computed from (the "Einordnen" view).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ClassifyParams {
    /// What the map shows.
    pub view: ClassifyView,
    /// Ids of the index indicators.
    pub indicators: Vec<String>,
    /// Ids of ready-made dynamic indicators (e.g. Berlin's D1, D3, D4); empty: the change of
    /// the index indicators from the previous year.
    pub dynamic: Vec<String>,
    /// Areas with fewer inhabitants are left out (MSS: 300); `None`: none left out. Must be
    /// finite and not negative.
    pub min_population: Option<f64>,
}

impl ClassifyParams {
    /// Defaults for an atlas and its catalogue: every "high is disadvantage" indicator with
    /// data, the MSS population floor of 300 when the atlas has a population column.
    pub fn for_atlas(atlas: &Atlas, catalogue: &[IndicatorSpec]) -> ClassifyParams {
        ClassifyParams {
            view: ClassifyView::Status,
            indicators: catalogue
                .iter()
                .filter(|i| i.direction == Direction::HighIsDisadvantage)
                .filter(|i| i.theme != crate::facilities::THEME)
                .filter(|i| has_data(atlas, i))
                .map(|i| i.id.clone())
                .collect(),
            dynamic: Vec::new(),
            min_population: atlas.population.as_ref().map(|_| 300.0),
        }
    }

    /// The params with a population floor that is finite and not negative (else none).
    pub fn clamped(mut self) -> ClassifyParams {
        self.min_population = self.min_population.filter(|m| m.is_finite() && *m >= 0.0);
        self
    }
}

/// True when the indicator has a value for some unit in the latest year (an indicator not
/// collected in this data set would leave every area without an index or cluster).
pub fn has_data(atlas: &Atlas, ind: &IndicatorSpec) -> bool {
    let year = atlas.years.last().copied().unwrap_or(0);
    atlas
        .indicator_values(ind, year)
        .iter()
        .any(Option::is_some)
}

/// What the typology is computed from (the "Typisieren" view).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ClusterParams {
    /// Ids of the indicators.
    pub indicators: Vec<String>,
    /// Number of clusters, 2 to 12 (default 5).
    pub k: usize,
    /// Refine the Ward partition by k-means.
    pub refine: bool,
    /// Seed of k-means (default 42): the same link gives the same clusters everywhere.
    pub seed: u64,
}

impl Default for ClusterParams {
    fn default() -> Self {
        ClusterParams {
            indicators: vec![],
            k: 5,
            refine: false,
            seed: 42,
        }
    }
}

impl ClusterParams {
    /// Valid numbers of clusters.
    pub const K: std::ops::RangeInclusive<usize> = 2..=12;

    /// Defaults for an atlas and its catalogue: the directed indicators with data, 5 clusters,
    /// Ward only, seed 42.
    pub fn for_atlas(atlas: &Atlas, catalogue: &[IndicatorSpec]) -> ClusterParams {
        ClusterParams {
            indicators: catalogue
                .iter()
                .filter(|i| i.direction != Direction::Neutral)
                .filter(|i| i.theme != crate::facilities::THEME)
                .filter(|i| has_data(atlas, i))
                .map(|i| i.id.clone())
                .collect(),
            ..ClusterParams::default()
        }
    }

    /// The params with `k` in its range (else the default).
    pub fn clamped(mut self) -> ClusterParams {
        if !Self::K.contains(&self.k) {
            self.k = ClusterParams::default().k;
        }
        self
    }
}

/// Settings of an automatic Sozialraum proposal (max-p regions).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ProposalParams {
    /// Smallest population of a proposed Sozialraum (default 20,000; finite, above 0).
    pub min_population: f64,
    /// Seed of the construction (default 1).
    pub seed: u64,
}

impl Default for ProposalParams {
    fn default() -> Self {
        ProposalParams {
            min_population: 20_000.0,
            seed: 1,
        }
    }
}

impl ProposalParams {
    /// Local-search iterations for a map of `units` units: 10 to 99, fewer on large maps (about
    /// two million unit visits in all).
    pub fn iterations(units: usize) -> usize {
        (2_000_000 / units.max(1)).clamp(10, 99)
    }

    /// The params with a usable floor (else the default).
    pub fn clamped(mut self) -> ProposalParams {
        if !(self.min_population.is_finite() && self.min_population > 0.0) {
            self.min_population = ProposalParams::default().min_population;
        }
        self
    }
}

/// Population bounds that the checks of a definition hold every Sozialraum to.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct PopulationBounds {
    /// Smallest population (finite, not negative).
    pub min: Option<f64>,
    /// Largest population (finite, not negative).
    pub max: Option<f64>,
}

impl PopulationBounds {
    /// The bounds with only finite, non-negative values.
    pub fn clamped(self) -> PopulationBounds {
        let ok = |v: Option<f64>| v.filter(|v| v.is_finite() && *v >= 0.0);
        PopulationBounds {
            min: ok(self.min),
            max: ok(self.max),
        }
    }

    /// True when `people` lies outside the bounds.
    pub fn outside(&self, people: f64) -> bool {
        self.min.is_some_and(|lo| people < lo) || self.max.is_some_and(|hi| people > hi)
    }

    /// True when a bound is set.
    pub fn any(&self) -> bool {
        self.min.is_some() || self.max.is_some()
    }
}

/// The small-number rule: values based on fewer cases than `min_cases` are withheld in what is
/// shown and exported (zero is not disclosive).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SmallNumbers {
    /// Smallest number of cases shown (default 3; 0 shows everything).
    pub min_cases: f64,
}

impl Default for SmallNumbers {
    fn default() -> Self {
        SmallNumbers { min_cases: 3.0 }
    }
}

impl SmallNumbers {
    /// The rule with a finite, non-negative threshold (else the default).
    pub fn clamped(self) -> SmallNumbers {
        if self.min_cases.is_finite() && self.min_cases >= 0.0 {
            self
        } else {
            SmallNumbers::default()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn out_of_range_values_become_defaults() {
        let e = ExploreParams {
            classes: 1_000_000_000_000,
            ..ExploreParams::default()
        };
        assert_eq!(e.clamped().classes, 5);
        let c = ClusterParams {
            k: 0,
            ..ClusterParams::default()
        };
        assert_eq!(c.clamped().k, 5);
        let p = ProposalParams {
            min_population: f64::NAN,
            seed: 3,
        };
        assert_eq!(p.clamped().min_population, 20_000.0);
        let b = PopulationBounds {
            min: Some(-1.0),
            max: Some(f64::INFINITY),
        };
        assert_eq!(b.clamped(), PopulationBounds::default());
        assert_eq!(
            ClassifyParams {
                min_population: Some(f64::NAN),
                ..ClassifyParams::default()
            }
            .clamped()
            .min_population,
            None
        );
    }

    #[test]
    fn zoom_must_be_finite_and_near_the_frame() {
        let size = (1000.0, 800.0);
        assert!(View::checked_zoom(Some([0.0, 0.0, 500.0, 400.0]), size).is_some());
        assert!(View::checked_zoom(Some([0.0, 0.0, 1e-300, 1e-300]), size).is_none());
        assert!(View::checked_zoom(Some([0.0, 0.0, f64::NAN, 400.0]), size).is_none());
        assert!(View::checked_zoom(Some([5000.0, 0.0, 500.0, 400.0]), size).is_none());
        assert!(View::checked_zoom(Some([0.0, 0.0, 1e9, 1e9]), size).is_none());
    }

    #[test]
    fn mode_names_round_trip() {
        for m in Mode::ALL {
            assert_eq!(Mode::from_name(m.name()), m);
        }
        assert_eq!(Mode::from_name("nonsense"), Mode::Explore);
    }
}

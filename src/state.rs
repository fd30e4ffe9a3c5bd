//! The app's state: signals for what the user chose, memos for what follows from it.

use crate::i18n::Lang;
use leptos::prelude::*;
use sozialatlas_core::choropleth::Choropleth;
use sozialatlas_core::cluster::typology::{self, Typology};
use sozialatlas_core::format;
use sozialatlas_core::geometry::{Bounds, Frame};
use sozialatlas_core::model::{Atlas, IndicatorSpec};
use sozialatlas_core::palette::Palette;
use sozialatlas_core::stats::index::{self, IndexResult, Thresholds};
use std::sync::Arc;

/// The app mode (one signal for the whole app; later issues add the views).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Mode {
    /// Choropleth maps of indicators.
    #[default]
    Explore,
    /// Classification against the city average, status index.
    Classify,
    /// Cluster typologies.
    Cluster,
    /// Drawing Sozialraum definitions.
    Define,
    /// Comparing two definitions.
    Compare,
}

/// Drawable shapes of the units: SVG path data in one frame, computed once per atlas.
#[derive(Clone, Debug, PartialEq)]
pub struct Shapes {
    /// The SVG `viewBox`.
    pub view_box: String,
    /// One path per unit.
    pub paths: Vec<String>,
}

impl Shapes {
    /// Projects every unit of the atlas into one SVG frame.
    pub fn of(atlas: &Atlas) -> Shapes {
        match Bounds::of(&atlas.units.geometry) {
            Some(b) => {
                let frame = Frame::fit(b);
                Shapes {
                    view_box: frame.view_box(),
                    paths: atlas.units.geometry.iter().map(|g| frame.path(g)).collect(),
                }
            }
            None => Shapes {
                view_box: "0 0 1000 1000".into(),
                paths: vec![String::new(); atlas.units.len()],
            },
        }
    }
}

/// What the status index is computed from (the "Einordnen" view).
#[derive(Clone, Debug, PartialEq)]
pub struct ClassifySettings {
    /// Ids of the index indicators.
    pub indicators: Vec<String>,
    /// Areas with fewer inhabitants are left out (MSS: 300); `None`: none left out.
    pub min_population: Option<f64>,
}

impl ClassifySettings {
    /// Defaults for an atlas: every "high is disadvantage" indicator, MSS population floor.
    pub fn for_atlas(atlas: &Atlas) -> ClassifySettings {
        ClassifySettings {
            indicators: atlas
                .indicators
                .iter()
                .filter(|i| i.direction == sozialatlas_core::model::Direction::HighIsDisadvantage)
                .map(|i| i.id.clone())
                .collect(),
            min_population: atlas.population.as_ref().map(|_| 300.0),
        }
    }
}

/// What the typology is computed from (the cluster view).
#[derive(Clone, Debug, PartialEq)]
pub struct ClusterSettings {
    /// Ids of the indicators.
    pub indicators: Vec<String>,
    /// Number of clusters.
    pub k: usize,
    /// Refine the Ward partition by k-means.
    pub refine: bool,
    /// Seed of k-means (part of the shared state later).
    pub seed: u64,
}

impl ClusterSettings {
    /// Defaults for an atlas: the directed indicators, 5 clusters, Ward only.
    pub fn for_atlas(atlas: &Atlas) -> ClusterSettings {
        ClusterSettings {
            indicators: atlas
                .indicators
                .iter()
                .filter(|i| i.direction != sozialatlas_core::model::Direction::Neutral)
                .map(|i| i.id.clone())
                .collect(),
            k: 5,
            refine: false,
            seed: 42,
        }
    }
}

/// How the map is coloured in the current mode: per unit the `data-class`, the fill and the
/// tooltip. Computed once per change, read by every path.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Coloring {
    /// `data-class` per unit (class index in Explore, class label in Classify; `na`/"ohne
    /// Zuordnung" without one).
    pub class: Vec<String>,
    /// Fill colour per unit.
    pub fill: Vec<&'static str>,
    /// Tooltip per unit.
    pub tip: Vec<String>,
}

/// Colours of the MSS status classes hoch, mittel, niedrig, sehr niedrig (blue to red,
/// colour-blind safe) and of areas without class.
pub const STATUS_COLORS: [&str; 4] = ["#4575b4", "#e6e2d3", "#fdae61", "#d7191c"];
/// Colour of areas "ohne Zuordnung".
pub const WITHOUT_CLASS_COLOR: &str = "#bdbdbd";

/// What the last load did, for the load panel.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum LoadStatus {
    /// Nothing loaded yet (the demo town is shown).
    #[default]
    Idle,
    /// Files are being read.
    Loading,
    /// Loaded: a summary line and the warnings (German and English).
    Loaded {
        /// Summary (German, English).
        summary: (String, String),
        /// Warnings (German, English).
        warnings: Vec<(String, String)>,
    },
    /// Failed: the message (German, English). The previous data stays shown.
    Failed {
        /// Message (German, English).
        message: (String, String),
    },
}

/// All signals of the app. `Copy`, so components take it by value.
#[derive(Clone, Copy)]
pub struct AppState {
    /// The loaded data set.
    pub atlas: RwSignal<Arc<Atlas>>,
    /// Index of the indicator shown.
    pub indicator: RwSignal<usize>,
    /// Year shown.
    pub year: RwSignal<i32>,
    /// Number of map classes.
    pub classes: RwSignal<usize>,
    /// UI language.
    pub lang: RwSignal<Lang>,
    /// App mode.
    pub mode: RwSignal<Mode>,
    /// The unit paths (depend on the atlas only).
    pub shapes: Memo<Arc<Shapes>>,
    /// The classified indicator shown on the map.
    pub choropleth: Memo<Arc<Choropleth>>,
    /// Result of the last load.
    pub load: RwSignal<LoadStatus>,
    /// Indicator metadata (label, unit, direction, kind, columns): starts as the atlas's guesses,
    /// then the user's settings. Kept apart from the atlas so an edit does not copy the data.
    pub indicators: RwSignal<Vec<IndicatorSpec>>,
    /// Settings of the status index.
    pub classify: RwSignal<ClassifySettings>,
    /// The status index (MSS method) of the current settings.
    pub status: Memo<Arc<IndexResult>>,
    /// The map's colouring in the current mode.
    pub coloring: Memo<Arc<Coloring>>,
    /// Settings of the typology.
    pub cluster: RwSignal<ClusterSettings>,
    /// The typology of the current settings (`None`: nothing to cluster).
    pub typology: Memo<Option<Arc<Typology>>>,
}

impl AppState {
    /// State for a freshly loaded atlas: first indicator, latest year, 5 classes.
    pub fn new(atlas: Atlas) -> AppState {
        let year = atlas.years.last().copied().unwrap_or(0);
        let indicators = RwSignal::new(atlas.indicators.clone());
        let classify = RwSignal::new(ClassifySettings::for_atlas(&atlas));
        let cluster = RwSignal::new(ClusterSettings::for_atlas(&atlas));
        let atlas = RwSignal::new(Arc::new(atlas));
        let indicator = RwSignal::new(0usize);
        let year = RwSignal::new(year);
        let classes = RwSignal::new(5usize);
        let shapes = Memo::new(move |_| Arc::new(Shapes::of(&atlas.read())));
        let choropleth = Memo::new(move |_| {
            let atlas = atlas.read();
            let specs = indicators.read();
            let k = classes.get();
            let y = year.get();
            let ind = specs.get(indicator.get()).or_else(|| specs.first());
            Arc::new(match ind {
                Some(ind) => Choropleth::build(&atlas, ind, y, k),
                None => Choropleth::build(&atlas, &placeholder(), y, k),
            })
        });
        let status = Memo::new(move |_| {
            let atlas = atlas.read();
            let specs = indicators.read();
            let settings = classify.read();
            let chosen: Vec<&IndicatorSpec> = specs
                .iter()
                .filter(|i| settings.indicators.contains(&i.id))
                .collect();
            Arc::new(index::for_atlas(
                &atlas,
                &chosen,
                year.get(),
                settings.min_population,
                &Thresholds::mss_status(),
            ))
        });
        let typology = Memo::new(move |_| {
            let atlas = atlas.read();
            let specs = indicators.read();
            let settings = cluster.read();
            let chosen: Vec<&IndicatorSpec> = specs
                .iter()
                .filter(|i| settings.indicators.contains(&i.id))
                .collect();
            typology::typology(
                &atlas,
                &chosen,
                year.get(),
                settings.k,
                settings.refine,
                settings.seed,
            )
            .map(Arc::new)
        });
        let mode = RwSignal::new(Mode::Explore);
        let lang = RwSignal::new(Lang::De);
        let coloring = Memo::new(move |_| {
            let atlas = atlas.read();
            let style = lang.get().numbers();
            Arc::new(match mode.get() {
                Mode::Classify => {
                    let r = status.get();
                    Coloring {
                        class: (0..atlas.units.len())
                            .map(|i| r.label(i).to_string())
                            .collect(),
                        fill: r
                            .class
                            .iter()
                            .map(|c| c.map_or(WITHOUT_CLASS_COLOR, |c| STATUS_COLORS[c.min(3)]))
                            .collect(),
                        tip: (0..atlas.units.len())
                            .map(|i| match r.index[i] {
                                Some(x) => format!(
                                    "{}: Status {} (Index {})",
                                    atlas.units.names[i],
                                    r.label(i),
                                    format::number(x, 2, style)
                                ),
                                None => format!("{}: {}", atlas.units.names[i], r.label(i)),
                            })
                            .collect(),
                    }
                }
                Mode::Cluster => {
                    let n = atlas.units.len();
                    match typology.get() {
                        Some(t) => {
                            let colors = Palette::BuYlRd.colors(t.profiles.len());
                            Coloring {
                                class: t
                                    .labels
                                    .iter()
                                    .map(|l| {
                                        l.map_or_else(
                                            || index::WITHOUT_CLASS.to_string(),
                                            |c| (c + 1).to_string(),
                                        )
                                    })
                                    .collect(),
                                fill: t
                                    .labels
                                    .iter()
                                    .map(|l| l.map_or(WITHOUT_CLASS_COLOR, |c| colors[c]))
                                    .collect(),
                                tip: (0..n)
                                    .map(|i| match t.labels[i] {
                                        Some(c) => format!(
                                            "{}: Cluster {} – {}",
                                            atlas.units.names[i],
                                            c + 1,
                                            t.profiles[c].label
                                        ),
                                        None => format!(
                                            "{}: {}",
                                            atlas.units.names[i],
                                            index::WITHOUT_CLASS
                                        ),
                                    })
                                    .collect(),
                            }
                        }
                        None => Coloring {
                            class: vec![index::WITHOUT_CLASS.to_string(); n],
                            fill: vec![WITHOUT_CLASS_COLOR; n],
                            tip: atlas.units.names.clone(),
                        },
                    }
                }
                _ => {
                    let c = choropleth.get();
                    Coloring {
                        class: c
                            .classes
                            .iter()
                            .map(|k| k.map_or_else(|| "na".to_string(), |k| k.to_string()))
                            .collect(),
                        fill: (0..c.classes.len()).map(|i| c.fill(i)).collect(),
                        tip: (0..atlas.units.len())
                            .map(|i| {
                                format!(
                                    "{}: {}",
                                    atlas.units.names[i],
                                    c.value_label(c.values.get(i).copied().flatten(), style)
                                )
                            })
                            .collect(),
                    }
                }
            })
        });
        AppState {
            atlas,
            indicator,
            year,
            classes,
            lang,
            mode,
            shapes,
            choropleth,
            load: RwSignal::new(LoadStatus::Idle),
            indicators,
            classify,
            status,
            coloring,
            cluster,
            typology,
        }
    }

    /// Shows a newly loaded atlas: first indicator, its latest year.
    pub fn replace_atlas(&self, atlas: Atlas) {
        let year = atlas.years.last().copied().unwrap_or(0);
        self.indicator.set(0);
        self.year.set(year);
        self.indicators.set(atlas.indicators.clone());
        self.classify.set(ClassifySettings::for_atlas(&atlas));
        self.cluster.set(ClusterSettings::for_atlas(&atlas));
        self.atlas.set(Arc::new(atlas));
    }

    /// Changes the metadata of indicator `i` (ignored when out of range).
    pub fn update_indicator(&self, i: usize, change: impl FnOnce(&mut IndicatorSpec)) {
        self.indicators.update(|specs| {
            if let Some(spec) = specs.get_mut(i) {
                change(spec);
            }
        });
    }

    /// The label of the indicator shown.
    pub fn indicator_label(&self) -> String {
        self.indicators
            .read()
            .get(self.indicator.get())
            .map(|i| i.label.clone())
            .unwrap_or_default()
    }
}

/// An indicator with no columns: maps every unit as "no data" when an atlas has no indicators.
fn placeholder() -> sozialatlas_core::model::IndicatorSpec {
    use sozialatlas_core::model::*;
    IndicatorSpec {
        id: String::new(),
        label: String::new(),
        unit: String::new(),
        direction: Direction::Neutral,
        kind: IndicatorKind::Count,
        value: None,
        numerator: None,
        denominator: None,
        scale: 1.0,
    }
}

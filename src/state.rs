//! The app's state: signals for what the user chose, memos for what follows from it.

use crate::coloring;
use crate::i18n::{t, Lang, T};
use crate::io::perf;
use leptos::prelude::*;
use sozialatlas_core::cluster::typology::{self, Typology};
use sozialatlas_core::map::choropleth::Choropleth;
use sozialatlas_core::map::geometry::{Bounds, Frame};
use sozialatlas_core::map::index::HitIndex;
use sozialatlas_core::map::labels::{self, Anchor};
use sozialatlas_core::model::{Atlas, IndicatorSpec};
use sozialatlas_core::project::{derive, DataSource, Inputs};
use sozialatlas_core::stats::index::IndexResult;
use sozialatlas_core::stats::suppress::Withheld;
use std::sync::Arc;

pub use sozialatlas_core::project::{
    ClassifyParams, ClassifyView, ClusterParams, ExploreParams, Mode, ProposalParams, SmallNumbers,
};

/// Drawable shapes of the units: SVG path data in one frame, computed once per atlas.
#[derive(Clone, Debug, PartialEq)]
pub struct Shapes {
    /// The SVG `viewBox`.
    pub view_box: String,
    /// Width and height of the frame (SVG units).
    pub size: (f64, f64),
    /// The frame (world to SVG); `None` without geometry.
    pub frame: Option<Frame>,
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
                    size: (Frame::WIDTH, frame.height()),
                    paths: atlas.units.geometry.iter().map(|g| frame.path(g)).collect(),
                    frame: Some(frame),
                }
            }
            None => Shapes {
                view_box: "0 0 1000 1000".into(),
                size: (1000.0, 1000.0),
                frame: None,
                paths: vec![String::new(); atlas.units.len()],
            },
        }
    }
}

/// Above this many units a new data set's shapes and spatial index are made in slices before
/// it is shown ([`Shapes::prepare`]), so that no task of the page runs long.
pub const PREPARED_SHAPES: usize = 20_000;

/// Units whose shapes are made per task while a large map is prepared (about 40 ms).
const PREPARE_SLICE: usize = 5_000;

/// Units per tree of a large map's spatial index, one tree made per task (about 20 ms).
const INDEX_PART: usize = 20_000;

/// Shapes and spatial index made ahead for a data set about to be shown, by its geometry's
/// address and length; each is taken once by its memo.
struct Prepared {
    key: (usize, usize),
    shapes: Option<Arc<Shapes>>,
    hits: Option<Arc<HitIndex>>,
}

thread_local! {
    static PREPARED: std::cell::RefCell<Option<Prepared>> = const { std::cell::RefCell::new(None) };
}

/// The key of a data set's geometry in [`PREPARED`].
fn prepared_key(atlas: &Atlas) -> (usize, usize) {
    let geometry = &atlas.units.geometry;
    (geometry.as_ptr() as usize, geometry.len())
}

impl Shapes {
    /// Makes the shapes and the spatial index of the atlas's geometry in slices of
    /// [`PREPARE_SLICE`] units (the index in trees of [`INDEX_PART`] units), yielding to the
    /// browser between them; the shapes and hits memos take them instead of making them at once.
    pub async fn prepare(atlas: &Atlas) {
        let geometry = &atlas.units.geometry;
        let Some(b) = Bounds::of(geometry) else {
            return;
        };
        let start = perf::now();
        let frame = Frame::fit(b);
        let mut paths = Vec::with_capacity(geometry.len());
        for part in geometry.chunks(PREPARE_SLICE) {
            crate::task::next_task().await;
            paths.extend(part.iter().map(|g| frame.path(g)));
        }
        let index_start = perf::now();
        let mut hits = HitIndex::default();
        for part in geometry.chunks(INDEX_PART) {
            crate::task::next_task().await;
            hits.add(part);
        }
        perf::measure_since("hit-index", index_start);
        let shapes = Shapes {
            view_box: frame.view_box(),
            size: (Frame::WIDTH, frame.height()),
            paths,
            frame: Some(frame),
        };
        perf::measure_since("shapes", start);
        PREPARED.with(|p| {
            *p.borrow_mut() = Some(Prepared {
                key: prepared_key(atlas),
                shapes: Some(Arc::new(shapes)),
                hits: Some(Arc::new(hits)),
            })
        });
    }

    /// What was prepared for the atlas's geometry, if anything: `take` picks one part (taken:
    /// used once).
    fn prepared<T>(atlas: &Atlas, take: impl FnOnce(&mut Prepared) -> Option<T>) -> Option<T> {
        let key = prepared_key(atlas);
        PREPARED.with(|p| match p.borrow_mut().as_mut() {
            Some(p) if p.key == key => take(p),
            _ => None,
        })
    }
}

/// Above this many units the typology is computed in the Web Worker with a progress bar (Ward's
/// nearest-neighbour chain takes O(n²) time: seconds for tens of thousands of areas; the
/// k-means refinement and the diagnostics of k = 2..8 add more), or in the page in slices of
/// about 30 ms where no worker starts, so the page never freezes.
pub const LARGE_TYPOLOGY: usize = 1500;

pub use crate::coloring::{Coloring, STATUS_COLORS, WITHOUT_CLASS_COLOR};

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

/// How far a load is, shown with a progress bar and a cancel button.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Progress {
    /// The worker reads, or the page receives what it read.
    Worker(crate::io::worker::Step),
}

/// Whether the autosave could write the project to the browser's storage.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum AutosaveStatus {
    /// Written (or nothing to write yet).
    #[default]
    Saved,
    /// Could not be written (storage full, private mode, blocked): the reason.
    Failed(String),
}

/// A load from an address that waits for the user's answer (another origin, `data:`).
#[derive(Clone, Debug, PartialEq)]
pub struct Ask {
    /// The question (German, English).
    pub question: (String, String),
    /// What loads when the user agrees.
    pub pending: crate::loader::Pending,
}

/// All signals of the app. `Copy`, so components take it by value. Together they mirror the
/// core's [`sozialatlas_core::project::Project`]: [`crate::project::capture`] makes one of
/// them, [`crate::project::show`] sets them from one.
#[derive(Clone, Copy)]
pub struct AppState {
    /// The loaded data set of base units (set up with the project's population column): what
    /// the Sozialräume are drawn from, what links and files name.
    pub base: RwSignal<Arc<Atlas>>,
    /// The level the analysis views show: a definition's name, or empty for the base units.
    pub level: RwSignal<String>,
    /// The definition shown as the level (`None` at the base units, and in Define and Compare).
    pub level_def: Memo<Option<Arc<sozialatlas_core::sozialraum::definition::Definition>>>,
    /// A coarser definition to compare with (outlines over the map, a line in the time chart),
    /// by name; empty for none.
    pub coarser: RwSignal<String>,
    /// That comparison level's Sozialräume with their figures, made once for every hover.
    pub coarser_level: Memo<Option<Arc<derive::CoarserLevel>>>,
    /// What the analysis views (Erkunden, Einordnen, Typisieren, table, Steckbrief, exports)
    /// show: the base units, or at a level the definition's Sozialräume dissolved with their
    /// aggregated figures (keys and names are the Sozialräume's names). Define and Compare
    /// always show the base units.
    pub atlas: Memo<Arc<Atlas>>,
    /// The project's title (the town), shown in the header and exports.
    pub title: RwSignal<String>,
    /// Index of the indicator shown.
    pub indicator: RwSignal<usize>,
    /// Year shown.
    pub year: RwSignal<i32>,
    /// Settings of the Explore map (classes, change, pooled).
    pub explore: RwSignal<ExploreParams>,
    /// UI language.
    pub lang: RwSignal<Lang>,
    /// App mode.
    pub mode: RwSignal<Mode>,
    /// The unit paths (depend on the atlas only).
    pub shapes: Memo<Arc<Shapes>>,
    /// The one spatial index of the units (hover and click on the canvas, brush, lasso).
    pub hits: Memo<crate::define::Shared<HitIndex>>,
    /// The classified indicator shown on the map.
    pub choropleth: Memo<Arc<Choropleth>>,
    /// Result of the last load.
    pub load: RwSignal<LoadStatus>,
    /// How far a load running in the worker is (`None`: none runs).
    pub progress: RwSignal<Option<Progress>>,
    /// The indicator catalogue (label, unit, direction, kind, columns): starts as the atlas's
    /// guesses, then the user's settings. Kept apart from the atlas so an edit does not copy the
    /// data.
    pub indicators: RwSignal<Vec<IndicatorSpec>>,
    /// Settings of the status index.
    pub classify: RwSignal<ClassifyParams>,
    /// The status index (MSS method) of the current settings.
    pub status: Memo<Arc<IndexResult>>,
    /// The map's colouring in the current mode.
    pub coloring: Memo<Arc<Coloring>>,
    /// Settings of the typology.
    pub cluster: RwSignal<ClusterParams>,
    /// Settings of automatic proposals.
    pub proposal: RwSignal<ProposalParams>,
    /// The small-number rule.
    pub small_numbers: RwSignal<SmallNumbers>,
    /// What the rule withholds in the data shown (at a level: in the Sozialräume's sums).
    pub withheld: Memo<Arc<Withheld>>,
    /// Workshop notes.
    pub notes: RwSignal<Vec<sozialatlas_core::project::Note>>,
    /// The typology of the current settings (`None`: nothing to cluster, or still computing).
    pub typology: Memo<Option<Arc<Typology>>>,
    /// The typology of a large data set, computed in the worker (see [`LARGE_TYPOLOGY`]).
    pub typology_large: RwSignal<Option<Arc<Typology>>>,
    /// Progress of a typology computed in slices (0 to 1), `None` when none runs.
    pub typology_progress: RwSignal<Option<f64>>,
    /// Why the typology of a large data set could not be computed (German, English).
    pub typology_failed: RwSignal<Option<(String, String)>>,
    /// The dynamic index of the current settings (`None`: no previous year and no dynamic
    /// indicators).
    pub dynamic: Memo<Option<Arc<IndexResult>>>,
    /// The area whose profile (Steckbrief) is open.
    pub selected: RwSignal<Option<usize>>,
    /// The area under the pointer.
    pub hovered: RwSignal<Option<usize>>,
    /// Projector mode: full screen, large type, controls tucked away.
    pub projector: RwSignal<bool>,
    /// Area names on the map.
    pub labels: RwSignal<bool>,
    /// The visible part of the map (`viewBox` x, y, width, height); `None`: the whole map.
    pub zoom: RwSignal<Option<[f64; 4]>>,
    /// The table view instead of the map.
    pub table: RwSignal<bool>,
    /// Label anchors (poles of inaccessibility) per unit, computed when first shown.
    pub anchors: Memo<Arc<Vec<Option<Anchor>>>>,
    /// Width of each unit's name in em, measured in the labels' font.
    pub label_widths: Memo<Arc<Vec<f64>>>,
    /// Sozialraum definitions (Define and Compare modes).
    pub define: crate::define::DefineState,
    /// Where the data came from (what a link can name).
    pub source: RwSignal<DataSource>,
    /// The inputs as loaded (files, addresses, read settings), for links and project files.
    pub inputs: StoredValue<Inputs>,
    /// A problem with a link or project file (German, English).
    pub share_message: RwSignal<Option<(String, String)>>,
    /// Whether the autosave works.
    pub autosave: RwSignal<AutosaveStatus>,
    /// The project as it was before a link or file was opened over the user's own work, while
    /// that import can be undone.
    pub before_import: StoredValue<Option<sozialatlas_core::project::Project>>,
    /// What the last import brought (German, English), with an undo button while
    /// `before_import` is set.
    pub import_message: RwSignal<Option<(String, String)>>,
    /// A load waiting for the user's answer (data from another origin).
    pub ask: RwSignal<Option<Ask>>,
    /// The point layers (facilities) placed on the base units: their points, where each lies,
    /// what each unit gets.
    pub layers: RwSignal<Arc<Vec<sozialatlas_core::facilities::Placed>>>,
    /// Which layers are hidden on the map (by layer index).
    pub hidden_layers: RwSignal<Vec<usize>>,
    /// The facility under the pointer: (layer, point).
    pub hovered_facility: RwSignal<Option<(usize, usize)>>,
    /// Progress of a grid file being read: (bytes read, bytes in all, cells in units).
    pub grid_progress: RwSignal<Option<(u64, u64, u64)>>,
    /// The report's choices and texts.
    pub report: RwSignal<sozialatlas_core::report::ReportParams>,
    /// A note waiting for the map click that pins it to a point.
    pub note_pending: RwSignal<Option<sozialatlas_core::project::Note>>,
}

impl AppState {
    /// State for the demo town: its default project.
    pub fn new(atlas: Atlas) -> AppState {
        let project = sozialatlas_core::project::Project::for_atlas(&atlas, Inputs::default());
        let year = project.year(&atlas);
        let indicators = RwSignal::new(project.catalogue.indicators.clone());
        let classify = RwSignal::new(project.classify.clone());
        let cluster = RwSignal::new(project.cluster.clone());
        let base = RwSignal::new(Arc::new(atlas));
        let mode = RwSignal::new(Mode::Explore);
        let level = RwSignal::new(String::new());
        let define = crate::define::DefineState::new(base);
        // The definition shown as the level of the analysis views (tracked: an edit of it
        // dissolves it again).
        let level_def = Memo::new(move |_| {
            let name = level.get();
            if name.is_empty() || matches!(mode.get(), Mode::Define | Mode::Compare) {
                return None;
            }
            define
                .session
                .read()
                .definitions
                .iter()
                .find(|d| d.name == name)
                .cloned()
                .map(Arc::new)
        });
        let atlas = Memo::new_with_compare(
            move |_| match level_def.get() {
                Some(def) => {
                    let base = base.read();
                    let topo = define.topology.get();
                    let specs = indicators.read();
                    Arc::new(perf::time("level", || {
                        derive::dissolved(&base, &specs, &def, &topo)
                    }))
                }
                None => base.get(),
            },
            |a, b| !matches!((a, b), (Some(a), Some(b)) if Arc::ptr_eq(a, b)),
        );
        let indicator = RwSignal::new(0usize);
        let year = RwSignal::new(year);
        let explore = RwSignal::new(ExploreParams::default());
        let shapes = Memo::new(move |_| {
            let atlas = atlas.read();
            Shapes::prepared(&atlas, |p| p.shapes.take())
                .unwrap_or_else(|| Arc::new(perf::time("shapes", || Shapes::of(&atlas))))
        });
        let hits = Memo::new(move |_| {
            let atlas = atlas.read();
            crate::define::Shared(Shapes::prepared(&atlas, |p| p.hits.take()).unwrap_or_else(
                || {
                    Arc::new(perf::time("hit-index", || {
                        HitIndex::build(&atlas.units.geometry)
                    }))
                },
            ))
        });
        let small_numbers = RwSignal::new(project.small_numbers);
        let coarser = RwSignal::new(String::new());
        let coarser_level = Memo::new_with_compare(
            move |_| {
                let name = coarser.get();
                let session = define.session.read();
                let def = session
                    .definitions
                    .iter()
                    .find(|d| !name.is_empty() && d.name == name)?;
                let specs = indicators.read();
                Some(Arc::new(derive::coarser_level(
                    &base.read(),
                    &specs,
                    def,
                    &small_numbers.get(),
                )))
            },
            |a, b| match (a, b) {
                (Some(Some(a)), Some(Some(b))) => !Arc::ptr_eq(a, b),
                (Some(None), Some(None)) => false,
                _ => true,
            },
        );
        let withheld = Memo::new(move |_| {
            let atlas = atlas.read();
            let specs = indicators.read();
            Arc::new(derive::withheld(&atlas, &specs, &small_numbers.get()))
        });
        let choropleth = Memo::new(move |_| {
            let atlas = atlas.read();
            let specs = indicators.read();
            let ind = specs.get(indicator.get()).or_else(|| specs.first());
            let placeholder = placeholder();
            let ind = ind.unwrap_or(&placeholder);
            let w = withheld.read();
            Arc::new(derive::explore_map(
                &atlas,
                ind,
                &explore.get(),
                year.get(),
                &w,
            ))
        });
        let status = Memo::new(move |_| {
            let atlas = atlas.read();
            let specs = indicators.read();
            let settings = classify.read();
            let y = year.get();
            Arc::new(perf::time("classify", || {
                match level_def.read().as_deref() {
                    Some(def) => {
                        derive::status_at_level(&base.read(), &specs, def, &atlas, &settings, y)
                    }
                    None => derive::status(&atlas, &specs, &settings, y),
                }
            }))
        });
        let typology_large = RwSignal::new(None::<Arc<Typology>>);
        let typology = Memo::new(move |_| {
            // Large data sets: computed in slices by `install_large_typology`.
            if atlas.read().units.len() > LARGE_TYPOLOGY {
                return typology_large.get();
            }
            let atlas = atlas.read();
            let specs = indicators.read();
            let settings = cluster.read();
            let y = year.get();
            perf::time("cluster", || derive::typology(&atlas, &specs, &settings, y)).map(Arc::new)
        });
        let dynamic = Memo::new(move |_| {
            let atlas = atlas.read();
            let specs = indicators.read();
            let settings = classify.read();
            let y = year.get();
            match level_def.read().as_deref() {
                Some(def) => {
                    derive::dynamic_at_level(&base.read(), &specs, def, &atlas, &settings, y)
                }
                None => derive::dynamic(&atlas, &specs, &settings, y),
            }
            .map(Arc::new)
        });
        let lang = RwSignal::new(Lang::De);
        let define_coloring = StoredValue::new(None::<coloring::DefineColoring>);
        let coloring = Memo::new(move |_| {
            let start = perf::now();
            let atlas = atlas.read();
            let l = lang.get();
            let c = Arc::new(match mode.get() {
                Mode::Classify => match classify.read().view.clone() {
                    ClassifyView::Status => coloring::index_map(
                        &atlas,
                        &status.get(),
                        &STATUS_COLORS,
                        t(l, T::ViewStatus).into(),
                        l,
                    ),
                    ClassifyView::Dynamic => match dynamic.get() {
                        Some(d) => coloring::index_map(
                            &atlas,
                            &d,
                            &coloring::DYNAMIC_COLORS,
                            t(l, T::ViewDynamic).into(),
                            l,
                        ),
                        None => coloring::cluster(&atlas, None, l),
                    },
                    ClassifyView::Grid => match dynamic.get() {
                        Some(d) => coloring::grid(&atlas, &status.get(), &d, l),
                        None => coloring::cluster(&atlas, None, l),
                    },
                    ClassifyView::Band(id) => {
                        let specs = indicators.read();
                        match specs.iter().find(|s| s.id == id) {
                            Some(spec) => {
                                coloring::band_map(&atlas, spec, year.get(), &withheld.read(), l)
                            }
                            None => coloring::cluster(&atlas, None, l),
                        }
                    }
                    ClassifyView::NeedSupply { need, supply } => {
                        let specs = indicators.read();
                        let find = |id: &str| specs.iter().find(|s| s.id == id);
                        match (find(&need), find(&supply)) {
                            (Some(n), Some(s)) => {
                                coloring::need_supply(&atlas, n, s, year.get(), &withheld.read(), l)
                            }
                            _ => coloring::cluster(&atlas, None, l),
                        }
                    }
                },
                Mode::Cluster => coloring::cluster(&atlas, typology.get().as_ref(), l),
                Mode::Define | Mode::Compare => {
                    // The definitions are read tracked here: the map follows every brush step.
                    let session = define.session.read();
                    let i = match mode.get() {
                        Mode::Compare => session.pair.0,
                        _ => session.active,
                    };
                    match session.definitions.get(i) {
                        // Brush steps: only the changed units are coloured again.
                        Some(def) => {
                            let next = define_coloring.with_value(|prev| {
                                coloring::DefineColoring::update(prev.as_ref(), &atlas, def, l)
                            });
                            let c = next.coloring.clone();
                            define_coloring.set_value(Some(next));
                            perf::measure_since("coloring", start);
                            return c;
                        }
                        None => coloring::define(&atlas, None, l),
                    }
                }
                _ => {
                    let specs = indicators.read();
                    let spec = specs
                        .get(indicator.get())
                        .cloned()
                        .unwrap_or_else(placeholder);
                    let (note, from) = explore_scheme(&explore.read(), &atlas, year.get(), l);
                    let min = withheld.read().min;
                    coloring::explore(&atlas, &spec, &choropleth.get(), note, from, min, l)
                }
            });
            perf::measure_since("coloring", start);
            c
        });
        let anchors = Memo::new(move |_| {
            let atlas = atlas.read();
            let shapes = shapes.read();
            Arc::new(match &shapes.frame {
                Some(f) => labels::anchors(&atlas.units.geometry, f),
                None => vec![None; atlas.units.len()],
            })
        });
        AppState {
            typology_large,
            typology_progress: RwSignal::new(None),
            typology_failed: RwSignal::new(None),
            define,
            source: RwSignal::new(DataSource::Demo),
            inputs: StoredValue::new(Inputs::default()),
            share_message: RwSignal::new(None),
            autosave: RwSignal::new(AutosaveStatus::Saved),
            before_import: StoredValue::new(None),
            import_message: RwSignal::new(None),
            ask: RwSignal::new(None),
            layers: RwSignal::new(Arc::new(vec![])),
            hidden_layers: RwSignal::new(vec![]),
            hovered_facility: RwSignal::new(None),
            grid_progress: RwSignal::new(None),
            report: RwSignal::new(Default::default()),
            note_pending: RwSignal::new(None),
            title: RwSignal::new(project.title.clone()),
            proposal: RwSignal::new(project.proposal),
            small_numbers,
            withheld,
            notes: RwSignal::new(vec![]),
            base,
            level,
            level_def,
            coarser,
            coarser_level,
            atlas,
            indicator,
            year,
            explore,
            lang,
            mode,
            shapes,
            hits,
            choropleth,
            load: RwSignal::new(LoadStatus::Idle),
            progress: RwSignal::new(None),
            indicators,
            classify,
            status,
            coloring,
            cluster,
            typology,
            dynamic,
            selected: RwSignal::new(None),
            hovered: RwSignal::new(None),
            projector: RwSignal::new(false),
            labels: RwSignal::new(false),
            zoom: RwSignal::new(None),
            table: RwSignal::new(false),
            anchors,
            label_widths: Memo::new(move |_| Arc::new(measure_names(&atlas.read().units.names))),
        }
    }

    /// Opens `mode`. When that changes what the map shows (at a level, between the analysis
    /// views and Define/Compare, which show the base units), the open profile and the hover
    /// are closed: they name areas of the other map.
    pub fn set_mode(&self, mode: Mode) {
        let base_only = |m: Mode| matches!(m, Mode::Define | Mode::Compare);
        if !self.level.get_untracked().is_empty()
            && base_only(mode) != base_only(self.mode.get_untracked())
        {
            self.selected.set(None);
            self.hovered.set(None);
        }
        self.mode.set(mode);
    }

    /// Shows the analysis views at `level` (a definition's name; empty: the base units). The
    /// open profile, the hover and the zoom belong to the other map and are reset.
    pub fn set_level(&self, level: String) {
        if self.level.get_untracked() != level {
            self.selected.set(None);
            self.hovered.set(None);
            self.zoom.set(None);
            self.level.set(level);
        }
    }

    /// The key column of the map (for exports); at a level the Sozialräume's names.
    pub fn key_column(&self) -> String {
        if self.level_def.get_untracked().is_some() {
            return "sozialraum".into();
        }
        self.inputs
            .with_value(|i| i.read.map_key.clone())
            .unwrap_or_else(|| sozialatlas_core::demo::KEY_COLUMN.to_string())
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

/// The scheme note of the Explore map in `lang` and, for a change map, the earlier year.
pub fn explore_scheme(
    settings: &ExploreParams,
    atlas: &Atlas,
    year: i32,
    lang: Lang,
) -> (String, Option<i32>) {
    use sozialatlas_core::map::classes::Scheme;
    let previous = settings.change_from(&atlas.years, year);
    if let (true, Some(p)) = (settings.change, previous) {
        return (t(lang, T::ChangeNote).into(), Some(p));
    }
    let note = t(
        lang,
        match settings.scheme {
            Scheme::Quantile => T::QuantileNote,
            Scheme::Equal => T::EqualNote,
            Scheme::Jenks => T::JenksNote,
            Scheme::StdDev => T::StdDevNote,
            Scheme::Manual => T::ManualNote,
        },
    );
    let base = settings
        .base_year
        .filter(|b| *b != year && atlas.years.contains(b));
    if let (true, Some(b)) = (settings.pooled, base) {
        let label = |y| sozialatlas_core::model::period_label(y, lang);
        let two = t(lang, T::PooledTwoNote)
            .replace("{a}", &label(b.min(year)))
            .replace("{b}", &label(b.max(year)));
        (format!("{note}, {two}"), None)
    } else if settings.pooled && atlas.years.len() > 1 {
        (format!("{note}, {}", t(lang, T::PooledNote)), None)
    } else {
        (note.into(), None)
    }
}

/// The font of the map's names (as in `assets/app.css`), at 100 px for measuring.
const LABEL_FONT: &str =
    "600 100px system-ui, -apple-system, \"Segoe UI\", Roboto, \"Noto Sans\", \"DejaVu Sans\", sans-serif";

/// Widths of the names in em, measured on a canvas in the labels' font (estimated where the
/// browser gives no canvas).
fn measure_names(names: &[String]) -> Vec<f64> {
    use wasm_bindgen::JsCast;
    let ctx = document()
        .create_element("canvas")
        .ok()
        .and_then(|c| c.dyn_into::<web_sys::HtmlCanvasElement>().ok())
        .and_then(|c| c.get_context("2d").ok().flatten())
        .and_then(|c| c.dyn_into::<web_sys::CanvasRenderingContext2d>().ok());
    match ctx {
        Some(ctx) => {
            ctx.set_font(LABEL_FONT);
            names
                .iter()
                .map(|n| {
                    ctx.measure_text(n)
                        .map(|m| m.width() / 100.0)
                        .unwrap_or_else(|_| labels::estimated_width(n))
                })
                .collect()
        }
        None => names.iter().map(|n| labels::estimated_width(n)).collect(),
    }
}

/// An indicator with no columns: maps every unit as "no data" when an atlas has no indicators.
fn placeholder() -> IndicatorSpec {
    IndicatorSpec::default()
}

/// Computes the typology of large data sets in the worker (see [`LARGE_TYPOLOGY`]) while the
/// Typisieren mode is open (an effect, so called from the mounted app). A change of settings
/// abandons a running computation (its worker is terminated) and starts again.
pub fn install_large_typology(state: AppState) {
    let generation = StoredValue::new(0u64);
    type Inputs = (usize, i32, ClusterParams, Vec<IndicatorSpec>);
    let last = StoredValue::new(None::<Inputs>);
    // Stops the running computation (its result would not be asked for any more).
    let stop = move || {
        generation.update_value(|g| *g += 1);
        crate::io::worker::cancel(crate::io::worker::Job::Typology);
        state.typology_progress.set(None);
    };
    let shown_atlas = StoredValue::new(0usize);
    Effect::new(move |_| {
        let atlas = state.atlas.get();
        // Another data set: the typology of the previous one is gone, a running one stopped.
        if shown_atlas.get_value() != Arc::as_ptr(&atlas) as usize {
            shown_atlas.set_value(Arc::as_ptr(&atlas) as usize);
            if last.with_value(Option::is_some) {
                last.set_value(None);
                stop();
                state.typology_large.set(None);
                state.typology_failed.set(None);
            }
        }
        if atlas.units.len() <= LARGE_TYPOLOGY || state.mode.get() != Mode::Cluster {
            return;
        }
        let specs = state.indicators.get();
        let settings = state.cluster.get();
        let year = state.year.get();
        // Back in the mode with the same inputs: the result (or the running job) stands.
        let inputs = (
            Arc::as_ptr(&atlas) as usize,
            year,
            settings.clone(),
            specs.clone(),
        );
        if last.with_value(|l| l.as_ref() == Some(&inputs)) {
            return;
        }
        last.set_value(Some(inputs));
        stop();
        let mine = generation.get_value();
        state.typology_large.set(None);
        let chosen: Vec<IndicatorSpec> = specs
            .iter()
            .filter(|i| settings.indicators.contains(&i.id))
            .cloned()
            .collect();
        let refs: Vec<&IndicatorSpec> = chosen.iter().collect();
        state.typology_failed.set(None);
        let Some(prepared) = typology::Prepared::new(&atlas, &refs, year) else {
            return;
        };
        state.typology_progress.set(Some(0.0));
        let job = typology::Job {
            prepared,
            k: settings.k,
            refine: settings.refine,
            seed: settings.seed,
        };
        // In the worker (the whole typology, k-means and diagnostics included, off the page's
        // thread); in the page in slices where no worker starts.
        let start = perf::now();
        let current = move || generation.get_value() == mine;
        crate::io::worker::typology(
            job,
            move |share| {
                if current() {
                    state.typology_progress.set(Some(share));
                }
            },
            move |outcome| {
                if !current() {
                    return;
                }
                match outcome {
                    crate::io::worker::Computed::Done(t) => {
                        perf::measure_since("cluster", start);
                        state.typology_progress.set(None);
                        state.typology_large.set(Some(Arc::new(t)));
                    }
                    crate::io::worker::Computed::Failed(m) => {
                        state.typology_progress.set(None);
                        state.typology_failed.set(Some(m));
                    }
                    crate::io::worker::Computed::Unavailable(job) => {
                        typology_in_page(state, job, move || generation.get_value() == mine)
                    }
                }
            },
        );
    });
}

/// A typology computed in the page in slices of about 30 ms (where no worker starts); stops
/// when `current` turns false (the settings changed).
fn typology_in_page(state: AppState, job: typology::Job, current: impl Fn() -> bool + 'static) {
    let typology::Job {
        prepared,
        k,
        refine,
        seed,
    } = job;
    leptos::task::spawn_local(async move {
        let start = perf::now();
        let mut run = sozialatlas_core::cluster::ward::WardRun::new(&prepared.x);
        loop {
            let slice = perf::now();
            let mut more = true;
            while more && perf::now() - slice < 30.0 {
                more = run.step(16);
            }
            if !current() {
                return;
            }
            state
                .typology_progress
                .set(Some(typology::WARD_SHARE * run.progress()));
            crate::task::next_task().await;
            if !current() {
                return;
            }
            if !more {
                break;
            }
        }
        let t = prepared.finish(run.finish(), k, refine, seed);
        perf::measure_since("cluster", start);
        state.typology_progress.set(None);
        state.typology_large.set(Some(Arc::new(t)));
    });
}

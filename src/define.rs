//! The Sozialraum definitions of the loaded map in the app: the core's editing
//! [`Session`] in a signal, the tools, the derived topology, and the ways to start
//! a definition (prefix, column, clusters, proposal, import).
//!
//! Every change of an assignment goes through [`DefineState::run`] (or a brush stroke's
//! [`DefineState::paint_live`] + [`DefineState::end_stroke`]); the session keeps the history
//! and the tally of the active definition in step.

use leptos::prelude::*;
use sozialatlas_core::model::Atlas;
use sozialatlas_core::model::IndicatorSpec;
use sozialatlas_core::sozialraum::definition::{Definition, Edit};
use sozialatlas_core::sozialraum::session::{Origin, Session};
use sozialatlas_core::sozialraum::start::{self, Start};
use sozialatlas_core::sozialraum::topology::Topology;
use std::sync::Arc;

/// A shared value compared by identity (for memos of values without `PartialEq`).
#[derive(Debug)]
pub struct Shared<T>(pub Arc<T>);

impl<T> Clone for Shared<T> {
    fn clone(&self) -> Self {
        Shared(self.0.clone())
    }
}

impl<T> PartialEq for Shared<T> {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl<T> std::ops::Deref for Shared<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

/// The drawing tools.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Tool {
    /// Click a unit to give it to the current Sozialraum (dragging pans).
    #[default]
    Click,
    /// Paint every unit under a circle while the button is down.
    Brush,
    /// Draw a loop: units mostly inside go to the current Sozialraum.
    Lasso,
    /// As the brush, but takes units out of their Sozialraum.
    Eraser,
}

/// How two definitions are shown side by side.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum CompareView {
    /// Two maps next to each other, panned and zoomed together.
    #[default]
    SideBySide,
    /// One map, B over A, with a divider to drag.
    Swipe,
}

/// Signals of the Define and Compare modes. `Copy` like [`crate::state::AppState`]. The tools
/// find units through the state's one index of the units ([`crate::state::AppState::hits`]).
///
/// The definitions live in one core [`Session`] (histories, running tally, strokes). Only the
/// map's colouring reads it tracked, so that it follows every brush step; lists, checks, tables
/// and the comparison read it through [`DefineState::with`], which follows `revision`: after
/// every edit, undo, redo, stroke end and change of the active definition or pair.
#[derive(Clone, Copy)]
pub struct DefineState {
    /// The definitions and their editing state.
    pub session: RwSignal<Session>,
    /// The Sozialraum the tools paint with.
    pub current: RwSignal<Option<u32>>,
    /// The tool.
    pub tool: RwSignal<Tool>,
    /// Brush radius in screen pixels.
    pub brush: RwSignal<f64>,
    /// Side by side or swipe.
    pub compare_view: RwSignal<CompareView>,
    /// Position of the swipe divider (0 to 1 of the width).
    pub swipe: RwSignal<f64>,
    /// Progress of a running proposal (0 to 1), `None` when none runs.
    pub proposing: RwSignal<Option<f64>>,
    /// A message from the last action (German, English), e.g. a rejected import.
    pub message: RwSignal<Option<(String, String)>>,
    /// Bumped after every edit, undo and redo, stroke end, change of the active definition,
    /// the pair or the bounds.
    pub revision: RwSignal<u64>,
    /// Topology of the units (neighbours, arcs), computed when first needed.
    pub topology: Memo<Shared<Topology>>,
    /// SVG path of every arc of the topology, in the map's frame.
    pub arc_paths: Memo<Arc<Vec<String>>>,
}

impl DefineState {
    /// State for the base units' signal, with no definitions.
    pub fn new(base: RwSignal<Arc<Atlas>>) -> DefineState {
        use sozialatlas_core::map::geometry::{Bounds, Frame};
        let topology = Memo::new(move |_| {
            Shared(Arc::new(crate::io::perf::time("topology", || {
                Topology::build(&base.read().units.geometry)
            })))
        });
        let arc_paths = Memo::new(move |_| {
            let topo = topology.get();
            // The frame of the base units, as the map's (`crate::state::Shapes`).
            let frame = Bounds::of(&base.read().units.geometry).map(Frame::fit);
            Arc::new(match &frame {
                Some(f) => topo.arcs.iter().map(|a| arc_path(f, a)).collect(),
                None => vec![String::new(); topo.arcs.len()],
            })
        });
        DefineState {
            session: RwSignal::new(Session::default()),
            current: RwSignal::new(None),
            tool: RwSignal::new(Tool::Click),
            brush: RwSignal::new(18.0),
            compare_view: RwSignal::new(CompareView::SideBySide),
            swipe: RwSignal::new(0.5),
            proposing: RwSignal::new(None),
            message: RwSignal::new(None),
            revision: RwSignal::new(0),
            topology,
            arc_paths,
        }
    }

    /// `f` of the session, read again after every edit but not per brush step.
    pub fn with<R>(&self, f: impl FnOnce(&Session) -> R) -> R {
        self.revision.track();
        self.session.with_untracked(f)
    }

    /// `f` of the active definition (`None` without one), read again after every edit but not
    /// per brush step.
    pub fn with_active<R>(&self, f: impl FnOnce(usize, &Definition) -> R) -> Option<R> {
        self.with(|s| s.active_definition().map(|def| f(s.active, def)))
    }

    /// Changes the session and tells everyone who follows `revision`.
    pub fn edit<R>(&self, f: impl FnOnce(&mut Session) -> R) -> R {
        let mut out = None;
        self.session.update(|s| out = Some(f(s)));
        self.revision.update(|r| *r += 1);
        out.expect("update runs its closure")
    }

    /// Replaces the whole session (a project was opened).
    pub fn replace(&self, session: Session) {
        let current = session
            .active_definition()
            .and_then(|d| (!d.areas.is_empty()).then_some(0));
        self.edit(|s| *s = session);
        self.current.set(current);
    }

    /// Number of definitions (tracked like [`DefineState::with`]).
    pub fn count(&self) -> usize {
        self.with(|s| s.definitions.len())
    }

    /// The active definition's index (tracked like [`DefineState::with`]).
    pub fn active(&self) -> usize {
        self.with(|s| s.active)
    }

    /// Adds a definition and makes it the active one; when the session is full, says so and
    /// adds nothing.
    pub fn add(&self, def: Definition, origin: Origin) {
        let current = (!def.areas.is_empty()).then_some(0);
        if self.edit(|s| s.add(def, origin)).is_some() {
            self.current.set(current);
        } else {
            let max = sozialatlas_core::sozialraum::session::MAX_DEFINITIONS;
            self.message.set(Some((
                format!("Höchstens {max} Einteilungen: bitte eine nicht mehr gebrauchte löschen."),
                format!("At most {max} definitions: please delete one no longer needed."),
            )));
        }
    }

    /// Deletes the active definition.
    pub fn delete_active(&self) {
        self.edit(Session::delete_active);
        self.current.set(None);
    }

    /// Makes definition `i` the active one.
    pub fn activate(&self, i: usize) {
        let has = self.edit(|s| {
            s.activate(i);
            s.active_definition().is_some_and(|d| !d.areas.is_empty())
        });
        self.current.set(has.then_some(0));
    }

    /// Applies an edit to the active definition and records it for undo.
    pub fn run(&self, edit: Edit) {
        self.edit(|s| s.run(edit));
    }

    /// Paints units during a stroke (brush, eraser): applied at once, undone as one step by
    /// [`DefineState::end_stroke`]. Only the map follows (no `revision` bump).
    pub fn paint_live(&self, units: &[usize], target: Option<u32>) {
        let mut changed = false;
        self.session
            .update_untracked(|s| changed = s.paint_live(units, target));
        if changed {
            self.session.notify();
        }
    }

    /// Ends a stroke: its changes become one undo step.
    pub fn end_stroke(&self) {
        if self.session.try_update_untracked(Session::end_stroke) == Some(true) {
            self.revision.update(|r| *r += 1);
        }
    }

    /// Undoes (`redo` false) or redoes the last edit of the active definition.
    pub fn undo_redo(&self, redo: bool) {
        let current = self.current.get_untracked();
        let keep = self.edit(|s| {
            s.undo_redo(redo);
            current.is_some_and(|c| {
                s.active_definition()
                    .is_some_and(|d| (c as usize) < d.areas.len())
            })
        });
        if !keep {
            self.current.set(None);
        }
    }

    /// Number of steps that can be undone and redone in the active definition.
    pub fn history_len(&self) -> (usize, usize) {
        self.with(Session::history_len)
    }

    /// The Sozialräume of the active definition as an atlas (aggregated indicators of the
    /// catalogue), from the running tally.
    pub fn aggregated(&self, atlas: &Atlas, catalogue: &[IndicatorSpec]) -> Option<Atlas> {
        self.revision.track();
        let mut out = None;
        self.session
            .update_untracked(|s| out = s.aggregated(atlas, catalogue));
        out
    }
}

/// SVG path data of an open line in the frame.
fn arc_path(
    f: &sozialatlas_core::map::geometry::Frame,
    arc: &sozialatlas_core::sozialraum::topology::Arc,
) -> String {
    let mut d = String::new();
    f.write_line(&mut d, &arc.coords);
    d
}

/// Makes a new definition from `source` (the core's [`start::definition`]), with
/// neighbour-distinct colours; `None` when the source has nothing (no typology, no definition
/// to copy, an unknown column).
pub fn start(state: crate::state::AppState, source: Start, name: &str) -> Option<Definition> {
    let atlas = state.base.get_untracked();
    let d = state.define;
    let topo = d.topology.get_untracked();
    let source = match source {
        Start::Clusters(_) => Start::Clusters(state.typology.get_untracked()?.labels.clone()),
        Start::Copy(_) => Start::Copy(
            d.session
                .with_untracked(|s| s.active_definition().cloned())?,
        ),
        other => other,
    };
    start::definition(&atlas, &topo, &source, name)
}

/// Runs a max-p proposal in the worker ([`crate::io::worker::propose`]), or where no worker
/// can start in the page in slices of about 30 ms; the page stays responsive, shows progress in
/// `define.proposing` and can cancel ([`cancel_proposal`]). Adds the result as a new
/// definition.
pub fn propose(state: crate::state::AppState, name: String) {
    use crate::io::worker::{self, Proposed};
    use sozialatlas_core::sozialraum::regionalize::Job;
    let d = state.define;
    let atlas = state.base.get_untracked();
    let specs = state.indicators.get_untracked();
    let params = state.proposal.get_untracked();
    let cluster = state.cluster.get_untracked();
    let topo = d.topology.get_untracked();
    let input = sozialatlas_core::project::derive::proposal_input(
        &atlas,
        &specs,
        &cluster,
        &params,
        state.year.get_untracked(),
    );
    let job = match input {
        Ok(i) => Job {
            neighbours: topo.neighbours.clone(),
            x: i.x,
            population: i.population,
            params: i.params,
        },
        Err(e) => return d.message.set(Some(both(&e))),
    };
    d.message.set(None);
    d.proposing.set(Some(0.0));
    let start = crate::io::perf::now();
    worker::propose(
        job,
        move |share| {
            if d.proposing.get_untracked().is_some() {
                d.proposing.set(Some(share * 0.9))
            }
        },
        move |outcome| match outcome {
            Proposed::Done(r) => proposed(state, &name, &r, start),
            Proposed::Failed(m) => {
                d.proposing.set(None);
                d.message.set(Some(m));
            }
            Proposed::Unavailable(job) => propose_here(state, name, job, start),
        },
    );
}

/// Stops a running proposal; nothing is added.
pub fn cancel_proposal(state: crate::state::AppState) {
    crate::io::worker::cancel(crate::io::worker::Job::Propose);
    state.define.proposing.set(None);
}

fn both(e: &sozialatlas_core::project::derive::ProposalError) -> (String, String) {
    use sozialatlas_core::locale::Lang;
    (e.message(Lang::De), e.message(Lang::En))
}

/// Adds the regions of a proposal as a new definition.
fn proposed(
    state: crate::state::AppState,
    name: &str,
    regions: &sozialatlas_core::sozialraum::regionalize::Regions,
    start: f64,
) {
    let d = state.define;
    crate::io::perf::measure_since("propose", start);
    let def = start::from_regions(name, &regions.region, &d.topology.get_untracked());
    d.proposing.set(None);
    d.add(def, Origin::Own);
}

/// The proposal in the page, in slices of about 30 ms (where no worker can start); stops when
/// cancelled (`define.proposing` is emptied).
fn propose_here(
    state: crate::state::AppState,
    name: String,
    job: sozialatlas_core::sozialraum::regionalize::Job,
    start: f64,
) {
    let d = state.define;
    let mut proposal = match job.start() {
        Ok(p) => p,
        Err(e) => {
            d.proposing.set(None);
            return d.message.set(Some(both(&e.into())));
        }
    };
    leptos::task::spawn_local(async move {
        loop {
            let slice = crate::io::perf::now();
            let mut more = true;
            while more && crate::io::perf::now() - slice < 30.0 {
                more = proposal.step();
            }
            if d.proposing.get_untracked().is_none() {
                return;
            }
            d.proposing.set(Some(proposal.progress() * 0.9));
            crate::task::next_task().await;
            if !more {
                break;
            }
        }
        if d.proposing.get_untracked().is_some() {
            proposed(state, &name, &proposal.finish(), start);
        }
    });
}

/// Reads an assignment CSV (`key`, `area`) chosen by the user into a new definition.
pub fn import(state: crate::state::AppState, file: web_sys::File) {
    let d = state.define;
    leptos::task::spawn_local(async move {
        let file = match crate::io::files::read(&file).await {
            Ok(f) => f,
            Err(e) => {
                d.message.set(Some(e));
                return;
            }
        };
        let atlas = state.base.get_untracked();
        let stem = file.name.trim_end_matches(".csv").to_string();
        match Definition::from_assignment_csv(&stem, &file.name, &file.bytes, &atlas.units.keys) {
            Ok((mut def, unknown)) => {
                def.recolour_distinct(&d.topology.get_untracked());
                let note = start::import_note(&file.name, &def, &unknown);
                d.message.set(note.map(|n| {
                    (
                        n.message(sozialatlas_core::locale::Lang::De),
                        n.message(sozialatlas_core::locale::Lang::En),
                    )
                }));
                d.add(def, Origin::Own);
            }
            Err(e) => d.message.set(Some((
                e.message(sozialatlas_core::locale::Lang::De),
                e.message(sozialatlas_core::locale::Lang::En),
            ))),
        }
    });
}

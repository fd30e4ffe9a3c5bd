//! The Sozialraum definitions of the loaded map: signals, edits with undo/redo and running
//! tallies, the derived topology, and autosave in the browser's local storage.
//!
//! Every change of an assignment goes through [`DefineState::run`] (or a brush stroke's
//! [`DefineState::paint_live`] + [`DefineState::end_stroke`]), which keeps the history and the
//! tally of the active definition in step.

use leptos::prelude::*;
use sozialatlas_core::geometry::HitIndex;
use sozialatlas_core::model::Atlas;
use sozialatlas_core::sozialraum::aggregate::Tally;
use sozialatlas_core::sozialraum::definition::{Definition, Edit, History};
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

/// Signals of the Define and Compare modes. `Copy` like [`crate::state::AppState`].
#[derive(Clone, Copy)]
pub struct DefineState {
    /// All definitions of this map.
    pub defs: RwSignal<Vec<Definition>>,
    /// Index of the definition being drawn.
    pub active: RwSignal<usize>,
    /// The Sozialraum the tools paint with.
    pub current: RwSignal<Option<u32>>,
    /// The tool.
    pub tool: RwSignal<Tool>,
    /// Brush radius in screen pixels.
    pub brush: RwSignal<f64>,
    /// Population bounds for the validation (min, max).
    pub bounds: RwSignal<(Option<f64>, Option<f64>)>,
    /// The two definitions compared (indices).
    pub pair: RwSignal<(usize, usize)>,
    /// Side by side or swipe.
    pub compare_view: RwSignal<CompareView>,
    /// Position of the swipe divider (0 to 1 of the width).
    pub swipe: RwSignal<f64>,
    /// Progress of a running proposal (0 to 1), `None` when none runs.
    pub proposing: RwSignal<Option<f64>>,
    /// A message from the last action (German, English), e.g. a rejected import.
    pub message: RwSignal<Option<(String, String)>>,
    /// Undo/redo per definition (not reactive; `revision` tells when it changed).
    histories: StoredValue<Vec<History>>,
    /// Running sums of the active definition: (definition index, tally).
    tally: StoredValue<Option<(usize, Tally)>>,
    /// Old values of the units changed by the stroke in progress.
    stroke: StoredValue<Vec<(u32, Option<u32>)>>,
    /// Bumped after every edit, undo and redo.
    pub revision: RwSignal<u64>,
    /// Topology of the units (neighbours, arcs), computed when first needed.
    pub topology: Memo<Shared<Topology>>,
    /// SVG path of every arc of the topology, in the map's frame.
    pub arc_paths: Memo<Arc<Vec<String>>>,
    /// Spatial index for the brush and the lasso.
    pub hits: Memo<Option<Shared<HitIndex>>>,
    /// Storage key of the loaded map (autosave).
    storage_key: RwSignal<String>,
}

impl DefineState {
    /// State for the atlas signal and its shapes; restores autosaved definitions.
    pub fn new(
        atlas: RwSignal<Arc<Atlas>>,
        shapes: Memo<Arc<crate::state::Shapes>>,
    ) -> DefineState {
        let topology =
            Memo::new(move |_| Shared(Arc::new(Topology::build(&atlas.read().units.geometry))));
        let arc_paths = Memo::new(move |_| {
            let topo = topology.get();
            let shapes = shapes.read();
            Arc::new(match &shapes.frame {
                Some(f) => topo.arcs.iter().map(|a| arc_path(f, a)).collect(),
                None => vec![String::new(); topo.arcs.len()],
            })
        });
        let hits = Memo::new(move |_| {
            let shapes = shapes.read();
            shapes
                .frame
                .as_ref()
                .map(|f| Shared(Arc::new(HitIndex::build(&atlas.read().units.geometry, f))))
        });
        let s = DefineState {
            defs: RwSignal::new(vec![]),
            active: RwSignal::new(0),
            current: RwSignal::new(None),
            tool: RwSignal::new(Tool::Click),
            brush: RwSignal::new(18.0),
            bounds: RwSignal::new((None, None)),
            pair: RwSignal::new((0, 0)),
            compare_view: RwSignal::new(CompareView::SideBySide),
            swipe: RwSignal::new(0.5),
            proposing: RwSignal::new(None),
            message: RwSignal::new(None),
            histories: StoredValue::new(vec![]),
            tally: StoredValue::new(None),
            stroke: StoredValue::new(vec![]),
            revision: RwSignal::new(0),
            topology,
            arc_paths,
            hits,
            storage_key: RwSignal::new(String::new()),
        };
        s.restore(&atlas.get_untracked());
        s
    }

    /// Autosave: every change of the definitions is written to local storage at once (an
    /// effect, so called from within the mounted app).
    pub fn install_autosave(&self, atlas: RwSignal<Arc<Atlas>>) {
        let s = *self;
        Effect::new(move |_| {
            // After every edit and at the end of every stroke, not per brush step.
            s.revision.track();
            let defs = s.defs.get_untracked();
            let key = s.storage_key.get_untracked();
            let keys = atlas.read_untracked().units.keys.clone();
            save(&key, &defs, &keys);
        });
    }

    /// Loads the autosaved definitions of `atlas` (none when there are none).
    pub fn restore(&self, atlas: &Atlas) {
        let key = storage_key(atlas);
        let defs = load(&key, &atlas.units.keys);
        self.histories
            .set_value(vec![History::default(); defs.len()]);
        self.tally.set_value(None);
        self.storage_key.set(key);
        self.active.set(0);
        self.current.set(
            defs.first()
                .and_then(|d| (!d.areas.is_empty()).then_some(0)),
        );
        let n = defs.len();
        self.pair.set((0, if n > 1 { 1 } else { 0 }));
        self.defs.set(defs);
        self.revision.update(|r| *r += 1);
    }

    /// Replaces all definitions (a shared link or project): fresh histories.
    pub fn replace_all(&self, defs: Vec<Definition>, active: usize, pair: (usize, usize)) {
        self.histories
            .set_value(vec![History::default(); defs.len()]);
        self.tally.set_value(None);
        let current = defs
            .get(active)
            .and_then(|d| (!d.areas.is_empty()).then_some(0));
        self.defs.set(defs);
        self.active.set(active);
        self.pair.set(pair);
        self.current.set(current);
        self.revision.update(|r| *r += 1);
    }

    /// Adds a definition and makes it the active one.
    pub fn add(&self, def: Definition) {
        let current = (!def.areas.is_empty()).then_some(0);
        self.histories.update_value(|h| h.push(History::default()));
        self.defs.update(|d| d.push(def));
        let i = self.defs.read_untracked().len() - 1;
        self.active.set(i);
        self.current.set(current);
        self.tally.set_value(None);
        let (a, _) = self.pair.get_untracked();
        self.pair.set((if i == 0 { 0 } else { a }, i));
        self.revision.update(|r| *r += 1);
    }

    /// Deletes the active definition.
    pub fn delete_active(&self) {
        let i = self.active.get_untracked();
        if i >= self.defs.read_untracked().len() {
            return;
        }
        self.histories.update_value(|h| {
            h.remove(i);
        });
        self.defs.update(|d| {
            d.remove(i);
        });
        self.tally.set_value(None);
        self.active.set(i.saturating_sub(1));
        self.pair.set((0, 0));
        self.current.set(None);
        self.revision.update(|r| *r += 1);
    }

    /// Makes definition `i` the active one.
    pub fn activate(&self, i: usize) {
        self.active.set(i);
        let has = self
            .defs
            .read_untracked()
            .get(i)
            .is_some_and(|d| !d.areas.is_empty());
        self.current.set(has.then_some(0));
    }

    /// Applies an edit to the active definition and records it for undo.
    pub fn run(&self, atlas: &Atlas, edit: Edit) {
        let i = self.active.get_untracked();
        let mut inverse = None;
        self.defs.update(|defs| {
            if let Some(def) = defs.get_mut(i) {
                let inv = def.apply(edit);
                self.follow(atlas, i, def, &inv);
                inverse = Some(inv);
            }
        });
        if let Some(inv) = inverse {
            self.histories.update_value(|h| {
                if let Some(h) = h.get_mut(i) {
                    h.record(inv);
                }
            });
        }
        self.revision.update(|r| *r += 1);
    }

    /// Paints units during a stroke (brush, eraser): applied at once, undone as one step by
    /// [`DefineState::end_stroke`].
    pub fn paint_live(&self, atlas: &Atlas, units: &[usize], target: Option<u32>) {
        let i = self.active.get_untracked();
        let edit = self
            .defs
            .read_untracked()
            .get(i)
            .and_then(|d| d.paint(units, target));
        let Some(edit) = edit else { return };
        self.defs.update(|defs| {
            if let Some(def) = defs.get_mut(i) {
                let inv = def.apply(edit);
                self.follow(atlas, i, def, &inv);
                if let Edit::Assign(old) = inv {
                    self.stroke.update_value(|s| {
                        for (u, a) in old {
                            if !s.iter().any(|x| x.0 == u) {
                                s.push((u, a));
                            }
                        }
                    });
                }
            }
        });
        // The map follows `defs`; lists, checks, tables and autosave wait for the stroke's end.
    }

    /// Ends a stroke: its changes become one undo step.
    pub fn end_stroke(&self) {
        let old = std::mem::take(&mut *self.stroke.write_value());
        if old.is_empty() {
            return;
        }
        let i = self.active.get_untracked();
        self.histories.update_value(|h| {
            if let Some(h) = h.get_mut(i) {
                h.record(Edit::Assign(old));
            }
        });
        self.revision.update(|r| *r += 1);
    }

    /// Undoes (`redo` false) or redoes the last edit of the active definition.
    pub fn undo_redo(&self, atlas: &Atlas, redo: bool) {
        let i = self.active.get_untracked();
        let mut hist = self
            .histories
            .with_value(|h| h.get(i).cloned())
            .unwrap_or_default();
        self.defs.update(|defs| {
            let Some(def) = defs.get_mut(i) else { return };
            let before = def.assign.clone();
            let changed = if redo { hist.redo(def) } else { hist.undo(def) };
            if changed {
                let moved: Vec<(u32, Option<u32>)> = before
                    .iter()
                    .enumerate()
                    .filter(|(u, a)| def.assign[*u] != **a)
                    .map(|(u, a)| (u as u32, *a))
                    .collect();
                self.follow(atlas, i, def, &Edit::Assign(moved));
            }
        });
        self.histories.update_value(|h| {
            if let Some(slot) = h.get_mut(i) {
                *slot = hist;
            }
        });
        if self.current.get_untracked().is_some_and(|c| {
            self.defs
                .read_untracked()
                .get(i)
                .is_none_or(|d| c as usize >= d.areas.len())
        }) {
            self.current.set(None);
        }
        self.revision.update(|r| *r += 1);
    }

    /// `f` of the active definition (`None` without one), read again after every edit but not
    /// per brush step (`revision` says when; lists, checks and tables follow it).
    pub fn with_active<R>(&self, f: impl FnOnce(usize, &Definition) -> R) -> Option<R> {
        self.revision.track();
        let i = self.active.get();
        self.defs.read_untracked().get(i).map(|def| f(i, def))
    }

    /// Number of steps that can be undone and redone in the active definition.
    pub fn history_len(&self) -> (usize, usize) {
        self.revision.track();
        let i = self.active.get_untracked();
        self.histories
            .with_value(|h| h.get(i).map(|h| (h.undo_len(), h.redo_len())))
            .unwrap_or((0, 0))
    }

    /// Keeps the tally of definition `i` in step after `inverse` (old values) was applied.
    fn follow(&self, atlas: &Atlas, i: usize, def: &Definition, inverse: &Edit) {
        let Edit::Assign(old) = inverse else { return };
        self.tally.update_value(|t| match t {
            Some((ti, tally)) if *ti == i => {
                for &(u, was) in old {
                    tally.move_unit(u as usize, was, def.assign[u as usize]);
                }
            }
            _ => *t = Some((i, Tally::new(atlas, def))),
        });
    }

    /// The Sozialräume of the active definition as an atlas (aggregated indicators), from the
    /// running tally.
    pub fn aggregated(&self, atlas: &Atlas) -> Option<Atlas> {
        self.with_active(|i, def| {
            self.tally.update_value(|t| {
                if !matches!(t, Some((ti, _)) if *ti == i) {
                    *t = Some((i, Tally::new(atlas, def)));
                }
            });
            self.tally
                .with_value(|t| t.as_ref().map(|(_, tally)| tally.atlas(atlas, def, None)))
        })
        .flatten()
    }
}

/// SVG path data of an open line in the frame.
fn arc_path(
    f: &sozialatlas_core::geometry::Frame,
    arc: &sozialatlas_core::sozialraum::topology::Arc,
) -> String {
    let mut d = String::new();
    f.write_line(&mut d, &arc.coords);
    d
}

/// The key under which the definitions of a map are saved: its number of units and a hash of
/// its keys (so a different map never gets another map's definitions).
fn storage_key(atlas: &Atlas) -> String {
    format!(
        "sozialatlas:definitions:{}",
        sozialatlas_core::share::fingerprint(&atlas.units.keys)
    )
}

/// What is saved: definitions with assignments by unit key (robust to a reordered file).
#[derive(serde::Serialize, serde::Deserialize)]
struct Saved {
    version: u32,
    definitions: Vec<SavedDefinition>,
}

#[derive(serde::Serialize, serde::Deserialize)]
struct SavedDefinition {
    name: String,
    areas: Vec<sozialatlas_core::sozialraum::definition::Sozialraum>,
    /// Per Sozialraum the keys of its units.
    units: Vec<Vec<String>>,
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

fn save(key: &str, defs: &[Definition], keys: &[String]) {
    if key.is_empty() {
        return;
    }
    let Some(st) = storage() else { return };
    if defs.is_empty() {
        let _ = st.remove_item(key);
        return;
    }
    let saved = Saved {
        version: 1,
        definitions: defs
            .iter()
            .map(|d| SavedDefinition {
                name: d.name.clone(),
                areas: d.areas.clone(),
                units: d
                    .members()
                    .iter()
                    .map(|m| m.iter().filter_map(|&u| keys.get(u).cloned()).collect())
                    .collect(),
            })
            .collect(),
    };
    if let Ok(text) = serde_json::to_string(&saved) {
        let _ = st.set_item(key, &text);
    }
}

fn load(key: &str, keys: &[String]) -> Vec<Definition> {
    let Some(text) = storage().and_then(|st| st.get_item(key).ok().flatten()) else {
        return vec![];
    };
    let Ok(saved) = serde_json::from_str::<Saved>(&text) else {
        return vec![];
    };
    let index: std::collections::HashMap<&str, usize> = keys
        .iter()
        .enumerate()
        .map(|(i, k)| (k.as_str(), i))
        .collect();
    saved
        .definitions
        .into_iter()
        .map(|s| {
            let mut assign = vec![None; keys.len()];
            for (a, units) in s.units.iter().enumerate() {
                for k in units {
                    if let Some(&u) = index.get(k.as_str()) {
                        assign[u] = Some(a as u32);
                    }
                }
            }
            Definition {
                name: s.name,
                areas: s.areas,
                assign,
            }
        })
        .collect()
}

/// Where a new definition starts from.
#[derive(Clone, Debug, PartialEq)]
pub enum Source {
    /// Every unit unassigned.
    Empty,
    /// The first `n` characters of the key (an official hierarchy in the key).
    Prefix(usize),
    /// The values of a table column.
    Column(String),
    /// The connected parts of the clusters of the current typology.
    Clusters,
    /// A copy of the active definition.
    Copy,
}

/// A default prefix length: two characters shorter than the keys (Berlin: 8 → 6).
pub fn default_prefix(atlas: &Atlas) -> usize {
    let len = atlas
        .units
        .keys
        .iter()
        .map(|k| k.chars().count())
        .min()
        .unwrap_or(1);
    len.saturating_sub(2).max(1)
}

/// Columns that can group units: between 2 and n/2 distinct values.
pub fn grouping_columns(atlas: &Atlas) -> Vec<String> {
    use sozialatlas_core::model::ColumnValues;
    let n = atlas.units.len();
    atlas
        .table
        .columns
        .iter()
        .filter(|c| {
            let distinct: std::collections::HashSet<String> = match &c.values {
                ColumnValues::Text(v) => v.iter().flatten().cloned().collect(),
                ColumnValues::Number(v) => v.iter().flatten().map(|x| x.to_string()).collect(),
            };
            distinct.len() >= 2 && distinct.len() * 2 <= n
        })
        .map(|c| c.name.clone())
        .collect()
}

/// Makes a new definition from `source`, with neighbour-distinct colours; `None` when the
/// source has nothing (no typology, unknown column).
pub fn start(state: crate::state::AppState, source: &Source, name: &str) -> Option<Definition> {
    use sozialatlas_core::model::ColumnValues;
    let atlas = state.atlas.get_untracked();
    let d = state.define;
    let mut def = match source {
        Source::Empty => Definition::empty(name, atlas.units.len()),
        Source::Prefix(n) => Definition::from_prefix(name, &atlas.units.keys, *n),
        Source::Column(c) => {
            let col = atlas.table.column(c)?;
            let labels: Vec<Option<String>> = match &col.values {
                ColumnValues::Text(v) => v.clone(),
                ColumnValues::Number(v) => v
                    .iter()
                    .map(|x| {
                        x.map(|x| {
                            sozialatlas_core::format::number(
                                x,
                                sozialatlas_core::format::decimals_for(x),
                                sozialatlas_core::format::NumberStyle::German,
                            )
                        })
                    })
                    .collect(),
            };
            Definition::from_labels(name, &labels)
        }
        Source::Clusters => {
            let ty = state.typology.get_untracked()?;
            Definition::from_clusters(name, &ty.labels, &d.topology.get_untracked())
        }
        Source::Copy => {
            let mut c = d
                .defs
                .read_untracked()
                .get(d.active.get_untracked())?
                .clone();
            c.name = name.to_string();
            c
        }
    };
    if *source != Source::Copy {
        def.recolour_distinct(&d.topology.get_untracked());
    }
    Some(def)
}

/// Runs a max-p proposal in slices of about 30 ms, so the page stays responsive and shows
/// progress in `define.proposing`; adds the result as a new definition.
pub fn propose(state: crate::state::AppState, min_pop: f64, name: String) {
    use sozialatlas_core::sozialraum::regionalize::{standardise, Params, Proposal};
    let d = state.define;
    let atlas = state.atlas.get_untracked();
    let year = state.year.get_untracked();
    let specs = state.indicators.get_untracked();
    let chosen = state.cluster.get_untracked().indicators;
    let columns: Vec<Vec<Option<f64>>> = specs
        .iter()
        .filter(|s| chosen.contains(&s.id))
        .map(|s| atlas.indicator_values(s, year))
        .collect();
    let Some(pop) = atlas.population(year).map(<[_]>::to_vec) else {
        d.message.set(Some((
            "Für einen Vorschlag braucht die Tabelle eine Bevölkerungsspalte (unter „Indikatoren einrichten“ wählen).".into(),
            "A proposal needs a population column (choose it under “Set up indicators”).".into(),
        )));
        return;
    };
    if columns.is_empty() {
        d.message.set(Some((
            "Bitte unter „Typisieren“ mindestens einen Indikator wählen: der Vorschlag macht Sozialräume in diesen Indikatoren möglichst einheitlich.".into(),
            "Please choose at least one indicator under “Cluster”: the proposal makes Sozialräume as homogeneous as possible in them.".into(),
        )));
        return;
    }
    let x = standardise(&columns);
    let topo = d.topology.get_untracked();
    let params = Params {
        min_pop,
        seed: 1,
        iterations: (2_000_000 / atlas.units.len().max(1)).clamp(10, 99),
    };
    let mut proposal = match Proposal::new(&topo.neighbours, &x, &pop, &params) {
        Ok(p) => p,
        Err(e) => {
            d.message.set(Some((
                e.message(sozialatlas_core::lang::Lang::De),
                e.message(sozialatlas_core::lang::Lang::En),
            )));
            return;
        }
    };
    d.message.set(None);
    d.proposing.set(Some(0.0));
    leptos::task::spawn_local(async move {
        let start = crate::io::perf::now();
        loop {
            let slice = crate::io::perf::now();
            let mut more = true;
            while more && crate::io::perf::now() - slice < 30.0 {
                more = proposal.step();
            }
            d.proposing.set(Some(proposal.progress() * 0.9));
            next_task().await;
            if !more {
                break;
            }
        }
        let r = proposal.finish();
        crate::io::perf::measure_since("propose", start);
        let labels: Vec<Option<String>> = r
            .region
            .iter()
            .map(|g| g.map(|g| format!("SR {}", g + 1)))
            .collect();
        let mut def = Definition::from_labels(&name, &labels);
        def.recolour_distinct(&topo);
        d.proposing.set(None);
        d.add(def);
    });
}

/// Yields to the browser (a macrotask), so it can paint and handle input.
pub async fn next_task() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Reads an assignment CSV (`key`, `area`) chosen by the user into a new definition.
pub fn import(state: crate::state::AppState, file: web_sys::File) {
    let d = state.define;
    leptos::task::spawn_local(async move {
        let file = match crate::io::files::read(&file).await {
            Ok(f) => f,
            Err(e) => {
                d.message.set(Some((e.clone(), e)));
                return;
            }
        };
        let atlas = state.atlas.get_untracked();
        let stem = file.name.trim_end_matches(".csv").to_string();
        match Definition::from_assignment_csv(&stem, &file.name, &file.bytes, &atlas.units.keys) {
            Ok((mut def, unknown)) => {
                def.recolour_distinct(&d.topology.get_untracked());
                let open = def.assign.iter().filter(|a| a.is_none()).count();
                let first: String = unknown
                    .iter()
                    .take(5)
                    .cloned()
                    .collect::<Vec<_>>()
                    .join(", ");
                let n = unknown.len();
                d.message.set((n > 0 || open > 0).then(|| {
                    (
                        format!("{}: {n} Schlüssel nicht in der Karte ({first}), {open} Gebiete ohne Sozialraum.", file.name),
                        format!("{}: {n} keys not in the map ({first}), {open} areas without a Sozialraum.", file.name),
                    )
                }));
                d.add(def);
            }
            Err(e) => d.message.set(Some((
                e.message(sozialatlas_core::lang::Lang::De),
                e.message(sozialatlas_core::lang::Lang::En),
            ))),
        }
    });
}

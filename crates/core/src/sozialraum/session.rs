//! The Sozialraum editing session of a project: every definition with its undo history, the one
//! being drawn, the pair being compared, the population bounds of the checks, and the running
//! tally of the active definition.
//!
//! Every change of an assignment goes through [`Session::run`] (or a brush stroke's
//! [`Session::paint_live`] + [`Session::end_stroke`]), which keeps the history and the tally in
//! step: a stroke of many brush steps is one undo step, and the tally moves only the units that
//! changed (see [`Tally::move_unit`]). The tally is built on first use
//! ([`Session::aggregated`]), so editing costs nothing when no table is shown.

use super::aggregate::Tally;
use super::definition::{Definition, Edit, History};
use crate::model::{Atlas, IndicatorSpec};
use crate::project::PopulationBounds;

/// Where a definition came from, when not drawn in this browser.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Origin {
    /// Made here (drawn, started from a prefix, a column, a proposal, an import).
    #[default]
    Own,
    /// Arrived with a shared link.
    Link,
    /// Arrived with a project file.
    File,
}

/// Most definitions a session holds (links, project files and autosaves hold no more).
pub const MAX_DEFINITIONS: usize = 200;

/// What [`Session::merge`] did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct MergeReport {
    /// Definitions added beside the existing ones.
    pub added: usize,
    /// Incoming definitions equal to an existing one (not added twice).
    pub same: usize,
    /// Incoming definitions left out because the session was full ([`MAX_DEFINITIONS`]).
    pub skipped: usize,
}

impl MergeReport {
    /// What arrived, for the user who had `own` definitions before.
    pub fn message(&self, own: usize, lang: crate::locale::Lang) -> String {
        let added = self.added;
        let mut m = match lang {
            crate::locale::Lang::De => format!(
                "Aus dem Link oder der Datei übernommen: Ansicht und {added} Sozialraum-Definition(en), neben Ihren eigenen {own}."
            ),
            crate::locale::Lang::En => format!(
                "Taken from the link or file: the view and {added} Sozialraum definition(s), beside your own {own}."
            ),
        };
        if self.skipped > 0 {
            let (skipped, max) = (self.skipped, MAX_DEFINITIONS);
            m.push(' ');
            m.push_str(&match lang {
                crate::locale::Lang::De => format!(
                    "{skipped} weitere passten nicht mehr (höchstens {max} Definitionen): bitte nicht mehr gebrauchte löschen und den Link erneut öffnen."
                ),
                crate::locale::Lang::En => format!(
                    "{skipped} more did not fit (at most {max} definitions): please delete those no longer needed and open the link again."
                ),
            });
        }
        m
    }
}

/// The definitions of a project and their editing state.
#[derive(Clone, Debug, Default)]
pub struct Session {
    /// The definitions.
    pub definitions: Vec<Definition>,
    /// Undo and redo per definition (same length as `definitions`).
    pub histories: Vec<History>,
    /// Where each definition came from (same length as `definitions`).
    pub origins: Vec<Origin>,
    /// Index of the definition being drawn.
    pub active: usize,
    /// The two definitions compared (indices).
    pub pair: (usize, usize),
    /// Population bounds of the checks.
    pub bounds: PopulationBounds,
    /// Running sums of the active definition: (definition index, tally).
    tally: Option<(usize, Tally)>,
    /// Old values of the units changed by the stroke in progress (each unit once, first value).
    stroke: Vec<(u32, Option<u32>)>,
    /// Units of the stroke in progress, as a bit per unit (fast "already recorded?").
    stroked: Vec<bool>,
}

impl PartialEq for Session {
    /// Sessions are equal when their plain data is (the tally and a stroke in progress are
    /// working state).
    fn eq(&self, other: &Session) -> bool {
        self.definitions == other.definitions
            && self.histories == other.histories
            && self.origins == other.origins
            && self.active == other.active
            && self.pair == other.pair
            && self.bounds == other.bounds
    }
}

impl Session {
    /// A session of these definitions with empty histories; `active` and `pair` are brought
    /// into range.
    pub fn new(definitions: Vec<Definition>, active: usize, pair: (usize, usize)) -> Session {
        let n = definitions.len();
        let mut s = Session {
            histories: vec![History::default(); n],
            origins: vec![Origin::Own; n],
            definitions,
            active,
            pair,
            ..Session::default()
        };
        s.fix_indices();
        s
    }

    /// Brings `active` and `pair` into range and the histories and origins to the number of
    /// definitions.
    pub fn fix_indices(&mut self) {
        let n = self.definitions.len();
        let last = n.saturating_sub(1);
        self.histories.resize(n, History::default());
        self.origins.resize(n, Origin::Own);
        self.active = self.active.min(last);
        self.pair = (self.pair.0.min(last), self.pair.1.min(last));
    }

    /// The definition being drawn.
    pub fn active_definition(&self) -> Option<&Definition> {
        self.definitions.get(self.active)
    }

    /// Whether the session holds [`MAX_DEFINITIONS`] definitions already.
    pub fn is_full(&self) -> bool {
        self.definitions.len() >= MAX_DEFINITIONS
    }

    /// Adds the definitions of `incoming` (from a link or a file) beside these: equal ones are
    /// not added twice, the others keep their histories and get `origin` unless they name their
    /// own; nothing of this session is removed or replaced. The incoming active definition and
    /// pair become active (where they were added or found); the incoming bounds apply. Beyond
    /// [`MAX_DEFINITIONS`] incoming definitions are left out and counted.
    pub fn merge(&mut self, incoming: &Session, origin: Origin) -> MergeReport {
        let mut report = MergeReport::default();
        let mut map: Vec<Option<usize>> = vec![None; incoming.definitions.len()];
        for (i, def) in incoming.definitions.iter().enumerate() {
            if let Some(same) = self.definitions.iter().position(|d| d == def) {
                map[i] = Some(same);
                report.same += 1;
                continue;
            }
            if self.is_full() {
                report.skipped += 1;
                continue;
            }
            let o = match incoming.origins.get(i) {
                Some(Origin::Own) | None => origin.clone(),
                Some(o) => o.clone(),
            };
            map[i] = Some(self.definitions.len());
            self.definitions.push(def.clone());
            self.histories
                .push(incoming.histories.get(i).cloned().unwrap_or_default());
            self.origins.push(o);
            report.added += 1;
        }
        let pick = |i: usize| map.get(i).copied().flatten();
        if let Some(a) = pick(incoming.active) {
            self.active = a;
        }
        if let (Some(a), Some(b)) = (pick(incoming.pair.0), pick(incoming.pair.1)) {
            self.pair = (a, b);
        }
        self.bounds = incoming.bounds;
        self.tally = None;
        self.fix_indices();
        report
    }

    /// Adds a definition and makes it the active one (and the second of the compared pair);
    /// `None` (and nothing added) when the session is full.
    pub fn add(&mut self, def: Definition, origin: Origin) -> Option<usize> {
        if self.is_full() {
            return None;
        }
        self.definitions.push(def);
        self.histories.push(History::default());
        self.origins.push(origin);
        let i = self.definitions.len() - 1;
        self.active = i;
        self.pair = (if i == 0 { 0 } else { self.pair.0 }, i);
        self.tally = None;
        Some(i)
    }

    /// Deletes the active definition; the one before becomes active.
    pub fn delete_active(&mut self) {
        let i = self.active;
        if i >= self.definitions.len() {
            return;
        }
        self.definitions.remove(i);
        self.histories.remove(i);
        self.origins.remove(i);
        self.tally = None;
        self.active = i.saturating_sub(1);
        self.pair = (0, 0);
        self.fix_indices();
    }

    /// Makes definition `i` the active one (ignored when out of range).
    pub fn activate(&mut self, i: usize) {
        if i < self.definitions.len() {
            self.active = i;
        }
    }

    /// Renames the active definition.
    pub fn rename_active(&mut self, name: &str) {
        if let Some(d) = self.definitions.get_mut(self.active) {
            d.name = name.to_string();
        }
    }

    /// Applies an edit to the active definition and records it for undo; false without an
    /// active definition.
    pub fn run(&mut self, edit: Edit) -> bool {
        let i = self.active;
        let Some(def) = self.definitions.get_mut(i) else {
            return false;
        };
        let inverse = def.apply(edit);
        follow(&mut self.tally, i, def, &inverse);
        self.histories[i].record(inverse);
        true
    }

    /// Paints units during a stroke (brush, eraser): applied at once, undone as one step by
    /// [`Session::end_stroke`]. True when something changed.
    pub fn paint_live(&mut self, units: &[usize], target: Option<u32>) -> bool {
        let i = self.active;
        let Some(def) = self.definitions.get_mut(i) else {
            return false;
        };
        let Some(edit) = def.paint(units, target) else {
            return false;
        };
        let inverse = def.apply(edit);
        follow(&mut self.tally, i, def, &inverse);
        if let Edit::Assign(old) = inverse {
            if self.stroked.len() != def.assign.len() {
                self.stroked = vec![false; def.assign.len()];
            }
            for (u, a) in old {
                if let Some(seen) = self.stroked.get_mut(u as usize) {
                    if !*seen {
                        *seen = true;
                        self.stroke.push((u, a));
                    }
                }
            }
        }
        true
    }

    /// Ends a stroke: its changes become one undo step. False when the stroke changed nothing.
    pub fn end_stroke(&mut self) -> bool {
        let old = std::mem::take(&mut self.stroke);
        for &(u, _) in &old {
            if let Some(s) = self.stroked.get_mut(u as usize) {
                *s = false;
            }
        }
        if old.is_empty() {
            return false;
        }
        if let Some(h) = self.histories.get_mut(self.active) {
            h.record(Edit::Assign(old));
        }
        true
    }

    /// Undoes (`redo` false) or redoes the last edit of the active definition; false when there
    /// was nothing to undo or redo.
    pub fn undo_redo(&mut self, redo: bool) -> bool {
        let i = self.active;
        let (Some(def), Some(hist)) = (self.definitions.get_mut(i), self.histories.get_mut(i))
        else {
            return false;
        };
        let before = def.assign.clone();
        let changed = if redo { hist.redo(def) } else { hist.undo(def) };
        if changed {
            let moved: Vec<(u32, Option<u32>)> = before
                .iter()
                .enumerate()
                .filter(|(u, a)| def.assign[*u] != **a)
                .map(|(u, a)| (u as u32, *a))
                .collect();
            // The number of Sozialräume may have changed (undo of "add"): rebuild then.
            if self
                .tally
                .as_ref()
                .is_some_and(|(ti, t)| *ti == i && t.counts().len() > def.areas.len())
            {
                self.tally = None;
            }
            follow(&mut self.tally, i, def, &Edit::Assign(moved));
        }
        changed
    }

    /// Number of steps that can be undone and redone in the active definition.
    pub fn history_len(&self) -> (usize, usize) {
        self.histories
            .get(self.active)
            .map_or((0, 0), |h| (h.undo_len(), h.redo_len()))
    }

    /// The Sozialräume of the active definition as an atlas (aggregated indicators of
    /// `catalogue`), from the running tally (built on first use, or again when the catalogue
    /// asks for other columns).
    pub fn aggregated(&mut self, atlas: &Atlas, catalogue: &[IndicatorSpec]) -> Option<Atlas> {
        let i = self.active;
        let def = self.definitions.get(i)?;
        let fresh = match &self.tally {
            Some((ti, t)) => *ti != i || !t.serves(atlas, catalogue),
            None => true,
        };
        if fresh {
            self.tally = Some((i, Tally::new(atlas, catalogue, def)));
        }
        let (_, tally) = self.tally.as_ref()?;
        Some(tally.atlas(atlas, catalogue, def, None))
    }
}

/// Keeps the tally of definition `i` in step after `inverse` (old values) was applied.
fn follow(tally: &mut Option<(usize, Tally)>, i: usize, def: &Definition, inverse: &Edit) {
    match (tally.as_mut(), inverse) {
        (Some((ti, t)), Edit::Assign(old)) if *ti == i => {
            for &(u, was) in old {
                t.move_unit(u as usize, was, def.assign[u as usize]);
            }
        }
        // Renames, colours and locks change no sums; an Add grows the tally on first use.
        (Some((ti, _)), _) if *ti == i => {}
        _ => *tally = None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo;
    use crate::sozialraum::definition::Sozialraum;

    fn session() -> (Atlas, Session) {
        let atlas = demo::musterstadt();
        let def = Definition::from_prefix("Stadtteile", &atlas.units.keys, 2);
        (atlas, Session::new(vec![def], 0, (0, 0)))
    }

    #[test]
    fn a_stroke_is_one_undo_step_and_the_tally_follows_every_change() {
        let (atlas, mut s) = session();
        let cat = atlas.indicators.clone();
        let before = s.aggregated(&atlas, &cat).unwrap();
        // Three brush steps over overlapping units, then the stroke ends.
        assert!(s.paint_live(&[0, 1, 2], Some(3)));
        assert!(s.paint_live(&[2, 3, 4], Some(3)));
        assert!(s.paint_live(&[4, 5], None));
        assert!(s.end_stroke());
        assert_eq!(s.history_len(), (1, 0));
        let painted = s.definitions[0].clone();
        let live = s.aggregated(&atlas, &cat).unwrap();
        // The incremental tally equals one made from scratch.
        let mut fresh = Session::new(vec![painted.clone()], 0, (0, 0));
        let whole = fresh.aggregated(&atlas, &cat).unwrap();
        for (a, b) in live.table.columns.iter().zip(&whole.table.columns) {
            assert_eq!(a.name, b.name);
            let (crate::model::ColumnValues::Number(x), crate::model::ColumnValues::Number(y)) =
                (&a.values, &b.values)
            else {
                panic!("numbers")
            };
            for (x, y) in x.iter().zip(y) {
                match (x, y) {
                    (Some(x), Some(y)) => assert!((x - y).abs() < 1e-6 * y.abs().max(1.0)),
                    _ => assert_eq!(x, y),
                }
            }
        }
        // One undo restores every unit; the tally is back where it started.
        assert!(s.undo_redo(false));
        assert_eq!(s.definitions[0].assign, session().1.definitions[0].assign);
        assert_eq!(
            s.aggregated(&atlas, &cat).unwrap().table,
            before.table,
            "undo restores the sums"
        );
        assert!(s.undo_redo(true));
        assert_eq!(s.definitions[0], painted);
        assert!(!s.undo_redo(true), "nothing more to redo");
    }

    #[test]
    fn add_delete_and_indices_stay_in_range() {
        let (atlas, mut s) = session();
        let n = atlas.units.len();
        s.add(Definition::empty("Leer", n), Origin::Link);
        assert_eq!((s.active, s.pair), (1, (0, 1)));
        assert_eq!(s.origins, vec![Origin::Own, Origin::Link]);
        assert!(s.run(Edit::Add(Sozialraum {
            name: "Nord".into(),
            color: "#8dd3c7".into(),
            locked: false,
        })));
        assert!(s.run(Edit::Assign(vec![(0, Some(0))])));
        assert_eq!(s.history_len(), (2, 0));
        s.delete_active();
        assert_eq!((s.active, s.pair, s.definitions.len()), (0, (0, 0), 1));
        s.delete_active();
        assert!(s.definitions.is_empty());
        assert!(!s.run(Edit::Assign(vec![(0, None)])));
        let mut odd = Session::new(vec![], 7, (9, 3));
        odd.fix_indices();
        assert_eq!((odd.active, odd.pair), (0, (0, 0)));
    }

    #[test]
    fn merge_adds_beside_never_replaces_and_stops_at_the_limit() {
        let (atlas, mut own) = session();
        let n = atlas.units.len();
        let mine = own.definitions[0].clone();
        let mut other = Definition::empty("Aus dem Link", n);
        other.areas.push(Sozialraum {
            name: "Nord".into(),
            color: "#8dd3c7".into(),
            locked: false,
        });
        other.assign[0] = Some(0);
        let mut incoming = Session::new(vec![mine.clone(), other.clone()], 1, (0, 1));
        incoming.histories[1].run(&mut other.clone(), Edit::Rename(0, "Nord".into()));
        let report = own.merge(&incoming, Origin::Link);
        assert_eq!(
            report,
            MergeReport {
                added: 1,
                same: 1,
                skipped: 0
            }
        );
        assert_eq!(own.definitions, vec![mine.clone(), other.clone()]);
        assert_eq!(own.origins, vec![Origin::Own, Origin::Link]);
        assert_eq!(
            own.histories[1], incoming.histories[1],
            "the history comes along"
        );
        assert_eq!((own.active, own.pair), (1, (0, 1)));
        // A full session keeps all of its own and leaves out what does not fit.
        let mut full = Session::new(
            (0..MAX_DEFINITIONS)
                .map(|i| Definition::empty(&format!("E{i}"), n))
                .collect(),
            3,
            (1, 2),
        );
        let before = full.definitions.clone();
        let report = full.merge(&incoming, Origin::File);
        assert_eq!((report.added, report.skipped), (0, 2));
        assert_eq!(full.definitions, before);
        assert_eq!((full.active, full.pair), (3, (1, 2)));
        assert_eq!(full.add(other, Origin::Own), None);
        assert_eq!(full.definitions.len(), MAX_DEFINITIONS);
    }
}

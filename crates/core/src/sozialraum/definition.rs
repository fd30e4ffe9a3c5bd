//! A Sozialraum definition: a named assignment of every base unit to a Sozialraum, the ways to
//! start one, and the edits on it.
//!
//! Every edit is an [`Edit`] whose application returns its inverse; [`History`] keeps both stacks,
//! so undo and redo are unlimited and exact.

use super::topology::Topology;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// One Sozialraum of a definition.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Sozialraum {
    /// The name shown on the map and in tables.
    pub name: String,
    /// Fill colour (`#rrggbb`).
    pub color: String,
    /// A locked Sozialraum keeps its units: painting over it changes nothing.
    pub locked: bool,
}

/// What of an assignment file found no unit of the map.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Unmatched {
    /// Keys of the file that the map does not have.
    pub keys: Vec<String>,
    /// Lines (1-based) with a Sozialraum but no key.
    pub keyless_lines: Vec<usize>,
}

impl Unmatched {
    /// Whether everything in the file matched.
    pub fn is_empty(&self) -> bool {
        self.keys.is_empty() && self.keyless_lines.is_empty()
    }
}

/// A named assignment of units (by index) to Sozialräume (by index into `areas`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Definition {
    /// The definition's name ("Entwurf AG Nord").
    pub name: String,
    /// The Sozialräume.
    pub areas: Vec<Sozialraum>,
    /// The Sozialraum of every unit; `None` = not yet assigned.
    pub assign: Vec<Option<u32>>,
}

/// Fill colours for Sozialräume: ColorBrewer Set3 (12 light qualitative colours, under which
/// black outlines and names stay readable), given so that neighbours differ.
pub const AREA_COLORS: [&str; 12] = [
    "#8dd3c7", "#ffffb3", "#bebada", "#fb8072", "#80b1d3", "#fdb462", "#b3de69", "#fccde5",
    "#d9d9d9", "#bc80bd", "#ccebc5", "#ffed6f",
];

/// Why a definition could not be read.
#[derive(Clone, Debug, PartialEq)]
pub enum DefinitionError {
    /// The assignment table lacks a column.
    MissingColumn {
        /// File name.
        file: String,
        /// The column looked for.
        column: String,
    },
    /// A key of the assignment appears twice with different Sozialräume.
    Conflict {
        /// File name.
        file: String,
        /// 1-based line.
        line: usize,
        /// The key.
        key: String,
    },
    /// No key of the assignment is a key of the map.
    NoMatch {
        /// File name.
        file: String,
    },
    /// The table could not be read at all (the reader's error).
    Unreadable(crate::ingest::IngestError),
}

impl DefinitionError {
    /// The message for the user.
    pub fn message(&self, lang: crate::locale::Lang) -> String {
        use crate::locale::Lang::*;
        match (self, lang) {
            (DefinitionError::MissingColumn { file, column }, De) => format!(
                "{file}: Spalte „{column}“ fehlt. Eine Zuordnung braucht die Spalten „key“ (Schlüssel des Gebiets) und „area“ (Name des Sozialraums)."
            ),
            (DefinitionError::MissingColumn { file, column }, En) => format!(
                "{file}: column \"{column}\" is missing. An assignment needs the columns \"key\" (the unit's key) and \"area\" (the Sozialraum's name)."
            ),
            (DefinitionError::Conflict { file, line, key }, De) => format!(
                "{file}, Zeile {line}: Schlüssel „{key}“ steht schon weiter oben mit einem anderen Sozialraum. Jede Einheit gehört zu genau einem Sozialraum; bitte eine Zeile löschen."
            ),
            (DefinitionError::Conflict { file, line, key }, En) => format!(
                "{file}, line {line}: key \"{key}\" already appears above with another Sozialraum. Each unit belongs to exactly one; please delete one line."
            ),
            (DefinitionError::NoMatch { file }, De) => format!(
                "{file}: Kein Schlüssel der Zuordnung kommt in der Karte vor. Passt die Spalte „key“ zum Schlüssel der Karte?"
            ),
            (DefinitionError::NoMatch { file }, En) => format!(
                "{file}: no key of the assignment occurs in the map. Does the column \"key\" hold the map's keys?"
            ),
            (DefinitionError::Unreadable(e), lang) => e.message(lang),
        }
    }
}

/// An edit of a definition. [`Definition::apply`] returns the inverse edit.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Edit {
    /// Set the Sozialraum of units (`None` = unassign).
    Assign(Vec<(u32, Option<u32>)>),
    /// Rename a Sozialraum.
    Rename(u32, String),
    /// Recolour a Sozialraum.
    Recolour(u32, String),
    /// Lock or unlock a Sozialraum.
    Lock(u32, bool),
    /// Append a new, empty Sozialraum.
    Add(Sozialraum),
    /// Remove the last Sozialraum (only valid when it has no units; the inverse of [`Edit::Add`]).
    RemoveLast,
}

impl Definition {
    /// A definition with no Sozialraum and every unit unassigned.
    pub fn empty(name: &str, n_units: usize) -> Definition {
        Definition {
            name: name.into(),
            areas: vec![],
            assign: vec![None; n_units],
        }
    }

    /// A definition from one label per unit (a column, a key prefix, an imported table):
    /// units with the same label form a Sozialraum, named by the label; Sozialräume are ordered
    /// by label (numbers numerically); units without a label stay unassigned.
    pub fn from_labels(name: &str, labels: &[Option<String>]) -> Definition {
        let mut names: Vec<&String> = labels.iter().flatten().collect();
        names.sort_by(|a, b| natural(a, b));
        names.dedup();
        let index: HashMap<&String, u32> = names
            .iter()
            .enumerate()
            .map(|(i, n)| (*n, i as u32))
            .collect();
        Definition {
            name: name.into(),
            areas: names
                .iter()
                .enumerate()
                .map(|(i, n)| Sozialraum {
                    name: (*n).clone(),
                    color: AREA_COLORS[i % AREA_COLORS.len()].into(),
                    locked: false,
                })
                .collect(),
            assign: labels
                .iter()
                .map(|l| l.as_ref().map(|l| index[l]))
                .collect(),
        }
    }

    /// The units of the Sozialraum called `name` (the key of its dissolved area at a level);
    /// empty when there is none of that name.
    pub fn units_named(&self, name: &str) -> Vec<usize> {
        let Some(a) = self.areas.iter().position(|s| s.name == name) else {
            return vec![];
        };
        self.assign
            .iter()
            .enumerate()
            .filter(|(_, x)| **x == Some(a as u32))
            .map(|(u, _)| u)
            .collect()
    }

    /// A definition by the first `chars` characters of each key (an official hierarchy coded in
    /// the key, e.g. Berlin's Bezirksregion = the first six digits of the Planungsraum).
    pub fn from_prefix(name: &str, keys: &[String], chars: usize) -> Definition {
        let labels: Vec<Option<String>> = keys
            .iter()
            .map(|k| {
                let p: String = k.chars().take(chars).collect();
                (!p.is_empty()).then_some(p)
            })
            .collect();
        Definition::from_labels(name, &labels)
    }

    /// A definition from a cluster result: every connected part of a cluster becomes one
    /// Sozialraum ("Cluster 2 · 1", "Cluster 2 · 2", …), because a Sozialraum should be one
    /// piece of town.
    pub fn from_clusters(
        name: &str,
        clusters: &[Option<usize>],
        topology: &Topology,
    ) -> Definition {
        let n = clusters.len();
        let mut part = vec![None; n];
        let mut count: HashMap<usize, usize> = HashMap::new();
        let mut labels: Vec<Option<String>> = vec![None; n];
        for start in 0..n {
            let Some(c) = clusters[start] else { continue };
            if part[start].is_some() {
                continue;
            }
            let k = count.entry(c).or_default();
            *k += 1;
            let label = format!("Cluster {} · {}", c + 1, k);
            part[start] = Some(*k);
            let mut stack = vec![start];
            while let Some(u) = stack.pop() {
                labels[u] = Some(label.clone());
                for &(v, _) in &topology.neighbours[u] {
                    let v = v as usize;
                    if part[v].is_none() && clusters[v] == Some(c) {
                        part[v] = Some(*k);
                        stack.push(v);
                    }
                }
            }
        }
        Definition::from_labels(name, &labels)
    }

    /// A definition from an assignment table with the columns `key` and `area` (CSV in any of
    /// the encodings and delimiters the table reader knows). Returns the definition and the keys
    /// of the table that are not in the map, and lines with a Sozialraum but no key, for a
    /// warning; map units missing from the table stay unassigned.
    pub fn from_assignment_csv(
        name: &str,
        file: &str,
        bytes: &[u8],
        keys: &[String],
    ) -> Result<(Definition, Unmatched), DefinitionError> {
        let t = crate::ingest::csv::read(file, bytes).map_err(DefinitionError::Unreadable)?;
        let col = |c: &str| {
            t.columns
                .iter()
                .find(|x| x.name.eq_ignore_ascii_case(c))
                .ok_or_else(|| DefinitionError::MissingColumn {
                    file: file.into(),
                    column: c.into(),
                })
        };
        let (k, a) = (col("key")?, col("area")?);
        let index: HashMap<&str, usize> = keys
            .iter()
            .enumerate()
            .map(|(i, k)| (k.as_str(), i))
            .collect();
        let mut labels: Vec<Option<String>> = vec![None; keys.len()];
        let mut unknown = Unmatched::default();
        for (row, (key, area)) in k.raw.iter().zip(&a.raw).enumerate() {
            // Cells as the app wrote them (a neutralised formula gets its text back).
            let (key, area) = (
                crate::export::csv_text(key).to_string(),
                crate::export::csv_text(area).to_string(),
            );
            if area.is_empty() {
                // A unit listed without a Sozialraum stays unassigned.
                continue;
            }
            if key.is_empty() {
                unknown.keyless_lines.push(t.row_lines[row]);
                continue;
            }
            match index.get(key.as_str()) {
                Some(&u) => {
                    if labels[u].as_ref().is_some_and(|l| *l != area) {
                        return Err(DefinitionError::Conflict {
                            file: file.into(),
                            line: t.row_lines[row],
                            key: key.clone(),
                        });
                    }
                    labels[u] = Some(area);
                }
                None => unknown.keys.push(key),
            }
        }
        if labels.iter().all(Option::is_none) {
            return Err(DefinitionError::NoMatch { file: file.into() });
        }
        Ok((Definition::from_labels(name, &labels), unknown))
    }

    /// The assignment as CSV with the columns `key` and `area` (comma-separated, UTF-8: the
    /// format `sozialatlas dissolve --assign` reads). Unassigned units are left out.
    pub fn to_assignment_csv(&self, keys: &[String]) -> String {
        let rows: Vec<Vec<String>> = keys
            .iter()
            .zip(&self.assign)
            .filter_map(|(k, a)| {
                Some(vec![
                    k.clone(),
                    self.areas.get((*a)? as usize)?.name.clone(),
                ])
            })
            .collect();
        // The table export's writer: quoting, and formulas neutralised for spreadsheets.
        crate::export::csv_table(
            &["key".to_string(), "area".to_string()],
            &rows,
            crate::export::CsvStyle::Plain,
        )
    }

    /// Gives every Sozialraum a colour that differs from its neighbours' (greedy colouring of
    /// the Sozialraum adjacency, largest first, from [`AREA_COLORS`]).
    pub fn recolour_distinct(&mut self, topology: &Topology) {
        let m = self.areas.len();
        let mut adj = vec![std::collections::BTreeSet::new(); m];
        for (u, list) in topology.neighbours.iter().enumerate() {
            for &(v, _) in list {
                if let (Some(a), Some(b)) = (self.assign[u], self.assign[v as usize]) {
                    if a != b {
                        adj[a as usize].insert(b);
                        adj[b as usize].insert(a);
                    }
                }
            }
        }
        let mut order: Vec<usize> = (0..m).collect();
        order.sort_by_key(|&a| std::cmp::Reverse(adj[a].len()));
        let mut colour: Vec<Option<usize>> = vec![None; m];
        for a in order {
            let used: Vec<usize> = adj[a].iter().filter_map(|&b| colour[b as usize]).collect();
            let c = (0..AREA_COLORS.len())
                .find(|c| !used.contains(c))
                .unwrap_or(a % AREA_COLORS.len());
            colour[a] = Some(c);
            self.areas[a].color = AREA_COLORS[c].into();
        }
    }

    /// The units of every Sozialraum.
    pub fn members(&self) -> Vec<Vec<usize>> {
        let mut m = vec![vec![]; self.areas.len()];
        for (u, a) in self.assign.iter().enumerate() {
            if let Some(a) = a {
                m[*a as usize].push(u);
            }
        }
        m
    }

    /// The edit that paints `units` with Sozialraum `target` (`None` = erase), leaving units of
    /// locked Sozialräume and units already there alone; `None` when nothing would change.
    pub fn paint(&self, units: &[usize], target: Option<u32>) -> Option<Edit> {
        if target.is_some_and(|t| t as usize >= self.areas.len()) {
            return None;
        }
        let mut changes: Vec<(u32, Option<u32>)> = vec![];
        for &u in units {
            let Some(&cur) = self.assign.get(u) else {
                continue;
            };
            let locked = cur.is_some_and(|a| self.areas[a as usize].locked);
            if cur != target && !locked && !changes.iter().any(|c| c.0 == u as u32) {
                changes.push((u as u32, target));
            }
        }
        (!changes.is_empty()).then_some(Edit::Assign(changes))
    }

    /// Applies an edit and returns its inverse.
    pub fn apply(&mut self, edit: Edit) -> Edit {
        match edit {
            Edit::Assign(changes) => Edit::Assign(
                changes
                    .into_iter()
                    .rev()
                    .map(|(u, a)| {
                        let old = std::mem::replace(&mut self.assign[u as usize], a);
                        (u, old)
                    })
                    .collect(),
            ),
            Edit::Rename(a, name) => {
                Edit::Rename(a, std::mem::replace(&mut self.areas[a as usize].name, name))
            }
            Edit::Recolour(a, c) => {
                Edit::Recolour(a, std::mem::replace(&mut self.areas[a as usize].color, c))
            }
            Edit::Lock(a, l) => {
                Edit::Lock(a, std::mem::replace(&mut self.areas[a as usize].locked, l))
            }
            Edit::Add(s) => {
                self.areas.push(s);
                Edit::RemoveLast
            }
            Edit::RemoveLast => match self.areas.pop() {
                Some(s) => Edit::Add(s),
                None => Edit::Assign(vec![]),
            },
        }
    }

    /// True when `edit` can be applied: its units and Sozialräume exist (`count`: units per
    /// Sozialraum now), and a removed last Sozialraum has no units.
    fn fits(&self, edit: &Edit, count: &[usize]) -> bool {
        let m = self.areas.len() as u32;
        match edit {
            Edit::Assign(changes) => changes
                .iter()
                .all(|&(u, a)| (u as usize) < self.assign.len() && a.is_none_or(|a| a < m)),
            Edit::Rename(a, _) | Edit::Recolour(a, _) | Edit::Lock(a, _) => *a < m,
            Edit::Add(_) => true,
            Edit::RemoveLast => count.last().is_some_and(|c| *c == 0),
        }
    }

    /// A name for a new Sozialraum that is not taken ("Sozialraum 7").
    pub fn next_name(&self, stem: &str) -> String {
        (self.areas.len() + 1..)
            .map(|i| format!("{stem} {i}"))
            .find(|n| !self.areas.iter().any(|a| &a.name == n))
            .unwrap_or_default()
    }
}

/// Units and population per Sozialraum of an assignment (`n_groups` Sozialräume; units without
/// a population count as 0 inhabitants).
pub fn populations(
    assign: &[Option<u32>],
    n_groups: usize,
    pop: Option<&[Option<f64>]>,
) -> (Vec<usize>, Vec<f64>) {
    let mut count = vec![0usize; n_groups];
    let mut people = vec![0.0; n_groups];
    for (u, a) in assign.iter().enumerate() {
        if let Some(a) = a.filter(|a| (*a as usize) < n_groups) {
            count[a as usize] += 1;
            people[a as usize] += pop.and_then(|p| p.get(u).copied().flatten()).unwrap_or(0.0);
        }
    }
    (count, people)
}

/// The number of Sozialräume an assignment uses (one more than the largest index).
pub fn group_count(assign: &[Option<u32>]) -> usize {
    assign
        .iter()
        .flatten()
        .map(|a| *a as usize + 1)
        .max()
        .unwrap_or(0)
}

/// Natural order: digit runs compare as numbers ("SR 2" before "SR 10").
fn natural(a: &str, b: &str) -> std::cmp::Ordering {
    fn parts(s: &str) -> Vec<(bool, String)> {
        let mut out: Vec<(bool, String)> = vec![];
        for c in s.chars() {
            let d = c.is_ascii_digit();
            match out.last_mut() {
                Some((ld, t)) if *ld == d => t.push(c),
                _ => out.push((d, c.to_string())),
            }
        }
        out
    }
    let (pa, pb) = (parts(a), parts(b));
    for (x, y) in pa.iter().zip(&pb) {
        let o = match (x.0, y.0) {
            (true, true) => {
                let (tx, ty) = (x.1.trim_start_matches('0'), y.1.trim_start_matches('0'));
                tx.len()
                    .cmp(&ty.len())
                    .then(tx.cmp(ty))
                    .then(x.1.len().cmp(&y.1.len()))
            }
            _ => x.1.cmp(&y.1),
        };
        if o.is_ne() {
            return o;
        }
    }
    pa.len().cmp(&pb.len())
}

/// Undo and redo stacks of edits.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct History {
    undo: Vec<Edit>,
    redo: Vec<Edit>,
}

impl History {
    /// Applies `edit` to `def`, remembers its inverse and forgets what could be redone.
    pub fn run(&mut self, def: &mut Definition, edit: Edit) {
        self.undo.push(def.apply(edit));
        self.redo.clear();
    }

    /// Records the inverse of changes already applied (e.g. a brush stroke painted live, unit by
    /// unit) as one step that undo reverts at once.
    pub fn record(&mut self, inverse: Edit) {
        self.undo.push(inverse);
        self.redo.clear();
    }

    /// Undoes the last edit; false when there is none.
    pub fn undo(&mut self, def: &mut Definition) -> bool {
        match self.undo.pop() {
            Some(e) => {
                self.redo.push(def.apply(e));
                true
            }
            None => false,
        }
    }

    /// Redoes the last undone edit; false when there is none.
    pub fn redo(&mut self, def: &mut Definition) -> bool {
        match self.redo.pop() {
            Some(e) => {
                self.undo.push(def.apply(e));
                true
            }
            None => false,
        }
    }

    /// The undo and redo stacks (last edit last).
    pub fn stacks(&self) -> (&[Edit], &[Edit]) {
        (&self.undo, &self.redo)
    }

    /// A history of these stacks (as [`History::stacks`] gave them).
    pub fn from_stacks(undo: Vec<Edit>, redo: Vec<Edit>) -> History {
        History { undo, redo }
    }

    /// True when every edit of the history can be undone and redone on `def` without naming a
    /// unit or a Sozialraum that does not exist at that step (a history read from a file is
    /// checked so before it is used).
    pub fn fits(&self, def: &Definition) -> bool {
        let mut count = vec![0usize; def.areas.len()];
        for a in def.assign.iter().flatten() {
            match count.get_mut(*a as usize) {
                Some(c) => *c += 1,
                None => return false,
            }
        }
        let walk = |stack: &[Edit], d: &Definition, mut count: Vec<usize>| -> bool {
            let mut d = d.clone();
            for e in stack.iter().rev() {
                if !d.fits(e, &count) {
                    return false;
                }
                if let Edit::Assign(changes) = e {
                    for &(u, a) in changes {
                        if let Some(old) = d.assign[u as usize] {
                            count[old as usize] -= 1;
                        }
                        if let Some(a) = a {
                            count[a as usize] += 1;
                        }
                    }
                }
                match e {
                    Edit::Add(_) => count.push(0),
                    Edit::RemoveLast => {
                        count.pop();
                    }
                    _ => {}
                }
                d.apply(e.clone());
            }
            true
        };
        walk(&self.undo, def, count.clone()) && walk(&self.redo, def, count)
    }

    /// Number of edits that can be undone.
    pub fn undo_len(&self) -> usize {
        self.undo.len()
    }

    /// Number of edits that can be redone.
    pub fn redo_len(&self) -> usize {
        self.redo.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo::polygon;

    #[test]
    fn prefix_groups_keys_in_natural_order() {
        let keys: Vec<String> = ["0110011", "0110012", "0210011", "0110021"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let d = Definition::from_prefix("BZR", &keys, 6);
        let names: Vec<&str> = d.areas.iter().map(|a| a.name.as_str()).collect();
        assert_eq!(names, ["011001", "011002", "021001"]);
        assert_eq!(d.assign, vec![Some(0), Some(0), Some(2), Some(1)]);
        assert_eq!(natural("SR 2", "SR 10"), std::cmp::Ordering::Less);
    }

    /// A row of five squares.
    fn row() -> Topology {
        let squares: Vec<geo::MultiPolygon<f64>> = (0..5)
            .map(|i| {
                let x = i as f64;
                geo::MultiPolygon(vec![polygon![
                    (x: x, y: 0.0), (x: x + 1.0, y: 0.0), (x: x + 1.0, y: 1.0), (x: x, y: 1.0)
                ]])
            })
            .collect();
        Topology::build(&squares)
    }

    #[test]
    fn clusters_become_one_sozialraum_per_connected_part() {
        // Cluster 0 in two pieces (units 0-1 and 4), cluster 1 between them, unit 3 unclustered.
        let d = Definition::from_clusters("T", &[Some(0), Some(0), Some(1), None, Some(0)], &row());
        let names: Vec<&str> = d.areas.iter().map(|a| a.name.as_str()).collect();
        assert_eq!(names, ["Cluster 1 · 1", "Cluster 1 · 2", "Cluster 2 · 1"]);
        assert_eq!(d.assign, vec![Some(0), Some(0), Some(2), None, Some(1)]);
    }

    #[test]
    fn neighbouring_sozialraeume_get_different_colours() {
        let labels: Vec<Option<String>> = ["a", "b", "c", "d", "e"]
            .iter()
            .map(|s| Some(s.to_string()))
            .collect();
        let mut d = Definition::from_labels("T", &labels);
        for a in &mut d.areas {
            a.color = AREA_COLORS[0].into();
        }
        d.recolour_distinct(&row());
        for w in d.areas.windows(2) {
            assert_ne!(w[0].color, w[1].color);
        }
    }

    #[test]
    fn every_edit_is_undone_exactly_and_redone() {
        let mut d = Definition::from_labels(
            "A",
            &[Some("x".into()), Some("y".into()), None, Some("x".into())],
        );
        let start = d.clone();
        let mut h = History::default();
        let e = d.paint(&[0, 1, 2, 2], Some(1)).unwrap();
        assert_eq!(e, Edit::Assign(vec![(0, Some(1)), (2, Some(1))]));
        h.run(&mut d, e);
        h.run(&mut d, Edit::Rename(0, "Nord".into()));
        h.run(&mut d, Edit::Lock(1, true));
        // Locked: painting y's units changes nothing.
        assert_eq!(d.paint(&[0, 1, 2], None), None);
        h.run(
            &mut d,
            Edit::Add(Sozialraum {
                name: "neu".into(),
                color: "#000000".into(),
                locked: false,
            }),
        );
        let end = d.clone();
        while h.undo(&mut d) {}
        assert_eq!(d, start);
        while h.redo(&mut d) {}
        assert_eq!(d, end);
        assert_eq!((h.undo_len(), h.redo_len()), (4, 0));
    }

    #[test]
    fn assignment_csv_reads_back_and_reports() {
        let keys: Vec<String> = ["a", "b", "c"].iter().map(|s| s.to_string()).collect();
        let d = Definition::from_labels("A", &[Some("N".into()), Some("S".into()), None]);
        let csv = d.to_assignment_csv(&keys);
        assert_eq!(csv, "key,area\r\na,N\r\nb,S\r\n");
        let (back, unknown) =
            Definition::from_assignment_csv("A", "a.csv", csv.as_bytes(), &keys).unwrap();
        assert_eq!(back.assign, d.assign);
        assert!(unknown.is_empty());
        // Names and keys that look like formulas are written neutralised and read back as
        // they were.
        let odd_keys: Vec<String> = ["-A", "b"].iter().map(|s| s.to_string()).collect();
        let d = Definition::from_labels("F", &[Some("=Nord".into()), Some("@Süd".into())]);
        let csv = d.to_assignment_csv(&odd_keys);
        assert!(csv.contains("'=Nord") && csv.contains("'-A"), "{csv}");
        let (back, unknown) =
            Definition::from_assignment_csv("F", "f.csv", csv.as_bytes(), &odd_keys).unwrap();
        assert!(unknown.is_empty(), "{unknown:?}");
        assert_eq!(back.assign, d.assign);
        assert_eq!(
            back.areas
                .iter()
                .map(|a| a.name.as_str())
                .collect::<Vec<_>>(),
            ["=Nord", "@Süd"]
        );
        let german = "key;area\r\na;Nord\r\nz;Süd\r\n;Ost\r\n".as_bytes();
        let (g, unknown) = Definition::from_assignment_csv("B", "b.csv", german, &keys).unwrap();
        assert_eq!(
            unknown,
            Unmatched {
                keys: vec!["z".to_string()],
                keyless_lines: vec![4]
            }
        );
        assert_eq!(g.assign, vec![Some(0), None, None]);
        let bad = "key;area\na;N\na;S\n".as_bytes();
        let e = Definition::from_assignment_csv("C", "c.csv", bad, &keys).unwrap_err();
        assert_eq!(
            e.message(crate::locale::Lang::De).split(':').next(),
            Some("c.csv, Zeile 3")
        );
        let e =
            Definition::from_assignment_csv("C", "c.csv", b"id;name\na;N\n", &keys).unwrap_err();
        assert!(matches!(e, DefinitionError::MissingColumn { .. }));
    }
}

//! Where a new Sozialraum definition starts from: empty, the first characters of the key (an
//! official level in the key), a table column, the connected parts of a typology's clusters,
//! a proposal's regions, or a copy. Every start gets colours that differ between neighbours.

use super::definition::{Definition, Unmatched};
use super::topology::Topology;
use crate::model::{Atlas, ColumnValues};

/// Where a new definition starts from.
#[derive(Clone, Debug, PartialEq)]
pub enum Start {
    /// Every unit unassigned.
    Empty,
    /// The first `n` characters of the key (Berlin: 6 of `PLR_ID` = Bezirksregion).
    Prefix(usize),
    /// The values of a table column (Flensburg: `PARENT_ARE`).
    Column(String),
    /// The connected parts of the clusters of a typology (cluster per unit).
    Clusters(Vec<Option<usize>>),
    /// A copy of a definition (its colours kept).
    Copy(Definition),
}

/// Makes a new definition named `name` from `start`; `None` when the column does not exist.
pub fn definition(atlas: &Atlas, topo: &Topology, start: &Start, name: &str) -> Option<Definition> {
    let mut def = match start {
        Start::Empty => Definition::empty(name, atlas.units.len()),
        Start::Prefix(n) => Definition::from_prefix(name, &atlas.units.keys, *n),
        Start::Column(c) => {
            let col = atlas.table.column(c)?;
            let labels: Vec<Option<String>> = match &col.values {
                ColumnValues::Text(v) => v.clone(),
                ColumnValues::Number(v) => v
                    .iter()
                    .map(|x| {
                        x.map(|x| {
                            crate::locale::number(
                                x,
                                crate::locale::decimals_for(x),
                                crate::locale::NumberStyle::German,
                            )
                        })
                    })
                    .collect(),
            };
            Definition::from_labels(name, &labels)
        }
        Start::Clusters(labels) => Definition::from_clusters(name, labels, topo),
        Start::Copy(d) => {
            let mut c = d.clone();
            c.name = name.to_string();
            return Some(c);
        }
    };
    def.recolour_distinct(topo);
    Some(def)
}

/// A definition of a proposal's regions (per unit, 0-based; `None` for units without data),
/// named "SR 1", "SR 2", …, coloured so that neighbours differ.
pub fn from_regions(name: &str, region: &[Option<u32>], topo: &Topology) -> Definition {
    let labels: Vec<Option<String>> = region
        .iter()
        .map(|g| g.map(|g| format!("SR {}", g + 1)))
        .collect();
    let mut def = Definition::from_labels(name, &labels);
    def.recolour_distinct(topo);
    def
}

/// A default prefix length: two characters shorter than the shortest key (Berlin: 8 → 6).
pub fn default_prefix(keys: &[String]) -> usize {
    let len = keys.iter().map(|k| k.chars().count()).min().unwrap_or(1);
    len.saturating_sub(2).max(1)
}

/// Columns that can group units: between 2 and n/2 distinct values.
pub fn grouping_columns(atlas: &Atlas) -> Vec<String> {
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

/// What an imported assignment left open: keys not on the map, units without a Sozialraum.
#[derive(Clone, Debug, PartialEq)]
pub struct ImportNote {
    /// The file.
    pub file: String,
    /// What of the file found no unit of the map.
    pub unmatched: Unmatched,
    /// Units of the map without a Sozialraum.
    pub open: usize,
}

impl ImportNote {
    /// The message for the user.
    pub fn message(&self, lang: crate::locale::Lang) -> String {
        use crate::locale::Lang;
        let first = |items: Vec<String>| {
            let more = items.len().saturating_sub(5);
            let mut s = items.into_iter().take(5).collect::<Vec<_>>().join(", ");
            if more > 0 {
                s.push_str(&format!(" … (+{more})"));
            }
            s
        };
        let keys = &self.unmatched.keys;
        let lines: Vec<String> = self
            .unmatched
            .keyless_lines
            .iter()
            .map(|l| l.to_string())
            .collect();
        let mut parts = vec![];
        if !keys.is_empty() {
            let (n, list) = (keys.len(), first(keys.clone()));
            parts.push(match lang {
                Lang::De => format!("{n} Schlüssel nicht in der Karte ({list})"),
                Lang::En => format!("{n} keys not in the map ({list})"),
            });
        }
        if !lines.is_empty() {
            let (n, list) = (lines.len(), first(lines));
            parts.push(match lang {
                Lang::De => format!("{n} Zeilen ohne Schlüssel (Zeile {list})"),
                Lang::En => format!("{n} lines without a key (line {list})"),
            });
        }
        let open = self.open;
        parts.push(match lang {
            Lang::De => format!("{open} Gebiete ohne Sozialraum"),
            Lang::En => format!("{open} areas without a Sozialraum"),
        });
        format!("{}: {}.", self.file, parts.join(", "))
    }
}

/// The note of an import, `None` when every key matched and every unit got a Sozialraum.
pub fn import_note(file: &str, def: &Definition, unmatched: &Unmatched) -> Option<ImportNote> {
    let open = def.assign.iter().filter(|a| a.is_none()).count();
    (!unmatched.is_empty() || open > 0).then(|| ImportNote {
        file: file.to_string(),
        unmatched: unmatched.clone(),
        open,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn starts_from_prefix_column_and_copy() {
        let atlas = crate::demo::musterstadt();
        let topo = Topology::build(&atlas.units.geometry);
        let n = default_prefix(&atlas.units.keys);
        let by_prefix = definition(&atlas, &topo, &Start::Prefix(n), "P").unwrap();
        assert!(by_prefix.assign.iter().all(Option::is_some));
        let parts = topo.group_parts(&by_prefix.assign, by_prefix.areas.len());
        assert!(by_prefix.areas.len() > 1);
        // Neighbours differ in colour.
        for (u, nb) in topo.neighbours.iter().enumerate() {
            for &(v, _) in nb {
                let (a, b) = (
                    by_prefix.assign[u].unwrap(),
                    by_prefix.assign[v as usize].unwrap(),
                );
                if a != b {
                    assert_ne!(
                        by_prefix.areas[a as usize].color,
                        by_prefix.areas[b as usize].color
                    );
                }
            }
        }
        assert!(parts.iter().all(|&p| p >= 1));
        assert!(definition(&atlas, &topo, &Start::Column("nonexistent".into()), "C").is_none());
        let copy = definition(&atlas, &topo, &Start::Copy(by_prefix.clone()), "Kopie").unwrap();
        assert_eq!(copy.assign, by_prefix.assign);
        assert_eq!(copy.name, "Kopie");
        let unmatched = Unmatched {
            keys: vec!["X1".into()],
            keyless_lines: vec![4, 9],
        };
        let note = import_note("z.csv", &Definition::empty("x", 3), &unmatched).unwrap();
        assert_eq!(
            note.message(crate::locale::Lang::En),
            "z.csv: 1 keys not in the map (X1), 2 lines without a key (line 4, 9), 3 areas without a Sozialraum."
        );
        assert_eq!(
            note.message(crate::locale::Lang::De),
            "z.csv: 1 Schlüssel nicht in der Karte (X1), 2 Zeilen ohne Schlüssel (Zeile 4, 9), 3 Gebiete ohne Sozialraum."
        );
    }
}

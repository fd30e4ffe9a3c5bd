//! Workshop notes and project ideas ([`super::Note`]): where a note lies on the map, how its
//! anchor reads, and the notes as a table for a spreadsheet.

use super::{Note, NoteAnchor};
use crate::export::{csv_number, csv_table, CsvStyle};
use crate::locale::Lang;
use crate::model::Atlas;
use crate::sozialraum::definition::Definition;
use geo::InteriorPoint;

/// The categories offered for notes (any text is kept).
pub const CATEGORIES: [&str; 4] = ["Bedarf", "Idee", "Angebot", "Sonstiges"];
/// The statuses offered for notes (any text is kept).
pub const STATUSES: [&str; 3] = ["offen", "in Arbeit", "erledigt"];

/// Where a note lies in the map's planar coordinates: a unit's inner point, the middle of a
/// Sozialraum's units (or its unit nearest to that middle when the middle lies outside it), the
/// point itself; `None` when not pinned or the anchor no longer exists.
pub fn position(base: &Atlas, defs: &[Definition], note: &Note) -> Option<(f64, f64)> {
    let inner = |u: usize| {
        base.units
            .geometry
            .get(u)?
            .interior_point()
            .map(|p| (p.x(), p.y()))
    };
    match &note.anchor {
        NoteAnchor::None => None,
        NoteAnchor::Point { x, y } => Some((*x, *y)),
        NoteAnchor::Unit(key) => inner(base.units.keys.iter().position(|k| k == key)?),
        NoteAnchor::Area { definition, area } => {
            let def = defs.iter().find(|d| &d.name == definition)?;
            let a = def.areas.iter().position(|s| &s.name == area)?;
            let points: Vec<(f64, f64)> = def
                .assign
                .iter()
                .enumerate()
                .filter(|(_, x)| **x == Some(a as u32))
                .filter_map(|(u, _)| inner(u))
                .collect();
            if points.is_empty() {
                return None;
            }
            let n = points.len() as f64;
            let mid = (
                points.iter().map(|p| p.0).sum::<f64>() / n,
                points.iter().map(|p| p.1).sum::<f64>() / n,
            );
            points.into_iter().min_by(|p, q| {
                let d = |r: &(f64, f64)| (r.0 - mid.0).powi(2) + (r.1 - mid.1).powi(2);
                d(p).total_cmp(&d(q))
            })
        }
    }
}

/// The anchor in words: "Sozialraum Nord (Entwurf)", "Gebiet 0101", "Punkt", "ohne Ort".
pub fn anchor_label(note: &Note, lang: Lang) -> String {
    match (&note.anchor, lang) {
        (NoteAnchor::None, _) => lang.pick("ohne Ort", "not pinned").into(),
        (NoteAnchor::Point { .. }, _) => {
            lang.pick("Punkt auf der Karte", "point on the map").into()
        }
        (NoteAnchor::Unit(k), _) => format!("{} {k}", lang.pick("Gebiet", "area")),
        (NoteAnchor::Area { definition, area }, _) => {
            format!(
                "{} {area} ({definition})",
                lang.pick("Sozialraum", "Sozialraum")
            )
        }
    }
}

/// The notes as CSV (title, text, category, status, initials, anchor, x, y); markup stays
/// text, formulas are neutralised by the CSV writer.
pub fn csv(
    notes: &[Note],
    base: &Atlas,
    defs: &[Definition],
    style: CsvStyle,
    lang: Lang,
) -> String {
    let header: Vec<String> = match lang {
        Lang::De => [
            "titel",
            "text",
            "kategorie",
            "status",
            "kuerzel",
            "ort",
            "x",
            "y",
        ],
        Lang::En => [
            "title", "text", "category", "status", "initials", "anchor", "x", "y",
        ],
    }
    .iter()
    .map(|s| s.to_string())
    .collect();
    let rows: Vec<Vec<String>> = notes
        .iter()
        .map(|n| {
            let p = position(base, defs, n);
            vec![
                n.title.clone(),
                n.text.clone(),
                n.category.clone(),
                n.status.clone(),
                n.initials.clone(),
                anchor_label(n, lang),
                p.map_or(String::new(), |p| {
                    csv_number((p.0 * 100.0).round() / 100.0, style)
                }),
                p.map_or(String::new(), |p| {
                    csv_number((p.1 * 100.0).round() / 100.0, style)
                }),
            ]
        })
        .collect();
    csv_table(&header, &rows, style)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notes_lie_on_their_anchor_and_export_as_text() {
        let atlas = crate::demo::musterstadt();
        let labels: Vec<Option<String>> = (0..atlas.units.len())
            .map(|u| Some(if u < 10 { "Nord".into() } else { "Süd".into() }))
            .collect();
        let def = Definition::from_labels("Entwurf", &labels);
        let unit = Note {
            title: "=HYPERLINK(\"x\")".into(),
            text: "<b>fett</b>".into(),
            anchor: NoteAnchor::Unit(atlas.units.keys[3].clone()),
            ..Note::default()
        };
        let area = Note {
            anchor: NoteAnchor::Area {
                definition: "Entwurf".into(),
                area: "Nord".into(),
            },
            ..Note::default()
        };
        use geo::Contains;
        let p = position(&atlas, &[], &unit).unwrap();
        assert!(atlas.units.geometry[3].contains(&geo::Point::new(p.0, p.1)));
        let q = position(&atlas, std::slice::from_ref(&def), &area).unwrap();
        assert!((0..10).any(|u| atlas.units.geometry[u].contains(&geo::Point::new(q.0, q.1))));
        assert_eq!(position(&atlas, &[], &area), None);
        let text = csv(&[unit, area], &atlas, &[def], CsvStyle::Plain, Lang::De);
        assert!(text.contains("<b>fett</b>"));
        assert!(
            text.contains("'=HYPERLINK") || !text.contains(",=HYPERLINK"),
            "{text}"
        );
        assert!(text.contains("Sozialraum Nord (Entwurf)"));
    }
}

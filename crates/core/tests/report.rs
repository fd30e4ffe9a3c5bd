//! The report (`report::html`) of the demo town: a page per area with the status classes the
//! app shows, the commentary and notes escaped, the monitoring variant without area pages; at
//! a level the Sozialräume's pages.

use sozialatlas_core::locale::Lang;
use sozialatlas_core::project::{self, derive, Inputs, Note, NoteAnchor};
use sozialatlas_core::report::{html, ReportInput};
use sozialatlas_core::sozialraum::definition::Definition;

fn areas(text: &str) -> Vec<(String, String)> {
    text.split("data-testid=\"report-area\" data-key=\"")
        .skip(1)
        .map(|s| {
            let key = s.split('"').next().unwrap().to_string();
            let class = s
                .split("data-class=\"")
                .nth(1)
                .unwrap()
                .split('"')
                .next()
                .unwrap()
                .to_string();
            (key, class)
        })
        .collect()
}

#[test]
fn the_demo_towns_report_has_every_area_with_its_status_class() {
    let mut o = project::open(&Inputs::default(), None).unwrap();
    o.project
        .report
        .comments
        .insert("status".into(), "<script>alert(1)</script>".into());
    o.project.notes.push(Note {
        title: "Spielplatz <i>fehlt</i>".into(),
        text: "Idee".into(),
        category: "Bedarf".into(),
        status: "offen".into(),
        initials: "AB".into(),
        anchor: NoteAnchor::Unit(o.atlas.units.keys[0].clone()),
    });
    o.project.notes.push(Note {
        title: "Treffpunkt am Markt".into(),
        anchor: NoteAnchor::Point {
            x: 339_000.0,
            y: 5_715_000.0,
        },
        ..Note::default()
    });
    let input = ReportInput {
        base: &o.atlas,
        project: &o.project,
        level: None,
        layers: &o.layers,
        date: "30.11.2026".into(),
        lang: Lang::De,
    };
    let text = html(&input);
    let year = o.project.year(&o.atlas);
    let status = derive::status(
        &o.atlas,
        &o.project.catalogue.indicators,
        &o.project.classify,
        year,
    );
    let got = areas(&text);
    assert_eq!(got.len(), 58);
    for (i, (key, class)) in got.iter().enumerate() {
        assert_eq!(key, &o.atlas.units.keys[i]);
        assert_eq!(class, status.label(i));
    }
    assert!(!text.contains("<script>"));
    assert!(text.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(text.contains("Spielplatz &lt;i&gt;fehlt&lt;/i&gt;"));
    assert!(text.contains("Kitas ("), "facilities listed");
    // The point note is in the closing section, the unit note under its area only.
    let rest = &text[text.find("data-testid=\"report-notes\"").unwrap()..];
    assert!(rest.contains("Treffpunkt am Markt") && rest.contains("Punkt auf der Karte"));
    assert!(!rest.contains("Spielplatz"));
    // Monitoring: a change page per indicator, no area pages.
    let mut monitoring = o.project.clone();
    monitoring.report.monitoring = true;
    let m = html(&ReportInput {
        project: &monitoring,
        ..input
    });
    assert!(areas(&m).is_empty());
    assert!(m.contains("class=\"page monitoring\""));
    assert!(m.contains("Veränderung 2023 → 2024"));
}

#[test]
fn at_a_level_the_report_is_about_the_sozialraeume() {
    let o = project::open(&Inputs::default(), None).unwrap();
    let labels: Vec<Option<String>> = o
        .atlas
        .table
        .column("stadtteil")
        .map(|c| match &c.values {
            sozialatlas_core::model::ColumnValues::Text(v) => v.clone(),
            _ => vec![],
        })
        .unwrap();
    let def = Definition::from_labels("Stadtteile", &labels);
    let input = ReportInput {
        base: &o.atlas,
        project: &o.project,
        level: Some(&def),
        layers: &o.layers,
        date: "30.11.2026".into(),
        lang: Lang::En,
    };
    let text = html(&input);
    let got = areas(&text);
    assert_eq!(got.len(), 10);
    assert!(got.iter().any(|(k, _)| k == "Altstadt"));
    assert!(text.contains("<html lang=\"en\">"));
}

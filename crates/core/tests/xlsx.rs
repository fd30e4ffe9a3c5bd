//! The XLSX reader on a workbook shaped like a statistics office export
//! (fixture made by tests/fixtures/xlsx/make_xlsx.py).

use sozialatlas_core::ingest::csv::ColumnKind;
use sozialatlas_core::ingest::{inspect, xlsx, IngestError};
use sozialatlas_core::lang::Lang;

const BOOK: &[u8] = include_bytes!("fixtures/xlsx/sozialdaten.xlsx");

#[test]
fn finds_the_table_sheet_skips_title_and_footnote_and_types_columns() {
    assert_eq!(xlsx::sheets("s.xlsx", BOOK).unwrap(), ["Hinweise", "Daten"]);
    let t = xlsx::read("s.xlsx", BOOK, None).unwrap();
    assert_eq!(t.file, "s.xlsx [Daten]");
    assert_eq!(t.header_line, 3, "Excel row of the header");
    assert_eq!(t.row_lines, vec![4, 5, 6, 7, 8]);
    let key = t.column("Schlüssel").unwrap();
    assert_eq!(key.kind, ColumnKind::Text);
    assert_eq!(key.raw[0], "0101", "keys keep their leading zeros");
    assert_eq!(
        t.column("Einwohner").unwrap().numbers().unwrap()[0],
        Some(1234.0)
    );
    // Numeric cells and one text cell with a German decimal comma in the same column.
    assert_eq!(
        t.column("SGB-II-Quote").unwrap().numbers().unwrap(),
        &[Some(12.5), Some(8.25), Some(3.5), Some(21.0), Some(17.75)]
    );
    let al = t.column("Arbeitslose").unwrap();
    assert_eq!(al.numbers().unwrap()[1], None);
    assert_eq!(al.missing_count(), 1);
    let w: Vec<String> = t.warnings.iter().map(|w| w.message(Lang::De)).collect();
    assert!(
        w.iter()
            .any(|m| m.contains("Titelzeilen") && m.contains("Zeile 1")),
        "{w:?}"
    );
    assert!(
        w.iter()
            .any(|m| m.contains("Fußnoten") && m.contains("Zeile 10")),
        "{w:?}"
    );
}

#[test]
fn sheet_choice_and_broken_workbooks_give_clear_messages() {
    let e = xlsx::read("s.xlsx", BOOK, Some("Tabelle1")).unwrap_err();
    assert!(
        e.message(Lang::De).contains("„Tabelle1“") && e.message(Lang::De).contains("Daten"),
        "{e}"
    );
    assert!(matches!(
        xlsx::read("s.xlsx", BOOK, Some("Hinweise")),
        Err(IngestError::NoTable { .. })
    ));
    let cut = &BOOK[..1500];
    let e = xlsx::read("kaputt.xlsx", cut, None).unwrap_err();
    assert!(matches!(e, IngestError::Workbook { .. }), "{e:?}");
    assert!(e
        .message(Lang::De)
        .starts_with("kaputt.xlsx: Die Excel-Datei lässt sich nicht öffnen"));
    // By extension through the common entry point.
    let t = inspect::read_table(&inspect::Input {
        name: "daten.xlsx",
        bytes: BOOK,
    })
    .unwrap();
    assert_eq!(t.rows(), 5);
}

//! The XLSX reader on a workbook shaped like a statistics office export
//! (fixture made by tests/fixtures/xlsx/make_xlsx.py).

use sozialatlas_core::ingest::csv::ColumnKind;
use sozialatlas_core::ingest::{inspect, xlsx, IngestError};
use sozialatlas_core::locale::Lang;

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
    assert_eq!(&key.raw[0], "0101", "keys keep their leading zeros");
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

/// A workbook written by hand with what Excel and other tools put into sheets: rich-text and
/// phonetic shared strings, inline strings, a formula's text, booleans, errors, entities and
/// character references, cells without references, gaps, an absolute relationship target.
fn handmade() -> Vec<u8> {
    use std::io::Write;
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    let files = [
        (
            "[Content_Types].xml",
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/worksheets/sheet2.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>"#,
        ),
        (
            "_rels/.rels",
            r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#,
        ),
        (
            "xl/workbook.xml",
            r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Leer" sheetId="2" r:id="rId2"/><sheet name="Werte &amp; Texte" sheetId="1" r:id="rId1"/></sheets></workbook>"#,
        ),
        (
            "xl/_rels/workbook.xml.rels",
            r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet2.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>"#,
        ),
        (
            "xl/sharedStrings.xml",
            r#"<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="4" uniqueCount="4"><si><t>Schlüssel</t></si><si><r><rPr><b/></rPr><t xml:space="preserve">SGB II </t></r><r><t>&amp; Quote</t></r></si><si><t>Ober&#252;ferstra&#xDF;e</t><rPh sb="0" eb="1"><t>ignored</t></rPh></si><si/></sst>"#,
        ),
        (
            "xl/worksheets/sheet2.xml",
            r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData/></worksheet>"#,
        ),
        (
            "xl/worksheets/sheet1.xml",
            r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="B2:F6"/><sheetData><row r="2"><c r="B2" t="s"><v>0</v></c><c r="C2" t="s"><v>1</v></c><c r="D2" t="inlineStr"><is><t>Einwohner</t></is></c><c r="E2" t="inlineStr"><is><r><t>Bemer</t></r><r><t>kung</t></r></is></c><c r="F2" t="str"><f>"x"</f><v>Formel</v></c></row><row r="3"><c r="B3" t="inlineStr"><is><t>0101</t></is></c><c r="C3"><v>12.5</v></c><c r="D3"><v>1234</v></c><c r="E3" t="s"><v>2</v></c><c r="F3" t="b"><v>1</v></c></row><row r="4"><c r="B4" t="inlineStr"><is><t>0102</t></is></c><c r="C4" t="e"><v>#DIV/0!</v></c><c r="D4" s="3"><v>4.5E2</v></c><c r="E4" t="s"><v>3</v></c></row><row><c r="B5" t="inlineStr"><is><t>0103</t></is></c><c><v>-0.25</v></c><c/><c t="inlineStr"><is><t>a &lt; b</t></is></c></row><row r="6"><c r="F6" t="b"><v>0</v></c></row></sheetData></worksheet>"#,
        ),
    ];
    for (name, text) in files {
        zip.start_file(name, opts).unwrap();
        zip.write_all(text.as_bytes()).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

/// Every sheet of `bytes` read by our reader and by calamine (the reference): same names in
/// the same order, same used range, same values.
fn same_as_calamine(bytes: &[u8]) {
    use calamine::{Data, Reader, Xlsx};
    use sozialatlas_core::ingest::workbook::{Cell, Workbook};
    let mut ours = Workbook::open(bytes).unwrap();
    let mut theirs: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
    assert_eq!(ours.sheet_names(), theirs.sheet_names());
    for name in ours.sheet_names() {
        let sheet = ours.sheet(&name).unwrap();
        let range = theirs.worksheet_range(&name).unwrap();
        let expected: Vec<Vec<Cell>> = range
            .rows()
            .map(|row| {
                row.iter()
                    .map(|d| match d {
                        Data::Empty => Cell::Empty,
                        Data::String(s) => Cell::Text(s.clone()),
                        Data::Float(f) => Cell::Number(*f),
                        Data::Int(i) => Cell::Number(*i as f64),
                        Data::Bool(b) => Cell::Bool(*b),
                        Data::Error(_) => Cell::Error,
                        Data::DateTime(d) => Cell::Number(d.as_f64()),
                        other => panic!("{name}: unexpected {other:?}"),
                    })
                    .collect()
            })
            .collect();
        assert_eq!(sheet.rows, expected, "sheet {name}");
        if let Some((r, _)) = range.start() {
            assert_eq!(sheet.first_row, r as usize + 1, "sheet {name}");
        }
    }
}

#[test]
fn cells_equal_calamines_on_openpyxl_our_writer_and_handmade_workbooks() {
    same_as_calamine(BOOK);
    let atlas = sozialatlas_core::demo::musterstadt();
    same_as_calamine(&sozialatlas_core::export::xlsx::atlas_workbook(
        &atlas,
        "schluessel",
        &[],
        &sozialatlas_core::stats::suppress::Withheld::none(),
    ));
    let book = handmade();
    same_as_calamine(&book);
    // And what the table reader makes of the handmade sheet.
    let t = xlsx::read("h.xlsx", &book, None).unwrap();
    assert_eq!(t.file, "h.xlsx [Werte & Texte]");
    assert_eq!(t.header_line, 2);
    assert_eq!(
        t.column("SGB II & Quote").unwrap().raw,
        ["12.5", "#NV", "-0.25", ""]
    );
    assert_eq!(&t.column("Bemerkung").unwrap().raw[0], "Oberüferstraße");
    assert_eq!(&t.column("Bemerkung").unwrap().raw[2], "a < b");
    assert_eq!(t.column("Einwohner").unwrap().raw, ["1234", "450", "", ""]);
    assert_eq!(t.column("Formel").unwrap().raw, ["true", "", "", "false"]);
}

/// `bytes` with the part `name` changed by `edit`.
fn repack(bytes: &[u8], name: &str, edit: impl Fn(&str) -> String) -> Vec<u8> {
    use std::io::{Read, Write};
    let mut src = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..src.len() {
        let mut f = src.by_index(i).unwrap();
        let part = f.name().unwrap().to_string();
        let mut text = String::new();
        f.read_to_string(&mut text).unwrap();
        if part == name {
            text = edit(&text);
        }
        out.start_file(part, zip::write::SimpleFileOptions::default())
            .unwrap();
        out.write_all(text.as_bytes()).unwrap();
    }
    out.finish().unwrap().into_inner()
}

#[test]
fn damaged_cells_are_named_in_the_message() {
    use sozialatlas_core::ingest::workbook::Workbook;
    let book = handmade();
    for (from, to, message) in [
        (
            r#"<c r="B3""#,
            r#"<c r="XFE3""#,
            "ungültiger Zellbezug „XFE3“",
        ),
        (
            r#"<c r="E3" t="s"><v>2</v>"#,
            r#"<c r="E3" t="s"><v>9</v>"#,
            "Zelle E3: Textverweis 9 fehlt",
        ),
        (
            r#"<c r="C3"><v>12.5</v>"#,
            r#"<c r="C3"><v>12,5</v>"#,
            "Zelle C3: ungültige Zahl „12,5“",
        ),
        (
            r#"<row r="3">"#,
            r#"<row r="x">"#,
            "ungültige Zeilennummer „x“",
        ),
    ] {
        let patched = repack(&book, "xl/worksheets/sheet1.xml", |s| s.replace(from, to));
        let e = Workbook::open(&patched)
            .unwrap()
            .sheet("Werte & Texte")
            .unwrap_err()
            .to_string();
        assert!(e.contains(message), "{e}");
    }
    // Broken XML; a zip that is no workbook; a sheet that does not exist.
    let patched = repack(&book, "xl/worksheets/sheet1.xml", |s| {
        s.replace("</row>", "</rowx>")
    });
    let e = Workbook::open(&patched)
        .unwrap()
        .sheet("Werte & Texte")
        .unwrap_err()
        .to_string();
    assert!(e.contains("XML-Fehler"), "{e}");
    let other = {
        use std::io::Write;
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        zip.start_file("daten.csv", zip::write::SimpleFileOptions::default())
            .unwrap();
        zip.write_all(b"a;b").unwrap();
        zip.finish().unwrap().into_inner()
    };
    let e = xlsx::read("daten.xlsx", &other, None).unwrap_err();
    assert!(e.message(Lang::De).contains("xl/workbook.xml fehlt"), "{e}");
    // The English message is English throughout, and names the sheet and the cell.
    let en = e.message(Lang::En);
    assert!(en.contains("xl/workbook.xml is missing"), "{en}");
    let patched = repack(&book, "xl/worksheets/sheet1.xml", |s| {
        s.replacen("<v>", "<v>x", 1)
    });
    let e = xlsx::read("h.xlsx", &patched, Some("Werte & Texte")).unwrap_err();
    let (de, en) = (e.message(Lang::De), e.message(Lang::En));
    assert!(de.contains("Blatt „Werte & Texte“, Zelle"), "{de}");
    assert!(
        en.contains("sheet “Werte & Texte”, cell") && !en.contains("Zelle"),
        "{en}"
    );
    let e = xlsx::read("h.xlsx", &book, Some("Nichts")).unwrap_err();
    assert!(matches!(e, IngestError::NoSuchSheet { .. }), "{e:?}");
}

//! A minimal XLSX writer (Office Open XML spreadsheet, ECMA-376): one sheet, a bold-free header
//! row, numbers as numbers and text as inline strings. Written by hand on the `zip` crate the
//! reader already uses, because a full writer crate (rust_xlsxwriter) would add about as much
//! to the browser bundle as all our readers together; this one is ~100 lines.

use crate::model::{Atlas, Column, ColumnValues};
use std::io::{Cursor, Write};
use zip::write::SimpleFileOptions;

/// One cell.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    /// A number.
    Number(f64),
    /// Text.
    Text(String),
    /// Nothing.
    Empty,
}

/// The column letters of a 0-based column index (0 → A, 26 → AA).
fn column_letters(mut c: usize) -> String {
    let mut s = Vec::new();
    loop {
        s.push(b'A' + (c % 26) as u8);
        if c < 26 {
            break;
        }
        c = c / 26 - 1;
    }
    s.reverse();
    String::from_utf8(s).unwrap_or_default()
}

fn sheet_xml(header: &[String], rows: &[Vec<Cell>]) -> String {
    let esc = crate::export::svg::escape;
    let mut s = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews><sheetData>"#,
    );
    let header_cells: Vec<Cell> = header.iter().map(|h| Cell::Text(h.clone())).collect();
    for (r, row) in std::iter::once(&header_cells).chain(rows).enumerate() {
        s.push_str(&format!(r#"<row r="{}">"#, r + 1));
        for (c, cell) in row.iter().enumerate() {
            let at = format!("{}{}", column_letters(c), r + 1);
            match cell {
                Cell::Number(x) if x.is_finite() => {
                    s.push_str(&format!(r#"<c r="{at}"><v>{x}</v></c>"#))
                }
                Cell::Text(t) if !t.is_empty() => s.push_str(&format!(
                    r#"<c r="{at}" t="inlineStr"><is><t xml:space="preserve">{}</t></is></c>"#,
                    esc(t)
                )),
                _ => {}
            }
        }
        s.push_str("</row>");
    }
    s.push_str("</sheetData></worksheet>");
    s
}

/// A workbook with one sheet named `sheet` holding `header` and `rows`.
pub fn workbook(sheet: &str, header: &[String], rows: &[Vec<Cell>]) -> Vec<u8> {
    // Excel allows 31 characters and no []:*?/\ in sheet names.
    let name: String = sheet
        .chars()
        .filter(|c| !"[]:*?/\\".contains(*c))
        .take(31)
        .collect();
    let name = if name.trim().is_empty() {
        "Tabelle1".to_string()
    } else {
        name
    };
    let files: [(&str, String); 5] = [
        ("[Content_Types].xml", r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#.to_string()),
        ("_rels/.rels", r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#.to_string()),
        ("xl/workbook.xml", format!(r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="{}" sheetId="1" r:id="rId1"/></sheets></workbook>"#, crate::export::svg::escape(&name))),
        ("xl/_rels/workbook.xml.rels", r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#.to_string()),
        ("xl/worksheets/sheet1.xml", sheet_xml(header, rows)),
    ];
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    // Stored, not deflated: the compressor would add ~150 KB to the browser bundle, and a
    // table of a few thousand areas stays small anyway.
    let options = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (path, text) in files {
        // Writing to memory cannot fail but for allocation; errors leave the part out.
        if zip.start_file(path, options).is_ok() {
            let _ = zip.write_all(text.as_bytes());
        }
    }
    zip.finish().map(Cursor::into_inner).unwrap_or_default()
}

/// The atlas table with key, name, every column and the `results` as an XLSX workbook; the
/// cells `withheld` by the small-number rule are the text `geheim`.
pub fn atlas_workbook(
    atlas: &Atlas,
    key_column: &str,
    results: &[Column],
    withheld: &crate::stats::suppress::Withheld,
) -> Vec<u8> {
    let columns: Vec<&Column> = atlas.table.columns.iter().chain(results).collect();
    let mut header = vec![key_column.to_string(), "name".to_string()];
    header.extend(columns.iter().map(|c| c.name.clone()));
    let rows: Vec<Vec<Cell>> = (0..atlas.units.len())
        .map(|i| {
            let mut row = vec![
                Cell::Text(atlas.units.keys[i].clone()),
                Cell::Text(atlas.units.names[i].clone()),
            ];
            row.extend(columns.iter().map(|c| match &c.values {
                _ if withheld.cell(&c.name, i) => {
                    Cell::Text(crate::stats::suppress::WITHHELD.into())
                }
                ColumnValues::Number(v) => v[i].map_or(Cell::Empty, Cell::Number),
                ColumnValues::Text(v) => v[i].clone().map_or(Cell::Empty, Cell::Text),
            }));
            row
        })
        .collect();
    workbook(&atlas.name, &header, &rows)
}

#[cfg(test)]
mod tests {
    use super::*;
    use calamine::{Data, Reader, Xlsx};

    #[test]
    fn column_letters_follow_excel() {
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(25), "Z");
        assert_eq!(column_letters(26), "AA");
        assert_eq!(column_letters(27), "AB");
        assert_eq!(column_letters(701), "ZZ");
        assert_eq!(column_letters(702), "AAA");
    }

    #[test]
    fn demo_workbook_reads_back_with_calamine() {
        let atlas = crate::demo::musterstadt();
        let results = vec![Column {
            name: "Status <Index>".into(),
            values: ColumnValues::Text(vec![Some("sehr niedrig & arm".into()); atlas.units.len()]),
        }];
        let bytes = atlas_workbook(
            &atlas,
            "schluessel",
            &results,
            &crate::stats::suppress::Withheld::none(),
        );
        let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).unwrap();
        let sheets = book.sheet_names().to_vec();
        assert_eq!(sheets, vec![atlas.name.clone()]);
        let range = book.worksheet_range(&sheets[0]).unwrap();
        assert_eq!(range.height(), atlas.units.len() + 1);
        assert_eq!(range.get((0, 0)), Some(&Data::String("schluessel".into())));
        // Keys stay text (leading zeros), numbers are numbers.
        assert_eq!(
            range.get((1, 0)),
            Some(&Data::String(atlas.units.keys[0].clone()))
        );
        let first = &atlas.table.columns[0];
        if let ColumnValues::Number(v) = &first.values {
            assert_eq!(range.get((1, 2)), Some(&Data::Float(v[0].unwrap())));
        }
        let last = range.width() - 1;
        assert_eq!(
            range.get((0, last)),
            Some(&Data::String("Status <Index>".into()))
        );
        assert_eq!(
            range.get((5, last)),
            Some(&Data::String("sehr niedrig & arm".into()))
        );
    }
}

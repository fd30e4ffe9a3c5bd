//! Excel workbooks (.xlsx) with calamine (pure Rust, also in the browser).
//!
//! A sheet is chosen by name or, by default, the first sheet holding a table; its rows go
//! through the same header detection, footnote skipping and column typing as CSV
//! ([`super::csv`]). Numeric cells are exact; text cells with German numbers ("1.234,5") are read
//! by the same per-column rules. Row numbers in messages are Excel's row numbers.

use super::csv::{self, RawTable, Record};
use super::numbers::{self, Convention};
use super::text::Encoding;
use super::IngestError;
use calamine::{Data, Reader, Xlsx};
use std::io::Cursor;

/// The sheet names of a workbook.
pub fn sheets(file: &str, bytes: &[u8]) -> Result<Vec<String>, IngestError> {
    std::panic::catch_unwind(|| open(file, bytes).map(|wb| wb.sheet_names().to_vec()))
        .unwrap_or_else(|_| {
            Err(IngestError::Workbook {
                file: file.into(),
                detail: "ungültige Arbeitsmappe".into(),
            })
        })
}

fn open<'a>(file: &str, bytes: &'a [u8]) -> Result<Xlsx<Cursor<&'a [u8]>>, IngestError> {
    if bytes.is_empty() {
        return Err(IngestError::Empty { file: file.into() });
    }
    Xlsx::new(Cursor::new(bytes)).map_err(|e| IngestError::Workbook {
        file: file.into(),
        detail: e.to_string(),
    })
}

/// A cell as text. Numeric cells are exact; they are written in the convention of the column's
/// text cells (decimal comma when those are German), so they never conflict with them.
fn cell_text(d: &Data, german: bool) -> String {
    match d {
        Data::Empty => String::new(),
        Data::String(s) => s.trim().to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{f:.0}"),
        Data::Float(f) if german => f.to_string().replace('.', ","),
        Data::Float(f) => f.to_string(),
        Data::Int(i) => i.to_string(),
        Data::Bool(b) => b.to_string(),
        Data::Error(_) => "#NV".to_string(),
        other => other.to_string(),
    }
}

/// Reads sheet `sheet` (default: the first sheet with at least two filled columns).
///
/// calamine 0.38 can panic on crafted cell references (integer overflow in debug builds, found
/// by `fuzz/` target `xlsx`); a panic of the parser is turned into a workbook error here.
/// (Release builds, with `panic = "abort"`, do not overflow-check and return an error anyway.)
pub fn read(file: &str, bytes: &[u8], sheet: Option<&str>) -> Result<RawTable, IngestError> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        read_unguarded(file, bytes, sheet)
    }))
    .unwrap_or_else(|_| {
        Err(IngestError::Workbook {
            file: file.into(),
            detail: "ungültige Zellbezüge".into(),
        })
    })
}

fn read_unguarded(file: &str, bytes: &[u8], sheet: Option<&str>) -> Result<RawTable, IngestError> {
    let mut wb = open(file, bytes)?;
    let names = wb.sheet_names().to_vec();
    let candidates: Vec<String> = match sheet {
        Some(s) => {
            if !names.iter().any(|n| n == s) {
                return Err(IngestError::NoSuchSheet {
                    file: file.into(),
                    name: s.into(),
                    available: names,
                });
            }
            vec![s.to_string()]
        }
        None => names.clone(),
    };
    let mut last_error = IngestError::NoTable { file: file.into() };
    for name in candidates {
        let range = wb
            .worksheet_range(&name)
            .map_err(|e| IngestError::Workbook {
                file: file.into(),
                detail: format!("{name}: {e}"),
            })?;
        let first_row = range.start().map_or(0, |(r, _)| r as usize);
        let width = range.width();
        let german: Vec<bool> = (0..width)
            .map(|c| {
                range.rows().any(|row| {
                    matches!(row.get(c), Some(Data::String(s)) if matches!(numbers::classify(s), numbers::CellKind::German(_)))
                })
            })
            .collect();
        let recs: Vec<Record> = range
            .rows()
            .enumerate()
            .map(|(i, row)| {
                let mut fields: Vec<String> = row
                    .iter()
                    .enumerate()
                    .map(|(c, d)| cell_text(d, german[c]))
                    .collect();
                // Sheets pad every row to the used width; a title or footnote row with at most
                // one filled cell is shortened, so it reads like its CSV export.
                if fields.iter().filter(|f| !f.is_empty()).count() <= 1 {
                    let last = fields
                        .iter()
                        .rposition(|f| !f.is_empty())
                        .map_or(0, |p| p + 1);
                    fields.truncate(last.max(1));
                }
                Record {
                    line: first_row + i + 1,
                    fields,
                }
            })
            .collect();
        let label = format!("{file} [{name}]");
        match csv::from_records(&label, Encoding::Xlsx, '\t', recs, Convention::English) {
            Ok(t) => return Ok(t),
            Err(e) => last_error = e,
        }
    }
    Err(last_error)
}

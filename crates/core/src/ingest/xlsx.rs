//! Excel workbooks (.xlsx), their cells read by [`super::workbook`].
//!
//! A sheet is chosen by name or, by default, the first sheet holding a table; its rows go
//! through the same header detection, footnote skipping and column typing as CSV
//! ([`super::csv`]). Numeric cells are exact; text cells with German numbers ("1.234,5") are read
//! by the same per-column rules. Row numbers in messages are Excel's row numbers.

use super::csv::{self, RawTable, Record};
use super::numbers::{self, Convention};
use super::text::Encoding;
use super::workbook::{Cell, Workbook, WorkbookError};
use super::IngestError;

/// The sheet names of a workbook.
pub fn sheets(file: &str, bytes: &[u8]) -> Result<Vec<String>, IngestError> {
    open(file, bytes).map(|wb| wb.sheet_names())
}

fn open<'a>(file: &str, bytes: &'a [u8]) -> Result<Workbook<'a>, IngestError> {
    if bytes.is_empty() {
        return Err(IngestError::Empty { file: file.into() });
    }
    Workbook::open(bytes).map_err(|e| workbook_error(file, e))
}

/// The typed message for a workbook that cannot be read.
fn workbook_error(file: &str, e: WorkbookError) -> IngestError {
    match e {
        WorkbookError::TooLarge { part, size, limit } => IngestError::TooLargePart {
            file: file.into(),
            part,
            size,
            limit,
        },
        detail => IngestError::Workbook {
            file: file.into(),
            detail,
        },
    }
}

/// A cell as text. Numeric cells are exact; they are written in the convention of the column's
/// text cells (decimal comma when those are German), so they never conflict with them.
fn cell_text(d: &Cell, german: bool) -> String {
    match d {
        Cell::Empty => String::new(),
        Cell::Text(s) => s.trim().to_string(),
        Cell::Number(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{f:.0}"),
        Cell::Number(f) if german => f.to_string().replace('.', ","),
        Cell::Number(f) => f.to_string(),
        Cell::Bool(b) => b.to_string(),
        Cell::Error => "#NV".to_string(),
    }
}

/// Reads sheet `sheet` (default: the first sheet with at least two filled columns).
pub fn read(file: &str, bytes: &[u8], sheet: Option<&str>) -> Result<RawTable, IngestError> {
    let mut wb = open(file, bytes)?;
    let names = wb.sheet_names();
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
        let range = wb.sheet(&name).map_err(|e| {
            workbook_error(
                file,
                match e {
                    e @ WorkbookError::TooLarge { .. } => e,
                    e => WorkbookError::InSheet {
                        sheet: name.clone(),
                        error: Box::new(e),
                    },
                },
            )
        })?;
        let width = range.rows.first().map_or(0, Vec::len);
        let german: Vec<bool> = (0..width)
            .map(|c| {
                range.rows.iter().any(|row| {
                    matches!(row.get(c), Some(Cell::Text(s)) if matches!(numbers::classify(s), numbers::CellKind::German(_)))
                })
            })
            .collect();
        let recs: Vec<Record> = range
            .rows
            .iter()
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
                    line: range.first_row + i,
                    fields: fields.into(),
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

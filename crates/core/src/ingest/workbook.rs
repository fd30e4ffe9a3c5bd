//! The cells of an Excel workbook (.xlsx, Office Open XML, ECMA-376 Part 1 §18): sheet names
//! and order from `xl/workbook.xml` and its relationships, texts from `xl/sharedStrings.xml`,
//! cells from the worksheets. Read with `zip` and `quick-xml`: a table needs only values, and
//! calamine (which also reads .xls, .ods and VBA) brings every legacy text encoding's tables
//! into the app, about 115 KB of its gzipped size.
//!
//! Dates are cells with a number and a date format; they are read as that number (Excel's
//! serial day), as before with calamine. Formulas give their cached value.

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use std::collections::HashMap;
use std::io::{Cursor, Read};

use crate::locale::Lang;

/// The value of one cell.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    /// No value.
    Empty,
    /// Text (shared, inline or a formula's text result).
    Text(String),
    /// A number (also dates and times, as Excel's serial number).
    Number(f64),
    /// TRUE or FALSE.
    Bool(bool),
    /// An error value such as `#NV` or `#DIV/0!`.
    Error,
}

/// The used range of a sheet: the rectangle from the first to the last filled row and column.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Sheet {
    /// Excel row number (1-based) of the first row.
    pub first_row: usize,
    /// Rows, each as wide as the range.
    pub rows: Vec<Vec<Cell>>,
}

/// Why a workbook could not be read: typed, with the part, cell or text concerned; the
/// faces show it through [`super::IngestError::message`] in the user's language.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub enum WorkbookError {
    /// A part would unpack to more than [`super::unzip::MAX_MEMBER`] bytes (a damaged file or
    /// a zip bomb): refused before it is read, or as soon as the limit is passed.
    TooLarge {
        /// The part inside the package, e.g. `xl/sharedStrings.xml`.
        part: String,
        /// Its size unpacked (as declared, or as far as it was read), bytes.
        size: u64,
        /// The limit, bytes.
        limit: u64,
    },
    /// The bytes are no zip archive (the zip reader's words).
    NotZip(String),
    /// A part cannot be unpacked.
    Unpack {
        /// The part.
        part: String,
        /// What the zip reader says.
        error: String,
    },
    /// There is no `xl/workbook.xml`: a zip, but no Excel workbook.
    NoWorkbook,
    /// A part the workbook refers to is missing.
    MissingPart(String),
    /// The workbook lists a sheet without a reference to its data.
    SheetWithoutData(String),
    /// There is no sheet of this name.
    NoSheet(String),
    /// A part is not well-formed XML.
    Xml {
        /// Byte offset in the part.
        byte: u64,
        /// What the XML reader says.
        error: String,
    },
    /// An entity `&name;` that XML does not define.
    UnknownEntity(String),
    /// A row number outside 1..=1,048,576.
    BadRow(String),
    /// A cell reference that is none (`r="?"`).
    BadCellRef(String),
    /// A cell whose value cannot be read.
    BadCell {
        /// The cell, e.g. `C3`.
        cell: String,
        /// What is wrong with it.
        problem: CellProblem,
    },
    /// An error inside one sheet.
    InSheet {
        /// The sheet's name.
        sheet: String,
        /// What is wrong there.
        error: Box<WorkbookError>,
    },
    /// The used range of a sheet is larger than 5 million cells.
    RangeTooLarge {
        /// First cell, e.g. `A1`.
        from: String,
        /// Last cell.
        to: String,
    },
}

/// What is wrong with one cell.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub enum CellProblem {
    /// A shared-string cell whose index is not a number.
    BadTextRef(String),
    /// A shared-string index beyond the list of texts.
    MissingText(usize),
    /// A number cell whose value is not a finite number.
    BadNumber(String),
}

impl CellProblem {
    fn text(&self, lang: Lang) -> String {
        match (self, lang) {
            (CellProblem::BadTextRef(v), Lang::De) => format!("ungültiger Textverweis „{v}“"),
            (CellProblem::BadTextRef(v), Lang::En) => format!("invalid text reference “{v}”"),
            (CellProblem::MissingText(i), Lang::De) => {
                format!("Textverweis {i} fehlt in der Textliste")
            }
            (CellProblem::MissingText(i), Lang::En) => {
                format!("text reference {i} is not in the list of texts")
            }
            (CellProblem::BadNumber(v), Lang::De) => format!("ungültige Zahl „{v}“"),
            (CellProblem::BadNumber(v), Lang::En) => format!("invalid number “{v}”"),
        }
    }
}

impl WorkbookError {
    /// The description in `lang` (without the file name).
    pub fn text(&self, lang: Lang) -> String {
        use WorkbookError::*;
        let mb = |bytes: &u64| bytes / 1_000_000;
        match (self, lang) {
            (TooLarge { part, size, limit }, Lang::De) => format!(
                "{part}: entpackt mindestens {} MB, gelesen werden höchstens {} MB",
                mb(size),
                mb(limit)
            ),
            (TooLarge { part, size, limit }, Lang::En) => format!(
                "{part}: unpacks to at least {} MB, at most {} MB are read",
                mb(size),
                mb(limit)
            ),
            (NotZip(e), Lang::De) => format!("keine gültige ZIP-Datei: {e}"),
            (NotZip(e), Lang::En) => format!("not a valid ZIP file: {e}"),
            (Unpack { part, error }, Lang::De) => format!("{part} nicht entpackbar: {error}"),
            (Unpack { part, error }, Lang::En) => format!("{part} cannot be unpacked: {error}"),
            (NoWorkbook, Lang::De) => "xl/workbook.xml fehlt (keine Excel-Arbeitsmappe)".into(),
            (NoWorkbook, Lang::En) => "xl/workbook.xml is missing (no Excel workbook)".into(),
            (MissingPart(p), Lang::De) => format!("{p} fehlt"),
            (MissingPart(p), Lang::En) => format!("{p} is missing"),
            (SheetWithoutData(n), Lang::De) => {
                format!("Blatt „{n}“ ohne Verweis auf seine Daten")
            }
            (SheetWithoutData(n), Lang::En) => {
                format!("sheet “{n}” without a reference to its data")
            }
            (NoSheet(n), Lang::De) => format!("kein Blatt „{n}“"),
            (NoSheet(n), Lang::En) => format!("no sheet “{n}”"),
            (Xml { byte, error }, Lang::De) => format!("XML-Fehler bei Byte {byte}: {error}"),
            (Xml { byte, error }, Lang::En) => format!("XML error at byte {byte}: {error}"),
            (UnknownEntity(e), Lang::De) => format!("unbekannte Entität &{e};"),
            (UnknownEntity(e), Lang::En) => format!("unknown entity &{e};"),
            (BadRow(r), Lang::De) => format!("ungültige Zeilennummer „{r}“"),
            (BadRow(r), Lang::En) => format!("invalid row number “{r}”"),
            (BadCellRef(r), Lang::De) => format!("ungültiger Zellbezug „{r}“"),
            (BadCellRef(r), Lang::En) => format!("invalid cell reference “{r}”"),
            (BadCell { cell, problem }, Lang::De) => {
                format!("Zelle {cell}: {}", problem.text(lang))
            }
            (BadCell { cell, problem }, Lang::En) => {
                format!("cell {cell}: {}", problem.text(lang))
            }
            (InSheet { sheet, error }, Lang::De) => {
                format!("Blatt „{sheet}“, {}", error.text(lang))
            }
            (InSheet { sheet, error }, Lang::En) => {
                format!("sheet “{sheet}”, {}", error.text(lang))
            }
            (RangeTooLarge { from, to }, Lang::De) => format!("Bereich {from}:{to} ist zu groß"),
            (RangeTooLarge { from, to }, Lang::En) => format!("range {from}:{to} is too large"),
        }
    }
}

impl std::fmt::Display for WorkbookError {
    /// The German description.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text(Lang::De))
    }
}

/// An opened workbook.
pub struct Workbook<'a> {
    zip: zip::ZipArchive<Cursor<&'a [u8]>>,
    /// Sheet names with the path of their part, in the workbook's order.
    sheets: Vec<(String, String)>,
    shared: Vec<String>,
}

/// Reads an XML part of the package to text (`None` when it is missing).
fn part(
    zip: &mut zip::ZipArchive<Cursor<&[u8]>>,
    path: &str,
) -> Result<Option<String>, WorkbookError> {
    let mut f = match zip.by_name(path) {
        Ok(f) => f,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => {
            return Err(WorkbookError::Unpack {
                part: path.into(),
                error: e.to_string(),
            })
        }
    };
    // A part larger than the limit unpacked is a damaged file or a zip bomb: refused before
    // it is read (declared size) or as soon as the limit is passed (a lying header).
    let limit = super::unzip::MAX_MEMBER;
    let too_large = |size: u64| WorkbookError::TooLarge {
        part: path.to_string(),
        size,
        limit,
    };
    if f.size() > limit {
        return Err(too_large(f.size()));
    }
    let mut s = String::new();
    (&mut f)
        .take(limit + 1)
        .read_to_string(&mut s)
        .map_err(|e| WorkbookError::Unpack {
            part: path.into(),
            error: e.to_string(),
        })?;
    if s.len() as u64 > limit {
        return Err(too_large(s.len() as u64));
    }
    Ok(Some(s))
}

/// An attribute's unescaped value, by local name (`r:id` matches `id`).
fn attr(e: &BytesStart, name: &str) -> Option<String> {
    e.attributes().flatten().find_map(|a| {
        (a.key.local_name().as_ref() == name)
            .then(|| {
                a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                    .ok()
                    .map(|v| v.into_owned())
            })
            .flatten()
    })
}

/// The events of an XML text, with entity and character references resolved into the text.
fn each_event(
    xml: &str,
    mut f: impl FnMut(XmlEvent<'_>) -> Result<(), WorkbookError>,
) -> Result<(), WorkbookError> {
    let mut reader = Reader::from_str(xml);
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) => f(XmlEvent::Start(&e, false))?,
            Ok(Event::Empty(e)) => f(XmlEvent::Start(&e, true))?,
            Ok(Event::End(e)) => f(XmlEvent::End(e.local_name().as_ref()))?,
            Ok(Event::Text(t)) => f(XmlEvent::Text(&t.xml10_content()))?,
            Ok(Event::CData(t)) => f(XmlEvent::Text(&t.xml10_content()))?,
            Ok(Event::GeneralRef(r)) => {
                let c = match r.resolve_char_ref() {
                    Ok(Some(c)) => c.to_string(),
                    _ => quick_xml::escape::resolve_predefined_entity(&r)
                        .ok_or_else(|| WorkbookError::UnknownEntity(r.to_string()))?
                        .to_string(),
                };
                f(XmlEvent::Text(&c))?
            }
            Ok(Event::Eof) => return Ok(()),
            Ok(_) => {}
            Err(e) => {
                return Err(WorkbookError::Xml {
                    byte: reader.error_position(),
                    error: e.to_string(),
                })
            }
        }
    }
}

/// What [`each_event`] reports.
enum XmlEvent<'e> {
    /// An element opens (`true`: and closes at once, `<x/>`).
    Start(&'e BytesStart<'e>, bool),
    /// An element closes: its local name.
    End(&'e str),
    /// Text.
    Text(&'e str),
}

/// The element's name without its namespace prefix.
fn local<'e>(e: &'e BytesStart) -> &'e str {
    e.local_name().into_inner()
}

impl<'a> Workbook<'a> {
    /// Opens the workbook in `bytes`.
    pub fn open(bytes: &'a [u8]) -> Result<Workbook<'a>, WorkbookError> {
        let mut zip = zip::ZipArchive::new(Cursor::new(bytes))
            .map_err(|e| WorkbookError::NotZip(e.to_string()))?;
        let workbook = part(&mut zip, "xl/workbook.xml")?.ok_or(WorkbookError::NoWorkbook)?;
        let rels = part(&mut zip, "xl/_rels/workbook.xml.rels")?.unwrap_or_default();
        let mut targets: HashMap<String, String> = HashMap::new();
        each_event(&rels, |ev| {
            if let XmlEvent::Start(e, _) = ev {
                if local(e) == "Relationship" {
                    if let (Some(id), Some(target)) = (attr(e, "Id"), attr(e, "Target")) {
                        targets.insert(id, target);
                    }
                }
            }
            Ok(())
        })?;
        let mut sheets = vec![];
        each_event(&workbook, |ev| {
            if let XmlEvent::Start(e, _) = ev {
                if local(e) == "sheet" {
                    let name = attr(e, "name").unwrap_or_default();
                    let target = attr(e, "id").and_then(|id| targets.get(&id).cloned());
                    let path = match target {
                        Some(t) if t.starts_with('/') => t[1..].to_string(),
                        Some(t) => format!("xl/{t}"),
                        None => return Err(WorkbookError::SheetWithoutData(name)),
                    };
                    sheets.push((name, path));
                }
            }
            Ok(())
        })?;
        let mut shared = vec![];
        if let Some(xml) = part(&mut zip, "xl/sharedStrings.xml")? {
            // `<si>` holds the text in `<t>`, or in runs `<r><t>`; phonetic hints `<rPh>` are
            // not part of it.
            let (mut current, mut in_t, mut in_phonetic) = (String::new(), false, false);
            each_event(&xml, |ev| {
                match ev {
                    XmlEvent::Start(e, empty) => match local(e) {
                        "si" if empty => shared.push(String::new()),
                        "si" => current.clear(),
                        "t" => in_t = !empty,
                        "rPh" => in_phonetic = !empty,
                        _ => {}
                    },
                    XmlEvent::End(name) => match name {
                        "si" => shared.push(std::mem::take(&mut current)),
                        "t" => in_t = false,
                        "rPh" => in_phonetic = false,
                        _ => {}
                    },
                    XmlEvent::Text(t) if in_t && !in_phonetic => current.push_str(t),
                    XmlEvent::Text(_) => {}
                }
                Ok(())
            })?;
        }
        Ok(Workbook {
            zip,
            sheets,
            shared,
        })
    }

    /// The sheet names in the workbook's order.
    pub fn sheet_names(&self) -> Vec<String> {
        self.sheets.iter().map(|(n, _)| n.clone()).collect()
    }

    /// The used range of sheet `name`.
    pub fn sheet(&mut self, name: &str) -> Result<Sheet, WorkbookError> {
        let path = self
            .sheets
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, p)| p.clone())
            .ok_or_else(|| WorkbookError::NoSheet(name.into()))?;
        let xml =
            part(&mut self.zip, &path)?.ok_or_else(|| WorkbookError::MissingPart(path.clone()))?;
        let mut cells: Vec<(usize, usize, Cell)> = vec![];
        let (mut row, mut col) = (0usize, 0usize);
        // The cell being read: its type, value text and inline text.
        let mut kind = String::new();
        let (mut value, mut inline) = (String::new(), String::new());
        let (mut in_v, mut in_t, mut in_phonetic, mut in_cell) = (false, false, false, false);
        let shared = &self.shared;
        each_event(&xml, |ev| {
            match ev {
                XmlEvent::Start(e, empty) => match local(e) {
                    "row" => {
                        row = match attr(e, "r") {
                            Some(r) => r
                                .parse()
                                .ok()
                                .filter(|r| (1..=1_048_576).contains(r))
                                .ok_or_else(|| WorkbookError::BadRow(r.clone()))?,
                            None => row + 1,
                        };
                        col = 0;
                    }
                    "c" => {
                        col = match attr(e, "r") {
                            Some(r) => cell_column(&r)
                                .ok_or_else(|| WorkbookError::BadCellRef(r.clone()))?,
                            None => col + 1,
                        };
                        kind = attr(e, "t").unwrap_or_default();
                        value.clear();
                        inline.clear();
                        in_cell = !empty;
                    }
                    "v" if in_cell => in_v = !empty,
                    "t" if in_cell => in_t = !empty,
                    "rPh" if in_cell => in_phonetic = !empty,
                    _ => {}
                },
                XmlEvent::End(name) => match name {
                    "c" => {
                        in_cell = false;
                        let cell =
                            cell_value(&kind, &value, &inline, shared).map_err(|problem| {
                                WorkbookError::BadCell {
                                    cell: cell_name(row, col),
                                    problem,
                                }
                            })?;
                        if cell != Cell::Empty {
                            cells.push((row.max(1), col, cell));
                        }
                    }
                    "v" => in_v = false,
                    "t" => in_t = false,
                    "rPh" => in_phonetic = false,
                    _ => {}
                },
                XmlEvent::Text(t) if in_v => value.push_str(t),
                XmlEvent::Text(t) if in_t && !in_phonetic => inline.push_str(t),
                XmlEvent::Text(_) => {}
            }
            Ok(())
        })?;
        let Some(first_row) = cells.iter().map(|c| c.0).min() else {
            return Ok(Sheet::default());
        };
        let last_row = cells.iter().map(|c| c.0).max().unwrap_or(first_row);
        let first_col = cells.iter().map(|c| c.1).min().unwrap_or(1);
        let last_col = cells.iter().map(|c| c.1).max().unwrap_or(first_col);
        let (height, width) = (last_row - first_row + 1, last_col - first_col + 1);
        if height.saturating_mul(width) > 5_000_000 {
            return Err(WorkbookError::RangeTooLarge {
                from: cell_name(first_row, first_col),
                to: cell_name(last_row, last_col),
            });
        }
        let mut rows = vec![vec![Cell::Empty; width]; height];
        for (r, c, cell) in cells {
            rows[r - first_row][c - first_col] = cell;
        }
        Ok(Sheet { first_row, rows })
    }
}

/// The 1-based column of a cell reference ("B7" -> 2), `None` when it is not one.
fn cell_column(r: &str) -> Option<usize> {
    let letters: &str = &r[..r
        .find(|c: char| !c.is_ascii_alphabetic())
        .unwrap_or(r.len())];
    if letters.is_empty() || letters.len() > 3 {
        return None;
    }
    let col = letters.bytes().fold(0usize, |n, b| {
        n * 26 + (b.to_ascii_uppercase() - b'A' + 1) as usize
    });
    (col <= 16_384).then_some(col)
}

/// "B7" for row 7, column 2.
fn cell_name(row: usize, col: usize) -> String {
    let mut letters = vec![];
    let mut c = col;
    while c > 0 {
        letters.push(b'A' + ((c - 1) % 26) as u8);
        c = (c - 1) / 26;
    }
    letters.reverse();
    format!("{}{row}", String::from_utf8_lossy(&letters))
}

/// A cell's value from its type attribute `t`, the text of `<v>` and of inline `<t>`.
fn cell_value(
    kind: &str,
    value: &str,
    inline: &str,
    shared: &[String],
) -> Result<Cell, CellProblem> {
    let value = value.trim();
    Ok(match kind {
        "s" => {
            let i: usize = value
                .parse()
                .map_err(|_| CellProblem::BadTextRef(value.into()))?;
            Cell::Text(shared.get(i).ok_or(CellProblem::MissingText(i))?.clone())
        }
        "inlineStr" => Cell::Text(inline.to_string()),
        "str" | "d" => Cell::Text(value.to_string()),
        "b" => Cell::Bool(value == "1" || value.eq_ignore_ascii_case("true")),
        "e" => Cell::Error,
        _ if value.is_empty() => Cell::Empty,
        _ => Cell::Number(
            value
                .parse::<f64>()
                .ok()
                .filter(|v| v.is_finite())
                .ok_or_else(|| CellProblem::BadNumber(value.into()))?,
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cell_references_and_names() {
        assert_eq!(cell_column("A1"), Some(1));
        assert_eq!(cell_column("Z9"), Some(26));
        assert_eq!(cell_column("AA10"), Some(27));
        assert_eq!(cell_column("XFD1048576"), Some(16_384));
        assert_eq!(cell_column("XFE1"), None);
        assert_eq!(cell_column("12"), None);
        assert_eq!(cell_name(7, 2), "B7");
        assert_eq!(cell_name(1, 27), "AA1");
        assert_eq!(cell_name(1, 16_384), "XFD1");
    }
}

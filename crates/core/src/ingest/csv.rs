//! CSV as German Excel and statistics offices write it.
//!
//! - Encoding: see [`super::text`].
//! - Delimiter: `;`, `,`, tab or `|`, sniffed from the first records (the one giving the most
//!   records with the same field count > 1 wins).
//! - Title lines above the header (e.g. "Tabelle 3: Bevölkerung 2023") and footnotes below the
//!   table ("Quelle: …") are skipped with a warning naming them.
//! - Numbers: decided per column ([`super::numbers`]); ambiguous columns are reported.
//! - Codes with leading zeros (`01100101`) stay text, so keys keep their zeros.
//! - Missing-value symbols become missing values with their reason kept.

use super::numbers::{self, CellKind, Convention, Decision, Missing};
use super::text::{self, Encoding};
use super::texts::Texts;
use super::{IngestError, Warning};
use serde::{Deserialize, Serialize};

/// How a column was read.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum ColumnKind {
    /// Numbers (missing values are `None`, with the reason in `missing`).
    Number {
        /// Decimal convention used.
        convention: Convention,
        /// The values.
        values: Vec<Option<f64>>,
        /// Why a value is missing (`None` where a value exists).
        missing: Vec<Option<Missing>>,
    },
    /// Text (also codes with leading zeros, and columns mixing numbers and words).
    Text,
}

/// One column of a read table.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TableColumn {
    /// Name from the header (trimmed; empty names become "Spalte N").
    pub name: String,
    /// The trimmed text of every cell.
    pub raw: Texts,
    /// How the column was read.
    pub kind: ColumnKind,
}

impl TableColumn {
    /// Number of missing cells (empty or missing symbols).
    pub fn missing_count(&self) -> usize {
        match &self.kind {
            ColumnKind::Number { missing, .. } => missing.iter().filter(|m| m.is_some()).count(),
            ColumnKind::Text => self
                .raw
                .iter()
                .filter(|s| matches!(numbers::classify(s), CellKind::Missing(_)))
                .count(),
        }
    }

    /// The numbers, if the column is numeric.
    pub fn numbers(&self) -> Option<&[Option<f64>]> {
        match &self.kind {
            ColumnKind::Number { values, .. } => Some(values),
            ColumnKind::Text => None,
        }
    }
}

/// A table read from CSV: columns of equal length, with provenance.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RawTable {
    /// File name (for messages).
    pub file: String,
    /// Encoding detected.
    pub encoding: Encoding,
    /// Delimiter detected.
    pub delimiter: char,
    /// 1-based line of the header.
    pub header_line: usize,
    /// 1-based line of each data row.
    pub row_lines: Vec<usize>,
    /// The columns.
    pub columns: Vec<TableColumn>,
    /// What was interpreted or skipped.
    pub warnings: Vec<Warning>,
    /// Header names that occurred more than once (the repeats carry a suffix, " (2)").
    pub duplicate_names: Vec<String>,
    /// Values that look like missing-value codes (e.g. -9999), when there are any; their
    /// warning (read as numbers) is among `warnings`.
    pub code_hint: Option<CodeHint>,
}

/// Values that look like missing-value codes ([`MISSING_CODES`]), found while typing columns.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CodeHint {
    /// The first column with such values.
    pub column: String,
    /// The line of its first such value.
    pub line: usize,
    /// The value as written.
    pub value: String,
    /// Number of columns with such values.
    pub columns: usize,
}

impl CodeHint {
    /// The warning about these values in `file`: read as numbers (a reader on its own), or
    /// treated as missing (the app's and the project's load, which declares them missing).
    pub fn warning(&self, file: &str, treated_as_missing: bool) -> Warning {
        let CodeHint {
            column,
            line,
            value,
            columns: n,
        } = self;
        let (de, en) = if treated_as_missing {
            (
                "Sie werden als fehlende Werte behandelt (keine Klasse, nicht im Durchschnitt).",
                "They are treated as missing values (no class, not in the average).",
            )
        } else {
            (
                "Sie werden als Zahlen gelesen; betroffene Gebiete ausschließen oder den Code als fehlend angeben.",
                "They are read as numbers; exclude the areas or declare the code as missing.",
            )
        };
        Warning::new(
            file,
            format!("Werte wie {value} (Spalte „{column}“, Zeile {line}; in {n} Spalten) sehen wie Codes für fehlende Werte aus. {de}"),
            format!("Values like {value} (column \"{column}\", line {line}; in {n} columns) look like missing-value codes. {en}"),
        )
    }
}

impl RawTable {
    /// The warning about keys that occur more than once in column `key` (each with the lines it
    /// stands in; the first row counts), `None` when every key is unique or there is no such
    /// column.
    pub fn duplicate_keys_warning(&self, key: &str) -> Option<Warning> {
        let keys = &self.column(key)?.raw;
        let mut lines: foldhash::HashMap<&str, Vec<usize>> = Default::default();
        let mut order: Vec<&str> = vec![];
        for (k, line) in keys.iter().zip(&self.row_lines) {
            let k = k.trim();
            let entry = lines.entry(k).or_default();
            if entry.len() == 1 {
                order.push(k);
            }
            entry.push(*line);
        }
        if order.is_empty() {
            return None;
        }
        let shown = 8;
        let list = |word: &str, open: &str, close: &str| {
            order
                .iter()
                .take(shown)
                .map(|k| {
                    let l: Vec<String> = lines[k].iter().map(|l| l.to_string()).collect();
                    format!("{open}{k}{close} ({word} {})", l.join(", "))
                })
                .collect::<Vec<_>>()
                .join(", ")
        };
        let more = match order.len().saturating_sub(shown) {
            0 => String::new(),
            n => format!(" (+{n})"),
        };
        Some(Warning::new(
            &self.file,
            format!(
                "Doppelte Schlüssel: {}{more}. Es gilt jeweils die erste Zeile; bitte die doppelten Zeilen prüfen.",
                list("Zeile", "„", "“")
            ),
            format!(
                "Duplicate keys: {}{more}. The first row counts each time; please check the duplicate rows.",
                list("line", "\"", "\"")
            ),
        ))
    }

    /// Number of data rows.
    pub fn rows(&self) -> usize {
        self.row_lines.len()
    }

    /// The column with this name.
    pub fn column(&self, name: &str) -> Option<&TableColumn> {
        self.columns.iter().find(|c| c.name == name)
    }

    /// The key column with this name: as [`RawTable::require`], and an error when the name
    /// occurred more than once in the header (which of them would be the key?).
    pub fn require_key(&self, name: &str) -> Result<&TableColumn, IngestError> {
        if self.duplicate_names.iter().any(|n| n == name) {
            return Err(IngestError::DuplicateColumn {
                file: self.file.clone(),
                name: name.to_string(),
            });
        }
        self.require(name)
    }

    /// The column with this name, or an error listing the columns.
    pub fn require(&self, name: &str) -> Result<&TableColumn, IngestError> {
        self.column(name).ok_or_else(|| IngestError::NoSuchColumn {
            file: self.file.clone(),
            name: name.to_string(),
            available: self.columns.iter().map(|c| c.name.clone()).collect(),
        })
    }
}

/// One row as read: its 1-based line (or sheet row) and its trimmed fields.
pub(crate) struct Record {
    pub(crate) line: usize,
    pub(crate) fields: Texts,
}

fn records(text: &str, delimiter: u8, limit: Option<usize>) -> Vec<Record> {
    let mut rdr = ::csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut out = vec![];
    let mut rec = ::csv::StringRecord::new();
    // Byte offsets of line starts; a record's reported position is where the previous one ended,
    // so line breaks right after it are skipped before counting.
    let newlines: Vec<usize> = text.match_indices('\n').map(|(i, _)| i).collect();
    let bytes = text.as_bytes();
    let line_of = |mut at: usize| {
        while at < bytes.len() && (bytes[at] == b'\r' || bytes[at] == b'\n') {
            at += 1;
        }
        newlines.partition_point(|&n| n < at) + 1
    };
    loop {
        if limit.is_some_and(|l| out.len() >= l) {
            break;
        }
        match rdr.read_record(&mut rec) {
            Ok(true) => out.push(Record {
                line: rec.position().map_or(0, |p| line_of(p.byte() as usize)),
                fields: {
                    let mut fields = Texts::with_capacity(rec.len(), rec.as_slice().len());
                    fields.extend(rec.iter().map(str::trim));
                    fields
                },
            }),
            Ok(false) => break,
            // Input is valid UTF-8 here; other reader errors cannot occur with flexible(true).
            Err(_) => break,
        }
    }
    out
}

fn is_blank(r: &Record) -> bool {
    r.fields.iter().all(|f| f.is_empty())
}

/// The most frequent field count > 1 among non-blank records and how often it occurs.
fn modal_width(recs: &[Record]) -> (usize, usize) {
    let mut counts = std::collections::BTreeMap::new();
    for r in recs.iter().filter(|r| !is_blank(r)) {
        *counts.entry(r.fields.len()).or_insert(0usize) += 1;
    }
    counts
        .into_iter()
        .filter(|(w, _)| *w > 1)
        .max_by_key(|(w, n)| (*n, *w))
        .unwrap_or((0, 0))
}

fn sniff_delimiter(text: &str) -> u8 {
    let mut best = (b';', 0usize, 0usize);
    for d in [b';', b',', b'\t', b'|'] {
        let recs = records(text, d, Some(40));
        let (w, n) = modal_width(&recs);
        if w > 1 && (n > best.1 || (n == best.1 && w > best.2)) {
            best = (d, n, w);
        }
    }
    best.0
}

/// Reads a CSV file (bytes as they are on disk) named `file`.
pub fn read(file: &str, bytes: &[u8]) -> Result<RawTable, IngestError> {
    if let Some((de, en)) = text::not_text(bytes) {
        return Err(IngestError::NotText {
            file: file.into(),
            kind_de: de.into(),
            kind_en: en.into(),
        });
    }
    let decoded = text::decode_reported(bytes);
    let (text, encoding) = (decoded.text, decoded.encoding);
    if text.trim().is_empty() {
        return Err(IngestError::Empty { file: file.into() });
    }
    let delimiter = sniff_delimiter(&text);
    let recs = records(&text, delimiter, None);
    // The records own their cells: a decoded copy (a file not in UTF-8; UTF-8 is read in
    // place) goes before the columns are typed.
    drop(text);
    let by_delimiter = if delimiter == b',' {
        Convention::English
    } else {
        Convention::German
    };
    let mut t = from_records(file, encoding, delimiter as char, recs, by_delimiter)?;
    if !decoded.stray_lines.is_empty() {
        t.warnings
            .insert(0, stray_warning(file, &decoded.stray_lines));
    }
    Ok(t)
}

/// The warning about bytes that are not UTF-8 in a UTF-8 file, naming their lines.
fn stray_warning(file: &str, lines: &[usize]) -> Warning {
    let shown: Vec<String> = lines.iter().take(8).map(usize::to_string).collect();
    let more = if lines.len() > 8 {
        format!(" (+{})", lines.len() - 8)
    } else {
        String::new()
    };
    let l = shown.join(", ");
    Warning::new(
        file,
        format!("Die Datei ist UTF-8, aber Zeile {l}{more} enthält Zeichen, die kein UTF-8 sind; sie werden als „�“ gezeigt. Bitte dort die Schreibweise prüfen."),
        format!("The file is UTF-8, but line {l}{more} holds characters that are not UTF-8; they are shown as \"�\". Please check the spelling there."),
    )
}

/// Most columns a table may have (a table of areas has tens to a few hundred; a transposed one
/// with the areas as columns is refused with that hint).
pub const MAX_COLUMNS: usize = 10_000;

/// A table from rows: finds the header (skipping title lines), drops trailing footnotes, checks
/// the row widths and types the columns. Shared by the CSV and the XLSX reader.
pub(crate) fn from_records(
    file: &str,
    encoding: Encoding,
    delimiter: char,
    recs: Vec<Record>,
    by_delimiter: Convention,
) -> Result<RawTable, IngestError> {
    let (width, _) = modal_width(&recs[..recs.len().min(40)]);
    if width < 2 {
        return Err(IngestError::NoTable { file: file.into() });
    }
    if width > MAX_COLUMNS {
        return Err(IngestError::TooManyColumns {
            file: file.into(),
            found: width,
            max: MAX_COLUMNS,
        });
    }
    let mut warnings = vec![];
    let header_idx = recs
        .iter()
        .position(|r| r.fields.len() == width && !is_blank(r))
        .ok_or(IngestError::NoTable { file: file.into() })?;
    let titles: Vec<&Record> = recs[..header_idx].iter().filter(|r| !is_blank(r)).collect();
    if !titles.is_empty() {
        let lines: Vec<String> = titles.iter().map(|r| r.line.to_string()).collect();
        let first = titles[0].fields.join(" ");
        warnings.push(Warning::new(
            file,
            format!(
                "Titelzeilen über der Tabelle übersprungen (Zeile {}: „{first}“).",
                lines.join(", ")
            ),
            format!(
                "Skipped title lines above the table (line {}: \"{first}\").",
                lines.join(", ")
            ),
        ));
    }
    let header = &recs[header_idx];
    let mut names: Vec<String> = Vec::with_capacity(width);
    let mut seen: std::collections::HashSet<String> = std::collections::HashSet::new();
    let mut renamed: Vec<(String, String)> = vec![];
    for (i, f) in header.fields.iter().enumerate() {
        let name = if f.is_empty() {
            format!("Spalte {}", i + 1)
        } else {
            f.to_string()
        };
        // A repeated name gets a suffix, as Excel and pandas do: "inhabitants (2)". Linear in
        // the number of columns (a set, not a search of the names so far).
        let name = if seen.contains(&name) {
            let unique = (2..)
                .map(|k| format!("{name} ({k})"))
                .find(|n| !seen.contains(n))
                .unwrap_or_default();
            renamed.push((name, unique.clone()));
            unique
        } else {
            name
        };
        seen.insert(name.clone());
        names.push(name);
    }
    if let Some((first, to)) = renamed.first().cloned() {
        let n = renamed.len();
        let more = if n > 1 {
            format!(" (und {} weitere)", n - 1)
        } else {
            String::new()
        };
        let more_en = if n > 1 {
            format!(" (and {} more)", n - 1)
        } else {
            String::new()
        };
        warnings.push(Warning::new(
            file,
            format!("Die Spalte „{first}“ kommt in der Kopfzeile mehrfach vor; die weitere heißt jetzt „{to}“{more}."),
            format!("The column \"{first}\" occurs more than once in the header; the next one is now called \"{to}\"{more_en}."),
        ));
    }

    // Data rows; a trailing block of short rows is footnotes.
    let body: Vec<&Record> = recs[header_idx + 1..]
        .iter()
        .filter(|r| !is_blank(r))
        .collect();
    let mut end = body.len();
    while end > 0 {
        let r = body[end - 1];
        let note = r.fields.len() != width && r.fields.iter().skip(1).all(|f| f.is_empty());
        if !note {
            break;
        }
        end -= 1;
    }
    if end < body.len() {
        let first = body[end].fields.join(" ");
        warnings.push(Warning::new(
            file,
            format!(
                "Fußnoten unter der Tabelle übersprungen (ab Zeile {}: „{first}“).",
                body[end].line
            ),
            format!(
                "Skipped footnotes below the table (from line {}: \"{first}\").",
                body[end].line
            ),
        ));
    }
    let body = &body[..end];
    if let Some(r) = body.iter().find(|r| r.fields.len() != width) {
        return Err(IngestError::RaggedRow {
            file: file.into(),
            line: r.line,
            expected: width,
            found: r.fields.len(),
        });
    }

    let row_lines: Vec<usize> = body.iter().map(|r| r.line).collect();
    let header_line = header.line;
    // The kept rows are the first `end` non-blank records after the header: move their cells.
    let cells: Vec<Texts> = recs
        .into_iter()
        .skip(header_idx + 1)
        .filter(|r| !is_blank(r))
        .take(row_lines.len())
        .map(|r| r.fields)
        .collect();
    let (columns, code_hint) =
        type_columns(file, names, cells, &row_lines, by_delimiter, &mut warnings);
    let mut duplicate_names: Vec<String> = renamed.into_iter().map(|(n, _)| n).collect();
    duplicate_names.dedup();
    Ok(RawTable {
        file: file.into(),
        encoding,
        delimiter,
        header_line,
        row_lines,
        columns,
        warnings,
        duplicate_names,
        code_hint,
    })
}

/// Types the columns of a table given as rows of trimmed cells (see the module docs).
///
/// One file, one locale: columns with unambiguous numbers decide the ambiguous ones; only when
/// there are none (or they disagree) does `by_delimiter` decide, with a warning. Also returns
/// the hint about missing-value codes (its warning is pushed to `warnings`).
pub fn type_columns(
    file: &str,
    names: Vec<String>,
    rows: Vec<Texts>,
    row_lines: &[usize],
    by_delimiter: Convention,
    warnings: &mut Vec<Warning>,
) -> (Vec<TableColumn>, Option<CodeHint>) {
    let width = names.len();
    // Rows to columns; every cell is classified once.
    let bytes = rows
        .iter()
        .map(|r| r.iter().map(str::len).sum::<usize>())
        .sum::<usize>();
    let mut raws: Vec<Texts> = (0..width)
        .map(|_| Texts::with_capacity(rows.len(), bytes / width.max(1)))
        .collect();
    for row in &rows {
        for (c, cell) in row.iter().enumerate().take(width) {
            raws[c].push(cell);
        }
    }
    drop(rows);
    let cells: Vec<Vec<CellKind>> = raws
        .iter()
        .map(|raw| raw.iter().map(numbers::classify).collect())
        .collect();
    type_classified(file, names, raws, cells, row_lines, by_delimiter, warnings)
}

/// [`type_columns`] for columns whose cells are classified already (`cells[c][r]` for
/// `raws[c][r]`), e.g. JSON numbers, which are never German.
pub(crate) fn type_classified(
    file: &str,
    names: Vec<String>,
    raws: Vec<Texts>,
    cells: Vec<Vec<CellKind>>,
    row_lines: &[usize],
    by_delimiter: Convention,
    warnings: &mut Vec<Warning>,
) -> (Vec<TableColumn>, Option<CodeHint>) {
    let mut evidence = (0usize, 0usize);
    for column in &cells {
        if let Decision::Numbers {
            convention,
            ambiguous: false,
        } = numbers::decide(column, by_delimiter)
        {
            let has_separator = column
                .iter()
                .any(|k| matches!(k, CellKind::German(_) | CellKind::English(_)));
            match (convention, has_separator) {
                (Convention::German, true) => evidence.0 += 1,
                (Convention::English, true) => evidence.1 += 1,
                _ => {}
            }
        }
    }
    let (fallback, file_decides) = match evidence {
        (g, 0) if g > 0 => (Convention::German, true),
        (0, e) if e > 0 => (Convention::English, true),
        _ => (by_delimiter, false),
    };
    let ctx = FileContext {
        file,
        lines: row_lines,
        fallback,
        file_decides,
    };
    let mut codes = vec![];
    let columns = names
        .into_iter()
        .zip(raws)
        .zip(cells)
        .map(|((name, raw), cells)| {
            let kind = type_column(&ctx, &name, &raw, cells, warnings, &mut codes);
            TableColumn { name, raw, kind }
        })
        .collect();
    let hint = codes.first().map(|(column, line, value)| CodeHint {
        column: column.clone(),
        line: *line,
        value: value.clone(),
        columns: codes.len(),
    });
    if let Some(h) = &hint {
        warnings.push(h.warning(file, false));
    }
    (columns, hint)
}

/// Numbers that statistics exports use for "no value"; reported, never silently dropped.
pub const MISSING_CODES: [f64; 3] = [-9999.0, -999.0, -99999.0];

/// A code such as a key with a leading zero: digits only, starting with 0, more than one digit.
fn is_code(s: &str) -> bool {
    s.len() > 1 && s.starts_with('0') && s.bytes().all(|b| b.is_ascii_digit())
}

/// What typing a column needs to know about its file.
struct FileContext<'a> {
    file: &'a str,
    lines: &'a [usize],
    fallback: Convention,
    file_decides: bool,
}

fn type_column(
    ctx: &FileContext,
    name: &str,
    raw: &Texts,
    cells: Vec<CellKind>,
    warnings: &mut Vec<Warning>,
    codes: &mut Vec<(String, usize, String)>,
) -> ColumnKind {
    let (file, lines, fallback, file_decides) =
        (ctx.file, ctx.lines, ctx.fallback, ctx.file_decides);
    // Numbers kept as numbers (a map's JSON numbers) are never codes: not written to ask.
    if !raw.holds_numbers() && raw.iter().any(is_code) {
        return ColumnKind::Text;
    }
    // A number column with a few cells that are no numbers ("siehe Fußnote", "inf", "NaN"):
    // it stays a number column, those cells are missing values, named by line.
    let mut cells = cells;
    let odd: Vec<usize> = (0..cells.len())
        .filter(|&i| matches!(cells[i], CellKind::Text))
        .collect();
    let numeric = cells
        .iter()
        .filter(|c| !matches!(c, CellKind::Text | CellKind::Missing(_)))
        .count();
    if !odd.is_empty() && numeric >= 3 && odd.len() <= 3.max(numeric / 20) {
        let listed: Vec<String> = odd
            .iter()
            .take(5)
            .map(|&i| format!("{} „{}“", lines[i], &raw[i]))
            .collect();
        let listed_en: Vec<String> = odd
            .iter()
            .take(5)
            .map(|&i| format!("{} \"{}\"", lines[i], &raw[i]))
            .collect();
        let more = if odd.len() > 5 {
            format!(" (+{})", odd.len() - 5)
        } else {
            String::new()
        };
        warnings.push(Warning::new(
            file,
            format!(
                "Spalte „{name}“: {} Zellen sind keine Zahl und werden als fehlend gelesen: Zeile {}{more}.",
                odd.len(),
                listed.join(", Zeile ")
            ),
            format!(
                "Column \"{name}\": {} cells are no number and are read as missing: line {}{more}.",
                odd.len(),
                listed_en.join(", line ")
            ),
        ));
        for &i in &odd {
            cells[i] = CellKind::Missing(Missing::NotANumber(raw[i].to_string()));
        }
    }
    match numbers::decide(&cells, fallback) {
        Decision::Numbers {
            convention,
            ambiguous,
        } => {
            if ambiguous && !file_decides {
                let example = cells
                    .iter()
                    .position(|c| matches!(c, CellKind::Ambiguous(..)))
                    .map(|i| raw[i].to_string())
                    .unwrap_or_default();
                let (de, en) = match convention {
                    Convention::German => (
                        "als Tausenderpunkt (deutsche Schreibweise)",
                        "as a thousands separator (German style)",
                    ),
                    Convention::English => (
                        "als Dezimalpunkt (englische Schreibweise)",
                        "as a decimal point (English style)",
                    ),
                };
                warnings.push(Warning::new(
                    file,
                    format!("Spalte „{name}“: Werte wie „{example}“ sind mehrdeutig; das Trennzeichen wurde {de} gelesen. Bitte prüfen."),
                    format!("Column \"{name}\": values like \"{example}\" are ambiguous; the separator was read {en}. Please check."),
                ));
            }
            let values: Vec<Option<f64>> = cells
                .iter()
                .map(|c| numbers::value(c, convention))
                .collect();
            let missing: Vec<Option<Missing>> = cells
                .into_iter()
                .map(|c| match c {
                    CellKind::Missing(m) => Some(m),
                    _ => None,
                })
                .collect();
            if let Some(i) = values
                .iter()
                .position(|v| matches!(v, Some(x) if MISSING_CODES.contains(x)))
            {
                codes.push((name.to_string(), lines[i], raw[i].to_string()));
            }
            ColumnKind::Number {
                convention,
                values,
                missing,
            }
        }
        Decision::Mixed {
            german_row,
            english_row,
        } => {
            warnings.push(Warning::new(
                file,
                format!(
                    "Spalte „{name}“ mischt deutsche (Zeile {}: „{}“) und englische Zahlen (Zeile {}: „{}“); sie wird als Text gelesen. Bitte einheitlich schreiben.",
                    lines[german_row], &raw[german_row], lines[english_row], &raw[english_row]
                ),
                format!(
                    "Column \"{name}\" mixes German (line {}: \"{}\") and English numbers (line {}: \"{}\"); it is read as text. Please use one style.",
                    lines[german_row], &raw[german_row], lines[english_row], &raw[english_row]
                ),
            ));
            ColumnKind::Text
        }
        Decision::Text { first_text_row } => {
            let numeric = cells
                .iter()
                .filter(|c| !matches!(c, CellKind::Text | CellKind::Missing(_)))
                .count();
            let texts = cells.iter().filter(|c| matches!(c, CellKind::Text)).count();
            if let Some(i) = first_text_row {
                if numeric >= 4 * texts {
                    warnings.push(Warning::new(
                        file,
                        format!("Spalte „{name}“, Zeile {}: „{}“ ist keine Zahl; die Spalte wird als Text gelesen. Fehlende Werte bitte leer lassen oder mit „.“ kennzeichnen.", lines[i], &raw[i]),
                        format!("Column \"{name}\", line {}: \"{}\" is not a number; the column is read as text. Leave missing values empty or mark them with \".\".", lines[i], &raw[i]),
                    ));
                }
            }
            ColumnKind::Text
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_german_excel_csv_with_title_lines_codes_and_missing_symbols() {
        let bytes = b"Tabelle 1: Sozialdaten 2023\r\n\r\nSchl\xfcssel;Name;Einwohner;Quote\r\n0101;Altstadt;1.234;12,5\r\n0102;Hafen;987;.\r\n0103;S\xfcdpark;2.001;3,75\r\n\r\nQuelle: Stadt Musterstadt\r\n";
        let t = read("test.csv", bytes).unwrap();
        assert_eq!(t.encoding, Encoding::Windows1252);
        assert_eq!(t.delimiter, ';');
        assert_eq!(t.header_line, 3);
        assert_eq!(t.row_lines, vec![4, 5, 6]);
        assert_eq!(t.columns[0].name, "Schlüssel");
        assert_eq!(
            t.columns[0].kind,
            ColumnKind::Text,
            "codes keep leading zeros"
        );
        assert_eq!(&t.columns[0].raw[0], "0101");
        assert_eq!(
            t.column("Einwohner").unwrap().numbers().unwrap(),
            &[Some(1234.0), Some(987.0), Some(2001.0)]
        );
        let q = t.column("Quote").unwrap();
        assert_eq!(q.numbers().unwrap(), &[Some(12.5), None, Some(3.75)]);
        assert_eq!(q.missing_count(), 1);
        assert_eq!(t.warnings.len(), 2, "{:?}", t.warnings);
        assert!(t.warnings[0].de.contains("Zeile 1"));
        assert!(t.warnings[1].de.contains("Zeile 8"));
    }

    #[test]
    fn ragged_rows_are_errors_with_line_numbers() {
        let e = read("x.csv", b"a;b;c\n1;2;3\n4;5\n6;7;8\n").unwrap_err();
        assert_eq!(
            e,
            IngestError::RaggedRow {
                file: "x.csv".into(),
                line: 3,
                expected: 3,
                found: 2
            }
        );
        assert!(e.message(crate::locale::Lang::De).contains("Zeile 3"));
    }

    #[test]
    fn ambiguous_columns_are_reported() {
        let t = read("x.csv", b"k;v\na;1.234\nb;2.500\n").unwrap();
        assert_eq!(
            t.columns[1].numbers().unwrap(),
            &[Some(1234.0), Some(2500.0)]
        );
        assert!(t.warnings.iter().any(|w| w.de.contains("mehrdeutig")));
        let t = read("x.csv", b"k,v\na,1.234\nb,2.500\n").unwrap();
        assert_eq!(t.columns[1].numbers().unwrap(), &[Some(1.234), Some(2.5)]);
        // Another column proves the file English: no warning, decimal points.
        let t = read("x.csv", b"k;v;w\na;1.234;0.5\nb;2.500;1.25\n").unwrap();
        assert_eq!(t.columns[1].numbers().unwrap(), &[Some(1.234), Some(2.5)]);
        assert!(t.warnings.is_empty(), "{:?}", t.warnings);
    }

    #[test]
    fn a_word_in_a_number_column_is_named_and_read_as_missing() {
        let t = read("x.csv", b"k;v\na;1\nb;2\nc;3\nd;4\ne;viele\nf;inf\n").unwrap();
        assert_eq!(
            t.columns[1].numbers().unwrap(),
            &[Some(1.0), Some(2.0), Some(3.0), Some(4.0), None, None]
        );
        let w = &t.warnings[0].de;
        assert!(
            w.contains("Zeile 6 „viele“") && w.contains("Zeile 7 „inf“"),
            "{w}"
        );
        // Infinity never becomes a number, however it is written.
        let t = read("x.csv", b"k;v\na;1e999\nb;2\nc;3\nd;4\n").unwrap();
        assert_eq!(t.columns[1].numbers().unwrap()[0], None);
        // Mostly words: a text column, as before.
        let t = read("x.csv", b"k;v\na;1\nb;zwei\nc;drei\nd;vier\n").unwrap();
        assert_eq!(t.columns[1].kind, ColumnKind::Text);
    }

    #[test]
    fn a_repeated_column_name_gets_a_suffix_and_a_warning() {
        let t = read(
            "mss.csv",
            b"PLR_ID,inhabitants,S1,inhabitants\n1,100,2.5,100\n",
        )
        .unwrap();
        let names: Vec<&str> = t.columns.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, ["PLR_ID", "inhabitants", "S1", "inhabitants (2)"]);
        assert!(t.warnings[0].de.contains("„inhabitants (2)“"));
    }

    #[test]
    fn binary_files_are_refused_with_what_they_look_like() {
        let e = read("bild.csv", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap_err();
        assert!(e
            .message(crate::locale::Lang::De)
            .contains("sieht aus wie ein PNG-Bild"));
        let e = read("x.csv", b"a;b\n\0\0\0;1\n").unwrap_err();
        assert!(matches!(e, IngestError::NotText { .. }));
    }

    #[test]
    fn empty_and_single_column_files_fail_clearly() {
        assert!(matches!(
            read("e.csv", b"  \n"),
            Err(IngestError::Empty { .. })
        ));
        assert!(matches!(
            read("e.csv", b"nur eine Spalte\nwert\n"),
            Err(IngestError::NoTable { .. })
        ));
    }
}

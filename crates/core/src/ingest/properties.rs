//! The attributes of the features of a map (GeoJSON properties, a Shapefile's DBF records, the
//! properties of a point layer), kept column by column as they are read: per column the text of
//! every cell in one buffer and how each cell reads as a number. At the end they become a table
//! typed by the rules of CSV columns ([`PropertyColumns::into_table`]).
//!
//! A file of 100,000 features with a dozen properties each would otherwise hold 100,000 maps of
//! a dozen JSON values, read and then turned into columns; that was more than half of reading
//! the file. The GeoJSON reader's fast path reads each feature's properties object straight
//! into the columns (`Row`); the other readers add one JSON object per feature
//! ([`PropertyColumns::push_object`]). Both give the same columns.

use super::csv::{type_classified, RawTable};
use super::numbers::{self, CellKind, Convention, Missing};
use super::text::Encoding;
use super::texts::Texts;
use serde::de::value::{MapAccessDeserializer, SeqAccessDeserializer};
use serde::de::{self, Deserialize, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Number, Value};
use std::cell::RefCell;
use std::fmt;

/// The properties of features, one row per feature, one column per name (see the module).
#[derive(Clone, Debug, Default)]
pub struct PropertyColumns {
    /// The name of each column, in the order first met.
    names: Vec<String>,
    /// The column of each name.
    column_of: foldhash::HashMap<String, usize>,
    /// The column of each position of the row read last: the features of a file mostly list
    /// the same names in the same order, so a name is mostly found there without hashing it.
    at: Vec<usize>,
    /// The cells of each column, one per row.
    columns: Vec<Column>,
    /// The number of rows ended.
    rows: usize,
}

/// One column's cells.
#[derive(Clone, Debug, Default)]
struct Column {
    /// The text of each cell (JSON numbers in English notation, see [`write_number`]).
    raw: Texts,
    /// How each cell reads.
    cells: Vec<CellKind>,
    /// What each cell was in the file.
    source: Vec<Source>,
}

/// What a cell was in the file.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Source {
    /// The feature has no property of this name.
    Absent,
    /// A JSON string.
    Text,
    /// Any other value (number, boolean, null, list, object).
    Other,
}

impl Column {
    fn push(&mut self, text: &str, kind: CellKind, source: Source) {
        self.raw.push(text);
        self.cells.push(kind);
        self.source.push(source);
    }

    fn pop(&mut self) {
        self.raw.pop();
        self.cells.pop();
        self.source.pop();
    }

    fn push_absent(&mut self) {
        self.push("", CellKind::Missing(Missing::Empty), Source::Absent);
    }

    /// A JSON number: its text in English notation, a whole number as such; written when
    /// first read ([`Texts::push_number`]) where the number is held exactly as an `f64`.
    fn push_number(&mut self, n: &Number) {
        let v = n.as_f64().unwrap_or(f64::NAN);
        match n.as_i64() {
            // Below 10^15 `write_float` writes a whole number as `write_number` does.
            Some(i) if i.unsigned_abs() < 1_000_000_000_000_000 => self.raw.push_number(v),
            None if n.is_f64() && v.is_finite() => self.raw.push_number(v),
            _ => self.raw.push_with(|out| write_number(n, out)),
        }
        self.cells.push(if v.fract() == 0.0 {
            CellKind::Plain(v)
        } else {
            CellKind::English(v)
        });
        self.source.push(Source::Other);
    }

    /// A JSON string, trimmed, read like a CSV cell.
    fn push_text(&mut self, s: &str) {
        let s = s.trim();
        self.push(s, numbers::classify(s), Source::Text);
    }

    /// Any JSON value.
    fn push_value(&mut self, v: &Value) {
        match v {
            Value::Number(n) => self.push_number(n),
            Value::String(s) => self.push_text(s),
            other => {
                let text = value_text(other);
                self.push(&text, numbers::classify(&text), Source::Other);
            }
        }
    }
}

impl PropertyColumns {
    /// No rows yet.
    pub fn new() -> PropertyColumns {
        PropertyColumns::default()
    }

    /// The number of rows.
    pub fn rows(&self) -> usize {
        self.rows
    }

    /// Adds a row: the properties of one feature as a JSON object.
    pub fn push_object(&mut self, properties: &Map<String, Value>) {
        for (position, (name, value)) in properties.iter().enumerate() {
            let c = self.cell(position, name);
            self.columns[c].push_value(value);
        }
        self.end_row();
    }

    /// Adds a row without properties.
    pub fn push_empty(&mut self) {
        self.end_row();
    }

    /// The column of `name`, the property at `position` of the row being read, made ready for
    /// its cell of this row (a name repeated in one row: the last one counts, as in a JSON
    /// object).
    fn cell(&mut self, position: usize, name: &str) -> usize {
        let c = match self.at.get(position) {
            Some(&c) if self.names[c] == name => c,
            _ => {
                let c = match self.column_of.get(name) {
                    Some(&c) => c,
                    None => {
                        let mut column = Column::default();
                        (0..self.rows).for_each(|_| column.push_absent());
                        self.columns.push(column);
                        self.names.push(name.to_string());
                        self.column_of
                            .insert(name.to_string(), self.names.len() - 1);
                        self.names.len() - 1
                    }
                };
                if position < self.at.len() {
                    self.at[position] = c;
                } else if position == self.at.len() {
                    self.at.push(c);
                }
                c
            }
        };
        if self.columns[c].cells.len() > self.rows {
            self.columns[c].pop();
        }
        c
    }

    /// Ends the row being read: the names it did not have are absent.
    fn end_row(&mut self) {
        for column in &mut self.columns {
            if column.cells.len() == self.rows {
                column.push_absent();
            }
        }
        self.rows += 1;
    }

    /// Takes back the cells of the row being read (one that could not be read whole).
    fn discard_row(&mut self) {
        for column in &mut self.columns {
            if column.cells.len() > self.rows {
                column.pop();
            }
        }
    }

    /// The rows `rows` (in that order; a row may come twice), `None` for a row without
    /// properties.
    pub fn select(self, rows: &[Option<usize>]) -> PropertyColumns {
        if rows.len() == self.rows && rows.iter().enumerate().all(|(i, r)| *r == Some(i)) {
            return self;
        }
        let columns = self
            .columns
            .iter()
            .map(|c| {
                let pick = |r: &Option<usize>| match *r {
                    Some(r) => (c.cells[r].clone(), c.source[r]),
                    None => (CellKind::Missing(Missing::Empty), Source::Absent),
                };
                let (cells, source) = rows.iter().map(pick).unzip();
                Column {
                    raw: c.raw.select(rows),
                    cells,
                    source,
                }
            })
            .collect();
        PropertyColumns {
            columns,
            rows: rows.len(),
            ..self
        }
    }

    /// A short human label of the feature in `row` (0-based `index` in its file; the two differ
    /// once rows were picked): its number and the first non-empty text (trimmed) of a name-like
    /// property ("name", "Bezeichnung"), else of any property, in name order:
    /// "Nr. 4 (Altstadt)". `row` must be below [`rows`](Self::rows).
    pub fn label(&self, index: usize, row: usize) -> String {
        let is_name = |k: &str| {
            let l = k.to_lowercase();
            l.contains("name") || l.contains("bezeichnung")
        };
        let mut by_name: Vec<usize> = (0..self.names.len()).collect();
        by_name.sort_by(|&a, &b| self.names[a].cmp(&self.names[b]));
        let text = |&c: &usize| {
            let column = &self.columns[c];
            (column.source[row] == Source::Text && !column.raw[row].is_empty())
                .then(|| &column.raw[row])
        };
        let name = by_name
            .iter()
            .filter(|&&c| is_name(&self.names[c]))
            .chain(&by_name)
            .find_map(text);
        match name {
            Some(n) => format!("Nr. {} ({n})", index + 1),
            None => format!("Nr. {}", index + 1),
        }
    }

    /// The rows as a table: the columns that any row has (in the order first met, a row's
    /// names in name order), typed by the same rules as CSV columns; JSON numbers are
    /// English-style text. `lines` gives each row's number in messages (its feature, 1-based).
    pub fn into_table(self, file: &str, encoding: Encoding, lines: Vec<usize>) -> RawTable {
        debug_assert_eq!(lines.len(), self.rows);
        let first = |c: &Column| c.source.iter().position(|s| *s != Source::Absent);
        let mut order: Vec<(usize, &str, usize)> = self
            .columns
            .iter()
            .enumerate()
            .filter_map(|(i, c)| Some((first(c)?, self.names[i].as_str(), i)))
            .collect();
        order.sort_unstable();
        let order: Vec<usize> = order.into_iter().map(|(_, _, i)| i).collect();
        let mut columns: Vec<Option<Column>> = self.columns.into_iter().map(Some).collect();
        let mut names: Vec<Option<String>> = self.names.into_iter().map(Some).collect();
        let (mut kept_names, mut raws, mut cells) = (vec![], vec![], vec![]);
        for i in order {
            let (Some(name), Some(column)) = (names[i].take(), columns[i].take()) else {
                continue;
            };
            kept_names.push(name);
            raws.push(column.raw);
            cells.push(column.cells);
        }
        let mut warnings = vec![];
        let (columns, code_hint) = type_classified(
            file,
            kept_names,
            raws,
            cells,
            &lines,
            Convention::English,
            &mut warnings,
        );
        RawTable {
            file: file.to_string(),
            encoding,
            delimiter: ',',
            header_line: 0,
            row_lines: lines,
            columns,
            warnings,
            duplicate_names: vec![],
            code_hint,
        }
    }
}

thread_local! {
    /// The columns the properties objects read as [`Row`] on this thread go into (see
    /// [`read_rows`]).
    static READING: RefCell<Option<PropertyColumns>> = const { RefCell::new(None) };
}

/// Runs `read`, during which every properties object deserialized as a [`Row`] on this thread
/// is added to new columns; gives them with `read`'s result. A reading inside `read` has its
/// own columns.
pub(super) fn read_rows<T>(read: impl FnOnce() -> T) -> (T, PropertyColumns) {
    struct Restore(Option<PropertyColumns>);
    impl Drop for Restore {
        fn drop(&mut self) {
            let before = self.0.take();
            READING.with(|r| *r.borrow_mut() = before);
        }
    }
    let restore = Restore(READING.with(|r| r.borrow_mut().replace(PropertyColumns::new())));
    let result = read();
    let columns = READING.with(|r| r.borrow_mut().take()).unwrap_or_default();
    drop(restore);
    (result, columns)
}

/// A feature's properties object, read into the columns of the running [`read_rows`]: the
/// number of its row there.
pub(super) struct Row(pub usize);

impl<'de> Deserialize<'de> for Row {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Row, D::Error> {
        deserializer.deserialize_map(RowVisitor)
    }
}

struct RowVisitor;

impl<'de> Visitor<'de> for RowVisitor {
    type Value = Row;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an object of properties")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Row, A::Error> {
        // The columns are taken out while the row is read (a property's value never reads a
        // row itself) and put back after it.
        let Some(mut columns) = READING.with(|r| r.borrow_mut().take()) else {
            return Err(de::Error::custom("properties read outside a reading"));
        };
        let mut position = 0;
        let read = loop {
            match map.next_key_seed(NameSeed(&mut columns, position)) {
                Ok(Some(c)) => {
                    if let Err(e) = map.next_value_seed(CellSeed(&mut columns.columns[c])) {
                        break Err(e);
                    }
                    position += 1;
                }
                Ok(None) => break Ok(()),
                Err(e) => break Err(e),
            }
        };
        let read = match read {
            Ok(()) => {
                columns.end_row();
                Ok(Row(columns.rows - 1))
            }
            Err(e) => {
                // The cells of the row read half are taken back: the columns stay in step.
                columns.discard_row();
                Err(e)
            }
        };
        READING.with(|r| *r.borrow_mut() = Some(columns));
        read
    }
}

/// A property's name: the column of its cell.
struct NameSeed<'a>(&'a mut PropertyColumns, usize);

impl<'de> DeserializeSeed<'de> for NameSeed<'_> {
    type Value = usize;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<usize, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl Visitor<'_> for NameSeed<'_> {
    type Value = usize;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a property name")
    }

    fn visit_str<E: de::Error>(self, name: &str) -> Result<usize, E> {
        Ok(self.0.cell(self.1, name))
    }
}

/// A property's value, read into its column's cell without a `serde_json::Value` (but for
/// lists and objects).
struct CellSeed<'a>(&'a mut Column);

impl<'de> DeserializeSeed<'de> for CellSeed<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for CellSeed<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a property value")
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<(), E> {
        self.0.push_number(&Number::from(v));
        Ok(())
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<(), E> {
        self.0.push_number(&Number::from(v));
        Ok(())
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<(), E> {
        match Number::from_f64(v) {
            Some(n) => self.0.push_number(&n),
            None => self.0.push_value(&Value::Null),
        }
        Ok(())
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<(), E> {
        self.0.push_text(v);
        Ok(())
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<(), E> {
        self.0.push_value(&Value::Bool(v));
        Ok(())
    }

    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        self.0.push_value(&Value::Null);
        Ok(())
    }

    fn visit_none<E: de::Error>(self) -> Result<(), E> {
        self.visit_unit()
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<(), A::Error> {
        let v = Value::deserialize(SeqAccessDeserializer::new(seq))?;
        self.0.push_value(&v);
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<(), A::Error> {
        let v = Value::deserialize(MapAccessDeserializer::new(map))?;
        self.0.push_value(&v);
        Ok(())
    }
}

/// The text of a property value as a key or table cell: strings as they are (trimmed),
/// integers without a decimal part, other numbers in the shortest form, null as empty.
pub fn value_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.trim().to_string(),
        Value::Number(n) => {
            let mut s = String::new();
            write_number(n, &mut s);
            s
        }
        Value::Null => String::new(),
        Value::Bool(b) => b.to_string(),
        other => other.to_string(),
    }
}

/// A JSON number as text at the end of `out`: integers without a decimal point, others in the
/// shortest form (positional, as Rust's `Display` writes them).
fn write_number(n: &Number, out: &mut String) {
    match (n.as_i64(), n.as_f64()) {
        (Some(i), _) => out.push_str(itoa::Buffer::new().format(i)),
        (None, Some(f)) if f.is_finite() => write_float(f, out),
        _ => out.push_str(&n.to_string()),
    }
}

/// A finite number as text at the end of `out`: without a decimal part when it has none, else
/// the shortest digits that read back as the same number, never in exponent form (`0.00001`,
/// not `1e-5`), as `f.to_string()` writes them (where two shortest texts are equally close,
/// either; tested), several times faster by the `zmij` crate where its output is positional.
pub(super) fn write_float(f: f64, out: &mut String) {
    use std::fmt::Write;
    if f.fract() == 0.0 {
        // A whole number below 10^15 is an integer exactly (`-0` keeps its sign, as `{:.0}`).
        if f.abs() >= 1e15 {
            let _ = write!(out, "{f}");
        } else if f == 0.0 {
            let _ = write!(out, "{f:.0}");
        } else {
            out.push_str(itoa::Buffer::new().format(f as i64));
        }
        return;
    }
    let mut buffer = zmij::Buffer::new();
    let s = buffer.format_finite(f);
    if s.bytes().any(|b| b == b'e' || b == b'E') {
        let _ = write!(out, "{f}");
    } else {
        out.push_str(s);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::csv::ColumnKind;

    fn float_text(f: f64) -> String {
        let mut s = String::new();
        write_float(f, &mut s);
        s
    }

    fn object(json: &str) -> Map<String, Value> {
        serde_json::from_str(json).unwrap()
    }

    /// Rows read by the GeoJSON reader's way (each object a [`Row`]).
    fn read_as_rows(objects: &[&str]) -> (Vec<usize>, PropertyColumns) {
        let text = format!("[{}]", objects.join(","));
        let (rows, columns) = read_rows(|| {
            serde_json::from_str::<Vec<Row>>(&text).map(|r| r.into_iter().map(|r| r.0).collect())
        });
        (rows.unwrap(), columns)
    }

    #[test]
    fn columns_keep_the_order_a_table_of_the_features_had() {
        let objects = [
            r#"{"b": 1, "a": "x", "b": 2.5}"#,
            r#"{}"#,
            r#"{"c": [1, {"d": null}], "a": null, "e": true}"#,
            r#"{"only_here": "z", "a": " 01 "}"#,
        ];
        let (rows, read) = read_as_rows(&objects);
        assert_eq!(rows, vec![0, 1, 2, 3]);
        let mut pushed = PropertyColumns::new();
        for o in objects {
            pushed.push_object(&object(o));
        }
        let lines = vec![1, 2, 3, 4];
        let table = read.clone().into_table("f", Encoding::Utf8, lines.clone());
        assert_eq!(table, pushed.into_table("f", Encoding::Utf8, lines));
        // Columns: the first row's names in name order, then each new name where first met.
        let names: Vec<&str> = table.columns.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, ["a", "b", "c", "e", "only_here"]);
        let col = |n: &str| table.column(n).unwrap();
        assert_eq!(col("a").raw, vec!["x", "", "", "01"]);
        assert_eq!(
            col("b").raw,
            vec!["2.5", "", "", ""],
            "the last of a repeated name"
        );
        assert_eq!(col("b").numbers().unwrap(), &[Some(2.5), None, None, None]);
        assert_eq!(col("c").raw[2], *r#"[1,{"d":null}]"#);
        assert_eq!(col("e").raw, vec!["", "", "true", ""]);
        assert!(matches!(col("a").kind, ColumnKind::Text));
        // Rows picked (one twice, one without properties): names no picked row has are gone.
        let picked = read.select(&[Some(3), None, Some(3), Some(0)]);
        let t = picked.into_table("f", Encoding::Utf8, vec![4, 9, 4, 1]);
        let names: Vec<&str> = t.columns.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, ["a", "only_here", "b"]);
        assert_eq!(t.column("a").unwrap().raw, vec!["01", "", "01", "x"]);
        assert_eq!(t.row_lines, vec![4, 9, 4, 1]);
    }

    #[test]
    fn labels_name_a_feature_by_its_name_else_its_first_text() {
        let mut c = PropertyColumns::new();
        for o in [
            r#"{"id": "07", "name": "Altstadt", "z": "zz"}"#,
            r#"{"id": "08", "Bezeichnung": "Hafen"}"#,
            r#"{"name": "", "n": 5, "b": "Text", "a": 3}"#,
            r#"{"n": 5, "flag": true}"#,
        ] {
            c.push_object(&object(o));
        }
        c.push_empty();
        assert_eq!(c.label(0, 0), "Nr. 1 (Altstadt)");
        assert_eq!(c.label(9, 1), "Nr. 10 (Hafen)");
        assert_eq!(
            c.label(2, 2),
            "Nr. 3 (Text)",
            "empty names and numbers skipped"
        );
        assert_eq!(c.label(3, 3), "Nr. 4", "no text");
        assert_eq!(c.label(4, 4), "Nr. 5");
    }

    #[test]
    fn rows_are_read_only_inside_a_reading_and_readings_nest() {
        assert!(serde_json::from_str::<Row>(r#"{"a": 1}"#).is_err());
        let ((inner, outer_row), outer) = read_rows(|| {
            let first = serde_json::from_str::<Row>(r#"{"a": 1}"#).unwrap().0;
            let inner = read_rows(|| serde_json::from_str::<Row>(r#"{"b": 2}"#).unwrap().0);
            let second = serde_json::from_str::<Row>(r#"{"a": 3}"#).unwrap().0;
            assert_eq!((first, second), (0, 1));
            (inner, second)
        });
        assert_eq!(
            (inner.0, inner.1.rows(), outer.rows(), outer_row),
            (0, 1, 2, 1)
        );
        // A properties object that is not one: an error, the rows read before stay.
        let (r, columns) = read_rows(|| serde_json::from_str::<Vec<Row>>(r#"[{"a": 1}, "x"]"#));
        assert!(r.is_err() && columns.rows() == 1);
        // An object broken half-way: its cells are taken back, the columns stay in step.
        let (r, columns) = read_rows(|| {
            let first = serde_json::from_str::<Row>(r#"{"a": 1, "b": 2}"#);
            let broken = serde_json::from_str::<Row>(r#"{"a": 3, "c": 4, "b": }"#);
            let last = serde_json::from_str::<Row>(r#"{"b": 5}"#);
            (first.is_ok(), broken.is_err(), last.map(|r| r.0).ok())
        });
        assert_eq!(r, (true, true, Some(1)));
        let t = columns.into_table("f", Encoding::Utf8, vec![1, 2]);
        assert_eq!(t.column("a").unwrap().raw, vec!["1", ""]);
        assert_eq!(t.column("b").unwrap().raw, vec!["2", "5"]);
        assert!(t.column("c").is_none(), "only the broken object had it");
        assert!(READING.with(|r| r.borrow().is_none()));
    }

    #[test]
    fn numbers_kept_unwritten_read_as_written_at_once() {
        // Edge numbers of JSON: each column's texts (written when read) are those written at
        // once, integers beyond 10^15 and above i64 included; an absent cell is empty.
        let values = [
            "-0",
            "0",
            "-0.0",
            "999999999999999",
            "1000000000000000",
            "9007199254740993",
            "18446744073709551615",
            "-9223372036854775808",
            "1e20",
            "1e-7",
            "1172.0",
            "12.5",
            "0.30000000000000004",
            "-9999",
        ];
        let objects: Vec<String> = values.iter().map(|v| format!(r#"{{"v": {v}}}"#)).collect();
        let mut all: Vec<&str> = objects.iter().map(String::as_str).collect();
        all.push(r#"{"w": 1}"#);
        let (_, columns) = read_as_rows(&all);
        let raw = &columns.columns[0].raw;
        assert!(
            !raw.holds_numbers(),
            "integers beyond 10^15 are written at once"
        );
        let mut expected: Vec<String> = values
            .iter()
            .map(|v| {
                let mut out = String::new();
                write_number(&serde_json::from_str::<Number>(v).unwrap(), &mut out);
                out
            })
            .collect();
        expected.push(String::new());
        assert_eq!(raw, &expected);
        // Numbers held exactly, and an absent cell: not written until read, then the same.
        let small: Vec<&str> = all.iter().take(4).chain(&all[9..]).copied().collect();
        let (_, columns) = read_as_rows(&small);
        let raw = &columns.columns[0].raw;
        assert!(raw.holds_numbers());
        let expected: Vec<&String> = expected.iter().take(4).chain(&expected[9..]).collect();
        assert_eq!(raw.to_vec().iter().collect::<Vec<_>>(), expected);
        assert_eq!(raw.to_vec()[..4], ["-0", "0", "-0", "999999999999999"]);
    }

    #[test]
    fn property_numbers_are_written_as_rust_writes_them() {
        use rand::{Rng, SeedableRng};
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(7);
        let mut values = vec![
            0.1,
            0.5,
            1.5,
            -2.25,
            1e-5,
            1.5e-5,
            9.99e-6,
            1e-7,
            123456.789,
            1e15 + 0.5,
            1e15,
            1e16,
            1.2e17,
            -0.0,
            0.0,
            3.0,
            5e-324,
            f64::MAX,
            f64::MIN_POSITIVE,
            2.0_f64.powi(53) - 1.0,
        ];
        for _ in 0..200_000 {
            values.push(rng.random_range(-1e15..1e15_f64).round());
            let mantissa: f64 = rng.random::<f64>() * 10.0;
            let exponent = rng.random_range(-12..20);
            values.push(mantissa * 10f64.powi(exponent) * if rng.random() { -1.0 } else { 1.0 });
            values.push(f64::from_bits(rng.random::<u64>() >> 2));
        }
        let (mut same, all) = (0, values.len());
        for v in values.into_iter().filter(|v| v.is_finite()) {
            let want = if v.fract() == 0.0 && v.abs() < 1e15 {
                format!("{v:.0}")
            } else {
                v.to_string()
            };
            // The same digits, or (where two shortest texts are equally close) as many digits
            // that read back as the same number.
            let got = float_text(v);
            let digits = |s: &str| s.bytes().filter(u8::is_ascii_digit).count();
            assert!(!got.contains(['e', 'E']), "{v:e}: {got}");
            assert_eq!(got.parse::<f64>().unwrap(), v, "{v:e}: {got}");
            assert_eq!(digits(&got), digits(&want), "{v:e}: {got} {want}");
            if v.fract() == 0.0 {
                assert_eq!(got, want, "whole numbers as written before");
            }
            same += usize::from(got == want);
        }
        assert!(same as f64 > 0.99 * all as f64, "{same} of {all}");
    }
}

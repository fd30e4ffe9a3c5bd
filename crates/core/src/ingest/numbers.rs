//! Numbers as German and English spreadsheets write them, and the missing-value symbols of German
//! statistics offices.
//!
//! A cell is classified on its own ([`classify`]); a column's convention is decided from all its
//! cells ([`decide`]): any unambiguous German cell (`1.234,5`, `12,5`) against none unambiguous
//! English (`1,234.5`, `12.25`) makes it German, and vice versa. Cells like `1.234` or `1,234`
//! are ambiguous; a column of only such cells follows the file's delimiter (`;` suggests German)
//! and is reported as ambiguous.

use serde::{Deserialize, Serialize};

/// Why a value is missing, as written in the source.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Missing {
    /// An empty cell.
    Empty,
    /// A symbol of the statistics offices (`.`, `-`, `–`, `x`, `*`, `/`, `k.A.`, `n.v.`, …),
    /// kept as written.
    Symbol(String),
    /// A cell that is no number in a number column ("siehe Fußnote", "inf"), kept as written
    /// and reported by line.
    NotANumber(String),
}

/// The German statistics offices' symbols for missing, withheld or impossible values
/// (Zeichenerklärung), plus common spreadsheet spellings.
pub const MISSING_SYMBOLS: [&str; 16] = [
    ".", "-", "–", "—", "x", "X", "*", "/", "…", "...", "k.A.", "k. A.", "n.v.", "n. v.", "NA",
    "#NV",
];

/// The decimal convention of a number column.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Convention {
    /// `1.234,5`
    German,
    /// `1,234.5`
    English,
}

/// What one cell looks like.
#[derive(Clone, Debug, PartialEq)]
pub enum CellKind {
    /// A missing value.
    Missing(Missing),
    /// An integer without separators, the same in both conventions.
    Plain(f64),
    /// A number only valid in the German convention.
    German(f64),
    /// A number only valid in the English convention.
    English(f64),
    /// A number valid in both with different values: (German reading, English reading).
    Ambiguous(f64, f64),
    /// Not a number.
    Text,
}

fn digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

/// `d{1,3}(SEP ddd)+`: digits grouped in threes.
fn grouped(s: &str, sep: char) -> bool {
    let mut parts = s.split(sep);
    let first = parts.next().unwrap_or("");
    if !(1..=3).contains(&first.len()) || !digits(first) {
        return false;
    }
    let mut n = 0;
    for p in parts {
        if p.len() != 3 || !digits(p) {
            return false;
        }
        n += 1;
    }
    n > 0
}

/// Parses an unsigned number with `group` as thousands separator and `point` as decimal mark.
fn parse_with(s: &str, group: char, point: char) -> Option<f64> {
    let (int, frac) = match s.split_once(point) {
        Some((i, f)) => (i, Some(f)),
        None => (s, None),
    };
    if frac.is_some_and(|f| !digits(f) || f.contains(point)) {
        return None;
    }
    let int_ok = (int.is_empty() && frac.is_some()) || digits(int) || grouped(int, group);
    if !int_ok {
        return None;
    }
    // Digits only from here on (ASCII): rebuild "int.frac" without the group separators on the
    // stack, so typing a million cells does not allocate a million strings.
    let mut buf = [0u8; 64];
    if int.len() + frac.map_or(0, |f| f.len() + 1) > buf.len() {
        let mut clean: String = int.chars().filter(|c| *c != group).collect();
        if let Some(f) = frac {
            clean.push('.');
            clean.push_str(f);
        }
        return clean.parse().ok();
    }
    let mut len = 0;
    let mut put = |b: u8| {
        buf[len] = b;
        len += 1;
    };
    int.bytes().filter(|&b| b != group as u8).for_each(&mut put);
    if let Some(f) = frac {
        put(b'.');
        f.bytes().for_each(&mut put);
    }
    std::str::from_utf8(&buf[..len]).ok()?.parse().ok()
}

/// The number `int.frac` of two runs of digits, read without another check of its parts.
fn decimal(int: &str, frac: &str) -> Option<f64> {
    let mut buffer = [0u8; 64];
    let n = int.len() + 1 + frac.len();
    let Some(b) = buffer.get_mut(..n) else {
        return format!("{int}.{frac}").parse().ok();
    };
    b[..int.len()].copy_from_slice(int.as_bytes());
    b[int.len()] = b'.';
    b[int.len() + 1..].copy_from_slice(frac.as_bytes());
    std::str::from_utf8(b).ok()?.parse().ok()
}

/// Classifies one cell (see the module docs).
pub fn classify(raw: &str) -> CellKind {
    let b = raw.as_bytes();
    let s = match (b.first(), b.last()) {
        (Some(f), Some(l)) if f.is_ascii_alphanumeric() && l.is_ascii_alphanumeric() => raw,
        _ => raw.trim(),
    };
    if s.is_empty() {
        return CellKind::Missing(Missing::Empty);
    }
    if !s.as_bytes()[0].is_ascii_digit() && MISSING_SYMBOLS.contains(&s) {
        return CellKind::Missing(Missing::Symbol(s.to_string()));
    }
    let (neg, body) = match s.strip_prefix('-').or_else(|| s.strip_prefix('−')) {
        Some(b) => (true, b.trim_start()),
        None => (false, s.strip_prefix('+').unwrap_or(s)),
    };
    let sign = |v: f64| if neg { -v } else { v };
    // Only finite values are numbers: "1e999" or 400 digits would be infinity.
    let finite = |v: Result<f64, _>| v.ok().filter(|v: &f64| v.is_finite());
    // One pass over the bytes: the points and commas among the digits, whether an exponent's
    // `e`, `E`, `+` or `-` occurs, and whether there is a byte that no number has (then it is
    // text: the readings below would all fail).
    let (mut point, mut comma, mut marks, mut no_exponent, mut text) = (None, None, 0, true, false);
    for (i, &c) in body.as_bytes().iter().enumerate() {
        match c {
            b'0'..=b'9' => {}
            b'.' | b',' => {
                marks += 1;
                *(if c == b'.' { &mut point } else { &mut comma }) = Some(i);
            }
            b'e' | b'E' | b'+' | b'-' => no_exponent = false,
            _ => {
                text = true;
                break;
            }
        }
    }
    if text {
        return CellKind::Text;
    }
    if no_exponent && marks == 0 && !body.is_empty() {
        return finite(body.parse()).map_or(CellKind::Text, |v| CellKind::Plain(sign(v)));
    }
    // The common decimal "12.25": one point, digits on both sides, and the part after the point
    // is not a group of three (so it cannot be a German thousands separator) or the part before
    // it is longer than a group: English. The common German decimal "12,25", by the same rule:
    // German (the English reading would need groups of three).
    let common = |at: usize| {
        let (int, frac) = (&body[..at], &body[at + 1..]);
        !int.is_empty() && !frac.is_empty() && (frac.len() != 3 || int.len() > 3)
    };
    match (point, comma) {
        (Some(p), None) if no_exponent && marks == 1 && common(p) => {
            return finite(body.parse()).map_or(CellKind::Text, |v| CellKind::English(sign(v)));
        }
        (None, Some(c)) if no_exponent && marks == 1 && common(c) => {
            return decimal(&body[..c], &body[c + 1..])
                .filter(|v| v.is_finite())
                .map_or(CellKind::Text, |v| CellKind::German(sign(v)));
        }
        _ => {}
    }
    // Scientific notation is English-only ("1.5e-3", "2E5").
    if !no_exponent && comma.is_none() && body.bytes().any(|b| b == b'e' || b == b'E') {
        return finite(body.parse()).map_or(CellKind::Text, |v| CellKind::English(sign(v)));
    }
    let de = parse_with(body, '.', ',').filter(|v| v.is_finite());
    let en = parse_with(body, ',', '.').filter(|v| v.is_finite());
    match (de, en) {
        (Some(d), Some(e)) if d == e => CellKind::Plain(sign(d)),
        (Some(d), Some(e)) => CellKind::Ambiguous(sign(d), sign(e)),
        (Some(d), None) => CellKind::German(sign(d)),
        (None, Some(e)) => CellKind::English(sign(e)),
        (None, None) => CellKind::Text,
    }
}

/// The decision for a column of cells.
#[derive(Clone, Debug, PartialEq)]
pub enum Decision {
    /// All cells are numbers (or missing) in this convention.
    Numbers {
        /// The convention used.
        convention: Convention,
        /// True when no cell decided it and the file's delimiter did (report this).
        ambiguous: bool,
    },
    /// Some cells are German-only and others English-only: index of one of each.
    Mixed {
        /// Row index of a German-only cell.
        german_row: usize,
        /// Row index of an English-only cell.
        english_row: usize,
    },
    /// At least one cell is text: the row index of the first.
    Text {
        /// Row index of the first text cell (`None` when every cell is missing).
        first_text_row: Option<usize>,
    },
}

/// Decides a column's convention from its classified cells; `fallback` is used when only
/// ambiguous cells exist.
pub fn decide(cells: &[CellKind], fallback: Convention) -> Decision {
    let mut german = None;
    let mut english = None;
    let mut ambiguous = false;
    let mut any_number = false;
    for (i, c) in cells.iter().enumerate() {
        match c {
            CellKind::Text => {
                return Decision::Text {
                    first_text_row: Some(i),
                }
            }
            CellKind::German(_) => {
                german.get_or_insert(i);
                any_number = true;
            }
            CellKind::English(_) => {
                english.get_or_insert(i);
                any_number = true;
            }
            CellKind::Ambiguous(..) => {
                ambiguous = true;
                any_number = true;
            }
            CellKind::Plain(_) => any_number = true,
            CellKind::Missing(_) => {}
        }
    }
    if !any_number {
        return Decision::Text {
            first_text_row: None,
        };
    }
    match (german, english) {
        (Some(g), Some(e)) => Decision::Mixed {
            german_row: g,
            english_row: e,
        },
        (Some(_), None) => Decision::Numbers {
            convention: Convention::German,
            ambiguous: false,
        },
        (None, Some(_)) => Decision::Numbers {
            convention: Convention::English,
            ambiguous: false,
        },
        (None, None) => Decision::Numbers {
            convention: fallback,
            ambiguous,
        },
    }
}

/// The value of a classified cell under a convention (`None` for missing and text).
pub fn value(cell: &CellKind, convention: Convention) -> Option<f64> {
    match (cell, convention) {
        (CellKind::Plain(v) | CellKind::German(v) | CellKind::English(v), _) => Some(*v),
        (CellKind::Ambiguous(d, _), Convention::German) => Some(*d),
        (CellKind::Ambiguous(_, e), Convention::English) => Some(*e),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn german_decimals_read_as_the_english_text_would() {
        for (de, en) in [
            ("12,25", "12.25"),
            ("0,5", "0.5"),
            ("-3,75", "-3.75"),
            ("1234,5", "1234.5"),
        ] {
            let want: f64 = en.parse().unwrap();
            assert_eq!(classify(de), CellKind::German(want), "{de}");
        }
        let long = format!("1,{}", "3".repeat(80));
        let want: f64 = long.replace(',', ".").parse().unwrap();
        assert_eq!(classify(&long), CellKind::German(want), "{long}");
    }
    use CellKind::*;

    #[test]
    fn classifies_german_english_and_ambiguous_cells() {
        assert_eq!(classify("1.234,5"), German(1234.5));
        assert_eq!(classify("12,5"), German(12.5));
        assert_eq!(classify("-0,25"), German(-0.25));
        assert_eq!(classify("1,234.5"), English(1234.5));
        assert_eq!(classify("12.25"), English(12.25));
        assert_eq!(classify("4.22594"), English(4.22594));
        assert_eq!(classify("1.234"), Ambiguous(1234.0, 1.234));
        assert_eq!(classify("1,234"), Ambiguous(1.234, 1234.0));
        assert_eq!(classify("1.234.567"), German(1234567.0));
        assert_eq!(classify(" 42 "), Plain(42.0));
        assert_eq!(classify("-9999"), Plain(-9999.0));
        assert_eq!(classify("1.5e-3"), English(0.0015));
        assert_eq!(classify("01100101"), Plain(1100101.0));
        assert_eq!(classify("12,5 %"), Text);
        assert_eq!(classify("Mitte"), Text);
        assert_eq!(classify("1.2.3"), Text);
        assert_eq!(classify(""), Missing(super::Missing::Empty));
        assert_eq!(classify("–"), Missing(super::Missing::Symbol("–".into())));
        assert_eq!(
            classify("k.A."),
            Missing(super::Missing::Symbol("k.A.".into()))
        );
    }

    #[test]
    fn a_column_is_decided_by_its_unambiguous_cells() {
        let col: Vec<CellKind> = ["1.234", "12,5", "7", "."]
            .iter()
            .map(|s| classify(s))
            .collect();
        assert_eq!(
            decide(&col, Convention::English),
            Decision::Numbers {
                convention: Convention::German,
                ambiguous: false
            }
        );
        assert_eq!(value(&col[0], Convention::German), Some(1234.0));
        let col: Vec<CellKind> = ["1.234", "2.500"].iter().map(|s| classify(s)).collect();
        assert_eq!(
            decide(&col, Convention::German),
            Decision::Numbers {
                convention: Convention::German,
                ambiguous: true
            }
        );
        let col: Vec<CellKind> = ["12,5", "1.25"].iter().map(|s| classify(s)).collect();
        assert_eq!(
            decide(&col, Convention::German),
            Decision::Mixed {
                german_row: 0,
                english_row: 1
            }
        );
        let col: Vec<CellKind> = ["12", "Mitte"].iter().map(|s| classify(s)).collect();
        assert_eq!(
            decide(&col, Convention::German),
            Decision::Text {
                first_text_row: Some(1)
            }
        );
    }
}

//! Number formatting for display and export: German (`1.234,5`) and English (`1,234.5`).

use serde::{Deserialize, Serialize};

/// The number style of a language.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum NumberStyle {
    /// Thousands separated by `.`, decimal comma.
    German,
    /// Thousands separated by `,`, decimal point.
    English,
}

/// A number typed by the user in the style of the UI: "20.000" and "12,5" in German, "20,000"
/// and "12.5" in English; a number that can only be read one way is read that way in both.
/// `None` for text and empty input.
///
/// ```
/// use sozialatlas_core::locale::{parse_number, NumberStyle};
/// assert_eq!(parse_number("20.000", NumberStyle::German), Some(20000.0));
/// assert_eq!(parse_number("20,000", NumberStyle::English), Some(20000.0));
/// assert_eq!(parse_number("12,5", NumberStyle::English), Some(12.5));
/// assert_eq!(parse_number("viel", NumberStyle::German), None);
/// ```
pub fn parse_number(s: &str, style: NumberStyle) -> Option<f64> {
    use crate::ingest::numbers::{classify, value, Convention};
    let convention = match style {
        NumberStyle::German => Convention::German,
        NumberStyle::English => Convention::English,
    };
    value(&classify(s.trim()), convention).filter(|v| v.is_finite())
}

/// Formats `x` with `decimals` digits after the separator and grouped thousands.
/// NaN and infinities come out as "–".
///
/// ```
/// use sozialatlas_core::locale::{number, NumberStyle};
/// assert_eq!(number(1234.5, 1, NumberStyle::German), "1.234,5");
/// assert_eq!(number(-1234567.0, 0, NumberStyle::English), "-1,234,567");
/// ```
pub fn number(x: f64, decimals: usize, style: NumberStyle) -> String {
    if !x.is_finite() {
        return "–".to_string();
    }
    let (group, point) = match style {
        NumberStyle::German => ('.', ','),
        NumberStyle::English => (',', '.'),
    };
    let s = format!("{:.*}", decimals, x.abs());
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (s.as_str(), None),
    };
    let mut out = String::with_capacity(s.len() + 4);
    // "-0,0" is shown as "0,0".
    if x < 0.0 && s.chars().any(|c| c.is_ascii_digit() && c != '0') {
        out.push('-');
    }
    let digits = int.len();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (digits - i) % 3 == 0 {
            out.push(group);
        }
        out.push(c);
    }
    if let Some(f) = frac {
        out.push(point);
        out.push_str(f);
    }
    out
}

/// A sensible number of decimals for showing values spanning `range`:
/// 0 for large ranges, up to 2 for small ones.
pub fn decimals_for(range: f64) -> usize {
    let r = range.abs();
    if r >= 100.0 {
        0
    } else if r >= 5.0 {
        1
    } else {
        2
    }
}

/// [`decimals_for`] the range of the values present (1 when there is no range).
pub fn decimals_for_values(values: &[Option<f64>]) -> usize {
    let (lo, hi) = values
        .iter()
        .flatten()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), &v| {
            (lo.min(v), hi.max(v))
        });
    if hi > lo {
        decimals_for(hi - lo)
    } else {
        1
    }
}

/// A difference with its sign: "+1,2", "-0,5", "0,0".
pub fn signed(x: f64, decimals: usize, style: NumberStyle) -> String {
    let s = number(x, decimals, style);
    if x > 0.0 {
        format!("+{s}")
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signed_differences_and_decimals_of_values() {
        assert_eq!(signed(1.26, 1, NumberStyle::German), "+1,3");
        assert_eq!(signed(-0.5, 1, NumberStyle::German), "-0,5");
        assert_eq!(signed(0.0, 1, NumberStyle::English), "0.0");
        assert_eq!(decimals_for_values(&[Some(1.0), None, Some(400.0)]), 0);
        assert_eq!(decimals_for_values(&[Some(1.0), Some(2.0)]), 2);
        assert_eq!(decimals_for_values(&[None, Some(3.0)]), 1);
    }

    #[test]
    fn german_and_english_grouping() {
        assert_eq!(number(0.0, 1, NumberStyle::German), "0,0");
        assert_eq!(number(999.0, 0, NumberStyle::German), "999");
        assert_eq!(number(1000.0, 0, NumberStyle::German), "1.000");
        assert_eq!(number(12.3456, 2, NumberStyle::German), "12,35");
        assert_eq!(number(-0.04, 1, NumberStyle::German), "0,0");
        assert_eq!(number(-3.5, 1, NumberStyle::German), "-3,5");
        assert_eq!(number(123456.78, 1, NumberStyle::English), "123,456.8");
        assert_eq!(number(f64::NAN, 1, NumberStyle::German), "–");
    }
}

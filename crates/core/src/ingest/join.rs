//! Joining areas (map features) and table rows on a key, with a report of what did not match.
//!
//! Keys are compared as text after trimming; on request also without leading zeros ("0101" =
//! "101"), for tables that went through a spreadsheet which dropped them. [`suggest`] ranks
//! column pairs by overlap so the user starts from the likely key.

use super::texts::Texts;
use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};
use serde::Serialize;
use std::borrow::Cow;
use std::cell::OnceCell;

/// How tolerant key matching is. Each level includes the ones before it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub enum KeyMatch {
    /// The same text after trimming spaces.
    #[default]
    Exact,
    /// Also "0101" = "101" (a spreadsheet dropped the zeros).
    IgnoreLeadingZeros,
    /// Only the digits count, without leading zeros: "STGT01" = "1" (a prefix was dropped).
    DigitsOnly,
}

/// Options for matching keys.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct JoinOptions {
    /// Tolerance of the matching.
    pub matching: KeyMatch,
}

/// The key as compared.
pub fn normalize(key: &str, opts: JoinOptions) -> String {
    compared(key, opts).into_owned()
}

/// The key as compared, borrowed from `key` where it is a part of it (no copy per key).
fn compared(key: &str, opts: JoinOptions) -> Cow<'_, str> {
    let k = key.trim();
    let strip = |t: &str| -> String {
        let s = t.trim_start_matches('0');
        if s.is_empty() && !t.is_empty() {
            "0".into()
        } else {
            s.into()
        }
    };
    match opts.matching {
        KeyMatch::Exact => Cow::Borrowed(k),
        KeyMatch::IgnoreLeadingZeros => match k.trim_start_matches('0') {
            "" if !k.is_empty() => Cow::Borrowed("0"),
            s => Cow::Borrowed(s),
        },
        KeyMatch::DigitsOnly => {
            let d: String = k.chars().filter(char::is_ascii_digit).collect();
            if d.is_empty() {
                Cow::Owned(String::new())
            } else {
                Cow::Owned(strip(&d))
            }
        }
    }
}

/// What matched and what did not.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct JoinReport {
    /// Number of map features with exactly one table row.
    pub matched: usize,
    /// Map keys without a table row (in map order).
    pub unmatched_geo: Vec<String>,
    /// Table keys without a map feature (in table order).
    pub unmatched_table: Vec<String>,
    /// Keys occurring more than once on the map.
    pub duplicates_geo: Vec<String>,
    /// Keys occurring more than once in the table (the first row is used).
    pub duplicates_table: Vec<String>,
    /// Map features with an empty key.
    pub empty_geo: usize,
    /// Table rows with an empty key.
    pub empty_table: usize,
}

/// A join: the report and, for every map feature, the table row it got.
#[derive(Clone, Debug, PartialEq)]
pub struct Join {
    /// The report.
    pub report: JoinReport,
    /// Table row of each map feature (`None`: no match).
    pub row_of_unit: Vec<Option<usize>>,
}

fn duplicates(keys: &Texts, opts: JoinOptions) -> Vec<String> {
    let mut seen = HashSet::new();
    let mut dup = vec![];
    let mut reported = HashSet::new();
    for k in keys {
        let n = compared(k, opts);
        if n.is_empty() {
            continue;
        }
        if !seen.insert(n.clone()) && reported.insert(n) {
            dup.push(k.trim().to_string());
        }
    }
    dup
}

/// Joins map keys with table keys.
pub fn join(geo_keys: &Texts, table_keys: &Texts, opts: JoinOptions) -> Join {
    let mut first_row: HashMap<Cow<str>, usize> = HashMap::with_capacity(table_keys.len());
    for (i, k) in table_keys.iter().enumerate() {
        let n = compared(k, opts);
        if !n.is_empty() {
            first_row.entry(n).or_insert(i);
        }
    }
    let geo_set: HashSet<Cow<str>> = geo_keys.iter().map(|k| compared(k, opts)).collect();
    let mut report = JoinReport {
        duplicates_geo: duplicates(geo_keys, opts),
        duplicates_table: duplicates(table_keys, opts),
        empty_geo: geo_keys.iter().filter(|k| k.trim().is_empty()).count(),
        empty_table: table_keys.iter().filter(|k| k.trim().is_empty()).count(),
        ..Default::default()
    };
    let row_of_unit: Vec<Option<usize>> = geo_keys
        .iter()
        .map(|k| {
            let n = compared(k, opts);
            let row = first_row.get(&n).copied();
            match row {
                Some(_) => report.matched += 1,
                None if !n.is_empty() => report.unmatched_geo.push(k.trim().to_string()),
                None => {}
            }
            row
        })
        .collect();
    report.unmatched_table = table_keys
        .iter()
        .filter(|k| {
            let n = compared(k, opts);
            !n.is_empty() && !geo_set.contains(&n)
        })
        .map(|k| k.trim().to_string())
        .collect();
    Join {
        report,
        row_of_unit,
    }
}

/// Whether a tolerance level is safe for a column: it must not make two different keys equal,
/// and "digits only" requires the non-digit part to be the same in every key (a constant prefix
/// such as "STGT" in "STGT01").
fn tolerance_fits(values: &Texts, matching: KeyMatch) -> bool {
    let opts = JoinOptions { matching };
    let mut seen: HashMap<Cow<str>, &str> = HashMap::new();
    for v in values.iter().map(|v| v.trim()).filter(|v| !v.is_empty()) {
        if let Some(prev) = seen.insert(compared(v, opts), v) {
            if prev != v {
                return false;
            }
        }
    }
    if matching == KeyMatch::DigitsOnly {
        let letters: HashSet<String> = values
            .iter()
            .map(|v| v.trim().chars().filter(|c| !c.is_ascii_digit()).collect())
            .collect();
        return letters.len() <= 1;
    }
    true
}

/// A running row number rather than a key: whole numbers without leading zeros, all different,
/// exactly 1..n or 0..n-1 (`lfd`, `fid`, `OBJECTID`). Such a column is chosen as the key only
/// when nothing better matches.
pub fn is_running_id(values: &Texts) -> bool {
    let mut n: Vec<u64> = Vec::with_capacity(values.len());
    for v in values.iter().map(|v| v.trim()).filter(|v| !v.is_empty()) {
        if v.len() > 1 && v.starts_with('0') {
            return false;
        }
        match v.parse::<u64>() {
            Ok(x) => n.push(x),
            Err(_) => return false,
        }
    }
    if n.len() < 3 {
        return false;
    }
    n.sort_unstable();
    let first = n[0];
    (first == 0 || first == 1) && n.iter().enumerate().all(|(i, &x)| x == first + i as u64)
}

/// A key written as text: a letter, a separator or a leading zero in some value ("011",
/// "STGT01", "01.2"), as keys of official statistics are; plain integers are not.
pub fn is_text_key(values: &Texts) -> bool {
    values
        .iter()
        .map(|v| v.trim())
        .any(|v| (v.len() > 1 && v.starts_with('0')) || v.chars().any(|c| !c.is_ascii_digit()))
}

/// How a key pair matches, for the user: an example of a loose match, and whether it is too
/// weak to be a join.
#[derive(Clone, Debug, PartialEq)]
pub struct MatchNote {
    /// A map key and the table key it matched, when the matching was not exact.
    pub example: Option<(String, String)>,
    /// A loose match that covers at most half the map's units or half the table's rows: no
    /// join (3 matches by dropped letters for a map of 170 units).
    pub weak: bool,
}

/// Assesses a chosen pair on the key values of both sides.
pub fn assess(c: &KeyCandidate, geo_keys: &Texts, table_keys: &Texts) -> MatchNote {
    if c.matching == KeyMatch::Exact {
        return MatchNote {
            example: None,
            weak: false,
        };
    }
    let opts = JoinOptions {
        matching: c.matching,
    };
    let table: HashMap<Cow<str>, &str> = table_keys
        .iter()
        .map(|k| (compared(k, opts), k))
        .filter(|(n, _)| !n.is_empty())
        .collect();
    let example = geo_keys.iter().find_map(|g| {
        let t = table.get(&compared(g, opts))?;
        (g.trim() != t.trim()).then(|| (g.trim().to_string(), t.trim().to_string()))
    });
    let rows = table_keys.iter().filter(|k| !k.trim().is_empty()).count();
    MatchNote {
        example,
        weak: c.matched * 2 <= geo_keys.len() || c.matched * 2 <= rows,
    }
}

/// A number with a fractional part, with a decimal point or comma ("12,5", "0.25"; not "3.0").
fn is_fraction(s: &str) -> bool {
    if !s.contains(['.', ',']) {
        return false;
    }
    // The comma made a point on the stack (a cell of a key column is short).
    let mut buffer = [0u8; 64];
    let text = match buffer.get_mut(..s.len()) {
        Some(b) => {
            for (to, from) in b.iter_mut().zip(s.bytes()) {
                *to = if from == b',' { b'.' } else { from };
            }
            std::str::from_utf8(b).ok()
        }
        None => None,
    };
    match text {
        Some(t) => t.parse::<f64>(),
        None => s.replace(',', ".").parse::<f64>(),
    }
    .is_ok_and(|x| x.fract() != 0.0)
}

/// A candidate key pair.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct KeyCandidate {
    /// Map property.
    pub geo: String,
    /// Table column.
    pub table: String,
    /// Number of map features that match.
    pub matched: usize,
    /// The tolerance needed for this overlap.
    pub matching: KeyMatch,
}

/// Ranks (map property, table column) pairs by how many map features they match, best first.
/// Only columns whose values are mostly distinct and that do not look like measurements (decimal
/// fractions) are considered. Pairs matching nothing are left out. Each column is normalised once
/// per tolerance, so the cost grows with the number of columns, not with their pairs.
pub fn suggest(geo: &[(String, Texts)], table: &[(String, Texts)]) -> Vec<KeyCandidate> {
    let key_like = |v: &Texts| {
        let filled: Vec<&str> = v
            .iter()
            .map(|s| s.trim())
            .filter(|s| !s.is_empty())
            .collect();
        // Measurements first: they are most columns of a large table, and counting their
        // fractions is cheaper than a set of their texts.
        let fractions = filled.iter().filter(|s| is_fraction(s)).count();
        if filled.is_empty() || fractions * 2 >= filled.len() {
            return false;
        }
        let d: HashSet<&str> = filled.iter().copied().collect();
        d.len() * 10 >= v.len() * 9
    };
    let levels = [
        KeyMatch::Exact,
        KeyMatch::IgnoreLeadingZeros,
        KeyMatch::DigitsOnly,
    ];
    let geo: Vec<&(String, Texts)> = geo.iter().filter(|(_, v)| key_like(v)).collect();
    let table: Vec<&(String, Texts)> = table.iter().filter(|(_, v)| key_like(v)).collect();
    // Per column and tolerance: whether it is safe, and the normalised keys; made when first
    // needed (a tolerance is tried only where the stricter ones matched nothing).
    // Keys as compared borrow from the columns where they can (no copy per key).
    fn prepare(vals: &Texts, matching: KeyMatch) -> Option<Vec<Cow<'_, str>>> {
        (matching == KeyMatch::Exact || tolerance_fits(vals, matching)).then(|| {
            let opts = JoinOptions { matching };
            vals.iter().map(|k| compared(k, opts)).collect()
        })
    }
    type Norm<'a> = Option<Vec<Cow<'a, str>>>;
    type Set<'a> = Option<HashSet<Cow<'a, str>>>;
    let geo_norm: Vec<[OnceCell<Norm>; 3]> = geo.iter().map(|_| Default::default()).collect();
    let table_sets: Vec<[OnceCell<Set>; 3]> = table.iter().map(|_| Default::default()).collect();
    let mut out = vec![];
    for (gi, (gname, gv)) in geo.iter().enumerate() {
        for (ti, (tname, tv)) in table.iter().enumerate() {
            for (li, &matching) in levels.iter().enumerate() {
                let g = geo_norm[gi][li].get_or_init(|| prepare(gv, matching));
                let t = table_sets[ti][li]
                    .get_or_init(|| prepare(tv, matching).map(|n| n.into_iter().collect()));
                let (Some(g), Some(t)) = (g, t) else {
                    continue;
                };
                let matched = g
                    .iter()
                    .filter(|n| !n.is_empty() && t.contains(&**n))
                    .count();
                if matched > 0 {
                    out.push(KeyCandidate {
                        geo: gname.clone(),
                        table: tname.clone(),
                        matched,
                        matching,
                    });
                    break;
                }
            }
        }
    }
    // Best overlap first; among pairs matching about as many (at least 90 % of the best)
    // prefer exact matching, text keys ("011", "STGT01") over plain integers, never a running
    // row number where a real key matches, then identical names.
    let kind = |cols: &[&(String, Texts)], name: &str| {
        cols.iter()
            .find(|(n, _)| n == name)
            .map_or((false, false), |(_, v)| (is_text_key(v), is_running_id(v)))
    };
    let best = out.iter().map(|c| c.matched).max().unwrap_or(0);
    out.sort_by_key(|c| {
        let (g_text, g_run) = kind(&geo, &c.geo);
        let (t_text, t_run) = kind(&table, &c.table);
        let near_best = c.matched * 10 >= best * 9;
        (
            !near_best,
            c.matching,
            g_run || t_run,
            !(g_text && t_text),
            std::cmp::Reverse(c.matched),
            c.geo != c.table,
        )
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(v: &[&str]) -> Texts {
        v.iter().collect()
    }

    #[test]
    fn reports_unmatched_and_duplicate_keys_on_both_sides() {
        let j = join(
            &s(&["01", "02", " 03 ", "04", "04"]),
            &s(&["01", "02", "02", "03", "99"]),
            JoinOptions::default(),
        );
        assert_eq!(j.row_of_unit, vec![Some(0), Some(1), Some(3), None, None]);
        assert_eq!(j.report.matched, 3);
        assert_eq!(j.report.unmatched_geo, s(&["04", "04"]));
        assert_eq!(j.report.unmatched_table, s(&["99"]));
        assert_eq!(j.report.duplicates_geo, s(&["04"]));
        assert_eq!(j.report.duplicates_table, s(&["02"]));
    }

    #[test]
    fn fractions_are_told_from_keys_without_a_copy_per_cell() {
        for (s, want) in [
            ("12,5", true),
            ("0.25", true),
            ("-1,75", true),
            ("1.234", true),
            ("3.0", false),
            ("1.5e3", false),
            ("01.2", true),
            ("STGT01", false),
            ("0101", false),
            ("1.234,5", false),
            ("", false),
        ] {
            assert_eq!(is_fraction(s), want, "{s}");
        }
        let long = format!("0,{}1", "0".repeat(70));
        assert!(is_fraction(&long));
    }

    #[test]
    fn text_keys_win_over_row_numbers_that_match_as_well() {
        let n = 170;
        let nummer: Texts = (1..=n).map(|i| i.to_string()).collect();
        let unbeznr: Texts = (1..=n).map(|i| format!("{i:03}")).collect();
        assert!(is_running_id(&nummer));
        assert!(!is_running_id(&unbeznr) && is_text_key(&unbeznr));
        let geo = vec![
            ("Nummer".to_string(), nummer.clone()),
            ("unbeznr".to_string(), unbeznr.clone()),
        ];
        let table = vec![
            ("lfd".to_string(), nummer.clone()),
            ("unbeznr".to_string(), unbeznr.clone()),
        ];
        let best = &suggest(&geo, &table)[0];
        assert_eq!(
            (best.geo.as_str(), best.table.as_str()),
            ("unbeznr", "unbeznr")
        );
        // With only the row numbers to go by, they are used.
        let best = &suggest(&geo[..1], &table[..1])[0];
        assert_eq!((best.geo.as_str(), best.matched), ("Nummer", 170));
    }

    #[test]
    fn leading_zeros_only_on_request() {
        let geo = s(&["0101", "0102"]);
        let table = s(&["101", "102"]);
        assert_eq!(join(&geo, &table, JoinOptions::default()).report.matched, 0);
        let j = join(
            &geo,
            &table,
            JoinOptions {
                matching: KeyMatch::IgnoreLeadingZeros,
            },
        );
        assert_eq!(j.report.matched, 2);
        let best = &suggest(&[("ID".into(), geo)], &[("Nr".into(), table)])[0];
        assert_eq!(
            (best.matched, best.matching),
            (2, KeyMatch::IgnoreLeadingZeros)
        );
        // Flensburg: the map says STGT01, the tables say 1.
        let best = &suggest(
            &[("AREA_ID".into(), s(&["STGT01", "STGT13"]))],
            &[("district_id".into(), s(&["1", "13"]))],
        )[0];
        assert_eq!((best.matched, best.matching), (2, KeyMatch::DigitsOnly));
        // Names with numbers are no keys to match digits against.
        let names = s(&["Altstadt 1", "Hafen 1", "Hafen 2"]);
        assert!(suggest(
            &[("name".into(), names)],
            &[("wert".into(), s(&["1", "2"]))]
        )
        .is_empty());
    }
}

//! The time chart of a [`Series`] as a standalone SVG: the app shows it (Steckbrief, beside the
//! map, Beamer-Modus) and exports it as SVG and PNG, so screen and file are one drawing. Years
//! sit at their true distance (gaps in the data stay visible), each line has its own colour and
//! dash (readable in black-and-white print), missing or withheld years break the line.

use super::svg::escape;
use crate::locale::{self, Lang};
use crate::stats::series::Series;
use std::fmt::Write;

/// Width and height of the drawing (it scales with its container).
pub const SIZE: (f64, f64) = (600.0, 320.0);

const LEFT: f64 = 64.0;
const RIGHT: f64 = 20.0;
const TOP: f64 = 56.0;
const BOTTOM: f64 = 36.0;

/// Colour and dash of the lines: area, coarser Sozialraum, city.
const STYLES: [(&str, &str); 3] = [("#c2391b", ""), ("#2c7bb6", "8 5"), ("#4a4a4a", "2 4")];

/// "Nice" tick values (1, 2, 2.5, 5 × 10^k) covering `lo..hi`, about `n` of them.
pub fn ticks(lo: f64, hi: f64, n: usize) -> Vec<f64> {
    if !(lo.is_finite() && hi.is_finite()) {
        return vec![];
    }
    let (lo, hi) = if hi - lo < 1e-12 {
        (lo - 1.0, hi + 1.0)
    } else {
        (lo, hi)
    };
    let raw = (hi - lo) / n.max(1) as f64;
    let mag = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 2.5, 5.0, 10.0]
        .iter()
        .map(|m| m * mag)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * mag);
    let first = (lo / step).floor() * step;
    let mut out = vec![];
    let mut t = first;
    while t <= hi + step * 1e-9 {
        out.push(t);
        t += step;
        if out.len() > 50 {
            break;
        }
    }
    if out.last().is_some_and(|l| *l < hi) {
        out.push(t);
    }
    out
}

/// The chart of `s` in `lang`; the city line is named in that language.
pub fn line_chart(s: &Series, lang: Lang) -> String {
    let (w, h) = SIZE;
    let style = lang.numbers();
    let values: Vec<f64> = s
        .lines()
        .iter()
        .flat_map(|l| l.values.iter().flatten().copied())
        .collect();
    let lo = values.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let ys = ticks(lo, hi, 5);
    let (y0, y1) = match (ys.first(), ys.last()) {
        (Some(a), Some(b)) if b > a => (*a, *b),
        _ => (0.0, 1.0),
    };
    // Periods at their true distance (years, months or days; see `period_position`).
    let at = crate::model::period_position;
    let (x0, x1) = match (s.years.first(), s.years.last()) {
        (Some(a), Some(b)) if b > a => (at(*a), at(*b)),
        (Some(a), _) => (at(*a) - 1.0, at(*a) + 1.0),
        _ => (0.0, 1.0),
    };
    let px = |y: i32| LEFT + (at(y) - x0) / (x1 - x0) * (w - LEFT - RIGHT);
    let py = |v: f64| h - BOTTOM - (v - y0) / (y1 - y0) * (h - TOP - BOTTOM);
    let mut out = String::new();
    let _ = write!(
        out,
        r##"<svg xmlns="http://www.w3.org/2000/svg" class="timeseries-chart" width="{w}" height="{h}" viewBox="0 0 {w} {h}" font-family="Noto Sans, DejaVu Sans, Arial, sans-serif" font-size="13" role="img" aria-label="{}">"##,
        escape(&s.label)
    );
    let _ = write!(out, r##"<rect width="{w}" height="{h}" fill="#ffffff"/>"##);
    // Grid and y labels.
    // As many decimals as the step has (0.5 -> 1, 0.25 -> 2, 200 -> 0).
    let tick_decimals = ys
        .windows(2)
        .map(|p| {
            let step = p[1] - p[0];
            (0..6)
                .find(|&d| {
                    let x = step * 10f64.powi(d);
                    (x - x.round()).abs() < 1e-6 * x.abs().max(1.0)
                })
                .unwrap_or(6) as usize
        })
        .max()
        .unwrap_or(0);
    for t in &ys {
        let y = py(*t);
        let _ = write!(
            out,
            r##"<line x1="{LEFT}" x2="{}" y1="{y:.1}" y2="{y:.1}" stroke="#e1e4ea"/><text x="{}" y="{:.1}" text-anchor="end" fill="#5b6475">{}</text>"##,
            w - RIGHT,
            LEFT - 8.0,
            y + 4.0,
            locale::number(*t, tick_decimals, style)
        );
    }
    // Years.
    // At most 10 year labels, 6 of the longer month or day labels.
    let most = if s.years.first().is_some_and(|y| *y >= 10_000) {
        6
    } else {
        10
    };
    let every = s.years.len().div_ceil(most).max(1);
    for (i, y) in s.years.iter().enumerate() {
        if i % every == 0 || i + 1 == s.years.len() {
            let _ = write!(
                out,
                r##"<text x="{:.1}" y="{}" text-anchor="middle" fill="#5b6475">{}</text>"##,
                px(*y),
                h - BOTTOM + 20.0,
                crate::model::period_label(*y, lang)
            );
        }
    }
    let _ = write!(
        out,
        r##"<line x1="{LEFT}" x2="{}" y1="{}" y2="{}" stroke="#8a8f99"/>"##,
        w - RIGHT,
        h - BOTTOM,
        h - BOTTOM
    );
    // Lines, broken where a year has no value.
    let city = crate::stats::series::city_name(s.count, lang);
    let lines = s.lines();
    let last = lines.len() - 1;
    let mut legend_x = LEFT;
    for (k, line) in lines.iter().enumerate() {
        let (color, dash) = STYLES[if k == last { 2 } else { k.min(1) }];
        let name = if k == last { city } else { line.name.as_str() };
        let mut d = String::new();
        let mut pen = false;
        for (y, v) in s.years.iter().zip(&line.values) {
            match v {
                Some(v) => {
                    let _ = write!(
                        d,
                        "{}{:.1} {:.1}",
                        if pen { " L" } else { " M" },
                        px(*y),
                        py(*v)
                    );
                    pen = true;
                }
                None => pen = false,
            }
        }
        let dash_attr = if dash.is_empty() {
            String::new()
        } else {
            format!(r#" stroke-dasharray="{dash}""#)
        };
        let _ = write!(
            out,
            r##"<path d="{}" fill="none" stroke="{color}" stroke-width="3"{dash_attr} data-line="{k}"/>"##,
            d.trim()
        );
        for (y, v) in s.years.iter().zip(&line.values) {
            if let Some(v) = v {
                let _ = write!(
                    out,
                    r##"<circle cx="{:.1}" cy="{:.1}" r="4" fill="{color}"><title>{} {}: {}</title></circle>"##,
                    px(*y),
                    py(*v),
                    escape(name),
                    crate::model::period_label(*y, lang),
                    locale::number(*v, s.decimals, style)
                );
            }
        }
        // Legend entry on top.
        let _ = write!(
            out,
            r##"<line x1="{legend_x}" x2="{}" y1="22" y2="22" stroke="{color}" stroke-width="3"{dash_attr}/><text x="{}" y="27" fill="#1d2330">{}</text>"##,
            legend_x + 28.0,
            legend_x + 34.0,
            escape(name)
        );
        legend_x += 48.0 + 7.5 * name.chars().count() as f64;
    }
    if lines.iter().any(|l| l.withheld.contains(&true)) {
        let note = match lang {
            Lang::De => "Lücke: geheim (kleine Zahl)",
            Lang::En => "gap: withheld (small number)",
        };
        let _ = write!(
            out,
            r##"<text x="{}" y="46" text-anchor="end" font-size="11" fill="#5b6475">{note}</text>"##,
            w - RIGHT
        );
    }
    out.push_str("</svg>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_are_round_and_cover_the_range() {
        assert_eq!(ticks(3.2, 9.7, 5), vec![2.0, 4.0, 6.0, 8.0, 10.0]);
        assert_eq!(ticks(0.0, 1.0, 4), vec![0.0, 0.25, 0.5, 0.75, 1.0]);
        let t = ticks(12.8, 12.8, 5);
        assert!(t.first().unwrap() <= &12.8 && t.last().unwrap() >= &12.8);
        assert!(ticks(f64::NAN, 1.0, 5).is_empty());
    }
}

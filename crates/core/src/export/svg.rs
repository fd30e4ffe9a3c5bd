//! The map as a standalone SVG document for reports: title, subtitle, the areas, optional
//! names, the legend, the source line and the date. The app exports it as SVG and renders it to
//! PNG; everything it shows comes from the same colouring as the screen.

use std::fmt::Write;

/// One legend entry.
#[derive(Clone, Debug, PartialEq)]
pub struct LegendEntry {
    /// Fill colour (CSS).
    pub color: String,
    /// Text, e.g. "8,2 – 12,5 %" or "sehr niedrig".
    pub label: String,
}

/// Everything the exported map shows.
#[derive(Clone, Debug, PartialEq)]
pub struct MapDocument {
    /// Title (indicator or view).
    pub title: String,
    /// Second line (year, method, data set).
    pub subtitle: String,
    /// Width and height of the map frame (SVG units; see [`crate::map::geometry::Frame`]).
    pub frame: (f64, f64),
    /// One SVG path per area.
    pub paths: Vec<String>,
    /// One fill per area.
    pub fills: Vec<String>,
    /// Names placed on the map: (x, y, text) in frame units.
    pub labels: Vec<(f64, f64, String)>,
    /// Legend heading.
    pub legend_title: String,
    /// Legend entries, top to bottom.
    pub legend: Vec<LegendEntry>,
    /// Notes under the legend (city average, method).
    pub notes: Vec<String>,
    /// Source line.
    pub source: String,
    /// Date line, e.g. "Stand: 21.11.2026".
    pub date: String,
}

/// Escapes text for XML content and attributes; characters XML 1.0 forbids (control characters
/// other than tab and line feed, U+FFFE, U+FFFF) are dropped, so a strict XML reader accepts
/// every file written with it (SVG, the sheets of the XLSX, the report).
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if (c as u32) < 0x20 && c != '\n' && c != '\t' => {}
            '\u{FFFE}' | '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

/// Width of the legend column.
const LEGEND_WIDTH: f64 = 340.0;
/// Height of the title block.
const HEAD: f64 = 90.0;
/// Height of the footer.
const FOOT: f64 = 50.0;

impl MapDocument {
    /// Width and height of the whole document.
    pub fn size(&self) -> (f64, f64) {
        let legend_h = 40.0 + 28.0 * self.legend.len() as f64 + 22.0 * self.notes.len() as f64;
        (
            self.frame.0 + LEGEND_WIDTH,
            HEAD + self.frame.1.max(legend_h) + FOOT,
        )
    }

    /// The SVG document (UTF-8 text).
    pub fn to_svg(&self) -> String {
        let (w, h) = self.size();
        let mut s = String::new();
        let _ = write!(
            s,
            r##"<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" font-family="Noto Sans, DejaVu Sans, Arial, sans-serif">
<defs>{}</defs>
<rect width="{w}" height="{h}" fill="#ffffff"/>
<text x="20" y="40" font-size="28" font-weight="bold" fill="#1d2330">{}</text>
<text x="20" y="72" font-size="18" fill="#5b6475">{}</text>
<g transform="translate(0 {HEAD})" fill-rule="evenodd" stroke="#ffffff" stroke-width="0.8">
"##,
            crate::map::palette::WITHHELD_PATTERN,
            escape(&self.title),
            escape(&self.subtitle)
        );
        for (d, fill) in self.paths.iter().zip(&self.fills) {
            let _ = writeln!(s, r#"<path d="{d}" fill="{}"/>"#, escape(fill));
        }
        if !self.labels.is_empty() {
            s.push_str(r##"<g font-size="13" text-anchor="middle" dominant-baseline="central" fill="#1d2330" stroke="#ffffff" stroke-width="3" paint-order="stroke">"##);
            s.push('\n');
            for (x, y, t) in &self.labels {
                let _ = writeln!(s, r#"<text x="{x:.1}" y="{y:.1}">{}</text>"#, escape(t));
            }
            s.push_str("</g>\n");
        }
        s.push_str("</g>\n");
        let lx = self.frame.0 + 10.0;
        let _ = writeln!(
            s,
            r##"<g transform="translate({lx} {HEAD})" font-size="16" fill="#1d2330">"##
        );
        let _ = writeln!(
            s,
            r#"<text x="0" y="20" font-weight="bold">{}</text>"#,
            escape(&self.legend_title)
        );
        let mut y = 40.0;
        for e in &self.legend {
            let _ = writeln!(
                s,
                r##"<rect x="0" y="{y}" width="28" height="20" fill="{}" stroke="#888888" stroke-width="0.5"/><text x="38" y="{}">{}</text>"##,
                escape(&e.color),
                y + 15.0,
                escape(&e.label)
            );
            y += 28.0;
        }
        y += 8.0;
        for n in &self.notes {
            let _ = writeln!(
                s,
                r##"<text x="0" y="{y}" font-size="14" fill="#5b6475">{}</text>"##,
                escape(n)
            );
            y += 22.0;
        }
        s.push_str("</g>\n");
        let _ = writeln!(
            s,
            r##"<text x="20" y="{}" font-size="14" fill="#5b6475">{}</text>"##,
            h - 20.0,
            escape(&self.source)
        );
        let _ = writeln!(
            s,
            r##"<text x="{}" y="{}" font-size="14" fill="#5b6475" text-anchor="end">{}</text>"##,
            w - 20.0,
            h - 20.0,
            escape(&self.date)
        );
        s.push_str("</svg>\n");
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc() -> MapDocument {
        MapDocument {
            title: "SGB-II-Quote <Test> & \"Co\"".into(),
            subtitle: "2024".into(),
            frame: (1000.0, 800.0),
            paths: vec!["M0 0L10 0L10 10Z".into(), "M20 0L30 0L30 10Z".into()],
            fills: vec!["#fee8c8".into(), "#e34a33".into()],
            labels: vec![(5.0, 5.0, "Nord".into())],
            legend_title: "Anteil in %".into(),
            legend: vec![
                LegendEntry {
                    color: "#fee8c8".into(),
                    label: "1,0 – 5,0".into(),
                },
                LegendEntry {
                    color: "#e34a33".into(),
                    label: "5,0 – 9,0".into(),
                },
            ],
            notes: vec!["Ø Stadt: 4,2 %".into()],
            source: "Quelle: Musterstadt".into(),
            date: "Stand: 21.11.2026".into(),
        }
    }

    #[test]
    fn document_holds_every_area_the_legend_and_escaped_texts() {
        let svg = doc().to_svg();
        assert_eq!(svg.matches("<path ").count(), 2);
        assert!(svg.contains(r##"fill="#e34a33""##));
        assert!(svg.contains("SGB-II-Quote &lt;Test&gt; &amp; &quot;Co&quot;"));
        assert!(!svg.contains("<Test>"));
        assert!(svg.contains("1,0 – 5,0") && svg.contains("Stand: 21.11.2026"));
        assert!(svg.contains(">Nord</text>"));
        // Balanced groups and one root element.
        assert_eq!(svg.matches("<g ").count(), svg.matches("</g>").count());
        assert_eq!(svg.matches("<svg ").count(), 1);
        assert!(svg.trim_end().ends_with("</svg>"));
    }

    #[test]
    fn document_grows_to_fit_a_long_legend() {
        let mut d = doc();
        d.frame = (1000.0, 100.0);
        d.legend = vec![d.legend[0].clone(); 20];
        let (_, h) = d.size();
        assert!(h >= HEAD + 40.0 + 28.0 * 20.0 + FOOT);
    }
}

//! Writing the report as one HTML document (see the module docs of [`super`]): print CSS for A4
//! with page breaks (no table row cut, a map always with its legend), every map an inline SVG,
//! every text escaped (markup in notes and commentary stays text).

use super::{areas, chosen, ReportInput};
use crate::export::svg::{escape, LegendEntry, MapDocument};
use crate::locale::{self, Lang};
use crate::map::choropleth::Choropleth;
use crate::map::geometry::{Bounds, Frame};
use crate::map::palette::{self, Palette};
use crate::model::{Atlas, IndicatorSpec};
use crate::project::{derive, ExploreParams, NoteAnchor};
use crate::stats::{area_profile, index::IndexResult, suppress::Withheld};
use std::fmt::Write;

const CSS: &str = r#"
@page { size: A4; margin: 14mm 12mm; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { font-family: "Noto Sans", "DejaVu Sans", Arial, sans-serif; font-size: 9.5pt; line-height: 1.35; color: #1d2330; margin: 0; }
.page { break-after: page; page-break-after: always; width: 100%; max-width: 186mm; margin: 0 auto; }
.page:last-child { break-after: auto; page-break-after: auto; }
h1 { font-size: 24pt; margin: 30mm 0 4mm; }
h2 { font-size: 15pt; margin: 0 0 3mm; }
h3 { font-size: 11pt; margin: 4mm 0 2mm; }
p { margin: 0 0 2mm; }
.sub { color: #5b6475; font-size: 12pt; }
.comment { white-space: pre-wrap; border-left: 1mm solid #4575b4; padding-left: 3mm; margin: 2mm 0 3mm; }
figure { margin: 0 0 3mm; break-inside: avoid; page-break-inside: avoid; }
figure svg { display: block; width: 100%; height: auto; max-height: 165mm; }
figure.chart svg { max-height: 60mm; }
table { width: 100%; border-collapse: collapse; table-layout: fixed; font-size: 8.5pt; margin-bottom: 3mm; }
th, td { padding: 0.8mm 1.5mm; border-bottom: 0.2mm solid #c9ced8; text-align: left; vertical-align: top; overflow-wrap: anywhere; }
th { background: #eef1f6; }
thead { display: table-header-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
dl { display: grid; grid-template-columns: 38mm 1fr; gap: 1mm 3mm; margin: 0 0 3mm; }
dt { color: #5b6475; } dd { margin: 0; }
.swatch { display: inline-block; width: 3mm; height: 3mm; margin-right: 1.5mm; vertical-align: -0.3mm; border: 0.1mm solid #888; }
ul.notes { padding-left: 5mm; }
@media screen {
  body { background: #e9ecf1; }
  .page { background: #ffffff; max-width: 210mm; padding: 14mm 12mm; margin: 6mm auto; box-shadow: 0 1px 4px rgba(0,0,0,0.2); }
}
"#;

fn t<'a>(lang: Lang, de: &'a str, en: &'a str) -> &'a str {
    lang.pick(de, en)
}

/// The report of `input` as one HTML document.
pub fn html(input: &ReportInput) -> String {
    let p = input.project;
    let lang = input.lang;
    let atlas = areas(input);
    let year = p.year(input.base);
    let withheld = derive::withheld(&atlas, &p.catalogue.indicators, &p.small_numbers);
    let specs = chosen(p);
    let town = if p.title.trim().is_empty() {
        input.base.name.clone()
    } else {
        p.title.clone()
    };
    let title = if p.report.title.trim().is_empty() {
        format!("{} {town}", t(lang, "Sozialbericht", "Social report"))
    } else {
        p.report.title.clone()
    };
    let frame = Bounds::of(&atlas.units.geometry).map(Frame::fit);
    let paths: Vec<String> = match &frame {
        Some(f) => atlas.units.geometry.iter().map(|g| f.path(g)).collect(),
        None => vec![String::new(); atlas.units.len()],
    };
    let map = Map {
        frame,
        paths: &paths,
        source: format!("{}: {}", t(lang, "Quelle", "Source"), atlas.source),
        date: format!("{}: {}", t(lang, "Stand", "As of"), input.date),
    };
    let status = match input.level {
        Some(def) => derive::status_at_level(
            input.base,
            &p.catalogue.indicators,
            def,
            &atlas,
            &p.classify,
            year,
        ),
        None => derive::status(&atlas, &p.catalogue.indicators, &p.classify, year),
    };
    let typology = derive::typology(&atlas, &p.catalogue.indicators, &p.cluster, year);
    let mut out = String::new();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n<style>{CSS}</style>\n</head>\n<body data-level=\"{}\" data-year=\"{year}\">\n",
        lang.code(),
        escape(&title),
        escape(input.level.map_or("", |d| d.name.as_str())),
    );
    cover(&mut out, input, &title, &town, &specs, year);
    method(&mut out, input, &atlas);
    for spec in &specs {
        if p.report.monitoring {
            monitoring_page(&mut out, input, &atlas, spec, year, &withheld, &map);
        } else {
            indicator_page(&mut out, input, &atlas, spec, year, &withheld, &map);
        }
    }
    status_page(&mut out, input, &atlas, &status, &map);
    if let Some(ty) = &typology {
        typology_page(&mut out, input, &atlas, ty, &map);
    }
    let mut shown = vec![false; p.notes.len()];
    if !p.report.monitoring {
        for i in 0..atlas.units.len() {
            for k in area_page(
                &mut out,
                input,
                &atlas,
                i,
                &specs,
                year,
                &withheld,
                &status,
                typology.as_ref(),
            ) {
                shown[k] = true;
            }
        }
    }
    other_notes(&mut out, input, &shown);
    out.push_str("</body>\n</html>\n");
    out
}

/// The map frame and paths of the areas, shared by every map of the report.
struct Map<'a> {
    frame: Option<Frame>,
    paths: &'a [String],
    source: String,
    date: String,
}

impl Map<'_> {
    /// A map as inline SVG with its title, legend and notes.
    fn svg(
        &self,
        title: &str,
        subtitle: &str,
        fills: Vec<String>,
        legend: Vec<LegendEntry>,
        notes: Vec<String>,
        lang: Lang,
    ) -> String {
        let Some(f) = &self.frame else {
            return String::new();
        };
        let doc = MapDocument {
            title: title.to_string(),
            subtitle: subtitle.to_string(),
            frame: (Frame::WIDTH, f.height()),
            paths: self.paths.to_vec(),
            fills,
            labels: vec![],
            legend_title: t(lang, "Legende", "Legend").into(),
            legend,
            notes,
            source: self.source.clone(),
            date: self.date.clone(),
        };
        let svg = doc.to_svg();
        let body = svg.find("<svg").map_or(svg.as_str(), |i| &svg[i..]);
        format!("<figure class=\"map\">{body}</figure>\n")
    }
}

fn comment(out: &mut String, input: &ReportInput, key: &str) {
    if let Some(c) = input
        .project
        .report
        .comments
        .get(key)
        .filter(|c| !c.trim().is_empty())
    {
        let _ = writeln!(
            out,
            "<p class=\"comment\" data-comment=\"{}\">{}</p>",
            escape(key),
            escape(c)
        );
    }
}

fn cover(
    out: &mut String,
    input: &ReportInput,
    title: &str,
    town: &str,
    specs: &[&IndicatorSpec],
    year: i32,
) {
    let lang = input.lang;
    let p = input.project;
    let _ = writeln!(
        out,
        "<section class=\"page cover\" data-testid=\"report-cover\">"
    );
    let _ = writeln!(out, "<h1>{}</h1>", escape(title));
    let _ = writeln!(
        out,
        "<p class=\"sub\">{} · {} · {}</p>",
        escape(town),
        escape(&crate::model::period_label(year, lang)),
        escape(&input.date)
    );
    if !p.report.intro.trim().is_empty() {
        let _ = writeln!(
            out,
            "<p class=\"comment\" data-comment=\"intro\">{}</p>",
            escape(&p.report.intro)
        );
    }
    let _ = writeln!(out, "<h3>{}</h3>", t(lang, "Datenquellen", "Data sources"));
    let _ = writeln!(
        out,
        "<table><thead><tr><th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>",
        t(lang, "Indikator", "Indicator"),
        t(lang, "Quelle", "Source"),
        t(lang, "Stichtag", "Reference date")
    );
    for s in specs {
        let source = if s.source.is_empty() {
            input.base.source.as_str()
        } else {
            s.source.as_str()
        };
        let _ = writeln!(
            out,
            "<tr><td>{}</td><td>{}</td><td>{}</td></tr>",
            escape(&s.label),
            escape(source),
            escape(&s.date)
        );
    }
    out.push_str("</tbody></table>\n");
    let files: Vec<String> = p
        .inputs
        .map
        .iter()
        .chain(p.inputs.table.iter())
        .chain(p.inputs.points.iter())
        .map(|f| f.name.clone())
        .collect();
    if !files.is_empty() {
        let _ = writeln!(
            out,
            "<p>{}: {}</p>",
            t(lang, "Dateien", "Files"),
            escape(&files.join(", "))
        );
    }
    out.push_str("</section>\n");
}

fn method(out: &mut String, input: &ReportInput, atlas: &Atlas) {
    let lang = input.lang;
    let p = input.project;
    let _ = writeln!(
        out,
        "<section class=\"page method\"><h2>{}</h2>",
        t(lang, "Methode", "Method")
    );
    let level = match input.level {
        Some(d) => format!(
            "{} „{}“: {} {}",
            t(lang, "Sozialräume der Definition", "Sozialräume of the definition"),
            d.name,
            atlas.units.len(),
            t(lang, "Gebiete; ihre Werte aus den Gebieten zusammengefasst (Anzahlen summiert, Anteile aus summierten Zählern und Nennern, sonst einwohnergewichtet)", "areas; their figures aggregated from the units (counts summed, shares from summed numerators and denominators, else weighted by population)")
        ),
        None => format!("{} {}", atlas.units.len(), t(lang, "Gebiete der Karte", "areas of the map")),
    };
    let min = locale::number(p.small_numbers.min_cases, 0, lang.numbers());
    let items = [
        (t(lang, "Ebene", "Level"), level),
        (
            t(lang, "Städtischer Durchschnitt", "City average"),
            t(lang, "Anteile und Quoten: Summe der Zähler durch Summe der Nenner; Mittelwerte nach Einwohnern gewichtet; Anzahlen: Summe", "shares and rates: sum of numerators over sum of denominators; means weighted by population; counts: total").into(),
        ),
        (
            t(lang, "Klassen der Karten", "Map classes"),
            {
                use crate::map::classes::Scheme;
                let scheme = match p.explore.scheme {
                    Scheme::Quantile | Scheme::Manual => t(lang, "Quantile (gleich viele Gebiete je Klasse)", "quantiles (equal numbers of areas per class)"),
                    Scheme::Equal => t(lang, "gleiche Abstände", "equal intervals"),
                    Scheme::Jenks => t(lang, "natürliche Brüche (Jenks)", "natural breaks (Jenks)"),
                    Scheme::StdDev => t(lang, "Standardabweichungen um den Durchschnitt", "standard deviations around the mean"),
                };
                format!("{scheme}, {} {}", p.explore.classes, t(lang, "Klassen", "classes"))
            },
        ),
        (
            t(lang, "Statusindex", "Status index"),
            t(lang, "Methode Monitoring Soziale Stadtentwicklung: z-Werte der Indikatoren (Richtung beachtet), Summe, erneut standardisiert; hoch < −1, mittel −1 … +1, niedrig +1 … +1,5, sehr niedrig > +1,5", "method of the Berlin MSS: z-values of the indicators (direction observed), sum, standardised again; high < −1, middle −1 … +1, low +1 … +1.5, very low > +1.5").into(),
        ),
        (
            t(lang, "Kleine Zahlen", "Small numbers"),
            format!(
                "{} {min} {}",
                t(lang, "Werte aus weniger als", "Values resting on fewer than"),
                t(lang, "Fällen werden nicht gezeigt („geheim“); Durchschnitte, Indizes und Klassen nutzen alle Daten.", "cases are withheld (\"geheim\"); averages, indices and classes use all data.")
            ),
        ),
    ];
    out.push_str("<dl>");
    for (k, v) in items {
        let _ = write!(out, "<dt>{}</dt><dd>{}</dd>", escape(k), escape(&v));
    }
    out.push_str("</dl>\n");
    comment(out, input, "method");
    out.push_str("</section>\n");
}

/// The `data-class` of an area on an indicator map: its class index, `geheim` or `na`.
fn class_of(c: &Choropleth, i: usize) -> String {
    match c.classes.get(i).copied().flatten() {
        Some(k) => k.to_string(),
        None if c.withheld.get(i).copied().unwrap_or(false) => "geheim".into(),
        None => "na".into(),
    }
}

fn choropleth_legend(c: &Choropleth, lang: Lang) -> Vec<LegendEntry> {
    let mut legend: Vec<LegendEntry> = (0..c.colors.len())
        .map(|k| LegendEntry {
            color: c.colors[k].to_string(),
            label: format!(
                "{} ({})",
                c.class_label(k, lang),
                c.counts.get(k).copied().unwrap_or(0)
            ),
        })
        .collect();
    if c.missing > 0 {
        legend.push(LegendEntry {
            color: c.missing_color.into(),
            label: format!("{} ({})", t(lang, "keine Angabe", "no data"), c.missing),
        });
    }
    if c.withheld_count() > 0 {
        legend.push(LegendEntry {
            color: palette::WITHHELD.into(),
            label: format!("{} ({})", t(lang, "geheim", "withheld"), c.withheld_count()),
        });
    }
    legend
}

fn indicator_page(
    out: &mut String,
    input: &ReportInput,
    atlas: &Atlas,
    spec: &IndicatorSpec,
    year: i32,
    withheld: &Withheld,
    map: &Map,
) {
    let lang = input.lang;
    // The values of the year, whatever the screen shows (a change map, bounds typed for one
    // indicator).
    let mut params = input.project.explore.clone();
    params.change = false;
    if params.scheme == crate::map::classes::Scheme::Manual {
        params.scheme = crate::map::classes::Scheme::Quantile;
    }
    let c = derive::explore_map(atlas, spec, &params, year, withheld);
    let style = lang.numbers();
    let _ = writeln!(
        out,
        "<section class=\"page indicator\" data-indicator=\"{}\">",
        escape(&spec.id)
    );
    let _ = writeln!(out, "<h2>{}</h2>", escape(&spec.label));
    let avg = c
        .city_average
        .value
        .map_or("–".into(), |v| c.value_label(Some(v), style));
    let fills = (0..atlas.units.len())
        .map(|i| c.fill(i).to_string())
        .collect();
    let notes = vec![format!("Ø {}: {avg}", t(lang, "Stadt", "city"))];
    // The heading names the indicator; the figure only the place and the year (a long label
    // would run off the map's frame).
    out.push_str(&map.svg(
        &format!(
            "{} · {}",
            atlas.name,
            crate::model::period_label(year, lang)
        ),
        "",
        fills,
        choropleth_legend(&c, lang),
        notes,
        lang,
    ));
    comment(out, input, &spec.id);
    ranked_table(out, atlas, &c, lang);
    out.push_str("</section>\n");
}

fn ranked_table(out: &mut String, atlas: &Atlas, c: &Choropleth, lang: Lang) {
    let style = lang.numbers();
    let mut order: Vec<usize> = (0..atlas.units.len()).collect();
    order.sort_by(|&a, &b| match (c.values[a], c.values[b]) {
        (Some(x), Some(y)) => y.total_cmp(&x),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        _ => atlas.units.names[a].cmp(&atlas.units.names[b]),
    });
    let _ = writeln!(
        out,
        "<table class=\"ranked\"><colgroup><col style=\"width:10%\"><col style=\"width:42%\"><col style=\"width:20%\"><col style=\"width:28%\"></colgroup><thead><tr><th class=\"num\">{}</th><th>{}</th><th>{}</th><th class=\"num\">{}</th></tr></thead><tbody>",
        t(lang, "Rang", "Rank"),
        t(lang, "Gebiet", "Area"),
        t(lang, "Schlüssel", "Key"),
        t(lang, "Wert", "Value")
    );
    let mut rank = 0;
    for i in order {
        let value = if c.withheld.get(i).copied().unwrap_or(false) {
            t(lang, "geheim", "withheld").to_string()
        } else {
            c.value_label(c.values[i], style)
        };
        let r = if c.values[i].is_some() {
            rank += 1;
            rank.to_string()
        } else {
            String::new()
        };
        let _ = writeln!(
            out,
            "<tr data-key=\"{}\" data-class=\"{}\"><td class=\"num\">{r}</td><td>{}</td><td>{}</td><td class=\"num\">{}</td></tr>",
            escape(&atlas.units.keys[i]),
            class_of(c, i),
            escape(&atlas.units.names[i]),
            escape(&atlas.units.keys[i]),
            escape(&value)
        );
    }
    out.push_str("</tbody></table>\n");
}

fn monitoring_page(
    out: &mut String,
    input: &ReportInput,
    atlas: &Atlas,
    spec: &IndicatorSpec,
    year: i32,
    withheld: &Withheld,
    map: &Map,
) {
    let lang = input.lang;
    let style = lang.numbers();
    // The change since the previous year (not the base year chosen on screen).
    let mut params = ExploreParams {
        change: true,
        base_year: None,
        ..input.project.explore.clone()
    };
    if params.scheme == crate::map::classes::Scheme::Manual {
        params.scheme = crate::map::classes::Scheme::Quantile;
    }
    let from = params.change_from(&atlas.years, year);
    let _ = writeln!(
        out,
        "<section class=\"page monitoring\" data-indicator=\"{}\">",
        escape(&spec.id)
    );
    let _ = writeln!(out, "<h2>{}</h2>", escape(&spec.label));
    let Some(from) = from else {
        let _ = writeln!(
            out,
            "<p>{}</p></section>",
            t(
                lang,
                "Kein Vorjahr in den Daten: keine Veränderung.",
                "No previous year in the data: no change."
            )
        );
        return;
    };
    let c = derive::explore_map(atlas, spec, &params, year, withheld);
    let fills = (0..atlas.units.len())
        .map(|i| c.fill(i).to_string())
        .collect();
    let sub = format!(
        "{} {} → {}",
        t(lang, "Veränderung", "Change"),
        crate::model::period_label(from, lang),
        crate::model::period_label(year, lang)
    );
    out.push_str(&map.svg(&sub, "", fills, choropleth_legend(&c, lang), vec![], lang));
    comment(out, input, &spec.id);
    let before = atlas.indicator_values(spec, from);
    let now = atlas.indicator_values(spec, year);
    let mask_now = withheld.indicator(atlas, spec, year);
    let mask_before = withheld.indicator(atlas, spec, from);
    let _ = writeln!(
        out,
        "<table class=\"change\"><thead><tr><th>{}</th><th class=\"num\">{}</th><th class=\"num\">{}</th><th class=\"num\">{}</th></tr></thead><tbody>",
        t(lang, "Gebiet", "Area"),
        escape(&crate::model::period_label(from, lang)),
        escape(&crate::model::period_label(year, lang)),
        escape(&if c.unit.is_empty() {
            t(lang, "Veränderung", "Change").to_string()
        } else {
            format!("{} ({})", t(lang, "Veränderung", "Change"), c.unit)
        })
    );
    let mut order: Vec<usize> = (0..atlas.units.len()).collect();
    order.sort_by(|&a, &b| {
        c.values[b]
            .unwrap_or(f64::NEG_INFINITY)
            .total_cmp(&c.values[a].unwrap_or(f64::NEG_INFINITY))
    });
    let cell = |v: Option<f64>, hidden: bool| {
        if hidden {
            t(lang, "geheim", "withheld").to_string()
        } else {
            v.map_or("–".into(), |x| {
                locale::number(x, c.decimals.max(1), style)
            })
        }
    };
    for i in order {
        let hidden = mask_now.get(i).copied().unwrap_or(false)
            || mask_before.get(i).copied().unwrap_or(false);
        let _ = writeln!(
            out,
            "<tr data-key=\"{}\" data-class=\"{}\"><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
            escape(&atlas.units.keys[i]),
            class_of(&c, i),
            escape(&atlas.units.names[i]),
            cell(before[i], hidden),
            cell(now[i], hidden),
            if hidden { t(lang, "geheim", "withheld").to_string() } else { c.values[i].map_or("–".into(), |x| locale::signed(x, c.decimals.max(1), style)) }
        );
    }
    out.push_str("</tbody></table></section>\n");
}

fn status_page(out: &mut String, input: &ReportInput, atlas: &Atlas, r: &IndexResult, map: &Map) {
    let lang = input.lang;
    let style = lang.numbers();
    let _ = writeln!(
        out,
        "<section class=\"page status\" data-testid=\"report-status\"><h2>{}</h2>",
        t(lang, "Statusindex", "Status index")
    );
    let fills = (0..atlas.units.len())
        .map(|i| {
            r.class[i]
                .map_or(palette::WITHOUT_CLASS, |c| palette::STATUS[c.min(3)])
                .to_string()
        })
        .collect();
    let mut legend: Vec<LegendEntry> = r
        .labels
        .iter()
        .enumerate()
        .map(|(c, l)| LegendEntry {
            color: palette::STATUS[c.min(3)].into(),
            label: format!(
                "{} ({})",
                crate::stats::index::class_label(l, lang),
                r.class.iter().filter(|x| **x == Some(c)).count()
            ),
        })
        .collect();
    legend.push(LegendEntry {
        color: palette::WITHOUT_CLASS.into(),
        label: format!(
            "{} ({})",
            crate::stats::index::class_label(crate::stats::index::WITHOUT_CLASS, lang),
            r.class.iter().filter(|x| x.is_none()).count()
        ),
    });
    let ids = input.project.chosen(&input.project.classify.indicators);
    let names: Vec<&str> = ids.iter().map(|s| s.label.as_str()).collect();
    out.push_str(&map.svg(
        &format!(
            "{} · {}",
            atlas.name,
            t(lang, "Statusindex", "Status index")
        ),
        "",
        fills,
        legend,
        vec![],
        lang,
    ));
    let _ = writeln!(
        out,
        "<p>{}: {}</p>",
        t(lang, "Indikatoren", "Indicators"),
        escape(&names.join(", "))
    );
    comment(out, input, "status");
    let mut order: Vec<usize> = (0..atlas.units.len()).collect();
    order.sort_by(|&a, &b| {
        r.index[b]
            .unwrap_or(f64::NEG_INFINITY)
            .total_cmp(&r.index[a].unwrap_or(f64::NEG_INFINITY))
    });
    let _ = writeln!(
        out,
        "<table class=\"status-list\"><thead><tr><th>{}</th><th>{}</th><th class=\"num\">{}</th><th>{}</th></tr></thead><tbody>",
        t(lang, "Gebiet", "Area"),
        t(lang, "Schlüssel", "Key"),
        t(lang, "Index", "Index"),
        t(lang, "Statusklasse", "Status class")
    );
    for i in order {
        let _ = writeln!(
            out,
            "<tr data-key=\"{}\" data-class=\"{}\"><td>{}</td><td>{}</td><td class=\"num\">{}</td><td>{}</td></tr>",
            escape(&atlas.units.keys[i]),
            escape(r.label(i)),
            escape(&atlas.units.names[i]),
            escape(&atlas.units.keys[i]),
            r.index[i].map_or("–".into(), |x| locale::number(x, 2, style)),
            escape(&crate::stats::index::class_label(r.label(i), lang))
        );
    }
    out.push_str("</tbody></table></section>\n");
}

fn typology_page(
    out: &mut String,
    input: &ReportInput,
    atlas: &Atlas,
    ty: &crate::cluster::typology::Typology,
    map: &Map,
) {
    let lang = input.lang;
    let style = lang.numbers();
    let colors = Palette::BuYlRd.colors(ty.profiles.len());
    let _ = writeln!(
        out,
        "<section class=\"page typology\"><h2>{}</h2>",
        t(lang, "Typisierung", "Typology")
    );
    let fills = ty
        .labels
        .iter()
        .map(|c| {
            c.map_or(palette::WITHOUT_CLASS, |c| colors[c.min(colors.len() - 1)])
                .to_string()
        })
        .collect();
    let legend = ty
        .profiles
        .iter()
        .map(|p| LegendEntry {
            color: colors[(p.cluster - 1).min(colors.len() - 1)].into(),
            label: format!(
                "{} {} ({})",
                t(lang, "Cluster", "Cluster"),
                p.cluster,
                p.size
            ),
        })
        .collect();
    out.push_str(&map.svg(
        &format!("{} · {}", atlas.name, t(lang, "Typisierung", "Typology")),
        "",
        fills,
        legend,
        vec![t(lang, "1 = am wenigsten benachteiligt", "1 = least disadvantaged").into()],
        lang,
    ));
    let _ = writeln!(
        out,
        "<p>{}: {}</p>",
        t(lang, "Indikatoren", "Indicators"),
        escape(&ty.names.join(", "))
    );
    comment(out, input, "typology");
    let _ = write!(
        out,
        "<table class=\"profiles\"><thead><tr><th>{}</th><th class=\"num\">{}</th>",
        t(lang, "Cluster", "Cluster"),
        t(lang, "Gebiete", "Areas")
    );
    for n in &ty.names {
        let _ = write!(out, "<th class=\"num\">{}</th>", escape(n));
    }
    out.push_str("</tr></thead><tbody>\n");
    for p in &ty.profiles {
        let _ = write!(
            out,
            "<tr data-class=\"{}\"><td>{}</td><td class=\"num\">{}</td>",
            p.cluster, p.cluster, p.size
        );
        for z in &p.mean_z {
            let _ = write!(
                out,
                "<td class=\"num\">{}</td>",
                locale::signed(*z, 2, style)
            );
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody></table>\n");
    let _ = writeln!(
        out,
        "<table class=\"members\"><thead><tr><th>{}</th><th>{}</th></tr></thead><tbody>",
        t(lang, "Gebiet", "Area"),
        t(lang, "Cluster", "Cluster")
    );
    for i in 0..atlas.units.len() {
        let c = ty.labels[i].map_or("–".to_string(), |c| (c + 1).to_string());
        let _ = writeln!(
            out,
            "<tr data-key=\"{}\" data-class=\"{c}\"><td>{}</td><td>{c}</td></tr>",
            escape(&atlas.units.keys[i]),
            escape(&atlas.units.names[i])
        );
    }
    out.push_str("</tbody></table></section>\n");
}

#[allow(clippy::too_many_arguments)]
fn area_page(
    out: &mut String,
    input: &ReportInput,
    atlas: &Atlas,
    i: usize,
    specs: &[&IndicatorSpec],
    year: i32,
    withheld: &Withheld,
    status: &IndexResult,
    typology: Option<&crate::cluster::typology::Typology>,
) -> Vec<usize> {
    let lang = input.lang;
    let style = lang.numbers();
    let key = &atlas.units.keys[i];
    let name = &atlas.units.names[i];
    let _ = writeln!(
        out,
        "<section class=\"page area\" data-testid=\"report-area\" data-key=\"{}\" data-class=\"{}\">",
        escape(key),
        escape(status.label(i))
    );
    let _ = writeln!(out, "<h2>{}</h2>", escape(name));
    out.push_str("<dl>");
    let _ = write!(
        out,
        "<dt>{}</dt><dd>{}</dd>",
        t(lang, "Schlüssel", "Key"),
        escape(key)
    );
    if let Some(pop) = atlas.population(year).and_then(|p| p[i]) {
        // Withheld like the Steckbrief withholds it (fewer inhabitants than the rule allows).
        let column = atlas
            .population
            .as_deref()
            .map(|p| atlas.column_name(p, year))
            .unwrap_or_default();
        let shown = if withheld.cell(&column, i) {
            t(lang, "geheim", "withheld").to_string()
        } else {
            locale::number(pop, 0, style)
        };
        let _ = write!(
            out,
            "<dt>{}</dt><dd>{}</dd>",
            t(lang, "Einwohner", "Inhabitants"),
            shown
        );
    }
    let _ = write!(
        out,
        "<dt>{}</dt><dd>{}</dd>",
        t(lang, "Statusklasse", "Status class"),
        escape(&crate::stats::index::class_label(status.label(i), lang))
    );
    if let Some(c) = typology.and_then(|ty| ty.labels[i]) {
        let _ = write!(
            out,
            "<dt>{}</dt><dd>{}</dd>",
            t(lang, "Cluster", "Cluster"),
            c + 1
        );
    }
    out.push_str("</dl>\n");
    let owned: Vec<IndicatorSpec> = specs.iter().map(|s| (*s).clone()).collect();
    let rows = area_profile::area_profile(atlas, &owned, year, i, withheld);
    let _ = writeln!(
        out,
        "<table class=\"profile\"><colgroup><col style=\"width:40%\"><col style=\"width:15%\"><col style=\"width:15%\"><col style=\"width:15%\"><col style=\"width:15%\"></colgroup><thead><tr><th>{}</th><th class=\"num\">{}</th><th class=\"num\">Ø</th><th class=\"num\">{}</th><th class=\"num\">{}</th></tr></thead><tbody>",
        t(lang, "Indikator", "Indicator"),
        t(lang, "Wert", "Value"),
        t(lang, "Differenz", "Difference"),
        t(lang, "Rang", "Rank")
    );
    for (spec, r) in owned.iter().zip(&rows) {
        let d = r.decimals;
        let value = if r.withheld {
            t(lang, "geheim", "withheld").to_string()
        } else {
            r.value.map_or("–".into(), |v| locale::number(v, d, style))
        };
        let _ = writeln!(
            out,
            "<tr data-indicator=\"{}\"><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
            escape(&spec.id),
            escape(&format!("{}{}", r.label, if r.unit.is_empty() { String::new() } else { format!(" ({})", r.unit) })),
            escape(&value),
            r.average.value.map_or("–".into(), |v| locale::number(v, d, style)),
            r.difference.map_or("–".into(), |v| locale::signed(v, d, style)),
            r.rank.map_or(String::new(), |k| format!("{k} / {}", r.ranked)),
        );
    }
    out.push_str("</tbody></table>\n");
    if atlas.years.len() > 1 {
        if let Some(first) = owned.first() {
            let s = derive::series(atlas, first, i, withheld, None);
            let svg = crate::export::chart::line_chart(&s, lang);
            let body = svg.find("<svg").map_or(svg.as_str(), |k| &svg[k..]);
            let _ = writeln!(out, "<figure class=\"chart\">{body}</figure>");
        }
    }
    // The base units of the area: itself, or the Sozialraum's members.
    let members: Vec<usize> = match input.level {
        Some(def) => def.units_named(key),
        None => vec![i],
    };
    let mut facilities = vec![];
    for l in input.layers {
        let names: Vec<String> = l
            .layer
            .points
            .iter()
            .zip(&l.unit)
            .filter(|(_, u)| u.is_some_and(|u| members.contains(&u)))
            .map(|(p, _)| {
                if p.name.is_empty() {
                    format!("Nr. {}", p.id)
                } else {
                    p.name.clone()
                }
            })
            .collect();
        if !names.is_empty() {
            facilities.push(format!(
                "{} ({}): {}",
                l.layer.label,
                names.len(),
                names.join("; ")
            ));
        }
    }
    if !facilities.is_empty() {
        let _ = writeln!(out, "<h3>{}</h3>", t(lang, "Einrichtungen", "Facilities"));
        for f in facilities {
            let _ = writeln!(out, "<p>{}</p>", escape(&f));
        }
    }
    let base_keys: Vec<&String> = members.iter().map(|&u| &input.base.units.keys[u]).collect();
    let notes: Vec<(usize, &crate::project::Note)> = input
        .project
        .notes
        .iter()
        .enumerate()
        .filter(|(_, n)| match &n.anchor {
            NoteAnchor::Area { definition, area } => {
                input.level.is_some_and(|d| &d.name == definition) && area == key
            }
            NoteAnchor::Unit(k) => base_keys.contains(&k),
            _ => false,
        })
        .collect();
    if !notes.is_empty() {
        let _ = writeln!(
            out,
            "<h3>{}</h3><ul class=\"notes\">",
            t(lang, "Notizen und Projektideen", "Notes and project ideas")
        );
        for (_, n) in &notes {
            note_item(out, n, None);
        }
        out.push_str("</ul>\n");
    }
    out.push_str("</section>\n");
    notes.into_iter().map(|(k, _)| k).collect()
}

fn note_item(out: &mut String, n: &crate::project::Note, place: Option<String>) {
    let place = place.map_or(String::new(), |p| format!(" – {}", escape(&p)));
    let _ = writeln!(
        out,
        "<li data-testid=\"report-note\"><strong>{}</strong> ({}, {}, {}){place}: {}</li>",
        escape(&n.title),
        escape(&n.category),
        escape(&n.status),
        escape(&n.initials),
        escape(&n.text)
    );
}

/// The notes no area page shows (pinned to a point, to nothing, to another definition's
/// Sozialraum, or every note in the monitoring variant), with their place in words.
fn other_notes(out: &mut String, input: &ReportInput, shown: &[bool]) {
    let lang = input.lang;
    let rest: Vec<&crate::project::Note> = input
        .project
        .notes
        .iter()
        .zip(shown)
        .filter(|(_, s)| !**s)
        .map(|(n, _)| n)
        .collect();
    if rest.is_empty() {
        return;
    }
    let _ = writeln!(
        out,
        "<section class=\"page notes\" data-testid=\"report-notes\"><h2>{}</h2><ul class=\"notes\">",
        t(lang, "Weitere Notizen und Projektideen", "Further notes and project ideas")
    );
    for n in rest {
        note_item(out, n, Some(crate::project::notes::anchor_label(n, lang)));
    }
    out.push_str("</ul></section>\n");
}

//! How the map is coloured in each view: per area the `data-class`, the fill and the tooltip,
//! plus the legend, title and notes that the screen and the exported map share. Pure functions
//! of core results; the state's one `coloring` memo picks the one for the current view.

use crate::i18n::{average_method, t, Lang, T};
use sozialatlas_core::cluster::typology::Typology;
use sozialatlas_core::locale;
use sozialatlas_core::map::choropleth::Choropleth;
use sozialatlas_core::map::palette::{self, Palette};
use sozialatlas_core::model::{Atlas, Direction, IndicatorSpec};
use sozialatlas_core::project::derive;
use sozialatlas_core::sozialraum::definition::Definition;
use sozialatlas_core::stats::area_profile;
use sozialatlas_core::stats::suppress::{Withheld, WITHHELD};
use sozialatlas_core::stats::{band, index};
use std::sync::{Arc, Weak};

/// Colours of the MSS status classes hoch, mittel, niedrig, sehr niedrig (blue to red,
/// colour-blind safe).
pub const STATUS_COLORS: [&str; 4] = palette::STATUS;
/// Colours of the dynamic classes positiv, stabil, negativ.
pub const DYNAMIC_COLORS: [&str; 3] = ["#4575b4", "#e6e2d3", "#d7191c"];
/// Colours of the 4 x 3 grid: rows status hoch … sehr niedrig, columns dynamic positiv, stabil,
/// negativ (hue by status, darker with negative dynamic).
pub const GRID_COLORS: [[&str; 3]; 4] = [
    ["#2166ac", "#4393c3", "#92c5de"],
    ["#c7e1c0", "#e6e2d3", "#f3cfa0"],
    ["#fdd49e", "#fdae61", "#f46d43"],
    ["#f4a582", "#d7191c", "#8b0021"],
];
/// Colours of the five bands, clearly below … clearly above (red = above for indicators where
/// high is a disadvantage; reversed where high is an advantage).
pub const BAND_COLORS: [&str; 5] = ["#2c7bb6", "#abd9e9", "#f2f0e6", "#fdae61", "#d7191c"];
/// Colour of areas "ohne Zuordnung".
pub const WITHOUT_CLASS_COLOR: &str = palette::WITHOUT_CLASS;

/// One legend row.
#[derive(Clone, Debug, PartialEq)]
pub struct LegendItem {
    /// Fill colour.
    pub color: &'static str,
    /// Text.
    pub label: String,
    /// The `data-class` of its areas.
    pub class: String,
    /// Number of areas.
    pub count: usize,
}

/// The colouring of the map in one view.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Coloring {
    /// `data-class` per unit (units of one class share the text).
    pub class: Vec<Arc<str>>,
    /// Fill colour per unit.
    pub fill: Vec<&'static str>,
    /// Tooltip per unit.
    pub tip: Tips,
    /// What the map shows (title of the exported map).
    pub title: String,
    /// Legend rows.
    pub legend: Vec<LegendItem>,
    /// Notes under the legend (city average, method).
    pub notes: Vec<String>,
}

/// The tooltips of a colouring, one per unit.
///
/// A view that colours every unit anew makes them on demand from its results: formatting
/// 100,000 texts at once would hold the page for a quarter of a second while a large map
/// appears, and most are never read (only the hovered area's, and the accessible list's in
/// parts). The Sozialräume view keeps them made, because a brush step changes a few of them.
#[derive(Clone)]
pub enum Tips {
    /// Every unit's text, made.
    Made(Vec<Arc<str>>),
    /// `n` texts, each made from the view's results when it is read.
    OnDemand {
        /// Number of units.
        n: usize,
        /// The text of unit `i`.
        make: Arc<dyn Fn(usize) -> Arc<str> + Send + Sync>,
    },
}

impl Tips {
    /// `n` texts made by `make` when they are read.
    pub fn on_demand(n: usize, make: impl Fn(usize) -> String + Send + Sync + 'static) -> Tips {
        Tips::OnDemand {
            n,
            make: Arc::new(move |i| Arc::from(make(i))),
        }
    }

    /// Number of units.
    pub fn len(&self) -> usize {
        match self {
            Tips::Made(v) => v.len(),
            Tips::OnDemand { n, .. } => *n,
        }
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The text of unit `i`.
    pub fn get(&self, i: usize) -> Option<Arc<str>> {
        match self {
            Tips::Made(v) => v.get(i).cloned(),
            Tips::OnDemand { n, make } => (i < *n).then(|| make(i)),
        }
    }

    /// Where the text of unit `i` comes from, to compare without making it.
    pub fn source(&self, i: usize) -> Option<TipSource> {
        match self {
            Tips::Made(v) => v.get(i).cloned().map(TipSource::Made),
            Tips::OnDemand { n, make } => (i < *n).then(|| TipSource::OnDemand(make.clone())),
        }
    }

    /// Whether the text of unit `i` comes from `source` (compared without making or copying
    /// anything: the list asks this for every unit at every brush step).
    pub fn comes_from(&self, i: usize, source: &TipSource) -> bool {
        match (self, source) {
            (Tips::Made(v), TipSource::Made(t)) => v.get(i) == Some(t),
            (Tips::OnDemand { n, make }, TipSource::OnDemand(m)) => i < *n && Arc::ptr_eq(make, m),
            _ => false,
        }
    }

    /// The texts when they are made.
    pub fn made(&self) -> Option<&[Arc<str>]> {
        match self {
            Tips::Made(v) => Some(v),
            Tips::OnDemand { .. } => None,
        }
    }
}

/// Where a tooltip comes from: its made text, or the results it is made from on demand (held,
/// so that a comparison by address never meets a reused address; see [`Tips::comes_from`]).
#[derive(Clone)]
pub enum TipSource {
    /// The text itself.
    Made(Arc<str>),
    /// The function of the results that makes it.
    OnDemand(Arc<dyn Fn(usize) -> Arc<str> + Send + Sync>),
}

impl Default for Tips {
    fn default() -> Tips {
        Tips::Made(vec![])
    }
}

impl PartialEq for Tips {
    /// Made texts compare by content; texts on demand are equal only when they come from the
    /// same results (a new colouring is a change).
    fn eq(&self, other: &Tips) -> bool {
        match (self, other) {
            (Tips::Made(a), Tips::Made(b)) => a == b,
            (Tips::OnDemand { n, make }, Tips::OnDemand { n: m, make: other }) => {
                n == m && Arc::ptr_eq(make, other)
            }
            _ => false,
        }
    }
}

impl std::fmt::Debug for Tips {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Tips::Made(v) => write!(f, "Tips::Made({} texts)", v.len()),
            Tips::OnDemand { n, .. } => write!(f, "Tips::OnDemand({n} texts)"),
        }
    }
}

/// Explore: the choropleth of one indicator. Tooltips give value, rank and difference to the
/// city average.
/// `note` names the class scheme; `change_from` is the earlier year of a change map.
pub fn explore(
    atlas: &Arc<Atlas>,
    spec: &IndicatorSpec,
    c: &Arc<Choropleth>,
    note: String,
    change_from: Option<i32>,
    min_cases: f64,
    lang: Lang,
) -> Coloring {
    let style = lang.numbers();
    let avg = c.city_average.value;
    let why = crate::i18n::withheld_text(lang, min_cases);
    let tip = {
        let (atlas, c, why) = (atlas.clone(), c.clone(), why.clone());
        // Ranked when the first text is read (a sort of every unit's value).
        let ranks = std::sync::OnceLock::new();
        let ranked = c.values.iter().flatten().count();
        Tips::on_demand(atlas.units.len(), move |i| {
            let ranks = ranks.get_or_init(|| area_profile::ranks(&c.values));
            let name = &atlas.units.names[i];
            if c.withheld.get(i).copied().unwrap_or(false) {
                return format!("{name}: {why}");
            }
            let v = c.values.get(i).copied().flatten();
            let mut s = format!("{name}: {}", c.value_label(v, style));
            if let (Some(v), Some(r)) = (v, ranks[i]) {
                s.push_str(&format!(
                    " · {} {r} {} {ranked}",
                    t(lang, T::Rank),
                    t(lang, T::Of)
                ));
                if let Some(a) = avg {
                    s.push_str(&format!(
                        " · {} {}",
                        locale::signed(v - a, c.decimals, lang.numbers()),
                        t(lang, T::ToAverage)
                    ));
                }
            }
            s
        })
    };
    let mut legend: Vec<LegendItem> = (0..c.counts.len())
        .map(|k| LegendItem {
            color: c.colors[k],
            label: c.class_label(k, lang),
            class: k.to_string(),
            count: c.counts[k],
        })
        .collect();
    if c.missing > 0 {
        legend.push(LegendItem {
            color: c.missing_color,
            label: t(lang, T::NoData).into(),
            class: "na".into(),
            count: c.missing,
        });
    }
    if c.withheld_count() > 0 {
        legend.push(LegendItem {
            color: palette::WITHHELD,
            label: why.clone(),
            class: WITHHELD.into(),
            count: c.withheld_count(),
        });
    }
    let unit = if c.unit.is_empty() {
        String::new()
    } else {
        format!(" in {}", c.unit)
    };
    Coloring {
        class: {
            let names: Vec<Arc<str>> = (0..c.counts.len())
                .map(|k| Arc::from(k.to_string()))
                .collect();
            let na: Arc<str> = Arc::from("na");
            let geheim: Arc<str> = Arc::from(WITHHELD);
            c.classes
                .iter()
                .zip(&c.withheld)
                .map(|(k, w)| match k.and_then(|k| names.get(k)) {
                    Some(name) => name.clone(),
                    None if *w => geheim.clone(),
                    None => na.clone(),
                })
                .collect()
        },
        fill: (0..c.classes.len()).map(|i| c.fill(i)).collect(),
        tip,
        title: match change_from {
            Some(p) => format!(
                "{}: {} {}–{}{unit}",
                t(lang, T::ViewChange),
                spec.label,
                sozialatlas_core::model::period_label(p, lang),
                sozialatlas_core::model::period_label(c.year, lang)
            ),
            None => format!("{}{unit}", spec.label),
        },
        legend,
        notes: vec![
            format!(
                "Ø {}: {} ({})",
                t(lang, T::CityAverage),
                c.value_label(avg, style),
                average_method(lang, c.city_average.method)
            ),
            note,
        ],
    }
}

/// Classify: an index (status or dynamic) coloured by its classes.
pub fn index_map(
    atlas: &Arc<Atlas>,
    r: &Arc<index::IndexResult>,
    colors: &[&'static str],
    title: String,
    lang: Lang,
) -> Coloring {
    let n = atlas.units.len();
    let style = lang.numbers();
    let mut legend: Vec<LegendItem> = r
        .labels
        .iter()
        .enumerate()
        .map(|(k, label)| LegendItem {
            color: colors[k.min(colors.len() - 1)],
            label: index::class_label(label, lang),
            class: label.clone(),
            count: r.class.iter().filter(|c| **c == Some(k)).count(),
        })
        .collect();
    legend.push(LegendItem {
        color: WITHOUT_CLASS_COLOR,
        label: index::class_label(index::WITHOUT_CLASS, lang),
        class: index::WITHOUT_CLASS.into(),
        count: r.class.iter().filter(|c| c.is_none()).count(),
    });
    Coloring {
        class: shared(n, |i| r.label(i)),
        fill: r
            .class
            .iter()
            .map(|c| c.map_or(WITHOUT_CLASS_COLOR, |c| colors[c.min(colors.len() - 1)]))
            .collect(),
        tip: {
            let (atlas, r) = (atlas.clone(), r.clone());
            Tips::on_demand(n, move |i| {
                let name = &atlas.units.names[i];
                let class = index::class_label(r.label(i), lang);
                match r.index[i] {
                    Some(x) => format!("{name}: {class} (Index {})", locale::number(x, 2, style)),
                    None => format!("{name}: {class}"),
                }
            })
        },
        title,
        legend,
        notes: vec![t(lang, T::StatusHint).into()],
    }
}

/// Classify: the 4 x 3 grid of status and dynamic classes.
pub fn grid(
    atlas: &Arc<Atlas>,
    status: &index::IndexResult,
    dynamic: &index::IndexResult,
    lang: Lang,
) -> Coloring {
    let cells = index::combined(status, dynamic);
    let mut legend = Vec::new();
    for (s, row) in GRID_COLORS.iter().enumerate() {
        for (d, color) in row.iter().enumerate() {
            let label = format!(
                "Status {}, Dynamik {}",
                status.labels.get(s).cloned().unwrap_or_default(),
                dynamic.labels.get(d).cloned().unwrap_or_default()
            );
            let count = cells
                .iter()
                .filter(|c| c.as_ref().is_some_and(|c| c.status == s && c.dynamic == d))
                .count();
            legend.push(LegendItem {
                color,
                label: index::class_label(&label, lang),
                class: label,
                count,
            });
        }
    }
    legend.push(LegendItem {
        color: WITHOUT_CLASS_COLOR,
        label: index::class_label(index::WITHOUT_CLASS, lang),
        class: index::WITHOUT_CLASS.into(),
        count: cells.iter().filter(|c| c.is_none()).count(),
    });
    Coloring {
        class: shared(cells.len(), |i| {
            cells[i]
                .as_ref()
                .map_or(index::WITHOUT_CLASS, |c| c.label.as_str())
        }),
        fill: cells
            .iter()
            .map(|c| {
                c.as_ref().map_or(WITHOUT_CLASS_COLOR, |c| {
                    GRID_COLORS[c.status.min(3)][c.dynamic.min(2)]
                })
            })
            .collect(),
        tip: {
            let atlas = atlas.clone();
            let labels: Vec<Option<String>> = cells
                .iter()
                .map(|c| c.as_ref().map(|c| c.label.clone()))
                .collect();
            Tips::on_demand(labels.len(), move |i| {
                let label = labels[i].as_deref().unwrap_or(index::WITHOUT_CLASS);
                format!(
                    "{}: {}",
                    atlas.units.names[i],
                    index::class_label(label, lang)
                )
            })
        },
        title: t(lang, T::ViewGrid).into(),
        legend,
        notes: vec![],
    }
}

/// The values of an indicator as the need-against-supply view shows them: with the indicator's
/// decimals and unit, "geheim" where the small-number rule withholds them.
pub fn need_supply_texts(
    atlas: &Atlas,
    spec: &IndicatorSpec,
    year: i32,
    withheld: &Withheld,
    lang: Lang,
) -> Vec<String> {
    let values = atlas.indicator_values(spec, year);
    let mask = withheld.indicator(atlas, spec, year);
    let d = locale::decimals_for_values(&values);
    let style = lang.numbers();
    values
        .iter()
        .enumerate()
        .map(|(i, v)| match (mask.get(i).copied().unwrap_or(false), v) {
            (true, _) => t(lang, T::Withheld).to_string(),
            (false, Some(x)) if spec.unit.is_empty() => locale::number(*x, d, style),
            (false, Some(x)) => format!("{} {}", locale::number(*x, d, style), spec.unit),
            (false, None) => "–".into(),
        })
        .collect()
}

/// Classify: need against supply in 3 x 3 classes (`data-class` "need-supply", 1 low … 3
/// high; "na" without both values); the legend names every cell with its count.
pub fn need_supply(
    atlas: &Arc<Atlas>,
    need: &IndicatorSpec,
    supply: &IndicatorSpec,
    year: i32,
    withheld: &Withheld,
    lang: Lang,
) -> Coloring {
    use sozialatlas_core::facilities::supply::BIVARIATE;
    let ns = derive::need_supply(atlas, need, supply, year);
    let n = atlas.units.len();
    let level = move |k: usize| match (k, lang) {
        (0, Lang::De) => "niedrig",
        (1, Lang::De) => "mittel",
        (_, Lang::De) => "hoch",
        (0, Lang::En) => "low",
        (1, Lang::En) => "middle",
        (_, Lang::En) => "high",
    };
    let (need_word, supply_word) = match lang {
        Lang::De => ("Bedarf", "Angebot"),
        Lang::En => ("need", "supply"),
    };
    let mut legend = vec![];
    for nk in (0..3).rev() {
        for (sk, &color) in BIVARIATE[nk].iter().enumerate() {
            let class = format!("{}-{}", nk + 1, sk + 1);
            legend.push(LegendItem {
                color,
                label: format!("{need_word} {}, {supply_word} {}", level(nk), level(sk)),
                count: (0..n).filter(|&i| ns.class_label(i) == class).count(),
                class,
            });
        }
    }
    legend.push(LegendItem {
        color: WITHOUT_CLASS_COLOR,
        label: t(lang, T::NoData).into(),
        class: "na".into(),
        count: (0..n).filter(|&i| ns.class_label(i) == "na").count(),
    });
    let needs = need_supply_texts(atlas, need, year, withheld, lang);
    let supplies = need_supply_texts(atlas, supply, year, withheld, lang);
    let labels: Vec<String> = (0..n).map(|i| ns.class_label(i)).collect();
    Coloring {
        class: shared(n, |i| labels[i].as_str()),
        fill: (0..n)
            .map(|i| ns.color(i).unwrap_or(WITHOUT_CLASS_COLOR))
            .collect(),
        tip: {
            let atlas = atlas.clone();
            let (need_label, supply_label) = (need.label.clone(), supply.label.clone());
            let (need_k, supply_k) = (ns.need.clone(), ns.supply.clone());
            Tips::on_demand(n, move |i| {
                format!(
                    "{}: {need_label} {} ({}), {supply_label} {} ({})",
                    atlas.units.names[i],
                    needs[i],
                    need_k[i].map_or("–", level),
                    supplies[i],
                    supply_k[i].map_or("–", level),
                )
            })
        },
        title: format!(
            "{need_word}: {} · {supply_word}: {}",
            need.label, supply.label
        ),
        legend,
        notes: vec![match lang {
            Lang::De => {
                "Drittel der Gebiete je Merkmal; Bedarf nach der Richtung des Indikators".into()
            }
            Lang::En => {
                "Thirds of the areas per variable; need read by the indicator's direction".into()
            }
        }],
    }
}

/// Classify: one indicator against the city average in five bands; withheld values (small
/// numbers) in their own hatched class.
pub fn band_map(
    atlas: &Arc<Atlas>,
    spec: &IndicatorSpec,
    year: i32,
    withheld: &Withheld,
    lang: Lang,
) -> Coloring {
    let derive::Bands {
        values,
        average,
        bands,
        withheld: hidden,
    } = derive::bands(atlas, spec, year, withheld);
    let why = crate::i18n::withheld_text(lang, withheld.min);
    let is_hidden = |i: usize| hidden.get(i).copied().unwrap_or(false);
    let color = |b: band::Band| {
        let k = b as usize;
        match spec.direction {
            Direction::HighIsAdvantage => BAND_COLORS[4 - k],
            _ => BAND_COLORS[k],
        }
    };
    let all = [
        band::Band::ClearlyAbove,
        band::Band::Above,
        band::Band::Average,
        band::Band::Below,
        band::Band::ClearlyBelow,
    ];
    let mut legend: Vec<LegendItem> = all
        .iter()
        .map(|&b| LegendItem {
            color: color(b),
            label: band_label(b, lang).into(),
            class: b.label_de().into(),
            count: bands.iter().filter(|x| **x == Some(b)).count(),
        })
        .collect();
    let n_hidden = hidden.iter().filter(|w| **w).count();
    legend.push(LegendItem {
        color: WITHOUT_CLASS_COLOR,
        label: index::class_label(index::WITHOUT_CLASS, lang),
        class: index::WITHOUT_CLASS.into(),
        count: bands.iter().filter(|b| b.is_none()).count() - n_hidden,
    });
    if n_hidden > 0 {
        legend.push(LegendItem {
            color: palette::WITHHELD,
            label: why.clone(),
            class: WITHHELD.into(),
            count: n_hidden,
        });
    }
    let style = lang.numbers();
    let decimals = 1;
    Coloring {
        class: shared(bands.len(), |i| match bands[i] {
            Some(b) => b.label_de(),
            None if is_hidden(i) => WITHHELD,
            None => index::WITHOUT_CLASS,
        }),
        fill: (0..bands.len())
            .map(|i| match bands[i] {
                Some(b) => color(b),
                None if is_hidden(i) => palette::WITHHELD,
                None => WITHOUT_CLASS_COLOR,
            })
            .collect(),
        tip: {
            let atlas = atlas.clone();
            let (why, bands, hidden) = (why.clone(), bands.clone(), hidden.clone());
            Tips::on_demand(values.len(), move |i| {
                let name = &atlas.units.names[i];
                if hidden.get(i).copied().unwrap_or(false) {
                    return format!("{name}: {why}");
                }
                format!(
                    "{name}: {} ({})",
                    values[i].map_or("–".into(), |v| locale::number(v, decimals, style)),
                    bands[i].map_or(index::class_label(index::WITHOUT_CLASS, lang), |b| {
                        band_label(b, lang).to_string()
                    })
                )
            })
        },
        title: format!("{} {}", t(lang, T::ViewBand), spec.label),
        legend,
        notes: vec![
            format!(
                "Ø {}: {} ({})",
                t(lang, T::CityAverage),
                average
                    .value
                    .map_or("–".into(), |a| locale::number(a, decimals, style)),
                average_method(lang, average.method)
            ),
            t(lang, T::BandHint).into(),
        ],
    }
}

/// The name of a band in the language of the page.
fn band_label(b: band::Band, lang: Lang) -> &'static str {
    match lang {
        Lang::De => b.label_de(),
        Lang::En => b.label_en(),
    }
}

/// Cluster: the typology's clusters 1..k; all areas "ohne Zuordnung" without a typology.
pub fn cluster(atlas: &Arc<Atlas>, typology: Option<&Arc<Typology>>, lang: Lang) -> Coloring {
    let n = atlas.units.len();
    let Some(ty) = typology else {
        return blank(atlas, WITHOUT_CLASS_COLOR, t(lang, T::Typology), vec![]);
    };
    let colors = Palette::BuYlRd.colors(ty.profiles.len());
    let mut legend: Vec<LegendItem> = ty
        .profiles
        .iter()
        .map(|p| LegendItem {
            color: colors[p.cluster - 1],
            label: format!("Cluster {}: {}", p.cluster, p.label_in(lang)),
            class: p.cluster.to_string(),
            count: p.size,
        })
        .collect();
    let without = ty.labels.iter().filter(|l| l.is_none()).count();
    if without > 0 {
        legend.push(LegendItem {
            color: WITHOUT_CLASS_COLOR,
            label: index::class_label(index::WITHOUT_CLASS, lang),
            class: index::WITHOUT_CLASS.into(),
            count: without,
        });
    }
    Coloring {
        class: {
            let names: Vec<Arc<str>> = (1..=ty.profiles.len())
                .map(|c| Arc::from(c.to_string()))
                .collect();
            let without: Arc<str> = Arc::from(index::WITHOUT_CLASS);
            ty.labels
                .iter()
                .map(|l| l.and_then(|c| names.get(c)).unwrap_or(&without).clone())
                .collect()
        },
        fill: ty
            .labels
            .iter()
            .map(|l| l.map_or(WITHOUT_CLASS_COLOR, |c| colors[c]))
            .collect(),
        tip: {
            let (atlas, ty) = (atlas.clone(), ty.clone());
            Tips::on_demand(n, move |i| {
                let name = &atlas.units.names[i];
                match ty.labels[i] {
                    Some(c) => format!(
                        "{name}: Cluster {} – {}",
                        c + 1,
                        ty.profiles[c].label_in(lang)
                    ),
                    None => format!("{name}: {}", index::class_label(index::WITHOUT_CLASS, lang)),
                }
            })
        },
        // Short enough for a projector's title line; the indicators are in the panel.
        title: format!(
            "{} · {} {} · {} {}",
            t(lang, T::Typology),
            ty.profiles.len(),
            lang.pick("Cluster", "clusters"),
            ty.names.len(),
            lang.pick("Indikatoren", "indicators")
        ),
        legend,
        notes: vec![t(lang, T::TypologyHint).into()],
    }
}

/// Every unit "ohne Zuordnung" in `fill`, the unit's name as its tooltip (nothing to show yet).
fn blank(atlas: &Arc<Atlas>, fill: &'static str, title: &str, notes: Vec<String>) -> Coloring {
    let n = atlas.units.len();
    Coloring {
        class: vec![Arc::from(index::WITHOUT_CLASS); n],
        fill: vec![fill; n],
        tip: {
            let atlas = atlas.clone();
            Tips::on_demand(n, move |i| atlas.units.names[i].clone())
        },
        title: title.into(),
        legend: vec![],
        notes,
    }
}

/// The `data-class` of `n` units, one shared text per distinct class (a few classes among many
/// units: no string per unit).
fn shared<'a>(n: usize, class: impl Fn(usize) -> &'a str) -> Vec<Arc<str>> {
    let mut seen: Vec<Arc<str>> = Vec::new();
    (0..n)
        .map(|i| {
            let c = class(i);
            match seen.iter().find(|s| &***s == c) {
                Some(s) => s.clone(),
                None => {
                    seen.push(Arc::from(c));
                    seen[seen.len() - 1].clone()
                }
            }
        })
        .collect()
}

/// Colour of units without a Sozialraum while drawing.
pub const UNASSIGNED_COLOR: &str = "#f4f4f4";

/// The fill of a Sozialraum: its colour when it is one of the palette's (the colours the app
/// offers), else the palette colour of its position.
pub fn area_color(color: &str, i: usize) -> &'static str {
    use sozialatlas_core::sozialraum::definition::AREA_COLORS;
    AREA_COLORS
        .iter()
        .copied()
        .find(|c| c.eq_ignore_ascii_case(color))
        .unwrap_or(AREA_COLORS[i % AREA_COLORS.len()])
}

/// Define and Compare: every unit in its Sozialraum's colour, `data-class` = the Sozialraum's
/// name ("ohne Zuordnung" for unassigned units).
pub fn define(atlas: &Arc<Atlas>, def: Option<&Definition>, lang: Lang) -> Coloring {
    let Some(def) = def else {
        return blank(
            atlas,
            UNASSIGNED_COLOR,
            t(lang, T::Sozialraeume),
            vec![t(lang, T::NoDefinition).into()],
        );
    };
    build_define(atlas, def, lang, &AreaTexts::new(def, lang))
}

/// The whole Define colouring of `def` with the Sozialräume's `texts`.
fn build_define(atlas: &Atlas, def: &Definition, lang: Lang, texts: &AreaTexts) -> Coloring {
    let n = atlas.units.len();
    let mut c = Coloring {
        class: Vec::with_capacity(n),
        fill: Vec::with_capacity(n),
        tip: Tips::default(),
        title: format!("{}: {}", t(lang, T::Sozialraeume), def.name),
        legend: define_legend(def, lang),
        notes: vec![],
    };
    let mut tips = Vec::with_capacity(n);
    for u in 0..n {
        let (class, fill, tip) = texts.unit(atlas, def, u);
        c.class.push(class);
        c.fill.push(fill);
        tips.push(tip);
    }
    c.tip = Tips::Made(tips);
    c
}

/// The legend of a definition: its Sozialräume with their unit counts, then the unassigned.
fn define_legend(def: &Definition, lang: Lang) -> Vec<LegendItem> {
    let mut counts = vec![0usize; def.areas.len()];
    let mut unassigned = 0;
    for a in &def.assign {
        match a.and_then(|a| counts.get_mut(a as usize)) {
            Some(c) => *c += 1,
            None => unassigned += 1,
        }
    }
    let mut legend: Vec<LegendItem> = def
        .areas
        .iter()
        .enumerate()
        .map(|(i, a)| LegendItem {
            color: area_color(&a.color, i),
            label: a.name.clone(),
            class: a.name.clone(),
            count: counts[i],
        })
        .collect();
    if unassigned > 0 {
        legend.push(LegendItem {
            color: UNASSIGNED_COLOR,
            label: t(lang, T::Unassigned).into(),
            class: index::WITHOUT_CLASS.into(),
            count: unassigned,
        });
    }
    legend
}

/// The shared texts of a definition's Sozialräume: one `data-class` text per Sozialraum.
#[derive(Clone, Debug, PartialEq)]
struct AreaTexts {
    names: Vec<Arc<str>>,
    without: Arc<str>,
    unassigned: &'static str,
}

impl AreaTexts {
    fn new(def: &Definition, lang: Lang) -> AreaTexts {
        AreaTexts {
            names: def
                .areas
                .iter()
                .map(|a| Arc::from(a.name.as_str()))
                .collect(),
            without: Arc::from(index::WITHOUT_CLASS),
            unassigned: t(lang, T::Unassigned),
        }
    }

    /// Class, fill and tooltip of unit `u`.
    fn unit(
        &self,
        atlas: &Atlas,
        def: &Definition,
        u: usize,
    ) -> (Arc<str>, &'static str, Arc<str>) {
        let name = &atlas.units.names[u];
        match def.assign.get(u).copied().flatten().map(|a| a as usize) {
            Some(a) if a < self.names.len() => (
                self.names[a].clone(),
                area_color(&def.areas[a].color, a),
                Arc::from(format!("{name}: {}", self.names[a])),
            ),
            _ => (
                self.without.clone(),
                UNASSIGNED_COLOR,
                Arc::from(format!("{name}: {}", self.unassigned)),
            ),
        }
    }
}

/// A Define colouring and what it was made from, so that the next brush step redoes only the
/// units whose Sozialraum changed (100,000 units: a class and a tooltip per unit would take
/// most of a frame).
#[derive(Clone, Debug)]
pub struct DefineColoring {
    /// The colouring.
    pub coloring: Arc<Coloring>,
    /// The data set (held weakly: a new data set never matches an old one's address).
    atlas: Weak<Atlas>,
    lang: Lang,
    name: String,
    /// Name and colour of every Sozialraum.
    areas: Vec<(String, String)>,
    texts: AreaTexts,
    assign: Vec<Option<u32>>,
}

impl DefineColoring {
    /// The colouring of `def`: the previous one with only the changed units redone when it
    /// was made for the same data set, language and Sozialräume (names and colours), else
    /// all of it.
    pub fn update(
        prev: Option<&DefineColoring>,
        atlas: &Arc<Atlas>,
        def: &Definition,
        lang: Lang,
    ) -> DefineColoring {
        let areas: Vec<(String, String)> = def
            .areas
            .iter()
            .map(|a| (a.name.clone(), a.color.clone()))
            .collect();
        let n = atlas.units.len();
        let fits = |p: &&DefineColoring| {
            Weak::ptr_eq(&p.atlas, &Arc::downgrade(atlas))
                && p.lang == lang
                && p.name == def.name
                && p.areas == areas
                && p.assign.len() == n
                && def.assign.len() == n
                && p.coloring.class.len() == n
                && p.coloring.tip.made().is_some_and(|t| t.len() == n)
        };
        let (coloring, texts) = match prev.filter(fits) {
            Some(p) => {
                let mut c = Coloring {
                    class: p.coloring.class.clone(),
                    fill: p.coloring.fill.clone(),
                    tip: Tips::default(),
                    title: p.coloring.title.clone(),
                    legend: define_legend(def, lang),
                    notes: vec![],
                };
                let mut tips = p.coloring.tip.made().unwrap_or_default().to_vec();
                for (u, tip) in tips.iter_mut().enumerate() {
                    if p.assign[u] != def.assign[u] {
                        (c.class[u], c.fill[u], *tip) = p.texts.unit(atlas, def, u);
                    }
                }
                c.tip = Tips::Made(tips);
                (c, p.texts.clone())
            }
            None => {
                let texts = AreaTexts::new(def, lang);
                (build_define(atlas, def, lang, &texts), texts)
            }
        };
        DefineColoring {
            coloring: Arc::new(coloring),
            atlas: Arc::downgrade(atlas),
            lang,
            name: def.name.clone(),
            areas,
            texts,
            assign: def.assign.clone(),
        }
    }
}

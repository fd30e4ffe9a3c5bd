//! One function per result derived from a project and its data. The app's memos and the
//! command line call these, so a number is computed one way everywhere, and the native tests
//! check each of them.
//!
//! Every function takes the data (`atlas`, set up with the project's population column), the
//! indicator catalogue and the settings it needs, never the whole project: a memo then follows
//! exactly what its result depends on.

use super::{
    ClassifyParams, ClusterParams, ExploreParams, PopulationBounds, ProposalParams, SmallNumbers,
};
use crate::cluster::typology::{self, Typology};
use crate::map::choropleth::Choropleth;
use crate::model::{Atlas, Column, ColumnValues, IndicatorSpec};
use crate::sozialraum::aggregate::{Rule, Tally};
use crate::sozialraum::definition::{populations, Definition};
use crate::sozialraum::regionalize::{self, RegionError};
use crate::sozialraum::topology::Topology;
use crate::stats::index::{self, IndexResult, Thresholds};
use crate::stats::suppress::Withheld;

/// The indicators of `catalogue` whose ids are in `ids`, in catalogue order.
pub fn chosen<'a>(catalogue: &'a [IndicatorSpec], ids: &[String]) -> Vec<&'a IndicatorSpec> {
    catalogue.iter().filter(|i| ids.contains(&i.id)).collect()
}

/// The status index (MSS method) of the chosen index indicators in `year`.
pub fn status(
    atlas: &Atlas,
    catalogue: &[IndicatorSpec],
    p: &ClassifyParams,
    year: i32,
) -> IndexResult {
    let include = index::floor(atlas, year, p.min_population);
    status_of(atlas, catalogue, p, year, &include)
}

/// The dynamic index: of the ready-made dynamic indicators when chosen (Berlin's D1, D3, D4),
/// else of the change of the index indicators from the previous year; `None` without either.
pub fn dynamic(
    atlas: &Atlas,
    catalogue: &[IndicatorSpec],
    p: &ClassifyParams,
    year: i32,
) -> Option<IndexResult> {
    let include = index::floor(atlas, year, p.min_population);
    dynamic_of(atlas, catalogue, p, year, &include)
}

/// The status index of the Sozialräume of `def` shown as `level` (from [`dissolved`]: its
/// Sozialräume with at least one unit), computed as in the table of the definition
/// ([`area_table`]): the population floor counts the inhabitants known.
pub fn status_at_level(
    base: &Atlas,
    catalogue: &[IndicatorSpec],
    def: &Definition,
    level: &Atlas,
    p: &ClassifyParams,
    year: i32,
) -> IndexResult {
    let include = level_floor(base, def, p, year);
    status_of(level, catalogue, p, year, &include)
}

/// The dynamic index of the Sozialräume of `def` shown as `level` (see [`status_at_level`]).
pub fn dynamic_at_level(
    base: &Atlas,
    catalogue: &[IndicatorSpec],
    def: &Definition,
    level: &Atlas,
    p: &ClassifyParams,
    year: i32,
) -> Option<IndexResult> {
    let include = level_floor(base, def, p, year);
    dynamic_of(level, catalogue, p, year, &include)
}

/// Per Sozialraum of `def` with at least one unit (in order): whether it enters the index.
fn level_floor(base: &Atlas, def: &Definition, p: &ClassifyParams, year: i32) -> Vec<bool> {
    let include = area_floor(base, def, p, year);
    let (count, _) = populations(&def.assign, def.areas.len(), None);
    include
        .into_iter()
        .zip(count)
        .filter(|(_, c)| *c > 0)
        .map(|(i, _)| i)
        .collect()
}

/// Per Sozialraum of `def`: whether it enters the index (it has units and, with a floor and a
/// population column, its known inhabitants reach the floor: a Sozialraum with one member of
/// unknown population, as Berlin's suppressed Planungsräume under 300, still reaches it).
fn area_floor(base: &Atlas, def: &Definition, p: &ClassifyParams, year: i32) -> Vec<bool> {
    let m = def.areas.len();
    let (count, known) = populations(&def.assign, m, base.population(year));
    match (p.min_population, base.population(year)) {
        (Some(min), Some(_)) => (0..m).map(|a| count[a] > 0 && known[a] >= min).collect(),
        _ => (0..m).map(|a| count[a] > 0).collect(),
    }
}

fn status_of(
    atlas: &Atlas,
    catalogue: &[IndicatorSpec],
    p: &ClassifyParams,
    year: i32,
    include: &[bool],
) -> IndexResult {
    index::for_atlas_included(
        atlas,
        &chosen(catalogue, &p.indicators),
        year,
        include,
        &Thresholds::mss_status(),
    )
}

fn dynamic_of(
    atlas: &Atlas,
    catalogue: &[IndicatorSpec],
    p: &ClassifyParams,
    year: i32,
    include: &[bool],
) -> Option<IndexResult> {
    if p.dynamic.is_empty() {
        let previous = atlas.years.iter().copied().filter(|&y| y < year).max()?;
        Some(index::dynamic_for_atlas_included(
            atlas,
            &chosen(catalogue, &p.indicators),
            previous,
            year,
            include,
            &Thresholds::mss_dynamic(),
        ))
    } else {
        Some(index::for_atlas_included(
            atlas,
            &chosen(catalogue, &p.dynamic),
            year,
            include,
            &Thresholds::mss_dynamic(),
        ))
    }
}

/// The typology of the chosen indicators (`None`: nothing to cluster).
pub fn typology(
    atlas: &Atlas,
    catalogue: &[IndicatorSpec],
    p: &ClusterParams,
    year: i32,
) -> Option<Typology> {
    typology::typology(
        atlas,
        &chosen(catalogue, &p.indicators),
        year,
        p.k,
        p.refine,
        p.seed,
    )
}

/// One indicator against the city average: the values in `year`, the average (ratio of sums,
/// weighted or unweighted, as stated) and each area's band (±10 %, ±25 % by default).
#[derive(Clone, Debug, PartialEq)]
pub struct Bands {
    /// The indicator's values.
    pub values: Vec<Option<f64>>,
    /// The city average and how it was computed.
    pub average: crate::stats::CityAverage,
    /// The band of each area (`None`: no value, no average or withheld).
    pub bands: Vec<Option<crate::stats::band::Band>>,
    /// Per area: whether its value (and so its band) is withheld by the small-number rule.
    pub withheld: Vec<bool>,
}

/// One indicator against the city average in five bands (deutlich unter … deutlich über); the
/// average is of the full data, the values and bands of `withheld` areas are not given.
pub fn bands(atlas: &Atlas, spec: &IndicatorSpec, year: i32, withheld: &Withheld) -> Bands {
    use crate::stats::band;
    let mut values = atlas.indicator_values(spec, year);
    let average = crate::stats::city_average(atlas, spec, year);
    let mut bands = match average.value {
        Some(a) => band::classify(&values, a, None, &band::BandParams::default()),
        None => vec![None; values.len()],
    };
    let mask = withheld.indicator(atlas, spec, year);
    for (i, _) in mask.iter().enumerate().filter(|(_, w)| **w) {
        values[i] = None;
        bands[i] = None;
    }
    Bands {
        values,
        average,
        bands,
        withheld: mask,
    }
}

/// The classified values of the Explore map: the indicator in `year`, or its change from the
/// previous year (standard deviations around no change), in the chosen scheme and colours
/// (pooled over the years when asked).
pub fn explore_map(
    atlas: &Atlas,
    spec: &IndicatorSpec,
    p: &ExploreParams,
    year: i32,
    withheld: &Withheld,
) -> Choropleth {
    match (p.change, p.change_from(&atlas.years, year)) {
        (true, Some(from)) => Choropleth::change(atlas, spec, from, year, withheld),
        _ => Choropleth::classify(atlas, spec, year, p, withheld),
    }
}

/// What the small-number rule `rule` withholds in `atlas` (nothing when the rule is off).
pub fn withheld(atlas: &Atlas, catalogue: &[IndicatorSpec], rule: &SmallNumbers) -> Withheld {
    Withheld::of(atlas, catalogue, rule.min_cases)
}

/// How a figure of a Sozialraum was made from its units.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Aggregation {
    /// Counts added up.
    Sum,
    /// A share or rate from summed numerator and denominator.
    RatioOfSums,
    /// A mean weighted by the units' population.
    PopulationWeighted,
    /// A density weighted by the units' area.
    AreaWeighted,
    /// A mean of the units' values without weights (no population column).
    Unweighted,
}

impl Aggregation {
    /// The rule in words, for table notes.
    pub fn describe(self, lang: crate::locale::Lang) -> &'static str {
        lang.pick(
            match self {
                Aggregation::Sum => "Summe",
                Aggregation::RatioOfSums => "aus summiertem Zähler und Nenner",
                Aggregation::PopulationWeighted => "nach Einwohnern gewichtet",
                Aggregation::AreaWeighted => "nach Fläche gewichtet",
                Aggregation::Unweighted => {
                    "ungewichteter Mittelwert (keine Bevölkerungsspalte gewählt)"
                }
            },
            match self {
                Aggregation::Sum => "sum",
                Aggregation::RatioOfSums => "from summed numerator and denominator",
                Aggregation::PopulationWeighted => "weighted by population",
                Aggregation::AreaWeighted => "weighted by area",
                Aggregation::Unweighted => "unweighted mean (no population column chosen)",
            },
        )
    }
}

/// How indicator `spec` aggregates on this data (see [`crate::sozialraum::aggregate`]).
pub fn aggregation(atlas: &Atlas, spec: &IndicatorSpec) -> Aggregation {
    match crate::sozialraum::aggregate::rule_of(spec, atlas.population.is_some()) {
        Rule::Sum if spec.numerator.is_some() && spec.denominator.is_some() => {
            Aggregation::RatioOfSums
        }
        Rule::Sum => Aggregation::Sum,
        Rule::Population => Aggregation::PopulationWeighted,
        Rule::Area => Aggregation::AreaWeighted,
        Rule::Unweighted => Aggregation::Unweighted,
    }
}

/// One Sozialraum in the table of a definition.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct AreaRow {
    /// Index of the Sozialraum in the definition.
    pub area: usize,
    /// Its name.
    pub name: String,
    /// Its units.
    pub units: usize,
    /// Its population (sum of the units'), if known and not withheld.
    pub population: Option<f64>,
    /// Whether its population is withheld by the small-number rule (fewer inhabitants than the
    /// threshold).
    pub population_withheld: bool,
    /// Per indicator of the catalogue: the aggregated value (`None` also where withheld).
    pub values: Vec<Option<f64>>,
    /// Per indicator of the catalogue: whether the value is withheld by the small-number rule
    /// (the Sozialraum's own sums are fewer than the threshold).
    pub withheld: Vec<bool>,
    /// Its status index value.
    pub index: Option<f64>,
    /// Its status class index (0 = hoch … 3 = sehr niedrig); `None`: ohne Zuordnung.
    pub class: Option<usize>,
}

/// The figures of the Sozialräume of a definition: every indicator aggregated by its kind, and
/// the status index of the Sozialräume computed on those figures with the same recipe as for
/// units (the MSS steps at the level of the Sozialräume).
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct AreaTable {
    /// Rows of the Sozialräume with at least one unit, in definition order.
    pub rows: Vec<AreaRow>,
    /// Per indicator of the catalogue: how it was aggregated.
    pub rules: Vec<Aggregation>,
    /// The status index of the Sozialräume (aligned with the definition's areas).
    pub status: IndexResult,
    /// Withheld counts of units that the Sozialraum's shown sum would give away (exactly one
    /// member withheld): flagged, not hidden further.
    pub recoverable: Vec<crate::stats::suppress::Recoverable>,
}

impl AreaTable {
    /// The class label of a row ("ohne Zuordnung" without a class).
    pub fn label(&self, row: &AreaRow) -> &str {
        row.class
            .map_or(index::WITHOUT_CLASS, |c| self.status.labels[c].as_str())
    }
}

/// The figures of `def`'s Sozialräume; `aggregated` is the Sozialräume as an atlas (from
/// [`Tally::atlas`] or [`crate::sozialraum::session::Session::aggregated`]). Figures resting on
/// fewer cases than `rule` allows are withheld; the index is computed from the full data.
pub fn area_table(
    atlas: &Atlas,
    catalogue: &[IndicatorSpec],
    def: &Definition,
    aggregated: &Atlas,
    p: &ClassifyParams,
    year: i32,
    rule: &SmallNumbers,
) -> AreaTable {
    let m = def.areas.len();
    let (count, _) = populations(&def.assign, m, None);
    let include = area_floor(atlas, def, p, year);
    let status = status_of(aggregated, catalogue, p, year, &include);
    let pop = aggregated.population(year);
    let values: Vec<Vec<Option<f64>>> = catalogue
        .iter()
        .map(|s| aggregated.indicator_values(s, year))
        .collect();
    let shown = withheld(aggregated, catalogue, rule);
    let masks: Vec<Vec<bool>> = catalogue
        .iter()
        .map(|s| shown.indicator(aggregated, s, year))
        .collect();
    let hidden = |m: &[bool], a: usize| m.get(a).copied().unwrap_or(false);
    let pop_column = aggregated
        .population
        .as_deref()
        .map(|p| aggregated.column_name(p, year));
    let pop_hidden = |a: usize| pop_column.as_deref().is_some_and(|c| shown.cell(c, a));
    let rows = (0..m)
        .filter(|&a| count[a] > 0)
        .map(|a| AreaRow {
            area: a,
            name: def.areas[a].name.clone(),
            units: count[a],
            population: pop
                .and_then(|p| p.get(a).copied().flatten())
                .filter(|_| !pop_hidden(a)),
            population_withheld: pop_hidden(a),
            values: values
                .iter()
                .zip(&masks)
                .map(|(v, m)| v.get(a).copied().flatten().filter(|_| !hidden(m, a)))
                .collect(),
            withheld: masks.iter().map(|m| hidden(m, a)).collect(),
            index: status.index.get(a).copied().flatten(),
            class: status.class.get(a).copied().flatten(),
        })
        .collect();
    AreaTable {
        rows,
        rules: catalogue.iter().map(|s| aggregation(atlas, s)).collect(),
        status,
        recoverable: withheld(atlas, catalogue, rule).recoverable(atlas, &def.assign),
    }
}

/// The Sozialräume of `def` as an atlas with their aggregated figures (no geometry), made
/// from scratch (the app keeps a running [`Tally`] instead).
pub fn aggregate(atlas: &Atlas, catalogue: &[IndicatorSpec], def: &Definition) -> Atlas {
    Tally::new(atlas, catalogue, def).atlas(atlas, catalogue, def, None)
}

/// What the checks of a definition found.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize)]
pub struct Checks {
    /// Units without a Sozialraum.
    pub unassigned: usize,
    /// Sozialräume in more than one piece: (index, pieces).
    pub fragmented: Vec<(usize, usize)>,
    /// Sozialräume with a population outside the bounds: (index, population).
    pub outside_bounds: Vec<(usize, f64)>,
    /// Whether bounds were set (and a population column exists to check them).
    pub bounds_checked: bool,
}

/// Checks a definition: unassigned units, Sozialräume in several pieces (on the same topology
/// the dissolve uses), populations outside `bounds`.
pub fn checks(
    def: &Definition,
    topo: &Topology,
    population: Option<&[Option<f64>]>,
    bounds: &PopulationBounds,
) -> Checks {
    let m = def.areas.len();
    if def.assign.len() != topo.len() {
        return Checks::default();
    }
    let parts = topo.group_parts(&def.assign, m);
    let (count, people) = populations(&def.assign, m, population);
    let bounds_checked = population.is_some() && bounds.any();
    Checks {
        unassigned: def.assign.iter().filter(|a| a.is_none()).count(),
        fragmented: (0..m)
            .filter(|&a| parts[a] > 1)
            .map(|a| (a, parts[a]))
            .collect(),
        outside_bounds: if bounds_checked {
            (0..m)
                .filter(|&a| count[a] > 0 && bounds.outside(people[a]))
                .map(|a| (a, people[a]))
                .collect()
        } else {
            vec![]
        },
        bounds_checked,
    }
}

/// The comparison of definitions `a` and `b` (metrics of both, changed units, crosswalk), with
/// homogeneity measured in the index indicators, nesting in the key's official level (the
/// default key prefix) and, when given, agreement with a typology's clusters. `None` when a
/// definition was made for other units.
#[allow(clippy::too_many_arguments)]
pub fn comparison(
    atlas: &Atlas,
    catalogue: &[IndicatorSpec],
    p: &ClassifyParams,
    a: &Definition,
    b: &Definition,
    topo: &Topology,
    clusters: Option<&[Option<usize>]>,
    year: i32,
) -> Option<crate::sozialraum::compare::Comparison> {
    use crate::sozialraum::compare::{compare, Context};
    if a.assign.len() != topo.len() || b.assign.len() != topo.len() {
        return None;
    }
    let columns: Vec<Vec<Option<f64>>> = chosen(catalogue, &p.indicators)
        .iter()
        .map(|s| atlas.indicator_values(s, year))
        .collect();
    let x = (!columns.is_empty()).then(|| regionalize::standardise(&columns));
    let n = crate::sozialraum::start::default_prefix(&atlas.units.keys);
    let official: Vec<Option<String>> = atlas
        .units
        .keys
        .iter()
        .map(|k| Some(k.chars().take(n).collect()))
        .collect();
    let ctx = Context {
        population: atlas.population(year),
        indicators: x.as_deref(),
        clusters,
        official: Some(&official),
    };
    Some(compare(a, b, topo, &ctx))
}

/// The results as extra columns for the table exports: the map's classes (with its title), the
/// status index and class, and the cluster when a typology is given.
pub fn results(
    map: Option<(&str, Vec<String>)>,
    status: &IndexResult,
    typology: Option<&Typology>,
) -> Vec<Column> {
    let n = status.index.len();
    let mut out = vec![];
    if let Some((title, classes)) = map {
        out.push(Column {
            name: format!("Karte: {title}"),
            values: ColumnValues::Text(classes.into_iter().map(Some).collect()),
        });
    }
    out.push(Column {
        name: "Statusindex".into(),
        values: ColumnValues::Number(status.index.clone()),
    });
    out.push(Column {
        name: "Statusklasse".into(),
        values: ColumnValues::Text((0..n).map(|i| Some(status.label(i).to_string())).collect()),
    });
    if let Some(ty) = typology {
        out.push(Column {
            name: "Cluster".into(),
            values: ColumnValues::Number(
                ty.labels
                    .iter()
                    .map(|l| l.map(|c| (c + 1) as f64))
                    .collect(),
            ),
        });
    }
    out
}

/// The dissolved Sozialräume of `def` as an atlas: one unit per Sozialraum with at least one
/// unit (key and name = its name), its polygon in the data's planar coordinates (outlines
/// chained from the topology, where they do not chain the units united), the aggregated
/// figures and a column `units`.
pub fn dissolved(
    atlas: &Atlas,
    catalogue: &[IndicatorSpec],
    def: &Definition,
    topo: &Topology,
) -> Atlas {
    let polys = topo.dissolve(&atlas.units.geometry, &def.assign, def.areas.len());
    let tally = Tally::new(atlas, catalogue, def);
    let mut agg = tally.atlas(atlas, catalogue, def, Some(polys));
    let counts: Vec<usize> = {
        let mut c = tally.counts().to_vec();
        c.resize(def.areas.len(), 0);
        c
    };
    agg.table.columns.insert(
        0,
        Column {
            name: "units".into(),
            values: ColumnValues::Number(counts.iter().map(|&c| Some(c as f64)).collect()),
        },
    );
    keep_units(agg, |a| counts[a] > 0)
}

/// The atlas with only the units for which `keep` holds.
fn keep_units(mut atlas: Atlas, keep: impl Fn(usize) -> bool) -> Atlas {
    fn pick<T>(v: &mut Vec<T>, keep: &dyn Fn(usize) -> bool) {
        let old = std::mem::take(v);
        *v = old
            .into_iter()
            .enumerate()
            .filter(|(i, _)| keep(*i))
            .map(|(_, x)| x)
            .collect();
    }
    pick(&mut atlas.units.keys, &keep);
    pick(&mut atlas.units.names, &keep);
    pick(&mut atlas.units.geometry, &keep);
    for c in &mut atlas.table.columns {
        match &mut c.values {
            ColumnValues::Number(v) => pick(v, &keep),
            ColumnValues::Text(v) => pick(v, &keep),
        }
    }
    atlas
}

/// Why no proposal can be made.
#[derive(Clone, Debug, PartialEq)]
pub enum ProposalError {
    /// The data has no population column.
    NoPopulation,
    /// No indicator is chosen under "Typisieren".
    NoIndicators,
    /// The regionalisation refused (floor too high, no data).
    Region(RegionError),
}

impl From<RegionError> for ProposalError {
    fn from(e: RegionError) -> Self {
        ProposalError::Region(e)
    }
}

impl ProposalError {
    /// The message for the user.
    pub fn message(&self, lang: crate::locale::Lang) -> String {
        match self {
            ProposalError::NoPopulation => lang.pick(
                "Für einen Vorschlag braucht die Tabelle eine Bevölkerungsspalte (unter „Indikatoren einrichten“ wählen).",
                "A proposal needs a population column (choose it under “Set up indicators”).",
            ).into(),
            ProposalError::NoIndicators => lang.pick(
                "Bitte unter „Typisieren“ mindestens einen Indikator wählen: der Vorschlag macht Sozialräume in diesen Indikatoren möglichst einheitlich.",
                "Please choose at least one indicator under “Cluster”: the proposal makes Sozialräume as homogeneous as possible in them.",
            ).into(),
            ProposalError::Region(e) => e.message(lang),
        }
    }
}

/// What a max-p proposal is made from.
#[derive(Clone, Debug, PartialEq)]
pub struct ProposalInput {
    /// The typology's indicators, standardised, per unit (`None`: incomplete).
    pub x: Vec<Option<Vec<f64>>>,
    /// The population per unit.
    pub population: Vec<Option<f64>>,
    /// Floor, seed, iterations for the map's size.
    pub params: regionalize::Params,
}

/// The input of a max-p proposal: the typology's indicators standardised, the population, the
/// parameters (floor, seed, iterations for the map's size).
pub fn proposal_input(
    atlas: &Atlas,
    catalogue: &[IndicatorSpec],
    cluster: &ClusterParams,
    p: &ProposalParams,
    year: i32,
) -> Result<ProposalInput, ProposalError> {
    let pop = atlas
        .population(year)
        .map(<[_]>::to_vec)
        .ok_or(ProposalError::NoPopulation)?;
    let columns: Vec<Vec<Option<f64>>> = chosen(catalogue, &cluster.indicators)
        .iter()
        .map(|s| atlas.indicator_values(s, year))
        .collect();
    if columns.is_empty() {
        return Err(ProposalError::NoIndicators);
    }
    let p = p.clamped();
    Ok(ProposalInput {
        x: regionalize::standardise(&columns),
        population: pop,
        params: regionalize::Params {
            min_pop: p.min_population,
            seed: p.seed,
            iterations: ProposalParams::iterations(atlas.units.len()),
        },
    })
}

/// The base units of area `area` of the map shown: the unit itself at the base units, the
/// units of the `area`-th Sozialraum with units of `level` (as [`dissolved`] orders them).
pub fn units_of(level: Option<&Definition>, area: usize) -> Vec<usize> {
    let Some(def) = level else {
        return vec![area];
    };
    let (count, _) = populations(&def.assign, def.areas.len(), None);
    let Some(group) = (0..def.areas.len()).filter(|&a| count[a] > 0).nth(area) else {
        return vec![];
    };
    def.assign
        .iter()
        .enumerate()
        .filter(|(_, a)| a.map(|a| a as usize) == Some(group))
        .map(|(u, _)| u)
        .collect()
}

/// A comparison level made once for many areas: the coarser definition's Sozialräume with
/// their aggregated figures (indexed as the definition's areas) and what the small-number rule
/// withholds in them.
#[derive(Clone, Debug)]
pub struct CoarserLevel {
    /// The definition's assignment of the base units.
    pub assign: Vec<Option<u32>>,
    /// The Sozialräume as an atlas ([`aggregate`]).
    pub atlas: Atlas,
    /// What the rule withholds in their figures.
    pub withheld: Withheld,
}

/// The comparison level of `def` (see [`CoarserLevel`]).
pub fn coarser_level(
    base: &Atlas,
    catalogue: &[IndicatorSpec],
    def: &Definition,
    rule: &SmallNumbers,
) -> CoarserLevel {
    let atlas = aggregate(base, catalogue, def);
    CoarserLevel {
        assign: def.assign.clone(),
        withheld: Withheld::of(&atlas, catalogue, rule.min_cases),
        atlas,
    }
}

/// The time series of `spec` for area `area` of `atlas` (the base units, or a level from
/// [`dissolved`]), the values in `withheld` left out; with `coarser` (a comparison level and the
/// base units of the area, see [`units_of`]) also the coarser Sozialraum the area lies in (the
/// one holding most of its units).
pub fn series(
    atlas: &Atlas,
    spec: &IndicatorSpec,
    area: usize,
    withheld: &Withheld,
    coarser: Option<(&CoarserLevel, &[usize])>,
) -> crate::stats::series::Series {
    use crate::stats::series::{self, Coarser};
    let level = coarser.and_then(|(c, units)| {
        let a = series::coarser_area(&c.assign, units)?;
        Some(Coarser {
            atlas: &c.atlas,
            area: a,
            withheld: &c.withheld,
        })
    });
    series::series(atlas, spec, area, withheld, level)
}

/// The figures of the coarser Sozialraum an area lies in (see [`coarser_figures`]).
#[derive(Clone, Debug, PartialEq)]
pub struct CoarserFigures {
    /// The Sozialraum's name.
    pub name: String,
    /// Per indicator of the catalogue: its figure (`None` where missing or withheld).
    pub values: Vec<Option<f64>>,
    /// Per indicator of the catalogue: whether the figure is withheld (small numbers).
    pub withheld: Vec<bool>,
}

/// The Sozialraum of the comparison level `coarser` that holds most of `units` (base units),
/// with its figure for every indicator of `catalogue` in `year`: the Steckbrief's comparison
/// with the coarser level.
pub fn coarser_figures(
    coarser: &CoarserLevel,
    catalogue: &[IndicatorSpec],
    units: &[usize],
    year: i32,
) -> Option<CoarserFigures> {
    let a = crate::stats::series::coarser_area(&coarser.assign, units)?;
    let (agg, w) = (&coarser.atlas, &coarser.withheld);
    let withheld: Vec<bool> = catalogue
        .iter()
        .map(|s| w.indicator(agg, s, year).get(a).copied().unwrap_or(false))
        .collect();
    let values = catalogue
        .iter()
        .zip(&withheld)
        .map(|(s, h)| {
            let v = agg.indicator_values(s, year).get(a).copied().flatten();
            v.filter(|_| !h)
        })
        .collect();
    Some(CoarserFigures {
        name: agg.units.names.get(a)?.clone(),
        values,
        withheld,
    })
}

/// One definition's side of the comparison by result (see [`results_compared`]).
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize)]
pub struct ResultSide {
    /// Sozialräume with a low or very low status (MSS classes "niedrig", "sehr niedrig").
    pub low_status: Vec<String>,
    /// Inhabitants living in them (the known population).
    pub low_status_population: f64,
    /// Sozialräume on the unfavourable side of the city average of the indicator (above it
    /// where high values are a disadvantage, below it where they are an advantage).
    pub unfavourable: Vec<String>,
    /// Inhabitants living in them.
    pub unfavourable_population: f64,
}

/// Compares two definitions by what they tell: under each, which Sozialräume have a low or very
/// low status (the status index of the Sozialräume, as in their table) and which lie on the
/// unfavourable side of the city average of `spec` (of all base units; a Sozialraum whose value
/// `rule` withholds is not placed), with the inhabitants living in them.
pub fn results_compared(
    base: &Atlas,
    catalogue: &[IndicatorSpec],
    p: &ClassifyParams,
    spec: &IndicatorSpec,
    defs: [&Definition; 2],
    year: i32,
    rule: &SmallNumbers,
) -> [ResultSide; 2] {
    let average = crate::stats::city_average(base, spec, year).value;
    let k = catalogue.iter().position(|s| s.id == spec.id);
    defs.map(|def| {
        let agg = aggregate(base, catalogue, def);
        // A Sozialraum whose value is withheld is not placed against the average.
        let table = area_table(base, catalogue, def, &agg, p, year, rule);
        let (_, people) = populations(&def.assign, def.areas.len(), base.population(year));
        let mut side = ResultSide::default();
        for row in &table.rows {
            let pop = people[row.area];
            if matches!(row.class, Some(2 | 3)) {
                side.low_status.push(row.name.clone());
                side.low_status_population += pop;
            }
            let value = k.and_then(|k| row.values[k]);
            let worse = match (value, average, spec.direction) {
                (Some(v), Some(a), crate::model::Direction::HighIsAdvantage) => v < a,
                (Some(v), Some(a), crate::model::Direction::HighIsDisadvantage) => v > a,
                _ => false,
            };
            if worse {
                side.unfavourable.push(row.name.clone());
                side.unfavourable_population += pop;
            }
        }
        side
    })
}

/// The Sozialräume of `def` with at least one unit as an atlas of their aggregated figures,
/// without geometry (as [`dissolved`] orders and names them): a level for data without a map.
pub fn level_figures(atlas: &Atlas, catalogue: &[IndicatorSpec], def: &Definition) -> Atlas {
    let (count, _) = populations(&def.assign, def.areas.len(), None);
    keep_units(aggregate(atlas, catalogue, def), |a| count[a] > 0)
}

/// Need against supply on the areas shown (units or Sozialräume): the `need` indicator's
/// values (read by its direction) against the `supply` indicator's (a supply rate), in `year`.
pub fn need_supply(
    atlas: &Atlas,
    need: &IndicatorSpec,
    supply: &IndicatorSpec,
    year: i32,
) -> crate::facilities::supply::NeedSupply {
    let n = atlas.indicator_values(need, year);
    let s = atlas.indicator_values(supply, year);
    crate::facilities::supply::need_supply(&n, need.direction, &s)
}

//! `sozialatlas classify`: the MSS composite index, or each indicator against the city average.

use crate::input::{
    load, open_project, project_definition, project_indicators, read_assignment, IndicatorArgs,
    Loaded, TableArgs,
};
use crate::output::{cell, print_json, write_csv, Format};

/// Class scheme of the composite index.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum IndexClasses {
    /// hoch / mittel / niedrig / sehr niedrig at -1, +1, +1.5.
    Status,
    /// positiv / stabil / negativ at -1, +1.
    Dynamic,
}

/// Classification method.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ClassifyMethod {
    /// Berlin MSS composite index: z-values, sum, standardised sum, classes.
    Mss,
    /// Each indicator against its city average with a tolerance band (±10 %, ±25 %).
    Band,
}

/// Classifies areas: `--method mss` computes the Berlin MSS composite index (z-values, sum,
/// standardised sum) and its classes; `--method band` compares each indicator with its city
/// average (deutlich unter … deutlich über).
#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(flatten)]
    pub input: TableArgs,
    #[command(flatten)]
    pub ind: IndicatorArgs,
    /// Method.
    #[arg(long, value_enum, default_value = "mss")]
    pub method: ClassifyMethod,
    /// Class scheme: status (hoch … sehr niedrig) or dynamic (positiv, stabil, negativ).
    #[arg(long, value_enum, default_value = "status")]
    pub classes: IndexClasses,
    /// Leave out areas with fewer inhabitants than this (needs --pop-col; MSS: 300).
    #[arg(long)]
    pub min_pop: Option<f64>,
    /// With --method mss: dynamic indicators (changes, e.g. D1,D3,D4) for the dynamic index
    /// and the combined status x dynamic type (4 x 3 grid).
    #[arg(long, value_delimiter = ',')]
    pub dynamic: Vec<String>,
    /// Population column (for --min-pop, and the weighted average of --method band).
    #[arg(long)]
    pub pop_col: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value = "csv")]
    pub format: Format,
    /// Classify Sozialräume instead of units: an assignment CSV (`key`, `area`), or with
    /// --project the name of one of its definitions. Their figures are aggregated as the app
    /// does (counts summed, shares from summed numerators and denominators, otherwise weighted
    /// by --pop-col), then classified with the same recipe.
    #[arg(long)]
    pub level: Option<String>,
}

/// Runs the command.
pub fn run(args: Args) -> Result<(), String> {
    if args.min_pop.is_some_and(|m| !(m.is_finite() && m >= 0.0)) {
        return Err("--min-pop: bitte eine endliche Zahl ab 0 angeben.".into());
    }
    if let Some(path) = &args.input.project {
        return project(&args, path);
    }
    if let Some(level) = &args.level {
        return table_level(&args, level);
    }
    let mut data = load(&args.input)?;
    if let Some(min) = args.min_pop {
        let col = args
            .pop_col
            .as_deref()
            .ok_or("--min-pop braucht --pop-col (Spalte der Einwohnerzahl).")?;
        let pop = data.numbers(col)?;
        for (inc, p) in data.include.iter_mut().zip(&pop) {
            if p.is_none_or(|p| p < min) {
                *inc = false;
            }
        }
    }
    match args.method {
        ClassifyMethod::Mss => mss(&args, &data),
        ClassifyMethod::Band => band(&args, &data),
    }
}

/// The MSS composite index and its classes.
fn mss(args: &Args, data: &Loaded) -> Result<(), String> {
    use sozialatlas_core::stats::index::{combined, composite, Thresholds};
    use sozialatlas_core::stats::zscore::Deviation;
    let (indicators, advantage) = (&args.ind.indicators, &args.ind.advantage);
    check_advantage(indicators, advantage)?;
    let values = indicators
        .iter()
        .map(|c| data.numbers(c))
        .collect::<Result<Vec<_>, _>>()?;
    let high_bad: Vec<bool> = indicators.iter().map(|c| !advantage.contains(c)).collect();
    let r = composite(
        &values,
        &high_bad,
        &data.include,
        &thresholds(args.classes),
        Deviation::Population,
    );
    // Optional dynamic index and the combined type.
    let dynamic = if args.dynamic.is_empty() {
        None
    } else {
        let dv = args
            .dynamic
            .iter()
            .map(|c| data.numbers(c))
            .collect::<Result<Vec<_>, _>>()?;
        let dd = composite(
            &dv,
            &vec![true; dv.len()],
            &data.include,
            &Thresholds::mss_dynamic(),
            Deviation::Population,
        );
        let grid = combined(&r, &dd);
        Some((dd, grid))
    };
    let hidden = data.withheld(indicators, args.input.no_suppress)?;
    print_index(
        &data.keys,
        indicators,
        advantage,
        &r,
        dynamic.as_ref(),
        &|k, i| hidden[k][i],
        args.format,
    )
}

fn check_advantage(indicators: &[String], advantage: &[String]) -> Result<(), String> {
    let unknown: Vec<&String> = advantage
        .iter()
        .filter(|a| !indicators.contains(a))
        .collect();
    if unknown.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "--advantage nennt Spalten, die nicht unter --indicators stehen: {unknown:?}"
        ))
    }
}

fn thresholds(classes: IndexClasses) -> sozialatlas_core::stats::index::Thresholds {
    use sozialatlas_core::stats::index::Thresholds;
    match classes {
        IndexClasses::Status => Thresholds::mss_status(),
        IndexClasses::Dynamic => Thresholds::mss_dynamic(),
    }
}

type Dynamic = (
    sozialatlas_core::stats::index::IndexResult,
    Vec<Option<sozialatlas_core::stats::index::GridCell>>,
);

/// Prints an index per key: `key, z_A…, sum, index, class` (and the dynamic index and type
/// when given), or JSON.
fn print_index(
    keys: &[String],
    indicators: &[String],
    advantage: &[String],
    r: &sozialatlas_core::stats::index::IndexResult,
    dynamic: Option<&Dynamic>,
    hidden: &dyn Fn(usize, usize) -> bool,
    format: Format,
) -> Result<(), String> {
    use sozialatlas_core::stats::suppress::WITHHELD;
    // With the moments printed, the sum and the index of a row would give a withheld z back.
    let row_hidden = |i: usize| (0..indicators.len()).any(|k| hidden(k, i));
    let type_of = |i: usize| -> String {
        dynamic.and_then(|(_, g)| g[i].as_ref()).map_or_else(
            || sozialatlas_core::stats::index::WITHOUT_CLASS.to_string(),
            |c| c.label.clone(),
        )
    };
    if format == Format::Json {
        let rows: Vec<serde_json::Value> = (0..keys.len())
            .map(|i| {
                let z: serde_json::Map<String, serde_json::Value> = indicators
                    .iter()
                    .enumerate()
                    .map(|(k, name)| {
                        let z = if hidden(k, i) { serde_json::json!(WITHHELD) } else { serde_json::json!(r.z[k][i]) };
                        (name.clone(), z)
                    })
                    .collect();
                let mut row = serde_json::json!({"key": keys[i], "z": z, "sum": r.sum[i], "index": r.index[i], "class": r.label(i)});
                if row_hidden(i) {
                    row["sum"] = serde_json::json!(WITHHELD);
                    row["index"] = serde_json::json!(WITHHELD);
                }
                if let Some((dd, _)) = dynamic {
                    row["dynamic_index"] = serde_json::json!(dd.index[i]);
                    row["dynamic_class"] = serde_json::json!(dd.label(i));
                    row["type"] = serde_json::json!(type_of(i));
                }
                row
            })
            .collect();
        let mut counts = serde_json::Map::new();
        for i in 0..keys.len() {
            let e = counts
                .entry(r.label(i).to_string())
                .or_insert(serde_json::json!(0));
            *e = serde_json::json!(e.as_u64().unwrap_or(0) + 1);
        }
        let out = serde_json::json!({
            "method": "mss",
            "indicators": indicators,
            "advantage": advantage,
            "thresholds": if r.labels.len() == 4 {
                sozialatlas_core::stats::index::Thresholds::mss_status()
            } else {
                sozialatlas_core::stats::index::Thresholds::mss_dynamic()
            },
            "deviation": "population",
            "moments": r.moments,
            "counts": counts,
            "rows": rows,
        });
        println!(
            "{}",
            serde_json::to_string_pretty(&out).map_err(|e| e.to_string())?
        );
    } else {
        let mut header = vec!["key".to_string()];
        header.extend(indicators.iter().map(|c| format!("z_{c}")));
        header.extend(["sum", "index", "class"].map(String::from));
        if dynamic.is_some() {
            header.extend(["dynamic_index", "dynamic_class", "type"].map(String::from));
        }
        let rows: Vec<Vec<String>> = (0..keys.len())
            .map(|i| {
                let mut row = vec![keys[i].clone()];
                row.extend((0..indicators.len()).map(|k| match hidden(k, i) {
                    true => WITHHELD.to_string(),
                    false => cell(r.z[k][i], format),
                }));
                if row_hidden(i) {
                    row.extend([WITHHELD.to_string(), WITHHELD.to_string()]);
                } else {
                    row.push(cell(r.sum[i], format));
                    row.push(cell(r.index[i], format));
                }
                row.push(r.label(i).to_string());
                if let Some((dd, _)) = dynamic {
                    row.push(cell(dd.index[i], format));
                    row.push(dd.label(i).to_string());
                    row.push(type_of(i));
                }
                row
            })
            .collect();
        print!("{}", write_csv(&header, &rows, format));
    }
    Ok(())
}

/// Each indicator column against its city average (population-weighted with --pop-col, else
/// unweighted), as the app computes it for a column without numerator and denominator.
fn band(args: &Args, data: &Loaded) -> Result<(), String> {
    use sozialatlas_core::project::derive::Bands;
    use sozialatlas_core::stats::{self, band};
    let pop = args.pop_col.as_ref().map(|c| data.numbers(c)).transpose()?;
    let hidden = data.withheld(&args.ind.indicators, args.input.no_suppress)?;
    let mut cols = vec![];
    for (name, hidden) in args.ind.indicators.iter().zip(hidden) {
        let values: Vec<Option<f64>> = data
            .numbers(name)?
            .into_iter()
            .zip(&data.include)
            .map(|(v, inc)| v.filter(|_| *inc))
            .collect();
        let average = match &pop {
            Some(p) => stats::weighted_mean(&values, p),
            None => stats::unweighted_mean(&values),
        };
        let avg = average
            .value
            .ok_or_else(|| format!("Spalte „{name}“ hat keine Werte."))?;
        let mut bands = band::classify(&values, avg, None, &band::BandParams::default());
        // The average is of the full data; the withheld values and their bands are not shown.
        let mut values = values;
        for (i, _) in hidden.iter().enumerate().filter(|(_, h)| **h) {
            values[i] = None;
            bands[i] = None;
        }
        cols.push((
            name.clone(),
            Bands {
                withheld: hidden,
                values,
                average,
                bands,
            },
        ));
    }
    print_bands(&data.keys, &cols, args.format)
}

/// Prints bands: CSV `key, <indicator>, class_<indicator>, …`; JSON with the city averages
/// (`method`: ratio-of-sums, population-weighted, unweighted) and per area value and class.
fn print_bands(
    keys: &[String],
    cols: &[(String, sozialatlas_core::project::derive::Bands)],
    format: Format,
) -> Result<(), String> {
    use sozialatlas_core::stats::suppress::WITHHELD;
    use sozialatlas_core::stats::{band, AverageMethod};
    let label = |c: &Option<band::Band>| {
        c.map_or(
            sozialatlas_core::stats::index::WITHOUT_CLASS,
            band::Band::label_de,
        )
        .to_string()
    };
    if format == Format::Json {
        let averages: Vec<serde_json::Value> = cols
            .iter()
            .map(|(name, c)| {
                let count =
                    |f: fn(&band::Band) -> bool| c.bands.iter().flatten().filter(|b| f(b)).count();
                serde_json::json!({
                    "indicator": name,
                    "city_average": c.average.value,
                    "method": match c.average.method {
                        AverageMethod::RatioOfSums => "ratio-of-sums",
                        AverageMethod::PopulationWeighted => "population-weighted",
                        AverageMethod::Unweighted => "unweighted",
                        AverageMethod::Total => "total",
                    },
                    "below": count(|b| *b < band::Band::Average),
                    "above": count(|b| *b > band::Band::Average),
                })
            })
            .collect();
        let rows: Vec<serde_json::Value> = (0..keys.len())
            .map(|i| {
                let mut o = serde_json::Map::new();
                o.insert("key".into(), serde_json::json!(keys[i]));
                for (name, c) in cols {
                    o.insert(
                        name.clone(),
                        match c.withheld.get(i).copied().unwrap_or(false) {
                            true => serde_json::json!({"value": WITHHELD, "class": WITHHELD}),
                            false => serde_json::json!({"value": c.values[i], "class": label(&c.bands[i])}),
                        },
                    );
                }
                serde_json::Value::Object(o)
            })
            .collect();
        return print_json(&serde_json::json!({
            "method": "band",
            "band": band::BandParams::default(),
            "averages": averages,
            "rows": rows
        }));
    }
    let mut header = vec!["key".to_string()];
    for (name, _) in cols {
        header.push(name.clone());
        header.push(format!("class_{name}"));
    }
    let rows: Vec<Vec<String>> = (0..keys.len())
        .map(|i| {
            let mut r = vec![keys[i].clone()];
            for (_, c) in cols {
                if c.withheld.get(i).copied().unwrap_or(false) {
                    r.extend([WITHHELD.to_string(), WITHHELD.to_string()]);
                } else {
                    r.push(cell(c.values[i], format));
                    r.push(label(&c.bands[i]));
                }
            }
            r
        })
        .collect();
    print!("{}", write_csv(&header, &rows, format));
    Ok(())
}

/// Classifies with a project file: its indicators (or --indicators, by id), its population
/// column and floor (or --min-pop), its year; at a level: one of its definitions by name.
fn project(args: &Args, path: &std::path::PathBuf) -> Result<(), String> {
    use sozialatlas_core::project::derive;
    let opened = open_project(path)?;
    let (p, atlas) = (&opened.project, &opened.atlas);
    let year = p.year(atlas);
    let cat = &p.catalogue.indicators;
    let mut params = p.classify.clone();
    if !args.ind.indicators.is_empty() {
        params.indicators = args.ind.indicators.clone();
    }
    if !args.dynamic.is_empty() {
        params.dynamic = args.dynamic.clone();
    }
    if args.min_pop.is_some() {
        params.min_population = args.min_pop;
    }
    let chosen = project_indicators(p, &params.indicators)?;
    project_indicators(p, &params.dynamic)?;
    if chosen.is_empty() {
        return Err(
            "Das Projekt hat keine Indikatoren für den Index gewählt; bitte --indicators angeben."
                .into(),
        );
    }
    // The z columns are of the indicators the index is made of: for the dynamic classes the
    // dynamic indicators when chosen, else the change of the index indicators.
    let dynamic_specs = project_indicators(p, &params.dynamic)?;
    let columns = match (args.classes, dynamic_specs.is_empty()) {
        (IndexClasses::Dynamic, false) => dynamic_specs,
        _ => chosen.clone(),
    };
    let ids: Vec<String> = columns.iter().map(|s| s.id.clone()).collect();
    let advantage: Vec<String> = columns
        .iter()
        .filter(|s| s.direction == sozialatlas_core::model::Direction::HighIsAdvantage)
        .map(|s| s.id.clone())
        .collect();
    let rule = args.input.small_numbers(Some(p));
    let withheld = derive::withheld(atlas, cat, &rule);
    if args.method == ClassifyMethod::Band {
        return project_band(args, atlas, &chosen, year, &withheld);
    }
    let (keys, status, dynamic, hidden) = match &args.level {
        None => {
            let status = match args.classes {
                IndexClasses::Status => derive::status(atlas, cat, &params, year),
                IndexClasses::Dynamic => derive::dynamic(atlas, cat, &params, year)
                    .ok_or("Für den Dynamikindex fehlen ein Vorjahr oder Dynamik-Indikatoren.")?,
            };
            let dynamic = (args.classes == IndexClasses::Status && !params.dynamic.is_empty())
                .then(|| derive::dynamic(atlas, cat, &params, year))
                .flatten()
                .map(|d| {
                    let grid = sozialatlas_core::stats::index::combined(&status, &d);
                    (d, grid)
                });
            // A change gives away both years' values.
            let previous = (args.classes == IndexClasses::Dynamic && params.dynamic.is_empty())
                .then(|| atlas.years.iter().copied().filter(|&y| y < year).max())
                .flatten();
            let hidden: Vec<Vec<bool>> = columns
                .iter()
                .map(|s| {
                    let mut m = withheld.indicator(atlas, s, year);
                    if let Some(y) = previous {
                        for (a, b) in m.iter_mut().zip(withheld.indicator(atlas, s, y)) {
                            *a |= b;
                        }
                    }
                    m
                })
                .collect();
            (atlas.units.keys.clone(), status, dynamic, hidden)
        }
        Some(name) => {
            let def = project_definition(p, name)?;
            let agg = derive::aggregate(atlas, cat, def);
            let table = derive::area_table(atlas, cat, def, &agg, &params, year, &rule);
            let keep: Vec<usize> = table.rows.iter().map(|r| r.area).collect();
            let keys = keep.iter().map(|&a| def.areas[a].name.clone()).collect();
            let hidden = level_hidden(&table, cat, &chosen);
            (keys, subset(&table.status, &keep), None, hidden)
        }
    };
    print_index(
        &keys,
        &ids,
        &advantage,
        &status,
        dynamic.as_ref(),
        &|k, i| hidden[k][i],
        args.format,
    )
}

/// Per chosen indicator, per row of a Sozialraum table: whether its value is withheld.
fn level_hidden(
    table: &sozialatlas_core::project::derive::AreaTable,
    catalogue: &[sozialatlas_core::model::IndicatorSpec],
    chosen: &[&sozialatlas_core::model::IndicatorSpec],
) -> Vec<Vec<bool>> {
    chosen
        .iter()
        .map(|s| {
            let k = catalogue.iter().position(|c| c.id == s.id);
            table
                .rows
                .iter()
                .map(|r| k.is_some_and(|k| r.withheld[k]))
                .collect()
        })
        .collect()
}

/// The index restricted to the areas `keep` (Sozialräume with units), in that order.
fn subset(
    r: &sozialatlas_core::stats::index::IndexResult,
    keep: &[usize],
) -> sozialatlas_core::stats::index::IndexResult {
    let pick = |v: &[Option<f64>]| keep.iter().map(|&a| v[a]).collect::<Vec<_>>();
    sozialatlas_core::stats::index::IndexResult {
        z: r.z.iter().map(|z| pick(z)).collect(),
        moments: r.moments.clone(),
        sum: pick(&r.sum),
        index: pick(&r.index),
        class: keep.iter().map(|&a| r.class[a]).collect(),
        labels: r.labels.clone(),
    }
}

/// Each chosen indicator of a project against the city average, as the app's Einordnen view.
fn project_band(
    args: &Args,
    atlas: &sozialatlas_core::model::Atlas,
    chosen: &[&sozialatlas_core::model::IndicatorSpec],
    year: i32,
    withheld: &sozialatlas_core::stats::suppress::Withheld,
) -> Result<(), String> {
    use sozialatlas_core::project::derive;
    if args.level.is_some() {
        return Err("--method band mit --level ist noch nicht möglich; bitte --method mss.".into());
    }
    let cols: Vec<(String, derive::Bands)> = chosen
        .iter()
        .map(|s| (s.id.clone(), derive::bands(atlas, s, year, withheld)))
        .collect();
    print_bands(&atlas.units.keys, &cols, args.format)
}

/// Classifies Sozialräume of an assignment CSV on a table: the indicator columns aggregated by
/// their kind (shares weighted by --pop-col), then the index at that level.
fn table_level(args: &Args, level: &str) -> Result<(), String> {
    use sozialatlas_core::project::{derive, ClassifyParams};
    if args.method == ClassifyMethod::Band {
        return Err("--method band mit --level ist noch nicht möglich; bitte --method mss.".into());
    }
    if args.min_pop.is_some() && args.pop_col.is_none() {
        return Err("--min-pop braucht --pop-col (Spalte der Einwohnerzahl).".into());
    }
    let data = load(&args.input)?;
    check_advantage(&args.ind.indicators, &args.ind.advantage)?;
    let atlas = data.atlas(
        &args.ind.indicators,
        &args.ind.advantage,
        args.pop_col.as_deref(),
    )?;
    if args.pop_col.is_none() {
        eprintln!("Hinweis: ohne --pop-col werden Anteile ungewichtet gemittelt.");
    }
    let def = read_assignment(&std::path::PathBuf::from(level), &atlas.units.keys)?;
    let cat = atlas.indicators.clone();
    let params = ClassifyParams {
        indicators: args.ind.indicators.clone(),
        min_population: args.min_pop,
        ..ClassifyParams::default()
    };
    let agg = derive::aggregate(&atlas, &cat, &def);
    let rule = args.input.small_numbers(None);
    let table = derive::area_table(&atlas, &cat, &def, &agg, &params, 0, &rule);
    let keep: Vec<usize> = table.rows.iter().map(|r| r.area).collect();
    let keys: Vec<String> = keep.iter().map(|&a| def.areas[a].name.clone()).collect();
    let chosen: Vec<&sozialatlas_core::model::IndicatorSpec> = cat.iter().collect();
    let hidden = level_hidden(&table, &cat, &chosen);
    print_index(
        &keys,
        &args.ind.indicators,
        &args.ind.advantage,
        &subset(&table.status, &keep),
        None,
        &|k, i| hidden.get(k).is_some_and(|h| h[i]),
        args.format,
    )
}

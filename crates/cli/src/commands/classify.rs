//! `sozialatlas classify`: the MSS composite index, or each indicator against the city average.

use crate::input::{load, IndicatorArgs, Loaded, TableArgs};
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
}

/// Runs the command.
pub fn run(args: Args) -> Result<(), String> {
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
    let (indicators, advantage, format) = (&args.ind.indicators, &args.ind.advantage, args.format);
    let unknown: Vec<&String> = advantage
        .iter()
        .filter(|a| !indicators.contains(a))
        .collect();
    if !unknown.is_empty() {
        return Err(format!(
            "--advantage nennt Spalten, die nicht unter --indicators stehen: {unknown:?}"
        ));
    }
    let values = indicators
        .iter()
        .map(|c| data.numbers(c))
        .collect::<Result<Vec<_>, _>>()?;
    let high_bad: Vec<bool> = indicators.iter().map(|c| !advantage.contains(c)).collect();
    let thresholds = match args.classes {
        IndexClasses::Status => Thresholds::mss_status(),
        IndexClasses::Dynamic => Thresholds::mss_dynamic(),
    };
    let r = composite(
        &values,
        &high_bad,
        &data.include,
        &thresholds,
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
    let type_of = |i: usize| -> String {
        dynamic
            .as_ref()
            .and_then(|(_, g)| g[i].as_ref())
            .map_or_else(
                || sozialatlas_core::stats::index::WITHOUT_CLASS.to_string(),
                |c| c.label.clone(),
            )
    };
    if format == Format::Json {
        let rows: Vec<serde_json::Value> = (0..data.keys.len())
            .map(|i| {
                let z: serde_json::Map<String, serde_json::Value> =
                    indicators.iter().enumerate().map(|(k, name)| (name.clone(), serde_json::json!(r.z[k][i]))).collect();
                let mut row = serde_json::json!({"key": data.keys[i], "z": z, "sum": r.sum[i], "index": r.index[i], "class": r.label(i)});
                if let Some((dd, _)) = &dynamic {
                    row["dynamic_index"] = serde_json::json!(dd.index[i]);
                    row["dynamic_class"] = serde_json::json!(dd.label(i));
                    row["type"] = serde_json::json!(type_of(i));
                }
                row
            })
            .collect();
        let mut counts = serde_json::Map::new();
        for i in 0..data.keys.len() {
            let e = counts
                .entry(r.label(i).to_string())
                .or_insert(serde_json::json!(0));
            *e = serde_json::json!(e.as_u64().unwrap_or(0) + 1);
        }
        let out = serde_json::json!({
            "method": "mss",
            "indicators": indicators,
            "advantage": advantage,
            "thresholds": thresholds,
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
        let rows: Vec<Vec<String>> = (0..data.keys.len())
            .map(|i| {
                let mut row = vec![data.keys[i].clone()];
                row.extend((0..indicators.len()).map(|k| cell(r.z[k][i], format)));
                row.push(cell(r.sum[i], format));
                row.push(cell(r.index[i], format));
                row.push(r.label(i).to_string());
                if let Some((dd, _)) = &dynamic {
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

/// Each indicator against its city average (population-weighted with --pop-col).
fn band(args: &Args, data: &Loaded) -> Result<(), String> {
    use sozialatlas_core::stats::band::{self, BandParams};
    let pop = args.pop_col.as_ref().map(|c| data.numbers(c)).transpose()?;
    let mut header = vec!["key".to_string()];
    // Per indicator: the values and their bands.
    type Column = (Vec<Option<f64>>, Vec<Option<band::Band>>);
    let mut cols: Vec<Column> = vec![];
    let mut averages = vec![];
    for name in &args.ind.indicators {
        let v: Vec<Option<f64>> = data
            .numbers(name)?
            .into_iter()
            .zip(&data.include)
            .map(|(v, inc)| v.filter(|_| *inc))
            .collect();
        // Without numerator and denominator: population-weighted with --pop-col, else unweighted.
        let (avg, how) = match &pop {
            Some(p) => {
                let (sw, swx) =
                    v.iter()
                        .zip(p)
                        .fold((0.0, 0.0), |(sw, swx), (v, w)| match (v, w) {
                            (Some(v), Some(w)) => (sw + w, swx + w * v),
                            _ => (sw, swx),
                        });
                ((sw > 0.0).then(|| swx / sw), "population-weighted")
            }
            None => {
                let valid: Vec<f64> = v.iter().flatten().copied().collect();
                (
                    (!valid.is_empty()).then(|| valid.iter().sum::<f64>() / valid.len() as f64),
                    "unweighted",
                )
            }
        };
        let avg = avg.ok_or_else(|| format!("Spalte „{name}“ hat keine Werte."))?;
        let classes = band::classify(&v, avg, None, &BandParams::default());
        let count = |f: fn(&band::Band) -> bool| classes.iter().flatten().filter(|c| f(c)).count();
        averages.push(serde_json::json!({
            "indicator": name,
            "city_average": avg,
            "method": how,
            "below": count(|c| *c < band::Band::Average),
            "above": count(|c| *c > band::Band::Average),
        }));
        header.push(name.clone());
        header.push(format!("class_{name}"));
        cols.push((v, classes));
    }
    let label = |c: &Option<band::Band>| {
        c.map_or(
            sozialatlas_core::stats::index::WITHOUT_CLASS,
            band::Band::label_de,
        )
        .to_string()
    };
    if args.format == Format::Json {
        let rows: Vec<serde_json::Value> = (0..data.keys.len())
            .map(|i| {
                let mut o = serde_json::Map::new();
                o.insert("key".into(), serde_json::json!(data.keys[i]));
                for (name, (v, c)) in args.ind.indicators.iter().zip(&cols) {
                    o.insert(
                        name.clone(),
                        serde_json::json!({"value": v[i], "class": label(&c[i])}),
                    );
                }
                serde_json::Value::Object(o)
            })
            .collect();
        print_json(
            &serde_json::json!({"method": "band", "band": BandParams::default(), "averages": averages, "rows": rows}),
        )
    } else {
        let rows: Vec<Vec<String>> = (0..data.keys.len())
            .map(|i| {
                let mut r = vec![data.keys[i].clone()];
                for (v, c) in &cols {
                    r.push(cell(v[i], args.format));
                    r.push(label(&c[i]));
                }
                r
            })
            .collect();
        print!("{}", write_csv(&header, &rows, args.format));
        Ok(())
    }
}

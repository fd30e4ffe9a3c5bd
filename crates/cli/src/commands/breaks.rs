//! `sozialatlas breaks`: map class breaks of one column.

use crate::input::{load, TableArgs};

/// Map class scheme (as the app's Explore map offers them).
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Scheme {
    /// Equal number of areas per class.
    Quantile,
    /// Equal class widths.
    Equal,
    /// Exact Fisher-Jenks natural breaks.
    Jenks,
    /// Standard deviations around the mean (or --anchor): with --k 5 (default) ±1 and ±2 SD.
    Stddev,
    /// The upper bounds given with --breaks.
    Manual,
}

impl Scheme {
    fn core(self) -> sozialatlas_core::map::classes::Scheme {
        use sozialatlas_core::map::classes::Scheme as S;
        match self {
            Scheme::Quantile => S::Quantile,
            Scheme::Equal => S::Equal,
            Scheme::Jenks => S::Jenks,
            Scheme::Stddev => S::StdDev,
            Scheme::Manual => S::Manual,
        }
    }
}

/// Map class breaks of one column: `{"breaks": [upper bound of each class, ascending]}`.
#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(flatten)]
    pub input: TableArgs,
    /// The column to classify.
    #[arg(long)]
    pub column: String,
    /// Class scheme.
    #[arg(long, value_enum)]
    pub scheme: Scheme,
    /// Number of classes (quantile, equal, jenks, stddev).
    #[arg(long, default_value_t = 5)]
    pub k: usize,
    /// Upper class bounds for --scheme manual, comma-separated (e.g. 5,10,20); the maximum of
    /// the data closes the last class.
    #[arg(long, value_delimiter = ',', allow_hyphen_values = true)]
    pub breaks: Vec<f64>,
    /// Centre of the stddev scheme instead of the mean (e.g. the city average).
    #[arg(long, allow_hyphen_values = true)]
    pub anchor: Option<f64>,
    /// Output format (json).
    #[arg(long, default_value = "json")]
    pub format: String,
    /// Breaks of the Sozialräume instead of the units: with --project the name of one of its
    /// definitions, else an assignment CSV (`key`, `area`; the column aggregated unweighted).
    #[arg(long)]
    pub level: Option<String>,
}

/// Most classes of a map.
const MAX_K: usize = 50;

/// Runs the command.
pub fn run(args: Args) -> Result<(), String> {
    let Args {
        input,
        column,
        scheme,
        k,
        breaks,
        anchor,
        format,
        level,
    } = args;
    if format != "json" {
        return Err(format!("--format {format}: breaks gibt es nur als json."));
    }
    if !(1..=MAX_K).contains(&k) {
        return Err(format!("--k {k}: erlaubt sind 1 bis {MAX_K} Klassen."));
    }
    match (scheme, breaks.is_empty()) {
        (Scheme::Manual, true) => {
            return Err("--scheme manual: bitte --breaks angeben (z. B. --breaks 5,10,20).".into())
        }
        (Scheme::Manual, false) => {
            if breaks.iter().any(|b| !b.is_finite()) || breaks.len() > MAX_K {
                return Err(format!(
                    "--breaks: bitte höchstens {MAX_K} endliche Zahlen angeben."
                ));
            }
        }
        (_, false) => return Err("--breaks gilt nur mit --scheme manual.".into()),
        (_, true) => {}
    }
    if anchor.is_some_and(|a| !a.is_finite()) {
        return Err(
            "--anchor: bitte eine endliche Zahl angeben (z. B. den städtischen Durchschnitt)."
                .into(),
        );
    }
    let data = load(&input)?;
    let data = match &level {
        Some(l) => data.at_level(l, std::slice::from_ref(&column), &[], None)?,
        None => data,
    };
    // Withheld values take no part: the breaks' bounds are printed.
    let hidden = data
        .withheld(std::slice::from_ref(&column), input.no_suppress)?
        .remove(0);
    let values: Vec<Option<f64>> = data
        .numbers(&column)?
        .into_iter()
        .zip(&data.include)
        .zip(&hidden)
        .map(|((v, inc), h)| v.filter(|_| *inc && !h))
        .collect();
    let b = scheme
        .core()
        .breaks(&values, k, &breaks, anchor)
        .ok_or_else(|| {
            format!("Spalte „{column}“: zu wenige verschiedene Werte für {k} Klassen.")
        })?;
    let counts: Vec<usize> = (0..b.k())
        .map(|c| values.iter().filter(|v| b.class_of(**v) == Some(c)).count())
        .collect();
    let out = serde_json::json!({"breaks": b.upper, "min": b.min, "counts": counts, "scheme": scheme.core().name(), "n": values.iter().flatten().count()});
    println!(
        "{}",
        serde_json::to_string_pretty(&out).map_err(|e| e.to_string())?
    );
    Ok(())
}

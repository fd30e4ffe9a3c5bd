//! `sozialatlas breaks`: map class breaks of one column.

use crate::input::{load, TableArgs};

/// Map class scheme.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Scheme {
    /// Equal number of areas per class.
    Quantile,
    /// Equal class widths.
    Equal,
    /// Exact Fisher-Jenks natural breaks.
    Jenks,
    /// Mean (or --anchor) ± 1 and 2 standard deviations.
    Stddev,
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
    /// Number of classes (quantile, equal, jenks).
    #[arg(long, default_value_t = 5)]
    pub k: usize,
    /// Centre of the stddev scheme instead of the mean (e.g. the city average).
    #[arg(long, allow_hyphen_values = true)]
    pub anchor: Option<f64>,
    /// Output format (json).
    #[arg(long, default_value = "json")]
    pub format: String,
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
        anchor,
        format,
    } = args;
    use sozialatlas_core::map::classes;
    if format != "json" {
        return Err(format!("--format {format}: breaks gibt es nur als json."));
    }
    if !(1..=MAX_K).contains(&k) && scheme != Scheme::Stddev {
        return Err(format!("--k {k}: erlaubt sind 1 bis {MAX_K} Klassen."));
    }
    if anchor.is_some_and(|a| !a.is_finite()) {
        return Err(
            "--anchor: bitte eine endliche Zahl angeben (z. B. den städtischen Durchschnitt)."
                .into(),
        );
    }
    let data = load(&input)?;
    let values: Vec<Option<f64>> = data
        .numbers(&column)?
        .into_iter()
        .zip(&data.include)
        .map(|(v, inc)| v.filter(|_| *inc))
        .collect();
    let b = match scheme {
        Scheme::Quantile => classes::quantiles(&values, k),
        Scheme::Equal => classes::equal_interval(&values, k),
        Scheme::Jenks => classes::fisher_jenks(&values, k),
        Scheme::Stddev => classes::std_mean(&values, &[-2.0, -1.0, 1.0, 2.0], anchor),
    }
    .ok_or_else(|| format!("Spalte „{column}“: zu wenige verschiedene Werte für {k} Klassen."))?;
    let counts: Vec<usize> = (0..b.k())
        .map(|c| values.iter().filter(|v| b.class_of(**v) == Some(c)).count())
        .collect();
    let out = serde_json::json!({"breaks": b.upper, "min": b.min, "counts": counts, "scheme": format!("{scheme:?}").to_lowercase(), "n": values.iter().flatten().count()});
    println!(
        "{}",
        serde_json::to_string_pretty(&out).map_err(|e| e.to_string())?
    );
    Ok(())
}

//! `sozialatlas`: the command line over sozialatlas-core. Every computation the app offers can be
//! run here with the same functions, for batch runs and scripted checks. Messages are German;
//! unusable input exits with code 2 and the message on stderr.

mod commands;
mod input;
mod output;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "sozialatlas",
    version,
    about = "Sozialatlas: Sozialplanung auf der Kommandozeile"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Writes the demo town Musterstadt as GeoJSON (EPSG:25832) and German Excel CSV.
    Demo(commands::demo::Args),
    /// Classifies areas: MSS composite index (status, dynamic) or each indicator against the
    /// city average.
    Classify(commands::classify::Args),
    /// Cluster typology (Ward, k-means, Ward then k-means) on z-standardised indicators.
    Cluster(commands::cluster::Args),
    /// Map class breaks of one column.
    Breaks(commands::breaks::Args),
    /// Reads a map and/or a table: CRS, encodings, columns, join report, warnings (JSON).
    Inspect(commands::inspect::Args),
    /// Dissolves units into Sozialräume by an assignment (key, area): one polygon each.
    Dissolve(commands::dissolve::Args),
    /// Automatic Sozialraum proposal: contiguous regions with a population floor (max-p).
    Regionalize(commands::regionalize::Args),
    /// Compares two Sozialraum definitions: metrics, changed units, crosswalk.
    Compare(commands::compare::Args),
    /// An area's series of one indicator over the years, with its coarser level and the city.
    Timeseries(commands::timeseries::Args),
    /// Facilities (or Zensus grid cells) counted and summed per unit or Sozialraum.
    Facilities(commands::facilities::Args),
    /// The Sozialbericht as one HTML file (cover, method, indicators, index, typology, areas;
    /// or the monitoring variant).
    Report(commands::report::Args),
    /// Project files saved by the app (`.sozialatlas.json`).
    #[command(subcommand)]
    Project(commands::project::Command),
}

fn main() -> ExitCode {
    let result = match Cli::parse().command {
        Command::Demo(a) => commands::demo::run(a),
        Command::Classify(a) => commands::classify::run(a),
        Command::Cluster(a) => commands::cluster::run(a),
        Command::Breaks(a) => commands::breaks::run(a),
        Command::Inspect(a) => commands::inspect::run(a),
        Command::Dissolve(a) => commands::dissolve::run(a),
        Command::Regionalize(a) => commands::regionalize::run(a),
        Command::Compare(a) => commands::compare::run(a),
        Command::Timeseries(a) => commands::timeseries::run(a),
        Command::Facilities(a) => commands::facilities::run(a),
        Command::Report(a) => commands::report::run(a),
        Command::Project(c) => commands::project::run(c),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(msg) => {
            eprintln!("{msg}");
            ExitCode::from(2)
        }
    }
}

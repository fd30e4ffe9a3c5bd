//! `sozialatlas`: the command line over sozialatlas-core. Every computation the app offers can be
//! run here with the same functions, for batch runs and scripted checks.

use clap::{Parser, Subcommand};
use sozialatlas_core::{demo, export};
use std::path::PathBuf;
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
    Demo {
        /// Folder to write `musterstadt.geojson` and `musterstadt.csv` into.
        #[arg(long, default_value = ".")]
        out: PathBuf,
    },
}

fn run(cli: Cli) -> Result<(), String> {
    match cli.command {
        Command::Demo { out } => {
            let atlas = demo::musterstadt();
            std::fs::create_dir_all(&out)
                .map_err(|e| format!("Ordner {} kann nicht angelegt werden: {e}", out.display()))?;
            let geo = export::geojson(&atlas, demo::KEY_COLUMN);
            let geo_path = out.join("musterstadt.geojson");
            std::fs::write(&geo_path, geo.to_string()).map_err(|e| {
                format!("{} kann nicht geschrieben werden: {e}", geo_path.display())
            })?;
            let csv_path = out.join("musterstadt.csv");
            std::fs::write(
                &csv_path,
                export::csv(&atlas, demo::KEY_COLUMN, export::CsvStyle::ExcelDe),
            )
            .map_err(|e| format!("{} kann nicht geschrieben werden: {e}", csv_path.display()))?;
            println!("{}\n{}", geo_path.display(), csv_path.display());
            Ok(())
        }
    }
}

fn main() -> ExitCode {
    match run(Cli::parse()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(msg) => {
            eprintln!("{msg}");
            ExitCode::from(2)
        }
    }
}

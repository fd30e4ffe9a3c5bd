//! `sozialatlas`: the command line over sozialatlas-core. Every computation the app offers can be
//! run here with the same functions, for batch runs and scripted checks.

use clap::{Parser, Subcommand};
use sozialatlas_core::ingest::{crs, inspect};
use sozialatlas_core::lang::Lang;
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
    /// Reads a map and/or a table and prints one JSON object: CRS, encodings, features, extent,
    /// columns, join report, warnings. Exit code 2 with the message on stderr when unusable.
    Inspect {
        /// Map file (GeoJSON).
        #[arg(long)]
        geo: Option<PathBuf>,
        /// Table file (CSV).
        #[arg(long)]
        table: Option<PathBuf>,
        /// Key column (table; also the map property when it exists there).
        #[arg(long)]
        key: Option<String>,
        /// Coordinate system of the map, overriding the file and the detection (e.g. EPSG:25833).
        #[arg(long)]
        crs: Option<String>,
        /// Project file (not yet supported).
        #[arg(long)]
        project: Option<PathBuf>,
    },
}

/// Reads a file, with a German message naming it on failure.
fn read_file(path: &PathBuf) -> Result<(String, Vec<u8>), String> {
    let bytes = std::fs::read(path)
        .map_err(|e| format!("{}: Datei nicht lesbar ({e}).", path.display()))?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string());
    Ok((name, bytes))
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
        Command::Inspect {
            geo,
            table,
            key,
            crs: crs_name,
            project,
        } => {
            if let Some(p) = project {
                return Err(format!(
                    "{}: Projektdateien werden noch nicht gelesen.",
                    p.display()
                ));
            }
            if geo.is_none() && table.is_none() {
                return Err("Bitte --geo und/oder --table angeben.".into());
            }
            let crs_override = match crs_name {
                Some(n) => Some(
                    crs::parse_name(&n)
                        .filter(|c| crs::proj_string(c.epsg).is_some())
                        .ok_or_else(|| {
                            format!("Koordinatensystem „{n}“ wird nicht unterstützt.")
                        })?,
                ),
                None => None,
            };
            let geo = geo.as_ref().map(read_file).transpose()?;
            let table = table.as_ref().map(read_file).transpose()?;
            let result = inspect::inspect(
                geo.as_ref()
                    .map(|(name, bytes)| inspect::Input { name, bytes }),
                table
                    .as_ref()
                    .map(|(name, bytes)| inspect::Input { name, bytes }),
                key.as_deref(),
                crs_override,
            )
            .map_err(|e| e.message(Lang::De))?;
            println!(
                "{}",
                serde_json::to_string_pretty(&result).map_err(|e| e.to_string())?
            );
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

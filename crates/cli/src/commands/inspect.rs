//! `sozialatlas inspect`: what is in a map and a table, and how they join.

use crate::input::read_file;
use sozialatlas_core::ingest::{crs, inspect};
use sozialatlas_core::lang::Lang;
use std::path::PathBuf;

/// Reads a map and/or a table and prints one JSON object: CRS, encodings, features, extent,
/// columns, join report, warnings. Exit code 2 with the message on stderr when unusable.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Map file (GeoJSON).
    #[arg(long)]
    pub geo: Option<PathBuf>,
    /// Table file (CSV).
    #[arg(long)]
    pub table: Option<PathBuf>,
    /// Key column (table; also the map property when it exists there).
    #[arg(long)]
    pub key: Option<String>,
    /// Coordinate system of the map, overriding the file and the detection (e.g. EPSG:25833).
    #[arg(long)]
    pub crs: Option<String>,
    /// Sheet of an Excel table (default: the first sheet holding a table).
    #[arg(long)]
    pub sheet: Option<String>,
    /// Project file (not yet supported).
    #[arg(long)]
    pub project: Option<PathBuf>,
}

/// Runs the command.
pub fn run(args: Args) -> Result<(), String> {
    let Args {
        geo,
        table,
        key,
        crs: crs_name,
        project,
        sheet,
    } = args;
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
                .ok_or_else(|| format!("Koordinatensystem „{n}“ wird nicht unterstützt."))?,
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
        sheet.as_deref(),
    )
    .map_err(|e| e.message(Lang::De))?;
    println!(
        "{}",
        serde_json::to_string_pretty(&result).map_err(|e| e.to_string())?
    );
    Ok(())
}

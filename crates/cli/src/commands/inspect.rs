//! `sozialatlas inspect`: what is in a map and a table, and how they join.

use crate::input::read_file;
use sozialatlas_core::ingest::{crs, inspect};
use sozialatlas_core::locale::Lang;
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
    /// A project file saved by the app: its map and table with its read settings.
    #[arg(long, conflicts_with_all = ["geo", "table"])]
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
        return inspect_project(&p, crs_name.is_some());
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

/// Inspects the input files inside a project file with the project's read settings.
fn inspect_project(path: &PathBuf, crs_given: bool) -> Result<(), String> {
    use sozialatlas_core::project::codec;
    if crs_given {
        return Err("--crs mit --project: das Projekt nennt sein Koordinatensystem selbst.".into());
    }
    let (name, bytes) = read_file(path)?;
    let (inputs, packed) =
        codec::read_project_file(&bytes).map_err(|e| format!("{name}: {}", e.message(Lang::De)))?;
    let read = packed.read_settings();
    let Some(map) = &inputs.map else {
        return Err(format!(
            "{name}: Das Projekt ist die Beispielstadt und enthält keine Dateien."
        ));
    };
    let result = inspect::inspect(
        Some(inspect::Input {
            name: &map.name,
            bytes: &map.bytes,
        }),
        inputs.table.as_ref().map(|t| inspect::Input {
            name: &t.name,
            bytes: &t.bytes,
        }),
        read.table_key.as_deref().or(read.map_key.as_deref()),
        read.crs.map(|epsg| sozialatlas_core::model::Crs { epsg }),
        read.sheet.as_deref(),
    )
    .map_err(|e| e.message(Lang::De))?;
    println!(
        "{}",
        serde_json::to_string_pretty(&result).map_err(|e| e.to_string())?
    );
    Ok(())
}

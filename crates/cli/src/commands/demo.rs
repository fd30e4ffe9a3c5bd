//! `sozialatlas demo`: the demo town as files.

use sozialatlas_core::{demo, export};
use std::path::PathBuf;

/// Writes the demo town Musterstadt as GeoJSON (EPSG:25832) and German Excel CSV.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Folder to write `musterstadt.geojson` and `musterstadt.csv` into.
    #[arg(long, default_value = ".")]
    pub out: PathBuf,
}

/// Runs the command.
pub fn run(args: Args) -> Result<(), String> {
    let Args { out } = args;
    let atlas = demo::musterstadt();
    std::fs::create_dir_all(&out)
        .map_err(|e| format!("Ordner {} kann nicht angelegt werden: {e}", out.display()))?;
    let geo = export::geojson(&atlas, demo::KEY_COLUMN);
    let geo_path = out.join("musterstadt.geojson");
    std::fs::write(&geo_path, geo.to_string())
        .map_err(|e| format!("{} kann nicht geschrieben werden: {e}", geo_path.display()))?;
    let csv_path = out.join("musterstadt.csv");
    std::fs::write(
        &csv_path,
        export::csv(&atlas, demo::KEY_COLUMN, export::CsvStyle::ExcelDe),
    )
    .map_err(|e| format!("{} kann nicht geschrieben werden: {e}", csv_path.display()))?;
    println!("{}\n{}", geo_path.display(), csv_path.display());
    Ok(())
}

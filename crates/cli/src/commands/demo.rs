//! `sozialatlas demo`: the demo town as files.

use sozialatlas_core::{demo, export};
use std::path::PathBuf;

/// Writes the demo town Musterstadt as GeoJSON (EPSG:25832) and German Excel CSV.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Folder to write `musterstadt.geojson` and `musterstadt.csv` into (with the facilities
    /// `kitas.csv`, `einrichtungen.csv` and a synthetic Zensus grid `zensus_100m.csv`).
    #[arg(long, default_value = ".")]
    pub out: PathBuf,
    /// Instead of Musterstadt, a synthetic tessellation of COLSxROWS cells (e.g. `320x313` for
    /// 100,160 units) with a population column and 12 indicators, written as `synthetic.geojson`
    /// and `synthetic.csv` with the key column `schluessel` (for scale tests and benchmarks).
    #[arg(long, value_name = "COLSxROWS")]
    pub grid: Option<String>,
    /// Seed of the synthetic data.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
}

/// Most cells of a synthetic grid.
const MAX_CELLS: usize = 500_000;

/// Runs the command.
pub fn run(args: Args) -> Result<(), String> {
    let Args { out, grid, seed } = args;
    let (atlas, stem) = match grid {
        Some(g) => {
            let (c, r) = g
                .split_once(['x', 'X'])
                .and_then(|(c, r)| {
                    Some((
                        c.trim().parse::<usize>().ok()?,
                        r.trim().parse::<usize>().ok()?,
                    ))
                })
                .filter(|(c, r)| *c > 0 && *r > 0)
                .ok_or_else(|| {
                    format!("--grid {g}: bitte als SPALTENxZEILEN angeben, z. B. 320x313")
                })?;
            // At most 1,000 x 1,000 cells, 500,000 in all (a large city has a few thousand
            // units; the benchmarks use 100,160).
            if c > 1000 || r > 1000 || c * r > MAX_CELLS {
                return Err(format!(
                    "--grid {g}: höchstens 1000 Spalten, 1000 Zeilen und {MAX_CELLS} Zellen insgesamt."
                ));
            }
            (demo::synthetic(c, r, 12, seed), "synthetic")
        }
        None => (demo::musterstadt(), "musterstadt"),
    };
    std::fs::create_dir_all(&out)
        .map_err(|e| format!("Ordner {} kann nicht angelegt werden: {e}", out.display()))?;
    let geo = export::geojson(&atlas, demo::KEY_COLUMN);
    let geo_path = out.join(format!("{stem}.geojson"));
    std::fs::write(&geo_path, geo.to_string())
        .map_err(|e| format!("{} kann nicht geschrieben werden: {e}", geo_path.display()))?;
    let csv_path = out.join(format!("{stem}.csv"));
    std::fs::write(
        &csv_path,
        export::csv(&atlas, demo::KEY_COLUMN, export::CsvStyle::ExcelDe),
    )
    .map_err(|e| format!("{} kann nicht geschrieben werden: {e}", csv_path.display()))?;
    println!("{}\n{}", geo_path.display(), csv_path.display());
    if stem == "musterstadt" {
        let grid = demo::zensus_grid(demo::ZENSUS_BOX, false);
        for (name, text) in demo::facilities()
            .into_iter()
            .chain([("zensus_100m.csv", grid)])
        {
            let path = out.join(name);
            std::fs::write(&path, text)
                .map_err(|e| format!("{} kann nicht geschrieben werden: {e}", path.display()))?;
            println!("{}", path.display());
        }
    }
    Ok(())
}

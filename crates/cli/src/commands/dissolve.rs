//! `sozialatlas dissolve`: one polygon per Sozialraum from an assignment of units.

use crate::input::{load_atlas, read_assignment};
use sozialatlas_core::ingest::crs::Reprojector;
use sozialatlas_core::project::derive;
use sozialatlas_core::sozialraum::topology::Topology;
use std::path::PathBuf;

/// Dissolves the units of a map into Sozialräume: boundaries between units of the same
/// Sozialraum vanish (topologically, from shared edges). Writes one GeoJSON feature per
/// Sozialraum with the property `area` (its name) and `units` (number of units), in the input's
/// CRS.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Map file (GeoJSON, Shapefile as .zip).
    #[arg(long)]
    pub geo: PathBuf,
    /// Key property of the map.
    #[arg(long)]
    pub key: String,
    /// Assignment CSV with the columns `key` and `area`.
    #[arg(long)]
    pub assign: PathBuf,
    /// Output GeoJSON file.
    #[arg(long)]
    pub out: PathBuf,
}

/// Runs the command.
pub fn run(args: Args) -> Result<(), String> {
    let loaded = load_atlas(&args.geo, None, &args.key)?;
    let atlas = &loaded.atlas;
    let def = read_assignment(&args.assign, &atlas.units.keys)?;
    let topo = Topology::build(&atlas.units.geometry);
    let mut agg = derive::dissolved(atlas, &atlas.indicators, &def, &topo);
    let planar = atlas.units.crs.unwrap_or(loaded.report.crs);
    let input_crs = loaded.report.crs;
    if input_crs != planar {
        let back = Reprojector::new(planar, input_crs).ok_or_else(|| {
            format!(
                "{}: keine Rückprojektion nach {input_crs} möglich.",
                args.geo.display(),
            )
        })?;
        agg.units.geometry = agg
            .units
            .geometry
            .iter()
            .map(|p| back.multipolygon(p))
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| {
                format!(
                    "{}: Rückprojektion nach {input_crs} fehlgeschlagen ({e}).",
                    args.geo.display(),
                )
            })?;
        agg.units.crs = Some(input_crs);
    }
    let mut fc = sozialatlas_core::export::geojson(&agg, "area");
    fc["name"] = serde_json::json!(def.name);
    let text = serde_json::to_string(&fc).map_err(|e| e.to_string())?;
    std::fs::write(&args.out, text)
        .map_err(|e| format!("{}: nicht schreibbar ({e}).", args.out.display()))?;
    eprintln!(
        "{} Sozialräume aus {} Gebieten nach {} geschrieben.",
        agg.units.len(),
        atlas.units.len(),
        args.out.display()
    );
    Ok(())
}

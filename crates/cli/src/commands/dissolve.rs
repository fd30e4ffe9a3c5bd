//! `sozialatlas dissolve`: one polygon per Sozialraum from an assignment of units.

use crate::input::{load_atlas, read_assignment};
use sozialatlas_core::ingest::crs::Reprojector;
use sozialatlas_core::model::ColumnValues;
use sozialatlas_core::sozialraum::aggregate::Tally;
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
    let mut polys = topo.dissolve(&atlas.units.geometry, &def.assign, def.areas.len());
    let planar = atlas.units.crs.unwrap_or(loaded.crs);
    let mut out_crs = planar;
    if loaded.crs != planar {
        let back = Reprojector::new(planar, loaded.crs).ok_or_else(|| {
            format!(
                "{}: keine Rückprojektion nach {} möglich.",
                args.geo.display(),
                loaded.crs
            )
        })?;
        polys = polys
            .iter()
            .map(|p| back.multipolygon(p))
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| {
                format!(
                    "{}: Rückprojektion nach {} fehlgeschlagen ({e}).",
                    args.geo.display(),
                    loaded.crs
                )
            })?;
        out_crs = loaded.crs;
    }
    let tally = Tally::new(atlas, &def);
    let mut agg = tally.atlas(atlas, &def, Some(polys));
    agg.units.crs = Some(out_crs);
    let units = sozialatlas_core::model::Column {
        name: "units".into(),
        values: ColumnValues::Number(tally.counts().iter().map(|&c| Some(c as f64)).collect()),
    };
    let mut fc = sozialatlas_core::export::geojson_with(&agg, "area", &[units]);
    // Empty Sozialräume (no unit) have no polygon: leave them out.
    if let Some(features) = fc["features"].as_array_mut() {
        features.retain(|f| f["properties"]["units"].as_f64().unwrap_or(0.0) > 0.0);
    }
    fc["name"] = serde_json::json!(def.name);
    let text = serde_json::to_string(&fc).map_err(|e| e.to_string())?;
    std::fs::write(&args.out, text)
        .map_err(|e| format!("{}: nicht schreibbar ({e}).", args.out.display()))?;
    eprintln!(
        "{} Sozialräume aus {} Gebieten nach {} geschrieben.",
        fc["features"].as_array().map_or(0, Vec::len),
        atlas.units.len(),
        args.out.display()
    );
    Ok(())
}

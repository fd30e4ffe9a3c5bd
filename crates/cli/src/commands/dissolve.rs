//! `sozialatlas dissolve`: one polygon per Sozialraum from an assignment of units.

use crate::input::map_data;
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
    #[arg(long, required_unless_present = "project")]
    pub geo: Option<PathBuf>,
    /// Key property of the map.
    #[arg(long, required_unless_present = "project")]
    pub key: Option<String>,
    /// Assignment CSV with the columns `key` and `area`; with --project the name of one of
    /// its definitions.
    #[arg(long)]
    pub assign: String,
    /// A project file saved by the app (instead of --geo and --key).
    #[arg(long, conflicts_with_all = ["geo", "key"])]
    pub project: Option<PathBuf>,
    /// Output GeoJSON file.
    #[arg(long)]
    pub out: PathBuf,
    /// Write small numbers too. By default sums of the Sozialräume resting on fewer cases than
    /// the project's threshold (3 without a project) are written as null and named in the
    /// feature's property `geheim`.
    #[arg(long)]
    pub no_suppress: bool,
    /// Coordinates of the output: `input` (the map's own system, named in a `crs` member) or
    /// `wgs84` (longitude/latitude without a `crs` member, as RFC 7946 wants it).
    #[arg(long, value_enum, default_value = "input")]
    pub crs: OutputCrs,
}

/// The coordinates `dissolve` writes.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum OutputCrs {
    /// The input map's coordinate system.
    Input,
    /// WGS 84 longitude/latitude (RFC 7946).
    Wgs84,
}

/// Runs the command.
pub fn run(args: Args) -> Result<(), String> {
    let data = map_data(
        args.geo.as_ref(),
        None,
        args.key.as_deref(),
        args.project.as_ref(),
    )?;
    let atlas = &data.atlas;
    let def = data.definition(&args.assign)?;
    let topo = Topology::build(&atlas.units.geometry);
    let agg = derive::dissolved(atlas, &atlas.indicators, &def, &topo);
    let out_crs = match args.crs {
        OutputCrs::Input => data.input_crs,
        OutputCrs::Wgs84 => sozialatlas_core::model::Crs::WGS84,
    };
    let agg = sozialatlas_core::export::in_crs(&agg, out_crs).map_err(|e| {
        format!(
            "{}: Umrechnung nach {out_crs} fehlgeschlagen: {}",
            data.file,
            e.message(sozialatlas_core::locale::Lang::De)
        )
    })?;
    let rule = crate::input::small_numbers(args.no_suppress, data.project.as_ref());
    let withheld = derive::withheld(&agg, data.catalogue(), &rule);
    let mut fc = sozialatlas_core::export::geojson_with(&agg, "area", &[], &withheld);
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

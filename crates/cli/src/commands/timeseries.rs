//! `sozialatlas timeseries`: an area's series of one indicator over every year of the data,
//! with the Sozialraum of a coarser level it lies in and the city average, as the app's time
//! chart draws it.

use crate::input::map_data;
use crate::output::Format;
use sozialatlas_core::project::derive;
use std::path::PathBuf;

/// Prints an area's series: CSV `year, <area>, [<coarser Sozialraum>,] Stadt`, or JSON with
/// the change from `--from` (default: the first year) to `--to` (default: the last).
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Map file (GeoJSON, Shapefile as .zip).
    #[arg(long, required_unless_present = "project")]
    pub geo: Option<PathBuf>,
    /// Table file (CSV, XLSX; long tables with a year column give the years).
    #[arg(long)]
    pub table: Option<PathBuf>,
    /// Key column of map and table (default: chosen as the app does, by the most matches).
    #[arg(long)]
    pub key: Option<String>,
    /// A project file saved by the app (instead of --geo, --table and --key).
    #[arg(long, conflicts_with_all = ["geo", "table", "key"])]
    pub project: Option<PathBuf>,
    /// The indicator (its id; with a project as set up there).
    #[arg(long)]
    pub indicator: String,
    /// The area: a key or a name of the map, at --level the name of a Sozialraum.
    #[arg(long)]
    pub area: String,
    /// The level of --area: an assignment CSV (`key`, `area`), or with --project the name of one
    /// of its definitions.
    #[arg(long)]
    pub level: Option<String>,
    /// A coarser level to compare with (assignment CSV or definition name): the line of the
    /// Sozialraum that holds the area (most of its units).
    #[arg(long)]
    pub coarser: Option<String>,
    /// Earlier year of the change (JSON).
    #[arg(long)]
    pub from: Option<i32>,
    /// Later year of the change (JSON).
    #[arg(long)]
    pub to: Option<i32>,
    /// Print small numbers too (by default withheld values are printed as "geheim").
    #[arg(long)]
    pub no_suppress: bool,
    /// Output format.
    #[arg(long, value_enum, default_value = "csv")]
    pub format: Format,
}

/// Runs the command.
pub fn run(args: Args) -> Result<(), String> {
    let data = map_data(
        args.geo.as_ref(),
        args.table.as_ref(),
        args.key.as_deref(),
        args.project.as_ref(),
    )?;
    let base = &data.atlas;
    let catalogue = data.catalogue();
    let spec = catalogue
        .iter()
        .find(|s| s.id == args.indicator)
        .ok_or_else(|| {
            format!(
                "{}: kein Indikator „{}“. Vorhanden: {}.",
                data.file,
                args.indicator,
                catalogue
                    .iter()
                    .map(|s| s.id.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        })?;
    if base.years_of(spec).len() < 2 {
        return Err(format!(
            "{}: „{}“ hat Werte aus weniger als zwei Jahren; eine Zeitreihe braucht eine Tabelle mit Jahren (lange Tabelle mit Jahresspalte oder Spalten wie „{}_2022“).",
            data.file, spec.id, spec.id
        ));
    }
    let rule = crate::input::small_numbers(args.no_suppress, data.project.as_ref());
    let level_def = args
        .level
        .as_deref()
        .map(|l| data.definition(l))
        .transpose()?;
    let coarser_def = args
        .coarser
        .as_deref()
        .map(|c| data.definition(c))
        .transpose()?;
    let shown = match &level_def {
        Some(def) => {
            let topo =
                sozialatlas_core::sozialraum::topology::Topology::build(&base.units.geometry);
            derive::dissolved(base, catalogue, def, &topo)
        }
        None => base.clone(),
    };
    let area = (0..shown.units.len())
        .find(|&i| shown.units.keys[i] == args.area)
        .or_else(|| (0..shown.units.len()).find(|&i| shown.units.names[i] == args.area))
        .ok_or_else(|| {
            format!(
                "{}: kein Gebiet „{}“ (Schlüssel oder Name{}).",
                data.file,
                args.area,
                if level_def.is_some() {
                    " eines Sozialraums"
                } else {
                    ""
                }
            )
        })?;
    let units = derive::units_of(level_def.as_ref(), area);
    let coarser = coarser_def
        .as_ref()
        .map(|d| derive::coarser_level(base, catalogue, d, &rule));
    let withheld = derive::withheld(&shown, catalogue, &rule);
    let s = derive::series(
        &shown,
        spec,
        area,
        &withheld,
        coarser.as_ref().map(|c| (c, units.as_slice())),
    );
    if args.coarser.is_some() && s.coarser.is_none() {
        eprintln!(
            "Hinweis: „{}“ liegt in keinem Sozialraum der gröberen Ebene.",
            args.area
        );
    }
    match args.format {
        Format::Json => {
            let from = args.from.or(s.years.first().copied());
            let to = args.to.or(s.years.last().copied());
            // Earlier to later, whichever order the flags came in.
            let (from, to) = match (from, to) {
                (Some(f), Some(t)) if f > t => (Some(t), Some(f)),
                x => x,
            };
            let change = |l| {
                from.zip(to)
                    .and_then(|(f, t)| s.change(l, f, t))
                    .map(|c| serde_json::json!({"absolute": c.absolute, "percent": c.percent, "text": s.change_text(&c, sozialatlas_core::locale::NumberStyle::German)}))
            };
            let out = serde_json::json!({
                "series": s,
                "from": from,
                "to": to,
                "change": {
                    "area": change(&s.area),
                    "coarser": s.coarser.as_ref().map(change),
                    "city": change(&s.city),
                },
            });
            println!(
                "{}",
                serde_json::to_string_pretty(&out).map_err(|e| e.to_string())?
            );
        }
        f => print!(
            "{}",
            s.csv(f.csv_style(), sozialatlas_core::locale::Lang::De)
        ),
    }
    Ok(())
}

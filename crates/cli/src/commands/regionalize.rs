//! `sozialatlas regionalize`: an automatic Sozialraum proposal (max-p regions with a population
//! floor, see `sozialatlas_core::sozialraum::regionalize`).

use crate::input::map_data;
use crate::output::{print_json, write_csv, Format};
use sozialatlas_core::locale::Lang;
use sozialatlas_core::project::ProposalParams;
use sozialatlas_core::sozialraum::regionalize::{max_p, standardise, Params};
use sozialatlas_core::sozialraum::topology::Topology;
use std::path::PathBuf;

/// Proposes contiguous Sozialräume with at least `--min-pop` inhabitants each and indicators as
/// homogeneous as possible (max-p regions). Regions are numbered from 1; columns `key,region`.
/// JSON adds the metrics (number of regions, between/total sum of squares, populations).
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Map file (GeoJSON, Shapefile as .zip).
    #[arg(long, required_unless_present = "project")]
    pub geo: Option<PathBuf>,
    /// Table file (CSV, XLSX); without it the map's properties are used.
    #[arg(long)]
    pub table: Option<PathBuf>,
    /// Key column (of map and table).
    #[arg(long, required_unless_present = "project")]
    pub key: Option<String>,
    /// A project file saved by the app: its data, the typology's indicators, its population
    /// column and proposal settings are the defaults.
    #[arg(long, conflicts_with_all = ["geo", "table", "key"])]
    pub project: Option<PathBuf>,
    /// Indicators (columns; with --project ids), comma-separated.
    #[arg(long, value_delimiter = ',', required_unless_present = "project")]
    pub indicators: Vec<String>,
    /// Population column.
    #[arg(long, required_unless_present = "project")]
    pub pop_col: Option<String>,
    /// Minimum population of every region.
    #[arg(long, required_unless_present = "project")]
    pub min_pop: Option<f64>,
    /// Seed of the random construction orders (default 1).
    #[arg(long)]
    pub seed: Option<u64>,
    /// Number of constructions tried, 1 to 10,000 (default 99; with --project as the app:
    /// fewer on large maps).
    #[arg(long)]
    pub iterations: Option<usize>,
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
    let atlas = &data.atlas;
    let project = data.project.as_ref();
    let indicators = match (args.indicators.is_empty(), project) {
        (true, Some(p)) => p.cluster.indicators.clone(),
        _ => args.indicators.clone(),
    };
    if indicators.is_empty() {
        return Err("Bitte --indicators angeben (das Projekt hat keine Indikatoren für die Typisierung gewählt).".into());
    }
    let pop_col = args
        .pop_col
        .clone()
        .or_else(|| project.and_then(|p| p.catalogue.population.clone()))
        .ok_or("Bitte --pop-col angeben (das Projekt hat keine Bevölkerungsspalte).")?;
    let min_pop = args
        .min_pop
        .or(project.map(|p| p.proposal.min_population))
        .ok_or("Bitte --min-pop angeben.")?;
    if !(min_pop.is_finite() && min_pop > 0.0) {
        return Err(format!(
            "--min-pop {min_pop}: bitte eine Zahl größer als 0 angeben."
        ));
    }
    let seed = args.seed.or(project.map(|p| p.proposal.seed)).unwrap_or(1);
    let iterations = match (args.iterations, project) {
        (Some(i), _) => i,
        (None, Some(_)) => ProposalParams::iterations(atlas.units.len()),
        (None, None) => 99,
    };
    if !(1..=10_000).contains(&iterations) {
        return Err(format!(
            "--iterations {iterations}: erlaubt sind 1 bis 10000."
        ));
    }
    let cols = indicators
        .iter()
        .map(|c| data.column(c))
        .collect::<Result<Vec<_>, _>>()?;
    let pop = data.column(&pop_col)?;
    let mut x = standardise(&cols);
    for (row, p) in x.iter_mut().zip(&pop) {
        if p.is_none() {
            *row = None;
        }
    }
    let left_out = x.iter().filter(|r| r.is_none()).count();
    if left_out > 0 {
        eprintln!(
            "{left_out} Gebiete ohne vollständige Werte (Indikatoren oder Bevölkerung) bleiben ohne Region."
        );
    }
    let topo = Topology::build(&atlas.units.geometry);
    let params = Params {
        min_pop,
        seed,
        iterations,
    };
    let r =
        max_p(&topo.neighbours, &x, &pop, &params, &mut |_| {}).map_err(|e| e.message(Lang::De))?;
    let region_of = |u: usize| r.region[u].map(|g| g + 1);
    if args.format == Format::Json {
        let mut pops = vec![0.0; r.p];
        let mut units = vec![0usize; r.p];
        for (u, g) in r.region.iter().enumerate() {
            if let Some(g) = g {
                pops[*g as usize] += pop[u].unwrap_or(0.0);
                units[*g as usize] += 1;
            }
        }
        let parts = topo.group_parts(&r.region, r.p);
        let v = serde_json::json!({
            "method": "max-p regions (Duque, Anselin & Rey 2012), greedy construction and local search",
            "indicators": indicators,
            "population": pop_col,
            "min_pop": min_pop,
            "seed": seed,
            "iterations": iterations,
            "metrics": {
                "regions": r.p,
                "between_total_ratio": r.ratio(),
                "within_ss": r.within_ss,
                "total_ss": r.total_ss,
                "population_min": pops.iter().copied().reduce(f64::min),
                "population_max": pops.iter().copied().reduce(f64::max),
                "contiguous": parts.iter().all(|&p| p == 1),
                "unassigned": r.region.iter().filter(|g| g.is_none()).count(),
            },
            "regions": (0..r.p).map(|g| serde_json::json!({"region": g + 1, "units": units[g], "population": pops[g]})).collect::<Vec<_>>(),
            "assignment": (0..atlas.units.len()).map(|u| serde_json::json!({"key": atlas.units.keys[u], "region": region_of(u)})).collect::<Vec<_>>(),
        });
        return print_json(&v);
    }
    let rows: Vec<Vec<String>> = (0..atlas.units.len())
        .map(|u| {
            vec![
                atlas.units.keys[u].clone(),
                region_of(u).map_or(String::new(), |g| g.to_string()),
            ]
        })
        .collect();
    print!(
        "{}",
        write_csv(&["key".into(), "region".into()], &rows, args.format)
    );
    Ok(())
}

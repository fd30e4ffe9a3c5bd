//! `sozialatlas regionalize`: an automatic Sozialraum proposal (max-p regions with a population
//! floor, see `sozialatlas_core::sozialraum::regionalize`).

use crate::input::load_atlas;
use crate::output::{print_json, write_csv, Format};
use sozialatlas_core::lang::Lang;
use sozialatlas_core::sozialraum::regionalize::{max_p, standardise, Params};
use sozialatlas_core::sozialraum::topology::Topology;
use std::path::PathBuf;

/// Proposes contiguous Sozialräume with at least `--min-pop` inhabitants each and indicators as
/// homogeneous as possible (max-p regions). Regions are numbered from 1; columns `key,region`.
/// JSON adds the metrics (number of regions, between/total sum of squares, populations).
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Map file (GeoJSON, Shapefile as .zip).
    #[arg(long)]
    pub geo: PathBuf,
    /// Table file (CSV, XLSX); without it the map's properties are used.
    #[arg(long)]
    pub table: Option<PathBuf>,
    /// Key column (of map and table).
    #[arg(long)]
    pub key: String,
    /// Indicators (columns), comma-separated.
    #[arg(long, value_delimiter = ',', required = true)]
    pub indicators: Vec<String>,
    /// Population column.
    #[arg(long)]
    pub pop_col: String,
    /// Minimum population of every region.
    #[arg(long)]
    pub min_pop: f64,
    /// Seed of the random construction orders.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Number of constructions tried.
    #[arg(long, default_value_t = 99)]
    pub iterations: usize,
    /// Output format.
    #[arg(long, value_enum, default_value = "csv")]
    pub format: Format,
}

/// Runs the command.
pub fn run(args: Args) -> Result<(), String> {
    let loaded = load_atlas(&args.geo, args.table.as_ref(), &args.key)?;
    let atlas = &loaded.atlas;
    let file = args
        .table
        .as_ref()
        .unwrap_or(&args.geo)
        .display()
        .to_string();
    let column = |name: &str| -> Result<Vec<Option<f64>>, String> {
        atlas.table.numbers(name).map(<[_]>::to_vec).ok_or_else(|| {
            let known: Vec<&str> = atlas
                .table
                .columns
                .iter()
                .map(|c| c.name.as_str())
                .collect();
            format!(
                "{file}: keine Zahlenspalte „{name}“. Vorhanden: {}.",
                known.join(", ")
            )
        })
    };
    let cols = args
        .indicators
        .iter()
        .map(|c| column(c))
        .collect::<Result<Vec<_>, _>>()?;
    let pop = column(&args.pop_col)?;
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
        min_pop: args.min_pop,
        seed: args.seed,
        iterations: args.iterations,
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
            "indicators": args.indicators,
            "population": args.pop_col,
            "min_pop": args.min_pop,
            "seed": args.seed,
            "iterations": args.iterations,
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

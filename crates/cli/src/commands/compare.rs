//! `sozialatlas compare`: two Sozialraum definitions side by side.

use crate::input::{load_atlas, read_assignment};
use crate::output::{print_json, write_csv, Format};
use sozialatlas_core::sozialraum::compare::{compare, Context};
use sozialatlas_core::sozialraum::regionalize::standardise;
use sozialatlas_core::sozialraum::topology::Topology;
use std::path::PathBuf;

/// Compares two assignments of the same map: the metrics of both (number of Sozialräume,
/// population balance, homogeneity, compactness, contiguity, nesting), the units that changed
/// and the crosswalk (Sozialraum in A x Sozialraum in B: units, population). CSV writes the
/// crosswalk only.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Map file (GeoJSON, Shapefile as .zip).
    #[arg(long)]
    pub geo: PathBuf,
    /// Key property of the map (and column of the table).
    #[arg(long)]
    pub key: String,
    /// The two assignment CSVs (columns `key`, `area`): `--assign A.csv --assign B.csv`.
    #[arg(long, num_args = 1, required = true)]
    pub assign: Vec<PathBuf>,
    /// Table with population and indicators (else the map's properties).
    #[arg(long)]
    pub table: Option<PathBuf>,
    /// Population column (population balance, crosswalk population).
    #[arg(long)]
    pub pop_col: Option<String>,
    /// Indicators for the homogeneity, comma-separated.
    #[arg(long, value_delimiter = ',')]
    pub indicators: Vec<String>,
    /// Official level as the first N characters of the key (nesting), e.g. 6 for Berlin's
    /// Bezirksregionen.
    #[arg(long)]
    pub official_prefix: Option<usize>,
    /// Output format.
    #[arg(long, value_enum, default_value = "json")]
    pub format: Format,
}

/// Runs the command.
pub fn run(args: Args) -> Result<(), String> {
    if args.assign.len() != 2 {
        return Err(format!(
            "Bitte genau zwei Zuordnungen angeben (--assign A.csv --assign B.csv), nicht {}.",
            args.assign.len()
        ));
    }
    let loaded = load_atlas(&args.geo, args.table.as_ref(), &args.key)?;
    let atlas = &loaded.atlas;
    let a = read_assignment(&args.assign[0], &atlas.units.keys)?;
    let b = read_assignment(&args.assign[1], &atlas.units.keys)?;
    let number_column = |name: &str| {
        atlas
            .table
            .numbers(name)
            .map(<[_]>::to_vec)
            .ok_or_else(|| format!("Keine Zahlenspalte „{name}“ in der Tabelle."))
    };
    let pop = args.pop_col.as_deref().map(number_column).transpose()?;
    let x = if args.indicators.is_empty() {
        None
    } else {
        let cols = args
            .indicators
            .iter()
            .map(|c| number_column(c))
            .collect::<Result<Vec<_>, _>>()?;
        Some(standardise(&cols))
    };
    let official: Option<Vec<Option<String>>> = args.official_prefix.map(|n| {
        atlas
            .units
            .keys
            .iter()
            .map(|k| Some(k.chars().take(n).collect()))
            .collect()
    });
    let topo = Topology::build(&atlas.units.geometry);
    let ctx = Context {
        population: pop.as_deref(),
        indicators: x.as_deref(),
        clusters: None,
        official: official.as_deref(),
    };
    let cmp = compare(&a, &b, &topo, &ctx);
    let name = |d: &sozialatlas_core::sozialraum::definition::Definition, i: Option<u32>| {
        i.map(|i| d.areas[i as usize].name.clone())
    };
    if args.format == Format::Json {
        let file = |i: usize| args.assign[i].display().to_string();
        let v = serde_json::json!({
            "a": {"file": file(0), "metrics": cmp.a},
            "b": {"file": file(1), "metrics": cmp.b},
            "changed": cmp.changed.iter().map(|&u| serde_json::json!({
                "key": atlas.units.keys[u],
                "a": name(&a, a.assign[u]),
                "b": name(&b, b.assign[u]),
            })).collect::<Vec<_>>(),
            "crosswalk": cmp.crosswalk.iter().map(|c| serde_json::json!({
                "a": name(&a, c.a), "b": name(&b, c.b), "units": c.units, "population": c.population,
            })).collect::<Vec<_>>(),
        });
        return print_json(&v);
    }
    let rows: Vec<Vec<String>> = cmp
        .crosswalk
        .iter()
        .map(|c| {
            vec![
                name(&a, c.a).unwrap_or_default(),
                name(&b, c.b).unwrap_or_default(),
                c.units.to_string(),
                crate::output::cell(c.population, args.format),
            ]
        })
        .collect();
    let header: Vec<String> = ["a", "b", "units", "population"].map(String::from).to_vec();
    print!("{}", write_csv(&header, &rows, args.format));
    Ok(())
}

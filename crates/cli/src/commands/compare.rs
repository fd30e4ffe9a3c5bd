//! `sozialatlas compare`: two Sozialraum definitions side by side.

use crate::input::map_data;
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
    #[arg(long, required_unless_present = "project")]
    pub geo: Option<PathBuf>,
    /// Key property of the map (and column of the table).
    #[arg(long, required_unless_present = "project")]
    pub key: Option<String>,
    /// A project file saved by the app: its data, definitions (default: the pair compared in
    /// the app), population column and index indicators are the defaults.
    #[arg(long, conflicts_with_all = ["geo", "table", "key"])]
    pub project: Option<PathBuf>,
    /// The two assignment CSVs (columns `key`, `area`): `--assign A.csv --assign B.csv`; with
    /// --project two definition names.
    #[arg(long, num_args = 1, required_unless_present = "project")]
    pub assign: Vec<String>,
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
    let data = map_data(
        args.geo.as_ref(),
        args.table.as_ref(),
        args.key.as_deref(),
        args.project.as_ref(),
    )?;
    let atlas = &data.atlas;
    let project = data.project.as_ref();
    let (a, b) = match (args.assign.len(), project) {
        (2, _) => (
            data.definition(&args.assign[0])?,
            data.definition(&args.assign[1])?,
        ),
        (0, Some(p)) => {
            let s = &p.sozialraeume;
            match (s.definitions.get(s.pair.0), s.definitions.get(s.pair.1)) {
                (Some(a), Some(b)) if s.definitions.len() >= 2 => (a.clone(), b.clone()),
                _ => {
                    return Err(
                        "Das Projekt hat keine zwei Sozialraum-Definitionen zum Vergleichen."
                            .into(),
                    )
                }
            }
        }
        (n, _) => {
            return Err(format!(
                "Bitte genau zwei Zuordnungen angeben (--assign A --assign B), nicht {n}."
            ))
        }
    };
    let pop_col = args
        .pop_col
        .clone()
        .or_else(|| project.and_then(|p| p.catalogue.population.clone()));
    let pop = pop_col.as_deref().map(|c| data.column(c)).transpose()?;
    let indicators = match (args.indicators.is_empty(), project) {
        (true, Some(p)) => p.classify.indicators.clone(),
        _ => args.indicators.clone(),
    };
    let x = if indicators.is_empty() {
        None
    } else {
        let cols = indicators
            .iter()
            .map(|c| data.column(c))
            .collect::<Result<Vec<_>, _>>()?;
        Some(standardise(&cols))
    };
    let prefix = args.official_prefix.or_else(|| {
        project.map(|_| sozialatlas_core::sozialraum::start::default_prefix(&atlas.units.keys))
    });
    let official: Option<Vec<Option<String>>> = prefix.map(|n| {
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
        let file = |i: usize| {
            args.assign
                .get(i)
                .cloned()
                .unwrap_or_else(|| [&a.name, &b.name][i].clone())
        };
        let v = serde_json::json!({
            "relation": cmp.relation,
            "relation_text": cmp.relation.describe(&a, &b, sozialatlas_core::locale::Lang::De),
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

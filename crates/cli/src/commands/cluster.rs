//! `sozialatlas cluster`: Ward and k-means typologies.

use crate::input::{load, IndicatorArgs, TableArgs};
use crate::output::{write_csv, Format};
use sozialatlas_core::locale::Lang;

/// Clustering method.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ClusterMethod {
    /// Exact Ward hierarchical clustering.
    Ward,
    /// k-means with k-means++ seeding and restarts.
    Kmeans,
    /// Ward, then k-means refinement of the Ward partition.
    #[value(name = "ward+kmeans")]
    WardKmeans,
}

/// Cluster typology on z-standardised indicators. Clusters are numbered from 1 (least) to k
/// (most disadvantaged). One k: columns `key,cluster`; several: `key,k2,k3,…`. JSON adds
/// profiles and the diagnostics for choosing k.
#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(flatten)]
    pub input: TableArgs,
    #[command(flatten)]
    pub ind: IndicatorArgs,
    /// Method (default ward; with --project the project's: ward, or ward+kmeans when it
    /// refines).
    #[arg(long, value_enum)]
    pub method: Option<ClusterMethod>,
    /// Number of clusters, or several comma-separated (with --project default: the
    /// project's).
    #[arg(long, value_delimiter = ',', required_unless_present = "project")]
    pub k: Vec<usize>,
    /// Seed of k-means (default 42; with --project the project's).
    #[arg(long)]
    pub seed: Option<u64>,
    /// Population column, for the inhabitants of each cluster in the profiles.
    #[arg(long)]
    pub pop_col: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value = "csv")]
    pub format: Format,
    /// Cluster Sozialräume instead of units: an assignment CSV (`key`, `area`), or with
    /// --project the name of one of its definitions; their figures are aggregated as the app
    /// does (with --pop-col weights for a table).
    #[arg(long)]
    pub level: Option<String>,
}

/// Runs the command.
pub fn run(args: Args) -> Result<(), String> {
    let Args {
        input,
        ind: IndicatorArgs {
            mut indicators,
            mut advantage,
        },
        method,
        k: mut ks,
        seed,
        mut pop_col,
        format,
        level,
    } = args;
    use sozialatlas_core::cluster::{kmeans, profile, quality, ward, Matrix};
    use sozialatlas_core::stats::zscore::{zscores, Deviation};
    let data = load(&input)?;
    // A project gives the defaults: its indicators (with their directions), k, method, seed,
    // population column: `cluster --project F` prints the clusters the app shows.
    let (method, seed) = match data.project() {
        Some(o) => {
            let p = &o.project;
            if indicators.is_empty() {
                indicators = p.cluster.indicators.clone();
            }
            let chosen = crate::input::project_indicators(p, &indicators)?;
            if advantage.is_empty() {
                advantage = chosen
                    .iter()
                    .filter(|s| s.direction == sozialatlas_core::model::Direction::HighIsAdvantage)
                    .map(|s| s.id.clone())
                    .collect();
            }
            if ks.is_empty() {
                ks = vec![p.cluster.k];
            }
            if pop_col.is_none() {
                pop_col = p.catalogue.population.clone();
            }
            let refine = if p.cluster.refine {
                ClusterMethod::WardKmeans
            } else {
                ClusterMethod::Ward
            };
            (method.unwrap_or(refine), seed.unwrap_or(p.cluster.seed))
        }
        None => (method.unwrap_or(ClusterMethod::Ward), seed.unwrap_or(42)),
    };
    if indicators.is_empty() {
        return Err("Bitte --indicators angeben.".into());
    }
    let data = match &level {
        Some(l) => data.at_level(l, &indicators, &advantage, pop_col.as_deref())?,
        None => data,
    };
    let values = indicators
        .iter()
        .map(|c| data.numbers(c))
        .collect::<Result<Vec<_>, _>>()?;
    // Areas enter when included and complete.
    let rows_in: Vec<usize> = (0..data.keys.len())
        .filter(|&i| data.include[i] && values.iter().all(|v| v[i].is_some()))
        .collect();
    let mask: Vec<bool> = (0..data.keys.len())
        .map(|i| rows_in.binary_search(&i).is_ok())
        .collect();
    let z: Vec<Vec<Option<f64>>> = values
        .iter()
        .map(|v| zscores(v, &mask, Deviation::Population).0)
        .collect();
    if let Some(j) = z.iter().position(|c| c.iter().all(Option::is_none)) {
        return Err(format!(
            "Indikator „{}“ hat in allen Gebieten denselben Wert und trennt keine Cluster; bitte weglassen.",
            indicators[j]
        ));
    }
    let rows: Vec<Vec<f64>> = rows_in
        .iter()
        .map(|&i| z.iter().map(|c| c[i].unwrap_or(0.0)).collect())
        .collect();
    let raw: Vec<Vec<f64>> = rows_in
        .iter()
        .map(|&i| values.iter().map(|c| c[i].unwrap_or(0.0)).collect())
        .collect();
    let population: Option<Vec<f64>> = match &pop_col {
        Some(c) => {
            let p = data.numbers(c)?;
            Some(rows_in.iter().map(|&i| p[i].unwrap_or(0.0)).collect())
        }
        None => None,
    };
    let areas = profile::Areas {
        z: &rows,
        raw: &raw,
        population: population.as_deref(),
        names: &indicators,
    };
    let x = Matrix::from_rows(&rows).ok_or("Die Indikatoren enthalten ungültige Werte.")?;
    if let Some(bad) = ks.iter().find(|k| **k == 0 || **k > x.n) {
        return Err(format!(
            "--k {bad}: bei {} vollständigen Gebieten sind 1 bis {} Cluster möglich.",
            x.n, x.n
        ));
    }
    let dendrogram = (method != ClusterMethod::Kmeans).then(|| ward::ward(&x));
    // As the app orders clusters: neutral indicators of a project do not count, and without
    // any directed indicator all count as given.
    let directions: Vec<Option<bool>> = match data.project() {
        Some(o) => {
            let d: Vec<Option<bool>> = indicators
                .iter()
                .map(|c| match o.project.indicator(c).map(|s| s.direction) {
                    Some(sozialatlas_core::model::Direction::Neutral) => None,
                    _ => Some(!advantage.contains(c)),
                })
                .collect();
            if d.iter().all(Option::is_none) {
                vec![Some(true); d.len()]
            } else {
                d
            }
        }
        None => indicators
            .iter()
            .map(|c| Some(!advantage.contains(c)))
            .collect(),
    };
    let mut columns: Vec<(usize, Vec<usize>, Vec<profile::Profile>)> = vec![];
    let mut diagnostics = vec![];
    for &k in &ks {
        let params = kmeans::KMeansParams::new(k).seed(seed);
        let labels = match (&dendrogram, method) {
            (Some(d), ClusterMethod::Ward) => d.cut(k),
            (Some(d), _) => {
                kmeans::refine(&x, &d.cut(k), &params)
                    .map_err(|e| e.message(Lang::De))?
                    .labels
            }
            (None, _) => {
                kmeans::kmeans(&x, &params)
                    .map_err(|e| e.message(Lang::De))?
                    .labels
            }
        };
        let (ordered, profiles) = profile::order_and_profile(&areas, &labels, &directions);
        // Only what is printed: the measures for choosing k (the silhouette is quadratic in the
        // number of areas) belong to the JSON output alone.
        if format == Format::Json {
            diagnostics.push(serde_json::json!({
                "k": k,
                "within_ss": quality::within_ss(&x, &ordered),
                "silhouette": quality::silhouette(&x, &ordered),
                "calinski_harabasz": quality::calinski_harabasz(&x, &ordered),
            }));
        }
        columns.push((k, ordered, profiles));
    }
    let cluster_of =
        |col: &Vec<usize>, i: usize| rows_in.binary_search(&i).ok().map(|r| col[r] + 1);
    if format == Format::Json {
        let out_rows: Vec<serde_json::Value> = (0..data.keys.len())
            .map(|i| {
                let mut o = serde_json::Map::new();
                o.insert("key".into(), serde_json::json!(data.keys[i]));
                for (k, col, _) in &columns {
                    let name = if columns.len() == 1 {
                        "cluster".to_string()
                    } else {
                        format!("k{k}")
                    };
                    o.insert(name, serde_json::json!(cluster_of(col, i)));
                }
                serde_json::Value::Object(o)
            })
            .collect();
        let profiles: serde_json::Map<String, serde_json::Value> = columns
            .iter()
            .map(|(k, _, p)| (k.to_string(), serde_json::json!(p)))
            .collect();
        let heights = dendrogram.as_ref().map(|d| {
            let h = d.heights();
            h[h.len().saturating_sub(20)..].to_vec()
        });
        let out = serde_json::json!({
            "method": format!("{method:?}").to_lowercase(),
            "indicators": indicators,
            "advantage": advantage,
            "seed": seed,
            "areas": x.n,
            "excluded": data.keys.len() - x.n,
            "rows": out_rows,
            "profiles": profiles,
            "diagnostics": {"per_k": diagnostics, "merge_heights_last_20": heights},
        });
        println!(
            "{}",
            serde_json::to_string_pretty(&out).map_err(|e| e.to_string())?
        );
    } else {
        let mut header = vec!["key".to_string()];
        if columns.len() == 1 {
            header.push("cluster".into());
        } else {
            header.extend(columns.iter().map(|(k, _, _)| format!("k{k}")));
        }
        let rows: Vec<Vec<String>> = (0..data.keys.len())
            .map(|i| {
                let mut r = vec![data.keys[i].clone()];
                r.extend(columns.iter().map(|(_, col, _)| {
                    cluster_of(col, i).map_or(String::new(), |c| c.to_string())
                }));
                r
            })
            .collect();
        print!("{}", write_csv(&header, &rows, format));
    }
    Ok(())
}

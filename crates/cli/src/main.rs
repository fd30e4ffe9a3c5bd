//! `sozialatlas`: the command line over sozialatlas-core. Every computation the app offers can be
//! run here with the same functions, for batch runs and scripted checks.

use clap::{Parser, Subcommand};
use sozialatlas_core::ingest::{crs, inspect};
use sozialatlas_core::lang::Lang;
use sozialatlas_core::{demo, export};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "sozialatlas",
    version,
    about = "Sozialatlas: Sozialplanung auf der Kommandozeile"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Writes the demo town Musterstadt as GeoJSON (EPSG:25832) and German Excel CSV.
    Demo {
        /// Folder to write `musterstadt.geojson` and `musterstadt.csv` into.
        #[arg(long, default_value = ".")]
        out: PathBuf,
    },
    /// Classifies areas: `--method mss` computes the Berlin MSS composite index (z-values, sum,
    /// standardised sum) and its classes.
    Classify {
        #[command(flatten)]
        input: TableArgs,
        /// Index indicators (columns), comma-separated.
        #[arg(long, value_delimiter = ',', required = true)]
        indicators: Vec<String>,
        /// Indicators where a high value means advantage (their sign is flipped).
        #[arg(long, value_delimiter = ',')]
        advantage: Vec<String>,
        /// Method.
        #[arg(long, value_enum, default_value = "mss")]
        method: ClassifyMethod,
        /// Class scheme: status (hoch … sehr niedrig) or dynamic (positiv, stabil, negativ).
        #[arg(long, value_enum, default_value = "status")]
        classes: IndexClasses,
        /// Leave out areas with fewer inhabitants than this (needs --pop-col; MSS: 300).
        #[arg(long)]
        min_pop: Option<f64>,
        /// Population column for --min-pop.
        #[arg(long)]
        pop_col: Option<String>,
        /// Output format.
        #[arg(long, value_enum, default_value = "csv")]
        format: Format,
    },
    /// Cluster typology on z-standardised indicators. Clusters are numbered from 1 (least) to k
    /// (most disadvantaged). One k: columns `key,cluster`; several: `key,k2,k3,…`. JSON adds
    /// profiles and the diagnostics for choosing k.
    Cluster {
        #[command(flatten)]
        input: TableArgs,
        /// Indicators (columns), comma-separated.
        #[arg(long, value_delimiter = ',', required = true)]
        indicators: Vec<String>,
        /// Indicators where a high value means advantage (for the order of the clusters).
        #[arg(long, value_delimiter = ',')]
        advantage: Vec<String>,
        /// Method.
        #[arg(long, value_enum, default_value = "ward")]
        method: ClusterMethod,
        /// Number of clusters, or several comma-separated.
        #[arg(long, value_delimiter = ',', required = true)]
        k: Vec<usize>,
        /// Seed of k-means.
        #[arg(long, default_value_t = 42)]
        seed: u64,
        /// Output format.
        #[arg(long, value_enum, default_value = "csv")]
        format: Format,
    },
    /// Map class breaks of one column: `{"breaks": [upper bound of each class, ascending]}`.
    Breaks {
        #[command(flatten)]
        input: TableArgs,
        /// The column to classify.
        #[arg(long)]
        column: String,
        /// Class scheme.
        #[arg(long, value_enum)]
        scheme: Scheme,
        /// Number of classes (quantile, equal, jenks).
        #[arg(long, default_value_t = 5)]
        k: usize,
        /// Centre of the stddev scheme instead of the mean (e.g. the city average).
        #[arg(long, allow_hyphen_values = true)]
        anchor: Option<f64>,
        /// Output format (json).
        #[arg(long, default_value = "json")]
        format: String,
    },
    /// Reads a map and/or a table and prints one JSON object: CRS, encodings, features, extent,
    /// columns, join report, warnings. Exit code 2 with the message on stderr when unusable.
    Inspect {
        /// Map file (GeoJSON).
        #[arg(long)]
        geo: Option<PathBuf>,
        /// Table file (CSV).
        #[arg(long)]
        table: Option<PathBuf>,
        /// Key column (table; also the map property when it exists there).
        #[arg(long)]
        key: Option<String>,
        /// Coordinate system of the map, overriding the file and the detection (e.g. EPSG:25833).
        #[arg(long)]
        crs: Option<String>,
        /// Project file (not yet supported).
        #[arg(long)]
        project: Option<PathBuf>,
    },
}

/// Output format of tables.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    /// Plain CSV (`,` and `.`).
    Csv,
    /// German Excel CSV (`;`, decimal comma, UTF-8 BOM).
    ExcelDe,
    /// JSON with diagnostics.
    Json,
}

/// Class scheme of the composite index.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
enum IndexClasses {
    /// hoch / mittel / niedrig / sehr niedrig at -1, +1, +1.5.
    Status,
    /// positiv / stabil / negativ at -1, +1.
    Dynamic,
}

/// Classification method.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
enum ClassifyMethod {
    /// Berlin MSS composite index: z-values, sum, standardised sum, classes.
    Mss,
}

/// Map class scheme.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
enum Scheme {
    /// Equal number of areas per class.
    Quantile,
    /// Equal class widths.
    Equal,
    /// Exact Fisher-Jenks natural breaks.
    Jenks,
    /// Mean (or --anchor) ± 1 and 2 standard deviations.
    Stddev,
}

/// Clustering method.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
enum ClusterMethod {
    /// Exact Ward hierarchical clustering.
    Ward,
    /// k-means with k-means++ seeding and restarts.
    Kmeans,
    /// Ward, then k-means refinement of the Ward partition.
    #[value(name = "ward+kmeans")]
    WardKmeans,
}

/// Where the attribute table comes from: `--table`, or the properties of `--geo`.
#[derive(clap::Args, Debug)]
struct TableArgs {
    /// Table file (CSV).
    #[arg(long)]
    table: Option<PathBuf>,
    /// Map file (GeoJSON); its properties are the table when no --table is given.
    #[arg(long)]
    geo: Option<PathBuf>,
    /// Key column.
    #[arg(long)]
    key: String,
    /// Keys of areas to leave out (shown as "ohne Zuordnung").
    #[arg(long, value_delimiter = ',')]
    exclude: Vec<String>,
    /// Numbers that stand for missing values in the source (e.g. -9999).
    #[arg(long, value_delimiter = ',', allow_hyphen_values = true)]
    missing_code: Vec<f64>,
}

/// A table ready for analysis: keys and the numeric columns by name.
struct Loaded {
    table: sozialatlas_core::ingest::csv::RawTable,
    keys: Vec<String>,
    include: Vec<bool>,
    missing_codes: Vec<f64>,
}

impl Loaded {
    fn numbers(&self, column: &str) -> Result<Vec<Option<f64>>, String> {
        let c = self
            .table
            .require(column)
            .map_err(|e| e.message(Lang::De))?;
        let codes = &self.missing_codes;
        c.numbers()
            .map(|v| v.iter().map(|x| x.filter(|x| !codes.contains(x))).collect())
            .ok_or_else(|| {
                format!(
                    "{}: Spalte „{column}“ enthält keine Zahlen (z. B. „{}“).",
                    self.table.file,
                    c.raw.first().cloned().unwrap_or_default()
                )
            })
    }
}

fn load(args: &TableArgs) -> Result<Loaded, String> {
    use sozialatlas_core::ingest::{geojson, long};
    let table = match (&args.table, &args.geo) {
        (Some(t), _) => {
            let (name, bytes) = read_file(t)?;
            inspect::read_table(&inspect::Input {
                name: &name,
                bytes: &bytes,
            })
            .map_err(|e| e.message(Lang::De))?
        }
        (None, Some(g)) => {
            let (name, bytes) = read_file(g)?;
            let layer = inspect::read_map(
                &inspect::Input {
                    name: &name,
                    bytes: &bytes,
                },
                None,
            )
            .map_err(|e| e.message(Lang::De))?;
            geojson::properties_table(&layer)
        }
        (None, None) => return Err("Bitte --table oder --geo angeben.".into()),
    };
    let table = match long::detect(&table, &args.key) {
        Some(layout) => {
            long::pivot(&table, &layout)
                .map_err(|e| e.message(Lang::De))?
                .0
        }
        None => table,
    };
    let keys = table
        .require(&args.key)
        .map_err(|e| e.message(Lang::De))?
        .raw
        .clone();
    let unknown: Vec<&String> = args.exclude.iter().filter(|k| !keys.contains(k)).collect();
    if !unknown.is_empty() {
        return Err(format!(
            "{}: --exclude nennt Schlüssel, die es nicht gibt: {}",
            table.file,
            unknown
                .iter()
                .map(|s| s.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    let include = keys.iter().map(|k| !args.exclude.contains(k)).collect();
    for w in &table.warnings {
        eprintln!("Hinweis: {}", w.message(Lang::De));
    }
    Ok(Loaded {
        table,
        keys,
        include,
        missing_codes: args.missing_code.clone(),
    })
}

/// Formats a number for CSV output.
fn cell(v: Option<f64>, format: Format) -> String {
    match v {
        None => String::new(),
        Some(x) => match format {
            Format::ExcelDe => x.to_string().replace('.', ","),
            _ => x.to_string(),
        },
    }
}

/// Writes rows as CSV in the chosen flavour.
fn write_csv(header: &[String], rows: &[Vec<String>], format: Format) -> String {
    let (sep, bom) = if format == Format::ExcelDe {
        (';', "\u{feff}")
    } else {
        (',', "")
    };
    let quote = |s: &String| {
        if s.contains([sep, '"', '\n']) {
            format!("\"{}\"", s.replace('"', "\"\""))
        } else {
            s.clone()
        }
    };
    let mut out = String::from(bom);
    for r in std::iter::once(header).chain(rows.iter().map(|r| r.as_slice())) {
        out.push_str(
            &r.iter()
                .map(quote)
                .collect::<Vec<_>>()
                .join(&sep.to_string()),
        );
        out.push('\n');
    }
    out
}

/// Reads a file, with a German message naming it on failure.
fn read_file(path: &PathBuf) -> Result<(String, Vec<u8>), String> {
    let bytes = std::fs::read(path)
        .map_err(|e| format!("{}: Datei nicht lesbar ({e}).", path.display()))?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string());
    Ok((name, bytes))
}

fn run(cli: Cli) -> Result<(), String> {
    match cli.command {
        Command::Demo { out } => {
            let atlas = demo::musterstadt();
            std::fs::create_dir_all(&out)
                .map_err(|e| format!("Ordner {} kann nicht angelegt werden: {e}", out.display()))?;
            let geo = export::geojson(&atlas, demo::KEY_COLUMN);
            let geo_path = out.join("musterstadt.geojson");
            std::fs::write(&geo_path, geo.to_string()).map_err(|e| {
                format!("{} kann nicht geschrieben werden: {e}", geo_path.display())
            })?;
            let csv_path = out.join("musterstadt.csv");
            std::fs::write(
                &csv_path,
                export::csv(&atlas, demo::KEY_COLUMN, export::CsvStyle::ExcelDe),
            )
            .map_err(|e| format!("{} kann nicht geschrieben werden: {e}", csv_path.display()))?;
            println!("{}\n{}", geo_path.display(), csv_path.display());
            Ok(())
        }
        Command::Classify {
            input,
            indicators,
            advantage,
            method: ClassifyMethod::Mss,
            classes,
            min_pop,
            pop_col,
            format,
        } => {
            use sozialatlas_core::stats::index::{composite, Thresholds};
            use sozialatlas_core::stats::zscore::Deviation;
            let mut data = load(&input)?;
            if let Some(min) = min_pop {
                let col =
                    pop_col.ok_or("--min-pop braucht --pop-col (Spalte der Einwohnerzahl).")?;
                let pop = data.numbers(&col)?;
                for (inc, p) in data.include.iter_mut().zip(&pop) {
                    if p.is_none_or(|p| p < min) {
                        *inc = false;
                    }
                }
            }
            let unknown: Vec<&String> = advantage
                .iter()
                .filter(|a| !indicators.contains(a))
                .collect();
            if !unknown.is_empty() {
                return Err(format!(
                    "--advantage nennt Spalten, die nicht unter --indicators stehen: {unknown:?}"
                ));
            }
            let values = indicators
                .iter()
                .map(|c| data.numbers(c))
                .collect::<Result<Vec<_>, _>>()?;
            let high_bad: Vec<bool> = indicators.iter().map(|c| !advantage.contains(c)).collect();
            let thresholds = match classes {
                IndexClasses::Status => Thresholds::mss_status(),
                IndexClasses::Dynamic => Thresholds::mss_dynamic(),
            };
            let r = composite(
                &values,
                &high_bad,
                &data.include,
                &thresholds,
                Deviation::Population,
            );
            if format == Format::Json {
                let rows: Vec<serde_json::Value> = (0..data.keys.len())
                    .map(|i| {
                        let z: serde_json::Map<String, serde_json::Value> =
                            indicators.iter().enumerate().map(|(k, name)| (name.clone(), serde_json::json!(r.z[k][i]))).collect();
                        serde_json::json!({"key": data.keys[i], "z": z, "sum": r.sum[i], "index": r.index[i], "class": r.label(i)})
                    })
                    .collect();
                let mut counts = serde_json::Map::new();
                for i in 0..data.keys.len() {
                    let e = counts
                        .entry(r.label(i).to_string())
                        .or_insert(serde_json::json!(0));
                    *e = serde_json::json!(e.as_u64().unwrap_or(0) + 1);
                }
                let out = serde_json::json!({
                    "method": "mss",
                    "indicators": indicators,
                    "advantage": advantage,
                    "thresholds": thresholds,
                    "deviation": "population",
                    "moments": r.moments,
                    "counts": counts,
                    "rows": rows,
                });
                println!(
                    "{}",
                    serde_json::to_string_pretty(&out).map_err(|e| e.to_string())?
                );
            } else {
                let mut header = vec!["key".to_string()];
                header.extend(indicators.iter().map(|c| format!("z_{c}")));
                header.extend(["sum", "index", "class"].map(String::from));
                let rows: Vec<Vec<String>> = (0..data.keys.len())
                    .map(|i| {
                        let mut row = vec![data.keys[i].clone()];
                        row.extend((0..indicators.len()).map(|k| cell(r.z[k][i], format)));
                        row.push(cell(r.sum[i], format));
                        row.push(cell(r.index[i], format));
                        row.push(r.label(i).to_string());
                        row
                    })
                    .collect();
                print!("{}", write_csv(&header, &rows, format));
            }
            Ok(())
        }
        Command::Cluster {
            input,
            indicators,
            advantage,
            method,
            k: ks,
            seed,
            format,
        } => {
            use sozialatlas_core::cluster::{kmeans, profile, quality, ward, Matrix};
            use sozialatlas_core::stats::zscore::{zscores, Deviation};
            let data = load(&input)?;
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
            let rows: Vec<Vec<f64>> = rows_in
                .iter()
                .map(|&i| z.iter().map(|c| c[i].unwrap_or(0.0)).collect())
                .collect();
            let x = Matrix::from_rows(&rows).ok_or("Die Indikatoren enthalten ungültige Werte.")?;
            if let Some(bad) = ks.iter().find(|k| **k == 0 || **k > x.n) {
                return Err(format!(
                    "--k {bad}: bei {} vollständigen Gebieten sind 1 bis {} Cluster möglich.",
                    x.n, x.n
                ));
            }
            let dendrogram = (method != ClusterMethod::Kmeans).then(|| ward::ward(&x));
            let directions: Vec<Option<bool>> = indicators
                .iter()
                .map(|c| Some(!advantage.contains(c)))
                .collect();
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
                let (ordered, profiles) =
                    profile::order_and_profile(&rows, &labels, &directions, &indicators);
                diagnostics.push(serde_json::json!({
                    "k": k,
                    "within_ss": quality::within_ss(&x, &ordered),
                    "silhouette": quality::silhouette(&x, &ordered),
                    "calinski_harabasz": quality::calinski_harabasz(&x, &ordered),
                }));
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
        Command::Breaks {
            input,
            column,
            scheme,
            k,
            anchor,
            format,
        } => {
            use sozialatlas_core::classes;
            if format != "json" {
                return Err(format!("--format {format}: breaks gibt es nur als json."));
            }
            if k == 0 && scheme != Scheme::Stddev {
                return Err("--k muss mindestens 1 sein.".into());
            }
            let data = load(&input)?;
            let values: Vec<Option<f64>> = data
                .numbers(&column)?
                .into_iter()
                .zip(&data.include)
                .map(|(v, inc)| v.filter(|_| *inc))
                .collect();
            let b = match scheme {
                Scheme::Quantile => classes::quantiles(&values, k),
                Scheme::Equal => classes::equal_interval(&values, k),
                Scheme::Jenks => classes::fisher_jenks(&values, k),
                Scheme::Stddev => classes::std_mean(&values, &[-2.0, -1.0, 1.0, 2.0], anchor),
            }
            .ok_or_else(|| {
                format!("Spalte „{column}“: zu wenige verschiedene Werte für {k} Klassen.")
            })?;
            let counts: Vec<usize> = (0..b.k())
                .map(|c| values.iter().filter(|v| b.class_of(**v) == Some(c)).count())
                .collect();
            let out = serde_json::json!({"breaks": b.upper, "min": b.min, "counts": counts, "scheme": format!("{scheme:?}").to_lowercase(), "n": values.iter().flatten().count()});
            println!(
                "{}",
                serde_json::to_string_pretty(&out).map_err(|e| e.to_string())?
            );
            Ok(())
        }
        Command::Inspect {
            geo,
            table,
            key,
            crs: crs_name,
            project,
        } => {
            if let Some(p) = project {
                return Err(format!(
                    "{}: Projektdateien werden noch nicht gelesen.",
                    p.display()
                ));
            }
            if geo.is_none() && table.is_none() {
                return Err("Bitte --geo und/oder --table angeben.".into());
            }
            let crs_override = match crs_name {
                Some(n) => Some(
                    crs::parse_name(&n)
                        .filter(|c| crs::proj_string(c.epsg).is_some())
                        .ok_or_else(|| {
                            format!("Koordinatensystem „{n}“ wird nicht unterstützt.")
                        })?,
                ),
                None => None,
            };
            let geo = geo.as_ref().map(read_file).transpose()?;
            let table = table.as_ref().map(read_file).transpose()?;
            let result = inspect::inspect(
                geo.as_ref()
                    .map(|(name, bytes)| inspect::Input { name, bytes }),
                table
                    .as_ref()
                    .map(|(name, bytes)| inspect::Input { name, bytes }),
                key.as_deref(),
                crs_override,
            )
            .map_err(|e| e.message(Lang::De))?;
            println!(
                "{}",
                serde_json::to_string_pretty(&result).map_err(|e| e.to_string())?
            );
            Ok(())
        }
    }
}

fn main() -> ExitCode {
    match run(Cli::parse()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(msg) => {
            eprintln!("{msg}");
            ExitCode::from(2)
        }
    }
}

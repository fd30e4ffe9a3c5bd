//! Reading the user's files: a table from `--table` or the properties of `--geo`, with keys,
//! exclusions and missing-value codes.

use sozialatlas_core::ingest::inspect;
use sozialatlas_core::lang::Lang;
use std::path::PathBuf;

/// Where the attribute table comes from: `--table`, or the properties of `--geo`.
#[derive(clap::Args, Debug)]
pub struct TableArgs {
    /// Table file (CSV).
    #[arg(long)]
    pub table: Option<PathBuf>,
    /// Map file (GeoJSON); its properties are the table when no --table is given.
    #[arg(long)]
    pub geo: Option<PathBuf>,
    /// Key column.
    #[arg(long)]
    pub key: String,
    /// Keys of areas to leave out (shown as "ohne Zuordnung").
    #[arg(long, value_delimiter = ',')]
    pub exclude: Vec<String>,
    /// Numbers that stand for missing values in the source (e.g. -9999).
    #[arg(long, value_delimiter = ',', allow_hyphen_values = true)]
    pub missing_code: Vec<f64>,
}

/// The indicators of an analysis and their direction.
#[derive(clap::Args, Debug)]
pub struct IndicatorArgs {
    /// Indicators (columns), comma-separated.
    #[arg(long, value_delimiter = ',', required = true)]
    pub indicators: Vec<String>,
    /// Indicators where a high value means advantage (flipped for the index and the cluster
    /// order).
    #[arg(long, value_delimiter = ',')]
    pub advantage: Vec<String>,
}

/// A table ready for analysis: keys and the numeric columns by name.
pub struct Loaded {
    pub table: sozialatlas_core::ingest::csv::RawTable,
    pub keys: Vec<String>,
    pub include: Vec<bool>,
    pub missing_codes: Vec<f64>,
}

impl Loaded {
    pub fn numbers(&self, column: &str) -> Result<Vec<Option<f64>>, String> {
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

pub fn load(args: &TableArgs) -> Result<Loaded, String> {
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

/// Reads a file, with a German message naming it on failure.
pub fn read_file(path: &PathBuf) -> Result<(String, Vec<u8>), String> {
    let bytes = std::fs::read(path)
        .map_err(|e| format!("{}: Datei nicht lesbar ({e}).", path.display()))?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string());
    Ok((name, bytes))
}

/// Loads a map (and a table) into an atlas as the app does: `key` names the key column of both.
pub fn load_atlas(
    geo: &PathBuf,
    table: Option<&PathBuf>,
    key: &str,
) -> Result<sozialatlas_core::ingest::load::Loaded, String> {
    let (gname, gbytes) = read_file(geo)?;
    let t = table.map(read_file).transpose()?;
    let tab = t
        .as_ref()
        .map(|(name, bytes)| inspect::Input { name, bytes });
    sozialatlas_core::ingest::load::load(
        &gname,
        &inspect::Input {
            name: &gname,
            bytes: &gbytes,
        },
        tab.as_ref(),
        Some(key),
        None,
        None,
    )
    .map_err(|e| e.message(Lang::De))
}

/// Reads an assignment CSV (`key`, `area`) for the units of `keys`; unknown keys are reported
/// on stderr, not dropped silently.
pub fn read_assignment(
    path: &PathBuf,
    keys: &[String],
) -> Result<sozialatlas_core::sozialraum::definition::Definition, String> {
    let (name, bytes) = read_file(path)?;
    let (def, unknown) = sozialatlas_core::sozialraum::definition::Definition::from_assignment_csv(
        &name, &name, &bytes, keys,
    )
    .map_err(|e| e.message(Lang::De))?;
    if !unknown.is_empty() {
        eprintln!(
            "{name}: {} Schlüssel kommen in der Karte nicht vor und bleiben unberücksichtigt: {}",
            unknown.len(),
            unknown
                .iter()
                .take(10)
                .cloned()
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    let open = def.assign.iter().filter(|a| a.is_none()).count();
    if open > 0 {
        eprintln!("{name}: {open} Gebiete der Karte haben keinen Sozialraum.");
    }
    Ok(def)
}

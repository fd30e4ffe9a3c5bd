//! Reading the user's files: a table from `--table` or the properties of `--geo`, with keys,
//! exclusions and missing-value codes.

use sozialatlas_core::ingest::inspect;
use sozialatlas_core::lang::Lang;
use std::path::PathBuf;

/// Where the attribute table comes from: `--table`, the properties of `--geo`, or a project
/// file saved by the app (`--project`).
#[derive(clap::Args, Debug)]
pub struct TableArgs {
    /// Table file (CSV).
    #[arg(long)]
    pub table: Option<PathBuf>,
    /// Map file (GeoJSON); its properties are the table when no --table is given.
    #[arg(long)]
    pub geo: Option<PathBuf>,
    /// Key column (needed with --table or --geo).
    #[arg(long)]
    pub key: Option<String>,
    /// A project file saved by the app: its data, indicator setup, population column,
    /// definitions and settings (instead of --table/--geo/--key).
    #[arg(long, conflicts_with_all = ["table", "geo", "key"])]
    pub project: Option<PathBuf>,
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
    /// Indicators (columns; with --project the indicators' ids, default: the project's
    /// choice), comma-separated.
    #[arg(long, value_delimiter = ',', required_unless_present = "project")]
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
    let key = args
        .key
        .as_deref()
        .ok_or("Bitte --key angeben (die Schlüsselspalte) oder --project.")?;
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
    let table = match long::detect(&table, key) {
        Some(layout) => {
            long::pivot(&table, &layout)
                .map_err(|e| e.message(Lang::De))?
                .0
        }
        None => table,
    };
    let keys = table
        .require(key)
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
        &sozialatlas_core::ingest::load::LoadOptions::key(Some(key)),
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

/// Opens a project file saved by the app (or written by `sozialatlas`): its data with its read
/// settings, its indicator setup, settings and definitions.
pub fn open_project(path: &PathBuf) -> Result<sozialatlas_core::project::Opened, String> {
    use sozialatlas_core::project::{self, codec};
    let (name, bytes) = read_file(path)?;
    let (inputs, packed) =
        codec::read_project_file(&bytes).map_err(|e| format!("{name}: {}", e.message(Lang::De)))?;
    let opened = project::open(&inputs, Some(&packed))
        .map_err(|e| format!("{name}: {}", e.message(Lang::De)))?;
    for w in &opened.warnings {
        eprintln!("Hinweis: {}", w.message(Lang::De));
    }
    Ok(opened)
}

/// The indicators of a project by id (all of `ids` must exist); the error lists those there
/// are.
pub fn project_indicators<'a>(
    project: &'a sozialatlas_core::project::Project,
    ids: &[String],
) -> Result<Vec<&'a sozialatlas_core::model::IndicatorSpec>, String> {
    let unknown: Vec<&String> = ids
        .iter()
        .filter(|id| project.indicator(id).is_none())
        .collect();
    if !unknown.is_empty() {
        let known: Vec<&str> = project
            .catalogue
            .indicators
            .iter()
            .map(|s| s.id.as_str())
            .collect();
        return Err(format!(
            "--indicators nennt Indikatoren, die das Projekt nicht hat: {}. Vorhanden: {}",
            unknown
                .iter()
                .map(|s| s.as_str())
                .collect::<Vec<_>>()
                .join(", "),
            known.join(", ")
        ));
    }
    Ok(project.chosen(ids))
}

/// The definition of a project with this name; the error lists the names there are.
pub fn project_definition<'a>(
    project: &'a sozialatlas_core::project::Project,
    name: &str,
) -> Result<&'a sozialatlas_core::sozialraum::definition::Definition, String> {
    let defs = &project.sozialraeume.definitions;
    defs.iter().find(|d| d.name == name).ok_or_else(|| {
        format!(
            "Das Projekt hat keine Sozialraum-Definition „{name}“. Vorhanden: {}",
            defs.iter()
                .map(|d| format!("„{}“", d.name))
                .collect::<Vec<_>>()
                .join(", ")
        )
    })
}

impl Loaded {
    /// The table as an atlas without geometry for a level analysis: units = the keys, the
    /// `indicators` (columns, missing codes applied) set up as indicators of their guessed kind
    /// (shares weighted by `pop_col` when given), `advantage` flipped.
    pub fn atlas(
        &self,
        indicators: &[String],
        advantage: &[String],
        pop_col: Option<&str>,
    ) -> Result<sozialatlas_core::model::Atlas, String> {
        use sozialatlas_core::ingest::assemble::guess_kind;
        use sozialatlas_core::model::*;
        let mut columns = vec![];
        let mut specs = vec![];
        for name in indicators.iter().map(String::as_str).chain(pop_col) {
            if columns.iter().any(|c: &Column| c.name == name) {
                continue;
            }
            let values = self.numbers(name)?;
            if indicators.iter().any(|i| i == name) {
                specs.push(IndicatorSpec {
                    id: name.to_string(),
                    label: name.to_string(),
                    direction: if advantage.iter().any(|a| a == name) {
                        Direction::HighIsAdvantage
                    } else {
                        Direction::HighIsDisadvantage
                    },
                    kind: guess_kind(name, &values),
                    value: Some(name.to_string()),
                    ..IndicatorSpec::default()
                });
            }
            columns.push(Column {
                name: name.to_string(),
                values: ColumnValues::Number(values),
            });
        }
        Ok(Atlas {
            name: self.table.file.clone(),
            source: self.table.file.clone(),
            units: Units::without_geometry(self.keys.clone()),
            table: Table { columns },
            indicators: specs,
            years: vec![],
            population: pop_col.map(str::to_string),
        })
    }
}

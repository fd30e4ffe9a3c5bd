//! Reading the user's files: a table from `--table` or the properties of `--geo`, with keys,
//! exclusions and missing-value codes.

use sozialatlas_core::ingest::inspect;
use sozialatlas_core::locale::Lang;
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
    /// Print small numbers too. By default values resting on fewer cases than the project's
    /// threshold (3 without a project) are printed as "geheim": counts of the indicators'
    /// numerators and denominators, count indicators, the population, and what is derived
    /// from them (values, z-values, the sum and index of such a row, class bounds); classes
    /// stay. The counts are known from a project's setup, else from the columns (whole numbers
    /// of at least zero are counts).
    #[arg(long)]
    pub no_suppress: bool,
}

impl TableArgs {
    /// The small-number rule of this run: the project's (default without one), off with
    /// --no-suppress.
    pub fn small_numbers(
        &self,
        project: Option<&sozialatlas_core::project::Project>,
    ) -> sozialatlas_core::project::SmallNumbers {
        small_numbers(self.no_suppress, project)
    }
}

/// The small-number rule of a run: the project's (the default without one), off with
/// `--no-suppress`.
pub fn small_numbers(
    no_suppress: bool,
    project: Option<&sozialatlas_core::project::Project>,
) -> sozialatlas_core::project::SmallNumbers {
    match (no_suppress, project) {
        (true, _) => sozialatlas_core::project::SmallNumbers { min_cases: 0.0 },
        (false, Some(p)) => p.small_numbers,
        (false, None) => sozialatlas_core::project::SmallNumbers::default(),
    }
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

/// Where the values of a table-reading command come from.
enum Source {
    /// A table (or the properties of a map), columns by name.
    Table(sozialatlas_core::ingest::csv::RawTable),
    /// A project file: its indicators by id (in the project's year), its columns by stem.
    Project(Box<sozialatlas_core::project::Opened>),
    /// The Sozialräume of an assignment on a table, aggregated: columns by name.
    Level(Box<sozialatlas_core::model::Atlas>),
}

/// A table ready for analysis: keys and the numeric columns by name.
pub struct Loaded {
    source: Source,
    /// The table rows used, when a key repeats (its first row; the others are reported).
    rows: Option<Vec<usize>>,
    pub keys: Vec<String>,
    pub include: Vec<bool>,
    pub missing_codes: Vec<f64>,
}

impl Loaded {
    /// The name of the file the values come from.
    pub fn file(&self) -> &str {
        match &self.source {
            Source::Table(t) => &t.file,
            Source::Project(o) => &o.project.title,
            Source::Level(a) => &a.name,
        }
    }

    /// Per column of `columns` (as [`Loaded::numbers`] reads them), per row: whether the
    /// small-number rule withholds the value. With a project its setup says what is a count;
    /// otherwise the columns' kinds are guessed (whole numbers of at least zero are counts).
    pub fn withheld(
        &self,
        columns: &[String],
        no_suppress: bool,
    ) -> Result<Vec<Vec<bool>>, String> {
        use sozialatlas_core::stats::suppress::Withheld;
        let rule = small_numbers(no_suppress, self.project().map(|o| &o.project));
        let mask = |atlas: &sozialatlas_core::model::Atlas,
                    catalogue: &[sozialatlas_core::model::IndicatorSpec],
                    year: i32| {
            let w = Withheld::of(atlas, catalogue, rule.min_cases);
            columns
                .iter()
                .map(|c| match catalogue.iter().find(|s| &s.id == c) {
                    Some(spec) => w.indicator(atlas, spec, year),
                    None => {
                        let name = atlas.column_name(c, year);
                        (0..atlas.units.len()).map(|u| w.cell(&name, u)).collect()
                    }
                })
                .collect::<Vec<Vec<bool>>>()
        };
        Ok(match &self.source {
            Source::Project(o) => mask(
                &o.atlas,
                &o.project.catalogue.indicators,
                o.project.year(&o.atlas),
            ),
            Source::Level(a) => mask(a, &a.indicators, a.years.last().copied().unwrap_or(0)),
            Source::Table(_) => {
                let atlas = self.atlas(columns, &[], None)?;
                mask(&atlas, &atlas.indicators, 0)
            }
        })
    }

    /// The same data at a level: with a project one of its definitions by name (its
    /// Sozialräume dissolved, figures aggregated as the app does), else an assignment CSV
    /// (`key`, `area`) on the table with `indicators` (aggregated by their guessed kind,
    /// weighted by `pop_col`). The keys become the Sozialräume's names.
    pub fn at_level(
        self,
        level: &str,
        indicators: &[String],
        advantage: &[String],
        pop_col: Option<&str>,
    ) -> Result<Loaded, String> {
        use sozialatlas_core::project::derive;
        let source = match self.source {
            Source::Project(mut o) => {
                let def = project_definition(&o.project, level)?.clone();
                let topo = sozialatlas_core::sozialraum::topology::Topology::build(
                    &o.atlas.units.geometry,
                );
                o.atlas = derive::dissolved(&o.atlas, &o.project.catalogue.indicators, &def, &topo);
                Source::Project(o)
            }
            Source::Table(_) => {
                let atlas = self.atlas(indicators, advantage, pop_col)?;
                let def = read_assignment(&PathBuf::from(level), &atlas.units.keys)?;
                let mut agg = derive::level_figures(&atlas, &atlas.indicators, &def);
                agg.name = format!("{} ({level})", self.file());
                Source::Level(Box::new(agg))
            }
            Source::Level(_) => return Err("Die Daten sind schon auf einer Ebene.".into()),
        };
        let keys = match &source {
            Source::Project(o) => o.atlas.units.keys.clone(),
            Source::Level(a) => a.units.keys.clone(),
            Source::Table(_) => vec![],
        };
        Ok(Loaded {
            source,
            rows: None,
            include: vec![true; keys.len()],
            keys,
            missing_codes: self.missing_codes,
        })
    }

    /// The project, when the values come from one.
    pub fn project(&self) -> Option<&sozialatlas_core::project::Opened> {
        match &self.source {
            Source::Project(o) => Some(o),
            Source::Table(_) | Source::Level(_) => None,
        }
    }

    /// The numbers of a column (a table column by name; with a project, an indicator by id in
    /// the project's year, or a column stem), missing codes as missing.
    pub fn numbers(&self, column: &str) -> Result<Vec<Option<f64>>, String> {
        let codes = &self.missing_codes;
        let values = match &self.source {
            Source::Table(table) => {
                let c = table.require(column).map_err(|e| e.message(Lang::De))?;
                c.numbers()
                    .ok_or_else(|| {
                        format!(
                            "{}: Spalte „{column}“ enthält keine Zahlen (z. B. „{}“).",
                            table.file,
                            c.raw.first().unwrap_or_default()
                        )
                    })?
                    .to_vec()
            }
            Source::Level(a) => a
                .table
                .numbers(column)
                .map(<[_]>::to_vec)
                .ok_or_else(|| format!("{}: keine Zahlenspalte „{column}“.", a.name))?,
            Source::Project(o) => {
                let (p, atlas) = (&o.project, &o.atlas);
                let year = p.year(atlas);
                match p.indicator(column) {
                    Some(spec) => atlas.indicator_values(spec, year),
                    None => atlas
                        .numbers(column, year)
                        .map(<[_]>::to_vec)
                        .ok_or_else(|| {
                            format!(
                                "{}: kein Indikator und keine Zahlenspalte „{column}“. Indikatoren: {}",
                                p.title,
                                p.catalogue
                                    .indicators
                                    .iter()
                                    .map(|s| s.id.as_str())
                                    .collect::<Vec<_>>()
                                    .join(", ")
                            )
                        })?,
                }
            }
        };
        let values: Vec<Option<f64>> = values
            .into_iter()
            .map(|x| x.filter(|x| !codes.contains(x)))
            .collect();
        Ok(match &self.rows {
            Some(rows) => rows.iter().map(|&r| values[r]).collect(),
            None => values,
        })
    }
}

pub fn load(args: &TableArgs) -> Result<Loaded, String> {
    use sozialatlas_core::ingest::long;
    if let Some(path) = &args.project {
        let opened = open_project(path)?;
        let keys = opened.atlas.units.keys.clone();
        return Ok(Loaded {
            include: exclusions(&keys, &args.exclude, &opened.project.title)?,
            keys,
            rows: None,
            source: Source::Project(Box::new(opened)),
            missing_codes: args.missing_code.clone(),
        });
    }
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
            layer.properties
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
    let all_keys = table
        .require(key)
        .map_err(|e| e.message(Lang::De))?
        .raw
        .clone();
    // A repeated key: its first row counts, the others are named with their lines (as the
    // app says it); no key is printed twice.
    let mut seen: std::collections::HashSet<&str> = Default::default();
    let rows: Vec<usize> = (0..all_keys.len())
        .filter(|&r| seen.insert(&all_keys[r]))
        .collect();
    if rows.len() < all_keys.len() {
        if let Some(w) = table.duplicate_keys_warning(key) {
            eprintln!("Hinweis: {}", w.message(Lang::De));
        }
    }
    let keys: Vec<String> = rows.iter().map(|&r| all_keys[r].to_string()).collect();
    let rows = (rows.len() < all_keys.len()).then_some(rows);
    let include = exclusions(&keys, &args.exclude, &table.file)?;
    for w in &table.warnings {
        eprintln!("Hinweis: {}", w.message(Lang::De));
    }
    Ok(Loaded {
        source: Source::Table(table),
        rows,
        keys,
        include,
        missing_codes: args.missing_code.clone(),
    })
}

/// Which keys are included: all but `exclude` (an error naming keys that do not exist).
fn exclusions(keys: &[String], exclude: &[String], file: &str) -> Result<Vec<bool>, String> {
    let unknown: Vec<&String> = exclude.iter().filter(|k| !keys.contains(k)).collect();
    if !unknown.is_empty() {
        return Err(format!(
            "{file}: --exclude nennt Schlüssel, die es nicht gibt: {}",
            unknown
                .iter()
                .map(|s| s.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    Ok(keys.iter().map(|k| !exclude.contains(k)).collect())
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
    key: Option<&str>,
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
        &sozialatlas_core::ingest::load::LoadOptions::key(key),
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
    if let Some(note) = sozialatlas_core::sozialraum::start::import_note(&name, &def, &unknown) {
        eprintln!("Hinweis: {}", note.message(Lang::De));
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
            name: self.file().to_string(),
            source: self.file().to_string(),
            units: Units::without_geometry(self.keys.clone()),
            table: Table { columns },
            indicators: specs,
            years: vec![],
            population: pop_col.map(str::to_string),
        })
    }
}

/// A map-reading command's data: from `--geo` (+ `--table`) with `--key`, or from a project
/// file. The atlas is set up with the project's catalogue and population column.
pub struct MapData {
    /// The data.
    pub atlas: sozialatlas_core::model::Atlas,
    /// The map file's own coordinate system (for writing back in it).
    pub input_crs: sozialatlas_core::model::Crs,
    /// The project, when the data came from one.
    pub project: Option<sozialatlas_core::project::Project>,
    /// The file named in messages.
    pub file: String,
}

impl MapData {
    /// The indicator catalogue: the project's setup, else what the reader guessed.
    pub fn catalogue(&self) -> &[sozialatlas_core::model::IndicatorSpec] {
        self.project
            .as_ref()
            .map_or(&self.atlas.indicators, |p| &p.catalogue.indicators)
    }

    /// A number column: with a project an indicator by id (in the project's year) or a column
    /// stem; else a column by name. The error lists what there is.
    pub fn column(&self, name: &str) -> Result<Vec<Option<f64>>, String> {
        let atlas = &self.atlas;
        let year = self.project.as_ref().map_or_else(
            || atlas.years.last().copied().unwrap_or(0),
            |p| p.year(atlas),
        );
        if let Some(spec) = self.project.as_ref().and_then(|p| p.indicator(name)) {
            return Ok(atlas.indicator_values(spec, year));
        }
        atlas.numbers(name, year).map(<[_]>::to_vec).ok_or_else(|| {
            let known: Vec<&str> = match &self.project {
                Some(p) => p
                    .catalogue
                    .indicators
                    .iter()
                    .map(|s| s.id.as_str())
                    .collect(),
                None => atlas
                    .table
                    .columns
                    .iter()
                    .map(|c| c.name.as_str())
                    .collect(),
            };
            format!(
                "{}: keine Zahlenspalte „{name}“. Vorhanden: {}.",
                self.file,
                known.join(", ")
            )
        })
    }

    /// A definition: with a project one of its definitions by name, else an assignment CSV.
    pub fn definition(
        &self,
        name_or_file: &str,
    ) -> Result<sozialatlas_core::sozialraum::definition::Definition, String> {
        match &self.project {
            Some(p) => project_definition(p, name_or_file).cloned(),
            None => read_assignment(&PathBuf::from(name_or_file), &self.atlas.units.keys),
        }
    }
}

/// The data of a map-reading command (see [`MapData`]).
pub fn map_data(
    geo: Option<&PathBuf>,
    table: Option<&PathBuf>,
    key: Option<&str>,
    project: Option<&PathBuf>,
) -> Result<MapData, String> {
    if let Some(path) = project {
        let o = open_project(path)?;
        let input_crs = o
            .report
            .as_ref()
            .map_or(sozialatlas_core::model::Crs::UTM32, |r| r.crs);
        return Ok(MapData {
            file: o.project.title.clone(),
            atlas: o.atlas,
            input_crs,
            project: Some(o.project),
        });
    }
    let geo = geo.ok_or("Bitte --geo angeben (oder --project).")?;
    // Without --key (only where a command allows it) the keys are chosen as the app does.
    let l = load_atlas(geo, table, key)?;
    for w in &l.warnings {
        eprintln!("Hinweis: {}", w.message(Lang::De));
    }
    Ok(MapData {
        atlas: l.atlas,
        input_crs: l.report.crs,
        project: None,
        file: table.unwrap_or(geo).display().to_string(),
    })
}

//! `sozialatlas report`: the Sozialbericht as one HTML file, the same as the app's "Bericht
//! erstellen" (the core's `report::html`).

use crate::input::{
    open_project, project_definition, project_indicators, read_assignment, read_file,
};
use sozialatlas_core::locale::Lang;
use sozialatlas_core::model::ColumnValues;
use sozialatlas_core::project::{self, InputFile, Inputs, ReadSettings};
use std::path::PathBuf;

/// Writes the report of a project (or of a map and a table read as the app reads them): cover,
/// method, a page per indicator (map with legend, ranked table), the status index, the
/// typology, a page per area of the level; `--monitoring`: a page per indicator with the
/// change since the previous year instead of the area pages.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// A project file saved by the app.
    #[arg(long, conflicts_with_all = ["geo", "table", "key"])]
    pub project: Option<PathBuf>,
    /// Map file (GeoJSON, Shapefile as .zip).
    #[arg(long, required_unless_present = "project")]
    pub geo: Option<PathBuf>,
    /// Table file (CSV, XLSX).
    #[arg(long)]
    pub table: Option<PathBuf>,
    /// Key column of the map and the table.
    #[arg(long)]
    pub key: Option<String>,
    /// Sozialräume: an assignment CSV (key, area), with --project a definition's name.
    #[arg(long)]
    pub level: Option<String>,
    /// Indicators with their own pages (ids; default: the status index's).
    #[arg(long, value_delimiter = ',')]
    pub indicators: Vec<String>,
    /// The monitoring variant.
    #[arg(long)]
    pub monitoring: bool,
    /// Output HTML file.
    #[arg(long)]
    pub out: PathBuf,
    /// Population column (inhabitants).
    #[arg(long)]
    pub pop_col: Option<String>,
    /// Numbers that stand for missing values (e.g. -9999).
    #[arg(long, value_delimiter = ',', allow_hyphen_values = true)]
    pub missing_code: Vec<f64>,
    /// Keys of areas to leave out (no values: "ohne Zuordnung", not in averages).
    #[arg(long, value_delimiter = ',')]
    pub exclude: Vec<String>,
    /// Title on the cover.
    #[arg(long)]
    pub title: Option<String>,
    /// Language of the report: de or en.
    #[arg(long, default_value = "de")]
    pub lang: String,
    /// Date on the cover (default: today, DD.MM.YYYY).
    #[arg(long)]
    pub date: Option<String>,
}

/// Today as DD.MM.YYYY (UTC), from the system clock.
fn today() -> String {
    let days = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() / 86_400) as i64;
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{d:02}.{m:02}.{y}")
}

/// Runs the command.
pub fn run(args: Args) -> Result<(), String> {
    let lang = match args.lang.as_str() {
        "de" => Lang::De,
        "en" => Lang::En,
        other => return Err(format!("--lang {other}: erlaubt sind de und en.")),
    };
    let mut opened = match &args.project {
        Some(p) => open_project(p)?,
        None => {
            let geo = args
                .geo
                .as_ref()
                .ok_or("Bitte --geo angeben (oder --project).")?;
            let (name, bytes) = read_file(geo)?;
            let table = match &args.table {
                Some(t) => {
                    let (n, b) = read_file(t)?;
                    Some(InputFile::new(&n, b))
                }
                None => None,
            };
            let inputs = Inputs {
                map: Some(InputFile::new(&name, bytes)),
                table,
                read: ReadSettings {
                    map_key: args.key.clone(),
                    table_key: args.key.clone(),
                    ..ReadSettings::default()
                },
                source: project::DataSource::Files,
                ..Inputs::default()
            };
            let o = project::open(&inputs, None).map_err(|e| e.message(Lang::De))?;
            for w in &o.warnings {
                eprintln!("Hinweis: {}", w.message(Lang::De));
            }
            o
        }
    };
    let p = &mut opened.project;
    if let Some(pop) = &args.pop_col {
        p.catalogue.population = Some(pop.clone());
        opened.atlas.population = Some(pop.clone());
    }
    if !args.indicators.is_empty() {
        project_indicators(p, &args.indicators)?;
        p.report.indicators = args.indicators.clone();
        if args.project.is_none() {
            p.classify.indicators = args.indicators.clone();
            p.cluster.indicators = args.indicators.clone();
        }
    }
    if args.project.is_none() {
        p.classify.min_population = p.classify.min_population.or(Some(300.0));
    }
    if let Some(t) = &args.title {
        p.report.title = t.clone();
    }
    p.report.monitoring |= args.monitoring;
    // Missing-value codes and excluded areas: no values.
    let atlas = &mut opened.atlas;
    let unknown: Vec<&String> = args
        .exclude
        .iter()
        .filter(|k| !atlas.units.keys.contains(k))
        .collect();
    if !unknown.is_empty() {
        return Err(format!(
            "--exclude nennt Schlüssel, die es nicht gibt: {}",
            unknown
                .iter()
                .map(|s| s.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    for c in &mut atlas.table.columns {
        if let ColumnValues::Number(v) = &mut c.values {
            for (k, x) in atlas.units.keys.iter().zip(v.iter_mut()) {
                if x.is_some_and(|x| args.missing_code.contains(&x)) || args.exclude.contains(k) {
                    *x = None;
                }
            }
        }
    }
    let def = match &args.level {
        Some(l) if args.project.is_some() => Some(project_definition(p, l)?.clone()),
        Some(l) => Some(read_assignment(&PathBuf::from(l), &atlas.units.keys)?),
        None => None,
    };
    let input = sozialatlas_core::report::ReportInput {
        base: atlas,
        project: p,
        level: def.as_ref(),
        layers: &opened.layers,
        date: args.date.clone().unwrap_or_else(today),
        lang,
    };
    let html = sozialatlas_core::report::html(&input);
    std::fs::write(&args.out, html)
        .map_err(|e| format!("{}: nicht schreibbar ({e}).", args.out.display()))?;
    eprintln!("{} geschrieben.", args.out.display());
    Ok(())
}

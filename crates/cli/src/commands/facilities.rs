//! `sozialatlas facilities`: points (facilities, or the cells of a Zensus grid) counted and
//! summed per unit or per Sozialraum.

use crate::input::map_data;
use crate::output::{cell, write_csv, Format};
use sozialatlas_core::facilities::{self, grid, read, PointSettings};
use sozialatlas_core::locale::Lang;
use sozialatlas_core::map::index::HitIndex;
use std::io::Read;
use std::path::PathBuf;

/// Counts the points of a layer per unit (point in polygon; a point on a shared edge counts
/// once, a point in a hole or outside the map not at all: those are counted on stderr). Prints
/// `key`, `count`, `capacity`, one count column per category, per `--sum` column its sum over
/// the known values and `withheld_<column>` (points or cells without a value), and with
/// `--within` the `covered_share` (percent of the inhabitants whose unit's representative point
/// lies within that distance of a point). A Zensus grid file (`GITTER_ID_100m`, `x_mp_100m`
/// …) is read as a stream: `count` is then the number of cells.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Map file (GeoJSON, Shapefile as .zip).
    #[arg(long, required_unless_present = "project")]
    pub geo: Option<PathBuf>,
    /// Table file joined to the map (for the population of --within).
    #[arg(long)]
    pub table: Option<PathBuf>,
    /// Key property of the map (and column of the table).
    #[arg(long, required_unless_present = "project")]
    pub key: Option<String>,
    /// A project file saved by the app (instead of --geo, --table and --key).
    #[arg(long, conflicts_with_all = ["geo", "key", "table"])]
    pub project: Option<PathBuf>,
    /// The points: CSV or XLSX with coordinate columns, GeoJSON (Point, MultiPoint), or a
    /// Zensus grid CSV.
    #[arg(long)]
    pub points: PathBuf,
    /// Column of the x coordinate (default: found by name: x, Rechtswert, x_mp_100m …).
    #[arg(long, conflicts_with_all = ["lat", "lon"])]
    pub x: Option<String>,
    /// Column of the y coordinate.
    #[arg(long, conflicts_with_all = ["lat", "lon"])]
    pub y: Option<String>,
    /// Column of the latitude in degrees (default: found by name: lat, Breite …).
    #[arg(long)]
    pub lat: Option<String>,
    /// Column of the longitude in degrees.
    #[arg(long)]
    pub lon: Option<String>,
    /// Coordinate system of the points, e.g. EPSG:25832 (default: detected).
    #[arg(long)]
    pub crs: Option<String>,
    /// Column of the category (one count column per category).
    #[arg(long)]
    pub category: Option<String>,
    /// Column of the capacity (places), summed per unit.
    #[arg(long)]
    pub capacity: Option<String>,
    /// Count columns to sum per unit, comma-separated (a grid file: default every column but
    /// the cell id and the centres).
    #[arg(long, value_delimiter = ',')]
    pub sum: Vec<String>,
    /// Sozialräume: an assignment CSV (key, area) or, with --project, a definition's name.
    #[arg(long)]
    pub level: Option<String>,
    /// Distance in metres for `covered_share`.
    #[arg(long)]
    pub within: Option<f64>,
    /// Population column for --within (default: the project's or the guessed one).
    #[arg(long)]
    pub pop_col: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value = "csv")]
    pub format: Format,
}

/// Runs the command.
pub fn run(args: Args) -> Result<(), String> {
    if let Some(w) = args.within {
        if !(w.is_finite() && w > 0.0 && w <= 100_000.0) {
            return Err(format!(
                "--within {w}: erlaubt sind 0 bis 100.000 Meter (ausschließlich 0)."
            ));
        }
    }
    let data = map_data(
        args.geo.as_ref(),
        args.table.as_ref(),
        args.key.as_deref(),
        args.project.as_ref(),
    )?;
    let atlas = &data.atlas;
    let index = HitIndex::build(&atlas.units.geometry);
    let name = args.points.file_name().map_or_else(
        || args.points.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let mut file = std::fs::File::open(&args.points)
        .map_err(|e| format!("{}: Datei nicht lesbar ({e}).", args.points.display()))?;
    let mut head = vec![0u8; 4096];
    let n = read_up_to(&mut file, &mut head)?;
    head.truncate(n);
    let n_units = atlas.units.len();
    // Columns per unit: header and values.
    let mut header: Vec<String> = vec!["count".into(), "capacity".into()];
    let mut columns: Vec<Vec<Option<f64>>>;
    let mut reps_layer = None;
    if grid::looks_like_grid(&head) {
        let chained = std::io::Cursor::new(head).chain(file);
        let res = grid::read_stream(
            &name,
            chained,
            &atlas.units.geometry,
            &index,
            atlas.units.crs,
            &args.sum,
            |_| {},
        )
        .map_err(|e| e.message(Lang::De))?;
        for w in &res.warnings {
            eprintln!("Hinweis: {}", w.message(Lang::De));
        }
        eprintln!(
            "{name}: {} Zellen gelesen, {} in Gebieten der Karte, {} im Kartenausschnitt außerhalb der Gebiete.",
            res.progress.cells, res.progress.inside, res.outside
        );
        columns = vec![
            res.cells.iter().map(|&v| Some(v)).collect(),
            vec![None; n_units],
        ];
        for (k, c) in res.columns.iter().enumerate() {
            header.push(c.clone());
            header.push(format!("withheld_{c}"));
            columns.push(res.sums[k].iter().map(|&v| Some(v)).collect());
            columns.push(res.withheld[k].iter().map(|&v| Some(v as f64)).collect());
        }
    } else {
        let mut bytes = head;
        file.read_to_end(&mut bytes)
            .map_err(|e| format!("{}: Datei nicht lesbar ({e}).", args.points.display()))?;
        let crs = match &args.crs {
            Some(c) => Some(
                sozialatlas_core::ingest::crs::parse_name(c)
                    .filter(|c| sozialatlas_core::ingest::crs::proj_string(c.epsg).is_some())
                    .ok_or_else(|| format!("--crs {c}: unbekanntes oder nicht unterstütztes Koordinatensystem (z. B. EPSG:25832)."))?
                    .epsg,
            ),
            None => None,
        };
        let settings = PointSettings {
            x: args.x.clone(),
            y: args.y.clone(),
            lat: args.lat.clone(),
            lon: args.lon.clone(),
            crs,
            category: args.category.clone(),
            capacity: args.capacity.clone(),
            sum: args.sum.clone(),
            ..PointSettings::default()
        };
        let layer = read::read(&name, &bytes, &settings, facilities::target(&atlas.units))
            .map_err(|e| e.message(Lang::De))?;
        for w in &layer.warnings {
            eprintln!("Hinweis: {}", w.message(Lang::De));
        }
        let unit = facilities::assign::assign(&atlas.units.geometry, &index, &layer);
        let t = facilities::assign::tally(&layer, &unit, n_units);
        let placed = facilities::Placed {
            layer,
            unit,
            tally: t,
            columns: Default::default(),
        };
        if let Some(m) = placed.outside_message(Lang::De) {
            eprintln!("{m}");
        }
        let t = &placed.tally;
        columns = vec![
            t.count.iter().map(|&v| Some(v)).collect(),
            match &t.capacity {
                Some(c) => c.iter().map(|&v| Some(v)).collect(),
                None => vec![None; n_units],
            },
        ];
        for (k, c) in placed.layer.categories.iter().enumerate() {
            header.push(if c.is_empty() {
                "ohne Kategorie".into()
            } else {
                c.clone()
            });
            columns.push(t.by_category[k].iter().map(|&v| Some(v)).collect());
        }
        for (k, c) in placed.layer.sums.iter().enumerate() {
            header.push(c.clone());
            header.push(format!("withheld_{c}"));
            columns.push(t.sums[k].iter().map(|&v| Some(v)).collect());
            columns.push(t.withheld[k].iter().map(|&v| Some(v as f64)).collect());
        }
        reps_layer = Some(placed.layer);
    }
    // Coverage: the inhabitants of the units within the distance, and all inhabitants.
    let mut coverage: Option<(Vec<f64>, Vec<f64>)> = None;
    if let Some(metres) = args.within {
        let layer = reps_layer
            .as_ref()
            .ok_or("--within gilt für Einrichtungen, nicht für Gitterdateien.")?;
        let pop_name = args
            .pop_col
            .clone()
            .or_else(|| {
                data.project
                    .as_ref()
                    .and_then(|p| p.catalogue.population.clone())
            })
            .or_else(|| atlas.population.clone())
            .ok_or("--within braucht die Einwohnerzahl: --pop-col SPALTE (mit --table).")?;
        let pop = data.column(&pop_name)?;
        let reps = facilities::assign::representative_points(&atlas.units.geometry);
        let covered = facilities::assign::covered(&reps, layer, metres);
        let inside: Vec<f64> = pop
            .iter()
            .zip(&covered)
            .map(|(p, c)| {
                if c.unwrap_or(false) {
                    p.unwrap_or(0.0)
                } else {
                    0.0
                }
            })
            .collect();
        coverage = Some((inside, pop.iter().map(|p| p.unwrap_or(0.0)).collect()));
        header.push("covered_share".into());
    }
    // Rows: units, or the Sozialräume of a level (sums over their units).
    let (keys, groups): (Vec<String>, Vec<Vec<usize>>) = match &args.level {
        Some(level) => {
            let def = data.definition(level)?;
            let mut groups = vec![vec![]; def.areas.len()];
            for (u, a) in def.assign.iter().enumerate() {
                if let Some(a) = a {
                    groups[*a as usize].push(u);
                }
            }
            let keys = def.areas.iter().map(|a| a.name.clone()).collect();
            (keys, groups)
        }
        None => (
            atlas.units.keys.clone(),
            (0..n_units).map(|u| vec![u]).collect(),
        ),
    };
    let mut rows = vec![];
    let mut json_rows = vec![];
    for (key, members) in keys.iter().zip(&groups) {
        let mut row = vec![key.clone()];
        let mut obj = serde_json::Map::new();
        obj.insert("key".into(), key.clone().into());
        for (h, col) in header.iter().zip(&columns) {
            let known: Vec<f64> = members.iter().filter_map(|&u| col[u]).collect();
            let v = (!known.is_empty()).then(|| known.iter().sum::<f64>());
            row.push(cell(v, args.format));
            obj.insert(h.clone(), v.map_or(serde_json::Value::Null, |x| x.into()));
        }
        if let Some((inside, all)) = &coverage {
            let total: f64 = members.iter().map(|&u| all[u]).sum();
            let within: f64 = members.iter().map(|&u| inside[u]).sum();
            let share = (total > 0.0).then(|| 100.0 * within / total);
            row.push(cell(share, args.format));
            obj.insert(
                "covered_share".into(),
                share.map_or(serde_json::Value::Null, |x| x.into()),
            );
        }
        rows.push(row);
        json_rows.push(serde_json::Value::Object(obj));
    }
    if args.format == Format::Json {
        return crate::output::print_json(&serde_json::Value::Array(json_rows));
    }
    let mut full_header = vec!["key".to_string()];
    full_header.extend(header);
    print!("{}", write_csv(&full_header, &rows, args.format));
    Ok(())
}

fn read_up_to(file: &mut std::fs::File, buf: &mut [u8]) -> Result<usize, String> {
    let mut n = 0;
    while n < buf.len() {
        let k = file.read(&mut buf[n..]).map_err(|e| e.to_string())?;
        if k == 0 {
            break;
        }
        n += k;
    }
    Ok(n)
}

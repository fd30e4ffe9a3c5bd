//! `sozialatlas project show F`: what a project file holds, as JSON.

use crate::input::open_project;
use std::path::PathBuf;

/// Project file commands.
#[derive(clap::Subcommand, Debug)]
pub enum Command {
    /// Prints a JSON summary of a project file: data, indicators with their setup, the
    /// population column, settings, definitions with their number of Sozialräume, the view.
    Show {
        /// The project file (`.sozialatlas.json`, saved by the app).
        file: PathBuf,
    },
}

/// Runs the command.
pub fn run(cmd: Command) -> Result<(), String> {
    match cmd {
        Command::Show { file } => show(&file),
    }
}

fn show(file: &PathBuf) -> Result<(), String> {
    let opened = open_project(file)?;
    let p = &opened.project;
    let atlas = &opened.atlas;
    let year = p.year(atlas);
    let s = &p.sozialraeume;
    let definitions: Vec<serde_json::Value> = s
        .definitions
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let used = d.members().iter().filter(|m| !m.is_empty()).count();
            serde_json::json!({
                "name": d.name,
                "sozialraeume": d.areas.len(),
                "with_units": used,
                "unassigned": d.assign.iter().filter(|a| a.is_none()).count(),
                "origin": s.origins.get(i),
                "undo_steps": s.histories.get(i).map_or(0, |h| h.undo_len()),
            })
        })
        .collect();
    let data = match &p.inputs.map {
        Some(m) => serde_json::json!({
            "map": m.name,
            "table": p.inputs.table.as_ref().map(|t| &t.name),
            "map_key": p.inputs.read.map_key,
            "table_key": p.inputs.read.table_key,
            "sheet": p.inputs.read.sheet,
            "crs": p.inputs.read.crs.map(|c| format!("EPSG:{c}")),
        }),
        None => serde_json::json!({ "demo": "Musterstadt" }),
    };
    let out = serde_json::json!({
        "title": p.title,
        "data": data,
        "units": atlas.units.len(),
        "years": atlas.years,
        "year": year,
        "population": p.catalogue.population,
        "small_numbers": p.small_numbers,
        "indicators": p.catalogue.indicators,
        "view": p.view,
        "explore": p.explore,
        "classify": p.classify,
        "cluster": p.cluster,
        "proposal": p.proposal,
        "definitions": definitions,
        "active": s.active,
        "pair": s.pair,
        "bounds": s.bounds,
        "notes": p.notes.len(),
    });
    crate::output::print_json(&out)
}

//! The Sozialbericht: one self-contained HTML file that prints to A4 from any browser, made from
//! the project the same way by the app ("Bericht erstellen") and the command line
//! (`sozialatlas report`), so a yearly monitoring runs as a script.
//!
//! Contents: a cover (title, town, date, the data sources with their reference
//! dates), a method page (city average, class scheme, status index, small-number rule, level),
//! per chosen indicator a map with its legend, a ranked table and the commentary written for it;
//! the status index and the typology with their lists; one page per area of the level shown (its
//! Steckbrief: every chosen indicator against the city, the time chart, status class, cluster,
//! facilities, notes). The monitoring variant gives one compact page per indicator with the
//! change since the previous year instead of the area pages. Rows of units and Sozialräume carry
//! `data-key` and `data-class` like the map, so the report can be checked against the app and
//! the command line. Everything is inline: no request leaves the file.
//!
//! [`html`] writes it; the numbers come from [`crate::project::derive`], as on screen.

mod html;

use crate::project::{derive, Project};
use crate::sozialraum::definition::Definition;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

pub use html::html;

/// What the planner chose and wrote for the report (kept in the project).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ReportParams {
    /// Title on the cover; empty: "Sozialbericht {town}".
    pub title: String,
    /// Introduction on the cover.
    pub intro: String,
    /// Ids of the indicators with their own pages; empty: the status index's indicators.
    pub indicators: Vec<String>,
    /// The monitoring variant: one compact page per indicator with the change since the
    /// previous year, no area pages.
    pub monitoring: bool,
    /// Commentary per section: an indicator's id, `status`, `typology`, `method`.
    pub comments: BTreeMap<String, String>,
}

/// Everything a report is made from besides the project.
pub struct ReportInput<'a> {
    /// The base units with the project's setup.
    pub base: &'a crate::model::Atlas,
    /// The project (catalogue, settings, notes, report params).
    pub project: &'a Project,
    /// The level: a definition whose Sozialräume the report is about (`None`: the base units).
    pub level: Option<&'a Definition>,
    /// The facility layers placed on the base units.
    pub layers: &'a [crate::facilities::Placed],
    /// The date on the cover, as it should be printed ("30.11.2026").
    pub date: String,
    /// The language of the report.
    pub lang: crate::locale::Lang,
}

/// The chosen indicators of a report: its own list, else the status index's, else every
/// indicator with a direction.
pub fn chosen(project: &Project) -> Vec<&crate::model::IndicatorSpec> {
    let ids = if project.report.indicators.is_empty() {
        &project.classify.indicators
    } else {
        &project.report.indicators
    };
    let list = project.chosen(ids);
    if list.is_empty() {
        project
            .catalogue
            .indicators
            .iter()
            .filter(|s| s.direction != crate::model::Direction::Neutral)
            .collect()
    } else {
        list
    }
}

/// The areas of the report: the base units, or the level's Sozialräume dissolved with their
/// aggregated figures (the same atlas the app shows at that level).
pub fn areas(input: &ReportInput) -> crate::model::Atlas {
    match input.level {
        Some(def) => {
            let topo = crate::sozialraum::topology::Topology::build(&input.base.units.geometry);
            derive::dissolved(input.base, &input.project.catalogue.indicators, def, &topo)
        }
        None => input.base.clone(),
    }
}

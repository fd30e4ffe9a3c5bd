//! # sozialatlas-core
//!
//! The pure-Rust core of Sozialatlas, a browser tool for strategic social planning in German
//! municipalities. It has no web dependencies: the Leptos app and the `sozialatlas` command line
//! both call these functions, and the native test suite checks them.
//!
//! Modules (the folders are the architecture):
//! - [`model`]: units (base polygons), tables, indicator metadata, the joined [`model::Atlas`].
//! - [`ingest`]: reading maps and tables (GeoJSON, Shapefile, CSV, XLSX), CRS detection and
//!   reprojection, the join and its report, loading in one step.
//! - [`project`]: the planner's project as one plain type, the results derived from it, and its
//!   one codec (link, project file, offline file, autosave).
//! - [`report`]: the Sozialbericht as one self-contained HTML file (app and CLI alike).
//! - [`stats`]: city averages, z-scores, the MSS status and dynamic index, bands against the
//!   average, changes, small numbers, the area profile (Steckbrief).
//! - [`cluster`]: Ward and k-means typologies, choice of k, cluster profiles.
//! - [`sozialraum`]: Sozialraum definitions: topology, drawing edits and sessions,
//!   aggregation, proposals, comparison.
//! - [`map`]: drawing a map: frame and paths, class breaks, palettes, choropleth, labels.
//! - [`export`]: GeoJSON, CSV, XLSX and SVG writers.
//! - [`facilities`]: point layers (facilities, the Zensus grid) assigned to units, supply
//!   against need.
//! - [`locale`]: the message language and number formats.
//! - [`demo`]: the deterministic generator of the built-in demo town "Musterstadt".
//!
//! ```
//! use sozialatlas_core::{demo, map::choropleth::Choropleth};
//! let atlas = demo::musterstadt();
//! let year = *atlas.years.last().unwrap();
//! let map = Choropleth::build(&atlas, &atlas.indicators[0], year, 5);
//! assert_eq!(map.classes.len(), atlas.units.len());
//! ```
#![deny(missing_docs)]

pub mod cluster;
pub mod demo;
pub mod export;
pub mod facilities;
pub mod ingest;
pub mod locale;
pub mod map;
pub mod model;
pub mod project;
pub mod report;
pub mod sozialraum;
pub mod stats;

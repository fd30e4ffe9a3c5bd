//! # sozialatlas-core
//!
//! The pure-Rust core of Sozialatlas, a browser tool for strategic social planning in German
//! municipalities. It has no web dependencies: the Leptos app and the `sozialatlas` command line
//! both call these functions, and the native test suite checks them.
//!
//! Modules:
//! - [`model`]: units (base polygons), tables, indicator metadata, the joined [`model::Atlas`].
//! - [`demo`]: the deterministic generator of the built-in demo town "Musterstadt".
//! - [`stats`]: city averages (ratio of sums, weighted, unweighted).
//! - [`classes`]: map class breaks and class lookup.
//! - [`cluster`]: Ward and k-means typologies, choice of k, cluster profiles.
//! - [`palette`]: ColorBrewer colour schemes.
//! - [`choropleth`]: everything a choropleth map and its legend show, computed once.
//! - [`geometry`]: bounds and SVG path output for the planar coordinates.
//! - [`format`](mod@format): German and English number formatting.
//! - [`export`]: GeoJSON and CSV writers; [`xlsx_out`]: the XLSX writer.
//! - [`ingest`]: reading GeoJSON and CSV, CRS detection and reprojection, the join report.
//! - [`lang`]: the message language.
//! - [`map_svg`]: the map as a standalone SVG document (title, legend, source, date).
//! - [`labels`]: area names placed at poles of inaccessibility without overlap.
//! - [`profile`]: the area profile (Steckbrief) and ranks.
//! - [`project`]: the planner's project as one plain type, the results derived from it, and its
//!   one codec (link, project file, offline file, autosave).
//! - [`sozialraum`]: Sozialraum definitions: topology, drawing edits, aggregation, proposals,
//!   comparison.
//!
//! ```
//! use sozialatlas_core::{choropleth::Choropleth, demo};
//! let atlas = demo::musterstadt();
//! let year = *atlas.years.last().unwrap();
//! let map = Choropleth::build(&atlas, &atlas.indicators[0], year, 5);
//! assert_eq!(map.classes.len(), atlas.units.len());
//! ```
#![deny(missing_docs)]

pub mod choropleth;
pub mod classes;
pub mod cluster;
pub mod demo;
pub mod export;
pub mod format;
pub mod geometry;
pub mod ingest;
pub mod labels;
pub mod lang;
pub mod map_svg;
pub mod model;
pub mod palette;
pub mod profile;
pub mod project;
pub mod sozialraum;
pub mod stats;
pub mod xlsx_out;

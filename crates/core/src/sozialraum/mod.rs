//! Sozialräume: definitions that group base units, drawn by hand, taken from a hierarchy or a
//! cluster result, proposed automatically, and compared.
//!
//! - [`topology`]: neighbours, outlines without inner lines, dissolved polygons.
//! - [`definition`]: the assignment, edits with undo and redo.
//! - [`start`]: where a new definition starts from (prefix, column, clusters, proposal, copy).
//! - [`session`]: the editing session of a project's definitions (histories, strokes, tally).
//! - [`aggregate`]: indicators of Sozialräume from their units (running tallies).
//! - [`regionalize`]: automatic proposals (max-p regions with a population floor).
//! - [`compare`]: metrics of a definition and the comparison of two.

pub mod aggregate;
pub mod compare;
pub mod definition;
pub mod regionalize;
pub mod session;
pub mod start;
pub mod topology;

//! Sozialräume: definitions that group base units, drawn by hand, taken from a hierarchy or a
//! cluster result, proposed automatically, and compared.
//!
//! - [`topology`]: neighbours, outlines without inner lines, dissolved polygons.
//! - [`definition`]: the assignment, how to start one, edits with undo and redo.
//! - [`aggregate`]: indicators of Sozialräume from their units (running tallies).
//! - [`regionalize`]: automatic proposals (max-p regions with a population floor).
//! - [`compare`]: metrics of a definition and the comparison of two.

pub mod aggregate;
pub mod compare;
pub mod definition;
pub mod regionalize;
pub mod topology;

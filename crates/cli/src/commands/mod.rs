//! One module per subcommand: its arguments and its `run`.

pub mod breaks;
pub mod classify;
pub mod cluster;
pub mod compare;
pub mod demo;
pub mod dissolve;
pub mod facilities;
pub mod inspect;
pub mod project;
pub mod regionalize;
pub mod report;
pub mod timeseries;

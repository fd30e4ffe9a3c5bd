//! One module per subcommand: its arguments and its `run`.

pub mod breaks;
pub mod classify;
pub mod cluster;
pub mod demo;
pub mod inspect;

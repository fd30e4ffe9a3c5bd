//! The outside world: files the user picks or drops, data URLs from the page address.
//! Only bytes come in here; reading them is the core's job.

pub mod bytes;
pub mod download;
pub mod fetch;
pub mod files;
pub mod perf;
pub mod url;
pub mod worker;

//! The Sozialatlas web app: Leptos client-side rendering over `sozialatlas-core`.
//!
//! Thin by design: the core computes, the app holds signals ([`state::AppState`]) and renders.
//! `main.rs` only mounts [`App`].

pub mod app;
pub mod coloring;
pub mod components;
pub mod define;
pub mod i18n;
pub mod io;
pub mod loader;
pub mod project;
pub mod state;
pub mod task;

pub use app::App;

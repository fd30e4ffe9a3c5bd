//! UI components. Each reads signals from [`crate::state::AppState`] and renders; none computes
//! statistics.

pub mod classify;
pub mod cluster;
pub mod controls;
pub mod legend;
pub mod load;
pub mod map;
pub mod preview;
pub mod setup;

pub use classify::{ClassifyPanel, ModeSwitch};
pub use cluster::ClusterPanel;
pub use controls::{IndicatorPicker, YearPicker};
pub use legend::Legend;
pub use load::LoadPanel;
pub use map::MapView;
pub use preview::TablePreview;
pub use setup::IndicatorSetup;

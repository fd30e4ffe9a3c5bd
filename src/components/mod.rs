//! UI components. Each reads signals from [`crate::state::AppState`] and renders; none computes
//! statistics.

pub mod canvas_map;
pub mod classify;
pub mod cluster;
pub mod compare;
pub mod controls;
pub mod define;
pub mod define_map;
pub mod export;
pub mod facilities;
pub mod legend;
pub mod load;
pub mod map;
pub mod notes;
pub mod preview;
pub mod profile;
pub mod projector;
pub mod report;
pub mod setup;
pub mod table;
pub mod timeseries;

pub use canvas_map::{CanvasMap, CANVAS_LIMIT};
pub use classify::{ClassifyPanel, ModeSwitch};
pub use cluster::ClusterPanel;
pub use compare::{CompareMaps, ComparePanel};
pub use controls::{ClassControls, ExploreScheme, IndicatorPicker, LevelPicker, YearPicker};
pub use define::{DefinePanel, SozialraumTable};
pub use export::ExportPanel;
pub use facilities::FacilitiesPanel;
pub use legend::Legend;
pub use load::{LoadPanel, LoadProgress};
pub use map::{HoverInfo, MapToolbar, MapView};
pub use notes::NotesPanel;
pub use preview::TablePreview;
pub use profile::AreaProfile;
pub use projector::ProjectorOverlay;
pub use report::ReportPanel;
pub use setup::IndicatorSetup;
pub use table::TableView;
pub use timeseries::TimeSeries;

//! Output formats of tables: plain CSV, German Excel CSV, JSON.

use sozialatlas_core::export::{self, CsvStyle};

/// Output format of tables.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Plain CSV (`,` and `.`).
    Csv,
    /// German Excel CSV (`;`, decimal comma, UTF-8 BOM).
    ExcelDe,
    /// JSON with diagnostics.
    Json,
}

impl Format {
    /// The core's CSV style for this format (JSON has none; plain is used).
    pub fn csv_style(self) -> CsvStyle {
        match self {
            Format::ExcelDe => CsvStyle::ExcelDe,
            _ => CsvStyle::Plain,
        }
    }
}

/// Formats a number for CSV output (empty when missing).
pub fn cell(v: Option<f64>, format: Format) -> String {
    v.map_or(String::new(), |x| export::csv_number(x, format.csv_style()))
}

/// Writes rows as CSV in the chosen flavour, with the core's quoting and formula neutralisation.
pub fn write_csv(header: &[String], rows: &[Vec<String>], format: Format) -> String {
    export::csv_table(header, rows, format.csv_style())
}

/// Prints a JSON value, pretty.
pub fn print_json(v: &serde_json::Value) -> Result<(), String> {
    println!(
        "{}",
        serde_json::to_string_pretty(v).map_err(|e| e.to_string())?
    );
    Ok(())
}

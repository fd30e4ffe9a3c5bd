//! Output formats of tables: plain CSV, German Excel CSV, JSON.

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

/// Formats a number for CSV output.
pub fn cell(v: Option<f64>, format: Format) -> String {
    match v {
        None => String::new(),
        Some(x) => match format {
            Format::ExcelDe => x.to_string().replace('.', ","),
            _ => x.to_string(),
        },
    }
}

/// Writes rows as CSV in the chosen flavour.
pub fn write_csv(header: &[String], rows: &[Vec<String>], format: Format) -> String {
    let (sep, bom) = if format == Format::ExcelDe {
        (';', "\u{feff}")
    } else {
        (',', "")
    };
    let quote = |s: &String| {
        if s.contains([sep, '"', '\n']) {
            format!("\"{}\"", s.replace('"', "\"\""))
        } else {
            s.clone()
        }
    };
    let mut out = String::from(bom);
    for r in std::iter::once(header).chain(rows.iter().map(|r| r.as_slice())) {
        out.push_str(
            &r.iter()
                .map(quote)
                .collect::<Vec<_>>()
                .join(&sep.to_string()),
        );
        out.push('\n');
    }
    out
}

/// Prints a JSON value, pretty.
pub fn print_json(v: &serde_json::Value) -> Result<(), String> {
    println!(
        "{}",
        serde_json::to_string_pretty(v).map_err(|e| e.to_string())?
    );
    Ok(())
}

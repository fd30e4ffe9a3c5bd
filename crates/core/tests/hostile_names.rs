//! Hostile names through every writer: area, Sozialraum, indicator and project names that are
//! spreadsheet formulas, markup, quotes, separators, XML-forbidden characters (U+FFFE, U+FFFF,
//! control characters) and line separators. Nothing runs, nothing breaks a file: CSV cells are
//! neutralised, the XLSX and the SVG are well-formed for a strict XML reader (quick-xml, and
//! calamine for the workbook), GeoJSON and the project file read back the same names, and the
//! project inside an HTML page cannot end its script element.

use sozialatlas_core::export::{self, svg::MapDocument, xlsx, CsvStyle};
use sozialatlas_core::project::{codec, Inputs, Project};
use sozialatlas_core::sozialraum::definition::Definition;
use sozialatlas_core::sozialraum::session::Origin;

const HOSTILE: [&str; 9] = [
    "=cmd|' /C calc'!A0",
    "+49 2855 1234",
    "@SUM(A1:A9)",
    "\tTab",
    "<!--<script>alert(1)</script>",
    "Ufer \"Nord\"; Teil 2, Süd",
    "bad\u{FFFE}char\u{FFFF}",
    "ctl\u{0001}\u{0008}",
    "line\u{2028}sep\u{2029}",
];

fn hostile_atlas() -> sozialatlas_core::model::Atlas {
    let mut atlas = sozialatlas_core::demo::musterstadt();
    atlas.name = "</script><!--".into();
    for (i, n) in atlas.units.names.iter_mut().enumerate() {
        *n = HOSTILE[i % HOSTILE.len()].to_string();
    }
    atlas.indicators[0].label = HOSTILE[0].into();
    atlas
}

fn definition(atlas: &sozialatlas_core::model::Atlas) -> Definition {
    let labels: Vec<Option<String>> = (0..atlas.units.len())
        .map(|i| Some(HOSTILE[i % HOSTILE.len()].to_string()))
        .collect();
    Definition::from_labels(HOSTILE[4], &labels)
}

/// Parses XML strictly; panics with the part's name on the first error.
fn strict_xml(name: &str, text: &str) {
    let mut r = quick_xml::Reader::from_str(text);
    r.config_mut().check_end_names = true;
    r.config_mut().check_comments = true;
    loop {
        match r.read_event() {
            Ok(quick_xml::events::Event::Eof) => break,
            Ok(quick_xml::events::Event::Text(t)) => {
                let s: &str = t.as_ref();
                assert!(
                    !s.contains(['\u{FFFE}', '\u{FFFF}', '\u{0001}']),
                    "{name}: forbidden character in text"
                );
            }
            Ok(_) => {}
            Err(e) => panic!("{name}: {e} at {}", r.buffer_position()),
        }
    }
}

#[test]
fn csv_exports_neutralise_formulas() {
    let atlas = hostile_atlas();
    let def = definition(&atlas);
    for text in [
        export::csv(&atlas, "schluessel", CsvStyle::ExcelDe),
        export::csv(&atlas, "schluessel", CsvStyle::Plain),
        def.to_assignment_csv(&atlas.units.keys),
    ] {
        let text = text.trim_start_matches('\u{feff}');
        let sep = if text.lines().next().unwrap().contains(';') {
            b';'
        } else {
            b','
        };
        let mut r = csv::ReaderBuilder::new()
            .delimiter(sep)
            .flexible(false)
            .from_reader(text.as_bytes());
        let mut cells = 0;
        for rec in r.records() {
            for f in rec.unwrap().iter() {
                cells += 1;
                let numeric = f.replace(',', ".").parse::<f64>().is_ok();
                assert!(
                    numeric || !f.starts_with(['=', '+', '-', '@', '\t', '\r']),
                    "a formula reaches the spreadsheet: {f:?}"
                );
            }
        }
        assert!(cells > 58);
        assert!(text.contains("'=cmd|' /C calc'!A0"));
    }
}

#[test]
fn the_workbook_and_the_svg_are_well_formed_xml() {
    let atlas = hostile_atlas();
    let results = vec![sozialatlas_core::model::Column {
        name: HOSTILE[6].into(),
        values: sozialatlas_core::model::ColumnValues::Text(
            (0..atlas.units.len())
                .map(|i| Some(HOSTILE[i % HOSTILE.len()].to_string()))
                .collect(),
        ),
    }];
    let bytes = xlsx::atlas_workbook(
        &atlas,
        "schluessel",
        &results,
        &sozialatlas_core::stats::suppress::Withheld::none(),
    );
    // For a check with another strict reader (e.g. openpyxl): write the workbook where asked.
    if let Ok(path) = std::env::var("SOZIALATLAS_HOSTILE_XLSX") {
        std::fs::write(path, &bytes).unwrap();
    }
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(&bytes)).unwrap();
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        let mut text = String::new();
        std::io::Read::read_to_string(&mut f, &mut text).unwrap();
        let name = f.name().map(|n| n.to_string()).unwrap_or_default();
        strict_xml(&name, &text);
    }
    use calamine::Reader;
    let mut wb: calamine::Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
    let sheet = wb.sheet_names()[0].clone();
    let range = wb.worksheet_range(&sheet).unwrap();
    assert_eq!(range.height(), atlas.units.len() + 1);
    let doc = MapDocument {
        title: HOSTILE[4].into(),
        subtitle: HOSTILE[6].into(),
        frame: (100.0, 100.0),
        paths: vec!["M0 0L10 0L10 10Z".into()],
        fills: vec!["#fff\"/><script>".into()],
        labels: HOSTILE.iter().map(|h| (1.0, 1.0, h.to_string())).collect(),
        legend_title: HOSTILE[7].into(),
        legend: vec![],
        notes: HOSTILE.iter().map(|h| h.to_string()).collect(),
        source: HOSTILE[8].into(),
        date: HOSTILE[0].into(),
    };
    strict_xml("map.svg", &doc.to_svg());
}

#[test]
fn geojson_and_project_files_keep_hostile_names_as_text() {
    let atlas = hostile_atlas();
    let fc = export::geojson(&atlas, "schluessel");
    let back: serde_json::Value = serde_json::from_str(&fc.to_string()).unwrap();
    assert_eq!(back["features"][4]["properties"]["name"], HOSTILE[4]);
    let mut p = Project::for_atlas(&atlas, Inputs::default());
    p.title = HOSTILE[4].into();
    p.sozialraeume.add(definition(&atlas), Origin::Own);
    let keys = &atlas.units.keys;
    let file = codec::project_file(&p, keys);
    let inline = export::inline_json(&file);
    // Nothing in it can end the script element or open a comment or tag.
    assert!(!inline.contains(['<', '>', '&', '\u{2028}', '\u{2029}']));
    let (inputs, packed) = codec::read_project_file(inline.as_bytes()).unwrap();
    let back = packed.apply(&atlas, inputs).unwrap();
    assert_eq!(back.title, HOSTILE[4]);
    assert_eq!(back.sozialraeume.definitions[0], definition(&atlas));
}

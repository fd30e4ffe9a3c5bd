//! Zip bombs (tests/fixtures/bombs, made by make_bombs.py) end in a message naming the part,
//! before memory grows: a Shapefile whose .dbf unpacks to 1 GiB (declared), one whose headers
//! lie about 600 MB, a workbook whose shared strings unpack to 1 GiB; and a table 100,000
//! columns wide is refused by its width (time and memory are measured outside the tests).

use sozialatlas_core::ingest::{csv, inspect, IngestError};
use sozialatlas_core::locale::Lang;

fn bomb(name: &str) -> Vec<u8> {
    std::fs::read(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/bombs")
            .join(name),
    )
    .unwrap()
}

#[test]
fn a_shapefile_bomb_is_refused_by_its_declared_size() {
    let e = match inspect::read_map(
        &inspect::Input {
            name: "karte.zip",
            bytes: &bomb("shapefile_bomb.zip"),
        },
        None,
    ) {
        Err(e) => e,
        Ok(_) => panic!("a bomb was read"),
    };
    assert!(matches!(e, IngestError::TooLargePart { .. }), "{e:?}");
    assert!(e.message(Lang::De).contains("„karte.dbf“"));
}

#[test]
fn a_bomb_with_lying_headers_is_stopped_where_it_passes_its_declared_size() {
    let e = match inspect::read_map(
        &inspect::Input {
            name: "karte.zip",
            bytes: &bomb("shapefile_lying.zip"),
        },
        None,
    ) {
        Err(e) => e,
        Ok(_) => panic!("a bomb was read"),
    };
    // The zip reader stops where the member passes the size its header declared.
    assert!(
        matches!(&e, IngestError::Unpack { part, .. } if part == "karte.dbf"),
        "{e:?}"
    );
    let m = e.message(Lang::De);
    assert!(m.contains("„karte.dbf“"), "{m}");
}

#[test]
fn an_xlsx_bomb_is_refused_naming_the_part() {
    let e = inspect::read_table(&inspect::Input {
        name: "tabelle.xlsx",
        bytes: &bomb("xlsx_bomb.xlsx"),
    })
    .unwrap_err();
    assert!(
        matches!(&e, IngestError::TooLargePart { part, .. } if part == "xl/sharedStrings.xml"),
        "{e:?}"
    );
    let m = e.message(Lang::De);
    assert!(
        m.contains("xl/sharedStrings.xml") && m.contains("MB"),
        "{m}"
    );
    // One language per message.
    let en = e.message(Lang::En);
    assert!(
        en.contains("xl/sharedStrings.xml") && !en.contains("entpackt"),
        "{en}"
    );
}

#[test]
fn a_table_of_100000_columns_is_refused_by_its_width() {
    let mut text = (0..100_000)
        .map(|i| format!("c{i}"))
        .collect::<Vec<_>>()
        .join(";");
    text.push('\n');
    text.push_str(&vec!["1"; 100_000].join(";"));
    text.push('\n');
    let e = csv::read("breit.csv", text.as_bytes()).unwrap_err();
    assert!(
        matches!(e, IngestError::TooManyColumns { found: 100_000, .. }),
        "{e:?}"
    );
}

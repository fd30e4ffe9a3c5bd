//! Zipped Shapefiles (fixtures made by tests/fixtures/shapefile/make_shapefiles.py from the demo
//! town): geometry equal to the demo's, attributes in Windows-1252, CRS from the .prj or detected.

use sozialatlas_core::demo;
use sozialatlas_core::ingest::geojson::CrsSource;
use sozialatlas_core::ingest::inspect::{read_map, Input};
use sozialatlas_core::ingest::shapefile::{crs_from_prj, read_zip};
use sozialatlas_core::ingest::IngestError;
use sozialatlas_core::locale::Lang;

const FULL: &[u8] = include_bytes!("fixtures/shapefile/musterstadt_shp.zip");
const BARE: &[u8] = include_bytes!("fixtures/shapefile/musterstadt_ohne_prj.zip");
const NO_DBF: &[u8] = include_bytes!("fixtures/shapefile/ohne_dbf.zip");

#[test]
fn zipped_shapefile_with_prj_and_cpg_equals_the_demo_town() {
    let l = read_zip("musterstadt_shp.zip", FULL, None).unwrap();
    let demo = demo::musterstadt();
    assert_eq!(
        l.features.len(),
        demo.units.len(),
        "the null shape is skipped"
    );
    assert_eq!(
        (l.source_crs.epsg, l.crs_source),
        (25832, CrsSource::Declared)
    );
    let t = &l.properties;
    assert_eq!(
        t.column("SCHLUESSEL").unwrap().raw,
        demo.units.keys,
        "keys keep their leading zeros"
    );
    let names = &t.column("NAME").unwrap().raw;
    assert!(
        names.iter().any(|n| n == "Südpark 1") && names.iter().any(|n| n == "Mühlenberg 1"),
        "Windows-1252 umlauts"
    );
    // Same coordinates as the demo (orientation aside); the first block has its hole.
    for (ours, theirs) in l.planar.iter().zip(&demo.units.geometry) {
        let mut a: Vec<_> = ours.0[0]
            .exterior()
            .0
            .iter()
            .map(|c| (c.x.to_bits(), c.y.to_bits()))
            .collect();
        let mut b: Vec<_> = theirs.0[0]
            .exterior()
            .0
            .iter()
            .map(|c| (c.x.to_bits(), c.y.to_bits()))
            .collect();
        a.sort();
        b.sort();
        assert_eq!(a, b);
    }
    assert_eq!(l.planar[0].0[0].interiors().len(), 1);
    assert!(l
        .warnings
        .iter()
        .any(|w| w.de.contains("ohne Geometrie") && w.de.contains("Ohne Geometrie")));
}

#[test]
fn without_prj_and_cpg_crs_and_encoding_are_detected() {
    let l = read_map(
        &Input {
            name: "bloecke.zip",
            bytes: BARE,
        },
        None,
    )
    .unwrap();
    assert_eq!(l.source_crs.epsg, 25832);
    assert!(matches!(l.crs_source, CrsSource::Detected { .. }));
    assert!(l.warnings.iter().any(|w| w.de.contains("keine .prj-Datei")));
    let t = &l.properties;
    assert!(
        t.column("NAME")
            .unwrap()
            .raw
            .iter()
            .any(|n| n == "Südpark 1"),
        "Windows-1252 found without .cpg"
    );
}

#[test]
fn broken_zips_name_what_is_missing() {
    let e = read_zip("ohne_dbf.zip", NO_DBF, None).unwrap_err();
    assert!(matches!(e, IngestError::Shapefile { .. }));
    assert!(e.message(Lang::De).contains(".dbf"), "{e}");
    let e = read_zip("kaputt.zip", &FULL[..200], None).unwrap_err();
    assert!(
        e.message(Lang::De)
            .starts_with("kaputt.zip: Shapefile nicht lesbar"),
        "{e}"
    );
}

#[test]
fn prj_names_of_german_systems() {
    assert_eq!(
        crs_from_prj(r#"PROJCS["ETRS_1989_UTM_Zone_33N",GEOGCS["GCS_ETRS_1989"]]"#)
            .unwrap()
            .epsg,
        25833
    );
    assert_eq!(
        crs_from_prj(r#"PROJCS["ETRS89 / UTM zone 32N",GEOGCS["ETRS89"]]"#)
            .unwrap()
            .epsg,
        25832
    );
    assert_eq!(
        crs_from_prj(
            r#"PROJCS["DHDN_3_Degree_Gauss_Zone_2",GEOGCS["GCS_Deutsches_Hauptdreiecksnetz"]]"#
        )
        .unwrap()
        .epsg,
        31466
    );
    assert_eq!(
        crs_from_prj(r#"GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984"]]"#)
            .unwrap()
            .epsg,
        4326
    );
    assert_eq!(
        crs_from_prj(r#"PROJCS["WGS_1984_Web_Mercator_Auxiliary_Sphere"]"#)
            .unwrap()
            .epsg,
        3857
    );
    assert_eq!(
        crs_from_prj(r#"PROJCS["ETRS_1989_LAEA",GEOGCS["GCS_ETRS_1989"]]"#)
            .unwrap()
            .epsg,
        3035
    );
    assert!(crs_from_prj(r#"PROJCS["CH1903+_LV95"]"#).is_none());
}

/// The zipped Shapefile `zip` again, each member's bytes passed through `edit` (with its name),
/// and the members `more` added.
fn rezip(zip: &[u8], edit: impl Fn(&str, &mut Vec<u8>), more: &[(&str, &[u8])]) -> Vec<u8> {
    use std::io::{Read, Write};
    let mut src = zip::ZipArchive::new(std::io::Cursor::new(zip)).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default();
    for i in 0..src.len() {
        let mut f = src.by_index(i).unwrap();
        let name = f.name().unwrap().to_string();
        let mut bytes = vec![];
        f.read_to_end(&mut bytes).unwrap();
        edit(&name, &mut bytes);
        out.start_file(name, opts).unwrap();
        out.write_all(&bytes).unwrap();
    }
    for (name, bytes) in more {
        out.start_file(*name, opts).unwrap();
        out.write_all(bytes).unwrap();
    }
    out.finish().unwrap().into_inner()
}

/// The bare Shapefile (Windows-1252 attributes, no .prj) with a .cpg naming `cpg` and every
/// "ü" byte (0xFC) replaced by `byte`.
fn with_cpg(cpg: &str, byte: u8) -> Vec<u8> {
    let edit = |name: &str, bytes: &mut Vec<u8>| {
        if name.ends_with(".dbf") {
            for b in bytes.iter_mut().filter(|b| **b == 0xFC) {
                *b = byte;
            }
        }
    };
    rezip(BARE, edit, &[("bloecke.cpg", cpg.as_bytes())])
}

#[test]
fn the_cpg_code_page_decodes_the_attributes() {
    // Expected texts from Python's codecs (b"S\xfcdpark".decode("cp850") etc.).
    for (cpg, byte, name, encoding) in [
        ("1252", 0xFC, "Südpark 1", "Windows-1252"),
        ("ANSI 1252", 0xFC, "Südpark 1", "Windows-1252"),
        ("ISO 88591", 0xFC, "Südpark 1", "Windows-1252"),
        ("850", 0xFC, "S³dpark 1", "CP850"),
        ("OEM 850", 0x81, "Südpark 1", "CP850"),
        ("437", 0xFC, "Sⁿdpark 1", "CP437"),
        ("1250", 0xFC, "Südpark 1", "Windows-1250"),
        ("1250", 0xF8, "Sřdpark 1", "Windows-1250"),
        ("ISO-8859-15", 0xA4, "S€dpark 1", "ISO-8859-15"),
        ("1252", 0xA4, "S¤dpark 1", "Windows-1252"),
        ("UTF-8", 0xFC, "S\u{FFFD}dpark 1", "UTF-8"),
    ] {
        let l = read_zip("b.zip", &with_cpg(cpg, byte), None).unwrap();
        assert_eq!(l.encoding.name(), encoding, "{cpg}");
        let t = &l.properties;
        assert!(
            t.column("NAME").unwrap().raw.iter().any(|n| n == name),
            "{cpg} {byte:#x}: {:?}",
            t.column("NAME")
                .unwrap()
                .raw
                .iter()
                .take(3)
                .collect::<Vec<_>>()
        );
        assert!(l.warnings.iter().all(|w| !w.de.contains(".cpg")), "{cpg}");
    }
    // A code page that is not supported: a warning naming it, read as detected.
    let l = read_zip("b.zip", &with_cpg("Big5", 0xFC), None).unwrap();
    assert_eq!(l.encoding.name(), "Windows-1252");
    assert!(
        l.warnings
            .iter()
            .any(|w| w.de.contains("„Big5“") && w.de.contains("Windows-1252")),
        "{:?}",
        l.warnings
    );
}

#[test]
fn a_coordinate_that_is_no_number_is_named_by_its_feature() {
    // The full Shapefile with the first point of its second record set to NaN (the record's
    // points follow its header: shape type, box, part and point counts, part starts).
    let edit = |name: &str, bytes: &mut Vec<u8>| {
        if !name.ends_with(".shp") {
            return;
        }
        let int_be = |at: usize| i32::from_be_bytes(bytes[at..at + 4].try_into().unwrap());
        let int_le = |at: usize| i32::from_le_bytes(bytes[at..at + 4].try_into().unwrap());
        // The second record starts after the first (its length in 16-bit words).
        let content = 100 + 8 + 2 * int_be(100 + 4) as usize + 8;
        assert_eq!(int_le(content), 5, "a polygon record");
        let first_point = content + 44 + 4 * int_le(content + 36) as usize;
        bytes[first_point..first_point + 8].copy_from_slice(&f64::NAN.to_le_bytes());
    };
    let broken = rezip(FULL, edit, &[]);
    let e = read_zip("nan.zip", &broken, None).unwrap_err();
    assert!(matches!(e, IngestError::Shapefile { .. }), "{e:?}");
    let de = e.message(Lang::De);
    assert!(
        de.starts_with("nan.zip: ")
            && de.contains("Objekt Nr. 2 hat eine Koordinate, die keine Zahl ist"),
        "{de}"
    );
    assert!(e
        .message(Lang::En)
        .contains("feature no. 2 has a coordinate that is no number"));
}

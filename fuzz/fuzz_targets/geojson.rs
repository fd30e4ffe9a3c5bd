//! Any bytes as a GeoJSON map: reading, CRS handling and the properties table never panic; a
//! layer has a properties row per feature.
#![no_main]
use libfuzzer_sys::fuzz_target;
use sozialatlas_core::ingest::geojson;

fuzz_target!(|data: &[u8]| {
    if let Ok(layer) = geojson::read("fuzz.geojson", data, None) {
        assert_eq!(layer.properties.rows(), layer.features.len());
    }
});

//! Any bytes as a zipped Shapefile: a layer or an error, never a panic; the unpacking limits
//! hold (a member larger than the limit is refused, not read).
#![no_main]
use libfuzzer_sys::fuzz_target;
use sozialatlas_core::ingest::shapefile::read_zip;

fuzz_target!(|data: &[u8]| {
    if let Ok(layer) = read_zip("fuzz.zip", data, None) {
        assert_eq!(layer.properties.rows(), layer.features.len());
    }
});

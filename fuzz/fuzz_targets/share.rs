//! Links, project files and autosaves: any text gives a state or an error, never a panic; a
//! decoded state checked against the demo town's units gives a project or an error.
#![no_main]
use libfuzzer_sys::fuzz_target;
use sozialatlas_core::project::{codec, Inputs};
use std::sync::OnceLock;

fn demo() -> &'static sozialatlas_core::model::Atlas {
    static DEMO: OnceLock<sozialatlas_core::model::Atlas> = OnceLock::new();
    DEMO.get_or_init(sozialatlas_core::demo::musterstadt)
}

fuzz_target!(|data: &[u8]| {
    let atlas = demo();
    let keys = &atlas.units.keys;
    let check = |p: codec::Packed| {
        let _ = p.apply(atlas, Inputs::default());
    };
    if let Ok(text) = std::str::from_utf8(data) {
        if let Ok(p) = codec::decode_link(text) {
            check(p);
        }
        if let Ok(p) = codec::read_autosave(text, keys) {
            check(p);
        }
        // Also as valid-looking links of both formats: "1." / "2." + the bytes as base64url.
        use base64::Engine;
        let b64 = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(data);
        for v in ["1", "2"] {
            if let Ok(p) = codec::decode_link(&format!("{v}.{b64}")) {
                check(p);
            }
        }
    }
    if let Ok((_, p)) = codec::read_project_file(data) {
        check(p);
    }
});

//! Links and project files: any text gives a state or an error, never a panic.
#![no_main]
use libfuzzer_sys::fuzz_target;
use sozialatlas_core::share::{decode, Project};

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        if let Ok(state) = decode(text) {
            let keys: Vec<String> = (0..50).map(|i| format!("{i:03}")).collect();
            for d in &state.defs {
                let _ = d.to_definition(&keys);
            }
        }
        // Also as a valid-looking link: "1." + the bytes as base64url.
        use base64::Engine;
        let _ = decode(&format!("1.{}", base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(data)));
    }
    if let Ok(p) = Project::from_json(data) {
        let _ = p.file("geo");
        let _ = p.view_state();
    }
});

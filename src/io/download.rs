//! Saving a file from the browser: a Blob and a temporary link with `download`.

use wasm_bindgen::JsCast;

/// Offers `bytes` as a download named `name` with the MIME type `mime`; a failure of the browser
/// comes back as a message in both languages naming the file.
pub fn save(name: &str, mime: &str, data: &[u8]) -> Result<(), crate::io::fetch::Msg> {
    bytes(name, mime, data).map_err(|e| {
        (
            format!("{name}: Speichern fehlgeschlagen ({e})."),
            format!("{name}: saving failed ({e})."),
        )
    })
}

/// Offers `bytes` as a download named `name` with the MIME type `mime`.
pub fn bytes(name: &str, mime: &str, bytes: &[u8]) -> Result<(), String> {
    let array = js_sys::Uint8Array::from(bytes);
    let parts = js_sys::Array::of1(&array);
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options)
        .map_err(|e| format!("{e:?}"))?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(|e| format!("{e:?}"))?;
    let result = href(name, &url);
    // The click has started the download; the URL can go.
    let _ = web_sys::Url::revoke_object_url(&url);
    result
}

/// Offers a URL (blob: or data:) as a download named `name`.
pub fn href(name: &str, url: &str) -> Result<(), String> {
    let doc = leptos::prelude::document();
    let a = doc
        .create_element("a")
        .map_err(|e| format!("{e:?}"))?
        .dyn_into::<web_sys::HtmlAnchorElement>()
        .map_err(|_| "no anchor".to_string())?;
    a.set_href(url);
    a.set_download(name);
    a.set_attribute("hidden", "").ok();
    let body = doc.body().ok_or("no body")?;
    body.append_child(&a).map_err(|e| format!("{e:?}"))?;
    a.click();
    let _ = body.remove_child(&a);
    Ok(())
}

/// A file name from free text: letters, digits and `-`, German umlauts spelled out.
pub fn file_stem(parts: &[&str]) -> String {
    let mut out = String::new();
    for part in parts {
        let mut word = String::new();
        for c in part.chars() {
            match c {
                'ä' | 'Ä' => word.push_str("ae"),
                'ö' | 'Ö' => word.push_str("oe"),
                'ü' | 'Ü' => word.push_str("ue"),
                'ß' => word.push_str("ss"),
                c if c.is_ascii_alphanumeric() => word.push(c.to_ascii_lowercase()),
                _ => {
                    if !word.ends_with('-') && !word.is_empty() {
                        word.push('-')
                    }
                }
            }
        }
        let word = word.trim_matches('-');
        if !word.is_empty() {
            if !out.is_empty() {
                out.push('_');
            }
            out.push_str(word);
        }
    }
    if out.is_empty() {
        "sozialatlas".into()
    } else {
        out
    }
}

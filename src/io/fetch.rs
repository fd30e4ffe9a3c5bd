//! Fetching data files named in the page address (`?geo=…&table=…`).
//!
//! A failure without an HTTP status is almost always the other server refusing cross-origin
//! access (CORS); the message says so in plain words.

use crate::i18n::Lang;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// Fetches `url` (relative URLs are resolved against the page) and returns its bytes.
pub async fn bytes(url: &str, lang: Lang) -> Result<Vec<u8>, String> {
    let window = web_sys::window().ok_or("kein Fenster")?;
    let response = JsFuture::from(window.fetch_with_str(url)).await.map_err(|_| match lang {
        Lang::De => format!(
            "{url}: Die Datei konnte nicht abgerufen werden. Liegt sie auf einem anderen Server, muss dieser den Abruf erlauben (CORS: Kopfzeile „Access-Control-Allow-Origin“). Alternativ die Datei herunterladen und hier hineinziehen."
        ),
        Lang::En => format!(
            "{url}: the file could not be fetched. If it is on another server, that server must allow it (CORS: header \"Access-Control-Allow-Origin\"). Alternatively download the file and drop it here."
        ),
    })?;
    let response: web_sys::Response = response
        .dyn_into()
        .map_err(|_| format!("{url}: keine Antwort"))?;
    if !response.ok() {
        return Err(match lang {
            Lang::De => format!(
                "{url}: Der Server antwortet mit Fehler {} ({}).",
                response.status(),
                response.status_text()
            ),
            Lang::En => format!(
                "{url}: the server answers with error {} ({}).",
                response.status(),
                response.status_text()
            ),
        });
    }
    let buffer = JsFuture::from(
        response
            .array_buffer()
            .map_err(|_| format!("{url}: Inhalt nicht lesbar"))?,
    )
    .await
    .map_err(|_| format!("{url}: Inhalt nicht lesbar"))?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// The last path segment of a URL, for messages.
pub fn file_name(url: &str) -> String {
    let path = url.split(['?', '#']).next().unwrap_or(url);
    path.rsplit('/')
        .next()
        .filter(|s| !s.is_empty())
        .unwrap_or(path)
        .to_string()
}

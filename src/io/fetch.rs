//! Fetching data files named in the page address (`?geo=…&table=…`, `?data=…`).
//!
//! A failure without an HTTP status is almost always the other server refusing cross-origin
//! access (CORS); the message says so in plain words. Messages come in both languages
//! (German, English), like every message of the app.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// A message in German and English.
pub type Msg = (String, String);

fn both(url: &str, de: &str, en: &str) -> Msg {
    (format!("{url}: {de}"), format!("{url}: {en}"))
}

/// Fetches `url` (relative URLs are resolved against the page) and returns its bytes.
pub async fn bytes(url: &str) -> Result<Vec<u8>, Msg> {
    let window = web_sys::window().ok_or_else(|| both(url, "kein Fenster", "no window"))?;
    let response = JsFuture::from(window.fetch_with_str(url)).await.map_err(|_| {
        both(
            url,
            "Die Datei konnte nicht abgerufen werden. Liegt sie auf einem anderen Server, muss dieser den Abruf erlauben (CORS: Kopfzeile „Access-Control-Allow-Origin“). Alternativ die Datei herunterladen und hier hineinziehen.",
            "the file could not be fetched. If it is on another server, that server must allow it (CORS: header \"Access-Control-Allow-Origin\"). Alternatively download the file and drop it here.",
        )
    })?;
    let response: web_sys::Response = response
        .dyn_into()
        .map_err(|_| both(url, "keine Antwort", "no response"))?;
    if !response.ok() {
        let (s, t) = (response.status(), response.status_text());
        return Err(both(
            url,
            &format!("Der Server antwortet mit Fehler {s} ({t})."),
            &format!("the server answers with error {s} ({t})."),
        ));
    }
    let unreadable = || both(url, "Inhalt nicht lesbar", "content not readable");
    let buffer = JsFuture::from(response.array_buffer().map_err(|_| unreadable())?)
        .await
        .map_err(|_| unreadable())?;
    Ok(super::bytes::into_page(&js_sys::Uint8Array::new(&buffer)).await)
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

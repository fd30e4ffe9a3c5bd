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
    request(url).arrived().await?.bytes().await
}

/// A request sent: several can be under way at once (see [`request`]).
pub struct Requested {
    url: String,
    response: Result<js_sys::Promise, Msg>,
}

/// Sends the request for `url` now; its answer is awaited with [`Requested::arrived`].
pub fn request(url: &str) -> Requested {
    let response = match web_sys::window() {
        Some(w) => Ok(w.fetch_with_str(url)),
        None => Err(both(url, "kein Fenster", "no window")),
    };
    Requested {
        url: url.to_string(),
        response,
    }
}

/// An answer whose head arrived: its size, and its body on the way.
pub struct Arriving {
    url: String,
    /// The body's size in bytes, where the server says it (`Content-Length`).
    pub size: Option<f64>,
    body: Result<js_sys::Promise, wasm_bindgen::JsValue>,
}

impl Requested {
    /// Waits for the answer's head; the body is read from then on.
    pub async fn arrived(self) -> Result<Arriving, Msg> {
        let url = self.url.as_str();
        let response = JsFuture::from(self.response?).await.map_err(|_| {
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
        let size = response
            .headers()
            .get("content-length")
            .ok()
            .flatten()
            .and_then(|v| v.trim().parse::<u64>().ok())
            .map(|n| n as f64);
        Ok(Arriving {
            url: self.url,
            size,
            body: response.array_buffer(),
        })
    }
}

impl Arriving {
    /// The body's bytes, copied into the page's memory.
    pub async fn bytes(self) -> Result<Vec<u8>, Msg> {
        let url = self.url.as_str();
        let unreadable = || both(url, "Inhalt nicht lesbar", "content not readable");
        let buffer = JsFuture::from(self.body.map_err(|_| unreadable())?)
            .await
            .map_err(|_| unreadable())?;
        Ok(super::bytes::into_page(&js_sys::Uint8Array::new(&buffer)).await)
    }
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

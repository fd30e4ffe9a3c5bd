//! Reading files chosen in a file picker or dropped on the page.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// A file's name and bytes.
pub struct NamedBytes {
    /// File name as the user sees it.
    pub name: String,
    /// Content.
    pub bytes: Vec<u8>,
}

/// Reads a browser `File` completely; the message (German, English) names the file.
pub async fn read(file: &web_sys::File) -> Result<NamedBytes, crate::io::fetch::Msg> {
    let buffer = JsFuture::from(file.array_buffer()).await.map_err(|_| {
        (
            format!("{}: Datei konnte nicht gelesen werden.", file.name()),
            format!("{}: the file could not be read.", file.name()),
        )
    })?;
    let bytes = super::bytes::into_page(&js_sys::Uint8Array::new(&buffer)).await;
    Ok(NamedBytes {
        name: file.name(),
        bytes,
    })
}

/// All files of a `FileList`.
pub fn list(files: Option<web_sys::FileList>) -> Vec<web_sys::File> {
    let Some(files) = files else { return vec![] };
    (0..files.length()).filter_map(|i| files.get(i)).collect()
}

/// The files of a drop event.
pub fn dropped(ev: &web_sys::DragEvent) -> Vec<web_sys::File> {
    list(ev.data_transfer().and_then(|d| d.files()))
}

/// The files of an `<input type="file">` change event.
pub fn picked(ev: &web_sys::Event) -> Vec<web_sys::File> {
    let input = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok());
    let files = list(input.as_ref().and_then(|i| i.files()));
    // Emptied, so that choosing the same files again (after a cancelled or failed load, or
    // after editing them) is a change too.
    if let Some(i) = input {
        i.set_value("");
    }
    files
}

/// Reads the bytes `start..end` of a browser `File` (a slice; the rest stays on disk).
pub async fn read_slice(
    file: &web_sys::File,
    start: f64,
    end: f64,
) -> Result<Vec<u8>, crate::io::fetch::Msg> {
    let failed = || {
        (
            format!("{}: Datei konnte nicht gelesen werden.", file.name()),
            format!("{}: the file could not be read.", file.name()),
        )
    };
    let blob = file
        .slice_with_f64_and_f64(start, end)
        .map_err(|_| failed())?;
    let buffer = JsFuture::from(blob.array_buffer())
        .await
        .map_err(|_| failed())?;
    Ok(super::bytes::into_page(&js_sys::Uint8Array::new(&buffer)).await)
}

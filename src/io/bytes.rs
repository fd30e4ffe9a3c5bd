//! Moving large byte arrays between JavaScript and the page's wasm memory in parts, each part
//! its own task, so that a file of 100 MB does not hold the page for one long copy (the page
//! stays responsive and paints while a large file arrives or goes to the worker). The parts
//! yield with [`crate::task::soon`], which a hidden tab does not slow down.

use js_sys::Uint8Array;

/// Bytes copied per task: a few milliseconds of copying on a slow machine.
const PART: usize = 8 << 20;

/// Copies `js` into the page's memory, a part per task.
pub async fn into_page(js: &Uint8Array) -> Vec<u8> {
    let len = js.length() as usize;
    let mut out = Vec::with_capacity(len);
    while out.len() < len {
        if !out.is_empty() {
            crate::task::soon().await;
        }
        let (start, n) = (out.len(), PART.min(len - out.len()));
        out.resize(start + n, 0);
        js.subarray(start as u32, (start + n) as u32)
            .copy_to(&mut out[start..]);
    }
    out
}

/// Copies `bytes` out of the page's memory into a new JavaScript array (e.g. to transfer it to
/// a worker), a part per task.
pub async fn out_of_page(bytes: &[u8]) -> Uint8Array {
    let js = Uint8Array::new_with_length(bytes.len() as u32);
    for (i, part) in bytes.chunks(PART).enumerate() {
        if i > 0 {
            crate::task::soon().await;
        }
        let start = (i * PART) as u32;
        js.subarray(start, start + part.len() as u32)
            .copy_from(part);
    }
    js
}

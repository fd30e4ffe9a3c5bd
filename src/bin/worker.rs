//! The Web Worker: the same core, a second wasm module, reading large files off the page's
//! thread (`src/io/worker.rs` is the page's side and documents the messages).
//!
//! It receives one request, reads the map and the table with [`project::load`], and sends the
//! result in parts ([`transfer`]): the head, then the geometry, each part's bytes transferred,
//! not copied. The page terminates it when the load is done or cancelled.

use js_sys::{Object, Reflect, Uint8Array};
use sozialatlas_core::locale::Lang;
use sozialatlas_core::project::transfer::{self, Opened};
use sozialatlas_core::project::{self, DataSource, InputFile, Inputs, ReadSettings};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

fn main() {
    console_error_panic_hook::set_once();
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let on_message = {
        let scope = scope.clone();
        Closure::<dyn Fn(MessageEvent)>::new(move |e: MessageEvent| answer(&scope, &e.data()))
    };
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    // Messages sent before the module ran would be lost: the page waits for this one.
    post(&scope, message("ready", &[]), None);
}

/// A message `{kind, ...fields}`.
fn message(kind: &str, fields: &[(&str, JsValue)]) -> Object {
    let m = Object::new();
    let _ = Reflect::set(&m, &"kind".into(), &kind.into());
    for (k, v) in fields {
        let _ = Reflect::set(&m, &(*k).into(), v);
    }
    m
}

/// Posts `m`, transferring the buffer of `bytes` (it is not copied).
fn post(scope: &DedicatedWorkerGlobalScope, m: Object, bytes: Option<&Uint8Array>) {
    let _ = match bytes {
        Some(b) => {
            let list = js_sys::Array::of1(&b.buffer());
            scope.post_message_with_transfer(&m, &list)
        }
        None => scope.post_message(&m),
    };
}

fn field(m: &JsValue, name: &str) -> JsValue {
    Reflect::get(m, &name.into()).unwrap_or(JsValue::UNDEFINED)
}

/// A file of the request: `{name}Name` and `{name}` (a Uint8Array), `None` when absent.
fn file(m: &JsValue, name: &str) -> Option<InputFile> {
    let bytes = field(m, name).dyn_into::<Uint8Array>().ok()?;
    let shown = field(m, &format!("{name}Name"))
        .as_string()
        .unwrap_or_default();
    Some(InputFile::new(&shown, bytes.to_vec()))
}

fn now(scope: &DedicatedWorkerGlobalScope) -> f64 {
    scope
        .performance()
        .map_or(0.0, |p| p.time_origin() + p.now())
}

/// Answers a `load` request: `{kind: "load", map, mapName, table?, tableName?, read}` (`read`:
/// the read settings as JSON).
fn answer(scope: &DedicatedWorkerGlobalScope, m: &JsValue) {
    if field(m, "kind").as_string().as_deref() != Some("load") {
        return;
    }
    let read: ReadSettings = field(m, "read")
        .as_string()
        .and_then(|s| serde_json::from_str(&s).ok())
        .unwrap_or_default();
    let inputs = Inputs {
        source: DataSource::Files,
        map: file(m, "map"),
        table: file(m, "table"),
        points: vec![],
        read,
    };
    let start = now(scope);
    let loaded = project::load(&inputs, None);
    // The time of the read, in the page's clock (time origin + now), for `sa:parse-reproject-join`.
    let timing = [("start", start.into()), ("end", now(scope).into())];
    post(scope, message("measured", &timing), None);
    let opened = match loaded {
        Ok(l) => Opened::of(l),
        Err(e) => {
            let texts = [
                ("de", e.message(Lang::De).into()),
                ("en", e.message(Lang::En).into()),
            ];
            return post(scope, message("failed", &texts), None);
        }
    };
    let (head, parts) = transfer::encode(opened, transfer::UNITS_PER_PART);
    let send = |kind: &str, bytes: Vec<u8>| {
        let b = Uint8Array::from(bytes.as_slice());
        post(
            scope,
            message(kind, &[("bytes", b.clone().into())]),
            Some(&b),
        );
    };
    send("head", head);
    for p in parts {
        send("part", p);
    }
    post(scope, message("done", &[]), None);
}

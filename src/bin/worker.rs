//! The Web Worker: the same core, a second wasm module, doing the page's heavy work off its
//! thread (`src/io/worker.rs` is the page's side and documents the messages).
//!
//! It receives one request (and, for a load apart, the table it waits for): `load` reads the
//! map and the table with [`project::load`] and
//! sends the result in parts ([`transfer`]): the head, then each table column, then the
//! geometry, each part's bytes transferred, not copied. A large load reads its table in a
//! second worker at the same time (`read-table`, answered by the table read), which the page
//! hands to the first (`table`); `propose` computes a max-p proposal
//! ([`Job`]) and `typology` a typology ([`typology::Job`]), each with its progress.
//! The page terminates it when the job is done or cancelled.
//!
//! A worker started ahead of its job (while the data is still arriving) gets `prepare`: it
//! sets memory aside for the job in idle moments (see [`prepare`]).

use js_sys::{Object, Reflect, Uint8Array};
use sozialatlas_core::cluster::typology;
use sozialatlas_core::ingest::load::{MapRead, TableRead};
use sozialatlas_core::ingest::IngestError;
use sozialatlas_core::locale::Lang;
use sozialatlas_core::project::transfer::{self, Opened};
use sozialatlas_core::project::{self, DataSource, InputFile, Inputs, ReadSettings};
use sozialatlas_core::sozialraum::regionalize::Job;
use std::cell::RefCell;
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

/// Answers a request (`load`, `read-table`, `propose`, `typology`) or a table a load waits for
/// (`table`, `table-file`, `table-failed`).
fn answer(scope: &DedicatedWorkerGlobalScope, m: &JsValue) {
    let kind = field(m, "kind").as_string();
    if kind.as_deref() == Some("prepare") {
        let bytes = field(m, "bytes").as_f64().unwrap_or(0.0);
        return prepare(scope, bytes.max(0.0) as usize);
    }
    // The memory set aside is freed before the job allocates: the job finds it free, its
    // pages already given by the browser. A step still scheduled does nothing (its round is
    // over).
    let Reserve {
        blocks,
        target,
        start,
        ..
    } = RESERVE.with(|r| {
        let mut r = r.borrow_mut();
        let round = r.round.wrapping_add(1);
        std::mem::replace(
            &mut *r,
            Reserve {
                round,
                ..Reserve::default()
            },
        )
    });
    drop(blocks);
    if target > 0 {
        measured(scope, "worker-prepare", start);
    }
    match kind.as_deref() {
        Some("load") => load(scope, m),
        Some("read-table") => read_table(scope, m),
        Some("table") => table_arrived(scope, m, false),
        Some("table-file") => table_arrived(scope, m, true),
        Some("table-failed") => table_failed(scope, m),
        Some("propose") => propose(scope, m),
        Some("typology") => typology(scope, m),
        _ => {}
    }
}

/// Memory set aside while the worker waits for its job: blocks written once, so that the
/// browser has given their pages, freed when the job arrives. The job's allocations then find
/// them ready: a wasm memory grows by fresh pages, which the system gives on their first
/// write; in Chromium that cost a 100,000-unit load about a sixth of its read and join.
#[derive(Default)]
struct Reserve {
    blocks: Vec<Vec<u8>>,
    /// Bytes to set aside in all (the page caps it); 0 when done, stopped or none asked.
    target: usize,
    /// When setting aside started (time origin + now).
    start: f64,
    /// Counts the `prepare` requests: a step scheduled for an earlier one does nothing.
    round: u32,
}

thread_local! {
    static RESERVE: RefCell<Reserve> = RefCell::new(Reserve::default());
}

/// Set aside in blocks of this size, a step being some of them; freed, neighbouring blocks
/// join into one free region that the allocator hands out again.
const RESERVE_BLOCK: usize = 64 << 10;
/// Set aside per step (about 10 ms); a job's message waits at most one step.
const RESERVE_STEP: usize = 16 << 20;

/// `{kind: "prepare", bytes}`: sets `bytes` aside, one step at a time between messages; the
/// time it took is posted as `worker-prepare` when done (or when the job comes first, see
/// [`answer`]). A second `prepare` replaces the first.
fn prepare(scope: &DedicatedWorkerGlobalScope, bytes: usize) {
    let start = now(scope);
    let round = RESERVE.with(|r| {
        let mut r = r.borrow_mut();
        (r.target, r.start, r.round) = (bytes, start, r.round.wrapping_add(1));
        // Asked for less than before: what is beyond it is given back to the allocator.
        r.blocks.truncate(bytes.div_ceil(RESERVE_BLOCK));
        r.round
    });
    reserve_step(scope, round);
}

/// Sets one step aside and schedules the next, until the target is reached. Stops quietly
/// when the memory runs out (the job then allocates as it would have), a job came or a newer
/// `prepare` took over (`round`).
fn reserve_step(scope: &DedicatedWorkerGlobalScope, round: u32) {
    let (more, finished) = RESERVE.with(|r| {
        let mut r = r.borrow_mut();
        if r.round != round || r.target == 0 {
            return (false, None);
        }
        for _ in 0..RESERVE_STEP / RESERVE_BLOCK {
            let mut block = Vec::new();
            if r.blocks.len() * RESERVE_BLOCK >= r.target
                || block.try_reserve_exact(RESERVE_BLOCK).is_err()
            {
                r.target = 0;
                return (false, Some(r.start));
            }
            // Written, not only allocated: a zeroed allocation of fresh memory is not touched.
            block.resize(RESERVE_BLOCK, 1u8);
            r.blocks.push(block);
        }
        (true, None)
    });
    if let Some(start) = finished {
        measured(scope, "worker-prepare", start);
    }
    if more {
        let next = {
            let scope = scope.clone();
            Closure::once_into_js(move || reserve_step(&scope, round))
        };
        let _ =
            scope.set_timeout_with_callback_and_timeout_and_arguments_0(next.unchecked_ref(), 0);
    }
}

/// The bytes of the request's `bytes` field.
fn request_bytes(m: &JsValue) -> Vec<u8> {
    field(m, "bytes")
        .dyn_into::<Uint8Array>()
        .map(|b| b.to_vec())
        .unwrap_or_default()
}

/// Posts `kind` with `bytes` (transferred).
fn send(scope: &DedicatedWorkerGlobalScope, kind: &str, bytes: Vec<u8>) {
    let b = Uint8Array::from(bytes.as_slice());
    post(
        scope,
        message(kind, &[("bytes", b.clone().into())]),
        Some(&b),
    );
}

/// `{kind: "typology", bytes}`: a typology ([`typology::Job`]), with its progress about every
/// 100 ms, answered by the typology.
fn typology(scope: &DedicatedWorkerGlobalScope, m: &JsValue) {
    let start = now(scope);
    let job: typology::Job = match transfer::from_bytes(&request_bytes(m), 0) {
        Ok(j) => j,
        Err(e) => return failed(scope, e.message(Lang::De), e.message(Lang::En)),
    };
    let mut last = now(scope);
    let result = job.run(16, |share| {
        if now(scope) - last > 100.0 {
            last = now(scope);
            post(scope, message("progress", &[("share", share.into())]), None);
        }
    });
    measured(scope, "cluster-worker", start);
    send(scope, "typology", transfer::to_bytes(&result));
}

/// Posts the measure `sa:{name}` of work from `start` (time origin + now) until now.
fn measured(scope: &DedicatedWorkerGlobalScope, name: &str, start: f64) {
    let timing = [
        ("name", name.into()),
        ("start", start.into()),
        ("end", now(scope).into()),
    ];
    post(scope, message("measured", &timing), None);
}

fn failed(scope: &DedicatedWorkerGlobalScope, de: String, en: String) {
    post(
        scope,
        message("failed", &[("de", de.into()), ("en", en.into())]),
        None,
    );
}

/// `{kind: "propose", bytes}`: a max-p proposal ([`Job`]), with its progress about every
/// 100 ms, answered by its regions.
fn propose(scope: &DedicatedWorkerGlobalScope, m: &JsValue) {
    let start = now(scope);
    let job: Job = match transfer::from_bytes(&request_bytes(m), 0) {
        Ok(j) => j,
        Err(e) => return failed(scope, e.message(Lang::De), e.message(Lang::En)),
    };
    let mut proposal = match job.start() {
        Ok(p) => p,
        Err(e) => {
            let e = sozialatlas_core::project::derive::ProposalError::from(e);
            return failed(scope, e.message(Lang::De), e.message(Lang::En));
        }
    };
    let mut last = now(scope);
    while proposal.step() {
        if now(scope) - last > 100.0 {
            last = now(scope);
            let share = [("share", proposal.progress().into())];
            post(scope, message("progress", &share), None);
        }
    }
    let regions = proposal.finish();
    measured(scope, "propose-worker", start);
    send(scope, "regions", transfer::to_bytes(&regions));
}

/// The read settings of a request (`read`: JSON).
fn read_settings(m: &JsValue) -> ReadSettings {
    field(m, "read")
        .as_string()
        .and_then(|s| serde_json::from_str(&s).ok())
        .unwrap_or_default()
}

/// A map read while its table is read in another worker: the inputs, the map, and when its
/// reading started.
struct MapWaiting {
    inputs: Inputs,
    map: MapRead,
    start: f64,
}

thread_local! {
    static WAITING: RefCell<Option<MapWaiting>> = const { RefCell::new(None) };
}

/// `{kind: "load", map, mapName, table?, tableName?, apart?, read}`: the map and table read,
/// sent in parts. With `apart`, the table is read in another worker: the map is read and
/// waits for `table` (the table read, as bytes) or `table-file` (the table's file, read here).
fn load(scope: &DedicatedWorkerGlobalScope, m: &JsValue) {
    let inputs = Inputs {
        source: DataSource::Files,
        map: file(m, "map"),
        table: file(m, "table"),
        points: vec![],
        read: read_settings(m),
    };
    let start = now(scope);
    if field(m, "apart").as_bool() != Some(true) {
        let loaded = project::load(&inputs, None);
        measured(scope, "parse-reproject-join", start);
        return send_loaded(scope, loaded);
    }
    let Some(file) = inputs.map.as_ref() else {
        return missing(scope, "Karte", "map");
    };
    match project::read_map(file, &inputs.read) {
        Ok(map) => {
            measured(scope, "read-map", start);
            // Read: the join needs the map's name only, not its bytes.
            let mut inputs = inputs;
            inputs.map = inputs.map.map(|f| InputFile::new(&f.name, Vec::new()));
            WAITING.with(|w| *w.borrow_mut() = Some(MapWaiting { inputs, map, start }));
        }
        Err(e) => failed(scope, e.message(Lang::De), e.message(Lang::En)),
    }
}

/// `{kind: "table", bytes}` (the table read in another worker) or `{kind: "table-file", table,
/// tableName}` (its file, read here): the map waiting for it joined, sent in parts.
fn table_arrived(scope: &DedicatedWorkerGlobalScope, m: &JsValue, read_here: bool) {
    let Some(MapWaiting { inputs, map, start }) = WAITING.with(|w| w.borrow_mut().take()) else {
        return;
    };
    let arrived = now(scope);
    let table = match (read_here, file(m, "table")) {
        (true, Some(f)) => project::read_table(&f, &inputs.read).map(Some),
        (true, None) => return missing(scope, "Tabelle", "table"),
        (false, _) => match transfer::from_bytes::<TableRead>(&request_bytes(m), 0) {
            Ok(t) => Ok(Some(t)),
            Err(e) => return failed(scope, e.message(Lang::De), e.message(Lang::En)),
        },
    };
    let joining = now(scope);
    measured(scope, "table-taken", arrived);
    let loaded = table.and_then(|t| project::finish_load(inputs, map, t));
    measured(scope, "join", joining);
    measured(scope, "parse-reproject-join", start);
    send_loaded(scope, loaded);
}

/// `{kind: "read-table", table, tableName, read}`: the table read (for a map read in another
/// worker), answered by `table` (`bytes`: the table read).
fn read_table(scope: &DedicatedWorkerGlobalScope, m: &JsValue) {
    let start = now(scope);
    let Some(file) = file(m, "table") else {
        return missing(scope, "Tabelle", "table");
    };
    let read = project::read_table(&file, &read_settings(m));
    // The file's bytes go before the table is written for the other worker.
    drop(file);
    match read {
        Ok(t) => {
            measured(scope, "read-table", start);
            send(scope, "table", transfer::to_bytes(&t));
        }
        Err(e) => failed(scope, e.message(Lang::De), e.message(Lang::En)),
    }
}

/// `{kind: "table-failed", de, en}`: the table read in another worker could not be read; said
/// now that the map was read (a broken map is named first).
fn table_failed(scope: &DedicatedWorkerGlobalScope, m: &JsValue) {
    if WAITING.with(|w| w.borrow_mut().take()).is_some() {
        let text = |k| field(m, k).as_string().unwrap_or_default();
        failed(scope, text("de"), text("en"));
    }
}

/// A request without the file it needs (a defect of the page): said, so the load ends.
fn missing(scope: &DedicatedWorkerGlobalScope, de: &str, en: &str) {
    failed(
        scope,
        format!("Interner Fehler: Die {de} kam nicht im Hintergrund an. Bitte noch einmal laden."),
        format!("Internal error: the {en} did not reach the background reader. Please load again."),
    );
}

/// Sends what was loaded in parts (the head, then each part, then `done`), or what failed.
fn send_loaded(scope: &DedicatedWorkerGlobalScope, loaded: Result<project::Loaded, IngestError>) {
    let opened = match loaded {
        Ok(l) => Opened::of(l),
        Err(e) => return failed(scope, e.message(Lang::De), e.message(Lang::En)),
    };
    let (head, parts) = transfer::encode(opened, transfer::UNITS_PER_PART);
    send(scope, "head", head);
    for p in parts {
        send(scope, "part", p);
    }
    post(scope, message("done", &[]), None);
}

//! The page's side of the Web Worker (`src/bin/worker.rs`, a second wasm module of the same
//! core): large files are read there, so the page stays responsive, shows how far the load is
//! and can cancel it.
//!
//! The messages (plain objects with a `kind`):
//! - worker to page: `ready` (its module runs; only now is the request sent), `measured`
//!   (`start`, `end`: the read's time, time origin + now), `failed` (`de`, `en`: the reader's
//!   message), `head` and `part` (`bytes`: [`transfer`] parts, their buffers transferred),
//!   `done`;
//! - page to worker: `load` (`map`, `mapName`, `table`, `tableName`: the files' bytes,
//!   transferred; `read`: the read settings as JSON).
//!
//! One load runs at a time; a new one or [`cancel`] terminates the worker of the previous one,
//! and a worker is terminated when its load is done (its memory goes with it).

use js_sys::{Object, Reflect, Uint8Array};
use sozialatlas_core::project::transfer::{Assembly, Opened};
use sozialatlas_core::project::Inputs;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{MessageEvent, Worker};

/// The worker's loader script (Trunk's loader shim for the `sozialatlas-worker` binary).
const SCRIPT: &str = "./sozialatlas-worker_loader.js";

/// A message in German and English.
pub type Msg = (String, String);

/// How far a load running in the worker is.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Step {
    /// The worker reads and joins the files (their size in bytes).
    Reading(f64),
    /// The units arrived in the page so far, of all.
    Receiving(usize, usize),
}

/// How a load in the worker ended.
pub enum Outcome {
    /// Read and received whole.
    Read(Opened),
    /// The files could not be read: the reader's message.
    Failed(Msg),
    /// No worker here (e.g. the offline file opened from the disk): read in the page instead.
    Unavailable,
}

/// The end of a load, called once.
type Once = Rc<RefCell<Option<Box<dyn FnOnce(Outcome)>>>>;

/// The running load: its worker and the callbacks it keeps alive.
struct Running {
    worker: Worker,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
    _on_error: Closure<dyn FnMut(web_sys::Event)>,
}

thread_local! {
    static RUNNING: RefCell<Option<Running>> = const { RefCell::new(None) };
}

/// True while a load runs in the worker.
pub fn busy() -> bool {
    RUNNING.with(|r| r.borrow().is_some())
}

/// Stops the running load, if any; nothing it read reaches the page.
pub fn cancel() {
    if let Some(r) = RUNNING.with(|r| r.borrow_mut().take()) {
        r.worker.terminate();
        // Called from its own message handler too: the handler is dropped after it returned.
        wasm_bindgen_futures::spawn_local(async move { drop(r) });
    }
}

fn field(m: &JsValue, name: &str) -> JsValue {
    Reflect::get(m, &name.into()).unwrap_or(JsValue::UNDEFINED)
}

/// Reads the map and table of `inputs` (their read settings included; point layers are the
/// caller's) in a worker. `progress` is called as it advances, `done` once at the end (not
/// after [`cancel`]).
pub fn read(
    inputs: &Inputs,
    progress: impl Fn(Step) + 'static,
    done: impl FnOnce(Outcome) + 'static,
) {
    cancel();
    let done: Once = Rc::new(RefCell::new(Some(Box::new(done))));
    let worker = match Worker::new(SCRIPT) {
        Ok(w) => w,
        Err(_) => {
            if let Some(d) = done.borrow_mut().take() {
                d(Outcome::Unavailable);
            }
            return;
        }
    };
    // Ends the load: the worker goes, `done` is called once.
    let finish = {
        let done = done.clone();
        move |o: Outcome| {
            cancel();
            if let Some(d) = done.borrow_mut().take() {
                d(o);
            }
        }
    };
    let request = request(inputs);
    let size: f64 = [&inputs.map, &inputs.table]
        .iter()
        .filter_map(|f| f.as_ref().map(|f| f.bytes.len() as f64))
        .sum();
    let mut assembly: Option<Assembly> = None;
    let ready = Rc::new(std::cell::Cell::new(false));
    let on_message = {
        let worker = worker.clone();
        let ready = ready.clone();
        let finish = finish.clone();
        Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| {
            let m = e.data();
            let kind = field(&m, "kind").as_string().unwrap_or_default();
            let bytes = || {
                field(&m, "bytes")
                    .dyn_into::<Uint8Array>()
                    .map(|b| b.to_vec())
                    .unwrap_or_default()
            };
            match kind.as_str() {
                "ready" if !ready.get() => {
                    ready.set(true);
                    let (message, transfer) = &request;
                    if worker
                        .post_message_with_transfer(message, transfer)
                        .is_err()
                    {
                        finish(Outcome::Unavailable);
                        return;
                    }
                    progress(Step::Reading(size));
                }
                "measured" => {
                    let (s, e) = (field(&m, "start"), field(&m, "end"));
                    if let (Some(s), Some(e)) = (s.as_f64(), e.as_f64()) {
                        super::perf::measure_between("parse-reproject-join", s, e);
                    }
                }
                "failed" => {
                    let text = |k| field(&m, k).as_string().unwrap_or_default();
                    finish(Outcome::Failed((text("de"), text("en"))));
                }
                "head" => match Assembly::start(&bytes()) {
                    Ok(a) => {
                        progress(Step::Receiving(0, a.expected()));
                        assembly = Some(a);
                    }
                    Err(e) => finish(Outcome::Failed(messages(&e))),
                },
                "part" => {
                    let Some(a) = assembly.as_mut() else { return };
                    match a.add(&bytes()) {
                        Ok(n) => progress(Step::Receiving(n, a.expected())),
                        Err(e) => finish(Outcome::Failed(messages(&e))),
                    }
                }
                "done" => match assembly.take().map(Assembly::finish) {
                    Some(Ok(opened)) => finish(Outcome::Read(opened)),
                    Some(Err(e)) => finish(Outcome::Failed(messages(&e))),
                    None => finish(Outcome::Unavailable),
                },
                _ => {}
            }
        })
    };
    // The script missing or failing to start (before `ready`): read in the page. A failure
    // while reading is a defect: said, and what is shown stays.
    let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(move |_e: web_sys::Event| {
        finish(match ready.get() {
            false => Outcome::Unavailable,
            true => Outcome::Failed((
                "Beim Lesen der Dateien ist ein interner Fehler aufgetreten. Bitte die Dateien noch einmal laden; das Gezeigte bleibt.".into(),
                "An internal error occurred while reading the files. Please load them again; what is shown stays.".into(),
            )),
        })
    });
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    RUNNING.with(|r| {
        *r.borrow_mut() = Some(Running {
            worker,
            _on_message: on_message,
            _on_error: on_error,
        })
    });
}

fn messages(e: &sozialatlas_core::project::transfer::TransferError) -> Msg {
    use sozialatlas_core::locale::Lang;
    (e.message(Lang::De), e.message(Lang::En))
}

/// The `load` request for `inputs` and the buffers it transfers.
fn request(inputs: &Inputs) -> (Object, js_sys::Array) {
    let m = Object::new();
    let transfer = js_sys::Array::new();
    let _ = Reflect::set(&m, &"kind".into(), &"load".into());
    for (name, file) in [("map", &inputs.map), ("table", &inputs.table)] {
        if let Some(f) = file {
            let bytes = Uint8Array::from(f.bytes.as_slice());
            transfer.push(&bytes.buffer());
            let _ = Reflect::set(&m, &name.into(), &bytes);
            let _ = Reflect::set(&m, &format!("{name}Name").into(), &f.name.as_str().into());
        }
    }
    let read = serde_json::to_string(&inputs.read).unwrap_or_default();
    let _ = Reflect::set(&m, &"read".into(), &read.into());
    (m, transfer)
}

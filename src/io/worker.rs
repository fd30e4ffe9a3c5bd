//! The page's side of the Web Worker (`src/bin/worker.rs`, a second wasm module of the same
//! core): large files are read there, so the page stays responsive, shows how far the load is
//! and can cancel it.
//!
//! The messages (plain objects with a `kind`):
//! - worker to page: `ready` (its module runs; only now is the request sent), `measured`
//!   (`name`, `start`, `end`: a measure of its work, in time origin + now), `failed` (`de`, `en`: the reader's
//!   message), `head` and `part` (`bytes`: [`transfer`] parts, their buffers transferred),
//!   `done`;
//! - page to worker: `load` (`map`, `mapName`, `table`, `tableName`: the files' bytes,
//!   transferred; `read`: the read settings as JSON).
//!
//!   A worker started ahead of its job ([`warm`]) gets `prepare` (`bytes`) once it is ready:
//!   it sets that much memory aside until its job comes, and posts `measured`
//!   (`worker-prepare`) when done.
//!
//!   A map with a table is read by two workers at once: the first gets `load` with the map
//!   only and `apart`, the second `read-table` (`table`, `tableName`, `read`), answered by
//!   `table` (`bytes`: the table read) or `failed`; the page hands `table` (or
//!   `table-failed` with the message) to the first, which joins and answers as above (where
//!   no second worker starts, the first gets `table-file` and reads the file itself).
//!
//!   A proposal: `propose` (`bytes`: the [`proposal::Job`]) answered by `progress` (`share`)
//!   and `regions` (`bytes`) or `failed`. A typology: `typology` (`bytes`: the
//!   [`typology::Job`]) answered by `progress` and `typology` (`bytes`) or `failed`.
//!
//! One job of each kind runs at a time (a load in two workers); a new one or [`cancel`]
//! terminates the workers of the previous one, and a worker is terminated when its job is done
//! (its memory goes with it).

use js_sys::{Object, Reflect, Uint8Array};
use sozialatlas_core::cluster::typology::{self, Typology};
use sozialatlas_core::project::transfer::{from_bytes, to_bytes, Assembly, Opened, TransferError};
use sozialatlas_core::project::Inputs;
use sozialatlas_core::sozialraum::regionalize::{self as proposal, Regions};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{MessageEvent, Worker};

/// The worker's loader script (Trunk's loader shim for the `sozialatlas-worker` binary).
const SCRIPT: &str = "./sozialatlas-worker_loader.js";

/// Maps and tables of more bytes than this (together) are read in the worker. Smaller ones
/// are read in the page: Berlin's 542 Planungsräume (5 MB) take about 0.2 s there, less than
/// a worker needs to start (fetching and compiling its module, whose code is at first the
/// browser's quick baseline compilation).
pub const WORKER_ABOVE: usize = 8_000_000;

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

/// The end of a job, called once.
type Once<T> = Rc<RefCell<Option<Box<dyn FnOnce(T)>>>>;

fn once<T: 'static>(f: impl FnOnce(T) + 'static) -> Once<T> {
    Rc::new(RefCell::new(Some(Box::new(f))))
}

fn call<T>(once: &Once<T>, value: T) {
    if let Some(f) = once.borrow_mut().take() {
        f(value);
    }
}

/// What runs in a worker; one job of each at a time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Job {
    /// Reading a map and a table.
    Load,
    /// Reading the table of a load, beside its map (stopped with the load).
    LoadTable,
    /// A max-p proposal.
    Propose,
    /// A typology.
    Typology,
}

/// A running job: its worker and the callbacks it keeps alive.
struct Running {
    job: Job,
    worker: Worker,
    /// Its module runs and has its request.
    ready: Rc<std::cell::Cell<bool>>,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
    _on_error: Closure<dyn FnMut(web_sys::Event)>,
}

/// The job a worker started ahead is meant for (see [`warm`]): it sets memory aside for it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Ahead {
    /// Reading the map (and joining the table).
    Map,
    /// Reading the table beside it.
    Table,
}

/// A worker started ahead of its job (see [`warm`]).
struct Spare {
    worker: Worker,
    /// The job it is meant for; another job takes it when there is none for that one.
    ahead: Ahead,
    ready: Rc<std::cell::Cell<bool>>,
    failed: Rc<std::cell::Cell<bool>>,
    /// The bytes it sets aside once it runs.
    reserve: Rc<std::cell::Cell<f64>>,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
    _on_error: Closure<dyn FnMut(web_sys::Event)>,
}

/// A worker's handlers go with their callbacks: a message already on its way from a worker
/// that was terminated finds no handler (not one that was dropped).
fn unhook(worker: &Worker) {
    worker.set_onmessage(None);
    worker.set_onerror(None);
}

impl Drop for Running {
    fn drop(&mut self) {
        unhook(&self.worker);
    }
}

impl Drop for Spare {
    fn drop(&mut self) {
        unhook(&self.worker);
    }
}

thread_local! {
    static RUNNING: RefCell<Vec<Running>> = const { RefCell::new(Vec::new()) };
    static SPARE: RefCell<Vec<Spare>> = const { RefCell::new(Vec::new()) };
    /// Counts the loads asked for and cancelled: a load whose files are still being copied
    /// for the worker starts only if no newer load or cancel came meanwhile.
    static LOADS: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
    /// Messages for the load's worker that came before it was ready (its table, read by the
    /// second worker): posted after its request.
    static HELD: RefCell<Vec<(Object, js_sys::Array)>> = const { RefCell::new(Vec::new()) };
}

/// Starts the workers of a load ahead of their job (a load reads its map in one and its table
/// in the other), so that their module is fetched and compiled while the data is still
/// arriving (a link's files, files being read): the next jobs take them. `map` and `table` are
/// the files' sizes in bytes, 0 where not known (`table` `None`: no table); nothing starts
/// when together they are not above [`WORKER_ABOVE`] (they are read in the page). Each
/// worker sets memory aside for its job meanwhile ([`reserve_for`]; none where the size is
/// not known). A worker already waiting for that job is told the new size; does nothing more
/// when no worker can start.
pub fn warm(map: f64, table: Option<f64>) {
    if map + table.unwrap_or(0.0) <= WORKER_ABOVE as f64 {
        return;
    }
    for (ahead, bytes) in [(Ahead::Map, Some(map)), (Ahead::Table, table)] {
        let Some(bytes) = bytes else {
            continue;
        };
        let reserve = reserve_for(ahead, bytes);
        let waiting = SPARE.with(|s| {
            let s = s.borrow();
            let x = s.iter().find(|x| x.ahead == ahead)?;
            x.reserve.set(reserve);
            if x.ready.get() {
                prepare(&x.worker, reserve);
            }
            Some(())
        });
        if waiting.is_none() && !warm_one(ahead, reserve) {
            return;
        }
    }
}

/// The memory a worker sets aside for its job on a file of `bytes`, at most 384 MB (the one
/// cap; the worker takes what it is asked, as far as memory allows). Measured in Chromium on
/// 100,160 units: reading the 68 MB map takes 175 MB, taking the table over and joining it
/// 217 MB; reading the 24 MB table 185 MB. The map's worker sets aside what its whole job
/// needs (taking the table over found fresh pages otherwise: 40 to 50 ms more), the table's
/// what its read needs: both run at once, and the tab's memory peaks then.
pub fn reserve_for(ahead: Ahead, bytes: f64) -> f64 {
    let per_byte = match ahead {
        Ahead::Map => 3.25,
        Ahead::Table => 7.5,
    };
    (per_byte * bytes).min(384e6)
}

/// Asks a waiting worker to set `bytes` aside (`prepare`).
fn prepare(worker: &Worker, bytes: f64) {
    let m = Object::new();
    let _ = Reflect::set(&m, &"kind".into(), &"prepare".into());
    let _ = Reflect::set(&m, &"bytes".into(), &bytes.into());
    let _ = worker.post_message(&m);
}

/// Starts one worker ahead of its job (`ahead`), to set `reserve` bytes aside once it runs;
/// false when none can start.
fn warm_one(ahead: Ahead, reserve: f64) -> bool {
    let Ok(worker) = Worker::new(SCRIPT) else {
        return false;
    };
    let ready = Rc::new(std::cell::Cell::new(false));
    let failed = Rc::new(std::cell::Cell::new(false));
    let reserve = Rc::new(std::cell::Cell::new(reserve));
    let on_message = {
        let (ready, reserve, worker) = (ready.clone(), reserve.clone(), worker.clone());
        Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| {
            let m = e.data();
            match text(&m, "kind").as_str() {
                "ready" => {
                    ready.set(true);
                    prepare(&worker, reserve.get());
                }
                "measured" => measured(&m),
                _ => {}
            }
        })
    };
    let on_error = {
        let failed = failed.clone();
        Closure::<dyn FnMut(web_sys::Event)>::new(move |_e: web_sys::Event| failed.set(true))
    };
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    SPARE.with(|s| {
        s.borrow_mut().push(Spare {
            worker,
            ahead,
            ready,
            failed,
            reserve,
            _on_message: on_message,
            _on_error: on_error,
        })
    });
    true
}

/// Which of the workers started ahead (`waiting`: what each is meant for, and whether its
/// module runs already) `job` takes: the one meant for it, else one whose module runs
/// already, else the oldest; `None` when none waits.
pub fn pick(waiting: &[(Ahead, bool)], job: Job) -> Option<usize> {
    let meant = match job {
        Job::Load => Some(Ahead::Map),
        Job::LoadTable => Some(Ahead::Table),
        Job::Propose | Job::Typology => None,
    };
    waiting
        .iter()
        .position(|&(ahead, _)| Some(ahead) == meant)
        .or_else(|| waiting.iter().position(|&(_, ready)| ready))
        .or((!waiting.is_empty()).then_some(0))
}

/// Terminates the workers started ahead that no job took (a load read in the page or failing,
/// files counted as a table that were none, e.g. a point layer dropped with the map), which
/// would keep the memory they set aside.
pub fn drop_spares() {
    for x in SPARE.with(|s| std::mem::take(&mut *s.borrow_mut())) {
        unhook(&x.worker);
        x.worker.terminate();
    }
}

/// Stops `job`, if it runs; nothing it computed reaches the page. A load is stopped whole:
/// both its workers (cancelling [`Job::LoadTable`] cancels its load), and a load whose files
/// are still being copied for the workers does not start.
pub fn cancel(job: Job) {
    let job = match job {
        Job::LoadTable => Job::Load,
        other => other,
    };
    if job == Job::Load {
        // Every load asked for before (still being copied for the workers) is dropped.
        LOADS.with(|l| l.set(l.get() + 1));
        HELD.with(|h| h.borrow_mut().clear());
    }
    stop(job);
}

/// Terminates the workers of `job` (a load's both), e.g. when it is done.
fn stop(job: Job) {
    let stopped: Vec<Running> = RUNNING.with(|r| {
        let mut r = r.borrow_mut();
        let (stop, keep) = r
            .drain(..)
            .partition(|x| x.job == job || (job == Job::Load && x.job == Job::LoadTable));
        *r = keep;
        stop
    });
    for r in &stopped {
        unhook(&r.worker);
        r.worker.terminate();
    }
    if !stopped.is_empty() {
        // Called from its own message handler too: the handler is dropped after it returned.
        wasm_bindgen_futures::spawn_local(async move { drop(stopped) });
    }
}

fn field(m: &JsValue, name: &str) -> JsValue {
    Reflect::get(m, &name.into()).unwrap_or(JsValue::UNDEFINED)
}

fn text(m: &JsValue, name: &str) -> String {
    field(m, name).as_string().unwrap_or_default()
}

/// The bytes of a message's `bytes` field, copied into the page's memory.
fn bytes(m: &JsValue) -> Vec<u8> {
    field(m, "bytes")
        .dyn_into::<Uint8Array>()
        .map(|b| b.to_vec())
        .unwrap_or_default()
}

/// Starts a worker for `job` (stopping the previous one): `request` is posted, its buffers
/// transferred, once the worker is ready; `handle` gets every later message (its kind and the
/// message) and returns true when the job is over (the worker is then terminated). `gone` is
/// called when the worker cannot start (`false`: do the work here) or fails while working
/// (`true`).
fn spawn(
    job: Job,
    request: (Object, js_sys::Array),
    mut handle: impl FnMut(&str, &JsValue) -> bool + 'static,
    gone: impl FnOnce(bool) + 'static,
) {
    stop(job);
    let gone = once(gone);
    // The worker started ahead (see [`warm`]), or a new one.
    // A spare that failed to start is dropped; when only such were there, no worker starts.
    let (spare, failed) = SPARE.with(|s| {
        let mut s = s.borrow_mut();
        let failed = s.iter().any(|x| x.failed.get());
        s.iter()
            .filter(|x| x.failed.get())
            .for_each(|x| x.worker.terminate());
        s.retain(|x| !x.failed.get());
        let waiting: Vec<(Ahead, bool)> = s.iter().map(|x| (x.ahead, x.ready.get())).collect();
        (pick(&waiting, job).map(|i| s.remove(i)), failed)
    });
    // The spare is dropped here (its handlers removed), before this job's are set below.
    let (worker, was_ready) = match spare {
        Some(s) => (s.worker.clone(), s.ready.get()),
        None if failed => return call(&gone, false),
        None => match Worker::new(SCRIPT) {
            Ok(w) => (w, false),
            Err(_) => return call(&gone, false),
        },
    };
    let ready = Rc::new(std::cell::Cell::new(false));
    let (request_now, gone_now) = (request.clone(), gone.clone());
    let on_message = {
        let (worker, ready, gone) = (worker.clone(), ready.clone(), gone.clone());
        Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| {
            let m = e.data();
            let kind = text(&m, "kind");
            if kind == "ready" {
                if !ready.replace(true) {
                    if worker
                        .post_message_with_transfer(&request.0, &request.1)
                        .is_err()
                    {
                        stop(job);
                        call(&gone, false);
                    } else if job == Job::Load {
                        for (m, transfer) in HELD.with(|h| std::mem::take(&mut *h.borrow_mut())) {
                            let _ = worker.post_message_with_transfer(&m, &transfer);
                        }
                    }
                }
                return;
            }
            if kind == "measured" {
                return measured(&m);
            }
            if handle(&kind, &m) {
                stop(job);
            }
        })
    };
    // The script missing or failing to start (before `ready`): the work is done here. A
    // failure while working is a defect: said, and what is shown stays.
    let on_error = {
        let ready = ready.clone();
        Closure::<dyn FnMut(web_sys::Event)>::new(move |_e: web_sys::Event| {
            stop(job);
            call(&gone, ready.get());
        })
    };
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    // A worker started ahead and already running: its `ready` went to the spare's handler.
    if was_ready {
        ready.set(true);
        if worker
            .post_message_with_transfer(&request_now.0, &request_now.1)
            .is_err()
        {
            // Its callbacks go now: the worker goes with them.
            unhook(&worker);
            worker.terminate();
            return call(&gone_now, false);
        }
    }
    RUNNING.with(|r| {
        r.borrow_mut().push(Running {
            job,
            worker,
            ready,
            _on_message: on_message,
            _on_error: on_error,
        })
    });
}

/// Records a worker's `measured` message (`name`, `start`, `end`) like the page's own measures.
fn measured(m: &JsValue) {
    let (s, e) = (field(m, "start"), field(m, "end"));
    if let (Some(s), Some(e)) = (s.as_f64(), e.as_f64()) {
        super::perf::measure_between(&text(m, "name"), s, e);
    }
}

/// The message of a worker that failed while working.
fn crashed() -> Msg {
    (
        "Bei der Berechnung ist ein interner Fehler aufgetreten. Bitte noch einmal versuchen; das Gezeigte bleibt.".into(),
        "An internal error occurred in the computation. Please try again; what is shown stays.".into(),
    )
}

fn messages(e: &TransferError) -> Msg {
    use sozialatlas_core::locale::Lang;
    (e.message(Lang::De), e.message(Lang::En))
}

/// Reads the map and table of `inputs` (their read settings included; point layers are the
/// caller's) in a worker. `progress` is called as it advances, `done` once at the end (not
/// after [`cancel`] or a newer load, also while the files are still being copied for the
/// worker).
pub fn read(
    inputs: &Inputs,
    progress: impl Fn(Step) + 'static,
    done: impl FnOnce(Outcome) + 'static,
) {
    let done = once(done);
    let size: f64 = [&inputs.map, &inputs.table]
        .iter()
        .filter_map(|f| f.as_ref().map(|f| f.bytes.len() as f64))
        .sum();
    let mut assembly: Option<Assembly> = None;
    progress(Step::Reading(size));
    let handle = {
        let done = done.clone();
        move |kind: &str, m: &JsValue| -> bool {
            let outcome = match kind {
                "failed" => Outcome::Failed((text(m, "de"), text(m, "en"))),
                "head" => match Assembly::start(&bytes(m)) {
                    Ok(a) => {
                        progress(Step::Receiving(0, a.expected()));
                        assembly = Some(a);
                        return false;
                    }
                    Err(e) => Outcome::Failed(messages(&e)),
                },
                "part" => {
                    let Some(a) = assembly.as_mut() else {
                        return false;
                    };
                    match a.add(&bytes(m)) {
                        Ok(n) => {
                            progress(Step::Receiving(n, a.expected()));
                            return false;
                        }
                        Err(e) => Outcome::Failed(messages(&e)),
                    }
                }
                "done" => match assembly.take().map(Assembly::finish) {
                    Some(Ok(opened)) => Outcome::Read(opened),
                    Some(Err(e)) => Outcome::Failed(messages(&e)),
                    None => Outcome::Unavailable,
                },
                _ => return false,
            };
            call(&done, outcome);
            true
        }
    };
    let gone = {
        let done = done.clone();
        move |working: bool| {
            call(
                &done,
                match working {
                    false => Outcome::Unavailable,
                    true => Outcome::Failed(crashed()),
                },
            )
        }
    };
    // The files are copied for the workers in parts (100 MB in one copy would hold the page).
    // A map with a table: the table is read in a second worker at the same time, and handed
    // to the first when read.
    // The previous load stops now (its end could otherwise come while these files are copied).
    cancel(Job::Load);
    let ticket = LOADS.with(|l| l.get());
    let inputs = inputs.clone();
    wasm_bindgen_futures::spawn_local(async move {
        let apart = inputs.map.is_some() && inputs.table.is_some();
        let (map, table) = match apart {
            true => {
                let map = request(
                    &Inputs {
                        table: None,
                        ..inputs.clone()
                    },
                    "load",
                )
                .await;
                let _ = Reflect::set(&map.0, &"apart".into(), &true.into());
                let table = request(
                    &Inputs {
                        map: None,
                        ..inputs
                    },
                    "read-table",
                )
                .await;
                (map, Some(table))
            }
            false => (request(&inputs, "load").await, None),
        };
        if LOADS.with(|l| l.get()) != ticket {
            return;
        }
        spawn(Job::Load, map, handle, gone);
        let loading = RUNNING.with(|r| r.borrow().iter().any(|x| x.job == Job::Load));
        if let (Some(table), true) = (table, loading) {
            read_table_apart(table, done);
        }
        drop_spares();
    });
}

/// Reads the table of a load in a second worker (`request`: its `read-table` request) and
/// hands what it read to the load's worker (`table`); where no second worker starts, the
/// load's worker reads the file itself (`table-file`). A table that cannot be read is handed
/// over as its message (`table-failed`): the load's worker says it after reading the map, so
/// that a broken map is named first, as when both are read in one place.
fn read_table_apart(request: (Object, js_sys::Array), done: Once<Outcome>) {
    let file = (field(&request.0, "table"), field(&request.0, "tableName"));
    let handle = move |kind: &str, m: &JsValue| -> bool {
        match kind {
            "table" => {
                let bytes = field(m, "bytes");
                to_load("table", &[("bytes", &bytes)], Some(&bytes));
                true
            }
            "failed" => {
                let (de, en) = (field(m, "de"), field(m, "en"));
                to_load("table-failed", &[("de", &de), ("en", &en)], None);
                true
            }
            _ => false,
        }
    };
    let gone = move |working: bool| match working {
        false => to_load(
            "table-file",
            &[("table", &file.0), ("tableName", &file.1)],
            Some(&file.0),
        ),
        true => {
            stop(Job::Load);
            call(&done, Outcome::Failed(crashed()));
        }
    };
    spawn(Job::LoadTable, request, handle, gone);
}

/// Posts `{kind, ...fields}` to the worker of the running load, transferring the buffer of
/// `bytes` (a `Uint8Array`), if given.
fn to_load(kind: &str, fields: &[(&str, &JsValue)], bytes: Option<&JsValue>) {
    let m = Object::new();
    let _ = Reflect::set(&m, &"kind".into(), &kind.into());
    for (k, v) in fields {
        let _ = Reflect::set(&m, &(*k).into(), v);
    }
    let transfer = js_sys::Array::new();
    if let Some(b) = bytes {
        transfer.push(&Reflect::get(b, &"buffer".into()).unwrap_or(JsValue::UNDEFINED));
    }
    RUNNING.with(|r| {
        let r = r.borrow();
        let Some(load) = r.iter().find(|x| x.job == Job::Load) else {
            return;
        };
        // Before its `ready`, the worker would lose it: held until its request is posted.
        if load.ready.get() {
            let _ = load.worker.post_message_with_transfer(&m, &transfer);
        } else {
            HELD.with(|h| h.borrow_mut().push((m, transfer)));
        }
    });
}

/// The request `kind` for the files of `inputs` and the buffers it transfers.
async fn request(inputs: &Inputs, kind: &str) -> (Object, js_sys::Array) {
    let m = Object::new();
    let transfer = js_sys::Array::new();
    let _ = Reflect::set(&m, &"kind".into(), &kind.into());
    for (name, file) in [("map", &inputs.map), ("table", &inputs.table)] {
        if let Some(f) = file {
            let bytes = super::bytes::out_of_page(&f.bytes).await;
            transfer.push(&bytes.buffer());
            let _ = Reflect::set(&m, &name.into(), &bytes);
            let _ = Reflect::set(&m, &format!("{name}Name").into(), &f.name.as_str().into());
        }
    }
    let read = serde_json::to_string(&inputs.read).unwrap_or_default();
    let _ = Reflect::set(&m, &"read".into(), &read.into());
    (m, transfer)
}

/// How a computation in the worker ended.
pub enum Computed<R, J> {
    /// Its result.
    Done(R),
    /// It could not start (the core's message) or failed.
    Failed(Msg),
    /// No worker here: compute it in the page (the job given back).
    Unavailable(J),
}

/// How a proposal in the worker ended.
pub type Proposed = Computed<Regions, proposal::Job>;

/// How a typology in the worker ended.
pub type Typed = Computed<Typology, typology::Job>;

/// Computes a max-p proposal in a worker: `progress` gets the share done (0..1), `done` the
/// regions once (not after [`cancel`]).
pub fn propose(
    job: proposal::Job,
    progress: impl Fn(f64) + 'static,
    done: impl FnOnce(Proposed) + 'static,
) {
    compute(Job::Propose, ("propose", "regions"), job, progress, done);
}

/// Computes a typology in a worker: `progress` gets the share of Ward's merges done (0..1),
/// `done` the typology once (not after [`cancel`]).
pub fn typology(
    job: typology::Job,
    progress: impl Fn(f64) + 'static,
    done: impl FnOnce(Typed) + 'static,
) {
    compute(Job::Typology, ("typology", "typology"), job, progress, done);
}

/// Sends `job` as the request `kinds.0`; the worker answers with `progress` (`share`) and
/// `kinds.1` (`bytes`: the result) or `failed`.
fn compute<J, R>(
    which: Job,
    kinds: (&'static str, &'static str),
    job: J,
    progress: impl Fn(f64) + 'static,
    done: impl FnOnce(Computed<R, J>) + 'static,
) where
    J: serde::Serialize + 'static,
    R: serde::de::DeserializeOwned + 'static,
{
    let done = once(done);
    let handle = {
        let done = done.clone();
        move |kind: &str, m: &JsValue| -> bool {
            let outcome = match kind {
                "progress" => {
                    progress(field(m, "share").as_f64().unwrap_or(0.0));
                    return false;
                }
                "failed" => Computed::Failed((text(m, "de"), text(m, "en"))),
                k if k == kinds.1 => match from_bytes::<R>(&bytes(m), 1) {
                    Ok(r) => Computed::Done(r),
                    Err(e) => Computed::Failed(messages(&e)),
                },
                _ => return false,
            };
            call(&done, outcome);
            true
        }
    };
    let m = Object::new();
    let _ = Reflect::set(&m, &"kind".into(), &kinds.0.into());
    let b = Uint8Array::from(to_bytes(&job).as_slice());
    let gone = move |working: bool| {
        call(
            &done,
            match working {
                false => Computed::Unavailable(job),
                true => Computed::Failed(crashed()),
            },
        )
    };
    let _ = Reflect::set(&m, &"bytes".into(), &b);
    spawn(which, (m, js_sys::Array::of1(&b.buffer())), handle, gone);
}

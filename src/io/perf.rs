//! Performance marks for the timed browser benchmark (`bench/browser.mjs` reads them with
//! `performance.getEntriesByType("measure")`). Names start with `sa:`.

/// `performance.now()` in milliseconds (0 where there is no `performance`).
pub fn now() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

/// Records a measure `sa:{name}` from `start` (a [`now`] value) to now.
pub fn measure_since(name: &str, start: f64) {
    // `performance.measure(name, {start, end})` (User Timing Level 3); web-sys has no binding
    // for the options form, so it is called through js-sys.
    let Some(p) = web_sys::window().and_then(|w| w.performance()) else {
        return;
    };
    record(&p, name, start, p.now());
}

/// Records a measure `sa:{name}` of work done elsewhere (a worker): `start` and `end` in
/// absolute time (time origin + `performance.now()`).
pub fn measure_between(name: &str, start: f64, end: f64) {
    let Some(p) = web_sys::window().and_then(|w| w.performance()) else {
        return;
    };
    let origin = p.time_origin();
    record(&p, name, start - origin, end - origin);
}

fn record(p: &web_sys::Performance, name: &str, start: f64, end: f64) {
    use wasm_bindgen::JsCast;
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &"start".into(), &start.into());
    let _ = js_sys::Reflect::set(&options, &"end".into(), &end.into());
    if let Ok(f) = js_sys::Reflect::get(p, &"measure".into()) {
        if let Ok(f) = f.dyn_into::<js_sys::Function>() {
            let _ = f.call2(p, &format!("sa:{name}").into(), &options);
        }
    }
}

/// Runs `f` and records its duration as `sa:{name}`.
pub fn time<T>(name: &str, f: impl FnOnce() -> T) -> T {
    let start = now();
    let out = f();
    measure_since(name, start);
    out
}

/// Records `sa:{name}` from `start` to the frame after the next one (when the browser has
/// painted what the current task changed).
pub fn measure_to_paint(name: &'static str, start: f64) {
    leptos::prelude::request_animation_frame(move || {
        leptos::prelude::request_animation_frame(move || measure_since(name, start))
    });
}

thread_local! {
    /// A measure waiting for the canvas to be drawn: name and start.
    static PENDING: std::cell::Cell<Option<(&'static str, f64)>> = const { std::cell::Cell::new(None) };
}

/// Starts a measure that [`finish_pending`] ends: e.g. from a pointer event to the end of the
/// canvas drawing it causes (the work of one brush step, before the browser composites).
pub fn start_pending(name: &'static str, start: f64) {
    PENDING.with(|p| p.set(Some((name, start))));
}

/// Ends the measure started by [`start_pending`], if any.
pub fn finish_pending() {
    if let Some((name, start)) = PENDING.with(|p| p.take()) {
        measure_since(name, start);
    }
}

thread_local! {
    /// Measures waiting for the map to be drawn completely: name and start.
    static AFTER_MAP: std::cell::RefCell<Vec<(&'static str, f64)>> = const { std::cell::RefCell::new(Vec::new()) };
    /// True while a large map is drawn in slices.
    static DRAWING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Records `sa:{name}` from `start` to the frame after the map is completely drawn (a large
/// map is drawn in slices over several frames; see [`map_drawing`]).
pub fn measure_to_map_painted(name: &'static str, start: f64) {
    AFTER_MAP.with(|a| a.borrow_mut().push((name, start)));
    // By the next frame the map has started drawing; a map drawn at once is done.
    leptos::prelude::request_animation_frame(|| {
        if !DRAWING.with(|d| d.get()) {
            map_drawn();
        }
    });
}

/// Said by the canvas map: `true` while it draws a new map in slices, `false` when the last
/// slice is drawn.
pub fn map_drawing(on: bool) {
    DRAWING.with(|d| d.set(on));
    if !on {
        map_drawn();
    }
}

fn map_drawn() {
    for (name, start) in AFTER_MAP.with(|a| std::mem::take(&mut *a.borrow_mut())) {
        measure_to_paint(name, start);
    }
}

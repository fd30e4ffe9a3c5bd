//! The canvas map for data sets above [`CANVAS_LIMIT`] units, where one SVG element per unit
//! makes the page slow. Same colours, outlines, pan, zoom, hover and click as the SVG map, and
//! the same drawing tools and Sozialraum outlines in the Define mode;
//! hit-testing through the core's R-tree ([`sozialatlas_core::map::index::HitIndex`], the
//! state's one index of the units).
//!
//! The `data-key`/`data-class` contract holds through an accessible list beside the canvas
//! (`data-testid="map-list"`): one item per unit with its key, class and tooltip text.

use crate::coloring::TipSource;
use crate::components::define_map;
use crate::components::map::{map_key, screen_scale, visible, wheel, DragPan};
use crate::define::Tool;
use crate::i18n::{t, T};
use crate::state::{AppState, Coloring, Mode};
use leptos::prelude::*;
use sozialatlas_core::map::geometry::Frame;
use sozialatlas_core::map::index::HitIndex;
use std::sync::Arc;
use wasm_bindgen::JsCast;

/// What was drawn last: a redraw of a part is enough when only some units changed.
/// The colouring is kept by reference: comparing it unit by unit needs no copy.
#[derive(Clone, Debug)]
struct Drawn {
    coloring: Arc<Coloring>,
    vb: [f64; 4],
    size: (u32, u32),
    selected: Option<usize>,
    hovered: Option<usize>,
    cursor: Option<(f64, f64, f64)>,
    lasso: bool,
    define: bool,
    shapes: usize,
}

/// Above this many changed units the whole canvas is drawn again.
const PARTIAL_LIMIT: usize = 2000;

/// True when `a` and `b` show the same picture (only the slices drawn so far differ).
fn same_picture(a: &Drawn, b: &Drawn) -> bool {
    Arc::ptr_eq(&a.coloring, &b.coloring)
        && a.vb == b.vb
        && a.size == b.size
        && a.selected == b.selected
        && a.hovered == b.hovered
        && a.cursor == b.cursor
        && a.lasso == b.lasso
        && a.define == b.define
        && a.shapes == b.shapes
}

/// The frame rectangle to draw again (changed units and the brush circle, old and new), or
/// `None` for the whole canvas.
fn dirty_rect<I: std::ops::Deref<Target = HitIndex>>(
    prev: Option<&Drawn>,
    now: &Drawn,
    index: &impl Fn() -> I,
    frame: Option<&Frame>,
    scale: f64,
) -> Option<[f64; 4]> {
    let prev = prev?;
    let frame = frame?;
    let same_view = prev.vb == now.vb
        && prev.size == now.size
        && prev.selected == now.selected
        && prev.hovered == now.hovered
        && prev.define == now.define
        && prev.shapes == now.shapes
        && !prev.lasso
        && !now.lasso
        && prev.coloring.fill.len() == now.coloring.fill.len()
        && prev.coloring.class.len() == now.coloring.class.len();
    if !same_view {
        return None;
    }
    let (a, b) = (&prev.coloring, &now.coloring);
    let changed: Vec<usize> = (0..b.fill.len())
        .filter(|&i| a.fill[i] != b.fill[i] || a.class[i] != b.class[i])
        .collect();
    if changed.len() > PARTIAL_LIMIT {
        return None;
    }
    let mut r = [f64::MAX, f64::MAX, f64::MIN, f64::MIN];
    let mut grow = |b: [f64; 4]| {
        r = [
            r[0].min(b[0]),
            r[1].min(b[1]),
            r[2].max(b[2]),
            r[3].max(b[3]),
        ];
    };
    let index = index();
    for i in changed {
        if let Some(b) = index.unit_box(frame, i) {
            grow(b);
        }
    }
    for (x, y, rad) in [prev.cursor, now.cursor].into_iter().flatten() {
        grow([x - rad, y - rad, x + rad, y + rad]);
    }
    if r[0] > r[2] {
        // Nothing changed.
        return Some([0.0; 4]);
    }
    // Strokes reach beyond the boxes by half their width (outline 2.6 px, circle 1.5 px).
    let pad = 4.0 / scale.max(1e-9);
    Some([r[0] - pad, r[1] - pad, r[2] + pad, r[3] + pad])
}

/// Items of the accessible list made per task (2,000: about 30 ms in a size-tuned build on a
/// slow machine; the first part of a new view also ranks every unit for the texts).
const LIST_PART: usize = 2_000;

/// Units merged into the fill paths per frame while a new map is drawn: a large map appears in
/// slices over a few frames instead of one long task (100,000 units: twenty frames of about
/// 40 ms each).
const SLICE: usize = 5_000;

/// The units' paths merged by fill colour, and all of them for the outlines: one path string
/// per colour and slice, parsed once by the browser (100,000 units: a few calls instead of
/// 200,000 `addPath`s). Made in slices of [`SLICE`] units, one slice per frame.
struct Batches {
    /// (colouring, shapes) the paths were merged for, by pointer.
    key: (usize, usize),
    fills: Vec<(&'static str, web_sys::Path2d)>,
    /// Units merged so far.
    done: usize,
    /// Made when first drawn (small units on a large map get no outlines).
    outlines: Option<web_sys::Path2d>,
}

impl Batches {
    fn new(key: (usize, usize)) -> Batches {
        Batches {
            key,
            fills: vec![],
            done: 0,
            outlines: None,
        }
    }

    /// Merges the next slice of units; true when all are merged.
    fn grow(&mut self, paths: &[String], coloring: &Coloring) -> bool {
        let end = (self.done + SLICE).min(paths.len());
        let mut groups: Vec<(&'static str, String)> = vec![];
        for (i, d) in paths.iter().enumerate().take(end).skip(self.done) {
            let color = coloring.fill.get(i).copied().unwrap_or("#bdbdbd");
            let k = match groups.iter().position(|(c, _)| *c == color) {
                Some(k) => k,
                None => {
                    groups.push((color, String::new()));
                    groups.len() - 1
                }
            };
            groups[k].1.push_str(d);
        }
        self.fills
            .extend(groups.into_iter().map(|(c, d)| (c, path2d(&d))));
        self.done = end;
        self.complete(paths.len())
    }

    fn complete(&self, units: usize) -> bool {
        self.done >= units
    }
}

thread_local! {
    /// The hatch of withheld values, made once.
    static HATCH: std::cell::OnceCell<Option<web_sys::CanvasPattern>> = const { std::cell::OnceCell::new() };
}

/// Sets a map fill: a colour, or for withheld values the hatch (grey stripes on white, as the
/// SVG pattern `geheim`), made once on a small canvas as a repeating pattern.
fn set_fill(ctx: &web_sys::CanvasRenderingContext2d, fill: &str) {
    if fill != sozialatlas_core::map::palette::WITHHELD {
        ctx.set_fill_style_str(fill);
        return;
    }
    let pattern = HATCH.with(|h| h.get_or_init(|| hatch(ctx)).clone());
    match pattern {
        Some(p) => ctx.set_fill_style_canvas_pattern(&p),
        None => ctx.set_fill_style_str(sozialatlas_core::map::palette::MISSING),
    }
}

/// The hatch tile as a repeating pattern (`None` where the browser refuses).
fn hatch(ctx: &web_sys::CanvasRenderingContext2d) -> Option<web_sys::CanvasPattern> {
    (|| {
        let tile = document()
            .create_element("canvas")
            .ok()?
            .dyn_into::<web_sys::HtmlCanvasElement>()
            .ok()?;
        tile.set_width(8);
        tile.set_height(8);
        let t = tile
            .get_context("2d")
            .ok()??
            .dyn_into::<web_sys::CanvasRenderingContext2d>()
            .ok()?;
        t.set_fill_style_str("#ffffff");
        t.fill_rect(0.0, 0.0, 8.0, 8.0);
        t.set_stroke_style_str("#8a8a8a");
        t.set_line_width(2.0);
        t.begin_path();
        for k in [-8.0, 0.0, 8.0] {
            t.move_to(k, 8.0);
            t.line_to(k + 8.0, 0.0);
        }
        t.stroke();
        ctx.create_pattern_with_html_canvas_element(&tile, "repeat")
            .ok()?
    })()
}

/// A Path2D from SVG path data (an empty one for data the browser rejects).
fn path2d(d: &str) -> web_sys::Path2d {
    web_sys::Path2d::new_with_path_string(d)
        .unwrap_or_else(|_| web_sys::Path2d::new().expect("Path2D"))
}

/// Above this many units the map is drawn on a canvas.
pub const CANVAS_LIMIT: usize = 3000;

/// The canvas map.
#[component]
pub fn CanvasMap(state: AppState) -> impl IntoView {
    let lang = state.lang;
    let canvas_ref = NodeRef::<leptos::html::Canvas>::new();
    let pointer = define_map::DrawPointer::new();
    // Path objects of single units, made when first needed (partial redraws, hover, selection):
    // making all of them took 0.4 s at 100,000 units.
    // Kept with the shapes they were made for (by pointer).
    let paths = StoredValue::new_local((0usize, Vec::<Option<web_sys::Path2d>>::new()));
    let resized = RwSignal::new(0u32);
    let handle = window_event_listener(leptos::ev::resize, move |_| resized.update(|r| *r += 1));
    on_cleanup(move || handle.remove());
    // The path of unit `i`, made on first use.
    let unit_path = move |i: usize| -> Option<web_sys::Path2d> {
        let shapes = state.shapes.read_untracked();
        let key = Arc::as_ptr(&*shapes) as usize;
        paths
            .try_update_value(|(k, list)| {
                if *k != key {
                    *k = key;
                    *list = vec![None; shapes.paths.len()];
                }
                let slot = list.get_mut(i)?;
                if slot.is_none() {
                    *slot = Some(path2d(&shapes.paths[i]));
                }
                slot.clone()
            })
            .flatten()
    };
    // What the canvas shows now, to redraw only what changed.
    let drawn = StoredValue::new(None::<Drawn>);
    // For whole redraws: one path per fill colour and one of all outlines, kept while the
    // colouring and the shapes stay (pan, zoom, resize): a few canvas calls instead of two per
    // unit (100,000 units: 2.2 s -> a fraction).
    let batches = StoredValue::new_local(None::<Batches>);
    // The next slice of a new map, in the next frame.
    let slice = RwSignal::new(0u32);
    // Draw whenever colours, view, selection or size change.
    Effect::new(move |_| {
        let start = crate::io::perf::now();
        resized.track();
        slice.track();
        let coloring = state.coloring.get();
        let selected = state.selected.get();
        let hovered = state.hovered.get();
        let vb = visible(state);
        // Redraw with new paths too (the Path2D list itself is not reactive).
        state.shapes.track();
        // Define mode: outlines of the Sozialräume, detached units, brush and lasso.
        let define = (state.mode.get() == Mode::Define).then(|| {
            let d = state.define;
            let assign = d.with(|s| {
                s.active_definition()
                    .map(|x| x.assign.clone())
                    .unwrap_or_default()
            });
            (
                define_map::outline(state, &assign),
                pointer
                    .cursor
                    .get()
                    .filter(|_| matches!(d.tool.get(), Tool::Brush | Tool::Eraser)),
                pointer.lasso.get(),
            )
        });
        let Some(canvas) = canvas_ref.get() else {
            return;
        };
        let dpr = window().device_pixel_ratio();
        let (cw, ch) = (canvas.client_width() as f64, canvas.client_height() as f64);
        let size = ((cw * dpr) as u32, (ch * dpr) as u32);
        let cursor = define.as_ref().and_then(|d| d.1);
        let lasso_on = define.as_ref().is_some_and(|d| !d.2.is_empty());
        let now = Drawn {
            coloring: coloring.clone(),
            vb,
            size,
            selected,
            hovered,
            cursor,
            lasso: lasso_on,
            define: define.is_some(),
            shapes: Arc::as_ptr(&state.shapes.get_untracked()) as usize,
        };
        let s = (cw / vb[2]).min(ch / vb[3]);
        // Only the units whose colour or Sozialraum changed (a brush step) are drawn again,
        // inside their boxes: on a large map that is a small part of the canvas to rasterise.
        // The spatial index is needed only then (a new map does not wait for it).
        let index = move || state.hits.get_untracked();
        let frame = state.shapes.read_untracked().frame;
        // While a new map is drawn slice by slice, every frame draws it whole.
        let slicing =
            batches.with_value(|b| b.as_ref().is_some_and(|b| !b.complete(coloring.fill.len())));
        let dirty = match slicing {
            true => None,
            false => {
                drawn.with_value(|prev| dirty_rect(prev.as_ref(), &now, &index, frame.as_ref(), s))
            }
        };
        // The next slice of a new map on the same picture: only it is drawn, over the others.
        let continuing =
            slicing && drawn.with_value(|p| p.as_ref().is_some_and(|p| same_picture(p, &now)));
        drawn.set_value(Some(now));
        if dirty.is_some_and(|r| r[2] <= r[0] || r[3] <= r[1]) {
            return;
        }
        if dirty.is_none() && !continuing {
            canvas.set_width(size.0);
            canvas.set_height(size.1);
        }
        let Some(ctx) = canvas
            .get_context("2d")
            .ok()
            .flatten()
            .and_then(|c| c.dyn_into::<web_sys::CanvasRenderingContext2d>().ok())
        else {
            return;
        };
        let (ox, oy) = ((cw - vb[2] * s) / 2.0, (ch - vb[3] * s) / 2.0);
        let _ = ctx.set_transform(
            dpr * s,
            0.0,
            0.0,
            dpr * s,
            dpr * (ox - vb[0] * s),
            dpr * (oy - vb[1] * s),
        );
        ctx.save();
        let units: Option<Vec<usize>> = match dirty {
            Some(r) => {
                ctx.begin_path();
                ctx.rect(r[0], r[1], r[2] - r[0], r[3] - r[1]);
                ctx.clip();
                ctx.clear_rect(r[0], r[1], r[2] - r[0], r[3] - r[1]);
                frame.as_ref().map(|f| index().in_rect(f, r))
            }
            None => None,
        };
        ctx.set_stroke_style_str("#ffffff");
        ctx.set_line_width(0.6 / s);
        // White outlines only where the units are large enough on screen (mean side of a unit
        // at least 4 px): on 100,000 small cells they would whiten the whole map.
        let (fw, fh) = state.shapes.with_untracked(|sh| sh.size);
        let per_unit = (fw * fh / coloring.fill.len().max(1) as f64).sqrt() * s;
        let outlines = s > 0.5 && per_unit >= 4.0;
        {
            let draw = |i: usize, p: &web_sys::Path2d| {
                set_fill(&ctx, coloring.fill.get(i).copied().unwrap_or("#bdbdbd"));
                ctx.fill_with_path_2d_and_winding(p, web_sys::CanvasWindingRule::Evenodd);
                if outlines {
                    ctx.stroke_with_path(p);
                }
            };
            match &units {
                Some(list) => {
                    for &i in list {
                        if let Some(p) = unit_path(i) {
                            draw(i, &p);
                        }
                    }
                }
                None => {
                    let key = (
                        Arc::as_ptr(&coloring) as usize,
                        Arc::as_ptr(&state.shapes.get_untracked()) as usize,
                    );
                    let mut complete = true;
                    let mut from = 0;
                    batches.update_value(|b| {
                        if b.as_ref().is_none_or(|b| b.key != key) {
                            *b = Some(Batches::new(key));
                        }
                        if let Some(b) = b.as_mut() {
                            if continuing {
                                from = b.fills.len();
                            }
                            state.shapes.with_untracked(|sh| {
                                complete = b.complete(sh.paths.len())
                                    || crate::io::perf::time("canvas-batches", || {
                                        b.grow(&sh.paths, &coloring)
                                    });
                            });
                        }
                        if let Some(b) = b
                            .as_mut()
                            .filter(|b| complete && outlines && b.outlines.is_none())
                        {
                            b.outlines =
                                Some(path2d(&state.shapes.with_untracked(|sh| sh.paths.concat())));
                        }
                    });
                    batches.with_value(|b| {
                        let Some(b) = b else { return };
                        for (color, path) in &b.fills[from.min(b.fills.len())..] {
                            set_fill(&ctx, color);
                            ctx.fill_with_path_2d_and_winding(
                                path,
                                web_sys::CanvasWindingRule::Evenodd,
                            );
                        }
                        if let Some(o) = b.outlines.as_ref().filter(|_| outlines) {
                            ctx.stroke_with_path(o);
                        }
                    });
                    // The rest in the next frames; the map counts as drawn after the last.
                    crate::io::perf::map_drawing(!complete);
                    if !complete {
                        request_animation_frame(move || slice.update(|n| *n += 1));
                    } else {
                        // The spatial index (hover, click, partial redraws) in a task of its
                        // own after the map is there.
                        set_timeout(
                            move || {
                                crate::io::perf::time("hit-index-ready", || {
                                    state.hits.get_untracked()
                                });
                            },
                            std::time::Duration::ZERO,
                        );
                    }
                }
            }
            if let Some((outline, cursor, lasso)) = &define {
                if let Ok(p) = web_sys::Path2d::new_with_path_string(outline) {
                    ctx.set_stroke_style_str("#1a1a1a");
                    ctx.set_line_width(2.6 / s);
                    ctx.stroke_with_path(&p);
                }
                if let Some((x, y, r)) = cursor {
                    ctx.begin_path();
                    let _ = ctx.arc(*x, *y, *r, 0.0, std::f64::consts::TAU);
                    ctx.set_stroke_style_str("#000000");
                    ctx.set_line_width(1.5 / s);
                    ctx.stroke();
                }
                if lasso.len() > 1 {
                    ctx.begin_path();
                    ctx.move_to(lasso[0].0, lasso[0].1);
                    for (x, y) in &lasso[1..] {
                        ctx.line_to(*x, *y);
                    }
                    ctx.set_stroke_style_str("#2166ac");
                    ctx.set_line_width(2.0 / s);
                    ctx.stroke();
                }
            }
            for (which, color, width) in [(hovered, "#1d2330", 2.0), (selected, "#000000", 3.5)] {
                if let Some(p) = which.and_then(unit_path) {
                    ctx.set_stroke_style_str(color);
                    ctx.set_line_width(width / s);
                    ctx.stroke_with_path(&p);
                }
            }
        }
        ctx.restore();
        crate::io::perf::measure_since("canvas-draw", start);
        crate::io::perf::finish_pending();
    });
    let unit_at = move |x: f64, y: f64| -> Option<usize> {
        let canvas = canvas_ref.get()?;
        let el: &web_sys::Element = canvas.as_ref();
        let vb = visible(state);
        let (s, ox, oy, r) = screen_scale(el, vb);
        let px = vb[0] + (x - r.left() - ox) / s;
        let py = vb[1] + (y - r.top() - oy) / s;
        let atlas = state.atlas.read_untracked();
        let shapes = state.shapes.read_untracked();
        let frame = shapes.frame.as_ref()?;
        state
            .hits
            .read_untracked()
            .hit(&atlas.units.geometry, frame, px, py)
    };
    let drag = DragPan::new();
    let on_wheel = move |ev: web_sys::WheelEvent| {
        if let Some(canvas) = canvas_ref.get() {
            wheel(state, canvas.as_ref(), &ev);
        }
    };
    let on_move = move |ev: web_sys::PointerEvent| {
        if define_map::draws(state) {
            if let Some(canvas) = canvas_ref.get() {
                define_map::moved(state, pointer, canvas.as_ref(), &ev);
            }
            return;
        }
        let canvas = canvas_ref.get();
        if drag.moved(state, canvas.as_ref().map(|c| c.as_ref()), &ev) {
            return;
        }
        if let Some(c) = &canvas {
            let (x, y, _) = define_map::frame_point(state, c.as_ref(), &ev);
            crate::components::facilities::hover_at(state, x, y);
        }
        let i = unit_at(ev.client_x() as f64, ev.client_y() as f64);
        if state.hovered.get_untracked() != i {
            state.hovered.set(i);
        }
    };
    let on_click = move |ev: web_sys::MouseEvent| {
        if drag.ends_drag() {
            return;
        }
        if state.note_pending.get_untracked().is_some() {
            if let Some(canvas) = canvas_ref.get() {
                let (x, y, _) = define_map::frame_point(state, canvas.as_ref(), &ev);
                if crate::components::notes::place_pending(state, x, y) {
                    return;
                }
            }
        }
        let unit = unit_at(ev.client_x() as f64, ev.client_y() as f64);
        if state.mode.get_untracked() == Mode::Define {
            if let (Tool::Click, Some(i)) = (state.define.tool.get_untracked(), unit) {
                define_map::click(state, i);
            }
            return;
        }
        if let Some(i) = unit {
            state.selected.set(Some(i));
        }
    };
    let on_key = move |ev: web_sys::KeyboardEvent| map_key(state, &ev);
    // Items are created once per data set (as HTML text); an effect updates the class and text
    // of the items whose colouring changed (re-creating thousands of items, or one reactive
    // closure per item, would cost most of a brush step's frame). What each item shows is
    // kept (its class and where its text came from), so that an update compares without
    // making texts and an update stopped half-way by a newer one leaves nothing stale.
    let list_ref = NodeRef::<leptos::html::Ul>::new();
    let shown = StoredValue::new(Vec::<Option<(Arc<str>, TipSource)>>::new());
    // The items of a new data set as HTML text with their class and tooltip, parsed by the
    // browser (faster than making and filling 100,000 items one call at a time), in parts of
    // LIST_PART items, each in a task of its own after the map is drawn.
    let list_part = move |coloring: &Coloring, from: usize, to: usize| -> String {
        let atlas = state.atlas.get_untracked();
        use sozialatlas_core::export::svg::escape;
        let n = atlas.units.len();
        let filled = coloring.class.len() == n && coloring.tip.len() == n;
        let mut html = String::with_capacity((to - from) * 64);
        for i in from..to.min(n) {
            html.push_str("<li data-key=\"");
            html.push_str(&escape(&atlas.units.keys[i]));
            if filled {
                html.push_str("\" data-class=\"");
                html.push_str(&escape(&coloring.class[i]));
                html.push_str("\">");
                html.push_str(&escape(&coloring.tip.get(i).unwrap_or_default()));
            } else {
                html.push_str("\">");
            }
            html.push_str("</li>");
        }
        html
    };
    // Brings items from..n up to `coloring`, comparing with what each shows; false when the
    // time budget (30 ms) ran out first: `from` is then where to go on.
    let sync_from = move |coloring: &Coloring, from: &mut usize| -> bool {
        let Some(ul) = list_ref.get_untracked() else {
            return true;
        };
        let items = ul.children();
        let n = coloring.class.len();
        if items.length() as usize != n || coloring.tip.len() != n {
            return true;
        }
        let start = crate::io::perf::now();
        shown.update_value(|shown| {
            shown.resize(n, None);
            while *from < n {
                let i = *from;
                *from += 1;
                let c = &coloring.class[i];
                let (new_class, new_tip) = match &shown[i] {
                    // Shared texts compare by address first: unchanged units cost no call
                    // into the page.
                    Some((sc, st)) => (sc != c, !coloring.tip.comes_from(i, st)),
                    None => (true, true),
                };
                if new_class || new_tip {
                    if let Some(li) = items.item(i as u32) {
                        if new_class {
                            let _ = li.set_attribute("data-class", c);
                        }
                        if new_tip {
                            li.set_text_content(coloring.tip.get(i).as_deref());
                        }
                    }
                    shown[i] = coloring.tip.source(i).map(|t| (c.clone(), t));
                }
                if i % 1024 == 1023 && crate::io::perf::now() - start > 30.0 {
                    break;
                }
            }
        });
        *from >= n
    };
    // The list brought up to the current colouring: at once when that is quick (a brush step),
    // else in slices of about 30 ms, each in a task of its own (a new view of 100,000 units);
    // a newer colouring stops the slices of an older one.
    let syncing = StoredValue::new(0u64);
    let sync = move || {
        syncing.update_value(|g| *g += 1);
        let this = syncing.get_value();
        let coloring = state.coloring.get_untracked();
        let mut from = 0;
        if sync_from(&coloring, &mut from) {
            return;
        }
        leptos::task::spawn_local(async move {
            loop {
                crate::task::next_task().await;
                if syncing.get_value() != this || sync_from(&coloring, &mut from) {
                    return;
                }
            }
        });
    };
    // A new data set: its items, part by part, with the colouring of its start; then brought
    // up to date. A newer data set stops the parts of the older one.
    let generation = StoredValue::new(0u64);
    Effect::new(move |_| {
        let atlas = state.atlas.get();
        let Some(ul) = list_ref.get() else { return };
        generation.update_value(|g| *g += 1);
        let this = generation.get_value();
        ul.set_inner_html("");
        shown.set_value(vec![]);
        let coloring = state.coloring.get_untracked();
        let n = atlas.units.len();
        leptos::task::spawn_local(async move {
            let start = crate::io::perf::now();
            for from in (0..n).step_by(LIST_PART) {
                crate::task::next_task().await;
                if generation.get_value() != this {
                    return;
                }
                let html = list_part(&coloring, from, from + LIST_PART);
                let _ = ul.insert_adjacent_html("beforeend", &html);
                let to = (from + LIST_PART).min(n);
                if coloring.class.len() == n && coloring.tip.len() == n {
                    shown.update_value(|shown| {
                        shown.resize(n, None);
                        for (i, item) in shown.iter_mut().enumerate().take(to).skip(from) {
                            *item = coloring
                                .tip
                                .source(i)
                                .map(|t| (coloring.class[i].clone(), t));
                        }
                    });
                }
            }
            crate::io::perf::measure_since("map-list", start);
            sync();
        });
    });
    Effect::new(move |_| {
        state.coloring.track();
        sync();
    });
    view! {
        <div class="canvas-stack">
        <canvas
            class="map canvas-map"
            data-testid="map"
            node_ref=canvas_ref
            tabindex="0"
            role="img"
            data-zoomed=move || state.zoom.get().is_some().to_string()
            aria-label=move || format!("{}: {}", t(lang.get(), T::MapLabel), state.coloring.read().title)
            on:wheel=on_wheel
            on:pointerdown=move |ev: web_sys::PointerEvent| {
                if define_map::draws(state) {
                    if let Some(canvas) = canvas_ref.get() { define_map::down(state, pointer, canvas.as_ref(), &ev) }
                    return;
                }
                drag.down(&ev);
            }
            on:pointermove=on_move
            on:pointerup=move |_| {
                drag.up();
                if define_map::draws(state) { define_map::up(state, pointer) }
            }
            on:pointerleave=move |_| { state.hovered.set(None); state.hovered_facility.set(None); pointer.cursor.set(None); }
            on:click=on_click
            on:keydown=on_key
        ></canvas>
        <svg
            class="map-overlay"
            viewBox=move || { let v = visible(state); format!("{} {} {} {}", v[0], v[1], v[2], v[3]) }
            preserveAspectRatio="xMidYMid meet"
        >
            <crate::components::facilities::FacilityLayer state=state />
            <crate::components::notes::NoteMarkers state=state />
        </svg>
        </div>
        <ul class="map-list" data-testid="map-list" node_ref=list_ref></ul>
    }
}

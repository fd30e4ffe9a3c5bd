//! Drawing Sozialräume on the SVG map: the tools' pointer handling and the overlay (outlines of
//! the Sozialräume without inner lines, detached parts, names, brush circle, lasso).
//!
//! Contract: the outlines are `data-testid="sozialraum-outline"`, detached units
//! `data-testid="detached"`, the names `data-testid="sozialraum-labels"`.

use crate::components::map::{screen_scale, visible};
use crate::define::Tool;
use crate::state::{AppState, Mode};
use leptos::prelude::*;
use sozialatlas_core::sozialraum::definition::{group_count, populations, Edit, Sozialraum};

/// Pointer state of a drawing gesture.
#[derive(Clone, Copy)]
pub struct DrawPointer {
    /// Brush circle: centre and radius in SVG units.
    pub cursor: RwSignal<Option<(f64, f64, f64)>>,
    /// Points of the lasso being drawn.
    pub lasso: RwSignal<Vec<(f64, f64)>>,
    /// The button is down inside a gesture.
    down: StoredValue<bool>,
}

impl DrawPointer {
    /// A pointer state with nothing drawn.
    pub fn new() -> DrawPointer {
        DrawPointer {
            cursor: RwSignal::new(None),
            lasso: RwSignal::new(vec![]),
            down: StoredValue::new(false),
        }
    }
}

impl Default for DrawPointer {
    fn default() -> Self {
        Self::new()
    }
}

/// True when dragging draws (brush, eraser, lasso in Define mode with a definition).
pub fn draws(state: AppState) -> bool {
    state.mode.get_untracked() == Mode::Define
        && state.define.tool.get_untracked() != Tool::Click
        && state
            .define
            .session
            .with_untracked(|s| s.active_definition().is_some())
}

/// The pointer in SVG units and the screen pixels per SVG unit.
pub(crate) fn frame_point(
    state: AppState,
    el: &web_sys::Element,
    ev: &web_sys::MouseEvent,
) -> (f64, f64, f64) {
    let vb = visible(state);
    let (s, ox, oy, r) = screen_scale(el, vb);
    (
        vb[0] + (ev.client_x() as f64 - r.left() - ox) / s,
        vb[1] + (ev.client_y() as f64 - r.top() - oy) / s,
        s,
    )
}

/// The Sozialraum the tools paint with; creates one when there is none yet.
fn target(state: AppState) -> Option<u32> {
    let d = state.define;
    if d.tool.get_untracked() == Tool::Eraser {
        return None;
    }
    if let Some(c) = d.current.get_untracked() {
        return Some(c);
    }
    add_sozialraum(state);
    d.current.get_untracked()
}

/// Adds a new, empty Sozialraum to the active definition and makes it current.
pub fn add_sozialraum(state: AppState) {
    let d = state.define;
    let Some((name, n)) = d.session.with_untracked(|s| {
        s.active_definition()
            .map(|def| (def.next_name("Sozialraum"), def.areas.len()))
    }) else {
        return;
    };
    let color = sozialatlas_core::sozialraum::definition::AREA_COLORS
        [n % sozialatlas_core::sozialraum::definition::AREA_COLORS.len()];
    d.run(Edit::Add(Sozialraum {
        name,
        color: color.into(),
        locked: false,
    }));
    d.current.set(Some(n as u32));
}

fn brush_at(state: AppState, p: DrawPointer, x: f64, y: f64, s: f64) {
    let d = state.define;
    let r = d.brush.get_untracked() / s;
    p.cursor.set(Some((x, y, r)));
    if !p.down.get_value() {
        return;
    }
    let hits = state.hits.get_untracked();
    let atlas = state.base.get_untracked();
    let units = hits.near(
        &atlas.units.geometry,
        &state.shapes.read_untracked().frame.unwrap_or_else(|| {
            sozialatlas_core::map::geometry::Frame::fit(sozialatlas_core::map::geometry::Bounds {
                min_x: 0.0,
                min_y: 0.0,
                max_x: 1.0,
                max_y: 1.0,
            })
        }),
        x,
        y,
        r,
    );
    if !units.is_empty() {
        let start = crate::io::perf::now();
        let t = target(state);
        d.paint_live(&units, t);
        // From the pointer event to the frame that shows the painted units ("brush"), and to
        // the end of the canvas drawing it causes ("brush-work", ended by the canvas map).
        crate::io::perf::measure_to_paint("brush", start);
        crate::io::perf::start_pending("brush-work", start);
    }
}

/// Pointer pressed on the map while a drawing tool is active.
pub fn down(state: AppState, p: DrawPointer, el: &web_sys::Element, ev: &web_sys::PointerEvent) {
    let _ = el.set_pointer_capture(ev.pointer_id());
    p.down.set_value(true);
    let (x, y, s) = frame_point(state, el, ev);
    match state.define.tool.get_untracked() {
        Tool::Lasso => p.lasso.set(vec![(x, y)]),
        _ => brush_at(state, p, x, y, s),
    }
}

/// Pointer moved over the map while a drawing tool is active.
pub fn moved(state: AppState, p: DrawPointer, el: &web_sys::Element, ev: &web_sys::PointerEvent) {
    let (x, y, s) = frame_point(state, el, ev);
    match state.define.tool.get_untracked() {
        Tool::Lasso => {
            if p.down.get_value() {
                p.lasso.update(|l| {
                    // Keep points at least 2 screen pixels apart.
                    if l.last()
                        .is_none_or(|&(a, b)| (a - x).hypot(b - y) * s >= 2.0)
                    {
                        l.push((x, y));
                    }
                });
            }
        }
        Tool::Brush | Tool::Eraser => brush_at(state, p, x, y, s),
        Tool::Click => {}
    }
}

/// Pointer released: a stroke becomes one undo step; a lasso assigns its units.
pub fn up(state: AppState, p: DrawPointer) {
    if !p.down.get_value() {
        return;
    }
    p.down.set_value(false);
    let d = state.define;
    if d.tool.get_untracked() == Tool::Lasso {
        let ring = p.lasso.get_untracked();
        p.lasso.set(vec![]);
        let Some(frame) = state.shapes.read_untracked().frame else {
            return;
        };
        let hits = state.hits.get_untracked();
        let atlas = state.base.get_untracked();
        let units = hits.lasso(&atlas.units.geometry, &frame, &ring);
        if units.is_empty() {
            return;
        }
        let t = target(state);
        let edit = d
            .session
            .with_untracked(|s| s.active_definition().and_then(|def| def.paint(&units, t)));
        if let Some(edit) = edit {
            d.run(edit);
        }
    } else {
        d.end_stroke();
    }
}

/// A click with the click tool: the unit goes to the current Sozialraum (or out of its
/// Sozialraum when it is already there).
pub fn click(state: AppState, unit: usize) {
    let d = state.define;
    let cur = d.session.with_untracked(|s| {
        s.active_definition()
            .and_then(|def| def.assign.get(unit).copied().flatten())
    });
    let t = if cur.is_some() && cur == d.current.get_untracked() {
        None
    } else {
        target(state)
    };
    let edit = d
        .session
        .with_untracked(|s| s.active_definition().and_then(|def| def.paint(&[unit], t)));
    if let Some(edit) = edit {
        d.run(edit);
    }
}

/// Outline path data of the Sozialräume of `assign`: the topology's arcs between different
/// Sozialräume.
pub fn outline(state: AppState, assign: &[Option<u32>]) -> String {
    let topo = state.define.topology.get();
    let paths = state.define.arc_paths.get();
    if assign.len() != topo.len() {
        return String::new();
    }
    let mut d = String::new();
    for i in topo.boundary_indices(assign) {
        if let Some(p) = paths.get(i) {
            d.push_str(p);
        }
    }
    d
}

/// The overlay of the Define mode inside the SVG map.
#[component]
pub fn DefineOverlay(state: AppState, pointer: DrawPointer) -> impl IntoView {
    let d = state.define;
    // Follows every brush step (the session is read tracked), like the map's colours.
    let assign = Memo::new(move |_| {
        d.session
            .read()
            .active_definition()
            .map(|def| def.assign.clone())
            .unwrap_or_default()
    });
    let outline_d = move || outline(state, &assign.read());
    let detached_d = move || {
        let a = assign.read();
        let topo = d.topology.get();
        if a.len() != topo.len() {
            return String::new();
        }
        let n = group_count(&a);
        let shapes = state.shapes.read();
        topo.detached_units(&a, n)
            .into_iter()
            .filter_map(|u| shapes.paths.get(u).cloned())
            .collect::<String>()
    };
    // Sozialräume whose population is outside the bounds set under "Prüfungen": their outline.
    let bounds_d = move || {
        let bounds = d.with(|s| s.bounds);
        if !bounds.any() {
            return String::new();
        }
        let a = assign.read();
        let atlas = state.base.read();
        let Some(pop) = atlas.population(state.year.get()) else {
            return String::new();
        };
        let (_, people) = populations(&a, group_count(&a), Some(pop));
        let out: Vec<bool> = people.iter().map(|&p| bounds.outside(p)).collect();
        let only: Vec<Option<u32>> = a.iter().map(|g| g.filter(|g| out[*g as usize])).collect();
        outline(state, &only)
    };
    let names = move || {
        if !state.labels.get() && !state.projector.get() {
            return vec![];
        }
        let a = assign.read();
        let session = d.session.read();
        let Some(def) = session.active_definition() else {
            return vec![];
        };
        let anchors = state.anchors.get();
        // Per Sozialraum the anchor of its roomiest unit.
        let mut best: Vec<Option<sozialatlas_core::map::labels::Anchor>> =
            vec![None; def.areas.len()];
        for (u, g) in a.iter().enumerate() {
            if let (Some(g), Some(Some(an))) = (g, anchors.get(u)) {
                let slot = &mut best[*g as usize];
                if slot.is_none_or(|b| an.radius > b.radius) {
                    *slot = Some(*an);
                }
            }
        }
        let widths: Vec<f64> = def
            .areas
            .iter()
            .map(|s| sozialatlas_core::map::labels::estimated_width(&s.name))
            .collect();
        let (w, _) = state.shapes.read().size;
        let vb = visible(state);
        let font = 14.0 * vb[2] / w;
        sozialatlas_core::map::labels::place(&best, &widths, font, vb)
            .into_iter()
            .map(|l| (l.x, l.y, def.areas[l.unit].name.clone(), font))
            .collect::<Vec<_>>()
    };
    let lasso_points = move || {
        pointer
            .lasso
            .get()
            .iter()
            .map(|(x, y)| format!("{x:.1},{y:.1}"))
            .collect::<Vec<_>>()
            .join(" ")
    };
    view! {
        <g class="define-overlay">
            <path class="sr-detached" data-testid="detached" d=detached_d />
            <path class="sr-outline" data-testid="sozialraum-outline" d=outline_d />
            <path class="sr-bounds" data-testid="out-of-bounds" d=bounds_d />
            <g class="sr-labels" data-testid="sozialraum-labels">
                {move || names().into_iter().map(|(x, y, name, font)| view! {
                    <text x=format!("{x:.1}") y=format!("{y:.1}") font-size=format!("{font:.2}")>{name}</text>
                }).collect_view()}
            </g>
            {move || {
                let brushing = matches!(d.tool.get(), Tool::Brush | Tool::Eraser);
                pointer.cursor.get().filter(|_| brushing).map(|(x, y, r)| view! {
                    <circle class="brush-cursor" cx=format!("{x:.1}") cy=format!("{y:.1}") r=format!("{r:.2}") />
                })
            }}
            <polyline class="lasso" points=lasso_points />
        </g>
    }
}

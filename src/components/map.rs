//! The SVG choropleth map with pan and zoom, hover and click.
//!
//! Contract used by end-to-end tests: every drawn unit is an element with `data-key` (the unit's
//! key) and `data-class` (the current view's class: class index or `na` in Explore, status
//! label in Einordnen, cluster number in Typisieren). Clicking a unit opens its profile.
//!
//! Pan and zoom: mouse wheel (around the pointer), dragging, the buttons of [`MapToolbar`], and
//! the keys `+`, `-`, `0` and the arrow keys while the map has the focus.

use crate::components::define_map;
use crate::i18n::{t, T};
use crate::state::{AppState, Mode};
use leptos::prelude::*;
use sozialatlas_core::map::labels;
use wasm_bindgen::JsCast;

/// The visible box: the zoom or the whole frame.
pub(crate) fn visible(state: AppState) -> [f64; 4] {
    let (w, h) = state.shapes.read().size;
    state.zoom.get().unwrap_or([0.0, 0.0, w, h])
}

/// Zooms by `factor` around the SVG point (`px`, `py`); zooming out past the frame fits it.
pub fn zoom_at(state: AppState, factor: f64, px: f64, py: f64) {
    let (w, h) = state.shapes.read_untracked().size;
    let [x, y, vw, vh] = state.zoom.get_untracked().unwrap_or([0.0, 0.0, w, h]);
    let (nw, nh) = (vw / factor, vh / factor);
    if nw >= w * 0.999 {
        state.zoom.set(None);
    } else if nw > w / 200.0 {
        state.zoom.set(Some([
            px - (px - x) / factor,
            py - (py - y) / factor,
            nw,
            nh,
        ]));
    }
}

/// Zooms by `factor` around the centre of the visible box.
pub fn zoom_centre(state: AppState, factor: f64) {
    let (w, h) = state.shapes.read_untracked().size;
    let [x, y, vw, vh] = state.zoom.get_untracked().unwrap_or([0.0, 0.0, w, h]);
    zoom_at(state, factor, x + vw / 2.0, y + vh / 2.0);
}

/// Moves the visible box by (`dx`, `dy`) SVG units (only when zoomed in).
pub fn pan_by(state: AppState, dx: f64, dy: f64) {
    if let Some([x, y, w, h]) = state.zoom.get_untracked() {
        state.zoom.set(Some([x + dx, y + dy, w, h]));
    }
}

/// Dragging to pan, the same on the SVG, canvas and Compare maps: after a press, moves with the
/// main button held pan the map once the pointer has gone 4 px; the click that ends a drag
/// selects nothing.
#[derive(Clone, Copy)]
pub(crate) struct DragPan {
    /// Pointer position at the press (then at the last pan step).
    press: StoredValue<Option<(f64, f64)>>,
    /// Whether the pointer moved far enough since the press to be a drag.
    dragged: StoredValue<bool>,
}

impl DragPan {
    pub(crate) fn new() -> DragPan {
        DragPan {
            press: StoredValue::new(None),
            dragged: StoredValue::new(false),
        }
    }

    /// A press on the map.
    pub(crate) fn down(&self, ev: &web_sys::PointerEvent) {
        self.press
            .set_value(Some((ev.client_x() as f64, ev.client_y() as f64)));
        self.dragged.set_value(false);
    }

    /// A pointer move: pans the map shown in `el` while a drag goes on; false when none does
    /// (the move is then a hover).
    pub(crate) fn moved(
        &self,
        state: AppState,
        el: Option<&web_sys::Element>,
        ev: &web_sys::PointerEvent,
    ) -> bool {
        let Some((x0, y0)) = self.press.get_value() else {
            return false;
        };
        if ev.buttons() & 1 == 0 {
            self.press.set_value(None);
            return false;
        }
        let (x, y) = (ev.client_x() as f64, ev.client_y() as f64);
        if !self.dragged.get_value() && (x - x0).hypot(y - y0) < 4.0 {
            return true;
        }
        self.dragged.set_value(true);
        if let Some(el) = el {
            let (s, ..) = screen_scale(el, visible(state));
            pan_by(state, -(x - x0) / s, -(y - y0) / s);
        }
        self.press.set_value(Some((x, y)));
        true
    }

    /// The button was released.
    pub(crate) fn up(&self) {
        self.press.set_value(None);
    }

    /// True for the click that ends a drag (it is then forgotten).
    pub(crate) fn ends_drag(&self) -> bool {
        let d = self.dragged.get_value();
        self.dragged.set_value(false);
        d
    }
}

/// Screen pixels per SVG unit and the offset of the drawing in the element
/// (`preserveAspectRatio="xMidYMid meet"`).
pub(crate) fn screen_scale(
    el: &web_sys::Element,
    vb: [f64; 4],
) -> (f64, f64, f64, web_sys::DomRect) {
    let r = el.get_bounding_client_rect();
    let s = (r.width() / vb[2]).min(r.height() / vb[3]).max(1e-9);
    let ox = (r.width() - vb[2] * s) / 2.0;
    let oy = (r.height() - vb[3] * s) / 2.0;
    (s, ox, oy, r)
}

/// Zooms by the wheel around the pointer over the map element `el`.
pub(crate) fn wheel(state: AppState, el: &web_sys::Element, ev: &web_sys::WheelEvent) {
    ev.prevent_default();
    let vb = visible(state);
    let (s, ox, oy, r) = screen_scale(el, vb);
    let px = vb[0] + (ev.client_x() as f64 - r.left() - ox) / s;
    let py = vb[1] + (ev.client_y() as f64 - r.top() - oy) / s;
    zoom_at(state, if ev.delta_y() < 0.0 { 1.25 } else { 0.8 }, px, py);
}

/// The map's keys while it has the focus: `+`, `-`, `0`, and the arrows for panning (outside
/// projector mode, where the arrows step indicators and years).
pub(crate) fn map_key(state: AppState, ev: &web_sys::KeyboardEvent) {
    let step = visible(state)[2] * 0.1;
    let pan = !state.projector.get_untracked();
    match ev.key().as_str() {
        "+" | "=" => zoom_centre(state, 1.25),
        "-" | "_" => zoom_centre(state, 0.8),
        "0" => state.zoom.set(None),
        "ArrowLeft" if pan => pan_by(state, -step, 0.0),
        "ArrowRight" if pan => pan_by(state, step, 0.0),
        "ArrowUp" if pan => pan_by(state, 0.0, -step),
        "ArrowDown" if pan => pan_by(state, 0.0, step),
        _ => return,
    }
    ev.prevent_default();
}

/// The areas the current view highlights, named first on the map: the most disadvantaged class
/// of an indicator, low and very low status (negative dynamic), the gaps of need against
/// supply, the most disadvantaged cluster.
pub(crate) fn highlighted(state: AppState) -> Vec<bool> {
    use crate::state::ClassifyView;
    use sozialatlas_core::model::Direction;
    let coloring = state.coloring.read();
    let class = &coloring.class;
    let is = |f: &dyn Fn(&str) -> bool| class.iter().map(|c| f(c)).collect::<Vec<bool>>();
    match state.mode.get() {
        Mode::Explore => {
            let c = state.choropleth.read();
            let k = c.colors.len();
            let good = state
                .indicators
                .read()
                .get(state.indicator.get())
                .is_some_and(|s| s.direction == Direction::HighIsAdvantage);
            let worst = if good { 0 } else { k.saturating_sub(1) };
            c.classes
                .iter()
                .map(|x| k > 0 && *x == Some(worst))
                .collect()
        }
        Mode::Classify => match state.classify.read().view {
            ClassifyView::NeedSupply { .. } => is(&|c| c == "3-1"),
            ClassifyView::Band(_) => is(&|c| c.starts_with("deutlich")),
            _ => is(&|c| {
                c == "niedrig"
                    || c == "sehr niedrig"
                    || c == "negativ"
                    || c.contains("sehr niedrig")
            }),
        },
        Mode::Cluster => {
            let top = class.iter().filter_map(|c| c.parse::<usize>().ok()).max();
            is(&|c| top.is_some_and(|t| c.parse::<usize>().ok() == Some(t)))
        }
        _ => vec![],
    }
}

/// The unit index of an event's target path.
fn unit_of(ev: &web_sys::Event) -> Option<usize> {
    let el = ev.target()?.dyn_into::<web_sys::Element>().ok()?;
    el.get_attribute("data-i")?.parse().ok()
}

/// The map of all units, coloured by the current view's [`crate::state::Coloring`]. Paths are
/// created once per atlas; other changes only update their `fill`, `data-class` and tooltip.
#[component]
pub fn MapView(state: AppState) -> impl IntoView {
    let lang = state.lang;
    let svg_ref = NodeRef::<leptos::svg::Svg>::new();
    let drag = DragPan::new();
    let pointer = define_map::DrawPointer::new();
    let units = move || {
        let atlas = state.atlas.get();
        let shapes = state.shapes.get();
        let n = atlas.units.len();
        (0..n)
            .map(|i| {
                let key = atlas.units.keys[i].clone();
                let d = shapes.paths.get(i).cloned().unwrap_or_default();
                // Closures of replaced units may run once more before they are dropped (after a
                // smaller data set was loaded): read with `get`, never index.
                let class = move || {
                    state
                        .coloring
                        .read()
                        .class
                        .get(i)
                        .cloned()
                        .unwrap_or_default()
                };
                let fill = move || state.coloring.read().fill.get(i).copied().unwrap_or("none");
                // Not for the colouring of another data set (a text made on demand can cost a
                // sort of all its units).
                let tip = move || {
                    let coloring = state.coloring.read();
                    match coloring.tip.len() == n {
                        true => coloring.tip.get(i).unwrap_or_default(),
                        false => Default::default(),
                    }
                };
                view! {
                    <path class="unit" d=d data-key=key data-i=i.to_string() data-class=class fill=fill>
                        <title>{tip}</title>
                    </path>
                }
            })
            .collect_view()
    };
    let outline =
        move |which: Option<usize>| which.and_then(|i| state.shapes.read().paths.get(i).cloned());
    let placed = move || {
        // In the Define mode the names are the Sozialräume's (the overlay draws them).
        if !(state.labels.get() || state.projector.get()) || state.mode.get() == Mode::Define {
            return Vec::new();
        }
        let (w, _) = state.shapes.read().size;
        let vb = visible(state);
        let base = if state.projector.get() { 22.0 } else { 13.0 };
        let font = base * vb[2] / w;
        let atlas = state.atlas.read();
        let anchors = state.anchors.get();
        labels::place_favouring(
            &anchors,
            &state.label_widths.get(),
            font,
            vb,
            &highlighted(state),
        )
        .into_iter()
        .map(|l| (l.x, l.y, atlas.units.names[l.unit].clone(), font * l.scale))
        .collect::<Vec<_>>()
    };
    let on_wheel = move |ev: web_sys::WheelEvent| {
        if let Some(el) = svg_ref.get() {
            wheel(state, el.as_ref(), &ev);
        }
    };
    let on_down = move |ev: web_sys::PointerEvent| {
        if define_map::draws(state) {
            if let Some(el) = svg_ref.get() {
                define_map::down(state, pointer, &el, &ev);
            }
            return;
        }
        drag.down(&ev);
    };
    let on_move = move |ev: web_sys::PointerEvent| {
        if define_map::draws(state) {
            if let Some(el) = svg_ref.get() {
                define_map::moved(state, pointer, &el, &ev);
            }
            return;
        }
        let el = svg_ref.get();
        if let Some(e) = &el {
            let (x, y, _) = define_map::frame_point(state, e.as_ref(), &ev);
            crate::components::facilities::hover_at(state, x, y);
        }
        drag.moved(state, el.as_ref().map(|e| e.as_ref()), &ev);
    };
    let on_up = move |_: web_sys::PointerEvent| {
        drag.up();
        if define_map::draws(state) {
            define_map::up(state, pointer);
        }
    };
    let on_click = move |ev: web_sys::MouseEvent| {
        if drag.ends_drag() {
            return;
        }
        if state.note_pending.get_untracked().is_some() {
            if let Some(el) = svg_ref.get() {
                let (x, y, _) = define_map::frame_point(state, el.as_ref(), &ev);
                if crate::components::notes::place_pending(state, x, y) {
                    return;
                }
            }
        }
        if state.mode.get_untracked() == Mode::Define {
            if state.define.tool.get_untracked() == crate::define::Tool::Click {
                if let Some(i) = unit_of(&ev) {
                    define_map::click(state, i);
                }
            }
            return;
        }
        if let Some(i) = unit_of(&ev) {
            state.selected.set(Some(i));
        }
    };
    let on_over = move |ev: web_sys::MouseEvent| {
        let i = unit_of(&ev);
        if state.hovered.get_untracked() != i {
            state.hovered.set(i);
        }
    };
    let on_key = move |ev: web_sys::KeyboardEvent| map_key(state, &ev);
    view! {
        <svg
            class="map"
            data-testid="map"
            node_ref=svg_ref
            tabindex="0"
            viewBox=move || { let v = visible(state); format!("{} {} {} {}", v[0], v[1], v[2], v[3]) }
            data-zoomed=move || state.zoom.get().is_some().to_string()
            preserveAspectRatio="xMidYMid meet"
            fill-rule="evenodd"
            role="img"
            aria-label=move || format!("{}: {}", t(lang.get(), T::MapLabel), state.coloring.read().title)
            on:wheel=on_wheel
            on:pointerdown=on_down
            on:pointermove=on_move
            on:pointerup=on_up
            on:click=on_click
            on:mouseover=on_over
            on:mouseleave=move |_| {
                state.hovered.set(None);
                state.hovered_facility.set(None);
                pointer.cursor.set(None);
            }
            on:keydown=on_key
        >
            <defs inner_html=sozialatlas_core::map::palette::WITHHELD_PATTERN></defs>
            <g class="units">{units}</g>
            {move || (state.mode.get() == Mode::Define).then(|| view! { <define_map::DefineOverlay state=state pointer=pointer /> })}
            {move || coarser_outline(state).map(|d| view! { <path class="sr-outline coarser-outline" data-testid="coarser-outline" d=d /> })}
            {move || outline(state.hovered.get()).map(|d| view! { <path class="hover-outline" d=d /> })}
            {move || outline(state.selected.get()).map(|d| view! { <path class="selected-outline" data-testid="selected-outline" d=d /> })}
            <g class="labels" data-testid="map-labels">
                {move || placed().into_iter().map(|(x, y, name, font)| view! {
                    <text x=format!("{x:.1}") y=format!("{y:.1}") font-size=format!("{font:.2}")>{name}</text>
                }).collect_view()}
            </g>
            <crate::components::facilities::FacilityLayer state=state />
            <crate::components::notes::NoteMarkers state=state />
        </svg>
    }
}

/// Buttons above the map: zoom, names, table view, projector mode.
#[component]
pub fn MapToolbar(state: AppState) -> impl IntoView {
    let lang = state.lang;
    view! {
        <div class="map-toolbar" role="toolbar" aria-label=move || t(lang.get(), T::MapLabel)>
            <button data-testid="zoom-in" title=move || t(lang.get(), T::ZoomIn) aria-label=move || t(lang.get(), T::ZoomIn) on:click=move |_| zoom_centre(state, 1.5)>"+"</button>
            <button data-testid="zoom-out" title=move || t(lang.get(), T::ZoomOut) aria-label=move || t(lang.get(), T::ZoomOut) on:click=move |_| zoom_centre(state, 1.0 / 1.5)>"−"</button>
            <button data-testid="zoom-fit" on:click=move |_| state.zoom.set(None)>{move || t(lang.get(), T::ZoomFit)}</button>
            <button data-testid="labels-toggle" aria-pressed=move || state.labels.get().to_string() on:click=move |_| state.labels.update(|l| *l = !*l)>{move || t(lang.get(), T::ShowLabels)}</button>
            <button data-testid="table-toggle" aria-pressed=move || state.table.get().to_string() on:click=move |_| state.table.update(|v| *v = !*v)>
                {move || if state.table.get() { t(lang.get(), T::MapView) } else { t(lang.get(), T::TableView) }}
            </button>
            <button data-testid="projector-toggle" class="projector-button" aria-pressed=move || state.projector.get().to_string() on:click=move |_| crate::components::projector::toggle(state)>
                {move || if state.projector.get() { t(lang.get(), T::ExitProjector) } else { t(lang.get(), T::Projector) }}
            </button>
        </div>
    }
}

/// What a click does in the current mode, for the line under the map.
fn hint(state: AppState) -> String {
    let l = state.lang.get();
    if state.note_pending.get().is_some() {
        return t(l, T::NoteClickMap).into();
    }
    match state.mode.get() {
        Mode::Define => t(
            l,
            match state.define.tool.get() {
                crate::define::Tool::Click => T::HintClick,
                crate::define::Tool::Brush => T::HintBrush,
                crate::define::Tool::Lasso => T::HintLasso,
                crate::define::Tool::Eraser => T::HintEraser,
            },
        )
        .into(),
        Mode::Compare => t(l, T::HintCompare).into(),
        _ => format!("{} {}", t(l, T::Hover), t(l, T::ClickHint)),
    }
}

/// The tooltip of the area under the pointer, as a line under the map (readable on a projector
/// and by screen readers).
#[component]
pub fn HoverInfo(state: AppState) -> impl IntoView {
    let tip = move |i: usize| {
        state
            .coloring
            .read()
            .tip
            .get(i)
            .map(|t| t.to_string())
            .unwrap_or_default()
    };
    let facility = move || crate::components::facilities::hovered_text(state);
    let text = move || match (state.hovered.get(), facility()) {
        // A facility under the pointer: the area it lies in, then the facility.
        (Some(i), Some(f)) => format!("{} · {f}", tip(i)),
        (None, Some(f)) => f,
        (Some(i), None) => tip(i),
        (None, None) => hint(state),
    };
    let idle = move || state.hovered.get().is_none() && state.hovered_facility.get().is_none();
    view! { <p class="hover-info" class:idle=idle data-testid="hover-info" aria-live="polite">{text}</p> }
}

/// The outlines of the comparison level's Sozialräume over an analysis map of the base units
/// (their arcs are in the base units' frame; none in Define and Compare, which draw their own,
/// nor at a level, whose frame may be smaller).
fn coarser_outline(state: AppState) -> Option<String> {
    let name = state.coarser.get();
    if name.is_empty()
        || matches!(state.mode.get(), Mode::Define | Mode::Compare)
        || state.level_def.get().is_some()
    {
        return None;
    }
    let assign = state.define.session.with(|s| {
        s.definitions
            .iter()
            .find(|d| d.name == name)
            .map(|d| d.assign.clone())
    })?;
    Some(define_map::outline(state, &assign)).filter(|d| !d.is_empty())
}

//! Projector mode for a workshop room: full screen, large type, names on the map, the panel
//! tucked away, a large title and legend over the map. `F` toggles it, `Esc` leaves it, the
//! arrow keys step through indicators (←/→) and years (↑/↓).

use crate::i18n::{t, T};
use crate::state::AppState;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Switches projector mode on or off (and the browser's full screen with it, where allowed).
pub fn toggle(state: AppState) {
    let on = !state.projector.get_untracked();
    state.projector.set(on);
    let doc = document();
    if on {
        if let Some(el) = doc.document_element() {
            // Browsers refuse full screen without a user gesture (e.g. in tests): the mode
            // still applies inside the window.
            let _ = el.request_fullscreen();
        }
    } else if doc.fullscreen_element().is_some() {
        doc.exit_fullscreen();
    }
}

/// Whether a key event comes from a text field or a select (where keys mean typing).
fn typing(ev: &web_sys::KeyboardEvent) -> bool {
    ev.target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|el| matches!(el.tag_name().as_str(), "INPUT" | "SELECT" | "TEXTAREA"))
}

/// Steps the indicator (Explore) by `delta`, wrapping around.
fn step_indicator(state: AppState, delta: isize) {
    let n = state.indicators.read_untracked().len() as isize;
    if n > 0 {
        let i = state.indicator.get_untracked() as isize;
        state.indicator.set((i + delta).rem_euclid(n) as usize);
    }
}

/// Steps the year by `delta` within the atlas's years.
fn step_year(state: AppState, delta: isize) {
    let years = state.atlas.read_untracked().years.clone();
    if let Some(pos) = years.iter().position(|&y| y == state.year.get_untracked()) {
        let next = (pos as isize + delta).clamp(0, years.len() as isize - 1) as usize;
        state.year.set(years[next]);
    }
}

/// Installs the app-wide keys. Call once.
pub fn install_keys(state: AppState) {
    let handle = window_event_listener(leptos::ev::keydown, move |ev| {
        if typing(&ev) || ev.ctrl_key() || ev.meta_key() || ev.alt_key() {
            return;
        }
        let projector = state.projector.get_untracked();
        match ev.key().as_str() {
            "f" | "F" => toggle(state),
            "Escape" if state.selected.get_untracked().is_some() => state.selected.set(None),
            "Escape" if projector => toggle(state),
            "ArrowRight" if projector => step_indicator(state, 1),
            "ArrowLeft" if projector => step_indicator(state, -1),
            "ArrowUp" if projector => step_year(state, 1),
            "ArrowDown" if projector => step_year(state, -1),
            _ => return,
        }
        ev.prevent_default();
    });
    // The listener lives as long as the page.
    std::mem::forget(handle);
    // Leaving the browser's full screen (Esc handled by the browser) leaves the mode too.
    let fs = window_event_listener_untyped("fullscreenchange", move |_| {
        if document().fullscreen_element().is_none() && state.projector.get_untracked() {
            state.projector.set(false);
        }
    });
    std::mem::forget(fs);
    // The mode is a class on <body>, so the stylesheet can restyle everything.
    Effect::new(move |_| {
        if let Some(body) = document().body() {
            let _ = body
                .class_list()
                .toggle_with_force("projector", state.projector.get());
            let _ = body
                .class_list()
                .toggle_with_force("has-profile", state.selected.get().is_some());
        }
    });
}

/// The title and legend shown over the map in projector mode.
#[component]
pub fn ProjectorOverlay(state: AppState) -> impl IntoView {
    let lang = state.lang;
    view! {
        <Show when=move || state.projector.get()>
            <div class="projector-head" data-testid="projector-title">
                <h2>{move || state.coloring.read().title.clone()}</h2>
                <p>
                    {move || {
                        let a = state.atlas.read();
                        let name = state.title.get();
                        if a.years.is_empty() { name } else { format!("{} · {}", name, sozialatlas_core::model::period_label(state.year.get(), state.lang.get())) }
                    }}
                </p>
                <p class="keys">{move || t(lang.get(), T::ProjectorHint)}</p>
            </div>
            <ul class="projector-legend" data-testid="projector-legend">
                {move || state.coloring.read().legend.iter().filter(|l| l.count > 0).map(|l| view! {
                    <li><span class="swatch" style=super::legend::swatch_style(l.color)></span>{l.label.clone()}<span class="count">{l.count}</span></li>
                }).collect_view()}
                {move || super::facilities::symbol_legend(state).into_iter().filter(|l| l.2 > 0).map(|(s, name, n)| view! {
                    <li class="symbol-row" data-testid="projector-symbol">{super::facilities::swatch(s)}{name}<span class="count">{n}</span></li>
                }).collect_view()}
            </ul>
        </Show>
    }
}

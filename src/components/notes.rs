//! Workshop notes and project ideas: pinned to the selected area (a unit, or a Sozialraum at a
//! level), to a point clicked on the map, or to nothing; listed and filtered, shown on the map
//! as numbered pins (large in Beamer-Modus), exported as CSV. They are part of the project (link,
//! project file, offline file, autosave) and printed in the report under their area. Text is
//! always text: Leptos escapes it.

use crate::i18n::{t, T};
use crate::state::AppState;
use leptos::prelude::*;
use sozialatlas_core::project::{notes, Note, NoteAnchor};

/// Where the next note is pinned.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Pin {
    Area,
    Point,
    None,
}

/// The anchor of the area whose Steckbrief is open: a Sozialraum at a level, else a unit.
fn selected_anchor(state: AppState) -> Option<NoteAnchor> {
    let i = state.selected.get_untracked()?;
    let atlas = state.atlas.get_untracked();
    let key = atlas.units.keys.get(i)?.clone();
    Some(match state.level_def.get_untracked() {
        Some(def) => NoteAnchor::Area {
            definition: def.name.clone(),
            area: key,
        },
        None => NoteAnchor::Unit(key),
    })
}

/// A map click while a note waits for its point: pins it there (world coordinates) and adds it.
/// Returns whether the click was used.
pub fn place_pending(state: AppState, x: f64, y: f64) -> bool {
    let Some(mut note) = state.note_pending.get_untracked() else {
        return false;
    };
    let Some(frame) = state.shapes.read_untracked().frame else {
        return false;
    };
    let w = frame.unproject(x, y);
    note.anchor = NoteAnchor::Point { x: w.x, y: w.y };
    state.notes.update(|n| n.push(note));
    state.note_pending.set(None);
    true
}

/// The notes as pins on the map (inside the map's SVG).
#[component]
pub fn NoteMarkers(state: AppState) -> impl IntoView {
    let pins = move || {
        let shapes = state.shapes.read();
        let frame = shapes.frame?;
        let base = state.base.read();
        let defs = state.define.session.read();
        let vb = crate::components::map::visible(state);
        let r = vb[2] / if state.projector.get() { 60.0 } else { 90.0 };
        // At a level the map's frame is the Sozialräume's; their outline is the base units'.
        let list = state
            .notes
            .get()
            .into_iter()
            .enumerate()
            .filter_map(|(k, n)| {
                let (x, y) = notes::position(&base, &defs.definitions, &n)?;
                let (px, py) = frame.project(x, y);
                let tip = format!("{}: {}", n.title, n.text);
                Some(view! {
                    <g class="note-marker" data-testid="note-marker" data-note=k.to_string() data-category=n.category.clone()>
                        <circle cx=format!("{px:.1}") cy=format!("{py:.1}") r=format!("{r:.2}") />
                        <text x=format!("{px:.1}") y=format!("{py:.1}") dy="0.35em" font-size=format!("{:.2}", r * 1.1)>{(k + 1).to_string()}</text>
                        <title>{tip}</title>
                    </g>
                })
            })
            .collect_view();
        Some(view! { <g class="notes" data-testid="note-markers">{list}</g> })
    };
    view! { {pins} }
}

/// The notes panel: the form, the filtered list, the CSV export.
#[component]
pub fn NotesPanel(state: AppState) -> impl IntoView {
    let lang = state.lang;
    let title = RwSignal::new(String::new());
    let text = RwSignal::new(String::new());
    let category = RwSignal::new(notes::CATEGORIES[1].to_string());
    let status = RwSignal::new(notes::STATUSES[0].to_string());
    let initials = RwSignal::new(String::new());
    let pin = RwSignal::new(Pin::Area);
    let filter = RwSignal::new(String::new());
    let search = RwSignal::new(String::new());
    let message = RwSignal::new(None::<&'static str>);
    let add = move |_| {
        let note = Note {
            title: title.get_untracked().trim().to_string(),
            text: text.get_untracked(),
            category: category.get_untracked(),
            status: status.get_untracked(),
            initials: initials.get_untracked().trim().to_string(),
            anchor: NoteAnchor::None,
        };
        if note.title.is_empty() {
            message.set(Some(t(lang.get_untracked(), T::NoteNeedsTitle)));
            return;
        }
        match pin.get_untracked() {
            Pin::Area => match selected_anchor(state) {
                Some(a) => state.notes.update(|n| n.push(Note { anchor: a, ..note })),
                None => {
                    message.set(Some(t(lang.get_untracked(), T::NoteNeedsArea)));
                    return;
                }
            },
            Pin::Point => {
                state.note_pending.set(Some(note));
                message.set(Some(t(lang.get_untracked(), T::NoteClickMap)));
                return;
            }
            Pin::None => state.notes.update(|n| n.push(note)),
        }
        message.set(None);
        title.set(String::new());
        text.set(String::new());
    };
    let export = move |_| {
        let l = lang.get_untracked();
        let base = state.base.get_untracked();
        let defs = state.define.session.get_untracked().definitions;
        let csv = notes::csv(
            &state.notes.get_untracked(),
            &base,
            &defs,
            sozialatlas_core::export::CsvStyle::ExcelDe,
            l,
        );
        let stem = crate::io::download::file_stem(&[&state.title.get_untracked(), "notizen"]);
        let _ = crate::io::download::bytes(
            &format!("{stem}.csv"),
            "text/csv;charset=utf-8",
            csv.as_bytes(),
        );
    };
    let options = |list: &'static [&'static str], current: RwSignal<String>| {
        list.iter()
            .map(move |c| view! { <option value=*c selected=move || current.get() == *c>{*c}</option> })
            .collect_view()
    };
    let list = move || {
        let l = lang.get();
        let f = filter.get();
        let q = search.get().to_lowercase();
        state
            .notes
            .get()
            .into_iter()
            .enumerate()
            .filter(|(_, n)| f.is_empty() || n.category == f)
            .filter(|(_, n)| q.is_empty() || format!("{} {} {}", n.title, n.text, n.initials).to_lowercase().contains(&q))
            .map(|(k, n)| {
                let anchor = notes::anchor_label(&n, l);
                let status_now = n.status.clone();
                view! {
                    <li class="note" data-testid="note" data-category=n.category.clone() data-status=n.status.clone()>
                        <strong>{format!("{}. {}", k + 1, n.title)}</strong>
                        <span class="meta">{format!(" · {} · {} · {}", n.category, anchor, n.initials)}</span>
                        <p>{n.text.clone()}</p>
                        <select data-testid="note-status-edit" on:change=move |ev| { let v = event_target_value(&ev); state.notes.update(|all| if let Some(x) = all.get_mut(k) { x.status = v }) }>
                            {notes::STATUSES.iter().map(|s| view! { <option value=*s selected=*s == status_now>{*s}</option> }).collect_view()}
                        </select>
                        <button class="link" data-testid="note-delete" on:click=move |_| state.notes.update(|all| { if k < all.len() { all.remove(k); } })>{t(l, T::Delete)}</button>
                    </li>
                }
            })
            .collect_view()
    };
    let pin_value = move || match pin.get() {
        Pin::Area => "area",
        Pin::Point => "point",
        Pin::None => "none",
    };
    view! {
        <details class="notes-panel" data-testid="notes-panel">
            <summary>{move || format!("{} ({})", t(lang.get(), T::Notes), state.notes.read().len())}</summary>
            <label class="picker"><span>{move || t(lang.get(), T::NoteTitle)}</span>
                <input type="text" data-testid="note-title" prop:value=move || title.get() on:input=move |ev| title.set(event_target_value(&ev)) /></label>
            <label class="picker"><span>{move || t(lang.get(), T::NoteText)}</span>
                <textarea rows="2" data-testid="note-text" prop:value=move || text.get() on:input=move |ev| text.set(event_target_value(&ev))></textarea></label>
            <div class="note-row">
                <select data-testid="note-category" on:change=move |ev| category.set(event_target_value(&ev))>{options(&notes::CATEGORIES, category)}</select>
                <select data-testid="note-status" on:change=move |ev| status.set(event_target_value(&ev))>{options(&notes::STATUSES, status)}</select>
                <input type="text" size="4" data-testid="note-initials" placeholder=move || t(lang.get(), T::NoteInitials) prop:value=move || initials.get() on:input=move |ev| initials.set(event_target_value(&ev)) />
            </div>
            <label class="picker"><span>{move || t(lang.get(), T::NotePin)}</span>
                <select data-testid="note-anchor" prop:value=pin_value on:change=move |ev| pin.set(match event_target_value(&ev).as_str() { "point" => Pin::Point, "none" => Pin::None, _ => Pin::Area })>
                    <option value="area">{move || t(lang.get(), T::NotePinArea)}</option>
                    <option value="point">{move || t(lang.get(), T::NotePinPoint)}</option>
                    <option value="none">{move || t(lang.get(), T::NotePinNone)}</option>
                </select></label>
            <button data-testid="note-add" on:click=add>{move || t(lang.get(), T::NoteAdd)}</button>
            {move || message.get().map(|m| view! { <p class="hint" data-testid="note-message">{m}</p> })}
            <div class="note-row">
                <select data-testid="notes-filter" on:change=move |ev| filter.set(event_target_value(&ev))>
                    <option value="">{move || t(lang.get(), T::AllCategories)}</option>
                    {notes::CATEGORIES.iter().map(|c| view! { <option value=*c>{*c}</option> }).collect_view()}
                </select>
                <input type="search" data-testid="notes-search" placeholder=move || t(lang.get(), T::Search) on:input=move |ev| search.set(event_target_value(&ev)) />
            </div>
            <ol class="notes-list" data-testid="notes-list">{list}</ol>
            <button data-testid="export-notes" on:click=export>{move || t(lang.get(), T::ExportNotes)}</button>
        </details>
    }
}

//! The report panel: the texts and choices of the Sozialbericht (kept in the project) and the
//! button that downloads it at once (`export-report`), made by the core's `report::html` from
//! the project as it is, at the level shown.

use crate::i18n::{t, Lang, T};
use crate::io::download;
use crate::state::AppState;
use leptos::prelude::*;

/// Today as "30.11.2026" (German) or "2026-11-30" (English).
pub fn today(lang: Lang) -> String {
    let d = js_sys::Date::new_0();
    let (y, m, day) = (d.get_full_year(), d.get_month() + 1, d.get_date());
    match lang {
        Lang::De => format!("{day:02}.{m:02}.{y}"),
        Lang::En => format!("{y}-{m:02}-{day:02}"),
    }
}

/// The report of the project as it is now.
pub fn report_html(state: AppState) -> String {
    let project = crate::project::capture(state);
    let base = state.base.get_untracked();
    let level = state.level_def.get_untracked();
    let layers = state.layers.get_untracked();
    let lang = state.lang.get_untracked();
    let input = sozialatlas_core::report::ReportInput {
        base: &base,
        project: &project,
        level: level.as_deref(),
        layers: &layers,
        date: today(lang),
        lang,
    };
    crate::io::perf::time("report", || sozialatlas_core::report::html(&input))
}

/// Texts, choices and the download of the report.
#[component]
pub fn ReportPanel(state: AppState) -> impl IntoView {
    let lang = state.lang;
    let error = RwSignal::new(None::<String>);
    let make = move |_| {
        let html = report_html(state);
        let stem = download::file_stem(&[&state.title.get_untracked(), "bericht"]);
        let r = download::bytes(
            &format!("{stem}.html"),
            "text/html;charset=utf-8",
            html.as_bytes(),
        );
        error.set(r.err());
    };
    let comment_fields = move || {
        let specs = state.indicators.read();
        let report = state.report.read();
        let ids: Vec<String> = if report.indicators.is_empty() {
            state.classify.read().indicators.clone()
        } else {
            report.indicators.clone()
        };
        let mut fields: Vec<(String, String)> = specs
            .iter()
            .filter(|s| ids.contains(&s.id))
            .map(|s| (s.id.clone(), s.label.clone()))
            .collect();
        fields.push(("status".into(), t(lang.get(), T::StatusIndex).into()));
        fields.push(("typology".into(), t(lang.get(), T::Typology).into()));
        fields
            .into_iter()
            .map(|(id, label)| {
                let value = report.comments.get(&id).cloned().unwrap_or_default();
                let key = id.clone();
                view! {
                    <label class="picker">
                        <span>{label}</span>
                        <textarea rows="2" data-testid="report-comment" data-id=id prop:value=value
                            on:change=move |ev| { let v = event_target_value(&ev); let k = key.clone(); state.report.update(|r| { r.comments.insert(k, v); }) }></textarea>
                    </label>
                }
            })
            .collect_view()
    };
    view! {
        <details class="report-panel" data-testid="report-panel">
            <summary>{move || t(lang.get(), T::Report)}</summary>
            <label class="picker">
                <span>{move || t(lang.get(), T::ReportTitle)}</span>
                <input type="text" data-testid="report-title" prop:value=move || state.report.read().title.clone()
                    on:change=move |ev| { let v = event_target_value(&ev); state.report.update(|r| r.title = v) } />
            </label>
            <label class="picker">
                <span>{move || t(lang.get(), T::ReportIntro)}</span>
                <textarea rows="3" data-testid="report-intro" prop:value=move || state.report.read().intro.clone()
                    on:change=move |ev| { let v = event_target_value(&ev); state.report.update(|r| r.intro = v) }></textarea>
            </label>
            <label class="check">
                <input type="checkbox" data-testid="report-monitoring" prop:checked=move || state.report.read().monitoring
                    on:change=move |ev| { let v = event_target_checked(&ev); state.report.update(|r| r.monitoring = v) } />
                {move || t(lang.get(), T::ReportMonitoring)}
            </label>
            <p class="hint">{move || t(lang.get(), T::ReportHint)}</p>
            {comment_fields}
            <button data-testid="export-report" on:click=make>{move || t(lang.get(), T::MakeReport)}</button>
            {move || error.get().map(|e| view! { <p class="load-error">{e}</p> })}
        </details>
    }
}

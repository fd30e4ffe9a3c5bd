//! The time chart (`data-testid="timeseries"`): the shown indicator for one area, the
//! Sozialraum of the comparison level it lies in and the city, over every year of the data
//! (the core's series, drawn by the core's chart, so screen and export are one drawing); the
//! change from the base year to the year shown; downloads as SVG, PNG and CSV.

use crate::i18n::{t, T};
use crate::io::download;
use crate::state::AppState;
use leptos::prelude::*;
use sozialatlas_core::export::{chart, CsvStyle};
use sozialatlas_core::project::derive;
use sozialatlas_core::stats::series::Series;

/// The series of the shown indicator for `area` of the map shown (`None`: no area, or the
/// indicator has fewer than two years).
fn series_of(state: AppState, area: usize) -> Option<Series> {
    let atlas = state.atlas.get();
    let specs = state.indicators.read();
    let spec = specs.get(state.indicator.get()).or_else(|| specs.first())?;
    if area >= atlas.units.len() || atlas.years_of(spec).len() < 2 {
        return None;
    }
    let level = state.level_def.get();
    let units = derive::units_of(level.as_deref(), area);
    let coarser = state.coarser_level.get();
    Some(derive::series(
        &atlas,
        spec,
        area,
        &state.withheld.read(),
        coarser.as_deref().map(|c| (c, units.as_slice())),
    ))
}

/// The time chart of `area` (a signal: the hovered or selected area).
#[component]
pub fn TimeSeries(state: AppState, area: Signal<Option<usize>>) -> impl IntoView {
    let lang = state.lang;
    let series = Memo::new(move |_| area.get().and_then(|a| series_of(state, a)));
    let error = RwSignal::new(None::<String>);
    let stem = move |s: &Series| {
        download::file_stem(&[&state.atlas.read_untracked().name, &s.area.name, &s.label])
    };
    let save_svg = move |_| {
        if let Some(s) = series.get_untracked() {
            let svg = chart::line_chart(&s, lang.get_untracked());
            error.set(
                download::bytes(
                    &format!("{}.svg", stem(&s)),
                    "image/svg+xml",
                    svg.as_bytes(),
                )
                .err(),
            );
        }
    };
    let save_csv = move |_| {
        if let Some(s) = series.get_untracked() {
            let text = s.csv(CsvStyle::ExcelDe, lang.get_untracked());
            error.set(
                download::bytes(
                    &format!("{}.csv", stem(&s)),
                    "text/csv;charset=utf-8",
                    text.as_bytes(),
                )
                .err(),
            );
        }
    };
    let save_png = move |_| {
        if let Some(s) = series.get_untracked() {
            let svg = chart::line_chart(&s, lang.get_untracked());
            let name = format!("{}.png", stem(&s));
            wasm_bindgen_futures::spawn_local(async move {
                error.set(super::export::svg_png(&svg, chart::SIZE, &name).await.err());
            });
        }
    };
    let change = move || {
        let s = series.get()?;
        let l = lang.get();
        let to = state.year.get();
        let from = state.explore.read().change_from(&s.years, to)?;
        let (from, to) = if from < to { (from, to) } else { (to, from) };
        let parts: Vec<String> = s
            .lines()
            .iter()
            .enumerate()
            .map(|(k, line)| {
                let name = if k + 1 == s.lines().len() {
                    sozialatlas_core::stats::series::city_name(s.count, l).to_string()
                } else {
                    line.name.clone()
                };
                let c = s
                    .change(line, from, to)
                    .map_or("–".into(), |c| s.change_text(&c, l.numbers()));
                format!("{name}: {c}")
            })
            .collect();
        Some(format!(
            "{} {}–{}: {}",
            t(l, T::ChangeWord),
            sozialatlas_core::model::period_label(from, l),
            sozialatlas_core::model::period_label(to, l),
            parts.join(" · ")
        ))
    };
    view! {
        {move || match series.get() {
            None => area.get().is_none().then(|| view! {
                <p class="hint timeseries-hint">{t(lang.get(), T::TimeSeriesHint)}</p>
            }).into_any(),
            Some(s) => view! {
                <figure class="timeseries" data-testid="timeseries" data-years=s.years.len().to_string()>
                    <figcaption>{format!("{}: {}", t(lang.get(), T::TimeSeries), s.label)}</figcaption>
                    <div class="chart" inner_html=chart::line_chart(&s, lang.get())></div>
                    <p class="change" data-testid="timeseries-change">{change}</p>
                    <div class="downloads">
                        <button data-testid="timeseries-svg" on:click=save_svg>"SVG"</button>
                        <button data-testid="timeseries-png" on:click=save_png>"PNG"</button>
                        <button data-testid="timeseries-csv" on:click=save_csv>"CSV"</button>
                    </div>
                    {move || error.get().map(|e| view! { <p class="load-error" role="alert">{e}</p> })}
                </figure>
            }.into_any(),
        }}
    }
}

//! Exports: the map as SVG and PNG (title, legend, source line, date), the table with the
//! results as German Excel CSV and XLSX, and the map with the results as GeoJSON.

use crate::i18n::{t, T};
use crate::io::download;
use crate::state::{AppState, Mode};
use leptos::prelude::*;
use sozialatlas_core::export::svg::{LegendEntry, MapDocument};
use sozialatlas_core::export::xlsx;
use sozialatlas_core::export::{self, CsvStyle};
use sozialatlas_core::map::labels;
use sozialatlas_core::model::Column;
use wasm_bindgen::JsCast;

use crate::components::report::today;

/// The map as it is shown now, as a document.
pub fn map_document(state: AppState) -> MapDocument {
    let l = state.lang.get_untracked();
    let atlas = state.atlas.get_untracked();
    let shapes = state.shapes.get_untracked();
    let coloring = state.coloring.get_untracked();
    let labels = if state.labels.get_untracked() || state.projector.get_untracked() {
        labels::place(
            &state.anchors.get_untracked(),
            &state.label_widths.get_untracked(),
            13.0,
            [0.0, 0.0, shapes.size.0, shapes.size.1],
        )
        .into_iter()
        .map(|p| (p.x, p.y, atlas.units.names[p.unit].clone()))
        .collect()
    } else {
        Vec::new()
    };
    let town = state.title.get_untracked();
    let subtitle = if atlas.years.is_empty() {
        town
    } else {
        format!(
            "{} · {}",
            town,
            sozialatlas_core::model::period_label(state.year.get_untracked(), l)
        )
    };
    MapDocument {
        title: coloring.title.clone(),
        subtitle,
        frame: shapes.size,
        paths: shapes.paths.clone(),
        fills: coloring.fill.iter().map(|f| f.to_string()).collect(),
        labels,
        legend_title: t(l, T::Legend).into(),
        legend: coloring
            .legend
            .iter()
            .map(|e| LegendEntry {
                color: e.color.into(),
                label: format!("{} ({})", e.label, e.count),
            })
            .collect(),
        notes: coloring.notes.clone(),
        source: format!("{}: {} · Sozialatlas", t(l, T::Source), atlas.source),
        date: format!("{}: {}", t(l, T::AsOf), today(l)),
    }
}

/// The results shown now as extra columns: the map's class, the status index and class, the
/// cluster.
fn results(state: AppState) -> Vec<Column> {
    let coloring = state.coloring.get_untracked();
    let status = state.status.get_untracked();
    let typology = (state.mode.get_untracked() == Mode::Cluster)
        .then(|| state.typology.get_untracked())
        .flatten();
    sozialatlas_core::project::derive::results(
        Some((
            &coloring.title,
            coloring.class.iter().map(|c| c.to_string()).collect(),
        )),
        &status,
        typology.as_deref(),
    )
}

/// Downloads the project file of the current data and view.
pub fn save_project(state: AppState) -> Result<(), String> {
    download::bytes(
        &format!("{}.sozialatlas.json", stem(state)),
        "application/json",
        crate::project::project_file(state).as_bytes(),
    )
}

fn stem(state: AppState) -> String {
    let atlas = state.atlas.get_untracked();
    let title = state.coloring.get_untracked().title.clone();
    let year = state.year.get_untracked().to_string();
    download::file_stem(&[&atlas.name, &title, &year])
}

/// Renders the SVG document into a PNG (twice the size, for print) and downloads it.
async fn png(state: AppState) -> Result<(), String> {
    let doc = map_document(state);
    let (w, h) = doc.size();
    svg_png(&doc.to_svg(), (w, h), &format!("{}.png", stem(state))).await
}

/// Renders an SVG drawing of `size` into a PNG at twice the size (for print) and downloads it
/// as `name`.
pub async fn svg_png(svg: &str, size: (f64, f64), name: &str) -> Result<(), String> {
    let (w, h) = size;
    let array = js_sys::Uint8Array::from(svg.as_bytes());
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("image/svg+xml");
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(
        &js_sys::Array::of1(&array),
        &options,
    )
    .map_err(|e| format!("{e:?}"))?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(|e| format!("{e:?}"))?;
    let img = web_sys::HtmlImageElement::new().map_err(|e| format!("{e:?}"))?;
    img.set_src(&url);
    let decoded = wasm_bindgen_futures::JsFuture::from(img.decode()).await;
    let _ = web_sys::Url::revoke_object_url(&url);
    decoded.map_err(|e| format!("{e:?}"))?;
    let scale = 2.0;
    let canvas = document()
        .create_element("canvas")
        .map_err(|e| format!("{e:?}"))?
        .dyn_into::<web_sys::HtmlCanvasElement>()
        .map_err(|_| "no canvas".to_string())?;
    canvas.set_width((w * scale) as u32);
    canvas.set_height((h * scale) as u32);
    let ctx = canvas
        .get_context("2d")
        .map_err(|e| format!("{e:?}"))?
        .ok_or("no 2d context")?
        .dyn_into::<web_sys::CanvasRenderingContext2d>()
        .map_err(|_| "no 2d context".to_string())?;
    ctx.draw_image_with_html_image_element_and_dw_and_dh(&img, 0.0, 0.0, w * scale, h * scale)
        .map_err(|e| format!("{e:?}"))?;
    let data = canvas.to_data_url().map_err(|e| format!("{e:?}"))?;
    download::href(name, &data)
}

/// The export buttons.
#[component]
pub fn ExportPanel(state: AppState) -> impl IntoView {
    let lang = state.lang;
    let error = RwSignal::new(None::<String>);
    let report = move |r: Result<(), String>| error.set(r.err());
    let svg = move |_| {
        let doc = map_document(state);
        report(download::bytes(
            &format!("{}.svg", stem(state)),
            "image/svg+xml",
            doc.to_svg().as_bytes(),
        ));
    };
    let png_click = move |_| {
        wasm_bindgen_futures::spawn_local(async move { report(png(state).await) });
    };
    let key_name = move || state.key_column();
    let csv = move |_| {
        let atlas = state.atlas.get_untracked();
        let w = state.withheld.get_untracked();
        let text = export::csv_with(&atlas, &key_name(), CsvStyle::ExcelDe, &results(state), &w);
        report(download::bytes(
            &format!("{}.csv", stem(state)),
            "text/csv;charset=utf-8",
            text.as_bytes(),
        ));
    };
    let xlsx = move |_| {
        let atlas = state.atlas.get_untracked();
        let w = state.withheld.get_untracked();
        let bytes = xlsx::atlas_workbook(&atlas, &key_name(), &results(state), &w);
        report(download::bytes(
            &format!("{}.xlsx", stem(state)),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            &bytes,
        ));
    };
    // A zipped Shapefile in the map's planar coordinates (with its .prj), as GIS programs take it.
    let shapefile = move |_| {
        let atlas = state.atlas.get_untracked();
        let w = state.withheld.get_untracked();
        let stem = stem(state);
        report(
            sozialatlas_core::export::shapefile::zipped(
                &atlas,
                &key_name(),
                &results(state),
                &w,
                &stem,
            )
            .map_err(|e| e.0)
            .and_then(|z| download::bytes(&format!("{stem}.zip"), "application/zip", &z.bytes)),
        );
    };
    // GeoJSON in WGS 84 (RFC 7946) unless the planar copy is asked for.
    let planar = RwSignal::new(false);
    let geojson = move |_| {
        let atlas = state.atlas.get_untracked();
        let w = state.withheld.get_untracked();
        let l = lang.get_untracked();
        let (atlas, note) = match planar.get_untracked() {
            true => ((*atlas).clone(), None),
            false => match export::in_wgs84(&atlas) {
                Ok(a) => (a, None),
                Err(e) => ((*atlas).clone(), Some(e.message(l))),
            },
        };
        let value = export::geojson_with(&atlas, &key_name(), &results(state), &w);
        let saved = download::bytes(
            &format!("{}.geojson", stem(state)),
            "application/geo+json",
            value.to_string().as_bytes(),
        );
        // A map in unknown coordinates is written as it is, and the panel says so.
        report(saved.and(note.map_or(Ok(()), Err)));
    };
    let link = RwSignal::new(None::<String>);
    let share = move |_| link.set(Some(crate::project::link(state)));
    let copy = move |_| {
        if let Some(text) = link.get_untracked() {
            // navigator.clipboard.writeText (called through js-sys: web-sys gates Clipboard).
            let nav = js_sys::Reflect::get(&window(), &"navigator".into()).unwrap_or_default();
            if let Ok(cb) = js_sys::Reflect::get(&nav, &"clipboard".into()) {
                if let Ok(f) = js_sys::Reflect::get(&cb, &"writeText".into()) {
                    if let Ok(f) = f.dyn_into::<js_sys::Function>() {
                        let _ = f.call1(&cb, &text.into());
                    }
                }
            }
        }
    };
    let project = move |_| report(save_project(state));
    let offline = move |_| {
        wasm_bindgen_futures::spawn_local(async move {
            let r = match crate::project::offline_html(state).await {
                Ok(html) => download::bytes(
                    &format!("{}-offline.html", stem(state)),
                    "text/html;charset=utf-8",
                    html.as_bytes(),
                ),
                Err(e) => Err(e),
            };
            report(r)
        });
    };
    let files_note = move || {
        (state.source.get() == sozialatlas_core::project::DataSource::Files)
            .then(|| view! { <p class="hint" data-testid="share-files-note">{t(lang.get(), T::ShareFilesNote)}</p> })
    };
    view! {
        <section class="share" data-testid="share-panel">
            <h2>{move || t(lang.get(), T::Share)}</h2>
            <div class="export-buttons">
                <button data-testid="share-link" on:click=share>{move || t(lang.get(), T::ShareLink)}</button>
                <button data-testid="export-project" on:click=project>{move || t(lang.get(), T::SaveProject)}</button>
                <button data-testid="export-offline" on:click=offline>{move || t(lang.get(), T::SaveOffline)}</button>
            </div>
            {move || link.get().map(|url| view! {
                <div class="share-url">
                    <input type="text" readonly data-testid="share-url" prop:value=url.clone()
                        aria-label=move || t(lang.get(), T::ShareLink)
                        on:focus=|ev| { if let Some(i) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) { i.select() } } />
                    <button data-testid="share-copy" on:click=copy>{move || t(lang.get(), T::Copy)}</button>
                    <span class="hint">{format!("{} {}", url.len(), t(lang.get(), T::Characters))}</span>
                </div>
            })}
            {files_note}
        </section>
        <details class="export" data-testid="export-panel">
            <summary>{move || t(lang.get(), T::Export)}</summary>
            <div class="export-buttons">
                <button data-testid="export-svg" on:click=svg>{move || t(lang.get(), T::ExportSvg)}</button>
                <button data-testid="export-png" on:click=png_click>{move || t(lang.get(), T::ExportPng)}</button>
                <button data-testid="export-csv" on:click=csv>{move || t(lang.get(), T::ExportCsv)}</button>
                <button data-testid="export-xlsx" on:click=xlsx>{move || t(lang.get(), T::ExportXlsx)}</button>
                <button data-testid="export-geojson" on:click=geojson>{move || t(lang.get(), T::ExportGeojson)}</button>
                <button data-testid="export-shapefile" on:click=shapefile>{move || t(lang.get(), T::ExportShapefile)}</button>
            </div>
            <label class="check">
                <input type="checkbox" data-testid="geojson-planar"
                    prop:checked=move || planar.get()
                    on:change=move |ev| planar.set(event_target_checked(&ev)) />
                {move || {
                    let epsg = state.atlas.read().units.crs.map_or(String::new(), |c| format!(" (EPSG:{})", c.epsg));
                    format!("{}{epsg}", t(lang.get(), T::GeojsonPlanar))
                }}
            </label>
            {move || error.get().map(|e| view! { <p class="load-error">{e}</p> })}
        </details>
    }
}

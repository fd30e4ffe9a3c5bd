//! A preview of the loaded data: the first areas with key, name and the first columns, so the
//! user sees at a glance whether the join and the numbers are right.

use crate::i18n::{t, T};
use crate::state::AppState;
use leptos::prelude::*;
use sozialatlas_core::locale;
use sozialatlas_core::model::ColumnValues;

/// Rows and columns shown.
const ROWS: usize = 5;
const COLUMNS: usize = 4;

/// The preview table.
#[component]
pub fn TablePreview(state: AppState) -> impl IntoView {
    let lang = state.lang;
    let table = move || {
        let atlas = state.base.get();
        let style = lang.get().numbers();
        let cols: Vec<_> = atlas.table.columns.iter().take(COLUMNS).collect();
        let header = cols
            .iter()
            .map(|c| view! { <th>{c.name.clone()}</th> })
            .collect_view();
        let rows = (0..atlas.units.len().min(ROWS))
            .map(|i| {
                let cells = cols
                    .iter()
                    .map(|c| {
                        let v = match &c.values {
                            ColumnValues::Number(v) => v[i].map_or("–".to_string(), |x| {
                                locale::number(x, if x.fract() == 0.0 { 0 } else { 2 }, style)
                            }),
                            ColumnValues::Text(v) => v[i].clone().unwrap_or_else(|| "–".into()),
                        };
                        view! { <td>{v}</td> }
                    })
                    .collect_view();
                view! {
                    <tr>
                        <td>{atlas.units.keys[i].clone()}</td>
                        <td>{atlas.units.names[i].clone()}</td>
                        {cells}
                    </tr>
                }
            })
            .collect_view();
        view! {
            <table class="preview" data-testid="preview">
                <thead>
                    <tr><th>"Schlüssel"</th><th>"Name"</th>{header}</tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        }
    };
    view! {
        <details class="preview-box">
            <summary>{move || t(lang.get(), T::Preview)}</summary>
            <div class="preview-scroll">{table}</div>
        </details>
    }
}

//! The table view: every area with every indicator of the chosen year and the current map's
//! class, sortable by any column (click the header; again for the other direction). Clicking a
//! row opens the area's profile.

use crate::i18n::{t, T};
use crate::state::AppState;
use leptos::prelude::*;
use sozialatlas_core::locale;

/// Sort state: column (0 = name, 1 = key, 2 = class, 3.. = indicators) and direction.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Sort {
    column: usize,
    descending: bool,
}

/// The sortable table of all areas.
#[component]
pub fn TableView(state: AppState) -> impl IntoView {
    let lang = state.lang;
    let sort = RwSignal::new(Sort {
        column: 0,
        descending: false,
    });
    let table = move || {
        let atlas = state.atlas.get();
        let specs = state.indicators.get();
        let year = state.year.get();
        let coloring = state.coloring.get();
        let style = lang.get().numbers();
        // Values the small-number rule withholds are not shown and sort as missing.
        let withheld = state.withheld.get();
        let masks: Vec<Vec<bool>> = specs
            .iter()
            .map(|s| withheld.indicator(&atlas, s, year))
            .collect();
        let values: Vec<Vec<Option<f64>>> = specs
            .iter()
            .zip(&masks)
            .map(|(s, m)| {
                let mut v = atlas.indicator_values(s, year);
                for (x, _) in v.iter_mut().zip(m).filter(|(_, w)| **w) {
                    *x = None;
                }
                v
            })
            .collect();
        let why = crate::i18n::withheld_text(lang.get(), withheld.min);
        // Whole numbers (counts, facilities) without decimals, other columns by their range.
        let decimals: Vec<usize> = values
            .iter()
            .map(|v| {
                if v.iter().flatten().all(|x| x.fract() == 0.0) {
                    0
                } else {
                    locale::decimals_for_values(v)
                }
            })
            .collect();
        let Sort { column, descending } = sort.get();
        let mut order: Vec<usize> = (0..atlas.units.len()).collect();
        order.sort_by(|&a, &b| {
            let o = match column {
                0 => atlas.units.names[a].cmp(&atlas.units.names[b]),
                1 => atlas.units.keys[a].cmp(&atlas.units.keys[b]),
                2 => coloring.class.get(a).cmp(&coloring.class.get(b)),
                c => {
                    let v = &values[c - 3];
                    // Missing values always last.
                    match (v[a], v[b]) {
                        (Some(x), Some(y)) => x.total_cmp(&y),
                        (Some(_), None) => return std::cmp::Ordering::Less,
                        (None, Some(_)) => return std::cmp::Ordering::Greater,
                        (None, None) => std::cmp::Ordering::Equal,
                    }
                }
            };
            if descending {
                o.reverse()
            } else {
                o
            }
        });
        let header = |c: usize, label: String| {
            let aria = move || {
                let s = sort.get();
                if s.column != c {
                    "none"
                } else if s.descending {
                    "descending"
                } else {
                    "ascending"
                }
            };
            view! {
                <th scope="col" aria-sort=aria>
                    <button
                        data-testid="sort-column"
                        title=format!("{} {label}", t(lang.get_untracked(), T::SortBy))
                        on:click=move |_| sort.update(|s| {
                            if s.column == c { s.descending = !s.descending } else { *s = Sort { column: c, descending: c >= 3 } }
                        })
                    >{label.clone()}</button>
                </th>
            }
        };
        let l = lang.get();
        let mut heads = vec![
            header(0, t(l, T::Name).into()),
            header(1, t(l, T::Key).into()),
            header(2, t(l, T::MapClass).into()),
        ];
        heads.extend(specs.iter().enumerate().map(|(j, s)| {
            let unit = if s.unit.is_empty() {
                String::new()
            } else {
                format!(" ({})", s.unit)
            };
            header(j + 3, format!("{}{unit}", s.label))
        }));
        let rows = order
            .into_iter()
            .map(|i| {
                let cells = values
                    .iter()
                    .zip(&decimals)
                    .zip(&masks)
                    .map(|((v, &d), m)| match m.get(i).copied().unwrap_or(false) {
                        true => view! { <td class="withheld" data-withheld="true">{why.clone()}</td> }.into_any(),
                        false => view! { <td>{v[i].map_or("–".into(), |x| locale::number(x, d, style))}</td> }.into_any(),
                    })
                    .collect_view();
                view! {
                    <tr data-key=atlas.units.keys[i].clone() on:click=move |_| state.selected.set(Some(i))>
                        <th scope="row">{atlas.units.names[i].clone()}</th>
                        <td>{atlas.units.keys[i].clone()}</td>
                        <td>{coloring.class.get(i).cloned().unwrap_or_default()}</td>
                        {cells}
                    </tr>
                }
            })
            .collect_view();
        view! {
            <table class="area-table">
                <thead><tr>{heads}</tr></thead>
                <tbody>{rows}</tbody>
            </table>
        }
    };
    view! { <div class="table-view" data-testid="table-view">{table}</div> }
}

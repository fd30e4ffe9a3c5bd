//! The Define mode's panel (definitions, new definition, tools, Sozialräume, validation,
//! exports) and the table of aggregated indicators per Sozialraum.
//!
//! Contract (`data-testid`): `definition-select`, `new-def-source`, `new-def-create`,
//! `prefix-length`, `proposal-min-pop`, `import-assignment`, `tool-click`, `tool-brush`,
//! `tool-lasso`, `tool-eraser`, `brush-size`, `undo`, `redo`, `add-sozialraum`,
//! `sozialraum-row` (with `data-current`), `pop-min`, `pop-max`, `validation`,
//! `sozialraum-table`, `export-assignment`, `export-sozialraeume`, `export-sozialraeume-shapefile`,
//! `define-message`.

use crate::components::define_map::add_sozialraum;
use crate::define::{self, Tool};
use crate::i18n::{t, T};
use crate::state::AppState;
use leptos::prelude::*;
use sozialatlas_core::locale;
use sozialatlas_core::project::{derive, PopulationBounds};
use sozialatlas_core::sozialraum::definition::{populations, Edit, AREA_COLORS};
use sozialatlas_core::sozialraum::session::Origin;
use sozialatlas_core::sozialraum::start::{self, Start};

fn input_value(ev: &web_sys::Event) -> String {
    event_target_value(ev)
}

/// The panel of the Define mode.
#[component]
pub fn DefinePanel(state: AppState) -> impl IntoView {
    let lang = state.lang;
    let d = state.define;
    let source = RwSignal::new("prefix".to_string());
    // The prefix length the user typed; until then the default for the map's keys.
    let typed_prefix = RwSignal::new(None::<usize>);
    let default_prefix = Memo::new(move |_| start::default_prefix(&state.base.read().units.keys));
    let prefix = move || typed_prefix.get().unwrap_or_else(|| default_prefix.get());
    let column = RwSignal::new(String::new());
    let create = move |_| {
        let l = lang.get_untracked();
        let n = d.session.with_untracked(|s| s.definitions.len()) + 1;
        let name = format!("{} {n}", t(l, T::Definition));
        let src = match source.get_untracked().as_str() {
            "empty" => Start::Empty,
            "prefix" => Start::Prefix(
                typed_prefix
                    .get_untracked()
                    .unwrap_or_else(|| default_prefix.get_untracked()),
            ),
            "column" => Start::Column(column.get_untracked()),
            "clusters" => Start::Clusters(vec![]),
            "copy" => Start::Copy(sozialatlas_core::sozialraum::definition::Definition::empty(
                "", 0,
            )),
            "proposal" => return define::propose(state, name),
            _ => return,
        };
        match define::start(state, src, &name) {
            Some(def) => {
                d.message.set(None);
                d.add(def, Origin::Own)
            }
            None => d.message.set(Some((
                "Dafür fehlt die Grundlage (z. B. eine Typisierung oder eine Einteilung zum Kopieren).".into(),
                "There is nothing to start from (e.g. no typology or no definition to copy).".into(),
            ))),
        }
    };
    let on_import = move |ev: web_sys::Event| {
        if let Some(f) = crate::io::files::picked(&ev).into_iter().next() {
            define::import(state, f);
        }
    };
    let columns = move || start::grouping_columns(&state.base.read());
    let tool_button = move |tool: Tool, label: T, testid: &'static str, key: &'static str| {
        view! {
            <button
                class="tool"
                data-testid=testid
                aria-pressed=move || (d.tool.get() == tool).to_string()
                title=move || format!("{} ({key})", t(lang.get(), label))
                on:click=move |_| d.tool.set(tool)
            >
                {move || t(lang.get(), label)}
            </button>
        }
    };
    let has_def = move || d.with(|s| s.active_definition().is_some());
    let set_min_pop = move |ev: web_sys::Event| match sozialatlas_core::locale::parse_number(
        &input_value(&ev),
        state.lang.get_untracked().numbers(),
    ) {
        Some(m) if m > 0.0 && m.is_finite() => {
            d.message.set(None);
            state.proposal.update(|p| p.min_population = m)
        }
        _ => d.message.set(Some((
            "Bitte eine Mindestbevölkerung als Zahl angeben, z. B. 20000.".into(),
            "Please give the minimum population as a number, e.g. 20000.".into(),
        ))),
    };
    view! {
        <section class="define-panel" data-testid="define-panel">
            <h2>{move || t(lang.get(), T::Sozialraeume)}</h2>
            <p class="hint">{move || t(lang.get(), T::DefineHint)}</p>
            <Show when=move || { d.count() > 0 }>
                <label>
                    {move || t(lang.get(), T::Definition)}
                    <select data-testid="definition-select" on:change=move |ev| {
                        if let Ok(i) = input_value(&ev).parse::<usize>() { d.activate(i) }
                    }>
                        {move || d.with(|s| s.definitions.iter().zip(&s.origins).enumerate().map(|(i, (def, origin))| {
                            let mark = match origin {
                                Origin::Own => String::new(),
                                Origin::Link => format!(" ({})", t(lang.get(), T::FromLink)),
                                Origin::File => format!(" ({})", t(lang.get(), T::FromFile)),
                            };
                            view! {
                                <option value=i.to_string() selected=s.active == i>{format!("{}{mark}", def.name)}</option>
                            }
                        }).collect_view())}
                    </select>
                </label>
                <label>
                    {move || t(lang.get(), T::Name)}
                    <input type="text" data-testid="definition-name"
                        prop:value=move || d.with_active(|_, x| x.name.clone()).unwrap_or_default()
                        on:change=move |ev| {
                            let v = input_value(&ev);
                            d.edit(|s| s.rename_active(&v));
                        } />
                </label>
                <button class="link" data-testid="delete-definition" on:click=move |_| d.delete_active()>{move || t(lang.get(), T::DeleteDefinition)}</button>
            </Show>
            <details class="new-definition" open=move || d.count() == 0>
                <summary>{move || t(lang.get(), T::NewDefinition)}</summary>
                <label>
                    {move || t(lang.get(), T::StartFrom)}
                    <select data-testid="new-def-source" on:change=move |ev| source.set(input_value(&ev))>
                        <option value="prefix" selected>{move || t(lang.get(), T::FromPrefix)}</option>
                        <option value="column">{move || t(lang.get(), T::FromColumn)}</option>
                        <option value="clusters">{move || t(lang.get(), T::FromClusters)}</option>
                        <option value="proposal">{move || t(lang.get(), T::FromProposal)}</option>
                        <option value="empty">{move || t(lang.get(), T::FromEmpty)}</option>
                        <option value="copy">{move || t(lang.get(), T::FromCopy)}</option>
                    </select>
                </label>
                <Show when=move || source.get() == "prefix">
                    <label>
                        {move || t(lang.get(), T::PrefixLength)}
                        <input type="number" min="1" data-testid="prefix-length" prop:value=move || prefix().to_string()
                            on:change=move |ev| { if let Ok(n) = input_value(&ev).parse::<usize>() { typed_prefix.set(Some(n.max(1))) } } />
                    </label>
                </Show>
                <Show when=move || source.get() == "column">
                    <select data-testid="group-column" on:change=move |ev| column.set(input_value(&ev))>
                        <option value="">"–"</option>
                        {move || columns().into_iter().map(|c| view! { <option value=c.clone()>{c.clone()}</option> }).collect_view()}
                    </select>
                </Show>
                <Show when=move || source.get() == "proposal">
                    <label>
                        {move || t(lang.get(), T::ProposalMinPop)}
                        <input type="text" inputmode="numeric" data-testid="proposal-min-pop"
                            prop:value=move || locale::number(state.proposal.get().min_population, 0, lang.get().numbers())
                            on:change=set_min_pop />
                    </label>
                    <p class="hint">{move || t(lang.get(), T::ProposalHint)}</p>
                </Show>
                <button data-testid="new-def-create" on:click=create disabled=move || d.proposing.get().is_some()>{move || t(lang.get(), T::Create)}</button>
                <label class="import">
                    {move || t(lang.get(), T::ImportAssignment)}
                    <input type="file" accept=".csv,text/csv" data-testid="import-assignment" on:change=on_import />
                </label>
            </details>
            {move || d.proposing.get().map(|p| view! {
                <p class="progress" data-testid="proposal-progress">
                    {t(lang.get(), T::Proposing)}
                    <progress max="1" value=p.to_string()></progress>
                    <button data-testid="proposal-cancel" on:click=move |_| crate::define::cancel_proposal(state)>
                        {move || t(lang.get(), T::Cancel)}
                    </button>
                </p>
            })}
            {move || d.message.get().map(|(de, en)| view! {
                <p class="message warn" data-testid="define-message" role="alert">
                    {match lang.get() { crate::i18n::Lang::De => de, crate::i18n::Lang::En => en }}
                </p>
            })}
            <Show when=has_def>
                <div class="tools" role="toolbar">
                    {tool_button(Tool::Click, T::ToolClick, "tool-click", "C")}
                    {tool_button(Tool::Brush, T::ToolBrush, "tool-brush", "B")}
                    {tool_button(Tool::Lasso, T::ToolLasso, "tool-lasso", "L")}
                    {tool_button(Tool::Eraser, T::ToolEraser, "tool-eraser", "E")}
                </div>
                <label>
                    {move || t(lang.get(), T::BrushSize)}
                    <input type="range" min="4" max="80" data-testid="brush-size" prop:value=move || d.brush.get().to_string()
                        on:input=move |ev| { if let Ok(v) = input_value(&ev).parse::<f64>() { d.brush.set(v) } } />
                </label>
                <div class="undo-redo">
                    <button data-testid="undo" title="Strg+Z" disabled=move || d.history_len().0 == 0
                        on:click=move |_| d.undo_redo(false)>
                        {move || format!("↶ {} ({})", t(lang.get(), T::Undo), d.history_len().0)}
                    </button>
                    <button data-testid="redo" title="Strg+Y" disabled=move || d.history_len().1 == 0
                        on:click=move |_| d.undo_redo(true)>
                        {move || format!("↷ {} ({})", t(lang.get(), T::Redo), d.history_len().1)}
                    </button>
                </div>
                <SozialraumList state=state />
                <Validation state=state />
                <div class="exports">
                    <button data-testid="export-assignment" on:click=move |_| export_assignment(state)>{move || t(lang.get(), T::ExportAssignment)}</button>
                    <button data-testid="export-sozialraeume" on:click=move |_| export_dissolved(state)>{move || t(lang.get(), T::ExportSozialraeume)}</button>
                    <button data-testid="export-sozialraeume-shapefile" on:click=move |_| export_dissolved_shapefile(state)>{move || t(lang.get(), T::ExportSozialraeumeShapefile)}</button>
                </div>
            </Show>
        </section>
    }
}

/// The Sozialräume of the active definition: pick, rename, recolour, lock.
#[component]
fn SozialraumList(state: AppState) -> impl IntoView {
    let lang = state.lang;
    let d = state.define;
    let rows = move || {
        d.with_active(|_, def| {
            let atlas = state.base.read();
            let pop = atlas.population(state.year.get());
            let (count, people) = populations(&def.assign, def.areas.len(), pop);
            let style = lang.get().numbers();
            def.areas
                .iter()
                .enumerate()
                .map(|(i, a)| {
                    let i32_ = i as u32;
                    let color = crate::coloring::area_color(&a.color, i);
                    let name = a.name.clone();
                    let locked = a.locked;
                    let info = if pop.is_some() {
                        format!("{} · {} EW", count[i], locale::number(people[i], 0, style))
                    } else {
                        count[i].to_string()
                    };
                    view! {
                        <li class="sozialraum-row" data-testid="sozialraum-row"
                            data-current=move || (d.current.get() == Some(i32_)).to_string()
                            class:current=move || d.current.get() == Some(i32_)>
                            <button class="swatch-button" style=format!("background:{color}")
                                title=move || t(lang.get(), T::PaintWith)
                                on:click=move |_| d.current.set(Some(i32_))></button>
                            <input type="text" class="sr-name" prop:value=name.clone()
                                aria-label=move || t(lang.get(), T::Name)
                                on:change=move |ev| {
                                    let v = input_value(&ev);
                                    if !v.trim().is_empty() { d.run(Edit::Rename(i32_, v)) }
                                } />
                            <select class="sr-color" aria-label=move || t(lang.get(), T::Colour) style=format!("background:{color}")
                                on:change=move |ev| d.run(Edit::Recolour(i32_, input_value(&ev)))>
                                {AREA_COLORS.iter().map(|c| view! {
                                    <option value=*c selected=*c == color style=format!("background:{c}")>{*c}</option>
                                }).collect_view()}
                            </select>
                            <label class="lock" title=move || t(lang.get(), T::Lock)>
                                <input type="checkbox" checked=locked
                                    on:change=move |ev| d.run(Edit::Lock(i32_, event_target_checked(&ev))) />
                                {move || t(lang.get(), T::LockShort)}
                            </label>
                            <span class="count">{info}</span>
                        </li>
                    }
                })
                .collect::<Vec<_>>()
        })
        .unwrap_or_default()
    };
    view! {
        <ul class="sozialraum-list">{rows}</ul>
        <button data-testid="add-sozialraum" title="N" on:click=move |_| add_sozialraum(state)>
            {move || format!("+ {}", t(lang.get(), T::AddSozialraum))}
        </button>
    }
}

/// Checks shown beside the map: unassigned units, Sozialräume in several pieces, populations
/// outside the bounds the user sets.
#[component]
fn Validation(state: AppState) -> impl IntoView {
    let lang = state.lang;
    let d = state.define;
    let report = move || {
        let l = lang.get();
        let style = l.numbers();
        let topo = d.topology.get();
        let atlas = state.base.read();
        let pop = atlas.population(state.year.get());
        d.with(|s| {
            let def = s.active_definition()?;
            let c = derive::checks(def, &topo, pop, &s.bounds);
            let name = |a: usize| def.areas[a].name.clone();
            let mut lines: Vec<(bool, String)> = vec![(
                c.unassigned == 0,
                format!("{} {}", c.unassigned, t(l, T::UnitsUnassigned)),
            )];
            lines.push(if c.fragmented.is_empty() {
                (true, t(l, T::AllContiguous).to_string())
            } else {
                let broken: Vec<String> = c
                    .fragmented
                    .iter()
                    .map(|&(a, parts)| format!("{} ({parts} {})", name(a), t(l, T::Parts)))
                    .collect();
                (
                    false,
                    format!("{}: {}", t(l, T::NotContiguous), broken.join(", ")),
                )
            });
            if c.bounds_checked {
                lines.push(if c.outside_bounds.is_empty() {
                    (true, t(l, T::AllWithinBounds).to_string())
                } else {
                    let out: Vec<String> = c
                        .outside_bounds
                        .iter()
                        .map(|&(a, p)| format!("{} ({} EW)", name(a), locale::number(p, 0, style)))
                        .collect();
                    (
                        false,
                        format!("{}: {}", t(l, T::OutsideBounds), out.join(", ")),
                    )
                });
            }
            Some(lines)
        })
        .unwrap_or_default()
    };
    let set_bound = move |which: usize, ev: web_sys::Event| {
        let v = sozialatlas_core::locale::parse_number(
            &input_value(&ev),
            state.lang.get_untracked().numbers(),
        );
        d.edit(|s| {
            let b = &mut s.bounds;
            if which == 0 {
                b.min = v
            } else {
                b.max = v
            }
            *b = PopulationBounds::clamped(*b);
        });
    };
    view! {
        <section class="validation">
            <h3>{move || t(lang.get(), T::Checks)}</h3>
            <div class="bounds">
                <label>{move || t(lang.get(), T::PopMin)}
                    <input type="text" inputmode="numeric" data-testid="pop-min" on:change=move |ev| set_bound(0, ev) /></label>
                <label>{move || t(lang.get(), T::PopMax)}
                    <input type="text" inputmode="numeric" data-testid="pop-max" on:change=move |ev| set_bound(1, ev) /></label>
            </div>
            <ul data-testid="validation">
                {move || report().into_iter().map(|(ok, text)| view! {
                    <li class=if ok { "ok" } else { "warn" }>{if ok { "✓ " } else { "⚠ " }}{text}</li>
                }).collect_view()}
            </ul>
        </section>
    }
}

/// The table of aggregated indicators per Sozialraum (the core's
/// [`derive::area_table`]: counts summed, shares from summed numerators and denominators,
/// otherwise weighted as the note says) with the status class of the Sozialräume.
#[component]
pub fn SozialraumTable(state: AppState) -> impl IntoView {
    let lang = state.lang;
    let d = state.define;
    // Sorting: column (0 name, 1 units, 2 inhabitants, 3 status, 4.. indicators), descending.
    let sort = RwSignal::new((0usize, false));
    let table = move || {
        let atlas = state.base.get();
        let specs = state.indicators.get();
        let agg = d.aggregated(&atlas, &specs)?;
        let year = state.year.get();
        let settings = state.classify.get();
        let l = lang.get();
        let style = l.numbers();
        d.with_active(|_, def| {
            let rule = state.small_numbers.get();
            let table = derive::area_table(&atlas, &specs, def, &agg, &settings, year, &rule);
            let why = crate::i18n::withheld_text(l, rule.min_cases);
            let (col, desc) = sort.get();
            let mut order: Vec<usize> = (0..table.rows.len()).collect();
            let num = |r: usize| -> Option<f64> {
                let row = &table.rows[r];
                match col {
                    1 => Some(row.units as f64),
                    2 => row.population.filter(|_| !row.population_withheld),
                    3 => row.index,
                    c => row
                        .values
                        .get(c - 4)
                        .copied()
                        .flatten()
                        .filter(|_| !row.withheld.get(c - 4).copied().unwrap_or(false)),
                }
            };
            order.sort_by(|&a, &b| {
                let o = if col == 0 {
                    table.rows[a].name.cmp(&table.rows[b].name)
                } else {
                    match (num(a), num(b)) {
                        (Some(x), Some(y)) => x.total_cmp(&y),
                        (Some(_), None) => std::cmp::Ordering::Less,
                        (None, Some(_)) => std::cmp::Ordering::Greater,
                        (None, None) => std::cmp::Ordering::Equal,
                    }
                };
                if desc { o.reverse() } else { o }
            });
            let rows = order
                .iter()
                .map(|&r| &table.rows[r])
                .map(|row| {
                    let cells = specs
                        .iter()
                        .zip(&row.values)
                        .zip(&row.withheld)
                        .map(|((s, v), hidden)| {
                            if *hidden {
                                return view! { <td class="withheld" data-withheld="true">{why.clone()}</td> }.into_any();
                            }
                            let text = v
                                .map(|v| {
                                    let n = locale::number(v, locale::decimals_for(v), style);
                                    if s.unit.is_empty() { n } else { format!("{n} {}", s.unit) }
                                })
                                .unwrap_or_else(|| "–".into());
                            view! { <td class="num">{text}</td> }.into_any()
                        })
                        .collect_view();
                    let label = table.label(row).to_string();
                    view! {
                        <tr data-key=row.name.clone() data-class=label.clone()>
                            <th scope="row">{row.name.clone()}</th>
                            <td class="num">{row.units}</td>
                            <td class="num">{match row.population_withheld { true => why.clone(), false => row.population.map(|p| locale::number(p, 0, style)).unwrap_or_else(|| "–".into()) }}</td>
                            <td data-testid="sozialraum-status">{sozialatlas_core::stats::index::class_label(&label, l)}</td>
                            {cells}
                        </tr>
                    }
                })
                .collect_view();
            let sorter = move |c: usize, label: String, title: String| {
                let aria = move || match sort.get() {
                    (x, true) if x == c => "descending",
                    (x, false) if x == c => "ascending",
                    _ => "none",
                };
                view! {
                    <th scope="col" title=title aria-sort=aria>
                        <button class="link" data-testid="sozialraum-sort" on:click=move |_| sort.update(|s| *s = if s.0 == c { (c, !s.1) } else { (c, c >= 3) })>{label}</button>
                    </th>
                }
            };
            let head = specs
                .iter()
                .zip(&table.rules)
                .enumerate()
                .map(|(j, (s, r))| sorter(j + 4, s.label.clone(), r.describe(l).to_string()))
                .collect_view();
            let unweighted: Vec<String> = specs
                .iter()
                .zip(&table.rules)
                .filter(|(_, r)| **r == derive::Aggregation::Unweighted)
                .map(|(s, _)| s.label.clone())
                .collect();
            let note = (!unweighted.is_empty()).then(|| {
                format!(
                    "{}: {}",
                    derive::Aggregation::Unweighted.describe(l),
                    unweighted.join(", ")
                )
            });
            let recoverable = (!table.recoverable.is_empty()).then(|| {
                let mut groups: Vec<usize> = table.recoverable.iter().map(|r| r.group).collect();
                groups.sort_unstable();
                groups.dedup();
                t(l, T::Recoverable)
                    .replace("{m}", &groups.len().to_string())
                    .replace("{n}", &table.recoverable.len().to_string())
            });
            Some(view! {
                {recoverable.map(|r| view! { <p class="hint warning" data-testid="recoverable-note">{r}</p> })}
                <table data-testid="sozialraum-table">
                    <caption>{
                        let y = if atlas.years.is_empty() { String::new() } else { format!(" {}", sozialatlas_core::model::period_label(year, l)) };
                        format!("{} – {}{y} ({})", t(l, T::AggregatedTable), def.name, t(l, T::StatusFromClassify))
                    }</caption>
                    <thead><tr>
                        {sorter(0, t(l, T::Sozialraum).into(), String::new())}
                        {sorter(1, t(l, T::Areas).into(), String::new())}
                        {sorter(2, "EW".into(), String::new())}
                        {sorter(3, t(l, T::ViewStatus).into(), String::new())}
                        {head}
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
                {note.map(|n| view! { <p class="hint" data-testid="aggregation-note">{n}</p> })}
            })
        })
        .flatten()
    };
    view! { <div class="sozialraum-table">{table}</div> }
}

fn export_assignment(state: AppState) {
    let d = state.define;
    let atlas = state.base.get_untracked();
    let Some(def) = d.session.with_untracked(|s| s.active_definition().cloned()) else {
        return;
    };
    let csv = def.to_assignment_csv(&atlas.units.keys);
    let name = format!(
        "{}.csv",
        crate::io::download::file_stem(&[&state.title.get_untracked(), &def.name])
    );
    if let Err(e) = crate::io::download::save(&name, "text/csv", csv.as_bytes()) {
        d.message.set(Some(e));
    }
}

/// The active definition's Sozialräume dissolved with their aggregated figures, and what the
/// small-number rule withholds in them (for the exports).
fn dissolved_active(
    state: AppState,
) -> Option<(
    sozialatlas_core::sozialraum::definition::Definition,
    sozialatlas_core::model::Atlas,
    sozialatlas_core::stats::suppress::Withheld,
)> {
    let d = state.define;
    let atlas = state.base.get_untracked();
    let def = d
        .session
        .with_untracked(|s| s.active_definition().cloned())?;
    let topo = d.topology.get_untracked();
    let specs = state.indicators.get_untracked();
    let agg = derive::dissolved(&atlas, &specs, &def, &topo);
    let withheld = derive::withheld(&agg, &specs, &state.small_numbers.get_untracked());
    Some((def, agg, withheld))
}

/// The Sozialräume as GeoJSON: the core's dissolved Sozialräume with their aggregated figures.
fn export_dissolved(state: AppState) {
    let d = state.define;
    let Some((def, agg, withheld)) = dissolved_active(state) else {
        return;
    };
    // In WGS 84 (RFC 7946) as GIS programs and web maps expect it.
    let agg = match sozialatlas_core::export::in_wgs84(&agg) {
        Ok(a) => a,
        Err(e) => {
            use crate::i18n::Lang;
            let (de, en) = (e.message(Lang::De), e.message(Lang::En));
            d.message.set(Some((de, en)));
            agg
        }
    };
    let mut fc = sozialatlas_core::export::geojson_with(&agg, "area", &[], &withheld);
    fc["name"] = serde_json::json!(def.name);
    let name = format!(
        "{}.geojson",
        crate::io::download::file_stem(&[&state.title.get_untracked(), &def.name])
    );
    let text = serde_json::to_string(&fc).unwrap_or_default();
    if let Err(e) = crate::io::download::save(&name, "application/geo+json", text.as_bytes()) {
        d.message.set(Some(e));
    }
}

/// The Sozialräume as a zipped Shapefile in the map's planar coordinates (with its .prj and the
/// field names' list), as a city's GIS takes them back.
fn export_dissolved_shapefile(state: AppState) {
    let d = state.define;
    let Some((def, agg, withheld)) = dissolved_active(state) else {
        return;
    };
    let stem = crate::io::download::file_stem(&[&state.title.get_untracked(), &def.name]);
    let r = sozialatlas_core::export::shapefile::zipped(&agg, "area", &[], &withheld, &stem)
        .map_err(|e| e.0)
        .and_then(|z| {
            crate::io::download::bytes(&format!("{stem}.zip"), "application/zip", &z.bytes)
        });
    if let Err(e) = r {
        d.message.set(Some((e.clone(), e)));
    }
}

/// Keyboard shortcuts of the Define mode (not while typing in a field): Ctrl+Z undo,
/// Ctrl+Y / Ctrl+Shift+Z redo, C/B/L/E tools, N new Sozialraum, [ and ] brush size.
pub fn install_keys(state: AppState) {
    use wasm_bindgen::JsCast;
    let handler = wasm_bindgen::closure::Closure::<dyn Fn(web_sys::KeyboardEvent)>::new(
        move |ev: web_sys::KeyboardEvent| {
            if state.mode.get_untracked() != crate::state::Mode::Define {
                return;
            }
            let typing = ev
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .is_some_and(|e| matches!(e.tag_name().as_str(), "INPUT" | "SELECT" | "TEXTAREA"));
            if typing {
                return;
            }
            let d = state.define;
            let ctrl = ev.ctrl_key() || ev.meta_key();
            let key = ev.key().to_lowercase();
            match (ctrl, key.as_str()) {
                (true, "z") if ev.shift_key() => d.undo_redo(true),
                (true, "z") => d.undo_redo(false),
                (true, "y") => d.undo_redo(true),
                (false, "c") => d.tool.set(Tool::Click),
                (false, "b") => d.tool.set(Tool::Brush),
                (false, "l") => d.tool.set(Tool::Lasso),
                (false, "e") => d.tool.set(Tool::Eraser),
                (false, "n") => add_sozialraum(state),
                (false, "[") => d.brush.update(|b| *b = (*b / 1.25).max(4.0)),
                (false, "]") => d.brush.update(|b| *b = (*b * 1.25).min(80.0)),
                _ => return,
            }
            ev.prevent_default();
        },
    );
    if let Some(w) = web_sys::window() {
        let _ = w.add_event_listener_with_callback("keydown", handler.as_ref().unchecked_ref());
    }
    handler.forget();
}

//! The area profile (Steckbrief): opened by clicking an area; every indicator against the city
//! average with difference, rank and band, the area's status class and cluster, and a small
//! locator map. Printable on A4 (the print stylesheet prints only the profile while it is open).

use crate::i18n::{t, Lang, T};
use crate::state::AppState;
use leptos::prelude::*;
use sozialatlas_core::locale;
use sozialatlas_core::stats::area_profile;

/// The profile of the selected area (nothing when none is selected).
#[component]
pub fn AreaProfile(state: AppState) -> impl IntoView {
    let lang = state.lang;
    let body = move || {
        let i = state.selected.get()?;
        let atlas = state.atlas.get();
        if i >= atlas.units.len() {
            return None;
        }
        let l = lang.get();
        let style = l.numbers();
        let year = state.year.get();
        let specs = state.indicators.get();
        let withheld = state.withheld.get();
        let why = crate::i18n::withheld_text(l, withheld.min);
        let rows = area_profile::area_profile(&atlas, &specs, year, i, &withheld);
        let population_hidden = atlas
            .population
            .as_ref()
            .is_some_and(|p| withheld.cell(&atlas.column_name(p, year), i));
        let population =
            atlas
                .population(year)
                .and_then(|p| p[i])
                .map(|p| match population_hidden {
                    true => why.clone(),
                    false => locale::number(p, 0, style),
                });
        let status = state.status.get();
        let l = state.lang.get();
        let class = sozialatlas_core::stats::index::class_label(status.label(i), l);
        let status_text = match status.index[i] {
            Some(x) => format!("{class} (Index {})", locale::number(x, 2, style)),
            None => class,
        };
        let cluster = state.typology.get().and_then(|ty| {
            ty.labels[i].map(|c| format!("{} – {}", c + 1, ty.profiles[c].label_in(l)))
        });
        let shapes = state.shapes.get();
        // At a level: the units of the Sozialraum; with a comparison level: its Sozialraum.
        let level = state.level_def.get();
        let units = sozialatlas_core::project::derive::units_of(level.as_deref(), i);
        let base = state.base.get();
        let members = level.is_some().then(|| {
            let names: Vec<String> = units.iter().map(|&u| base.units.names[u].clone()).collect();
            format!("{} – {}", names.len(), names.join(", "))
        });
        let coarser = state.coarser_level.get().and_then(|c| {
            sozialatlas_core::project::derive::coarser_figures(&c, &specs, &units, year)
        });
        let coarser_head = coarser.as_ref().map(
            |c| view! { <th data-testid="profile-coarser-name">{format!("Ø {}", c.name)}</th> },
        );
        let coarser_cells: Vec<Option<String>> = (0..specs.len())
            .map(|k| {
                coarser
                    .as_ref()
                    .map(|c| match (c.withheld.get(k), c.values.get(k)) {
                        (Some(true), _) => why.clone(),
                        (_, Some(Some(v))) => locale::number(*v, rows[k].decimals, style),
                        _ => "–".into(),
                    })
            })
            .collect();
        let rows_view = rows
            .iter()
            .enumerate()
            .map(|(k, r)| {
                let d = r.decimals;
                let v = match (r.withheld, r.value) {
                    (true, _) => why.clone(),
                    (false, v) => v.map_or("–".into(), |v| locale::number(v, d, style)),
                };
                let a = r.average.value.map_or("–".into(), |v| locale::number(v, d, style));
                let diff = r.difference.map_or("–".into(), |x| locale::signed(x, d, l.numbers()));
                let rank = r.rank.map_or("–".into(), |k| format!("{k} {} {}", t(l, T::Of), r.ranked));
                let band = r.band.map_or("–", |b| match l {
                    Lang::De => b.label_de(),
                    Lang::En => b.label_en(),
                });
                let band_class = r.band.map_or("", |b| match (b as usize, r.direction) {
                    (3 | 4, sozialatlas_core::model::Direction::HighIsDisadvantage) => "worse",
                    (0 | 1, sozialatlas_core::model::Direction::HighIsAdvantage) => "worse",
                    (3 | 4, sozialatlas_core::model::Direction::HighIsAdvantage) => "better",
                    (0 | 1, sozialatlas_core::model::Direction::HighIsDisadvantage) => "better",
                    _ => "",
                });
                view! {
                    <tr data-withheld=r.withheld.then_some("true")>
                        <th scope="row">{r.label.clone()}{(!r.unit.is_empty()).then(|| format!(" ({})", r.unit))}</th>
                        <td>{v}</td>
                        <td>{a}</td>
                        {coarser_cells[k].clone().map(|c| view! { <td data-testid="profile-coarser">{c}</td> })}
                        <td>{diff}</td>
                        <td>{rank}</td>
                        <td class=band_class>{band}</td>
                    </tr>
                }
            })
            .collect_view();
        let locator = shapes
            .paths
            .iter()
            .enumerate()
            .map(|(j, d)| view! { <path d=d.clone() class:here=j == i /> })
            .collect_view();
        Some(view! {
            <article class="profile" data-testid="area-profile" aria-labelledby="profile-name">
                <header>
                    <p class="kicker">
                        {t(l, T::ProfileTitle)} " · " {atlas.name.clone()}
                        {(!atlas.years.is_empty()).then(|| format!(" · {}", sozialatlas_core::model::period_label(year, l)))}
                    </p>
                    <h2 id="profile-name">{atlas.units.names[i].clone()}</h2>
                    <div class="profile-actions">
                        <button data-testid="print-profile" on:click=move |_| { let _ = window().print(); }>{t(l, T::Print)}</button>
                        <button data-testid="close-profile" on:click=move |_| state.selected.set(None)>{t(l, T::Close)}</button>
                    </div>
                </header>
                <div class="profile-top">
                    <dl>
                        <dt>{t(l, T::Key)}</dt><dd data-testid="profile-key">{atlas.units.keys[i].clone()}</dd>
                        {population.map(|p| view! { <dt>{t(l, T::Inhabitants)}</dt><dd>{p}</dd> })}
                        {members.map(|m| view! { <dt>{t(l, T::Units)}</dt><dd data-testid="profile-units">{m}</dd> })}
                        <dt>{t(l, T::StatusClass)}</dt><dd data-testid="profile-status">{status_text}</dd>
                        {cluster.map(|c| view! { <dt>{t(l, T::Cluster)}</dt><dd data-testid="profile-cluster">{c}</dd> })}
                    </dl>
                    <svg class="locator" viewBox=shapes.view_box.clone() fill-rule="evenodd" aria-hidden="true">{locator}</svg>
                </div>
                <table class="profile-table" data-testid="profile-table">
                    <thead>
                        <tr>
                            <th>{t(l, T::Indicator)}</th>
                            <th>{t(l, T::Value)}</th>
                            <th>"Ø"</th>
                            {coarser_head}
                            <th>{t(l, T::Difference)}</th>
                            <th>{t(l, T::Rank)}</th>
                            <th>{t(l, T::Assessment)}</th>
                        </tr>
                    </thead>
                    <tbody>{rows_view}</tbody>
                </table>
                {
                    let here = super::facilities::in_area(state, i);
                    (!here.is_empty()).then(|| view! {
                        <section class="profile-facilities" data-testid="profile-facilities">
                            <h3>{t(l, T::FacilitiesHere)}</h3>
                            {here.into_iter().map(|(layer, names)| view! {
                                <p><strong>{format!("{layer} ({})", names.len())}</strong> ": " {names.join("; ")}</p>
                            }).collect_view()}
                        </section>
                    })
                }
                <super::TimeSeries state=state area=Signal::derive(move || state.selected.get()) />
                <p class="profile-source">{t(l, T::Source)} ": " {atlas.source.clone()}</p>
            </article>
        })
    };
    view! { {body} }
}

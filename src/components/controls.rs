//! Pickers for indicator and year.

use crate::i18n::{t, Lang, T};
use crate::state::AppState;
use leptos::prelude::*;

/// A `<select>` of all indicators of the atlas.
#[component]
pub fn IndicatorPicker(state: AppState) -> impl IntoView {
    let options = move || {
        state
            .indicators
            .get()
            .into_iter()
            .enumerate()
            .map(|(i, ind)| {
                view! {
                    <option value=i.to_string() selected=move || state.indicator.get() == i>
                        {ind.label}
                    </option>
                }
            })
            .collect_view()
    };
    view! {
        <label class="picker">
            <span>{move || t(state.lang.get(), T::Indicator)}</span>
            <select
                data-testid="indicator-picker"
                on:change=move |ev| {
                    if let Ok(i) = event_target_value(&ev).parse::<usize>() {
                        state.indicator.set(i);
                    }
                }
            >
                {options}
            </select>
        </label>
    }
}

/// A `<select>` of the years of the atlas (hidden when there is only one).
#[component]
pub fn YearPicker(state: AppState) -> impl IntoView {
    let years = move || state.atlas.read().years.clone();
    view! {
        <Show when=move || { years().len() > 1 }>
            <label class="picker">
                <span>{move || t(state.lang.get(), T::Year)}</span>
                <select
                    data-testid="year-picker"
                    on:change=move |ev| {
                        if let Ok(y) = event_target_value(&ev).parse::<i32>() {
                            state.year.set(y);
                        }
                    }
                >
                    {move || {
                        years()
                            .into_iter()
                            .map(|y| {
                                view! {
                                    <option value=y.to_string() selected=move || state.year.get() == y>
                                        {move || sozialatlas_core::model::period_label(y, state.lang.get())}
                                    </option>
                                }
                            })
                            .collect_view()
                    }}
                </select>
            </label>
        </Show>
    }
}

/// Checkboxes over all indicators: `chosen` gives the ids that are ticked, `toggle(id, on)` is
/// called on every change. Used by the status index and the typology.
#[component]
pub fn IndicatorChecklist(
    state: AppState,
    chosen: Signal<Vec<String>>,
    toggle: Callback<(String, bool)>,
    testid: &'static str,
) -> impl IntoView {
    move || {
        let ticked = chosen.get();
        state
            .indicators
            .get()
            .into_iter()
            .map(|ind| {
                let id = ind.id.clone();
                view! {
                    <label class="check">
                        <input
                            type="checkbox"
                            data-testid=testid
                            value=id.clone()
                            prop:checked=ticked.contains(&id)
                            on:change=move |ev| toggle.run((id.clone(), event_target_checked(&ev)))
                        />
                        {ind.label}
                    </label>
                }
            })
            .collect_view()
    }
}

/// Adds or removes `id` from a list of ids.
pub fn set_member(list: &mut Vec<String>, id: String, on: bool) {
    list.retain(|x| *x != id);
    if on {
        list.push(id);
    }
}

/// The Explore map's scheme: values or change from the previous year; classes per year or the
/// same for all years.
#[component]
pub fn ExploreScheme(state: AppState) -> impl IntoView {
    let lang = state.lang;
    let has_previous = move || state.atlas.read().years.len() > 1;
    view! {
        <Show when=has_previous>
            <label class="picker">
                <span>{move || t(lang.get(), T::MapShows)}</span>
                <select
                    data-testid="explore-view"
                    on:change=move |ev| {
                        let change = event_target_value(&ev) == "change";
                        state.explore.update(|e| e.change = change);
                    }
                >
                    <option value="level" selected=move || !state.explore.get().change>{move || t(lang.get(), T::ViewLevel)}</option>
                    <option value="change" selected=move || state.explore.get().change>{move || t(lang.get(), T::ViewChange)}</option>
                </select>
            </label>
            <label class="picker">
                <span>{move || t(lang.get(), T::BaseYear)}</span>
                <select
                    data-testid="base-year"
                    on:change=move |ev| {
                        let v = event_target_value(&ev).parse::<i32>().ok();
                        state.explore.update(|e| e.base_year = v);
                    }
                >
                    <option value="" selected=move || state.explore.read().base_year.is_none()>{move || t(lang.get(), T::BaseYearPrevious)}</option>
                    {move || {
                        let chosen = state.explore.read().base_year;
                        state.atlas.read().years.iter().map(|&y| {
                            view! { <option value=y.to_string() selected=chosen == Some(y)>{sozialatlas_core::model::period_label(y, lang.get())}</option> }
                        }).collect_view()
                    }}
                </select>
            </label>
            <label class="check pooled">
                <input
                    type="checkbox"
                    data-testid="pooled-breaks"
                    prop:checked=move || state.explore.get().pooled
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        state.explore.update(|e| e.pooled = on);
                    }
                />
                {move || t(lang.get(), T::PooledBreaks)}
            </label>
        </Show>
    }
}

/// The classes of the Explore map: scheme (`class-scheme`), number (`class-count`, 3 to 9),
/// typed bounds for the manual scheme (`class-breaks`), legend style (`legend-style`) and
/// colours (`palette`). Hidden for the change map, whose classes are fixed.
#[component]
pub fn ClassControls(state: AppState) -> impl IntoView {
    use sozialatlas_core::map::choropleth::LegendStyle;
    use sozialatlas_core::map::classes::Scheme;
    use sozialatlas_core::map::palette::PaletteChoice;
    let lang = state.lang;
    let bad_breaks = RwSignal::new(false);
    let scheme_text = |s: Scheme| match s {
        Scheme::Quantile => T::SchemeQuantile,
        Scheme::Equal => T::SchemeEqual,
        Scheme::Jenks => T::SchemeJenks,
        Scheme::StdDev => T::SchemeStdDev,
        Scheme::Manual => T::SchemeManual,
    };
    let palette_text = |p: PaletteChoice| match p {
        PaletteChoice::Auto => T::PaletteAuto,
        PaletteChoice::Greys => T::PaletteGreys,
        PaletteChoice::Viridis => T::PaletteViridis,
    };
    let is_manual = move || state.explore.read().scheme == Scheme::Manual;
    let shown_breaks = move || {
        let l = lang.get();
        let sep = match l {
            Lang::De => "; ",
            Lang::En => ", ",
        };
        state
            .explore
            .read()
            .breaks
            .iter()
            .map(|b| sozialatlas_core::locale::number(*b, decimals_of(*b), l.numbers()))
            .collect::<Vec<_>>()
            .join(sep)
    };
    let set_breaks = move |ev: web_sys::Event| {
        let text = event_target_value(&ev);
        match parse_breaks(&text, lang.get_untracked()) {
            Some(b) => {
                bad_breaks.set(false);
                state.explore.update(|e| {
                    e.breaks = b;
                    *e = e.clone().clamped();
                });
            }
            None => bad_breaks.set(true),
        }
    };
    view! {
        <Show when=move || !state.explore.read().change>
            <label class="picker">
                <span>{move || t(lang.get(), T::ClassScheme)}</span>
                <select
                    data-testid="class-scheme"
                    on:change=move |ev| {
                        if let Some(s) = Scheme::from_name(&event_target_value(&ev)) {
                            state.explore.update(|e| e.scheme = s);
                        }
                    }
                >
                    {Scheme::ALL
                        .into_iter()
                        .map(|s| view! {
                            <option value=s.name() selected=move || state.explore.read().scheme == s>
                                {move || t(lang.get(), scheme_text(s))}
                            </option>
                        })
                        .collect_view()}
                </select>
            </label>
            <Show when=move || !is_manual()>
                <label class="picker">
                    <span>{move || t(lang.get(), T::Classes)}</span>
                    <select
                        data-testid="class-count"
                        on:change=move |ev| {
                            if let Ok(k) = event_target_value(&ev).parse::<usize>() {
                                state.explore.update(|e| e.classes = k);
                            }
                        }
                    >
                        {(3..=9usize)
                            .map(|k| view! {
                                <option value=k.to_string() selected=move || state.explore.read().classes == k>
                                    {k.to_string()}
                                </option>
                            })
                            .collect_view()}
                    </select>
                </label>
            </Show>
            <Show when=is_manual>
                <label class="picker">
                    <span>{move || t(lang.get(), T::ManualBreaks)}</span>
                    <input type="text" inputmode="decimal" data-testid="class-breaks"
                        prop:value=shown_breaks on:change=set_breaks />
                </label>
                <Show when=move || bad_breaks.get()>
                    <p class="load-error" role="alert" data-testid="class-breaks-error">{move || t(lang.get(), T::ManualBreaksBad)}</p>
                </Show>
            </Show>
            <label class="picker">
                <span>{move || t(lang.get(), T::LegendStyleLabel)}</span>
                <select
                    data-testid="legend-style"
                    on:change=move |ev| {
                        if let Some(s) = LegendStyle::from_name(&event_target_value(&ev)) {
                            state.explore.update(|e| e.legend = s);
                        }
                    }
                >
                    <option value="range" selected=move || state.explore.read().legend == LegendStyle::Range>{move || t(lang.get(), T::LegendRange)}</option>
                    <option value="report" selected=move || state.explore.read().legend == LegendStyle::Report>{move || t(lang.get(), T::LegendReport)}</option>
                </select>
            </label>
            <label class="picker">
                <span>{move || t(lang.get(), T::PaletteLabel)}</span>
                <select
                    data-testid="palette"
                    on:change=move |ev| {
                        if let Some(p) = PaletteChoice::from_name(&event_target_value(&ev)) {
                            state.explore.update(|e| e.palette = p);
                        }
                    }
                >
                    {PaletteChoice::ALL
                        .into_iter()
                        .map(|p| view! {
                            <option value=p.name() selected=move || state.explore.read().palette == p>
                                {move || t(lang.get(), palette_text(p))}
                            </option>
                        })
                        .collect_view()}
                </select>
            </label>
        </Show>
    }
}

/// Decimals to write a typed bound as it was typed (up to 6).
fn decimals_of(x: f64) -> usize {
    (0..6)
        .find(|&d| {
            let f = 10f64.powi(d as i32);
            ((x * f).round() - x * f).abs() < 1e-9 * (x * f).abs().max(1.0)
        })
        .unwrap_or(6)
}

/// Bounds typed in the style of the UI: separated by semicolons or spaces (German, where the comma
/// is the decimal mark), or by commas, semicolons or spaces (English). `None` when a part is no
/// number; an empty text gives no bounds.
pub fn parse_breaks(text: &str, lang: Lang) -> Option<Vec<f64>> {
    let separators: &[char] = match lang {
        Lang::De => &[';', ' ', '\t'],
        Lang::En => &[',', ';', ' ', '\t'],
    };
    text.split(separators)
        .filter(|p| !p.trim().is_empty())
        .map(|p| sozialatlas_core::locale::parse_number(p, lang.numbers()))
        .collect()
}

/// The level of the analysis views (`level-select`): the base units (`units`), or one option
/// per Sozialraum definition with units, by its name, with its number of Sozialräume.
#[component]
pub fn LevelPicker(state: AppState) -> impl IntoView {
    let lang = state.lang;
    let options = move || {
        let n = state.base.read().units.len();
        let l = lang.get();
        let current = state.level.get();
        let defs = state.define.with(|s| {
            s.definitions
                .iter()
                .filter(|d| d.assign.iter().any(Option::is_some))
                .map(|d| {
                    // The Sozialräume the level shows: those with units.
                    let areas = d
                        .assign
                        .iter()
                        .flatten()
                        .collect::<std::collections::BTreeSet<_>>()
                        .len();
                    (d.name.clone(), areas)
                })
                .collect::<Vec<_>>()
        });
        let units = view! {
            <option value="units" selected=current.is_empty()>
                {format!("{} ({n})", t(l, T::LevelUnits))}
            </option>
        };
        let defs = defs
            .into_iter()
            .map(|(name, areas)| {
                let selected = name == current;
                view! {
                    <option value=name.clone() selected=selected>
                        {format!("{name} ({areas} {})", t(l, T::Sozialraeume))}
                    </option>
                }
            })
            .collect_view();
        (units, defs)
    };
    view! {
        <Show when=move || state.define.with(|s| !s.definitions.is_empty())>
            <label class="picker">
                <span>{move || t(lang.get(), T::Level)}</span>
                <select
                    data-testid="level-select"
                    on:change=move |ev| {
                        let v = event_target_value(&ev);
                        state.set_level(if v == "units" { String::new() } else { v });
                    }
                >
                    {options}
                </select>
            </label>
            <label class="picker">
                <span>{move || t(lang.get(), T::Coarser)}</span>
                <select
                    data-testid="coarser-select"
                    on:change=move |ev| state.coarser.set(event_target_value(&ev))
                >
                    <option value="" selected=move || state.coarser.get().is_empty()>{move || t(lang.get(), T::CoarserNone)}</option>
                    {move || {
                        let current = state.coarser.get();
                        let level = state.level.get();
                        state.define.with(|s| {
                            s.definitions
                                .iter()
                                .filter(|d| d.name != level && d.assign.iter().any(Option::is_some))
                                .map(|d| {
                                    let selected = d.name == current;
                                    view! { <option value=d.name.clone() selected=selected>{d.name.clone()}</option> }
                                })
                                .collect_view()
                        })
                    }}
                </select>
            </label>
        </Show>
    }
}

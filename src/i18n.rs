//! The one translation table: every text of the UI, German first, English second.

use sozialatlas_core::format::NumberStyle;
use sozialatlas_core::stats::AverageMethod;

/// The UI language.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Lang {
    /// German (default).
    #[default]
    De,
    /// English.
    En,
}

impl Lang {
    /// The number style that goes with the language.
    pub fn numbers(self) -> NumberStyle {
        match self {
            Lang::De => NumberStyle::German,
            Lang::En => NumberStyle::English,
        }
    }

    /// The `lang` attribute value.
    pub fn code(self) -> &'static str {
        match self {
            Lang::De => "de",
            Lang::En => "en",
        }
    }
}

/// A text of the UI.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum T {
    /// Product name.
    AppTitle,
    /// Subtitle under the name.
    Tagline,
    /// Label of the indicator picker.
    Indicator,
    /// Label of the year picker.
    Year,
    /// Label of the class count picker.
    Classes,
    /// Legend heading prefix.
    Legend,
    /// "City average".
    CityAverage,
    /// Legend row for units without a value.
    NoData,
    /// "areas" after a count.
    Areas,
    /// Legend marker for the class holding the city average.
    AverageMarker,
    /// Map's accessible label.
    MapLabel,
    /// Language switch label.
    Language,
    /// Classification scheme note.
    QuantileNote,
    /// Source line prefix.
    Source,
}

/// The text for `key` in `lang`.
pub fn t(lang: Lang, key: T) -> &'static str {
    use T::*;
    match (lang, key) {
        (Lang::De, AppTitle) => "Sozialatlas",
        (Lang::En, AppTitle) => "Sozialatlas",
        (Lang::De, Tagline) => {
            "Sozialräumliche Planung im Browser – Ihre Daten bleiben auf diesem Gerät"
        }
        (Lang::En, Tagline) => "Social planning in the browser – your data stays on this device",
        (Lang::De, Indicator) => "Indikator",
        (Lang::En, Indicator) => "Indicator",
        (Lang::De, Year) => "Jahr",
        (Lang::En, Year) => "Year",
        (Lang::De, Classes) => "Klassen",
        (Lang::En, Classes) => "Classes",
        (Lang::De, Legend) => "Legende",
        (Lang::En, Legend) => "Legend",
        (Lang::De, CityAverage) => "Städtischer Durchschnitt",
        (Lang::En, CityAverage) => "City average",
        (Lang::De, NoData) => "keine Angabe",
        (Lang::En, NoData) => "no data",
        (Lang::De, Areas) => "Gebiete",
        (Lang::En, Areas) => "areas",
        (Lang::De, AverageMarker) => "Ø",
        (Lang::En, AverageMarker) => "Ø",
        (Lang::De, MapLabel) => "Karte",
        (Lang::En, MapLabel) => "Map",
        (Lang::De, Language) => "English",
        (Lang::En, Language) => "Deutsch",
        (Lang::De, QuantileNote) => "Quantile (gleich viele Gebiete je Klasse)",
        (Lang::En, QuantileNote) => "Quantiles (equal number of areas per class)",
        (Lang::De, Source) => "Quelle",
        (Lang::En, Source) => "Source",
    }
}

/// How a city average was computed, in words.
pub fn average_method(lang: Lang, m: AverageMethod) -> &'static str {
    match (lang, m) {
        (Lang::De, AverageMethod::RatioOfSums) => "Summe der Zähler durch Summe der Nenner",
        (Lang::En, AverageMethod::RatioOfSums) => "sum of numerators over sum of denominators",
        (Lang::De, AverageMethod::PopulationWeighted) => "einwohnergewichteter Mittelwert",
        (Lang::En, AverageMethod::PopulationWeighted) => "population-weighted mean",
        (Lang::De, AverageMethod::Unweighted) => "ungewichteter Mittelwert der Gebiete",
        (Lang::En, AverageMethod::Unweighted) => "unweighted mean of the areas",
        (Lang::De, AverageMethod::Total) => "Summe",
        (Lang::En, AverageMethod::Total) => "total",
    }
}

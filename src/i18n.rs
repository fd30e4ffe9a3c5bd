//! The one translation table: every text of the UI, German first, English second.

use sozialatlas_core::stats::AverageMethod;

pub use sozialatlas_core::lang::Lang;

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
    /// Heading of the load panel.
    LoadData,
    /// Explanation in the load panel.
    LoadHint,
    /// Label of the key field.
    KeyColumn,
    /// Placeholder of the key field.
    KeyAuto,
    /// Load button.
    LoadButton,
    /// While loading.
    Loading,
    /// Back to the demo town.
    BackToDemo,
    /// Drop zone text.
    DropHere,
    /// Only a table was chosen.
    NeedMap,
    /// Label of the CRS choice.
    CoordinateSystem,
    /// Label of the sheet field.
    Sheet,
    /// Explore mode.
    ModeExplore,
    /// Classify mode.
    ModeClassify,
    /// Heading of the status index.
    StatusIndex,
    /// Explanation of the status index.
    StatusHint,
    /// Index indicators.
    IndexIndicators,
    /// Population floor.
    MinPopulation,
    /// Cluster mode.
    ModeCluster,
    /// Heading of the typology.
    Typology,
    /// Explanation of the typology.
    TypologyHint,
    /// Number of clusters.
    ClusterCount,
    /// k-means refinement.
    RefineKmeans,
    /// Caption of the profile table.
    ProfileCaption,
    /// Caption of the k table.
    ChooseK,
    /// Within-SS column.
    WithinSs,
    /// Indicators of the typology.
    ClusterIndicators,
    /// Nothing chosen to compute from.
    ChooseIndicators,
    /// Heading of the indicator setup.
    SetupIndicator,
    /// Label field.
    Label,
    /// Unit field.
    Unit,
    /// Direction field.
    Direction,
    /// High value means disadvantage.
    HighIsDisadvantage,
    /// High value means advantage.
    HighIsAdvantage,
    /// Neutral.
    Neutral,
    /// Kind field.
    Kind,
    /// Count.
    KindCount,
    /// Share.
    KindShare,
    /// Rate.
    KindRate,
    /// Mean.
    KindMean,
    /// Numerator field.
    Numerator,
    /// Denominator field.
    Denominator,
    /// Factor field.
    Factor,
    /// No column chosen.
    NoColumn,
    /// Population column field.
    PopulationColumn,
    /// Heading of the table preview.
    Preview,
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
        (Lang::De, LoadData) => "Eigene Daten laden",
        (Lang::En, LoadData) => "Load your own data",
        (Lang::De, LoadHint) => "Karte (GeoJSON oder Shapefile als .zip) und Tabelle (CSV oder Excel .xlsx) wählen oder auf die Seite ziehen. Die Daten bleiben auf diesem Gerät.",
        (Lang::En, LoadHint) => "Choose or drop a map (GeoJSON or a zipped Shapefile) and a table (CSV or Excel .xlsx). The data stays on this device.",
        (Lang::De, KeyColumn) => "Schlüsselspalte",
        (Lang::En, KeyColumn) => "Key column",
        (Lang::De, KeyAuto) => "automatisch",
        (Lang::En, KeyAuto) => "automatic",
        (Lang::De, LoadButton) => "Laden",
        (Lang::En, LoadButton) => "Load",
        (Lang::De, Loading) => "Wird geladen …",
        (Lang::En, Loading) => "Loading …",
        (Lang::De, BackToDemo) => "Zurück zur Demostadt",
        (Lang::En, BackToDemo) => "Back to the demo town",
        (Lang::De, DropHere) => "Dateien hier ablegen",
        (Lang::En, DropHere) => "Drop files here",
        (Lang::De, ModeExplore) => "Erkunden",
        (Lang::En, ModeExplore) => "Explore",
        (Lang::De, ModeClassify) => "Einordnen",
        (Lang::En, ModeClassify) => "Classify",
        (Lang::De, StatusIndex) => "Statusindex (Methode Monitoring Soziale Stadtentwicklung)",
        (Lang::En, StatusIndex) => "Status index (method of Berlin's social monitoring)",
        (Lang::De, StatusHint) => "z-Werte der Indikatoren, Summe, erneut standardisiert. Klassen: hoch < −1, mittel −1 … +1, niedrig +1 … +1,5, sehr niedrig > +1,5 (positiv = Benachteiligung).",
        (Lang::En, StatusHint) => "z-values of the indicators, summed, standardised again. Classes: high < −1, medium −1 … +1, low +1 … +1.5, very low > +1.5 (positive = disadvantage).",
        (Lang::De, IndexIndicators) => "Indikatoren des Index",
        (Lang::En, IndexIndicators) => "Index indicators",
        (Lang::De, MinPopulation) => "Gebiete unter … Einwohnern ausschließen",
        (Lang::En, MinPopulation) => "Leave out areas under … inhabitants",
        (Lang::De, ModeCluster) => "Typisieren",
        (Lang::En, ModeCluster) => "Typology",
        (Lang::De, Typology) => "Typisierung (Clusteranalyse nach Ward)",
        (Lang::En, Typology) => "Typology (Ward cluster analysis)",
        (Lang::De, TypologyHint) => "Die Indikatoren werden z-standardisiert und nach Ward gruppiert. Cluster 1 ist am wenigsten, der letzte am stärksten belastet.",
        (Lang::En, TypologyHint) => "The indicators are z-standardised and grouped by Ward's method. Cluster 1 is the least, the last the most disadvantaged.",
        (Lang::De, ClusterCount) => "Anzahl der Cluster",
        (Lang::En, ClusterCount) => "Number of clusters",
        (Lang::De, RefineKmeans) => " mit k-means verfeinern",
        (Lang::En, RefineKmeans) => " refine with k-means",
        (Lang::De, ProfileCaption) => "Mittlere z-Werte je Cluster (0 = Durchschnitt der Gebiete, rot = höher, blau = niedriger)",
        (Lang::En, ProfileCaption) => "Mean z-values per cluster (0 = mean of the areas, red = higher, blue = lower)",
        (Lang::De, ChooseK) => "Hilfe zur Wahl der Clusterzahl",
        (Lang::En, ChooseK) => "Help for choosing the number of clusters",
        (Lang::De, ChooseIndicators) => "Bitte mindestens einen Indikator mit Werten ankreuzen; bis dahin bleiben alle Gebiete ohne Zuordnung.",
        (Lang::En, ChooseIndicators) => "Please tick at least one indicator with values; until then all areas stay unassigned.",
        (Lang::De, ClusterIndicators) => "Indikatoren der Typisierung",
        (Lang::En, ClusterIndicators) => "Indicators of the typology",
        (Lang::De, WithinSs) => "Streuung in den Clustern",
        (Lang::En, WithinSs) => "Within-cluster SS",
        (Lang::De, Sheet) => "Tabellenblatt (Excel)",
        (Lang::En, Sheet) => "Sheet (Excel)",
        (Lang::De, SetupIndicator) => "Indikator einrichten",
        (Lang::En, SetupIndicator) => "Set up indicator",
        (Lang::De, Label) => "Bezeichnung",
        (Lang::En, Label) => "Label",
        (Lang::De, Unit) => "Einheit",
        (Lang::En, Unit) => "Unit",
        (Lang::De, Direction) => "Bedeutung hoher Werte",
        (Lang::En, Direction) => "Meaning of high values",
        (Lang::De, HighIsDisadvantage) => "Benachteiligung (z. B. SGB-II-Quote)",
        (Lang::En, HighIsDisadvantage) => "disadvantage (e.g. SGB II rate)",
        (Lang::De, HighIsAdvantage) => "Vorteil (z. B. Beschäftigungsquote)",
        (Lang::En, HighIsAdvantage) => "advantage (e.g. employment rate)",
        (Lang::De, Neutral) => "neutral (beschreibend)",
        (Lang::En, Neutral) => "neutral (descriptive)",
        (Lang::De, Kind) => "Art",
        (Lang::En, Kind) => "Kind",
        (Lang::De, KindCount) => "Anzahl",
        (Lang::En, KindCount) => "count",
        (Lang::De, KindShare) => "Anteil",
        (Lang::En, KindShare) => "share",
        (Lang::De, KindRate) => "Quote je Basis",
        (Lang::En, KindRate) => "rate per base",
        (Lang::De, KindMean) => "Mittelwert",
        (Lang::En, KindMean) => "mean",
        (Lang::De, Numerator) => "Zähler",
        (Lang::En, Numerator) => "Numerator",
        (Lang::De, Denominator) => "Nenner",
        (Lang::En, Denominator) => "Denominator",
        (Lang::De, Factor) => "Faktor (100 = Prozent)",
        (Lang::En, Factor) => "Factor (100 = percent)",
        (Lang::De, NoColumn) => "(keine Spalte)",
        (Lang::En, NoColumn) => "(no column)",
        (Lang::De, PopulationColumn) => "Einwohnerspalte (für Durchschnitte)",
        (Lang::En, PopulationColumn) => "Population column (for averages)",
        (Lang::De, Preview) => "Vorschau der Daten",
        (Lang::En, Preview) => "Data preview",
        (Lang::De, CoordinateSystem) => "Koordinatensystem der Karte",
        (Lang::En, CoordinateSystem) => "Coordinate system of the map",
        (Lang::De, NeedMap) => "Bitte auch eine Karte (GeoJSON) wählen: die Tabelle braucht Gebiete, an die sie angehängt wird.",
        (Lang::En, NeedMap) => "Please also choose a map (GeoJSON): the table needs areas to be joined to.",
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

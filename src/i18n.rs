//! The one translation table: every text of the UI, German first, English second.

use sozialatlas_core::stats::AverageMethod;

pub use sozialatlas_core::locale::Lang;

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
    /// A value withheld by the small-number rule ("geheim").
    Withheld,
    /// Why a value is withheld: "weniger als {} Fälle".
    WithheldWhy,
    /// Secondary disclosure warning with {n} and {m}.
    Recoverable,
    /// "Gebiete" of a Sozialraum in its Steckbrief.
    Units,
    /// Pooled classes of the base year and the year shown: "{a}", "{b}".
    PooledTwoNote,
    /// How the figures of a level's Sozialräume were made.
    LevelFigures,
    /// Button: the map with the results as a zipped Shapefile.
    ExportShapefile,
    /// Checkbox: GeoJSON in the map's planar coordinates instead of WGS 84.
    GeojsonPlanar,
    /// Caption of the comparison by result.
    ByResult,
    /// Row: Sozialräume of low or very low status.
    LowStatus,
    /// Row prefix: on the unfavourable side of the city average of …
    Unfavourable,
    /// Label of the coarser-level picker.
    Coarser,
    /// Option: no coarser level.
    CoarserNone,
    /// Label of the base-year picker.
    BaseYear,
    /// Option: the year before the one shown.
    BaseYearPrevious,
    /// Heading of the time chart.
    TimeSeries,
    /// "Veränderung".
    ChangeWord,
    /// Hint when no area is chosen for the time chart.
    TimeSeriesHint,
    /// Label of the small-number threshold input.
    SmallNumbersLabel,
    /// Help of the small-number threshold input.
    SmallNumbersHelp,
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
    /// Cancel a running load.
    Cancel,
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
    /// Heading of the area profile.
    ProfileTitle,
    /// Print button.
    Print,
    /// Close button.
    Close,
    /// Value column.
    Value,
    /// Difference column.
    Difference,
    /// Rank.
    Rank,
    /// "of" in a rank.
    Of,
    /// Band column.
    Assessment,
    /// Population.
    Inhabitants,
    /// Status class.
    StatusClass,
    /// Cluster.
    Cluster,
    /// Key.
    Key,
    /// Hint that areas are clickable.
    ClickHint,
    /// Projector mode button.
    Projector,
    /// Keys in projector mode.
    ProjectorHint,
    /// Leave projector mode.
    ExitProjector,
    /// Zoom in.
    ZoomIn,
    /// Zoom out.
    ZoomOut,
    /// Fit to data.
    ZoomFit,
    /// Names on the map.
    ShowLabels,
    /// Table view.
    TableView,
    /// Map view.
    MapView,
    /// Export heading.
    Export,
    /// SVG export.
    ExportSvg,
    /// PNG export.
    ExportPng,
    /// CSV export.
    ExportCsv,
    /// XLSX export.
    ExportXlsx,
    /// GeoJSON export.
    ExportGeojson,
    /// Date line prefix.
    AsOf,
    /// What the classify map shows.
    ClassifyView,
    /// Status index map.
    ViewStatus,
    /// Dynamic index map.
    ViewDynamic,
    /// Status x dynamic.
    ViewGrid,
    /// Prefix of a band map.
    ViewBand,
    /// Export dissolved as Shapefile.
    ExportSozialraeumeShapefile,
    /// Load notes.
    LoadNotes,
    /// Define click hint.
    HintClick,
    /// Define brush hint.
    HintBrush,
    /// Define lasso hint.
    HintLasso,
    /// Define eraser hint.
    HintEraser,
    /// Compare hint.
    HintCompare,
    /// Project title.
    ProjectTitle,
    /// Notes panel.
    Notes,
    /// Note title.
    NoteTitle,
    /// Note text.
    NoteText,
    /// Initials.
    NoteInitials,
    /// Where.
    NotePin,
    /// Pin to selected area.
    NotePinArea,
    /// Pin to a point.
    NotePinPoint,
    /// Not pinned.
    NotePinNone,
    /// Add note.
    NoteAdd,
    /// Note needs title.
    NoteNeedsTitle,
    /// Note needs area.
    NoteNeedsArea,
    /// Click the map.
    NoteClickMap,
    /// All categories.
    AllCategories,
    /// Search.
    Search,
    /// Export notes.
    ExportNotes,
    /// Delete.
    Delete,
    /// Report panel.
    Report,
    /// Report title.
    ReportTitle,
    /// Report introduction.
    ReportIntro,
    /// Monitoring variant.
    ReportMonitoring,
    /// Report hint.
    ReportHint,
    /// Make report button.
    MakeReport,
    /// Need against supply view.
    ViewNeedSupply,
    /// Facilities panel heading.
    Facilities,
    /// Add a point layer.
    AddPoints,
    /// Points (count).
    Points,
    /// Points outside the map.
    OutsideMap,
    /// Need indicator.
    NeedIndicator,
    /// Supply indicator.
    SupplyIndicator,
    /// Gap list heading.
    Gaps,
    /// Overlap list heading.
    Overlaps,
    /// Coverage distance.
    CoverageDistance,
    /// Grid progress.
    ReadingGrid,
    /// Facilities in an area.
    FacilitiesHere,
    /// Places.
    Places,
    /// No supply indicator.
    NoSupplyIndicator,
    /// Dynamic indicators.
    DynamicIndicators,
    /// Dynamic from two years.
    DynamicHint,
    /// No dynamic possible.
    NoDynamic,
    /// Band explanation.
    BandHint,
    /// Dendrogram caption.
    Dendrogram,
    /// Elbow chart caption.
    ElbowChart,
    /// "to the average".
    ToAverage,
    /// Sort button hint.
    SortBy,
    /// Name column.
    Name,
    /// Class column.
    MapClass,
    /// Hover info placeholder.
    Hover,
    /// Level map.
    ViewLevel,
    /// Change map.
    ViewChange,
    /// Pooled breaks checkbox.
    PooledBreaks,
    /// Pooled scheme note (after the scheme's note).
    PooledNote,
    /// Label of the class scheme picker.
    ClassScheme,
    /// Label of the level picker.
    Level,
    /// Level option: the base units.
    LevelUnits,
    /// Scheme option: quantiles.
    SchemeQuantile,
    /// Scheme option: equal intervals.
    SchemeEqual,
    /// Scheme option: natural breaks.
    SchemeJenks,
    /// Scheme option: standard deviations.
    SchemeStdDev,
    /// Scheme option: typed breaks.
    SchemeManual,
    /// Label of the manual breaks field.
    ManualBreaks,
    /// Message for manual breaks that are no numbers.
    ManualBreaksBad,
    /// Note of equal classes.
    EqualNote,
    /// Note of natural breaks.
    JenksNote,
    /// Note of standard-deviation classes.
    StdDevNote,
    /// Note of typed breaks.
    ManualNote,
    /// Label of the legend style picker.
    LegendStyleLabel,
    /// Legend style option: ranges.
    LegendRange,
    /// Legend style option: report.
    LegendReport,
    /// Label of the palette picker.
    PaletteLabel,
    /// Palette option: by direction.
    PaletteAuto,
    /// Palette option: greys.
    PaletteGreys,
    /// Palette option: viridis.
    PaletteViridis,
    /// Change scheme note.
    ChangeNote,
    /// Explore view label.
    MapShows,
    /// Wird berechnet …
    Computing,
    /// Übereinstimmung mit der Typisierung
    MetricClusters,
    /// Teilen
    Share,
    /// Link teilen
    ShareLink,
    /// Projekt speichern
    SaveProject,
    /// Als Offline-Datei speichern
    SaveOffline,
    /// Kopieren
    Copy,
    /// Zeichen
    Characters,
    /// Die Daten stammen aus Dateien dieses Computers: Der Link enthält nur die Ansicht und die Einteilungen. Wer ihn öffnet, braucht dieselben Dateien – oder Sie schicken die Projektdatei oder die Offline-Datei.
    ShareFilesNote,
    /// fest
    LockShort,
    /// Statusindex nach den Indikatoren unter „Einordnen“
    StatusFromClassify,
    /// Sozialräume
    Sozialraeume,
    /// Sozialraum
    Sozialraum,
    /// Sozialräume
    ModeDefine,
    /// Vergleichen
    ModeCompare,
    /// Einheiten zu Sozialräumen zusammenfassen: Einteilung anlegen, dann mit Klick, Pinsel oder Lasso malen. Alles wird automatisch in diesem Browser gespeichert.
    DefineHint,
    /// Einteilung
    Definition,
    /// Einteilung löschen
    DeleteDefinition,
    /// Neue Einteilung
    NewDefinition,
    /// Ausgangspunkt
    StartFrom,
    /// Schlüssel-Anfang (amtliche Ebene)
    FromPrefix,
    /// Spalte der Tabelle
    FromColumn,
    /// Typisierung (zusammenhängende Teile)
    FromClusters,
    /// Automatischer Vorschlag
    FromProposal,
    /// Leer
    FromEmpty,
    /// Kopie der aktuellen Einteilung
    FromCopy,
    /// Zeichen des Schlüssels
    PrefixLength,
    /// Mindestbevölkerung je Sozialraum
    ProposalMinPop,
    /// Zusammenhängende Sozialräume mit mindestens dieser Bevölkerung, in den Indikatoren der Typisierung möglichst einheitlich (Max-p-Regionalisierung).
    ProposalHint,
    /// Anlegen
    Create,
    /// Zuordnung importieren (CSV: key, area)
    ImportAssignment,
    /// Vorschlag wird berechnet …
    Proposing,
    /// Klick
    ToolClick,
    /// Pinsel
    ToolBrush,
    /// Lasso
    ToolLasso,
    /// Radierer
    ToolEraser,
    /// Pinselgröße
    BrushSize,
    /// Rückgängig
    Undo,
    /// Wiederholen
    Redo,
    /// Neuer Sozialraum
    AddSozialraum,
    /// Mit diesem Sozialraum malen
    PaintWith,
    /// Farbe
    Colour,
    /// Sperren: Gebiete bleiben beim Malen unverändert
    Lock,
    /// Prüfungen
    Checks,
    /// Mindestens EW
    PopMin,
    /// Höchstens EW
    PopMax,
    /// Gebiete ohne Sozialraum
    UnitsUnassigned,
    /// Teile
    Parts,
    /// Alle Sozialräume hängen zusammen
    AllContiguous,
    /// Nicht zusammenhängend
    NotContiguous,
    /// Alle Sozialräume innerhalb der Grenzen
    AllWithinBounds,
    /// Außerhalb der Grenzen
    OutsideBounds,
    /// Zuordnung (CSV)
    ExportAssignment,
    /// Sozialräume (GeoJSON)
    ExportSozialraeume,
    /// Kennzahlen der Sozialräume
    AggregatedTable,
    /// ohne Sozialraum
    Unassigned,
    /// Noch keine Einteilung: links unter „Neue Einteilung“ anlegen.
    NoDefinition,
    /// Zum Vergleichen braucht es zwei Einteilungen (unter „Sozialräume“ anlegen).
    NeedTwo,
    /// Nebeneinander
    SideBySide,
    /// Wischen
    Swipe,
    /// Differenz B – A
    DiffBA,
    /// Gebiete in einem anderen Sozialraum
    ChangedUnits,
    /// Zuordnungstabelle A × B
    Crosswalk,
    /// Anzahl Sozialräume
    MetricCount,
    /// Kleinste Bevölkerung
    MetricPopMin,
    /// Größte Bevölkerung
    MetricPopMax,
    /// Variationskoeffizient Bevölkerung
    MetricPopCv,
    /// Varianz innerhalb (Indikatoren Einordnen)
    MetricWithin,
    /// Kompaktheit (Polsby-Popper, Mittel)
    MetricCompact,
    /// Nicht zusammenhängend
    MetricFragmented,
    /// Gebiete ohne Sozialraum
    MetricUnassigned,
    /// In einer Einheit der Schlüsselebene
    MetricNested,
    /// Art: Dichte (je Fläche)
    KindDensity,
    /// Daten von einer fremden Adresse doch laden
    LoadAnyway,
    /// Nicht laden
    DoNotLoad,
    /// Import rückgängig machen
    UndoImport,
    /// Automatisches Speichern fehlgeschlagen
    AutosaveFailed,
    /// Vermerk an übernommenen Einteilungen: aus einem Link
    FromLink,
    /// Vermerk an übernommenen Einteilungen: aus einer Datei
    FromFile,
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
        (Lang::De, Withheld) => "geheim",
        (Lang::En, Withheld) => "withheld",
        (Lang::De, WithheldWhy) => "weniger als {} Fälle",
        (Lang::En, WithheldWhy) => "fewer than {} cases",
        (Lang::De, Recoverable) => "Achtung: In {m} Sozialräumen ist genau ein Wert einer Spalte geheim ({n}-mal); er ließe sich aus der angezeigten Summe des Sozialraums zurückrechnen. Summen dieser Sozialräume nicht ohne Prüfung weitergeben.",
        (Lang::En, Recoverable) => "Caution: in {m} Sozialräume exactly one value of a column is withheld ({n} times); it could be recovered from the Sozialraum's shown sum. Check before passing these sums on.",
        (Lang::De, Units) => "Gebiete",
        (Lang::En, Units) => "Units",
        (Lang::De, PooledTwoNote) => "gleiche Klassen für {a} und {b}",
        (Lang::En, PooledTwoNote) => "same classes for {a} and {b}",
        (Lang::De, LevelFigures) => "Werte der Sozialräume",
        (Lang::En, LevelFigures) => "Figures of the Sozialräume",
        (Lang::De, ExportShapefile) => "Shapefile (.zip)",
        (Lang::En, ExportShapefile) => "Shapefile (.zip)",
        (Lang::De, GeojsonPlanar) => "GeoJSON in Metern statt Längen/Breiten",
        (Lang::En, GeojsonPlanar) => "GeoJSON in metres instead of longitude/latitude",
        (Lang::De, ByResult) => "Nach Ergebnis (Sozialräume · Einwohner)",
        (Lang::En, ByResult) => "By result (Sozialräume · inhabitants)",
        (Lang::De, LowStatus) => "Status niedrig oder sehr niedrig",
        (Lang::En, LowStatus) => "Status low or very low",
        (Lang::De, Unfavourable) => "Ungünstiger als der Durchschnitt:",
        (Lang::En, Unfavourable) => "Less favourable than the average:",
        (Lang::De, Coarser) => "Vergleichsebene (Umrisse, Zeitreihe)",
        (Lang::En, Coarser) => "Comparison level (outlines, time chart)",
        (Lang::De, CoarserNone) => "keine",
        (Lang::En, CoarserNone) => "none",
        (Lang::De, BaseYear) => "Veränderung seit",
        (Lang::En, BaseYear) => "Change since",
        (Lang::De, BaseYearPrevious) => "dem Vorjahr",
        (Lang::En, BaseYearPrevious) => "the previous year",
        (Lang::De, TimeSeries) => "Zeitreihe",
        (Lang::En, TimeSeries) => "Time series",
        (Lang::De, ChangeWord) => "Veränderung",
        (Lang::En, ChangeWord) => "Change",
        (Lang::De, TimeSeriesHint) => "Zeigen Sie auf ein Gebiet, um seinen Verlauf zu sehen.",
        (Lang::En, TimeSeriesHint) => "Point at an area to see its course over the years.",
        (Lang::De, SmallNumbersLabel) => "Kleine Zahlen geheim halten unter",
        (Lang::En, SmallNumbersLabel) => "Withhold small numbers below",
        (Lang::De, SmallNumbersHelp) => "Fälle (Zähler eines Anteils oder die Zahl selbst; 0 = alles zeigen). Gilt für Karte, Steckbrief, Tabellen und alle Exporte; Durchschnitte und Indizes rechnen mit allen Daten.",
        (Lang::En, SmallNumbersHelp) => "cases (numerator of a share or the count itself; 0 = show everything). Applies to the map, profile, tables and every export; averages and indices use all data.",
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
        (Lang::De, Cancel) => "Abbrechen",
        (Lang::En, Cancel) => "Cancel",
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
        (Lang::De, ViewLevel) => "Werte des Jahres",
        (Lang::En, ViewLevel) => "Values of the year",
        (Lang::De, ViewChange) => "Veränderung",
        (Lang::En, ViewChange) => "Change",
        (Lang::De, PooledBreaks) => " gleiche Klassen für alle Jahre",
        (Lang::En, PooledBreaks) => " same classes for all years",
        (Lang::De, PooledNote) => "über alle Jahre (Karten der Jahre vergleichbar)",
        (Lang::En, PooledNote) => "over all years (maps of the years comparable)",
        (Lang::De, Level) => "Ebene",
        (Lang::En, Level) => "Level",
        (Lang::De, LevelUnits) => "Basiseinheiten",
        (Lang::En, LevelUnits) => "Base units",
        (Lang::De, ClassScheme) => "Klassenbildung",
        (Lang::En, ClassScheme) => "Classes by",
        (Lang::De, SchemeQuantile) => "Quantile (gleich viele Gebiete)",
        (Lang::En, SchemeQuantile) => "Quantiles (equal counts)",
        (Lang::De, SchemeEqual) => "gleiche Breite",
        (Lang::En, SchemeEqual) => "Equal intervals",
        (Lang::De, SchemeJenks) => "natürliche Brüche (Jenks)",
        (Lang::En, SchemeJenks) => "Natural breaks (Jenks)",
        (Lang::De, SchemeStdDev) => "Standardabweichungen um den Ø",
        (Lang::En, SchemeStdDev) => "Standard deviations around the average",
        (Lang::De, SchemeManual) => "eigene Grenzen",
        (Lang::En, SchemeManual) => "Own breaks",
        (Lang::De, ManualBreaks) => "Obergrenzen (z. B. 5; 10; 20)",
        (Lang::En, ManualBreaks) => "Upper bounds (e.g. 5, 10, 20)",
        (Lang::De, ManualBreaksBad) => "Bitte Zahlen angeben, getrennt durch Semikolon oder Leerzeichen (z. B. 5; 12,5; 20).",
        (Lang::En, ManualBreaksBad) => "Please give numbers separated by commas or spaces (e.g. 5, 12.5, 20).",
        (Lang::De, EqualNote) => "Klassen gleicher Breite zwischen kleinstem und größtem Wert",
        (Lang::En, EqualNote) => "Classes of equal width between the smallest and the largest value",
        (Lang::De, JenksNote) => "Natürliche Brüche (Fisher-Jenks): möglichst ähnliche Werte je Klasse",
        (Lang::En, JenksNote) => "Natural breaks (Fisher-Jenks): values as alike as possible within a class",
        (Lang::De, StdDevNote) => "Klassen in Standardabweichungen um den städtischen Durchschnitt",
        (Lang::En, StdDevNote) => "Classes in standard deviations around the city average",
        (Lang::De, ManualNote) => "Eigene Klassengrenzen",
        (Lang::En, ManualNote) => "Own class bounds",
        (Lang::De, LegendStyleLabel) => "Legende",
        (Lang::En, LegendStyleLabel) => "Legend",
        (Lang::De, LegendRange) => "von … bis",
        (Lang::En, LegendRange) => "from … to",
        (Lang::De, LegendReport) => "wie im Bericht (a < b … und größer)",
        (Lang::En, LegendReport) => "report style (a < b … and above)",
        (Lang::De, PaletteLabel) => "Farben",
        (Lang::En, PaletteLabel) => "Colours",
        (Lang::De, PaletteAuto) => "nach Richtung (rot/blau)",
        (Lang::En, PaletteAuto) => "by direction (red/blue)",
        (Lang::De, PaletteGreys) => "Graustufen (Druck schwarz-weiß)",
        (Lang::En, PaletteGreys) => "Greys (black-and-white print)",
        (Lang::De, PaletteViridis) => "Viridis (farbenblind-sicher)",
        (Lang::En, PaletteViridis) => "Viridis (colour-blind safe)",
        (Lang::De, ChangeNote) => "Klassen in Standardabweichungen um 0 (±0,5, ±1,5); rot = Zunahme der Belastung",
        (Lang::En, ChangeNote) => "Classes in standard deviations around 0 (±0.5, ±1.5); red = more disadvantage",
        (Lang::De, MapShows) => "Karte",
        (Lang::En, MapShows) => "Map",
        (Lang::De, Computing) => "Wird berechnet …",
        (Lang::En, Computing) => "Computing …",
        (Lang::De, MetricClusters) => "Übereinstimmung mit der Typisierung",
        (Lang::En, MetricClusters) => "Agreement with the typology",
        (Lang::De, Share) => "Teilen",
        (Lang::En, Share) => "Share",
        (Lang::De, ShareLink) => "Link teilen",
        (Lang::En, ShareLink) => "Share link",
        (Lang::De, SaveProject) => "Projekt speichern",
        (Lang::En, SaveProject) => "Save project",
        (Lang::De, SaveOffline) => "Als Offline-Datei speichern",
        (Lang::En, SaveOffline) => "Save as offline file",
        (Lang::De, Copy) => "Kopieren",
        (Lang::En, Copy) => "Copy",
        (Lang::De, Characters) => "Zeichen",
        (Lang::En, Characters) => "characters",
        (Lang::De, KindDensity) => "Dichte (je Fläche)",
        (Lang::En, KindDensity) => "Density (per area)",
        (Lang::De, LoadAnyway) => "Laden",
        (Lang::En, LoadAnyway) => "Load",
        (Lang::De, DoNotLoad) => "Nicht laden",
        (Lang::En, DoNotLoad) => "Do not load",
        (Lang::De, UndoImport) => "Rückgängig",
        (Lang::En, UndoImport) => "Undo",
        (Lang::De, AutosaveFailed) => "Automatisches Speichern ist fehlgeschlagen: Der Speicher dieses Browsers ist voll oder gesperrt (privates Fenster). Änderungen gehen beim Schließen verloren – bitte das Projekt als Datei speichern.",
        (Lang::En, AutosaveFailed) => "Saving automatically failed: this browser's storage is full or blocked (private window). Changes are lost when the page closes – please save the project as a file.",
        (Lang::De, FromLink) => "aus Link",
        (Lang::En, FromLink) => "from link",
        (Lang::De, FromFile) => "aus Datei",
        (Lang::En, FromFile) => "from file",
        (Lang::De, ShareFilesNote) => "Die Daten stammen aus Dateien dieses Computers: Der Link enthält nur die Ansicht und die Einteilungen. Wer ihn öffnet, braucht dieselben Dateien – oder Sie schicken die Projektdatei oder die Offline-Datei.",
        (Lang::En, ShareFilesNote) => "The data comes from files on this computer: the link holds only the view and the definitions. Whoever opens it needs the same files – or send the project file or the offline file.",
        (Lang::De, LockShort) => "fest",
        (Lang::En, LockShort) => "lock",
        (Lang::De, StatusFromClassify) => "Statusindex nach den Indikatoren unter „Einordnen“",
        (Lang::En, StatusFromClassify) => "status index from the indicators under “Classify”",
        (Lang::De, Sozialraeume) => "Sozialräume",
        (Lang::En, Sozialraeume) => "Sozialräume",
        (Lang::De, Sozialraum) => "Sozialraum",
        (Lang::En, Sozialraum) => "Sozialraum",
        (Lang::De, ModeDefine) => "Sozialräume",
        (Lang::En, ModeDefine) => "Sozialräume",
        (Lang::De, ModeCompare) => "Vergleichen",
        (Lang::En, ModeCompare) => "Compare",
        (Lang::De, DefineHint) => "Einheiten zu Sozialräumen zusammenfassen: Einteilung anlegen, dann mit Klick, Pinsel oder Lasso malen. Alles wird automatisch in diesem Browser gespeichert.",
        (Lang::En, DefineHint) => "Group units into Sozialräume: create a definition, then paint by click, brush or lasso. Everything is saved automatically in this browser.",
        (Lang::De, Definition) => "Einteilung",
        (Lang::En, Definition) => "Definition",
        (Lang::De, DeleteDefinition) => "Einteilung löschen",
        (Lang::En, DeleteDefinition) => "Delete definition",
        (Lang::De, NewDefinition) => "Neue Einteilung",
        (Lang::En, NewDefinition) => "New definition",
        (Lang::De, StartFrom) => "Ausgangspunkt",
        (Lang::En, StartFrom) => "Start from",
        (Lang::De, FromPrefix) => "Schlüssel-Anfang (amtliche Ebene)",
        (Lang::En, FromPrefix) => "Key prefix (official level)",
        (Lang::De, FromColumn) => "Spalte der Tabelle",
        (Lang::En, FromColumn) => "Table column",
        (Lang::De, FromClusters) => "Typisierung (zusammenhängende Teile)",
        (Lang::En, FromClusters) => "Typology (connected parts)",
        (Lang::De, FromProposal) => "Automatischer Vorschlag",
        (Lang::En, FromProposal) => "Automatic proposal",
        (Lang::De, FromEmpty) => "Leer",
        (Lang::En, FromEmpty) => "Empty",
        (Lang::De, FromCopy) => "Kopie der aktuellen Einteilung",
        (Lang::En, FromCopy) => "Copy of the current definition",
        (Lang::De, PrefixLength) => "Zeichen des Schlüssels",
        (Lang::En, PrefixLength) => "Characters of the key",
        (Lang::De, ProposalMinPop) => "Mindestbevölkerung je Sozialraum",
        (Lang::En, ProposalMinPop) => "Minimum population per Sozialraum",
        (Lang::De, ProposalHint) => "Zusammenhängende Sozialräume mit mindestens dieser Bevölkerung, in den Indikatoren der Typisierung möglichst einheitlich (Max-p-Regionalisierung).",
        (Lang::En, ProposalHint) => "Contiguous Sozialräume with at least this population, as homogeneous as possible in the typology's indicators (max-p regionalisation).",
        (Lang::De, Create) => "Anlegen",
        (Lang::En, Create) => "Create",
        (Lang::De, ImportAssignment) => "Zuordnung importieren (CSV: key, area)",
        (Lang::En, ImportAssignment) => "Import assignment (CSV: key, area)",
        (Lang::De, Proposing) => "Vorschlag wird berechnet …",
        (Lang::En, Proposing) => "Computing proposal …",
        (Lang::De, ToolClick) => "Klick",
        (Lang::En, ToolClick) => "Click",
        (Lang::De, ToolBrush) => "Pinsel",
        (Lang::En, ToolBrush) => "Brush",
        (Lang::De, ToolLasso) => "Lasso",
        (Lang::En, ToolLasso) => "Lasso",
        (Lang::De, ToolEraser) => "Radierer",
        (Lang::En, ToolEraser) => "Eraser",
        (Lang::De, BrushSize) => "Pinselgröße",
        (Lang::En, BrushSize) => "Brush size",
        (Lang::De, Undo) => "Rückgängig",
        (Lang::En, Undo) => "Undo",
        (Lang::De, Redo) => "Wiederholen",
        (Lang::En, Redo) => "Redo",
        (Lang::De, AddSozialraum) => "Neuer Sozialraum",
        (Lang::En, AddSozialraum) => "New Sozialraum",
        (Lang::De, PaintWith) => "Mit diesem Sozialraum malen",
        (Lang::En, PaintWith) => "Paint with this Sozialraum",
        (Lang::De, Colour) => "Farbe",
        (Lang::En, Colour) => "Colour",
        (Lang::De, Lock) => "Sperren: Gebiete bleiben beim Malen unverändert",
        (Lang::En, Lock) => "Lock: units stay as they are when painting",
        (Lang::De, Checks) => "Prüfungen",
        (Lang::En, Checks) => "Checks",
        (Lang::De, PopMin) => "Mindestens EW",
        (Lang::En, PopMin) => "At least inhabitants",
        (Lang::De, PopMax) => "Höchstens EW",
        (Lang::En, PopMax) => "At most inhabitants",
        (Lang::De, UnitsUnassigned) => "Gebiete ohne Sozialraum",
        (Lang::En, UnitsUnassigned) => "units without a Sozialraum",
        (Lang::De, Parts) => "Teile",
        (Lang::En, Parts) => "parts",
        (Lang::De, AllContiguous) => "Alle Sozialräume hängen zusammen",
        (Lang::En, AllContiguous) => "All Sozialräume are contiguous",
        (Lang::De, NotContiguous) => "Nicht zusammenhängend",
        (Lang::En, NotContiguous) => "Not contiguous",
        (Lang::De, AllWithinBounds) => "Alle Sozialräume innerhalb der Grenzen",
        (Lang::En, AllWithinBounds) => "All Sozialräume within the bounds",
        (Lang::De, OutsideBounds) => "Außerhalb der Grenzen",
        (Lang::En, OutsideBounds) => "Outside the bounds",
        (Lang::De, ExportAssignment) => "Zuordnung (CSV)",
        (Lang::En, ExportAssignment) => "Assignment (CSV)",
        (Lang::De, ExportSozialraeume) => "Sozialräume (GeoJSON)",
        (Lang::En, ExportSozialraeume) => "Sozialräume (GeoJSON)",
        (Lang::De, AggregatedTable) => "Kennzahlen der Sozialräume",
        (Lang::En, AggregatedTable) => "Figures of the Sozialräume",
        (Lang::De, Unassigned) => "ohne Sozialraum",
        (Lang::En, Unassigned) => "without Sozialraum",
        (Lang::De, NoDefinition) => "Noch keine Einteilung: links unter „Neue Einteilung“ anlegen.",
        (Lang::En, NoDefinition) => "No definition yet: create one under “New definition” on the left.",
        (Lang::De, NeedTwo) => "Zum Vergleichen braucht es zwei Einteilungen (unter „Sozialräume“ anlegen).",
        (Lang::En, NeedTwo) => "Comparing needs two definitions (create them under “Sozialräume”).",
        (Lang::De, SideBySide) => "Nebeneinander",
        (Lang::En, SideBySide) => "Side by side",
        (Lang::De, Swipe) => "Wischen",
        (Lang::En, Swipe) => "Swipe",
        (Lang::De, DiffBA) => "Differenz B – A",
        (Lang::En, DiffBA) => "Difference B – A",
        (Lang::De, ChangedUnits) => "Gebiete in einem anderen Sozialraum",
        (Lang::En, ChangedUnits) => "units in another Sozialraum",
        (Lang::De, Crosswalk) => "Zuordnungstabelle A × B",
        (Lang::En, Crosswalk) => "Crosswalk A × B",
        (Lang::De, MetricCount) => "Anzahl Sozialräume",
        (Lang::En, MetricCount) => "Number of Sozialräume",
        (Lang::De, MetricPopMin) => "Kleinste Bevölkerung",
        (Lang::En, MetricPopMin) => "Smallest population",
        (Lang::De, MetricPopMax) => "Größte Bevölkerung",
        (Lang::En, MetricPopMax) => "Largest population",
        (Lang::De, MetricPopCv) => "Variationskoeffizient Bevölkerung",
        (Lang::En, MetricPopCv) => "Coefficient of variation, population",
        (Lang::De, MetricWithin) => "Varianz innerhalb (Indikatoren Einordnen)",
        (Lang::En, MetricWithin) => "Variance within (Classify indicators)",
        (Lang::De, MetricCompact) => "Kompaktheit (Polsby-Popper, Mittel)",
        (Lang::En, MetricCompact) => "Compactness (Polsby-Popper, mean)",
        (Lang::De, MetricFragmented) => "Nicht zusammenhängend",
        (Lang::En, MetricFragmented) => "Not contiguous",
        (Lang::De, MetricUnassigned) => "Gebiete ohne Sozialraum",
        (Lang::En, MetricUnassigned) => "Units without Sozialraum",
        (Lang::De, MetricNested) => "In einer Einheit der Schlüsselebene",
        (Lang::En, MetricNested) => "Within one unit of the key level",
        (Lang::De, ProfileTitle) => "Steckbrief",
        (Lang::En, ProfileTitle) => "Area profile",
        (Lang::De, Print) => "Drucken",
        (Lang::En, Print) => "Print",
        (Lang::De, Close) => "Schließen",
        (Lang::En, Close) => "Close",
        (Lang::De, Value) => "Wert",
        (Lang::En, Value) => "Value",
        (Lang::De, Difference) => "Differenz zum Ø",
        (Lang::En, Difference) => "Difference to Ø",
        (Lang::De, Rank) => "Rang",
        (Lang::En, Rank) => "Rank",
        (Lang::De, Of) => "von",
        (Lang::En, Of) => "of",
        (Lang::De, Assessment) => "Einordnung",
        (Lang::En, Assessment) => "Assessment",
        (Lang::De, Inhabitants) => "Einwohner",
        (Lang::En, Inhabitants) => "Inhabitants",
        (Lang::De, StatusClass) => "Statusklasse",
        (Lang::En, StatusClass) => "Status class",
        (Lang::De, Cluster) => "Cluster",
        (Lang::En, Cluster) => "Cluster",
        (Lang::De, Key) => "Schlüssel",
        (Lang::En, Key) => "Key",
        (Lang::De, ClickHint) => "Klicken Sie auf ein Gebiet für seinen Steckbrief.",
        (Lang::En, ClickHint) => "Click an area for its profile.",
        (Lang::De, Projector) => "Beamer-Modus",
        (Lang::En, Projector) => "Projector mode",
        (Lang::De, ProjectorHint) => "F: Beamer-Modus · ←/→: Indikator · ↑/↓: Jahr · Esc: beenden",
        (Lang::En, ProjectorHint) => "F: projector mode · ←/→: indicator · ↑/↓: year · Esc: leave",
        (Lang::De, ExitProjector) => "Beamer-Modus beenden",
        (Lang::En, ExitProjector) => "Leave projector mode",
        (Lang::De, ZoomIn) => "Vergrößern",
        (Lang::En, ZoomIn) => "Zoom in",
        (Lang::De, ZoomOut) => "Verkleinern",
        (Lang::En, ZoomOut) => "Zoom out",
        (Lang::De, ZoomFit) => "Ganze Karte",
        (Lang::En, ZoomFit) => "Fit to data",
        (Lang::De, ShowLabels) => "Namen",
        (Lang::En, ShowLabels) => "Names",
        (Lang::De, TableView) => "Tabelle",
        (Lang::En, TableView) => "Table",
        (Lang::De, MapView) => "Karte",
        (Lang::En, MapView) => "Map",
        (Lang::De, Export) => "Exportieren",
        (Lang::En, Export) => "Export",
        (Lang::De, ExportSvg) => "Karte als SVG",
        (Lang::En, ExportSvg) => "Map as SVG",
        (Lang::De, ExportPng) => "Karte als PNG",
        (Lang::En, ExportPng) => "Map as PNG",
        (Lang::De, ExportCsv) => "Tabelle als CSV (Excel)",
        (Lang::En, ExportCsv) => "Table as CSV (Excel)",
        (Lang::De, ExportXlsx) => "Tabelle als Excel-Datei (.xlsx)",
        (Lang::En, ExportXlsx) => "Table as Excel file (.xlsx)",
        (Lang::De, ExportGeojson) => "Karte mit Ergebnissen als GeoJSON",
        (Lang::En, ExportGeojson) => "Map with results as GeoJSON",
        (Lang::De, AsOf) => "Stand",
        (Lang::En, AsOf) => "As of",
        (Lang::De, ClassifyView) => "Karte zeigt",
        (Lang::En, ClassifyView) => "Map shows",
        (Lang::De, ViewStatus) => "Statusindex",
        (Lang::En, ViewStatus) => "Status index",
        (Lang::De, ViewDynamic) => "Dynamikindex",
        (Lang::En, ViewDynamic) => "Dynamic index",
        (Lang::De, ViewGrid) => "Status und Dynamik (4 × 3)",
        (Lang::En, ViewGrid) => "Status and dynamic (4 × 3)",
        (Lang::De, ViewBand) => "Über/unter Durchschnitt:",
        (Lang::De, ExportSozialraeumeShapefile) => "Sozialräume als Shapefile (ZIP)",
        (Lang::En, ExportSozialraeumeShapefile) => "Sozialräume as Shapefile (ZIP)",
        (Lang::De, LoadNotes) => "Hinweise zum Laden",
        (Lang::En, LoadNotes) => "notes on loading",
        (Lang::De, HintClick) => "Klicken Sie auf ein Gebiet: es kommt zum gewählten Sozialraum (noch einmal: wieder heraus).",
        (Lang::En, HintClick) => "Click an area: it joins the chosen Sozialraum (again: it leaves).",
        (Lang::De, HintBrush) => "Mit gedrückter Maustaste malen: die Gebiete kommen zum gewählten Sozialraum. [ und ] ändern die Pinselgröße.",
        (Lang::En, HintBrush) => "Paint with the mouse button held: the areas join the chosen Sozialraum. [ and ] change the brush size.",
        (Lang::De, HintLasso) => "Umfahren Sie Gebiete mit gedrückter Maustaste: sie kommen zum gewählten Sozialraum.",
        (Lang::En, HintLasso) => "Draw around areas with the mouse button held: they join the chosen Sozialraum.",
        (Lang::De, HintEraser) => "Mit gedrückter Maustaste radieren: die Gebiete werden keinem Sozialraum zugeordnet.",
        (Lang::En, HintEraser) => "Erase with the mouse button held: the areas belong to no Sozialraum.",
        (Lang::De, HintCompare) => "Zeigen Sie auf ein Gebiet: beide Zuordnungen erscheinen hier.",
        (Lang::En, HintCompare) => "Point at an area: both assignments appear here.",
        (Lang::De, ProjectTitle) => "Name der Stadt oder des Projekts",
        (Lang::En, ProjectTitle) => "Name of the town or project",
        (Lang::De, Notes) => "Notizen und Projektideen",
        (Lang::En, Notes) => "Notes and project ideas",
        (Lang::De, NoteTitle) => "Titel",
        (Lang::En, NoteTitle) => "Title",
        (Lang::De, NoteText) => "Text",
        (Lang::En, NoteText) => "Text",
        (Lang::De, NoteInitials) => "Kürzel",
        (Lang::En, NoteInitials) => "Initials",
        (Lang::De, NotePin) => "Ort",
        (Lang::En, NotePin) => "Where",
        (Lang::De, NotePinArea) => "am geöffneten Gebiet (Steckbrief)",
        (Lang::En, NotePinArea) => "at the open area (profile)",
        (Lang::De, NotePinPoint) => "an einem Punkt (danach in die Karte klicken)",
        (Lang::En, NotePinPoint) => "at a point (then click the map)",
        (Lang::De, NotePinNone) => "ohne Ort",
        (Lang::En, NotePinNone) => "not pinned",
        (Lang::De, NoteAdd) => "Notiz hinzufügen",
        (Lang::En, NoteAdd) => "Add note",
        (Lang::De, NoteNeedsTitle) => "Bitte einen Titel eingeben.",
        (Lang::En, NoteNeedsTitle) => "Please enter a title.",
        (Lang::De, NoteNeedsArea) => "Bitte zuerst ein Gebiet anklicken (sein Steckbrief öffnet sich) oder einen anderen Ort wählen.",
        (Lang::En, NoteNeedsArea) => "Please click an area first (its profile opens) or choose another place.",
        (Lang::De, NoteClickMap) => "Klicken Sie in die Karte, wo die Notiz liegen soll.",
        (Lang::En, NoteClickMap) => "Click the map where the note belongs.",
        (Lang::De, AllCategories) => "alle Kategorien",
        (Lang::En, AllCategories) => "all categories",
        (Lang::De, Search) => "Suchen",
        (Lang::En, Search) => "Search",
        (Lang::De, ExportNotes) => "Notizen als CSV",
        (Lang::En, ExportNotes) => "Notes as CSV",
        (Lang::De, Delete) => "Löschen",
        (Lang::En, Delete) => "Delete",
        (Lang::De, Report) => "Bericht",
        (Lang::En, Report) => "Report",
        (Lang::De, ReportTitle) => "Titel des Berichts (leer: „Sozialbericht {Stadt}“)",
        (Lang::En, ReportTitle) => "Title of the report (empty: \"Social report {town}\")",
        (Lang::De, ReportIntro) => "Einleitung",
        (Lang::En, ReportIntro) => "Introduction",
        (Lang::De, ReportMonitoring) => "Monitoring: eine Seite je Indikator mit der Veränderung zum Vorjahr",
        (Lang::En, ReportMonitoring) => "Monitoring: one page per indicator with the change since the previous year",
        (Lang::De, ReportHint) => "Der Bericht zeigt die Indikatoren des Statusindex auf der gewählten Ebene; Kommentare erscheinen unter der jeweiligen Karte. Er druckt im Browser als A4-PDF.",
        (Lang::En, ReportHint) => "The report shows the status index's indicators at the chosen level; comments appear under their map. It prints from the browser as an A4 PDF.",
        (Lang::De, MakeReport) => "Bericht erstellen",
        (Lang::En, MakeReport) => "Make report",
        (Lang::De, ViewNeedSupply) => "Bedarf und Angebot (3 × 3)",
        (Lang::En, ViewNeedSupply) => "Need and supply (3 × 3)",
        (Lang::De, Facilities) => "Einrichtungen",
        (Lang::En, Facilities) => "Facilities",
        (Lang::De, AddPoints) => "Einrichtungen oder Zensus-Gitter hinzufügen (CSV, XLSX, GeoJSON)",
        (Lang::En, AddPoints) => "Add facilities or a Zensus grid (CSV, XLSX, GeoJSON)",
        (Lang::De, Points) => "Punkte",
        (Lang::En, Points) => "points",
        (Lang::De, OutsideMap) => "außerhalb der Karte",
        (Lang::En, OutsideMap) => "outside the map",
        (Lang::De, NeedIndicator) => "Bedarf (Indikator)",
        (Lang::En, NeedIndicator) => "Need (indicator)",
        (Lang::De, SupplyIndicator) => "Angebot (Versorgungsquote)",
        (Lang::En, SupplyIndicator) => "Supply (rate)",
        (Lang::De, Gaps) => "Angebotslücken: hoher Bedarf, wenig Angebot",
        (Lang::En, Gaps) => "Gaps: high need, low supply",
        (Lang::De, Overlaps) => "Mögliche Doppelungen: viel Angebot für wenig Bedarf",
        (Lang::En, Overlaps) => "Possible overlaps: much supply for little need",
        (Lang::De, CoverageDistance) => "Erreichbarkeit: Umkreis in Metern (leer: keiner)",
        (Lang::En, CoverageDistance) => "Coverage: distance in metres (empty: none)",
        (Lang::De, ReadingGrid) => "Zensus-Gitter wird gelesen",
        (Lang::En, ReadingGrid) => "Reading the Zensus grid",
        (Lang::De, FacilitiesHere) => "Einrichtungen im Gebiet",
        (Lang::En, FacilitiesHere) => "Facilities in the area",
        (Lang::De, Places) => "Plätze",
        (Lang::En, Places) => "places",
        (Lang::De, NoSupplyIndicator) => "Für Bedarf und Angebot fehlt eine Versorgungsquote: laden Sie Einrichtungen (Panel „Einrichtungen“).",
        (Lang::En, NoSupplyIndicator) => "Need and supply needs a supply rate: load facilities (panel \"Facilities\").",
        (Lang::En, ViewBand) => "Above/below average:",
        (Lang::De, DynamicIndicators) => "Eigene Dynamik-Indikatoren (z. B. Veränderungen)",
        (Lang::En, DynamicIndicators) => "Own dynamic indicators (e.g. changes)",
        (Lang::De, DynamicHint) => "Ohne eigene Dynamik-Indikatoren: Veränderung der Index-Indikatoren vom Vorjahr zum gewählten Jahr.",
        (Lang::En, DynamicHint) => "Without own dynamic indicators: change of the index indicators from the previous to the chosen year.",
        (Lang::De, NoDynamic) => "Für den Dynamikindex braucht es ein Vorjahr oder eigene Dynamik-Indikatoren.",
        (Lang::En, NoDynamic) => "The dynamic index needs a previous year or own dynamic indicators.",
        (Lang::De, BandHint) => "Abweichung vom städtischen Durchschnitt: ±10 % durchschnittlich, mehr als ±25 % deutlich.",
        (Lang::En, BandHint) => "Deviation from the city average: within ±10 % average, beyond ±25 % clearly.",
        (Lang::De, Dendrogram) => "Dendrogramm (obere Verschmelzungen, Linie = gewählte Clusterzahl)",
        (Lang::En, Dendrogram) => "Dendrogram (top merges, line = chosen number of clusters)",
        (Lang::De, ElbowChart) => "Streuung in den Clustern und Silhouette je Clusterzahl",
        (Lang::En, ElbowChart) => "Within-cluster SS and silhouette per number of clusters",
        (Lang::De, ToAverage) => "zum Ø",
        (Lang::En, ToAverage) => "to Ø",
        (Lang::De, SortBy) => "Sortieren nach",
        (Lang::En, SortBy) => "Sort by",
        (Lang::De, Name) => "Name",
        (Lang::En, Name) => "Name",
        (Lang::De, MapClass) => "Klasse",
        (Lang::En, MapClass) => "Class",
        (Lang::De, Hover) => "Zeigen Sie auf ein Gebiet.",
        (Lang::En, Hover) => "Point at an area.",
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

/// "geheim (weniger als 3 Fälle)": a withheld value and why, for tooltips and tables.
pub fn withheld_text(lang: Lang, min: f64) -> String {
    let n = sozialatlas_core::locale::number(min, 0, lang.numbers());
    format!(
        "{} ({})",
        t(lang, T::Withheld),
        t(lang, T::WithheldWhy).replace("{}", &n)
    )
}

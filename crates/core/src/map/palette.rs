//! Colour schemes for 3 to 9 classes: ColorBrewer's (Cynthia Brewer, colorbrewer2.org) and
//! viridis (matplotlib's, sampled at `k` evenly spaced points).
//!
//! The defaults are colour-blind safe: `OrRd` for indicators where a high value means
//! disadvantage, `Blues` for the others. `Greys` is for black-and-white print (without pure
//! white, which marks missing values there: [`Palette::missing`]); `Viridis` stays readable for
//! every form of colour blindness and in greyscale.

use serde::{Deserialize, Serialize};

/// A named ColorBrewer scheme.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Palette {
    /// Sequential orange-red (colour-blind safe).
    OrRd,
    /// Sequential blues (colour-blind safe).
    Blues,
    /// Diverging blue-yellow-red (ColorBrewer RdYlBu reversed, colour-blind safe): for classes
    /// ordered from advantage to disadvantage, such as ordered cluster types.
    BuYlRd,
    /// Sequential greys for black-and-white print.
    Greys,
    /// Viridis, light (yellow) to dark (violet): colour-blind safe, readable in greyscale.
    Viridis,
}

/// The colours of a choropleth as the user chooses them (`palette` in the app).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PaletteChoice {
    /// By the indicator's direction: `OrRd` where high values mean disadvantage, else `Blues`.
    #[default]
    Auto,
    /// Greys for black-and-white print.
    Greys,
    /// Viridis (colour-blind safe).
    Viridis,
}

impl PaletteChoice {
    /// All choices in the order the app offers them.
    pub const ALL: [PaletteChoice; 3] = [
        PaletteChoice::Auto,
        PaletteChoice::Greys,
        PaletteChoice::Viridis,
    ];

    /// The name used in option values and project files (`auto`, `greys`, `viridis`).
    pub fn name(self) -> &'static str {
        match self {
            PaletteChoice::Auto => "auto",
            PaletteChoice::Greys => "greys",
            PaletteChoice::Viridis => "viridis",
        }
    }

    /// The choice of a name; `None` for anything else.
    pub fn from_name(name: &str) -> Option<PaletteChoice> {
        PaletteChoice::ALL.into_iter().find(|p| p.name() == name)
    }
}

const OR_RD: [&[&str]; 7] = [
    &["#fee8c8", "#fdbb84", "#e34a33"],
    &["#fef0d9", "#fdcc8a", "#fc8d59", "#d7301f"],
    &["#fef0d9", "#fdcc8a", "#fc8d59", "#e34a33", "#b30000"],
    &[
        "#fef0d9", "#fdd49e", "#fdbb84", "#fc8d59", "#e34a33", "#b30000",
    ],
    &[
        "#fef0d9", "#fdd49e", "#fdbb84", "#fc8d59", "#ef6548", "#d7301f", "#990000",
    ],
    &[
        "#fff7ec", "#fee8c8", "#fdd49e", "#fdbb84", "#fc8d59", "#ef6548", "#d7301f", "#990000",
    ],
    &[
        "#fff7ec", "#fee8c8", "#fdd49e", "#fdbb84", "#fc8d59", "#ef6548", "#d7301f", "#b30000",
        "#7f0000",
    ],
];

const BLUES: [&[&str]; 7] = [
    &["#deebf7", "#9ecae1", "#3182bd"],
    &["#eff3ff", "#bdd7e7", "#6baed6", "#2171b5"],
    &["#eff3ff", "#bdd7e7", "#6baed6", "#3182bd", "#08519c"],
    &[
        "#eff3ff", "#c6dbef", "#9ecae1", "#6baed6", "#3182bd", "#08519c",
    ],
    &[
        "#eff3ff", "#c6dbef", "#9ecae1", "#6baed6", "#4292c6", "#2171b5", "#084594",
    ],
    &[
        "#f7fbff", "#deebf7", "#c6dbef", "#9ecae1", "#6baed6", "#4292c6", "#2171b5", "#084594",
    ],
    &[
        "#f7fbff", "#deebf7", "#c6dbef", "#9ecae1", "#6baed6", "#4292c6", "#2171b5", "#08519c",
        "#08306b",
    ],
];

const BU_YL_RD: [&[&str]; 7] = [
    &["#91bfdb", "#ffffbf", "#fc8d59"],
    &["#2c7bb6", "#abd9e9", "#fdae61", "#d7191c"],
    &["#2c7bb6", "#abd9e9", "#ffffbf", "#fdae61", "#d7191c"],
    &[
        "#4575b4", "#91bfdb", "#e0f3f8", "#fee090", "#fc8d59", "#d73027",
    ],
    &[
        "#4575b4", "#91bfdb", "#e0f3f8", "#ffffbf", "#fee090", "#fc8d59", "#d73027",
    ],
    &[
        "#4575b4", "#74add1", "#abd9e9", "#e0f3f8", "#fee090", "#fdae61", "#f46d43", "#d73027",
    ],
    &[
        "#4575b4", "#74add1", "#abd9e9", "#e0f3f8", "#ffffbf", "#fee090", "#fdae61", "#f46d43",
        "#d73027",
    ],
];

const GREYS: [&[&str]; 7] = [
    &["#f0f0f0", "#bdbdbd", "#636363"],
    &["#f7f7f7", "#cccccc", "#969696", "#525252"],
    &["#f7f7f7", "#cccccc", "#969696", "#636363", "#252525"],
    &[
        "#f7f7f7", "#d9d9d9", "#bdbdbd", "#969696", "#636363", "#252525",
    ],
    &[
        "#f7f7f7", "#d9d9d9", "#bdbdbd", "#969696", "#737373", "#525252", "#252525",
    ],
    &[
        "#f0f0f0", "#d9d9d9", "#bdbdbd", "#969696", "#737373", "#525252", "#363636", "#252525",
    ],
    &[
        "#f0f0f0", "#d9d9d9", "#bdbdbd", "#969696", "#737373", "#525252", "#363636", "#252525",
        "#000000",
    ],
];

const VIRIDIS: [&[&str]; 7] = [
    &["#fde725", "#21918c", "#440154"],
    &["#fde725", "#35b779", "#31688e", "#440154"],
    &["#fde725", "#5ec962", "#21918c", "#3b528b", "#440154"],
    &[
        "#fde725", "#7ad151", "#22a884", "#2a788e", "#414487", "#440154",
    ],
    &[
        "#fde725", "#90d743", "#35b779", "#21918c", "#31688e", "#443983", "#440154",
    ],
    &[
        "#fde725", "#a0da39", "#4ac16d", "#1fa187", "#277f8e", "#365c8d", "#46327e", "#440154",
    ],
    &[
        "#fde725", "#addc30", "#5ec962", "#28ae80", "#21918c", "#2c728e", "#3b528b", "#472d7b",
        "#440154",
    ],
];

/// Colours of the MSS status classes hoch, mittel, niedrig, sehr niedrig (blue to red,
/// colour-blind safe).
pub const STATUS: [&str; 4] = ["#4575b4", "#e6e2d3", "#fdae61", "#d7191c"];

/// Colour of areas "ohne Zuordnung" (no index class, no cluster).
pub const WITHOUT_CLASS: &str = "#bdbdbd";

/// Colour for areas without a value.
pub const MISSING: &str = "#d9d9d9";

/// Fill of areas whose value is withheld (small numbers): the hatch pattern [`WITHHELD_PATTERN`]
/// that every SVG map defines under the id `geheim`; drawn on canvas as grey with hatching.
pub const WITHHELD: &str = "url(#geheim)";

/// The SVG definition of the hatch behind [`WITHHELD`]: grey diagonal lines on white, readable
/// in black-and-white print.
pub const WITHHELD_PATTERN: &str = r##"<pattern id="geheim" patternUnits="userSpaceOnUse" width="6" height="6" patternTransform="rotate(45)"><rect width="6" height="6" fill="#ffffff"/><line x1="0" y1="0" x2="0" y2="6" stroke="#8a8a8a" stroke-width="2.5"/></pattern>"##;

impl Palette {
    /// The `k` colours of this scheme, light to dark. For `k` below 3 the lightest and darkest
    /// colours of the 3-class scheme are used; above 9 the 9-class scheme is repeated at its end.
    pub fn colors(self, k: usize) -> Vec<&'static str> {
        self.table(k)
    }

    /// The colour of areas without a value on this palette: white for greys (where light grey
    /// is a class), light grey otherwise.
    pub fn missing(self) -> &'static str {
        match self {
            Palette::Greys => "#ffffff",
            _ => MISSING,
        }
    }

    fn table(self, k: usize) -> Vec<&'static str> {
        let table = match self {
            Palette::OrRd => &OR_RD,
            Palette::Blues => &BLUES,
            Palette::BuYlRd => &BU_YL_RD,
            Palette::Greys => &GREYS,
            Palette::Viridis => &VIRIDIS,
        };
        match k {
            0 => vec![],
            1 => vec![table[0][2]],
            2 => vec![table[0][0], table[0][2]],
            3..=9 => table[k - 3].to_vec(),
            _ => {
                let mut c = table[6].to_vec();
                c.resize(k, table[6][8]);
                c
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_size_has_k_distinct_colours_up_to_nine() {
        for p in [
            Palette::OrRd,
            Palette::Blues,
            Palette::BuYlRd,
            Palette::Greys,
            Palette::Viridis,
        ] {
            for k in 1..=9 {
                let c = p.colors(k);
                assert_eq!(c.len(), k);
                let mut d = c.clone();
                d.dedup();
                assert_eq!(d.len(), k, "{p:?} {k}");
                assert!(
                    !c.contains(&p.missing()),
                    "{p:?} {k}: missing looks like a class"
                );
            }
            assert_eq!(p.colors(12).len(), 12);
        }
    }
}

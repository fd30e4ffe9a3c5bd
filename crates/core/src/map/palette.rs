//! ColorBrewer colour schemes (Cynthia Brewer, colorbrewer2.org), 3 to 9 classes.
//!
//! The defaults are colour-blind safe: `OrRd` for indicators where a high value means
//! disadvantage, `Blues` for the others.

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

/// Colour for areas without a value.
pub const MISSING: &str = "#d9d9d9";

impl Palette {
    /// The `k` colours of this scheme, light to dark. For `k` below 3 the lightest and darkest
    /// colours of the 3-class scheme are used; above 9 the 9-class scheme is repeated at its end.
    pub fn colors(self, k: usize) -> Vec<&'static str> {
        let table = match self {
            Palette::OrRd => &OR_RD,
            Palette::Blues => &BLUES,
            Palette::BuYlRd => &BU_YL_RD,
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
        for p in [Palette::OrRd, Palette::Blues, Palette::BuYlRd] {
            for k in 1..=9 {
                let c = p.colors(k);
                assert_eq!(c.len(), k);
                let mut d = c.clone();
                d.dedup();
                assert_eq!(d.len(), k, "{p:?} {k}");
            }
            assert_eq!(p.colors(12).len(), 12);
        }
    }
}

//! Language and number formats: the [`Lang`] of messages (German first, English second; the
//! app's translation table uses the same type, so one switch changes UI texts and error
//! messages alike) and numbers written the German or English way ([`number`], [`signed`]).

mod numbers;

pub use numbers::*;

use serde::{Deserialize, Serialize};

/// A UI and message language.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Lang {
    /// German (the default).
    #[default]
    De,
    /// English.
    En,
}

impl Lang {
    /// The number style of the language.
    pub fn numbers(self) -> crate::locale::NumberStyle {
        match self {
            Lang::De => crate::locale::NumberStyle::German,
            Lang::En => crate::locale::NumberStyle::English,
        }
    }

    /// The `lang` attribute value ("de", "en").
    pub fn code(self) -> &'static str {
        match self {
            Lang::De => "de",
            Lang::En => "en",
        }
    }

    /// Picks the German or the English text.
    pub fn pick<'a>(self, de: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::De => de,
            Lang::En => en,
        }
    }
}

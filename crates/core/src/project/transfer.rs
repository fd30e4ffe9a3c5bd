//! A read map and table carried from one thread to another: the app reads large files in a Web
//! Worker (a second wasm module of this same core) and sends what it read to the page.
//!
//! What is sent is [`Opened`]: the atlas, the read settings actually used and the messages in
//! both languages, in postcard (serde's compact binary format). The head carries the keys,
//! names and messages; every table column is a part of its own and the geometry goes in parts
//! of at most [`UNITS_PER_PART`] units, so that the page decodes each part in its own short task
//! (a head with the whole table of 100,000 units took a tenth of a second) and shows how far it
//! got; the page copies each part once into its memory and decodes it there. [`Assembly`] puts
//! the parts together and checks that none is missing or damaged.
//! Other plain data (the jobs and results of max-p proposals and typologies) goes with
//! [`to_bytes`] and [`from_bytes`].

use super::{Loaded, ReadSettings};
use crate::locale::Lang;
use crate::model::Atlas;
use geo::MultiPolygon;
use serde::{Deserialize, Serialize};
use std::fmt;

/// Units per geometry part: about 1.5 MB of coordinates for the usual statistical districts, a
/// few milliseconds to decode.
pub const UNITS_PER_PART: usize = 8_000;

/// What a load produced, as the app shows it: the data, how it was read, the summary line and
/// the warnings in German and English.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Opened {
    /// The joined data with the guessed indicators.
    pub atlas: Atlas,
    /// The read settings actually used (the keys chosen).
    pub read: ReadSettings,
    /// The summary line (areas, join, coordinate system), German and English.
    pub summary: Option<(String, String)>,
    /// What the readers interpreted or left out, German and English.
    pub warnings: Vec<(String, String)>,
}

impl Opened {
    /// The shown form of a load (its point layers, if any, stay with the caller).
    pub fn of(loaded: Loaded) -> Opened {
        Opened {
            summary: loaded
                .report
                .as_ref()
                .map(|r| (r.summary(Lang::De), r.summary(Lang::En))),
            warnings: loaded
                .warnings
                .iter()
                .map(|w| (w.message(Lang::De), w.message(Lang::En)))
                .collect(),
            read: loaded.inputs.read,
            atlas: loaded.atlas,
        }
    }
}

/// A transfer that cannot be decoded (a part lost, damaged or out of order). Only a defect in
/// the app causes it; the message says to try again.
#[derive(Clone, Debug, PartialEq)]
pub enum TransferError {
    /// A part is not what the sender wrote (which part: 0 is the head).
    Damaged {
        /// The part: 0 for the head, 1 for the first part after it.
        part: usize,
    },
    /// Table columns are missing.
    ColumnsMissing {
        /// Columns announced by the head.
        expected: usize,
        /// Columns received.
        received: usize,
    },
    /// The parts hold another number of units than the head announced.
    Incomplete {
        /// Units announced by the head.
        expected: usize,
        /// Units received.
        received: usize,
    },
}

impl TransferError {
    /// The message for the user.
    pub fn message(&self, lang: Lang) -> String {
        let detail = match self {
            TransferError::Damaged { part } => format!("part {part}"),
            TransferError::Incomplete { expected, received } => {
                format!("{received} of {expected}")
            }
            TransferError::ColumnsMissing { expected, received } => {
                format!("columns: {received} of {expected}")
            }
        };
        match lang {
            Lang::De => format!("Die gelesenen Daten kamen nicht vollständig im Fenster an ({detail}). Bitte die Dateien noch einmal laden; das Gezeigte bleibt."),
            Lang::En => format!("The data read did not fully arrive in the page ({detail}). Please load the files again; what is shown stays."),
        }
    }
}

impl fmt::Display for TransferError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for TransferError {}

/// Plain data (the job and result of a proposal or a typology) as bytes to send to or from a
/// worker.
pub fn to_bytes<T: Serialize + ?Sized>(value: &T) -> Vec<u8> {
    // Owned numbers, strings and vectors without skipped fields: postcard cannot fail on them.
    // Counted first, so that the buffer is allocated once at its size: grown by doubling, a
    // table of 100,000 rows (40 MB) would end in a buffer of 64 MB after copies of 16 and 32.
    let size = postcard::serialize_with_flavor(value, postcard::ser_flavors::Size::default())
        .unwrap_or_default();
    postcard::to_extend(value, Vec::with_capacity(size)).unwrap_or_default()
}

/// Plain data from [`to_bytes`]; `part` names it in the error.
pub fn from_bytes<T: serde::de::DeserializeOwned>(
    bytes: &[u8],
    part: usize,
) -> Result<T, TransferError> {
    postcard::from_bytes(bytes).map_err(|_| TransferError::Damaged { part })
}

/// The head of a transfer: the atlas without geometry, table columns and indicators
/// (postcard), the rest as JSON (its types skip empty fields, which only a self-describing
/// format can read back).
#[derive(Serialize, Deserialize)]
struct Head {
    units: usize,
    columns: usize,
    atlas: Atlas,
    described: String,
}

/// A part after the head: one table column, or the geometry of the next units.
#[derive(Deserialize)]
enum Part {
    Column(crate::model::Column),
    Geometry(Vec<MultiPolygon<f64>>),
}

/// A [`Part`] as it is written (borrowed: the geometry is not copied for it).
#[derive(Serialize)]
#[serde(rename = "Part")]
enum PartOut<'a> {
    Column(&'a crate::model::Column),
    Geometry(&'a [MultiPolygon<f64>]),
}

/// The small rest of an [`Opened`], carried as JSON.
#[derive(Serialize, Deserialize)]
struct Described {
    indicators: Vec<crate::model::IndicatorSpec>,
    read: ReadSettings,
    summary: Option<(String, String)>,
    warnings: Vec<(String, String)>,
}

/// `opened` as bytes to send: the head (everything but the table and the geometry), then each
/// table column, then the geometry in parts of at most `per_part` units (at least one unit per
/// part).
pub fn encode(opened: Opened, per_part: usize) -> (Vec<u8>, Vec<Vec<u8>>) {
    let Opened {
        mut atlas,
        read,
        summary,
        warnings,
    } = opened;
    let geometry = std::mem::take(&mut atlas.units.geometry);
    let columns = std::mem::take(&mut atlas.table.columns);
    let described = Described {
        indicators: std::mem::take(&mut atlas.indicators),
        read,
        summary,
        warnings,
    };
    // Plain data of owned strings, numbers and vectors: neither format can fail on it.
    let head = Head {
        units: geometry.len(),
        columns: columns.len(),
        atlas,
        described: serde_json::to_string(&described).unwrap_or_default(),
    };
    let head = to_bytes(&head);
    let parts = columns
        .iter()
        .map(|c| to_bytes(&PartOut::Column(c)))
        .chain(
            geometry
                .chunks(per_part.max(1))
                .map(|g| to_bytes(&PartOut::Geometry(g))),
        )
        .collect();
    (head, parts)
}

/// The receiving side: the head first, then the parts in order.
pub struct Assembly {
    opened: Opened,
    expected: usize,
    columns: usize,
    parts: usize,
}

impl Assembly {
    /// Starts from the head.
    pub fn start(head: &[u8]) -> Result<Assembly, TransferError> {
        let damaged = || TransferError::Damaged { part: 0 };
        let head: Head = from_bytes(head, 0)?;
        let d: Described = serde_json::from_str(&head.described).map_err(|_| damaged())?;
        let mut atlas = head.atlas;
        atlas.indicators = d.indicators;
        atlas.units.geometry = Vec::with_capacity(head.units);
        atlas.table.columns = Vec::with_capacity(head.columns);
        Ok(Assembly {
            opened: Opened {
                atlas,
                read: d.read,
                summary: d.summary,
                warnings: d.warnings,
            },
            expected: head.units,
            columns: head.columns,
            parts: 0,
        })
    }

    /// Adds the next part; returns the units whose geometry arrived so far.
    pub fn add(&mut self, part: &[u8]) -> Result<usize, TransferError> {
        self.parts += 1;
        let atlas = &mut self.opened.atlas;
        match from_bytes(part, self.parts)? {
            Part::Column(c) if atlas.table.columns.len() < self.columns => {
                atlas.table.columns.push(c)
            }
            Part::Column(_) => return Err(TransferError::Damaged { part: self.parts }),
            Part::Geometry(units) => atlas.units.geometry.extend(units),
        }
        let geometry = &atlas.units.geometry;
        if geometry.len() > self.expected {
            return Err(TransferError::Incomplete {
                expected: self.expected,
                received: geometry.len(),
            });
        }
        Ok(geometry.len())
    }

    /// The units the head announced.
    pub fn expected(&self) -> usize {
        self.expected
    }

    /// The whole load, when every unit arrived.
    pub fn finish(self) -> Result<Opened, TransferError> {
        let atlas = &self.opened.atlas;
        let received = atlas.units.geometry.len();
        if received != self.expected || atlas.units.keys.len() != received {
            return Err(TransferError::Incomplete {
                expected: self.expected,
                received,
            });
        }
        if atlas.table.columns.len() != self.columns {
            return Err(TransferError::ColumnsMissing {
                expected: self.columns,
                received: atlas.table.columns.len(),
            });
        }
        Ok(self.opened)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn opened() -> Opened {
        Opened {
            atlas: crate::demo::musterstadt(),
            read: ReadSettings {
                table_key: Some("schluessel".into()),
                ..ReadSettings::default()
            },
            summary: Some(("Zusammenfassung".into(), "Summary".into())),
            warnings: vec![("Warnung".into(), "Warning".into())],
        }
    }

    #[test]
    fn a_load_arrives_whole_in_parts() {
        let sent = opened();
        let (head, parts) = encode(sent.clone(), 5);
        let n = sent.atlas.units.len();
        assert_eq!(parts.len(), sent.atlas.table.columns.len() + n.div_ceil(5));
        let mut a = Assembly::start(&head).unwrap();
        assert_eq!(a.expected(), n);
        let mut last = 0;
        for p in &parts {
            last = a.add(p).unwrap();
        }
        assert_eq!(last, n);
        let got = a.finish().unwrap();
        assert!(got.atlas == sent.atlas, "the atlas arrives as sent");
        assert_eq!(got.read, sent.read);
        assert_eq!(got.summary, sent.summary);
        assert_eq!(got.warnings, sent.warnings);
    }

    #[test]
    fn bytes_are_allocated_once_at_their_size() {
        // The demo town's atlas written whole: the same bytes as postcard's own, in a buffer of
        // exactly their size (grown by doubling it would end larger).
        let atlas = crate::demo::musterstadt();
        let bytes = to_bytes(&atlas);
        assert_eq!(bytes, postcard::to_allocvec(&atlas).unwrap());
        assert!(bytes.len() > 10_000, "{}", bytes.len());
        assert_eq!(bytes.capacity(), bytes.len());
    }

    #[test]
    fn a_lost_or_damaged_part_is_named() {
        let (head, parts) = encode(opened(), 5);
        // The table's columns come first, then the geometry.
        let columns = opened().atlas.table.columns.len();
        assert!(columns > 0);
        let mut a = Assembly::start(&head).unwrap();
        for p in &parts[..=columns] {
            a.add(p).unwrap();
        }
        assert!(matches!(
            a.finish(),
            Err(TransferError::Incomplete { received: 5, .. })
        ));
        // A column lost: incomplete although every unit arrived.
        let mut a = Assembly::start(&head).unwrap();
        for p in parts.iter().skip(1) {
            a.add(p).unwrap();
        }
        assert!(matches!(
            a.finish(),
            Err(TransferError::ColumnsMissing { received, expected }) if received + 1 == expected
        ));
        let mut a = Assembly::start(&head).unwrap();
        assert_eq!(
            a.add(&[0xff, 0xff, 0xff, 0xff, 0xff, 0xff]).unwrap_err(),
            TransferError::Damaged { part: 1 }
        );
        assert!(Assembly::start(&head[..head.len() / 2]).is_err());
        let e = TransferError::Damaged { part: 3 };
        assert!(e.message(Lang::De).contains("noch einmal laden"));
    }
}

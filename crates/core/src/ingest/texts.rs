//! The texts of a row or a column of a table, kept in one buffer.
//!
//! A table of 100,000 rows and 15 columns has 1.5 million cells; one `String` each means 1.5
//! million allocations to read it, to copy it and to free it (about a third of the time of
//! reading a large CSV). [`Texts`] keeps the cells one after another in one `String` with
//! their ends beside it: two allocations per column, a copy is two `memcpy`s.
//!
//! A column of a map's properties that holds only JSON numbers keeps the numbers and writes
//! their texts when they are first read ([`Texts::push_number`]): a map's number columns are
//! mostly read as numbers only (their values are typed from the numbers), and writing 1.3
//! million numbers as text was a fifth of reading a 100,000-unit map in wasm.

use serde::{Deserialize, Serialize};
use std::sync::OnceLock;

/// Texts in one buffer, read by index like a `Vec<String>` (`texts[i]` is a `&str`).
#[derive(Clone, Default)]
pub struct Texts {
    /// The texts, once written: from the start ([`Texts::with_capacity`], a deserialized
    /// `Texts`), on the first text pushed, or on the first read of numbers.
    written: OnceLock<Written>,
    /// Numbers whose texts are not written yet (NaN: an empty text); they count only while
    /// `written` is not set (after a read they stay beside the written texts until the next
    /// change, which drops them).
    numbers: Vec<f64>,
}

/// Texts one after another.
#[derive(Clone, Default)]
struct Written {
    /// Every text, one after another.
    buffer: String,
    /// Where each text ends in `buffer` (it starts where the previous one ends).
    ends: Vec<usize>,
}

impl Written {
    /// The texts of `numbers`: each as [`super::properties::write_float`] writes it, NaN as an
    /// empty text.
    fn of_numbers(numbers: &[f64]) -> Written {
        let mut w = Written {
            buffer: String::with_capacity(numbers.len() * 8),
            ends: Vec::with_capacity(numbers.len()),
        };
        for &f in numbers {
            if !f.is_nan() {
                super::properties::write_float(f, &mut w.buffer);
            }
            w.ends.push(w.buffer.len());
        }
        w
    }
}

impl Texts {
    /// No texts.
    pub fn new() -> Texts {
        Texts::default()
    }

    /// No texts, with room for `n` texts of `bytes` bytes together; numbers pushed are
    /// written at once (see [`Texts::push_number`]).
    pub fn with_capacity(n: usize, bytes: usize) -> Texts {
        Texts {
            written: OnceLock::from(Written {
                buffer: String::with_capacity(bytes),
                ends: Vec::with_capacity(n),
            }),
            numbers: vec![],
        }
    }

    /// The texts, written now if they are numbers not yet written.
    #[inline]
    fn written(&self) -> &Written {
        self.written
            .get_or_init(|| Written::of_numbers(&self.numbers))
    }

    /// The texts to change: written now where they are numbers, which are then dropped.
    fn written_mut(&mut self) -> &mut Written {
        if self.written.get_mut().is_none() {
            self.written = OnceLock::from(Written::of_numbers(&self.numbers));
        }
        if !self.numbers.is_empty() {
            self.numbers = vec![];
        }
        self.written.get_mut().expect("set above")
    }

    /// Adds a text at the end.
    pub fn push(&mut self, text: &str) {
        // An empty text among numbers not yet written stays among them.
        if text.is_empty() && self.written.get().is_none() {
            self.numbers.push(f64::NAN);
            return;
        }
        let w = self.written_mut();
        w.buffer.push_str(text);
        w.ends.push(w.buffer.len());
    }

    /// Adds the text of the number `f` at the end: without a decimal part when it has none,
    /// else the shortest digits that read back as `f`, never in exponent form (as a map's JSON
    /// numbers are written). Not yet written while these texts hold only numbers (and empty
    /// texts) and none was read; written when they are first read. A number that is not finite
    /// is written at once (`NaN`, `inf`).
    pub fn push_number(&mut self, f: f64) {
        if !f.is_finite() {
            // Not a map's JSON number (they are finite): written as Rust writes it, at once.
            return self.push_with(|out| out.push_str(&f.to_string()));
        }
        if self.written.get().is_none() {
            self.numbers.push(f);
        } else {
            self.push_with(|out| super::properties::write_float(f, out));
        }
    }

    /// True while these texts are numbers or empty texts not yet written (see
    /// [`Texts::push_number`]): none of them is a text that is no number.
    pub fn holds_numbers(&self) -> bool {
        self.written.get().is_none() && !self.numbers.is_empty()
    }

    /// Adds the text `write` writes into the buffer (e.g. a formatted number) at the end,
    /// without a `String` of its own.
    pub fn push_with(&mut self, write: impl FnOnce(&mut String)) {
        let w = self.written_mut();
        write(&mut w.buffer);
        w.ends.push(w.buffer.len());
    }

    /// Removes the last text, if there is one.
    pub fn pop(&mut self) {
        if self.written.get().is_none() {
            self.numbers.pop();
            return;
        }
        let w = self.written_mut();
        if w.ends.pop().is_some() {
            w.buffer.truncate(w.ends.last().copied().unwrap_or(0));
        }
    }

    /// The number of texts.
    #[inline]
    pub fn len(&self) -> usize {
        match self.written.get() {
            Some(w) => w.ends.len(),
            None => self.numbers.len(),
        }
    }

    /// True without texts.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The text at `i`, if there is one.
    #[inline]
    pub fn get(&self, i: usize) -> Option<&str> {
        let w = self.written();
        let end = *w.ends.get(i)?;
        let start = if i == 0 { 0 } else { w.ends[i - 1] };
        Some(&w.buffer[start..end])
    }

    /// The first text.
    pub fn first(&self) -> Option<&str> {
        self.get(0)
    }

    /// The texts in order.
    pub fn iter(&self) -> Iter<'_> {
        Iter {
            texts: self,
            front: 0,
            back: self.len(),
        }
    }

    /// The texts at `rows` (in that order; one may come twice), an empty text for `None`;
    /// numbers not yet written stay so.
    pub fn select(&self, rows: &[Option<usize>]) -> Texts {
        if self.written.get().is_none() {
            let numbers = rows
                .iter()
                .map(|r| r.map_or(f64::NAN, |r| self.numbers[r]))
                .collect();
            return Texts {
                written: OnceLock::new(),
                numbers,
            };
        }
        let mut out = Texts::with_capacity(rows.len(), 0);
        for r in rows {
            out.push(r.map_or("", |r| &self[r]));
        }
        out
    }

    /// The texts joined with `separator`.
    pub fn join(&self, separator: &str) -> String {
        self.iter().collect::<Vec<_>>().join(separator)
    }

    /// The texts as owned strings.
    pub fn to_vec(&self) -> Vec<String> {
        self.iter().map(str::to_string).collect()
    }
}

/// Equal when the texts are (however they are held).
impl PartialEq for Texts {
    fn eq(&self, other: &Texts) -> bool {
        self.len() == other.len() && self.iter().eq(other.iter())
    }
}

impl Eq for Texts {}

impl std::hash::Hash for Texts {
    fn hash<H: std::hash::Hasher>(&self, h: &mut H) {
        let w = self.written();
        w.buffer.hash(h);
        w.ends.hash(h);
    }
}

impl std::ops::Index<usize> for Texts {
    type Output = str;

    #[inline]
    fn index(&self, i: usize) -> &str {
        match self.get(i) {
            Some(s) => s,
            None => panic!("index {i} out of {} texts", self.len()),
        }
    }
}

/// The texts of a [`Texts`] in order.
#[derive(Clone)]
pub struct Iter<'a> {
    texts: &'a Texts,
    front: usize,
    back: usize,
}

impl<'a> Iterator for Iter<'a> {
    type Item = &'a str;

    #[inline]
    fn next(&mut self) -> Option<&'a str> {
        if self.front == self.back {
            return None;
        }
        self.front += 1;
        self.texts.get(self.front - 1)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let n = self.back - self.front;
        (n, Some(n))
    }
}

impl DoubleEndedIterator for Iter<'_> {
    #[inline]
    fn next_back(&mut self) -> Option<Self::Item> {
        if self.front == self.back {
            return None;
        }
        self.back -= 1;
        self.texts.get(self.back)
    }
}

impl ExactSizeIterator for Iter<'_> {}

impl<'a> IntoIterator for &'a Texts {
    type Item = &'a str;
    type IntoIter = Iter<'a>;

    fn into_iter(self) -> Iter<'a> {
        self.iter()
    }
}

impl<S: AsRef<str>> FromIterator<S> for Texts {
    fn from_iter<I: IntoIterator<Item = S>>(iter: I) -> Texts {
        let mut t = Texts::new();
        t.extend(iter);
        t
    }
}

impl<S: AsRef<str>> Extend<S> for Texts {
    fn extend<I: IntoIterator<Item = S>>(&mut self, iter: I) {
        for s in iter {
            self.push(s.as_ref());
        }
    }
}

impl<S: AsRef<str>> From<Vec<S>> for Texts {
    fn from(v: Vec<S>) -> Texts {
        v.into_iter().collect()
    }
}

impl<S: AsRef<str>, const N: usize> From<[S; N]> for Texts {
    fn from(v: [S; N]) -> Texts {
        v.into_iter().collect()
    }
}

impl<S: AsRef<str>> PartialEq<Vec<S>> for Texts {
    fn eq(&self, other: &Vec<S>) -> bool {
        self.len() == other.len() && self.iter().zip(other).all(|(a, b)| a == b.as_ref())
    }
}

impl<S: AsRef<str>, const N: usize> PartialEq<[S; N]> for Texts {
    fn eq(&self, other: &[S; N]) -> bool {
        self.len() == N && self.iter().zip(other).all(|(a, b)| a == b.as_ref())
    }
}

impl<S: AsRef<str>> PartialEq<Texts> for Vec<S> {
    fn eq(&self, other: &Texts) -> bool {
        other == self
    }
}

impl std::fmt::Debug for Texts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

/// Written as a list of texts, as a `Vec<String>` is, in a format for people (JSON); in a
/// binary format (postcard, between the app's workers) as its buffer and ends, which read back
/// without a step per text.
impl Serialize for Texts {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if s.is_human_readable() {
            s.collect_seq(self.iter())
        } else {
            let w = self.written();
            (&w.buffer, &w.ends).serialize(s)
        }
    }
}

impl<'de> Deserialize<'de> for Texts {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Texts, D::Error> {
        if !d.is_human_readable() {
            let (buffer, ends): (String, Vec<usize>) = Deserialize::deserialize(d)?;
            // Ends that do not fit the buffer (damaged bytes) are an error, never a panic later.
            let mut last = 0;
            for &end in &ends {
                if end < last || end > buffer.len() || !buffer.is_char_boundary(end) {
                    return Err(serde::de::Error::custom("texts: an end outside the buffer"));
                }
                last = end;
            }
            if last != buffer.len() {
                return Err(serde::de::Error::custom("texts: bytes after the last text"));
            }
            return Ok(Texts {
                written: OnceLock::from(Written { buffer, ends }),
                numbers: vec![],
            });
        }
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = Texts;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a list of texts")
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<Texts, A::Error> {
                let mut t = Texts::with_capacity(seq.size_hint().unwrap_or(0), 0);
                while seq.next_element_seed(Push(&mut t))?.is_some() {}
                Ok(t)
            }
        }
        d.deserialize_seq(Visitor)
    }
}

/// Reads one text straight into the buffer (no `String` of its own).
struct Push<'a>(&'a mut Texts);

impl<'de> serde::de::DeserializeSeed<'de> for Push<'_> {
    type Value = ();

    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_str(self)
    }
}

impl serde::de::Visitor<'_> for Push<'_> {
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a text")
    }

    fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<(), E> {
        self.0.push(s);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_read_like_a_list_of_strings() {
        let v = vec!["0101", "", "Mitte-Nord", "ä ö ü", ""];
        let t = Texts::from(v.clone());
        assert_eq!(t.len(), 5);
        assert_eq!(&t[0], "0101");
        assert_eq!(&t[1], "");
        assert_eq!(&t[3], "ä ö ü");
        assert_eq!(t.get(5), None);
        assert_eq!(t.iter().collect::<Vec<_>>(), v);
        assert_eq!(t.iter().rev().collect::<Vec<_>>(), {
            let mut r = v.clone();
            r.reverse();
            r
        });
        assert_eq!(t.iter().len(), 5);
        assert_eq!(t.join("|"), v.join("|"));
        assert_eq!(t, v);
        assert_ne!(t, vec!["0101"]);
        let mut u = Texts::new();
        u.push_with(|b| b.push_str("12,5"));
        u.push("x");
        assert_eq!(u.to_vec(), vec!["12,5", "x"]);
        u.pop();
        u.push("yz");
        assert_eq!(u.to_vec(), vec!["12,5", "yz"]);
        u.pop();
        u.pop();
        u.pop();
        assert!(u.is_empty() && u == Texts::new());
        assert!(Texts::new().is_empty() && Texts::new().first().is_none());
    }

    #[test]
    fn texts_are_written_and_read_as_a_list() {
        let t = Texts::from(["a", "", "Straße"]);
        let json = serde_json::to_string(&t).unwrap();
        assert_eq!(json, r#"["a","","Straße"]"#);
        assert_eq!(serde_json::from_str::<Texts>(&json).unwrap(), t);
        let bytes = postcard::to_allocvec(&t).unwrap();
        assert_eq!(postcard::from_bytes::<Texts>(&bytes).unwrap(), t);
        // Damaged bytes: an error, not texts that panic when read.
        let bad = postcard::to_allocvec(&("ab", vec![1usize, 5])).unwrap();
        assert!(postcard::from_bytes::<Texts>(&bad).is_err());
        let split = postcard::to_allocvec(&("ä", vec![1usize])).unwrap();
        assert!(postcard::from_bytes::<Texts>(&split).is_err());
        let trailing = postcard::to_allocvec(&("abc", vec![1usize])).unwrap();
        assert!(postcard::from_bytes::<Texts>(&trailing).is_err());
        let empty = postcard::to_allocvec(&Texts::new()).unwrap();
        assert_eq!(postcard::from_bytes::<Texts>(&empty).unwrap(), Texts::new());
    }

    #[test]
    fn numbers_read_as_their_texts_written_when_first_read() {
        let numbers = [12.5, 1172.0, -0.25, 0.1 + 0.2, 1e-7, 0.0];
        let texts = [
            "12.5",
            "1172",
            "-0.25",
            "0.30000000000000004",
            "0.0000001",
            "0",
        ];
        let mut t = Texts::new();
        for (k, &f) in numbers.iter().enumerate() {
            t.push_number(f);
            if k == 2 {
                // An empty cell (absent, null) among them, and one taken back.
                t.push("");
                t.push_number(99.0);
                t.pop();
            }
        }
        assert!(t.holds_numbers(), "nothing read yet: not written");
        assert_eq!(t.len(), 7);
        let mut expected: Vec<&str> = texts.to_vec();
        expected.insert(3, "");
        assert_eq!(t, expected);
        assert!(!t.holds_numbers(), "written once read");
        // Held as numbers or written: equal, hashed alike, the same bytes between workers.
        let mut lazy = Texts::new();
        numbers.iter().for_each(|&f| lazy.push_number(f));
        let eager = Texts::from(texts);
        let hash = |t: &Texts| {
            use std::hash::{Hash, Hasher};
            let mut h = std::collections::hash_map::DefaultHasher::new();
            t.hash(&mut h);
            h.finish()
        };
        assert_eq!(hash(&lazy.clone()), hash(&eager));
        assert_eq!(
            postcard::to_allocvec(&lazy.clone()).unwrap(),
            postcard::to_allocvec(&eager).unwrap()
        );
        assert_eq!(
            serde_json::to_string(&lazy).unwrap(),
            serde_json::to_string(&eager).unwrap()
        );
        // A text after numbers not yet written: the numbers are written first, the text follows.
        let mut mixed = Texts::new();
        numbers.iter().for_each(|&f| mixed.push_number(f));
        mixed.push("Mitte");
        assert!(!mixed.holds_numbers());
        mixed.push_number(3.0);
        mixed.push_number(f64::NAN);
        assert_eq!(mixed.len(), 9);
        assert_eq!(&mixed[0], "12.5");
        assert_eq!(&mixed[5], "0");
        assert_eq!(&mixed[6], "Mitte");
        assert_eq!(&mixed[7], "3");
        assert_eq!(&mixed[8], "NaN");
        // Picking rows keeps numbers unwritten and gives empty texts for rows without a cell.
        let mut picked = Texts::new();
        numbers.iter().for_each(|&f| picked.push_number(f));
        let rows = [Some(1), None, Some(1), Some(4)];
        let chosen = picked.select(&rows);
        assert!(chosen.holds_numbers());
        assert_eq!(chosen, ["1172", "", "1172", "0.0000001"]);
        assert_eq!(eager.select(&rows), ["1172", "", "1172", "0.0000001"]);
    }
}

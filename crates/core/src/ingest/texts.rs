//! The texts of a row or a column of a table, kept in one buffer.
//!
//! A table of 100,000 rows and 15 columns has 1.5 million cells; one `String` each means 1.5
//! million allocations to read it, to copy it and to free it (about a third of the time of
//! reading a large CSV). [`Texts`] keeps the cells one after another in one `String` with
//! their ends beside it: two allocations per column, a copy is two `memcpy`s.

use serde::{Deserialize, Serialize};

/// Texts in one buffer, read by index like a `Vec<String>` (`texts[i]` is a `&str`).
#[derive(Clone, Default, PartialEq, Eq, Hash)]
pub struct Texts {
    /// Every text, one after another.
    buffer: String,
    /// Where each text ends in `buffer` (it starts where the previous one ends).
    ends: Vec<usize>,
}

impl Texts {
    /// No texts.
    pub fn new() -> Texts {
        Texts::default()
    }

    /// No texts, with room for `n` texts of `bytes` bytes together.
    pub fn with_capacity(n: usize, bytes: usize) -> Texts {
        Texts {
            buffer: String::with_capacity(bytes),
            ends: Vec::with_capacity(n),
        }
    }

    /// Adds a text at the end.
    pub fn push(&mut self, text: &str) {
        self.buffer.push_str(text);
        self.ends.push(self.buffer.len());
    }

    /// Adds the text `write` writes into the buffer (e.g. a formatted number) at the end,
    /// without a `String` of its own.
    pub fn push_with(&mut self, write: impl FnOnce(&mut String)) {
        write(&mut self.buffer);
        self.ends.push(self.buffer.len());
    }

    /// Removes the last text, if there is one.
    pub fn pop(&mut self) {
        if self.ends.pop().is_some() {
            self.buffer.truncate(self.ends.last().copied().unwrap_or(0));
        }
    }

    /// The number of texts.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// True without texts.
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// The text at `i`, if there is one.
    pub fn get(&self, i: usize) -> Option<&str> {
        let end = *self.ends.get(i)?;
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        Some(&self.buffer[start..end])
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

    /// The texts joined with `separator`.
    pub fn join(&self, separator: &str) -> String {
        self.iter().collect::<Vec<_>>().join(separator)
    }

    /// The texts as owned strings.
    pub fn to_vec(&self) -> Vec<String> {
        self.iter().map(str::to_string).collect()
    }
}

impl std::ops::Index<usize> for Texts {
    type Output = str;

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
            (&self.buffer, &self.ends).serialize(s)
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
            return Ok(Texts { buffer, ends });
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
}

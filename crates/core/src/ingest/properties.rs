//! The attributes of one feature of a map (GeoJSON properties, a Shapefile's DBF record): name
//! and value pairs in name order, as a JSON object has them, with the names shared between the
//! features of a file.
//!
//! A file of 100,000 features with a dozen properties each would otherwise hold 1.2 million
//! copies of the same dozen names in 100,000 ordered maps; reading them was a third of reading
//! the file. The GeoJSON reader's fast path reads properties straight into this form
//! ([`Properties`] implements `Deserialize` with the names of the file being read, see [`Names`]).

use foldhash::HashSet;
use serde::de::{Deserialize, DeserializeSeed, Deserializer, MapAccess, Visitor};
use serde_json::{Map, Value};
use std::cell::RefCell;
use std::fmt;
use std::sync::Arc;

/// A feature's properties: (name, value) pairs sorted by name, each name once.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Properties(Vec<(Arc<str>, Value)>);

impl Properties {
    /// The value of the property `name`.
    pub fn get(&self, name: &str) -> Option<&Value> {
        self.0
            .binary_search_by(|(k, _)| (**k).cmp(name))
            .ok()
            .map(|i| &self.0[i].1)
    }

    /// The properties in name order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &Value)> {
        self.0.iter().map(|(k, v)| (&**k, v))
    }

    /// The shared name of each property, in name order.
    pub fn names(&self) -> impl Iterator<Item = &Arc<str>> {
        self.0.iter().map(|(k, _)| k)
    }

    /// Number of properties.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Pairs in any order: sorted by name, the last of equal names kept (as a JSON object
    /// keeps the last of repeated keys).
    fn from_pairs(mut pairs: Vec<(Arc<str>, Value)>) -> Properties {
        // Most writers sort the names already (and write each once).
        if pairs.windows(2).all(|w| w[0].0 < w[1].0) {
            return Properties(pairs);
        }
        pairs.reverse();
        pairs.sort_by(|a, b| a.0.cmp(&b.0));
        pairs.dedup_by(|later, first| later.0 == first.0);
        Properties(pairs)
    }
}

impl From<Map<String, Value>> for Properties {
    fn from(map: Map<String, Value>) -> Properties {
        Properties::from_pairs(map.into_iter().map(|(k, v)| (Arc::from(k), v)).collect())
    }
}

impl std::ops::Index<&str> for Properties {
    type Output = Value;

    /// The value of `name`, `null` when there is none (as for a JSON map).
    fn index(&self, name: &str) -> &Value {
        static NULL: Value = Value::Null;
        self.get(name).unwrap_or(&NULL)
    }
}

/// The names met while a file is read: all of them, and the last one read at each position
/// of a feature's properties (the features of a file mostly list the same names in the same
/// order, so a name is mostly found there without hashing it).
#[derive(Default)]
struct Met {
    all: HashSet<Arc<str>>,
    at: Vec<Arc<str>>,
}

thread_local! {
    /// The names met while a file is read (see [`Names`]).
    static NAMES: RefCell<Option<Met>> = const { RefCell::new(None) };
}

/// While it lives, properties deserialized on this thread share their names (one `Arc<str>`
/// per distinct name); without one, each name is its own. When it is dropped, the sharing
/// before it (if any) resumes.
pub struct Names(Option<Met>);

impl Names {
    /// Starts sharing names (until dropped).
    pub fn share() -> Names {
        Names(NAMES.with(|n| n.borrow_mut().replace(Met::default())))
    }
}

impl Drop for Names {
    fn drop(&mut self) {
        let before = self.0.take();
        NAMES.with(|n| *n.borrow_mut() = before);
    }
}

/// The shared `Arc` of `name`, the property at `position` of its feature.
fn shared(name: &str, position: usize) -> Arc<str> {
    NAMES.with(|n| match n.borrow_mut().as_mut() {
        Some(met) => {
            if let Some(a) = met.at.get(position).filter(|a| ***a == *name) {
                return a.clone();
            }
            let a = match met.all.get(name) {
                Some(a) => a.clone(),
                None => {
                    let a: Arc<str> = Arc::from(name);
                    met.all.insert(a.clone());
                    a
                }
            };
            if position < met.at.len() {
                met.at[position] = a.clone();
            } else if position == met.at.len() {
                met.at.push(a.clone());
            }
            a
        }
        None => Arc::from(name),
    })
}

/// A property's name (the one at this position of its feature), read without a copy of its
/// own: the shared one.
struct Name(usize);

impl<'de> DeserializeSeed<'de> for Name {
    type Value = Arc<str>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Arc<str>, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl Visitor<'_> for Name {
    type Value = Arc<str>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a property name")
    }

    fn visit_str<E: serde::de::Error>(self, name: &str) -> Result<Arc<str>, E> {
        Ok(shared(name, self.0))
    }
}

impl<'de> Deserialize<'de> for Properties {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Properties, D::Error> {
        struct PairsVisitor;
        impl<'de> Visitor<'de> for PairsVisitor {
            type Value = Properties;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an object of properties")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Properties, A::Error> {
                let mut pairs = Vec::with_capacity(map.size_hint().unwrap_or(8));
                while let Some(name) = map.next_key_seed(Name(pairs.len()))? {
                    pairs.push((name, map.next_value::<Value>()?));
                }
                Ok(Properties::from_pairs(pairs))
            }
        }
        deserializer.deserialize_map(PairsVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn properties_read_like_a_json_object_and_share_their_names() {
        let text = r#"[{"b": 1, "a": "x", "b": 2}, {"a": null, "c": [1]}]"#;
        let names = Names::share();
        let read: Vec<Properties> = serde_json::from_str(text).unwrap();
        drop(names);
        let maps: Vec<Map<String, Value>> = serde_json::from_str(text).unwrap();
        for (p, m) in read.iter().zip(&maps) {
            // Same pairs in the same (name) order, the last of a repeated name kept.
            let pairs: Vec<(&str, &Value)> = p.iter().collect();
            let want: Vec<(&str, &Value)> = m.iter().map(|(k, v)| (k.as_str(), v)).collect();
            assert_eq!(pairs, want);
            assert_eq!(*p, Properties::from(m.clone()));
        }
        assert_eq!(read[0]["b"], Value::from(2));
        assert_eq!(read[0]["zz"], Value::Null);
        assert_eq!(read[1].get("c"), Some(&Value::from(vec![1])));
        // "a" is one shared name in both features.
        let a0 = read[0].names().next().unwrap();
        let a1 = read[1].names().next().unwrap();
        assert!(Arc::ptr_eq(a0, a1));
        // Outside a shared reading, names are not kept.
        let alone: Properties = serde_json::from_str(r#"{"a": 1}"#).unwrap();
        assert!(!Arc::ptr_eq(alone.names().next().unwrap(), a0));
        assert!(NAMES.with(|n| n.borrow().is_none()));
    }
}

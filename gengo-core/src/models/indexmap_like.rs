//! A small ordered map that keeps the caller's key order (job keys echo back in the
//! order Gengo sent them).

use serde_json::{Map, Value};

use crate::lenient::{Lenient, with_extra};

/// An ordered list of `(key, value)` pairs with unique keys.
#[derive(Debug, Clone, PartialEq)]
pub struct KeyedList<T>(pub Vec<(String, T)>);

impl<T> Default for KeyedList<T> {
    fn default() -> Self {
        KeyedList(Vec::new())
    }
}

impl<T> KeyedList<T> {
    /// Adds or replaces `key`.
    pub fn push(&mut self, key: String, value: T) {
        if let Some(slot) = self.0.iter_mut().find(|(k, _)| *k == key) {
            slot.1 = value;
        } else {
            self.0.push((key, value));
        }
    }
    /// The value for `key`.
    pub fn get(&self, key: &str) -> Option<&T> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }
    /// The keys in order.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.0.iter().map(|(k, _)| k.as_str())
    }
    /// The entries in order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &T)> {
        self.0.iter().map(|(k, v)| (k.as_str(), v))
    }
    /// Number of entries.
    pub fn len(&self) -> usize {
        self.0.len()
    }
    /// Whether there are no entries.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl<T: Lenient> Lenient for KeyedList<T> {
    fn shape() -> crate::lenient::Shape {
        crate::lenient::Shape::Keyed(Box::new(T::shape()))
    }
    fn from_json(v: &Value) -> Option<Self> {
        let mut out = KeyedList::default();
        for (k, x) in v.as_object()? {
            out.push(k.clone(), T::from_json(x)?);
        }
        Some(out)
    }
    fn to_json(&self) -> Value {
        let mut m = Map::new();
        for (k, v) in &self.0 {
            m.insert(k.clone(), v.to_json());
        }
        with_extra(m, &Map::new())
    }
    fn normalize(raw: &Value) -> Value {
        match raw {
            Value::Object(o) => Value::Object(
                o.iter()
                    .map(|(k, v)| (k.clone(), T::normalize(v)))
                    .collect(),
            ),
            Value::Array(_) => raw.clone(),
            _ => Value::Null,
        }
    }
}

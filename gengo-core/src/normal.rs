//! A normalised payload that has not been turned into a JSON tree yet.
//!
//! The dispatcher's answer is the same JSON whichever way it is produced: a typed
//! payload read straight from the body writes it without a tree (the fast path, for the
//! C ABI's text and the Python objects), and anything else is the tree the operation's
//! normaliser built.

use serde_json::Value;

use crate::lenient::{Lenient, Normal};

/// A normalised payload: JSON text, a tree, or Python objects on demand.
pub struct Normalized(Repr);

enum Repr {
    Tree(Value),
    Typed(Box<dyn Typed>),
}

/// A typed payload, behind a pointer so that one type holds any of them.
trait Typed: Send + Sync {
    fn write_json(&self, out: &mut Vec<u8>);
    fn to_value(&self) -> Value;
}

impl<T: Lenient + Send + Sync> Typed for T {
    fn write_json(&self, out: &mut Vec<u8>) {
        if serde_json::to_writer(&mut *out, &Normal(self)).is_err() {
            // Unreachable (every key is a string, every number finite); the tree
            // writer gives the same text.
            out.clear();
            out.extend(self.to_json().to_string().into_bytes());
        }
    }
    fn to_value(&self) -> Value {
        self.to_json()
    }
}

impl Normalized {
    /// A payload already normalised into a tree.
    pub fn tree(v: Value) -> Normalized {
        Normalized(Repr::Tree(v))
    }

    /// A typed payload, normalised when it is written.
    pub fn typed<T: Lenient + Send + Sync + 'static>(x: T) -> Normalized {
        Normalized(Repr::Typed(Box::new(x)))
    }

    /// The normalised JSON tree.
    pub fn into_value(self) -> Value {
        match self.0 {
            Repr::Tree(v) => v,
            Repr::Typed(t) => t.to_value(),
        }
    }

    /// The normalised JSON text (what `into_value().to_string()` gives, without the tree).
    pub fn to_json_string(&self) -> String {
        let mut out = Vec::new();
        match &self.0 {
            Repr::Tree(v) => {
                serde_json::to_writer(&mut out, v).ok();
            }
            Repr::Typed(t) => t.write_json(&mut out),
        }
        // serde_json writes UTF-8 only.
        String::from_utf8(out).unwrap_or_default()
    }

    /// Whether the payload came by the fast path (read without a tree).
    pub fn is_typed(&self) -> bool {
        matches!(self.0, Repr::Typed(_))
    }
}

impl std::fmt::Debug for Normalized {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("Normalized")
            .field(&self.to_json_string())
            .finish()
    }
}

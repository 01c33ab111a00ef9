//! A normalised payload that has not been turned into a JSON tree yet.
//!
//! The dispatcher's answer is the same JSON whichever way it is produced: a typed
//! payload read straight from the body writes it without a tree (the fast path, for the
//! C ABI's text and the Python objects), and anything else is the tree the operation's
//! normaliser built.

use serde_json::Value;

use crate::lenient::{Lenient, Normal};

/// A normalised payload: JSON text, a tree, or Python objects on demand.
pub struct Normalized(Repr, usize);

enum Repr {
    Tree(Value),
    Typed(Box<dyn Typed>),
}

/// A typed payload, behind a pointer so that one type holds any of them.
trait Typed: Send + Sync {
    fn write_json(&self, out: &mut Vec<u8>);
    fn to_value(&self) -> Value;
    fn emit(&self, s: sink::Events<'_>) -> Result<(), sink::KeyError>;
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
    fn emit(&self, s: sink::Events<'_>) -> Result<(), sink::KeyError> {
        self.write(s)
    }
}

impl Normalized {
    /// A payload already normalised into a tree.
    pub fn tree(v: Value) -> Normalized {
        Normalized(Repr::Tree(v), 0)
    }

    /// A typed payload, normalised when it is written.
    pub fn typed<T: Lenient + Send + Sync + 'static>(x: T) -> Normalized {
        Normalized(Repr::Typed(Box::new(x)), 0)
    }

    /// The same payload, with the size of the body it was read from: its text is written
    /// into a buffer of about that size (not a doubling series of copies).
    pub fn with_size_hint(mut self, bytes: usize) -> Normalized {
        self.1 = bytes;
        self
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
        // Capacity that is never written costs no memory.
        let mut out = Vec::with_capacity(self.1.saturating_add(self.1 / 4).saturating_add(64));
        match &self.0 {
            Repr::Tree(v) => {
                serde_json::to_writer(&mut out, v).ok();
            }
            Repr::Typed(t) => t.write_json(&mut out),
        }
        // serde_json writes UTF-8 only.
        String::from_utf8(out).unwrap_or_default()
    }

    /// The size of the body the payload was read from, when known (0 otherwise).
    pub fn size_hint(&self) -> usize {
        self.1
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

/// Receives a JSON value as a stream of events: how a binding builds its own objects
/// (Python dicts and lists) from a normalised payload without JSON text or a tree.
/// Events nest: a `begin_*` is closed by its `end_*`; inside a map each value follows
/// its [`JsonSink::key`].
pub trait JsonSink {
    /// `null`
    fn null(&mut self);
    /// `true` or `false`
    fn bool(&mut self, v: bool);
    /// A negative (or any signed) integer.
    fn i64(&mut self, v: i64);
    /// A non-negative integer.
    fn u64(&mut self, v: u64);
    /// Any other number.
    fn f64(&mut self, v: f64);
    /// A string.
    fn str(&mut self, v: &str);
    /// A list begins.
    fn begin_seq(&mut self, len: Option<usize>);
    /// The list ends.
    fn end_seq(&mut self);
    /// An object begins.
    fn begin_map(&mut self, len: Option<usize>);
    /// The key of the next value.
    fn key(&mut self, k: &str);
    /// The object ends.
    fn end_map(&mut self);
}

impl Normalized {
    /// Sends the normalised JSON to `sink`, event by event (the same JSON as
    /// [`Normalized::to_json_string`]).
    pub fn emit(&self, sink: &mut dyn JsonSink) {
        let s = sink::Events(sink);
        // Only non-string keys could fail, and normalised payloads have none.
        let _ = match &self.0 {
            Repr::Tree(v) => serde::Serialize::serialize(v, s),
            Repr::Typed(t) => t.emit(s),
        };
    }
}

/// Sends the `response` of a success body to `sink`, read in one pass (the envelope's
/// other keys are checked and skipped): for bindings that build their own objects from the
/// payload as sent (Python's compatibility layer). `Some(false)` when the envelope has no
/// `response`; `None` when the body is not JSON (what the sink then holds is unspecified;
/// check the body with [`crate::envelope::is_clean_success`] first).
pub fn emit_response(body: &[u8], sink: &mut dyn JsonSink) -> Option<bool> {
    use serde::de::{DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
    use std::borrow::Cow;

    /// Forwards one JSON value from the stream to the sink.
    struct Forward<'a>(&'a mut dyn JsonSink);
    impl<'de> DeserializeSeed<'de> for Forward<'_> {
        type Value = ();
        fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
            d.deserialize_any(self)
        }
    }
    impl<'de> Visitor<'de> for Forward<'_> {
        type Value = ();
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a JSON value")
        }
        fn visit_bool<E: serde::de::Error>(self, v: bool) -> Result<(), E> {
            self.0.bool(v);
            Ok(())
        }
        fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<(), E> {
            self.0.i64(v);
            Ok(())
        }
        fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<(), E> {
            self.0.u64(v);
            Ok(())
        }
        fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<(), E> {
            self.0.f64(v);
            Ok(())
        }
        fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<(), E> {
            self.0.str(v);
            Ok(())
        }
        fn visit_unit<E: serde::de::Error>(self) -> Result<(), E> {
            self.0.null();
            Ok(())
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
            self.0.begin_seq(seq.size_hint());
            while seq.next_element_seed(Forward(&mut *self.0))?.is_some() {}
            self.0.end_seq();
            Ok(())
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
            self.0.begin_map(map.size_hint());
            while let Some(k) = map.next_key::<Cow<'de, str>>()? {
                self.0.key(&k);
                map.next_value_seed(Forward(&mut *self.0))?;
            }
            self.0.end_map();
            Ok(())
        }
    }
    /// The envelope: `response` forwarded, everything else checked and skipped.
    struct Envelope<'a>(&'a mut dyn JsonSink);
    impl<'de> Visitor<'de> for Envelope<'_> {
        type Value = bool;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a Gengo envelope")
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<bool, A::Error> {
            let mut sent = false;
            while let Some(k) = map.next_key::<Cow<'de, str>>()? {
                if k == "response" && !sent {
                    map.next_value_seed(Forward(&mut *self.0))?;
                    sent = true;
                } else {
                    map.next_value::<crate::lenient::Checked>()?;
                }
            }
            Ok(sent)
        }
    }
    let mut de = serde_json::Deserializer::from_str(std::str::from_utf8(body).ok()?);
    let sent = (&mut de).deserialize_map(Envelope(sink)).ok()?;
    de.end().ok()?;
    Some(sent)
}
mod sink;

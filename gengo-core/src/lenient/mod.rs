//! Lenient, lossless conversion between Gengo's JSON and typed values.
//!
//! Real Gengo servers sent ids, counts, money and flags as strings or as numbers
//! (Decision D1). Every typed field here accepts all of those forms; a value that
//! cannot be read as the field's type is not an error: it stays, untouched, in the
//! model's `extra` map under its own key, so nothing the server sent is ever lost and
//! the normalised output still carries it.

use serde::de::{DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Serialize, Serializer};
use serde_json::{Map, Value};

mod macros;
mod scalar;
mod shape;
mod stream;
mod time;

pub(crate) use macros::{model, string_enum};
pub(crate) use scalar::scalar_ways_in;
pub use scalar::{FromScalar, Scalar, decimal_from_json, read_scalar};
pub use shape::{DescribedEnum, DescribedModel, EnumShape, FieldShape, ModelShape, Shape};
pub(crate) use stream::raw_visits;
pub use stream::{Checked, raw_map, raw_seq};
pub use time::Time;

/// A value that can be read leniently from JSON and written back in canonical form.
///
/// Two ways in, with one meaning: [`Lenient::from_json`] reads a parsed tree, and
/// [`Lenient::read`] reads straight from a JSON stream (no tree; the fast path of every
/// response). Two ways out, with one meaning: [`Lenient::to_json`] builds a tree, and
/// [`Lenient::write`] serialises the same normalised form straight to any serde
/// serializer (text for the C ABI).
pub trait Lenient: Sized {
    /// Reads the value, or `None` when it cannot be read as this type.
    fn from_json(v: &Value) -> Option<Self>;
    /// Writes the canonical JSON form (ids and counts as integers, money as decimal
    /// strings, flags as booleans, statuses in canonical spelling).
    fn to_json(&self) -> Value;

    /// [`Lenient::from_json`] of an owned value: `Err` gives the value back untouched.
    fn from_value(v: Value) -> std::result::Result<Self, Value> {
        Self::from_json(&v).ok_or(v)
    }

    /// Reads the value from a JSON stream: `Ok(Ok(x))`, or `Ok(Err(raw))` with the exact
    /// value when it does not read as this type. An `Err` means the stream is broken or
    /// the reader cannot give the exact answer ([`BAIL`]); the caller then reads the body
    /// as a tree instead, so both ways always agree.
    fn read<'de, D: Deserializer<'de>>(d: D) -> std::result::Result<Read<Self>, D::Error> {
        Ok(Self::from_value(Value::deserialize(d)?))
    }

    /// Serialises [`Lenient::to_json`]'s form without building it.
    fn write<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        self.to_json().serialize(s)
    }

    /// What this type holds, for the bindings' generated models.
    fn shape() -> Shape {
        Shape::Json
    }

    /// The normalised JSON of a value sent where this type was expected, read or not:
    /// what reads is written as this type writes it, an unreadable scalar (an id sent as
    /// `"NULL"` or `"..."`) is `null`, and a list or map of this type's elements is
    /// normalised element by element (so one unreadable element does not leave the
    /// others as sent). Anything else structured goes out as sent.
    fn normalize(raw: &Value) -> Value {
        match Self::from_json(raw) {
            Some(x) => x.to_json(),
            None if raw.is_array() || raw.is_object() => raw.clone(),
            None => Value::Null,
        }
    }
}

/// What [`Lenient::read`] gives: the value, or the exact JSON that did not read as it.
pub type Read<T> = std::result::Result<T, Value>;

/// The message of the error a stream reader returns when only the tree reader can give
/// the exact answer (a repeated key, a list with an element that does not read).
pub const BAIL: &str = "gengo-core: read this value as a tree";

/// A [`DeserializeSeed`] that reads a `T` leniently ([`Lenient::read`]).
pub struct Seed<T>(std::marker::PhantomData<T>);

impl<T> Seed<T> {
    /// The seed.
    pub fn new() -> Self {
        Seed(std::marker::PhantomData)
    }
}

impl<T> Default for Seed<T> {
    fn default() -> Self {
        Seed::new()
    }
}

impl<'de, T: Lenient> DeserializeSeed<'de> for Seed<T> {
    type Value = Read<T>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> std::result::Result<Read<T>, D::Error> {
        T::read(d)
    }
}

/// Serialises a value's normalised form ([`Lenient::write`]).
pub struct Normal<'a, T>(pub &'a T);

impl<T: Lenient> Serialize for Normal<'_, T> {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        self.0.write(s)
    }
}

/// Reads a whole JSON text as `T` without a tree: `None` when the text is not JSON, when
/// it does not read as `T`, or when only the tree reader can give the exact answer.
/// `Some(x)` is always what `T::from_json` of the parsed text gives.
pub fn from_slice_fast<T: Lenient>(bytes: &[u8]) -> Option<T> {
    let mut de = serde_json::Deserializer::from_str(std::str::from_utf8(bytes).ok()?);
    let out = T::read(&mut de).ok()?.ok()?;
    de.end().ok()?;
    Some(out)
}

/// Reads `T` from a JSON text: without a tree when it can ([`from_slice_fast`]), else
/// through [`Lenient::from_json`]. `None` when the text is not JSON or not a `T`.
pub fn from_slice<T: Lenient>(bytes: &[u8]) -> Option<T> {
    from_slice_fast(bytes).or_else(|| T::from_json(&serde_json::from_slice(bytes).ok()?))
}

impl<T: Lenient> Lenient for Vec<T> {
    fn from_json(v: &Value) -> Option<Self> {
        v.as_array()?.iter().map(T::from_json).collect()
    }
    fn to_json(&self) -> Value {
        Value::Array(self.iter().map(Lenient::to_json).collect())
    }
    /// A list reads when every element reads. An element that does not is a [`BAIL`]:
    /// the elements read before it no longer hold their exact JSON.
    fn read<'de, D: Deserializer<'de>>(d: D) -> std::result::Result<Read<Self>, D::Error> {
        struct V<T>(std::marker::PhantomData<T>);
        impl<'de, T: Lenient> Visitor<'de> for V<T> {
            type Value = Read<Vec<T>>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a JSON value")
            }
            raw_visits!();
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
                while let Some(x) = seq.next_element_seed(Seed::<T>::new())? {
                    match x {
                        Ok(x) => out.push(x),
                        Err(_) => return Err(serde::de::Error::custom(BAIL)),
                    }
                }
                Ok(Ok(out))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
                Ok(Err(raw_map(map)?))
            }
        }
        d.deserialize_any(V(std::marker::PhantomData))
    }
    fn write<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.collect_seq(self.iter().map(Normal))
    }
    fn shape() -> Shape {
        Shape::List(Box::new(T::shape()))
    }
    fn normalize(raw: &Value) -> Value {
        match raw {
            Value::Array(a) => Value::Array(a.iter().map(T::normalize).collect()),
            Value::Object(_) => raw.clone(),
            _ => Value::Null,
        }
    }
}

impl Lenient for Value {
    fn from_json(v: &Value) -> Option<Self> {
        Some(v.clone())
    }
    fn to_json(&self) -> Value {
        self.clone()
    }
    fn from_value(v: Value) -> std::result::Result<Self, Value> {
        Ok(v)
    }
    fn write<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        self.serialize(s)
    }
}

/// Reads `v` as `T`, for callers outside the macros.
pub fn read<T: Lenient>(v: &Value) -> Option<T> {
    T::from_json(v)
}

/// Merges `extra` into an object value (used by hand-written models).
pub(crate) fn with_extra(mut base: Map<String, Value>, extra: &Map<String, Value>) -> Value {
    for (k, v) in extra {
        base.insert(k.clone(), v.clone());
    }
    Value::Object(base)
}

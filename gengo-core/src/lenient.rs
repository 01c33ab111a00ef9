//! Lenient, lossless conversion between Gengo's JSON and typed values.
//!
//! Real Gengo servers sent ids, counts, money and flags as strings or as numbers
//! (Decision D1). Every typed field here accepts all of those forms; a value that
//! cannot be read as the field's type is not an error: it stays, untouched, in the
//! model's `extra` map under its own key, so nothing the server sent is ever lost and
//! the normalised output still carries it.

use rust_decimal::Decimal;
use serde::de::{DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Serialize, Serializer};
use serde_json::{Map, Value};
use std::str::FromStr;

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

/// Any JSON value, read and dropped, refusing exactly what the tree reader refuses (a number
/// out of range, a lone surrogate escape). serde's `IgnoredAny` skips without those checks,
/// so a stream that skipped with it could accept a body the tree reader refuses.
pub struct Checked;

impl<'de> Deserialize<'de> for Checked {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Checked, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Checked;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a JSON value")
            }
            fn visit_bool<E: serde::de::Error>(self, _: bool) -> Result<Checked, E> {
                Ok(Checked)
            }
            fn visit_i64<E: serde::de::Error>(self, _: i64) -> Result<Checked, E> {
                Ok(Checked)
            }
            fn visit_u64<E: serde::de::Error>(self, _: u64) -> Result<Checked, E> {
                Ok(Checked)
            }
            fn visit_f64<E: serde::de::Error>(self, _: f64) -> Result<Checked, E> {
                Ok(Checked)
            }
            fn visit_str<E: serde::de::Error>(self, _: &str) -> Result<Checked, E> {
                Ok(Checked)
            }
            fn visit_unit<E: serde::de::Error>(self) -> Result<Checked, E> {
                Ok(Checked)
            }
            fn visit_none<E: serde::de::Error>(self) -> Result<Checked, E> {
                Ok(Checked)
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Checked, A::Error> {
                while seq.next_element::<Checked>()?.is_some() {}
                Ok(Checked)
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Checked, A::Error> {
                // Keys are strings: read them (escapes checked) and the values.
                while map.next_key::<Checked>()?.is_some() {
                    map.next_value::<Checked>()?;
                }
                Ok(Checked)
            }
        }
        d.deserialize_any(V)
    }
}

/// The visit methods of a visitor whose `Value` is `Read<T>`, for every JSON value that
/// is not the one the visitor reads: each gives the exact value back as `Err`.
macro_rules! raw_visits {
    () => {
        fn visit_bool<E: serde::de::Error>(self, v: bool) -> Result<Self::Value, E> {
            Ok(Err(serde_json::Value::Bool(v)))
        }
        fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Self::Value, E> {
            Ok(Err(serde_json::Value::from(v)))
        }
        fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Self::Value, E> {
            Ok(Err(serde_json::Value::from(v)))
        }
        fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Self::Value, E> {
            Ok(Err(serde_json::Number::from_f64(v).map_or(
                serde_json::Value::Null,
                serde_json::Value::Number,
            )))
        }
        fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Self::Value, E> {
            Ok(Err(serde_json::Value::String(v.to_string())))
        }
        fn visit_string<E: serde::de::Error>(self, v: String) -> Result<Self::Value, E> {
            Ok(Err(serde_json::Value::String(v)))
        }
        fn visit_unit<E: serde::de::Error>(self) -> Result<Self::Value, E> {
            Ok(Err(serde_json::Value::Null))
        }
        fn visit_none<E: serde::de::Error>(self) -> Result<Self::Value, E> {
            Ok(Err(serde_json::Value::Null))
        }
    };
}
pub(crate) use raw_visits;

/// A raw object, read whole (for a visitor that expected something else).
pub fn raw_map<'de, A: MapAccess<'de>>(map: A) -> std::result::Result<Value, A::Error> {
    Value::deserialize(serde::de::value::MapAccessDeserializer::new(map))
}

/// A raw array, read whole (for a visitor that expected something else).
pub fn raw_seq<'de, A: SeqAccess<'de>>(seq: A) -> std::result::Result<Value, A::Error> {
    Value::deserialize(serde::de::value::SeqAccessDeserializer::new(seq))
}

/// A JSON scalar, borrowed: what the lenient rules of the scalar types read. Both ways in
/// (a tree's value, a stream's token) become a `Scalar`, so each rule is written once.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Scalar<'a> {
    /// `null`
    Null,
    /// `true` or `false`
    Bool(bool),
    /// A negative integer.
    Int(i64),
    /// A non-negative integer.
    UInt(u64),
    /// Any other number.
    Float(f64),
    /// A string.
    Str(&'a str),
}

impl<'a> Scalar<'a> {
    /// The scalar of a tree value (`None` for arrays and objects).
    pub fn of(v: &'a Value) -> Option<Scalar<'a>> {
        Some(match v {
            Value::Null => Scalar::Null,
            Value::Bool(b) => Scalar::Bool(*b),
            Value::Number(n) => match (n.as_u64(), n.as_i64()) {
                (Some(u), _) => Scalar::UInt(u),
                (None, Some(i)) => Scalar::Int(i),
                _ => Scalar::Float(n.as_f64()?),
            },
            Value::String(s) => Scalar::Str(s),
            Value::Array(_) | Value::Object(_) => return None,
        })
    }

    /// The number, when the scalar is one.
    fn number(self) -> Option<serde_json::Number> {
        match self {
            Scalar::Int(i) => Some(i.into()),
            Scalar::UInt(u) => Some(u.into()),
            Scalar::Float(f) => serde_json::Number::from_f64(f),
            _ => None,
        }
    }

    /// The number as a float (what `Number::as_f64` gives).
    fn float(self) -> Option<f64> {
        match self {
            Scalar::Int(i) => Some(i as f64),
            Scalar::UInt(u) => Some(u as f64),
            Scalar::Float(f) => Some(f),
            _ => None,
        }
    }

    /// The exact JSON value.
    pub fn to_value(self) -> Value {
        match self {
            Scalar::Null => Value::Null,
            Scalar::Bool(b) => Value::Bool(b),
            Scalar::Str(s) => Value::String(s.to_string()),
            n => n.number().map_or(Value::Null, Value::Number),
        }
    }
}

/// A scalar type's lenient rule (see [`Scalar`]).
pub trait FromScalar: Sized {
    /// Reads the scalar, or `None` when it does not read as this type.
    fn from_scalar(s: Scalar<'_>) -> Option<Self>;
}

/// [`Lenient::read`] of a scalar type: the stream's token goes through the same rule as a
/// tree's value, and only a token that does not read is copied (into its exact value).
pub fn read_scalar<'de, T: FromScalar, D: Deserializer<'de>>(
    d: D,
) -> std::result::Result<Read<T>, D::Error> {
    struct V<T>(std::marker::PhantomData<T>);
    fn conv<T: FromScalar>(s: Scalar<'_>) -> Read<T> {
        T::from_scalar(s).ok_or_else(|| s.to_value())
    }
    impl<'de, T: FromScalar> Visitor<'de> for V<T> {
        type Value = Read<T>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a JSON value")
        }
        fn visit_bool<E: serde::de::Error>(self, v: bool) -> Result<Read<T>, E> {
            Ok(conv(Scalar::Bool(v)))
        }
        fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Read<T>, E> {
            Ok(conv(match u64::try_from(v) {
                Ok(u) => Scalar::UInt(u),
                Err(_) => Scalar::Int(v),
            }))
        }
        fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Read<T>, E> {
            Ok(conv(Scalar::UInt(v)))
        }
        fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Read<T>, E> {
            Ok(conv(Scalar::Float(v)))
        }
        fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Read<T>, E> {
            Ok(conv(Scalar::Str(v)))
        }
        fn visit_unit<E: serde::de::Error>(self) -> Result<Read<T>, E> {
            Ok(conv(Scalar::Null))
        }
        fn visit_none<E: serde::de::Error>(self) -> Result<Read<T>, E> {
            Ok(conv(Scalar::Null))
        }
        fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Read<T>, A::Error> {
            Ok(Err(raw_seq(seq)?))
        }
        fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Read<T>, A::Error> {
            Ok(Err(raw_map(map)?))
        }
    }
    d.deserialize_any(V(std::marker::PhantomData))
}

/// `Lenient::from_json` and `Lenient::read` of a scalar type, from its [`FromScalar`] rule.
macro_rules! scalar_ways_in {
    () => {
        fn from_json(v: &Value) -> Option<Self> {
            Scalar::of(v).and_then(Self::from_scalar)
        }
        fn read<'de, D: Deserializer<'de>>(d: D) -> std::result::Result<Read<Self>, D::Error> {
            read_scalar(d)
        }
    };
}

impl FromScalar for String {
    fn from_scalar(s: Scalar<'_>) -> Option<Self> {
        match s {
            Scalar::Str(t) => Some(t.to_string()),
            Scalar::Bool(b) => Some(b.to_string()),
            Scalar::Null => None,
            n => n.number().map(|n| n.to_string()),
        }
    }
}

impl Lenient for String {
    scalar_ways_in!();
    fn to_json(&self) -> Value {
        Value::String(self.clone())
    }
    fn from_value(v: Value) -> std::result::Result<Self, Value> {
        match v {
            Value::String(s) => Ok(s),
            other => Self::from_json(&other).ok_or(other),
        }
    }
    fn write<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_str(self)
    }
}

fn int_text(s: &str) -> Option<i64> {
    let t = s.trim();
    if let Ok(i) = t.parse::<i64>() {
        return Some(i);
    }
    // "3.0" style integers
    let d = Decimal::from_str(t).ok()?;
    if d.fract().is_zero() {
        let t = d.trunc();
        i64::try_from(t.mantissa() / 10i128.pow(t.scale())).ok()
    } else {
        None
    }
}

impl FromScalar for i64 {
    fn from_scalar(s: Scalar<'_>) -> Option<Self> {
        match s {
            Scalar::Int(i) => Some(i),
            Scalar::UInt(u) => i64::try_from(u).ok(),
            Scalar::Float(f) => (f.fract() == 0.0 && f.abs() < 9.0e15).then_some(f as i64),
            Scalar::Str(t) => int_text(t),
            _ => None,
        }
    }
}

impl Lenient for i64 {
    scalar_ways_in!();
    fn to_json(&self) -> Value {
        Value::from(*self)
    }
    fn write<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_i64(*self)
    }
}

impl FromScalar for u64 {
    fn from_scalar(s: Scalar<'_>) -> Option<Self> {
        match s {
            Scalar::UInt(u) => Some(u),
            Scalar::Int(_) => None,
            Scalar::Float(f) => {
                (f.fract() == 0.0 && (0.0..9.0e15).contains(&f)).then_some(f as u64)
            }
            Scalar::Str(t) => int_text(t).and_then(|i| u64::try_from(i).ok()),
            _ => None,
        }
    }
}

impl Lenient for u64 {
    scalar_ways_in!();
    fn to_json(&self) -> Value {
        Value::from(*self)
    }
    fn write<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_u64(*self)
    }
}

impl FromScalar for bool {
    fn from_scalar(s: Scalar<'_>) -> Option<Self> {
        match s {
            Scalar::Bool(b) => Some(b),
            Scalar::Str(t) => {
                let t = t.trim();
                if t == "0" || t.eq_ignore_ascii_case("false") {
                    Some(false)
                } else if t == "1" || t.eq_ignore_ascii_case("true") {
                    Some(true)
                } else {
                    None
                }
            }
            n => match n.float() {
                Some(0.0) => Some(false),
                Some(1.0) => Some(true),
                _ => None,
            },
        }
    }
}

impl Lenient for bool {
    scalar_ways_in!();
    fn to_json(&self) -> Value {
        Value::Bool(*self)
    }
    fn write<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_bool(*self)
    }
}

/// Reads a decimal from a JSON number or string without going through binary floats
/// where the text is available.
pub fn decimal_from_json(v: &Value) -> Option<Decimal> {
    Scalar::of(v).and_then(Decimal::from_scalar)
}

impl FromScalar for Decimal {
    fn from_scalar(s: Scalar<'_>) -> Option<Self> {
        let text = |t: &str| {
            Decimal::from_str(t)
                .or_else(|_| Decimal::from_scientific(t))
                .ok()
        };
        match s {
            Scalar::Str(t) => text(t.trim()),
            // serde_json keeps the shortest round-trip text of the number; reading that
            // text gives the decimal the server meant (0.05, not 0.05000000000000000277).
            n => text(&n.number()?.to_string()),
        }
    }
}

impl Lenient for Decimal {
    scalar_ways_in!();
    fn to_json(&self) -> Value {
        Value::String(self.to_string())
    }
    fn write<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
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

/// A time as Gengo sends it: usually Unix seconds, sometimes a text such as
/// `"2012-07-19 02:57:10.526565"` (UTC). Both are kept exactly as sent; a text that
/// reads as a date and time is decoded too ([`Time::timestamp`]) and normalises to Unix
/// seconds (fractional when the text had a fraction).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Time {
    /// Unix time in seconds.
    Epoch(i64),
    /// A textual date and time (as sent; see [`Time::timestamp`]).
    Text(String),
}

impl Time {
    /// The whole Unix seconds: the number, or the decoded date and time of a text.
    pub fn epoch(&self) -> Option<i64> {
        self.timestamp().map(|(s, _)| s)
    }
    /// Unix seconds and nanoseconds, when the time is numeric or a text that reads as
    /// `YYYY-MM-DD HH:MM:SS[.fraction]` (a `T` separator and a `Z` or `+00:00` suffix are
    /// accepted; times are UTC).
    pub fn timestamp(&self) -> Option<(i64, u32)> {
        match self {
            Time::Epoch(s) => Some((*s, 0)),
            Time::Text(t) => parse_datetime(t),
        }
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's `days_from_civil`).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Reads `YYYY-MM-DD[ T]HH:MM:SS[.f{1,9}][Z|+00:00]` as UTC. Deliberately small: Gengo
/// sends this one shape (glossary times); a date crate would add a dependency to every
/// binding for ten lines of arithmetic.
fn parse_datetime(text: &str) -> Option<(i64, u32)> {
    let t = text.trim();
    let t = t
        .strip_suffix('Z')
        .or_else(|| t.strip_suffix("+00:00"))
        .unwrap_or(t);
    let b = t.as_bytes();
    if b.len() < 19 || b[4] != b'-' || b[7] != b'-' || !matches!(b[10], b' ' | b'T') {
        return None;
    }
    if b[13] != b':' || b[16] != b':' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<i64> {
        let part = t.get(r)?;
        part.bytes()
            .all(|c| c.is_ascii_digit())
            .then(|| part.parse().ok())?
    };
    let (y, mo, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let (h, mi, sec) = (num(11..13)?, num(14..16)?, num(17..19)?);
    if !(1..=12).contains(&mo) || !(1..=31).contains(&d) || h > 23 || mi > 59 || sec > 60 {
        return None;
    }
    let mut nanos = 0u32;
    if b.len() > 19 {
        let frac = t.get(19..)?.strip_prefix('.')?;
        if frac.is_empty() || frac.len() > 9 || !frac.bytes().all(|c| c.is_ascii_digit()) {
            return None;
        }
        nanos = frac.parse::<u32>().ok()? * 10u32.pow(9 - frac.len() as u32);
    }
    let secs = days_from_civil(y, mo, d) * 86_400 + h * 3600 + mi * 60 + sec;
    Some((secs, nanos))
}

impl FromScalar for Time {
    fn from_scalar(s: Scalar<'_>) -> Option<Self> {
        if let Some(i) = i64::from_scalar(s) {
            return Some(Time::Epoch(i));
        }
        // Only a text that reads as a date and time is a time; a placeholder such as
        // "..." stays in the model's `extra` and normalises to null.
        match s {
            Scalar::Str(t) if parse_datetime(t).is_some() => Some(Time::Text(t.to_string())),
            _ => None,
        }
    }
}

impl Lenient for Time {
    scalar_ways_in!();
    fn to_json(&self) -> Value {
        match self {
            Time::Epoch(s) => Value::from(*s),
            Time::Text(t) => match parse_datetime(t) {
                Some((s, 0)) => Value::from(s),
                Some((s, n)) => serde_json::Number::from_f64(s as f64 + f64::from(n) / 1e9)
                    .map(Value::Number)
                    .unwrap_or_else(|| Value::String(t.clone())),
                None => Value::String(t.clone()),
            },
        }
    }
    fn write<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        match self {
            Time::Epoch(x) => s.serialize_i64(*x),
            Time::Text(_) => self.to_json().serialize(s),
        }
    }
}

/// Defines a model struct whose fields are all optional and read leniently, plus an
/// `extra` map that keeps every unknown field and every value that did not read.
macro_rules! model {
    (
        $(#[$meta:meta])*
        pub struct $name:ident {
            $( $(#[$fmeta:meta])* $field:ident : $ty:ty = $key:literal ),* $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Default)]
        #[non_exhaustive]
        pub struct $name {
            $( $(#[$fmeta])* pub $field: Option<$ty>, )*
            /// Fields this library does not model, and values that did not read as
            /// their field's type, exactly as the server sent them.
            pub extra: serde_json::Map<String, serde_json::Value>,
        }

        impl $crate::lenient::Lenient for $name {
            fn from_json(v: &serde_json::Value) -> Option<Self> {
                let obj = v.as_object()?;
                let mut out = $name::default();
                // One pass: known fields that read go to their field; everything else
                // (unknown keys, and values that did not read) is copied into `extra`.
                for (key, raw) in obj {
                    #[allow(clippy::match_single_binding)]
                    match key.as_str() {
                        $(
                            $key => {
                                if let Some(x) = <$ty as $crate::lenient::Lenient>::from_json(raw) {
                                    out.$field = Some(x);
                                    continue;
                                }
                            }
                        )*
                        _ => {}
                    }
                    out.extra.insert(key.clone(), raw.clone());
                }
                Some(out)
            }
            fn to_json(&self) -> serde_json::Value {
                let mut m = serde_json::Map::new();
                $(
                    if let Some(x) = &self.$field {
                        m.insert($key.to_string(), $crate::lenient::Lenient::to_json(x));
                    }
                )*
                for (k, v) in &self.extra {
                    // A known field whose scalar value did not read as its type (an id
                    // sent as "NULL" or "...") normalises to null; the raw value stays
                    // in `extra`. Unknown fields and structured values go out as sent.
                    let unreadable = match k.as_str() {
                        $( $key => self.$field.is_none(), )*
                        _ => false,
                    };
                    if unreadable && !v.is_array() && !v.is_object() {
                        m.insert(k.clone(), serde_json::Value::Null);
                    } else {
                        m.insert(k.clone(), v.clone());
                    }
                }
                serde_json::Value::Object(m)
            }

            fn read<'de, D: serde::Deserializer<'de>>(
                d: D,
            ) -> Result<$crate::lenient::Read<Self>, D::Error> {
                #[allow(non_camel_case_types)]
                enum Field {
                    $( $field, )*
                    Other(String),
                }
                struct Key;
                impl<'de> serde::de::DeserializeSeed<'de> for Key {
                    type Value = Field;
                    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<Field, D::Error> {
                        d.deserialize_str(self)
                    }
                }
                impl<'de> serde::de::Visitor<'de> for Key {
                    type Value = Field;
                    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                        f.write_str("a key")
                    }
                    fn visit_str<E: serde::de::Error>(self, k: &str) -> Result<Field, E> {
                        #[allow(clippy::match_single_binding)]
                        Ok(match k {
                            $( $key => Field::$field, )*
                            _ => Field::Other(k.to_string()),
                        })
                    }
                }
                struct V;
                impl<'de> serde::de::Visitor<'de> for V {
                    type Value = $crate::lenient::Read<$name>;
                    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                        f.write_str("a JSON value")
                    }
                    $crate::lenient::raw_visits!();
                    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
                        Ok(Err($crate::lenient::raw_seq(seq)?))
                    }
                    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                        let mut out = $name::default();
                        // Which known keys were seen: a repeated key is a bail (the tree
                        // reader keeps the last value at the first key's place).
                        #[allow(non_camel_case_types, dead_code)]
                        #[derive(Clone, Copy)]
                        enum Bit { $( $field, )* }
                        const _: () = assert!(<[&str]>::len(&[$( stringify!($field) ),*]) <= 128);
                        #[allow(unused_mut, unused_variables)]
                        let mut seen = 0u128;
                        while let Some(__k) = map.next_key_seed(Key)? {
                            match __k {
                                $(
                                    Field::$field => {
                                        let bit = 1u128 << (Bit::$field as u32);
                                        if seen & bit != 0 {
                                            return Err(serde::de::Error::custom($crate::lenient::BAIL));
                                        }
                                        seen |= bit;
                                        match map.next_value_seed($crate::lenient::Seed::<$ty>::new())? {
                                            Ok(x) => out.$field = Some(x),
                                            Err(raw) => {
                                                out.extra.insert($key.to_string(), raw);
                                            }
                                        }
                                    }
                                )*
                                Field::Other(k) => {
                                    let v: serde_json::Value = map.next_value()?;
                                    if out.extra.insert(k, v).is_some() {
                                        return Err(serde::de::Error::custom($crate::lenient::BAIL));
                                    }
                                }
                            }
                        }
                        Ok(Ok(out))
                    }
                }
                d.deserialize_any(V)
            }

            fn write<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                use serde::ser::SerializeMap;
                let mut m = s.serialize_map(None)?;
                // The same entries, in the same order, as `to_json`: the fields, then
                // `extra` (a known key there replaces its field's value in place; a
                // known field's unreadable scalar is null).
                let extra = &self.extra;
                $(
                    if let Some(x) = &self.$field {
                        match (!extra.is_empty()).then(|| extra.get($key)).flatten() {
                            Some(raw) => m.serialize_entry($key, raw)?,
                            None => m.serialize_entry($key, &$crate::lenient::Normal(x))?,
                        }
                    }
                )*
                for (k, v) in extra {
                    #[allow(clippy::match_single_binding)]
                    let (unreadable, replaced) = match k.as_str() {
                        $( $key => (self.$field.is_none(), self.$field.is_some()), )*
                        _ => (false, false),
                    };
                    if replaced {
                        continue;
                    }
                    if unreadable && !v.is_array() && !v.is_object() {
                        m.serialize_entry(k, &serde_json::Value::Null)?;
                    } else {
                        m.serialize_entry(k, v)?;
                    }
                }
                m.end()
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                $crate::lenient::Lenient::write(self, s)
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let v = serde_json::Value::deserialize(d)?;
                <$name as $crate::lenient::Lenient>::from_json(&v).ok_or_else(|| {
                    serde::de::Error::custom(concat!("expected a JSON object for ", stringify!($name)))
                })
            }
        }
    };
}
pub(crate) use model;

/// Defines a string enum with canonical spellings, aliases and an `Unknown` arm.
macro_rules! string_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $canon:literal $(| $alias:literal)* ),* $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum $name {
            $( $(#[$vmeta])* $variant, )*
            /// A value this library does not know, kept as sent.
            Unknown(String),
        }

        impl $name {
            /// The canonical spelling.
            pub fn as_str(&self) -> &str {
                match self {
                    $( $name::$variant => $canon, )*
                    $name::Unknown(s) => s.as_str(),
                }
            }
            /// Reads a spelling (case-insensitive, aliases included); unknown text
            /// becomes `Unknown`.
            pub fn parse(s: &str) -> Self {
                let t = s.trim();
                $(
                    if t.eq_ignore_ascii_case($canon) $(|| t.eq_ignore_ascii_case($alias))* {
                        return $name::$variant;
                    }
                )*
                $name::Unknown(s.to_string())
            }
            /// Whether this is a known value.
            pub fn is_known(&self) -> bool {
                !matches!(self, $name::Unknown(_))
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl std::str::FromStr for $name {
            type Err = std::convert::Infallible;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Ok($name::parse(s))
            }
        }

        impl $crate::lenient::FromScalar for $name {
            fn from_scalar(s: $crate::lenient::Scalar<'_>) -> Option<Self> {
                match s {
                    $crate::lenient::Scalar::Str(t) => Some($name::parse(t)),
                    _ => None,
                }
            }
        }

        impl $crate::lenient::Lenient for $name {
            fn from_json(v: &serde_json::Value) -> Option<Self> {
                $crate::lenient::Scalar::of(v).and_then(<$name as $crate::lenient::FromScalar>::from_scalar)
            }
            fn read<'de, D: serde::Deserializer<'de>>(
                d: D,
            ) -> Result<$crate::lenient::Read<Self>, D::Error> {
                $crate::lenient::read_scalar(d)
            }
            fn to_json(&self) -> serde_json::Value {
                serde_json::Value::String(self.as_str().to_string())
            }
            fn write<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = String::deserialize(d)?;
                Ok($name::parse(&s))
            }
        }
    };
}
pub(crate) use string_enum;

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

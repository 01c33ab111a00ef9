//! The scalar types' lenient rules, each written once over a borrowed [`Scalar`] and
//! serving both ways in (a tree's value, a stream's token).

use rust_decimal::Decimal;
use serde::Serializer;
use serde::de::{Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::Value;
use std::str::FromStr;

use super::{Lenient, Read, raw_map, raw_seq};

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
        fn from_json(v: &serde_json::Value) -> Option<Self> {
            $crate::lenient::Scalar::of(v)
                .and_then(<Self as $crate::lenient::FromScalar>::from_scalar)
        }
        fn read<'de, D: serde::de::Deserializer<'de>>(
            d: D,
        ) -> std::result::Result<$crate::lenient::Read<Self>, D::Error> {
            $crate::lenient::read_scalar(d)
        }
    };
}
pub(crate) use scalar_ways_in;

/// `Lenient` for a `Copy` scalar that JSON holds as itself: read by its [`FromScalar`],
/// written back as the JSON value of that type.
macro_rules! copy_scalar {
    ($t:ty, $shape:ident, $serialize:ident) => {
        impl Lenient for $t {
            fn shape() -> super::Shape {
                super::Shape::$shape
            }
            scalar_ways_in!();
            fn to_json(&self) -> Value {
                Value::from(*self)
            }
            fn write<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
                s.$serialize(*self)
            }
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
    fn shape() -> super::Shape {
        super::Shape::Str
    }
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

copy_scalar!(i64, Int, serialize_i64);

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

copy_scalar!(u64, Int, serialize_u64);

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

copy_scalar!(bool, Bool, serialize_bool);

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
    fn shape() -> super::Shape {
        super::Shape::Decimal
    }
    scalar_ways_in!();
    fn to_json(&self) -> Value {
        Value::String(self.to_string())
    }
    fn write<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

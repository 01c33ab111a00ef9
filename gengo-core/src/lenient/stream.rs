//! The stream side's helpers: skipping a value with the tree reader's checks, and
//! reading a value whole when a visitor met something it does not read.

use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::Value;

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

//! The macros that define the models ([`model!`]) and string enums ([`string_enum!`]).

/// Defines a model struct whose fields are all optional and read leniently, plus an
/// `extra` map that keeps every unknown field and every value that did not read.
macro_rules! model {
    (
        $(#[doc = $doc:literal])*
        pub struct $name:ident {
            $( $(#[doc = $fdoc:literal])* $field:ident : $ty:ty = $key:literal ),* $(,)?
        }
    ) => {
        $(#[doc = $doc])*
        #[derive(Debug, Clone, PartialEq, Default)]
        #[non_exhaustive]
        pub struct $name {
            $( $(#[doc = $fdoc])* pub $field: Option<$ty>, )*
            /// Fields this library does not model, and values that did not read as
            /// their field's type, exactly as the server sent them.
            pub extra: serde_json::Map<String, serde_json::Value>,
        }

        impl $crate::lenient::DescribedModel for $name {
            fn model_shape() -> $crate::lenient::ModelShape {
                $crate::lenient::ModelShape {
                    name: stringify!($name),
                    doc: concat!($($doc),*).trim_ascii(),
                    fields: vec![
                        $(
                            $crate::lenient::FieldShape {
                                name: stringify!($field),
                                key: $key,
                                shape: <$ty as $crate::lenient::Lenient>::shape(),
                                doc: concat!($($fdoc),*).trim_ascii(),
                            },
                        )*
                    ],
                }
            }
        }

        impl $crate::lenient::Lenient for $name {
            fn shape() -> $crate::lenient::Shape {
                $crate::lenient::Shape::Model(stringify!($name))
            }
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
                    // A known field whose value did not read as its type is normalised
                    // as that type ([`Lenient::normalize`]: an unreadable scalar is
                    // null, a list element by element); the raw value stays in
                    // `extra`. Unknown fields go out as sent.
                    #[allow(clippy::match_single_binding)]
                    let out = match k.as_str() {
                        $( $key if self.$field.is_none() => <$ty as $crate::lenient::Lenient>::normalize(v), )*
                        _ => v.clone(),
                    };
                    m.insert(k.clone(), out);
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
                // known field's unreadable value is normalised as its type).
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
                    match k.as_str() {
                        $(
                            $key if self.$field.is_some() => continue,
                            $key => m.serialize_entry(k, &<$ty as $crate::lenient::Lenient>::normalize(v))?,
                        )*
                        _ => m.serialize_entry(k, v)?,
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
        $(#[doc = $doc:literal])*
        pub enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $canon:literal $(| $alias:literal)* ),* $(,)?
        }
    ) => {
        $(#[doc = $doc])*
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

        impl $crate::lenient::DescribedEnum for $name {
            fn enum_shape() -> $crate::lenient::EnumShape {
                $crate::lenient::EnumShape {
                    name: stringify!($name),
                    doc: concat!($($doc),*).trim_ascii(),
                    values: vec![ $( (stringify!($variant), $canon, &[$($alias),*]), )* ],
                }
            }
        }

        impl $crate::lenient::Lenient for $name {
            fn shape() -> $crate::lenient::Shape {
                $crate::lenient::Shape::Enum(stringify!($name))
            }
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

//! The fields of a JSON object as the validation rules read and normalise them: a parsed
//! tree's [`Map`], or a [`FieldList`], a short list in order without hashing each key
//! (a typed job of a streamed order: building and searching a hashed map for every job of
//! a 10,000-job order was a third of encoding it, measured).

use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};
use serde::ser::{Impossible, Serialize, SerializeMap, SerializeStruct, Serializer};
use serde_json::{Map, Value};

/// An object's fields, for the rules in `validate` (written once over this trait).
pub(crate) trait Fields {
    /// The value of `key`.
    fn get(&self, key: &str) -> Option<&Value>;
    /// Whether `key` is there.
    fn contains_key(&self, key: &str) -> bool {
        self.get(key).is_some()
    }
    /// Sets `key`: in place when it is there, else last (as [`Map::insert`]).
    fn set(&mut self, key: &str, v: Value);
    /// Removes `key`, keeping the others in order (as [`Map::shift_remove`]).
    fn take(&mut self, key: &str) -> Option<Value>;
}

impl Fields for Map<String, Value> {
    fn get(&self, key: &str) -> Option<&Value> {
        Map::get(self, key)
    }
    fn contains_key(&self, key: &str) -> bool {
        Map::contains_key(self, key)
    }
    fn set(&mut self, key: &str, v: Value) {
        self.insert(key.to_string(), v);
    }
    fn take(&mut self, key: &str) -> Option<Value> {
        self.shift_remove(key)
    }
}

/// An object's fields in order, found by comparing keys (a job has about ten). Serialises
/// as the [`Map`] with the same entries does.
#[derive(Debug, Default, Clone)]
pub(crate) struct FieldList(Vec<(String, Value)>, Seen);

impl PartialEq for FieldList {
    fn eq(&self, other: &FieldList) -> bool {
        self.0 == other.0
    }
}

/// A filter over the keys a list has held: a key whose bit is clear is certainly not
/// there, so adding one of a job's distinct keys needs no search (a set bit may be a
/// different key: then the list is searched).
#[derive(Debug, Default, Clone, Copy)]
struct Seen(u64);

impl Seen {
    fn bit(key: &str) -> u64 {
        let first = key.as_bytes().first().copied().unwrap_or(0);
        1 << ((key.len() * 7 + usize::from(first)) % 64)
    }
    /// Notes `key`; whether it may have been there already.
    fn note(&mut self, key: &str) -> bool {
        let bit = Seen::bit(key);
        let maybe = self.0 & bit != 0;
        self.0 |= bit;
        maybe
    }
}

impl FieldList {
    /// The fields `x` serialises to, as `serde_json::to_value(x)` would give them in its
    /// map (a repeated key keeps its first place and its last value). `None` when `x` is
    /// not an object or a key is not a string.
    pub(crate) fn of<T: Serialize + ?Sized>(x: &T) -> Option<FieldList> {
        x.serialize(Collect).ok()
    }

    /// The fields of these entries in order, as a [`Map`] collecting them would keep them
    /// (a repeated key keeps its first place and its last value).
    pub(crate) fn from_entries(entries: impl IntoIterator<Item = (String, Value)>) -> FieldList {
        let entries = entries.into_iter();
        let mut list = FieldList(Vec::with_capacity(entries.size_hint().0), Seen::default());
        for (k, v) in entries {
            list.put(k, v);
        }
        list
    }

    fn position(&self, key: &str) -> Option<usize> {
        self.0.iter().position(|(k, _)| k == key)
    }

    fn put(&mut self, key: String, v: Value) {
        match self.1.note(&key).then(|| self.position(&key)).flatten() {
            Some(i) => self.0[i].1 = v,
            None => self.0.push((key, v)),
        }
    }
}

impl Fields for FieldList {
    fn get(&self, key: &str) -> Option<&Value> {
        if self.1.0 & Seen::bit(key) == 0 {
            return None;
        }
        self.0.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }
    fn set(&mut self, key: &str, v: Value) {
        self.put(key.to_string(), v);
    }
    fn take(&mut self, key: &str) -> Option<Value> {
        let i = self.position(key)?;
        Some(self.0.remove(i).1)
    }
}

impl Serialize for FieldList {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            m.serialize_entry(k, v)?;
        }
        m.end()
    }
}

/// A JSON object read as a list (as `Map`'s reader keeps it: a repeated key keeps its
/// first place and its last value); anything else is refused.
impl<'de> Deserialize<'de> for FieldList {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<FieldList, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = FieldList;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<FieldList, A::Error> {
                let mut list = FieldList(
                    Vec::with_capacity(map.size_hint().unwrap_or(16)),
                    Seen::default(),
                );
                while let Some((k, v)) = map.next_entry::<String, Value>()? {
                    list.put(k, v);
                }
                Ok(list)
            }
        }
        d.deserialize_map(V)
    }
}

type Error = serde_json::Error;

fn not_an_object() -> Error {
    serde::ser::Error::custom("not an object")
}

/// Serialises a struct or map into a [`FieldList`] (each value through
/// `serde_json::value::Serializer`); anything else is refused.
struct Collect;

/// The fields so far, and a map entry's key waiting for its value.
struct Collecting(FieldList, Option<String>);

macro_rules! refuse {
    ($($name:ident($($t:ty),*);)*) => {
        $(fn $name(self, $(_: $t),*) -> Result<FieldList, Error> {
            Err(not_an_object())
        })*
    };
}

impl Serializer for Collect {
    type Ok = FieldList;
    type Error = Error;
    type SerializeSeq = Impossible<FieldList, Error>;
    type SerializeTuple = Impossible<FieldList, Error>;
    type SerializeTupleStruct = Impossible<FieldList, Error>;
    type SerializeTupleVariant = Impossible<FieldList, Error>;
    type SerializeMap = Collecting;
    type SerializeStruct = Collecting;
    type SerializeStructVariant = Impossible<FieldList, Error>;

    refuse! {
        serialize_bool(bool); serialize_i8(i8); serialize_i16(i16); serialize_i32(i32);
        serialize_i64(i64); serialize_u8(u8); serialize_u16(u16); serialize_u32(u32);
        serialize_u64(u64); serialize_f32(f32); serialize_f64(f64); serialize_char(char);
        serialize_str(&str); serialize_bytes(&[u8]); serialize_none(); serialize_unit();
        serialize_unit_struct(&'static str);
        serialize_unit_variant(&'static str, u32, &'static str);
    }

    fn serialize_some<T: Serialize + ?Sized>(self, v: &T) -> Result<FieldList, Error> {
        v.serialize(self)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        v: &T,
    ) -> Result<FieldList, Error> {
        v.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<FieldList, Error> {
        Err(not_an_object())
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, Error> {
        Err(not_an_object())
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, Error> {
        Err(not_an_object())
    }
    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct, Error> {
        Err(not_an_object())
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, Error> {
        Err(not_an_object())
    }
    fn serialize_map(self, len: Option<usize>) -> Result<Collecting, Error> {
        let list = Vec::with_capacity(len.unwrap_or(16));
        Ok(Collecting(FieldList(list, Seen::default()), None))
    }
    fn serialize_struct(self, _: &'static str, len: usize) -> Result<Collecting, Error> {
        Ok(Collecting(
            FieldList(Vec::with_capacity(len), Seen::default()),
            None,
        ))
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, Error> {
        Err(not_an_object())
    }
}

impl SerializeMap for Collecting {
    type Ok = FieldList;
    type Error = Error;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Error> {
        match key.serialize(serde_json::value::Serializer)? {
            Value::String(k) => {
                self.1 = Some(k);
                Ok(())
            }
            _ => Err(serde::ser::Error::custom("a key that is not a string")),
        }
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), Error> {
        let key = self
            .1
            .take()
            .ok_or_else(|| serde::ser::Error::custom("a value without a key"))?;
        self.0.put(key, v.serialize(serde_json::value::Serializer)?);
        Ok(())
    }
    fn end(self) -> Result<FieldList, Error> {
        Ok(self.0)
    }
}

impl SerializeStruct for Collecting {
    type Ok = FieldList;
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        v: &T,
    ) -> Result<(), Error> {
        self.0
            .put(key.to_string(), v.serialize(serde_json::value::Serializer)?);
        Ok(())
    }
    fn end(self) -> Result<FieldList, Error> {
        Ok(self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Serialize;
    use serde_json::json;

    /// A list serialises, and reads back, as the map `to_value` gives for the same value,
    /// repeated keys (a flattened extra field named like a field) included.
    #[test]
    fn a_list_is_the_map_to_value_gives() {
        #[derive(Serialize)]
        struct Job {
            a: u32,
            b: Option<String>,
            #[serde(flatten)]
            extra: Map<String, Value>,
        }
        let mut extra = Map::new();
        extra.insert("z".into(), json!([1, {"x": null}]));
        extra.insert("a".into(), json!("again"));
        let job = Job {
            a: 1,
            b: Some("é \"q\"".into()),
            extra,
        };
        let list = FieldList::of(&job).unwrap();
        let map = serde_json::to_value(&job).unwrap();
        assert_eq!(
            serde_json::to_string(&list).unwrap(),
            serde_json::to_string(&map).unwrap()
        );
        assert_eq!(list.get("a"), Some(&json!("again")));
        assert!(FieldList::of(&json!([1])).is_none());
        // Read from text, and from entries, as a `Map` reads the same.
        let text = r#"{"b":1,"a":{"x":[true]},"b":"again","c":null}"#;
        let read: FieldList = serde_json::from_str(text).unwrap();
        let as_map: Map<String, Value> = serde_json::from_str(text).unwrap();
        assert_eq!(
            serde_json::to_string(&read).unwrap(),
            serde_json::to_string(&as_map).unwrap()
        );
        let entries = FieldList::from_entries(as_map.clone());
        assert_eq!(entries, read);
        assert!(serde_json::from_str::<FieldList>("[1]").is_err());
        // Keys that share a filter bit (same length, same first byte) are told apart.
        let mut l = FieldList::from_entries([("ab".to_string(), json!(1))]);
        assert_eq!(l.get("ax"), None);
        l.set("ax", json!(2));
        l.set("ab", json!(3));
        assert_eq!(
            (l.get("ab"), l.get("ax")),
            (Some(&json!(3)), Some(&json!(2)))
        );
        assert_eq!(l.take("ab"), Some(json!(3)));
        assert_eq!((l.get("ab"), l.contains_key("ax")), (None, true));
        assert!(FieldList::of(&3).is_none());
        let mut list = list;
        assert_eq!(list.take("b"), Some(json!("é \"q\"")));
        list.set("b", json!(2));
        list.set("a", json!(0));
        assert_eq!(
            serde_json::to_string(&list).unwrap(),
            r#"{"a":0,"z":[1,{"x":null}],"b":2}"#
        );
    }
}

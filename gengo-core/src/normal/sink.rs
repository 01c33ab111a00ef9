//! A serde `Serializer` that forwards to a [`JsonSink`].
use super::JsonSink;
use serde::ser::{self, Serialize};

/// The only error: a map key that is not a string or a number.
#[derive(Debug)]
pub struct KeyError;

impl std::fmt::Display for KeyError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a map key must be a string")
    }
}
impl std::error::Error for KeyError {}
impl ser::Error for KeyError {
    fn custom<T: std::fmt::Display>(_: T) -> Self {
        KeyError
    }
}

pub struct Events<'a>(pub &'a mut dyn JsonSink);

type R = Result<(), KeyError>;

impl<'a> ser::Serializer for Events<'a> {
    type Ok = ();
    type Error = KeyError;
    type SerializeSeq = Self;
    type SerializeTuple = Self;
    type SerializeTupleStruct = Self;
    type SerializeTupleVariant = Self;
    type SerializeMap = Self;
    type SerializeStruct = Self;
    type SerializeStructVariant = Self;

    fn serialize_bool(self, v: bool) -> R {
        self.0.bool(v);
        Ok(())
    }
    fn serialize_i8(self, v: i8) -> R {
        self.serialize_i64(v.into())
    }
    fn serialize_i16(self, v: i16) -> R {
        self.serialize_i64(v.into())
    }
    fn serialize_i32(self, v: i32) -> R {
        self.serialize_i64(v.into())
    }
    fn serialize_i64(self, v: i64) -> R {
        match u64::try_from(v) {
            Ok(u) => self.0.u64(u),
            Err(_) => self.0.i64(v),
        }
        Ok(())
    }
    fn serialize_u8(self, v: u8) -> R {
        self.serialize_u64(v.into())
    }
    fn serialize_u16(self, v: u16) -> R {
        self.serialize_u64(v.into())
    }
    fn serialize_u32(self, v: u32) -> R {
        self.serialize_u64(v.into())
    }
    fn serialize_u64(self, v: u64) -> R {
        self.0.u64(v);
        Ok(())
    }
    fn serialize_f32(self, v: f32) -> R {
        self.serialize_f64(v.into())
    }
    fn serialize_f64(self, v: f64) -> R {
        // As serde_json writes them: a non-finite number is null.
        if v.is_finite() {
            self.0.f64(v)
        } else {
            self.0.null()
        }
        Ok(())
    }
    fn serialize_char(self, v: char) -> R {
        self.0.str(v.encode_utf8(&mut [0; 4]));
        Ok(())
    }
    fn serialize_str(self, v: &str) -> R {
        self.0.str(v);
        Ok(())
    }
    fn serialize_bytes(self, v: &[u8]) -> R {
        self.0.begin_seq(Some(v.len()));
        for b in v {
            self.0.u64(u64::from(*b));
        }
        self.0.end_seq();
        Ok(())
    }
    fn serialize_none(self) -> R {
        self.0.null();
        Ok(())
    }
    fn serialize_some<T: ?Sized + Serialize>(self, v: &T) -> R {
        v.serialize(self)
    }
    fn serialize_unit(self) -> R {
        self.0.null();
        Ok(())
    }
    fn serialize_unit_struct(self, _: &'static str) -> R {
        self.serialize_unit()
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> R {
        self.serialize_str(variant)
    }
    fn serialize_newtype_struct<T: ?Sized + Serialize>(self, _: &'static str, v: &T) -> R {
        v.serialize(self)
    }
    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        v: &T,
    ) -> R {
        self.0.begin_map(Some(1));
        self.0.key(variant);
        v.serialize(Events(&mut *self.0))?;
        self.0.end_map();
        Ok(())
    }
    fn serialize_seq(self, len: Option<usize>) -> Result<Self, KeyError> {
        self.0.begin_seq(len);
        Ok(self)
    }
    fn serialize_tuple(self, len: usize) -> Result<Self, KeyError> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(self, _: &'static str, len: usize) -> Result<Self, KeyError> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Self, KeyError> {
        self.0.begin_map(Some(1));
        self.0.key(variant);
        self.0.begin_seq(Some(len));
        Ok(self)
    }
    fn serialize_map(self, len: Option<usize>) -> Result<Self, KeyError> {
        self.0.begin_map(len);
        Ok(self)
    }
    fn serialize_struct(self, _: &'static str, len: usize) -> Result<Self, KeyError> {
        self.serialize_map(Some(len))
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Self, KeyError> {
        self.0.begin_map(Some(1));
        self.0.key(variant);
        self.0.begin_map(Some(len));
        Ok(self)
    }
}

impl ser::SerializeSeq for Events<'_> {
    type Ok = ();
    type Error = KeyError;
    fn serialize_element<T: ?Sized + Serialize>(&mut self, v: &T) -> R {
        v.serialize(Events(&mut *self.0))
    }
    fn end(self) -> R {
        self.0.end_seq();
        Ok(())
    }
}
impl ser::SerializeTuple for Events<'_> {
    type Ok = ();
    type Error = KeyError;
    fn serialize_element<T: ?Sized + Serialize>(&mut self, v: &T) -> R {
        v.serialize(Events(&mut *self.0))
    }
    fn end(self) -> R {
        self.0.end_seq();
        Ok(())
    }
}
impl ser::SerializeTupleStruct for Events<'_> {
    type Ok = ();
    type Error = KeyError;
    fn serialize_field<T: ?Sized + Serialize>(&mut self, v: &T) -> R {
        v.serialize(Events(&mut *self.0))
    }
    fn end(self) -> R {
        self.0.end_seq();
        Ok(())
    }
}
impl ser::SerializeTupleVariant for Events<'_> {
    type Ok = ();
    type Error = KeyError;
    fn serialize_field<T: ?Sized + Serialize>(&mut self, v: &T) -> R {
        v.serialize(Events(&mut *self.0))
    }
    fn end(self) -> R {
        self.0.end_seq();
        self.0.end_map();
        Ok(())
    }
}
impl ser::SerializeMap for Events<'_> {
    type Ok = ();
    type Error = KeyError;
    fn serialize_key<T: ?Sized + Serialize>(&mut self, k: &T) -> R {
        k.serialize(Key(&mut *self.0))
    }
    fn serialize_value<T: ?Sized + Serialize>(&mut self, v: &T) -> R {
        v.serialize(Events(&mut *self.0))
    }
    fn end(self) -> R {
        self.0.end_map();
        Ok(())
    }
}
impl ser::SerializeStruct for Events<'_> {
    type Ok = ();
    type Error = KeyError;
    fn serialize_field<T: ?Sized + Serialize>(&mut self, k: &'static str, v: &T) -> R {
        self.0.key(k);
        v.serialize(Events(&mut *self.0))
    }
    fn end(self) -> R {
        self.0.end_map();
        Ok(())
    }
}
impl ser::SerializeStructVariant for Events<'_> {
    type Ok = ();
    type Error = KeyError;
    fn serialize_field<T: ?Sized + Serialize>(&mut self, k: &'static str, v: &T) -> R {
        self.0.key(k);
        v.serialize(Events(&mut *self.0))
    }
    fn end(self) -> R {
        self.0.end_map();
        self.0.end_map();
        Ok(())
    }
}

/// A map key: a string, or a number or flag written as text (as serde_json does).
struct Key<'a>(&'a mut dyn JsonSink);

impl ser::Serializer for Key<'_> {
    type Ok = ();
    type Error = KeyError;
    type SerializeSeq = ser::Impossible<(), KeyError>;
    type SerializeTuple = ser::Impossible<(), KeyError>;
    type SerializeTupleStruct = ser::Impossible<(), KeyError>;
    type SerializeTupleVariant = ser::Impossible<(), KeyError>;
    type SerializeMap = ser::Impossible<(), KeyError>;
    type SerializeStruct = ser::Impossible<(), KeyError>;
    type SerializeStructVariant = ser::Impossible<(), KeyError>;

    fn serialize_str(self, v: &str) -> R {
        self.0.key(v);
        Ok(())
    }
    fn serialize_bool(self, v: bool) -> R {
        self.serialize_str(if v { "true" } else { "false" })
    }
    fn serialize_i8(self, v: i8) -> R {
        self.serialize_str(&v.to_string())
    }
    fn serialize_i16(self, v: i16) -> R {
        self.serialize_str(&v.to_string())
    }
    fn serialize_i32(self, v: i32) -> R {
        self.serialize_str(&v.to_string())
    }
    fn serialize_i64(self, v: i64) -> R {
        self.serialize_str(&v.to_string())
    }
    fn serialize_u8(self, v: u8) -> R {
        self.serialize_str(&v.to_string())
    }
    fn serialize_u16(self, v: u16) -> R {
        self.serialize_str(&v.to_string())
    }
    fn serialize_u32(self, v: u32) -> R {
        self.serialize_str(&v.to_string())
    }
    fn serialize_u64(self, v: u64) -> R {
        self.serialize_str(&v.to_string())
    }
    fn serialize_f32(self, _: f32) -> R {
        Err(KeyError)
    }
    fn serialize_f64(self, _: f64) -> R {
        Err(KeyError)
    }
    fn serialize_char(self, v: char) -> R {
        self.serialize_str(v.encode_utf8(&mut [0; 4]))
    }
    fn serialize_bytes(self, _: &[u8]) -> R {
        Err(KeyError)
    }
    fn serialize_none(self) -> R {
        Err(KeyError)
    }
    fn serialize_some<T: ?Sized + Serialize>(self, _: &T) -> R {
        Err(KeyError)
    }
    fn serialize_unit(self) -> R {
        Err(KeyError)
    }
    fn serialize_unit_struct(self, _: &'static str) -> R {
        Err(KeyError)
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> R {
        self.serialize_str(variant)
    }
    fn serialize_newtype_struct<T: ?Sized + Serialize>(self, _: &'static str, v: &T) -> R {
        v.serialize(self)
    }
    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> R {
        Err(KeyError)
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, KeyError> {
        Err(KeyError)
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, KeyError> {
        Err(KeyError)
    }
    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct, KeyError> {
        Err(KeyError)
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, KeyError> {
        Err(KeyError)
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, KeyError> {
        Err(KeyError)
    }
    fn serialize_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStruct, KeyError> {
        Err(KeyError)
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, KeyError> {
        Err(KeyError)
    }
}

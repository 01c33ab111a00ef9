//! What each model's fields hold, as data: the bindings' own models are generated from
//! it (`tools/gengo-bindgen`), so no binding restates a field by hand.

use serde_json::{Value, json};

/// The shape of a value a model holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Shape {
    /// An integer (ids, counts).
    Int,
    /// Text.
    Str,
    /// A flag.
    Bool,
    /// Money: an exact decimal.
    Decimal,
    /// A time (Unix seconds, or text the server sent).
    Time,
    /// One of a string enum's values ([`EnumShape`]).
    Enum(&'static str),
    /// A record ([`ModelShape`]).
    Model(&'static str),
    /// A list of values.
    List(Box<Shape>),
    /// Values keyed by the caller's keys.
    Keyed(Box<Shape>),
    /// JSON as sent.
    Json,
}

impl Shape {
    /// As JSON: `"int"`, `{"enum": "Tier"}`, `{"list": {"model": "Job"}}`, ...
    pub fn to_json(&self) -> Value {
        match self {
            Shape::Int => json!("int"),
            Shape::Str => json!("str"),
            Shape::Bool => json!("bool"),
            Shape::Decimal => json!("decimal"),
            Shape::Time => json!("time"),
            Shape::Json => json!("json"),
            Shape::Enum(e) => json!({ "enum": e }),
            Shape::Model(m) => json!({ "model": m }),
            Shape::List(s) => json!({ "list": s.to_json() }),
            Shape::Keyed(s) => json!({ "keyed": s.to_json() }),
        }
    }
}

/// One field of a model.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldShape {
    /// The Rust field's name (`job_type`).
    pub name: &'static str,
    /// The JSON key (`type`).
    pub key: &'static str,
    /// What it holds.
    pub shape: Shape,
    /// Its documentation.
    pub doc: &'static str,
}

/// A model: its name, documentation and fields, in declaration order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModelShape {
    /// The model's name (`Job`).
    pub name: &'static str,
    /// Its documentation.
    pub doc: &'static str,
    /// Its fields.
    pub fields: Vec<FieldShape>,
}

/// A string enum: its values (canonical spelling first, then the spellings also read).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnumShape {
    /// The enum's name (`JobStatus`).
    pub name: &'static str,
    /// Its documentation.
    pub doc: &'static str,
    /// `(variant, canonical spelling, other spellings read)` for each value.
    pub values: Vec<(&'static str, &'static str, &'static [&'static str])>,
}

impl ModelShape {
    /// As JSON: `{"name", "doc", "fields": [{"name", "key", "shape", "doc"}]}`.
    pub fn to_json(&self) -> Value {
        json!({
            "name": self.name,
            "doc": self.doc,
            "fields": self.fields.iter().map(|f| json!({
                "name": f.name, "key": f.key, "shape": f.shape.to_json(), "doc": f.doc,
            })).collect::<Vec<_>>(),
        })
    }
}

impl EnumShape {
    /// As JSON: `{"name", "doc", "values": [{"name", "value", "aliases"}]}`.
    pub fn to_json(&self) -> Value {
        json!({
            "name": self.name,
            "doc": self.doc,
            "values": self.values.iter().map(|(n, v, a)| json!({"name": n, "value": v, "aliases": a})).collect::<Vec<_>>(),
        })
    }
}

/// A model that describes itself (every `model!`).
pub trait DescribedModel {
    /// Its definition.
    fn model_shape() -> ModelShape;
}

/// A string enum that describes itself (every `string_enum!`).
pub trait DescribedEnum {
    /// Its definition.
    fn enum_shape() -> EnumShape;
}

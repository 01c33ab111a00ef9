//! The Python surfaces: one method per operation (`_operations.py`, and for asyncio
//! `_async_operations.py`), one class per model and string enum (`models.py`), one exception
//! class per error kind (`errors.py`).

use gengo_core::ErrorKind;
use gengo_core::lenient::Shape;
use gengo_core::models::enum_shapes;
use gengo_core::ops::{OPERATIONS, Operation, Param, ParamKind, ResultType, ValueType};

use crate::banner;
use crate::table::{optional, positional, reachable_models, upper_snake};

fn param_type(p: &Param) -> &'static str {
    match p.kind {
        ParamKind::Id => "int",
        ParamKind::IdList => "Union[int, str, Sequence[int]]",
        ParamKind::Value(t) => match t {
            ValueType::Str => "str",
            ValueType::Int => "int",
            ValueType::Flag => "Union[bool, int]",
            ValueType::Jobs => {
                "Union[Mapping[str, Mapping[str, Any]], Sequence[Mapping[str, Any]]]"
            }
            ValueType::Job => "Mapping[str, Any]",
            ValueType::JobEntries => "Sequence[Union[int, Mapping[str, Any]]]",
            ValueType::Attachments => "Sequence[Mapping[str, str]]",
            ValueType::Files => "Sequence[Union[str, PathLike[str]]]",
        },
    }
}

/// The Python type of a result, and the expression that builds it from `v` (the
/// normalised payload).
fn result(op: &Operation) -> (String, String) {
    let at = match op.unwrap {
        Some(k) => format!("_at(v, {k:?})"),
        None => "v".to_string(),
    };
    let name = op.result.model().map(|m| m.name).unwrap_or_default();
    match op.result {
        ResultType::Ack => ("None".into(), "None".into()),
        ResultType::Bytes => ("bytes".into(), "_bytes(v)".into()),
        ResultType::Json => ("JSON".into(), "v".into()),
        ResultType::List(_) => (
            format!("List[{name}]"),
            format!("{name}._adopt_all({at} or [])"),
        ),
        ResultType::Keyed(_) => (
            format!("Dict[str, {name}]"),
            format!("{{k: {name}._adopt(x) for k, x in ({at} or {{}}).items()}}"),
        ),
        ResultType::Optional(_) => (
            format!("Optional[{name}]"),
            format!("{name}._adopt({at}) if {at} else None"),
        ),
        ResultType::One(_) => (name.to_string(), format!("{name}._adopt({at} or {{}})")),
    }
}

fn method(op: &Operation, asynchronous: bool) -> String {
    let pos = positional(op);
    let named = optional(op);
    let mut sig: Vec<String> = vec!["self".into()];
    sig.extend(pos.iter().map(|p| format!("{}: {}", p.name, param_type(p))));
    if !named.is_empty() {
        sig.push("*".into());
    }
    sig.extend(
        named
            .iter()
            .map(|p| format!("{}: Optional[{}] = None", p.name, param_type(p))),
    );
    sig.push("**extra: Any".into());
    let (ret, build) = result(op);
    let mut doc = op.doc.to_string();
    if let Some(a) = op.alias {
        doc.push_str(&format!(" Official name: ``{a}``."));
    }
    doc.push_str(&format!(
        "\n\n        ``{} {}``{}",
        op.method.as_str(),
        op.path,
        if op.legacy { " (v1.1)" } else { "" }
    ));
    if !pos.is_empty() || !named.is_empty() {
        doc.push('\n');
        for p in pos.iter().chain(named.iter()) {
            doc.push_str(&format!("\n        ``{}``: {}.", p.name, p.doc));
        }
    }
    let args: Vec<String> = pos
        .iter()
        .chain(named.iter())
        .map(|p| format!("{0:?}: {0}", p.name))
        .collect();
    let params = format!(
        "{{{}**extra}}",
        args.iter().map(|a| format!("{a}, ")).collect::<String>()
    );
    if asynchronous {
        let call_args: Vec<String> = pos
            .iter()
            .map(|p| p.name.to_string())
            .chain(named.iter().map(|p| format!("{0}={0}", p.name)))
            .chain(std::iter::once("**extra".to_string()))
            .collect();
        format!(
            "    async def {name}({sig}) -> {ret}:\n        \"\"\"{doc}\n        \"\"\"\n        return await self._run(self._sync.{name}, {args})\n",
            name = op.name,
            sig = sig.join(", "),
            args = call_args.join(", "),
        )
    } else {
        let body = if ret == "None" {
            format!("        self._op({:?}, {params})\n", op.name)
        } else {
            format!(
                "        v = self._op({:?}, {params})\n        return {build}\n",
                op.name
            )
        };
        format!(
            "    def {name}({sig}) -> {ret}:\n        \"\"\"{doc}\n        \"\"\"\n{body}",
            name = op.name,
            sig = sig.join(", "),
        )
    }
}

/// The models the operations return, sorted (what a generated file imports).
fn result_models() -> Vec<&'static str> {
    let mut models: Vec<&str> = OPERATIONS
        .iter()
        .filter_map(|op| op.result.model().map(|m| m.name))
        .collect();
    models.sort();
    models.dedup();
    models
}

/// The head of a generated operations file: banner, docstring, imports.
fn operations_head(doc: &str, typing: &str, more: &str) -> String {
    let mut out = banner("#", "gengo-core's operation table (gengo-core/src/ops/)");
    out.push_str(&format!(
        "\"\"\"{doc}\"\"\"\n\nfrom __future__ import annotations\n\n{more}from typing import {typing}\n\nfrom .models import (\n"
    ));
    for m in result_models() {
        out.push_str(&format!("    {m},\n"));
    }
    out.push_str(")\n");
    out
}

/// `gengo-py/python/gengo_rs/_operations.py`: the synchronous methods.
pub fn operations() -> String {
    let mut out = operations_head(
        "One method per Gengo operation, for :class:`gengo_rs.Client`: the required parameters\npositional (path ids first), every other parameter by keyword, the result typed and\nunwrapped as the table says (:class:`gengo_rs.AsyncClient`'s are in ``_async_operations``).",
        "Any, Dict, List, Mapping, Optional, Sequence, Union",
        "import base64\nfrom os import PathLike\n",
    );
    out.push_str(
        "\nJSON = Any\n\n\ndef _at(v: Any, key: str) -> Any:\n    # Results are plain dicts: checked first (typing's Mapping check costs microseconds).\n    if type(v) is dict:\n        return v.get(key)\n    return v.get(key) if isinstance(v, Mapping) else None\n\n\ndef _bytes(v: Any) -> bytes:\n    return base64.b64decode(v[\"base64\"])\n\n\nclass Operations:\n    \"\"\"The operations, synchronous.\"\"\"\n\n    def _op(self, name: str, params: Dict[str, Any]) -> Any:\n        raise NotImplementedError\n",
    );
    for op in OPERATIONS {
        out.push('\n');
        out.push_str(&method(op, false));
    }
    out
}

/// `gengo-py/python/gengo_rs/_async_operations.py`: the same methods for asyncio.
pub fn async_operations() -> String {
    let mut out = operations_head(
        "One method per Gengo operation, for :class:`gengo_rs.AsyncClient`: the signatures of\n``_operations``, each running the synchronous call in a worker thread.",
        "TYPE_CHECKING, Any, Callable, Dict, List, Mapping, Optional, Sequence, TypeVar, Union",
        "from os import PathLike\n",
    );
    out.push_str(
        "from ._operations import JSON\n\nif TYPE_CHECKING:\n    from .client import Client\n\nT = TypeVar(\"T\")\n\n\nclass AsyncOperations:\n    \"\"\"The operations, for asyncio (each runs the synchronous call in a worker thread).\"\"\"\n\n    _sync: Client\n\n    async def _run(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:\n        raise NotImplementedError\n",
    );
    for op in OPERATIONS {
        out.push('\n');
        out.push_str(&method(op, true));
    }
    out
}

/// The converter of a field of this shape (`_model_base`'s helpers).
fn conv(shape: &Shape) -> String {
    match shape {
        Shape::Int => "int".into(),
        Shape::Str => "str".into(),
        Shape::Bool => "bool".into(),
        Shape::Decimal => "_decimal".into(),
        Shape::Time => "_time".into(),
        Shape::Json => "_json".into(),
        Shape::Enum(e) => format!("_enum({e})"),
        Shape::Model(m) => format!("_model({m})"),
        Shape::List(s) => match s.as_ref() {
            Shape::Model(m) => format!("_models({m})"),
            Shape::Int => "_ints".into(),
            other => format!("_list({})", conv(other)),
        },
        Shape::Keyed(s) => format!("_keyed({})", conv(s)),
    }
}

fn docstring(text: &str, indent: &str) -> String {
    let text = if text.is_empty() {
        "(undocumented)"
    } else {
        text
    };
    format!("{indent}\"\"\"{}\"\"\"\n", text.replace('\\', "\\\\"))
}

/// The Python binding's hand-written helpers (`_helpers.py`): the mixin each of these
/// models inherits besides `Model`, for what is not a field (`Order.job_ids()`).
const HELPERS: &[(&str, &str)] = &[
    ("Order", "OrderHelpers"),
    ("OrderReceipt", "OrderReceiptHelpers"),
];

/// `gengo-py/python/gengo_rs/_models.py`.
pub fn models() -> String {
    let enums = enum_shapes();
    let models = reachable_models();
    let mut out = banner(
        "#",
        "gengo-core's models and string enums (gengo-core/src/models/)",
    );
    out.push_str(&format!("\"\"\"Typed results, one class per gengo-core model, field for field, and one enum per\nstring enum. Each model keeps the normalised dict in ``raw`` and reads typed attributes\nfrom it: money as ``Decimal``, times as ``datetime`` (UTC), statuses and tiers as\n``str``-compatible enums (unknown values stay plain ``str``). Any field the model does not\nname is still there: ``model[\"field\"]`` or ``model.raw``.\n\"\"\"\n\nfrom __future__ import annotations\n\nfrom ._helpers import {}\nfrom ._model_base import Field, Model, StrEnum, _alias, _decimal, _enum, _ints, _json, _keyed, _list, _model, _models, _time\n\n__all__ = [\n    \"Model\",\n", HELPERS.iter().map(|(_, h)| *h).collect::<Vec<_>>().join(", ")));
    for name in enums
        .iter()
        .map(|e| e.name)
        .chain(models.iter().map(|m| m.name))
    {
        out.push_str(&format!("    {name:?},\n"));
    }
    out.push_str("]\n");
    for e in &enums {
        out.push_str(&format!("\n\nclass {}(StrEnum):\n", e.name));
        out.push_str(&docstring(e.doc, "    "));
        out.push('\n');
        for (variant, value, _) in &e.values {
            out.push_str(&format!("    {} = {value:?}\n", upper_snake(variant)));
        }
        let aliases: Vec<String> = e
            .values
            .iter()
            .flat_map(|(_, value, aliases)| {
                aliases.iter().map(move |a| format!("{a:?}: {value:?}"))
            })
            .collect();
        out.push_str(&format!(
            "\n    @classmethod\n    def _missing_(cls, value: object) -> \"{} | None\":\n        # Other spellings and letter cases, read as gengo-core reads them.\n        return _alias(cls, value, {{{}}})\n",
            e.name,
            aliases.join(", ")
        ));
    }
    for m in &models {
        let base = match HELPERS.iter().find(|(model, _)| *model == m.name) {
            Some((_, helpers)) => format!("{helpers}, Model"),
            None => "Model".into(),
        };
        out.push_str(&format!("\n\nclass {}({base}):\n", m.name));
        out.push_str(&docstring(m.doc, "    "));
        out.push_str("\n    __slots__ = ()\n");
        for f in &m.fields {
            out.push_str(&format!(
                "    {} = Field({}, {:?}, {:?})\n",
                f.name,
                conv(&f.shape),
                f.key,
                f.doc
            ));
        }
    }
    out
}

fn tree(out: &mut String, parent: Option<ErrorKind>, depth: usize) {
    for k in ErrorKind::ALL.iter().filter(|k| k.parent() == parent) {
        let carries: Vec<String> = k
            .carries()
            .iter()
            .map(|(f, _, _)| format!("``{f}``"))
            .collect();
        out.push_str(&format!(
            "{}- ``Gengo{}Error`` - {}{}\n",
            "  ".repeat(depth),
            k.class_name(),
            k.doc().trim_end_matches('.'),
            if carries.is_empty() {
                String::new()
            } else {
                format!(" ({})", carries.join(", "))
            }
        ));
        tree(out, Some(*k), depth + 1);
    }
}

/// `gengo-py/python/gengo_rs/errors.py`.
pub fn errors() -> String {
    let class = |k: ErrorKind| format!("Gengo{}Error", k.class_name());
    let mut out = banner("#", "gengo-core's ErrorKind (gengo-core/src/error.rs)");
    out.push_str("\"\"\"The exception hierarchy, one class per gengo-core error kind. Catch at the level you\ncare about; every error has ``kind``, ``code``, ``message``, ``http_status``,\n``job_errors``, ``not_found`` and ``retryable``:\n\n- ``GengoError`` - everything\n");
    tree(&mut out, None, 1);
    out.push_str("\"\"\"\n\nfrom __future__ import annotations\n\nimport json\nfrom typing import Dict, Optional, Type\n\nfrom ._error_base import GengoError\n\n__all__ = [\n    \"GengoError\",\n    \"error_class\",\n");
    for k in ErrorKind::ALL {
        out.push_str(&format!("    {:?},\n", class(*k)));
    }
    out.push_str("]\n");
    for k in ErrorKind::ALL {
        let mut parents = vec![k.parent().map(class).unwrap_or_else(|| "GengoError".into())];
        // Python's own idiom: unusable arguments are also a ValueError.
        if *k == ErrorKind::InvalidArgument {
            parents.push("ValueError".into());
        }
        out.push_str(&format!(
            "\n\nclass {}({}):\n",
            class(*k),
            parents.join(", ")
        ));
        out.push_str(&docstring(
            &format!("{} (kind ``{}``)", k.doc(), k.name()),
            "    ",
        ));
        for (field, ty, doc) in k.carries() {
            let (t, cast) = match *ty {
                "float" => ("float", "float"),
                _ => ("str", "str"),
            };
            out.push_str(&format!(
                "\n    @property\n    def {field}(self) -> Optional[{t}]:\n        \"\"\"{}.\"\"\"\n        v = self.details.get({field:?})\n        return {cast}(v) if v is not None else None\n",
                capitalise(doc)
            ));
        }
    }
    out.push_str("\n\nKINDS: Dict[str, Type[GengoError]] = {\n");
    for k in ErrorKind::ALL {
        out.push_str(&format!("    {:?}: {},\n", k.name(), class(*k)));
    }
    out.push_str("}\n\"\"\"The exception class of each error kind, by the kind's name.\"\"\"\n\n\ndef error_class(kind: str) -> Type[GengoError]:\n    \"\"\"The exception class of an error kind (``\"api\"`` gives :class:`GengoApiError`);\n    :class:`GengoError` for a kind this version does not know.\"\"\"\n    return KINDS.get(kind, GengoError)\n\n\ndef _from_error_json(text: str) -> GengoError:\n    \"\"\"Builds the exception for gengo-core's error JSON (called by the native module).\"\"\"\n    details = json.loads(text)\n    cls = error_class(str(details.get(\"kind\", \"\")))\n    return cls(str(details.get(\"message\", \"gengo error\")), details)\n");
    out
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

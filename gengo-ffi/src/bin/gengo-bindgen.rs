//! Writes the binding surfaces that are generated from gengo-core's operation table,
//! so no binding restates an operation by hand:
//!
//!     cargo run -p gengo-ffi --bin gengo-bindgen -- php > gengo-ffi/php/src/Operations.php
//!
//! CI regenerates it and fails when the committed file differs (as for the C header).
//! The rule every binding follows (PHP here; Ruby and Python build the same at load
//! time): one method per operation, named after it (camelCase in PHP); the required
//! parameters positional, in table order (path ids first); every other parameter by
//! name in a trailing array; the result unwrapped from the row's `unwrap` key.

use gengo_core::ops::{OPERATIONS, Operation, Param, ParamKind};

fn camel(snake: &str) -> String {
    let mut out = String::new();
    let mut up = false;
    for c in snake.chars() {
        if c == '_' {
            up = true;
        } else if up {
            out.extend(c.to_uppercase());
            up = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// The params a method takes positionally: required ones, but not a fixed action.
pub fn positional(op: &Operation) -> Vec<&'static Param> {
    op.params
        .iter()
        .filter(|p| p.required && !(p.name == "action" && op.action.is_some()))
        .collect()
}

/// The params a method takes by name: every other documented one but the action.
fn optional(op: &Operation, positional: &[&Param]) -> Vec<&'static Param> {
    op.params
        .iter()
        .filter(|p| !positional.iter().any(|q| q.name == p.name) && p.name != "action")
        .collect()
}

fn php_type(p: &Param) -> &'static str {
    match p.kind {
        ParamKind::Id => "int",
        ParamKind::IdList => "array|int|string",
        ParamKind::Value => "mixed",
    }
}

fn php_method(op: &Operation) -> String {
    let pos = positional(op);
    let optional = optional(op, &pos);
    let mut doc = format!("    /**\n     * {}", op.doc);
    if let Some(a) = op.alias {
        doc.push_str(&format!(" (official name: `{a}`)"));
    }
    doc.push_str(&format!(
        "\n     *\n     * `{} {}`{}\n     *\n",
        op.method.as_str(),
        op.path,
        if op.legacy { " (v1.1)" } else { "" }
    ));
    for p in &pos {
        doc.push_str(&format!(
            "     * @param {} ${} {}\n",
            php_type(p),
            camel(p.name),
            p.doc
        ));
    }
    let named = optional
        .iter()
        .map(|p| format!("{} ({})", p.name, p.doc))
        .collect::<Vec<_>>()
        .join("; ");
    doc.push_str(&format!(
        "     * @param array<string, mixed> $params {}\n",
        if named.is_empty() {
            "any further parameters, passed through".to_string()
        } else {
            format!("by name: {named}")
        }
    ));
    let (ret, body_ret) = match (op.result, op.unwrap) {
        ("ack", _) => ("void", "$this->call"),
        ("bytes", _) => ("string", "return self::bytes($this->call"),
        ("json", _) => ("mixed", "return $this->call"),
        (r, Some(_)) if r.ends_with('?') => ("?array", "return $this->call"),
        _ => ("array", "return $this->call"),
    };
    doc.push_str(&format!(
        "     * @return {} {}\n     */\n",
        ret,
        match op.result {
            "ack" => "nothing".to_string(),
            "bytes" => "the file's bytes".to_string(),
            r => format!("`{r}` as normalised arrays"),
        }
    ));
    let args: Vec<String> = pos
        .iter()
        .map(|p| format!("{} ${}", php_type(p), camel(p.name)))
        .chain(std::iter::once("array $params = []".to_string()))
        .collect();
    let array: Vec<String> = pos
        .iter()
        .map(|p| format!("'{}' => ${}", p.name, camel(p.name)))
        .collect();
    let params = if array.is_empty() {
        "$params".to_string()
    } else {
        format!("[{}] + $params", array.join(", "))
    };
    let call = format!("('{}', {params})", op.name);
    let tail = match (op.result, op.unwrap) {
        ("ack", _) | ("json", _) => String::new(),
        ("bytes", _) => ")".to_string(),
        (r, Some(k)) if r.ends_with('?') => format!("['{k}'] ?? null"),
        (_, Some(k)) => format!("['{k}'] ?? []"),
        _ => String::new(),
    };
    format!(
        "{doc}    public function {}({}): {ret}\n    {{\n        {body_ret}{call}{tail};\n    }}\n",
        camel(op.name),
        args.join(", ")
    )
}

fn php() -> String {
    let mut out = String::from(
        "<?php\n\n// Generated from gengo-core's operation table by\n//   cargo run -p gengo-ffi --bin gengo-bindgen -- php > gengo-ffi/php/src/Operations.php\n// Do not edit; CI fails when this file differs from what the table generates.\n\ndeclare(strict_types=1);\n\nnamespace GengoRs;\n\n/**\n * One method per Gengo operation: the required parameters positional (path ids first),\n * every other parameter by name in `$params`, the result unwrapped as the table says.\n */\ntrait Operations\n{\n    /** @param array<string, mixed> $params */\n    abstract public function call(string $operation, array $params = []): mixed;\n\n    private static function bytes(mixed $download): string\n    {\n        return base64_decode((string) ($download['base64'] ?? ''), true) ?: '';\n    }\n",
    );
    for op in OPERATIONS {
        out.push('\n');
        out.push_str(&php_method(op));
    }
    out.push_str("}\n");
    out
}

/// The Python type of a result, and the expression that builds it from `v` (the
/// normalised payload).
fn py_result(op: &Operation) -> (String, String) {
    let at = |unwrap: Option<&str>| match unwrap {
        Some(k) => format!("_at(v, {k:?})"),
        None => "v".to_string(),
    };
    let r = op.result;
    match r {
        "ack" => ("None".into(), "None".into()),
        "bytes" => ("bytes".into(), "_bytes(v)".into()),
        "json" => ("JSON".into(), "v".into()),
        _ if r.starts_with('[') => {
            let m = &r[1..r.len() - 1];
            (
                format!("List[{m}]"),
                format!("{m}._adopt_all({} or [])", at(op.unwrap)),
            )
        }
        _ if r.starts_with('{') => {
            let m = &r[1..r.len() - 1];
            (
                format!("Dict[str, {m}]"),
                format!(
                    "{{k: {m}._adopt(x) for k, x in ({} or {{}}).items()}}",
                    at(op.unwrap)
                ),
            )
        }
        _ if r.ends_with('?') => {
            let m = &r[..r.len() - 1];
            let inner = at(op.unwrap);
            (
                format!("Optional[{m}]"),
                format!("{m}._adopt({inner}) if {inner} else None"),
            )
        }
        m => (
            m.to_string(),
            format!("{m}._adopt({} or {{}})", at(op.unwrap)),
        ),
    }
}

fn py_type(p: &Param) -> &'static str {
    match p.kind {
        ParamKind::Id => "int",
        ParamKind::IdList => "Union[int, str, Sequence[int]]",
        ParamKind::Value => "Any",
    }
}

fn py_methods(op: &Operation, asynchronous: bool) -> String {
    let pos = positional(op);
    let optional = optional(op, &pos);
    let mut sig: Vec<String> = vec!["self".into()];
    sig.extend(pos.iter().map(|p| format!("{}: {}", p.name, py_type(p))));
    if !optional.is_empty() {
        sig.push("*".into());
    }
    sig.extend(optional.iter().map(|p| format!("{}: Any = None", p.name)));
    sig.push("**extra: Any".into());
    let (ret, build) = py_result(op);
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
    if !pos.is_empty() || !optional.is_empty() {
        doc.push('\n');
        for p in pos.iter().chain(optional.iter()) {
            doc.push_str(&format!("\n        ``{}``: {}.", p.name, p.doc));
        }
    }
    let args: Vec<String> = pos
        .iter()
        .chain(optional.iter())
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
            .chain(optional.iter().map(|p| format!("{0}={0}", p.name)))
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

fn python() -> String {
    let mut models: Vec<&str> = OPERATIONS
        .iter()
        .map(|op| op.result.trim_matches(['[', ']', '{', '}', '?']))
        .filter(|m| !matches!(*m, "ack" | "bytes" | "json"))
        .collect();
    models.sort();
    models.dedup();
    let mut out = String::from(
        "# Generated from gengo-core's operation table by\n#   cargo run -p gengo-ffi --bin gengo-bindgen -- python > gengo-py/python/gengo_rs/_operations.py\n# Do not edit; CI fails when this file differs from what the table generates.\n\"\"\"One method per Gengo operation, for :class:`gengo_rs.Client` and\n:class:`gengo_rs.AsyncClient`: the required parameters positional (path ids first), every\nother parameter by keyword, the result typed and unwrapped as the table says.\"\"\"\n\nfrom __future__ import annotations\n\nimport base64\nfrom typing import TYPE_CHECKING, Any, Callable, Dict, List, Mapping, Optional, Sequence, TypeVar, Union\n\nfrom .models import (\n",
    );
    for m in &models {
        out.push_str(&format!("    {m},\n"));
    }
    out.push_str(
        ")\n\nif TYPE_CHECKING:\n    from .client import Client\n\nJSON = Any\nT = TypeVar(\"T\")\n\n\ndef _at(v: Any, key: str) -> Any:\n    # Results are plain dicts: checked first (typing's Mapping check costs microseconds).\n    if type(v) is dict:\n        return v.get(key)\n    return v.get(key) if isinstance(v, Mapping) else None\n\n\ndef _bytes(v: Any) -> bytes:\n    return base64.b64decode(v[\"base64\"])\n\n\nclass Operations:\n    \"\"\"The operations, synchronous.\"\"\"\n\n    def _op(self, name: str, params: Dict[str, Any]) -> Any:\n        raise NotImplementedError\n",
    );
    for op in OPERATIONS {
        out.push('\n');
        out.push_str(&py_methods(op, false));
    }
    out.push_str(
        "\n\nclass AsyncOperations:\n    \"\"\"The operations, for asyncio (each runs the synchronous call in a worker thread).\"\"\"\n\n    _sync: Client\n\n    async def _run(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:\n        raise NotImplementedError\n",
    );
    for op in OPERATIONS {
        out.push('\n');
        out.push_str(&py_methods(op, true));
    }
    out
}

fn main() {
    match std::env::args().nth(1).as_deref() {
        Some("php") => print!("{}", php()),
        Some("python") => print!("{}", python()),
        _ => {
            eprintln!("usage: gengo-bindgen php|python");
            std::process::exit(2);
        }
    }
}

//! The PHP surfaces: one method per operation (`Operations.php`) and one exception class
//! per error kind (`Errors.php`).

use gengo_core::ErrorKind;
use gengo_core::ops::{OPERATIONS, Operation, Param, ParamKind, ResultType, ValueType};

use crate::banner;
use crate::table::{camel, optional, positional};

fn php_type(p: &Param) -> &'static str {
    match p.kind {
        ParamKind::Id => "int",
        ParamKind::IdList => "array|int|string",
        ParamKind::Value(t) => match t {
            ValueType::Str => "string",
            ValueType::Int => "int",
            ValueType::Flag => "bool|int",
            ValueType::Jobs
            | ValueType::Job
            | ValueType::JobEntries
            | ValueType::Attachments
            | ValueType::Files => "array",
        },
    }
}

fn method(op: &Operation) -> String {
    let pos = positional(op);
    let named = optional(op);
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
    if named.is_empty() {
        doc.push_str(
            "     * @param array<string, mixed> $params any further parameters, passed through\n",
        );
    } else {
        let shape = named
            .iter()
            .map(|p| format!("{}?: {}", p.name, php_type(p)))
            .collect::<Vec<_>>()
            .join(", ");
        let text = named
            .iter()
            .map(|p| format!("{} ({})", p.name, p.doc))
            .collect::<Vec<_>>()
            .join("; ");
        doc.push_str(&format!(
            "     * @param array{{{shape}}} $params by name: {text}; any other key is passed through\n"
        ));
    }
    let (ret, what, head, tail) = match (op.result, op.unwrap) {
        (ResultType::Ack, _) => ("void", "nothing".to_string(), "$this->call", ""),
        (ResultType::Bytes, _) => (
            "string",
            "the file's bytes".to_string(),
            "return self::bytes($this->call",
            ")",
        ),
        (ResultType::Json, _) => (
            "mixed",
            "the payload as sent".to_string(),
            "return $this->call",
            "",
        ),
        (r @ ResultType::Optional(_), Some(_)) => (
            "?array",
            format!("`{r}` as normalised arrays"),
            "return $this->call",
            "??null",
        ),
        (r, Some(_)) => (
            "array",
            format!("`{r}` as normalised arrays"),
            "return $this->call",
            "??[]",
        ),
        (r, None) => (
            "array",
            format!("`{r}` as normalised arrays"),
            "return $this->call",
            "",
        ),
    };
    doc.push_str(&format!("     * @return {ret} {what}\n     */\n"));
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
    let tail = match (tail, op.unwrap) {
        ("??null", Some(k)) => format!("['{k}'] ?? null"),
        ("??[]", Some(k)) => format!("['{k}'] ?? []"),
        (t, _) => t.to_string(),
    };
    format!(
        "{doc}    public function {}({}): {ret}\n    {{\n        {head}('{}', {params}){tail};\n    }}\n",
        camel(op.name),
        args.join(", "),
        op.name,
    )
}

/// `gengo-ffi/php/src/Operations.php`.
pub fn operations() -> String {
    let mut out = format!(
        "<?php\n\n{}\ndeclare(strict_types=1);\n\nnamespace GengoRs;\n\n/**\n * One method per Gengo operation: the required parameters positional (path ids first),\n * every other parameter by name in `$params`, the result unwrapped as the table says.\n */\ntrait Operations\n{{\n    /** @param array<string, mixed> $params */\n    abstract public function call(string $operation, array $params = []): mixed;\n\n    private static function bytes(mixed $download): string\n    {{\n        return base64_decode((string) ($download['base64'] ?? ''), true) ?: '';\n    }}\n",
        banner("//", "gengo-core's operation table (gengo-core/src/ops/)")
    );
    for op in OPERATIONS {
        out.push('\n');
        out.push_str(&method(op));
    }
    out.push_str("}\n");
    out
}

/// `gengo-ffi/php/src/Errors.php`.
pub fn errors() -> String {
    let mut out = format!(
        "<?php\n\n{}\ndeclare(strict_types=1);\n\nnamespace GengoRs;\n",
        banner("//", "gengo-core's ErrorKind (gengo-core/src/error.rs)")
    );
    for k in ErrorKind::ALL {
        let parent = k
            .parent()
            .map(|p| format!("{}Exception", p.class_name()))
            .unwrap_or_else(|| "Exception".into());
        out.push_str(&format!(
            "\n/** {} (kind `{}`, status {}) */\nclass {}Exception extends {parent}",
            k.doc(),
            k.name(),
            k.number(),
            k.class_name()
        ));
        if k.carries().is_empty() {
            out.push_str(" {}\n");
            continue;
        }
        out.push_str("\n{\n");
        for (i, (field, ty, doc)) in k.carries().iter().enumerate() {
            if i > 0 {
                out.push('\n');
            }
            let (t, cast) = match *ty {
                "float" => ("float", "(float)"),
                _ => ("string", "(string)"),
            };
            out.push_str(&format!(
                "    /** {doc} */\n    public function {}(): ?{t}\n    {{\n        return isset($this->error['{field}']) ? {cast} $this->error['{field}'] : null;\n    }}\n",
                camel(field)
            ));
        }
        out.push_str("}\n");
    }
    out.push_str("\n/** The exception class of each error kind, by the kind's name. */\nfinal class ErrorKinds\n{\n    /** @var array<string, class-string<Exception>> */\n    public const CLASSES = [\n");
    for k in ErrorKind::ALL {
        out.push_str(&format!(
            "        '{}' => {}Exception::class,\n",
            k.name(),
            k.class_name()
        ));
    }
    out.push_str("    ];\n}\n");
    out
}

//! Responses in XML, for clients that ask for it (`Accept: application/xml`, or a
//! `format=xml` parameter, which wins over the header).
//!
//! The shape follows the specification (section 1, response formats): one root element
//! holding `opstat` and `response` or `err`, objects as elements named by their keys,
//! arrays as repeated `<item>` elements. No public source shows Gengo's root element
//! name (a GAP in the specification); the sandbox uses `<gengo>`. A key that is not a
//! valid XML name (`"0"`, `"key 2"`) becomes `<item key="...">`. `true`/`false` and
//! numbers are written as their JSON text, `null` as an empty element.
//!
//! Written by hand: a JSON value to XML text is one recursive function and an escape
//! table, smaller than adapting an XML crate's writer to this shape.

use serde_json::Value;

/// What the request asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// JSON (the default).
    Json,
    /// XML.
    Xml,
}

impl Format {
    /// `format` (from the query or the form) wins; else the `Accept` header; else JSON.
    pub fn choose(format_param: Option<&str>, accept: Option<&str>) -> Format {
        if let Some(f) = format_param {
            return if f.trim().eq_ignore_ascii_case("xml") {
                Format::Xml
            } else {
                Format::Json
            };
        }
        let wants_xml = accept.is_some_and(|a| {
            a.split(',').any(|part| {
                let t = part.split(';').next().unwrap_or("").trim();
                t.eq_ignore_ascii_case("application/xml") || t.eq_ignore_ascii_case("text/xml")
            })
        });
        let wants_json = accept.is_some_and(|a| a.to_ascii_lowercase().contains("json"));
        if wants_xml && !wants_json {
            Format::Xml
        } else {
            Format::Json
        }
    }
}

/// The document for a JSON envelope (or any JSON value).
pub fn document(v: &Value) -> String {
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<gengo>");
    match v {
        Value::Object(o) => {
            for (k, x) in o {
                element(&mut out, k, x);
            }
        }
        other => content(&mut out, other),
    }
    out.push_str("</gengo>\n");
    out
}

fn is_name(k: &str) -> bool {
    let mut chars = k.chars();
    let first_ok = chars.next().is_some_and(|c| c.is_alphabetic() || c == '_');
    first_ok
        && chars.all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.'))
        && !k.to_ascii_lowercase().starts_with("xml")
}

fn element(out: &mut String, key: &str, v: &Value) {
    if is_name(key) {
        out.push('<');
        out.push_str(key);
        out.push('>');
        content(out, v);
        out.push_str("</");
        out.push_str(key);
        out.push('>');
    } else {
        out.push_str("<item key=\"");
        escape(out, key);
        out.push_str("\">");
        content(out, v);
        out.push_str("</item>");
    }
}

fn content(out: &mut String, v: &Value) {
    match v {
        Value::Null => {}
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => out.push_str(&n.to_string()),
        Value::String(s) => escape(out, s),
        Value::Array(a) => {
            for x in a {
                out.push_str("<item>");
                content(out, x);
                out.push_str("</item>");
            }
        }
        Value::Object(o) => {
            for (k, x) in o {
                element(out, k, x);
            }
        }
    }
}

fn escape(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Characters XML 1.0 cannot carry at all are dropped.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            '\u{FFFE}' | '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn envelopes_become_documents() {
        let d = document(
            &json!({"opstat": "ok", "response": {"job": {"job_id": 1, "ok": true, "x": null, "t": "a<b & \"c\""}, "ids": [1, 2, 3], "jobs": {"key 2": {"n": 1}}}}),
        );
        assert_eq!(
            d,
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<gengo><opstat>ok</opstat><response><job><job_id>1</job_id><ok>true</ok><x></x><t>a&lt;b &amp; &quot;c&quot;</t></job><ids><item>1</item><item>2</item><item>3</item></ids><jobs><item key=\"key 2\"><n>1</n></item></jobs></response></gengo>\n"
        );
    }

    #[test]
    fn the_format_parameter_wins_over_accept() {
        assert_eq!(Format::choose(None, None), Format::Json);
        assert_eq!(Format::choose(None, Some("application/xml")), Format::Xml);
        assert_eq!(Format::choose(None, Some("text/xml;q=0.9")), Format::Xml);
        assert_eq!(Format::choose(None, Some("application/json")), Format::Json);
        assert_eq!(
            Format::choose(Some("json"), Some("application/xml")),
            Format::Json
        );
        assert_eq!(
            Format::choose(Some("XML"), Some("application/json")),
            Format::Xml
        );
        assert_eq!(Format::choose(None, Some("*/*")), Format::Json);
    }
}

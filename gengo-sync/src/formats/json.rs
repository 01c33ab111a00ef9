//! JSON, flat or nested (i18next, react-intl, ...), parsed with serde_json keeping key order.

use serde_json::{Map, Value};

use super::{Entry, FormatError, Lookup, assign_lines, join_key};

pub(super) fn parse(text: &str) -> Result<Vec<Entry>, FormatError> {
    let v: Value = serde_json::from_str(text).map_err(|e| FormatError {
        line: e.line(),
        message: format!("not JSON: {e}"),
    })?;
    if !v.is_object() {
        return Err(FormatError {
            line: 1,
            message: "the root must be an object of keys".into(),
        });
    }
    let mut out = Vec::new();
    walk(&v, &mut Vec::new(), &mut out);
    // Lines: where each value appears (as JSON text), in order.
    assign_lines(&mut out, text, |e| {
        serde_json::to_string(&e.text).unwrap_or_default()
    });
    Ok(out)
}

fn walk(v: &Value, path: &mut Vec<String>, out: &mut Vec<Entry>) {
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                path.push(k.clone());
                walk(x, path, out);
                path.pop();
            }
        }
        Value::Array(items) => {
            for (i, x) in items.iter().enumerate() {
                path.push(i.to_string());
                walk(x, path, out);
                path.pop();
            }
        }
        Value::String(s) if !s.is_empty() => out.push(Entry {
            key: join_key(path),
            context: None,
            text: s.clone(),
            line: 0,
        }),
        _ => {}
    }
}

pub(super) fn write(source: &str, lookup: Lookup<'_>) -> Result<String, FormatError> {
    let v: Value = serde_json::from_str(source).map_err(|e| FormatError {
        line: e.line(),
        message: format!("not JSON: {e}"),
    })?;
    let out = rebuild(&v, &mut Vec::new(), lookup).unwrap_or(Value::Object(Map::new()));
    let indent = detect_indent(source);
    let mut buf = Vec::new();
    let fmt = serde_json::ser::PrettyFormatter::with_indent(indent.as_bytes());
    let mut ser = serde_json::Serializer::with_formatter(&mut buf, fmt);
    serde::Serialize::serialize(&out, &mut ser).map_err(|e| FormatError {
        line: 0,
        message: e.to_string(),
    })?;
    let mut text = String::from_utf8(buf).map_err(|e| FormatError {
        line: 0,
        message: e.to_string(),
    })?;
    text.push('\n');
    Ok(text)
}

/// The translated copy of `v`: strings replaced by their translations, untranslated ones and
/// emptied objects left out, other values kept.
fn rebuild(v: &Value, path: &mut Vec<String>, lookup: Lookup<'_>) -> Option<Value> {
    match v {
        Value::Object(m) => {
            let mut out = Map::new();
            for (k, x) in m {
                path.push(k.clone());
                if let Some(y) = rebuild(x, path, lookup) {
                    out.insert(k.clone(), y);
                }
                path.pop();
            }
            (!out.is_empty()).then_some(Value::Object(out))
        }
        Value::Array(items) => {
            let mut out = Vec::new();
            for (i, x) in items.iter().enumerate() {
                path.push(i.to_string());
                // Arrays keep their positions: an untranslated item stays an empty string.
                out.push(rebuild(x, path, lookup).unwrap_or(Value::String(String::new())));
                path.pop();
            }
            out.iter()
                .any(|x| x.as_str() != Some(""))
                .then_some(Value::Array(out))
        }
        Value::String(s) if s.is_empty() => Some(v.clone()),
        Value::String(s) => {
            let e = Entry {
                key: join_key(path),
                context: None,
                text: s.clone(),
                line: 0,
            };
            lookup(&e).map(Value::String)
        }
        other => Some(other.clone()),
    }
}

fn detect_indent(text: &str) -> String {
    text.lines()
        .find_map(|l| {
            let ws: String = l.chars().take_while(|c| *c == ' ' || *c == '\t').collect();
            (!ws.is_empty()).then_some(ws)
        })
        .unwrap_or_else(|| "  ".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    const NESTED: &str = r#"{
  "app": {
    "title": "My app",
    "greeting": "Hello {{name}}",
    "items_one": "{{count}} item",
    "items_other": "{{count}} items"
  },
  "a.b": "dotted",
  "count": 3,
  "list": [
    "first",
    "second"
  ]
}
"#;

    #[test]
    fn parses_nested_keys_in_order_with_lines() {
        let e = parse(NESTED).unwrap();
        let keys: Vec<&str> = e.iter().map(|e| e.key.as_str()).collect();
        assert_eq!(
            keys,
            [
                "app.title",
                "app.greeting",
                "app.items_one",
                "app.items_other",
                "a\\.b",
                "list.0",
                "list.1"
            ]
        );
        assert_eq!(e[0].line, 3);
        assert_eq!(e[4].line, 8);
    }

    #[test]
    fn writes_back_unchanged_when_every_entry_is_its_own_text() {
        let same = |e: &Entry| Some(e.text.clone());
        assert_eq!(write(NESTED, &same).unwrap(), NESTED);
    }

    #[test]
    fn leaves_out_what_is_not_translated() {
        let only_title = |e: &Entry| (e.key == "app.title").then(|| "私のアプリ".to_string());
        assert_eq!(
            write(NESTED, &only_title).unwrap(),
            "{\n  \"app\": {\n    \"title\": \"私のアプリ\"\n  },\n  \"count\": 3\n}\n"
        );
    }

    #[test]
    fn errors_name_the_line() {
        let e = parse("{\n  \"a\": \"x\",\n  \"b\": \n}\n").unwrap_err();
        assert_eq!(e.line, 4, "{e}");
        assert!(parse("[1, 2]").is_err());
    }
}

//! Rails YAML (`config/locales/en.yml`): the locale is the root key. Parsed and written with
//! yaml-rust2, which keeps key order; YAML comments are not carried into target files.

use yaml_rust2::yaml::Hash;
use yaml_rust2::{Yaml, YamlEmitter, YamlLoader};

use super::{Entry, FormatError, Lookup, assign_lines, join_key};

fn load(text: &str) -> Result<Yaml, FormatError> {
    let mut docs = YamlLoader::load_from_str(text).map_err(|e| FormatError {
        line: e.marker().line(),
        message: format!("not YAML: {}", e.info()),
    })?;
    if docs.len() != 1 {
        return Err(FormatError {
            line: 0,
            message: format!("expected one YAML document, found {}", docs.len()),
        });
    }
    Ok(docs.remove(0))
}

fn root<'a>(doc: &'a Yaml, lang: &str) -> Result<&'a Yaml, FormatError> {
    let Yaml::Hash(h) = doc else {
        return Err(FormatError {
            line: 1,
            message: format!("the root must be a mapping with the locale `{lang}` as its key"),
        });
    };
    h.get(&Yaml::String(lang.to_string()))
        .ok_or_else(|| FormatError {
            line: 1,
            message: format!(
                "no root key `{lang}:` (Rails files hold their locale as the root key)"
            ),
        })
}

fn scalar_key(k: &Yaml) -> Option<String> {
    match k {
        Yaml::String(s) => Some(s.clone()),
        Yaml::Integer(i) => Some(i.to_string()),
        Yaml::Boolean(b) => Some(b.to_string()),
        Yaml::Real(r) => Some(r.clone()),
        _ => None,
    }
}

pub(super) fn parse(text: &str, lang: &str) -> Result<Vec<Entry>, FormatError> {
    let doc = load(text)?;
    check_keys(&doc)?;
    let mut out = Vec::new();
    walk(root(&doc, lang)?, &mut Vec::new(), &mut out);
    assign_lines(&mut out, text, |e| {
        e.text.lines().next().unwrap_or_default().to_string()
    });
    Ok(out)
}

/// The longest key YAML reads without the explicit `? ` form (which the writer does not use).
const MAX_KEY: usize = 1024;

fn check_keys(v: &Yaml) -> Result<(), FormatError> {
    match v {
        Yaml::Hash(h) => {
            for (k, x) in h {
                if let Some(k) = scalar_key(k) {
                    let shown: String = k.chars().take(40).collect();
                    if k.len() > MAX_KEY / 2 {
                        return Err(FormatError {
                            line: 0,
                            message: format!(
                                "a key of {} bytes (at most {} are supported): {shown:?}...",
                                k.len(),
                                MAX_KEY / 2
                            ),
                        });
                    }
                    if k.chars().any(char::is_control) {
                        return Err(FormatError {
                            line: 0,
                            message: format!("a key with control characters: {shown:?}"),
                        });
                    }
                }
                check_keys(x)?;
            }
            Ok(())
        }
        Yaml::Array(items) => items.iter().try_for_each(check_keys),
        _ => Ok(()),
    }
}

fn walk(v: &Yaml, path: &mut Vec<String>, out: &mut Vec<Entry>) {
    match v {
        Yaml::Hash(h) => {
            for (k, x) in h {
                if let Some(k) = scalar_key(k) {
                    path.push(k);
                    walk(x, path, out);
                    path.pop();
                }
            }
        }
        Yaml::Array(items) => {
            for (i, x) in items.iter().enumerate() {
                path.push(i.to_string());
                walk(x, path, out);
                path.pop();
            }
        }
        Yaml::String(s) if !s.is_empty() => out.push(Entry {
            key: join_key(path),
            context: None,
            text: s.clone(),
            line: 0,
        }),
        _ => {}
    }
}

fn rebuild(v: &Yaml, path: &mut Vec<String>, lookup: Lookup<'_>) -> Option<Yaml> {
    match v {
        Yaml::Hash(h) => {
            let mut out = Hash::new();
            for (k, x) in h {
                let Some(name) = scalar_key(k) else { continue };
                path.push(name);
                if let Some(y) = rebuild(x, path, lookup) {
                    out.insert(k.clone(), y);
                }
                path.pop();
            }
            (!out.is_empty()).then_some(Yaml::Hash(out))
        }
        Yaml::Array(items) => {
            let mut out = Vec::new();
            for (i, x) in items.iter().enumerate() {
                path.push(i.to_string());
                out.push(rebuild(x, path, lookup).unwrap_or(Yaml::Null));
                path.pop();
            }
            out.iter()
                .any(|x| !matches!(x, Yaml::Null))
                .then_some(Yaml::Array(out))
        }
        Yaml::String(s) if s.is_empty() => Some(v.clone()),
        Yaml::String(s) => {
            let e = Entry {
                key: join_key(path),
                context: None,
                text: s.clone(),
                line: 0,
            };
            lookup(&e).map(Yaml::String)
        }
        other => Some(other.clone()),
    }
}

pub(super) fn write(
    source: &str,
    source_lang: &str,
    target_lang: &str,
    lookup: Lookup<'_>,
) -> Result<String, FormatError> {
    let doc = load(source)?;
    let body = rebuild(root(&doc, source_lang)?, &mut Vec::new(), lookup)
        .unwrap_or(Yaml::Hash(Hash::new()));
    let mut top = Hash::new();
    top.insert(Yaml::String(target_lang.to_string()), body);
    let mut text = String::new();
    YamlEmitter::new(&mut text)
        .dump(&Yaml::Hash(top))
        .map_err(|e| FormatError {
            line: 0,
            message: format!("cannot write YAML: {e:?}"),
        })?;
    let text = text.strip_prefix("---\n").unwrap_or(&text).to_string();
    Ok(text + "\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    // In yaml-rust2's own style (strings quoted where YAML could misread them), which
    // target files are written in: such a file writes back byte for byte.
    const RAILS: &str = "en:\n  hello: \"Hello %{name}\"\n  inbox:\n    one: 1 message\n    other: \"%{count} messages\"\n  menu:\n    - Home\n    - About\n";

    #[test]
    fn parses_under_the_locale() {
        let e = parse(RAILS, "en").unwrap();
        let keys: Vec<(&str, usize)> = e.iter().map(|e| (e.key.as_str(), e.line)).collect();
        assert_eq!(
            keys,
            [
                ("hello", 2),
                ("inbox.one", 4),
                ("inbox.other", 5),
                ("menu.0", 7),
                ("menu.1", 8)
            ]
        );
        assert_eq!(e[2].text, "%{count} messages");
    }

    #[test]
    fn writes_back_unchanged_when_every_entry_is_its_own_text() {
        let same = |e: &Entry| Some(e.text.clone());
        assert_eq!(write(RAILS, "en", "en", &same).unwrap(), RAILS);
    }

    #[test]
    fn writes_under_the_target_locale_without_untranslated_entries() {
        let some = |e: &Entry| (e.key == "inbox.one").then(|| "1 件".to_string());
        assert_eq!(
            write(RAILS, "en", "ja", &some).unwrap(),
            "ja:\n  inbox:\n    one: 1 件\n"
        );
    }

    #[test]
    fn errors_name_the_line_and_the_missing_locale() {
        let e = parse("en:\n  a: [unclosed\n  b: x\n", "en").unwrap_err();
        assert!(e.line >= 2, "{e}");
        let e = parse("fr:\n  a: b\n", "en").unwrap_err();
        assert!(e.message.contains("`en:`"), "{e}");
    }
}

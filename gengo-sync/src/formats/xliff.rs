//! XLIFF 1.2 (`<trans-unit>`) and 2.0 (`<unit>` / `<segment>`): each unit's `<source>` is
//! ordered; targets get a `<target>` after each translated source (or its existing target's
//! content replaced) and the target language on `<file target-language>` (1.2) or
//! `<xliff trgLang>` (2.0). Inline markup (`<g>`, `<x/>`, `<ph>`, `<pc>`) stays as it is.

use super::xml::{Elem, inner_text, inner_xml, markup, scan, splice};
use super::{Entry, FormatError, Lookup};

/// Whether element `i` sits inside a `<source>` or `<target>`: then it is part of that
/// text's inline markup, not a unit of the file.
fn in_text(elems: &[Elem], i: usize) -> bool {
    let mut at = elems[i].parent;
    while let Some(p) = at {
        if matches!(elems[p].name.as_str(), "source" | "target") {
            return true;
        }
        at = elems[p].parent;
    }
    false
}

/// (key, index of its <source>, index of an existing <target>).
fn units(elems: &[Elem]) -> Result<Vec<(String, usize, Option<usize>)>, FormatError> {
    let root = elems.first().ok_or_else(|| FormatError {
        line: 1,
        message: "no <xliff> element".into(),
    })?;
    if root.name != "xliff" {
        return Err(FormatError {
            line: root.line,
            message: format!("the root element is <{}>, not <xliff>", root.name),
        });
    }
    let v2 = root.attr("version").is_some_and(|v| v.starts_with('2'));
    let unit_name = if v2 { "unit" } else { "trans-unit" };
    let mut out = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for (i, u) in elems.iter().enumerate() {
        if u.name != unit_name || u.attr("translate") == Some("no") || in_text(elems, i) {
            continue;
        }
        let id = u.attr("id").ok_or_else(|| FormatError {
            line: u.line,
            message: format!("<{unit_name}> without an id"),
        })?;
        if !seen.insert(id.to_string()) {
            return Err(FormatError {
                line: u.line,
                message: format!("unit id {id:?} appears twice"),
            });
        }
        // The containers of <source>: the unit itself (1.2) or each <segment> (2.0).
        let holders: Vec<usize> = if v2 {
            (i + 1..elems.len())
                .take_while(|j| elems[*j].start < u.end)
                .filter(|j| elems[*j].parent == Some(i) && elems[*j].name == "segment")
                .collect()
        } else {
            vec![i]
        };
        let many = holders.len() > 1;
        for (n, h) in holders.iter().enumerate() {
            let child = |name: &str| {
                (h + 1..elems.len())
                    .take_while(|j| elems[*j].start < elems[*h].end)
                    .find(|j| elems[*j].parent == Some(*h) && elems[*j].name == name)
            };
            let Some(src) = child("source") else { continue };
            let key = match (many, elems[*h].attr("id")) {
                (false, _) => id.to_string(),
                (true, Some(s)) => format!("{id}/{s}"),
                (true, None) => format!("{id}/{}", n + 1),
            };
            out.push((key, src, child("target")));
        }
    }
    Ok(out)
}

fn same(s: &str) -> String {
    s.to_string()
}

pub(super) fn parse(text: &str) -> Result<Vec<Entry>, FormatError> {
    let elems = scan(text)?;
    let mut out = Vec::new();
    for (key, src, _) in units(&elems)? {
        let e = &elems[src];
        let t = inner_text(&text[e.content_start..e.content_end], e.line, &same)?;
        if !t.trim().is_empty() {
            out.push(Entry {
                key,
                context: None,
                text: t,
                line: e.line,
            });
        }
    }
    Ok(out)
}

/// Sets `name="value"` in the start tag of `e`.
fn set_attr(source: &str, e: &Elem, name: &str, value: &str) -> (usize, usize, String) {
    let tag = &source[e.start..e.content_start];
    let re = regex::Regex::new(&format!(
        r#"\s{}\s*=\s*("[^"]*"|'[^']*')"#,
        regex::escape(name)
    ))
    .expect("attribute pattern");
    let new = match re.find(tag) {
        Some(m) => format!(
            "{} {name}=\"{value}\"{}",
            &tag[..m.start()],
            &tag[m.end()..]
        ),
        None => {
            let cut = if tag.ends_with("/>") {
                tag.len() - 2
            } else {
                tag.len() - 1
            };
            format!("{} {name}=\"{value}\"{}", &tag[..cut], &tag[cut..])
        }
    };
    (e.start, e.content_start, new)
}

pub(super) fn write(
    source: &str,
    target_lang: &str,
    lookup: Lookup<'_>,
) -> Result<String, FormatError> {
    let elems = scan(source)?;
    let units = units(&elems)?;
    let mut edits = Vec::new();
    let v2 = elems[0].attr("version").is_some_and(|v| v.starts_with('2'));
    if v2 {
        edits.push(set_attr(source, &elems[0], "trgLang", target_lang));
    } else {
        // Only the <file> elements of <xliff>: a <file> inside a <source> is the text's own.
        for e in elems
            .iter()
            .filter(|e| e.name == "file" && e.parent == Some(0))
        {
            edits.push(set_attr(source, e, "target-language", target_lang));
        }
    }
    for (key, src, target) in units {
        let e = &elems[src];
        let text = inner_text(&source[e.content_start..e.content_end], e.line, &same)?;
        if text.trim().is_empty() {
            continue;
        }
        let Some(t) = lookup(&Entry {
            key,
            context: None,
            text,
            line: e.line,
        }) else {
            continue;
        };
        let content = inner_xml(
            &t,
            &markup(&source[e.content_start..e.content_end], e.line)?,
            &same,
        );
        match target {
            Some(tg) => edits.push((elems[tg].content_start, elems[tg].content_end, content)),
            None => {
                let line_start = source[..e.start].rfind('\n').map(|i| i + 1).unwrap_or(0);
                let indent = &source[line_start..e.start];
                let indent = if indent.trim().is_empty() { indent } else { "" };
                edits.push((
                    e.end,
                    e.end,
                    format!("\n{indent}<target>{content}</target>"),
                ));
            }
        }
    }
    Ok(splice(source, edits))
}

#[cfg(test)]
mod tests {
    use super::*;

    const V12: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
  <file source-language="en" datatype="plaintext" original="app">
    <body>
      <!-- greetings -->
      <trans-unit id="hello">
        <source>Hello <g id="1">{name}</g> &amp; welcome</source>
      </trans-unit>
      <trans-unit id="logo" translate="no">
        <source>ACME</source>
      </trans-unit>
      <trans-unit id="bye">
        <source>Goodbye</source>
        <note>Shown on logout</note>
      </trans-unit>
    </body>
  </file>
</xliff>
"#;

    const V20: &str = r#"<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en">
  <file id="f1">
    <unit id="u1">
      <segment>
        <source>First <pc id="1">bold</pc></source>
      </segment>
      <segment id="s2">
        <source>Second</source>
        <target>old</target>
      </segment>
    </unit>
  </file>
</xliff>
"#;

    #[test]
    fn parses_both_versions() {
        let e = parse(V12).unwrap();
        let got: Vec<(&str, &str, usize)> = e
            .iter()
            .map(|e| (e.key.as_str(), e.text.as_str(), e.line))
            .collect();
        assert_eq!(
            got,
            [
                ("hello", "Hello <g id=\"1\">{name}</g> & welcome", 7),
                ("bye", "Goodbye", 13)
            ]
        );
        let e = parse(V20).unwrap();
        let got: Vec<(&str, &str)> = e
            .iter()
            .map(|e| (e.key.as_str(), e.text.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                ("u1/1", "First <pc id=\"1\">bold</pc>"),
                ("u1/s2", "Second")
            ]
        );
    }

    #[test]
    fn writes_back_unchanged_when_nothing_is_translated() {
        let none = |_: &Entry| None;
        let declared = V12.replace(
            "original=\"app\">",
            "original=\"app\" target-language=\"ja\">",
        );
        assert_eq!(write(&declared, "ja", &none).unwrap(), declared);
        let out = write(V12, "ja", &none).unwrap();
        assert_eq!(
            out,
            V12.replace(
                "original=\"app\">",
                "original=\"app\" target-language=\"ja\">"
            )
        );
    }

    #[test]
    fn adds_targets_after_their_sources() {
        let all = |e: &Entry| Some(format!("[ja] {}", e.text));
        let out = write(V12, "ja", &all).unwrap();
        assert!(out.contains("        <source>Hello <g id=\"1\">{name}</g> &amp; welcome</source>\n        <target>[ja] Hello <g id=\"1\">{name}</g> &amp; welcome</target>\n"), "{out}");
        assert!(
            out.contains(
                "<source>Goodbye</source>\n        <target>[ja] Goodbye</target>\n        <note>"
            ),
            "{out}"
        );
        assert!(!out.contains("[ja] ACME"));
        let out = write(V20, "fr", &all).unwrap();
        assert!(out.starts_with("<xliff xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" version=\"2.0\" srcLang=\"en\" trgLang=\"fr\">"), "{out}");
        assert!(
            out.contains("<target>[ja] Second</target>") && !out.contains(">old<"),
            "{out}"
        );
        assert!(out.contains("<source>First <pc id=\"1\">bold</pc></source>\n        <target>[ja] First <pc id=\"1\">bold</pc></target>"), "{out}");
    }

    #[test]
    fn errors_name_the_line() {
        let e = parse("<xliff version=\"1.2\">\n<file>\n<trans-unit>\n<source>x</source></trans-unit></file></xliff>").unwrap_err();
        assert_eq!(e.line, 3, "{e}");
        assert!(parse("<xliff version=\"1.2\"><file></xliff>").is_err());
    }
}

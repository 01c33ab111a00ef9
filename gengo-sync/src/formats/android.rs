//! Android `res/values/strings.xml`: `<string>`, `<plurals>` (one key per quantity) and
//! `<string-array>` (one key per item); `translatable="false"` entries are not ordered and
//! stay out of target files. Text is read with Android's escapes (`\'`, `\"`, `\n`, `\t`,
//! `\@`, `\?`, `\\`, `\uXXXX`, and "quoted" strings) and written back with them.

use super::xml::{Elem, inner_text, inner_xml, markup, scan, splice, whole_lines};
use super::{Entry, FormatError, Lookup};

/// Android's escapes, undone.
fn unescape_android(s: &str) -> String {
    let mut out = String::new();
    let mut quoted = false;
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' => quoted = !quoted,
            '\\' => match chars.next() {
                Some('n') => out.push('\n'),
                Some('t') => out.push('\t'),
                Some('u') => {
                    let hex: String = chars.by_ref().take(4).collect();
                    match u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32) {
                        Some(ch) => out.push(ch),
                        None => {
                            out.push_str("\\u");
                            out.push_str(&hex);
                        }
                    }
                }
                Some(other) => out.push(other),
                None => out.push('\\'),
            },
            c if c.is_whitespace() && !quoted => {
                // Unquoted runs of white space collapse to one space, as Android reads them.
                if !out.ends_with(' ') {
                    out.push(' ');
                }
                while chars.peek().is_some_and(|n| n.is_whitespace()) {
                    chars.next();
                }
            }
            c => out.push(c),
        }
    }
    out
}

/// Text with Android's escapes. White space other than single spaces would be collapsed
/// when Android (and [`unescape_android`]) reads it: other white space characters are
/// written as `\uXXXX`, and text with runs of spaces is written "quoted".
fn escape_android(s: &str) -> String {
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\'' => out.push_str("\\'"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '@' | '?' if i == 0 => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_whitespace() && c != ' ' => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    if out.contains("  ") {
        format!("\"{out}\"")
    } else {
        out
    }
}

/// Each translatable entry: (key, element holding the text, the top-level resource element).
fn units(elems: &[Elem]) -> Vec<(String, usize, usize)> {
    let mut out = Vec::new();
    for (i, e) in elems.iter().enumerate() {
        let top = |j: usize| {
            elems[j]
                .parent
                .is_some_and(|p| elems[p].name == "resources" && elems[p].parent.is_none())
        };
        if !top(i) || e.attr("translatable") == Some("false") {
            continue;
        }
        let Some(name) = e.attr("name") else { continue };
        match e.name.as_str() {
            "string" => out.push((name.to_string(), i, i)),
            "plurals" | "string-array" => {
                let mut n = 0;
                for (j, item) in elems.iter().enumerate().skip(i + 1) {
                    if item.start >= e.end {
                        break;
                    }
                    if item.parent == Some(i) && item.name == "item" {
                        let key = match item.attr("quantity") {
                            Some(q) if e.name == "plurals" => format!("{name}#{q}"),
                            _ => format!("{name}[{n}]"),
                        };
                        n += 1;
                        out.push((key, j, i));
                    }
                }
            }
            _ => {}
        }
    }
    out
}

fn check_root(elems: &[Elem]) -> Result<(), FormatError> {
    match elems.first() {
        Some(e) if e.name == "resources" => Ok(()),
        Some(e) => Err(FormatError {
            line: e.line,
            message: format!("the root element is <{}>, not <resources>", e.name),
        }),
        None => Err(FormatError {
            line: 1,
            message: "no <resources> element".into(),
        }),
    }
}

pub(super) fn parse(text: &str) -> Result<Vec<Entry>, FormatError> {
    let elems = scan(text)?;
    check_root(&elems)?;
    let mut out = Vec::new();
    for (key, i, _) in units(&elems) {
        let e = &elems[i];
        let t = inner_text(
            &text[e.content_start..e.content_end],
            e.line,
            &unescape_android,
        )?;
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

pub(super) fn write(source: &str, lookup: Lookup<'_>) -> Result<String, FormatError> {
    let elems = scan(source)?;
    check_root(&elems)?;
    let mut edits = Vec::new();
    let units = units(&elems);
    // Resources that are not translatable, or not wholly translated, leave the target
    // (Android falls back to the default resources for them).
    let mut drop: Vec<usize> = elems
        .iter()
        .enumerate()
        .filter(|(_, e)| e.parent == Some(0) && e.attr("translatable") == Some("false"))
        .map(|(i, _)| i)
        .collect();
    let mut replaced = Vec::new();
    for (key, i, top) in &units {
        let e = &elems[*i];
        let text = inner_text(
            &source[e.content_start..e.content_end],
            e.line,
            &unescape_android,
        )?;
        let found = if text.trim().is_empty() {
            None
        } else {
            lookup(&Entry {
                key: key.clone(),
                context: None,
                text,
                line: e.line,
            })
        };
        match found {
            Some(t) => replaced.push((
                e.content_start,
                e.content_end,
                inner_xml(
                    &t,
                    &markup(&source[e.content_start..e.content_end], e.line)?,
                    &escape_android,
                ),
            )),
            None => {
                if !drop.contains(top) {
                    drop.push(*top);
                }
            }
        }
    }
    for top in &drop {
        let (from, to) = whole_lines(source, &elems[*top]);
        edits.push((from, to, String::new()));
    }
    for (from, to, with) in replaced {
        if !drop
            .iter()
            .any(|d| elems[*d].start <= from && to <= elems[*d].end)
        {
            edits.push((from, to, with));
        }
    }
    Ok(splice(source, edits))
}

#[cfg(test)]
mod tests {
    use super::*;

    const STRINGS: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<!-- App strings -->
<resources>
    <string name="app_name" translatable="false">MyApp</string>
    <string name="hello">Hello %1$s! Don\'t \"quote\" me &amp; <b>go</b></string>
    <plurals name="songs">
        <item quantity="one">%d song</item>
        <item quantity="other">%d songs</item>
    </plurals>
    <string-array name="planets">
        <item>Mercury</item>
        <item>Venus</item>
    </string-array>
    <string name="at">\@home</string>
    <string name="html">Tap &lt;b&gt;here&lt;/b&gt; &amp; <i>now</i></string>
</resources>
"#;

    #[test]
    fn parses_strings_plurals_arrays_and_escapes() {
        let e = parse(STRINGS).unwrap();
        let got: Vec<(&str, &str, usize)> = e
            .iter()
            .map(|e| (e.key.as_str(), e.text.as_str(), e.line))
            .collect();
        assert_eq!(
            got,
            [
                ("hello", "Hello %1$s! Don't \"quote\" me & <b>go</b>", 5),
                ("songs#one", "%d song", 7),
                ("songs#other", "%d songs", 8),
                ("planets[0]", "Mercury", 11),
                ("planets[1]", "Venus", 12),
                ("at", "@home", 14),
                ("html", "Tap &lt;b&gt;here&lt;/b&gt; & <i>now</i>", 15),
            ]
        );
    }

    #[test]
    fn writes_back_unchanged_but_for_untranslatable_entries() {
        let same = |e: &Entry| Some(e.text.clone());
        let expected = STRINGS.replace(
            "    <string name=\"app_name\" translatable=\"false\">MyApp</string>\n",
            "",
        );
        assert_eq!(write(STRINGS, &same).unwrap(), expected);
    }

    #[test]
    fn leaves_out_what_is_not_wholly_translated() {
        let some =
            |e: &Entry| (e.key == "hello" || e.key == "songs#one").then(|| format!("T:{}", e.text));
        let out = write(STRINGS, &some).unwrap();
        assert!(out.contains("<string name=\"hello\">T:Hello %1$s! Don\\'t \\\"quote\\\" me &amp; <b>go</b></string>"), "{out}");
        assert!(
            !out.contains("plurals") && !out.contains("planets") && !out.contains("\"at\""),
            "{out}"
        );
        assert!(out.starts_with("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<!-- App strings -->\n<resources>\n    <string name=\"hello\">"), "{out}");
    }

    #[test]
    fn errors_name_the_line() {
        let e = parse("<resources>\n  <string name=\"a\">x</strin>\n</resources>\n").unwrap_err();
        assert_eq!(e.line, 2, "{e}");
        let e = parse("<root/>").unwrap_err();
        assert!(e.message.contains("<resources>"), "{e}");
    }
}

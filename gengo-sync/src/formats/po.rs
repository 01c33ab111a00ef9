//! gettext PO: `msgctxt`, plurals (`msgid_plural`, `msgstr[N]`), comments and flags.
//!
//! Hand-written: the PO crate on crates.io (polib 0.3) panics on malformed lines (it slices
//! and calls `panic!` inside its parser), reports no line numbers and drops lines it does not
//! know, and its writer re-wraps every string; a target file here is the source with only
//! its `msgstr` lines (and the header's `Language` and `Plural-Forms`) replaced, so comments,
//! references, order and wrapping are kept, and every error names its line.
//!
//! A source entry's text is its `msgstr` when that is set (key-style catalogs), else its
//! `msgid`; a plural entry gives two strings (`KEY` and `KEY [plural]`). In a target, form 0
//! takes the singular translation and every other form the plural one (languages with one
//! form take the plural); untranslated entries keep an empty `msgstr`, and translated ones
//! lose their `fuzzy` flag.

use super::{Entry, FormatError, Lookup};

/// One entry (or the header) of the file.
#[derive(Debug, Default)]
struct Block {
    msgctxt: Option<String>,
    msgid: String,
    msgid_plural: Option<String>,
    /// (index, text) of `msgstr` (index 0) or `msgstr[N]`.
    msgstr: Vec<(usize, String)>,
    /// Line indices (0-based) of the msgstr keywords and their continuations.
    msgstr_lines: Vec<usize>,
    /// Line index of the `#,` flags line.
    flags_line: Option<usize>,
    /// Line index of `msgid` (for messages).
    line: usize,
    obsolete: bool,
}

fn err(line: usize, message: impl Into<String>) -> FormatError {
    FormatError {
        line: line + 1,
        message: message.into(),
    }
}

/// The content of a `"..."` token, unescaped.
fn quoted(s: &str, line: usize) -> Result<String, FormatError> {
    let s = s.trim();
    let inner = s
        .strip_prefix('"')
        .and_then(|x| x.strip_suffix('"'))
        .filter(|_| s.len() >= 2)
        .ok_or_else(|| err(line, format!("expected a \"quoted\" string, found {s:?}")))?;
    let mut out = String::new();
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some('n') => out.push('\n'),
                Some('t') => out.push('\t'),
                Some('r') => out.push('\r'),
                Some('"') => out.push('"'),
                Some('\\') => out.push('\\'),
                Some('a') => out.push('\u{7}'),
                Some(o) => return Err(err(line, format!("unknown escape \\{o}"))),
                None => return Err(err(line, "a string ends with a lone backslash")),
            },
            '"' => return Err(err(line, "an unescaped \" inside a string")),
            c => out.push(c),
        }
    }
    Ok(out)
}

fn blocks(text: &str) -> Result<Vec<Block>, FormatError> {
    let mut out = Vec::new();
    let mut b = Block::default();
    let mut started = false;
    // Which field a continuation line extends: 0 msgctxt, 1 msgid, 2 msgid_plural, 3 msgstr.
    let mut field: Option<u8> = None;
    let lines: Vec<&str> = text.lines().collect();
    let flush = |b: &mut Block, started: &mut bool, out: &mut Vec<Block>| {
        if *started {
            out.push(std::mem::take(b));
        }
        *started = false;
    };
    for (i, raw) in lines.iter().enumerate() {
        let line = raw.trim_end_matches('\r');
        let t = line.trim_start();
        if t.is_empty() {
            flush(&mut b, &mut started, &mut out);
            field = None;
            continue;
        }
        if let Some(rest) = t.strip_prefix("#~") {
            b.obsolete = true;
            started = true;
            let _ = rest;
            continue;
        }
        if t.starts_with('#') {
            if field.is_some_and(|f| f >= 1) && !b.msgstr.is_empty() {
                // A comment after a complete entry starts the next one.
                flush(&mut b, &mut started, &mut out);
                field = None;
            }
            if t.starts_with("#,") {
                b.flags_line = Some(i);
            }
            started = true;
            continue;
        }
        let (kw, rest) = t.split_once(|c: char| c.is_whitespace()).unwrap_or((t, ""));
        if kw.starts_with('"') {
            let s = quoted(t, i)?;
            match field {
                Some(0) => b.msgctxt.get_or_insert_default().push_str(&s),
                Some(1) => b.msgid.push_str(&s),
                Some(2) => b.msgid_plural.get_or_insert_default().push_str(&s),
                Some(3) => {
                    b.msgstr.last_mut().expect("msgstr started").1.push_str(&s);
                    b.msgstr_lines.push(i);
                }
                _ => return Err(err(i, "a string line outside any msgid or msgstr")),
            }
            continue;
        }
        if kw == "msgctxt" || (kw == "msgid" && !b.msgstr.is_empty()) {
            // A new entry without a blank line before it.
            if !b.msgstr.is_empty() {
                flush(&mut b, &mut started, &mut out);
                field = None;
            }
        }
        let s = quoted(rest, i)?;
        started = true;
        // Keywords in gettext's order: msgctxt, msgid, msgid_plural, then msgstr lines.
        let seen_msgid = field.is_some_and(|f| f >= 1);
        match kw {
            "msgctxt" | "msgid" if seen_msgid && b.msgstr.is_empty() => {
                return Err(err(
                    i,
                    format!("{kw} after msgid {:?}, before its msgstr", b.msgid),
                ));
            }
            "msgid_plural" if !seen_msgid || !b.msgstr.is_empty() || b.msgid_plural.is_some() => {
                return Err(err(i, "msgid_plural must follow msgid, before msgstr"));
            }
            k if k.starts_with("msgstr") && !seen_msgid => {
                return Err(err(i, format!("{k} without a msgid before it")));
            }
            _ => {}
        }
        match kw {
            "msgctxt" => {
                b.msgctxt = Some(s);
                field = Some(0);
            }
            "msgid" => {
                b.msgid = s;
                b.line = i;
                field = Some(1);
            }
            "msgid_plural" => {
                b.msgid_plural = Some(s);
                field = Some(2);
            }
            "msgstr" => {
                b.msgstr.push((0, s));
                b.msgstr_lines.push(i);
                field = Some(3);
            }
            k if k.starts_with("msgstr[") && k.ends_with(']') => {
                let n: usize = k[7..k.len() - 1]
                    .parse()
                    .map_err(|_| err(i, format!("bad plural index in {k}")))?;
                b.msgstr.push((n, s));
                b.msgstr_lines.push(i);
                field = Some(3);
            }
            other => return Err(err(i, format!("unknown keyword {other:?}"))),
        }
    }
    flush(&mut b, &mut started, &mut out);
    for b in &out {
        if !b.obsolete && b.msgstr.is_empty() && (!b.msgid.is_empty() || b.msgctxt.is_some()) {
            return Err(err(b.line, format!("msgid {:?} has no msgstr", b.msgid)));
        }
    }
    Ok(out
        .into_iter()
        .filter(|b| !b.obsolete && !b.msgstr.is_empty())
        .collect())
}

fn is_header(b: &Block) -> bool {
    b.msgid.is_empty() && b.msgctxt.is_none()
}

fn form(b: &Block, n: usize) -> &str {
    b.msgstr
        .iter()
        .find(|(i, _)| *i == n)
        .map(|(_, s)| s.as_str())
        .unwrap_or("")
}

/// The strings of a block: (key, text).
fn strings(b: &Block) -> Vec<(String, String)> {
    let pick = |own: &str, fallback: &str| {
        if own.is_empty() {
            fallback.to_string()
        } else {
            own.to_string()
        }
    };
    match &b.msgid_plural {
        None => vec![(b.msgid.clone(), pick(form(b, 0), &b.msgid))],
        Some(p) => vec![
            (b.msgid.clone(), pick(form(b, 0), &b.msgid)),
            (format!("{} [plural]", b.msgid), pick(form(b, 1), p)),
        ],
    }
}

pub(super) fn parse(text: &str) -> Result<Vec<Entry>, FormatError> {
    let mut out = Vec::new();
    for b in blocks(text)?.iter().filter(|b| !is_header(b)) {
        for (key, t) in strings(b) {
            if !t.is_empty() {
                out.push(Entry {
                    key,
                    context: b.msgctxt.clone(),
                    text: t,
                    line: b.line + 1,
                });
            }
        }
    }
    Ok(out)
}

/// gettext's plural rules for common languages: (nplurals, plural expression).
pub(crate) fn plural_forms(lang: &str) -> Option<(usize, &'static str)> {
    let base = lang
        .split(['-', '_'])
        .next()
        .unwrap_or(lang)
        .to_ascii_lowercase();
    Some(match base.as_str() {
        "ja" | "zh" | "ko" | "th" | "vi" | "id" | "ms" => (1, "0"),
        "fr" | "pt" if lang.eq_ignore_ascii_case("pt-pt") => (2, "(n != 1)"),
        "fr" | "pt" | "tr" => (2, "(n > 1)"),
        "en" | "de" | "nl" | "sv" | "da" | "no" | "nb" | "fi" | "es" | "it" | "el" | "he"
        | "hu" | "bg" | "et" | "ca" => (2, "(n != 1)"),
        "ru" | "uk" | "sr" | "hr" | "bs" => (
            3,
            "(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2)",
        ),
        "pl" => (
            3,
            "(n==1 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2)",
        ),
        "cs" | "sk" => (3, "(n==1) ? 0 : (n>=2 && n<=4) ? 1 : 2"),
        "ro" => (
            3,
            "(n==1 ? 0 : (n==0 || (n%100 > 0 && n%100 < 20)) ? 1 : 2)",
        ),
        "ar" => (
            6,
            "(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 : 5)",
        ),
        _ => return None,
    })
}

fn escape(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n")
        .replace('\t', "\\t")
        .replace('\r', "\\r")
}

/// `keyword "text"`, or `keyword ""` followed by one line per `\n` for long or multi-line text.
fn render(keyword: &str, text: &str) -> Vec<String> {
    let inner_break = text.trim_end_matches('\n').contains('\n');
    if !inner_break && keyword.len() + text.len() + 3 <= 79 {
        return vec![format!("{keyword} \"{}\"", escape(text))];
    }
    let mut out = vec![format!("{keyword} \"\"")];
    for piece in text.split_inclusive('\n') {
        out.push(format!("\"{}\"", escape(piece)));
    }
    out
}

fn header_with(msgstr: &str, lang: &str) -> String {
    let mut lines: Vec<String> = msgstr.split_inclusive('\n').map(str::to_string).collect();
    let mut set = |name: &str, value: String| {
        let prefix = format!("{name}:");
        match lines.iter_mut().find(|l| l.starts_with(&prefix)) {
            Some(l) => *l = format!("{name}: {value}\n"),
            None => lines.push(format!("{name}: {value}\n")),
        }
    };
    set("Language", lang.to_string());
    if let Some((n, expr)) = plural_forms(lang) {
        set("Plural-Forms", format!("nplurals={n}; plural={expr};"));
    }
    lines.concat()
}

pub(super) fn write(
    source: &str,
    target_lang: &str,
    lookup: Lookup<'_>,
) -> Result<String, FormatError> {
    let lines: Vec<&str> = source.split_inclusive('\n').collect();
    let mut replace: std::collections::BTreeMap<usize, (usize, Vec<String>)> = Default::default();
    let mut unfuzzy = Vec::new();
    let nplurals = plural_forms(target_lang).map(|(n, _)| n);
    for b in blocks(source)? {
        let first = b.msgstr_lines[0];
        let last = *b.msgstr_lines.last().expect("a msgstr line");
        if is_header(&b) {
            let new = header_with(form(&b, 0), target_lang);
            if new != form(&b, 0) {
                replace.insert(first, (last, render("msgstr", &new)));
            }
            continue;
        }
        // A string with no text (an empty msgid_plural) has nothing to translate: it keeps
        // what the source holds and does not hold the entry back.
        let found: Vec<Option<String>> = strings(&b)
            .into_iter()
            .enumerate()
            .map(|(i, (key, text))| {
                if text.is_empty() {
                    Some(form(&b, i).to_string())
                } else {
                    lookup(&Entry {
                        key,
                        context: b.msgctxt.clone(),
                        text,
                        line: b.line + 1,
                    })
                }
            })
            .collect();
        let done = found.iter().all(Option::is_some);
        let mut new = Vec::new();
        if b.msgid_plural.is_none() {
            new.extend(render(
                "msgstr",
                found[0].as_deref().filter(|_| done).unwrap_or(""),
            ));
        } else {
            let n = nplurals.unwrap_or_else(|| b.msgstr.len().max(2));
            for i in 0..n {
                let t = match (done, i, n) {
                    (false, ..) => "",
                    (true, _, 1) | (true, 1.., _) => found[1].as_deref().unwrap_or(""),
                    (true, 0, _) => found[0].as_deref().unwrap_or(""),
                };
                new.extend(render(&format!("msgstr[{i}]"), t));
            }
        }
        let old: Vec<String> = lines[first..=last]
            .iter()
            .map(|l| l.trim_end_matches(['\n', '\r']).to_string())
            .collect();
        if new != old {
            replace.insert(first, (last, new));
        }
        if done && let Some(f) = b.flags_line {
            unfuzzy.push(f);
        }
    }
    let mut out = String::with_capacity(source.len());
    let mut i = 0;
    while i < lines.len() {
        if let Some((last, new)) = replace.get(&i) {
            for l in new {
                out.push_str(l);
                out.push('\n');
            }
            i = last + 1;
            continue;
        }
        if unfuzzy.contains(&i) {
            let flags: Vec<&str> = lines[i]
                .trim_start_matches("#,")
                .split(',')
                .map(str::trim)
                .filter(|f| !f.is_empty() && *f != "fuzzy")
                .collect();
            if !flags.is_empty() {
                out.push_str(&format!("#, {}\n", flags.join(", ")));
            }
            i += 1;
            continue;
        }
        out.push_str(lines[i]);
        i += 1;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const PO: &str = r#"# My app.
msgid ""
msgstr ""
"Project-Id-Version: app 1.0\n"
"Language: en\n"
"Content-Type: text/plain; charset=UTF-8\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\n"

#. The title bar
#: src/main.c:12
msgid "My app"
msgstr ""

#, fuzzy, c-format
msgctxt "menu"
msgid "Open %s"
msgstr ""

msgid "%d file"
msgid_plural "%d files"
msgstr[0] ""
msgstr[1] ""

msgid ""
"A long text that goes on and on, "
"over two lines"
msgstr ""

#~ msgid "gone"
#~ msgstr "parti"
"#;

    #[test]
    fn parses_context_plurals_and_continuations() {
        let e = parse(PO).unwrap();
        let got: Vec<(&str, Option<&str>, &str, usize)> = e
            .iter()
            .map(|e| {
                (
                    e.key.as_str(),
                    e.context.as_deref(),
                    e.text.as_str(),
                    e.line,
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                ("My app", None, "My app", 11),
                ("Open %s", Some("menu"), "Open %s", 16),
                ("%d file", None, "%d file", 19),
                ("%d file [plural]", None, "%d files", 19),
                (
                    "A long text that goes on and on, over two lines",
                    None,
                    "A long text that goes on and on, over two lines",
                    24
                ),
            ]
        );
    }

    #[test]
    fn writes_back_unchanged_when_nothing_is_translated() {
        let none = |_: &Entry| None;
        assert_eq!(write(PO, "en", &none).unwrap(), PO);
    }

    #[test]
    fn fills_msgstr_sets_the_header_and_drops_fuzzy() {
        let all = |e: &Entry| Some(format!("[fr] {}", e.text));
        let out = write(PO, "fr", &all).unwrap();
        assert!(out.contains("\"Language: fr\\n\"\n\"Content-Type: text/plain; charset=UTF-8\\n\"\n\"Plural-Forms: nplurals=2; plural=(n > 1);\\n\"\n"), "{out}");
        assert!(
            out.contains(
                "#, c-format\nmsgctxt \"menu\"\nmsgid \"Open %s\"\nmsgstr \"[fr] Open %s\"\n"
            ),
            "{out}"
        );
        assert!(
            out.contains("msgstr[0] \"[fr] %d file\"\nmsgstr[1] \"[fr] %d files\"\n"),
            "{out}"
        );
        assert!(
            out.contains(
                "#. The title bar\n#: src/main.c:12\nmsgid \"My app\"\nmsgstr \"[fr] My app\"\n"
            ),
            "{out}"
        );
        assert!(
            out.ends_with("#~ msgid \"gone\"\n#~ msgstr \"parti\"\n"),
            "{out}"
        );
        let ja = write(PO, "ja", &all).unwrap();
        assert!(
            ja.contains("msgstr[0] \"[fr] %d files\"\nmsgid")
                || ja.contains("msgstr[0] \"[fr] %d files\"\n\n"),
            "{ja}"
        );
        assert!(!ja.contains("msgstr[1]"), "{ja}");
        let ru = write(PO, "ru", &all).unwrap();
        assert!(ru.contains("msgstr[2] \"[fr] %d files\""), "{ru}");
    }

    #[test]
    fn entries_need_no_blank_line_between_them() {
        let e = parse("msgid \"a\"\nmsgstr \"\"\nmsgctxt \"c\"\nmsgid \"b\"\nmsgstr \"\"\nmsgid \"d\"\nmsgstr \"\"\n").unwrap();
        let keys: Vec<(&str, Option<&str>)> = e
            .iter()
            .map(|e| (e.key.as_str(), e.context.as_deref()))
            .collect();
        assert_eq!(keys, [("a", None), ("b", Some("c")), ("d", None)]);
    }

    #[test]
    fn keywords_out_of_order_are_errors() {
        let e = parse("msgid \"a\"\nmsgstr[0] \"\"\nmsgid_plural \"as\"\nmsgstr[1] \"\"\n")
            .unwrap_err();
        assert_eq!(e.line, 3, "{e}");
        let e = parse("msgstr \"x\"\n").unwrap_err();
        assert_eq!(e.line, 1, "{e}");
        let e = parse("msgid \"a\"\nmsgid \"b\"\nmsgstr \"\"\n").unwrap_err();
        assert_eq!(e.line, 2, "{e}");
    }

    #[test]
    fn errors_name_the_line() {
        let e = parse("msgid \"a\"\nmsgstr \"b\n").unwrap_err();
        assert_eq!(e.line, 2, "{e}");
        let e = parse("msgid \"a\"\nmsgtxt \"b\"\n").unwrap_err();
        assert_eq!(e.line, 2, "{e}");
        let e = parse("\n\"stray\"\n").unwrap_err();
        assert_eq!(e.line, 2, "{e}");
        let e = parse("msgid \"a\"\n\nmsgid \"b\"\nmsgstr \"\"\n").unwrap_err();
        assert_eq!(e.line, 1, "{e}");
    }
}

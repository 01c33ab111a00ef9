//! What the XML formats share: element positions from quick-xml (so targets are written by
//! splicing the source, keeping its comments and layout), and inline content as text.

use std::borrow::Cow;

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use super::FormatError;

/// An element of the file, by byte offsets into it.
#[derive(Debug, Clone)]
pub(super) struct Elem {
    /// Its name, with any prefix (`xliff:g`).
    pub name: String,
    /// Its attributes, unescaped.
    pub attrs: Vec<(String, String)>,
    /// Where `<name` starts.
    pub start: usize,
    /// Where its content starts (after the start tag).
    pub content_start: usize,
    /// Where its content ends (before the end tag).
    pub content_end: usize,
    /// Where the element ends (after the end tag).
    pub end: usize,
    /// The index of its parent element.
    pub parent: Option<usize>,
    /// 1-based line of its start.
    pub line: usize,
}

impl Elem {
    /// An attribute's value.
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

pub(super) fn line_of(text: &str, pos: usize) -> usize {
    text.as_bytes()[..pos.min(text.len())]
        .iter()
        .filter(|b| **b == b'\n')
        .count()
        + 1
}

fn attrs(e: &BytesStart<'_>, text: &str, pos: usize) -> Result<Vec<(String, String)>, FormatError> {
    let mut out = Vec::new();
    for a in e.attributes() {
        let a = a.map_err(|err| FormatError {
            line: line_of(text, pos),
            message: format!("bad attribute: {err}"),
        })?;
        let v = a
            .normalized_value(quick_xml::XmlVersion::Implicit1_0)
            .map_err(|err| FormatError {
                line: line_of(text, pos),
                message: format!("bad attribute: {err}"),
            })?;
        out.push((a.key.as_ref().to_string(), v.into_owned()));
    }
    Ok(out)
}

/// Every element of a well-formed XML file, in document order.
pub(super) fn scan(text: &str) -> Result<Vec<Elem>, FormatError> {
    let mut reader = Reader::from_str(text);
    reader.config_mut().check_end_names = true;
    let mut out: Vec<Elem> = Vec::new();
    let mut open: Vec<usize> = Vec::new();
    loop {
        let before = reader.buffer_position() as usize;
        let ev = reader.read_event().map_err(|e| FormatError {
            line: line_of(text, reader.error_position() as usize),
            message: format!("not well-formed XML: {e}"),
        })?;
        let after = reader.buffer_position() as usize;
        match ev {
            Event::Start(ref e) | Event::Empty(ref e) => {
                let empty = matches!(ev, Event::Empty(_));
                if text[before + 1..after].contains('<') {
                    return Err(FormatError {
                        line: line_of(text, before),
                        message: "not well-formed XML: '<' inside a tag".into(),
                    });
                }
                let elem = Elem {
                    name: e.name().as_ref().to_string(),
                    attrs: attrs(e, text, before)?,
                    start: before,
                    content_start: after,
                    content_end: after,
                    end: after,
                    parent: open.last().copied(),
                    line: line_of(text, before),
                };
                out.push(elem);
                if !empty {
                    open.push(out.len() - 1);
                }
            }
            Event::End(_) => {
                let i = open.pop().ok_or_else(|| FormatError {
                    line: line_of(text, before),
                    message: "unexpected end tag".into(),
                })?;
                out[i].content_end = before;
                out[i].end = after;
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if let Some(i) = open.last() {
        return Err(FormatError {
            line: out[*i].line,
            message: format!("<{}> is never closed", out[*i].name),
        });
    }
    Ok(out)
}

/// Inline content in pieces, as quick-xml reads it: markup (tags, comments, CDATA,
/// processing instructions; `true`) exactly as written, and character data (`false`), raw.
fn pieces(raw: &str, line: usize) -> Result<Vec<(bool, &str)>, FormatError> {
    let mut reader = Reader::from_str(raw);
    reader.config_mut().check_end_names = false;
    let mut out: Vec<(bool, usize, usize)> = Vec::new();
    loop {
        let before = reader.buffer_position() as usize;
        let ev = reader.read_event().map_err(|e| FormatError {
            line: line + line_of(raw, reader.error_position() as usize) - 1,
            message: format!("not well-formed XML: {e}"),
        })?;
        let after = reader.buffer_position() as usize;
        let markup = match ev {
            Event::Eof => break,
            Event::Start(_)
            | Event::End(_)
            | Event::Empty(_)
            | Event::Comment(_)
            | Event::CData(_)
            | Event::PI(_)
            | Event::Decl(_)
            | Event::DocType(_) => true,
            _ => false,
        };
        match out.last_mut() {
            // Character data arrives in several events (text, entity references): one piece.
            Some((false, _, end)) if !markup => *end = after,
            _ => out.push((markup, before, after)),
        }
    }
    Ok(out.into_iter().map(|(m, a, b)| (m, &raw[a..b])).collect())
}

/// The markup of inline content, exactly as written (to find it again in a translation).
pub(super) fn markup(raw: &str, line: usize) -> Result<Vec<String>, FormatError> {
    let mut tags: Vec<String> = pieces(raw, line)?
        .into_iter()
        .filter(|(m, _)| *m)
        .map(|(_, t)| t.to_string())
        .collect();
    // Longest first, so that a tag that starts another is not taken for it.
    tags.sort_by_key(|t| std::cmp::Reverse(t.len()));
    tags.dedup();
    Ok(tags)
}

/// Inline content as text: markup kept as written, character data unescaped (and passed
/// through `text_fn`, for a format's own escapes).
pub(super) fn inner_text(
    raw: &str,
    line: usize,
    text_fn: &dyn Fn(&str) -> String,
) -> Result<String, FormatError> {
    let mut out = String::new();
    for (is_markup, piece) in pieces(raw, line)? {
        if is_markup {
            out.push_str(piece);
        } else {
            out.push_str(&text_fn(&unescape(piece, line)?));
        }
    }
    Ok(out)
}

/// Character data unescaped, except `&lt;` and `&gt;`, which stay as they are: escaped
/// markup (Android's `&lt;b&gt;` for `Html.fromHtml`) must not come back as real tags.
fn unescape(s: &str, line: usize) -> Result<Cow<'_, str>, FormatError> {
    if !s.contains('&') {
        return Ok(Cow::Borrowed(s));
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find("&lt;").into_iter().chain(rest.find("&gt;")).min() {
        out.push_str(&unescape_all(&rest[..i], line)?);
        out.push_str(&rest[i..i + 4]);
        rest = &rest[i + 4..];
    }
    out.push_str(&unescape_all(rest, line)?);
    Ok(Cow::Owned(out))
}

/// Character data decoded; a `<` it decodes to (from `&#60;`, say) stays `&lt;`, so that
/// no decoded text can pass for a tag.
fn unescape_all(s: &str, line: usize) -> Result<Cow<'_, str>, FormatError> {
    let decoded = quick_xml::escape::unescape(s).map_err(|e| FormatError {
        line,
        message: format!("bad character reference: {e}"),
    })?;
    Ok(if decoded.contains('<') {
        Cow::Owned(decoded.replace('<', "&lt;"))
    } else {
        decoded
    })
}

/// Text back to inline content: the source's markup (`tags`, from [`markup`]) where the
/// text holds it, everything else passed through `text_fn` and escaped, so that what a
/// translator typed can never become markup.
pub(super) fn inner_xml(text: &str, tags: &[String], text_fn: &dyn Fn(&str) -> String) -> String {
    let mut out = String::new();
    let mut buf = String::new();
    let mut i = 0;
    while i < text.len() {
        let rest = &text[i..];
        if rest.starts_with('<')
            && let Some(tag) = tags.iter().find(|t| rest.starts_with(t.as_str()))
        {
            out.push_str(&escape_text(&text_fn(&buf)));
            buf.clear();
            out.push_str(tag);
            i += tag.len();
            continue;
        }
        let c = rest.chars().next().expect("not at the end");
        buf.push(c);
        i += c.len_utf8();
    }
    out.push_str(&escape_text(&text_fn(&buf)));
    out
}

/// Character data escaped: `&` (but not the `&lt;` / `&gt;` that [`unescape`] keeps) and `<`.
fn escape_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for (i, c) in s.char_indices() {
        match c {
            '&' if s[i..].starts_with("&lt;") || s[i..].starts_with("&gt;") => out.push('&'),
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            c => out.push(c),
        }
    }
    out
}

/// Replaces byte ranges of `text` (sorted, not overlapping) with new strings.
pub(super) fn splice(text: &str, mut edits: Vec<(usize, usize, String)>) -> String {
    edits.sort_by_key(|e| e.0);
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for (from, to, with) in edits {
        if from < at {
            continue;
        }
        out.push_str(&text[at..from]);
        out.push_str(&with);
        at = to;
    }
    out.push_str(&text[at..]);
    out
}

/// The range of a whole element with its line: from the start of its line (when only
/// whitespace precedes it) to after the line break that follows it.
pub(super) fn whole_lines(text: &str, e: &Elem) -> (usize, usize) {
    let before = &text[..e.start];
    let line_start = before.rfind('\n').map(|i| i + 1).unwrap_or(0);
    let start = if before[line_start..].trim().is_empty() {
        line_start
    } else {
        e.start
    };
    let rest = &text[e.end..];
    let end = match rest.find('\n') {
        Some(i) if rest[..i].trim().is_empty() && start == line_start => e.end + i + 1,
        _ => e.end,
    };
    (start, end)
}

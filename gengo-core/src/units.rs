//! Counting a text's units as Gengo bills them.
//!
//! Word languages are billed per word, character languages (Japanese, Chinese,
//! Korean) per character, and text inside `[[[ ... ]]]` is neither translated nor
//! counted. Gengo does not publish its exact tokeniser; this one reproduces every
//! published count ("plop!" = 1, "plop plop!" = 2, "First test." = 2, "This is a short
//! story" = 5) and is shared by the client's estimates and the sandbox, so both agree.

use crate::models::UnitType;

/// Language codes Gengo counts in characters.
pub const CHARACTER_LANGUAGES: &[&str] = &["ja", "zh", "zh-tw", "zh-hk", "ko"];

/// How Gengo counts text in language `lc`.
pub fn unit_type_of(lc: &str) -> UnitType {
    let lc = lc.trim().to_ascii_lowercase();
    if CHARACTER_LANGUAGES.contains(&lc.as_str()) {
        UnitType::Character
    } else {
        UnitType::Word
    }
}

/// The text with every `[[[ ... ]]]` section removed. An unclosed `[[[` keeps the
/// rest of the text (see [`unclosed_escape`]).
pub fn strip_escaped(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("[[[") {
        match rest[start + 3..].find("]]]") {
            Some(end) => {
                out.push_str(&rest[..start]);
                out.push(' ');
                rest = &rest[start + 3 + end + 3..];
            }
            None => break,
        }
    }
    out.push_str(rest);
    out
}

/// The byte offset of the first `[[[` that has no closing `]]]`, if any.
pub fn unclosed_escape(text: &str) -> Option<usize> {
    // Most texts have no `[` at all: one byte scan instead of a substring searcher.
    if !text.as_bytes().contains(&b'[') {
        return None;
    }
    let mut offset = 0;
    let mut rest = text;
    while let Some(start) = rest.find("[[[") {
        match rest[start + 3..].find("]]]") {
            Some(end) => {
                let skip = start + 3 + end + 3;
                offset += skip;
                rest = &rest[skip..];
            }
            None => return Some(offset + start),
        }
    }
    None
}

/// Counts `text` in the given unit type.
pub fn count(text: &str, unit_type: &UnitType) -> u64 {
    let text = strip_escaped(text);
    match unit_type {
        UnitType::Character => text
            .chars()
            .filter(|c| !c.is_whitespace() && !is_punctuation(*c))
            .count() as u64,
        _ => text
            .split_whitespace()
            .filter(|w| w.chars().any(char::is_alphanumeric))
            .count() as u64,
    }
}

/// Counts `text` as Gengo bills it for source language `lc_src`.
pub fn count_for(text: &str, lc_src: &str) -> u64 {
    count(text, &unit_type_of(lc_src))
}

fn is_punctuation(c: char) -> bool {
    c.is_ascii_punctuation()
        || matches!(c,
            '\u{3000}'..='\u{303F}'   // CJK symbols and punctuation (、。「」...)
            | '\u{FF01}'..='\u{FF0F}' // fullwidth ！＂＃...／
            | '\u{FF1A}'..='\u{FF20}'
            | '\u{FF3B}'..='\u{FF40}'
            | '\u{FF5B}'..='\u{FF65}'
            | '\u{2010}'..='\u{2027}' // dashes, quotes, ellipsis
            | '\u{30FB}'              // katakana middle dot
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn published_word_counts() {
        assert_eq!(count_for("plop!", "en"), 1);
        assert_eq!(count_for("plop plop!", "en"), 2);
        assert_eq!(count_for("First test.", "en"), 2);
        assert_eq!(count_for("This is a short story", "en"), 5);
        assert_eq!(count_for("This is a short story as well", "en"), 7);
    }

    #[test]
    fn escaped_text_is_not_counted() {
        assert_eq!(
            count_for("My teacher gave us [[[ 7 apples ]]] today.", "en"),
            5
        );
        assert_eq!(count_for("[[[Brand]]]-free", "en"), 1);
        assert_eq!(count_for("これは[[[Gengo]]]です。", "ja"), 5);
    }

    #[test]
    fn characters_skip_space_and_punctuation() {
        assert_eq!(count_for("日本語 テキスト", "ja"), 7);
        assert_eq!(count_for("これはテキストです。", "ja"), 9);
        assert_eq!(count_for("你好，世界！", "zh"), 4);
        assert_eq!(count_for("", "ja"), 0);
        assert_eq!(count_for(" -- ", "en"), 0);
    }

    #[test]
    fn unclosed_escapes_are_found() {
        assert_eq!(unclosed_escape("a [[[b]]] c"), None);
        assert_eq!(unclosed_escape("a [[[b"), Some(2));
        assert_eq!(unclosed_escape("[[[x]]] and [[[y"), Some(12));
        assert_eq!(unclosed_escape("no escapes"), None);
    }
}

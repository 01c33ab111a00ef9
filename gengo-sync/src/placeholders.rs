//! Placeholders and markup, protected with Gengo's `[[[ ]]]` so translators leave them alone
//! (and they are not counted as units), and checked on the way back.
//!
//! Recognised: printf (`%s`, `%1$d`, `%@`, `%.2f`), `{name}`, `{{count}}`, `%{name}`, and HTML
//! tags (`<b>`, `</b>`, `<br/>`, `<a href="...">`).

use std::collections::BTreeMap;
use std::sync::OnceLock;

use regex::Regex;

fn pattern() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(concat!(
            r"\{\{[^{}]*\}\}",                                               // {{count}}
            r"|%\{[^{}]*\}",                                                 // %{name}
            r"|\{[A-Za-z0-9_.]+\}",                                          // {name}, {0}
            r"|%(?:\d+\$)?[-+ 0#]*\d*(?:\.\d+)?(?:ll|l|h)?[sdifuxXoeEgGc@]", // printf
            r"|</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>",                    // HTML tags
        ))
        .expect("the placeholder pattern compiles")
    })
}

/// The placeholders of `text`, in order.
pub fn find(text: &str) -> Vec<&str> {
    pattern().find_iter(text).map(|m| m.as_str()).collect()
}

/// `text` with each placeholder wrapped in `[[[ ]]]` (text already holding `[[[` is left
/// as it is: the author marked it).
pub fn protect(text: &str) -> String {
    if text.contains("[[[") {
        return text.to_string();
    }
    pattern().replace_all(text, "[[[$0]]]").into_owned()
}

/// A translation with the `[[[ ]]]` markers removed.
pub fn unprotect(text: &str) -> String {
    text.replace("[[[", "").replace("]]]", "")
}

/// Whether the translation's placeholders equal the source's, as a multiset; the error
/// says what differs.
pub fn check(source: &str, translation: &str) -> Result<(), String> {
    let count = |t: &str| {
        let mut m: BTreeMap<String, i64> = BTreeMap::new();
        for p in find(t) {
            *m.entry(p.to_string()).or_default() += 1;
        }
        m
    };
    let (a, b) = (count(source), count(translation));
    if a == b {
        return Ok(());
    }
    let mut missing = Vec::new();
    let mut extra = Vec::new();
    for (p, n) in &a {
        let d = n - b.get(p).copied().unwrap_or(0);
        if d > 0 {
            missing.push(format!("{p} x{d}"));
        }
    }
    for (p, n) in &b {
        let d = n - a.get(p).copied().unwrap_or(0);
        if d > 0 {
            extra.push(format!("{p} x{d}"));
        }
    }
    Err(format!(
        "placeholders differ from the source (missing: {}; extra: {})",
        if missing.is_empty() {
            "none".into()
        } else {
            missing.join(", ")
        },
        if extra.is_empty() {
            "none".into()
        } else {
            extra.join(", ")
        }
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_every_kind() {
        let t = "Hi %s, %1$d of %2$s: {name} {{count}} %{user} %@ <b>bold</b><br/> 100%";
        assert_eq!(
            find(t),
            vec![
                "%s",
                "%1$d",
                "%2$s",
                "{name}",
                "{{count}}",
                "%{user}",
                "%@",
                "<b>",
                "</b>",
                "<br/>"
            ]
        );
    }

    #[test]
    fn protects_and_unprotects() {
        let p = protect("Hello {name}, you have {{count}} <b>new</b> messages");
        assert_eq!(
            p,
            "Hello [[[{name}]]], you have [[[{{count}}]]] [[[<b>]]]new[[[</b>]]] messages"
        );
        assert_eq!(
            unprotect(&p),
            "Hello {name}, you have {{count}} <b>new</b> messages"
        );
        assert_eq!(protect("no placeholders"), "no placeholders");
    }

    #[test]
    fn checks_as_a_multiset() {
        assert!(check("%s and %s", "%s et %s").is_ok());
        assert!(check("{a} {b}", "{b} {a}").is_ok());
        let e = check("%s and %s", "%s").unwrap_err();
        assert!(e.contains("missing: %s x1"), "{e}");
        let e = check("{name}", "{nom}").unwrap_err();
        assert!(
            e.contains("missing: {name} x1") && e.contains("extra: {nom} x1"),
            "{e}"
        );
    }
}

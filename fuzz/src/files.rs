//! The `formats` target: gengo sync's file formats.

/// Byte 0 picks the format; the rest is a source file. A file that parses must write back
/// (every string its own translation, and nothing translated) into files that parse again,
/// with the same strings when every string is its own translation.
pub fn formats(data: &[u8]) {
    use gengo_sync::formats::{Entry, Format};
    const ALL: [Format; 5] = [
        Format::Json,
        Format::RailsYaml,
        Format::Po,
        Format::Android,
        Format::Xliff,
    ];
    let Some((&b, rest)) = data.split_first() else {
        return;
    };
    let format = ALL[b as usize % ALL.len()];
    let text = String::from_utf8_lossy(rest);
    let Ok(entries) = format.parse(&text, "en") else {
        return;
    };
    let same = |e: &Entry| Some(e.text.clone());
    let written = format
        .write(&text, "en", "en", &same)
        .expect("a parsed file writes back");
    let again = format
        .parse(&written, "en")
        .unwrap_or_else(|e| panic!("written file does not parse: {e}\n{written}"));
    let pairs = |v: &[Entry]| {
        v.iter()
            .map(|e| (e.key.clone(), e.context.clone(), e.text.clone()))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        pairs(&again),
        pairs(&entries),
        "strings changed on the way back:\n{written}"
    );
    let none = |_: &Entry| None;
    let empty = format
        .write(&text, "en", "ja", &none)
        .expect("a parsed file writes back untranslated");
    if format != Format::RailsYaml {
        format
            .parse(&empty, "ja")
            .unwrap_or_else(|e| panic!("untranslated file does not parse: {e}\n{empty}"));
    }
}

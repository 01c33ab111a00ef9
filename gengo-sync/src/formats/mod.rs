//! Localisation file formats: each parses a source file into entries and writes a target
//! file in the same shape, with translated entries only.

mod android;
mod json;
mod po;
mod xliff;
mod xml;
mod yaml;

use std::fmt;

/// One translatable string of a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// Its key: the path of object keys joined by `.` (a `.` inside a key is written `\.`).
    pub key: String,
    /// A disambiguating context (gettext's `msgctxt`), when the format has one.
    pub context: Option<String>,
    /// The source text.
    pub text: String,
    /// The 1-based line it starts on, when the parser knows it (0 otherwise).
    pub line: usize,
}

/// A file that cannot be read as its format says, with the line when known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormatError {
    /// 1-based line, 0 when unknown.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for FormatError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line > 0 {
            write!(f, "line {}: {}", self.line, self.message)
        } else {
            f.write_str(&self.message)
        }
    }
}

/// Looks up the translation of an entry (`None`: not translated yet).
pub type Lookup<'a> = &'a dyn Fn(&Entry) -> Option<String>;

/// A localisation file format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Flat or nested JSON (i18next: plural keys such as `key_one` / `key_other` are keys).
    Json,
    /// Rails YAML: the locale is the root key (`en:`), written back under the target's.
    RailsYaml,
    /// gettext PO (`msgctxt`, plurals, comments, flags).
    Po,
    /// Android `strings.xml` (`string`, `plurals`, `string-array`).
    Android,
    /// XLIFF 1.2 or 2.0.
    Xliff,
}

impl Format {
    /// The names `format = "..."` accepts.
    pub const NAMES: &'static [&'static str] = &["json", "yaml", "po", "android", "xliff"];

    /// The format named `name` (`json`, `i18next`, `yaml`, `yml`, `rails`).
    pub fn from_name(name: &str) -> Option<Format> {
        match name.to_ascii_lowercase().as_str() {
            "json" | "i18next" => Some(Format::Json),
            "yaml" | "yml" | "rails" => Some(Format::RailsYaml),
            "po" | "pot" | "gettext" => Some(Format::Po),
            "android" | "xml" => Some(Format::Android),
            "xliff" | "xlf" => Some(Format::Xliff),
            _ => None,
        }
    }

    /// The format of a path, from its extension.
    pub fn from_path(path: &str) -> Option<Format> {
        let ext = path.rsplit_once('.')?.1;
        Format::from_name(ext)
    }

    /// The entries of a source file, in file order.
    pub fn parse(self, text: &str, lang: &str) -> Result<Vec<Entry>, FormatError> {
        match self {
            Format::Json => json::parse(text),
            Format::RailsYaml => yaml::parse(text, lang),
            Format::Po => po::parse(text),
            Format::Android => android::parse(text),
            Format::Xliff => xliff::parse(text),
        }
    }

    /// A target file: the source's shape with each entry's translation; untranslated
    /// entries are left out.
    pub fn write(
        self,
        source: &str,
        source_lang: &str,
        target_lang: &str,
        lookup: Lookup<'_>,
    ) -> Result<String, FormatError> {
        match self {
            Format::Json => json::write(source, lookup),
            Format::RailsYaml => yaml::write(source, source_lang, target_lang, lookup),
            Format::Po => po::write(source, target_lang, lookup),
            Format::Android => android::write(source, lookup),
            Format::Xliff => xliff::write(source, target_lang, lookup),
        }
    }
}

/// Gives entries parsed from a tree (which keeps no positions) their lines: each the first
/// line, after the previous entry's, that holds `needle(entry)`.
pub(crate) fn assign_lines(entries: &mut [Entry], text: &str, needle: impl Fn(&Entry) -> String) {
    let lines: Vec<&str> = text.lines().collect();
    let mut from = 0;
    for e in entries {
        let n = needle(e);
        if let Some(i) = lines.iter().skip(from).position(|l| l.contains(&n)) {
            from += i;
            e.line = from + 1;
        }
    }
}

/// Joins key segments with `.`, escaping `.` and `\` inside a segment.
pub(crate) fn join_key(path: &[String]) -> String {
    path.iter()
        .map(|s| s.replace('\\', "\\\\").replace('.', "\\."))
        .collect::<Vec<_>>()
        .join(".")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_by_extension() {
        assert_eq!(
            Format::from_path("config/locales/en.yml"),
            Some(Format::RailsYaml)
        );
        assert_eq!(
            Format::from_path("public/locales/en/common.json"),
            Some(Format::Json)
        );
        assert_eq!(Format::from_path("a.txt"), None);
        assert_eq!(Format::from_path("po/fr.po"), Some(Format::Po));
        assert_eq!(
            Format::from_path("res/values/strings.xml"),
            Some(Format::Android)
        );
        assert_eq!(Format::from_path("i18n/messages.xlf"), Some(Format::Xliff));
        assert_eq!(join_key(&["a.b".into(), "c".into()]), "a\\.b.c");
    }
}

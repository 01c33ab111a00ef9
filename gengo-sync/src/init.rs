//! `gengo sync init`: finds the locale files of the formats gengo-sync reads and writes a
//! `gengo-sync.toml` for them (never over an existing one).
//!
//! A source file is found by the source language in its path, in the layouts the common
//! frameworks use: `locales/en.json`, `config/locales/devise.en.yml`, `locales/en/app.json`
//! (i18next), `locale/en/LC_MESSAGES/django.po`, `po/messages.pot` (a template: targets
//! `po/{lang}.po`), `res/values/strings.xml` (Android), `i18n/messages.en.xlf`. Target
//! languages are the ones given, else the ones whose files already sit beside the source's.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::formats::Format;
use crate::{Error, Result};

/// What `init` is told.
#[derive(Debug, Clone, Default)]
pub struct InitOptions {
    /// The source language (`en` when empty).
    pub source_language: String,
    /// The languages to order; when empty, the ones found beside the source files.
    pub target_languages: Vec<String>,
    /// The tier (`standard` when empty).
    pub tier: String,
    /// A project identity to write (see [`crate::Project::identity`]).
    pub project: Option<String>,
}

/// A locale file found: the source and the target pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// The source file, relative to the root, with `/` separators.
    pub source: String,
    /// Its targets: the path with `{lang}`.
    pub target: String,
    /// Languages whose target files exist already.
    pub languages: BTreeSet<String>,
}

/// What `init` wrote.
#[derive(Debug, Clone)]
pub struct InitReport {
    /// The config written.
    pub path: PathBuf,
    /// The locale files it lists.
    pub files: Vec<Found>,
    /// The target languages it lists.
    pub target_languages: Vec<String>,
}

/// Folders never searched.
const SKIP: &[&str] = &[
    "node_modules",
    "target",
    "vendor",
    "build",
    "dist",
    "venv",
    "__pycache__",
    "Pods",
];

/// How deep the search goes.
const MAX_DEPTH: usize = 8;

/// Whether `s` reads as a language code (`ja`, `fr`, `pt-br`, `zh-tw`, `es-419`).
fn is_lang(s: &str) -> bool {
    let mut parts = s.split('-');
    let first = parts.next().unwrap_or_default();
    (2..=3).contains(&first.len())
        && first.bytes().all(|b| b.is_ascii_lowercase())
        && parts.all(|p| (2..=4).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

fn walk(root: &Path, dir: &Path, depth: usize, out: &mut Vec<String>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = rd.flatten().collect();
    entries.sort_by_key(|e| e.file_name());
    for e in entries {
        let name = e.file_name().to_string_lossy().into_owned();
        let path = e.path();
        let Ok(ft) = e.file_type() else { continue };
        if ft.is_dir() {
            if depth < MAX_DEPTH && !name.starts_with('.') && !SKIP.contains(&name.as_str()) {
                walk(root, &path, depth + 1, out);
            }
        } else if ft.is_file()
            && let Ok(rel) = path.strip_prefix(root)
        {
            out.push(
                rel.components()
                    .map(|c| c.as_os_str().to_string_lossy())
                    .collect::<Vec<_>>()
                    .join("/"),
            );
        }
    }
}

/// The target pattern of `path` when it is a source file of `src` (by its layout).
fn pattern(path: &str, src: &str) -> Option<String> {
    let (dir, name) = match path.rsplit_once('/') {
        Some((d, n)) => (format!("{d}/"), n),
        None => (String::new(), path),
    };
    let (stem, ext) = name.rsplit_once('.')?;
    Format::from_path(name)?;
    if ext == "xml" {
        // Android: res/values/strings.xml -> res/values-{lang}/strings.xml.
        let parent = dir.trim_end_matches('/');
        let (above, last) = parent.rsplit_once('/').unwrap_or(("", parent));
        let above = if above.is_empty() {
            String::new()
        } else {
            format!("{above}/")
        };
        return (last == "values" && name == "strings.xml")
            .then(|| format!("{above}values-{{lang}}/{name}"));
    }
    if ext == "pot" {
        return Some(format!("{dir}{{lang}}.po"));
    }
    if stem == src {
        return Some(format!("{dir}{{lang}}.{ext}"));
    }
    if let Some(prefix) = stem.strip_suffix(&format!(".{src}")) {
        return Some(format!("{dir}{prefix}.{{lang}}.{ext}"));
    }
    let segs: Vec<&str> = path.split('/').collect();
    let i = segs[..segs.len() - 1].iter().rposition(|s| *s == src)?;
    let mut t = segs.clone();
    t[i] = "{lang}";
    Some(t.join("/"))
}

/// The language of `path` when it is a target of `pattern`.
fn lang_of(path: &str, pattern: &str) -> Option<String> {
    let (pre, post) = pattern.split_once("{lang}")?;
    let lang = path.strip_prefix(pre)?.strip_suffix(post)?;
    is_lang(lang).then(|| lang.to_string())
}

/// Finds the source files of `source_language` under `root` (and the languages of the
/// targets beside them).
pub fn detect(root: &Path, source_language: &str) -> Vec<Found> {
    let mut files = Vec::new();
    walk(root, root, 0, &mut files);
    let mut out: Vec<Found> = Vec::new();
    for f in &files {
        let Some(target) = pattern(f, source_language) else {
            continue;
        };
        if out.iter().any(|x| x.source == *f || x.target == target) {
            continue;
        }
        // Only files that read as their format (a `{lang}` path of ours, a locale file).
        let Some(format) = Format::from_path(f) else {
            continue;
        };
        let Ok(text) = std::fs::read_to_string(root.join(f)) else {
            continue;
        };
        if !format
            .parse(&text, source_language)
            .is_ok_and(|e| !e.is_empty())
        {
            continue;
        }
        let languages = files
            .iter()
            .filter(|g| *g != f)
            .filter_map(|g| lang_of(g, &target))
            .filter(|l| l != source_language)
            .collect();
        out.push(Found {
            source: f.clone(),
            target,
            languages,
        });
    }
    out
}

fn quote(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_default()
}

/// Writes `config_path` for the locale files found under its folder; refuses when the
/// file exists or nothing is found.
pub fn init(config_path: &Path, opts: &InitOptions) -> Result<InitReport> {
    if config_path.exists() {
        return Err(Error::input(format!(
            "{} exists; nothing was written (edit it, or remove it to start again)",
            config_path.display()
        )));
    }
    let root = match config_path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let src = if opts.source_language.is_empty() {
        "en".to_string()
    } else {
        opts.source_language.clone()
    };
    let files = detect(&root, &src);
    if files.is_empty() {
        return Err(Error::input(format!(
            "no locale file of source language {src:?} found under {} (json, yaml, po/pot, Android strings.xml, \
             xliff named by the language, such as locales/{src}.json); nothing was written",
            root.display()
        )));
    }
    let targets: Vec<String> = if opts.target_languages.is_empty() {
        files
            .iter()
            .flat_map(|f| f.languages.iter().cloned())
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect()
    } else {
        opts.target_languages.clone()
    };
    if targets.is_empty() {
        return Err(Error::input(
            "no translated locale files found beside the sources: say which languages to order (--target ja,fr); \
             nothing was written",
        ));
    }
    let tier = if opts.tier.is_empty() {
        "standard"
    } else {
        &opts.tier
    };
    let mut text = String::from(
        "# gengo-sync.toml: what `gengo sync` orders from Gengo and where translations go.\n\
         # Written by `gengo sync init`; commit it. Nothing else needs committing: every job\n\
         # carries a marker, so any checkout (a CI runner, months later) finds what was ordered.\n",
    );
    text.push_str(&format!("source_language = {}\n", quote(&src)));
    text.push_str(&format!(
        "target_languages = [{}]\n",
        targets
            .iter()
            .map(|t| quote(t))
            .collect::<Vec<_>>()
            .join(", ")
    ));
    text.push_str(&format!("tier = {}\n", quote(tier)));
    match &opts.project {
        Some(p) => text.push_str(&format!("project = {}\n", quote(p))),
        None => text.push_str(
            "# Keeps this project's jobs apart from another project's on the same Gengo account;\n\
             # set it before the first push and never change it.\n# project = \"my-app\"\n",
        ),
    }
    for f in &files {
        text.push_str(&format!(
            "\n[[files]]\nsource = {}\ntarget = {}\n",
            quote(&f.source),
            quote(&f.target)
        ));
    }
    // Check it reads back before writing it.
    let tmp = root.join(".gengo-sync.toml.init");
    std::fs::write(&tmp, &text).map_err(|e| Error::input(format!("{}: {e}", tmp.display())))?;
    let checked = crate::Config::load(&tmp);
    let _ = std::fs::remove_file(&tmp);
    checked?;
    // create_new: never over a file that appeared meanwhile.
    use std::io::Write;
    let mut out = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(config_path)
        .map_err(|e| {
            Error::input(format!(
                "{}: {e}; nothing was written",
                config_path.display()
            ))
        })?;
    out.write_all(text.as_bytes())
        .map_err(|e| Error::input(format!("{}: {e}", config_path.display())))?;
    Ok(InitReport {
        path: config_path.to_path_buf(),
        files,
        target_languages: targets,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layouts_give_their_target_patterns() {
        let cases = [
            ("locales/en.json", Some("locales/{lang}.json")),
            (
                "config/locales/devise.en.yml",
                Some("config/locales/devise.{lang}.yml"),
            ),
            (
                "public/locales/en/translation.json",
                Some("public/locales/{lang}/translation.json"),
            ),
            (
                "locale/en/LC_MESSAGES/django.po",
                Some("locale/{lang}/LC_MESSAGES/django.po"),
            ),
            ("po/messages.pot", Some("po/{lang}.po")),
            (
                "app/src/main/res/values/strings.xml",
                Some("app/src/main/res/values-{lang}/strings.xml"),
            ),
            ("res/values/colors.xml", None),
            ("i18n/messages.en.xlf", Some("i18n/messages.{lang}.xlf")),
            ("en.yml", Some("{lang}.yml")),
            ("package.json", None),
            ("docs/readme.md", None),
        ];
        for (path, want) in cases {
            assert_eq!(pattern(path, "en").as_deref(), want, "{path}");
        }
        assert_eq!(
            lang_of("locales/pt-br.json", "locales/{lang}.json").as_deref(),
            Some("pt-br")
        );
        assert_eq!(lang_of("locales/index.json", "locales/{lang}.json"), None);
        assert_eq!(
            lang_of("res/values-fr/strings.xml", "res/values-{lang}/strings.xml").as_deref(),
            Some("fr")
        );
    }
}

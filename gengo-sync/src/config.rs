//! `gengo-sync.toml`: the project's languages, tier and files.

use std::path::Path;

use serde::Deserialize;

use crate::formats::Format;
use crate::{Error, Result};

/// The project file, `gengo-sync.toml` at the project's root.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// The language of the source files (`en`).
    pub source_language: String,
    /// The languages to order (`["ja", "fr-ca"]`); each names its target files (`{lang}`).
    pub target_languages: Vec<String>,
    /// `standard`, `pro`, or `machine` (free; a dry run of the whole pipeline).
    #[serde(default = "default_tier")]
    pub tier: String,
    /// Jobs per order: larger pushes are sent as several orders.
    #[serde(default = "default_jobs_per_order")]
    pub jobs_per_order: usize,
    /// Instructions for the translators, sent with every order.
    #[serde(default)]
    pub comment: Option<String>,
    /// The project's name in each job's marker (default: one made up when the state is
    /// created). Two checkouts of one project that share a Gengo account should set it.
    #[serde(default)]
    pub project: Option<String>,
    /// The files.
    pub files: Vec<FileSpec>,
}

/// One source file and where its translations go.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileSpec {
    /// The source file, relative to the project's root.
    pub source: String,
    /// The target files: the path with `{lang}` in it.
    pub target: String,
    /// The format, when the extension does not say (`json`, `yaml`).
    #[serde(default)]
    pub format: Option<String>,
}

fn default_tier() -> String {
    "standard".into()
}

fn default_jobs_per_order() -> usize {
    200
}

/// The most jobs one order may carry here (Gengo accepts large orders; chunks keep each
/// request and each quote small).
pub const MAX_JOBS_PER_ORDER: usize = 1000;

impl FileSpec {
    /// The format: `format`, else from the source's extension.
    pub fn format(&self) -> Result<Format> {
        match &self.format {
            Some(name) => Format::from_name(name).ok_or_else(|| {
                Error::input(format!(
                    "{}: unknown format {name:?} (known: {})",
                    self.source,
                    Format::NAMES.join(", ")
                ))
            }),
            None => Format::from_path(&self.source).ok_or_else(|| {
                Error::input(format!(
                    "{}: cannot tell the format from the extension; set format = \"...\" ({})",
                    self.source,
                    Format::NAMES.join(", ")
                ))
            }),
        }
    }

    /// The target path for `lang`.
    pub fn target_for(&self, lang: &str) -> String {
        self.target.replace("{lang}", lang)
    }
}

impl Config {
    /// Reads and checks `path`.
    pub fn load(path: &Path) -> Result<Config> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| Error::input(format!("{}: {e}", path.display())))?;
        let config: Config = toml::from_str(&text).map_err(|e| {
            let line = e
                .span()
                .map(|s| text[..s.start.min(text.len())].lines().count().max(1))
                .unwrap_or(0);
            Error::input(format!("{}: line {line}: {}", path.display(), e.message()))
        })?;
        config.check(path)?;
        Ok(config)
    }

    fn check(&self, path: &Path) -> Result<()> {
        let bad = |m: String| Err(Error::input(format!("{}: {m}", path.display())));
        if self.target_languages.is_empty() {
            return bad("target_languages is empty".into());
        }
        if self
            .target_languages
            .iter()
            .any(|l| l == &self.source_language)
        {
            return bad("target_languages must not include the source_language".into());
        }
        if !(1..=MAX_JOBS_PER_ORDER).contains(&self.jobs_per_order) {
            return bad(format!(
                "jobs_per_order must be from 1 to {MAX_JOBS_PER_ORDER}"
            ));
        }
        if !["standard", "pro", "machine"].contains(&self.tier.as_str()) {
            return bad(format!(
                "tier must be standard, pro or machine, not {:?}",
                self.tier
            ));
        }
        if self.files.is_empty() {
            return bad("no [[files]]".into());
        }
        for f in &self.files {
            if !f.target.contains("{lang}") {
                return bad(format!("target {:?} has no {{lang}}", f.target));
            }
            f.format()?;
        }
        Ok(())
    }
}

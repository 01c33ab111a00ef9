//! `gengo sync`: localisation files in, human translations out, every string ordered from
//! Gengo exactly once per source text and language, from any checkout, any runner, any
//! month, even when the process is killed.
//!
//! A [`Project`] reads `gengo-sync.toml` and parses the source files ([`formats`]).
//! [`Project::push`] orders what is new or changed; [`Project::status`] and
//! [`Project::pull`] fetch what came back and write the target files; [`init`] writes a
//! `gengo-sync.toml` for the locale files it finds.
//!
//! # Gengo is the truth
//!
//! Gengo has no project of its own, so every job carries a marker in `custom_data`
//! (`gengo-sync/1 PROJECT ID HASH LANG`: the project identity, the string's identity
//! (file, key, context) and source-text hash, the language). The account's jobs and their
//! markers are the durable state; `.gengo/sync.db` is a cache of what this checkout has
//! read of them ([`account`]), and a checkout without it (a CI runner, another machine,
//! months later) reads the account before it orders anything. The project identity is the
//! config's `project`, or [`project::DEFAULT_PROJECT`]: nothing the tool writes needs to be
//! committed for two checkouts to agree. How concurrent runs and killed runs order each
//! string once is in [`push`].

pub mod account;
pub mod config;
mod error;
pub mod formats;
pub mod init;
pub mod placeholders;
pub mod project;
pub mod pull;
pub mod push;
pub mod state;

use gengo_core::Decimal;
use serde_json::Value;

pub use config::{Config, FileSpec};
pub use error::{Error, Result};
pub use project::{MARKER, Project, SourceString};

/// What [`Project::push`] did or would do.
#[derive(Debug, Default, Clone, serde::Serialize)]
pub struct PushReport {
    /// Jobs to order (new or changed strings x languages) this run.
    pub jobs: usize,
    /// Their total price, as quoted.
    #[serde(serialize_with = "as_text")]
    pub quoted_credits: Decimal,
    /// Orders placed this run.
    pub orders: Vec<u64>,
    /// Jobs placed this run.
    pub ordered_jobs: usize,
    /// Jobs of this checkout's interrupted runs found at Gengo.
    pub reconciled_jobs: usize,
    /// Jobs of this project found at Gengo that this checkout's cache did not know
    /// (ordered from another checkout, or by a run whose cache was lost).
    pub found_jobs: usize,
    /// Jobs that a concurrent run ordered first (Gengo refused this run's identical order
    /// as a duplicate, and its jobs were found).
    pub concurrent_jobs: usize,
    /// Jobs of the account read to learn what it holds.
    pub read_jobs: usize,
    /// Jobs that runs with different edits ordered twice at the same time, canceled
    /// (and refunded) while still available.
    pub canceled_duplicates: usize,
    /// Whether nothing was ordered because `dry_run` was set.
    pub dry_run: bool,
}

/// Options of [`Project::push`].
#[derive(Debug, Clone)]
pub struct PushOptions {
    /// Quote and stop.
    pub dry_run: bool,
    /// Refuse to order when the quote is above this.
    pub max_credits: Option<Decimal>,
    /// How long to wait for the jobs of an order Gengo refused as a duplicate (another
    /// run placed the same order) to appear (default 5 minutes).
    pub duplicate_wait: std::time::Duration,
    /// Order under the config's project identity even though this checkout's cache
    /// recorded another (see [`Project::identity`]).
    pub new_project: bool,
}

impl Default for PushOptions {
    fn default() -> Self {
        PushOptions {
            dry_run: false,
            max_credits: None,
            duplicate_wait: std::time::Duration::from_secs(300),
            new_project: false,
        }
    }
}

/// Progress of a long push or pull, for a progress bar.
#[derive(Debug, Clone)]
pub enum Progress {
    /// `done` of `total` jobs ordered.
    Ordered {
        /// Jobs ordered so far.
        done: usize,
        /// Jobs to order.
        total: usize,
    },
    /// `done` of `total` jobs of the account read.
    Scanned {
        /// Jobs read so far.
        done: usize,
        /// Jobs to read.
        total: usize,
    },
}

/// Per-language counts of [`Project::status`].
#[derive(Debug, Default, Clone, serde::Serialize, PartialEq, Eq)]
pub struct LangStatus {
    /// Strings never ordered in their current text.
    pub untranslated: usize,
    /// Ordered, not yet taken by a translator (queued, available, or not yet seen).
    pub ordered: usize,
    /// A translator is on it (pending, revising).
    pub in_progress: usize,
    /// Translated, waiting for review.
    pub reviewable: usize,
    /// Approved, not yet written.
    pub approved: usize,
    /// Approved and in the target file.
    pub written: usize,
    /// Cannot be written (placeholders differ), or rejected / canceled.
    pub failed: usize,
}

/// What [`Project::status`] reports.
#[derive(Debug, Default, Clone, serde::Serialize)]
pub struct Status {
    /// Per target language, in the config's order.
    pub languages: Vec<(String, LangStatus)>,
    /// Credits charged for the project's orders.
    #[serde(serialize_with = "as_text")]
    pub credits_spent: Decimal,
    /// Strings whose translation cannot be written, and why.
    pub problems: Vec<String>,
    /// Orders sent but not yet confirmed (interrupted runs); `push` reconciles them.
    pub unconfirmed_orders: usize,
    /// Strings ordered more than once (by concurrent runs with different edits).
    pub duplicates: usize,
    /// The project as a whole, for a CI step to act on.
    pub state: SyncState,
}

/// The project as a whole ([`Status::state`]); the `gengo sync status` exit code.
#[derive(Debug, Default, Clone, Copy, serde::Serialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum SyncState {
    /// Every string of every language is approved (exit 0).
    #[default]
    Done,
    /// Jobs are with Gengo, a translator or waiting for review (exit 4).
    Pending,
    /// Some strings were never ordered: run `push` (exit 5).
    Untranslated,
    /// Some translations cannot be written (placeholders differ, rejected or canceled
    /// jobs): a person must look (exit 6).
    Failed,
}

impl SyncState {
    /// The exit code of `gengo sync status`.
    pub fn exit_code(self) -> u8 {
        match self {
            SyncState::Done => 0,
            SyncState::Pending => 4,
            SyncState::Untranslated => 5,
            SyncState::Failed => 6,
        }
    }
}

impl Status {
    /// The overall state: failed, else untranslated, else pending, else done.
    pub fn overall(&self) -> SyncState {
        let sum = |f: fn(&LangStatus) -> usize| -> usize {
            self.languages.iter().map(|(_, l)| f(l)).sum()
        };
        if sum(|l| l.failed) > 0 {
            SyncState::Failed
        } else if sum(|l| l.untranslated) > 0 {
            SyncState::Untranslated
        } else if sum(|l| l.ordered + l.in_progress + l.reviewable) > 0
            || self.unconfirmed_orders > 0
        {
            SyncState::Pending
        } else {
            SyncState::Done
        }
    }
}

/// What [`Project::pull`] did.
#[derive(Debug, Default, Clone, serde::Serialize)]
pub struct PullReport {
    /// Jobs approved (with `approve`).
    pub approved: usize,
    /// Target files written.
    pub files: Vec<String>,
    /// Translations written.
    pub written: usize,
    /// Strings not written, and why.
    pub problems: Vec<String>,
}

fn as_text<S: serde::Serializer>(d: &Decimal, s: S) -> std::result::Result<S::Ok, S::Error> {
    s.serialize_str(&d.to_string())
}

pub(crate) fn as_u64(v: &Value) -> Option<u64> {
    v.as_u64()
        .or_else(|| v.as_str().and_then(|s| s.parse().ok()))
}

pub(crate) fn decimal(v: &Value) -> Decimal {
    match v {
        Value::Number(n) => n.to_string().parse().unwrap_or_default(),
        Value::String(s) => s.parse().unwrap_or_default(),
        _ => Decimal::ZERO,
    }
}

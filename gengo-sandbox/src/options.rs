//! Sandbox settings.

use std::time::Duration;

use crate::clock::ClockMode;

/// Which types the sandbox writes (Decision D1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Profile {
    /// The later docs: ids, counts and money as JSON numbers (default).
    #[default]
    Current,
    /// The 2014 docs: ids, counts and money as strings.
    Docs2014,
}

impl Profile {
    /// Every profile's name, as `parse` reads them.
    pub const NAMES: &[&str] = &["current", "docs2014"];

    /// Reads `current` or `docs2014`.
    pub fn parse(s: &str) -> Option<Profile> {
        match s {
            "current" => Some(Profile::Current),
            "docs2014" => Some(Profile::Docs2014),
            _ => None,
        }
    }
    /// The name.
    pub fn as_str(self) -> &'static str {
        match self {
            Profile::Current => "current",
            Profile::Docs2014 => "docs2014",
        }
    }
}

/// How long the simulated translators take, in sandbox seconds.
#[derive(Debug, Clone, PartialEq)]
pub struct Pace {
    /// Queued until available.
    pub queue: u64,
    /// Available until a translator picks the job up (pending).
    pub pickup: u64,
    /// Pending (or revising) until the translation is delivered.
    pub work: u64,
}

impl Default for Pace {
    fn default() -> Self {
        Pace {
            queue: 10,
            pickup: 60,
            work: 300,
        }
    }
}

impl Pace {
    pub(crate) fn queue_ms(&self) -> i64 {
        self.queue as i64 * 1000
    }
    pub(crate) fn pickup_ms(&self) -> i64 {
        self.pickup as i64 * 1000
    }
    pub(crate) fn work_ms(&self) -> i64 {
        self.work as i64 * 1000
    }
}

/// Every setting of a sandbox.
#[derive(Debug, Clone)]
pub struct Options {
    /// How sandbox time passes.
    pub clock: ClockMode,
    /// Which types responses use.
    pub profile: Profile,
    /// Requests per minute per client address (D14); `None` turns throttling off.
    pub rate_limit_per_minute: Option<u32>,
    /// How far `ts` may be from the wall clock (D16).
    pub ts_window_secs: u64,
    /// Review period before automatic approval (D3).
    pub review_period: Duration,
    /// The simulated translators' pace.
    pub pace: Pace,
    /// Callback retry interval, in sandbox time (D7).
    pub callback_retry_every: Duration,
    /// How long callbacks are retried, in sandbox time (D7).
    pub callback_retry_for: Duration,
    /// Largest request body accepted.
    pub max_body_bytes: usize,
    /// Translators pick jobs up by themselves (`false`, the default) or only when told
    /// (`true`: jobs stay `available`, as on Gengo's real sandbox, until the control API
    /// moves them with `POST /_sandbox/jobs/{id}/status`).
    pub manual_translators: bool,
    /// Give the demo account one glossary at start (accounts start empty otherwise, as
    /// on Gengo; `POST /_sandbox/accounts/{key}/glossaries` seeds any account).
    pub seed_glossary: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            clock: ClockMode::Real,
            profile: Profile::Current,
            rate_limit_per_minute: Some(150),
            ts_window_secs: 300,
            review_period: Duration::from_secs(120 * 3600),
            pace: Pace::default(),
            callback_retry_every: Duration::from_secs(15 * 60),
            callback_retry_for: Duration::from_secs(12 * 3600),
            max_body_bytes: 8 * 1024 * 1024,
            manual_translators: false,
            seed_glossary: false,
        }
    }
}

impl Options {
    /// Settings for tests: manual clock, no throttling.
    pub fn for_tests() -> Options {
        Options {
            clock: ClockMode::Manual,
            rate_limit_per_minute: None,
            ..Options::default()
        }
    }
}

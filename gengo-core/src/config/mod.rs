//! Client configuration: keys, where to send requests, timeouts, retries, rate limit.

use std::fmt;
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde_json::Value;

mod builder;
mod json;
#[cfg(test)]
mod tests;

pub use builder::ConfigBuilder;

use serde::Deserialize;

use crate::{Error, Result};
use ureq::http;

/// The signature function, where it lived before [`crate::signing`] (kept so existing
/// callers compile).
pub use crate::signing::sign;

/// Gengo's production API.
pub const PRODUCTION_URL: &str = "https://api.gengo.com";
/// Gengo's (remote) sandbox API.
pub const SANDBOX_URL: &str = "https://api.sandbox.gengo.com";
/// This library's name and version, the start of every User-Agent.
pub const USER_AGENT: &str = concat!("gengo-rs/", env!("CARGO_PKG_VERSION"));

/// The API version requests are sent to (Decision D13).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ApiVersion {
    /// `/v2/` (default).
    #[default]
    V2,
    /// `/v1.1/` (same signing; legacy calls always use it).
    V1_1,
}

impl ApiVersion {
    /// The path segment (`v2` or `v1.1`).
    pub fn as_str(self) -> &'static str {
        match self {
            ApiVersion::V2 => "v2",
            ApiVersion::V1_1 => "v1.1",
        }
    }
    /// Reads `v2`, `2`, `v1.1`, `1.1`.
    pub fn parse(s: &str) -> Result<Self> {
        match s.trim().trim_start_matches(['v', 'V']) {
            "2" => Ok(ApiVersion::V2),
            "1.1" => Ok(ApiVersion::V1_1),
            _ => Err(Error::invalid_argument(format!(
                "api_version must be v2 or v1.1, got {s:?} (the original v1 signing is not supported)"
            ))),
        }
    }
}

/// When and how often failed requests are retried. Only requests whose repetition
/// cannot double anything are retried: GET and DELETE on connection failures and on
/// 429, 502, 503 and 504; POST and PUT only when the connection was refused (the request
/// never reached the server).
#[derive(Debug, Clone, PartialEq)]
pub struct RetryPolicy {
    /// Retries after the first attempt (0 turns retries off).
    pub max_retries: u32,
    /// Delay before the first retry; doubles each time, with jitter.
    pub base_delay: Duration,
    /// Longest delay between two attempts, and the longest `Retry-After` honoured.
    pub max_delay: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_retries: 3,
            base_delay: Duration::from_millis(500),
            max_delay: Duration::from_secs(30),
        }
    }
}

impl RetryPolicy {
    /// No retries.
    pub fn none() -> Self {
        RetryPolicy {
            max_retries: 0,
            ..Default::default()
        }
    }

    /// The delay before retry number `retry` (1-based): exponential with full jitter
    /// in its upper half, or the server's `Retry-After` when given (capped).
    pub fn delay(&self, retry: u32, retry_after: Option<Duration>) -> Duration {
        if let Some(ra) = retry_after {
            return ra.min(self.max_delay);
        }
        let exp = self
            .base_delay
            .saturating_mul(1u32 << retry.saturating_sub(1).min(16));
        let capped = exp.min(self.max_delay);
        let half = capped / 2;
        half + half.mul_f64(fastrand::f64())
    }
}

/// Where the current Unix time comes from. Injectable so signatures are exact in tests.
#[derive(Clone)]
pub struct Clock(Arc<dyn Fn() -> u64 + Send + Sync>);

impl Clock {
    /// The system clock.
    pub fn system() -> Self {
        Clock(Arc::new(|| {
            SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .map(|d| d.as_secs())
                .unwrap_or(0)
        }))
    }
    /// A clock that always says `ts`.
    pub fn fixed(ts: u64) -> Self {
        Clock(Arc::new(move || ts))
    }
    /// A clock backed by any function.
    pub fn from_fn(f: impl Fn() -> u64 + Send + Sync + 'static) -> Self {
        Clock(Arc::new(f))
    }
    /// The current Unix time in whole seconds.
    pub fn now(&self) -> u64 {
        (self.0)()
    }
}

impl Default for Clock {
    fn default() -> Self {
        Clock::system()
    }
}

impl fmt::Debug for Clock {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Clock")
    }
}

/// A private key. Its `Debug` and `Display` never show it.
#[derive(Clone, PartialEq, Eq)]
pub struct PrivateKey(String);

impl PrivateKey {
    /// Wraps a key.
    pub fn new(key: impl Into<String>) -> Self {
        PrivateKey(key.into())
    }
    /// The key itself, for signing.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for PrivateKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("PrivateKey(<redacted>)")
    }
}

/// Everything a [`crate::Client`] needs. Build it with [`Config::builder`],
/// [`Config::from_env`] or [`Config::from_json`].
#[derive(Clone)]
pub struct Config {
    pub(crate) public_key: Option<String>,
    pub(crate) private_key: Option<PrivateKey>,
    pub(crate) access_token: Option<PrivateKey>,
    pub(crate) base_url: String,
    pub(crate) api_version: ApiVersion,
    pub(crate) connect_timeout: Duration,
    pub(crate) timeout: Duration,
    pub(crate) app_name: Option<String>,
    pub(crate) retry: RetryPolicy,
    pub(crate) rate_limit_per_minute: Option<u32>,
    pub(crate) method_override: bool,
    pub(crate) max_response_bytes: u64,
    pub(crate) clock: Clock,
}

impl fmt::Debug for Config {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Config")
            .field("public_key", &self.public_key)
            .field(
                "private_key",
                &self.private_key.as_ref().map(|_| "<redacted>"),
            )
            .field(
                "access_token",
                &self.access_token.as_ref().map(|_| "<redacted>"),
            )
            .field("base_url", &self.base_url)
            .field("api_version", &self.api_version)
            .field("connect_timeout", &self.connect_timeout)
            .field("timeout", &self.timeout)
            .field("user_agent", &self.user_agent())
            .field("retry", &self.retry)
            .field("rate_limit_per_minute", &self.rate_limit_per_minute)
            .field("method_override", &self.method_override)
            .field("max_response_bytes", &self.max_response_bytes)
            .finish()
    }
}

impl Default for Config {
    fn default() -> Self {
        Config {
            public_key: None,
            private_key: None,
            access_token: None,
            base_url: PRODUCTION_URL.to_string(),
            api_version: ApiVersion::V2,
            connect_timeout: Duration::from_secs(10),
            timeout: Duration::from_secs(60),
            app_name: None,
            retry: RetryPolicy::default(),
            rate_limit_per_minute: Some(150),
            method_override: false,
            max_response_bytes: 64 * 1024 * 1024,
            clock: Clock::system(),
        }
    }
}

impl Config {
    /// A builder starting from the defaults: production, v2, 10 s connect and 60 s
    /// whole-call timeouts, 3 retries, 150 requests per minute.
    pub fn builder() -> ConfigBuilder {
        ConfigBuilder(Config::default())
    }

    /// Reads `GENGO_PUBLIC_KEY`, `GENGO_PRIVATE_KEY` and `GENGO_BASE_URL` (production
    /// when unset). Missing keys are allowed: unauthenticated calls still work.
    pub fn from_env() -> Result<Config> {
        Self::builder().env()?.build()
    }

    /// Builds a config from JSON, the form the C ABI, Python and the CLI share:
    /// `public_key`, `private_key`, `environment` (`production`/`sandbox`),
    /// `base_url`, `api_version`, `connect_timeout` and `timeout` (seconds),
    /// `max_retries`, `retry_base_delay` and `retry_max_delay` (seconds),
    /// `rate_limit_per_minute` (0 or null: off), `user_agent` (your app's name),
    /// `method_override`, `max_response_bytes`, `access_token` (bearer token auth),
    /// `from_env` (read `GENGO_*` first).
    pub fn from_json(v: &Value) -> Result<Config> {
        let c: json::JsonConfig = match v {
            Value::Null => json::JsonConfig::default(),
            Value::Object(_) => json::JsonConfig::deserialize(v).map_err(|e| {
                Error::invalid_argument(format!(
                    "config: {}",
                    json::tame_serde_message(&e.to_string())
                ))
            })?,
            _ => return Err(Error::invalid_argument("config must be a JSON object")),
        };
        c.into_config()
    }

    /// The public key, when set.
    pub fn public_key(&self) -> Option<&str> {
        self.public_key.as_deref()
    }
    /// Whether both keys are set (signed calls possible).
    pub fn has_keys(&self) -> bool {
        self.public_key.is_some() && self.private_key.is_some()
    }
    /// Whether a bearer token is set (sent as `Authorization: Bearer ...` instead of
    /// `api_key`, `ts` and `api_sig`).
    pub fn has_access_token(&self) -> bool {
        self.access_token.is_some()
    }
    /// Every secret this config holds (private key, access token), for redaction.
    pub(crate) fn secrets(&self) -> Vec<&str> {
        let mut out = Vec::new();
        if let Some(k) = &self.private_key {
            out.push(k.expose());
        }
        if let Some(t) = &self.access_token {
            out.push(t.expose());
        }
        out
    }
    /// The base URL (without the version).
    pub fn base_url(&self) -> &str {
        &self.base_url
    }
    /// Whether requests go to one of Gengo's own hosts (production, or Gengo's remote
    /// sandbox): there, orders spend real credits and polling follows Gengo's guidance.
    pub fn is_gengo_host(&self) -> bool {
        // The host as the HTTP stack will read it (the parser `check_base_url` accepted).
        let probe = self.base_url.replace("{version}", "v2");
        probe
            .parse::<http::Uri>()
            .ok()
            .and_then(|u| {
                u.host()
                    .map(|h| h.trim_end_matches('.').to_ascii_lowercase())
            })
            .is_some_and(|host| host == "gengo.com" || host.ends_with(".gengo.com"))
    }
    /// The API version.
    pub fn api_version(&self) -> ApiVersion {
        self.api_version
    }
    /// The connect timeout.
    pub fn connect_timeout(&self) -> Duration {
        self.connect_timeout
    }
    /// The whole-call timeout.
    pub fn timeout(&self) -> Duration {
        self.timeout
    }
    /// The retry policy.
    pub fn retry(&self) -> &RetryPolicy {
        &self.retry
    }
    /// The client-side rate limit, if any.
    pub fn rate_limit_per_minute(&self) -> Option<u32> {
        self.rate_limit_per_minute
    }
    /// Whether PUT and DELETE are sent as POST with `_method`.
    pub fn method_override(&self) -> bool {
        self.method_override
    }
    /// The clock used for `ts`.
    pub fn clock(&self) -> &Clock {
        &self.clock
    }
    /// The User-Agent header: `gengo-rs/VERSION`, plus the app's name when set.
    pub fn user_agent(&self) -> String {
        match &self.app_name {
            Some(app) => format!("{USER_AGENT} {app}"),
            None => USER_AGENT.to_string(),
        }
    }

    /// `ts` and `api_sig` for the given time, when a private key is set.
    pub(crate) fn signature(&self, ts: u64) -> Option<(String, String)> {
        let key = self.private_key.as_ref()?;
        let ts = ts.to_string();
        let sig = crate::signing::sign(key.expose(), &ts);
        Some((ts, sig))
    }
}

//! Client configuration: keys, where to send requests, timeouts, retries, rate limit.

use std::fmt;
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde_json::Value;

mod json;

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

/// Builds a [`Config`].
#[derive(Debug, Clone)]
pub struct ConfigBuilder(Config);

impl ConfigBuilder {
    /// Sets both keys.
    pub fn keys(self, public_key: impl Into<String>, private_key: impl Into<String>) -> Self {
        self.public_key(public_key).private_key(private_key)
    }
    /// Sets the public key (`api_key`).
    pub fn public_key(mut self, k: impl Into<String>) -> Self {
        self.0.public_key = Some(k.into());
        self
    }
    /// Sets the private key.
    pub fn private_key(mut self, k: impl Into<String>) -> Self {
        self.0.private_key = Some(PrivateKey::new(k));
        self
    }
    /// Authenticates with a bearer token (`Authorization: Bearer ...`) instead of the
    /// signed `api_key`/`ts`/`api_sig` parameters, for accounts that use token auth.
    /// Off by default; never logged or shown.
    pub fn access_token(mut self, token: impl Into<String>) -> Self {
        self.0.access_token = Some(PrivateKey::new(token));
        self
    }
    /// Sends to Gengo's production API.
    pub fn production(mut self) -> Self {
        self.0.base_url = PRODUCTION_URL.to_string();
        self
    }
    /// Sends to Gengo's remote sandbox.
    pub fn sandbox(mut self) -> Self {
        self.0.base_url = SANDBOX_URL.to_string();
        self
    }
    /// Sends to any base URL (for example a local `gengo sandbox`). The version is
    /// appended, unless the URL contains `{version}`, which is replaced.
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.0.base_url = url.into();
        self
    }
    /// Sets the API version.
    pub fn api_version(mut self, v: ApiVersion) -> Self {
        self.0.api_version = v;
        self
    }
    /// Sets the connect timeout.
    pub fn connect_timeout(mut self, d: Duration) -> Self {
        self.0.connect_timeout = d;
        self
    }
    /// Sets the whole-call timeout (connect, send, and read the whole response).
    pub fn timeout(mut self, d: Duration) -> Self {
        self.0.timeout = d;
        self
    }
    /// Appends your app's name to the User-Agent (`gengo-rs/0.1.0 MyShop/2.3`).
    pub fn app_name(mut self, name: impl Into<String>) -> Self {
        self.0.app_name = Some(name.into());
        self
    }
    /// Sets the retry policy.
    pub fn retry(mut self, r: RetryPolicy) -> Self {
        self.0.retry = r;
        self
    }
    /// Sets (or with `None` turns off) the client-side rate limit, shared by every
    /// clone of the client.
    pub fn rate_limit_per_minute(mut self, n: Option<u32>) -> Self {
        self.0.rate_limit_per_minute = n.filter(|n| *n > 0);
        self
    }
    /// Sends PUT and DELETE as POST with `_method`, for proxies that block them.
    pub fn method_override(mut self, on: bool) -> Self {
        self.0.method_override = on;
        self
    }
    /// Bounds the size of a response body (default 64 MiB).
    pub fn max_response_bytes(mut self, n: u64) -> Self {
        self.0.max_response_bytes = n;
        self
    }
    /// Sets the clock used for `ts`.
    pub fn clock(mut self, c: Clock) -> Self {
        self.0.clock = c;
        self
    }
    /// Reads `GENGO_PUBLIC_KEY`, `GENGO_PRIVATE_KEY` and `GENGO_BASE_URL` where set.
    pub fn env(mut self) -> Result<Self> {
        let get = |k: &str| std::env::var(k).ok().filter(|v| !v.trim().is_empty());
        if let Some(k) = get("GENGO_PUBLIC_KEY") {
            self = self.public_key(k);
        }
        if let Some(k) = get("GENGO_PRIVATE_KEY") {
            self = self.private_key(k);
        }
        if let Some(u) = get("GENGO_BASE_URL") {
            self = self.base_url(u);
        }
        Ok(self)
    }
    /// Checks and returns the config. A config that can never work (a base URL that
    /// does not parse as an http(s) URL, a User-Agent or token that cannot be a header
    /// value, a zero timeout) is refused here, naming the field, so no call sleeps
    /// through retries for it. Values longer than a few characters are never echoed.
    pub fn build(mut self) -> Result<Config> {
        let url = self.0.base_url.trim().trim_end_matches('/').to_string();
        check_base_url(&url)?;
        self.0.base_url = url;
        if self
            .0
            .public_key
            .as_deref()
            .is_some_and(|k| k.trim().is_empty())
        {
            self.0.public_key = None;
        }
        if let Some(k) = &self.0.public_key
            && k.chars().any(char::is_control)
        {
            return Err(Error::invalid_argument(
                "public_key must not contain control characters (CR, LF, ...)",
            ));
        }
        if self
            .0
            .private_key
            .as_ref()
            .is_some_and(|k| k.expose().is_empty())
        {
            self.0.private_key = None;
        }
        if self
            .0
            .access_token
            .as_ref()
            .is_some_and(|k| k.expose().trim().is_empty())
        {
            self.0.access_token = None;
        }
        if let Some(t) = &self.0.access_token
            && http::HeaderValue::from_str(&format!("Bearer {}", t.expose())).is_err()
        {
            return Err(Error::invalid_argument(
                "access_token must be printable text without CR or LF",
            ));
        }
        if let Some(app) = &self.0.app_name
            && (app.chars().any(char::is_control)
                || http::HeaderValue::from_str(&self.0.user_agent()).is_err())
        {
            return Err(Error::invalid_argument(
                "user_agent (app name) must be printable text without CR, LF or other control characters",
            ));
        }
        if self.0.timeout.is_zero() || self.0.connect_timeout.is_zero() {
            return Err(Error::invalid_argument(
                "timeouts must be greater than zero",
            ));
        }
        if self.0.max_response_bytes == 0 {
            return Err(Error::invalid_argument(
                "max_response_bytes must be greater than zero",
            ));
        }
        Ok(self.0)
    }
}

/// A base URL is usable when, with the version in place, it is an absolute http(s) URI
/// with a host that the HTTP stack accepts, and no query, fragment or user info.
fn check_base_url(url: &str) -> Result<()> {
    let bad = |why: &str| {
        Err(Error::invalid_argument(format!(
            "base_url must be an http:// or https:// URL such as https://api.gengo.com ({why}; got {})",
            crate::error::shown(url)
        )))
    };
    let lower = url.to_ascii_lowercase();
    if !(lower.starts_with("http://") || lower.starts_with("https://")) {
        return bad("no http:// or https:// scheme");
    }
    if url.contains('?') || url.contains('#') {
        return bad("it must not have a query or fragment");
    }
    let probe = if url.contains("{version}") {
        url.replace("{version}", "v2")
    } else {
        format!("{url}/v2")
    };
    let Ok(uri) = probe.parse::<http::Uri>() else {
        return bad("it does not parse as a URL");
    };
    let Some(authority) = uri.authority() else {
        return bad("it has no host");
    };
    if authority.as_str().contains('@') {
        return bad(
            "user info (user@host) is not supported; keys go in public_key and private_key",
        );
    }
    let host = authority.host();
    let host_ok = !host.is_empty()
        && if let Some(ip6) = host.strip_prefix('[') {
            ip6.strip_suffix(']')
                .is_some_and(|h| h.parse::<std::net::Ipv6Addr>().is_ok())
        } else {
            host.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-' || b == b'_')
        };
    if !host_ok {
        return bad("its host is not a valid host name or IP address");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_never_shows_the_private_key() {
        let c = Config::builder()
            .keys("pub", "very-secret-key")
            .build()
            .unwrap();
        let dbg = format!("{c:?}");
        assert!(!dbg.contains("very-secret-key"), "{dbg}");
        assert!(dbg.contains("<redacted>"));
    }

    #[test]
    fn json_config_covers_every_setting() {
        let c = Config::from_json(&serde_json::json!({
            "public_key": "p", "private_key": "s", "base_url": "http://127.0.0.1:9/",
            "api_version": "v1.1", "connect_timeout": 2, "timeout": 5.5, "max_retries": 1,
            "rate_limit_per_minute": 0, "user_agent": "Shop/1", "method_override": true
        }))
        .unwrap();
        assert_eq!(c.base_url(), "http://127.0.0.1:9");
        assert_eq!(c.api_version(), ApiVersion::V1_1);
        assert_eq!(c.connect_timeout(), Duration::from_secs(2));
        assert_eq!(c.timeout(), Duration::from_millis(5500));
        assert_eq!(c.retry().max_retries, 1);
        assert_eq!(c.rate_limit_per_minute(), None);
        assert_eq!(c.user_agent(), format!("{USER_AGENT} Shop/1"));
        assert!(c.method_override());
        let e = Config::from_json(&serde_json::json!({"base_url": "ftp://x"})).unwrap_err();
        assert_eq!(e.kind(), crate::ErrorKind::InvalidArgument);
        let e = Config::from_json(&serde_json::json!({"privat_key": "x"})).unwrap_err();
        assert!(e.message().contains("privat_key"));
    }

    #[test]
    fn configs_that_can_never_work_are_refused_when_built() {
        for url in [
            "http://127.0.0.1:1/a b",
            "http://@",
            "http://user@127.0.0.1",
            "http://[::1",
            "http://%41",
            "http://",
            "ftp://x",
            "http://h?x=1",
            "http://exa mple.com",
        ] {
            let e = Config::builder().base_url(url).build().unwrap_err();
            assert_eq!(e.kind(), crate::ErrorKind::InvalidArgument, "{url}");
            assert!(e.message().starts_with("base_url"), "{url}: {e}");
        }
        for ok in [
            "http://127.0.0.1:8290",
            "http://[::1]:8290/",
            "https://api.gengo.com",
            "http://localhost/{version}/",
            "http://my_host.internal:80/prefix",
        ] {
            Config::builder().base_url(ok).build().unwrap();
        }
        for ua in ["Shop\r\nX-Evil: 1", "Shop\n", "a\u{0}b"] {
            let e = Config::builder().app_name(ua).build().unwrap_err();
            assert!(e.message().starts_with("user_agent"), "{e}");
        }
        let e = Config::from_json(&serde_json::json!({"user_agent": "x\r\ny"})).unwrap_err();
        assert_eq!(e.kind(), crate::ErrorKind::InvalidArgument);
        let e = Config::builder().access_token("a\nb").build().unwrap_err();
        assert!(e.message().starts_with("access_token"), "{e}");
    }

    #[test]
    fn config_errors_never_echo_long_values() {
        // A private key pasted into base_url (or environment) is never echoed.
        let key = "c2VjcmV0LXByaXZhdGUta2V5LXZhbHVl";
        for v in [
            serde_json::json!({"base_url": key}),
            serde_json::json!({"environment": key}),
            serde_json::json!({"public_key": 5}),
        ] {
            let e = Config::from_json(&v).unwrap_err();
            assert!(!e.message().contains(key), "{e}");
            assert!(!format!("{e:?}").contains(key), "{e:?}");
        }
        let e = Config::from_json(&serde_json::json!({"environment": "prod"})).unwrap_err();
        assert!(e.message().contains("\"prod\""), "short values help: {e}");
        let long = "k".repeat(100_000);
        let e = Config::from_json(&serde_json::json!({ long.clone(): 1 })).unwrap_err();
        assert!(e.message().len() < 600, "{}", e.message().len());
        let e = crate::ops::lookup(&"x".repeat(10_000_000)).unwrap_err();
        assert!(e.message().len() < 300, "{}", e.message().len());
    }

    #[test]
    fn backoff_grows_and_honours_retry_after() {
        let r = RetryPolicy::default();
        for n in 1..6 {
            let d = r.delay(n, None);
            let full = (r.base_delay * (1 << (n - 1))).min(r.max_delay);
            assert!(d >= full / 2 && d <= full, "{n}: {d:?}");
        }
        assert_eq!(
            r.delay(1, Some(Duration::from_secs(2))),
            Duration::from_secs(2)
        );
        assert_eq!(r.delay(1, Some(Duration::from_secs(999))), r.max_delay);
    }
}

//! [`ConfigBuilder`] and the rules a base URL must meet.

use super::{
    ApiVersion, Clock, Config, Duration, Error, PRODUCTION_URL, PrivateKey, Result, RetryPolicy,
    SANDBOX_URL, http,
};

/// Builds a [`Config`].
#[derive(Debug, Clone)]
pub struct ConfigBuilder(pub(super) Config);

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

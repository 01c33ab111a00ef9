//! The JSON form of a config, as the C ABI, Python, PHP, Ruby and the CLI pass it.

use std::time::Duration;

use serde::Deserialize;
use serde_json::Value;

use super::{ApiVersion, Config, RetryPolicy};
use crate::lenient::Lenient;
use crate::{Error, Result};

/// The JSON form of a config (`Config::from_json`): every key optional, unknown keys
/// refused. Only what the caller set is applied over the builder's defaults, so the
/// defaults live here in gengo-core alone.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct JsonConfig {
    public_key: Option<String>,
    private_key: Option<String>,
    access_token: Option<String>,
    environment: Option<String>,
    sandbox: Option<Flag>,
    base_url: Option<String>,
    api_version: Option<String>,
    connect_timeout: Option<Seconds>,
    timeout: Option<Seconds>,
    max_retries: Option<Bounded<0, 10>>,
    retry_base_delay: Option<Seconds>,
    retry_max_delay: Option<Seconds>,
    /// `0` or `null`: off. Absent: the default.
    #[serde(default, deserialize_with = "some_or_null")]
    rate_limit_per_minute: Option<Option<Bounded<0, 1_000_000>>>,
    user_agent: Option<String>,
    method_override: Option<Flag>,
    max_response_bytes: Option<Bounded<1, { u64::MAX }>>,
    from_env: Option<Flag>,
}

/// Keeps `null` apart from an absent key.
fn some_or_null<'de, D: serde::Deserializer<'de>, T: Deserialize<'de>>(
    d: D,
) -> std::result::Result<Option<Option<T>>, D::Error> {
    Option::<T>::deserialize(d).map(Some)
}

/// A boolean: `true`/`false`, `0`/`1`, or their strings.
#[derive(Debug, Clone, Copy)]
struct Flag(bool);

impl<'de> Deserialize<'de> for Flag {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let v = Value::deserialize(d)?;
        bool::from_json(&v)
            .map(Flag)
            .ok_or_else(|| serde::de::Error::custom("must be a boolean (true/false or 0/1)"))
    }
}

/// A positive, finite number of seconds below 10^7.
#[derive(Debug, Clone, Copy)]
struct Seconds(Duration);

impl<'de> Deserialize<'de> for Seconds {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let f = Value::deserialize(d)?.as_f64();
        match f {
            Some(f) if f > 0.0 && f.is_finite() && f < 1.0e7 => {
                Ok(Seconds(Duration::from_secs_f64(f)))
            }
            _ => Err(serde::de::Error::custom(
                "must be a positive number of seconds (below 10,000,000)",
            )),
        }
    }
}

/// A whole number from `MIN` to `MAX`.
#[derive(Debug, Clone, Copy)]
struct Bounded<const MIN: u64, const MAX: u64>(u64);

impl<'de, const MIN: u64, const MAX: u64> Deserialize<'de> for Bounded<MIN, MAX> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        match Value::deserialize(d)?.as_u64() {
            Some(n) if (MIN..=MAX).contains(&n) => Ok(Bounded(n)),
            _ => Err(serde::de::Error::custom(format!(
                "must be a whole number from {MIN} to {MAX}"
            ))),
        }
    }
}

/// serde's message, with an unknown key cut short and no long string echoed (a key
/// pasted into the wrong field must not come back in an error).
pub(super) fn tame_serde_message(msg: &str) -> String {
    let mut out = String::new();
    let mut rest = msg;
    while let Some(start) = rest.find(['`', '"']) {
        let quote = rest[start..].chars().next().unwrap_or('"');
        out.push_str(&rest[..start]);
        let after = &rest[start + 1..];
        match after.find(quote) {
            Some(end) => {
                let inner = &after[..end];
                if inner.chars().count() <= 24 {
                    out.push(quote);
                    out.push_str(inner);
                    out.push(quote);
                } else {
                    out.push_str(&crate::error::truncated(inner));
                }
                rest = &after[end + 1..];
            }
            None => {
                rest = after;
            }
        }
    }
    out.push_str(rest);
    let mut text: String = out.chars().take(600).collect();
    // serde names the field last ("... at line 1 column 9"): keep the message plain.
    if let Some(at) = text.find(" at line ") {
        text.truncate(at);
    }
    text
}

impl JsonConfig {
    pub(super) fn into_config(self) -> Result<Config> {
        let mut b = Config::builder();
        if self.from_env.is_some_and(|f| f.0) {
            b = b.env()?;
        }
        if let Some(k) = self.public_key {
            b = b.public_key(k);
        }
        if let Some(k) = self.private_key {
            b = b.private_key(k);
        }
        if let Some(t) = self.access_token {
            b = b.access_token(t);
        }
        if self.sandbox.is_some_and(|f| f.0) {
            b = b.sandbox();
        }
        match self.environment.as_deref() {
            None => {}
            Some("production") => b = b.production(),
            Some("sandbox") => b = b.sandbox(),
            Some(other) => {
                return Err(Error::invalid_argument(format!(
                    "environment must be production or sandbox, got {}",
                    crate::error::shown(other)
                )));
            }
        }
        if let Some(u) = self.base_url {
            b = b.base_url(u);
        }
        if let Some(v) = self.api_version {
            b = b.api_version(ApiVersion::parse(&v)?);
        }
        if let Some(d) = self.connect_timeout {
            b = b.connect_timeout(d.0);
        }
        if let Some(d) = self.timeout {
            b = b.timeout(d.0);
        }
        if self.max_retries.is_some()
            || self.retry_base_delay.is_some()
            || self.retry_max_delay.is_some()
        {
            let mut retry = RetryPolicy::default();
            if let Some(n) = self.max_retries {
                retry.max_retries = n.0 as u32;
            }
            if let Some(d) = self.retry_base_delay {
                retry.base_delay = d.0;
            }
            if let Some(d) = self.retry_max_delay {
                retry.max_delay = d.0;
            }
            b = b.retry(retry);
        }
        if let Some(limit) = self.rate_limit_per_minute {
            b = b.rate_limit_per_minute(limit.map(|n| n.0 as u32).filter(|n| *n > 0));
        }
        if let Some(ua) = self.user_agent {
            b = b.app_name(ua);
        }
        if let Some(m) = self.method_override {
            b = b.method_override(m.0);
        }
        if let Some(n) = self.max_response_bytes {
            b = b.max_response_bytes(n.0);
        }
        b.build()
    }
}

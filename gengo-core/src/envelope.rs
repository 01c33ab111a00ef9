//! Reading Gengo's response envelope into a payload or an error that loses nothing.
//!
//! Decision D15: the body decides. Any `opstat: error` body is an API error whatever the
//! HTTP status; a non-JSON body with an error status is an HTTP error carrying the
//! status and a snippet; HTTP 429 is always "rate limited".

use std::collections::BTreeMap;
use std::time::Duration;

use serde_json::Value;

use crate::error::JobError;
use crate::lenient::Lenient;
use crate::{Error, ErrorKind, Result};

/// The longest `Retry-After` kept as such; longer (or absurd) values saturate to it.
/// Any value beyond the call's deadline ends the call the same way.
pub const MAX_RETRY_AFTER: Duration = Duration::from_secs(365 * 24 * 3600);

/// Parses a `Retry-After` value: whole or fractional seconds, or an HTTP date relative
/// to `now`. A negative, NaN, empty or otherwise unreadable value is `None` (treated as
/// absent); a huge one saturates to [`MAX_RETRY_AFTER`]. Never panics.
pub fn parse_retry_after(value: &str, now: std::time::SystemTime) -> Option<Duration> {
    let v = value.trim();
    if v.is_empty() {
        return None;
    }
    if v.bytes().all(|b| b.is_ascii_digit()) {
        // All digits: seconds, however many (saturating instead of overflowing).
        return Some(match v.parse::<u64>() {
            Ok(secs) => Duration::from_secs(secs).min(MAX_RETRY_AFTER),
            Err(_) => MAX_RETRY_AFTER,
        });
    }
    if let Ok(secs) = v.parse::<f64>() {
        if !secs.is_finite() || secs < 0.0 {
            return None;
        }
        return Some(
            Duration::try_from_secs_f64(secs)
                .unwrap_or(MAX_RETRY_AFTER)
                .min(MAX_RETRY_AFTER),
        );
    }
    let at = httpdate::parse_http_date(v).ok()?;
    Some(
        at.duration_since(now)
            .unwrap_or_default()
            .min(MAX_RETRY_AFTER),
    )
}

fn code_of(v: Option<&Value>) -> Option<i64> {
    v.and_then(i64::from_json)
}

fn msg_of(v: Option<&Value>) -> String {
    match v {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Null) | None => String::new(),
        Some(other) => other.to_string(),
    }
}

fn job_error(v: &Value) -> JobError {
    match v {
        Value::Object(o) => JobError {
            code: code_of(o.get("code")),
            message: msg_of(o.get("msg").or_else(|| o.get("message"))),
            raw: v.clone(),
        },
        Value::String(s) => JobError {
            code: None,
            message: s.clone(),
            raw: v.clone(),
        },
        other => JobError {
            code: i64::from_json(other),
            message: String::new(),
            raw: v.clone(),
        },
    }
}

/// The error for an `err` value.
pub fn api_error(err: &Value, status: u16, retry_after: Option<Duration>) -> Error {
    let single = match err {
        Value::Object(o) => {
            o.contains_key("code")
                || o.contains_key("msg")
                || o.contains_key("message")
                || o.is_empty()
        }
        _ => true,
    };
    if single {
        let (code, msg) = match err {
            Value::Object(o) => (
                code_of(o.get("code")),
                msg_of(o.get("msg").or_else(|| o.get("message"))),
            ),
            Value::String(s) => (None, s.clone()),
            other => (i64::from_json(other), String::new()),
        };
        let kind = if status == 429 || code == Some(429) {
            ErrorKind::RateLimited
        } else if code.is_some_and(|c| (1000..=1201).contains(&c)) {
            ErrorKind::Auth
        } else {
            ErrorKind::Api
        };
        let message = if msg.is_empty() {
            match code {
                Some(c) => format!("Gengo error {c}"),
                None => "Gengo returned an error without a message".to_string(),
            }
        } else {
            msg
        };
        return Error::new(kind, message)
            .with_code(code)
            .with_status(Some(status))
            .with_raw(err.clone())
            .with_retry_after(retry_after);
    }
    // Multi-job: {"job_1": [{code, msg}, ...], "job_2": {code, msg}, ...}
    let mut jobs: BTreeMap<String, Vec<JobError>> = BTreeMap::new();
    let obj = err.as_object().expect("checked above");
    for (key, v) in obj {
        let list = match v {
            Value::Array(a) => a.iter().map(job_error).collect(),
            other => vec![job_error(other)],
        };
        jobs.insert(key.clone(), list);
    }
    let mut parts = Vec::new();
    for (key, errs) in &jobs {
        for e in errs {
            match e.code {
                Some(c) => parts.push(format!("{key}: {c} {}", e.message)),
                None => parts.push(format!("{key}: {}", e.message)),
            }
        }
    }
    let first = jobs.values().flatten().find_map(|e| e.code);
    let all_auth = jobs
        .values()
        .flatten()
        .all(|e| e.code.is_some_and(|c| (1000..=1201).contains(&c)));
    let kind = if status == 429 {
        ErrorKind::RateLimited
    } else if all_auth && first.is_some() {
        ErrorKind::Auth
    } else {
        ErrorKind::MultiJob
    };
    Error::new(kind, parts.join("; "))
        .with_code(first)
        .with_status(Some(status))
        .with_job_errors(jobs)
        .with_raw(err.clone())
        .with_retry_after(retry_after)
}

/// Decodes a response body: `Ok(response payload)` (JSON `null` when the envelope had no
/// `response`), or the error it carries.
pub fn decode(status: u16, body: &[u8], retry_after: Option<Duration>) -> Result<Value> {
    let parsed: Option<Value> = serde_json::from_slice(body).ok();
    let ok_status = (200..300).contains(&status);
    let Some(mut v) = parsed else {
        if status == 429 {
            return Err(
                Error::new(ErrorKind::RateLimited, "rate limited (HTTP 429)")
                    .with_status(Some(status))
                    .with_snippet(body)
                    .with_retry_after(retry_after),
            );
        }
        if ok_status {
            return Err(Error::decode("$", "the body is not JSON", body).with_status(Some(status)));
        }
        return Err(Error::new(
            ErrorKind::Http,
            format!("HTTP {status} with a non-JSON body"),
        )
        .with_status(Some(status))
        .with_snippet(body)
        .with_retry_after(retry_after));
    };
    if let Value::Object(o) = &mut v {
        let opstat = o.get("opstat").and_then(Value::as_str);
        if opstat == Some("error") || (opstat.is_none() && o.contains_key("err")) {
            let err = o.get("err").cloned().unwrap_or(Value::Null);
            return Err(api_error(&err, status, retry_after));
        }
        if opstat == Some("ok") {
            if status == 429 {
                return Err(
                    Error::new(ErrorKind::RateLimited, "rate limited (HTTP 429)")
                        .with_status(Some(status))
                        .with_retry_after(retry_after),
                );
            }
            // Moved out, not copied: responses can be large.
            return Ok(o.remove("response").unwrap_or(Value::Null));
        }
        // A bare {"code": 404, "msg": "Not Found"} error.
        if opstat.is_none() && o.contains_key("code") && o.contains_key("msg") && o.len() == 2 {
            return Err(api_error(&v, status, retry_after));
        }
    }
    if status == 429 {
        return Err(
            Error::new(ErrorKind::RateLimited, "rate limited (HTTP 429)")
                .with_status(Some(status))
                .with_snippet(body)
                .with_retry_after(retry_after),
        );
    }
    if ok_status {
        // JSON without an envelope: take it as the payload itself.
        return Ok(v);
    }
    Err(Error::new(
        ErrorKind::Http,
        format!("HTTP {status} without a Gengo error body"),
    )
    .with_status(Some(status))
    .with_snippet(body)
    .with_retry_after(retry_after))
}

/// Reads a clean success straight from the body, without a JSON tree: the envelope's
/// `response` as `T` (`unwrap: None`), or the part of it under `unwrap` (`Some(None)`
/// when that part is absent or null). `None` for anything else (an error, a missing or
/// unreadable payload, a repeated key, a status that is not a success): the caller then
/// reads the body with [`decode`], which decides. When this gives `Some`, it is what the
/// tree reader gives.
pub fn fast_response<T: Lenient>(
    status: u16,
    body: &[u8],
    unwrap: Option<&str>,
) -> Option<Option<T>> {
    use crate::lenient::Checked;
    use serde::de::Error as _;
    use serde::de::{DeserializeSeed, Deserializer, MapAccess, Visitor};

    if !(200..300).contains(&status) || status == 429 {
        return None;
    }

    /// The envelope: `opstat` must be `"ok"`, `response` must read.
    struct Envelope<'a, T>(Option<&'a str>, std::marker::PhantomData<T>);
    /// The `response` object, of which only the `unwrap` key is read.
    struct Part<'a, T>(&'a str, std::marker::PhantomData<T>);

    impl<'de, T: Lenient> DeserializeSeed<'de> for Part<'_, T> {
        type Value = Option<T>;
        fn deserialize<D: Deserializer<'de>>(
            self,
            d: D,
        ) -> std::result::Result<Option<T>, D::Error> {
            d.deserialize_any(self)
        }
    }
    impl<'de, T: Lenient> Visitor<'de> for Part<'_, T> {
        type Value = Option<T>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a JSON value")
        }
        fn visit_map<A: MapAccess<'de>>(
            self,
            mut map: A,
        ) -> std::result::Result<Option<T>, A::Error> {
            let mut found: Option<Option<T>> = None;
            while let Some(k) = map.next_key::<std::borrow::Cow<'de, str>>()? {
                if k != self.0 {
                    map.next_value::<Checked>()?;
                    continue;
                }
                if found.is_some() {
                    return Err(A::Error::custom(crate::lenient::BAIL));
                }
                found = Some(
                    match map.next_value_seed(crate::lenient::Seed::<T>::new())? {
                        Ok(x) => Some(x),
                        Err(Value::Null) => None,
                        Err(_) => return Err(A::Error::custom(crate::lenient::BAIL)),
                    },
                );
            }
            Ok(found.flatten())
        }
        // A payload that is not an object has no part: `None`, as `Value::get` says.
        fn visit_seq<A: serde::de::SeqAccess<'de>>(
            self,
            mut seq: A,
        ) -> std::result::Result<Option<T>, A::Error> {
            while seq.next_element::<Checked>()?.is_some() {}
            Ok(None)
        }
        fn visit_bool<E: serde::de::Error>(self, _: bool) -> std::result::Result<Option<T>, E> {
            Ok(None)
        }
        fn visit_i64<E: serde::de::Error>(self, _: i64) -> std::result::Result<Option<T>, E> {
            Ok(None)
        }
        fn visit_u64<E: serde::de::Error>(self, _: u64) -> std::result::Result<Option<T>, E> {
            Ok(None)
        }
        fn visit_f64<E: serde::de::Error>(self, _: f64) -> std::result::Result<Option<T>, E> {
            Ok(None)
        }
        fn visit_str<E: serde::de::Error>(self, _: &str) -> std::result::Result<Option<T>, E> {
            Ok(None)
        }
        fn visit_unit<E: serde::de::Error>(self) -> std::result::Result<Option<T>, E> {
            Ok(None)
        }
    }

    impl<'de, T: Lenient> Visitor<'de> for Envelope<'_, T> {
        type Value = Option<T>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a Gengo envelope")
        }
        fn visit_map<A: MapAccess<'de>>(
            self,
            mut map: A,
        ) -> std::result::Result<Option<T>, A::Error> {
            let bail = || A::Error::custom(crate::lenient::BAIL);
            let mut ok = false;
            let mut response: Option<Option<T>> = None;
            while let Some(k) = map.next_key::<std::borrow::Cow<'de, str>>()? {
                match k.as_ref() {
                    "opstat" => {
                        if ok {
                            return Err(bail());
                        }
                        let v: std::borrow::Cow<'de, str> = map.next_value().map_err(|_| bail())?;
                        if v != "ok" {
                            return Err(bail());
                        }
                        ok = true;
                    }
                    "response" => {
                        if response.is_some() {
                            return Err(bail());
                        }
                        response = Some(match self.0 {
                            Some(key) => {
                                map.next_value_seed(Part::<T>(key, std::marker::PhantomData))?
                            }
                            None => match map.next_value_seed(crate::lenient::Seed::<T>::new())? {
                                Ok(x) => Some(x),
                                Err(_) => return Err(bail()),
                            },
                        });
                    }
                    _ => {
                        map.next_value::<Checked>()?;
                    }
                }
            }
            match (ok, response) {
                (true, Some(r)) => Ok(r),
                _ => Err(bail()),
            }
        }
    }

    // The tree reader refuses a body that is not UTF-8 wherever the bad bytes are; checked
    // once here, strings are then read without checking each again.
    let text = std::str::from_utf8(body).ok()?;
    let mut de = serde_json::Deserializer::from_str(text);
    let out = (&mut de)
        .deserialize_map(Envelope::<T>(unwrap, std::marker::PhantomData))
        .ok()?;
    de.end().ok()?;
    Some(out)
}

/// Whether a body is a clean success that [`fast_response`] would read: valid JSON,
/// `opstat` `"ok"` once, `response` once, no error status. Checked without building
/// anything, so a binding can then read `response` straight into its own objects (the
/// Python compatibility layer does).
pub fn is_clean_success(status: u16, body: &[u8]) -> bool {
    /// Any JSON value, skipped.
    struct Skip;
    impl Lenient for Skip {
        fn from_json(_: &Value) -> Option<Self> {
            Some(Skip)
        }
        fn to_json(&self) -> Value {
            Value::Null
        }
        fn read<'de, D: serde::Deserializer<'de>>(
            d: D,
        ) -> std::result::Result<crate::lenient::Read<Self>, D::Error> {
            crate::lenient::Checked::deserialize(d).map(|_| Ok(Skip))
        }
    }
    use serde::Deserialize;
    fast_response::<Skip>(status, body, None).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::SystemTime;

    #[test]
    fn retry_after_never_panics() {
        let now = SystemTime::now();
        let p = |v: &str| parse_retry_after(v, now);
        assert_eq!(p("3"), Some(Duration::from_secs(3)));
        assert_eq!(p(" 1.5 "), Some(Duration::from_millis(1500)));
        for huge in [
            "1e20",
            "1e300",
            "99999999999999999999999",
            "18446744073709551616",
        ] {
            assert_eq!(p(huge), Some(MAX_RETRY_AFTER), "{huge}");
        }
        for bad in [
            "", "-1", "-0.5", "NaN", "nan", "inf", "-inf", "soon", "1e", "0x10",
        ] {
            assert_eq!(p(bad), None, "{bad:?}");
        }
        let later = httpdate::fmt_http_date(now + Duration::from_secs(90));
        let d = p(&later).unwrap();
        assert!(
            d > Duration::from_secs(85) && d <= Duration::from_secs(90),
            "{d:?}"
        );
        let past = httpdate::fmt_http_date(now - Duration::from_secs(90));
        assert_eq!(p(&past), Some(Duration::ZERO));
    }
}

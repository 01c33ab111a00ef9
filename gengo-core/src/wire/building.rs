//! Building a request: a prepared request signed at a time (`api_key`, `ts`, `api_sig`, or
//! a bearer token) and laid out as it goes out; the URL of each operation; the
//! authentication of a followed redirect.

use super::encoding::{form_encode, multipart};
use super::{Prepared, RESERVED_PARAMS, WireRequest};
use crate::config::{ApiVersion, Config};
use crate::ops::{Method, Operation};
use crate::{Error, ErrorKind, Result};

/// The URL of `path` under the config's base URL and the operation's version.
pub fn url_for(config: &Config, op: &Operation, path: &str) -> String {
    let version = if op.legacy {
        ApiVersion::V1_1
    } else {
        config.api_version
    };
    let base = &config.base_url;
    if base.contains("{version}") {
        format!("{}/{path}", base.replace("{version}", version.as_str()))
    } else {
        format!("{base}/{}/{path}", version.as_str())
    }
}

/// The URL a same-origin redirect of `original` (a GET or DELETE) is followed to: the
/// redirect's `target` with the call's authentication again, as `original` carried it
/// (`api_key`, then a fresh `ts` and `api_sig`), whatever the `Location` said of them.
/// A bearer token travels in the request's headers, which are sent again as they are.
pub(crate) fn reauthenticate(config: &Config, original: &str, target: &str) -> String {
    let query_of = |u: &str| -> Vec<(String, String)> {
        let u = u.split('#').next().unwrap_or_default();
        u.split_once('?')
            .map(|(_, q)| form_urlencoded::parse(q.as_bytes()).into_owned().collect())
            .unwrap_or_default()
    };
    let had = query_of(original);
    let has = |k: &str| had.iter().any(|(n, _)| n == k);
    let base = target.split(['?', '#']).next().unwrap_or_default();
    let mut pairs: Vec<(String, String)> = query_of(target)
        .into_iter()
        .filter(|(k, _)| !RESERVED_PARAMS.contains(&k.as_str()))
        .collect();
    if has("api_key")
        && let Some(k) = &config.public_key
    {
        pairs.push(("api_key".into(), k.clone()));
    }
    if has("api_sig")
        && let Some((ts, sig)) = config.signature(config.clock.now())
    {
        pairs.push(("ts".into(), ts));
        pairs.push(("api_sig".into(), sig));
    }
    if pairs.is_empty() {
        base.to_string()
    } else {
        format!("{base}?{}", form_encode(&pairs))
    }
}

/// Builds the exact request for prepared params at time `ts`.
pub fn build(config: &Config, prepared: &Prepared, ts: u64, boundary: &str) -> Result<WireRequest> {
    let op = prepared.op;
    let mut auth: Vec<(String, String)> = Vec::new();
    let mut headers = vec![
        ("Accept".to_string(), "application/json".to_string()),
        ("User-Agent".to_string(), config.user_agent()),
    ];
    if let Some(token) = &config.access_token {
        // Token auth replaces api_key, ts and api_sig.
        headers.push((
            "Authorization".to_string(),
            format!("Bearer {}", token.expose()),
        ));
    } else if let Some(k) = &config.public_key {
        auth.push(("api_key".into(), k.clone()));
    }
    if op.signed && config.access_token.is_none() {
        let (ts, sig) = match (&config.public_key, config.signature(ts)) {
            (Some(_), Some(pair)) => pair,
            _ => {
                return Err(Error::new(
                    ErrorKind::Validation,
                    format!(
                        "{} is a signed call: set the public and private keys (GENGO_PUBLIC_KEY, GENGO_PRIVATE_KEY)",
                        op.name
                    ),
                ));
            }
        };
        auth.push(("ts".into(), ts));
        auth.push(("api_sig".into(), sig));
    }
    let url = url_for(config, op, &prepared.path);
    let overridden = config.method_override && matches!(op.method, Method::Put | Method::Delete);
    if op.method.uses_query() && !overridden {
        let mut pairs = prepared.query.clone();
        pairs.extend(auth);
        let q = form_encode(&pairs);
        let url = if q.is_empty() {
            url
        } else {
            format!("{url}?{q}")
        };
        return Ok(WireRequest {
            method: op.method,
            url,
            headers,
            body: Vec::new(),
        });
    }
    let mut fields = auth;
    if overridden {
        fields.push(("_method".into(), op.method.as_str().to_ascii_lowercase()));
        // an overridden DELETE carries its query parameters as form fields
        fields.extend(prepared.query.iter().cloned());
    }
    let body = if prepared.files.is_empty() {
        headers.push((
            "Content-Type".into(),
            "application/x-www-form-urlencoded".into(),
        ));
        let mut body = form_encode(&fields).into_bytes();
        if let Some(form) = &prepared.data_form {
            body.reserve_exact(form.len() + 1);
            if !body.is_empty() {
                body.push(b'&');
            }
            body.extend_from_slice(form);
        } else if let Some(text) = prepared.data_text() {
            // `data` goes last, percent-encoded straight into the body (the same bytes as
            // one more `append_pair`, without the copies).
            body.reserve(text.len() + text.len() / 2 + 6);
            if !body.is_empty() {
                body.push(b'&');
            }
            body.extend_from_slice(b"data=");
            for chunk in form_urlencoded::byte_serialize(text.as_bytes()) {
                body.extend_from_slice(chunk.as_bytes());
            }
        }
        body
    } else {
        if let Some(text) = prepared.data_text() {
            fields.push(("data".into(), text.into_owned()));
        }
        headers.push((
            "Content-Type".into(),
            format!("multipart/form-data; boundary={boundary}"),
        ));
        multipart(boundary, &fields, &prepared.files)
    };
    Ok(WireRequest {
        method: if overridden { Method::Post } else { op.method },
        url,
        headers,
        body,
    })
}

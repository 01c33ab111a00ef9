//! Redirects: followed for GET and DELETE within the origin only, with the call's
//! authentication again; refused across origins, so credentials never leave their host.

use std::time::Instant;

use super::{AttemptError, Deadline, RawResponse, run_once};
use crate::config::Config;
use crate::wire::WireRequest;
use crate::{Error, ErrorKind};

/// `scheme://host:port` of a URL, lowercased, with the default port made explicit.
pub(crate) fn origin(url: &str) -> Option<String> {
    let (scheme, rest) = url.split_once("://")?;
    let scheme = scheme.to_ascii_lowercase();
    let authority = rest.split(['/', '?', '#']).next()?.to_ascii_lowercase();
    let authority = authority.rsplit('@').next()?.to_string();
    let has_port = authority.rsplit_once(':').is_some_and(|(h, p)| {
        !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()) && !h.ends_with(':')
    }) && !authority.ends_with(']');
    let default = if scheme == "https" { 443 } else { 80 };
    Some(if has_port {
        format!("{scheme}://{authority}")
    } else {
        format!("{scheme}://{authority}:{default}")
    })
}

fn resolve_location(base: &str, location: &str) -> Option<String> {
    if location.contains("://") {
        return Some(location.to_string());
    }
    let (scheme, rest) = base.split_once("://")?;
    let authority = rest.split(['/', '?', '#']).next()?;
    if let Some(path) = location.strip_prefix('/') {
        if path.starts_with('/') {
            return Some(format!("{scheme}:{location}"));
        }
        return Some(format!("{scheme}://{authority}/{path}"));
    }
    let base_path = base.split(['?', '#']).next()?;
    let dir = base_path.rsplit_once('/').map(|(d, _)| d)?;
    Some(format!("{dir}/{location}"))
}

/// Sends `req`, following same-origin redirects for GET and DELETE (at most 5) with the
/// call's authentication on the new URL, and refusing any redirect to another origin, so
/// credentials never leave the host they were meant for.
pub(crate) fn send(
    agent: &ureq::Agent,
    config: &Config,
    req: &WireRequest,
    deadline: &Deadline,
) -> std::result::Result<RawResponse, AttemptError> {
    let mut url = req.url.clone();
    let first_origin = origin(&req.url);
    for _ in 0..=5 {
        let started = Instant::now();
        let resp = run_once(agent, config, req, &url, deadline)?;
        log::debug!(
            "gengo: {} {} -> {} in {:?}",
            req.method.as_str(),
            crate::wire::redact_query(&url),
            resp.status,
            started.elapsed()
        );
        let Some(loc) = resp.location.as_deref() else {
            return Ok(resp);
        };
        let target = resolve_location(&url, loc).unwrap_or_default();
        let refuse = |why: &str| AttemptError {
            error: Error::new(
                ErrorKind::Http,
                format!(
                    "HTTP {} redirect {why}; credentials were not sent",
                    resp.status
                ),
            )
            .with_status(Some(resp.status)),
            refused: false,
        };
        if origin(&target) != first_origin || first_origin.is_none() {
            return Err(refuse("to another host refused"));
        }
        if !req.method.is_idempotent() {
            return Err(refuse("of a POST/PUT not followed"));
        }
        // The new URL gets the call's authentication again (a fresh signature).
        url = crate::wire::reauthenticate(config, &req.url, &target);
    }
    Err(AttemptError {
        error: Error::new(ErrorKind::Http, "too many redirects"),
        refused: false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origins_compare_with_default_ports() {
        assert_eq!(
            origin("https://API.gengo.com/v2/x?y"),
            Some("https://api.gengo.com:443".into())
        );
        assert_eq!(
            origin("http://127.0.0.1:8080/v2"),
            Some("http://127.0.0.1:8080".into())
        );
        assert_eq!(origin("http://[::1]/x"), Some("http://[::1]:80".into()));
        assert_eq!(origin("http://[::1]:81/x"), Some("http://[::1]:81".into()));
    }

    #[test]
    fn locations_resolve() {
        let b = "http://h:1/v2/a/b?q=1";
        assert_eq!(resolve_location(b, "/x").unwrap(), "http://h:1/x");
        assert_eq!(resolve_location(b, "c").unwrap(), "http://h:1/v2/a/c");
        assert_eq!(resolve_location(b, "//evil/x").unwrap(), "http://evil/x");
        assert_eq!(resolve_location(b, "https://e/").unwrap(), "https://e/");
    }
}

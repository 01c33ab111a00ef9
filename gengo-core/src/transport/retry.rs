//! Retries: which failures may be repeated (never one that could order twice), within the
//! call's one deadline; and what an error says of trying again.

use super::limiter::RateLimiter;
use super::{AttemptError, Deadline, RawResponse, send};
use crate::config::Config;
use crate::ops::Method;
use crate::wire::WireRequest;
use crate::{Error, ErrorKind, Result};

/// HTTP statuses of a failure that can pass: a GET or DELETE answered so is retried.
pub(crate) const RETRY_STATUSES: [u16; 5] = [429, 500, 502, 503, 504];

/// Whether a failed attempt may be repeated without doubling anything.
pub(crate) fn retryable(
    method: Method,
    outcome: &std::result::Result<RawResponse, AttemptError>,
) -> bool {
    match outcome {
        // A 429 is Gengo refusing to act (Decision D14): repeating it doubles nothing.
        Ok(r) => r.status == 429 || (method.is_idempotent() && RETRY_STATUSES.contains(&r.status)),
        Err(a) => attempt_retryable(method, a),
    }
}

fn attempt_retryable(method: Method, a: &AttemptError) -> bool {
    a.refused
        || (method.is_idempotent()
            && matches!(a.error.kind(), ErrorKind::Transport | ErrorKind::Timeout))
}

/// Settles [`Error::is_retryable`] for the error a call of `method` ends with: rate
/// limited (nothing was acted on), a retryable status of a GET or DELETE, and transport
/// failures as the transport judged them (a refused connection for any method).
pub(crate) fn settle_retryable(e: Error, method: Method) -> Error {
    let r = match e.kind() {
        ErrorKind::RateLimited => true,
        ErrorKind::Http => {
            method.is_idempotent() && e.http_status().is_some_and(|s| RETRY_STATUSES.contains(&s))
        }
        ErrorKind::Transport | ErrorKind::Timeout => e.is_retryable(),
        _ => false,
    };
    e.with_retryable(r)
}

/// Sends with retries per the config's policy, sleeping between attempts. The config's
/// `timeout` bounds the whole call: every attempt, redirect, backoff, `Retry-After` and
/// rate-limit wait together. A wait that would end after the deadline is not started:
/// the call fails at once with the last attempt's error (a 429 as rate limited,
/// carrying the server's `Retry-After`).
pub(crate) fn send_with_retries(
    agent: &ureq::Agent,
    config: &Config,
    limiter: Option<&RateLimiter>,
    mut build: impl FnMut() -> Result<WireRequest>,
) -> Result<RawResponse> {
    let policy = &config.retry;
    let deadline = Deadline::after(config.timeout);
    let mut attempt = 0u32;
    loop {
        let req = build()?;
        let permit = limiter.map(|l| l.acquire(&deadline)).transpose()?;
        let outcome = send(agent, config, &req, &deadline);
        // The token frees one window after this answer (the server counted the request
        // before it).
        drop(permit);
        if attempt < policy.max_retries && retryable(req.method, &outcome) {
            let retry_after = match &outcome {
                Ok(r) => r.retry_after,
                Err(_) => None,
            };
            let delay = policy.delay(attempt + 1, retry_after);
            // A Retry-After longer than the policy allows, or a wait that would end
            // after the call's deadline, ends the retries now.
            let too_long = retry_after.is_some_and(|ra| ra > policy.max_delay);
            if !too_long && delay < deadline.remaining() {
                attempt += 1;
                log::info!(
                    "gengo: {} {} failed ({}), retry {attempt} in {delay:?}",
                    req.method.as_str(),
                    crate::wire::redact_query(&req.url),
                    match &outcome {
                        Ok(r) => format!("HTTP {}", r.status),
                        Err(a) => a.error.kind().to_string(),
                    }
                );
                std::thread::sleep(delay);
                continue;
            }
        }
        return outcome.map_err(|a| {
            let r = attempt_retryable(req.method, &a);
            a.error.with_retryable(r)
        });
    }
}

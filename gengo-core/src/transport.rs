//! Sending requests: one ureq agent (keep-alive pool), deadlines, redirects that never
//! leave the origin, a bounded body, safe retries and a shared rate limit.

use std::collections::HashMap;
use std::io;
use std::io::Read;
use std::net::{IpAddr, SocketAddr};
use std::sync::{Condvar, Mutex};
use std::time::{Duration, Instant, SystemTime};

use ureq::http;

use crate::config::Config;
use crate::envelope::parse_retry_after;
use crate::ops::Method;
use crate::wire::WireRequest;
use crate::{Error, ErrorKind, Result};

/// A response as received.
#[derive(Debug, Clone)]
pub struct RawResponse {
    /// HTTP status.
    pub status: u16,
    /// `Content-Type`, when sent.
    pub content_type: Option<String>,
    /// `Retry-After`, parsed.
    pub retry_after: Option<Duration>,
    /// `Location` of a redirect.
    pub location: Option<String>,
    /// The body (at most `max_response_bytes`).
    pub body: Vec<u8>,
}

/// Why one attempt failed, with whether the request can have reached the server.
pub(crate) struct AttemptError {
    pub error: Error,
    /// The connection was refused: the request provably never reached the server.
    pub refused: bool,
}

/// The one deadline of a call: every attempt, redirect, backoff and wait shares it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Deadline {
    at: Option<Instant>,
    timeout: Duration,
}

impl Deadline {
    /// A deadline `timeout` from now (none, if that is beyond what `Instant` holds).
    pub(crate) fn after(timeout: Duration) -> Self {
        Deadline {
            at: Instant::now().checked_add(timeout),
            timeout,
        }
    }
    /// Time left (zero once passed).
    pub(crate) fn remaining(&self) -> Duration {
        match self.at {
            Some(at) => at.saturating_duration_since(Instant::now()),
            None => Duration::MAX,
        }
    }
    /// The error for a call whose deadline passed.
    pub(crate) fn passed(&self, host: &str, during: &str) -> Error {
        Error::new(
            ErrorKind::Timeout,
            format!(
                "{host}: the call's deadline ({:?}) passed {during}",
                self.timeout
            ),
        )
    }
}

/// A client-side limit of N requests in any 60-second window, shared by every clone of
/// a client, that a server with the same limit never contradicts.
///
/// The limiter holds N tokens. A request takes the token that frees first, and gives it
/// back when its answer has arrived (or the attempt failed): the token frees one window
/// (plus [`RATE_LIMIT_MARGIN`]) after that. A server counts a request when it arrives,
/// which is before the client has its answer, so two uses of one token always arrive a
/// full window apart there, and no window of the server's ever holds more than N
/// (counting from when a request was *sent* disagrees at the edge: a first request that
/// spent time connecting reaches the server later than a request sent 60 s after it on a
/// warm connection). A waiting call owns the token it waits for, so it is never
/// overtaken: it is sent at the time it was promised, or, when that time is after its
/// deadline, it fails at once (rate limited, with the wait as `retry_after`), never after
/// waiting. Waiting sleeps (never spins).
#[derive(Debug)]
pub struct RateLimiter {
    per_minute: usize,
    window: Duration,
    /// When each token frees: `Some(t)` idle from `t` on, `None` taken.
    tokens: Mutex<Vec<Option<Instant>>>,
    returned: Condvar,
}

/// What the client adds to its window: the server's clock may run a little fast, or count
/// a request when it has answered it.
pub const RATE_LIMIT_MARGIN: Duration = Duration::from_millis(500);

/// A token taken from a [`RateLimiter`]: given back, freeing one window later, when
/// dropped (after the attempt's answer, or its failure).
#[derive(Debug)]
pub(crate) struct Permit<'a> {
    limiter: &'a RateLimiter,
    index: usize,
}

impl Drop for Permit<'_> {
    fn drop(&mut self) {
        let mut tokens = self
            .limiter
            .tokens
            .lock()
            .unwrap_or_else(|p| p.into_inner());
        tokens[self.index] = Some(Instant::now() + self.limiter.window + RATE_LIMIT_MARGIN);
        drop(tokens);
        self.limiter.returned.notify_all();
    }
}

impl RateLimiter {
    /// A limiter allowing `per_minute` requests in any minute.
    pub fn new(per_minute: u32) -> Self {
        let n = per_minute.max(1) as usize;
        RateLimiter {
            per_minute: n,
            window: Duration::from_secs(60),
            tokens: Mutex::new(vec![Some(Instant::now()); n]),
            returned: Condvar::new(),
        }
    }

    fn refuse(&self, wait: Duration) -> Error {
        Error::new(
            ErrorKind::RateLimited,
            format!(
                "client-side rate limit of {} requests a minute: the next slot is in {wait:.1?}, after the call's deadline; nothing was sent",
                self.per_minute
            ),
        )
        .with_retry_after(Some(wait))
    }

    /// Waits for a token and returns it, or fails at once (rate limited, with the wait
    /// as `retry_after`) when the next free token comes after the call's deadline.
    pub(crate) fn acquire(&self, deadline: &Deadline) -> Result<Permit<'_>> {
        let mut tokens = self.tokens.lock().unwrap_or_else(|p| p.into_inner());
        loop {
            let remaining = deadline.remaining();
            let first = tokens
                .iter()
                .enumerate()
                .filter_map(|(i, t)| t.map(|t| (i, t)))
                .min_by_key(|(_, t)| *t);
            match first {
                Some((index, at)) => {
                    let wait = at.saturating_duration_since(Instant::now());
                    if !wait.is_zero() && wait >= remaining {
                        return Err(self.refuse(wait));
                    }
                    // Taken before sleeping: no other call can have it meanwhile.
                    tokens[index] = None;
                    drop(tokens);
                    let permit = Permit {
                        limiter: self,
                        index,
                    };
                    if !wait.is_zero() {
                        log::debug!("gengo: client-side rate limit, waiting {wait:?}");
                        std::thread::sleep(wait);
                    }
                    return Ok(permit);
                }
                None => {
                    // Every token is in use: none frees before a window from now.
                    let soonest = self.window + RATE_LIMIT_MARGIN;
                    if soonest >= remaining {
                        return Err(self.refuse(soonest));
                    }
                    tokens = self
                        .returned
                        .wait_timeout(tokens, remaining)
                        .unwrap_or_else(|p| p.into_inner())
                        .0;
                }
            }
        }
    }
}

/// How long a resolved host name is reused before it is looked up again.
const DNS_TTL: Duration = Duration::from_secs(60);

/// The agent's resolver. ureq resolves the host on every request, before it looks for a
/// pooled connection, and with a timeout set its default resolver spawns a thread per
/// lookup. This one answers IP literals at once and reuses a name's addresses for
/// [`DNS_TTL`], so a call on a kept-alive connection starts no thread and makes no
/// lookup; names are still resolved (with the call's deadline) when they expire.
#[derive(Debug, Default)]
pub(crate) struct CachingResolver {
    inner: ureq::unversioned::resolver::DefaultResolver,
    cache: Mutex<HashMap<String, (Instant, ureq::unversioned::resolver::ResolvedSocketAddrs)>>,
}

impl ureq::unversioned::resolver::Resolver for CachingResolver {
    fn resolve(
        &self,
        uri: &http::Uri,
        config: &ureq::config::Config,
        timeout: ureq::unversioned::transport::NextTimeout,
    ) -> std::result::Result<ureq::unversioned::resolver::ResolvedSocketAddrs, ureq::Error> {
        let Some(authority) = uri.authority() else {
            return self.inner.resolve(uri, config, timeout);
        };
        let default_port = match uri.scheme_str() {
            Some("https") => 443,
            _ => 80,
        };
        let port = authority.port_u16().unwrap_or(default_port);
        let host = authority.host();
        let literal = host.trim_start_matches('[').trim_end_matches(']');
        if let Ok(ip) = literal.parse::<IpAddr>() {
            let mut out = self.inner.empty();
            out.push(SocketAddr::new(ip, port));
            return Ok(out);
        }
        let key = format!("{host}:{port}");
        let now = Instant::now();
        if let Some((at, addrs)) = self
            .cache
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .get(&key)
            && now.duration_since(*at) < DNS_TTL
        {
            return Ok(addrs.clone());
        }
        let addrs = self.inner.resolve(uri, config, timeout)?;
        let mut cache = self.cache.lock().unwrap_or_else(|p| p.into_inner());
        if cache.len() > 64 {
            cache.clear();
        }
        cache.insert(key, (now, addrs.clone()));
        Ok(addrs)
    }
}

/// Builds the agent: deadlines, no automatic redirects, HTTP statuses as responses.
/// TLS is rustls with the webpki roots, verified for every host and method; there is
/// no switch to turn verification off.
/// Idle keep-alive connections a client keeps for Gengo's host: enough for a client
/// shared by that many threads or awaits without reconnecting (ureq keeps 3 by default).
/// Python's `AsyncClient` sizes its executor from this.
pub const POOL_CONNECTIONS: usize = 64;

pub(crate) fn agent(config: &Config) -> ureq::Agent {
    let agent_config = ureq::Agent::config_builder()
        .timeout_connect(Some(config.connect_timeout))
        .timeout_global(Some(config.timeout))
        .http_status_as_error(false)
        .max_redirects(0)
        // Gengo is one host: see POOL_CONNECTIONS.
        .max_idle_connections(POOL_CONNECTIONS)
        .max_idle_connections_per_host(POOL_CONNECTIONS)
        .user_agent(config.user_agent())
        .accept("application/json")
        .build();
    ureq::Agent::with_parts(
        agent_config,
        ureq::unversioned::transport::DefaultConnector::new(),
        CachingResolver::default(),
    )
}

fn find_rustls(e: &(dyn std::error::Error + 'static)) -> bool {
    let mut cur: Option<&(dyn std::error::Error + 'static)> = Some(e);
    while let Some(c) = cur {
        if c.is::<rustls::Error>() {
            return true;
        }
        if let Some(io) = c.downcast_ref::<io::Error>()
            && let Some(inner) = io.get_ref()
            && inner.is::<rustls::Error>()
        {
            return true;
        }
        cur = c.source();
    }
    false
}

fn classify(e: ureq::Error, url: &str) -> AttemptError {
    let host = origin(url).unwrap_or_default();
    let (kind, refused, msg) = match &e {
        ureq::Error::Timeout(t) => (
            ErrorKind::Timeout,
            false,
            format!("{host}: timed out ({t})"),
        ),
        // Errors found before anything was sent, that no retry can mend.
        ureq::Error::BadUri(_) | ureq::Error::Http(_) | ureq::Error::InvalidProxyUrl => (
            ErrorKind::InvalidArgument,
            false,
            format!("{host}: cannot build the request: {e}"),
        ),
        ureq::Error::Io(io) if io.kind() == io::ErrorKind::ConnectionRefused => (
            ErrorKind::Transport,
            true,
            format!("{host}: connection refused"),
        ),
        ureq::Error::Io(io) if io.kind() == io::ErrorKind::TimedOut => {
            (ErrorKind::Timeout, false, format!("{host}: timed out"))
        }
        ureq::Error::Io(io) if find_rustls(io) => {
            (ErrorKind::Tls, false, format!("{host}: TLS failed: {io}"))
        }
        ureq::Error::Rustls(r) => (ErrorKind::Tls, false, format!("{host}: TLS failed: {r}")),
        ureq::Error::Tls(t) => (ErrorKind::Tls, false, format!("{host}: TLS failed: {t}")),
        ureq::Error::Pem(p) => (ErrorKind::Tls, false, format!("{host}: TLS failed: {p}")),
        ureq::Error::HostNotFound => (
            ErrorKind::Transport,
            false,
            format!("{host}: host not found"),
        ),
        other => (ErrorKind::Transport, false, format!("{host}: {other}")),
    };
    AttemptError {
        error: Error::new(kind, msg).with_source(e),
        refused,
    }
}

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

fn run_once(
    agent: &ureq::Agent,
    config: &Config,
    req: &WireRequest,
    url: &str,
    deadline: &Deadline,
) -> std::result::Result<RawResponse, AttemptError> {
    let remaining = deadline.remaining();
    if remaining.is_zero() {
        return Err(AttemptError {
            error: deadline.passed(&origin(url).unwrap_or_default(), "before the request"),
            refused: false,
        });
    }
    let mut builder = http::Request::builder()
        .method(req.method.as_str())
        .uri(url);
    for (k, v) in &req.headers {
        builder = builder.header(k.as_str(), v.as_str());
    }
    // Built before a byte is sent: such an error can never be mended by a retry.
    let cannot_build = |e: http::Error| AttemptError {
        error: Error::invalid_argument(format!("cannot build the request: {e}")),
        refused: false,
    };
    // This attempt gets what is left of the call's deadline, no more.
    let connect = config.connect_timeout.min(remaining);
    let result = if req.body.is_empty() && req.method.uses_query() {
        let r = builder.body(()).map_err(cannot_build)?;
        let r = agent
            .configure_request(r)
            .timeout_global(Some(remaining))
            .timeout_connect(Some(connect))
            .build();
        agent.run(r)
    } else {
        let r = builder.body(req.body.as_slice()).map_err(cannot_build)?;
        let r = agent
            .configure_request(r)
            .timeout_global(Some(remaining))
            .timeout_connect(Some(connect))
            .build();
        agent.run(r)
    };
    let mut resp = result.map_err(|e| classify(e, url))?;
    let status = resp.status().as_u16();
    let header = |name: &str| {
        resp.headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string)
    };
    let content_type = header("content-type");
    let retry_after = header("retry-after").and_then(|v| parse_retry_after(&v, SystemTime::now()));
    let location = header("location");
    // Sized from Content-Length up front (within the limit): a large body is read
    // into one allocation instead of a doubling series of copies.
    let expected = resp.body().content_length().unwrap_or(0);
    let mut body =
        Vec::with_capacity(expected.min(config.max_response_bytes).min(64 << 20) as usize);
    resp.body_mut()
        .with_config()
        .limit(config.max_response_bytes)
        .reader()
        .read_to_end(&mut body)
        .map(drop)
        .map_err(|e| {
            // As ureq's own read_to_vec converts it (its errors come back out of io).
            let e = ureq::Error::from(e);
            if matches!(e, ureq::Error::BodyExceedsLimit(_)) {
                // Not retryable: the same server would send the same body again.
                AttemptError {
                    error: Error::new(
                        ErrorKind::Decode,
                        format!(
                            "response larger than {} bytes (max_response_bytes); not read, not retried",
                            config.max_response_bytes
                        ),
                    )
                    .with_status(Some(status)),
                    refused: false,
                }
            } else {
                classify(e, url)
            }
        })?;
    Ok(RawResponse {
        status,
        content_type,
        retry_after,
        location: location.filter(|_| (300..400).contains(&status)),
        body,
    })
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

    #[test]
    fn a_rate_limiter_token_frees_a_window_after_its_answer() {
        let l = RateLimiter::new(3);
        let d = Deadline::after(Duration::from_secs(120));
        let permits: Vec<_> = (0..3).map(|_| l.acquire(&d).unwrap()).collect();
        // Every token in use, a 10 s deadline: refused at once, never after waiting.
        let short = Deadline::after(Duration::from_secs(10));
        let t = Instant::now();
        let e = l.acquire(&short).unwrap_err();
        assert!(t.elapsed() < Duration::from_secs(1));
        assert_eq!(e.kind(), ErrorKind::RateLimited);
        assert!(e.retry_after().unwrap() >= Duration::from_secs(60));
        let answered = Instant::now();
        drop(permits);
        let free = *l.tokens.lock().unwrap().iter().flatten().min().unwrap();
        assert!(free >= answered + Duration::from_secs(60) + RATE_LIMIT_MARGIN);
        // Still refused at once: the freed tokens come after a 10 s deadline.
        assert!(l.acquire(&short).is_err());
    }
}

//! Sending requests: one ureq agent (keep-alive pool), deadlines, redirects that never
//! leave the origin (`redirect`), a bounded body, safe retries (`retry`) and a shared
//! rate limit ([`limiter`]).

mod dns;
pub mod limiter;
mod redirect;
mod retry;

use std::io;
use std::io::Read;
use std::time::{Duration, Instant, SystemTime};

use ureq::http;

use crate::config::Config;
use crate::envelope::parse_retry_after;
use crate::wire::WireRequest;
use crate::{Error, ErrorKind};

pub use limiter::{RATE_LIMIT_MARGIN, RateLimiter};
pub(crate) use redirect::{origin, send};
pub(crate) use retry::{send_with_retries, settle_retryable};

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
        dns::CachingResolver::default(),
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

pub(crate) fn classify(e: ureq::Error, url: &str) -> AttemptError {
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

/// Sends one attempt's request to `url` with no more time than `remaining` (and `connect`
/// to connect); `request` is the builder's result (an error there is one no retry can
/// mend: nothing was sent).
fn run_within<B: ureq::AsSendBody>(
    agent: &ureq::Agent,
    url: &str,
    request: http::Result<http::Request<B>>,
    remaining: Duration,
    connect: Duration,
) -> std::result::Result<http::Response<ureq::Body>, AttemptError> {
    let request = request.map_err(|e| AttemptError {
        error: Error::invalid_argument(format!("cannot build the request: {e}")),
        refused: false,
    })?;
    let request = agent
        .configure_request(request)
        .timeout_global(Some(remaining))
        .timeout_connect(Some(connect))
        .build();
    agent.run(request).map_err(|e| classify(e, url))
}

pub(crate) fn run_once(
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
    // This attempt gets what is left of the call's deadline, no more.
    let connect = config.connect_timeout.min(remaining);
    let result = if req.body.is_empty() && req.method.uses_query() {
        run_within(agent, url, builder.body(()), remaining, connect)
    } else {
        run_within(
            agent,
            url,
            builder.body(req.body.as_slice()),
            remaining,
            connect,
        )
    };
    let mut resp = result?;
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

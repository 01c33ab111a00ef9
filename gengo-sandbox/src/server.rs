//! The HTTP layer: parses requests into [`Incoming`], runs the clock and delivers
//! callbacks. All rules live in [`crate::state`].

use std::net::SocketAddr;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use axum::body::{Body, to_bytes};
use axum::extract::{ConnectInfo, Request, State as AxState};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::Response;
use gengo_core::Decimal;
use serde_json::{Value, json};
use tokio::sync::oneshot;

use crate::clock::wall_secs;
use crate::options::Options;
use crate::state::{Incoming, Reply, State, UploadedFile};
use crate::xml::{self, Format};

pub(crate) type Shared = Arc<Mutex<State>>;

pub(crate) fn lock(s: &Shared) -> MutexGuard<'_, State> {
    // A panic in one request must not take the sandbox down with a poisoned lock.
    s.lock().unwrap_or_else(|p| p.into_inner())
}

fn to_response(r: Reply) -> Response {
    let mut resp = Response::new(Body::from(r.body));
    *resp.status_mut() = StatusCode::from_u16(r.status).unwrap_or(StatusCode::OK);
    if let Ok(v) = HeaderValue::from_str(&r.content_type) {
        resp.headers_mut().insert(header::CONTENT_TYPE, v);
    }
    for (k, v) in r.headers {
        if let (Ok(k), Ok(v)) = (header::HeaderName::try_from(k), HeaderValue::from_str(&v)) {
            resp.headers_mut().insert(k, v);
        }
    }
    resp
}

async fn parse_multipart(
    body: bytes_alias::Bytes,
    boundary: String,
    inc: &mut Incoming,
) -> Result<(), String> {
    let stream = futures_util::stream::once(async move { Ok::<_, std::io::Error>(body) });
    let mut mp = multer::Multipart::new(stream, boundary);
    while let Some(field) = mp.next_field().await.map_err(|e| e.to_string())? {
        let name = field.name().unwrap_or_default().to_string();
        let filename = field.file_name().map(str::to_string);
        let bytes = field.bytes().await.map_err(|e| e.to_string())?;
        match filename {
            Some(f) => inc.files.push(UploadedFile {
                field: name,
                filename: f,
                bytes: bytes.to_vec(),
            }),
            None => inc
                .form
                .push((name, String::from_utf8_lossy(&bytes).into_owned())),
        }
    }
    Ok(())
}

mod bytes_alias {
    pub use axum::body::Bytes;
}

fn is_length_limit(e: &axum::Error) -> bool {
    let mut cur: Option<&(dyn std::error::Error + 'static)> = Some(e);
    while let Some(c) = cur {
        if c.is::<http_body_util::LengthLimitError>() {
            return true;
        }
        cur = c.source();
    }
    false
}

async fn handle(
    AxState(shared): AxState<Shared>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    req: Request,
) -> Response {
    let limit = lock(&shared).options.max_body_bytes;
    let (parts, body) = req.into_parts();
    let query: Vec<(String, String)> =
        form_urlencoded::parse(parts.uri.query().unwrap_or("").as_bytes())
            .into_owned()
            .collect();
    let accept = parts
        .headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    let param = |pairs: &[(String, String)]| {
        pairs
            .iter()
            .find(|(k, _)| k == "format")
            .map(|(_, v)| v.clone())
    };
    let mut format = Format::choose(param(&query).as_deref(), accept.as_deref());
    let body = match to_bytes(body, limit).await {
        Ok(b) => b,
        // Too large is 413; a truncated or badly chunked body is the client's bad
        // request (400), not a size problem.
        Err(e) if is_length_limit(&e) => {
            return render(Reply::error(413, "Request Entity Too Large"), format);
        }
        Err(_) => {
            return render(
                Reply::error(
                    400,
                    "Bad Request: the request body is truncated or badly framed",
                ),
                format,
            );
        }
    };
    let path = parts.uri.path().to_string();
    let ctype = parts
        .headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    if path == "/_sandbox" || path.starts_with("/_sandbox/") {
        let reply = control(&mut lock(&shared), parts.method.as_str(), &path, &body);
        return to_response(reply);
    }
    let mut inc = Incoming {
        method: parts.method.as_str().to_string(),
        path,
        query,
        client: peer.ip().to_string(),
        ..Default::default()
    };
    let lower = ctype.to_ascii_lowercase();
    if lower.starts_with("multipart/form-data") {
        let Ok(boundary) = multer::parse_boundary(&ctype) else {
            return render(
                Reply::error(400, "Bad Request: multipart without a boundary"),
                format,
            );
        };
        if let Err(e) = parse_multipart(body, boundary, &mut inc).await {
            return render(
                Reply::error(400, &format!("Bad Request: malformed multipart body ({e})")),
                format,
            );
        }
    } else if lower.starts_with("application/json") {
        if !body.is_empty() {
            match serde_json::from_slice::<Value>(&body) {
                Ok(v) => inc.json_body = Some(v),
                Err(_) => {
                    return render(Reply::error(1251, "JSON data cannot be decoded"), format);
                }
            }
        }
    } else if !body.is_empty() {
        // Forms (and bodies without a content type, as some clients send them).
        inc.form = form_urlencoded::parse(&body).into_owned().collect();
    }
    if let Some(f) = param(&inc.form) {
        format = Format::choose(Some(&f), accept.as_deref());
    }
    let reply = lock(&shared).handle(inc, wall_secs());
    render(reply, format)
}

/// The reply in the format the request asked for (JSON replies become XML documents
/// when asked; files stay as they are).
fn render(mut reply: Reply, format: Format) -> Response {
    if format == Format::Xml
        && reply.content_type == "application/json"
        && let Ok(v) = serde_json::from_slice::<Value>(&reply.body)
    {
        reply.body = xml::document(&v).into_bytes();
        reply.content_type = "application/xml".into();
    }
    to_response(reply)
}

/// Answers one control-API request (`/_sandbox/...`, see [`CONTROL_DOC`]) against the
/// state. Public so tests and fuzzers can drive it without a socket.
pub fn control(st: &mut State, method: &str, path: &str, body: &[u8]) -> Reply {
    let args: Value = if body.is_empty() {
        json!({})
    } else {
        match serde_json::from_slice(body) {
            Ok(v) => v,
            Err(e) => {
                return Reply::json(400, &json!({"error": format!("body must be JSON: {e}")}));
            }
        }
    };
    let s = |k: &str| args.get(k).and_then(Value::as_str).map(str::to_string);
    let dec = |k: &str| args.get(k).and_then(gengo_core::lenient::decimal_from_json);
    let segs: Vec<&str> = path.trim_matches('/').split('/').skip(1).collect();
    let ok = |v: Value| Reply::json(200, &v);
    let bad = |status: u16, m: String| Reply::json(status, &json!({"error": m}));
    match (method, segs.as_slice()) {
        ("GET", []) => ok(json!({"sandbox": st.summary(), "endpoints": CONTROL_DOC})),
        ("POST", ["accounts"]) => {
            let a = st.create_account(
                s("public_key"),
                s("private_key"),
                dec("credits").unwrap_or(Decimal::new(1000, 0)),
                s("callback_url"),
                s("email"),
            );
            ok(
                json!({"public_key": a.public_key, "private_key": a.private_key, "credits": a.credits.to_string(), "callback_url": a.callback_url}),
            )
        }
        ("POST", ["accounts", key, "jobs"]) => {
            let status = s("status");
            let mut data = args.clone();
            if let Some(o) = data.as_object_mut() {
                o.remove("status");
            }
            match st.seed_jobs(key, data, status.as_deref()) {
                Ok(v) => ok(v),
                Err(e) => Reply::json(400, &e),
            }
        }
        ("POST", ["accounts", key, "glossaries"]) => {
            let targets = args.get("targets").and_then(Value::as_array).map(|a| {
                a.iter()
                    .filter_map(Value::as_str)
                    .map(str::to_string)
                    .collect()
            });
            match st.seed_glossary(key, s("title"), s("lc_src"), targets, s("csv")) {
                Some(g) => ok(g),
                None => bad(404, format!("no account {key}")),
            }
        }
        ("POST", ["accounts", key, "credits"]) => match dec("amount") {
            None => bad(400, "amount is required".into()),
            Some(amount) => match st.add_credits(key, amount) {
                Some(c) => ok(json!({"credits": c.to_string()})),
                None => bad(404, format!("no account {key}")),
            },
        },
        ("PUT", ["accounts", key, "callback_url"]) => {
            if st.set_callback_url(key, s("url")) {
                ok(json!({"callback_url": s("url")}))
            } else {
                bad(404, format!("no account {key}"))
            }
        }
        ("POST", ["advance"]) => match args.get("seconds").and_then(Value::as_f64) {
            Some(secs) => match st.clock.advance(secs) {
                Ok(()) => {
                    st.tick();
                    ok(st.summary())
                }
                Err(why) => bad(400, why),
            },
            None => bad(400, "seconds must be a number >= 0".into()),
        },
        ("POST", ["tick"]) => {
            st.tick();
            ok(st.summary())
        }
        ("POST", ["jobs", id, "status"]) => {
            let Ok(id) = id.parse::<u64>() else {
                return bad(400, "job id must be a number".into());
            };
            if let Some(text) = s("body_tgt")
                && let Err(e) = st.set_translation(id, &text)
            {
                return bad(400, e);
            }
            match st.force_status(id, &s("status").unwrap_or_default()) {
                Ok(job) => ok(json!({"job": job})),
                Err(e) => bad(400, e),
            }
        }
        ("GET", ["callbacks"]) => ok(Value::Array(
            st.deliveries().iter().map(|d| d.to_json()).collect(),
        )),
        ("POST", ["reset"]) => {
            let opts = st.options.clone();
            *st = State::new(opts);
            ok(st.summary())
        }
        _ => bad(
            404,
            format!("no control endpoint {method} {path}; GET /_sandbox lists them"),
        ),
    }
}

/// The control API, as `GET /_sandbox` describes it.
pub const CONTROL_DOC: &[&str] = &[
    "GET  /_sandbox                                   clock, counts and this list",
    "POST /_sandbox/accounts {public_key?, private_key?, credits?, callback_url?, email?}   create an account",
    "POST /_sandbox/accounts/{public_key}/credits {amount}   add credits",
    "POST /_sandbox/accounts/{public_key}/glossaries {title?, lc_src?, targets?, csv?}   give the account a glossary",
    "POST /_sandbox/accounts/{public_key}/jobs {jobs, ..., status?}   order jobs for the account (no signature) and move them to status",
    "PUT  /_sandbox/accounts/{public_key}/callback_url {url} set the default callback URL",
    "POST /_sandbox/advance {seconds}                 move the sandbox clock forward and apply what is due",
    "POST /_sandbox/tick                              apply what is due now",
    "POST /_sandbox/jobs/{id}/status {status, body_tgt?} move a job to a status (fires its callback), with this translation",
    "GET  /_sandbox/callbacks                         every callback with its attempts",
    "POST /_sandbox/reset                             forget everything but the demo account",
];

async fn deliver(shared: Shared, agent: ureq::Agent) {
    let due = lock(&shared).take_due_callbacks();
    for (id, url, body) in due {
        let agent = agent.clone();
        let result = tokio::task::spawn_blocking(move || {
            agent
                .post(&url)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("User-Agent", "gengo-sandbox")
                .send(body.as_bytes())
                .map(|r| r.status().as_u16())
                .map_err(|e| e.to_string())
        })
        .await
        .unwrap_or_else(|e| Err(e.to_string()));
        lock(&shared).callback_result(id, result);
    }
}

/// A running sandbox. Dropping it (or [`Sandbox::stop`]) stops the server.
pub struct Sandbox {
    addr: SocketAddr,
    shared: Shared,
    shutdown: Option<oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

/// Serves one connection with hyper directly: HTTP/1.1 keep-alive, and header names in
/// title case (`Content-Type`, `Content-Length`, `Date`) as Gengo's servers write them.
async fn serve_connection(app: axum::Router, stream: tokio::net::TcpStream, peer: SocketAddr) {
    use tower::ServiceExt;
    let svc = hyper::service::service_fn(move |mut req: hyper::Request<hyper::body::Incoming>| {
        req.extensions_mut().insert(ConnectInfo(peer));
        app.clone().oneshot(req.map(Body::new))
    });
    let _ = hyper::server::conn::http1::Builder::new()
        .title_case_headers(true)
        .serve_connection(hyper_util::rt::TokioIo::new(stream), svc)
        .await;
}

impl Sandbox {
    /// Starts a sandbox on `addr` (for example `127.0.0.1:0` for a free port) in a
    /// background thread with its own runtime.
    pub fn start(addr: &str, options: Options) -> std::io::Result<Sandbox> {
        let listener = std::net::TcpListener::bind(addr)?;
        listener.set_nonblocking(true)?;
        let addr = listener.local_addr()?;
        let shared: Shared = Arc::new(Mutex::new(State::new(options)));
        let (tx, rx) = oneshot::channel::<()>();
        let (ready_tx, ready_rx) = std::sync::mpsc::channel::<std::io::Result<()>>();
        let s2 = shared.clone();
        let thread = std::thread::Builder::new()
            .name("gengo-sandbox".into())
            .spawn(move || {
                let rt = match tokio::runtime::Builder::new_multi_thread()
                    .worker_threads(2)
                    .enable_all()
                    .build()
                {
                    Ok(rt) => rt,
                    Err(e) => {
                        let _ = ready_tx.send(Err(e));
                        return;
                    }
                };
                rt.block_on(async move {
                    let listener = match tokio::net::TcpListener::from_std(listener) {
                        Ok(l) => l,
                        Err(e) => {
                            let _ = ready_tx.send(Err(e));
                            return;
                        }
                    };
                    let app = axum::Router::new().fallback(handle).with_state(s2.clone());
                    let ticker_state = s2.clone();
                    let ticker = tokio::spawn(async move {
                        let agent: ureq::Agent = ureq::Agent::config_builder()
                            .timeout_global(Some(Duration::from_secs(5)))
                            .http_status_as_error(false)
                            .max_redirects(0)
                            .build()
                            .new_agent();
                        loop {
                            tokio::time::sleep(Duration::from_millis(50)).await;
                            lock(&ticker_state).tick();
                            deliver(ticker_state.clone(), agent.clone()).await;
                        }
                    });
                    let _ = ready_tx.send(Ok(()));
                    let mut rx = rx;
                    loop {
                        tokio::select! {
                            _ = &mut rx => break,
                            accepted = listener.accept() => {
                                let Ok((stream, peer)) = accepted else { continue };
                                tokio::spawn(serve_connection(app.clone(), stream, peer));
                            }
                        }
                    }
                    ticker.abort();
                });
            })?;
        ready_rx
            .recv()
            .map_err(|_| std::io::Error::other("sandbox thread ended early"))??;
        Ok(Sandbox {
            addr,
            shared,
            shutdown: Some(tx),
            thread: Some(thread),
        })
    }

    /// The address it listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The base URL to give a client (`http://127.0.0.1:PORT`).
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Runs `f` on the state (for in-process control in tests and the demo).
    pub fn with_state<T>(&self, f: impl FnOnce(&mut State) -> T) -> T {
        f(&mut lock(&self.shared))
    }

    /// Stops the server and waits for it.
    pub fn stop(mut self) {
        self.shutdown_now();
    }

    fn shutdown_now(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

impl Drop for Sandbox {
    fn drop(&mut self) {
        self.shutdown_now();
    }
}

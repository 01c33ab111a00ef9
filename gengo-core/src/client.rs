//! The client: typed methods for every operation, and the JSON dispatcher.

use std::borrow::Cow;
use std::fmt;
use std::sync::Arc;

use base64::Engine;
use serde::Serialize;
use serde_json::{Value, json};

use crate::binding::{self, Reply, Want};
use crate::config::Config;
use crate::lenient::Lenient;
use crate::models::*;
use crate::ops::{self, Operation, ResponseKind};
use crate::requests::*;
use crate::transport::{self, RateLimiter, RawResponse};
use crate::{Error, ErrorKind, Normalized, Result, envelope, wire};

/// What an operation returned, before normalisation.
#[derive(Debug, Clone, PartialEq)]
pub enum Output {
    /// The envelope's `response` payload, as sent (JSON `null` when absent).
    Json(Value),
    /// Raw bytes (glossary download, job preview).
    Bytes(Download),
}

struct Inner {
    config: Config,
    agent: ureq::Agent,
    limiter: Option<RateLimiter>,
}

/// A Gengo API client.
///
/// `Client` is `Send + Sync` and cheap to clone: clones share one connection pool (so
/// sequential calls reuse one keep-alive connection) and one rate limit.
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("config", &self.inner.config)
            .finish()
    }
}

fn params<T: Serialize>(v: &T) -> Value {
    // Request types hold only JSON-representable values.
    serde_json::to_value(v).unwrap_or(Value::Null)
}

fn with(mut base: Value, extra: Value) -> Value {
    if let (Value::Object(b), Value::Object(e)) = (&mut base, extra) {
        b.extend(e);
    }
    base
}

impl Client {
    /// A client with this config.
    pub fn new(config: Config) -> Client {
        let agent = transport::agent(&config);
        let limiter = config.rate_limit_per_minute.map(RateLimiter::new);
        Client {
            inner: Arc::new(Inner {
                config,
                agent,
                limiter,
            }),
        }
    }

    /// A client configured from `GENGO_PUBLIC_KEY`, `GENGO_PRIVATE_KEY`, `GENGO_BASE_URL`.
    pub fn from_env() -> Result<Client> {
        Ok(Client::new(Config::from_env()?))
    }

    /// The config.
    pub fn config(&self) -> &Config {
        &self.inner.config
    }

    /// The JSON dispatcher: runs an operation by canonical name or official alias and
    /// returns its normalised payload (ids and counts as integers, money as decimal
    /// strings, flags as booleans, statuses canonical, unknown fields kept). Bytes come
    /// back as `{"content_type", "size", "base64"}`. (Bindings use the same door without
    /// a tree: [`crate::binding`].)
    pub fn call(&self, name: &str, params: &Value) -> Result<Value> {
        let request = binding::prepare(name, params.clone())?;
        match self.send(request, Want::Normalized)? {
            Reply::Normalized(n) => Ok(n.into_value()),
            _ => unreachable!("a normalised call answers normalised"),
        }
    }

    /// Runs an operation by canonical name or official alias and returns its payload
    /// exactly as the server sent it (for compatibility layers that want the raw form).
    pub fn call_raw(&self, name: &str, params: &Value) -> Result<Output> {
        let op = ops::lookup(name)?;
        self.execute_with(op, Cow::Borrowed(params), |raw| read_output(op, raw))
    }

    /// Sends a call prepared by [`binding::prepare`] and reads its answer as wanted: the
    /// second half of the door every binding goes through.
    pub fn send(&self, request: binding::Request, want: Want) -> Result<Reply> {
        let op = request.operation();
        let prepared = request.into_prepared();
        match want {
            Want::Normalized => self
                .send_prepared(prepared, |raw| read_normalized(op, raw))
                .map(Reply::Normalized),
            Want::AsSent => self
                .send_prepared(prepared, |raw| read_deferred(op, raw))
                .map(|r| match r {
                    Err(body) => Reply::Body(body),
                    Ok(out) => Reply::Output(out),
                }),
        }
    }

    /// Runs an operation and reads the final response with `read` (inside the
    /// redaction of secrets, so whatever `read` reports carries none).
    fn execute_with<R>(
        &self,
        op: &'static Operation,
        params: Cow<'_, Value>,
        read: impl FnOnce(RawResponse) -> Result<R>,
    ) -> Result<R> {
        let mut prepared = wire::prepare_owned(op, params.into_owned())?;
        prepared.freeze();
        self.send_prepared(prepared, read)
    }

    /// Sends a prepared request (with retries) and reads the final response with `read`.
    fn send_prepared<R>(
        &self,
        prepared: wire::Prepared,
        read: impl FnOnce(RawResponse) -> Result<R>,
    ) -> Result<R> {
        let config = &self.inner.config;
        let method = prepared.op.method;
        let boundary = wire::new_boundary();
        let mut sent_at: Vec<u64> = Vec::new();
        let outcome = transport::send_with_retries(
            &self.inner.agent,
            config,
            self.inner.limiter.as_ref(),
            || {
                let ts = config.clock.now();
                if !sent_at.contains(&ts) {
                    sent_at.push(ts);
                }
                wire::build(config, &prepared, ts, &boundary)
            },
        )
        .and_then(read);
        // Whatever the server (or a proxy) echoed, the caller never gets a secret back.
        outcome.map_err(|e| {
            let sigs: Vec<String> = sent_at
                .iter()
                .filter_map(|ts| config.signature(*ts).map(|(_, sig)| sig))
                .collect();
            let mut secrets: Vec<&str> = sigs.iter().map(String::as_str).collect();
            secrets.extend(config.secrets());
            transport::settle_retryable(e.redact(&secrets), method)
        })
    }

    /// Runs a JSON operation and decodes its result: the payload, or the part under
    /// the row's `unwrap` key (`None` when the server left that key out). A clean success
    /// is read straight from the body; anything else through the tree, which decides.
    fn typed<T: Lenient>(&self, op: &'static Operation, params: Value) -> Result<Option<T>> {
        self.execute_with(op, Cow::Owned(params), |raw| Self::read_typed(op, raw))
    }

    /// Reads a typed result from the final response: straight from the bytes when it is a
    /// clean success, else through the tree (which decides errors).
    fn read_typed<T: Lenient>(op: &'static Operation, raw: RawResponse) -> Result<Option<T>> {
        if matches!(op.response, ResponseKind::Json(_)) {
            if let Some(x) = envelope::fast_response::<T>(raw.status, &raw.body, op.unwrap) {
                return Ok(x);
            }
        }
        Self::typed_tree(op, read_output(op, raw)?)
    }

    fn typed_tree<T: Lenient>(op: &'static Operation, out: Output) -> Result<Option<T>> {
        let v = match out {
            Output::Json(v) => v,
            Output::Bytes(_) => {
                return Err(Error::invalid_argument(format!(
                    "{} returns bytes",
                    op.name
                )));
            }
        };
        let inner = match op.unwrap {
            None => &v,
            Some(k) => match v.get(k) {
                None | Some(Value::Null) => return Ok(None),
                Some(x) => x,
            },
        };
        let path = op
            .unwrap
            .map_or("response".to_string(), |k| format!("response.{k}"));
        decode::<T>(inner, &path).map(Some)
    }

    /// [`Client::typed`] for results that must be there.
    fn required<T: Lenient>(&self, op: &'static Operation, params: Value) -> Result<T> {
        self.typed(op, params)?.ok_or_else(|| missing(op))
    }

    /// [`Client::typed`] for lists and records that may be absent (empty then).
    fn or_default<T: Lenient + Default>(&self, op: &'static Operation, params: Value) -> Result<T> {
        Ok(self.typed(op, params)?.unwrap_or_default())
    }

    fn ack(&self, op: &'static Operation, params: Value) -> Result<()> {
        self.execute_with(op, Cow::Owned(params), |raw| read_output(op, raw))
            .map(|_| ())
    }

    fn bytes(&self, op: &'static Operation, params: Value) -> Result<Download> {
        match self.execute_with(op, Cow::Owned(params), |raw| read_output(op, raw))? {
            Output::Bytes(d) => Ok(d),
            Output::Json(_) => Err(Error::invalid_argument(format!("{} returns JSON", op.name))),
        }
    }

    /// Account statistics.
    pub fn account_stats(&self) -> Result<AccountStats> {
        self.required(&ops::ACCOUNT_STATS, json!({}))
    }
    /// Credits available.
    pub fn account_balance(&self) -> Result<Balance> {
        self.required(&ops::ACCOUNT_BALANCE, json!({}))
    }
    /// The account's own details.
    pub fn account_me(&self) -> Result<Me> {
        self.required(&ops::ACCOUNT_ME, json!({}))
    }
    /// Preferred translators by pair and tier.
    pub fn preferred_translators(&self) -> Result<Vec<PreferredTranslators>> {
        self.or_default(&ops::PREFERRED_TRANSLATORS, json!({}))
    }
    /// One job.
    pub fn get_job(&self, id: u64) -> Result<Job> {
        self.required(&ops::GET_JOB, json!({"id": id}))
    }
    /// One job, with a machine translation in `body_tgt` while the human one is not
    /// ready (`pre_mt`).
    pub fn get_job_pre_mt(&self, id: u64) -> Result<Job> {
        self.required(&ops::GET_JOB, json!({"id": id, "pre_mt": 1}))
    }
    /// Approves a reviewable job.
    pub fn approve_job(&self, id: u64, approval: &Approval) -> Result<()> {
        self.ack(&ops::APPROVE_JOB, with(json!({"id": id}), params(approval)))
    }
    /// Sends a reviewable job back with a comment on what to change.
    pub fn revise_job(&self, id: u64, comment: &str) -> Result<()> {
        self.ack(&ops::REVISE_JOB, json!({"id": id, "comment": comment}))
    }
    /// Rejects a reviewable job.
    pub fn reject_job(&self, id: u64, rejection: &Rejection) -> Result<()> {
        self.ack(&ops::REJECT_JOB, with(json!({"id": id}), params(rejection)))
    }
    /// Archives an approved job.
    pub fn archive_job(&self, id: u64) -> Result<()> {
        self.ack(&ops::ARCHIVE_JOB, json!({"id": id}))
    }
    /// Cancels an available job.
    pub fn cancel_job(&self, id: u64) -> Result<()> {
        self.ack(&ops::CANCEL_JOB, json!({"id": id}))
    }
    /// Comments on a job (with URL attachments and local files, if any).
    pub fn post_job_comment(&self, id: u64, comment: &NewComment) -> Result<()> {
        self.ack(
            &ops::POST_JOB_COMMENT,
            with(json!({"id": id}), params(comment)),
        )
    }
    /// A job's comment thread.
    pub fn job_comments(&self, id: u64) -> Result<Vec<Comment>> {
        self.or_default(&ops::JOB_COMMENTS, json!({"id": id}))
    }
    /// A job's feedback.
    pub fn job_feedback(&self, id: u64) -> Result<Feedback> {
        self.or_default(&ops::JOB_FEEDBACK, json!({"id": id}))
    }
    /// A job's revisions (ids and times).
    pub fn job_revisions(&self, id: u64) -> Result<Vec<RevisionRef>> {
        self.or_default(&ops::JOB_REVISIONS, json!({"id": id}))
    }
    /// One revision of a job.
    pub fn job_revision(&self, id: u64, rev_id: u64) -> Result<Revision> {
        self.or_default(&ops::JOB_REVISION, json!({"id": id, "rev_id": rev_id}))
    }
    /// Orders jobs (spends credits). Never retried unless the connection was refused.
    pub fn order_jobs(&self, order: &OrderRequest) -> Result<OrderReceipt> {
        // Without a tree of the whole order when the stream encoder can say (the same
        // bytes); otherwise through the tree, which also gives any validation error.
        let Some(prepared) = wire::prepare_order(order) else {
            return self.required(&ops::ORDER_JOBS, params(order));
        };
        let op = &ops::ORDER_JOBS;
        self.send_prepared(prepared, |raw| Self::read_typed(op, raw))?
            .ok_or_else(|| missing(op))
    }
    /// Recent jobs (ids and times).
    pub fn list_jobs(&self, filter: &JobFilter) -> Result<Vec<JobSummary>> {
        self.or_default(&ops::LIST_JOBS, params(filter))
    }
    /// Several jobs by id.
    pub fn get_jobs(&self, ids: &[u64]) -> Result<Vec<Job>> {
        self.or_default(&ops::GET_JOBS, json!({"ids": ids}))
    }
    /// Acts on several jobs at once.
    pub fn update_jobs(&self, action: &BulkAction) -> Result<()> {
        self.ack(&ops::UPDATE_JOBS, action.to_params())
    }
    /// An order with its job ids by status.
    pub fn get_order(&self, id: u64) -> Result<Order> {
        self.required(&ops::GET_ORDER, json!({"id": id}))
    }
    /// Cancels an order's available jobs; returns the order when the server sends it
    /// (Decision D6: older servers answer `{}`).
    pub fn cancel_order(&self, id: u64) -> Result<Option<Order>> {
        self.typed(&ops::CANCEL_ORDER, json!({"id": id}))
    }
    /// Comments on an order.
    pub fn post_order_comment(&self, id: u64, body: &str) -> Result<()> {
        self.ack(&ops::POST_ORDER_COMMENT, json!({"id": id, "body": body}))
    }
    /// An order's comment thread.
    pub fn order_comments(&self, id: u64) -> Result<Vec<Comment>> {
        self.or_default(&ops::ORDER_COMMENTS, json!({"id": id}))
    }
    /// Languages Gengo serves (no keys needed).
    pub fn languages(&self) -> Result<Vec<Language>> {
        self.or_default(&ops::LANGUAGES, json!({}))
    }
    /// Language pairs, optionally from one source language (no keys needed).
    pub fn language_pairs(&self, lc_src: Option<&str>) -> Result<Vec<LanguagePair>> {
        let p = match lc_src {
            Some(l) => json!({"lc_src": l}),
            None => json!({}),
        };
        self.or_default(&ops::LANGUAGE_PAIRS, p)
    }
    /// The language matrix, as sent.
    pub fn language_matrix(&self) -> Result<Value> {
        self.or_default(&ops::LANGUAGE_MATRIX, json!({}))
    }
    /// Prices jobs without ordering them. File jobs (`NewJob::file_to_quote`) are
    /// uploaded as multipart.
    pub fn quote(&self, jobs: &[(String, NewJob)]) -> Result<Quote> {
        let mut m = serde_json::Map::new();
        for (k, j) in jobs {
            m.insert(k.clone(), params(j));
        }
        // The whole quote (its `jobs` keep the caller's keys and order).
        let op = &ops::QUOTE;
        match self.execute_with(op, Cow::Owned(json!({"jobs": m})), |raw| {
            read_output(op, raw)
        })? {
            Output::Json(v) => decode(&v, "response"),
            Output::Bytes(_) => Err(Error::invalid_argument("quote returns JSON")),
        }
    }
    /// The account's glossaries.
    pub fn glossaries(&self) -> Result<Vec<Glossary>> {
        self.or_default(&ops::GLOSSARIES, json!({}))
    }
    /// One glossary.
    pub fn get_glossary(&self, id: u64) -> Result<Glossary> {
        self.required(&ops::GET_GLOSSARY, json!({"id": id}))
    }
    /// A glossary's file.
    pub fn download_glossary(&self, id: u64) -> Result<Download> {
        self.bytes(&ops::DOWNLOAD_GLOSSARY, json!({"id": id}))
    }
    /// Legacy v1.1: orders one job.
    pub fn post_job(&self, job: &NewJob) -> Result<Job> {
        self.required(&ops::POST_JOB, json!({"job": params(job)}))
    }
    /// Legacy v1.1: the jobs of a group.
    pub fn job_group(&self, group_id: u64) -> Result<JobGroup> {
        self.required(&ops::JOB_GROUP, json!({"group_id": group_id}))
    }
    /// Legacy v1.1: JPEG preview of a translation.
    pub fn job_preview(&self, id: u64) -> Result<Download> {
        self.bytes(&ops::JOB_PREVIEW, json!({"id": id}))
    }
    /// Legacy v1.1: cancels several jobs.
    pub fn cancel_jobs(&self, ids: &[u64]) -> Result<()> {
        self.ack(&ops::CANCEL_JOBS, json!({"job_ids": ids}))
    }
}

fn is_json(content_type: Option<&str>) -> bool {
    content_type.is_some_and(|c| c.to_ascii_lowercase().contains("json"))
}

/// Turns a raw response into an operation's output (or the error it carries).
pub fn read_output(op: &Operation, raw: RawResponse) -> Result<Output> {
    match op.response {
        ResponseKind::Json(_) => {
            envelope::decode(raw.status, &raw.body, raw.retry_after).map(Output::Json)
        }
        ResponseKind::Bytes => {
            let ok = (200..300).contains(&raw.status);
            if is_json(raw.content_type.as_deref()) || !ok {
                // An error envelope (or any error status) is reported as such.
                envelope::decode(raw.status, &raw.body, raw.retry_after)?;
                if !ok {
                    return Err(Error::new(ErrorKind::Http, format!("HTTP {}", raw.status))
                        .with_status(Some(raw.status)));
                }
            }
            Ok(Output::Bytes(Download {
                content_type: raw.content_type,
                bytes: raw.body,
            }))
        }
    }
}

/// A clean JSON success left unparsed (`Err(body)`), anything else read as sent.
fn read_deferred(
    op: &'static Operation,
    raw: RawResponse,
) -> Result<std::result::Result<Output, Vec<u8>>> {
    if matches!(op.response, ResponseKind::Json(_))
        && envelope::is_clean_success(raw.status, &raw.body)
    {
        return Ok(Err(raw.body));
    }
    read_output(op, raw).map(Ok)
}

/// Reads the final response of a dispatcher call into its normalised payload: straight
/// from the bytes when the row has a fast path and the body is a clean success, else
/// through the tree (which decides errors).
fn read_normalized(op: &'static Operation, raw: RawResponse) -> Result<Normalized> {
    if let ResponseKind::Json(ops::Decoder { fast: Some(f), .. }) = op.response {
        if let Some(n) = f(raw.status, &raw.body) {
            return Ok(n);
        }
    }
    normalize(op, read_output(op, raw)?).map(Normalized::tree)
}

/// The error of a required result the server left out.
fn missing(op: &Operation) -> Error {
    let key = op.unwrap.unwrap_or("response");
    Error::decode(format!("response.{key}"), "missing", b"")
}

/// Normalises an operation's output into the dispatcher's JSON.
pub fn normalize(op: &Operation, out: Output) -> Result<Value> {
    match (op.response, out) {
        (ResponseKind::Json(d), Output::Json(v)) => (d.tree)(&v),
        (_, Output::Bytes(d)) => Ok(json!({
            "content_type": d.content_type,
            "size": d.bytes.len(),
            "base64": base64::engine::general_purpose::STANDARD.encode(&d.bytes),
        })),
        (ResponseKind::Bytes, Output::Json(v)) => Ok(v),
    }
}

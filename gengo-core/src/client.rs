//! The client: typed methods for every operation, and the JSON dispatcher.

use std::fmt;
use std::sync::Arc;

use base64::Engine;
use serde::Serialize;
use serde_json::{Value, json};

use crate::config::Config;
use crate::lenient::Lenient;
use crate::models::*;
use crate::ops::{self, Operation, ResponseKind};
use crate::requests::*;
use crate::transport::{self, RateLimiter, RawResponse};
use crate::{Error, ErrorKind, Result, envelope, wire};

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

    /// Runs an operation and returns its payload as sent (not normalised).
    pub fn execute(&self, op: &'static Operation, params: &Value) -> Result<Output> {
        let prepared = wire::prepare(op, params)?;
        let config = &self.inner.config;
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
        .and_then(|raw| read_output(op, raw));
        // Whatever the server (or a proxy) echoed, the caller never gets a secret back.
        outcome.map_err(|e| {
            let sigs: Vec<String> = sent_at
                .iter()
                .filter_map(|ts| config.signature(*ts).map(|(_, sig)| sig))
                .collect();
            let mut secrets: Vec<&str> = sigs.iter().map(String::as_str).collect();
            secrets.extend(config.secrets());
            e.redact(&secrets)
        })
    }

    /// Runs an operation by canonical name or official alias, returning the payload
    /// exactly as the server sent it (for compatibility layers that want the raw form).
    pub fn call_raw(&self, name: &str, params: &Value) -> Result<Output> {
        self.execute(ops::lookup(name)?, params)
    }

    /// The JSON dispatcher: runs an operation by canonical name or official alias and
    /// returns its normalised payload (ids and counts as integers, money as decimal
    /// strings, flags as booleans, statuses canonical, unknown fields kept). Bytes come
    /// back as `{"content_type", "size", "base64"}`.
    pub fn call(&self, name: &str, params: &Value) -> Result<Value> {
        let op = ops::lookup(name)?;
        normalize(op, self.execute(op, params)?)
    }

    fn json<T: Lenient>(&self, name: &str, params: Value, what: &str) -> Result<T> {
        match self.execute(ops::lookup(name)?, &params)? {
            Output::Json(v) => decode::<T>(&v, what),
            Output::Bytes(_) => Err(Error::invalid_argument(format!("{name} returns bytes"))),
        }
    }

    fn ack(&self, name: &str, params: Value) -> Result<()> {
        self.execute(ops::lookup(name)?, &params).map(|_| ())
    }

    fn bytes(&self, name: &str, params: Value) -> Result<Download> {
        match self.execute(ops::lookup(name)?, &params)? {
            Output::Bytes(d) => Ok(d),
            Output::Json(_) => Err(Error::invalid_argument(format!("{name} returns JSON"))),
        }
    }

    /// Account statistics.
    pub fn account_stats(&self) -> Result<AccountStats> {
        self.json("account_stats", json!({}), "account stats")
    }
    /// Credits available.
    pub fn account_balance(&self) -> Result<Balance> {
        self.json("account_balance", json!({}), "a balance")
    }
    /// The account's own details.
    pub fn account_me(&self) -> Result<Me> {
        self.json("account_me", json!({}), "account details")
    }
    /// Preferred translators by pair and tier.
    pub fn preferred_translators(&self) -> Result<Vec<PreferredTranslators>> {
        self.json(
            "preferred_translators",
            json!({}),
            "a list of preferred translators",
        )
    }
    /// One job.
    pub fn get_job(&self, id: u64) -> Result<Job> {
        let env: JobEnvelope = self.json("get_job", json!({"id": id}), "{job}")?;
        env.job
            .ok_or_else(|| Error::decode("response.job", "missing", b""))
    }
    /// One job, with a machine translation in `body_tgt` while the human one is not
    /// ready (`pre_mt`).
    pub fn get_job_pre_mt(&self, id: u64) -> Result<Job> {
        let env: JobEnvelope = self.json("get_job", json!({"id": id, "pre_mt": 1}), "{job}")?;
        env.job
            .ok_or_else(|| Error::decode("response.job", "missing", b""))
    }
    /// Approves a reviewable job.
    pub fn approve_job(&self, id: u64, approval: &Approval) -> Result<()> {
        self.ack("approve_job", with(json!({"id": id}), params(approval)))
    }
    /// Sends a reviewable job back with a comment on what to change.
    pub fn revise_job(&self, id: u64, comment: &str) -> Result<()> {
        self.ack("revise_job", json!({"id": id, "comment": comment}))
    }
    /// Rejects a reviewable job.
    pub fn reject_job(&self, id: u64, rejection: &Rejection) -> Result<()> {
        self.ack("reject_job", with(json!({"id": id}), params(rejection)))
    }
    /// Archives an approved job.
    pub fn archive_job(&self, id: u64) -> Result<()> {
        self.ack("archive_job", json!({"id": id}))
    }
    /// Cancels an available job.
    pub fn cancel_job(&self, id: u64) -> Result<()> {
        self.ack("cancel_job", json!({"id": id}))
    }
    /// Comments on a job (with URL attachments and local files, if any).
    pub fn post_job_comment(&self, id: u64, comment: &NewComment) -> Result<()> {
        self.ack("post_job_comment", with(json!({"id": id}), params(comment)))
    }
    /// A job's comment thread.
    pub fn job_comments(&self, id: u64) -> Result<Vec<Comment>> {
        let t: Thread = self.json("job_comments", json!({"id": id}), "{thread}")?;
        Ok(t.thread.unwrap_or_default())
    }
    /// A job's feedback.
    pub fn job_feedback(&self, id: u64) -> Result<Feedback> {
        let f: FeedbackEnvelope = self.json("job_feedback", json!({"id": id}), "{feedback}")?;
        Ok(f.feedback.unwrap_or_default())
    }
    /// A job's revisions.
    pub fn job_revisions(&self, id: u64) -> Result<Revisions> {
        self.json("job_revisions", json!({"id": id}), "{revisions}")
    }
    /// One revision of a job.
    pub fn job_revision(&self, id: u64, rev_id: u64) -> Result<Revision> {
        let r: RevisionEnvelope = self.json(
            "job_revision",
            json!({"id": id, "rev_id": rev_id}),
            "{revision}",
        )?;
        Ok(r.revision.unwrap_or_default())
    }
    /// Orders jobs (spends credits). Never retried unless the connection was refused.
    pub fn order_jobs(&self, order: &OrderRequest) -> Result<OrderReceipt> {
        self.json("order_jobs", params(order), "an order receipt")
    }
    /// Recent jobs (ids and times).
    pub fn list_jobs(&self, filter: &JobFilter) -> Result<Vec<JobSummary>> {
        self.json("list_jobs", params(filter), "a list of jobs")
    }
    /// Several jobs by id.
    pub fn get_jobs(&self, ids: &[u64]) -> Result<Vec<Job>> {
        let l: JobList = self.json("get_jobs", json!({"ids": ids}), "{jobs}")?;
        Ok(l.jobs.unwrap_or_default())
    }
    /// Acts on several jobs at once.
    pub fn update_jobs(&self, action: &BulkAction) -> Result<()> {
        self.ack("update_jobs", action.to_params())
    }
    /// An order with its job ids by status.
    pub fn get_order(&self, id: u64) -> Result<Order> {
        let o: OrderEnvelope = self.json("get_order", json!({"id": id}), "{order}")?;
        o.order
            .ok_or_else(|| Error::decode("response.order", "missing", b""))
    }
    /// Cancels an order's available jobs; returns the order when the server sends it.
    pub fn cancel_order(&self, id: u64) -> Result<Option<Order>> {
        match self.execute(ops::lookup("cancel_order")?, &json!({"id": id}))? {
            Output::Json(v) => Ok(OrderEnvelope::from_json(&v).and_then(|e| e.order)),
            Output::Bytes(_) => Ok(None),
        }
    }
    /// Comments on an order.
    pub fn post_order_comment(&self, id: u64, body: &str) -> Result<()> {
        self.ack("post_order_comment", json!({"id": id, "body": body}))
    }
    /// An order's comment thread.
    pub fn order_comments(&self, id: u64) -> Result<Vec<Comment>> {
        let t: Thread = self.json("order_comments", json!({"id": id}), "{thread}")?;
        Ok(t.thread.unwrap_or_default())
    }
    /// Languages Gengo serves (no keys needed).
    pub fn languages(&self) -> Result<Vec<Language>> {
        self.json("languages", json!({}), "a list of languages")
    }
    /// Language pairs, optionally from one source language (no keys needed).
    pub fn language_pairs(&self, lc_src: Option<&str>) -> Result<Vec<LanguagePair>> {
        let p = match lc_src {
            Some(l) => json!({"lc_src": l}),
            None => json!({}),
        };
        self.json("language_pairs", p, "a list of language pairs")
    }
    /// The language matrix, as sent.
    pub fn language_matrix(&self) -> Result<Value> {
        self.json("language_matrix", json!({}), "a language matrix")
    }
    /// Prices jobs without ordering them. File jobs (`NewJob::file_to_quote`) are
    /// uploaded as multipart.
    pub fn quote(&self, jobs: &[(String, NewJob)]) -> Result<Quote> {
        let mut m = serde_json::Map::new();
        for (k, j) in jobs {
            m.insert(k.clone(), params(j));
        }
        self.json("quote", json!({"jobs": m}), "a quote")
    }
    /// The account's glossaries.
    pub fn glossaries(&self) -> Result<Vec<Glossary>> {
        self.json("glossaries", json!({}), "a list of glossaries")
    }
    /// One glossary.
    pub fn get_glossary(&self, id: u64) -> Result<Glossary> {
        self.json("get_glossary", json!({"id": id}), "a glossary")
    }
    /// A glossary's file.
    pub fn download_glossary(&self, id: u64) -> Result<Download> {
        self.bytes("download_glossary", json!({"id": id}))
    }
    /// Legacy v1.1: orders one job.
    pub fn post_job(&self, job: &NewJob) -> Result<Job> {
        let env: JobEnvelope = self.json("post_job", json!({"job": params(job)}), "{job}")?;
        env.job
            .ok_or_else(|| Error::decode("response.job", "missing", b""))
    }
    /// Legacy v1.1: the jobs of a group.
    pub fn job_group(&self, group_id: u64) -> Result<JobGroup> {
        self.json("job_group", json!({"group_id": group_id}), "a job group")
    }
    /// Legacy v1.1: JPEG preview of a translation.
    pub fn job_preview(&self, id: u64) -> Result<Download> {
        self.bytes("job_preview", json!({"id": id}))
    }
    /// Legacy v1.1: cancels several jobs.
    pub fn cancel_jobs(&self, ids: &[u64]) -> Result<()> {
        self.ack("cancel_jobs", json!({"job_ids": ids}))
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

/// Normalises an operation's output into the dispatcher's JSON.
pub fn normalize(op: &Operation, out: Output) -> Result<Value> {
    match (op.response, out) {
        (ResponseKind::Json(f), Output::Json(v)) => f(&v),
        (_, Output::Bytes(d)) => Ok(json!({
            "content_type": d.content_type,
            "size": d.bytes.len(),
            "base64": base64::engine::general_purpose::STANDARD.encode(&d.bytes),
        })),
        (ResponseKind::Bytes, Output::Json(v)) => Ok(v),
    }
}

//! The sandbox's state and every rule, as one synchronous, deterministic machine:
//! [`State::handle`] takes a parsed request and returns the reply. The HTTP layer
//! (`server.rs`) only parses bytes and runs the clock and callback delivery.

use std::collections::{BTreeMap, HashMap, VecDeque};
use std::time::{Duration, Instant};

use gengo_core::lenient::Lenient;
use gengo_core::models::JobStatus;
use gengo_core::ops::{self, Method, Operation};
use gengo_core::{Decimal, units};
use serde_json::{Map, Value, json};

use crate::catalogue;
use crate::clock::SandboxClock;
use crate::options::{Options, Profile};

/// An uploaded file part.
#[derive(Debug, Clone)]
pub struct UploadedFile {
    /// Field name.
    pub field: String,
    /// File name as sent.
    pub filename: String,
    /// Bytes.
    pub bytes: Vec<u8>,
}

/// A request, parsed from HTTP.
#[derive(Debug, Clone, Default)]
pub struct Incoming {
    /// Method as received.
    pub method: String,
    /// Path, without the query.
    pub path: String,
    /// Query parameters.
    pub query: Vec<(String, String)>,
    /// Form fields (urlencoded or multipart text parts).
    pub form: Vec<(String, String)>,
    /// Multipart file parts.
    pub files: Vec<UploadedFile>,
    /// A JSON body, when the request had one.
    pub json_body: Option<Value>,
    /// The client's address (for throttling).
    pub client: String,
}

/// A reply.
#[derive(Debug, Clone)]
pub struct Reply {
    /// HTTP status.
    pub status: u16,
    /// Content type.
    pub content_type: String,
    /// Extra headers.
    pub headers: Vec<(String, String)>,
    /// Body.
    pub body: Vec<u8>,
}

impl Reply {
    /// A JSON reply.
    pub fn json(status: u16, v: &Value) -> Reply {
        Reply {
            status,
            // Exactly as Gengo sends it: clients compare the header to this string.
            content_type: "application/json".into(),
            headers: Vec::new(),
            body: serde_json::to_vec(v).unwrap_or_default(),
        }
    }
    /// A Gengo error (HTTP 200 for Gengo's own codes, the code itself for HTTP-like ones).
    pub fn error(code: i64, msg: &str) -> Reply {
        let status = match code {
            400 | 401 | 404 | 405 | 413 | 429 | 500 => code as u16,
            _ => 200,
        };
        Reply::json(
            status,
            &json!({"opstat": "error", "err": {"code": code, "msg": msg}}),
        )
    }
    fn ok(response: Value) -> Reply {
        Reply::json(200, &json!({"opstat": "ok", "response": response}))
    }
}

type GResult<T> = Result<T, Reply>;

fn gerr(code: i64, msg: &str) -> Reply {
    Reply::error(code, msg)
}

/// An account.
#[derive(Debug, Clone)]
pub struct Account {
    /// Public key.
    pub public_key: String,
    /// Private key.
    pub private_key: String,
    /// Credits.
    pub credits: Decimal,
    /// Credits spent.
    pub spent: Decimal,
    /// Default callback URL.
    pub callback_url: Option<String>,
    /// E-mail.
    pub email: String,
    /// Creation time.
    pub since: i64,
}

/// A comment in a thread.
#[derive(Debug, Clone)]
pub struct SComment {
    body: String,
    author: &'static str,
    ctime: i64,
    attachments: Vec<Value>,
}

/// A job.
#[derive(Debug, Clone)]
pub struct SJob {
    id: u64,
    order_id: u64,
    account: String,
    job_type: String,
    slug: String,
    body_src: String,
    lc_src: String,
    lc_tgt: String,
    tier: String,
    unit_count: u64,
    credits: Decimal,
    status: JobStatus,
    ctime: i64,
    callback_url: Option<String>,
    auto_approve: bool,
    custom_data: String,
    body_tgt: Option<String>,
    mt: bool,
    extra: Map<String, Value>,
    archived: bool,
    revisions: Vec<(u64, i64, String)>,
    comments: Vec<SComment>,
    feedback: Option<(i64, String)>,
    revision_requests: u32,
    round: u32,
    next_at: Option<i64>,
    follow_up_cancel: bool,
}

/// An order.
#[derive(Debug, Clone)]
pub struct SOrder {
    id: u64,
    account: String,
    job_ids: Vec<u64>,
    as_group: bool,
    group_id: Option<u64>,
    comments: Vec<SComment>,
    queued_until: i64,
    processed: bool,
}

/// A callback waiting for delivery, or delivered.
#[derive(Debug, Clone)]
pub struct Delivery {
    /// Delivery id.
    pub id: u64,
    /// Target URL.
    pub url: String,
    /// `job` or `comment`.
    pub kind: &'static str,
    /// The job.
    pub job_id: u64,
    /// The job's status when the event happened (job events).
    pub status: Option<String>,
    /// The form body (`job=<json>` or `comment=<json>`).
    pub body: String,
    /// Sandbox time of the event.
    pub created: i64,
    /// Next try (sandbox ms); `None` once delivered or given up.
    pub due_ms: Option<i64>,
    /// Whether a try is under way.
    pub in_flight: bool,
    /// Every try: (sandbox time, HTTP status or error).
    pub attempts: Vec<(i64, String)>,
    /// Whether a 2xx was received.
    pub delivered: bool,
}

impl Delivery {
    /// As JSON, for the control API.
    pub fn to_json(&self) -> Value {
        let attempts: Vec<Value> = self
            .attempts
            .iter()
            .map(|(t, r)| json!({"at": t, "result": r}))
            .collect();
        json!({
            "id": self.id, "url": self.url, "type": self.kind, "job_id": self.job_id, "status": self.status,
            "body": self.body, "created": self.created, "attempts": attempts, "delivered": self.delivered,
            "pending": self.due_ms.is_some(),
        })
    }
}

struct Quoted {
    account: String,
    unit_count: u64,
    lc_src: String,
    lc_tgt: String,
    tier: String,
    filename: String,
    text: String,
}

/// A glossary.
#[derive(Debug, Clone)]
struct SGlossary {
    id: u64,
    account: String,
    title: String,
    lc_src: String,
    targets: Vec<String>,
    csv: String,
    ctime: i64,
}

/// The whole sandbox.
pub struct State {
    /// Options.
    pub options: Options,
    /// Clock.
    pub clock: SandboxClock,
    accounts: BTreeMap<String, Account>,
    jobs: BTreeMap<u64, SJob>,
    orders: BTreeMap<u64, SOrder>,
    glossaries: BTreeMap<u64, SGlossary>,
    quotes: HashMap<String, Quoted>,
    payloads: Vec<(String, String, i64)>,
    deliveries: Vec<Delivery>,
    throttle: HashMap<String, VecDeque<Instant>>,
    next_id: u64,
    /// Requests handled (for the control API).
    pub requests: u64,
}

const DEMO_PUBLIC: &str = "sandbox_public_key";
const DEMO_PRIVATE: &str = "sandbox_private_key";

fn dec_f64(d: Decimal) -> f64 {
    d.to_string().parse().unwrap_or(0.0)
}

fn is_http_url(s: &str) -> bool {
    let l = s.to_ascii_lowercase();
    (l.starts_with("http://") || l.starts_with("https://"))
        && s.len() > 8
        && !s.contains(char::is_whitespace)
}

fn flag(v: Option<&Value>) -> Result<Option<bool>, ()> {
    match v {
        None | Some(Value::Null) => Ok(None),
        Some(v) => bool::from_json(v).map(Some).ok_or(()),
    }
}

impl State {
    /// A fresh sandbox with one demo account (keys `sandbox_public_key` /
    /// `sandbox_private_key`, 1,000 credits) and nothing else: no jobs, no glossaries
    /// (unless [`Options::seed_glossary`](crate::Options::seed_glossary)).
    pub fn new(options: Options) -> State {
        let clock = SandboxClock::new(options.clock);
        let mut s = State {
            options,
            clock,
            accounts: BTreeMap::new(),
            jobs: BTreeMap::new(),
            orders: BTreeMap::new(),
            glossaries: BTreeMap::new(),
            quotes: HashMap::new(),
            payloads: Vec::new(),
            deliveries: Vec::new(),
            throttle: HashMap::new(),
            next_id: 1000,
            requests: 0,
        };
        s.create_account(
            Some(DEMO_PUBLIC.into()),
            Some(DEMO_PRIVATE.into()),
            Decimal::new(1000, 0),
            None,
            None,
        );
        if s.options.seed_glossary {
            s.seed_glossary(DEMO_PUBLIC, None, None, None, None);
        }
        s
    }

    /// Orders `data` (a `translate/jobs` payload) for an account without a signed
    /// request, then moves every job of the order to `status` when given (the control
    /// API's job seeding). Returns `{order_id, job_ids}`, or the error reply's JSON.
    pub fn seed_jobs(
        &mut self,
        account: &str,
        data: Value,
        status: Option<&str>,
    ) -> Result<Value, Value> {
        if !self.accounts.contains_key(account) {
            return Err(json!({"error": format!("no account {account}")}));
        }
        let ctx = Ctx {
            account: account.to_string(),
            params: Map::new(),
            data: Some(data),
            files: Vec::new(),
        };
        let reply = self.order(&ctx).unwrap_or_else(|r| r);
        let v: Value = serde_json::from_slice(&reply.body).unwrap_or(Value::Null);
        let Some(order_id) = v["response"]["order_id"]
            .as_u64()
            .or_else(|| v["response"]["order_id"].as_str()?.parse().ok())
        else {
            return Err(v);
        };
        let job_ids = self
            .orders
            .get(&order_id)
            .map(|o| o.job_ids.clone())
            .unwrap_or_default();
        if let Some(st) = status {
            // Out of the queue first, so the order counts its jobs by status.
            if let Some(o) = self.orders.get_mut(&order_id) {
                o.queued_until = 0;
            }
            self.tick();
            for id in &job_ids {
                self.force_status(*id, st)
                    .map_err(|e| json!({"error": e}))?;
            }
        }
        Ok(json!({"order_id": order_id, "job_ids": job_ids}))
    }

    /// Gives an account a glossary (the control API's seeding; accounts start with
    /// none, as on Gengo). Defaults: an en-US -> ja CSV of two terms. Returns the
    /// glossary as `translate/glossary/{id}` shows it, or `None` for an unknown account.
    pub fn seed_glossary(
        &mut self,
        account: &str,
        title: Option<String>,
        lc_src: Option<String>,
        targets: Option<Vec<String>>,
        csv: Option<String>,
    ) -> Option<Value> {
        if !self.accounts.contains_key(account) {
            return None;
        }
        let now = self.clock.now();
        let gid = self.id();
        let g = SGlossary {
            id: gid,
            account: account.into(),
            title: title.unwrap_or_else(|| "demo_en_ja_glossary.csv".into()),
            lc_src: lc_src.unwrap_or_else(|| "en-US".into()),
            targets: targets.unwrap_or_else(|| vec!["ja".into()]),
            csv: csv.unwrap_or_else(|| {
                "\"en-US\",\"ja\"\n\"Gengo\",\"Gengo\"\n\"translation\",\"翻訳\"\n".into()
            }),
            ctime: now,
        };
        let shown = self.glossary_json(&g);
        self.glossaries.insert(gid, g);
        Some(shown)
    }

    /// The demo account's keys.
    pub fn demo_keys() -> (&'static str, &'static str) {
        (DEMO_PUBLIC, DEMO_PRIVATE)
    }

    fn id(&mut self) -> u64 {
        self.next_id += 1;
        self.next_id
    }

    /// Creates an account; random keys when not given.
    pub fn create_account(
        &mut self,
        public_key: Option<String>,
        private_key: Option<String>,
        credits: Decimal,
        callback_url: Option<String>,
        email: Option<String>,
    ) -> Account {
        let n = self.accounts.len() + 1;
        let rand = |p: &str| format!("{p}_{}_{:016x}", n, fastrand::u64(..));
        let acct = Account {
            public_key: public_key.unwrap_or_else(|| rand("pub")),
            private_key: private_key.unwrap_or_else(|| rand("priv")),
            credits,
            spent: Decimal::ZERO,
            callback_url,
            email: email.unwrap_or_else(|| format!("customer{n}@sandbox.test")),
            since: self.clock.now(),
        };
        self.accounts.insert(acct.public_key.clone(), acct.clone());
        acct
    }

    /// Adds credits; returns the new balance.
    pub fn add_credits(&mut self, public_key: &str, amount: Decimal) -> Option<Decimal> {
        let a = self.accounts.get_mut(public_key)?;
        a.credits += amount;
        Some(a.credits)
    }

    /// Sets an account's default callback URL.
    pub fn set_callback_url(&mut self, public_key: &str, url: Option<String>) -> bool {
        match self.accounts.get_mut(public_key) {
            Some(a) => {
                a.callback_url = url;
                true
            }
            None => false,
        }
    }

    /// Every callback recorded.
    pub fn deliveries(&self) -> &[Delivery] {
        &self.deliveries
    }

    // ---------- output formatting (wire profiles, D1) ----------

    fn id_v(&self, id: u64) -> Value {
        match self.options.profile {
            Profile::Current => json!(id),
            Profile::Docs2014 => json!(id.to_string()),
        }
    }
    fn count_v(&self, n: u64) -> Value {
        self.id_v(n)
    }
    fn money_v(&self, d: Decimal) -> Value {
        let d = d.round_dp(2);
        match self.options.profile {
            Profile::Current => json!(dec_f64(d)),
            Profile::Docs2014 => json!(format!("{:.2}", d)),
        }
    }
    fn price_v(&self, d: Decimal) -> Value {
        match self.options.profile {
            Profile::Current => json!(dec_f64(d)),
            Profile::Docs2014 => json!(format!("{:.4}", d)),
        }
    }
    fn flag_v(&self, b: bool) -> Value {
        match self.options.profile {
            Profile::Current => json!(u8::from(b)),
            Profile::Docs2014 => json!(if b { "1" } else { "0" }),
        }
    }

    fn job_json(&self, j: &SJob) -> Value {
        let mut m = Map::new();
        m.insert("job_id".into(), self.id_v(j.id));
        m.insert("order_id".into(), self.id_v(j.order_id));
        m.insert("slug".into(), json!(j.slug));
        if j.job_type == "text" {
            m.insert("body_src".into(), json!(j.body_src));
        }
        m.insert("lc_src".into(), json!(j.lc_src));
        m.insert("lc_tgt".into(), json!(j.lc_tgt));
        m.insert("unit_count".into(), self.count_v(j.unit_count));
        m.insert("tier".into(), json!(j.tier));
        m.insert("credits".into(), self.money_v(j.credits));
        m.insert("currency".into(), json!("USD"));
        m.insert("status".into(), json!(j.status.as_str()));
        let eta = match j.status {
            JobStatus::Queued | JobStatus::Available | JobStatus::Pending | JobStatus::Revising => {
                let now = self.clock.now();
                j.next_at
                    .map(|t| (t / 1000 - now).max(0) + self.options.pace.work as i64)
                    .unwrap_or(-1)
            }
            _ => -1,
        };
        m.insert("eta".into(), json!(eta));
        m.insert("ctime".into(), json!(j.ctime));
        if let Some(u) = &j.callback_url {
            m.insert("callback_url".into(), json!(u));
        }
        m.insert("auto_approve".into(), self.flag_v(j.auto_approve));
        m.insert("custom_data".into(), json!(j.custom_data));
        if let Some(t) = &j.body_tgt {
            m.insert("body_tgt".into(), json!(t));
        }
        if j.mt {
            m.insert("mt".into(), json!(1));
        }
        if j.job_type == "file" {
            m.insert("type".into(), json!("file"));
            m.insert(
                "file_url_src".into(),
                json!(format!("/_sandbox/files/{}/src", j.id)),
            );
            if j.body_tgt.is_some() {
                m.insert(
                    "file_url_tgt".into(),
                    json!(format!("/_sandbox/files/{}/tgt", j.id)),
                );
            }
            m.insert("file_download_ready".into(), json!(j.body_tgt.is_some()));
        }
        for (k, v) in &j.extra {
            m.entry(k.clone()).or_insert_with(|| v.clone());
        }
        Value::Object(m)
    }

    fn order_json(&self, o: &SOrder) -> Value {
        let mut lists: BTreeMap<&str, Vec<Value>> = BTreeMap::new();
        for key in [
            "jobs_available",
            "jobs_pending",
            "jobs_reviewable",
            "jobs_approved",
            "jobs_revising",
            "jobs_cancelled",
            "jobs_held",
            "jobs_rejected",
        ] {
            lists.insert(key, Vec::new());
        }
        let mut queued = 0u64;
        let mut units = 0u64;
        let mut credits = Decimal::ZERO;
        for id in &o.job_ids {
            let Some(j) = self.jobs.get(id) else { continue };
            units += j.unit_count;
            credits += j.credits;
            let key = match j.status {
                JobStatus::Queued => {
                    queued += 1;
                    continue;
                }
                JobStatus::Available => "jobs_available",
                JobStatus::Pending => "jobs_pending",
                JobStatus::Reviewable => "jobs_reviewable",
                JobStatus::Approved => "jobs_approved",
                JobStatus::Revising => "jobs_revising",
                JobStatus::Canceled => "jobs_cancelled",
                JobStatus::Hold => "jobs_held",
                JobStatus::Rejected => "jobs_rejected",
                _ => continue,
            };
            lists
                .get_mut(key)
                .expect("listed")
                .push(json!(j.id.to_string()));
        }
        let mut m = Map::new();
        m.insert("order_id".into(), self.id_v(o.id));
        m.insert("total_credits".into(), self.money_v(credits));
        m.insert("currency".into(), json!("USD"));
        m.insert("total_units".into(), json!(units));
        m.insert("total_jobs".into(), self.count_v(o.job_ids.len() as u64));
        m.insert("as_group".into(), json!(u8::from(o.as_group)));
        m.insert("jobs_queued".into(), self.count_v(queued));
        for (k, v) in lists {
            m.insert(k.into(), Value::Array(v));
        }
        Value::Object(m)
    }

    // ---------- the clock and the simulated translators ----------

    fn push_callback(&mut self, job_id: u64, kind: &'static str, payload: Value, at_ms: i64) {
        let Some(j) = self.jobs.get(&job_id) else {
            return;
        };
        let url = j.callback_url.clone().or_else(|| {
            self.accounts
                .get(&j.account)
                .and_then(|a| a.callback_url.clone())
        });
        let Some(url) = url else { return };
        let status = (kind == "job").then(|| j.status.as_str().to_string());
        let body = form_urlencoded::Serializer::new(String::new())
            .append_pair(kind, &payload.to_string())
            .finish();
        let id = self.id();
        self.deliveries.push(Delivery {
            id,
            url,
            kind,
            job_id,
            status,
            body,
            created: at_ms / 1000,
            due_ms: Some(at_ms),
            in_flight: false,
            attempts: Vec::new(),
            delivered: false,
        });
    }

    fn job_event(&mut self, job_id: u64, at_ms: i64) {
        if let Some(j) = self.jobs.get(&job_id) {
            let payload = self.job_json(j);
            self.push_callback(job_id, "job", payload, at_ms);
        }
    }

    fn translator_comment(&mut self, job_id: u64, text: &str, at_ms: i64) {
        let Some(j) = self.jobs.get_mut(&job_id) else {
            return;
        };
        j.comments.push(SComment {
            body: text.into(),
            author: "translator",
            ctime: at_ms / 1000,
            attachments: Vec::new(),
        });
        let payload = json!({
            "job_id": j.id.to_string(), "body": text, "ctime": (at_ms / 1000).to_string(),
            "custom_data": j.custom_data, "author": "translator",
        });
        self.push_callback(job_id, "comment", payload, at_ms);
    }

    fn finish_translation(&mut self, job_id: u64, at_ms: i64) {
        let review_ms = self.options.review_period.as_millis() as i64;
        let Some(j) = self.jobs.get_mut(&job_id) else {
            return;
        };
        let text = catalogue::pseudo_translate(&j.body_src, &j.lc_tgt, j.round);
        let rev = j.revisions.len() as u64 + 1;
        j.revisions.push((rev, at_ms / 1000, text.clone()));
        j.body_tgt = Some(text);
        j.mt = false;
        if j.auto_approve {
            j.status = JobStatus::Approved;
            j.next_at = None;
        } else {
            j.status = JobStatus::Reviewable;
            j.next_at = Some(at_ms + review_ms);
        }
        self.job_event(job_id, at_ms);
    }

    /// Applies every transition due by now, in time order.
    pub fn tick(&mut self) {
        let now_ms = self.clock.now_ms();
        for _ in 0..100_000 {
            // the earliest due event
            let order_due = self
                .orders
                .values()
                .filter(|o| !o.processed && o.queued_until <= now_ms)
                .map(|o| (o.queued_until, 0u8, o.id))
                .min();
            let job_due = self
                .jobs
                .values()
                .filter_map(|j| j.next_at.filter(|t| *t <= now_ms).map(|t| (t, 1u8, j.id)))
                .min();
            let Some((at, kind, id)) = [order_due, job_due].into_iter().flatten().min() else {
                break;
            };
            if kind == 0 {
                self.process_order(id, at);
            } else {
                self.advance_job(id, at);
            }
        }
    }

    fn process_order(&mut self, order_id: u64, at: i64) {
        let pickup = self.options.pace.pickup_ms();
        let Some(o) = self.orders.get_mut(&order_id) else {
            return;
        };
        o.processed = true;
        let ids = o.job_ids.clone();
        for id in ids {
            if let Some(j) = self.jobs.get_mut(&id)
                && j.status == JobStatus::Queued
            {
                j.status = JobStatus::Available;
                j.next_at = Some(at + pickup);
                self.job_event(id, at);
            }
        }
    }

    fn advance_job(&mut self, job_id: u64, at: i64) {
        let pace = self.options.pace.clone();
        let manual = self.options.manual_translators;
        let Some(j) = self.jobs.get_mut(&job_id) else {
            return;
        };
        j.next_at = None;
        // With manual translators, nobody picks up or works on a job until told.
        if manual
            && matches!(
                j.status,
                JobStatus::Available | JobStatus::Pending | JobStatus::Revising
            )
        {
            return;
        }
        match j.status {
            JobStatus::Available => {
                j.status = JobStatus::Pending;
                j.next_at = Some(at + pace.work_ms());
                self.job_event(job_id, at);
                if job_id % 3 == 0 {
                    self.translator_comment(
                        job_id,
                        "Hello! I have started on this job. I will keep product names as they are.",
                        at,
                    );
                }
            }
            JobStatus::Pending | JobStatus::Revising => self.finish_translation(job_id, at),
            JobStatus::Reviewable => {
                // The review period ended without a decision: automatic approval.
                j.status = JobStatus::Approved;
                self.job_event(job_id, at);
            }
            JobStatus::Rejected => {
                if j.follow_up_cancel {
                    j.status = JobStatus::Canceled;
                } else {
                    // Requeued for another translator.
                    j.status = JobStatus::Available;
                    j.round += 1;
                    j.next_at = Some(at + pace.pickup_ms());
                }
                self.job_event(job_id, at);
            }
            _ => {}
        }
    }

    /// Callbacks due for a try now; marks them in flight.
    pub fn take_due_callbacks(&mut self) -> Vec<(u64, String, String)> {
        let now = self.clock.now_ms();
        let mut out = Vec::new();
        for d in self.deliveries.iter_mut() {
            if !d.in_flight && d.due_ms.is_some_and(|t| t <= now) {
                d.in_flight = true;
                out.push((d.id, d.url.clone(), d.body.clone()));
            }
        }
        out
    }

    /// Records a try's result: delivered on 2xx, else the next try per D7.
    pub fn callback_result(&mut self, id: u64, result: Result<u16, String>) {
        let now = self.clock.now_ms();
        let retry_every = self.options.callback_retry_every.as_millis() as i64;
        let give_up_after = self.options.callback_retry_for.as_millis() as i64;
        let Some(d) = self.deliveries.iter_mut().find(|d| d.id == id) else {
            return;
        };
        d.in_flight = false;
        let text = match &result {
            Ok(s) => s.to_string(),
            Err(e) => e.clone(),
        };
        d.attempts.push((now / 1000, text));
        match result {
            Ok(s) if (200..300).contains(&s) => {
                d.delivered = true;
                d.due_ms = None;
            }
            _ => {
                let next = now + retry_every;
                d.due_ms = (next - d.created * 1000 <= give_up_after).then_some(next);
            }
        }
    }

    // ---------- control API ----------

    /// Moves a job to a status (control API), firing its callback.
    pub fn force_status(&mut self, job_id: u64, status: &str) -> Result<Value, String> {
        let st = JobStatus::parse(status);
        if !st.is_known() {
            return Err(format!("unknown status {status:?}"));
        }
        let now = self.clock.now_ms();
        let pace = self.options.pace.clone();
        let review_ms = self.options.review_period.as_millis() as i64;
        let j = self
            .jobs
            .get_mut(&job_id)
            .ok_or_else(|| format!("no job {job_id}"))?;
        if matches!(st, JobStatus::Reviewable | JobStatus::Approved) && j.body_tgt.is_none() {
            let text = catalogue::pseudo_translate(&j.body_src, &j.lc_tgt, j.round);
            j.revisions
                .push((j.revisions.len() as u64 + 1, now / 1000, text.clone()));
            j.body_tgt = Some(text);
        }
        j.next_at = match st {
            JobStatus::Available => Some(now + pace.pickup_ms()),
            JobStatus::Pending | JobStatus::Revising => Some(now + pace.work_ms()),
            JobStatus::Reviewable => Some(now + review_ms),
            _ => None,
        };
        j.status = st;
        self.job_event(job_id, now);
        let j = &self.jobs[&job_id];
        Ok(self.job_json(j))
    }

    /// The control API's view of the clock and counts.
    pub fn summary(&self) -> Value {
        json!({
            "time": self.clock.now(), "time_ms": self.clock.now_ms(),
            "clock": format!("{:?}", self.clock.mode()),
            "profile": self.options.profile.as_str(),
            "accounts": self.accounts.len(), "orders": self.orders.len(), "jobs": self.jobs.len(),
            "callbacks": self.deliveries.len(), "requests": self.requests,
        })
    }

    // ---------- the API ----------

    fn throttled(&mut self, client: &str) -> Option<Reply> {
        let limit = self.options.rate_limit_per_minute? as usize;
        let now = Instant::now();
        let q = self.throttle.entry(client.to_string()).or_default();
        while q
            .front()
            .is_some_and(|t| now.duration_since(*t) >= Duration::from_secs(60))
        {
            q.pop_front();
        }
        if q.len() >= limit {
            let wait = Duration::from_secs(60).saturating_sub(now.duration_since(*q.front()?));
            let mut r = Reply::json(
                429,
                &json!({"opstat": "error", "err": {"code": 429, "msg": "rate limit exceeded"}}),
            );
            r.headers
                .push(("Retry-After".into(), wait.as_secs().max(1).to_string()));
            return Some(r);
        }
        q.push_back(now);
        None
    }

    /// Handles one API request (`/v2/...` or `/v1.1/...`).
    pub fn handle(&mut self, req: Incoming, wall_now: u64) -> Reply {
        self.requests += 1;
        self.tick();
        if let Some(r) = self.throttled(&req.client) {
            return r;
        }
        match self.route(req, wall_now) {
            Ok(r) | Err(r) => r,
        }
    }

    fn route(&mut self, req: Incoming, wall_now: u64) -> GResult<Reply> {
        // Parameters: query (PHP repeats them there), then form fields.
        let mut params: Map<String, Value> = Map::new();
        for (k, v) in req.query.iter().chain(req.form.iter()) {
            if !k.is_empty() {
                params.insert(k.clone(), Value::String(v.clone()));
            }
        }
        let method = match params.get("_method").and_then(Value::as_str) {
            Some(m) if req.method.eq_ignore_ascii_case("POST") => m.to_ascii_uppercase(),
            _ => req.method.to_ascii_uppercase(),
        };
        let method = match method.as_str() {
            "GET" => Method::Get,
            "POST" => Method::Post,
            "PUT" => Method::Put,
            "DELETE" => Method::Delete,
            _ => return Err(gerr(405, "Method Not Allowed")),
        };
        let path = req.path.trim_start_matches('/');
        let (version, rest) = path.split_once('/').unwrap_or((path, ""));
        let legacy_ok = match version {
            "v2" => false,
            "v1.1" => true,
            _ => return Err(gerr(404, "Not Found")),
        };
        let mut rest = rest.trim_end_matches('/').to_string();
        if rest == "translate/service/quote/file" {
            rest = "translate/service/quote".into();
        }
        let (op, path_params) = match_route(method, &rest, legacy_ok)?;
        for (k, v) in path_params {
            params.insert(k, Value::String(v));
        }
        // data: a JSON string in the form or query (PHP sends it in GET queries), or a
        // raw JSON body.
        let data: Option<Value> = match params.get("data") {
            Some(Value::String(s)) => Some(
                serde_json::from_str(s).map_err(|_| gerr(1251, "JSON data cannot be decoded"))?,
            ),
            _ => req.json_body.clone(),
        };
        if op.signed || params.contains_key("api_sig") {
            self.authenticate(&params, wall_now, op.signed)?;
        }
        let account = params
            .get("api_key")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string();
        let ctx = Ctx {
            account,
            params,
            data,
            files: req.files,
        };
        self.dispatch(op, ctx)
    }

    fn authenticate(&self, p: &Map<String, Value>, wall_now: u64, required: bool) -> GResult<()> {
        let s = |k: &str| p.get(k).and_then(Value::as_str).filter(|v| !v.is_empty());
        let Some(key) = s("api_key") else {
            return if required {
                Err(gerr(1150, "api_key is a required field"))
            } else {
                Ok(())
            };
        };
        let ts = s("ts").ok_or_else(|| gerr(1200, "ts (timestamp) is a required field"))?;
        let ts_n: u64 = ts
            .parse()
            .map_err(|_| gerr(1201, "ts (timestamp) must be numeric"))?;
        let sig = s("api_sig").ok_or_else(|| gerr(1100, "api_sig is a required field"))?;
        let acct = self
            .accounts
            .get(key)
            .ok_or_else(|| gerr(1000, "Authentication failed"))?;
        if ts_n.abs_diff(wall_now) > self.options.ts_window_secs {
            return Err(gerr(1000, "Authentication failed"));
        }
        if !gengo_core::signing::verify(&acct.private_key, ts, sig) {
            return Err(gerr(1000, "Authentication failed"));
        }
        Ok(())
    }

    fn dispatch(&mut self, op: &'static Operation, ctx: Ctx) -> GResult<Reply> {
        match op.name {
            "account_stats" => {
                let a = self.account(&ctx)?;
                let since = a.since;
                let spent = a.spent;
                Ok(Reply::ok(json!({
                    "credits_spent": self.money_v(spent), "user_since": since, "currency": "USD",
                    "billing_type": "Pre-pay", "customer_type": "Retail",
                })))
            }
            "account_balance" => {
                let credits = self.account(&ctx)?.credits;
                Ok(Reply::ok(json!({"credits": self.money_v(credits), "currency": "USD"})))
            }
            "account_me" => {
                let a = self.account(&ctx)?;
                Ok(Reply::ok(json!({"email": a.email, "full_name": "Sandbox Customer", "display_name": "sandbox", "language_code": "en"})))
            }
            "preferred_translators" => {
                self.account(&ctx)?;
                Ok(Reply::ok(json!([])))
            }
            "languages" => Ok(Reply::ok(Value::Array(
                catalogue::LANGUAGES
                    .iter()
                    .map(|l| json!({"language": l.name, "localized_name": l.localized, "lc": l.lc, "unit_type": catalogue::unit_type(l.lc).as_str()}))
                    .collect(),
            ))),
            "language_pairs" => {
                let lc_src = ctx.param_str("lc_src").or_else(|| ctx.data_str("lc_src"));
                let pairs: Vec<Value> = catalogue::pairs()
                    .into_iter()
                    .filter(|p| lc_src.as_deref().is_none_or(|l| l == p.lc_src))
                    .map(|p| json!({"lc_src": p.lc_src, "lc_tgt": p.lc_tgt, "tier": p.tier, "unit_price": self.price_v(p.unit_price), "currency": "USD"}))
                    .collect();
                Ok(Reply::ok(Value::Array(pairs)))
            }
            "language_matrix" => {
                let mut m: BTreeMap<String, Vec<String>> = BTreeMap::new();
                for p in catalogue::pairs() {
                    let v = m.entry(p.lc_src.to_string()).or_default();
                    if !v.iter().any(|x| x == p.lc_tgt) {
                        v.push(p.lc_tgt.to_string());
                    }
                }
                Ok(Reply::ok(serde_json::to_value(m).unwrap_or_default()))
            }
            "get_job" => {
                let id = self.owned_job(&ctx)?;
                let pre_mt = ctx.param_str("pre_mt").is_some_and(|v| v == "1" || v == "true");
                let mut j = self.jobs[&id].clone();
                if pre_mt && j.body_tgt.is_none() {
                    j.body_tgt = Some(catalogue::pseudo_translate(&j.body_src, &j.lc_tgt, 1));
                    j.mt = true;
                }
                Ok(Reply::ok(json!({"job": self.job_json(&j)})))
            }
            "update_job" => {
                let id = self.owned_job(&ctx)?;
                let data = ctx.data_obj()?;
                self.job_action(id, &data)?;
                Ok(Reply::ok(json!({})))
            }
            "cancel_job" => {
                let id = self.owned_job(&ctx)?;
                self.cancel_job(id)?;
                Ok(Reply::ok(json!({})))
            }
            "post_job_comment" => {
                let id = self.owned_job(&ctx)?;
                let (body, attachments) = comment_of(&ctx)?;
                let mut atts = attachments;
                for f in ctx.files.iter().filter(|f| f.field == "file_attachments") {
                    atts.push(json!({"filename": f.filename, "size": f.bytes.len()}));
                }
                let now = self.clock.now();
                self.jobs.get_mut(&id).expect("owned").comments.push(SComment { body, author: "customer", ctime: now, attachments: atts });
                Ok(Reply::ok(json!({})))
            }
            "job_comments" => {
                let id = self.owned_job(&ctx)?;
                Ok(Reply::ok(json!({"thread": thread_json(&self.jobs[&id].comments)})))
            }
            "job_feedback" => {
                let id = self.owned_job(&ctx)?;
                let fb = match &self.jobs[&id].feedback {
                    Some((r, t)) => json!({"rating": r, "for_translator": t}),
                    None => json!({}),
                };
                Ok(Reply::ok(json!({"feedback": fb})))
            }
            "job_revisions" => {
                let id = self.owned_job(&ctx)?;
                let revs: Vec<Value> = self.jobs[&id].revisions.iter().map(|(r, t, _)| json!({"rev_id": self.id_v(*r), "ctime": t})).collect();
                Ok(Reply::ok(json!({"job_id": self.id_v(id), "revisions": revs})))
            }
            "job_revision" => {
                let id = self.owned_job(&ctx)?;
                let rev: u64 = ctx.param_str("rev_id").and_then(|r| r.parse().ok()).ok_or_else(|| gerr(2150, "revision_id is a required field"))?;
                let (_, t, body) = self.jobs[&id].revisions.iter().find(|(r, _, _)| *r == rev).ok_or_else(|| gerr(2200, "unauthorized revision access"))?;
                Ok(Reply::ok(json!({"revision": {"ctime": t, "body_tgt": body, "rev_id": self.id_v(rev)}})))
            }
            "order_jobs" => self.order(&ctx),
            "post_job" => {
                // v1.1: one job; returns the job itself.
                let data = ctx.data_obj()?;
                let job = data.get("job").cloned().ok_or_else(|| gerr(1800, "job is a required field"))?;
                let wrapped = json!({"jobs": {"job": job}, "as_group": 0});
                let ctx2 = Ctx { data: Some(wrapped), ..ctx };
                let reply = self.order(&ctx2)?;
                let v: Value = serde_json::from_slice(&reply.body).unwrap_or_default();
                let order_id = v["response"]["order_id"].as_u64().or_else(|| v["response"]["order_id"].as_str().and_then(|s| s.parse().ok())).unwrap_or(0);
                self.process_order_now(order_id);
                let jid = self.orders.get(&order_id).and_then(|o| o.job_ids.first().copied()).unwrap_or(0);
                match self.jobs.get(&jid) {
                    Some(j) => Ok(Reply::ok(json!({"job": self.job_json(j)}))),
                    None => Ok(reply),
                }
            }
            "list_jobs" => {
                let a = self.account(&ctx)?.public_key.clone();
                let status = ctx.param_str("status").or_else(|| ctx.data_str("status")).map(|s| JobStatus::parse(&s));
                let after: Option<i64> = ctx.param_str("timestamp_after").or_else(|| ctx.data_str("timestamp_after")).and_then(|s| s.parse().ok());
                let count: usize = match ctx.param_str("count").or_else(|| ctx.data_str("count")) {
                    Some(c) => c.parse().ok().filter(|n| (1..=200).contains(n)).ok_or_else(|| gerr(400, "count must be an integer from 1 to 200"))?,
                    None if after.is_some() => 200,
                    None => 10,
                };
                let mut jobs: Vec<&SJob> = self
                    .jobs
                    .values()
                    .filter(|j| j.account == a && !j.archived)
                    .filter(|j| status.as_ref().is_none_or(|s| *s == j.status))
                    .filter(|j| after.is_none_or(|t| j.ctime > t))
                    .collect();
                jobs.sort_by(|x, y| y.ctime.cmp(&x.ctime).then(y.id.cmp(&x.id)));
                let out: Vec<Value> = jobs.into_iter().take(count).map(|j| json!({"job_id": self.id_v(j.id), "ctime": j.ctime})).collect();
                Ok(Reply::ok(Value::Array(out)))
            }
            "get_jobs" => {
                let a = self.account(&ctx)?.public_key.clone();
                let ids = ctx.param_str("ids").unwrap_or_default();
                let mut out = Vec::new();
                for part in ids.split(',').filter(|p| !p.trim().is_empty()) {
                    let id: u64 = part.trim().parse().map_err(|_| gerr(2050, "job_id is a required field"))?;
                    match self.jobs.get(&id) {
                        Some(j) if j.account == a => out.push(self.job_json(j)),
                        _ => return Err(gerr(2100, "unauthorized job access")),
                    }
                }
                Ok(Reply::ok(json!({"jobs": out})))
            }
            "update_jobs" => {
                self.account(&ctx)?;
                let data = ctx.data_obj()?;
                self.bulk(&ctx, &data)?;
                Ok(Reply::ok(json!({})))
            }
            "cancel_jobs" => {
                let a = self.account(&ctx)?.public_key.clone();
                let raw = ctx.param_str("job_ids").or_else(|| ctx.data.as_ref().and_then(|d| d.get("job_ids")).map(|v| match v {
                    Value::Array(a) => a.iter().map(|x| x.to_string().trim_matches('"').to_string()).collect::<Vec<_>>().join(","),
                    other => other.to_string(),
                }));
                let raw = raw.ok_or_else(|| gerr(2050, "job_id is a required field"))?;
                let mut ids = Vec::new();
                for part in raw.split(',') {
                    let id: u64 = part.trim().parse().map_err(|_| gerr(2050, "job_id is a required field"))?;
                    let j = self.jobs.get(&id).filter(|j| j.account == a).ok_or_else(|| gerr(2100, "unauthorized job access"))?;
                    if j.status != JobStatus::Available {
                        return Err(gerr(2252, "Job cannot be cancelled (incorrect state)"));
                    }
                    ids.push(id);
                }
                for id in ids {
                    self.cancel_job(id)?;
                }
                Ok(Reply::ok(json!({})))
            }
            "job_group" => {
                let a = self.account(&ctx)?.public_key.clone();
                let gid: u64 = ctx.param_str("group_id").and_then(|g| g.parse().ok()).ok_or_else(|| gerr(2550, "Jobs' group id is missing"))?;
                let o = self.orders.values().find(|o| o.group_id == Some(gid)).ok_or_else(|| gerr(2600, "Unauthorized job group access"))?;
                if o.account != a {
                    return Err(gerr(2600, "Unauthorized job group access"));
                }
                let jobs: Vec<Value> = o.job_ids.iter().map(|id| json!({"job_id": id.to_string()})).collect();
                let ctime = o.job_ids.first().and_then(|id| self.jobs.get(id)).map(|j| j.ctime).unwrap_or(0);
                Ok(Reply::ok(json!({"jobs": jobs, "ctime": ctime})))
            }
            "job_preview" => {
                self.owned_job(&ctx)?;
                Ok(Reply { status: 200, content_type: "image/jpeg".into(), headers: Vec::new(), body: TINY_JPEG.to_vec() })
            }
            "get_order" => {
                let id = self.owned_order(&ctx)?;
                Ok(Reply::ok(json!({"order": self.order_json(&self.orders[&id])})))
            }
            "cancel_order" => {
                let id = self.owned_order(&ctx)?;
                let o = self.orders[&id].clone();
                if !o.processed {
                    return Err(gerr(2751, "Order cancelled before processing. Please wait until the order is out of our queue."));
                }
                for jid in &o.job_ids {
                    if self.jobs.get(jid).is_some_and(|j| j.status == JobStatus::Available) {
                        self.cancel_job(*jid)?;
                    }
                }
                Ok(Reply::ok(json!({"order": self.order_json(&self.orders[&id])})))
            }
            "post_order_comment" => {
                let id = self.owned_order(&ctx)?;
                let (body, attachments) = comment_of(&ctx)?;
                let now = self.clock.now();
                self.orders.get_mut(&id).expect("owned").comments.push(SComment { body, author: "customer", ctime: now, attachments });
                Ok(Reply::ok(json!({})))
            }
            "order_comments" => {
                let id = self.owned_order(&ctx)?;
                Ok(Reply::ok(json!({"thread": thread_json(&self.orders[&id].comments)})))
            }
            "quote" => self.quote(&ctx),
            "glossaries" => {
                let a = self.account(&ctx)?.public_key.clone();
                let list: Vec<Value> = self.glossaries.values().filter(|g| g.account == a).map(|g| self.glossary_json(g)).collect();
                Ok(Reply::ok(Value::Array(list)))
            }
            "get_glossary" | "download_glossary" => {
                let a = self.account(&ctx)?.public_key.clone();
                let id: u64 = ctx.param_str("id").and_then(|s| s.parse().ok()).unwrap_or(0);
                let g = self.glossaries.get(&id).filter(|g| g.account == a).ok_or_else(|| gerr(404, "Requested Resource Not Found"))?;
                if op.name == "get_glossary" {
                    Ok(Reply::ok(self.glossary_json(g)))
                } else {
                    Ok(Reply { status: 200, content_type: "text/csv; charset=utf-8".into(), headers: Vec::new(), body: g.csv.clone().into_bytes() })
                }
            }
            // The shortcuts share update_job's route; they never reach here.
            _ => Err(gerr(404, "Not Found")),
        }
    }

    fn glossary_json(&self, g: &SGlossary) -> Value {
        let targets: Vec<Value> = g
            .targets
            .iter()
            .enumerate()
            .map(|(i, t)| json!([14 + i, t]))
            .collect();
        json!({
            "id": g.id, "status": 1, "source_language_code": g.lc_src, "description": null, "source_language_id": 8,
            "title": g.title, "target_languages": targets, "is_public": false,
            "unit_count": g.csv.lines().count().saturating_sub(1), "customer_user_id": 50110, "ctime": g.ctime,
        })
    }

    fn account(&self, ctx: &Ctx) -> GResult<&Account> {
        self.accounts
            .get(&ctx.account)
            .ok_or_else(|| gerr(1000, "Authentication failed"))
    }

    fn owned_job(&self, ctx: &Ctx) -> GResult<u64> {
        let id: u64 = ctx
            .param_str("id")
            .and_then(|s| s.parse().ok())
            .ok_or_else(|| gerr(2050, "job_id is a required field"))?;
        match self.jobs.get(&id) {
            Some(j) if j.account == ctx.account => Ok(id),
            _ => Err(gerr(2100, "unauthorized job access")),
        }
    }

    fn owned_order(&self, ctx: &Ctx) -> GResult<u64> {
        let id: u64 = ctx
            .param_str("id")
            .and_then(|s| s.parse().ok())
            .ok_or_else(|| gerr(2750, "Unauthorized order access"))?;
        match self.orders.get(&id) {
            Some(o) if o.account == ctx.account => Ok(id),
            _ => Err(gerr(2750, "Unauthorized order access")),
        }
    }

    fn process_order_now(&mut self, order_id: u64) {
        if self.orders.get(&order_id).is_some_and(|o| !o.processed) {
            let now = self.clock.now_ms();
            self.process_order(order_id, now);
        }
    }

    fn refund(&mut self, job_id: u64) {
        let Some(j) = self.jobs.get(&job_id) else {
            return;
        };
        let (acct, credits) = (j.account.clone(), j.credits);
        if let Some(a) = self.accounts.get_mut(&acct) {
            a.credits += credits;
            a.spent -= credits;
        }
    }

    fn cancel_job(&mut self, id: u64) -> GResult<()> {
        let now = self.clock.now_ms();
        let j = self
            .jobs
            .get_mut(&id)
            .ok_or_else(|| gerr(2100, "unauthorized job access"))?;
        if j.status != JobStatus::Available {
            return Err(gerr(2252, "Job cannot be cancelled (incorrect state)"));
        }
        j.status = JobStatus::Canceled;
        j.next_at = None;
        self.refund(id);
        self.job_event(id, now);
        Ok(())
    }

    fn check_action(&self, id: u64, action: &str, d: &Map<String, Value>) -> GResult<()> {
        let j = &self.jobs[&id];
        let s = |k: &str| {
            d.get(k)
                .and_then(Value::as_str)
                .filter(|v| !v.trim().is_empty())
        };
        match action {
            "approve" => {
                if j.status != JobStatus::Reviewable {
                    return Err(gerr(2250, "job is not reviewable"));
                }
                if let Some(r) = d.get("rating").filter(|v| !v.is_null()) {
                    match i64::from_json(r) {
                        Some(n) if (1..=5).contains(&n) => {}
                        _ => return Err(gerr(2501, "services_api_error_codes_rating_restriction")),
                    }
                }
                if flag(d.get("public")).is_err() {
                    return Err(gerr(2503, "public flag must be a boolean"));
                }
            }
            "revise" => {
                if j.status != JobStatus::Reviewable {
                    return Err(gerr(2250, "job is not reviewable"));
                }
                if s("comment").is_none() {
                    return Err(gerr(2300, "comment is a required field"));
                }
                if j.revision_requests >= 3 {
                    return Err(gerr(2250, "revision limit reached"));
                }
            }
            "reject" => {
                if j.status != JobStatus::Reviewable {
                    return Err(gerr(2650, "invalid job status"));
                }
                match s("reason") {
                    Some("quality" | "incomplete" | "other") => {}
                    _ => return Err(gerr(2350, "reason is a required field")),
                }
                if s("comment").is_none() {
                    return Err(gerr(2300, "comment is a required field"));
                }
                if !matches!(s("follow_up"), None | Some("requeue" | "cancel")) {
                    return Err(gerr(2450, "Invalid follow-up value"));
                }
            }
            "archive" => {
                if j.status != JobStatus::Approved {
                    return Err(gerr(2650, "invalid job status"));
                }
            }
            "purchase" => return Err(gerr(2251, "Job cannot be purchased (incorrect state)")),
            _ => return Err(gerr(400, "Bad Request: unknown action")),
        }
        Ok(())
    }

    fn apply_action(&mut self, id: u64, action: &str, d: &Map<String, Value>) {
        let now = self.clock.now_ms();
        let work = self.options.pace.work_ms();
        let s = |k: &str| d.get(k).and_then(Value::as_str).map(str::to_string);
        let j = self.jobs.get_mut(&id).expect("checked");
        match action {
            "approve" => {
                j.status = JobStatus::Approved;
                j.next_at = None;
                let rating = d.get("rating").and_then(i64::from_json).unwrap_or(0);
                if rating > 0 || s("for_translator").is_some() {
                    j.feedback = Some((rating, s("for_translator").unwrap_or_default()));
                }
            }
            "revise" => {
                j.status = JobStatus::Revising;
                j.revision_requests += 1;
                j.round += 1;
                j.next_at = Some(now + work);
                j.comments.push(SComment {
                    body: s("comment").unwrap_or_default(),
                    author: "customer",
                    ctime: now / 1000,
                    attachments: Vec::new(),
                });
            }
            "reject" => {
                j.status = JobStatus::Rejected;
                j.follow_up_cancel = s("follow_up").as_deref() == Some("cancel");
                j.next_at = Some(now + self.options.pace.pickup_ms());
                j.comments.push(SComment {
                    body: s("comment").unwrap_or_default(),
                    author: "customer",
                    ctime: now / 1000,
                    attachments: Vec::new(),
                });
                if j.follow_up_cancel {
                    self.refund(id);
                }
            }
            "archive" => j.archived = true,
            _ => {}
        }
        if action != "archive" {
            self.job_event(id, now);
        }
    }

    fn job_action(&mut self, id: u64, d: &Map<String, Value>) -> GResult<()> {
        let action = d
            .get("action")
            .and_then(Value::as_str)
            .ok_or_else(|| gerr(400, "Bad Request: action is required"))?
            .to_string();
        self.check_action(id, &action, d)?;
        self.apply_action(id, &action, d);
        Ok(())
    }

    fn bulk(&mut self, ctx: &Ctx, d: &Map<String, Value>) -> GResult<()> {
        let action = d
            .get("action")
            .and_then(Value::as_str)
            .ok_or_else(|| gerr(400, "Bad Request: action is required"))?
            .to_string();
        let list = d
            .get("job_ids")
            .and_then(Value::as_array)
            .filter(|l| !l.is_empty())
            .ok_or_else(|| gerr(2050, "job_id is a required field"))?;
        let mut plan = Vec::new();
        for entry in list {
            let (id_v, mut fields) = match entry {
                Value::Object(o) => (o.get("job_id").cloned().unwrap_or(Value::Null), o.clone()),
                other => (other.clone(), Map::new()),
            };
            let id =
                u64::from_json(&id_v).ok_or_else(|| gerr(2050, "job_id is a required field"))?;
            if !fields.contains_key("comment")
                && let Some(c) = d.get("comment")
            {
                fields.insert("comment".into(), c.clone());
            }
            match self.jobs.get(&id) {
                Some(j) if j.account == ctx.account => {}
                _ => return Err(gerr(2100, "unauthorized job access")),
            }
            self.check_action(id, &action, &fields)?;
            plan.push((id, fields));
        }
        // All checked: apply every one (nothing is half-applied).
        for (id, fields) in plan {
            self.apply_action(id, &action, &fields);
        }
        Ok(())
    }

    fn quote(&mut self, ctx: &Ctx) -> GResult<Reply> {
        self.account(ctx)?;
        let data = ctx.data_obj()?;
        let jobs = data
            .get("jobs")
            .ok_or_else(|| gerr(1800, "jobs is a required field"))?;
        let entries: Vec<(String, Value)> = match jobs {
            Value::Object(o) => o.iter().map(|(k, v)| (k.clone(), v.clone())).collect(),
            Value::Array(a) => a
                .iter()
                .enumerate()
                .map(|(i, v)| (i.to_string(), v.clone()))
                .collect(),
            _ => return Err(gerr(1800, "jobs is a required field")),
        };
        if entries
            .iter()
            .filter(|(_, v)| v.get("type").and_then(Value::as_str) == Some("file"))
            .count()
            > 50
        {
            return Err(gerr(1305, "quote number of files exceeds limit"));
        }
        let mut out = Map::new();
        let mut errors = Map::new();
        for (key, job) in entries {
            let obj = job.as_object().cloned().unwrap_or_default();
            let s = |k: &str| {
                obj.get(k)
                    .and_then(Value::as_str)
                    .filter(|v| !v.is_empty())
                    .map(str::to_string)
            };
            let (Some(lc_src), Some(lc_tgt), Some(tier)) = (s("lc_src"), s("lc_tgt"), s("tier"))
            else {
                errors.insert(key.clone(), json!([{"code": 1400, "msg": "\"lc_src\", \"lc_tgt\" and \"tier\" are required fields"}]));
                continue;
            };
            let Some(pair) = catalogue::find(&lc_src, &lc_tgt, &tier) else {
                errors.insert(
                    key.clone(),
                    json!([{"code": 1551, "msg": "language service is not supported"}]),
                );
                continue;
            };
            let eta = (self.options.pace.queue + self.options.pace.pickup + self.options.pace.work)
                as i64;
            if s("type").as_deref() == Some("file") {
                let file_key = s("file_key").unwrap_or_default();
                let Some(file) = ctx.files.iter().find(|f| f.field == file_key) else {
                    errors.insert(
                        key.clone(),
                        json!([{"code": 1803, "msg": "missing file key"}]),
                    );
                    continue;
                };
                let name = file
                    .filename
                    .rsplit(['/', '\\'])
                    .next()
                    .unwrap_or_default()
                    .to_string();
                let ext = name
                    .rsplit_once('.')
                    .map(|(_, e)| e.to_ascii_lowercase())
                    .unwrap_or_default();
                let text = String::from_utf8(file.bytes.clone())
                    .ok()
                    .filter(|_| TEXT_EXTENSIONS.contains(&ext.as_str()));
                let Some(text) = text else {
                    out.insert(
                        key.clone(),
                        json!({"err": {"code": 1802, "filename": name, "key": key}}),
                    );
                    continue;
                };
                let units = units::count_for(&text, &lc_src);
                let identifier = identifier_for(&file.bytes, &key, self.next_id);
                self.quotes.insert(
                    identifier.clone(),
                    Quoted {
                        account: ctx.account.clone(),
                        unit_count: units,
                        lc_src: lc_src.clone(),
                        lc_tgt: lc_tgt.clone(),
                        tier: tier.clone(),
                        filename: name,
                        text,
                    },
                );
                let credits = (Decimal::from(units) * pair.unit_price).round_dp(2);
                out.insert(key, json!({
                    "identifier": identifier, "unit_count": units, "credits": self.money_v(credits), "eta": eta,
                    "currency": "USD", "type": "file", "lc_src": lc_src, "lc_src_detected": lc_src,
                }));
            } else {
                let body = s("body_src").unwrap_or_default();
                let units = units::count_for(&body, &lc_src);
                let credits = (Decimal::from(units) * pair.unit_price).round_dp(2);
                let mut e = json!({"unit_count": units, "credits": self.money_v(credits), "eta": eta, "type": "text", "currency": "USD", "lc_src_detected": lc_src});
                if let Some(cd) = s("custom_data") {
                    e["custom_data"] = json!(cd);
                }
                out.insert(key, e);
            }
        }
        if !errors.is_empty() {
            return Err(Reply::json(200, &json!({"opstat": "error", "err": errors})));
        }
        Ok(Reply::ok(json!({"jobs": out})))
    }

    fn order(&mut self, ctx: &Ctx) -> GResult<Reply> {
        let acct = self.account(ctx)?.clone();
        let data = ctx.data_obj()?;
        let jobs = data
            .get("jobs")
            .ok_or_else(|| gerr(1800, "jobs is a required field"))?;
        let entries: Vec<(String, Value)> = match jobs {
            Value::Object(o) if !o.is_empty() => {
                o.iter().map(|(k, v)| (k.clone(), v.clone())).collect()
            }
            Value::Array(a) if !a.is_empty() => a
                .iter()
                .enumerate()
                .map(|(i, v)| (i.to_string(), v.clone()))
                .collect(),
            _ => return Err(gerr(1800, "jobs is a required field")),
        };
        let as_group =
            flag(data.get("as_group")).map_err(|_| gerr(1851, "as_group must be 0 or 1"))?;
        flag(data.get("process")).map_err(|_| gerr(1901, "process must be 0 or 1"))?;
        if let Some(r) = data.get("reference_id").filter(|v| !v.is_null())
            && !matches!(i64::from_json(r), Some(n) if n >= 0)
        {
            return Err(gerr(
                1252,
                "\"reference_id\" must be an integer greater or equal 0",
            ));
        }
        // Check every job first; report every error of every job under its key.
        let mut errors = Map::new();
        let mut planned = Vec::new();
        for (key, job) in &entries {
            match self.check_job(&acct.public_key, job) {
                Ok(p) => planned.push((key.clone(), p)),
                Err(list) => {
                    errors.insert(key.clone(), Value::Array(list));
                }
            }
        }
        if !errors.is_empty() {
            return Err(Reply::json(200, &json!({"opstat": "error", "err": errors})));
        }
        // Grouping (D4).
        let same = planned.windows(2).all(|w| {
            (&w[0].1.lc_src, &w[0].1.lc_tgt, &w[0].1.tier)
                == (&w[1].1.lc_src, &w[1].1.lc_tgt, &w[1].1.tier)
        });
        // Grouping one job is a no-op (official clients send as_group=1 by default and
        // Gengo answers ok); only jobs that cannot share a translator are refused.
        if as_group == Some(true) && planned.len() > 1 && !same {
            return Err(gerr(
                1950,
                "These jobs cannot be grouped (different tiers, source or target languages)",
            ));
        }
        let grouped = as_group.unwrap_or(planned.len() > 1 && same)
            && planned.len() > 1
            && planned[0].1.tier != "machine";
        // The same payload twice within five minutes (1754).
        let now_ms = self.clock.now_ms();
        let now = now_ms / 1000;
        let payload_text = Value::Object(data.clone()).to_string();
        self.payloads.retain(|(_, _, t)| now - t < 300);
        // `force: 1` on every job is a deliberate re-order: the duplicate rule stands aside.
        let forced = planned.iter().all(|(_, p)| p.force);
        if !forced
            && self
                .payloads
                .iter()
                .any(|(a, p, _)| *a == acct.public_key && *p == payload_text)
        {
            return Err(gerr(
                1754,
                "system detected an identical payload within a 5 minute window",
            ));
        }
        // Duplicates of earlier approved jobs (D8) cost nothing.
        let mut total = Decimal::ZERO;
        for (_, p) in planned.iter_mut() {
            if !p.force
                && p.job_type == "text"
                && let Some(prev) = self.jobs.values().find(|j| {
                    j.account == acct.public_key
                        && j.status == JobStatus::Approved
                        && j.body_src == p.body_src
                        && j.lc_src == p.lc_src
                        && j.lc_tgt == p.lc_tgt
                        && j.tier == p.tier
                })
            {
                p.duplicate_of = prev.body_tgt.clone();
                p.credits = Decimal::ZERO;
            }
            total += p.credits;
        }
        if total > acct.credits {
            return Err(gerr(2700, "Not enough credits - please top up"));
        }
        self.payloads
            .push((acct.public_key.clone(), payload_text, now));
        let order_id = self.id();
        let group_id = grouped.then(|| self.id());
        let queue_ms = self.options.pace.queue_ms();
        let mut job_ids = Vec::new();
        let mut old = Map::new();
        for (key, p) in planned {
            let id = self.id();
            let mut comments = Vec::new();
            if let Some(c) = &p.comment {
                comments.push(SComment {
                    body: c.clone(),
                    author: "customer",
                    ctime: now,
                    attachments: p.attachments.clone(),
                });
            }
            let (status, body_tgt, mt, next_at) = if let Some(t) = &p.duplicate_of {
                (JobStatus::Approved, Some(t.clone()), false, None)
            } else if p.tier == "machine" {
                (
                    JobStatus::Approved,
                    Some(catalogue::pseudo_translate(&p.body_src, &p.lc_tgt, 1)),
                    true,
                    None,
                )
            } else {
                (JobStatus::Queued, None, false, None)
            };
            let job = SJob {
                id,
                order_id,
                account: acct.public_key.clone(),
                job_type: p.job_type,
                slug: p.slug,
                body_src: p.body_src,
                lc_src: p.lc_src,
                lc_tgt: p.lc_tgt,
                tier: p.tier,
                unit_count: p.unit_count,
                credits: p.credits,
                status,
                ctime: now,
                callback_url: p.callback_url,
                auto_approve: p.auto_approve,
                custom_data: p.custom_data,
                body_tgt: body_tgt.clone(),
                mt,
                extra: p.extra,
                archived: false,
                revisions: body_tgt.map(|t| vec![(1, now, t)]).unwrap_or_default(),
                comments,
                feedback: None,
                revision_requests: 0,
                round: 1,
                next_at,
                follow_up_cancel: false,
            };
            if p.duplicate_of.is_some() {
                old.insert(key.clone(), json!([self.job_json(&job)]));
            }
            self.jobs.insert(id, job);
            job_ids.push(id);
        }
        let mut comments = Vec::new();
        if let Some(c) = data
            .get("comment")
            .and_then(Value::as_str)
            .filter(|c| !c.is_empty())
        {
            comments.push(SComment {
                body: c.to_string(),
                author: "customer",
                ctime: now,
                attachments: data
                    .get("attachments")
                    .and_then(Value::as_array)
                    .cloned()
                    .unwrap_or_default(),
            });
        }
        let all_done = job_ids
            .iter()
            .all(|id| self.jobs[id].status != JobStatus::Queued);
        self.orders.insert(
            order_id,
            SOrder {
                id: order_id,
                account: acct.public_key.clone(),
                job_ids: job_ids.clone(),
                as_group: grouped,
                group_id,
                comments,
                queued_until: now_ms + queue_ms,
                processed: all_done,
            },
        );
        if let Some(a) = self.accounts.get_mut(&acct.public_key) {
            a.credits -= total;
            a.spent += total;
        }
        // Machine and duplicate jobs are approved at once: tell the callback URL.
        for id in &job_ids {
            if self.jobs[id].status == JobStatus::Approved {
                self.job_event(*id, now_ms);
            }
        }
        let mut r = Map::new();
        r.insert("order_id".into(), self.id_v(order_id));
        r.insert("job_count".into(), self.count_v(job_ids.len() as u64));
        r.insert("credits_used".into(), self.money_v(total));
        r.insert("currency".into(), json!("USD"));
        if let Some(g) = group_id {
            r.insert("group_id".into(), self.id_v(g));
        }
        if !old.is_empty() {
            r.insert("jobs".into(), Value::Object(old));
        }
        Ok(Reply::ok(Value::Object(r)))
    }

    fn check_job(&self, account: &str, job: &Value) -> Result<Planned, Vec<Value>> {
        let mut errs = Vec::new();
        let mut e = |code: i64, msg: &str| errs.push(json!({"code": code, "msg": msg}));
        let Some(o) = job.as_object() else {
            e(1300, "\"type\" is a required field");
            return Err(errs);
        };
        let s = |k: &str| {
            o.get(k)
                .and_then(Value::as_str)
                .filter(|v| !v.trim().is_empty())
                .map(str::to_string)
        };
        let job_type = s("type").unwrap_or_else(|| "text".into());
        if !matches!(job_type.as_str(), "text" | "file") {
            e(1301, "job_type is not supported");
        }
        let mut body = s("body_src").unwrap_or_default();
        let mut file_name: Option<String> = None;
        let mut quoted_units = None;
        // A file job ordered by its quote's identifier takes pair and tier from the quote.
        let mut from_quote: Option<(String, String, String)> = None;
        if job_type == "text" {
            match o.get("body_src") {
                None | Some(Value::Null) => e(1350, "\"body_src\" is a required field"),
                Some(Value::String(t)) if t.trim().is_empty() => {
                    e(1350, "\"body_src\" is a required field")
                }
                Some(Value::String(t)) if units::unclosed_escape(t).is_some() => {
                    e(1351, "Invalid body text: unclosed [[[")
                }
                Some(Value::String(_)) => {}
                Some(_) => e(1351, "Invalid body text"),
            }
        } else if job_type == "file" {
            match s("identifier") {
                None => e(1302, "identifier missing"),
                Some(id) => match self.quotes.get(&id).filter(|q| q.account == account) {
                    None => e(1303, "quote missing"),
                    Some(q) => {
                        body = q.text.clone();
                        quoted_units = Some(q.unit_count);
                        if s("lc_src").is_some_and(|l| l != q.lc_src)
                            || s("lc_tgt").is_some_and(|l| l != q.lc_tgt)
                        {
                            e(
                                1551,
                                "language service is not supported: the languages differ from the quote's",
                            );
                        }
                        if s("tier").is_some_and(|t| t != q.tier) {
                            e(1304, "invalid tier: the tier differs from the quote's");
                        }
                        file_name = Some(q.filename.clone());
                        from_quote = Some((q.lc_src.clone(), q.lc_tgt.clone(), q.tier.clone()));
                    }
                },
            }
        }
        let (mut lc_src, mut lc_tgt, mut tier) = (s("lc_src"), s("lc_tgt"), s("tier"));
        if let Some((qs, qt, qtier)) = from_quote {
            lc_src = lc_src.or(Some(qs));
            lc_tgt = lc_tgt.or(Some(qt));
            tier = tier.or(Some(qtier));
        }
        if lc_src.is_none() {
            e(1400, "\"lc_src\" is a required field");
        }
        if lc_tgt.is_none() {
            e(1450, "\"lc_tgt\" is a required field");
        }
        match tier.as_deref() {
            None => e(1500, "\"tier\" is a required field"),
            Some("standard" | "pro" | "machine") => {}
            Some(_) => e(1304, "invalid tier"),
        }
        let pair = match (&lc_src, &lc_tgt, &tier) {
            (Some(a), Some(b), Some(t)) if matches!(t.as_str(), "standard" | "pro" | "machine") => {
                let p = catalogue::find(a, b, t);
                if p.is_none() {
                    e(1551, "language service is not supported");
                }
                p
            }
            _ => None,
        };
        if let Some(u) = s("callback_url")
            && !is_http_url(&u)
        {
            e(1601, "callback_url must be a valid URL");
        }
        if o.get("callback_url")
            .is_some_and(|v| !v.is_string() && !v.is_null())
        {
            e(1601, "callback_url must be a valid URL");
        }
        let auto_approve = match flag(o.get("auto_approve")) {
            Ok(v) => v.unwrap_or(false),
            Err(()) => {
                e(1651, "auto_approve must be 0 or 1");
                false
            }
        };
        if flag(o.get("use_preferred")).is_err() {
            e(1701, "use_preferred must be 0 or 1");
        }
        let force = flag(o.get("force")).unwrap_or(None).unwrap_or(false);
        let custom_data = match o.get("custom_data") {
            None | Some(Value::Null) => String::new(),
            Some(Value::String(c)) => c.clone(),
            Some(other) => other.to_string(),
        };
        if custom_data.len() > 1024 {
            e(1751, "\"custom_data\" is over maximum storage limit (1kb)");
        }
        if tier.as_deref() == Some("machine") && body.chars().count() > 2000 {
            e(
                1351,
                "Invalid body text: machine jobs take at most 2000 characters",
            );
        }
        if let Some(m) = o.get("max_chars").filter(|v| !v.is_null())
            && !matches!(i64::from_json(m), Some(n) if n > 0)
        {
            e(1351, "\"max_chars\" must be an integer greater than 0");
        }
        if !errs.is_empty() {
            return Err(errs);
        }
        let lc_src = lc_src.unwrap_or_default();
        let unit_count = quoted_units.unwrap_or_else(|| units::count_for(&body, &lc_src));
        let price = pair.map(|p| p.unit_price).unwrap_or_default();
        let known = [
            "type",
            "slug",
            "body_src",
            "lc_src",
            "lc_tgt",
            "tier",
            "identifier",
            "callback_url",
            "auto_approve",
            "custom_data",
            "force",
            "comment",
            "attachments",
            "file_key",
        ];
        let extra: Map<String, Value> = o
            .iter()
            .filter(|(k, _)| !known.contains(&k.as_str()))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        Ok(Planned {
            job_type,
            slug: s("slug")
                .or(file_name)
                .unwrap_or_else(|| body.chars().take(40).collect()),
            body_src: body,
            lc_src,
            lc_tgt: lc_tgt.unwrap_or_default(),
            tier: tier.unwrap_or_default(),
            unit_count,
            credits: (Decimal::from(unit_count) * price).round_dp(2),
            callback_url: s("callback_url"),
            auto_approve,
            custom_data,
            force,
            comment: s("comment"),
            attachments: o
                .get("attachments")
                .and_then(Value::as_array)
                .cloned()
                .unwrap_or_default(),
            extra,
            duplicate_of: None,
        })
    }
}

struct Planned {
    job_type: String,
    slug: String,
    body_src: String,
    lc_src: String,
    lc_tgt: String,
    tier: String,
    unit_count: u64,
    credits: Decimal,
    callback_url: Option<String>,
    auto_approve: bool,
    custom_data: String,
    force: bool,
    comment: Option<String>,
    attachments: Vec<Value>,
    extra: Map<String, Value>,
    duplicate_of: Option<String>,
}

struct Ctx {
    account: String,
    params: Map<String, Value>,
    data: Option<Value>,
    files: Vec<UploadedFile>,
}

impl Ctx {
    fn param_str(&self, k: &str) -> Option<String> {
        self.params
            .get(k)
            .and_then(Value::as_str)
            .map(str::to_string)
    }
    fn data_str(&self, k: &str) -> Option<String> {
        match self.data.as_ref()?.get(k)? {
            Value::String(s) => Some(s.clone()),
            Value::Null => None,
            other => Some(other.to_string()),
        }
    }
    fn data_obj(&self) -> GResult<Map<String, Value>> {
        match &self.data {
            Some(Value::Object(o)) => Ok(o.clone()),
            Some(_) => Err(gerr(1251, "JSON data cannot be decoded")),
            None => Err(gerr(1250, "data is a required field")),
        }
    }
}

fn comment_of(ctx: &Ctx) -> GResult<(String, Vec<Value>)> {
    // The official Python client also sends the body as a separate multipart part.
    let from_data = ctx
        .data
        .as_ref()
        .and_then(|d| d.get("body"))
        .and_then(Value::as_str)
        .map(str::to_string);
    let body = from_data
        .or_else(|| ctx.param_str("body"))
        .or_else(|| {
            ctx.files
                .iter()
                .find(|f| f.field == "body")
                .map(|f| String::from_utf8_lossy(&f.bytes).into_owned())
        })
        .filter(|b| !b.trim().is_empty())
        .ok_or_else(|| gerr(2000, "body is a required field"))?;
    let atts = ctx
        .data
        .as_ref()
        .and_then(|d| d.get("attachments"))
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    Ok((body, atts))
}

fn thread_json(c: &[SComment]) -> Vec<Value> {
    c.iter()
        .map(|c| {
            let mut v = json!({"body": c.body, "author": c.author, "ctime": c.ctime});
            if !c.attachments.is_empty() {
                v["attachments"] = Value::Array(c.attachments.clone());
            }
            v
        })
        .collect()
}

fn match_route(
    method: Method,
    path: &str,
    legacy_ok: bool,
) -> GResult<(&'static Operation, Vec<(String, String)>)> {
    let segs: Vec<&str> = path.split('/').collect();
    let mut path_matched = false;
    for op in ops::OPERATIONS.iter().filter(|o| legacy_ok || !o.legacy) {
        let tpl: Vec<&str> = op.path.split('/').collect();
        if tpl.len() != segs.len() {
            continue;
        }
        let mut params = Vec::new();
        let ok = tpl.iter().zip(&segs).all(|(t, s)| {
            if t.starts_with('{') {
                params.push((t.trim_matches(['{', '}']).to_string(), s.to_string()));
                !s.is_empty()
            } else {
                t == s
            }
        });
        if !ok {
            continue;
        }
        // The job-action shortcuts share update_job's route.
        if op.action.is_some() {
            continue;
        }
        path_matched = true;
        if op.method == method {
            return Ok((op, params));
        }
    }
    if path_matched {
        Err(gerr(405, "Method Not Allowed"))
    } else {
        Err(gerr(404, "Not Found"))
    }
}

const TEXT_EXTENSIONS: &[&str] = &[
    "txt", "md", "csv", "html", "htm", "json", "po", "xml", "strings", "yaml", "yml", "srt",
    "xliff", "xlf",
];

fn identifier_for(bytes: &[u8], key: &str, salt: u64) -> String {
    use sha1::{Digest, Sha1};
    let a = Sha1::digest([bytes, key.as_bytes(), &salt.to_be_bytes()].concat());
    let b = Sha1::digest([&a[..], b"gengo-sandbox"].concat());
    let mut h = hex::encode(a);
    h.push_str(&hex::encode(b)[..24]);
    h
}

/// A 1x1 white JPEG, the legacy preview.
const TINY_JPEG: &[u8] = &[
    0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01,
    0x00, 0x01, 0x00, 0x00, 0xFF, 0xDB, 0x00, 0x43, 0x00, 0x08, 0x06, 0x06, 0x07, 0x06, 0x05, 0x08,
    0x07, 0x07, 0x07, 0x09, 0x09, 0x08, 0x0A, 0x0C, 0x14, 0x0D, 0x0C, 0x0B, 0x0B, 0x0C, 0x19, 0x12,
    0x13, 0x0F, 0x14, 0x1D, 0x1A, 0x1F, 0x1E, 0x1D, 0x1A, 0x1C, 0x1C, 0x20, 0x24, 0x2E, 0x27, 0x20,
    0x22, 0x2C, 0x23, 0x1C, 0x1C, 0x28, 0x37, 0x29, 0x2C, 0x30, 0x31, 0x34, 0x34, 0x34, 0x1F, 0x27,
    0x39, 0x3D, 0x38, 0x32, 0x3C, 0x2E, 0x33, 0x34, 0x32, 0xFF, 0xC0, 0x00, 0x0B, 0x08, 0x00, 0x01,
    0x00, 0x01, 0x01, 0x01, 0x11, 0x00, 0xFF, 0xC4, 0x00, 0x14, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x09, 0xFF, 0xC4,
    0x00, 0x14, 0x10, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0xFF, 0xDA, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x3F, 0x00, 0x2A, 0x9F,
    0xFF, 0xD9,
];

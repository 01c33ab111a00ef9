//! `gengo sync`: localisation files in, human translations out, every string ordered from
//! Gengo exactly once, even when the process is killed.
//!
//! A [`Project`] reads `gengo-sync.toml`, parses the source files ([`formats`]), and keeps
//! its state in SQLite (`.gengo/sync.db`, [`state`]). [`Project::push`] orders what is new
//! or changed; [`Project::status`] and [`Project::pull`] fetch what came back and write the
//! target files.
//!
//! # Exactly once
//!
//! Each string's identity is its file, key and context; with a hash of its source text and
//! a target language it is ordered at most once. Before an order is sent its *intent* (the
//! exact payload and its items) is committed; every job carries a marker in `custom_data`
//! (`gengo-sync/1 PROJECT ID HASH LANG`). A run that finds an intent without an answer
//! (the process died between sending and recording) reconciles before ordering anything:
//! it lists the account's newest jobs (`translate/jobs` with `timestamp_after`), reads
//! their markers (`translate/jobs/{ids}`), and records what Gengo has. When none of the
//! intent's jobs is there, it sends the *same* payload again: if Gengo received the first
//! one, it refuses the copy as a duplicate (error 1754, within its five-minute window) and
//! the intent waits for its jobs to appear; otherwise the order is placed now, once.

pub mod config;
pub mod formats;
pub mod placeholders;
pub mod state;

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::path::{Path, PathBuf};

use gengo_core::models::JobStatus;
use gengo_core::requests::{Approval, BulkAction, JobFilter};
use gengo_core::{Client, Decimal, ErrorKind, ops};
use serde_json::{Map, Value, json};
use sha1::{Digest, Sha1};

pub use config::{Config, FileSpec};
use state::Store;

/// What can go wrong.
#[derive(Debug)]
pub enum Error {
    /// Bad input: the config, a source file, a target path. Nothing was ordered.
    Input(String),
    /// Gengo (or the network) said no; see the core error's kind and code.
    Api(gengo_core::Error),
    /// The state database.
    State(rusqlite::Error),
}

impl Error {
    /// A bad-input error.
    pub fn input(m: impl Into<String>) -> Error {
        Error::Input(m.into())
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Input(m) => f.write_str(m),
            Error::Api(e) => write!(f, "{e}"),
            Error::State(e) => write!(f, "state database (.gengo/sync.db): {e}"),
        }
    }
}

impl std::error::Error for Error {}

impl From<gengo_core::Error> for Error {
    fn from(e: gengo_core::Error) -> Error {
        Error::Api(e)
    }
}

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Error {
        Error::State(e)
    }
}

/// A gengo-sync result.
pub type Result<T> = std::result::Result<T, Error>;

/// The marker's prefix in each job's `custom_data`.
pub const MARKER: &str = "gengo-sync/1";

/// How many jobs `translate/jobs/{ids}` is asked for at once.
const JOBS_PER_LOOKUP: usize = 50;

/// One string of a source file.
#[derive(Debug, Clone)]
pub struct SourceString {
    /// The identity (file, key, context), hashed: 16 hex digits.
    pub id: String,
    /// The source file, as the config names it.
    pub file: String,
    /// The entry.
    pub entry: formats::Entry,
    /// Hash of the source text: 16 hex digits.
    pub hash: String,
}

fn short_hash(parts: &[&str]) -> String {
    let mut h = Sha1::new();
    for p in parts {
        h.update(p.as_bytes());
        h.update([0u8]);
    }
    hex::encode(&h.finalize()[..8])
}

fn identity(file: &str, e: &formats::Entry) -> (String, String) {
    (
        short_hash(&[file, &e.key, e.context.as_deref().unwrap_or("")]),
        short_hash(&[&e.text]),
    )
}

/// What [`Project::push`] did or would do.
#[derive(Debug, Default, Clone, serde::Serialize)]
pub struct PushReport {
    /// Jobs to order (new or changed strings x languages) this run.
    pub jobs: usize,
    /// Their total price, as quoted.
    #[serde(serialize_with = "as_text")]
    pub quoted_credits: Decimal,
    /// Orders placed this run.
    pub orders: Vec<u64>,
    /// Jobs placed this run.
    pub ordered_jobs: usize,
    /// Jobs found at Gengo while reconciling an interrupted run.
    pub reconciled_jobs: usize,
    /// Whether nothing was ordered because `dry_run` was set.
    pub dry_run: bool,
}

/// Options of [`Project::push`].
#[derive(Debug, Default, Clone)]
pub struct PushOptions {
    /// Quote and stop.
    pub dry_run: bool,
    /// Refuse to order when the quote is above this.
    pub max_credits: Option<Decimal>,
}

/// Progress of a long push or pull, for a progress bar.
#[derive(Debug, Clone)]
pub enum Progress {
    /// `done` of `total` jobs ordered.
    Ordered {
        /// Jobs ordered so far.
        done: usize,
        /// Jobs to order.
        total: usize,
    },
    /// `done` of `total` jobs looked up.
    Fetched {
        /// Jobs looked up so far.
        done: usize,
        /// Jobs to look up.
        total: usize,
    },
}

/// Per-language counts of [`Project::status`].
#[derive(Debug, Default, Clone, serde::Serialize, PartialEq, Eq)]
pub struct LangStatus {
    /// Strings never ordered in their current text.
    pub untranslated: usize,
    /// Ordered, not yet taken by a translator (queued, available, or not yet seen).
    pub ordered: usize,
    /// A translator is on it (pending, revising).
    pub in_progress: usize,
    /// Translated, waiting for review.
    pub reviewable: usize,
    /// Approved, not yet written.
    pub approved: usize,
    /// Approved and in the target file.
    pub written: usize,
    /// Cannot be written (placeholders differ), or rejected / canceled.
    pub failed: usize,
}

/// What [`Project::status`] reports.
#[derive(Debug, Default, Clone, serde::Serialize)]
pub struct Status {
    /// Per target language, in the config's order.
    pub languages: Vec<(String, LangStatus)>,
    /// Credits charged for the project's orders.
    #[serde(serialize_with = "as_text")]
    pub credits_spent: Decimal,
    /// Strings whose translation cannot be written, and why.
    pub problems: Vec<String>,
    /// Orders sent but not yet confirmed (interrupted runs); `push` reconciles them.
    pub unconfirmed_orders: usize,
}

/// What [`Project::pull`] did.
#[derive(Debug, Default, Clone, serde::Serialize)]
pub struct PullReport {
    /// Jobs approved (with `approve`).
    pub approved: usize,
    /// Target files written.
    pub files: Vec<String>,
    /// Translations written.
    pub written: usize,
    /// Strings not written, and why.
    pub problems: Vec<String>,
}

/// A gengo-sync project.
pub struct Project {
    root: PathBuf,
    config: Config,
    store: Store,
    project: String,
}

/// A test hook: `GENGO_SYNC_CRASH_AT=before-post|after-post|between-chunks` kills the
/// process with SIGKILL at that point of a push (the kill-and-resume tests use it).
fn crash_point(name: &str) {
    if std::env::var("GENGO_SYNC_CRASH_AT").is_ok_and(|v| v == name) {
        let _ = std::process::Command::new("kill")
            .args(["-KILL", &std::process::id().to_string()])
            .status();
        loop {
            std::thread::sleep(std::time::Duration::from_secs(1));
        }
    }
}

fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

/// Whether an order that failed this way may still have been placed (the answer was lost).
fn outcome_unknown(e: &gengo_core::Error) -> bool {
    matches!(
        e.kind(),
        ErrorKind::Transport
            | ErrorKind::Timeout
            | ErrorKind::Decode
            | ErrorKind::Http
            | ErrorKind::Tls
    )
}

impl Project {
    /// Opens the project whose config is `config_path` (its folder is the project's root;
    /// the state is `.gengo/sync.db` there).
    pub fn open(config_path: &Path) -> Result<Project> {
        let config = Config::load(config_path)?;
        let root = config_path
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_default();
        let root = if root.as_os_str().is_empty() {
            PathBuf::from(".")
        } else {
            root
        };
        let store = Store::open(&root.join(".gengo").join("sync.db"))?;
        let project = match &config.project {
            Some(p) => p.clone(),
            None => match store.meta("project")? {
                Some(p) => p,
                None => {
                    let p = format!(
                        "p{}",
                        &short_hash(&[
                            &now().to_string(),
                            &std::process::id().to_string(),
                            &root.display().to_string()
                        ])[..10]
                    );
                    store.set_meta("project", &p)?;
                    p
                }
            },
        };
        if project.is_empty() || project.len() > 64 || project.contains(char::is_whitespace) {
            return Err(Error::input(
                "project must be 1 to 64 characters without spaces",
            ));
        }
        Ok(Project {
            root,
            config,
            store,
            project,
        })
    }

    /// The config.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// Every string of every source file, in file order.
    pub fn scan(&self) -> Result<Vec<SourceString>> {
        let mut out = Vec::new();
        for f in &self.config.files {
            let path = self.root.join(&f.source);
            let text = std::fs::read_to_string(&path)
                .map_err(|e| Error::input(format!("{}: {e}", f.source)))?;
            let entries = f
                .format()?
                .parse(&text, &self.config.source_language)
                .map_err(|e| Error::input(format!("{}: {e}", f.source)))?;
            let mut seen = HashSet::new();
            for entry in entries {
                let (id, hash) = identity(&f.source, &entry);
                if !seen.insert(id.clone()) {
                    return Err(Error::input(format!(
                        "{}: line {}: key {:?} appears twice",
                        f.source, entry.line, entry.key
                    )));
                }
                out.push(SourceString {
                    id,
                    file: f.source.clone(),
                    entry,
                    hash,
                });
            }
        }
        Ok(out)
    }

    fn marker(&self, id: &str, hash: &str, lang: &str) -> String {
        format!("{MARKER} {} {id} {hash} {lang}", self.project)
    }

    /// (id, hash, lang) of a marker of this project.
    fn read_marker(&self, custom_data: &str) -> Option<(String, String, String)> {
        let mut parts = custom_data.split(' ');
        if parts.next()? != MARKER || parts.next()? != self.project {
            return None;
        }
        let (id, hash, lang) = (parts.next()?, parts.next()?, parts.next()?);
        Some((id.to_string(), hash.to_string(), lang.to_string()))
    }

    fn job_payload(&self, s: &SourceString, lang: &str) -> Value {
        json!({
            "type": "text",
            "slug": format!("{}: {}", s.file, s.entry.key),
            "body_src": placeholders::protect(&s.entry.text),
            "lc_src": self.config.source_language,
            "lc_tgt": lang,
            "tier": self.config.tier,
            "custom_data": self.marker(&s.id, &s.hash, lang),
            "auto_approve": 0,
        })
    }

    /// Orders every string that is new or changed since it was last ordered, in chunks of
    /// `jobs_per_order`, after reconciling any interrupted run. An unchanged project sends
    /// no request at all.
    pub fn push(
        &mut self,
        client: &Client,
        opts: &PushOptions,
        progress: &mut dyn FnMut(Progress),
    ) -> Result<PushReport> {
        let strings = self.scan()?;
        let mut report = PushReport {
            dry_run: opts.dry_run,
            ..Default::default()
        };
        report.reconciled_jobs = self.reconcile(client)?;
        if self
            .store
            .pending_intents()?
            .iter()
            .any(|i| i.state == "duplicate")
        {
            return Err(Error::input(
                "an earlier order is still being created by Gengo (it refused the same payload as a duplicate, error 1754); \
                 nothing new was ordered. Run push again in a few minutes",
            ));
        }
        let langs = self.config.target_languages.clone();
        let mut todo: Vec<(&SourceString, &str)> = Vec::new();
        for s in &strings {
            for lang in &langs {
                if !self.store.has(&s.id, lang, &s.hash)? {
                    todo.push((s, lang));
                }
            }
        }
        report.jobs = todo.len();
        if todo.is_empty() {
            return Ok(report);
        }
        let chunks: Vec<Vec<(&SourceString, &str)>> = todo
            .chunks(self.config.jobs_per_order)
            .map(|c| c.to_vec())
            .collect();
        // Quote everything first: the total is known (and capped) before anything is spent.
        for chunk in &chunks {
            let mut jobs = Map::new();
            for (s, lang) in chunk {
                jobs.insert(format!("{}-{}", s.id, lang), self.job_payload(s, lang));
            }
            let q = client.call_op(&ops::QUOTE, &json!({ "jobs": jobs }))?;
            if let Some(m) = q.get("jobs").and_then(Value::as_object) {
                for v in m.values() {
                    report.quoted_credits += decimal(&v["credits"]);
                }
            }
        }
        if opts.dry_run {
            return Ok(report);
        }
        if let Some(max) = opts.max_credits
            && report.quoted_credits > max
        {
            return Err(Error::input(format!(
                "the quote is {} credits, over --max-credits {max}; nothing was ordered",
                report.quoted_credits
            )));
        }
        let total = todo.len();
        for chunk in &chunks {
            let mut jobs = Map::new();
            let mut items = Vec::new();
            for (s, lang) in chunk {
                jobs.insert(format!("{}-{}", s.id, lang), self.job_payload(s, lang));
                items.push((s.id.clone(), lang.to_string(), s.hash.clone()));
            }
            let mut payload = json!({ "jobs": jobs });
            if let Some(c) = &self.config.comment {
                payload["comment"] = json!(c);
            }
            let text = payload.to_string();
            let intent = self.store.begin_intent(now(), &text, &items)?;
            crash_point("before-post");
            let order = self.send(client, intent, &payload)?;
            if let Some(o) = order {
                report.orders.push(o);
            }
            report.ordered_jobs += items.len();
            progress(Progress::Ordered {
                done: report.ordered_jobs,
                total,
            });
            crash_point("between-chunks");
        }
        Ok(report)
    }

    /// Sends an intent's payload and records the answer. `Ok(None)`: Gengo refused it as a
    /// duplicate (it has it); the intent waits for reconciliation.
    fn send(&mut self, client: &Client, intent: i64, payload: &Value) -> Result<Option<u64>> {
        match client.call_op(&ops::ORDER_JOBS, payload) {
            Ok(r) => {
                crash_point("after-post");
                let order_id = r.get("order_id").and_then(as_u64);
                let credits = r.get("credits_used").map(decimal).map(|d| d.to_string());
                self.store
                    .finish_intent(intent, order_id, credits.as_deref())?;
                Ok(order_id)
            }
            Err(e) if e.codes().contains(&1754) => {
                self.store.mark_duplicate(intent)?;
                Err(Error::input(format!(
                    "Gengo already has this order (error 1754: identical payload within its duplicate window); \
                     it was not placed twice. Run push again in a few minutes to record its jobs ({e})"
                )))
            }
            Err(e) if outcome_unknown(&e) => Err(Error::Api(e)),
            Err(e) => {
                self.store.drop_intent(intent)?;
                Err(Error::Api(e))
            }
        }
    }

    /// Settles intents whose answer was never recorded; returns how many jobs it found.
    fn reconcile(&mut self, client: &Client) -> Result<usize> {
        let pending = self.store.pending_intents()?;
        if pending.is_empty() {
            return Ok(0);
        }
        let oldest = pending.iter().map(|i| i.created).min().unwrap_or_else(now);
        // A day's margin: Gengo's clock and ours differ (and a sandbox's may be manual).
        let after = oldest.saturating_sub(86_400).max(0) as u64;
        let listed = client.list_jobs(&JobFilter {
            timestamp_after: Some(after),
            count: Some(200),
            ..Default::default()
        })?;
        let ids: Vec<u64> = listed.iter().filter_map(|j| j.job_id).collect();
        let mut found = 0;
        let mut by_key: HashMap<ItemKey, SeenJob> = HashMap::new();
        for chunk in ids.chunks(JOBS_PER_LOOKUP) {
            for job in client.get_jobs(chunk)? {
                if let (Some(cd), Some(job_id)) = (job.custom_data.as_deref(), job.job_id)
                    && let Some(k) = self.read_marker(cd)
                {
                    by_key.insert(
                        k,
                        (
                            job_id,
                            job.order_id,
                            job.status.as_ref().map(|s| s.to_string()),
                        ),
                    );
                }
            }
        }
        for intent in pending {
            let items = self.store.intent_items(intent.id)?;
            let mut matched = 0;
            for it in &items {
                if let Some((job_id, order_id, status)) =
                    by_key.get(&(it.id.clone(), it.hash.clone(), it.lang.clone()))
                {
                    self.store.update_job(
                        &it.id,
                        &it.lang,
                        &it.hash,
                        *order_id,
                        *job_id,
                        status.as_deref(),
                        None,
                        None,
                    )?;
                    matched += 1;
                }
            }
            found += matched;
            if matched > 0 {
                self.store.settle_intent(intent.id)?;
            } else if intent.state == "open" {
                // None of its jobs is at Gengo: send the same payload again (a copy of one
                // Gengo did receive is refused as a duplicate, not ordered twice).
                let payload: Value = serde_json::from_str(&intent.payload)
                    .map_err(|e| Error::input(format!("state: intent {}: {e}", intent.id)))?;
                self.send(client, intent.id, &payload)?;
            }
        }
        Ok(found)
    }

    /// Looks up every ordered job that may have changed; records statuses and translations.
    fn refresh(&mut self, client: &Client, progress: &mut dyn FnMut(Progress)) -> Result<()> {
        let items = self.store.items()?;
        let final_status =
            |s: &Option<String>| s.as_deref().is_some_and(|s| JobStatus::parse(s).is_final());
        let mut orders: Vec<u64> = items
            .iter()
            .filter(|i| i.state == "ordered" && i.job_id.is_none())
            .filter_map(|i| i.order_id)
            .collect();
        orders.sort_unstable();
        orders.dedup();
        let mut job_ids: Vec<u64> = items
            .iter()
            .filter(|i| i.job_id.is_some() && !final_status(&i.job_status))
            .filter_map(|i| i.job_id)
            .collect();
        for o in orders {
            let order = client.get_order(o)?;
            for list in [
                &order.jobs_available,
                &order.jobs_pending,
                &order.jobs_reviewable,
                &order.jobs_revising,
                &order.jobs_approved,
                &order.jobs_rejected,
                &order.jobs_cancelled,
                &order.jobs_held,
            ] {
                job_ids.extend(list.iter().flatten());
            }
        }
        job_ids.sort_unstable();
        job_ids.dedup();
        let total = job_ids.len();
        let mut done = 0;
        let sources: HashMap<(String, String), String> = self
            .scan()?
            .into_iter()
            .map(|s| ((s.id, s.hash), s.entry.text))
            .collect();
        for chunk in job_ids.chunks(JOBS_PER_LOOKUP) {
            for job in client.get_jobs(chunk)? {
                let (Some(cd), Some(job_id)) = (job.custom_data.as_deref(), job.job_id) else {
                    continue;
                };
                let Some((id, hash, lang)) = self.read_marker(cd) else {
                    continue;
                };
                let status = job.status.as_ref().map(|s| s.to_string());
                let readable = matches!(
                    job.status,
                    Some(JobStatus::Reviewable | JobStatus::Approved)
                );
                let translation = job
                    .body_tgt
                    .as_deref()
                    .filter(|_| readable)
                    .map(placeholders::unprotect);
                let problem = match (&translation, sources.get(&(id.clone(), hash.clone()))) {
                    (Some(t), Some(src)) => placeholders::check(src, t).err(),
                    _ => None,
                };
                self.store.update_job(
                    &id,
                    &lang,
                    &hash,
                    job.order_id,
                    job_id,
                    status.as_deref(),
                    translation.as_deref(),
                    problem.as_deref(),
                )?;
            }
            done += chunk.len();
            progress(Progress::Fetched { done, total });
        }
        Ok(())
    }

    /// Per-language counts, after looking up what changed at Gengo (with a client).
    pub fn status(
        &mut self,
        client: Option<&Client>,
        progress: &mut dyn FnMut(Progress),
    ) -> Result<Status> {
        if let Some(c) = client {
            self.refresh(c, progress)?;
        }
        let strings = self.scan()?;
        let items: HashMap<(String, String, String), state::Item> = self
            .store
            .items()?
            .into_iter()
            .map(|i| ((i.id.clone(), i.lang.clone(), i.hash.clone()), i))
            .collect();
        let mut out = Status::default();
        for lang in &self.config.target_languages {
            let mut st = LangStatus::default();
            for s in &strings {
                match items.get(&(s.id.clone(), lang.clone(), s.hash.clone())) {
                    None => st.untranslated += 1,
                    Some(i) => {
                        if let Some(p) = &i.problem {
                            st.failed += 1;
                            out.problems.push(format!(
                                "{}:{}: {} [{lang}]: {p}",
                                s.file, s.entry.line, s.entry.key
                            ));
                            continue;
                        }
                        match i.job_status.as_deref().map(JobStatus::parse) {
                            Some(JobStatus::Pending | JobStatus::Revising) => st.in_progress += 1,
                            Some(JobStatus::Reviewable) => st.reviewable += 1,
                            Some(JobStatus::Approved) if i.written => st.written += 1,
                            Some(JobStatus::Approved) => st.approved += 1,
                            Some(JobStatus::Rejected | JobStatus::Canceled) => st.failed += 1,
                            _ => st.ordered += 1,
                        }
                    }
                }
            }
            out.languages.push((lang.clone(), st));
        }
        out.credits_spent = self
            .store
            .credits()?
            .iter()
            .filter_map(|c| c.parse::<Decimal>().ok())
            .sum();
        out.unconfirmed_orders = self.store.pending_intents()?.len();
        Ok(out)
    }

    /// Polls Gengo every `interval` until no job of the project is ordered and untaken or
    /// in progress, or `timeout` passes; returns how many still are. `on_change` hears the
    /// count each time it changes.
    pub fn wait(
        &mut self,
        client: &Client,
        timeout: std::time::Duration,
        interval: std::time::Duration,
        on_change: &mut dyn FnMut(usize),
    ) -> Result<usize> {
        let deadline = std::time::Instant::now() + timeout;
        let mut shown = None;
        loop {
            let s = self.status(Some(client), &mut |_| {})?;
            let busy: usize = s
                .languages
                .iter()
                .map(|(_, l)| l.ordered + l.in_progress)
                .sum();
            let now = std::time::Instant::now();
            if busy == 0 || now >= deadline {
                return Ok(busy);
            }
            if shown != Some(busy) {
                on_change(busy);
                shown = Some(busy);
            }
            std::thread::sleep(interval.min(deadline - now));
        }
    }

    /// Fetches finished translations (approving reviewable jobs first with `approve`) and
    /// writes every target file: the source's shape, approved translations only.
    pub fn pull(
        &mut self,
        client: &Client,
        approve: Option<Approval>,
        progress: &mut dyn FnMut(Progress),
    ) -> Result<PullReport> {
        self.refresh(client, progress)?;
        let mut report = PullReport::default();
        let strings = self.scan()?;
        let current: HashSet<(String, String)> = strings
            .iter()
            .map(|s| (s.id.clone(), s.hash.clone()))
            .collect();
        if let Some(a) = approve {
            let reviewable: Vec<u64> = self
                .store
                .items()?
                .into_iter()
                .filter(|i| i.job_status.as_deref() == Some("reviewable") && i.problem.is_none())
                .filter(|i| current.contains(&(i.id.clone(), i.hash.clone())))
                .filter_map(|i| i.job_id)
                .collect();
            // In bulk (`translate/jobs` PUT), JOBS_PER_LOOKUP at a time.
            for chunk in reviewable.chunks(JOBS_PER_LOOKUP) {
                let each = chunk.iter().map(|id| (*id, a.clone())).collect();
                client.update_jobs(&BulkAction::Approve(each))?;
            }
            report.approved = reviewable.len();
            if !reviewable.is_empty() {
                self.refresh(client, progress)?;
            }
        }
        let items = self.store.items()?;
        let mut translations: HashMap<ItemKey, String> = HashMap::new();
        for i in &items {
            if i.job_status.as_deref() == Some("approved") {
                if let (Some(t), None) = (&i.translation, &i.problem) {
                    translations.insert((i.id.clone(), i.hash.clone(), i.lang.clone()), t.clone());
                }
            }
        }
        let mut written_keys = Vec::new();
        for f in &self.config.files {
            let format = f.format()?;
            let source_path = self.root.join(&f.source);
            let source = std::fs::read_to_string(&source_path)
                .map_err(|e| Error::input(format!("{}: {e}", f.source)))?;
            for lang in &self.config.target_languages {
                let used = std::cell::RefCell::new(Vec::new());
                let lookup = |e: &formats::Entry| {
                    let (id, hash) = identity(&f.source, e);
                    let key = (id, hash, lang.clone());
                    let t = translations.get(&key).cloned();
                    if t.is_some() {
                        used.borrow_mut().push((key.0, key.2, key.1));
                    }
                    t
                };
                let text = format
                    .write(&source, &self.config.source_language, lang, &lookup)
                    .map_err(|e| Error::input(format!("{}: {e}", f.source)))?;
                let used = used.into_inner();
                let target = f.target_for(lang);
                write_atomically(&self.root.join(&target), &text)
                    .map_err(|e| Error::input(format!("{target}: cannot write: {e}")))?;
                report.written += used.len();
                written_keys.extend(used);
                report.files.push(target);
            }
        }
        self.store.set_written(&written_keys, true)?;
        report.problems = self.status(None, &mut |_| {})?.problems;
        Ok(report)
    }
}

/// (identity, source hash, language).
type ItemKey = (String, String, String);

/// A job found at Gengo: (job id, order id, status).
type SeenJob = (u64, Option<u64>, Option<String>);

fn write_atomically(path: &Path, text: &str) -> std::io::Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let tmp = path.with_extension("gengo-sync.tmp");
    std::fs::write(&tmp, text)?;
    std::fs::rename(&tmp, path).inspect_err(|_| {
        let _ = std::fs::remove_file(&tmp);
    })
}

fn as_text<S: serde::Serializer>(d: &Decimal, s: S) -> std::result::Result<S::Ok, S::Error> {
    s.serialize_str(&d.to_string())
}

fn as_u64(v: &Value) -> Option<u64> {
    v.as_u64()
        .or_else(|| v.as_str().and_then(|s| s.parse().ok()))
}

fn decimal(v: &Value) -> Decimal {
    match v {
        Value::Number(n) => n.to_string().parse().unwrap_or_default(),
        Value::String(s) => s.parse().unwrap_or_default(),
        _ => Decimal::ZERO,
    }
}

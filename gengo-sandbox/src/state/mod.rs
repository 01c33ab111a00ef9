//! The sandbox's state and every rule, as one synchronous, deterministic machine:
//! [`State::handle`] takes a parsed request and returns the reply. The HTTP layer
//! (`server.rs`) only parses bytes and runs the clock and callback delivery.

//!
//! The rules are split by what they are about: [`model`] (records and replies),
//! `router` (request to operation), `handlers` (one handler per operation, registered
//! in one table), `ordering` (quotes and orders), `actions` (approve, revise, reject,
//! cancel), `lifecycle` (time, translators, callbacks) and `render` (Gengo's JSON).

mod actions;
mod checking;
mod handlers;
mod lifecycle;
pub mod model;
mod ordering;
mod render;
mod router;

use std::collections::{BTreeMap, HashMap, VecDeque};
use std::time::Instant;

use gengo_core::Decimal;
use serde_json::{Map, Value, json};

use crate::clock::SandboxClock;
use crate::options::{Options, Profile};
use model::*;
pub use model::{Account, Delivery, Incoming, Reply, SComment, SJob, SOrder, UploadedFile};

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
    /// Text jobs by (account, lc_src, lc_tgt, tier, body_src), in id order: the candidates
    /// of Decision D8 (a duplicate of an approved job is free) found without a scan.
    by_text: HashMap<TextKey, Vec<u64>>,
    deliveries: Vec<Delivery>,
    throttle: HashMap<String, VecDeque<Instant>>,
    next_id: u64,
    /// Requests handled (for the control API).
    pub requests: u64,
    /// Requests refused by the rate limit (HTTP 429).
    pub throttled: u64,
}

/// (account, lc_src, lc_tgt, tier, body_src) of a text job.
type TextKey = (String, String, String, String, String);

const DEMO_PUBLIC: &str = "sandbox_public_key";
const DEMO_PRIVATE: &str = "sandbox_private_key";

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
            by_text: HashMap::new(),
            deliveries: Vec::new(),
            throttle: HashMap::new(),
            next_id: 1000,
            requests: 0,
            throttled: 0,
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
            // Out of the queue now (not at time 0, which would run every job through its
            // whole life first), so the order counts its jobs by status.
            let now = self.clock.now_ms();
            if let Some(o) = self.orders.get_mut(&order_id) {
                o.queued_until = o.queued_until.min(now);
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

    pub(super) fn id(&mut self) -> u64 {
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

    /// The control API's view of the clock and counts.
    pub fn summary(&self) -> Value {
        json!({
            "time": self.clock.now(), "time_ms": self.clock.now_ms(),
            "clock": self.clock.mode().to_string(),
            "profile": self.options.profile.as_str(),
            "accounts": self.accounts.len(), "orders": self.orders.len(), "jobs": self.jobs.len(),
            "callbacks": self.deliveries.len(), "requests": self.requests,
            "throttled": self.throttled,
        })
    }
}

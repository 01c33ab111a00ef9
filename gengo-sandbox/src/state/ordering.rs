//! Quotes and orders: every job checked (`checking.rs`) and priced (per-job errors,
//! duplicates, grouping, forced re-orders, credits), file jobs by their quote's identifier.

use gengo_core::lenient::Lenient;
use gengo_core::models::JobStatus;
use gengo_core::{Decimal, units};
use serde_json::{Map, Value, json};

use super::model::*;
use super::*;
use crate::catalogue;

impl State {
    pub(super) fn quote(&mut self, ctx: &Ctx) -> GResult<Reply> {
        self.account(ctx)?;
        let data = ctx.data_obj()?;
        let jobs = data
            .get("jobs")
            .ok_or_else(|| gerr(1800, "jobs is a required field"))?;
        let entries = job_entries(jobs).ok_or_else(|| gerr(1800, "jobs is a required field"))?;
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

    /// `translate/jobs` POST: every job checked (all errors of all jobs reported at once,
    /// nothing charged), the payload refused if identical to one of the last five
    /// minutes (1754), duplicates of approved jobs priced at nothing (D8), credits
    /// checked, then the jobs created, the order recorded and the account charged.
    pub(super) fn order(&mut self, ctx: &Ctx) -> GResult<Reply> {
        let acct = self.account(ctx)?.clone();
        let data = ctx.data_obj()?;
        let jobs = data
            .get("jobs")
            .ok_or_else(|| gerr(1800, "jobs is a required field"))?;
        let entries = job_entries(jobs)
            .filter(|e| !e.is_empty())
            .ok_or_else(|| gerr(1800, "jobs is a required field"))?;
        let as_group = order_flags(&data)?;
        let mut planned = self.plan(&acct.public_key, &entries)?;
        let grouped = grouping(&planned, as_group)?;
        let now_ms = self.clock.now_ms();
        let payload_text =
            self.refuse_identical_payload(&acct.public_key, &data, &planned, now_ms / 1000)?;
        let total = self.price(&acct.public_key, &mut planned);
        if total > acct.credits {
            return Err(gerr(2700, "Not enough credits - please top up"));
        }
        self.payloads
            .push((acct.public_key.clone(), payload_text, now_ms / 1000));
        let order_id = self.id();
        let group_id = grouped.then(|| self.id());
        let (job_ids, old) = self.create_jobs(&acct.public_key, order_id, planned, now_ms / 1000);
        self.record_order(
            &acct.public_key,
            &data,
            order_id,
            &job_ids,
            grouped,
            group_id,
            now_ms,
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

    /// Every job checked; every error of every job reported under its key at once.
    fn plan(&self, account: &str, entries: &[(String, Value)]) -> GResult<Vec<(String, Planned)>> {
        let mut errors = Map::new();
        let mut planned = Vec::new();
        for (key, job) in entries {
            match self.check_job(account, job) {
                Ok(p) => planned.push((key.clone(), p)),
                Err(list) => {
                    errors.insert(key.clone(), Value::Array(list));
                }
            }
        }
        if !errors.is_empty() {
            return Err(Reply::json(200, &json!({"opstat": "error", "err": errors})));
        }
        Ok(planned)
    }

    /// The same payload twice within five minutes is 1754, unless every job carries
    /// `force: 1` (a deliberate re-order). Returns the payload's text, to remember.
    fn refuse_identical_payload(
        &mut self,
        account: &str,
        data: &Map<String, Value>,
        planned: &[(String, Planned)],
        now: i64,
    ) -> GResult<String> {
        let payload_text = Value::Object(data.clone()).to_string();
        self.payloads.retain(|(_, _, t)| now - t < 300);
        let forced = planned.iter().all(|(_, p)| p.force);
        if !forced
            && self
                .payloads
                .iter()
                .any(|(a, p, _)| a == account && *p == payload_text)
        {
            return Err(gerr(
                1754,
                "system detected an identical payload within a 5 minute window",
            ));
        }
        Ok(payload_text)
    }

    /// Prices the jobs: a duplicate of an earlier approved job costs nothing (D8).
    /// Returns the total.
    fn price(&self, account: &str, planned: &mut [(String, Planned)]) -> Decimal {
        let mut total = Decimal::ZERO;
        for (_, p) in planned.iter_mut() {
            if !p.force
                && p.job_type == "text"
                && let Some(prev) = self
                    .by_text
                    .get(&(
                        account.to_string(),
                        p.lc_src.clone(),
                        p.lc_tgt.clone(),
                        p.tier.clone(),
                        p.body_src.clone(),
                    ))
                    .into_iter()
                    .flatten()
                    .filter_map(|id| self.jobs.get(id))
                    .find(|j| j.status == JobStatus::Approved)
            {
                p.duplicate_of = prev.body_tgt.clone();
                p.credits = Decimal::ZERO;
            }
            total += p.credits;
        }
        total
    }

    /// Creates the order's jobs (queued; machine jobs and duplicates approved at once).
    /// Returns their ids and, by key, the duplicates as the receipt shows them.
    fn create_jobs(
        &mut self,
        account: &str,
        order_id: u64,
        planned: Vec<(String, Planned)>,
        now: i64,
    ) -> (Vec<u64>, Map<String, Value>) {
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
            let (status, body_tgt, mt) = if let Some(t) = &p.duplicate_of {
                (JobStatus::Approved, Some(t.clone()), false)
            } else if p.tier == "machine" {
                (
                    JobStatus::Approved,
                    Some(catalogue::pseudo_translate(&p.body_src, &p.lc_tgt, 1)),
                    true,
                )
            } else {
                (JobStatus::Queued, None, false)
            };
            let duplicate = p.duplicate_of.is_some();
            let job = SJob {
                id,
                order_id,
                account: account.to_string(),
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
                next_at: None,
                follow_up_cancel: false,
            };
            if duplicate {
                old.insert(key.clone(), json!([self.job_json(&job)]));
            }
            if job.job_type == "text" {
                self.by_text
                    .entry((
                        job.account.clone(),
                        job.lc_src.clone(),
                        job.lc_tgt.clone(),
                        job.tier.clone(),
                        job.body_src.clone(),
                    ))
                    .or_default()
                    .push(id);
            }
            self.jobs.insert(id, job);
            job_ids.push(id);
        }
        (job_ids, old)
    }

    /// Records the order: its jobs, grouping, the order-level comment, the queue.
    #[allow(clippy::too_many_arguments)]
    fn record_order(
        &mut self,
        account: &str,
        data: &Map<String, Value>,
        order_id: u64,
        job_ids: &[u64],
        grouped: bool,
        group_id: Option<u64>,
        now_ms: i64,
    ) {
        let mut comments = Vec::new();
        if let Some(c) = data
            .get("comment")
            .and_then(Value::as_str)
            .filter(|c| !c.is_empty())
        {
            comments.push(SComment {
                body: c.to_string(),
                author: "customer",
                ctime: now_ms / 1000,
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
        let queue_ms = self.options.pace.queue_ms();
        self.orders.insert(
            order_id,
            SOrder {
                id: order_id,
                account: account.to_string(),
                job_ids: job_ids.to_vec(),
                as_group: grouped,
                group_id,
                comments,
                queued_until: now_ms + queue_ms,
                processed: all_done,
            },
        );
    }
}

/// A `jobs` value's entries: an object by the caller's keys, or (JV, CS) an array keyed
/// by position. `None` for anything else.
fn job_entries(jobs: &Value) -> Option<Vec<(String, Value)>> {
    match jobs {
        Value::Object(o) => Some(o.iter().map(|(k, v)| (k.clone(), v.clone())).collect()),
        Value::Array(a) => Some(
            a.iter()
                .enumerate()
                .map(|(i, v)| (i.to_string(), v.clone()))
                .collect(),
        ),
        _ => None,
    }
}

/// The order-level flags and fields: `as_group` (returned), `process`, `reference_id`
/// (Decision D18).
fn order_flags(data: &Map<String, Value>) -> GResult<Option<bool>> {
    let as_group = flag(data.get("as_group")).map_err(|_| gerr(1851, "as_group must be 0 or 1"))?;
    flag(data.get("process")).map_err(|_| gerr(1901, "process must be 0 or 1"))?;
    if let Some(r) = data.get("reference_id").filter(|v| !v.is_null())
        && !matches!(i64::from_json(r), Some(n) if n >= 0)
    {
        return Err(gerr(
            1252,
            "\"reference_id\" must be an integer greater or equal 0",
        ));
    }
    Ok(as_group)
}

/// Whether the jobs are grouped (D4): jobs of one pair and tier are, unless `as_group`
/// is 0; grouping one job is a no-op (official clients send `as_group=1` by default and
/// Gengo answers ok); jobs that cannot share a translator are refused (1950).
fn grouping(planned: &[(String, Planned)], as_group: Option<bool>) -> GResult<bool> {
    let same = planned.windows(2).all(|w| {
        (&w[0].1.lc_src, &w[0].1.lc_tgt, &w[0].1.tier)
            == (&w[1].1.lc_src, &w[1].1.lc_tgt, &w[1].1.tier)
    });
    if as_group == Some(true) && planned.len() > 1 && !same {
        return Err(gerr(
            1950,
            "These jobs cannot be grouped (different tiers, source or target languages)",
        ));
    }
    Ok(as_group.unwrap_or(planned.len() > 1 && same)
        && planned.len() > 1
        && planned[0].1.tier != "machine")
}

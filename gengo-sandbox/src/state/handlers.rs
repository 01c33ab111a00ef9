//! One handler per operation of gengo-core's table, registered in [`HANDLERS`] and
//! nowhere else (axum's model: a function per route, one place that lists them). The
//! job-action shortcuts (`approve_job`, ...) share `update_job`'s route and handler.

use std::collections::BTreeMap;

use gengo_core::models::JobStatus;
use gengo_core::ops::{self, Operation};
use serde_json::{Value, json};

use super::model::*;
use super::*;
use crate::catalogue;

/// An operation's rules: the parsed request in, Gengo's reply (or error) out.
pub(super) type Handler = fn(&mut State, Ctx) -> GResult<Reply>;

/// Every operation with its handler.
pub(super) const HANDLERS: &[(Operation, Handler)] = &[
    (ops::ACCOUNT_STATS, State::on_account_stats),
    (ops::ACCOUNT_BALANCE, State::on_account_balance),
    (ops::ACCOUNT_ME, State::on_account_me),
    (ops::PREFERRED_TRANSLATORS, State::on_preferred_translators),
    (ops::GET_JOB, State::on_get_job),
    (ops::UPDATE_JOB, State::on_update_job),
    (ops::APPROVE_JOB, State::on_update_job),
    (ops::REVISE_JOB, State::on_update_job),
    (ops::REJECT_JOB, State::on_update_job),
    (ops::ARCHIVE_JOB, State::on_update_job),
    (ops::CANCEL_JOB, State::on_cancel_job),
    (ops::POST_JOB_COMMENT, State::on_post_job_comment),
    (ops::JOB_COMMENTS, State::on_job_comments),
    (ops::JOB_FEEDBACK, State::on_job_feedback),
    (ops::JOB_REVISIONS, State::on_job_revisions),
    (ops::JOB_REVISION, State::on_job_revision),
    (ops::ORDER_JOBS, State::on_order_jobs),
    (ops::LIST_JOBS, State::on_list_jobs),
    (ops::GET_JOBS, State::on_get_jobs),
    (ops::UPDATE_JOBS, State::on_update_jobs),
    (ops::GET_ORDER, State::on_get_order),
    (ops::CANCEL_ORDER, State::on_cancel_order),
    (ops::POST_ORDER_COMMENT, State::on_post_order_comment),
    (ops::ORDER_COMMENTS, State::on_order_comments),
    (ops::LANGUAGES, State::on_languages),
    (ops::LANGUAGE_PAIRS, State::on_language_pairs),
    (ops::LANGUAGE_MATRIX, State::on_language_matrix),
    (ops::QUOTE, State::on_quote),
    (ops::GLOSSARIES, State::on_glossaries),
    (ops::GET_GLOSSARY, State::on_get_glossary),
    (ops::DOWNLOAD_GLOSSARY, State::on_download_glossary),
    (ops::POST_JOB, State::on_post_job),
    (ops::JOB_GROUP, State::on_job_group),
    (ops::JOB_PREVIEW, State::on_job_preview),
    (ops::CANCEL_JOBS, State::on_cancel_jobs),
];

/// The handler of an operation.
pub(super) fn handler(op: &Operation) -> Option<Handler> {
    HANDLERS
        .iter()
        .find(|(o, _)| o.name == op.name)
        .map(|(_, h)| *h)
}

impl State {
    pub(super) fn on_account_stats(&mut self, ctx: Ctx) -> GResult<Reply> {
        let a = self.account(&ctx)?;
        let since = a.since;
        let spent = a.spent;
        Ok(Reply::ok(json!({
            "credits_spent": self.money_v(spent), "user_since": since, "currency": "USD",
            "billing_type": "Pre-pay", "customer_type": "Retail",
        })))
    }

    pub(super) fn on_account_balance(&mut self, ctx: Ctx) -> GResult<Reply> {
        let credits = self.account(&ctx)?.credits;
        Ok(Reply::ok(
            json!({"credits": self.money_v(credits), "currency": "USD"}),
        ))
    }

    pub(super) fn on_account_me(&mut self, ctx: Ctx) -> GResult<Reply> {
        let a = self.account(&ctx)?;
        Ok(Reply::ok(
            json!({"email": a.email, "full_name": "Sandbox Customer", "display_name": "sandbox", "language_code": "en"}),
        ))
    }

    pub(super) fn on_preferred_translators(&mut self, ctx: Ctx) -> GResult<Reply> {
        self.account(&ctx)?;
        Ok(Reply::ok(json!([])))
    }

    pub(super) fn on_languages(&mut self, _ctx: Ctx) -> GResult<Reply> {
        Ok(Reply::ok(Value::Array(
            catalogue::LANGUAGES
                .iter()
                .map(|l| json!({"language": l.name, "localized_name": l.localized, "lc": l.lc, "unit_type": catalogue::unit_type(l.lc).as_str()}))
                .collect(),
        )))
    }

    pub(super) fn on_language_pairs(&mut self, ctx: Ctx) -> GResult<Reply> {
        let lc_src = ctx.param_str("lc_src").or_else(|| ctx.data_str("lc_src"));
        let pairs: Vec<Value> = catalogue::pairs()
                .into_iter()
                .filter(|p| lc_src.as_deref().is_none_or(|l| l == p.lc_src))
                .map(|p| json!({"lc_src": p.lc_src, "lc_tgt": p.lc_tgt, "tier": p.tier, "unit_price": self.price_v(p.unit_price), "currency": "USD"}))
                .collect();
        Ok(Reply::ok(Value::Array(pairs)))
    }

    pub(super) fn on_language_matrix(&mut self, _ctx: Ctx) -> GResult<Reply> {
        let mut m: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for p in catalogue::pairs() {
            let v = m.entry(p.lc_src.to_string()).or_default();
            if !v.iter().any(|x| x == p.lc_tgt) {
                v.push(p.lc_tgt.to_string());
            }
        }
        Ok(Reply::ok(serde_json::to_value(m).unwrap_or_default()))
    }

    pub(super) fn on_get_job(&mut self, ctx: Ctx) -> GResult<Reply> {
        let id = self.owned_job(&ctx)?;
        let pre_mt = ctx
            .param_str("pre_mt")
            .is_some_and(|v| v == "1" || v == "true");
        let mut j = self.jobs[&id].clone();
        if pre_mt && j.body_tgt.is_none() {
            j.body_tgt = Some(catalogue::pseudo_translate(&j.body_src, &j.lc_tgt, 1));
            j.mt = true;
        }
        Ok(Reply::ok(json!({"job": self.job_json(&j)})))
    }

    pub(super) fn on_update_job(&mut self, ctx: Ctx) -> GResult<Reply> {
        let id = self.owned_job(&ctx)?;
        let data = ctx.data_obj()?;
        self.job_action(id, &data)?;
        Ok(Reply::ok(json!({})))
    }

    pub(super) fn on_cancel_job(&mut self, ctx: Ctx) -> GResult<Reply> {
        let id = self.owned_job(&ctx)?;
        self.cancel_job(id)?;
        Ok(Reply::ok(json!({})))
    }

    pub(super) fn on_post_job_comment(&mut self, ctx: Ctx) -> GResult<Reply> {
        let id = self.owned_job(&ctx)?;
        let (body, attachments) = comment_of(&ctx)?;
        let mut atts = attachments;
        for f in ctx.files.iter().filter(|f| f.field == "file_attachments") {
            atts.push(json!({"filename": f.filename, "size": f.bytes.len()}));
        }
        let now = self.clock.now();
        self.jobs
            .get_mut(&id)
            .expect("owned")
            .comments
            .push(SComment {
                body,
                author: "customer",
                ctime: now,
                attachments: atts,
            });
        Ok(Reply::ok(json!({})))
    }

    pub(super) fn on_job_comments(&mut self, ctx: Ctx) -> GResult<Reply> {
        let id = self.owned_job(&ctx)?;
        Ok(Reply::ok(
            json!({"thread": thread_json(&self.jobs[&id].comments)}),
        ))
    }

    pub(super) fn on_job_feedback(&mut self, ctx: Ctx) -> GResult<Reply> {
        let id = self.owned_job(&ctx)?;
        let fb = match &self.jobs[&id].feedback {
            Some((r, t)) => json!({"rating": r, "for_translator": t}),
            None => json!({}),
        };
        Ok(Reply::ok(json!({"feedback": fb})))
    }

    pub(super) fn on_job_revisions(&mut self, ctx: Ctx) -> GResult<Reply> {
        let id = self.owned_job(&ctx)?;
        let revs: Vec<Value> = self.jobs[&id]
            .revisions
            .iter()
            .map(|(r, t, _)| json!({"rev_id": self.id_v(*r), "ctime": t}))
            .collect();
        Ok(Reply::ok(
            json!({"job_id": self.id_v(id), "revisions": revs}),
        ))
    }

    pub(super) fn on_job_revision(&mut self, ctx: Ctx) -> GResult<Reply> {
        let id = self.owned_job(&ctx)?;
        let rev: u64 = ctx
            .param_str("rev_id")
            .and_then(|r| r.parse().ok())
            .ok_or_else(|| gerr(2150, "revision_id is a required field"))?;
        let (_, t, body) = self.jobs[&id]
            .revisions
            .iter()
            .find(|(r, _, _)| *r == rev)
            .ok_or_else(|| gerr(2200, "unauthorized revision access"))?;
        Ok(Reply::ok(
            json!({"revision": {"ctime": t, "body_tgt": body, "rev_id": self.id_v(rev)}}),
        ))
    }

    pub(super) fn on_order_jobs(&mut self, ctx: Ctx) -> GResult<Reply> {
        self.order(&ctx)
    }

    pub(super) fn on_post_job(&mut self, ctx: Ctx) -> GResult<Reply> {
        // v1.1: one job; returns the job itself.
        let data = ctx.data_obj()?;
        let job = data
            .get("job")
            .cloned()
            .ok_or_else(|| gerr(1800, "job is a required field"))?;
        let wrapped = json!({"jobs": {"job": job}, "as_group": 0});
        let ctx2 = Ctx {
            data: Some(wrapped),
            ..ctx
        };
        let reply = self.order(&ctx2)?;
        let v: Value = serde_json::from_slice(&reply.body).unwrap_or_default();
        let order_id = v["response"]["order_id"]
            .as_u64()
            .or_else(|| {
                v["response"]["order_id"]
                    .as_str()
                    .and_then(|s| s.parse().ok())
            })
            .unwrap_or(0);
        self.process_order_now(order_id);
        let jid = self
            .orders
            .get(&order_id)
            .and_then(|o| o.job_ids.first().copied())
            .unwrap_or(0);
        match self.jobs.get(&jid) {
            Some(j) => Ok(Reply::ok(json!({"job": self.job_json(j)}))),
            None => Ok(reply),
        }
    }

    pub(super) fn on_list_jobs(&mut self, ctx: Ctx) -> GResult<Reply> {
        let a = self.account(&ctx)?.public_key.clone();
        let status = ctx
            .param_str("status")
            .or_else(|| ctx.data_str("status"))
            .map(|s| JobStatus::parse(&s));
        let after: Option<i64> = ctx
            .param_str("timestamp_after")
            .or_else(|| ctx.data_str("timestamp_after"))
            .and_then(|s| s.parse().ok());
        // `count` alone: the newest `count`; `timestamp_after` alone: every job since
        // (the spec's 5.2, Decision D21); neither: the newest 10.
        let count: usize = match ctx.param_str("count").or_else(|| ctx.data_str("count")) {
            Some(c) => c
                .parse()
                .ok()
                .filter(|n| (1..=200).contains(n))
                .ok_or_else(|| gerr(400, "count must be an integer from 1 to 200"))?,
            None if after.is_some() => usize::MAX,
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
        let out: Vec<Value> = jobs
            .into_iter()
            .take(count)
            .map(|j| json!({"job_id": self.id_v(j.id), "ctime": j.ctime}))
            .collect();
        Ok(Reply::ok(Value::Array(out)))
    }

    pub(super) fn on_get_jobs(&mut self, ctx: Ctx) -> GResult<Reply> {
        let a = self.account(&ctx)?.public_key.clone();
        let ids = ctx.param_str("ids").unwrap_or_default();
        let mut out = Vec::new();
        for part in ids.split(',').filter(|p| !p.trim().is_empty()) {
            let id: u64 = part
                .trim()
                .parse()
                .map_err(|_| gerr(2050, "job_id is a required field"))?;
            match self.jobs.get(&id) {
                Some(j) if j.account == a => out.push(self.job_json(j)),
                _ => return Err(gerr(2100, "unauthorized job access")),
            }
        }
        Ok(Reply::ok(json!({"jobs": out})))
    }

    pub(super) fn on_update_jobs(&mut self, ctx: Ctx) -> GResult<Reply> {
        self.account(&ctx)?;
        let data = ctx.data_obj()?;
        self.bulk(&ctx, &data)?;
        Ok(Reply::ok(json!({})))
    }

    pub(super) fn on_cancel_jobs(&mut self, ctx: Ctx) -> GResult<Reply> {
        let a = self.account(&ctx)?.public_key.clone();
        let raw = ctx.param_str("job_ids").or_else(|| {
            ctx.data
                .as_ref()
                .and_then(|d| d.get("job_ids"))
                .map(|v| match v {
                    Value::Array(a) => a
                        .iter()
                        .map(|x| x.to_string().trim_matches('"').to_string())
                        .collect::<Vec<_>>()
                        .join(","),
                    other => other.to_string(),
                })
        });
        let raw = raw.ok_or_else(|| gerr(2050, "job_id is a required field"))?;
        let mut ids = Vec::new();
        for part in raw.split(',') {
            let id: u64 = part
                .trim()
                .parse()
                .map_err(|_| gerr(2050, "job_id is a required field"))?;
            let j = self
                .jobs
                .get(&id)
                .filter(|j| j.account == a)
                .ok_or_else(|| gerr(2100, "unauthorized job access"))?;
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

    pub(super) fn on_job_group(&mut self, ctx: Ctx) -> GResult<Reply> {
        let a = self.account(&ctx)?.public_key.clone();
        let gid: u64 = ctx
            .param_str("group_id")
            .and_then(|g| g.parse().ok())
            .ok_or_else(|| gerr(2550, "Jobs' group id is missing"))?;
        let o = self
            .orders
            .values()
            .find(|o| o.group_id == Some(gid))
            .ok_or_else(|| gerr(2600, "Unauthorized job group access"))?;
        if o.account != a {
            return Err(gerr(2600, "Unauthorized job group access"));
        }
        let jobs: Vec<Value> = o
            .job_ids
            .iter()
            .map(|id| json!({"job_id": id.to_string()}))
            .collect();
        let ctime = o
            .job_ids
            .first()
            .and_then(|id| self.jobs.get(id))
            .map(|j| j.ctime)
            .unwrap_or(0);
        Ok(Reply::ok(json!({"jobs": jobs, "ctime": ctime})))
    }

    pub(super) fn on_job_preview(&mut self, ctx: Ctx) -> GResult<Reply> {
        self.owned_job(&ctx)?;
        Ok(Reply {
            status: 200,
            content_type: "image/jpeg".into(),
            headers: Vec::new(),
            body: TINY_JPEG.to_vec(),
        })
    }

    pub(super) fn on_get_order(&mut self, ctx: Ctx) -> GResult<Reply> {
        let id = self.owned_order(&ctx)?;
        Ok(Reply::ok(
            json!({"order": self.order_json(&self.orders[&id])}),
        ))
    }

    pub(super) fn on_cancel_order(&mut self, ctx: Ctx) -> GResult<Reply> {
        let id = self.owned_order(&ctx)?;
        let o = self.orders[&id].clone();
        if !o.processed {
            return Err(gerr(
                2751,
                "Order cancelled before processing. Please wait until the order is out of our queue.",
            ));
        }
        for jid in &o.job_ids {
            if self
                .jobs
                .get(jid)
                .is_some_and(|j| j.status == JobStatus::Available)
            {
                self.cancel_job(*jid)?;
            }
        }
        Ok(Reply::ok(
            json!({"order": self.order_json(&self.orders[&id])}),
        ))
    }

    pub(super) fn on_post_order_comment(&mut self, ctx: Ctx) -> GResult<Reply> {
        let id = self.owned_order(&ctx)?;
        let (body, attachments) = comment_of(&ctx)?;
        let now = self.clock.now();
        self.orders
            .get_mut(&id)
            .expect("owned")
            .comments
            .push(SComment {
                body,
                author: "customer",
                ctime: now,
                attachments,
            });
        Ok(Reply::ok(json!({})))
    }

    pub(super) fn on_order_comments(&mut self, ctx: Ctx) -> GResult<Reply> {
        let id = self.owned_order(&ctx)?;
        Ok(Reply::ok(
            json!({"thread": thread_json(&self.orders[&id].comments)}),
        ))
    }

    pub(super) fn on_quote(&mut self, ctx: Ctx) -> GResult<Reply> {
        self.quote(&ctx)
    }

    pub(super) fn on_glossaries(&mut self, ctx: Ctx) -> GResult<Reply> {
        let a = self.account(&ctx)?.public_key.clone();
        let list: Vec<Value> = self
            .glossaries
            .values()
            .filter(|g| g.account == a)
            .map(|g| self.glossary_json(g))
            .collect();
        Ok(Reply::ok(Value::Array(list)))
    }

    pub(super) fn on_get_glossary(&mut self, ctx: Ctx) -> GResult<Reply> {
        let g = self.glossary_of(&ctx)?;
        Ok(Reply::ok(self.glossary_json(g)))
    }

    pub(super) fn on_download_glossary(&mut self, ctx: Ctx) -> GResult<Reply> {
        let g = self.glossary_of(&ctx)?;
        Ok(Reply {
            status: 200,
            content_type: "text/csv; charset=utf-8".into(),
            headers: Vec::new(),
            body: g.csv.clone().into_bytes(),
        })
    }

    fn glossary_of(&self, ctx: &Ctx) -> GResult<&SGlossary> {
        let a = self.account(ctx)?.public_key.clone();
        let id: u64 = ctx
            .param_str("id")
            .and_then(|s| s.parse().ok())
            .unwrap_or(0);
        self.glossaries
            .get(&id)
            .filter(|g| g.account == a)
            .ok_or_else(|| gerr(404, "Requested Resource Not Found"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_operation_has_one_handler() {
        for op in ops::OPERATIONS {
            let n = HANDLERS.iter().filter(|(o, _)| o.name == op.name).count();
            assert_eq!(n, 1, "{}", op.name);
        }
        assert_eq!(HANDLERS.len(), ops::OPERATIONS.len());
    }
}

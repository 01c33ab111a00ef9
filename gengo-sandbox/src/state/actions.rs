//! What a customer does to jobs: ownership, approve, revise, reject, archive, cancel,
//! bulk actions all or nothing, refunds.

use gengo_core::lenient::Lenient;
use gengo_core::models::JobStatus;
use gengo_core::validate::RATINGS;
use serde_json::{Map, Value};

use super::model::*;
use super::*;

impl State {
    pub(super) fn account(&self, ctx: &Ctx) -> GResult<&Account> {
        self.accounts
            .get(&ctx.account)
            .ok_or_else(|| gerr(1000, "Authentication failed"))
    }

    pub(super) fn owned_job(&self, ctx: &Ctx) -> GResult<u64> {
        let id: u64 = ctx
            .param_str("id")
            .and_then(|s| s.parse().ok())
            .ok_or_else(|| gerr(2050, "job_id is a required field"))?;
        match self.jobs.get(&id) {
            Some(j) if j.account == ctx.account => Ok(id),
            _ => Err(gerr(2100, "unauthorized job access")),
        }
    }

    pub(super) fn owned_order(&self, ctx: &Ctx) -> GResult<u64> {
        let id: u64 = ctx
            .param_str("id")
            .and_then(|s| s.parse().ok())
            .ok_or_else(|| gerr(2750, "Unauthorized order access"))?;
        match self.orders.get(&id) {
            Some(o) if o.account == ctx.account => Ok(id),
            _ => Err(gerr(2750, "Unauthorized order access")),
        }
    }

    pub(super) fn process_order_now(&mut self, order_id: u64) {
        if self.orders.get(&order_id).is_some_and(|o| !o.processed) {
            let now = self.clock.now_ms();
            self.process_order(order_id, now);
        }
    }

    pub(super) fn refund(&mut self, job_id: u64) {
        let Some(j) = self.jobs.get(&job_id) else {
            return;
        };
        let (acct, credits) = (j.account.clone(), j.credits);
        if let Some(a) = self.accounts.get_mut(&acct) {
            a.credits += credits;
            a.spent -= credits;
        }
    }

    pub(super) fn cancel_job(&mut self, id: u64) -> GResult<()> {
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

    pub(super) fn check_action(
        &self,
        id: u64,
        action: &str,
        d: &Map<String, Value>,
    ) -> GResult<()> {
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
                        Some(n) if RATINGS.contains(&n) => {}
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

    pub(super) fn apply_action(&mut self, id: u64, action: &str, d: &Map<String, Value>) {
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

    pub(super) fn job_action(&mut self, id: u64, d: &Map<String, Value>) -> GResult<()> {
        let action = d
            .get("action")
            .and_then(Value::as_str)
            .ok_or_else(|| gerr(400, "Bad Request: action is required"))?
            .to_string();
        self.check_action(id, &action, d)?;
        self.apply_action(id, &action, d);
        Ok(())
    }

    pub(super) fn bulk(&mut self, ctx: &Ctx, d: &Map<String, Value>) -> GResult<()> {
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
}

//! Time: the order queue, the simulated translators, automatic approval, callbacks
//! with their retries, and the control API's forced status changes.

use gengo_core::models::JobStatus;
use serde_json::{Value, json};

use super::model::*;
use super::*;
use crate::catalogue;

impl State {
    pub(super) fn push_callback(
        &mut self,
        job_id: u64,
        kind: &'static str,
        payload: Value,
        at_ms: i64,
    ) {
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

    pub(super) fn job_event(&mut self, job_id: u64, at_ms: i64) {
        if let Some(j) = self.jobs.get(&job_id) {
            let payload = self.job_json(j);
            self.push_callback(job_id, "job", payload, at_ms);
        }
    }

    pub(super) fn translator_comment(&mut self, job_id: u64, text: &str, at_ms: i64) {
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

    pub(super) fn finish_translation(&mut self, job_id: u64, at_ms: i64) {
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

    pub(super) fn process_order(&mut self, order_id: u64, at: i64) {
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

    pub(super) fn advance_job(&mut self, job_id: u64, at: i64) {
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

    /// Sets a job's translation as a translator would (control API: `body_tgt` beside
    /// `status`), for trying what a client does with a given text.
    pub fn set_translation(&mut self, job_id: u64, text: &str) -> Result<(), String> {
        let now = self.clock.now_ms();
        let j = self
            .jobs
            .get_mut(&job_id)
            .ok_or_else(|| format!("no job {job_id}"))?;
        j.revisions
            .push((j.revisions.len() as u64 + 1, now / 1000, text.to_string()));
        j.body_tgt = Some(text.to_string());
        Ok(())
    }

    /// Moves a job to a status (control API), firing its callback; a job already in that
    /// status stays as it is and fires nothing (Gengo calls back on a change).
    pub fn force_status(&mut self, job_id: u64, status: &str) -> Result<Value, String> {
        let st = JobStatus::parse(status);
        if !st.is_known() {
            return Err(format!("unknown status {status:?}"));
        }
        match self.jobs.get(&job_id) {
            None => return Err(format!("no job {job_id}")),
            Some(j) if j.status == st => return Ok(self.job_json(j)),
            Some(_) => {}
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
}

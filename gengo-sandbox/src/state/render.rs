//! How the sandbox writes its records as Gengo's JSON, in either wire profile
//! (numbers, or the 2014 docs' strings).

use std::collections::BTreeMap;

use gengo_core::Decimal;
use gengo_core::models::JobStatus;
use serde_json::{Map, Value, json};

use super::model::*;
use super::*;

impl State {
    pub(super) fn id_v(&self, id: u64) -> Value {
        match self.options.profile {
            Profile::Current => json!(id),
            Profile::Docs2014 => json!(id.to_string()),
        }
    }

    pub(super) fn count_v(&self, n: u64) -> Value {
        self.id_v(n)
    }

    pub(super) fn money_v(&self, d: Decimal) -> Value {
        let d = d.round_dp(2);
        match self.options.profile {
            Profile::Current => json!(dec_f64(d)),
            Profile::Docs2014 => json!(format!("{:.2}", d)),
        }
    }

    pub(super) fn price_v(&self, d: Decimal) -> Value {
        match self.options.profile {
            Profile::Current => json!(dec_f64(d)),
            Profile::Docs2014 => json!(format!("{:.4}", d)),
        }
    }

    pub(super) fn flag_v(&self, b: bool) -> Value {
        match self.options.profile {
            Profile::Current => json!(u8::from(b)),
            Profile::Docs2014 => json!(if b { "1" } else { "0" }),
        }
    }

    pub(super) fn job_json(&self, j: &SJob) -> Value {
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

    pub(super) fn order_json(&self, o: &SOrder) -> Value {
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

    pub(super) fn glossary_json(&self, g: &SGlossary) -> Value {
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
}

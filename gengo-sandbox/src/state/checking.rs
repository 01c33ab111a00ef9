//! One job of an order or a quote checked on its own: every rule it breaks, as Gengo
//! names it (all of them at once), or the job as planned.

use gengo_core::lenient::Lenient;
use gengo_core::validate::{MAX_CUSTOM_DATA_BYTES, MAX_MACHINE_CHARS};
use gengo_core::{Decimal, units};
use serde_json::{Map, Value, json};

use super::model::*;
use super::*;
use crate::catalogue;

impl State {
    pub(super) fn check_job(&self, account: &str, job: &Value) -> Result<Planned, Vec<Value>> {
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
        if custom_data.len() > MAX_CUSTOM_DATA_BYTES {
            e(1751, "\"custom_data\" is over maximum storage limit (1kb)");
        }
        if tier.as_deref() == Some("machine") && body.chars().count() > MAX_MACHINE_CHARS {
            e(
                1351,
                &format!(
                    "Invalid body text: machine jobs take at most {MAX_MACHINE_CHARS} characters"
                ),
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

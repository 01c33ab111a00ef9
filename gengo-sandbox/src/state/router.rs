//! From a parsed request to its operation: throttling, the route (method and path
//! template from gengo-core's table), parameters and `data`, and authentication.

use std::time::{Duration, Instant};

use gengo_core::ops::{self, Method, Operation, Segment};
use serde_json::{Map, Value, json};

use super::handlers;
use super::model::*;
use super::*;

impl State {
    pub(super) fn throttled(&mut self, client: &str) -> Option<Reply> {
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
            self.throttled += 1;
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

    pub(super) fn route(&mut self, req: Incoming, wall_now: u64) -> GResult<Reply> {
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
        match handlers::handler(op) {
            Some(h) => h(self, ctx),
            None => Err(gerr(404, "Not Found")),
        }
    }

    pub(super) fn authenticate(
        &self,
        p: &Map<String, Value>,
        wall_now: u64,
        required: bool,
    ) -> GResult<()> {
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
}

pub(super) fn match_route(
    method: Method,
    path: &str,
    legacy_ok: bool,
) -> GResult<(&'static Operation, Vec<(String, String)>)> {
    let segs: Vec<&str> = path.split('/').collect();
    let mut path_matched = false;
    for op in ops::OPERATIONS.iter().filter(|o| legacy_ok || !o.legacy) {
        let tpl: Vec<Segment> = op.segments().collect();
        if tpl.len() != segs.len() {
            continue;
        }
        let mut params = Vec::new();
        let ok = tpl.iter().zip(&segs).all(|(t, s)| match t {
            Segment::Param(name) => {
                params.push((name.to_string(), s.to_string()));
                !s.is_empty()
            }
            Segment::Literal(text) => text == s,
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

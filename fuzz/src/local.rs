//! The `sandbox` target: the sandbox's request handling and control API.

use std::cell::RefCell;

use gengo_core::ops::Method;
use serde_json::Value;

use crate::op_at;

thread_local! {
    static SANDBOX: RefCell<(gengo_sandbox::State, u32)> =
        RefCell::new((gengo_sandbox::State::new(gengo_sandbox::Options::for_tests()), 0));
}

/// Byte 0 picks the operation (bit 7: the control API instead), byte 1 the
/// authentication (a valid signature, none, a wrong one, or the official clients'
/// dialect), bytes 2-3 the ids in the path; the rest is the params as JSON (sent in the
/// query or as `data`, as the operation's method says) or the control request's body.
pub fn sandbox(data: &[u8]) {
    let [a, b, i1, i2, rest @ ..] = data else {
        return;
    };
    SANDBOX.with(|cell| {
        let (state, runs) = &mut *cell.borrow_mut();
        *runs += 1;
        if *runs % 2000 == 0 {
            *state = gengo_sandbox::State::new(gengo_sandbox::Options::for_tests());
        }
        if a & 0x80 != 0 {
            const CONTROL: [(&str, &str); 8] = [
                ("GET", "/_sandbox"),
                ("POST", "/_sandbox/accounts"),
                ("POST", "/_sandbox/accounts/sandbox_public_key/credits"),
                ("PUT", "/_sandbox/accounts/sandbox_public_key/callback_url"),
                ("POST", "/_sandbox/advance"),
                ("POST", "/_sandbox/tick"),
                ("POST", "/_sandbox/jobs/1/status"),
                ("GET", "/_sandbox/callbacks"),
            ];
            let (method, path) = CONTROL[(a & 7) as usize];
            let _ = gengo_sandbox::control(state, method, path, rest);
            return;
        }
        let op = op_at(*a);
        let mut ids = [u64::from(*i1) % 40 + 1, u64::from(*i2) % 40 + 1].into_iter();
        let mut path = String::from(if op.legacy { "/v1.1/" } else { "/v2/" });
        let mut tpl = op.path;
        while let Some(start) = tpl.find('{') {
            path.push_str(&tpl[..start]);
            path.push_str(&ids.next().unwrap_or(1).to_string());
            let end = tpl[start..].find('}').map_or(tpl.len(), |e| start + e + 1);
            tpl = &tpl[end..];
        }
        path.push_str(tpl);
        let now = state.clock.now().max(0) as u64;
        let (public, private) = gengo_sandbox::State::demo_keys();
        let ts = now.to_string();
        let sig = match b % 4 {
            0 | 3 => gengo_core::signing::sign(private, &ts),
            2 => "0".repeat(40),
            _ => String::new(),
        };
        let mut auth = Vec::new();
        if b % 4 != 1 {
            auth.push(("api_key".to_string(), public.to_string()));
            auth.push(("ts".to_string(), ts));
            auth.push(("api_sig".to_string(), sig));
        }
        let params: Option<Value> = serde_json::from_slice(rest).ok();
        let mut inc = gengo_sandbox::state::Incoming {
            method: op.method.as_str().to_string(),
            path,
            client: "127.0.0.1".to_string(),
            ..Default::default()
        };
        if matches!(op.method, Method::Get | Method::Delete) {
            inc.query = auth;
            if let Some(Value::Object(o)) = &params {
                for (k, v) in o {
                    let text = match v {
                        Value::String(s) => s.clone(),
                        other => other.to_string(),
                    };
                    inc.query.push((k.clone(), text));
                }
            }
        } else {
            inc.form = auth;
            let text = String::from_utf8_lossy(rest).into_owned();
            if b % 4 == 3 {
                inc.json_body = params;
            } else {
                inc.form.push(("data".to_string(), text));
            }
        }
        let reply = state.handle(inc, now);
        assert!(
            (100..600).contains(&reply.status),
            "status {}",
            reply.status
        );
        let _ = state.take_due_callbacks();
        state.tick();
    });
}

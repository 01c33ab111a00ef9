//! The `wire` target: validation and the wire encoder for every operation.

use gengo_core::{Clock, Config, wire};
use serde_json::Value;

use crate::{form_pairs, fuzz_config, names_files, op_at};

/// Byte 0 picks the operation (and bit 7 the method override); the rest is its params
/// as JSON. Whatever is accepted is encoded, and the encoding carries each
/// authentication field exactly once.
pub fn wire(data: &[u8]) {
    let [a, rest @ ..] = data else { return };
    let op = op_at(*a);
    // An order's JSON text streamed into its request (the C ABI's path) is, whenever the
    // stream answers, exactly the tree path's request.
    if let Some(streamed) = std::str::from_utf8(rest)
        .ok()
        .and_then(wire::prepare_order_json)
    {
        let params: Value = serde_json::from_slice(rest).expect("the stream read valid JSON");
        same_as_tree(&streamed, &params, "the JSON-text stream");
    }
    let Ok(params) = serde_json::from_slice::<Value>(rest) else {
        return;
    };
    if names_files(&params) {
        return;
    }
    typed_order(&params, a & 0x40 != 0);
    let Ok(prepared) = wire::prepare(op, &params) else {
        return;
    };
    let mut config = fuzz_config();
    if a & 0x80 != 0 {
        config = Config::builder()
            .keys("PUBKEY_fuzz", "PRIVKEY_fuzz")
            .base_url("http://127.0.0.1:9/{version}/")
            .method_override(true)
            .clock(Clock::fixed(1))
            .build()
            .expect("a valid config");
    }
    let req = wire::build(&config, &prepared, 1_795_339_147, "BOUNDARY").expect("builds");
    let fields: Vec<(String, String)> = if req.body.is_empty() {
        let query = req.url.split_once('?').map(|(_, q)| q).unwrap_or("");
        form_pairs(query.as_bytes())
    } else if req.header("Content-Type") == Some("application/x-www-form-urlencoded") {
        form_pairs(&req.body)
    } else {
        return;
    };
    for reserved in wire::RESERVED_PARAMS {
        let n = fields.iter().filter(|(k, _)| k == reserved).count();
        assert!(n <= 1, "{reserved} sent {n} times for {}", op.name);
    }
    if op.signed {
        let n = fields.iter().filter(|(k, _)| k == "api_sig").count();
        assert_eq!(n, 1, "api_sig for {}", op.name);
    }
    assert!(req.url.parse::<ureq::http::Uri>().is_ok(), "{}", req.url);
}

/// A typed order built from `{"jobs": {key: {...}}, ...}` params (the string fields that
/// read as such become typed fields, the rest `extra`; with `repeat`, the typed ones are in
/// `extra` too, so the serialisation repeats keys): whenever the typed stream answers, it
/// sends exactly the tree path's request for the same order. Returns whether it compared.
fn typed_order(params: &Value, repeat: bool) -> bool {
    use gengo_core::models::Tier;
    use gengo_core::requests::{NewJob, OrderRequest};
    let Some(Value::Object(jobs)) = params.get("jobs") else {
        return false;
    };
    let mut order = OrderRequest::new(jobs.iter().filter_map(|(key, job)| {
        let mut j = NewJob::default();
        for (k, v) in job.as_object()? {
            match (k.as_str(), v.as_str()) {
                ("body_src", Some(t)) => j.body_src = Some(t.into()),
                ("slug", Some(t)) => j.slug = Some(t.into()),
                ("comment", Some(t)) => j.comment = Some(t.into()),
                ("custom_data", Some(t)) => j.custom_data = Some(t.into()),
                ("callback_url", Some(t)) => j.callback_url = Some(t.into()),
                ("lc_src", Some(t)) => j.lc_src = t.into(),
                ("lc_tgt", Some(t)) => j.lc_tgt = t.into(),
                ("tier", Some(t)) => j.tier = Some(Tier::parse(t)),
                _ => {
                    j.extra.insert(k.clone(), v.clone());
                    continue;
                }
            }
            if repeat {
                j.extra.insert(k.clone(), v.clone());
            }
        }
        Some((key.clone(), j))
    }));
    if let Value::Object(top) = params {
        for (k, v) in top.iter().filter(|(k, _)| *k != "jobs") {
            order.extra.insert(k.clone(), v.clone());
        }
    }
    let Some(streamed) = wire::prepare_order(&order) else {
        return false;
    };
    let params = serde_json::to_value(&order).expect("an order serialises");
    same_as_tree(&streamed, &params, "the typed stream");
    true
}

/// A streamed order's request is exactly what the tree path prepares from `params`.
fn same_as_tree(streamed: &wire::Prepared, params: &Value, what: &str) {
    let mut tree = wire::prepare(&gengo_core::ops::ORDER_JOBS, params)
        .unwrap_or_else(|e| panic!("{what} accepted what the tree refuses: {e}"));
    tree.freeze();
    let config = fuzz_config();
    assert_eq!(
        wire::build(&config, streamed, 1, "B").expect("builds"),
        wire::build(&config, &tree, 1, "B").expect("builds"),
        "{what} sent another request than the tree path"
    );
}

#[cfg(test)]
mod typed_order_tests {
    /// The committed regression input reaches the typed comparison (with and without
    /// repeated keys), so the wire target really checks the typed stream.
    #[test]
    fn the_seed_order_is_compared() {
        let input = std::fs::read(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("regressions/wire/typed-order-repeated-keys"),
        )
        .unwrap();
        let params: serde_json::Value = serde_json::from_slice(&input[1..]).unwrap();
        assert!(super::typed_order(&params, true));
        assert!(super::typed_order(&params, false));
    }
}

//! The `decode` and `callback` targets: responses and callbacks from the network.

use std::time::SystemTime;

use gengo_core::lenient::Lenient;
use gengo_core::ops::{Decoder, Operation, ResponseKind};
use gengo_core::transport::RawResponse;
use gengo_core::{client, envelope, models};
use serde_json::Value;

use crate::op_at;

/// Byte 0 picks the operation, byte 1 the status and the content type (and whether
/// the first line of the rest is a `Retry-After` value); the rest is the body.
pub fn decode(data: &[u8]) {
    let [a, b, rest @ ..] = data else { return };
    let op = op_at(*a);
    const STATUSES: [u16; 8] = [200, 201, 400, 401, 404, 429, 500, 503];
    let status = STATUSES[(*b & 7) as usize];
    let content_type = match (*b >> 3) & 3 {
        0 => Some("application/json".to_string()),
        1 => Some("text/html".to_string()),
        2 => Some("application/octet-stream".to_string()),
        _ => None,
    };
    let (retry_after, body) = if b & 0x80 != 0 {
        let cut = rest.iter().position(|&c| c == b'\n').unwrap_or(rest.len());
        let text = String::from_utf8_lossy(&rest[..cut]);
        let ra = envelope::parse_retry_after(&text, SystemTime::now());
        (ra, rest.get(cut + 1..).unwrap_or_default())
    } else {
        (None, rest)
    };
    let raw = || RawResponse {
        status,
        content_type: content_type.clone(),
        retry_after,
        location: None,
        body: body.to_vec(),
    };
    fast_agrees_with_tree(op, status, body, raw());
    fast_agrees_with_tree_typed::<models::Job>(status, body, Some("job"));
    fast_agrees_with_tree_typed::<Vec<models::Job>>(status, body, Some("jobs"));
    fast_agrees_with_tree_typed::<models::Order>(status, body, Some("order"));
    fast_agrees_with_tree_typed::<models::OrderReceipt>(status, body, None);
    fast_agrees_with_tree_typed::<Vec<models::Language>>(status, body, None);
    match client::read_output(op, raw()) {
        Ok(out) => match client::normalize(op, out) {
            Ok(v) => {
                let text = serde_json::to_string(&v).expect("normalised JSON serialises");
                assert!(serde_json::from_str::<Value>(&text).is_ok());
            }
            Err(e) => {
                let _ = (e.to_string(), e.to_json());
            }
        },
        Err(e) => {
            let _ = (e.to_string(), e.to_json(), e.is_not_found(), e.codes());
        }
    }
}

/// The dispatcher's fast path (no JSON tree), when it answers, gives exactly the tree
/// path's normalised JSON: the same value and the same text.
fn fast_agrees_with_tree(op: &'static Operation, status: u16, body: &[u8], raw: RawResponse) {
    let ResponseKind::Json(Decoder { fast: Some(f), .. }) = op.response else {
        return;
    };
    let Some(fast) = f(status, body) else { return };
    let tree = client::read_output(op, raw)
        .and_then(|out| client::normalize(op, out))
        .unwrap_or_else(|e| {
            panic!(
                "{}: the fast path read what the tree path refuses: {e}",
                op.name
            )
        });
    assert_eq!(
        fast.to_json_string(),
        tree.to_string(),
        "{}: text differs",
        op.name
    );
    assert_eq!(fast.into_value(), tree, "{}: value differs", op.name);
}

/// The typed client's fast path, when it answers, gives what the tree gives.
fn fast_agrees_with_tree_typed<T: Lenient + PartialEq + std::fmt::Debug>(
    status: u16,
    body: &[u8],
    unwrap: Option<&str>,
) {
    let Some(fast) = envelope::fast_response::<T>(status, body, unwrap) else {
        return;
    };
    let v = envelope::decode(status, body, None).expect("the fast path read an error body");
    let part = match unwrap {
        None => Some(&v),
        Some(k) => v.get(k).filter(|x| !x.is_null()),
    };
    let tree = part.map(|x| T::from_json(x).expect("the fast path read what the tree refuses"));
    assert_eq!(fast, tree);
}

/// Byte 0 picks the content type; the rest is the body Gengo POSTed.
pub fn callback(data: &[u8]) {
    let [a, body @ ..] = data else { return };
    let ct = match a % 5 {
        0 => None,
        1 => Some("application/x-www-form-urlencoded"),
        2 => Some("application/json; charset=utf-8"),
        3 => Some("multipart/form-data; boundary=x"),
        _ => Some("text/plain"),
    };
    match gengo_core::parse_callback(body, ct) {
        Ok(ev) => {
            let _ = format!("{ev:?}");
        }
        Err(e) => {
            let _ = e.to_json();
        }
    }
}

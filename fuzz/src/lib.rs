//! The fuzz targets of gengo-rs, as plain functions.
//!
//! Each function takes arbitrary bytes and drives one surface that meets untrusted
//! input; it must never panic (a panic, an overflow or an abort is the bug a fuzzer
//! reports). The libFuzzer binaries in `fuzz/libfuzzer/` call these functions, and so
//! does `cargo test -p gengo-fuzz`, which replays every seed (the published fixtures)
//! and every input that once crashed (`fuzz/regressions/<target>/`), on stable Rust.
//!
//! | target | surface |
//! |---|---|
//! | [`decode()`] | the response envelope, every operation's normaliser and typed decoder, `Retry-After` |
//! | [`callback()`] | the callback parser, in every content type |
//! | [`wire()`] | validation and the wire encoder for every operation (no reserved name ever sent twice) |
//! | [`ffi()`] | the C ABI entry points, JSON in |
//! | [`sandbox()`] | the sandbox's request handling (signed requests on the table's paths) and control API |
//! | [`formats()`] | gengo sync's file formats: parse, write back, and parse what was written |

use std::cell::RefCell;
use std::ffi::{CStr, CString, c_char};
use std::time::SystemTime;

use gengo_core::lenient::Lenient;
use gengo_core::models;
use gengo_core::ops::{Decoder, Method, OPERATIONS, Operation, ResponseKind};
use gengo_core::transport::RawResponse;
use gengo_core::{Clock, Config, client, envelope, wire};
use serde_json::Value;

/// The names of the targets, as the libFuzzer binaries and the regression folders use them.
pub const TARGETS: &[&str] = &["decode", "callback", "wire", "ffi", "sandbox", "formats"];

/// Runs the named target on `data`.
pub fn run(target: &str, data: &[u8]) {
    match target {
        "decode" => decode(data),
        "callback" => callback(data),
        "wire" => wire(data),
        "ffi" => ffi(data),
        "sandbox" => sandbox(data),
        "formats" => formats(data),
        other => panic!("no fuzz target {other}"),
    }
}

fn op_at(b: u8) -> &'static Operation {
    &OPERATIONS[b as usize % OPERATIONS.len()]
}

/// Whether a JSON value names a local file anywhere (`file_path`, `files`): the
/// targets never make the library read arbitrary local files.
fn names_files(v: &Value) -> bool {
    match v {
        Value::Object(o) => o
            .iter()
            .any(|(k, x)| k == "file_path" || k == "files" || names_files(x)),
        Value::Array(a) => a.iter().any(names_files),
        _ => false,
    }
}

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

fn fuzz_config() -> Config {
    Config::builder()
        .keys("PUBKEY_fuzz", "PRIVKEY_fuzz")
        .base_url("http://127.0.0.1:9")
        .clock(Clock::fixed(1_795_339_147))
        .build()
        .expect("a valid config")
}

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

fn form_pairs(bytes: &[u8]) -> Vec<(String, String)> {
    form_urlencoded::parse(bytes).into_owned().collect()
}

thread_local! {
    static FFI_CLIENT: *mut gengo::GengoClient = {
        let config = CString::new(
            r#"{"public_key":"PUBKEY_fuzz","private_key":"PRIVKEY_fuzz","base_url":"http://127.0.0.1:9","max_retries":0,"timeout":1,"connect_timeout":1,"rate_limit_per_minute":0}"#,
        )
        .unwrap();
        let mut client = std::ptr::null_mut();
        let mut err = std::ptr::null_mut();
        // SAFETY: valid C strings and out-pointers.
        let st = unsafe { gengo::gengo_client_new(config.as_ptr(), &mut client, &mut err) };
        assert_eq!(st as u32, 0);
        client
    };
}

fn free(s: *mut c_char) {
    // SAFETY: strings returned by the library are freed once, by the library.
    unsafe { gengo::gengo_string_free(s) }
}

fn check_status(st: gengo::GengoStatus, out: *mut c_char, err: *mut c_char) {
    assert_ne!(
        st as u32,
        gengo::GengoStatus::Panic as u32,
        "panic across the C ABI"
    );
    for s in [out, err] {
        if !s.is_null() {
            // SAFETY: a NUL-terminated string from the library.
            let text = unsafe { CStr::from_ptr(s) }.to_str().expect("UTF-8 out");
            assert!(
                serde_json::from_str::<Value>(text).is_ok(),
                "JSON out: {text}"
            );
        }
        free(s);
    }
}

/// Byte 0 picks the entry point: a config for `gengo_client_new`; an operation name and
/// params (split at the first NUL) for `gengo_client_call`; a callback body; a text for
/// `gengo_unit_count`.
pub fn ffi(data: &[u8]) {
    let [a, rest @ ..] = data else { return };
    let cstr =
        |b: &[u8]| CString::new(b.iter().copied().filter(|&c| c != 0).collect::<Vec<_>>()).unwrap();
    let mut out: *mut c_char = std::ptr::null_mut();
    let mut err: *mut c_char = std::ptr::null_mut();
    match a % 4 {
        0 => {
            let config = cstr(rest);
            let mut client = std::ptr::null_mut();
            // SAFETY: valid C string and out-pointers; the client is freed once.
            let st = unsafe { gengo::gengo_client_new(config.as_ptr(), &mut client, &mut err) };
            check_status(st, std::ptr::null_mut(), err);
            unsafe { gengo::gengo_client_free(client) };
        }
        1 => {
            let cut = rest.iter().position(|&c| c == 0).unwrap_or(rest.len());
            let params = rest.get(cut + 1..).unwrap_or_default();
            if let Ok(v) = serde_json::from_slice::<Value>(params)
                && names_files(&v)
            {
                return;
            }
            let (name, params) = (cstr(&rest[..cut]), cstr(params));
            FFI_CLIENT.with(|c| {
                // SAFETY: a live client, valid C strings and out-pointers.
                let st = unsafe {
                    gengo::gengo_client_call(*c, name.as_ptr(), params.as_ptr(), &mut out, &mut err)
                };
                check_status(st, out, err);
            });
        }
        2 => {
            let ct = cstr(b"application/x-www-form-urlencoded");
            // SAFETY: `rest` is valid for its length; the content type is a C string.
            let st = unsafe {
                gengo::gengo_parse_callback(
                    rest.as_ptr().cast(),
                    rest.len(),
                    ct.as_ptr(),
                    &mut out,
                    &mut err,
                )
            };
            check_status(st, out, err);
        }
        _ => {
            let cut = rest.iter().position(|&c| c == 0).unwrap_or(rest.len());
            let (text, lc) = (
                cstr(&rest[..cut]),
                cstr(rest.get(cut + 1..).unwrap_or_default()),
            );
            let mut n = 0u64;
            // SAFETY: valid C strings and out-pointers.
            let st =
                unsafe { gengo::gengo_unit_count(text.as_ptr(), lc.as_ptr(), &mut n, &mut err) };
            check_status(st, std::ptr::null_mut(), err);
        }
    }
}

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

/// The fixture bodies, as seeds: every published response for [`decode()`], every
/// published request's `data` for [`wire()`] and [`sandbox()`].
/// Byte 0 picks the format; the rest is a source file. A file that parses must write back
/// (every string its own translation, and nothing translated) into files that parse again,
/// with the same strings when every string is its own translation.
pub fn formats(data: &[u8]) {
    use gengo_sync::formats::{Entry, Format};
    const ALL: [Format; 5] = [
        Format::Json,
        Format::RailsYaml,
        Format::Po,
        Format::Android,
        Format::Xliff,
    ];
    let Some((&b, rest)) = data.split_first() else {
        return;
    };
    let format = ALL[b as usize % ALL.len()];
    let text = String::from_utf8_lossy(rest);
    let Ok(entries) = format.parse(&text, "en") else {
        return;
    };
    let same = |e: &Entry| Some(e.text.clone());
    let written = format
        .write(&text, "en", "en", &same)
        .expect("a parsed file writes back");
    let again = format
        .parse(&written, "en")
        .unwrap_or_else(|e| panic!("written file does not parse: {e}\n{written}"));
    let pairs = |v: &[Entry]| {
        v.iter()
            .map(|e| (e.key.clone(), e.context.clone(), e.text.clone()))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        pairs(&again),
        pairs(&entries),
        "strings changed on the way back:\n{written}"
    );
    let none = |_: &Entry| None;
    let empty = format
        .write(&text, "en", "ja", &none)
        .expect("a parsed file writes back untranslated");
    if format != Format::RailsYaml {
        format
            .parse(&empty, "ja")
            .unwrap_or_else(|e| panic!("untranslated file does not parse: {e}\n{empty}"));
    }
}

/// Seeds for every target: the published fixtures (decode, wire, sandbox, callback) and a
/// file of each format (formats).
pub fn seeds(fixtures: &std::path::Path) -> Vec<(&'static str, Vec<u8>)> {
    let mut out = Vec::new();
    for (i, sample) in [
        "{\n  \"a\": {\n    \"b\": \"Hello {{name}}\",\n    \"n_one\": \"%d item\"\n  },\n  \"l\": [\"x\", \"y\"]\n}\n",
        "en:\n  hello: \"Hello %{name}\"\n  menu:\n    - Home\n",
        "msgid \"\"\nmsgstr \"\"\n\"Language: en\\n\"\n\n#, fuzzy\nmsgctxt \"m\"\nmsgid \"Open %s\"\nmsgstr \"\"\n\nmsgid \"%d file\"\nmsgid_plural \"%d files\"\nmsgstr[0] \"\"\nmsgstr[1] \"\"\n",
        "<resources>\n  <string name=\"a\">Don\\'t &amp; &lt;b&gt; <b>x</b></string>\n  <plurals name=\"p\"><item quantity=\"one\">%d</item></plurals>\n  <string-array name=\"s\"><item>A</item></string-array>\n</resources>\n",
        "<xliff version=\"1.2\"><file source-language=\"en\"><body><trans-unit id=\"t\"><source>Save <x id=\"1\"/></source></trans-unit></body></file></xliff>\n",
    ]
    .into_iter()
    .enumerate()
    {
        let mut d = vec![i as u8];
        d.extend_from_slice(sample.as_bytes());
        out.push(("formats", d));
    }
    let Ok(dir) = std::fs::read_dir(fixtures) else {
        return out;
    };
    let mut files: Vec<_> = dir.flatten().map(|e| e.path()).collect();
    files.sort();
    for path in files {
        if path.extension().is_none_or(|e| e != "json") {
            continue;
        }
        let Ok(body) = std::fs::read(&path) else {
            continue;
        };
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let op = OPERATIONS
            .iter()
            .position(|o| name.starts_with(&o.path.replace(['/', '{', '}'], "_")))
            .unwrap_or(0) as u8;
        let mut d = vec![op, 0];
        d.extend_from_slice(&body);
        out.push(("decode", d));
        if let Ok(v) = serde_json::from_slice::<Value>(&body) {
            let data = v.get("data").cloned().unwrap_or(v);
            for (i, _) in OPERATIONS
                .iter()
                .enumerate()
                .filter(|(_, o)| !o.method.uses_query())
            {
                let mut w = vec![i as u8];
                w.extend_from_slice(data.to_string().as_bytes());
                out.push(("wire", w.clone()));
                let mut s = vec![i as u8, 0, 1, 1];
                s.extend_from_slice(data.to_string().as_bytes());
                out.push(("sandbox", s));
            }
        }
        let mut cb = vec![1u8];
        cb.extend_from_slice(b"job=");
        cb.extend_from_slice(&body);
        out.push(("callback", cb));
        let mut f = vec![2u8];
        f.extend_from_slice(b"job=");
        f.extend_from_slice(&body);
        out.push(("ffi", f));
    }
    out
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

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

use gengo_core::ops::{OPERATIONS, Operation};
use gengo_core::{Clock, Config};
use serde_json::Value;

mod c_abi;
mod decoding;
mod encoding;
mod files;
mod local;

pub use c_abi::ffi;
pub use decoding::{callback, decode};
pub use encoding::wire;
pub use files::formats;
pub use local::sandbox;

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

fn fuzz_config() -> Config {
    Config::builder()
        .keys("PUBKEY_fuzz", "PRIVKEY_fuzz")
        .base_url("http://127.0.0.1:9")
        .clock(Clock::fixed(1_795_339_147))
        .build()
        .expect("a valid config")
}

fn form_pairs(bytes: &[u8]) -> Vec<(String, String)> {
    form_urlencoded::parse(bytes).into_owned().collect()
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

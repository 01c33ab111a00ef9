//! The exact requests: pure functions from (operation, params, config, time) to bytes.
//!
//! - GET and DELETE: every parameter in the query string, each value encoded once,
//!   then `api_key`, `ts`, `api_sig`.
//! - POST and PUT: a form with `api_key`, `ts`, `api_sig` and `data` (compact JSON of
//!   the operation's fields); multipart instead when local files are uploaded, with
//!   each file's base name only.
//! - With `method_override`, PUT and DELETE go as POST with `_method`.
//!
//! A request is made in two steps, each in its own module:
//!
//! - [`preparing`]: the params checked by the operation's rules and split by where they
//!   travel ([`Prepared`]), `data` encoded once ([`Prepared::freeze`]). An order may instead
//!   be [`streaming`] job by job straight into its encoded form (the fast lane: the same
//!   bytes, without a tree of the whole order; the wire tests and the `wire` fuzz target
//!   hold the two equal);
//! - [`building`]: a prepared request signed at a time and laid out as it goes out
//!   ([`WireRequest`]), with [`encoding`]'s form and multipart encoders.

pub mod building;
pub mod encoding;
pub mod preparing;
pub mod streaming;

pub(crate) use building::reauthenticate;
pub use building::{build, url_for};
pub use encoding::{multipart, new_boundary, valid_file_key};
pub use preparing::{prepare, prepare_owned};
pub use streaming::{OrderStream, order_from_json, prepare_order, prepare_order_json};

use serde_json::{Map, Value};

use crate::ops::{Method, Operation};

/// Largest local file that is uploaded (Gengo's own PUT limit is 100 MB).
pub const MAX_UPLOAD_BYTES: u64 = 100 * 1024 * 1024;

/// Parameter names the client writes itself and never takes from a caller.
pub const RESERVED_PARAMS: &[&str] = &["api_key", "api_sig", "ts", "_method"];

/// A local file, read and closed, ready to upload.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FilePart {
    /// The multipart field name.
    pub field: String,
    /// The file's base name (never the local path).
    pub filename: String,
    /// The guessed MIME type.
    pub content_type: String,
    /// The file's bytes.
    pub bytes: Vec<u8>,
}

/// An operation's params, checked and split by where they travel.
#[derive(Debug, Clone)]
pub struct Prepared {
    /// The operation.
    pub op: &'static Operation,
    /// The path below the version, with ids substituted (`translate/job/42`).
    pub path: String,
    /// Query parameters (GET/DELETE), in the caller's order.
    pub query: Vec<(String, String)>,
    /// The `data` object (POST/PUT), if any.
    pub data: Option<Map<String, Value>>,
    /// `data` already serialised ([`Prepared::freeze`]); sent instead of `data` when set.
    pub data_json: Option<String>,
    /// `data=` and the percent-encoded `data` text of a form body ([`Prepared::freeze`]);
    /// sent instead of the two above when set.
    pub data_form: Option<Vec<u8>>,
    /// Files to upload.
    pub files: Vec<FilePart>,
}

/// A request ready to send. Its `Debug` hides `api_sig` and any bearer token.
#[derive(Clone, PartialEq, Eq)]
pub struct WireRequest {
    /// The method on the wire (POST when overridden).
    pub method: Method,
    /// The full URL, query included.
    pub url: String,
    /// Headers other than Host and Content-Length.
    pub headers: Vec<(String, String)>,
    /// The body (empty for GET/DELETE).
    pub body: Vec<u8>,
}

impl std::fmt::Debug for WireRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let headers: Vec<(&str, &str)> = self
            .headers
            .iter()
            .map(|(k, v)| {
                if k.eq_ignore_ascii_case("authorization") {
                    (k.as_str(), "<redacted>")
                } else {
                    (k.as_str(), v.as_str())
                }
            })
            .collect();
        f.debug_struct("WireRequest")
            .field("method", &self.method)
            .field("url", &self.redacted_url())
            .field("headers", &headers)
            .field("body_bytes", &self.body.len())
            .finish()
    }
}

impl WireRequest {
    /// The header's value.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
    /// The URL with `api_sig` hidden, for logs.
    pub fn redacted_url(&self) -> String {
        redact_query(&self.url)
    }
}

/// Replaces the value of `api_sig` (and any `private_key`) in a URL by `<redacted>`.
pub fn redact_query(url: &str) -> String {
    let Some((base, query)) = url.split_once('?') else {
        return url.to_string();
    };
    let parts: Vec<String> = query
        .split('&')
        .map(|kv| match kv.split_once('=') {
            Some((k, _)) if k == "api_sig" || k == "private_key" => format!("{k}=<redacted>"),
            _ => kv.to_string(),
        })
        .collect();
    format!("{base}?{}", parts.join("&"))
}

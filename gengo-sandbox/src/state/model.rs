//! The sandbox's records (accounts, jobs, orders, comments, callbacks, quotes,
//! glossaries), the request and reply types, and small helpers shared by the rules.

use gengo_core::Decimal;
use gengo_core::lenient::Lenient;
use gengo_core::models::JobStatus;
use serde_json::{Map, Value, json};

/// An uploaded file part.
#[derive(Debug, Clone)]
pub struct UploadedFile {
    /// Field name.
    pub field: String,
    /// File name as sent.
    pub filename: String,
    /// Bytes.
    pub bytes: Vec<u8>,
}

/// A request, parsed from HTTP.
#[derive(Debug, Clone, Default)]
pub struct Incoming {
    /// Method as received.
    pub method: String,
    /// Path, without the query.
    pub path: String,
    /// Query parameters.
    pub query: Vec<(String, String)>,
    /// Form fields (urlencoded or multipart text parts).
    pub form: Vec<(String, String)>,
    /// Multipart file parts.
    pub files: Vec<UploadedFile>,
    /// A JSON body, when the request had one.
    pub json_body: Option<Value>,
    /// The client's address (for throttling).
    pub client: String,
}

/// A reply.
#[derive(Debug, Clone)]
pub struct Reply {
    /// HTTP status.
    pub status: u16,
    /// Content type.
    pub content_type: String,
    /// Extra headers.
    pub headers: Vec<(String, String)>,
    /// Body.
    pub body: Vec<u8>,
}

impl Reply {
    /// A JSON reply.
    pub fn json(status: u16, v: &Value) -> Reply {
        Reply {
            status,
            // Exactly as Gengo sends it: clients compare the header to this string.
            content_type: "application/json".into(),
            headers: Vec::new(),
            body: serde_json::to_vec(v).unwrap_or_default(),
        }
    }
    /// A Gengo error (HTTP 200 for Gengo's own codes, the code itself for HTTP-like ones).
    pub fn error(code: i64, msg: &str) -> Reply {
        let status = match code {
            400 | 401 | 404 | 405 | 413 | 429 | 500 => code as u16,
            _ => 200,
        };
        Reply::json(
            status,
            &json!({"opstat": "error", "err": {"code": code, "msg": msg}}),
        )
    }
    pub(super) fn ok(response: Value) -> Reply {
        Reply::json(200, &json!({"opstat": "ok", "response": response}))
    }
}

pub(super) type GResult<T> = Result<T, Reply>;

pub(super) fn gerr(code: i64, msg: &str) -> Reply {
    Reply::error(code, msg)
}

/// An account.
#[derive(Debug, Clone)]
pub struct Account {
    /// Public key.
    pub public_key: String,
    /// Private key.
    pub private_key: String,
    /// Credits.
    pub credits: Decimal,
    /// Credits spent.
    pub spent: Decimal,
    /// Default callback URL.
    pub callback_url: Option<String>,
    /// E-mail.
    pub email: String,
    /// Creation time.
    pub since: i64,
}

/// A comment in a thread.
#[derive(Debug, Clone)]
pub struct SComment {
    pub(super) body: String,
    pub(super) author: &'static str,
    pub(super) ctime: i64,
    pub(super) attachments: Vec<Value>,
}

/// A job.
#[derive(Debug, Clone)]
pub struct SJob {
    pub(super) id: u64,
    pub(super) order_id: u64,
    pub(super) account: String,
    pub(super) job_type: String,
    pub(super) slug: String,
    pub(super) body_src: String,
    pub(super) lc_src: String,
    pub(super) lc_tgt: String,
    pub(super) tier: String,
    pub(super) unit_count: u64,
    pub(super) credits: Decimal,
    pub(super) status: JobStatus,
    pub(super) ctime: i64,
    pub(super) callback_url: Option<String>,
    pub(super) auto_approve: bool,
    pub(super) custom_data: String,
    pub(super) body_tgt: Option<String>,
    pub(super) mt: bool,
    pub(super) extra: Map<String, Value>,
    pub(super) archived: bool,
    pub(super) revisions: Vec<(u64, i64, String)>,
    pub(super) comments: Vec<SComment>,
    pub(super) feedback: Option<(i64, String)>,
    pub(super) revision_requests: u32,
    pub(super) round: u32,
    pub(super) next_at: Option<i64>,
    pub(super) follow_up_cancel: bool,
}

/// An order.
#[derive(Debug, Clone)]
pub struct SOrder {
    pub(super) id: u64,
    pub(super) account: String,
    pub(super) job_ids: Vec<u64>,
    pub(super) as_group: bool,
    pub(super) group_id: Option<u64>,
    pub(super) comments: Vec<SComment>,
    pub(super) queued_until: i64,
    pub(super) processed: bool,
}

/// A callback waiting for delivery, or delivered.
#[derive(Debug, Clone)]
pub struct Delivery {
    /// Delivery id.
    pub id: u64,
    /// Target URL.
    pub url: String,
    /// `job` or `comment`.
    pub kind: &'static str,
    /// The job.
    pub job_id: u64,
    /// The job's status when the event happened (job events).
    pub status: Option<String>,
    /// The form body (`job=<json>` or `comment=<json>`).
    pub body: String,
    /// Sandbox time of the event.
    pub created: i64,
    /// Next try (sandbox ms); `None` once delivered or given up.
    pub due_ms: Option<i64>,
    /// Whether a try is under way.
    pub in_flight: bool,
    /// Every try: (sandbox time, HTTP status or error).
    pub attempts: Vec<(i64, String)>,
    /// Whether a 2xx was received.
    pub delivered: bool,
}

impl Delivery {
    /// As JSON, for the control API.
    pub fn to_json(&self) -> Value {
        let attempts: Vec<Value> = self
            .attempts
            .iter()
            .map(|(t, r)| json!({"at": t, "result": r}))
            .collect();
        json!({
            "id": self.id, "url": self.url, "type": self.kind, "job_id": self.job_id, "status": self.status,
            "body": self.body, "created": self.created, "attempts": attempts, "delivered": self.delivered,
            "pending": self.due_ms.is_some(),
        })
    }
}

pub(super) struct Quoted {
    pub(super) account: String,
    pub(super) unit_count: u64,
    pub(super) lc_src: String,
    pub(super) lc_tgt: String,
    pub(super) tier: String,
    pub(super) filename: String,
    pub(super) text: String,
}

/// A glossary.
#[derive(Debug, Clone)]
pub(super) struct SGlossary {
    pub(super) id: u64,
    pub(super) account: String,
    pub(super) title: String,
    pub(super) lc_src: String,
    pub(super) targets: Vec<String>,
    pub(super) csv: String,
    pub(super) ctime: i64,
}

pub(super) fn dec_f64(d: Decimal) -> f64 {
    d.to_string().parse().unwrap_or(0.0)
}

pub(super) fn is_http_url(s: &str) -> bool {
    let l = s.to_ascii_lowercase();
    (l.starts_with("http://") || l.starts_with("https://"))
        && s.len() > 8
        && !s.contains(char::is_whitespace)
}

pub(super) fn flag(v: Option<&Value>) -> Result<Option<bool>, ()> {
    match v {
        None | Some(Value::Null) => Ok(None),
        Some(v) => bool::from_json(v).map(Some).ok_or(()),
    }
}

pub(super) struct Planned {
    pub(super) job_type: String,
    pub(super) slug: String,
    pub(super) body_src: String,
    pub(super) lc_src: String,
    pub(super) lc_tgt: String,
    pub(super) tier: String,
    pub(super) unit_count: u64,
    pub(super) credits: Decimal,
    pub(super) callback_url: Option<String>,
    pub(super) auto_approve: bool,
    pub(super) custom_data: String,
    pub(super) force: bool,
    pub(super) comment: Option<String>,
    pub(super) attachments: Vec<Value>,
    pub(super) extra: Map<String, Value>,
    pub(super) duplicate_of: Option<String>,
}

pub(super) struct Ctx {
    pub(super) account: String,
    pub(super) params: Map<String, Value>,
    pub(super) data: Option<Value>,
    pub(super) files: Vec<UploadedFile>,
}

impl Ctx {
    pub(super) fn param_str(&self, k: &str) -> Option<String> {
        self.params
            .get(k)
            .and_then(Value::as_str)
            .map(str::to_string)
    }
    pub(super) fn data_str(&self, k: &str) -> Option<String> {
        match self.data.as_ref()?.get(k)? {
            Value::String(s) => Some(s.clone()),
            Value::Null => None,
            other => Some(other.to_string()),
        }
    }
    pub(super) fn data_obj(&self) -> GResult<Map<String, Value>> {
        match &self.data {
            Some(Value::Object(o)) => Ok(o.clone()),
            Some(_) => Err(gerr(1251, "JSON data cannot be decoded")),
            None => Err(gerr(1250, "data is a required field")),
        }
    }
}

pub(super) fn comment_of(ctx: &Ctx) -> GResult<(String, Vec<Value>)> {
    // The official Python client also sends the body as a separate multipart part.
    let from_data = ctx
        .data
        .as_ref()
        .and_then(|d| d.get("body"))
        .and_then(Value::as_str)
        .map(str::to_string);
    let body = from_data
        .or_else(|| ctx.param_str("body"))
        .or_else(|| {
            ctx.files
                .iter()
                .find(|f| f.field == "body")
                .map(|f| String::from_utf8_lossy(&f.bytes).into_owned())
        })
        .filter(|b| !b.trim().is_empty())
        .ok_or_else(|| gerr(2000, "body is a required field"))?;
    let atts = ctx
        .data
        .as_ref()
        .and_then(|d| d.get("attachments"))
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    Ok((body, atts))
}

pub(super) fn thread_json(c: &[SComment]) -> Vec<Value> {
    c.iter()
        .map(|c| {
            let mut v = json!({"body": c.body, "author": c.author, "ctime": c.ctime});
            if !c.attachments.is_empty() {
                v["attachments"] = Value::Array(c.attachments.clone());
            }
            v
        })
        .collect()
}

pub(super) const TEXT_EXTENSIONS: &[&str] = &[
    "txt", "md", "csv", "html", "htm", "json", "po", "xml", "strings", "yaml", "yml", "srt",
    "xliff", "xlf",
];

pub(super) fn identifier_for(bytes: &[u8], key: &str, salt: u64) -> String {
    use sha1::{Digest, Sha1};
    let a = Sha1::digest([bytes, key.as_bytes(), &salt.to_be_bytes()].concat());
    let b = Sha1::digest([&a[..], b"gengo-sandbox"].concat());
    let mut h = hex::encode(a);
    h.push_str(&hex::encode(b)[..24]);
    h
}

/// A 1x1 white JPEG, the legacy preview.
pub(super) const TINY_JPEG: &[u8] = &[
    0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01,
    0x00, 0x01, 0x00, 0x00, 0xFF, 0xDB, 0x00, 0x43, 0x00, 0x08, 0x06, 0x06, 0x07, 0x06, 0x05, 0x08,
    0x07, 0x07, 0x07, 0x09, 0x09, 0x08, 0x0A, 0x0C, 0x14, 0x0D, 0x0C, 0x0B, 0x0B, 0x0C, 0x19, 0x12,
    0x13, 0x0F, 0x14, 0x1D, 0x1A, 0x1F, 0x1E, 0x1D, 0x1A, 0x1C, 0x1C, 0x20, 0x24, 0x2E, 0x27, 0x20,
    0x22, 0x2C, 0x23, 0x1C, 0x1C, 0x28, 0x37, 0x29, 0x2C, 0x30, 0x31, 0x34, 0x34, 0x34, 0x1F, 0x27,
    0x39, 0x3D, 0x38, 0x32, 0x3C, 0x2E, 0x33, 0x34, 0x32, 0xFF, 0xC0, 0x00, 0x0B, 0x08, 0x00, 0x01,
    0x00, 0x01, 0x01, 0x01, 0x11, 0x00, 0xFF, 0xC4, 0x00, 0x14, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x09, 0xFF, 0xC4,
    0x00, 0x14, 0x10, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0xFF, 0xDA, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x3F, 0x00, 0x2A, 0x9F,
    0xFF, 0xD9,
];

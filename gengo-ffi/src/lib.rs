//! # gengo-ffi: the C ABI of gengo-rs
//!
//! A small, stable surface over gengo-core's JSON dispatcher: opaque client handles,
//! JSON strings in and out, a status enum whose values never change meaning.
//!
//! Conventions (they hold for every function):
//!
//! - **Ownership.** Every `char *` the library returns belongs to the caller and is
//!   released with [`gengo_string_free`]. Strings passed in are only read, never kept.
//! - **Out-parameters** are written only when the function returns `GENGO_STATUS_OK`;
//!   `*out_error` is written only when it does not. Either may be NULL when the caller does
//!   not want it; an out-parameter the function needs for its result must not be NULL.
//! - **NULL, invalid UTF-8 and invalid JSON** are ordinary errors
//!   (`GENGO_STATUS_INVALID_ARGUMENT`) with a message, never undefined behaviour.
//! - **Panics** never cross the boundary: they become `GENGO_STATUS_PANIC`.
//! - **Threads.** A `gengo_client` may be used by many threads at once (calls share one
//!   keep-alive pool and one rate limit). It must not be freed while a call is under way.
//! - **Errors** are JSON: `{"kind", "kind_code", "message", "code", "http_status",
//!   "job_errors", ...}` (see gengo-core's `Error::to_json`).

#![allow(clippy::missing_safety_doc)]

use std::ffi::{CStr, CString, c_char, c_uint, c_ulonglong};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::ptr;
use std::time::Duration;

use gengo_core::binding::{self, Reply, Want};
use gengo_core::lenient::Lenient;
use gengo_core::{Client, Config, Error, ErrorKind};
use serde_json::{Value, json};

/// The ABI version: bumped only when a function's signature or meaning changes.
pub const GENGO_ABI_VERSION: u32 = 1;

mod status;
pub use status::GengoStatus;

/// An opaque client handle.
pub struct GengoClient {
    client: Client,
}

const VERSION: &CStr =
    match CStr::from_bytes_with_nul(concat!(env!("CARGO_PKG_VERSION"), "\0").as_bytes()) {
        Ok(s) => s,
        Err(_) => panic!("version has no NUL"),
    };

fn to_c(s: String) -> *mut c_char {
    // JSON never contains NUL bytes unescaped; strip any to be safe.
    let s = if s.contains('\0') {
        s.replace('\0', "\\u0000")
    } else {
        s
    };
    CString::new(s)
        .map(CString::into_raw)
        .unwrap_or(ptr::null_mut())
}

fn arg(message: impl Into<String>) -> Error {
    Error::invalid_argument(message)
}

unsafe fn read_str<'a>(p: *const c_char, name: &str) -> Result<&'a str, Error> {
    if p.is_null() {
        return Err(arg(format!("{name} is NULL")));
    }
    // SAFETY: the caller passes a NUL-terminated string that outlives the call.
    unsafe { CStr::from_ptr(p) }
        .to_str()
        .map_err(|e| arg(format!("{name} is not valid UTF-8: {e}")))
}

unsafe fn read_json(p: *const c_char, name: &str, null_is_empty: bool) -> Result<Value, Error> {
    if p.is_null() && null_is_empty {
        return Ok(json!({}));
    }
    let s = unsafe { read_str(p, name) }?;
    serde_json::from_str(s).map_err(|e| arg(format!("{name} is not valid JSON: {e}")))
}

unsafe fn put<T>(out: *mut T, v: T) {
    if !out.is_null() {
        // SAFETY: a non-NULL out-parameter points to writable storage for a T.
        unsafe { out.write(v) };
    }
}

/// Writes a new string to `out` only when there is somewhere to put it, so nothing is
/// allocated (and leaked) for a NULL out-parameter.
unsafe fn put_string(out: *mut *mut c_char, make: impl FnOnce() -> String) {
    if !out.is_null() {
        unsafe { out.write(to_c(make())) };
    }
}

/// Runs `f` inside the panic boundary; writes `out_error` on failure.
fn guard(out_error: *mut *mut c_char, f: impl FnOnce() -> Result<(), Error>) -> GengoStatus {
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(Ok(())) => GengoStatus::Ok,
        Ok(Err(e)) => {
            unsafe { put_string(out_error, || e.to_json().to_string()) };
            e.kind().into()
        }
        Err(payload) => {
            let msg = payload
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".into());
            let err = json!({"kind": "panic", "kind_code": GengoStatus::Panic as u32, "message": format!("internal error: {msg}"),
                             "code": null, "http_status": null, "job_errors": {}});
            unsafe { put_string(out_error, || err.to_string()) };
            GengoStatus::Panic
        }
    }
}

/// The library's version, for example `"0.1.0"`.
///
/// Ownership: a static string; do not free it. Never NULL. Thread-safe.
#[unsafe(no_mangle)]
pub extern "C" fn gengo_version() -> *const c_char {
    VERSION.as_ptr()
}

/// The ABI version (see `GENGO_ABI_VERSION` in the documentation); compare it with the
/// version you built against. Thread-safe.
#[unsafe(no_mangle)]
pub extern "C" fn gengo_abi_version() -> c_uint {
    GENGO_ABI_VERSION
}

/// Creates a client from a JSON config: `public_key`, `private_key`, `environment`
/// (`production` or `sandbox`), `base_url`, `api_version`, `connect_timeout` and
/// `timeout` (seconds), `max_retries`, `retry_base_delay`, `retry_max_delay`,
/// `rate_limit_per_minute` (0: off), `user_agent` (your app's name), `method_override`,
/// `max_response_bytes`, `from_env` (read `GENGO_PUBLIC_KEY`, `GENGO_PRIVATE_KEY`,
/// `GENGO_BASE_URL` first).
///
/// On success `*out_client` receives a handle to release with `gengo_client_free`.
/// `config_json` and `out_client` must not be NULL (`GENGO_STATUS_INVALID_ARGUMENT`).
/// `out_error` may be NULL. Thread-safe.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn gengo_client_new(
    config_json: *const c_char,
    out_client: *mut *mut GengoClient,
    out_error: *mut *mut c_char,
) -> GengoStatus {
    guard(out_error, || {
        if out_client.is_null() {
            return Err(arg("out_client is NULL"));
        }
        let config = Config::from_json(&unsafe { read_json(config_json, "config_json", false) }?)?;
        let handle = Box::into_raw(Box::new(GengoClient {
            client: Client::new(config),
        }));
        unsafe { put(out_client, handle) };
        Ok(())
    })
}

/// Releases a client. NULL is ignored. Must not be called while another thread is
/// inside a call on the same client, nor twice on one handle.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn gengo_client_free(client: *mut GengoClient) {
    if client.is_null() {
        return;
    }
    let _ = catch_unwind(AssertUnwindSafe(|| {
        // SAFETY: the handle came from gengo_client_new and is freed once.
        drop(unsafe { Box::from_raw(client) });
    }));
}

/// Runs an operation by canonical name (`get_job`) or official alias
/// (`getTranslationJob`) with JSON params (`{"id": 42}`; NULL means `{}`).
///
/// On success `*out_result` receives the normalised JSON result (ids and counts as
/// integers, money as decimal strings, flags as booleans; bytes as
/// `{"content_type", "size", "base64"}`). On failure `*out_error` receives the error
/// JSON and the status says its kind. `client`, `operation` and `out_result` must not
/// be NULL. Thread-safe: one client may serve many threads at once.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn gengo_client_call(
    client: *const GengoClient,
    operation: *const c_char,
    params_json: *const c_char,
    out_result: *mut *mut c_char,
    out_error: *mut *mut c_char,
) -> GengoStatus {
    guard(out_error, || {
        if client.is_null() {
            return Err(arg("client is NULL"));
        }
        if out_result.is_null() {
            return Err(arg("out_result is NULL"));
        }
        let name = unsafe { read_str(operation, "operation") }?;
        // SAFETY: a live handle from gengo_client_new.
        let client = unsafe { &*client };
        // The one door: the params as JSON text (streamed when the operation's row says
        // so, else parsed once), then the normalised result written straight to text.
        let request = if params_json.is_null() {
            binding::prepare(name, json!({}))?
        } else {
            let text = unsafe { read_str(params_json, "params_json") }?;
            binding::prepare(name, binding::JsonText::new(text, "params_json"))?
        };
        let Reply::Normalized(result) = client.client.send(request, Want::Normalized)? else {
            return Err(arg("a normalised call answered otherwise"));
        };
        unsafe { put_string(out_result, || result.to_json_string()) };
        Ok(())
    })
}

/// Polls an order until no job waits for Gengo or a translator (nothing queued,
/// available, pending or revising), or until `timeout_seconds`, sleeping
/// `interval_seconds` between polls (0 or less: 30 minutes against Gengo's hosts, as
/// Gengo asks, half a second against any other host such as a local sandbox).
///
/// On success `*out_order` receives `{"order": {...}, "in_progress": bool}`: the order
/// as last seen, and whether jobs still wait (true when the timeout ended the wait).
/// Errors of the calls end the wait. Blocks the calling thread; thread-safe.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn gengo_client_wait_order(
    client: *const GengoClient,
    order_id: c_ulonglong,
    timeout_seconds: f64,
    interval_seconds: f64,
    out_order: *mut *mut c_char,
    out_error: *mut *mut c_char,
) -> GengoStatus {
    guard(out_error, || {
        if client.is_null() {
            return Err(arg("client is NULL"));
        }
        if out_order.is_null() {
            return Err(arg("out_order is NULL"));
        }
        let timeout = Duration::try_from_secs_f64(timeout_seconds)
            .map_err(|_| arg("timeout_seconds must be a number of seconds >= 0"))?;
        let interval = (interval_seconds > 0.0)
            .then(|| Duration::try_from_secs_f64(interval_seconds))
            .transpose()
            .map_err(|_| arg("interval_seconds must be a number of seconds"))?;
        // SAFETY: a live handle from gengo_client_new.
        let client = unsafe { &*client };
        let wait = gengo_core::Wait { timeout, interval };
        let order = client.client.wait_for_order(order_id, &wait, |_| {})?;
        let result = json!({"order": order.to_json(), "in_progress": order.in_progress()});
        // SAFETY: out_order was checked non-NULL.
        unsafe { put_string(out_order, || result.to_string()) };
        Ok(())
    })
}

/// The operation table as JSON: a list of `{name, alias, method, path, signed, legacy,
/// action, returns, params: [{name, required, location, doc}], doc}`.
///
/// Returns a string to release with `gengo_string_free` (NULL only if memory ran out).
/// Thread-safe.
#[unsafe(no_mangle)]
pub extern "C" fn gengo_operations() -> *mut c_char {
    catch_unwind(|| to_c(gengo_core::ops::describe_all().to_string())).unwrap_or(ptr::null_mut())
}

/// The error kinds as JSON, in number order: a list of `{name, number, class, parent,
/// exit_code}`; `number` is the `gengo_status` a failed call returns, `parent` the kind
/// it specialises (or null). Bindings build or check their exception classes from it.
///
/// Returns a string to release with `gengo_string_free` (NULL only if memory ran out).
/// Thread-safe.
#[unsafe(no_mangle)]
pub extern "C" fn gengo_error_kinds() -> *mut c_char {
    catch_unwind(|| to_c(ErrorKind::describe_all().to_string())).unwrap_or(ptr::null_mut())
}

/// Parses what Gengo POSTed to a callback URL: `body` (`len` bytes, need not be
/// NUL-terminated) and its `content_type` (may be NULL).
///
/// On success `*out_event` receives `{"type": "job", "job": {...}}` or
/// `{"type": "comment", "comment": {...}}`. Malformed or oversized bodies give
/// `GENGO_STATUS_DECODE`. `body` may be NULL only when `len` is 0 (still an error: empty
/// body). Thread-safe.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn gengo_parse_callback(
    body: *const c_char,
    len: usize,
    content_type: *const c_char,
    out_event: *mut *mut c_char,
    out_error: *mut *mut c_char,
) -> GengoStatus {
    guard(out_error, || {
        if out_event.is_null() {
            return Err(arg("out_event is NULL"));
        }
        let bytes: &[u8] = if len == 0 {
            &[]
        } else if body.is_null() {
            return Err(arg("body is NULL"));
        } else {
            // SAFETY: the caller passes `len` readable bytes.
            unsafe { std::slice::from_raw_parts(body.cast::<u8>(), len) }
        };
        let ct = if content_type.is_null() {
            None
        } else {
            Some(unsafe { read_str(content_type, "content_type") }?)
        };
        let event = gengo_core::parse_callback(bytes, ct)?;
        unsafe { put_string(out_event, || event.to_json().to_string()) };
        Ok(())
    })
}

/// Counts `text` in units as Gengo bills it for source language `lc_src` (words, or
/// characters for Japanese, Chinese and Korean; `[[[...]]]` excluded).
///
/// `text`, `lc_src` and `out_count` must not be NULL. Thread-safe.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn gengo_unit_count(
    text: *const c_char,
    lc_src: *const c_char,
    out_count: *mut c_ulonglong,
    out_error: *mut *mut c_char,
) -> GengoStatus {
    guard(out_error, || {
        if out_count.is_null() {
            return Err(arg("out_count is NULL"));
        }
        let text = unsafe { read_str(text, "text") }?;
        let lc = unsafe { read_str(lc_src, "lc_src") }?;
        unsafe { put(out_count, gengo_core::units::count_for(text, lc)) };
        Ok(())
    })
}

/// Releases a string returned by this library. NULL is ignored. Thread-safe (for
/// different strings).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn gengo_string_free(s: *mut c_char) {
    if s.is_null() {
        return;
    }
    let _ = catch_unwind(AssertUnwindSafe(|| {
        // SAFETY: the string came from this library (CString::into_raw) and is freed once.
        drop(unsafe { CString::from_raw(s) });
    }));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn take(p: *mut c_char) -> String {
        let s = unsafe { CStr::from_ptr(p) }.to_str().unwrap().to_string();
        unsafe { gengo_string_free(p) };
        s
    }

    #[test]
    fn panics_become_a_status_and_an_error() {
        let mut err: *mut c_char = ptr::null_mut();
        let st = guard(&mut err, || panic!("boom"));
        assert_eq!(st, GengoStatus::Panic);
        let v: Value = serde_json::from_str(&take(err)).unwrap();
        assert_eq!(v["kind"], "panic");
        assert!(v["message"].as_str().unwrap().contains("boom"));
    }

    #[test]
    fn statuses_match_error_kind_numbers_and_names() {
        for k in ErrorKind::ALL {
            let st = GengoStatus::from(*k);
            assert_eq!(st as u32, k.number(), "{k}");
            // GengoStatus::MultiJob is the kind MultiJob: the names agree too.
            assert_eq!(format!("{st:?}"), k.class_name(), "{k}");
        }
    }

    #[test]
    fn out_parameters_are_written_only_as_documented() {
        let mut client: *mut GengoClient = ptr::null_mut();
        let mut err: *mut c_char = ptr::null_mut();
        let cfg = CString::new(r#"{"base_url": "ftp://nope"}"#).unwrap();
        let st = unsafe { gengo_client_new(cfg.as_ptr(), &mut client, &mut err) };
        assert_eq!(st, GengoStatus::InvalidArgument);
        assert!(client.is_null());
        assert!(take(err).contains("base_url"));
        let cfg = CString::new(r#"{"base_url": "http://127.0.0.1:9"}"#).unwrap();
        let mut err: *mut c_char = ptr::null_mut();
        assert_eq!(
            unsafe { gengo_client_new(cfg.as_ptr(), &mut client, &mut err) },
            GengoStatus::Ok
        );
        assert!(err.is_null() && !client.is_null());
        let mut out: *mut c_char = ptr::null_mut();
        let bad = [0xffu8, 0];
        let st = unsafe {
            gengo_client_call(client, bad.as_ptr().cast(), ptr::null(), &mut out, &mut err)
        };
        assert_eq!(st, GengoStatus::InvalidArgument);
        assert!(out.is_null());
        assert!(take(err).contains("UTF-8"));
        unsafe { gengo_client_free(client) };
        unsafe { gengo_client_free(ptr::null_mut()) };
        unsafe { gengo_string_free(ptr::null_mut()) };
    }
}

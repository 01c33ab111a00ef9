//! The native half of the `gengo_rs` Python package: a thin layer over gengo-core.
//!
//! Everything Pythonic (typed results, keyword signatures, the exception hierarchy, the
//! compat layer) lives in the pure-Python package; this module turns Python params into
//! gengo-core's (an order streamed job by job into its request) and results into Python
//! objects in one pass (no JSON text either way), releases the GIL for every network call,
//! raises `gengo_rs.errors` exceptions, and forwards gengo-core's logs to the `gengo_rs`
//! logger.

use base64::Engine;
use gengo_core::binding::{self, Reply, Want};
use gengo_core::{Client, Config, Error, Output, ops};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::PyBytes;
use serde_json::{Value, json};

mod convert;
mod logger;
mod params;

use convert::{normalized_to_py, parse_json, response_to_py, value_to_py};
use logger::{LOGGER, LOGGER_SET, set_log_level};
use params::prepare;

/// Turns a gengo-core error into an instance of the matching `gengo_rs.errors` class.
fn to_py_err(py: Python<'_>, e: &Error) -> PyErr {
    let made = (|| -> PyResult<PyErr> {
        let errors = py.import("gengo_rs.errors")?;
        let exc = errors
            .getattr("_from_error_json")?
            .call1((e.to_json().to_string(),))?;
        Ok(PyErr::from_value(exc))
    })();
    made.unwrap_or_else(|inner| inner)
}

/// A client: `NativeClient(config_json)`. Shared by threads; every call releases the GIL.
#[pyclass(frozen, module = "gengo_rs._native")]
struct NativeClient {
    client: Client,
}

#[pymethods]
impl NativeClient {
    #[new]
    fn new(py: Python<'_>, config_json: &str) -> PyResult<Self> {
        let config = Config::from_json(&parse_json(config_json, "config")?)
            .map_err(|e| to_py_err(py, &e))?;
        Ok(NativeClient {
            client: Client::new(config),
        })
    }

    /// Runs an operation with Python params (a dict); returns the normalised result as
    /// Python objects. No JSON text crosses the boundary either way.
    fn call_obj<'py>(
        &self,
        py: Python<'py>,
        operation: &str,
        params: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let request = prepare(py, operation, params)?;
        // The payload is read with the GIL released (typed payloads without a JSON
        // tree), then built into Python objects in one pass.
        let n = normalized(self.send(py, request, Want::Normalized)?)?;
        let out = normalized_to_py(py, &n);
        // A large payload is freed without the GIL (a small one is not worth the switch).
        if n.size_hint() > 64 * 1024 {
            py.detach(move || drop(n));
        }
        out
    }

    /// Runs an operation with Python params; returns the payload exactly as the server
    /// sent it, as Python objects (bytes operations: `{"content_type", "base64"}`).
    fn call_raw_obj<'py>(
        &self,
        py: Python<'py>,
        operation: &str,
        params: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let request = prepare(py, operation, params)?;
        match self.send(py, request, Want::AsSent)? {
            // A clean success: its `response` goes straight into Python objects.
            Reply::Body(body) => response_to_py(py, &body),
            Reply::Output(out) => value_to_py(py, &raw_value(out)),
            Reply::Normalized(n) => value_to_py(py, &n.into_value()),
        }
    }

    /// Runs an operation; returns the normalised result as JSON text.
    fn call(&self, py: Python<'_>, operation: &str, params_json: &str) -> PyResult<String> {
        let request = prepare_json(py, operation, params_json)?;
        Ok(normalized(self.send(py, request, Want::Normalized)?)?.to_json_string())
    }

    /// Polls an order until no job waits for Gengo or a translator, or until `timeout`
    /// seconds (GIL released); returns `{"order": ..., "in_progress": bool}` as JSON text.
    #[pyo3(signature = (order_id, timeout, interval=None))]
    fn wait_order(
        &self,
        py: Python<'_>,
        order_id: u64,
        timeout: f64,
        interval: Option<f64>,
    ) -> PyResult<String> {
        let timeout = std::time::Duration::try_from_secs_f64(timeout)
            .map_err(|_| PyValueError::new_err("timeout must be a number of seconds >= 0"))?;
        let interval = interval
            .filter(|i| *i > 0.0)
            .map(std::time::Duration::try_from_secs_f64)
            .transpose()
            .map_err(|_| PyValueError::new_err("interval must be a number of seconds"))?;
        let client = self.client.clone();
        let wait = gengo_core::Wait { timeout, interval };
        let order = py
            .detach(move || client.wait_for_order(order_id, &wait, |_| {}))
            .map_err(|e| to_py_err(py, &e))?;
        use gengo_core::lenient::Lenient;
        Ok(json!({"order": order.to_json(), "in_progress": order.in_progress()}).to_string())
    }

    /// Runs an operation; returns the payload exactly as the server sent it (JSON
    /// text), or for byte operations `{"content_type", "base64"}`.
    fn call_raw(&self, py: Python<'_>, operation: &str, params_json: &str) -> PyResult<String> {
        let request = prepare_json(py, operation, params_json)?;
        Ok(match self.send(py, request, Want::AsSent)? {
            Reply::Body(body) => serde_json::from_slice::<Value>(&body)
                .map(|mut v| v["response"].take().to_string())
                .map_err(|e| PyValueError::new_err(e.to_string()))?,
            Reply::Output(out) => raw_value(out).to_string(),
            Reply::Normalized(n) => n.to_json_string(),
        })
    }

    /// The config without secrets (for `repr`).
    fn describe(&self) -> String {
        let c = self.client.config();
        format!(
            "base_url={:?}, api_version={:?}, public_key={:?}, private_key={}",
            c.base_url(),
            c.api_version().as_str(),
            c.public_key().unwrap_or(""),
            if c.has_keys() { "'<redacted>'" } else { "None" }
        )
    }
}

impl NativeClient {
    /// Sends a prepared request with the GIL released.
    fn send(&self, py: Python<'_>, request: binding::Request, want: Want) -> PyResult<Reply> {
        let client = self.client.clone();
        py.detach(move || client.send(request, want))
            .map_err(|e| to_py_err(py, &e))
    }
}

/// Params given as JSON text, prepared.
fn prepare_json(py: Python<'_>, operation: &str, params_json: &str) -> PyResult<binding::Request> {
    binding::prepare(operation, binding::JsonText::new(params_json, "params"))
        .map_err(|e| to_py_err(py, &e))
}

/// The normalised result a `Want::Normalized` call answers with.
fn normalized(reply: Reply) -> PyResult<gengo_core::Normalized> {
    match reply {
        Reply::Normalized(n) => Ok(n),
        _ => Err(PyValueError::new_err(
            "a normalised call answered otherwise",
        )),
    }
}

/// Parses a callback body; returns the event as JSON text.
#[pyfunction]
#[pyo3(signature = (body, content_type=None))]
fn parse_callback(
    py: Python<'_>,
    body: &Bound<'_, PyAny>,
    content_type: Option<&str>,
) -> PyResult<String> {
    let bytes: Vec<u8> = if let Ok(b) = body.cast::<PyBytes>() {
        b.as_bytes().to_vec()
    } else if let Ok(s) = body.extract::<String>() {
        s.into_bytes()
    } else {
        return Err(PyValueError::new_err("body must be bytes or str"));
    };
    gengo_core::parse_callback(&bytes, content_type)
        .map(|e| e.to_json().to_string())
        .map_err(|e| to_py_err(py, &e))
}

/// Whether `call_obj` would stream these params straight into an order's request (no
/// tree of the whole order): what the tests check, so the fast path cannot quietly stop.
#[pyfunction]
fn order_streams(py: Python<'_>, operation: &str, params: &Bound<'_, PyAny>) -> PyResult<bool> {
    Ok(prepare(py, operation, params)?.streamed())
}

/// The payload of an answer as sent, for the compatibility layer (bytes as
/// `{"content_type", "base64"}`).
fn raw_value(out: Output) -> Value {
    match out {
        Output::Json(v) => v,
        Output::Bytes(d) => json!({
            "content_type": d.content_type,
            "base64": base64::engine::general_purpose::STANDARD.encode(&d.bytes),
        }),
    }
}

/// Units Gengo bills for `text` in source language `lc_src`.
#[pyfunction]
fn unit_count(text: &str, lc_src: &str) -> u64 {
    gengo_core::units::count_for(text, lc_src)
}

/// The operation table as JSON text.
#[pyfunction]
fn operations() -> String {
    ops::describe_all().to_string()
}

/// The error kinds as JSON text: `[{name, number, class, parent, exit_code}]`.
#[pyfunction]
fn error_kinds() -> String {
    gengo_core::ErrorKind::describe_all().to_string()
}

/// gengo-core's models and string enums, described, as JSON text:
/// `{"models": [{name, doc, fields: [{name, key, shape, doc}]}], "enums": [...]}` (the
/// Python models are generated from the same definitions; a test holds them equal).
#[pyfunction]
fn model_shapes() -> String {
    serde_json::json!({
        "models": gengo_core::models::model_shapes().iter().map(|m| m.to_json()).collect::<Vec<_>>(),
        "enums": gengo_core::models::enum_shapes().iter().map(|e| e.to_json()).collect::<Vec<_>>(),
    })
    .to_string()
}

/// `(is_processed, in_progress, job_ids)` of an order (its JSON text), as gengo-core
/// decides them.
#[pyfunction]
fn order_state(order_json: &str) -> PyResult<(bool, bool, Vec<u64>)> {
    let v = parse_json(order_json, "order")?;
    let o: gengo_core::models::Order = gengo_core::lenient::read(&v).unwrap_or_default();
    Ok((o.is_processed(), o.in_progress(), o.job_ids()))
}

/// Resolves an operation name or official alias to its canonical name.
#[pyfunction]
fn canonical_name(name: &str) -> Option<&'static str> {
    ops::find(name).map(|op| op.name)
}

#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    LOGGER_SET.get_or_init(|| {
        let ok = log::set_logger(&LOGGER).is_ok();
        if ok {
            log::set_max_level(log::LevelFilter::Debug);
        }
        ok
    });
    m.add_class::<NativeClient>()?;
    m.add_function(wrap_pyfunction!(parse_callback, m)?)?;
    m.add_function(wrap_pyfunction!(unit_count, m)?)?;
    m.add_function(wrap_pyfunction!(order_streams, m)?)?;
    m.add_function(wrap_pyfunction!(operations, m)?)?;
    m.add_function(wrap_pyfunction!(canonical_name, m)?)?;
    m.add_function(wrap_pyfunction!(error_kinds, m)?)?;
    m.add_function(wrap_pyfunction!(set_log_level, m)?)?;
    m.add_function(wrap_pyfunction!(model_shapes, m)?)?;
    m.add_function(wrap_pyfunction!(order_state, m)?)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add("USER_AGENT", gengo_core::config::USER_AGENT)?;
    m.add("POOL_CONNECTIONS", gengo_core::transport::POOL_CONNECTIONS)?;
    Ok(())
}

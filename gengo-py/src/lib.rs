//! The native half of the `gengo_rs` Python package: a thin layer over gengo-core.
//!
//! Everything Pythonic (typed results, keyword signatures, the exception hierarchy, the
//! compat layer) lives in the pure-Python package; this module turns Python params into
//! gengo-core's (an order streamed job by job into its request) and results into Python
//! objects in one pass (no JSON text either way), releases the GIL for every network call,
//! raises `gengo_rs.errors` exceptions, and forwards gengo-core's logs to the `gengo_rs`
//! logger.

use std::sync::OnceLock;
use std::sync::atomic::{AtomicU8, Ordering};

use base64::Engine;
use gengo_core::binding::{self, Reply, Want};
use gengo_core::{Client, Config, Error, Output, ops};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyBytes, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple};
use serde_json::{Map, Value, json};

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

/// A Python value as JSON, the way `json.dumps` with the package's `default` would
/// write it: `None`, bools, ints, floats, strings, dicts, lists and tuples as themselves;
/// path-like objects by their path; typed results by their `raw` dict; anything else by
/// its `str()` (decimals, enums). No JSON text is written or parsed.
fn py_to_value(obj: &Bound<'_, PyAny>) -> PyResult<Value> {
    if obj.is_none() {
        return Ok(Value::Null);
    }
    if let Ok(b) = obj.cast::<PyBool>() {
        return Ok(Value::Bool(b.is_true()));
    }
    if obj.cast::<PyInt>().is_ok() {
        if let Ok(v) = obj.extract::<i64>() {
            return Ok(Value::from(v));
        }
        if let Ok(v) = obj.extract::<u64>() {
            return Ok(Value::from(v));
        }
        return Ok(Value::String(obj.str()?.to_string()));
    }
    if let Ok(f) = obj.cast::<PyFloat>() {
        return Ok(serde_json::Number::from_f64(f.value())
            .map(Value::Number)
            .unwrap_or(Value::Null));
    }
    if let Ok(s) = obj.cast::<PyString>() {
        return Ok(Value::String(s.to_str()?.to_string()));
    }
    if let Ok(d) = obj.cast::<PyDict>() {
        let mut m = Map::new();
        for (k, v) in d.iter() {
            m.insert(py_key(&k)?, py_to_value(&v)?);
        }
        return Ok(Value::Object(m));
    }
    if let Ok(l) = obj.cast::<PyList>() {
        return l
            .iter()
            .map(|x| py_to_value(&x))
            .collect::<PyResult<Vec<_>>>()
            .map(Value::Array);
    }
    if let Ok(t) = obj.cast::<PyTuple>() {
        return t
            .iter()
            .map(|x| py_to_value(&x))
            .collect::<PyResult<Vec<_>>>()
            .map(Value::Array);
    }
    if obj.hasattr("__fspath__")? {
        return py_to_value(&obj.call_method0("__fspath__")?);
    }
    if let Ok(raw) = obj.getattr("raw")
        && raw.cast::<PyDict>().is_ok()
    {
        return py_to_value(&raw);
    }
    Ok(Value::String(obj.str()?.to_string()))
}

/// A dict key as JSON writes it: a string as itself, anything else by its `str()`.
fn py_key(k: &Bound<'_, PyAny>) -> PyResult<String> {
    Ok(match k.cast::<PyString>() {
        Ok(s) => s.to_str()?.to_string(),
        Err(_) => k.str()?.to_string(),
    })
}

/// What reading Python params can fail with: gengo-core's errors (raised as the matching
/// `gengo_rs.errors` class) or Python's own (an unsupported object, say).
enum ParamsError {
    Core(Error),
    Py(PyErr),
}

impl From<Error> for ParamsError {
    fn from(e: Error) -> Self {
        ParamsError::Core(e)
    }
}

impl From<PyErr> for ParamsError {
    fn from(e: PyErr) -> Self {
        ParamsError::Py(e)
    }
}

impl ParamsError {
    fn into_py(self, py: Python<'_>) -> PyErr {
        match self {
            ParamsError::Core(e) => to_py_err(py, &e),
            ParamsError::Py(e) => e,
        }
    }
}

/// Python params (a dict) at gengo-core's one door ([`binding::prepare`]): read as JSON,
/// or, when the operation's row streams (an order), walked job by job straight into the
/// request, so neither a tree of the whole order nor its text exists.
struct PyParams<'a, 'py>(&'a Bound<'py, PyAny>);

impl binding::Params for PyParams<'_, '_> {
    type Error = ParamsError;

    fn into_value(self) -> Result<Value, ParamsError> {
        Ok(py_to_value(self.0)?)
    }

    fn stream_into(
        &mut self,
        order: &mut binding::OrderStream,
    ) -> Result<Option<Map<String, Value>>, ParamsError> {
        let Ok(params) = self.0.cast::<PyDict>() else {
            return Ok(None);
        };
        let mut items = params.iter();
        let Some((first, jobs)) = items.next() else {
            return Ok(None);
        };
        if !first.cast::<PyString>().is_ok_and(|s| s == "jobs") {
            return Ok(None);
        }
        let Ok(jobs) = jobs.cast::<PyDict>() else {
            return Ok(None);
        };
        for (k, job) in jobs.iter() {
            let key = py_key(&k)?;
            let taken = match job.cast::<PyDict>() {
                // A dict job's fields go in as they are, without a map of them.
                Ok(job) => {
                    let fields = job
                        .iter()
                        .map(|(f, v)| Ok((py_key(&f)?, py_to_value(&v)?)))
                        .collect::<PyResult<Vec<_>>>()?;
                    order.job_fields(key, fields)
                }
                Err(_) => order.job(key, py_to_value(&job)?),
            };
            if taken.is_none() {
                return Ok(None);
            }
        }
        let mut rest = Map::new();
        for (k, v) in items {
            if rest.insert(py_key(&k)?, py_to_value(&v)?).is_some() {
                return Ok(None);
            }
        }
        Ok(Some(rest))
    }

    fn size_hint(&self) -> usize {
        self.0
            .cast::<PyDict>()
            .ok()
            .and_then(|d| d.get_item("jobs").ok().flatten())
            .and_then(|j| j.len().ok())
            .map_or(0, |n| n * 512)
    }
}

/// Prepares a call with Python params (holding the GIL): gengo-core's door.
fn prepare(
    py: Python<'_>,
    operation: &str,
    params: &Bound<'_, PyAny>,
) -> PyResult<binding::Request> {
    binding::prepare(operation, PyParams(params)).map_err(|e| e.into_py(py))
}

/// A JSON value as Python objects (dicts, lists, str, int, float, bool, None), built
/// once, in Rust.
fn value_to_py<'py>(py: Python<'py>, v: &Value) -> PyResult<Bound<'py, PyAny>> {
    Ok(match v {
        Value::Null => py.None().into_bound(py),
        Value::Bool(b) => PyBool::new(py, *b).to_owned().into_any(),
        Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                i.into_pyobject(py)?.into_any()
            } else if let Some(u) = n.as_u64() {
                u.into_pyobject(py)?.into_any()
            } else {
                n.as_f64().unwrap_or(f64::NAN).into_pyobject(py)?.into_any()
            }
        }
        Value::String(s) => PyString::new(py, s).into_any(),
        Value::Array(a) => {
            let l = PyList::empty(py);
            for x in a {
                l.append(value_to_py(py, x)?)?;
            }
            l.into_any()
        }
        Value::Object(o) => {
            let d = PyDict::new(py);
            for (k, x) in o {
                d.set_item(k, value_to_py(py, x)?)?;
            }
            d.into_any()
        }
    })
}

type Built<'py> = Bound<'py, PyAny>;

/// Object keys already made into Python strings during one conversion: a list of 10,000
/// jobs repeats the same 20 keys, so each is made (and hashed) once, as `json.loads` does.
#[derive(Default)]
struct Keys<'py>(std::cell::RefCell<foldhash::HashMap<Box<str>, Bound<'py, PyString>>>);

impl<'py> Keys<'py> {
    fn get(&self, py: Python<'py>, k: &str) -> Bound<'py, PyString> {
        let mut m = self.0.borrow_mut();
        if let Some(s) = m.get(k) {
            return s.clone();
        }
        let s = PyString::new(py, k);
        // Bounded: keys are few in Gengo's payloads; caller-chosen job keys may not be.
        if m.len() < 4096 {
            m.insert(k.into(), s.clone());
        }
        s
    }
}

/// Builds Python objects from gengo-core's normalised events (no JSON text between).
struct PySink<'py, 'k> {
    py: Python<'py>,
    keys: &'k Keys<'py>,
    stack: Vec<(Built<'py>, Option<Bound<'py, PyString>>)>,
    done: Option<Built<'py>>,
    err: Option<PyErr>,
}

impl<'py> PySink<'py, '_> {
    fn put(&mut self, v: Built<'py>) {
        let r = match self.stack.last_mut() {
            None => {
                self.done = Some(v);
                Ok(())
            }
            Some((c, key)) => match key.take() {
                Some(k) => c.cast::<PyDict>().map_or(Ok(()), |d| d.set_item(k, v)),
                None => c.cast::<PyList>().map_or(Ok(()), |l| l.append(v)),
            },
        };
        if let Err(e) = r {
            self.err.get_or_insert(e);
        }
    }
}

impl binding::JsonSink for PySink<'_, '_> {
    fn null(&mut self) {
        self.put(self.py.None().into_bound(self.py))
    }
    fn bool(&mut self, v: bool) {
        self.put(PyBool::new(self.py, v).to_owned().into_any())
    }
    fn i64(&mut self, v: i64) {
        self.put(
            v.into_pyobject(self.py)
                .map_or_else(|e| match e {}, |o| o.into_any()),
        )
    }
    fn u64(&mut self, v: u64) {
        self.put(
            v.into_pyobject(self.py)
                .map_or_else(|e| match e {}, |o| o.into_any()),
        )
    }
    fn f64(&mut self, v: f64) {
        self.put(PyFloat::new(self.py, v).into_any())
    }
    fn str(&mut self, v: &str) {
        self.put(PyString::new(self.py, v).into_any())
    }
    fn begin_seq(&mut self, _: Option<usize>) {
        self.stack.push((PyList::empty(self.py).into_any(), None));
    }
    fn end_seq(&mut self) {
        if let Some((l, _)) = self.stack.pop() {
            self.put(l);
        }
    }
    fn begin_map(&mut self, _: Option<usize>) {
        self.stack.push((PyDict::new(self.py).into_any(), None));
    }
    fn key(&mut self, k: &str) {
        let k = self.keys.get(self.py, k);
        if let Some((_, slot)) = self.stack.last_mut() {
            *slot = Some(k);
        }
    }
    fn end_map(&mut self) {
        if let Some((d, _)) = self.stack.pop() {
            self.put(d);
        }
    }
}

/// Python objects built from the events `emit` sends (`None` when it sends no value);
/// `emit` gives `false` when the input could not be read.
fn build_py<'py>(
    py: Python<'py>,
    emit: impl FnOnce(&mut dyn binding::JsonSink) -> bool,
) -> PyResult<Built<'py>> {
    let keys = Keys::default();
    let mut sink = PySink {
        py,
        keys: &keys,
        stack: Vec::new(),
        done: None,
        err: None,
    };
    if !emit(&mut sink) {
        return Err(PyValueError::new_err("the response is not valid JSON"));
    }
    if let Some(e) = sink.err {
        return Err(e);
    }
    Ok(sink.done.unwrap_or_else(|| py.None().into_bound(py)))
}

/// A normalised payload as Python objects, built from gengo-core's events.
fn normalized_to_py<'py>(py: Python<'py>, n: &binding::Normalized) -> PyResult<Built<'py>> {
    build_py(py, |sink| {
        n.emit(sink);
        true
    })
}

/// The `response` of a clean success body (checked by gengo-core first) as Python
/// objects, built from gengo-core's events in one pass (`None` without a `response`).
fn response_to_py<'py>(py: Python<'py>, body: &[u8]) -> PyResult<Built<'py>> {
    build_py(py, |sink| binding::emit_response(body, sink).is_some())
}

fn parse_json(text: &str, what: &str) -> PyResult<Value> {
    serde_json::from_str(text)
        .map_err(|err| PyValueError::new_err(format!("{what} is not valid JSON: {err}")))
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
        let client = self.client.clone();
        // The payload is read with the GIL released (typed payloads without a JSON
        // tree), then built into Python objects in one pass.
        let reply = py
            .detach(move || client.send(request, Want::Normalized))
            .map_err(|e| to_py_err(py, &e))?;
        let Reply::Normalized(n) = reply else {
            return Err(PyValueError::new_err(
                "a normalised call answered otherwise",
            ));
        };
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
        let client = self.client.clone();
        let reply = py
            .detach(move || client.send(request, Want::AsSent))
            .map_err(|e| to_py_err(py, &e))?;
        match reply {
            // A clean success: its `response` goes straight into Python objects.
            Reply::Body(body) => response_to_py(py, &body),
            Reply::Output(out) => value_to_py(py, &raw_value(out)),
            Reply::Normalized(n) => value_to_py(py, &n.into_value()),
        }
    }

    /// Runs an operation; returns the normalised result as JSON text.
    fn call(&self, py: Python<'_>, operation: &str, params_json: &str) -> PyResult<String> {
        let request = binding::prepare(operation, binding::JsonText::new(params_json, "params"))
            .map_err(|e| to_py_err(py, &e))?;
        let client = self.client.clone();
        match py
            .detach(move || client.send(request, Want::Normalized))
            .map_err(|e| to_py_err(py, &e))?
        {
            Reply::Normalized(n) => Ok(n.to_json_string()),
            _ => Err(PyValueError::new_err(
                "a normalised call answered otherwise",
            )),
        }
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
        let request = binding::prepare(operation, binding::JsonText::new(params_json, "params"))
            .map_err(|e| to_py_err(py, &e))?;
        let client = self.client.clone();
        let reply = py
            .detach(move || client.send(request, Want::AsSent))
            .map_err(|e| to_py_err(py, &e))?;
        Ok(match reply {
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

/// `(is_processed, in_progress)` of an order (its JSON text), as gengo-core decides them.
#[pyfunction]
fn order_state(order_json: &str) -> PyResult<(bool, bool)> {
    let v = parse_json(order_json, "order")?;
    let o: gengo_core::models::Order = gengo_core::lenient::read(&v).unwrap_or_default();
    Ok((o.is_processed(), o.in_progress()))
}

/// Resolves an operation name or official alias to its canonical name.
#[pyfunction]
fn canonical_name(name: &str) -> Option<&'static str> {
    ops::find(name).map(|op| op.name)
}

/// Forwards gengo-core's `log` records to Python's `logging.getLogger("gengo_rs")`,
/// without configuring logging. Only gengo's own records are forwarded (never ureq's
/// trace dumps); gengo-core's messages never contain secrets.
struct PyLogger;

static LOGGER: PyLogger = PyLogger;
static LOGGER_SET: OnceLock<bool> = OnceLock::new();

/// The lowest Python logging level the `gengo_rs` logger is enabled for (10 debug ... 50
/// critical; above 50: off), as the Python side last reported it through
/// `set_log_level`. Read without the GIL, so a call whose records nobody wants never
/// re-takes the GIL mid-flight to ask `logging`.
static PY_LEVEL: AtomicU8 = AtomicU8::new(30);

fn py_level(level: log::Level) -> u8 {
    match level {
        log::Level::Error => 40,
        log::Level::Warn => 30,
        log::Level::Info => 20,
        log::Level::Debug | log::Level::Trace => 10,
    }
}

/// Tells the native module the `gengo_rs` logger's effective level (Python calls this
/// when the level it sees changes).
#[pyfunction]
fn set_log_level(level: i64) {
    PY_LEVEL.store(level.clamp(0, 255) as u8, Ordering::Relaxed);
}

impl log::Log for PyLogger {
    fn enabled(&self, meta: &log::Metadata<'_>) -> bool {
        meta.target().starts_with("gengo")
            && py_level(meta.level()) >= PY_LEVEL.load(Ordering::Relaxed)
    }
    fn log(&self, record: &log::Record<'_>) {
        if !self.enabled(record.metadata()) {
            return;
        }
        let level = py_level(record.level());
        let message = record.args().to_string();
        Python::attach(|py| {
            let _ = (|| -> PyResult<()> {
                let logger = py
                    .import("logging")?
                    .getattr("getLogger")?
                    .call1(("gengo_rs",))?;
                if logger
                    .call_method1("isEnabledFor", (level,))?
                    .extract::<bool>()?
                {
                    let kwargs = PyDict::new(py);
                    kwargs.set_item("stacklevel", 1)?;
                    logger.call_method("log", (level, "%s", message), Some(&kwargs))?;
                }
                Ok(())
            })();
        });
    }
    fn flush(&self) {}
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

//! Python objects to JSON values and back, and gengo-core's JSON events built straight
//! into Python objects (no JSON text either way).

use gengo_core::binding;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple};
use serde_json::{Map, Value};

/// A Python value as JSON, the way `json.dumps` with the package's `default` would
/// write it: `None`, bools, ints, floats, strings, dicts, lists and tuples as themselves;
/// path-like objects by their path; typed results by their `raw` dict; anything else by
/// its `str()` (decimals, enums). No JSON text is written or parsed.
pub(crate) fn py_to_value(obj: &Bound<'_, PyAny>) -> PyResult<Value> {
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
pub(crate) fn py_key(k: &Bound<'_, PyAny>) -> PyResult<String> {
    Ok(match k.cast::<PyString>() {
        Ok(s) => s.to_str()?.to_string(),
        Err(_) => k.str()?.to_string(),
    })
}

/// A JSON value as Python objects (dicts, lists, str, int, float, bool, None), built
/// once, in Rust.
pub(crate) fn value_to_py<'py>(py: Python<'py>, v: &Value) -> PyResult<Bound<'py, PyAny>> {
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

pub(crate) type Built<'py> = Bound<'py, PyAny>;

/// Object keys already made into Python strings during one conversion: a list of 10,000
/// jobs repeats the same 20 keys, so each is made (and hashed) once, as `json.loads` does.
#[derive(Default)]
pub(crate) struct Keys<'py>(std::cell::RefCell<foldhash::HashMap<Box<str>, Bound<'py, PyString>>>);

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
pub(crate) struct PySink<'py, 'k> {
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
pub(crate) fn build_py<'py>(
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
pub(crate) fn normalized_to_py<'py>(
    py: Python<'py>,
    n: &binding::Normalized,
) -> PyResult<Built<'py>> {
    build_py(py, |sink| {
        n.emit(sink);
        true
    })
}

/// The `response` of a clean success body (checked by gengo-core first) as Python
/// objects, built from gengo-core's events in one pass (`None` without a `response`).
pub(crate) fn response_to_py<'py>(py: Python<'py>, body: &[u8]) -> PyResult<Built<'py>> {
    build_py(py, |sink| binding::emit_response(body, sink).is_some())
}

pub(crate) fn parse_json(text: &str, what: &str) -> PyResult<Value> {
    serde_json::from_str(text)
        .map_err(|err| PyValueError::new_err(format!("{what} is not valid JSON: {err}")))
}

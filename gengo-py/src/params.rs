//! Python params read straight into gengo-core's request (an order streamed job by job).

use gengo_core::Error;
use gengo_core::binding;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyString};
use serde_json::{Map, Value};

use crate::convert::{py_key, py_to_value};
use crate::to_py_err;

/// What reading Python params can fail with: gengo-core's errors (raised as the matching
/// `gengo_rs.errors` class) or Python's own (an unsupported object, say).
pub(crate) enum ParamsError {
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
pub(crate) struct PyParams<'a, 'py>(&'a Bound<'py, PyAny>);

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
pub(crate) fn prepare(
    py: Python<'_>,
    operation: &str,
    params: &Bound<'_, PyAny>,
) -> PyResult<binding::Request> {
    binding::prepare(operation, PyParams(params)).map_err(|e| e.into_py(py))
}

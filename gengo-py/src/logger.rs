//! gengo-core's log records, forwarded to Python's `gengo_rs` logger.

use std::sync::OnceLock;
use std::sync::atomic::{AtomicU8, Ordering};

use pyo3::prelude::*;
use pyo3::types::PyDict;

/// Forwards gengo-core's `log` records to Python's `logging.getLogger("gengo_rs")`,
/// without configuring logging. Only gengo's own records are forwarded (never ureq's
/// trace dumps); gengo-core's messages never contain secrets.
pub(crate) struct PyLogger;

pub(crate) static LOGGER: PyLogger = PyLogger;

pub(crate) static LOGGER_SET: OnceLock<bool> = OnceLock::new();

/// The lowest Python logging level the `gengo_rs` logger is enabled for (10 debug ... 50
/// critical; above 50: off), as the Python side last reported it through
/// `set_log_level`. Read without the GIL, so a call whose records nobody wants never
/// re-takes the GIL mid-flight to ask `logging`.
pub(crate) static PY_LEVEL: AtomicU8 = AtomicU8::new(30);

pub(crate) fn py_level(level: log::Level) -> u8 {
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
pub(crate) fn set_log_level(level: i64) {
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

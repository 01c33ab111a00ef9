//! The sandbox clock: real speed, accelerated, or moving only when told.

use std::time::{Instant, SystemTime, UNIX_EPOCH};

/// How sandbox time passes.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum ClockMode {
    /// One sandbox second per real second.
    Real,
    /// `factor` sandbox seconds per real second.
    Fast(f64),
    /// Time moves only through [`SandboxClock::advance`] (the control API).
    Manual,
}

impl ClockMode {
    /// Reads `real`, `fast` (x100), `fast:N`, `manual`.
    pub fn parse(s: &str) -> Option<ClockMode> {
        match s {
            "real" => Some(ClockMode::Real),
            "manual" => Some(ClockMode::Manual),
            "fast" => Some(ClockMode::Fast(100.0)),
            other => {
                let f: f64 = other.strip_prefix("fast:")?.parse().ok()?;
                (f > 0.0 && f.is_finite()).then_some(ClockMode::Fast(f))
            }
        }
    }
}

/// Sandbox time in Unix milliseconds.
#[derive(Debug, Clone)]
pub struct SandboxClock {
    mode: ClockMode,
    start_real: Instant,
    start_ms: i64,
    advanced_ms: i64,
}

/// The wall clock in Unix seconds.
pub fn wall_secs() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}

impl SandboxClock {
    /// A clock starting at the current wall time.
    pub fn new(mode: ClockMode) -> Self {
        let start_ms = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_millis() as i64)
            .unwrap_or(0);
        SandboxClock {
            mode,
            start_real: Instant::now(),
            start_ms,
            advanced_ms: 0,
        }
    }

    /// The mode.
    pub fn mode(&self) -> ClockMode {
        self.mode
    }

    /// Now, in sandbox Unix milliseconds.
    pub fn now_ms(&self) -> i64 {
        let elapsed = self.start_real.elapsed().as_secs_f64() * 1000.0;
        let passed = match self.mode {
            ClockMode::Real => elapsed,
            ClockMode::Fast(f) => elapsed * f,
            ClockMode::Manual => 0.0,
        };
        self.start_ms + passed as i64 + self.advanced_ms
    }

    /// Now, in sandbox Unix seconds.
    pub fn now(&self) -> i64 {
        self.now_ms() / 1000
    }

    /// Moves sandbox time forward.
    pub fn advance(&mut self, seconds: f64) {
        self.advanced_ms += (seconds * 1000.0) as i64;
    }
}

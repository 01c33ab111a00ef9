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

impl std::fmt::Display for ClockMode {
    /// The spelling `parse` reads: `real`, `fast:N`, `manual`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ClockMode::Real => f.write_str("real"),
            ClockMode::Fast(n) => write!(f, "fast:{n}"),
            ClockMode::Manual => f.write_str("manual"),
        }
    }
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
                (f > 0.0 && f <= MAX_FAST_FACTOR).then_some(ClockMode::Fast(f))
            }
        }
    }
}

/// The fastest accelerated clock (`fast:N`): a sandbox day per real 86 ms.
pub const MAX_FAST_FACTOR: f64 = 1.0e6;
/// The most the clock may be moved forward in all (100 years), so sandbox time can
/// never overflow.
pub const MAX_ADVANCE_SECONDS: f64 = 100.0 * 365.25 * 86_400.0;

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
        // `as` saturates; the sums saturate too, so no input can overflow the clock.
        self.start_ms
            .saturating_add(passed as i64)
            .saturating_add(self.advanced_ms)
    }

    /// Now, in sandbox Unix seconds.
    pub fn now(&self) -> i64 {
        self.now_ms() / 1000
    }

    /// Moves sandbox time forward by `seconds` (finite, >= 0), refusing a move that
    /// would take the clock more than [`MAX_ADVANCE_SECONDS`] ahead in all.
    pub fn advance(&mut self, seconds: f64) -> Result<(), String> {
        let total = self.advanced_ms as f64 / 1000.0 + seconds;
        if !(seconds.is_finite() && seconds >= 0.0 && total <= MAX_ADVANCE_SECONDS) {
            return Err(format!(
                "seconds must be a number from 0 to {MAX_ADVANCE_SECONDS} (100 years in all)"
            ));
        }
        self.advanced_ms += (seconds * 1000.0) as i64;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn modes_print_as_they_parse() {
        for m in ["real", "fast:100", "fast:2.5", "manual"] {
            assert_eq!(ClockMode::parse(m).unwrap().to_string(), m);
        }
        assert_eq!(ClockMode::parse("fast").unwrap().to_string(), "fast:100");
    }
}

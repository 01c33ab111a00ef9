//! The client-side rate limit, shared by every clone of a client.

use std::sync::{Condvar, Mutex};
use std::time::{Duration, Instant};

use super::Deadline;
use crate::{Error, ErrorKind, Result};

/// A client-side limit of N requests in any 60-second window, shared by every clone of
/// a client, that a server with the same limit never contradicts.
///
/// The limiter holds N tokens. A request takes the token that frees first, and gives it
/// back when its answer has arrived (or the attempt failed): the token frees one window
/// (plus [`RATE_LIMIT_MARGIN`]) after that. A server counts a request when it arrives,
/// which is before the client has its answer, so two uses of one token always arrive a
/// full window apart there, and no window of the server's ever holds more than N
/// (counting from when a request was *sent* disagrees at the edge: a first request that
/// spent time connecting reaches the server later than a request sent 60 s after it on a
/// warm connection). A waiting call owns the token it waits for, so it is never
/// overtaken: it is sent at the time it was promised, or, when that time is after its
/// deadline, it fails at once (rate limited, with the wait as `retry_after`), never after
/// waiting. Waiting sleeps (never spins).
#[derive(Debug)]
pub struct RateLimiter {
    per_minute: usize,
    window: Duration,
    /// When each token frees: `Some(t)` idle from `t` on, `None` taken.
    tokens: Mutex<Vec<Option<Instant>>>,
    returned: Condvar,
}

/// What the client adds to its window: the server's clock may run a little fast, or count
/// a request when it has answered it.
pub const RATE_LIMIT_MARGIN: Duration = Duration::from_millis(500);

/// A token taken from a [`RateLimiter`]: given back, freeing one window later, when
/// dropped (after the attempt's answer, or its failure).
#[derive(Debug)]
pub(crate) struct Permit<'a> {
    limiter: &'a RateLimiter,
    index: usize,
}

impl Drop for Permit<'_> {
    fn drop(&mut self) {
        let mut tokens = self
            .limiter
            .tokens
            .lock()
            .unwrap_or_else(|p| p.into_inner());
        tokens[self.index] = Some(Instant::now() + self.limiter.window + RATE_LIMIT_MARGIN);
        drop(tokens);
        self.limiter.returned.notify_all();
    }
}

impl RateLimiter {
    /// A limiter allowing `per_minute` requests in any minute.
    pub fn new(per_minute: u32) -> Self {
        let n = per_minute.max(1) as usize;
        RateLimiter {
            per_minute: n,
            window: Duration::from_secs(60),
            tokens: Mutex::new(vec![Some(Instant::now()); n]),
            returned: Condvar::new(),
        }
    }

    fn refuse(&self, wait: Duration) -> Error {
        Error::new(
            ErrorKind::RateLimited,
            format!(
                "client-side rate limit of {} requests a minute: the next slot is in {wait:.1?}, after the call's deadline; nothing was sent",
                self.per_minute
            ),
        )
        .with_retry_after(Some(wait))
    }

    /// Waits for a token and returns it, or fails at once (rate limited, with the wait
    /// as `retry_after`) when the next free token comes after the call's deadline.
    pub(crate) fn acquire(&self, deadline: &Deadline) -> Result<Permit<'_>> {
        let mut tokens = self.tokens.lock().unwrap_or_else(|p| p.into_inner());
        loop {
            let remaining = deadline.remaining();
            let first = tokens
                .iter()
                .enumerate()
                .filter_map(|(i, t)| t.map(|t| (i, t)))
                .min_by_key(|(_, t)| *t);
            match first {
                Some((index, at)) => {
                    let wait = at.saturating_duration_since(Instant::now());
                    if !wait.is_zero() && wait >= remaining {
                        return Err(self.refuse(wait));
                    }
                    // Taken before sleeping: no other call can have it meanwhile.
                    tokens[index] = None;
                    drop(tokens);
                    let permit = Permit {
                        limiter: self,
                        index,
                    };
                    if !wait.is_zero() {
                        log::debug!("gengo: client-side rate limit, waiting {wait:?}");
                        std::thread::sleep(wait);
                    }
                    return Ok(permit);
                }
                None => {
                    // Every token is in use: none frees before a window from now.
                    let soonest = self.window + RATE_LIMIT_MARGIN;
                    if soonest >= remaining {
                        return Err(self.refuse(soonest));
                    }
                    tokens = self
                        .returned
                        .wait_timeout(tokens, remaining)
                        .unwrap_or_else(|p| p.into_inner())
                        .0;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rate_limiter_token_frees_a_window_after_its_answer() {
        let l = RateLimiter::new(3);
        let d = Deadline::after(Duration::from_secs(120));
        let permits: Vec<_> = (0..3).map(|_| l.acquire(&d).unwrap()).collect();
        // Every token in use, a 10 s deadline: refused at once, never after waiting.
        let short = Deadline::after(Duration::from_secs(10));
        let t = Instant::now();
        let e = l.acquire(&short).unwrap_err();
        assert!(t.elapsed() < Duration::from_secs(1));
        assert_eq!(e.kind(), ErrorKind::RateLimited);
        assert!(e.retry_after().unwrap() >= Duration::from_secs(60));
        let answered = Instant::now();
        drop(permits);
        let free = *l.tokens.lock().unwrap().iter().flatten().min().unwrap();
        assert!(free >= answered + Duration::from_secs(60) + RATE_LIMIT_MARGIN);
        // Still refused at once: the freed tokens come after a 10 s deadline.
        assert!(l.acquire(&short).is_err());
    }
}

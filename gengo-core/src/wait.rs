//! Waiting for an order: the one polling rule every binding and `gengo watch` share.
//!
//! An order is done waiting when [`Order::in_progress`] is false: nothing is queued,
//! available, pending or revising (reviewable jobs wait for you, not for Gengo). The
//! interval follows Gengo's guidance against Gengo's own hosts (no more than once every
//! 30 minutes; callbacks are the better way there) and is short against any other host,
//! such as a local `gengo sandbox`.
//!
//! Waiting never orders anything, so it can never pay twice. What can pay twice is
//! ordering again because a wait or a call timed out: an order that reached Gengo stays
//! placed even if its answer was lost. Gengo refuses an identical payload within five
//! minutes (error 1754), but not a changed one, and not after five minutes. gengo-rs
//! never retries an order itself (POST is retried only when the connection was refused,
//! so nothing reached the server); after a timeout, look the order up (`list_jobs` with
//! `timestamp_after`, your `custom_data` marker) before ordering again.

use std::time::{Duration, Instant};

use crate::Result;
use crate::client::Client;
use crate::config::Config;
use crate::models::Order;

/// Gengo's polling guidance for its own hosts.
pub const GENGO_POLL_INTERVAL: Duration = Duration::from_secs(30 * 60);
/// The interval against any other host (a local sandbox).
pub const LOCAL_POLL_INTERVAL: Duration = Duration::from_millis(500);

/// How long and how often [`Client::wait_for_order`] polls.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Wait {
    /// Give up (returning the order as it then stands) after this long.
    pub timeout: Duration,
    /// Time between polls; `None`: [`default_interval`] for the client's host.
    pub interval: Option<Duration>,
}

impl Default for Wait {
    fn default() -> Self {
        Wait {
            timeout: Duration::from_secs(3600),
            interval: None,
        }
    }
}

impl Wait {
    /// Waits at most `timeout`, at the default interval.
    pub fn up_to(timeout: Duration) -> Self {
        Wait {
            timeout,
            interval: None,
        }
    }
    /// Polls every `interval`.
    pub fn every(mut self, interval: Duration) -> Self {
        self.interval = Some(interval);
        self
    }
}

/// The polling interval for a config: [`GENGO_POLL_INTERVAL`] against Gengo's hosts,
/// [`LOCAL_POLL_INTERVAL`] against any other.
pub fn default_interval(config: &Config) -> Duration {
    if config.is_gengo_host() {
        GENGO_POLL_INTERVAL
    } else {
        LOCAL_POLL_INTERVAL
    }
}

impl Client {
    /// Polls an order until no job waits for Gengo or a translator, or until
    /// `wait.timeout`; returns the order as last seen (check [`Order::in_progress`] to
    /// tell the two apart). `on_poll` sees every poll (for progress output). Errors of
    /// the calls themselves end the wait.
    pub fn wait_for_order(
        &self,
        order_id: u64,
        wait: &Wait,
        mut on_poll: impl FnMut(&Order),
    ) -> Result<Order> {
        let interval = wait
            .interval
            .unwrap_or_else(|| default_interval(self.config()))
            .max(Duration::from_millis(10));
        let started = Instant::now();
        loop {
            let order = self.get_order(order_id)?;
            on_poll(&order);
            let left = wait.timeout.saturating_sub(started.elapsed());
            if !order.in_progress() || left.is_zero() {
                return Ok(order);
            }
            std::thread::sleep(interval.min(left));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{PRODUCTION_URL, SANDBOX_URL};

    #[test]
    fn gengo_hosts_are_polled_as_gengo_asks() {
        let c = |u: &str| Config::builder().base_url(u).build().unwrap();
        assert_eq!(default_interval(&c(PRODUCTION_URL)), GENGO_POLL_INTERVAL);
        assert_eq!(default_interval(&c(SANDBOX_URL)), GENGO_POLL_INTERVAL);
        assert_eq!(
            default_interval(&c("http://127.0.0.1:8290")),
            LOCAL_POLL_INTERVAL
        );
        assert!(c("https://API.gengo.com/").is_gengo_host());
        assert!(!c("http://gengo.com.example.org").is_gengo_host());
        assert!(!c("http://127.0.0.1:8290").is_gengo_host());
        assert!(c("https://sandbox.gengo.com:443/{version}").is_gengo_host());
        assert!(c("https://api.gengo.com./").is_gengo_host());
        assert!(!c("https://notgengo.com").is_gengo_host());
        assert!(!c("https://api.gengo.com.evil.example").is_gengo_host());
    }
}

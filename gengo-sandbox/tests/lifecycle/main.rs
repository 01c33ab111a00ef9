//! gengo-core against the sandbox over loopback: the whole ordering lifecycle.

#[path = "../common/mod.rs"]
mod common;

use common::*;
use gengo_core::models::{JobStatus, Tier};
use gengo_core::requests::*;
use gengo_core::{CallbackEvent, Client, Decimal, ErrorKind};
use gengo_sandbox::Sandbox;
use serde_json::json;

mod actions;
mod files;
mod flow;

fn dec(s: &str) -> Decimal {
    s.parse().unwrap()
}

/// Lets `seconds` of sandbox time pass (translators work), then gives the order's first
/// reviewable job.
fn first_reviewable_after(sb: &Sandbox, client: &Client, order_id: u64, seconds: f64) -> u64 {
    advance(sb, seconds);
    client.get_order(order_id).unwrap().jobs_reviewable.unwrap()[0]
}

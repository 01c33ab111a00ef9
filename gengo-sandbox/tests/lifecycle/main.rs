//! gengo-core against the sandbox over loopback: the whole ordering lifecycle.

#[path = "../common/mod.rs"]
mod common;

use common::*;
use gengo_core::models::{JobStatus, Tier};
use gengo_core::requests::*;
use gengo_core::{CallbackEvent, Decimal, ErrorKind};
use serde_json::json;

mod actions;
mod files;
mod flow;

fn dec(s: &str) -> Decimal {
    s.parse().unwrap()
}

//! # gengo-core
//!
//! A typed, safe, synchronous client for the [Gengo Translate API] (v2, and the
//! legacy v1.1 calls).
//!
//! - **One operation table** ([`ops::OPERATIONS`], rows of [`operation::Operation`])
//!   drives the typed methods and the JSON dispatcher [`Client::call`].
//! - **One door for bindings** ([`binding`]): the C ABI and Python prepare a call from
//!   their own params ([`binding::prepare`]) and [`Client::send`] it; the row decides
//!   whether params stream.
//! - **Exact wire format** ([`wire`]): values encoded once, nothing dropped, file names
//!   without local paths, compact `data` JSON, signatures over `ts` only.
//! - **Lenient, lossless models** ([`models`]): ids, counts, money and flags read from
//!   numbers or strings, money as exact decimals, unknown fields kept.
//! - **Errors that lose nothing** ([`Error`]): code, message, HTTP status, every per-job
//!   error, with a stable [`ErrorKind`].
//! - **Validation before sending** ([`validate`]): no credits spent on input that can
//!   be rejected locally.
//! - **Safe transport**: keep-alive, connect and whole-call deadlines, verified TLS on
//!   every method, same-origin redirects only, bounded bodies, retries only where they
//!   cannot double an order, a shared client-side rate limit.
//! - **Callbacks** ([`callback`]) and **unit counting** ([`units`]).
//!
//! ```no_run
//! use gengo_core::{Client, Config, models::Tier, requests::{NewJob, OrderRequest}};
//!
//! let client = Client::new(Config::from_env()?);
//! let order = OrderRequest::new([(
//!     "greeting",
//!     NewJob::text("Hello, world", "en", "ja", Tier::Standard).custom_data("row-17"),
//! )]);
//! let receipt = client.order_jobs(&order)?;
//! println!("order {:?} cost {:?}", receipt.order_id, receipt.credits_used);
//! # Ok::<(), gengo_core::Error>(())
//! ```
//!
//! [Gengo Translate API]: https://developers.gengo.com/v2/
//!
//! # Layout
//!
//! The public API is [`Client`] (typed methods, [`Client::call`], [`Client::call_raw`]),
//! [`Config`], [`Error`], the [`models`] and [`requests`], [`callback`] and [`wait`], and
//! the [`binding`] door. The table ([`ops`], [`operation`]) is public so that bindings and
//! tools read it. The machinery below is public only for the sandbox, the fuzzers and the
//! benchmarks, which check it piece by piece: [`wire`] (requests), [`transport`],
//! [`envelope`] and [`normal`] (responses), [`lenient`] (reading values), [`validate`],
//! [`signing`], [`units`].

#![warn(missing_docs)]

pub mod binding;
pub mod callback;
pub mod client;
pub mod config;
pub mod envelope;
pub mod error;
mod fields;
pub mod lenient;
pub mod models;
pub mod normal;
pub mod operation;
pub mod ops;
pub mod requests;
pub mod signing;
pub mod transport;
pub mod units;
pub mod validate;
pub mod wait;
pub mod wire;

pub use callback::{CallbackEvent, parse_callback};
pub use client::{Client, Output};
pub use config::{ApiVersion, Clock, Config, ConfigBuilder, RetryPolicy};
pub use error::{Error, ErrorKind, JobError, Result};
pub use normal::Normalized;
pub use rust_decimal::Decimal;
pub use wait::Wait;

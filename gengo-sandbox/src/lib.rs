//! # gengo-sandbox
//!
//! A faithful local Gengo API server, so users and tests run the whole ordering flow
//! offline: every operation of gengo-core's table under `/v2/` (legacy ones under
//! `/v1.1/`), real state, the documented rules and error codes, simulated translators
//! on a sandbox clock, callbacks with retries, and a control API under `/_sandbox/`.
//!
//! ```no_run
//! use gengo_sandbox::{Options, Sandbox};
//! let sandbox = Sandbox::start("127.0.0.1:0", Options::default())?;
//! let (public, private) = gengo_sandbox::State::demo_keys();
//! println!("GENGO_BASE_URL={} GENGO_PUBLIC_KEY={public} GENGO_PRIVATE_KEY=...", sandbox.url());
//! # let _ = private;
//! # Ok::<(), std::io::Error>(())
//! ```
//!
//! Where Gengo's public documents disagree, the sandbox follows the Decisions table of
//! the project's specification (`shared/spec/gengo-api.md`); `README.md` in this crate
//! lists the behaviour and the control API.

#![warn(missing_docs)]

pub mod catalogue;
pub mod clock;
pub mod options;
pub mod receiver;
mod server;
pub mod state;
pub mod xml;

pub use clock::ClockMode;
pub use options::{Options, Pace, Profile};
pub use receiver::CallbackReceiver;
pub use server::{CONTROL_DOC, Sandbox, control};
pub use state::State;

//! One module per group of commands; each command is its own `Args` struct with a `run`.

pub mod account;
pub mod jobs;
pub mod local;
pub mod orders;
pub mod table;

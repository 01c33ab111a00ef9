//! What can go wrong in gengo-sync.

use std::fmt;

/// What can go wrong.
#[derive(Debug)]
pub enum Error {
    /// Bad input: the config, a source file, a target path. Nothing was ordered.
    Input(String),
    /// A run that must not order, and says why (the project identity changed, an earlier
    /// order of the same strings is still being created by Gengo). Nothing was ordered.
    Refused(String),
    /// Gengo (or the network) said no; see the core error's kind and code.
    Api(gengo_core::Error),
    /// The local cache (`.gengo/`).
    State(rusqlite::Error),
}

impl Error {
    /// A bad-input error.
    pub fn input(m: impl Into<String>) -> Error {
        Error::Input(m.into())
    }

    /// A refusal to order.
    pub fn refused(m: impl Into<String>) -> Error {
        Error::Refused(m.into())
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Input(m) | Error::Refused(m) => f.write_str(m),
            Error::Api(e) => write!(f, "{e}"),
            Error::State(e) => write!(f, "local cache (.gengo/): {e}"),
        }
    }
}

impl std::error::Error for Error {}

impl From<gengo_core::Error> for Error {
    fn from(e: gengo_core::Error) -> Error {
        Error::Api(e)
    }
}

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Error {
        Error::State(e)
    }
}

/// A gengo-sync result.
pub type Result<T> = std::result::Result<T, Error>;

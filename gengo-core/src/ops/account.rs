//! The account's rows: statistics, balance, details, preferred translators.

use super::*;
use crate::models;
use crate::validate;

/// `account_stats`.
pub const ACCOUNT_STATS: Operation = Operation {
    name: "account_stats",
    alias: Some("getAccountStats"),
    method: Method::Get,
    path: "account/stats",
    signed: true,
    legacy: false,
    action: None,
    params: &[],
    renames: &[],
    validate: validate::none,
    uploads: Uploads::None,
    streams: false,
    unwrap: None,
    result: one::<models::AccountStats>(),
    response: ResponseKind::Json(typed::<models::AccountStats>()),
    doc: "Account statistics: credits spent, customer since.",
};

/// `account_balance`.
pub const ACCOUNT_BALANCE: Operation = Operation {
    name: "account_balance",
    alias: Some("getAccountBalance"),
    method: Method::Get,
    path: "account/balance",
    signed: true,
    legacy: false,
    action: None,
    params: &[],
    renames: &[],
    validate: validate::none,
    uploads: Uploads::None,
    streams: false,
    unwrap: None,
    result: one::<models::Balance>(),
    response: ResponseKind::Json(typed::<models::Balance>()),
    doc: "Credits available.",
};

/// `account_me`.
pub const ACCOUNT_ME: Operation = Operation {
    name: "account_me",
    alias: Some("getAccountMe"),
    method: Method::Get,
    path: "account/me",
    signed: true,
    legacy: false,
    action: None,
    params: &[],
    renames: &[],
    validate: validate::none,
    uploads: Uploads::None,
    streams: false,
    unwrap: None,
    result: one::<models::Me>(),
    response: ResponseKind::Json(typed::<models::Me>()),
    doc: "The account's own details.",
};

/// `preferred_translators`.
pub const PREFERRED_TRANSLATORS: Operation = Operation {
    name: "preferred_translators",
    alias: Some("getPreferredTranslators"),
    method: Method::Get,
    path: "account/preferred_translators",
    signed: true,
    legacy: false,
    action: None,
    params: &[],
    renames: &[],
    validate: validate::none,
    uploads: Uploads::None,
    streams: false,
    unwrap: None,
    result: list::<models::PreferredTranslators>(),
    response: ResponseKind::Json(typed::<Vec<models::PreferredTranslators>>()),
    doc: "Preferred translators by pair and tier.",
};

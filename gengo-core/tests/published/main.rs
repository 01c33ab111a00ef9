//! Every published body in `tests/fixtures/` (a copy of `shared/fixtures/`) decodes,
//! with its values checked, and normalising it loses no key the server sent.

use std::path::PathBuf;

use gengo_core::models::*;
use gengo_core::{ErrorKind, envelope, lenient::Lenient, ops, wire};
use serde_json::{Value, json};

mod models;
mod requests;
mod responses;

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn load(name: &str) -> Value {
    let text = std::fs::read_to_string(dir().join(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// The payload of a response fixture.
fn response(name: &str) -> Value {
    let bytes = std::fs::read(dir().join(name)).unwrap();
    envelope::decode(200, &bytes, None).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn sorted(v: &Value) -> Vec<(String, Value)> {
    let mut m: Vec<_> = v.as_object().unwrap().clone().into_iter().collect();
    m.sort_by(|x, y| x.0.cmp(&y.0));
    m
}

fn op_for(file: &str) -> &'static str {
    let stem = file.split("__").next().unwrap();
    match stem {
        "account_balance" => "account_balance",
        "account_me" => "account_me",
        "account_preferred_translators" => "preferred_translators",
        "account_stats" => "account_stats",
        "translate_glossary_get" => "glossaries",
        "translate_glossary_id_get" => "get_glossary",
        "translate_job_comment_post" => "post_job_comment",
        "translate_job_comments_get" => "job_comments",
        "translate_job_delete" => "cancel_job",
        "translate_job_feedback_get" => "job_feedback",
        "translate_job_get" => "get_job",
        "translate_job_put" => "update_job",
        "translate_job_revision_get" => "job_revision",
        "translate_job_revisions_get" => "job_revisions",
        "translate_jobs_get" => "list_jobs",
        "translate_jobs_ids_get" => "get_jobs",
        "translate_jobs_post" => "order_jobs",
        "translate_jobs_put" => "update_jobs",
        "translate_order_comment_post" => "post_order_comment",
        "translate_order_delete" => "cancel_order",
        "translate_order_get" => "get_order",
        "translate_service_language_pairs_get" => "language_pairs",
        "translate_service_languages_get" => "languages",
        "translate_service_quote_file_post" | "translate_service_quote_post" => "quote",
        other => panic!("no operation for fixture {other}"),
    }
}

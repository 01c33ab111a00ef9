//! The sandbox answers the official clients as Gengo does: single-job grouping, forced
//! re-orders, file jobs ordered by their quote's identifier, and translators that wait
//! to be told (Gengo's real sandbox). Each case: the request in, the fields out.

mod common;

use common::*;
use gengo_core::models::{JobStatus, Tier};
use gengo_core::requests::{NewJob, OrderRequest};
use serde_json::{Value, json};

fn post_jobs(sb: &gengo_sandbox::Sandbox, data: &Value) -> Value {
    let mut pairs = auth_pairs();
    pairs.push(("data".into(), data.to_string()));
    raw(
        sb,
        "POST",
        "/v2/translate/jobs",
        Some("application/x-www-form-urlencoded"),
        encode(&pairs).as_bytes(),
    )
    .2
}

#[test]
fn one_job_with_as_group_is_ordered_and_mixed_pairs_still_refused() {
    let (sb, _) = start();
    let v = post_jobs(
        &sb,
        &json!({"jobs": {"job_1": {"body_src": "one", "lc_src": "en", "lc_tgt": "ja", "tier": "standard"}}, "as_group": 1}),
    );
    assert_eq!(v["opstat"], "ok", "{v}");
    assert_eq!(v["response"]["job_count"], 1);
    assert!(
        v["response"].get("group_id").is_none(),
        "one job is no group"
    );
    let v = post_jobs(
        &sb,
        &json!({"jobs": {
            "a": {"body_src": "x", "lc_src": "en", "lc_tgt": "ja", "tier": "standard"},
            "b": {"body_src": "y", "lc_src": "en", "lc_tgt": "ja", "tier": "pro"}}, "as_group": 1}),
    );
    assert_eq!(v["err"]["code"], 1950, "{v}");
}

#[test]
fn force_on_every_job_bypasses_the_duplicate_payload_rule() {
    let (sb, _) = start();
    let forced = json!({"jobs": {"a": {"body_src": "again", "lc_src": "en", "lc_tgt": "ja", "tier": "standard", "force": 1}}});
    assert_eq!(post_jobs(&sb, &forced)["opstat"], "ok");
    let v = post_jobs(&sb, &forced);
    assert_eq!(v["opstat"], "ok", "seconds apart, forced: {v}");
    // Without force the rule stands.
    let plain = json!({"jobs": {"a": {"body_src": "plain", "lc_src": "en", "lc_tgt": "ja", "tier": "standard"}}});
    assert_eq!(post_jobs(&sb, &plain)["opstat"], "ok");
    assert_eq!(post_jobs(&sb, &plain)["err"]["code"], 1754);
    // Nor does force on only some of the jobs.
    let some = json!({"jobs": {
        "a": {"body_src": "p", "lc_src": "en", "lc_tgt": "ja", "tier": "standard", "force": 1},
        "b": {"body_src": "q", "lc_src": "en", "lc_tgt": "ja", "tier": "standard"}}});
    assert_eq!(post_jobs(&sb, &some)["opstat"], "ok");
    assert_eq!(post_jobs(&sb, &some)["err"]["code"], 1754);
}

#[test]
fn a_file_job_takes_pair_and_tier_from_its_quote() {
    let (sb, client) = start();
    let dir = std::env::temp_dir().join(format!("gengo-sb-fidelity-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let txt = dir.join("menu.txt");
    std::fs::write(&txt, "Soup of the day").unwrap();
    let quote = client
        .quote(&[(
            "f".to_string(),
            NewJob::file_to_quote(&txt, "en", "fr", Tier::Pro),
        )])
        .unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
    let id = quote
        .jobs
        .unwrap()
        .0
        .get("f")
        .unwrap()
        .identifier
        .clone()
        .unwrap();
    // Only type and identifier, as the payload docs require.
    let v = post_jobs(
        &sb,
        &json!({"jobs": {"f": {"type": "file", "identifier": id}}}),
    );
    assert_eq!(v["opstat"], "ok", "{v}");
    let order = v["response"]["order_id"].as_u64().unwrap();
    advance(&sb, 400.0);
    let o = client.get_order(order).unwrap();
    let job_id = o
        .jobs_available
        .into_iter()
        .chain(o.jobs_pending)
        .chain(o.jobs_reviewable)
        .flatten()
        .next()
        .unwrap();
    let job = client.get_job(job_id).unwrap();
    assert_eq!(
        (job.lc_src.as_deref(), job.lc_tgt.as_deref(), job.tier),
        (Some("en"), Some("fr"), Some(Tier::Pro))
    );
    // A value that contradicts the quote is an error naming the job.
    let v = post_jobs(
        &sb,
        &json!({"jobs": {"f": {"type": "file", "identifier": id, "tier": "standard", "force": 1}}}),
    );
    assert_eq!(v["err"]["f"][0]["code"], 1304, "{v}");
    let v = post_jobs(
        &sb,
        &json!({"jobs": {"f": {"type": "file", "identifier": id, "lc_tgt": "ja", "force": 1}}}),
    );
    assert_eq!(v["err"]["f"][0]["code"], 1551, "{v}");
}

#[test]
fn manual_translators_leave_jobs_available_until_told() {
    let (sb, client) = start_with(gengo_sandbox::Options {
        manual_translators: true,
        ..gengo_sandbox::Options::for_tests()
    });
    let r = client
        .order_jobs(&OrderRequest::new([(
            "a",
            NewJob::text("wait for me", "en", "ja", Tier::Standard),
        )]))
        .unwrap();
    // A whole sandbox week later the job is still waiting for a translator.
    advance(&sb, 7.0 * 86_400.0);
    let o = client.get_order(r.order_id.unwrap()).unwrap();
    let id = o.jobs_available.unwrap()[0];
    assert_eq!(
        client.get_job(id).unwrap().status,
        Some(JobStatus::Available)
    );
    // The control API moves it on, and it stays where it is put.
    for status in ["pending", "reviewable"] {
        let (code, _, v) = raw(
            &sb,
            "POST",
            &format!("/_sandbox/jobs/{id}/status"),
            Some("application/json"),
            json!({"status": status}).to_string().as_bytes(),
        );
        assert_eq!(code, 200, "{v}");
        advance(&sb, 86_400.0);
        assert_eq!(client.get_job(id).unwrap().status.unwrap().as_str(), status);
    }
    client
        .approve_job(id, &gengo_core::requests::Approval::rated(5))
        .unwrap();
    assert_eq!(
        client.get_job(id).unwrap().status,
        Some(JobStatus::Approved)
    );
}

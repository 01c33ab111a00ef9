//! What the typed models read from the published bodies, spelling by spelling.

use super::*;

#[test]
fn job_decodes_from_strings_and_from_numbers_alike() {
    let a: JobEnvelope = decode(&response("translate_job_get__docs2014.json"), "job").unwrap();
    let b: JobEnvelope = decode(&response("translate_job_get__docs_later.json"), "job").unwrap();
    let (a, b) = (a.job.unwrap(), b.job.unwrap());
    for j in [&a, &b] {
        assert_eq!(j.job_id, Some(384985));
        assert_eq!(j.order_id, Some(54632));
        assert_eq!(j.unit_count, Some(1));
        assert_eq!(j.credits.unwrap().to_string(), "0.05");
        assert_eq!(j.auto_approve, Some(false));
        assert_eq!(j.status, Some(JobStatus::Available));
        assert_eq!(j.tier, Some(Tier::Standard));
        assert_eq!(j.eta, Some(25056));
        assert_eq!(j.ctime.as_ref().and_then(|t| t.epoch()), Some(1313475693));
        assert_eq!(j.body_tgt.as_deref(), Some("これはテキストです。"));
        assert_eq!(j.callback_url.as_deref(), Some("http://gengo.callback/"));
    }
    assert_eq!(b.file_download_ready, Some(false));
    assert!(a.extra.is_empty(), "{:?}", a.extra);
    // Normalised JSON: integers, decimal strings, booleans.
    let n = a.to_json();
    assert_eq!(n["job_id"], json!(384985));
    assert_eq!(n["unit_count"], json!(1));
    assert_eq!(n["credits"], json!("0.05"));
    assert_eq!(n["auto_approve"], json!(false));
    // Both wire forms normalise to the same JSON (key order aside).
    let mut later = b.to_json();
    later
        .as_object_mut()
        .unwrap()
        .shift_remove("file_download_ready");
    assert_eq!(sorted(&n), sorted(&later));
}

#[test]
fn job_batch_keeps_custom_data_and_flags() {
    let l: JobList = decode(&response("translate_jobs_ids_get__docs2014.json"), "jobs").unwrap();
    let jobs = l.jobs.unwrap();
    assert_eq!(jobs.len(), 2);
    assert_eq!(jobs[0].job_id, Some(1));
    assert_eq!(jobs[1].unit_count, Some(7));
    assert_eq!(jobs[1].credits.unwrap().to_string(), "0.35");
    assert_eq!(jobs[0].auto_approve, Some(true));
    assert_eq!(jobs[0].custom_data.as_deref(), Some("{internal_id: 2311}"));
    assert_eq!(jobs[0].lc_tgt.as_deref(), Some("jp"));
}

#[test]
fn order_receipts_in_all_four_variants() {
    let r: OrderReceipt =
        decode(&response("translate_jobs_post__all_new_docs2014.json"), "r").unwrap();
    assert_eq!(r.order_id, Some(139370));
    assert_eq!(r.job_count, Some(10));
    assert_eq!(r.group_id, Some(132105));
    assert_eq!(r.credits_used.unwrap().to_string(), "100.45");
    assert_eq!(r.currency.as_deref(), Some("USD"));
    assert!(r.jobs.is_none());

    let r: OrderReceipt =
        decode(&response("translate_jobs_post__all_old_docs2014.json"), "r").unwrap();
    assert_eq!(r.order_id, Some(754511));
    assert_eq!(r.job_count, Some(2));
    let Some(ReceiptJobs::Keyed(k)) = &r.jobs else {
        panic!("{:?}", r.jobs)
    };
    assert_eq!(k.keys().collect::<Vec<_>>(), ["job_1", "job_2"]);
    let old = &k.get("job_2").unwrap()[0];
    assert_eq!(old.job_id, Some(1821444));
    assert_eq!(old.body_tgt.as_deref(), Some("Troisieme"));
    assert_eq!(old.status, Some(JobStatus::Reviewable));
    assert_eq!(old.eta, Some(-1));

    let r: OrderReceipt = decode(
        &response("translate_jobs_post__repeated_in_payload_docs2014.json"),
        "r",
    )
    .unwrap();
    let Some(ReceiptJobs::List(l)) = &r.jobs else {
        panic!()
    };
    assert_eq!(l.len(), 2);
    assert_eq!(l[1][0].mt, Some(true));
    assert_eq!(l[0][0].job_id, Some(1087795));
    assert_eq!(r.credits_used.unwrap().to_string(), "0.10");

    let r: OrderReceipt = decode(
        &response("translate_jobs_post__mix_new_old_docs2014.json"),
        "r",
    )
    .unwrap();
    assert_eq!(r.order_id, Some(754513));
    let Some(ReceiptJobs::Keyed(k)) = &r.jobs else {
        panic!()
    };
    assert_eq!(k.len(), 1);

    let r: OrderReceipt = decode(
        &response("translate_jobs_post__first_steps_docs2014.json"),
        "r",
    )
    .unwrap();
    assert_eq!((r.order_id, r.job_count), (Some(109655), Some(3)));

    // The 2012 form: {"duplicate": "job_1", "custom_data": ""}.
    let r = OrderReceipt::from_json(
        &json!({"jobs": {"job_2": {"duplicate": "job_1", "custom_data": ""}}, "order_id": 5}),
    )
    .unwrap();
    let Some(ReceiptJobs::Keyed(k)) = &r.jobs else {
        panic!()
    };
    assert_eq!(
        k.get("job_2").unwrap()[0].extra["duplicate"],
        json!("job_1")
    );
}

#[test]
fn orders_with_every_list() {
    for f in [
        "translate_order_get__docs2014.json",
        "translate_order_get__docs_later.json",
        "translate_order_get__docs_later_without_cancelled_held.json",
        "translate_order_get__first_steps_docs2014.json",
    ] {
        let o: OrderEnvelope = decode(&response(f), "order").unwrap();
        let o = o.order.unwrap();
        assert_eq!(o.order_id, Some(232), "{f}");
        assert_eq!(o.total_credits.unwrap().to_string(), "0.30");
        assert_eq!(o.total_units, Some(6));
        assert_eq!(o.total_jobs, Some(3));
        assert!(o.is_processed());
        assert_eq!(
            o.jobs_available.as_deref(),
            Some(&[243646, 243647, 243645][..])
        );
        assert_eq!(o.jobs_pending.as_deref(), Some(&[][..]));
        assert_eq!(o.job_ids(), vec![243646, 243647, 243645]);
    }
    let o: OrderEnvelope = decode(
        &response("translate_order_delete__docs_later.json"),
        "order",
    )
    .unwrap();
    let o = o.order.unwrap();
    assert_eq!(
        o.jobs_cancelled.as_deref(),
        Some(&[243646, 243647, 243645][..])
    );
    assert_eq!(o.jobs_reviewable.as_deref(), Some(&[243648][..]));
    assert_eq!(o.total_units, Some(10));
    assert!(
        !o.in_progress(),
        "cancelled and reviewable jobs wait for nobody at Gengo"
    );
    let queued = Order::from_json(&json!({"jobs_queued": 2})).unwrap();
    assert!(queued.in_progress());
    let revising = Order::from_json(&json!({"jobs_queued": "0", "jobs_revising": ["7"]})).unwrap();
    assert!(revising.in_progress());
    // jobs_queued as a list of ids (gengo.com visual guide) is kept, not an error.
    let o = Order::from_json(&json!({"jobs_queued": ["1", "2"]})).unwrap();
    assert_eq!(o.jobs_queued, None);
    assert_eq!(o.extra["jobs_queued"], json!(["1", "2"]));
}

#[test]
fn account_fixtures() {
    let b: Balance = decode(&response("account_balance__docs2014.json"), "b").unwrap();
    assert_eq!(b.credits.unwrap().to_string(), "25.32");
    assert_eq!(b.currency.as_deref(), Some("USD"));
    for f in [
        "account_stats__docs2014.json",
        "account_stats__docs_later.json",
    ] {
        let s: AccountStats = decode(&response(f), "s").unwrap();
        assert_eq!(s.credits_spent.unwrap().to_string(), "1023.31", "{f}");
        assert_eq!(s.user_since.unwrap().epoch(), Some(1234089500));
    }
    let s: AccountStats = decode(&response("account_stats__docs_later.json"), "s").unwrap();
    assert_eq!(s.billing_type.as_deref(), Some("Pre-pay"));
    assert_eq!(s.customer_type.as_deref(), Some("Retail"));
    let m: Me = decode(&response("account_me__docs_later.json"), "me").unwrap();
    assert_eq!(m.email.as_deref(), Some("john@gengo.com"));
    assert_eq!(m.display_name.as_deref(), Some("johnny"));
    let p: Vec<PreferredTranslators> = decode(
        &response("account_preferred_translators__docs2014.json"),
        "p",
    )
    .unwrap();
    assert_eq!(p.len(), 2);
    assert_eq!(p[1].tier, Some(Tier::Pro));
    let t = &p[0].translators.as_ref().unwrap()[0];
    assert_eq!((t.id, t.number_of_jobs), (Some(8596), Some(5)));
    assert_eq!(t.last_login.as_ref().unwrap().epoch(), Some(1375824155));
}

#[test]
fn service_fixtures() {
    for f in [
        "translate_service_languages_get__docs2014.json",
        "translate_service_languages_get__docs_later.json",
    ] {
        let l: Vec<Language> = decode(&response(f), "l").unwrap();
        assert_eq!(l.len(), 3);
        assert_eq!(l[1].lc.as_deref(), Some("ja"));
        assert_eq!(l[1].unit_type, Some(UnitType::Character));
        assert_eq!(l[2].localized_name.as_deref(), Some("Español"));
    }
    let a: Vec<LanguagePair> = decode(
        &response("translate_service_language_pairs_get__docs2014.json"),
        "p",
    )
    .unwrap();
    let b: Vec<LanguagePair> = decode(
        &response("translate_service_language_pairs_get__docs_later.json"),
        "p",
    )
    .unwrap();
    assert_eq!(a[0].unit_price, b[0].unit_price);
    assert_eq!(a[1].unit_price.unwrap().to_string(), "0.1000");
    assert_eq!(b[1].unit_price.unwrap(), "0.1".parse().unwrap());
    assert_eq!(a[2].tier, Some(Tier::Ultra));
    let m: Vec<LanguagePair> = decode(
        &response("translate_service_language_pairs_get__first_steps_docs2014.json"),
        "p",
    )
    .unwrap();
    assert_eq!(m[0].tier, Some(Tier::Machine));
    assert!(m[0].unit_price.unwrap().is_zero());
    assert_eq!(m.len(), 8);
}

#[test]
fn quotes_in_object_and_array_form_with_per_job_errors() {
    let q: Quote = decode(
        &response("translate_service_quote_post__text_docs2014.json"),
        "q",
    )
    .unwrap();
    let jobs = q.jobs.unwrap().0;
    let j1 = jobs.get("job_1").unwrap();
    assert_eq!(j1.unit_count, Some(324));
    assert_eq!(j1.credits.unwrap().to_string(), "16.2");
    assert_eq!(j1.eta, Some(45198));
    assert_eq!(j1.lc_src_detected.as_deref(), Some("en"));
    assert_eq!(
        jobs.get("job_2").unwrap().credits.unwrap(),
        "4.20".parse().unwrap()
    );

    let q: Quote = decode(
        &response("translate_service_quote_file_post__files_with_error_docs2014.json"),
        "q",
    )
    .unwrap();
    let jobs = q.jobs.unwrap().0;
    assert_eq!(jobs.get("job_1").unwrap().order_id, Some(54632));
    assert_eq!(
        jobs.get("job_2")
            .unwrap()
            .identifier
            .as_deref()
            .map(str::len),
        Some(64)
    );
    let err = jobs.get("job_3").unwrap().err.as_ref().unwrap();
    assert_eq!(err.code, Some(1802));
    assert_eq!(err.filename.as_deref(), Some("file_path.foo"));
    assert_eq!(err.key.as_deref(), Some("job_3"));

    // D9: the old array of single-key objects reads into the same keyed form.
    let old = json!({"jobs": [{"job_1": {"unit_count": "5", "credits": "0.25"}}, {"job_2": {"unit_count": 2}}]});
    let q = Quote::from_json(&old).unwrap();
    let jobs = q.jobs.unwrap().0;
    assert_eq!(jobs.keys().collect::<Vec<_>>(), ["job_1", "job_2"]);
    assert_eq!(jobs.get("job_1").unwrap().unit_count, Some(5));
}

#[test]
fn threads_revisions_feedback_glossaries_and_placeholders() {
    let t: Thread = decode(&response("translate_job_comments_get__docs2014.json"), "t").unwrap();
    let t = t.thread.unwrap();
    assert_eq!(t[0].author.as_deref(), Some("worker"));
    assert_eq!(t[1].ctime.as_ref().unwrap().epoch(), Some(1266324432));
    // The docs publish "..." placeholders: decoding keeps them, never fails.
    let r: Revisions =
        decode(&response("translate_job_revisions_get__docs2014.json"), "r").unwrap();
    assert_eq!(r.job_id, Some(42));
    assert!(r.revisions.is_none());
    assert_eq!(r.extra["revisions"].as_array().unwrap().len(), 4);
    // In the normalised JSON every unreadable id and time is null, in every element of
    // the list, and the element that is no revision at all is null too: the rule holds
    // in lists as in models, through the tree and the writer alike.
    let placeholder = json!({"ctime": null, "rev_id": null});
    let want = json!([placeholder, placeholder, placeholder, null]);
    assert_eq!(r.to_json()["revisions"], want);
    assert_eq!(serde_json::to_value(&r).unwrap()["revisions"], want);
    let out =
        gengo_core::client::Output::Json(response("translate_job_revisions_get__docs2014.json"));
    assert_eq!(
        gengo_core::client::normalize(&ops::JOB_REVISIONS, out).unwrap(),
        json!({"job_id": 42, "revisions": want})
    );

    let r: RevisionEnvelope =
        decode(&response("translate_job_revision_get__docs2014.json"), "r").unwrap();
    assert_eq!(r.revision.unwrap().body_tgt.as_deref(), Some("..."));
    let f: FeedbackEnvelope =
        decode(&response("translate_job_feedback_get__docs2014.json"), "f").unwrap();
    let f = f.feedback.unwrap();
    assert_eq!(f.rating, None);
    assert_eq!(f.extra["rating"], json!("..."));
    let f = Feedback::from_json(&json!({"rating": "3.0", "for_translator": "thanks"})).unwrap();
    assert_eq!(f.rating.unwrap(), "3".parse().unwrap());
    let l: Vec<JobSummary> = decode(&response("translate_jobs_get__docs2014.json"), "l").unwrap();
    assert_eq!(
        l.iter().map(|j| j.job_id.unwrap()).collect::<Vec<_>>(),
        [123, 425, 274]
    );
    // A placeholder is no time: it stays in `extra` and normalises to null.
    assert_eq!(l[0].ctime, None);
    assert_eq!(l[0].extra["ctime"], json!("..."));
    assert_eq!(l[0].to_json()["ctime"], Value::Null);
    assert_eq!(l[0].to_json()["job_id"], json!(123));
    let f = "translate_glossary_get__docs2014.json";
    let g: Vec<Glossary> = decode(&response(f), "g").unwrap();
    assert_eq!(g[0].id, Some(115));
    assert_eq!(g[0].is_public, Some(false));
    assert_eq!(g[0].unit_count, Some(2));
    assert_eq!(
        g[0].ctime,
        Some(gengo_core::lenient::Time::Text(
            "2012-07-19 02:57:10.526565".into()
        ))
    );
    // The glossary's text time decodes as a UTC date and time; the text is kept.
    // 2012-07-19 02:57:10 UTC is 1342666630.
    let ct = g[0].ctime.as_ref().unwrap();
    assert_eq!(ct.timestamp(), Some((1342666630, 526_565_000)));
    assert_eq!(ct.epoch(), Some(1342666630));
    assert_eq!(g[0].to_json()["ctime"], json!(1342666630.526565));
    assert_eq!(g[0].target_languages, Some(json!([[14, "ja"]])));
    assert_eq!(g[0].extra.get("description"), Some(&Value::Null));
    let g: Glossary = decode(&response("translate_glossary_id_get__docs2014.json"), "g").unwrap();
    assert_eq!(g.customer_user_id, Some(50110));
    for f in [
        "translate_job_put__ok_docs2014.json",
        "translate_job_delete__ok_docs2014.json",
        "translate_order_delete__ok_docs2014.json",
        "translate_job_comment_post__ok_docs2014.json",
    ] {
        assert_eq!(response(f), json!({}), "{f}");
    }
}

#[test]
fn status_and_tier_spellings() {
    assert_eq!(JobStatus::parse("cancelled"), JobStatus::Canceled);
    assert_eq!(JobStatus::parse("Canceled"), JobStatus::Canceled);
    assert_eq!(JobStatus::Canceled.as_str(), "canceled");
    assert_eq!(
        JobStatus::parse("deleted"),
        JobStatus::Unknown("deleted".into())
    );
    assert_eq!(Tier::parse("ultra_pro"), Tier::Unknown("ultra_pro".into()));
    let j =
        Job::from_json(&json!({"status": "cancelled", "tier": "ultra_pro", "mt": "1"})).unwrap();
    assert_eq!(
        j.to_json(),
        json!({"tier": "ultra_pro", "status": "canceled", "mt": true})
    );
}

#[test]
fn lenient_scalars() {
    use gengo_core::Decimal;
    assert_eq!(u64::from_json(&json!("384985")), Some(384985));
    assert_eq!(u64::from_json(&json!(384985)), Some(384985));
    assert_eq!(u64::from_json(&json!(" 7 ")), Some(7));
    assert_eq!(u64::from_json(&json!("...")), None);
    assert_eq!(i64::from_json(&json!("-1")), Some(-1));
    assert_eq!(i64::from_json(&json!(3.0)), Some(3));
    assert_eq!(i64::from_json(&json!("3.0")), Some(3));
    assert_eq!(i64::from_json(&json!(3.5)), None);
    for (v, b) in [
        (json!(0), false),
        (json!(1), true),
        (json!("0"), false),
        (json!("1"), true),
        (json!(true), true),
        (json!("false"), false),
    ] {
        assert_eq!(bool::from_json(&v), Some(b), "{v}");
    }
    assert_eq!(bool::from_json(&json!(2)), None);
    assert_eq!(
        Decimal::from_json(&json!("0.0500")).unwrap().to_string(),
        "0.0500"
    );
    assert_eq!(
        Decimal::from_json(&json!(0.05)).unwrap().to_string(),
        "0.05"
    );
    assert_eq!(
        Decimal::from_json(&json!(16.20)).unwrap().to_string(),
        "16.2"
    );
    assert_eq!(
        Decimal::from_json(&json!(1023.31)).unwrap().to_string(),
        "1023.31"
    );
    assert_eq!(
        Decimal::from_json(&json!("1e-2")).unwrap().to_string(),
        "0.01"
    );
    assert_eq!(Decimal::from_json(&json!("abc")), None);
}

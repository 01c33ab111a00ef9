//! Quotes for text and files, and file jobs ordered by their quote's identifier.

use super::*;

#[test]
fn quotes_text_and_files_then_order_the_file() {
    let (sb, client) = start();
    let q = client
        .call("quote", &json!({"jobs": {"key 1": {"type": "text", "body_src": "plop!", "lc_src": "en", "lc_tgt": "es", "tier": "standard"},
                                         "key 2": {"type": "text", "body_src": "plop plop!", "lc_src": "en", "lc_tgt": "es", "tier": "pro"}}}))
        .unwrap();
    assert_eq!(q["jobs"]["key 1"]["unit_count"], 1);
    assert_eq!(q["jobs"]["key 2"]["unit_count"], 2);
    assert_eq!(q["jobs"]["key 2"]["credits"], "0.2");

    let dir = std::env::temp_dir().join(format!("gengo-sb-quote-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let txt = dir.join("menu.txt");
    std::fs::write(&txt, "Soup of the day and fresh bread").unwrap();
    let bin = dir.join("photo.bin");
    std::fs::write(&bin, [0u8, 159, 146, 150]).unwrap();
    let quote = client
        .quote(&[
            (
                "f1".to_string(),
                NewJob::file_to_quote(&txt, "en", "ja", Tier::Standard),
            ),
            (
                "f2".to_string(),
                NewJob::file_to_quote(&bin, "en", "ja", Tier::Standard),
            ),
        ])
        .unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
    let jobs = quote.jobs.unwrap().0;
    let f1 = jobs.get("f1").unwrap();
    assert_eq!(f1.unit_count, Some(7));
    let identifier = f1.identifier.clone().unwrap();
    assert_eq!(identifier.len(), 64);
    // A file the sandbox cannot read is a per-job error inside a successful quote.
    assert_eq!(
        jobs.get("f2").unwrap().err.as_ref().unwrap().code,
        Some(1802)
    );

    let r = client
        .order_jobs(&OrderRequest::new([(
            "file",
            NewJob::file(identifier, "en", "ja", Tier::Standard),
        )]))
        .unwrap();
    assert_eq!(r.credits_used.unwrap(), dec("0.35"));
    let id = first_reviewable_after(&sb, &client, r.order_id.unwrap(), 400.0);
    let j = client.get_job(id).unwrap();
    assert_eq!(j.slug.as_deref(), Some("menu.txt"));
    assert_eq!(j.file_download_ready, Some(true));
    let e = client
        .order_jobs(&OrderRequest::new([(
            "x",
            NewJob::file("0".repeat(64), "en", "ja", Tier::Standard),
        )]))
        .unwrap_err();
    assert_eq!(e.job_errors()["x"][0].code, Some(1303));
}

/// Gengo's documented file flow: the quote uploads the files and answers an identifier per
/// job; the order names only the identifier (the pair and tier come from the quote).
#[test]
fn files_are_ordered_by_their_quotes_identifier_alone() {
    let (sb, client) = start();
    let dir = std::env::temp_dir().join(format!("gengo-sb-fileflow-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut to_quote = Vec::new();
    for (k, text) in [
        ("filejob_01", "Soup of the day"),
        ("filejob_02", "Fresh bread"),
        ("filejob_03", "Cold drinks"),
    ] {
        let path = dir.join(format!("{k}.txt"));
        std::fs::write(&path, text).unwrap();
        to_quote.push((
            k.to_string(),
            NewJob::file_to_quote(&path, "en", "fr", Tier::Pro),
        ));
    }
    let quote = client.quote(&to_quote).unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
    let ids: Vec<String> = ["filejob_01", "filejob_02", "filejob_03"]
        .iter()
        .map(|k| {
            quote
                .jobs
                .as_ref()
                .unwrap()
                .0
                .get(k)
                .unwrap()
                .identifier
                .clone()
                .unwrap()
        })
        .collect();
    // Typed: NewJob::quoted_file sends type and identifier only (and what is added).
    let r = client
        .order_jobs(&OrderRequest::new([(
            "filejob_01",
            NewJob {
                force: Some(true),
                ..NewJob::quoted_file(ids[0].clone()).comment("Test comment")
            },
        )]))
        .unwrap();
    assert_eq!(r.job_count, Some(1));
    // By name, with JSON: the payload of Gengo's documentation.
    let r = client
        .call(
            "postTranslationJobs",
            &json!({"jobs": {
                "filejob_02": {"type": "file", "identifier": ids[1], "comment": "Test comment", "force": 1},
                "filejob_03": {"type": "file", "identifier": ids[2], "comment": "Test comment", "force": 1},
            }}),
        )
        .unwrap();
    assert_eq!(r["job_count"], 2, "{r}");
    advance(&sb, 400.0);
    let order = client.get_order(r["order_id"].as_u64().unwrap()).unwrap();
    let jobs = client.get_jobs(&order.job_ids()).unwrap();
    assert_eq!(jobs.len(), 2);
    for j in jobs {
        assert_eq!(j.job_type.as_deref(), Some("file"));
        assert_eq!(
            (j.lc_src.as_deref(), j.lc_tgt.as_deref()),
            (Some("en"), Some("fr"))
        );
        assert_eq!(j.tier, Some(Tier::Pro));
    }
    // A pair or tier that is there must still be well formed: refused before sending.
    let e = client
        .call(
            "order_jobs",
            &json!({"jobs": {"f": {"type": "file", "identifier": ids[0], "tier": "gold"}}}),
        )
        .unwrap_err();
    assert_eq!(
        (e.kind().name(), e.field()),
        ("validation", Some("jobs.f.tier"))
    );
    let e = client
        .call("order_jobs", &json!({"jobs": {"f": {"type": "file"}}}))
        .unwrap_err();
    assert_eq!(e.field(), Some("jobs.f.identifier"));
}

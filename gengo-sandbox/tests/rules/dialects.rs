//! Every client's dialect understood, and the 2014 documentation's profile.

use super::*;

#[test]
fn client_dialects_are_all_understood() {
    let (sb, client) = start();
    let (r, ids) = order_available(&sb, &client, &["dialect one", "dialect two"]);
    let auth = encode(&auth_pairs());
    // Java: a leading '&' and a trailing slash.
    let (_, _, v) = raw(
        &sb,
        "GET",
        &format!("/v2/translate/job/{}/comments/?&{auth}", ids[0]),
        None,
        b"",
    );
    assert_eq!(v["opstat"], "ok", "{v}");
    // Unescaped commas in the id list.
    let (_, _, v) = raw(
        &sb,
        "GET",
        &format!("/v2/translate/jobs/{},{}?{auth}", ids[0], ids[1]),
        None,
        b"",
    );
    assert_eq!(v["response"]["jobs"].as_array().unwrap().len(), 2);
    // _method override: DELETE sent as POST.
    let body = format!("{auth}&_method=delete");
    let (_, _, v) = raw(
        &sb,
        "POST",
        &format!("/v2/translate/job/{}", ids[0]),
        Some("application/x-www-form-urlencoded"),
        body.as_bytes(),
    );
    assert_eq!(v["opstat"], "ok", "{v}");
    assert_eq!(
        client.get_job(ids[0]).unwrap().status,
        Some(JobStatus::Canceled)
    );
    // PHP: multipart with every parameter repeated in the query.
    let boundary = "XyZ";
    let mut mp = String::new();
    for (k, val) in auth_pairs() {
        mp.push_str(&format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{val}\r\n"
        ));
    }
    mp.push_str(&format!("--{boundary}\r\nContent-Disposition: form-data; name=\"data\"\r\n\r\n{{\"body\":\"from php\"}}\r\n--{boundary}--\r\n"));
    let (_, _, v) = raw(
        &sb,
        "POST",
        &format!("/v2/translate/job/{}/comment?{auth}&_method=post", ids[1]),
        Some(&format!("multipart/form-data; boundary={boundary}")),
        mp.as_bytes(),
    );
    assert_eq!(v["opstat"], "ok", "{v}");
    assert_eq!(
        client
            .job_comments(ids[1])
            .unwrap()
            .last()
            .unwrap()
            .body
            .as_deref(),
        Some("from php")
    );
    // A raw JSON body with auth in the query (the Elixir client).
    let (_, _, v) = raw(
        &sb,
        "POST",
        &format!("/v2/translate/order/{}/comment?{auth}", r.order_id.unwrap()),
        Some("application/json"),
        br#"{"body":"json body"}"#,
    );
    assert_eq!(v["opstat"], "ok", "{v}");
    // v1.1 legacy calls.
    let (_, _, v) = raw(
        &sb,
        "GET",
        &format!("/v1.1/translate/jobs/group/{}?{auth}", r.group_id.unwrap()),
        None,
        b"",
    );
    assert_eq!(v["response"]["jobs"].as_array().unwrap().len(), 2);
    let preview = client.job_preview(ids[1]).unwrap();
    assert_eq!(&preview.bytes[..2], &[0xFF, 0xD8]);
    assert_eq!(preview.content_type.as_deref(), Some("image/jpeg"));
    let job = client
        .post_job(&NewJob::text(
            "legacy single job",
            "en",
            "es",
            Tier::Standard,
        ))
        .unwrap();
    assert_eq!(job.status, Some(JobStatus::Available));
    client.cancel_jobs(&[job.job_id.unwrap()]).unwrap();
    assert_eq!(
        client.get_job(job.job_id.unwrap()).unwrap().status,
        Some(JobStatus::Canceled)
    );
    // Legacy paths are not served under /v2/.
    let (status, _, _) = raw(
        &sb,
        "GET",
        &format!("/v2/translate/job/{}/preview?{auth}", ids[1]),
        None,
        b"",
    );
    assert_eq!(status, 404);
}

#[test]
fn docs2014_profile_sends_strings_and_the_client_reads_both() {
    let (sb, client) = start_with(Options {
        profile: Profile::Docs2014,
        ..Options::for_tests()
    });
    let (_, _, v) = raw(
        &sb,
        "GET",
        &format!("/v2/account/balance?{}", encode(&auth_pairs())),
        None,
        b"",
    );
    assert_eq!(v["response"]["credits"], "1000.00");
    let r = client
        .order_jobs(&OrderRequest::new([(
            "a",
            NewJob::text("strings please", "en", "ja", Tier::Standard),
        )]))
        .unwrap();
    assert!(r.order_id.is_some());
    advance(&sb, 10.0);
    let (_, _, v) = raw(
        &sb,
        "GET",
        &format!(
            "/v2/translate/order/{}?{}",
            r.order_id.unwrap(),
            encode(&auth_pairs())
        ),
        None,
        b"",
    );
    assert!(v["response"]["order"]["order_id"].is_string());
    let id = client
        .get_order(r.order_id.unwrap())
        .unwrap()
        .jobs_available
        .unwrap()[0];
    let (_, _, v) = raw(
        &sb,
        "GET",
        &format!("/v2/translate/job/{id}?{}", encode(&auth_pairs())),
        None,
        b"",
    );
    assert!(
        v["response"]["job"]["job_id"].is_string()
            && v["response"]["job"]["unit_count"].is_string()
    );
    assert_eq!(v["response"]["job"]["auto_approve"], "0");
    let j = client.get_job(id).unwrap();
    assert_eq!(
        (j.job_id, j.unit_count, j.auto_approve),
        (Some(id), Some(2), Some(false))
    );
}

//! Redirects: credentials never leave the origin; same-origin redirects stay authenticated.

use super::*;

#[test]
fn redirects_never_carry_credentials_to_another_host() {
    let other = Server::start(|_, _| Reply::ok(r#"{"credits":"999"}"#));
    let target = format!("http://localhost:{}/v2/account/balance", other.port);
    let server = Server::start(move |_, _| Reply::Send {
        status: 302,
        headers: vec![("Location".into(), target.clone())],
        body: Vec::new(),
    });
    let client = client_for(&server.url(), |b| b);
    let e = client.account_balance().unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Http);
    assert_eq!(e.http_status(), Some(302));
    assert!(e.message().contains("another host"), "{e}");
    assert_eq!(
        other.count(),
        0,
        "the other host must never see the request"
    );

    // Same origin: followed (GET).
    let server = Server::start(|r, _| {
        if r.target.starts_with("/v2/account/balance?") {
            Reply::Send {
                status: 301,
                headers: vec![("Location".into(), "/v2/account/balance/".into())],
                body: Vec::new(),
            }
        } else {
            Reply::ok(r#"{"credits":"5"}"#)
        }
    });
    let client = client_for(&server.url(), |b| b);
    assert_eq!(
        client
            .account_balance()
            .unwrap()
            .credits
            .unwrap()
            .to_string(),
        "5"
    );
    assert!(
        server.recorded()[1]
            .target
            .starts_with("/v2/account/balance/?api_key=PUBKEY_abc&ts="),
        "{}",
        server.recorded()[1].target
    );
    // A redirect loop is bounded.
    let server = Server::start(|_, _| Reply::Send {
        status: 302,
        headers: vec![("Location".into(), "/again".into())],
        body: Vec::new(),
    });
    let client = client_for(&server.url(), |b| b);
    let e = client.account_balance().unwrap_err();
    assert!(e.message().contains("too many redirects"), "{e}");
    assert_eq!(server.count(), 6);
}

/// The query of a recorded request target, decoded.
fn query(target: &str) -> Vec<(String, String)> {
    target
        .split_once('?')
        .map(|(_, q)| form_urlencoded::parse(q.as_bytes()).into_owned().collect())
        .unwrap_or_default()
}

#[test]
fn same_origin_redirects_keep_the_calls_authentication() {
    // The official Ruby client's redirect case: a signed GET answered `302 Location: /`.
    for location in [
        "/",
        "/v2/moved?x=1&api_sig=stale&ts=1",
        "http://{host}/v2/full",
    ] {
        let server = Server::start(move |r, _| {
            if r.target.starts_with("/v2/translate/job/42") {
                let host = r.header("host").unwrap_or_default().to_string();
                Reply::Send {
                    status: 302,
                    headers: vec![("Location".into(), location.replace("{host}", &host))],
                    body: Vec::new(),
                }
            } else {
                Reply::ok(r#"{"job":{"job_id":"42","status":"available"}}"#)
            }
        });
        let client = client_for(&server.url(), |b| b);
        assert_eq!(client.get_job(42).unwrap().job_id, Some(42), "{location}");
        let followed = &server.recorded()[1];
        let q = query(&followed.target);
        let get = |k: &str| q.iter().find(|(n, _)| n == k).map(|(_, v)| v.as_str());
        assert_eq!(get("api_key"), Some("PUBKEY_abc"), "{}", followed.target);
        let (ts, sig) = (get("ts").unwrap(), get("api_sig").unwrap());
        assert!(
            gengo_core::signing::verify(PRIVATE, ts, sig),
            "{}",
            followed.target
        );
        assert_eq!(
            q.iter()
                .filter(|(n, _)| n == "ts" || n == "api_sig")
                .count(),
            2,
            "stale auth dropped"
        );
        if location.contains("x=1") {
            assert_eq!(get("x"), Some("1"));
        }
    }
    // A bearer token goes again in its header, and no key appears in the query.
    let server = Server::start(|r, _| {
        if r.target.starts_with("/v2/translate/job/42") {
            Reply::Send {
                status: 307,
                headers: vec![("Location".into(), "/".into())],
                body: Vec::new(),
            }
        } else {
            Reply::ok(r#"{"job":{"job_id":"42"}}"#)
        }
    });
    let client = Client::new(
        Config::builder()
            .base_url(server.url())
            .access_token("tok_123")
            .timeout(Duration::from_secs(10))
            .build()
            .unwrap(),
    );
    client.get_job(42).unwrap();
    let followed = &server.recorded()[1];
    assert_eq!(followed.target, "/");
    assert_eq!(followed.header("authorization"), Some("Bearer tok_123"));
    // DELETE too; POST and PUT are never followed (tests/faults/redirects.rs).
    let server = Server::start(|r, _| {
        if r.target.starts_with("/v2/translate/job/42") {
            Reply::Send {
                status: 302,
                headers: vec![("Location".into(), "/v2/gone".into())],
                body: Vec::new(),
            }
        } else {
            Reply::ok("{}")
        }
    });
    client_for(&server.url(), |b| b).cancel_job(42).unwrap();
    let followed = &server.recorded()[1];
    assert_eq!(followed.method, "DELETE");
    let q = query(&followed.target);
    let ts = q.iter().find(|(n, _)| n == "ts").unwrap().1.clone();
    let sig = q.iter().find(|(n, _)| n == "api_sig").unwrap().1.clone();
    assert!(gengo_core::signing::verify(PRIVATE, &ts, &sig));
}

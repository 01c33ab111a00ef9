//! The configuration's unit tests: redaction, the base URL rules, defaults, the builder.

use super::*;

#[test]
fn debug_never_shows_the_private_key() {
    let c = Config::builder()
        .keys("pub", "very-secret-key")
        .build()
        .unwrap();
    let dbg = format!("{c:?}");
    assert!(!dbg.contains("very-secret-key"), "{dbg}");
    assert!(dbg.contains("<redacted>"));
}

#[test]
fn json_config_covers_every_setting() {
    let c = Config::from_json(&serde_json::json!({
        "public_key": "p", "private_key": "s", "base_url": "http://127.0.0.1:9/",
        "api_version": "v1.1", "connect_timeout": 2, "timeout": 5.5, "max_retries": 1,
        "rate_limit_per_minute": 0, "user_agent": "Shop/1", "method_override": true
    }))
    .unwrap();
    assert_eq!(c.base_url(), "http://127.0.0.1:9");
    assert_eq!(c.api_version(), ApiVersion::V1_1);
    assert_eq!(c.connect_timeout(), Duration::from_secs(2));
    assert_eq!(c.timeout(), Duration::from_millis(5500));
    assert_eq!(c.retry().max_retries, 1);
    assert_eq!(c.rate_limit_per_minute(), None);
    assert_eq!(c.user_agent(), format!("{USER_AGENT} Shop/1"));
    assert!(c.method_override());
    let e = Config::from_json(&serde_json::json!({"base_url": "ftp://x"})).unwrap_err();
    assert_eq!(e.kind(), crate::ErrorKind::InvalidArgument);
    let e = Config::from_json(&serde_json::json!({"privat_key": "x"})).unwrap_err();
    assert!(e.message().contains("privat_key"));
}

#[test]
fn configs_that_can_never_work_are_refused_when_built() {
    for url in [
        "http://127.0.0.1:1/a b",
        "http://@",
        "http://user@127.0.0.1",
        "http://[::1",
        "http://%41",
        "http://",
        "ftp://x",
        "http://h?x=1",
        "http://exa mple.com",
    ] {
        let e = Config::builder().base_url(url).build().unwrap_err();
        assert_eq!(e.kind(), crate::ErrorKind::InvalidArgument, "{url}");
        assert!(e.message().starts_with("base_url"), "{url}: {e}");
    }
    for ok in [
        "http://127.0.0.1:8290",
        "http://[::1]:8290/",
        "https://api.gengo.com",
        "http://localhost/{version}/",
        "http://my_host.internal:80/prefix",
    ] {
        Config::builder().base_url(ok).build().unwrap();
    }
    for ua in ["Shop\r\nX-Evil: 1", "Shop\n", "a\u{0}b"] {
        let e = Config::builder().app_name(ua).build().unwrap_err();
        assert!(e.message().starts_with("user_agent"), "{e}");
    }
    let e = Config::from_json(&serde_json::json!({"user_agent": "x\r\ny"})).unwrap_err();
    assert_eq!(e.kind(), crate::ErrorKind::InvalidArgument);
    let e = Config::builder().access_token("a\nb").build().unwrap_err();
    assert!(e.message().starts_with("access_token"), "{e}");
}

#[test]
fn config_errors_never_echo_long_values() {
    // A private key pasted into base_url (or environment) is never echoed.
    let key = "c2VjcmV0LXByaXZhdGUta2V5LXZhbHVl";
    for v in [
        serde_json::json!({"base_url": key}),
        serde_json::json!({"environment": key}),
        serde_json::json!({"public_key": 5}),
    ] {
        let e = Config::from_json(&v).unwrap_err();
        assert!(!e.message().contains(key), "{e}");
        assert!(!format!("{e:?}").contains(key), "{e:?}");
    }
    let e = Config::from_json(&serde_json::json!({"environment": "prod"})).unwrap_err();
    assert!(e.message().contains("\"prod\""), "short values help: {e}");
    let long = "k".repeat(100_000);
    let e = Config::from_json(&serde_json::json!({ long.clone(): 1 })).unwrap_err();
    assert!(e.message().len() < 600, "{}", e.message().len());
    let e = crate::ops::lookup(&"x".repeat(10_000_000)).unwrap_err();
    assert!(e.message().len() < 300, "{}", e.message().len());
}

#[test]
fn backoff_grows_and_honours_retry_after() {
    let r = RetryPolicy::default();
    for n in 1..6 {
        let d = r.delay(n, None);
        let full = (r.base_delay * (1 << (n - 1))).min(r.max_delay);
        assert!(d >= full / 2 && d <= full, "{n}: {d:?}");
    }
    assert_eq!(
        r.delay(1, Some(Duration::from_secs(2))),
        Duration::from_secs(2)
    );
    assert_eq!(r.delay(1, Some(Duration::from_secs(999))), r.max_delay);
}

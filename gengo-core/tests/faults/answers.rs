//! Error answers: HTML 500s, gateway errors, rate limits and every form of Retry-After.

use super::*;

#[test]
fn html_500_is_an_http_error_retried_only_for_get_and_delete() {
    let html = response(
        500,
        &[("Content-Type", "text/html")],
        b"<html><body>Internal Server Error</body></html>",
    );
    let out = matrix(
        "500 html",
        move |_| Fault::Bytes(html.clone()),
        Want::Kind(ErrorKind::Http),
        (Exactly(4), Exactly(1)),
    );
    assert_retryable(&out, true, false);
    // Once the server answers, a GET that met a 500 goes through.
    let html = response(500, &[("Content-Type", "text/html")], b"<html>busy</html>");
    matrix(
        "500 once",
        move |i| {
            if i == 0 {
                Fault::Bytes(html.clone())
            } else {
                json_response(200, &[], OK_BODY)
            }
        },
        Want::OkIfIdempotent(ErrorKind::Http),
        (Exactly(2), Exactly(1)),
    );
    for (_, r) in out {
        let e = r.unwrap_err();
        assert_eq!(e.http_status(), Some(500));
        assert!(e.snippet().unwrap().contains("Internal Server Error"));
    }
}

#[test]
fn gateway_errors_with_retry_after_retry_only_idempotent_methods() {
    for status in [502, 503, 504] {
        let out = matrix(
            &format!("{status} + Retry-After: 1"),
            move |_| json_response(status, &[("Retry-After", "1")], "{}"),
            Want::Kind(ErrorKind::Http),
            (Between(2, 3), Exactly(1)),
        );
        assert_retryable(&out, true, false);
        for (_, r) in out {
            assert_eq!(r.unwrap_err().http_status(), Some(status));
        }
    }
}

#[test]
fn rate_limited_with_retry_after() {
    let body = r#"{"opstat":"error","err":{"code":429,"msg":"rate limit exceeded"}}"#;
    let out = matrix(
        "429 + Retry-After: 1",
        move |_| json_response(429, &[("Retry-After", "1")], body),
        Want::Kind(ErrorKind::RateLimited),
        // Gengo refused to act: even an order is retried, and may be repeated.
        (Between(2, 3), Between(2, 3)),
    );
    assert_retryable(&out, true, true);
    for (_, r) in out {
        assert_eq!(r.unwrap_err().retry_after(), Some(Duration::from_secs(1)));
    }
}

#[test]
fn retry_after_as_an_http_date() {
    let out = matrix(
        "503 + Retry-After: <date>",
        |_| {
            let at = httpdate::fmt_http_date(SystemTime::now() + Duration::from_secs(1));
            json_response(503, &[("Retry-After", &at)], "{}")
        },
        Want::Kind(ErrorKind::Http),
        (Between(2, 4), Exactly(1)),
    );
    for (_, r) in out {
        assert!(r.unwrap_err().retry_after().unwrap() <= Duration::from_secs(1));
    }
}

#[test]
fn huge_retry_after_never_panics_and_ends_the_call_as_rate_limited() {
    let body = r#"{"opstat":"error","err":{"code":429,"msg":"rate limit exceeded"}}"#;
    for value in [
        "1e20",
        "99999999999999999999999999",
        "18446744073709551615",
        "3600",
    ] {
        let out = matrix(
            &format!("429 + Retry-After: {value}"),
            move |_| json_response(429, &[("Retry-After", value)], body),
            Want::Kind(ErrorKind::RateLimited),
            (Exactly(1), Exactly(1)),
        );
        for (_, r) in out {
            // The server's value is carried (saturated where it cannot be held).
            let ra = r.unwrap_err().retry_after().unwrap();
            assert!(ra >= Duration::from_secs(3600), "{value}: {ra:?}");
        }
    }
}

#[test]
fn unreadable_retry_after_is_treated_as_absent() {
    for value in ["NaN", "-5", "soon", "inf", "1e", ""] {
        let out = matrix(
            &format!("503 + Retry-After: {value:?}"),
            move |_| json_response(503, &[("Retry-After", value)], "{}"),
            Want::Kind(ErrorKind::Http),
            (Exactly(4), Exactly(1)),
        );
        for (_, r) in out {
            assert_eq!(r.unwrap_err().retry_after(), None, "{value}");
        }
    }
}

//! Redirects: other origins refused, same-origin ones followed for GET and DELETE only, loops bounded.

use super::*;

fn redirect(location: &str) -> Fault {
    Fault::Bytes(response(302, &[("Location", location)], b""))
}

#[test]
fn redirects_to_another_host_or_port_are_refused() {
    let other = FaultServer::start(|_| json_response(200, &[], OK_BODY));
    for (name, target) in [
        (
            "another host",
            format!("http://localhost:{}/v2/x", other.port),
        ),
        (
            "another port",
            format!("http://127.0.0.1:{}/v2/x", other.port),
        ),
        ("another scheme", "https://127.0.0.1/v2/x".to_string()),
    ] {
        let out = matrix(
            &format!("redirect to {name}"),
            move |_| redirect(&target),
            Want::Kind(ErrorKind::Http),
            (Exactly(1), Exactly(1)),
        );
        assert_retryable(&out, false, false);
        for (_, r) in out {
            assert_eq!(r.unwrap_err().http_status(), Some(302));
        }
    }
    assert_eq!(other.count(), 0, "credentials went to another origin");
}

#[test]
fn same_origin_redirects_are_followed_for_get_and_delete_only() {
    let out = matrix(
        "redirect to the same origin",
        |i| {
            if i == 0 {
                redirect("/v2/moved")
            } else {
                json_response(200, &[], OK_BODY)
            }
        },
        Want::OkIfIdempotent(ErrorKind::Http),
        (Exactly(2), Exactly(1)),
    );
    for (m, r) in out {
        if !m.idempotent() {
            assert!(r.unwrap_err().message().contains("not followed"));
        }
    }
}

#[test]
fn redirect_loops_are_bounded() {
    let out = matrix(
        "redirect loop",
        |_| redirect("/v2/again"),
        Want::Kind(ErrorKind::Http),
        (Exactly(6), Exactly(1)),
    );
    for (m, r) in out {
        if m.idempotent() {
            assert!(r.unwrap_err().message().contains("too many redirects"));
        }
    }
}

//! Bad bodies: truncated, mislabelled, oversized, not UTF-8.

use super::*;

#[test]
fn truncated_json() {
    let mut b = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 200\r\n\r\n"
        .to_vec();
    b.extend_from_slice(br#"{"opstat":"ok","resp"#);
    let out = matrix(
        "truncated json",
        move |_| Fault::BytesThenClose(b.clone()),
        Want::Kind(ErrorKind::Transport),
        (Exactly(4), Exactly(1)),
    );
    assert_retryable(&out, true, false);
}

#[test]
fn json_with_a_wrong_content_type_is_read_by_its_body() {
    let b = response(200, &[("Content-Type", "text/html")], OK_BODY.as_bytes());
    matrix(
        "json as text/html",
        move |_| Fault::Bytes(b.clone()),
        Want::Ok,
        (Exactly(1), Exactly(1)),
    );
}

#[test]
fn oversized_body_is_refused_once_and_never_retried() {
    // The client allows 64 MiB by default; this one allows 64 KiB.
    for m in METHODS {
        let big = format!(
            r#"{{"opstat":"ok","response":{{"x":"{}"}}}}"#,
            "a".repeat(200_000)
        );
        let b = response(200, &[("Content-Type", "application/json")], big.as_bytes());
        let server = FaultServer::start(move |_| Fault::Bytes(b.clone()));
        let c = Client::new(
            config(&server.url())
                .max_response_bytes(64 * 1024)
                .build()
                .unwrap(),
        );
        let started = Instant::now();
        let r = m.call(&c);
        check_cell(
            "oversized",
            m,
            &r,
            started.elapsed(),
            server.count(),
            Want::Kind(ErrorKind::Decode),
            (Exactly(1), Exactly(1)),
        );
        let e = r.unwrap_err();
        assert!(
            e.message().contains("response larger than 65536 bytes"),
            "{e}"
        );
        assert!(!e.is_retryable(), "the same body again");
    }
}

#[test]
fn invalid_utf8_is_a_decode_error() {
    let mut body = br#"{"opstat":"ok","response":{"x":""#.to_vec();
    body.extend_from_slice(&[0xff, 0xfe, 0x80]);
    body.extend_from_slice(br#""}}"#);
    let b = response(200, &[("Content-Type", "application/json")], &body);
    let out = matrix(
        "invalid utf-8",
        move |_| Fault::Bytes(b.clone()),
        Want::Kind(ErrorKind::Decode),
        (Exactly(1), Exactly(1)),
    );
    assert_retryable(&out, false, false);
}

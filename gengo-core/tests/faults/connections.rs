//! Connection faults: refused, reset, a black hole, a slow body, a stale keep-alive connection.

use super::*;

#[test]
fn refused_connections_are_retried_for_every_method_within_the_deadline() {
    // Nothing listens: the request provably never left, so even POST may retry.
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    for m in METHODS {
        let c = client(&format!("http://127.0.0.1:{port}"));
        let started = Instant::now();
        let r = m.call(&c);
        check_cell(
            "refused",
            m,
            &r,
            started.elapsed(),
            0,
            Want::Kind(ErrorKind::Transport),
            (Exactly(0), Exactly(0)),
        );
        let e = r.unwrap_err();
        assert!(e.message().contains("refused"));
        assert!(e.is_retryable(), "{m:?}: nothing reached the server");
    }
}

#[test]
fn reset_after_the_request() {
    let out = matrix(
        "reset",
        |_| Fault::Reset,
        Want::Kind(ErrorKind::Transport),
        (Exactly(4), Exactly(1)),
    );
    // A POST whose answer was lost may have ordered: never retryable.
    assert_retryable(&out, true, false);
}

#[test]
fn black_hole_ends_at_the_whole_call_deadline() {
    // One attempt takes the whole deadline; nothing is left to retry with.
    let out = matrix(
        "black hole",
        |_| Fault::BlackHole,
        Want::Kind(ErrorKind::Timeout),
        (Exactly(1), Exactly(1)),
    );
    assert_retryable(&out, true, false);
}

#[test]
fn slow_body_ends_at_the_whole_call_deadline() {
    matrix(
        "slow body",
        |_| Fault::SlowBody,
        Want::Kind(ErrorKind::Timeout),
        (Exactly(1), Exactly(1)),
    );
}

#[test]
fn a_stale_keep_alive_connection_is_not_reused() {
    for m in METHODS {
        let server = FaultServer::start(|_| Fault::OkThenCloseIdle);
        let c = client(&server.url());
        m.call(&c).unwrap();
        // Wait (bounded) until the server has closed the pooled connection.
        let until = Instant::now() + Duration::from_secs(5);
        while server.closed_idle.load(Ordering::SeqCst) == 0 && Instant::now() < until {
            thread::sleep(Duration::from_millis(5));
        }
        assert_eq!(server.closed_idle.load(Ordering::SeqCst), 1);
        thread::sleep(Duration::from_millis(20));
        let started = Instant::now();
        let r = m.call(&c);
        check_cell(
            "stale keep-alive",
            m,
            &r,
            started.elapsed(),
            server.count(),
            Want::Ok,
            (Exactly(2), Exactly(2)),
        );
    }
}

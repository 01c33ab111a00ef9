//! Secrets never reach errors, Debug output, logs or returned values.

use super::*;

// ---- a log capture, to prove secrets never reach the logs ----

struct Capture(Mutex<Vec<String>>);

impl log::Log for Capture {
    fn enabled(&self, _: &log::Metadata) -> bool {
        true
    }
    fn log(&self, r: &log::Record) {
        self.0.lock().unwrap().push(format!("{}", r.args()));
    }
    fn flush(&self) {}
}

static LOGS: Capture = Capture(Mutex::new(Vec::new()));

static INIT: Once = Once::new();

fn capture_logs() {
    INIT.call_once(|| {
        log::set_logger(&LOGS).unwrap();
        // Debug is the most an app enables in production; ureq's own trace level is a
        // deliberate wire dump and prints full URLs (documented in the README).
        log::set_max_level(log::LevelFilter::Debug);
    });
}

#[test]
fn secrets_never_appear_in_errors_debug_or_logs() {
    capture_logs();
    let server = Server::start(|_, _| {
        Reply::json(
            401,
            r#"{"opstat":"error","err":{"code":1000,"msg":"authentication failed"}}"#,
        )
    });
    let client = client_for(&server.url(), |b| b);
    let sig = gengo_core::signing::sign(PRIVATE, "0");
    let e = client.account_balance().unwrap_err();
    let recorded = server.recorded();
    let sent_sig = recorded[0]
        .target
        .split("api_sig=")
        .nth(1)
        .unwrap()
        .to_string();
    for text in [
        format!("{e}"),
        format!("{e:?}"),
        e.to_json().to_string(),
        format!("{client:?}"),
        format!("{:?}", client.config()),
    ] {
        assert!(!text.contains(PRIVATE), "private key leaked: {text}");
        assert!(!text.contains(&sent_sig), "signature leaked: {text}");
        assert!(!text.contains(&sig));
    }
    let logs = LOGS.0.lock().unwrap().join("\n");
    assert!(
        logs.contains("/v2/account/balance"),
        "requests are logged: {logs}"
    );
    assert!(
        !logs.contains(&sent_sig) && !logs.contains(PRIVATE),
        "{logs}"
    );
}

#[test]
fn echoed_secrets_are_redacted_from_everything_returned() {
    // A proxy that echoes the request line and body into its error pages, in every
    // shape an error can take: a single API error, per-job errors keyed by the echo,
    // and a non-JSON page.
    let server = Server::start(|r, i| {
        let echo = format!(
            "{} {} {}",
            r.method,
            r.target,
            String::from_utf8_lossy(&r.body)
        );
        let echo_json = serde_json::to_string(&echo).unwrap();
        match i % 3 {
            0 => Reply::json(
                400,
                &format!(r#"{{"opstat":"error","err":{{"code":1100,"msg":{echo_json}}}}}"#),
            ),
            1 => Reply::json(
                400,
                &format!(
                    r#"{{"opstat":"error","err":{{{echo_json}:[{{"code":1350,"msg":{echo_json}}}]}}}}"#
                ),
            ),
            _ => Reply::Send {
                status: 502,
                headers: vec![("Content-Type".into(), "text/html".into())],
                body: format!("<pre>{echo} {PRIVATE}</pre>").into_bytes(),
            },
        }
    });
    let client = client_for(&server.url(), |b| b.retry(RetryPolicy::none()));
    let mut errors = Vec::new();
    for _ in 0..3 {
        errors.push(client.account_balance().unwrap_err());
        errors.push(client.order_jobs(&order()).unwrap_err());
    }
    let sigs: Vec<String> = server
        .recorded()
        .iter()
        .map(|r| {
            let text = format!("{} {}", r.target, String::from_utf8_lossy(&r.body));
            let at = text.find("api_sig=").unwrap() + 8;
            text[at..at + 40].to_string()
        })
        .collect();
    assert_eq!(sigs.len(), 6);
    for e in &errors {
        let mut texts = vec![
            format!("{e}"),
            format!("{e:?}"),
            e.to_json().to_string(),
            format!("{:?}", e.job_errors()),
        ];
        let mut src = std::error::Error::source(e);
        while let Some(s) = src {
            texts.push(format!("{s} {s:?}"));
            src = s.source();
        }
        for t in &texts {
            assert!(!t.contains(PRIVATE), "private key leaked: {t}");
            for sig in &sigs {
                assert!(!t.contains(sig.as_str()), "signature leaked: {t}");
            }
        }
        assert!(
            texts[2].contains("<redacted>"),
            "the echo is kept, redacted: {}",
            texts[2]
        );
    }
}

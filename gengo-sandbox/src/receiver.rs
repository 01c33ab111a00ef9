//! A callback receiver on loopback: what an app's callback URL would be, for the demo
//! and for tests. It records every body and answers with a status you choose.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::sync::atomic::{AtomicBool, AtomicU16, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Receives callbacks; stops when dropped.
pub struct CallbackReceiver {
    port: u16,
    bodies: Arc<Mutex<Vec<String>>>,
    status: Arc<AtomicU16>,
    stop: Arc<AtomicBool>,
}

/// Most bytes read from one callback.
const MAX_BODY: usize = 1024 * 1024;

impl CallbackReceiver {
    /// Starts listening on a free loopback port.
    pub fn start() -> std::io::Result<CallbackReceiver> {
        let listener = TcpListener::bind("127.0.0.1:0")?;
        listener.set_nonblocking(true)?;
        let port = listener.local_addr()?.port();
        let bodies = Arc::new(Mutex::new(Vec::new()));
        let status = Arc::new(AtomicU16::new(200));
        let stop = Arc::new(AtomicBool::new(false));
        let (b2, s2, stop2) = (bodies.clone(), status.clone(), stop.clone());
        std::thread::Builder::new()
            .name("callback-receiver".into())
            .spawn(move || {
                while !stop2.load(Ordering::SeqCst) {
                    let Ok((stream, _)) = listener.accept() else {
                        std::thread::sleep(Duration::from_millis(5));
                        continue;
                    };
                    let _ = stream.set_nonblocking(false);
                    let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
                    let Ok(mut w) = stream.try_clone() else {
                        continue;
                    };
                    let mut r = BufReader::new(stream);
                    if let Some(body) = read_request(&mut r) {
                        b2.lock().unwrap_or_else(|p| p.into_inner()).push(body);
                    }
                    let code = s2.load(Ordering::SeqCst);
                    let _ = w.write_all(
                        format!(
                            "HTTP/1.1 {code} X\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                        )
                        .as_bytes(),
                    );
                }
            })?;
        Ok(CallbackReceiver {
            port,
            bodies,
            status,
            stop,
        })
    }

    /// The URL to give Gengo as `callback_url`.
    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}/gengo/callback", self.port)
    }

    /// Every body received so far.
    pub fn bodies(&self) -> Vec<String> {
        self.bodies
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    /// Sets the HTTP status the receiver answers with (200 by default).
    pub fn set_status(&self, status: u16) {
        self.status.store(status, Ordering::SeqCst);
    }

    /// Waits until `n` callbacks arrived or `timeout` passed; returns the bodies.
    pub fn wait_for(&self, n: usize, timeout: Duration) -> Vec<String> {
        let deadline = Instant::now() + timeout;
        loop {
            let b = self.bodies();
            if b.len() >= n || Instant::now() > deadline {
                return b;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

fn read_request(r: &mut impl BufRead) -> Option<String> {
    let mut line = String::new();
    if r.read_line(&mut line).ok()? == 0 {
        return None;
    }
    let mut len = 0usize;
    loop {
        let mut h = String::new();
        if r.read_line(&mut h).ok()? == 0 || h.trim().is_empty() {
            break;
        }
        if let Some((k, v)) = h.split_once(':')
            && k.eq_ignore_ascii_case("content-length")
        {
            len = v.trim().parse().ok()?;
        }
    }
    if len > MAX_BODY {
        return None;
    }
    let mut body = vec![0; len];
    r.read_exact(&mut body).ok()?;
    Some(String::from_utf8_lossy(&body).into_owned())
}

impl Drop for CallbackReceiver {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
    }
}

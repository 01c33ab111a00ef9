//! Helpers of the `gengo sync` tests: projects in temporary folders (and fresh checkouts
//! of them, without `.gengo/`), the `gengo` binary run against an in-process sandbox, and
//! the sandbox's jobs by marker.

#![allow(dead_code)]

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};

use gengo_core::requests::JobFilter;
use gengo_core::{Client, Config};
use gengo_sandbox::{Sandbox, State};

pub const CONFIG: &str = r#"source_language = "en"
target_languages = ["ja", "fr"]
tier = "standard"
jobs_per_order = 2
comment = "App strings"

[[files]]
source = "locales/en.json"
target = "locales/{lang}.json"

[[files]]
source = "config/en.yml"
target = "config/{lang}.yml"
"#;

pub const JSON: &str =
    "{\n  \"title\": \"My <b>app</b>\",\n  \"greeting\": \"Hello {{name}}\"\n}\n";
pub const YAML: &str = "en:\n  bye: Goodbye %{name}\n";

/// A project in a temporary folder (removed when dropped).
pub struct Project {
    pub dir: PathBuf,
}

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap().flatten() {
        let name = e.file_name();
        if name == ".gengo" {
            continue;
        }
        let (src, dst) = (e.path(), to.join(&name));
        if e.file_type().unwrap().is_dir() {
            copy_tree(&src, &dst);
        } else {
            std::fs::copy(&src, &dst).unwrap();
        }
    }
}

impl Project {
    /// The standard test project (two files, three strings, ja and fr).
    pub fn new(name: &str) -> Project {
        let p = Project::empty(name);
        std::fs::create_dir_all(p.dir.join("locales")).unwrap();
        std::fs::create_dir_all(p.dir.join("config")).unwrap();
        p.write("gengo-sync.toml", CONFIG);
        p.write("locales/en.json", JSON);
        p.write("config/en.yml", YAML);
        p
    }

    /// An empty folder.
    pub fn empty(name: &str) -> Project {
        let dir =
            std::env::temp_dir().join(format!("gengo-sync-test-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Project { dir }
    }

    /// A fresh checkout of this project: a copy of every file but `.gengo/`.
    pub fn checkout(&self, name: &str) -> Project {
        let p = Project::empty(name);
        copy_tree(&self.dir, &p.dir);
        assert!(!p.dir.join(".gengo").exists());
        p
    }

    pub fn command(&self, sb: &Sandbox, args: &[&str]) -> Command {
        let (public, private) = State::demo_keys();
        let mut c = Command::new(env!("CARGO_BIN_EXE_gengo"));
        c.arg("sync")
            .args(args)
            .current_dir(&self.dir)
            .env("GENGO_BASE_URL", sb.url())
            .env("GENGO_PUBLIC_KEY", public)
            .env("GENGO_PRIVATE_KEY", private)
            .env_remove("GENGO_SYNC_CRASH_AT")
            .env_remove("GENGO_SYNC_BARRIER");
        c
    }

    pub fn sync(&self, sb: &Sandbox, args: &[&str], crash_at: Option<&str>) -> Output {
        let mut c = self.command(sb, args);
        if let Some(p) = crash_at {
            c.env("GENGO_SYNC_CRASH_AT", p);
        }
        c.output().expect("gengo runs")
    }

    /// `gengo sync ARGS` started in the background (stdout and stderr piped).
    pub fn spawn(&self, sb: &Sandbox, args: &[&str], env: &[(&str, &str)]) -> Child {
        let mut c = self.command(sb, args);
        for (k, v) in env {
            c.env(k, v);
        }
        c.stdout(Stdio::piped()).stderr(Stdio::piped());
        c.spawn().expect("gengo starts")
    }

    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.dir.join(rel)).unwrap_or_default()
    }

    pub fn write(&self, rel: &str, text: &str) {
        if let Some(d) = self.dir.join(rel).parent() {
            std::fs::create_dir_all(d).unwrap();
        }
        std::fs::write(self.dir.join(rel), text).unwrap();
    }
}

impl Drop for Project {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

pub fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

pub fn ok(o: Output) -> String {
    assert!(o.status.success(), "{}", text(&o));
    text(&o)
}

/// `gengo sync status --json`'s document and exit code.
pub fn status(p: &Project, sb: &Sandbox) -> (serde_json::Value, i32) {
    let o = p.sync(sb, &["status", "--json"], None);
    let v = serde_json::from_slice(&o.stdout)
        .unwrap_or_else(|e| panic!("status --json: {e}: {}", text(&o)));
    (v, o.status.code().unwrap_or(-1))
}

pub fn client(sb: &Sandbox) -> Client {
    let (public, private) = State::demo_keys();
    Client::new(
        Config::builder()
            .base_url(sb.url())
            .keys(public, private)
            .rate_limit_per_minute(None)
            .build()
            .unwrap(),
    )
}

/// Every job of the account that carries a gengo-sync marker, by marker; jobs of other
/// apps are left out.
pub fn jobs_by_marker(sb: &Sandbox) -> HashMap<String, Vec<u64>> {
    let c = client(sb);
    let ids: Vec<u64> = c
        .list_jobs(&JobFilter {
            timestamp_after: Some(0),
            ..Default::default()
        })
        .unwrap()
        .iter()
        .filter_map(|j| j.job_id)
        .collect();
    let mut out: HashMap<String, Vec<u64>> = HashMap::new();
    for chunk in ids.chunks(200) {
        for j in c.get_jobs(chunk).unwrap() {
            let marker = j.custom_data.clone().unwrap_or_default();
            if marker.starts_with("gengo-sync/1 ") {
                out.entry(marker).or_default().push(j.job_id.unwrap());
            }
        }
    }
    out
}

pub fn job_count(sb: &Sandbox) -> u64 {
    sb.with_state(|s| s.summary()["jobs"].as_u64().unwrap())
}

pub fn requests(sb: &Sandbox) -> u64 {
    sb.with_state(|s| s.summary()["requests"].as_u64().unwrap())
}

/// Exactly one job per string and language among the account's gengo-sync jobs.
pub fn assert_exactly_once(sb: &Sandbox, strings: usize, langs: usize) {
    let jobs = jobs_by_marker(sb);
    let dupes: Vec<_> = jobs.iter().filter(|(_, ids)| ids.len() > 1).collect();
    assert!(dupes.is_empty(), "ordered twice: {dupes:?}");
    assert_eq!(jobs.len(), strings * langs, "{jobs:?}");
}

/// Moves the sandbox clock forward (and applies what is due).
pub fn advance(sb: &Sandbox, seconds: u64) {
    sb.with_state(|s| {
        let r = gengo_sandbox::control(
            s,
            "POST",
            "/_sandbox/advance",
            format!("{{\"seconds\": {seconds}}}").as_bytes(),
        );
        assert_eq!(r.status, 200, "{}", String::from_utf8_lossy(&r.body));
    });
}

/// Another app's jobs: `n` text jobs ordered on the demo account (without markers), in
/// orders of 200.
pub fn other_apps_jobs(sb: &Sandbox, n: usize, tag: &str) {
    sb.with_state(|s| {
        s.add_credits(State::demo_keys().0, gengo_core::Decimal::from(100_000));
        let mut i = 0;
        while i < n {
            let mut jobs = serde_json::Map::new();
            for k in i..(i + 200).min(n) {
                jobs.insert(
                    format!("job{k}"),
                    serde_json::json!({"type": "text", "slug": "other app", "body_src": format!("{tag} product description {k}"),
                        "lc_src": "en", "lc_tgt": "de", "tier": "standard", "custom_data": format!("shop-sku-{k}")}),
                );
            }
            s.seed_jobs(State::demo_keys().0, serde_json::json!({"jobs": jobs}), None)
                .unwrap();
            i += 200;
        }
    });
}

//! What came back: per-language status, waiting for translators, and writing the targets.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use gengo_core::Client;
use gengo_core::models::JobStatus;
use gengo_core::requests::{Approval, BulkAction};

use crate::push::best_jobs;
use crate::state::ItemKey;
use crate::{Error, LangStatus, Progress, Project, PullReport, Result, Status, formats};

/// How many jobs one bulk approval carries.
const JOBS_PER_APPROVAL: usize = 50;

impl Project {
    /// Per-language counts, after learning what changed at Gengo (with a client). From a
    /// fresh checkout this first reads the account (see [`crate::account`]).
    pub fn status(
        &mut self,
        client: Option<&Client>,
        progress: &mut dyn FnMut(Progress),
    ) -> Result<Status> {
        self.check_identity(false)?;
        if let Some(c) = client {
            let sources = self.sources()?;
            self.learn(c, &sources, progress)?;
            self.refresh_mine(c, &sources, progress)?;
        }
        let strings = self.scan()?;
        let mine = self.store.mine()?;
        let credits_spent = mine
            .iter()
            .filter_map(|j| j.credits.as_deref()?.parse::<gengo_core::Decimal>().ok())
            .sum();
        let best = best_jobs(mine);
        let written = self.store.written()?;
        let covered = self.store.covered()?;
        let mut out = Status {
            credits_spent,
            duplicates: best.values().filter(|(_, n)| *n > 1).count(),
            ..Default::default()
        };
        for lang in &self.config.target_languages {
            let mut st = LangStatus::default();
            for s in &strings {
                let key = s.key(lang);
                let Some((j, _)) = best.get(&key) else {
                    if covered.contains(&key) {
                        st.ordered += 1;
                    } else {
                        st.untranslated += 1;
                    }
                    continue;
                };
                if let Some(p) = &j.problem {
                    st.failed += 1;
                    out.problems.push(format!(
                        "{}:{}: {} [{lang}]: {p}",
                        s.file, s.entry.line, s.entry.key
                    ));
                    continue;
                }
                match j.status.as_deref().map(JobStatus::parse) {
                    Some(JobStatus::Pending | JobStatus::Revising) => st.in_progress += 1,
                    Some(JobStatus::Reviewable) => st.reviewable += 1,
                    Some(JobStatus::Approved) if written.contains(&key) => st.written += 1,
                    Some(JobStatus::Approved) => st.approved += 1,
                    Some(JobStatus::Rejected | JobStatus::Canceled) => {
                        st.failed += 1;
                        out.problems.push(format!(
                            "{}:{}: {} [{lang}]: job {} is {}",
                            s.file,
                            s.entry.line,
                            s.entry.key,
                            j.job_id,
                            j.status.as_deref().unwrap_or_default()
                        ));
                    }
                    _ => st.ordered += 1,
                }
            }
            out.languages.push((lang.clone(), st));
        }
        out.unconfirmed_orders = self.store.pending_intents()?.len();
        out.state = out.overall();
        Ok(out)
    }

    /// Polls Gengo every `interval` until no job of the project is ordered and untaken or
    /// in progress, or `timeout` passes; returns how many still are. `on_change` hears the
    /// count each time it changes.
    pub fn wait(
        &mut self,
        client: &Client,
        timeout: std::time::Duration,
        interval: std::time::Duration,
        on_change: &mut dyn FnMut(usize),
    ) -> Result<usize> {
        let deadline = std::time::Instant::now() + timeout;
        let mut shown = None;
        loop {
            let s = self.status(Some(client), &mut |_| {})?;
            let busy: usize = s
                .languages
                .iter()
                .map(|(_, l)| l.ordered + l.in_progress)
                .sum();
            let now = std::time::Instant::now();
            if busy == 0 || now >= deadline {
                return Ok(busy);
            }
            if shown != Some(busy) {
                on_change(busy);
                shown = Some(busy);
            }
            std::thread::sleep(interval.min(deadline - now));
        }
    }

    /// Fetches finished translations (approving reviewable jobs first with `approve`) and
    /// writes every target file: the source's shape, approved translations only. From a
    /// fresh checkout this first reads the account, so translations ordered from any
    /// checkout are pulled.
    pub fn pull(
        &mut self,
        client: &Client,
        approve: Option<Approval>,
        progress: &mut dyn FnMut(Progress),
    ) -> Result<PullReport> {
        self.check_identity(false)?;
        let sources = self.sources()?;
        self.learn(client, &sources, progress)?;
        self.refresh_mine(client, &sources, progress)?;
        let mut report = PullReport::default();
        let strings = self.scan()?;
        let current: HashSet<ItemKey> = self
            .config
            .target_languages
            .iter()
            .flat_map(|l| strings.iter().map(move |s| s.key(l)))
            .collect();
        if let Some(a) = approve {
            let reviewable: Vec<u64> = best_jobs(self.store.mine()?)
                .into_iter()
                .filter(|(k, (j, _))| {
                    current.contains(k)
                        && j.status.as_deref() == Some("reviewable")
                        && j.problem.is_none()
                })
                .map(|(_, (j, _))| j.job_id)
                .collect();
            for chunk in reviewable.chunks(JOBS_PER_APPROVAL) {
                let each = chunk.iter().map(|id| (*id, a.clone())).collect();
                client.update_jobs(&BulkAction::Approve(each))?;
            }
            report.approved = reviewable.len();
            if !reviewable.is_empty() {
                self.read(client, &reviewable, &sources, progress)?;
            }
        }
        let translations: HashMap<ItemKey, String> = best_jobs(self.store.mine()?)
            .into_iter()
            .filter(|(_, (j, _))| j.status.as_deref() == Some("approved") && j.problem.is_none())
            .filter_map(|(k, (j, _))| Some((k, j.translation?)))
            .collect();
        let mut written_keys = Vec::new();
        for f in &self.config.files {
            let format = f.format()?;
            let source = std::fs::read_to_string(self.root.join(&f.source))
                .map_err(|e| Error::input(format!("{}: {e}", f.source)))?;
            for lang in &self.config.target_languages {
                let used = std::cell::RefCell::new(Vec::new());
                let lookup = |e: &formats::Entry| {
                    let (sid, hash) = crate::project::identity(&f.source, e);
                    let key =
                        ItemKey::from_hex(&sid, &hash, lang).expect("identities are 16 hex digits");
                    let t = translations.get(&key).cloned();
                    if t.is_some() {
                        used.borrow_mut().push(key);
                    }
                    t
                };
                let text = format
                    .write(&source, &self.config.source_language, lang, &lookup)
                    .map_err(|e| Error::input(format!("{}: {e}", f.source)))?;
                let used = used.into_inner();
                let target = f.target_for(lang);
                write_atomically(&self.root.join(&target), &text)
                    .map_err(|e| Error::input(format!("{target}: cannot write: {e}")))?;
                report.written += used.len();
                written_keys.extend(used);
                report.files.push(target);
            }
        }
        self.store.set_written(&written_keys, true)?;
        report.problems = self.status(None, &mut |_| {})?.problems;
        Ok(report)
    }
}

fn write_atomically(path: &Path, text: &str) -> std::io::Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let tmp = path.with_extension("gengo-sync.tmp");
    std::fs::write(&tmp, text)?;
    std::fs::rename(&tmp, path).inspect_err(|_| {
        let _ = std::fs::remove_file(&tmp);
    })
}

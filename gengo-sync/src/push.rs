//! Ordering what is new or changed, each string exactly once per source text and language,
//! from any checkout, by any number of runs at once.
//!
//! 1. An unchanged project (every string covered by a job the cache knows) sends nothing.
//! 2. Otherwise the run first learns what the account holds ([`crate::account`]): strings
//!    ordered from another checkout, a lost cache or an interrupted run are found by their
//!    markers and not ordered again.
//! 3. What is left is cut into orders at content-defined points (`chunks`): two runs
//!    that order the same strings send byte-identical orders, so Gengo refuses the second
//!    copy as a duplicate (error 1754, within five minutes), and the run that loses waits
//!    for the winner's jobs to appear, records them and goes on.
//! 4. Before each order is sent its *intent* is committed to the cache; a run killed after
//!    sending finds it and looks for its jobs before ordering anything.
//! 5. Afterwards the run reads the jobs it ordered; a string that two runs with different
//!    edits ordered twice is found there, and the younger job is canceled while it is
//!    still `available` (Gengo refunds it).

use std::collections::HashMap;
use std::time::{Duration, Instant};

use gengo_core::models::JobStatus;
use gengo_core::{Client, ErrorKind};
use serde_json::{Map, Value, json};

use crate::project::short_hash;
use crate::state::{ItemKey, JobRow};
use crate::{Error, Progress, Project, PushOptions, PushReport, Result, SourceString};

/// A test hook: `GENGO_SYNC_CRASH_AT=before-post|after-post|between-chunks|after-first-read`
/// kills the process with SIGKILL at that point of a push (the kill-and-resume tests use it).
pub(crate) fn crash_point(name: &str) {
    if std::env::var("GENGO_SYNC_CRASH_AT").is_ok_and(|v| v == name) {
        let _ = std::process::Command::new("kill")
            .args(["-KILL", &std::process::id().to_string()])
            .status();
        loop {
            std::thread::sleep(Duration::from_secs(1));
        }
    }
}

/// A test hook: `GENGO_SYNC_BARRIER=DIR:N` holds a push before its first order until N
/// runs have come that far (each leaves a file in DIR; up to 60 s), so that a test can
/// start two runs' orders at the same moment.
fn barrier() {
    static PASSED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);
    let Ok(spec) = std::env::var("GENGO_SYNC_BARRIER") else {
        return;
    };
    if PASSED.swap(true, std::sync::atomic::Ordering::SeqCst) {
        return;
    }
    let Some((dir, n)) = spec.rsplit_once(':') else {
        return;
    };
    let n: usize = n.parse().unwrap_or(1);
    let _ = std::fs::create_dir_all(dir);
    let _ = std::fs::write(format!("{dir}/{}", std::process::id()), "");
    let deadline = Instant::now() + Duration::from_secs(60);
    while Instant::now() < deadline && std::fs::read_dir(dir).map(|d| d.count()).unwrap_or(0) < n {
        std::thread::sleep(Duration::from_millis(10));
    }
}

fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

/// Whether an order that failed this way may still have been placed (the answer was lost).
fn outcome_unknown(e: &gengo_core::Error) -> bool {
    matches!(
        e.kind(),
        ErrorKind::Transport
            | ErrorKind::Timeout
            | ErrorKind::Decode
            | ErrorKind::Http
            | ErrorKind::Tls
    )
}

/// What became of an order sent.
enum Sent {
    /// Gengo placed it.
    Placed(Option<u64>),
    /// Gengo already has this exact payload (1754), and its jobs were found.
    Found,
}

/// One string in one language to order.
type Todo<'a> = (&'a SourceString, &'a str);

/// Cuts the strings to order into orders of at most `max` jobs, one language each, at
/// content-defined points: after a job whose (identity, language) hash is 0 modulo `max`,
/// or when an order is full. Two runs that order the same strings cut them alike, and a
/// run that misses some strings (another run ordered them first) cuts the rest as that
/// run did, so their orders are byte-identical and Gengo's duplicate rule sees them.
pub(crate) fn chunks<'a>(todo: &[Todo<'a>], max: usize) -> Vec<Vec<Todo<'a>>> {
    let max = max.max(1);
    let mut out: Vec<Vec<Todo<'a>>> = Vec::new();
    let mut cur: Vec<Todo<'a>> = Vec::new();
    for &(s, lang) in todo {
        if cur.last().is_some_and(|(_, l)| *l != lang) {
            out.push(std::mem::take(&mut cur));
        }
        cur.push((s, lang));
        let h = u64::from_str_radix(&short_hash(&[&s.id, lang])[..15], 16).unwrap_or(0);
        if cur.len() >= max || h % max as u64 == 0 {
            out.push(std::mem::take(&mut cur));
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// How good a job is to stand for its string: the most advanced wins.
pub(crate) fn rank(status: Option<&str>) -> i32 {
    match status.map(JobStatus::parse) {
        Some(JobStatus::Approved) => 6,
        Some(JobStatus::Reviewable) => 5,
        Some(JobStatus::Revising) => 4,
        Some(JobStatus::Pending) => 3,
        Some(JobStatus::Available) => 2,
        Some(JobStatus::Rejected) => 0,
        Some(JobStatus::Canceled) => -1,
        _ => 1,
    }
}

/// The job that stands for each item (the most advanced, then the oldest), and how many
/// of the item's jobs are live (not canceled).
pub(crate) fn best_jobs(mine: Vec<JobRow>) -> HashMap<ItemKey, (JobRow, usize)> {
    let mut out: HashMap<ItemKey, (JobRow, usize)> = HashMap::new();
    for j in mine {
        let Some(k) = j.item.clone() else { continue };
        let live = usize::from(rank(j.status.as_deref()) >= 0);
        match out.get_mut(&k) {
            None => {
                out.insert(k, (j, live));
            }
            Some((best, n)) => {
                *n += live;
                let better = (rank(j.status.as_deref()), std::cmp::Reverse(j.job_id))
                    > (rank(best.status.as_deref()), std::cmp::Reverse(best.job_id));
                if better {
                    *best = j;
                }
            }
        }
    }
    out
}

impl Project {
    fn order_payload(&self, chunk: &[Todo<'_>]) -> (Value, Vec<ItemKey>) {
        let mut jobs = Map::new();
        let mut items = Vec::new();
        for (s, lang) in chunk {
            jobs.insert(format!("{}-{}", s.id, lang), self.job_payload(s, lang));
            items.push(s.key(lang));
        }
        let mut payload = json!({ "jobs": jobs });
        if let Some(c) = &self.config.comment {
            payload["comment"] = json!(c);
        }
        (payload, items)
    }

    /// Orders every string that is new or changed since it was last ordered (from any
    /// checkout), in orders of at most `jobs_per_order` jobs. An unchanged project sends
    /// no request at all.
    pub fn push(
        &mut self,
        client: &Client,
        opts: &PushOptions,
        progress: &mut dyn FnMut(Progress),
    ) -> Result<PushReport> {
        self.check_identity(opts.new_project)?;
        let strings = self.scan()?;
        let mut report = PushReport {
            dry_run: opts.dry_run,
            ..Default::default()
        };
        let langs = self.config.target_languages.clone();
        let keys = || {
            langs
                .iter()
                .flat_map(|l| strings.iter().map(move |s| s.key(l)))
        };
        let known = self.store.covered()?;
        let sources: crate::account::Sources = strings
            .iter()
            .map(|s| {
                let k = s.key("");
                ((k.sid, k.hash), s.entry.text.clone())
            })
            .collect();
        if keys().all(|k| known.contains(&k)) && self.store.pending_intents()?.is_empty() {
            // Nothing to order: no request, unless the cache knows of strings ordered
            // twice by concurrent runs that can still be canceled.
            report.canceled_duplicates = self.cancel_duplicates(client, &sources, progress)?;
            return Ok(report);
        }
        // Learn what the account holds before ordering anything.
        report.read_jobs = self.learn(client, &sources, progress)?;
        let found = self.store.mine_items()?;
        report.found_jobs = keys()
            .filter(|k| found.contains(k) && !known.contains(k))
            .count();
        drop((found, known));
        self.settle_intents(client, opts, &sources, progress, &mut report)?;
        report.canceled_duplicates = self.cancel_duplicates(client, &sources, progress)?;

        let covered = self.store.covered()?;
        let todo: Vec<Todo<'_>> = langs
            .iter()
            .flat_map(|l| strings.iter().map(move |s| (s, l.as_str())))
            .filter(|(s, l)| !covered.contains(&s.key(l)))
            .collect();
        report.jobs = todo.len();
        if todo.is_empty() {
            return Ok(report);
        }
        let chunks = chunks(&todo, self.config.jobs_per_order);
        // Quote everything first: the total is known (and capped) before anything is spent.
        for chunk in &chunks {
            let (payload, _) = self.order_payload(chunk);
            let q = client.call("quote", &json!({ "jobs": payload["jobs"] }))?;
            if let Some(m) = q.get("jobs").and_then(Value::as_object) {
                for v in m.values() {
                    report.quoted_credits += crate::decimal(&v["credits"]);
                }
            }
        }
        if opts.dry_run {
            return Ok(report);
        }
        if let Some(max) = opts.max_credits
            && report.quoted_credits > max
        {
            return Err(Error::input(format!(
                "the quote is {} credits, over --max-credits {max}; nothing was ordered",
                report.quoted_credits
            )));
        }
        let total = todo.len();
        let mut done = 0;
        for chunk in &chunks {
            let (payload, items) = self.order_payload(chunk);
            let intent = self
                .store
                .begin_intent(now(), &payload.to_string(), &items)?;
            crash_point("before-post");
            barrier();
            match self.send(client, intent, &payload, opts, &sources, progress)? {
                Sent::Placed(order_id) => {
                    report.orders.extend(order_id);
                    report.ordered_jobs += items.len();
                }
                Sent::Found => report.concurrent_jobs += items.len(),
            }
            done += chunk.len();
            progress(Progress::Ordered { done, total });
            crash_point("between-chunks");
        }
        // Read what was just ordered (the next run need not), and cancel what a run with
        // other edits ordered at the same time.
        self.learn(client, &sources, progress)?;
        report.canceled_duplicates += self.cancel_duplicates(client, &sources, progress)?;
        Ok(report)
    }

    /// Sends an intent's payload and records the answer. A duplicate (1754) means Gengo
    /// has this payload from another run, or from this one before it was killed: wait for
    /// its jobs.
    fn send(
        &mut self,
        client: &Client,
        intent: i64,
        payload: &Value,
        opts: &PushOptions,
        sources: &crate::account::Sources,
        progress: &mut dyn FnMut(Progress),
    ) -> Result<Sent> {
        match client.call("order_jobs", payload) {
            Ok(r) => {
                crash_point("after-post");
                let order_id = r.get("order_id").and_then(crate::as_u64);
                self.store.place_intent(intent, order_id)?;
                Ok(Sent::Placed(order_id))
            }
            Err(e) if e.codes().contains(&1754) => {
                self.store.mark_duplicate(intent)?;
                self.wait_for_intent(client, intent, opts, sources, progress)?;
                Ok(Sent::Found)
            }
            Err(e) if outcome_unknown(&e) => Err(Error::Api(e)),
            Err(e) => {
                self.store.end_intent(intent)?;
                Err(Error::Api(e))
            }
        }
    }

    /// Waits until the jobs of an intent that Gengo refused as a duplicate can be read
    /// (polling the account), up to `opts.duplicate_wait`.
    fn wait_for_intent(
        &mut self,
        client: &Client,
        intent: i64,
        opts: &PushOptions,
        sources: &crate::account::Sources,
        progress: &mut dyn FnMut(Progress),
    ) -> Result<()> {
        let items = self.store.intent_items(intent)?;
        let deadline = Instant::now() + opts.duplicate_wait;
        let interval = if client.config().is_gengo_host() {
            Duration::from_secs(10)
        } else {
            Duration::from_millis(200)
        };
        loop {
            self.learn(client, sources, progress)?;
            let mine = self.store.mine_items()?;
            if items.iter().any(|k| mine.contains(k)) {
                self.store.end_intent(intent)?;
                return Ok(());
            }
            let now = Instant::now();
            if now >= deadline {
                return Err(Error::refused(format!(
                    "Gengo already has an identical order (error 1754: the same payload within its five-minute \
                     window, from another run or an interrupted one), and its {} jobs have not appeared after {} s; \
                     it was not placed twice and nothing else was ordered. Run push again in a few minutes",
                    items.len(),
                    opts.duplicate_wait.as_secs()
                )));
            }
            std::thread::sleep(interval.min(deadline - now));
        }
    }

    /// Settles intents whose jobs are not known yet (the process died, or Gengo answered
    /// 1754): found at Gengo, they end; not found, the same payload is sent again (a copy
    /// of one Gengo did receive is refused as a duplicate, not ordered twice).
    fn settle_intents(
        &mut self,
        client: &Client,
        opts: &PushOptions,
        sources: &crate::account::Sources,
        progress: &mut dyn FnMut(Progress),
        report: &mut PushReport,
    ) -> Result<()> {
        for intent in self.store.pending_intents()? {
            let items = self.store.intent_items(intent.id)?;
            let mine = self.store.mine_items()?;
            let found = items.iter().filter(|k| mine.contains(k)).count();
            if found > 0 {
                report.reconciled_jobs += found;
                self.store.end_intent(intent.id)?;
                continue;
            }
            match intent.state.as_str() {
                "open" => {
                    let payload: Value = serde_json::from_str(&intent.payload)
                        .map_err(|e| Error::input(format!("cache: intent {}: {e}", intent.id)))?;
                    match self.send(client, intent.id, &payload, opts, sources, progress)? {
                        Sent::Placed(order_id) => {
                            report.orders.extend(order_id);
                            report.ordered_jobs += items.len();
                        }
                        Sent::Found => report.reconciled_jobs += items.len(),
                    }
                }
                "duplicate" => {
                    self.wait_for_intent(client, intent.id, opts, sources, progress)?;
                    report.reconciled_jobs += items.len();
                }
                // Placed: its jobs are asked of its order while learning.
                _ => {}
            }
        }
        Ok(())
    }

    /// Cancels the younger jobs of a string that two runs ordered twice, while no
    /// translator has taken them (Gengo refunds them); returns how many were canceled.
    /// Sends nothing when the cache knows of no such job.
    fn cancel_duplicates(
        &mut self,
        client: &Client,
        sources: &crate::account::Sources,
        progress: &mut dyn FnMut(Progress),
    ) -> Result<usize> {
        let mine = self.store.ordered_twice()?;
        if mine.is_empty() {
            return Ok(0);
        }
        let best = best_jobs(mine.clone());
        let mut tried = Vec::new();
        let mut canceled = 0;
        for j in mine {
            let Some(k) = &j.item else { continue };
            let Some((keep, n)) = best.get(k) else {
                continue;
            };
            // Queued or available (a queued one may be available by now; Gengo says no
            // to the rest).
            if *n < 2 || keep.job_id == j.job_id || !(1..=2).contains(&rank(j.status.as_deref())) {
                continue;
            }
            tried.push(j.job_id);
            match client.cancel_job(j.job_id) {
                Ok(()) => canceled += 1,
                Err(e) => log::warn!(
                    "job {} was ordered twice and cannot be canceled: {e}",
                    j.job_id
                ),
            }
        }
        // Read them again: canceled, or taken by a translator meanwhile.
        if !tried.is_empty() {
            self.read(client, &tried, sources, progress)?;
        }
        Ok(canceled)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formats::Entry;

    fn strings(n: usize) -> Vec<SourceString> {
        (0..n)
            .map(|i| {
                let entry = Entry {
                    key: format!("key{i}"),
                    context: None,
                    text: format!("Text {i}"),
                    line: i + 1,
                };
                let (id, hash) = crate::project::identity("en.json", &entry);
                SourceString {
                    id,
                    file: "en.json".into(),
                    entry,
                    hash,
                }
            })
            .collect()
    }

    fn ids(c: &[Vec<Todo<'_>>]) -> Vec<Vec<String>> {
        c.iter()
            .map(|x| {
                x.iter()
                    .map(|(s, l)| format!("{}-{l}", s.entry.key))
                    .collect()
            })
            .collect()
    }

    #[test]
    fn orders_are_cut_where_the_content_says_so_two_runs_cut_alike() {
        let s = strings(400);
        let todo: Vec<Todo<'_>> = ["ja", "fr"]
            .iter()
            .flat_map(|l| s.iter().map(move |x| (x, *l)))
            .collect();
        let all = chunks(&todo, 20);
        assert_eq!(ids(&all), ids(&chunks(&todo, 20)), "deterministic");
        assert!(all.iter().all(|c| !c.is_empty() && c.len() <= 20));
        assert!(
            all.iter().all(|c| c.iter().all(|(_, l)| *l == c[0].1)),
            "one language each"
        );
        assert!(
            all.len() > todo.len() / 20,
            "cut by content, not only when full"
        );
        // A run that finds the first two orders placed (by another run) cuts the rest alike.
        let placed = all[0].len() + all[1].len();
        assert_eq!(ids(&chunks(&todo[placed..], 20)), ids(&all[2..]));
        // A run missing one string differs only in the order that held it.
        let missing = 100;
        let fewer: Vec<Todo<'_>> = todo
            .iter()
            .enumerate()
            .filter(|(i, _)| *i != missing)
            .map(|(_, t)| *t)
            .collect();
        let other = chunks(&fewer, 20);
        let a: std::collections::HashSet<_> = ids(&all).into_iter().collect();
        let b: std::collections::HashSet<_> = ids(&other).into_iter().collect();
        assert!(
            a.symmetric_difference(&b).count() <= 4,
            "{} orders differ",
            a.symmetric_difference(&b).count()
        );
        // Orders of one job when asked.
        assert!(chunks(&todo[..5], 1).iter().all(|c| c.len() == 1));
    }
}

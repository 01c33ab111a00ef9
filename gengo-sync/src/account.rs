//! Learning what the account holds: the account's jobs and their markers are the truth;
//! the cache remembers what it has read so that the next run reads only what is new.
//!
//! A cache that is missing, from another machine or months old costs one listing and
//! one read per [`JOBS_PER_READ`] jobs of the account (every job of the account is
//! listed: a project finds its own among any number of others'); a warm cache costs one
//! listing of the jobs created since its watermark and the reads of those it has not
//! seen. Reading is resumable: listed ids wait in the cache until read.

use std::collections::HashMap;

use gengo_core::models::{Job, JobStatus};
use gengo_core::requests::JobFilter;
use gengo_core::{Client, ErrorKind};

use crate::state::JobRow;
use crate::{Error, Progress, Project, Result, placeholders};

/// How many jobs `translate/jobs/{ids}` is asked for at once (an URL of about 2 KB).
pub const JOBS_PER_READ: usize = 200;

/// How far before its watermark the cache lists again (seconds of Gengo's clock): jobs of
/// an order Gengo was still creating at the last listing appear later with an earlier
/// creation time.
pub const RELIST_MARGIN: i64 = 86_400;

/// Error codes of a read by ids that concern one of the ids, not the call: the batch is
/// split until the id is found (and recorded as not ours).
const ID_ERRORS: [i64; 3] = [2050, 2100, 2150];

/// The source text of each (identity, hash), for checking translations' placeholders.
pub(crate) type Sources = HashMap<(u64, u64), String>;

impl Project {
    /// Binds the cache to the client's account (base URL and public key): what it learnt
    /// of another account is forgotten, unless it still waits for an order there.
    fn bind_account(&mut self, client: &Client) -> Result<()> {
        let c = client.config();
        let account = format!("{} {}", c.base_url(), c.public_key().unwrap_or("(token)"));
        match self.store.meta("account")? {
            Some(a) if a == account => Ok(()),
            Some(a) if !self.store.pending_intents()?.is_empty() => Err(Error::refused(format!(
                "this checkout has an order on its way on another account ({}); run once more against it \
                 (or delete .gengo/ to forget it); nothing was ordered",
                a.split(' ').next().unwrap_or_default()
            ))),
            Some(_) => {
                self.store.forget_account()?;
                self.store.set_meta("project", &self.project)?;
                self.store.set_meta("account", &account)
            }
            None => self.store.set_meta("account", &account),
        }
    }

    pub(crate) fn sources(&self) -> Result<Sources> {
        Ok(self
            .scan()?
            .into_iter()
            .map(|s| {
                let k = s.key("");
                ((k.sid, k.hash), s.entry.text)
            })
            .collect())
    }

    /// Learns the jobs created on the account since the cache's watermark (every job, on
    /// a new cache), reads the ones it has not read, and settles intents whose jobs are
    /// now known. Returns how many jobs were read.
    pub(crate) fn learn(
        &mut self,
        client: &Client,
        sources: &Sources,
        progress: &mut dyn FnMut(Progress),
    ) -> Result<usize> {
        self.bind_account(client)?;
        let watermark: Option<i64> = self
            .store
            .meta("listed_through")?
            .and_then(|w| w.parse().ok());
        let since = watermark.map_or(0, |w| (w - RELIST_MARGIN).max(0));
        // Without `count`, Gengo lists every job created after `timestamp_after`
        // (Decision D21).
        let listed = client.list_jobs(&JobFilter {
            timestamp_after: Some(since as u64),
            ..Default::default()
        })?;
        let newest = listed
            .iter()
            .filter_map(|j| j.ctime.as_ref()?.epoch())
            .max();
        let ids: Vec<u64> = listed.iter().filter_map(|j| j.job_id).collect();
        let through = match (watermark, newest) {
            (Some(w), Some(n)) => Some(w.max(n)),
            (w, n) => w.or(n).or(Some(0)),
        };
        self.store.add_listed(&ids, through)?;
        let read = self.read_unread(client, sources, progress)?;
        self.settle_placed(client, sources, progress)?;
        Ok(read)
    }

    /// Reads every listed job the cache has not read yet.
    fn read_unread(
        &mut self,
        client: &Client,
        sources: &Sources,
        progress: &mut dyn FnMut(Progress),
    ) -> Result<usize> {
        let ids = self.store.unread()?;
        self.read(client, &ids, sources, progress)?;
        Ok(ids.len())
    }

    /// Reads `ids` in batches and records each job (ours by marker, or not ours).
    pub(crate) fn read(
        &mut self,
        client: &Client,
        ids: &[u64],
        sources: &Sources,
        progress: &mut dyn FnMut(Progress),
    ) -> Result<()> {
        let total = ids.len();
        let mut done = 0;
        for chunk in ids.chunks(JOBS_PER_READ) {
            let jobs = read_batch(client, chunk)?;
            let rows: Vec<JobRow> = jobs.iter().filter_map(|j| self.row(j, sources)).collect();
            self.store.record_jobs(&rows, chunk)?;
            done += chunk.len();
            progress(Progress::Scanned { done, total });
            if done < total {
                crate::push::crash_point("after-first-read");
            }
        }
        Ok(())
    }

    /// What the cache keeps of a job.
    fn row(&self, job: &Job, sources: &Sources) -> Option<JobRow> {
        let job_id = job.job_id?;
        let item = job.custom_data.as_deref().and_then(|c| self.read_marker(c));
        let readable = matches!(
            job.status,
            Some(JobStatus::Reviewable | JobStatus::Approved)
        );
        let translation = job
            .body_tgt
            .as_deref()
            .filter(|_| readable && item.is_some())
            .map(placeholders::unprotect);
        let problem = match (&translation, &item) {
            (Some(t), Some(k)) => sources
                .get(&(k.sid, k.hash))
                .and_then(|src| placeholders::check(src, t).err()),
            _ => None,
        };
        Some(JobRow {
            job_id,
            ctime: job.ctime.as_ref().and_then(|t| t.epoch()),
            order_id: job.order_id,
            status: job.status.as_ref().map(|s| s.to_string()),
            credits: item.as_ref().and(job.credits).map(|c| c.to_string()),
            translation,
            problem,
            item,
        })
    }

    /// Reads again every job of the project that can still change (not approved,
    /// rejected or canceled).
    pub(crate) fn refresh_mine(
        &mut self,
        client: &Client,
        sources: &Sources,
        progress: &mut dyn FnMut(Progress),
    ) -> Result<()> {
        let ids = self.store.mine_unfinished()?;
        self.read(client, &ids, sources, progress)
    }

    /// Ends the placed intents whose jobs are all read; for the others, asks Gengo for
    /// the order's jobs (an order's jobs can appear after the listing saw it) and reads
    /// them.
    fn settle_placed(
        &mut self,
        client: &Client,
        sources: &Sources,
        progress: &mut dyn FnMut(Progress),
    ) -> Result<()> {
        let mine = self.store.mine_items()?;
        for intent in self.store.pending_intents()? {
            if intent.state != "placed" {
                continue;
            }
            let items = self.store.intent_items(intent.id)?;
            if items.iter().all(|k| mine.contains(k)) {
                self.store.end_intent(intent.id)?;
                continue;
            }
            let Some(order_id) = intent.order_id else {
                continue;
            };
            let order = client.get_order(order_id)?;
            let ids = order.job_ids();
            self.store.add_listed(&ids, None)?;
            self.read_unread(client, sources, progress)?;
            let mine = self.store.mine_items()?;
            // Every job of the order is read once Gengo has created them all.
            if items.iter().all(|k| mine.contains(k)) || order.is_processed() {
                self.store.end_intent(intent.id)?;
            }
        }
        Ok(())
    }
}

/// Reads a batch of jobs; an error that concerns one of the ids splits the batch until
/// that id is left out.
fn read_batch(client: &Client, ids: &[u64]) -> Result<Vec<Job>> {
    match client.get_jobs(ids) {
        Ok(jobs) => Ok(jobs),
        Err(e) if about_an_id(&e) => {
            if ids.len() == 1 {
                log::warn!(
                    "job {} cannot be read ({e}); it is not this project's",
                    ids[0]
                );
                return Ok(Vec::new());
            }
            let (a, b) = ids.split_at(ids.len() / 2);
            let mut jobs = read_batch(client, a)?;
            jobs.extend(read_batch(client, b)?);
            Ok(jobs)
        }
        Err(e) => Err(Error::Api(e)),
    }
}

fn about_an_id(e: &gengo_core::Error) -> bool {
    match e.kind() {
        ErrorKind::Api => e.codes().iter().any(|c| ID_ERRORS.contains(c)),
        ErrorKind::Http => matches!(e.http_status(), Some(404 | 414)),
        _ => false,
    }
}

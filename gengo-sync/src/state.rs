//! The local cache (`.gengo/sync.db`, SQLite): what this checkout has learnt of the
//! account, and the orders it is sending.
//!
//! Gengo is the truth: every job the project ordered carries its marker in `custom_data`,
//! so the cache can be deleted at any time and rebuilt from the account ([`crate::account`]).
//! What only the cache knows is short-lived: an order's *intent* (committed before the
//! order is sent, so a killed run knows to look for it) and which translations were written
//! into the target files. Every change that must survive a crash is one transaction.

use std::collections::HashSet;
use std::path::Path;

use rusqlite::{Connection, OptionalExtension, params};

use crate::Result;

/// A string in one language: (identity, source-text hash, language). The two hashes are
/// held as numbers (written as 16 hex digits in markers and in the cache), so that a
/// project's 300,000 keys fit in a few tens of megabytes.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ItemKey {
    /// The string's identity (file, key, context), hashed.
    pub sid: u64,
    /// Hash of the source text.
    pub hash: u64,
    /// Target language.
    pub lang: String,
}

impl ItemKey {
    /// From the 16-hex-digit forms of the identity and the hash.
    pub fn from_hex(sid: &str, hash: &str, lang: &str) -> Option<ItemKey> {
        let hex16 = |s: &str| {
            (s.len() == 16 && s.bytes().all(|b| b.is_ascii_hexdigit()))
                .then(|| u64::from_str_radix(s, 16).ok())
                .flatten()
        };
        Some(ItemKey {
            sid: hex16(sid)?,
            hash: hex16(hash)?,
            lang: lang.to_string(),
        })
    }

    /// The identity as 16 hex digits.
    pub fn sid_hex(&self) -> String {
        format!("{:016x}", self.sid)
    }

    /// The source-text hash as 16 hex digits.
    pub fn hash_hex(&self) -> String {
        format!("{:016x}", self.hash)
    }
}

/// An item read from three text columns (identity, hash, language), when well formed.
fn key_at(r: &rusqlite::Row<'_>, at: usize) -> rusqlite::Result<Option<ItemKey>> {
    let sid: Option<String> = r.get(at)?;
    let hash: Option<String> = r.get(at + 1)?;
    let lang: Option<String> = r.get(at + 2)?;
    Ok(match (sid, hash, lang) {
        (Some(s), Some(h), Some(l)) => ItemKey::from_hex(&s, &h, &l),
        _ => None,
    })
}

/// Keys read by a query of (identity, hash, language) rows.
fn keys(mut st: rusqlite::Statement<'_>, p: impl rusqlite::Params) -> Result<HashSet<ItemKey>> {
    let rows = st.query_map(p, |r| key_at(r, 0))?;
    let mut out = HashSet::new();
    for k in rows {
        out.extend(k?);
    }
    Ok(out)
}

/// A job of the account as last read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JobRow {
    /// Gengo's job id.
    pub job_id: u64,
    /// Creation time (Gengo's clock), when known.
    pub ctime: Option<i64>,
    /// The item it translates, when it carries this project's marker (`None`: not ours).
    pub item: Option<ItemKey>,
    /// Gengo's order id.
    pub order_id: Option<u64>,
    /// The job's status.
    pub status: Option<String>,
    /// Credits charged (decimal text).
    pub credits: Option<String>,
    /// The translation (markers removed), when reviewable or approved.
    pub translation: Option<String>,
    /// Why the translation cannot be written (placeholders differ), if so.
    pub problem: Option<String>,
}

/// An order as recorded before it was sent.
#[derive(Debug, Clone)]
pub struct Intent {
    /// Its id.
    pub id: i64,
    /// Unix time it was recorded (local clock).
    pub created: i64,
    /// The exact order payload (JSON), to send again byte for byte (empty once placed).
    pub payload: String,
    /// `open` (sent or about to be, answer not recorded), `duplicate` (Gengo said 1754:
    /// it has this payload) or `placed` (Gengo answered with an order id; its jobs are not
    /// all read yet).
    pub state: String,
    /// Gengo's order id, once placed.
    pub order_id: Option<u64>,
}

/// The cache.
pub struct Store {
    conn: Connection,
}

/// The cache's schema version (`meta.schema`).
const SCHEMA_VERSION: &str = "2";

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS meta (k TEXT PRIMARY KEY, v TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS jobs (
    job_id INTEGER PRIMARY KEY,
    ctime INTEGER,
    sid TEXT,
    hash TEXT,
    lang TEXT,
    order_id INTEGER,
    status TEXT,
    credits TEXT,
    translation TEXT,
    problem TEXT
);
CREATE INDEX IF NOT EXISTS jobs_by_item ON jobs(sid, lang, hash) WHERE sid IS NOT NULL;
CREATE TABLE IF NOT EXISTS unread (job_id INTEGER PRIMARY KEY);
CREATE TABLE IF NOT EXISTS intents (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    created INTEGER NOT NULL,
    payload TEXT NOT NULL,
    state TEXT NOT NULL,
    order_id INTEGER
);
CREATE TABLE IF NOT EXISTS intent_items (
    intent_id INTEGER NOT NULL REFERENCES intents(id) ON DELETE CASCADE,
    sid TEXT NOT NULL,
    hash TEXT NOT NULL,
    lang TEXT NOT NULL,
    PRIMARY KEY (intent_id, sid, lang, hash)
);
CREATE TABLE IF NOT EXISTS written (
    sid TEXT NOT NULL,
    hash TEXT NOT NULL,
    lang TEXT NOT NULL,
    PRIMARY KEY (sid, lang, hash)
);
";

const JOB_COLS: &str =
    "job_id, ctime, sid, hash, lang, order_id, status, credits, translation, problem";

fn job_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<JobRow> {
    Ok(JobRow {
        job_id: r.get::<_, i64>(0)? as u64,
        ctime: r.get(1)?,
        item: key_at(r, 2)?,
        order_id: r.get::<_, Option<i64>>(5)?.map(|x| x as u64),
        status: r.get(6)?,
        credits: r.get(7)?,
        translation: r.get(8)?,
        problem: r.get(9)?,
    })
}

/// What an existing cache file of an earlier gengo-sync (schema 1) held.
#[derive(Debug, Clone)]
pub struct Legacy {
    /// The project identity it made up (`p` and 10 hex digits) when none was configured.
    pub project: Option<String>,
}

impl Store {
    /// Opens (creating) the cache at `path`. A cache of an earlier gengo-sync is moved
    /// aside (`sync.db.v1`) and what it said is returned, so the caller can refuse to
    /// order under a new identity.
    pub fn open(path: &Path) -> Result<(Store, Option<Legacy>)> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)
                .map_err(|e| crate::Error::input(format!("{}: {e}", dir.display())))?;
            // The folder ignores itself: nothing in it is ever committed (as a Python venv
            // does), so no project has to list it in its .gitignore.
            let ignore = dir.join(".gitignore");
            if !ignore.exists() {
                let _ = std::fs::write(ignore, "# gengo sync's local cache: never committed\n*\n");
            }
        }
        let mut legacy = None;
        if path.exists() {
            let conn = Connection::open(path)?;
            let old: bool = conn
                .query_row(
                    "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'items'",
                    [],
                    |_| Ok(()),
                )
                .optional()?
                .is_some();
            if old {
                let project: Option<String> = conn
                    .query_row("SELECT v FROM meta WHERE k = 'project'", [], |r| r.get(0))
                    .optional()?;
                drop(conn);
                let aside = path.with_extension("db.v1");
                std::fs::rename(path, &aside)
                    .map_err(|e| crate::Error::input(format!("{}: {e}", path.display())))?;
                for ext in ["db-wal", "db-shm"] {
                    let _ = std::fs::remove_file(path.with_extension(ext));
                }
                legacy = Some(Legacy { project });
            }
        }
        let conn = Connection::open(path)?;
        // Durable commits: an intent recorded is on disk before the order is sent.
        conn.execute_batch(
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;",
        )?;
        conn.execute_batch(SCHEMA)?;
        let store = Store { conn };
        store.set_meta("schema", SCHEMA_VERSION)?;
        Ok((store, legacy))
    }

    /// A value of the meta table.
    pub fn meta(&self, k: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row("SELECT v FROM meta WHERE k = ?1", [k], |r| r.get(0))
            .optional()?)
    }

    /// Sets a value of the meta table.
    pub fn set_meta(&self, k: &str, v: &str) -> Result<()> {
        self.conn.execute(
            "INSERT INTO meta (k, v) VALUES (?1, ?2) ON CONFLICT(k) DO UPDATE SET v = excluded.v",
            [k, v],
        )?;
        Ok(())
    }

    /// Forgets everything learnt from the account (jobs, unread ids, the listing's
    /// watermark, written flags); intents are kept.
    pub fn forget_account(&mut self) -> Result<()> {
        let tx = self.conn.transaction()?;
        tx.execute_batch(
            "DELETE FROM jobs; DELETE FROM unread; DELETE FROM written;
             DELETE FROM meta WHERE k IN ('listed_through', 'account', 'project');",
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Records listed job ids that the cache has not read yet, and the listing's new
    /// watermark, in one transaction. Returns how many ids are new.
    pub fn add_listed(&mut self, ids: &[u64], listed_through: Option<i64>) -> Result<usize> {
        let tx = self.conn.transaction()?;
        let mut n = 0;
        {
            let mut st = tx.prepare(
                "INSERT OR IGNORE INTO unread (job_id)
                 SELECT ?1 WHERE NOT EXISTS (SELECT 1 FROM jobs WHERE job_id = ?1)",
            )?;
            for id in ids {
                n += st.execute([*id as i64])?;
            }
        }
        if let Some(t) = listed_through {
            tx.execute(
                "INSERT INTO meta (k, v) VALUES ('listed_through', ?1)
                 ON CONFLICT(k) DO UPDATE SET v = excluded.v",
                [t.to_string()],
            )?;
        }
        tx.commit()?;
        Ok(n)
    }

    /// Job ids listed but not read yet, lowest first.
    pub fn unread(&self) -> Result<Vec<u64>> {
        let mut st = self
            .conn
            .prepare("SELECT job_id FROM unread ORDER BY job_id")?;
        Ok(st
            .query_map([], |r| r.get::<_, i64>(0).map(|x| x as u64))?
            .collect::<rusqlite::Result<_>>()?)
    }

    /// Records jobs as read (ours and others'), and `asked` ids as read, in one
    /// transaction; an id asked for but not among `jobs` is recorded as not ours.
    pub fn record_jobs(&mut self, jobs: &[JobRow], asked: &[u64]) -> Result<()> {
        let tx = self.conn.transaction()?;
        {
            let mut put = tx.prepare(&format!(
                "INSERT INTO jobs ({JOB_COLS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
                 ON CONFLICT(job_id) DO UPDATE SET ctime = COALESCE(excluded.ctime, ctime),
                   sid = excluded.sid, hash = excluded.hash, lang = excluded.lang,
                   order_id = COALESCE(excluded.order_id, order_id), status = excluded.status,
                   credits = COALESCE(excluded.credits, credits),
                   translation = COALESCE(excluded.translation, translation),
                   problem = excluded.problem"
            ))?;
            for j in jobs {
                let (sid, hash, lang) = match &j.item {
                    Some(k) => (Some(k.sid_hex()), Some(k.hash_hex()), Some(&k.lang)),
                    None => (None, None, None),
                };
                put.execute(params![
                    j.job_id as i64,
                    j.ctime,
                    sid,
                    hash,
                    lang,
                    j.order_id.map(|x| x as i64),
                    j.status,
                    j.credits,
                    j.translation,
                    j.problem
                ])?;
            }
            let mut foreign = tx.prepare("INSERT OR IGNORE INTO jobs (job_id) VALUES (?1)")?;
            let mut done = tx.prepare("DELETE FROM unread WHERE job_id = ?1")?;
            for id in asked {
                foreign.execute([*id as i64])?;
                done.execute([*id as i64])?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// Every job of this project the cache knows.
    pub fn mine(&self) -> Result<Vec<JobRow>> {
        let mut st = self.conn.prepare(&format!(
            "SELECT {JOB_COLS} FROM jobs WHERE sid IS NOT NULL ORDER BY job_id"
        ))?;
        Ok(st
            .query_map([], job_row)?
            .collect::<rusqlite::Result<_>>()?)
    }

    /// Ids of this project's jobs that can still change by themselves (not approved,
    /// rejected or canceled).
    pub fn mine_unfinished(&self) -> Result<Vec<u64>> {
        let mut st = self.conn.prepare(
            "SELECT job_id FROM jobs WHERE sid IS NOT NULL
             AND COALESCE(status, '') NOT IN ('approved', 'rejected', 'canceled', 'cancelled')
             ORDER BY job_id",
        )?;
        Ok(st
            .query_map([], |r| r.get::<_, i64>(0).map(|x| x as u64))?
            .collect::<rusqlite::Result<_>>()?)
    }

    /// The items this project has a job for (any status).
    pub fn mine_items(&self) -> Result<HashSet<ItemKey>> {
        keys(
            self.conn
                .prepare("SELECT DISTINCT sid, hash, lang FROM jobs WHERE sid IS NOT NULL")?,
            [],
        )
    }

    /// Every job of the items that have more than one live (not canceled) job: strings
    /// ordered twice. Found by the database, so a large project pays nothing when there
    /// are none.
    pub fn ordered_twice(&self) -> Result<Vec<JobRow>> {
        let mut st = self.conn.prepare(&format!(
            "SELECT {JOB_COLS} FROM jobs WHERE sid IS NOT NULL AND (sid, lang, hash) IN (
                 SELECT sid, lang, hash FROM jobs
                 WHERE sid IS NOT NULL AND COALESCE(status, '') NOT IN ('canceled', 'cancelled')
                 GROUP BY sid, lang, hash HAVING COUNT(*) > 1)
             ORDER BY job_id"
        ))?;
        Ok(st
            .query_map([], job_row)?
            .collect::<rusqlite::Result<_>>()?)
    }

    /// How many jobs of the account (ours and others') the cache has read.
    pub fn jobs_known(&self) -> Result<u64> {
        Ok(self
            .conn
            .query_row("SELECT COUNT(*) FROM jobs", [], |r| r.get::<_, i64>(0))? as u64)
    }

    /// Every item that has a job at Gengo or an order on its way (a pending intent).
    pub fn covered(&self) -> Result<HashSet<ItemKey>> {
        let mut out = self.mine_items()?;
        out.extend(keys(
            self.conn
                .prepare("SELECT sid, hash, lang FROM intent_items")?,
            [],
        )?);
        Ok(out)
    }

    /// Records an intent and its items in one transaction; returns the intent's id.
    pub fn begin_intent(&mut self, created: i64, payload: &str, items: &[ItemKey]) -> Result<i64> {
        let tx = self.conn.transaction()?;
        tx.execute(
            "INSERT INTO intents (created, payload, state) VALUES (?1, ?2, 'open')",
            params![created, payload],
        )?;
        let intent = tx.last_insert_rowid();
        {
            let mut st = tx.prepare(
                "INSERT OR IGNORE INTO intent_items (intent_id, sid, hash, lang) VALUES (?1, ?2, ?3, ?4)",
            )?;
            for k in items {
                st.execute(params![intent, k.sid_hex(), k.hash_hex(), k.lang])?;
            }
        }
        tx.commit()?;
        Ok(intent)
    }

    /// Gengo refused the intent's payload as a duplicate (1754): it has it.
    pub fn mark_duplicate(&self, intent: i64) -> Result<()> {
        self.conn.execute(
            "UPDATE intents SET state = 'duplicate' WHERE id = ?1",
            [intent],
        )?;
        Ok(())
    }

    /// Records Gengo's answer: the order is placed under `order_id`; the intent stays
    /// (its items covered) until its jobs are read from the account.
    pub fn place_intent(&self, intent: i64, order_id: Option<u64>) -> Result<()> {
        self.conn.execute(
            "UPDATE intents SET state = 'placed', payload = '', order_id = ?2 WHERE id = ?1",
            params![intent, order_id.map(|x| x as i64)],
        )?;
        Ok(())
    }

    /// Forgets an intent: its jobs are read from the account, or it was certainly not
    /// placed (its items are ordered again).
    pub fn end_intent(&mut self, intent: i64) -> Result<()> {
        self.conn
            .execute("DELETE FROM intents WHERE id = ?1", [intent])?;
        Ok(())
    }

    /// Intents whose jobs are not all read yet, oldest first.
    pub fn pending_intents(&self) -> Result<Vec<Intent>> {
        let mut st = self
            .conn
            .prepare("SELECT id, created, payload, state, order_id FROM intents ORDER BY id")?;
        let rows = st.query_map([], |r| {
            Ok(Intent {
                id: r.get(0)?,
                created: r.get(1)?,
                payload: r.get(2)?,
                state: r.get(3)?,
                order_id: r.get::<_, Option<i64>>(4)?.map(|x| x as u64),
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The items of an intent.
    pub fn intent_items(&self, intent: i64) -> Result<Vec<ItemKey>> {
        let mut out: Vec<ItemKey> = keys(
            self.conn
                .prepare("SELECT sid, hash, lang FROM intent_items WHERE intent_id = ?1")?,
            [intent],
        )?
        .into_iter()
        .collect();
        out.sort();
        Ok(out)
    }

    /// Marks items as written (or not) into their target files.
    pub fn set_written(&mut self, keys: &[ItemKey], written: bool) -> Result<()> {
        let tx = self.conn.transaction()?;
        {
            let sql = if written {
                "INSERT OR IGNORE INTO written (sid, hash, lang) VALUES (?1, ?2, ?3)"
            } else {
                "DELETE FROM written WHERE sid = ?1 AND hash = ?2 AND lang = ?3"
            };
            let mut st = tx.prepare(sql)?;
            for k in keys {
                st.execute(params![k.sid_hex(), k.hash_hex(), k.lang])?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// Items whose translation is in the target file.
    pub fn written(&self) -> Result<HashSet<ItemKey>> {
        keys(
            self.conn.prepare("SELECT sid, hash, lang FROM written")?,
            [],
        )
    }
}

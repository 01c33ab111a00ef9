//! The project's state in SQLite (`.gengo/sync.db`): what was ordered, under which intent,
//! and what came back. Every change that must survive a crash is one transaction.

use std::path::Path;

use rusqlite::{Connection, OptionalExtension, params};

use crate::Result;

/// One (string, language, source text) the project has ordered or means to order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    /// The string's identity (file, key, context), hashed.
    pub id: String,
    /// Target language.
    pub lang: String,
    /// Hash of the source text.
    pub hash: String,
    /// `intent` (recorded, the order may or may not have reached Gengo) or `ordered`.
    pub state: String,
    /// The intent it was ordered under.
    pub intent_id: i64,
    /// Gengo's order id, once known.
    pub order_id: Option<u64>,
    /// Gengo's job id, once known.
    pub job_id: Option<u64>,
    /// The job's status, as last seen.
    pub job_status: Option<String>,
    /// The translation (markers removed), when reviewable or approved.
    pub translation: Option<String>,
    /// Why the translation cannot be written (placeholders differ), if so.
    pub problem: Option<String>,
    /// Whether the translation is in the target file.
    pub written: bool,
}

/// An order as recorded before it was sent.
#[derive(Debug, Clone)]
pub struct Intent {
    /// Its id.
    pub id: i64,
    /// Unix time it was recorded (local clock).
    pub created: i64,
    /// The exact order payload (JSON), to send again byte for byte (emptied once done).
    pub payload: String,
    /// `open` (answer not recorded), `duplicate` (Gengo said 1754: it has this payload) or `done`.
    pub state: String,
}

/// The state database.
pub struct Store {
    conn: Connection,
}

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS meta (k TEXT PRIMARY KEY, v TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS intents (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    created INTEGER NOT NULL,
    payload TEXT NOT NULL,
    state TEXT NOT NULL,
    order_id INTEGER,
    credits TEXT
);
CREATE TABLE IF NOT EXISTS items (
    id TEXT NOT NULL,
    lang TEXT NOT NULL,
    hash TEXT NOT NULL,
    state TEXT NOT NULL,
    intent_id INTEGER NOT NULL REFERENCES intents(id),
    order_id INTEGER,
    job_id INTEGER,
    job_status TEXT,
    translation TEXT,
    problem TEXT,
    written INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (id, lang, hash)
);
CREATE INDEX IF NOT EXISTS items_by_intent ON items(intent_id);
CREATE INDEX IF NOT EXISTS items_by_job ON items(job_id);
";

fn item(r: &rusqlite::Row<'_>) -> rusqlite::Result<Item> {
    Ok(Item {
        id: r.get(0)?,
        lang: r.get(1)?,
        hash: r.get(2)?,
        state: r.get(3)?,
        intent_id: r.get(4)?,
        order_id: r.get::<_, Option<i64>>(5)?.map(|x| x as u64),
        job_id: r.get::<_, Option<i64>>(6)?.map(|x| x as u64),
        job_status: r.get(7)?,
        translation: r.get(8)?,
        problem: r.get(9)?,
        written: r.get::<_, i64>(10)? != 0,
    })
}

const ITEM_COLS: &str =
    "id, lang, hash, state, intent_id, order_id, job_id, job_status, translation, problem, written";

impl Store {
    /// Opens (creating) the database at `path`.
    pub fn open(path: &Path) -> Result<Store> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)
                .map_err(|e| crate::Error::input(format!("{}: {e}", dir.display())))?;
        }
        let conn = Connection::open(path)?;
        // Durable commits: an intent recorded is on disk before the order is sent.
        conn.execute_batch(
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;",
        )?;
        conn.execute_batch(SCHEMA)?;
        Ok(Store { conn })
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

    /// Whether (id, lang, hash) is recorded (as an intent or an order).
    pub fn has(&self, id: &str, lang: &str, hash: &str) -> Result<bool> {
        Ok(self
            .conn
            .query_row(
                "SELECT 1 FROM items WHERE id = ?1 AND lang = ?2 AND hash = ?3",
                [id, lang, hash],
                |_| Ok(()),
            )
            .optional()?
            .is_some())
    }

    /// Records an intent and its items in one transaction; returns the intent's id.
    pub fn begin_intent(
        &mut self,
        created: i64,
        payload: &str,
        items: &[(String, String, String)],
    ) -> Result<i64> {
        let tx = self.conn.transaction()?;
        tx.execute(
            "INSERT INTO intents (created, payload, state) VALUES (?1, ?2, 'open')",
            params![created, payload],
        )?;
        let intent = tx.last_insert_rowid();
        {
            let mut st = tx.prepare("INSERT INTO items (id, lang, hash, state, intent_id) VALUES (?1, ?2, ?3, 'intent', ?4)")?;
            for (id, lang, hash) in items {
                st.execute(params![id, lang, hash, intent])?;
            }
        }
        tx.commit()?;
        Ok(intent)
    }

    /// Records Gengo's answer: the intent is done, its items ordered under `order_id`.
    pub fn finish_intent(
        &mut self,
        intent: i64,
        order_id: Option<u64>,
        credits: Option<&str>,
    ) -> Result<()> {
        let tx = self.conn.transaction()?;
        tx.execute(
            "UPDATE intents SET state = 'done', order_id = ?2, credits = ?3, payload = '' WHERE id = ?1",
            params![intent, order_id.map(|x| x as i64), credits],
        )?;
        tx.execute(
            "UPDATE items SET state = 'ordered', order_id = COALESCE(order_id, ?2) WHERE intent_id = ?1",
            params![intent, order_id.map(|x| x as i64)],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Gengo refused the intent's payload as a duplicate (1754): it has it.
    pub fn mark_duplicate(&self, intent: i64) -> Result<()> {
        self.conn.execute(
            "UPDATE intents SET state = 'duplicate' WHERE id = ?1",
            [intent],
        )?;
        Ok(())
    }

    /// Forgets an intent that certainly did not reach Gengo, so its strings are ordered again.
    pub fn drop_intent(&mut self, intent: i64) -> Result<()> {
        let tx = self.conn.transaction()?;
        tx.execute(
            "DELETE FROM items WHERE intent_id = ?1 AND state = 'intent'",
            [intent],
        )?;
        tx.execute("DELETE FROM intents WHERE id = ?1", [intent])?;
        tx.commit()?;
        Ok(())
    }

    /// Intents whose answer is not recorded (open or duplicate), oldest first.
    pub fn pending_intents(&self) -> Result<Vec<Intent>> {
        let mut st = self.conn.prepare(
            "SELECT id, created, payload, state FROM intents WHERE state != 'done' ORDER BY id",
        )?;
        let rows = st.query_map([], |r| {
            Ok(Intent {
                id: r.get(0)?,
                created: r.get(1)?,
                payload: r.get(2)?,
                state: r.get(3)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The items of an intent.
    pub fn intent_items(&self, intent: i64) -> Result<Vec<Item>> {
        let mut st = self.conn.prepare(&format!(
            "SELECT {ITEM_COLS} FROM items WHERE intent_id = ?1"
        ))?;
        Ok(st
            .query_map([intent], item)?
            .collect::<rusqlite::Result<_>>()?)
    }

    /// Every item.
    pub fn items(&self) -> Result<Vec<Item>> {
        let mut st = self
            .conn
            .prepare(&format!("SELECT {ITEM_COLS} FROM items"))?;
        Ok(st.query_map([], item)?.collect::<rusqlite::Result<_>>()?)
    }

    /// Records what a job says about an item (found by its marker).
    #[allow(clippy::too_many_arguments)]
    pub fn update_job(
        &self,
        id: &str,
        lang: &str,
        hash: &str,
        order_id: Option<u64>,
        job_id: u64,
        status: Option<&str>,
        translation: Option<&str>,
        problem: Option<&str>,
    ) -> Result<bool> {
        let n = self.conn.execute(
            "UPDATE items SET state = 'ordered', order_id = COALESCE(?4, order_id), job_id = ?5, job_status = ?6,
                 translation = COALESCE(?7, translation), problem = ?8
             WHERE id = ?1 AND lang = ?2 AND hash = ?3",
            params![id, lang, hash, order_id.map(|x| x as i64), job_id as i64, status, translation, problem],
        )?;
        Ok(n > 0)
    }

    /// Marks an intent done after reconciling, forgetting the items Gengo does not have.
    pub fn settle_intent(&mut self, intent: i64) -> Result<()> {
        let tx = self.conn.transaction()?;
        tx.execute(
            "DELETE FROM items WHERE intent_id = ?1 AND state = 'intent'",
            [intent],
        )?;
        tx.execute(
            "UPDATE intents SET state = 'done', payload = '' WHERE id = ?1",
            [intent],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Marks items as written (or not) into their target files.
    pub fn set_written(&mut self, keys: &[(String, String, String)], written: bool) -> Result<()> {
        let tx = self.conn.transaction()?;
        {
            let mut st = tx.prepare(
                "UPDATE items SET written = ?4 WHERE id = ?1 AND lang = ?2 AND hash = ?3",
            )?;
            for (id, lang, hash) in keys {
                st.execute(params![id, lang, hash, written as i64])?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// Credits Gengo charged for the project's orders, as recorded (decimal strings).
    pub fn credits(&self) -> Result<Vec<String>> {
        let mut st = self
            .conn
            .prepare("SELECT credits FROM intents WHERE credits IS NOT NULL")?;
        Ok(st
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?)
    }
}

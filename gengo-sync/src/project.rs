//! A project: its config, its source strings, its identity and the markers its jobs carry.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use serde_json::{Value, json};
use sha1::{Digest, Sha1};

use crate::state::{ItemKey, Legacy, Store};
use crate::{Config, Error, Result, formats, placeholders};

/// The marker's prefix in each job's `custom_data`.
pub const MARKER: &str = "gengo-sync/1";

/// The project identity used when `gengo-sync.toml` sets none: every checkout of every
/// clone agrees on it without anything written back. Jobs are matched by file, key,
/// context, source text and language, so two projects that share it share a job only for
/// the very same string in the same file (set `project` to keep them apart).
pub const DEFAULT_PROJECT: &str = "-";

/// One string of a source file.
#[derive(Debug, Clone)]
pub struct SourceString {
    /// The identity (file, key, context), hashed: 16 hex digits.
    pub id: String,
    /// The source file, as the config names it.
    pub file: String,
    /// The entry.
    pub entry: formats::Entry,
    /// Hash of the source text: 16 hex digits.
    pub hash: String,
}

impl SourceString {
    /// This string in `lang`.
    pub fn key(&self, lang: &str) -> ItemKey {
        ItemKey::from_hex(&self.id, &self.hash, lang).expect("identities are 16 hex digits")
    }
}

pub(crate) fn short_hash(parts: &[&str]) -> String {
    let mut h = Sha1::new();
    for p in parts {
        h.update(p.as_bytes());
        h.update([0u8]);
    }
    hex::encode(&h.finalize()[..8])
}

/// (identity, source-text hash) of an entry of `file`.
pub(crate) fn identity(file: &str, e: &formats::Entry) -> (String, String) {
    (
        short_hash(&[file, &e.key, e.context.as_deref().unwrap_or("")]),
        short_hash(&[&e.text]),
    )
}

/// A gengo-sync project.
pub struct Project {
    pub(crate) root: PathBuf,
    pub(crate) config: Config,
    pub(crate) store: Store,
    pub(crate) project: String,
}

impl Project {
    /// Opens the project whose config is `config_path` (its folder is the project's root;
    /// the cache is `.gengo/sync.db` there, created when missing).
    pub fn open(config_path: &Path) -> Result<Project> {
        let config = Config::load(config_path)?;
        let root = match config_path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let project = config
            .project
            .clone()
            .unwrap_or_else(|| DEFAULT_PROJECT.to_string());
        let (store, legacy) = Store::open(&root.join(".gengo").join("sync.db"))?;
        // An earlier gengo-sync made an identity up when the config set none: remember it,
        // so that the identity check refuses to order everything again under another.
        if let Some(Legacy { project: Some(p) }) = &legacy {
            store.set_meta("project", p)?;
        }
        Ok(Project {
            root,
            config,
            store,
            project,
        })
    }

    /// The config.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// The project identity in this project's markers (`project` of the config, or
    /// [`DEFAULT_PROJECT`]).
    pub fn identity(&self) -> &str {
        &self.project
    }

    /// Refuses to go on when this checkout's cache says its jobs were ordered under
    /// another identity (the config's `project` changed, or an earlier gengo-sync made one
    /// up): the same strings would be ordered, and paid, again, and pulled targets would
    /// lose their translations. `new_identity` accepts the change (and forgets what the
    /// cache learnt under the old one).
    pub(crate) fn check_identity(&mut self, new_identity: bool) -> Result<()> {
        match self.store.meta("project")? {
            Some(p) if p != self.project && !new_identity => Err(Error::refused(format!(
                "this checkout ordered its strings under the project identity {p:?}, and gengo-sync.toml now says {:?}: \
                 every string would be ordered (and paid) again. Set project = {p:?} in gengo-sync.toml to keep \
                 the jobs ordered so far, or push with --new-project to order under {:?}; nothing was ordered",
                self.project, self.project
            ))),
            Some(p) if p == self.project => Ok(()),
            Some(_) => {
                self.store.forget_account()?;
                self.store.set_meta("project", &self.project)
            }
            None => self.store.set_meta("project", &self.project),
        }
    }

    /// Every string of every source file, in file order.
    pub fn scan(&self) -> Result<Vec<SourceString>> {
        let mut out = Vec::new();
        for f in &self.config.files {
            let path = self.root.join(&f.source);
            let text = std::fs::read_to_string(&path)
                .map_err(|e| Error::input(format!("{}: {e}", f.source)))?;
            let entries = f
                .format()?
                .parse(&text, &self.config.source_language)
                .map_err(|e| Error::input(format!("{}: {e}", f.source)))?;
            let mut seen = HashSet::new();
            for entry in entries {
                let (id, hash) = identity(&f.source, &entry);
                if !seen.insert(id.clone()) {
                    return Err(Error::input(format!(
                        "{}: line {}: key {:?} appears twice",
                        f.source, entry.line, entry.key
                    )));
                }
                out.push(SourceString {
                    id,
                    file: f.source.clone(),
                    entry,
                    hash,
                });
            }
        }
        Ok(out)
    }

    /// The marker of `key` in a job's `custom_data`.
    pub(crate) fn marker(&self, key: &ItemKey) -> String {
        format!(
            "{MARKER} {} {} {} {}",
            self.project,
            key.sid_hex(),
            key.hash_hex(),
            key.lang
        )
    }

    /// The item a `custom_data` marks, when it is a marker of this project.
    pub(crate) fn read_marker(&self, custom_data: &str) -> Option<ItemKey> {
        let mut parts = custom_data.split(' ');
        if parts.next()? != MARKER || parts.next()? != self.project {
            return None;
        }
        let (sid, hash, lang) = (parts.next()?, parts.next()?, parts.next()?);
        if parts.next().is_some() || lang.is_empty() {
            return None;
        }
        ItemKey::from_hex(sid, hash, lang)
    }

    /// The job payload of `s` in `lang`: the same for every checkout with the same
    /// config and text, so that two runs ordering the same strings send the same bytes.
    pub(crate) fn job_payload(&self, s: &SourceString, lang: &str) -> Value {
        json!({
            "type": "text",
            "slug": format!("{}: {}", s.file, s.entry.key),
            "body_src": placeholders::protect(&s.entry.text),
            "lc_src": self.config.source_language,
            "lc_tgt": lang,
            "tier": self.config.tier,
            "custom_data": self.marker(&s.key(lang)),
            "auto_approve": 0,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cache_of_an_earlier_gengo_sync_keeps_its_made_up_identity() {
        let dir = std::env::temp_dir().join(format!("gengo-sync-legacy-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join(".gengo")).unwrap();
        std::fs::write(
            dir.join("gengo-sync.toml"),
            "source_language = \"en\"\ntarget_languages = [\"ja\"]\n[[files]]\nsource = \"en.json\"\ntarget = \"{lang}.json\"\n",
        )
        .unwrap();
        {
            let c = rusqlite::Connection::open(dir.join(".gengo/sync.db")).unwrap();
            c.execute_batch(
                "CREATE TABLE meta (k TEXT PRIMARY KEY, v TEXT NOT NULL);
                 INSERT INTO meta VALUES ('project', 'p0123456789');
                 CREATE TABLE items (id TEXT);",
            )
            .unwrap();
        }
        for _ in 0..2 {
            // Refused every time (the old file is moved aside, what it said is kept).
            let mut p = Project::open(&dir.join("gengo-sync.toml")).unwrap();
            let e = p.check_identity(false).unwrap_err().to_string();
            assert!(e.contains("project = \"p0123456789\""), "{e}");
        }
        assert!(dir.join(".gengo/sync.db.v1").exists());
        let mut p = Project::open(&dir.join("gengo-sync.toml")).unwrap();
        p.check_identity(true).unwrap();
        assert_eq!(p.identity(), DEFAULT_PROJECT);
        let mut p = Project::open(&dir.join("gengo-sync.toml")).unwrap();
        p.check_identity(false).unwrap();
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn markers_of_other_projects_and_lookalikes_are_not_ours() {
        let dir = std::env::temp_dir().join(format!("gengo-sync-marker-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(
            dir.join("gengo-sync.toml"),
            "source_language = \"en\"\ntarget_languages = [\"ja\"]\nproject = \"web\"\n[[files]]\nsource = \"en.json\"\ntarget = \"{lang}.json\"\n",
        )
        .unwrap();
        let p = Project::open(&dir.join("gengo-sync.toml")).unwrap();
        let key = ItemKey::from_hex("0123456789abcdef", "fedcba9876543210", "ja").unwrap();
        assert_eq!(p.read_marker(&p.marker(&key)), Some(key));
        for other in [
            "gengo-sync/1 app 0123456789abcdef fedcba9876543210 ja",
            "gengo-sync/1 web 0123456789abcdef fedcba9876543210",
            "gengo-sync/1 web 0123456789abcdef fedcba9876543210 ja extra",
            "gengo-sync/1 web 0123456789abcdeX fedcba9876543210 ja",
            "gengo-sync/2 web 0123456789abcdef fedcba9876543210 ja",
            "row-17",
            "",
        ] {
            assert_eq!(p.read_marker(other), None, "{other}");
        }
        let _ = std::fs::remove_dir_all(&dir);
    }
}

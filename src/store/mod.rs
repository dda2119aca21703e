//! The store: the one place that speaks SQL. `Store` wraps a SQLite connection and offers
//! typed functions per table; every write is one IMMEDIATE transaction that also appends
//! to the change log and keeps the full-text index in sync.

mod articles;
mod changes;
mod claims;
mod creations;
mod doctor;
mod error;
mod export;
mod merge;
pub mod migrate;
mod notes;
mod open;
mod ratings;
mod report;
mod search;
mod sources;
mod undo_guard;
mod undo_next;
mod untrusted;
mod verdicts;

pub use changes::Undone;
pub use claims::{ClaimFilter, ClaimSort, default_label, locate_quote};
pub use doctor::{Doctor, Repaired};
pub use error::StoreError;
pub use export::Exported;
pub use merge::{
    Conflict, Counts, Edit, LinkConflict, LinkSide, MergeReport, Unified, dry_run_merge,
};
pub use open::{APPLICATION_ID, OpenMode};
pub use ratings::{SCALES, Scale};
pub use report::{ArticleAttachments, Signoff};
pub use untrusted::{Vetted, vet, vet_started};

use rusqlite::{Connection, Savepoint, Transaction, TransactionBehavior};
use std::path::{Path, PathBuf};

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// An open factdesk database.
pub struct Store {
    conn: Connection,
    path: Option<PathBuf>,
    reviewer: String,
    read_only: bool,
    /// Inside [`Store::bulk`]: the batch id every write shares (each write is a savepoint
    /// of the one outer transaction), so the change log sees one action and undo
    /// reverses it in one step.
    bulk_batch: Option<String>,
    /// Inside [`Store::bulk`]: the time every write shares, for the same reason (rows
    /// made without a log entry are found by their time: `creations`).
    bulk_at: Option<String>,
    in_bulk: bool,
    /// Set when opening upgraded the file to the current schema.
    upgraded: Option<Upgrade>,
    /// The schema version of an older file opened read-only (so not upgraded).
    older_schema: Option<i64>,
    /// Opened immutable: a WAL database in a folder this user cannot write to.
    immutable: bool,
}

/// An upgrade of the file's schema done when it was opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Upgrade {
    pub from: i64,
    pub to: i64,
    /// The copy of the file as it was, written beside it first.
    pub backup: Option<PathBuf>,
}

impl Upgrade {
    /// One line for a reviewer: what happened and where the old file is.
    pub fn message(&self, db: &std::path::Path) -> String {
        let backup = self
            .backup
            .as_ref()
            .map(|b| format!("; the file as it was is kept as {}", b.display()))
            .unwrap_or_default();
        format!(
            "upgraded {} from schema version {} to {}{backup}",
            db.display(),
            self.from,
            self.to
        )
    }
}

/// The result of importing an article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportOutcome {
    /// A new article, with the number of suggested claims stored.
    Imported { id: String, claims: usize },
    /// The same text is already in the database under this id.
    Duplicate { id: String, title: String },
}

impl Store {
    /// Opens (creating and migrating if needed) the database at `path`.
    pub fn open(path: &Path, reviewer: &str) -> Result<Store> {
        open::open(path, reviewer, OpenMode::ReadWrite)
    }

    /// Opens an existing database without ever writing to it.
    pub fn open_read_only(path: &Path, reviewer: &str) -> Result<Store> {
        open::open(path, reviewer, OpenMode::ReadOnly)
    }

    /// A fresh database in memory with the default scale, for tests and benchmarks.
    pub fn open_in_memory(reviewer: &str) -> Result<Store> {
        open::open_in_memory(reviewer)
    }

    /// Who is making the changes written through this store.
    /// The upgrade opening this file did, if it did one.
    pub fn upgraded(&self) -> Option<&Upgrade> {
        self.upgraded.as_ref()
    }

    pub fn reviewer(&self) -> &str {
        &self.reviewer
    }

    pub fn set_reviewer(&mut self, reviewer: &str) {
        self.reviewer = reviewer.to_string();
    }

    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    /// The raw connection, for read-only inspection in tests and tools.
    pub fn connection(&self) -> &Connection {
        &self.conn
    }

    /// SQLite's `data_version`: changes whenever another connection commits, so a
    /// front end can poll it cheaply and refresh.
    pub fn data_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("PRAGMA data_version", [], |r| r.get(0))?)
    }

    /// Starts a write: an IMMEDIATE transaction (a deferred one that reads and then
    /// writes fails with SQLITE_BUSY_SNAPSHOT when another process wrote in between).
    fn write(&mut self) -> Result<Writer<'_>> {
        if self.read_only {
            return Err(StoreError::ReadOnly(self.display_path()));
        }
        let tx = if self.in_bulk {
            Tx::Savepoint(self.conn.savepoint()?)
        } else {
            Tx::Transaction(
                self.conn
                    .transaction_with_behavior(TransactionBehavior::Immediate)
                    .map_err(|e| error::map_write_error(e, self.path.as_deref()))?,
            )
        };
        Ok(Writer {
            tx,
            batch: self.bulk_batch.clone().unwrap_or_else(new_id),
            reviewer: self.reviewer.clone(),
            at: self.bulk_at.clone().unwrap_or_else(next_write_time),
            path: self.path.clone(),
        })
    }

    /// Runs many writes as one IMMEDIATE transaction: all of them or none. Used by bulk
    /// work (the generator, merges) where one fsync per change would be too slow.
    pub fn bulk<T>(&mut self, f: impl FnOnce(&mut Store) -> Result<T>) -> Result<T> {
        if self.read_only {
            return Err(StoreError::ReadOnly(self.display_path()));
        }
        if self.in_bulk {
            return f(self);
        }
        self.conn
            .execute_batch("BEGIN IMMEDIATE")
            .map_err(|e| error::map_write_error(e, self.path.as_deref()))?;
        self.in_bulk = true;
        self.bulk_batch = Some(new_id());
        self.bulk_at = Some(next_write_time());
        let result = f(self);
        self.in_bulk = false;
        self.bulk_batch = None;
        self.bulk_at = None;
        match result {
            Ok(v) => {
                self.conn
                    .execute_batch("COMMIT")
                    .map_err(|e| error::map_write_error(e, self.path.as_deref()))?;
                Ok(v)
            }
            Err(e) => {
                let _ = self.conn.execute_batch("ROLLBACK");
                Err(e)
            }
        }
    }

    fn display_path(&self) -> String {
        self.path
            .as_ref()
            .map(|p| p.display().to_string())
            .unwrap_or_else(|| ":memory:".into())
    }
}

/// One write transaction with the context every change-log row needs.
pub(crate) struct Writer<'a> {
    tx: Tx<'a>,
    batch: String,
    reviewer: String,
    at: String,
    path: Option<PathBuf>,
}

impl Writer<'_> {
    fn commit(self) -> Result<()> {
        let path = self.path.clone();
        match self.tx {
            Tx::Transaction(tx) => tx.commit(),
            Tx::Savepoint(sp) => sp.commit(),
        }
        .map_err(|e| error::map_write_error(e, path.as_deref()))
    }
}

/// A write is a transaction of its own, or a savepoint inside [`Store::bulk`].
enum Tx<'a> {
    Transaction(Transaction<'a>),
    Savepoint(Savepoint<'a>),
}

impl std::ops::Deref for Writer<'_> {
    type Target = Connection;
    fn deref(&self) -> &Connection {
        match &self.tx {
            Tx::Transaction(tx) => tx,
            Tx::Savepoint(sp) => sp,
        }
    }
}

/// A new UUID v7: a millisecond timestamp head and a random tail, so ids sort by
/// creation time and the tail (what [`crate::model::short_id`] shows) is random.
/// Within a process the ids also rise in the order they were made (a counter after the
/// millisecond): one action's entries share their time, and the id orders them.
pub fn new_id() -> String {
    static LAST: std::sync::Mutex<(u64, u16)> = std::sync::Mutex::new((0, 0));
    let now_ms = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis() as u64)
        .unwrap_or(0);
    let (ms, counter) = {
        let mut last = LAST.lock().unwrap_or_else(|e| e.into_inner());
        *last = if now_ms > last.0 {
            (now_ms, 0)
        } else if last.1 < 0x0FFF {
            (last.0, last.1 + 1)
        } else {
            (last.0 + 1, 0)
        };
        *last
    };
    let random = uuid::Uuid::new_v4();
    let mut bytes = [0u8; 10];
    bytes.copy_from_slice(&random.as_bytes()[6..16]);
    bytes[0..2].copy_from_slice(&counter.to_be_bytes());
    uuid::Builder::from_unix_timestamp_millis(ms, &bytes)
        .into_uuid()
        .to_string()
}

/// The time of a new write: now, or a microsecond after this process's last write when
/// the clock has not moved on. A time and a reviewer name one action: a claim, source,
/// link or verdict row is found by them (`creations`), so two actions never share one.
fn next_write_time() -> String {
    static LAST: std::sync::Mutex<Option<time::OffsetDateTime>> = std::sync::Mutex::new(None);
    let mut last = LAST.lock().unwrap_or_else(|e| e.into_inner());
    // Microseconds are what is stored: compare at that precision.
    let now = time::OffsetDateTime::now_utc();
    let now = now
        .replace_nanosecond(now.microsecond() * 1000)
        .unwrap_or(now);
    let at = match *last {
        Some(prev) if now <= prev => prev + time::Duration::microseconds(1),
        _ => now,
    };
    *last = Some(at);
    format_time(at)
}

/// Now, in UTC, fixed width with microseconds, so text order is time order.
pub fn now() -> String {
    format_time(time::OffsetDateTime::now_utc())
}

pub fn format_time(t: time::OffsetDateTime) -> String {
    let t = t.to_offset(time::UtcOffset::UTC);
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:06}Z",
        t.year(),
        u8::from(t.month()),
        t.day(),
        t.hour(),
        t.minute(),
        t.second(),
        t.microsecond()
    )
}

/// An id that is the same wherever the same decision is made (a merge's conflict or
/// fold, a creation written to the log), so merging in either order (or twice)
/// records one change entry, not several.
pub(crate) fn derived_id(what: &str) -> String {
    let hash = content_hash(what);
    format!(
        "{}-{}-8{}-8{}-{}",
        &hash[0..8],
        &hash[8..12],
        &hash[13..16],
        &hash[17..20],
        &hash[20..32]
    )
}

/// Sha-256 of a text, as lowercase hex.
pub fn content_hash(text: &str) -> String {
    use sha2::Digest;
    let digest = sha2::Sha256::digest(text.as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// Finds the one row of `table` whose id starts with `prefix`, or whose short id (the
/// random tail, see [`crate::model::short_id`]) does. Git-style: at least 4 hex digits.
fn resolve(conn: &Connection, table: &str, what: &'static str, prefix: &str) -> Result<String> {
    let p = prefix.trim().to_ascii_lowercase();
    if p.len() < 4 || !p.chars().all(|c| c.is_ascii_hexdigit() || c == '-') {
        return Err(StoreError::BadId(prefix.to_string()));
    }
    let sql = format!(
        "SELECT id FROM {table} WHERE (id >= ?1 AND id < ?1 || 'g') OR (substr(id, 25) >= ?1 AND substr(id, 25) < ?1 || 'g')
         ORDER BY id LIMIT 6"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let ids: Vec<String> = stmt
        .query_map([&p], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    match ids.len() {
        0 => Err(StoreError::NotFound {
            what,
            prefix: prefix.to_string(),
        }),
        1 => Ok(ids.into_iter().next().unwrap_or_default()),
        n => {
            let count = if n < 6 {
                n
            } else {
                conn.query_row(
                    &format!(
                        "SELECT count(*) FROM {table} WHERE (id >= ?1 AND id < ?1 || 'g') OR (substr(id, 25) >= ?1 AND substr(id, 25) < ?1 || 'g')"
                    ),
                    [&p],
                    |r| r.get::<_, i64>(0),
                )? as usize
            };
            let examples: Vec<&str> = ids
                .iter()
                .take(3)
                .map(|id| crate::model::short_id(id))
                .collect();
            Err(StoreError::Ambiguous {
                what,
                prefix: prefix.to_string(),
                count,
                examples: examples.join(", "),
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_v7_with_random_tails() {
        let a = new_id();
        let b = new_id();
        assert_eq!(a.len(), 36);
        assert_eq!(&a[14..15], "7");
        assert_ne!(crate::model::short_id(&a), crate::model::short_id(&b));
    }

    #[test]
    fn time_is_fixed_width() {
        let t = now();
        assert_eq!(t.len(), 27, "{t}");
        assert!(t.ends_with('Z'));
    }
}

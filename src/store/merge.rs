//! Merging another copy of the database into this one: vet the file, attach the vetted
//! copy read-only, then bring everything in with set-based SQL in one IMMEDIATE
//! transaction. Idempotent and order-independent in *content* (see [`Store::content_digest`]).

mod apply;
mod fold;
pub(crate) mod fts;

use super::{Result, Store, StoreError, untrusted};
use rusqlite::{Connection, params};
use serde::Serialize;
use serde_json::Value;
use std::path::Path;

/// Counts per entity.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub articles: i64,
    pub claims: i64,
    pub sources: i64,
    pub links: i64,
    pub verdicts: i64,
    pub signoffs: i64,
    pub notes: i64,
    pub ratings: i64,
}

impl Counts {
    fn add(&mut self, entity: &str, n: i64) {
        match entity {
            "article" => self.articles += n,
            "claim" => self.claims += n,
            "source" => self.sources += n,
            "link" => self.links += n,
            "verdict" => self.verdicts += n,
            "signoff" => self.signoffs += n,
            "note" => self.notes += n,
            _ => self.ratings += n,
        }
    }

    pub fn total(&self) -> i64 {
        self.articles
            + self.claims
            + self.sources
            + self.links
            + self.verdicts
            + self.signoffs
            + self.notes
            + self.ratings
    }
}

/// Pairs of rows that were one thing in two copies and are now one row.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Unified {
    /// The same text imported independently in both copies.
    pub articles: i64,
    /// The same source linked to the same claim in both copies.
    pub links: i64,
    /// Identical untouched suggestions on a unified article (the spare one is folded).
    pub claims: i64,
}

/// One side of a conflicting edit.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Edit {
    pub value: Value,
    pub reviewer: String,
    pub at: String,
    pub change_id: String,
}

/// Both copies edited the same field of the same claim: the newer edit is kept, the
/// other stays in the change log (plus a `conflict` entry naming both).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Conflict {
    pub claim_id: String,
    pub claim: String,
    pub field: String,
    pub kept: Edit,
    pub lost: Edit,
}

/// Both copies linked the same source to the same claim (under two ids, or edited one
/// link) with different stance, excerpt or note: one link stays, with the newer values;
/// the other values stay in the change log. `value`s are `{stance, excerpt, note}`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LinkConflict {
    pub claim_id: String,
    pub claim: String,
    pub source_id: String,
    pub source: String,
    pub kept: LinkSide,
    pub lost: LinkSide,
}

/// One copy's link in a [`LinkConflict`]: its id, values, and who set them when.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LinkSide {
    pub link_id: String,
    pub value: Value,
    pub reviewer: String,
    pub at: String,
}

/// What a merge changed (or, with `dry_run`, would change).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct MergeReport {
    pub from: String,
    pub dry_run: bool,
    /// Rows brought in from the other copy.
    pub added: Counts,
    /// Rows here whose values changed (claims: fields; links: stance/excerpt/note).
    pub updated: Counts,
    /// Rows removed here because the other copy deleted them later than they were made.
    pub removed: Counts,
    /// Rows of the other copy left out because they are deleted here (or hang off
    /// something deleted here); their history is in the change log.
    pub skipped: Counts,
    pub unified: Unified,
    /// Change-log entries brought in.
    pub changes_added: i64,
    /// Ratings the other copy's verdicts use that this database's scale did not have
    /// (the copies rate on different scales): they are on its scale now.
    pub ratings_added: Vec<String>,
    /// The scale the merged ratings now follow, when it is not the one this database
    /// was on: the other copy chose it later (the newest choice in either log wins).
    pub scale: Option<String>,
    pub conflicts: Vec<Conflict>,
    /// Source links both copies made or edited differently (see [`LinkConflict`]).
    pub link_conflicts: Vec<LinkConflict>,
}

impl MergeReport {
    /// Whether the merge changed (or would change) anything at all.
    pub fn changed_anything(&self) -> bool {
        self.added.total()
            + self.updated.total()
            + self.removed.total()
            + self.changes_added
            + self.unified.articles
            + self.unified.links
            + self.unified.claims
            > 0
    }
}

/// Refuses to merge a database into itself (by any path: a symlink, a hard link).
fn refuse_same_file(own: &Path, other: &Path) -> Result<()> {
    let same = match (own.canonicalize(), other.canonicalize()) {
        (Ok(a), Ok(b)) if a == b => true,
        _ => same_inode(own, other),
    };
    if same {
        return Err(StoreError::Invalid(format!(
            "{}: is this database itself",
            other.display()
        )));
    }
    Ok(())
}

#[cfg(unix)]
fn same_inode(a: &Path, b: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (std::fs::metadata(a), std::fs::metadata(b)) {
        (Ok(a), Ok(b)) => (a.dev(), a.ino()) == (b.dev(), b.ino()),
        _ => false,
    }
}

#[cfg(not(unix))]
fn same_inode(_: &Path, _: &Path) -> bool {
    false
}

/// A dry run of merging `other` into the database at `path` that writes nothing to it.
/// Opening a file for writing can change it before any merge (a received export gets
/// its search index and WAL mode, an older file its upgrade): such a file is dry-run on
/// a private copy, removed afterwards. Otherwise this is [`Store::merge_from`] with
/// `dry_run`, whose transaction is rolled back.
pub fn dry_run_merge(path: &Path, other: &Path, reviewer: &str) -> Result<MergeReport> {
    refuse_same_file(path, other)?;
    let probe = Store::open_read_only(path, reviewer)?;
    // A file this user may only read is dry-run on a copy too.
    let writable =
        std::fs::metadata(path).is_ok_and(|m| !m.permissions().readonly()) && !probe.immutable;
    let in_place = writable && !probe.changes_when_opened_for_writing()?;
    drop(probe);
    if in_place {
        let mut store = Store::open(path, reviewer)?;
        // Closing the last connection would copy the WAL into the file: the same
        // content, other bytes. A dry run leaves the bytes alone.
        store.conn.set_db_config(
            rusqlite::config::DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE,
            true,
        )?;
        return store.merge_from(other, true);
    }
    let dir = untrusted::private_dir()?;
    let copy = dir.join("dry-run.sqlite");
    let result = copy_writable(path, &copy)
        .map_err(|source| StoreError::Io {
            path: path.display().to_string(),
            source,
        })
        .and_then(|()| Store::open(&copy, reviewer))
        .and_then(|mut store| store.merge_from(other, true));
    let _ = std::fs::remove_dir_all(&dir);
    result
}

/// Copies a database (with a `-wal` beside it, if any: its content is part of the
/// database) into a private file this user may write, whatever the original's mode.
fn copy_writable(path: &Path, copy: &Path) -> std::io::Result<()> {
    use super::open::{beside, has_content_beside};
    std::fs::copy(path, copy)?;
    if has_content_beside(path, "-wal") {
        let to = beside(copy, "-wal");
        std::fs::copy(beside(path, "-wal"), &to)?;
        set_owner_writable(&to)?;
    }
    set_owner_writable(copy)
}

fn set_owner_writable(path: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))
    }
    #[cfg(not(unix))]
    {
        let mut perms = std::fs::metadata(path)?.permissions();
        perms.set_readonly(false);
        std::fs::set_permissions(path, perms)
    }
}

impl Store {
    /// Whether opening this file for writing changes it before any command runs: an
    /// older schema is upgraded, an export gets its search index built and WAL mode.
    pub fn changes_when_opened_for_writing(&self) -> Result<bool> {
        if self.older_schema.is_some() {
            return Ok(true);
        }
        let mode: String = self
            .conn
            .query_row("PRAGMA journal_mode", [], |r| r.get(0))?;
        Ok(!mode.eq_ignore_ascii_case("wal") || self.search_index_left_out()?)
    }

    /// Merges the factdesk database at `other` into this one. The file is vetted as
    /// untrusted input first; then all of it is merged in one transaction, or none of it.
    /// With `dry_run` the transaction is rolled back and only the report is kept.
    pub fn merge_from(&mut self, other: &Path, dry_run: bool) -> Result<MergeReport> {
        if self.read_only {
            return Err(StoreError::ReadOnly(self.display_path()));
        }
        if self.in_bulk {
            return Err(StoreError::Invalid(
                "a merge cannot run inside another write".into(),
            ));
        }
        if let Some(own) = self.path() {
            refuse_same_file(own, other)?;
        }
        let timer = StepTimer::from_env();
        if timer.0.is_some() {
            trace_slow_statements(&mut self.conn);
        }
        // The checks that read every page (`quick_check`, foreign keys) run on a second
        // core meanwhile, and nothing is committed before they pass. Reading the copy
        // before its check is over is safe: its schema is already proven exactly ours
        // (no trigger or view can run), SQLite reads damaged pages as errors (with
        // `cell_size_check` on for the merge), and a check failure rolls everything back.
        let mut vetted = untrusted::vet_started(other)?;
        timer.lap("vetting");
        let mut report = MergeReport {
            from: other.display().to_string(),
            dry_run,
            ..MergeReport::default()
        };
        attach(&self.conn, vetted.path()).map_err(|e| StoreError::Untrusted {
            path: report.from.clone(),
            detail: format!("cannot attach the vetted copy: {e}"),
        })?;
        let result = self.merge_attached(&mut report, dry_run, &mut vetted, &timer);
        let detached = self.conn.execute_batch("DETACH DATABASE incoming");
        drop(vetted);
        result?;
        detached?;
        Ok(report)
    }

    fn merge_attached(
        &mut self,
        report: &mut MergeReport,
        dry_run: bool,
        vetted: &mut untrusted::Vetted,
        timer: &StepTimer,
    ) -> Result<()> {
        let path = self.path.clone();
        // The working tables hold ids only (a few MB for 100,000 claims): keep them in
        // memory. A big page cache keeps a large merge from spilling half-written pages
        // to the WAL and writing them again (restored afterwards).
        let cache_size: i64 = self.conn.query_row("PRAGMA cache_size", [], |r| r.get(0))?;
        let trusted: i64 = self
            .conn
            .query_row("PRAGMA trusted_schema", [], |r| r.get(0))?;
        self.conn
            .execute_batch(&format!(
                "PRAGMA temp_store = MEMORY; PRAGMA cache_size = {MERGE_CACHE_KIB};
                 PRAGMA cell_size_check = ON; PRAGMA trusted_schema = OFF; BEGIN IMMEDIATE"
            ))
            .map_err(|e| super::error::map_write_error(e, path.as_deref()))?;
        let steps = (|| -> Result<()> {
            let conn = &self.conn;
            conn.execute_batch("PRAGMA defer_foreign_keys = ON")?;
            apply::drop_working_tables(conn)?;
            apply::union_log_and_tombstones(conn, report)?;
            timer.lap("change-log union, tombstones");
            apply::union_by_name(conn, report)?;
            apply::articles(conn, report)?;
            apply::sources(conn, report)?;
            timer.lap("ratings, articles, sources");
            apply::claims(conn, report)?;
            timer.lap("claims");
            apply::links(conn, report)?;
            timer.lap("links");
            apply::append_only(conn, report)?;
            let scale = apply::newest_scale(conn)?;
            apply::drop_removed_ratings(conn, report, scale.as_ref())?;
            apply::settle_scale(conn, report, scale.as_ref())?;
            fold::duplicate_suggestions(conn, report)?;
            timer.lap("verdicts, sign-offs, notes");
            report.conflicts = record_conflicts(conn)?;
            report.skipped = apply::skipped(conn)?;
            timer.lap("conflicts, skipped");
            fts::index_entities(conn, fts::Scope::Touched)?;
            timer.lap("search index");
            // A real merge leaves this to COMMIT (foreign keys are deferred); a dry run
            // never commits, so it checks here to report the same outcome.
            if dry_run {
                let broken: i64 =
                    conn.query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
                        r.get(0)
                    })?;
                if broken > 0 {
                    return Err(dangling(broken));
                }
            }
            apply::drop_working_tables(conn)?;
            Ok(())
        })();
        // A damaged copy can also make a step fail: then the damage is the error to show.
        let steps = match (vetted.finish_checks(), steps) {
            (Err(damage), _) => Err(damage),
            (Ok(()), steps) => steps,
        };
        timer.lap("waiting for the integrity check");
        let end = match (&steps, dry_run) {
            (Ok(()), false) => self.conn.execute_batch("COMMIT"),
            _ => self.conn.execute_batch("ROLLBACK"),
        };
        timer.lap("commit");
        let _ = self
            .conn
            .execute_batch(&format!(
                "PRAGMA cache_size = {cache_size}; PRAGMA cell_size_check = OFF; PRAGMA trusted_schema = {trusted}"
            ));
        if let Err(e) = steps {
            let _ = self.conn.execute_batch("ROLLBACK");
            return Err(match e {
                StoreError::Sqlite(e) => super::error::map_write_error(e, path.as_deref()),
                other => other,
            });
        }
        if let Err(e) = end {
            let _ = self.conn.execute_batch("ROLLBACK");
            return Err(match e.sqlite_error_code() {
                Some(rusqlite::ErrorCode::ConstraintViolation) => dangling(0),
                _ => super::error::map_write_error(e, path.as_deref()),
            });
        }
        Ok(())
    }

    /// A digest of the database's *content*: every row of every table that travels
    /// between copies (articles, claims, sources, links, verdicts, sign-offs, notes,
    /// ratings, reviewers and the change log), in a canonical order. Local-only things
    /// are left out: the search index (derived, with local rowids) and `meta` (local
    /// settings). Two copies with the same digest hold the same work.
    pub fn content_digest(&self) -> Result<String> {
        Ok(super::content_hash(&self.content_dump()?.join("\n")))
    }

    /// The canonical dump behind [`Store::content_digest`], one line per row.
    pub fn content_dump(&self) -> Result<Vec<String>> {
        let mut lines = Vec::new();
        for (table, order) in CONTENT_TABLES {
            let mut stmt = self
                .conn
                .prepare(&format!("SELECT * FROM main.{table} ORDER BY {order}"))?;
            let width = stmt.column_count();
            let rows = stmt.query_map([], |r| {
                let mut values = Vec::with_capacity(width);
                for i in 0..width {
                    values.push(super::claims::sql_to_json(r.get(i)?));
                }
                Ok(format!("{table} {}", Value::Array(values)))
            })?;
            for row in rows {
                lines.push(row?);
            }
        }
        Ok(lines)
    }
}

/// The page cache of a merge, in KiB (negative: SQLite's unit for "KiB, not pages").
const MERGE_CACHE_KIB: i64 = -256 * 1024;

/// Per-step wall-clock and on-CPU times of a merge on stderr, when
/// `FACTDESK_MERGE_TIMING` is set (for profiling the bench; off otherwise). The CPU time
/// (this thread's, from /proc on Linux) stays meaningful on a busy machine.
struct StepTimer(Option<std::cell::Cell<(std::time::Instant, Option<u64>)>>);

impl StepTimer {
    fn from_env() -> Self {
        Self(
            std::env::var_os("FACTDESK_MERGE_TIMING")
                .map(|_| std::cell::Cell::new((std::time::Instant::now(), thread_cpu_ns()))),
        )
    }

    fn lap(&self, step: &str) {
        if let Some(start) = &self.0 {
            let (wall, cpu) = start.get();
            let now = (std::time::Instant::now(), thread_cpu_ns());
            let on_cpu = match (cpu, now.1) {
                (Some(a), Some(b)) => format!("{:>7.3} s on CPU", (b - a) as f64 / 1e9),
                _ => String::new(),
            };
            eprintln!(
                "merge: {step:<32} {:>7.3} s {on_cpu}",
                (now.0 - wall).as_secs_f64()
            );
            start.set(now);
        }
    }
}

/// With the step timer on: every statement that runs for over 20 ms, on stderr.
fn trace_slow_statements(conn: &mut rusqlite::Connection) {
    use rusqlite::trace::{TraceEvent, TraceEventCodes};
    let _ = conn.trace_v2(
        TraceEventCodes::SQLITE_TRACE_PROFILE,
        Some(|event: TraceEvent<'_>| {
            if let TraceEvent::Profile(stmt, took) = event
                && took.as_millis() > 20
            {
                let sql = stmt.sql().split_whitespace().collect::<Vec<_>>().join(" ");
                let sql: String = sql.chars().take(150).collect();
                eprintln!("  {:>7.3} s  {sql}", took.as_secs_f64());
            }
        }),
    );
}

/// Nanoseconds this thread has spent on a CPU (Linux: /proc/thread-self/schedstat).
fn thread_cpu_ns() -> Option<u64> {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()?
        .split_whitespace()
        .next()?
        .parse()
        .ok()
}

/// The error for a merge that would break references (0: counted by COMMIT, not by us).
fn dangling(rows: i64) -> StoreError {
    let what = if rows > 0 {
        format!("{rows} rows")
    } else {
        "rows".into()
    };
    StoreError::Invalid(format!(
        "the merge would leave {what} pointing at nothing; nothing was changed"
    ))
}

/// The tables that make up a database's content, with a total order for each.
const CONTENT_TABLES: &[(&str, &str)] = &[
    ("reviewers", "name"),
    ("ratings", "name"),
    ("articles", "id"),
    ("claims", "id"),
    ("sources", "id"),
    ("claim_sources", "id"),
    ("verdicts", "id"),
    ("signoffs", "id"),
    ("notes", "id"),
    ("changes", "id"),
];

/// ATTACHes the vetted private copy, read-only, as `incoming`.
fn attach(conn: &Connection, copy: &Path) -> rusqlite::Result<()> {
    let mut uri = String::from("file:");
    for b in copy.to_string_lossy().bytes() {
        if b.is_ascii_alphanumeric() || b"/-_.~".contains(&b) {
            uri.push(b as char);
        } else {
            uri.push_str(&format!("%{b:02X}"));
        }
    }
    uri.push_str("?mode=ro");
    conn.execute("ATTACH DATABASE ?1 AS incoming", [uri])?;
    Ok(())
}

use super::derived_id;

/// Fields of claims that both copies edited since they last met: each side's newest
/// edit, the newer one kept. Each is logged as a `conflict` change.
fn record_conflicts(conn: &Connection) -> rusqlite::Result<Vec<Conflict>> {
    let live = apply::LIVE;
    let mut stmt = conn.prepare(&format!(
        // MATERIALIZED: the few winners are worked out once, first; joined into the big
        // change log afterwards by id (without it, and without statistics, SQLite may
        // drive the join from the change log and redo the subqueries per entry).
        // Undone edits and undo reversals are nobody's side.
        "WITH sides AS MATERIALIZED (
           SELECT w.claim_id, w.field,
             (SELECT o.id FROM temp.m_own_changes o JOIN main.changes c ON c.id = o.id
              WHERE o.entity_id = w.claim_id AND o.entity = 'claim' AND o.action = 'update' AND o.field = w.field
                AND {live}
              ORDER BY c.at DESC, c.id DESC LIMIT 1) AS own,
             (SELECT n.id FROM temp.m_new_changes n JOIN main.changes c ON c.id = n.id
              WHERE n.entity_id = w.claim_id AND n.entity = 'claim' AND n.action = 'update' AND n.field = w.field
                AND {live}
              ORDER BY n.at DESC, n.id DESC LIMIT 1) AS new
           FROM temp.m_winners w)
         SELECT s.claim_id, s.field, a.id, a.new_value, a.reviewer, a.at, b.id, b.new_value, b.reviewer, b.at
         FROM sides s JOIN main.changes a ON a.id = s.own JOIN main.changes b ON b.id = s.new
         ORDER BY s.claim_id, s.field"
    ))?;
    let edit = |r: &rusqlite::Row<'_>, at: usize| -> rusqlite::Result<Edit> {
        let value: Option<String> = r.get(at + 1)?;
        Ok(Edit {
            change_id: r.get(at)?,
            value: value
                .and_then(|v| serde_json::from_str(&v).ok())
                .unwrap_or(Value::Null),
            reviewer: r.get(at + 2)?,
            at: r.get(at + 3)?,
        })
    };
    let pairs: Vec<(String, String, Edit, Edit)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, edit(r, 2)?, edit(r, 6)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut conflicts = Vec::with_capacity(pairs.len());
    for (claim_id, field, own, new) in pairs {
        // Both set the same value (e.g. both accepted the claim): nothing is lost.
        if own.value == new.value {
            continue;
        }
        let (kept, lost) = if (&own.at, &own.change_id) > (&new.at, &new.change_id) {
            (own, new)
        } else {
            (new, own)
        };
        let id = derived_id(&format!("conflict {} {}", lost.change_id, kept.change_id));
        conn.execute(
            "INSERT OR IGNORE INTO main.changes (id, batch, at, reviewer, entity, entity_id, action, field, old_value, new_value)
             VALUES (?1, ?1, ?2, ?3, 'claim', ?4, 'conflict', ?5, ?6, ?7)",
            params![id, kept.at, lost.reviewer, claim_id, field, lost.value.to_string(), kept.value.to_string()],
        )?;
        conflicts.push(Conflict {
            claim: crate::model::short_id(&claim_id).to_string(),
            claim_id,
            field,
            kept,
            lost,
        });
    }
    Ok(conflicts)
}

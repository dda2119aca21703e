//! Vetting a database file that came from someone else, before any of its rows are read:
//! a private copy, header checks, a locked-down read-only connection, an integrity check
//! and an exact schema comparison (see docs/sharing.md and SQLite's security.html).

use super::migrate::{OLDEST_MERGEABLE, SCHEMA_SQL, SCHEMA_VERSION, SEARCH_V1};
use super::{APPLICATION_ID, Result, StoreError};
use rusqlite::config::DbConfig;
use rusqlite::limits::Limit;
use rusqlite::{Connection, OpenFlags};
use std::collections::BTreeSet;
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// The longest a vetting step may run before it is interrupted (a hostile file can hold
/// e.g. a pathological schema; nothing should take minutes on an honest one).
const DEADLINE: Duration = Duration::from_secs(120);

/// The largest string or blob a vetted file may hold (an article body is far smaller).
const MAX_LENGTH: i32 = 32 * 1024 * 1024;

/// A vetted private copy of an incoming database. The copy (and its directory) is
/// removed when this is dropped.
#[derive(Debug)]
pub struct Vetted {
    dir: PathBuf,
    path: PathBuf,
    /// The file it was copied from, for messages.
    pub source: PathBuf,
    /// The page-reading checks, when they still run on their own thread (see [`vet_started`]).
    pending: Option<std::thread::JoinHandle<Result<()>>>,
}

impl Vetted {
    /// The private copy: safe to ATTACH, since its schema is exactly ours.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Waits for the page-reading checks (integrity, foreign keys) and returns their
    /// verdict. Nothing read from the copy may be committed before this says Ok.
    pub fn finish_checks(&mut self) -> Result<()> {
        match self.pending.take() {
            None => Ok(()),
            Some(handle) => handle.join().unwrap_or_else(|_| {
                Err(StoreError::Untrusted {
                    path: self.source.display().to_string(),
                    detail: "the integrity check stopped unexpectedly".into(),
                })
            }),
        }
    }
}

impl Drop for Vetted {
    fn drop(&mut self) {
        // The checking thread reads the copy: let it end before the copy goes.
        let _ = self.finish_checks();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// Copies `path` into a private directory and vets the copy, in this order: no
/// journal/WAL beside it, SQLite magic, application id, known schema version, file
/// length, an exact schema comparison on a read-only defensive connection, then
/// `quick_check` and the foreign-key check. Any failure is one clear error.
pub fn vet(path: &Path) -> Result<Vetted> {
    let mut vetted = vet_started(path)?;
    vetted.finish_checks()?;
    Ok(vetted)
}

/// [`vet`], except that the checks that read every page (`quick_check`, foreign keys:
/// most of vetting's time) run on a second thread with their own connection; the
/// caller must call [`Vetted::finish_checks`] before it commits anything read from the
/// copy. Everything that decides whether the copy is safe to *read* (header, exact
/// schema: no trigger or view can run) is done before this returns.
pub fn vet_started(path: &Path) -> Result<Vetted> {
    let shown = path.display().to_string();
    let untrusted = |detail: String| StoreError::Untrusted {
        path: shown.clone(),
        detail,
    };
    if path.is_dir() {
        return Err(untrusted("is a directory, not a database file".into()));
    }
    if !path.is_file() {
        return Err(untrusted("no such file".into()));
    }
    // An empty -wal or -journal holds nothing the file lacks (a read-only look at a
    // database leaves them behind); the -shm is only an index of the -wal.
    for suffix in ["-journal", "-wal"] {
        if super::open::has_content_beside(path, suffix) {
            return Err(untrusted(format!(
                "a {suffix} file sits beside it, so this is not a complete database (it was copied while open, \
                 or a write was interrupted); ask the sender to share it with `factdesk export-db`"
            )));
        }
    }
    let dir = private_dir()?;
    let copy = dir.join("incoming.sqlite");
    let mut vetted = Vetted {
        dir,
        path: copy.clone(),
        source: path.to_path_buf(),
        pending: None,
    };
    std::fs::copy(path, &copy).map_err(|source| StoreError::Io {
        path: shown.clone(),
        source,
    })?;
    let version = check_header(&copy).map_err(|detail| match detail {
        HeaderProblem::NotSqlite => StoreError::NotSqlite {
            path: shown.clone(),
        },
        HeaderProblem::NotFactdesk(found) => StoreError::NotFactdesk {
            path: shown.clone(),
            found,
        },
        HeaderProblem::Newer(found) => StoreError::NewerSchema {
            path: shown.clone(),
            found,
            known: SCHEMA_VERSION,
        },
        HeaderProblem::Other(detail) => untrusted(detail),
        HeaderProblem::Damaged(detail) => StoreError::Corrupt {
            path: shown.clone(),
            detail,
        },
        HeaderProblem::Io(source) => StoreError::Io {
            path: shown.clone(),
            source,
        },
    })?;
    let corrupt = |e: rusqlite::Error| StoreError::Corrupt {
        path: shown.clone(),
        detail: e.to_string(),
    };
    let conn = open_defensive(&copy).map_err(corrupt)?;
    // A damaged schema page is damage, not a foreign schema.
    conn.query_row("SELECT count(*) FROM sqlite_schema", [], |r| {
        r.get::<_, i64>(0)
    })
    .map_err(corrupt)?;
    check_schema(&conn, version).map_err(untrusted)?;
    vetted.pending = Some(std::thread::spawn(move || check_pages(&conn, &shown)));
    Ok(vetted)
}

/// The checks that read every page of the copy: `quick_check`, then foreign keys.
fn check_pages(conn: &Connection, shown: &str) -> Result<()> {
    check_integrity(conn).map_err(|detail| StoreError::Corrupt {
        path: shown.to_string(),
        detail,
    })?;
    let untrusted = |detail: String| StoreError::Untrusted {
        path: shown.to_string(),
        detail,
    };
    let broken: i64 = conn
        .query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
            r.get(0)
        })
        .map_err(|e| untrusted(e.to_string()))?;
    if broken > 0 {
        return Err(untrusted(format!(
            "{broken} rows point at rows that are not there (foreign key check)"
        )));
    }
    Ok(())
}

const PRIVATE_PREFIX: &str = "factdesk-incoming-";

/// A fresh directory only this user can read, under the system temp dir, named after
/// this process (`factdesk-incoming-p<pid>-<id>`). Copies left by a merge that was
/// killed (Ctrl-C, SIGKILL: no destructor ran) are removed by the next one once their
/// process is gone, or else once a day old.
pub(super) fn private_dir() -> Result<PathBuf> {
    remove_stale_copies();
    let dir = std::env::temp_dir().join(format!(
        "{PRIVATE_PREFIX}p{}-{}",
        std::process::id(),
        super::new_id()
    ));
    let mut builder = std::fs::DirBuilder::new();
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(&dir).map_err(|source| StoreError::Io {
        path: dir.display().to_string(),
        source,
    })?;
    Ok(dir)
}

fn remove_stale_copies() {
    let Ok(entries) = std::fs::read_dir(std::env::temp_dir()) else {
        return;
    };
    for entry in entries.flatten() {
        let stale = entry
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age > Duration::from_secs(24 * 3600));
        let name = entry.file_name();
        let Some(rest) = name
            .to_string_lossy()
            .strip_prefix(PRIVATE_PREFIX)
            .map(str::to_owned)
        else {
            continue;
        };
        if stale || owner(&rest).is_some_and(process_gone) {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

/// The process id in a private directory's name (after the prefix: `p<pid>-<id>`).
fn owner(rest: &str) -> Option<i32> {
    let pid: i32 = rest.strip_prefix('p')?.split_once('-')?.0.parse().ok()?;
    (pid > 0).then_some(pid)
}

/// Whether no process `pid` runs (so nothing reads its copy any more). A process of
/// another user counts as running; their directories are not ours to remove anyway.
#[cfg(unix)]
fn process_gone(pid: i32) -> bool {
    // SAFETY: signal 0 sends nothing; kill only checks that the process exists.
    let status = unsafe { libc::kill(pid, 0) };
    status != 0 && std::io::Error::last_os_error().raw_os_error() == Some(libc::ESRCH)
}

#[cfg(not(unix))]
fn process_gone(_pid: i32) -> bool {
    false
}

enum HeaderProblem {
    NotSqlite,
    NotFactdesk(i64),
    Newer(i64),
    Other(String),
    Damaged(String),
    Io(std::io::Error),
}

fn be32(bytes: &[u8]) -> u32 {
    u32::from_be_bytes([bytes[0], bytes[1], bytes[2], bytes[3]])
}

/// Reads the 100-byte header of the private copy. A copy in WAL mode is switched to
/// rollback mode in the header (safe: no WAL file came with it), so reading it never
/// needs a `-shm` file.
/// The checks on the file's first 100 bytes; returns its schema version.
fn check_header(copy: &Path) -> std::result::Result<i64, HeaderProblem> {
    let mut file = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open(copy)
        .map_err(HeaderProblem::Io)?;
    let len = file.metadata().map_err(HeaderProblem::Io)?.len();
    let mut head = Vec::with_capacity(100);
    (&mut file)
        .take(100)
        .read_to_end(&mut head)
        .map_err(HeaderProblem::Io)?;
    if head.len() < 16 || &head[..16] != b"SQLite format 3\0" {
        return Err(HeaderProblem::NotSqlite);
    }
    if head.len() < 100 {
        return Err(HeaderProblem::Damaged(format!(
            "the file is truncated ({len} bytes, shorter than a header)"
        )));
    }
    let app_id = be32(&head[68..72]) as i32 as i64;
    if app_id != APPLICATION_ID {
        return Err(HeaderProblem::NotFactdesk(app_id));
    }
    let version = be32(&head[60..64]) as i32 as i64;
    if version > SCHEMA_VERSION {
        return Err(HeaderProblem::Newer(version));
    }
    if version < OLDEST_MERGEABLE {
        return Err(HeaderProblem::Other(format!(
            "made by an older factdesk (schema version {version}); ask the sender to upgrade and export again"
        )));
    }
    let page_size = match u16::from_be_bytes([head[16], head[17]]) {
        1 => 65_536u64,
        n if n >= 512 && n.is_power_of_two() => n as u64,
        n => return Err(HeaderProblem::Damaged(format!("impossible page size {n}"))),
    };
    let pages = be32(&head[28..32]) as u64;
    // The in-header size is valid when the change counter matches version-valid-for.
    if be32(&head[24..28]) == be32(&head[92..96]) && pages > 0 && len < pages * page_size {
        return Err(HeaderProblem::Damaged(format!(
            "the file is truncated: {len} bytes, but its header says {} bytes",
            pages * page_size
        )));
    }
    if len % page_size != 0 {
        return Err(HeaderProblem::Damaged(format!(
            "the file is truncated: {len} bytes is not a whole number of pages"
        )));
    }
    match (head[18], head[19]) {
        (1, 1) => {}
        (2, 2) => {
            file.seek(SeekFrom::Start(18)).map_err(HeaderProblem::Io)?;
            file.write_all(&[1, 1]).map_err(HeaderProblem::Io)?;
        }
        (w, r) => {
            return Err(HeaderProblem::Damaged(format!(
                "unknown file format versions {w}/{r}"
            )));
        }
    }
    Ok(version)
}

/// A read-only connection that runs nothing the file's schema asks for: no triggers, no
/// views, no untrusted functions in the schema, defensive mode, tight limits, a deadline.
fn open_defensive(copy: &Path) -> rusqlite::Result<Connection> {
    let mut conn = Connection::open_with_flags(
        copy,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    lock_down(&mut conn)?;
    Ok(conn)
}

/// The settings of [`open_defensive`].
fn lock_down(conn: &mut Connection) -> rusqlite::Result<()> {
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_DEFENSIVE, true)?;
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_TRUSTED_SCHEMA, false)?;
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_ENABLE_TRIGGER, false)?;
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_ENABLE_VIEW, false)?;
    conn.set_limit(Limit::SQLITE_LIMIT_LENGTH, MAX_LENGTH)?;
    conn.set_limit(Limit::SQLITE_LIMIT_SQL_LENGTH, 1_000_000)?;
    conn.set_limit(Limit::SQLITE_LIMIT_ATTACHED, 0)?;
    conn.set_limit(Limit::SQLITE_LIMIT_EXPR_DEPTH, 200)?;
    conn.execute_batch(
        "PRAGMA cell_size_check = ON; PRAGMA mmap_size = 0; PRAGMA query_only = ON;",
    )?;
    let started = Instant::now();
    conn.progress_handler(10_000, Some(move || started.elapsed() > DEADLINE))?;
    Ok(())
}

/// `PRAGMA quick_check`, the first query that reads the file's pages: every page, every
/// record, NOT NULL and CHECK constraints. (It skips index-versus-table consistency,
/// which takes three times as long; the merge writes through our own constraints.)
fn check_integrity(conn: &Connection) -> std::result::Result<(), String> {
    let mut stmt = conn
        .prepare("PRAGMA quick_check(20)")
        .map_err(|e| e.to_string())?;
    let rows: Vec<String> = stmt
        .query_map([], |r| r.get(0))
        .and_then(|rows| rows.collect())
        .map_err(|e| e.to_string())?;
    if rows.len() == 1 && rows[0] == "ok" {
        return Ok(());
    }
    let first: Vec<String> = rows
        .iter()
        .take(3)
        .map(|r| crate::text::sanitize_line(r).into_owned())
        .collect();
    Err(format!("integrity check failed: {}", first.join("; ")))
}

/// One row of `sqlite_schema`: (type, name, table, sql).
pub(super) type SchemaRow = (String, String, String, Option<String>);

/// The schema's rows, each statement's runs of white space made one space: SQLite keeps
/// a statement's text as it was written, and the same table made by schema.sql and by
/// an upgrade step differs in indentation only.
fn schema_rows(conn: &Connection) -> rusqlite::Result<BTreeSet<SchemaRow>> {
    let mut stmt = conn.prepare("SELECT type, name, tbl_name, sql FROM sqlite_schema")?;
    let rows = stmt.query_map([], |r| {
        let sql: Option<String> = r.get(3)?;
        let sql = sql.map(|s| s.split_whitespace().collect::<Vec<_>>().join(" "));
        Ok((r.get(0)?, r.get(1)?, r.get(2)?, sql))
    })?;
    rows.collect()
}

/// The schema a database of `version` has, read from a fresh one: today's, or for
/// version 1 today's with the search tables of then.
pub(super) fn expected_schema(version: i64) -> rusqlite::Result<BTreeSet<SchemaRow>> {
    let fresh = Connection::open_in_memory()?;
    fresh.execute_batch(SCHEMA_SQL)?;
    if version == 1 {
        fresh.execute_batch(&format!("DROP TABLE search_index; {SEARCH_V1}"))?;
    }
    schema_rows(&fresh)
}

/// Statistics tables SQLite itself may add (ANALYZE, PRAGMA optimize): harmless data.
fn is_statistics(row: &SchemaRow) -> bool {
    row.0 == "table" && matches!(row.1.as_str(), "sqlite_stat1" | "sqlite_stat4")
}

/// How a schema object differs from factdesk's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Difference {
    Unexpected,
    Altered,
    Missing,
}

/// One object of a database's schema that is not exactly factdesk's.
#[derive(Debug, Clone)]
pub(super) struct SchemaDifference {
    pub difference: Difference,
    /// table, index, trigger or view
    pub kind: String,
    /// As stored (not sanitized: `drop` needs it exact).
    pub name: String,
}

impl SchemaDifference {
    /// Whether `doctor --repair` puts it right: it drops a trigger, view or index
    /// factdesk did not make, and makes one of factdesk's indexes again; tables, which
    /// hold data, it leaves alone.
    pub fn repairable(&self) -> bool {
        // SQLite's own (for UNIQUE constraints) come and go with their tables.
        if self.name.starts_with("sqlite_") {
            return false;
        }
        match self.difference {
            Difference::Unexpected => matches!(self.kind.as_str(), "trigger" | "view" | "index"),
            Difference::Altered | Difference::Missing => self.kind == "index",
        }
    }
}

impl std::fmt::Display for SchemaDifference {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let how = match self.difference {
            Difference::Unexpected => "unexpected",
            Difference::Altered => "altered",
            Difference::Missing => "missing",
        };
        let name = crate::text::sanitize_line(&self.name);
        write!(f, "{how} {} '{name}'", self.kind)
    }
}

/// Every trigger, view, table or index of `conn` (schema `version`) that is not exactly
/// factdesk's, and every one of factdesk's it lacks.
pub(super) fn schema_differences(
    conn: &Connection,
    version: i64,
) -> rusqlite::Result<Vec<SchemaDifference>> {
    let expected = expected_schema(version)?;
    let found = schema_rows(conn)?;
    let mut out = Vec::new();
    for row in found.difference(&expected).filter(|r| !is_statistics(r)) {
        let altered = expected.iter().any(|e| e.0 == row.0 && e.1 == row.1);
        out.push(SchemaDifference {
            difference: if altered {
                Difference::Altered
            } else {
                Difference::Unexpected
            },
            kind: row.0.clone(),
            name: row.1.clone(),
        });
    }
    for row in expected.difference(&found) {
        if !found.iter().any(|f| f.0 == row.0 && f.1 == row.1) {
            out.push(SchemaDifference {
                difference: Difference::Missing,
                kind: row.0.clone(),
                name: row.1.clone(),
            });
        }
    }
    Ok(out)
}

/// Refuses any trigger, view, table or index that is not exactly ours.
fn check_schema(conn: &Connection, version: i64) -> std::result::Result<(), String> {
    let mut problems: Vec<String> = schema_differences(conn, version)
        .map_err(|e| format!("cannot read its schema: {e}"))?
        .iter()
        .map(ToString::to_string)
        .collect();
    if problems.is_empty() {
        return Ok(());
    }
    let more = if problems.len() > 4 {
        format!(" and {} more", problems.len() - 4)
    } else {
        String::new()
    };
    problems.truncate(4);
    Err(format!(
        "refused: its schema is not factdesk's ({}{more}); nothing in it was run. Ask the sender to share it with `factdesk export-db`",
        problems.join(", ")
    ))
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn a_killed_merges_copy_goes_at_the_next_merge_and_a_running_ones_stays() {
        let mut child = std::process::Command::new("true").spawn().unwrap();
        let dead = child.id();
        child.wait().unwrap();
        let tmp = std::env::temp_dir();
        let left = tmp.join(format!(
            "{PRIVATE_PREFIX}p{dead}-{}",
            crate::store::new_id()
        ));
        let running = tmp.join(format!(
            "{PRIVATE_PREFIX}p{}-{}",
            std::process::id(),
            crate::store::new_id()
        ));
        for dir in [&left, &running] {
            std::fs::create_dir(dir).unwrap();
            std::fs::write(dir.join("incoming.sqlite"), b"copy").unwrap();
        }
        let fresh = private_dir().unwrap();
        assert!(
            !left.exists(),
            "the dead process's copy stays: {}",
            left.display()
        );
        assert!(running.exists() && fresh.exists());
        for dir in [running, fresh] {
            std::fs::remove_dir_all(dir).unwrap();
        }
        assert_eq!(owner("p0-x"), None);
        assert_eq!(owner("01a22a53-1ead"), None);
    }
}

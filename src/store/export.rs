//! `export-db`: one clean, compact, self-contained copy of the database, safe to mail.
//! `VACUUM INTO` a temporary file beside the target, check it, fsync, rename, fsync the
//! directory: the target is either the old file or the complete new one.

use super::{Result, Store, StoreError};
use rusqlite::{Connection, OpenFlags};
use std::path::{Path, PathBuf};

/// What an export wrote.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Exported {
    pub path: PathBuf,
    pub bytes: u64,
}

/// Removes the temporary file unless the export got as far as renaming it.
struct TempFile(Option<PathBuf>);

impl Drop for TempFile {
    fn drop(&mut self) {
        if let Some(p) = self.0.take() {
            let _ = std::fs::remove_file(p);
        }
    }
}

fn io(path: &Path) -> impl Fn(std::io::Error) -> StoreError + '_ {
    move |source| StoreError::Io {
        path: path.display().to_string(),
        source,
    }
}

impl Store {
    /// Writes a compact copy of the whole database to `out`. An existing `out` is
    /// refused unless `force`; the database itself is never changed.
    pub fn export_db(&self, out: &Path, force: bool) -> Result<Exported> {
        if out.is_dir() {
            return Err(StoreError::Invalid(format!(
                "{}: is a directory; give a file name",
                out.display()
            )));
        }
        if out.exists() && !force {
            return Err(StoreError::Invalid(format!(
                "{}: already exists; choose another name or pass --force to replace it",
                out.display()
            )));
        }
        let same_file = match (self.path().map(Path::canonicalize), out.canonicalize()) {
            (Some(Ok(own)), Ok(target)) => own == target,
            _ => false,
        };
        if same_file {
            return Err(StoreError::Invalid(format!(
                "{}: is the database itself",
                out.display()
            )));
        }
        // Only factdesk's own schema travels: a trigger or view someone added would be
        // copied (and the export refused by every merge). `doctor --repair` drops them.
        let version: i64 = self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))?;
        let differences = super::untrusted::schema_differences(&self.conn, version)?;
        if !differences.is_empty() {
            let listed: Vec<String> = differences.iter().map(ToString::to_string).collect();
            let advice = if differences.iter().all(|d| d.repairable()) {
                "run `factdesk doctor --repair`, then export again"
            } else {
                "its tables were changed outside factdesk, which doctor cannot put right; export a colleague's sound copy instead"
            };
            return Err(StoreError::Invalid(format!(
                "{}: its schema is not factdesk's ({}); {advice}",
                self.display_path(),
                listed.join(", ")
            )));
        }
        let dir = match out.parent().filter(|p| !p.as_os_str().is_empty()) {
            Some(d) => d.to_path_buf(),
            None => PathBuf::from("."),
        };
        if !dir.is_dir() {
            return Err(StoreError::Invalid(format!(
                "{}: no such directory",
                dir.display()
            )));
        }
        let name = out
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "export".into());
        let tmp_path = dir.join(format!(".{name}.tmp-{}", super::new_id()));
        let mut tmp = TempFile(Some(tmp_path.clone()));
        let Some(source) = self.path() else {
            return Err(StoreError::Invalid(
                "a database in memory has no file to export".into(),
            ));
        };
        // A folder that cannot be written to is named as such (not by the temporary
        // file's name in SQLite's words).
        std::fs::File::create(&tmp_path).map_err(|source| StoreError::Io {
            path: dir.display().to_string(),
            source,
        })?;
        copy_without_search_index(&self.conn, source, self.immutable, &tmp_path).map_err(|e| {
            StoreError::Invalid(format!("{}: cannot write the export: {e}", out.display()))
        })?;
        check_export(&tmp_path).map_err(|detail| {
            StoreError::Invalid(format!("{}: not written: {detail}", out.display()))
        })?;
        let file = std::fs::File::open(&tmp_path).map_err(io(out))?;
        file.sync_all().map_err(io(out))?;
        let bytes = file.metadata().map_err(io(out))?.len();
        drop(file);
        std::fs::rename(&tmp_path, out).map_err(io(out))?;
        tmp.0 = None;
        sync_dir(&dir).map_err(io(&dir))?;
        Ok(Exported {
            path: out.to_path_buf(),
            bytes,
        })
    }
}

/// Writes the compact copy: a new file with exactly this database's schema (page size,
/// tables, indexes, `user_version`, `application_id`, rollback journal: it opens alone,
/// even read-only from a read-only place), then every table's rows in one read
/// transaction of this database (a consistent snapshot while others write), copied
/// b-tree by b-tree (SQLite's transfer optimisation: what `VACUUM INTO` does inside).
///
/// Except the search index: it is derived from the rows, a merge never reads the
/// sender's (it indexes what it brings in), and it is about a quarter of the file. The
/// copy has its tables, empty, and says so in `meta`; whoever opens the file for writing
/// gets it built then (see [`Store::build_search_index_if_left_out`]).
fn copy_without_search_index(
    conn: &Connection,
    source: &Path,
    immutable: bool,
    tmp: &Path,
) -> rusqlite::Result<()> {
    let objects: Vec<(String, String, String)> = {
        let mut stmt = conn.prepare(
            "SELECT type, name, sql FROM main.sqlite_schema
             WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY rowid",
        )?;
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<rusqlite::Result<_>>()?
    };
    // FTS5 makes its own shadow tables when its virtual table is created.
    let is_shadow = |name: &str| name.starts_with("search_index_");
    {
        let page_size: i64 = conn.query_row("PRAGMA main.page_size", [], |r| r.get(0))?;
        let user_version: i64 = conn.query_row("PRAGMA main.user_version", [], |r| r.get(0))?;
        let application_id: i64 = conn.query_row("PRAGMA main.application_id", [], |r| r.get(0))?;
        let out = Connection::open(tmp)?;
        out.execute_batch(&format!(
            "PRAGMA page_size = {page_size}; PRAGMA journal_mode = DELETE;
             PRAGMA user_version = {user_version}; PRAGMA application_id = {application_id};"
        ))?;
        let tx = out.unchecked_transaction()?;
        for (_, name, sql) in &objects {
            if !is_shadow(name) {
                tx.execute_batch(sql)?;
            }
        }
        tx.commit()?;
    }
    let tables: Vec<&str> = objects
        .iter()
        .filter(|(kind, name, sql)| {
            kind == "table" && !is_shadow(name) && !sql.starts_with("CREATE VIRTUAL TABLE")
        })
        .map(|(_, name, _)| name.as_str())
        .collect();
    // The rows are copied by the export's own connection from this database attached
    // read-only, so a database that may only be read (a read-only file or folder)
    // exports too. One transaction: a consistent snapshot while others write. Foreign
    // keys stay off on that connection, as the transfer optimisation needs (the rows
    // are this database's own, already consistent).
    let out = Connection::open(tmp)?;
    // Reading it at once: ATTACH itself reads nothing.
    let attach = |immutable: bool| {
        out.execute(
            "ATTACH DATABASE ?1 AS source",
            [source_name(source, immutable)],
        )?;
        out.query_row("SELECT count(*) FROM source.sqlite_schema", [], |r| {
            r.get::<_, i64>(0)
        })
    };
    if let Err(e) = attach(immutable) {
        // A WAL database whose -shm this user cannot write, with nothing in its -wal.
        if immutable || !super::open::readable_immutable(source) {
            return Err(e);
        }
        out.execute_batch("DETACH DATABASE source")?;
        attach(true)?;
    }
    // `main.`: unqualified, the journal mode would be set on the source too.
    out.execute_batch(
        "PRAGMA foreign_keys = OFF; PRAGMA main.journal_mode = MEMORY; PRAGMA main.synchronous = OFF; BEGIN",
    )?;
    for table in &tables {
        out.execute_batch(&format!(
            "INSERT INTO main.\"{table}\" SELECT * FROM source.\"{table}\""
        ))?;
    }
    out.execute(
        "INSERT INTO main.meta (key, value) VALUES (?1, ?2)
         ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        [SEARCH_INDEX_KEY, LEFT_OUT],
    )?;
    // No DETACH: closing a WAL source that cannot be written tries to checkpoint it and
    // fails ("database is locked"); dropping the connection closes it quietly.
    out.execute_batch("COMMIT")
}

/// What to ATTACH: the file's absolute path (never written: the copy only reads it),
/// or, when it must be read immutable (a WAL database in a folder this user cannot
/// write to), a read-only immutable `file:` URI. Not `mode=ro` always: with it the
/// transfer of the claims table took three times as long (0.29 s instead of 0.09 s for
/// 100,000 claims).
fn source_name(path: &Path, immutable: bool) -> String {
    if immutable {
        format!("{}&mode=ro", super::open::immutable_uri(path))
    } else {
        path.canonicalize()
            .unwrap_or_else(|_| path.to_path_buf())
            .to_string_lossy()
            .into_owned()
    }
}

/// The `meta` entry an export leaves: the search index is to be built on first use.
pub(super) const SEARCH_INDEX_KEY: &str = "search_index";
const LEFT_OUT: &str = "left out by export-db";

/// Whether the `meta` entry an export leaves is there.
fn left_out(conn: &Connection) -> rusqlite::Result<bool> {
    conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM meta WHERE key = ?1)",
        [SEARCH_INDEX_KEY],
        |r| r.get(0),
    )
}

impl Store {
    /// Whether this file came from `export-db` and its search index is not built yet.
    pub fn search_index_left_out(&self) -> Result<bool> {
        Ok(left_out(&self.conn)?)
    }

    /// Builds the search index of a database that came from `export-db` (which leaves
    /// it out), in one transaction; does nothing otherwise. Returns whether it built.
    pub fn build_search_index_if_left_out(&mut self) -> Result<bool> {
        if self.read_only || !self.search_index_left_out()? {
            return Ok(false);
        }
        let w = self.write()?;
        // Another process may have built it while this one waited for the write lock.
        if !left_out(&w)? {
            return Ok(false);
        }
        super::merge::fts::index_entities(&w, super::merge::fts::Scope::All)?;
        w.execute("DELETE FROM meta WHERE key = ?1", [SEARCH_INDEX_KEY])?;
        w.commit()?;
        Ok(true)
    }
}

/// The export opens alone, read-only, and passes `quick_check`.
fn check_export(path: &Path) -> std::result::Result<(), String> {
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| e.to_string())?;
    let result: String = conn
        .query_row("PRAGMA quick_check", [], |r| r.get(0))
        .map_err(|e| e.to_string())?;
    if result != "ok" {
        return Err(format!("the export failed its check: {result}"));
    }
    // A merge refuses a copy whose rows point at nothing: say so here, not there.
    let broken: i64 = conn
        .query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
            r.get(0)
        })
        .map_err(|e| e.to_string())?;
    if broken > 0 {
        return Err(format!(
            "{broken} {} of this database point at rows that are not there, so no colleague could merge it; run `factdesk doctor`",
            if broken == 1 { "row" } else { "rows" }
        ));
    }
    Ok(())
}

/// Makes a rename durable: fsync the directory that holds it (a no-op where
/// directories cannot be opened, e.g. Windows).
fn sync_dir(dir: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    std::fs::File::open(dir)?.sync_all()?;
    #[cfg(not(unix))]
    let _ = dir;
    Ok(())
}

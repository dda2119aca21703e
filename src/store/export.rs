//! `export-db`: one clean, compact, self-contained copy of the database, safe to mail.
//! `VACUUM INTO` a temporary file beside the target, check it, fsync, rename, fsync the
//! directory: the target is either the old file or the complete new one.

use super::{Result, Store, StoreError};
use rusqlite::{Connection, OpenFlags};
use std::io::{Seek, SeekFrom, Write};
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
        self.conn
            .execute("VACUUM INTO ?1", [tmp_path.to_string_lossy()])
            .map_err(|e| {
                StoreError::Invalid(format!("{}: cannot write the export: {e}", out.display()))
            })?;
        set_rollback_mode(&tmp_path).map_err(io(out))?;
        leave_out_search_index(&tmp_path).map_err(|e| {
            StoreError::Invalid(format!("{}: cannot write the export: {e}", out.display()))
        })?;
        check_export(&tmp_path).map_err(|detail| StoreError::Corrupt {
            path: out.display().to_string(),
            detail,
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

/// A `VACUUM INTO` of a WAL database is marked WAL in its header; the export is a
/// single file, so mark it rollback-journal (valid: no WAL file belongs to it). Then
/// it opens alone, even read-only on a read-only medium.
fn set_rollback_mode(path: &Path) -> std::io::Result<()> {
    let mut f = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open(path)?;
    let mut versions = [0u8; 2];
    f.seek(SeekFrom::Start(18))?;
    std::io::Read::read_exact(&mut f, &mut versions)?;
    if versions == [2, 2] {
        f.seek(SeekFrom::Start(18))?;
        f.write_all(&[1, 1])?;
    }
    Ok(())
}

/// The search index is derived from the rows (a merge never reads the sender's; it
/// indexes what it brings in), and it is about a quarter of the file: the export leaves
/// it empty and says so in `meta`, and whoever opens the file to work in it gets it
/// rebuilt then (see [`Store::build_search_index_if_left_out`]). The tables stay, with
/// their exact definitions, so the file's schema is still exactly ours.
fn leave_out_search_index(path: &Path) -> rusqlite::Result<()> {
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    let ddl: String = conn.query_row(
        "SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = 'search_index'",
        [],
        |r| r.get(0),
    )?;
    conn.execute_batch(&format!(
        "PRAGMA journal_mode = DELETE;
         BEGIN IMMEDIATE;
         DROP TABLE search_index;
         {ddl};
         DELETE FROM search_rows;
         INSERT INTO meta (key, value) VALUES ('{SEARCH_INDEX_KEY}', '{LEFT_OUT}')
           ON CONFLICT(key) DO UPDATE SET value = excluded.value;
         COMMIT;
         VACUUM;"
    ))
}

/// The `meta` entry an export leaves: the search index is to be built on first use.
const SEARCH_INDEX_KEY: &str = "search_index";
const LEFT_OUT: &str = "left out by export-db";

impl Store {
    /// Builds the search index of a database that came from `export-db` (which leaves
    /// it out), in one transaction; does nothing otherwise. Returns whether it built.
    pub fn build_search_index_if_left_out(&mut self) -> Result<bool> {
        if self.read_only || !self.search_index_left_out()? {
            return Ok(false);
        }
        let w = self.write()?;
        // Another process may have built it while this one waited for the write lock.
        let still: bool = w.query_row(
            "SELECT EXISTS (SELECT 1 FROM meta WHERE key = ?1)",
            [SEARCH_INDEX_KEY],
            |r| r.get(0),
        )?;
        if !still {
            return Ok(false);
        }
        super::merge::fts::index_entities(&w, super::merge::fts::Scope::All)?;
        w.execute("DELETE FROM meta WHERE key = ?1", [SEARCH_INDEX_KEY])?;
        w.commit()?;
        Ok(true)
    }
}

impl Store {
    /// Whether this file came from `export-db` and its search index is not built yet.
    pub fn search_index_left_out(&self) -> Result<bool> {
        Ok(self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM meta WHERE key = ?1)",
            [SEARCH_INDEX_KEY],
            |r| r.get(0),
        )?)
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

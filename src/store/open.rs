//! Opening a database: recognise it, refuse what is not ours or too new, set the
//! durability pragmas, create or migrate the schema.

use super::migrate::{self, SCHEMA_VERSION};
use super::{Result, Store, StoreError};
use rusqlite::{Connection, OpenFlags};
use std::io::Read;
use std::path::Path;
use std::time::Duration;

/// `PRAGMA application_id` of a factdesk database: "FDSK".
pub const APPLICATION_ID: i64 = 0x4644_534B;

/// How long a writer waits for another process's lock before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OpenMode {
    ReadWrite,
    ReadOnly,
}

pub(super) fn open(path: &Path, reviewer: &str, mode: OpenMode) -> Result<Store> {
    let shown = path.display().to_string();
    let exists = path.exists();
    if exists {
        check_header(path)?;
    } else if mode == OpenMode::ReadOnly {
        return Err(StoreError::Io {
            path: shown,
            source: std::io::Error::new(std::io::ErrorKind::NotFound, "no such file"),
        });
    } else if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).map_err(|source| StoreError::Io {
            path: parent.display().to_string(),
            source,
        })?;
    }
    // A file marked read-only is opened read-only even for root, so the promise
    // "nothing is written" holds whoever runs factdesk.
    let file_read_only = exists
        && std::fs::metadata(path)
            .map(|m| m.permissions().readonly())
            .unwrap_or(false);
    let read_only = mode == OpenMode::ReadOnly || file_read_only;
    let flags = if read_only {
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX
    } else {
        OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX
    };
    let connect = |target: &str, flags: OpenFlags| -> Result<Connection> {
        let conn = Connection::open_with_flags(target, flags).map_err(|e| StoreError::Corrupt {
            path: shown.clone(),
            detail: e.to_string(),
        })?;
        conn.busy_timeout(BUSY_TIMEOUT)?;
        harden(&conn)?;
        super::search::register_functions(&conn)?;
        Ok(conn)
    };
    let mut conn = connect(&path.to_string_lossy(), flags)?;
    let mut immutable = false;
    let state = match inspect(&conn, &shown) {
        // A WAL database in a folder this user cannot write to: reading it needs a
        // -shm file beside it. With no WAL content to read (the usual state of a
        // closed database), it is opened as immutable, which needs none.
        Err(StoreError::Corrupt { detail, .. })
            if read_only
                && is_wal_file(path)
                && (detail.contains("readonly")
                    || detail.contains("locked")
                    || detail.contains("unable to open")) =>
        {
            if wal_has_content(path) {
                return Err(StoreError::Invalid(format!(
                    "{shown}: a database in WAL mode, with a -wal file, in a folder you cannot write to: \
                     SQLite must create its -shm file beside it to read it; copy the file and its -wal \
                     somewhere writable, or ask for it as a `factdesk export-db` file"
                )));
            }
            conn = connect(&immutable_uri(path), flags | OpenFlags::SQLITE_OPEN_URI)?;
            immutable = true;
            inspect(&conn, &shown)?
        }
        other => other?,
    };
    let mut upgraded = None;
    let mut older_schema = None;
    if read_only {
        if state == State::Empty {
            return Err(StoreError::ReadOnly(shown));
        }
        if state == State::Older {
            older_schema = Some(migrate::user_version(&conn)?);
        }
        conn.execute_batch("PRAGMA foreign_keys = ON; PRAGMA query_only = ON;")?;
    } else {
        configure(&conn)?;
        match state {
            State::Empty => migrate::create(&mut conn)?,
            State::Older => {
                let from = migrate::user_version(&conn)?;
                upgraded = migrate::upgrade(&mut conn, Some(path), migrate::STEPS)?.map(|u| {
                    super::Upgrade {
                        from,
                        to: migrate::SCHEMA_VERSION,
                        backup: u.backup,
                    }
                });
            }
            State::Current => {}
        }
    }
    let mut store = Store {
        conn,
        path: Some(path.to_path_buf()),
        reviewer: reviewer.to_string(),
        read_only,
        bulk_batch: None,
        bulk_at: None,
        in_bulk: false,
        upgraded,
        older_schema,
        immutable,
    };
    // A file made by export-db comes without its search index: build it now.
    store.build_search_index_if_left_out()?;
    Ok(store)
}

pub(super) fn open_in_memory(reviewer: &str) -> Result<Store> {
    let mut conn = Connection::open_in_memory()?;
    harden(&conn)?;
    super::search::register_functions(&conn)?;
    conn.execute_batch("PRAGMA foreign_keys = ON;")?;
    migrate::create(&mut conn)?;
    Ok(Store {
        conn,
        path: None,
        reviewer: reviewer.to_string(),
        read_only: false,
        bulk_batch: None,
        bulk_at: None,
        in_bulk: false,
        upgraded: None,
        older_schema: None,
        immutable: false,
    })
}

/// Whether the file's header says WAL mode (bytes 18 and 19 are 2).
fn is_wal_file(path: &Path) -> bool {
    use std::io::Read;
    let mut head = [0u8; 20];
    std::fs::File::open(path)
        .and_then(|mut f| f.read_exact(&mut head))
        .is_ok_and(|()| head[18] == 2 && head[19] == 2)
}

/// A WAL database with nothing in a `-wal` file: it reads the same opened immutable.
pub(super) fn readable_immutable(path: &Path) -> bool {
    is_wal_file(path) && !wal_has_content(path)
}

/// The file SQLite keeps beside a database: `path` + `suffix` ("-wal", "-journal").
pub(super) fn beside(path: &Path, suffix: &str) -> std::path::PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    name.into()
}

/// Whether a `suffix` file ("-wal", "-journal") with content sits beside `path`.
pub(super) fn has_content_beside(path: &Path, suffix: &str) -> bool {
    std::fs::metadata(beside(path, suffix)).is_ok_and(|m| m.len() > 0)
}

/// Whether a `-wal` file with content sits beside `path`.
fn wal_has_content(path: &Path) -> bool {
    has_content_beside(path, "-wal")
}

/// `file:` URI for `path`, opened immutable (no locks, no -shm: nobody may write it
/// meanwhile, which a folder nobody here can write to makes likely).
pub(super) fn immutable_uri(path: &Path) -> String {
    format!("{}?immutable=1", file_uri(path))
}

/// `file:` URI (no query) for `path`: its absolute form, bytes outside the unreserved
/// set %-escaped.
fn file_uri(path: &Path) -> String {
    let full = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
    let mut uri = String::from("file:");
    for b in full.to_string_lossy().bytes() {
        if b.is_ascii_alphanumeric() || b"/-._~".contains(&b) {
            uri.push(b as char);
        } else {
            uri.push_str(&format!("%{b:02X}"));
        }
    }
    uri
}

/// factdesk's schema has no triggers or views, and its SQL calls no function from a
/// schema: every connection runs with triggers and views off, `trusted_schema` off and
/// SQLite's defensive mode. A trigger or view someone added to a file (a received
/// export opened directly, a file edited by hand) is never run; `doctor` reports it and
/// `doctor --repair` drops it.
fn harden(conn: &Connection) -> Result<()> {
    use rusqlite::config::DbConfig;
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_ENABLE_TRIGGER, false)?;
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_ENABLE_VIEW, false)?;
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_TRUSTED_SCHEMA, false)?;
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_DEFENSIVE, true)?;
    Ok(())
}

/// The durability settings every working connection uses.
fn configure(conn: &Connection) -> Result<()> {
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.execute_batch("PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;")?;
    Ok(())
}

#[derive(Debug, PartialEq, Eq)]
enum State {
    Empty,
    Older,
    Current,
}

/// Reads the file's first bytes: a SQLite file starts with a 16-byte magic string.
/// An empty file is an empty database to SQLite, and to us.
fn check_header(path: &Path) -> Result<()> {
    let shown = path.display().to_string();
    if path.is_dir() {
        return Err(StoreError::Io {
            path: shown,
            source: std::io::Error::other("is a directory, not a database file"),
        });
    }
    let mut head = Vec::with_capacity(16);
    std::fs::File::open(path)
        .and_then(|f| f.take(16).read_to_end(&mut head))
        .map_err(|source| StoreError::Io {
            path: shown.clone(),
            source,
        })?;
    if !head.is_empty() && head.as_slice() != b"SQLite format 3\0" {
        return Err(StoreError::NotSqlite { path: shown });
    }
    Ok(())
}

/// Recognises the database before anything is written to it.
fn inspect(conn: &Connection, shown: &str) -> Result<State> {
    let app_id: i64 = conn
        .query_row("PRAGMA application_id", [], |r| r.get(0))
        .map_err(|e| match e.sqlite_error_code() {
            Some(rusqlite::ErrorCode::NotADatabase) => StoreError::NotSqlite { path: shown.into() },
            _ => StoreError::Corrupt {
                path: shown.into(),
                detail: e.to_string(),
            },
        })?;
    let version = migrate::user_version(conn)?;
    let tables: i64 = conn.query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0))?;
    if app_id == 0 && tables == 0 && version == 0 {
        return Ok(State::Empty);
    }
    if app_id != APPLICATION_ID {
        return Err(StoreError::NotFactdesk {
            path: shown.into(),
            found: app_id,
        });
    }
    if version > SCHEMA_VERSION {
        return Err(StoreError::NewerSchema {
            path: shown.into(),
            found: version,
            known: SCHEMA_VERSION,
        });
    }
    Ok(if version < SCHEMA_VERSION {
        State::Older
    } else {
        State::Current
    })
}

//! Schema creation and forward migrations on `PRAGMA user_version`.
//!
//! `schema.sql` always describes the newest version. A database at an older version is
//! first copied with `VACUUM INTO` (a backup beside it), then upgraded by every step in
//! one IMMEDIATE transaction: a failing step leaves version and schema as they were.

use super::{Result, StoreError};
use rusqlite::{Connection, TransactionBehavior};
use std::path::{Path, PathBuf};

/// The schema, the single source of truth.
pub const SCHEMA_SQL: &str = include_str!("../../schema.sql");

/// The version `schema.sql` describes.
pub const SCHEMA_VERSION: i64 = 3;

/// One forward step: from `to - 1` to `to`.
#[derive(Debug, Clone, Copy)]
pub struct Step {
    pub to: i64,
    pub sql: &'static str,
}

/// Every step from version 1 up to [`SCHEMA_VERSION`], in order.
pub const STEPS: &[Step] = &[Step { to: 2, sql: TO_V2 }, Step { to: 3, sql: TO_V3 }];

/// The search tables of version 1, exactly as its schema.sql made them: a copy from a
/// colleague still on version 1 is vetted against them (its other tables are as now).
pub(super) const SEARCH_V1: &str = "CREATE TABLE search_rows (
    rowid      INTEGER PRIMARY KEY,
    kind       TEXT NOT NULL,               -- article | claim | verdict | note | source | link
    entity_id  TEXT NOT NULL UNIQUE,
    article_id TEXT,
    claim_id   TEXT
) STRICT;
CREATE VIRTUAL TABLE search_index USING fts5(
    title, body,
    tokenize = 'unicode61 remove_diacritics 2'
);";

/// The oldest version whose files a merge still takes: they differ from today's in the
/// search tables only, which a merge never reads (it indexes what it brings in).
pub const OLDEST_MERGEABLE: i64 = 1;

/// Version 2: the search index keeps no copy of the text and needs no id map (a third
/// of a database's size). The new index is empty; it is built when the upgraded file is
/// opened, as for a file from `export-db`.
const TO_V2: &str = "DROP TABLE search_rows;
     DROP TABLE search_index;
     CREATE VIRTUAL TABLE search_index USING fts5(
         title, body,
         content = '', contentless_delete = 1,
         tokenize = 'unicode61 remove_diacritics 2'
     );
     INSERT INTO meta (key, value) VALUES ('search_index', 'left out by an upgrade')
       ON CONFLICT(key) DO UPDATE SET value = excluded.value;";

/// Version 3: a claim, source, link or verdict has no `create` entry while its row
/// exists (src/store/creations.rs). The entries its row stands for go: those whose
/// action logged at one time (so the row's time names it), and for a link, whose
/// values are the row's first ones (a merge may have given the row another link's).
const TO_V3: &str = concat!(
    "DELETE FROM changes WHERE rowid IN (",
    super::creations::stood_for_by_rows!(""),
    ");"
);

pub fn user_version(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("PRAGMA user_version", [], |r| r.get(0))?)
}

/// Creates the newest schema in an empty database, with the application id and version.
pub fn create(conn: &mut Connection) -> Result<()> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    tx.execute_batch(SCHEMA_SQL)?;
    tx.execute_batch(&format!(
        "PRAGMA application_id = {}; PRAGMA user_version = {};",
        super::APPLICATION_ID,
        SCHEMA_VERSION
    ))?;
    super::ratings::seed_scale(&tx, "default")?;
    tx.commit()?;
    Ok(())
}

/// What [`upgrade`] did.
#[derive(Debug)]
pub struct Upgraded {
    /// The copy written first (none for an in-memory database).
    pub backup: Option<PathBuf>,
}

/// Brings a database from its version up to the last of `steps`. `None` when there was
/// nothing to do.
pub fn upgrade(
    conn: &mut Connection,
    path: Option<&Path>,
    steps: &[Step],
) -> Result<Option<Upgraded>> {
    let from = user_version(conn)?;
    let pending: Vec<&Step> = steps.iter().filter(|s| s.to > from).collect();
    if pending.is_empty() {
        return Ok(None);
    }
    let backup = match path {
        Some(p) => Some(backup(conn, p, from)?),
        None => None,
    };
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    // Another process may have upgraded the file while this one made its backup (two
    // workbenches started at once): then there is nothing left to do, and no backup.
    if user_version(&tx)? != from {
        drop(tx);
        if let Some(b) = &backup {
            let _ = std::fs::remove_file(b);
        }
        return Ok(None);
    }
    for step in pending {
        tx.execute_batch(step.sql).map_err(|e| {
            StoreError::Invalid(format!(
                "migration to schema version {} failed: {e}",
                step.to
            ))
        })?;
        tx.execute_batch(&format!("PRAGMA user_version = {}", step.to))?;
    }
    let fk_problems: i64 =
        tx.query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
            r.get(0)
        })?;
    if fk_problems > 0 {
        return Err(StoreError::Invalid(format!(
            "migration from schema version {from} would break {fk_problems} foreign keys; nothing was changed"
        )));
    }
    tx.commit()?;
    Ok(Some(Upgraded { backup }))
}

/// Writes a consistent copy of the database beside it, before a migration.
fn backup(conn: &Connection, path: &Path, version: i64) -> Result<PathBuf> {
    let stamp = super::now().replace([':', '.'], "");
    let name = format!(
        "{}.v{version}-backup-{stamp}",
        path.file_name()
            .map(|n| n.to_string_lossy())
            .unwrap_or_default()
    );
    let target = path.with_file_name(name);
    // The copy is made empty first with the database's own permissions (VACUUM INTO
    // takes an empty file), so a private database never has a readable copy, not even
    // for a moment.
    let io = |source| StoreError::Io {
        path: target.display().to_string(),
        source,
    };
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
        let mode = std::fs::metadata(path).map_err(io)?.permissions().mode();
        options.mode(mode & 0o777);
    }
    drop(options.open(&target).map_err(io)?);
    conn.execute("VACUUM INTO ?1", [target.to_string_lossy()])?;
    Ok(target)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at_version(v: i64) -> Connection {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch(&format!(
            "CREATE TABLE t(a INTEGER); INSERT INTO t VALUES (1); PRAGMA user_version = {v};"
        ))
        .unwrap();
        conn
    }

    #[test]
    fn upgrades_in_order_from_an_older_version() {
        let mut conn = at_version(1);
        let steps = [
            Step {
                to: 2,
                sql: "ALTER TABLE t ADD COLUMN b TEXT DEFAULT 'x';",
            },
            Step {
                to: 3,
                sql: "CREATE TABLE u(c INTEGER); INSERT INTO u SELECT a FROM t;",
            },
        ];
        upgrade(&mut conn, None, &steps).unwrap();
        assert_eq!(user_version(&conn).unwrap(), 3);
        let c: i64 = conn.query_row("SELECT c FROM u", [], |r| r.get(0)).unwrap();
        assert_eq!(c, 1);
        // Already current: nothing to do.
        assert!(upgrade(&mut conn, None, &steps).unwrap().is_none());
    }

    #[test]
    fn a_failing_step_changes_nothing() {
        let mut conn = at_version(1);
        let steps = [
            Step {
                to: 2,
                sql: "ALTER TABLE t ADD COLUMN b TEXT;",
            },
            Step {
                to: 3,
                sql: "THIS IS NOT SQL;",
            },
        ];
        let err = upgrade(&mut conn, None, &steps).unwrap_err();
        assert!(err.to_string().contains("schema version 3"), "{err}");
        assert_eq!(user_version(&conn).unwrap(), 1);
        let cols: i64 = conn
            .query_row("SELECT count(*) FROM pragma_table_info('t')", [], |r| {
                r.get(0)
            })
            .unwrap();
        assert_eq!(cols, 1, "the first step was rolled back too");
    }

    #[test]
    fn backs_up_before_upgrading_a_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("db.sqlite");
        let mut conn = Connection::open(&path).unwrap();
        conn.execute_batch(
            "CREATE TABLE t(a INTEGER); INSERT INTO t VALUES (7); PRAGMA user_version = 1;",
        )
        .unwrap();
        let steps = [Step {
            to: 2,
            sql: "ALTER TABLE t ADD COLUMN b TEXT;",
        }];
        let backup = upgrade(&mut conn, Some(&path), &steps)
            .unwrap()
            .unwrap()
            .backup
            .unwrap();
        let old = Connection::open(&backup).unwrap();
        assert_eq!(user_version(&old).unwrap(), 1);
        let a: i64 = old.query_row("SELECT a FROM t", [], |r| r.get(0)).unwrap();
        assert_eq!(a, 7);
    }
}

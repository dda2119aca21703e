//! `factdesk doctor`: checks a database (integrity, foreign keys, search index, schema
//! version, application id, journal mode, network filesystem) and says what it would
//! repair; `--repair` rebuilds the search index in one transaction.

use super::merge::fts;
use super::migrate::SCHEMA_VERSION;
use super::untrusted::{self, Difference};
use super::{APPLICATION_ID, Result, Store};
use crate::text::sanitize_line;
use serde::Serialize;
use std::path::Path;

/// What `doctor` found.
#[derive(Debug, Clone, Serialize)]
pub struct Doctor {
    pub path: String,
    /// `ok`, or the first problems `integrity_check` reports.
    pub integrity: Vec<String>,
    /// Rows whose references point at nothing.
    pub foreign_key_problems: i64,
    /// Search index rows that point at nothing.
    pub search_dangling: i64,
    /// Entities missing from the search index.
    pub search_missing: i64,
    /// A file made by `export-db` that nobody has opened for writing yet: it comes
    /// without its search index and in rollback-journal mode, both on purpose.
    pub export_file: bool,
    pub schema_version: i64,
    pub known_schema_version: i64,
    pub application_id: i64,
    pub journal_mode: String,
    /// The filesystem type when the file lives on a network filesystem.
    pub network_filesystem: Option<String>,
    /// Schema objects that are not factdesk's (a trigger or view is never run: every
    /// connection has them off) or factdesk's that are missing or altered.
    pub schema_problems: Vec<String>,
    /// Why the search index cannot be read at all (its tables are damaged), if so.
    pub search_index_error: Option<String>,
    /// The index's own tables are damaged (`--repair` rebuilds it).
    pub search_index_damaged: bool,
    /// Findings a reviewer should act on, one line each.
    pub problems: Vec<String>,
    /// What `doctor --repair` would do (empty: nothing to repair).
    pub repairs: Vec<String>,
}

impl Doctor {
    pub fn healthy(&self) -> bool {
        self.problems.is_empty()
    }
}

/// What `doctor --repair` did.
#[derive(Debug, Clone, Serialize)]
pub struct Repaired {
    /// Entries in the rebuilt search index (one per indexed entity; the name is older
    /// than the index's present form, and scripts read it).
    pub search_rows: i64,
    /// Triggers, views and indexes factdesk did not make, dropped ("trigger 'evil'").
    pub dropped: Vec<String>,
    /// factdesk's own indexes that were missing or altered, made again.
    pub remade: Vec<String>,
}

impl Store {
    /// Checks the database without changing it.
    pub fn doctor(&self) -> Result<Doctor> {
        let conn = &self.conn;
        let integrity: Vec<String> = match conn
            .prepare("PRAGMA integrity_check(10)")
            .and_then(|mut stmt| stmt.query_map([], |r| r.get(0))?.collect())
        {
            Ok(lines) => lines,
            // FTS5 cannot even open an index whose own tables are damaged.
            Err(e) if is_index_error(&e.to_string()) => vec![format!("fts5: {e}")],
            Err(e) => return Err(e.into()),
        };
        let foreign_keys: Vec<(String, String, i64)> = {
            let mut stmt = conn.prepare(
                "SELECT \"table\", parent, count(*) FROM pragma_foreign_key_check GROUP BY 1, 2 ORDER BY 1, 2",
            )?;
            stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
                .collect::<rusqlite::Result<_>>()?
        };
        let foreign_key_problems = foreign_keys.iter().map(|f| f.2).sum();
        // Damage the index's own tables make it unreadable: derived data, rebuilt below.
        let (search_dangling, search_missing, search_index_error) =
            match self.search_index_problems() {
                // Blocks the counts never read can still be broken: a search finds them.
                Ok((dangling, missing)) => (dangling, missing, self.probe_search_index()),
                Err(e) => (0, 0, Some(e.to_string())),
            };
        let export_file = self.search_index_left_out()?;
        let schema_version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        let application_id: i64 = conn.query_row("PRAGMA application_id", [], |r| r.get(0))?;
        let journal_mode: String = conn.query_row("PRAGMA journal_mode", [], |r| r.get(0))?;
        let network_filesystem = self.path().and_then(network_filesystem);
        let all_differences = if (1..=SCHEMA_VERSION).contains(&schema_version) {
            untrusted::schema_differences(conn, schema_version)?
        } else {
            Vec::new()
        };
        // The search index's own tables are rebuilt with it.
        let (index_tables, differences): (Vec<_>, Vec<_>) =
            all_differences.into_iter().partition(|d| {
                d.name.starts_with("search_index") && d.difference != Difference::Unexpected
            });
        let mut problems = Vec::new();
        let mut repairs = Vec::new();
        // FTS5's integrity check names the index's tables: that damage is repairable.
        let (index_damage, file_damage): (Vec<&String>, Vec<&String>) = integrity
            .iter()
            .filter(|line| *line != "ok")
            .partition(|line| line.contains("fts5") || line.contains("search_index"));
        if !file_damage.is_empty() {
            let lines: Vec<&str> = file_damage.iter().map(|l| l.as_str()).collect();
            problems.push(format!("integrity check failed: {}", lines.join("; ")));
            repairs.push(
                "the file itself is damaged and cannot be repaired in place: export what is readable with \
                 `factdesk export-db`, or restore a backup and `factdesk merge` a colleague's copy"
                    .into(),
            );
        }
        for (table, parent, n) in &foreign_keys {
            problems.push(format!(
                "{n} {} of {table} point at {parent} that are not there (foreign key check): \
                 `factdesk merge` a colleague's copy that has them, or restore a backup",
                if *n == 1 { "row" } else { "rows" }
            ));
        }
        let index_broken =
            (search_index_error.is_some() || !index_damage.is_empty() || !index_tables.is_empty())
                && !export_file;
        if !index_tables.is_empty() {
            let tables: Vec<String> = index_tables.iter().map(ToString::to_string).collect();
            problems.push(format!(
                "the search index's tables are damaged: {}",
                tables.join(", ")
            ));
        } else if let Some(e) = &search_index_error {
            problems.push(format!("the search index cannot be read: {e}"));
        } else if !index_damage.is_empty() {
            let lines: Vec<&str> = index_damage.iter().map(|l| l.as_str()).collect();
            problems.push(format!("the search index is damaged: {}", lines.join("; ")));
        } else if search_dangling + search_missing > 0 && !export_file {
            problems.push(format!(
                "the search index is out of step: {search_dangling} stale entries, {search_missing} missing"
            ));
        }
        if index_broken || (search_dangling + search_missing > 0 && !export_file) {
            repairs
                .push("rebuild the search index from the rows (`factdesk doctor --repair`)".into());
        }
        for d in &differences {
            if d.repairable() && d.difference == Difference::Unexpected {
                problems.push(format!("{d}: factdesk did not make it (and never runs it)"));
                repairs.push(format!("drop {} '{}'", d.kind, sanitize_line(&d.name)));
            } else if d.repairable() {
                problems.push(d.to_string());
                repairs.push(format!("make index '{}' again", sanitize_line(&d.name)));
            } else {
                problems.push(format!(
                    "{d}: export-db and merge refuse a file whose schema is not factdesk's, and doctor \
                     cannot put it right; `factdesk export-db` from a colleague's sound copy instead"
                ));
            }
        }
        if application_id != APPLICATION_ID {
            problems.push(format!(
                "application_id is {application_id:#x}, not factdesk's {APPLICATION_ID:#x}"
            ));
        }
        if schema_version != SCHEMA_VERSION {
            problems.push(format!(
                "schema version {schema_version}; this factdesk uses {SCHEMA_VERSION}"
            ));
        }
        // Opened immutable (a read-only folder), SQLite reports no WAL whatever the file is.
        if !journal_mode.eq_ignore_ascii_case("wal")
            && self.path().is_some()
            && !export_file
            && !self.immutable
        {
            problems.push(format!(
                "journal mode is {journal_mode}, not WAL (opening it for writing switches it to WAL)"
            ));
        }
        if let Some(fs) = &network_filesystem {
            problems.push(format!(
                "the file is on a network filesystem ({fs}): SQLite's WAL mode does not work there and two \
                 workbenches can corrupt it; keep the database on a local disk and share it with \
                 `factdesk export-db` and `factdesk merge`"
            ));
        }
        Ok(Doctor {
            path: self.display_path(),
            integrity,
            foreign_key_problems,
            search_dangling,
            search_missing,
            export_file,
            schema_version,
            known_schema_version: SCHEMA_VERSION,
            application_id,
            journal_mode,
            network_filesystem,
            search_index_damaged: index_broken,
            schema_problems: index_tables
                .iter()
                .chain(&differences)
                .map(ToString::to_string)
                .collect(),
            search_index_error,
            problems,
            repairs,
        })
    }

    /// A search for a word of the first claim (or article): what a reviewer's search
    /// meets when the index's blocks are damaged where the counts do not look.
    fn probe_search_index(&self) -> Option<String> {
        if self.older_schema.is_some() || self.search_index_left_out().unwrap_or(true) {
            return None;
        }
        let text: String = self
            .conn
            .query_row(
                "SELECT label FROM claims UNION ALL SELECT title FROM articles LIMIT 1",
                [],
                |r| r.get(0),
            )
            .ok()?;
        let word = text
            .split(|c: char| !c.is_alphanumeric())
            .find(|w| w.chars().count() >= 3)?;
        self.search(word, 1).err().map(|e| e.to_string())
    }

    /// `doctor --repair`, in one transaction: drops the triggers, views and indexes
    /// factdesk did not make, and makes the search index again from the rows. The
    /// index is derived data, so it is always rebuilt: dropped and created from its
    /// definition, it is whole whatever happened to its tables, and no text edited
    /// outside factdesk stays stale in it.
    pub fn repair(&mut self) -> Result<Repaired> {
        let version: i64 = self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))?;
        let differences = untrusted::schema_differences(&self.conn, version)?;
        let expected = untrusted::expected_schema(SCHEMA_VERSION)?;
        let index_sql = expected
            .iter()
            .find(|row| row.0 == "table" && row.1 == "search_index")
            .and_then(|row| row.3.clone())
            .unwrap_or_default();
        let w = self.write()?;
        let (mut dropped, mut remade) = (Vec::new(), Vec::new());
        for d in differences.iter().filter(|d| d.repairable()) {
            w.execute_batch(&format!(
                "DROP {} IF EXISTS \"{}\"",
                d.kind.to_uppercase(),
                d.name.replace('"', "\"\"")
            ))?;
            // One of factdesk's own indexes, missing or altered: made as schema.sql has it.
            let own = expected
                .iter()
                .find(|row| row.0 == d.kind && row.1 == d.name)
                .and_then(|row| row.3.as_deref());
            match own {
                Some(sql) => {
                    w.execute_batch(sql)?;
                    remade.push(format!("{} '{}'", d.kind, sanitize_line(&d.name)));
                }
                None => dropped.push(format!("{} '{}'", d.kind, sanitize_line(&d.name))),
            }
        }
        if w.execute_batch("DROP TABLE IF EXISTS search_index")
            .is_err()
        {
            // Its own tables are too damaged for FTS5 to open it, even to drop it: put
            // back what it reads first, then drop it.
            restore_index_tables(&w, &expected)?;
            w.execute_batch("DROP TABLE IF EXISTS search_index")?;
        }
        w.execute_batch(&index_sql)?;
        fts::index_entities(&w, fts::Scope::All)?;
        w.execute(
            "DELETE FROM meta WHERE key = ?1",
            [super::export::SEARCH_INDEX_KEY],
        )?;
        let search_rows: i64 =
            w.query_row("SELECT count(*) FROM search_index_docsize", [], |r| {
                r.get(0)
            })?;
        w.commit()?;
        Ok(Repaired {
            search_rows,
            dropped,
            remade,
        })
    }
}

/// Whether an error comes from the search index's own tables.
fn is_index_error(message: &str) -> bool {
    ["fts5", "search_index", "vtable constructor"]
        .iter()
        .any(|m| message.contains(m))
}

/// Makes the search index's own tables openable again: any that is missing is
/// created, and its settings are those of a new index. Writing them takes defensive
/// mode off, for this only.
fn restore_index_tables(
    conn: &rusqlite::Connection,
    expected: &std::collections::BTreeSet<untrusted::SchemaRow>,
) -> Result<()> {
    use rusqlite::config::DbConfig;
    let fresh = rusqlite::Connection::open_in_memory()?;
    fresh.execute_batch(super::migrate::SCHEMA_SQL)?;
    let settings: Vec<(String, rusqlite::types::Value)> = {
        let mut stmt = fresh.prepare("SELECT k, v FROM search_index_config")?;
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?
    };
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_DEFENSIVE, false)?;
    let restored = (|| -> rusqlite::Result<()> {
        for row in expected {
            if row.0 == "table"
                && row.1.starts_with("search_index_")
                && let Some(sql) = &row.3
            {
                conn.execute_batch(&sql.replacen("CREATE TABLE", "CREATE TABLE IF NOT EXISTS", 1))?;
            }
        }
        conn.execute("DELETE FROM search_index_config", [])?;
        for (k, v) in &settings {
            conn.execute(
                "INSERT INTO search_index_config (k, v) VALUES (?1, ?2)",
                rusqlite::params![k, v],
            )?;
        }
        Ok(())
    })();
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_DEFENSIVE, true)?;
    Ok(restored?)
}

/// Filesystem types on which SQLite's locking (and so WAL) cannot be trusted.
const NETWORK_FILESYSTEMS: &[&str] = &[
    "nfs",
    "nfs4",
    "cifs",
    "smb",
    "smb2",
    "smb3",
    "smbfs",
    "fuse.sshfs",
    "sshfs",
    "9p",
    "afs",
    "ceph",
    "glusterfs",
    "fuse.glusterfs",
    "davfs",
    "fuse.davfs2",
    "fuse.rclone",
    "lustre",
    "gpfs",
];

/// The type of the filesystem holding `path`, when it is a network one (Linux: from
/// /proc/mounts, the longest mount point that contains the file).
fn network_filesystem(path: &Path) -> Option<String> {
    let full = path.canonicalize().ok()?;
    let mounts = std::fs::read_to_string("/proc/mounts").ok()?;
    let mut best: Option<(usize, String)> = None;
    for line in mounts.lines() {
        let mut fields = line.split_whitespace();
        let (_, Some(point), Some(kind)) = (fields.next(), fields.next(), fields.next()) else {
            continue;
        };
        let point = point.replace("\\040", " ");
        if full.starts_with(&point) && best.as_ref().is_none_or(|(len, _)| point.len() > *len) {
            best = Some((point.len(), kind.to_string()));
        }
    }
    best.map(|(_, kind)| kind)
        .filter(|kind| NETWORK_FILESYSTEMS.contains(&kind.as_str()))
}

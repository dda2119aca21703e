//! `factdesk doctor`: checks a database (integrity, foreign keys, search index, schema
//! version, application id, journal mode, network filesystem) and says what it would
//! repair; `--repair` rebuilds the search index in one transaction.

use super::merge::fts;
use super::migrate::SCHEMA_VERSION;
use super::{APPLICATION_ID, Result, Store};
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
}

impl Store {
    /// Checks the database without changing it.
    pub fn doctor(&self) -> Result<Doctor> {
        let conn = &self.conn;
        let integrity: Vec<String> = {
            let mut stmt = conn.prepare("PRAGMA integrity_check(10)")?;
            stmt.query_map([], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?
        };
        let foreign_key_problems: i64 =
            conn.query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
                r.get(0)
            })?;
        let (search_dangling, search_missing) = self.search_index_problems()?;
        let export_file = self.search_index_left_out()?;
        let schema_version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        let application_id: i64 = conn.query_row("PRAGMA application_id", [], |r| r.get(0))?;
        let journal_mode: String = conn.query_row("PRAGMA journal_mode", [], |r| r.get(0))?;
        let network_filesystem = self.path().and_then(network_filesystem);
        let mut problems = Vec::new();
        let mut repairs = Vec::new();
        if integrity != ["ok"] {
            problems.push(format!("integrity check failed: {}", integrity.join("; ")));
            repairs.push(
                "the file itself is damaged and cannot be repaired in place: export what is readable with \
                 `factdesk export-db`, or restore a backup and `factdesk merge` a colleague's copy"
                    .into(),
            );
        }
        if foreign_key_problems > 0 {
            problems.push(format!(
                "{foreign_key_problems} rows point at rows that are not there (foreign key check)"
            ));
        }
        if search_dangling + search_missing > 0 && !export_file {
            problems.push(format!(
                "the search index is out of step: {search_dangling} stale entries, {search_missing} missing"
            ));
            repairs.push("rebuild the search index (`factdesk doctor --repair`)".into());
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
        if !journal_mode.eq_ignore_ascii_case("wal") && self.path().is_some() && !export_file {
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
            problems,
            repairs,
        })
    }

    /// Rebuilds the whole search index from the tables, in one transaction.
    pub fn rebuild_search_index(&mut self) -> Result<Repaired> {
        let w = self.write()?;
        fts::index_entities(&w, fts::Scope::All)?;
        let search_rows: i64 =
            w.query_row("SELECT count(*) FROM search_index_docsize", [], |r| {
                r.get(0)
            })?;
        w.commit()?;
        Ok(Repaired { search_rows })
    }
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

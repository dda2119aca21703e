//! Running the factdesk binary from tests: a scratch database, success and failure
//! helpers (a failure is one line, exit code 1, the database unchanged).
#![allow(dead_code)]

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub const BIN: &str = env!("CARGO_BIN_EXE_factdesk");
pub const EXAMPLE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/examples/iran-taliban-consensus.txt"
);

pub struct Env {
    pub dir: tempfile::TempDir,
    pub db: PathBuf,
    /// Who the commands run as (`--reviewer`); "dana" unless a test changes it.
    pub reviewer: String,
}

impl Env {
    pub fn new() -> Env {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("scratch.sqlite");
        Env {
            dir,
            db,
            reviewer: "dana".into(),
        }
    }

    pub fn run(&self, args: &[&str]) -> Output {
        Command::new(BIN)
            .args([
                "--db",
                self.db.to_str().unwrap(),
                "--reviewer",
                &self.reviewer,
            ])
            .args(args)
            .env_remove("FACTDESK_DB")
            .env("FACTDESK_CONFIG", self.dir.path().join("no-config.toml"))
            .output()
            .unwrap()
    }

    pub fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(
            out.status.success(),
            "{args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }

    pub fn json(&self, args: &[&str]) -> Value {
        serde_json::from_str(&self.ok(args)).unwrap()
    }

    /// Runs a command that must fail: one line on stderr naming `needle`, exit code 1,
    /// and the database's content unchanged.
    pub fn fails(&self, args: &[&str], needle: &str) {
        let before = fingerprint(&self.db);
        let out = self.run(args);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(
            out.status.code(),
            Some(1),
            "{args:?} should fail; stderr: {err}"
        );
        assert_eq!(
            err.lines().count(),
            1,
            "{args:?}: one line expected, got: {err}"
        );
        assert!(err.starts_with("factdesk: error: "), "{err}");
        assert!(
            err.contains(needle),
            "{args:?}: expected '{needle}' in: {err}"
        );
        assert_eq!(
            fingerprint(&self.db),
            before,
            "{args:?} changed the database"
        );
    }

    /// The kinds of what `search QUERY --json` finds.
    pub fn search_kinds(&self, query: &str) -> Vec<String> {
        let hits = self.json(&["search", query, "--json"]);
        hits.as_array()
            .unwrap()
            .iter()
            .map(|h| h["kind"].as_str().unwrap().to_string())
            .collect()
    }

    /// Imports the example article; returns its id.
    pub fn import_example(&self) -> String {
        self.ok(&["import", EXAMPLE]);
        self.json(&["articles", "--json"])[0]["id"]
            .as_str()
            .unwrap()
            .to_string()
    }

    pub fn file(&self, name: &str, bytes: &[u8]) -> String {
        let p = self.dir.path().join(name);
        std::fs::write(&p, bytes).unwrap();
        p.to_str().unwrap().to_string()
    }
}

/// Every row of every table, as text: equal fingerprints mean equal content.
pub fn fingerprint(db: &Path) -> String {
    if !db.exists() {
        return "absent".into();
    }
    let conn =
        rusqlite::Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .unwrap();
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'search_index_%' ORDER BY name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let mut out = String::new();
    for t in tables {
        let mut stmt = conn
            .prepare(&format!("SELECT * FROM \"{t}\" ORDER BY 1"))
            .unwrap();
        let n = stmt.column_count();
        let rows = stmt
            .query_map([], |r| {
                Ok((0..n)
                    .map(|i| format!("{:?}", r.get::<_, rusqlite::types::Value>(i).unwrap()))
                    .collect::<Vec<_>>()
                    .join("|"))
            })
            .unwrap();
        for row in rows {
            out.push_str(&format!("{t}:{}\n", row.unwrap()));
        }
    }
    out
}

pub fn short(id: &str) -> &str {
    &id[24..32]
}

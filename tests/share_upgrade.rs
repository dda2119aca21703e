//! Files made by factdesk at schema version 1 (tests/fixtures/v1-*.sqlite, written by
//! the version-1 binary: the example article and a Chinese/Japanese one, a source link,
//! a verdict, notes, an edited label). Opened for writing they are upgraded, with a
//! backup, and lose nothing; a colleague's version-1 export still merges.

use factdesk::store::Store;
use factdesk::store::migrate::SCHEMA_VERSION;
use std::path::{Path, PathBuf};

fn fixture(dir: &Path, name: &str) -> PathBuf {
    let to = dir.join(name);
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(name),
        &to,
    )
    .unwrap();
    to
}

/// The kinds of what a search finds, sorted.
fn kinds(store: &Store, query: &str) -> Vec<String> {
    let mut kinds: Vec<String> = store
        .search(query, 50)
        .unwrap()
        .into_iter()
        .map(|h| h.kind)
        .collect();
    kinds.sort();
    kinds
}

/// Every row, and every logged change: since version 3 a row stands for its creation
/// (it is logged once the row goes), so a creation is compared by what it says (what,
/// when, who), not by its log entry's id.
fn content(store: &Store) -> Vec<String> {
    let mut lines: Vec<String> = store
        .content_dump()
        .unwrap()
        .into_iter()
        .filter(|l| !l.starts_with("changes "))
        .collect();
    for c in store.changes(usize::MAX, None).unwrap() {
        let values = if c.action == "create" {
            String::new()
        } else {
            format!("{} {:?} {:?} {:?}", c.id, c.field, c.old_value, c.new_value)
        };
        lines.push(format!(
            "change {} {} {} {} {} {values}",
            c.entity, c.entity_id, c.action, c.at, c.reviewer
        ));
    }
    lines.sort();
    lines
}

fn user_version(store: &Store) -> i64 {
    store
        .connection()
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap()
}

#[test]
fn a_version_1_database_is_upgraded_with_a_backup_and_keeps_everything() {
    let dir = tempfile::tempdir().unwrap();
    let db = fixture(dir.path(), "v1-work.sqlite");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o600)).unwrap();
    }

    // Read-only, nothing is upgraded; its old index cannot answer, and says why.
    let before = {
        let old = Store::open_read_only(&db, "lee").unwrap();
        assert_eq!(user_version(&old), 1);
        let err = old.search("quetzal", 5).unwrap_err().to_string();
        assert!(
            err.contains("older factdesk")
                && err.contains("schema version 1")
                && !err.contains('\n'),
            "{err}"
        );
        content(&old)
    };

    let store = Store::open(&db, "lee").unwrap();
    assert_eq!(user_version(&store), SCHEMA_VERSION);
    assert_eq!(content(&store), before, "the upgrade changed content");
    let backups: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("v1-work.sqlite.v1-backup-"))
        .collect();
    assert_eq!(backups.len(), 1, "{backups:?}");
    #[cfg(unix)]
    {
        // A private database's backup is private too.
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(dir.path().join(&backups[0]))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    let upgrade = store.upgraded().expect("the open says it upgraded");
    assert_eq!((upgrade.from, upgrade.to), (1, SCHEMA_VERSION));
    let message = upgrade.message(&db);
    assert!(
        message.contains(&format!("from schema version 1 to {SCHEMA_VERSION}"))
            && message.contains(&backups[0]),
        "{message}"
    );
    assert!(
        Store::open(&db, "lee").unwrap().upgraded().is_none(),
        "upgraded twice"
    );

    // The new index holds everything the old one did, and more: Chinese inside a sentence.
    assert_eq!(kinds(&store, "quetzal"), ["verdict"]);
    assert_eq!(kinds(&store, "quokka"), ["link"]);
    assert_eq!(kinds(&store, "ocelot"), ["note"]);
    assert_eq!(kinds(&store, "zanzibar"), ["claim"]);
    let doha = kinds(&store, "Doha");
    for kind in ["article", "claim", "source", "link"] {
        assert!(doha.iter().any(|k| k == kind), "{kind} missing: {doha:?}");
    }
    assert_eq!(kinds(&store, "多哈"), ["article", "claim", "note"]);
    assert_eq!(store.search_index_problems().unwrap(), (0, 0));
    assert!(store.doctor().unwrap().healthy());
}

#[test]
fn a_colleagues_version_1_export_merges() {
    let dir = tempfile::tempdir().unwrap();
    let theirs = fixture(dir.path(), "v1-export.sqlite");
    let mut store = Store::open(&dir.path().join("mine.sqlite"), "lee").unwrap();
    let report = store.merge_from(&theirs, false).unwrap();
    assert_eq!(report.added.articles, 2);
    assert_eq!(report.added.claims, 15);
    assert_eq!(report.added.verdicts, 1);
    assert_eq!(report.added.notes, 2);
    assert_eq!(report.added.links, 1);
    assert_eq!(kinds(&store, "quetzal"), ["verdict"]);
    assert_eq!(kinds(&store, "多哈"), ["article", "claim", "note"]);
    assert_eq!(store.search_index_problems().unwrap(), (0, 0));
    // Twice changes nothing.
    assert!(!store.merge_from(&theirs, false).unwrap().changed_anything());
}

/// An upgraded file is factdesk's in every way: doctor finds it sound, and its export
/// merges into a colleague's database. (The upgrade made its search table with other
/// indentation than schema.sql, and the exact schema check refused the export.)
#[test]
fn an_upgraded_database_exports_and_its_export_merges() {
    let dir = tempfile::tempdir().unwrap();
    let db = fixture(dir.path(), "v1-work.sqlite");
    let store = Store::open(&db, "lee").unwrap();
    assert!(store.upgraded().is_some());
    assert!(store.doctor().unwrap().healthy(), "{:#?}", store.doctor());
    let out = dir.path().join("out.sqlite");
    store.export_db(&out, false).unwrap();
    let mut colleague = Store::open(&dir.path().join("theirs.sqlite"), "kim").unwrap();
    let report = colleague.merge_from(&out, false).unwrap();
    assert_eq!(report.added.articles, 2, "{report:#?}");
    assert_eq!(kinds(&colleague, "quetzal"), ["verdict"]);
}

/// A command that writes upgrades the file (read-only commands never write, and
/// `search` says to run one), says so on stderr with where the old file is, and goes
/// on with the command.
#[test]
fn the_cli_says_it_upgraded_and_where_the_old_file_is() {
    let dir = tempfile::tempdir().unwrap();
    let db = fixture(dir.path(), "v1-work.sqlite");
    let run = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_factdesk"))
            .args(["--db", db.to_str().unwrap(), "--reviewer", "lee"])
            .args(args)
            .env("FACTDESK_CONFIG", dir.path().join("none.toml"))
            .output()
            .unwrap()
    };
    let before = run(&["search", "多哈"]);
    let said = String::from_utf8_lossy(&before.stderr);
    assert!(
        !before.status.success() && said.contains("doctor --repair"),
        "{said}"
    );
    let out = run(&["doctor", "--repair"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr.starts_with("factdesk: upgraded ")
            && stderr.contains(&format!("from schema version 1 to {SCHEMA_VERSION}"))
            && stderr.contains(".v1-backup-")
            && stderr.lines().count() == 1,
        "{stderr}"
    );
    let found = run(&["search", "多哈"]);
    assert!(found.status.success());
    assert_eq!(String::from_utf8_lossy(&found.stdout).lines().count(), 3);
}

/// Two workbenches started at once on an old file: both open it, one upgrades it (one
/// backup), neither fails.
#[test]
fn opening_an_old_file_twice_at_once_upgrades_it_once() {
    let dir = tempfile::tempdir().unwrap();
    let db = fixture(dir.path(), "v1-work.sqlite");
    let start = std::sync::Arc::new(std::sync::Barrier::new(4));
    let openers: Vec<_> = (0..4)
        .map(|i| {
            let (db, start) = (db.clone(), start.clone());
            std::thread::spawn(move || {
                start.wait();
                Store::open(&db, &format!("r{i}")).map(|s| s.upgraded().is_some())
            })
        })
        .collect();
    let upgraded: Vec<bool> = openers
        .into_iter()
        .map(|t| t.join().unwrap().expect("every open succeeds"))
        .collect();
    assert_eq!(upgraded.iter().filter(|u| **u).count(), 1, "{upgraded:?}");
    let backups = std::fs::read_dir(dir.path())
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .contains(".v1-backup-")
        })
        .count();
    assert_eq!(backups, 1);
}

//! A file from someone else is untrusted input: crafted schemas are refused before
//! anything in them runs; damaged, truncated, foreign or half-copied files get a clear
//! error, and the local database is untouched.

mod share_support;

use factdesk::store::{Store, StoreError};
use rusqlite::Connection;
use rusqlite::functions::FunctionFlags;
use share_support::*;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

/// A local database and the hashes of its files, to prove a refused merge left it alone.
struct Local {
    store: Store,
    path: PathBuf,
}

impl Local {
    fn new(dir: &Path) -> Local {
        let base = base(dir);
        let store = copy_of(&base, dir, "local.sqlite", "alice");
        Local {
            store,
            path: dir.join("local.sqlite"),
        }
    }
    fn fingerprint(&self) -> (String, String, String) {
        // Read first: the first read of a WAL database creates its (empty) -wal file.
        let digest = self.store.content_digest().unwrap();
        let wal = PathBuf::from(format!("{}-wal", self.path.display()));
        let wal_hash = if wal.exists() {
            file_hash(&wal)
        } else {
            String::new()
        };
        (file_hash(&self.path), wal_hash, digest)
    }
    /// Merges `file`, expects a refusal, checks nothing changed; returns the message.
    fn refused(&mut self, file: &Path) -> String {
        let before = self.fingerprint();
        let err = self
            .store
            .merge_from(file, false)
            .expect_err("the file was accepted");
        assert_eq!(
            self.fingerprint(),
            before,
            "a refused merge changed the local database"
        );
        assert_sound(&self.store);
        let msg = err.to_string();
        assert!(!msg.contains('\n'), "one line: {msg}");
        msg
    }
}

/// An honest export to tamper with.
fn export_copy(dir: &Path, name: &str) -> PathBuf {
    let mut other = copy_of(&base(dir), dir, &format!("{name}-work.sqlite"), "bob");
    import(
        &mut other,
        "Other",
        "The port handled 2 million containers in 2022. Nobody checked.",
    );
    export(&other, dir, name)
}

#[test]
fn a_crafted_trigger_or_view_is_refused_and_nothing_in_it_runs() {
    let dir = tempfile::tempdir().unwrap();
    let mut local = Local::new(dir.path());
    // A function with a side effect, known to the local connection: if anything in the
    // crafted file ran on it, the counter would move.
    let calls = Arc::new(AtomicUsize::new(0));
    let seen = Arc::clone(&calls);
    local
        .store
        .connection()
        .create_scalar_function("side_effect", 0, FunctionFlags::SQLITE_UTF8, move |_| {
            seen.fetch_add(1, Ordering::SeqCst);
            Ok(1)
        })
        .unwrap();
    let crafted = [
        (
            "view",
            "CREATE VIEW harmless AS SELECT side_effect() AS x, load_extension('/tmp/evil.so') AS y;",
        ),
        (
            "trigger",
            "CREATE TRIGGER on_read AFTER INSERT ON claims BEGIN SELECT side_effect(); DELETE FROM changes; END;",
        ),
        (
            "table",
            "CREATE TABLE extra (x TEXT DEFAULT (side_effect()));",
        ),
        (
            "index",
            "DROP INDEX claims_by_short_id; CREATE INDEX claims_by_short_id ON claims(substr(id, 20));",
        ),
    ];
    for (kind, sql) in crafted {
        let file = export_copy(dir.path(), &format!("crafted-{kind}.sqlite"));
        Connection::open(&file).unwrap().execute_batch(sql).unwrap();
        let msg = local.refused(&file);
        assert!(
            msg.contains("refused") && msg.contains("export-db"),
            "{kind}: {msg}"
        );
        let expected = if kind == "index" {
            "altered index 'claims_by_short_id'".to_string()
        } else {
            format!("{kind} '")
        };
        assert!(msg.contains(&expected), "{kind}: {msg}");
        // Vetting alone says the same, and leaves no private copy behind.
        let err = factdesk::store::vet(&file).unwrap_err();
        assert!(matches!(err, StoreError::Untrusted { .. }), "{err}");
    }
    assert_eq!(
        calls.load(Ordering::SeqCst),
        0,
        "something in a crafted file ran"
    );
    // The honest file still merges.
    let honest = export_copy(dir.path(), "honest.sqlite");
    assert_eq!(
        local
            .store
            .merge_from(&honest, false)
            .unwrap()
            .added
            .articles,
        1
    );
    assert_eq!(calls.load(Ordering::SeqCst), 0);
}

#[test]
fn damaged_truncated_and_foreign_files_get_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let mut local = Local::new(dir.path());
    let good = export_copy(dir.path(), "good.sqlite");
    let bytes = std::fs::read(&good).unwrap();

    let truncated = dir.path().join("truncated.sqlite");
    std::fs::write(&truncated, &bytes[..bytes.len() / 2 + 100]).unwrap();
    let msg = local.refused(&truncated);
    assert!(msg.contains("truncated"), "{msg}");

    let corrupt = dir.path().join("corrupt.sqlite");
    let mut damaged = bytes.clone();
    for b in damaged.iter_mut().skip(4096 * 2).take(4096 * 3) {
        *b = 0x5a;
    }
    std::fs::write(&corrupt, &damaged).unwrap();
    let msg = local.refused(&corrupt);
    assert!(
        msg.contains("damaged") || msg.contains("malformed"),
        "{msg}"
    );

    let text = dir.path().join("notes.sqlite");
    std::fs::write(&text, "just some text, not a database").unwrap();
    assert!(local.refused(&text).contains("not a SQLite database"));

    let foreign = dir.path().join("foreign.sqlite");
    Connection::open(&foreign)
        .unwrap()
        .execute_batch("CREATE TABLE t(x); INSERT INTO t VALUES (1);")
        .unwrap();
    assert!(local.refused(&foreign).contains("not a factdesk one"));

    let newer = export_copy(dir.path(), "newer.sqlite");
    Connection::open(&newer)
        .unwrap()
        .execute_batch("PRAGMA user_version = 99;")
        .unwrap();
    assert!(local.refused(&newer).contains("newer factdesk"));

    let missing = local.refused(&dir.path().join("nope.sqlite"));
    assert!(missing.contains("no such file"), "{missing}");
}

/// The page-by-page check runs beside the merge (on a second core); damage that the
/// merge itself never reads (the other copy's search index settings: the index is
/// derived, and rebuilt here)
/// must still stop it before anything is committed, and the error names that file.
#[test]
fn damage_the_merge_never_reads_still_stops_it_before_commit() {
    let dir = tempfile::tempdir().unwrap();
    let mut local = Local::new(dir.path());
    let good = export_copy(dir.path(), "good.sqlite");
    let (page_size, root): (i64, i64) = {
        let conn = Connection::open(&good).unwrap();
        (
            conn.query_row("PRAGMA page_size", [], |r| r.get(0))
                .unwrap(),
            conn.query_row(
                "SELECT rootpage FROM sqlite_schema WHERE name = 'search_index_config'",
                [],
                |r| r.get(0),
            )
            .unwrap(),
        )
    };
    let mut bytes = std::fs::read(&good).unwrap();
    let (page_size, page) = (page_size as usize, (root as usize - 1) * page_size as usize);
    for b in &mut bytes[page..page + page_size] {
        *b = 0xa5;
    }
    let damaged = dir.path().join("index-damaged.sqlite");
    std::fs::write(&damaged, &bytes).unwrap();
    let msg = local.refused(&damaged);
    assert!(
        msg.contains("index-damaged.sqlite") && msg.contains("damaged"),
        "{msg}"
    );
    // Nothing was left behind: an honest merge afterwards works.
    assert!(local.store.merge_from(&good, false).is_ok());
}

#[test]
fn a_file_with_a_journal_or_wal_beside_it_is_refused_with_advice() {
    let dir = tempfile::tempdir().unwrap();
    let mut local = Local::new(dir.path());
    let file = export_copy(dir.path(), "half.sqlite");
    for suffix in ["-wal", "-journal"] {
        let side = PathBuf::from(format!("{}{suffix}", file.display()));
        std::fs::write(&side, b"leftover").unwrap();
        let msg = local.refused(&file);
        assert!(msg.contains(suffix) && msg.contains("export-db"), "{msg}");
        std::fs::remove_file(&side).unwrap();
    }
    assert!(local.store.merge_from(&file, false).is_ok());
}

/// A read-only look at a WAL database (`factdesk claims`) leaves an empty -wal and a
/// -shm beside it: they hold nothing the file lacks, and the file still merges.
#[test]
fn empty_wal_and_shm_files_left_by_a_read_only_look_do_not_stop_a_merge() {
    let dir = tempfile::tempdir().unwrap();
    let mut local = Local::new(dir.path());
    let work = dir.path().join("bob-live.sqlite");
    {
        let mut bob = Store::open(&work, "bob").unwrap();
        import(
            &mut bob,
            "Live",
            "The city planted 9000 trees in 2021. Residents doubt it.",
        );
    }
    let looked = Store::open_read_only(&work, "bob").unwrap();
    looked.articles().unwrap();
    drop(looked);
    for suffix in ["-wal", "-shm"] {
        let side = PathBuf::from(format!("{}{suffix}", work.display()));
        std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&side)
            .unwrap();
    }
    assert_eq!(
        std::fs::metadata(format!("{}-wal", work.display()))
            .unwrap()
            .len(),
        0
    );
    let report = local.store.merge_from(&work, false).unwrap();
    assert_eq!(report.added.articles, 1);
}

#[test]
fn a_live_wal_database_copied_whole_is_read_from_its_private_copy_only() {
    // A copy of a database file in WAL mode (header says WAL) with no WAL beside it:
    // accepted, and vetting never creates -wal/-shm files next to the original.
    let dir = tempfile::tempdir().unwrap();
    let mut local = Local::new(dir.path());
    let other_dir = dir.path().join("inbox");
    std::fs::create_dir(&other_dir).unwrap();
    let work = dir.path().join("bob-live.sqlite");
    {
        let mut bob = Store::open(&work, "bob").unwrap();
        import(
            &mut bob,
            "Live",
            "The city planted 9000 trees in 2021. Residents doubt it.",
        );
    }
    let copied = other_dir.join("bob.sqlite");
    std::fs::copy(&work, &copied).unwrap();
    let report = local.store.merge_from(&copied, false).unwrap();
    assert_eq!(report.added.articles, 1);
    let names: Vec<String> = std::fs::read_dir(&other_dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["bob.sqlite"]);
}

/// A trigger or view added to a working file (by hand, or in a colleague's export opened
/// directly) never runs: every connection has triggers and views off. `doctor` names
/// them, `export-db` refuses to pass them on, and `doctor --repair` drops them.
#[test]
fn a_trigger_added_to_a_working_file_never_runs_and_doctor_drops_it() {
    let dir = tempfile::tempdir().unwrap();
    let local = Local::new(dir.path());
    let claim = claim_ids(&local.store)[0].clone();
    let label = local.store.claim(&claim).unwrap().label;
    drop(local.store);
    Connection::open(&local.path)
        .unwrap()
        .execute_batch(
            "CREATE TRIGGER evil AFTER INSERT ON verdicts BEGIN
               UPDATE claims SET label = 'pwned' WHERE id = new.claim_id; END;
             CREATE VIEW peek AS SELECT id, label FROM claims;",
        )
        .unwrap();
    let mut store = Store::open(&local.path, "alice").unwrap();
    store.add_verdict(&claim, "true", "Checked.").unwrap();
    assert_eq!(store.claim(&claim).unwrap().label, label);
    let doctor = store.doctor().unwrap();
    assert!(!doctor.healthy());
    for name in ["unexpected trigger 'evil'", "unexpected view 'peek'"] {
        assert!(
            doctor.problems.iter().any(|p| p.starts_with(name)),
            "{doctor:#?}"
        );
    }
    let err = store
        .export_db(&dir.path().join("out.sqlite"), false)
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("not factdesk's") && err.contains("doctor --repair"),
        "{err}"
    );
    let repaired = store.repair().unwrap();
    assert_eq!(repaired.dropped, ["trigger 'evil'", "view 'peek'"]);
    assert!(store.doctor().unwrap().healthy());
    let out = export(&store, dir.path(), "out.sqlite");
    let mut other = copy_of(&base(dir.path()), dir.path(), "other.sqlite", "bob");
    assert_eq!(other.merge_from(&out, false).unwrap().added.verdicts, 1);
}

/// The search index is derived data: whatever happened to its own tables, `doctor`
/// says so (it never fails on them) and `doctor --repair` makes it again, text edited
/// outside factdesk included.
#[test]
fn doctor_repairs_a_search_index_whose_tables_are_damaged() {
    for damage in [
        "DELETE FROM search_index_config",
        "DELETE FROM search_index_data",
        "DROP TABLE search_index_idx",
        "UPDATE claims SET label = 'platypus' WHERE rowid = (SELECT min(rowid) FROM claims)",
    ] {
        let dir = tempfile::tempdir().unwrap();
        let local = Local::new(dir.path());
        drop(local.store);
        Connection::open(&local.path)
            .unwrap()
            .execute_batch(damage)
            .unwrap();
        let read_only = Store::open_read_only(&local.path, "alice").unwrap();
        let doctor = read_only.doctor().unwrap();
        let stale_text = damage.starts_with("UPDATE");
        if !stale_text {
            let err = read_only.search("million", 5).unwrap_err().to_string();
            assert!(err.contains("doctor --repair"), "{damage}: {err}");
        }
        drop(read_only);
        assert_eq!(doctor.healthy(), stale_text, "{damage}: {doctor:#?}");
        if !stale_text {
            assert!(
                doctor
                    .repairs
                    .iter()
                    .any(|r| r.contains("rebuild the search index")),
                "{damage}: {doctor:#?}"
            );
        }
        let mut store = Store::open(&local.path, "alice").unwrap();
        store.repair().unwrap();
        assert!(store.doctor().unwrap().healthy(), "{damage}");
        assert_sound(&store);
        let word = if stale_text { "platypus" } else { "million" };
        assert!(!store.search(word, 5).unwrap().is_empty(), "{damage}");
    }
}

/// Rows that point at nothing (an article deleted by hand) are named by table, and no
/// export is written that every merge would refuse.
#[test]
fn orphan_rows_are_named_and_not_exported() {
    let dir = tempfile::tempdir().unwrap();
    let local = Local::new(dir.path());
    drop(local.store);
    Connection::open(&local.path)
        .unwrap()
        .execute_batch("PRAGMA foreign_keys = OFF; DELETE FROM articles;")
        .unwrap();
    let store = Store::open(&local.path, "alice").unwrap();
    let doctor = store.doctor().unwrap();
    assert!(
        doctor
            .problems
            .iter()
            .any(|p| p.contains("of claims point at articles that are not there")),
        "{doctor:#?}"
    );
    let out = dir.path().join("out.sqlite");
    let err = store.export_db(&out, false).unwrap_err().to_string();
    assert!(
        err.contains("not written") && err.contains("point at rows"),
        "{err}"
    );
    assert!(!out.exists());
}

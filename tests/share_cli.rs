//! The sharing commands through the real binary, and `doctor` on healthy and broken
//! databases.

mod share_support;

use factdesk::store::Store;
use share_support::*;
use std::path::Path;
use std::process::{Command, Output};

fn factdesk(dir: &Path, db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_factdesk"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env("FACTDESK_CONFIG", dir.join("no-config.toml"))
        .env("FACTDESK_REVIEWER", "carol")
        .output()
        .unwrap()
}

/// Exports Bob's copy and merges it into Alice's with the real binary; its report.
fn merge_bobs_copy_into_alices(d: &Path, alice: Store, bob: Store) -> String {
    let from = export(&bob, d, "bob-out.sqlite");
    drop((alice, bob));
    let o = factdesk(
        d,
        &d.join("alice.sqlite"),
        &["merge", from.to_str().unwrap()],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn export_merge_and_doctor_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let base = base(d);
    let mine = d.join("mine.sqlite");
    std::fs::copy(&base, &mine).unwrap();
    let mut bob = copy_of(&base, d, "bob.sqlite", "bob");
    import(
        &mut bob,
        "Bob's article",
        "The port handled 2 million containers in 2022. Nobody checked.",
    );
    drop(bob);

    let out = d.join("bob-export.sqlite");
    let o = factdesk(
        d,
        &d.join("bob.sqlite"),
        &["export-db", out.to_str().unwrap()],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let o = factdesk(
        d,
        &d.join("bob.sqlite"),
        &["export-db", out.to_str().unwrap()],
    );
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains("already exists") && stderr(&o).lines().count() == 1,
        "{}",
        stderr(&o)
    );
    let o = factdesk(
        d,
        &d.join("bob.sqlite"),
        &["export-db", "--force", out.to_str().unwrap()],
    );
    assert!(o.status.success(), "{}", stderr(&o));

    let o = factdesk(d, &mine, &["merge", out.to_str().unwrap(), "--dry-run"]);
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(
        o.status.success() && text.contains("dry run") && text.contains("1 article"),
        "{text}"
    );
    let o = factdesk(d, &mine, &["merge", out.to_str().unwrap(), "--json"]);
    let report: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(report["added"]["articles"], 1);
    assert_eq!(report["added"]["claims"], 2);
    assert_eq!(report["dry_run"], false);
    assert!(report["conflicts"].as_array().unwrap().is_empty());
    let o = factdesk(d, &mine, &["merge", out.to_str().unwrap()]);
    assert!(String::from_utf8_lossy(&o.stdout).contains("nothing to merge"));

    let o = factdesk(
        d,
        &mine,
        &["merge", d.join("missing.sqlite").to_str().unwrap()],
    );
    assert!(
        !o.status.success() && stderr(&o).contains("missing.sqlite"),
        "{}",
        stderr(&o)
    );
    let o = factdesk(
        d,
        &d.join("nowhere.sqlite"),
        &["merge", out.to_str().unwrap()],
    );
    assert!(
        !o.status.success() && !d.join("nowhere.sqlite").exists(),
        "merge must not create a database"
    );

    let o = factdesk(d, &mine, &["doctor"]);
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(
        o.status.success() && text.contains("nothing to repair"),
        "{text}{}",
        stderr(&o)
    );
}

#[test]
fn doctor_finds_a_stale_search_index_and_repair_rebuilds_it() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let db = d.join("db.sqlite");
    {
        let mut store = Store::open(&db, "carol").unwrap();
        import(&mut store, "Exports", BODY);
    }
    rusqlite::Connection::open(&db)
        .unwrap()
        .execute_batch(
            // A claim's entry has rowid 2 << 40 | the claim row's rowid (schema.sql).
            "DELETE FROM search_index WHERE rowid IN (SELECT 2 << 40 | rowid FROM claims LIMIT 2);",
        )
        .unwrap();
    let o = factdesk(d, &db, &["doctor", "--json"]);
    assert!(!o.status.success());
    let report: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(report["report"]["search_missing"], 2);
    assert!(
        report["report"]["repairs"][0]
            .as_str()
            .unwrap()
            .contains("--repair")
    );
    let o = factdesk(d, &db, &["doctor", "--repair"]);
    assert!(
        o.status.success(),
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        stderr(&o)
    );
    assert!(String::from_utf8_lossy(&o.stdout).contains("rebuilt the search index"));
    assert_eq!(
        Store::open(&db, "x")
            .unwrap()
            .search_index_problems()
            .unwrap(),
        (0, 0)
    );
}

/// The set-based indexing of merges and repairs writes exactly what the per-row writers
/// write.
#[test]
fn rebuilding_the_index_reproduces_what_the_writers_indexed() {
    let mut store = Store::open_in_memory("gen").unwrap();
    factdesk::dev::generate(&mut store, 3, 6, 11).unwrap();
    let claim = claim_ids(&store)[0].clone();
    let article = store.claim(&claim).unwrap().article_id;
    store
        .add_note(&article, Some(&claim), "Ring the agency.")
        .unwrap();
    store
        .add_note(&article, None, "Whole article looks recycled.")
        .unwrap();
    // Each entry: its rowid (kind code << 40 | the entity's rowid) and the number of
    // words indexed in each column (the index keeps no text).
    let dump = |s: &Store| -> Vec<(i64, Vec<u8>)> {
        let mut stmt = s
            .connection()
            .prepare("SELECT id, sz FROM search_index_docsize ORDER BY id")
            .unwrap();
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .map(Result::unwrap)
            .collect()
    };
    let before = dump(&store);
    let kinds: std::collections::BTreeSet<i64> = before.iter().map(|(id, _)| id >> 40).collect();
    // article, claim, verdict, note, source, link
    assert_eq!(kinds, (1..=6).collect());
    store.repair().unwrap();
    assert_eq!(dump(&store), before);
}

/// A merge with many conflicts lists the first 20 and says where the rest are;
/// `claims --conflicts` lists every conflicted claim.
#[test]
fn many_conflicts_are_listed_in_part_and_findable() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let mut editor = Store::open(&d.join("base-work.sqlite"), "editor").unwrap();
    let body: String = (1..=11)
        .map(|i| format!("The port handled {i} million containers in 20{i:02}. "))
        .collect();
    import(&mut editor, "Port figures", &body);
    let base = export(&editor, d, "base.sqlite");
    drop(editor);
    let mut alice = copy_of(&base, d, "alice.sqlite", "alice");
    let mut bob = copy_of(&base, d, "bob.sqlite", "bob");
    let claims = claim_ids(&alice);
    assert_eq!(claims.len(), 11);
    for (who, store) in [("alice", &mut alice), ("bob", &mut bob)] {
        for id in &claims[..11] {
            store
                .edit_claim(
                    id,
                    &factdesk::model::ClaimEdit {
                        label: Some(format!("{who}'s label")),
                        claimant: Some(format!("{who}'s claimant")),
                        ..Default::default()
                    },
                )
                .unwrap();
        }
        std::thread::sleep(std::time::Duration::from_millis(2));
    }
    let text = merge_bobs_copy_into_alices(d, alice, bob);
    assert!(text.contains("22 conflict(s)"), "{text}");
    assert_eq!(text.matches("    claim ").count(), 20, "{text}");
    assert!(
        text.contains("… and 2 more: `factdesk claims --conflicts` lists the claims"),
        "{text}"
    );
    let o = factdesk(
        d,
        &d.join("alice.sqlite"),
        &["claims", "--conflicts", "--json"],
    );
    let listed: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let listed = listed.as_array().unwrap();
    assert_eq!(listed.len(), 11);
    assert!(listed.iter().all(|c| c["conflict_count"] == 2));
    // `show --json` has the count and the list, each under its own key.
    let id = listed[0]["id"].as_str().unwrap();
    let o = factdesk(d, &d.join("alice.sqlite"), &["show", id, "--json"]);
    let shown = String::from_utf8_lossy(&o.stdout);
    assert_eq!(shown.matches("\"conflicts\"").count(), 1, "{shown}");
    let shown: serde_json::Value = serde_json::from_str(&shown).unwrap();
    assert_eq!(shown["conflict_count"], 2);
    assert_eq!(shown["conflicts"].as_array().unwrap().len(), 2);
}

/// The merge report counts what it unified ("unified   1 article ...").
#[test]
fn the_merge_report_counts_unified_articles() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let base = base(d);
    let text = "The port handled 2 million containers in 2022. Nobody checked.";
    let mut alice = copy_of(&base, d, "alice.sqlite", "alice");
    let mut bob = copy_of(&base, d, "bob.sqlite", "bob");
    import(&mut alice, "Port", text);
    import(&mut bob, "Port", text);
    let text = merge_bobs_copy_into_alices(d, alice, bob);
    assert!(
        text.contains("  unified   1 article imported in both copies (same text)"),
        "{text}"
    );
}

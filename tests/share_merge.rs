//! Merging two copies: conflicts, deletions, the same text imported twice, links made in
//! both copies, dry runs, idempotence and order independence.

mod share_support;

use factdesk::model::{ClaimEdit, ClaimStatus, Stance};
use factdesk::store::Store;
use share_support::*;
use std::path::Path;

/// What `claims --conflicts` lists.
fn conflicted_claims(store: &Store) -> Vec<factdesk::model::Claim> {
    let filter = factdesk::store::ClaimFilter {
        conflicts: true,
        ..Default::default()
    };
    store.claims(None, &filter).unwrap()
}

#[test]
fn concurrent_edits_of_one_field_keep_the_newer_and_report_the_other() {
    let (dir, _, mut alice, mut bob) = two_copies();
    let claims = claim_ids(&alice);
    relabel(&mut alice, &claims[1], "Alice's label");
    alice
        .set_claim_status(&claims[2], ClaimStatus::Accepted)
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(2));
    bob.edit_claim(
        &claims[1],
        &ClaimEdit {
            label: Some("Bob's label".into()),
            ..Default::default()
        },
    )
    .unwrap();
    bob.edit_claim(
        &claims[3],
        &ClaimEdit {
            claimant: Some("the agency".into()),
            ..Default::default()
        },
    )
    .unwrap();
    bob.add_verdict(&claims[2], "mostly-true", "Close to the official figure.")
        .unwrap();
    let (a, b) = export_both(&alice, &bob, dir.path());

    let (merged, report) = merge_both_ways(dir.path(), &a, &b);
    assert_eq!(report.conflicts.len(), 1, "{report:#?}");
    let conflict = &report.conflicts[0];
    assert_eq!(
        (conflict.field.as_str(), conflict.kept.reviewer.as_str()),
        ("label", "bob")
    );
    assert_eq!(conflict.lost.value, serde_json::json!("Alice's label"));
    let c1 = merged.claim(&claims[1]).unwrap();
    assert_eq!(c1.label, "Bob's label");
    assert_eq!(
        merged.claim(&claims[2]).unwrap().status,
        ClaimStatus::Accepted
    );
    assert_eq!(merged.claim(&claims[3]).unwrap().claimant, "the agency");
    assert_eq!(merged.verdicts(&claims[2]).unwrap().len(), 1);
    // The losing edit is still in the log, next to a conflict entry.
    let log = merged.changes(100, Some(&claims[1])).unwrap();
    assert!(
        log.iter().any(
            |c| c.action == "update" && c.new_value == Some(serde_json::json!("Alice's label"))
        )
    );
    assert!(log.iter().any(|c| c.action == "conflict"));
    // The claim's detail (the workbench's pane, `show`) says whose edit was overridden.
    let conflicts = merged.claim_detail(&claims[1]).unwrap().conflicts;
    assert_eq!(conflicts.len(), 1, "{conflicts:#?}");
    assert_eq!(
        conflicts[0].summary(),
        "label: kept “Bob's label” (bob) over “Alice's label” (alice)"
    );
    assert!(
        merged
            .claim_detail(&claims[3])
            .unwrap()
            .conflicts
            .is_empty()
    );
    // `claims --conflicts` and the workbench's filter list just that claim.
    let conflicted = conflicted_claims(&merged);
    assert_eq!(
        conflicted
            .iter()
            .map(|c| (c.id.as_str(), c.conflicts))
            .collect::<Vec<_>>(),
        [(claims[1].as_str(), 1)]
    );
    // A later edit of the field settles it (the entries stay in the log).
    let mut merged = merged;
    std::thread::sleep(std::time::Duration::from_millis(2));
    relabel(&mut merged, &claims[1], "Settled label");
    assert!(
        merged
            .claim_detail(&claims[1])
            .unwrap()
            .conflicts
            .is_empty()
    );
    assert_eq!(merged.claim(&claims[1]).unwrap().conflicts, 0);
    let still = conflicted_claims(&merged);
    assert!(still.is_empty(), "{still:#?}");
    assert!(
        merged
            .changes(100, Some(&claims[1]))
            .unwrap()
            .iter()
            .any(|c| c.action == "conflict")
    );
    // Search finds the merged text.
    assert!(!merged.search("agency", 10).unwrap().is_empty());
}

#[test]
fn a_deleted_claim_stays_deleted_unless_brought_back_later() {
    let (dir, _, mut alice, mut bob) = two_copies();
    let claims = claim_ids(&alice);
    alice.delete_claim(&claims[0]).unwrap();
    alice.delete_claim(&claims[3]).unwrap();
    alice.undo_last().unwrap(); // claims[3] is back, with a create newer than its delete
    bob.add_note(
        &bob.claim(&claims[1]).unwrap().article_id,
        Some(&claims[1]),
        "Call the ministry.",
    )
    .unwrap();
    let (a, b) = export_both(&alice, &bob, dir.path());
    let (merged, report) = merge_both_ways(dir.path(), &a, &b);
    assert!(merged.claim(&claims[0]).is_err(), "deleted claim came back");
    assert!(merged.claim(&claims[3]).is_ok());
    assert_eq!(merged.notes_for_claim(&claims[1]).unwrap().len(), 1);
    // Merging Bob's copy into Alice's: claim 0 (with its link and verdict) is left out.
    assert_eq!(report.skipped.claims, 1, "{report:#?}");
    assert_eq!(report.skipped.verdicts, 1);
    // And into Bob's copy, his claim 0 goes.
    let mut bob2 = copy_of(&b, dir.path(), "bob2.sqlite", "bob");
    let r = bob2.merge_from(&a, false).unwrap();
    assert_eq!(r.removed.claims, 1);
    assert!(
        merged.search("statistics", 10).unwrap().is_empty(),
        "index kept a deleted verdict"
    );
}

/// Work done on a claim after a colleague deleted it in their copy is not lost: the
/// claim stays, with that work, in both merge orders. Work older than the deletion does
/// not keep it.
#[test]
fn newer_work_on_a_claim_deleted_in_the_other_copy_keeps_it() {
    let (dir, _, mut alice, mut bob) = two_copies();
    let claims = claim_ids(&alice);
    bob.add_note(
        &bob.claim(&claims[2]).unwrap().article_id,
        Some(&claims[2]),
        "Older note: the deletion came after it.",
    )
    .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(2));
    alice.delete_claim(&claims[1]).unwrap();
    alice.delete_claim(&claims[2]).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(2));
    bob.add_verdict(
        &claims[1],
        "false",
        "Bob checked it after Alice deleted it.",
    )
    .unwrap();
    bob.add_note(
        &bob.claim(&claims[1]).unwrap().article_id,
        Some(&claims[1]),
        "Ring the ministry.",
    )
    .unwrap();
    let (a, b) = export_both(&alice, &bob, dir.path());
    let (merged, _) = merge_both_ways(dir.path(), &a, &b);
    assert!(
        merged.claim(&claims[1]).is_ok(),
        "Bob's newer work was lost"
    );
    assert_eq!(merged.verdicts(&claims[1]).unwrap().len(), 1);
    assert_eq!(merged.notes_for_claim(&claims[1]).unwrap().len(), 1);
    assert!(
        merged.claim(&claims[2]).is_err(),
        "older work kept a deleted claim"
    );
    // Into Bob's own copy: his claim, verdict and note stay.
    let mut bob2 = copy_of(&b, dir.path(), "bob2.sqlite", "bob");
    let r = bob2.merge_from(&a, false).unwrap();
    assert_eq!(r.removed.claims, 1, "{r:#?}");
    assert_eq!(bob2.verdicts(&claims[1]).unwrap().len(), 1);
}

/// The same for an article: a verdict given in one copy after the other copy deleted
/// the article keeps the article and that claim in both merge orders; the claims nobody
/// touched since stay deleted.
#[test]
fn newer_work_on_an_article_deleted_in_the_other_copy_keeps_it() {
    let (dir, _, mut alice, mut bob) = two_copies();
    let claims = claim_ids(&alice);
    let article = alice.claim(&claims[0]).unwrap().article_id;
    alice.delete_article(&article).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(2));
    bob.add_verdict(
        &claims[1],
        "false",
        "Checked after Alice dropped the article.",
    )
    .unwrap();
    let (a, b) = export_both(&alice, &bob, dir.path());
    let (merged, _) = merge_both_ways(dir.path(), &a, &b);
    assert!(
        merged.article(&article).is_ok(),
        "Bob's newer work was lost"
    );
    assert_eq!(merged.verdicts(&claims[1]).unwrap().len(), 1);
    assert_eq!(claim_ids(&merged), [claims[1].clone()]);
}

#[test]
fn the_same_text_imported_in_both_copies_becomes_one_article() {
    let (dir, _, mut alice, mut bob) = two_copies();
    let text = "Ngozi Okonjo said unemployment fell to 4 percent in 2024. Critics disagreed.";
    let a_article = import(&mut alice, "Alice's title", text);
    let b_article = import(&mut bob, "Bob's title", text);
    assert_ne!(a_article, b_article);
    let a_claim = alice.claims(Some(&a_article), &Default::default()).unwrap()[0]
        .id
        .clone();
    alice
        .add_verdict(&a_claim, "mostly-true", "ILO says 4.3%.")
        .unwrap();
    let b_claim = bob.claims(Some(&b_article), &Default::default()).unwrap()[0]
        .id
        .clone();
    bob.add_note(&b_article, Some(&b_claim), "Check the ILO series.")
        .unwrap();
    let (a, b) = export_both(&alice, &bob, dir.path());
    let (merged, report) = merge_both_ways(dir.path(), &a, &b);
    assert_eq!(report.unified.articles, 1);
    assert_eq!(merged.article_count().unwrap(), 2);
    let keep = a_article.clone().min(b_article.clone());
    let claims = merged.claims(Some(&keep), &Default::default()).unwrap();
    // The first sentence's claims were worked on (a verdict, a note): both stay. The
    // second's are identical untouched suggestions: folded into one.
    assert_eq!(report.unified.claims, 1);
    assert_eq!(
        claims.len(),
        3,
        "both reviewers' claims are on the one article, without a spare suggestion"
    );
    assert_eq!(
        merged.notes_for_claim(&b_claim).unwrap()[0].article_id,
        keep
    );
    assert_eq!(merged.verdicts(&a_claim).unwrap().len(), 1);
}

#[test]
fn one_source_linked_to_one_claim_in_both_copies_becomes_one_link() {
    let (dir, _, mut alice, mut bob) = two_copies();
    let claims = claim_ids(&alice);
    let source = alice.sources().unwrap()[0].id.clone();
    alice
        .link_source(&claims[2], &source, Stance::Supports, Some("Table 2"), None)
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(2));
    bob.link_source(
        &claims[2],
        &source,
        Stance::Context,
        Some("Footnote 4"),
        None,
    )
    .unwrap();
    bob.link_source(
        &claims[0],
        &source,
        Stance::Supports,
        Some("Revised figures"),
        None,
    )
    .unwrap();
    let (a, b) = export_both(&alice, &bob, dir.path());
    let (merged, report) = merge_both_ways(dir.path(), &a, &b);
    assert_eq!(report.unified.links, 1);
    let links = merged.links_for_claim(&claims[2]).unwrap();
    assert_eq!(links.len(), 1);
    assert_eq!(
        (links[0].stance, links[0].excerpt.as_deref()),
        (Stance::Context, Some("Footnote 4"))
    );
    let l0 = merged.links_for_claim(&claims[0]).unwrap();
    assert_eq!(
        (l0[0].stance, l0[0].excerpt.as_deref()),
        (Stance::Supports, Some("Revised figures"))
    );
}

#[test]
fn a_dry_run_reports_and_changes_nothing() {
    let (dir, _, mut alice, mut bob) = two_copies();
    import(
        &mut bob,
        "Another",
        "The port handled 2 million containers in 2022. Nobody checked.",
    );
    let b = export(&bob, dir.path(), "bob-out.sqlite");
    let before = alice.content_digest().unwrap();
    let dry = alice.merge_from(&b, true).unwrap();
    assert!(
        dry.dry_run && dry.added.articles == 1 && dry.added.claims == 2,
        "{dry:#?}"
    );
    assert_eq!(alice.content_digest().unwrap(), before);
    assert_eq!(alice.search_index_problems().unwrap(), (0, 0));
    let real = alice.merge_from(&b, false).unwrap();
    assert_eq!((real.added.clone(), real.dry_run), (dry.added, false));
    assert_eq!(alice.search("containers", 5).unwrap().len(), 2);
}

#[test]
fn export_is_one_complete_file_and_refuses_to_overwrite() {
    let dir = tempfile::tempdir().unwrap();
    let base = base(dir.path());
    let out = dir.path().join("base.sqlite");
    for suffix in ["-wal", "-shm", "-journal"] {
        assert!(!Path::new(&format!("{}{suffix}", out.display())).exists());
    }
    let store = Store::open(&dir.path().join("base-work.sqlite"), "editor").unwrap();
    let err = store.export_db(&base, false).unwrap_err().to_string();
    assert!(
        err.contains("already exists") && err.contains("--force"),
        "{err}"
    );
    // It opens alone, read-only, from a read-only place.
    let conn =
        rusqlite::Connection::open_with_flags(&base, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .unwrap();
    let check: String = conn
        .query_row("PRAGMA quick_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok");
    let mode: String = conn
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_ne!(mode, "wal");
    let same = Store::open_read_only(&base, "x").unwrap();
    assert_eq!(
        same.content_digest().unwrap(),
        store.content_digest().unwrap()
    );
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().contains(".tmp-"))
        .collect();
    assert!(leftovers.is_empty());
}

/// The search index is derived: the export leaves it out (a smaller file to mail), and
/// whoever opens the file for writing gets it rebuilt; read-only, search says why it
/// cannot answer, and doctor calls the file an export, not a problem.
#[test]
fn an_export_leaves_the_search_index_out_and_it_is_built_on_first_write_open() {
    let dir = tempfile::tempdir().unwrap();
    let base = base(dir.path());
    let mut store = Store::open(&dir.path().join("base-work.sqlite"), "editor").unwrap();
    for i in 0..40 {
        import(
            &mut store,
            &format!("Story {i}"),
            &format!("The council spent {i} million on roads in 2024. Traffic fell {i}%."),
        );
    }
    let out = export(&store, dir.path(), "full.sqlite");
    let rows: i64 = rusqlite::Connection::open(&out)
        .unwrap()
        .query_row("SELECT count(*) FROM search_index_docsize", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(rows, 0);
    // A plain compact copy, index and all, for comparison.
    let whole = dir.path().join("whole.sqlite");
    rusqlite::Connection::open(dir.path().join("base-work.sqlite"))
        .unwrap()
        .execute("VACUUM INTO ?1", [whole.to_string_lossy()])
        .unwrap();
    let (exported, with_index) = (
        std::fs::metadata(&out).unwrap().len(),
        std::fs::metadata(&whole).unwrap().len(),
    );
    assert!(exported < with_index, "{exported} vs {with_index}");

    let read_only = Store::open_read_only(&out, "lee").unwrap();
    let err = read_only.search("council", 5).unwrap_err().to_string();
    assert!(err.contains("export-db") && !err.contains('\n'), "{err}");
    let doctor = read_only.doctor().unwrap();
    assert!(doctor.export_file && doctor.healthy(), "{doctor:#?}");
    drop(read_only);

    let opened = copy_of(&out, dir.path(), "lee.sqlite", "lee");
    assert_eq!(
        opened.search("council", 500).unwrap().len(),
        store.search("council", 500).unwrap().len()
    );
    assert!(opened.search("council", 500).unwrap().len() >= 40);
    assert_sound(&opened);
    assert!(!opened.doctor().unwrap().export_file);
    assert_eq!(
        opened.content_digest().unwrap(),
        store.content_digest().unwrap()
    );
    let _ = base;
}

/// Both copies set a field to the same value (here: both accepted the claim, one by
/// giving it a verdict): nothing is lost, so nothing is reported as a conflict.
#[test]
fn the_same_edit_in_both_copies_is_no_conflict() {
    let (dir, _, mut alice, mut bob) = two_copies();
    let claims = claim_ids(&alice);
    alice
        .set_claim_status(&claims[2], ClaimStatus::Accepted)
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(2));
    bob.add_verdict(&claims[2], "mostly-true", "Close to the official figure.")
        .unwrap();
    let (a, b) = export_both(&alice, &bob, dir.path());
    let (merged, report) = merge_both_ways(dir.path(), &a, &b);
    assert!(report.conflicts.is_empty(), "{report:#?}");
    assert_eq!(
        merged.claim(&claims[2]).unwrap().status,
        ClaimStatus::Accepted
    );
    assert!(
        !merged
            .changes(100, Some(&claims[2]))
            .unwrap()
            .iter()
            .any(|c| c.action == "conflict")
    );
}

/// A merge indexes the rows it adds by their rowids (above the highest before it).
/// Deleting the newest claim first frees its rowid for a row the merge adds: that row
/// must still be indexed, and the deleted one's entry gone.
#[test]
fn rows_added_after_the_newest_row_was_deleted_are_indexed() {
    let (dir, _, mut alice, mut bob) = two_copies();
    let newest: String = rusqlite::Connection::open(dir.path().join("bob.sqlite"))
        .unwrap()
        .query_row(
            "SELECT id FROM claims ORDER BY rowid DESC LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let gone = bob.claim(&newest).unwrap().quote;
    bob.delete_claim(&newest).unwrap();
    import(
        &mut bob,
        "Harbour",
        "The harbour handled 2 million containers in 2022. Dredging cost 40 million.",
    );
    let b = export(&bob, dir.path(), "bob-out.sqlite");
    let report = alice.merge_from(&b, false).unwrap();
    assert_eq!(
        (report.removed.claims, report.added.claims),
        (1, 2),
        "{report:#?}"
    );
    assert_sound(&alice);
    let hits = alice.search("containers", 10).unwrap();
    assert_eq!(
        hits.iter().filter(|h| h.kind == "claim").count(),
        1,
        "{hits:#?}"
    );
    let word = gone
        .split_whitespace()
        .max_by_key(|w| w.len())
        .unwrap()
        .trim_matches(|c: char| !c.is_alphanumeric());
    assert!(
        alice
            .search(word, 10)
            .unwrap()
            .iter()
            .all(|h| h.kind != "claim" || h.claim_id.as_deref() != Some(newest.as_str())),
        "{word}"
    );
}

/// `merge --dry-run` writes nothing, even to a file that opening for writing would
/// change: a received export (its search index is built then, and WAL mode set) is
/// dry-run on a private copy.
#[test]
fn a_dry_run_on_a_received_export_leaves_it_byte_for_byte() {
    let (dir, _, alice, mut bob) = two_copies();
    import(
        &mut bob,
        "Harbour",
        "The harbour handled 2 million containers in 2022. Dredging cost 40 million.",
    );
    let b = export(&bob, dir.path(), "bob-out.sqlite");
    let a = export(&alice, dir.path(), "alice-out.sqlite");
    drop(alice);
    let before = file_hash(&a);
    let report = factdesk::store::dry_run_merge(&a, &b, "alice").unwrap();
    assert!(report.dry_run && report.added.claims == 2, "{report:#?}");
    assert_eq!(file_hash(&a), before);
    for suffix in ["-wal", "-shm", "-journal"] {
        assert!(!Path::new(&format!("{}{suffix}", a.display())).exists());
    }
    // A working database (WAL, index built) is dry-run in place, and unchanged too.
    let mut working = copy_of(&a, dir.path(), "work.sqlite", "alice");
    let digest = working.content_digest().unwrap();
    drop(working);
    let path = dir.path().join("work.sqlite");
    let again = factdesk::store::dry_run_merge(&path, &b, "alice").unwrap();
    assert_eq!(again.added, report.added);
    working = Store::open(&path, "alice").unwrap();
    assert_eq!(working.content_digest().unwrap(), digest);
}

/// A directory, or the database itself under another name (a hard link), is refused
/// with a line that says so.
#[test]
fn merging_a_directory_or_a_hard_link_to_itself_is_refused() {
    let (dir, _, mut alice, _) = two_copies();
    let folder = dir.path().join("folder.sqlite");
    std::fs::create_dir(&folder).unwrap();
    let err = alice.merge_from(&folder, false).unwrap_err().to_string();
    assert!(err.contains("is a directory"), "{err}");
    let link = dir.path().join("alias.sqlite");
    std::fs::hard_link(dir.path().join("alice.sqlite"), &link).unwrap();
    let err = alice.merge_from(&link, false).unwrap_err().to_string();
    assert!(err.contains("is this database itself"), "{err}");
    let err = factdesk::store::dry_run_merge(&dir.path().join("alice.sqlite"), &link, "alice")
        .unwrap_err()
        .to_string();
    assert!(err.contains("is this database itself"), "{err}");
}

/// Exporting only reads the database: a file that may only be read (here marked
/// read-only, so factdesk opens it read-only even for root) exports, and the export
/// merges. (The copy was written through the database's own connection, which a
/// read-only one refused.)
#[test]
fn a_read_only_database_exports() {
    let (dir, _, alice, _) = two_copies();
    drop(alice);
    let path = dir.path().join("alice.sqlite");
    let mut perms = std::fs::metadata(&path).unwrap().permissions();
    perms.set_readonly(true);
    std::fs::set_permissions(&path, perms).unwrap();
    let before = file_hash(&path);
    let store = Store::open(&path, "alice").unwrap();
    let out = dir.path().join("out.sqlite");
    store.export_db(&out, false).unwrap();
    drop(store);
    assert_eq!(file_hash(&path), before);
    let mut bob = Store::open(&dir.path().join("bob.sqlite"), "bob").unwrap();
    assert!(!bob.merge_from(&out, false).unwrap().changed_anything());
}

/// A dry run leaves a working database's bytes alone even when its `-wal` holds
/// committed work (closing the last connection used to copy it into the file), and
/// dry-runs a file this user may only read (on a private copy made writable).
#[test]
fn a_dry_run_leaves_a_wal_with_content_and_a_read_only_file_alone() {
    use rusqlite::config::DbConfig;
    let (dir, _, alice, mut bob) = two_copies();
    import(
        &mut bob,
        "Harbour",
        "The harbour handled 2 million containers in 2022. Dredging cost 40 million.",
    );
    let b = export(&bob, dir.path(), "bob-out.sqlite");
    drop(alice);
    let path = dir.path().join("alice.sqlite");
    // Committed work left in the -wal, as a reader holding a snapshot leaves it.
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, true)
        .unwrap();
    conn.execute_batch("PRAGMA wal_autocheckpoint = 0; INSERT INTO meta VALUES ('note', 'x');")
        .unwrap();
    drop(conn);
    let wal = dir.path().join("alice.sqlite-wal");
    assert!(std::fs::metadata(&wal).unwrap().len() > 0);
    let before = (file_hash(&path), file_hash(&wal));
    let report = factdesk::store::dry_run_merge(&path, &b, "alice").unwrap();
    assert_eq!(report.added.claims, 2);
    assert_eq!((file_hash(&path), file_hash(&wal)), before);

    let mut perms = std::fs::metadata(&path).unwrap().permissions();
    perms.set_readonly(true);
    std::fs::set_permissions(&path, perms).unwrap();
    let report = factdesk::store::dry_run_merge(&path, &b, "alice").unwrap();
    assert_eq!(report.added.claims, 2);
    assert_eq!((file_hash(&path), file_hash(&wal)), before);
}

/// Bob's verdict, link and note on a claim Alice deleted later go with it when Bob
/// merges her copy: the report says so (it said only "removed 1 claim"), and their
/// creations stay in the log.
#[test]
fn what_goes_with_a_claim_the_other_copy_deleted_is_reported() {
    let (dir, _, mut alice, mut bob) = two_copies();
    let claims = claim_ids(&bob);
    // Not the first: the base has a link and a verdict on it.
    let claim = &claims[1];
    bob.add_verdict(claim, "false", "Bob's check.").unwrap();
    let source = add_source(&mut bob, "https://example.org/doha");
    let link = bob
        .link_source(claim, &source, Stance::Refutes, None, None)
        .unwrap();
    let article = bob.claim(claim).unwrap().article_id;
    bob.add_note(&article, Some(claim), "Bob's note").unwrap();
    std::thread::sleep(std::time::Duration::from_millis(2));
    alice.delete_claim(claim).unwrap();
    let (a, _) = export_both(&alice, &bob, dir.path());

    let report = bob.merge_from(&a, false).unwrap();
    assert_eq!(
        (
            report.removed.claims,
            report.removed.verdicts,
            report.removed.links,
            report.removed.notes
        ),
        (1, 1, 1, 1),
        "{report:#?}"
    );
    assert!(bob.claim(claim).is_err());
    let logged = bob.changes(10, Some(&link)).unwrap();
    assert!(
        logged
            .iter()
            .any(|c| c.action == "create" && c.reviewer == "bob"),
        "{logged:#?}"
    );
}

/// Alice says the source supports the claim, Bob that it refutes it, each linking it on
/// their own copy: the merge keeps one link with the newer values, and says so with
/// both sides (it said only "unified 1 source link").
#[test]
fn opposite_stances_on_one_source_are_reported() {
    let (dir, _, mut alice, mut bob) = two_copies();
    let claims = claim_ids(&alice);
    let claim = &claims[1];
    let source = add_source(&mut alice, "https://example.org/shared");
    let (a0, _) = export_both(&alice, &bob, dir.path());
    bob.merge_from(&a0, false).unwrap();
    alice
        .link_source(
            claim,
            &source,
            Stance::Supports,
            Some("alice excerpt"),
            None,
        )
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(2));
    bob.link_source(claim, &source, Stance::Refutes, Some("bob excerpt"), None)
        .unwrap();
    let (a, b) = export_both(&alice, &bob, dir.path());

    let (merged, report) = merge_both_ways(dir.path(), &a, &b);
    assert_eq!(report.link_conflicts.len(), 1, "{report:#?}");
    let c = &report.link_conflicts[0];
    assert_eq!(
        (c.kept.reviewer.as_str(), c.lost.reviewer.as_str()),
        ("bob", "alice")
    );
    assert_eq!(c.kept.value["stance"], "refutes");
    assert_eq!(c.lost.value["stance"], "supports");
    assert_eq!(c.lost.value["excerpt"], "alice excerpt");
    let links = merged.links_for_claim(claim).unwrap();
    assert_eq!(links.len(), 1);
    assert_eq!(links[0].stance, Stance::Refutes);
    // The other order says the same.
    let mut ba = copy_of(&b, dir.path(), "ba2.sqlite", "bob");
    let report = ba.merge_from(&a, false).unwrap();
    assert_eq!(report.link_conflicts.len(), 1, "{report:#?}");
    assert_eq!(report.link_conflicts[0].lost.reviewer, "alice");
}

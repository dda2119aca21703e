//! Schema version 3: a claim, source, link or verdict has no `create` entry while its
//! row exists, and its creation is written to the log before the row goes
//! (src/store/creations.rs). What the log says of an entity is the same before and
//! after.

use factdesk::model::{ClaimStatus, NewArticle, NewClaim, NewSource, Stance};
use factdesk::store::{ImportOutcome, Store};
use rusqlite::Connection;
use std::path::Path;

const SEED: &str = include_str!("../examples/iran-taliban-consensus.txt");

fn import(store: &mut Store) -> String {
    let doc = NewArticle {
        body: SEED.to_string(),
        ..NewArticle::default()
    };
    match store.import_article(&doc, &[]).unwrap() {
        ImportOutcome::Imported { id, .. } => id,
        other => panic!("{other:?}"),
    }
}

/// `create` entries the file's log holds for `id` (read past the store).
fn logged_creations(db: &Path, id: &str) -> Vec<(String, String, String)> {
    let conn = Connection::open(db).unwrap();
    let mut stmt = conn
        .prepare(
            "SELECT id, entity, reviewer FROM changes WHERE entity_id = ?1 AND action = 'create'",
        )
        .unwrap();
    stmt.query_map([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap()
}

#[test]
fn a_row_stands_for_its_creation_and_the_log_gets_it_before_the_row_goes() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("work.sqlite");
    let mut store = Store::open(&db, "dana").unwrap();
    let article = import(&mut store);
    let claim = store
        .add_claim(&article, &NewClaim::at(947, 1007, ClaimStatus::Accepted))
        .unwrap();
    let (source, _) = store
        .add_source(&NewSource {
            url: Some("https://example.org/doha".into()),
            title: "Doha text".into(),
            ..NewSource::default()
        })
        .unwrap();
    let link = store
        .link_source(&claim, &source, Stance::Refutes, Some("Article 2"), None)
        .unwrap();
    let verdict = store
        .add_verdict(&claim, "false", "No such breach.")
        .unwrap();

    // While the rows exist the log holds no creation of theirs, and lists one anyway.
    for id in [&claim, &source, &link, &verdict] {
        assert!(logged_creations(&db, id).is_empty(), "{id}");
    }
    let listed = store.changes(10, Some(&verdict)).unwrap();
    assert_eq!(listed.len(), 1);
    let before = listed[0].clone();
    assert_eq!(
        (before.action.as_str(), before.reviewer.as_str()),
        ("create", "dana")
    );
    assert_eq!(
        before.new_value.as_ref().unwrap()["claim_id"],
        claim.as_str()
    );

    // Deleting the claim takes its link and verdict: all three creations are logged
    // first, under the ids the listing gave them, and it lists the same entry.
    store.delete_claim(&claim).unwrap();
    for (id, entity) in [(&claim, "claim"), (&link, "link"), (&verdict, "verdict")] {
        let logged = logged_creations(&db, id);
        assert_eq!(logged.len(), 1, "{entity} {id}");
        assert_eq!(
            (logged[0].1.as_str(), logged[0].2.as_str()),
            (entity, "dana")
        );
    }
    assert_eq!(logged_creations(&db, &verdict)[0].0, before.id);
    let after = store.changes(10, Some(&verdict)).unwrap();
    assert_eq!(after, vec![before]);
    // The source is still there: its row still stands for it.
    assert!(logged_creations(&db, &source).is_empty());

    // Undo brings the claim back with its link and verdict.
    store.undo_last().unwrap();
    assert_eq!(store.claim(&claim).unwrap().id, claim);
    assert_eq!(store.links_for_claim(&claim).unwrap().len(), 1);
}

#[test]
fn an_action_that_logs_only_rows_is_undone_in_one_step() {
    let mut store = Store::open_in_memory("dana").unwrap();
    let article = import(&mut store);
    let claim = store
        .add_claim(&article, &NewClaim::at(947, 1007, ClaimStatus::Suggested))
        .unwrap();
    // A verdict on a suggestion accepts it in the same action (as the workbench does).
    store
        .bulk(|s| {
            s.set_claim_status(&claim, ClaimStatus::Accepted)?;
            s.add_verdict(&claim, "false", "No such breach.")?;
            let (source, _) = s.add_source(&NewSource {
                title: "Doha text".into(),
                ..NewSource::default()
            })?;
            s.link_source(&claim, &source, Stance::Refutes, None, None)
        })
        .unwrap();
    let undone = store.undo_last().unwrap();
    assert!(
        undone.summary[0].starts_with("removed verdict"),
        "{:?}",
        undone.summary
    );
    assert_eq!(store.claim(&claim).unwrap().status, ClaimStatus::Suggested);
    assert!(store.links_for_claim(&claim).unwrap().is_empty());
    assert!(store.sources().unwrap().is_empty());
    // A verdict alone logs nothing but its row: it is undone too, then the claim.
    store.add_verdict(&claim, "true", "Checked.").unwrap();
    let undone = store.undo_last().unwrap();
    assert!(undone.summary[0].starts_with("removed verdict"));
    let undone = store.undo_last().unwrap();
    assert!(
        undone.summary[0].starts_with("removed claim"),
        "{:?}",
        undone.summary
    );
}

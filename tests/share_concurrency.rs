//! Two workbenches on one file: two connections writing at once both succeed (WAL and
//! the busy timeout), and each sees the other's changes.

mod share_support;

use factdesk::store::Store;
use share_support::*;
use std::path::PathBuf;

const WRITES: usize = 300;

#[test]
fn two_writers_of_300_transactions_each_lose_nothing_and_see_each_other() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("shared.sqlite");
    let article = {
        let mut store = Store::open(&path, "setup").unwrap();
        import(&mut store, "Shared", BODY)
    };
    let writer = |reviewer: &'static str, path: PathBuf, article: String| {
        std::thread::spawn(move || {
            let mut store = Store::open(&path, reviewer).unwrap();
            let first_version = store.data_version().unwrap();
            for i in 0..WRITES {
                store
                    .add_note(&article, None, &format!("{reviewer} note {i}"))
                    .unwrap();
            }
            // The other writer's commits show up here.
            let mine = store.notes_for_article(&article).unwrap().len();
            (first_version, store.data_version().unwrap(), mine)
        })
    };
    let a = writer("alice", path.clone(), article.clone());
    let b = writer("bob", path.clone(), article.clone());
    let (a_first, a_last, _) = a.join().unwrap();
    let (b_first, b_last, _) = b.join().unwrap();
    assert!(
        a_last != a_first || b_last != b_first,
        "neither connection saw the other's commits"
    );
    let store = Store::open(&path, "check").unwrap();
    let notes = store.notes_for_article(&article).unwrap();
    assert_eq!(notes.len(), 2 * WRITES);
    for who in ["alice", "bob"] {
        assert_eq!(notes.iter().filter(|n| n.reviewer == who).count(), WRITES);
    }
    assert_sound(&store);
}

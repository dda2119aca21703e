//! Helpers for the sharing tests: a small base database, copies of it as two reviewers
//! would get them, exports and merges.
#![allow(dead_code)]

use factdesk::model::{ClaimStatus, NewArticle, NewClaim, NewSource, SourceFormat, Stance};
use factdesk::store::{ImportOutcome, Store};
use std::path::{Path, PathBuf};

pub const BODY: &str = "Feridun Sinirlioğlu said exports rose 12% in 2023. \
    “We cut inflation in half,” the minister claimed. \
    محمد رضایی said 40,000 refugees arrived in May. \
    The agency counted 3 million visitors 🌍 last year.";

/// The code point spans of the four sentences of [`BODY`].
pub fn sentence_spans(body: &str) -> Vec<(i64, i64)> {
    let mut spans = Vec::new();
    let mut start = 0i64;
    for (i, c) in body.chars().enumerate() {
        if c == '.' {
            spans.push((start, i as i64 + 1));
            start = i as i64 + 2;
        }
    }
    spans
}

pub fn new_claim(start: i64, end: i64) -> NewClaim {
    NewClaim {
        score: Some(0.5),
        reasons: vec!["number".into()],
        ..NewClaim::at(start, end, ClaimStatus::Suggested)
    }
}

pub fn article(title: &str, body: &str) -> NewArticle {
    NewArticle {
        title: title.into(),
        url: Some("https://news.example/a".into()),
        outlet: Some("Gazette".into()),
        author: None,
        published: Some("2026-11-01".into()),
        body: body.into(),
        format: Some(SourceFormat::Text),
    }
}

/// Imports `body` with one suggested claim per sentence; returns the article id.
pub fn import(store: &mut Store, title: &str, body: &str) -> String {
    let claims: Vec<NewClaim> = sentence_spans(body)
        .into_iter()
        .map(|(s, e)| new_claim(s, e))
        .collect();
    match store
        .import_article(&article(title, body), &claims)
        .unwrap()
    {
        ImportOutcome::Imported { id, .. } | ImportOutcome::Duplicate { id, .. } => id,
    }
}

pub fn add_source(store: &mut Store, url: &str) -> String {
    store
        .add_source(&NewSource {
            url: Some(url.into()),
            title: format!("Report at {url}"),
            ..Default::default()
        })
        .unwrap()
        .0
}

pub fn claim_ids(store: &Store) -> Vec<String> {
    store
        .claims(None, &Default::default())
        .unwrap()
        .into_iter()
        .map(|c| c.id)
        .collect()
}

/// A base database with one article (four claims), a source link and a verdict,
/// exported to `dir/base.sqlite`.
pub fn base(dir: &Path) -> PathBuf {
    let path = dir.join("base-work.sqlite");
    let mut store = Store::open(&path, "editor").unwrap();
    import(&mut store, "Exports and refugees", BODY);
    let claims = claim_ids(&store);
    let source = add_source(&mut store, "https://stats.example/exports");
    store
        .link_source(
            &claims[0],
            &source,
            Stance::Refutes,
            Some("Exports fell 3%."),
            None,
        )
        .unwrap();
    store
        .add_verdict(
            &claims[0],
            "false",
            "The statistics office says exports fell.",
        )
        .unwrap();
    export(&store, dir, "base.sqlite")
}

/// A temp dir with the base database and two working copies of it, Alice's and Bob's.
pub fn two_copies() -> (tempfile::TempDir, PathBuf, Store, Store) {
    let dir = tempfile::tempdir().unwrap();
    let base = base(dir.path());
    let alice = copy_of(&base, dir.path(), "alice.sqlite", "alice");
    let bob = copy_of(&base, dir.path(), "bob.sqlite", "bob");
    (dir, base, alice, bob)
}

/// Exports `store` to `dir/name` (replacing it).
pub fn export(store: &Store, dir: &Path, name: &str) -> PathBuf {
    let out = dir.join(name);
    store.export_db(&out, true).unwrap();
    out
}

/// Both reviewers' copies exported, as `alice-out.sqlite` and `bob-out.sqlite`.
pub fn export_both(alice: &Store, bob: &Store, dir: &Path) -> (PathBuf, PathBuf) {
    (
        export(alice, dir, "alice-out.sqlite"),
        export(bob, dir, "bob-out.sqlite"),
    )
}

/// A working copy of an exported file, opened as `reviewer`.
pub fn copy_of(exported: &Path, dir: &Path, name: &str, reviewer: &str) -> Store {
    let path = dir.join(name);
    std::fs::copy(exported, &path).unwrap();
    Store::open(&path, reviewer).unwrap()
}

/// Asserts the search index matches the tables and the database is sound.
pub fn assert_sound(store: &Store) {
    assert_eq!(
        store.search_index_problems().unwrap(),
        (0, 0),
        "search index out of step"
    );
    let doctor = store.doctor().unwrap();
    assert_eq!(doctor.integrity, ["ok"]);
    assert_eq!(doctor.foreign_key_problems, 0);
}

/// Sha-256 of a file's bytes.
pub fn file_hash(path: &Path) -> String {
    use sha2::Digest;
    let digest = sha2::Sha256::digest(std::fs::read(path).unwrap());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// Merges `b` into a copy of `a` and `a` into a copy of `b`; asserts both give the same
/// content and that merging again changes nothing. Returns the first merged store.
pub fn merge_both_ways(dir: &Path, a: &Path, b: &Path) -> (Store, factdesk::store::MergeReport) {
    let mut ab = copy_of(a, dir, "ab.sqlite", "alice");
    let report = ab.merge_from(b, false).unwrap();
    let mut ba = copy_of(b, dir, "ba.sqlite", "bob");
    ba.merge_from(a, false).unwrap();
    let (da, db) = (ab.content_dump().unwrap(), ba.content_dump().unwrap());
    if da != db {
        let only_a: Vec<&String> = da.iter().filter(|l| !db.contains(l)).collect();
        let only_b: Vec<&String> = db.iter().filter(|l| !da.contains(l)).collect();
        panic!("merge is order-dependent:\nonly in A<-B: {only_a:#?}\nonly in B<-A: {only_b:#?}");
    }
    let before = ab.content_digest().unwrap();
    let again = ab.merge_from(b, false).unwrap();
    assert!(
        !again.changed_anything(),
        "second merge changed something: {again:#?}"
    );
    assert_eq!(ab.content_digest().unwrap(), before);
    assert_sound(&ab);
    assert_sound(&ba);
    (ab, report)
}

/// Sets a claim's label, as a reviewer's edit.
pub fn relabel(store: &mut Store, claim: &str, label: &str) {
    store
        .edit_claim(
            claim,
            &factdesk::model::ClaimEdit {
                label: Some(label.into()),
                ..Default::default()
            },
        )
        .unwrap();
}

//! Property: random work on two copies of one database, merged in both orders, gives
//! the same content; merging again changes nothing; no verdict is lost.

mod share_support;

use factdesk::model::{ClaimEdit, ClaimStatus, Stance};
use factdesk::store::Store;
use proptest::prelude::*;
use share_support::*;
use std::collections::BTreeSet;
use std::path::Path;
use std::sync::OnceLock;

/// One thing a reviewer does; indexes pick among what exists at that moment.
#[derive(Debug, Clone)]
enum Op {
    Label(usize, usize),
    Claimant(usize, usize),
    Status(usize, usize),
    Shrink(usize),
    Split(usize),
    Verdict(usize, usize),
    SignOff(usize),
    Note(usize),
    Delete(usize),
    Undo,
    Import(usize),
    Source(usize),
    Link(usize, usize, usize),
    Unlink(usize),
    DeleteArticle(usize),
    Scale(usize),
}

fn op() -> impl Strategy<Value = Op> {
    let i = || 0usize..16;
    prop_oneof![
        3 => (i(), i()).prop_map(|(c, l)| Op::Label(c, l)),
        1 => (i(), i()).prop_map(|(c, l)| Op::Claimant(c, l)),
        2 => (i(), i()).prop_map(|(c, s)| Op::Status(c, s)),
        1 => i().prop_map(Op::Shrink),
        1 => i().prop_map(Op::Split),
        3 => (i(), i()).prop_map(|(c, r)| Op::Verdict(c, r)),
        1 => i().prop_map(Op::SignOff),
        1 => i().prop_map(Op::Note),
        1 => i().prop_map(Op::Delete),
        1 => Just(Op::Undo),
        1 => i().prop_map(Op::Import),
        1 => i().prop_map(Op::Source),
        2 => (i(), i(), i()).prop_map(|(c, s, k)| Op::Link(c, s, k)),
        1 => i().prop_map(Op::Unlink),
        1 => i().prop_map(Op::DeleteArticle),
        1 => i().prop_map(Op::Scale),
    ]
}

const LABELS: &[&str] = &[
    "exports claim",
    "inflation",
    "refugee figures",
    "visitors",
    "çok önemli",
    "数字",
];
const TEXTS: &[&str] = &[
    "The mayor said 300 buses were bought in 2020. The council disputes it.",
    "Exports of grain doubled last spring. Farmers were surprised.",
    "A survey found 61 percent support the plan. The sample was small.",
];

fn pick<T: Clone>(items: &[T], i: usize) -> Option<T> {
    (!items.is_empty()).then(|| items[i % items.len()].clone())
}

/// Applies one op; errors (an undo with nothing to undo, a split at an edge) are fine:
/// the store refuses them without changing anything.
fn apply(store: &mut Store, op: &Op) {
    let claims = claim_ids(store);
    let ratings: Vec<String> = store
        .ratings()
        .unwrap()
        .into_iter()
        .map(|r| r.name)
        .collect();
    let sources: Vec<String> = store.sources().unwrap().into_iter().map(|s| s.id).collect();
    let edit = |store: &mut Store, c: usize, e: ClaimEdit| {
        if let Some(id) = pick(&claims, c) {
            let _ = store.edit_claim(&id, &e);
        }
    };
    match *op {
        Op::Label(c, l) => edit(
            store,
            c,
            ClaimEdit {
                label: Some(LABELS[l % LABELS.len()].into()),
                ..Default::default()
            },
        ),
        Op::Claimant(c, l) => edit(
            store,
            c,
            ClaimEdit {
                claimant: Some(format!("person {l}")),
                ..Default::default()
            },
        ),
        Op::Status(c, s) => {
            if let Some(id) = pick(&claims, c) {
                let status = [
                    ClaimStatus::Suggested,
                    ClaimStatus::Accepted,
                    ClaimStatus::Rejected,
                ][s % 3];
                let _ = store.set_claim_status(&id, status);
            }
        }
        Op::Shrink(c) => {
            if let Some(id) = pick(&claims, c) {
                let claim = store.claim(&id).unwrap();
                edit(
                    store,
                    c,
                    ClaimEdit {
                        span: Some((claim.start, claim.end - 1)),
                        ..Default::default()
                    },
                );
            }
        }
        Op::Split(c) => {
            if let Some(id) = pick(&claims, c) {
                let claim = store.claim(&id).unwrap();
                let _ = store.split_claim(&id, (claim.start + claim.end) / 2);
            }
        }
        Op::Verdict(c, r) => {
            if let (Some(id), Some(rating)) = (pick(&claims, c), pick(&ratings, r)) {
                let added = store.add_verdict(&id, &rating, "Checked against the record.");
                // A rejected claim takes no verdict (reports leave it out); the merge
                // still meets such pairs when one copy rejects and the other rates.
                if store.claim(&id).unwrap().status == ClaimStatus::Rejected {
                    assert!(added.is_err());
                } else {
                    added.unwrap();
                }
            }
        }
        Op::SignOff(c) => {
            if let Some(id) = pick(&claims, c) {
                let _ = store.sign_off(&id, None, true);
            }
        }
        Op::Note(c) => {
            if let Some(id) = pick(&claims, c) {
                let article = store.claim(&id).unwrap().article_id;
                store
                    .add_note(&article, Some(&id), "Ask the press office.")
                    .unwrap();
            }
        }
        Op::Delete(c) => {
            if let Some(id) = pick(&claims, c) {
                store.delete_claim(&id).unwrap();
            }
        }
        Op::Undo => {
            let _ = store.undo_last();
        }
        Op::Import(t) => {
            import(store, "Shared text", TEXTS[t % TEXTS.len()]);
        }
        Op::Source(u) => {
            add_source(store, &format!("https://stats.example/{}", u % 4));
        }
        Op::Link(c, s, k) => {
            if let (Some(id), Some(source)) = (pick(&claims, c), pick(&sources, s)) {
                let stance = [Stance::Supports, Stance::Refutes, Stance::Context][k % 3];
                store
                    .link_source(&id, &source, stance, Some(&format!("excerpt {k}")), None)
                    .unwrap();
            }
        }
        Op::Unlink(c) => {
            let link = pick(&claims, c)
                .and_then(|id| store.links_for_claim(&id).unwrap().into_iter().next());
            if let Some(link) = link {
                store.unlink_source(&link.id).unwrap();
            }
        }
        Op::DeleteArticle(a) => {
            let articles: Vec<String> = {
                let mut stmt = store
                    .connection()
                    .prepare("SELECT id FROM articles ORDER BY id")
                    .unwrap();
                stmt.query_map([], |r| r.get(0))
                    .unwrap()
                    .map(Result::unwrap)
                    .collect()
            };
            if let Some(id) = pick(&articles, a) {
                store.delete_article(&id).unwrap();
            }
        }
        Op::Scale(k) => {
            // Refused when verdicts use ratings the scale lacks; that is fine.
            let _ = store.use_scale(["default", "politifact", "meta"][k % 3]);
        }
    }
}

fn verdict_ids(store: &Store) -> BTreeSet<(String, String)> {
    let mut stmt = store
        .connection()
        .prepare("SELECT id, claim_id FROM verdicts")
        .unwrap();
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

/// The shared starting point, made once.
fn base_file() -> &'static Path {
    static BASE: OnceLock<(tempfile::TempDir, std::path::PathBuf)> = OnceLock::new();
    let (_, path) = BASE.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let path = base(dir.path());
        (dir, path)
    });
    path
}

proptest! {
    // 32 cases keep this to seconds; PROPTEST_CASES=500 for a longer hunt.
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(32),
        max_shrink_iters: 200,
        ..ProptestConfig::default()
    })]

    #[test]
    fn merging_is_order_independent_idempotent_and_keeps_every_verdict(
        ops_a in prop::collection::vec(op(), 0..10),
        ops_b in prop::collection::vec(op(), 0..10),
    ) {
        let dir = tempfile::tempdir().unwrap();
        let mut alice = copy_of(base_file(), dir.path(), "alice.sqlite", "alice");
        let mut bob = copy_of(base_file(), dir.path(), "bob.sqlite", "bob");
        for i in 0..ops_a.len().max(ops_b.len()) {
            if let Some(op) = ops_a.get(i) { apply(&mut alice, op); }
            if let Some(op) = ops_b.get(i) { apply(&mut bob, op); }
        }
        let a = export(&alice, dir.path(), "a.sqlite");
        let b = export(&bob, dir.path(), "b.sqlite");
        let verdicts: BTreeSet<(String, String)> = verdict_ids(&alice).union(&verdict_ids(&bob)).cloned().collect();

        let mut ab = copy_of(&a, dir.path(), "ab.sqlite", "alice");
        ab.merge_from(&b, false).unwrap();
        let mut ba = copy_of(&b, dir.path(), "ba.sqlite", "bob");
        ba.merge_from(&a, false).unwrap();
        let (dump_ab, dump_ba) = (ab.content_dump().unwrap(), ba.content_dump().unwrap());
        let only_ab: Vec<&String> = dump_ab.iter().filter(|l| !dump_ba.contains(l)).collect();
        let only_ba: Vec<&String> = dump_ba.iter().filter(|l| !dump_ab.contains(l)).collect();
        prop_assert!(only_ab.is_empty() && only_ba.is_empty(), "order matters:\nA<-B only: {:#?}\nB<-A only: {:#?}", only_ab, only_ba);

        let digest = ab.content_digest().unwrap();
        let again = ab.merge_from(&b, false).unwrap();
        prop_assert!(!again.changed_anything(), "second merge: {:#?}", again);
        let again = ab.merge_from(&a, false).unwrap();
        prop_assert!(!again.changed_anything(), "merging a source again: {:#?}", again);
        prop_assert_eq!(ab.content_digest().unwrap(), digest);

        // No verdict lost: each is in the merged database, or its claim was deleted
        // and the verdict's creation is in the change log.
        let merged = verdict_ids(&ab);
        for (verdict, claim) in &verdicts {
            if !merged.contains(&(verdict.clone(), claim.clone())) {
                prop_assert!(ab.claim(claim).is_err(), "verdict {} lost on a live claim", verdict);
                prop_assert!(ab.changes(10, Some(verdict)).unwrap().iter().any(|c| c.action == "create"));
            }
        }
        assert_sound(&ab);
        assert_sound(&ba);
    }
}

//! The merge rules for things that were one thing in two copies: identical suggestions
//! on a unified article, deleted articles under either id, sources deleted in one copy
//! but linked in the other, and ratings removed from the scale.

mod share_support;

use factdesk::model::{ClaimEdit, ClaimStatus, Stance};
use factdesk::store::Store;
use share_support::*;

#[test]
fn identical_untouched_suggestions_on_a_unified_article_become_one_claim() {
    let (dir, _, mut alice, mut bob) = two_copies();
    let text = "The mayor said 12,000 homes were built in 2024. Rents rose 9%. Buses are free.";
    let a_article = import(&mut alice, "Housing", text);
    let b_article = import(&mut bob, "Housing (Bob)", text);
    let a_claims = alice.claims(Some(&a_article), &Default::default()).unwrap();
    // Alice accepts the second sentence's claim: that one is worked on and stays.
    alice
        .set_claim_status(&a_claims[1].id, ClaimStatus::Accepted)
        .unwrap();
    let (a, b) = export_both(&alice, &bob, dir.path());
    let (merged, report) = merge_both_ways(dir.path(), &a, &b);
    assert_eq!(report.unified.claims, 2, "{report:#?}");
    // Of the other copy's three claims, two are now one with this copy's: one is new.
    assert_eq!(report.added.claims, 1, "{report:#?}");
    let keep = a_article.min(b_article);
    let claims = merged.claims(Some(&keep), &Default::default()).unwrap();
    // Sentences 1 and 3: one suggestion each (the smaller id); sentence 2: Alice's
    // accepted claim and Bob's untouched suggestion.
    assert_eq!(claims.len(), 4, "{claims:#?}");
    for (start, n) in [(claims[0].start, 1), (a_claims[1].start, 2)] {
        assert_eq!(claims.iter().filter(|c| c.start == start).count(), n);
    }
    let log = merged.changes(1000, None).unwrap();
    assert_eq!(log.iter().filter(|c| c.action == "fold").count(), 2);
}

#[test]
fn two_new_databases_with_the_same_import_merge_into_nothing_new() {
    // Two reviewers each start a database (each makes the default scale under ids of
    // its own) and import the same article: the merge has nothing new to show for it.
    let dir = tempfile::tempdir().unwrap();
    let text = "The mayor said 12,000 homes were built in 2024. Rents rose 9%.";
    let mut alice = Store::open(&dir.path().join("alice.sqlite"), "alice").unwrap();
    let mut bob = Store::open(&dir.path().join("bob.sqlite"), "bob").unwrap();
    import(&mut alice, "Housing", text);
    import(&mut bob, "Housing", text);
    let (a, b) = export_both(&alice, &bob, dir.path());
    let (merged, report) = merge_both_ways(dir.path(), &a, &b);
    assert_eq!(
        (
            report.added.claims,
            report.added.ratings,
            report.updated.ratings
        ),
        (0, 0, 0),
        "{report:#?}"
    );
    assert_eq!(report.unified.articles, 1);
    assert_eq!(report.unified.claims, 2);
    assert_eq!(merged.claims(None, &Default::default()).unwrap().len(), 2);
}

#[test]
fn deleting_an_article_also_deletes_the_other_copys_id_of_the_same_text() {
    let (dir, base, mut alice, mut bob) = two_copies();
    let mut carol = copy_of(&base, dir.path(), "carol.sqlite", "carol");
    let text = "The port handled 2 million containers in 2022. Nobody checked.";
    let a_article = import(&mut alice, "Port", text);
    let b_article = import(&mut bob, "Port", text);
    // Whichever id is the smaller one, the copy holding it deletes the article.
    let (deleter, other) = if a_article < b_article {
        (&mut alice, &mut bob)
    } else {
        (&mut bob, &mut alice)
    };
    std::thread::sleep(std::time::Duration::from_millis(2));
    deleter
        .delete_article(&a_article.clone().min(b_article.clone()))
        .unwrap();
    let d = export(deleter, dir.path(), "deleter.sqlite");
    let o = export(other, dir.path(), "other.sqlite");
    let (merged, report) = merge_both_ways(dir.path(), &d, &o);
    assert_eq!(merged.article_count().unwrap(), 1, "{report:#?}");
    assert!(merged.search("containers", 10).unwrap().is_empty());
    // Imported again after the deletion, the text stays.
    std::thread::sleep(std::time::Duration::from_millis(2));
    let c_article = import(&mut carol, "Port again", text);
    let c = export(&carol, dir.path(), "carol-out.sqlite");
    drop(merged);
    let again = tempfile::tempdir().unwrap();
    let (merged, _) = merge_both_ways(again.path(), &d, &c);
    assert!(merged.article(&c_article).is_ok());
}

#[test]
fn a_source_deleted_in_one_copy_stays_when_the_other_copy_links_it() {
    let dir = tempfile::tempdir().unwrap();
    let base = base(dir.path());
    let mut alice = copy_of(&base, dir.path(), "alice.sqlite", "alice");
    let source = add_source(&mut alice, "https://stats.example/housing");
    let shared = export(&alice, dir.path(), "shared.sqlite");
    let mut bob = copy_of(&shared, dir.path(), "bob.sqlite", "bob");
    let claims = claim_ids(&bob);
    let link = bob
        .link_source(&claims[1], &source, Stance::Supports, Some("Table 1"), None)
        .unwrap();
    alice.undo_last().unwrap(); // removes the unlinked source in Alice's copy
    assert!(alice.source(&source).is_err());
    let (a, b) = export_both(&alice, &bob, dir.path());
    let (merged, _) = merge_both_ways(dir.path(), &a, &b);
    assert!(merged.source(&source).is_ok());
    let links = merged.links_for_claim(&claims[1]).unwrap();
    assert!(links.iter().any(|l| l.id == link), "{links:#?}");
}

#[test]
fn a_rating_removed_from_the_scale_stays_removed_unless_a_verdict_uses_it() {
    let (dir, _, mut alice, mut bob) = two_copies();
    let claims = claim_ids(&bob);
    bob.add_verdict(&claims[1], "mostly-true", "Close enough.")
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(2));
    alice.use_scale("meta").unwrap();
    let (a, b) = export_both(&alice, &bob, dir.path());
    let (merged, report) = merge_both_ways(dir.path(), &a, &b);
    let names: Vec<String> = merged
        .ratings()
        .unwrap()
        .into_iter()
        .map(|r| r.name)
        .collect();
    assert!(names.contains(&"satire".to_string()), "{names:?}");
    assert!(names.contains(&"mostly-true".to_string()), "{names:?}");
    assert!(!names.contains(&"unverifiable".to_string()), "{names:?}");
    assert_eq!(merged.verdicts(&claims[1]).unwrap().len(), 1);
    // The report names what came in from the other scale (Alice's copy received it).
    assert!(
        report.ratings_added.contains(&"mostly-true".to_string()),
        "{:?}",
        report.ratings_added
    );
    assert!(!report.ratings_added.contains(&"unverifiable".to_string()));
}

/// Undoing an import after a merge made it one with the same text imported by someone
/// else removes only what the import made, whichever copy's id the article kept.
#[test]
fn undoing_an_import_unified_by_a_merge_keeps_the_other_reviewers_work() {
    let text = "The ferry carried 4,000 people a day in 2023. Fares doubled. The pier is closed.";
    for alice_first in [true, false] {
        let dir = tempfile::tempdir().unwrap();
        let base = base(dir.path());
        let mut alice = copy_of(&base, dir.path(), "alice.sqlite", "alice");
        let mut bob = copy_of(&base, dir.path(), "bob.sqlite", "bob");
        let (a_article, b_article) = if alice_first {
            let a = import(&mut alice, "Ferry", text);
            std::thread::sleep(std::time::Duration::from_millis(2));
            (a, import(&mut bob, "Ferry", text))
        } else {
            let b = import(&mut bob, "Ferry", text);
            std::thread::sleep(std::time::Duration::from_millis(2));
            (import(&mut alice, "Ferry", text), b)
        };
        // Bob works on his first claim, so it is never folded away.
        let b_claims = bob.claims(Some(&b_article), &Default::default()).unwrap();
        bob.set_claim_status(&b_claims[0].id, ClaimStatus::Accepted)
            .unwrap();
        assert!(b_claims.len() > 1, "{b_claims:#?}");
        let b = export(&bob, dir.path(), "bob-out.sqlite");
        alice.merge_from(&b, false).unwrap();
        let undone = alice.undo_last().unwrap();
        let keep = a_article.clone().min(b_article.clone());
        assert!(
            undone
                .summary
                .iter()
                .any(|line| line.starts_with("kept article")),
            "alice first: {alice_first}: {undone:#?}"
        );
        let left = alice.claims(Some(&keep), &Default::default()).unwrap();
        // Bob's import stands whole, and nothing else of Alice's: each of his claims is
        // there, under his id or under the id the merge folded his identical untouched
        // suggestion into (removing those took his suggestions from both copies).
        let shown = |claims: &[factdesk::model::Claim]| {
            let mut v: Vec<_> = claims
                .iter()
                .map(|c| (c.start, c.end, c.label.clone(), c.status))
                .collect();
            v.sort_by(|a, b| (a.0, a.1, &a.2).cmp(&(b.0, b.1, &b.2)));
            v
        };
        assert_eq!(
            shown(&left),
            shown(&bob.claims(Some(&b_article), &Default::default()).unwrap()),
            "alice first: {alice_first}"
        );
        assert!(left.iter().any(|c| c.status == ClaimStatus::Accepted));
        assert_sound(&alice);
    }
}

/// In one shared file: undoing your import never takes a colleague's claim with it.
#[test]
fn undoing_an_import_keeps_the_article_when_a_colleague_added_a_claim_to_it() {
    let dir = tempfile::tempdir().unwrap();
    let base = base(dir.path());
    let path = dir.path().join("shared.sqlite");
    let mut alice = copy_of(&base, dir.path(), "shared.sqlite", "alice");
    let article = import(
        &mut alice,
        "Dam",
        "The dam holds 3 billion cubic metres. It opened in 1999.",
    );
    let mut bob = factdesk::store::Store::open(&path, "bob").unwrap();
    let bobs = bob.add_claim(&article, &new_claim(0, 10)).unwrap();
    let undone = alice.undo_last().unwrap();
    assert!(
        undone.summary.iter().any(|l| l.starts_with("kept article")),
        "{undone:#?}"
    );
    let left = alice.claims(Some(&article), &Default::default()).unwrap();
    assert_eq!(left.len(), 1, "{left:#?}");
    assert_eq!(left[0].id, bobs);
    assert_sound(&alice);
}

/// Alice relabels a claim, Bob relabels it in his copy later, then Alice undoes hers.
/// Alice took hers back: Bob's label stands, in either merge order, with no conflict
/// reported; the log keeps Alice's edit and its undo.
#[test]
fn an_undone_edit_does_not_win_over_a_colleagues_later_edit() {
    let (dir, _base, mut alice, mut bob) = two_copies();
    let claim = claim_ids(&alice)[1].clone();
    let before = alice.claim(&claim).unwrap().label;
    relabel(&mut alice, &claim, "Alice's label");
    relabel(&mut bob, &claim, "Bob's label");
    alice.undo_last().unwrap();
    assert_eq!(alice.claim(&claim).unwrap().label, before);
    let (a, b) = export_both(&alice, &bob, dir.path());
    let (merged, report) = merge_both_ways(dir.path(), &a, &b);
    assert_eq!(merged.claim(&claim).unwrap().label, "Bob's label");
    assert!(report.conflicts.is_empty(), "{:#?}", report.conflicts);
    let log = merged.changes(50, Some(&claim)).unwrap();
    assert!(
        log.iter()
            .any(|c| c.new_value == Some(serde_json::json!("Alice's label"))),
        "{log:#?}"
    );
}

/// Bob's copy was taken after Alice's edit, which she then undid; Bob did nothing to
/// the claim. Both orders give the label from before her edit.
#[test]
fn an_edit_undone_after_a_colleague_copied_it_is_undone_in_the_merge() {
    let dir = tempfile::tempdir().unwrap();
    let base = base(dir.path());
    let mut alice = copy_of(&base, dir.path(), "alice.sqlite", "alice");
    let claim = claim_ids(&alice)[1].clone();
    let before = alice.claim(&claim).unwrap().label;
    relabel(&mut alice, &claim, "Alice's label");
    let shared = export(&alice, dir.path(), "shared.sqlite");
    let bob = copy_of(&shared, dir.path(), "bob.sqlite", "bob");
    assert_eq!(bob.claim(&claim).unwrap().label, "Alice's label");
    alice.undo_last().unwrap();
    let (a, b) = export_both(&alice, &bob, dir.path());
    let (merged, report) = merge_both_ways(dir.path(), &a, &b);
    assert_eq!(merged.claim(&claim).unwrap().label, before);
    assert!(report.conflicts.is_empty(), "{:#?}", report.conflicts);
}

/// Alice deletes the article; Bob had imported the same text on his own and gives a
/// verdict on it after her deletion. His copy of the text goes by the same-text rule
/// only when nothing newer than the deletion was done on it: here it stays, with his
/// verdict, in both merge orders.
#[test]
fn the_same_text_under_the_other_id_stays_when_worked_on_after_the_deletion() {
    let (dir, _base, mut alice, mut bob) = two_copies();
    let text = "The port handled 2 million containers in 2022. Nobody checked.";
    let a_article = import(&mut alice, "Port", text);
    let b_article = import(&mut bob, "Port", text);
    std::thread::sleep(std::time::Duration::from_millis(2));
    alice.delete_article(&a_article).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(2));
    let b_claim = bob
        .claims(Some(&b_article), &Default::default())
        .unwrap()
        .remove(0)
        .id;
    bob.add_verdict(&b_claim, "false", "The port authority says 1.2 million.")
        .unwrap();
    let (a, b) = export_both(&alice, &bob, dir.path());
    let (merged, report) = merge_both_ways(dir.path(), &a, &b);
    assert_eq!(merged.verdicts(&b_claim).unwrap().len(), 1, "{report:#?}");
    assert!(!merged.search("containers", 10).unwrap().is_empty());
}

/// After a merge kept Bob's newer label over Alice's, Alice's undo is refused and names
/// Bob, whose edit it would overwrite (the merge's conflict entry is logged under the
/// reviewer whose value was lost, Alice).
#[test]
fn undo_refused_after_a_merge_names_the_colleague_whose_edit_won() {
    let (dir, _base, mut alice, mut bob) = two_copies();
    let claim = claim_ids(&alice)[1].clone();
    relabel(&mut alice, &claim, "Alpha");
    relabel(&mut bob, &claim, "Bravo");
    let b = export(&bob, dir.path(), "bob-out.sqlite");
    let report = alice.merge_from(&b, false).unwrap();
    assert_eq!(report.conflicts.len(), 1);
    let err = alice.undo_last().unwrap_err().to_string();
    assert!(err.contains("has changed since by bob"), "{err}");
}

/// Two reviewers who started their own databases on different scales (`init --scale
/// politifact` and the default): merging loses no rating of either scale, both ways;
/// the report names what came in.
#[test]
fn databases_started_on_different_scales_merge_without_removing_ratings() {
    let dir = tempfile::tempdir().unwrap();
    // A new database on `scale`, one article with a verdict `rating` on its claim.
    let started = |name: &str, scale: Option<&str>, text: &str, rating: &str| {
        let mut store = Store::open(&dir.path().join(format!("{name}-work.sqlite")), name).unwrap();
        if let Some(scale) = scale {
            store.use_scale(scale).unwrap();
        }
        let article = import(&mut store, name, text);
        let claim = store.claims(Some(&article), &Default::default()).unwrap()[0]
            .id
            .clone();
        store.add_verdict(&claim, rating, "Checked.").unwrap();
        store
    };
    let pf = started(
        "pf",
        Some("politifact"),
        "The port handled 2 million containers in 2022.",
        "pants-on-fire",
    );
    let def = started(
        "def",
        None,
        "The council spent 40 million on roads in 2024.",
        "misleading",
    );
    let (pf_out, def_out) = (
        export(&pf, dir.path(), "pf.sqlite"),
        export(&def, dir.path(), "def.sqlite"),
    );
    let (merged, report) = merge_both_ways(dir.path(), &pf_out, &def_out);
    assert_eq!(report.removed.ratings, 0, "{report:#?}");
    let names: Vec<String> = merged
        .ratings()
        .unwrap()
        .into_iter()
        .map(|r| r.name)
        .collect();
    for name in [
        "pants-on-fire",
        "half-true",
        "mixed",
        "misleading",
        "unverifiable",
    ] {
        assert!(names.contains(&name.to_string()), "{name} lost: {names:?}");
    }
    assert!(
        report.ratings_added.contains(&"misleading".to_string()),
        "{report:#?}"
    );
}

/// Copies on different scales: the merged ratings follow one scale, the newest choice
/// in either copy, as a whole. Picking each shared name's row on its own gave `true`
/// PolitiFact's 6 beside `mostly-true` at the default scale's 4.
#[test]
fn copies_on_different_scales_follow_the_newest_scale_choice() {
    let (dir, _, mut alice, mut bob) = two_copies();
    let claims = claim_ids(&alice);
    alice.add_verdict(&claims[1], "mixed", "Partly.").unwrap();
    std::thread::sleep(std::time::Duration::from_millis(2));
    bob.use_scale("politifact").unwrap();
    bob.add_verdict(&claims[2], "pants-on-fire", "Invented.")
        .unwrap();
    let (a, b) = export_both(&alice, &bob, dir.path());
    let (merged, _) = merge_both_ways(dir.path(), &a, &b);
    let ratings = merged.ratings().unwrap();
    let shown: Vec<(i64, &str, Option<i64>)> = ratings
        .iter()
        .map(|r| (r.position, r.name.as_str(), r.rating_value))
        .collect();
    // PolitiFact's six in its order and values; Alice's `mixed` (her verdict uses it)
    // after them, off PolitiFact's true-false line (its 3 was the default scale's).
    assert_eq!(
        shown,
        [
            (1, "true", Some(6)),
            (2, "mostly-true", Some(5)),
            (3, "half-true", Some(4)),
            (4, "mostly-false", Some(3)),
            (5, "false", Some(2)),
            (6, "pants-on-fire", Some(1)),
            (7, "mixed", None),
        ],
        "{shown:?}"
    );
    assert_eq!(merged.scale_name().unwrap(), "politifact");
    // Alice's copy is told its scale changed.
    let mut alice_again = copy_of(&a, dir.path(), "alice-again.sqlite", "alice");
    let report = alice_again.merge_from(&b, false).unwrap();
    assert_eq!(report.scale.as_deref(), Some("politifact"), "{report:#?}");
    assert!(
        !alice_again
            .merge_from(&b, false)
            .unwrap()
            .changed_anything()
    );
}

/// Two reviewers imported the same text on their own, and a merge folded the identical
/// suggestions into one set. Undoing one import keeps everything: the other import made
/// the same article and suggestions. (Removing them took the colleague's import from
/// both copies at the next merge.)
#[test]
fn undoing_an_import_that_a_colleague_also_made_keeps_it_in_both_copies() {
    let text = "The ferry carried 4,000 people a day in 2023. Fares doubled in 2024.";
    let dir = tempfile::tempdir().unwrap();
    let base = base(dir.path());
    let mut alice = copy_of(&base, dir.path(), "alice.sqlite", "alice");
    let mut bob = copy_of(&base, dir.path(), "bob.sqlite", "bob");
    import(&mut alice, "Ferry", text);
    import(&mut bob, "Ferry", text);
    let (a, b) = export_both(&alice, &bob, dir.path());
    alice.merge_from(&b, false).unwrap();
    bob.merge_from(&a, false).unwrap();
    let before = claim_ids(&bob);
    let undone = alice.undo_last().unwrap();
    // Whichever copy's ids the merge kept, the article stays, and says why.
    assert!(
        undone.summary.iter().any(|l| l.starts_with("kept article")),
        "{undone:#?}"
    );
    // One line for the claims a merge had folded away, not one per claim.
    assert!(
        undone
            .summary
            .iter()
            .filter(|l| l.contains("already gone"))
            .count()
            <= 1,
        "{undone:#?}"
    );
    assert_eq!(claim_ids(&alice), before);
    let a = export(&alice, dir.path(), "alice-out.sqlite");
    let report = bob.merge_from(&a, false).unwrap();
    // Folded suggestions are unified, never "deleted in the other copy".
    assert_eq!(
        (report.removed.articles, report.removed.claims),
        (0, 0),
        "{report:#?}"
    );
    assert_eq!(claim_ids(&bob), before);
    assert!(!bob.search("ferry", 10).unwrap().is_empty());
    assert_sound(&alice);
    assert_sound(&bob);
}

/// Undoing one's own import, before any merge, takes back that import only: a
/// colleague's import of the same text, and the work on it, stay in both copies.
/// (The same-text rule took the undo for a deletion of the text, and removed them.)
#[test]
fn undoing_an_import_before_any_merge_keeps_a_colleagues_import_of_the_same_text() {
    let text = "The ferry carried 4,000 people a day in 2023. Fares doubled in 2024.";
    let (dir, _, mut alice, mut bob) = two_copies();
    let bobs = import(&mut bob, "Ferry", text);
    let claim = bob.claims(Some(&bobs), &Default::default()).unwrap()[0]
        .id
        .clone();
    bob.add_verdict(&claim, "false", "Ticket data say 2,500.")
        .unwrap();
    import(&mut alice, "Ferry", text);
    alice.undo_last().unwrap();
    let (a, b) = export_both(&alice, &bob, dir.path());
    let (merged, report) = merge_both_ways(dir.path(), &a, &b);
    assert_eq!(report.removed.articles, 0, "{report:#?}");
    assert_eq!(merged.verdicts(&claim).unwrap().len(), 1);
    assert!(merged.article(&bobs).is_ok());
}

/// The scale a merge settles on is whole: a copy that switched away from it logged the
/// removal of its ratings, but the newer choice has them (the merge had dropped
/// `mostly-true` and `mostly-false` from PolitiFact's scale, and verdicts on them were
/// refused).
#[test]
fn the_newest_scale_keeps_all_its_ratings_when_the_other_copy_switched_away() {
    let (dir, _, mut alice, mut bob) = two_copies();
    bob.use_scale("meta").unwrap();
    std::thread::sleep(std::time::Duration::from_millis(2));
    alice.use_scale("politifact").unwrap();
    let (a, b) = export_both(&alice, &bob, dir.path());
    let (mut merged, _) = merge_both_ways(dir.path(), &a, &b);
    let ratings = merged.ratings().unwrap();
    let first: Vec<(i64, &str)> = ratings
        .iter()
        .take(6)
        .map(|r| (r.position, r.name.as_str()))
        .collect();
    assert_eq!(
        first,
        [
            (1, "true"),
            (2, "mostly-true"),
            (3, "half-true"),
            (4, "mostly-false"),
            (5, "false"),
            (6, "pants-on-fire"),
        ]
    );
    let claim = claim_ids(&merged)[1].clone();
    merged.add_verdict(&claim, "mostly-true", "Close.").unwrap();
}

/// Undoing one's edit after a merge kept it over a colleague's edit of the same field
/// gives the colleague's value (what the merge rules give without the undone edit), and
/// the copies agree after the next merges. It used to put back the value from before
/// both edits: the colleague's edit was lost here, and each copy then said "nothing to
/// merge" while they differed.
#[test]
fn undoing_an_edit_that_won_a_conflict_gives_the_colleagues_value() {
    let (dir, _, mut alice, mut bob) = two_copies();
    let claim = claim_ids(&alice)[1].clone();
    relabel(&mut bob, &claim, "Bob's label");
    std::thread::sleep(std::time::Duration::from_millis(2));
    relabel(&mut alice, &claim, "Alice's label");
    let b = export(&bob, dir.path(), "bob-out.sqlite");
    alice.merge_from(&b, false).unwrap();
    assert_eq!(alice.claim(&claim).unwrap().label, "Alice's label");
    let undone = alice.undo_last().unwrap();
    assert!(
        undone
            .summary
            .iter()
            .any(|l| l.contains("back to “Bob's label”, bob's edit")),
        "{undone:#?}"
    );
    assert_eq!(alice.claim(&claim).unwrap().label, "Bob's label");
    let a = export(&alice, dir.path(), "alice-out.sqlite");
    bob.merge_from(&a, false).unwrap();
    assert_eq!(bob.claim(&claim).unwrap().label, "Bob's label");
    assert_eq!(
        alice.content_digest().unwrap(),
        bob.content_digest().unwrap()
    );
}

/// An edit its author took back with undo is no work that keeps a colleague's deletion
/// from standing (it brought the deleted claim back in both copies); and a removed
/// article's claims are counted as removed.
#[test]
fn an_undone_edit_does_not_bring_back_a_deleted_claim() {
    let (dir, _, mut alice, mut bob) = two_copies();
    let claim = claim_ids(&alice)[2].clone();
    bob.delete_claim(&claim).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(2));
    alice
        .edit_claim(
            &claim,
            &ClaimEdit {
                kind: Some("quote".into()),
                ..Default::default()
            },
        )
        .unwrap();
    alice.undo_last().unwrap();
    let (a, b) = export_both(&alice, &bob, dir.path());
    let (merged, _) = merge_both_ways(dir.path(), &a, &b);
    assert!(merged.claim(&claim).is_err(), "the deleted claim came back");

    // A removed article takes its claims, and the report says how many.
    let (dir, _, mut alice, mut bob) = two_copies();
    let article = import(
        &mut alice,
        "Harbour",
        "The harbour handled 2 million containers in 2022. Dredging cost 40 million.",
    );
    let a = export(&alice, dir.path(), "alice-out.sqlite");
    bob.merge_from(&a, false).unwrap();
    let claims = bob
        .claims(Some(&article), &Default::default())
        .unwrap()
        .len() as i64;
    alice.undo_last().unwrap();
    let a = export(&alice, dir.path(), "alice-out.sqlite");
    let report = bob.merge_from(&a, false).unwrap();
    assert_eq!(
        (report.removed.articles, report.removed.claims),
        (1, claims),
        "{report:#?}"
    );
}

/// A claim-source pair linked in two copies under different ids, relayed through a
/// third copy that already made them one: every copy ends with the newest stance and
/// excerpt. (The copy that received the unified link kept its own values, and every
/// later merge said "nothing to merge".) Ids are random, so both id orders come up.
#[test]
fn a_link_made_in_two_copies_converges_through_a_third() {
    for _ in 0..6 {
        let (dir, base, mut alice, mut bob) = two_copies();
        let mut carol = copy_of(&base, dir.path(), "carol.sqlite", "carol");
        let claim = claim_ids(&alice)[1].clone();
        let source = add_source(&mut alice, "https://example.org/budget");
        let a0 = export(&alice, dir.path(), "a0.sqlite");
        bob.merge_from(&a0, false).unwrap();
        carol.merge_from(&a0, false).unwrap();
        alice
            .link_source(&claim, &source, Stance::Context, Some("alice ctx"), None)
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(2));
        bob.link_source(&claim, &source, Stance::Supports, Some("bob sup"), None)
            .unwrap();
        carol
            .merge_from(&export(&alice, dir.path(), "a1.sqlite"), false)
            .unwrap();
        bob.merge_from(&export(&carol, dir.path(), "c1.sqlite"), false)
            .unwrap();
        alice
            .merge_from(&export(&bob, dir.path(), "b1.sqlite"), false)
            .unwrap();
        for store in [&alice, &bob] {
            let links = store.links_for_claim(&claim).unwrap();
            let link = links.iter().find(|l| l.source.id == source).unwrap();
            assert_eq!(
                (link.stance, link.excerpt.as_deref()),
                (Stance::Supports, Some("bob sup"))
            );
        }
        assert_eq!(
            alice.content_digest().unwrap(),
            bob.content_digest().unwrap()
        );
    }
}

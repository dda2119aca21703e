//! Undo takes back your own change only: never a colleague's work built on it since
//! (found by driving two workbenches on one database).

use factdesk::model::{ClaimStatus, NewArticle, NewClaim};
use factdesk::store::{ImportOutcome, Store};

fn article(store: &mut Store) -> String {
    let doc = NewArticle {
        title: "Two reviewers".into(),
        body: "The minister said unemployment rose to 7 percent in 2022. Nothing else.".into(),
        ..NewArticle::default()
    };
    match store.import_article(&doc, &[]).unwrap() {
        ImportOutcome::Imported { id, .. } | ImportOutcome::Duplicate { id, .. } => id,
    }
}

#[test]
fn undoing_a_verdict_a_colleague_signed_off_is_refused() {
    // Seen: dana's verdict, signed off by lee a minute later; dana pressed u and the
    // verdict went, lee's sign-off with it, and nothing in the log said the sign-off
    // was gone.
    let mut store = Store::open_in_memory("dana").unwrap();
    let article = article(&mut store);
    let claim = store
        .add_claim(&article, &NewClaim::at(4, 56, ClaimStatus::Accepted))
        .unwrap();
    store
        .add_verdict(&claim, "false", "The statistics office says 5.1 percent.")
        .unwrap();
    store.set_reviewer("lee");
    store.sign_off(&claim, None, false).unwrap();
    store.set_reviewer("dana");
    let err = store.undo_last().unwrap_err().to_string();
    assert!(err.contains("lee") && err.contains("signed off"), "{err}");
    let verdict = store
        .claim(&claim)
        .unwrap()
        .verdict
        .expect("the verdict stays");
    assert_eq!(verdict.signed_off_by.as_deref(), Some("lee"));
    // Once lee takes the sign-off back, dana may take her verdict back.
    store.set_reviewer("lee");
    store.undo_last().unwrap();
    store.set_reviewer("dana");
    store.undo_last().unwrap();
    assert!(store.claim(&claim).unwrap().verdict.is_none());
}

#[test]
fn undoing_a_claim_a_colleague_gave_a_verdict_is_refused() {
    // dana marks a claim; lee rates it; dana's undo must not delete lee's verdict.
    let mut store = Store::open_in_memory("dana").unwrap();
    let article = article(&mut store);
    let claim = store
        .add_claim(&article, &NewClaim::at(4, 56, ClaimStatus::Accepted))
        .unwrap();
    store.set_reviewer("lee");
    store
        .add_verdict(&claim, "mostly-true", "Close to the office's figure.")
        .unwrap();
    store
        .add_note(&article, Some(&claim), "Call the office.")
        .unwrap();
    store.set_reviewer("dana");
    let err = store.undo_last().unwrap_err().to_string();
    assert!(err.contains("lee"), "{err}");
    let detail = store.claim_detail(&claim).unwrap();
    assert_eq!(detail.verdicts.len(), 1);
    assert_eq!(detail.notes.len(), 1);
}

#[test]
fn undoing_an_import_whose_claim_a_colleague_edited_is_refused_until_they_undo() {
    // Seen: alice imported, bob relabelled and accepted a suggestion, alice's undo took
    // the import and bob's work with it; bob's undo then failed on a missing claim.
    let mut store = Store::open_in_memory("alice").unwrap();
    let article = article(&mut store);
    let claim = store
        .add_claim(&article, &NewClaim::at(4, 56, ClaimStatus::Suggested))
        .unwrap();
    store.set_reviewer("bob");
    let edit = factdesk::model::ClaimEdit {
        label: Some("bob's careful label".into()),
        ..Default::default()
    };
    store.edit_claim(&claim, &edit).unwrap();
    store.set_reviewer("alice");
    let err = store.undo_last().unwrap_err().to_string();
    assert!(err.contains("bob") && err.contains("edited"), "{err}");
    assert_eq!(store.claim(&claim).unwrap().label, "bob's careful label");
    // Once bob takes his edit back (an undo's own reversal is not work to keep),
    // alice's undo goes through.
    store.set_reviewer("bob");
    store.undo_last().unwrap();
    store.set_reviewer("alice");
    store.undo_last().unwrap();
    assert!(store.claim(&claim).is_err());
}

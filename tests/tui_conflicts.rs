//! After a merge, the workbench shows the fields two reviewers both edited: the list
//! marks the claim (and `f` can show only such claims), the detail pane says what was
//! kept, what was overridden, and by whom.

mod share_support;
mod tui_support;

use factdesk::model::ClaimEdit;
use ratatui::layout::Rect;
use share_support::{claim_ids, copy_of, export, two_copies};

#[test]
fn the_detail_pane_shows_a_merge_conflict() {
    let (dir, _, mut alice, mut bob) = two_copies();
    let claims = claim_ids(&alice);
    let label = |l: &str| ClaimEdit {
        label: Some(l.into()),
        ..Default::default()
    };
    alice
        .edit_claim(&claims[0], &label("Alice's label"))
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(2));
    bob.edit_claim(&claims[0], &label("Bob's label")).unwrap();
    let b = export(&bob, dir.path(), "bob-out.sqlite");
    let a = export(&alice, dir.path(), "alice-out.sqlite");
    let mut merged = copy_of(&a, dir.path(), "merged.sqlite", "alice");
    merged.merge_from(&b, false).unwrap();

    let article = merged.claim(&claims[0]).unwrap().article_id;
    let mut app = factdesk::tui::start_app(&mut merged, Some(&article), Rect::new(0, 0, 120, 40));
    tui_support::press(&mut app, &mut merged, "");
    let screen = tui_support::screen(&mut app, 120, 40);
    assert!(screen.contains("conflicts"), "{screen}");
    assert!(
        screen.contains("⚠ label: kept “Bob's label” (bob) over “Alice's label”"),
        "{screen}"
    );
    assert!(screen.contains("(alice)"), "{screen}");
    // The list marks it, and `f` cycles to a filter that shows only such claims.
    assert!(screen.contains("▸1   ⚠ Bob's label"), "{screen}");
    tui_support::press(&mut app, &mut merged, "f f f f");
    let screen = tui_support::screen(&mut app, 120, 40);
    assert!(
        screen.contains("Claims (1) ─ sort: position ─ filter: conflicts"),
        "{screen}"
    );
    tui_support::press(&mut app, &mut merged, "f");
    let screen = tui_support::screen(&mut app, 120, 40);
    assert!(screen.contains("filter: all"), "{screen}");
}

//! Notes on the article itself: `N` adds one from the workbench, whichever claim is
//! selected, and every claim's detail shows them.

mod tui_support;

use tui_support::*;

#[test]
fn n_shift_notes_the_article_and_the_detail_shows_it() {
    let (mut store, mut app) = opened(120, 40);
    let article = app.work.as_ref().unwrap().article.id.clone();
    press(&mut app, &mut store, "N");
    type_text(
        &mut app,
        &mut store,
        "The outlet corrected the headline on 3 Dec.",
    );
    press(&mut app, &mut store, "C-s");
    let notes = store.notes_for_article(&article).unwrap();
    assert_eq!(notes.len(), 1, "{notes:#?}");
    assert_eq!(notes[0].claim_id, None);
    // No claim got it.
    let first = app.selected_claim().unwrap().id.clone();
    assert!(store.notes_for_claim(&first).unwrap().is_empty());
    let shown = screen(&mut app, 120, 40);
    assert!(shown.contains("article notes"), "{shown}");
    assert!(
        shown.contains("The outlet corrected the headline"),
        "{shown}"
    );
    // Another claim's detail shows it too.
    press(&mut app, &mut store, "j");
    let shown = screen(&mut app, 120, 40);
    assert!(
        shown.contains("The outlet corrected the headline"),
        "{shown}"
    );
}

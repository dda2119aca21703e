//! Regressions found by using the workbench as a fact-checker would: each test is one
//! bug that was seen in tmux and fixed.

mod tui_support;

use factdesk::tui::action::Action;
use factdesk::tui::app::{Focus, Modal};
use factdesk::tui::input::{Edit, TextInput};
use tui_support::{opened, press, type_text};

#[test]
fn a_paste_keeps_its_line_breaks_sent_as_cr() {
    // tmux paste-buffer and most terminals send pasted line breaks as CR.
    let mut t = TextInput::multiline("");
    t.apply(&Edit::Paste("first\rsecond\r\nthird".into()));
    assert_eq!(t.text(), "first\nsecond\nthird");
    let mut one = TextInput::new("");
    one.apply(&Edit::Paste("pasted text\rline2".into()));
    assert_eq!(one.text(), "pasted text line2");
}

#[test]
fn ctrl_c_over_unsaved_text_asks_before_quitting() {
    let (mut store, mut app) = opened(120, 40);
    press(&mut app, &mut store, "v 2");
    type_text(&mut app, &mut store, "half a rationale");
    press(&mut app, &mut store, "C-c");
    assert!(!app.quit, "the first Ctrl-C keeps the draft");
    assert!(app.status.error && app.status.text.contains("Ctrl-C again"));
    assert!(matches!(app.modal, Some(Modal::Verdict(_))));
    // Going on typing disarms it; the next Ctrl-C asks again.
    type_text(&mut app, &mut store, ".");
    press(&mut app, &mut store, "C-c");
    assert!(!app.quit);
    press(&mut app, &mut store, "C-c");
    assert!(app.quit, "a second Ctrl-C quits");

    // An untouched form, or no form, quits at once.
    let (mut store, mut app) = opened(120, 40);
    press(&mut app, &mut store, "s Tab");
    press(&mut app, &mut store, "C-c");
    assert!(app.quit);
}

#[test]
fn a_refresh_keeps_the_article_cursor_and_detail_scroll() {
    let (mut store, mut app) = opened(120, 40);
    press(&mut app, &mut store, "j");
    let id = app.selected_claim_id().unwrap();
    // The reviewer reads on in the article pane, inside the same claim.
    press(&mut app, &mut store, "S-Tab w w");
    assert_eq!(app.focus, Focus::Article);
    let cursor = app.work.as_ref().unwrap().cursor;
    let start = app.work.as_ref().unwrap().claims[1].start as usize;
    assert!(cursor > start);
    assert_eq!(app.selected_claim_id().as_deref(), Some(id.as_str()));
    let article = app.work.as_ref().unwrap().article.id.clone();
    store
        .add_note(&article, Some(&id), "from another desk")
        .unwrap();
    app.dispatch(&mut store, Action::Refresh);
    let w = app.work.as_ref().unwrap();
    assert_eq!(
        w.cursor, cursor,
        "the cursor did not jump back to the claim"
    );
    assert_eq!(app.selected_claim_id(), Some(id));
    assert!(
        app.status.text.contains("changed elsewhere"),
        "{:?}",
        app.status
    );
}

#[test]
fn the_detail_pane_scrolls_exactly_to_its_last_row() {
    let (mut store, mut app) = opened(120, 24);
    press(&mut app, &mut store, "a");
    for i in 0..6 {
        press(&mut app, &mut store, "n");
        type_text(
            &mut app,
            &mut store,
            &format!("note {i} with some words to wrap"),
        );
        press(&mut app, &mut store, "C-s");
    }
    press(&mut app, &mut store, "Enter");
    assert_eq!(app.focus, Focus::Detail);
    let max = factdesk::tui::view::detail::detail_max_scroll(&app);
    assert!(max > 0);
    for _ in 0..100 {
        press(&mut app, &mut store, "j");
    }
    assert_eq!(app.work.as_ref().unwrap().detail_scroll, max);
    // One k moves up at once (no invisible overshoot to climb back through).
    press(&mut app, &mut store, "k");
    assert_eq!(app.work.as_ref().unwrap().detail_scroll, max - 1);
    press(&mut app, &mut store, "G");
    assert_eq!(app.work.as_ref().unwrap().detail_scroll, max);
    press(&mut app, &mut store, "g");
    assert_eq!(app.work.as_ref().unwrap().detail_scroll, 0);
}

#[test]
fn growing_the_terminal_shows_the_claims_above_again() {
    let (mut store, mut app) = opened(160, 48);
    press(&mut app, &mut store, "j j");
    app.resize(ratatui::layout::Rect::new(0, 0, 20, 5));
    assert!(app.work.as_ref().unwrap().list_offset > 0);
    app.resize(ratatui::layout::Rect::new(0, 0, 160, 48));
    let w = app.work.as_ref().unwrap();
    assert_eq!(w.list_offset, 0, "all 15 claims fit again");
    assert_eq!(w.selected, 2);
}

#[test]
fn marking_a_span_twice_selects_the_claim_instead_of_duplicating_it() {
    let (mut store, mut app) = opened(120, 40);
    press(&mut app, &mut store, "S-Tab g m c Enter");
    assert!(matches!(app.modal, Some(Modal::Form(_))));
    press(&mut app, &mut store, "Esc");
    let count = app.work.as_ref().unwrap().claims.len();
    let first = app.selected_claim_id();
    press(&mut app, &mut store, "g m c Enter");
    assert_eq!(app.work.as_ref().unwrap().claims.len(), count);
    assert_eq!(app.selected_claim_id(), first);
    assert!(app.status.error && app.status.text.contains("already"));
    assert!(app.modal.is_none());
}

#[test]
fn search_finds_the_word_still_being_typed() {
    let (mut store, mut app) = opened(120, 40);
    press(&mut app, &mut store, "/");
    type_text(&mut app, &mut store, "Doha agreem");
    assert!(
        !app.search.hits.is_empty(),
        "a prefix of the last word matches"
    );
    assert_eq!(factdesk::tui::command::as_you_type("Doha "), "Doha ");
    assert_eq!(factdesk::tui::command::as_you_type("Doha"), "Doha*");
}

#[test]
fn the_picker_keeps_its_article_when_another_desk_imports_one() {
    let mut store = factdesk::store::Store::open_in_memory("dana").unwrap();
    tui_support::seed(&mut store);
    let mut app =
        factdesk::tui::start_app(&mut store, None, ratatui::layout::Rect::new(0, 0, 120, 40));
    let chosen = app.picker.items[0].id.clone();
    let doc = factdesk::ingest::read_document(b"Newer article\n\nSomeone said 5% more.\n", "n.txt")
        .unwrap();
    store.import_article(&doc, &[]).unwrap();
    app.dispatch(&mut store, Action::Refresh);
    assert_eq!(app.picker.total, 2);
    let p = &app.picker;
    assert_eq!(p.items[(p.selected - p.offset) as usize].id, chosen);
}

#[test]
fn help_scrolls_no_further_than_its_last_line() {
    let (mut store, mut app) = opened(80, 24);
    press(&mut app, &mut store, "?");
    for _ in 0..500 {
        press(&mut app, &mut store, "j");
    }
    let max = factdesk::tui::view::help::max_scroll(app.size, &app.screen_layers());
    assert_eq!(app.modal, Some(Modal::Help { scroll: max }));
    press(&mut app, &mut store, "k");
    assert_eq!(app.modal, Some(Modal::Help { scroll: max - 1 }));
}

#[test]
fn a_write_the_store_refuses_reopens_the_form_with_the_text() {
    let (mut store, mut app) = opened(120, 40);
    press(&mut app, &mut store, "e Tab");
    type_text(&mut app, &mut store, " (edited)");
    press(&mut app, &mut store, "Tab Tab C-u");
    type_text(&mut app, &mut store, "300-99999");
    press(&mut app, &mut store, "C-s");
    assert!(app.status.error, "{:?}", app.status);
    match &app.modal {
        Some(Modal::Form(f)) => assert!(f.fields[1].as_text().ends_with("(edited)")),
        other => panic!("the form is gone: {other:?}"),
    }
    // Fixed, it saves.
    press(&mut app, &mut store, "C-u");
    type_text(&mut app, &mut store, "175-274");
    press(&mut app, &mut store, "C-s");
    assert!(app.modal.is_none(), "{:?}", app.status);
    assert!(app.selected_claim().unwrap().claimant.ends_with("(edited)"));
}

#[test]
fn accepting_twice_writes_once() {
    let (mut store, mut app) = opened(120, 40);
    press(&mut app, &mut store, "a");
    let before = store.changes(1000, None).unwrap().len();
    press(&mut app, &mut store, "a");
    assert_eq!(store.changes(1000, None).unwrap().len(), before);
    assert!(
        app.status.text.contains("already accepted"),
        "{:?}",
        app.status
    );
    press(&mut app, &mut store, "x x");
    assert!(
        app.status.text.contains("already rejected"),
        "{:?}",
        app.status
    );
}

#[test]
fn esc_from_a_form_with_text_keeps_it_for_the_same_key() {
    let (mut store, mut app) = opened(120, 40);
    press(&mut app, &mut store, "v 3");
    type_text(&mut app, &mut store, "a long rationale");
    press(&mut app, &mut store, "Esc");
    assert!(app.modal.is_none());
    press(&mut app, &mut store, "v");
    match &app.modal {
        Some(Modal::Verdict(v)) => {
            assert_eq!(v.rationale.text(), "a long rationale");
            assert_eq!(v.rating, Some(2));
        }
        other => panic!("{other:?}"),
    }
    press(&mut app, &mut store, "C-s");
    assert!(app.modal.is_none());
    // A different claim's form starts empty.
    press(&mut app, &mut store, "s");
    type_text(&mut app, &mut store, "https://example.org/a");
    press(&mut app, &mut store, "Esc j s");
    match &app.modal {
        Some(Modal::Form(f)) => assert_eq!(f.fields[0].as_text(), ""),
        other => panic!("{other:?}"),
    }
}

#[test]
fn signing_off_twice_writes_once() {
    let (mut store, mut app) = opened(120, 40);
    press(&mut app, &mut store, "v 1");
    type_text(&mut app, &mut store, "checked");
    press(&mut app, &mut store, "C-s");
    // A second reviewer signs off (the author may not: four eyes).
    store.set_reviewer("ed");
    app.reviewer = "ed".into();
    press(&mut app, &mut store, "S");
    assert!(app.status.text.contains("signed off"), "{:?}", app.status);
    let before = store.changes(1000, None).unwrap().len();
    press(&mut app, &mut store, "S");
    assert_eq!(store.changes(1000, None).unwrap().len(), before);
    assert!(
        app.status.text.contains("already signed off by ed"),
        "{:?}",
        app.status
    );
}

/// A verdict given after the signed-off one: S signs off the newest, as
/// `factdesk signoff` does (it used to answer "already signed off", and the warning
/// asking for a sign-off could not be cleared from the keyboard).
#[test]
fn s_signs_off_a_verdict_given_after_the_signed_off_one() {
    let (mut store, mut app) = opened(120, 40);
    let as_reviewer =
        |app: &mut factdesk::tui::app::App, store: &mut factdesk::store::Store, name: &str| {
            store.set_reviewer(name);
            app.reviewer = name.into();
        };
    press(&mut app, &mut store, "v 1");
    type_text(&mut app, &mut store, "checked");
    press(&mut app, &mut store, "C-s");
    as_reviewer(&mut app, &mut store, "ed");
    press(&mut app, &mut store, "S");
    as_reviewer(&mut app, &mut store, "bob");
    press(&mut app, &mut store, "v 3");
    type_text(&mut app, &mut store, "bob thinks mixed");
    press(&mut app, &mut store, "C-s");
    let claim = app
        .work
        .as_ref()
        .unwrap()
        .detail
        .as_ref()
        .unwrap()
        .claim
        .id
        .clone();
    assert!(
        store
            .claim_detail(&claim)
            .unwrap()
            .unsigned_newer_warning()
            .is_some()
    );
    as_reviewer(&mut app, &mut store, "erin");
    press(&mut app, &mut store, "S");
    assert!(app.status.text.contains("signed off"), "{:?}", app.status);
    let detail = store.claim_detail(&claim).unwrap();
    let verdict = detail.claim.verdict.as_ref().unwrap();
    assert_eq!(
        (verdict.reviewer.as_str(), verdict.signed_off_by.as_deref()),
        ("bob", Some("erin"))
    );
    assert_eq!(detail.unsigned_newer_warning(), None);
}

#[test]
fn a_verdict_on_a_suggestion_accepts_it() {
    let (mut store, mut app) = opened(120, 40);
    let id = app.selected_claim_id().unwrap();
    press(&mut app, &mut store, "v 5");
    type_text(&mut app, &mut store, "wrong");
    press(&mut app, &mut store, "C-s");
    let c = store.claim(&id).unwrap();
    assert_eq!(c.status, factdesk::model::ClaimStatus::Accepted);
    assert!(app.status.text.contains("accepted"), "{:?}", app.status);
    // One action, one undo: u takes back the verdict and the acceptance together.
    press(&mut app, &mut store, "u");
    let c = store.claim(&id).unwrap();
    assert!(c.verdict.is_none());
    assert_eq!(c.status, factdesk::model::ClaimStatus::Suggested);
}

#[test]
fn undoing_a_delete_puts_the_reviewer_back_on_the_claim() {
    let (mut store, mut app) = opened(120, 40);
    press(&mut app, &mut store, "j j j");
    let id = app.selected_claim_id().unwrap();
    press(&mut app, &mut store, "d y");
    assert!(store.claim(&id).is_err(), "deleted");
    assert_ne!(app.selected_claim_id().as_deref(), Some(id.as_str()));
    press(&mut app, &mut store, "g");
    press(&mut app, &mut store, "u");
    assert!(store.claim(&id).is_ok(), "restored");
    assert_eq!(app.selected_claim_id().as_deref(), Some(id.as_str()));
    assert!(
        app.status.text.contains("brought back claim"),
        "{:?}",
        app.status
    );
}

/// A reload that follows the reviewer's own save (another workbench wrote at the same
/// time) is said after the save's confirmation, not instead of it.
#[test]
fn a_reload_does_not_hide_what_your_last_key_said() {
    let (mut store, mut app) = opened(120, 40);
    press(&mut app, &mut store, "a");
    let said = app.status.text.clone();
    assert!(!said.is_empty() && !app.status.error, "{:?}", app.status);
    app.dispatch(&mut store, Action::Refresh);
    assert!(app.status.text.starts_with(&said), "{:?}", app.status);
    assert!(app.status.text.contains("reloaded"), "{:?}", app.status);
    // The next key's message replaces both; a later reload is said alone.
    press(&mut app, &mut store, "j");
    app.dispatch(&mut store, Action::Refresh);
    assert!(
        app.status.text.starts_with("↻ reloaded"),
        "{:?}",
        app.status
    );
}

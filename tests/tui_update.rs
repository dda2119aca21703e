//! Keys -> actions -> state, through the real keymap, with an in-memory store.

mod tui_support;

use factdesk::model::{ClaimStatus, Stance};
use factdesk::tui::action::Action;
use factdesk::tui::app::{Focus, Modal, Screen};
use factdesk::tui::keymap::{self, Layer};
use tui_support::{key, opened, press, type_text};

#[test]
fn verdict_with_source_on_a_suggestion_in_few_keys() {
    let (mut store, mut app) = opened(120, 40);
    assert_eq!(app.screen, Screen::Workbench);
    let id = app.selected_claim_id().expect("a claim is selected");
    let mut keys = 0;
    let mut go = |app: &mut _, store: &mut _, k: &str| {
        keys += k.split(' ').count();
        press(app, store, k);
    };
    go(&mut app, &mut store, "a");
    go(&mut app, &mut store, "s");
    type_text(&mut app, &mut store, "https://www.un.org/report");
    go(&mut app, &mut store, "Tab");
    type_text(&mut app, &mut store, "UN monitoring team report");
    go(&mut app, &mut store, "Tab Tab Tab");
    type_text(&mut app, &mut store, "r");
    go(&mut app, &mut store, "C-s");
    go(&mut app, &mut store, "v 3");
    type_text(
        &mut app,
        &mut store,
        "Only some neighbours say so;\nthe UN reports otherwise.",
    );
    go(&mut app, &mut store, "C-s");
    assert!(keys <= 12, "{keys} keys");
    assert!(app.modal.is_none(), "{:?}", app.status);
    let d = store.claim_detail(&id).unwrap();
    assert_eq!(d.claim.status, ClaimStatus::Accepted);
    assert_eq!(d.sources.len(), 1);
    assert_eq!(d.sources[0].stance, Stance::Refutes);
    assert_eq!(
        d.sources[0].source.url.as_deref(),
        Some("https://www.un.org/report")
    );
    assert_eq!(d.verdicts[0].rating, "mixed");
    assert_eq!(
        d.verdicts[0].rationale,
        "Only some neighbours say so;\nthe UN reports otherwise."
    );
    assert!(app.status.text.contains("mixed"), "{:?}", app.status);
}

#[test]
fn moving_selects_claims_and_the_article_follows() {
    let (mut store, mut app) = opened(120, 40);
    press(&mut app, &mut store, "j j");
    let w = app.work.as_ref().unwrap();
    assert_eq!(w.selected, 2);
    assert_eq!(w.cursor as i64, w.claims[2].start);
    assert_eq!(w.detail.as_ref().unwrap().claim.id, w.claims[2].id);
    // Into the article: the cursor moving onto another claim selects it.
    press(&mut app, &mut store, "S-Tab G");
    assert_eq!(app.focus, Focus::Article);
    press(&mut app, &mut store, "g");
    let mut seen = std::collections::BTreeSet::new();
    for _ in 0..200 {
        press(&mut app, &mut store, "w");
        let w = app.work.as_ref().unwrap();
        let cur = w.cursor as i64;
        if w.claims.iter().any(|c| c.start <= cur && cur < c.end) {
            let c = &w.claims[w.visible[w.selected]];
            assert!(
                c.start <= cur && cur < c.end,
                "cursor {cur} claim {}..{}",
                c.start,
                c.end
            );
            assert_eq!(w.detail.as_ref().unwrap().claim.id, c.id);
            seen.insert(c.id.clone());
        }
    }
    assert!(seen.len() >= 5, "{seen:?}");
}

#[test]
fn reject_delete_with_confirmation_and_undo() {
    let (mut store, mut app) = opened(80, 24);
    let id = app.selected_claim_id().unwrap();
    press(&mut app, &mut store, "x");
    assert_eq!(store.claim(&id).unwrap().status, ClaimStatus::Rejected);
    press(&mut app, &mut store, "u");
    assert_eq!(store.claim(&id).unwrap().status, ClaimStatus::Suggested);
    press(&mut app, &mut store, "d");
    assert!(matches!(app.modal, Some(Modal::ConfirmDelete { .. })));
    press(&mut app, &mut store, "n");
    assert!(store.claim(&id).is_ok());
    press(&mut app, &mut store, "d y");
    assert!(store.claim(&id).is_err());
    assert_eq!(app.work.as_ref().unwrap().claims.len(), 14);
    press(&mut app, &mut store, "u");
    assert!(store.claim(&id).is_ok());
    assert_eq!(app.work.as_ref().unwrap().claims.len(), 15);
}

#[test]
fn mark_a_new_claim_by_keyboard() {
    let (mut store, mut app) = opened(120, 40);
    press(&mut app, &mut store, "S-Tab g m w w");
    assert!(app.layers().contains(&Layer::Mark));
    press(&mut app, &mut store, "Enter");
    let w = app.work.as_ref().unwrap();
    assert_eq!(w.claims.len(), 16);
    let c = app.selected_claim().unwrap();
    assert_eq!(c.start, 0);
    assert_eq!(c.quote, "Iranian Ambassador asserts");
    assert_eq!(c.status, ClaimStatus::Accepted);
    // The new claim's label and claimant come next.
    assert!(matches!(app.modal, Some(Modal::Form(_))));
    let id = c.id.clone();
    press(&mut app, &mut store, "C-u");
    type_text(&mut app, &mut store, "ambassador's assertion\t");
    press(&mut app, &mut store, "C-u");
    type_text(&mut app, &mut store, "headline");
    press(&mut app, &mut store, "C-s");
    let c = store.claim(&id).unwrap();
    assert_eq!(
        (c.label.as_str(), c.claimant.as_str()),
        ("ambassador's assertion", "headline")
    );
}

#[test]
fn edit_note_sign_off_filter_and_validation() {
    let (mut store, mut app) = opened(120, 40);
    let id = app.selected_claim_id().unwrap();
    press(&mut app, &mut store, "e C-u");
    type_text(&mut app, &mut store, "consensus claim");
    press(&mut app, &mut store, "C-s");
    assert_eq!(store.claim(&id).unwrap().label, "consensus claim");
    press(&mut app, &mut store, "n");
    type_text(&mut app, &mut store, "ask the UN desk");
    press(&mut app, &mut store, "C-s");
    assert_eq!(
        store.notes_for_claim(&id).unwrap()[0].body,
        "ask the UN desk"
    );
    // A bad URL stays in the form with an inline error.
    press(&mut app, &mut store, "s");
    type_text(&mut app, &mut store, "javascript:alert(1)");
    press(&mut app, &mut store, "C-s");
    match &app.modal {
        Some(Modal::Form(f)) => assert!(f.fields[0].error.is_some()),
        other => panic!("{other:?}"),
    }
    press(&mut app, &mut store, "Esc");
    press(&mut app, &mut store, "v 1");
    press(&mut app, &mut store, "C-s");
    assert!(
        matches!(app.modal, Some(Modal::Verdict(_))),
        "an empty rationale is refused"
    );
    type_text(&mut app, &mut store, "confirmed");
    press(&mut app, &mut store, "C-s S");
    // Four eyes: dana cannot sign off her own verdict here; the status says where the
    // deliberate override is.
    let verdict = store.claim(&id).unwrap().verdict.unwrap();
    assert_eq!(verdict.signed_off_by, None);
    assert!(app.status.error, "{:?}", app.status);
    assert!(
        app.status
            .text
            .contains("this verdict is by dana; a sign-off needs a second reviewer")
            && app.status.text.contains("factdesk signoff")
            && app.status.text.contains("--own"),
        "{}",
        app.status.text
    );
    // A second reviewer signs it off.
    store.set_reviewer("ed");
    app.reviewer = "ed".into();
    press(&mut app, &mut store, "S");
    assert_eq!(
        store
            .claim(&id)
            .unwrap()
            .verdict
            .unwrap()
            .signed_off_by
            .as_deref(),
        Some("ed")
    );
    press(&mut app, &mut store, "a f f");
    let w = app.work.as_ref().unwrap();
    assert_eq!(w.visible.len(), 1, "filter: accepted");
}

#[test]
fn search_jumps_to_the_claim_and_help_opens() {
    let (mut store, mut app) = opened(120, 40);
    press(&mut app, &mut store, "?");
    assert!(matches!(app.modal, Some(Modal::Help { .. })));
    press(&mut app, &mut store, "Esc /");
    assert_eq!(app.screen, Screen::Search);
    type_text(&mut app, &mut store, "Doha");
    assert!(!app.search.hits.is_empty());
    let i = app
        .search
        .hits
        .iter()
        .position(|h| h.claim_id.is_some())
        .expect("a claim hit");
    for _ in 0..i {
        press(&mut app, &mut store, "Down");
    }
    let want = app.search.hits[i].claim_id.clone();
    press(&mut app, &mut store, "Enter");
    assert_eq!(app.screen, Screen::Workbench);
    assert_eq!(app.selected_claim_id(), want);
    press(&mut app, &mut store, "Esc");
    assert_eq!(app.screen, Screen::Picker);
    assert_eq!(app.picker.items.len(), 1);
    press(&mut app, &mut store, "Enter q");
    assert!(app.quit);
}

/// Reopened, search shows the last query selected: typing replaces it, Backspace edits
/// it, and its results are read again.
#[test]
fn reopened_search_replaces_the_last_query_when_typing() {
    let (mut store, mut app) = opened(120, 40);
    press(&mut app, &mut store, "/");
    type_text(&mut app, &mut store, "Doha");
    let found = app.search.hits.len();
    assert!(found > 0);
    press(&mut app, &mut store, "Esc /");
    assert!(app.search.replace);
    assert_eq!(
        app.search.hits.len(),
        found,
        "results read again on reopening"
    );
    type_text(&mut app, &mut store, "Taliban");
    assert_eq!(app.search.input.text(), "Taliban");
    press(&mut app, &mut store, "Esc /");
    press(&mut app, &mut store, "BS");
    assert_eq!(app.search.input.text(), "Taliba");
    assert!(!app.search.replace);
    // Esc goes back to where search was opened: here the article picker, though an
    // article was open before.
    press(&mut app, &mut store, "Esc Esc");
    assert_eq!(app.screen, Screen::Picker);
    press(&mut app, &mut store, "/ Esc");
    assert_eq!(app.screen, Screen::Picker);
}

/// A search hit on a claim deleted meanwhile opens its article and says so.
#[test]
fn a_search_hit_on_a_claim_deleted_since_says_so() {
    let (mut store, mut app) = opened(120, 40);
    press(&mut app, &mut store, "/");
    type_text(&mut app, &mut store, "Doha");
    let i = app
        .search
        .hits
        .iter()
        .position(|h| h.kind == "claim")
        .expect("a claim hit");
    let gone = app.search.hits[i].claim_id.clone().unwrap();
    store.delete_claim(&gone).unwrap();
    for _ in 0..i {
        press(&mut app, &mut store, "Down");
    }
    press(&mut app, &mut store, "Enter");
    assert_eq!(app.screen, Screen::Workbench);
    assert!(app.status.text.contains("no longer"), "{}", app.status.text);
}

/// An open search is read again when another process changes the database, and keeps
/// the selected hit.
#[test]
fn an_open_search_follows_changes_made_elsewhere() {
    let (mut store, mut app) = opened(120, 40);
    press(&mut app, &mut store, "/");
    type_text(&mut app, &mut store, "Doha");
    let before = app.search.hits.len();
    press(&mut app, &mut store, "Down");
    let selected = app.search.hits[1].entity_id.clone();
    let article = app.work.as_ref().unwrap().article.id.clone();
    store
        .add_note(&article, None, "The Doha text is on the UN site.")
        .unwrap();
    app.dispatch(&mut store, factdesk::tui::action::Action::Refresh);
    assert_eq!(app.search.hits.len(), before + 1);
    assert_eq!(app.search.hits[app.search.selected].entity_id, selected);
}

#[test]
fn keymap_routes_by_layer() {
    let (_, app) = opened(80, 24);
    assert_eq!(
        keymap::action_for(&app.layers(), &key("q")),
        Some(Action::Quit)
    );
    assert_eq!(
        keymap::action_for(&[Layer::Form, Layer::Text], &key("q")),
        Some(Action::Input(factdesk::tui::input::Edit::Insert('q')))
    );
    assert_eq!(
        keymap::action_for(&[Layer::Rating], &key("7")),
        Some(Action::PickRating(7))
    );
    assert_eq!(
        keymap::action_for(&[Layer::Form, Layer::Global], &key("C-c")),
        Some(Action::Quit)
    );
}

#[test]
fn refresh_keeps_the_selection_when_another_process_writes() {
    let (mut store, mut app) = opened(120, 40);
    press(&mut app, &mut store, "j j j");
    let id = app.selected_claim_id().unwrap();
    let first = app.work.as_ref().unwrap().claims[0].id.clone();
    store.delete_claim(&first).unwrap();
    app.dispatch(&mut store, Action::Refresh);
    assert_eq!(app.selected_claim_id(), Some(id));
    assert_eq!(app.work.as_ref().unwrap().claims.len(), 14);
}

#[test]
fn docs_keys_table_matches_the_keymap() {
    let table = keymap::markdown_table();
    for file in ["docs/keys.md", "README.md"] {
        let path = format!("{}/{file}", env!("CARGO_MANIFEST_DIR"));
        let doc = std::fs::read_to_string(&path).unwrap_or_default();
        if doc.contains(&table) {
            continue;
        }
        if std::env::var_os("UPDATE_KEYS_DOC").is_some() {
            let start = doc
                .find("<!-- keymap -->")
                .map(|i| i + "<!-- keymap -->".len());
            let end = doc.find("<!-- /keymap -->");
            if let (Some(s), Some(e)) = (start, end) {
                let new = format!("{}\n{table}{}", &doc[..s], &doc[e..]);
                std::fs::write(&path, new).unwrap();
                continue;
            }
        }
        panic!(
            "{file}'s keymap table is out of date; run UPDATE_KEYS_DOC=1 cargo test --test tui_update docs_keys"
        );
    }
}

/// Writes a seeded database for trying the workbench by hand:
/// `FACTDESK_SEED_DB=/tmp/x.sqlite cargo test --test tui_update seed_db -- --ignored`
#[test]
#[ignore]
fn seed_db_for_manual_runs() {
    let path = std::env::var("FACTDESK_SEED_DB").expect("FACTDESK_SEED_DB");
    let mut store = factdesk::store::Store::open(std::path::Path::new(&path), "dana").unwrap();
    tui_support::seed(&mut store);
}

#[test]
fn another_process_writing_changes_data_version() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("live.sqlite");
    let mut mine = factdesk::store::Store::open(&path, "dana").unwrap();
    let article = tui_support::seed(&mut mine);
    let mut app = factdesk::tui::start_app(
        &mut mine,
        Some(&article),
        ratatui::layout::Rect::new(0, 0, 120, 40),
    );
    press(&mut app, &mut mine, "j");
    let selected = app.selected_claim_id().unwrap();
    let before = mine.data_version().unwrap();
    let mut theirs = factdesk::store::Store::open(&path, "lee").unwrap();
    theirs
        .add_verdict(&selected, "false", "their check")
        .unwrap();
    assert_ne!(
        mine.data_version().unwrap(),
        before,
        "the poll sees the other writer"
    );
    app.dispatch(&mut mine, Action::Refresh);
    assert_eq!(app.selected_claim_id(), Some(selected));
    let d = app.work.as_ref().unwrap().detail.as_ref().unwrap();
    assert_eq!(d.verdicts[0].reviewer, "lee");
    // Saving an edit that changes nothing writes nothing.
    press(&mut app, &mut mine, "e C-s");
    assert_eq!(app.status.text, "nothing changed");
}

#[test]
fn code_point_and_byte_offsets_agree_through_wrapping() {
    for width in [20, 80, 200] {
        let (_, app) = opened(width, 30);
        let w = app.work.as_ref().unwrap();
        for cp in (0..=w.char_count).step_by(3) {
            let byte = w.byte_of(cp);
            assert_eq!(
                Some(byte),
                factdesk::text::byte_offset(&w.article.body, cp),
                "cp {cp} at width {width}"
            );
            assert_eq!(w.cp_of(byte), cp);
        }
    }
}

#[test]
fn re_mark_a_claims_span_by_keyboard() {
    let (mut store, mut app) = opened(120, 40);
    let id = app.selected_claim_id().unwrap();
    // "there is a regional consensus … drugs": drop "there", add the full stop.
    press(&mut app, &mut store, "M ] s Enter");
    let c = store.claim(&id).unwrap();
    assert_eq!(
        c.quote,
        "is a regional consensus on interactions with the Taliban regarding counterterrorism and drugs."
    );
    assert!(
        app.status.text.contains("claim updated"),
        "{:?}",
        app.status
    );
    press(&mut app, &mut store, "M [ [ Esc");
    assert_eq!(
        store.claim(&id).unwrap().quote,
        c.quote,
        "Esc leaves the span alone"
    );
}

#[test]
fn the_picker_reads_one_page_at_a_time() {
    let mut store = factdesk::store::Store::open_in_memory("dana").unwrap();
    for i in 0..45 {
        let doc = factdesk::model::NewArticle {
            title: format!("article {i}"),
            body: format!("Body of article {i}."),
            ..Default::default()
        };
        store.import_article(&doc, &[]).unwrap();
    }
    let mut app =
        factdesk::tui::start_app(&mut store, None, ratatui::layout::Rect::new(0, 0, 80, 24));
    let page = app.picker_page() as usize;
    assert_eq!(app.picker.total, 45);
    assert_eq!(app.picker.items.len(), page);
    press(&mut app, &mut store, "G");
    assert_eq!(app.picker.selected, 44);
    assert!(app.picker.offset > 0 && app.picker.items.len() <= page);
    let shown = (app.picker.selected - app.picker.offset) as usize;
    assert_eq!(
        app.picker.items[shown].title, "article 0",
        "newest first, so the last is the oldest"
    );
    press(&mut app, &mut store, "g Enter");
    assert_eq!(app.work.as_ref().unwrap().article.title, "article 44");
}

#[test]
fn the_store_refuses_an_own_sign_off_the_workbench_did_not_see() {
    // Another desk wrote the newest verdict as "dana" after the workbench loaded the
    // claim: the store's refusal reaches the status line as one line.
    let (mut store, mut app) = opened(120, 40);
    let id = app.selected_claim_id().unwrap();
    store.set_reviewer("lee");
    store.add_verdict(&id, "true", "From the record").unwrap();
    store.set_reviewer("dana");
    store.add_verdict(&id, "false", "Second look").unwrap();
    store.set_reviewer("lee");
    // The workbench still shows lee's verdict; dana presses S.
    if let Some(w) = app.work.as_mut() {
        for c in &mut w.claims {
            if c.id == id {
                c.verdict = store.verdicts(&id).unwrap().into_iter().next();
            }
        }
    }
    store.set_reviewer("dana");
    press(&mut app, &mut store, "S");
    assert!(app.status.error);
    assert!(
        app.status.text.contains("this verdict is by dana") && !app.status.text.contains('\n'),
        "{}",
        app.status.text
    );
    assert_eq!(
        store.claim(&id).unwrap().verdict.unwrap().signed_off_by,
        None
    );
}

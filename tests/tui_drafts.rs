//! Unsaved form text comes back: a form left with Esc, or a workbench quit with Ctrl-C
//! over a form, reopens with its text; saving or a second Esc lets it go; a garbled
//! drafts file is ignored.

mod tui_support;

use factdesk::store::Store;
use factdesk::tui::app::{App, Modal};
use factdesk::tui::draft::drafts_path;
use factdesk::tui::forms::FieldValue;
use ratatui::layout::Rect;
use tui_support::{opened, press, seed, type_text};

/// A database file in `dir` with the example article, and a workbench opened on it.
fn on_disk(dir: &std::path::Path) -> (Store, App, String) {
    let mut store = Store::open(&dir.join("desk.sqlite"), "dana").unwrap();
    let article = seed(&mut store);
    let app = start(&mut store, &article);
    (store, app, article)
}

/// A colleague's label edit, from another connection to the same file.
fn relabel(colleague: &mut Store, claim: &str, label: &str) {
    let edit = factdesk::model::ClaimEdit {
        label: Some(label.into()),
        ..Default::default()
    };
    colleague.edit_claim(claim, &edit).unwrap();
}

fn start(store: &mut Store, article: &str) -> App {
    factdesk::tui::start_app(store, Some(article), Rect::new(0, 0, 120, 40))
}

fn source_url(app: &App) -> String {
    match &app.modal {
        Some(Modal::Form(f)) => match &f.fields[0].value {
            FieldValue::Text(t) => t.text(),
            other => panic!("{other:?}"),
        },
        other => panic!("no source form: {other:?}"),
    }
}

#[test]
fn esc_keeps_a_draft_and_esc_again_discards_it() {
    let (mut store, mut app) = opened(120, 40);
    press(&mut app, &mut store, "s");
    type_text(&mut app, &mut store, "https://un.org/r");
    press(&mut app, &mut store, "Esc");
    assert!(app.modal.is_none());
    assert!(
        app.status.text.contains("kept as a draft"),
        "{:?}",
        app.status
    );
    // Another claim's source form is its own: empty.
    press(&mut app, &mut store, "j s");
    assert_eq!(source_url(&app), "");
    press(&mut app, &mut store, "Esc k s");
    assert_eq!(source_url(&app), "https://un.org/r");
    assert!(app.status.text.contains("restored your unsaved draft"));
    // Esc, then Esc again: discarded, and the reviewer stays on the workbench.
    press(&mut app, &mut store, "Esc Esc");
    assert!(
        app.status.text.contains("draft discarded"),
        "{:?}",
        app.status
    );
    assert_eq!(app.screen, factdesk::tui::app::Screen::Workbench);
    press(&mut app, &mut store, "s");
    assert_eq!(source_url(&app), "");
}

#[test]
fn a_verdict_left_by_ctrl_c_comes_back_on_the_next_start_and_saving_clears_it() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, mut app, article) = on_disk(dir.path());
    let claim = app.selected_claim_id().unwrap();
    press(&mut app, &mut store, "v 2");
    type_text(&mut app, &mut store, "half a rationale\nsecond line");
    press(&mut app, &mut store, "C-c C-c");
    assert!(app.quit);
    let path = drafts_path(&dir.path().join("desk.sqlite"));
    let kept = std::fs::read_to_string(&path).unwrap();
    assert!(
        kept.contains("unsaved by dana") && kept.contains("  second line"),
        "{kept}"
    );
    drop(app);

    // Next start: the same form on the same claim opens with the text.
    let mut app = start(&mut store, &article);
    assert_eq!(app.drafts.len(), 1);
    assert_eq!(app.selected_claim_id().as_deref(), Some(claim.as_str()));
    press(&mut app, &mut store, "v");
    match &app.modal {
        Some(Modal::Verdict(v)) => {
            assert_eq!(v.rating, Some(1), "the rating comes back too");
            assert_eq!(v.rationale.text(), "half a rationale\nsecond line");
        }
        other => panic!("{other:?}"),
    }
    assert!(app.status.text.contains("restored your unsaved draft"));
    press(&mut app, &mut store, "C-s");
    assert!(app.modal.is_none(), "{:?}", app.status);
    let verdict = store.claim(&claim).unwrap().verdict.unwrap();
    assert_eq!(verdict.rationale, "half a rationale\nsecond line");
    assert!(!path.exists(), "the saved draft is gone from the file");
    press(&mut app, &mut store, "v");
    match &app.modal {
        Some(Modal::Verdict(v)) => assert!(v.rationale.is_blank()),
        other => panic!("{other:?}"),
    }
}

#[test]
fn garbled_foreign_and_orphaned_drafts_are_ignored() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, app, article) = on_disk(dir.path());
    let claim = app.selected_claim_id().unwrap();
    drop(app);
    let path = drafts_path(&dir.path().join("desk.sqlite"));
    let draft = |reviewer: &str, target: &str| {
        format!(
            "--- t unsaved by {reviewer} ---\nrestore: {{\"form\":\"verdict\",\"target\":\"{target}\",\"reviewer\":\"{reviewer}\",\"fields\":[[\"rationale\",\"x\\u001b[31m\\u202ey\"]]}}\n"
        )
    };
    let mut bytes =
        b"\x00\xff\xfe\nrestore: {\"form\":\nrestore: null\n--- --- unsaved by ---\n".to_vec();
    bytes.extend_from_slice(draft("lee", &claim).as_bytes());
    bytes.extend_from_slice(draft("dana", "01900000-0000-7000-8000-000000000000").as_bytes());
    std::fs::write(&path, &bytes).unwrap();
    let mut app = start(&mut store, &article);
    assert!(app.drafts.is_empty(), "{:?}", app.drafts);
    press(&mut app, &mut store, "v 1");
    type_text(&mut app, &mut store, "z");
    match &app.modal {
        Some(Modal::Verdict(v)) => assert_eq!(v.rationale.text(), "z"),
        other => panic!("{other:?}"),
    }

    // dana's own draft for this claim is restored, with its controls taken out.
    std::fs::write(&path, draft("dana", &claim)).unwrap();
    let mut app = start(&mut store, &article);
    press(&mut app, &mut store, "v");
    match &app.modal {
        Some(Modal::Verdict(v)) => assert_eq!(v.rationale.text(), "x[31my"),
        other => panic!("{other:?}"),
    }
}

/// Two workbenches on one file: a colleague changes a claim's claimant while this
/// reviewer has its edit form open (or keeps a draft of it). Saving the label edit
/// writes the label only; the colleague's claimant stays.
#[test]
fn an_edit_saves_only_what_was_changed_and_its_draft_too() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, mut app, article) = on_disk(dir.path());
    let claim = app.selected_claim_id().unwrap();
    let mut colleague = Store::open(&dir.path().join("desk.sqlite"), "omid").unwrap();
    let edit = |label: Option<&str>, claimant: Option<&str>| factdesk::model::ClaimEdit {
        label: label.map(String::from),
        claimant: claimant.map(String::from),
        ..Default::default()
    };

    // An open form: the colleague's change lands while the reviewer types.
    press(&mut app, &mut store, "e C-u");
    type_text(&mut app, &mut store, "regional consensus claimed");
    colleague
        .edit_claim(&claim, &edit(None, Some("Iran's envoy")))
        .unwrap();
    press(&mut app, &mut store, "C-s");
    let saved = store.claim(&claim).unwrap();
    assert_eq!(saved.label, "regional consensus claimed");
    assert_eq!(saved.claimant, "Iran's envoy", "{:?}", app.status);

    // A draft kept with Esc and restored after the colleague's next change.
    press(&mut app, &mut store, "e C-u");
    type_text(&mut app, &mut store, "consensus on the Taliban");
    press(&mut app, &mut store, "Esc");
    colleague
        .edit_claim(&claim, &edit(None, Some("Hassan Kazemi Qomi")))
        .unwrap();
    drop(app);
    let mut app = start(&mut store, &article);
    press(&mut app, &mut store, "e");
    assert!(app.status.text.contains("restored your unsaved draft"));
    press(&mut app, &mut store, "C-s");
    let saved = store.claim(&claim).unwrap();
    assert_eq!(saved.label, "consensus on the Taliban");
    assert_eq!(saved.claimant, "Hassan Kazemi Qomi");
}

/// Two workbenches edit the same field: the second save does not silently overwrite
/// the first. It says who changed what; a second Ctrl-S saves over it deliberately,
/// and only what the reviewer typed: the fields they left alone keep the colleague's
/// values. (Seen: the second Ctrl-S wrote the form's old claimant and kind back.)
#[test]
fn saving_over_a_colleagues_edit_of_the_same_field_asks_first() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, mut app, _article) = on_disk(dir.path());
    let claim = app.selected_claim_id().unwrap();
    let mut colleague = Store::open(&dir.path().join("desk.sqlite"), "omid").unwrap();
    press(&mut app, &mut store, "e C-u");
    type_text(&mut app, &mut store, "Dana's label");
    colleague
        .edit_claim(
            &claim,
            &factdesk::model::ClaimEdit {
                label: Some("Omid's label".into()),
                claimant: Some("Omid's claimant".into()),
                kind: Some("statistic".into()),
                span: None,
            },
        )
        .unwrap();
    press(&mut app, &mut store, "C-s");
    assert!(
        app.status.text.contains(
            "not saved: omid changed this claim while your form was open (now label “Omid's label”)"
        ),
        "{:?}",
        app.status
    );
    assert!(matches!(app.modal, Some(Modal::Form(_))), "the form closed");
    assert_eq!(store.claim(&claim).unwrap().label, "Omid's label");
    press(&mut app, &mut store, "C-s");
    assert!(app.modal.is_none(), "{:?}", app.status);
    let saved = store.claim(&claim).unwrap();
    assert_eq!(saved.label, "Dana's label");
    assert_eq!(
        (saved.claimant.as_str(), saved.kind.as_str()),
        ("Omid's claimant", "statistic")
    );
}

/// A draft kept with Esc remembers the values its changes started from: a colleague's
/// change to the same field made since stops the save too.
#[test]
fn a_restored_draft_notices_a_colleagues_change_to_the_same_field() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, mut app, article) = on_disk(dir.path());
    let claim = app.selected_claim_id().unwrap();
    let mut colleague = Store::open(&dir.path().join("desk.sqlite"), "omid").unwrap();
    press(&mut app, &mut store, "e C-u");
    type_text(&mut app, &mut store, "Dana's draft label");
    press(&mut app, &mut store, "Esc");
    relabel(&mut colleague, &claim, "Omid's label");
    drop(app);
    let mut app = start(&mut store, &article);
    press(&mut app, &mut store, "e");
    assert!(app.status.text.contains("restored your unsaved draft"));
    press(&mut app, &mut store, "C-s");
    assert!(
        app.status
            .text
            .contains("not saved: omid changed this claim"),
        "{:?}",
        app.status
    );
    assert_eq!(store.claim(&claim).unwrap().label, "Omid's label");
    press(&mut app, &mut store, "C-s");
    assert_eq!(store.claim(&claim).unwrap().label, "Dana's draft label");
}

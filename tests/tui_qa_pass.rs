//! Regressions from an exploratory pass over the real binary in tmux, as a demanding
//! fact-checker would use it: each test is one thing that was seen on screen and fixed.

mod tui_support;

use tui_support::{opened, press, screen, type_text};

#[test]
fn a_long_url_scrolls_in_its_field_and_the_cursor_stays_visible() {
    // Seen: a 140-character URL was cut at the pop-up's edge, the cursor vanished and
    // the end of what was typed could not be seen or checked.
    let (mut store, mut app) = opened(120, 40);
    press(&mut app, &mut store, "s");
    let url = "https://www.example.org/2023/06/20/world/asia/iran-ambassador-taliban-regional-consensus-counterterrorism.html?utm_source=x";
    type_text(&mut app, &mut store, url);
    let text = screen(&mut app, 120, 40);
    let line = text
        .lines()
        .find(|l| l.contains("URL "))
        .expect("the URL field");
    assert!(
        line.contains("…") && line.contains("utm_source=x"),
        "{line}"
    );
    let terminal = tui_support::draw(&mut app, tui_support::COLOUR, 120, 40);
    let cursor = terminal.backend().cursor_position();
    let buf = terminal.backend().buffer();
    // The cursor sits just after the last character typed, inside the pop-up.
    let before = buf[(cursor.x - 1, cursor.y)].symbol();
    assert_eq!(before, "x", "cursor at {cursor:?} in {line}");
}

#[test]
fn a_long_rationale_wraps_inside_the_verdict_form() {
    // Seen: a rationale typed as one long sentence ran off the pop-up's right edge.
    let (mut store, mut app) = opened(120, 40);
    press(&mut app, &mut store, "v 3");
    let rationale = "This is a long rationale line that a fact-checker types without pressing Enter, because sentences are long and paragraphs longer still.";
    type_text(&mut app, &mut store, rationale);
    let text = screen(&mut app, 120, 40);
    assert!(text.contains("paragraphs longer still."), "{text}");
    assert!(text.contains(" This is a long rationale line"), "{text}");
}

#[test]
fn a_long_status_message_is_shown_whole_not_cut_mid_word() {
    // Seen at 120 columns: "✗ f0c29fbf: this verdict is by dana; a sign-off needs a
    // second reviewer (use --own to sign off your own verdict); the w" and nothing
    // more: where the override lives was cut off. At 80 columns even the quit
    // question lost its end ("Ctrl-C again q").
    let (mut store, mut app) = opened(80, 24);
    press(&mut app, &mut store, "v 1");
    type_text(&mut app, &mut store, "confirmed");
    press(&mut app, &mut store, "C-s S");
    assert!(app.status.error);
    let said = bottom_two_rows(&screen(&mut app, 80, 24));
    assert!(
        said.contains("a sign-off needs a second reviewer") && said.contains("--own"),
        "{said}"
    );
    // The quit question, too.
    press(&mut app, &mut store, "n");
    type_text(&mut app, &mut store, "half a note");
    press(&mut app, &mut store, "C-c");
    let said = bottom_two_rows(&screen(&mut app, 80, 24));
    assert!(
        said.ends_with("Ctrl-C again quits (keeping it as a draft)"),
        "{said}"
    );
}

/// The screen's last two rows as one line of words.
fn bottom_two_rows(screen: &str) -> String {
    let rows: Vec<&str> = screen.lines().collect();
    rows[rows.len().saturating_sub(2)..]
        .iter()
        .flat_map(|r| r.split_whitespace())
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn line_and_paragraph_separators_never_reach_the_terminal() {
    // Seen in tmux: an article holding U+2028 and U+2029 drew "nextline  sep" and
    // "andpara.  The": the terminal gave them no cell, so the rest of the row slid
    // one column left of where the workbench had put it.
    use factdesk::model::NewArticle;
    use factdesk::store::{ImportOutcome, Store};
    let mut store = Store::open_in_memory("dana").unwrap();
    let doc = NewArticle {
        title: "Separators\u{2028}in the title".into(),
        body: "C1 next\u{2028}line sep and\u{2029}para. The UN reported 1,200 deaths.".into(),
        ..NewArticle::default()
    };
    let id = match store.import_article(&doc, &[]).unwrap() {
        ImportOutcome::Imported { id, .. } | ImportOutcome::Duplicate { id, .. } => id,
    };
    let mut app = factdesk::tui::start_app(
        &mut store,
        Some(&id),
        ratatui::layout::Rect::new(0, 0, 120, 30),
    );
    let terminal = tui_support::draw(&mut app, tui_support::COLOUR, 120, 30);
    for cell in terminal.backend().buffer().content() {
        assert!(
            !cell.symbol().contains(['\u{2028}', '\u{2029}']),
            "{:?}",
            cell.symbol()
        );
    }
    assert_eq!(
        factdesk::text::sanitize_line("a\u{2028}b\u{2029}c"),
        "a\u{fffd}b\u{fffd}c"
    );
}

#[test]
fn the_footer_keys_come_back_with_the_next_key() {
    // A message on two rows hides the footer's keys only until the next key; then it
    // is cut to one row with "…".
    let (mut store, mut app) = opened(80, 24);
    press(&mut app, &mut store, "v 1");
    type_text(&mut app, &mut store, "confirmed");
    press(&mut app, &mut store, "C-s S");
    assert!(!screen(&mut app, 80, 24).contains("j/k move"));
    press(&mut app, &mut store, "j");
    let text = screen(&mut app, 80, 24);
    let rows: Vec<&str> = text.lines().collect();
    assert!(rows[22].contains("j/k move"), "{}", rows[22]);
    assert!(
        rows[23].contains("a sign-off needs") && rows[23].ends_with('…'),
        "{}",
        rows[23]
    );
}

#[test]
fn undo_in_the_workbench_stops_before_the_article_s_own_import() {
    // Seen: a verdict, then `u u`: the second u undid the (first-run) import, the
    // article and its claims were gone, and the workbench went on showing its title
    // over an empty claim list where m still started marking.
    let (mut store, mut app) = opened(120, 40);
    press(&mut app, &mut store, "v 1");
    type_text(&mut app, &mut store, "confirmed");
    press(&mut app, &mut store, "C-s u");
    assert!(app.status.text.starts_with("undone"), "{:?}", app.status);
    press(&mut app, &mut store, "u");
    assert!(app.status.error, "{:?}", app.status);
    assert!(
        app.status.text.contains("factdesk undo"),
        "{:?}",
        app.status
    );
    assert_eq!(store.article_count().unwrap(), 1);
    assert!(!app.work.as_ref().unwrap().claims.is_empty());
}

#[test]
fn a_claim_splits_where_the_article_cursor_is_and_undo_joins_it_again() {
    // Seen: the README says claims are split from the keyboard, but the workbench had
    // no key for it (only `factdesk claim split --at OFFSET`).
    let (mut store, mut app) = opened(120, 40);
    let first = app.selected_claim().unwrap().clone();
    // From the claim list there is no cursor in the claim yet: the status says how.
    press(&mut app, &mut store, "|");
    assert!(
        app.status.error && app.status.text.contains("article"),
        "{:?}",
        app.status
    );
    // Into the article, onto the claim's text, a few words in.
    press(&mut app, &mut store, "S-Tab");
    let body = app.work.as_ref().unwrap().article.body.clone();
    while app.work.as_ref().unwrap().cursor < first.start as usize + 20 {
        press(&mut app, &mut store, "w");
    }
    let at = app.work.as_ref().unwrap().cursor as i64;
    press(&mut app, &mut store, "|");
    assert!(!app.status.error, "{:?}", app.status);
    let claims = store
        .claims(Some(&first.article_id), &Default::default())
        .unwrap();
    let head = claims.iter().find(|c| c.id == first.id).unwrap();
    let tail = claims.iter().find(|c| c.start == at).unwrap();
    assert_eq!(tail.end, first.end);
    let chars: Vec<char> = body.chars().collect();
    let quote: String = chars[at as usize..first.end as usize].iter().collect();
    assert_eq!(tail.quote, quote);
    // The first part ends at its last word, not on the space before the cut (seen:
    // “The UN Security Council ”).
    let before: String = chars[first.start as usize..at as usize].iter().collect();
    assert_eq!(head.quote, before.trim_end());
    assert_eq!(
        head.end,
        first.start + before.trim_end().chars().count() as i64
    );
    // One u joins them again, exactly.
    press(&mut app, &mut store, "u");
    let again = store.claim(&first.id).unwrap();
    assert_eq!(
        (again.start, again.end, again.quote),
        (first.start, first.end, first.quote)
    );
    assert!(store.claim(&tail.id).is_err());
}

#[test]
fn saving_onto_a_claim_deleted_elsewhere_says_so() {
    // Seen: lee deleted claim 2 while dana wrote its verdict; Ctrl-S said "no claim
    // matches '01a22ae0-f301-7726-849c-3e9b30ae7045'".
    let (mut store, mut app) = opened(120, 40);
    let id = app.selected_claim().unwrap().id.clone();
    press(&mut app, &mut store, "v 2");
    type_text(&mut app, &mut store, "about to vanish");
    store.delete_claim(&id).unwrap();
    press(&mut app, &mut store, "C-s");
    assert!(app.status.error, "{:?}", app.status);
    assert!(
        app.status.text.contains("deleted") && !app.status.text.contains(&id),
        "{}",
        app.status.text
    );
    assert!(app.has_unsaved_text(), "the text is still in the form");
}

#[test]
fn a_url_without_its_scheme_says_what_to_add() {
    // Seen: "'www.un.org/report' is not a URL: relative URL without a base".
    let (mut store, mut app) = opened(120, 40);
    press(&mut app, &mut store, "s");
    type_text(&mut app, &mut store, "www.un.org/report\t");
    let Some(factdesk::tui::app::Modal::Form(form)) = &app.modal else {
        panic!("{:?}", app.modal)
    };
    let error = form.fields[0].error.clone().unwrap_or_default();
    assert!(error.contains("https://www.un.org/report"), "{error}");
    assert!(!error.contains("base"), "{error}");
}

#[test]
fn one_search_result_is_one_result() {
    // Seen: "┌ 1 results ──".
    let (mut store, mut app) = opened(120, 40);
    let article = app.work.as_ref().unwrap().article.id.clone();
    store
        .add_note(&article, None, "Ask the desk about zebrafish")
        .unwrap();
    press(&mut app, &mut store, "/");
    type_text(&mut app, &mut store, "zebrafish");
    assert_eq!(app.search.hits.len(), 1);
    let text = screen(&mut app, 120, 40);
    assert!(text.contains(" 1 result "), "{text}");
    assert!(!text.contains(" 1 results"), "{text}");
}

#[test]
fn saving_your_form_leaves_a_colleague_s_draft_of_the_same_form_alone() {
    // Two workbenches on one database share its drafts file. lee kept a verdict draft
    // on claim 1; dana then wrote and saved her own verdict on claim 1: lee's draft
    // was deleted from the file with hers, as both were "verdict on claim 1".
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("desk.sqlite");
    let mut dana_store = factdesk::store::Store::open(&db, "dana").unwrap();
    let article = tui_support::seed(&mut dana_store);
    let rect = ratatui::layout::Rect::new(0, 0, 120, 40);
    let mut lee_store = factdesk::store::Store::open(&db, "lee").unwrap();
    let mut lee = factdesk::tui::start_app(&mut lee_store, Some(&article), rect);
    let mut dana = factdesk::tui::start_app(&mut dana_store, Some(&article), rect);
    press(&mut lee, &mut lee_store, "v 4");
    type_text(&mut lee, &mut lee_store, "lee's half-written rationale");
    press(&mut lee, &mut lee_store, "Esc");
    // dana keeps a draft of the same form, then saves it.
    press(&mut dana, &mut dana_store, "v 2");
    type_text(&mut dana, &mut dana_store, "dana's rationale");
    press(&mut dana, &mut dana_store, "Esc v C-s");
    assert!(!dana.status.error, "{:?}", dana.status);
    let path = factdesk::tui::draft::drafts_path(&db);
    let left = factdesk::tui::draft::load(&path);
    assert_eq!(left.len(), 1, "{left:?}");
    assert_eq!(left[0].reviewer, "lee");
    assert_eq!(left[0].fields[0].1, "lee's half-written rationale");
}

#[test]
fn reusing_a_source_by_its_url_says_what_was_kept_and_what_changed() {
    // Seen: the same URL typed with another title said only "linked existing source";
    // the title typed was dropped unsaid. Typed again on the same claim with another
    // stance, the link's stance changed, and the status did not say so.
    let (mut store, mut app) = opened(120, 40);
    press(&mut app, &mut store, "s");
    type_text(
        &mut app,
        &mut store,
        "https://www.un.org/report\tUN report\t\t\t\tthe quoted line",
    );
    press(&mut app, &mut store, "C-s j s");
    type_text(
        &mut app,
        &mut store,
        "https://www.un.org/report\tDifferent title",
    );
    press(&mut app, &mut store, "C-s");
    let said = &app.status.text;
    assert!(
        said.contains("\"UN report\"") && said.contains("Different title"),
        "{said}"
    );
    press(&mut app, &mut store, "k s");
    type_text(&mut app, &mut store, "https://www.un.org/report\t\t\t\tr");
    press(&mut app, &mut store, "C-s");
    // (The stance field starts on context, as on the command line.)
    let said = &app.status.text;
    assert!(said.contains("now refutes (was context)"), "{said}");
    // The excerpt pasted the first time is kept when none is typed again (was: wiped).
    let claim = app.selected_claim().unwrap().id.clone();
    let links = store.links_for_claim(&claim).unwrap();
    assert_eq!(links.len(), 1);
    assert_eq!(links[0].excerpt.as_deref(), Some("the quoted line"));
}

#[test]
fn a_valid_rating_clears_the_error_of_an_invalid_one() {
    // Seen: `v 9 2` left "there is no rating 9" under the form after rating 2 was picked.
    let (mut store, mut app) = opened(120, 40);
    press(&mut app, &mut store, "v 9");
    assert!(screen(&mut app, 120, 40).contains("there is no rating 9"));
    press(&mut app, &mut store, "2");
    assert!(!screen(&mut app, 120, 40).contains("there is no rating 9"));
}

#[test]
fn a_stance_left_alone_is_context_as_on_the_command_line() {
    // Seen: the form started on "supports": a reviewer who skipped the field recorded
    // support they never chose (the command line's default is context).
    let (mut store, mut app) = opened(120, 40);
    press(&mut app, &mut store, "s");
    type_text(&mut app, &mut store, "https://www.un.org/report\tUN report");
    press(&mut app, &mut store, "C-s");
    let claim = app.selected_claim().unwrap().id.clone();
    let links = store.links_for_claim(&claim).unwrap();
    assert_eq!(links[0].stance, factdesk::model::Stance::Context);
}

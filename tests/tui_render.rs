//! Every screen drawn into a `TestBackend`: insta snapshots at 80x24 and 160x48, no
//! panic at tiny sizes, NO_COLOR uses no colours, and hostile text never reaches a cell.

mod tui_support;

use factdesk::model::{ClaimStatus, NewArticle, NewClaim};
use factdesk::store::{ImportOutcome, Store};
use factdesk::tui::app::App;
use factdesk::tui::view::Theme;
use ratatui::layout::Rect;
use ratatui::style::Color;
use tui_support::{COLOUR, draw, opened, press, screen, type_text};

/// The app at each interesting state, by name.
fn states() -> Vec<(&'static str, Store, App)> {
    let mut out = Vec::new();
    let (store, app) = opened(80, 24);
    out.push(("workbench", store, app));
    let (mut store, mut app) = opened(80, 24);
    press(&mut app, &mut store, "Esc");
    out.push(("picker", store, app));
    let (mut store, mut app) = opened(80, 24);
    press(&mut app, &mut store, "a s");
    type_text(
        &mut app,
        &mut store,
        "https://www.un.org/report\tUN monitoring team",
    );
    press(&mut app, &mut store, "C-s v 3");
    type_text(
        &mut app,
        &mut store,
        "Only some neighbours say so;\nthe UN reports otherwise.",
    );
    press(&mut app, &mut store, "C-s n");
    type_text(&mut app, &mut store, "ask the UN desk");
    press(&mut app, &mut store, "C-s");
    out.push(("after_verdict", store, app));
    let (mut store, mut app) = opened(80, 24);
    press(&mut app, &mut store, "v");
    out.push(("verdict_rating", store, app));
    let (mut store, mut app) = opened(80, 24);
    press(&mut app, &mut store, "v 5");
    type_text(
        &mut app,
        &mut store,
        "The UN monitoring team\nsays otherwise.",
    );
    out.push(("verdict_rationale", store, app));
    let (mut store, mut app) = opened(80, 24);
    press(&mut app, &mut store, "s");
    type_text(&mut app, &mut store, "javascript:alert(1)");
    press(&mut app, &mut store, "C-s");
    out.push(("source_form_error", store, app));
    let (mut store, mut app) = opened(80, 24);
    press(&mut app, &mut store, "e");
    out.push(("edit_form", store, app));
    let (mut store, mut app) = opened(80, 24);
    press(&mut app, &mut store, "?");
    out.push(("help", store, app));
    let (mut store, mut app) = opened(80, 24);
    press(&mut app, &mut store, "/");
    type_text(&mut app, &mut store, "Doha");
    out.push(("search", store, app));
    let (mut store, mut app) = opened(80, 24);
    press(&mut app, &mut store, "d");
    out.push(("confirm_delete", store, app));
    let (mut store, mut app) = opened(80, 24);
    press(&mut app, &mut store, "S-Tab j j m w w w");
    out.push(("marking", store, app));
    out
}

#[test]
fn snapshots_at_80x24_and_160x48() {
    for (name, _store, mut app) in states() {
        insta::assert_snapshot!(format!("{name}_80x24"), screen(&mut app, 80, 24));
        insta::assert_snapshot!(format!("{name}_160x48"), screen(&mut app, 160, 48));
    }
}

#[test]
fn no_panic_at_any_size() {
    for (_, _store, mut app) in states() {
        for (w, h) in [
            (0, 0),
            (1, 1),
            (20, 5),
            (200, 1),
            (1, 200),
            (20, 6),
            (99, 30),
            (100, 30),
            (150, 40),
            (80, 24),
        ] {
            draw(&mut app, COLOUR, w, h);
            draw(&mut app, Theme { color: false }, w, h);
        }
    }
}

#[test]
fn no_color_means_no_colours() {
    for (name, _store, mut app) in states() {
        let terminal = draw(&mut app, Theme { color: false }, 160, 48);
        for cell in terminal.backend().buffer().content() {
            assert!(
                cell.fg == Color::Reset && cell.bg == Color::Reset,
                "{name}: {cell:?}"
            );
        }
    }
}

#[test]
fn hostile_text_never_reaches_the_terminal_raw() {
    let mut store = Store::open_in_memory("dana\u{1b}[31m").unwrap();
    let body = "Evil \u{1b}]52;c;aGk=\u{7} text\twith\u{202e}bidi\u{200b} and 日本語 e\u{301} 👩\u{200d}🔬 done.\nSecond \u{9b}31m line.";
    let doc = NewArticle {
        title: "Title\u{1b}[2J\u{202e}".into(),
        body: body.into(),
        ..NewArticle::default()
    };
    let claim = NewClaim {
        start: 5,
        end: 30,
        label: "label\u{1b}[1m".into(),
        claimant: "who\u{7}".into(),
        kind: "k".into(),
        score: None,
        reasons: vec!["r\u{1b}".into()],
        status: ClaimStatus::Suggested,
    };
    let id = match store.import_article(&doc, &[claim]).unwrap() {
        ImportOutcome::Imported { id, .. } | ImportOutcome::Duplicate { id, .. } => id,
    };
    let mut app = factdesk::tui::start_app(&mut store, Some(&id), Rect::new(0, 0, 120, 30));
    press(&mut app, &mut store, "S-Tab");
    for (w, h) in [(120, 30), (60, 20), (20, 5)] {
        let terminal = draw(&mut app, COLOUR, w, h);
        for cell in terminal.backend().buffer().content() {
            assert!(
                !cell
                    .symbol()
                    .chars()
                    .any(|c| factdesk::text::is_unsafe_char(c) && c != '\u{200d}'),
                "{:?}",
                cell.symbol()
            );
        }
    }
    let text = screen(&mut app, 120, 30);
    assert!(text.contains("日本語"), "{text}");
    assert!(text.contains("\u{fffd}"), "{text}");
}

#[test]
fn hidden_controls_in_a_quote_are_explained_in_the_warning_style() {
    let mut store = Store::open_in_memory("dana").unwrap();
    let body = "The minister said \u{202e}sdrawkcab\u{202c} on Monday. Nothing hidden here.";
    let doc = NewArticle {
        title: "Trojan quote".into(),
        body: body.into(),
        ..NewArticle::default()
    };
    let claim = |start, end| NewClaim::at(start, end, ClaimStatus::Accepted);
    let id = match store
        .import_article(&doc, &[claim(0, 39), claim(40, 60)])
        .unwrap()
    {
        ImportOutcome::Imported { id, .. } | ImportOutcome::Duplicate { id, .. } => id,
    };
    let mut app = factdesk::tui::start_app(&mut store, Some(&id), Rect::new(0, 0, 160, 48));
    let text = screen(&mut app, 160, 48);
    assert!(text.contains("\u{fffd}sdrawkcab\u{fffd}"), "{text}");
    // Once, under the quote (the label drawn from it is not warned about twice),
    // wrapped to the pane.
    assert_eq!(
        text.matches("⚠ hidden control characters in this text")
            .count(),
        1,
        "{text}"
    );
    assert!(text.contains("(shown as �): check the original"), "{text}");
    // Drawn in the warning style (yellow, bold).
    let terminal = draw(&mut app, COLOUR, 160, 48);
    let buf = terminal.backend().buffer();
    let mark = buf
        .content()
        .iter()
        .find(|c| c.symbol() == "⚠")
        .expect("the warning sign is drawn");
    assert_eq!(mark.fg, Color::Yellow);
    // A claim without hidden controls has no warning.
    press(&mut app, &mut store, "j");
    let text = screen(&mut app, 160, 48);
    assert!(text.contains("Nothing hidden here"), "{text}");
    assert!(!text.contains("hidden control characters"), "{text}");
}

#[test]
fn wide_text_keeps_spans_on_their_cells() {
    // A claim after CJK and combining marks is highlighted exactly on its words.
    let mut store = Store::open_in_memory("dana").unwrap();
    let body = "日本語 e\u{301}e\u{301} then the claim here.";
    let start = body.chars().position(|c| c == 't').unwrap() as i64;
    let doc = NewArticle {
        title: "T".into(),
        body: body.into(),
        ..NewArticle::default()
    };
    let claim = NewClaim {
        start,
        end: start + 4,
        label: "then".into(),
        claimant: "a".into(),
        kind: "k".into(),
        score: None,
        reasons: vec![],
        status: ClaimStatus::Accepted,
    };
    let id = match store.import_article(&doc, &[claim]).unwrap() {
        ImportOutcome::Imported { id, .. } | ImportOutcome::Duplicate { id, .. } => id,
    };
    let mut app = factdesk::tui::start_app(&mut store, Some(&id), Rect::new(0, 0, 120, 30));
    let terminal = draw(&mut app, COLOUR, 120, 30);
    let buf = terminal.backend().buffer();
    // Article text starts inside the border at (1, 2); "日本語 " is 7 columns, "éé " 3.
    let y = 2;
    let highlighted: String = (1..40)
        .filter(|&x| buf[(x, y)].bg != Color::Reset)
        .map(|x| buf[(x, y)].symbol().to_string())
        .collect();
    assert_eq!(highlighted, "then");
}

#[test]
fn a_long_rationale_scrolls_to_the_cursor() {
    let (mut store, mut app) = opened(80, 24);
    press(&mut app, &mut store, "v 2");
    let text: Vec<String> = (1..=30).map(|i| format!("reason line {i}")).collect();
    type_text(&mut app, &mut store, &text.join("\n"));
    let shown = screen(&mut app, 80, 24);
    assert!(shown.contains("reason line 30"), "{shown}");
    let mut terminal = draw(&mut app, COLOUR, 80, 24);
    let pos = terminal.get_cursor_position().expect("cursor");
    assert!(pos.y < 24);
}

/// In a 20x5 terminal the search screen keeps the query and results visible (one row
/// each, without frames) instead of drawing empty borders.
#[test]
fn search_in_a_tiny_terminal_still_shows_the_query_and_results() {
    let (mut store, mut app) = opened(20, 5);
    press(&mut app, &mut store, "/");
    type_text(&mut app, &mut store, "Doha");
    let shown = screen(&mut app, 20, 5);
    let rows: Vec<&str> = shown.lines().collect();
    let query = rows
        .iter()
        .position(|r| r.starts_with("/ Doha"))
        .unwrap_or_else(|| panic!("no query row:\n{shown}"));
    assert!(rows[query + 1].contains('▸'), "{shown}");
}

#[test]
fn the_rating_picker_keeps_the_highlighted_rating_in_a_tiny_terminal() {
    let (mut store, mut app) = opened(20, 5);
    press(&mut app, &mut store, "v j j j j");
    let shown = screen(&mut app, 20, 5);
    assert!(shown.contains("▸5"), "{shown}");
}

/// A help line too long for a 40-column screen continues indented, not at column 0
/// where it reads as a line of its own.
#[test]
fn help_continues_long_descriptions_indented_on_a_narrow_screen() {
    let (mut store, mut app) = opened(40, 10);
    press(&mut app, &mut store, "?");
    let shown = screen(&mut app, 40, 10);
    let rows: Vec<&str> = shown.lines().collect();
    let next = rows
        .iter()
        .position(|r| r.contains("next claim"))
        .expect(&shown);
    let continued = rows[next + 1].trim_start_matches('│');
    assert!(continued.starts_with("   "), "{shown}");
}

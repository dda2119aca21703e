//! Shared by the workbench tests: a store holding the example article with the gold
//! claims stored as suggestions (the suggester is another issue's work).
#![allow(dead_code)]

use factdesk::model::{ClaimStatus, NewClaim};
use factdesk::store::{ImportOutcome, Store};
use factdesk::tui::app::App;
use factdesk::tui::keymap;
use factdesk::tui::view::{self, Theme};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;

/// The gold claims of the example article as suggestions with scores.
pub fn suggested_claims() -> Vec<NewClaim> {
    let json: serde_json::Value =
        serde_json::from_str(include_str!("../fixtures/example_claims.json"))
            .expect("fixture parses");
    json["claims"]
        .as_array()
        .expect("claims array")
        .iter()
        .enumerate()
        .map(|(i, c)| NewClaim {
            start: c["start"].as_i64().unwrap_or(0),
            end: c["end"].as_i64().unwrap_or(0),
            label: c["label"].as_str().unwrap_or("").to_string(),
            claimant: c["claimant"].as_str().unwrap_or("").to_string(),
            kind: c["kind"].as_str().unwrap_or("").to_string(),
            score: Some(0.9 - i as f64 * 0.03),
            reasons: vec!["attribution".into(), "named entity".into()],
            status: ClaimStatus::Suggested,
        })
        .collect()
}

/// Imports the example article with suggested claims; returns its id.
pub fn seed(store: &mut Store) -> String {
    let doc = factdesk::ingest::read_document(
        factdesk::workbench::EXAMPLE_ARTICLE.as_bytes(),
        "iran-taliban-consensus.txt",
    )
    .expect("example article reads");
    match store
        .import_article(&doc, &suggested_claims())
        .expect("import")
    {
        ImportOutcome::Imported { id, .. } | ImportOutcome::Duplicate { id, .. } => id,
    }
}

/// A store in memory with the example article, and an app opened on it at `w` x `h`.
pub fn opened(w: u16, h: u16) -> (Store, App) {
    let mut store = Store::open_in_memory("dana").expect("store");
    let id = seed(&mut store);
    let app = factdesk::tui::start_app(&mut store, Some(&id), Rect::new(0, 0, w, h));
    (store, app)
}

/// A key event from a short name: "a", "Tab", "Esc", "Enter", "C-s", "S-Tab", "Down".
pub fn key(name: &str) -> KeyEvent {
    let (mods, rest) = match name.strip_prefix("C-") {
        Some(r) => (KeyModifiers::CONTROL, r),
        None => (KeyModifiers::NONE, name),
    };
    let code = match rest {
        "Tab" => KeyCode::Tab,
        "S-Tab" => KeyCode::BackTab,
        "Esc" => KeyCode::Esc,
        "Enter" => KeyCode::Enter,
        "Down" => KeyCode::Down,
        "Up" => KeyCode::Up,
        "Left" => KeyCode::Left,
        "Right" => KeyCode::Right,
        "BS" => KeyCode::Backspace,
        s => KeyCode::Char(s.chars().next().expect("a key name")),
    };
    KeyEvent::new(code, mods)
}

/// Presses keys (names separated by spaces) through the real keymap and store.
pub fn press(app: &mut App, store: &mut Store, keys: &str) {
    for name in keys.split(' ').filter(|k| !k.is_empty()) {
        if let Some(action) = keymap::action_for(&app.layers(), &key(name)) {
            app.dispatch(store, action);
        }
    }
}

/// Types text into whatever field has the keys.
pub fn type_text(app: &mut App, store: &mut Store, text: &str) {
    for c in text.chars() {
        let ev = if c == '\t' {
            key("Tab")
        } else if c == '\n' {
            key("Enter")
        } else {
            KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
        };
        if let Some(action) = keymap::action_for(&app.layers(), &ev) {
            app.dispatch(store, action);
        }
    }
}

/// Colours on, as most terminals have them.
pub const COLOUR: Theme = Theme { color: true };

pub fn draw(app: &mut App, theme: Theme, w: u16, h: u16) -> Terminal<TestBackend> {
    app.resize(Rect::new(0, 0, w, h));
    let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("terminal");
    terminal
        .draw(|f| view::render(app, theme, f))
        .expect("draw");
    terminal
}

/// The screen as text, with dates and times (which change per run) blanked.
pub fn screen(app: &mut App, w: u16, h: u16) -> String {
    let terminal = draw(app, COLOUR, w, h);
    let buf = terminal.backend().buffer();
    let mut out = String::new();
    for y in 0..buf.area.height {
        let mut line = String::new();
        let mut skip = 0;
        for x in 0..buf.area.width {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let sym = buf[(x, y)].symbol();
            skip = unicode_width::UnicodeWidthStr::width(sym).saturating_sub(1);
            line.push_str(sym);
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    normalise_times(&out)
}

/// Replaces "2026-11-30" and "02:34" shapes with placeholders of the same width.
pub fn normalise_times(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let shape = |i: usize, pat: &str| {
        pat.chars().enumerate().all(|(k, p)| {
            chars
                .get(i + k)
                .is_some_and(|&c| if p == '9' { c.is_ascii_digit() } else { c == p })
        })
    };
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        if shape(i, "9999-99-99") {
            out.push_str("YYYY-MM-DD");
            i += 10;
        } else if shape(i, " 99:99") {
            out.push_str(" hh:mm");
            i += 6;
        } else {
            out.push(chars[i]);
            i += 1;
        }
    }
    out
}

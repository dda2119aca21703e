//! Drawing only: every function here reads `&App` and writes to the frame.

pub mod article;
pub mod claim_list;
pub mod detail;
pub mod field_text;
pub mod footer;
pub mod form;
pub mod help;
pub mod picker;
pub mod rows;
pub mod search;
pub mod theme;

use super::app::{App, Modal, Screen};
use super::layout;
use ratatui::Frame;
pub use theme::Theme;

/// Breaks sanitized `text` at spaces into lines of at most `width` columns (a word
/// longer than that is cut), for text that needs a hanging indent.
pub fn wrap_words(text: &str, width: usize) -> Vec<String> {
    use unicode_width::UnicodeWidthStr;
    let width = width.max(1);
    let mut out = Vec::new();
    let mut line = String::new();
    for word in crate::text::sanitize_line(text).split(' ') {
        if !line.is_empty() && line.width() + 1 + word.width() > width {
            out.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        for c in word.chars() {
            if line.width() + unicode_width::UnicodeWidthChar::width(c).unwrap_or(0) > width {
                out.push(std::mem::take(&mut line));
            }
            line.push(c);
        }
    }
    out.push(line);
    out
}

/// Draws the whole screen for the current state.
pub fn render(app: &App, theme: Theme, frame: &mut Frame) {
    let area = frame.area();
    if area.is_empty() {
        return;
    }
    match app.screen {
        Screen::Workbench if app.work.is_some() => {
            let panes = layout::workbench(area, app.focus);
            let buf = frame.buffer_mut();
            footer::header(app, theme, panes.header, buf);
            if let Some(r) = panes.article {
                article::render(app, theme, r, buf);
            }
            if let Some(r) = panes.claims {
                claim_list::render(app, theme, r, buf);
            }
            if let Some(r) = panes.detail {
                detail::render(app, theme, r, buf);
            }
            footer::bottom(app, theme, panes.footer, panes.status, buf);
        }
        Screen::Search => {
            let [header, body, foot, status] = layout::frame(area);
            footer::header(app, theme, header, frame.buffer_mut());
            search::render(app, theme, frame, body);
            footer::bottom(app, theme, foot, status, frame.buffer_mut());
        }
        _ => {
            let [header, body, foot, status] = layout::frame(area);
            let buf = frame.buffer_mut();
            footer::header(app, theme, header, buf);
            picker::render(app, theme, body, buf);
            footer::bottom(app, theme, foot, status, buf);
        }
    }
    match &app.modal {
        Some(Modal::Help { scroll }) => help::render(
            theme,
            &app.screen_layers(),
            *scroll,
            area,
            frame.buffer_mut(),
        ),
        Some(_) => form::render(app, theme, frame),
        None => {}
    }
}

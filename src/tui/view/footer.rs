//! The header (where you are, progress, reviewer), the footer of active keys from the
//! keymap, and the status line that reports every action and error.

use super::picker::progress_bar;
use super::theme::Theme;
use crate::model::ClaimStatus;
use crate::text::sanitize_line;
use crate::tui::app::{App, Screen};
use crate::tui::keymap;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;
use unicode_width::UnicodeWidthStr;

pub fn header(app: &App, theme: Theme, area: Rect, buf: &mut Buffer) {
    let mut spans = vec![Span::styled(" factdesk ", theme.title())];
    let right = format!(" reviewer: {} ", sanitize_line(&app.reviewer));
    match (&app.screen, &app.work) {
        (Screen::Workbench, Some(w)) => {
            let counted: Vec<_> = w
                .claims
                .iter()
                .filter(|c| c.status != ClaimStatus::Rejected)
                .collect();
            let done = counted.iter().filter(|c| c.verdict.is_some()).count() as i64;
            let total = counted.len() as i64;
            let progress = format!(" {done}/{total} checked {} ", progress_bar(done, total, 10));
            let room = (area.width as usize)
                .saturating_sub(12 + progress.chars().count() + right.chars().count());
            spans.push(Span::raw(format!(
                "─ {}",
                crate::text::truncate_chars(&sanitize_line(&w.article.title), room)
            )));
            spans.push(Span::styled(progress, theme.ok()));
        }
        _ => spans.push(Span::styled(
            format!("─ {}", sanitize_line(&app.db_label)),
            theme.dim(),
        )),
    }
    Line::from(spans).render(area, buf);
    let right_width = right.chars().count() as u16;
    if area.width > right_width + 40 {
        let r = Rect::new(area.right() - right_width, area.y, right_width, 1);
        Line::from(Span::styled(right, theme.dim())).render(r, buf);
    }
}

pub fn footer(app: &App, theme: Theme, area: Rect, buf: &mut Buffer) {
    // Hints that do not fit are left out whole; "? help" always stays, since help
    // lists every key.
    let hints = keymap::hints(&app.layers());
    let help = hints.iter().copied().find(|h| h.starts_with("? "));
    let reserve = help.map_or(0, |h| h.chars().count() + 2);
    let mut room = (area.width as usize).saturating_sub(1 + reserve);
    let mut spans = vec![Span::raw(" ")];
    let push = |spans: &mut Vec<Span<'static>>, hint: &'static str| {
        let (key, what) = hint.split_once(' ').unwrap_or((hint, ""));
        spans.push(Span::styled(key, theme.key()));
        spans.push(Span::raw(format!(" {what}  ")));
    };
    for hint in hints.iter().copied().filter(|h| Some(*h) != help) {
        let width = hint.chars().count() + 2;
        if width > room {
            room = 0;
            continue;
        }
        room -= width;
        push(&mut spans, hint);
    }
    if let Some(h) = help {
        push(&mut spans, h);
    }
    Line::from(spans).render(area, buf);
}

/// The footer of keys and, under it, the status line. A status too long for one row
/// takes the footer's row as well until the next key, so it is read whole; past two
/// rows, or after that key, it ends in "…".
pub fn bottom(app: &App, theme: Theme, footer_area: Rect, status_area: Rect, buf: &mut Buffer) {
    let style = if app.status.error {
        theme.error()
    } else {
        ratatui::style::Style::new()
    };
    let prefix = if app.status.error { " ✗ " } else { " " };
    let text = sanitize_line(&app.status.text);
    let room = usize::from(status_area.width).saturating_sub(prefix.width());
    let two_rows = text.width() > room && footer_area.height > 0 && app.status.fresh;
    if !two_rows {
        footer(app, theme, footer_area, buf);
    }
    let lines = fit(&text, room, if two_rows { 2 } else { 1 });
    let areas = if two_rows {
        vec![footer_area, status_area]
    } else {
        vec![status_area]
    };
    let indent = " ".repeat(prefix.width());
    for (i, (line, area)) in lines.iter().zip(areas).enumerate() {
        let lead = if i == 0 { prefix } else { indent.as_str() };
        Line::from(Span::styled(format!("{lead}{line}"), style)).render(area, buf);
    }
}

/// `text` broken at spaces into at most `rows` lines of `room` columns; " …" ends the
/// last one when the rest does not fit.
fn fit(text: &str, room: usize, rows: usize) -> Vec<String> {
    let lines = super::wrap_words(text, room.max(1));
    if lines.len() <= rows {
        return lines;
    }
    let mut lines = super::wrap_words(text, room.saturating_sub(2).max(1));
    lines.truncate(rows);
    if let Some(last) = lines.last_mut() {
        last.push_str(" …");
    }
    lines
}

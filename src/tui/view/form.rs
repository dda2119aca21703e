//! Pop-up forms: the verdict form (rating scale, then rationale), the source, note and
//! edit forms with inline errors, and the delete confirmation.

use super::field_text;
use super::theme::Theme;
use crate::text::sanitize_line;
use crate::tui::app::{App, Modal};
use crate::tui::forms::{FieldForm, FieldValue, VerdictForm};
use crate::tui::input::TextInput;
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget, Wrap};
use unicode_width::UnicodeWidthStr;

/// A centred rectangle of at most `w` x `h` inside `area`.
pub fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    )
}

/// The pop-up's width on a screen of `area`, and the columns inside its border.
fn popup_width(area: Rect) -> (u16, u16) {
    let w = area.width.min(76);
    (w, w.saturating_sub(2))
}

/// Lines of a multi-line text field, wrapped into `inner` columns after `indent`,
/// with the cursor's screen offset (row, column).
fn input_lines(input: &TextInput, indent: &str, inner: u16) -> (Vec<Line<'static>>, (u16, u16)) {
    let pad = indent.width() as u16;
    let (lines, (row, col)) = field_text::wrapped(input, inner.saturating_sub(pad));
    let lines = lines
        .into_iter()
        .map(|l| Line::from(format!("{indent}{l}")))
        .collect();
    (lines, (row, pad + col))
}

pub fn render(app: &App, theme: Theme, frame: &mut Frame) {
    let area = frame.area();
    match &app.modal {
        Some(Modal::Verdict(v)) => verdict(app, theme, v, frame, area),
        Some(Modal::Form(f)) => fields(theme, f, frame, area),
        Some(Modal::ConfirmDelete { title, .. }) => {
            let r = centered(area, 60, 5);
            Clear.render(r, frame.buffer_mut());
            let text = vec![
                Line::from(format!("Delete {}?", sanitize_line(title))),
                Line::from(Span::styled(
                    "Its source links, verdicts and notes go too (u undoes).",
                    theme.dim(),
                )),
                Line::from(vec![
                    Span::styled("y", theme.key()),
                    Span::raw(" delete   "),
                    Span::styled("n", theme.key()),
                    Span::raw(" keep"),
                ]),
            ];
            Paragraph::new(text)
                .block(
                    Block::bordered()
                        .title(" Delete ")
                        .border_style(theme.warning()),
                )
                .wrap(Wrap { trim: true })
                .render(r, frame.buffer_mut());
        }
        _ => {}
    }
}

fn verdict(app: &App, theme: Theme, v: &VerdictForm, frame: &mut Frame, area: Rect) {
    let mut lines = Vec::new();
    for (i, r) in app.ratings.iter().enumerate() {
        let chosen = v.rating == Some(i);
        let marker = if chosen {
            "●"
        } else if v.rating.is_none() && v.highlight == i {
            "▸"
        } else {
            " "
        };
        let style = if chosen || (v.rating.is_none() && v.highlight == i) {
            theme.selected_row()
        } else {
            Style::new()
        };
        lines.push(Line::from(vec![
            Span::styled(format!("{marker}{} ", i + 1), style),
            Span::styled(
                format!(
                    "{} {:<14}",
                    sanitize_line(&r.symbol),
                    sanitize_line(&r.name)
                ),
                style.patch(theme.rating_fg(Some(r))),
            ),
            Span::styled(format!(" {}", sanitize_line(&r.description)), theme.dim()),
        ]));
    }
    let prompt = if v.rating.is_none() {
        "Press a digit (or j/k Enter) to pick the rating."
    } else {
        "Rationale (Enter new line, Ctrl-S saves, Shift-Tab re-picks, Esc: draft):"
    };
    lines.push(Line::from(Span::styled(prompt, theme.label())));
    let (width, inner) = popup_width(area);
    let (text, cursor) = input_lines(&v.rationale, " ", inner);
    let text_top = lines.len() as u16;
    lines.extend(text);
    if let Some(e) = &v.error {
        let width = usize::from(area.width.min(76)).saturating_sub(6).max(10);
        lines.extend(error_lines(e, " ", width, theme));
    }
    let r = centered(area, width, lines.len() as u16 + 4);
    Clear.render(r, frame.buffer_mut());
    let block = Block::bordered()
        .title(Span::styled(
            format!(" Verdict for {} ", sanitize_line(&v.claim_title)),
            theme.title(),
        ))
        .border_style(theme.border(true));
    let cursor = v.rating.map(|_| (text_top + cursor.0, cursor.1));
    // While picking, the highlighted rating stays in view (a short terminal shows few).
    let keep = cursor.map_or(v.highlight as u16, |(row, _)| row);
    show_scrolled(frame, block, r, lines, cursor, keep);
}

fn fields(theme: Theme, f: &FieldForm, frame: &mut Frame, area: Rect) {
    let (width, inner) = popup_width(area);
    let mut lines = Vec::new();
    let mut cursor = None;
    for (i, field) in f.fields.iter().enumerate() {
        let focused = i == f.focus;
        let label_style = if focused {
            theme.selected_row()
        } else {
            theme.label()
        };
        let label = format!("{:>9} ", field.label);
        match &field.value {
            FieldValue::Text(t) if t.multiline => {
                lines.push(Line::from(Span::styled(label.clone(), label_style)));
                let (text, c) = input_lines(t, "          ", inner);
                if focused {
                    cursor = Some((lines.len() as u16 + c.0, c.1));
                }
                lines.extend(text);
            }
            FieldValue::Text(t) => {
                let pad = label.width() as u16;
                let (value, col) = field_text::one_line(t, inner.saturating_sub(pad));
                if focused {
                    cursor = Some((lines.len() as u16, pad + col));
                }
                lines.push(Line::from(vec![
                    Span::styled(label, label_style),
                    Span::raw(value),
                ]));
            }
            FieldValue::Choice { options, index } => {
                let mut spans = vec![Span::styled(label, label_style)];
                for (j, o) in options.iter().enumerate() {
                    let style = if j == *index {
                        theme.selected_row()
                    } else {
                        theme.dim()
                    };
                    spans.push(Span::styled(format!(" {o} "), style));
                }
                if focused {
                    spans.push(Span::styled("  (Space/←/→ or first letter)", theme.dim()));
                }
                lines.push(Line::from(spans));
            }
        }
        if let Some(e) = &field.error {
            let width = usize::from(area.width.min(76)).saturating_sub(14).max(10);
            lines.extend(error_lines(e, "          ", width, theme));
        }
    }
    lines.push(Line::from(Span::styled(
        "Tab next field · Ctrl-S save · Esc keep as draft",
        theme.dim(),
    )));
    let r = centered(area, width, lines.len() as u16 + 2);
    Clear.render(r, frame.buffer_mut());
    let block = Block::bordered()
        .title(Span::styled(
            format!(" {} ", sanitize_line(&f.title)),
            theme.title(),
        ))
        .border_style(theme.border(true));
    let keep = cursor.map_or(0, |(row, _)| row);
    show_scrolled(frame, block, r, lines, cursor, keep);
}

/// Draws a pop-up's lines, scrolled so that row `keep` (the text cursor's, or the
/// highlighted choice's) stays visible when a long rationale or excerpt, or a short
/// terminal, needs it; and places the text cursor (row, column), if any.
fn show_scrolled(
    frame: &mut Frame,
    block: Block,
    r: Rect,
    lines: Vec<Line<'static>>,
    cursor: Option<(u16, u16)>,
    keep: u16,
) {
    let inner = block.inner(r);
    let scroll = (keep + 1).saturating_sub(inner.height);
    Paragraph::new(lines)
        .block(block)
        .scroll((scroll, 0))
        .render(r, frame.buffer_mut());
    if let Some((row, col)) = cursor
        && let Some(row) = row.checked_sub(scroll)
    {
        place_cursor(frame, inner, row, col);
    }
}

/// An inline error, broken at spaces to fit `width` columns after the indent.
fn error_lines(error: &str, indent: &str, width: usize, theme: Theme) -> Vec<Line<'static>> {
    super::wrap_words(error, width)
        .into_iter()
        .enumerate()
        .map(|(i, l)| {
            let mark = if i == 0 { "✗ " } else { "  " };
            Line::from(Span::styled(format!("{indent}{mark}{l}"), theme.error()))
        })
        .collect()
}

/// Shows the terminal cursor in a text field, if it falls inside the pop-up.
fn place_cursor(frame: &mut Frame, inner: Rect, row: u16, col: u16) {
    if row < inner.height && col < inner.width {
        frame.set_cursor_position(Position::new(inner.x + col, inner.y + row));
    }
}

//! The search screen: a query line and full-text results across the database.

use super::theme::Theme;
use crate::text::sanitize_line;
use crate::tui::app::App;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget};

/// A search snippet with the match (between « and ») emphasised.
fn snippet_line<'a>(snippet: &str, theme: Theme) -> Line<'a> {
    let clean = sanitize_line(snippet).into_owned();
    let mut spans = Vec::new();
    for (i, part) in clean.split(['«', '»']).enumerate() {
        spans.push(if i % 2 == 1 {
            Span::styled(part.to_string(), theme.warning())
        } else {
            Span::raw(part.to_string())
        });
    }
    Line::from(spans)
}

pub fn render(app: &App, theme: Theme, frame: &mut Frame, area: Rect) {
    // In a very small terminal the borders would leave no room: the query takes one
    // row and each result one row, without frames.
    let compact = area.height < 8;
    let [query_area, results_area] = area.layout(&Layout::vertical([
        Constraint::Length(if compact { 1 } else { 3 }),
        Constraint::Min(0),
    ]));
    let s = &app.search;
    let text = s.input.text();
    let block = if compact {
        Block::new().padding(ratatui::widgets::Padding::left(2))
    } else {
        Block::bordered()
            .title(Span::styled(" Search ", theme.title()))
            .border_style(theme.border(true))
    };
    if compact {
        Span::styled("/", theme.title()).render(query_area, frame.buffer_mut());
    }
    let inner = block.inner(query_area);
    let (shown, col) = super::field_text::one_line(&s.input, inner.width);
    // The last query, to be replaced by typing: shown selected.
    let style = if s.replace {
        theme.selected_row()
    } else {
        ratatui::style::Style::default()
    };
    Paragraph::new(Span::styled(shown, style))
        .block(block)
        .render(query_area, frame.buffer_mut());
    if inner.height > 0 && col < inner.width {
        frame.set_cursor_position(Position::new(inner.x + col, inner.y));
    }
    let title = if text.trim().is_empty() {
        " Type to search articles, claims, verdicts, notes and sources ".to_string()
    } else if s.hits.len() >= crate::tui::command::SEARCH_HITS {
        // Not "200 results": more match, and the reviewer should know to narrow it.
        format!(
            " the best {} results; more match: add a word to narrow ",
            s.hits.len()
        )
    } else {
        format!(
            " {} {} ",
            s.hits.len(),
            crate::text::plural(s.hits.len(), "result")
        )
    };
    let block = if compact {
        Block::new()
    } else {
        Block::bordered().title(Span::styled(title, theme.dim()))
    };
    let inner = block.inner(results_area);
    block.render(results_area, frame.buffer_mut());
    let per_hit = if compact { 1usize } else { 2 };
    let fit = (inner.height as usize / per_hit).max(1);
    let first = s.selected.saturating_sub(fit.saturating_sub(1));
    let mut lines = Vec::new();
    for (i, hit) in s.hits.iter().enumerate().skip(first).take(fit) {
        let style = if i == s.selected {
            theme.selected_row()
        } else {
            theme.label()
        };
        lines.push(Line::from(vec![
            Span::styled(
                format!(
                    "{}{:<7} ",
                    if i == s.selected { "▸" } else { " " },
                    hit.kind
                ),
                style,
            ),
            Span::styled(sanitize_line(&hit.title).into_owned(), style),
        ]));
        if !compact {
            let mut snippet = snippet_line(&hit.snippet, theme);
            snippet.spans.insert(0, Span::raw("   "));
            lines.push(snippet);
        }
    }
    Paragraph::new(lines).render(inner, frame.buffer_mut());
}

//! The article pane: wrapped text with every claim span highlighted by its verdict,
//! the selected claim brighter, the cursor and a selection being marked.

use super::theme::Theme;
use crate::model::ClaimStatus;
use crate::tui::app::{App, Focus};
use crate::tui::wrap::{cell_text, graphemes};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Widget};

pub fn render(app: &App, theme: Theme, area: Rect, buf: &mut Buffer) {
    let Some(w) = &app.work else { return };
    let focused = app.focus == Focus::Article || w.mark.is_some();
    let total = w.wrapped.lines.len();
    let title = Line::from(vec![
        Span::styled(" Article ", theme.title()),
        Span::styled(
            format!("─ line {}/{} ", (w.scroll + 1).min(total), total),
            theme.dim(),
        ),
    ]);
    let block = Block::bordered()
        .title(title)
        .border_style(theme.border(focused));
    let inner = block.inner(area);
    block.render(area, buf);
    if inner.is_empty() {
        return;
    }
    let selected = app.selected_claim().map(|c| c.id.as_str());
    let shown: Vec<_> = w
        .claims
        .iter()
        .filter(|c| c.status != ClaimStatus::Rejected || Some(c.id.as_str()) == selected)
        .map(|c| {
            let rating = c
                .verdict
                .as_ref()
                .and_then(|v| app.ratings.iter().find(|r| r.name == v.rating));
            let is_selected = Some(c.id.as_str()) == selected;
            (
                c.start.max(0) as usize,
                c.end.max(0) as usize,
                theme.span(c, rating, is_selected),
                is_selected,
            )
        })
        .collect();
    for (row, line) in w
        .wrapped
        .lines
        .iter()
        .skip(w.scroll)
        .take(inner.height as usize)
        .enumerate()
    {
        let relevant: Vec<_> = shown
            .iter()
            .filter(|s| s.0 < line.cp_end.max(line.cp_start + 1) && s.1 > line.cp_start)
            .collect();
        let mut spans: Vec<Span> = Vec::new();
        let mut run = String::new();
        let mut run_style = Style::new();
        for (cp, g) in graphemes(&w.article.body, line) {
            // The space a line wraps after is not part of the highlight.
            let wrap_space = g == " " && cp + 1 == line.cp_end;
            let mut style = relevant
                .iter()
                .filter(|s| s.0 <= cp && cp < s.1 && !wrap_space)
                .min_by_key(|s| (!s.3, s.1 - s.0))
                .map_or(Style::new(), |s| s.2);
            if let Some((ms, me)) = w.mark
                && ms <= cp
                && cp < me
            {
                style = theme.marking();
            }
            if focused && cp == w.cursor {
                style = style.patch(theme.cursor());
            }
            if style != run_style && !run.is_empty() {
                spans.push(Span::styled(std::mem::take(&mut run), run_style));
            }
            run_style = style;
            run.push_str(&cell_text(g).0);
        }
        // The cursor on an empty line or at a line end shows as a block.
        if focused && w.cursor == line.cp_end && line.cp_end == line.cp_start {
            spans.push(Span::styled(std::mem::take(&mut run), run_style));
            run_style = theme.cursor();
            run.push(' ');
        }
        if !run.is_empty() {
            spans.push(Span::styled(run, run_style));
        }
        let y = inner.y + row as u16;
        Line::from(spans).render(Rect::new(inner.x, y, inner.width, 1), buf);
    }
}

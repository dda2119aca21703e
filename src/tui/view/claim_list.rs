//! The claim list: number, verdict symbol, label, claimant, status or verdict, sources.

use super::theme::{Theme, verdict_mark};
use crate::text::sanitize_line;
use crate::tui::app::{App, Focus};
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Cell, Row, Table, Widget};

pub fn render(app: &App, theme: Theme, area: Rect, buf: &mut Buffer) {
    let Some(w) = &app.work else { return };
    let title = Line::from(vec![
        Span::styled(format!(" Claims ({}) ", w.visible.len()), theme.title()),
        Span::styled(
            format!(
                "─ sort: {} ─ filter: {} ",
                w.sort.as_str(),
                w.filter.as_str()
            ),
            theme.dim(),
        ),
    ]);
    let block = Block::bordered()
        .title(title)
        .border_style(theme.border(app.focus == Focus::Claims));
    let inner = block.inner(area);
    block.render(area, buf);
    if inner.is_empty() {
        return;
    }
    if w.visible.is_empty() {
        let msg = if w.claims.is_empty() {
            "No claims yet. Tab to the article, move with j/k/w/b, press m to mark one."
        } else {
            "No claims match the filter (f cycles it)."
        };
        ratatui::widgets::Paragraph::new(msg)
            .style(theme.dim())
            .wrap(ratatui::widgets::Wrap { trim: true })
            .render(inner, buf);
        return;
    }
    let rows_shown = inner.height.saturating_sub(1) as usize;
    let rows = w
        .visible
        .iter()
        .enumerate()
        .skip(w.list_offset)
        .take(rows_shown)
        .map(|(pos, &i)| {
            let c = &w.claims[i];
            let (symbol, name, rating) = verdict_mark(c, &app.ratings);
            let style = if pos == w.selected {
                theme.selected_row()
            } else {
                ratatui::style::Style::new()
            };
            let name_style = if pos == w.selected {
                style
            } else {
                theme.rating_fg(rating)
            };
            let verdict = match (&c.verdict, c.status) {
                (Some(v), _) if v.signed_off_by.is_some() => format!("{symbol} {name} ✔"),
                _ => format!("{symbol} {name}"),
            };
            Row::new(vec![
                Cell::from(format!(
                    "{}{}",
                    if pos == w.selected { "▸" } else { " " },
                    i + 1
                )),
                // Edited in two copies: a merge kept one value (the detail pane says).
                if c.conflicts > 0 {
                    Cell::from(Line::from(vec![
                        Span::styled("⚠ ", theme.warning()),
                        Span::raw(sanitize_line(&c.label).into_owned()),
                    ]))
                } else {
                    Cell::from(sanitize_line(&c.label).into_owned())
                },
                Cell::from(sanitize_line(&c.claimant).into_owned()),
                Cell::from(Span::styled(verdict, name_style)),
                // A verdict on fewer than two sources cannot rest on two independent
                // ones (the detail pane also counts shared domains once).
                if c.verdict.is_some() && c.source_count < 2 {
                    Cell::from(Span::styled(
                        format!("⚠{:>2}", c.source_count),
                        theme.warning(),
                    ))
                } else {
                    Cell::from(format!("{:>3}", c.source_count))
                },
            ])
            .style(style)
        });
    // A narrow list drops the claimant column (the detail pane shows it).
    let claimant = if inner.width < 60 {
        Constraint::Length(0)
    } else {
        Constraint::Fill(1)
    };
    // "▸" and the largest claim number: 5,000 claims need four digits, not three.
    let number = 1 + w.claims.len().max(1).to_string().len() as u16;
    let widths = [
        Constraint::Length(number.max(4)),
        Constraint::Fill(3),
        claimant,
        Constraint::Length(15),
        Constraint::Length(3),
    ];
    let header = Row::new(vec![" #", "label", "claimant", "verdict", "src"]).style(theme.dim());
    Widget::render(
        Table::new(rows, widths).header(header).column_spacing(1),
        inner,
        buf,
    );
}

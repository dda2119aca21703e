//! The article picker: title, outlet, publication date and review progress per article.

use super::theme::Theme;
use crate::text::sanitize_line;
use crate::tui::app::App;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::Span;
use ratatui::widgets::{Block, Cell, Row, Table, Widget};

/// A bar like "███░░░░░" of `width` cells for done/total.
pub fn progress_bar(done: i64, total: i64, width: usize) -> String {
    let filled = if total > 0 {
        ((done.clamp(0, total) as usize) * width)
            .div_ceil(total as usize)
            .min(width)
    } else {
        0
    };
    let filled = if done < total && filled == width {
        width.saturating_sub(1)
    } else {
        filled
    };
    format!("{}{}", "█".repeat(filled), "░".repeat(width - filled))
}

pub fn render(app: &App, theme: Theme, area: Rect, buf: &mut Buffer) {
    let p = &app.picker;
    let block = Block::bordered()
        .title(Span::styled(
            format!(" Articles ({}) ", p.total),
            theme.title(),
        ))
        .border_style(theme.border(true));
    if p.items.is_empty() {
        ratatui::widgets::Paragraph::new(
            "No articles yet. Import one: factdesk import FILE (or start factdesk FILE).",
        )
        .block(block)
        .style(theme.dim())
        .render(area, buf);
        return;
    }
    // "checked/total" as wide as the largest total shown (5,000 claims: 9 columns).
    let digits = p
        .items
        .iter()
        .map(|a| a.claims_total.max(1).to_string().len())
        .max()
        .unwrap_or(1)
        .max(3);
    let rows = p.items.iter().enumerate().map(|(i, a)| {
        let selected = p.offset + i as i64 == p.selected;
        // The publication date only: an import date in its place would pass for one.
        let date = a.published.as_deref().unwrap_or("—").to_string();
        Row::new(vec![
            Cell::from(format!(
                "{}{}",
                if selected { "▸ " } else { "  " },
                sanitize_line(&a.title)
            )),
            Cell::from(sanitize_line(a.outlet.as_deref().unwrap_or("—")).into_owned()),
            Cell::from(sanitize_line(&date).into_owned()),
            Cell::from(progress_bar(a.claims_checked, a.claims_total, 8)),
            Cell::from(format!(
                "{:>w$}/{:<w$}",
                a.claims_checked,
                a.claims_total,
                w = digits
            )),
            Cell::from(if a.claims_suggested > 0 {
                format!("{} suggested", a.claims_suggested)
            } else {
                String::new()
            }),
        ])
        .style(if selected {
            theme.selected_row()
        } else {
            ratatui::style::Style::new()
        })
    });
    // Narrow screens drop the outlet and the suggestion count before the title shrinks.
    let wide = area.width >= 100;
    let widths = [
        Constraint::Fill(1),
        Constraint::Length(if wide { 14 } else { 0 }),
        Constraint::Length(10),
        Constraint::Length(8),
        Constraint::Length(2 * digits as u16 + 1),
        Constraint::Length(if wide { 13 } else { 0 }),
    ];
    let header =
        Row::new(vec!["  title", "outlet", "published", "checked", "", ""]).style(theme.dim());
    Widget::render(
        Table::new(rows, widths).header(header).block(block),
        area,
        buf,
    );
}

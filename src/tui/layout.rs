//! Where each pane goes for a terminal size: three columns on wide screens, article
//! beside a claims/detail column in the middle, one pane at a time below 100 columns.
//! Both `App` (wrap width, page sizes) and the views read it, so they agree.

use super::app::Focus;
use ratatui::layout::{Constraint, Layout, Rect};

/// The rectangles of the workbench; `None` when a pane is not shown at this size.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Panes {
    pub header: Rect,
    pub article: Option<Rect>,
    pub claims: Option<Rect>,
    pub detail: Option<Rect>,
    pub footer: Rect,
    pub status: Rect,
}

/// Header, body, footer and status line of any screen.
pub fn frame(area: Rect) -> [Rect; 4] {
    area.layout(&Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(0),
        Constraint::Length(1),
        Constraint::Length(1),
    ]))
}

/// Whether the article is shown next to the claims (wide) or alone (narrow).
pub fn is_narrow(area: Rect) -> bool {
    area.width < 100
}

pub fn workbench(area: Rect, focus: Focus) -> Panes {
    let [header, body, footer, status] = frame(area);
    let mut panes = Panes {
        header,
        footer,
        status,
        ..Panes::default()
    };
    if body.width >= 150 {
        let [a, c, d] = body.layout(&Layout::horizontal([
            Constraint::Percentage(40),
            Constraint::Percentage(32),
            Constraint::Percentage(28),
        ]));
        panes.article = Some(a);
        panes.claims = Some(c);
        panes.detail = Some(d);
    } else if !is_narrow(area) {
        let [a, right] = body.layout(&Layout::horizontal([
            Constraint::Percentage(50),
            Constraint::Percentage(50),
        ]));
        let [c, d] = right.layout(&Layout::vertical([
            Constraint::Percentage(45),
            Constraint::Percentage(55),
        ]));
        panes.article = Some(a);
        panes.claims = Some(c);
        panes.detail = Some(d);
    } else if focus == Focus::Article {
        panes.article = Some(body);
    } else {
        let [c, d] = body.layout(&Layout::vertical([
            Constraint::Percentage(40),
            Constraint::Percentage(60),
        ]));
        panes.claims = Some(c);
        panes.detail = Some(d);
    }
    panes
}

/// The inside of a bordered pane.
pub fn inner(r: Rect) -> Rect {
    ratatui::widgets::Block::bordered().inner(r)
}

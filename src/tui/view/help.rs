//! The help overlay, generated from the keymap table so it never disagrees with it.

use super::form::centered;
use super::theme::Theme;
use crate::tui::keymap::{BINDINGS, Layer, keys_label};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget};

/// Columns for the keys of a binding.
const KEYS_WIDTH: usize = 18;

/// Every binding, grouped by layer, as lines; the layers in `first` lead.
pub fn lines(theme: Theme, first: &[Layer]) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    let mut last: Option<Layer> = None;
    let rank = |l: Layer| first.iter().position(|f| *f == l).unwrap_or(first.len());
    let mut ordered: Vec<&crate::tui::keymap::Binding> = BINDINGS.iter().collect();
    ordered.sort_by_key(|b| rank(b.layer)); // stable: table order within a rank
    for b in ordered {
        if last != Some(b.layer) {
            if last.is_some() {
                out.push(Line::default());
            }
            out.push(Line::from(Span::styled(
                b.layer.title().to_string(),
                theme.title(),
            )));
            last = Some(b.layer);
        }
        // A key list longer than the column ("Ctrl-W Alt-Backspace") still gets a space.
        let keys = keys_label(b);
        let width = KEYS_WIDTH.max(keys.chars().count() + 1);
        out.push(Line::from(vec![
            Span::styled(format!("  {keys:<width$}"), theme.key()),
            Span::raw(b.help),
        ]));
    }
    out
}

/// Where the overlay goes on a screen of `area`.
fn overlay(area: Rect) -> Rect {
    centered(area, 84, area.height.saturating_sub(2).max(3))
}

/// The help's rows inside an overlay of `r`: long descriptions continue under
/// themselves, past the keys column.
fn rows(theme: Theme, first: &[Layer], r: Rect) -> Vec<Line<'static>> {
    let width = r.width.saturating_sub(2);
    lines(theme, first)
        .into_iter()
        .flat_map(|l| super::rows::wrap_hanging(l, width, KEYS_WIDTH + 2))
        .collect()
}

/// How far the help can scroll on a screen of `area`: until its last line shows.
pub fn max_scroll(area: Rect, first: &[Layer]) -> u16 {
    let r = overlay(area);
    let rows = rows(Theme { color: false }, first, r).len();
    super::detail::max_scroll(rows, r.height.saturating_sub(2))
}

pub fn render(theme: Theme, first: &[Layer], scroll: u16, area: Rect, buf: &mut Buffer) {
    let r = overlay(area);
    Clear.render(r, buf);
    let all = rows(theme, first, r);
    let max_scroll = max_scroll(area, first);
    Paragraph::new(all)
        .block(
            Block::bordered()
                .title(Span::styled(
                    " Keys (j/k scroll, Esc closes) ",
                    theme.title(),
                ))
                .border_style(theme.border(true)),
        )
        .scroll((scroll.min(max_scroll), 0))
        .render(r, buf);
}

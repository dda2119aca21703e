//! Colours and text attributes. Every style comes from here, so `NO_COLOR` (attributes
//! only: bold, reverse, underline, dim) and the colour version never disagree, and
//! highlight colours carry their own foreground so they read on dark and light terminals.

use crate::model::{Claim, ClaimStatus, Rating};
use ratatui::style::{Color, Modifier, Style};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub color: bool,
}

impl Theme {
    /// Colour unless `NO_COLOR` is set to anything non-empty (no-color.org).
    pub fn from_env() -> Theme {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Theme { color: !no_color }
    }

    fn pick(self, colour: Style, plain: Style) -> Style {
        if self.color { colour } else { plain }
    }

    pub fn title(self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }

    pub fn border(self, focused: bool) -> Style {
        match (focused, self.color) {
            (true, true) => Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
            (true, false) => Style::new().add_modifier(Modifier::BOLD),
            (false, _) => Style::new(),
        }
    }

    pub fn selected_row(self) -> Style {
        self.pick(
            Style::new()
                .bg(Color::Blue)
                .fg(Color::White)
                .add_modifier(Modifier::BOLD),
            Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD),
        )
    }

    pub fn dim(self) -> Style {
        Style::new().add_modifier(Modifier::DIM)
    }

    pub fn label(self) -> Style {
        self.pick(
            Style::new().fg(Color::Cyan),
            Style::new().add_modifier(Modifier::BOLD),
        )
    }

    pub fn warning(self) -> Style {
        self.pick(
            Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
            Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
        )
    }

    pub fn error(self) -> Style {
        self.pick(
            Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
            Style::new().add_modifier(Modifier::BOLD | Modifier::REVERSED),
        )
    }

    pub fn ok(self) -> Style {
        self.pick(
            Style::new().fg(Color::Green),
            Style::new().add_modifier(Modifier::BOLD),
        )
    }

    pub fn key(self) -> Style {
        self.pick(
            Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
            Style::new().add_modifier(Modifier::BOLD),
        )
    }

    /// The article cursor cell.
    pub fn cursor(self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED | Modifier::UNDERLINED)
    }

    /// The selection while marking a new claim.
    pub fn marking(self) -> Style {
        self.pick(
            Style::new()
                .bg(Color::Magenta)
                .fg(Color::White)
                .add_modifier(Modifier::BOLD),
            Style::new().add_modifier(Modifier::REVERSED | Modifier::ITALIC),
        )
    }

    /// A rating's own colour as a foreground (for symbols and names).
    pub fn rating_fg(self, rating: Option<&Rating>) -> Style {
        match rating.and_then(|r| hex(&r.colour)) {
            Some(c) if self.color => Style::new().fg(c),
            _ => Style::new(),
        }
    }

    /// A claim's span in the article: coloured by its verdict, dim while suggested,
    /// brighter (bold, underlined) when selected.
    pub fn span(self, claim: &Claim, rating: Option<&Rating>, selected: bool) -> Style {
        let mut style = match (claim.status, self.color) {
            (ClaimStatus::Rejected, _) => {
                Style::new().add_modifier(Modifier::CROSSED_OUT | Modifier::DIM)
            }
            (ClaimStatus::Suggested, true) => Style::new()
                .fg(Color::Gray)
                .add_modifier(Modifier::UNDERLINED | Modifier::DIM),
            (ClaimStatus::Suggested, false) => {
                Style::new().add_modifier(Modifier::UNDERLINED | Modifier::DIM)
            }
            (ClaimStatus::Accepted, false) => Style::new().add_modifier(Modifier::UNDERLINED),
            (ClaimStatus::Accepted, true) => {
                let bg = rating
                    .and_then(|r| hex(&r.colour))
                    .unwrap_or(Color::Rgb(0x3f, 0x51, 0xb5));
                Style::new().bg(bg).fg(contrast(bg))
            }
        };
        if selected {
            style = style
                .remove_modifier(Modifier::DIM)
                .add_modifier(Modifier::BOLD);
            if !self.color || claim.status == ClaimStatus::Suggested {
                style = style.add_modifier(Modifier::REVERSED);
            }
        }
        style
    }
}

/// "#rrggbb" as a colour.
pub fn hex(s: &str) -> Option<Color> {
    let s = s.strip_prefix('#')?;
    if s.len() != 6 {
        return None;
    }
    let v = u32::from_str_radix(s, 16).ok()?;
    Some(Color::Rgb((v >> 16) as u8, (v >> 8) as u8, v as u8))
}

/// Black or white, whichever reads on `bg`.
fn contrast(bg: Color) -> Color {
    match bg {
        Color::Rgb(r, g, b) if 299 * r as u32 + 587 * g as u32 + 114 * b as u32 > 150_000 => {
            Color::Black
        }
        _ => Color::White,
    }
}

/// A claim's verdict as symbol and name: the rating's symbol, "?" while suggested,
/// "·" while open.
pub fn verdict_mark<'a>(
    claim: &Claim,
    ratings: &'a [Rating],
) -> (String, String, Option<&'a Rating>) {
    match &claim.verdict {
        Some(v) => {
            let rating = ratings.iter().find(|r| r.name == v.rating);
            let symbol = rating.map_or("?", |r| r.symbol.as_str());
            (
                crate::text::sanitize_line(symbol).into_owned(),
                crate::text::sanitize_line(&v.rating).into_owned(),
                rating,
            )
        }
        None if claim.status == ClaimStatus::Suggested => ("?".into(), "suggested".into(), None),
        None if claim.status == ClaimStatus::Rejected => ("✗".into(), "rejected".into(), None),
        None => ("·".into(), "open".into(), None),
    }
}

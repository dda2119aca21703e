//! The detail pane: everything about the selected claim, with a warning when its
//! verdict rests on fewer than two independent sources, and one under any text that
//! holds hidden control characters.

use super::theme::{Theme, verdict_mark};
use crate::model::{ClaimDetail, Note, independent_sources};
use crate::text::{HIDDEN_CONTROLS_WARNING, has_hidden_controls, sanitize_line};
use crate::tui::app::{App, Focus};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget};

/// "2026-11-30 14:02" from a stored timestamp.
pub fn short_time(at: &str) -> String {
    match (at.get(..10), at.get(11..16)) {
        (Some(d), Some(t)) => format!("{d} {t}"),
        _ => sanitize_line(at).into_owned(),
    }
}

/// A labelled value, wrapped under its label's indent.
fn field<'a>(theme: Theme, name: &'a str, value: String, width: u16) -> Vec<Line<'a>> {
    let indent = " ".repeat(10);
    super::wrap_words(&value, usize::from(width).saturating_sub(10))
        .into_iter()
        .enumerate()
        .map(|(i, l)| {
            let head = if i == 0 {
                Span::styled(format!("{name:<9} "), theme.label())
            } else {
                Span::raw(indent.clone())
            };
            Line::from(vec![head, Span::raw(l)])
        })
        .collect()
}

/// Multi-line text (rationale, excerpt, note) wrapped under `indent`.
fn text_lines<'a>(text: &str, indent: &'a str, style: Style, width: u16) -> Vec<Line<'a>> {
    let room = usize::from(width).saturating_sub(indent.len());
    text.lines()
        .flat_map(|l| super::wrap_words(l, room))
        .map(|l| Line::from(vec![Span::raw(indent), Span::styled(l, style)]))
        .collect()
}

/// The warning under text holding bidi controls or invisibles (drawn as U+FFFD), when
/// any of `texts` does: the reviewer learns why, and to check the original.
fn hidden_controls<'a>(theme: Theme, indent: &'a str, texts: &[&str], width: u16) -> Vec<Line<'a>> {
    if !texts.iter().any(|t| has_hidden_controls(t)) {
        return Vec::new();
    }
    text_lines(HIDDEN_CONTROLS_WARNING, indent, theme.warning(), width)
}

pub fn lines<'a>(app: &App, theme: Theme, d: &ClaimDetail, width: u16) -> Vec<Line<'a>> {
    let c = &d.claim;
    let mut out = Vec::new();
    out.push(Line::from(Span::styled(
        format!("“{}”", sanitize_line(&c.quote)),
        Style::new().add_modifier(ratatui::style::Modifier::ITALIC),
    )));
    out.extend(hidden_controls(theme, "", &[&c.quote], width));
    out.extend(field(
        theme,
        "label",
        sanitize_line(&c.label).into_owned(),
        width,
    ));
    // A label drawn from a quote just explained needs no second warning.
    if !has_hidden_controls(&c.quote) {
        out.extend(hidden_controls(theme, "  ", &[&c.label], width));
    }
    out.extend(field(
        theme,
        "claimant",
        sanitize_line(&c.claimant).into_owned(),
        width,
    ));
    out.extend(hidden_controls(theme, "  ", &[&c.claimant], width));
    out.extend(field(
        theme,
        "kind",
        format!(
            "{} · {} · span {}-{}",
            sanitize_line(&c.kind),
            c.status,
            c.start,
            c.end
        ),
        width,
    ));
    let score = c
        .score
        .map_or("no score".to_string(), |s| format!("score {s:.2}"));
    let reasons = c
        .reasons
        .iter()
        .map(|r| sanitize_line(r).into_owned())
        .collect::<Vec<_>>()
        .join(" · ");
    out.extend(field(
        theme,
        "why",
        if reasons.is_empty() {
            score
        } else {
            format!("{score} · {reasons}")
        },
        width,
    ));
    let independent = independent_sources(&d.sources);
    out.extend(field(
        theme,
        "sources",
        format!("{} ({} independent)", d.sources.len(), independent),
        width,
    ));
    for link in &d.sources {
        let s = &link.source;
        let origin = s
            .url
            .as_deref()
            .and_then(crate::validate::domain)
            .or_else(|| s.publisher.clone())
            .unwrap_or_default();
        let date = s
            .published
            .as_deref()
            .map(|p| format!(", {p}"))
            .unwrap_or_default();
        out.push(Line::from(vec![
            Span::raw("  + "),
            Span::raw(sanitize_line(&s.title).into_owned()),
            Span::styled(format!(" ({}{date}) ", sanitize_line(&origin)), theme.dim()),
            Span::styled(link.stance.as_str(), theme.label()),
        ]));
        if let Some(url) = &s.url {
            out.push(Line::from(Span::styled(
                format!("    {}", sanitize_line(url)),
                theme.dim(),
            )));
        }
        if let Some(e) = &link.excerpt {
            out.extend(text_lines(&format!("“{e}”"), "    ", theme.dim(), width));
        }
        let texts = [
            s.title.as_str(),
            s.publisher.as_deref().unwrap_or(""),
            s.url.as_deref().unwrap_or(""),
            link.excerpt.as_deref().unwrap_or(""),
        ];
        out.extend(hidden_controls(theme, "    ", &texts, width));
    }
    if let Some(thin) = c
        .verdict
        .as_ref()
        .and_then(|_| crate::model::thin_evidence(&d.sources))
    {
        out.extend(text_lines(
            &format!("⚠ {thin}"),
            "  ",
            theme.warning(),
            width,
        ));
    }
    for warning in d
        .unsigned_newer_warning()
        .into_iter()
        .chain(d.signoff_disagreement())
    {
        out.extend(text_lines(
            &format!("⚠ {}", sanitize_line(&warning)),
            "  ",
            theme.warning(),
            width,
        ));
    }
    if !d.conflicts.is_empty() {
        out.extend(field(theme, "conflicts", String::new(), width));
        for c in &d.conflicts {
            let line = format!("⚠ {} · {}", sanitize_line(&c.summary()), short_time(&c.at));
            out.extend(text_lines(&line, "  ", theme.warning(), width));
        }
    }
    out.extend(field(
        theme,
        "verdicts",
        if d.verdicts.is_empty() {
            "none yet (v sets one)".into()
        } else {
            String::new()
        },
        width,
    ));
    for v in d.verdicts.iter().rev() {
        let rating = app.ratings.iter().find(|r| r.name == v.rating);
        let symbol = rating.map_or("?".to_string(), |r| sanitize_line(&r.symbol).into_owned());
        let current = c.verdict.as_ref().is_some_and(|cv| cv.id == v.id);
        let mut spans = vec![
            Span::raw(if current { "  ▸ " } else { "    " }),
            Span::styled(
                format!("{symbol} {}", sanitize_line(&v.rating)),
                theme.rating_fg(rating),
            ),
            Span::raw(format!(
                "  {}  {}",
                sanitize_line(&v.reviewer),
                short_time(&v.created_at)
            )),
        ];
        if let Some(mut signed) = v.signed_off_text() {
            let others = d.other_signers(v);
            if !others.is_empty() {
                signed.push_str(&format!(" (also {})", others.join(", ")));
            }
            spans.push(Span::styled(
                format!("  ✔ {}", sanitize_line(&signed)),
                if v.signed_off_own {
                    theme.warning()
                } else {
                    theme.ok()
                },
            ));
        }
        out.push(Line::from(spans));
        out.extend(text_lines(&v.rationale, "      ", Style::new(), width));
        out.extend(hidden_controls(theme, "      ", &[&v.rationale], width));
    }
    out.extend(notes(theme, "notes", &d.notes, width));
    out.extend(article_notes(app, theme, width));
    out
}

/// Notes under a heading, each with who and when; nothing when there are none.
fn notes<'a>(theme: Theme, heading: &'a str, notes: &[Note], width: u16) -> Vec<Line<'a>> {
    let mut out = Vec::new();
    if notes.is_empty() {
        return out;
    }
    out.extend(field(theme, heading, String::new(), width));
    for n in notes {
        out.push(Line::from(Span::styled(
            format!(
                "  {} {}",
                sanitize_line(&n.reviewer),
                short_time(&n.created_at)
            ),
            theme.dim(),
        )));
        out.extend(text_lines(&n.body, "    ", Style::new(), width));
        out.extend(hidden_controls(theme, "    ", &[&n.body], width));
    }
    out
}

/// The notes on the open article itself (N adds one), under every claim's detail.
fn article_notes<'a>(app: &App, theme: Theme, width: u16) -> Vec<Line<'a>> {
    app.work.as_ref().map_or_else(Vec::new, |w| {
        notes(theme, "article notes", &w.article_notes, width)
    })
}

pub fn render(app: &App, theme: Theme, area: Rect, buf: &mut Buffer) {
    let claim = app.selected_claim();
    let title = match claim {
        Some(c) => {
            let (symbol, name, _) = verdict_mark(c, &app.ratings);
            format!(" {} ─ {symbol} {name} ", sanitize_line(&app.claim_title(c)))
        }
        None => " Detail ".into(),
    };
    let block = Block::bordered()
        .title(Span::styled(title, theme.title()))
        .border_style(theme.border(app.focus == Focus::Detail));
    let detail = app
        .work
        .as_ref()
        .and_then(|w| w.detail.as_ref())
        .filter(|d| Some(d.claim.id.as_str()) == claim.map(|c| c.id.as_str()));
    let body = match detail {
        Some(d) => lines(app, theme, d, block.inner(area).width),
        None => {
            let mut lines = vec![Line::from(Span::styled("No claim selected.", theme.dim()))];
            lines.extend(article_notes(app, theme, block.inner(area).width));
            lines
        }
    };
    let inner = block.inner(area);
    let body = super::rows::wrap_lines(body, inner.width);
    let scroll = app
        .work
        .as_ref()
        .map_or(0, |w| w.detail_scroll)
        .min(max_scroll(body.len(), inner.height));
    Paragraph::new(body)
        .block(block)
        .scroll((scroll, 0))
        .render(area, buf);
}

/// How far a pane of `height` rows showing `rows` rows can scroll: until its last row
/// is at the bottom.
pub fn max_scroll(rows: usize, height: u16) -> u16 {
    rows.saturating_sub(usize::from(height))
        .min(usize::from(u16::MAX)) as u16
}

/// The detail pane's scroll limit for the app's current state and layout.
pub fn detail_max_scroll(app: &App) -> u16 {
    let Some(area) = crate::tui::layout::workbench(app.size, Focus::Detail).detail else {
        return 0;
    };
    let inner = crate::tui::layout::inner(area);
    let claim = app.selected_claim().map(|c| c.id.as_str());
    let Some(d) = app
        .work
        .as_ref()
        .and_then(|w| w.detail.as_ref())
        .filter(|d| Some(d.claim.id.as_str()) == claim)
    else {
        return 0;
    };
    let rows = super::rows::wrap_lines(
        lines(app, Theme { color: false }, d, inner.width),
        inner.width,
    );
    max_scroll(rows.len(), inner.height)
}

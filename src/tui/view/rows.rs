//! Breaking styled lines into display rows ourselves, so a pane knows exactly how many
//! rows it draws (and so how far it can scroll).

use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthChar;

/// Breaks one styled line into rows of at most `width` columns: at the last space
/// that fits, or inside a word longer than a row. Styles stay on their characters.
/// A line that starts indented continues two columns further in ("  + title" rows
/// go on under the title), so lists stay readable.
pub fn wrap_line(line: Line<'_>, width: u16) -> Vec<Line<'static>> {
    let lead = line
        .spans
        .iter()
        .flat_map(|s| s.content.chars())
        .take_while(|c| *c == ' ')
        .count();
    let hang = if lead > 0 { lead + 2 } else { 0 };
    wrap_hanging(line, width, hang)
}

/// Like [`wrap_line`], with continuation rows indented by `hang` columns (at most half
/// the width, so at least half is left for text).
pub fn wrap_hanging(line: Line<'_>, width: u16, hang: usize) -> Vec<Line<'static>> {
    let width = usize::from(width.max(1));
    // On a narrow screen the continuation still steps in, as far as half the row
    // (at column 0 it read as a line of its own).
    let hang = hang.min(width / 2);
    let cells: Vec<(char, Style)> = line
        .spans
        .iter()
        .flat_map(|s| {
            let style = line.style.patch(s.style);
            s.content.chars().map(move |c| (c, style))
        })
        .collect();
    let mut rows = Vec::new();
    let mut row: Vec<(char, Style)> = Vec::new();
    let mut used = 0;
    for cell in cells {
        let w = cell.0.width().unwrap_or(0);
        if used + w > width && !row.is_empty() {
            // Break at the last space of the row after its indent (a long URL has none:
            // breaking at the indent left a blank row per character), else mid-word.
            let indent = row.iter().take_while(|(c, _)| *c == ' ').count();
            let rest = match row.iter().rposition(|(c, _)| *c == ' ') {
                Some(i) if i > indent => {
                    let rest = row.split_off(i + 1);
                    row.pop();
                    rest
                }
                _ => Vec::new(),
            };
            rows.push(spans_of(std::mem::take(&mut row)));
            row = vec![(' ', Style::new()); hang];
            row.extend(rest);
            used = row.iter().map(|(c, _)| c.width().unwrap_or(0)).sum();
        }
        row.push(cell);
        used += w;
    }
    rows.push(spans_of(row));
    rows
}

/// Wraps every line; the result has exactly one entry per drawn row.
pub fn wrap_lines(lines: Vec<Line<'_>>, width: u16) -> Vec<Line<'static>> {
    lines
        .into_iter()
        .flat_map(|l| wrap_line(l, width))
        .collect()
}

fn spans_of(cells: Vec<(char, Style)>) -> Line<'static> {
    let mut spans: Vec<Span<'static>> = Vec::new();
    let mut text = String::new();
    let mut style = None;
    for (c, s) in cells {
        if style.is_some_and(|st| st != s) {
            spans.push(Span::styled(
                std::mem::take(&mut text),
                style.unwrap_or_default(),
            ));
        }
        style = Some(s);
        text.push(c);
    }
    if !text.is_empty() {
        spans.push(Span::styled(text, style.unwrap_or_default()));
    }
    Line::from(spans)
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_width::UnicodeWidthStr;

    fn text(l: &Line) -> String {
        l.spans.iter().map(|s| s.content.as_ref()).collect()
    }

    #[test]
    fn wraps_at_spaces_and_keeps_styles() {
        let bold = Style::new().add_modifier(ratatui::style::Modifier::BOLD);
        let line = Line::from(vec![
            Span::raw("one two "),
            Span::styled("three four", bold),
        ]);
        let rows = wrap_line(line, 9);
        let texts: Vec<String> = rows.iter().map(text).collect();
        assert_eq!(texts, ["one two", "three", "four"]);
        assert_eq!(rows[1].spans[0].style, bold);
    }

    /// An indented URL wider than the pane: cut into full rows, none blank, none wider.
    #[test]
    fn a_long_indented_word_is_cut_not_spread_over_blank_rows() {
        let url = format!(
            "    https://www.example.org/{}",
            "a/very/long/path/".repeat(5)
        );
        for hang in [0, 4] {
            let rows = wrap_hanging(Line::from(url.clone()), 40, hang);
            let texts: Vec<String> = rows.iter().map(text).collect();
            assert!(texts.len() <= 4, "{texts:#?}");
            assert!(
                texts
                    .iter()
                    .all(|t| !t.trim().is_empty() && t.width() <= 40),
                "{texts:#?}"
            );
            let joined: String = texts.iter().map(|t| t.trim_start()).collect();
            assert_eq!(joined, url.trim_start());
        }
    }

    #[test]
    fn cuts_long_words_and_counts_wide_chars() {
        let rows = wrap_line(Line::from("abcdefgh"), 3);
        assert_eq!(
            rows.iter().map(text).collect::<Vec<_>>(),
            ["abc", "def", "gh"]
        );
        let rows = wrap_line(Line::from("伊朗大使"), 5);
        assert_eq!(rows.iter().map(text).collect::<Vec<_>>(), ["伊朗", "大使"]);
        assert_eq!(wrap_line(Line::from(""), 4).len(), 1);
    }

    #[test]
    fn indented_lines_continue_under_their_text() {
        let rows = wrap_line(Line::from("  + a long source title"), 12);
        let texts: Vec<String> = rows.iter().map(text).collect();
        assert_eq!(texts, ["  + a long", "    source", "    title"]);
    }
}

//! A text field's contents fitted to the columns it has: a multi-line field wraps at
//! spaces, a one-line field scrolls sideways so the cursor stays in view ("…" marks
//! the cut ends). Each grapheme is drawn and measured as the article is, so the
//! cursor lands where the text is.

use crate::tui::input::TextInput;
use crate::tui::wrap::{self, cell_text};
use unicode_segmentation::UnicodeSegmentation;

/// The field's lines wrapped into `room` columns, and the cursor's (row, column).
/// One column is kept free so the cursor fits after the last character of a line.
pub fn wrapped(input: &TextInput, room: u16) -> (Vec<String>, (u16, u16)) {
    let text = input.text();
    let wrapped = wrap::wrap(&text, room.saturating_sub(1).max(1));
    let cursor = input.cursor();
    let row = wrapped.line_of(cursor);
    let mut col = 0;
    let lines = wrapped
        .lines
        .iter()
        .enumerate()
        .map(|(i, line)| {
            let mut out = String::new();
            for (at, g) in wrap::graphemes(&text, line) {
                let (shown, width) = cell_text(g);
                if i == row && at < cursor {
                    col += width;
                }
                out.push_str(&shown);
            }
            out
        })
        .collect();
    (lines, (row as u16, col as u16))
}

/// A one-line field in `room` columns: the visible part and the cursor's column.
pub fn one_line(input: &TextInput, room: u16) -> (String, u16) {
    let room = usize::from(room);
    let text = input.text();
    // (what to draw, columns, where it starts) per grapheme.
    let mut cells = Vec::new();
    let mut col = 0;
    let mut cursor_col = 0;
    let mut at = 0;
    for g in text.graphemes(true) {
        if at < input.cursor() {
            cursor_col = col + cell_text(g).1;
        }
        at += g.chars().count();
        let (shown, width) = cell_text(g);
        cells.push((shown.into_owned(), width, col));
        col += width;
    }
    let total = col;
    if total < room || room < 3 {
        let shown = cells.iter().map(|(s, _, _)| s.as_str()).collect();
        return (shown, cursor_col.min(room.saturating_sub(1)) as u16);
    }
    // The cursor keeps the next-to-last column; the last one says the text goes on.
    let first = cursor_col.saturating_sub(room - 2);
    let end = first + room - 1;
    let mut out = String::new();
    let mut filled = 0;
    for (shown, width, start) in &cells {
        if *start < first || start + width > end {
            continue;
        }
        if filled == 0 && first > 0 {
            // The first visible cell says the text starts further left.
            out.push('…');
            filled = 1;
            while filled < start + width - first {
                out.push(' ');
                filled += 1;
            }
            continue;
        }
        while filled < start - first {
            out.push(' ');
            filled += 1;
        }
        out.push_str(shown);
        filled += width;
    }
    while filled < room - 1 {
        out.push(' ');
        filled += 1;
    }
    if total > end {
        out.push('…');
    }
    (out, (cursor_col - first) as u16)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::input::Edit;
    use unicode_width::UnicodeWidthStr;

    #[test]
    fn a_long_line_scrolls_to_keep_the_cursor_in_view() {
        let url = "https://www.example.org/2023/06/20/world/asia/iran-taliban.html";
        let mut input = TextInput::new(url);
        let (shown, col) = one_line(&input, 20);
        assert_eq!(shown.width(), 19, "{shown:?}");
        assert!(
            shown.starts_with('…') && shown.trim_end().ends_with("taliban.html"),
            "{shown:?}"
        );
        assert_eq!(col, 18);
        input.apply(&Edit::Home);
        let (shown, col) = one_line(&input, 20);
        assert_eq!(col, 0);
        assert!(
            shown.starts_with("https://") && shown.ends_with('…'),
            "{shown:?}"
        );
        assert_eq!(shown.width(), 20);
        // Short text is shown whole.
        assert_eq!(
            one_line(&TextInput::new("日本"), 20),
            ("日本".to_string(), 4)
        );
    }

    #[test]
    fn wide_characters_are_never_cut_in_half() {
        let input = TextInput::new(&"日本語".repeat(10));
        for room in 3..12 {
            let (shown, col) = one_line(&input, room);
            assert!(shown.width() <= usize::from(room), "{room}: {shown:?}");
            assert!(col < room);
        }
    }

    #[test]
    fn a_long_rationale_wraps_and_the_cursor_follows() {
        let mut input = TextInput::multiline("one two three four\nfive");
        input.apply(&Edit::Up);
        let (lines, cursor) = wrapped(&input, 10);
        assert_eq!(lines, vec!["one two ", "three ", "four", "five"]);
        assert_eq!(cursor, (0, 4));
        input.apply(&Edit::End);
        assert_eq!(wrapped(&input, 10).1, (2, 4));
    }
}

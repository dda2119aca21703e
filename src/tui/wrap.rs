//! Word-wrapping the article body into display lines that remember their code point
//! offsets, so claim spans (code points) map onto screen cells through any wrapping.
//! Wide (CJK, emoji) and zero-width (combining) characters are measured by grapheme.

use std::borrow::Cow;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// Spaces a tab expands to.
const TAB: &str = "    ";

/// One display line: a byte range and the code point range of the same text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DisplayLine {
    pub byte_start: usize,
    pub byte_end: usize,
    pub cp_start: usize,
    pub cp_end: usize,
}

/// The article wrapped at one width; rebuilt only when the width changes.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Wrapped {
    pub width: u16,
    pub lines: Vec<DisplayLine>,
}

/// What one grapheme looks like on screen: safe text and its width in columns.
pub fn cell_text(g: &str) -> (Cow<'_, str>, usize) {
    if g == "\t" {
        return (Cow::Borrowed(TAB), TAB.len());
    }
    if g.chars()
        .any(|c| crate::text::is_unsafe_char(c) && !crate::text::is_needed_joiner(c))
    {
        return (Cow::Borrowed("\u{fffd}"), 1);
    }
    match g.width() {
        0 => (Cow::Borrowed("\u{fffd}"), 1),
        w => (Cow::Borrowed(g), w),
    }
}

/// Wraps `body` at `width` columns, breaking after spaces where it can.
pub fn wrap(body: &str, width: u16) -> Wrapped {
    let width = usize::from(width.max(1));
    let mut lines = Vec::new();
    let mut cp = 0;
    let mut start = (0usize, 0usize); // (byte, cp) where the current line starts
    let mut col = 0;
    // Where the line may break: after the last space, with the column there.
    let mut last_break: Option<(usize, usize, usize)> = None;
    // The grapheme before this one: (byte, cp, width), for breaking one earlier.
    let mut prev: Option<(usize, usize, usize)> = None;
    for (byte, g) in body.grapheme_indices(true) {
        let g_cps = g.chars().count();
        if g == "\n" || g == "\r\n" {
            lines.push(line(start, (byte, cp)));
            cp += g_cps;
            start = (byte + g.len(), cp);
            col = 0;
            last_break = None;
            continue;
        }
        let w = cell_text(g).1;
        let is_space = g == " " || g == "\t";
        if col + w > width && col > 0 {
            if is_space {
                // The space itself ends the line and is not drawn.
                lines.push(line(start, (byte, cp)));
                cp += g_cps;
                start = (byte + g.len(), cp);
                col = 0;
                last_break = None;
                continue;
            }
            match last_break {
                Some((b, c, bcol)) if b > start.0 => {
                    lines.push(line(start, (b, c)));
                    start = (b, c);
                    col -= bcol;
                }
                // Chinese and Japanese never start a line with closing punctuation
                // (。、」...): take the character before it along (kinsoku).
                _ if is_no_line_start(g) && prev.is_some_and(|(b, _, _)| b > start.0) => {
                    let (b, c, pw) = prev.unwrap_or((byte, cp, 0));
                    lines.push(line(start, (b, c)));
                    start = (b, c);
                    col = pw;
                }
                _ => {
                    lines.push(line(start, (byte, cp)));
                    start = (byte, cp);
                    col = 0;
                }
            }
            last_break = None;
            // The words carried over may still leave no room for this one.
            if col + w > width && col > 0 {
                lines.push(line(start, (byte, cp)));
                start = (byte, cp);
                col = 0;
            }
        }
        prev = Some((byte, cp, w));
        col += w;
        cp += g_cps;
        if is_space {
            last_break = Some((byte + g.len(), cp, col));
        }
    }
    lines.push(line(start, (body.len(), cp)));
    Wrapped {
        width: width as u16,
        lines,
    }
}

/// Punctuation that Chinese and Japanese typesetting keeps off the start of a line.
fn is_no_line_start(g: &str) -> bool {
    matches!(
        g,
        "。" | "、"
            | "，"
            | "．"
            | "！"
            | "？"
            | "："
            | "；"
            | "）"
            | "」"
            | "』"
            | "】"
            | "〕"
            | "〉"
            | "》"
            | "ー"
            | "ゝ"
            | "々"
    )
}

fn line(start: (usize, usize), end: (usize, usize)) -> DisplayLine {
    DisplayLine {
        byte_start: start.0,
        byte_end: end.0,
        cp_start: start.1,
        cp_end: end.1,
    }
}

impl Wrapped {
    /// The display line holding code point `cp` (the last line for offsets past the end).
    pub fn line_of(&self, cp: usize) -> usize {
        match self.lines.binary_search_by(|l| l.cp_start.cmp(&cp)) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        }
        .min(self.lines.len().saturating_sub(1))
    }
}

/// The graphemes of one display line with their code point offsets.
pub fn graphemes<'a>(
    body: &'a str,
    line: &DisplayLine,
) -> impl Iterator<Item = (usize, &'a str)> + 'a {
    let text = body.get(line.byte_start..line.byte_end).unwrap_or("");
    let mut cp = line.cp_start;
    text.graphemes(true).map(move |g| {
        let at = cp;
        cp += g.chars().count();
        (at, g)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(body: &str, width: u16) -> Vec<String> {
        wrap(body, width)
            .lines
            .iter()
            .map(|l| body[l.byte_start..l.byte_end].to_string())
            .collect()
    }

    #[test]
    fn wraps_at_spaces_and_keeps_offsets() {
        let body = "the quick brown fox\njumps";
        assert_eq!(texts(body, 10), vec!["the quick ", "brown fox", "jumps"]);
        let w = wrap(body, 10);
        assert_eq!(w.lines[2].cp_start, 20);
        assert_eq!(w.line_of(21), 2);
        assert_eq!(w.line_of(0), 0);
    }

    #[test]
    fn measures_wide_and_combining() {
        // "e\u{301}" is one column, CJK two each: 1 + 2*4 = 9 columns.
        let body = "e\u{301}日本語文";
        let w = wrap(body, 5);
        assert_eq!(texts(body, 5), vec!["e\u{301}日本", "語文"]);
        assert_eq!(w.lines[1].cp_start, 4);
        assert_eq!(cell_text("\u{1b}").0, "\u{fffd}");
        assert_eq!(cell_text("\u{202e}").1, 1);
        let emoji = "👩\u{200d}🔬";
        assert_eq!(cell_text(emoji).0, emoji);
        // Persian spells some words with a zero-width non-joiner: it stays.
        let persian = "ه\u{200c}";
        assert_eq!(cell_text(persian).0, persian);
    }

    #[test]
    fn closing_cjk_punctuation_never_starts_a_line() {
        // 6 columns: "述べた" fills the third line exactly; "。" takes "た" along.
        let lines = texts("日本の首相は述べた。", 6);
        assert_eq!(lines, vec!["日本の", "首相は", "述べ", "た。"]);
        for width in 4..24 {
            for l in texts("首相は、「失業率が低下した」と述べた。次の文。", width)
            {
                assert!(!l.starts_with(['。', '、', '」']), "{width}: {l:?}");
            }
        }
    }

    #[test]
    fn long_words_break_hard_and_width_zero_is_safe() {
        assert_eq!(texts("abcdefgh", 3), vec!["abc", "def", "gh"]);
        assert_eq!(wrap("abc", 0).lines.len(), 3);
        assert_eq!(wrap("", 10).lines.len(), 1);
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(200))]
        #[test]
        fn lines_cover_the_text_and_fit(
            parts in proptest::collection::vec(
                proptest::sample::select(vec!["a", "word ", " ", "\n", "日本", "e\u{301}", "👩\u{200d}🔬", "ğ", "\t", "\u{1b}", "“q”", "long-word-here"]),
                0..60,
            ),
            width in 1u16..30,
        ) {
            let body: String = parts.concat();
            let w = wrap(&body, width);
            let mut byte = 0;
            let mut cp = 0;
            for line in &w.lines {
                // Between lines only the break itself (a space or a newline) is skipped.
                let gap = &body[byte..line.byte_start];
                proptest::prop_assert!(gap.is_empty() || gap == " " || gap == "\t" || gap == "\n", "gap {:?}", gap);
                cp += gap.chars().count();
                proptest::prop_assert_eq!(line.cp_start, cp);
                let text = &body[line.byte_start..line.byte_end];
                cp += text.chars().count();
                proptest::prop_assert_eq!(line.cp_end, cp);
                let cols: usize = graphemes(&body, line).map(|(_, g)| cell_text(g).1).sum();
                let one_grapheme = graphemes(&body, line).count() <= 1;
                proptest::prop_assert!(cols <= usize::from(width) || one_grapheme, "{:?} is {} columns", text, cols);
                byte = line.byte_end;
            }
            proptest::prop_assert!(body.len() - byte <= 1);
        }
    }
}

//! Text helpers shared by every layer: code point offsets and terminal-safe display.
//!
//! Claim offsets are Unicode code points (what Python slicing and the gold data use);
//! Rust strings index by byte, so conversions live here, in one place.

use std::borrow::Cow;

/// Byte offset of code point `cp` in `s`, or `None` when `cp` is past the end.
/// `cp == s.chars().count()` maps to `s.len()`.
pub fn byte_offset(s: &str, cp: usize) -> Option<usize> {
    if cp == 0 {
        return Some(0);
    }
    let mut n = 0;
    for (i, _) in s.char_indices() {
        if n == cp {
            return Some(i);
        }
        n += 1;
    }
    (n == cp).then_some(s.len())
}

/// The length of the UTF-8 sequence a byte starts: 2 to 4 for lead bytes, 1 for ASCII
/// and for bytes that start no sequence (so a scan over broken input still advances).
pub fn utf8_len(first: u8) -> usize {
    match first {
        0xC2..=0xDF => 2,
        0xE0..=0xEF => 3,
        0xF0..=0xF4 => 4,
        _ => 1,
    }
}

/// Code point offset of byte offset `byte` (which must be on a char boundary).
pub fn char_offset(s: &str, byte: usize) -> usize {
    s[..byte.min(s.len())].chars().count()
}

/// The text between code point offsets `start..end`, or `None` if out of range.
pub fn slice_chars(s: &str, start: usize, end: usize) -> Option<&str> {
    if start > end {
        return None;
    }
    let b0 = byte_offset(s, start)?;
    let b1 = b0 + byte_offset(&s[b0..], end - start)?;
    Some(&s[b0..b1])
}

/// Every code point offset at which `needle` occurs in `haystack`, overlapping
/// occurrences included ("aa" occurs twice in "aaa"): each is a span a quote could mean.
pub fn find_all_chars(haystack: &str, needle: &str) -> Vec<usize> {
    let mut out = Vec::new();
    let Some(first) = needle.chars().next() else {
        return out;
    };
    let mut cp = 0;
    let mut counted = 0;
    let mut from = 0;
    while let Some(found) = haystack[from..].find(needle) {
        let byte = from + found;
        cp += haystack[counted..byte].chars().count();
        counted = byte;
        out.push(cp);
        from = byte + first.len_utf8();
    }
    out
}

/// True for characters that must never reach a terminal raw: C0 and C1 controls
/// (ESC among them), DEL, bidi embeddings, overrides and isolates (Trojan Source),
/// invisible joiners and marks that hide text, and the line and paragraph separators
/// (U+2028, U+2029), which terminals give no cell, shifting the rest of the row.
pub fn is_unsafe_char(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}'
        | '\u{061c}' | '\u{180e}' | '\u{200b}'..='\u{200f}' | '\u{2028}'..='\u{202e}'
        | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{2069}' | '\u{feff}'
        | '\u{fff9}'..='\u{fffb}')
}

/// Text made safe to print on one line of a terminal: tabs become spaces, newlines
/// become spaces, every other unsafe character becomes U+FFFD so its presence shows.
/// The zero-width joiner (U+200D, emoji sequences) and non-joiner (U+200C, which
/// Persian spelling needs) are kept: they draw nothing by themselves and hide nothing.
pub fn sanitize_line(s: &str) -> Cow<'_, str> {
    if !s.chars().any(needs_replacing) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.chars()
            .map(|c| match c {
                '\t' | '\n' | '\r' => ' ',
                c if needs_replacing(c) => '\u{fffd}',
                c => c,
            })
            .collect(),
    )
}

/// Like [`sanitize_line`] but keeps newlines, for multi-line text such as an article
/// body printed by the CLI.
pub fn sanitize_multiline(s: &str) -> Cow<'_, str> {
    if !s.chars().any(|c| c != '\n' && needs_replacing(c)) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.chars()
            .map(|c| match c {
                '\n' => '\n',
                '\t' => ' ',
                '\r' => ' ',
                c if needs_replacing(c) => '\u{fffd}',
                c => c,
            })
            .collect(),
    )
}

pub fn needs_replacing(c: char) -> bool {
    is_unsafe_char(c) && !is_needed_joiner(c)
}

/// Joiners that real text needs: ZWJ in emoji sequences, ZWNJ in Persian words.
pub fn is_needed_joiner(c: char) -> bool {
    matches!(c, '\u{200c}' | '\u{200d}')
}

/// True when the text holds bidi controls or invisible characters a reviewer should
/// be warned about (the stored text keeps them; the display marks them).
pub fn has_hidden_controls(s: &str) -> bool {
    s.chars().any(is_hidden_char)
}

/// A character that draws nothing and is not line layout: a control, a bidi mark, an
/// invisible space or joiner (not the joiners real text needs).
pub fn is_hidden_char(c: char) -> bool {
    needs_replacing(c) && !matches!(c, '\n' | '\t' | '\r')
}

/// What the workbench and `show` say under text that [`has_hidden_controls`]: the
/// display marks each such character as U+FFFD, this says why.
pub const HIDDEN_CONTROLS_WARNING: &str =
    "⚠ hidden control characters in this text (shown as �): check the original";

/// `s` cut to at most `max` characters, with an ellipsis when cut.
pub fn truncate_chars(s: &str, max: usize) -> Cow<'_, str> {
    if s.chars().count() <= max {
        return Cow::Borrowed(s);
    }
    let keep: String = s.chars().take(max.saturating_sub(1)).collect();
    Cow::Owned(format!("{keep}…"))
}

/// `s` cut (with an ellipsis) and padded with spaces to exactly `columns` terminal
/// columns: a table cell for the CLI, where CJK characters take two columns and
/// combining marks none (`{:<n}` counts characters, which misaligns both).
pub fn fit_columns(s: &str, columns: usize) -> String {
    use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};
    let mut out = String::new();
    let mut used = 0;
    if s.width() <= columns {
        out.push_str(s);
        used = s.width();
    } else {
        for c in s.chars() {
            let w = c.width().unwrap_or(0);
            if used + w + 1 > columns {
                break;
            }
            out.push(c);
            used += w;
        }
        if columns > 0 {
            out.push('…');
            used += 1;
        }
    }
    out.extend(std::iter::repeat_n(' ', columns.saturating_sub(used)));
    out
}

/// Han ideographs and the Japanese kana (scripts written without spaces).
pub fn is_cjk(c: char) -> bool {
    matches!(c, '\u{3040}'..='\u{30FF}' | '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}')
}

/// `word` or `words` for a count.
pub fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        word.to_string()
    } else {
        format!("{word}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_fit_their_columns_in_any_script() {
        use unicode_width::UnicodeWidthStr;
        for s in [
            "regional consensus",
            "日本の首相は、2024年に失業率が2.5%に低下",
            "e\u{301}te\u{301}",
            "وزیر خارجه",
            "",
        ] {
            for cols in [0, 1, 5, 12, 40] {
                let cell = fit_columns(s, cols);
                assert_eq!(cell.width(), cols, "{s:?} in {cols}: {cell:?}");
            }
        }
        assert_eq!(fit_columns("日本の首相", 6), "日本… ");
    }

    #[test]
    fn offsets_on_non_ascii() {
        let s = "Sinirlioğlu said “yes” 🇮🇷 e\u{301}日本";
        let start = s.find("said").unwrap();
        assert_eq!(char_offset(s, start), 12);
        assert_eq!(byte_offset(s, 12), Some(start));
        assert_eq!(slice_chars(s, 12, 16), Some("said"));
        assert_eq!(slice_chars(s, 0, s.chars().count()), Some(s));
        assert_eq!(slice_chars(s, 0, 1000), None);
        assert_eq!(byte_offset(s, s.chars().count()), Some(s.len()));
    }

    #[test]
    fn finds_all_occurrences_in_code_points() {
        let s = "ğa ğa ğa";
        assert_eq!(find_all_chars(s, "ğa"), vec![0, 3, 6]);
        assert_eq!(find_all_chars("ğğğ", "ğğ"), vec![0, 1]);
        assert!(find_all_chars(s, "").is_empty());
    }

    #[test]
    fn sanitizes_controls_and_bidi() {
        let s = "ok\x1b[31mred\u{202e}evil\u{9b}\tend";
        let clean = sanitize_line(s);
        assert!(!clean.chars().any(is_unsafe_char));
        assert!(clean.contains("ok\u{fffd}[31mred\u{fffd}evil\u{fffd} end"));
        assert!(matches!(sanitize_line("plain ğ 日本"), Cow::Borrowed(_)));
        assert_eq!(sanitize_multiline("a\nb\x07"), "a\nb\u{fffd}");
        assert!(has_hidden_controls("x\u{2066}y"));
        // The Mongolian vowel separator draws nothing since Unicode 6.3.
        assert_eq!(sanitize_line("ta\u{180e}u"), "ta\u{fffd}u");
        assert!(!has_hidden_controls("line\nnext"));
        // Persian needs the zero-width non-joiner: "می‌خواهم" must survive intact.
        assert_eq!(sanitize_line("می\u{200c}خواهم"), "می\u{200c}خواهم");
    }
}

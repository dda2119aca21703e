//! Escaping for every output format: text from users and files is shown, never obeyed.
//!
//! All formats first make hidden characters visible, one character to one replacement
//! so code point offsets still line up: C0 controls become their Unicode control
//! pictures (ESC shows as ␛), DEL ␡, C1 controls and the bidi embeddings, overrides and
//! isolates (Trojan Source) U+FFFD. Newlines and tabs stay where a format can hold them.
//! The joiners and marks real scripts need (ZWJ in emoji, ZWNJ in Persian, LRM/RLM,
//! the Arabic letter mark) are kept.

use std::borrow::Cow;

/// The visible stand-in for a character a report must not pass on raw, or `None` to
/// keep it. `\n` and `\t` are kept: callers decide what they become.
pub fn stand_in(c: char) -> Option<char> {
    match c {
        '\n' | '\t' => None,
        '\u{0}'..='\u{1f}' => char::from_u32(0x2400 + c as u32),
        '\u{7f}' => Some('\u{2421}'),
        '\u{80}'..='\u{9f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => Some('\u{fffd}'),
        '\u{200b}' | '\u{2060}'..='\u{2064}' | '\u{feff}' | '\u{fff9}'..='\u{fffb}' => {
            Some('\u{fffd}')
        }
        _ => None,
    }
}

/// `s` with hidden characters made visible (see [`stand_in`]).
pub fn visible(s: &str) -> Cow<'_, str> {
    if !s.chars().any(|c| stand_in(c).is_some()) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(s.chars().map(|c| stand_in(c).unwrap_or(c)).collect())
}

/// `s` on one line: visible, with runs of whitespace (newlines among them) as one space.
pub fn one_line(s: &str) -> String {
    visible(s).split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Appends one character HTML-escaped (after [`stand_in`]).
pub fn push_html_char(out: &mut String, c: char) {
    match stand_in(c).unwrap_or(c) {
        '&' => out.push_str("&amp;"),
        '<' => out.push_str("&lt;"),
        '>' => out.push_str("&gt;"),
        '"' => out.push_str("&quot;"),
        '\'' => out.push_str("&#39;"),
        c => out.push(c),
    }
}

/// `s` escaped for HTML text and attribute values: `& < > " '` and hidden characters.
pub fn html(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        push_html_char(&mut out, c);
    }
    out
}

/// Multi-line text as HTML: paragraphs at blank lines, `<br>` at single newlines.
pub fn html_paragraphs(s: &str, class: &str) -> String {
    let mut out = String::new();
    for para in s.split("\n\n").map(str::trim).filter(|p| !p.is_empty()) {
        out.push_str(&format!("<p class=\"{class}\" dir=\"auto\">"));
        let lines: Vec<String> = para.lines().map(|l| html(l.trim())).collect();
        out.push_str(&lines.join("<br>"));
        out.push_str("</p>\n");
    }
    out
}

/// The URL to link to, when `s` is an http(s) URL: normalised by the `url` crate (so
/// `"`, `<`, `>` and spaces are percent-encoded). Everything else stays text.
pub fn link_target(s: &str) -> Option<String> {
    crate::validate::http_url(s).ok()
}

/// ASCII punctuation CommonMark lets a backslash escape and that can start markup
/// inline: emphasis, code, links, images, raw HTML, entities, tables, strikethrough.
fn md_inline_special(c: char) -> bool {
    matches!(
        c,
        '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '&' | '|' | '~' | '!' | '#' | '$'
    )
}

/// One line of user text for Markdown: visible, on one line, every character that
/// could start markup backslash-escaped, and a leading block marker (`-`, `+`, `1.`,
/// `=`) neutralised. No raw HTML can pass: `<` is always escaped.
pub fn md(s: &str) -> String {
    let line = one_line(s);
    let mut out = String::with_capacity(line.len() + 8);
    for (i, c) in line.chars().enumerate() {
        if md_inline_special(c) || (i == 0 && matches!(c, '-' | '+' | '=')) {
            out.push('\\');
        }
        out.push(c);
    }
    escape_ordered_marker(out)
}

/// `1. text` or `1) text` at the start of a line would become a list: escape the dot.
fn escape_ordered_marker(line: String) -> String {
    let digits = line.chars().take_while(|c| c.is_ascii_digit()).count();
    if digits > 0 && matches!(line[digits..].chars().next(), Some('.' | ')')) {
        return format!("{}\\{}", &line[..digits], &line[digits..]);
    }
    line
}

/// Multi-line user text for Markdown: each line escaped like [`md`] and given
/// `prefix` (e.g. `> ` for a block quote); blank lines are kept as paragraph breaks.
pub fn md_block(s: &str, prefix: &str) -> String {
    let mut out = String::new();
    let mut blank = false;
    for line in visible(s).lines() {
        let line = line.trim();
        if line.is_empty() {
            blank = true;
            continue;
        }
        if blank && !out.is_empty() {
            out.push_str(prefix.trim_end());
            out.push('\n');
        }
        blank = false;
        out.push_str(prefix);
        out.push_str(&md(line));
        out.push('\n');
    }
    out
}

/// A CSV cell safe to open in a spreadsheet: visible characters (newlines and tabs
/// kept), and a cell starting with `=`, `+`, `-`, `@`, a tab or a carriage return gets a
/// leading `'` so it is never run as a formula (CSV injection). Quoting is the csv
/// crate's (RFC 4180).
pub fn csv_cell(s: &str) -> String {
    let shown = visible(s);
    match shown.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{shown}"),
        _ => shown.into_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hidden_characters_become_visible_one_for_one() {
        let s = "a\u{1b}[31m\u{202e}b\u{9b}c\u{7f}\u{200d}\u{200c}";
        let v = visible(s);
        assert_eq!(v.chars().count(), s.chars().count());
        assert_eq!(v, "a\u{241b}[31m\u{fffd}b\u{fffd}c\u{2421}\u{200d}\u{200c}");
    }

    #[test]
    fn html_escapes_all_five() {
        assert_eq!(
            html("<a href=\"x\">'&'</a>"),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;"
        );
    }

    #[test]
    fn only_http_links() {
        assert!(link_target("https://un.org/a b").is_some_and(|u| u.contains("%20")));
        for bad in [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            "java\tscript:x",
            "data:text/html,x",
            "vbscript:x",
            "file:///etc",
        ] {
            assert_eq!(link_target(bad), None, "{bad}");
        }
    }

    #[test]
    fn markdown_escapes_markup() {
        assert_eq!(md("<script>*x*"), "\\<script\\>\\*x\\*");
        assert_eq!(md("- item"), "\\- item");
        assert_eq!(md("12. twelve"), "12\\. twelve");
        assert_eq!(md("[a](javascript:x)"), "\\[a\\](javascript:x)");
        assert_eq!(md_block("one\n\n# two", "> "), "> one\n>\n> \\# two\n");
    }

    #[test]
    fn csv_cells_never_start_formulas() {
        assert_eq!(csv_cell("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(csv_cell("-2+3"), "'-2+3");
        assert_eq!(csv_cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(csv_cell("plain"), "plain");
    }
}

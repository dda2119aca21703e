//! The sentence splitter for news text: one linear byte scan that yields sentences as
//! byte ranges of the body, then code point offsets.
//!
//! Rules, in the order a reader applies them: a blank line always ends a sentence; a
//! single newline ends one unless the line is a hard-wrapped middle of a sentence; a
//! headline or list item without a full stop is its own sentence; `.`, `!`, `?`, `…`
//! and CJK stops end a sentence only when closing quotes/brackets and then whitespace
//! and a sentence-like start follow; abbreviations (Mr., Gen., U.S., a.m.), initials,
//! decimals (3.5) and list numbers (`1.`) do not end one.

use super::Sentence;
use crate::text::utf8_len;

/// A sentence longer than this (in bytes) is cut at the next space, so one 10 MB line
/// without punctuation does not become one 10 MB suggestion.
pub const MAX_SENTENCE_BYTES: usize = 4096;

/// Titles and other abbreviations that are never the last word of a sentence.
const TITLES: &[&str] = &[
    "adm", "atty", "brig", "capt", "cmdr", "col", "cpl", "dept", "det", "dr", "fig", "gen", "gov",
    "hon", "insp", "lt", "maj", "messrs", "mme", "mr", "mrs", "ms", "mssrs", "mt", "nos", "pres",
    "prof", "pvt", "rep", "reps", "rev", "sen", "sens", "sgt", "sr", "st", "supt", "vs", "approx",
    "ca", "cf", "vol", "pp", "esp",
];

/// Abbreviations that may also close a sentence ("at 9 a.m. The talks ..."): they end one
/// only when a common sentence opener follows.
const AMBIGUOUS: &[&str] = &[
    "a.m", "p.m", "u.s", "u.k", "u.n", "e.u", "inc", "co", "corp", "ltd", "llc", "jr", "etc",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "e.g",
    "i.e", "no", "ph.d", "b.a", "d.c", "bros", "est", "ave", "blvd", "rd", "univ",
];

/// Words that commonly open a sentence; after an ambiguous abbreviation they signal a break.
const OPENERS: &[&str] = &[
    "a",
    "after",
    "also",
    "an",
    "and",
    "as",
    "at",
    "before",
    "but",
    "by",
    "during",
    "for",
    "he",
    "her",
    "his",
    "however",
    "i",
    "if",
    "in",
    "it",
    "its",
    "meanwhile",
    "many",
    "most",
    "officials",
    "on",
    "one",
    "our",
    "she",
    "since",
    "so",
    "some",
    "that",
    "the",
    "their",
    "there",
    "these",
    "they",
    "this",
    "those",
    "to",
    "we",
    "when",
    "while",
    "yet",
    "you",
];

/// Splits `body` into sentences with code point offsets (end exclusive).
pub fn split(body: &str) -> Vec<Sentence> {
    let ranges = split_bytes(body);
    to_code_points(body, &ranges)
}

/// Sentences as byte ranges of `body`, trimmed of surrounding whitespace and list markers.
pub fn split_bytes(body: &str) -> Vec<(usize, usize)> {
    let b = body.as_bytes();
    let mut out = Vec::with_capacity(b.len() / 100 + 1);
    let mut start = 0;
    let mut line_start = 0;
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        match c {
            b'\n' => {
                if newline_ends_sentence(b, line_start, i) {
                    push(body, &mut out, start, i);
                    start = i + 1;
                }
                line_start = i + 1;
                i += 1;
                continue;
            }
            b'.' | b'!' | b'?' => {
                if let Some(end) = stop_at(b, i, start, line_start) {
                    push(body, &mut out, start, end);
                    start = end;
                    i = end;
                    continue;
                }
            }
            0xE2 if b.get(i + 1) == Some(&0x80) && b.get(i + 2) == Some(&0xA6) => {
                // '…' behaves like "...".
                if let Some(end) = stop_at(b, i + 2, start, line_start) {
                    push(body, &mut out, start, end);
                    start = end;
                    i = end;
                    continue;
                }
            }
            0xE3 if b.get(i + 1) == Some(&0x80) && b.get(i + 2) == Some(&0x82) => {
                // '。' ends a sentence with no space after it.
                let end = skip_closers(b, i + 3);
                push(body, &mut out, start, end);
                start = end;
                i = end;
                continue;
            }
            0xEF if b.get(i + 1) == Some(&0xBC)
                && matches!(b.get(i + 2), Some(&0x81) | Some(&0x9F)) =>
            {
                // Full-width '！' and '？'.
                let end = skip_closers(b, i + 3);
                push(body, &mut out, start, end);
                start = end;
                i = end;
                continue;
            }
            _ => {}
        }
        if i - start >= MAX_SENTENCE_BYTES && (c == b' ' || c == b'\t') {
            push(body, &mut out, start, i);
            start = i;
        } else if i - start >= 4 * MAX_SENTENCE_BYTES && body.is_char_boundary(i) {
            // No space at all for 16 KB: cut anywhere on a character boundary.
            push(body, &mut out, start, i);
            start = i;
        }
        i += 1;
    }
    push(body, &mut out, start, b.len());
    out
}

/// Pushes `start..end` trimmed of whitespace and a leading list marker, if anything remains.
fn push(body: &str, out: &mut Vec<(usize, usize)>, start: usize, end: usize) {
    let b = body.as_bytes();
    let (mut s, mut e) = (start, end);
    while s < e && is_space_at(body, s) {
        s += utf8_len(b[s]);
    }
    // A list marker opens a line; mid-line, "1950) " or "a) " is the sentence's own text.
    let line_start = body[..s].trim_end_matches([' ', '\t']);
    if line_start.is_empty() || line_start.ends_with('\n') {
        s += list_marker_len(&b[s..e]);
    }
    while s < e && is_space_at(body, s) {
        s += utf8_len(b[s]);
    }
    while e > s && is_space_before(body, e) {
        e -= prev_char_len(b, e);
    }
    if s < e {
        out.push((s, e));
    }
}

fn is_space_at(body: &str, i: usize) -> bool {
    body[i..].chars().next().is_some_and(char::is_whitespace)
}

fn is_space_before(body: &str, i: usize) -> bool {
    body[..i]
        .chars()
        .next_back()
        .is_some_and(char::is_whitespace)
}

fn prev_char_len(b: &[u8], end: usize) -> usize {
    let mut n = 1;
    while n < end && n < 4 && (b[end - n] & 0xC0) == 0x80 {
        n += 1;
    }
    n
}

/// Length of a list marker ("- ", "* ", "• ", "1. ", "2) ", "a) ") at the start of `s`.
pub(crate) fn list_marker_len(s: &[u8]) -> usize {
    match s {
        [b'-' | b'*' | b'+', b' ' | b'\t', ..] => 2,
        [0xE2, 0x80, 0xA2, b' ' | b'\t', ..] => 4,
        _ => {
            let digits = s.iter().take(4).take_while(|c| c.is_ascii_digit()).count();
            let letter =
                usize::from(digits == 0 && s.first().is_some_and(|c| c.is_ascii_lowercase()));
            let n = digits + letter;
            if n > 0
                && matches!(s.get(n), Some(b'.' | b')'))
                && matches!(s.get(n + 1), Some(b' ' | b'\t'))
            {
                // "a. " is not a marker (it is the article "a."), only "a) " is.
                if letter == 1 && s.get(n) == Some(&b'.') {
                    return 0;
                }
                n + 2
            } else {
                0
            }
        }
    }
}

/// Decides whether the newline at `nl` (ending the line that began at `line_start`)
/// ends a sentence.
fn newline_ends_sentence(b: &[u8], line_start: usize, nl: usize) -> bool {
    let line = trim_ascii(&b[line_start..nl]);
    if line.is_empty() {
        return true;
    }
    let mut j = nl + 1;
    while j < b.len() && matches!(b[j], b' ' | b'\t' | b'\r') {
        j += 1;
    }
    let next = &b[j..];
    if next.is_empty() || next[0] == b'\n' {
        return true; // a blank line or the end
    }
    if list_marker_len(line) > 0 || list_marker_len(next) > 0 || line.starts_with(b"#") {
        return true;
    }
    let last = line[line.len() - 1];
    if matches!(last, b'.' | b'!' | b'?' | b':' | b'"' | b')') || line.ends_with("”".as_bytes()) {
        return true;
    }
    // Hard-wrapped prose: a long line running on into a lower-case word, or ending in a
    // comma, continues the sentence. Anything else is a headline or a line of its own.
    let wrapped =
        line.len() >= 40 && (next[0].is_ascii_lowercase() || matches!(last, b',' | b';' | b'-'));
    !wrapped
}

fn trim_ascii(mut s: &[u8]) -> &[u8] {
    while let [first, rest @ ..] = s {
        if first.is_ascii_whitespace() {
            s = rest;
        } else {
            break;
        }
    }
    while let [rest @ .., last] = s {
        if last.is_ascii_whitespace() {
            s = rest;
        } else {
            break;
        }
    }
    s
}

/// Skips closing quotes and brackets after a stop.
fn skip_closers(b: &[u8], mut j: usize) -> usize {
    loop {
        match b.get(j) {
            Some(b'"' | b'\'' | b')' | b']') => j += 1,
            // ” ’ (E2 80 9D / 99) and » (C2 BB)
            Some(0xE2)
                if b.get(j + 1) == Some(&0x80)
                    && matches!(b.get(j + 2), Some(&0x9D) | Some(&0x99)) =>
            {
                j += 3
            }
            Some(0xC2) if b.get(j + 1) == Some(&0xBB) => j += 2,
            _ => return j,
        }
    }
}

/// If the stop character at `i` ends a sentence, the byte offset where it ends.
fn stop_at(b: &[u8], i: usize, start: usize, line_start: usize) -> Option<usize> {
    // A run of stops ("?!", "...", ".”") counts as one.
    let mut j = i + 1;
    while j < b.len() && matches!(b[j], b'.' | b'!' | b'?') {
        j += 1;
    }
    while b.get(j) == Some(&0xE2) && b.get(j + 1) == Some(&0x80) && b.get(j + 2) == Some(&0xA6) {
        j += 3;
    }
    let end = skip_closers(b, j);
    // Whitespace must follow (or the end of the text).
    let mut k = end;
    while k < b.len() && matches!(b[k], b' ' | b'\t' | b'\r') {
        k += 1;
    }
    if k == end && k < b.len() && b[k] != b'\n' {
        return None;
    }
    if k >= b.len() {
        return Some(end);
    }
    if b[k] == b'\n' {
        // The newline rule decides.
        return None;
    }
    if !starts_sentence(&b[k..]) {
        return None;
    }
    if b[i] == b'.' && j == i + 1 && !period_ends(b, i, start, line_start, &b[k..]) {
        return None;
    }
    Some(end)
}

/// True when `s` looks like the start of a sentence: an upper-case letter, a digit, an
/// opening quote or bracket, or a letter of a script without case.
fn starts_sentence(s: &[u8]) -> bool {
    let mut t = s;
    // Opening quotes and brackets.
    loop {
        match t {
            [b'"' | b'\'' | b'(' | b'[', rest @ ..] => t = rest,
            [0xE2, 0x80, 0x9C | 0x98, rest @ ..] => t = rest,
            [0xC2, 0xAB, rest @ ..] => t = rest,
            _ => break,
        }
    }
    match t.first() {
        None => false,
        Some(c) if c.is_ascii_uppercase() || c.is_ascii_digit() => true,
        Some(c) if c.is_ascii() => false,
        Some(_) => {
            let ch = std::str::from_utf8(&t[..t.len().min(4)])
                .ok()
                .or_else(|| std::str::from_utf8(&t[..t.len().min(3)]).ok())
                .or_else(|| std::str::from_utf8(&t[..t.len().min(2)]).ok())
                .and_then(|s| s.chars().next());
            ch.is_some_and(|c| c.is_uppercase() || (c.is_alphabetic() && !c.is_lowercase()))
        }
    }
}

/// For a single '.' at `i`, followed by whitespace and `next`: is it a full stop?
fn period_ends(b: &[u8], i: usize, start: usize, line_start: usize, next: &[u8]) -> bool {
    // The word before the period, bounded so a long run without spaces stays linear.
    let floor = start.max(i.saturating_sub(32));
    let mut w = i;
    while w > floor
        && !matches!(b[w - 1], b' ' | b'\t' | b'\n' | b'(' | b'"' | b'[' | b'\'')
        && b[w - 1] != 0x9C
    {
        w -= 1;
    }
    let word = &b[w..i];
    if word.is_empty() {
        return true;
    }
    // "1." opening a line is a list number.
    if w == line_start && word.iter().all(u8::is_ascii_digit) && word.len() <= 3 {
        return false;
    }
    // An initial: "John F. Kennedy", "J. K. Rowling".
    if word.len() == 1 && word[0].is_ascii_uppercase() {
        return false;
    }
    // "(b. 1950)", "see p. 12", "d. 2001": a lower-case letter before a number.
    if word.len() == 1
        && word[0].is_ascii_lowercase()
        && next.first().is_some_and(u8::is_ascii_digit)
    {
        return false;
    }
    let mut lower = [0u8; 32];
    let n = word.len().min(32);
    for (d, s) in lower.iter_mut().zip(word) {
        *d = s.to_ascii_lowercase();
    }
    let lower = &lower[..n];
    let Ok(lower) = std::str::from_utf8(lower) else {
        return true;
    };
    if TITLES.contains(&lower) {
        return false;
    }
    // "no." is an abbreviation only before a number.
    if lower == "no" {
        return !next.first().is_some_and(u8::is_ascii_digit);
    }
    let dotted = lower.contains('.') && lower.len() <= 8 && !lower.ends_with("..");
    if AMBIGUOUS.contains(&lower) || (dotted && lower.bytes().filter(|&c| c == b'.').count() >= 1) {
        return next_is_opener(next);
    }
    true
}

/// True when `next` begins with a common sentence opener ("The", "He", "In").
fn next_is_opener(next: &[u8]) -> bool {
    let word: Vec<u8> = next
        .iter()
        .skip_while(|c| matches!(c, b'"' | b'\'' | b'('))
        .take(12)
        .take_while(|c| c.is_ascii_alphabetic())
        .map(u8::to_ascii_lowercase)
        .collect();
    std::str::from_utf8(&word).is_ok_and(|w| OPENERS.contains(&w))
}

/// Converts increasing byte ranges into code point ranges in one pass.
pub fn to_code_points(body: &str, ranges: &[(usize, usize)]) -> Vec<Sentence> {
    let b = body.as_bytes();
    let mut byte = 0;
    let mut cp = 0;
    let mut advance = |to: usize| {
        cp += b[byte..to].iter().filter(|&&c| (c & 0xC0) != 0x80).count();
        byte = to;
        cp
    };
    ranges
        .iter()
        .map(|&(s, e)| {
            let start = advance(s);
            let end = advance(e);
            Sentence { start, end }
        })
        .collect()
}

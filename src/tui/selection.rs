//! Keyboard selection in the article: the word under the cursor, and extending a
//! selection by a word, to the end of a clause or of a sentence. Offsets are code points.

/// Characters that end a clause.
const CLAUSE_END: &[char] = &[',', ';', ':', '—', '–', ')', '.', '!', '?', '\n'];
/// Characters that end a sentence.
const SENTENCE_END: &[char] = &['.', '!', '?', '\n', '。', '！', '？'];

fn chars(body: &str) -> Vec<char> {
    body.chars().collect()
}

/// The word containing (or following) code point `at`: (start, end).
pub fn word_at(body: &str, at: usize) -> (usize, usize) {
    let cs = chars(body);
    let n = cs.len();
    let mut start = at.min(n);
    while start < n && cs[start].is_whitespace() {
        start += 1;
    }
    while start > 0 && !cs[start - 1].is_whitespace() {
        start -= 1;
    }
    let mut end = start;
    while end < n && !cs[end].is_whitespace() {
        end += 1;
    }
    (start, end.max((start + 1).min(n)))
}

/// The end after the next word following `end`.
pub fn next_word_end(body: &str, end: usize) -> usize {
    let cs = chars(body);
    let n = cs.len();
    let mut i = end.min(n);
    while i < n && cs[i].is_whitespace() {
        i += 1;
    }
    while i < n && !cs[i].is_whitespace() {
        i += 1;
    }
    i
}

/// The start of the next word after `cp`, for the article cursor.
pub fn next_word_start(body: &str, cp: usize) -> usize {
    let cs = chars(body);
    let n = cs.len();
    let mut i = cp.min(n);
    while i < n && !cs[i].is_whitespace() {
        i += 1;
    }
    while i < n && cs[i].is_whitespace() {
        i += 1;
    }
    i.min(n.saturating_sub(1))
}

/// The start of the word before `cp`.
pub fn prev_word_start(body: &str, cp: usize) -> usize {
    let cs = chars(body);
    let mut i = cp.min(cs.len());
    while i > 0 && cs[i - 1].is_whitespace() {
        i -= 1;
    }
    if i == cp && i > 0 {
        i -= 1;
        while i > 0 && cs[i - 1].is_whitespace() {
            i -= 1;
        }
    }
    while i > 0 && !cs[i - 1].is_whitespace() {
        i -= 1;
    }
    i
}

/// Drops the last word of a selection `start..end` (never below one word).
pub fn shrink_word(body: &str, start: usize, end: usize) -> usize {
    let cs = chars(body);
    let mut i = end.min(cs.len());
    while i > start && cs[i - 1].is_whitespace() {
        i -= 1;
    }
    while i > start && !cs[i - 1].is_whitespace() {
        i -= 1;
    }
    while i > start && cs[i - 1].is_whitespace() {
        i -= 1;
    }
    if i <= start {
        word_at(body, start).1
    } else {
        i
    }
}

/// Extends `end` past the next clause (or sentence) end, stopping before closing
/// punctuation's trailing space.
pub fn extend_to(body: &str, end: usize, sentence: bool) -> usize {
    let stops = if sentence { SENTENCE_END } else { CLAUSE_END };
    let cs = chars(body);
    let n = cs.len();
    let mut i = end.min(n);
    // Step over punctuation already at the edge so repeated presses keep going.
    while i < n && (stops.contains(&cs[i]) || cs[i].is_whitespace()) {
        i += 1;
    }
    while i < n && !stops.contains(&cs[i]) {
        i += 1;
    }
    if i < n && cs[i] != '\n' && cs[i] != ',' && cs[i] != ';' && cs[i] != ':' {
        i += 1; // keep the full stop or closing bracket
    }
    // Keep closing quotes with the sentence.
    while i < n && matches!(cs[i], '"' | '”' | '’' | '\'' | '»') {
        i += 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    const T: &str = "Qomi said that there is consensus, on drugs. Then “more” here.";

    #[test]
    fn words_clauses_sentences() {
        let at = T.find("there").unwrap();
        let (s, e) = word_at(T, at + 2);
        assert_eq!(&T[s..e], "there");
        assert_eq!(&T[s..next_word_end(T, e)], "there is");
        assert_eq!(&T[s..extend_to(T, e, false)], "there is consensus");
        assert_eq!(
            &T[s..extend_to(T, e, true)],
            "there is consensus, on drugs."
        );
        let e2 = extend_to(T, extend_to(T, e, true), true);
        assert_eq!(
            &T[s..T.char_indices().nth(e2).map_or(T.len(), |x| x.0)],
            "there is consensus, on drugs. Then “more” here."
        );
        assert_eq!(&T[s..shrink_word(T, s, next_word_end(T, e))], "there");
        assert_eq!(prev_word_start(T, s), T.find("that").unwrap());
        assert_eq!(next_word_start(T, 0), 5);
    }
}

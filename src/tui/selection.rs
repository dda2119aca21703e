//! Keyboard selection in the article: the word under the cursor, and extending a
//! selection by a word, to the end of a clause or of a sentence. Offsets here are byte
//! offsets on char boundaries, so a step costs the length of the text it passes, not
//! of the article (callers convert from code points through the wrapped lines).

/// Characters that end a clause.
const CLAUSE_END: &[char] = &[',', ';', ':', '—', '–', ')', '.', '!', '?', '\n'];
/// Characters that end a sentence.
const SENTENCE_END: &[char] = &['.', '!', '?', '\n', '。', '！', '？'];
/// Punctuation that ends a clause but stays outside the selection.
const LEAVE_OUT: &[char] = &['\n', ',', ';', ':'];
/// Closing quotes kept with the sentence they end.
const CLOSING_QUOTES: &[char] = &['"', '”', '’', '\'', '»'];

/// The first offset from `i` on where `keep_going` is false.
fn skip_fwd(body: &str, i: usize, keep_going: impl Fn(char) -> bool) -> usize {
    let tail = body.get(i..).unwrap_or("");
    tail.char_indices()
        .find(|&(_, c)| !keep_going(c))
        .map_or(body.len(), |(k, _)| i + k)
}

/// The first offset at or before `i` (not before `floor`) where the char before it
/// stops `keep_going`.
fn skip_back(body: &str, floor: usize, i: usize, keep_going: impl Fn(char) -> bool) -> usize {
    let head = body.get(floor..i).unwrap_or("");
    head.char_indices()
        .rev()
        .find(|&(_, c)| !keep_going(c))
        .map_or(floor, |(k, c)| floor + k + c.len_utf8())
}

fn next_char(body: &str, i: usize) -> usize {
    body.get(i..)
        .and_then(|t| t.chars().next())
        .map_or(i, |c| i + c.len_utf8())
}

fn prev_char(body: &str, i: usize) -> usize {
    body.get(..i)
        .and_then(|h| h.chars().next_back())
        .map_or(0, |c| i - c.len_utf8())
}

/// Chinese and Japanese put no spaces between words: each of their characters is a
/// word of its own, so part of a sentence can be marked.
fn is_solo(c: char) -> bool {
    crate::ingest::features::is_cjk(c)
}

/// A character of a spaced word.
fn in_word(c: char) -> bool {
    !c.is_whitespace() && !is_solo(c)
}

/// The end of the word starting at (or running through) `i`.
fn word_end_from(body: &str, i: usize) -> usize {
    match body.get(i..).and_then(|t| t.chars().next()) {
        Some(c) if is_solo(c) => i + c.len_utf8(),
        _ => skip_fwd(body, i, in_word),
    }
}

/// The start of the word ending at (or running through) `i`, not before `floor`.
fn word_start_before(body: &str, floor: usize, i: usize) -> usize {
    match body.get(floor..i).and_then(|h| h.chars().next_back()) {
        Some(c) if is_solo(c) => i - c.len_utf8(),
        _ => skip_back(body, floor, i, in_word),
    }
}

/// The word containing (or following) byte `at`: (start, end).
pub fn word_at(body: &str, at: usize) -> (usize, usize) {
    let start = skip_fwd(body, at.min(body.len()), char::is_whitespace);
    let solo = body
        .get(start..)
        .and_then(|t| t.chars().next())
        .is_some_and(is_solo);
    let start = if solo {
        start
    } else {
        skip_back(body, 0, start, in_word)
    };
    let end = word_end_from(body, start);
    (
        start,
        if end == start {
            next_char(body, start)
        } else {
            end
        },
    )
}

/// The end after the next word following `end`.
pub fn next_word_end(body: &str, end: usize) -> usize {
    let i = skip_fwd(body, end, char::is_whitespace);
    word_end_from(body, i)
}

/// The start of the next word after `at`, for the article cursor (never past the
/// last character).
pub fn next_word_start(body: &str, at: usize) -> usize {
    let i = word_end_from(body, at);
    let i = skip_fwd(body, i, char::is_whitespace);
    if i >= body.len() {
        prev_char(body, body.len())
    } else {
        i
    }
}

/// The start of the word before `at`.
pub fn prev_word_start(body: &str, at: usize) -> usize {
    // Inside a word (no space right before `at`): the word of the character before;
    // after spaces: the word they follow.
    let i = skip_back(body, 0, at, char::is_whitespace);
    if i == 0 {
        return 0;
    }
    let p = prev_char(body, i);
    match body.get(p..).and_then(|t| t.chars().next()) {
        Some(c) if is_solo(c) => p,
        _ => skip_back(body, 0, p, in_word),
    }
}

/// Drops the last word of a selection `start..end` (never below one word).
pub fn shrink_word(body: &str, start: usize, end: usize) -> usize {
    let i = skip_back(body, start, end, char::is_whitespace);
    let i = word_start_before(body, start, i);
    let i = skip_back(body, start, i, char::is_whitespace);
    if i <= start {
        word_at(body, start).1
    } else {
        i
    }
}

/// Extends `end` past the next clause (or sentence) end, keeping a full stop, closing
/// bracket and closing quotes, leaving out commas and line ends.
pub fn extend_to(body: &str, end: usize, sentence: bool) -> usize {
    let stops = if sentence { SENTENCE_END } else { CLAUSE_END };
    // A selection that already ends a clause (or sentence) goes on to the next one.
    let ends_one = body
        .get(..end)
        .and_then(|h| h.trim_end_matches(CLOSING_QUOTES).chars().next_back());
    let at_left_out = body
        .get(end..)
        .and_then(|t| t.chars().next())
        .is_some_and(|c| LEAVE_OUT.contains(&c));
    let i = if at_left_out || ends_one.is_some_and(|c| stops.contains(&c)) {
        skip_fwd(body, end, |c| stops.contains(&c) || c.is_whitespace())
    } else {
        end
    };
    let i = skip_fwd(body, i, |c| !stops.contains(&c));
    let i = match body.get(i..).and_then(|t| t.chars().next()) {
        Some(c) if !LEAVE_OUT.contains(&c) => i + c.len_utf8(),
        _ => i,
    };
    skip_fwd(body, i, |c| CLOSING_QUOTES.contains(&c))
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
        let clause = extend_to(T, e, false);
        assert_eq!(&T[s..clause], "there is consensus");
        assert_eq!(
            &T[s..extend_to(T, clause, false)],
            "there is consensus, on drugs."
        );
        let sentence = extend_to(T, e, true);
        assert_eq!(&T[s..sentence], "there is consensus, on drugs.");
        assert_eq!(
            &T[s..extend_to(T, sentence, true)],
            "there is consensus, on drugs. Then “more” here."
        );
        assert_eq!(&T[s..shrink_word(T, s, next_word_end(T, e))], "there");
        assert_eq!(prev_word_start(T, s), T.find("that").unwrap());
        assert_eq!(prev_word_start(T, s + 2), s);
        assert_eq!(next_word_start(T, 0), 5);
        assert_eq!(next_word_start(T, T.len() - 1), T.len() - 1);
    }

    /// In Chinese and Japanese each character is a word: `w` and marking step through
    /// a sentence, so part of it can be marked.
    #[test]
    fn cjk_characters_are_words_of_their_own() {
        let t = "財務大臣は、国の債務が1200兆円を超えた。 Next";
        let at = t.find('国').unwrap();
        let (s, e) = word_at(t, at);
        assert_eq!(&t[s..e], "国");
        let e = next_word_end(t, e);
        assert_eq!(&t[s..e], "国の");
        let e = next_word_end(t, next_word_end(t, e));
        assert_eq!(&t[s..e], "国の債務");
        assert_eq!(&t[s..shrink_word(t, s, e)], "国の債");
        // Digits and Latin letters between the characters stay one word.
        let n = t.find('1').unwrap();
        assert_eq!(&t[n..word_at(t, n).1], "1200");
        assert_eq!(&t[next_word_start(t, n)..next_word_start(t, n) + 3], "兆");
        assert_eq!(prev_word_start(t, t.find('兆').unwrap()), n);
        assert_eq!(
            prev_word_start(t, t.find('債').unwrap()),
            t.find('の').unwrap()
        );
    }

    #[test]
    fn multibyte_boundaries() {
        let t = "ğğ 日本 “x”";
        let (s, e) = word_at(t, 0);
        assert_eq!(&t[s..e], "ğğ");
        let n = next_word_start(t, 0);
        assert_eq!(&t[n..n + 3], "日");
        assert_eq!(prev_word_start(t, n), 0);
        assert_eq!(&t[..extend_to(t, 0, true)], t);
    }
}

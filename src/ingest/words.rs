//! Words of a sentence with their byte spans, for the claim proposer: attribution frames,
//! clause boundaries, claimants and labels are decided on these.

/// A word of a sentence: byte span in the body, lower-case form, what follows it.
#[derive(Debug, Clone)]
pub struct Word {
    pub start: usize,
    pub end: usize,
    pub lower: String,
    /// Starts with an upper-case letter.
    pub capitalised: bool,
    /// A comma (or semicolon, Latin or Arabic) directly follows it.
    pub comma_after: bool,
    /// An opening quote mark directly precedes it.
    pub quote_before: bool,
}

/// Splits `body[start..end]` into words (whitespace separated, outer punctuation trimmed).
pub fn words(body: &str, start: usize, end: usize) -> Vec<Word> {
    let text = &body[start..end];
    let mut out = Vec::new();
    let mut offset = 0;
    for piece in text.split(|c: char| c.is_whitespace() || c == '—' || c == '–') {
        let piece_start = offset;
        offset += piece.len()
            + text[offset + piece.len()..]
                .chars()
                .next()
                .map_or(0, char::len_utf8);
        let lead = piece.len()
            - piece
                .trim_start_matches(|c: char| !c.is_alphanumeric())
                .len();
        let core = piece[lead..].trim_end_matches(|c: char| !c.is_alphanumeric());
        if core.is_empty() {
            continue;
        }
        let tail = &piece[lead + core.len()..];
        let head = &piece[..lead];
        let mut lower = String::with_capacity(core.len());
        for ch in core.chars() {
            match ch {
                '’' => lower.push('\''),
                c => lower.extend(c.to_lowercase()),
            }
        }
        out.push(Word {
            start: start + piece_start + lead,
            end: start + piece_start + lead + core.len(),
            lower,
            capitalised: core.chars().next().is_some_and(char::is_uppercase),
            comma_after: tail.starts_with([',', ';', '،', '؛']),
            quote_before: head.contains(['“', '"', '‘']),
        });
    }
    out
}

/// English words that carry little meaning on their own: skipped in labels, they also
/// end the noun phrases labels are made of (other languages: [`super::lang::Lang`]).
pub fn is_english_function_word(w: &str) -> bool {
    matches!(
        w,
        "a" | "an"
            | "the"
            | "and"
            | "or"
            | "but"
            | "of"
            | "in"
            | "on"
            | "at"
            | "to"
            | "for"
            | "from"
            | "by"
            | "with"
            | "about"
            | "into"
            | "over"
            | "under"
            | "between"
            | "after"
            | "before"
            | "during"
            | "regarding"
            | "amid"
            | "against"
            | "as"
            | "than"
            | "that"
            | "which"
            | "who"
            | "whom"
            | "whose"
            | "this"
            | "these"
            | "those"
            | "there"
            | "it"
            | "its"
            | "he"
            | "she"
            | "they"
            | "them"
            | "his"
            | "her"
            | "their"
            | "him"
            | "we"
            | "our"
            | "i"
            | "you"
            | "is"
            | "are"
            | "was"
            | "were"
            | "be"
            | "been"
            | "being"
            | "has"
            | "have"
            | "had"
            | "do"
            | "does"
            | "did"
            | "will"
            | "would"
            | "can"
            | "could"
            | "should"
            | "may"
            | "might"
            | "must"
            | "also"
            | "previously"
            | "not"
            | "so"
            | "very"
            | "some"
            | "any"
            | "all"
            | "its'"
            | "if"
            | "when"
            | "while"
            | "where"
            | "how"
            | "what"
            | "eventually"
            | "including"
            | "particularly"
            | "especially"
            | "despite"
            | "calling"
            | "saying"
            | "upon"
    )
}

/// Auxiliaries and adverbs that sit between a subject and its verb ("has also said").
pub fn is_auxiliary(w: &str) -> bool {
    matches!(
        w,
        "has"
            | "have"
            | "had"
            | "is"
            | "are"
            | "was"
            | "were"
            | "will"
            | "would"
            | "also"
            | "previously"
            | "reportedly"
            | "recently"
            | "earlier"
            | "later"
            | "then"
            | "repeatedly"
            | "publicly"
            | "again"
            | "allegedly"
            | "already"
            | "once"
            | "been"
            | "did"
            | "does"
            | "never"
            | "not"
    )
}

/// "Qomi’s" -> "Qomi".
pub fn strip_possessive(s: &str) -> &str {
    s.strip_suffix("’s")
        .or_else(|| s.strip_suffix("'s"))
        .unwrap_or(s)
}

//! Reading articles and proposing claims: file bytes -> text -> sentences -> scored claims.
//! Knows nothing of the database or the terminal.
//!
//! The seam the rest of factdesk uses:
//! - [`read_document`]: bytes of a file (text, Markdown, saved HTML) -> a [`NewArticle`].
//! - [`split_sentences`]: body -> sentences with code point offsets.
//! - [`suggest`]: body -> one scored [`Suggestion`] per sentence (for `factdesk suggest`).
//! - [`propose_claims`]: body -> the [`NewClaim`]s that import stores as `suggested`.

use crate::model::{ClaimStatus, NewArticle, NewClaim};
use serde::Serialize;

mod cjk;
mod claimant;
pub mod claims;
pub mod features;
mod html;
mod label;
pub mod lang;
mod markdown;
pub mod read;
pub mod scorer;
pub mod split;
mod words;

use claimant::ArticleContext;
use features::Scratch;
use scorer::Model;

/// Why a file could not be read as an article.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IngestError {
    #[error("the file is empty")]
    Empty,
    #[error("the file holds only whitespace")]
    Blank,
    #[error("the file looks binary (NUL or control bytes), not an article")]
    Binary,
    #[error(
        "the file is not valid UTF-8 and not a recognisable Windows-1252 text (first bad byte at offset {offset})"
    )]
    InvalidUtf8 { offset: usize },
    #[error("the file cannot be decoded: {0}")]
    Encoding(String),
    #[error("the file is {} MiB; factdesk reads articles of up to {} MiB", size.div_ceil(1 << 20), limit >> 20)]
    TooLarge { size: usize, limit: usize },
    #[error("no article text found in the HTML page")]
    NoArticle,
}

/// A sentence of the body, as code point offsets (end exclusive).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Sentence {
    pub start: usize,
    pub end: usize,
}

/// A sentence with its check-worthiness and what the proposer made of it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Suggestion {
    pub text: String,
    pub start: usize,
    pub end: usize,
    pub score: f64,
    pub checkworthy: bool,
    pub claimant: String,
    pub label: String,
    pub kind: String,
    pub features: Vec<String>,
}

/// At most this many claims are proposed for one article (the highest scored): a
/// reviewer cannot use thousands, and a huge file must not turn into a huge import.
pub const MAX_PROPOSED_CLAIMS: usize = 400;

/// Reads a file's bytes as an article. `name_hint` (a file name) picks the format.
pub fn read_document(bytes: &[u8], name_hint: &str) -> Result<NewArticle, IngestError> {
    read::read_document(bytes, name_hint)
}

/// Splits a body into sentences (code point offsets into `body`).
pub fn split_sentences(body: &str) -> Vec<Sentence> {
    split::split(body)
}

/// Scores every sentence of a body; label and claimant are those of its first claim.
pub fn suggest(body: &str) -> Vec<Suggestion> {
    let ranges = split::split_bytes(body);
    suggest_ranges(body, &ranges, true)
}

/// Scores each line of `text` as one sentence (for sentence-level datasets).
pub fn suggest_lines(text: &str) -> Vec<Suggestion> {
    let mut ranges = Vec::new();
    let mut at = 0;
    for line in text.split('\n') {
        let trimmed = line.trim_end_matches('\r');
        if !trimmed.trim().is_empty() {
            let lead = trimmed.len() - trimmed.trim_start().len();
            ranges.push((at + lead, at + trimmed.trim_end().len()));
        }
        at += line.len() + 1;
    }
    suggest_ranges(text, &ranges, false)
}

fn suggest_ranges(
    body: &str,
    ranges: &[(usize, usize)],
    detect_headlines: bool,
) -> Vec<Suggestion> {
    let model = Model::shipped();
    let cps = split::to_code_points(body, ranges);
    let mut scratch = Scratch::default();
    let mut ctx = ArticleContext::for_text(body);
    let code = code_blocks(body);
    let mut out = Vec::with_capacity(ranges.len());
    for (&(s, e), cp) in ranges.iter().zip(cps) {
        let text = &body[s..e];
        let headline = detect_headlines && is_headline(body, s, e);
        let score = sentence_score(model, body, (s, e), headline, &code, &mut scratch);
        let names: Vec<String> = scratch
            .features
            .names()
            .into_iter()
            .map(String::from)
            .collect();
        let proposals = claims::propose_sentence(body, s, e, &mut ctx, &mut scratch);
        // The claim that speaks for the sentence: an attributed one if there is one.
        let first = proposals
            .iter()
            .find(|p| p.claimant != claims::ARTICLE)
            .or(proposals.first());
        out.push(Suggestion {
            text: text.to_string(),
            start: cp.start,
            end: cp.end,
            score: round3(score),
            checkworthy: score >= model.threshold,
            claimant: first
                .map(|p| p.claimant.clone())
                .unwrap_or_else(|| claims::ARTICLE.to_string()),
            label: first.map(|p| p.label.clone()).unwrap_or_default(),
            kind: first.map(|p| p.kind.to_string()).unwrap_or_default(),
            features: names,
        });
    }
    out
}

/// A sentence's check-worthiness; 0 inside a code block.
fn sentence_score(
    model: &Model,
    body: &str,
    (s, e): (usize, usize),
    headline: bool,
    code: &[(usize, usize)],
    scratch: &mut Scratch,
) -> f64 {
    if code.iter().any(|&(a, b)| s < b && a < e) {
        return 0.0;
    }
    let score = model.score(&body[s..e], headline, scratch);
    attributed_floor(body, s, e, score, model.threshold)
}

/// Byte ranges of the body inside fenced code blocks (between lines opening with ```
/// or ~~~, which the Markdown reader keeps so the reviewer sees the block as code):
/// shown, never proposed as claims. An unclosed fence runs to the end.
pub fn code_blocks(body: &str) -> Vec<(usize, usize)> {
    let mut blocks = Vec::new();
    let mut open: Option<(usize, &str)> = None;
    let mut at = 0;
    for line in body.split_inclusive('\n') {
        let t = line.trim();
        match open {
            None => open = markdown::fence_opening(t).map(|f| (at + line.len(), f)),
            Some((start, f)) if markdown::closes_fence(t, f) => {
                blocks.push((start, at));
                open = None;
            }
            Some(_) => {}
        }
        at += line.len();
    }
    if let Some((start, _)) = open {
        blocks.push((start, body.len()));
    }
    blocks
}

/// A statement someone is reported to have made, in Chinese or Japanese ("李伟表示，塔利班
/// 违反了多哈协议。"), is check-worthy: who said what is what a fact-checker checks
/// first, and the English-trained model sees little in these scripts beyond figures
/// (such a sentence scored 0.48, so a Chinese article without numbers got no
/// suggestions).
fn attributed_floor(body: &str, start: usize, end: usize, score: f64, threshold: f64) -> f64 {
    if score < threshold && cjk::attribution(body, start, end).is_some() {
        threshold
    } else {
        score
    }
}

fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

/// A headline: a line of its own (blank line or start of text around it) with no
/// sentence-final punctuation.
pub fn is_headline(body: &str, start: usize, end: usize) -> bool {
    let before = body[..start].trim_end_matches([' ', '\t']);
    let after = body[end..].trim_start_matches([' ', '\t']);
    let own_line = (before.is_empty() || before.ends_with('\n'))
        && (after.is_empty() || after.starts_with('\n'));
    let text = body[start..end].trim_end();
    own_line
        && !text.ends_with([
            '.', '!', '?', '"', '”', '…', ':', '。', '！', '？', '؟', '۔', '」', '»',
        ])
}

/// The claims import stores as `suggested`: every claim of every check-worthy
/// sentence, at most [`MAX_PROPOSED_CLAIMS`] (the highest scored), in text order.
pub fn propose_claims(body: &str) -> Vec<NewClaim> {
    let model = Model::shipped();
    let ranges = split::split_bytes(body);
    let mut scratch = Scratch::default();
    let mut ctx = ArticleContext::for_text(body);
    let code = code_blocks(body);
    // Pass 1: score every sentence (fast); pick the check-worthy ones, at most
    // MAX_PROPOSED_CLAIMS of them by score, so a huge file stays a quick import.
    let scores: Vec<f64> = ranges
        .iter()
        .map(|&(s, e)| {
            let headline = is_headline(body, s, e);
            sentence_score(model, body, (s, e), headline, &code, &mut scratch)
        })
        .collect();
    let mut chosen: Vec<usize> = (0..ranges.len())
        .filter(|&i| scores[i] >= model.threshold)
        .collect();
    if chosen.len() > MAX_PROPOSED_CLAIMS {
        chosen.sort_by(|&a, &b| scores[b].total_cmp(&scores[a]));
        chosen.truncate(MAX_PROPOSED_CLAIMS);
        chosen.sort_unstable();
    }
    // Pass 2: claims of the chosen sentences; the others only teach names for claimants.
    let mut found: Vec<(f64, claims::Proposal)> = Vec::new();
    let mut next = chosen.iter().peekable();
    for (i, &(s, e)) in ranges.iter().enumerate() {
        if next.peek() == Some(&&i) {
            next.next();
            for p in claims::propose_sentence(body, s, e, &mut ctx, &mut scratch) {
                found.push((scores[i], p));
            }
        } else if next.peek().is_some() {
            ctx.learn_names(body, &words::words(body, s, e));
        }
    }
    if found.len() > MAX_PROPOSED_CLAIMS {
        let mut by_score: Vec<usize> = (0..found.len()).collect();
        by_score.sort_by(|&a, &b| found[b].0.total_cmp(&found[a].0));
        let mut keep = vec![false; found.len()];
        for &i in &by_score[..MAX_PROPOSED_CLAIMS] {
            keep[i] = true;
        }
        let mut k = keep.into_iter();
        found.retain(|_| k.next().unwrap_or(false));
    }
    found.sort_by_key(|(_, p)| p.start);
    let spans: Vec<(usize, usize)> = found
        .iter()
        .flat_map(|(_, p)| [(p.start, p.start), (p.end, p.end)])
        .collect();
    let mut order: Vec<usize> = (0..spans.len()).collect();
    order.sort_by_key(|&i| spans[i].0);
    let sorted: Vec<(usize, usize)> = order.iter().map(|&i| spans[i]).collect();
    let cps = split::to_code_points(body, &sorted);
    let mut cp_of = vec![0usize; spans.len()];
    for (k, &i) in order.iter().enumerate() {
        cp_of[i] = cps[k].start;
    }
    found
        .into_iter()
        .enumerate()
        .map(|(n, (score, p))| NewClaim {
            start: cp_of[2 * n] as i64,
            end: cp_of[2 * n + 1] as i64,
            label: p.label,
            claimant: p.claimant,
            kind: p.kind.to_string(),
            score: Some(round3(score)),
            reasons: p.reasons.into_iter().map(String::from).collect(),
            status: ClaimStatus::Suggested,
        })
        .collect()
}

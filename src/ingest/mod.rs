//! Reading articles and proposing claims: file bytes -> text -> sentences -> scored claims.
//! Knows nothing of the database or the terminal.
//!
//! The seam the rest of factdesk uses:
//! - [`read_document`]: bytes of a file (text, Markdown, saved HTML) -> a [`NewArticle`].
//! - [`split_sentences`]: body -> sentences with code point offsets.
//! - [`suggest`]: body -> one scored [`Suggestion`] per sentence (for `factdesk suggest`).
//! - [`propose_claims`]: body -> the [`NewClaim`]s that import stores as `suggested`.

use crate::model::{NewArticle, NewClaim, SourceFormat};
use serde::Serialize;

/// Why a file could not be read as an article.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IngestError {
    #[error("the file is empty")]
    Empty,
    #[error("the file holds only whitespace")]
    Blank,
    #[error("the file looks binary (it holds NUL bytes), not an article")]
    Binary,
    #[error("the file is not valid UTF-8 (first bad byte at offset {offset})")]
    InvalidUtf8 { offset: usize },
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

/// Reads a file's bytes as an article. `name_hint` (a file name) picks the format.
pub fn read_document(bytes: &[u8], name_hint: &str) -> Result<NewArticle, IngestError> {
    if bytes.is_empty() {
        return Err(IngestError::Empty);
    }
    if bytes.contains(&0) {
        return Err(IngestError::Binary);
    }
    let text = std::str::from_utf8(bytes).map_err(|e| IngestError::InvalidUtf8 {
        offset: e.valid_up_to(),
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let body = text.replace("\r\n", "\n").replace('\r', "\n");
    let body = body.trim_matches(|c: char| c.is_whitespace()).to_string();
    if body.is_empty() {
        return Err(IngestError::Blank);
    }
    let title = body.lines().next().unwrap_or_default().trim().to_string();
    let _ = name_hint;
    Ok(NewArticle {
        title,
        body,
        format: Some(SourceFormat::Text),
        ..NewArticle::default()
    })
}

/// Splits a body into sentences (placeholder: one per non-empty line).
pub fn split_sentences(body: &str) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut cp = 0;
    for line in body.split('\n') {
        let n = line.chars().count();
        if !line.trim().is_empty() {
            out.push(Sentence { start: cp, end: cp + n });
        }
        cp += n + 1;
    }
    out
}

/// Scores every sentence (placeholder until the scorer lands: no suggestions).
pub fn suggest(_body: &str) -> Vec<Suggestion> {
    Vec::new()
}

/// Scores each line of `text` as one sentence (for sentence-level datasets).
pub fn suggest_lines(_text: &str) -> Vec<Suggestion> {
    Vec::new()
}

/// The claims import stores as `suggested`.
pub fn propose_claims(body: &str) -> Vec<NewClaim> {
    let _ = suggest(body);
    Vec::new()
}

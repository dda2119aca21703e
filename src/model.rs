//! The domain: plain data that the store reads and writes and every front end shows.
//! No SQL and no terminal here.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// A claim's place in review.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ClaimStatus {
    Suggested,
    Accepted,
    Rejected,
}

/// What a source says about a claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Stance {
    Supports,
    Refutes,
    Context,
}

/// An error for a word that is not one of an enum's names.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("'{given}' is not a {what}; expected one of: {expected}")]
pub struct UnknownName {
    pub given: String,
    pub what: &'static str,
    pub expected: &'static str,
}

macro_rules! named_enum {
    ($ty:ident, $what:literal, $($variant:ident => $name:literal),+) => {
        impl $ty {
            pub const ALL: &'static [$ty] = &[$($ty::$variant),+];
            pub fn as_str(self) -> &'static str {
                match self { $($ty::$variant => $name),+ }
            }
        }
        impl fmt::Display for $ty {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result { f.write_str(self.as_str()) }
        }
        impl FromStr for $ty {
            type Err = UnknownName;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                match s.trim().to_ascii_lowercase().as_str() {
                    $($name => Ok($ty::$variant),)+
                    _ => Err(UnknownName {
                        given: s.to_string(),
                        what: $what,
                        expected: concat!($($name, " "),+),
                    }),
                }
            }
        }
    };
}

named_enum!(ClaimStatus, "claim status", Suggested => "suggested", Accepted => "accepted", Rejected => "rejected");
named_enum!(Stance, "stance", Supports => "supports", Refutes => "refutes", Context => "context");

/// How an article's text came in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SourceFormat {
    Text,
    Markdown,
    Html,
}
named_enum!(SourceFormat, "format", Text => "text", Markdown => "markdown", Html => "html");

/// An imported article. `body` is the text every claim offset points into.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Article {
    pub id: String,
    pub title: String,
    pub url: Option<String>,
    pub outlet: Option<String>,
    pub author: Option<String>,
    pub published: Option<String>,
    pub body: String,
    pub content_hash: String,
    pub format: SourceFormat,
    pub imported_at: String,
    pub imported_by: String,
}

/// One line of the article picker: an article without its body, with progress.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ArticleSummary {
    pub id: String,
    pub title: String,
    pub url: Option<String>,
    pub outlet: Option<String>,
    pub author: Option<String>,
    pub published: Option<String>,
    pub imported_at: String,
    /// Claims that are not rejected.
    pub claims_total: i64,
    /// Of those, the ones with a verdict.
    pub claims_checked: i64,
    pub claims_suggested: i64,
}

/// Metadata and text for a new article, as an importer produced it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct NewArticle {
    pub title: String,
    pub url: Option<String>,
    pub outlet: Option<String>,
    pub author: Option<String>,
    pub published: Option<String>,
    pub body: String,
    pub format: Option<SourceFormat>,
}

/// A claim: a span of an article that a reviewer checks.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Claim {
    pub id: String,
    pub article_id: String,
    /// Unicode code point offset into the article body (inclusive).
    pub start: i64,
    /// Unicode code point offset into the article body (exclusive).
    pub end: i64,
    pub quote: String,
    pub label: String,
    pub claimant: String,
    pub kind: String,
    pub score: Option<f64>,
    /// Why the scorer proposed it: the features that fired.
    pub reasons: Vec<String>,
    pub status: ClaimStatus,
    pub created_at: String,
    pub created_by: String,
    pub updated_at: String,
    pub updated_by: String,
    /// The claim's current verdict: the signed-off one if any, else the newest.
    pub verdict: Option<Verdict>,
    pub source_count: i64,
    /// Fields of this claim that merges found edited in two copies (see
    /// [`ClaimDetail::conflicts`]; in JSON `conflict_count`, as `show --json` flattens
    /// the claim beside that list).
    #[serde(default, rename = "conflict_count")]
    pub conflicts: i64,
}

/// A claim to be created: by the suggester or by hand.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NewClaim {
    pub start: i64,
    pub end: i64,
    pub label: String,
    pub claimant: String,
    pub kind: String,
    pub score: Option<f64>,
    pub reasons: Vec<String>,
    pub status: ClaimStatus,
}

impl NewClaim {
    /// A claim at a code point span with nothing else said: the store fills in the
    /// label (from the quote), the claimant ("article") and the kind.
    pub fn at(start: i64, end: i64, status: ClaimStatus) -> NewClaim {
        NewClaim {
            start,
            end,
            label: String::new(),
            claimant: String::new(),
            kind: String::new(),
            score: None,
            reasons: Vec::new(),
            status,
        }
    }
}

/// Changes to a claim's editable fields; `None` leaves a field as it is.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ClaimEdit {
    pub label: Option<String>,
    pub claimant: Option<String>,
    pub kind: Option<String>,
    /// New span in code points (start, end).
    pub span: Option<(i64, i64)>,
}

/// A piece of evidence, shared between claims.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Source {
    pub id: String,
    pub url: Option<String>,
    pub title: String,
    pub publisher: Option<String>,
    pub published: Option<String>,
    pub accessed: Option<String>,
    pub notes: Option<String>,
    pub created_at: String,
    pub created_by: String,
}

impl Source {
    /// What a reviewer typed for this (existing) source that it does not hold: another
    /// title, publisher or date. Said back, so nothing typed is dropped without a word.
    /// Blank details are filled in from what was typed (the store does that).
    pub fn not_taken_from(&self, typed: &NewSource) -> Vec<String> {
        let typed_title = typed.title.trim();
        let mut out = Vec::new();
        if !typed_title.is_empty() && typed_title != self.title {
            out.push(format!("title “{typed_title}”"));
        }
        for (name, typed, kept) in [
            ("publisher", &typed.publisher, &self.publisher),
            ("date", &typed.published, &self.published),
            ("notes", &typed.notes, &self.notes),
        ] {
            if let Some(t) = typed.as_deref().map(str::trim).filter(|t| !t.is_empty())
                && kept.as_deref() != Some(t)
            {
                out.push(format!("{name} “{t}”"));
            }
        }
        out
    }
}

impl Claim {
    /// Said when an edit moves the quote of a claim whose verdict is signed off: the
    /// editor signed off a verdict on other words, and reports still show it signed.
    pub fn signed_off_quote_moved(&self, after: &Claim) -> Option<String> {
        let editor = self.verdict.as_ref()?.signed_off_by.as_deref()?;
        ((self.start, self.end) != (after.start, after.end)).then(|| {
            format!(
                "its verdict was signed off by {editor} for the quote before this change; ask {editor} to look again and sign off anew"
            )
        })
    }
}

/// A source to be created.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct NewSource {
    pub url: Option<String>,
    pub title: String,
    pub publisher: Option<String>,
    pub published: Option<String>,
    pub accessed: Option<String>,
    pub notes: Option<String>,
}

/// A source attached to a claim, with what it says about it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SourceLink {
    pub id: String,
    pub claim_id: String,
    pub stance: Stance,
    pub excerpt: Option<String>,
    pub note: Option<String>,
    pub created_at: String,
    pub created_by: String,
    pub source: Source,
}

/// A reviewer's judgement of a claim. Verdicts are never edited: a new one supersedes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Verdict {
    pub id: String,
    pub claim_id: String,
    pub rating: String,
    pub rationale: String,
    pub reviewer: String,
    pub created_at: String,
    /// The editor who signed this verdict off as final, if any.
    pub signed_off_by: Option<String>,
    pub signed_off_at: Option<String>,
    /// That sign-off is by the verdict's own author (`signoff --own`: a one-person desk,
    /// no second reviewer). Shown wherever the sign-off is.
    #[serde(default)]
    pub signed_off_own: bool,
}

impl Verdict {
    /// Sets [`Verdict::signed_off_own`]: the four-eyes rule lets the author sign off
    /// only with `--own`, so a sign-off by the author is one.
    pub fn with_own_flag(mut self) -> Self {
        self.signed_off_own = self
            .signed_off_by
            .as_deref()
            .is_some_and(|editor| same_reviewer(editor, &self.reviewer));
        self
    }

    /// "signed off by dana" or "signed off by dana (her own verdict: no second
    /// reviewer)", for every place that shows a sign-off.
    pub fn signed_off_text(&self) -> Option<String> {
        let editor = self.signed_off_by.as_deref()?;
        Some(if self.signed_off_own {
            format!("signed off by {editor} (own verdict: no second reviewer)")
        } else {
            format!("signed off by {editor}")
        })
    }

    /// Whether `reviewer` wrote this verdict (see [`same_reviewer`]).
    pub fn is_by(&self, reviewer: &str) -> bool {
        same_reviewer(&self.reviewer, reviewer)
    }
}

/// Whether two reviewer names are one person: trimmed and compared without case
/// ("Dana" and "dana "), so a sign-off cannot slip past the four-eyes rule on spelling.
pub fn same_reviewer(a: &str, b: &str) -> bool {
    a.trim().to_lowercase() == b.trim().to_lowercase()
}

/// One step of the database's rating scale.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Rating {
    pub name: String,
    pub position: i64,
    pub description: String,
    /// ClaimReview `ratingValue`; `None` for ratings off the true-false line.
    pub rating_value: Option<i64>,
    pub colour: String,
    pub symbol: String,
}

/// A free-text note on an article or one of its claims.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Note {
    pub id: String,
    pub article_id: String,
    pub claim_id: Option<String>,
    pub body: String,
    pub reviewer: String,
    pub created_at: String,
}

/// Everything about one claim, for `show` and the detail pane.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClaimDetail {
    #[serde(flatten)]
    pub claim: Claim,
    pub article_title: String,
    pub sources: Vec<SourceLink>,
    /// Oldest first.
    pub verdicts: Vec<Verdict>,
    pub notes: Vec<Note>,
    /// Fields that two copies both edited, as merges resolved them (oldest first): the
    /// reviewer sees whose work was overridden where they work, not only in the log.
    #[serde(default)]
    pub conflicts: Vec<EditConflict>,
    /// Every sign-off of the claim's verdicts, oldest first (copies merged can hold
    /// several editors' of one verdict, and one editor's of several).
    #[serde(default)]
    pub signoffs: Vec<VerdictSignoff>,
}

/// One editor's sign-off of a verdict.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VerdictSignoff {
    pub verdict_id: String,
    pub editor: String,
    pub created_at: String,
}

impl ClaimDetail {
    /// A verdict given after the signed-off one: the sign-off still decides what reports
    /// publish, but the editor should look again.
    pub fn unsigned_newer_verdict(&self) -> Option<&Verdict> {
        let signed = self
            .claim
            .verdict
            .as_ref()
            .filter(|v| v.signed_off_by.is_some())?;
        self.verdicts
            .iter()
            .filter(|v| v.signed_off_by.is_none())
            .filter(|v| (&v.created_at, &v.id) > (&signed.created_at, &signed.id))
            .max_by(|a, b| (&a.created_at, &a.id).cmp(&(&b.created_at, &b.id)))
    }

    /// Editors signed off verdicts of different ratings: the newest sign-off decides
    /// what reports publish, and the warning names the others.
    pub fn signoff_disagreement(&self) -> Option<String> {
        let current = self
            .claim
            .verdict
            .as_ref()
            .filter(|v| v.signed_off_by.is_some())?;
        // Each editor's newest sign-off only (`signoffs` is oldest first): one who
        // changed their mind is no disagreement, as a reviewer revising a verdict is none.
        let mut newest: Vec<&VerdictSignoff> = Vec::new();
        for s in &self.signoffs {
            match newest
                .iter_mut()
                .find(|n| same_reviewer(&n.editor, &s.editor))
            {
                Some(n) => *n = s,
                None => newest.push(s),
            }
        }
        let current_editor = self.signoffs.last().map(|s| s.editor.as_str());
        let others: Vec<String> = newest
            .iter()
            .filter_map(|s| {
                let v = self.verdicts.iter().find(|v| v.id == s.verdict_id)?;
                (v.rating != current.rating)
                    .then(|| format!("{} signed off {} ({})", s.editor, v.rating, v.reviewer))
            })
            .collect();
        if others.is_empty() {
            return None;
        }
        Some(format!(
            "editors disagree: {} signed off {} ({}), the newest sign-off, which reports use; {}",
            current_editor.unwrap_or_default(),
            current.rating,
            current.reviewer,
            others.join("; ")
        ))
    }

    /// The editors who signed off `v` besides the one shown with it, newest first.
    pub fn other_signers(&self, v: &Verdict) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        for s in self.signoffs.iter().rev().filter(|s| s.verdict_id == v.id) {
            let shown = v
                .signed_off_by
                .as_deref()
                .is_some_and(|e| same_reviewer(e, &s.editor));
            if !shown && !out.iter().any(|o| same_reviewer(o, &s.editor)) {
                out.push(&s.editor);
            }
        }
        out
    }

    /// The warning line for [`ClaimDetail::unsigned_newer_verdict`], if there is one.
    pub fn unsigned_newer_warning(&self) -> Option<String> {
        self.unsigned_newer_verdict().map(|v| {
            format!(
                "a newer verdict is not signed off: {} ({}, {}); reports still use the signed-off one",
                v.rating,
                v.reviewer,
                v.created_at.get(..16).unwrap_or(&v.created_at).replace('T', " ")
            )
        })
    }
}

/// One field of a claim edited in two copies: the newer edit was kept, the other is in
/// the change log.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EditConflict {
    pub field: String,
    pub kept: serde_json::Value,
    /// Who made the kept edit (`None` if its log entry is not in this copy).
    pub kept_by: Option<String>,
    /// When the kept edit was made.
    pub at: String,
    pub lost: serde_json::Value,
    pub lost_by: String,
}

impl EditConflict {
    /// A logged value as a reviewer reads it: text as is, a span as "start-end".
    pub fn shown(value: &serde_json::Value) -> String {
        match value {
            serde_json::Value::String(s) => s.clone(),
            v if v.get("start").is_some() => format!("{}-{}", v["start"], v["end"]),
            v => v.to_string(),
        }
    }

    /// "label: kept “X” (omid) over “Y” (dana)".
    pub fn summary(&self) -> String {
        format!(
            "{}: kept “{}” ({}) over “{}” ({})",
            self.field,
            crate::text::truncate_chars(&Self::shown(&self.kept), 60),
            self.kept_by.as_deref().unwrap_or("?"),
            crate::text::truncate_chars(&Self::shown(&self.lost), 60),
            self.lost_by
        )
    }
}

/// One row of the append-only change log.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Change {
    pub id: String,
    pub batch: String,
    pub at: String,
    pub reviewer: String,
    pub entity: String,
    pub entity_id: String,
    pub action: String,
    pub field: Option<String>,
    pub old_value: Option<serde_json::Value>,
    pub new_value: Option<serde_json::Value>,
}

/// A full-text search result.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SearchHit {
    /// article | claim | verdict | note | source | link
    pub kind: String,
    pub entity_id: String,
    pub article_id: Option<String>,
    pub claim_id: Option<String>,
    pub title: String,
    /// Matching text with the match between « and ».
    pub snippet: String,
    pub rank: f64,
}

/// The short form of an id that people type: the first 8 hex digits of the UUID's
/// random tail (a v7 UUID's head is a timestamp, the same for everything made in one go).
pub fn short_id(id: &str) -> &str {
    id.get(24..32).unwrap_or(id)
}

/// How many independent sources: distinct domains; sources without a URL count by
/// publisher (or title).
pub fn independent_sources(links: &[SourceLink]) -> usize {
    let keys: std::collections::BTreeSet<String> = links
        .iter()
        .map(|l| {
            let s = &l.source;
            s.url
                .as_deref()
                .and_then(crate::validate::domain)
                .or_else(|| {
                    s.publisher
                        .as_ref()
                        .map(|p| format!("publisher:{}", p.trim().to_lowercase()))
                })
                .unwrap_or_else(|| format!("title:{}", s.title.trim().to_lowercase()))
        })
        .collect();
    keys.len()
}

/// Independent sources a verdict needs before it is published (two, by domain).
pub const INDEPENDENT_SOURCES_NEEDED: usize = 2;

/// The warning for a verdict that rests on fewer than [`INDEPENDENT_SOURCES_NEEDED`]
/// independent sources, or `None`.
pub fn thin_evidence(links: &[SourceLink]) -> Option<String> {
    let n = independent_sources(links);
    (n < INDEPENDENT_SOURCES_NEEDED).then(|| {
        format!(
            "the verdict rests on {n} independent {}; {INDEPENDENT_SOURCES_NEEDED} are needed",
            crate::text::plural(n, "source")
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn enums_parse_and_print() {
        assert_eq!(
            "Accepted".parse::<ClaimStatus>().unwrap(),
            ClaimStatus::Accepted
        );
        assert_eq!(Stance::Refutes.to_string(), "refutes");
        let err = "maybe".parse::<Stance>().unwrap_err();
        assert!(err.to_string().contains("supports refutes context"));
    }

    #[test]
    fn short_id_is_random_tail() {
        let id = "0194f2a1-7c3e-7b21-9d4e-5f6a7b8c9d0e";
        assert_eq!(short_id(id), "5f6a7b8c");
        assert_eq!(short_id("abc"), "abc");
    }
}

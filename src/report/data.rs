//! What a report is about, gathered once from the store: articles, the claims a report
//! lists (in article order), their verdict history, sources with numbered references,
//! notes, disagreements and summaries. Every format renders from this.

use super::{ReportError, ReportOptions};
use crate::model::{
    Article, Claim, ClaimStatus, Note, Rating, Source, SourceLink, Verdict, short_id,
};
use crate::store::{ClaimFilter, Signoff, Store};
use std::collections::{BTreeMap, HashMap, HashSet};

pub use super::summary::Summary;
use super::summary::summarise;
pub use crate::text::plural;

/// What a report covers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    /// One article, by its full id (resolve prefixes with `Store::resolve_article`).
    Article(String),
    /// Every article in the database.
    All,
}

/// Everything a report shows.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportData {
    pub scope: Scope,
    pub scale_name: String,
    /// The scale, in order.
    pub ratings: Vec<Rating>,
    pub articles: Vec<ArticleReport>,
    /// Every cited source once, numbered by first citation.
    pub references: Vec<Reference>,
    /// Over all articles.
    pub summary: Summary,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ArticleReport {
    pub article: Article,
    /// Notes on the article itself.
    pub notes: Vec<Note>,
    pub claims: Vec<ClaimReport>,
    pub summary: Summary,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ClaimReport {
    /// 1-based place in the article's list.
    pub number: usize,
    /// The HTML id of the claim's card, `claim-<short id>` (the full id if two claims
    /// of the report share a short id).
    pub anchor: String,
    /// The claim with its current verdict.
    pub claim: Claim,
    /// Oldest first.
    pub verdicts: Vec<Verdict>,
    /// Oldest first.
    pub signoffs: Vec<Signoff>,
    pub sources: Vec<CitedSource>,
    pub notes: Vec<Note>,
    /// Each reviewer's newest rating, when they differ; empty when reviewers agree.
    pub disagreement: Vec<ReviewerRating>,
}

impl ClaimReport {
    /// True for a claim listed only because suggested claims were asked for.
    pub fn is_unreviewed(&self) -> bool {
        self.claim.status == ClaimStatus::Suggested && self.claim.verdict.is_none()
    }

    /// The HTML id of the claim's span in the article text (the card links back to it).
    pub fn quote_anchor(&self) -> String {
        format!("quote-{}", self.anchor.trim_start_matches("claim-"))
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewerRating {
    pub reviewer: String,
    pub rating: String,
}

/// A source as one claim cites it: the link (stance, excerpt) and its reference number.
#[derive(Debug, Clone, PartialEq)]
pub struct CitedSource {
    pub reference: usize,
    pub link: SourceLink,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Reference {
    pub number: usize,
    pub source: Source,
}

/// Reads everything a report of `scope` shows.
pub fn gather(
    store: &Store,
    scope: &Scope,
    options: &ReportOptions,
) -> Result<ReportData, ReportError> {
    let ratings = store.ratings()?;
    let ids = match scope {
        Scope::Article(id) => vec![id.clone()],
        Scope::All => store.article_ids_by_import()?,
    };
    let mut references = References::default();
    let mut articles = Vec::with_capacity(ids.len());
    for id in &ids {
        articles.push(gather_article(
            store,
            id,
            options,
            &ratings,
            &mut references,
        )?);
    }
    assign_anchors(&mut articles);
    let summary = summarise(
        &ratings,
        articles.iter().flat_map(|a| a.claims.iter()),
        articles.len(),
        || {
            articles.iter().fold((0, 0, 0), |(r, s, l), a| {
                (
                    r + a.summary.rejected_skipped,
                    s + a.summary.suggested_skipped,
                    l + a.summary.suggested_listed,
                )
            })
        },
    );
    Ok(ReportData {
        scope: scope.clone(),
        scale_name: store.scale_name()?,
        ratings,
        articles,
        references: references.list,
        summary,
    })
}

/// Numbers sources by first citation.
#[derive(Default)]
struct References {
    by_source: HashMap<String, usize>,
    list: Vec<Reference>,
}

impl References {
    fn cite(&mut self, source: &Source) -> usize {
        if let Some(n) = self.by_source.get(&source.id) {
            return *n;
        }
        let number = self.list.len() + 1;
        self.by_source.insert(source.id.clone(), number);
        self.list.push(Reference {
            number,
            source: source.clone(),
        });
        number
    }
}

fn gather_article(
    store: &Store,
    article_id: &str,
    options: &ReportOptions,
    ratings: &[Rating],
    references: &mut References,
) -> Result<ArticleReport, ReportError> {
    let article = store.article(article_id)?;
    let mut attached = store.article_attachments(article_id)?;
    let mut rejected = 0;
    let mut suggested_skipped = 0;
    let mut suggested_listed = 0;
    let mut claims = Vec::new();
    for claim in store.claims(Some(article_id), &ClaimFilter::default())? {
        match claim.status {
            ClaimStatus::Rejected => {
                rejected += 1;
                continue;
            }
            // A verdict is a review, even where a database from before verdicts
            // accepted their claim left it suggested.
            ClaimStatus::Suggested if claim.verdict.is_some() => {}
            ClaimStatus::Suggested if !options.include_suggested => {
                suggested_skipped += 1;
                continue;
            }
            ClaimStatus::Suggested => suggested_listed += 1,
            ClaimStatus::Accepted => {}
        }
        let links = attached.links.remove(&claim.id).unwrap_or_default();
        let sources = links
            .into_iter()
            .map(|link| CitedSource {
                reference: references.cite(&link.source),
                link,
            })
            .collect();
        let verdicts = attached.verdicts.remove(&claim.id).unwrap_or_default();
        claims.push(ClaimReport {
            number: claims.len() + 1,
            anchor: String::new(),
            disagreement: disagreement(&verdicts),
            signoffs: attached.signoffs.remove(&claim.id).unwrap_or_default(),
            notes: attached.claim_notes.remove(&claim.id).unwrap_or_default(),
            verdicts,
            sources,
            claim,
        });
    }
    let summary = summarise(ratings, claims.iter(), 1, || {
        (rejected, suggested_skipped, suggested_listed)
    });
    Ok(ArticleReport {
        article,
        notes: attached.article_notes,
        claims,
        summary,
    })
}

/// Each reviewer's newest rating; returned only when at least two of them differ.
fn disagreement(verdicts: &[Verdict]) -> Vec<ReviewerRating> {
    let mut newest: BTreeMap<&str, &str> = BTreeMap::new();
    for v in verdicts {
        newest.insert(&v.reviewer, &v.rating);
    }
    let distinct: HashSet<&str> = newest.values().copied().collect();
    if distinct.len() < 2 {
        return Vec::new();
    }
    newest
        .into_iter()
        .map(|(reviewer, rating)| ReviewerRating {
            reviewer: reviewer.to_string(),
            rating: rating.to_string(),
        })
        .collect()
}

/// Card ids from short ids; the full id where two claims of the report share one.
fn assign_anchors(articles: &mut [ArticleReport]) {
    let mut seen: HashMap<String, usize> = HashMap::new();
    for claim in articles.iter().flat_map(|a| a.claims.iter()) {
        *seen
            .entry(short_id(&claim.claim.id).to_string())
            .or_default() += 1;
    }
    for claim in articles.iter_mut().flat_map(|a| a.claims.iter_mut()) {
        let short = short_id(&claim.claim.id);
        claim.anchor = if seen.get(short).copied().unwrap_or(0) > 1 {
            format!("claim-{}", claim.claim.id)
        } else {
            format!("claim-{short}")
        };
    }
}

impl ReportData {
    /// The scale's rating by name.
    pub fn rating(&self, name: &str) -> Option<&Rating> {
        self.ratings.iter().find(|r| r.name == name)
    }

    /// The 1-based place of a rating on the scale (0 when it is not on it): what the
    /// HTML uses for colour classes.
    pub fn rating_index(&self, name: &str) -> usize {
        self.ratings
            .iter()
            .position(|r| r.name == name)
            .map(|i| i + 1)
            .unwrap_or(0)
    }

    /// The lowest and highest ClaimReview rating value of the scale.
    pub fn rating_value_range(&self) -> Option<(i64, i64)> {
        let values = self.ratings.iter().filter_map(|r| r.rating_value);
        let min = values.clone().min()?;
        let max = values.max()?;
        Some((min, max))
    }

    /// A title for the whole report.
    pub fn title(&self) -> String {
        match (&self.scope, self.articles.as_slice()) {
            (Scope::Article(_), [one]) => one.article.title.clone(),
            _ => format!(
                "{} {}",
                self.articles.len(),
                plural(self.articles.len(), "article")
            ),
        }
    }
}

/// The date part (`YYYY-MM-DD`) of a stored timestamp, or the text as it is.
pub fn date_part(at: &str) -> &str {
    at.get(..10)
        .filter(|d| d.len() == 10 && at.as_bytes().get(4) == Some(&b'-'))
        .unwrap_or(at)
}

/// A stored timestamp as people read it: `2026-11-30 14:02 UTC`.
pub fn minute(at: &str) -> String {
    match (at.get(..10), at.get(11..16)) {
        (Some(d), Some(t)) if at.as_bytes().get(10) == Some(&b'T') => format!("{d} {t} UTC"),
        _ => at.to_string(),
    }
}

/// A rating's name as a phrase: `mostly-false` becomes `Mostly false`.
pub fn rating_phrase(name: &str) -> String {
    let spaced = name.replace(['-', '_'], " ");
    let mut chars = spaced.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

//! The JSON report: the complete structured record (`format_version` 1, documented in
//! `docs/report-json-schema.json`). Text is exact; characters that could act on a
//! terminal (C1 controls, bidi overrides) are written as `\uXXXX` escapes, which JSON
//! readers decode to the same text.

use super::ReportError;
use super::data::{ArticleReport, ClaimReport, ReportData, Scope, Summary};
use crate::model::{Note, Rating, Source, Verdict, short_id};
use crate::store::Signoff;
use serde::Serialize;
use serde_json::ser::{Formatter, PrettyFormatter};
use std::io;

/// Bumped on any change that could break a script reading the record.
pub const FORMAT_VERSION: u32 = 1;

#[derive(Serialize)]
struct Record<'a> {
    format_version: u32,
    scope: &'static str,
    scale: Scale<'a>,
    summary: SummaryJson<'a>,
    articles: Vec<ArticleJson<'a>>,
    references: Vec<ReferenceJson<'a>>,
}

#[derive(Serialize)]
struct Scale<'a> {
    name: &'a str,
    /// Lowest and highest ClaimReview rating value on the scale.
    worst_rating_value: Option<i64>,
    best_rating_value: Option<i64>,
    ratings: &'a [Rating],
}

#[derive(Serialize)]
struct SummaryJson<'a> {
    articles: usize,
    claims: usize,
    with_verdict: usize,
    without_verdict: usize,
    signed_off: usize,
    by_rating: Vec<Count<'a>>,
    reviewers: Vec<Count<'a>>,
    editors: Vec<Count<'a>>,
    first_verdict_at: Option<&'a str>,
    last_verdict_at: Option<&'a str>,
    disagreements: usize,
    rejected_skipped: usize,
    suggested_skipped: usize,
    suggested_listed: usize,
}

#[derive(Serialize)]
struct Count<'a> {
    name: &'a str,
    count: usize,
}

#[derive(Serialize)]
struct ArticleJson<'a> {
    id: &'a str,
    short_id: &'a str,
    title: &'a str,
    url: Option<&'a str>,
    outlet: Option<&'a str>,
    author: Option<&'a str>,
    published: Option<&'a str>,
    format: &'a str,
    content_hash: &'a str,
    imported_at: &'a str,
    imported_by: &'a str,
    body: &'a str,
    notes: &'a [Note],
    summary: SummaryJson<'a>,
    claims: Vec<ClaimJson<'a>>,
}

#[derive(Serialize)]
struct ClaimJson<'a> {
    id: &'a str,
    short_id: &'a str,
    number: usize,
    anchor: &'a str,
    start: i64,
    end: i64,
    quote: &'a str,
    label: &'a str,
    claimant: &'a str,
    kind: &'a str,
    status: &'a str,
    score: Option<f64>,
    reasons: &'a [String],
    created_at: &'a str,
    created_by: &'a str,
    updated_at: &'a str,
    updated_by: &'a str,
    verdict: Option<&'a Verdict>,
    verdicts: &'a [Verdict],
    signoffs: &'a [Signoff],
    disagreement: Vec<ReviewerJson<'a>>,
    sources: Vec<CitationJson<'a>>,
    notes: &'a [Note],
}

#[derive(Serialize)]
struct ReviewerJson<'a> {
    reviewer: &'a str,
    rating: &'a str,
}

#[derive(Serialize)]
struct CitationJson<'a> {
    reference: usize,
    source_id: &'a str,
    link_id: &'a str,
    stance: &'a str,
    excerpt: Option<&'a str>,
    note: Option<&'a str>,
    linked_at: &'a str,
    linked_by: &'a str,
}

#[derive(Serialize)]
struct ReferenceJson<'a> {
    number: usize,
    short_id: &'a str,
    #[serde(flatten)]
    source: &'a Source,
}

fn counts(list: &[(String, usize)]) -> Vec<Count<'_>> {
    list.iter()
        .map(|(name, count)| Count {
            name,
            count: *count,
        })
        .collect()
}

fn summary_json(s: &Summary) -> SummaryJson<'_> {
    SummaryJson {
        articles: s.articles,
        claims: s.claims,
        with_verdict: s.with_verdict,
        without_verdict: s.without_verdict,
        signed_off: s.signed_off,
        by_rating: counts(&s.by_rating),
        reviewers: counts(&s.reviewers),
        editors: counts(&s.editors),
        first_verdict_at: s.first_verdict.as_deref(),
        last_verdict_at: s.last_verdict.as_deref(),
        disagreements: s.disagreements,
        rejected_skipped: s.rejected_skipped,
        suggested_skipped: s.suggested_skipped,
        suggested_listed: s.suggested_listed,
    }
}

fn claim_json(c: &ClaimReport) -> ClaimJson<'_> {
    let cl = &c.claim;
    ClaimJson {
        id: &cl.id,
        short_id: short_id(&cl.id),
        number: c.number,
        anchor: &c.anchor,
        start: cl.start,
        end: cl.end,
        quote: &cl.quote,
        label: &cl.label,
        claimant: &cl.claimant,
        kind: &cl.kind,
        status: cl.status.as_str(),
        score: cl.score,
        reasons: &cl.reasons,
        created_at: &cl.created_at,
        created_by: &cl.created_by,
        updated_at: &cl.updated_at,
        updated_by: &cl.updated_by,
        verdict: cl.verdict.as_ref(),
        verdicts: &c.verdicts,
        signoffs: &c.signoffs,
        disagreement: c
            .disagreement
            .iter()
            .map(|d| ReviewerJson {
                reviewer: &d.reviewer,
                rating: &d.rating,
            })
            .collect(),
        sources: c
            .sources
            .iter()
            .map(|s| CitationJson {
                reference: s.reference,
                source_id: &s.link.source.id,
                link_id: &s.link.id,
                stance: s.link.stance.as_str(),
                excerpt: s.link.excerpt.as_deref(),
                note: s.link.note.as_deref(),
                linked_at: &s.link.created_at,
                linked_by: &s.link.created_by,
            })
            .collect(),
        notes: &c.notes,
    }
}

fn article_json(a: &ArticleReport) -> ArticleJson<'_> {
    let art = &a.article;
    ArticleJson {
        id: &art.id,
        short_id: short_id(&art.id),
        title: &art.title,
        url: art.url.as_deref(),
        outlet: art.outlet.as_deref(),
        author: art.author.as_deref(),
        published: art.published.as_deref(),
        format: art.format.as_str(),
        content_hash: &art.content_hash,
        imported_at: &art.imported_at,
        imported_by: &art.imported_by,
        body: &art.body,
        notes: &a.notes,
        summary: summary_json(&a.summary),
        claims: a.claims.iter().map(claim_json).collect(),
    }
}

pub fn render(data: &ReportData) -> Result<String, ReportError> {
    let range = data.rating_value_range();
    let record = Record {
        format_version: FORMAT_VERSION,
        scope: match data.scope {
            Scope::Article(_) => "article",
            Scope::All => "all",
        },
        scale: Scale {
            name: &data.scale_name,
            worst_rating_value: range.map(|r| r.0),
            best_rating_value: range.map(|r| r.1),
            ratings: &data.ratings,
        },
        summary: summary_json(&data.summary),
        articles: data.articles.iter().map(article_json).collect(),
        references: data
            .references
            .iter()
            .map(|r| ReferenceJson {
                number: r.number,
                short_id: short_id(&r.source.id),
                source: &r.source,
            })
            .collect(),
    };
    to_safe_json(&record)
}

/// Pretty JSON with every character [`crate::text::is_unsafe_char`] flags (beyond what
/// JSON escapes anyway) written as `\uXXXX`, and a final newline.
pub fn to_safe_json<T: Serialize>(value: &T) -> Result<String, ReportError> {
    let mut buf = Vec::with_capacity(64 * 1024);
    let mut ser =
        serde_json::Serializer::with_formatter(&mut buf, SafeFormatter(PrettyFormatter::new()));
    value
        .serialize(&mut ser)
        .map_err(|e| ReportError::Encode(e.to_string()))?;
    buf.push(b'\n');
    String::from_utf8(buf).map_err(|e| ReportError::Encode(e.to_string()))
}

/// serde_json's pretty formatter, escaping inside strings the characters unsafe in a
/// terminal or in an HTML `<script>` element.
struct SafeFormatter<'a>(PrettyFormatter<'a>);

impl Formatter for SafeFormatter<'_> {
    fn write_string_fragment<W: ?Sized + io::Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        let mut rest = fragment;
        while let Some((i, c)) = rest
            .char_indices()
            // `<`, `>` and `&` too: ClaimReview is pasted into a
            // `<script type="application/ld+json">`, where "</script>" in a rationale
            // would end the element and run what follows.
            .find(|&(_, c)| crate::text::is_unsafe_char(c) || matches!(c, '<' | '>' | '&'))
        {
            writer.write_all(&rest.as_bytes()[..i])?;
            write!(writer, "\\u{:04x}", c as u32)?;
            rest = &rest[i + c.len_utf8()..];
        }
        writer.write_all(rest.as_bytes())
    }
    fn begin_array<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_array(w)
    }
    fn end_array<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array(w)
    }
    fn begin_array_value<W: ?Sized + io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.0.begin_array_value(w, first)
    }
    fn end_array_value<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array_value(w)
    }
    fn begin_object<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object(w)
    }
    fn end_object<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object(w)
    }
    fn begin_object_key<W: ?Sized + io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.0.begin_object_key(w, first)
    }
    fn begin_object_value<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object_value(w)
    }
    fn end_object_value<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object_value(w)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unsafe_characters_are_escaped_and_round_trip() {
        let text = "a\u{9b}b\u{202e}c\u{1b}d ğ 🇮🇷";
        let json = to_safe_json(&serde_json::json!({ "t": text })).unwrap();
        assert!(json.contains("a\\u009bb\\u202ec\\u001bd ğ 🇮🇷"), "{json}");
        let back: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(back["t"], text);
    }

    /// A rationale cannot close the `<script>` element ClaimReview is pasted into.
    #[test]
    fn script_tags_cannot_be_closed_from_a_string() {
        let text = "</script><script>alert(1)</script> & <!--";
        let json = to_safe_json(&serde_json::json!({ "t": text })).unwrap();
        assert!(
            !json.contains('<') && !json.contains('>') && !json.contains('&'),
            "{json}"
        );
        assert!(json.contains("\\u003c/script\\u003e"), "{json}");
        let back: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(back["t"], text);
    }
}

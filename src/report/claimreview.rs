//! ClaimReview JSON-LD (schema.org, as Google's Fact Check markup documents it): one
//! `ClaimReview` per listed claim that has a current verdict, as a JSON array to put in
//! a `<script type="application/ld+json">` of the fact-check's page.
//!
//! Every claim is linted first. A claim that breaks a rule for a required property is
//! named (short id and label) and the export fails, or with `skip_invalid` it is left out
//! and named in the warnings; it is never exported silently. Missing recommended
//! properties are warnings.

use super::data::{ArticleReport, ClaimReport, ReportData, date_part, rating_phrase};
use super::json::to_safe_json;
use super::{Report, ReportError, ReportOptions};
use crate::model::short_id;
use crate::text::sanitize_line;
use serde_json::{Map, Value, json};

/// `claimReviewed` must be shorter than this (Google: "less than 75 characters").
pub const CLAIM_REVIEWED_MAX: usize = 75;

/// A claim that cannot be exported, with every rule it breaks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LintProblem {
    pub claim_id: String,
    pub label: String,
    pub problems: Vec<String>,
}

impl std::fmt::Display for LintProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "claim {} \"{}\": {}",
            short_id(&self.claim_id),
            sanitize_line(&self.label),
            self.problems.join("; ")
        )
    }
}

/// The one-line error for claims that break the rules.
pub fn lint_message(problems: &[LintProblem]) -> String {
    let list: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
    format!(
        "{} {} cannot be exported as ClaimReview (fix them, or pass --skip-invalid to export the rest): {}",
        problems.len(),
        if problems.len() == 1 {
            "claim"
        } else {
            "claims"
        },
        list.join(" | ")
    )
}

pub fn render(data: &ReportData, options: &ReportOptions) -> Result<Report, ReportError> {
    let publish = options
        .publish_url
        .as_deref()
        .map(str::trim)
        .filter(|u| !u.is_empty());
    let publish = publish.ok_or(ReportError::NoPublishUrl)?;
    let publish =
        url::Url::parse(&crate::validate::http_url(publish).map_err(ReportError::BadPublishUrl)?)
            .map_err(|e| ReportError::BadPublishUrl(e.to_string()))?;
    let mut warnings = Vec::new();
    let mut problems = Vec::new();
    let mut reviews = Vec::new();
    let mut unrated = 0;
    for a in &data.articles {
        for c in &a.claims {
            let Some(verdict) = &c.claim.verdict else {
                unrated += 1;
                continue;
            };
            let broken = lint(data, c);
            if !broken.is_empty() {
                problems.push(LintProblem {
                    claim_id: c.claim.id.clone(),
                    label: c.claim.label.clone(),
                    problems: broken,
                });
                continue;
            }
            reviews.push(claim_review(
                data,
                a,
                c,
                verdict,
                &publish,
                options,
                &mut warnings,
            ));
        }
    }
    if !problems.is_empty() && !options.skip_invalid {
        return Err(ReportError::Lint(problems));
    }
    for p in &problems {
        warnings.push(format!("skipped {p}"));
    }
    if unrated > 0 {
        warnings.push(format!(
            "{unrated} listed {} no verdict yet and {} not exported",
            if unrated == 1 {
                "claim has"
            } else {
                "claims have"
            },
            if unrated == 1 { "is" } else { "are" }
        ));
    }
    if options
        .organisation
        .as_deref()
        .is_none_or(|o| o.trim().is_empty())
    {
        warnings.push(
            "no organisation in the config file: ClaimReview author (recommended) left out".into(),
        );
    }
    warnings.dedup();
    Ok(Report {
        text: to_safe_json(&reviews)?,
        warnings,
    })
}

/// The rules a claim must meet to be exported; empty when it meets them all.
pub fn lint(data: &ReportData, c: &ClaimReport) -> Vec<String> {
    let mut out = Vec::new();
    let Some(v) = &c.claim.verdict else {
        return vec!["has no verdict".into()];
    };
    let label = c.claim.label.trim();
    let chars = label.chars().count();
    if label.is_empty() {
        out.push("the label (claimReviewed) is empty".into());
    } else if chars >= CLAIM_REVIEWED_MAX {
        out.push(format!(
            "the label (claimReviewed) is {chars} characters; it must be under {CLAIM_REVIEWED_MAX}"
        ));
    }
    if mentions_rating(label, &v.rating) {
        out.push(format!(
            "the label (claimReviewed) contains the rating '{}'; leave the rating out",
            v.rating
        ));
    }
    match data.rating(&v.rating) {
        None => out.push(format!(
            "rating '{}' is not on the database's scale",
            v.rating
        )),
        Some(r) if r.rating_value.is_some() => {
            if let Some((worst, best)) = data.rating_value_range() {
                if worst < 1 {
                    out.push(format!(
                        "the scale's lowest rating value is {worst}; worstRating must be at least 1"
                    ));
                }
                if best <= worst {
                    out.push(format!("the scale has one rating value ({best}); bestRating must be above worstRating"));
                }
            }
        }
        Some(_) => {}
    }
    out
}

/// True when `label` holds the rating's words in a row, e.g. "mostly false" for
/// `mostly-false` (case-insensitive, whole words).
fn mentions_rating(label: &str, rating: &str) -> bool {
    let words = |s: &str| -> Vec<String> {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(|w| w.to_lowercase())
            .collect()
    };
    let label = words(label);
    let rating = words(rating);
    !rating.is_empty() && label.windows(rating.len()).any(|w| w == rating.as_slice())
}

fn claim_review(
    data: &ReportData,
    a: &ArticleReport,
    c: &ClaimReport,
    v: &crate::model::Verdict,
    publish: &url::Url,
    options: &ReportOptions,
    warnings: &mut Vec<String>,
) -> Value {
    let art = &a.article;
    let mut page = publish.clone();
    page.set_fragment(Some(&c.anchor));
    let mut rating = Map::new();
    rating.insert("@type".into(), json!("Rating"));
    rating.insert("alternateName".into(), json!(rating_phrase(&v.rating)));
    if let (Some(value), Some((worst, best))) = (
        data.rating(&v.rating).and_then(|r| r.rating_value),
        data.rating_value_range(),
    ) {
        rating.insert("ratingValue".into(), json!(value));
        rating.insert("worstRating".into(), json!(worst));
        rating.insert("bestRating".into(), json!(best));
    }
    rating.insert("ratingExplanation".into(), json!(v.rationale));

    let mut claim = Map::new();
    claim.insert("@type".into(), json!("Claim"));
    match claim_author(a, c) {
        Some(author) => {
            claim.insert("author".into(), author);
        }
        None => warnings.push(format!(
            "claim {}: no claimant name for itemReviewed.author (recommended)",
            short_id(&c.claim.id)
        )),
    }
    if let Some(date) = &art.published {
        claim.insert("datePublished".into(), json!(date));
    }
    match art
        .url
        .as_deref()
        .and_then(|u| crate::validate::http_url(u).ok())
    {
        Some(url) => {
            claim.insert(
                "appearance".into(),
                json!({"@type": "CreativeWork", "url": url}),
            );
        }
        None => warnings.push(format!(
            "article {}: no http(s) URL for itemReviewed.appearance (recommended)",
            short_id(&art.id)
        )),
    }

    let mut review = Map::new();
    review.insert("@context".into(), json!("https://schema.org"));
    review.insert("@type".into(), json!("ClaimReview"));
    review.insert("url".into(), json!(page.as_str()));
    review.insert("claimReviewed".into(), json!(c.claim.label.trim()));
    review.insert(
        "datePublished".into(),
        json!(date_part(
            v.signed_off_at.as_deref().unwrap_or(&v.created_at)
        )),
    );
    if let Some(org) = options
        .organisation
        .as_deref()
        .map(str::trim)
        .filter(|o| !o.is_empty())
    {
        let mut author = Map::new();
        author.insert("@type".into(), json!("Organization"));
        author.insert("name".into(), json!(org));
        if let Some(url) = options
            .organisation_url
            .as_deref()
            .and_then(|u| crate::validate::http_url(u).ok())
        {
            author.insert("url".into(), json!(url));
        }
        review.insert("author".into(), Value::Object(author));
    }
    review.insert("reviewRating".into(), Value::Object(rating));
    review.insert("itemReviewed".into(), Value::Object(claim));
    Value::Object(review)
}

/// Who made the claim: the claimant, or for claims the article makes itself (claimant
/// `article`) its author, else its outlet.
fn claim_author(a: &ArticleReport, c: &ClaimReport) -> Option<Value> {
    let claimant = c.claim.claimant.trim();
    if !claimant.is_empty() && !claimant.eq_ignore_ascii_case("article") {
        return Some(json!({"@type": claimant_type(claimant), "name": claimant}));
    }
    let art = &a.article;
    if let Some(author) = art.author.as_deref().filter(|s| !s.trim().is_empty()) {
        let author = author.trim();
        return Some(json!({"@type": claimant_type(author), "name": author}));
    }
    art.outlet
        .as_deref()
        .filter(|s| !s.trim().is_empty())
        .map(|outlet| json!({"@type": "Organization", "name": outlet.trim()}))
}

/// Words that make a claimant a body rather than a person ("UN Security Council",
/// "Russia and Central Asian states", "the health ministry").
const ORGANISATION_WORDS: &[&str] = &[
    "administration",
    "agency",
    "army",
    "association",
    "authorities",
    "authority",
    "bank",
    "board",
    "commission",
    "committee",
    "company",
    "congress",
    "corp",
    "council",
    "country",
    "countries",
    "court",
    "department",
    "embassy",
    "federation",
    "forces",
    "government",
    "group",
    "inc",
    "institute",
    "league",
    "ltd",
    "military",
    "ministry",
    "movement",
    "nations",
    "news",
    "office",
    "officials",
    "organisation",
    "organization",
    "parliament",
    "party",
    "police",
    "press",
    "reports",
    "senate",
    "spokesman",
    "spokesperson",
    "states",
    "union",
    "university",
];

/// The last characters of Chinese and Japanese names of bodies: bureau, ministry, court
/// or academy, council, committee, office, government, province, city, county, party,
/// army, company, bank, university, centre, association, agency, prefecture.
const CJK_ORGANISATION_ENDINGS: &[&str] = &[
    "局", "部", "院", "会", "會", "委", "厅", "廳", "署", "府", "省", "市", "县", "縣", "党", "黨",
    "军", "軍", "社", "公司", "银行", "銀行", "大学", "大學", "中心", "组织", "組織", "机构",
    "機構", "庁", "都", "県", "道", "协会", "協会", "協會",
];

/// ClaimReview's `itemReviewed.author` is a Person or an Organization. A one-word
/// claimant ("Pakistan", "US", "NATO") or one naming a body is an Organization; a
/// name of several words ("Hassan Kazemi Qomi") is a Person.
fn claimant_type(claimant: &str) -> &'static str {
    // Chinese and Japanese have no spaces: a body is named by its last characters
    // (国家统计局, 東京都, 外交部); anyone else (李伟, 外交部发言人李伟, 首相) is a person.
    let trimmed = claimant.trim();
    if !trimmed.is_empty() && trimmed.chars().all(crate::text::is_cjk) {
        let body = CJK_ORGANISATION_ENDINGS
            .iter()
            .any(|end| trimmed.ends_with(end));
        return if body { "Organization" } else { "Person" };
    }
    let words: Vec<String> = claimant
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let body = words.len() <= 1
        || words
            .iter()
            .any(|w| ORGANISATION_WORDS.contains(&w.as_str()));
    if body { "Organization" } else { "Person" }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn claimants_are_people_or_bodies() {
        for person in [
            "Hassan Kazemi Qomi",
            "Feridun Sinirlioğlu",
            "Li Wei",
            "محمد رضایی",
            "李伟",
            "外交部发言人李伟",
            "首相",
        ] {
            assert_eq!(claimant_type(person), "Person", "{person}");
        }
        for body in [
            "UN Security Council",
            "Pakistan",
            "US",
            "Russia and Central Asian states",
            "reports",
            "the health ministry",
            "国家统计局",
            "外交部",
            "東京都",
        ] {
            assert_eq!(claimant_type(body), "Organization", "{body}");
        }
    }

    #[test]
    fn finds_the_rating_as_whole_words() {
        assert!(mentions_rating(
            "This is mostly false, says X",
            "mostly-false"
        ));
        assert!(mentions_rating("FALSE claim", "false"));
        assert!(!mentions_rating("falsely attributed", "false"));
        assert!(!mentions_rating("mostly right", "mostly-false"));
    }
}

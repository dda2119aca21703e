//! The counts a report's summary shows, for one article or the whole report, and the
//! sentences every format prints them with.

use super::data::{ClaimReport, minute};
use crate::model::Rating;
use crate::text::plural;
use std::collections::BTreeMap;

/// Counts for the summary of an article or of the whole report.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    pub articles: usize,
    /// Claims listed in the report.
    pub claims: usize,
    pub with_verdict: usize,
    pub signed_off: usize,
    /// Current verdicts per rating, in scale order; ratings no claim has are left out.
    pub by_rating: Vec<(String, usize)>,
    /// Claims listed without a verdict yet.
    pub without_verdict: usize,
    /// Reviewers who gave verdicts, by name, with how many.
    pub reviewers: Vec<(String, usize)>,
    /// Editors who signed verdicts off, by name, with how many.
    pub editors: Vec<(String, usize)>,
    /// The first and last verdict time of the listed claims.
    pub first_verdict: Option<String>,
    pub last_verdict: Option<String>,
    pub disagreements: usize,
    pub rejected_skipped: usize,
    /// Suggested claims left out (0 when they are listed).
    pub suggested_skipped: usize,
    /// Suggested claims listed as not reviewed.
    pub suggested_listed: usize,
}

fn count_into(map: &mut BTreeMap<String, usize>, key: &str) {
    *map.entry(key.to_string()).or_default() += 1;
}

/// Counts over `claims`; `skipped` gives (rejected, suggested left out, suggested listed).
pub(super) fn summarise<'a>(
    ratings: &[Rating],
    claims: impl Iterator<Item = &'a ClaimReport>,
    articles: usize,
    skipped: impl FnOnce() -> (usize, usize, usize),
) -> Summary {
    let mut s = Summary {
        articles,
        ..Summary::default()
    };
    let mut by_rating: BTreeMap<String, usize> = BTreeMap::new();
    let mut reviewers = BTreeMap::new();
    let mut editors = BTreeMap::new();
    for c in claims {
        s.claims += 1;
        match &c.claim.verdict {
            Some(v) => {
                s.with_verdict += 1;
                count_into(&mut by_rating, &v.rating);
                if v.signed_off_by.is_some() {
                    s.signed_off += 1;
                }
            }
            None => s.without_verdict += 1,
        }
        if !c.disagreement.is_empty() {
            s.disagreements += 1;
        }
        for v in &c.verdicts {
            count_into(&mut reviewers, &v.reviewer);
            if s.first_verdict.as_ref().is_none_or(|f| v.created_at < *f) {
                s.first_verdict = Some(v.created_at.clone());
            }
            if s.last_verdict.as_ref().is_none_or(|l| v.created_at > *l) {
                s.last_verdict = Some(v.created_at.clone());
            }
        }
        for so in &c.signoffs {
            count_into(&mut editors, &so.editor);
        }
    }
    // Scale order first, then any rating no longer on the scale, by name.
    for r in ratings {
        if let Some(n) = by_rating.remove(&r.name) {
            s.by_rating.push((r.name.clone(), n));
        }
    }
    s.by_rating.extend(by_rating);
    s.reviewers = reviewers.into_iter().collect();
    s.editors = editors.into_iter().collect();
    (s.rejected_skipped, s.suggested_skipped, s.suggested_listed) = skipped();
    s
}

impl Summary {
    /// The summary's facts as sentences, the same wording in every format; names go
    /// through `escape` (the format's escaping).
    pub fn facts(&self, escape: impl Fn(&str) -> String) -> Vec<String> {
        let mut out = vec![format!(
            "{} {} listed, {} with a verdict, {} signed off",
            self.claims,
            plural(self.claims, "claim"),
            self.with_verdict,
            self.signed_off
        )];
        let people = |list: &[(String, usize)], what: &str| {
            list.iter()
                .map(|(name, n)| format!("{} ({n} {})", escape(name), plural(*n, what)))
                .collect::<Vec<_>>()
                .join(", ")
        };
        if !self.reviewers.is_empty() {
            out.push(format!("Reviewers: {}", people(&self.reviewers, "verdict")));
        }
        if !self.editors.is_empty() {
            out.push(format!(
                "Signed off by: {}",
                people(&self.editors, "sign-off")
            ));
        }
        if let (Some(first), Some(last)) = (&self.first_verdict, &self.last_verdict) {
            out.push(format!(
                "Verdicts given {} to {}",
                minute(first),
                minute(last)
            ));
        }
        let count = |n: usize, what: &str| format!("{n} {}", plural(n, what));
        if self.disagreements > 0 {
            out.push(format!(
                "⚠ Reviewers disagree on {}",
                count(self.disagreements, "claim")
            ));
        }
        if self.suggested_listed > 0 {
            out.push(format!(
                "{} listed, not yet reviewed",
                count(self.suggested_listed, "suggested claim")
            ));
        }
        let mut left_out = Vec::new();
        if self.rejected_skipped > 0 {
            left_out.push(count(self.rejected_skipped, "rejected claim"));
        }
        if self.suggested_skipped > 0 {
            left_out.push(format!(
                "{} not yet reviewed",
                count(self.suggested_skipped, "suggested claim")
            ));
        }
        if !left_out.is_empty() {
            out.push(format!("Left out: {}", left_out.join(", ")));
        }
        out
    }
}

//! ClaimReview JSON-LD: every required property on every review, values within the
//! scale, and the lint that names claims breaking a rule instead of exporting them.

mod report_support;

use factdesk::model::{ClaimEdit, short_id};
use factdesk::report::{self, ReportError, ReportFormat};
use report_support::{example, options, scope};
use serde_json::Value;

fn reviews(text: &str) -> Vec<Value> {
    serde_json::from_str::<Vec<Value>>(text).unwrap()
}

#[test]
fn every_review_has_the_required_properties() {
    let f = example();
    let out = report::render(&f.store, &scope(&f), ReportFormat::ClaimReview, &options()).unwrap();
    let list = reviews(&out.text);
    assert_eq!(list.len(), 5, "one per listed claim with a verdict");
    for r in &list {
        assert_eq!(r["@context"], "https://schema.org");
        assert_eq!(r["@type"], "ClaimReview");
        let claim = r["claimReviewed"].as_str().unwrap();
        assert!(!claim.is_empty() && claim.chars().count() < 75, "{claim}");
        let url = r["url"].as_str().unwrap();
        assert!(
            url.starts_with("https://factcheck.example.org/2023/iran-taliban-consensus#claim-")
        );
        let rating = &r["reviewRating"];
        assert_eq!(rating["@type"], "Rating");
        assert!(
            rating["alternateName"]
                .as_str()
                .is_some_and(|s| !s.is_empty())
        );
        assert!(rating["ratingExplanation"].as_str().is_some());
        if let Some(value) = rating["ratingValue"].as_i64() {
            let (worst, best) = (
                rating["worstRating"].as_i64().unwrap(),
                rating["bestRating"].as_i64().unwrap(),
            );
            assert!(
                worst >= 1 && worst <= value && value <= best && worst < best,
                "{rating}"
            );
        } else {
            assert!(rating.get("bestRating").is_none() && rating.get("worstRating").is_none());
        }
        // Recommended.
        assert_eq!(r["author"]["@type"], "Organization");
        assert_eq!(r["author"]["name"], "Desk Fact Check");
        assert!(r["datePublished"].as_str().is_some_and(|d| d.len() == 10));
        let item = &r["itemReviewed"];
        assert_eq!(item["@type"], "Claim");
        assert!(
            item["author"]["name"]
                .as_str()
                .is_some_and(|s| !s.is_empty())
        );
        assert_eq!(item["datePublished"], "2023-05-12");
        assert!(
            item["appearance"]["url"]
                .as_str()
                .unwrap()
                .starts_with("https://www.khaama.com/")
        );
    }
    // The unverifiable rating has no value on the true-false line.
    let unverifiable = list
        .iter()
        .find(|r| r["reviewRating"]["alternateName"] == "Unverifiable")
        .unwrap();
    assert!(unverifiable["reviewRating"].get("ratingValue").is_none());
}

#[test]
fn the_range_comes_from_the_scale() {
    let mut f = example();
    // A scale step above "true" moves bestRating; nothing is hard-coded.
    f.store
        .add_rating(&factdesk::model::Rating {
            name: "proven".into(),
            position: 0,
            description: "Proved beyond doubt".into(),
            rating_value: Some(9),
            colour: "#1b5e20".into(),
            symbol: "✓".into(),
        })
        .unwrap();
    f.store
        .add_verdict(
            &f.claims[2],
            "proven",
            "Both governments published minutes.",
        )
        .unwrap();
    let out = report::render(&f.store, &scope(&f), ReportFormat::ClaimReview, &options()).unwrap();
    let list = reviews(&out.text);
    let numeric: Vec<&Value> = list
        .iter()
        .filter(|r| r["reviewRating"].get("ratingValue").is_some())
        .collect();
    assert_eq!(numeric.len(), 5);
    for r in numeric {
        assert_eq!(r["reviewRating"]["bestRating"], 9);
        assert_eq!(r["reviewRating"]["worstRating"], 1);
    }
    let proven = list
        .iter()
        .find(|r| r["reviewRating"]["alternateName"] == "Proven")
        .unwrap();
    assert_eq!(proven["reviewRating"]["ratingValue"], 9);
}

#[test]
fn a_claim_that_breaks_a_rule_is_named_not_exported() {
    let mut f = example();
    let long =
        "Iran's ambassador says every neighbouring country agrees on how to deal with the Taliban";
    f.store
        .edit_claim(
            &f.claims[0],
            &ClaimEdit {
                label: Some(long.into()),
                ..Default::default()
            },
        )
        .unwrap();
    f.store
        .edit_claim(
            &f.claims[1],
            &ClaimEdit {
                label: Some("True: Qomi met the coordinator".into()),
                ..Default::default()
            },
        )
        .unwrap();
    let err =
        report::render(&f.store, &scope(&f), ReportFormat::ClaimReview, &options()).unwrap_err();
    let ReportError::Lint(problems) = &err else {
        panic!("{err}")
    };
    assert_eq!(problems.len(), 2);
    let msg = err.to_string();
    assert!(!msg.contains('\n'), "one line: {msg}");
    assert!(
        msg.contains(&format!("claim {} \"{long}\"", short_id(&f.claims[0]))),
        "{msg}"
    );
    assert!(
        msg.contains("is 88 characters; it must be under 75"),
        "{msg}"
    );
    assert!(msg.contains("contains the rating 'true'"), "{msg}");
    assert!(msg.contains("--skip-invalid"), "{msg}");

    let mut opts = options();
    opts.skip_invalid = true;
    let out = report::render(&f.store, &scope(&f), ReportFormat::ClaimReview, &opts).unwrap();
    assert_eq!(reviews(&out.text).len(), 3);
    let skipped: Vec<&String> = out
        .warnings
        .iter()
        .filter(|w| w.starts_with("skipped claim "))
        .collect();
    assert_eq!(skipped.len(), 2, "{:?}", out.warnings);
}

#[test]
fn the_publish_url_is_required_and_must_be_http() {
    let f = example();
    let mut opts = options();
    opts.publish_url = None;
    let err = report::render(&f.store, &scope(&f), ReportFormat::ClaimReview, &opts).unwrap_err();
    assert!(matches!(err, ReportError::NoPublishUrl), "{err}");
    assert!(err.to_string().contains("--publish-url"));
    opts.publish_url = Some("javascript:alert(1)".into());
    let err = report::render(&f.store, &scope(&f), ReportFormat::ClaimReview, &opts).unwrap_err();
    assert!(matches!(err, ReportError::BadPublishUrl(_)), "{err}");
}

#[test]
fn missing_organisation_is_a_warning() {
    let f = example();
    let mut opts = options();
    opts.organisation = None;
    let out = report::render(&f.store, &scope(&f), ReportFormat::ClaimReview, &opts).unwrap();
    assert!(reviews(&out.text).iter().all(|r| r.get("author").is_none()));
    assert!(out.warnings.iter().any(|w| w.contains("no organisation")));
}

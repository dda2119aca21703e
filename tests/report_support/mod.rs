//! Shared fixture for the report tests: the example article with claims in every state,
//! verdicts from two reviewers (one disagreement, one signed off, one revised), shared
//! sources and notes; plus insta filters that name the random ids and hide the clock.

#![allow(dead_code)]

use factdesk::model::{
    ClaimStatus, NewArticle, NewClaim, NewSource, SourceFormat, Stance, short_id,
};
use factdesk::report::{ReportOptions, Scope};
use factdesk::store::{ImportOutcome, Store};

pub const EXAMPLE: &str = include_str!("../../examples/iran-taliban-consensus.txt");

/// The fixture's store and the ids the filters name.
pub struct Fixture {
    pub store: Store,
    pub article: String,
    /// Claims in article order (listed or not).
    pub claims: Vec<String>,
    pub sources: Vec<String>,
}

/// (start, end, label, claimant, kind, status): spans from the gold claims.
const CLAIMS: &[(i64, i64, &str, &str, &str, ClaimStatus)] = &[
    (
        175,
        274,
        "regional consensus",
        "Hassan Kazemi Qomi",
        "attributed statement",
        ClaimStatus::Accepted,
    ),
    (
        309,
        373,
        "Qomi met UN Special Coordinator",
        "article",
        "event",
        ClaimStatus::Accepted,
    ),
    (
        634,
        740,
        "Iran serves Afghan refugees",
        "Hassan Kazemi Qomi",
        "attributed statement",
        ClaimStatus::Accepted,
    ),
    (
        791,
        944,
        "Taliban ties to Al-Qaeda and TTP",
        "article",
        "characterisation",
        ClaimStatus::Suggested,
    ),
    (
        947,
        1007,
        "Taliban breached Doha",
        "article",
        "attributed criticism",
        ClaimStatus::Rejected,
    ),
    (
        1009,
        1085,
        "Doha Agreement signed February 2020",
        "article",
        "date",
        ClaimStatus::Accepted,
    ),
    (
        1330,
        1390,
        "al-Zawahiri killed 31 July 2022",
        "article",
        "event and date",
        ClaimStatus::Accepted,
    ),
    (
        1997,
        2109,
        "1,650 security incidents in 2023",
        "UN Security Council",
        "statistic",
        ClaimStatus::Accepted,
    ),
];

fn new_claim(c: &(i64, i64, &str, &str, &str, ClaimStatus)) -> NewClaim {
    NewClaim {
        start: c.0,
        end: c.1,
        label: c.2.into(),
        claimant: c.3.into(),
        kind: c.4.into(),
        score: None,
        reasons: Vec::new(),
        status: c.5,
    }
}

fn source(url: &str, title: &str, publisher: &str, published: &str) -> NewSource {
    NewSource {
        url: Some(url.into()),
        title: title.into(),
        publisher: Some(publisher.into()),
        published: Some(published.into()),
        accessed: Some("2026-11-28".into()),
        notes: None,
    }
}

pub fn example() -> Fixture {
    let mut store = Store::open_in_memory("dana").unwrap();
    let doc = NewArticle {
        title: String::new(),
        url: Some("https://www.khaama.com/iranian-ambassador-asserts-regional-consensus/".into()),
        outlet: Some("Khaama Press".into()),
        author: Some("Khaama Press News Agency".into()),
        published: Some("2023-05-12".into()),
        body: EXAMPLE.to_string(),
        format: Some(SourceFormat::Text),
    };
    let claims: Vec<NewClaim> = CLAIMS.iter().map(new_claim).collect();
    let ImportOutcome::Imported { id: article, .. } = store.import_article(&doc, &claims).unwrap()
    else {
        panic!("fresh store")
    };
    let ids: Vec<String> = store
        .claims(Some(&article), &Default::default())
        .unwrap()
        .into_iter()
        .map(|c| c.id)
        .collect();
    let (un, _) = store
        .add_source(&source(
            "https://www.un.org/securitycouncil/content/report-2023",
            "Report of the Analytical Support and Sanctions Monitoring Team",
            "UN Security Council",
            "2023-06-01",
        ))
        .unwrap();
    let (gov, _) = store
        .add_source(&source(
            "https://www.state.gov/us-taliban-agreement",
            "Agreement for Bringing Peace to Afghanistan",
            "US Department of State",
            "2020-02-29",
        ))
        .unwrap();
    let (news, _) = store
        .add_source(&source(
            "https://www.reuters.com/world/asia-pacific/iran-envoy-taliban-2023-05-11/",
            "Iran envoy meets UN coordinator on Afghanistan",
            "Reuters",
            "2023-05-11",
        ))
        .unwrap();

    // 1: two reviewers disagree; an editor signs off lee's verdict.
    store
        .link_source(
            &ids[0],
            &un,
            Stance::Refutes,
            Some("Member States remain concerned about the Taliban’s ties with terrorist groups."),
            None,
        )
        .unwrap();
    store
        .link_source(
            &ids[0],
            &news,
            Stance::Context,
            None,
            Some("Reports the envoy’s own words only."),
        )
        .unwrap();
    store.add_verdict(&ids[0], "mixed", "Neighbours voiced similar positions at the Samarkand meeting,\nbut the UN monitoring team reports no consensus on terrorism.").unwrap();
    store.set_reviewer("lee");
    let lee = store
        .add_verdict(
            &ids[0],
            "mostly-false",
            "No regional body has adopted a shared approach; only bilateral statements exist.",
        )
        .unwrap();
    store.set_reviewer("ed");
    store.sign_off(&ids[0], Some(&lee), false).unwrap();
    store.set_reviewer("dana");
    // 2: true, one source, signed off.
    store
        .link_source(
            &ids[1],
            &news,
            Stance::Supports,
            Some("met UN Special Coordinator Feridun Sinirlioğlu in Kabul"),
            None,
        )
        .unwrap();
    store
        .add_verdict(
            &ids[1],
            "true",
            "The meeting is confirmed by both sides' statements.",
        )
        .unwrap();
    store.set_reviewer("ed");
    store.sign_off(&ids[1], None, false).unwrap();
    store.set_reviewer("dana");
    // 3: accepted, not rated yet; a note.
    store
        .add_note(
            &article,
            Some(&ids[2]),
            "Ask UNHCR for the 2023 refugee figures.",
        )
        .unwrap();
    // 6: revised by the same reviewer (history, no disagreement).
    store
        .link_source(
            &ids[5],
            &gov,
            Stance::Supports,
            Some("Signed in Doha on February 29, 2020"),
            None,
        )
        .unwrap();
    store
        .add_verdict(
            &ids[5],
            "mostly-true",
            "Signed in Doha, Qatar; first draft.",
        )
        .unwrap();
    store
        .add_verdict(
            &ids[5],
            "true",
            "Signed in Doha, Qatar, on 29 February 2020.",
        )
        .unwrap();
    // 7: unverifiable (no ClaimReview rating value).
    store
        .add_verdict(
            &ids[6],
            "unverifiable",
            "The strike is confirmed, the exact date only by US officials.",
        )
        .unwrap();
    // 8: mostly-true, shares the UN source with claim 1.
    store
        .link_source(
            &ids[7],
            &un,
            Stance::Supports,
            Some("1,650 security-related incidents between 1 January and 31 March"),
            None,
        )
        .unwrap();
    store
        .add_verdict(
            &ids[7],
            "mostly-true",
            "The figure covers the first quarter only, not \"the first months\".",
        )
        .unwrap();
    store
        .add_note(
            &article,
            None,
            "Checked against the UN and State Department records.",
        )
        .unwrap();
    Fixture {
        store,
        article,
        claims: ids,
        sources: vec![un, gov, news],
    }
}

pub fn options() -> ReportOptions {
    ReportOptions {
        publish_url: Some("https://factcheck.example.org/2023/iran-taliban-consensus".into()),
        organisation: Some("Desk Fact Check".into()),
        organisation_url: Some("https://factcheck.example.org/".into()),
        ..ReportOptions::default()
    }
}

pub fn scope(f: &Fixture) -> Scope {
    Scope::Article(f.article.clone())
}

/// insta settings that replace random ids with names (CLAIM-n / Cn, ARTICLE, SOURCE-n
/// / Sn, then any other UUID) and the clock's timestamps with placeholders.
pub fn settings(f: &Fixture) -> insta::Settings {
    let mut s = insta::Settings::clone_current();
    s.set_prepend_module_to_snapshot(false);
    let mut named: Vec<(String, String)> = Vec::new();
    for (i, id) in f.claims.iter().enumerate() {
        named.push((id.clone(), format!("CLAIM-{}", i + 1)));
    }
    named.push((f.article.clone(), "ARTICLE".into()));
    for (i, id) in f.sources.iter().enumerate() {
        named.push((id.clone(), format!("SOURCE-{}", i + 1)));
    }
    for (id, name) in &named {
        s.add_filter(&regex_escape(id), name.as_str());
    }
    s.add_filter(
        r"[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}",
        "[uuid]",
    );
    for (id, name) in &named {
        let short = name
            .replace("CLAIM-", "C")
            .replace("SOURCE-", "S")
            .replace("ARTICLE", "A");
        s.add_filter(&regex_escape(short_id(id)), short.as_str());
    }
    s.add_filter(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z", "[time]");
    s.add_filter(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC", "[minute]");
    let today = &factdesk::store::now()[..10];
    s.add_filter(&regex_escape(today), "[today]");
    s
}

fn regex_escape(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' {
                c.to_string()
            } else {
                format!("\\{c}")
            }
        })
        .collect()
}

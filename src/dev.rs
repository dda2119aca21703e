//! A generator of large synthetic databases with realistic text, for benchmarks and
//! load tests (`factdesk dev gen`). Deterministic for a seed.

use crate::model::{ClaimStatus, NewArticle, NewClaim, NewSource, SourceFormat, Stance};
use crate::store::{Result, Store};

/// What a run generated.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct GenStats {
    pub articles: usize,
    pub claims: usize,
    pub sources: usize,
    pub verdicts: usize,
}

/// A small, fast, deterministic PRNG (SplitMix64): no dependency for test data.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
    pub fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

const PEOPLE: &[&str] = &[
    "Hassan Kazemi Qomi",
    "Feridun Sinirlioğlu",
    "Maria Fernández",
    "Li Wei (李伟)",
    "Amina Yusuf",
    "محمد رضایی",
    "Jean-Luc Moreau",
    "Søren Kierkegaard Jr.",
    "Ngozi Okonjo",
    "Kim Ji-woo (김지우)",
];
const ROLES: &[&str] = &[
    "foreign minister",
    "ambassador",
    "spokesperson",
    "health secretary",
    "central bank governor",
    "opposition leader",
];
const PLACES: &[&str] = &[
    "Afghanistan",
    "Pakistan",
    "Qatar",
    "Türkiye",
    "Brazil",
    "Nigeria",
    "South Korea",
    "Iran",
    "the European Union",
    "Japan",
];
const TOPICS: &[&str] = &[
    "inflation",
    "refugee arrivals",
    "vaccination rates",
    "border incidents",
    "grain exports",
    "unemployment",
    "carbon emissions",
    "school enrolment",
];
const VERBS: &[&str] = &[
    "said",
    "stated",
    "claimed",
    "told reporters",
    "wrote on social media",
    "insisted",
];
const OUTLETS: &[&str] = &[
    "Daily Ledger",
    "The Courier",
    "Radio Free Desk",
    "Le Quotidien",
    "Asia Wire",
    "Gazette 🌍",
];
const PUBLISHERS: &[&str] = &[
    "un.org",
    "worldbank.org",
    "reuters.com",
    "statistics.gov",
    "who.int",
    "example-news.net",
];

fn sentence(rng: &mut Rng) -> String {
    let person = rng.pick(PEOPLE);
    let role = rng.pick(ROLES);
    let place = rng.pick(PLACES);
    let topic = rng.pick(TOPICS);
    let n = 100 + rng.below(9_900);
    let pct = rng.below(90) as f64 / 10.0 + 1.0;
    let year = 2015 + rng.below(10);
    match rng.below(6) {
        0 => format!(
            "{person}, the {role} of {place}, {} that {topic} rose by {pct:.1}% in {year}.",
            rng.pick(VERBS)
        ),
        1 => format!(
            "According to official figures, {place} recorded {n} cases of {topic} in the first months of {year}."
        ),
        2 => format!(
            "“We have cut {topic} in half since {year},” {person} {} on Tuesday.",
            rng.pick(VERBS)
        ),
        3 => format!(
            "Critics accused the government of {place} of hiding {topic} data, a charge it denies."
        ),
        4 => format!(
            "The {role} met officials in {place} to discuss {topic} and regional cooperation."
        ),
        _ => format!(
            "{place} is now the largest exporter in the region, with {topic} up {pct:.1} times since {year}."
        ),
    }
}

/// One article with `claims` sentences that become claims, plus some filler.
fn article(rng: &mut Rng, index: usize, claims: usize) -> (NewArticle, Vec<NewClaim>) {
    let title = format!(
        "{} on {} — report #{index}",
        rng.pick(PEOPLE),
        rng.pick(TOPICS)
    );
    let mut body = format!("{title}\n\n");
    let mut spans = Vec::new();
    let mut len = body.chars().count();
    for i in 0..claims {
        let s = sentence(rng);
        let n = s.chars().count();
        spans.push(NewClaim {
            start: len as i64,
            end: (len + n) as i64,
            label: s.split_whitespace().take(5).collect::<Vec<_>>().join(" "),
            claimant: rng.pick(PEOPLE).to_string(),
            kind: "statement".into(),
            score: Some(rng.below(100) as f64 / 100.0),
            reasons: vec!["number".into(), "attribution".into()],
            status: if rng.chance(70) {
                ClaimStatus::Accepted
            } else {
                ClaimStatus::Suggested
            },
        });
        body.push_str(&s);
        len += n;
        let filler = if i % 3 == 2 {
            " Observers were not surprised.\n\n"
        } else {
            " "
        };
        body.push_str(filler);
        len += filler.chars().count();
    }
    let doc = NewArticle {
        title,
        url: Some(format!("https://news.example/{index}")),
        outlet: Some(rng.pick(OUTLETS).to_string()),
        author: Some(rng.pick(PEOPLE).to_string()),
        published: Some(format!(
            "20{:02}-{:02}-{:02}",
            15 + rng.below(10),
            1 + rng.below(12),
            1 + rng.below(28)
        )),
        body,
        format: Some(SourceFormat::Text),
    };
    (doc, spans)
}

/// Adds `articles` articles with `claims_per_article` claims each, with sources and
/// verdicts, in one transaction.
pub fn generate(
    store: &mut Store,
    articles: usize,
    claims_per_article: usize,
    seed: u64,
) -> Result<GenStats> {
    let mut rng = Rng::new(seed);
    let ratings: Vec<String> = store.ratings()?.into_iter().map(|r| r.name).collect();
    let mut stats = GenStats::default();
    store.bulk(|store| {
        let mut source_ids: Vec<String> = Vec::new();
        for a in 0..articles {
            let (doc, claims) = article(&mut rng, a, claims_per_article);
            let outcome = store.import_article(&doc, &claims)?;
            let crate::store::ImportOutcome::Imported { id, .. } = outcome else {
                continue;
            };
            stats.articles += 1;
            let claim_ids: Vec<String> = store
                .claims(Some(&id), &Default::default())?
                .into_iter()
                .map(|c| c.id)
                .collect();
            for claim in &claim_ids {
                stats.claims += 1;
                for _ in 0..rng.below(3) {
                    if source_ids.len() < 50 || rng.chance(30) {
                        let publisher = rng.pick(PUBLISHERS);
                        let n = source_ids.len();
                        let (sid, _) = store.add_source(&NewSource {
                            url: Some(format!("https://{publisher}/doc/{n}")),
                            title: format!("{} report on {}", publisher, rng.pick(TOPICS)),
                            publisher: Some(publisher.to_string()),
                            published: Some(format!(
                                "20{:02}-0{}-1{}",
                                15 + rng.below(10),
                                1 + rng.below(9),
                                rng.below(9)
                            )),
                            accessed: Some("2026-11-30".into()),
                            notes: None,
                        })?;
                        source_ids.push(sid);
                        stats.sources += 1;
                    }
                    let source = rng.pick(&source_ids).clone();
                    let stance = *rng.pick(&[Stance::Supports, Stance::Refutes, Stance::Context]);
                    store.link_source(
                        claim,
                        &source,
                        stance,
                        Some("The figures in table 3 differ."),
                        None,
                    )?;
                }
                if rng.chance(60) && !ratings.is_empty() {
                    let rating = rng.pick(&ratings).clone();
                    store.add_verdict(
                        claim,
                        &rating,
                        "Checked against the cited figures; see sources.",
                    )?;
                    stats.verdicts += 1;
                }
            }
        }
        Ok(())
    })?;
    Ok(stats)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generates_consistent_data() {
        let mut store = Store::open_in_memory("gen").unwrap();
        let stats = generate(&mut store, 3, 5, 7).unwrap();
        assert_eq!(stats.articles, 3);
        assert_eq!(stats.claims, 15);
        for a in store.articles().unwrap() {
            let article = store.article(&a.id).unwrap();
            for c in store.claims(Some(&a.id), &Default::default()).unwrap() {
                let quote =
                    crate::text::slice_chars(&article.body, c.start as usize, c.end as usize)
                        .unwrap();
                assert_eq!(quote, c.quote);
            }
        }
    }
}

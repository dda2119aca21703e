//! Evaluates factdesk's check-worthiness scorer and claim proposer.
//!
//! `cargo run --release --example eval_checkworthy [DATA.jsonl] [SEED_ARTICLE] [SEED_CLAIMS.json]`
//!
//! 1. Sentence level: precision, recall and F1 of the check-worthy class on the `dev`
//!    (and `train`) split of the CheckThat! 2024 English data, at the shipped threshold.
//! 2. Claim level: the claims proposed for the seed article against its gold claims.
//!    A gold claim is recalled when a proposed claim's span overlaps it; a proposed claim
//!    is correct when it overlaps some gold claim. Also prints every proposal.
//! 3. Timing: reading plus proposing the seed article.

use factdesk::ingest::{self, scorer::Model};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let data = args
        .get(1)
        .map(String::as_str)
        .unwrap_or("../shared/data/checkworthy/ct24_en_train_dev.jsonl");
    let article = args
        .get(2)
        .map(String::as_str)
        .unwrap_or("../shared/seeds/000_7fb7e74e55cc3b61.txt");
    let gold = args
        .get(3)
        .map(String::as_str)
        .unwrap_or("../shared/seeds/000_claims.json");
    sentence_level(data)?;
    claim_level(article, gold)?;
    Ok(())
}

fn sentence_level(data: &str) -> Result<(), Box<dyn std::error::Error>> {
    let text = std::fs::read_to_string(data).map_err(|e| format!("{data}: {e}"))?;
    let model = Model::shipped();
    for split in ["train", "dev"] {
        let mut lines = Vec::new();
        let mut labels = Vec::new();
        for line in text.lines() {
            let v: serde_json::Value = serde_json::from_str(line)?;
            if v["split"].as_str() == Some(split) {
                lines.push(v["text"].as_str().unwrap_or_default().replace('\n', " "));
                labels.push(v["label"].as_i64() == Some(1));
            }
        }
        let joined = lines.join("\n");
        let suggestions = ingest::suggest_lines(&joined);
        assert_eq!(suggestions.len(), labels.len(), "one suggestion per line");
        let pairs: Vec<(bool, bool)> = suggestions
            .iter()
            .map(|s| s.checkworthy)
            .zip(labels.iter().copied())
            .collect();
        let (p, r, f) = prf(&pairs);
        println!(
            "{split:5} sentences {:5}: P {p:.3} R {r:.3} F1 {f:.3} (threshold {:.3})",
            pairs.len(),
            model.threshold
        );
    }
    Ok(())
}

fn prf(pairs: &[(bool, bool)]) -> (f64, f64, f64) {
    let tp = pairs.iter().filter(|&&(p, y)| p && y).count() as f64;
    let fp = pairs.iter().filter(|&&(p, y)| p && !y).count() as f64;
    let fn_ = pairs.iter().filter(|&&(p, y)| !p && y).count() as f64;
    let p = if tp + fp > 0.0 { tp / (tp + fp) } else { 0.0 };
    let r = if tp + fn_ > 0.0 { tp / (tp + fn_) } else { 0.0 };
    (
        p,
        r,
        if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        },
    )
}

fn claim_level(article: &str, gold: &str) -> Result<(), Box<dyn std::error::Error>> {
    let bytes = std::fs::read(article).map_err(|e| format!("{article}: {e}"))?;
    let gold: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(gold).map_err(|e| format!("{gold}: {e}"))?)?;
    let started = std::time::Instant::now();
    let doc = ingest::read_document(&bytes, article)?;
    let claims = ingest::propose_claims(&doc.body);
    let elapsed = started.elapsed();
    let gold: Vec<(i64, i64, String)> = gold["claims"]
        .as_array()
        .ok_or("gold file has no claims")?
        .iter()
        .map(|c| {
            (
                c["start"].as_i64().unwrap_or(0),
                c["end"].as_i64().unwrap_or(0),
                c["label"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    let overlaps = |a: (i64, i64), b: (i64, i64)| a.0 < b.1 && b.0 < a.1;
    let recalled = gold
        .iter()
        .filter(|g| {
            claims
                .iter()
                .any(|c| overlaps((c.start, c.end), (g.0, g.1)))
        })
        .count();
    let correct = claims
        .iter()
        .filter(|c| gold.iter().any(|g| overlaps((c.start, c.end), (g.0, g.1))))
        .count();
    for c in &claims {
        let quote =
            factdesk::text::slice_chars(&doc.body, c.start as usize, c.end as usize).unwrap_or("?");
        println!(
            "  [{:4}..{:4}] {:.2} {:22} | {:35} | {}\n      {}",
            c.start,
            c.end,
            c.score.unwrap_or(0.0),
            c.kind,
            c.label,
            c.claimant,
            quote
        );
    }
    for g in gold.iter().filter(|g| {
        !claims
            .iter()
            .any(|c| overlaps((c.start, c.end), (g.0, g.1)))
    }) {
        println!("  missed gold claim: {}", g.2);
    }
    let r = recalled as f64 / gold.len().max(1) as f64;
    let p = correct as f64 / claims.len().max(1) as f64;
    let f = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    println!(
        "seed article: {} proposed, {} gold; recall {r:.3} ({recalled}/{}), precision {p:.3} ({correct}/{}), F1 {f:.3}; read + propose {:.2} ms",
        claims.len(),
        gold.len(),
        gold.len(),
        claims.len(),
        elapsed.as_secs_f64() * 1000.0
    );
    Ok(())
}

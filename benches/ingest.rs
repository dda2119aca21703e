//! Ingest throughput: the sentence splitter alone, splitter plus check-worthiness scorer
//! (the 20 MB/s target), full `suggest` (with claimants and labels), and import-time
//! claim proposal for the example article. Also one timed pass over a 50 MB article.
//!
//! `cargo bench --bench ingest`

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use factdesk::ingest::{self, features::Scratch, is_headline, scorer::Model, split};
use std::hint::black_box;

const EXAMPLE: &str = include_str!("../examples/iran-taliban-consensus.txt");

/// About 1 MB of news text: the example article repeated, with varied paragraphs.
fn corpus() -> String {
    let mut s = String::with_capacity(1 << 20);
    let mut i = 0;
    while s.len() < 1 << 20 {
        s.push_str(EXAMPLE);
        s.push_str(&format!(
            "\n\nOn Jan. {} the U.S. Treasury said revenue rose 3.{}% to $1,{:03} billion. “It is the best quarter ever,” Mr. Adams told reporters at 9 a.m. Do you believe it? I think not.\n\n",
            i % 28 + 1,
            i % 10,
            i % 1000
        ));
        i += 1;
    }
    s
}

fn split_and_score(body: &str, model: &Model, scratch: &mut Scratch) -> usize {
    let mut worthy = 0;
    for (s, e) in split::split_bytes(body) {
        if model.score(&body[s..e], is_headline(body, s, e), scratch) >= model.threshold {
            worthy += 1;
        }
    }
    worthy
}

fn benches(c: &mut Criterion) {
    let text = corpus();
    let model = Model::shipped();
    let mut g = c.benchmark_group("ingest");
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.sample_size(20);
    g.bench_function("split 1 MB", |b| {
        b.iter(|| split::split_bytes(black_box(&text)).len())
    });
    let mut scratch = Scratch::default();
    g.bench_function("split+score 1 MB", |b| {
        b.iter(|| split_and_score(black_box(&text), model, &mut scratch))
    });
    g.bench_function("suggest 1 MB", |b| {
        b.iter(|| ingest::suggest(black_box(&text)).len())
    });
    g.finish();
    let mut g = c.benchmark_group("import");
    g.throughput(Throughput::Bytes(EXAMPLE.len() as u64));
    g.bench_function("read+propose example article", |b| {
        b.iter(|| {
            let doc = ingest::read_document(black_box(EXAMPLE.as_bytes()), "a.txt").unwrap();
            ingest::propose_claims(&doc.body).len()
        })
    });
    g.finish();
    fifty_megabytes(model);
}

/// One pass over a 50 MB article: reading, splitting+scoring, proposing claims.
fn fifty_megabytes(model: &Model) {
    let mut big = corpus();
    while big.len() < 50_000_000 {
        big.push_str(&big.clone()[..(50_000_000 - big.len()).min(big.len())]);
    }
    let t = std::time::Instant::now();
    let doc = ingest::read_document(big.as_bytes(), "big.txt").expect("50 MB article reads");
    let read = t.elapsed();
    let t = std::time::Instant::now();
    let worthy = split_and_score(&doc.body, model, &mut Scratch::default());
    let scored = t.elapsed();
    let t = std::time::Instant::now();
    let claims = ingest::propose_claims(&doc.body);
    let proposed = t.elapsed();
    let mb = doc.body.len() as f64 / 1e6;
    println!(
        "50 MB article ({mb:.1} MB): read {:.2} s, split+score {:.2} s ({:.1} MB/s, {worthy} check-worthy), propose {:.2} s ({} claims kept)",
        read.as_secs_f64(),
        scored.as_secs_f64(),
        mb / scored.as_secs_f64(),
        proposed.as_secs_f64(),
        claims.len()
    );
}

criterion_group!(ingest_benches, benches);
criterion_main!(ingest_benches);

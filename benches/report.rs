//! Report speed: a 1,000-claim article (synthetic, `dev::generate`) rendered in every
//! format, from the store (gathering included) and from gathered data alone.
//! Target: under 100 ms per format. Figures go to docs/report.md.

use criterion::{Criterion, criterion_group, criterion_main};
use factdesk::report::{self, ReportFormat, ReportOptions, Scope};
use factdesk::store::Store;
use std::hint::black_box;

fn bench_reports(c: &mut Criterion) {
    let mut store = Store::open_in_memory("bench").expect("in-memory store");
    factdesk::dev::generate(&mut store, 1, 1_000, 42).expect("generate");
    let article = store.article_ids_by_import().expect("ids").remove(0);
    let scope = Scope::Article(article);
    let options = ReportOptions {
        include_suggested: true,
        skip_invalid: true,
        publish_url: Some("https://factcheck.example.org/bench".into()),
        organisation: Some("Bench Desk".into()),
        ..ReportOptions::default()
    };
    let data = report::data::gather(&store, &scope, &options).expect("gather");
    assert_eq!(data.summary.claims, 1_000);

    let mut group = c.benchmark_group("report_1000_claims");
    group.sample_size(20);
    group.bench_function("gather", |b| {
        b.iter(|| report::data::gather(&store, &scope, &options).expect("gather"))
    });
    for format in ReportFormat::ALL {
        group.bench_function(format!("{format}_from_store"), |b| {
            b.iter(|| black_box(report::render(&store, &scope, format, &options).expect("render")))
        });
        group.bench_function(format!("{format}_render_only"), |b| {
            b.iter(|| black_box(report::render_data(&data, format, &options).expect("render")))
        });
    }
    group.finish();
}

criterion_group!(benches, bench_reports);
criterion_main!(benches);

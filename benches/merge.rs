//! Merge speed: two databases of 100,000 claims each (built once with the synthetic
//! generator and cached under target/), one merged into a fresh copy of the other.
//! Target: under 3 seconds (docs/sharing.md).

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use factdesk::store::Store;
use factdesk::store::migrate::SCHEMA_VERSION;
use std::path::{Path, PathBuf};
use std::time::Duration;

const ARTICLES: usize = 1_000;
const CLAIMS_PER_ARTICLE: usize = 100;

/// An exported database of 100,000 claims for `seed`, made once and cached.
fn fixture(name: &str, seed: u64) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("merge-bench");
    std::fs::create_dir_all(&dir).unwrap();
    // Made again for each schema version: an upgraded fixture is not what a database of
    // that version looks like (an upgrade keeps some of the old log's form).
    let out = dir.join(format!("{name}-v{SCHEMA_VERSION}.sqlite"));
    if out.exists() {
        return out;
    }
    let work = dir.join(format!("{name}-work.sqlite"));
    let _ = std::fs::remove_file(&work);
    let mut store = Store::open(&work, name).unwrap();
    let stats = factdesk::dev::generate(&mut store, ARTICLES, CLAIMS_PER_ARTICLE, seed).unwrap();
    eprintln!("generated {name}: {stats:?}");
    store.export_db(&out, true).unwrap();
    drop(store);
    remove_db(&work);
    out
}

/// Removes a working database and its WAL files (the fixtures are ~430 MB each).
fn remove_db(path: &Path) {
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
}

/// `base` with some work on top, as a colleague's copy after a day's (or a week's)
/// work: `new_articles` more articles of 100 claims made with `seed`, every `step`-th
/// claim of the base relabelled, a verdict on the claim after it, a few deletions.
fn worked_copy(base: &Path, name: &str, new_articles: usize, seed: u64, step: usize) -> PathBuf {
    let out = base.with_file_name(format!("{name}-v{SCHEMA_VERSION}.sqlite"));
    if out.exists() {
        return out;
    }
    let work = base.with_file_name(format!("{name}-work.sqlite"));
    std::fs::copy(base, &work).unwrap();
    let mut store = Store::open(&work, name).unwrap();
    let claims: Vec<String> = store
        .claims(None, &Default::default())
        .unwrap()
        .into_iter()
        .map(|c| c.id)
        .collect();
    if new_articles > 0 {
        factdesk::dev::generate(&mut store, new_articles, CLAIMS_PER_ARTICLE, seed).unwrap();
    }
    store
        .bulk(|s| {
            for (i, id) in claims.iter().enumerate().step_by(step) {
                s.edit_claim(
                    id,
                    &factdesk::model::ClaimEdit {
                        label: Some(format!("{name}: checked {i}")),
                        ..Default::default()
                    },
                )?;
                s.add_verdict(&claims[i + 1], "mixed", "Partly supported by the figures.")?;
                if i % 1000 == 0 {
                    s.delete_claim(&claims[i + 2])?;
                }
            }
            Ok(())
        })
        .unwrap();
    store.export_db(&out, true).unwrap();
    drop(store);
    remove_db(&work);
    out
}

fn merge(c: &mut Criterion) {
    let a = fixture("a-100k", 1);
    let b = fixture("b-100k", 2);
    let a_edited = worked_copy(&a, "a-100k-edited", 0, 0, 100);
    // Two reviewers on copies of A for a week: 10,000 new claims on each side, 1,000
    // and 500 relabelled (500 of them on both sides: conflicts), verdicts, deletions.
    let a_week1 = worked_copy(&a, "a-100k-week1", 100, 11, 100);
    let a_week2 = worked_copy(&a, "a-100k-week2", 100, 12, 200);
    let scratch = tempfile::tempdir().unwrap();
    let mut group = c.benchmark_group("merge");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(30));
    for (name, into, from) in [
        ("disjoint_100k_into_100k", &a, &b),
        ("edited_copy_100k", &a, &a_edited),
        ("diverged_copies_110k", &a_week1, &a_week2),
    ] {
        group.bench_function(name, |bench| {
            bench.iter_batched(
                || {
                    let path = scratch.path().join("into.sqlite");
                    remove_db(&path);
                    std::fs::copy(into, &path).unwrap();
                    let store = Store::open(&path, "bench").unwrap();
                    // The receiving database is on disk before the merge starts, as a
                    // reviewer's is: the setup's own writes (the copy, the search
                    // index) are flushed here, not charged to the merge.
                    for suffix in ["", "-wal"] {
                        if let Ok(f) = std::fs::File::open(format!("{}{suffix}", path.display())) {
                            f.sync_all().unwrap();
                        }
                    }
                    store
                },
                |mut store| {
                    let report = store.merge_from(from, false).unwrap();
                    assert!(report.changed_anything());
                    store
                },
                BatchSize::PerIteration,
            )
        });
    }
    group.finish();
}

criterion_group!(benches, merge);
criterion_main!(benches);

//! Workbench speed on a database of 1,000 articles and 100,000 claims: one key plus a
//! 200x60 redraw, opening an article, a 100k-word article, and resident memory.
//! The database is built once with `dev::generate` and cached under target/.

use criterion::{Criterion, criterion_group, criterion_main};
use factdesk::model::NewArticle;
use factdesk::store::{ImportOutcome, Store};
use factdesk::tui::action::Action;
use factdesk::tui::view::{self, Theme};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;
use std::path::PathBuf;
use std::time::Instant;

const W: u16 = 200;
const H: u16 = 60;

fn bench_db() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/bench-data");
    std::fs::create_dir_all(&dir).expect("bench dir");
    let path = dir.join("tui-1000x100.sqlite");
    if !path.exists() {
        let tmp = dir.join("tui-1000x100.sqlite.part");
        let _ = std::fs::remove_file(&tmp);
        let t = Instant::now();
        let mut store = Store::open(&tmp, "bench").expect("open");
        factdesk::dev::generate(&mut store, 1000, 100, 7).expect("generate");
        drop(store);
        std::fs::rename(&tmp, &path).expect("rename");
        eprintln!("built {} in {:.1?}", path.display(), t.elapsed());
    }
    path
}

fn rss_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn workbench(c: &mut Criterion) {
    let path = bench_db();
    let mut store = Store::open(&path, "bench").expect("open bench db");
    let article = store.articles_page(500, 1).expect("page")[0].id.clone();
    let size = Rect::new(0, 0, W, H);
    let theme = Theme { color: true };

    c.bench_function(
        "open workbench on an article (1000 articles, 100k claims)",
        |b| b.iter(|| factdesk::tui::start_app(&mut store, Some(&article), size)),
    );

    let mut app = factdesk::tui::start_app(&mut store, Some(&article), size);
    if let Some(kb) = rss_kb() {
        eprintln!(
            "resident memory after opening: {:.1} MB",
            kb as f64 / 1024.0
        );
    }
    let mut terminal = Terminal::new(TestBackend::new(W, H)).expect("terminal");
    let mut down = true;
    c.bench_function("one key (j/k) + redraw 200x60", |b| {
        b.iter(|| {
            let claims = app.work.as_ref().map_or(0, |w| w.visible.len());
            let at = app.work.as_ref().map_or(0, |w| w.selected);
            if at + 1 >= claims {
                down = false;
            } else if at == 0 {
                down = true;
            }
            app.dispatch(&mut store, if down { Action::Down } else { Action::Up });
            terminal
                .draw(|f| view::render(&app, theme, f))
                .expect("draw");
        })
    });

    let claim = app.selected_claim_id().expect("a claim");
    c.bench_function("claim detail query (part of a key)", |b| {
        b.iter(|| store.claim_detail(&claim).expect("detail"))
    });
    c.bench_function("redraw only 200x60", |b| {
        b.iter(|| {
            terminal
                .draw(|f| view::render(&app, theme, f))
                .expect("draw");
        })
    });
    c.bench_function("picker page (1000 articles)", |b| {
        b.iter(|| store.articles_page(500, 58).expect("page"))
    });

    // The article pane focused: moving the cursor and redrawing.
    app.dispatch(&mut store, Action::PrevPane);
    c.bench_function("article cursor key + redraw 200x60", |b| {
        b.iter(|| {
            app.dispatch(&mut store, Action::WordRight);
            terminal
                .draw(|f| view::render(&app, theme, f))
                .expect("draw");
        })
    });
}

fn long_article(c: &mut Criterion) {
    let mut store = Store::open_in_memory("bench").expect("store");
    let words = [
        "The",
        "ministry",
        "said",
        "imports",
        "rose",
        "by",
        "12%",
        "in",
        "2023,",
        "Sinirlioğlu",
        "日本",
        "noted.",
    ];
    let mut body = String::new();
    for i in 0..100_000 {
        body.push_str(words[i % words.len()]);
        body.push(if i % 90 == 89 { '\n' } else { ' ' });
    }
    let doc = NewArticle {
        title: "Long".into(),
        body,
        ..NewArticle::default()
    };
    let id = match store.import_article(&doc, &[]).expect("import") {
        ImportOutcome::Imported { id, .. } | ImportOutcome::Duplicate { id, .. } => id,
    };
    let size = Rect::new(0, 0, W, H);
    c.bench_function("open a 100k-word article (wrap at 200x60)", |b| {
        b.iter(|| factdesk::tui::start_app(&mut store, Some(&id), size))
    });
    let mut app = factdesk::tui::start_app(&mut store, Some(&id), size);
    app.dispatch(&mut store, Action::PrevPane);
    let mut terminal = Terminal::new(TestBackend::new(W, H)).expect("terminal");
    let theme = Theme { color: true };
    let mut forward = true;
    c.bench_function("page down a 100k-word article + redraw", |b| {
        b.iter(|| {
            let w = app.work.as_ref().expect("open");
            if w.cursor + 2 >= w.char_count {
                forward = false;
            } else if w.cursor == 0 {
                forward = true;
            }
            app.dispatch(
                &mut store,
                if forward {
                    Action::PageDown
                } else {
                    Action::First
                },
            );
            terminal
                .draw(|f| view::render(&app, theme, f))
                .expect("draw");
        })
    });
}

criterion_group!(benches, workbench, long_article);
criterion_main!(benches);

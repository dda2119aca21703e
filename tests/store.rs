//! Store round trips: claims, sources, verdicts, notes, FTS sync, undo, offsets on
//! non-ASCII text, and opening files that are not ours.

use factdesk::model::{ClaimEdit, ClaimStatus, NewArticle, NewClaim, NewSource, Stance};
use factdesk::store::{ClaimFilter, ImportOutcome, Store, StoreError};
use factdesk::text::slice_chars;

const SEED: &str = include_str!("../examples/iran-taliban-consensus.txt");

fn article(body: &str) -> NewArticle {
    NewArticle {
        title: String::new(),
        body: body.to_string(),
        ..NewArticle::default()
    }
}

fn claim(start: i64, end: i64) -> NewClaim {
    NewClaim::at(start, end, ClaimStatus::Suggested)
}

/// Quotes "Taliban has been criticized for breaching the Doha Agreement".
fn add_doha_claim(store: &mut Store, article_id: &str) -> String {
    store
        .add_claim_by_quote(
            article_id,
            "Taliban has been criticized for breaching the Doha Agreement",
            None,
            &claim(0, 0),
        )
        .unwrap()
}

fn import(store: &mut Store, body: &str) -> String {
    match store.import_article(&article(body), &[]).unwrap() {
        ImportOutcome::Imported { id, .. } => id,
        other => panic!("{other:?}"),
    }
}

#[test]
fn import_is_idempotent_by_content() {
    let mut store = Store::open_in_memory("dana").unwrap();
    let id = import(&mut store, SEED);
    match store.import_article(&article(SEED), &[]).unwrap() {
        ImportOutcome::Duplicate { id: dup, title } => {
            assert_eq!(dup, id);
            assert!(title.starts_with("Iranian Ambassador"));
        }
        other => panic!("expected duplicate, got {other:?}"),
    }
    assert_eq!(store.article_count().unwrap(), 1);
    let a = store.article(&id).unwrap();
    assert_eq!(a.body, SEED.trim());
    assert_eq!(
        a.title,
        "Iranian Ambassador asserts regional consensus on counterterrorism and drug cooperation with Taliban"
    );
}

#[test]
fn gold_offsets_round_trip_on_the_seed() {
    let gold: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string("../shared/seeds/000_claims.json").unwrap_or_else(|_| {
            // The gold file lives beside the repo; fall back to two claims known by heart.
            r#"{"claims":[{"quote":"his meeting with the UN Special Coordinator, Feridun Sinirlioğlu","start":309,"end":373},
                {"quote":"The UN Security Council has recorded 1,650 security-related incidents in the first months of 2023 in Afghanistan","start":1997,"end":2109}]}"#
                .to_string()
        }))
        .unwrap();
    let mut store = Store::open_in_memory("dana").unwrap();
    let id = import(&mut store, SEED);
    let body = store.article(&id).unwrap().body;
    for g in gold["claims"].as_array().unwrap() {
        let (start, end) = (g["start"].as_i64().unwrap(), g["end"].as_i64().unwrap());
        let cid = store.add_claim(&id, &claim(start, end)).unwrap();
        let c = store.claim(&cid).unwrap();
        assert_eq!(c.quote, g["quote"].as_str().unwrap());
        assert_eq!(
            slice_chars(&body, start as usize, end as usize).unwrap(),
            c.quote
        );
    }
}

#[test]
fn offsets_on_persian_cjk_emoji_and_combining_marks() {
    let body = "Sinirlioğlu met محمد رضایی in 東京 👩‍👩‍👧 and said “e\u{301}lan: 1,650 incidents”.";
    let mut store = Store::open_in_memory("dana").unwrap();
    let id = import(&mut store, body);
    for quote in [
        "محمد رضایی",
        "東京",
        "👩‍👩‍👧",
        "“e\u{301}lan: 1,650 incidents”",
        "Sinirlioğlu",
    ] {
        let cid = store
            .add_claim_by_quote(&id, quote, None, &claim(0, 0))
            .unwrap();
        let c = store.claim(&cid).unwrap();
        assert_eq!(c.quote, quote);
        assert_eq!(
            slice_chars(body, c.start as usize, c.end as usize),
            Some(quote)
        );
        assert_eq!((c.end - c.start) as usize, quote.chars().count());
    }
}

#[test]
fn claim_edit_status_split_and_delete() {
    let mut store = Store::open_in_memory("dana").unwrap();
    let id = import(&mut store, SEED);
    let cid = add_doha_claim(&mut store, &id);
    let c = store.claim(&cid).unwrap();
    assert_eq!(c.label, "Taliban has been criticized for breaching");
    assert_eq!(c.claimant, "article");
    store
        .edit_claim(
            &cid,
            &ClaimEdit {
                label: Some("Taliban breached Doha".into()),
                claimant: Some("US".into()),
                ..Default::default()
            },
        )
        .unwrap();
    store.set_claim_status(&cid, ClaimStatus::Accepted).unwrap();
    let c = store.claim(&cid).unwrap();
    assert_eq!(
        (c.label.as_str(), c.claimant.as_str(), c.status),
        ("Taliban breached Doha", "US", ClaimStatus::Accepted)
    );
    // Split after "Taliban has been criticized".
    let second = store.split_claim(&cid, c.start + 27).unwrap();
    assert_eq!(
        store.claim(&cid).unwrap().quote,
        "Taliban has been criticized"
    );
    // The space at the cut belongs to neither part.
    assert_eq!(
        store.claim(&second).unwrap().quote,
        "for breaching the Doha Agreement"
    );
    assert!(matches!(
        store.split_claim(&cid, c.start),
        Err(StoreError::Invalid(_))
    ));
    store.delete_claim(&second).unwrap();
    assert!(matches!(
        store.claim(&second),
        Err(StoreError::NotFound { .. })
    ));
    let accepted = ClaimFilter {
        status: Some(ClaimStatus::Accepted),
        ..Default::default()
    };
    assert_eq!(store.claims(Some(&id), &accepted).unwrap().len(), 1);
}

#[test]
fn sources_links_verdicts_and_notes_round_trip() {
    let mut store = Store::open_in_memory("dana").unwrap();
    let id = import(&mut store, SEED);
    let cid = store.add_claim(&id, &claim(1997, 2109)).unwrap();
    let (sid, created) = store
        .add_source(&NewSource {
            url: Some("https://www.un.org/securitycouncil/report".into()),
            title: "UNSC report".into(),
            publisher: Some("United Nations".into()),
            published: Some("2023-06-01".into()),
            ..Default::default()
        })
        .unwrap();
    assert!(created);
    let (again, created) = store
        .add_source(&NewSource {
            url: Some("https://www.un.org/securitycouncil/report".into()),
            title: "x".into(),
            ..Default::default()
        })
        .unwrap();
    assert_eq!((again.as_str(), created), (sid.as_str(), false));
    store
        .link_source(&cid, &sid, Stance::Supports, Some("1,650 incidents"), None)
        .unwrap();
    // Linking again updates the stance instead of duplicating.
    store
        .link_source(
            &cid,
            &sid,
            Stance::Refutes,
            Some("1,650 incidents"),
            Some("re-read"),
        )
        .unwrap();
    store.add_verdict(&cid, "mixed", "First look").unwrap();
    store.set_reviewer("lee");
    let v2 = store
        .add_verdict(&cid, "true", "Matches the report")
        .unwrap();
    store
        .add_note(&id, Some(&cid), "Ask the UN press office")
        .unwrap();

    let d = store.claim_detail(&cid).unwrap();
    assert_eq!(d.sources.len(), 1);
    assert_eq!(d.sources[0].stance, Stance::Refutes);
    assert_eq!(
        d.sources[0].source.publisher.as_deref(),
        Some("United Nations")
    );
    assert_eq!(d.verdicts.len(), 2, "history is kept");
    assert_eq!(d.verdicts[0].reviewer, "dana");
    assert_eq!(d.claim.verdict.as_ref().unwrap().id, v2);
    assert_eq!(d.notes[0].body, "Ask the UN press office");
    assert_eq!(d.claim.source_count, 1);

    // A sign-off pins the current verdict even when a newer one follows.
    store.set_reviewer("editor");
    store.sign_off(&cid, Some(&v2), false).unwrap();
    store.add_verdict(&cid, "false", "Second thoughts").unwrap();
    let c = store.claim(&cid).unwrap();
    assert_eq!(c.verdict.as_ref().unwrap().rating, "true");
    assert_eq!(
        c.verdict.as_ref().unwrap().signed_off_by.as_deref(),
        Some("editor")
    );

    // Bad values are refused with the scale or the problem named.
    let err = store
        .add_verdict(&cid, "pants-on-fire", "x")
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("unknown rating 'pants-on-fire'") && err.contains("mostly-true"),
        "{err}"
    );
    assert!(store.add_verdict(&cid, "true", "   ").is_err());
    let bad = NewSource {
        url: Some("javascript:alert(1)".into()),
        title: "x".into(),
        ..Default::default()
    };
    assert!(
        store
            .add_source(&bad)
            .unwrap_err()
            .to_string()
            .contains("javascript")
    );
    let bad = NewSource {
        url: None,
        title: "x".into(),
        published: Some("2023-13-01".into()),
        ..Default::default()
    };
    assert!(store.add_source(&bad).is_err());
}

#[test]
fn full_text_search_follows_edits_and_deletes() {
    let mut store = Store::open_in_memory("dana").unwrap();
    let id = import(&mut store, SEED);
    let cid = add_doha_claim(&mut store, &id);
    let kinds = |store: &Store, q: &str| -> Vec<String> {
        let mut k: Vec<String> = store
            .search(q, 50)
            .unwrap()
            .into_iter()
            .map(|h| h.kind)
            .collect();
        k.sort();
        k
    };
    assert_eq!(kinds(&store, "Doha"), ["article", "claim"]);
    // Diacritics fold: "Sinirlioglu" finds "Sinirlioğlu".
    assert_eq!(kinds(&store, "sinirlioglu"), ["article"]);
    // FTS syntax in user input is harmless.
    assert!(store.search("al-Zawahiri \"", 10).unwrap().len() == 1);
    assert!(store.search("AND OR NOT (", 10).is_ok());

    store
        .edit_claim(
            &cid,
            &ClaimEdit {
                label: Some("zanzibar label".into()),
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(kinds(&store, "zanzibar"), ["claim"]);
    store.add_verdict(&cid, "true", "quetzal evidence").unwrap();
    store.add_note(&id, Some(&cid), "ocelot note").unwrap();
    let (sid, _) = store
        .add_source(&NewSource {
            title: "Capybara Weekly".into(),
            ..Default::default()
        })
        .unwrap();
    store
        .link_source(&cid, &sid, Stance::Context, Some("axolotl excerpt"), None)
        .unwrap();
    assert_eq!(kinds(&store, "quetzal"), ["verdict"]);
    assert_eq!(kinds(&store, "ocelot"), ["note"]);
    assert_eq!(kinds(&store, "axolotl"), ["link"]);
    assert_eq!(kinds(&store, "capybara"), ["link", "source"]);
    // Linking again changes the excerpt; undoing that brings the old one back, in the
    // index too.
    store
        .link_source(&cid, &sid, Stance::Supports, Some("dingo excerpt"), None)
        .unwrap();
    assert_eq!(kinds(&store, "dingo"), ["link"]);
    assert!(kinds(&store, "axolotl").is_empty());
    store.undo_last().unwrap();
    assert_eq!(kinds(&store, "axolotl"), ["link"]);
    assert!(kinds(&store, "dingo").is_empty());

    store.delete_claim(&cid).unwrap();
    for gone in ["zanzibar", "quetzal", "ocelot", "axolotl"] {
        assert!(kinds(&store, gone).is_empty(), "{gone} still indexed");
    }
    assert_eq!(store.search_index_problems().unwrap(), (0, 0));
    // Undo brings the claim and everything on it back, into the index too.
    store.undo_last().unwrap();
    assert_eq!(kinds(&store, "quetzal"), ["verdict"]);
    assert_eq!(kinds(&store, "axolotl"), ["link"]);
    assert_eq!(store.claim_detail(&cid).unwrap().verdicts.len(), 1);
    assert_eq!(store.search_index_problems().unwrap(), (0, 0));
    store.delete_article(&id).unwrap();
    assert!(kinds(&store, "Doha").is_empty());
    assert_eq!(store.search_index_problems().unwrap(), (0, 0));
}

/// Chinese and Japanese are written without spaces: a word inside a sentence is found,
/// in its order only, and the snippet shows the text as written, the match marked.
#[test]
fn search_finds_chinese_and_japanese_words_inside_sentences() {
    let mut store = Store::open_in_memory("dana").unwrap();
    import(
        &mut store,
        "外交部发言人说，塔利班违反了多哈协议。東京都は来年度の予算を増やすと発表した。The Doha talks resumed.",
    );
    let hits = store.search("多哈", 10).unwrap();
    assert_eq!(hits.len(), 1, "{hits:?}");
    assert!(
        hits[0].snippet.contains("«多哈»协议"),
        "{}",
        hits[0].snippet
    );
    assert!(
        !hits[0].snippet.contains('\u{200B}'),
        "{:?}",
        hits[0].snippet
    );
    assert_eq!(store.search("予算", 10).unwrap().len(), 1);
    // Latin words and figures written against Chinese are words of their own.
    import(&mut store, "国家统计局：GDP增长5.3%，高于预期。");
    assert_eq!(store.search("GDP", 10).unwrap().len(), 1);
    assert_eq!(store.search("5.3", 10).unwrap().len(), 1);
    // The whole word is marked, with context around it.
    let hit = &store.search("发言人", 10).unwrap()[0];
    assert!(
        hit.snippet.contains("外交部«发言人»说，塔利班"),
        "{}",
        hit.snippet
    );
    // The same characters the other way round are another word.
    assert!(store.search("哈多", 10).unwrap().is_empty());
    // Mixed with a Latin word, both must match.
    assert_eq!(store.search("多哈 Doha", 10).unwrap().len(), 1);
    assert!(store.search("多哈 Kabul", 10).unwrap().is_empty());
    assert_eq!(store.search_index_problems().unwrap(), (0, 0));
}

/// Names wrapped in bidi isolates or after an Arabic letter mark (as pasted from the web)
/// are words like any other; a soft hyphen does not split one.
#[test]
fn search_sees_through_bidi_isolates_and_soft_hyphens() {
    let mut store = Store::open_in_memory("dana").unwrap();
    import(
        &mut store,
        "The envoy met \u{2068}Feridun Sinirlioğlu\u{2069} in Kabul. وزیر گفت که \u{2068}طالبان\u{2069} موافقت کرد. The infor\u{AD}mation was wrong.",
    );
    for word in ["feridun", "sinirlioglu", "طالبان", "information"] {
        let hits = store.search(word, 10).unwrap();
        assert_eq!(hits.len(), 1, "{word}");
        assert!(
            !hits[0].snippet.contains('\u{2068}'),
            "{:?}",
            hits[0].snippet
        );
    }
}

/// Thai is written without spaces too: a word inside a sentence is found.
#[test]
fn search_finds_thai_words_inside_sentences() {
    let mut store = Store::open_in_memory("dana").unwrap();
    import(
        &mut store,
        "นายกรัฐมนตรีกล่าวว่าเศรษฐกิจไทยเติบโตร้อยละสามในปีนี้ The minister spoke in Bangkok.",
    );
    assert_eq!(store.search("เศรษฐกิจ", 10).unwrap().len(), 1);
    assert!(
        store.search("เศรษฐกิจ", 10).unwrap()[0]
            .snippet
            .contains("«")
    );
    assert!(store.search("ญี่ปุ่น", 10).unwrap().is_empty());
}

/// The index keeps no text: a hit's snippet is cut from the entity's own row, with the
/// words that matched (diacritics folded) marked.
#[test]
fn search_snippets_mark_the_words_that_matched() {
    let mut store = Store::open_in_memory("dana").unwrap();
    let id = import(&mut store, SEED);
    let hits = store.search("sinirlioglu", 5).unwrap();
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].kind, "article");
    assert_eq!(hits[0].article_id.as_deref(), Some(id.as_str()));
    assert!(
        hits[0].snippet.contains("«Sinirlioğlu»"),
        "{}",
        hits[0].snippet
    );
}

#[test]
fn undo_walks_back_one_action_at_a_time() {
    let mut store = Store::open_in_memory("dana").unwrap();
    let id = import(&mut store, SEED);
    let cid = store.add_claim(&id, &claim(947, 1007)).unwrap();
    store.set_claim_status(&cid, ClaimStatus::Accepted).unwrap();
    store
        .edit_claim(
            &cid,
            &ClaimEdit {
                label: Some("new".into()),
                span: Some((947, 960)),
                ..Default::default()
            },
        )
        .unwrap();
    store.undo_last().unwrap();
    let c = store.claim(&cid).unwrap();
    assert_eq!(
        (c.start, c.end, c.status),
        (947, 1007, ClaimStatus::Accepted)
    );
    assert_ne!(c.label, "new");
    store.undo_last().unwrap();
    assert_eq!(store.claim(&cid).unwrap().status, ClaimStatus::Suggested);
    // Another reviewer's changes are not undone by this one.
    store.set_reviewer("other");
    assert!(matches!(store.undo_last(), Err(StoreError::NothingToUndo)));
    store.set_reviewer("dana");
    store.undo_last().unwrap(); // the claim
    assert!(store.claim(&cid).is_err());
    store.undo_last().unwrap(); // the import
    assert_eq!(store.article_count().unwrap(), 0);
    assert!(matches!(store.undo_last(), Err(StoreError::NothingToUndo)));
    assert_eq!(store.search_index_problems().unwrap(), (0, 0));
}

#[test]
fn ids_resolve_by_short_prefix_and_ambiguity_is_reported() {
    let mut store = Store::open_in_memory("dana").unwrap();
    let id = import(&mut store, SEED);
    let mut ids = Vec::new();
    for (s, e) in [(0, 10), (12, 20), (30, 40), (50, 60), (70, 80)] {
        ids.push(store.add_claim(&id, &claim(s, e)).unwrap());
    }
    for cid in &ids {
        let short = factdesk::model::short_id(cid);
        assert_eq!(&store.resolve_claim(&short[..6]).unwrap(), cid);
        assert_eq!(&store.resolve_claim(cid).unwrap(), cid);
        assert_eq!(&store.resolve_claim(&cid.to_uppercase()).unwrap(), cid);
    }
    // The UUID v7 head is a shared timestamp: a head prefix is ambiguous.
    let err = store.resolve_claim(&ids[0][..8]).unwrap_err();
    assert!(
        matches!(err, StoreError::Ambiguous { count: 5, .. }),
        "{err}"
    );
    assert!(matches!(
        store.resolve_claim("zzzz"),
        Err(StoreError::BadId(_))
    ));
    assert!(matches!(
        store.resolve_claim("ab"),
        Err(StoreError::BadId(_))
    ));
    assert!(matches!(
        store.resolve_claim("ffffffff"),
        Err(StoreError::NotFound { .. })
    ));
}

#[test]
fn every_write_lands_in_the_change_log() {
    let mut store = Store::open_in_memory("dana").unwrap();
    let id = import(&mut store, SEED);
    let cid = store.add_claim(&id, &claim(947, 1007)).unwrap();
    store.set_claim_status(&cid, ClaimStatus::Rejected).unwrap();
    let log = store.changes(10, Some(&cid)).unwrap();
    assert_eq!(log.len(), 2);
    assert_eq!(log[0].action, "update");
    assert_eq!(log[0].field.as_deref(), Some("status"));
    assert_eq!(log[0].old_value, Some(serde_json::json!("suggested")));
    assert_eq!(log[0].new_value, Some(serde_json::json!("rejected")));
    assert_eq!(log[1].action, "create");
}

#[test]
fn bulk_is_all_or_nothing() {
    let mut store = Store::open_in_memory("dana").unwrap();
    let id = import(&mut store, SEED);
    let result = store.bulk(|s| {
        s.add_claim(&id, &claim(0, 10))?;
        s.add_verdict("no-such-claim", "true", "x")
    });
    assert!(result.is_err());
    assert!(
        store
            .claims(Some(&id), &Default::default())
            .unwrap()
            .is_empty()
    );
}

mod files {
    use super::*;
    use std::path::Path;

    fn bytes(p: &Path) -> Vec<u8> {
        std::fs::read(p).unwrap()
    }

    #[test]
    fn a_new_file_gets_the_durability_settings() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("nested/dir/db.sqlite");
        let store = Store::open(&path, "dana").unwrap();
        let conn = store.connection();
        let q = |sql: &str| -> String {
            conn.query_row(sql, [], |r| r.get::<_, rusqlite::types::Value>(0))
                .map(|v| format!("{v:?}"))
                .unwrap()
        };
        assert!(q("PRAGMA journal_mode").contains("wal"));
        assert_eq!(q("PRAGMA synchronous"), "Integer(2)");
        assert_eq!(q("PRAGMA foreign_keys"), "Integer(1)");
        assert_eq!(
            q("PRAGMA application_id"),
            format!("Integer({})", factdesk::store::APPLICATION_ID)
        );
        assert_eq!(
            q("PRAGMA user_version"),
            format!("Integer({})", factdesk::store::migrate::SCHEMA_VERSION)
        );
    }

    #[test]
    fn refuses_a_newer_schema_without_touching_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("db.sqlite");
        drop(Store::open(&path, "dana").unwrap());
        {
            let conn = rusqlite::Connection::open(&path).unwrap();
            conn.execute_batch("PRAGMA user_version = 99; PRAGMA journal_mode = DELETE;")
                .unwrap();
        }
        let before = bytes(&path);
        let err = Store::open(&path, "dana").err().unwrap();
        assert!(
            matches!(err, StoreError::NewerSchema { found: 99, .. }),
            "{err}"
        );
        assert!(err.to_string().contains("newer factdesk"));
        assert_eq!(bytes(&path), before);
    }

    #[test]
    fn refuses_files_that_are_not_factdesk_databases() {
        let dir = tempfile::tempdir().unwrap();
        let text = dir.path().join("notes.txt");
        std::fs::write(
            &text,
            "hello, this is not a database at all, just a long enough text file",
        )
        .unwrap();
        assert!(matches!(
            Store::open(&text, "d"),
            Err(StoreError::NotSqlite { .. })
        ));
        assert_eq!(
            bytes(&text),
            b"hello, this is not a database at all, just a long enough text file"
        );

        let other = dir.path().join("other.sqlite");
        rusqlite::Connection::open(&other)
            .unwrap()
            .execute_batch("CREATE TABLE x(a); PRAGMA journal_mode=DELETE;")
            .unwrap();
        let before = bytes(&other);
        assert!(matches!(
            Store::open(&other, "d"),
            Err(StoreError::NotFactdesk { found: 0, .. })
        ));
        assert_eq!(bytes(&other), before);
        assert!(Store::open(dir.path(), "d").is_err());
    }

    #[test]
    fn a_read_only_file_is_read_but_never_written() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("db.sqlite");
        let id = {
            let mut store = Store::open(&path, "dana").unwrap();
            import(&mut store, SEED)
        };
        let mut perms = std::fs::metadata(&path).unwrap().permissions();
        perms.set_readonly(true);
        std::fs::set_permissions(&path, perms).unwrap();
        let before = bytes(&path);
        let mut store = Store::open(&path, "dana").unwrap();
        assert!(store.is_read_only());
        assert_eq!(store.article_count().unwrap(), 1);
        let err = store.add_claim(&id, &claim(0, 10)).unwrap_err();
        assert!(matches!(err, StoreError::ReadOnly(_)), "{err}");
        drop(store);
        assert_eq!(bytes(&path), before);
    }

    #[test]
    fn two_connections_see_each_others_writes() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("db.sqlite");
        let mut a = Store::open(&path, "a").unwrap();
        let b = Store::open(&path, "b").unwrap();
        let v0 = b.data_version().unwrap();
        import(&mut a, SEED);
        assert_ne!(
            b.data_version().unwrap(),
            v0,
            "data_version tells b to refresh"
        );
        assert_eq!(b.article_count().unwrap(), 1);
    }
}

#[test]
fn article_pages_are_newest_first_and_count_progress() {
    let mut store = Store::open_in_memory("dana").unwrap();
    let mut ids = Vec::new();
    for i in 0..7 {
        ids.push(import(
            &mut store,
            &format!("Article {i}\n\nBody {i} says 10% more."),
        ));
    }
    let first = store.claims(None, &ClaimFilter::default()).unwrap().len();
    assert_eq!(first, 0);
    let cid = store.add_claim(&ids[6], &claim(13, 27)).unwrap();
    store.add_verdict(&cid, "true", "checked").unwrap();
    let all = store.articles().unwrap();
    assert_eq!(
        all.iter().map(|a| a.id.clone()).collect::<Vec<_>>(),
        ids.iter().rev().cloned().collect::<Vec<_>>()
    );
    assert_eq!((all[0].claims_total, all[0].claims_checked), (1, 1));
    let mut paged = Vec::new();
    for offset in (0..9).step_by(3) {
        paged.extend(store.articles_page(offset, 3).unwrap());
    }
    assert_eq!(paged, all);
    assert!(store.articles_page(10, 3).unwrap().is_empty());
}

#[test]
fn one_bulk_action_is_undone_in_one_step() {
    let mut store = Store::open_in_memory("dana").unwrap();
    let id = import(&mut store, SEED);
    let cid = store.add_claim(&id, &claim(947, 1007)).unwrap();
    // Accept and rate in one action, as the workbench does for a verdict on a suggestion.
    store
        .bulk(|s| {
            s.set_claim_status(&cid, ClaimStatus::Accepted)?;
            s.add_verdict(&cid, "false", "The agreement says otherwise.")
        })
        .unwrap();
    let undone = store.undo_last().unwrap();
    assert_eq!(undone.summary.len(), 2, "{:?}", undone.summary);
    let c = store.claim(&cid).unwrap();
    assert_eq!(c.status, ClaimStatus::Suggested);
    assert!(c.verdict.is_none());
}

/// A verdict is a review: on a suggestion it accepts the claim in the same transaction
/// (one undo takes both back), so no report leaves a judged claim out as "not reviewed".
#[test]
fn a_verdict_on_a_suggestion_accepts_it_and_one_undo_takes_both_back() {
    let mut store = Store::open_in_memory("dana").unwrap();
    let article = import(&mut store, SEED);
    let id = add_doha_claim(&mut store, &article);
    assert_eq!(store.claim(&id).unwrap().status, ClaimStatus::Suggested);
    store
        .add_verdict(&id, "true", "The agreement's text says so.")
        .unwrap();
    let claim = store.claim(&id).unwrap();
    assert_eq!(claim.status, ClaimStatus::Accepted);
    assert_eq!(claim.verdict.unwrap().rating, "true");
    let report = factdesk::report::render(
        &store,
        &factdesk::report::Scope::All,
        factdesk::report::ReportFormat::Markdown,
        &Default::default(),
    )
    .unwrap()
    .text;
    assert!(report.contains("Taliban has been criticized"), "{report}");
    store.undo_last().unwrap();
    let claim = store.claim(&id).unwrap();
    assert_eq!(claim.status, ClaimStatus::Suggested);
    assert!(claim.verdict.is_none());
}

#[test]
fn a_rejected_claim_takes_no_verdict() {
    // Seen: `verdict` on a rejected claim said nothing and exited 0, and the verdict
    // appeared in no report (reports leave rejected claims out).
    let mut store = Store::open_in_memory("dana").unwrap();
    let article = import(&mut store, SEED);
    let id = add_doha_claim(&mut store, &article);
    store.set_claim_status(&id, ClaimStatus::Rejected).unwrap();
    let err = store
        .add_verdict(&id, "true", "The agreement's text says so.")
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("rejected") && err.contains("accept it first"),
        "{err}"
    );
    assert!(store.claim(&id).unwrap().verdict.is_none());
    store.set_claim_status(&id, ClaimStatus::Accepted).unwrap();
    store
        .add_verdict(&id, "true", "The agreement's text says so.")
        .unwrap();
}

#[test]
fn adding_a_known_url_fills_the_sources_blank_details_and_says_what_it_did_not_use() {
    // Seen: the publisher and date typed for a URL already in the database were
    // dropped without a word (there is no other way to add them to the source).
    let mut store = Store::open_in_memory("dana").unwrap();
    let typed = |title: &str, publisher: &str, date: &str| NewSource {
        url: Some("https://apnews.com/y".into()),
        title: title.into(),
        publisher: Some(publisher.into()).filter(|p: &String| !p.is_empty()),
        published: Some(date.into()).filter(|d: &String| !d.is_empty()),
        ..NewSource::default()
    };
    let (id, created) = store.add_source(&typed("AP story", "", "")).unwrap();
    assert!(created);
    store.set_reviewer("lee");
    let second = typed("AP", "Associated Press", "2023-05-06");
    let (again, created) = store.add_source(&second).unwrap();
    assert_eq!((again.as_str(), created), (id.as_str(), false));
    let source = store.source(&id).unwrap();
    assert_eq!(source.publisher.as_deref(), Some("Associated Press"));
    assert_eq!(source.published.as_deref(), Some("2023-05-06"));
    assert_eq!(source.not_taken_from(&second), ["title “AP”"]);
    // A detail the source has is kept, and said back.
    let third = typed("AP story", "Reuters", "");
    store.add_source(&third).unwrap();
    assert_eq!(
        store.source(&id).unwrap().publisher.as_deref(),
        Some("Associated Press")
    );
    assert_eq!(
        store.source(&id).unwrap().not_taken_from(&third),
        ["publisher “Reuters”"]
    );
    // dana's undo of the source waits for lee's details; lee's undo takes them out.
    store.set_reviewer("dana");
    assert!(store.undo_last().unwrap_err().to_string().contains("lee"));
    store.set_reviewer("lee");
    store.undo_last().unwrap();
    let source = store.source(&id).unwrap();
    assert_eq!((source.publisher, source.published), (None, None));
    assert_eq!(store.search("Associated", 10).unwrap().len(), 0);
    store.set_reviewer("dana");
    store.undo_last().unwrap();
    assert!(store.source(&id).is_err());
}

/// Linking a source again to change its stance keeps the excerpt and note unless new
/// ones are given; an empty one clears it.
#[test]
fn linking_again_keeps_the_excerpt_unless_told_otherwise() {
    let mut store = Store::open_in_memory("dana").unwrap();
    let id = import(&mut store, SEED);
    let cid = store.add_claim(&id, &claim(1997, 2109)).unwrap();
    let (sid, _) = store
        .add_source(&NewSource {
            url: Some("https://www.un.org/securitycouncil/report".into()),
            title: "UNSC report".into(),
            ..Default::default()
        })
        .unwrap();
    let link = |store: &Store| store.links_for_claim(&cid).unwrap().remove(0);
    store
        .link_source(
            &cid,
            &sid,
            Stance::Supports,
            Some("1,650 incidents"),
            Some("p. 4"),
        )
        .unwrap();
    store
        .link_source(&cid, &sid, Stance::Refutes, None, None)
        .unwrap();
    let l = link(&store);
    assert_eq!(l.stance, Stance::Refutes);
    assert_eq!(l.excerpt.as_deref(), Some("1,650 incidents"));
    assert_eq!(l.note.as_deref(), Some("p. 4"));
    store
        .link_source(&cid, &sid, Stance::Refutes, Some(" "), None)
        .unwrap();
    let l = link(&store);
    assert_eq!(l.excerpt, None);
    assert_eq!(l.note.as_deref(), Some("p. 4"));
}

/// Undo says what it undid in the reviewer's words: the claim's label, the old value.
#[test]
fn undo_messages_name_the_claim_by_its_label() {
    let mut store = Store::open_in_memory("dana").unwrap();
    let article_id = import(&mut store, SEED);
    let id = add_doha_claim(&mut store, &article_id);
    store
        .edit_claim(
            &id,
            &ClaimEdit {
                label: Some("Taliban breached Doha".into()),
                ..Default::default()
            },
        )
        .unwrap();
    store
        .edit_claim(
            &id,
            &ClaimEdit {
                claimant: Some("US".into()),
                ..Default::default()
            },
        )
        .unwrap();
    store.add_verdict(&id, "false", "No such breach.").unwrap();
    let short = factdesk::model::short_id(&id);
    let said = |store: &mut Store| store.undo_last().unwrap().summary.join("; ");
    let verdict = said(&mut store);
    assert!(
        verdict.starts_with("removed verdict ")
            && verdict.contains(&format!("on claim “Taliban breached Doha” ({short})"))
            && verdict.contains("status back to “suggested”"),
        "{verdict}"
    );
    let claimant = said(&mut store);
    assert!(
        claimant.contains(&format!(
            "claim “Taliban breached Doha” ({short}): claimant back to"
        )),
        "{claimant}"
    );
    assert_eq!(
        said(&mut store),
        format!(
            "claim {short}: label back to “Taliban has been criticized for breachi…” (was “Taliban breached Doha”)"
        )
    );
    let removed = said(&mut store);
    assert!(removed.starts_with("removed claim “"), "{removed}");
}

/// A big undo (an import of many articles) is summed up, not listed line by line.
#[test]
fn a_long_undo_summary_is_cut_with_a_count() {
    let undone = factdesk::store::Undone {
        batch: "b".into(),
        summary: (0..500).map(|i| format!("removed claim {i}")).collect(),
        claim_id: None,
    };
    let lines = undone.summary_lines(20);
    assert_eq!(lines.len(), 20);
    assert_eq!(lines[18], "removed claim 18");
    assert_eq!(lines[19], "and 481 more changes made by the same action");
    let short = factdesk::store::Undone {
        summary: vec!["one".into(), "two".into()],
        ..undone
    };
    assert_eq!(short.summary_lines(20), ["one", "two"]);
}

/// A database file in a temp dir, opened by alice, with the seed article and the Doha
/// claim (its id); colleagues open `dir/desk.sqlite` too.
fn shared_file_with_a_claim() -> (tempfile::TempDir, Store, String) {
    let dir = tempfile::tempdir().unwrap();
    let mut alice = Store::open(&dir.path().join("desk.sqlite"), "alice").unwrap();
    let article_id = import(&mut alice, SEED);
    let id = add_doha_claim(&mut alice, &article_id);
    (dir, alice, id)
}

/// Undo never overwrites a colleague's newer value of the same field (two workbenches on
/// one file): it refuses and says who changed it.
#[test]
fn undo_refuses_to_overwrite_a_colleagues_newer_edit() {
    let (dir, mut alice, id) = shared_file_with_a_claim();
    let path = dir.path().join("desk.sqlite");
    let first = alice.claim(&id).unwrap().label;
    let mut bob = Store::open(&path, "bob").unwrap();
    let label = |l: &str| ClaimEdit {
        label: Some(l.into()),
        ..Default::default()
    };
    alice.edit_claim(&id, &label("Alice L")).unwrap();
    bob.edit_claim(&id, &label("Bob L")).unwrap();
    let err = alice.undo_last().unwrap_err().to_string();
    assert!(
        err.contains("has changed since by bob (now “Bob L”)") && !err.contains('\n'),
        "{err}"
    );
    assert_eq!(alice.claim(&id).unwrap().label, "Bob L");
    // Bob's own undo is fine, and then Alice's goes through too.
    bob.undo_last().unwrap();
    assert_eq!(alice.claim(&id).unwrap().label, "Alice L");
    alice.undo_last().unwrap();
    assert_eq!(alice.claim(&id).unwrap().label, first);
}

/// A verdict given after the signed-off one is flagged: the sign-off still decides,
/// but the editor should look again.
#[test]
fn a_verdict_newer_than_the_sign_off_is_flagged() {
    let (dir, mut alice, id) = shared_file_with_a_claim();
    let path = dir.path().join("desk.sqlite");
    alice.add_verdict(&id, "true", "First look.").unwrap();
    let mut editor = Store::open(&path, "editor").unwrap();
    editor.sign_off(&id, None, false).unwrap();
    assert!(
        alice
            .claim_detail(&id)
            .unwrap()
            .unsigned_newer_verdict()
            .is_none()
    );
    std::thread::sleep(std::time::Duration::from_millis(2));
    alice.add_verdict(&id, "false", "Changed my mind.").unwrap();
    let detail = alice.claim_detail(&id).unwrap();
    assert_eq!(detail.claim.verdict.as_ref().unwrap().rating, "true");
    assert_eq!(detail.unsigned_newer_verdict().unwrap().rating, "false");
    let warning = detail.unsigned_newer_warning().unwrap();
    assert!(
        warning.starts_with("a newer verdict is not signed off: false (alice, "),
        "{warning}"
    );
    // Signing off the newer one settles it.
    editor.sign_off(&id, None, false).unwrap();
    assert!(
        alice
            .claim_detail(&id)
            .unwrap()
            .unsigned_newer_verdict()
            .is_none()
    );
}

/// A quote typed with straight quotes finds the article's curly ones; the claim keeps
/// the article's exact text.
#[test]
fn a_quote_with_straight_quotes_finds_the_curly_text() {
    let mut store = Store::open_in_memory("dana").unwrap();
    let article_id = import(&mut store, SEED);
    let typed = r#"Qomi's remarks come amid mounting concerns over the Taliban's "strong""#;
    let id = store
        .add_claim_by_quote(&article_id, typed, None, &claim(0, 0))
        .unwrap();
    let c = store.claim(&id).unwrap();
    assert_eq!(
        c.quote,
        "Qomi’s remarks come amid mounting concerns over the Taliban’s “strong”"
    );
    assert_eq!(
        slice_chars(SEED, c.start as usize, c.end as usize),
        Some(c.quote.as_str())
    );
}

/// Undo never changes the rating scale; undoing after a scale switch says so instead of
/// passing over it silently.
#[test]
fn undo_after_a_scale_switch_says_the_switch_stays() {
    let mut store = Store::open_in_memory("dana").unwrap();
    import(
        &mut store,
        "The minister said 3 bridges were built in 2023.",
    );
    store.use_scale("politifact").unwrap();
    let undone = store.undo_last().unwrap();
    assert!(
        undone
            .summary
            .iter()
            .any(|l| l.contains("later change of the rating scale is not undone")),
        "{undone:#?}"
    );
    assert_eq!(store.scale_name().unwrap(), "politifact");
}

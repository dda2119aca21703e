//! Full-text search (FTS5) over articles, claims, verdicts, notes and sources.
//! The store keeps the index in sync inside each write's transaction.

use super::{Result, Store, StoreError, Writer};
use crate::model::SearchHit;
use rusqlite::{Connection, OptionalExtension, params};

/// Puts (or replaces) an entity's text in the index.
pub(super) fn index(
    w: &Connection,
    kind: &str,
    entity_id: &str,
    article_id: Option<&str>,
    claim_id: Option<&str>,
    title: &str,
    body: &str,
) -> Result<()> {
    let existing: Option<i64> = w
        .prepare_cached("SELECT rowid FROM search_rows WHERE entity_id = ?1")?
        .query_row([entity_id], |r| r.get(0))
        .optional()?;
    let rowid = match existing {
        Some(rowid) => {
            w.prepare_cached("DELETE FROM search_index WHERE rowid = ?1")?
                .execute([rowid])?;
            w.prepare_cached(
                "UPDATE search_rows SET kind = ?2, article_id = ?3, claim_id = ?4 WHERE rowid = ?1",
            )?
            .execute(params![rowid, kind, article_id, claim_id])?;
            rowid
        }
        None => {
            w.prepare_cached("INSERT INTO search_rows (kind, entity_id, article_id, claim_id) VALUES (?1, ?2, ?3, ?4)")?
                .execute(params![kind, entity_id, article_id, claim_id])?;
            w.last_insert_rowid()
        }
    };
    w.prepare_cached("INSERT INTO search_index (rowid, title, body) VALUES (?1, ?2, ?3)")?
        .execute(params![rowid, title, body])?;
    Ok(())
}

/// Removes one entity's text.
pub(super) fn unindex(w: &Connection, entity_id: &str) -> Result<()> {
    w.prepare_cached("DELETE FROM search_index WHERE rowid IN (SELECT rowid FROM search_rows WHERE entity_id = ?1)")?
        .execute([entity_id])?;
    w.prepare_cached("DELETE FROM search_rows WHERE entity_id = ?1")?
        .execute([entity_id])?;
    Ok(())
}

/// The entities whose text goes with a claim: the claim, its verdicts, links and notes
/// (found through their own indexes; search_rows has none on claim_id, and a scan per
/// deleted claim made undoing a big import quadratic).
const CLAIM_TEXTS: &str = "SELECT ?1 UNION ALL SELECT id FROM verdicts WHERE claim_id = ?1
     UNION ALL SELECT id FROM claim_sources WHERE claim_id = ?1
     UNION ALL SELECT id FROM notes WHERE claim_id = ?1";

/// The same for an article: the article, its notes, its claims and theirs.
const ARTICLE_TEXTS: &str = "SELECT ?1 UNION ALL SELECT id FROM notes WHERE article_id = ?1
     UNION ALL SELECT id FROM claims WHERE article_id = ?1
     UNION ALL SELECT v.id FROM claims c JOIN verdicts v ON v.claim_id = c.id WHERE c.article_id = ?1
     UNION ALL SELECT l.id FROM claims c JOIN claim_sources l ON l.claim_id = c.id WHERE c.article_id = ?1";

/// Removes the index entries of the entities `texts` (a query on ?1) lists; run before
/// the rows themselves go.
fn unindex_all(w: &Connection, texts: &str, id: &str) -> Result<()> {
    w.prepare_cached(&format!(
        "DELETE FROM search_index WHERE rowid IN
           (SELECT r.rowid FROM search_rows r WHERE r.entity_id IN ({texts}))"
    ))?
    .execute([id])?;
    w.prepare_cached(&format!(
        "DELETE FROM search_rows WHERE entity_id IN ({texts})"
    ))?
    .execute([id])?;
    Ok(())
}

/// Removes a claim's text and that of everything attached to it.
pub(super) fn unindex_claim(w: &Connection, claim_id: &str) -> Result<()> {
    unindex_all(w, CLAIM_TEXTS, claim_id)
}

/// Removes an article's text and that of everything on it.
pub(super) fn unindex_article(w: &Connection, article_id: &str) -> Result<()> {
    unindex_all(w, ARTICLE_TEXTS, article_id)
}

/// Re-indexes the links, verdicts and notes of a claim (after undo brings them back).
pub(super) fn reindex_claim_children(w: &Writer<'_>, claim_id: &str) -> Result<()> {
    let article_id: String = w.query_row(
        "SELECT article_id FROM claims WHERE id = ?1",
        [claim_id],
        |r| r.get(0),
    )?;
    let mut rows: Vec<(&str, String, String, String)> = Vec::new();
    {
        let mut stmt = w.prepare(
            "SELECT l.id, s.title, coalesce(l.excerpt, '') || char(10) || coalesce(l.note, '')
             FROM claim_sources l JOIN sources s ON s.id = l.source_id WHERE l.claim_id = ?1",
        )?;
        for r in stmt.query_map([claim_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))? {
            let (id, t, b) = r?;
            rows.push(("link", id, t, b));
        }
        let mut stmt =
            w.prepare("SELECT id, rating, rationale FROM verdicts WHERE claim_id = ?1")?;
        for r in stmt.query_map([claim_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))? {
            let (id, t, b) = r?;
            rows.push(("verdict", id, t, b));
        }
        let mut stmt = w.prepare("SELECT id, '', body FROM notes WHERE claim_id = ?1")?;
        for r in stmt.query_map([claim_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))? {
            let (id, t, b) = r?;
            rows.push(("note", id, t, b));
        }
    }
    for (kind, id, title, body) in rows {
        index(
            w,
            kind,
            &id,
            Some(&article_id),
            Some(claim_id),
            &title,
            &body,
        )?;
    }
    Ok(())
}

/// Turns what a person typed into an FTS5 query: every word a quoted term (so
/// punctuation such as "al-Zawahiri" or a stray quote is never FTS syntax), all
/// required; a trailing `*` keeps prefix search.
pub fn fts_query(input: &str) -> Option<String> {
    let terms: Vec<String> = input
        .split_whitespace()
        .filter_map(|word| {
            let (word, prefix) = match word.strip_suffix('*') {
                Some(w) => (w, true),
                None => (word, false),
            };
            let cleaned: String = word.chars().filter(|c| !c.is_control()).collect();
            if cleaned.chars().all(|c| !c.is_alphanumeric()) {
                return None;
            }
            let quoted = format!("\"{}\"", cleaned.replace('"', "\"\""));
            Some(if prefix { format!("{quoted}*") } else { quoted })
        })
        .collect();
    (!terms.is_empty()).then(|| terms.join(" "))
}

impl Store {
    /// Searches everything; best matches first.
    pub fn search(&self, query: &str, limit: usize) -> Result<Vec<SearchHit>> {
        let Some(fts) = fts_query(query) else {
            return Ok(Vec::new());
        };
        let mut stmt = self.conn.prepare_cached(
            "SELECT r.kind, r.entity_id, r.article_id, r.claim_id,
                    search_index.title,
                    snippet(search_index, 1, '«', '»', '…', 12),
                    bm25(search_index, 4.0, 1.0)
             FROM search_index JOIN search_rows r ON r.rowid = search_index.rowid
             WHERE search_index MATCH ?1
             ORDER BY bm25(search_index, 4.0, 1.0) LIMIT ?2",
        )?;
        let rows = stmt.query_map(params![fts, limit as i64], |r| {
            Ok(SearchHit {
                kind: r.get(0)?,
                entity_id: r.get(1)?,
                article_id: r.get(2)?,
                claim_id: r.get(3)?,
                title: r.get(4)?,
                snippet: r.get(5)?,
                rank: r.get(6)?,
            })
        })?;
        let hits: Vec<SearchHit> = rows.collect::<rusqlite::Result<_>>()?;
        // Opened for writing, an exported file gets its index at once; read-only, it
        // has none: say so rather than find nothing.
        if hits.is_empty() && self.search_index_left_out()? {
            return Err(StoreError::Invalid(format!(
                "{}: this copy came from export-db without its search index; open it once \
                 for writing (e.g. `factdesk doctor --repair`) to build it",
                self.display_path()
            )));
        }
        Ok(hits)
    }

    /// Index rows that point at nothing, and entities that have no index row:
    /// both empty when the index is in sync.
    pub fn search_index_problems(&self) -> Result<(i64, i64)> {
        let dangling: i64 = self.conn.query_row(
            "SELECT count(*) FROM search_rows r WHERE NOT EXISTS (
                 SELECT 1 FROM articles WHERE id = r.entity_id UNION ALL SELECT 1 FROM claims WHERE id = r.entity_id
                 UNION ALL SELECT 1 FROM verdicts WHERE id = r.entity_id UNION ALL SELECT 1 FROM notes WHERE id = r.entity_id
                 UNION ALL SELECT 1 FROM sources WHERE id = r.entity_id UNION ALL SELECT 1 FROM claim_sources WHERE id = r.entity_id)",
            [],
            |r| r.get(0),
        )?;
        let missing: i64 = self.conn.query_row(
            "SELECT (SELECT count(*) FROM articles WHERE id NOT IN (SELECT entity_id FROM search_rows))
                  + (SELECT count(*) FROM claims WHERE id NOT IN (SELECT entity_id FROM search_rows))
                  + (SELECT count(*) FROM verdicts WHERE id NOT IN (SELECT entity_id FROM search_rows))
                  + (SELECT count(*) FROM notes WHERE id NOT IN (SELECT entity_id FROM search_rows))
                  + (SELECT count(*) FROM sources WHERE id NOT IN (SELECT entity_id FROM search_rows))
                  + (SELECT count(*) FROM claim_sources WHERE id NOT IN (SELECT entity_id FROM search_rows))",
            [],
            |r| r.get(0),
        )?;
        let orphans: i64 = self.conn.query_row(
            "SELECT count(*) FROM search_index WHERE rowid NOT IN (SELECT rowid FROM search_rows)",
            [],
            |r| r.get(0),
        )?;
        Ok((dangling + orphans, missing))
    }
}

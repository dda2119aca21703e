//! Bulk reads for reports: every link, verdict, sign-off and note of an article's claims
//! in one query each, so a 1,000-claim report costs four queries, not four thousand.

use super::notes::note_from_row;
use super::sources::{LINK_COLUMNS, SOURCE_COLUMNS, link_from_row};
use super::verdicts::{VERDICT_COLUMNS, verdict_from_row};
use super::{Result, Store};
use crate::model::{Note, SourceLink, Verdict};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// One editor's sign-off of one verdict (the `signoffs` table, append-only).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Signoff {
    pub id: String,
    pub claim_id: String,
    pub verdict_id: String,
    pub editor: String,
    pub created_at: String,
    /// By the verdict's own author (`signoff --own`: no second reviewer).
    #[serde(default)]
    pub own: bool,
}

/// Everything attached to the claims of one article, keyed by claim id. Each list is
/// in the order the store keeps elsewhere: links as attached, the rest oldest first.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ArticleAttachments {
    pub links: HashMap<String, Vec<SourceLink>>,
    pub verdicts: HashMap<String, Vec<Verdict>>,
    pub signoffs: HashMap<String, Vec<Signoff>>,
    /// Notes on claims, by claim id.
    pub claim_notes: HashMap<String, Vec<Note>>,
    /// Notes on the article itself.
    pub article_notes: Vec<Note>,
}

/// Runs `sql` with the article id and groups the rows by their claim id.
fn by_claim<T>(
    store: &Store,
    sql: &str,
    article_id: &str,
    from_row: impl FnMut(&rusqlite::Row<'_>) -> rusqlite::Result<T>,
    claim_of: impl Fn(&T) -> &str,
) -> Result<HashMap<String, Vec<T>>> {
    let mut stmt = store.conn.prepare_cached(sql)?;
    let mut out: HashMap<String, Vec<T>> = HashMap::new();
    for row in stmt.query_map([article_id], from_row)? {
        let row = row?;
        out.entry(claim_of(&row).to_string()).or_default().push(row);
    }
    Ok(out)
}

impl Store {
    /// Ids of every article, oldest import first (the stable order reports use).
    pub fn article_ids_by_import(&self) -> Result<Vec<String>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT id FROM articles ORDER BY imported_at, id")?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The links, verdicts, sign-offs and notes of every claim of an article.
    pub fn article_attachments(&self, article_id: &str) -> Result<ArticleAttachments> {
        let links = by_claim(
            self,
            &format!(
                "SELECT {LINK_COLUMNS}, {SOURCE_COLUMNS}
                 FROM claim_sources l JOIN sources s ON s.id = l.source_id JOIN claims c ON c.id = l.claim_id
                 WHERE c.article_id = ?1 ORDER BY l.claim_id, l.created_at, l.id"
            ),
            article_id,
            link_from_row,
            |l| &l.claim_id,
        )?;
        let verdicts = by_claim(
            self,
            &format!(
                "SELECT {VERDICT_COLUMNS} FROM verdicts v JOIN claims c ON c.id = v.claim_id
                 WHERE c.article_id = ?1 ORDER BY v.claim_id, v.created_at, v.id"
            ),
            article_id,
            verdict_from_row,
            |v| &v.claim_id,
        )?;
        let signoffs = by_claim(
            self,
            "SELECT s.id, s.claim_id, s.verdict_id, s.editor, s.created_at, v.reviewer
             FROM signoffs s JOIN claims c ON c.id = s.claim_id JOIN verdicts v ON v.id = s.verdict_id
             WHERE c.article_id = ?1 ORDER BY s.claim_id, s.created_at, s.id",
            article_id,
            |r| {
                Ok(Signoff {
                    id: r.get(0)?,
                    claim_id: r.get(1)?,
                    verdict_id: r.get(2)?,
                    editor: r.get(3)?,
                    created_at: r.get(4)?,
                    own: crate::model::same_reviewer(
                        &r.get::<_, String>(3)?,
                        &r.get::<_, String>(5)?,
                    ),
                })
            },
            |s| &s.claim_id,
        )?;
        let mut notes = by_claim(
            self,
            "SELECT id, article_id, claim_id, body, reviewer, created_at FROM notes
             WHERE article_id = ?1 ORDER BY created_at, id",
            article_id,
            note_from_row,
            |n| n.claim_id.as_deref().unwrap_or(""),
        )?;
        let article_notes = notes.remove("").unwrap_or_default();
        Ok(ArticleAttachments {
            links,
            verdicts,
            signoffs,
            claim_notes: notes,
            article_notes,
        })
    }
}

//! Notes: free text on an article or a claim.

use super::{Result, Store, StoreError, claims, new_id, search};
use crate::model::Note;
use rusqlite::{OptionalExtension, params};
use serde_json::json;

/// A note from `SELECT id, article_id, claim_id, body, reviewer, created_at`.
pub(super) fn note_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Note> {
    Ok(Note {
        id: r.get(0)?,
        article_id: r.get(1)?,
        claim_id: r.get(2)?,
        body: r.get(3)?,
        reviewer: r.get(4)?,
        created_at: r.get(5)?,
    })
}

impl Store {
    /// Adds a note to a claim, or to an article when `claim_id` is `None`.
    pub fn add_note(
        &mut self,
        article_id: &str,
        claim_id: Option<&str>,
        body: &str,
    ) -> Result<String> {
        let body = body.trim();
        if body.is_empty() {
            return Err(StoreError::Invalid("a note cannot be empty".into()));
        }
        let w = self.write()?;
        let article_id = match claim_id {
            Some(c) => claims::read_claim(&w, c)?.article_id,
            None => w
                .query_row("SELECT id FROM articles WHERE id = ?1", [article_id], |r| {
                    r.get(0)
                })
                .optional()?
                .ok_or_else(|| StoreError::NotFound {
                    what: "article",
                    prefix: article_id.to_string(),
                })?,
        };
        let id = new_id();
        w.execute(
            "INSERT INTO notes (id, article_id, claim_id, body, reviewer, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![id, article_id, claim_id, body, w.reviewer, w.at],
        )?;
        search::index(&w, "note", &id)?;
        w.log(
            "note",
            &id,
            "create",
            None,
            None,
            Some(&json!({"article_id": article_id, "claim_id": claim_id, "body": body})),
        )?;
        w.commit()?;
        Ok(id)
    }

    pub fn notes_for_claim(&self, claim_id: &str) -> Result<Vec<Note>> {
        self.notes_where("claim_id = ?1", claim_id)
    }

    /// Notes on the article itself (not on one of its claims).
    pub fn notes_for_article(&self, article_id: &str) -> Result<Vec<Note>> {
        self.notes_where("article_id = ?1 AND claim_id IS NULL", article_id)
    }

    fn notes_where(&self, condition: &str, id: &str) -> Result<Vec<Note>> {
        let sql = format!(
            "SELECT id, article_id, claim_id, body, reviewer, created_at FROM notes WHERE {condition} ORDER BY created_at, id"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map([id], note_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

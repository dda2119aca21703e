//! Sources (evidence) and their links to claims, with a stance and an excerpt.

use super::{Result, Store, StoreError, Writer, claims, new_id, search};
use crate::model::{NewSource, Source, SourceLink, Stance};
use crate::validate;
use rusqlite::{OptionalExtension, Row, params};
use serde_json::{Value, json};

pub(super) const SOURCE_COLUMNS: &str = "s.id, s.url, s.title, s.publisher, s.published, s.accessed, s.notes, s.created_at, s.created_by";

pub(super) fn source_from_row(r: &Row<'_>, at: usize) -> rusqlite::Result<Source> {
    Ok(Source {
        id: r.get(at)?,
        url: r.get(at + 1)?,
        title: r.get(at + 2)?,
        publisher: r.get(at + 3)?,
        published: r.get(at + 4)?,
        accessed: r.get(at + 5)?,
        notes: r.get(at + 6)?,
        created_at: r.get(at + 7)?,
        created_by: r.get(at + 8)?,
    })
}

/// The columns [`link_from_row`] reads, before [`SOURCE_COLUMNS`].
pub(super) const LINK_COLUMNS: &str =
    "l.id, l.claim_id, l.stance, l.excerpt, l.note, l.created_at, l.created_by";

/// A link with its source, from `SELECT {LINK_COLUMNS}, {SOURCE_COLUMNS}`.
pub(super) fn link_from_row(r: &Row<'_>) -> rusqlite::Result<SourceLink> {
    let stance: String = r.get(2)?;
    Ok(SourceLink {
        id: r.get(0)?,
        claim_id: r.get(1)?,
        stance: stance.parse().unwrap_or(Stance::Context),
        excerpt: r.get(3)?,
        note: r.get(4)?,
        created_at: r.get(5)?,
        created_by: r.get(6)?,
        source: source_from_row(r, 7)?,
    })
}

/// The details of a source that a second add with the same URL may fill in when the
/// source has none yet (a title it always has).
const FILLABLE: [&str; 4] = ["publisher", "published", "accessed", "notes"];

/// Fills the existing source `id`'s blank details from `typed` (a reviewer who adds a
/// known URL with its publisher and date expects them kept, and there is no other way
/// to add them): one logged update per field, undone with the add. Details the source
/// already has stay; the caller says which typed ones were not used.
fn fill_blanks(w: &Writer<'_>, id: &str, typed: &NewSource) -> Result<()> {
    let mut any = false;
    for (field, value) in FILLABLE.into_iter().zip([
        &typed.publisher,
        &typed.published,
        &typed.accessed,
        &typed.notes,
    ]) {
        let Some(value) = value else { continue };
        // The field name is one of FILLABLE's, never user text.
        let filled = w.execute(
            &format!(
                "UPDATE sources SET {field} = ?2, updated_at = ?3 WHERE id = ?1 AND coalesce({field}, '') = ''"
            ),
            params![id, value, w.at],
        )?;
        if filled > 0 {
            w.log(
                "source",
                id,
                "update",
                Some(field),
                Some(&Value::Null),
                Some(&json!(value)),
            )?;
            any = true;
        }
    }
    // Its publisher and notes are searchable: the index follows, once.
    if any {
        search::index(w, "source", id)?;
    }
    Ok(())
}

/// Undoes a filled-in detail: back to blank, unless it was changed since.
pub(super) fn unfill(w: &Writer<'_>, id: &str, field: &str, value: &Value) -> Result<bool> {
    if !FILLABLE.contains(&field) {
        return Ok(false);
    }
    let undone = w.execute(
        &format!(
            "UPDATE sources SET {field} = NULL, updated_at = ?3 WHERE id = ?1 AND {field} IS ?2"
        ),
        params![id, value.as_str(), w.at],
    )?;
    if undone > 0 {
        w.log(
            "source",
            id,
            "update",
            Some(field),
            Some(value),
            Some(&Value::Null),
        )?;
        search::index(w, "source", id)?;
    }
    Ok(undone > 0)
}

/// Trims optional text; blank becomes `None`.
fn clean(s: &Option<String>) -> Option<String> {
    s.as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(String::from)
}

/// Validates a new source: a title, an http(s) URL if any, ISO dates if any.
pub fn check_source(source: &NewSource) -> Result<NewSource> {
    let url = clean(&source.url)
        .map(|u| validate::http_url(&u))
        .transpose()
        .map_err(StoreError::Invalid)?;
    let mut title = source.title.trim().to_string();
    if title.is_empty() {
        title = url
            .clone()
            .ok_or_else(|| StoreError::Invalid("a source needs a title or a URL".into()))?;
    }
    let published = clean(&source.published)
        .map(|d| validate::date(&d))
        .transpose()
        .map_err(StoreError::Invalid)?;
    let accessed = clean(&source.accessed)
        .map(|d| validate::date(&d))
        .transpose()
        .map_err(StoreError::Invalid)?;
    Ok(NewSource {
        url,
        title,
        publisher: clean(&source.publisher),
        published,
        accessed,
        notes: clean(&source.notes),
    })
}

impl Store {
    /// Adds a source, or returns the existing one with the same URL. The flag says
    /// whether a new source was created.
    pub fn add_source(&mut self, source: &NewSource) -> Result<(String, bool)> {
        let source = check_source(source)?;
        let w = self.write()?;
        if let Some(url) = &source.url {
            let existing: Option<String> = w
                .query_row(
                    "SELECT id FROM sources WHERE url = ?1 ORDER BY created_at LIMIT 1",
                    [url],
                    |r| r.get(0),
                )
                .optional()?;
            if let Some(id) = existing {
                fill_blanks(&w, &id, &source)?;
                w.commit()?;
                return Ok((id, false));
            }
        }
        let id = new_id();
        w.execute(
            "INSERT INTO sources (id, url, title, publisher, published, accessed, notes, created_at, created_by, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?8)",
            params![id, source.url, source.title, source.publisher, source.published, source.accessed, source.notes, w.at, w.reviewer],
        )?;
        search::index(&w, "source", &id)?;
        // No create entry: the row stands for it until it goes (`creations`).
        w.commit()?;
        Ok((id, true))
    }

    pub fn source(&self, id: &str) -> Result<Source> {
        let sql = format!("SELECT {SOURCE_COLUMNS} FROM sources s WHERE s.id = ?1");
        self.conn
            .prepare_cached(&sql)?
            .query_row([id], |r| source_from_row(r, 0))
            .optional()?
            .ok_or_else(|| StoreError::NotFound {
                what: "source",
                prefix: id.to_string(),
            })
    }

    /// Every source, newest first.
    pub fn sources(&self) -> Result<Vec<Source>> {
        let sql =
            format!("SELECT {SOURCE_COLUMNS} FROM sources s ORDER BY s.created_at DESC, s.id DESC");
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map([], |r| source_from_row(r, 0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Links a source to a claim (or updates the stance and excerpt of an existing link).
    /// On an existing link, an excerpt or note of `None` keeps the one it has (linking
    /// again to change the stance must not wipe a pasted excerpt); `Some("")` clears it.
    pub fn link_source(
        &mut self,
        claim_id: &str,
        source_id: &str,
        stance: Stance,
        excerpt: Option<&str>,
        note: Option<&str>,
    ) -> Result<String> {
        let w = self.write()?;
        // Both must be there; the error names the one that is not.
        claims::read_claim(&w, claim_id)?;
        w.query_row("SELECT 1 FROM sources WHERE id = ?1", [source_id], |_| {
            Ok(())
        })
        .optional()?
        .ok_or_else(|| StoreError::NotFound {
            what: "source",
            prefix: source_id.to_string(),
        })?;
        let existing: Option<(String, String, Option<String>, Option<String>)> = w
            .query_row(
                "SELECT id, stance, excerpt, note FROM claim_sources WHERE claim_id = ?1 AND source_id = ?2",
                [claim_id, source_id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )
            .optional()?;
        let given = |text: Option<&str>, old: Option<&String>| -> Option<String> {
            match text {
                Some(t) => Some(t.trim().to_string()).filter(|t| !t.is_empty()),
                None => old.cloned(),
            }
        };
        let (excerpt, note) = match &existing {
            Some((_, _, old_excerpt, old_note)) => (
                given(excerpt, old_excerpt.as_ref()),
                given(note, old_note.as_ref()),
            ),
            None => (given(excerpt, None), given(note, None)),
        };
        let (excerpt, note) = (excerpt.as_deref(), note.as_deref());
        let new = json!({"claim_id": claim_id, "source_id": source_id, "stance": stance.as_str(), "excerpt": excerpt, "note": note});
        let id = match existing {
            Some((id, old_stance, old_excerpt, old_note)) => {
                w.execute(
                    "UPDATE claim_sources SET stance = ?1, excerpt = ?2, note = ?3 WHERE id = ?4",
                    params![stance.as_str(), excerpt, note, id],
                )?;
                let old = json!({"claim_id": claim_id, "source_id": source_id, "stance": old_stance, "excerpt": old_excerpt, "note": old_note});
                w.log("link", &id, "update", Some("link"), Some(&old), Some(&new))?;
                id
            }
            None => {
                let id = new_id();
                w.execute(
                    "INSERT INTO claim_sources (id, claim_id, source_id, stance, excerpt, note, created_at, created_by)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                    params![id, claim_id, source_id, stance.as_str(), excerpt, note, w.at, w.reviewer],
                )?;
                id
            }
        };
        search::index(&w, "link", &id)?;
        w.commit()?;
        Ok(id)
    }

    /// Removes a source from a claim.
    pub fn unlink_source(&mut self, link_id: &str) -> Result<()> {
        let w = self.write()?;
        delete_link_row(&w, link_id)?;
        w.commit()
    }

    /// The sources attached to a claim, in the order they were attached.
    pub fn links_for_claim(&self, claim_id: &str) -> Result<Vec<SourceLink>> {
        let sql = format!(
            "SELECT {LINK_COLUMNS}, {SOURCE_COLUMNS}
             FROM claim_sources l JOIN sources s ON s.id = l.source_id
             WHERE l.claim_id = ?1 ORDER BY l.created_at, l.id"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map([claim_id], link_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Finds a source by an id prefix.
    pub fn resolve_source(&self, prefix: &str) -> Result<String> {
        super::resolve(&self.conn, "sources", "source", prefix)
    }
}

/// Deletes a link inside an open write, logging what it held.
pub(super) fn delete_link_row(w: &Writer<'_>, link_id: &str) -> Result<()> {
    let old: Option<serde_json::Value> = w
        .query_row(
            "SELECT claim_id, source_id, stance, excerpt, note FROM claim_sources WHERE id = ?1",
            [link_id],
            |r| {
                Ok(json!({"claim_id": r.get::<_, String>(0)?, "source_id": r.get::<_, String>(1)?,
                          "stance": r.get::<_, String>(2)?, "excerpt": r.get::<_, Option<String>>(3)?,
                          "note": r.get::<_, Option<String>>(4)?}))
            },
        )
        .optional()?;
    let Some(old) = old else {
        return Err(StoreError::NotFound {
            what: "source link",
            prefix: link_id.to_string(),
        });
    };
    search::unindex(w, "link", link_id)?;
    super::creations::LINK.write(w, "main", "x.id = ?1", [link_id])?;
    w.execute("DELETE FROM claim_sources WHERE id = ?1", [link_id])?;
    w.log("link", link_id, "delete", None, Some(&old), None)
}

/// Deletes a source that no claim uses any more (undo of its creation).
pub(super) fn delete_source_row(w: &Writer<'_>, source_id: &str) -> Result<()> {
    let links: i64 = w.query_row(
        "SELECT count(*) FROM claim_sources WHERE source_id = ?1",
        [source_id],
        |r| r.get(0),
    )?;
    if links > 0 {
        return Err(StoreError::Invalid(format!(
            "source {} is still linked to {links} claim(s)",
            crate::model::short_id(source_id)
        )));
    }
    search::unindex(w, "source", source_id)?;
    super::creations::SOURCE.write(w, "main", "x.id = ?1", [source_id])?;
    w.execute("DELETE FROM sources WHERE id = ?1", [source_id])?;
    w.log("source", source_id, "delete", None, None, None)
}

//! The append-only change log, and undo built on it.

use super::{Result, Store, StoreError, Writer, articles, claims, new_id, search, sources};
use crate::model::Change;
use rusqlite::{OptionalExtension, params};
use serde_json::Value;
use std::collections::HashMap;

impl Writer<'_> {
    /// Appends one row to the change log, in this write's batch.
    pub(crate) fn log(
        &self,
        entity: &str,
        entity_id: &str,
        action: &str,
        field: Option<&str>,
        old: Option<&Value>,
        new: Option<&Value>,
    ) -> Result<()> {
        self.prepare_cached(
            "INSERT INTO changes (id, batch, at, reviewer, entity, entity_id, action, field, old_value, new_value)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        )?
        .execute(params![
            new_id(),
            self.batch,
            self.at,
            self.reviewer,
            entity,
            entity_id,
            action,
            field,
            old.map(Value::to_string),
            new.map(Value::to_string)
        ])?;
        Ok(())
    }
}

/// What an undo reversed.
#[derive(Debug, Clone, PartialEq)]
pub struct Undone {
    pub batch: String,
    /// One line per reversed change, e.g. "claim 5f6a7b8c: status back to suggested".
    pub summary: Vec<String>,
    /// The claim the undone action was about, if any (still there or gone again), so a
    /// front end can put the reviewer back on it.
    pub claim_id: Option<String>,
}

impl Undone {
    /// The summary cut to `max` lines, the rest counted in a last one (an undone import
    /// of many articles reverses thousands of changes).
    pub fn summary_lines(&self, max: usize) -> Vec<String> {
        if self.summary.len() <= max {
            return self.summary.clone();
        }
        let mut lines = self.summary[..max.saturating_sub(1)].to_vec();
        lines.push(format!(
            "and {} more changes made by the same action",
            self.summary.len() - lines.len()
        ));
        lines
    }
}

/// The claim a logged change is about: the claim itself, or the claim a verdict, link,
/// note or sign-off hangs on.
fn claim_of(c: &Change) -> Option<String> {
    if c.entity == "claim" {
        return Some(c.entity_id.clone());
    }
    [&c.new_value, &c.old_value]
        .into_iter()
        .flatten()
        .find_map(|v| v.get("claim_id").and_then(Value::as_str).map(String::from))
}

fn change_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Change> {
    let json = |i: usize| -> rusqlite::Result<Option<Value>> {
        Ok(r.get::<_, Option<String>>(i)?
            .and_then(|s| serde_json::from_str(&s).ok()))
    };
    Ok(Change {
        id: r.get(0)?,
        batch: r.get(1)?,
        at: r.get(2)?,
        reviewer: r.get(3)?,
        entity: r.get(4)?,
        entity_id: r.get(5)?,
        action: r.get(6)?,
        field: r.get(7)?,
        old_value: json(8)?,
        new_value: json(9)?,
    })
}

const CHANGE_COLUMNS: &str =
    "id, batch, at, reviewer, entity, entity_id, action, field, old_value, new_value";

impl Store {
    /// The newest `limit` changes, newest first; only those about `entity_id` if given.
    /// The creations rows stand for (`creations`) are among them.
    pub fn changes(&self, limit: usize, entity_id: Option<&str>) -> Result<Vec<Change>> {
        let mut parts = vec![format!(
            "SELECT * FROM (SELECT {CHANGE_COLUMNS} FROM changes WHERE ?1 IS NULL OR entity_id = ?1
                            ORDER BY at DESC, action = 'create', id DESC LIMIT ?2)"
        )];
        for kind in &super::creations::IMPLICIT {
            let rows = format!(
                "(SELECT * FROM main.{} WHERE ?1 IS NULL OR id = ?1 ORDER BY created_at DESC LIMIT ?2)",
                kind.table
            );
            parts.push(kind.entries_sql(&rows, "1"));
        }
        let sql = format!(
            "SELECT {CHANGE_COLUMNS} FROM ({}) ORDER BY at DESC, action = 'create', id DESC LIMIT ?2",
            parts.join(" UNION ALL ")
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(params![entity_id, limit as i64], change_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Finds an entity of any kind by an id prefix (or short id) for its history: one
    /// whose row exists, else one the change log names (deleted, folded, unified).
    pub fn resolve_logged(&self, prefix: &str) -> Result<String> {
        let tables = [
            ("claims", "claim"),
            ("articles", "article"),
            ("sources", "source"),
            ("verdicts", "verdict"),
            ("claim_sources", "source link"),
            ("notes", "note"),
            ("signoffs", "sign-off"),
        ];
        for (table, what) in tables {
            match super::resolve(&self.conn, table, what, prefix) {
                Err(StoreError::NotFound { .. }) => continue,
                found => return found,
            }
        }
        let logged = "(SELECT DISTINCT entity_id AS id FROM changes WHERE action <> 'undo')";
        match super::resolve(&self.conn, logged, "entity in the change log", prefix) {
            Err(StoreError::NotFound { .. }) => Err(StoreError::NotFound {
                what: "article, claim, source, link, verdict, sign-off or note",
                prefix: prefix.to_string(),
            }),
            found => found,
        }
    }

    /// Reverses this reviewer's newest change that is not undone yet.
    pub fn undo_last(&mut self) -> Result<Undone> {
        let w = self.write()?;
        let (batch, at) = super::undo_next::last_undoable_batch(&w, &w.reviewer)?
            .ok_or(StoreError::NothingToUndo)?;
        let rows = batch_changes(&w, &batch, &at)?;
        w.gather_undone_batches()?;
        let shared = if rows
            .iter()
            .any(|c| c.entity == "article" && c.action == "create")
        {
            shared_suggestions(&w, &batch)?
        } else {
            HashMap::new()
        };
        let mut summary = Vec::new();
        let mut edits = Vec::new();
        let mut gone = 0;
        // Edits first, so a claim created with links loses its links before itself.
        for change in &rows {
            let line = reverse(&w, change, &shared)?;
            if line.ends_with(ALREADY_GONE) {
                gone += 1;
            } else if change.action == "create" {
                summary.push(line);
            } else {
                edits.push(line);
            }
        }
        // Said the other way round: what the action made (a verdict), then what it
        // changed on the way (the suggestion it accepted).
        summary.append(&mut edits);
        // One line for them all: a merge folds a whole import's suggestions at once.
        match gone {
            0 => {}
            1 => summary.push(format!("1 claim of it {ALREADY_GONE}")),
            n => summary.push(format!(
                "{n} claims of it {}",
                ALREADY_GONE.replacen("was", "were", 1)
            )),
        }
        // Undo never changes the scale: say so when a newer change of it is passed over.
        let scale_since: bool = w.query_row(
            "SELECT EXISTS (SELECT 1 FROM changes WHERE reviewer = ?1 AND entity = 'rating'
               AND at > (SELECT max(at) FROM changes WHERE batch = ?2))",
            params![w.reviewer, batch],
            |r| r.get(0),
        )?;
        if scale_since {
            summary.push(
                "your later change of the rating scale is not undone (undo never changes the scale; `factdesk scale use NAME` switches it)"
                    .into(),
            );
        }
        w.log("batch", &batch, "undo", None, None, None)?;
        w.commit()?;
        let claim_id = rows.iter().rev().find_map(claim_of);
        Ok(Undone {
            batch,
            summary,
            claim_id,
        })
    }
}

/// Everything batch `batch` did, in the order undo reverses it: its logged entries
/// newest first (an entity's edits before its creation), then the creations its rows
/// stand for (`creations`: verdicts and links before their claims, claims before
/// sources), the import of an article last (its claims must be gone first).
/// `at`: the action's time, which its rows carry (`creations`).
fn batch_changes(w: &Writer<'_>, batch: &str, at: &str) -> Result<Vec<Change>> {
    let logged: Vec<Change> = {
        let sql =
            format!("SELECT {CHANGE_COLUMNS} FROM changes WHERE batch = ?1 ORDER BY rowid DESC");
        let mut stmt = w.prepare(&sql)?;
        stmt.query_map([batch], change_from_row)?
            .collect::<rusqlite::Result<_>>()?
    };
    // The rows the action made: this reviewer's, at its time.
    use super::creations::{CLAIM, LINK, SOURCE, VERDICT};
    let mut made = Vec::new();
    for kind in [VERDICT, LINK, CLAIM, SOURCE] {
        let sql = format!(
            "SELECT {CHANGE_COLUMNS} FROM ({}) ORDER BY id DESC",
            kind.entries_sql(
                &format!("main.{}", kind.table),
                &format!("x.created_at = ?1 AND x.{} = ?2", kind.by)
            )
        );
        let mut stmt = w.prepare(&sql)?;
        let rows = stmt.query_map([at, w.reviewer.as_str()], change_from_row)?;
        for row in rows {
            made.push(row?);
        }
    }
    let (imports, mut rows): (Vec<Change>, Vec<Change>) = logged
        .into_iter()
        .partition(|c| c.entity == "article" && c.action == "create");
    rows.extend(made);
    rows.extend(imports);
    Ok(rows)
}

/// How undo says a claim it would remove is not there any more.
const ALREADY_GONE: &str =
    "was already gone (folded by a merge into the same suggestion, or deleted)";

/// The claims an import made that also stand for another reviewer's import of the same
/// text: a merge folded that import's identical suggestions into them (a `fold` entry
/// names the one kept). Claim id -> who made the folded one. Undoing the import keeps
/// these: they are the other import's too, and removing them (and then the article)
/// took the colleague's import from both copies at the next merge. One pass over the
/// log, only when an import is undone.
fn shared_suggestions(w: &Writer<'_>, batch: &str) -> Result<HashMap<String, String>> {
    let mut stmt = w.prepare(
        "SELECT json_extract(f.new_value, '$'), k.reviewer FROM changes f
         JOIN changes k INDEXED BY changes_by_entity
           ON k.entity_id = f.entity_id AND k.entity = 'claim' AND k.action = 'create'
         WHERE f.action = 'fold' AND f.entity = 'claim' AND k.batch <> ?1
           AND k.batch NOT IN (SELECT entity_id FROM changes WHERE action = 'undo')",
    )?;
    let rows = stmt.query_map([batch], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Reverses an import (its claims are reversed first). The article itself goes only
/// when nothing else is on it: a merge may have made it one with the same text imported
/// by someone else (under either id), and others may have added claims or notes to it.
fn undo_import(
    w: &Writer<'_>,
    c: &Change,
    short: &str,
    shared: &HashMap<String, String>,
) -> Result<String> {
    let found: Option<(i64, i64)> = w
        .query_row(
            "SELECT (SELECT count(*) FROM claims WHERE article_id = a.id),
                    (SELECT count(*) FROM notes WHERE article_id = a.id)
             FROM articles a WHERE a.id = ?1",
            [&c.entity_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    match found {
        Some((0, 0)) => {
            articles::delete_article_inside(w, &c.entity_id)?;
            Ok(format!("removed article {short}"))
        }
        Some((claims, notes)) => {
            let mut stmt = w.prepare("SELECT id FROM claims WHERE article_id = ?1")?;
            let on_it: Vec<String> = stmt
                .query_map([&c.entity_id], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            Ok(match on_it.iter().find_map(|id| shared.get(id)) {
                Some(by) => format!("kept article {short}: {by} imported the same text too"),
                None => format!(
                    "kept article {short}: {claims} claims and {notes} notes on it are not this import's"
                ),
            })
        }
        None => {
            let hash = c
                .new_value
                .as_ref()
                .and_then(|v| v["content_hash"].as_str());
            let unified: Option<(String, String)> = w
                .query_row(
                    "SELECT id, imported_by FROM articles WHERE content_hash = ?1",
                    [hash],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .optional()?;
            Ok(match unified {
                Some((id, by)) => format!(
                    "kept article {}: a merge made article {short} one with it (the same text, imported by {by})",
                    crate::model::short_id(&id)
                ),
                None => format!("article {short} was already removed"),
            })
        }
    }
}

/// How an undo message names a claim: its label (from the database, else from the
/// logged snapshot) and short id, e.g. `“regional consensus” (6dba81ce)`.
fn claim_name(w: &Writer<'_>, claim_id: &str, snapshot: Option<&Value>) -> Result<String> {
    let label: Option<String> = w
        .query_row("SELECT label FROM claims WHERE id = ?1", [claim_id], |r| {
            r.get(0)
        })
        .optional()?
        .or_else(|| {
            let v = snapshot?;
            v["label"]
                .as_str()
                .or_else(|| v["claim"]["label"].as_str())
                .map(String::from)
        });
    let short = crate::model::short_id(claim_id);
    Ok(match label {
        Some(label) => format!("“{}” ({short})", crate::text::truncate_chars(&label, 40)),
        None => short.to_string(),
    })
}

/// The newest edit of `field` of the claim other than `c` that stands (not undone, not
/// an undo's reversal): (its value, who made it). Inside an undo (its undone batches
/// gathered).
fn standing_edit(w: &Writer<'_>, c: &Change, field: &str) -> Result<Option<(Value, String)>> {
    let found: Option<(String, String)> = w
        .query_row(
            &format!(
                "SELECT c.new_value, c.reviewer FROM changes c INDEXED BY changes_by_entity
                 WHERE c.entity_id = ?1 AND c.entity = 'claim' AND c.action = 'update'
                   AND c.field = ?2 AND c.id <> ?3 AND {}
                 ORDER BY c.at DESC, c.id DESC LIMIT 1",
                super::undo_guard::STANDING
            ),
            params![c.entity_id, field, c.id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    Ok(found.and_then(|(json, by)| Some((serde_json::from_str(&json).ok()?, by))))
}

/// Refuses to undo an edit of a claim's field that has changed again since (a colleague
/// in a second workbench, or a merge): undoing it would overwrite their value.
fn refuse_if_changed_since(w: &Writer<'_>, c: &Change, field: &str) -> Result<()> {
    let (Some(now), Some(set)) = (
        claims::current_field(w, &c.entity_id, field)?,
        c.new_value.as_ref(),
    ) else {
        return Ok(());
    };
    let same = match field {
        "span" => (&now["start"], &now["end"]) == (&set["start"], &set["end"]),
        _ => now == *set,
    };
    if same {
        return Ok(());
    }
    let by: Option<String> = w
        .query_row(
            // Edits only: a merge's `conflict` entry is logged under the reviewer whose
            // value was lost, and the edit that won is in the log as an update.
            "SELECT reviewer FROM changes WHERE entity_id = ?1 AND field = ?2
               AND action = 'update' AND at >= ?3 AND id <> ?4
             ORDER BY at DESC, rowid DESC LIMIT 1",
            params![c.entity_id, field, c.at, c.id],
            |r| r.get(0),
        )
        .optional()?;
    let shown = crate::model::EditConflict::shown(&now);
    Err(StoreError::Invalid(format!(
        "not undone: the {field} of claim {} has changed since{} (now “{}”); undoing would overwrite that, so make a new change instead",
        claim_name(w, &c.entity_id, None)?,
        by.map(|b| format!(" by {b}")).unwrap_or_default(),
        crate::text::truncate_chars(&shown, 60)
    )))
}

/// Reverses one logged change inside the undo's write.
fn reverse(w: &Writer<'_>, c: &Change, shared: &HashMap<String, String>) -> Result<String> {
    let short = crate::model::short_id(&c.entity_id);
    let exists = |table: &str| -> Result<bool> {
        Ok(w.query_row(
            &format!("SELECT EXISTS (SELECT 1 FROM {table} WHERE id = ?1)"),
            [&c.entity_id],
            |r| r.get(0),
        )?)
    };
    // The claim a verdict, sign-off, note or link was on, named for the message.
    let on_claim = || -> Result<String> {
        let claim = c
            .new_value
            .as_ref()
            .and_then(|v| v["claim_id"].as_str())
            .map(String::from);
        Ok(match claim {
            Some(id) => format!(" on claim {}", claim_name(w, &id, None)?),
            None => String::new(),
        })
    };
    match (c.entity.as_str(), c.action.as_str()) {
        ("claim", "create") => {
            let name = claim_name(w, &c.entity_id, c.new_value.as_ref())?;
            if let Some(by) = shared.get(&c.entity_id) {
                return Ok(format!("kept claim {name}: it is also {by}'s suggestion"));
            }
            w.refuse_if_colleagues_built_on("claim", &c.entity_id)?;
            if !exists("claims")? {
                // A merge folded it into the same suggestion under another id, or it
                // was deleted since.
                return Ok(format!("claim {name} {ALREADY_GONE}"));
            }
            claims::delete_claim_row(w, &c.entity_id)?;
            Ok(format!("removed claim {name}"))
        }
        ("claim", "update") => {
            let field = c.field.as_deref().unwrap_or_default();
            refuse_if_changed_since(w, c, field)?;
            // Without this edit the field is what a merge makes it: the newest other edit
            // that stands (a colleague's, merged in from another copy, included), else
            // the value before this one. Putting back the value before this one lost
            // the colleague's edit here, and the copies never agreed again.
            let standing = standing_edit(w, c, field)?;
            let (old, whose) = match standing {
                Some((value, by)) => (
                    value,
                    (!crate::model::same_reviewer(&by, &w.reviewer)).then_some(by),
                ),
                None => (c.old_value.clone().unwrap_or(Value::Null), None),
            };
            claims::apply_field(w, &c.entity_id, field, &old)?;
            let shown = |v: &str| crate::text::truncate_chars(v, 40).into_owned();
            let was = c.new_value.as_ref().and_then(Value::as_str);
            let whose: String = whose
                .map(|by: String| format!(", {}'s edit", crate::text::sanitize_line(&by)))
                .unwrap_or_default();
            Ok(match (old.as_str(), was) {
                (Some(old), Some(was)) if field == "label" => format!(
                    "claim {short}: label back to “{}”{whose} (was “{}”)",
                    shown(old),
                    shown(was)
                ),
                (Some(old), _) => format!(
                    "claim {}: {field} back to “{}”{whose}",
                    claim_name(w, &c.entity_id, None)?,
                    shown(old)
                ),
                _ => format!(
                    "claim {}: {field} restored",
                    claim_name(w, &c.entity_id, None)?
                ),
            })
        }
        ("claim", "delete") => {
            let bundle = c.old_value.clone().unwrap_or(Value::Null);
            claims::restore_bundle(w, &bundle)?;
            w.log("claim", &c.entity_id, "create", None, None, Some(&bundle))?;
            Ok(format!(
                "brought back claim {}",
                claim_name(w, &c.entity_id, Some(&bundle))?
            ))
        }
        ("verdict", "create") | ("signoff", "create") | ("note", "create") => {
            w.refuse_if_colleagues_built_on(&c.entity, &c.entity_id)?;
            let table = match c.entity.as_str() {
                "verdict" => "verdicts",
                "signoff" => "signoffs",
                _ => "notes",
            };
            let on = on_claim()?;
            search::unindex(w, &c.entity, &c.entity_id)?;
            if let Some(kind) = super::creations::implicit(&c.entity) {
                kind.write(w, "main", "x.id = ?1", [&c.entity_id])?;
            }
            w.execute(
                &format!("DELETE FROM {table} WHERE id = ?1"),
                [&c.entity_id],
            )?;
            w.log(
                &c.entity,
                &c.entity_id,
                "delete",
                None,
                c.new_value.as_ref(),
                None,
            )?;
            Ok(format!("removed {} {short}{on}", c.entity))
        }
        ("link", "create") => {
            let on = on_claim()?;
            if exists("claim_sources")? {
                sources::delete_link_row(w, &c.entity_id)?;
            }
            // The source by its title and id (the link's own id says nothing to anyone).
            let source = c
                .new_value
                .as_ref()
                .and_then(|v| v["source_id"].as_str())
                .map(String::from);
            let title: Option<String> = match &source {
                Some(id) => w
                    .query_row("SELECT title FROM sources WHERE id = ?1", [id], |r| {
                        r.get(0)
                    })
                    .optional()?,
                None => None,
            };
            Ok(match (source, title) {
                (Some(id), Some(title)) => format!(
                    "unlinked source “{}” ({}){on}",
                    crate::text::truncate_chars(&title, 40),
                    crate::model::short_id(&id)
                ),
                _ => format!("unlinked source ({short}){on}"),
            })
        }
        ("link", "update") => {
            // As for claims: a colleague's newer stance, excerpt or note stays.
            let now: Option<(Option<String>, Option<String>, Option<String>)> = w
                .query_row(
                    "SELECT stance, excerpt, note FROM claim_sources WHERE id = ?1",
                    [&c.entity_id],
                    |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
                )
                .optional()?;
            let set = c.new_value.clone().unwrap_or(Value::Null);
            let text = |v: &Value| v.as_str().map(String::from);
            if let Some(now) = now
                && set.is_object()
                && now
                    != (
                        text(&set["stance"]),
                        text(&set["excerpt"]),
                        text(&set["note"]),
                    )
            {
                return Err(StoreError::Invalid(format!(
                    "not undone: source link {short}{} has changed since; undoing would overwrite that, so make a new change instead",
                    on_claim()?
                )));
            }
            let old = c.old_value.clone().unwrap_or(Value::Null);
            w.execute(
                "UPDATE claim_sources SET stance = ?1, excerpt = ?2, note = ?3 WHERE id = ?4",
                params![
                    old["stance"].as_str(),
                    old["excerpt"].as_str(),
                    old["note"].as_str(),
                    c.entity_id
                ],
            )?;
            w.log(
                "link",
                &c.entity_id,
                "update",
                Some("link"),
                c.new_value.as_ref(),
                Some(&old),
            )?;
            // Its excerpt and note are searchable: the index follows.
            search::index(w, "link", &c.entity_id)?;
            Ok(format!("source link {short} restored"))
        }
        ("source", "update") => {
            let field = c.field.as_deref().unwrap_or_default();
            let value = c.new_value.clone().unwrap_or(Value::Null);
            Ok(if sources::unfill(w, &c.entity_id, field, &value)? {
                format!("source {short}: {field} taken out again")
            } else {
                format!("source {short}: its {field} was changed since and stays")
            })
        }
        ("source", "create") => {
            w.refuse_if_colleagues_built_on("source", &c.entity_id)?;
            if exists("sources")? {
                sources::delete_source_row(w, &c.entity_id)?;
            }
            Ok(format!("removed source {short}"))
        }
        ("article", "create") => undo_import(w, c, short, shared),
        (entity, action) => Err(StoreError::Invalid(format!(
            "the last change ({action} of a {entity}) cannot be undone"
        ))),
    }
}

//! Creations that the change log holds only once their row is gone (schema version 3).
//!
//! A claim, source, source link or verdict gets no `create` entry while its row exists:
//! the row says who made it and when (`created_at`, and `created_by` or `reviewer`),
//! and the action that made it is the one with that time and reviewer (a write's time
//! is unique per reviewer: `next_write_time`). Before such a row goes (deleted, undone,
//! unified or folded by a merge, or left out by one) its creation is written to the log
//! under a derived id, so the log still names every entity that ever existed, and
//! tombstones, undo and merges read it as before. Creations were 291,000 of the
//! 309,000 entries of a 100,000-claim database: half its bytes, and the half of a
//! merge's writing that decided nothing.

use rusqlite::Connection;

/// The rowids of the `create` entries of the log in schema `$s` (`""` or
/// `"incoming."`) that a row stands for under version 3: the upgrade to it deletes
/// them, and a merge leaves them out of a version-2 copy's log. Those whose action
/// logged at one time (so the row's time names it; a bulk write of version 2 did not),
/// and for a link, whose values are the row's first ones (a merge may have given the
/// row another link's).
macro_rules! stood_for_by_rows {
    ($s:literal) => {
        concat!(
            "SELECT k.r FROM (
               SELECT c.rowid AS r, c.batch AS b FROM ", $s, "changes c JOIN ", $s, "claims x ON x.id = c.entity_id
                 WHERE c.entity = 'claim' AND c.action = 'create' AND c.at = x.created_at AND c.reviewer = x.created_by
               UNION ALL SELECT c.rowid, c.batch FROM ", $s, "changes c JOIN ", $s, "sources x ON x.id = c.entity_id
                 WHERE c.entity = 'source' AND c.action = 'create' AND c.at = x.created_at AND c.reviewer = x.created_by
               UNION ALL SELECT c.rowid, c.batch FROM ", $s, "changes c JOIN ", $s, "verdicts x ON x.id = c.entity_id
                 WHERE c.entity = 'verdict' AND c.action = 'create' AND c.at = x.created_at AND c.reviewer = x.reviewer
               UNION ALL SELECT c.rowid, c.batch FROM ", $s, "changes c JOIN (
                   SELECT l.*, (SELECT u.old_value FROM ", $s, "changes u WHERE u.entity_id = l.id AND u.entity = 'link'
                                AND u.action = 'update' ORDER BY u.at, u.id LIMIT 1) AS first
                   FROM ", $s, "claim_sources l) x ON x.id = c.entity_id
                 WHERE c.entity = 'link' AND c.action = 'create' AND c.at = x.created_at AND c.reviewer = x.created_by
                   AND json_extract(c.new_value, '$.claim_id') IS x.claim_id
                   AND json_extract(c.new_value, '$.source_id') IS x.source_id
                   AND json_extract(c.new_value, '$.stance')
                       IS CASE WHEN x.first IS NULL THEN x.stance ELSE json_extract(x.first, '$.stance') END
                   AND json_extract(c.new_value, '$.excerpt')
                       IS CASE WHEN x.first IS NULL THEN x.excerpt ELSE json_extract(x.first, '$.excerpt') END
                   AND json_extract(c.new_value, '$.note')
                       IS CASE WHEN x.first IS NULL THEN x.note ELSE json_extract(x.first, '$.note') END) k
             WHERE k.b NOT IN (SELECT batch FROM ", $s, "changes GROUP BY batch HAVING min(at) <> max(at))"
        )
    };
}
pub(super) use stood_for_by_rows;

/// An entity whose creation its row stands for.
pub(super) struct Implicit {
    pub entity: &'static str,
    pub table: &'static str,
    /// The column naming who made it.
    pub by: &'static str,
}

pub(super) const IMPLICIT: [Implicit; 4] = [
    Implicit {
        entity: "claim",
        table: "claims",
        by: "created_by",
    },
    Implicit {
        entity: "source",
        table: "sources",
        by: "created_by",
    },
    Implicit {
        entity: "link",
        table: "claim_sources",
        by: "created_by",
    },
    Implicit {
        entity: "verdict",
        table: "verdicts",
        by: "reviewer",
    },
];

pub(super) const CLAIM: &Implicit = &IMPLICIT[0];
pub(super) const SOURCE: &Implicit = &IMPLICIT[1];
pub(super) const LINK: &Implicit = &IMPLICIT[2];
pub(super) const VERDICT: &Implicit = &IMPLICIT[3];

/// The kind of `entity`, when its row stands for its creation.
pub(super) fn implicit(entity: &str) -> Option<&'static Implicit> {
    IMPLICIT.iter().find(|k| k.entity == entity)
}

impl Implicit {
    /// The batch of row `x`: that of the action's logged entries (the same time and
    /// reviewer, so one batch; a merge's bookkeeping aside; the first found: a bulk
    /// action logs thousands of entries at one time), else, for an action that logged
    /// nothing else, an id derived from that time and reviewer.
    fn batch_sql(&self) -> String {
        let by = self.by;
        format!(
            "coalesce((SELECT c.batch FROM main.changes c INDEXED BY changes_by_time
                       WHERE c.at = x.created_at AND c.reviewer = x.{by}
                         AND c.action NOT IN ('fold', 'conflict', 'undo') LIMIT 1),
                      fd_derived_id('batch ' || x.created_at || ' ' || x.{by}))"
        )
    }

    /// What the `create` entry holds: the first values (a link's are those before its
    /// first logged edit, which keeps them as its old value), as version 2 logged them.
    fn snapshot_sql(&self) -> String {
        match self.entity {
            "source" => "json_object('url', x.url, 'title', x.title, 'publisher', x.publisher,
                 'published', x.published, 'accessed', x.accessed, 'notes', x.notes)"
                .into(),
            "link" => {
                let first = "(SELECT c.old_value FROM main.changes c INDEXED BY changes_by_entity
                   WHERE c.entity_id = x.id AND c.entity = 'link' AND c.action = 'update'
                   ORDER BY c.at, c.id LIMIT 1)";
                let field = |name: &str| {
                    format!(
                        "CASE WHEN {first} IS NULL THEN x.{name} ELSE json_extract({first}, '$.{name}') END"
                    )
                };
                format!(
                    "json_object('claim_id', x.claim_id, 'source_id', x.source_id, 'stance', {}, 'excerpt', {}, 'note', {})",
                    field("stance"),
                    field("excerpt"),
                    field("note")
                )
            }
            "verdict" => {
                "json_object('claim_id', x.claim_id, 'rating', x.rating, 'rationale', x.rationale)"
                    .into()
            }
            _ => "NULL".into(),
        }
    }

    /// The creations of the rows of `schema`.`table` (as `x`) that `filter` selects and
    /// the log does not hold yet, as change-log rows (`id, batch, at, reviewer, entity,
    /// entity_id, action, field, old_value, new_value`). `rows` may narrow the table
    /// first (e.g. `(SELECT * FROM claims ORDER BY created_at DESC LIMIT 20)`).
    pub(super) fn entries_sql(&self, rows: &str, filter: &str) -> String {
        let (entity, by) = (self.entity, self.by);
        format!(
            "SELECT fd_derived_id('create {entity} ' || x.id) AS id, {batch} AS batch,
                    x.created_at AS at, x.{by} AS reviewer, '{entity}' AS entity, x.id AS entity_id,
                    'create' AS action, NULL AS field, NULL AS old_value, {snapshot} AS new_value
             FROM {rows} x
             WHERE ({filter}) AND NOT EXISTS (SELECT 1 FROM main.changes c INDEXED BY changes_by_entity
                 WHERE c.entity_id = x.id AND c.entity = '{entity}' AND c.action = 'create')",
            batch = self.batch_sql(),
            snapshot = self.snapshot_sql(),
        )
    }

    /// Writes to the log the creations of the rows of `schema`.`table` that `filter`
    /// selects (with `params`): called before they go. Returns how many were written.
    pub(super) fn write(
        &self,
        conn: &Connection,
        schema: &str,
        filter: &str,
        params: impl rusqlite::Params,
    ) -> rusqlite::Result<usize> {
        let rows = format!("{schema}.{}", self.table);
        // Cached: undoing an import writes three of these per claim.
        conn.prepare_cached(&format!(
            "INSERT OR IGNORE INTO main.changes
               (id, batch, at, reviewer, entity, entity_id, action, field, old_value, new_value)
             {}",
            self.entries_sql(&rows, filter)
        ))?
        .execute(params)
    }
}

/// [`Implicit::write`] for a claim about to go and everything of it that goes with it
/// (its links and verdicts; sign-offs and notes log their creation themselves).
pub(super) fn write_for_claim(conn: &Connection, claim_id: &str) -> rusqlite::Result<()> {
    CLAIM.write(conn, "main", "x.id = ?1", [claim_id])?;
    LINK.write(conn, "main", "x.claim_id = ?1", [claim_id])?;
    VERDICT.write(conn, "main", "x.claim_id = ?1", [claim_id])?;
    Ok(())
}

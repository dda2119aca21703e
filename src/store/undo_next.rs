//! Which batch of the change log the reviewer's next undo would reverse, so a front
//! end can say what it would take before taking it.

use super::{Result, Store};
use rusqlite::{Connection, OptionalExtension};

/// The newest batch of `reviewer`'s that is not undone yet (ratings and merge
/// bookkeeping are never undone).
/// (batch, its time)
pub(super) fn last_undoable_batch(
    conn: &Connection,
    reviewer: &str,
) -> Result<Option<(String, String)>> {
    let mut newest: Option<(String, String)> = conn
        .query_row(LAST_UNDOABLE_BATCH, [reviewer], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .optional()?;
    // Or an action that made rows and logged nothing (`creations`): the newest such
    // row of this reviewer's whose batch is not undone. The newest few rows are looked
    // at first; rows kept by an undo (another import's suggestions too) may fill them.
    for kind in &super::creations::IMPLICIT {
        for narrow in [" LIMIT 256", ""] {
            let rows = format!(
                "(SELECT * FROM main.{} WHERE {} = ?1 ORDER BY created_at DESC{narrow})",
                kind.table, kind.by
            );
            let found: Option<(String, String)> = conn
                .query_row(
                    &format!(
                        "SELECT batch, at FROM ({}) WHERE batch NOT IN ({UNDONE})
                         ORDER BY at DESC LIMIT 1",
                        kind.entries_sql(&rows, "1")
                    ),
                    [reviewer],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .optional()?;
            if let Some(found) = found {
                if newest.as_ref().is_none_or(|n| found.1 > n.1) {
                    newest = Some(found);
                }
                break;
            }
        }
    }
    Ok(newest)
}

/// Every batch undone, and every batch that undid one (the reversals an undo wrote).
macro_rules! undone_batches {
    () => {
        "SELECT entity_id FROM changes WHERE action = 'undo'
         UNION ALL SELECT batch FROM changes WHERE action = 'undo'"
    };
}
pub(super) const UNDONE: &str = undone_batches!();

/// The undone batches are worked out once, and the log is walked newest first by its
/// time index until the first fit. (A correlated NOT EXISTS let SQLite scan and sort
/// the whole log, probing every entry's batch: undoing a 30,000-entry import took
/// minutes.)
const LAST_UNDOABLE_BATCH: &str = concat!(
    "SELECT batch, at FROM changes c INDEXED BY changes_by_time
     WHERE reviewer = ?1 AND action NOT IN ('undo', 'conflict', 'fold') AND entity != 'rating'
       AND batch NOT IN (",
    undone_batches!(),
    ") ORDER BY at DESC, rowid DESC LIMIT 1"
);

impl Store {
    /// The article whose import the next `undo_last` would reverse, if that is what
    /// it would do.
    pub fn next_undo_import(&self) -> Result<Option<String>> {
        let Some((batch, _)) = last_undoable_batch(&self.conn, &self.reviewer)? else {
            return Ok(None);
        };
        Ok(self
            .conn
            .query_row(
                "SELECT entity_id FROM changes
                 WHERE batch = ?1 AND entity = 'article' AND action = 'create' LIMIT 1",
                [batch],
                |r| r.get(0),
            )
            .optional()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The plan walks the time index and sorts nothing; no subquery runs per entry.
    #[test]
    fn the_next_undo_is_found_without_a_pass_per_log_entry() {
        let store = Store::open_in_memory("dana").unwrap();
        let plan: Vec<String> = store
            .conn
            .prepare(&format!("EXPLAIN QUERY PLAN {LAST_UNDOABLE_BATCH}"))
            .unwrap()
            .query_map(["dana"], |r| r.get(3))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        let plan = plan.join("\n");
        assert!(plan.contains("USING INDEX changes_by_time"), "{plan}");
        assert!(!plan.contains("TEMP B-TREE"), "{plan}");
        assert!(!plan.contains("CORRELATED"), "{plan}");
    }
}

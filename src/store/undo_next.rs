//! Which batch of the change log the reviewer's next undo would reverse, so a front
//! end can say what it would take before taking it.

use super::{Result, Store};
use rusqlite::{Connection, OptionalExtension};

/// The newest batch of `reviewer`'s that is not undone yet (ratings and merge
/// bookkeeping are never undone).
pub(super) fn last_undoable_batch(conn: &Connection, reviewer: &str) -> Result<Option<String>> {
    Ok(conn
        .query_row(
            "SELECT batch FROM changes c
             WHERE reviewer = ?1 AND action NOT IN ('undo', 'conflict', 'fold') AND entity != 'rating'
               AND NOT EXISTS (SELECT 1 FROM changes u WHERE u.action = 'undo' AND (u.entity_id = c.batch OR u.batch = c.batch))
             ORDER BY at DESC, rowid DESC LIMIT 1",
            [reviewer],
            |r| r.get(0),
        )
        .optional()?)
}

impl Store {
    /// The article whose import the next `undo_last` would reverse, if that is what
    /// it would do.
    pub fn next_undo_import(&self) -> Result<Option<String>> {
        let Some(batch) = last_undoable_batch(&self.conn, &self.reviewer)? else {
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

//! What undo must not take with it: work a colleague has built on your change since
//! (a sign-off of your verdict; a verdict, sign-off, note, source link or edit of your
//! claim; a link to your source from another claim, or an edit of it).

use super::{Result, StoreError, Writer};
use crate::model::{same_reviewer, short_id};

/// A log entry `c` that stands: its batch is not undone, nor is it an undo's reversal
/// (an undo logs its reversals in its own batch, with the `undo` entry naming the
/// batch it undid as the entity). The batches are gathered once per undo
/// ([`Writer::gather_undone_batches`]): probing the log per entry walked whole batches,
/// and undoing a 3,200-claim import asked once per claim (2.8 s).
pub(super) const STANDING: &str = "c.batch NOT IN (SELECT batch FROM temp.undone_batches)";

impl Writer<'_> {
    /// Gathers the undone batches and the undos' own, for [`STANDING`], once per undo.
    pub(super) fn gather_undone_batches(&self) -> Result<()> {
        self.execute_batch(&format!(
            "DROP TABLE IF EXISTS temp.undone_batches;
             CREATE TEMP TABLE undone_batches (batch TEXT PRIMARY KEY);
             INSERT OR IGNORE INTO temp.undone_batches {};",
            super::undo_next::UNDONE
        ))?;
        Ok(())
    }

    /// Refuses to reverse the creation of `entity` `id` when another reviewer's work
    /// hangs on it: undoing it would delete theirs too.
    pub(super) fn refuse_if_colleagues_built_on(&self, entity: &str, id: &str) -> Result<()> {
        let sql = match entity {
            "verdict" => "SELECT editor, 'signed off' FROM signoffs WHERE verdict_id = ?1",
            "claim" => {
                "SELECT reviewer, 'given a verdict on' FROM verdicts WHERE claim_id = ?1
                 UNION ALL SELECT editor, 'signed off the verdict of' FROM signoffs WHERE claim_id = ?1
                 UNION ALL SELECT reviewer, 'added a note to' FROM notes WHERE claim_id = ?1
                 UNION ALL SELECT created_by, 'linked a source to' FROM claim_sources WHERE claim_id = ?1
                 UNION ALL SELECT reviewer, 'edited' FROM changes c WHERE c.entity_id = ?1
                   AND c.entity = 'claim' AND c.action = 'update' AND {STANDING}"
            }
            "source" => {
                "SELECT created_by, 'linked a claim to' FROM claim_sources WHERE source_id = ?1
                 UNION ALL SELECT reviewer, 'edited' FROM changes c WHERE c.entity_id = ?1
                   AND c.entity = 'source' AND c.action = 'update' AND {STANDING}"
            }
            _ => return Ok(()),
        };
        let mut stmt = self.prepare(&sql.replace("{STANDING}", STANDING))?;
        let mut rows = stmt.query([id])?;
        while let Some(row) = rows.next()? {
            let who: String = row.get(0)?;
            let what: String = row.get(1)?;
            if !same_reviewer(&who, &self.reviewer) {
                return Err(StoreError::Invalid(format!(
                    "not undone: {who} has since {what} {entity} {}, and undoing it would take their work too (ask {who} to undo theirs first, or make a new change over yours)",
                    short_id(id)
                )));
            }
        }
        Ok(())
    }
}

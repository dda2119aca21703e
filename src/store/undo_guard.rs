//! What undo must not take with it: work a colleague has built on your change since
//! (a sign-off of your verdict; a verdict, sign-off, note or source link on your
//! claim; a link to your source from another claim).

use super::{Result, StoreError, Writer};
use crate::model::{same_reviewer, short_id};

impl Writer<'_> {
    /// Refuses to reverse the creation of `entity` `id` when another reviewer's work
    /// hangs on it: undoing it would delete theirs too.
    pub(super) fn refuse_if_colleagues_built_on(&self, entity: &str, id: &str) -> Result<()> {
        let sql = match entity {
            "verdict" => "SELECT editor, 'signed off' FROM signoffs WHERE verdict_id = ?1",
            "claim" => {
                "SELECT reviewer, 'given a verdict on' FROM verdicts WHERE claim_id = ?1
                 UNION ALL SELECT editor, 'signed off the verdict of' FROM signoffs WHERE claim_id = ?1
                 UNION ALL SELECT reviewer, 'added a note to' FROM notes WHERE claim_id = ?1
                 UNION ALL SELECT created_by, 'linked a source to' FROM claim_sources WHERE claim_id = ?1"
            }
            "source" => "SELECT created_by, 'linked a claim to' FROM claim_sources WHERE source_id = ?1",
            _ => return Ok(()),
        };
        let mut stmt = self.prepare(sql)?;
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

//! Folding duplicate suggestions: when both copies imported the same text, the unified
//! article holds each suggested claim twice. Pairs that are identical and untouched
//! become one claim (the smaller id), logged as a `fold` entry that keeps the other id
//! from coming back. The rule is in docs/sharing.md.

use super::MergeReport;
use rusqlite::Connection;

/// A claim `c` that nobody edited: still a suggestion, no update or conflict in the log.
const UNTOUCHED: &str = "c.status = 'suggested'
    AND NOT EXISTS (SELECT 1 FROM main.changes ch WHERE ch.entity_id = c.id AND ch.entity = 'claim'
                    AND ch.action IN ('update', 'conflict'))";

/// Folds the spare copies of identical untouched suggestions on the articles this merge
/// unified, keeping the smaller id. Runs after everything else is in, so both merge
/// orders see the same rows and fold the same pairs.
pub(super) fn duplicate_suggestions(
    conn: &Connection,
    report: &mut MergeReport,
) -> rusqlite::Result<()> {
    conn.execute_batch(&format!(
        "CREATE TEMP TABLE m_fold AS
           SELECT c.id, c.created_by, k.id AS kept_id, max(c.created_at, k.created_at) AS at
           FROM main.claims c
           JOIN main.claims k ON k.article_id = c.article_id AND k.start_offset = c.start_offset
             AND k.end_offset = c.end_offset AND k.id < c.id AND k.quote = c.quote AND k.label = c.label
             AND k.claimant = c.claimant AND k.kind = c.kind
           WHERE c.article_id IN (SELECT min(incoming_id, local_id) FROM temp.m_same_text)
             AND {UNTOUCHED}
             AND NOT EXISTS (SELECT 1 FROM main.claim_sources x WHERE x.claim_id = c.id)
             AND NOT EXISTS (SELECT 1 FROM main.verdicts x WHERE x.claim_id = c.id)
             AND NOT EXISTS (SELECT 1 FROM main.notes x WHERE x.claim_id = c.id)
             AND k.id = (SELECT min(c2.id) FROM main.claims c2 WHERE c2.article_id = c.article_id
                         AND c2.start_offset = c.start_offset AND c2.end_offset = c.end_offset
                         AND c2.quote = c.quote AND c2.label = c.label AND c2.claimant = c.claimant
                         AND c2.kind = c.kind AND c2.status = 'suggested'
                         AND NOT EXISTS (SELECT 1 FROM main.changes ch WHERE ch.entity_id = c2.id
                                         AND ch.entity = 'claim' AND ch.action IN ('update', 'conflict')));"
    ))?;
    let mut fold = conn.prepare("SELECT id, created_by, kept_id, at FROM temp.m_fold")?;
    let pairs: Vec<(String, String, String, String)> = fold
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (id, reviewer, kept, at) in &pairs {
        // Derived id and time: both merge orders (and a repeat) log the same entry.
        let change = super::derived_id(&format!("fold {id} {kept}"));
        conn.execute(
            "INSERT OR IGNORE INTO main.changes (id, batch, at, reviewer, entity, entity_id, action, field, old_value, new_value)
             VALUES (?1, ?1, ?2, ?3, 'claim', ?4, 'fold', NULL, NULL, json_quote(?5))",
            rusqlite::params![change, at, reviewer, id, kept],
        )?;
    }
    // Their creations go to the log first (`creations`).
    crate::store::creations::CLAIM.write(
        conn,
        "main",
        "x.id IN (SELECT id FROM temp.m_fold)",
        [],
    )?;
    // Index entries are found by their rows' rowids: out before the rows.
    let claim = super::fts::kind("claim")
        .map(super::fts::Kind::rowid_sql)
        .unwrap_or_default();
    conn.execute_batch(&format!(
        "DELETE FROM main.search_index WHERE rowid IN
           (SELECT {claim} FROM main.claims x WHERE x.id IN (SELECT id FROM temp.m_fold));
         DELETE FROM main.claims WHERE id IN (SELECT id FROM temp.m_fold);"
    ))?;
    report.unified.claims = pairs.len() as i64;
    // A pair of a claim this merge brought in and one already here is one claim more
    // than before, not two: the added count says what the reviewer now has in addition.
    let brought_in: i64 = conn.query_row(
        "SELECT count(*) FROM temp.m_fold f WHERE f.id IN (SELECT id FROM temp.m_add_claims)
           OR f.kept_id IN (SELECT id FROM temp.m_add_claims)",
        [],
        |r| r.get(0),
    )?;
    report.added.claims -= brought_in;
    Ok(())
}

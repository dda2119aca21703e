//! The data steps of a merge, as set-based SQL between `main` and the vetted copy
//! attached as `incoming`, inside the merge's one transaction. Working sets live in
//! `temp.m_*` tables. The rules are documented in docs/sharing.md.

use super::{Counts, MergeReport};
use crate::store::creations::LINK;
use rusqlite::Connection;

/// Change-log entity name -> table.
pub(super) const ENTITIES: &[(&str, &str)] = &[
    ("article", "articles"),
    ("claim", "claims"),
    ("source", "sources"),
    ("link", "claim_sources"),
    ("verdict", "verdicts"),
    ("signoff", "signoffs"),
    ("note", "notes"),
];

const CHANGE_COLUMNS: &str =
    "id, batch, at, reviewer, entity, entity_id, action, field, old_value, new_value";

/// A logged change `c` that still stands: not undone, and not itself the reversal an undo
/// wrote. An undone edit was taken back by its author; it must not win over a
/// colleague's edit, nor may the undo's reversal (newer than both) overwrite theirs.
/// The undone and undoing batches are gathered once (`temp.m_undo`, one pass over the
/// merged log: 70 ms for 600,000 entries): probing the log per entry walked whole
/// batches, and one import is a batch of 300,000 entries (a 100,000-claim merge ran for
/// over ten minutes).
pub(super) const LIVE: &str = "c.batch NOT IN (SELECT batch FROM temp.m_undo)";

/// A link `l` that is neither deleted nor hangs off a deleted claim.
const LINK_ALIVE: &str = "AND NOT EXISTS (SELECT 1 FROM temp.m_dead d WHERE d.entity_id = l.id AND d.entity = 'link')
     AND NOT EXISTS (SELECT 1 FROM temp.m_dead d WHERE d.entity_id = l.claim_id AND d.entity = 'claim')";

fn count(conn: &Connection, sql: &str) -> rusqlite::Result<i64> {
    conn.query_row(sql, [], |r| r.get(0))
}

/// Drops the working tables of an earlier merge on this connection.
pub(super) fn drop_working_tables(conn: &Connection) -> rusqlite::Result<()> {
    let names: Vec<String> = {
        let mut stmt = conn.prepare("SELECT name FROM temp.sqlite_schema WHERE type = 'table' AND name LIKE 'm\\_%' ESCAPE '\\'")?;
        stmt.query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?
    };
    for name in names {
        conn.execute(&format!("DROP TABLE temp.\"{name}\""), [])?;
    }
    Ok(())
}

/// Unions the change logs and works out, from the union, which entities are deleted
/// (their newest create/delete entry is a delete): those go here and are not brought in.
pub(super) fn union_log_and_tombstones(
    conn: &Connection,
    report: &mut MergeReport,
) -> rusqlite::Result<()> {
    // A version-2 copy's log still has the creations its rows stand for: they stay out,
    // as its upgrade would delete them (`creations`).
    let version: i64 = conn.query_row("PRAGMA incoming.user_version", [], |r| r.get(0))?;
    conn.execute_batch("CREATE TEMP TABLE m_stood_for (r INTEGER PRIMARY KEY)")?;
    if version < 3 {
        conn.execute_batch(concat!(
            "INSERT INTO temp.m_stood_for ",
            crate::store::creations::stood_for_by_rows!("incoming.")
        ))?;
    }
    conn.execute_batch(&format!(
        "CREATE TEMP TABLE m_own_changes AS
           SELECT id, entity, entity_id, action, field FROM main.changes m
           WHERE action != 'create' AND NOT EXISTS (SELECT 1 FROM incoming.changes i WHERE i.id = m.id);
         CREATE TEMP TABLE m_log_end AS SELECT coalesce(max(rowid), 0) AS r FROM main.changes;
         -- One pass over the other log: what is new goes in, then is read back (cached).
         INSERT INTO main.changes ({CHANGE_COLUMNS})
           SELECT i.id, i.batch, i.at, i.reviewer, i.entity, i.entity_id, i.action, i.field, i.old_value, i.new_value
           FROM incoming.changes i WHERE NOT EXISTS (SELECT 1 FROM main.changes m WHERE m.id = i.id)
             AND i.rowid NOT IN (SELECT r FROM temp.m_stood_for);
         CREATE TEMP TABLE m_new_changes AS
           SELECT id, at, entity, entity_id, action, field FROM main.changes
           WHERE rowid > (SELECT r FROM temp.m_log_end);
         -- Every batch undone, and every batch that undid one, in the merged log.
         CREATE TEMP TABLE m_undos AS SELECT entity_id, batch FROM main.changes WHERE action = 'undo';
         CREATE TEMP TABLE m_undo (batch TEXT PRIMARY KEY);
         INSERT OR IGNORE INTO temp.m_undo SELECT entity_id FROM temp.m_undos UNION SELECT batch FROM temp.m_undos;
         -- Claim edits by claim, for the per-field winners and conflicts (small).
         CREATE INDEX temp.m_own_edits ON m_own_changes(entity_id, field) WHERE entity = 'claim' AND action = 'update';
         CREATE INDEX temp.m_new_edits ON m_new_changes(entity_id, field) WHERE entity = 'claim' AND action = 'update';
         -- `since`: when the deletion that took it happened, for what goes with another
         -- id's deletion (NULL: its own newest delete entry says).
         CREATE TEMP TABLE m_dead (entity TEXT NOT NULL, entity_id TEXT NOT NULL, since TEXT,
                                   PRIMARY KEY (entity_id, entity));
         INSERT INTO temp.m_dead (entity, entity_id)
           SELECT t.entity, t.entity_id FROM (
               SELECT entity, entity_id FROM temp.m_new_changes WHERE action = 'delete'
               UNION SELECT entity, entity_id FROM temp.m_own_changes WHERE action = 'delete') t
           WHERE (SELECT c.action FROM main.changes c
                  WHERE c.entity_id = t.entity_id AND c.entity = t.entity AND c.action IN ('create', 'delete')
                  ORDER BY c.at DESC, c.action = 'create', c.id DESC LIMIT 1) = 'delete';
         -- Claims folded into an identical suggestion by an earlier merge stay away.
         INSERT OR IGNORE INTO temp.m_dead (entity, entity_id)
           SELECT entity, entity_id FROM temp.m_new_changes WHERE action = 'fold'
           UNION SELECT entity, entity_id FROM temp.m_own_changes WHERE action = 'fold';
         -- The same text is one article: deleting it also deletes the other copy's id of
         -- the same text, unless that one was imported after the deletion. An undone
         -- import is no such deletion: it takes back one's own import, and says nothing
         -- of a colleague's (which removing lost, with their work).
         INSERT OR IGNORE INTO temp.m_dead (entity, entity_id, since)
           SELECT 'article', x.id, k.deleted_at
           FROM (SELECT d.entity_id AS dead_id,
                        (SELECT json_extract(c.new_value, '$.content_hash') FROM main.changes c
                         WHERE c.entity_id = d.entity_id AND c.entity = 'article' AND c.action = 'create'
                         ORDER BY c.at DESC, c.id DESC LIMIT 1) AS hash,
                        (SELECT max(c.at) FROM main.changes c
                         WHERE c.entity_id = d.entity_id AND c.entity = 'article' AND c.action = 'delete'
                           AND c.batch NOT IN (SELECT batch FROM temp.m_undos)) AS deleted_at
                 FROM temp.m_dead d WHERE d.entity = 'article') k
           JOIN (SELECT id, content_hash FROM main.articles UNION SELECT id, content_hash FROM incoming.articles) x
             ON x.content_hash = k.hash AND x.id <> k.dead_id
           WHERE k.deleted_at IS NOT NULL AND NOT EXISTS (SELECT 1 FROM main.changes c WHERE c.entity_id = x.id AND c.entity = 'article'
                             AND c.action = 'create' AND c.at > k.deleted_at);
         -- A source deleted in one copy stays when a link to it survives: the deleting
         -- side never saw that link (it could only delete an unlinked source).
         DELETE FROM temp.m_dead WHERE entity = 'source' AND (
           EXISTS (SELECT 1 FROM main.claim_sources l WHERE l.source_id = m_dead.entity_id {LINK_ALIVE})
           OR EXISTS (SELECT 1 FROM incoming.claim_sources l WHERE l.source_id = m_dead.entity_id {LINK_ALIVE}));
         -- A claim deleted in one copy stays when the other copy worked on it after the
         -- deletion (a verdict, note, sign-off, source link or edit): the deleting side
         -- never saw that work, and deleting it would lose it. An edit its author took
         -- back with undo is no such work (it brought a deleted claim back).
         DELETE FROM temp.m_dead WHERE entity = 'claim' AND EXISTS (
           SELECT 1 FROM (SELECT max(c.at) AS at FROM main.changes c
                          WHERE c.entity_id = m_dead.entity_id AND c.entity = 'claim' AND c.action = 'delete') d
           WHERE EXISTS (SELECT 1 FROM main.verdicts x WHERE x.claim_id = m_dead.entity_id AND x.created_at > d.at)
              OR EXISTS (SELECT 1 FROM incoming.verdicts x WHERE x.claim_id = m_dead.entity_id AND x.created_at > d.at)
              OR EXISTS (SELECT 1 FROM main.notes x WHERE x.claim_id = m_dead.entity_id AND x.created_at > d.at)
              OR EXISTS (SELECT 1 FROM incoming.notes x WHERE x.claim_id = m_dead.entity_id AND x.created_at > d.at)
              OR EXISTS (SELECT 1 FROM main.signoffs x WHERE x.claim_id = m_dead.entity_id AND x.created_at > d.at)
              OR EXISTS (SELECT 1 FROM incoming.signoffs x WHERE x.claim_id = m_dead.entity_id AND x.created_at > d.at)
              OR EXISTS (SELECT 1 FROM main.claim_sources x WHERE x.claim_id = m_dead.entity_id AND x.created_at > d.at)
              OR EXISTS (SELECT 1 FROM incoming.claim_sources x WHERE x.claim_id = m_dead.entity_id AND x.created_at > d.at)
              OR EXISTS (SELECT 1 FROM main.changes u WHERE u.entity_id = m_dead.entity_id AND u.entity = 'claim'
                         AND u.action = 'update' AND u.at > d.at
                         AND u.batch NOT IN (SELECT batch FROM temp.m_undo)));
         -- The same for an article: claims or notes added to it, or work on its claims,
         -- after it was deleted (or after the same text under the other id was).
         DELETE FROM temp.m_dead WHERE entity = 'article' AND EXISTS (
           SELECT 1 FROM (SELECT coalesce(max(c.at), m_dead.since) AS at FROM main.changes c
                          WHERE c.entity_id = m_dead.entity_id AND c.entity = 'article' AND c.action = 'delete') d
           WHERE EXISTS (SELECT 1 FROM (SELECT id, created_at FROM main.claims WHERE article_id = m_dead.entity_id
                                        UNION ALL SELECT id, created_at FROM incoming.claims WHERE article_id = m_dead.entity_id) k
                         WHERE k.created_at > d.at
                            OR EXISTS (SELECT 1 FROM main.verdicts x WHERE x.claim_id = k.id AND x.created_at > d.at)
                            OR EXISTS (SELECT 1 FROM incoming.verdicts x WHERE x.claim_id = k.id AND x.created_at > d.at)
                            OR EXISTS (SELECT 1 FROM main.claim_sources x WHERE x.claim_id = k.id AND x.created_at > d.at)
                            OR EXISTS (SELECT 1 FROM incoming.claim_sources x WHERE x.claim_id = k.id AND x.created_at > d.at)
                            OR EXISTS (SELECT 1 FROM main.changes u WHERE u.entity_id = k.id AND u.entity = 'claim'
                                       AND u.action = 'update' AND u.at > d.at
                         AND u.batch NOT IN (SELECT batch FROM temp.m_undo)))
              OR EXISTS (SELECT 1 FROM main.notes x WHERE x.article_id = m_dead.entity_id AND x.created_at > d.at)
              OR EXISTS (SELECT 1 FROM incoming.notes x WHERE x.article_id = m_dead.entity_id AND x.created_at > d.at));
         -- Older rows to reindex at the end (new rows are found by rowid: fts.rs).
         CREATE TEMP TABLE m_touch (kind TEXT NOT NULL, id TEXT NOT NULL, PRIMARY KEY (id, kind));"
    ))?;
    report.changes_added = count(conn, "SELECT count(*) FROM temp.m_new_changes")?;
    // Their index entries are found by their rows' rowids: take them out first.
    // Claims the other copy folded into the same suggestion under another id are not
    // "deleted": the report counts them as unified.
    let folded = count(
        conn,
        "SELECT count(*) FROM main.claims WHERE id IN
           (SELECT entity_id FROM temp.m_dead WHERE entity = 'claim')
         AND id IN (SELECT entity_id FROM temp.m_new_changes WHERE action = 'fold'
                    UNION SELECT entity_id FROM temp.m_own_changes WHERE action = 'fold')",
    )?;
    // Every claim that goes, its own deletion's or with its article's (by cascade,
    // which the per-table counts below do not see).
    conn.execute_batch(
        "CREATE TEMP TABLE m_gone_claims AS
           SELECT entity_id AS id FROM temp.m_dead WHERE entity = 'claim' AND entity_id IN (SELECT id FROM main.claims)
           UNION SELECT c.id FROM main.claims c WHERE c.article_id IN (SELECT entity_id FROM temp.m_dead WHERE entity = 'article');",
    )?;
    let gone_claims = count(conn, "SELECT count(*) FROM temp.m_gone_claims")?;
    // What goes with them (a reviewer's verdicts, links and notes on a claim the other
    // copy deleted) is counted too, for the report says what left this database; and
    // the creations of all that goes are logged first (`creations`).
    for (entity, table) in ENTITIES {
        let Some(with) = going_with_the_dead(entity) else {
            continue;
        };
        let dead = format!("SELECT entity_id FROM temp.m_dead WHERE entity = '{entity}'");
        if *entity != "claim" {
            report.removed.add(
                entity,
                count(
                    conn,
                    &format!("SELECT count(*) FROM main.{table} WHERE id IN ({with}) AND id NOT IN ({dead})"),
                )?,
            );
        }
        if let Some(kind) = crate::store::creations::implicit(entity) {
            kind.write(conn, "main", &format!("x.id IN ({dead} UNION {with})"), [])?;
        }
    }
    super::fts::unindex_dead(conn)?;
    for (entity, table) in ENTITIES {
        let n = conn.execute(
            &format!("DELETE FROM main.{table} WHERE id IN (SELECT entity_id FROM temp.m_dead WHERE entity = '{entity}')"),
            [],
        )? as i64;
        report.removed.add(entity, n);
    }
    report.removed.claims = gone_claims - folded;
    report.unified.claims += folded;
    super::fts::note_new_rows(conn)
}

/// The ids of the rows of `entity` here that go with the deleted claims (their own or
/// their article's, `temp.m_gone_claims`), articles and sources, by cascade.
fn going_with_the_dead(entity: &str) -> Option<&'static str> {
    Some(match entity {
        "claim" => "SELECT id FROM temp.m_gone_claims",
        "link" => {
            "SELECT id FROM main.claim_sources WHERE claim_id IN (SELECT id FROM temp.m_gone_claims)
             UNION SELECT id FROM main.claim_sources
               WHERE source_id IN (SELECT entity_id FROM temp.m_dead WHERE entity = 'source')"
        }
        "verdict" => {
            "SELECT id FROM main.verdicts WHERE claim_id IN (SELECT id FROM temp.m_gone_claims)"
        }
        "note" => {
            "SELECT id FROM main.notes WHERE claim_id IN (SELECT id FROM temp.m_gone_claims)
             UNION SELECT id FROM main.notes
               WHERE article_id IN (SELECT entity_id FROM temp.m_dead WHERE entity = 'article')"
        }
        "signoff" => {
            "SELECT id FROM main.signoffs WHERE claim_id IN (SELECT id FROM temp.m_gone_claims)
             UNION SELECT id FROM main.signoffs
               WHERE verdict_id IN (SELECT entity_id FROM temp.m_dead WHERE entity = 'verdict')"
        }
        "source" => "SELECT entity_id FROM temp.m_dead WHERE entity = 'source'",
        _ => return None,
    })
}

/// Ratings and reviewers: a union by name; where both copies have a name with different
/// rows, the row with the smaller id is kept (the same whichever way the merge goes).
pub(super) fn union_by_name(conn: &Connection, report: &mut MergeReport) -> rusqlite::Result<()> {
    conn.execute_batch(
        "CREATE TEMP TABLE m_ratings_before AS SELECT * FROM main.ratings;
         CREATE TEMP TABLE m_add_ratings AS SELECT name FROM incoming.ratings i
           WHERE NOT EXISTS (SELECT 1 FROM main.ratings m WHERE m.name = i.name);",
    )?;
    // What changed is counted at the end (`settle_scale`), once the scale is settled.
    conn.execute(
        "UPDATE main.ratings AS m SET id = i.id, position = i.position, description = i.description,
             rating_value = i.rating_value, colour = i.colour, symbol = i.symbol, created_at = i.created_at
         FROM incoming.ratings i WHERE i.name = m.name AND (i.id < m.id OR (i.id = m.id
           AND (i.position, i.description, coalesce(i.rating_value, -1000), i.colour, i.symbol)
             > (m.position, m.description, coalesce(m.rating_value, -1000), m.colour, m.symbol)))",
        [],
    )?;
    report.added.ratings += conn.execute(
        "INSERT INTO main.ratings (name, id, position, description, rating_value, colour, symbol, created_at)
         SELECT name, id, position, description, rating_value, colour, symbol, created_at FROM incoming.ratings i
         WHERE NOT EXISTS (SELECT 1 FROM main.ratings m WHERE m.name = i.name)",
        [],
    )? as i64;
    conn.execute(
        "UPDATE main.reviewers AS m SET id = i.id, created_at = i.created_at
         FROM incoming.reviewers i WHERE i.name = m.name AND i.id < m.id",
        [],
    )?;
    conn.execute(
        "INSERT OR IGNORE INTO main.reviewers (id, name, created_at) SELECT id, name, created_at FROM incoming.reviewers i
         WHERE NOT EXISTS (SELECT 1 FROM main.reviewers m WHERE m.name = i.name)",
        [],
    )?;
    Ok(())
}

/// Articles: by id, and by content hash when two reviewers imported the same text on
/// their own. Such a pair becomes one article under the smaller id, with that row's
/// metadata; the other id's claims and notes move to it.
pub(super) fn articles(conn: &Connection, report: &mut MergeReport) -> rusqlite::Result<()> {
    conn.execute_batch(
        "CREATE TEMP TABLE m_same_text AS
           SELECT i.id AS incoming_id, m.id AS local_id FROM incoming.articles i
           JOIN main.articles m ON m.content_hash = i.content_hash AND m.id <> i.id
           WHERE NOT EXISTS (SELECT 1 FROM temp.m_dead d WHERE d.entity_id = i.id AND d.entity = 'article');
         CREATE TEMP TABLE m_article_map (incoming_id TEXT PRIMARY KEY, local_id TEXT NOT NULL);
         INSERT INTO temp.m_article_map SELECT incoming_id, local_id FROM temp.m_same_text WHERE local_id < incoming_id;
         CREATE TEMP TABLE m_rename AS SELECT local_id AS old_id, incoming_id AS new_id FROM temp.m_same_text WHERE incoming_id < local_id;
         UPDATE main.claims SET article_id = r.new_id FROM temp.m_rename r WHERE claims.article_id = r.old_id;
         UPDATE main.notes SET article_id = r.new_id FROM temp.m_rename r WHERE notes.article_id = r.old_id;
         UPDATE main.articles AS a SET id = i.id, title = i.title, url = i.url, outlet = i.outlet, author = i.author,
             published = i.published, format = i.format, imported_at = i.imported_at, imported_by = i.imported_by,
             updated_at = i.updated_at
           FROM temp.m_rename r JOIN incoming.articles i ON i.id = r.new_id WHERE a.id = r.old_id;
         INSERT OR IGNORE INTO temp.m_touch (kind, id) SELECT 'article', new_id FROM temp.m_rename;
         CREATE TEMP TABLE m_add_articles AS
           SELECT i.id FROM incoming.articles i
           WHERE NOT EXISTS (SELECT 1 FROM main.articles m WHERE m.id = i.id)
             AND NOT EXISTS (SELECT 1 FROM main.articles m WHERE m.content_hash = i.content_hash)
             AND NOT EXISTS (SELECT 1 FROM temp.m_dead d WHERE d.entity_id = i.id AND d.entity = 'article');",
    )?;
    // Counted once: when the smaller id replaces ours, or when the other copy's article
    // arrives for the first time (its create entry is new here).
    report.unified.articles = count(
        conn,
        "SELECT count(*) FROM temp.m_same_text s WHERE s.incoming_id < s.local_id OR s.incoming_id IN
           (SELECT entity_id FROM temp.m_new_changes WHERE entity = 'article' AND action = 'create')",
    )?;
    report.added.articles = conn.execute(
        "INSERT INTO main.articles (id, title, url, outlet, author, published, body, content_hash, format,
                                    imported_at, imported_by, updated_at)
         SELECT i.id, i.title, i.url, i.outlet, i.author, i.published, i.body, i.content_hash, i.format,
                i.imported_at, i.imported_by, i.updated_at
         FROM incoming.articles i JOIN temp.m_add_articles n ON n.id = i.id",
        [],
    )? as i64;
    Ok(())
}

/// Sources: new ones are added; one in both copies takes the newer row. Sources with
/// the same URL but different ids stay separate (links point at ids).
pub(super) fn sources(conn: &Connection, report: &mut MergeReport) -> rusqlite::Result<()> {
    conn.execute_batch(
        "CREATE TEMP TABLE m_newer_sources AS
           SELECT i.id FROM incoming.sources i JOIN main.sources m ON m.id = i.id
           WHERE i.updated_at > m.updated_at OR (i.updated_at = m.updated_at AND i.id = m.id
             AND (i.title, coalesce(i.url, ''), coalesce(i.notes, '')) > (m.title, coalesce(m.url, ''), coalesce(m.notes, '')));
         UPDATE main.sources AS m SET url = i.url, title = i.title, publisher = i.publisher, published = i.published,
             accessed = i.accessed, notes = i.notes, updated_at = i.updated_at
           FROM incoming.sources i JOIN temp.m_newer_sources n ON n.id = i.id WHERE m.id = i.id;
         CREATE TEMP TABLE m_add_sources AS
           SELECT i.id FROM incoming.sources i
           WHERE NOT EXISTS (SELECT 1 FROM main.sources m WHERE m.id = i.id)
             AND NOT EXISTS (SELECT 1 FROM temp.m_dead d WHERE d.entity_id = i.id AND d.entity = 'source');
         INSERT INTO main.sources (id, url, title, publisher, published, accessed, notes, created_at, created_by, updated_at)
           SELECT i.id, i.url, i.title, i.publisher, i.published, i.accessed, i.notes, i.created_at, i.created_by, i.updated_at
           FROM incoming.sources i JOIN temp.m_add_sources n ON n.id = i.id;
         INSERT OR IGNORE INTO temp.m_touch (kind, id) SELECT 'source', id FROM temp.m_newer_sources;",
    )?;
    report.added.sources = count(conn, "SELECT count(*) FROM temp.m_add_sources")?;
    report.updated.sources = count(conn, "SELECT count(*) FROM temp.m_newer_sources")?;
    Ok(())
}

/// Claims: new ones are added (under the unified article id); a claim in both copies
/// gets, field by field, the value of the newest edit in the union of the logs.
pub(super) fn claims(conn: &Connection, report: &mut MergeReport) -> rusqlite::Result<()> {
    conn.execute_batch(&format!(
        "-- Which of the other copy's claims this one has (one pass over them).
         CREATE TEMP TABLE m_incoming_claims AS
           SELECT i.id, i.article_id, EXISTS (SELECT 1 FROM main.claims m WHERE m.id = i.id) AS here
           FROM incoming.claims i;
         CREATE TEMP TABLE m_add_claims AS
           SELECT i.id, coalesce(map.local_id, i.article_id) AS article_id FROM temp.m_incoming_claims i
           LEFT JOIN temp.m_article_map map ON map.incoming_id = i.article_id
           WHERE NOT i.here
             AND NOT EXISTS (SELECT 1 FROM temp.m_dead d WHERE d.entity_id = i.id AND d.entity = 'claim')
             AND EXISTS (SELECT 1 FROM main.articles a WHERE a.id = coalesce(map.local_id, i.article_id));
         INSERT INTO main.claims (id, article_id, start_offset, end_offset, quote, label, claimant, kind, score, reasons,
                                  status, created_at, created_by, updated_at, updated_by)
           SELECT i.id, n.article_id, i.start_offset, i.end_offset, i.quote, i.label, i.claimant, i.kind, i.score, i.reasons,
                  i.status, i.created_at, i.created_by, i.updated_at, i.updated_by
           FROM incoming.claims i JOIN temp.m_add_claims n ON n.id = i.id;
         -- Claims both copies had: the newer update time.
         UPDATE main.claims AS c SET updated_at = i.updated_at, updated_by = i.updated_by
           FROM temp.m_incoming_claims k JOIN incoming.claims i ON i.id = k.id
           WHERE k.here AND i.id = c.id
             AND (i.updated_at > c.updated_at OR (i.updated_at = c.updated_at AND i.updated_by > c.updated_by));
         -- The fields to decide: those the other copy's new entries edit. A field only
         -- this copy edited has the value of its newest edit that stands already,
         -- unless the other copy undid one of those edits, or the claim comes back here
         -- (deleted here, worked on there: this copy's edits of it count again).
         CREATE TEMP TABLE m_fields AS
           SELECT entity_id AS claim_id, field FROM temp.m_new_changes WHERE entity = 'claim' AND action = 'update' AND field IS NOT NULL
           UNION SELECT entity_id, field FROM temp.m_own_changes WHERE entity = 'claim' AND action = 'update' AND field IS NOT NULL
             AND (EXISTS (SELECT 1 FROM temp.m_new_changes WHERE action = 'undo')
                  OR entity_id IN (SELECT id FROM temp.m_add_claims));
         -- Each field's value: that of its newest edit that stands; when every edit of
         -- it was undone, the value before the first.
         -- Keyed, so the joins below are driven from it, never from the claims.
         CREATE TEMP TABLE m_winners (claim_id TEXT NOT NULL, field TEXT NOT NULL, value TEXT,
                                      PRIMARY KEY (claim_id, field));
         INSERT INTO temp.m_winners (claim_id, field, value)
           SELECT f.claim_id, f.field,
                  coalesce((SELECT c.new_value FROM main.changes c INDEXED BY changes_by_entity
                            WHERE c.entity_id = f.claim_id AND c.entity = 'claim' AND c.action = 'update'
                              AND c.field = f.field AND {LIVE}
                            ORDER BY c.at DESC, c.id DESC LIMIT 1),
                           (SELECT c.old_value FROM main.changes c INDEXED BY changes_by_entity
                            WHERE c.entity_id = f.claim_id AND c.entity = 'claim' AND c.action = 'update'
                              AND c.field = f.field
                            ORDER BY c.at, c.id LIMIT 1)) AS value
           FROM temp.m_fields f WHERE EXISTS (SELECT 1 FROM main.claims m WHERE m.id = f.claim_id)
             -- A claim new here came with the other copy's current values: nothing to
             -- decide, unless this copy edited it before deleting it (it is back because
             -- the other copy worked on it since): then its edits count too.
             AND (f.claim_id NOT IN (SELECT id FROM temp.m_add_claims)
                  OR EXISTS (SELECT 1 FROM temp.m_own_changes o WHERE o.entity_id = f.claim_id
                             AND o.entity = 'claim' AND o.action = 'update'));"
    ))?;

    report.added.claims = count(conn, "SELECT count(*) FROM temp.m_add_claims")?;
    // The claims whose text changes: only they need new index entries.
    conn.execute(
        "CREATE TEMP TABLE m_changed_claims AS
         SELECT DISTINCT c.id FROM temp.m_winners w JOIN main.claims c ON c.id = w.claim_id
         WHERE CASE w.field
           WHEN 'label' THEN c.label IS NOT json_extract(w.value, '$')
           WHEN 'claimant' THEN c.claimant IS NOT json_extract(w.value, '$')
           WHEN 'kind' THEN c.kind IS NOT json_extract(w.value, '$')
           WHEN 'status' THEN c.status IS NOT json_extract(w.value, '$')
           WHEN 'span' THEN (c.start_offset, c.end_offset, c.quote) IS NOT
             (json_extract(w.value, '$.start'), json_extract(w.value, '$.end'), json_extract(w.value, '$.quote'))
           ELSE 0 END",
        [],
    )?;
    report.updated.claims = count(conn, "SELECT count(*) FROM temp.m_changed_claims")?;
    conn.execute(
        "INSERT OR IGNORE INTO temp.m_touch (kind, id) SELECT 'claim', id FROM temp.m_changed_claims",
        [],
    )?;
    for column in ["label", "claimant", "kind", "status"] {
        conn.execute(
            &format!(
                "UPDATE main.claims AS c SET {column} = json_extract(w.value, '$')
                 FROM temp.m_winners w
                 WHERE c.id = w.claim_id AND w.field = '{column}' AND c.{column} IS NOT json_extract(w.value, '$')"
            ),
            [],
        )?;
    }
    conn.execute(
        "UPDATE main.claims AS c SET start_offset = json_extract(w.value, '$.start'),
             end_offset = json_extract(w.value, '$.end'), quote = json_extract(w.value, '$.quote')
         FROM temp.m_winners w
         WHERE c.id = w.claim_id AND w.field = 'span'
           AND (c.start_offset, c.end_offset, c.quote) IS NOT
               (json_extract(w.value, '$.start'), json_extract(w.value, '$.end'), json_extract(w.value, '$.quote'))",
        [],
    )?;
    Ok(())
}

/// Links: by id; a claim-source pair linked in both copies under different ids becomes
/// one link under the smaller id. Stance, excerpt and note come from the newest create
/// or update of the link(s) in the union of the logs.
pub(super) fn links(conn: &Connection, report: &mut MergeReport) -> rusqlite::Result<()> {
    conn.execute_batch(
        "CREATE TEMP TABLE m_new_links AS
           SELECT i.id, i.claim_id, i.source_id FROM incoming.claim_sources i
           WHERE NOT EXISTS (SELECT 1 FROM main.claim_sources m WHERE m.id = i.id)
             AND NOT EXISTS (SELECT 1 FROM temp.m_dead d WHERE d.entity_id = i.id AND d.entity = 'link')
             AND EXISTS (SELECT 1 FROM main.claims c WHERE c.id = i.claim_id)
             AND EXISTS (SELECT 1 FROM main.sources s WHERE s.id = i.source_id);
         CREATE TEMP TABLE m_same_pair AS
           SELECT n.id AS incoming_id, m.id AS local_id FROM temp.m_new_links n
           JOIN main.claim_sources m ON m.claim_id = n.claim_id AND m.source_id = n.source_id;"
    )?;
    // One id of each pair goes, and the one that stays may take the other's values:
    // both creations go to the log first, with their own values (`creations`).
    LINK.write(
        conn,
        "main",
        "x.id IN (SELECT local_id FROM temp.m_same_pair)",
        [],
    )?;
    LINK.write(
        conn,
        "incoming",
        "x.id IN (SELECT incoming_id FROM temp.m_same_pair)",
        [],
    )?;
    conn.execute_batch(
        "UPDATE main.claim_sources AS l SET id = i.id, created_at = i.created_at, created_by = i.created_by
           FROM temp.m_same_pair p JOIN incoming.claim_sources i ON i.id = p.incoming_id
           WHERE l.id = p.local_id AND p.incoming_id < p.local_id;
         INSERT INTO main.claim_sources (id, claim_id, source_id, stance, excerpt, note, created_at, created_by)
           SELECT i.id, i.claim_id, i.source_id, i.stance, i.excerpt, i.note, i.created_at, i.created_by
           FROM incoming.claim_sources i JOIN temp.m_new_links n ON n.id = i.id
           WHERE n.id NOT IN (SELECT incoming_id FROM temp.m_same_pair);
         CREATE TEMP TABLE m_link_fix AS
           SELECT min(incoming_id, local_id) AS id, max(incoming_id, local_id) AS other FROM temp.m_same_pair
           UNION SELECT entity_id, entity_id FROM temp.m_new_changes WHERE entity = 'link' AND action = 'update'
           UNION SELECT entity_id, entity_id FROM temp.m_own_changes WHERE entity = 'link' AND action = 'update'
           -- A pair linked under another id that a third copy already unified away:
           -- only its log entries come (its row is gone), and they may be the newest.
           UNION SELECT m.id, n.entity_id FROM temp.m_new_changes n
             JOIN main.changes c ON c.id = n.id
             JOIN main.claim_sources m ON m.claim_id = json_extract(c.new_value, '$.claim_id')
               AND m.source_id = json_extract(c.new_value, '$.source_id') AND m.id <> n.entity_id
             WHERE n.entity = 'link' AND n.action = 'create'
               AND n.entity_id NOT IN (SELECT id FROM main.claim_sources)
           -- The same from this copy's own log, for symmetry: a pair this copy linked
           -- under an id whose row is gone here (its article deleted, say) while the
           -- other copy's link of it comes in. Read only when links come in.
           UNION SELECT m.id, c.entity_id FROM main.changes c
             JOIN main.claim_sources m ON m.claim_id = json_extract(c.new_value, '$.claim_id')
               AND m.source_id = json_extract(c.new_value, '$.source_id') AND m.id <> c.entity_id
             WHERE EXISTS (SELECT 1 FROM temp.m_new_links)
               AND c.rowid <= (SELECT r FROM temp.m_log_end)
               AND c.entity = 'link' AND c.action = 'create'
               AND c.entity_id NOT IN (SELECT id FROM main.claim_sources);"
    )?;
    // One value per link (`v`), from the newest entry of any id it was known by, the
    // creations its rows stand for among them; `w`: whose entry that is.
    const IDS: &str = "SELECT other FROM temp.m_link_fix g WHERE g.id = f.id UNION SELECT f.id";
    let newest = |column: &str| {
        format!(
            "(SELECT {column} FROM (
                SELECT c.new_value, c.entity_id, c.at, c.id, c.action FROM main.changes c INDEXED BY changes_by_entity
                WHERE c.entity_id IN ({IDS})
                  AND c.entity = 'link' AND (c.action = 'create' OR (c.action = 'update' AND {LIVE}))
                UNION ALL SELECT new_value, entity_id, at, id, action FROM ({}))
              ORDER BY at DESC, action = 'create', id DESC LIMIT 1)",
            LINK.entries_sql("main.claim_sources", &format!("x.id IN ({IDS})"))
        )
    };
    conn.execute_batch(&format!(
        "CREATE TEMP TABLE m_link_values AS
           SELECT f.id, {} AS v, {} AS w
           FROM (SELECT DISTINCT id FROM temp.m_link_fix) f
           WHERE EXISTS (SELECT 1 FROM main.claim_sources l WHERE l.id = f.id);",
        newest("new_value"),
        newest("entity_id"),
    ))?;
    // A link that takes another id's values: its own creation goes to the log first
    // (whether its values here change or not, so both merge orders log it).
    LINK.write(
        conn,
        "main",
        "x.id IN (SELECT f.id FROM temp.m_link_values f WHERE f.w <> f.id)",
        [],
    )?;
    // Counted once: when the smaller id replaces ours, or when this copy never knew
    // the other's link (no row here, nor its creation in this copy's log).
    report.unified.links = count(
        conn,
        "SELECT count(*) FROM temp.m_same_pair p WHERE p.incoming_id < p.local_id OR NOT EXISTS
           (SELECT 1 FROM main.changes c WHERE c.entity_id = p.incoming_id AND c.entity = 'link'
              AND c.action = 'create' AND c.rowid <= (SELECT r FROM temp.m_log_end))",
    )?;
    report.added.links = count(
        conn,
        "SELECT count(*) FROM temp.m_new_links WHERE id NOT IN (SELECT incoming_id FROM temp.m_same_pair)",
    )?;
    report.link_conflicts = link_conflicts(conn)?;
    report.updated.links = conn.execute(
        &format!(
            "UPDATE main.claim_sources AS l SET stance = json_extract(f.v, '$.stance'),
             excerpt = json_extract(f.v, '$.excerpt'), note = json_extract(f.v, '$.note')
         FROM temp.m_link_values f
         WHERE l.id = f.id AND {LINK_VALUES_DIFFER}"
        ),
        [],
    )? as i64;
    conn.execute_batch(
        "INSERT OR IGNORE INTO temp.m_touch (kind, id) SELECT 'link', id FROM temp.m_link_values;",
    )?;
    Ok(())
}

/// The links both copies made (two ids of one claim-source pair) or edited (one id),
/// whose values differ: which side's values the merge keeps (`temp.m_link_values`),
/// and the other side's. Read before the kept values are written.
fn link_conflicts(conn: &Connection) -> rusqlite::Result<Vec<super::LinkConflict>> {
    // `column` of the newest entry of link `id` in one side's entries (`temp.{side}`).
    let who = |side: &str, id: &str, column: &str| {
        format!(
            "(SELECT {column} FROM main.changes c WHERE c.id IN (SELECT s.id FROM temp.{side} s
               WHERE s.entity_id = {id} AND s.entity = 'link' AND s.action IN ('create', 'update'))
               AND {LIVE} ORDER BY c.at DESC, c.id DESC LIMIT 1)"
        )
    };
    let sql = format!(
        "SELECT p.local_id, l.claim_id, l.source_id, l.stance, l.excerpt, l.note,
                coalesce({}, (SELECT c.reviewer FROM main.changes c WHERE c.entity_id = p.local_id
                              AND c.entity = 'link' AND c.action = 'create')),
                coalesce({}, (SELECT c.at FROM main.changes c WHERE c.entity_id = p.local_id
                              AND c.entity = 'link' AND c.action = 'create')),
                i.stance, i.excerpt, i.note, coalesce({}, i.created_by), coalesce({}, i.created_at),
                v.v, p.incoming_id
         FROM (SELECT min(incoming_id, local_id) AS kept, local_id, incoming_id FROM temp.m_same_pair
               UNION SELECT id, id, id FROM (
                 SELECT entity_id AS id FROM temp.m_own_changes WHERE entity = 'link' AND action = 'update'
                 INTERSECT SELECT entity_id FROM temp.m_new_changes WHERE entity = 'link' AND action = 'update')) p
         -- CROSS: driven from the (few) pairs, never from a scan of the links.
         CROSS JOIN main.claim_sources l ON l.id = p.kept
         CROSS JOIN incoming.claim_sources i ON i.id = p.incoming_id
         CROSS JOIN temp.m_link_values v ON v.id = p.kept
         WHERE (l.stance, l.excerpt, l.note) IS NOT (i.stance, i.excerpt, i.note)
         ORDER BY l.claim_id, l.source_id",
        who("m_own_changes", "p.local_id", "c.reviewer"),
        who("m_own_changes", "p.local_id", "c.at"),
        who("m_new_changes", "p.incoming_id", "c.reviewer"),
        who("m_new_changes", "p.incoming_id", "c.at"),
    );
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map([], |r| {
        let values = |at: usize| -> rusqlite::Result<serde_json::Value> {
            Ok(serde_json::json!({
                "stance": r.get::<_, Option<String>>(at)?,
                "excerpt": r.get::<_, Option<String>>(at + 1)?,
                "note": r.get::<_, Option<String>>(at + 2)?,
            }))
        };
        let side = |at: usize, id: String| -> rusqlite::Result<super::LinkSide> {
            Ok(super::LinkSide {
                link_id: id,
                value: values(at)?,
                reviewer: r.get::<_, Option<String>>(at + 3)?.unwrap_or_default(),
                at: r.get::<_, Option<String>>(at + 4)?.unwrap_or_default(),
            })
        };
        let kept: Option<String> = r.get(13)?;
        Ok((
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            side(3, r.get(0)?)?,
            side(8, r.get(14)?)?,
            kept.and_then(|v| serde_json::from_str::<serde_json::Value>(&v).ok()),
        ))
    })?;
    let mut conflicts = Vec::new();
    for row in rows {
        let (claim_id, source_id, here, there, kept) = row?;
        let shown =
            |v: &serde_json::Value| (v["stance"].clone(), v["excerpt"].clone(), v["note"].clone());
        // The side whose values the link keeps; the values of neither (a third id's
        // newer entry): nothing of these two is kept, both are in the log.
        let (kept, lost) = match kept.as_ref().map(shown) {
            Some(k) if k == shown(&here.value) => (here, there),
            Some(k) if k == shown(&there.value) => (there, here),
            None => (here, there),
            _ => continue,
        };
        conflicts.push(super::LinkConflict {
            claim: crate::model::short_id(&claim_id).to_string(),
            source: crate::model::short_id(&source_id).to_string(),
            claim_id,
            source_id,
            kept,
            lost,
        });
    }
    Ok(conflicts)
}

/// Link `l` does not have the values `f.v` of `temp.m_link_values`.
const LINK_VALUES_DIFFER: &str = "f.v IS NOT NULL AND (l.stance, l.excerpt, l.note)
    IS NOT (json_extract(f.v, '$.stance'), json_extract(f.v, '$.excerpt'), json_extract(f.v, '$.note'))";

/// Verdicts, sign-offs and notes are append-only: a union by id, for those whose claim
/// (and article) made it into the merged database.
pub(super) fn append_only(conn: &Connection, report: &mut MergeReport) -> rusqlite::Result<()> {
    const ARTICLE: &str = "coalesce((SELECT local_id FROM temp.m_article_map WHERE incoming_id = i.article_id), i.article_id)";
    let tables: [(&str, &str, &str, String, String); 3] = [
        (
            "verdict",
            "verdicts",
            "id, claim_id, rating, rationale, reviewer, created_at",
            "i.id, i.claim_id, i.rating, i.rationale, i.reviewer, i.created_at".into(),
            "EXISTS (SELECT 1 FROM main.claims c WHERE c.id = i.claim_id)
             AND EXISTS (SELECT 1 FROM main.ratings r WHERE r.name = i.rating)"
                .into(),
        ),
        (
            "signoff",
            "signoffs",
            "id, claim_id, verdict_id, editor, created_at",
            "i.id, i.claim_id, i.verdict_id, i.editor, i.created_at".into(),
            "EXISTS (SELECT 1 FROM main.verdicts v WHERE v.id = i.verdict_id AND v.claim_id = i.claim_id)".into(),
        ),
        (
            "note",
            "notes",
            "id, article_id, claim_id, body, reviewer, created_at",
            format!("i.id, {ARTICLE}, i.claim_id, i.body, i.reviewer, i.created_at"),
            format!(
                "EXISTS (SELECT 1 FROM main.articles a WHERE a.id = {ARTICLE})
                 AND (i.claim_id IS NULL OR EXISTS (SELECT 1 FROM main.claims c WHERE c.id = i.claim_id))"
            ),
        ),
    ];
    for (entity, table, columns, values, parents) in tables {
        conn.execute_batch(&format!(
            "CREATE TEMP TABLE m_add_{table} AS
               SELECT i.id FROM incoming.{table} i
               WHERE NOT EXISTS (SELECT 1 FROM main.{table} m WHERE m.id = i.id)
                 AND NOT EXISTS (SELECT 1 FROM temp.m_dead d WHERE d.entity_id = i.id AND d.entity = '{entity}')
                 AND {parents};
             INSERT INTO main.{table} ({columns})
               SELECT {values} FROM incoming.{table} i JOIN temp.m_add_{table} n ON n.id = i.id;"
        ))?;
        report.added.add(
            entity,
            count(conn, &format!("SELECT count(*) FROM temp.m_add_{table}"))?,
        );
    }
    Ok(())
}

/// Ratings removed from the scale in either copy go, unless a verdict of the merged
/// database uses them. Runs after the verdicts are in, so both merge orders agree.
pub(super) fn drop_removed_ratings(
    conn: &Connection,
    report: &mut MergeReport,
    chosen: Option<&ScaleChoice>,
) -> rusqlite::Result<()> {
    // Nor one of the scale the merged ratings follow (`settle_scale`): a copy that
    // switched away from it logged its removal, but the newer choice has it.
    let keep: Vec<&str> = chosen
        .map(|(scale, _)| scale.ratings.iter().map(|r| r.0).collect())
        .unwrap_or_default();
    conn.execute(
        "CREATE TEMP TABLE m_drop_ratings AS
           SELECT d.entity_id AS name FROM temp.m_dead d WHERE d.entity = 'rating'
             AND EXISTS (SELECT 1 FROM main.ratings r WHERE r.name = d.entity_id)
             AND NOT EXISTS (SELECT 1 FROM main.verdicts v WHERE v.rating = d.entity_id)
             AND d.entity_id NOT IN (SELECT value FROM json_each(?1))",
        [serde_json::json!(keep).to_string()],
    )?;
    conn.execute_batch(
        "DELETE FROM main.ratings WHERE name IN (SELECT name FROM temp.m_drop_ratings);",
    )?;
    let just_added = count(
        conn,
        "SELECT count(*) FROM temp.m_drop_ratings WHERE name IN (SELECT name FROM temp.m_add_ratings)",
    )?;
    report.added.ratings -= just_added;
    report.ratings_added = {
        let mut stmt = conn.prepare(
            "SELECT a.name FROM temp.m_add_ratings a JOIN main.ratings r ON r.name = a.name ORDER BY r.position, a.name",
        )?;
        stmt.query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?
    };
    report.removed.ratings += count(conn, "SELECT count(*) FROM temp.m_drop_ratings")? - just_added;
    Ok(())
}

/// One scale for the merged ratings: the newest scale choice (`use_scale`) that stands in
/// either copy's log. Its ratings take its values; the others (a colleague's custom
/// ratings, another scale's that verdicts use) follow, in their order. Picking each
/// shared name's row on its own mixed two scales: `true` at 6 from PolitiFact beside
/// `mostly-true` at 4 from the default scale. Decided from the merged log, so both
/// merge orders agree, and a repeat changes nothing.
pub(super) fn settle_scale(
    conn: &Connection,
    report: &mut MergeReport,
    chosen: Option<&ScaleChoice>,
) -> rusqlite::Result<()> {
    use rusqlite::OptionalExtension;
    if let Some((scale, chosen_at)) = chosen {
        for (i, (name, description, value, colour, symbol)) in scale.ratings.iter().enumerate() {
            // Missing from both copies' rows (each removed it at some point): made again
            // under an id both merge orders derive alike.
            conn.execute(
                "INSERT INTO main.ratings (name, id, position, description, rating_value, colour, symbol, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT(name) DO UPDATE SET
                   position = excluded.position, description = excluded.description,
                   rating_value = excluded.rating_value, colour = excluded.colour, symbol = excluded.symbol",
                rusqlite::params![
                    name,
                    super::derived_id(&format!("rating {} {name}", scale.name)),
                    i as i64 + 1,
                    description,
                    value,
                    colour,
                    symbol,
                    chosen_at
                ],
            )?;
        }
        let names: Vec<&str> = scale.ratings.iter().map(|r| r.0).collect();
        conn.execute(
            "UPDATE main.ratings AS r SET position = n.p
             FROM (SELECT name, ?1 + row_number() OVER (ORDER BY position, name) AS p FROM main.ratings
                   WHERE name NOT IN (SELECT value FROM json_each(?2))) n
             WHERE r.name = n.name AND r.position IS NOT n.p",
            rusqlite::params![names.len() as i64, serde_json::json!(names).to_string()],
        )?;
        // Another preset's rating kept for its verdicts has no place on this scale's
        // true-false line: its value there meant another scale's step (`mostly-true` at
        // the default's 4 was the best of Meta's 1..4, and ClaimReview published it so).
        // Off the line, it is published by name only. (Custom ratings keep theirs.)
        for other in crate::store::SCALES.iter().filter(|s| s.name != scale.name) {
            for (name, description, ..) in other.ratings {
                if !names.contains(name) {
                    conn.execute(
                        "UPDATE main.ratings SET rating_value = NULL
                         WHERE name = ?1 AND description = ?2 AND rating_value IS NOT NULL",
                        [name, description],
                    )?;
                }
            }
        }
        let here: Option<String> = conn
            .query_row("SELECT value FROM main.meta WHERE key = 'scale'", [], |r| {
                r.get(0)
            })
            .optional()?;
        if here.as_deref().unwrap_or("default") != scale.name {
            conn.execute(
                "INSERT INTO main.meta (key, value) VALUES ('scale', ?1)
                 ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                [scale.name],
            )?;
            report.scale = Some(scale.name.to_string());
        }
    }
    // Net: the names this database did not have (the union's, and the scale's own).
    report.added.ratings = count(
        conn,
        "SELECT count(*) FROM main.ratings WHERE name NOT IN (SELECT name FROM temp.m_ratings_before)",
    )?;
    // What a reviewer sees of a rating. A name that only took the other copy's id (two
    // new databases each made the default scale under ids of their own) is not news.
    report.updated.ratings = count(
        conn,
        "SELECT count(*) FROM main.ratings r JOIN temp.m_ratings_before b ON b.name = r.name
         WHERE (r.position, r.description, r.rating_value, r.colour, r.symbol)
           IS NOT (b.position, b.description, b.rating_value, b.colour, b.symbol)",
    )?;
    Ok(())
}

/// A scale choice: the preset and when it was chosen.
pub(super) type ScaleChoice = (&'static crate::store::Scale, String);

/// The newest scale choice (`use_scale`, `init --scale`) that stands in the merged
/// log. Read once, after the logs are united: both rating steps follow it.
pub(super) fn newest_scale(conn: &Connection) -> rusqlite::Result<Option<ScaleChoice>> {
    use rusqlite::OptionalExtension;
    let chosen: Option<(Option<String>, String)> = conn
        .query_row(
            &format!(
                "SELECT json_extract(c.new_value, '$'), c.at FROM main.changes c
                 WHERE c.entity = 'rating' AND c.entity_id = 'scale' AND c.action = 'update' AND {LIVE}
                 ORDER BY c.at DESC, c.id DESC LIMIT 1"
            ),
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    Ok(chosen.and_then(|(name, at)| {
        let name = name?;
        crate::store::SCALES
            .iter()
            .find(|s| s.name == name)
            .map(|s| (s, at))
    }))
}

/// Rows of the other copy that were not brought in because they are deleted here (or
/// hang off something deleted here), per entity.
pub(super) fn skipped(conn: &Connection) -> rusqlite::Result<Counts> {
    let mut skipped = Counts::default();
    for (entity, table) in ENTITIES {
        let unified = match *entity {
            "article" => "AND i.id NOT IN (SELECT incoming_id FROM temp.m_article_map)",
            "link" => "AND i.id NOT IN (SELECT incoming_id FROM temp.m_same_pair)",
            "claim" => "AND i.id NOT IN (SELECT id FROM temp.m_fold)",
            _ => "",
        };
        // Every row of the other copy's was added: none left out (no pass over them).
        let added = match *entity {
            "claim" => "(SELECT count(*) FROM temp.m_add_claims)",
            "link" => "(SELECT count(*) FROM temp.m_new_links)",
            "source" => "(SELECT count(*) FROM temp.m_add_sources)",
            "verdict" => "(SELECT count(*) FROM temp.m_add_verdicts)",
            "signoff" => "(SELECT count(*) FROM temp.m_add_signoffs)",
            "note" => "(SELECT count(*) FROM temp.m_add_notes)",
            _ => "-1",
        };
        let all_added: bool = conn.query_row(
            &format!(
                "SELECT (SELECT count(*) FROM incoming.{table}) = {added}
                   AND NOT EXISTS (SELECT 1 FROM temp.m_fold) AND NOT EXISTS (SELECT 1 FROM temp.m_same_pair)"
            ),
            [],
            |r| r.get(0),
        )?;
        if all_added {
            continue;
        }
        conn.execute_batch(&format!(
            "DROP TABLE IF EXISTS temp.m_left;
             CREATE TEMP TABLE m_left (id TEXT PRIMARY KEY);
             INSERT INTO temp.m_left SELECT id FROM incoming.{table} i
               WHERE NOT EXISTS (SELECT 1 FROM main.{table} m WHERE m.id = i.id);"
        ))?;
        // Left out: what a row of the other copy stood for goes to the log.
        if let Some(kind) = crate::store::creations::implicit(entity) {
            kind.write(conn, "incoming", "x.id IN (SELECT id FROM temp.m_left)", [])?;
        }
        let n = count(
            conn,
            &format!("SELECT count(*) FROM temp.m_left i WHERE 1 {unified}"),
        )?;
        skipped.add(entity, n);
    }
    Ok(skipped)
}

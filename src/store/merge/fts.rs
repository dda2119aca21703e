//! Set-based full-text indexing: (re)builds the search rows of many entities with a few
//! INSERT ... SELECT statements, for merges and for `doctor --repair`. The text of each
//! kind matches what the per-row writers in src/store/*.rs index.

use rusqlite::Connection;

/// Which entities to index: those listed in `temp.m_touch(kind, id)`, or all of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Scope {
    Touched,
    All,
}

/// (kind, table alias and FROM clause, article_id, claim_id, title, body).
const KINDS: &[(&str, &str, &str, &str, &str, &str)] = &[
    (
        "article",
        "main.articles x",
        "x.id",
        "NULL",
        "x.title",
        "x.body",
    ),
    (
        "claim",
        "main.claims x",
        "x.article_id",
        "x.id",
        "x.label",
        "x.quote || char(10) || x.claimant",
    ),
    (
        "verdict",
        "main.verdicts x JOIN main.claims c ON c.id = x.claim_id",
        "c.article_id",
        "x.claim_id",
        "x.rating",
        "x.rationale",
    ),
    (
        "note",
        "main.notes x",
        "x.article_id",
        "x.claim_id",
        "''",
        "x.body",
    ),
    (
        "source",
        "main.sources x",
        "NULL",
        "NULL",
        "x.title",
        "concat_ws(char(10), x.publisher, x.url, x.notes)",
    ),
    (
        "link",
        "main.claim_sources x JOIN main.claims c ON c.id = x.claim_id JOIN main.sources s ON s.id = x.source_id",
        "c.article_id",
        "x.claim_id",
        "s.title",
        "concat_ws(char(10), x.excerpt, x.note)",
    ),
];

/// Replaces the index entries of the entities in scope with fresh ones.
pub(crate) fn index_entities(conn: &Connection, scope: Scope) -> rusqlite::Result<()> {
    match scope {
        Scope::All => {
            conn.execute("DELETE FROM main.search_index", [])?;
            conn.execute("DELETE FROM main.search_rows", [])?;
        }
        Scope::Touched => {
            // One probe per touched entity; both deletes then go by rowid.
            conn.execute_batch(
                "CREATE TEMP TABLE m_stale AS
                   SELECT r.rowid AS r FROM temp.m_touch t JOIN main.search_rows r ON r.entity_id = t.id;
                 DELETE FROM main.search_index WHERE rowid IN (SELECT r FROM temp.m_stale);
                 DELETE FROM main.search_rows WHERE rowid IN (SELECT r FROM temp.m_stale);
                 DROP TABLE temp.m_stale;",
            )?;
        }
    }
    // Gather the text of every entity in scope once (one probe per joined row), then
    // number the rows ourselves: the index rows and their search_rows get the same
    // rowid without looking each entity up again.
    conn.execute_batch(
        "DROP TABLE IF EXISTS temp.m_text;
         CREATE TEMP TABLE m_text (kind TEXT NOT NULL, id TEXT NOT NULL, article_id TEXT,
                                   claim_id TEXT, title TEXT, body TEXT);",
    )?;
    for (kind, from, article, claim, title, body) in KINDS {
        let only = match scope {
            Scope::All => String::new(),
            Scope::Touched => format!("JOIN temp.m_touch t ON t.kind = '{kind}' AND t.id = x.id"),
        };
        conn.execute(
            &format!(
                "INSERT INTO temp.m_text (kind, id, article_id, claim_id, title, body)
                 SELECT '{kind}', x.id, {article}, {claim}, {title}, {body} FROM {from} {only}"
            ),
            [],
        )?;
    }
    // Above every rowid in use on either side (they agree unless the index is damaged).
    let base: i64 = conn.query_row(
        "SELECT max(coalesce((SELECT max(rowid) FROM main.search_rows), 0),
                    coalesce((SELECT rowid FROM main.search_index ORDER BY rowid DESC LIMIT 1), 0))",
        [],
        |r| r.get(0),
    )?;
    conn.execute(
        "INSERT INTO main.search_rows (rowid, kind, entity_id, article_id, claim_id)
         SELECT ?1 + rowid, kind, id, article_id, claim_id FROM temp.m_text",
        [base],
    )?;
    conn.execute(
        "INSERT INTO main.search_index (rowid, title, body)
         SELECT ?1 + rowid, title, body FROM temp.m_text",
        [base],
    )?;
    conn.execute_batch("DROP TABLE temp.m_text")
}

/// Drops the index entries of entities that were removed (or whose claim or article was).
pub(crate) fn unindex_dead(conn: &Connection) -> rusqlite::Result<()> {
    conn.execute_batch(
        "CREATE TEMP TABLE m_unindex AS
           SELECT rowid AS r FROM main.search_rows WHERE entity_id IN (SELECT entity_id FROM temp.m_dead)
           UNION SELECT rowid FROM main.search_rows WHERE claim_id IN (SELECT entity_id FROM temp.m_dead WHERE entity = 'claim')
           UNION SELECT rowid FROM main.search_rows WHERE article_id IN (SELECT entity_id FROM temp.m_dead WHERE entity = 'article')
           -- a removed source takes its links with it (ON DELETE CASCADE)
           UNION SELECT r.rowid FROM main.search_rows r
             WHERE EXISTS (SELECT 1 FROM temp.m_dead WHERE entity = 'source') AND r.kind = 'link'
               AND NOT EXISTS (SELECT 1 FROM main.claim_sources l WHERE l.id = r.entity_id);
         DELETE FROM main.search_index WHERE rowid IN (SELECT r FROM temp.m_unindex);
         DELETE FROM main.search_rows WHERE rowid IN (SELECT r FROM temp.m_unindex);",
    )
}

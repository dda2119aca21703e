//! What the search index holds, and set-based (re)indexing for merges, upgrades and
//! `doctor --repair`. The per-row writers in src/store/search.rs use the same table, so
//! both always index the same text.
//!
//! The index is contentless (schema.sql): the text stays in the entity tables, and an
//! index row's rowid names its entity: the kind's code times 2^40 plus the rowid of the
//! entity's row. Nothing maps ids to index rows, and nothing holds a second copy of the
//! text. (The entity tables are never `VACUUM`ed in place, which could renumber rows;
//! `export-db` leaves the index out and it is rebuilt from the copy's own rowids.)

use rusqlite::Connection;

/// One kind of thing the index holds: the SQL that gives its text.
pub(crate) struct Kind {
    pub name: &'static str,
    /// Index rowid = code << 40 | the entity row's rowid.
    pub code: i64,
    /// The entity table.
    pub table: &'static str,
    /// FROM clause, the entity table aliased `x` (joined to what its text needs and to
    /// its article and claim).
    pub from: &'static str,
    /// The part of `from` that the indexed text needs: bulk indexing skips the rest.
    pub text_from: &'static str,
    pub article: &'static str,
    pub claim: &'static str,
    pub title: &'static str,
    pub body: &'static str,
}

/// Rowids of entity rows stay below this (2^40, a trillion rows).
pub(crate) const ROWID_BITS: i64 = 40;

pub(crate) const KINDS: &[Kind] = &[
    Kind {
        name: "article",
        code: 1,
        table: "articles",
        from: "main.articles x",
        text_from: "main.articles x",
        article: "x.id",
        claim: "NULL",
        title: "x.title",
        body: "x.body",
    },
    Kind {
        name: "claim",
        code: 2,
        table: "claims",
        from: "main.claims x",
        text_from: "main.claims x",
        article: "x.article_id",
        claim: "x.id",
        title: "x.label",
        body: "x.quote || char(10) || x.claimant",
    },
    Kind {
        name: "verdict",
        code: 3,
        table: "verdicts",
        from: "main.verdicts x JOIN main.claims c ON c.id = x.claim_id",
        text_from: "main.verdicts x",
        article: "c.article_id",
        claim: "x.claim_id",
        title: "x.rating",
        body: "x.rationale",
    },
    Kind {
        name: "note",
        code: 4,
        table: "notes",
        from: "main.notes x",
        text_from: "main.notes x",
        article: "x.article_id",
        claim: "x.claim_id",
        title: "''",
        body: "x.body",
    },
    Kind {
        name: "source",
        code: 5,
        table: "sources",
        from: "main.sources x",
        text_from: "main.sources x",
        article: "NULL",
        claim: "NULL",
        title: "x.title",
        body: "concat_ws(char(10), x.publisher, x.url, x.notes)",
    },
    Kind {
        name: "link",
        code: 6,
        table: "claim_sources",
        from: "main.claim_sources x JOIN main.claims c ON c.id = x.claim_id JOIN main.sources s ON s.id = x.source_id",
        text_from: "main.claim_sources x JOIN main.sources s ON s.id = x.source_id",
        article: "c.article_id",
        claim: "x.claim_id",
        title: "s.title",
        body: "concat_ws(char(10), x.excerpt, x.note)",
    },
];

pub(crate) fn kind(name: &str) -> Option<&'static Kind> {
    KINDS.iter().find(|k| k.name == name)
}

impl Kind {
    /// The index rowid of entity row `x`, as SQL.
    pub fn rowid_sql(&self) -> String {
        format!("({} << {ROWID_BITS} | x.rowid)", self.code)
    }

    /// `INSERT INTO search_index ... SELECT` this kind's rows, narrowed by `filter`
    /// (SQL over `x` after the FROM clause, e.g. a JOIN or a WHERE). The text goes
    /// through `fd_search_text` (Chinese and Japanese characters become words of their
    /// own: src/store/search.rs). In rowid order: FTS5 writes out what it has gathered
    /// whenever a rowid comes lower than the one before, and out of order a bulk insert
    /// was ten times slower.
    pub fn insert_sql(&self, filter: &str) -> String {
        format!(
            "INSERT INTO main.search_index (rowid, title, body)
             SELECT {}, fd_search_text({}), fd_search_text({}) FROM {} {filter} ORDER BY 1",
            self.rowid_sql(),
            self.title,
            self.body,
            self.text_from
        )
    }
}

/// Which entities to index: for a merge, its new rows and those it changed (below);
/// or all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Scope {
    Touched,
    All,
}

/// Notes, per indexed table, the highest rowid before a merge adds rows (after it
/// deleted the dead ones, so no new row can take a rowid at or below it). The rows
/// above it are the merge's new ones: they are indexed by a rowid range, in order,
/// with no list of ids (a 100,000-claim merge adds 290,000).
pub(crate) fn note_new_rows(conn: &Connection) -> rusqlite::Result<()> {
    let ends: Vec<String> = KINDS
        .iter()
        .map(|k| {
            format!(
                "SELECT '{}', (SELECT coalesce(max(rowid), 0) FROM main.{})",
                k.name, k.table
            )
        })
        .collect();
    conn.execute_batch(&format!(
        "CREATE TEMP TABLE m_rowid_end (kind TEXT PRIMARY KEY, r INTEGER NOT NULL);
         INSERT INTO temp.m_rowid_end {};",
        ends.join(" UNION ALL ")
    ))
}

/// Replaces the index entries of the entities in scope with fresh ones. `Touched`: the
/// rows a merge added (above `temp.m_rowid_end`, see [`note_new_rows`]) and the older
/// rows it changed (listed in `temp.m_touch(kind, id)`).
pub(crate) fn index_entities(conn: &Connection, scope: Scope) -> rusqlite::Result<()> {
    bulk_settings(conn, BULK)?;
    let written = write_entries(conn, scope);
    // Back to the defaults before COMMIT, even when the writes failed (the caller then
    // rolls back, and the settings with them).
    bulk_settings(conn, DEFAULTS)?;
    written
}

/// FTS5's settings for a bulk write: gather up to 64 MiB of entries in memory before
/// writing a segment (default 1 MiB), and merge no segments meanwhile. A 100,000-claim
/// merge then writes its entries once, in one or two segments, instead of in a hundred
/// small ones that are merged and rewritten while it runs (indexing 1.16 → 0.85 s in a
/// scratch run). The segments are merged later by FTS5's usual incremental merging.
const BULK: [(&str, i64); 2] = [("hashsize", 64 << 20), ("automerge", 0)];
/// FTS5's own defaults (sqlite3.c: FTS5_DEFAULT_HASHSIZE, FTS5_DEFAULT_AUTOMERGE).
const DEFAULTS: [(&str, i64); 2] = [("hashsize", 1 << 20), ("automerge", 4)];

fn bulk_settings(conn: &Connection, settings: [(&str, i64); 2]) -> rusqlite::Result<()> {
    for (name, value) in settings {
        conn.execute(
            "INSERT INTO main.search_index (search_index, rank) VALUES (?1, ?2)",
            rusqlite::params![name, value],
        )?;
    }
    Ok(())
}

fn write_entries(conn: &Connection, scope: Scope) -> rusqlite::Result<()> {
    if scope == Scope::All {
        conn.execute(
            "INSERT INTO main.search_index (search_index) VALUES ('delete-all')",
            [],
        )?;
    }
    for k in KINDS {
        match scope {
            Scope::All => {
                conn.execute(&k.insert_sql(""), [])?;
            }
            Scope::Touched => {
                let end = format!("(SELECT r FROM temp.m_rowid_end WHERE kind = '{}')", k.name);
                // Driven from the (few) touched ids, not by a scan of the table.
                let older = format!(
                    "WHERE x.id IN (SELECT id FROM temp.m_touch WHERE kind = '{}') AND x.rowid <= {end}",
                    k.name
                );
                let touched: bool = conn.query_row(
                    "SELECT EXISTS (SELECT 1 FROM temp.m_touch WHERE kind = ?1)",
                    [k.name],
                    |r| r.get(0),
                )?;
                if touched {
                    conn.execute(
                        &format!(
                            "DELETE FROM main.search_index WHERE rowid IN (SELECT {} FROM main.{} x {older})",
                            k.rowid_sql(),
                            k.table,
                        ),
                        [],
                    )?;
                    // Older rows first: each insert is in rowid order, the second above the first.
                    conn.execute(&k.insert_sql(&older), [])?;
                }
                conn.execute(&k.insert_sql(&format!("WHERE x.rowid > {end}")), [])?;
            }
        }
    }
    Ok(())
}

/// Drops the index entries of the entities a merge is about to remove, and of what goes
/// with them (a claim's verdicts, links and notes; an article's claims and notes; a
/// source's links). Runs while their rows are still there; each part is driven from the
/// (few) dead entities through an index.
pub(crate) fn unindex_dead(conn: &Connection) -> rusqlite::Result<()> {
    let dead =
        |entity: &str| format!("(SELECT entity_id FROM temp.m_dead WHERE entity = '{entity}')");
    let dead_articles_claims = format!(
        "(SELECT id FROM main.claims WHERE article_id IN {})",
        dead("article")
    );
    // (kind, column of its table, the ids whose rows go)
    let parts: Vec<(&str, &str, String)> = vec![
        ("article", "id", dead("article")),
        ("claim", "id", dead("claim")),
        ("claim", "article_id", dead("article")),
        ("source", "id", dead("source")),
        ("note", "id", dead("note")),
        ("note", "claim_id", dead("claim")),
        ("note", "article_id", dead("article")),
        ("verdict", "id", dead("verdict")),
        ("verdict", "claim_id", dead("claim")),
        ("verdict", "claim_id", dead_articles_claims.clone()),
        ("link", "id", dead("link")),
        ("link", "claim_id", dead("claim")),
        ("link", "claim_id", dead_articles_claims),
        ("link", "source_id", dead("source")),
    ];
    let selects: Vec<String> = parts
        .iter()
        .filter_map(|(name, column, ids)| {
            let k = kind(name)?;
            Some(format!(
                "SELECT {} FROM main.{} x WHERE x.{column} IN {ids}",
                k.rowid_sql(),
                k.table
            ))
        })
        .collect();
    conn.execute(
        &format!(
            "DELETE FROM main.search_index WHERE rowid IN ({})",
            selects.join(" UNION ALL ")
        ),
        [],
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bulk_indexing_leaves_fts5_on_its_default_settings() {
        let dir = tempfile::tempdir().unwrap();
        let store = crate::store::Store::open(&dir.path().join("t.sqlite"), "ana").unwrap();
        let settings = |conn: &Connection| -> Vec<(String, i64)> {
            let mut stmt = conn
                .prepare("SELECT k, v FROM search_index_config WHERE k IN ('hashsize', 'automerge') ORDER BY k")
                .unwrap();
            stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
                .unwrap()
                .collect::<rusqlite::Result<_>>()
                .unwrap()
        };
        index_entities(&store.conn, Scope::All).unwrap();
        assert_eq!(
            settings(&store.conn),
            [
                ("automerge".to_string(), 4),
                ("hashsize".to_string(), 1 << 20)
            ]
        );
    }
}

//! Full-text search (FTS5) over articles, claims, verdicts, notes and sources.
//! The store keeps the index in sync inside each write's transaction.

use super::merge::fts::{self, KINDS, Kind, ROWID_BITS};
use super::{Result, Store, StoreError};
use crate::model::SearchHit;
use rusqlite::functions::FunctionFlags;
use rusqlite::types::{Value, ValueRef};
use rusqlite::{Connection, OptionalExtension, params};

/// The search index's tokenizer; the snippet table must use the same one.
const TOKENIZER: &str = "unicode61 remove_diacritics 2";

/// Between two characters of a script written without spaces: the tokenizer splits there (a format
/// character, not a letter), and a reader never sees it.
const CJK_BREAK: char = '\u{200B}';

/// Scripts written without spaces between words: Chinese and Japanese, Thai, Lao,
/// Khmer, Myanmar.
fn is_unspaced(c: char) -> bool {
    crate::text::is_cjk(c)
        || matches!(c, '\u{0E00}'..='\u{0EFF}' | '\u{1000}'..='\u{109F}' | '\u{1780}'..='\u{17FF}')
}

/// The text the index sees: each character of a script written without spaces (Chinese,
/// Japanese, Thai, …) becomes a word of its own, or a whole sentence would be one word
/// and nothing inside it could be found. A query goes through the same change, so
/// "中国" is looked for as the two-word phrase "中 国": a search there finds the
/// characters in that order, wherever they stand.
///
/// Also: bidi isolates (U+2066–U+2069) and the Arabic letter mark, common around names
/// pasted from the web, end a word (the tokenizer's tables are older than them and took
/// them for letters, fusing "\u{2068}طالبان\u{2069}" into a word nobody can type); a soft
/// hyphen is dropped ("infor\u{AD}mation" is "information").
pub fn search_text(text: &str) -> std::borrow::Cow<'_, str> {
    // Every edge of such a character is a word edge: "GDP增长5.3%" holds GDP, 增, 长, 5.3.
    let breaks = |c: char, d: char| {
        (is_unspaced(c) || is_unspaced(d)) && !c.is_whitespace() && !d.is_whitespace()
    };
    let pairs = || text.chars().zip(text.chars().skip(1));
    if text.is_ascii()
        || !text.chars().any(|c| is_word_break(c) || c == SOFT_HYPHEN)
            && !pairs().any(|(c, d)| breaks(c, d))
    {
        return text.into();
    }
    let mut out = String::with_capacity(text.len() + text.len() / 2);
    for (c, next) in text
        .chars()
        .zip(text.chars().skip(1).map(Some).chain([None]))
    {
        match c {
            SOFT_HYPHEN => continue,
            c if is_word_break(c) => out.push(CJK_BREAK),
            c => out.push(c),
        }
        if next.is_some_and(|d| breaks(c, d)) {
            out.push(CJK_BREAK);
        }
    }
    out.into()
}

const SOFT_HYPHEN: char = '\u{AD}';

/// Invisible marks the tokenizer would take for letters: bidi isolates, the Arabic
/// letter mark.
fn is_word_break(c: char) -> bool {
    matches!(c, '\u{2066}'..='\u{2069}' | '\u{061C}')
}

/// Registers `fd_search_text` (see [`search_text`]) on a connection: the indexing SQL
/// calls it.
pub(super) fn register_functions(conn: &Connection) -> rusqlite::Result<()> {
    // `fd_derived_id`: [`super::derived_id`], for the creations written in SQL.
    conn.create_scalar_function(
        "fd_derived_id",
        1,
        FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC,
        |ctx| Ok(super::derived_id(&ctx.get::<String>(0)?)),
    )?;
    conn.create_scalar_function(
        "fd_search_text",
        1,
        FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC,
        |ctx| {
            Ok(match ctx.get_raw(0) {
                ValueRef::Text(bytes) => match std::str::from_utf8(bytes) {
                    Ok(text) => Value::Text(search_text(text).into_owned()),
                    Err(_) => {
                        Value::Text(search_text(&String::from_utf8_lossy(bytes)).into_owned())
                    }
                },
                ValueRef::Null => Value::Null,
                ValueRef::Integer(i) => Value::Integer(i),
                ValueRef::Real(f) => Value::Real(f),
                ValueRef::Blob(b) => Value::Blob(b.to_vec()),
            })
        },
    )
}

fn kind_of(name: &str) -> Result<&'static Kind> {
    fts::kind(name).ok_or_else(|| StoreError::Invalid(format!("nothing of kind {name} is indexed")))
}

/// Puts (or replaces) an entity's text in the index, read from its row by the same SQL
/// the set-based indexing uses.
pub(super) fn index(w: &Connection, kind: &str, entity_id: &str) -> Result<()> {
    let k = kind_of(kind)?;
    unindex(w, kind, entity_id)?;
    w.prepare_cached(&k.insert_sql("WHERE x.id = ?1"))?
        .execute([entity_id])?;
    Ok(())
}

/// Removes one entity's text (while its row is still there). Sign-offs have none.
pub(super) fn unindex(w: &Connection, kind: &str, entity_id: &str) -> Result<()> {
    if fts::kind(kind).is_none() {
        return Ok(());
    }
    unindex_where(w, &[(kind, "x.id = ?1")], entity_id)
}

/// Removes the entries of the rows each (kind, condition on `x` and ?1) selects.
fn unindex_where(w: &Connection, parts: &[(&str, &str)], id: &str) -> Result<()> {
    let mut selects = Vec::with_capacity(parts.len());
    for (kind, condition) in parts {
        let k = kind_of(kind)?;
        selects.push(format!(
            "SELECT {} FROM main.{} x WHERE {condition}",
            k.rowid_sql(),
            k.table
        ));
    }
    w.prepare_cached(&format!(
        "DELETE FROM search_index WHERE rowid IN ({})",
        selects.join(" UNION ALL ")
    ))?
    .execute([id])?;
    Ok(())
}

/// Removes a claim's text and that of everything attached to it (found through their
/// own indexes: a scan per deleted claim made undoing a big import quadratic).
pub(super) fn unindex_claim(w: &Connection, claim_id: &str) -> Result<()> {
    unindex_where(
        w,
        &[
            ("claim", "x.id = ?1"),
            ("verdict", "x.claim_id = ?1"),
            ("link", "x.claim_id = ?1"),
            ("note", "x.claim_id = ?1"),
        ],
        claim_id,
    )
}

/// Removes an article's text and that of everything on it.
pub(super) fn unindex_article(w: &Connection, article_id: &str) -> Result<()> {
    const ITS_CLAIMS: &str = "x.claim_id IN (SELECT id FROM claims WHERE article_id = ?1)";
    unindex_where(
        w,
        &[
            ("article", "x.id = ?1"),
            ("note", "x.article_id = ?1"),
            ("claim", "x.article_id = ?1"),
            ("verdict", ITS_CLAIMS),
            ("link", ITS_CLAIMS),
        ],
        article_id,
    )
}

/// Re-indexes the links, verdicts and notes of a claim (after undo brings them back).
pub(super) fn reindex_claim_children(w: &Connection, claim_id: &str) -> Result<()> {
    for kind in ["link", "verdict", "note"] {
        let k = kind_of(kind)?;
        unindex_where(w, &[(kind, "x.claim_id = ?1")], claim_id)?;
        w.prepare_cached(&k.insert_sql("WHERE x.claim_id = ?1"))?
            .execute([claim_id])?;
    }
    Ok(())
}

/// Turns what a person typed into an FTS5 query: every word a quoted term (so
/// punctuation such as "al-Zawahiri" or a stray quote is never FTS syntax), all
/// required; a trailing `*` keeps prefix search.
pub fn fts_query(input: &str) -> Option<String> {
    let terms: Vec<String> = input
        .split_whitespace()
        .filter_map(|word| {
            let (word, prefix) = match word.strip_suffix('*') {
                Some(w) => (w, true),
                None => (word, false),
            };
            let cleaned: String = word.chars().filter(|c| !c.is_control()).collect();
            if cleaned.chars().all(|c| !c.is_alphanumeric()) {
                return None;
            }
            let quoted = format!("\"{}\"", search_text(&cleaned).replace('"', "\"\""));
            Some(if prefix { format!("{quoted}*") } else { quoted })
        })
        .collect();
    (!terms.is_empty()).then(|| terms.join(" "))
}

impl Store {
    /// Searches everything; best matches first.
    pub fn search(&self, query: &str, limit: usize) -> Result<Vec<SearchHit>> {
        let Some(fts) = fts_query(query) else {
            return Ok(Vec::new());
        };
        // Opened read-only, an older file keeps its older index, which this cannot read.
        if let Some(version) = self.older_schema {
            return Err(StoreError::Invalid(format!(
                "{}: its search index is from an older factdesk (schema version {version}); \
                 open it once for writing (e.g. `factdesk doctor --repair`) to upgrade it",
                self.display_path()
            )));
        }
        let ranked: Vec<(i64, f64)> = self
            .conn
            .prepare_cached(
                "SELECT rowid, bm25(search_index, 4.0, 1.0) FROM search_index
                 WHERE search_index MATCH ?1 ORDER BY bm25(search_index, 4.0, 1.0) LIMIT ?2",
            )
            .and_then(|mut stmt| {
                stmt.query_map(params![fts, limit as i64], |r| Ok((r.get(0)?, r.get(1)?)))?
                    .collect::<rusqlite::Result<_>>()
            })
            .map_err(|e| {
                // The index's own tables damaged: derived data, rebuilt by doctor.
                let text = e.to_string();
                if text.contains("fts5") || text.contains("malformed") {
                    StoreError::Invalid(format!(
                        "{}: the search index is damaged ({}); `factdesk doctor --repair` rebuilds it",
                        self.display_path(),
                        text.lines().next().unwrap_or_default()
                    ))
                } else {
                    StoreError::Sqlite(e)
                }
            })?;
        let mut hits = Vec::with_capacity(ranked.len());
        let mut texts = Vec::with_capacity(ranked.len());
        for (rowid, rank) in ranked {
            // An entry whose row is gone (a damaged index: `doctor` says so) is no hit.
            if let Some((hit, body)) = self.resolve_hit(rowid, rank)? {
                texts.push((hit.title.clone(), body));
                hits.push(hit);
            }
        }
        for (hit, snippet) in hits.iter_mut().zip(snippets(&fts, &texts)?) {
            hit.snippet = snippet;
        }
        // Opened for writing, an exported file gets its index at once; read-only, it
        // has none: say so rather than find nothing.
        if hits.is_empty() && self.search_index_left_out()? {
            return Err(StoreError::Invalid(format!(
                "{}: this copy came from export-db without its search index; open it once \
                 for writing (e.g. `factdesk doctor --repair`) to build it",
                self.display_path()
            )));
        }
        Ok(hits)
    }

    /// The entity behind an index rowid, as a hit (snippet still empty) and its text.
    fn resolve_hit(&self, rowid: i64, rank: f64) -> Result<Option<(SearchHit, String)>> {
        let code = rowid >> ROWID_BITS;
        let Some(k) = KINDS.iter().find(|k| k.code == code) else {
            return Ok(None);
        };
        Ok(self
            .conn
            .prepare_cached(&format!(
                "SELECT x.id, {}, {}, {}, {} FROM {} WHERE x.rowid = ?1",
                k.article, k.claim, k.title, k.body, k.from
            ))?
            .query_row([rowid & ((1 << ROWID_BITS) - 1)], |r| {
                Ok((
                    SearchHit {
                        kind: k.name.to_string(),
                        entity_id: r.get(0)?,
                        article_id: r.get(1)?,
                        claim_id: r.get(2)?,
                        title: r.get::<_, Option<String>>(3)?.unwrap_or_default(),
                        snippet: String::new(),
                        rank,
                    },
                    r.get::<_, Option<String>>(4)?.unwrap_or_default(),
                ))
            })
            .optional()?)
    }

    /// Index entries that point at nothing, and entities that have no entry: both 0
    /// when the index is in sync.
    pub fn search_index_problems(&self) -> Result<(i64, i64)> {
        let mut dangling =
            format!("SELECT count(*) FROM search_index_docsize d WHERE CASE d.id >> {ROWID_BITS}");
        let mut missing = Vec::new();
        for k in KINDS {
            dangling.push_str(&format!(
                " WHEN {} THEN NOT EXISTS (SELECT 1 FROM main.{} x WHERE x.rowid = d.id & {})",
                k.code,
                k.table,
                (1i64 << ROWID_BITS) - 1
            ));
            missing.push(format!(
                "(SELECT count(*) FROM main.{} x WHERE NOT EXISTS (SELECT 1 FROM search_index_docsize d WHERE d.id = {}))",
                k.table,
                k.rowid_sql()
            ));
        }
        dangling.push_str(" ELSE 1 END");
        let dangling: i64 = self.conn.query_row(&dangling, [], |r| r.get(0))?;
        let missing: i64 =
            self.conn
                .query_row(&format!("SELECT {}", missing.join(" + ")), [], |r| r.get(0))?;
        Ok((dangling, missing))
    }
}

/// The snippet of each hit's text for the query: the index keeps no text, so the few
/// hits' texts are indexed again in a scratch in-memory table with the same tokenizer,
/// and FTS5 cuts the snippets there (so what is marked is exactly what matched).
fn snippets(fts: &str, texts: &[(String, String)]) -> Result<Vec<String>> {
    // Should the scratch index disagree, a hit still shows the start of its text.
    let mut out: Vec<String> = texts
        .iter()
        .map(|(_, body)| crate::text::truncate_chars(body, 80).into_owned())
        .collect();
    if texts.is_empty() {
        return Ok(out);
    }
    let scratch = Connection::open_in_memory()?;
    scratch.execute_batch(&format!(
        "CREATE VIRTUAL TABLE hits USING fts5(title, body, tokenize = '{TOKENIZER}')"
    ))?;
    {
        let mut insert =
            scratch.prepare("INSERT INTO hits (rowid, title, body) VALUES (?1, ?2, ?3)")?;
        for (i, (title, body)) in texts.iter().enumerate() {
            insert.execute(params![i as i64, search_text(title), search_text(body)])?;
        }
    }
    // Twelve words of context; where each character is a word, forty (about as wide).
    let words = if fts.contains(CJK_BREAK) { 40 } else { 12 };
    let mut stmt = scratch.prepare(&format!(
        "SELECT rowid, snippet(hits, 1, '«', '»', '…', {words}) FROM hits WHERE hits MATCH ?1"
    ))?;
    let rows = stmt.query_map([fts], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))?;
    for row in rows {
        let (i, snippet) = row?;
        if let Some(slot) = out.get_mut(i as usize) {
            *slot = snippet.replace(CJK_BREAK, "");
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_and_japanese_characters_become_words_and_nothing_else_changes() {
        assert_eq!(search_text("多哈协议"), "多\u{200B}哈\u{200B}协\u{200B}议");
        assert_eq!(search_text("東京で"), "東\u{200B}京\u{200B}で");
        assert_eq!(search_text("x中y"), "x\u{200B}中\u{200B}y");
        // A lone character, Latin, Persian, Korean: as they were, without a copy.
        for text in ["中 国", "Doha talks", "محمد رضایی", "서울 시장", ""] {
            assert!(
                matches!(search_text(text), std::borrow::Cow::Borrowed(_)),
                "{text}"
            );
        }
        assert_eq!(fts_query("多哈").as_deref(), Some("\"多\u{200B}哈\""));
        assert_eq!(search_text("ไทย"), "ไ\u{200B}ท\u{200B}ย");
        assert_eq!(
            search_text("met \u{2068}Feridun\u{2069} and \u{061C}طالبان"),
            "met \u{200B}Feridun\u{200B} and \u{200B}طالبان"
        );
        assert_eq!(search_text("infor\u{AD}mation"), "information");
        assert_eq!(
            search_text("GDP增长5.3%"),
            "GDP\u{200B}增\u{200B}长\u{200B}5.3%"
        );
    }
}

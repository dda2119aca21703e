//! Articles: the texts under review.

use super::{
    ImportOutcome, Result, Store, StoreError, Writer, claims, content_hash, new_id, search,
};
use crate::model::{Article, ArticleSummary, NewArticle, NewClaim, SourceFormat};
use rusqlite::{OptionalExtension, Row, params};
use serde_json::json;

const SUMMARY_SELECT: &str = "
SELECT a.id, a.title, a.url, a.outlet, a.author, a.published, a.imported_at,
       (SELECT count(*) FROM claims c WHERE c.article_id = a.id AND c.status != 'rejected'),
       (SELECT count(*) FROM claims c WHERE c.article_id = a.id AND c.status != 'rejected'
           AND EXISTS (SELECT 1 FROM verdicts v WHERE v.claim_id = c.id)),
       (SELECT count(*) FROM claims c WHERE c.article_id = a.id AND c.status = 'suggested')
FROM articles a";

fn summary_from_row(r: &Row<'_>) -> rusqlite::Result<ArticleSummary> {
    Ok(ArticleSummary {
        id: r.get(0)?,
        title: r.get(1)?,
        url: r.get(2)?,
        outlet: r.get(3)?,
        author: r.get(4)?,
        published: r.get(5)?,
        imported_at: r.get(6)?,
        claims_total: r.get(7)?,
        claims_checked: r.get(8)?,
        claims_suggested: r.get(9)?,
    })
}

impl Store {
    /// Stores an article and its suggested claims in one transaction. The same text
    /// (by content hash) is never stored twice.
    pub fn import_article(
        &mut self,
        article: &NewArticle,
        suggestions: &[NewClaim],
    ) -> Result<ImportOutcome> {
        if article.body.trim().is_empty() {
            return Err(StoreError::Invalid("the article has no text".into()));
        }
        let hash = content_hash(&article.body);
        let w = self.write()?;
        let existing: Option<(String, String)> = w
            .query_row(
                "SELECT id, title FROM articles WHERE content_hash = ?1",
                [&hash],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        if let Some((id, title)) = existing {
            return Ok(ImportOutcome::Duplicate { id, title });
        }
        let id = new_id();
        let title = match article.title.trim() {
            "" => article
                .body
                .lines()
                .next()
                .unwrap_or("untitled")
                .trim()
                .to_string(),
            t => t.to_string(),
        };
        let format = article.format.unwrap_or(SourceFormat::Text);
        w.execute(
            "INSERT INTO articles (id, title, url, outlet, author, published, body, content_hash, format,
                                   imported_at, imported_by, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?10)",
            params![
                id, title, article.url, article.outlet, article.author, article.published, article.body, hash,
                format.as_str(), w.at, w.reviewer
            ],
        )?;
        search::index(&w, "article", &id)?;
        let meta = json!({
            "title": title, "url": article.url, "outlet": article.outlet, "author": article.author,
            "published": article.published, "content_hash": hash, "format": format.as_str(),
        });
        w.log("article", &id, "create", None, None, Some(&meta))?;
        for claim in suggestions {
            claims::insert_claim(&w, &id, &article.body, claim)?;
        }
        w.commit()?;
        Ok(ImportOutcome::Imported {
            id,
            claims: suggestions.len(),
        })
    }

    /// Every article, newest import first, with review progress.
    pub fn articles(&self) -> Result<Vec<ArticleSummary>> {
        self.articles_page(0, i64::MAX)
    }

    /// A page of the article list, newest first, for screens that show only part of
    /// it. The page's articles are picked before their claims are counted, so a page
    /// costs its own rows, not the whole database (1,000 articles / 100,000 claims:
    /// ~300 ms down to ~1 ms).
    pub fn articles_page(&self, offset: i64, limit: i64) -> Result<Vec<ArticleSummary>> {
        let sql = format!(
            "WITH page AS MATERIALIZED (
                 SELECT id FROM articles ORDER BY imported_at DESC, id DESC LIMIT ?1 OFFSET ?2)
             {SUMMARY_SELECT} JOIN page p ON p.id = a.id
             ORDER BY a.imported_at DESC, a.id DESC"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(params![limit, offset], summary_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn article_count(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("SELECT count(*) FROM articles", [], |r| r.get(0))?)
    }

    pub fn article_summary(&self, id: &str) -> Result<ArticleSummary> {
        let sql = format!("{SUMMARY_SELECT} WHERE a.id = ?1");
        self.conn
            .prepare_cached(&sql)?
            .query_row([id], summary_from_row)
            .optional()?
            .ok_or_else(|| StoreError::NotFound {
                what: "article",
                prefix: id.to_string(),
            })
    }

    /// One article with its body.
    pub fn article(&self, id: &str) -> Result<Article> {
        self.conn
            .prepare_cached(
                "SELECT id, title, url, outlet, author, published, body, content_hash, format, imported_at, imported_by
                 FROM articles WHERE id = ?1",
            )?
            .query_row([id], |r| {
                let format: String = r.get(8)?;
                Ok(Article {
                    id: r.get(0)?,
                    title: r.get(1)?,
                    url: r.get(2)?,
                    outlet: r.get(3)?,
                    author: r.get(4)?,
                    published: r.get(5)?,
                    body: r.get(6)?,
                    content_hash: r.get(7)?,
                    format: format.parse().unwrap_or(SourceFormat::Text),
                    imported_at: r.get(9)?,
                    imported_by: r.get(10)?,
                })
            })
            .optional()?
            .ok_or_else(|| StoreError::NotFound {
                what: "article",
                prefix: id.to_string(),
            })
    }

    /// Deletes an article with all its claims (the change log keeps them).
    pub fn delete_article(&mut self, id: &str) -> Result<()> {
        let w = self.write()?;
        delete_article_inside(&w, id)?;
        w.commit()
    }

    /// Finds an article by an id prefix.
    pub fn resolve_article(&self, prefix: &str) -> Result<String> {
        super::resolve(&self.conn, "articles", "article", prefix)
    }
}

/// Deletes an article and its claims inside an open write, logging each.
pub(super) fn delete_article_inside(w: &Writer<'_>, id: &str) -> Result<()> {
    let title: String = w
        .query_row("SELECT title FROM articles WHERE id = ?1", [id], |r| {
            r.get(0)
        })
        .optional()?
        .ok_or_else(|| StoreError::NotFound {
            what: "article",
            prefix: id.to_string(),
        })?;
    let claim_ids: Vec<String> = {
        let mut stmt = w.prepare("SELECT id FROM claims WHERE article_id = ?1")?;
        stmt.query_map([id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?
    };
    for claim in &claim_ids {
        claims::delete_claim_row(w, claim)?;
    }
    search::unindex_article(w, id)?;
    w.execute("DELETE FROM articles WHERE id = ?1", [id])?;
    w.log(
        "article",
        id,
        "delete",
        None,
        Some(&json!({"title": title})),
        None,
    )
}

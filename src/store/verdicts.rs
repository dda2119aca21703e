//! Verdicts (append-only) and editors' sign-offs.

use super::{Result, Store, StoreError, claims, new_id, ratings, search};
use crate::model::Verdict;
use rusqlite::{OptionalExtension, params};
use serde_json::json;

impl Store {
    /// Records a verdict on a claim. Verdicts are never edited: this one supersedes
    /// the claim's earlier ones, which stay in its history.
    pub fn add_verdict(&mut self, claim_id: &str, rating: &str, rationale: &str) -> Result<String> {
        let rating = rating.trim();
        let rationale = rationale.trim();
        let w = self.write()?;
        let claim = claims::read_claim(&w, claim_id)?;
        ratings::check_rating(&w, rating)?;
        if rationale.is_empty() {
            return Err(StoreError::Invalid(
                "a verdict needs a rationale: say why".into(),
            ));
        }
        let id = new_id();
        w.execute(
            "INSERT INTO verdicts (id, claim_id, rating, rationale, reviewer, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![id, claim_id, rating, rationale, w.reviewer, w.at],
        )?;
        search::index(
            &w,
            "verdict",
            &id,
            Some(&claim.article_id),
            Some(claim_id),
            rating,
            rationale,
        )?;
        w.log(
            "verdict",
            &id,
            "create",
            None,
            None,
            Some(&json!({"claim_id": claim_id, "rating": rating, "rationale": rationale})),
        )?;
        w.commit()?;
        Ok(id)
    }

    /// A claim's verdicts, oldest first, each with its sign-off if any.
    pub fn verdicts(&self, claim_id: &str) -> Result<Vec<Verdict>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT v.id, v.claim_id, v.rating, v.rationale, v.reviewer, v.created_at,
                    (SELECT s.editor FROM signoffs s WHERE s.verdict_id = v.id ORDER BY s.created_at DESC LIMIT 1),
                    (SELECT s.created_at FROM signoffs s WHERE s.verdict_id = v.id ORDER BY s.created_at DESC LIMIT 1)
             FROM verdicts v WHERE v.claim_id = ?1 ORDER BY v.created_at, v.id",
        )?;
        let rows = stmt.query_map([claim_id], |r| {
            Ok(Verdict {
                id: r.get(0)?,
                claim_id: r.get(1)?,
                rating: r.get(2)?,
                rationale: r.get(3)?,
                reviewer: r.get(4)?,
                created_at: r.get(5)?,
                signed_off_by: r.get(6)?,
                signed_off_at: r.get(7)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// An editor signs off a verdict (by default the claim's newest) as final.
    pub fn sign_off(&mut self, claim_id: &str, verdict_id: Option<&str>) -> Result<String> {
        let w = self.write()?;
        claims::read_claim(&w, claim_id)?;
        let verdict_id: String = match verdict_id {
            Some(v) => w
                .query_row("SELECT id FROM verdicts WHERE id = ?1 AND claim_id = ?2", [v, claim_id], |r| r.get(0))
                .optional()?
                .ok_or_else(|| StoreError::NotFound { what: "verdict of this claim", prefix: v.to_string() })?,
            None => w
                .query_row(
                    "SELECT id FROM verdicts WHERE claim_id = ?1 ORDER BY created_at DESC, id DESC LIMIT 1",
                    [claim_id],
                    |r| r.get(0),
                )
                .optional()?
                .ok_or_else(|| StoreError::Invalid("the claim has no verdict to sign off".into()))?,
        };
        let id = new_id();
        w.execute(
            "INSERT INTO signoffs (id, claim_id, verdict_id, editor, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![id, claim_id, verdict_id, w.reviewer, w.at],
        )?;
        w.log(
            "signoff",
            &id,
            "create",
            None,
            None,
            Some(&json!({"claim_id": claim_id, "verdict_id": verdict_id})),
        )?;
        w.commit()?;
        Ok(id)
    }
}

//! Verdicts (append-only) and editors' sign-offs.

use super::{Result, Store, StoreError, claims, new_id, ratings, search};
use crate::model::{ClaimStatus, Verdict, same_reviewer, short_id};
use rusqlite::{OptionalExtension, params};
use serde_json::json;

/// A verdict's columns with its newest sign-off, for [`verdict_from_row`].
/// A verdict's sign-off as shown: a second reviewer's before the author's own (copies
/// merged can hold both), then the newest.
macro_rules! shown_signoff {
    ($column:literal) => {
        concat!(
            "(SELECT s.",
            $column,
            " FROM signoffs s WHERE s.verdict_id = v.id
              ORDER BY lower(trim(s.editor)) = lower(trim(v.reviewer)), s.created_at DESC LIMIT 1)"
        )
    };
}
pub(super) use shown_signoff;

pub(super) const VERDICT_COLUMNS: &str = concat!(
    "v.id, v.claim_id, v.rating, v.rationale, v.reviewer, v.created_at, ",
    shown_signoff!("editor"),
    ", ",
    shown_signoff!("created_at")
);

pub(super) fn verdict_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Verdict> {
    Ok(Verdict {
        id: r.get(0)?,
        claim_id: r.get(1)?,
        rating: r.get(2)?,
        rationale: r.get(3)?,
        reviewer: r.get(4)?,
        created_at: r.get(5)?,
        signed_off_by: r.get(6)?,
        signed_off_at: r.get(7)?,
        signed_off_own: false,
    }
    .with_own_flag())
}

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
        // Reports leave rejected claims out: a verdict on one would be recorded and
        // never published, with nothing to say so.
        if claim.status == ClaimStatus::Rejected {
            return Err(StoreError::Invalid(format!(
                "claim {} is rejected: reports leave it out, so a verdict on it would never be published; accept it first",
                short_id(claim_id)
            )));
        }
        // A verdict is a review: a suggestion that gets one is accepted with it (one
        // transaction, one undo), so no report leaves a judged claim out as "not reviewed".
        if claim.status == ClaimStatus::Suggested {
            claims::update_field(
                &w,
                claim_id,
                "status",
                json!(ClaimStatus::Suggested.as_str()),
                json!(ClaimStatus::Accepted.as_str()),
            )?;
        }
        let id = new_id();
        w.execute(
            "INSERT INTO verdicts (id, claim_id, rating, rationale, reviewer, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![id, claim_id, rating, rationale, w.reviewer, w.at],
        )?;
        search::index(&w, "verdict", &id)?;
        // No create entry: the row stands for it until it goes (`creations`).
        w.commit()?;
        Ok(id)
    }

    /// A claim's verdicts, oldest first, each with its sign-off if any.
    pub fn verdicts(&self, claim_id: &str) -> Result<Vec<Verdict>> {
        let sql = format!(
            "SELECT {VERDICT_COLUMNS} FROM verdicts v WHERE v.claim_id = ?1 ORDER BY v.created_at, v.id"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map([claim_id], verdict_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// An editor signs off a verdict (by default the claim's newest) as final.
    ///
    /// Four eyes: the verdict's own author is refused (nothing is written) unless
    /// `own` says they mean it, as a one-person desk must; such a sign-off is marked
    /// `"own": true` in its change-log entry.
    pub fn sign_off(
        &mut self,
        claim_id: &str,
        verdict_id: Option<&str>,
        own: bool,
    ) -> Result<String> {
        let w = self.write()?;
        let claim = claims::read_claim(&w, claim_id)?;
        if claim.status == crate::model::ClaimStatus::Rejected {
            return Err(StoreError::Invalid(format!(
                "claim {} is rejected: a sign-off would publish its verdict; accept it first",
                short_id(claim_id)
            )));
        }
        let row = |r: &rusqlite::Row<'_>| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?));
        let (verdict_id, author) = match verdict_id {
            Some(v) => find_verdict(&w, claim_id, v)?,
            None => w
                .query_row(
                    "SELECT id, reviewer FROM verdicts WHERE claim_id = ?1 ORDER BY created_at DESC, id DESC LIMIT 1",
                    [claim_id],
                    row,
                )
                .optional()?
                .ok_or_else(|| StoreError::Invalid("the claim has no verdict to sign off".into()))?,
        };
        // The editor who made this the final verdict signing it off again would only log
        // a repeat (a second editor confirming it, as after an own sign-off, is news).
        let current: Option<(String, String)> = w
            .query_row(
                "SELECT verdict_id, editor FROM signoffs WHERE claim_id = ?1
                 ORDER BY created_at DESC, id DESC LIMIT 1",
                [claim_id],
                row,
            )
            .optional()?;
        if let Some((_, editor)) =
            current.filter(|(v, editor)| *v == verdict_id && same_reviewer(editor, &w.reviewer))
        {
            return Err(StoreError::Invalid(format!(
                "verdict {} is already the signed-off one (by {})",
                short_id(&verdict_id),
                crate::text::sanitize_line(&editor)
            )));
        }
        let own_verdict = same_reviewer(&author, &w.reviewer);
        if own && !own_verdict {
            return Err(StoreError::Invalid(format!(
                "--own is for signing off your own verdict; verdict {} is by {} (sign it off without --own)",
                short_id(&verdict_id),
                crate::text::sanitize_line(&author)
            )));
        }
        if own_verdict && !own {
            return Err(StoreError::OwnVerdict {
                verdict: short_id(&verdict_id).to_string(),
                author: crate::text::sanitize_line(&author).into_owned(),
            });
        }
        let id = new_id();
        w.execute(
            "INSERT INTO signoffs (id, claim_id, verdict_id, editor, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![id, claim_id, verdict_id, w.reviewer, w.at],
        )?;
        let mut logged = json!({"claim_id": claim_id, "verdict_id": verdict_id});
        if own_verdict {
            logged["own"] = json!(true);
        }
        w.log("signoff", &id, "create", None, None, Some(&logged))?;
        w.commit()?;
        Ok(id)
    }
}

/// A verdict of the claim by its full id, or by the 8 digits factdesk prints (or 4 or
/// more of their first): (id, reviewer).
fn find_verdict(
    conn: &rusqlite::Connection,
    claim_id: &str,
    given: &str,
) -> Result<(String, String)> {
    let given = given.trim().to_ascii_lowercase();
    let mut stmt = conn.prepare("SELECT id, reviewer FROM verdicts WHERE claim_id = ?1")?;
    let all: Vec<(String, String)> = stmt
        .query_map([claim_id], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let short = given.len() >= 4 && given.chars().all(|c| c.is_ascii_hexdigit());
    let matches: Vec<&(String, String)> = all
        .iter()
        .filter(|(id, _)| {
            *id == given
                || (short && short_id(id).starts_with(&given))
                || (given.len() >= 8 && id.starts_with(&given))
        })
        .collect();
    match matches.as_slice() {
        [one] => Ok((*one).clone()),
        [] => Err(StoreError::NotFound {
            what: "verdict of this claim",
            prefix: given,
        }),
        many => Err(StoreError::Ambiguous {
            what: "verdict",
            prefix: given,
            count: many.len(),
            examples: many
                .iter()
                .take(3)
                .map(|(id, _)| short_id(id))
                .collect::<Vec<_>>()
                .join(", "),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ClaimStatus, NewArticle, NewClaim};

    /// A store with one claim carrying one verdict by "dana"; the claim's id.
    fn claim_with_verdict(store: &mut Store) -> String {
        let article = NewArticle {
            body: "The council met twice in June.".into(),
            ..NewArticle::default()
        };
        let article_id = match store.import_article(&article, &[]).unwrap() {
            super::super::ImportOutcome::Imported { id, .. } => id,
            other => panic!("{other:?}"),
        };
        let claim = NewClaim::at(0, 30, ClaimStatus::Accepted);
        let claim_id = store.add_claim(&article_id, &claim).unwrap();
        store
            .add_verdict(&claim_id, "true", "Minutes agree")
            .unwrap();
        claim_id
    }

    fn rows(store: &Store, sql: &str) -> i64 {
        store.conn.query_row(sql, [], |r| r.get(0)).unwrap()
    }

    #[test]
    fn a_sign_off_needs_a_second_reviewer() {
        let mut store = Store::open_in_memory("dana").unwrap();
        let claim_id = claim_with_verdict(&mut store);
        let verdict = store.verdicts(&claim_id).unwrap().remove(0);
        let changes = rows(&store, "SELECT count(*) FROM changes");

        // The author, even spelt differently, is refused, and nothing is written.
        store.set_reviewer(" Dana");
        let err = store.sign_off(&claim_id, None, false).unwrap_err();
        assert!(matches!(err, StoreError::OwnVerdict { .. }));
        assert_eq!(
            err.to_string(),
            format!(
                "{}: this verdict is by dana; a sign-off needs a second reviewer (use --own to sign off your own verdict)",
                short_id(&verdict.id)
            )
        );
        assert_eq!(rows(&store, "SELECT count(*) FROM signoffs"), 0);
        assert_eq!(rows(&store, "SELECT count(*) FROM changes"), changes);

        // Deliberately, with own: allowed, and the change log says so.
        store.set_reviewer("dana");
        store.sign_off(&claim_id, Some(&verdict.id), true).unwrap();
        let c = store.claim(&claim_id).unwrap();
        assert_eq!(c.verdict.unwrap().signed_off_by.as_deref(), Some("dana"));
        let logged: String = store
            .conn
            .query_row(
                "SELECT new_value FROM changes WHERE entity = 'signoff'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        let logged: serde_json::Value = serde_json::from_str(&logged).unwrap();
        assert_eq!(logged["own"], true);

        // A second reviewer needs no flag, and their sign-off is not marked own.
        store.set_reviewer("ed");
        store.sign_off(&claim_id, None, false).unwrap();
        assert_eq!(
            rows(
                &store,
                "SELECT count(*) FROM changes WHERE entity = 'signoff' AND new_value LIKE '%own%'"
            ),
            1
        );
    }

    #[test]
    fn sign_off_by_the_printed_id_once_and_never_on_a_rejected_claim() {
        let mut store = Store::open_in_memory("dana").unwrap();
        let claim_id = claim_with_verdict(&mut store);
        store.set_reviewer("bob");
        store.add_verdict(&claim_id, "false", "No.").unwrap();
        let verdicts = store.verdicts(&claim_id).unwrap();
        let (first, second) = (&verdicts[0].id, &verdicts[1].id);
        // The 8 digits factdesk prints, or their first 4 or more, name a verdict.
        store.set_reviewer("ed");
        store
            .sign_off(&claim_id, Some(short_id(first)), false)
            .unwrap();
        store.set_reviewer("fay");
        store
            .sign_off(&claim_id, Some(&short_id(second)[..5]), false)
            .unwrap();
        // Fay's is the newest sign-off: it decides, and the others are named.
        let detail = store.claim_detail(&claim_id).unwrap();
        assert_eq!(detail.claim.verdict.as_ref().unwrap().rating, "false");
        let warning = detail.signoff_disagreement().unwrap();
        assert!(warning.contains("ed signed off true (dana)"), "{warning}");
        // Dana's verdict is signed off (by ed): not "a newer verdict is not signed off".
        assert_eq!(detail.unsigned_newer_warning(), None);
        // The editor who made it final signing it off again: refused, nothing written.
        let signoffs = rows(&store, "SELECT count(*) FROM signoffs");
        let err = store.sign_off(&claim_id, None, false).unwrap_err();
        assert!(
            err.to_string()
                .contains("already the signed-off one (by fay)"),
            "{err}"
        );
        assert_eq!(rows(&store, "SELECT count(*) FROM signoffs"), signoffs);
        // A rejected claim's verdict is not signed off.
        store
            .set_claim_status(&claim_id, crate::model::ClaimStatus::Rejected)
            .unwrap();
        store.set_reviewer("gus");
        let err = store.sign_off(&claim_id, None, false).unwrap_err();
        assert!(err.to_string().contains("is rejected"), "{err}");
    }

    #[test]
    fn an_editor_who_changed_their_sign_off_is_no_disagreement_and_four_eyes_show_first() {
        let mut store = Store::open_in_memory("dana").unwrap();
        let claim_id = claim_with_verdict(&mut store);
        store.set_reviewer("bob");
        store.add_verdict(&claim_id, "false", "No.").unwrap();
        let verdicts = store.verdicts(&claim_id).unwrap();
        store.set_reviewer("ed");
        store.sign_off(&claim_id, None, false).unwrap();
        store
            .sign_off(&claim_id, Some(short_id(&verdicts[0].id)), false)
            .unwrap();
        let detail = store.claim_detail(&claim_id).unwrap();
        assert_eq!(detail.claim.verdict.as_ref().unwrap().rating, "true");
        assert_eq!(detail.signoff_disagreement(), None);
        // --own is for one's own verdict only.
        let err = store.sign_off(&claim_id, None, true).unwrap_err();
        assert!(err.to_string().contains("--own is for"), "{err}");
        // Bob signs off his own verdict, which ed signed off before (copies merged can
        // hold both): ed's four-eyes sign-off is the one shown, and it is not "own".
        store.set_reviewer("bob");
        store
            .sign_off(&claim_id, Some(&verdicts[1].id), true)
            .unwrap();
        let shown = store.verdicts(&claim_id).unwrap().remove(1);
        assert_eq!(
            (shown.signed_off_by.as_deref(), shown.signed_off_own),
            (Some("ed"), false)
        );
    }

    #[test]
    fn every_editors_standing_sign_off_counts() {
        let mut store = Store::open_in_memory("alice").unwrap();
        let claim_id = claim_with_verdict(&mut store);
        for editor in ["bob", "ed"] {
            store.set_reviewer(editor);
            store.sign_off(&claim_id, None, false).unwrap();
        }
        store.set_reviewer("carl");
        store.add_verdict(&claim_id, "false", "No.").unwrap();
        store.set_reviewer("ed");
        store.sign_off(&claim_id, None, false).unwrap();
        let detail = store.claim_detail(&claim_id).unwrap();
        // Ed changed his mind; Bob's sign-off of the first verdict still stands.
        let warning = detail.signoff_disagreement().unwrap();
        assert!(
            warning.starts_with("editors disagree: ed signed off false"),
            "{warning}"
        );
        assert!(warning.contains("bob signed off true"), "{warning}");
        let first = &detail.verdicts[0];
        assert_eq!(first.signed_off_by.as_deref(), Some("ed"));
        assert_eq!(detail.other_signers(first), ["bob"]);
    }
}

//! Carrying out one change to the database for the workbench (each one store call or
//! one `bulk` transaction) and saying what it did.

use super::command::{Outcome, WriteOp};
use crate::model::{Claim, ClaimEdit, ClaimStatus};
use crate::store::{ClaimFilter, Store, StoreError};

pub(super) fn write(store: &mut Store, op: WriteOp) -> anyhow::Result<Outcome> {
    let article_of = |store: &Store, claim_id: &str| store.claim(claim_id).map(|c| c.article_id);
    let (article_id, message, select) = match op {
        WriteOp::SetStatus(id, status) => {
            store.set_claim_status(&id, status)?;
            let claim = store.claim(&id)?;
            let label = crate::text::truncate_chars(&claim.label, 40).into_owned();
            (claim.article_id, format!("{status} \"{label}\""), Some(id))
        }
        WriteOp::Verdict {
            claim_id,
            rating,
            rationale,
        } => {
            // A verdict on a suggestion accepts it too, in one transaction.
            let accepted = store.bulk(|s| {
                let suggested = s.claim(&claim_id)?.status == ClaimStatus::Suggested;
                if suggested {
                    s.set_claim_status(&claim_id, ClaimStatus::Accepted)?;
                }
                s.add_verdict(&claim_id, &rating, &rationale)?;
                Ok(suggested)
            })?;
            let what = if accepted {
                "accepted the claim and saved verdict"
            } else {
                "saved verdict"
            };
            (
                article_of(store, &claim_id)?,
                format!("{what} \"{rating}\""),
                Some(claim_id),
            )
        }
        WriteOp::Source {
            claim_id,
            source,
            stance,
            excerpt,
        } => {
            let before = store.links_for_claim(&claim_id)?;
            let (source_id, created) = store.bulk(|s| {
                let (source_id, created) = s.add_source(&source)?;
                // Linked already: an excerpt not typed again, and the link's note, stay.
                let old = before.iter().find(|l| l.source.id == source_id);
                let excerpt = excerpt
                    .clone()
                    .or_else(|| old.and_then(|l| l.excerpt.clone()));
                let note = old.and_then(|l| l.note.as_deref());
                s.link_source(&claim_id, &source_id, stance, excerpt.as_deref(), note)?;
                Ok((source_id, created))
            })?;
            let message = if created {
                format!("added source ({stance})")
            } else {
                reused_source_message(store, &before, &source_id, &source, stance)?
            };
            (article_of(store, &claim_id)?, message, Some(claim_id))
        }
        WriteOp::Note {
            article_id,
            claim_id,
            body,
        } => {
            store.add_note(&article_id, claim_id.as_deref(), &body)?;
            (article_id, "note saved".into(), claim_id)
        }
        WriteOp::Edit {
            claim_id,
            edit,
            expected,
        } => {
            // Only what changed reaches the change log.
            let before = store.claim(&claim_id)?;
            if let Some(outcome) = edited_meanwhile(&before, &edit, &expected) {
                return Ok(outcome);
            }
            let changed = |new: Option<String>, old: &str| new.filter(|n| n.trim() != old);
            let edit = ClaimEdit {
                label: changed(edit.label, &before.label),
                claimant: changed(edit.claimant, &before.claimant),
                kind: changed(edit.kind, &before.kind),
                span: edit.span.filter(|&s| s != (before.start, before.end)),
            };
            if edit == ClaimEdit::default() {
                return Ok(Outcome::Info("nothing changed".into()));
            }
            store.edit_claim(&claim_id, &edit)?;
            let message = match before.signed_off_quote_moved(&store.claim(&claim_id)?) {
                Some(warning) => format!("claim updated; {warning}"),
                None => "claim updated".into(),
            };
            (article_of(store, &claim_id)?, message, Some(claim_id))
        }
        WriteOp::AddClaim { article_id, claim } => {
            let id = store.add_claim(&article_id, &claim)?;
            (
                article_id,
                format!("marked new claim \"{}\"", claim.label),
                Some(id),
            )
        }
        WriteOp::Delete(id) => {
            let article_id = article_of(store, &id)?;
            store.delete_claim(&id)?;
            (article_id, "claim deleted (u undoes)".into(), None)
        }
        WriteOp::Split(id, at) => {
            let second = store.split_claim(&id, at)?;
            let second = store.claim(&second)?;
            let label = crate::text::truncate_chars(&second.label, 40).into_owned();
            (
                second.article_id,
                format!("split in two: the second part is \"{label}\" (u joins them again)"),
                Some(id),
            )
        }
        WriteOp::SignOff(id) => {
            store
                .sign_off(&id, None, false)
                .map_err(|e| anyhow::anyhow!(sign_off_refusal(&e, &id)))?;
            // Signed off all the same (an editor's call), but said plainly.
            let message = match crate::model::thin_evidence(&store.links_for_claim(&id)?) {
                Some(thin) => format!("verdict signed off; note: {thin}"),
                None => "verdict signed off".into(),
            };
            (article_of(store, &id)?, message, Some(id))
        }
        WriteOp::Undo => {
            if let Some(article) = store.next_undo_import()? {
                anyhow::bail!(
                    "nothing more to undo here: the next undo would remove article {} itself, as imported; `factdesk undo` on the command line does that",
                    crate::model::short_id(&article)
                );
            }
            let undone = store.undo_last()?;
            let message = format!("undone: {}", undone.summary_lines(4).join("; "));
            // Back on the claim the undone action was about, when it still exists.
            let claim = undone.claim_id.and_then(|id| store.claim(&id).ok());
            return Ok(Outcome::Undone {
                message,
                claim: claim.map(|c| (c.article_id, c.id)),
            });
        }
    };
    Ok(Outcome::Claims {
        claims: store.claims(Some(&article_id), &ClaimFilter::default())?,
        notes: store.notes_for_article(&article_id)?,
        message: Some(format!("✓ {message}")),
        select,
    })
}

/// A refused sign-off as the workbench says it: the store's one line, and for a
/// reviewer's own verdict where the deliberate override lives (the command line).
pub(super) fn sign_off_refusal(error: &StoreError, claim_id: &str) -> String {
    match error {
        StoreError::OwnVerdict { author, .. } => format!(
            "this verdict is by {author}; a sign-off needs a second reviewer (a desk of one signs off its own on the command line: factdesk signoff {} --own)",
            crate::model::short_id(claim_id)
        ),
        other => other.to_string(),
    }
}

/// What linking a source that was already there (the same URL) did: which source it
/// is, typed details that were not used (blank ones were filled in), and a stance
/// that changed.
fn reused_source_message(
    store: &Store,
    before: &[crate::model::SourceLink],
    source_id: &str,
    typed: &crate::model::NewSource,
    stance: crate::model::Stance,
) -> anyhow::Result<String> {
    let existing = store.source(source_id)?;
    let title = crate::text::truncate_chars(&existing.title, 40).into_owned();
    let mut message = match before.iter().find(|l| l.source.id == source_id) {
        Some(link) if link.stance != stance => format!(
            "source \"{title}\" was already linked: its stance is now {stance} (was {})",
            link.stance
        ),
        Some(_) => format!("source \"{title}\" was already linked ({stance})"),
        None => format!("linked the existing source \"{title}\" with the same URL ({stance})"),
    };
    let unused = existing.not_taken_from(typed);
    if !unused.is_empty() {
        message.push_str(&format!(
            "; it keeps its own details, so what you typed was not used: {}",
            crate::text::truncate_chars(&unused.join(", "), 80)
        ));
    }
    Ok(message)
}

/// The edit-conflict outcome when a field the reviewer changed no longer has the value
/// their form opened with: another workbench (or a merge) changed it meanwhile, and a
/// silent save would overwrite that.
fn edited_meanwhile(before: &Claim, edit: &ClaimEdit, expected: &ClaimEdit) -> Option<Outcome> {
    let differs = |new: &Option<String>, opened: &Option<String>, now: &str| {
        new.is_some() && opened.as_deref().is_some_and(|o| o.trim() != now)
    };
    let mut fields = Vec::new();
    for (name, new, opened, now) in [
        ("label", &edit.label, &expected.label, before.label.as_str()),
        (
            "claimant",
            &edit.claimant,
            &expected.claimant,
            before.claimant.as_str(),
        ),
        ("kind", &edit.kind, &expected.kind, before.kind.as_str()),
    ] {
        if differs(new, opened, now) {
            fields.push(format!("{name} “{}”", crate::text::truncate_chars(now, 40)));
        }
    }
    if edit.span.is_some()
        && expected
            .span
            .is_some_and(|s| s != (before.start, before.end))
    {
        fields.push(format!("span {}-{}", before.start, before.end));
    }
    if fields.is_empty() {
        return None;
    }
    Some(Outcome::EditConflict {
        message: format!(
            "not saved: {} changed this claim while your form was open (now {}); Ctrl-S again saves yours over it",
            crate::text::sanitize_line(&before.updated_by),
            crate::text::sanitize_line(&fields.join(", "))
        ),
        claim: Box::new(before.clone()),
    })
}

//! Bringing unsaved form text back: the drafts the workbench holds (read from the
//! drafts file at start, added when a form is left with Esc or on quit), restoring one
//! into a form as it opens, and keeping the file in step (forgotten on save or on a
//! second Esc). `update` only records file changes; `dispatch` writes them.

use super::app::{App, Modal};
use super::draft::{self, Draft, DraftKey};
use super::forms::{FieldValue, FormKind};
use super::input::{Edit, TextInput};
use crate::model::same_reviewer;
use crate::store::Store;
use crate::text::{is_needed_joiner, is_unsafe_char, sanitize_line};

/// A change to the drafts file, made by [`App::flush_drafts`].
#[derive(Debug, Clone, PartialEq)]
pub enum DraftOp {
    Keep(Draft),
    Forget(DraftKey),
}

/// The longest field text a draft brings back (in characters).
const MAX_FIELD_CHARS: usize = 100_000;

/// The form and target a form's text belongs to.
pub fn draft_key(modal: &Modal) -> Option<DraftKey> {
    let (form, target) = match modal {
        Modal::Verdict(v) => ("verdict", v.claim_id.clone()),
        Modal::Form(f) => match &f.kind {
            FormKind::Source { claim_id } => ("source", claim_id.clone()),
            FormKind::Edit { claim_id } => ("edit", claim_id.clone()),
            FormKind::Note {
                article_id,
                claim_id,
            } => (
                "note",
                claim_id.clone().unwrap_or_else(|| article_id.clone()),
            ),
        },
        _ => return None,
    };
    Some(DraftKey {
        form: form.into(),
        target,
    })
}

/// Restored text enters a field as a paste does (controls dropped, line breaks
/// normalised), without bidi controls or invisibles, and of a sane length.
fn field_input(text: &str, multiline: bool) -> TextInput {
    let clean: String = text
        .chars()
        .filter(|&c| matches!(c, '\n' | '\r' | '\t') || !is_unsafe_char(c) || is_needed_joiner(c))
        .take(MAX_FIELD_CHARS)
        .collect();
    let mut input = TextInput::new("");
    input.multiline = multiline;
    input.apply(&Edit::Paste(clean));
    input
}

impl App {
    /// Reads the drafts file of the store's database: this reviewer's drafts whose
    /// claim or article still exists. Anything else in the file is left alone.
    pub fn load_drafts(&mut self, store: &Store) {
        self.drafts_path = store.path().map(draft::drafts_path);
        let Some(path) = &self.drafts_path else {
            return;
        };
        let exists = |key: &DraftKey| {
            store.claim(&key.target).is_ok()
                || (key.form == "note" && store.article_summary(&key.target).is_ok())
        };
        self.drafts = draft::load(path)
            .into_iter()
            .filter(|d| same_reviewer(&d.reviewer, &self.reviewer) && exists(&d.key))
            .collect();
    }

    /// The open form's unsaved text as a draft, if it holds any.
    pub fn current_draft(&self) -> Option<Draft> {
        let modal = self.modal.as_ref().filter(|_| self.has_unsaved_text())?;
        self.draft_of(modal)
    }

    fn draft_of(&self, modal: &Modal) -> Option<Draft> {
        let key = draft_key(modal)?;
        let opened = match modal {
            Modal::Form(f) if matches!(f.kind, FormKind::Edit { .. }) => f
                .fields
                .iter()
                .filter(|field| field.is_changed())
                .map(|field| (field.label.to_string(), field.initial().to_string()))
                .collect(),
            _ => Vec::new(),
        };
        let (title, rating, fields) = match modal {
            Modal::Verdict(v) => (
                format!(
                    "verdict for {} [{}]",
                    v.claim_title,
                    crate::model::short_id(&v.claim_id)
                ),
                v.rating
                    .and_then(|i| self.ratings.get(i))
                    .map(|r| r.name.clone()),
                vec![("rationale".to_string(), v.rationale.text())],
            ),
            Modal::Form(f) => (
                f.title.clone(),
                None,
                // Only the changed fields: restored later, the draft must not bring
                // back values of the others that may have changed meanwhile.
                f.fields
                    .iter()
                    .filter(|field| field.is_changed())
                    .map(|field| (field.label.to_string(), field.as_text()))
                    .collect(),
            ),
            _ => return None,
        };
        Some(Draft {
            key,
            reviewer: self.reviewer.clone(),
            title,
            rating,
            fields,
            opened,
        })
    }

    /// Keeps a form's text as a draft, in memory and (after `update`) in the file,
    /// replacing an earlier one of the same form and target.
    pub(super) fn keep_draft(&mut self, draft: Draft) {
        self.drafts.retain(|d| d.key != draft.key);
        self.drafts.push(draft.clone());
        self.draft_ops.push(DraftOp::Keep(draft));
    }

    /// Drops the draft of a form and target (saved, emptied, or discarded).
    pub(super) fn forget_draft(&mut self, key: &DraftKey) {
        let before = self.drafts.len();
        self.drafts.retain(|d| d.key != *key);
        if self.drafts.len() != before {
            self.draft_ops.push(DraftOp::Forget(key.clone()));
        }
    }

    /// A form is left with Esc: its text is kept as a draft (a second Esc discards
    /// it); a form left empty takes its old draft with it. Says which.
    pub(super) fn leave_form(&mut self, modal: Modal, reopen_key: &str) {
        let unsaved = match &modal {
            Modal::Verdict(v) => !v.rationale.is_blank(),
            Modal::Form(f) => f.changed,
            _ => false,
        };
        match (unsaved, self.draft_of(&modal)) {
            (true, Some(draft)) => {
                self.just_kept = Some(draft.key.clone());
                self.keep_draft(draft);
                self.info(format!(
                    "not saved: kept as a draft ({reopen_key} brings it back; Esc again discards it)"
                ));
            }
            _ => {
                if let Some(key) = draft_key(&modal) {
                    self.forget_draft(&key);
                }
                self.info("not saved");
            }
        }
    }

    /// Opens a form; with the text of this reviewer's draft for the same form and
    /// target, if there is one.
    pub(super) fn open_form(&mut self, fresh: Modal) {
        let draft = draft_key(&fresh)
            .and_then(|key| self.drafts.iter().rev().find(|d| d.key == key))
            .cloned();
        self.modal = Some(match draft {
            Some(d) => {
                self.info("restored your unsaved draft (Ctrl-S saves it; Esc, then Esc again, discards it)");
                self.restored(fresh, &d)
            }
            None => fresh,
        });
    }

    fn restored(&self, fresh: Modal, d: &Draft) -> Modal {
        let text_of = |label: &str| {
            d.fields
                .iter()
                .rev()
                .find(|(l, _)| l == label)
                .map(|(_, t)| t.as_str())
        };
        match fresh {
            Modal::Verdict(mut v) => {
                let rating = d
                    .rating
                    .as_ref()
                    .and_then(|name| self.ratings.iter().position(|r| r.name == *name));
                if let Some(i) = rating {
                    v.highlight = i;
                    v.rating = Some(i);
                }
                if let Some(text) = text_of("rationale") {
                    v.rationale = field_input(text, true);
                }
                Modal::Verdict(v)
            }
            Modal::Form(mut f) => {
                for field in &mut f.fields {
                    let Some(text) = text_of(field.label) else {
                        continue;
                    };
                    if let Some((_, opened)) = d.opened.iter().find(|(l, _)| l == field.label) {
                        field.set_initial(opened);
                    }
                    match &mut field.value {
                        FieldValue::Text(t) => *t = field_input(text, t.multiline),
                        FieldValue::Choice { options, index } => {
                            if let Some(i) = options.iter().position(|o| *o == text) {
                                *index = i;
                            }
                        }
                    }
                }
                f.changed = true;
                Modal::Form(f)
            }
            other => other,
        }
    }

    /// Writes the drafts changes `update` recorded. A failure is said on the status
    /// line; the drafts stay in memory either way.
    pub fn flush_drafts(&mut self) {
        let ops = std::mem::take(&mut self.draft_ops);
        let Some(path) = self.drafts_path.clone() else {
            return;
        };
        for op in ops {
            let result = match &op {
                DraftOp::Keep(d) => draft::keep(&path, d),
                DraftOp::Forget(key) => draft::forget(&path, key, &self.reviewer),
            };
            if let Err(e) = result {
                let shown = path.display().to_string();
                self.error(format!(
                    "{}: could not update the drafts file: {}",
                    sanitize_line(&shown),
                    sanitize_line(&e.to_string())
                ));
            }
        }
    }
}

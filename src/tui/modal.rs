//! Updates while a pop-up has the keys: help, the delete question, the verdict form and
//! the field forms; and the claim actions that open them.

use super::action::Action;
use super::app::{App, Modal};
use super::command::{Command, WriteOp};
use super::forms::{FieldForm, VerdictForm};
use super::input::TextInput;
use crate::model::{Claim, ClaimStatus};

impl App {
    pub(super) fn claim_action(&mut self, action: Action, claim: &Claim) -> Option<Command> {
        let title = self.claim_title(claim);
        let id = claim.id.clone();
        let already = match action {
            Action::Accept => claim.status == ClaimStatus::Accepted,
            Action::Reject => claim.status == ClaimStatus::Rejected,
            _ => false,
        };
        // What S signs off: the claim's newest verdict (as `factdesk signoff` does), so a
        // verdict given after the signed-off one can be signed off from the keyboard.
        let newest = self
            .work
            .as_ref()
            .and_then(|w| w.detail.as_ref())
            .filter(|d| d.claim.id == claim.id)
            // Oldest first (by time, then id): the last is the newest.
            .and_then(|d| d.verdicts.last())
            .or(claim.verdict.as_ref());
        let already_final = newest.is_some_and(|v| {
            claim.verdict.as_ref().is_some_and(|c| c.id == v.id)
                && v.signed_off_by
                    .as_ref()
                    .is_some_and(|e| crate::model::same_reviewer(e, &self.reviewer))
        });
        if action == Action::SignOff
            && already_final
            && let Some(editor) = newest.and_then(|v| v.signed_off_by.as_ref())
        {
            self.info(format!(
                "{title}: the verdict is already signed off by {}",
                crate::text::sanitize_line(editor)
            ));
            return None;
        }
        // Four eyes: refused here already, with the same words the store would use.
        if action == Action::SignOff
            && let Some(v) = newest.filter(|v| v.is_by(&self.reviewer))
        {
            let refusal = crate::store::StoreError::OwnVerdict {
                verdict: crate::model::short_id(&v.id).to_string(),
                author: crate::text::sanitize_line(&v.reviewer).into_owned(),
            };
            self.error(super::write::sign_off_refusal(&refusal, &id));
            return None;
        }
        if already {
            // Writing it again would only put a no-op in the change log for u to undo.
            self.info(format!("{title} is already {}", claim.status));
            return None;
        }
        match action {
            Action::Accept => Some(Command::Write(WriteOp::SetStatus(
                id,
                ClaimStatus::Accepted,
            ))),
            Action::Reject => Some(Command::Write(WriteOp::SetStatus(
                id,
                ClaimStatus::Rejected,
            ))),
            Action::SignOff => Some(Command::Write(WriteOp::SignOff(id))),
            Action::Verdict => {
                if claim.status == ClaimStatus::Rejected {
                    // Said before the form opens: nothing typed is lost to a refusal.
                    self.error(format!(
                        "{title} is rejected: reports leave it out; accept it (a) before giving it a verdict"
                    ));
                    return None;
                }
                if self.ratings.is_empty() {
                    self.error("the database has no rating scale: run `factdesk init`");
                    return None;
                }
                let current = claim
                    .verdict
                    .as_ref()
                    .and_then(|v| self.ratings.iter().position(|r| r.name == v.rating))
                    .unwrap_or(0);
                self.open_form(Modal::Verdict(VerdictForm {
                    claim_id: id,
                    claim_title: title,
                    highlight: current,
                    rating: None,
                    rationale: TextInput::multiline(""),
                    error: None,
                }));
                None
            }
            Action::AddSource => {
                self.open_form(Modal::Form(FieldForm::source(&id, &title)));
                None
            }
            Action::EditClaim => {
                self.open_form(Modal::Form(FieldForm::edit(claim, &title)));
                None
            }
            Action::Delete => {
                self.modal = Some(Modal::ConfirmDelete {
                    claim_id: id,
                    title,
                });
                None
            }
            _ => None,
        }
    }

    pub(super) fn update_modal(&mut self, action: Action) -> Option<Command> {
        let modal = self.modal.take()?;
        // A form that saves stays at hand until the store says yes: if the write
        // fails, it comes back with everything typed.
        let form = matches!(modal, Modal::Verdict(_) | Modal::Form(_)).then(|| modal.clone());
        let (keep, cmd) = match modal {
            Modal::Help { scroll } => match action {
                Action::Down => {
                    let max = super::view::help::max_scroll(self.size, &self.screen_layers());
                    (
                        Some(Modal::Help {
                            scroll: scroll.saturating_add(1).min(max),
                        }),
                        None,
                    )
                }
                Action::Up => (
                    Some(Modal::Help {
                        scroll: scroll.saturating_sub(1),
                    }),
                    None,
                ),
                Action::ToggleHelp | Action::Back => (None, None),
                _ => (Some(Modal::Help { scroll }), None),
            },
            Modal::ConfirmDelete { claim_id, title } => match action {
                Action::Yes => (None, Some(Command::Write(WriteOp::Delete(claim_id)))),
                Action::No | Action::Back => {
                    self.info(format!("kept {title}"));
                    (None, None)
                }
                _ => (Some(Modal::ConfirmDelete { claim_id, title }), None),
            },
            Modal::Verdict(form) => self.update_verdict(form, action),
            Modal::Form(form) => self.update_form(form, action),
        };
        if keep.is_none() && matches!(cmd, Some(Command::Write(_))) {
            self.unconfirmed_form = form;
        }
        self.modal = keep;
        cmd
    }

    fn update_verdict(
        &mut self,
        mut f: VerdictForm,
        action: Action,
    ) -> (Option<Modal>, Option<Command>) {
        let n = self.ratings.len();
        match action {
            Action::Back => {
                self.leave_form(Modal::Verdict(f), "v");
                return (None, None);
            }
            Action::PickRating(d) if (1..=n).contains(&(d as usize)) => {
                f.highlight = d as usize - 1;
                f.rating = Some(f.highlight);
                f.error = None;
            }
            Action::PickRating(d) => f.error = Some(format!("there is no rating {d}; pick 1-{n}")),
            Action::Down => f.highlight = (f.highlight + 1).min(n.saturating_sub(1)),
            Action::Up => f.highlight = f.highlight.saturating_sub(1),
            Action::NextField if f.rating.is_none() => {
                f.rating = Some(f.highlight);
                f.error = None;
            }
            Action::PrevField => f.rating = None,
            Action::Input(edit) => {
                f.rationale.apply(&edit);
                f.error = None;
            }
            Action::Save => {
                let rating = f.rating.and_then(|i| self.ratings.get(i));
                match rating {
                    None => f.error = Some("pick a rating first".into()),
                    Some(_) if f.rationale.is_blank() => {
                        f.error = Some("write a rationale: readers need to know why".into())
                    }
                    Some(r) => {
                        let op = WriteOp::Verdict {
                            claim_id: f.claim_id.clone(),
                            rating: r.name.clone(),
                            rationale: f.rationale.text().trim().to_string(),
                        };
                        return (None, Some(Command::Write(op)));
                    }
                }
            }
            _ => {}
        }
        (Some(Modal::Verdict(f)), None)
    }

    fn update_form(
        &mut self,
        mut f: FieldForm,
        action: Action,
    ) -> (Option<Modal>, Option<Command>) {
        match action {
            Action::Back => {
                self.leave_form(Modal::Form(f), "the same key");
                return (None, None);
            }
            Action::NextField => f.next_field(true),
            Action::PrevField => f.next_field(false),
            Action::CycleChoice => f.edit_focused(&super::input::Edit::Right),
            Action::Input(super::input::Edit::Newline) if !f.focused_is_multiline() => {
                f.next_field(true)
            }
            Action::Input(edit) => f.edit_focused(&edit),
            Action::Save => match f.finish() {
                Some(op) => {
                    return (None, Some(Command::Write(op)));
                }
                None => self.error("fix the field marked in red, then Ctrl-S"),
            },
            _ => {}
        }
        (Some(Modal::Form(f)), None)
    }
}

//! Updates for the workbench itself: moving, panes, filters, and the claim actions
//! (accept, reject, verdict, source, note, edit, mark, split, delete, undo, sign-off,
//! report).

use super::action::Action;
use super::app::{App, Focus, Modal, Screen};
use super::command::{Command, WriteOp};
use super::forms::FieldForm;
use crate::store::ClaimSort;

impl App {
    pub(super) fn update_workbench(&mut self, action: Action) -> Option<Command> {
        if self.work.as_ref().is_some_and(|w| w.mark.is_some()) {
            return self.update_mark(action);
        }
        let claim = self.selected_claim().cloned();
        let need_claim = || {
            claim
                .clone()
                .ok_or("no claim selected: press m in the article pane to mark one")
        };
        match action {
            Action::Down
            | Action::Up
            | Action::PageDown
            | Action::PageUp
            | Action::First
            | Action::Last => {
                if self.focus == Focus::Article {
                    self.move_article_cursor(&action)
                } else if self.focus == Focus::Detail {
                    let max = super::view::detail::detail_max_scroll(self);
                    let page = self.detail_height().saturating_sub(1).max(1);
                    let w = self.work.as_mut()?;
                    w.detail_scroll = match action {
                        Action::Down => w.detail_scroll.saturating_add(1),
                        Action::Up => w.detail_scroll.saturating_sub(1),
                        Action::PageDown => w.detail_scroll.saturating_add(page),
                        Action::PageUp => w.detail_scroll.saturating_sub(page),
                        Action::Last => max,
                        _ => 0,
                    }
                    .min(max);
                    None
                } else {
                    self.move_selection(&action)
                }
            }
            Action::WordRight | Action::WordLeft => self.move_article_cursor(&action),
            Action::NextPane | Action::PrevPane => {
                let order = [Focus::Article, Focus::Claims, Focus::Detail];
                let i = order.iter().position(|f| *f == self.focus).unwrap_or(0);
                let step = if action == Action::NextPane { 1 } else { 2 };
                self.focus = order[(i + step) % 3];
                self.keep_cursor_visible();
                None
            }
            Action::Open => {
                self.focus = Focus::Detail;
                self.keep_cursor_visible();
                None
            }
            Action::Back if self.focus != Focus::Claims => {
                self.focus = Focus::Claims;
                self.keep_cursor_visible();
                None
            }
            Action::Back => {
                self.screen = Screen::Picker;
                Some(self.load_picker(self.picker.offset))
            }
            Action::Search => self.open_search(),
            Action::ToggleHelp => {
                self.modal = Some(Modal::Help { scroll: 0 });
                None
            }
            Action::CycleFilter | Action::CycleSort => {
                let keep = claim.map(|c| c.id);
                if let Some(w) = &mut self.work {
                    if action == Action::CycleFilter {
                        w.filter = w.filter.next();
                    } else {
                        let i = ClaimSort::ALL
                            .iter()
                            .position(|s| *s == w.sort)
                            .unwrap_or(0);
                        w.sort = ClaimSort::ALL[(i + 1) % ClaimSort::ALL.len()];
                    }
                    let (f, s) = (w.filter.as_str(), w.sort.as_str());
                    self.info(format!("filter: {f}, sort: {s}"));
                }
                self.rebuild_visible(keep.as_deref())
            }
            Action::Undo => Some(Command::Write(WriteOp::Undo)),
            Action::Report => {
                let w = self.work.as_ref()?;
                Some(Command::Report {
                    article_id: w.article.id.clone(),
                    options: self.report_options.clone(),
                })
            }
            Action::Mark => {
                let w = self.work.as_mut()?;
                let at = w.byte_of(w.cursor);
                let (s, e) = super::selection::word_at(&w.article.body, at);
                w.mark = Some((w.cp_of(s), w.cp_of(e)));
                w.remark = None;
                self.focus = Focus::Article;
                self.info(
                    "marking: w word, c clause, s sentence, b shrink, Enter create, Esc cancel",
                );
                None
            }
            Action::Remark => {
                let claim = claim?;
                let w = self.work.as_mut()?;
                let end = (claim.end.max(0) as usize).min(w.char_count);
                let start = (claim.start.max(0) as usize).min(end);
                w.mark = Some((start, end));
                w.remark = Some(claim.id.clone());
                w.cursor = end.saturating_sub(1).max(start);
                self.focus = Focus::Article;
                self.keep_cursor_visible();
                self.info("re-marking: [ ] move the start, w/c/s extend, b shrink, Enter saves, Esc cancels");
                None
            }
            Action::Split => {
                let claim = claim?;
                let w = self.work.as_ref()?;
                let (start, _) = super::selection::word_at(&w.article.body, w.byte_of(w.cursor));
                let at = w.cp_of(start) as i64;
                let title = self.claim_title(&claim);
                if self.focus != Focus::Article || at <= claim.start || at >= claim.end {
                    self.error(format!(
                        "to split {title}: Tab to the article, move the cursor (w/b) to the word where its second part starts, then press |"
                    ));
                    return None;
                }
                Some(Command::Write(WriteOp::Split(claim.id, at)))
            }
            Action::AddArticleNote => {
                let w = self.work.as_ref()?;
                let form = FieldForm::note(&w.article.id, None, "the article");
                self.open_form(Modal::Form(form));
                None
            }
            Action::AddNote => {
                let w = self.work.as_ref()?;
                let title = claim
                    .as_ref()
                    .map_or_else(|| "the article".into(), |c| self.claim_title(c));
                let form =
                    FieldForm::note(&w.article.id, claim.as_ref().map(|c| c.id.as_str()), &title);
                self.open_form(Modal::Form(form));
                None
            }
            Action::Accept
            | Action::Reject
            | Action::Verdict
            | Action::AddSource
            | Action::EditClaim
            | Action::Delete
            | Action::SignOff => {
                let claim = match need_claim() {
                    Ok(c) => c,
                    Err(e) => {
                        self.error(e);
                        return None;
                    }
                };
                self.claim_action(action, &claim)
            }
            _ => None,
        }
    }
}

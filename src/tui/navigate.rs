//! Moving around the workbench: the claim selection, the article cursor, marking, and
//! keeping the two in step (selecting a claim moves the cursor to it and back).

use super::action::Action;
use super::app::{App, ListFilter};
use super::command::{Command, WriteOp};
use super::selection;
use crate::model::{ClaimStatus, NewClaim};
use crate::store::ClaimSort;

impl App {
    /// Recomputes the list's filter and sort, keeping `keep` selected when it stays.
    pub fn rebuild_visible(&mut self, keep: Option<&str>) -> Option<Command> {
        let before = self.selected_claim_id();
        let w = self.work.as_mut()?;
        let mut visible: Vec<usize> = (0..w.claims.len())
            .filter(|&i| w.filter.shows(&w.claims[i]))
            .collect();
        let rank = |s: ClaimStatus| match s {
            ClaimStatus::Suggested => 0,
            ClaimStatus::Accepted => 1,
            ClaimStatus::Rejected => 2,
        };
        match w.sort {
            ClaimSort::Position => {}
            ClaimSort::Score => visible.sort_by(|&a, &b| {
                let (sa, sb) = (
                    w.claims[a].score.unwrap_or(-1.0),
                    w.claims[b].score.unwrap_or(-1.0),
                );
                sb.total_cmp(&sa).then(a.cmp(&b))
            }),
            ClaimSort::Status => visible.sort_by_key(|&i| (rank(w.claims[i].status), i)),
        }
        w.visible = visible;
        let old = w.selected;
        w.selected = keep
            .and_then(|id| w.visible.iter().position(|&i| w.claims[i].id == id))
            .unwrap_or(old)
            .min(w.visible.len().saturating_sub(1));
        // The same claim still selected (a refresh, a filter, an edit): the reviewer's
        // place in the article and in the detail pane stays where it was.
        let detail_scroll = w.detail_scroll;
        let same = before.is_some() && before == self.selected_claim_id();
        let next = self.after_select(!same);
        if same && let Some(w) = &mut self.work {
            w.detail_scroll = detail_scroll;
        }
        next
    }

    /// After the selection changed: move the article cursor to the claim (unless the
    /// reviewer is moving through the article) and load its detail.
    fn after_select(&mut self, move_cursor: bool) -> Option<Command> {
        let claim = self.selected_claim().cloned();
        let w = self.work.as_mut()?;
        match claim {
            Some(c) => {
                w.detail_scroll = 0;
                if move_cursor {
                    w.cursor = (c.start.max(0) as usize).min(w.char_count);
                }
                self.keep_cursor_visible();
                Some(Command::LoadDetail(c.id))
            }
            None => {
                w.detail = None;
                None
            }
        }
    }

    pub fn move_selection(&mut self, action: &Action) -> Option<Command> {
        let page = 10;
        let w = self.work.as_mut()?;
        if w.visible.is_empty() {
            return None;
        }
        let last = w.visible.len() - 1;
        w.selected = match action {
            Action::Down => (w.selected + 1).min(last),
            Action::Up => w.selected.saturating_sub(1),
            Action::PageDown => (w.selected + page).min(last),
            Action::PageUp => w.selected.saturating_sub(page),
            Action::First => 0,
            _ => last,
        };
        self.after_select(true)
    }

    pub fn move_article_cursor(&mut self, action: &Action) -> Option<Command> {
        let page = self.size.height.saturating_sub(6).max(1) as usize;
        let w = self.work.as_mut()?;
        let body = &w.article.body;
        let line_no = w.wrapped.line_of(w.cursor);
        let lines = &w.wrapped.lines;
        let col = w
            .cursor
            .saturating_sub(lines.get(line_no).map_or(0, |l| l.cp_start));
        let to_line = |n: usize| {
            let n = n.min(lines.len().saturating_sub(1));
            lines
                .get(n)
                .map_or(0, |l| (l.cp_start + col).min(l.cp_end.max(l.cp_start)))
        };
        w.cursor = match action {
            Action::Down => to_line(line_no + 1),
            Action::Up => to_line(line_no.saturating_sub(1)),
            Action::PageDown => to_line(line_no + page),
            Action::PageUp => to_line(line_no.saturating_sub(page)),
            Action::First => 0,
            Action::Last => w.char_count.saturating_sub(1),
            Action::WordRight => w.cp_of(selection::next_word_start(body, w.byte_of(w.cursor))),
            Action::WordLeft => w.cp_of(selection::prev_word_start(body, w.byte_of(w.cursor))),
            _ => w.cursor,
        };
        // Select the claim under the cursor, preferring the innermost.
        let cursor = w.cursor as i64;
        let under = w
            .visible
            .iter()
            .enumerate()
            .filter(|&(_, &i)| w.claims[i].start <= cursor && cursor < w.claims[i].end)
            .min_by_key(|&(_, &i)| w.claims[i].end - w.claims[i].start)
            .map(|(pos, _)| pos);
        let changed = under.is_some_and(|pos| pos != w.selected);
        if let Some(pos) = under {
            w.selected = pos;
        }
        self.keep_cursor_visible();
        if changed {
            self.after_select(false)
        } else {
            None
        }
    }

    pub fn update_mark(&mut self, action: Action) -> Option<Command> {
        let w = self.work.as_mut()?;
        let (start, end) = w.mark?;
        let body = &w.article.body;
        let (b_start, b_end) = (w.byte_of(start), w.byte_of(end));
        let end = match action {
            Action::ExtendWord => w.cp_of(selection::next_word_end(body, b_end)),
            Action::ExtendClause => w.cp_of(selection::extend_to(body, b_end, false)),
            Action::ExtendSentence => w.cp_of(selection::extend_to(body, b_end, true)),
            Action::ShrinkWord => w.cp_of(selection::shrink_word(body, b_start, b_end)),
            Action::StartLeft | Action::StartRight => {
                let moved = if action == Action::StartLeft {
                    selection::prev_word_start(body, b_start)
                } else {
                    selection::next_word_start(body, b_start)
                        .min(selection::prev_word_start(body, b_end))
                };
                let start = w.cp_of(moved.max(if action == Action::StartRight {
                    b_start
                } else {
                    0
                }));
                w.mark = Some((start, end));
                w.cursor = start;
                self.keep_cursor_visible();
                return None;
            }
            Action::Back => {
                w.mark = None;
                w.remark = None;
                self.info("marking cancelled");
                return None;
            }
            Action::CreateClaim if w.remark.is_some() => {
                w.mark = None;
                let claim_id = w.remark.take()?;
                let edit = crate::model::ClaimEdit {
                    span: Some((start as i64, end as i64)),
                    ..Default::default()
                };
                // A re-marked span replaces whatever span the claim has now.
                return Some(Command::Write(WriteOp::Edit {
                    claim_id,
                    edit,
                    expected: Default::default(),
                }));
            }
            Action::CreateClaim => {
                w.mark = None;
                let same = w
                    .claims
                    .iter()
                    .position(|c| c.start == start as i64 && c.end == end as i64);
                if let Some(i) = same {
                    // Marking a span twice makes a duplicate claim: go to the one there is.
                    let id = w.claims[i].id.clone();
                    let next = self.select_claim_id(&id);
                    self.error(format!(
                        "claim {} already has exactly this span: selected it",
                        i + 1
                    ));
                    return next;
                }
                let quote = body.get(b_start..b_end).unwrap_or("");
                let claim = NewClaim {
                    start: start as i64,
                    end: end as i64,
                    label: crate::store::default_label(quote),
                    claimant: "article".into(),
                    kind: "claim".into(),
                    score: None,
                    reasons: vec!["marked by hand".into()],
                    status: ClaimStatus::Accepted,
                };
                let article_id = w.article.id.clone();
                self.edit_new_claim = true;
                return Some(Command::Write(WriteOp::AddClaim { article_id, claim }));
            }
            Action::Quit | Action::ToggleHelp => return None,
            _ => end,
        };
        w.mark = Some((start, end.max(start + 1).min(w.char_count)));
        w.cursor = end.saturating_sub(1).max(start);
        self.keep_cursor_visible();
        None
    }

    /// Selects the claim with this id (clearing a filter that hides it).
    pub fn select_claim_id(&mut self, id: &str) -> Option<Command> {
        let w = self.work.as_mut()?;
        let hidden = !w.visible.iter().any(|&i| w.claims[i].id == id);
        if hidden && w.claims.iter().any(|c| c.id == id) {
            w.filter = ListFilter::All;
        }
        self.rebuild_visible(Some(id))
    }
}

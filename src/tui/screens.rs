//! Updates for the article picker and the search screen.

use super::action::Action;
use super::app::{App, Modal, Screen};
use super::command::Command;

impl App {
    pub(super) fn update_picker(&mut self, action: Action) -> Option<Command> {
        let page = self.picker_page();
        let p = &mut self.picker;
        let last = (p.total - 1).max(0);
        let target = match action {
            Action::Down => p.selected + 1,
            Action::Up => p.selected - 1,
            Action::PageDown => p.selected + page,
            Action::PageUp => p.selected - page,
            Action::First => 0,
            Action::Last => last,
            Action::Open => {
                let id = p.items.get((p.selected - p.offset) as usize)?.id.clone();
                return Some(Command::OpenArticle { id, select: None });
            }
            Action::Search => {
                self.screen = Screen::Search;
                return None;
            }
            Action::ToggleHelp => {
                self.modal = Some(Modal::Help { scroll: 0 });
                return None;
            }
            _ => return None,
        }
        .clamp(0, last);
        p.selected = target;
        if target < p.offset || target >= p.offset + page {
            let offset = (target - page / 2).clamp(0, (p.total - page).max(0));
            return Some(self.load_picker(offset));
        }
        None
    }

    pub(super) fn update_search(&mut self, action: Action) -> Option<Command> {
        let s = &mut self.search;
        match action {
            Action::Back => {
                self.screen = if self.work.is_some() {
                    Screen::Workbench
                } else {
                    Screen::Picker
                };
                None
            }
            Action::Down => {
                s.selected = (s.selected + 1).min(s.hits.len().saturating_sub(1));
                None
            }
            Action::Up => {
                s.selected = s.selected.saturating_sub(1);
                None
            }
            Action::Open => {
                let hit = s.hits.get(s.selected)?;
                let id = hit.article_id.clone()?;
                Some(Command::OpenArticle {
                    id,
                    select: hit.claim_id.clone(),
                })
            }
            Action::Input(edit) => {
                s.input.apply(&edit);
                s.selected = 0;
                Some(Command::Search(s.input.text()))
            }
            _ => None,
        }
    }
}

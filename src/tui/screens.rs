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
            Action::Search => return self.open_search(),
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

    /// Opens the search screen. The last query stays, to be replaced by typing, and its
    /// results are read again (another workbench may have changed things since).
    pub(super) fn open_search(&mut self) -> Option<Command> {
        self.search.from = Some(self.screen);
        self.screen = Screen::Search;
        let text = self.search.input.text();
        self.search.replace = !text.is_empty();
        (!text.trim().is_empty()).then_some(Command::Search(text))
    }

    pub(super) fn update_search(&mut self, action: Action) -> Option<Command> {
        let s = &mut self.search;
        match action {
            Action::Back => {
                self.screen = match s.from.take() {
                    Some(from) if from != Screen::Search => from,
                    _ if self.work.is_some() => Screen::Workbench,
                    _ => Screen::Picker,
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
                let Some(id) = hit.article_id.clone() else {
                    let title = crate::text::truncate_chars(&hit.title, 40).into_owned();
                    self.info(format!(
                        "“{title}” is a source, on no article: its link results open the claims that cite it"
                    ));
                    return None;
                };
                Some(Command::OpenArticle {
                    id,
                    select: hit.claim_id.clone(),
                })
            }
            Action::Input(edit) => {
                if std::mem::take(&mut s.replace)
                    && matches!(
                        edit,
                        super::input::Edit::Insert(_) | super::input::Edit::Paste(_)
                    )
                {
                    s.input = super::input::TextInput::new("");
                }
                s.input.apply(&edit);
                s.selected = 0;
                Some(Command::Search(s.input.text()))
            }
            _ => None,
        }
    }
}

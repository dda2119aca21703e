//! The workbench's state and `update`: actions in, commands out, no I/O. Results of
//! commands come back through [`App::apply`].

use super::action::Action;
use super::command::Command;
use super::forms::{FieldForm, VerdictForm};
use super::input::TextInput;
use super::keymap::Layer;
use super::layout;
use super::wrap::{self, Wrapped};
use crate::model::{
    Article, ArticleSummary, Claim, ClaimDetail, ClaimStatus, Note, Rating, SearchHit,
};
use crate::store::ClaimSort;
use ratatui::layout::Rect;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    Picker,
    Workbench,
    Search,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    Article,
    Claims,
    Detail,
}

/// Which claims the list shows: all, those of one status, or those a merge found
/// edited in two copies (to review what was overridden).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum ListFilter {
    #[default]
    All,
    Status(ClaimStatus),
    Conflicts,
}

impl ListFilter {
    /// The next filter `f` cycles to.
    pub fn next(self) -> ListFilter {
        match self {
            ListFilter::All => ListFilter::Status(ClaimStatus::Suggested),
            ListFilter::Status(ClaimStatus::Suggested) => ListFilter::Status(ClaimStatus::Accepted),
            ListFilter::Status(ClaimStatus::Accepted) => ListFilter::Status(ClaimStatus::Rejected),
            ListFilter::Status(ClaimStatus::Rejected) => ListFilter::Conflicts,
            ListFilter::Conflicts => ListFilter::All,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            ListFilter::All => "all",
            ListFilter::Status(s) => s.as_str(),
            ListFilter::Conflicts => "conflicts",
        }
    }

    pub fn shows(self, claim: &Claim) -> bool {
        match self {
            ListFilter::All => true,
            ListFilter::Status(s) => claim.status == s,
            ListFilter::Conflicts => claim.conflicts > 0,
        }
    }
}

/// What sits on top of the screen and takes the keys.
#[derive(Debug, Clone, PartialEq)]
pub enum Modal {
    Help { scroll: u16 },
    ConfirmDelete { claim_id: String, title: String },
    Verdict(VerdictForm),
    Form(FieldForm),
}

/// The article list.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Picker {
    /// The rows loaded: one page starting at `offset`.
    pub items: Vec<ArticleSummary>,
    pub offset: i64,
    pub total: i64,
    /// Absolute index of the selected article.
    pub selected: i64,
}

/// The open article with its claims.
#[derive(Debug, Clone, PartialEq)]
pub struct Workbench {
    pub article: Article,
    /// Every claim of the article, in article order (their index + 1 is their number).
    pub claims: Vec<Claim>,
    /// Notes on the article itself (not on a claim), oldest first.
    pub article_notes: Vec<Note>,
    /// Indices into `claims` that the list shows, filtered and sorted.
    pub visible: Vec<usize>,
    /// Position in `visible`.
    pub selected: usize,
    pub list_offset: usize,
    pub detail: Option<ClaimDetail>,
    /// The article cursor, a code point offset.
    pub cursor: usize,
    /// First display line shown.
    pub scroll: usize,
    pub wrapped: Wrapped,
    pub filter: ListFilter,
    pub sort: ClaimSort,
    /// A claim being marked: code point range.
    pub mark: Option<(usize, usize)>,
    /// When re-marking an existing claim's span: that claim's id.
    pub remark: Option<String>,
    pub char_count: usize,
    /// First line of the detail pane shown.
    pub detail_scroll: u16,
}

impl Workbench {
    /// The byte offset of code point `cp`, found through its display line.
    pub fn byte_of(&self, cp: usize) -> usize {
        let body = &self.article.body;
        let line = self.wrapped.lines.get(self.wrapped.line_of(cp));
        let (b0, c0) = line.map_or((0, 0), |l| (l.byte_start, l.cp_start));
        let tail = body.get(b0..).unwrap_or("");
        tail.char_indices()
            .nth(cp.saturating_sub(c0))
            .map_or(body.len(), |(k, _)| b0 + k)
    }

    /// The code point offset of byte offset `byte` (on a char boundary).
    pub fn cp_of(&self, byte: usize) -> usize {
        let lines = &self.wrapped.lines;
        let i = lines
            .partition_point(|l| l.byte_start <= byte)
            .saturating_sub(1);
        let (b0, c0) = lines.get(i).map_or((0, 0), |l| (l.byte_start, l.cp_start));
        c0 + self
            .article
            .body
            .get(b0..byte)
            .map_or(0, |s| s.chars().count())
    }
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct SearchState {
    pub input: TextInput,
    pub hits: Vec<SearchHit>,
    pub selected: usize,
    /// Reopened with the last query: the first character typed replaces it (editing
    /// keys edit it), as in a search box whose text is selected.
    pub replace: bool,
    /// Where search was opened from, to go back to.
    pub from: Option<Screen>,
    /// The query `hits` answer.
    pub answered: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Status {
    pub text: String,
    pub error: bool,
    /// Said by the last key: a message too long for one row may take the footer's
    /// row too until the next key.
    pub fresh: bool,
}

pub struct App {
    pub screen: Screen,
    pub modal: Option<Modal>,
    pub focus: Focus,
    pub reviewer: String,
    pub db_label: String,
    pub picker: Picker,
    pub work: Option<Workbench>,
    pub search: SearchState,
    pub ratings: Vec<Rating>,
    pub status: Status,
    pub quit: bool,
    /// The terminal size the layout was computed for.
    pub size: Rect,
    /// What `r` puts in a report (organisation, publish URL: from the config file).
    pub report_options: crate::report::ReportOptions,
    /// Open the edit form on the claim the next write selects (after marking one).
    pub edit_new_claim: bool,
    /// Ctrl-C was pressed once over a form with unsaved text; a second one quits.
    pub quit_asked: bool,
    /// The form whose write is on its way to the store; reopened if it fails.
    pub unconfirmed_form: Option<Modal>,
    /// Unsaved form text kept as drafts (from the drafts file and from forms left with
    /// Esc): opening the same form for the same target brings its draft back.
    pub drafts: Vec<super::draft::Draft>,
    /// Changes to the drafts file that `dispatch` still has to write.
    pub draft_ops: Vec<super::restore::DraftOp>,
    /// The drafts file beside the database (none for a database in memory).
    pub drafts_path: Option<std::path::PathBuf>,
    /// The draft the last Esc kept: an Esc right after it discards it.
    pub just_kept: Option<super::draft::DraftKey>,
}

impl App {
    pub fn new(reviewer: &str, db_label: &str) -> App {
        App {
            screen: Screen::Picker,
            modal: None,
            focus: Focus::Claims,
            reviewer: reviewer.into(),
            db_label: db_label.into(),
            picker: Picker::default(),
            work: None,
            search: SearchState::default(),
            ratings: Vec::new(),
            status: Status::default(),
            quit: false,
            size: Rect::new(0, 0, 80, 24),
            report_options: crate::report::ReportOptions::default(),
            edit_new_claim: false,
            quit_asked: false,
            unconfirmed_form: None,
            drafts: Vec::new(),
            draft_ops: Vec::new(),
            drafts_path: None,
            just_kept: None,
        }
    }

    /// The layers that read keys now, top first.
    pub fn layers(&self) -> Vec<Layer> {
        let mut layers = match &self.modal {
            Some(Modal::Help { .. }) => vec![Layer::Help],
            Some(Modal::ConfirmDelete { .. }) => vec![Layer::Confirm],
            Some(Modal::Verdict(v)) if v.rating.is_none() => vec![Layer::Rating],
            Some(Modal::Verdict(_)) => vec![Layer::Form, Layer::Text],
            Some(Modal::Form(f)) if f.focused_is_choice() => vec![Layer::Choice, Layer::Form],
            Some(Modal::Form(_)) => vec![Layer::Form, Layer::Text],
            None => self.screen_layers(),
        };
        layers.push(Layer::Global);
        layers
    }

    /// The layers of the screen under any pop-up (help lists these first).
    pub fn screen_layers(&self) -> Vec<Layer> {
        match self.screen {
            Screen::Picker => vec![Layer::Picker],
            Screen::Search => vec![Layer::Search, Layer::Text],
            Screen::Workbench if self.work.as_ref().is_some_and(|w| w.mark.is_some()) => {
                vec![Layer::Mark]
            }
            Screen::Workbench if self.focus == Focus::Article => {
                vec![Layer::Article, Layer::Workbench]
            }
            Screen::Workbench => vec![Layer::Workbench],
        }
    }

    pub fn info(&mut self, text: impl Into<String>) {
        self.status = Status {
            text: text.into(),
            error: false,
            fresh: true,
        };
    }

    pub fn error(&mut self, text: impl Into<String>) {
        self.status = Status {
            text: text.into(),
            error: true,
            fresh: true,
        };
    }

    /// Rows of the picker list that fit on screen.
    pub fn picker_page(&self) -> i64 {
        i64::from(layout::frame(self.size)[1].height.saturating_sub(2)).max(1)
    }

    /// Records the terminal size; rewraps the article when its pane width changed.
    pub fn resize(&mut self, size: Rect) {
        self.size = size;
        let width = layout::workbench(size, Focus::Article)
            .article
            .map(|r| layout::inner(r).width)
            .unwrap_or(0)
            .max(1);
        if let Some(w) = &mut self.work
            && w.wrapped.width != width
        {
            w.wrapped = wrap::wrap(&w.article.body, width);
        }
        self.keep_cursor_visible();
    }

    fn article_height(&self) -> usize {
        layout::workbench(self.size, Focus::Article)
            .article
            .map(|r| layout::inner(r).height as usize)
            .unwrap_or(1)
            .max(1)
    }

    /// Rows inside the detail pane.
    pub fn detail_height(&self) -> u16 {
        layout::workbench(self.size, Focus::Detail)
            .detail
            .map_or(1, |r| layout::inner(r).height)
    }

    fn list_height(&self) -> usize {
        layout::workbench(self.size, Focus::Claims)
            .claims
            .map(|r| layout::inner(r).height.saturating_sub(1) as usize)
            .unwrap_or(1)
            .max(1)
    }

    /// Scrolls the article so the cursor is on screen, and the claim list so the
    /// selection is.
    pub fn keep_cursor_visible(&mut self) {
        let height = self.article_height();
        let list_height = self.list_height();
        let Some(w) = &mut self.work else { return };
        let line = w.wrapped.line_of(w.cursor);
        if line < w.scroll || line >= w.scroll + height {
            w.scroll = line.saturating_sub(height / 3);
        }
        // Never leave rows empty below the list while claims above are hidden (after
        // growing the terminal, say).
        w.list_offset = w
            .list_offset
            .min(w.visible.len().saturating_sub(list_height));
        if w.selected < w.list_offset {
            w.list_offset = w.selected;
        } else if w.selected >= w.list_offset + list_height {
            w.list_offset = w.selected + 1 - list_height;
        }
    }

    /// The selected claim, if any.
    pub fn selected_claim(&self) -> Option<&Claim> {
        let w = self.work.as_ref()?;
        w.visible.get(w.selected).and_then(|&i| w.claims.get(i))
    }

    /// A claim's number in the article (1-based) and label, for titles and messages.
    pub fn claim_title(&self, claim: &Claim) -> String {
        let n = self
            .work
            .as_ref()
            .and_then(|w| w.claims.iter().position(|c| c.id == claim.id))
            .map_or(0, |i| i + 1);
        format!(
            "claim {n}: {}",
            crate::text::truncate_chars(&claim.label, 40)
        )
    }

    /// Carries out one action. Returns the store work it needs, if any.
    pub fn update(&mut self, action: Action) -> Option<Command> {
        if action == Action::Refresh {
            let mut cmd = self.refresh_command();
            // Say so, unless that would hide an error the reviewer has not read yet;
            // after what their own last key said ("saved"), not instead of it.
            if let Some(Command::ReloadClaims { message, .. }) = &mut cmd
                && !self.status.error
            {
                const RELOADED: &str = "↻ reloaded: the database was changed elsewhere";
                *message = Some(
                    if self.status.fresh
                        && !self.status.text.is_empty()
                        && !self.status.text.contains(RELOADED)
                    {
                        format!("{} · {RELOADED}", self.status.text)
                    } else {
                        RELOADED.into()
                    },
                );
            }
            return cmd;
        }
        if action == Action::Quit {
            if self.has_unsaved_text() && !self.quit_asked {
                self.quit_asked = true;
                self.error("this form is not saved: Ctrl-S saves it, Esc keeps it as a draft, Ctrl-C again quits (keeping it as a draft)");
                return None;
            }
            if let Some(draft) = self.current_draft() {
                self.keep_draft(draft);
            }
            self.quit = true;
            return None;
        }
        self.quit_asked = false;
        self.status.fresh = false;
        // Esc twice: the second one throws away the draft the first one kept.
        let just_kept = self.just_kept.take();
        if action == Action::Back
            && self.modal.is_none()
            && let Some(key) = just_kept
        {
            self.forget_draft(&key);
            self.info("draft discarded");
            return None;
        }
        if self.modal.is_some() {
            return self.update_modal(action);
        }
        match self.screen {
            Screen::Picker => self.update_picker(action),
            Screen::Search => self.update_search(action),
            Screen::Workbench => self.update_workbench(action),
        }
    }

    /// Whether an open form holds typed text that quitting would lose.
    pub fn has_unsaved_text(&self) -> bool {
        match &self.modal {
            Some(Modal::Verdict(v)) => !v.rationale.is_blank(),
            Some(Modal::Form(f)) => f.changed,
            _ => false,
        }
    }

    /// What to reload after another process changed the database.
    pub fn refresh_command(&self) -> Option<Command> {
        match (&self.screen, &self.work) {
            (Screen::Workbench, Some(w)) => Some(Command::ReloadClaims {
                article_id: w.article.id.clone(),
                message: None,
                select: self.selected_claim().map(|c| c.id.clone()),
            }),
            (Screen::Picker, _) => Some(self.load_picker(self.picker.offset)),
            (Screen::Search, _) => {
                let query = self.search.input.text();
                (!query.trim().is_empty()).then_some(Command::Search(query))
            }
            _ => None,
        }
    }

    pub fn load_picker(&self, offset: i64) -> Command {
        Command::LoadPicker {
            offset: offset.max(0),
            limit: self.picker_page(),
        }
    }
}

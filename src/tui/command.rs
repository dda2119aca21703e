//! Commands: the store work an action needs, run outside `update`, and the outcomes
//! that come back to [`App::apply`]. Each write is one store call (one transaction).

use super::app::{App, Focus, Modal, Screen, Workbench};
use super::wrap::Wrapped;
use crate::model::{
    Article, ArticleSummary, Claim, ClaimDetail, ClaimEdit, ClaimStatus, NewClaim, NewSource, Note,
    Rating, SearchHit, Stance,
};
use crate::store::{ClaimFilter, Store};

/// Store work asked for by `update`.
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    LoadPicker {
        offset: i64,
        limit: i64,
    },
    OpenArticle {
        id: String,
        select: Option<String>,
    },
    LoadDetail(String),
    ReloadClaims {
        article_id: String,
        message: Option<String>,
        select: Option<String>,
    },
    Search(String),
    /// Writes the article's report as Markdown and HTML into the working directory.
    Report {
        article_id: String,
        options: crate::report::ReportOptions,
    },
    Write(WriteOp),
}

/// A change to the database.
#[derive(Debug, Clone, PartialEq)]
pub enum WriteOp {
    SetStatus(String, ClaimStatus),
    Verdict {
        claim_id: String,
        rating: String,
        rationale: String,
    },
    Source {
        claim_id: String,
        source: NewSource,
        stance: Stance,
        excerpt: Option<String>,
    },
    Note {
        article_id: String,
        claim_id: Option<String>,
        body: String,
    },
    Edit {
        claim_id: String,
        edit: ClaimEdit,
        /// The values the form opened with, for the fields in `edit`: if the claim no
        /// longer has them, someone else changed them meanwhile.
        expected: ClaimEdit,
    },
    AddClaim {
        article_id: String,
        claim: NewClaim,
    },
    Delete(String),
    /// Split a claim at a code point offset inside it.
    Split(String, i64),
    SignOff(String),
    Undo,
}

/// What came back from the store.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    Picker {
        items: Vec<ArticleSummary>,
        offset: i64,
        total: i64,
    },
    Opened {
        article: Box<Article>,
        claims: Vec<Claim>,
        /// Notes on the article itself.
        notes: Vec<Note>,
        ratings: Vec<Rating>,
        select: Option<String>,
    },
    Detail(Box<ClaimDetail>),
    Claims {
        claims: Vec<Claim>,
        /// Notes on the article itself.
        notes: Vec<Note>,
        message: Option<String>,
        select: Option<String>,
    },
    Hits {
        query: String,
        hits: Vec<SearchHit>,
    },
    Info(String),
    /// An undo happened; `claim` is (article id, claim id) of the claim it was about.
    Undone {
        message: String,
        claim: Option<(String, String)>,
    },
    Failed(String),
    /// An edit found the claim changed by someone else since its form opened; the form
    /// opens again on top of the current values, so a second save is deliberate.
    EditConflict {
        message: String,
        claim: Box<Claim>,
    },
}

/// Runs one command against the store. Errors become [`Outcome::Failed`] with a
/// one-line message; nothing here panics on data.
pub fn execute(store: &mut Store, cmd: Command) -> Outcome {
    match run(store, cmd) {
        Ok(o) => o,
        Err(e) => Outcome::Failed(failure_message(&e)),
    }
}

/// A failed command in the reviewer's words. The workbench names claims and articles
/// by full id, so one that is not found was deleted after it was shown (from another
/// workbench or a command): that is said, rather than an id nobody typed.
fn failure_message(e: &anyhow::Error) -> String {
    if let Some(crate::store::StoreError::NotFound { what, .. }) = e.downcast_ref() {
        return format!(
            "this {what} no longer exists: it was deleted elsewhere (another workbench or a command) after it was shown"
        );
    }
    crate::text::sanitize_line(&format!("{e:#}")).into_owned()
}

fn run(store: &mut Store, cmd: Command) -> anyhow::Result<Outcome> {
    Ok(match cmd {
        Command::LoadPicker { offset, limit } => Outcome::Picker {
            items: store.articles_page(offset, limit)?,
            offset,
            total: store.article_count()?,
        },
        Command::OpenArticle { id, select } => Outcome::Opened {
            article: Box::new(store.article(&id)?),
            claims: store.claims(Some(&id), &ClaimFilter::default())?,
            notes: store.notes_for_article(&id)?,
            ratings: store.ratings()?,
            select,
        },
        Command::LoadDetail(id) => Outcome::Detail(Box::new(store.claim_detail(&id)?)),
        Command::ReloadClaims {
            article_id,
            message,
            select,
        } => Outcome::Claims {
            claims: store.claims(Some(&article_id), &ClaimFilter::default())?,
            notes: store.notes_for_article(&article_id)?,
            message,
            select,
        },
        Command::Search(query) => {
            let hits = if query.trim().is_empty() {
                Vec::new()
            } else {
                store.search(&as_you_type(&query), SEARCH_HITS)?
            };
            Outcome::Hits { query, hits }
        }
        Command::Report {
            article_id,
            options,
        } => write_reports(store, &article_id, &options)?,
        Command::Write(op) => super::write::write(store, op)?,
    })
}

/// Search as you type: the word still being typed matches as a prefix ("Doha agreem"
/// finds "Doha Agreement"); a trailing space ends the word.
pub fn as_you_type(query: &str) -> String {
    if query.ends_with(char::is_whitespace) || query.ends_with('*') || query.trim().is_empty() {
        query.to_string()
    } else {
        format!("{query}*")
    }
}

/// Writes the Markdown and HTML reports of an article beside where factdesk was started.
fn write_reports(
    store: &Store,
    article_id: &str,
    options: &crate::report::ReportOptions,
) -> anyhow::Result<Outcome> {
    use crate::report::{self, ReportFormat, Scope};
    let scope = Scope::Article(article_id.to_string());
    let mut written = Vec::new();
    for format in [ReportFormat::Markdown, ReportFormat::Html] {
        let name = report::suggested_file_name(&scope, format);
        report::write_file(store, &scope, format, options, name.as_ref())?;
        written.push(name);
    }
    Ok(Outcome::Info(format!("wrote {}", written.join(" and "))))
}

/// The most hits the search screen reads: the best ones, by rank. When there are this
/// many, the screen says more match.
pub const SEARCH_HITS: usize = 200;

impl App {
    /// Takes a command's outcome into the state; may ask for more store work.
    pub fn apply(&mut self, outcome: Outcome) -> Option<Command> {
        let form = self.unconfirmed_form.take();
        if let (Outcome::Failed(message), Some(form)) = (&outcome, &form) {
            self.error(format!("{message} (not saved: the form is open again)"));
            self.modal = Some(form.clone());
            return None;
        }
        if let Outcome::EditConflict { message, claim } = &outcome {
            self.error(message.clone());
            self.modal = form.map(|f| match f {
                Modal::Form(mut f) => {
                    f.rebase(claim);
                    Modal::Form(f)
                }
                other => other,
            });
            return None;
        }
        // Saved: its draft, if it came from one, is done with.
        if let Some(key) = form.as_ref().and_then(super::restore::draft_key) {
            self.forget_draft(&key);
        }
        match outcome {
            Outcome::Picker {
                items,
                offset,
                total,
            } => {
                // Keep the same article selected when others were added or removed.
                let p = &self.picker;
                let was = p
                    .items
                    .get((p.selected - p.offset).max(0) as usize)
                    .map(|a| a.id.clone());
                let now = was.and_then(|id| items.iter().position(|a| a.id == id));
                if let Some(i) = now {
                    self.picker.selected = offset + i as i64;
                }
                self.picker.items = items;
                self.picker.offset = offset;
                self.picker.total = total;
                self.picker.selected = self.picker.selected.clamp(
                    offset,
                    (offset + self.picker.items.len() as i64 - 1).max(offset),
                );
                None
            }
            Outcome::Opened {
                article,
                claims,
                notes,
                ratings,
                select,
            } => {
                self.ratings = ratings;
                let suggested = claims
                    .iter()
                    .filter(|c| c.status == ClaimStatus::Suggested)
                    .count();
                self.info(format!(
                    "{} claims, {suggested} suggested · a accept · v verdict · s source · ? all keys",
                    claims.len()
                ));
                let char_count = article.body.chars().count();
                self.work = Some(Workbench {
                    article: *article,
                    claims,
                    article_notes: notes,
                    visible: Vec::new(),
                    selected: 0,
                    list_offset: 0,
                    detail: None,
                    cursor: 0,
                    scroll: 0,
                    wrapped: Wrapped::default(),
                    filter: Default::default(),
                    sort: Default::default(),
                    mark: None,
                    remark: None,
                    char_count,
                    detail_scroll: 0,
                });
                self.screen = Screen::Workbench;
                self.focus = Focus::Claims;
                self.resize(self.size);
                // A search hit on a claim deleted since (here or by a colleague) opens
                // its article, and says why nothing is selected.
                if let Some(id) = &select
                    && !self
                        .work
                        .as_ref()
                        .is_some_and(|w| w.claims.iter().any(|c| &c.id == id))
                {
                    self.info(format!(
                        "claim {} is no longer on this article (deleted since?)",
                        crate::model::short_id(id)
                    ));
                }
                match select {
                    Some(id) => self.select_claim_id(&id),
                    None => self.rebuild_visible(None),
                }
            }
            Outcome::Detail(detail) => {
                let current = self.selected_claim_id().as_deref() == Some(detail.claim.id.as_str());
                if let Some(w) = &mut self.work
                    && current
                {
                    w.detail = Some(*detail);
                }
                None
            }
            Outcome::Claims {
                claims,
                notes,
                message,
                select,
            } => {
                let keep = select.or_else(|| self.selected_claim_id());
                if let Some(w) = &mut self.work {
                    w.claims = claims;
                    w.article_notes = notes;
                }
                if let Some(m) = message {
                    self.info(m);
                }
                let next = self.rebuild_visible(keep.as_deref());
                // A claim just marked gets its label and claimant next.
                if std::mem::take(&mut self.edit_new_claim)
                    && let Some(claim) = self.selected_claim().cloned()
                {
                    let title = self.claim_title(&claim);
                    self.modal = Some(Modal::Form(super::forms::FieldForm::edit(&claim, &title)));
                }
                next
            }
            Outcome::Hits { query, hits } => {
                if query == self.search.input.text() {
                    // The same query read again (a refresh, reopening) keeps the reviewer's
                    // place: the same hit if it is still there. A new query starts on top.
                    let was = (query == self.search.answered)
                        .then(|| self.search.hits.get(self.search.selected))
                        .flatten()
                        .map(|h| h.entity_id.clone());
                    self.search.selected = was
                        .and_then(|id| hits.iter().position(|h| h.entity_id == id))
                        .unwrap_or(0);
                    self.search.hits = hits;
                    self.search.answered = query;
                }
                None
            }
            Outcome::Info(message) => {
                self.info(message);
                // Writing reports changes nothing shown; reload anyway, it is cheap.
                self.refresh_command()
            }
            Outcome::Undone { message, claim } => {
                self.info(message);
                // Undo can touch anything shown: reload it, on the undone claim when it
                // belongs to the open article.
                let mut next = self.refresh_command();
                if let (
                    Some(Command::ReloadClaims {
                        article_id, select, ..
                    }),
                    Some((claim_article, claim_id)),
                ) = (&mut next, claim)
                    && *article_id == claim_article
                {
                    *select = Some(claim_id);
                }
                next
            }
            // Taken care of above, with or without a form to reopen.
            Outcome::EditConflict { message, .. } => {
                self.error(message);
                None
            }
            Outcome::Failed(message) => {
                self.edit_new_claim = false;
                self.error(message);
                if self.screen == Screen::Workbench
                    && matches!(self.modal, Some(Modal::Help { .. }))
                {
                    self.modal = None;
                }
                None
            }
        }
    }

    pub fn selected_claim_id(&self) -> Option<String> {
        self.selected_claim().map(|c| c.id.clone())
    }

    /// Runs an action and every command that follows from it.
    pub fn dispatch(&mut self, store: &mut Store, action: super::action::Action) {
        let mut next = self.update(action);
        while let Some(cmd) = next {
            next = self.apply(execute(store, cmd));
        }
        self.flush_drafts();
    }
}

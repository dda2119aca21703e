//! What the reviewer means: every key resolves to one of these through the keymap.

use super::input::Edit;

/// One user intent. The keymap maps keys to these; `App::update` carries them out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// Leave the workbench (changes are already saved).
    Quit,
    /// Show or hide the help overlay.
    ToggleHelp,
    /// Move the selection (or the article cursor) down one step.
    Down,
    /// Move the selection (or the article cursor) up one step.
    Up,
    /// Move down one page.
    PageDown,
    /// Move up one page.
    PageUp,
    /// Jump to the first item.
    First,
    /// Jump to the last item.
    Last,
    /// Article cursor: next word.
    WordRight,
    /// Article cursor: previous word.
    WordLeft,
    /// Focus the next pane.
    NextPane,
    /// Focus the previous pane.
    PrevPane,
    /// Open the selected article or search result.
    Open,
    /// Back out: close the overlay, the form, or go back to the picker.
    Back,
    /// Open full-text search.
    Search,
    /// Accept the selected suggestion.
    Accept,
    /// Reject the selected claim.
    Reject,
    /// Set a verdict on the selected claim.
    Verdict,
    /// Add or link a source to the selected claim.
    AddSource,
    /// Add a note to the selected claim.
    AddNote,
    /// Add a note to the article itself (the outlet corrected it, who the author is...).
    AddArticleNote,
    /// Edit the selected claim's label, claimant, kind or span.
    EditClaim,
    /// Start marking a new claim at the article cursor.
    Mark,
    /// Re-mark the selected claim's span from the keyboard.
    Remark,
    /// Split the selected claim where the article cursor is.
    Split,
    /// Mark mode: move the selection's start a word left.
    StartLeft,
    /// Mark mode: move the selection's start a word right.
    StartRight,
    /// Delete the selected claim (asks first).
    Delete,
    /// Undo your last change.
    Undo,
    /// Sign off the current verdict as the editor.
    SignOff,
    /// Make a report for this article.
    Report,
    /// Cycle the claim list's status filter.
    CycleFilter,
    /// Cycle the claim list's sort order.
    CycleSort,
    /// Pick rating number n (1-based) in the verdict form.
    PickRating(u8),
    /// Go to the next form field.
    NextField,
    /// Go to the previous form field.
    PrevField,
    /// Save the form.
    Save,
    /// Confirm the question asked.
    Yes,
    /// Decline the question asked.
    No,
    /// Mark mode: extend the selection by a word.
    ExtendWord,
    /// Mark mode: extend the selection to the end of the clause.
    ExtendClause,
    /// Mark mode: extend the selection to the end of the sentence.
    ExtendSentence,
    /// Mark mode: shrink the selection by a word.
    ShrinkWord,
    /// Mark mode: create the claim from the selection.
    CreateClaim,
    /// Change the choice in a choice field (stance).
    CycleChoice,
    /// Edit the focused text field.
    Input(Edit),
    /// Reload what is shown because another process changed the database.
    Refresh,
}

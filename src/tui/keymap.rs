//! The one keymap table: (layer, key) -> Action. Key handling, the footer hints, the
//! help overlay and docs/keys.md are all read from [`BINDINGS`], so they never disagree.

use super::action::Action;
use super::input::Edit;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// Where keys are read: the top-most thing on screen decides.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layer {
    /// Everywhere, under every other layer.
    Global,
    /// The article picker.
    Picker,
    /// The workbench, whatever pane has focus.
    Workbench,
    /// The workbench with the article pane focused.
    Article,
    /// Marking a new claim in the article.
    Mark,
    /// The search screen.
    Search,
    /// The verdict form before a rating is picked.
    Rating,
    /// A form with text fields (source, note, edit, rationale).
    Form,
    /// Editing keys inside any text field.
    Text,
    /// A field with a few choices (a source's stance).
    Choice,
    /// A yes/no question.
    Confirm,
    /// The help overlay.
    Help,
}

impl Layer {
    pub fn title(self) -> &'static str {
        match self {
            Layer::Global => "everywhere",
            Layer::Picker => "article picker",
            Layer::Workbench => "workbench",
            Layer::Article => "article pane",
            Layer::Mark => "marking a claim",
            Layer::Search => "search",
            Layer::Rating => "verdict: pick a rating",
            Layer::Form => "forms",
            Layer::Text => "text fields",
            Layer::Choice => "choice fields (stance)",
            Layer::Confirm => "questions",
            Layer::Help => "help",
        }
    }
}

/// A key with modifiers, as written in the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

const fn ch(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        mods: KeyModifiers::NONE,
    }
}
const fn ctrl(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        mods: KeyModifiers::CONTROL,
    }
}
const fn alt(code: KeyCode) -> Key {
    Key {
        code,
        mods: KeyModifiers::ALT,
    }
}
const fn key(code: KeyCode) -> Key {
    Key {
        code,
        mods: KeyModifiers::NONE,
    }
}

/// One row of the table. `hint` is the footer's short word ("" keeps it out of the footer).
pub struct Binding {
    pub layer: Layer,
    pub keys: &'static [Key],
    pub action: Action,
    pub hint: &'static str,
    pub help: &'static str,
}

const fn b(
    layer: Layer,
    keys: &'static [Key],
    action: Action,
    hint: &'static str,
    help: &'static str,
) -> Binding {
    Binding {
        layer,
        keys,
        action,
        hint,
        help,
    }
}

use KeyCode::*;
use Layer::*;

/// Every key factdesk knows, in the order help shows them.
#[rustfmt::skip]
pub static BINDINGS: &[Binding] = &[
    b(Global, &[ctrl('c')], Action::Quit, "", "quit (asks first over unsaved form text)"),
    b(Picker, &[ch('j'), key(Down)], Action::Down, "j/k move", "next article"),
    b(Picker, &[ch('k'), key(Up)], Action::Up, "", "previous article"),
    b(Picker, &[key(PageDown), ctrl('d')], Action::PageDown, "", "next page"),
    b(Picker, &[key(PageUp), ctrl('u')], Action::PageUp, "", "previous page"),
    b(Picker, &[ch('g'), key(Home)], Action::First, "", "first article"),
    b(Picker, &[ch('G'), key(End)], Action::Last, "", "last article"),
    b(Picker, &[key(Enter), ch('l')], Action::Open, "Enter open", "open the article"),
    b(Picker, &[ch('/')], Action::Search, "/ search", "search everything"),
    b(Picker, &[ch('?')], Action::ToggleHelp, "? help", "show this help"),
    b(Picker, &[ch('q')], Action::Quit, "q quit", "quit"),
    b(Workbench, &[ch('j'), key(Down)], Action::Down, "j/k move", "next claim (article pane: next line)"),
    b(Workbench, &[ch('k'), key(Up)], Action::Up, "", "previous claim (article pane: previous line)"),
    b(Workbench, &[key(PageDown), ctrl('d')], Action::PageDown, "", "page down"),
    b(Workbench, &[key(PageUp), ctrl('u')], Action::PageUp, "", "page up"),
    b(Workbench, &[ch('g'), key(Home)], Action::First, "", "first claim"),
    b(Workbench, &[ch('G'), key(End)], Action::Last, "", "last claim"),
    b(Workbench, &[key(Tab)], Action::NextPane, "Tab pane", "next pane: article, claims, detail"),
    b(Workbench, &[key(BackTab)], Action::PrevPane, "", "previous pane"),
    b(Workbench, &[key(Enter)], Action::Open, "", "open the selected claim's detail (j/k scroll it)"),
    b(Workbench, &[ch('a')], Action::Accept, "a accept", "accept the suggested claim"),
    b(Workbench, &[ch('x')], Action::Reject, "x reject", "reject the claim"),
    b(Workbench, &[ch('v')], Action::Verdict, "v verdict", "set a verdict (accepts a suggestion): rating, then rationale"),
    b(Workbench, &[ch('s')], Action::AddSource, "s source", "add or link a source"),
    b(Workbench, &[ch('n')], Action::AddNote, "n note", "add a note to the claim"),
    b(Workbench, &[ch('N')], Action::AddArticleNote, "", "add a note to the article itself"),
    b(Workbench, &[ch('e')], Action::EditClaim, "e edit", "edit label, claimant, kind or span"),
    b(Workbench, &[ch('m')], Action::Mark, "m mark", "mark a new claim from the article cursor"),
    b(Workbench, &[ch('M')], Action::Remark, "", "re-mark the claim's span from the keyboard"),
    b(Workbench, &[ch('|')], Action::Split, "", "split the claim where the article cursor's word starts"),
    b(Workbench, &[ch('d')], Action::Delete, "", "delete the claim (asks first)"),
    b(Workbench, &[ch('u')], Action::Undo, "u undo", "undo your last change"),
    b(Workbench, &[ch('S')], Action::SignOff, "", "sign off the verdict as a second reviewer (not your own)"),
    b(Workbench, &[ch('f')], Action::CycleFilter, "", "filter: all, suggested, accepted, rejected, merge conflicts"),
    b(Workbench, &[ch('o')], Action::CycleSort, "", "sort claims: position, score, status"),
    b(Workbench, &[ch('r')], Action::Report, "r report", "write this article's report (.md and .html) here"),
    b(Workbench, &[ch('/')], Action::Search, "/ search", "search everything"),
    b(Workbench, &[ch('?')], Action::ToggleHelp, "? help", "show this help"),
    b(Workbench, &[key(Esc)], Action::Back, "", "back to the claim list; from there to the article picker"),
    b(Workbench, &[ch('q')], Action::Quit, "q quit", "quit"),
    b(Article, &[ch('l'), ch('w'), key(Right)], Action::WordRight, "", "cursor to the next word"),
    b(Article, &[ch('h'), ch('b'), key(Left)], Action::WordLeft, "", "cursor to the previous word"),
    b(Mark, &[ch('w'), ch('l'), key(Right)], Action::ExtendWord, "w word", "extend the selection by a word"),
    b(Mark, &[ch('c'), ch(',')], Action::ExtendClause, "c clause", "extend to the end of the clause"),
    b(Mark, &[ch('s'), ch('.')], Action::ExtendSentence, "s sentence", "extend to the end of the sentence"),
    b(Mark, &[ch('b'), ch('h'), key(Left), key(Backspace)], Action::ShrinkWord, "b shrink", "shrink by a word"),
    b(Mark, &[ch('[')], Action::StartLeft, "[ ] start", "move the start a word left"),
    b(Mark, &[ch(']')], Action::StartRight, "", "move the start a word right"),
    b(Mark, &[key(Enter)], Action::CreateClaim, "Enter save", "create the claim (or save the re-marked span)"),
    b(Mark, &[key(Esc)], Action::Back, "Esc cancel", "stop marking"),
    b(Search, &[key(Down), ctrl('n')], Action::Down, "↓/↑ move", "next result"),
    b(Search, &[key(Up), ctrl('p')], Action::Up, "", "previous result"),
    b(Search, &[key(Enter)], Action::Open, "Enter open", "open the result"),
    b(Search, &[key(Esc)], Action::Back, "Esc back", "close search"),
    b(Rating, &[ch('1'), ch('2'), ch('3'), ch('4'), ch('5'), ch('6'), ch('7'), ch('8'), ch('9')], Action::PickRating(0), "1-9 rating", "pick that rating, then write the rationale"),
    b(Rating, &[ch('j'), key(Down)], Action::Down, "", "next rating"),
    b(Rating, &[ch('k'), key(Up)], Action::Up, "", "previous rating"),
    b(Rating, &[key(Enter)], Action::NextField, "Enter choose", "choose the highlighted rating"),
    b(Rating, &[key(Esc)], Action::Back, "Esc cancel", "cancel"),
    b(Form, &[ctrl('s')], Action::Save, "Ctrl-S save", "save"),
    b(Form, &[key(Esc)], Action::Back, "Esc keep draft", "close, keeping the text as a draft (Esc again discards)"),
    b(Form, &[key(Tab)], Action::NextField, "Tab next", "next field"),
    b(Form, &[key(BackTab)], Action::PrevField, "", "previous field (in a verdict: back to the rating)"),
    b(Text, &[key(Enter)], Action::Input(Edit::Newline), "", "new line (rationale, note); next field elsewhere"),
    b(Text, &[key(Left)], Action::Input(Edit::Left), "", "cursor left"),
    b(Text, &[key(Right)], Action::Input(Edit::Right), "", "cursor right"),
    b(Text, &[key(Up)], Action::Input(Edit::Up), "", "line up"),
    b(Text, &[key(Down)], Action::Input(Edit::Down), "", "line down"),
    b(Text, &[alt(Left), ctrl('b')], Action::Input(Edit::WordLeft), "", "word left"),
    b(Text, &[alt(Right), ctrl('f')], Action::Input(Edit::WordRight), "", "word right"),
    b(Text, &[key(Home), ctrl('a')], Action::Input(Edit::Home), "", "start of line"),
    b(Text, &[key(End), ctrl('e')], Action::Input(Edit::End), "", "end of line"),
    b(Text, &[key(Backspace)], Action::Input(Edit::Backspace), "", "delete before the cursor"),
    b(Text, &[key(Delete)], Action::Input(Edit::Delete), "", "delete under the cursor"),
    b(Text, &[ctrl('w'), alt(Backspace)], Action::Input(Edit::DeleteWord), "", "delete the word before the cursor"),
    b(Text, &[ctrl('u')], Action::Input(Edit::DeleteToStart), "", "delete to the start of the line"),
    b(Choice, &[ch(' '), key(Right), key(Left)], Action::CycleChoice, "Space change", "next choice; or type its first letter (s, r, c)"),
    b(Confirm, &[ch('y')], Action::Yes, "y yes", "yes"),
    b(Confirm, &[ch('n'), key(Esc)], Action::No, "n no", "no"),
    b(Help, &[key(Esc), ch('?'), ch('q')], Action::ToggleHelp, "Esc close", "close help"),
    b(Help, &[ch('j'), key(Down)], Action::Down, "j/k scroll", "scroll down"),
    b(Help, &[ch('k'), key(Up)], Action::Up, "", "scroll up"),
];

/// The key as a plain (code, modifiers) pair: Shift is part of an upper-case letter.
fn normalise(ev: &KeyEvent) -> Key {
    let mut mods = ev.modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT);
    let code = match ev.code {
        Char(c) if mods.contains(KeyModifiers::CONTROL) => Char(c.to_ascii_lowercase()),
        other => other,
    };
    // Esc pressed twice quickly reaches us as one Alt-Esc: take it as Esc.
    if code == BackTab || code == Esc {
        mods = KeyModifiers::NONE;
    }
    Key { code, mods }
}

/// The action for a key in the given layers (searched in order), if any. In text
/// layers an unbound printable character types itself.
pub fn action_for(layers: &[Layer], ev: &KeyEvent) -> Option<Action> {
    let key = normalise(ev);
    for &layer in layers {
        for binding in BINDINGS.iter().filter(|b| b.layer == layer) {
            if binding.keys.contains(&key) {
                return Some(match (&binding.action, key.code) {
                    (Action::PickRating(_), Char(c)) => {
                        Action::PickRating(c.to_digit(10).unwrap_or(0) as u8)
                    }
                    (a, _) => a.clone(),
                });
            }
        }
    }
    let typing = layers.contains(&Text) || layers.contains(&Choice);
    match key.code {
        Char(c) if typing && key.mods.is_empty() => Some(Action::Input(Edit::Insert(c))),
        _ => None,
    }
}

/// How a key is written in the footer, help and docs.
pub fn label(key: &Key) -> String {
    let name = match key.code {
        Char(' ') => "Space".to_string(),
        Char(c) => c.to_string(),
        Enter => "Enter".into(),
        Esc => "Esc".into(),
        Tab => "Tab".into(),
        BackTab => "Shift-Tab".into(),
        Backspace => "Backspace".into(),
        Delete => "Del".into(),
        Up => "↑".into(),
        Down => "↓".into(),
        Left => "←".into(),
        Right => "→".into(),
        Home => "Home".into(),
        End => "End".into(),
        PageUp => "PgUp".into(),
        PageDown => "PgDn".into(),
        other => format!("{other:?}"),
    };
    if key.mods.contains(KeyModifiers::CONTROL) {
        format!("Ctrl-{}", name.to_uppercase())
    } else if key.mods.contains(KeyModifiers::ALT) {
        format!("Alt-{name}")
    } else {
        name
    }
}

/// All keys of a binding, e.g. "j ↓".
pub fn keys_label(binding: &Binding) -> String {
    if matches!(binding.action, Action::PickRating(_)) {
        return "1-9".into();
    }
    binding.keys.iter().map(label).collect::<Vec<_>>().join(" ")
}

/// The footer hints for these layers, in table order.
pub fn hints(layers: &[Layer]) -> Vec<&'static str> {
    layers
        .iter()
        .flat_map(|&l| BINDINGS.iter().filter(move |b| b.layer == l))
        .filter(|b| !b.hint.is_empty())
        .map(|b| b.hint)
        .collect()
}

/// The whole keymap as a Markdown table, for docs/keys.md and the README.
pub fn markdown_table() -> String {
    let mut out = String::from("| where | keys | what it does |\n|---|---|---|\n");
    for binding in BINDINGS {
        let keys = keys_label(binding).replace('|', "\\|");
        out.push_str(&format!(
            "| {} | `{}` | {} |\n",
            binding.layer.title(),
            keys,
            binding.help
        ));
    }
    out
}

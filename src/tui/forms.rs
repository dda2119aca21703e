//! Form state: the verdict form (rating, then rationale) and the field forms for a
//! source, a note and a claim edit. Validation lives here so it shows inline.

use super::command::WriteOp;
use super::input::{Edit, TextInput};
use crate::model::{ClaimEdit, NewSource, Stance};
use crate::validate;

/// The stances a source can take, in the order the stance field cycles.
pub const STANCES: [Stance; 3] = [Stance::Supports, Stance::Refutes, Stance::Context];

/// The verdict form: first a rating, then a multi-line rationale.
#[derive(Debug, Clone, PartialEq)]
pub struct VerdictForm {
    pub claim_id: String,
    pub claim_title: String,
    /// The highlighted rating (index into the scale).
    pub highlight: usize,
    /// The chosen rating; `None` while still picking.
    pub rating: Option<usize>,
    pub rationale: TextInput,
    pub error: Option<String>,
}

/// A form's value: free text or one of a few choices.
#[derive(Debug, Clone, PartialEq)]
pub enum FieldValue {
    Text(TextInput),
    Choice {
        options: Vec<&'static str>,
        index: usize,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    pub label: &'static str,
    pub value: FieldValue,
    /// Inline validation message, shown under the field.
    pub error: Option<String>,
    /// The text the field held when the form opened: only fields the reviewer changed
    /// are saved or kept in a draft, so an edit never writes back values another
    /// workbench (or a merge) has changed since.
    initial: String,
}

impl Field {
    fn new(label: &'static str, value: FieldValue) -> Field {
        let mut field = Field {
            label,
            value,
            error: None,
            initial: String::new(),
        };
        field.initial = field.as_text();
        field
    }

    fn text(label: &'static str, value: &str) -> Field {
        Field::new(label, FieldValue::Text(TextInput::new(value)))
    }

    /// The text the field held when the form opened.
    pub fn initial(&self) -> &str {
        &self.initial
    }

    /// Sets what the field counts as having opened with (a restored draft's).
    pub fn set_initial(&mut self, text: &str) {
        self.initial = text.to_string();
    }

    /// Whether the reviewer changed this field since the form opened.
    pub fn is_changed(&self) -> bool {
        self.as_text() != self.initial
    }

    pub fn as_text(&self) -> String {
        match &self.value {
            FieldValue::Text(t) => t.text(),
            FieldValue::Choice { options, index } => {
                options.get(*index).copied().unwrap_or("").to_string()
            }
        }
    }
}

/// What a field form saves as.
#[derive(Debug, Clone, PartialEq)]
pub enum FormKind {
    Source {
        claim_id: String,
    },
    Note {
        article_id: String,
        claim_id: Option<String>,
    },
    Edit {
        claim_id: String,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub struct FieldForm {
    pub kind: FormKind,
    pub title: String,
    pub fields: Vec<Field>,
    pub focus: usize,
    /// Whether the reviewer has changed anything since the form opened.
    pub changed: bool,
}

impl FieldForm {
    pub fn source(claim_id: &str, claim_title: &str) -> FieldForm {
        let mut excerpt = Field::text("excerpt", "");
        if let FieldValue::Text(t) = &mut excerpt.value {
            t.multiline = true;
        }
        FieldForm {
            kind: FormKind::Source {
                claim_id: claim_id.into(),
            },
            title: format!("Source for {claim_title}"),
            fields: vec![
                Field::text("URL", ""),
                Field::text("title", ""),
                Field::text("publisher", ""),
                Field::text("date", ""),
                Field::new(
                    "stance",
                    // Context, as on the command line: a reviewer who skips the field
                    // records no support or refutation they did not choose.
                    FieldValue::Choice {
                        options: STANCES.iter().map(|s| s.as_str()).collect(),
                        index: STANCES
                            .iter()
                            .position(|s| *s == crate::model::Stance::Context)
                            .unwrap_or(0),
                    },
                ),
                excerpt,
            ],
            focus: 0,
            changed: false,
        }
    }

    pub fn note(article_id: &str, claim_id: Option<&str>, title: &str) -> FieldForm {
        FieldForm {
            kind: FormKind::Note {
                article_id: article_id.into(),
                claim_id: claim_id.map(String::from),
            },
            title: format!("Note on {title}"),
            fields: vec![Field::new(
                "note",
                FieldValue::Text(TextInput::multiline("")),
            )],
            focus: 0,
            changed: false,
        }
    }

    pub fn edit(claim: &crate::model::Claim, title: &str) -> FieldForm {
        FieldForm {
            kind: FormKind::Edit {
                claim_id: claim.id.clone(),
            },
            title: format!("Edit {title}"),
            fields: vec![
                Field::text("label", &claim.label),
                Field::text("claimant", &claim.claimant),
                Field::text("kind", &claim.kind),
                Field::text("span", &format!("{}-{}", claim.start, claim.end)),
            ],
            focus: 0,
            changed: false,
        }
    }

    pub fn focused_is_multiline(&self) -> bool {
        matches!(&self.fields.get(self.focus).map(|f| &f.value), Some(FieldValue::Text(t)) if t.multiline)
    }

    pub fn focused_is_choice(&self) -> bool {
        matches!(
            self.fields.get(self.focus).map(|f| &f.value),
            Some(FieldValue::Choice { .. })
        )
    }

    pub fn next_field(&mut self, forward: bool) {
        let n = self.fields.len().max(1);
        self.validate_field(self.focus);
        self.focus = if forward {
            (self.focus + 1) % n
        } else {
            (self.focus + n - 1) % n
        };
    }

    pub fn edit_focused(&mut self, edit: &Edit) {
        let before = self.fields.get(self.focus).map(Field::as_text);
        self.edit_field(edit);
        if self.fields.get(self.focus).map(Field::as_text) != before {
            self.changed = true;
        }
    }

    fn edit_field(&mut self, edit: &Edit) {
        if let Some(field) = self.fields.get_mut(self.focus) {
            match &mut field.value {
                FieldValue::Text(t) => t.apply(edit),
                FieldValue::Choice { options, index } => match edit {
                    Edit::Left => *index = (*index + options.len() - 1) % options.len().max(1),
                    Edit::Right | Edit::Insert(' ') => *index = (*index + 1) % options.len().max(1),
                    Edit::Insert(c) => {
                        if let Some(i) = options.iter().position(|o| o.starts_with(*c)) {
                            *index = i;
                        }
                    }
                    _ => {}
                },
            }
            field.error = None;
        }
    }

    fn text_of(&self, label: &str) -> String {
        self.fields
            .iter()
            .find(|f| f.label == label)
            .map(|f| f.as_text().trim().to_string())
            .unwrap_or_default()
    }

    /// The text a field opened with.
    fn initial_of(&self, label: &str) -> String {
        self.fields
            .iter()
            .find(|f| f.label == label)
            .map(|f| f.initial.clone())
            .unwrap_or_default()
    }

    /// After someone else changed the claim under this edit form: the fields' opening
    /// values become the claim's current ones, so saving again overwrites
    /// deliberately, and only what the reviewer typed. A field they left alone shows the
    /// colleague's value and is not saved (it used to keep the old text, which then
    /// counted as a change and wrote the colleague's claimant or kind back).
    pub fn rebase(&mut self, claim: &crate::model::Claim) {
        for field in &mut self.fields {
            let now = match field.label {
                "label" => claim.label.clone(),
                "claimant" => claim.claimant.clone(),
                "kind" => claim.kind.clone(),
                "span" => format!("{}-{}", claim.start, claim.end),
                _ => continue,
            };
            if !field.is_changed()
                && let FieldValue::Text(input) = &mut field.value
            {
                *input = TextInput::new(&now);
            }
            field.initial = now;
        }
    }

    /// A field's trimmed text, if the reviewer changed it.
    fn changed_text(&self, label: &str) -> Option<String> {
        self.fields
            .iter()
            .find(|f| f.label == label && f.is_changed())
            .map(|f| f.as_text().trim().to_string())
    }

    /// Checks one field and records its inline error.
    fn validate_field(&mut self, i: usize) {
        let Some(field) = self.fields.get(i) else {
            return;
        };
        let value = field.as_text();
        let value = value.trim();
        let error = match (&self.kind, field.label) {
            (FormKind::Source { .. }, "URL") if !value.is_empty() => {
                validate::http_url(value).err()
            }
            (FormKind::Source { .. }, "date") if !value.is_empty() => validate::date(value).err(),
            (FormKind::Edit { .. }, "span") => parse_span(value).err(),
            (FormKind::Edit { .. }, "label" | "claimant" | "kind") if value.is_empty() => {
                Some(format!("the {} cannot be empty", field.label))
            }
            (FormKind::Note { .. }, _) if value.is_empty() => Some("the note is empty".into()),
            _ => None,
        };
        if let Some(f) = self.fields.get_mut(i) {
            f.error = error;
        }
    }

    /// Validates every field; the write it amounts to, or `None` with errors shown inline.
    pub fn finish(&mut self) -> Option<WriteOp> {
        for i in 0..self.fields.len() {
            self.validate_field(i);
        }
        if let FormKind::Source { .. } = self.kind
            && self.text_of("URL").is_empty()
            && self.text_of("title").is_empty()
            && let Some(f) = self.fields.get_mut(0)
        {
            f.error = Some("give a URL or a title".into());
        }
        if let Some(i) = self.fields.iter().position(|f| f.error.is_some()) {
            self.focus = i;
            return None;
        }
        let opt = |s: String| (!s.is_empty()).then_some(s);
        Some(match &self.kind {
            FormKind::Source { claim_id } => WriteOp::Source {
                claim_id: claim_id.clone(),
                source: NewSource {
                    url: opt(self.text_of("URL")).and_then(|u| validate::http_url(&u).ok()),
                    title: self.text_of("title"),
                    publisher: opt(self.text_of("publisher")),
                    published: opt(self.text_of("date")),
                    accessed: Some(crate::store::now()[..10].to_string()),
                    notes: None,
                },
                stance: self.text_of("stance").parse().unwrap_or(Stance::Supports),
                excerpt: opt(self.text_of("excerpt")),
            },
            FormKind::Note {
                article_id,
                claim_id,
            } => WriteOp::Note {
                article_id: article_id.clone(),
                claim_id: claim_id.clone(),
                body: self.text_of("note"),
            },
            // Only what the reviewer changed: the other fields may have changed
            // under this form (another workbench, a merge) and must not be reverted.
            FormKind::Edit { claim_id } => {
                let opened = |label| self.changed_text(label).map(|_| self.initial_of(label));
                WriteOp::Edit {
                    claim_id: claim_id.clone(),
                    edit: ClaimEdit {
                        label: self.changed_text("label"),
                        claimant: self.changed_text("claimant"),
                        kind: self.changed_text("kind"),
                        span: self.changed_text("span").and_then(|s| parse_span(&s).ok()),
                    },
                    expected: ClaimEdit {
                        label: opened("label"),
                        claimant: opened("claimant"),
                        kind: opened("kind"),
                        span: opened("span").and_then(|s| parse_span(&s).ok()),
                    },
                }
            }
        })
    }
}

/// A span typed as "start-end" (code points).
pub fn parse_span(s: &str) -> Result<(i64, i64), String> {
    let bad = || format!("'{s}' is not a span; write start-end, e.g. 175-274");
    let (a, b) = s.split_once(['-', '.']).ok_or_else(bad)?;
    let a: i64 = a.trim().parse().map_err(|_| bad())?;
    let b: i64 = b.trim_matches('.').trim().parse().map_err(|_| bad())?;
    if a < 0 || b <= a {
        return Err(format!("span {a}-{b} is empty or backwards"));
    }
    Ok((a, b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn source_form_validates_inline() {
        let mut f = FieldForm::source("c1", "claim 1");
        f.edit_focused(&Edit::Paste("javascript:alert(1)".into()));
        f.next_field(true);
        assert!(
            f.fields[0]
                .error
                .as_deref()
                .unwrap_or("")
                .contains("javascript")
        );
        assert!(f.finish().is_none());
        assert_eq!(f.focus, 0);
        f.fields[0].value = FieldValue::Text(TextInput::new("https://un.org/r"));
        f.focus = 4;
        f.edit_focused(&Edit::Insert('r'));
        match f.finish() {
            Some(WriteOp::Source { source, stance, .. }) => {
                assert_eq!(source.url.as_deref(), Some("https://un.org/r"));
                assert_eq!(stance, Stance::Refutes);
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn spans_parse() {
        assert_eq!(parse_span("175-274"), Ok((175, 274)));
        assert_eq!(parse_span("175..274"), Ok((175, 274)));
        assert!(parse_span("274-175").is_err());
        assert!(parse_span("x").is_err());
    }
}

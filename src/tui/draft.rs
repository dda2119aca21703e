//! Keeping unsaved form text when the workbench has to go (a second Ctrl-C, SIGTERM,
//! a dropped SSH session): it is appended to a drafts file beside the database, and
//! the next start says where it is.

use super::app::{App, Modal};
use super::forms::FieldValue;
use std::io::Write;
use std::path::{Path, PathBuf};

/// The drafts file of a database: `<database>.drafts.txt`.
pub fn drafts_path(db: &Path) -> PathBuf {
    let mut name = db.as_os_str().to_owned();
    name.push(".drafts.txt");
    PathBuf::from(name)
}

impl App {
    /// The open form's unsaved text as a readable block, if there is any.
    pub fn draft_text(&self) -> Option<String> {
        if !self.has_unsaved_text() {
            return None;
        }
        let mut out = String::new();
        match &self.modal {
            Some(Modal::Verdict(v)) => {
                let rating = v
                    .rating
                    .and_then(|i| self.ratings.get(i))
                    .map_or("(no rating picked)", |r| r.name.as_str());
                out.push_str(&format!(
                    "verdict for {} [{}]\nrating: {rating}\nrationale:\n{}\n",
                    v.claim_title,
                    crate::model::short_id(&v.claim_id),
                    v.rationale.text()
                ));
            }
            Some(Modal::Form(f)) => {
                out.push_str(&format!("{}\n", f.title));
                for field in &f.fields {
                    let value = field.as_text();
                    let multiline = matches!(&field.value, FieldValue::Text(t) if t.multiline);
                    if multiline {
                        out.push_str(&format!("{}:\n{value}\n", field.label));
                    } else {
                        out.push_str(&format!("{}: {value}\n", field.label));
                    }
                }
            }
            _ => return None,
        }
        Some(out)
    }
}

/// Appends a draft under a timestamp line. Errors are returned, never panicked on.
pub fn save(path: &Path, reviewer: &str, draft: &str) -> std::io::Result<()> {
    let mut file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)?;
    write!(
        file,
        "--- {} unsaved by {reviewer} ---\n{draft}\n",
        crate::store::now()
    )
}

/// The start-up notice when earlier drafts are waiting.
pub fn notice(path: &Path) -> Option<String> {
    let len = std::fs::metadata(path).ok()?.len();
    (len > 0).then(|| {
        format!(
            "unsaved form text from an earlier session is kept in {}",
            path.display()
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drafts_append_and_are_announced() {
        let dir = tempfile::tempdir().unwrap();
        let path = drafts_path(&dir.path().join("f.sqlite"));
        assert!(path.ends_with("f.sqlite.drafts.txt"));
        assert_eq!(notice(&path), None);
        save(&path, "dana", "verdict for claim 1\nrationale:\nhalf").unwrap();
        save(&path, "dana", "note").unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains("half") && text.contains("note"));
        assert!(notice(&path).unwrap().contains("f.sqlite.drafts.txt"));
    }
}

//! The drafts file beside the database, `<database>.drafts.txt`: unsaved form text kept
//! when a form is left (Esc) or the workbench has to go (a second Ctrl-C, SIGTERM, a
//! dropped SSH session), so that opening the same form again brings it back.
//!
//! Each draft is a block a person can read, ending in one `restore:` line of JSON that
//! the workbench reads back. Anything else in the file (older blocks, hand edits,
//! garbage) is kept as it is and never restored.

use serde::{Deserialize, Serialize};
use std::io::Write;
use std::path::{Path, PathBuf};

/// The drafts file of a database: `<database>.drafts.txt`.
pub fn drafts_path(db: &Path) -> PathBuf {
    let mut name = db.as_os_str().to_owned();
    name.push(".drafts.txt");
    PathBuf::from(name)
}

/// Which form a draft belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DraftKey {
    /// `verdict`, `source`, `note` or `edit`.
    pub form: String,
    /// The claim's id; for a note on the article itself, the article's id.
    pub target: String,
}

/// One form's unsaved text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Draft {
    #[serde(flatten)]
    pub key: DraftKey,
    pub reviewer: String,
    /// The form's title when it was kept, for people reading the file.
    #[serde(default)]
    pub title: String,
    /// The verdict form's chosen rating, by name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rating: Option<String>,
    /// Each field's label and text (a verdict has one: "rationale").
    #[serde(default)]
    pub fields: Vec<(String, String)>,
    /// For an edit form: the values its changed fields opened with, so a restored draft
    /// still notices a colleague's change to the same field made since.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub opened: Vec<(String, String)>,
}

/// The start of a block: `--- <time> unsaved by <reviewer> ---`.
const HEADER_START: &str = "--- ";
const RESTORE: &str = "restore: ";
/// A drafts file larger than this is not read back (it is still kept and announced).
const MAX_FILE_BYTES: u64 = 4 << 20;

fn is_header(line: &str) -> bool {
    line.starts_with(HEADER_START) && line.ends_with(" ---") && line.contains(" unsaved by ")
}

impl Draft {
    /// The block as written to the file: a header, the text as people read it, and the
    /// line the workbench restores from.
    pub fn block(&self) -> String {
        let mut out = format!(
            "{HEADER_START}{} unsaved by {} ---\n{}\n",
            crate::store::now(),
            one_line(&self.reviewer),
            one_line(&self.title)
        );
        if let Some(rating) = &self.rating {
            out.push_str(&format!("rating: {}\n", one_line(rating)));
        }
        for (label, text) in &self.fields {
            if text.contains('\n') {
                // Indented, so no line of it can pass for a header or a restore line.
                out.push_str(&format!("{label}:\n"));
                for line in text.lines() {
                    out.push_str(&format!("  {}\n", one_line(line)));
                }
            } else {
                out.push_str(&format!("{label}: {text}\n"));
            }
        }
        // serde_json escapes line breaks and controls: the JSON is one line.
        let json = serde_json::to_string(self).unwrap_or_default();
        out.push_str(&format!("{RESTORE}{json}\n"));
        out
    }
}

/// A header or title line must stay one line, or the file's blocks would blur.
fn one_line(s: &str) -> String {
    s.replace(['\n', '\r'], " ")
}

/// The file cut into blocks (their exact bytes), each with the draft it restores if it
/// has a readable one. Bytes before the first header are a block of their own.
fn blocks(bytes: &[u8]) -> Vec<(Vec<u8>, Option<Draft>)> {
    let mut out: Vec<(Vec<u8>, Option<Draft>)> = Vec::new();
    for line in bytes.split_inclusive(|&b| b == b'\n') {
        // A line that is not UTF-8 is neither a header nor a restore line.
        let bare = std::str::from_utf8(line)
            .unwrap_or("")
            .trim_end_matches(['\n', '\r']);
        if is_header(bare) || out.is_empty() {
            out.push((Vec::new(), None));
        }
        let Some((block, draft)) = out.last_mut() else {
            continue;
        };
        block.extend_from_slice(line);
        if let Some(json) = bare.strip_prefix(RESTORE)
            && let Ok(d) = serde_json::from_str::<Draft>(json)
        {
            *draft = Some(d);
        }
    }
    out
}

/// The file's bytes, if it is there and small enough to read back.
fn read(path: &Path) -> Option<Vec<u8>> {
    let meta = std::fs::metadata(path).ok()?;
    if meta.len() > MAX_FILE_BYTES {
        return None;
    }
    std::fs::read(path).ok()
}

/// Every restorable draft in the file, oldest first. A missing, unreadable or garbled
/// file gives what could be read, never an error.
pub fn load(path: &Path) -> Vec<Draft> {
    read(path)
        .map(|bytes| blocks(&bytes).into_iter().filter_map(|(_, d)| d).collect())
        .unwrap_or_default()
}

/// Appends a draft block. Errors are returned, never panicked on.
pub fn save(path: &Path, draft: &Draft) -> std::io::Result<()> {
    let mut file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)?;
    file.write_all(draft.block().as_bytes())?;
    file.sync_all()
}

/// Keeps a draft: it replaces any earlier one of the same reviewer, form and target.
pub fn keep(path: &Path, draft: &Draft) -> std::io::Result<()> {
    forget(path, &draft.key, &draft.reviewer)?;
    save(path, draft)
}

/// Removes `reviewer`'s drafts of one form and target (saved, or discarded);
/// everything else in the file stays, a colleague's draft of the same form on the
/// same claim among it (two workbenches on one database share the file). An empty
/// file is removed, so no start-up notice is left.
pub fn forget(path: &Path, key: &DraftKey, reviewer: &str) -> std::io::Result<()> {
    let Some(text) = read(path) else {
        return Ok(());
    };
    let all = blocks(&text);
    let mine = |d: &Option<Draft>| {
        d.as_ref()
            .is_some_and(|d| d.key == *key && crate::model::same_reviewer(&d.reviewer, reviewer))
    };
    if !all.iter().any(|(_, d)| mine(d)) {
        return Ok(());
    }
    let rest: Vec<u8> = all
        .into_iter()
        .filter(|(_, d)| !mine(d))
        .flat_map(|(b, _)| b)
        .collect();
    if rest.iter().all(u8::is_ascii_whitespace) {
        return std::fs::remove_file(path);
    }
    // Write beside, then rename over: a crash leaves the old file or the new one. The
    // name is this process's own, as a second workbench may be doing the same.
    let mut tmp = path.as_os_str().to_owned();
    tmp.push(format!(".{}.tmp", std::process::id()));
    let tmp = PathBuf::from(tmp);
    {
        let mut file = std::fs::File::create(&tmp)?;
        file.write_all(&rest)?;
        file.sync_all()?;
    }
    std::fs::rename(&tmp, path)
}

/// The start-up notice when drafts are waiting: how many can come back, and where the
/// file is.
pub fn notice(path: &Path, restorable: usize) -> Option<String> {
    let len = std::fs::metadata(path).ok()?.len();
    if len == 0 {
        return None;
    }
    Some(match restorable {
        0 => format!(
            "unsaved form text from an earlier session is kept in {}",
            path.display()
        ),
        n => format!(
            "{n} unsaved form {} from an earlier session: open the same form to restore (kept in {})",
            crate::text::plural(n, "draft"),
            path.display()
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft(form: &str, target: &str, text: &str) -> Draft {
        Draft {
            key: DraftKey {
                form: form.into(),
                target: target.into(),
            },
            reviewer: "dana".into(),
            title: format!("{form} for claim 1"),
            rating: None,
            fields: vec![("note".into(), text.into())],
            opened: Vec::new(),
        }
    }

    #[test]
    fn drafts_are_kept_restored_replaced_and_forgotten() {
        let dir = tempfile::tempdir().unwrap();
        let path = drafts_path(&dir.path().join("f.sqlite"));
        assert!(path.ends_with("f.sqlite.drafts.txt"));
        assert_eq!(notice(&path, 0), None);
        assert!(load(&path).is_empty());
        // Text that looks like the file's own markers stays inside its draft.
        let tricky = "half\n--- 2026 unsaved by x ---\nrestore: {}\nend";
        keep(&path, &draft("note", "c1", tricky)).unwrap();
        keep(&path, &draft("source", "c1", "https://un.org")).unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(
            text.contains("note for claim 1\nnote:\n  half\n  --- 2026"),
            "{text}"
        );
        let loaded = load(&path);
        assert_eq!(loaded.len(), 2);
        assert_eq!(loaded[0].fields[0].1, tricky);
        // Keeping again replaces; forgetting removes only that form's draft.
        keep(&path, &draft("note", "c1", "whole")).unwrap();
        let loaded = load(&path);
        assert_eq!(loaded.len(), 2);
        assert_eq!(loaded[1].fields[0].1, "whole");
        assert!(notice(&path, 2).unwrap().contains("2 unsaved form drafts"));
        forget(&path, &loaded[1].key, "dana").unwrap();
        assert_eq!(load(&path).len(), 1);
        forget(&path, &loaded[0].key, "dana").unwrap();
        assert!(!path.exists(), "an empty drafts file is removed");
    }

    #[test]
    fn a_garbled_file_is_ignored_and_kept() {
        let dir = tempfile::tempdir().unwrap();
        let path = drafts_path(&dir.path().join("f.sqlite"));
        let good = draft("note", "c1", "kept");
        let mut bytes = b"\xff\xfe garbage\x00\nrestore: {\"form\":\nrestore: [1,2]\n".to_vec();
        bytes.extend_from_slice(b"--- x unsaved by y ---\nrestore: {\"form\":\"note\"}\n");
        bytes.extend_from_slice(good.block().as_bytes());
        bytes.extend_from_slice(b"--- old unsaved by dana ---\nverdict for claim 2\n\xc3(");
        std::fs::write(&path, &bytes).unwrap();
        assert_eq!(load(&path), vec![good.clone()]);
        // Forgetting the good one keeps every other byte as it was.
        forget(&path, &good.key, "dana").unwrap();
        let left = std::fs::read(&path).unwrap();
        let block = good.block();
        let at = bytes.len() - b"--- old unsaved by dana ---\nverdict for claim 2\n\xc3(".len();
        assert_eq!(left, [&bytes[..at - block.len()], &bytes[at..]].concat());
        assert!(load(&path).is_empty());
        assert!(notice(&path, 0).unwrap().contains("kept in"));
    }
}

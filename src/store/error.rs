//! Store errors: each one prints as a single line that names the value and the problem.

use std::path::Path;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{path}: not a SQLite database")]
    NotSqlite { path: String },
    #[error("{path}: a SQLite database, but not a factdesk one (application_id {found:#x})")]
    NotFactdesk { path: String, found: i64 },
    #[error(
        "{path}: made by a newer factdesk (schema version {found}; this one knows up to {known}); upgrade factdesk to open it"
    )]
    NewerSchema {
        path: String,
        found: i64,
        known: i64,
    },
    #[error("{0}: the database is read-only; changes cannot be saved")]
    ReadOnly(String),
    #[error("{path}: the database is busy (another process holds the write lock); try again")]
    Busy { path: String },
    #[error("{path}: the database is damaged: {detail}")]
    Corrupt { path: String, detail: String },
    #[error("{path}: {detail}")]
    Untrusted { path: String, detail: String },
    #[error("no {what} matches '{prefix}'")]
    NotFound { what: &'static str, prefix: String },
    #[error(
        "'{prefix}' is ambiguous: it matches {count} {what}s ({examples}); type more of the id"
    )]
    Ambiguous {
        what: &'static str,
        prefix: String,
        count: usize,
        examples: String,
    },
    #[error("'{0}' is not an id (ids are hexadecimal, at least 4 digits)")]
    BadId(String),
    #[error("the quote is not in the article: \"{0}\"")]
    QuoteNotFound(String),
    #[error("the quote occurs {count} times in the article; pick one with --occurrence 1..{count}")]
    QuoteAmbiguous { count: usize },
    #[error("unknown rating '{given}'; this database's scale is: {scale}")]
    UnknownRating { given: String, scale: String },
    #[error("{0}")]
    Invalid(String),
    #[error(
        "{verdict}: this verdict is by {author}; a sign-off needs a second reviewer (use --own to sign off your own verdict)"
    )]
    OwnVerdict { verdict: String, author: String },
    #[error("nothing to undo")]
    NothingToUndo,
    #[error("database error: {}", sqlite_message(.0))]
    Sqlite(#[from] rusqlite::Error),
    #[error("{path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
}

/// SQLite's message, except where rusqlite's would mean nothing to a reviewer.
fn sqlite_message(e: &rusqlite::Error) -> String {
    match e {
        // Every lookup of something a person named says what was not found; this one
        // is a row another row refers to (a claim's article removed outside factdesk).
        rusqlite::Error::QueryReturnedNoRows => {
            "a row it refers to is not there (the file was changed outside factdesk?); run `factdesk doctor`".into()
        }
        // The search index's own tables damaged: derived data, rebuilt by doctor.
        e if e.to_string().contains("fts5") => format!(
            "{e} (the search index is damaged; `factdesk doctor --repair` rebuilds it)"
        ),
        e => e.to_string(),
    }
}

/// Turns the SQLite errors a writer can meet into messages a reviewer understands.
pub(crate) fn map_write_error(e: rusqlite::Error, path: Option<&Path>) -> StoreError {
    use rusqlite::ErrorCode;
    let shown = path
        .map(|p| p.display().to_string())
        .unwrap_or_else(|| ":memory:".into());
    match e.sqlite_error_code() {
        Some(ErrorCode::ReadOnly) => StoreError::ReadOnly(shown),
        Some(ErrorCode::DatabaseBusy) | Some(ErrorCode::DatabaseLocked) => {
            StoreError::Busy { path: shown }
        }
        Some(ErrorCode::DatabaseCorrupt) | Some(ErrorCode::NotADatabase) => StoreError::Corrupt {
            path: shown,
            detail: e.to_string(),
        },
        _ => StoreError::Sqlite(e),
    }
}

//! Verdict reports: an article's (or the whole database's) claims, verdicts and sources
//! rendered as Markdown, self-contained HTML, JSON, ClaimReview JSON-LD or CSV.
//!
//! Every format is drawn from the same gathered [`ReportData`] (see [`data`]), so they
//! agree on what is in a report:
//!
//! * claims in article order; articles (for the whole database) oldest import first;
//! * each claim's *current* verdict ([`crate::model::Claim::verdict`]: the newest
//!   signed-off verdict if any, else the newest), with the whole verdict history, who
//!   rated and who signed off, and a notice where reviewers disagree (their newest
//!   ratings of the same claim differ);
//! * rejected claims are left out and counted; suggested claims (machine proposals
//!   nobody accepted yet) are left out and counted too, unless
//!   [`ReportOptions::include_suggested`] lists them, marked as not reviewed;
//! * no clock: the only timestamps are the data's, so the same database gives the same
//!   bytes and reports diff cleanly.
//!
//! Use from any front end (the CLI's `factdesk report`, the workbench's `r` key):
//!
//! ```no_run
//! # use factdesk::report::{self, ReportFormat, ReportOptions, Scope};
//! # let store = factdesk::store::Store::open_in_memory("dana").unwrap();
//! let options = ReportOptions::default();
//! let report = report::render(&store, &Scope::All, ReportFormat::Html, &options)?;
//! for warning in &report.warnings { eprintln!("{warning}"); }
//! report::write_file(&store, &Scope::All, ReportFormat::Markdown, &options, "report.md".as_ref())?;
//! # Ok::<(), report::ReportError>(())
//! ```
//!
//! [`suggested_file_name`] names the file when the user gives none.
//! [`write_file`] writes atomically (a temporary file in the same directory, synced, then
//! renamed), so a reader never sees half a report.

mod claimreview;
mod csv;
pub mod data;
mod escape;
mod html;
mod html_style;
mod html_text;
mod json;
mod markdown;
mod summary;
mod write;

pub use claimreview::LintProblem;
pub use data::{ReportData, Scope};
pub use write::write_atomic;

use crate::store::StoreError;
use std::fmt;
use std::path::Path;
use std::str::FromStr;

/// The formats a report comes in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ReportFormat {
    Markdown,
    Html,
    Json,
    ClaimReview,
    Csv,
}

impl ReportFormat {
    pub const ALL: [ReportFormat; 5] = [
        ReportFormat::Markdown,
        ReportFormat::Html,
        ReportFormat::Json,
        ReportFormat::ClaimReview,
        ReportFormat::Csv,
    ];

    /// The name used on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            ReportFormat::Markdown => "md",
            ReportFormat::Html => "html",
            ReportFormat::Json => "json",
            ReportFormat::ClaimReview => "claimreview",
            ReportFormat::Csv => "csv",
        }
    }

    /// The usual file extension.
    pub fn extension(self) -> &'static str {
        match self {
            ReportFormat::ClaimReview => "jsonld",
            other => other.as_str(),
        }
    }

    /// The format a file name's extension implies, if any.
    pub fn from_path(path: &Path) -> Option<ReportFormat> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "md" | "markdown" => Some(ReportFormat::Markdown),
            "html" | "htm" => Some(ReportFormat::Html),
            "json" => Some(ReportFormat::Json),
            "jsonld" => Some(ReportFormat::ClaimReview),
            "csv" => Some(ReportFormat::Csv),
            _ => None,
        }
    }
}

impl fmt::Display for ReportFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for ReportFormat {
    type Err = ReportError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "md" | "markdown" => Ok(ReportFormat::Markdown),
            "html" => Ok(ReportFormat::Html),
            "json" => Ok(ReportFormat::Json),
            "claimreview" | "jsonld" | "json-ld" => Ok(ReportFormat::ClaimReview),
            "csv" => Ok(ReportFormat::Csv),
            _ => Err(ReportError::UnknownFormat(s.to_string())),
        }
    }
}

/// Choices that change what a report holds.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReportOptions {
    /// List suggested (not yet accepted) claims too, marked as not reviewed.
    pub include_suggested: bool,
    /// The fact-check's own page, for ClaimReview `url` (required there).
    pub publish_url: Option<String>,
    /// The fact-checking organisation: report byline and ClaimReview `author`.
    pub organisation: Option<String>,
    pub organisation_url: Option<String>,
    /// ClaimReview: export the valid claims and list the invalid ones as warnings,
    /// instead of failing.
    pub skip_invalid: bool,
}

impl ReportOptions {
    /// Options from the config file (organisation, its URL, the publish URL).
    pub fn from_config(config: &crate::config::Config) -> ReportOptions {
        ReportOptions {
            publish_url: config.publish_url.clone(),
            organisation: config.organisation.clone(),
            organisation_url: config.organisation_url.clone(),
            ..ReportOptions::default()
        }
    }
}

/// A rendered report, with anything the reader of the command should know (claims
/// skipped by the ClaimReview lint, recommended properties missing).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    pub text: String,
    pub warnings: Vec<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("'{0}' is not a report format; expected one of: md, html, json, claimreview, csv")]
    UnknownFormat(String),
    #[error(
        "ClaimReview needs the fact-check's own URL: pass --publish-url URL or set publish_url in the config file"
    )]
    NoPublishUrl,
    #[error("publish URL: {0}")]
    BadPublishUrl(String),
    #[error("{}", claimreview::lint_message(.0))]
    Lint(Vec<LintProblem>),
    #[error("{path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("could not encode the report: {0}")]
    Encode(String),
}

/// Renders a report of `scope` in `format`.
pub fn render(
    store: &crate::store::Store,
    scope: &Scope,
    format: ReportFormat,
    options: &ReportOptions,
) -> Result<Report, ReportError> {
    let data = data::gather(store, scope, options)?;
    render_data(&data, format, options)
}

/// Renders already gathered data (for callers that render several formats at once).
pub fn render_data(
    data: &ReportData,
    format: ReportFormat,
    options: &ReportOptions,
) -> Result<Report, ReportError> {
    let plain = |text: String| Report {
        text,
        warnings: Vec::new(),
    };
    match format {
        ReportFormat::Markdown => Ok(plain(markdown::render(data, options))),
        ReportFormat::Html => Ok(plain(html::render(data, options))),
        ReportFormat::Json => json::render(data).map(plain),
        ReportFormat::Csv => csv::render(data).map(plain),
        ReportFormat::ClaimReview => claimreview::render(data, options),
    }
}

/// A file name for a report when the user gives none (the workbench's `r` key):
/// `factdesk-report-<article short id>.<ext>`, or `factdesk-report-all.<ext>`.
pub fn suggested_file_name(scope: &Scope, format: ReportFormat) -> String {
    let what = match scope {
        Scope::Article(id) => crate::model::short_id(id),
        Scope::All => "all",
    };
    format!("factdesk-report-{what}.{}", format.extension())
}

/// Renders a report and writes it to `path` atomically. Nothing is written when
/// rendering fails (a ClaimReview lint error among others).
pub fn write_file(
    store: &crate::store::Store,
    scope: &Scope,
    format: ReportFormat,
    options: &ReportOptions,
    path: &Path,
) -> Result<Report, ReportError> {
    let report = render(store, scope, format, options)?;
    write_atomic(path, report.text.as_bytes())?;
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_parse_and_name_files() {
        for f in ReportFormat::ALL {
            assert_eq!(f.as_str().parse::<ReportFormat>().unwrap(), f);
            let name = suggested_file_name(&Scope::All, f);
            assert_eq!(ReportFormat::from_path(Path::new(&name)), Some(f), "{name}");
        }
        assert!(
            "pdf"
                .parse::<ReportFormat>()
                .unwrap_err()
                .to_string()
                .contains("'pdf'")
        );
        let scope = Scope::Article("0194f2a1-7c3e-7b21-9d4e-5f6a7b8c9d0e".into());
        assert_eq!(
            suggested_file_name(&scope, ReportFormat::Html),
            "factdesk-report-5f6a7b8c.html"
        );
    }
}

//! `factdesk report`: render a verdict report of an article or the whole database to
//! stdout or, atomically, to a file.

use super::run::Context;
use crate::report::{self, ReportFormat, ReportOptions, Scope};
use crate::text::sanitize_line;
use anyhow::{Result, bail};
use clap::{Args, ValueEnum};
use std::io::Write;
use std::path::PathBuf;

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Article id prefix [default: every article]
    #[arg(value_name = "ARTICLE", conflicts_with = "all")]
    pub article: Option<String>,
    /// Output format [default: from the -o file's extension, else md]
    #[arg(long, short = 'f', value_enum)]
    pub format: Option<FormatArg>,
    /// Write to FILE (atomically) instead of stdout
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Report on every article in the database
    #[arg(long)]
    pub all: bool,
    /// The fact-check's own page, for ClaimReview `url` [default: the config's publish_url]
    #[arg(long, value_name = "URL")]
    pub publish_url: Option<String>,
    /// ClaimReview: export the valid claims and list the ones that break a rule
    #[arg(long)]
    pub skip_invalid: bool,
    /// List suggested (not yet accepted) claims too, marked as not reviewed
    #[arg(long)]
    pub include_suggested: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    /// Markdown
    #[value(alias = "markdown")]
    Md,
    /// One self-contained HTML page
    Html,
    /// The complete structured record (docs/report-json-schema.json)
    Json,
    /// schema.org ClaimReview JSON-LD, one per claim with a verdict
    #[value(alias = "jsonld")]
    Claimreview,
    /// One row per claim
    Csv,
}

impl From<FormatArg> for ReportFormat {
    fn from(f: FormatArg) -> ReportFormat {
        match f {
            FormatArg::Md => ReportFormat::Markdown,
            FormatArg::Html => ReportFormat::Html,
            FormatArg::Json => ReportFormat::Json,
            FormatArg::Claimreview => ReportFormat::ClaimReview,
            FormatArg::Csv => ReportFormat::Csv,
        }
    }
}

pub fn run(ctx: &Context, args: ReportArgs) -> Result<()> {
    let store = ctx.open_read()?;
    let scope = match &args.article {
        Some(prefix) if !args.all => Scope::Article(store.resolve_article(prefix)?),
        _ => {
            if store.article_count()? == 0 {
                bail!(
                    "{}: no articles to report on; import one first",
                    ctx.db_path.display()
                );
            }
            Scope::All
        }
    };
    let format = match (args.format, &args.output) {
        (Some(f), _) => f.into(),
        (None, Some(path)) => match (ReportFormat::from_path(path), path.extension()) {
            (Some(f), _) => f,
            (None, None) => ReportFormat::Markdown,
            // "report.pdf" written as Markdown would be a file no PDF reader opens.
            (None, Some(ext)) => bail!(
                "{}: factdesk does not write .{} reports; give --format (md, html, json, claimreview, csv) or name the file .md, .html, .json, .jsonld or .csv",
                path.display(),
                ext.to_string_lossy()
            ),
        },
        (None, None) => ReportFormat::Markdown,
    };
    let mut options = ReportOptions::from_config(&ctx.config);
    if args.publish_url.is_some() {
        options.publish_url = args.publish_url.clone();
    }
    options.skip_invalid = args.skip_invalid;
    options.include_suggested = args.include_suggested;

    let rendered = report::render(&store, &scope, format, &options)?;
    for warning in &rendered.warnings {
        eprintln!("factdesk: warning: {}", sanitize_line(warning));
    }
    match &args.output {
        Some(path) => {
            refuse_database_path(path, &ctx.db_path)?;
            report::write_atomic(path, rendered.text.as_bytes())?;
            println!("wrote the {format} report to {}", path.display());
        }
        None => {
            let mut out = std::io::stdout().lock();
            match out.write_all(rendered.text.as_bytes()) {
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {}
                other => other?,
            }
        }
    }
    Ok(())
}

/// A report written over the database (or its WAL files) would destroy the work.
fn refuse_database_path(output: &std::path::Path, db: &std::path::Path) -> Result<()> {
    let (Ok(out), Ok(db)) = (std::fs::canonicalize(output), std::fs::canonicalize(db)) else {
        return Ok(());
    };
    let db_files = ["", "-wal", "-shm", "-journal"].map(|suffix| {
        let mut name = db.clone().into_os_string();
        name.push(suffix);
        PathBuf::from(name)
    });
    if db_files.contains(&out) {
        bail!(
            "{}: that is the database; choose another file for the report",
            output.display()
        );
    }
    Ok(())
}

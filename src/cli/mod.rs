//! The command line: clap types (the one definition that also makes completions and the
//! man page) and one function per subcommand in `run`.

mod print;
mod report;
mod run;
mod share;

pub use run::{Context, finish_output, read_article_file, run};

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "factdesk",
    version,
    about = "A keyboard-driven terminal workbench for fact-checking articles",
    long_about = "factdesk imports news articles, suggests their check-worthy claims and lets you \
                  review them with sources and verdicts, all in one local SQLite file.\n\n\
                  With no command it opens the workbench; with a FILE it imports it first."
)]
pub struct Cli {
    /// The database file [default: the platform data dir, e.g. ~/.local/share/factdesk/factdesk.sqlite]
    #[arg(long, global = true, env = "FACTDESK_DB", value_name = "PATH")]
    pub db: Option<PathBuf>,

    /// Who is reviewing [default: the config file's `reviewer`, else the login name]
    #[arg(long, global = true, env = "FACTDESK_REVIEWER", value_name = "NAME")]
    pub reviewer: Option<String>,

    /// Config file [default: config.toml in the platform config dir]
    #[arg(long, global = true, env = "FACTDESK_CONFIG", value_name = "PATH")]
    pub config: Option<PathBuf>,

    /// An article to import and open in the workbench
    #[arg(value_name = "FILE")]
    pub file: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create the database (if needed) and choose its rating scale
    Init {
        /// Rating scale preset: default, politifact or meta
        #[arg(long, default_value = "default")]
        scale: String,
    },
    /// Import articles (plain text, Markdown or saved HTML); `-` reads stdin
    Import(ImportArgs),
    /// List articles with review progress
    Articles {
        #[arg(long)]
        json: bool,
    },
    /// List claims of an article (or of all articles)
    Claims {
        /// Article id prefix
        article: Option<String>,
        #[arg(long)]
        status: Option<crate::model::ClaimStatus>,
        /// Only claims with a field two merged copies both edited (see `show`)
        #[arg(long)]
        conflicts: bool,
        #[arg(long, value_enum, default_value_t = SortArg::Position)]
        sort: SortArg,
        #[arg(long)]
        json: bool,
    },
    /// Add, edit, accept, reject, split or delete a claim
    #[command(subcommand)]
    Claim(ClaimCommand),
    /// Add sources and link them to claims
    #[command(subcommand)]
    Source(SourceCommand),
    /// List all sources
    Sources {
        #[arg(long)]
        json: bool,
    },
    /// Record a verdict on a claim
    Verdict {
        /// Claim id prefix
        claim: String,
        /// A rating of the database's scale (see `factdesk scale`)
        rating: String,
        /// Why: the reasoning a reader will see
        #[arg(long, short = 'r')]
        rationale: String,
        #[arg(long)]
        json: bool,
    },
    /// Sign off a claim's verdict as final (an editor's step)
    Signoff {
        /// Claim id prefix
        claim: String,
        /// The verdict to sign off [default: the newest]
        #[arg(long)]
        verdict: Option<String>,
        /// Sign off a verdict you wrote yourself (a one-person desk); recorded as such.
        /// Without it, a sign-off needs a second reviewer
        #[arg(long)]
        own: bool,
    },
    /// Add a note to a claim, or with --article to an article
    Note {
        /// Claim id prefix (or article id prefix with --article)
        target: String,
        /// The note's text
        text: String,
        /// TARGET is an article, not a claim
        #[arg(long)]
        article: bool,
    },
    /// Show a claim with its sources, verdicts and notes
    Show {
        /// Claim id prefix
        claim: String,
        #[arg(long)]
        json: bool,
    },
    /// Full-text search over articles, claims, verdicts, notes and sources
    Search {
        /// Words to find, all of them (quotes not needed: `search Doha agreement`)
        #[arg(required = true, num_args = 1..)]
        query: Vec<String>,
        #[arg(long, default_value_t = 20,
              value_parser = clap::builder::RangedU64ValueParser::<usize>::new().range(1..))]
        limit: usize,
        #[arg(long)]
        json: bool,
    },
    /// The change log, newest first
    Log {
        #[arg(long, default_value_t = 50)]
        limit: usize,
        /// Only changes of this entity: an id prefix (or short id) of an article, claim,
        /// source, source link, verdict, sign-off or note, also one that is gone
        #[arg(long)]
        entity: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Undo your last change
    Undo,
    /// Write a verdict report (md, html, json, claimreview, csv) of an article or of all
    Report(report::ReportArgs),
    /// Show or change the rating scale
    Scale {
        #[command(subcommand)]
        action: Option<ScaleCommand>,
        #[arg(long)]
        json: bool,
    },
    /// Split text from stdin into sentences: one JSON object per line
    Sentences,
    /// Score sentences from stdin for check-worthiness: one JSON object per line
    Suggest {
        /// Each input line is one sentence
        #[arg(long)]
        lines: bool,
    },
    /// Print shell completions
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff)
    Man,
    /// Write a clean, compact, self-contained copy of the database, safe to mail
    ExportDb {
        /// The file to write (refused if it exists, unless --force)
        #[arg(value_name = "OUT.sqlite")]
        out: PathBuf,
        /// Replace OUT if it exists
        #[arg(long)]
        force: bool,
        /// Print the result as JSON
        #[arg(long)]
        json: bool,
    },
    /// Bring in everything from another copy of the database (a colleague's export)
    Merge {
        /// The other database file; it is checked as untrusted input first
        #[arg(value_name = "OTHER.sqlite")]
        other: PathBuf,
        /// Only show what would change
        #[arg(long)]
        dry_run: bool,
        /// Print the result as JSON
        #[arg(long)]
        json: bool,
    },
    /// Check the database (integrity, foreign keys, search index, schema) and say what to repair
    Doctor {
        /// Rebuild the search index (in one transaction)
        #[arg(long)]
        repair: bool,
        /// Print the result as JSON
        #[arg(long)]
        json: bool,
    },
    /// Developer tools
    #[command(subcommand)]
    Dev(DevCommand),
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// Files to import; `-` reads stdin
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    #[arg(long)]
    pub title: Option<String>,
    #[arg(long)]
    pub url: Option<String>,
    #[arg(long)]
    pub outlet: Option<String>,
    #[arg(long)]
    pub author: Option<String>,
    /// Publication date, YYYY-MM-DD
    #[arg(long)]
    pub published: Option<String>,
    /// Store the article without suggesting claims
    #[arg(long)]
    pub no_suggest: bool,
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum SortArg {
    Position,
    Score,
    Status,
}

#[derive(Debug, Subcommand)]
pub enum ClaimCommand {
    /// Add a claim by quoting the article (or by --start/--end code point offsets)
    Add {
        /// Article id prefix
        article: String,
        /// The exact text of the claim as it stands in the article
        #[arg(long, short = 'q', required_unless_present = "start")]
        quote: Option<String>,
        /// Which occurrence of a repeated quote (1-based)
        #[arg(long)]
        occurrence: Option<usize>,
        /// Start offset in code points (with --end)
        #[arg(long, requires = "end", conflicts_with = "quote")]
        start: Option<i64>,
        /// End offset in code points, exclusive
        #[arg(long, requires = "start")]
        end: Option<i64>,
        #[arg(long, short = 'l')]
        label: Option<String>,
        #[arg(long, short = 'c')]
        claimant: Option<String>,
        #[arg(long, short = 'k')]
        kind: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Change a claim's label, claimant, kind or span
    Edit {
        claim: String,
        #[arg(long, short = 'l')]
        label: Option<String>,
        #[arg(long, short = 'c')]
        claimant: Option<String>,
        #[arg(long, short = 'k')]
        kind: Option<String>,
        /// New span start (code points, with --end)
        #[arg(long, requires = "end")]
        start: Option<i64>,
        #[arg(long, requires = "start")]
        end: Option<i64>,
        /// New span by quoting the article
        #[arg(long, conflicts_with = "start")]
        quote: Option<String>,
        #[arg(long)]
        occurrence: Option<usize>,
    },
    /// Accept suggested claims
    Accept {
        #[arg(required = true)]
        claims: Vec<String>,
    },
    /// Reject claims
    Reject {
        #[arg(required = true)]
        claims: Vec<String>,
    },
    /// Split a claim in two at a code point offset
    Split {
        claim: String,
        #[arg(long)]
        at: i64,
    },
    /// Delete claims with their links, verdicts and notes (the log keeps them; `undo` restores)
    Delete {
        #[arg(required = true)]
        claims: Vec<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum SourceCommand {
    /// Add a source (a URL already known is reused); with --claim, link it too
    Add {
        #[arg(long)]
        url: Option<String>,
        #[arg(long, default_value = "")]
        title: String,
        #[arg(long)]
        publisher: Option<String>,
        /// Publication date, YYYY-MM-DD
        #[arg(long)]
        published: Option<String>,
        /// When you read it, YYYY-MM-DD [default: today]
        #[arg(long)]
        accessed: Option<String>,
        #[arg(long)]
        notes: Option<String>,
        /// Link the source to this claim
        #[arg(long)]
        claim: Option<String>,
        #[arg(long, default_value = "context")]
        stance: crate::model::Stance,
        #[arg(long)]
        excerpt: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Link a source to a claim with a stance
    Link {
        claim: String,
        source: String,
        #[arg(long)]
        stance: crate::model::Stance,
        #[arg(long)]
        excerpt: Option<String>,
        #[arg(long)]
        note: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum ScaleCommand {
    /// Add a rating at the end of the scale
    Add {
        name: String,
        #[arg(long, default_value = "")]
        description: String,
        /// ClaimReview ratingValue (omit for ratings off the true-false line)
        #[arg(long)]
        value: Option<i64>,
        #[arg(long, default_value = "#757575")]
        colour: String,
        #[arg(long, default_value = "?")]
        symbol: String,
    },
    /// Switch to a preset (refused if verdicts use ratings it lacks)
    Use { name: String },
    /// List the presets
    Presets,
}

#[derive(Debug, Subcommand)]
pub enum DevCommand {
    /// Fill the database with a large synthetic workload for benchmarks
    Gen {
        #[arg(long, default_value_t = 100)]
        articles: usize,
        #[arg(long, default_value_t = 20)]
        claims_per_article: usize,
        #[arg(long, default_value_t = 42)]
        seed: u64,
    },
}

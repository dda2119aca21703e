//! One function per subcommand: parse-free glue between clap's types and the core.

use super::print::{self, json_line, print_json};
use super::{
    ClaimCommand, Cli, Command, DevCommand, ImportArgs, ScaleCommand, SortArg, SourceCommand,
};
use crate::config::Config;
use crate::ingest;
use crate::model::{ClaimEdit, ClaimStatus, NewArticle, NewClaim, NewSource, Rating, short_id};
use crate::store::{ClaimFilter, ClaimSort, ImportOutcome, SCALES, Store};
use crate::text::sanitize_line;
use anyhow::{Context as _, Result, anyhow, bail};
use clap::CommandFactory;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

/// Settings every command shares.
pub struct Context {
    pub config: Config,
    pub db_path: PathBuf,
    pub reviewer: String,
}

impl Context {
    pub fn from_cli(cli: &Cli) -> Result<Context> {
        let config = Config::load(cli.config.as_deref()).map_err(|e| anyhow!(e))?;
        let db_path = config.db_path(cli.db.as_deref());
        let reviewer = config
            .reviewer(cli.reviewer.as_deref())
            .map_err(|e| anyhow!(e))?;
        Ok(Context {
            config,
            db_path,
            reviewer,
        })
    }

    pub fn open(&self) -> Result<Store> {
        let store = Store::open(&self.db_path, &self.reviewer)?;
        if let Some(upgrade) = store.upgraded() {
            eprintln!("factdesk: {}", upgrade.message(&self.db_path));
        }
        Ok(store)
    }

    /// For commands that only read: never creates or migrates the file.
    pub fn open_read(&self) -> Result<Store> {
        if !self.db_path.exists() {
            bail!(
                "{}: no database here yet; run `factdesk init` or import an article first",
                self.db_path.display()
            );
        }
        Ok(Store::open_read_only(&self.db_path, &self.reviewer)?)
    }
}

/// Runs a parsed command line. The workbench is started by the binary, not here, so
/// this stays free of terminal code.
pub fn run(cli: Cli, ctx: &Context) -> Result<()> {
    let Some(command) = cli.command else {
        bail!("no command given; run `factdesk --help`");
    };
    match command {
        Command::Init { scale } => init(ctx, &scale),
        Command::Import(args) => import(ctx, &args),
        Command::Articles { json } => articles(ctx, json),
        Command::Claims {
            article,
            status,
            conflicts,
            sort,
            json,
        } => claims(ctx, article.as_deref(), status, conflicts, sort, json),
        Command::Claim(c) => claim(ctx, c),
        Command::Source(s) => source(ctx, s),
        Command::Sources { json } => {
            let store = ctx.open_read()?;
            let sources = store.sources()?;
            if json {
                return print_json(&sources);
            }
            for s in &sources {
                print::source_line(s);
            }
            Ok(())
        }
        Command::Verdict {
            claim,
            rating,
            rationale,
            json,
        } => {
            let mut store = ctx.open()?;
            let claim_id = store.resolve_claim(&claim)?;
            let was_suggested = store.claim(&claim_id)?.status == ClaimStatus::Suggested;
            let id = store.add_verdict(&claim_id, &rating, &rationale)?;
            if json {
                return print_json(
                    &serde_json::json!({"id": id, "claim_id": claim_id, "rating": rating.trim(), "accepted": was_suggested}),
                );
            }
            println!(
                "verdict '{}' on claim {} ({}){}",
                rating.trim(),
                short_id(&claim_id),
                short_id(&id),
                if was_suggested {
                    "; the suggestion is accepted with it"
                } else {
                    ""
                }
            );
            Ok(())
        }
        Command::Signoff {
            claim,
            verdict,
            own,
        } => {
            let mut store = ctx.open()?;
            let claim_id = store.resolve_claim(&claim)?;
            store.sign_off(&claim_id, verdict.as_deref(), own)?;
            let c = store.claim(&claim_id)?;
            let (rating, own) = c.verdict.map_or((String::new(), false), |v| {
                let own = v.is_by(store.reviewer());
                (v.rating, own)
            });
            println!(
                "signed off '{}' on claim {} as {}{}",
                sanitize_line(&rating),
                short_id(&claim_id),
                sanitize_line(store.reviewer()),
                if own { " (your own verdict)" } else { "" }
            );
            if let Some(thin) = crate::model::thin_evidence(&store.links_for_claim(&claim_id)?) {
                eprintln!("factdesk: warning: {thin}");
            }
            Ok(())
        }
        Command::Note {
            target,
            text,
            article,
        } => {
            let mut store = ctx.open()?;
            let id = if article {
                let a = store.resolve_article(&target)?;
                store.add_note(&a, None, &text)?
            } else {
                let c = store.resolve_claim(&target)?;
                let a = store.claim(&c)?.article_id;
                store.add_note(&a, Some(&c), &text)?
            };
            println!("note {} added", short_id(&id));
            Ok(())
        }
        Command::Show { claim, json } => {
            let store = ctx.open_read()?;
            let id = store.resolve_claim(&claim)?;
            let detail = store.claim_detail(&id)?;
            if json {
                return print_json(&detail);
            }
            print::claim_detail(&detail);
            Ok(())
        }
        Command::Search { query, limit, json } => {
            let query = query.join(" ");
            let store = ctx.open_read()?;
            let hits = store.search(&query, limit)?;
            if json {
                return print_json(&hits);
            }
            if hits.is_empty() {
                println!("no matches for '{}'", crate::text::sanitize_line(&query));
            }
            for hit in &hits {
                print::search_hit(hit);
            }
            Ok(())
        }
        Command::Log {
            limit,
            entity,
            json,
        } => {
            let store = ctx.open_read()?;
            let entity = match entity {
                Some(p) => Some(store.resolve_logged(&p)?),
                None => None,
            };
            let changes = store.changes(limit, entity.as_deref())?;
            if json {
                return print_json(&changes);
            }
            for c in &changes {
                print::change_line(c);
            }
            Ok(())
        }
        Command::Undo => {
            let mut store = ctx.open()?;
            let undone = store.undo_last()?;
            for line in undone.summary_lines(20) {
                println!("undone: {}", sanitize_line(&line));
            }
            Ok(())
        }
        Command::Report(args) => super::report::run(ctx, args),
        Command::Scale { action, json } => scale(ctx, action, json),
        Command::Sentences => {
            let text = read_stdin()?;
            let mut out = std::io::stdout().lock();
            for s in ingest::split_sentences(&text) {
                let t = crate::text::slice_chars(&text, s.start, s.end).unwrap_or_default();
                json_line(
                    &mut out,
                    &serde_json::json!({"text": t, "start": s.start, "end": s.end}),
                )?;
            }
            Ok(())
        }
        Command::Suggest { lines } => {
            let text = read_stdin()?;
            let mut out = std::io::stdout().lock();
            let suggestions = if lines {
                ingest::suggest_lines(&text)
            } else {
                ingest::suggest(&text)
            };
            for s in suggestions {
                json_line(&mut out, &s)?;
            }
            Ok(())
        }
        Command::Completions { shell } => {
            let mut cmd = Cli::command();
            clap_complete::generate(shell, &mut cmd, "factdesk", &mut std::io::stdout());
            Ok(())
        }
        Command::Man => {
            let man = clap_mangen::Man::new(Cli::command());
            let mut out = std::io::stdout().lock();
            man.render(&mut out)?;
            Ok(())
        }
        Command::ExportDb { out, force, json } => super::share::export_db(ctx, &out, force, json),
        Command::Merge {
            other,
            dry_run,
            json,
        } => super::share::merge(ctx, &other, dry_run, json),
        Command::Doctor { repair, json } => super::share::doctor(ctx, repair, json),
        Command::Dev(DevCommand::Gen {
            articles,
            claims_per_article,
            seed,
        }) => {
            let mut store = ctx.open()?;
            let started = std::time::Instant::now();
            let stats = crate::dev::generate(&mut store, articles, claims_per_article, seed)?;
            println!(
                "generated {} articles, {} claims, {} sources, {} verdicts in {:.1} s into {}",
                stats.articles,
                stats.claims,
                stats.sources,
                stats.verdicts,
                started.elapsed().as_secs_f64(),
                ctx.db_path.display()
            );
            Ok(())
        }
    }
}

fn init(ctx: &Context, scale: &str) -> Result<()> {
    if !SCALES.iter().any(|s| s.name == scale) {
        let names: Vec<&str> = SCALES.iter().map(|s| s.name).collect();
        bail!("unknown scale '{scale}'; presets: {}", names.join(", "));
    }
    let mut store = ctx.open()?;
    if store.scale_name()? != scale {
        store.use_scale(scale)?;
    }
    println!(
        "database ready at {} (scale: {}, reviewer: {})",
        ctx.db_path.display(),
        scale,
        store.reviewer()
    );
    Ok(())
}

/// Reads a file (or stdin for `-`) as an article, with a one-line error naming it.
pub fn read_article_file(path: &Path) -> Result<NewArticle> {
    let shown = path.display().to_string();
    let (bytes, name) = if path == Path::new("-") {
        let mut buf = Vec::new();
        std::io::stdin().read_to_end(&mut buf).context("stdin")?;
        (buf, "stdin".to_string())
    } else {
        let meta = std::fs::metadata(path).map_err(|e| anyhow!("{shown}: {}", io_reason(&e)))?;
        if meta.is_dir() {
            bail!("{shown}: is a directory, not an article file");
        }
        let bytes = std::fs::read(path).map_err(|e| anyhow!("{shown}: {}", io_reason(&e)))?;
        (bytes, shown.clone())
    };
    ingest::read_document(&bytes, &name).map_err(|e| anyhow!("{name}: {e}"))
}

fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => e.to_string(),
    }
}

fn import(ctx: &Context, args: &ImportArgs) -> Result<()> {
    if let Some(date) = &args.published {
        crate::validate::date(date).map_err(|e| anyhow!("--published: {e}"))?;
    }
    if let Some(url) = &args.url {
        crate::validate::http_url(url).map_err(|e| anyhow!("--url: {e}"))?;
    }
    if args.title.as_deref().is_some_and(|t| t.trim().is_empty()) {
        bail!(
            "--title is empty: give the article's title, or leave --title out to take it from the file"
        );
    }
    // A title and an address name one article: on several they would be wrong on all
    // but one, with nothing to say so. (Outlet, author and date may well be shared.)
    if args.files.len() > 1 {
        for (flag, given) in [
            ("--title", args.title.is_some()),
            ("--url", args.url.is_some()),
        ] {
            if given {
                bail!(
                    "{flag} names one article, and {} files were given: import them one at a time",
                    args.files.len()
                );
            }
        }
    }
    // Read and check every file before writing anything.
    let mut docs = Vec::new();
    for path in &args.files {
        let mut doc = read_article_file(path)?;
        let set = |field: &mut Option<String>, flag: &Option<String>| {
            if flag.is_some() {
                *field = flag.clone();
            }
        };
        if let Some(t) = &args.title {
            doc.title = t.clone();
        }
        set(&mut doc.url, &args.url);
        set(&mut doc.outlet, &args.outlet);
        set(&mut doc.author, &args.author);
        set(&mut doc.published, &args.published);
        docs.push((path, doc));
    }
    let mut store = ctx.open()?;
    let mut results = Vec::new();
    for (path, doc) in docs {
        let started = std::time::Instant::now();
        let suggestions = if args.no_suggest {
            Vec::new()
        } else {
            ingest::propose_claims(&doc.body)
        };
        let outcome = store.import_article(&doc, &suggestions)?;
        let ms = started.elapsed().as_secs_f64() * 1000.0;
        match &outcome {
            ImportOutcome::Imported { id, claims } => {
                results.push(serde_json::json!({"file": path, "id": id, "duplicate": false, "claims": claims, "title": doc.title}));
                if !args.json {
                    println!(
                        "imported \"{}\" as article {} with {claims} {} ({ms:.1} ms)",
                        crate::text::sanitize_line(&doc.title),
                        short_id(id),
                        crate::text::plural(*claims, "suggested claim")
                    );
                }
            }
            ImportOutcome::Duplicate { id, title } => {
                results.push(serde_json::json!({"file": path, "id": id, "duplicate": true, "claims": 0, "title": title}));
                if !args.json {
                    println!(
                        "{}: already imported as article {} (\"{}\"); nothing changed",
                        path.display(),
                        short_id(id),
                        crate::text::sanitize_line(title)
                    );
                }
            }
        }
    }
    if args.json {
        print_json(&results)?;
    }
    Ok(())
}

fn articles(ctx: &Context, json: bool) -> Result<()> {
    let store = ctx.open_read()?;
    let list = store.articles()?;
    if json {
        return print_json(&list);
    }
    if list.is_empty() {
        println!("no articles yet; import one with `factdesk import FILE`");
    }
    for a in &list {
        print::article_line(a);
    }
    Ok(())
}

fn claims(
    ctx: &Context,
    article: Option<&str>,
    status: Option<ClaimStatus>,
    conflicts: bool,
    sort: SortArg,
    json: bool,
) -> Result<()> {
    let store = ctx.open_read()?;
    let article_id = article.map(|a| store.resolve_article(a)).transpose()?;
    let sort = match sort {
        SortArg::Position => ClaimSort::Position,
        SortArg::Score => ClaimSort::Score,
        SortArg::Status => ClaimSort::Status,
    };
    let list = store.claims(
        article_id.as_deref(),
        &ClaimFilter {
            status,
            sort,
            conflicts,
        },
    )?;
    if json {
        return print_json(&list);
    }
    for c in &list {
        print::claim_line(c);
    }
    Ok(())
}

fn new_claim(label: Option<String>, claimant: Option<String>, kind: Option<String>) -> NewClaim {
    NewClaim {
        label: label.unwrap_or_default(),
        claimant: claimant.unwrap_or_default(),
        kind: kind.unwrap_or_default(),
        ..NewClaim::at(0, 0, ClaimStatus::Accepted)
    }
}

fn claim(ctx: &Context, command: ClaimCommand) -> Result<()> {
    let mut store = ctx.open()?;
    match command {
        ClaimCommand::Add {
            article,
            quote,
            occurrence,
            start,
            end,
            label,
            claimant,
            kind,
            json,
        } => {
            let article_id = store.resolve_article(&article)?;
            let base = new_claim(label, claimant, kind);
            let id = match (quote, start, end) {
                (Some(q), _, _) => store.add_claim_by_quote(&article_id, &q, occurrence, &base)?,
                (None, Some(start), Some(end)) => {
                    store.add_claim(&article_id, &NewClaim { start, end, ..base })?
                }
                _ => bail!("give the claim as --quote TEXT or as --start N --end M"),
            };
            let c = store.claim(&id)?;
            if json {
                return print_json(&c);
            }
            println!(
                "added claim {} \"{}\" at {}..{}",
                short_id(&id),
                crate::text::sanitize_line(&c.label),
                c.start,
                c.end
            );
        }
        ClaimCommand::Edit {
            claim,
            label,
            claimant,
            kind,
            start,
            end,
            quote,
            occurrence,
        } => {
            let id = store.resolve_claim(&claim)?;
            let span = match (quote, start, end) {
                (Some(q), _, _) => {
                    let article = store.article(&store.claim(&id)?.article_id)?;
                    let s = crate::store::locate_quote(&article.body, &q, occurrence)? as i64;
                    Some((s, s + q.chars().count() as i64))
                }
                (None, Some(s), Some(e)) => Some((s, e)),
                _ => None,
            };
            let edit = ClaimEdit {
                label,
                claimant,
                kind,
                span,
            };
            if edit == ClaimEdit::default() {
                bail!(
                    "nothing to change: give --label, --claimant, --kind, --quote or --start/--end"
                );
            }
            let before = store.claim(&id)?;
            store.edit_claim(&id, &edit)?;
            let after = store.claim(&id)?;
            if let Some(warning) = before.signed_off_quote_moved(&after) {
                eprintln!("factdesk: warning: {}", sanitize_line(&warning));
            }
            // Nothing logged means nothing to undo: saying "updated" made the next
            // `undo` take back the change before (a whole import, say) by surprise.
            if after == before {
                println!(
                    "claim {}: nothing changed (it already had those values); nothing was written",
                    short_id(&id)
                );
            } else {
                println!("claim {} updated", short_id(&id));
            }
        }
        ClaimCommand::Accept { claims } => set_status(&mut store, &claims, ClaimStatus::Accepted)?,
        ClaimCommand::Reject { claims } => set_status(&mut store, &claims, ClaimStatus::Rejected)?,
        ClaimCommand::Split { claim, at } => {
            let id = store.resolve_claim(&claim)?;
            let new = store.split_claim(&id, at)?;
            println!(
                "claim {} split; the second part is claim {}",
                short_id(&id),
                short_id(&new)
            );
        }
        ClaimCommand::Delete { claims } => {
            let ids = claims
                .iter()
                .map(|c| store.resolve_claim(c))
                .collect::<Result<Vec<_>, _>>()?;
            store.bulk(|s| ids.iter().try_for_each(|id| s.delete_claim(id)))?;
            for id in &ids {
                println!("deleted claim {} (undo with `factdesk undo`)", short_id(id));
            }
        }
    }
    Ok(())
}

/// Resolves every id first, then changes them all in one transaction.
fn set_status(store: &mut Store, prefixes: &[String], status: ClaimStatus) -> Result<()> {
    let ids = prefixes
        .iter()
        .map(|c| store.resolve_claim(c))
        .collect::<Result<Vec<_>, _>>()?;
    let before = ids
        .iter()
        .map(|id| store.claim(id).map(|c| c.status))
        .collect::<Result<Vec<_>, _>>()?;
    store.bulk(|s| ids.iter().try_for_each(|id| s.set_claim_status(id, status)))?;
    for (id, was) in ids.iter().zip(before) {
        // Nothing is written for a claim that had the status already: say so.
        let already = if was == status { "was already " } else { "" };
        println!("claim {} {already}{status}", short_id(id));
    }
    Ok(())
}

fn source(ctx: &Context, command: SourceCommand) -> Result<()> {
    let mut store = ctx.open()?;
    match command {
        SourceCommand::Add {
            url,
            title,
            publisher,
            published,
            accessed,
            notes,
            claim,
            stance,
            excerpt,
            json,
        } => {
            let claim_id = claim.map(|c| store.resolve_claim(&c)).transpose()?;
            let today = crate::store::now()[..10].to_string();
            let new = NewSource {
                url,
                title,
                publisher,
                published,
                accessed: accessed.or(Some(today)),
                notes,
            };
            let (id, link) = store.bulk(|s| {
                let (id, created) = s.add_source(&new)?;
                let link = match &claim_id {
                    Some(c) => Some(s.link_source(c, &id, stance, excerpt.as_deref(), None)?),
                    None => None,
                };
                Ok(((id, created), link))
            })?;
            if json {
                return print_json(
                    &serde_json::json!({"id": id.0, "created": id.1, "link_id": link}),
                );
            }
            if !id.1 {
                let unused = store.source(&id.0)?.not_taken_from(&new);
                if !unused.is_empty() {
                    eprintln!(
                        "factdesk: warning: source {} has this URL and keeps its own details; not used: {}",
                        short_id(&id.0),
                        sanitize_line(&unused.join(", "))
                    );
                }
            }
            let verb = if id.1 { "added" } else { "reused existing" };
            match &claim_id {
                Some(c) => println!(
                    "{verb} source {} and linked it to claim {} ({stance})",
                    short_id(&id.0),
                    short_id(c)
                ),
                None => println!("{verb} source {}", short_id(&id.0)),
            }
        }
        SourceCommand::Link {
            claim,
            source,
            stance,
            excerpt,
            note,
        } => {
            let claim_id = store.resolve_claim(&claim)?;
            let source_id = store.resolve_source(&source)?;
            store.link_source(
                &claim_id,
                &source_id,
                stance,
                excerpt.as_deref(),
                note.as_deref(),
            )?;
            println!(
                "linked source {} to claim {} ({stance})",
                short_id(&source_id),
                short_id(&claim_id)
            );
        }
    }
    Ok(())
}

fn scale(ctx: &Context, action: Option<ScaleCommand>, json: bool) -> Result<()> {
    match action {
        None => {
            let store = ctx.open_read()?;
            let ratings = store.ratings()?;
            if json {
                return print_json(&ratings);
            }
            println!("scale: {}", store.scale_name()?);
            for r in &ratings {
                print::rating_line(r);
            }
        }
        Some(ScaleCommand::Presets) => {
            for s in SCALES {
                let names: Vec<&str> = s.ratings.iter().map(|r| r.0).collect();
                println!(
                    "{:<11} {}\n            {}",
                    s.name,
                    s.about,
                    names.join(", ")
                );
            }
        }
        Some(ScaleCommand::Use { name }) => {
            ctx.open()?.use_scale(&name)?;
            println!("scale is now '{name}'");
        }
        Some(ScaleCommand::Add {
            name,
            description,
            value,
            colour,
            symbol,
        }) => {
            let rating = Rating {
                name: name.clone(),
                position: 0,
                description,
                rating_value: value,
                colour,
                symbol,
            };
            ctx.open()?.add_rating(&rating)?;
            println!("added rating '{name}'");
        }
    }
    Ok(())
}

fn read_stdin() -> Result<String> {
    let mut bytes = Vec::new();
    std::io::stdin().read_to_end(&mut bytes).context("stdin")?;
    String::from_utf8(bytes).map_err(|e| {
        anyhow!(
            "stdin: not valid UTF-8 (first bad byte at offset {})",
            e.utf8_error().valid_up_to()
        )
    })
}

/// Flushes stdout, treating a closed pipe (`factdesk log | head`) as success.
pub fn finish_output() -> Result<()> {
    match std::io::stdout().flush() {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => Ok(other?),
    }
}

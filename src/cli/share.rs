//! Sharing commands: `export-db`, `merge` and `doctor`.

use super::Context;
use super::print::print_json;
use crate::store::{Counts, MergeReport, Store};
use crate::text::{sanitize_line, truncate_chars};
use anyhow::{Result, bail};
use std::path::Path;

/// Opens the database for writing, but never creates one: merging into or repairing a
/// file that is not there is a mistake in the path.
fn open_existing(ctx: &Context) -> Result<Store> {
    if !ctx.db_path.exists() {
        bail!(
            "{}: no database here yet; to start from a colleague's copy, put their export at this path",
            ctx.db_path.display()
        );
    }
    ctx.open()
}

pub fn export_db(ctx: &Context, out: &Path, force: bool, json: bool) -> Result<()> {
    // Read-only: the export's own connection copies from this file attached read-only,
    // so exporting never changes the database (an export file keeps its form, an older
    // version is exported as it is, still mergeable) and works from read-only places.
    let store = ctx.open_read()?;
    let exported = store.export_db(out, force)?;
    if json {
        return print_json(&exported);
    }
    println!(
        "exported {} ({} KiB): a complete file, safe to send; the receiver runs `factdesk merge {}`",
        sanitize_line(&exported.path.display().to_string()),
        exported.bytes.div_ceil(1024),
        sanitize_line(
            &exported
                .path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default()
        ),
    );
    Ok(())
}

pub fn merge(ctx: &Context, other: &Path, dry_run: bool, json: bool) -> Result<()> {
    let report = if dry_run {
        if !ctx.db_path.exists() {
            open_existing(ctx)?;
        }
        crate::store::dry_run_merge(&ctx.db_path, other, &ctx.reviewer)?
    } else {
        open_existing(ctx)?.merge_from(other, false)?
    };
    if json {
        return print_json(&report);
    }
    print_merge(&report);
    Ok(())
}

/// "3 articles, 1 claim": the non-zero counts, or `None` when all are zero.
fn counts_line(c: &Counts) -> Option<String> {
    let parts: Vec<String> = [
        (c.articles, "article"),
        (c.claims, "claim"),
        (c.sources, "source"),
        (c.links, "source link"),
        (c.verdicts, "verdict"),
        (c.signoffs, "sign-off"),
        (c.notes, "note"),
        (c.ratings, "rating"),
    ]
    .iter()
    .filter(|(n, _)| *n > 0)
    .map(|(n, what)| format!("{n} {what}{}", if *n == 1 { "" } else { "s" }))
    .collect();
    (!parts.is_empty()).then(|| parts.join(", "))
}

fn shown_value(v: &serde_json::Value) -> String {
    let text = match v {
        serde_json::Value::String(s) => format!("\"{s}\""),
        serde_json::Value::Object(o) if o.contains_key("quote") => {
            format!(
                "{}..{} \"{}\"",
                o["start"],
                o["end"],
                o["quote"].as_str().unwrap_or_default()
            )
        }
        other => other.to_string(),
    };
    truncate_chars(&sanitize_line(&text), 60).into_owned()
}

fn print_merge(r: &MergeReport) {
    let from = sanitize_line(&r.from);
    if !r.changed_anything() {
        println!("nothing to merge: this database already has everything in {from}");
        return;
    }
    if r.dry_run {
        println!("merging {from} would change (dry run: nothing was written):");
    } else {
        println!("merged {from}:");
    }
    let rows = [
        ("added", counts_line(&r.added)),
        ("updated", counts_line(&r.updated)),
        (
            "removed",
            counts_line(&r.removed).map(|l| {
                format!("{l} (deleted in the other copy, or with what was; kept in the change log)")
            }),
        ),
        (
            "left out",
            counts_line(&r.skipped).map(|l| format!("{l} (deleted here; kept in the change log)")),
        ),
    ];
    for (what, line) in rows {
        if let Some(line) = line {
            println!("  {what:<9} {line}");
        }
    }
    if r.unified.articles > 0 {
        println!(
            "  unified   {} {} imported in both copies (same text)",
            r.unified.articles,
            crate::text::plural(r.unified.articles as usize, "article")
        );
    }
    if r.unified.links > 0 {
        println!(
            "  unified   {} {} made in both copies",
            r.unified.links,
            crate::text::plural(r.unified.links as usize, "source link")
        );
    }
    if r.unified.claims > 0 {
        println!(
            "  unified   {} identical untouched {} (the spare copy folded away)",
            r.unified.claims,
            crate::text::plural(r.unified.claims as usize, "suggestion")
        );
    }
    println!(
        "  log       {} change-log entries brought in",
        r.changes_added
    );
    if let Some(scale) = &r.scale {
        println!(
            "  scale     ratings now follow the {} scale, the newest scale choice in either copy",
            sanitize_line(scale)
        );
    }
    // Ratings the scale now followed lacks (a colleague's custom ones, or another
    // scale's that verdicts use); with no new scale, all that came in.
    let scale = r
        .scale
        .as_deref()
        .and_then(|name| crate::store::SCALES.iter().find(|s| s.name == name));
    let foreign: Vec<&String> = r
        .ratings_added
        .iter()
        .filter(|n| scale.is_none_or(|s| s.ratings.iter().all(|r| r.0 != n.as_str())))
        .collect();
    if !foreign.is_empty() {
        let names: Vec<String> = foreign
            .iter()
            .map(|n| sanitize_line(n).into_owned())
            .collect();
        println!(
            "  scale     the other copy rates on another scale: {} {} ({}) {} now on this database's scale too; `factdesk scale` shows it",
            names.len(),
            crate::text::plural(names.len(), "rating"),
            names.join(", "),
            if names.len() == 1 { "is" } else { "are" }
        );
    }
    print_link_conflicts(r);
    if r.conflicts.is_empty() {
        return;
    }
    println!(
        "  {} conflict(s): both copies edited the same field; the newer edit was kept, the other is in the change log:",
        r.conflicts.len()
    );
    const SHOWN: usize = 20;
    for c in r.conflicts.iter().take(SHOWN) {
        println!(
            "    claim {} {}: kept {} ({}, {}) over {} ({}, {})",
            c.claim,
            sanitize_line(&c.field),
            shown_value(&c.kept.value),
            sanitize_line(&c.kept.reviewer),
            to_the_minute(&c.kept.at),
            shown_value(&c.lost.value),
            sanitize_line(&c.lost.reviewer),
            to_the_minute(&c.lost.at),
        );
    }
    if r.conflicts.len() > SHOWN {
        println!(
            "    … and {} more: `factdesk claims --conflicts` lists the claims, `factdesk show CLAIM` both values (--json has all)",
            r.conflicts.len() - SHOWN
        );
    }
}

/// `2026-11-30 14:02` of a stored time.
fn to_the_minute(at: &str) -> String {
    at.get(..16).unwrap_or(at).replace('T', " ")
}

/// Links of one claim and source that the two copies made or edited differently.
fn print_link_conflicts(r: &MergeReport) {
    if r.link_conflicts.is_empty() {
        return;
    }
    println!(
        "  {} source link conflict(s): both copies linked the same source to the same claim differently; the newer was kept, the other is in the change log:",
        r.link_conflicts.len()
    );
    const SHOWN: usize = 20;
    let side = |s: &crate::store::LinkSide| {
        let excerpt = s.value["excerpt"]
            .as_str()
            .map(|e| format!(" “{}”", sanitize_line(&crate::text::truncate_chars(e, 40))))
            .unwrap_or_default();
        format!(
            "{}{excerpt} ({}, {})",
            s.value["stance"].as_str().unwrap_or("?"),
            sanitize_line(&s.reviewer),
            to_the_minute(&s.at)
        )
    };
    for c in r.link_conflicts.iter().take(SHOWN) {
        println!(
            "    claim {} source {}: kept {} over {}",
            c.claim,
            c.source,
            side(&c.kept),
            side(&c.lost)
        );
    }
    if r.link_conflicts.len() > SHOWN {
        println!(
            "    … and {} more (--json has all)",
            r.link_conflicts.len() - SHOWN
        );
    }
}

pub fn doctor(ctx: &Context, repair: bool, json: bool) -> Result<()> {
    let mut repaired = None;
    let report = if repair {
        let mut store = open_existing(ctx)?;
        repaired = Some(store.repair()?);
        store.doctor()?
    } else {
        ctx.open_read()?.doctor()?
    };
    if json {
        print_json(&serde_json::json!({"report": report, "repaired": repaired}))?;
    } else {
        let ok = |good: bool, bad: String| if good { "ok".to_string() } else { bad };
        println!("database      {}", sanitize_line(&report.path));
        println!(
            "integrity     {}",
            ok(
                report.integrity == ["ok"],
                sanitize_line(&report.integrity.join("; ")).into_owned()
            )
        );
        println!(
            "foreign keys  {}",
            ok(
                report.foreign_key_problems == 0,
                format!("{} broken", report.foreign_key_problems)
            )
        );
        if report.export_file {
            println!(
                "search index  left out by export-db: built when the file is first opened for writing"
            );
        } else if report.search_index_damaged {
            println!("search index  damaged (`factdesk doctor --repair` rebuilds it)");
        } else {
            println!(
                "search index  {}",
                ok(
                    report.search_dangling + report.search_missing == 0,
                    format!(
                        "{} stale, {} missing",
                        report.search_dangling, report.search_missing
                    )
                )
            );
        }
        println!(
            "schema        version {} (this factdesk: {})",
            report.schema_version, report.known_schema_version
        );
        println!("application   {:#x}", report.application_id);
        println!(
            "journal       {}{}",
            report.journal_mode,
            if report.export_file {
                " (an export-db file: WAL once opened for writing)"
            } else {
                ""
            }
        );
        println!(
            "filesystem    {}",
            report.network_filesystem.as_deref().unwrap_or("local")
        );
        if let Some(r) = &repaired {
            for d in &r.dropped {
                println!(
                    "repaired      dropped {}, which factdesk did not make",
                    sanitize_line(d)
                );
            }
            for d in &r.remade {
                println!(
                    "repaired      made {} again, as factdesk has it",
                    sanitize_line(d)
                );
            }
            println!(
                "repaired      rebuilt the search index ({} entries)",
                r.search_rows
            );
        }
        for p in &report.problems {
            println!("problem: {}", sanitize_line(p));
        }
        if report.repairs.is_empty() {
            println!(
                "{}",
                if report.healthy() {
                    "nothing to repair"
                } else {
                    "nothing doctor --repair can put right: see each problem"
                }
            );
        }
        for r in &report.repairs {
            println!("would repair: {}", sanitize_line(r));
        }
    }
    if !report.healthy() {
        bail!("{} problem(s) found", report.problems.len());
    }
    Ok(())
}

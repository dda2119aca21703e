//! Human-readable output of the CLI. Everything that came from a user or a file is
//! sanitized before it reaches the terminal.

use crate::model::{
    ArticleSummary, Change, Claim, ClaimDetail, Rating, SearchHit, Source, short_id,
};
use crate::text::{
    HIDDEN_CONTROLS_WARNING, fit_columns, has_hidden_controls, sanitize_line, sanitize_multiline,
    truncate_chars,
};
use anyhow::Result;
use serde::Serialize;
use std::io::Write;

/// Pretty JSON on stdout. serde_json escapes control characters, so JSON is safe as is.
pub fn print_json<T: Serialize + ?Sized>(value: &T) -> Result<()> {
    let mut out = std::io::stdout().lock();
    serde_json::to_writer_pretty(&mut out, value)?;
    writeln!(out)?;
    Ok(())
}

/// One compact JSON object per line (JSON Lines).
pub fn json_line<T: Serialize>(out: &mut impl Write, value: &T) -> Result<()> {
    serde_json::to_writer(&mut *out, value)?;
    writeln!(out)?;
    Ok(())
}

fn s(text: &str) -> String {
    sanitize_line(text).into_owned()
}

fn opt(text: &Option<String>) -> String {
    text.as_deref().map(s).unwrap_or_else(|| "-".into())
}

/// Sanitized text as a column of `width` terminal columns (see [`fit_columns`]), so
/// the columns after it line up in any script.
fn col(text: &str, width: usize) -> String {
    fit_columns(&s(text), width)
}

pub fn article_line(a: &ArticleSummary) {
    println!(
        "{}  {:>3}/{:<3} checked  {} {}  {}",
        short_id(&a.id),
        a.claims_checked,
        a.claims_total,
        col(&opt(&a.outlet), 14),
        col(&opt(&a.published), 10),
        truncate_chars(&s(&a.title), 80)
    );
}

pub fn claim_line(c: &Claim) {
    let verdict = c
        .verdict
        .as_ref()
        .map(|v| v.rating.clone())
        .unwrap_or_else(|| "-".into());
    let score = c
        .score
        .map(|x| format!("{x:.2}"))
        .unwrap_or_else(|| "  - ".into());
    println!(
        "{}  {:<9} {}  {} {} {} src {}",
        short_id(&c.id),
        c.status.as_str(),
        score,
        col(&verdict, 14),
        col(&c.claimant, 20),
        col(&c.label, 40),
        c.source_count
    );
}

/// Under text shown with hidden control characters marked (U+FFFD): the warning line,
/// indented to the value column.
fn warn_hidden(texts: &[&str]) {
    if texts.iter().any(|t| has_hidden_controls(t)) {
        println!("          {HIDDEN_CONTROLS_WARNING}");
    }
}

pub fn claim_detail(d: &ClaimDetail) {
    let c = &d.claim;
    println!("claim     {}  ({})", short_id(&c.id), c.id);
    println!("article   {}", s(&d.article_title));
    warn_hidden(&[&d.article_title]);
    println!("label     {}", s(&c.label));
    warn_hidden(&[&c.label]);
    println!(
        "quote     \u{201c}{}\u{201d}  [{}..{}]",
        s(&c.quote),
        c.start,
        c.end
    );
    warn_hidden(&[&c.quote]);
    println!("claimant  {}", s(&c.claimant));
    warn_hidden(&[&c.claimant]);
    println!("kind      {}   status {}", s(&c.kind), c.status);
    if let Some(score) = c.score {
        println!("score     {score:.2}  {}", s(&c.reasons.join(", ")));
    }
    if d.sources.is_empty() {
        println!("sources   none");
    }
    for (i, l) in d.sources.iter().enumerate() {
        let head = if i == 0 { "sources" } else { "" };
        println!(
            "{head:<9} [{}] {} {} — {} {}",
            i + 1,
            l.stance,
            s(&l.source.title),
            opt(&l.source.publisher),
            opt(&l.source.url)
        );
        if let Some(e) = &l.excerpt {
            println!("              \u{201c}{}\u{201d}", s(e));
        }
        let src = &l.source;
        warn_hidden(&[
            &src.title,
            src.publisher.as_deref().unwrap_or(""),
            src.url.as_deref().unwrap_or(""),
            l.excerpt.as_deref().unwrap_or(""),
        ]);
    }
    for (i, c) in d.conflicts.iter().enumerate() {
        let head = if i == 0 { "conflicts" } else { "" };
        println!(
            "{head:<9} {}, {} (both copies edited it; `factdesk log` has both)",
            s(&c.summary()),
            &c.at[..16.min(c.at.len())].replace('T', " ")
        );
    }
    if d.verdicts.is_empty() {
        println!("verdicts  none");
    }
    for (i, v) in d.verdicts.iter().enumerate() {
        let head = if i == 0 { "verdicts" } else { "" };
        let signed = v
            .signed_off_text()
            .map(|t| match d.other_signers(v).as_slice() {
                [] => format!("  {}", s(&t)),
                others => format!("  {} (also {})", s(&t), s(&others.join(", "))),
            })
            .unwrap_or_default();
        println!(
            "{head:<9} {}  {}  {}{signed}",
            s(&v.rating),
            s(&v.reviewer),
            &v.created_at[..16.min(v.created_at.len())]
        );
        for line in sanitize_multiline(&v.rationale).lines() {
            println!("            {line}");
        }
        warn_hidden(&[&v.rationale]);
    }
    for warning in d
        .unsigned_newer_warning()
        .into_iter()
        .chain(d.signoff_disagreement())
    {
        println!("          ⚠ {}", s(&warning));
    }
    for n in &d.notes {
        println!(
            "note      {} ({}): {}",
            s(&n.reviewer),
            &n.created_at[..10.min(n.created_at.len())],
            s(&n.body)
        );
        warn_hidden(&[&n.body]);
    }
}

pub fn source_line(src: &Source) {
    println!(
        "{}  {} {} {} {}",
        short_id(&src.id),
        col(&src.title, 40),
        col(&opt(&src.publisher), 20),
        col(&opt(&src.published), 10),
        opt(&src.url)
    );
}

pub fn search_hit(h: &SearchHit) {
    let id = h
        .claim_id
        .as_deref()
        .or(h.article_id.as_deref())
        .unwrap_or(&h.entity_id);
    println!(
        "{:<8} {}  {}  {}",
        h.kind,
        short_id(id),
        col(&h.title, 40).trim_end(),
        s(&h.snippet)
    );
}

pub fn change_line(c: &Change) {
    let field = c
        .field
        .as_deref()
        .map(|f| format!(" {f}"))
        .unwrap_or_default();
    let text = |v: &Option<serde_json::Value>| match v {
        Some(serde_json::Value::String(x)) => Some(s(x)),
        _ => None,
    };
    let new = match (c.action.as_str(), text(&c.old_value), text(&c.new_value)) {
        // A merge kept the newer of two edits; the reviewer named is the one whose
        // edit was overridden.
        ("conflict", Some(lost), Some(kept)) => format!(": “{lost}” overridden by “{kept}”"),
        (_, _, Some(new)) => format!(" -> {new}"),
        _ => String::new(),
    };
    println!(
        "{}  {} {:<7} {} {}{field}{new}",
        &c.at[..19.min(c.at.len())],
        col(&c.reviewer, 10),
        c.action,
        c.entity,
        short_id(&c.entity_id)
    );
}

pub fn rating_line(r: &Rating) {
    let value = r
        .rating_value
        .map(|v| v.to_string())
        .unwrap_or_else(|| "-".into());
    println!(
        "{:>2} {} {:<16} value {:<2} {}  {}",
        r.position,
        s(&r.symbol),
        s(&r.name),
        value,
        r.colour,
        s(&r.description)
    );
}

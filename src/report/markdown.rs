//! The Markdown report: title, article metadata, a summary, every claim in article order
//! with its verdict and numbered sources, and the references at the end. User text is
//! escaped (see `escape::md`), so no raw HTML or stray markup passes through.

use super::ReportOptions;
use super::data::{ArticleReport, ClaimReport, ReportData, Scope, Summary, date_part, minute};
use super::escape::{link_target, md, md_block};
use crate::model::short_id;
use std::fmt::Write;

pub fn render(data: &ReportData, options: &ReportOptions) -> String {
    let mut out = String::new();
    let single = matches!(data.scope, Scope::Article(_)) && data.articles.len() == 1;
    let _ = writeln!(out, "# Fact-check: {}\n", md(&data.title()));
    if let Some(org) = &options.organisation {
        let _ = writeln!(out, "*{}*\n", md(org));
    }
    let base = if single { 2 } else { 3 };
    if !single {
        let _ = writeln!(out, "## Summary of all articles\n");
        summary(&mut out, data, &data.summary);
    }
    for a in &data.articles {
        article(&mut out, data, a, single, base);
    }
    references(&mut out, data);
    out
}

fn heading(level: usize) -> String {
    "#".repeat(level.min(6))
}

fn article(out: &mut String, data: &ReportData, a: &ArticleReport, single: bool, base: usize) {
    let h = heading(base);
    if !single {
        let _ = writeln!(out, "## {}\n", md(&a.article.title));
    }
    let art = &a.article;
    let _ = writeln!(out, "{h} Article\n");
    for (name, value) in [
        ("Outlet", &art.outlet),
        ("Author", &art.author),
        ("Published", &art.published),
    ] {
        if let Some(v) = value {
            let _ = writeln!(out, "- **{name}:** {}", md(v));
        }
    }
    if let Some(url) = &art.url {
        let _ = writeln!(out, "- **URL:** {}", url_md(url));
    }
    let _ = writeln!(out, "- **Article id:** `{}`", short_id(&art.id));
    let _ = writeln!(out, "- **Rating scale:** {}\n", md(&data.scale_name));
    if !a.notes.is_empty() {
        let _ = writeln!(out, "**Notes on the article**\n");
        for n in &a.notes {
            note(out, n);
        }
        out.push('\n');
    }
    let _ = writeln!(out, "{h} Summary\n");
    summary(out, data, &a.summary);
    let _ = writeln!(out, "{h} Claims\n");
    if a.claims.is_empty() {
        out.push_str("No claims to report.\n\n");
    }
    for c in &a.claims {
        claim(out, data, c, base + 1);
    }
}

fn summary(out: &mut String, data: &ReportData, s: &Summary) {
    if s.claims > 0 {
        out.push_str("| Rating | Claims |\n|---|---:|\n");
        for (rating, n) in &s.by_rating {
            let symbol = data
                .rating(rating)
                .map(|r| r.symbol.as_str())
                .unwrap_or("?");
            let _ = writeln!(out, "| {} {} | {n} |", md(symbol), md(rating));
        }
        if s.without_verdict > 0 {
            let _ = writeln!(out, "| · no verdict yet | {} |", s.without_verdict);
        }
        out.push('\n');
    }
    for fact in s.facts(md) {
        let _ = writeln!(out, "- {fact}");
    }
    out.push('\n');
}

fn url_md(url: &str) -> String {
    match link_target(url) {
        Some(u) => format!("<{u}>"),
        None => format!("{} (not a web link)", md(url)),
    }
}

fn claim(out: &mut String, data: &ReportData, c: &ClaimReport, level: usize) {
    let cl = &c.claim;
    let _ = writeln!(out, "{} {}. {}\n", heading(level), c.number, md(&cl.label));
    out.push_str(&md_block(&format!("“{}”", cl.quote), "> "));
    out.push('\n');
    let _ = writeln!(out, "- **Claimant:** {}", md(&cl.claimant));
    let _ = writeln!(out, "- **Kind:** {}", md(&cl.kind));
    let _ = writeln!(
        out,
        "- **Claim id:** `{}` (characters {}–{})",
        short_id(&cl.id),
        cl.start,
        cl.end
    );
    match &cl.verdict {
        Some(v) => {
            let rating = data.rating(&v.rating);
            let symbol = rating.map(|r| r.symbol.as_str()).unwrap_or("?");
            let about = rating
                .map(|r| format!(": {}", md(&r.description)))
                .unwrap_or_default();
            let _ = writeln!(
                out,
                "- **Verdict:** {} **{}**{about}",
                md(symbol),
                md(&v.rating)
            );
            let mut by = format!("{}, {}", md(&v.reviewer), minute(&v.created_at));
            if let (Some(text), Some(at)) = (v.signed_off_text(), &v.signed_off_at) {
                let _ = write!(by, "; {}, {}", md(&text), minute(at));
            } else {
                by.push_str("; not signed off");
            }
            let _ = writeln!(out, "- **Rated by:** {by}");
        }
        None if c.is_unreviewed() => {
            out.push_str("- **Verdict:** none: a suggested claim, not reviewed\n")
        }
        None => out.push_str("- **Verdict:** not rated yet\n"),
    }
    if !c.disagreement.is_empty() {
        let who: Vec<String> = c
            .disagreement
            .iter()
            .map(|d| format!("{} rated {}", md(&d.reviewer), md(&d.rating)))
            .collect();
        let _ = writeln!(out, "- **⚠ Reviewers disagree:** {}", who.join("; "));
    }
    out.push('\n');
    if let Some(v) = &cl.verdict {
        out.push_str("**Rationale**\n\n");
        out.push_str(&md_block(&v.rationale, "> "));
        out.push('\n');
    }
    if !c.sources.is_empty() {
        out.push_str("**Sources**\n\n");
        for s in &c.sources {
            let src = &s.link.source;
            let publisher = src
                .publisher
                .as_deref()
                .map(|p| format!(", {}", md(p)))
                .unwrap_or_default();
            let note = s
                .link
                .note
                .as_deref()
                .map(|n| format!(". Note: {}", md(n)))
                .unwrap_or_default();
            let _ = writeln!(
                out,
                "- \\[{}\\] *{}*: {}{publisher}{note}",
                s.reference,
                s.link.stance,
                md(&src.title)
            );
            if let Some(e) = &s.link.excerpt {
                out.push_str(&md_block(&format!("“{e}”"), "  > "));
            }
        }
        out.push('\n');
    }
    if c.verdicts.len() > 1 || c.signoffs.len() > 1 {
        out.push_str("**Verdict history**\n\n| When | Rating | Reviewer | Signed off | Rationale |\n|---|---|---|---|---|\n");
        for v in &c.verdicts {
            let signed: Vec<String> = c
                .signoffs
                .iter()
                .filter(|s| s.verdict_id == v.id)
                .map(|s| format!("{} ({})", md(&s.editor), date_part(&s.created_at)))
                .collect();
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} |",
                minute(&v.created_at),
                md(&v.rating),
                md(&v.reviewer),
                if signed.is_empty() {
                    "–".to_string()
                } else {
                    signed.join(", ")
                },
                md(&v.rationale)
            );
        }
        out.push('\n');
    }
    if !c.notes.is_empty() {
        out.push_str("**Notes**\n\n");
        for n in &c.notes {
            note(out, n);
        }
        out.push('\n');
    }
}

fn note(out: &mut String, n: &crate::model::Note) {
    let _ = writeln!(
        out,
        "- {}, {}: {}",
        md(&n.reviewer),
        date_part(&n.created_at),
        md(&n.body)
    );
}

fn references(out: &mut String, data: &ReportData) {
    out.push_str("## References\n\n");
    if data.references.is_empty() {
        out.push_str("No sources cited.\n");
        return;
    }
    for r in &data.references {
        let s = &r.source;
        let mut line = format!("{}. {}", r.number, md(&s.title));
        if let Some(p) = &s.publisher {
            let _ = write!(line, ", {}", md(p));
        }
        if let Some(d) = &s.published {
            let _ = write!(line, ", published {}", md(d));
        }
        if let Some(d) = &s.accessed {
            let _ = write!(line, ", accessed {}", md(d));
        }
        if let Some(u) = &s.url {
            let _ = write!(line, ". {}", url_md(u));
        }
        let _ = writeln!(out, "{line}");
    }
}

//! The HTML report: one self-contained page (inline CSS, no scripts, no external
//! assets) readable on screen and in print. A Content-Security-Policy meta tag comes
//! first in `<head>`; everything from users and files is escaped; only http(s) URLs
//! become links, with `rel="noopener noreferrer"`.

use super::ReportOptions;
use super::data::{ArticleReport, ClaimReport, ReportData, Scope, Summary, date_part, minute};
use super::escape::{html, html_paragraphs, link_target};
use super::html_style::{content_security_policy, style_sheet};
use super::html_text::article_text;
use crate::model::short_id;
use std::fmt::Write;

pub fn render(data: &ReportData, options: &ReportOptions) -> String {
    let css = style_sheet(&data.ratings);
    let mut out = String::with_capacity(64 * 1024);
    out.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n");
    let _ = writeln!(
        out,
        "<meta http-equiv=\"Content-Security-Policy\" content=\"{}\">",
        html(&content_security_policy(&css))
    );
    out.push_str("<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    out.push_str("<meta name=\"referrer\" content=\"no-referrer\">\n<meta name=\"generator\" content=\"factdesk\">\n");
    let _ = writeln!(out, "<title>Fact-check: {}</title>", html(&data.title()));
    let _ = write!(out, "<style>{css}</style>\n</head>\n<body>\n<main>\n");
    let single = matches!(data.scope, Scope::Article(_)) && data.articles.len() == 1;
    if !single {
        out.push_str("<section class=\"sheet\">\n");
        kicker(&mut out, options);
        let _ = writeln!(out, "<h1>Fact-check report: {}</h1>", html(&data.title()));
        out.push_str("<ol class=\"sans\">\n");
        for a in &data.articles {
            let _ = writeln!(
                out,
                "<li><a href=\"#article-{}\">{}</a></li>",
                short_id(&a.article.id),
                html(&a.article.title)
            );
        }
        out.push_str("</ol>\n<h2>Summary of all articles</h2>\n");
        summary(&mut out, data, &data.summary);
        out.push_str("</section>\n");
    }
    for a in &data.articles {
        article(&mut out, data, a, options, single);
    }
    references(&mut out, data);
    let _ = writeln!(
        out,
        "<footer>Made with factdesk · rating scale: {}</footer>\n</main>\n</body>\n</html>",
        html(&data.scale_name)
    );
    out
}

fn kicker(out: &mut String, options: &ReportOptions) {
    let org = match (
        &options.organisation,
        options.organisation_url.as_deref().and_then(link_target),
    ) {
        (Some(name), Some(url)) => format!(" · {}", ext_link(&url, name, false)),
        (Some(name), None) => format!(" · {}", html(name)),
        _ => String::new(),
    };
    let _ = writeln!(out, "<p class=\"kicker\">Fact-check report{org}</p>");
}

/// A link out of the report: only for URLs [`link_target`] accepted. `bare` marks a
/// link whose text is the URL itself, so print does not repeat it.
fn ext_link(url: &str, text: &str, bare: bool) -> String {
    let class = if bare { "ext bare" } else { "ext" };
    format!(
        "<a class=\"{class}\" href=\"{}\" rel=\"noopener noreferrer\">{}</a>",
        html(url),
        html(text)
    )
}

/// A URL as a link when it is http(s), else as plain text marked as not a link.
fn url_html(url: &str) -> String {
    match link_target(url) {
        Some(u) => ext_link(&u, url, true),
        None => format!(
            "<span class=\"url-text\">{}</span> (not a web link)",
            html(url)
        ),
    }
}

fn article(
    out: &mut String,
    data: &ReportData,
    a: &ArticleReport,
    options: &ReportOptions,
    single: bool,
) {
    let art = &a.article;
    let _ = writeln!(
        out,
        "<article class=\"sheet\" id=\"article-{}\">",
        short_id(&art.id)
    );
    // The page speaks English; the article's own text is marked with its language.
    let lang = match crate::ingest::lang::language_tag(&art.body) {
        "en" => String::new(),
        tag => format!(" lang=\"{tag}\""),
    };
    if single {
        kicker(out, options);
    }
    let _ = writeln!(out, "<h1 dir=\"auto\"{lang}>{}</h1>", html(&art.title));
    out.push_str("<dl class=\"meta\">\n");
    for (name, value) in [
        ("Outlet", &art.outlet),
        ("Author", &art.author),
        ("Published", &art.published),
    ] {
        if let Some(v) = value {
            let _ = writeln!(out, "<dt>{name}</dt><dd>{}</dd>", html(v));
        }
    }
    if let Some(url) = &art.url {
        let _ = writeln!(out, "<dt>URL</dt><dd>{}</dd>", url_html(url));
    }
    let _ = writeln!(out, "<dt>Article id</dt><dd>{}</dd>", short_id(&art.id));
    out.push_str("</dl>\n<h2>Summary</h2>\n");
    summary(out, data, &a.summary);
    if !a.notes.is_empty() {
        out.push_str("<h4>Notes on the article</h4>\n");
        notes(out, &a.notes);
    }
    let _ = writeln!(out, "<h2>The article</h2>\n<div class=\"text\"{lang}>");
    out.push_str(&article_text(data, a));
    out.push_str("</div>\n<h2>Claims and verdicts</h2>\n");
    if a.claims.is_empty() {
        out.push_str("<p class=\"pending\">No claims to report.</p>\n");
    }
    for c in &a.claims {
        card(out, data, c, &lang);
    }
    out.push_str("</article>\n");
}

fn summary(out: &mut String, data: &ReportData, s: &Summary) {
    if s.claims > 0 {
        out.push_str(
            "<table class=\"summary\">\n<tr><th>Rating</th><th>Meaning</th><th>Claims</th></tr>\n",
        );
        for (rating, n) in &s.by_rating {
            let r = data.rating(rating);
            let _ = writeln!(
                out,
                "<tr class=\"r{}\"><td><span class=\"swatch\"></span>{} {}</td><td>{}</td><td class=\"n\">{n}</td></tr>",
                data.rating_index(rating),
                html(r.map(|r| r.symbol.as_str()).unwrap_or("?")),
                html(rating),
                html(r.map(|r| r.description.as_str()).unwrap_or(""))
            );
        }
        if s.without_verdict > 0 {
            let _ = writeln!(
                out,
                "<tr class=\"r0\"><td><span class=\"swatch\"></span>· no verdict</td><td>Not rated yet</td><td class=\"n\">{}</td></tr>",
                s.without_verdict
            );
        }
        out.push_str("</table>\n");
    }
    out.push_str("<ul class=\"facts\">\n");
    for fact in s.facts(html) {
        let _ = writeln!(out, "<li>{fact}</li>");
    }
    out.push_str("</ul>\n");
}

fn card(out: &mut String, data: &ReportData, c: &ClaimReport, lang: &str) {
    let cl = &c.claim;
    let class = cl
        .verdict
        .as_ref()
        .map(|v| data.rating_index(&v.rating))
        .unwrap_or(0);
    let _ = writeln!(
        out,
        "<section class=\"card r{class}\" id=\"{}\">\n<header>",
        c.anchor
    );
    let _ = write!(
        out,
        "<span class=\"num\">{}</span><h3 dir=\"auto\"{lang}>{}</h3>",
        c.number,
        html(&cl.label)
    );
    match &cl.verdict {
        Some(v) => {
            let symbol = data
                .rating(&v.rating)
                .map(|r| r.symbol.as_str())
                .unwrap_or("?");
            let _ = writeln!(
                out,
                "<span class=\"badge\"><span class=\"sym\">{}</span>{}</span>",
                html(symbol),
                html(&v.rating)
            );
        }
        None if c.is_unreviewed() => {
            out.push_str("<span class=\"badge\">suggested, not reviewed</span>\n")
        }
        None => out.push_str("<span class=\"badge\">not rated yet</span>\n"),
    }
    out.push_str("</header>\n");
    let _ = writeln!(
        out,
        "<blockquote class=\"quote\" dir=\"auto\"{lang}>“{}”</blockquote>",
        html(&cl.quote)
    );
    let _ = writeln!(
        out,
        "<p class=\"who\">Claimed by <b>{}</b> · {} · claim {} · <a class=\"back\" href=\"#{}\">↑ in the article</a></p>",
        html(&cl.claimant),
        html(&cl.kind),
        short_id(&cl.id),
        c.quote_anchor()
    );
    match &cl.verdict {
        Some(v) => {
            if let Some(r) = data.rating(&v.rating) {
                let _ = writeln!(
                    out,
                    "<p class=\"by\"><b>{}</b>: {}</p>",
                    html(&r.name),
                    html(&r.description)
                );
            }
            out.push_str(&html_paragraphs(&v.rationale, "rationale"));
            let signed = match (v.signed_off_text(), &v.signed_off_at) {
                (Some(text), Some(at)) => {
                    format!(" · {} on {}", html(&text), html(&minute(at)))
                }
                _ => " · not signed off".to_string(),
            };
            let _ = writeln!(
                out,
                "<p class=\"by\">Rated by {} on {}{signed}</p>",
                html(&v.reviewer),
                html(&minute(&v.created_at))
            );
        }
        None => out.push_str("<p class=\"pending\">No verdict yet.</p>\n"),
    }
    if !c.disagreement.is_empty() {
        let who: Vec<String> = c
            .disagreement
            .iter()
            .map(|d| format!("{} rated <b>{}</b>", html(&d.reviewer), html(&d.rating)))
            .collect();
        let _ = writeln!(
            out,
            "<p class=\"disagree\">⚠ Reviewers disagree: {}.</p>",
            who.join("; ")
        );
    }
    if !c.sources.is_empty() {
        out.push_str("<h4>Sources</h4>\n<ol class=\"sources\">\n");
        for s in &c.sources {
            let src = &s.link.source;
            let title = match src.url.as_deref().and_then(link_target) {
                Some(u) => ext_link(&u, &src.title, false),
                None => html(&src.title),
            };
            let publisher = src
                .publisher
                .as_deref()
                .map(|p| format!(", {}", html(p)))
                .unwrap_or_default();
            let _ = write!(
                out,
                "<li><a href=\"#ref-{n}\">[{n}]</a> <span class=\"stance {stance}\">{stance}</span>{title}{publisher}",
                n = s.reference,
                stance = s.link.stance
            );
            if let Some(e) = &s.link.excerpt {
                let _ = write!(out, "<blockquote dir=\"auto\">“{}”</blockquote>", html(e));
            }
            if let Some(n) = &s.link.note {
                let _ = write!(out, "<div class=\"by\">Note: {}</div>", html(n));
            }
            out.push_str("</li>\n");
        }
        out.push_str("</ol>\n");
    }
    if c.verdicts.len() > 1 || c.signoffs.len() > 1 {
        history(out, c);
    }
    if !c.notes.is_empty() {
        out.push_str("<h4>Notes</h4>\n");
        notes(out, &c.notes);
    }
    out.push_str("</section>\n");
}

fn history(out: &mut String, c: &ClaimReport) {
    out.push_str("<h4>Verdict history</h4>\n<table class=\"history\">\n<tr><th>When</th><th>Rating</th><th>Reviewer</th><th>Signed off</th><th>Rationale</th></tr>\n");
    for v in &c.verdicts {
        let signed: Vec<String> = c
            .signoffs
            .iter()
            .filter(|s| s.verdict_id == v.id)
            .map(|s| format!("{} ({})", html(&s.editor), html(date_part(&s.created_at))))
            .collect();
        let _ = writeln!(
            out,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            html(&minute(&v.created_at)),
            html(&v.rating),
            html(&v.reviewer),
            if signed.is_empty() {
                "–".to_string()
            } else {
                signed.join(", ")
            },
            html(&v.rationale)
        );
    }
    out.push_str("</table>\n");
}

fn notes(out: &mut String, notes: &[crate::model::Note]) {
    out.push_str("<ul class=\"notes\">\n");
    for n in notes {
        let _ = writeln!(
            out,
            "<li><b>{}</b>, {}: {}</li>",
            html(&n.reviewer),
            html(date_part(&n.created_at)),
            html(&n.body)
        );
    }
    out.push_str("</ul>\n");
}

fn references(out: &mut String, data: &ReportData) {
    out.push_str("<section class=\"sheet\" id=\"references\">\n<h2>References</h2>\n");
    if data.references.is_empty() {
        out.push_str("<p class=\"pending\">No sources cited.</p>\n</section>\n");
        return;
    }
    out.push_str("<ol class=\"refs\">\n");
    for r in &data.references {
        let s = &r.source;
        let _ = write!(out, "<li id=\"ref-{}\">{}", r.number, html(&s.title));
        if let Some(p) = &s.publisher {
            let _ = write!(out, ", {}", html(p));
        }
        if let Some(d) = &s.published {
            let _ = write!(out, ", published {}", html(d));
        }
        if let Some(d) = &s.accessed {
            let _ = write!(out, ", accessed {}", html(d));
        }
        if let Some(u) = &s.url {
            let _ = write!(out, ". {}", url_html(u));
        }
        out.push_str("</li>\n");
    }
    out.push_str("</ol>\n</section>\n");
}

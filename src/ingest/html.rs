//! Saved HTML pages: reader-mode extraction (dom_smoothie, a Readability port) of the
//! title, byline, date, canonical URL and main text; navigation, ads and scripts go.

use super::IngestError;
use super::read::{finish, normalise};
use crate::model::{NewArticle, SourceFormat};
use dom_smoothie::{Config, Readability, TextMode};

/// HTML larger than this is refused: reader-mode parsing builds a whole DOM.
pub const MAX_HTML_BYTES: usize = 16 * 1024 * 1024;

/// Extracts the article of an HTML page.
pub fn read_html(html: &str) -> Result<NewArticle, IngestError> {
    if html.len() > MAX_HTML_BYTES {
        return Err(IngestError::TooLarge {
            size: html.len(),
            limit: MAX_HTML_BYTES,
        });
    }
    let cfg = Config {
        text_mode: TextMode::Formatted,
        ..Config::default()
    };
    let mut reader = Readability::new(html, None, Some(cfg)).map_err(|_| IngestError::NoArticle)?;
    let article = reader.parse().map_err(|_| IngestError::NoArticle)?;
    let body = normalise(&article.text_content);
    if body.split_whitespace().count() < 5 {
        return Err(IngestError::NoArticle);
    }
    let title = clean(&article.title).unwrap_or_default();
    let mut doc = finish(title, body, SourceFormat::Html)?;
    doc.author = article.byline.as_deref().and_then(clean).map(|b| {
        b.strip_prefix("By ")
            .or_else(|| b.strip_prefix("by "))
            .unwrap_or(&b)
            .to_string()
    });
    doc.published = article.published_time.as_deref().and_then(date_part);
    doc.url = article
        .url
        .or_else(|| head_link(html))
        .filter(|u| crate::validate::is_http_url(u));
    doc.outlet = article.site_name.as_deref().and_then(clean);
    Ok(doc)
}

/// One line, trimmed, or nothing.
fn clean(s: &str) -> Option<String> {
    let one_line = s.split_whitespace().collect::<Vec<_>>().join(" ");
    (!one_line.is_empty()).then_some(one_line)
}

/// "2023-05-14T09:30:00Z" -> "2023-05-14"; anything that is not a date -> nothing.
fn date_part(s: &str) -> Option<String> {
    let d = s.trim().get(..10)?;
    crate::validate::date(d).ok().map(|_| d.to_string())
}

/// The page's own address from its head: `<link rel="canonical" href>` or `og:url`.
fn head_link(html: &str) -> Option<String> {
    let end = html.len().min(64 * 1024);
    let end = (0..=end)
        .rev()
        .find(|&i| html.is_char_boundary(i))
        .unwrap_or(0);
    let head = &html[..end];
    let lower = head.to_ascii_lowercase();
    for (marker, attr) in [
        ("rel=\"canonical\"", "href="),
        ("property=\"og:url\"", "content="),
    ] {
        let Some(at) = lower.find(marker) else {
            continue;
        };
        // The tag around the marker.
        let tag_start = lower[..at].rfind('<').unwrap_or(at);
        let tag_end = at + lower[at..].find('>').unwrap_or(lower.len() - at);
        let tag = &lower[tag_start..tag_end];
        let Some(a) = tag.find(attr) else { continue };
        let value_start = tag_start + a + attr.len();
        let quote = head[value_start..].chars().next()?;
        if quote != '"' && quote != '\'' {
            continue;
        }
        let rest = &head[value_start + 1..tag_end];
        if let Some(close) = rest.find(quote) {
            return Some(rest[..close].trim().to_string());
        }
    }
    None
}

//! Reading a file's bytes as an article: decoding (UTF-8, UTF-16 with BOM, a declared
//! or Windows-1252 fallback, never silent mojibake), format detection, line-ending and
//! whitespace normalisation, title detection. Markdown and HTML have their own modules.

use super::{IngestError, html, markdown};
use crate::model::{NewArticle, SourceFormat};
use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, WINDOWS_1252};

/// Largest file factdesk reads as one article.
pub const MAX_ARTICLE_BYTES: usize = 64 * 1024 * 1024;
/// Longest title taken from a first line.
const MAX_TITLE_CHARS: usize = 160;

/// Reads `bytes` (named `name_hint`) as an article.
pub fn read_document(bytes: &[u8], name_hint: &str) -> Result<NewArticle, IngestError> {
    if bytes.is_empty() {
        return Err(IngestError::Empty);
    }
    if bytes.len() > MAX_ARTICLE_BYTES {
        return Err(IngestError::TooLarge {
            size: bytes.len(),
            limit: MAX_ARTICLE_BYTES,
        });
    }
    let text = decode(bytes)?;
    if text.trim().is_empty() {
        return Err(IngestError::Blank);
    }
    match detect_format(&text, name_hint) {
        SourceFormat::Html => html::read_html(&text),
        SourceFormat::Markdown => {
            let text = normalise(&text);
            let (meta, text) = markdown::front_matter(&text);
            let (title, body) = markdown::to_text(text);
            let mut doc = finish(meta.title.unwrap_or(title), body, SourceFormat::Markdown)?;
            doc.author = meta.author;
            doc.published = meta.published;
            doc.url = meta.url;
            doc.outlet = meta.outlet;
            Ok(doc)
        }
        SourceFormat::Text => {
            let body = normalise(&text);
            let title = first_line_title(&body);
            finish(title, body, SourceFormat::Text)
        }
    }
}

/// Checks the body is not empty and builds the article.
pub(crate) fn finish(
    title: String,
    body: String,
    format: SourceFormat,
) -> Result<NewArticle, IngestError> {
    if body.trim().is_empty() {
        return Err(IngestError::Blank);
    }
    let title = if title.trim().is_empty() {
        first_line_title(&body)
    } else {
        title
    };
    Ok(NewArticle {
        title,
        body,
        format: Some(format),
        ..NewArticle::default()
    })
}

/// Bytes to text: BOMs first, then UTF-8, then an encoding the page declares, then
/// Windows-1252 when the bytes hold no UTF-8 at all; otherwise a refusal.
pub fn decode(bytes: &[u8]) -> Result<String, IngestError> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return std::str::from_utf8(rest).map(str::to_string).map_err(|e| {
            IngestError::InvalidUtf8 {
                offset: e.valid_up_to() + 3,
            }
        });
    }
    for (bom, enc) in [(&b"\xFF\xFE"[..], UTF_16LE), (&b"\xFE\xFF"[..], UTF_16BE)] {
        if let Some(rest) = bytes.strip_prefix(bom) {
            let (text, had_errors) = enc.decode_without_bom_handling(rest);
            if had_errors {
                return Err(IngestError::Encoding(format!(
                    "{} with invalid sequences",
                    enc.name()
                )));
            }
            return check_binary(text.into_owned());
        }
    }
    if looks_binary(bytes) {
        return Err(IngestError::Binary);
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(s.to_string()),
        Err(e) => {
            let offset = e.valid_up_to();
            if let Some(enc) = declared_charset(bytes).filter(|enc| *enc != encoding_rs::UTF_8) {
                let (text, _, had_errors) = enc.decode(bytes);
                if !had_errors {
                    return Ok(text.into_owned());
                }
            }
            if has_utf8_multibyte(bytes) {
                // Mostly UTF-8 with a broken byte: converting would garble the good text.
                return Err(IngestError::InvalidUtf8 { offset });
            }
            let (text, _, had_errors) = WINDOWS_1252.decode(bytes);
            // Bytes Windows-1252 leaves undefined decode to C1 controls: not a real 1252 file.
            if had_errors || text.chars().any(|c| ('\u{80}'..='\u{9f}').contains(&c)) {
                return Err(IngestError::InvalidUtf8 { offset });
            }
            Ok(text.into_owned())
        }
    }
}

fn check_binary(text: String) -> Result<String, IngestError> {
    if text.contains('\0') {
        Err(IngestError::Binary)
    } else {
        Ok(text)
    }
}

/// NUL bytes, or many control characters early on, mean this is not text.
fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(64 * 1024)];
    if memchr_nul(bytes) {
        return true;
    }
    let controls = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0C))
        .count();
    controls * 100 > head.len()
}

fn memchr_nul(bytes: &[u8]) -> bool {
    bytes.contains(&0)
}

/// True when the bytes hold at least one well-formed multi-byte UTF-8 sequence.
fn has_utf8_multibyte(bytes: &[u8]) -> bool {
    bytes
        .windows(2)
        .any(|w| matches!(w[0], 0xC2..=0xF4) && (w[1] & 0xC0) == 0x80)
        && bytes.windows(4).any(|w| {
            std::str::from_utf8(&w[..crate::text::utf8_len(w[0]).min(4)])
                .is_ok_and(|s| !s.is_ascii())
        })
}

/// The charset an HTML page declares in its first 4 KB (`<meta charset=...>`).
fn declared_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(4096)];
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let at = lower.windows(8).position(|w| w == b"charset=")? + 8;
    let value: Vec<u8> = lower[at..]
        .iter()
        .skip_while(|&&c| c == b'"' || c == b'\'')
        .take_while(|&&c| c.is_ascii_alphanumeric() || c == b'-' || c == b'_')
        .copied()
        .collect();
    Encoding::for_label(&value)
}

/// Picks the format from the file name, else from the content.
pub fn detect_format(text: &str, name_hint: &str) -> SourceFormat {
    let lower = name_hint.to_ascii_lowercase();
    if [".html", ".htm", ".xhtml", ".shtml"]
        .iter()
        .any(|e| lower.ends_with(e))
    {
        return SourceFormat::Html;
    }
    if [".md", ".markdown", ".mdown", ".mkd"]
        .iter()
        .any(|e| lower.ends_with(e))
    {
        return SourceFormat::Markdown;
    }
    let head: String = text
        .trim_start()
        .chars()
        .take(256)
        .collect::<String>()
        .to_ascii_lowercase();
    if head.starts_with("<!doctype html")
        || head.starts_with("<html")
        || head.starts_with("<?xml") && head.contains("<html")
    {
        return SourceFormat::Html;
    }
    SourceFormat::Text
}

/// Line endings to `\n`, trailing spaces off each line, runs of blank lines to one,
/// the whole trimmed. Text inside a line is never changed, so quotes stay exact.
pub fn normalise(text: &str) -> String {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let text = text.replace("\r\n", "\n");
    let mut out = String::with_capacity(text.len());
    let mut blank_run = 0;
    for line in text.split(['\n', '\r']) {
        let line = line.trim_end_matches([' ', '\t', '\u{a0}', '\u{0b}', '\u{0c}']);
        if line.trim().is_empty() {
            blank_run += 1;
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank_run > 0 { "\n\n" } else { "\n" });
        }
        blank_run = 0;
        out.push_str(line);
    }
    out
}

/// The first non-empty line, as a title (shortened at a word if very long).
pub fn first_line_title(body: &str) -> String {
    let line = body
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or_default();
    let line = line.trim_start_matches('#').trim();
    if line.chars().count() <= MAX_TITLE_CHARS {
        return line.to_string();
    }
    let cut: String = line.chars().take(MAX_TITLE_CHARS).collect();
    let cut = cut
        .rsplit_once(' ')
        .map_or(cut.as_str(), |(a, _)| a)
        .trim_end();
    format!("{cut}…")
}

//! Markdown to the text a reader sees: headings, emphasis, links, images, code marks,
//! block quotes, rules and link definitions lose their markup; list items keep a plain
//! "- " so the splitter sees them as items.

/// What a static-site generator's front matter says of its page (Jekyll and Hugo put a
/// YAML block between `---` lines, or TOML between `+++` lines, before the text).
#[derive(Debug, Default, PartialEq)]
pub struct FrontMatter {
    pub title: Option<String>,
    pub author: Option<String>,
    pub published: Option<String>,
    pub url: Option<String>,
    pub outlet: Option<String>,
}

/// Splits off a front matter block: its fields (simple `key: value` or `key = value`
/// lines; lists and nested keys are passed over) and the text after it. Text without
/// one comes back whole.
pub fn front_matter(md: &str) -> (FrontMatter, &str) {
    let mut meta = FrontMatter::default();
    let fence = match md.get(..4) {
        Some("---\n") => "---",
        Some("+++\n") => "+++",
        _ => return (meta, md),
    };
    let mut at = 4;
    for line in md[4..].split('\n').take(200) {
        let next = (at + line.len() + 1).min(md.len());
        let trimmed = line.trim_end();
        if trimmed == fence || (fence == "---" && trimmed == "...") {
            return (meta, &md[next..]);
        }
        let sep = if fence == "---" { ':' } else { '=' };
        if let Some((key, value)) = trimmed.split_once(sep) {
            let value = unquote(value.trim());
            let value = (!value.is_empty()).then(|| value.to_string());
            match key.trim().to_ascii_lowercase().as_str() {
                "title" => meta.title = value,
                "author" | "byline" => meta.author = value,
                "date" | "published" | "publishdate" | "pubdate" => {
                    meta.published = value
                        .and_then(|d| d.get(..10).map(str::to_string))
                        .filter(|d| crate::validate::date(d).is_ok());
                }
                "url" | "link" | "canonical" | "canonicalurl" | "canonical_url" => {
                    meta.url = value.filter(|u| crate::validate::is_http_url(u));
                }
                "publisher" | "outlet" | "site" | "source" => meta.outlet = value,
                _ => {}
            }
        }
        at = next;
    }
    // No closing line: not front matter after all.
    (FrontMatter::default(), md)
}

/// A scalar without its quotes (`"Budget cut"` -> `Budget cut`); lists and maps
/// (`[economy]`, `{…}`) give nothing.
fn unquote(v: &str) -> &str {
    if v.starts_with('[') || v.starts_with('{') {
        return "";
    }
    for q in ['"', '\''] {
        if let Some(inner) = v.strip_prefix(q).and_then(|r| r.strip_suffix(q)) {
            return inner;
        }
    }
    v
}

/// Converts normalised Markdown into (title, body). The title is the first heading, or
/// the first line.
pub fn to_text(md: &str) -> (String, String) {
    let mut title = String::new();
    let mut out = String::with_capacity(md.len());
    // The fence that opened the code block we are in (``` or ~~~).
    let mut in_fence: Option<&str> = None;
    // An indented code block (4 spaces after a blank line, outside a list) is given
    // fences, as fenced code keeps its own.
    let mut indented = false;
    let mut prev_blank = true;
    let mut in_list = false;
    for line in md.split('\n') {
        let trimmed = line.trim_start();
        let fence = match in_fence {
            None => fence_opening(trimmed),
            Some(open) => closes_fence(trimmed, open).then_some(open),
        };
        if let Some(f) = fence {
            // The fence stays in the text: the reviewer sees a code block, and the
            // proposer (`ingest::code_blocks`) leaves it alone.
            in_fence = if in_fence.is_some() { None } else { Some(f) };
            push_line(&mut out, trimmed.trim_end());
            continue;
        }
        if in_fence.is_some() {
            push_line(&mut out, line);
            continue;
        }
        let code_indent = line.starts_with("    ") || line.starts_with('\t');
        if indented {
            if code_indent || trimmed.is_empty() {
                push_line(&mut out, line);
                continue;
            }
            close_indented(&mut out);
            indented = false;
        } else if code_indent && prev_blank && !in_list && !trimmed.is_empty() {
            push_line(&mut out, "```");
            push_line(&mut out, line);
            indented = true;
            continue;
        }
        prev_blank = trimmed.is_empty();
        if trimmed.is_empty() {
            out.push('\n');
            continue;
        }
        let list_marker = !list_item(trimmed).0.is_empty() || is_ordered_item(trimmed);
        in_list = list_marker || in_list && line.starts_with([' ', '\t']);
        if is_rule(trimmed) || is_link_definition(trimmed) || is_setext_underline(trimmed) {
            continue;
        }
        let mut rest = trimmed;
        while let Some(r) = rest.strip_prefix('>') {
            rest = r.trim_start();
        }
        let heading = rest.starts_with('#');
        let rest = rest.trim_start_matches('#').trim_start();
        let rest = if heading {
            rest.trim_end_matches('#').trim_end()
        } else {
            rest
        };
        let (marker, rest) = list_item(rest);
        let text = inline(rest);
        if heading && title.is_empty() {
            title = text.clone();
        }
        let mut shown = String::with_capacity(text.len() + 2);
        shown.push_str(marker);
        shown.push_str(&text);
        push_line(&mut out, &shown);
    }
    if indented {
        close_indented(&mut out);
    }
    let body = super::read::normalise(&out);
    (title, body)
}

/// Closes an indented code block before the blank lines that ended it.
fn close_indented(out: &mut String) {
    let kept = out.trim_end_matches('\n').len();
    let blanks = out.len() - kept;
    out.truncate(kept);
    out.push_str("\n```\n");
    out.extend(std::iter::repeat_n('\n', blanks.saturating_sub(1)));
}

/// The fence a (trimmed) line opens a code block with: ``` or ~~~, maybe with a
/// language after it.
pub(super) fn fence_opening(t: &str) -> Option<&'static str> {
    ["```", "~~~"].into_iter().find(|f| t.starts_with(f))
}

/// Whether a (trimmed) line closes the code block `fence` opened: that fence alone.
pub(super) fn closes_fence(t: &str, fence: &str) -> bool {
    t.starts_with(fence) && t.trim_end().trim_start_matches(fence).is_empty()
}

/// "1. ", "12) ": an ordered list item.
fn is_ordered_item(l: &str) -> bool {
    let digits = l.chars().take_while(char::is_ascii_digit).count();
    digits > 0 && (l[digits..].starts_with(". ") || l[digits..].starts_with(") "))
}

fn push_line(out: &mut String, line: &str) {
    out.push_str(line);
    out.push('\n');
}

fn is_rule(l: &str) -> bool {
    let c: String = l.chars().filter(|c| !c.is_whitespace()).collect();
    c.len() >= 3
        && (c.chars().all(|x| x == '-')
            || c.chars().all(|x| x == '*')
            || c.chars().all(|x| x == '_'))
}

fn is_setext_underline(l: &str) -> bool {
    l.len() >= 3 && l.chars().all(|c| c == '=')
}

/// "[id]: http://..." lines define link targets; a reader never sees them.
fn is_link_definition(l: &str) -> bool {
    l.starts_with('[') && l.contains("]:") && !l.contains("](")
}

/// Splits a list marker off ("* ", "+ ", "- ", "1. "); bullets become "- ".
fn list_item(l: &str) -> (&'static str, &str) {
    for m in ["* ", "+ ", "- "] {
        if let Some(rest) = l.strip_prefix(m) {
            return ("- ", rest);
        }
    }
    ("", l)
}

/// Strips inline markup: `code`, **strong**, *em*, _em_, [text](url), ![alt](url),
/// <autolinks>, <tags>, backslash escapes.
pub fn inline(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            '\\' if i + 1 < chars.len() && chars[i + 1].is_ascii_punctuation() => {
                out.push(chars[i + 1]);
                i += 2;
            }
            '`' => i += 1,
            '*' | '_' => {
                let run = chars[i..].iter().take_while(|&&x| x == c).count();
                let before = i.checked_sub(1).map(|j| chars[j]);
                let after = chars.get(i + run).copied();
                let inside_word = before.is_some_and(char::is_alphanumeric)
                    && after.is_some_and(char::is_alphanumeric);
                let spaced =
                    before.is_none_or(char::is_whitespace) && after.is_none_or(char::is_whitespace);
                if (c == '_' && inside_word) || spaced {
                    out.extend(std::iter::repeat_n(c, run));
                }
                i += run;
            }
            '!' if chars.get(i + 1) == Some(&'[') => {
                // An image: keep its alt text only when it reads as text? Readers do not see it.
                match link_end(&chars, i + 1) {
                    Some((_, end)) => i = end,
                    None => {
                        out.push(c);
                        i += 1;
                    }
                }
            }
            '[' => match link_end(&chars, i) {
                Some((text_end, end)) => {
                    out.push_str(&inline(&chars[i + 1..text_end].iter().collect::<String>()));
                    i = end;
                }
                None => {
                    out.push(c);
                    i += 1;
                }
            },
            '<' => match find_within(chars.as_slice(), i, '>') {
                Some(len) if len > 1 && !chars[i + 1].is_whitespace() => {
                    let inner: String = chars[i + 1..i + len].iter().collect();
                    if inner.starts_with("http://") || inner.starts_with("https://") {
                        out.push_str(&inner);
                    }
                    i += len + 1;
                }
                _ => {
                    out.push(c);
                    i += 1;
                }
            },
            _ => {
                out.push(c);
                i += 1;
            }
        }
    }
    out
}

/// For "[text](url)" or "[text][ref]" starting at `open`: (index of ']', index after the link).
fn link_end(chars: &[char], open: usize) -> Option<(usize, usize)> {
    let close = open + find_within(chars, open, ']')?;
    match chars.get(close + 1) {
        Some('(') => {
            // URLs may hold parentheses ("(https://x/Foo_(bar))"): the link ends at the
            // one that closes the first.
            let mut depth = 0usize;
            let end = chars[close + 1..]
                .iter()
                .take(2048)
                .position(|&x| {
                    match x {
                        '(' => depth += 1,
                        ')' => depth -= 1,
                        _ => {}
                    }
                    depth == 0
                })
                .map(|i| close + 1 + i)?;
            Some((close, end + 1))
        }
        Some('[') => {
            let end = close + 1 + find_within(chars, close + 1, ']')?;
            Some((close, end + 1))
        }
        _ => None,
    }
}

/// Distance from `from` to the next `c`, looking no further than a link could reach
/// (so a long line full of '[' stays linear).
fn find_within(chars: &[char], from: usize, c: char) -> Option<usize> {
    chars[from..].iter().take(2048).position(|&x| x == c)
}

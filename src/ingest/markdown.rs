//! Markdown to the text a reader sees: headings, emphasis, links, images, code marks,
//! block quotes, rules and link definitions lose their markup; list items keep a plain
//! "- " so the splitter sees them as items.

/// Converts normalised Markdown into (title, body). The title is the first heading, or
/// the first line.
pub fn to_text(md: &str) -> (String, String) {
    let mut title = String::new();
    let mut out = String::with_capacity(md.len());
    let mut in_fence = false;
    for line in md.split('\n') {
        let trimmed = line.trim_start();
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            in_fence = !in_fence;
            continue;
        }
        if in_fence {
            push_line(&mut out, line);
            continue;
        }
        if trimmed.is_empty() {
            out.push('\n');
            continue;
        }
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
    let body = super::read::normalise(&out);
    (title, body)
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

//! The article text in the HTML report: paragraphs, with every listed claim's span
//! (code point offsets) highlighted as a link to its verdict card. Overlapping claims
//! are split into runs; each run links to its innermost claim.

use super::data::{ArticleReport, ClaimReport, ReportData};
use super::escape::push_html_char;
use std::collections::BTreeMap;

/// The article body as `<p>` paragraphs with claim links.
pub fn article_text(data: &ReportData, a: &ArticleReport) -> String {
    let body = &a.article.body;
    let len = body.chars().count();
    // Claims whose span fits the body, by start and by end.
    let mut starts: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    let mut ends: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (i, c) in a.claims.iter().enumerate() {
        let (s, e) = (c.claim.start, c.claim.end);
        if s >= 0 && e > s && e as usize <= len {
            starts.entry(s as usize).or_default().push(i);
            ends.entry(e as usize).or_default().push(i);
        }
    }
    let mut w = TextWriter {
        data,
        claims: &a.claims,
        out: String::with_capacity(body.len() * 2),
        active: Vec::new(),
        want: None,
        open: None,
    };
    // Positions where some claim starts or ends, in order: the loop only looks the
    // maps up there.
    let mut boundaries: Vec<usize> = starts.keys().chain(ends.keys()).copied().collect();
    boundaries.sort_unstable();
    boundaries.dedup();
    let mut next = boundaries.iter().copied().peekable();
    // dir="auto": each paragraph takes the direction of its first letter, so Persian
    // or Arabic paragraphs read right to left beside English ones.
    w.out.push_str("<p dir=\"auto\">");
    let mut newlines = 0usize;
    for (i, ch) in body.chars().enumerate() {
        if ch != '\n' && ch != '\r' && newlines > 0 {
            w.close();
            w.out.push_str(if newlines >= 2 {
                "</p>\n<p dir=\"auto\">"
            } else {
                "<br>\n"
            });
            newlines = 0;
        }
        if next.peek() == Some(&i) {
            next.next();
            w.boundary(ends.get(&i), starts.get(&i));
        }
        match ch {
            '\n' => newlines += 1,
            '\r' => {}
            _ => {
                w.ensure_open();
                push_html_char(&mut w.out, ch);
            }
        }
    }
    w.boundary(ends.get(&len), None);
    w.close();
    w.out.push_str("</p>\n");
    w.out.replace("<p dir=\"auto\"></p>\n", "")
}

struct TextWriter<'a> {
    data: &'a ReportData,
    claims: &'a [ClaimReport],
    out: String,
    /// Indexes of the claims covering the current position.
    active: Vec<usize>,
    /// The innermost active claim: the link the next character belongs in.
    want: Option<usize>,
    /// The claim whose link is open.
    open: Option<usize>,
}

impl TextWriter<'_> {
    fn rating_class(&self, c: &ClaimReport) -> usize {
        c.claim
            .verdict
            .as_ref()
            .map(|v| self.data.rating_index(&v.rating))
            .unwrap_or(0)
    }

    /// Claims end and start here: close the open link, number the ended claims,
    /// leave an anchor where each new claim starts (the cards link back to it).
    fn boundary(&mut self, ended: Option<&Vec<usize>>, started: Option<&Vec<usize>>) {
        if ended.is_none() && started.is_none() {
            return;
        }
        self.close();
        for &i in ended.into_iter().flatten() {
            self.active.retain(|&a| a != i);
            let c = &self.claims[i];
            self.out.push_str(&format!(
                "<sup class=\"cn r{}\"><a href=\"#{}\">{}</a></sup>",
                self.rating_class(c),
                c.anchor,
                c.number
            ));
        }
        for &i in started.into_iter().flatten() {
            self.active.push(i);
            self.out.push_str(&format!(
                "<span id=\"{}\"></span>",
                self.claims[i].quote_anchor()
            ));
        }
        self.want = self.innermost();
    }

    /// The innermost active claim: the latest start, then the shortest.
    fn innermost(&self) -> Option<usize> {
        self.active.iter().copied().max_by_key(|&i| {
            let c = &self.claims[i].claim;
            (c.start, -c.end, std::cmp::Reverse(i))
        })
    }

    fn ensure_open(&mut self) {
        let want = self.want;
        if want == self.open {
            return;
        }
        self.close();
        if let Some(i) = want {
            let c = &self.claims[i];
            let mut class = format!("claim r{}", self.rating_class(c));
            if self.active.len() > 1 {
                class.push_str(" overlap");
            }
            if c.is_unreviewed() {
                class.push_str(" unreviewed");
            }
            self.out
                .push_str(&format!("<a class=\"{class}\" href=\"#{}\">", c.anchor));
            self.open = Some(i);
        }
    }

    fn close(&mut self) {
        if self.open.take().is_some() {
            self.out.push_str("</a>");
        }
    }
}

//! The HTML report parsed as a browser would: every claim links to an existing card,
//! the policy and links are safe, and hostile text from users and files is shown as
//! text, never run.

mod report_support;

use dom_query::Document;
use factdesk::model::{ClaimStatus, NewArticle, NewClaim, NewSource, Stance};
use factdesk::report::{self, ReportFormat, ReportOptions, Scope};
use factdesk::store::{ImportOutcome, Store};
use report_support::{example, options, scope};

fn html_of(store: &Store, scope: &Scope, options: &ReportOptions) -> String {
    report::render(store, scope, ReportFormat::Html, options)
        .unwrap()
        .text
}

/// Every `href` is a fragment that names an element of the page, or an http(s) URL
/// with `rel="noopener noreferrer"`.
fn assert_links_are_safe(doc: &Document) {
    for a in doc.select("[href]").iter() {
        let href = a.attr("href").unwrap().to_string();
        if let Some(id) = href.strip_prefix('#') {
            assert!(
                doc.select(&format!("[id=\"{id}\"]")).exists(),
                "dangling link {href}"
            );
        } else {
            assert!(
                href.starts_with("https://") || href.starts_with("http://"),
                "unsafe link {href}"
            );
            assert_eq!(
                a.attr("rel").as_deref(),
                Some("noopener noreferrer"),
                "{href}"
            );
        }
    }
}

/// No scripts, event handlers, images, frames, forms or objects anywhere.
fn assert_inert(doc: &Document, raw: &str) {
    assert!(
        !raw.to_ascii_lowercase().contains("<script"),
        "a <script> tag in the output"
    );
    for tag in [
        "script", "img", "iframe", "object", "embed", "form", "base", "link",
    ] {
        assert!(!doc.select(tag).exists(), "a <{tag}> element in the output");
    }
    for el in doc.select("*").iter() {
        for attr in el.attrs() {
            let name: &str = attr.name.local.as_ref();
            assert!(!name.starts_with("on"), "event handler attribute {name}");
            assert_ne!(name, "style", "inline style attributes break the CSP");
            assert!(
                !attr.value.to_ascii_lowercase().contains("javascript:"),
                "javascript: in {name}"
            );
        }
    }
}

#[test]
fn every_claim_links_to_its_card_and_back() {
    let f = example();
    let raw = html_of(&f.store, &scope(&f), &options());
    let doc = Document::from(raw.as_str());
    let claims = doc.select("a.claim");
    assert_eq!(claims.length(), 6, "one highlighted span per listed claim");
    let cards = doc.select("section.card");
    assert_eq!(cards.length(), 6);
    for a in claims.iter() {
        let href = a.attr("href").unwrap().to_string();
        let card = doc.select(&format!("section.card[id=\"{}\"]", &href[1..]));
        assert!(card.exists(), "claim link {href} has no card");
        // The card links back to the span in the text.
        let back = card.select("a.back").attr("href").unwrap().to_string();
        assert!(doc.select(&format!("[id=\"{}\"]", &back[1..])).exists());
    }
    // The highlighted text is exactly each claim's quote (offsets are code points:
    // the example has ğ, curly quotes and a dash before these spans).
    for id in &f.claims {
        let c = f.store.claim(id).unwrap();
        if c.status != ClaimStatus::Accepted {
            continue;
        }
        let anchor = format!("claim-{}", factdesk::model::short_id(id));
        let text: String = doc
            .select(&format!("a.claim[href=\"#{anchor}\"]"))
            .iter()
            .map(|n| n.text().to_string())
            .collect();
        assert_eq!(text, c.quote);
    }
    assert_links_are_safe(&doc);
    assert_inert(&doc, &raw);
}

#[test]
fn policy_comes_first_and_allows_exactly_the_inline_style() {
    use base64::Engine;
    use sha2::Digest;
    let f = example();
    let raw = html_of(&f.store, &scope(&f), &options());
    let head = raw.split("<head>\n").nth(1).unwrap();
    assert!(
        head.starts_with("<meta http-equiv=\"Content-Security-Policy\""),
        "CSP is first in <head>"
    );
    let doc = Document::from(raw.as_str());
    let csp = doc
        .select("meta[http-equiv=\"Content-Security-Policy\"]")
        .attr("content")
        .unwrap()
        .to_string();
    let css = doc.select("style").text().to_string();
    let hash =
        base64::engine::general_purpose::STANDARD.encode(sha2::Sha256::digest(css.as_bytes()));
    assert_eq!(
        csp,
        format!(
            "default-src 'none'; style-src 'sha256-{hash}'; img-src data:; base-uri 'none'; form-action 'none'"
        )
    );
    assert_eq!(doc.select("style").length(), 1);
    assert!(raw.contains("@media print"));
}

const HOSTILE: &str = "Breaking <script>alert('body')</script> news\n\n\
    He said \"><img src=x onerror=alert(1)> and <a href=\"javascript:alert(2)\">click</a>.\n\n\
    Control \u{1b}[31mred\u{7} and \u{202e}reversed\u{202c} text, see JaVaScRiPt:alert(3) \
    or data:text/html;base64,PHNjcmlwdD4= now.";

#[test]
fn hostile_text_and_urls_are_shown_as_text() {
    let mut store = Store::open_in_memory("eve<script>").unwrap();
    let doc = NewArticle {
        title: "<script>alert('title')</script>\"><img src=x onerror=alert(1)>".into(),
        url: Some("JaVaScRiPt:alert(document.domain)".into()),
        outlet: Some("'\"><svg onload=alert(1)>".into()),
        author: Some("data:text/html,<script>alert(1)</script>".into()),
        published: Some("2023-05-12\u{1b}]0;pwned\u{7}".into()),
        body: HOSTILE.into(),
        format: None,
    };
    let start = HOSTILE.chars().count() as i64 - 60;
    let claim = NewClaim {
        start: 9,
        end: 40,
        label: "<b>bold</b> & \"quoted\"".into(),
        claimant: "<img src=x onerror=alert(5)>".into(),
        kind: "statement".into(),
        score: None,
        reasons: Vec::new(),
        status: ClaimStatus::Accepted,
    };
    let tail = NewClaim {
        start,
        end: start + 20,
        label: "tail".into(),
        ..claim.clone()
    };
    let ImportOutcome::Imported { id: article, .. } =
        store.import_article(&doc, &[claim, tail]).unwrap()
    else {
        panic!()
    };
    let claims = store.claims(Some(&article), &Default::default()).unwrap();
    let (source, _) = store
        .add_source(&NewSource {
            url: Some("https://evil.example/\"><script>alert(6)</script>".into()),
            title: "</title><script>alert(7)</script>".into(),
            publisher: Some("javascript:alert(8)".into()),
            notes: Some("\u{1b}[2J".into()),
            ..NewSource::default()
        })
        .unwrap();
    store
        .link_source(
            &claims[0].id,
            &source,
            Stance::Refutes,
            Some("<iframe src=javascript:alert(9)>"),
            None,
        )
        .unwrap();
    // A database from elsewhere can hold what the app itself refuses: a source whose URL
    // is not http(s).
    let (bad, _) = store
        .add_source(&NewSource {
            title: "tampered".into(),
            ..NewSource::default()
        })
        .unwrap();
    store
        .connection()
        .execute(
            "UPDATE sources SET url = 'JaVaScRiPt:alert(10)' WHERE id = ?1",
            [&bad],
        )
        .unwrap();
    store
        .link_source(&claims[1].id, &bad, Stance::Context, None, None)
        .unwrap();
    store
        .add_verdict(
            &claims[0].id,
            "false",
            "</p><script>alert(11)</script>\n\njavascript:alert(12)",
        )
        .unwrap();
    store
        .add_note(&article, None, "<style>body{display:none}</style>")
        .unwrap();

    let opts = ReportOptions {
        organisation: Some("<script>org</script>".into()),
        organisation_url: Some("javascript:alert(13)".into()),
        ..ReportOptions::default()
    };
    let raw = html_of(&store, &Scope::Article(article.clone()), &opts);
    let parsed = Document::from(raw.as_str());
    assert_inert(&parsed, &raw);
    assert_links_are_safe(&parsed);
    assert_eq!(
        parsed.select("style").length(),
        1,
        "a note's <style> stays text"
    );
    for c in ['\u{1b}', '\u{7}', '\u{202e}', '\u{202c}'] {
        assert!(!raw.contains(c), "raw control {c:?} in the output");
    }
    let text = parsed.select("body").text().to_string();
    for shown in [
        "<script>alert('body')</script>",
        "\"><img src=x onerror=alert(1)>",
        "JaVaScRiPt:alert(document.domain)",
        "data:text/html,<script>alert(1)</script>",
        "JaVaScRiPt:alert(10)",
        "<style>body{display:none}</style>",
        "\u{241b}[31mred\u{2407}",
    ] {
        assert!(text.contains(shown), "{shown:?} is not shown as text");
    }
    // The http URL with markup in it is a link, percent-encoded.
    assert!(
        parsed
            .select("a[href^=\"https://evil.example/%22%3E%3Cscript%3E\"]")
            .exists()
    );

    // Markdown: no raw HTML passes, every `<` outside an autolink is escaped.
    let md = report::render(
        &store,
        &Scope::Article(article),
        ReportFormat::Markdown,
        &opts,
    )
    .unwrap()
    .text;
    for (i, _) in md.match_indices('<') {
        let escaped = md[..i].ends_with('\\');
        let autolink = md[i..].starts_with("<https://") || md[i..].starts_with("<http://");
        assert!(
            escaped || autolink,
            "raw '<' in Markdown at {i}: {}",
            &md[i..(i + 30).min(md.len())]
        );
    }
    assert!(!md.contains('\u{1b}'));
    assert!(!md.contains("](javascript:") && !md.contains("](JaVaScRiPt:"));
}

#[test]
fn overlapping_spans_on_non_ascii_text_keep_the_text_whole() {
    let body = "Sinirlioğlu said “yes” 🇮🇷 e\u{301}日本 twice.\n\nSecond paragraph: 1,650 incidents in 2023.";
    let mut store = Store::open_in_memory("dana").unwrap();
    let doc = NewArticle {
        title: "t".into(),
        body: body.into(),
        ..NewArticle::default()
    };
    let span = |start: i64, end: i64| NewClaim {
        label: format!("{start}-{end}"),
        claimant: "x".into(),
        kind: "statement".into(),
        ..NewClaim::at(start, end, ClaimStatus::Accepted)
    };
    let second = body
        .find("Second")
        .map(|b| body[..b].chars().count())
        .unwrap() as i64;
    // Outer spans the paragraph break; inner sits inside it; a third starts with it.
    let claims = [span(12, second + 6), span(17, 29), span(12, 16)];
    let ImportOutcome::Imported { id, .. } = store.import_article(&doc, &claims).unwrap() else {
        panic!()
    };
    let raw = html_of(&store, &Scope::Article(id), &ReportOptions::default());
    let parsed = Document::from(raw.as_str());
    assert_links_are_safe(&parsed);
    parsed.select("div.text sup").remove();
    let shown: String = parsed
        .select("div.text")
        .text()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let expected: String = body.split_whitespace().collect::<Vec<_>>().join(" ");
    assert_eq!(shown, expected);
    assert_eq!(parsed.select("div.text p").length(), 2);
    // The inner claim's link holds exactly its quote.
    let inner: String = parsed
        .select("a.claim")
        .iter()
        .filter(|a| {
            let href = a.attr("href").unwrap().to_string();
            parsed
                .select(&format!("section[id=\"{}\"] h3", &href[1..]))
                .text()
                .as_ref()
                == "17-29"
        })
        .map(|a| a.text().to_string())
        .collect();
    assert_eq!(inner, body.chars().skip(17).take(12).collect::<String>());
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(48))]

    /// Any text with any spans (overlapping, touching, across paragraphs): the page keeps
    /// the text whole and every link resolves.
    #[test]
    fn any_spans_keep_the_text_whole(
        body in "[a-zğ日🇮 \u{301}<&\"'\\n]{1,80}",
        spans in proptest::collection::vec((0usize..80, 1usize..30), 0..6),
    ) {
        proptest::prop_assume!(!body.trim().is_empty());
        let len = body.chars().count();
        let claims: Vec<NewClaim> = spans
            .iter()
            .filter_map(|&(start, n)| {
                let end = (start + n).min(len);
                let quote: String = body.chars().skip(start).take(end.saturating_sub(start)).collect();
                (start < end && !quote.trim().is_empty()).then(|| NewClaim {
                    start: start as i64,
                    end: end as i64,
                    label: "l".into(),
                    claimant: "c".into(),
                    kind: "k".into(),
                    score: None,
                    reasons: Vec::new(),
                    status: ClaimStatus::Accepted,
                })
            })
            .collect();
        let mut store = Store::open_in_memory("p").unwrap();
        let doc = NewArticle { title: "t".into(), body: body.clone(), ..NewArticle::default() };
        let ImportOutcome::Imported { id, .. } = store.import_article(&doc, &claims).unwrap() else { panic!() };
        let raw = html_of(&store, &Scope::Article(id), &ReportOptions::default());
        let parsed = Document::from(raw.as_str());
        assert_links_are_safe(&parsed);
        assert_inert(&parsed, &raw);
        parsed.select("div.text sup").remove();
        let shown: String = parsed.select("div.text").text().split_whitespace().collect::<Vec<_>>().join(" ");
        let expected: String = body.split_whitespace().collect::<Vec<_>>().join(" ");
        proptest::prop_assert_eq!(shown, expected);
    }
}

/// The page is in English; an article in another language is marked with its own
/// `lang` (title, text, claim labels and quotes), so screen readers and fonts follow.
#[test]
fn article_text_carries_its_language() {
    for (body, tag) in [
        (
            "کاظمی قمی گفت که ۳ میلیون پناهنده افغان در ایران زندگی می\u{200c}کنند.",
            "fa",
        ),
        ("李伟表示，中国经济今年增长了5.2%。", "zh"),
        (
            "日本の首相は、2024年に失業率が2.5%に低下したと述べた。",
            "ja",
        ),
        (
            "El ministro dijo que la inflación subió un 12% en 2023 y que el gobierno lo sabía.",
            "es",
        ),
    ] {
        let mut store = Store::open_in_memory("dana").unwrap();
        let doc = NewArticle {
            title: body.chars().take(12).collect(),
            body: body.into(),
            ..NewArticle::default()
        };
        let claim = NewClaim {
            label: "l".into(),
            claimant: "x".into(),
            kind: "statement".into(),
            ..NewClaim::at(0, 5, ClaimStatus::Accepted)
        };
        let ImportOutcome::Imported { id, .. } = store.import_article(&doc, &[claim]).unwrap()
        else {
            panic!()
        };
        let page = html_of(&store, &Scope::Article(id), &options());
        assert!(page.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"));
        let d = Document::from(page.as_str());
        assert_eq!(
            d.select(&format!("div.text[lang=\"{tag}\"]")).length(),
            1,
            "{tag}"
        );
        assert_eq!(
            d.select(&format!("blockquote.quote[lang=\"{tag}\"]"))
                .length(),
            1,
            "{tag}"
        );
    }
}

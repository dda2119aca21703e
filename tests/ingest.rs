//! Importing articles: formats, encodings, bad input, and the claims proposed for the
//! example article against its gold claims.

use factdesk::ingest::{IngestError, propose_claims, read_document, suggest, suggest_lines};
use factdesk::model::{ClaimStatus, SourceFormat};
use factdesk::text::slice_chars;

const EXAMPLE: &str = include_str!("../examples/iran-taliban-consensus.txt");

#[test]
fn plain_text_keeps_the_body_and_takes_the_first_line_as_title() {
    let doc = read_document(EXAMPLE.as_bytes(), "a.txt").unwrap();
    assert_eq!(doc.body, EXAMPLE.trim());
    assert!(
        doc.title
            .starts_with("Iranian Ambassador asserts regional consensus")
    );
    assert_eq!(doc.format, Some(SourceFormat::Text));
}

#[test]
fn line_endings_and_trailing_space_are_normalised_inside_text_is_not() {
    let doc = read_document(
        b"Title  \r\n\r\n\r\n\r\nBody  with  two spaces.\rNext line.\r\n",
        "a.txt",
    )
    .unwrap();
    assert_eq!(doc.body, "Title\n\nBody  with  two spaces.\nNext line.");
}

#[test]
fn bad_input_has_a_clear_outcome() {
    assert_eq!(read_document(b"", "a.txt"), Err(IngestError::Empty));
    assert_eq!(
        read_document(b" \n\t\r\n ", "a.txt"),
        Err(IngestError::Blank)
    );
    assert_eq!(
        read_document(b"\x7fELF\x02\x01\x01\0\0\0", "a.bin"),
        Err(IngestError::Binary)
    );
    let controls: Vec<u8> = (0..4000u32).map(|i| (i % 8) as u8 + 1).collect();
    assert_eq!(read_document(&controls, "a.txt"), Err(IngestError::Binary));
    let page = b"<!DOCTYPE html><html><head><title>x</title><script>var a=1;</script></head><body><nav><a href='/'>Home</a></nav></body></html>";
    assert_eq!(
        read_document(page, "page.html"),
        Err(IngestError::NoArticle)
    );
}

#[test]
fn every_error_message_is_one_line() {
    let errors = [
        IngestError::Empty,
        IngestError::Blank,
        IngestError::Binary,
        IngestError::InvalidUtf8 { offset: 3 },
        IngestError::Encoding("UTF-16LE with invalid sequences".into()),
        IngestError::TooLarge {
            size: 70_000_000,
            limit: 64 * 1024 * 1024,
        },
        IngestError::NoArticle,
    ];
    for e in errors {
        let m = e.to_string();
        assert!(!m.contains('\n') && !m.is_empty(), "{m}");
    }
}

#[test]
fn utf8_bom_is_dropped() {
    let doc = read_document("\u{feff}Título\n\nEl café abrió.".as_bytes(), "a.txt").unwrap();
    assert_eq!(doc.title, "Título");
    assert_eq!(doc.body, "Título\n\nEl café abrió.");
}

#[test]
fn utf16_with_bom_is_decoded() {
    let text = "Başlık\n\nQomi’s remarks “strong”.";
    let mut le = vec![0xFF, 0xFE];
    le.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    assert_eq!(read_document(&le, "a.txt").unwrap().body, text);
    let mut be = vec![0xFE, 0xFF];
    be.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
    assert_eq!(read_document(&be, "a.txt").unwrap().body, text);
}

#[test]
fn windows_1252_is_converted_not_garbled() {
    // “Café” – in Windows-1252 bytes.
    let bytes = b"\x93Caf\xe9\x94 \x96 the menu costs \x8020.";
    let doc = read_document(bytes, "a.txt").unwrap();
    assert_eq!(doc.body, "“Café” – the menu costs €20.");
}

#[test]
fn broken_utf8_is_refused_not_guessed() {
    let mut bytes = "Qomi’s remarks are “strong”. ".as_bytes().to_vec();
    bytes.push(0xFF);
    bytes.extend_from_slice(b" more text");
    assert!(matches!(
        read_document(&bytes, "a.txt"),
        Err(IngestError::InvalidUtf8 { .. })
    ));
}

#[test]
fn markdown_loses_its_markup() {
    let md = "# The *budget* vote\n\nThe bill passed **52-48**, see [the record](https://example.org/x).\n\n* First point\n* Second `point`\n\n---\n\n> A quoted line.\n\n[1]: https://example.org\n";
    let doc = read_document(md.as_bytes(), "story.md").unwrap();
    assert_eq!(doc.title, "The budget vote");
    assert_eq!(
        doc.body,
        "The budget vote\n\nThe bill passed 52-48, see the record.\n\n- First point\n- Second point\n\nA quoted line."
    );
    assert_eq!(doc.format, Some(SourceFormat::Markdown));
}

/// A link whose URL holds parentheses ends at the parenthesis that closes it.
#[test]
fn markdown_links_with_parentheses_in_the_url() {
    let md = "# Markdown *title* with [link](javascript:alert(1))\n\nSee [Foo](https://en.wikipedia.org/wiki/Foo_(bar)) now.\n";
    let doc = read_document(md.as_bytes(), "a.md").unwrap();
    assert_eq!(doc.title, "Markdown title with link");
    assert!(doc.body.ends_with("See Foo now."), "{}", doc.body);
}

#[test]
fn markdown_keeps_snake_case_and_lone_stars() {
    let doc = read_document(b"Title\n\nThe file_name field is 2 * 3 wide.", "a.md").unwrap();
    assert!(
        doc.body.ends_with("The file_name field is 2 * 3 wide."),
        "{}",
        doc.body
    );
}

#[test]
fn html_article_is_extracted_with_metadata() {
    let paragraphs: String = (0..6)
        .map(|i| format!("<p>The UN Security Council has recorded 1,650 security-related incidents in the first months of 2023 in Afghanistan, paragraph {i} of the report said, calling terrorism a serious threat to peace.</p>"))
        .collect();
    let html = format!(
        r#"<!DOCTYPE html><html><head><title>Security incidents rise | Daily News</title>
<meta name="author" content="Jane Reporter">
<meta property="article:published_time" content="2023-05-14T09:30:00Z">
<meta property="og:url" content="https://news.example.com/2023/05/incidents">
<script>window.ads = [];</script></head>
<body><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li></ul></nav>
<article><h1>Security incidents rise</h1>{paragraphs}</article>
<aside class="ad">Buy now! Subscribe today!</aside><footer>Copyright 2023</footer></body></html>"#
    );
    let doc = read_document(html.as_bytes(), "page.html").unwrap();
    assert_eq!(doc.format, Some(SourceFormat::Html));
    assert!(
        doc.title.contains("Security incidents rise"),
        "{}",
        doc.title
    );
    assert!(doc.body.contains("1,650 security-related incidents"));
    assert!(
        doc.body.lines().filter(|l| l.contains("paragraph")).count() == 6,
        "paragraphs stay apart:\n{}",
        doc.body
    );
    assert!(!doc.body.contains("window.ads"));
    assert!(!doc.body.contains("Subscribe today"));
    assert!(!doc.body.contains("Home"));
    assert_eq!(doc.author.as_deref(), Some("Jane Reporter"));
    assert_eq!(doc.published.as_deref(), Some("2023-05-14"));
    assert_eq!(
        doc.url.as_deref(),
        Some("https://news.example.com/2023/05/incidents")
    );
}

#[test]
fn a_big_article_and_a_long_line_stay_fast_and_linear() {
    // A few MB, so it stays fast in debug builds; the bench covers 50 MB.
    let article = EXAMPLE.repeat(500);
    let doc = read_document(article.as_bytes(), "big.txt").unwrap();
    let claims = propose_claims(&doc.body);
    assert!(claims.len() <= factdesk::ingest::MAX_PROPOSED_CLAIMS);
    let line = "The council recorded 1,650 incidents in 2023 and more ".repeat(20_000);
    let doc = read_document(line.as_bytes(), "line.txt").unwrap();
    assert!(doc.title.chars().count() <= 161);
    let claims = propose_claims(&doc.body);
    assert!(!claims.is_empty());
}

#[test]
fn seed_article_claims_cover_the_gold_claims() {
    let gold: serde_json::Value =
        serde_json::from_str(include_str!("fixtures/000_claims.json")).unwrap();
    let claims = propose_claims(EXAMPLE);
    for c in &claims {
        let quote = slice_chars(EXAMPLE, c.start as usize, c.end as usize).unwrap();
        assert_eq!(quote, quote.trim(), "claims start and end on text");
        assert_eq!(c.status, ClaimStatus::Suggested);
        assert!(
            !c.label.is_empty() && c.label.split(' ').count() <= 8,
            "label {:?}",
            c.label
        );
        assert!(!c.claimant.is_empty());
    }
    let gold = gold["claims"].as_array().unwrap();
    let recalled = gold
        .iter()
        .filter(|g| {
            let (s, e) = (g["start"].as_i64().unwrap(), g["end"].as_i64().unwrap());
            claims.iter().any(|c| c.start < e && s < c.end)
        })
        .count();
    assert!(
        recalled as f64 / gold.len() as f64 >= 0.9,
        "recalled {recalled} of {}",
        gold.len()
    );
    let claimants: Vec<&str> = claims.iter().map(|c| c.claimant.as_str()).collect();
    assert!(claimants.contains(&"Hassan Kazemi Qomi"));
    assert!(claimants.contains(&"UN Security Council"));
    assert!(claimants.contains(&"Pakistan"));
    let first = &claims[0];
    assert_eq!(first.label, "regional consensus");
    assert_eq!(
        slice_chars(EXAMPLE, first.start as usize, first.end as usize).unwrap(),
        "there is a regional consensus on interactions with the Taliban regarding counterterrorism and drugs"
    );
    let stat = claims
        .iter()
        .find(|c| c.kind == "statistic" && c.claimant == "UN Security Council")
        .unwrap();
    assert!(stat.label.starts_with("1,650"), "{}", stat.label);
}

#[test]
fn suggestions_carry_the_contract_fields() {
    let s = suggest(EXAMPLE);
    assert_eq!(s.len(), 10);
    assert!(!s[0].checkworthy, "the headline is not proposed");
    let v = serde_json::to_value(&s[1]).unwrap();
    for field in [
        "text",
        "start",
        "end",
        "score",
        "checkworthy",
        "claimant",
        "label",
        "features",
    ] {
        assert!(v.get(field).is_some(), "missing {field}");
    }
    assert_eq!(s[1].claimant, "Hassan Kazemi Qomi");
    assert!(s[1].features.iter().any(|f| f == "attribution"));
}

#[test]
fn opinion_questions_and_boilerplate_score_low() {
    let s = suggest_lines(
        "Thank you very much, and good night.\nWhat do you think we should do?\nI think we need to be strong.\nUnemployment fell to 3.5% in 2019, the lowest rate in 50 years.",
    );
    assert_eq!(s.len(), 4);
    assert!(!s[0].checkworthy && !s[1].checkworthy && !s[2].checkworthy);
    assert!(s[3].checkworthy && s[3].score > s[2].score);
    assert!(s[3].features.iter().any(|f| f == "percent"));
}

/// Figures in Persian/Arabic digits, the Arabic per cent sign and CJK sentences count
/// like their ASCII twins (English scoring is unchanged: same dev F1).
#[test]
fn figures_in_other_scripts_make_a_sentence_check_worthy() {
    let persian = "او افزود که ۳٬۵۰۰ نیروی مرزبانی در سال ۱۴۰۲ استخدام شده‌اند.";
    let arabic = "قال الوزير إن البطالة انخفضت إلى ٨٫٢٪ في عام ٢٠٢٣.";
    let japanese = "日本の首相は、2024年に失業率が2.5%に低下したと述べた。";
    for (text, expect) in [
        (persian, &["number", "year"][..]),
        (arabic, &["number", "percent", "year"][..]),
        (japanese, &["number", "percent"][..]),
    ] {
        let s = &suggest(text)[0];
        for feature in expect {
            assert!(s.features.iter().any(|f| f == feature), "{feature}: {s:#?}");
        }
        assert!(
            !s.features.iter().any(|f| f == "short" || f == "headline"),
            "{s:#?}"
        );
        assert!(s.checkworthy, "{s:#?}");
    }
}

#[test]
fn a_figure_label_keeps_its_per_cent_sign_and_names_what_it_measures() {
    let s = &suggest("The minister claimed that unemployment fell to 8.2% in 2023.")[0];
    assert_eq!(s.label, "unemployment 8.2% in 2023");
    let s = &suggest("The UN has recorded 1,650 security-related incidents in 2023.")[0];
    assert_eq!(s.label, "1,650 security-related incidents in 2023");
}

#[test]
fn labels_fit_a_list_column_even_in_scripts_without_spaces() {
    use unicode_width::UnicodeWidthStr;
    // In the article's own voice: the label is the clause, cut at 40 columns.
    let japanese = "日本の失業率は2024年に2.5%に低下し、過去三十年間で最も低い水準となった。";
    let s = &suggest(japanese)[0];
    assert!(
        s.label.width() <= 40,
        "{} is {} columns",
        s.label,
        s.label.width()
    );
    assert!(s.label.ends_with('…'), "{}", s.label);
    // Attributed: the statement, which fits.
    let s = &suggest("日本の首相は、2024年に失業率が2.5%に低下したと述べた。")[0];
    assert!(s.label.width() <= 40, "{}", s.label);
}

#[test]
fn labels_leave_out_words_with_control_characters() {
    for text in [
        "The \u{1b}[2J\u{1b}[31mred team said unemployment fell to 8.2% in 2023.",
        "\u{1b}[2J\u{1b}[31mred Taliban militants breached the Doha Agreement, officials said.",
    ] {
        let s = &suggest(text)[0];
        assert!(
            !s.label.chars().any(factdesk::text::is_unsafe_char) && !s.label.contains("[31m"),
            "{}",
            s.label
        );
        assert!(!s.label.is_empty());
    }
}

/// Claimants, statements and labels in the languages besides English that newsrooms
/// check most: the subject of the verb of saying, the statement after "que", "dass",
/// "که", "إن", "表示", before "と述べた" (offsets in code points), a label in the
/// article's own words.
#[test]
fn claimants_and_statements_in_other_languages() {
    let cases = [
        (
            "El ministro de Economía, Juan Pérez, dijo que la inflación subió un 12% en 2023.",
            "Juan Pérez",
            "la inflación subió un 12% en 2023",
            "inflación 12% en 2023",
        ),
        (
            "Le ministre Jean Dupont a déclaré qu’il n’y aura pas de hausse des impôts avant 2027.",
            "Jean Dupont",
            "il n’y aura pas de hausse des impôts avant 2027",
            "",
        ),
        (
            "Die Ministerin Anna Schmidt sagte, dass die Arbeitslosigkeit seit 2020 um 3 Prozent gesunken sei.",
            "Ministerin Anna Schmidt",
            "die Arbeitslosigkeit seit 2020 um 3 Prozent gesunken sei",
            "3 Prozent gesunken in 2020",
        ),
        (
            "O ministro João Silva disse que a inflação caiu 4% em 2024.",
            "João Silva",
            "a inflação caiu 4% em 2024",
            "inflação 4% em 2024",
        ),
        (
            "کاظمی قمی در این دیدار گفت که ۳ میلیون پناهنده افغان در ایران زندگی می‌کنند.",
            "کاظمی قمی",
            "۳ میلیون پناهنده افغان در ایران زندگی می‌کنند",
            "۳ میلیون پناهنده افغان",
        ),
        (
            "وقال الوزير محمد علي إن عدد اللاجئين في المدينة بلغ ٣ ملايين.",
            "الوزير محمد علي",
            "عدد اللاجئين في المدينة بلغ ٣ ملايين",
            "٣ ملايين",
        ),
        (
            "李伟表示，中国经济今年增长了5.2%。",
            "李伟",
            "中国经济今年增长了5.2%",
            "",
        ),
        (
            "日本の首相は、2024年に失業率が2.5%に低下したと述べた。",
            "日本の首相",
            "2024年に失業率が2.5%に低下した",
            "",
        ),
        (
            "Según el Banco Central, la inflación subió un 12% en 2023.",
            "Banco Central",
            "la inflación subió un 12% en 2023",
            "inflación 12% en 2023",
        ),
    ];
    for (body, claimant, quote, label) in cases {
        let claims = propose_claims(body);
        let claim = claims
            .iter()
            .find(|c| c.claimant == claimant)
            .unwrap_or_else(|| panic!("no claim by {claimant} in {body}: {claims:#?}"));
        assert_eq!(
            slice_chars(body, claim.start as usize, claim.end as usize),
            Some(quote),
            "{body}"
        );
        if !label.is_empty() {
            assert_eq!(claim.label, label, "{body}");
        }
        // A verb of saying is attribution for the scorer too, whatever the language.
        let s = &suggest(body)[0];
        assert!(
            s.features.iter().any(|f| f == "attribution"),
            "{body}: {s:?}"
        );
    }
}

/// English articles are read as before: a Spanish word in an English sentence does not
/// make "die" or "son" function words.
#[test]
fn english_labels_keep_words_other_languages_skip() {
    let body = "Officials said 10,000 people die of cholera every year in the region, the son of the minister claimed.";
    let claims = propose_claims(body);
    assert!(
        claims.iter().any(|c| c.label.contains("die")),
        "{claims:#?}"
    );
}

/// English attributions beyond "X said that": a name before its role, a quote before
/// "the president told reporters", a listener or frame before "that" ("told the BBC
/// that", "said in a statement that"), "according to X" at the end, and speakers placed
/// by a name ("officials in Kabul", not "Kabul").
#[test]
fn english_claimants_in_other_sentence_shapes() {
    let cases = [
        (
            "Hassan Kazemi Qomi, Iran's special envoy for Afghanistan, said the region had agreed on a common approach in 2023.",
            "Hassan Kazemi Qomi",
            "the region had agreed on a common approach in 2023",
        ),
        (
            "“We have reduced poverty by 30 percent,” the president told reporters.",
            "president",
            "We have reduced poverty by 30 percent",
        ),
        (
            "Unemployment fell to 4.1% in March, according to the Bureau of Labor Statistics.",
            "Bureau of Labor Statistics",
            "Unemployment fell to 4.1% in March",
        ),
        (
            "The minister told the BBC that 300 people had died in the floods.",
            "minister",
            "300 people had died in the floods",
        ),
        (
            "The ministry said in a statement that exports rose 12% in 2023.",
            "ministry",
            "exports rose 12% in 2023",
        ),
        (
            "“Inflation is under control,” said Federal Reserve Chair Jerome Powell.",
            "Federal Reserve Chair Jerome Powell",
            "Inflation is under control",
        ),
        (
            "Unemployment fell to 4 percent in 2023, Finance Minister Olaf Berg told reporters.",
            "Finance Minister Olaf Berg",
            "Unemployment fell to 4 percent in 2023",
        ),
        (
            "The bridge cost 12 million euros, the governor said on Tuesday.",
            "governor",
            "The bridge cost 12 million euros",
        ),
        ("The mayor said taxes fell.", "mayor", "taxes fell"),
        (
            "Critics argue the law will cost taxpayers more than $2 billion.",
            "Critics",
            "the law will cost taxpayers more than $2 billion",
        ),
        (
            "Officials in Kabul denied the report, saying no more than 500 fighters had crossed the border.",
            "Officials in Kabul",
            "",
        ),
    ];
    for (body, claimant, quote) in cases {
        let claims = propose_claims(body);
        let claim = claims
            .iter()
            .find(|c| c.claimant == claimant)
            .unwrap_or_else(|| panic!("no claim by {claimant} in {body}: {claims:#?}"));
        if !quote.is_empty() {
            assert_eq!(
                slice_chars(body, claim.start as usize, claim.end as usize),
                Some(quote),
                "{body}"
            );
        }
    }
}

/// Code in Markdown (fenced or indented) stays in the text, fenced, and is never
/// proposed: "The GDP grew 40% in 2022" in a code block is not the article's claim.
#[test]
fn markdown_code_is_shown_but_not_proposed() {
    let md = "# Code\n\nThe minister said exports rose 9% in 2023.\n\n```\nThe GDP grew 40% in 2022, officials said.\n```\n\n\
              ~~~js\n// Revenue rose 25 percent in 2021\n~~~\n\n    Exports rose 9 percent in 2020.\n\n\
              - a list item\n\n    its second paragraph: imports fell 4 percent in 2021.\n";
    let doc = read_document(md.as_bytes(), "a.md").unwrap();
    for shown in [
        "The GDP grew 40%",
        "Revenue rose 25 percent",
        "Exports rose 9 percent",
        "imports fell 4",
    ] {
        assert!(doc.body.contains(shown), "{shown}: {:?}", doc.body);
    }
    let quotes: Vec<String> = propose_claims(&doc.body)
        .iter()
        .filter_map(|c| slice_chars(&doc.body, c.start as usize, c.end as usize).map(String::from))
        .collect();
    assert_eq!(
        quotes,
        [
            "exports rose 9% in 2023",
            "its second paragraph: imports fell 4 percent in 2021"
        ],
        "{:?}",
        doc.body
    );
    assert!(
        suggest(&doc.body)
            .iter()
            .all(|s| !s.checkworthy || !s.text.contains("GDP"))
    );
}

/// Jekyll/Hugo front matter gives the article's title, author, date, address and
/// outlet, and is not part of its text (it was read as a heading and a claim).
#[test]
fn front_matter_is_metadata_not_text() {
    let yaml = "---\ntitle: \"Budget cut by 12 percent\"\nauthor: Jane Doe\ndate: 2023-04-01T09:00:00Z\n\
                url: https://news.example/budget\npublisher: 'The Gazette'\ntags: [economy]\n---\n\n\
                The minister said that the budget was cut by 12 percent in 2023.\n";
    let toml = "+++\ntitle = \"Budget cut by 12 percent\"\nauthor = \"Jane Doe\"\ndate = 2023-04-01\n+++\n\
                The minister said that the budget was cut by 12 percent in 2023.\n";
    for text in [yaml, toml] {
        let doc = read_document(text.as_bytes(), "post.md").unwrap();
        assert_eq!(doc.title, "Budget cut by 12 percent");
        assert_eq!(doc.author.as_deref(), Some("Jane Doe"));
        assert_eq!(doc.published.as_deref(), Some("2023-04-01"));
        assert!(doc.body.starts_with("The minister said"), "{:?}", doc.body);
        assert_eq!(propose_claims(&doc.body).len(), 1);
    }
    let doc = read_document(yaml.as_bytes(), "post.md").unwrap();
    assert_eq!(doc.url.as_deref(), Some("https://news.example/budget"));
    assert_eq!(doc.outlet.as_deref(), Some("The Gazette"));
    // A rule and text with no closing line is not front matter.
    let doc = read_document(b"---\nNot front matter: the text goes on.\n", "post.md").unwrap();
    assert!(doc.body.contains("Not front matter"), "{:?}", doc.body);
}

/// A claim's quote keeps the signs of its figures: "not 9%" is not "not 9".
#[test]
fn quotes_keep_the_signs_of_their_figures() {
    let body = "The ministry said losses reached $5m (about 3%). \
                The president said that inflation was 5% in 2022, not 9%. \
                Prices fell -3% in 2023, while a well-known firm said €40 was lost.";
    let quotes: Vec<&str> = propose_claims(body)
        .iter()
        .filter_map(|c| slice_chars(body, c.start as usize, c.end as usize))
        .collect();
    assert_eq!(
        quotes,
        [
            "losses reached $5m (about 3%)",
            "inflation was 5% in 2022, not 9%",
            "Prices fell -3% in 2023",
            "€40 was lost"
        ]
    );
}

/// A role names the last person only when it can be their role, and "he"/"she" is the
/// last one who spoke: the police chief is not the mayor.
#[test]
fn roles_and_pronouns_name_the_right_speaker() {
    let body = "Mayor Jane Doe said 12,000 homes were built in 2024. \
                The police chief said that crime fell by 8% last year. \
                He added that 300 officers were hired in 2025. \
                The mayor said rents rose 9% in 2025. \
                She said 40 parks opened in 2025.";
    let claimants: Vec<String> = propose_claims(body)
        .into_iter()
        .map(|c| c.claimant)
        .collect();
    assert_eq!(
        claimants,
        [
            "Mayor Jane Doe",
            "police chief",
            "police chief",
            "Mayor Jane Doe",
            "Mayor Jane Doe"
        ],
        "{body}"
    );
}

/// A name pasted with bidi isolates around it ("وزیر \u{2066}John Smith\u{2069}") gives a
/// claimant without them: no unbalanced invisible control reaches reports or ClaimReview.
#[test]
fn claimants_carry_no_direction_marks() {
    let body = "وزیر \u{2066}John Smith\u{2069} گفت که تورم ۴۰ درصد کاهش یافته است.";
    let claims = factdesk::ingest::propose_claims(body);
    assert!(!claims.is_empty());
    for c in &claims {
        assert!(
            !c.claimant
                .chars()
                .any(|ch| ('\u{2066}'..='\u{2069}').contains(&ch)),
            "{:?}",
            c.claimant
        );
        assert!(c.claimant.contains("John Smith"), "{:?}", c.claimant);
    }
}

/// An attributed statement in Chinese or Japanese is proposed even without a figure:
/// who said what is what a fact-checker checks first. Small talk is not.
#[test]
fn attributed_chinese_and_japanese_statements_are_proposed() {
    let body =
        "外交部发言人李伟表示，塔利班违反了多哈协议。今天天气很好。首相は、増税はしないと述べた。";
    let claims = factdesk::ingest::propose_claims(body);
    let claimants: Vec<&str> = claims.iter().map(|c| c.claimant.as_str()).collect();
    assert_eq!(claimants, ["外交部发言人李伟", "首相"], "{claims:#?}");
}

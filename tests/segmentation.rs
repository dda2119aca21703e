//! Tricky news-style cases for the sentence splitter: each input must split into exactly
//! the expected sentences, and every offset must slice the body to the sentence text.

use factdesk::ingest::split_sentences;
use factdesk::text::slice_chars;

fn check(input: &str, expected: &[&str]) {
    let got: Vec<&str> = split_sentences(input)
        .iter()
        .map(|s| slice_chars(input, s.start, s.end).expect("offsets inside the body"))
        .collect();
    assert_eq!(got, expected, "input: {input:?}");
}

#[test]
fn plain_full_stops() {
    check(
        "The vote passed. The bill is law.",
        &["The vote passed.", "The bill is law."],
    );
}

#[test]
fn question_and_exclamation() {
    check(
        "Is it true? Nobody knows! Officials declined to comment.",
        &[
            "Is it true?",
            "Nobody knows!",
            "Officials declined to comment.",
        ],
    );
}

#[test]
fn title_abbreviations() {
    check(
        "Mr. Smith met Mrs. Jones and Dr. Patel.",
        &["Mr. Smith met Mrs. Jones and Dr. Patel."],
    );
}

#[test]
fn military_and_political_titles() {
    check(
        "Gen. Mark Milley spoke to Sen. Warren and Gov. Newsom on Tuesday.",
        &["Gen. Mark Milley spoke to Sen. Warren and Gov. Newsom on Tuesday."],
    );
}

#[test]
fn us_mid_sentence() {
    check(
        "The U.S. Senate voted 52-48 on the measure.",
        &["The U.S. Senate voted 52-48 on the measure."],
    );
}

#[test]
fn us_ends_sentence() {
    check(
        "The troops returned to the U.S. The war was over.",
        &["The troops returned to the U.S.", "The war was over."],
    );
}

#[test]
fn am_pm_mid_sentence() {
    check(
        "The strike began at 6 a.m. Monday and ended at 4 p.m. local time.",
        &["The strike began at 6 a.m. Monday and ended at 4 p.m. local time."],
    );
}

#[test]
fn am_ends_sentence() {
    check(
        "Polls opened at 7 a.m. The turnout was high.",
        &["Polls opened at 7 a.m.", "The turnout was high."],
    );
}

#[test]
fn initials_in_names() {
    check(
        "John F. Kennedy was elected in 1960. He served until 1963.",
        &[
            "John F. Kennedy was elected in 1960.",
            "He served until 1963.",
        ],
    );
}

#[test]
fn several_initials() {
    check(
        "J. R. R. Tolkien wrote it. It sold well.",
        &["J. R. R. Tolkien wrote it.", "It sold well."],
    );
}

#[test]
fn decimals_and_percent() {
    check(
        "Inflation rose 3.5% in May. Wages grew 2.1 percent.",
        &["Inflation rose 3.5% in May.", "Wages grew 2.1 percent."],
    );
}

#[test]
fn thousands_separator() {
    check(
        "The UN recorded 1,650 incidents. That is a record.",
        &["The UN recorded 1,650 incidents.", "That is a record."],
    );
}

#[test]
fn money_amounts() {
    check(
        "It cost $4.2 billion. Critics said it was too much.",
        &["It cost $4.2 billion.", "Critics said it was too much."],
    );
}

#[test]
fn quote_ends_inside_straight_marks() {
    check(
        "He said, \"We will win.\" Then he left.",
        &["He said, \"We will win.\"", "Then he left."],
    );
}

#[test]
fn quote_ends_inside_curly_marks() {
    check(
        "She said: “The deal is done.” Markets rose.",
        &["She said: “The deal is done.”", "Markets rose."],
    );
}

#[test]
fn quote_ends_outside_marks() {
    check(
        "He called it “a disgrace”. The minister resigned.",
        &["He called it “a disgrace”.", "The minister resigned."],
    );
}

#[test]
fn question_inside_quote_continues() {
    check(
        "“Why now?” he asked. Nobody answered.",
        &["“Why now?” he asked.", "Nobody answered."],
    );
}

#[test]
fn exclamation_inside_quote_continues() {
    check(
        "“Stop!” shouted the officer. The crowd dispersed.",
        &["“Stop!” shouted the officer.", "The crowd dispersed."],
    );
}

#[test]
fn comma_inside_quote() {
    check(
        "“We are ready,” the spokesman said. Talks resume today.",
        &["“We are ready,” the spokesman said.", "Talks resume today."],
    );
}

#[test]
fn ellipsis_mid_sentence() {
    check(
        "The plan was ... ambitious, he said.",
        &["The plan was ... ambitious, he said."],
    );
}

#[test]
fn ellipsis_ends_sentence() {
    check(
        "And then it stopped... The silence was total.",
        &["And then it stopped...", "The silence was total."],
    );
}

#[test]
fn unicode_ellipsis() {
    check(
        "We waited… Nothing happened.",
        &["We waited…", "Nothing happened."],
    );
}

#[test]
fn parenthesis_closing_sentence() {
    check(
        "The law passed. (It was challenged in court.) Appeals followed.",
        &[
            "The law passed.",
            "(It was challenged in court.)",
            "Appeals followed.",
        ],
    );
}

#[test]
fn parenthesis_mid_sentence() {
    check(
        "The agency (founded in 1945) employs 3,000 people.",
        &["The agency (founded in 1945) employs 3,000 people."],
    );
}

#[test]
fn abbreviation_inside_parentheses() {
    check(
        "Several groups (e.g. the ISKP) were named. Officials confirmed it.",
        &[
            "Several groups (e.g. the ISKP) were named.",
            "Officials confirmed it.",
        ],
    );
}

#[test]
fn headline_without_full_stop() {
    check(
        "Taliban accused of breaching deal\n\nThe US said the deal was broken.",
        &[
            "Taliban accused of breaching deal",
            "The US said the deal was broken.",
        ],
    );
}

#[test]
fn headline_followed_by_single_newline() {
    check(
        "Markets fall sharply\nStocks dropped 5% on Monday.",
        &["Markets fall sharply", "Stocks dropped 5% on Monday."],
    );
}

#[test]
fn bullet_list_items() {
    check(
        "Key points:\n- Turnout rose to 67%\n- Three seats changed hands",
        &[
            "Key points:",
            "Turnout rose to 67%",
            "Three seats changed hands",
        ],
    );
}

#[test]
fn numbered_list_items() {
    check(
        "1. Taxes rose.\n2. Spending fell.",
        &["Taxes rose.", "Spending fell."],
    );
}

#[test]
fn hard_wrapped_paragraph() {
    check(
        "The committee said on Tuesday that the budget would be\nreviewed again next month by independent auditors.",
        &[
            "The committee said on Tuesday that the budget would be\nreviewed again next month by independent auditors.",
        ],
    );
}

#[test]
fn company_abbreviations() {
    check(
        "Apple Inc. reported record sales. Shares rose.",
        &["Apple Inc. reported record sales.", "Shares rose."],
    );
}

#[test]
fn no_before_number() {
    check(
        "He was ranked No. 3 in the world. He retired.",
        &["He was ranked No. 3 in the world.", "He retired."],
    );
}

#[test]
fn no_as_a_word_at_the_end() {
    check(
        "The answer was no. The talks collapsed.",
        &["The answer was no.", "The talks collapsed."],
    );
}

#[test]
fn month_abbreviation() {
    check(
        "The deal was signed on Feb. 29, 2020 in Doha.",
        &["The deal was signed on Feb. 29, 2020 in Doha."],
    );
}

#[test]
fn multiple_punctuation() {
    check(
        "Really?! That is what he said.",
        &["Really?!", "That is what he said."],
    );
}

#[test]
fn lower_case_after_period_is_not_a_break() {
    check(
        "The figure is approx. ten percent of the total.",
        &["The figure is approx. ten percent of the total."],
    );
}

#[test]
fn domain_names() {
    check(
        "Visit example.com for details. It is free.",
        &["Visit example.com for details.", "It is free."],
    );
}

#[test]
fn paragraph_without_final_stop() {
    check(
        "First paragraph ends here.\n\nSecond paragraph has no stop",
        &["First paragraph ends here.", "Second paragraph has no stop"],
    );
}

#[test]
fn curly_apostrophes_and_possessives() {
    check(
        "Qomi’s remarks came late. The Taliban’s reply was swift.",
        &[
            "Qomi’s remarks came late.",
            "The Taliban’s reply was swift.",
        ],
    );
}

#[test]
fn non_latin_script_sentences() {
    check(
        "Он сказал это. Потом ушёл.",
        &["Он сказал это.", "Потом ушёл."],
    );
}

#[test]
fn cjk_full_stops() {
    check(
        "今日は晴れです。明日は雨です。",
        &["今日は晴れです。", "明日は雨です。"],
    );
}

#[test]
fn emoji_and_combining_marks_keep_offsets() {
    check(
        "Café e\u{301} 👍 opened. Crowds came.",
        &["Café e\u{301} 👍 opened.", "Crowds came."],
    );
}

#[test]
fn surrounding_whitespace_is_trimmed() {
    check(
        "   Leading spaces.   Trailing spaces.   ",
        &["Leading spaces.", "Trailing spaces."],
    );
}

#[test]
fn windows_style_blank_lines_are_boundaries() {
    check(
        "Headline here\n \nBody text follows.",
        &["Headline here", "Body text follows."],
    );
}

#[test]
fn sentence_starting_with_number() {
    check(
        "Casualties rose. 1,650 incidents were recorded in 2023.",
        &["Casualties rose.", "1,650 incidents were recorded in 2023."],
    );
}

#[test]
fn sentence_starting_with_quote() {
    check(
        "He paused. “We will return,” he said.",
        &["He paused.", "“We will return,” he said."],
    );
}

#[test]
fn et_cetera_mid_sentence() {
    check(
        "Apples, pears, etc. are taxed at 5%.",
        &["Apples, pears, etc. are taxed at 5%."],
    );
}

#[test]
fn empty_and_blank_inputs() {
    check("", &[]);
    check("  \n\n \t ", &[]);
}

#[test]
fn example_article_offsets_are_exact() {
    let body = include_str!("../examples/iran-taliban-consensus.txt");
    let sentences = split_sentences(body);
    assert_eq!(sentences.len(), 10, "title + 9 body sentences");
    for s in &sentences {
        let t = slice_chars(body, s.start, s.end).unwrap();
        assert_eq!(t, t.trim());
        assert!(!t.is_empty());
    }
}

#[test]
fn one_long_line_without_punctuation_is_cut_linearly() {
    let line = "word ".repeat(200_000);
    let sentences = split_sentences(&line);
    assert!(sentences.len() > 100);
    assert!(
        sentences
            .iter()
            .all(|s| s.end - s.start <= factdesk::ingest::split::MAX_SENTENCE_BYTES + 8)
    );
}

/// No text is dropped: a parenthesis after a number mid-sentence is not a list marker,
/// and "b. 1950", "p. 12" do not end sentences.
#[test]
fn numbers_and_brackets_mid_sentence_are_kept() {
    check(
        "Mr. Jones (b. 1950) disagreed. He left.",
        &["Mr. Jones (b. 1950) disagreed.", "He left."],
    );
    check(
        "The U.S. economy grew 3% in 2023 (see p. 12) last year.",
        &["The U.S. economy grew 3% in 2023 (see p. 12) last year."],
    );
    check(
        "Turnout was 61%. 2) The count is disputed.",
        &["Turnout was 61%.", "2) The count is disputed."],
    );
    check(
        "- First item here.\n1. Second item.\n2) Third one.",
        &["First item here.", "Second item.", "Third one."],
    );
}

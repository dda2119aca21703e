//! Property tests: on any text the splitter's offsets are ordered, in range and on text,
//! claims slice the body exactly, and reading arbitrary bytes never panics.

use factdesk::ingest::{propose_claims, read_document, split_sentences, suggest};
use factdesk::text::slice_chars;
use proptest::prelude::*;

/// News-like pieces mixed with awkward characters.
fn newsy() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("Mr. ".to_string()),
        Just("U.S. ".to_string()),
        Just("3.5% ".to_string()),
        Just("1,650 ".to_string()),
        Just("“Quote.” ".to_string()),
        Just("he said. ".to_string()),
        Just("The Council ".to_string()),
        Just("... ".to_string()),
        Just("…".to_string()),
        Just("\n\n".to_string()),
        Just("\n- ".to_string()),
        Just("(ISKP) ".to_string()),
        Just("e\u{301}日本👍 ".to_string()),
        Just("。".to_string()),
        "[a-zA-Z ,.?!'\"]{0,12}",
        any::<char>().prop_map(|c| c.to_string()),
    ];
    prop::collection::vec(piece, 0..40).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn sentences_are_ordered_trimmed_slices(body in newsy()) {
        let mut last = 0;
        for s in split_sentences(&body) {
            prop_assert!(s.start >= last && s.start < s.end);
            let text = slice_chars(&body, s.start, s.end);
            prop_assert!(text.is_some());
            let text = text.unwrap();
            prop_assert_eq!(text, text.trim());
            last = s.end;
        }
    }

    #[test]
    fn claims_slice_the_body(body in newsy()) {
        for c in propose_claims(&body) {
            prop_assert!(c.start < c.end);
            prop_assert!(slice_chars(&body, c.start as usize, c.end as usize).is_some());
        }
        for s in suggest(&body) {
            prop_assert!((0.0..=1.0).contains(&s.score));
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn reading_any_bytes_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..400), html in any::<bool>()) {
        let name = if html { "x.html" } else { "x.txt" };
        if let Ok(doc) = read_document(&bytes, name) {
            prop_assert!(!doc.body.trim().is_empty());
        }
    }
}

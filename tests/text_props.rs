//! Property tests for code point offsets and terminal sanitizing on hostile Unicode:
//! combining marks, ZWJ emoji, CJK, RTL scripts, bidi overrides and control characters.

use factdesk::text::{
    byte_offset, char_offset, find_all_chars, is_needed_joiner, is_unsafe_char, sanitize_line,
    sanitize_multiline, slice_chars,
};
use proptest::prelude::*;

/// Pieces that stress offset arithmetic and display.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zA-Z .,]{0,6}",
        Just("e\u{301}".to_string()),
        Just("日本語".to_string()),
        Just("👩‍👩‍👧".to_string()),
        Just("🇮🇷".to_string()),
        Just("محمد رضایی".to_string()),
        Just("Sinirlioğlu".to_string()),
        Just("“quoted”".to_string()),
        Just("\u{202e}evil\u{202c}".to_string()),
        Just("\x1b[31m".to_string()),
        Just("\u{9b}".to_string()),
        Just("\t\r\n".to_string()),
        Just("\u{2066}\u{200b}\u{feff}".to_string()),
    ]
}

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..12).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn offsets_round_trip(s in text(), a in 0usize..64, b in 0usize..64) {
        let n = s.chars().count();
        let (start, end) = (a.min(b).min(n), a.max(b).min(n));
        let slice = slice_chars(&s, start, end).unwrap();
        prop_assert_eq!(slice.chars().count(), end - start);
        let expected: String = s.chars().skip(start).take(end - start).collect();
        prop_assert_eq!(slice, expected.as_str());
        let byte = byte_offset(&s, start).unwrap();
        prop_assert_eq!(char_offset(&s, byte), start);
        prop_assert!(byte_offset(&s, n + 1).is_none());
    }

    #[test]
    fn every_found_quote_slices_back(s in text(), a in 0usize..40, len in 1usize..8) {
        let n = s.chars().count();
        prop_assume!(n > 0);
        let start = a % n;
        let end = (start + len).min(n);
        let needle = slice_chars(&s, start, end).unwrap().to_string();
        let found = find_all_chars(&s, &needle);
        prop_assert!(found.contains(&start));
        for f in found {
            prop_assert_eq!(slice_chars(&s, f, f + needle.chars().count()).unwrap(), needle.as_str());
        }
    }

    #[test]
    fn sanitized_text_holds_nothing_a_terminal_would_obey(s in text()) {
        let line = sanitize_line(&s);
        prop_assert!(!line.chars().any(|c| is_unsafe_char(c) && !is_needed_joiner(c)));
        let multi = sanitize_multiline(&s);
        prop_assert!(!multi.chars().any(|c| is_unsafe_char(c) && c != '\n' && !is_needed_joiner(c)));
        // Nothing is dropped silently: one character out for each character in.
        prop_assert_eq!(line.chars().count(), s.chars().count());
    }
}

//! Short labels for claims: a figure with what it counts ("1,650 security-related
//! incidents in 2023"), else the first noun phrase ("regional consensus"), with the date
//! the claim is about ("31 July 2022") when it names one.

use super::lang::Lang;
use super::words::{Word, is_auxiliary, strip_possessive};

const MONTHS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

pub fn is_year(w: &Word) -> bool {
    w.lower.len() == 4
        && w.lower.bytes().all(|b| b.is_ascii_digit())
        && matches!(&w.lower[..2], "18" | "19" | "20")
}

fn is_month(w: &Word) -> bool {
    let l = w
        .lower
        .strip_prefix("mid-")
        .or_else(|| w.lower.strip_prefix("early-"))
        .unwrap_or(&w.lower);
    MONTHS.contains(&l) && w.lower != "may" || (w.lower == "may" && w.capitalised)
}

/// The date a claim names: "31 July 2022", "February 2020", "mid-August 2021", "2023".
fn date_span(ws: &[Word]) -> Option<(usize, usize)> {
    if let Some(m) = ws.iter().position(is_month) {
        let a = if m > 0
            && ws[m - 1].lower.len() <= 2
            && ws[m - 1].lower.bytes().all(|b| b.is_ascii_digit())
        {
            m - 1
        } else {
            m
        };
        let mut b = m;
        if ws
            .get(m + 1)
            .is_some_and(|w| w.lower.len() <= 2 && w.lower.bytes().all(|c| c.is_ascii_digit()))
        {
            b = m + 1;
        }
        if ws.get(b + 1).is_some_and(is_year) {
            b += 1;
        }
        return Some((a, b));
    }
    ws.iter().position(is_year).map(|y| (y, y))
}

/// The first figure that is not part of a date or a year ("1,650", "3.5%").
pub fn figure_index(ws: &[Word]) -> Option<usize> {
    let date = date_span(ws);
    let in_date = |i: usize| date.is_some_and(|(a, b)| (a..=b).contains(&i));
    (0..ws.len())
        .find(|&i| ws[i].lower.chars().any(|c| c.is_numeric()) && !in_date(i) && !is_year(&ws[i]))
}

/// A short label for the claim made of `ws`.
pub fn label(body: &str, ws: &[Word], lang: Lang) -> String {
    // A word holding control or bidi characters (a pasted terminal escape, say) is noise
    // in a label, and would only be drawn as �.
    let noisy = |w: &Word| {
        body[w.start..w.end]
            .chars()
            .any(crate::text::is_unsafe_char)
    };
    if !ws.iter().any(noisy) {
        return cap(full_label(body, ws, lang));
    }
    let clean: Vec<Word> = ws.iter().filter(|w| !noisy(w)).cloned().collect();
    cap(full_label(body, &clean, lang))
}

/// The widest label, in terminal columns: a list column, not a sentence. Scripts
/// written without spaces (Chinese, Japanese) give one long "word" per clause, two
/// columns per character.
const MAX_LABEL_COLUMNS: usize = 40;

fn cap(label: String) -> String {
    use unicode_width::UnicodeWidthChar;
    if unicode_width::UnicodeWidthStr::width(label.as_str()) <= MAX_LABEL_COLUMNS {
        return label;
    }
    let mut cut = String::new();
    let mut columns = 0;
    for c in label.chars() {
        columns += c.width().unwrap_or(0);
        if columns > MAX_LABEL_COLUMNS - 1 {
            break;
        }
        cut.push(c);
    }
    // At a word boundary when there is one in the second half.
    if let Some(i) = cut.rfind(' ').filter(|&i| i > cut.len() / 2) {
        cut.truncate(i);
    }
    format!("{}…", cut.trim_end_matches([' ', ',', '、', '，']))
}

fn full_label(body: &str, ws: &[Word], lang: Lang) -> String {
    let date = date_span(ws);
    let in_date = |i: usize| date.is_some_and(|(a, b)| (a..=b).contains(&i));
    let date_text = date.map(|(a, b)| &body[ws[a].start..ws[b].end]);
    if let Some(n) = figure_index(ws) {
        // "8.2%": the per cent sign is trimmed off the word, but it is the figure.
        let percent = body[ws[n].end..]
            .chars()
            .next()
            .filter(|c| matches!(c, '%' | '٪' | '％'))
            .map_or(0, char::len_utf8);
        let mut parts: Vec<&str> = vec![&body[ws[n].start..ws[n].end + percent]];
        for w in ws[n + 1..].iter().take(3) {
            if lang.is_function_word(&w.lower) && w.lower != "of" {
                break;
            }
            parts.push(&body[w.start..w.end]);
            if w.comma_after {
                break;
            }
        }
        if parts.len() == 1 {
            // Nothing counted after the figure ("unemployment fell to 8.2%"): name what
            // it measures from the words just before it.
            if let Some(what) = measured_before(ws, n, lang) {
                parts.insert(0, &body[what.start..what.end]);
            }
        }
        let mut label = parts.join(" ");
        if let Some(d) = date_text.filter(|d| !label.contains(d)) {
            label.push_str(if date.is_some_and(|(a, _)| is_year(&ws[a])) {
                lang.year_preposition()
            } else {
                " "
            });
            label.push_str(d);
        }
        return label;
    }
    // Runs of content words, split at function words.
    let mut runs: Vec<Vec<&Word>> = Vec::new();
    let mut current: Vec<&Word> = Vec::new();
    for (i, w) in ws.iter().enumerate() {
        if lang.is_function_word(&w.lower)
            || is_auxiliary(&w.lower)
            || in_date(i)
            || FILLER.contains(&w.lower.as_str())
        {
            if !current.is_empty() {
                runs.push(std::mem::take(&mut current));
            }
            continue;
        }
        current.push(w);
        if w.comma_after {
            runs.push(std::mem::take(&mut current));
        }
    }
    if !current.is_empty() {
        runs.push(current);
    }
    let cap = if date.is_some() { 3 } else { 5 };
    let mut picked: Vec<&Word> = Vec::new();
    for (n, run) in runs.into_iter().enumerate() {
        if picked.len() >= 3 || (n == 1 && picked.len() >= 2) {
            break;
        }
        picked.extend(run.into_iter().take(cap - picked.len().min(cap)));
    }
    let mut text: Vec<&str> = picked
        .iter()
        .map(|w| strip_possessive(&body[w.start..w.end]))
        .collect();
    if let Some(d) = date_text {
        text.push(d);
    }
    text.join(" ")
}

/// The content word a figure measures, looking back from it over "fell to", "rose by",
/// "reached", "is": the first word that is neither a function word nor such a verb.
fn measured_before(ws: &[Word], figure: usize, lang: Lang) -> Option<&Word> {
    for w in ws[..figure].iter().rev().take(4) {
        let l = w.lower.as_str();
        if matches!(
            l,
            "to" | "by" | "at" | "of" | "about" | "around" | "nearly" | "almost"
        ) || is_auxiliary(l)
            || CHANGE_VERBS.contains(&l)
            || super::lang::is_figure_lead_in(l)
        {
            continue;
        }
        let content = !lang.is_function_word(l) && w.lower.chars().any(char::is_alphabetic);
        return content.then_some(w);
    }
    None
}

/// Verbs that move a figure, skipped when looking for what it measures.
const CHANGE_VERBS: &[&str] = &[
    "fell",
    "rose",
    "grew",
    "dropped",
    "declined",
    "increased",
    "decreased",
    "reached",
    "hit",
    "stood",
    "jumped",
    "climbed",
    "soared",
    "slumped",
    "doubled",
    "tripled",
    "totalled",
    "totaled",
    "exceeded",
    "topped",
    "amounted",
    "fallen",
    "risen",
    "grown",
];

/// Words that frame rather than say something ("a series of", "amid mounting").
const FILLER: &[&str] = &[
    "series",
    "tweets",
    "tweet",
    "statement",
    "interview",
    "following",
    "number",
    "lot",
    "kind",
    "sort",
    "part",
    "remarks",
    "come",
    "comes",
];

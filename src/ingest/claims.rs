//! From a scored sentence to atomic claim proposals: clauses, attribution frames
//! ("X has said that ..."), the claimant (resolved to a full name seen earlier where
//! easy), a short label and the kind of claim. Spans are byte ranges of the body.

use super::claimant::{ArticleContext, subject_before};
use super::features::{self, Scratch};
use super::label::{figure_index, label};
use super::lang::{self, Lang};
use super::words::{Word, is_auxiliary, strip_possessive, words};

/// One proposed claim inside a sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct Proposal {
    pub start: usize,
    pub end: usize,
    pub claimant: String,
    pub label: String,
    pub kind: &'static str,
    pub reasons: Vec<&'static str>,
}

/// The claimant of statements the article makes in its own voice.
pub const ARTICLE: &str = "article";

/// Verbs that introduce reported speech: the claim is what follows.
pub(crate) const SPEECH_VERBS: &[&str] = &[
    "said",
    "says",
    "say",
    "stated",
    "asserted",
    "asserts",
    "claimed",
    "added",
    "noted",
    "argued",
    "argues",
    "argue",
    "contend",
    "contends",
    "allege",
    "alleges",
    "warn",
    "insist",
    "warned",
    "warns",
    "announced",
    "insisted",
    "insists",
    "told",
    "tweeted",
    "wrote",
    "explained",
    "suggested",
    "maintained",
    "acknowledged",
    "admitted",
    "declared",
    "believes",
    "estimated",
    "showing",
    "show",
    "shows",
    "showed",
    "indicating",
    "indicated",
    "found",
    "concluded",
];

/// A verb of saying in English or in one of the other languages [`lang`] knows.
pub(crate) fn is_speech_verb(w: &str) -> bool {
    SPEECH_VERBS.contains(&w) || lang::is_speech_verb(w)
}

/// Verbs whose subject holds a position: the whole clause is the claim, the subject its claimant.
const POSITION_VERBS: &[&str] = &[
    "accused",
    "accuses",
    "criticized",
    "criticised",
    "expressed",
    "recorded",
    "welcomed",
    "condemned",
    "denied",
    "rejected",
    "confirmed",
    "reported",
    "called",
    "urged",
    "demanded",
    "blamed",
    "praised",
    "estimated",
    "registered",
    "documented",
];

const CLAUSE_OPENERS: &[&str] = &[
    "despite", "who", "which", "whose", "where", "calling", "saying", "adding", "although",
    "though", "while", "whereas", "but", "a", "an",
];

/// Words that open an adverbial frame before a subject ("In a series of tweets ...,").
const FRAME_OPENERS: &[&str] = &[
    "in",
    "after",
    "following",
    "during",
    "at",
    "before",
    "on",
    "while",
    "when",
    "speaking",
    "since",
    "upon",
];

/// Clause openers that continue the previous speaker's statement.
const CONTINUING: &[&str] = &[
    "calling",
    "saying",
    "adding",
    "urging",
    "warning",
    "arguing",
    "insisting",
];

/// Minimum words in a clause of its own; shorter pieces stay with their neighbour.
const MIN_CLAUSE_WORDS: usize = 4;

/// Proposes the claims of the sentence `body[start..end]`.
pub fn propose_sentence(
    body: &str,
    start: usize,
    end: usize,
    ctx: &mut ArticleContext,
    scratch: &mut Scratch,
) -> Vec<Proposal> {
    let ws = words(body, start, end);
    if let Some((speaker, statement)) = super::cjk::attribution(body, start, end) {
        let claimant = ctx.resolve(&body[speaker.0..speaker.1]);
        let statement_words = words(body, statement.0, statement.1);
        features::extract(&body[statement.0..statement.1], scratch);
        let mut reasons = scratch.features.names();
        reasons.push("attribution_frame");
        return vec![tidy(Proposal {
            start: statement.0,
            end: statement.1,
            claimant,
            label: label(body, &statement_words, ctx.lang),
            kind: kind_of(scratch.features.flags, &statement_words, false, true),
            reasons,
        })];
    }
    let article_lang = ctx.lang;
    ctx.lang = article_lang.for_sentence(&body[start..end]);
    let out = propose_words(body, &ws, ctx, scratch);
    ctx.lang = article_lang;
    ctx.learn_names(body, &ws);
    out.into_iter().map(tidy).collect()
}

/// A proposal's claimant and label without the invisible direction marks a pasted
/// name may carry ("وزیر \u{2066}John Smith\u{2069}"): a name cut out of such text
/// kept the opening mark and lost the closing one, leaving an unbalanced control
/// character in reports and published ClaimReview markup. (The quote, the article's
/// own text, keeps them; the workbench shows them.)
fn tidy(mut p: Proposal) -> Proposal {
    use crate::text::is_hidden_char;
    for text in [&mut p.claimant, &mut p.label] {
        if text.chars().any(is_hidden_char) {
            let kept: String = text.chars().filter(|c| !is_hidden_char(*c)).collect();
            *text = kept.split_whitespace().collect::<Vec<_>>().join(" ");
        }
    }
    p
}

fn propose_words(
    body: &str,
    ws: &[Word],
    ctx: &mut ArticleContext,
    scratch: &mut Scratch,
) -> Vec<Proposal> {
    let mut out = Vec::new();
    for clause in clauses(ws) {
        let cw = &ws[clause.0..clause.1];
        let Some(mut found) = propose_clause(body, cw, ctx, scratch) else {
            continue;
        };
        // "..., calling for ...": the clause goes on with the previous speaker's words.
        let continues = cw
            .first()
            .is_some_and(|w| CONTINUING.contains(&w.lower.as_str()));
        let speaker = out
            .last()
            .map(|p: &Proposal| p.claimant.clone())
            .filter(|c| c != ARTICLE);
        if let (true, Some(speaker)) = (continues, speaker) {
            for p in found.iter_mut().filter(|p| p.claimant == ARTICLE) {
                p.claimant = speaker.clone();
                p.kind = "attributed statement";
                p.reasons.push("attribution_frame");
            }
        }
        out.append(&mut found);
    }
    if out.is_empty() && !ws.is_empty() {
        // Nothing stood out in any clause: the sentence as a whole, in the article's voice.
        let (s, e) = figure_span(body, ws[0].start, ws[ws.len() - 1].end);
        features::extract(&body[s..e], scratch);
        out.push(Proposal {
            start: s,
            end: e,
            claimant: ARTICLE.to_string(),
            label: label(body, ws, ctx.lang),
            kind: kind_of(scratch.features.flags, ws, false, false),
            reasons: scratch.features.names(),
        });
    }
    out
}

/// Clause boundaries as word index ranges.
fn clauses(ws: &[Word]) -> Vec<(usize, usize)> {
    let mut cuts = vec![0];
    for i in 0..ws.len().saturating_sub(1) {
        if ws[i].comma_after && CLAUSE_OPENERS.contains(&ws[i + 1].lower.as_str()) {
            let last = *cuts.last().unwrap_or(&0);
            let this_len = i + 1 - last;
            let next_len = ws[i + 1..].iter().take_while(|w| !w.comma_after).count() + 1;
            if this_len >= MIN_CLAUSE_WORDS && next_len >= 3 {
                cuts.push(i + 1);
            }
        }
    }
    cuts.push(ws.len());
    cuts.windows(2)
        .map(|w| (w[0], w[1]))
        .filter(|(a, b)| b > a)
        .collect()
}

/// The claims of one clause: the statement after an attribution frame, a position
/// held by its subject, or the clause in the article's own voice.
fn propose_clause(
    body: &str,
    ws: &[Word],
    ctx: &mut ArticleContext,
    scratch: &mut Scratch,
) -> Option<Vec<Proposal>> {
    if ws.len() < 3 {
        return None;
    }
    let mut out = Vec::new();
    let lang = ctx.lang;
    let make = |s: usize,
                e: usize,
                claimant: String,
                quoted: bool,
                attributed: bool,
                scratch: &mut Scratch| {
        let span_words: Vec<Word> = ws
            .iter()
            .filter(|w| w.start >= s && w.end <= e)
            .cloned()
            .collect();
        let (s, e) = figure_span(body, s, e);
        features::extract(&body[s..e], scratch);
        let flags = scratch.features.flags;
        let mut reasons = scratch.features.names();
        if attributed {
            reasons.push("attribution_frame");
        }
        Proposal {
            start: s,
            end: e,
            claimant,
            label: label(body, &span_words, lang),
            kind: kind_of(flags, &span_words, quoted, attributed),
            reasons,
        }
    };
    let clause_end = ws[ws.len() - 1].end;
    // "according to X, ...", "según X, ...", "به گفته X، ..."
    if ws.len() > 4
        && let Some(n) = lang::according_to(ws.iter().map(|w| w.lower.as_str()))
        && let Some(k) = ws
            .iter()
            .position(|w| w.comma_after)
            .filter(|&k| k >= n && k + 2 < ws.len())
    {
        let (a, b) = super::claimant::narrow_subject(ws, n, k, lang);
        let claimant = ctx.resolve(&body[ws[a].start..ws[b].end]);
        out.push(make(
            ws[k + 1].start,
            clause_end,
            claimant,
            false,
            true,
            scratch,
        ));
        return Some(out);
    }
    // "..., according to the Bureau of Labor Statistics." (and "..., según X."): the
    // source comes last.
    if let Some((k, n)) = (3..ws.len()).find_map(|k| {
        lang::according_to(ws[k..].iter().map(|w| w.lower.as_str()))
            .filter(|&n| ws[k - 1].comma_after && (1..=8).contains(&(ws.len() - (k + n))))
            .map(|n| (k, n))
    }) {
        let (a, b) = super::claimant::narrow_subject(ws, k + n, ws.len() - 1, lang);
        let claimant = ctx.resolve(&body[ws[a].start..ws[b].end]);
        let e = trim_closing(body, ws[0].start, ws[k - 1].end);
        out.push(make(ws[0].start, e, claimant, false, true, scratch));
        return Some(out);
    }
    for (v, w) in ws.iter().enumerate() {
        // "وقال الوزير إن ...": the verb first, its subject up to the word opening the
        // statement.
        if lang::is_verb_first_speech(&w.lower)
            && let Some(k) = (v + 2..ws.len().min(v + 9))
                .find(|&k| lang::is_complementizer(&ws[k].lower))
                .filter(|&k| ws.len() - k > 3)
        {
            let (a, b) = super::claimant::narrow_subject(ws, v + 1, k - 1, lang);
            let claimant = ctx.resolve(&body[ws[a].start..ws[b].end]);
            let e = trim_closing(body, ws[k + 1].start, clause_end);
            out.push(make(ws[k + 1].start, e, claimant, false, true, scratch));
            return Some(out);
        }
        let speech = is_speech_verb(&w.lower);
        let position = POSITION_VERBS.contains(&w.lower.as_str());
        if !(speech || position) || v == 0 {
            continue;
        }
        let passive = ws[..v]
            .last()
            .is_some_and(|p| matches!(p.lower.as_str(), "been" | "was" | "were" | "is" | "be"));
        let subject = subject_before(ws, v, lang);
        if speech && !passive {
            // "X said that ...", "X said “...”", "reports showing ..."
            let mut c = v + 1;
            while c < ws.len() && is_auxiliary(&ws[c].lower) {
                c += 1;
            }
            if c < ws.len() && lang::is_complementizer(&ws[c].lower) && !ws[c].quote_before {
                c += 1;
            } else if let Some(j) = statement_after_frame(ws, v, c) {
                c = j;
            }
            // "“...,” said Federal Reserve Chair Jerome Powell.": the quote first, then the
            // verb, then the speaker.
            let tail = ws.len() - (v + 1);
            if v >= 3 && ws[v - 1].comma_after && ws[0].quote_before && (1..=6).contains(&tail) {
                let (a, b) = super::claimant::narrow_subject(ws, v + 1, ws.len() - 1, lang);
                let claimant = ctx.resolve(&body[ws[a].start..ws[b].end]);
                let e = trim_closing(body, ws[0].start, ws[v - 1].end);
                out.push(make(ws[0].start, e, claimant, true, true, scratch));
                return Some(out);
            }
            // "“...,” X said." / "“...,” the president told reporters.": the statement
            // comes first, the verb (and a short object) last.
            // Unquoted too: "…, the governor told reporters." / "…, X said on Tuesday."
            // (a short object or time, no "that" and no comma: not "The plan, the
            // minister said, costs …").
            let circumstance = || {
                !ws[v].comma_after
                    && ws[v + 1..ws.len() - 1].iter().all(|w| !w.comma_after)
                    && ws[v + 1..]
                        .iter()
                        .all(|w| !lang::is_complementizer(&w.lower))
            };
            if (tail == 0 || (tail <= 3 && (ws[0].quote_before || circumstance())))
                && let Some((a, b)) = subject
                && let Some(k) = ws[..a]
                    .iter()
                    .rposition(|w| w.comma_after)
                    .filter(|&k| k >= 2)
            {
                let claimant = ctx.resolve(&body[ws[a].start..ws[b].end]);
                let e = trim_closing(body, ws[0].start, ws[k].end);
                out.push(make(
                    ws[0].start,
                    e,
                    claimant,
                    ws[0].quote_before,
                    true,
                    scratch,
                ));
                return Some(out);
            }
            if ws.len() - c >= 2 {
                // "qu'il ..." (French): the statement starts after the apostrophe.
                let from = match lang::elided_complementizer(&ws[c].lower) {
                    Some(_) => {
                        body[ws[c].start..ws[c].end]
                            .find(['\'', '’'])
                            .map_or(ws[c].start, |i| {
                                ws[c].start
                                    + i
                                    + body[ws[c].start + i..]
                                        .chars()
                                        .next()
                                        .map_or(1, char::len_utf8)
                            })
                    }
                    None => ws[c].start,
                };
                let quoted = ws[c].quote_before;
                let claimant = match subject {
                    Some((a, b)) => ctx.resolve(&body[ws[a].start..ws[b].end]),
                    None => ARTICLE.to_string(),
                };
                // A long frame before the subject ("After meeting X in Y, the minister said")
                // is itself an event worth a claim.
                let frame_end =
                    subject.and_then(|(a, _)| ws[..a].iter().rposition(|w| w.comma_after));
                if let Some(k) = frame_end
                    && k >= 4
                    && FRAME_OPENERS.contains(&ws[0].lower.as_str())
                {
                    let mut frame = make(
                        ws[0].start,
                        ws[k].end,
                        ARTICLE.to_string(),
                        false,
                        false,
                        scratch,
                    );
                    if frame.kind == "claim" {
                        frame.kind = "event";
                    }
                    out.push(frame);
                }
                let e = trim_closing(body, from, clause_end);
                out.push(make(from, e, claimant, quoted, true, scratch));
                return Some(out);
            }
        }
        if position
            && !passive
            && let Some((a, b)) = subject
        {
            let claimant = ctx.resolve(&body[ws[a].start..ws[b].end]);
            let e = trim_closing(body, ws[0].start, clause_end);
            let mut p = make(ws[0].start, e, claimant, false, true, scratch);
            if let Some(l) = position_label(body, ws, (a, b), v, &p, lang) {
                p.label = l;
            }
            out.push(p);
            return Some(out);
        }
    }
    // In the article's own voice: only clauses with something checkable in them.
    features::extract(&body[ws[0].start..clause_end], scratch);
    if scratch.features.flags & CHECKABLE == 0 {
        return None;
    }
    let e = trim_closing(body, ws[0].start, clause_end);
    out.push(make(
        ws[0].start,
        e,
        ARTICLE.to_string(),
        false,
        false,
        scratch,
    ));
    Some(out)
}

/// Verbs of saying that take the listener as an object ("told the BBC that").
const TOLD: &[&str] = &[
    "told", "tells", "tell", "informed", "assured", "reminded", "warned",
];

/// "told the BBC that ...", "said in a statement that ...", "wrote on X that ...": where
/// the statement starts when a listener or a short frame sits between the verb at `v`
/// and "that" (up to four words from `c`, no comma between).
fn statement_after_frame(ws: &[Word], v: usize, c: usize) -> Option<usize> {
    let frame = c < ws.len()
        && (TOLD.contains(&ws[v].lower.as_str())
            || matches!(
                ws[c].lower.as_str(),
                "in" | "on" | "at" | "to" | "during" | "via" | "after" | "before" | "through"
            ));
    if !frame {
        return None;
    }
    (c + 1..ws.len().min(c + 5))
        .take_while(|&j| !ws[j - 1].comma_after)
        .find(|&j| lang::is_complementizer(&ws[j].lower) && !ws[j].quote_before)
        .map(|j| j + 1)
        .filter(|&start| ws.len() - start >= 3)
}

/// Features that make a clause worth checking on its own.
const CHECKABLE: u64 = features::NUMBER
    | features::YEAR
    | features::DATE
    | features::NAMED_ENTITY
    | features::EVENT
    | features::CHANGE
    | features::COMPARATIVE
    | features::SUPERLATIVE
    | features::ATTRIBUTION
    | features::CAUSAL;

/// Ends a claim before trailing closing quotes, full stops and whitespace.
fn trim_closing(body: &str, start: usize, end: usize) -> usize {
    let s = &body[start..end];
    let trimmed = s.trim_end_matches(|c: char| {
        c.is_whitespace() || matches!(c, '”' | '"' | '’' | '\'' | '.' | ',')
    });
    start + trimmed.len()
}

/// The kind of claim, from what its text holds.
fn kind_of(flags: u64, ws: &[Word], quoted: bool, attributed: bool) -> &'static str {
    let figure = flags & (features::PERCENT | features::MONEY | features::QUANTITY) != 0
        || figure_index(ws).is_some();
    if figure {
        "statistic"
    } else if quoted {
        "quote"
    } else if attributed {
        "attributed statement"
    } else if flags & (features::YEAR | features::DATE) != 0 {
        "event/date"
    } else if flags & (features::COMPARATIVE | features::SUPERLATIVE) != 0 {
        "comparison"
    } else if flags & features::CAUSAL != 0 {
        "causal"
    } else if flags & features::EVENT != 0 {
        "event"
    } else {
        "claim"
    }
}

/// A claim's span over the signs its first and last figures carry: words are letters
/// and digits, so "$5m" began at the 5 and "9%" ended at the 9 ("inflation was 5%,
/// not 9" is another claim). Also takes a closing bracket the span opened.
pub(crate) fn figure_span(body: &str, start: usize, end: usize) -> (usize, usize) {
    const BEFORE: &[char] = &[
        '$', '£', '€', '¥', '₹', '₽', '₺', '﷼', '−', '-', '+', '#', '№',
    ];
    const AFTER: &[char] = &['%', '‰', '٪', '％', '°', '€', '£', '$'];
    let mut s = start;
    while let Some(c) = body[..s].chars().next_back().filter(|c| BEFORE.contains(c)) {
        // Only a sign that opens the word ("-3%", not "well-known" cut at the hyphen).
        let before = body[..s - c.len_utf8()].chars().next_back();
        if before.is_some_and(char::is_alphanumeric) {
            break;
        }
        s -= c.len_utf8();
    }
    let mut e = end;
    while let Some(c) = body[e..].chars().next().filter(|c| AFTER.contains(c)) {
        e += c.len_utf8();
    }
    (s, balance_brackets(body, s, e))
}

/// Extends a span over a closing bracket its text opened ("(ISKP" -> "(ISKP)").
fn balance_brackets(body: &str, start: usize, end: usize) -> usize {
    let text = &body[start..end];
    let open = text.matches('(').count();
    let close = text.matches(')').count();
    if open > close && body[end..].starts_with(')') {
        end + 1
    } else {
        end
    }
}

/// "Who did what to whom" for a held position ("US accused Taliban", "Pakistan welcomed
/// move"), when the subject is short and the claim has no figure to lead with.
fn position_label(
    body: &str,
    ws: &[Word],
    subject: (usize, usize),
    verb: usize,
    p: &Proposal,
    lang: Lang,
) -> Option<String> {
    let (a, b) = subject;
    if b + 1 - a > 3 || p.kind == "statistic" {
        return None;
    }
    let content = |w: &&Word| !lang.is_function_word(&w.lower) && !is_auxiliary(&w.lower);
    let object = ws[verb + 1..]
        .iter()
        .find(content)
        .or_else(|| ws[..a].iter().rev().find(content))?;
    let subject_text = strip_possessive(&body[ws[a].start..ws[b].end]);
    let subject_text = subject_text.strip_prefix("The ").unwrap_or(subject_text);
    Some(format!(
        "{} {} {}",
        subject_text,
        &body[ws[verb].start..ws[verb].end],
        strip_possessive(&body[object.start..object.end])
    ))
}

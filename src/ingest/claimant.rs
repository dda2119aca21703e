//! Who makes a claim: the subject before an attribution verb, narrowed to its name, and
//! resolved across the article ("the Iranian diplomat", "Qomi" -> "Hassan Kazemi Qomi").

use super::claims::is_speech_verb;
use super::lang::{self, Lang};
use super::words::{Word, is_auxiliary, strip_possessive};

/// What the proposer remembers across the sentences of one article.
#[derive(Debug, Default)]
pub struct ArticleContext {
    /// Multi-word capitalised names seen so far ("Hassan Kazemi Qomi").
    names: Vec<String>,
    /// The last person named as a claimant, for "the diplomat", "he".
    last_person: Option<String>,
    /// The role nouns of the sentences that named `last_person` ("Mayor Jane Doe said":
    /// mayor). "The police chief" after them is someone else, not the mayor.
    person_roles: Vec<&'static str>,
    /// Who spoke last, named or by role ("police chief"), for "he" and "she".
    last_speaker: Option<String>,
    /// The article's language, for its function words.
    pub lang: Lang,
}

/// Nouns that refer back to a person named earlier ("the Iranian diplomat").
const ROLE_NOUNS: &[&str] = &[
    "ambassador",
    "diplomat",
    "minister",
    "official",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "president",
    "envoy",
    "leader",
    "chief",
    "secretary",
    "senator",
    "governor",
    "mayor",
    "he",
    "she",
    "general",
    "commander",
    "director",
    "author",
    "researcher",
    "professor",
    "premier",
    "chancellor",
    "head",
    "chairman",
    "chairwoman",
    "chair",
    "founder",
    "adviser",
    "advisor",
    "analyst",
    "economist",
    "representative",
    "deputy",
    "coordinator",
    "prosecutor",
    "correspondent",
];

/// Role nouns that can name the same person ("Ambassador Qomi" is later "the Iranian
/// diplomat"). A noun outside every group matches only itself.
const SAME_ROLE: &[&[&str]] = &[
    &[
        "ambassador",
        "diplomat",
        "envoy",
        "representative",
        "coordinator",
    ],
    &["spokesman", "spokeswoman", "spokesperson"],
    &[
        "chairman",
        "chairwoman",
        "chair",
        "head",
        "leader",
        "founder",
    ],
    &[
        "minister",
        "secretary",
        "premier",
        "chancellor",
        "president",
    ],
    &[
        "adviser",
        "advisor",
        "analyst",
        "economist",
        "researcher",
        "professor",
        "author",
    ],
    &["general", "commander"],
];

/// Whether a role noun in a claimant phrase can mean a person known by `roles`.
fn same_person(noun: &str, roles: &[&str]) -> bool {
    // A pronoun, "the official", or a person of unknown role: the last one named.
    if matches!(noun, "he" | "she" | "official") || roles.is_empty() {
        return true;
    }
    roles.iter().any(|&r| {
        r == noun
            || SAME_ROLE
                .iter()
                .any(|group| group.contains(&r) && group.contains(&noun))
    })
}

impl ArticleContext {
    /// A fresh context for an article whose whole text is `body`.
    pub fn for_text(body: &str) -> Self {
        Self {
            lang: Lang::detect(body),
            ..Self::default()
        }
    }

    /// Remembers the capitalised names in a sentence, for later surname look-ups.
    pub fn learn_names(&mut self, body: &str, ws: &[Word]) {
        self.learn_roles(ws);
        let mut i = 0;
        while i < ws.len() {
            if !ws[i].capitalised || i == 0 && self.lang.is_function_word(&ws[i].lower) {
                i += 1;
                continue;
            }
            let mut j = i;
            while j + 1 < ws.len() && ws[j + 1].capitalised && !ws[j].comma_after && j + 1 - i < 4 {
                j += 1;
            }
            if j > i {
                let name = strip_possessive(&body[ws[i].start..ws[j].end]).to_string();
                if !self.names.contains(&name) {
                    self.names.push(name);
                }
            }
            i = j + 1;
        }
    }

    /// Remembers the role nouns of a sentence that names the last person (by surname).
    fn learn_roles(&mut self, ws: &[Word]) {
        let Some(surname) = self
            .last_person
            .as_deref()
            .and_then(|p| p.rsplit(' ').next())
            .map(str::to_lowercase)
        else {
            return;
        };
        if !ws.iter().any(|w| strip_possessive(&w.lower) == surname) {
            return;
        }
        for w in ws {
            if let Some(&role) = ROLE_NOUNS
                .iter()
                .find(|&&r| r == w.lower && !matches!(r, "he" | "she"))
                && !self.person_roles.contains(&role)
            {
                self.person_roles.push(role);
            }
        }
    }

    /// Resolves a claimant phrase: roles and pronouns to the last person, a bare surname
    /// to the full name seen earlier, a leading "the" dropped.
    pub(crate) fn resolve(&mut self, phrase: &str) -> String {
        let phrase = strip_possessive(phrase.trim());
        let lower = phrase.to_lowercase();
        let last_word = lower.rsplit(' ').next().unwrap_or_default();
        // "the Iranian diplomat", "Iranian diplomat", "he": a role, not a name.
        let role_in_lower_case = phrase
            .rsplit(' ')
            .next()
            .is_some_and(|w| w.chars().next().is_some_and(char::is_lowercase));
        // "He said" opens a sentence: a pronoun all the same, for the last one who spoke
        // ("The police chief said …. He added …": the police chief).
        if matches!(lower.as_str(), "he" | "she")
            && let Some(p) = self.last_speaker.as_ref().or(self.last_person.as_ref())
        {
            return p.clone();
        }
        let is_role = role_in_lower_case && ROLE_NOUNS.contains(&last_word);
        if is_role
            && let Some(p) = &self.last_person
            && same_person(last_word, &self.person_roles)
        {
            self.last_speaker = Some(p.clone());
            return p.clone();
        }
        let mut resolved = phrase
            .strip_prefix("The ")
            .or_else(|| phrase.strip_prefix("the "))
            .unwrap_or(phrase);
        if !resolved.contains(' ') && resolved.chars().next().is_some_and(char::is_uppercase) {
            let suffix = format!(" {resolved}");
            if let Some(full) = self.names.iter().find(|n| n.ends_with(&suffix)) {
                resolved = full;
            }
        }
        let resolved = resolved.to_string();
        let capital_words = resolved
            .split(' ')
            .filter(|w| w.chars().next().is_some_and(char::is_uppercase));
        let all_capital = capital_words.count() == resolved.split(' ').count();
        let organisation = [
            "Council",
            "Ministry",
            "Agreement",
            "States",
            "Nations",
            "Union",
            "Government",
        ]
        .iter()
        .any(|o| resolved.contains(o));
        if all_capital && resolved.contains(' ') && !organisation {
            if self.last_person.as_ref() != Some(&resolved) {
                self.person_roles.clear();
            }
            self.last_person = Some(resolved.clone());
            self.last_speaker = Some(resolved.clone());
        } else if is_role {
            self.last_speaker = Some(resolved.clone());
        }
        resolved
    }
}

/// The subject of the verb at `v`: the words after the last comma before it, without
/// auxiliaries ("The ambassador, Hassan Kazemi Qomi, has said" -> "Hassan Kazemi Qomi";
/// "Jean Dupont a déclaré" -> "Jean Dupont").
pub(crate) fn subject_before(ws: &[Word], v: usize, lang: Lang) -> Option<(usize, usize)> {
    let mut b = v;
    if b > 1 && is_speech_verb(&ws[v].lower) && lang::is_perfect_auxiliary(&ws[b - 1].lower) {
        b -= 1;
    }
    while b > 0 && is_auxiliary(&ws[b - 1].lower) {
        b -= 1;
    }
    if b == 0 {
        return None;
    }
    let b = b - 1;
    let mut a = b;
    while a > 0 && !ws[a - 1].comma_after && b - a < 8 {
        a -= 1;
    }
    // A subject is a noun phrase: it holds no verb of saying and does not start mid-quote.
    if ws[a..=b].iter().any(|w| is_speech_verb(&w.lower)) {
        return None;
    }
    // "Hassan Kazemi Qomi, Iran's special envoy for Afghanistan, said": the segment
    // before the verb describes a role; the name before it is the speaker.
    if let Some(name) = named_before_role(ws, a, b) {
        return Some(name);
    }
    Some(narrow_subject(ws, a, b, lang))
}

/// For a role description `ws[a..=b]` set off by commas after a name, that name.
fn named_before_role(ws: &[Word], a: usize, b: usize) -> Option<(usize, usize)> {
    let is_role = ws[a..=b]
        .iter()
        .any(|w| !w.capitalised && ROLE_NOUNS.contains(&w.lower.as_str()));
    if a < 2 || !ws[a - 1].comma_after || !is_role {
        return None;
    }
    let end = a - 1;
    let mut start = end;
    while start > 0 && !ws[start - 1].comma_after && end - start < 4 {
        start -= 1;
    }
    // The name opens the clause: mid-sentence, "…, Feridun Sinirlioğlu, the Iranian
    // diplomat said" names someone else, the appositive of what came before.
    let name = ws[start..=end].iter().all(|w| w.capitalised);
    (start == 0 && name && end > start).then_some((start, end))
}

/// Narrows a subject to its name: leading function words go ("despite reports" ->
/// "reports"), and a subject ending in a capitalised name is that name ("a move
/// Pakistan" -> "Pakistan"; "The UN Security Council" -> "UN Security Council"). In
/// scripts without capitals (Persian, Arabic) the name is the first run of content
/// words ("قمی در این دیدار" -> "قمی").
pub(crate) fn narrow_subject(ws: &[Word], a: usize, b: usize, lang: Lang) -> (usize, usize) {
    let mut a = a;
    while a < b && lang.is_function_word(&ws[a].lower) {
        a += 1;
    }
    if matches!(lang, Lang::Fa | Lang::Ar) {
        let run = ws[a..=b]
            .iter()
            .position(|w| lang.is_function_word(&w.lower))
            .unwrap_or(b + 1 - a);
        return (a, a + run.max(1) - 1);
    }
    if ws[b].capitalised {
        let mut n = b;
        while n > a
            && (ws[n - 1].capitalised
                || (matches!(ws[n - 1].lower.as_str(), "of" | "for")
                    && n - 1 > a
                    && ws[n - 2].capitalised))
        {
            n -= 1;
        }
        // "Officials in Kabul", "police from Lagos": the name places the speakers, it is
        // not them.
        let placed = n > a + 1 && matches!(ws[n - 1].lower.as_str(), "in" | "from" | "at");
        if !placed {
            a = n;
        }
    }
    (a, b)
}

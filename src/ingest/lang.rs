//! The words of attribution in the languages newsrooms most often check besides
//! English: who said it ("dijo", "a déclaré", "sagte", "گفت", "قال") and where the
//! statement starts ("que", "dass", "که", "إن"). One article is one language for its
//! function words (labels, subjects); verbs and connectives are recognised in any.

/// The language of an article, as far as labels and claimants care.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Lang {
    #[default]
    En,
    Es,
    Fr,
    De,
    Pt,
    Fa,
    Ar,
}

/// Function words per language: skipped in labels, trimmed off subjects. They apply to
/// articles in that language only, so German "die" never hides English "die".
const FUNCTION_WORDS: &[(Lang, &[&str])] = &[
    (
        Lang::Es,
        &[
            "el", "la", "los", "las", "un", "una", "unos", "unas", "de", "del", "al", "en", "y",
            "o", "que", "por", "para", "con", "se", "su", "sus", "es", "fue", "ha", "han", "lo",
            "como", "más", "pero", "desde", "entre", "sobre", "según", "este", "esta", "estos",
            "estas", "ese", "esa", "hay", "muy", "ya", "le", "les",
        ],
    ),
    (
        Lang::Fr,
        &[
            "le", "la", "les", "l'", "un", "une", "des", "du", "de", "d'", "et", "ou", "en",
            "dans", "par", "pour", "sur", "au", "aux", "que", "qui", "est", "a", "ont", "sont",
            "été", "son", "sa", "ses", "il", "elle", "ils", "elles", "depuis", "selon", "plus",
            "ce", "cette", "ces", "leur", "leurs", "avec", "pas", "ne", "se", "y",
        ],
    ),
    (
        Lang::De,
        &[
            "der", "die", "das", "den", "dem", "des", "ein", "eine", "einen", "einem", "einer",
            "und", "oder", "im", "mit", "von", "vom", "zu", "zum", "zur", "für", "auf", "bei",
            "nach", "seit", "um", "dass", "ist", "sind", "war", "hat", "haben", "wird", "wurde",
            "nicht", "sich", "sei", "auch", "als", "wie", "es", "sie", "er", "aus",
        ],
    ),
    (
        Lang::Pt,
        &[
            "o", "os", "a", "as", "um", "uma", "de", "do", "da", "dos", "das", "em", "no", "na",
            "nos", "nas", "e", "ou", "que", "por", "para", "com", "se", "seu", "sua", "foi", "é",
            "ao", "aos", "pelo", "pela", "mais", "mas", "desde", "entre", "sobre", "segundo", "já",
        ],
    ),
    (
        Lang::Fa,
        &[
            "در", "به", "از", "که", "و", "را", "با", "این", "آن", "برای", "تا", "است", "بود", "یک",
            "می", "هم", "نیز", "شد", "شده", "بر", "های", "ها", "اما", "یا", "هر",
        ],
    ),
    (
        Lang::Ar,
        &[
            "في", "من", "إلى", "الى", "على", "عن", "أن", "إن", "ان", "و", "مع", "هذا", "هذه",
            "التي", "الذي", "قد", "كان", "كانت", "أو", "ما", "لا", "بعد", "قبل", "منذ", "حتى",
        ],
    ),
];

/// Verbs of saying outside English (finite forms as news reports use them): the
/// statement follows, the subject before them is the claimant.
const SPEECH_VERBS: &[&str] = &[
    // Spanish
    "dijo",
    "afirmó",
    "declaró",
    "aseguró",
    "señaló",
    "explicó",
    "indicó",
    "sostuvo",
    "advirtió",
    "anunció",
    "añadió",
    "agregó",
    "reconoció",
    "subrayó",
    "dice",
    "afirma",
    "asegura",
    "señala",
    "sostiene",
    "advierte",
    "dicho",
    "afirmado",
    "declarado",
    // French (participles after "a"/"ont")
    "déclaré",
    "affirmé",
    "dit",
    "assuré",
    "expliqué",
    "indiqué",
    "souligné",
    "annoncé",
    "ajouté",
    "estimé",
    "averti",
    "reconnu",
    "déclare",
    "affirme",
    "assure",
    "estime",
    "explique",
    "souligne",
    "ajoute",
    // German
    "sagte",
    "erklärte",
    "betonte",
    "behauptete",
    "warnte",
    "kündigte",
    "teilte",
    "räumte",
    "sagt",
    "erklärt",
    "betont",
    "behauptet",
    "gesagt",
    // Portuguese
    "disse",
    "afirmou",
    "declarou",
    "garantiu",
    "explicou",
    "indicou",
    "anunciou",
    "acrescentou",
    "alertou",
    "diz",
    "afirma",
    "garante",
    // Persian
    "گفت",
    "افزود",
    "گفته",
    "می\u{200c}گوید",
    "میگوید",
    "تصریح",
    // Arabic, after the subject
    "قال",
    "أكد",
    "أعلن",
    "أضاف",
    "صرح",
    "أوضح",
    "يقول",
    "قالت",
    "أكدت",
    "أعلنت",
];

/// Arabic verbs of saying as they open a sentence, "and" prefixed or not: the subject
/// follows the verb ("وقال الوزير إن ..." = "and the minister said that ...").
const VERB_FIRST_SPEECH: &[&str] = &[
    "قال",
    "وقال",
    "أكد",
    "وأكد",
    "أعلن",
    "وأعلن",
    "أضاف",
    "وأضاف",
    "صرح",
    "وصرح",
    "أوضح",
    "وأوضح",
    "قالت",
    "وقالت",
    "أكدت",
    "وأكدت",
    "أعلنت",
    "وأعلنت",
    "أشار",
    "وأشار",
];

/// Words that open the reported statement after a verb of saying.
const COMPLEMENTIZERS: &[&str] = &["that", "que", "dass", "که", "أن", "إن", "ان", "بأن"];

/// Auxiliaries of the perfect between a subject and its participle ("Dupont a déclaré",
/// "Pérez ha dicho"); only ever skipped right before a verb of saying.
const PERFECT_AUXILIARIES: &[&str] = &["a", "ont", "ha", "han", "hat", "haben", "tem", "têm"];

/// Verbs that move a figure and the words that lead into it ("subió a", "caiu",
/// "um ... gesunken"), skipped when a label looks for what the figure measures.
const FIGURE_LEAD_INS: &[&str] = &[
    // Spanish
    "subió",
    "bajó",
    "cayó",
    "creció",
    "aumentó",
    "disminuyó",
    "alcanzó",
    "llegó",
    "superó",
    "un",
    "una",
    "a",
    "hasta",
    "casi",
    "unos",
    "unas",
    // Portuguese
    "caiu",
    "subiu",
    "cresceu",
    "aumentou",
    "diminuiu",
    "atingiu",
    "chegou",
    "um",
    "uma",
    "para",
    "quase",
    "cerca",
    // French
    "augmenté",
    "baissé",
    "chuté",
    "atteint",
    "progressé",
    "reculé",
    "grimpé",
    "une",
    "à",
    "près",
    "environ",
    "presque",
    // German
    "stieg",
    "sank",
    "fiel",
    "wuchs",
    "erreichte",
    "gestiegen",
    "gesunken",
    "gefallen",
    "auf",
    "rund",
    "fast",
    "knapp",
    "etwa",
];

/// Openers of "according to X, ...": each as its words.
const ACCORDING_TO: &[&[&str]] = &[
    &["according", "to"],
    &["según"],
    &["selon"],
    &["segundo"],
    &["laut"],
    &["به", "گفته"],
    &["بحسب"],
    &["وبحسب"],
];

impl Lang {
    /// The language of `text`, from its letters (Persian and Arabic) and function
    /// words (the others); English when nothing else stands out.
    pub fn detect(text: &str) -> Lang {
        let sample: String = text.chars().take(4000).collect();
        let persian = sample
            .chars()
            .filter(|c| matches!(c, 'پ' | 'چ' | 'ژ' | 'گ' | 'ی' | 'ک'))
            .count();
        let arabic_only = sample
            .chars()
            .filter(|c| matches!(c, 'ة' | 'ي' | 'ك' | 'ى'))
            .count();
        let arabic_script = sample
            .chars()
            .filter(|c| ('\u{600}'..='\u{6ff}').contains(c))
            .count();
        let latin = sample.chars().filter(|c| c.is_ascii_alphabetic()).count();
        if arabic_script > latin {
            return if persian >= arabic_only {
                Lang::Fa
            } else {
                Lang::Ar
            };
        }
        let mut hits = [0usize; 5];
        for word in sample.split(|c: char| !c.is_alphabetic() && c != '\'') {
            let w = word.to_lowercase();
            for (n, lang) in [Lang::Es, Lang::Fr, Lang::De, Lang::Pt]
                .into_iter()
                .enumerate()
            {
                if lang.own_function_words().contains(&w.as_str()) {
                    hits[n + 1] += 1;
                }
            }
            if super::words::is_english_function_word(&w) {
                hits[0] += 1;
            }
        }
        let (best, &count) = hits
            .iter()
            .enumerate()
            .max_by_key(|&(n, c)| (c, std::cmp::Reverse(n)))
            .unwrap_or((0, &0));
        match best {
            _ if count == 0 => Lang::En,
            1 => Lang::Es,
            2 => Lang::Fr,
            3 => Lang::De,
            4 => Lang::Pt,
            _ => Lang::En,
        }
    }

    /// The language of one sentence of an article in `self`: a sentence in Arabic
    /// script is Persian or Arabic whatever the article around it (quotes, `suggest`
    /// input of mixed lines); Latin-script sentences keep the article's language.
    pub fn for_sentence(self, text: &str) -> Lang {
        let arabic_script = text
            .chars()
            .filter(|c| ('\u{600}'..='\u{6ff}').contains(c))
            .count();
        let latin = text.chars().filter(|c| c.is_ascii_alphabetic()).count();
        if arabic_script > latin {
            Lang::detect(text)
        } else if matches!(self, Lang::Fa | Lang::Ar) && latin > 0 {
            Lang::En
        } else {
            self
        }
    }

    /// The preposition a label puts before a year ("12% in 2023", "12% en 2023").
    pub fn year_preposition(self) -> &'static str {
        match self {
            Lang::En | Lang::De => " in ",
            Lang::Es | Lang::Fr => " en ",
            Lang::Pt => " em ",
            Lang::Fa => " در ",
            Lang::Ar => " في ",
        }
    }

    fn own_function_words(self) -> &'static [&'static str] {
        FUNCTION_WORDS
            .iter()
            .find(|(l, _)| *l == self)
            .map_or(&[], |(_, words)| words)
    }

    /// A function word of this language (English ones count in every language: quotes
    /// and names travel).
    pub fn is_function_word(self, w: &str) -> bool {
        super::words::is_english_function_word(w) || self.own_function_words().contains(&w)
    }
}

impl Lang {
    /// The BCP 47 tag of the language.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Es => "es",
            Lang::Fr => "fr",
            Lang::De => "de",
            Lang::Pt => "pt",
            Lang::Fa => "fa",
            Lang::Ar => "ar",
        }
    }
}

/// The BCP 47 tag for a text, for a report's `lang` attribute (screen readers, and the
/// glyphs browsers pick for Han characters): Japanese when it has kana, Chinese when Han
/// characters outnumber Latin letters, else [`Lang::detect`].
pub fn language_tag(text: &str) -> &'static str {
    let sample: String = text.chars().take(4000).collect();
    if sample
        .chars()
        .any(|c| ('\u{3040}'..='\u{30ff}').contains(&c))
    {
        return "ja";
    }
    let han = sample
        .chars()
        .filter(|c| super::features::is_cjk(*c))
        .count();
    let latin = sample.chars().filter(|c| c.is_ascii_alphabetic()).count();
    if han > latin {
        return "zh";
    }
    Lang::detect(&sample).code()
}

/// A verb of saying outside English.
pub fn is_speech_verb(w: &str) -> bool {
    SPEECH_VERBS.contains(&w)
}

/// A word that attributes a statement to someone, for the scorer's attribution
/// feature: a verb of saying or an "according to" ("según", "selon", "laut").
pub fn is_attribution_word(w: &str) -> bool {
    is_speech_verb(w)
        || is_verb_first_speech(w)
        || ACCORDING_TO.iter().any(|o| o.len() == 1 && o[0] == w)
}

/// An Arabic verb of saying that comes before its subject.
pub fn is_verb_first_speech(w: &str) -> bool {
    VERB_FIRST_SPEECH.contains(&w)
}

/// A word opening the reported statement ("that", "que", "dass", "که", "أن").
pub fn is_complementizer(w: &str) -> bool {
    COMPLEMENTIZERS.contains(&w)
}

/// French "qu'il", "qu’elle": the statement starts inside the word, after "qu'".
pub fn elided_complementizer(w: &str) -> Option<usize> {
    w.strip_prefix("qu'")
        .filter(|rest| !rest.is_empty())
        .map(|_| 3)
}

/// A verb moving a figure, or a word leading into one, outside English.
pub fn is_figure_lead_in(w: &str) -> bool {
    FIGURE_LEAD_INS.contains(&w)
}

pub fn is_perfect_auxiliary(w: &str) -> bool {
    PERFECT_AUXILIARIES.contains(&w)
}

/// How many words of `lower` (a clause's words, lower-cased) open "according to X".
pub fn according_to<'a>(lower: impl Iterator<Item = &'a str>) -> Option<usize> {
    let first: Vec<&str> = lower.take(2).collect();
    ACCORDING_TO
        .iter()
        .find(|opener| first.len() >= opener.len() && first[..opener.len()] == opener[..])
        .map(|opener| opener.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_the_languages_it_knows() {
        for (text, lang) in [
            (
                "The minister said that the figures were wrong and the report was late.",
                Lang::En,
            ),
            (
                "El ministro dijo que la inflación subió en los últimos meses y que el gobierno lo sabía.",
                Lang::Es,
            ),
            (
                "Le ministre a déclaré que le chômage a baissé dans les régions et que les prix sont stables.",
                Lang::Fr,
            ),
            (
                "Der Minister sagte, dass die Arbeitslosigkeit seit dem Jahr gesunken sei und nicht steige.",
                Lang::De,
            ),
            (
                "O ministro disse que a inflação caiu nos últimos meses e que o governo já sabia.",
                Lang::Pt,
            ),
            (
                "کاظمی قمی گفت که کشورهای منطقه در این زمینه اجماع دارند.",
                Lang::Fa,
            ),
            (
                "وقال الوزير إن عدد اللاجئين في المدينة بلغ ثلاثة ملايين.",
                Lang::Ar,
            ),
            ("", Lang::En),
        ] {
            assert_eq!(Lang::detect(text), lang, "{text}");
        }
    }

    #[test]
    fn according_to_openers() {
        assert_eq!(according_to(["according", "to", "x"].into_iter()), Some(2));
        assert_eq!(according_to(["según", "x"].into_iter()), Some(1));
        assert_eq!(according_to(["به", "گفته"].into_iter()), Some(2));
        assert_eq!(according_to(["according"].into_iter()), None);
        assert_eq!(according_to(["the", "minister"].into_iter()), None);
    }
}

//! Transparent check-worthiness features of one sentence, and its hashed word 1-2-grams.
//!
//! One pass over the sentence's words: each word is classified with a `match` (no
//! regex, no allocation beyond reused buffers), named features are bits of a `u64`,
//! n-grams are FNV hashes folded into `2^HASH_BITS` buckets. Numbers are normalised to
//! `<num>`/`<year>` so the model learns "a figure" rather than particular figures.

/// Buckets of the hashed n-gram space.
pub const HASH_BITS: u32 = 20;
pub const HASH_SIZE: usize = 1 << HASH_BITS;

/// The named features, in bit order. Their names are what `suggest` prints.
pub const FEATURE_NAMES: &[&str] = &[
    "number",
    "percent",
    "money",
    "year",
    "date",
    "quantity",
    "named_entity",
    "multiword_entity",
    "attribution",
    "comparative",
    "superlative",
    "change",
    "causal",
    "event",
    "opinion",
    "first_person",
    "first_person_future",
    "second_person",
    "hedge",
    "question",
    "boilerplate",
    "short",
    "long",
    "quote_marks",
    "headline",
    "bias",
];

macro_rules! bit {
    ($name:literal) => {
        1u64 << feature_index($name)
    };
}

/// Index of a feature name in [`FEATURE_NAMES`] (a compile-time lookup).
pub const fn feature_index(name: &str) -> usize {
    let mut i = 0;
    while i < FEATURE_NAMES.len() {
        if const_eq(FEATURE_NAMES[i], name) {
            return i;
        }
        i += 1;
    }
    panic!("unknown feature name");
}

const fn const_eq(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

pub const NUMBER: u64 = bit!("number");
pub const PERCENT: u64 = bit!("percent");
pub const MONEY: u64 = bit!("money");
pub const YEAR: u64 = bit!("year");
pub const DATE: u64 = bit!("date");
pub const QUANTITY: u64 = bit!("quantity");
pub const NAMED_ENTITY: u64 = bit!("named_entity");
pub const MULTIWORD_ENTITY: u64 = bit!("multiword_entity");
pub const ATTRIBUTION: u64 = bit!("attribution");
pub const COMPARATIVE: u64 = bit!("comparative");
pub const SUPERLATIVE: u64 = bit!("superlative");
pub const CHANGE: u64 = bit!("change");
pub const CAUSAL: u64 = bit!("causal");
pub const EVENT: u64 = bit!("event");
pub const OPINION: u64 = bit!("opinion");
pub const FIRST_PERSON: u64 = bit!("first_person");
pub const FIRST_PERSON_FUTURE: u64 = bit!("first_person_future");
pub const SECOND_PERSON: u64 = bit!("second_person");
pub const HEDGE: u64 = bit!("hedge");
pub const QUESTION: u64 = bit!("question");
pub const BOILERPLATE: u64 = bit!("boilerplate");
pub const SHORT: u64 = bit!("short");
pub const LONG: u64 = bit!("long");
pub const QUOTE_MARKS: u64 = bit!("quote_marks");
pub const HEADLINE: u64 = bit!("headline");
pub const BIAS: u64 = bit!("bias");

/// What a sentence looks like to the scorer.
#[derive(Debug, Clone, Default)]
pub struct Features {
    /// Bits of [`FEATURE_NAMES`] that fired.
    pub flags: u64,
    /// Bucket of each word 1-gram and 2-gram.
    pub hashes: Vec<u32>,
    /// Words in the sentence.
    pub words: usize,
}

impl Features {
    /// Names of the features that fired (without the constant `bias`).
    pub fn names(&self) -> Vec<&'static str> {
        FEATURE_NAMES
            .iter()
            .enumerate()
            .filter(|&(i, n)| self.flags & (1 << i) != 0 && *n != "bias")
            .map(|(_, n)| *n)
            .collect()
    }
}

/// Reused buffers, so scoring many sentences allocates nothing per sentence.
#[derive(Debug, Default)]
pub struct Scratch {
    word: String,
    pub features: Features,
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

fn fnv(bytes: &[u8]) -> u64 {
    let mut h = FNV_OFFSET;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(FNV_PRIME);
    }
    h
}

fn bucket(h: u64) -> u32 {
    // Fold the high bits in; FNV's low bits alone are weak.
    ((h ^ (h >> 29) ^ (h >> 47)) & (HASH_SIZE as u64 - 1)) as u32
}

fn bigram(a: u64, b: u64) -> u64 {
    (a.rotate_left(17) ^ b).wrapping_mul(0x9E37_79B9_7F4A_7C15)
}

/// The n-gram bucket of a normalised word, as the scorer sees it (for explanations).
pub fn word_bucket(word: &str) -> u32 {
    bucket(fnv(word.as_bytes()))
}

/// Extracts the features of `text` into `scratch.features`.
pub fn extract(text: &str, scratch: &mut Scratch) {
    let f = &mut scratch.features;
    f.flags = BIAS;
    f.hashes.clear();
    f.words = 0;
    let mut prev_hash = fnv(b"<s>");
    let mut prev_class = 0u64;
    let mut prev_cap = false;
    let mut first_word = true;
    let mut after_open_quote = false;
    let mut any_cjk = false;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if !c.is_alphanumeric() {
            match c {
                // Arabic-script and full-width forms count like their ASCII twins.
                '%' | '٪' | '％' | '‰' => f.flags |= PERCENT | NUMBER,
                '$' | '£' | '€' | '¥' | '₹' | '﷼' | '₽' | '₺' => f.flags |= MONEY,
                '?' | '؟' | '？' => f.flags |= QUESTION,
                '"' | '“' | '”' | '«' | '»' | '„' | '「' | '」' | '『' | '』' => {
                    f.flags |= QUOTE_MARKS;
                    after_open_quote = true;
                    continue;
                }
                '.' | '!' | ';' | ':' | '。' | '！' | '؛' | '۔' => {
                    // A new clause: a capital after it is not a name.
                    first_word = true;
                    prev_cap = false;
                }
                _ => {}
            }
            if !c.is_whitespace() && c != '\'' && c != '’' {
                after_open_quote = false;
            }
            continue;
        }
        // A word: letters and digits, with inner ' ’ - and, between digits, . and ,
        let start = i;
        let mut end = i + c.len_utf8();
        let mut has_digit = is_digit(c);
        let mut all_digit = is_digit(c);
        let mut cjk = u32::from(is_cjk(c));
        while let Some(&(j, d)) = chars.peek() {
            if d.is_alphanumeric() {
                has_digit |= is_digit(d);
                all_digit &= is_digit(d);
                cjk += u32::from(is_cjk(d));
                end = j + d.len_utf8();
                chars.next();
                continue;
            }
            let inner = matches!(d, '\'' | '’' | '-' | '.' | ',' | '٬' | '٫');
            if !inner {
                break;
            }
            let next = text[j + d.len_utf8()..].chars().next();
            let joins = match d {
                '.' | ',' | '٬' | '٫' => has_digit && next.is_some_and(is_digit),
                _ => next.is_some_and(char::is_alphanumeric),
            };
            if !joins {
                break;
            }
            if d == '-' {
                all_digit = false;
            }
            chars.next();
            end = j + d.len_utf8();
        }
        let raw = &text[start..end];
        // Chinese and Japanese put no spaces between words: count a run of their
        // characters as about one word per two characters, so a full sentence is not
        // "short".
        f.words += (cjk as usize).div_ceil(2).max(1);
        any_cjk |= cjk > 0;
        let capitalised = c.is_uppercase();
        // Normalise: lower case; figures become <num> or <year>.
        let word = &mut scratch.word;
        word.clear();
        let mut class = 0u64;
        if has_digit {
            class |= NUMBER;
            let digits: String = raw.chars().filter_map(ascii_digit).collect();
            // Gregorian years, and Solar Hijri ones (1300-1499) written in Persian digits.
            let is_year = all_digit
                && digits.len() == 4
                && (digits.starts_with("19")
                    || digits.starts_with("20")
                    || digits.starts_with("18")
                    || (!raw.is_ascii() && (digits.starts_with("13") || digits.starts_with("14"))));
            if is_year {
                class |= YEAR;
                word.push_str("<year>");
            } else {
                word.push_str("<num>");
            }
        } else {
            for ch in raw.chars() {
                if ch == '’' {
                    word.push('\'');
                } else if ch.is_ascii() {
                    word.push(ch.to_ascii_lowercase());
                } else {
                    word.extend(ch.to_lowercase());
                }
            }
            class |= word_class(word);
            if capitalised && class & DATE == 0 {
                let name_like =
                    !first_word && !after_open_quote && raw != "I" && class & NAME_STOP == 0;
                if name_like {
                    class |= NAMED_ENTITY;
                    if prev_cap {
                        class |= MULTIWORD_ENTITY;
                    }
                }
            }
            // "May" as a month only when capitalised mid-sentence.
            if word == "may" && capitalised && !first_word {
                class = (class & !HEDGE) | DATE;
            }
        }
        if class & FIRST_PERSON != 0 {
            // remembered for "we will", "I'll"
        } else if prev_class & FIRST_PERSON != 0 && class & FUTURE != 0 {
            class |= FIRST_PERSON_FUTURE;
        }
        if word.ends_with("'ll") && class & FIRST_PERSON != 0 {
            class |= FIRST_PERSON_FUTURE;
        }
        if prev_class & PERCENT_PRECEDES != 0 && word == "cent" {
            class |= PERCENT;
        }
        if prev_class & NUMBER != 0 && matches!(word.as_str(), "times" | "percent" | "dollars") {
            class |= QUANTITY;
        }
        if prev_class & COMPARE_HEAD != 0 && word == "than" {
            class |= COMPARATIVE;
        }
        f.flags |= class & FLAG_MASK;
        // Names mid-sentence become one token: the model learns "a named entity here",
        // not the names of the debates it was trained on.
        let h = if class & NAMED_ENTITY != 0 {
            fnv(b"<name>")
        } else {
            fnv(word.as_bytes())
        };
        f.hashes.push(bucket(h));
        f.hashes.push(bucket(bigram(prev_hash, h)));
        prev_hash = h;
        prev_class = class;
        prev_cap = capitalised && !first_word;
        first_word = false;
        after_open_quote = false;
    }
    // Chinese and Japanese verbs of saying sit inside runs of characters, not words.
    if any_cjk && super::cjk::attribution(text, 0, text.len()).is_some() {
        f.flags |= ATTRIBUTION;
    }
    if f.words <= 5 {
        f.flags |= SHORT;
    } else if f.words >= 30 {
        f.flags |= LONG;
    }
}

/// A decimal digit of any script: ASCII, Arabic-Indic, Persian, Devanagari, full-width...
fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || (!c.is_ascii() && ascii_digit(c).is_some())
}

/// The ASCII digit a decimal digit of the common news scripts stands for.
fn ascii_digit(c: char) -> Option<char> {
    let zero = match c {
        '0'..='9' => '0',
        '٠'..='٩' => '٠',
        '۰'..='۹' => '۰',
        '०'..='९' => '०',
        '০'..='৯' => '০',
        '０'..='９' => '０',
        _ => return None,
    };
    char::from_digit(c as u32 - zero as u32, 10)
}

pub(crate) use crate::text::is_cjk;

/// Internal word classes that are not features themselves.
const FUTURE: u64 = 1 << 60;
const NAME_STOP: u64 = 1 << 61;
const PERCENT_PRECEDES: u64 = 1 << 62;
const COMPARE_HEAD: u64 = 1 << 63;
const FLAG_MASK: u64 = (1 << 60) - 1;

/// The features a single lower-case word signals.
fn word_class(w: &str) -> u64 {
    match w {
        "percent" | "percentage" | "درصد" => PERCENT | NUMBER,
        "per" => PERCENT_PRECEDES,
        "dollar" | "dollars" | "euro" | "euros" | "pounds" | "budget" | "deficit" | "debt"
        | "tax" | "taxes" | "cost" | "costs" | "spending" | "spent" | "paid" | "pay" => MONEY,
        "two" | "three" | "four" | "five" | "six" | "seven" | "eight" | "nine" | "ten"
        | "eleven" | "twelve" | "fifteen" | "twenty" | "thirty" | "forty" | "fifty" | "sixty"
        | "seventy" | "eighty" | "ninety" => NUMBER,
        "hundred" | "hundreds" | "thousand" | "thousands" | "million" | "millions" | "billion"
        | "billions" | "trillion" | "trillions" | "dozen" | "dozens" | "half" | "twice"
        | "triple" | "quarter" | "third" | "majority" | "average" => NUMBER | QUANTITY,
        "january" | "february" | "march" | "april" | "june" | "july" | "august" | "september"
        | "october" | "november" | "december" | "monday" | "tuesday" | "wednesday" | "thursday"
        | "friday" | "saturday" | "sunday" | "yesterday" | "decade" | "decades" | "annually"
        | "mid-august" => DATE | NAME_STOP,
        "year" | "years" | "months" | "month" | "week" | "weeks" | "today" => DATE,
        "said" | "says" | "say" | "stated" | "states" | "told" | "according" | "accused"
        | "accuses" | "claimed" | "claims" | "announced" | "reported" | "reports" | "recorded"
        | "confirmed" | "denied" | "criticized" | "criticised" | "warned" | "alleged"
        | "testified" | "asserted" | "asserts" | "argued" | "admitted" | "insisted"
        | "expressed" | "noted" | "added" | "estimated" | "estimates" | "showed" | "shows"
        | "found" | "revealed" => ATTRIBUTION,
        "more" | "less" | "fewer" | "higher" | "lower" | "larger" | "smaller" | "greater"
        | "bigger" | "faster" | "slower" | "cheaper" | "worse" | "better" | "longer"
        | "shorter" | "older" | "younger" | "richer" | "poorer" => COMPARATIVE | COMPARE_HEAD,
        "most" | "least" | "largest" | "biggest" | "highest" | "lowest" | "best" | "worst"
        | "first" | "last" | "record" | "ever" | "only" | "fastest" | "greatest" | "smallest"
        | "longest" | "richest" | "poorest" | "never" => SUPERLATIVE,
        "increased" | "increase" | "increases" | "decreased" | "decrease" | "rose" | "risen"
        | "rising" | "fell" | "fallen" | "doubled" | "tripled" | "cut" | "cuts" | "raised"
        | "grew" | "grown" | "dropped" | "declined" | "lost" | "gained" | "created" | "reduced"
        | "balanced" | "voted" | "vote" | "passed" | "signed" | "spend" => CHANGE,
        "because" | "due" | "caused" | "cause" | "causes" | "led" | "result" | "resulted"
        | "therefore" | "thanks" | "consequence" | "blamed" => CAUSAL,
        "killed" | "died" | "elected" | "arrested" | "won" | "launched" | "attacked"
        | "invaded" | "met" | "visited" | "withdraw" | "withdrew" | "agreed" | "agreement"
        | "deal" | "treaty" | "sanctions" | "banned" | "approved" | "appointed" | "fired"
        | "sued" | "convicted" | "released" | "incidents" | "troops" | "attack" | "strike" => EVENT,
        "think" | "believe" | "feel" | "hope" | "should" | "ought" | "must" | "wish" | "want"
        | "opinion" | "guess" | "seems" | "probably" | "maybe" | "perhaps" | "love" | "hate"
        | "wonderful" | "terrible" | "great" | "need" | "needs" | "let's" | "let" | "deserve"
        | "proud" | "honor" => OPINION,
        "i" | "we" | "i'm" | "we're" | "i've" | "we've" | "i'll" | "we'll" | "i'd" | "we'd" => {
            FIRST_PERSON
        }
        "my" | "our" | "me" | "us" => FIRST_PERSON,
        "will" | "going" | "gonna" | "plan" | "promise" | "intend" => FUTURE,
        "you" | "your" | "you're" | "you've" => SECOND_PERSON,
        "may" | "might" | "could" | "possibly" | "likely" => HEDGE,
        "thank" | "applause" | "laughter" | "subscribe" | "click" | "copyright" | "newsletter"
        | "cookies" | "advertisement" | "share" | "follow" | "crosstalk" | "inaudible"
        | "goodnight" | "welcome" => BOILERPLATE,
        "the" | "a" | "an" | "and" | "but" | "or" | "in" | "on" | "at" | "of" | "for" | "to"
        | "he" | "she" | "it" | "they" | "this" | "that" | "these" | "those" | "mr" | "mrs"
        | "ms" | "dr" | "his" | "her" | "its" | "their" | "there" | "when" | "while" | "if"
        | "as" | "so" | "now" | "well" | "yes" | "no" | "oh" => NAME_STOP,
        // Attribution in the other languages the claim proposer reads.
        w if super::lang::is_attribution_word(w) => ATTRIBUTION,
        _ => 0,
    }
}

//! Attribution in Chinese and Japanese, which have no spaces to split words on: the
//! verb of saying is found in the text itself. Chinese puts it between the speaker and
//! the statement ("李伟表示，中国经济增长了5.2%。"); Japanese closes the statement with it
//! after a topic-marked speaker ("首相は、失業率が低下したと述べた。").

use super::features::is_cjk;

/// Chinese verbs of saying (simplified and traditional), longest first where one
/// contains another.
const ZH_SPEECH: &[&str] = &[
    "表示", "指出", "强调", "強調", "认为", "認為", "宣布", "透露", "声称", "聲稱", "称", "稱",
    "说", "說",
];

/// Japanese endings that report speech: the statement comes before them.
const JA_SPEECH_ENDINGS: &[&str] = &[
    "と述べた",
    "と語った",
    "と話した",
    "と発表した",
    "と強調した",
    "と指摘した",
    "と説明した",
    "と明らかにした",
    "としている",
    "と述べている",
];

/// Punctuation between a speaker and the statement, or around the statement.
const SEPARATORS: &[char] = &['，', '、', ',', '：', ':', '“', '「', ' '];

/// The longest speaker we take (in characters): longer is a clause, not a name.
const MAX_SPEAKER_CHARS: usize = 16;

/// (speaker, statement) as byte ranges of `body`, for the sentence `body[start..end]`.
pub fn attribution(
    body: &str,
    start: usize,
    end: usize,
) -> Option<((usize, usize), (usize, usize))> {
    let text = &body[start..end];
    if !text.chars().any(is_cjk) {
        return None;
    }
    japanese(text)
        .or_else(|| according_to(text))
        .or_else(|| chinese(text))
        .or_else(|| zh_according_to(text))
        .map(|((a, b), (c, d))| ((start + a, start + b), (start + c, start + d)))
}

fn japanese(text: &str) -> Option<((usize, usize), (usize, usize))> {
    let (verb, _) = JA_SPEECH_ENDINGS
        .iter()
        .filter_map(|e| text.find(e).map(|i| (i, e)))
        .min()?;
    let topic = text[..verb].find('は')?;
    let speaker = trim_range(text, 0, topic);
    let statement = trim_range(text, topic + 'は'.len_utf8(), verb);
    valid(text, speaker, statement)
}

/// "XによるとY" / "XによればY" (Japanese: according to X, Y): the source named first.
fn according_to(text: &str) -> Option<((usize, usize), (usize, usize))> {
    let (at, marker) = ["によると", "によれば"]
        .iter()
        .filter_map(|m| text.find(m).map(|i| (i, *m)))
        .min()?;
    let speaker = trim_range(text, 0, at);
    let statement = trim_range(text, at + marker.len(), text.len());
    valid(text, speaker, statement)
}

/// What closes the source in "据X报道，Y" (Chinese: according to X's report, Y).
const ZH_ACCORDING_ENDS: &[&str] = &[
    "报道", "報道", "消息", "统计", "統計", "数据", "數據", "介绍", "介紹", "调查", "調查", "显示",
    "顯示",
];

/// "据X报道，Y" / "根据X的数据，Y": X is the source. Tried after a verb of saying, so
/// "据新华社报道，汪文斌说：……" keeps the one who spoke; "据统计" (by the statistics)
/// names nobody.
fn zh_according_to(text: &str) -> Option<((usize, usize), (usize, usize))> {
    let (at, _) = text
        .char_indices()
        .find(|&(i, c)| matches!(c, '据' | '據') && starts_clause(text, i))?;
    let from = at + '据'.len_utf8();
    // The marker closes the clause (统计 inside 国家统计局 does not).
    let (end, marker) = ZH_ACCORDING_ENDS
        .iter()
        .flat_map(|m| text[from..].match_indices(m))
        .map(|(i, m)| (from + i, m))
        .filter(|&(i, m)| {
            text[i + m.len()..]
                .chars()
                .next()
                .is_some_and(|c| SEPARATORS.contains(&c))
        })
        .min()?;
    let (a, b) = trim_range(text, from, end);
    let b = a + text[a..b].trim_end_matches('的').len();
    valid(
        text,
        (a, b),
        trim_range(text, end + marker.len(), text.len()),
    )
}

/// Whether byte `i` starts a clause: the text's start or after a separator, allowing
/// 根 before it (根据, "according to").
fn starts_clause(text: &str, i: usize) -> bool {
    let before = text[..i].strip_suffix('根').unwrap_or(&text[..i]);
    before
        .chars()
        .next_back()
        .is_none_or(|c| SEPARATORS.contains(&c) || c == '。')
}

/// Whether the verb `w` at byte `i` is speech, not part of another word: 称 in 名称
/// ("name") or 称为 ("is called"), 说 in 说明 ("explains") or 据说 ("reportedly").
fn is_speech_here(text: &str, i: usize, w: &str) -> bool {
    if w.chars().count() > 1 {
        return true;
    }
    let before = text[..i].chars().next_back();
    let after = text[i + w.len()..].chars().next();
    !matches!(
        before,
        Some(
            '名' | '声'
                | '聲'
                | '自'
                | '号'
                | '號'
                | '简'
                | '簡'
                | '俗'
                | '据'
                | '據'
                | '听'
                | '聽'
        )
    ) && !matches!(after, Some('为' | '為' | '明' | '法' | '服' | '号' | '號'))
}

fn chinese(text: &str) -> Option<((usize, usize), (usize, usize))> {
    let (verb, word) = ZH_SPEECH
        .iter()
        .flat_map(|w| text.match_indices(w))
        .filter(|&(i, w)| is_speech_here(text, i, w))
        .min_by_key(|&(i, w)| (i, std::cmp::Reverse(w.len())))?;
    // The speaker starts after the last separator before the verb ("据报道，李伟表示").
    let from = text[..verb]
        .char_indices()
        .rev()
        .find(|&(_, c)| SEPARATORS.contains(&c) || c == '。')
        .map_or(0, |(i, c)| i + c.len_utf8());
    let (a, b) = trim_range(text, from, verb);
    // "据新华社称，……" (according to Xinhua): the source is Xinhua.
    let a = b - text[a..b].trim_start_matches(['根', '据', '據']).len();
    let statement = trim_range(text, verb + word.len(), text.len());
    valid(text, (a, b), statement)
}

/// A speaker of 1 to [`MAX_SPEAKER_CHARS`] characters and a statement of at least 4.
fn valid(
    text: &str,
    speaker: (usize, usize),
    statement: (usize, usize),
) -> Option<((usize, usize), (usize, usize))> {
    let chars = |(a, b): (usize, usize)| text[a..b].chars().count();
    let ok = (1..=MAX_SPEAKER_CHARS).contains(&chars(speaker)) && chars(statement) >= 4;
    ok.then_some((speaker, statement))
}

/// `a..b` without separators, quotes and sentence-final marks at either end.
fn trim_range(text: &str, a: usize, b: usize) -> (usize, usize) {
    let edge = |c: char| {
        SEPARATORS.contains(&c)
            || matches!(c, '。' | '」' | '”' | '！' | '？' | '.')
            || c.is_whitespace()
    };
    let inner = &text[a..b];
    let left = inner.len() - inner.trim_start_matches(edge).len();
    let right = inner.trim_end_matches(edge).len();
    if left >= right {
        (a, a)
    } else {
        (a + left, a + right)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(text: &str) -> Option<(&str, &str)> {
        attribution(text, 0, text.len()).map(|((a, b), (c, d))| (&text[a..b], &text[c..d]))
    }

    #[test]
    fn chinese_and_japanese_speakers_and_statements() {
        assert_eq!(
            parts("李伟表示，中国经济今年增长了5.2%。"),
            Some(("李伟", "中国经济今年增长了5.2%"))
        );
        assert_eq!(
            parts("据新华社报道，外交部发言人汪文斌说：“双方已达成共识。”"),
            Some(("外交部发言人汪文斌", "双方已达成共识"))
        );
        assert_eq!(
            parts("日本の首相は、2024年に失業率が2.5%に低下したと述べた。"),
            Some(("日本の首相", "2024年に失業率が2.5%に低下した"))
        );
        assert_eq!(
            parts("東京都によると、観光客は300万人に達した。"),
            Some(("東京都", "観光客は300万人に達した"))
        );
        // No verb of saying, or nothing said: the sentence stays the article's.
        assert_eq!(parts("中国经济今年增长了5.2%。"), None);
        assert_eq!(parts("他说。"), None);
        assert_eq!(parts("这个名称的来源说明了很多问题。"), None);
        assert_eq!(parts("据说中国经济今年增长了5.2%。"), None);
        // According to X: X is the source, unless someone in the sentence spoke.
        assert_eq!(
            parts("据新华社报道，中国经济今年增长了5.2%。"),
            Some(("新华社", "中国经济今年增长了5.2%"))
        );
        assert_eq!(
            parts("根据国家统计局的数据，2024年失业率降至5.1%。"),
            Some(("国家统计局", "2024年失业率降至5.1%"))
        );
        assert_eq!(
            parts("据新华社称，两国已签署协议。"),
            Some(("新华社", "两国已签署协议"))
        );
        assert_eq!(parts("据统计，中国经济今年增长了5.2%。"), None);
        assert_eq!(parts("他们依据报道做了调整。"), None);
        assert_eq!(parts("The minister said so."), None);
    }
}

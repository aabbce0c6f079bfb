//! Character-level clean-up shared by every step: line ends and invisible characters, ASCII
//! punctuation between Chinese text, joining wrapped lines, and the tests on characters
//! ("is this Chinese", "does this paragraph end a sentence").

/// A Chinese character (CJK ideograph).
pub(crate) fn is_han(c: char) -> bool {
    matches!(c,
        '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{20000}'..='\u{3134F}')
}

/// Full-width punctuation and the typographic marks used in Chinese text.
pub(crate) fn is_cjk_punct(c: char) -> bool {
    matches!(c,
        '\u{3000}'..='\u{303F}'          // 、。〈〉《》「」『』【】〔〕 and friends
        | '\u{FF01}'..='\u{FF0F}'        // ！＂＃…（）＊＋，－．／
        | '\u{FF1A}'..='\u{FF20}'        // ：；＜＝＞？＠
        | '\u{FF3B}'..='\u{FF40}'
        | '\u{FF5B}'..='\u{FF65}'
        | '\u{2014}' | '\u{2015}' | '\u{2026}' | '\u{00B7}'
        | '\u{2018}' | '\u{2019}' | '\u{201C}' | '\u{201D}')
}

/// Chinese text: an ideograph or Chinese punctuation.
pub(crate) fn is_cjk(c: char) -> bool {
    is_han(c) || is_cjk_punct(c)
}

/// Splits a document into lines: no BOM, no CR, no zero-width or control characters; a form
/// feed (a page break in `pdftotext` output) becomes an empty line; tabs and no-break spaces
/// become spaces; each line is trimmed (including full-width indentation).
pub(crate) fn lines(document: &str) -> Vec<String> {
    let mut text = String::with_capacity(document.len());
    let mut chars = document.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    text.push('\n');
                }
            }
            '\n' => text.push('\n'),
            '\u{0C}' | '\u{2028}' | '\u{2029}' | '\u{85}' => text.push_str("\n\n"),
            '\t' | '\u{A0}' | '\u{2002}'..='\u{200A}' | '\u{202F}' | '\u{205F}' => text.push(' '),
            '\u{FEFF}' | '\u{200B}'..='\u{200F}' | '\u{2060}' | '\u{202A}'..='\u{202E}' | '\u{FFFC}' | '\u{FFFD}' => {}
            c if c.is_control() => {}
            c => text.push(c),
        }
    }
    text.split('\n').map(|l| trim(l).to_string()).collect()
}

/// Trims ASCII and full-width spaces.
pub(crate) fn trim(s: &str) -> &str {
    s.trim_matches(|c: char| c.is_whitespace())
}

/// Whether ASCII punctuation next to these characters is Chinese punctuation typed half-width.
fn chinese_side(c: Option<char>) -> bool {
    c.is_some_and(is_cjk)
}

fn ascii_alnum(c: Option<char>) -> bool {
    c.is_some_and(|c| c.is_ascii_alphanumeric())
}

/// The nearest character before `i` that is not an ASCII space.
fn prev_visible(chars: &[char], i: usize) -> Option<char> {
    chars.get(..i)?.iter().rev().copied().find(|&c| c != ' ')
}

/// The nearest character after `i` that is not an ASCII space.
fn next_visible(chars: &[char], i: usize) -> Option<char> {
    chars.get(i + 1..)?.iter().copied().find(|&c| c != ' ')
}

fn full_width(c: char) -> char {
    match c {
        ',' => '，',
        ';' => '；',
        ':' => '：',
        '?' => '？',
        '!' => '！',
        '(' => '（',
        ')' => '）',
        c => c,
    }
}

/// Chinese sentence punctuation, never next to a space.
fn sentence_mark(c: char) -> bool {
    matches!(c, '，' | '。' | '、' | '；' | '：' | '？' | '！')
}

fn opening_mark(c: char) -> bool {
    matches!(c, '“' | '‘' | '《' | '〈' | '「' | '『' | '【' | '〔' | '（')
}

fn closing_mark(c: char) -> bool {
    matches!(c, '”' | '’' | '》' | '〉' | '」' | '』' | '】' | '〕' | '）')
}

/// Whether a space between `before` and `after` is left over from half-width typing or PDF
/// extraction: next to sentence punctuation, inside quotes or brackets, or before an opening
/// one. A space after a closing quote (`推进“三化” 建设`, a title in two parts) stays.
fn stray_space(before: Option<char>, after: Option<char>) -> bool {
    let (Some(b), Some(a)) = (before, after) else {
        return true;
    };
    sentence_mark(b) || sentence_mark(a) || opening_mark(b) || closing_mark(a) || opening_mark(a)
}

/// ASCII `, ; : ? ! ( )` written in Chinese text become `，；：？！（）`, and the spaces that
/// half-width typing left beside Chinese punctuation go. A pair of parentheses is converted
/// together, when it holds Chinese text or stands next to it. Numbers (`1,000`, `9:30`), URLs
/// and Markdown link syntax (`](`) are left alone.
pub(crate) fn normalize_punct(line: &str) -> String {
    let chars: Vec<char> = line.chars().collect();
    let mut out = chars.clone();
    parentheses(&chars, &mut out);
    for (i, &c) in chars.iter().enumerate() {
        if !matches!(c, ',' | ';' | ':' | '?' | '!') {
            continue;
        }
        let (p, n) = (prev_visible(&chars, i), next_visible(&chars, i));
        let image = c == '!' && chars.get(i + 1) == Some(&'[');
        if !image
            && (chinese_side(p) || chinese_side(n))
            && !(ascii_alnum(p) && ascii_alnum(n))
            && let Some(x) = out.get_mut(i)
        {
            *x = full_width(c);
        }
    }
    without_stray_spaces(&out, line.len())
}

/// `(` and `)` in `chars` made full-width in `out`: a pair when it holds Chinese text or stands
/// next to it, a lone one when it stands next to Chinese text; never a Markdown link's `](`.
fn parentheses(chars: &[char], out: &mut [char]) {
    let mut open: Vec<usize> = Vec::new();
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    let mut lone: Vec<usize> = Vec::new();
    for (i, &c) in chars.iter().enumerate() {
        match c {
            '(' => open.push(i),
            ')' => match open.pop() {
                Some(o) => pairs.push((o, i)),
                None => lone.push(i),
            },
            _ => {}
        }
    }
    lone.extend(open);
    let link = |o: usize| o > 0 && chars.get(o - 1) == Some(&']');
    // han_before[i]: how many Chinese characters come before position i.
    let mut han_before = Vec::with_capacity(chars.len() + 1);
    han_before.push(0usize);
    for &c in chars {
        han_before.push(han_before.last().copied().unwrap_or(0) + usize::from(is_han(c)));
    }
    let han_between =
        |o: usize, c: usize| han_before.get(c).copied().unwrap_or(0) > han_before.get(o + 1).copied().unwrap_or(0);
    for (o, c) in pairs {
        let inner_han = han_between(o, c);
        let outside = chinese_side(prev_visible(chars, o)) || chinese_side(next_visible(chars, c));
        if !link(o) && (inner_han || outside) {
            if let Some(x) = out.get_mut(o) {
                *x = '（';
            }
            if let Some(x) = out.get_mut(c) {
                *x = '）';
            }
        }
    }
    for i in lone {
        if !link(i)
            && (chinese_side(prev_visible(chars, i)) || chinese_side(next_visible(chars, i)))
            && let Some(x) = out.get_mut(i)
        {
            *x = full_width(chars.get(i).copied().unwrap_or(' '));
        }
    }
}

/// The text of `out` without the spaces beside full-width punctuation.
fn without_stray_spaces(out: &[char], capacity: usize) -> String {
    let mut result = String::with_capacity(capacity);
    let mut i = 0;
    while i < out.len() {
        let c = out.get(i).copied().unwrap_or(' ');
        if c == ' ' {
            let start = i;
            while out.get(i) == Some(&' ') {
                i += 1;
            }
            let before = if start > 0 { out.get(start - 1).copied() } else { None };
            let after = out.get(i).copied();
            if !stray_space(before, after) {
                result.extend(std::iter::repeat_n(' ', i - start));
            }
            continue;
        }
        result.push(c);
        i += 1;
    }
    result
}

/// In running text (not titles), a space after a closing quote or bracket is stray too.
pub(crate) fn tighten(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    for (i, &c) in chars.iter().enumerate() {
        let after_closing = i > 0 && chars.get(i - 1).is_some_and(|&b| closing_mark(b));
        let before_cjk = chars.get(i + 1).is_some_and(|&a| is_cjk(a));
        if c == ' ' && after_closing && before_cjk {
            continue;
        }
        out.push(c);
    }
    out
}

/// Runs of ASCII spaces become one.
pub(crate) fn collapse_spaces(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        if c == ' ' {
            if !space {
                out.push(' ');
            }
            space = true;
        } else {
            out.push(c);
            space = false;
        }
    }
    trim(&out).to_string()
}

/// Joins a wrapped or page-broken line to the previous one: nothing between Chinese
/// characters, one space only between two Latin words or numbers.
pub(crate) fn join(a: &str, b: &str) -> String {
    let mut out = trim(a).to_string();
    join_into(&mut out, b);
    out
}

/// [`join`], appending to `a` in place.
pub(crate) fn join_into(a: &mut String, b: &str) {
    let b = trim(b);
    a.truncate(a.trim_end_matches(char::is_whitespace).len());
    if ascii_alnum(a.chars().next_back()) && ascii_alnum(b.chars().next()) {
        a.push(' ');
    }
    a.push_str(b);
}

/// Marks that end a sentence.
fn sentence_end(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '!' | '?' | '…' | '；' | ';' | '：' | ':' | '．')
}

/// Closing quotes and brackets.
fn closer(c: char) -> bool {
    matches!(
        c,
        '”' | '’' | '」' | '』' | '）' | ')' | '》' | '】' | '〕' | '"' | '\''
    )
}

/// Whether a paragraph (or what is left of one before a page break) ends a sentence: its last
/// mark is 。！？…；： — or a closing quote or bracket right after one (`……。”`). A text wholly in
/// parentheses is complete too. Trailing Markdown emphasis is ignored.
pub(crate) fn ends_closed(s: &str) -> bool {
    let t = trim(s).trim_end_matches(['*', '_', ' ', '\u{3000}']);
    let mut rev = t.chars().rev().peekable();
    let Some(&last) = rev.peek() else {
        return false;
    };
    if sentence_end(last) {
        return true;
    }
    if last == '.' {
        return t.chars().rev().nth(1).is_some_and(is_cjk);
    }
    if closer(last) {
        while rev.peek().is_some_and(|&c| closer(c)) {
            rev.next();
        }
        if rev.next().is_some_and(sentence_end) {
            return true;
        }
        let t = t.trim_start_matches(['*', '_']);
        return (t.starts_with('（') || t.starts_with('(')) && matches!(last, '）' | ')');
    }
    false
}

/// Removes Markdown emphasis (`**`, `__`, and a `*`/`_` around the whole text).
pub(crate) fn strip_emphasis(s: &str) -> String {
    let mut t = s.replace("**", "").replace("__", "");
    loop {
        let trimmed = trim(&t);
        let inner = trimmed
            .strip_prefix('*')
            .and_then(|r| r.strip_suffix('*'))
            .or_else(|| trimmed.strip_prefix('_').and_then(|r| r.strip_suffix('_')));
        match inner {
            Some(i) if !i.is_empty() => t = i.to_string(),
            _ => return trimmed.to_string(),
        }
    }
}

/// A line's text without Markdown block markers (`#`, `>`, `- `) or emphasis, with its
/// punctuation normalized: what the masthead and colophon are recognized on.
pub(crate) fn bare(line: &str) -> String {
    let mut t = trim(line);
    if is_rule(t) {
        return t.to_string();
    }
    loop {
        let mut next = t.trim_start_matches('#').trim_start_matches('>');
        for marker in ["- ", "* ", "+ "] {
            if let Some(r) = next.strip_prefix(marker) {
                next = r;
            }
        }
        let next = trim(next);
        if next.len() == t.len() {
            break;
        }
        t = next;
    }
    let t = t.trim_end_matches('#');
    let t = strip_emphasis(t);
    normalize_punct(trim(&t))
}

/// A Markdown thematic break (`---`, `***`, `___`, `* * *`).
pub(crate) fn is_rule(line: &str) -> bool {
    let t: String = line.chars().filter(|&c| c != ' ').collect();
    t.len() >= 3 && ['-', '*', '_'].iter().any(|&m| t.chars().all(|c| c == m))
}

/// The number of characters.
pub(crate) fn len(s: &str) -> usize {
    s.chars().count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_drop_bom_cr_and_invisible_characters() {
        assert_eq!(
            lines("\u{feff}第一行\r\n\u{3000}\u{3000}第二\u{200b}行  \r\n\r\nx\ry"),
            ["第一行", "第二行", "", "x", "y"]
        );
        assert_eq!(lines("a\u{0C}b"), ["a", "", "b"]);
    }

    #[test]
    fn ascii_punctuation_in_chinese_text_becomes_full_width() {
        assert_eq!(
            normalize_punct("9 月 18 日,全县 12 个乡镇;截至目前"),
            "9 月 18 日，全县 12 个乡镇；截至目前"
        );
        assert_eq!(normalize_punct("送:县委办公室"), "送：县委办公室");
        assert_eq!(normalize_punct("工作站(室)共 40 个"), "工作站（室）共 40 个");
        assert_eq!(normalize_punct("(总第 643 期)"), "（总第 643 期）");
        assert_eq!(normalize_punct("好吗?好!"), "好吗？好！");
        assert_eq!(
            normalize_punct("关于 “ 代表进站 ” 的通知 , 好"),
            "关于“代表进站” 的通知，好"
        );
        assert_eq!(normalize_punct("建好“家站点” 让代表履职"), "建好“家站点” 让代表履职");
    }

    #[test]
    fn running_text_is_tightened() {
        assert_eq!(tighten("“代表进站” 的通知"), "“代表进站”的通知");
        assert_eq!(tighten("（室） 13 个"), "（室） 13 个");
    }

    #[test]
    fn numbers_urls_and_links_are_left_alone() {
        assert_eq!(normalize_punct("1,000 人"), "1,000 人");
        assert_eq!(normalize_punct("上午 9:30 开始"), "上午 9:30 开始");
        assert_eq!(
            normalize_punct("见 http://a.example/x?y=1"),
            "见 http://a.example/x?y=1"
        );
        assert_eq!(
            normalize_punct("见[网站](http://a.example/中文)"),
            "见[网站](http://a.example/中文)"
        );
        assert_eq!(normalize_punct("E-mail:a@b.cn"), "E-mail:a@b.cn");
        assert_eq!(normalize_punct("图![图](a.png)"), "图![图](a.png)");
    }

    #[test]
    fn joining_lines() {
        assert_eq!(join("代表 90 人", "次，"), "代表 90 人次，");
        assert_eq!(join("hello ", " world"), "hello world");
        assert_eq!(join("共 161", "人"), "共 161人");
    }

    #[test]
    fn closing_punctuation() {
        assert!(ends_closed("工作。"));
        assert!(ends_closed("他说：“好。”"));
        assert!(ends_closed("（县人大供稿）"));
        assert!(ends_closed("如下："));
        assert!(!ends_closed("提出了“代表要常回选区听民声”"));
        assert!(!ends_closed("共有 30 个（今年新建 5 个）"));
        assert!(!ends_closed("一、做法"));
        assert!(!ends_closed("工作，"));
        assert!(!ends_closed(""));
        assert!(ends_closed("**结束。**"));
    }

    #[test]
    fn bare_lines() {
        assert_eq!(bare("# 联络动态"), "联络动态");
        assert_eq!(bare("## **第 9 期** ##"), "第 9 期");
        assert_eq!(bare("> 送:县委"), "送：县委");
        assert_eq!(bare("- 县委办公室"), "县委办公室");
        assert_eq!(bare("---"), "---");
    }

    #[test]
    fn emphasis_is_removed() {
        assert_eq!(strip_emphasis("**规范管理 提升质效**"), "规范管理 提升质效");
        assert_eq!(strip_emphasis("*一、做法*"), "一、做法");
        assert_eq!(strip_emphasis("第一篇 **标题**"), "第一篇 标题");
        assert_eq!(strip_emphasis("**"), "");
        assert_eq!(strip_emphasis("*"), "*");
    }
}

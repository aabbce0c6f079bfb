//! Lines → units (a line of text, a heading, a rule, a Markdown list or table kept as it is),
//! and the rules that decide whether a line without closing punctuation continues on the next
//! one: a soft wrap, or a paragraph broken by a PDF page break.

use std::sync::LazyLock;

use regex_lite::Regex;

use super::text::{bare, collapse_spaces, ends_closed, is_han, is_rule, len, normalize_punct, strip_emphasis, trim};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// A line of running text (one source line; articles join lines into paragraphs).
    Text,
    /// A Markdown heading (`#` count).
    Heading(u8),
    /// A line wholly in bold, as PDF converters write headings they did not recognize.
    Bold,
    /// Markdown kept as written: lists, tables, fenced code.
    Verbatim,
    /// A rule (`---`, `━━━`): nothing continues across it.
    Rule,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Unit {
    pub(crate) kind: Kind,
    pub(crate) text: String,
    /// Whether blank lines (or a page number, or an image) come before it.
    pub(crate) gap: bool,
}

/// A page number left by a PDF: `3`, `— 3 —`, `- 3 -`, `·3·`, `第 3 页`, `3/8`.
pub(crate) fn is_page_number(b: &str) -> bool {
    static PAGE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(?:[-—–－·~ ]*[0-9]{1,3}[-—–－·~ ]*|第 *[0-9]{1,3} *页(?: *共 *[0-9]{1,3} *页)?|[0-9]{1,3} */ *[0-9]{1,3})$")
            .expect("valid pattern")
    });
    !b.is_empty() && PAGE.is_match(b)
}

static NUMBERED: LazyLock<[Regex; 4]> = LazyLock::new(|| {
    [
        r"^[一二三四五六七八九十]{1,3}[、．.]",
        r"^[（(][一二三四五六七八九十]{1,3}[）)]",
        r"^[0-9０-９]{1,2}(?:[、．]|\.(?:[^0-9]|$))",
        r"^[（(][0-9０-９]{1,2}[）)]",
    ]
    .map(|p| Regex::new(p).expect("valid pattern"))
});

/// The numbering style of a numbered line: 0 for `一、`, 1 for `（一）`, 2 for `1、`/`1.`,
/// 3 for `（1）`.
pub(crate) fn numbering(text: &str) -> Option<usize> {
    let t = strip_emphasis(text);
    NUMBERED.iter().position(|r| r.is_match(&t))
}

/// A numbered section heading: `一、切实提高政治站位` — short, numbered, no closing mark
/// (`（一）加强学习。全镇……` is a paragraph).
pub(crate) fn is_numbered_heading(text: &str) -> bool {
    numbering(text).is_some() && !ends_closed(text) && len(text) <= 40
}

/// In plain text, an unnumbered heading: a short line with no sentence punctuation made of
/// two phrases set apart by a space (`稳步推进 站点全覆盖`), as headings are typeset. Any other
/// short line without closing punctuation is taken for the start of a paragraph cut by a page
/// break, since splitting a sentence is the worse mistake.
pub(crate) fn is_heading_like(text: &str) -> bool {
    let chars: Vec<char> = text.chars().collect();
    let spaced = chars
        .windows(3)
        .any(|w| matches!(w, [a, ' ' | '\u{3000}', b] if is_han(*a) && is_han(*b)));
    (4..=30).contains(&chars.len())
        && spaced
        && !text.contains(['，', '。', '；', '！', '？', '：', ',', ';', '!', '?', ':'])
}

fn push(out: &mut Vec<Unit>, kind: Kind, text: String, gap: &mut bool) {
    out.push(Unit { kind, text, gap: *gap });
    *gap = false;
}

fn text_of(s: &str) -> String {
    collapse_spaces(&normalize_punct(s))
}

/// Splits a document's body lines into units. `markdown` says whether `#`, `**`, lists and
/// tables are Markdown; lines equal to a masthead line (`running_heads`) are page headers and
/// are dropped, like page numbers and image placeholders.
pub(crate) fn units(lines: &[String], markdown: bool, running_heads: &[String]) -> Vec<Unit> {
    let mut splitter = Splitter {
        markdown,
        running_heads,
        out: Vec::new(),
        gap: true,
        fence: None,
        comment: false,
    };
    for line in lines {
        splitter.line(trim(line));
    }
    splitter.finish()
}

/// The units so far, and what the lines before said about the next: a blank line before it
/// (`gap`), inside a code fence, inside an HTML comment.
struct Splitter<'a> {
    markdown: bool,
    running_heads: &'a [String],
    out: Vec<Unit>,
    gap: bool,
    fence: Option<String>,
    comment: bool,
}

impl Splitter<'_> {
    fn push(&mut self, kind: Kind, text: String) {
        push(&mut self.out, kind, text, &mut self.gap);
    }

    fn line(&mut self, line: &str) {
        static IMAGE: LazyLock<Regex> =
            LazyLock::new(|| Regex::new(r"^!\[[^\]]*\]\([^)]*\)$|^<!--.*-->$").expect("valid pattern"));
        let markdown = self.markdown;
        if let Some(f) = &self.fence {
            if line.starts_with(f.as_str()) {
                self.fence = None;
            }
            if let Some(u) = self.out.last_mut() {
                u.text.push('\n');
                u.text.push_str(line);
            }
            return;
        }
        if self.comment {
            self.comment = !line.contains("-->");
            return;
        }
        let b = bare(line);
        if line.is_empty()
            || is_page_number(&b)
            || self.running_heads.contains(&b)
            || (markdown && IMAGE.is_match(line))
        {
            self.gap = true;
            return;
        }
        if markdown && line.starts_with("<!--") {
            self.comment = !line.contains("-->");
            self.gap = true;
            return;
        }
        if markdown && (line.starts_with("```") || line.starts_with("~~~")) {
            self.fence = Some(line.chars().take(3).collect());
            self.push(Kind::Verbatim, line.to_string());
            return;
        }
        let after_text = !self.gap && self.out.last().is_some_and(|u| u.kind == Kind::Text);
        let setext = line.chars().all(|c| c == '=') || (line.len() >= 2 && line.chars().all(|c| c == '-'));
        if markdown && setext && after_text {
            if let Some(u) = self.out.last_mut() {
                u.kind = Kind::Heading(if line.starts_with('=') { 1 } else { 2 });
                u.text = text_of(&strip_emphasis(&u.text));
            }
            return;
        }
        if is_rule(line) || (len(&b) >= 3 && b.chars().all(|c| "—=━─═~～·".contains(c))) {
            self.push(Kind::Rule, String::new());
            self.gap = true;
            return;
        }
        if markdown {
            self.markdown_line(line);
        } else {
            self.push(Kind::Text, text_of(line));
        }
    }

    /// A line of Markdown that is not blank, a fence, a comment or a rule.
    fn markdown_line(&mut self, line: &str) {
        static HEADING: LazyLock<Regex> =
            LazyLock::new(|| Regex::new(r"^(#{1,6})(?:[ \t]+(.*))?$").expect("valid pattern"));
        static LIST: LazyLock<Regex> =
            LazyLock::new(|| Regex::new(r"^(?:[-*+]|[0-9]{1,3}[.)])[ \t]").expect("valid pattern"));
        if let Some(c) = HEADING.captures(line) {
            let level = c.get(1).map_or(1, |m| m.len()).min(6) as u8;
            let raw = c.get(2).map_or("", |m| m.as_str());
            let text = text_of(&strip_emphasis(trim(trim(raw).trim_end_matches('#'))));
            if !text.is_empty() {
                self.push(Kind::Heading(level), text);
            }
            return;
        }
        let bold = |m: &str| {
            line.strip_prefix(m)
                .and_then(|r| r.strip_suffix(m))
                .is_some_and(|inner| !trim(inner).is_empty() && !inner.contains(m))
        };
        if bold("**") || bold("__") {
            self.push(Kind::Bold, text_of(&strip_emphasis(line)));
            return;
        }
        if LIST.is_match(line) || line.starts_with('|') {
            match self.out.last_mut() {
                Some(u) if u.kind == Kind::Verbatim && !self.gap => {
                    u.text.push('\n');
                    u.text.push_str(line);
                }
                _ => self.push(Kind::Verbatim, line.to_string()),
            }
            return;
        }
        self.push(Kind::Text, text_of(trim(line.trim_start_matches('>'))));
    }

    fn finish(mut self) -> Vec<Unit> {
        if let Some(f) = self.fence
            && let Some(u) = self.out.last_mut()
        {
            // An unclosed fence is closed at the end.
            u.text.push('\n');
            u.text.push_str(&f);
        }
        self.out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(s: &str) -> Vec<String> {
        s.lines().map(str::to_string).collect()
    }

    #[test]
    fn page_numbers() {
        for p in ["3", "— 3 —", "- 12 -", "·3·", "第 3 页", "第3页共8页", "3/8"] {
            assert!(is_page_number(p), "{p}");
        }
        for p in ["2021", "3 月", "第 3 期", ""] {
            assert!(!is_page_number(p), "{p}");
        }
    }

    #[test]
    fn numbered_headings() {
        assert_eq!(numbering("一、切实提高政治站位"), Some(0));
        assert_eq!(numbering("（二）做法"), Some(1));
        assert_eq!(numbering("**三、成效**"), Some(0));
        assert_eq!(numbering("1、建立台账"), Some(2));
        assert_eq!(numbering("1.5 万元"), None);
        assert_eq!(numbering("十一、其他"), Some(0));
        assert!(is_numbered_heading("一、切实提高政治站位，着力扛牢责任"));
        assert!(!is_numbered_heading("（一）加强学习。全镇代表集中学习。"));
        assert!(!is_numbered_heading("近年来，全县代表联络站建设取得明显成效"));
        assert!(is_heading_like("稳步推进 站点全覆盖"));
        assert!(!is_heading_like("会上提出了“代表要常回选区听民声”"));
        assert!(!is_heading_like("共邀请代表 90 人"));
    }

    #[test]
    fn plain_units() {
        let u = units(
            &lines("联络动态\n标题\n\n正文,第一行\n第二行。\n— 2 —\n\n续"),
            false,
            &["联络动态".into()],
        );
        let kinds: Vec<(Kind, &str, bool)> = u.iter().map(|u| (u.kind, u.text.as_str(), u.gap)).collect();
        assert_eq!(
            kinds,
            [
                (Kind::Text, "标题", true),
                (Kind::Text, "正文，第一行", true),
                (Kind::Text, "第二行。", false),
                (Kind::Text, "续", true),
            ]
        );
    }

    #[test]
    fn markdown_units() {
        let md = "## **标题** ##\n\n——副标题\n\n**一、做法**\n\n- 甲\n- 乙\n\n| a | b |\n|---|---|\n\n<!-- image -->\n![图](x.png)\n\n节名\n===\n\n---\n```\ncode\n```\n正文";
        let u = units(&lines(md), true, &[]);
        let kinds: Vec<(Kind, &str)> = u.iter().map(|u| (u.kind, u.text.as_str())).collect();
        assert_eq!(
            kinds,
            [
                (Kind::Heading(2), "标题"),
                (Kind::Text, "——副标题"),
                (Kind::Bold, "一、做法"),
                (Kind::Verbatim, "- 甲\n- 乙"),
                (Kind::Verbatim, "| a | b |\n|---|---|"),
                (Kind::Heading(1), "节名"),
                (Kind::Rule, ""),
                (Kind::Verbatim, "```\ncode\n```"),
                (Kind::Text, "正文"),
            ]
        );
        assert!(u.last().is_some_and(|u| !u.gap));
    }
}

//! The masthead at the top of an issue:
//!
//! ```text
//! 联络动态
//! LIANLUODONGTAI
//! 第 19 期                       (or 第十九期, 2021年第19期, 第19期（总第643期）)
//! （总第六百四十三期）
//! 某某人大常委会选举任免联络工作委员会编
//! 2021 年 10 月 27 日
//! ```
//!
//! A document is a bulletin only if a `第 n 期` line stands alone (after an optional
//! publication name or year) among its first lines, before any line of running text.

use std::sync::LazyLock;

use regex_lite::Regex;

use crate::error::Unimportable;

use super::numerals::{self, DateFound, NUMBER_CLASS};
use super::text::{bare, len, trim};

/// What the masthead says, and where the body begins.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Masthead {
    pub(crate) issue: u32,
    pub(crate) total: Option<u32>,
    pub(crate) publisher: Option<String>,
    /// The first date in the masthead (possibly one that does not exist, to report it).
    pub(crate) date: Option<DateFound>,
    /// Index of the first line after the masthead.
    pub(crate) end: usize,
    /// Masthead lines a PDF may repeat at the top of every page (联络动态, LIANLUODONGTAI).
    pub(crate) running_heads: Vec<String>,
}

/// How many non-blank lines from the top the `第 n 期` line may be.
const SEARCH_LINES: usize = 12;
/// A line before the issue number longer than this is running text: not a masthead.
const MAX_PREFIX_LINE: usize = 40;
const MAX_PUBLISHER_LINE: usize = 60;

static ISSUE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?:(?P<y>[0-9０-９]{{4}}|[〇零○一二三四五六七八九]{{4}})[ \u{{3000}}]*年[ \u{{3000}}]*度?[ \u{{3000}}]*)?第[ \u{{3000}}]*(?P<n>[{NUMBER_CLASS}]+)[ \u{{3000}}]*期"
    ))
    .expect("valid issue pattern")
});

static TOTAL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"[（(]?[ \u{{3000}}]*总[ \u{{3000}}]*第?[ \u{{3000}}]*(?P<t>[{NUMBER_CLASS}]+)[ \u{{3000}}]*期[ \u{{3000}}]*[）)]?"
    ))
    .expect("valid total pattern")
});

/// What one masthead line holds.
#[derive(Debug, Default, PartialEq)]
struct Line {
    issue: Option<u32>,
    total: Option<u32>,
    date: Option<DateFound>,
    /// The text left when the issue, total and date are taken out.
    rest: String,
}

fn cut(s: &str, r: std::ops::Range<usize>) -> String {
    format!(
        "{} {}",
        s.get(..r.start).unwrap_or_default(),
        s.get(r.end..).unwrap_or_default()
    )
}

/// Text that may stand before `第 n 期` on its line: nothing, or a publication name.
fn name_like(s: &str) -> bool {
    let s = trim(s);
    s.is_empty() || (len(s) <= 12 && !s.contains(['，', '。', '；', '！', '？', '：', '、']))
}

fn analyze(text: &str) -> Line {
    let mut rest = text.to_string();
    let mut line = Line::default();
    if let Some(c) = TOTAL.captures(&rest)
        && let Some(m) = c.get(0)
    {
        line.total = c.name("t").and_then(|t| numerals::parse_number(t.as_str()));
        rest = cut(&rest, m.range());
    }
    if let Some(d) = numerals::find_date(&rest) {
        let r = match &d {
            DateFound::Date(_, r) | DateFound::Invalid(_, r) => r.clone(),
        };
        rest = cut(&rest, r);
        line.date = Some(d);
    }
    if let Some(c) = ISSUE.captures(&rest)
        && let Some(m) = c.get(0)
    {
        let before = rest.get(..m.start()).unwrap_or_default();
        let after = rest.get(m.end()..).unwrap_or_default();
        let after_empty = after.chars().all(|c| c.is_whitespace() || "（）()·|｜/-—".contains(c));
        if after_empty && name_like(before) {
            line.issue = c.name("n").and_then(|n| numerals::parse_number(n.as_str()));
            if line.issue.is_some() {
                rest = before.to_string();
            }
        }
    }
    line.rest = trim(rest.trim_matches(|c: char| c.is_whitespace() || "（）()".contains(c))).to_string();
    line
}

/// `某某编` → `某某` (not 汇编, 选编 … which end titles).
fn publisher(rest: &str) -> Option<String> {
    let name = rest.strip_suffix("编印").or_else(|| rest.strip_suffix('编'))?;
    let words = ["汇", "选", "新", "续", "改", "整", "主", "合"];
    if words.iter().any(|w| name.ends_with(w)) || len(rest) > MAX_PUBLISHER_LINE {
        return None;
    }
    let name = trim(name);
    (!name.is_empty()).then(|| name.to_string())
}

/// Masthead decoration: the pinyin name, 内部资料 notices, rules.
fn noise(rest: &str) -> bool {
    let pinyin = rest.chars().all(|c| c.is_ascii_alphabetic() || c == ' ')
        && rest.chars().filter(char::is_ascii_alphabetic).count() >= 4;
    let notice = len(rest) <= 30
        && ["内部资料", "注意保存", "内部刊物", "内部交流", "仅供参考"]
            .iter()
            .any(|w| rest.contains(w));
    let rule = len(rest) >= 3 && rest.chars().all(|c| "-—=_*━─═~～·.".contains(c));
    pinyin || notice || rule
}

/// Finds the masthead, or says why the document is not a bulletin.
pub(crate) fn find(lines: &[String]) -> Result<Masthead, Unimportable> {
    let bares: Vec<String> = lines.iter().map(|l| bare(l)).collect();
    let Some(issue_at) = issue_line(&bares) else {
        return Err(Unimportable::NotABulletin);
    };
    let mut m = Masthead {
        issue: 0,
        total: None,
        publisher: None,
        date: None,
        end: issue_at + 1,
        running_heads: Vec::new(),
    };
    m.above(&bares[..issue_at]);
    m.issue_and_below(&bares, issue_at);
    if m.issue == 0 {
        return Err(Unimportable::IssueZero);
    }
    Ok(m)
}

/// The line with the issue number (第 n 期), among the first lines, before any long one.
fn issue_line(bares: &[String]) -> Option<usize> {
    let mut seen = 0;
    for (i, b) in bares.iter().enumerate() {
        if b.is_empty() {
            continue;
        }
        seen += 1;
        if seen > SEARCH_LINES {
            break;
        }
        if analyze(b).issue.is_some() {
            return Some(i);
        }
        if len(b) > MAX_PREFIX_LINE {
            break;
        }
    }
    None
}

impl Masthead {
    /// Keeps the total number and the date a masthead line gives, unless found already.
    fn take(&mut self, l: &Line) {
        if self.total.is_none() {
            self.total = l.total;
        }
        let better = matches!(self.date, None | Some(DateFound::Invalid(..)));
        if better && l.date.is_some() {
            self.date = l.date.clone();
        }
    }

    /// Above the issue number: the publication name and anything else short.
    fn above(&mut self, bares: &[String]) {
        for b in bares.iter().filter(|b| !b.is_empty()) {
            let l = analyze(b);
            self.take(&l);
            match publisher(&l.rest) {
                Some(p) if self.publisher.is_none() => self.publisher = Some(p),
                _ if !l.rest.is_empty() => self.running_heads.push(b.clone()),
                _ => {}
            }
        }
    }

    /// The issue line and the masthead lines after it, up to the first line that is not one.
    fn issue_and_below(&mut self, bares: &[String], issue_at: usize) {
        let mut i = issue_at;
        while let Some(b) = bares.get(i) {
            if b.is_empty() {
                i += 1;
                continue;
            }
            let l = analyze(b);
            if i == issue_at {
                self.issue = l.issue.unwrap_or(0);
            }
            let next_nonblank = bares.iter().skip(i + 1).position(|x| !x.is_empty()).map(|p| i + 1 + p);
            let consumed = if l.issue.is_some() || l.rest.is_empty() {
                true
            } else if let Some(p) = publisher(&l.rest).filter(|_| self.publisher.is_none()) {
                self.publisher = Some(p);
                true
            } else if noise(&l.rest) {
                self.running_heads.push(b.clone());
                true
            } else if let Some(n) = next_nonblank.filter(|&n| bares.get(n).is_some_and(|x| x == "编"))
                && self.publisher.is_none()
                && len(&l.rest) <= MAX_PUBLISHER_LINE
            {
                // The publisher on one line, 编 on the next.
                self.publisher = Some(l.rest.clone());
                self.take(&l);
                i = n + 1;
                self.end = i;
                continue;
            } else {
                false
            };
            if !consumed {
                break;
            }
            self.take(&l);
            i += 1;
            self.end = i;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn lines(s: &str) -> Vec<String> {
        s.lines().map(str::to_string).collect()
    }

    fn date(m: &Masthead) -> Option<NaiveDate> {
        match m.date {
            Some(DateFound::Date(d, _)) => Some(d),
            _ => None,
        }
    }

    #[test]
    fn plain_masthead() {
        let doc = lines(
            "\n联络动态\n\nLIANLUODONGTAI\n\n第 19 期\n\n(总第六百四十三期)\n\n某县人大常委会选举任免联络工作委员会编\n\n2021 年 10 月 27 日\n\n标题\n\n正文。",
        );
        let m = find(&doc).unwrap();
        assert_eq!(m.issue, 19);
        assert_eq!(m.total, Some(643));
        assert_eq!(m.publisher.as_deref(), Some("某县人大常委会选举任免联络工作委员会"));
        assert_eq!(date(&m), NaiveDate::from_ymd_opt(2021, 10, 27));
        assert_eq!(doc[m.end..].iter().find(|l| !l.is_empty()).unwrap(), "标题");
        assert_eq!(m.running_heads, ["联络动态", "LIANLUODONGTAI"]);
    }

    #[test]
    fn one_line_forms() {
        let doc = lines("# 联络动态\n2024年第九期（总第七百零九期）\n青石镇人大主席团 编  2024年7月30日\n## 标题");
        let m = find(&doc).unwrap();
        assert_eq!((m.issue, m.total), (9, Some(709)));
        assert_eq!(m.publisher.as_deref(), Some("青石镇人大主席团"));
        assert_eq!(date(&m), NaiveDate::from_ymd_opt(2024, 7, 30));
        assert_eq!(m.end, 3);
    }

    #[test]
    fn publisher_then_bian_on_its_own_line() {
        let doc = lines("第 3 期\n白沙市人大常委会代表工作委员会\n编\n2023 年 1 月 5 日\n标题");
        let m = find(&doc).unwrap();
        assert_eq!(m.publisher.as_deref(), Some("白沙市人大常委会代表工作委员会"));
        assert_eq!(m.end, 4);
    }

    #[test]
    fn issue_number_inside_a_sentence_is_not_a_masthead() {
        for doc in [
            "首页 > 新闻中心\n第十九期代表培训班开班\n发布时间：2024年7月30日",
            "县人大常委会召开会议，审议了第 3 期工作简报，并作出部署安排，会议由主任主持，全体委员出席。\n第 3 期",
            "",
            "总第 643 期",
        ] {
            let e = find(&lines(doc)).unwrap_err();
            assert!(e.to_string().contains("not a bulletin"), "{e}");
        }
    }

    #[test]
    fn issue_zero_is_refused() {
        assert!(
            find(&lines("第 0 期\n2024年1月1日"))
                .unwrap_err()
                .to_string()
                .contains("at least 1")
        );
    }
}

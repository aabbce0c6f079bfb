//! Units → articles. The rules, in order:
//!
//! - The first title after the masthead opens the first article: a heading, a bold line, or a
//!   short line without closing punctuation.
//! - A `——…` line right under a title is its subtitle.
//! - A paragraph wholly in （） or () ending in 供稿 or 综合 is the article's attribution and
//!   closes it; the next title opens the next article.
//! - Inside an article, headings (`## …`, `**…**`, `一、…`, `（一）…`, and in plain text short
//!   lines with no punctuation between blank lines) are sections. A heading opens a new
//!   article before an attribution only if it clearly is one: a `——` subtitle follows it, or
//!   it is a bigger Markdown heading than the current article's title.
//! - A paragraph that does not end a sentence continues in the next line of text (a soft wrap
//!   or a page break), however many blank lines or page numbers come between.

use super::paragraphs::{Kind, Unit, is_heading_like, is_numbered_heading, numbering};
use super::text::{ends_closed, join_into, len, tighten, trim};
use crate::content::bulletin::attribution;

/// The longest line taken as an article title.
const MAX_TITLE: usize = 64;

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Block {
    Para(String),
    /// A section heading and its level (3 for the first numbering style of the article, 4 for
    /// the second, …).
    Section(u8, String),
    Verbatim(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Article {
    pub title: String,
    pub subtitle: Option<String>,
    pub(crate) blocks: Vec<Block>,
    /// Without its parentheses: `某某人大常委会供稿`.
    pub attribution: Option<String>,
    /// How big the title was: a Markdown heading level, 7 for bold, 8 for plain text.
    level: u8,
    /// Numbering styles of its sections, in order of first use.
    styles: Vec<usize>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Body {
    /// Text before the first article.
    pub(crate) intro: Vec<Block>,
    pub(crate) articles: Vec<Article>,
}

/// `——某市某工作综述`, possibly in parentheses, with `--` written for `——`.
fn subtitle(u: &Unit) -> Option<String> {
    if !matches!(u.kind, Kind::Text | Kind::Bold) {
        return None;
    }
    let t = trim(&u.text);
    let inner = t.strip_prefix('（').and_then(|r| r.strip_suffix('）')).map_or(t, trim);
    if inner.starts_with('—') {
        return Some(t.to_string());
    }
    let rest = inner.strip_prefix("--").or_else(|| inner.strip_prefix("－－"))?;
    let rest = trim(rest.trim_start_matches(['-', '－']));
    (!rest.is_empty()).then(|| format!("——{rest}"))
}

/// A paragraph ending in an attribution (`……的欢迎。（某某供稿）`): the paragraph and the
/// attribution. Only the last opening parenthesis can start one (an attribution has none
/// inside), and only near the end.
fn split_attribution(p: &str) -> Option<(String, String)> {
    if !p.ends_with(['）', ')']) {
        return None;
    }
    let window = p.len().saturating_sub(400);
    let tail_start = (window..p.len()).find(|&k| p.is_char_boundary(k))?;
    let k = tail_start + p.get(tail_start..)?.rfind(['（', '('])?;
    let (before, tail) = (p.get(..k)?, p.get(k..)?);
    let a = attribution(tail)?;
    (k > 0 && ends_closed(before)).then(|| (trim(before).to_string(), a))
}

struct Builder<'a> {
    units: &'a [Unit],
    markdown: bool,
    body: Body,
    cur: Option<Article>,
    /// After the masthead and after an attribution: the next title opens an article.
    expect_title: bool,
    /// How wide (in columns, [`width`]) a full line of running text is, in a plain-text document whose
    /// paragraphs are wrapped: a line that long was cut by the wrap (or a page break), and is
    /// never a heading, numbered or not.
    wrap: Option<usize>,
}

/// How wide a line is set: a Chinese character takes two columns, an ASCII one.
fn width(s: &str) -> usize {
    s.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum()
}

/// The width of a wrapped plain-text document: the most common length of the lines of text
/// that run on into the next line (no closing mark, the next line right below). `None` when
/// fewer than three lines run on (paragraphs are one line each, as some converters write).
fn wrap_width(units: &[Unit]) -> Option<usize> {
    let mut counts: std::collections::BTreeMap<usize, usize> = std::collections::BTreeMap::new();
    for w in units.windows(2) {
        if w[0].kind == Kind::Text && w[1].kind == Kind::Text && !w[1].gap && !ends_closed(&w[0].text) {
            *counts.entry(width(&w[0].text)).or_default() += 1;
        }
    }
    let (&width, &n) = counts.iter().max_by_key(|&(w, n)| (*n, *w))?;
    (counts.values().sum::<usize>() >= 3 && n >= 2).then_some(width)
}

impl Builder<'_> {
    fn close(&mut self) {
        if let Some(a) = self.cur.take() {
            self.body.articles.push(a);
        }
    }

    fn open(&mut self, title: String, level: u8, at: usize) -> usize {
        self.close();
        let mut a = Article {
            title,
            subtitle: None,
            blocks: Vec::new(),
            attribution: None,
            level,
            styles: Vec::new(),
        };
        let mut next = at + 1;
        if let Some(s) = self.units.get(next).and_then(subtitle) {
            a.subtitle = Some(s);
            next += 1;
        }
        self.cur = Some(a);
        self.expect_title = false;
        next
    }

    /// The article that text goes into: the open one, or the last one reopened if text follows
    /// its attribution (which then stays where it was, as a paragraph), or none (the intro).
    fn target(&mut self) -> Option<&mut Article> {
        if self.cur.is_none()
            && let Some(mut last) = self.body.articles.pop()
        {
            if let Some(a) = last.attribution.take() {
                last.blocks.push(Block::Para(format!("（{a}）")));
            }
            self.cur = Some(last);
        }
        self.cur.as_mut()
    }

    fn add(&mut self, block: Block) {
        match self.target() {
            Some(a) => {
                a.blocks.push(block);
                self.expect_title = false;
            }
            None => self.body.intro.push(block),
        }
    }

    fn section(&mut self, text: &str) {
        let style = numbering(text);
        let level = match self.target() {
            Some(a) => match style {
                Some(s) => {
                    let pos = a.styles.iter().position(|&x| x == s).unwrap_or_else(|| {
                        a.styles.push(s);
                        a.styles.len() - 1
                    });
                    3 + pos.min(2) as u8
                }
                None => 3,
            },
            None => 3,
        };
        self.add(Block::Section(level, text.to_string()));
    }

    fn attribute(&mut self, a: String) {
        match self.target() {
            Some(article) => {
                article.attribution = Some(a);
                self.close();
            }
            None => self.body.intro.push(Block::Para(format!("（{a}）"))),
        }
        self.expect_title = true;
    }

    fn next_is_subtitle(&self, i: usize) -> bool {
        self.units.get(i + 1).and_then(subtitle).is_some()
    }

    /// Whether the unit after `i` starts after a blank line or is not running text.
    fn stands_alone(&self, i: usize) -> bool {
        self.units.get(i + 1).is_none_or(|n| n.gap || n.kind != Kind::Text)
    }

    /// Whether `n` carries on the paragraph `p` (which does not end a sentence).
    fn continues(&self, n: &Unit, p: &str) -> bool {
        if split_attribution(p).is_some() {
            return false;
        }
        if n.kind != Kind::Text || attribution(&n.text).is_some() || subtitle(n).is_some() {
            return false;
        }
        if self.markdown && !n.gap {
            return true;
        }
        !(ends_closed(p) || (is_numbered_heading(&n.text) && n.gap))
    }

    fn paragraph(&mut self, i: usize) -> usize {
        let Some(first) = self.units.get(i) else {
            return i + 1;
        };
        let mut p = first.text.clone();
        let mut j = i + 1;
        // A stray `——` line (not under a title) stands alone.
        let alone = subtitle(first).is_some();
        while let Some(n) = self.units.get(j).filter(|_| !alone) {
            if !self.continues(n, &p) {
                break;
            }
            join_into(&mut p, &n.text);
            j += 1;
        }
        let p = tighten(&p);
        match split_attribution(&p) {
            Some((before, a)) => {
                if !before.is_empty() {
                    self.add(Block::Para(before));
                }
                self.attribute(a);
            }
            None => self.add(Block::Para(p)),
        }
        j
    }

    fn heading(&mut self, i: usize, text: &str, level: u8) -> usize {
        let bigger = self.cur.as_ref().is_some_and(|a| level < a.level);
        if self.expect_title || self.next_is_subtitle(i) || bigger {
            self.open(text.to_string(), level, i)
        } else {
            self.section(text);
            i + 1
        }
    }

    fn run(mut self) -> Body {
        let mut i = 0;
        while let Some(u) = self.units.get(i) {
            let t = u.text.as_str();
            i = match u.kind {
                Kind::Rule => i + 1,
                Kind::Verbatim => {
                    self.add(Block::Verbatim(u.text.clone()));
                    i + 1
                }
                _ if attribution(t).is_some() => {
                    self.attribute(attribution(t).unwrap_or_default());
                    i + 1
                }
                Kind::Heading(level) => self.heading(i, t, level),
                Kind::Bold if !ends_closed(t) && len(t) <= MAX_TITLE => self.heading(i, t, 7),
                Kind::Bold => self.paragraph(i),
                Kind::Text => {
                    let titled = self.expect_title
                        && !ends_closed(t)
                        && len(t) <= MAX_TITLE
                        && numbering(t).is_none()
                        && subtitle(u).is_none();
                    let full = self.wrap.is_some_and(|w| width(t) + 2 >= w);
                    let numbered = is_numbered_heading(t) && !full && (self.stands_alone(i) || len(t) <= 25);
                    let plain_heading = !self.markdown
                        && u.gap
                        && self.stands_alone(i)
                        && is_heading_like(t)
                        && (self.cur.is_some() || !self.body.articles.is_empty());
                    if titled {
                        self.open(t.to_string(), 8, i)
                    } else if numbered || plain_heading {
                        self.heading(i, t, 8)
                    } else {
                        self.paragraph(i)
                    }
                }
            };
        }
        self.close();
        self.body
    }
}

/// Builds the articles of an issue from its units.
pub(crate) fn build(units: &[Unit], markdown: bool) -> Body {
    Builder {
        units,
        markdown,
        body: Body::default(),
        cur: None,
        expect_title: true,
        wrap: if markdown { None } else { wrap_width(units) },
    }
    .run()
}

#[cfg(test)]
mod tests {
    use super::super::paragraphs::units;
    use super::*;

    fn body(doc: &str, markdown: bool) -> Body {
        let lines: Vec<String> = doc.lines().map(str::to_string).collect();
        build(&units(&lines, markdown, &[]), markdown)
    }

    fn paras(a: &Article) -> Vec<&str> {
        a.blocks
            .iter()
            .filter_map(|b| match b {
                Block::Para(p) => Some(p.as_str()),
                _ => None,
            })
            .collect()
    }

    fn sections(a: &Article) -> Vec<(u8, &str)> {
        a.blocks
            .iter()
            .filter_map(|b| match b {
                Block::Section(l, s) => Some((*l, s.as_str())),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn a_numbered_item_cut_by_a_page_break_is_joined() {
        let doc = "县人大常委会二〇二五年工作要点\n\n一、加强代表工作\n\n全年组织代表开展集中视察两次，围绕乡村振兴和\n基层治理等重点工作深入联络站听取群众意见建议\n，形成调研报告报常委会审议。\n\n代表们围绕群众关心的道路交通和饮水安全问题提\n出建议十二条。\n\n12. 做好市人大代表列席县人大常委会会议和旁\n\n— 3 —\n\n听工作，组织代表参加执法检查活动。\n\n13. 加强代表履职学习培训。";
        let b = body(doc, false);
        let a = &b.articles[0];
        assert_eq!(sections(a), [(3, "一、加强代表工作")]);
        assert_eq!(
            paras(a)[2],
            "12. 做好市人大代表列席县人大常委会会议和旁听工作，组织代表参加执法检查活动。"
        );
        assert_eq!(paras(a)[3], "13. 加强代表履职学习培训。");
    }

    #[test]
    fn plain_text_articles_sections_and_page_breaks() {
        let doc = "县里推进代表进站工作\n\n今年以来,全县各联络站接待群众 300 余人次。\n\n一、建好阵地,规范运行\n\n各站统一制作标识牌，配备\n\n\n— 2 —\n\n接待登记簿。\n\n二、用好平台\n\n代表每月进站一次。\n\n（县人大常委会联工委 综合）\n\n石桥镇召开代表座谈会\n\n——石桥镇代表履职工作综述\n\n座谈会上，代表们发言踊跃。（石桥镇人大主席团供稿）";
        let b = body(doc, false);
        assert!(b.intro.is_empty());
        assert_eq!(b.articles.len(), 2);
        let a = &b.articles[0];
        assert_eq!(a.title, "县里推进代表进站工作");
        assert_eq!(a.subtitle, None);
        assert_eq!(sections(a), [(3, "一、建好阵地，规范运行"), (3, "二、用好平台")]);
        assert_eq!(
            paras(a),
            [
                "今年以来，全县各联络站接待群众 300 余人次。",
                "各站统一制作标识牌，配备接待登记簿。",
                "代表每月进站一次。"
            ]
        );
        assert_eq!(a.attribution.as_deref(), Some("县人大常委会联工委 综合"));
        let a = &b.articles[1];
        assert_eq!(a.title, "石桥镇召开代表座谈会");
        assert_eq!(a.subtitle.as_deref(), Some("——石桥镇代表履职工作综述"));
        assert_eq!(paras(a), ["座谈会上，代表们发言踊跃。"]);
        assert_eq!(a.attribution.as_deref(), Some("石桥镇人大主席团供稿"));
    }

    #[test]
    fn markdown_sections_until_the_attribution() {
        let doc = "## 建好联络阵地\n\n——某市联络阵地建设综述\n\n导语、\n\n结尾。\n\n## 稳步推进 站点全覆盖\n\n正文一，\n\n\n\n正文二。\n\n## **规范管理**\n\n### **注重实效**\n\n（一）做法\n\n正文三。\n\n(某市人大常委会联工委供稿)\n\n## 第二篇\n\n正文四。\n\n## 第三篇\n\n——副题\n\n正文五。";
        let b = body(doc, true);
        let titles: Vec<&str> = b.articles.iter().map(|a| a.title.as_str()).collect();
        assert_eq!(titles, ["建好联络阵地", "第二篇", "第三篇"]);
        let a = &b.articles[0];
        assert_eq!(a.subtitle.as_deref(), Some("——某市联络阵地建设综述"));
        assert_eq!(paras(a), ["导语、结尾。", "正文一，正文二。", "正文三。"]);
        assert_eq!(
            sections(a),
            [
                (3, "稳步推进 站点全覆盖"),
                (3, "规范管理"),
                (3, "注重实效"),
                (3, "（一）做法")
            ]
        );
        assert_eq!(a.attribution.as_deref(), Some("某市人大常委会联工委供稿"));
        assert_eq!(b.articles[1].attribution, None);
        assert_eq!(b.articles[2].subtitle.as_deref(), Some("——副题"));
    }

    #[test]
    fn an_attribution_ends_a_paragraph_and_its_article() {
        let b = body(
            "甲\n\n正文，交有关部门\n\n办理。（某镇供稿）\n\n乙\n\n——副题\n\n正文。",
            false,
        );
        assert_eq!(b.articles.len(), 2);
        assert_eq!(paras(&b.articles[0]), ["正文，交有关部门办理。"]);
        assert_eq!(b.articles[0].attribution.as_deref(), Some("某镇供稿"));
        assert_eq!(b.articles[1].subtitle.as_deref(), Some("——副题"));
    }

    #[test]
    fn a_dash_line_elsewhere_is_a_paragraph_of_its_own() {
        let b = body("甲\n\n正文。\n\n——一段引语\n\n正文二。", false);
        assert_eq!(paras(&b.articles[0]), ["正文。", "——一段引语", "正文二。"]);
    }

    #[test]
    fn plain_text_unnumbered_heading() {
        let b = body("标题\n\n正文。\n\n稳步推进 站点全覆盖\n\n正文二。", false);
        assert_eq!(sections(&b.articles[0]), [(3, "稳步推进 站点全覆盖")]);
    }

    #[test]
    fn second_numbering_style_is_a_level_down() {
        let b = body(
            "标题\n\n一、大节\n\n（一）小节\n\n正文。\n\n（二）小节\n\n正文。\n\n二、大节\n\n正文。",
            false,
        );
        let levels: Vec<u8> = sections(&b.articles[0]).iter().map(|s| s.0).collect();
        assert_eq!(levels, [3, 4, 4, 3]);
    }

    #[test]
    fn text_before_a_title_and_after_an_attribution() {
        let b = body(
            "编者按：本期刊发两篇稿件。\n\n标题\n\n正文。\n\n（甲供稿）\n\n又一段话。",
            false,
        );
        assert_eq!(b.intro, [Block::Para("编者按：本期刊发两篇稿件。".into())]);
        assert_eq!(b.articles.len(), 1);
        assert_eq!(paras(&b.articles[0]), ["正文。", "（甲供稿）", "又一段话。"]);
        assert_eq!(b.articles[0].attribution, None);
    }

    #[test]
    fn quoted_ending_is_not_a_sentence_end() {
        let b = body("标题\n\n会上提出了“代表要常回选区听民声”\n\n\n的要求。", false);
        assert_eq!(paras(&b.articles[0]), ["会上提出了“代表要常回选区听民声”的要求。"]);
    }

    #[test]
    fn attributions_inside_paragraphs() {
        assert_eq!(
            split_attribution("受到欢迎。（某镇供稿）"),
            Some(("受到欢迎。".to_string(), "某镇供稿".to_string()))
        );
        assert_eq!(split_attribution("共有（某镇供稿）"), None);
        assert_eq!(split_attribution("（某镇供稿）"), None);
    }
}

//! Bulletin issues (《联络动态》): content/bulletins/<year>/<n>.md, and the articles of an issue.

use std::ops::Range;

use chrono::{Datelike, NaiveDate};
use comrak::Arena;
use comrak::nodes::{Ast, AstNode, LineColumn, NodeValue};

use super::fields::{Spanned, Table};
use crate::diag::{Diagnostics, SourceRef};
use crate::markdown;

#[derive(Debug, Clone)]
pub struct Issue {
    pub(crate) year: i32,
    pub number: u32,
    pub(crate) src: SourceRef,
    pub(crate) date: NaiveDate,
    pub(crate) total: Option<Spanned<u32>>,
    pub(crate) publisher: Option<String>,
    pub(crate) editors: Vec<String>,
    pub(crate) contact: Option<String>,
    pub(crate) approval: Option<String>,
    pub(crate) recipients: Vec<String>,
    pub(crate) body: Range<usize>,
    pub(crate) extra: serde_json::Value,
}

impl Issue {
    pub(crate) fn body(&self) -> &str {
        &self.src.text[self.body.clone()]
    }
}

const KEYS: &[&str] = &[
    "date",
    "issue",
    "total",
    "publisher",
    "editors",
    "contact",
    "approval",
    "recipients",
];

/// Reads an issue whose path says `<year>/<number>.md` (`year` is `None` when the folder is
/// not a year, which the loader has reported).
pub fn read(
    year: Option<i32>,
    number: u32,
    src: &SourceRef,
    t: &Table,
    body: Range<usize>,
    diags: &mut Diagnostics,
) -> Option<Issue> {
    t.deny_unknown(KEYS, diags);
    let date = t.date("date", true, diags);
    if let (Some(d), Some(year)) = (&date, year)
        && d.year() != year
    {
        diags.push(
            src.error(
                d.span.clone(),
                format!("the issue is dated {} but its folder is bulletins/{year}/", d.value),
            )
            .with_hint(format!(
                "move the file to content/bulletins/{}/ or fix `date`",
                d.year()
            )),
        );
    }
    if let Some(i) = t.integer("issue", false, diags)
        && i.value != number as i64
    {
        diags.push(
            src.error(
                i.span.clone(),
                format!("`issue = {}` but the file is {number}.md", i.value),
            )
            .with_hint(format!("rename the file to {}.md or set issue = {number}", i.value)),
        );
    }
    let total = t.integer("total", false, diags).and_then(|n| {
        if (1..=i64::from(u32::MAX)).contains(&n.value) {
            Some(Spanned::new(n.value as u32, n.span))
        } else {
            diags.push(src.error(n.span.clone(), "`total` must be a positive number"));
            None
        }
    });
    let publisher = t.string("publisher", false, diags).map(|s| s.value);
    let editors = strings(t.string_list("editors", diags));
    let contact = t.string("contact", false, diags).map(|s| s.value);
    let approval = t.string("approval", false, diags).map(|s| s.value);
    let recipients = strings(t.string_list("recipients", diags));
    let extra = t.extra(diags);
    let date = date?;
    let year = year.filter(|&y| y == date.year())?;
    Some(Issue {
        year,
        number,
        src: src.clone(),
        date: date.value,
        total,
        publisher,
        editors,
        contact,
        approval,
        recipients,
        body,
        extra,
    })
}

fn strings(list: Option<Spanned<Vec<Spanned<String>>>>) -> Vec<String> {
    list.map(|l| l.value.into_iter().map(|s| s.value).collect())
        .unwrap_or_default()
}

/// One article of an issue.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Article {
    /// The anchor: `a1`, `a2`, …
    pub(crate) id: String,
    pub title: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subtitle: Option<String>,
    pub body_html: String,
    /// The source line without its parentheses: `某某人大常委会供稿`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub attribution: Option<String>,
}

/// The articles of an issue and any text before the first one.
#[derive(Debug, Clone, PartialEq)]
pub struct Articles {
    pub intro_html: Option<String>,
    pub articles: Vec<Article>,
}

/// `（某某人大常委会供稿）` → `某某人大常委会供稿`: a paragraph wholly inside parentheses that
/// ends in 供稿 or 综合.
pub(crate) fn attribution(text: &str) -> Option<String> {
    let t = text.trim();
    let inner = t
        .strip_prefix('（')
        .and_then(|r| r.strip_suffix('）'))
        .or_else(|| t.strip_prefix('(').and_then(|r| r.strip_suffix(')')))?
        .trim();
    let opens = inner.contains(['（', '(', ')', '）']);
    ((inner.ends_with("供稿") || inner.ends_with("综合")) && !opens).then(|| inner.to_string())
}

/// `——某市某工作综述`, possibly in parentheses.
fn subtitle(text: &str) -> Option<String> {
    let t = text.trim();
    let t = t
        .strip_prefix('（')
        .and_then(|r| r.strip_suffix('）'))
        .or_else(|| t.strip_prefix('(').and_then(|r| r.strip_suffix(')')))
        .unwrap_or(t)
        .trim();
    (t.starts_with("——") || t.starts_with("—")).then(|| t.to_string())
}

fn is_article_heading(n: &AstNode<'_>) -> bool {
    matches!(n.data.borrow().value, NodeValue::Heading(ref h) if h.level == 2)
}

fn is_paragraph(n: &AstNode<'_>) -> bool {
    matches!(n.data.borrow().value, NodeValue::Paragraph)
}

/// Splits an issue's Markdown into articles: each `## ` heading starts one.
pub fn articles(md: &str, allow_html: bool) -> Articles {
    let opts = markdown::options(allow_html);
    let arena = Arena::new();
    let root = markdown::parse(&arena, md, &opts);
    let nodes: Vec<&AstNode> = root.children().collect();
    let new_doc = || {
        &*arena.alloc(AstNode::from(Ast::new(
            NodeValue::Document,
            LineColumn { line: 1, column: 1 },
        )))
    };

    let first = nodes.iter().position(|n| is_article_heading(n)).unwrap_or(nodes.len());
    let intro_html = (first > 0).then(|| {
        let doc = new_doc();
        for n in &nodes[..first] {
            n.detach();
            doc.append(n);
        }
        markdown::label_cells(markdown::node_html(doc, &opts))
    });

    let mut articles = Vec::new();
    let mut i = first;
    while i < nodes.len() {
        let heading = nodes[i];
        let end = nodes[i + 1..]
            .iter()
            .position(|n| is_article_heading(n))
            .map_or(nodes.len(), |p| i + 1 + p);
        let mut body: Vec<&AstNode> = nodes[i + 1..end].to_vec();
        let sub = body
            .first()
            .filter(|n| is_paragraph(n))
            .and_then(|n| subtitle(&markdown::plain_text(n)));
        if sub.is_some() {
            body.remove(0);
        }
        let attr = body
            .last()
            .filter(|n| is_paragraph(n))
            .and_then(|n| attribution(&markdown::plain_text(n)));
        if attr.is_some() {
            body.pop();
        }
        let doc = new_doc();
        for n in body {
            n.detach();
            doc.append(n);
        }
        articles.push(Article {
            id: format!("a{}", articles.len() + 1),
            title: markdown::plain_text(heading),
            subtitle: sub,
            body_html: markdown::label_cells(markdown::node_html(doc, &opts)),
            attribution: attr,
        });
        i = end;
    }
    Articles { intro_html, articles }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attributions() {
        assert_eq!(
            attribution("（清溪县人大常委会供稿）").as_deref(),
            Some("清溪县人大常委会供稿")
        );
        assert_eq!(attribution("(本刊综合)").as_deref(), Some("本刊综合"));
        assert_eq!(attribution("（未完待续）"), None);
        assert_eq!(attribution("据统计（本刊综合）"), None);
    }

    #[test]
    fn splits_articles_with_subtitles_sections_and_attributions() {
        let md = "## 第一篇 **标题**\n\n——某镇工作综述\n\n正文一。\n\n### 一、做法\n\n正文二。\n\n（某镇人大主席团供稿）\n\n## 第二篇\n\n正文三。\n\n(本刊综合)\n";
        let a = articles(md, false);
        assert!(a.intro_html.is_none());
        assert_eq!(a.articles.len(), 2);
        let first = &a.articles[0];
        assert_eq!(first.id, "a1");
        assert_eq!(first.title, "第一篇 标题");
        assert_eq!(first.subtitle.as_deref(), Some("——某镇工作综述"));
        assert_eq!(first.attribution.as_deref(), Some("某镇人大主席团供稿"));
        assert!(first.body_html.contains("<h3>一、做法</h3>"), "{}", first.body_html);
        assert!(!first.body_html.contains("供稿"));
        assert_eq!(a.articles[1].attribution.as_deref(), Some("本刊综合"));
    }

    #[test]
    fn text_before_the_first_article_is_an_intro() {
        let a = articles("前言。\n\n## 文章\n\n正文。\n", false);
        assert!(a.intro_html.unwrap().contains("前言"));
        assert_eq!(a.articles.len(), 1);
        assert!(a.articles[0].attribution.is_none());
    }
}

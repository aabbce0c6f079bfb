//! Writing the content file: TOML front matter (every string escaped here, since the `toml`
//! crate is built without its serializer) and the Markdown body.

use chrono::NaiveDate;

use super::articles::{Block, Body};

/// The front-matter values of an issue.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Meta {
    pub(crate) date: NaiveDate,
    pub(crate) issue: u32,
    pub(crate) total: Option<u32>,
    pub(crate) publisher: Option<String>,
    pub(crate) editors: Vec<String>,
    pub(crate) contact: Option<String>,
    pub(crate) approval: Option<String>,
    pub(crate) recipients: Vec<String>,
    /// Colophon entries with no key of their own, written as `[extra] colophon`.
    pub(crate) colophon: Vec<String>,
}

/// A TOML basic string: quotes, backslashes and control characters escaped.
pub(crate) fn toml_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn toml_list(items: &[String]) -> String {
    if items.len() <= 3 {
        let inner: Vec<String> = items.iter().map(|s| toml_string(s)).collect();
        return format!("[{}]", inner.join(", "));
    }
    let mut out = String::from("[\n");
    for s in items {
        out.push_str("    ");
        out.push_str(&toml_string(s));
        out.push_str(",\n");
    }
    out.push(']');
    out
}

/// The front matter, between its `+++` lines.
pub(crate) fn front_matter(m: &Meta) -> String {
    let mut out = String::from("+++\n");
    out.push_str(&format!("date = {}\n", m.date.format("%Y-%m-%d")));
    out.push_str(&format!("issue = {}\n", m.issue));
    if let Some(t) = m.total {
        out.push_str(&format!("total = {t}\n"));
    }
    let strings = [
        ("publisher", &m.publisher),
        ("contact", &m.contact),
        ("approval", &m.approval),
    ];
    for (i, (key, value)) in strings.iter().enumerate() {
        if i == 1 && !m.editors.is_empty() {
            out.push_str(&format!("editors = {}\n", toml_list(&m.editors)));
        }
        if let Some(v) = value.as_deref().filter(|v| !v.is_empty()) {
            out.push_str(&format!("{key} = {}\n", toml_string(v)));
        }
    }
    if !m.recipients.is_empty() {
        out.push_str(&format!("recipients = {}\n", toml_list(&m.recipients)));
    }
    if !m.colophon.is_empty() {
        out.push_str(&format!("\n[extra]\ncolophon = {}\n", toml_list(&m.colophon)));
    }
    out.push_str("+++\n");
    out
}

/// Escapes text that was not Markdown (a plain-text document) so that it reads back as the
/// same text: inline markup characters anywhere, block markers at the start.
pub(crate) fn escape_plain(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '&' | '~' | '|' | '$'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    if out.starts_with(['#', '-', '+', '=']) {
        out.insert(0, '\\');
    }
    // `1. ` or `1) ` would start a list.
    let digits = out.chars().take_while(char::is_ascii_digit).count();
    if (1..=9).contains(&digits) && out.get(digits..).is_some_and(|r| r.starts_with(['.', ')'])) {
        out.insert(digits, '\\');
    }
    out
}

/// Heading text: one line, and no trailing `#` (which would close the heading).
fn heading(s: &str, plain: bool) -> String {
    let one_line = s.replace('\n', " ");
    let mut t = if plain { escape_plain(&one_line) } else { one_line };
    if t.ends_with('#') {
        let hashes = t.chars().rev().take_while(|&c| c == '#').count();
        let cut = t.len().saturating_sub(hashes);
        t = format!("{}{}", t.get(..cut).unwrap_or_default(), "\\#".repeat(hashes));
    }
    t
}

/// A paragraph: one line, escaped if it came from plain text. Markdown paragraphs keep their
/// inline markup.
fn paragraph(s: &str, plain: bool) -> String {
    let one_line = s.replace('\n', " ");
    if plain { escape_plain(&one_line) } else { one_line }
}

fn block(out: &mut String, b: &Block, plain: bool) {
    match b {
        Block::Para(p) => out.push_str(&paragraph(p, plain)),
        Block::Section(level, s) => {
            out.push_str(&"#".repeat(usize::from(*level)));
            out.push(' ');
            out.push_str(&heading(s, plain));
        }
        Block::Verbatim(v) => out.push_str(v),
    }
    out.push_str("\n\n");
}

/// The Markdown body: `## Title`, the subtitle, paragraphs and `###` sections, `（…供稿）`.
pub(crate) fn body(b: &Body, plain: bool) -> String {
    let mut out = String::new();
    for x in &b.intro {
        block(&mut out, x, plain);
    }
    for a in &b.articles {
        out.push_str("## ");
        out.push_str(&heading(&a.title, plain));
        out.push_str("\n\n");
        if let Some(s) = &a.subtitle {
            out.push_str(&paragraph(s, plain));
            out.push_str("\n\n");
        }
        for x in &a.blocks {
            block(&mut out, x, plain);
        }
        if let Some(at) = &a.attribution {
            out.push_str(&paragraph(&format!("（{at}）"), plain));
            out.push_str("\n\n");
        }
    }
    let trimmed = out.trim_end().len();
    out.truncate(trimmed);
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_are_escaped() {
        assert_eq!(toml_string("a\"b\\c"), r#""a\"b\\c""#);
        assert_eq!(toml_string("x\u{1}y\nz"), r#""x\u0001y\nz""#);
        let t: toml::Table = toml::from_str(&format!("k = {}", toml_string("“引号”\"\\\u{7f}'''"))).unwrap();
        assert_eq!(t["k"].as_str(), Some("“引号”\"\\\u{7f}'''"));
    }

    #[test]
    fn front_matter_reads_back() {
        let m = Meta {
            date: NaiveDate::from_ymd_opt(2024, 7, 30).unwrap(),
            issue: 9,
            total: Some(709),
            publisher: Some("云溪县人大常委会".into()),
            editors: vec!["柳青".into(), "卢远".into()],
            contact: None,
            approval: Some("x\"y".into()),
            recipients: vec!["a".into(), "b".into(), "c".into(), "d".into()],
            colophon: vec!["签发：周明".into()],
        };
        let fm = front_matter(&m);
        let inner = fm.strip_prefix("+++\n").unwrap().strip_suffix("+++\n").unwrap();
        let t: toml::Table = toml::from_str(inner).unwrap();
        assert_eq!(t["date"].as_datetime().unwrap().to_string(), "2024-07-30");
        assert_eq!(t["issue"].as_integer(), Some(9));
        assert_eq!(t["approval"].as_str(), Some("x\"y"));
        assert_eq!(t["recipients"].as_array().unwrap().len(), 4);
        assert_eq!(t["extra"]["colophon"][0].as_str(), Some("签发：周明"));
        assert!(!t.contains_key("contact"));
    }

    #[test]
    fn plain_text_is_escaped() {
        assert_eq!(escape_plain("1. 甲"), "1\\. 甲");
        assert_eq!(escape_plain("- 甲"), "\\- 甲");
        assert_eq!(escape_plain("# 甲"), "\\# 甲");
        assert_eq!(escape_plain("a*b*<c>"), "a\\*b\\*\\<c\\>");
        assert_eq!(heading("标题#", true), "标题\\#");
        assert_eq!(
            crate::markdown::plain_text_of(&escape_plain("1) *x* [y] &amp; `z`")),
            "1) *x* [y] &amp; `z`"
        );
    }
}

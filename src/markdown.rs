//! Markdown through comrak: CommonMark + GFM tables, raw HTML and dangerous URLs off unless the
//! site allows raw HTML.

use comrak::nodes::{AstNode, NodeValue};
use comrak::{Arena, Options, format_html, parse_document};

pub fn options(allow_html: bool) -> Options<'static> {
    let mut o = Options::default();
    o.extension.table = true;
    o.extension.strikethrough = true;
    o.extension.autolink = true;
    o.render.r#unsafe = allow_html;
    o
}

pub fn to_html(md: &str, allow_html: bool) -> String {
    comrak::markdown_to_html(md, &options(allow_html))
}

/// Renders a node and its children.
pub fn node_html<'a>(node: &'a AstNode<'a>, opts: &Options) -> String {
    let mut out = String::new();
    // Writing into a String cannot fail.
    let _ = format_html(node, opts, &mut out);
    out
}

/// The plain text of a node: its text, code and line breaks, without markup.
pub fn plain_text<'a>(node: &'a AstNode<'a>) -> String {
    let mut out = String::new();
    for n in node.descendants() {
        match &n.data.borrow().value {
            NodeValue::Text(t) => out.push_str(t),
            NodeValue::Code(c) => out.push_str(&c.literal),
            NodeValue::SoftBreak | NodeValue::LineBreak => out.push(' '),
            _ => {}
        }
    }
    out.trim().to_string()
}

/// The plain text of a Markdown document.
pub fn plain_text_of(md: &str) -> String {
    let arena = Arena::new();
    let opts = options(false);
    plain_text(parse_document(&arena, md, &opts))
}

/// The text of an HTML fragment we rendered ourselves: tags dropped, the few entities comrak
/// writes decoded, whitespace collapsed.
pub fn html_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => {
                in_tag = true;
                out.push(' ');
            }
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    let out = out
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&amp;", "&");
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Parses `md` into `arena` and returns the document node.
pub fn parse<'a>(arena: &'a Arena<'a>, md: &str, opts: &Options) -> &'a AstNode<'a> {
    parse_document(arena, md, opts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_html_and_javascript_links_are_off_by_default() {
        let html = to_html("<script>alert(1)</script>\n\n[x](javascript:alert(1)) <b>b</b>", false);
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("javascript:"), "{html}");
        assert!(!html.contains("<b>"), "{html}");
    }

    #[test]
    fn text_of_rendered_html() {
        assert_eq!(html_text("<p>a &amp; <b>b</b></p>\n<p>&lt;c&gt;</p>"), "a & b <c>");
    }

    #[test]
    fn tables_render() {
        let html = to_html("| a | b |\n| --- | --- |\n| 1 | 2 |\n", false);
        assert!(html.contains("<table>"), "{html}");
    }

    #[test]
    fn the_switch_allows_raw_html() {
        assert!(to_html("<b>b</b>", true).contains("<b>b</b>"));
    }
}

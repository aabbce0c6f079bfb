//! Markdown through comrak: CommonMark + GFM tables, raw HTML and dangerous URLs off unless the
//! site allows raw HTML.

use comrak::nodes::{AstNode, NodeValue};
use comrak::{Arena, Options, format_html, parse_document};

pub(crate) fn options(allow_html: bool) -> Options<'static> {
    let mut o = Options::default();
    o.extension.table = true;
    o.extension.strikethrough = true;
    o.extension.autolink = true;
    o.render.r#unsafe = allow_html;
    o
}

pub(crate) fn to_html(md: &str, allow_html: bool) -> String {
    let arena = Arena::new();
    let opts = options(allow_html);
    label_cells(node_html(parse(&arena, md, &opts), &opts))
}

/// Gives each table cell the text of its column's header as `data-label`, so that a narrow
/// phone can show the table as stacked cards ("年份：2024") without losing what each value is.
pub(crate) fn label_cells(html: String) -> String {
    use std::cell::RefCell;
    use std::rc::Rc;
    if !html.contains("<table") {
        return html;
    }
    #[derive(Default)]
    struct State {
        headers: Vec<String>,
        column: usize,
    }
    let state = Rc::new(RefCell::new(State::default()));
    let (a, b, c, d) = (state.clone(), state.clone(), state.clone(), state.clone());
    let settings = lol_html::Settings::new()
        .append_element_content_handler(lol_html::element!("table", move |_| {
            a.borrow_mut().headers.clear();
            Ok(())
        }))
        .append_element_content_handler(lol_html::element!("thead th", move |_| {
            b.borrow_mut().headers.push(String::new());
            Ok(())
        }))
        .append_element_content_handler(lol_html::text!("thead th", move |t| {
            if let Some(h) = c.borrow_mut().headers.last_mut() {
                h.push_str(t.as_str());
            }
            Ok(())
        }))
        .append_element_content_handler(lol_html::element!("tbody tr", move |_| {
            d.borrow_mut().column = 0;
            Ok(())
        }))
        .append_element_content_handler(lol_html::element!("tbody td", move |el| {
            let mut st = state.borrow_mut();
            let label = st.headers.get(st.column).map(|h| html_text(h));
            st.column += 1;
            if let Some(label) = label.filter(|l| !l.is_empty()) {
                let _ = el.set_attribute("data-label", &label);
            }
            Ok(())
        }));
    lol_html::rewrite_str(&html, settings).unwrap_or(html)
}

/// Renders a node and its children.
pub(crate) fn node_html<'a>(node: &'a AstNode<'a>, opts: &Options) -> String {
    let mut out = String::new();
    // Writing into a String cannot fail.
    let _ = format_html(node, opts, &mut out);
    out
}

/// The plain text of a node: its text, code and line breaks, without markup.
pub(crate) fn plain_text<'a>(node: &'a AstNode<'a>) -> String {
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
pub(crate) fn plain_text_of(md: &str) -> String {
    let arena = Arena::new();
    let opts = options(false);
    plain_text(parse_document(&arena, md, &opts))
}

/// The text of an HTML fragment we rendered ourselves: tags dropped, the few entities comrak
/// writes decoded, whitespace collapsed.
pub(crate) fn html_text(html: &str) -> String {
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

/// How deeply Markdown may nest (quotes, lists and their items, emphasis, links, raw HTML
/// with `allow_html`). Far beyond any real text, and low enough that every later step (the
/// minifier, search indexing, browsers) handles the page on an ordinary stack.
pub(crate) const MAX_DEPTH: usize = 48;

/// Where a Markdown text nests deeper than [`MAX_DEPTH`]: the byte offset in `md` of the first
/// element past the limit. Texts with too little markup to nest that deep are not parsed.
pub(crate) fn too_deep(md: &str, allow_html: bool) -> Option<usize> {
    // Each level of nesting takes at least one character of markup; a list level makes two
    // levels (the list and its item); a document, a table and its cells add a few more.
    let markup = md
        .bytes()
        .filter(|b| matches!(b, b'>' | b'*' | b'_' | b'~' | b'[' | b'-' | b'+' | b'.' | b')' | b'<'))
        .count();
    if 2 * markup + 8 <= MAX_DEPTH {
        return None;
    }
    let arena = Arena::new();
    let opts = options(allow_html);
    let root = parse_document(&arena, md, &opts);
    let mut depth = 0usize;
    for edge in root.traverse() {
        match edge {
            comrak::arena_tree::NodeEdge::Start(n) => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Some(offset_of(md, n.data.borrow().sourcepos.start));
                }
            }
            comrak::arena_tree::NodeEdge::End(_) => depth -= 1,
        }
    }
    if allow_html && markup > MAX_DEPTH / 2 {
        return html_too_deep(&to_html(md, true)).map(|_| 0);
    }
    None
}

/// The byte offset of a 1-based line and byte column of `md`.
fn offset_of(md: &str, at: comrak::nodes::LineColumn) -> usize {
    let line_start: usize = md
        .split_inclusive('\n')
        .take(at.line.saturating_sub(1))
        .map(str::len)
        .sum();
    (line_start + at.column.saturating_sub(1)).min(md.len())
}

/// Whether rendered HTML nests elements deeper than [`MAX_DEPTH`] (raw HTML let through).
fn html_too_deep(html: &str) -> Option<()> {
    use lol_html::html_content::Element;
    use std::cell::Cell;
    use std::rc::Rc;
    let depth = Rc::new(Cell::new(0usize));
    let max = Rc::new(Cell::new(0usize));
    let (d, m) = (depth.clone(), max.clone());
    let handler = move |el: &mut Element| {
        if el.can_have_content() {
            d.set(d.get() + 1);
            m.set(m.get().max(d.get()));
            let d2 = d.clone();
            if let Some(handlers) = el.end_tag_handlers() {
                handlers.push(Box::new(move |_| {
                    d2.set(d2.get().saturating_sub(1));
                    Ok(())
                }));
            }
        }
        Ok(())
    };
    let settings = lol_html::Settings::new().append_element_content_handler(lol_html::element!("*", handler));
    let _ = lol_html::rewrite_str(html, settings);
    (max.get() > MAX_DEPTH).then_some(())
}

/// Parses `md` into `arena` and returns the document node. Without raw HTML, an image whose
/// address comrak would blank out (`javascript:`, an empty one) is replaced by its text: an
/// `<img>` without a source is not valid HTML and shows nothing.
pub(crate) fn parse<'a>(arena: &'a Arena<'a>, md: &str, opts: &Options) -> &'a AstNode<'a> {
    let root = parse_document(arena, md, opts);
    if !opts.render.r#unsafe {
        let images: Vec<&AstNode> = root
            .descendants()
            .filter(|n| match &n.data.borrow().value {
                NodeValue::Image(link) => link.url.trim().is_empty() || comrak::html::dangerous_url(&link.url),
                _ => false,
            })
            .collect();
        for img in images {
            let alt: Vec<&AstNode> = img.children().collect();
            for child in alt {
                img.insert_before(child);
            }
            img.detach();
        }
    }
    root
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
    fn images_without_a_safe_source_become_their_text() {
        let html = to_html("![地图](javascript:alert(1)) ![空]() ![照片](photos/a.jpg)", false);
        assert!(
            !html.contains("javascript") && html.contains("地图") && html.contains("空"),
            "{html}"
        );
        assert_eq!(html.matches("<img").count(), 1, "{html}");
        assert!(html.contains(r#"src="photos/a.jpg""#), "{html}");
    }

    #[test]
    fn text_of_rendered_html() {
        assert_eq!(html_text("<p>a &amp; <b>b</b></p>\n<p>&lt;c&gt;</p>"), "a & b <c>");
    }

    #[test]
    fn tables_render_with_labelled_cells() {
        let html = to_html(
            "| 年份 | 人次 |\n| --- | --- |\n| 2024 | 2 &amp; 3 |\n| 2025 | 4 |\n",
            false,
        );
        assert!(html.contains("<table>"), "{html}");
        assert!(html.contains(r#"<td data-label="年份">2024</td>"#), "{html}");
        assert!(html.contains(r#"<td data-label="人次">4</td>"#), "{html}");
    }

    #[test]
    fn nesting_is_bounded_where_it_starts() {
        let quotes = format!("text\n\n{} deep\n", ">".repeat(1000));
        let at = too_deep(&quotes, false).expect("too deep");
        assert_eq!(&quotes[..at], "text\n\n".to_string() + &">".repeat(at - 6));
        let list: String = (0..500).map(|i| format!("{}- a\n", "  ".repeat(i))).collect();
        assert!(too_deep(&list, false).is_some());
        let stars = format!("{}x{}", "*".repeat(2000), "*".repeat(2000));
        assert!(too_deep(&stars, false).is_some());
        let html = format!("{}x", "<div>".repeat(200));
        assert!(too_deep(&html, true).is_some());
        assert!(
            too_deep(&html, false).is_none(),
            "raw HTML is dropped without allow_html"
        );
        // An ordinary text with plenty of markup is fine.
        let normal: String = (0..200)
            .map(|i| format!("- item {i} with *emphasis* and [a](b)\n"))
            .collect();
        assert_eq!(too_deep(&normal, false), None);
        assert_eq!(too_deep(&format!("{} x", ">".repeat(20)), false), None);
    }

    #[test]
    fn the_switch_allows_raw_html() {
        assert!(to_html("<b>b</b>", true).contains("<b>b</b>"));
    }
}

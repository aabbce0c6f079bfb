//! Templates made compact once, when the theme is loaded, so that no page needs minifying
//! after it is rendered (`[build] minify`). Only the template's own text changes, never what
//! Tera puts into it, and only whitespace that a browser does not render:
//!
//! - a run of whitespace that holds a line break, next to the start or end tag of an element
//!   that is a block (or not rendered) by default, goes: `</li>\n  <li>` is `</li><li>`;
//! - any other run that holds a line break becomes one line break, which renders as the one
//!   space it rendered as before (`<a>…</a>\n<a>` keeps its space);
//! - inside a tag, such a run becomes one space;
//! - Tera's own tags (`{{ }}`, `{% %}`, `{# #}`) and the insides of `<pre>`, `<textarea>`,
//!   `<script>` and `<style>` are kept exactly.
//!
//! Whitespace within one line is kept (`<b>1</b> <b>2</b>`). The judgement of what is a block
//! is the one minifiers make, from each element's default display; a theme that makes `<li>`
//! inline and relies on the line breaks between them should turn `minify` off.

/// Elements whose start and end tags make the whitespace next to them insignificant: block and
/// table boxes, list items, and what is not rendered (`<head>` and its children).
const BLOCKS: &[&str] = &[
    "!doctype",
    "address",
    "article",
    "aside",
    "base",
    "blockquote",
    "body",
    "caption",
    "col",
    "colgroup",
    "dd",
    "details",
    "dialog",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "header",
    "hgroup",
    "hr",
    "html",
    "legend",
    "li",
    "link",
    "main",
    "menu",
    "meta",
    "nav",
    "noscript",
    "ol",
    "optgroup",
    "option",
    "p",
    "pre",
    "script",
    "section",
    "style",
    "summary",
    "table",
    "tbody",
    "td",
    "template",
    "tfoot",
    "th",
    "thead",
    "title",
    "tr",
    "ul",
];

/// Elements whose content is kept exactly, and how each ends.
const RAW: &[(&str, &str)] = &[
    ("pre", "</pre"),
    ("textarea", "</textarea"),
    ("script", "</script"),
    ("style", "</style"),
];

fn is_block(name: &str) -> bool {
    BLOCKS.contains(&name)
}

/// The template text, compacted.
pub(crate) fn compact(template: &str) -> String {
    let mut c = Compactor {
        out: String::with_capacity(template.len()),
        last_tag: None,
        closing: false,
        in_tag: false,
        quote: None,
        raw: None,
    };
    let mut rest = template;
    while !rest.is_empty() {
        match tera_tag(rest) {
            Some(n) => {
                c.out.push_str(&rest[..n]);
                rest = &rest[n..];
            }
            None => {
                let n = next_tera_tag(rest);
                c.text(&rest[..n], n == rest.len());
                rest = &rest[n..];
            }
        }
    }
    c.out
}

/// The length of the Tera tag that `s` starts with, if it starts with one (quoted strings
/// inside it are skipped, so that a `}}` in a string does not end it).
fn tera_tag(s: &str) -> Option<usize> {
    let close = match s.get(..2)? {
        "{{" => "}}",
        "{%" => "%}",
        "{#" => "#}",
        _ => return None,
    };
    let bytes = s.as_bytes();
    let mut i = 2;
    let mut quote: Option<u8> = None;
    while i < bytes.len() {
        let b = bytes[i];
        match quote {
            Some(q) if b == q => quote = None,
            Some(_) => {}
            None if close != "#}" && matches!(b, b'"' | b'\'' | b'`') => quote = Some(b),
            None if bytes[i..].starts_with(close.as_bytes()) => return Some(i + 2),
            None => {}
        }
        i += 1;
    }
    // unclosed: Tera reports it; keep the rest as it is
    Some(s.len())
}

/// Where the next Tera tag starts, or the end.
fn next_tera_tag(s: &str) -> usize {
    let mut from = 0;
    while let Some(i) = s[from..].find('{') {
        let at = from + i;
        if matches!(s.as_bytes().get(at + 1), Some(b'{' | b'%' | b'#')) {
            return at;
        }
        from = at + 1;
    }
    s.len()
}

struct Compactor {
    out: String,
    /// The name of the last tag begun (`li` for `<li` and `</li`), lowercase.
    last_tag: Option<&'static str>,
    /// Whether that tag is an end tag (`</li`).
    closing: bool,
    in_tag: bool,
    quote: Option<char>,
    /// Inside a raw-text element or a comment: what ends it (`</script`, `-->`).
    raw: Option<&'static str>,
}

impl Compactor {
    /// A stretch of the template's own text; `at_end` when no Tera tag follows it.
    fn text(&mut self, text: &str, at_end: bool) {
        let mut chars = text.char_indices().peekable();
        while let Some((i, ch)) = chars.next() {
            if let Some(close) = self.raw {
                let here = text.as_bytes()[i..].get(..close.len());
                if here.is_some_and(|h| h.eq_ignore_ascii_case(close.as_bytes())) {
                    self.raw = None;
                } else {
                    self.out.push(ch);
                    continue;
                }
            } else if text[i..].starts_with("<!--") {
                // a comment is kept as it is, to its end
                self.out.push(ch);
                self.raw = Some("-->");
                continue;
            }
            if ch.is_ascii_whitespace() {
                let mut end = i + ch.len_utf8();
                while let Some(&(j, c)) = chars.peek() {
                    if !c.is_ascii_whitespace() {
                        break;
                    }
                    end = j + c.len_utf8();
                    chars.next();
                }
                let run = &text[i..end];
                let next = text[end..].chars().next();
                self.whitespace(run, &text[end..], next.is_none() && !at_end);
                continue;
            }
            self.out.push(ch);
            self.track(ch, &text[i..]);
        }
    }

    /// One run of whitespace, `after` the text that follows it in this stretch.
    fn whitespace(&mut self, run: &str, after: &str, before_tera: bool) {
        if !run.contains('\n') || self.quote.is_some() {
            self.out.push_str(run);
            return;
        }
        if self.in_tag {
            self.out.push(' ');
            return;
        }
        let block_before = self.out.ends_with('>') && self.last_tag.is_some_and(is_block);
        let block_after = !before_tera && tag_name(after).is_some_and(is_block);
        if !(block_before || block_after) {
            self.out.push('\n');
        }
    }

    /// Follows tags and quotes past one character of the template's text, `from` there on.
    fn track(&mut self, ch: char, from: &str) {
        match (self.in_tag, self.quote, ch) {
            (true, Some(q), c) if c == q => self.quote = None,
            (true, Some(_), _) => {}
            (true, None, '"' | '\'') => self.quote = Some(ch),
            (true, None, '>') => {
                self.in_tag = false;
                if !self.closing {
                    let name = self.last_tag.unwrap_or("");
                    self.raw = RAW.iter().find(|r| r.0 == name).map(|r| r.1);
                }
            }
            (false, _, '<') => {
                if let Some(name) = tag_name(from) {
                    self.in_tag = true;
                    self.last_tag = Some(name);
                    self.closing = from.starts_with("</");
                }
            }
            _ => {}
        }
    }
}

/// The lowercase name of the tag `s` starts with (`<li`, `</li`, `<!doctype`), if it does.
fn tag_name(s: &str) -> Option<&'static str> {
    let rest = s.strip_prefix('<')?;
    let rest = rest.strip_prefix('/').unwrap_or(rest);
    let end = rest
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '!'))
        .unwrap_or(rest.len());
    let name = &rest[..end];
    if name.is_empty() {
        return None;
    }
    let lower = name.to_ascii_lowercase();
    BLOCKS
        .iter()
        .chain(INLINE.iter())
        .copied()
        .chain(RAW.iter().map(|r| r.0))
        .find(|b| *b == lower)
        .or(Some("?"))
}

/// Common inline elements, named so that `tag_name` can say which tag it saw.
const INLINE: &[&str] = &[
    "a", "abbr", "b", "br", "button", "cite", "code", "data", "em", "i", "img", "input", "kbd", "label", "mark", "q",
    "s", "samp", "select", "small", "span", "strong", "sub", "sup", "svg", "path", "time", "u", "var",
];

#[cfg(test)]
mod tests {
    use super::compact;

    #[test]
    fn line_breaks_next_to_blocks_go() {
        assert_eq!(
            compact("<ul>\n  <li>a</li>\n  <li>b</li>\n</ul>\n"),
            "<ul><li>a</li><li>b</li></ul>"
        );
        assert_eq!(
            compact("<!DOCTYPE html>\n<html lang=\"zh\">\n<head>\n<meta charset=\"utf-8\">\n<title>t</title>"),
            "<!DOCTYPE html><html lang=\"zh\"><head><meta charset=\"utf-8\"><title>t</title>"
        );
    }

    #[test]
    fn line_breaks_between_inline_elements_stay_one() {
        // the space a browser shows between the two links is kept
        assert_eq!(
            compact("<a href=\"/\">首页</a>\n    <a href=\"/x/\">x</a>"),
            "<a href=\"/\">首页</a>\n<a href=\"/x/\">x</a>"
        );
        // and a space within a line is left alone
        assert_eq!(compact("<b>1</b> <b>2</b>"), "<b>1</b> <b>2</b>");
        assert_eq!(compact("<p>一\n   二</p>"), "<p>一\n二</p>");
    }

    #[test]
    fn tera_tags_and_raw_text_are_kept_exactly() {
        let t =
            "<li>\n{{ x |\n  default(value=\"a\n\n b\") }}\n</li>\n{% if y %}\n<p>{# a\n\n comment #}</p>\n{% endif %}";
        assert_eq!(
            compact(t),
            "<li>{{ x |\n  default(value=\"a\n\n b\") }}</li>{% if y %}<p>{# a\n\n comment #}</p>{% endif %}"
        );
        let pre = "<pre>\n  a\n\n  b\n</pre>\n<script>\nvar a = 1\n\nvar b = 2\n</script>\n<p>x</p>";
        assert_eq!(
            compact(pre),
            "<pre>\n  a\n\n  b\n</pre><script>\nvar a = 1\n\nvar b = 2\n</script><p>x</p>"
        );
    }

    #[test]
    fn text_of_any_script_and_any_shape_is_safe() {
        // CJK inside Tera tags, comments, tags and raw text; and every prefix of it, cut
        // anywhere (an unclosed tag, a lone `<`, half a comment)
        let t = "{#- 台账：图表 -#}\n<p title=\"台账\n说明\">台账\n {{ \"}}台\" }}</p>\n<!-- 注释 -->\n<pre>台\n</pre>\n<a>链接</a>\n<b>";
        assert_eq!(
            compact(t),
            "{#- 台账：图表 -#}<p title=\"台账\n说明\">台账\n{{ \"}}台\" }}</p><!-- 注释 --><pre>台\n</pre><a>链接</a>\n<b>"
        );
        for (i, _) in t.char_indices() {
            let _ = compact(&t[..i]);
            let _ = compact(&t[i..]);
        }
        let odd = [
            "<", "{", "{{", "{%", "<!--", "</", "<pre>", "\"", "<a \"", "\n\n", "台\n<",
        ];
        for a in odd {
            for b in odd {
                let _ = compact(&format!("{a}{b}台\n{a}"));
            }
        }
    }

    #[test]
    fn comments_are_kept_whole() {
        assert_eq!(compact("<!-- don't\n\n -->\n<p>a</p>"), "<!-- don't\n\n --><p>a</p>");
    }

    #[test]
    fn inside_a_tag_a_line_break_is_one_space_and_quoted_values_are_kept() {
        assert_eq!(
            compact("<a\n   href=\"/\"\n   title=\"a\n b\">x</a>"),
            "<a href=\"/\" title=\"a\n b\">x</a>"
        );
    }

    #[test]
    fn whitespace_before_a_tera_tag_is_decided_by_the_tag_before_it() {
        // after a block end tag it goes; Tera's own `{%-` would trim it too
        assert_eq!(compact("</li>\n{% endfor %}"), "</li>{% endfor %}");
        // after text it stays one line break: what the Tera tag prints may be inline
        assert_eq!(compact("共\n{{ n }}"), "共\n{{ n }}");
    }
}

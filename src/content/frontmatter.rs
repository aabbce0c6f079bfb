//! Splits a content file into its `+++` TOML front matter and its Markdown body, keeping the
//! byte offsets of both so that every later message can point into the original file.

use std::ops::Range;

use crate::diag::{Diagnostic, Source};

/// Where the two parts of a content file are, as byte ranges of the file's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parts {
    pub front: Range<usize>,
    pub body: Range<usize>,
}

/// Finds the front matter between the first line `+++` and the next line `+++`.
/// A UTF-8 byte order mark and CRLF line ends are accepted.
pub fn split(src: &Source) -> Result<Parts, Diagnostic> {
    let text = src.text.as_str();
    let start = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let mut lines = LineIter { text, pos: start };
    match lines.next() {
        Some((l, _)) if l.trim_end() == "+++" => {}
        _ => {
            return Err(src
                .error(
                    start..start,
                    "a content file must start with a `+++` line (TOML front matter)",
                )
                .with_hint("put the settings between two lines of `+++`, then the Markdown text"));
        }
    }
    let front_start = lines.pos;
    while let Some((l, line_start)) = lines.next() {
        if l.trim_end() == "+++" {
            return Ok(Parts {
                front: front_start..line_start,
                body: lines.pos..text.len(),
            });
        }
    }
    Err(src
        .error(start..start, "the front matter is not closed: no second `+++` line")
        .with_hint("add a line `+++` after the last setting"))
}

struct LineIter<'a> {
    text: &'a str,
    pos: usize,
}

impl<'a> Iterator for LineIter<'a> {
    /// A line without its `\n`, and the offset where it starts.
    type Item = (&'a str, usize);
    fn next(&mut self) -> Option<Self::Item> {
        if self.pos >= self.text.len() {
            return None;
        }
        let start = self.pos;
        let rest = &self.text[start..];
        let (line, advance) = match rest.find('\n') {
            Some(i) => (&rest[..i], i + 1),
            None => (rest, rest.len()),
        };
        self.pos += advance;
        Some((line, start))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn parts(text: &str) -> Result<(String, String), Diagnostic> {
        let src = Source::new(Path::new("."), "a.md", text.to_string());
        let p = split(&src)?;
        Ok((src.text[p.front].to_string(), src.text[p.body].to_string()))
    }

    #[test]
    fn splits_front_matter_and_body() {
        let (f, b) = parts("+++\nname = \"x\"\n+++\nbody\n").unwrap();
        assert_eq!(f, "name = \"x\"\n");
        assert_eq!(b, "body\n");
    }

    #[test]
    fn tolerates_bom_and_crlf() {
        let (f, b) = parts("\u{feff}+++\r\na = 1\r\n+++\r\ntext").unwrap();
        assert_eq!(f, "a = 1\r\n");
        assert_eq!(b, "text");
    }

    #[test]
    fn reports_missing_delimiters() {
        let e = parts("name = 1\n").unwrap_err();
        assert_eq!((e.line, e.column), (1, 1));
        let e = parts("+++\nname = 1\n").unwrap_err();
        assert!(e.message.contains("not closed"), "{}", e.message);
    }

    #[test]
    fn empty_body_is_fine() {
        let (_, b) = parts("+++\n+++").unwrap();
        assert_eq!(b, "");
    }
}

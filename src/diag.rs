//! Diagnostics: every problem found in a run, each pointing at `path:line:column`.
//!
//! Loading and validation never stop at the first problem: they push a [`Diagnostic`] and go on,
//! so the webmaster sees every mistake of a run at once.

use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// One problem in one file.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Diagnostic {
    /// The file as the user should see it (relative to the current directory when possible).
    pub(crate) path: String,
    /// 1-based line; 0 for a problem that is about no particular place in the file.
    pub line: usize,
    /// 1-based column, counted in characters.
    pub column: usize,
    pub message: String,
    /// A suggestion such as "did you mean `address`?".
    pub(crate) hint: Option<String>,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            write!(f, "{}: {}", self.path, self.message)?;
        } else {
            write!(f, "{}:{}:{}: {}", self.path, self.line, self.column, self.message)?;
        }
        if let Some(hint) = &self.hint {
            write!(f, " ({hint})")?;
        }
        Ok(())
    }
}

/// A collection of diagnostics, printed sorted by file and position.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics(Vec<Diagnostic>);

impl Diagnostics {
    pub fn new() -> Self {
        Self::default()
    }
    pub(crate) fn push(&mut self, d: Diagnostic) {
        self.0.push(d);
    }
    pub(crate) fn extend(&mut self, other: Diagnostics) {
        self.0.extend(other.0);
    }
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
    pub(crate) fn len(&self) -> usize {
        self.0.len()
    }
    /// Sorted and without repeats, the order they are printed in.
    pub fn into_sorted(mut self) -> Vec<Diagnostic> {
        self.0.sort();
        self.0.dedup();
        self.0
    }
    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.0.iter()
    }
}

impl From<Diagnostic> for Diagnostics {
    fn from(d: Diagnostic) -> Self {
        Diagnostics(vec![d])
    }
}

/// A file's text with its line starts, to turn byte offsets into lines and columns.
#[derive(Debug)]
pub struct Source {
    /// The path printed in diagnostics.
    pub(crate) display: String,
    pub text: String,
    line_starts: Vec<usize>,
}

pub(crate) type SourceRef = Arc<Source>;

impl Source {
    pub fn new(root: &Path, rel: &str, text: String) -> SourceRef {
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        Arc::new(Source {
            display: display_path(root, rel),
            text,
            line_starts,
        })
    }

    /// 1-based line and character column of a byte offset (clamped to the text).
    pub(crate) fn line_col(&self, offset: usize) -> (usize, usize) {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.line_starts.partition_point(|&s| s <= offset);
        let start = self.line_starts[line - 1];
        let column = self.text[start..offset].chars().filter(|&c| c != '\u{feff}').count() + 1;
        (line, column)
    }

    /// A diagnostic at the start of a byte span of this file.
    pub(crate) fn error(&self, span: Range<usize>, message: impl Into<String>) -> Diagnostic {
        let (line, column) = self.line_col(span.start);
        Diagnostic::at(self.display.clone(), line, column, message)
    }
}

impl Diagnostic {
    /// A problem about no particular place: `--base-url: …`, `search index: …`.
    pub(crate) fn general(what: impl Into<String>, message: impl Into<String>) -> Diagnostic {
        Diagnostic::at(what, 0, 0, message)
    }

    /// A problem with a whole file (`rel`, relative to the site folder `root`): reported at
    /// its first line and column.
    pub(crate) fn whole_file(root: &Path, rel: &str, message: impl Into<String>) -> Diagnostic {
        Diagnostic::at(display_path(root, rel), 1, 1, message)
    }

    /// A problem at a line and column of a file shown as `path` (a template, whose text Tera
    /// holds).
    pub(crate) fn at(path: impl Into<String>, line: usize, column: usize, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            path: path.into(),
            line,
            column,
            message: message.into(),
            hint: None,
        }
    }

    pub(crate) fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }
}

/// `content/a.md` when the root is the current directory, `site/content/a.md` otherwise.
pub(crate) fn display_path(root: &Path, rel: &str) -> String {
    if root == Path::new(".") || root.as_os_str().is_empty() {
        rel.to_string()
    } else {
        let mut p = PathBuf::from(root);
        p.push(rel);
        p.to_string_lossy().into_owned()
    }
}

/// "did you mean `x`?" for the closest of `candidates`, if one is close enough.
pub(crate) fn did_you_mean<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<String> {
    let mut best: Option<(f64, &str)> = None;
    for c in candidates {
        let score = strsim::jaro_winkler(word, c);
        if score > 0.8 && best.is_none_or(|(s, _)| score > s) {
            best = Some((score, c));
        }
    }
    best.map(|(_, c)| format!("did you mean `{c}`?"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column_count_characters() {
        let s = Source::new(Path::new("."), "a.md", "ab\n名字 = 1\r\nx".to_string());
        assert_eq!(s.line_col(0), (1, 1));
        assert_eq!(s.line_col(3), (2, 1));
        // "名字 " is 3 characters but 7 bytes
        assert_eq!(s.line_col(3 + 7), (2, 4));
        assert_eq!(s.line_col(s.text.len()), (3, 2));
    }

    #[test]
    fn bom_is_not_a_column() {
        let s = Source::new(Path::new("."), "a.md", "\u{feff}+++".to_string());
        assert_eq!(s.line_col(3), (1, 1));
    }

    #[test]
    fn suggestions_only_when_close() {
        let keys = ["address", "phone", "hours"];
        assert_eq!(did_you_mean("adress", keys).as_deref(), Some("did you mean `address`?"));
        assert_eq!(did_you_mean("zzzz", keys), None);
    }

    #[test]
    fn display_has_path_line_column() {
        let s = Source::new(Path::new("site"), "content/x.md", "a\nb".into());
        let d = s.error(2..3, "bad").with_hint("did you mean `c`?");
        assert_eq!(d.to_string(), "site/content/x.md:2:1: bad (did you mean `c`?)");
    }
}

//! Characters that never reach the output: control characters other than tab and line ends
//! (a vertical tab or escape pasted from a word processor is invisible on screen, makes an
//! Atom feed ill-formed and breaks calendar lines) and the two non-characters U+FFFE and U+FFFF,
//! which XML forbids. Content is checked for them where it is read; the XML and iCalendar
//! writers strip any that got through, so those files are well-formed whatever the input.

use std::borrow::Cow;

/// Whether `c` may not be published.
pub(crate) fn is_forbidden(c: char) -> bool {
    (c.is_control() && !matches!(c, '\t' | '\n' | '\r')) || c == '\u{FFFE}' || c == '\u{FFFF}'
}

/// `s` without forbidden characters (borrowed when it has none, as nearly always).
pub(crate) fn strip_forbidden(s: &str) -> Cow<'_, str> {
    if s.chars().any(is_forbidden) {
        Cow::Owned(s.chars().filter(|&c| !is_forbidden(c)).collect())
    } else {
        Cow::Borrowed(s)
    }
}

/// A machine-readable file (XML, iCalendar) with any forbidden character taken out.
pub(crate) fn clean_file(bytes: Vec<u8>) -> Vec<u8> {
    match String::from_utf8(bytes) {
        Ok(s) => match strip_forbidden(&s) {
            Cow::Borrowed(_) => s.into_bytes(),
            Cow::Owned(o) => o.into_bytes(),
        },
        Err(e) => e.into_bytes(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forbidden_characters() {
        for c in [
            '\u{0}', '\u{1}', '\u{B}', '\u{C}', '\u{1B}', '\u{7F}', '\u{85}', '\u{FFFE}',
        ] {
            assert!(is_forbidden(c), "{c:?}");
        }
        for c in ['\t', '\n', '\r', 'a', '张', '\u{3000}'] {
            assert!(!is_forbidden(c), "{c:?}");
        }
        assert_eq!(strip_forbidden("a\u{B}b\u{1B}[0m"), "ab[0m");
        assert!(matches!(strip_forbidden("张伟"), Cow::Borrowed(_)));
    }
}

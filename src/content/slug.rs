//! Slugs: the file names that become URLs.

use pinyin::ToPinyin;

/// `true` for lowercase ASCII letters, digits and `-`, starting with a letter or digit.
pub(crate) fn is_valid(slug: &str) -> bool {
    let mut chars = slug.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_lowercase() || c.is_ascii_digit())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// A valid slug suggested for an invalid file name: Chinese characters become pinyin without
/// tones, letters are lowercased, anything else becomes `-`.
pub(crate) fn suggest(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars() {
        if let Some(p) = c.to_pinyin() {
            if !out.is_empty() && !out.ends_with('-') && out.chars().last().is_some_and(|l| l.is_ascii_digit()) {
                out.push('-');
            }
            out.push_str(p.plain());
        } else if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    let trimmed = out.trim_matches('-').to_string();
    if trimmed.is_empty() {
        "page".to_string()
    } else {
        trimmed
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn valid_slugs() {
        for s in ["a", "zhang-wei-2", "2024", "luciduzhen-center"] {
            assert!(is_valid(s), "{s}");
        }
        for s in ["", "-a", "Zhang", "zhang_wei", "张伟", "a b", "a.b"] {
            assert!(!is_valid(s), "{s}");
        }
    }

    #[test]
    fn suggestions_are_valid_pinyin() {
        assert_eq!(suggest("张伟"), "zhangwei");
        assert_eq!(suggest("Zhang Wei_2"), "zhang-wei-2");
        assert_eq!(suggest("鸬鹚渡镇"), "luciduzhen");
        assert!(is_valid(&suggest("!!!")));
    }
}

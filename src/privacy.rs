//! Citizens' personal data is never published. Free text that voters' words pass through (a
//! ledger's `内容` and `答复`) may still carry a mobile or ID-card number a clerk typed in;
//! [`mask`] hides the middle of each before the text goes anywhere: pages, the search index,
//! the open-data CSVs. Masking happens where the ledger is read, so nothing downstream ever
//! holds the whole number.
//!
//! A mobile number is 11 digits starting with `1`; an ID-card number is 17 digits and a last
//! digit or `X`. Each counts only as a whole run of digits (a 20-digit reference number is
//! neither), in ASCII or full-width digits, and a mobile number also when written
//! `138-0013-8000` or `138 0013 8000`. Both
//! keep their first 3 and last 4 characters: `138****8000`, `430***********123X`.

use std::borrow::Cow;

/// `text` with every mobile and ID-card number masked (borrowed when there is none).
pub(crate) fn mask(text: &str) -> Cow<'_, str> {
    let chars: Vec<char> = text.chars().collect();
    let mut out: Option<String> = None;
    let mut i = 0;
    let mut copied = 0; // chars of `text` already in `out`
    while i < chars.len() {
        if !is_digit(&chars[i]) || (i > 0 && is_digitish(chars[i - 1])) {
            i += 1;
            continue;
        }
        if let Some((end, digits)) = number_at(&chars, i) {
            let o = out.get_or_insert_with(String::new);
            o.extend(&chars[copied..i]);
            o.push_str(&masked(&digits));
            copied = end;
            i = end;
        } else {
            i += 1;
        }
    }
    match out {
        None => Cow::Borrowed(text),
        Some(mut o) => {
            o.extend(&chars[copied..]);
            Cow::Owned(o)
        }
    }
}

/// A digit, ASCII or full-width (`１３８`, as a Chinese input method may type it), as ASCII.
fn digit(c: char) -> Option<char> {
    match c {
        '0'..='9' => Some(c),
        '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32),
        _ => None,
    }
}

fn is_digit(c: &char) -> bool {
    digit(*c).is_some()
}

fn is_digitish(c: char) -> bool {
    is_digit(&c) || matches!(c, 'X' | 'x' | 'Ｘ' | 'ｘ')
}

/// A mobile or ID-card number starting at `i` (a digit not preceded by one): where it ends and
/// its characters without separators.
fn number_at(chars: &[char], i: usize) -> Option<(usize, String)> {
    // a whole run of digits (and a final X)
    let mut end = i;
    while end < chars.len() && is_digit(&chars[end]) {
        end += 1;
    }
    let run: String = chars[i..end].iter().filter_map(|&c| digit(c)).collect();
    if run.len() == 17 && end < chars.len() && matches!(chars[end], 'X' | 'x' | 'Ｘ' | 'ｘ') {
        let after = end + 1;
        if after >= chars.len() || !is_digitish(chars[after]) {
            return Some((after, format!("{run}X")));
        }
    }
    let whole = end >= chars.len() || !is_digitish(chars[end]);
    if whole && (run.len() == 18 || (run.len() == 11 && run.starts_with('1'))) {
        return Some((end, run));
    }
    // 138-0013-8000, 138 0013 8000
    if run.len() == 3 && run.starts_with('1') {
        let sep = *chars.get(end)?;
        if sep != '-' && sep != ' ' {
            return None;
        }
        let group = |from: usize| -> Option<usize> {
            let to = from + 4;
            (to <= chars.len() && chars[from..to].iter().all(is_digit)).then_some(to)
        };
        let mid = group(end + 1)?;
        if chars.get(mid) != Some(&sep) {
            return None;
        }
        let last = group(mid + 1)?;
        if last < chars.len() && is_digitish(chars[last]) {
            return None;
        }
        let digits: String = chars[i..last].iter().filter_map(|&c| digit(c)).collect();
        return Some((last, digits));
    }
    None
}

fn masked(n: &str) -> String {
    let keep_end = 4;
    let stars = n.len() - 3 - keep_end;
    format!("{}{}{}", &n[..3], "*".repeat(stars), &n[n.len() - keep_end..])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mobile_and_id_numbers_are_masked() {
        assert_eq!(mask("请回电13800138000谢谢"), "请回电138****8000谢谢");
        assert_eq!(mask("身份证430102199001011234。"), "身份证430***********1234。");
        assert_eq!(mask("证号43010219900101123x"), "证号430***********123X");
        assert_eq!(mask("138-0013-8000 或 138 0013 8000"), "138****8000 或 138****8000");
        assert_eq!(mask("13800138000,13900139000"), "138****8000,139****9000");
        assert_eq!(mask("手机１３８００１３８０００"), "手机138****8000");
    }

    #[test]
    fn other_numbers_are_left_alone() {
        for s in [
            "电话0737-8000010",
            "编号2026001",
            "12345678901234567890",
            "23800138000",
            "1380013800",
            "共13户，3.5公里",
            "",
        ] {
            assert!(matches!(mask(s), Cow::Borrowed(_)), "{s}");
        }
    }

    #[test]
    fn masking_never_panics_on_odd_text() {
        for s in ["1", "138-", "138-0013-", "138-0013-800", "X1X", "🙂13800138000🙂"] {
            let m = mask(s);
            assert!(m.chars().count() <= s.chars().count() + 1);
        }
        assert_eq!(mask("🙂13800138000🙂"), "🙂138****8000🙂");
    }
}

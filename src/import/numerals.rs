//! Numbers as bulletins write them: Arabic (`19`, `１９`) or Chinese (`十九`, `六百四十三`,
//! `七百零九`, `二〇二一`), and dates such as `2021 年 10 月 27 日` or `二〇二四年七月三十日`.

use std::ops::Range;
use std::sync::LazyLock;

use chinese_number::{ChineseCountMethod, ChineseToNumber};
use chrono::NaiveDate;
use regex_lite::Regex;

/// Characters that may make up a number, for use inside a regex character class.
pub(crate) const NUMBER_CLASS: &str = "0-9０-９零〇○Ｏ一二三四五六七八九十百千万两壹贰叁肆伍陆柒捌玖拾佰仟";

/// A Chinese digit with no unit (`〇`, `一` … `九`), as used digit by digit in years.
fn chinese_digit(c: char) -> Option<u32> {
    Some(match c {
        '零' | '〇' | '○' | 'Ｏ' => 0,
        '一' | '壹' => 1,
        '二' | '两' | '贰' => 2,
        '三' | '叁' => 3,
        '四' | '肆' => 4,
        '五' | '伍' => 5,
        '六' | '陆' => 6,
        '七' | '柒' => 7,
        '八' | '捌' => 8,
        '九' | '玖' => 9,
        _ => return None,
    })
}

fn unit(c: char) -> bool {
    matches!(c, '十' | '百' | '千' | '万' | '拾' | '佰' | '仟')
}

/// An ASCII or full-width digit.
fn arabic_digit(c: char) -> Option<u32> {
    match c {
        '0'..='9' => c.to_digit(10),
        '０'..='９' => Some(c as u32 - '０' as u32),
        _ => None,
    }
}

/// A whole number in Arabic or Chinese numerals; spaces are ignored. `None` for anything else,
/// for an empty string and for numbers that do not fit in a `u32`.
pub(crate) fn parse_number(s: &str) -> Option<u32> {
    let chars: Vec<char> = s.chars().filter(|c| !c.is_whitespace()).collect();
    if chars.is_empty() || chars.len() > 16 {
        return None;
    }
    if chars.iter().all(|&c| arabic_digit(c).is_some()) {
        return chars
            .iter()
            .try_fold(0u32, |n, &c| n.checked_mul(10)?.checked_add(arabic_digit(c)?));
    }
    if !chars.iter().all(|&c| chinese_digit(c).is_some() || unit(c)) {
        return None;
    }
    if !chars.iter().any(|&c| unit(c)) {
        // 二〇二一: digit by digit.
        return chars
            .iter()
            .try_fold(0u32, |n, &c| n.checked_mul(10)?.checked_add(chinese_digit(c)?));
    }
    // The crate reads 零 (not 〇 or ○) between units, and 二 as well as 两.
    let canonical: String = chars
        .iter()
        .map(|&c| match c {
            '〇' | '○' | 'Ｏ' => '零',
            c => c,
        })
        .collect();
    ChineseToNumber::<u32>::to_number(&canonical, ChineseCountMethod::TenThousand).ok()
}

static DATE: LazyLock<Regex> = LazyLock::new(|| {
    let s = r"[ \u{3000}]*";
    Regex::new(&format!(
        "(?P<y>[0-9０-９]{{4}}|[〇零○Ｏ一二三四五六七八九]{{4}}){s}年{s}(?P<m>[0-9０-９]{{1,2}}|[一二三四五六七八九十]{{1,3}}){s}月{s}(?P<d>[0-9０-９]{{1,2}}|[一二三四五六七八九十]{{1,4}}){s}日"
    ))
    .expect("valid date pattern")
});

static NUMERIC_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?P<y>[0-9]{4}) *[-./／] *(?P<m>[0-9]{1,2}) *[-./／] *(?P<d>[0-9]{1,2})(?:[^0-9]|$)")
        .expect("valid date pattern")
});

/// What a date-like text in a line turned out to be.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum DateFound {
    /// A real date and where it is written in the line (bytes).
    Date(NaiveDate, Range<usize>),
    /// Something written like a date that is not one (2021年2月30日), with its text.
    Invalid(String, Range<usize>),
}

/// The first date written in `line`: `2021 年 10 月 27 日`, `二〇二一年十月二十七日`, or
/// `2021-10-27` / `2021.10.27` / `2021/10/27`.
pub(crate) fn find_date(line: &str) -> Option<DateFound> {
    let (caps, whole) = match DATE.captures(line) {
        Some(c) => {
            let m = c.get(0)?;
            (c, m.start()..m.end())
        }
        None => {
            let c = NUMERIC_DATE.captures(line)?;
            let start = c.get(0)?.start();
            let end = c.name("d")?.end();
            (c, start..end)
        }
    };
    let part = |name: &str| caps.name(name).and_then(|m| parse_number(m.as_str()));
    let date = match (part("y"), part("m"), part("d")) {
        (Some(y), Some(m), Some(d)) => i32::try_from(y).ok().and_then(|y| NaiveDate::from_ymd_opt(y, m, d)),
        _ => None,
    };
    let text = line.get(whole.clone()).unwrap_or_default().to_string();
    Some(match date {
        Some(d) => DateFound::Date(d, whole),
        None => DateFound::Invalid(text, whole),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arabic_and_full_width_digits() {
        assert_eq!(parse_number("19"), Some(19));
        assert_eq!(parse_number(" 643 "), Some(643));
        assert_eq!(parse_number("１９"), Some(19));
        assert_eq!(parse_number("99999999999"), None);
        assert_eq!(parse_number(""), None);
        assert_eq!(parse_number("1a"), None);
    }

    #[test]
    fn chinese_numerals() {
        assert_eq!(parse_number("九"), Some(9));
        assert_eq!(parse_number("十"), Some(10));
        assert_eq!(parse_number("十九"), Some(19));
        assert_eq!(parse_number("二十"), Some(20));
        assert_eq!(parse_number("一百一十"), Some(110));
        assert_eq!(parse_number("六百四十三"), Some(643));
        assert_eq!(parse_number("七百零九"), Some(709));
        assert_eq!(parse_number("七百〇九"), Some(709));
        assert_eq!(parse_number("两百"), Some(200));
        assert_eq!(parse_number("一千二百"), Some(1200));
        assert_eq!(parse_number("二〇二一"), Some(2021));
        assert_eq!(parse_number("百百"), None);
        assert_eq!(parse_number("期"), None);
    }

    #[test]
    fn dates_with_any_spacing() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        let found = |s: &str| match find_date(s) {
            Some(DateFound::Date(date, _)) => Some(date),
            _ => None,
        };
        assert_eq!(found("2021 年 10 月 27 日"), Some(d(2021, 10, 27)));
        assert_eq!(found("2024年7月30日"), Some(d(2024, 7, 30)));
        assert_eq!(found("某某编　2024年7月30日"), Some(d(2024, 7, 30)));
        assert_eq!(found("二〇二一年十月二十七日"), Some(d(2021, 10, 27)));
        assert_eq!(found("二○二四年七月三十日"), Some(d(2024, 7, 30)));
        assert_eq!(found("2024-07-30"), Some(d(2024, 7, 30)));
        assert_eq!(found("2024.7.3"), Some(d(2024, 7, 3)));
        assert!(matches!(find_date("2021年2月30日"), Some(DateFound::Invalid(t, _)) if t == "2021年2月30日"));
        assert_eq!(find_date("第 19 期"), None);
    }

    #[test]
    fn date_range_is_the_written_text() {
        let line = "县人大编 2024 年 7 月 30 日";
        let Some(DateFound::Date(_, r)) = find_date(line) else {
            panic!("no date")
        };
        assert_eq!(&line[r], "2024 年 7 月 30 日");
    }

    proptest::proptest! {
        #[test]
        fn numbers_never_panic(s in "[0-9零〇一二三四五六七八九十百千万两壹拾佰仟○ ]{0,20}") {
            let _ = parse_number(&s);
        }

        #[test]
        fn dates_never_panic(s in "[0-9零〇一二三四五六七八九十年月日 ./-]{0,30}") {
            let _ = find_date(&s);
        }
    }
}

//! Schedules in words, as a station's notice board puts them: `每月8日`, `每月第二个星期三`,
//! `每周二、周四`, and dates as `2026年3月5日（星期四）`.

use chrono::{NaiveDate, Weekday};
use rrule::{Frequency, NWeekday, RRule, Unvalidated};

const WEEKDAYS: [&str; 7] = ["一", "二", "三", "四", "五", "六", "日"];
const COUNTS: [&str; 13] = [
    "", "一", "两", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二",
];
const ORDINALS: [&str; 6] = ["", "一", "二", "三", "四", "五"];

/// A time of day as said aloud: (`上午`, `9点30分`). 12-hour, with the part of the day.
pub(crate) fn spoken_time(t: chrono::NaiveTime) -> (&'static str, String) {
    use chrono::Timelike;
    let (h, m) = (t.hour(), t.minute());
    let part = match h {
        0..=5 => "凌晨",
        6..=11 => "上午",
        12 => "中午",
        13..=17 => "下午",
        _ => "晚上",
    };
    let h12 = if h > 12 { h - 12 } else { h };
    let text = if m == 0 {
        format!("{h12}点")
    } else {
        format!("{h12}点{m}分")
    };
    (part, text)
}

fn weekday(w: Weekday) -> &'static str {
    WEEKDAYS[w.num_days_from_monday() as usize]
}

fn every(interval: u16, unit: &str) -> String {
    match interval {
        1 => format!("每{unit}"),
        n if (n as usize) < COUNTS.len() => format!("每{}{unit}", COUNTS[n as usize]),
        n => format!("每{n}{unit}"),
    }
}

fn nth_weekday(n: &NWeekday) -> String {
    match n {
        NWeekday::Every(w) => format!("每个星期{}", weekday(*w)),
        NWeekday::Nth(-1, w) => format!("最后一个星期{}", weekday(*w)),
        NWeekday::Nth(k, w) if *k > 0 && (*k as usize) < ORDINALS.len() => {
            format!("第{}个星期{}", ORDINALS[*k as usize], weekday(*w))
        }
        NWeekday::Nth(k, w) if *k < 0 => format!("倒数第{}个星期{}", -k, weekday(*w)),
        NWeekday::Nth(k, w) => format!("第{k}个星期{}", weekday(*w)),
    }
}

fn month_days(days: &[i8]) -> String {
    days.iter()
        .map(|d| {
            if *d == -1 {
                "最后一天".to_string()
            } else if *d < 0 {
                format!("倒数第{}天", -d)
            } else {
                format!("{d}日")
            }
        })
        .collect::<Vec<_>>()
        .join("、")
}

/// The rule in words: `每月8日`, `每月第二个星期三`, `每周二、周四`, `每两周星期一`,
/// `每年1、4、7、10月10日`. Rules this cannot put into words fall back to the rule text.
pub(crate) fn describe_rule(rule: &RRule<Unvalidated>) -> String {
    let interval = rule.get_interval().max(1);
    let by_day = rule.get_by_weekday();
    let by_mday = rule.get_by_month_day();
    let by_month = rule.get_by_month();
    let simple =
        rule.get_by_set_pos().is_empty() && rule.get_by_year_day().is_empty() && rule.get_by_week_no().is_empty();
    let text = match rule.get_freq() {
        Frequency::Daily if simple && by_day.is_empty() && by_mday.is_empty() => Some(every(interval, "天")),
        Frequency::Weekly if simple && by_mday.is_empty() && by_month.is_empty() && !by_day.is_empty() => {
            let days: Vec<String> = by_day
                .iter()
                .map(|d| match d {
                    NWeekday::Every(w) => format!("周{}", weekday(*w)),
                    other => nth_weekday(other),
                })
                .collect();
            Some(if interval == 1 {
                format!("每{}", days.join("、"))
            } else {
                format!("{}的{}", every(interval, "周"), days.join("、"))
            })
        }
        Frequency::Monthly if simple && by_month.is_empty() => {
            let base = every(interval, "月")
                .replace("每一月", "每月")
                .replace("每两月", "每两个月");
            let base = if interval > 2 {
                base.replace('月', "个月")
            } else {
                base
            };
            if !by_mday.is_empty() && by_day.is_empty() {
                Some(format!("{base}{}", month_days(by_mday)))
            } else if by_mday.is_empty() && !by_day.is_empty() {
                Some(format!(
                    "{base}{}",
                    by_day.iter().map(nth_weekday).collect::<Vec<_>>().join("、")
                ))
            } else {
                None
            }
        }
        Frequency::Yearly
            if simple && interval == 1 && !by_month.is_empty() && by_day.is_empty() && !by_mday.is_empty() =>
        {
            let months: Vec<String> = by_month.iter().map(|m| m.to_string()).collect();
            Some(format!("每年{}月{}", months.join("、"), month_days(by_mday)))
        }
        _ => None,
    };
    text.unwrap_or_else(|| rule.to_string())
}

/// `星期二`
pub(crate) fn weekday_label(d: NaiveDate) -> String {
    use chrono::Datelike;
    format!("星期{}", weekday(d.weekday()))
}

/// `2026年3月5日`
pub(crate) fn date_label(d: NaiveDate) -> String {
    use chrono::Datelike;
    format!("{}年{}月{}日", d.year(), d.month(), d.day())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_as_said() {
        let t = |h, m| chrono::NaiveTime::from_hms_opt(h, m, 0).unwrap();
        assert_eq!(spoken_time(t(9, 0)), ("上午", "9点".to_string()));
        assert_eq!(spoken_time(t(14, 30)), ("下午", "2点30分".to_string()));
        assert_eq!(spoken_time(t(12, 5)), ("中午", "12点5分".to_string()));
        assert_eq!(spoken_time(t(19, 0)), ("晚上", "7点".to_string()));
    }

    fn words(rule: &str) -> String {
        describe_rule(&rule.parse::<RRule<Unvalidated>>().unwrap())
    }

    #[test]
    fn rules_in_words() {
        assert_eq!(words("FREQ=MONTHLY;BYMONTHDAY=8"), "每月8日");
        assert_eq!(words("FREQ=MONTHLY;BYMONTHDAY=5,20"), "每月5日、20日");
        assert_eq!(words("FREQ=MONTHLY;BYMONTHDAY=-1"), "每月最后一天");
        assert_eq!(words("FREQ=MONTHLY;BYDAY=2WE"), "每月第二个星期三");
        assert_eq!(words("FREQ=MONTHLY;BYDAY=-1FR"), "每月最后一个星期五");
        assert_eq!(words("FREQ=WEEKLY;BYDAY=TU,TH"), "每周二、周四");
        assert_eq!(words("FREQ=WEEKLY;INTERVAL=2;BYDAY=MO"), "每两周的周一");
        assert_eq!(words("FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=15"), "每三个月15日");
        assert_eq!(
            words("FREQ=YEARLY;BYMONTH=1,4,7,10;BYMONTHDAY=10"),
            "每年1、4、7、10月10日"
        );
    }

    #[test]
    fn unusual_rules_fall_back_to_the_rule() {
        let w = words("FREQ=MONTHLY;BYDAY=MO,TU;BYSETPOS=1");
        assert!(w.contains("FREQ=MONTHLY"), "{w}");
    }

    #[test]
    fn labels() {
        assert_eq!(date_label(NaiveDate::from_ymd_opt(2026, 3, 5).unwrap()), "2026年3月5日");
    }
}

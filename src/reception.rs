//! Reception schedules (接待日): the `[[reception]]` tables of a station, read and checked, and
//! described in words for the station page (`每月8日 09:00–11:30`).
//!
//! Rules are parsed with the `rrule` crate (RFC 5545), never by hand.

use chrono::{NaiveDate, NaiveTime, Weekday};
use rrule::{Frequency, NWeekday, RRule, Unvalidated};

use crate::content::fields::{Spanned, Table};
use crate::diag::Diagnostics;

/// Where a rule without `since` is counted from (a Monday): "every two weeks" then means the
/// same weeks in every build.
pub const RULE_EPOCH: NaiveDate = match NaiveDate::from_ymd_opt(2001, 1, 1) {
    Some(d) => d,
    None => panic!("a valid date"),
};

/// When a schedule happens: a recurrence rule or one date.
#[derive(Debug, Clone)]
pub enum When {
    Rule {
        text: Spanned<String>,
        rule: Box<RRule<Unvalidated>>,
    },
    Once(Spanned<NaiveDate>),
}

/// One date of a schedule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Occurrence {
    pub date: NaiveDate,
    /// Listed in `except`: shown, marked as cancelled.
    pub cancelled: bool,
}

#[derive(Debug, Clone)]
pub struct Schedule {
    pub title: String,
    pub when: When,
    pub start: NaiveTime,
    pub end: NaiveTime,
    pub since: Option<Spanned<NaiveDate>>,
    pub until: Option<Spanned<NaiveDate>>,
    pub except: Vec<Spanned<NaiveDate>>,
    /// Slugs of the representatives on duty, checked against the site in validation.
    pub representatives: Vec<Spanned<String>>,
}

const KEYS: &[&str] = &[
    "title",
    "rrule",
    "date",
    "start",
    "end",
    "since",
    "until",
    "except",
    "representatives",
];

fn time(t: &Table, key: &str, diags: &mut Diagnostics) -> Option<Spanned<NaiveTime>> {
    let s = t.string(key, true, diags)?;
    match NaiveTime::parse_from_str(s.trim(), "%H:%M") {
        Ok(v) => Some(Spanned::new(v, s.span)),
        Err(_) => {
            diags.push(
                t.src
                    .error(s.span.clone(), format!("`{key}` must be a time like \"09:00\"")),
            );
            None
        }
    }
}

/// Reads one `[[reception]]` table; problems are reported and yield `None`.
pub fn read(t: &Table, diags: &mut Diagnostics) -> Option<Schedule> {
    t.deny_unknown(KEYS, diags);
    let before = diags.len();
    let title = t
        .string("title", false, diags)
        .map(|s| s.value)
        .unwrap_or_else(|| "接待日".into());
    let rule = t.string("rrule", false, diags);
    let date = t.date("date", false, diags);
    let when = match (rule, date) {
        (Some(_), Some(d)) => {
            diags.push(
                t.src
                    .error(d.span, "a reception has either `rrule` or `date`, not both"),
            );
            None
        }
        (None, None) if !t.has("rrule") && !t.has("date") => {
            diags.push(
                t.src
                    .error(
                        t.span.clone(),
                        "a reception needs `rrule` (a recurrence rule) or `date` (one day)",
                    )
                    .with_hint("for example rrule = \"FREQ=MONTHLY;BYMONTHDAY=8\""),
            );
            None
        }
        (None, None) => None,
        (None, Some(d)) => Some(When::Once(d)),
        (Some(text), None) => parse_rule(t, text, diags),
    };
    let start = time(t, "start", diags);
    let end = time(t, "end", diags);
    if let (Some(s), Some(e)) = (&start, &end)
        && e.value <= s.value
    {
        diags.push(t.src.error(
            e.span.clone(),
            format!(
                "`end` ({}) must be after `start` ({})",
                e.format("%H:%M"),
                s.format("%H:%M")
            ),
        ));
    }
    let since = t.date("since", false, diags);
    let until = t.date("until", false, diags);
    if let (Some(s), Some(u)) = (&since, &until)
        && u.value < s.value
    {
        diags.push(t.src.error(u.span.clone(), "`until` is before `since`"));
    }
    let except = t.date_list("except", diags).map(|l| l.value).unwrap_or_default();
    let representatives = t
        .string_list("representatives", diags)
        .map(|l| l.value)
        .unwrap_or_default();
    if diags.len() > before {
        return None;
    }
    Some(Schedule {
        title,
        when: when?,
        start: start?.value,
        end: end?.value,
        since,
        until,
        except,
        representatives,
    })
}

fn parse_rule(t: &Table, text: Spanned<String>, diags: &mut Diagnostics) -> Option<When> {
    let raw = text.trim().trim_start_matches("RRULE:");
    match raw.parse::<RRule<Unvalidated>>() {
        Ok(rule) => {
            if matches!(
                rule.get_freq(),
                Frequency::Hourly | Frequency::Minutely | Frequency::Secondly
            ) {
                diags.push(t.src.error(
                    text.span.clone(),
                    "a reception rule repeats by days, weeks, months or years, not by hours",
                ));
                return None;
            }
            Some(When::Rule {
                text,
                rule: Box::new(rule),
            })
        }
        Err(e) => {
            diags.push(
                t.src
                    .error(text.span.clone(), format!("`rrule` is not a valid RFC 5545 rule: {e}"))
                    .with_hint("for example \"FREQ=MONTHLY;BYMONTHDAY=8\" or \"FREQ=WEEKLY;BYDAY=TU,TH\""),
            );
            None
        }
    }
}

const WEEKDAYS: [&str; 7] = ["一", "二", "三", "四", "五", "六", "日"];
const COUNTS: [&str; 13] = [
    "", "一", "两", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二",
];
const ORDINALS: [&str; 6] = ["", "一", "二", "三", "四", "五"];

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
pub fn describe_rule(rule: &RRule<Unvalidated>) -> String {
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
pub fn weekday_label(d: NaiveDate) -> String {
    use chrono::Datelike;
    format!("星期{}", weekday(d.weekday()))
}

/// `2026年3月5日`
pub fn date_label(d: NaiveDate) -> String {
    use chrono::Datelike;
    format!("{}年{}月{}日", d.year(), d.month(), d.day())
}

impl Schedule {
    /// The first date on or after `from` on which the schedule happens (ignoring `except`,
    /// honouring `since` and `until`), expanded with the `rrule` crate.
    pub fn first_on_or_after(&self, from: NaiveDate, tz: chrono_tz::Tz) -> Option<NaiveDate> {
        let from = match &self.since {
            Some(s) if s.value > from => s.value,
            _ => from,
        };
        let date = match &self.when {
            When::Once(d) => (d.value >= from).then_some(d.value)?,
            When::Rule { rule, .. } => {
                use chrono::TimeZone;
                let rtz = rrule::Tz::Tz(tz);
                // The rule counts from `since`, or else from a fixed day, so that "every other
                // week" means the same weeks whatever the build date.
                let anchor = self.since.as_ref().map_or(RULE_EPOCH, |s| s.value);
                let start = rtz.from_local_datetime(&anchor.and_time(self.start)).earliest()?;
                let after =
                    rtz.from_local_datetime(&from.and_time(self.start)).earliest()? - chrono::Duration::seconds(1);
                let validated = (**rule).clone().validate(start).ok()?;
                let set = rrule::RRuleSet::new(start).rrule(validated).after(after);
                set.all(1).dates.first()?.date_naive()
            }
        };
        match &self.until {
            Some(u) if date > u.value => None,
            _ => Some(date),
        }
    }

    /// The dates of the schedule from `from` to `to` (both included), within `since` and
    /// `until`, in order; `except` dates are kept and marked as cancelled.
    pub fn occurrences(&self, from: NaiveDate, to: NaiveDate, tz: chrono_tz::Tz) -> Vec<Occurrence> {
        let from = match &self.since {
            Some(s) if s.value > from => s.value,
            _ => from,
        };
        let to = match &self.until {
            Some(u) if u.value < to => u.value,
            _ => to,
        };
        if to < from {
            return Vec::new();
        }
        let dates: Vec<NaiveDate> = match &self.when {
            When::Once(d) => (from..=to).contains(&d.value).then_some(d.value).into_iter().collect(),
            When::Rule { rule, .. } => {
                use chrono::TimeZone;
                let rtz = rrule::Tz::Tz(tz);
                let anchor = self.since.as_ref().map_or(RULE_EPOCH, |s| s.value);
                let (Some(start), Some(after), Some(before)) = (
                    rtz.from_local_datetime(&anchor.and_time(self.start)).earliest(),
                    rtz.from_local_datetime(&from.and_hms_opt(0, 0, 0).unwrap_or_default())
                        .earliest(),
                    rtz.from_local_datetime(&to.and_hms_opt(23, 59, 59).unwrap_or_default())
                        .earliest(),
                ) else {
                    return Vec::new();
                };
                let Ok(validated) = (**rule).clone().validate(start) else {
                    return Vec::new();
                };
                let set = rrule::RRuleSet::new(start).rrule(validated).after(after).before(before);
                let mut v: Vec<NaiveDate> = set.all(u16::MAX).dates.iter().map(|d| d.date_naive()).collect();
                v.dedup();
                v
            }
        };
        dates
            .into_iter()
            .map(|date| Occurrence {
                date,
                cancelled: self.except.iter().any(|x| x.value == date),
            })
            .collect()
    }

    /// The schedule in words, without the time.
    pub fn summary(&self) -> String {
        match &self.when {
            When::Rule { rule, .. } => describe_rule(rule),
            When::Once(d) => date_label(d.value),
        }
    }

    /// `09:00–11:30`
    pub fn time_label(&self) -> String {
        format!("{}–{}", self.start.format("%H:%M"), self.end.format("%H:%M"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Datelike;

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

    fn schedule(rule: &str, since: Option<NaiveDate>) -> Schedule {
        Schedule {
            title: "接待日".into(),
            when: When::Rule {
                text: Spanned::new(rule.into(), 0..0),
                rule: Box::new(rule.parse().unwrap()),
            },
            start: NaiveTime::from_hms_opt(9, 0, 0).unwrap(),
            end: NaiveTime::from_hms_opt(11, 0, 0).unwrap(),
            since: since.map(|d| Spanned::new(d, 0..0)),
            until: None,
            except: Vec::new(),
            representatives: Vec::new(),
        }
    }

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn first_date_honours_since_and_the_rule() {
        let tz = chrono_tz::Asia::Shanghai;
        let s = schedule("FREQ=MONTHLY;BYMONTHDAY=8", Some(d(2024, 1, 1)));
        assert_eq!(s.first_on_or_after(d(2023, 6, 1), tz), Some(d(2024, 1, 8)));
        assert_eq!(s.first_on_or_after(d(2024, 1, 9), tz), Some(d(2024, 2, 8)));
        assert_eq!(s.first_on_or_after(d(2024, 2, 8), tz), Some(d(2024, 2, 8)));
    }

    #[test]
    fn fortnightly_weeks_do_not_depend_on_the_day_asked() {
        let tz = chrono_tz::Asia::Shanghai;
        let s = schedule("FREQ=WEEKLY;INTERVAL=2;BYDAY=MO", None);
        let a = s.first_on_or_after(d(2026, 11, 2), tz).unwrap();
        let b = s.first_on_or_after(d(2026, 11, 9), tz).unwrap();
        // whichever week we start looking in, the dates fall on the same fortnightly grid
        assert_eq!((b - a).num_days() % 14, 0, "{a} {b}");
        assert_eq!(a.weekday(), Weekday::Mon);
        assert_eq!((a - RULE_EPOCH).num_days() % 14, 0);
    }

    #[test]
    fn occurrences_keep_cancelled_days_marked() {
        let tz = chrono_tz::Asia::Shanghai;
        let mut s = schedule("FREQ=MONTHLY;BYMONTHDAY=8", Some(d(2024, 1, 1)));
        s.except = vec![Spanned::new(d(2027, 1, 8), 0..0)];
        s.until = Some(Spanned::new(d(2027, 2, 28), 0..0));
        let o = s.occurrences(d(2026, 11, 22), d(2027, 12, 31), tz);
        let got: Vec<(NaiveDate, bool)> = o.iter().map(|x| (x.date, x.cancelled)).collect();
        assert_eq!(
            got,
            vec![(d(2026, 12, 8), false), (d(2027, 1, 8), true), (d(2027, 2, 8), false)]
        );
    }

    #[test]
    fn labels() {
        assert_eq!(date_label(NaiveDate::from_ymd_opt(2026, 3, 5).unwrap()), "2026年3月5日");
    }
}

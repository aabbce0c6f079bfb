//! Schedules → dates. Rules are expanded with the `rrule` crate; then `except` dates and
//! closures (public holidays, local closures) cancel a date, or move it to the next working
//! day when the schedule says `on_holiday = "postpone"`. Dates the official holiday data does
//! not cover yet are marked provisional.

use chrono::{Days, NaiveDate, TimeZone};

use super::holidays::Calendar;
use crate::content::reception::{Schedule, When};

/// Where a rule without `since` is counted from (a Monday): "every two weeks" then means the
/// same weeks in every build.
pub(crate) const RULE_EPOCH: NaiveDate = match NaiveDate::from_ymd_opt(2001, 1, 1) {
    Some(d) => d,
    None => unreachable!(),
};

/// How far before a window raw dates are expanded, so that a date postponed into the window
/// from just before it is not lost.
const POSTPONE_REACH: u64 = 60;

/// What becomes of one date of a schedule.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Status {
    Scheduled,
    /// Not held: listed in `except` (no reason) or on a closure (the reason).
    Cancelled(Option<String>),
    /// Moved here from `from` because of a closure (遇节假日顺延).
    Postponed {
        from: NaiveDate,
        reason: String,
    },
}

/// One date of a schedule, as the station page lists it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Occurrence {
    pub(crate) date: NaiveDate,
    pub(crate) status: Status,
    /// The official holiday calendar does not cover this date yet.
    pub(crate) provisional: bool,
}

/// The station a schedule belongs to, for closures that apply to some stations only.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Place<'a> {
    pub(crate) slug: &'a str,
    /// Region codes from the top down to the station's region.
    pub(crate) region_path: &'a [&'a str],
}

impl Schedule {
    /// The day the rule is counted from: `since`, or [`RULE_EPOCH`].
    pub(crate) fn anchor(&self) -> NaiveDate {
        self.since.as_ref().map_or(RULE_EPOCH, |s| s.value)
    }

    /// A day on the rule's own grid, as late as possible but not after `from`: expanding from
    /// there gives the same dates as expanding from [`anchor`](Self::anchor), without walking
    /// every period since 2001. A rule with COUNT keeps its anchor (COUNT counts from it).
    fn start_near(&self, from: NaiveDate, rule: &rrule::RRule<rrule::Unvalidated>) -> NaiveDate {
        use chrono::Datelike;
        use rrule::Frequency;
        let anchor = self.anchor();
        if rule.get_count().is_some() || from <= anchor {
            return anchor;
        }
        let n = u32::from(rule.get_interval().max(1));
        let gcd = |mut a: u32, mut b: u32| {
            while b != 0 {
                (a, b) = (b, a % b);
            }
            a
        };
        let days = |period: i64| {
            let k = (from - anchor).num_days() / period;
            anchor + chrono::Duration::days(k * period)
        };
        let years = |mut step: i32| {
            if anchor.month() == 2 && anchor.day() == 29 {
                step *= 4 / gcd(step as u32, 4) as i32;
            }
            let k = (from.year() - anchor.year()) / step;
            (0..=k)
                .rev()
                .find_map(|j| anchor.with_year(anchor.year() + j * step).filter(|d| *d <= from))
                .unwrap_or(anchor)
        };
        match rule.get_freq() {
            Frequency::Daily => days(i64::from(n)),
            Frequency::Weekly => days(7 * i64::from(n)),
            // n months: whole years that are a multiple of n months keep the grid and the day
            Frequency::Monthly => years((n / gcd(n, 12)) as i32),
            Frequency::Yearly => years(n as i32),
            _ => anchor,
        }
    }

    /// The schedule's own dates from `from` to `to` (both included), within `since` and
    /// `until`, before `except` and closures; at most `limit`.
    pub(crate) fn raw_dates(&self, from: NaiveDate, to: NaiveDate, tz: chrono_tz::Tz, limit: u16) -> Vec<NaiveDate> {
        let from = self.since.as_ref().map_or(from, |s| from.max(s.value));
        let to = self.until.as_ref().map_or(to, |u| to.min(u.value));
        if to < from {
            return Vec::new();
        }
        match &self.when {
            When::Once(d) => (from..=to).contains(&d.value).then_some(d.value).into_iter().collect(),
            When::Rule { rule, .. } => {
                let rtz = rrule::Tz::Tz(tz);
                let at = |d: NaiveDate, t: chrono::NaiveTime| rtz.from_local_datetime(&d.and_time(t)).earliest();
                let midnight = chrono::NaiveTime::MIN;
                let last = chrono::NaiveTime::from_hms_opt(23, 59, 59).unwrap_or(midnight);
                let (Some(start), Some(after), Some(before)) = (
                    at(self.start_near(from, rule), self.start),
                    at(from, midnight),
                    at(to, last),
                ) else {
                    return Vec::new();
                };
                let Ok(validated) = (**rule).clone().validate(start) else {
                    return Vec::new();
                };
                // `after` is exclusive in the rrule crate; a second earlier makes it inclusive.
                let set = rrule::RRuleSet::new(start)
                    .rrule(validated)
                    .after(after - chrono::Duration::seconds(1))
                    .before(before);
                let mut v: Vec<NaiveDate> = set.all(limit).dates.iter().map(|d| d.date_naive()).collect();
                v.dedup();
                v
            }
        }
    }

    /// The first of the schedule's own dates on or after `from`.
    pub(crate) fn first_on_or_after(&self, from: NaiveDate, tz: chrono_tz::Tz) -> Option<NaiveDate> {
        let to = self.until.as_ref().map_or(NaiveDate::MAX, |u| u.value);
        self.raw_dates(from, to, tz, 1).into_iter().next()
    }

    /// The first date a calendar lists for the schedule (its DTSTART): the first of its dates
    /// on or after `since`, or after 1 January of the year before `today`. A rule with COUNT
    /// keeps its true first date, since COUNT counts from it. `None`: no date to list.
    pub(crate) fn calendar_start(&self, today: NaiveDate, tz: chrono_tz::Tz) -> Option<NaiveDate> {
        use chrono::Datelike;
        let counted = matches!(&self.when, When::Rule { rule, .. } if rule.get_count().is_some());
        let from = if counted {
            self.anchor()
        } else {
            self.since
                .as_ref()
                .map_or(NaiveDate::from_ymd_opt(today.year() - 1, 1, 1).unwrap_or(today), |d| {
                    d.value
                })
        };
        self.first_on_or_after(from, tz)
    }

    /// Whether the schedule has any date at all (a rule such as 30 February has none).
    pub(crate) fn produces_any(&self, tz: chrono_tz::Tz) -> bool {
        if let Some(&(t, any)) = self.any_date.get()
            && t == tz
        {
            return any;
        }
        let from = match &self.when {
            When::Once(d) => d.value,
            When::Rule { .. } => self.anchor(),
        };
        let any = self.first_on_or_after(from, tz).is_some();
        let _ = self.any_date.set((tz, any));
        any
    }

    /// The dates from `from` to `to` as a station page lists them: `except` dates and closures
    /// cancelled (or postponed), dates beyond the holiday data marked provisional.
    pub(crate) fn occurrences(
        &self,
        from: NaiveDate,
        to: NaiveDate,
        tz: chrono_tz::Tz,
        cal: &Calendar,
        place: Place,
    ) -> Vec<Occurrence> {
        let reach = from.checked_sub_days(Days::new(POSTPONE_REACH)).unwrap_or(from);
        let raw_from = if self.postpone { reach } else { from };
        let mut out = Vec::new();
        for d in self.raw_dates(raw_from, to, tz, u16::MAX) {
            let (date, status) = if self.except.iter().any(|x| x.value == d) {
                (d, Status::Cancelled(None))
            } else if let Some(closed) = cal.closed(d, place.slug, place.region_path) {
                let moved = if self.postpone {
                    cal.next_working_day(d, place.slug, place.region_path)
                } else {
                    None
                };
                match moved {
                    Some(m) => (
                        m,
                        Status::Postponed {
                            from: d,
                            reason: closed.reason(),
                        },
                    ),
                    None => (d, Status::Cancelled(Some(closed.reason()))),
                }
            } else {
                (d, Status::Scheduled)
            };
            if date < from || date > to {
                continue;
            }
            let original = match &status {
                Status::Postponed { from, .. } => *from,
                _ => date,
            };
            out.push(Occurrence {
                date,
                provisional: !cal.covers(date) || !cal.covers(original),
                status,
            });
        }
        out.sort();
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::fields::Spanned;
    use crate::content::holidays::Closure;
    use chrono::{Datelike, NaiveTime, Weekday};
    use std::path::Path;

    const TZ: chrono_tz::Tz = chrono_tz::Asia::Shanghai;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn rule(text: &str) -> Schedule {
        Schedule {
            title: "接待日".into(),
            when: When::Rule {
                text: Spanned::new(text.into(), 0..0),
                rule: Box::new(text.parse().unwrap()),
            },
            start: NaiveTime::from_hms_opt(9, 0, 0).unwrap(),
            end: NaiveTime::from_hms_opt(11, 30, 0).unwrap(),
            since: None,
            until: None,
            except: Vec::new(),
            representatives: Vec::new(),
            postpone: false,
            theme: None,
            themes: Vec::new(),
            any_date: std::sync::OnceLock::new(),
        }
    }

    fn since(mut s: Schedule, day: NaiveDate) -> Schedule {
        s.since = Some(Spanned::new(day, 0..0));
        s
    }

    fn until(mut s: Schedule, day: NaiveDate) -> Schedule {
        s.until = Some(Spanned::new(day, 0..0));
        s
    }

    fn once(day: NaiveDate) -> Schedule {
        let mut s = rule("FREQ=DAILY");
        s.when = When::Once(Spanned::new(day, 0..0));
        s
    }

    const PLACE: Place = Place {
        slug: "s",
        region_path: &["430000", "430988"],
    };

    fn list(s: &Schedule, from: NaiveDate, to: NaiveDate, cal: &Calendar) -> Vec<(NaiveDate, Status)> {
        s.occurrences(from, to, TZ, cal, PLACE)
            .into_iter()
            .map(|o| (o.date, o.status))
            .collect()
    }

    fn dates(s: &Schedule, from: NaiveDate, to: NaiveDate) -> Vec<NaiveDate> {
        s.raw_dates(from, to, TZ, u16::MAX)
    }

    #[test]
    fn the_31st_skips_short_months() {
        let s = since(rule("FREQ=MONTHLY;BYMONTHDAY=31"), d(2026, 1, 1));
        assert_eq!(
            dates(&s, d(2026, 1, 1), d(2026, 8, 31)),
            [
                d(2026, 1, 31),
                d(2026, 3, 31),
                d(2026, 5, 31),
                d(2026, 7, 31),
                d(2026, 8, 31)
            ]
        );
    }

    #[test]
    fn the_last_day_of_each_month() {
        let s = since(rule("FREQ=MONTHLY;BYMONTHDAY=-1"), d(2028, 1, 1));
        assert_eq!(
            dates(&s, d(2028, 1, 1), d(2028, 3, 31)),
            [d(2028, 1, 31), d(2028, 2, 29), d(2028, 3, 31)]
        );
    }

    #[test]
    fn the_29th_of_february_only_in_leap_years() {
        let s = since(rule("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29"), d(2023, 1, 1));
        assert_eq!(
            dates(&s, d(2023, 1, 1), d(2033, 12, 31)),
            [d(2024, 2, 29), d(2028, 2, 29), d(2032, 2, 29)]
        );
    }

    #[test]
    fn since_and_until_are_inclusive() {
        let s = until(since(rule("FREQ=MONTHLY;BYMONTHDAY=8"), d(2026, 3, 8)), d(2026, 6, 8));
        assert_eq!(
            dates(&s, d(2026, 1, 1), d(2026, 12, 31)),
            [d(2026, 3, 8), d(2026, 4, 8), d(2026, 5, 8), d(2026, 6, 8)]
        );
        let s = until(since(rule("FREQ=MONTHLY;BYMONTHDAY=8"), d(2026, 3, 9)), d(2026, 6, 7));
        assert_eq!(
            dates(&s, d(2026, 1, 1), d(2026, 12, 31)),
            [d(2026, 4, 8), d(2026, 5, 8)]
        );
    }

    #[test]
    fn except_dates_are_kept_as_cancelled() {
        let mut s = since(rule("FREQ=MONTHLY;BYMONTHDAY=8"), d(2026, 1, 1));
        s.except = vec![Spanned::new(d(2026, 7, 8), 0..0)];
        let got = list(&s, d(2026, 6, 1), d(2026, 8, 31), &Calendar::default());
        assert_eq!(
            got,
            [
                (d(2026, 6, 8), Status::Scheduled),
                (d(2026, 7, 8), Status::Cancelled(None)),
                (d(2026, 8, 8), Status::Scheduled)
            ]
        );
    }

    #[test]
    fn a_holiday_cancels_unless_the_schedule_postpones() {
        // 2025-10-08 is inside the National Day holiday (Oct 1–8); Oct 9 is the next working day
        let s = since(rule("FREQ=MONTHLY;BYMONTHDAY=8"), d(2025, 1, 1));
        let cal = Calendar::default();
        assert_eq!(
            list(&s, d(2025, 10, 1), d(2025, 10, 31), &cal),
            [(d(2025, 10, 8), Status::Cancelled(Some("国庆节放假".into())))]
        );
        let mut p = s.clone();
        p.postpone = true;
        assert_eq!(
            list(&p, d(2025, 10, 1), d(2025, 10, 31), &cal),
            [(
                d(2025, 10, 9),
                Status::Postponed {
                    from: d(2025, 10, 8),
                    reason: "国庆节放假".into()
                }
            )]
        );
    }

    #[test]
    fn a_postponed_date_from_before_the_window_lands_in_it() {
        let mut p = since(rule("FREQ=MONTHLY;BYMONTHDAY=8"), d(2025, 1, 1));
        p.postpone = true;
        let got = list(&p, d(2025, 10, 9), d(2025, 10, 9), &Calendar::default());
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].0, d(2025, 10, 9));
    }

    #[test]
    fn local_closures_apply_to_their_regions_only() {
        let src = crate::diag::Source::new(Path::new("."), "content/holidays.toml", String::new());
        let closure = |regions: Vec<&str>| Closure {
            from: d(2026, 12, 8),
            to: d(2026, 12, 9),
            name: "换届选举".into(),
            regions: regions.into_iter().map(|r| Spanned::new(r.to_string(), 0..0)).collect(),
            stations: Vec::new(),
            src: src.clone(),
        };
        let s = since(rule("FREQ=MONTHLY;BYMONTHDAY=8"), d(2026, 1, 1));
        let here = Calendar {
            local: vec![closure(vec!["430988"])],
        };
        assert_eq!(
            list(&s, d(2026, 12, 1), d(2026, 12, 31), &here),
            [(d(2026, 12, 8), Status::Cancelled(Some("换届选举".into())))]
        );
        let elsewhere = Calendar {
            local: vec![closure(vec!["430100"])],
        };
        assert_eq!(
            list(&s, d(2026, 12, 1), d(2026, 12, 31), &elsewhere),
            [(d(2026, 12, 8), Status::Scheduled)]
        );
        // postponed past a two-day closure: Dec 10 (Thursday)
        let mut p = s.clone();
        p.postpone = true;
        assert_eq!(list(&p, d(2026, 12, 1), d(2026, 12, 31), &here)[0].0, d(2026, 12, 10));
    }

    #[test]
    fn dates_beyond_the_holiday_data_are_provisional() {
        let s = since(rule("FREQ=MONTHLY;BYMONTHDAY=8"), d(2026, 1, 1));
        let o = s.occurrences(d(2026, 12, 1), d(2027, 1, 31), TZ, &Calendar::default(), PLACE);
        assert_eq!(
            o.iter().map(|x| (x.date, x.provisional)).collect::<Vec<_>>(),
            [(d(2026, 12, 8), false), (d(2027, 1, 8), true)]
        );
    }

    #[test]
    fn schedules_with_no_future_date_list_nothing() {
        let s = until(since(rule("FREQ=MONTHLY;BYMONTHDAY=8"), d(2024, 1, 1)), d(2025, 6, 30));
        assert!(list(&s, d(2026, 11, 22), d(2027, 2, 19), &Calendar::default()).is_empty());
        assert!(s.produces_any(TZ));
        assert!(
            list(
                &once(d(2026, 1, 5)),
                d(2026, 11, 22),
                d(2027, 2, 19),
                &Calendar::default()
            )
            .is_empty()
        );
    }

    #[test]
    fn impossible_rules_produce_nothing() {
        assert!(!rule("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30").produces_any(TZ));
        assert!(rule("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29").produces_any(TZ));
        let s = until(since(rule("FREQ=MONTHLY;BYMONTHDAY=8"), d(2026, 3, 9)), d(2026, 4, 7));
        assert!(!s.produces_any(TZ));
    }

    #[test]
    fn dates_do_not_depend_on_the_zone_of_the_rule_being_far_from_utc() {
        // 07:00 in Shanghai is 23:00 UTC the day before: the date must stay the 8th
        let mut s = since(rule("FREQ=MONTHLY;BYMONTHDAY=8"), d(2026, 1, 1));
        s.start = NaiveTime::from_hms_opt(7, 0, 0).unwrap();
        assert_eq!(dates(&s, d(2026, 1, 1), d(2026, 2, 28)), [d(2026, 1, 8), d(2026, 2, 8)]);
    }

    #[test]
    fn first_date_honours_since_and_the_rule() {
        let s = since(rule("FREQ=MONTHLY;BYMONTHDAY=8"), d(2024, 1, 1));
        assert_eq!(s.first_on_or_after(d(2023, 6, 1), TZ), Some(d(2024, 1, 8)));
        assert_eq!(s.first_on_or_after(d(2024, 1, 9), TZ), Some(d(2024, 2, 8)));
        assert_eq!(s.first_on_or_after(d(2024, 2, 8), TZ), Some(d(2024, 2, 8)));
    }

    #[test]
    fn starting_near_the_window_gives_the_dates_of_starting_at_the_anchor() {
        // Expand from the anchor with the rrule crate directly, and compare with raw_dates,
        // which starts near the window, for rules of every frequency and interval.
        let rules = [
            "FREQ=DAILY;INTERVAL=3",
            "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO",
            "FREQ=WEEKLY;INTERVAL=3;BYDAY=TU,FR",
            "FREQ=MONTHLY;INTERVAL=5",
            "FREQ=MONTHLY;INTERVAL=2;BYDAY=-1FR",
            "FREQ=MONTHLY;BYMONTHDAY=31",
            "FREQ=YEARLY;INTERVAL=3",
            "FREQ=YEARLY",
        ];
        for text in rules {
            for anchor in [d(2019, 3, 31), d(2020, 2, 29), d(2021, 1, 15)] {
                let s = since(rule(text), anchor);
                let r: rrule::RRule<rrule::Unvalidated> = text.parse().unwrap();
                let tz = rrule::Tz::Tz(TZ);
                let start = tz.from_local_datetime(&anchor.and_time(s.start)).unwrap();
                let end = tz.from_local_datetime(&d(2033, 1, 1).and_time(s.start)).unwrap();
                let all: Vec<NaiveDate> = rrule::RRuleSet::new(start)
                    .rrule(r.validate(start).unwrap())
                    .before(end)
                    .all(u16::MAX)
                    .dates
                    .iter()
                    .map(|x| x.date_naive())
                    .filter(|x| (d(2026, 1, 1)..=d(2032, 12, 31)).contains(x))
                    .collect();
                assert_eq!(dates(&s, d(2026, 1, 1), d(2032, 12, 31)), all, "{text} from {anchor}");
            }
        }
    }

    #[test]
    fn fortnightly_weeks_do_not_depend_on_the_day_asked() {
        let s = rule("FREQ=WEEKLY;INTERVAL=2;BYDAY=MO");
        let a = s.first_on_or_after(d(2026, 11, 2), TZ).unwrap();
        let b = s.first_on_or_after(d(2026, 11, 9), TZ).unwrap();
        assert_eq!((b - a).num_days() % 14, 0, "{a} {b}");
        assert_eq!(a.weekday(), Weekday::Mon);
        assert_eq!((a - RULE_EPOCH).num_days() % 14, 0);
    }
}

//! Closures: days a station does not receive voters.
//!
//! Official public holidays (法定节假日) and make-up working days (调休) come from the
//! `chinese_holiday` crate, which carries the State Council's published calendars. A site may
//! add local closures in `content/holidays.toml`. Dates beyond the official data are
//! *provisional*: the State Council may still move a holiday onto them.

use chinese_holiday::DayKind;
use chrono::{Datelike, NaiveDate, Weekday};

use crate::content::holidays::Closure;

/// The days the `chinese_holiday` crate answers for. It asserts (panics) outside this range,
/// so every call goes through [`official`], which checks it first. Update with the crate.
pub(crate) const DATA_FIRST: NaiveDate = match NaiveDate::from_ymd_opt(2004, 1, 1) {
    Some(d) => d,
    None => unreachable!(),
};
pub(crate) const DATA_LAST: NaiveDate = match NaiveDate::from_ymd_opt(2026, 12, 25) {
    Some(d) => d,
    None => unreachable!(),
};

/// What the official calendar says of a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Official {
    /// A public holiday (a day off within a holiday period), with its name.
    Holiday(&'static str),
    /// A weekend day made a working day (调休上班).
    MakeUpWorkday(&'static str),
    Workday,
    Weekend,
    /// Outside the published data.
    Unknown,
}

fn festival(kind: DayKind) -> &'static str {
    match kind {
        DayKind::NewYearsDayHoliday | DayKind::NewYearsDayWorkday => "元旦",
        DayKind::SpringFestivalHoliday | DayKind::SpringFestivalWorkday => "春节",
        DayKind::ChingMingFestivalHoliday | DayKind::ChingMingFestivalWorkday => "清明节",
        DayKind::InternationalWorkersDayHoliday | DayKind::InternationalWorkersDayWorkday => "劳动节",
        DayKind::DragonBoatFestivalHoliday | DayKind::DragonBoatFestivalWorkday => "端午节",
        DayKind::MidAutumnFestivalHoliday | DayKind::MidAutumnFestivalWorkday => "中秋节",
        DayKind::NationalDayHoliday | DayKind::NationalDayWorkday => "国庆节",
        DayKind::OtherHoliday | DayKind::OtherWorkday => "法定节假日",
        DayKind::NormalWorkday | DayKind::NormalHoliday => "",
    }
}

/// The official calendar's word on `d`.
pub(crate) fn official(d: NaiveDate) -> Official {
    if d < DATA_FIRST || d > DATA_LAST {
        return Official::Unknown;
    }
    let ymd = (d.year() as u16, d.month() as u8, d.day() as u8);
    match chinese_holiday::chinese_holiday(ymd) {
        DayKind::NormalWorkday => Official::Workday,
        DayKind::NormalHoliday => Official::Weekend,
        k if k.is_workday() => Official::MakeUpWorkday(festival(k)),
        k => Official::Holiday(festival(k)),
    }
}

/// All closures of a site: the official calendar plus the local ones.
#[derive(Debug, Clone, Default)]
pub(crate) struct Calendar {
    pub(crate) local: Vec<Closure>,
}

/// Why a station does not receive voters on a day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Closed {
    Holiday(&'static str),
    Local(String),
}

impl Closed {
    pub(crate) fn reason(&self) -> String {
        match self {
            Closed::Holiday(name) => format!("{name}放假"),
            Closed::Local(name) => name.clone(),
        }
    }
}

impl Calendar {
    /// Whether the station (slug, region path) is closed on `d`, and why.
    pub(crate) fn closed(&self, d: NaiveDate, station: &str, region_path: &[&str]) -> Option<Closed> {
        if let Some(c) = self.local.iter().find(|c| c.applies(d, station, region_path)) {
            return Some(Closed::Local(c.name.clone()));
        }
        match official(d) {
            Official::Holiday(name) => Some(Closed::Holiday(name)),
            _ => None,
        }
    }

    /// The first working day after `d` at that station: a weekday that is no holiday, or a
    /// make-up working day, and not a local closure. `None` if none within 60 days.
    pub(crate) fn next_working_day(&self, d: NaiveDate, station: &str, region_path: &[&str]) -> Option<NaiveDate> {
        let mut day = d;
        for _ in 0..60 {
            day = day.succ_opt()?;
            let working = match official(day) {
                Official::Workday | Official::MakeUpWorkday(_) => true,
                Official::Holiday(_) | Official::Weekend => false,
                Official::Unknown => !matches!(day.weekday(), Weekday::Sat | Weekday::Sun),
            };
            if working && !self.local.iter().any(|c| c.applies(day, station, region_path)) {
                return Some(day);
            }
        }
        None
    }

    /// Whether the official data covers `d` (otherwise a date is provisional).
    pub(crate) fn covers(&self, d: NaiveDate) -> bool {
        (DATA_FIRST..=DATA_LAST).contains(&d)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn official_days() {
        assert_eq!(official(d(2025, 10, 1)), Official::Holiday("国庆节"));
        assert_eq!(official(d(2025, 1, 29)), Official::Holiday("春节"));
        // Sunday 2025-01-26 was a make-up working day before the Spring Festival
        assert_eq!(official(d(2025, 1, 26)), Official::MakeUpWorkday("春节"));
        assert_eq!(official(d(2025, 7, 8)), Official::Workday);
        assert_eq!(official(d(2025, 7, 6)), Official::Weekend);
    }

    #[test]
    fn outside_the_data_is_unknown_not_a_panic() {
        assert_eq!(official(d(2003, 12, 31)), Official::Unknown);
        assert_eq!(official(DATA_LAST.succ_opt().unwrap()), Official::Unknown);
        assert_eq!(official(d(2030, 1, 1)), Official::Unknown);
        // the bounds themselves are answered
        let _ = official(DATA_FIRST);
        let _ = official(DATA_LAST);
    }

    #[test]
    fn next_working_day_skips_holidays_and_weekends() {
        let cal = Calendar::default();
        // 国庆 2025: Oct 1–8 off, Sat Oct 11 a make-up working day
        assert_eq!(cal.next_working_day(d(2025, 10, 1), "s", &[]), Some(d(2025, 10, 9)));
        // Friday → Monday outside any holiday
        assert_eq!(cal.next_working_day(d(2025, 7, 11), "s", &[]), Some(d(2025, 7, 14)));
        // Before the 2025 Spring Festival the Sunday Jan 26 was a working day
        assert_eq!(cal.next_working_day(d(2025, 1, 25), "s", &[]), Some(d(2025, 1, 26)));
    }
}

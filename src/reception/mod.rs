//! Reception days (接待日) as dates: `dates` expands a station's schedules (the
//! `content::reception` values) into dates, with holidays and local closures from `holidays`;
//! `words` puts schedules and dates into words. Pure date logic: nothing here reads files.

pub(crate) mod dates;
pub(crate) mod holidays;
pub(crate) mod words;

pub(crate) use dates::Status;
pub(crate) use words::{date_label, describe_rule, weekday_label};

use crate::content::reception::{Schedule, When};

impl Schedule {
    /// The theme of the reception on `date`: that day's own (`[[reception.notice]]`), else the
    /// schedule's `theme`.
    pub(crate) fn theme_on(&self, date: chrono::NaiveDate) -> Option<&str> {
        self.themes
            .iter()
            .find(|(d, _)| *d == date)
            .map(|(_, t)| t.as_str())
            .or(self.theme.as_deref())
    }

    /// The schedule in words, without the time.
    pub(crate) fn summary(&self) -> String {
        match &self.when {
            When::Rule { rule, .. } => describe_rule(rule),
            When::Once(d) => date_label(d.value),
        }
    }

    /// `09:00–11:30`
    pub(crate) fn time_label(&self) -> String {
        format!("{}–{}", self.start.format("%H:%M"), self.end.format("%H:%M"))
    }

    /// The time as it is said, for reading aloud: `上午9点到11点30分`, `下午2点30分到5点`.
    pub(crate) fn time_spoken(&self) -> String {
        let start = words::spoken_time(self.start);
        let end = words::spoken_time(self.end);
        // The part of the day is said once when both times share it.
        let (sp, st) = start;
        let (ep, et) = end;
        if sp == ep {
            format!("{sp}{st}到{et}")
        } else {
            format!("{sp}{st}到{ep}{et}")
        }
    }
}

//! The `[[reception]]` tables of a station (接待日), read into plain values with their spans.
//! Rules are parsed with the `rrule` crate (RFC 5545), never by hand; what the dates are is
//! `reception`'s business.

use chrono::{NaiveDate, NaiveTime};
use rrule::{Frequency, RRule, Unvalidated};

use super::fields::{Spanned, Table};
use crate::diag::Diagnostics;

/// When a schedule happens: a recurrence rule or one date.
#[derive(Debug, Clone)]
pub(crate) enum When {
    Rule {
        text: Spanned<String>,
        rule: Box<RRule<Unvalidated>>,
    },
    Once(Spanned<NaiveDate>),
}

#[derive(Debug, Clone)]
pub(crate) struct Schedule {
    pub(crate) title: String,
    pub(crate) when: When,
    pub(crate) start: NaiveTime,
    pub(crate) end: NaiveTime,
    pub(crate) since: Option<Spanned<NaiveDate>>,
    pub(crate) until: Option<Spanned<NaiveDate>>,
    pub(crate) except: Vec<Spanned<NaiveDate>>,
    /// Slugs of the representatives on duty, checked against the site in validation.
    pub(crate) representatives: Vec<Spanned<String>>,
    /// `on_holiday = "postpone"`: a date on a closure moves to the next working day (遇节假日顺延)
    /// instead of being cancelled.
    pub(crate) postpone: bool,
    /// The theme of every reception of the schedule (接待主题), for its notices.
    pub(crate) theme: Option<String>,
    /// Per-date themes, `[[reception.notice]] date = …, theme = "…"`, replacing `theme` that day.
    pub(crate) themes: Vec<(NaiveDate, String)>,
    /// [`Schedule::produces_any`], worked out once per parse of the file (and time zone).
    pub(crate) any_date: std::sync::OnceLock<(chrono_tz::Tz, bool)>,
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
    "on_holiday",
    "theme",
    "notice",
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
pub(crate) fn read(t: &Table, diags: &mut Diagnostics) -> Option<Schedule> {
    t.deny_unknown(KEYS, diags);
    let before = diags.len();
    let title = t
        .string("title", false, diags)
        .map(|s| s.value)
        .unwrap_or_else(|| "接待日".into());
    let when = when(t, diags);
    let (start, end) = hours(t, diags);
    let (since, until) = period(t, diags);
    let except = t.date_list("except", diags).map(|l| l.value).unwrap_or_default();
    let postpone = postpone(t, diags);
    let representatives = t
        .string_list("representatives", diags)
        .map(|l| l.value)
        .unwrap_or_default();
    let theme = t.string("theme", false, diags).map(|s| s.value);
    let themes = t
        .tables("notice", diags)
        .iter()
        .filter_map(|n| {
            n.deny_unknown(&["date", "theme"], diags);
            let date = n.date("date", true, diags)?;
            let theme = n.string("theme", true, diags)?;
            Some((date.value, theme.value))
        })
        .collect();
    if diags.len() > before {
        return None;
    }
    Some(Schedule {
        theme,
        themes,
        title,
        when: when?,
        start: start?.value,
        end: end?.value,
        since,
        until,
        except,
        representatives,
        postpone,
        any_date: std::sync::OnceLock::new(),
    })
}

/// `rrule` or `date`: exactly one of them.
fn when(t: &Table, diags: &mut Diagnostics) -> Option<When> {
    let rule = t.string("rrule", false, diags);
    let date = t.date("date", false, diags);
    match (rule, date) {
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
    }
}

/// `start` and `end`, the one after the other.
fn hours(t: &Table, diags: &mut Diagnostics) -> (Option<Spanned<NaiveTime>>, Option<Spanned<NaiveTime>>) {
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
    (start, end)
}

/// `since` and `until`, in that order.
fn period(t: &Table, diags: &mut Diagnostics) -> (Option<Spanned<NaiveDate>>, Option<Spanned<NaiveDate>>) {
    let since = t.date("since", false, diags);
    let until = t.date("until", false, diags);
    if let (Some(s), Some(u)) = (&since, &until)
        && u.value < s.value
    {
        diags.push(t.src.error(u.span.clone(), "`until` is before `since`"));
    }
    (since, until)
}

/// `on_holiday`: whether a reception day on a holiday moves to the next working day.
fn postpone(t: &Table, diags: &mut Diagnostics) -> bool {
    match t.string("on_holiday", false, diags) {
        None => false,
        Some(v) if v.value == "cancel" => false,
        Some(v) if v.value == "postpone" => true,
        Some(v) => {
            diags.push(
                t.src
                    .error(
                        v.span.clone(),
                        format!("`on_holiday` must be \"cancel\" or \"postpone\", found \"{}\"", v.value),
                    )
                    .with_hint("\"postpone\" moves a reception day that falls on a holiday to the next working day"),
            );
            false
        }
    }
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

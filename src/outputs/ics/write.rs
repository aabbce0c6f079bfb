//! Writing iCalendar text (RFC 5545) with the `ics` crate, which escapes text and folds lines
//! at 75 octets: one VEVENT per schedule, the rule kept as an RRULE, times in the site's zone
//! with a VTIMEZONE, cancelled dates as EXDATE, postponed ones as EXDATE + RDATE, and DTSTAMP
//! from the build date so that builds stay reproducible.

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, Offset, TimeZone, Utc};
use chrono_tz::Tz;
use ics::components::Property;
use ics::properties::{Description, DtEnd, DtStart, Location, Summary, TzName};
use ics::{Daylight, Event, ICalendar, Standard, TimeZone as VTimeZone};

use crate::content::Station;
use crate::content::reception::{Schedule, When};
use crate::reception::dates::{Occurrence, Place, Status};
use crate::reception::holidays;

fn local(dt: NaiveDateTime) -> String {
    dt.format("%Y%m%dT%H%M%S").to_string()
}

fn offset(secs: i32) -> String {
    let sign = if secs < 0 { '-' } else { '+' };
    let a = secs.abs();
    format!("{sign}{:02}{:02}", a / 3600, (a % 3600) / 60)
}

/// A VTIMEZONE for `tz` valid over the years `from..=to`: one observance per offset change
/// found in those years, or one STANDARD observance for a zone without changes.
pub(crate) fn vtimezone(tz: Tz, from: i32, to: i32) -> VTimeZone<'static> {
    use chrono_tz::OffsetName;
    let off = |t: chrono::DateTime<Utc>| tz.offset_from_utc_datetime(&t.naive_utc()).fix().local_minus_utc();
    let abbr = |t: chrono::DateTime<Utc>| {
        tz.offset_from_utc_datetime(&t.naive_utc())
            .abbreviation()
            .unwrap_or("")
            .to_string()
    };
    let begin = Utc.with_ymd_and_hms(from, 1, 1, 0, 0, 0).single().unwrap_or_default();
    let end = Utc.with_ymd_and_hms(to + 1, 1, 1, 0, 0, 0).single().unwrap_or_default();
    // (is standard time, local start, offset before, offset after, abbreviation)
    let mut obs: Vec<(bool, String, i32, i32, String)> = Vec::new();
    let first = off(begin);
    let (mut t, mut prev) = (begin, first);
    while t < end {
        let o = off(t);
        if o != prev {
            // narrow the change down to the minute
            let (mut lo, mut hi) = (t - Duration::hours(1), t);
            while hi - lo > Duration::minutes(1) {
                let mid = lo + (hi - lo) / 2;
                if off(mid) == prev { lo = mid } else { hi = mid }
            }
            let local_at = hi.naive_utc() + Duration::seconds(i64::from(prev));
            obs.push((o < prev, local(local_at), prev, o, abbr(hi)));
            prev = o;
        }
        t += Duration::hours(1);
    }
    if obs.is_empty() {
        obs.push((true, "19700101T000000".into(), first, first, abbr(begin)));
    }
    let make =
        |(std, at, f, to, name): (bool, String, i32, i32, String)| -> Result<Standard<'static>, Daylight<'static>> {
            if std {
                let mut o = Standard::new(at, offset(f), offset(to));
                o.push(TzName::new(name));
                Ok(o)
            } else {
                let mut o = Daylight::new(at, offset(f), offset(to));
                o.push(TzName::new(name));
                Err(o)
            }
        };
    let mut items = obs.into_iter().map(make);
    let mut zone = match items.next() {
        Some(Ok(s)) => VTimeZone::standard(tz.name().to_string(), s),
        Some(Err(d)) => VTimeZone::daylight(tz.name().to_string(), d),
        None => VTimeZone::standard(
            tz.name().to_string(),
            Standard::new("19700101T000000", "+0000", "+0000"),
        ),
    };
    for o in items {
        match o {
            Ok(s) => zone.add_standard(s),
            Err(d) => zone.add_daylight(d),
        }
    }
    zone
}

/// The host of the base URL, for UIDs: `rd.example.gov.cn`.
fn host(base_url: &str) -> String {
    ::url::Url::parse(base_url)
        .ok()
        .and_then(|u| u.host_str().map(str::to_string))
        .unwrap_or_else(|| "liaison".into())
}

/// What the events of a station need from the site.
pub(crate) struct Context<'a> {
    pub(crate) tz: Tz,
    pub(crate) today: NaiveDate,
    pub(crate) base_url: &'a str,
    pub(crate) closures: &'a holidays::Calendar,
    /// The last day exceptions are worked out for: the end of the official holiday data or of
    /// the last local closure, whichever is later.
    pub(crate) horizon: NaiveDate,
}

/// The events of one station, as text, and the earliest year they start in. Empty when no
/// schedule has a date.
pub(crate) fn station_events(
    cx: &Context,
    s: &Station,
    region_path: &[&str],
    duty: impl Fn(&str) -> Option<String>,
) -> (String, Option<i32>) {
    let place = Place {
        slug: &s.slug,
        region_path,
    };
    let mut out = String::new();
    let mut first_year: Option<i32> = None;
    for (n, r) in s.receptions.iter().enumerate() {
        if let Some((event, year)) = event(cx, s, n, r, place, &duty) {
            first_year = Some(first_year.map_or(year, |y| y.min(year)));
            out.push_str(&event);
        }
    }
    (out, first_year)
}

/// The start of a reception on day `d`, local time.
fn at(d: NaiveDate, r: &Schedule) -> String {
    local(d.and_time(r.start))
}

fn with_tz(name: &'static str, value: String, tz: Tz) -> Property<'static> {
    let mut p = Property::new(name, value);
    p.add(ics::parameters::TzIDParam::new(tz.name().to_string()));
    p
}

/// The event of the `n`th schedule of a station (from 0), and the year it starts in; `None`
/// when the schedule has no date from today on.
fn event(
    cx: &Context,
    s: &Station,
    n: usize,
    r: &Schedule,
    place: Place,
    duty: impl Fn(&str) -> Option<String>,
) -> Option<(String, i32)> {
    let tzid = cx.tz.name();
    let stamp = format!("{}T000000Z", cx.today.format("%Y%m%d"));
    let first = r.calendar_start(cx.today, cx.tz)?;
    let horizon = r.until.as_ref().map_or(cx.horizon, |u| u.value.min(cx.horizon));
    let dates = r.occurrences(first, horizon.max(first), cx.tz, cx.closures, place);
    let mut ev = Event::new(format!("{}-{}@{}", s.slug, n + 1, host(cx.base_url)), stamp);
    let (start_date, cancelled_once) = match &r.when {
        When::Once(_) => match dates.first().map(|o| &o.status) {
            Some(Status::Postponed { .. }) => (dates[0].date, false),
            Some(Status::Cancelled(_)) => (first, true),
            _ => (first, false),
        },
        When::Rule { .. } => (first, false),
    };
    let mut dtstart = DtStart::new(at(start_date, r));
    dtstart.add(ics::parameters::TzIDParam::new(tzid.to_string()));
    ev.push(dtstart);
    let mut dtend = DtEnd::new(local(start_date.and_time(r.end)));
    dtend.add(ics::parameters::TzIDParam::new(tzid.to_string()));
    ev.push(dtend);
    if cancelled_once {
        ev.push(ics::properties::Status::cancelled());
    }
    if let When::Rule { text, rule } = &r.when {
        recurrence(&mut ev, cx, r, text, rule, &dates);
    }
    ev.push(Summary::new(ics::escape_text(format!("{}（{}）", r.title, s.name))));
    ev.push(Location::new(ics::escape_text(s.address.clone())));
    if let Some(l) = s.location {
        ev.push(Property::new("GEO", format!("{:.6};{:.6}", l.lat, l.lon)));
    }
    ev.push(Description::new(ics::escape_text(description(r, duty))));
    ev.push(Property::new(
        "URL",
        crate::url::absolute(cx.base_url, &crate::url::station(&s.slug)),
    ));
    Some((ev.to_string(), start_date.year()))
}

/// A repeating schedule's rule (with `until` as `UNTIL`, in UTC), and the dates holidays
/// take out of it (`EXDATE`) or move (`EXDATE` and `RDATE`).
fn recurrence(
    ev: &mut Event,
    cx: &Context,
    r: &Schedule,
    text: &str,
    rule: &rrule::RRule<rrule::Unvalidated>,
    dates: &[Occurrence],
) {
    let mut rule_text = text.trim().trim_start_matches("RRULE:").to_string();
    if let Some(u) = &r.until
        && rule.get_until().is_none()
        && rule.get_count().is_none()
        && let Some(until) = cx.tz.from_local_datetime(&u.value.and_time(r.start)).earliest()
    {
        rule_text.push_str(&format!(
            ";UNTIL={}",
            until.with_timezone(&Utc).format("%Y%m%dT%H%M%SZ")
        ));
    }
    ev.push(Property::new("RRULE", rule_text));
    for o in dates {
        match &o.status {
            Status::Cancelled(_) => ev.push(with_tz("EXDATE", at(o.date, r), cx.tz)),
            Status::Postponed { from, .. } => {
                ev.push(with_tz("EXDATE", at(*from, r), cx.tz));
                ev.push(with_tz("RDATE", at(o.date, r), cx.tz));
            }
            Status::Scheduled => {}
        }
    }
}

/// What the event says: when, who receives, whether a holiday moves it.
fn description(r: &Schedule, duty: impl Fn(&str) -> Option<String>) -> String {
    let names: Vec<String> = r.representatives.iter().filter_map(|slug| duty(slug)).collect();
    let mut desc = format!("{}，{}", r.summary(), r.time_label());
    if !names.is_empty() {
        desc.push_str(&format!("。接待代表：{}", names.join("、")));
    }
    if r.postpone {
        desc.push_str("。遇节假日顺延");
    }
    desc
}

/// A whole calendar around events written by [`station_events`]; `vtimezone` is the text of
/// [`vtimezone`], made once for all calendars of a build.
pub(crate) fn calendar(name: &str, tz: Tz, vtimezone: &str, events: &[&str]) -> String {
    let mut cal = ICalendar::new("2.0", "-//liaison//reception days//ZH");
    cal.push(Property::new("CALSCALE", "GREGORIAN"));
    cal.push(Property::new("METHOD", "PUBLISH"));
    cal.push(Property::new("X-WR-CALNAME", ics::escape_text(name.to_string())));
    cal.push(Property::new("X-WR-TIMEZONE", tz.name().to_string()));
    let head = cal.to_string();
    let head = head.strip_suffix("END:VCALENDAR\r\n").unwrap_or(&head);
    let mut out = String::with_capacity(head.len() + events.iter().map(|e| e.len()).sum::<usize>() + 512);
    out.push_str(head);
    for e in events {
        out.push_str(e);
    }
    out.push_str(vtimezone);
    out.push_str("END:VCALENDAR\r\n");
    out
}

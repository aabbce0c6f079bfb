//! iCalendar feeds (RFC 5545) of reception days, written with the `ics` crate (which escapes
//! text and folds lines at 75 octets): one VEVENT per schedule, the rule kept as an RRULE,
//! times in the site's zone with a VTIMEZONE, cancelled dates as EXDATE, postponed ones as
//! EXDATE + RDATE, and DTSTAMP from the build date so that builds stay reproducible.
//!
//! Each station's events are written once ([`Cache::events`], which keeps them between builds
//! while what they are made from is the same); a station's calendar and the calendars of the
//! regions above it are put together from those texts.

use std::collections::BTreeSet;
use std::sync::Arc;

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, Offset, TimeZone, Utc};
use rayon::prelude::*;
use rustc_hash::FxHashMap as HashMap;
use chrono_tz::Tz;
use ics::components::Property;
use ics::properties::{Description, DtEnd, DtStart, Location, Summary, TzName};
use ics::{Daylight, Event, ICalendar, Standard, TimeZone as VTimeZone};

use crate::content::Station;
use crate::content::reception::{Schedule, When};
use crate::model::memo::ClosureKey;
use crate::model::{RegionId, Site, StationId};
use crate::reception::dates::{Place, Status};
use crate::reception::holidays;
use crate::url;

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
    let tzid = cx.tz.name();
    let stamp = format!("{}T000000Z", cx.today.format("%Y%m%d"));
    let place = Place {
        slug: &s.slug,
        region_path,
    };
    let host = host(cx.base_url);
    let mut out = String::new();
    let mut first_year: Option<i32> = None;
    let at = |d: NaiveDate, r: &Schedule| local(d.and_time(r.start));
    let with_tz = |name: &'static str, value: String| {
        let mut p = Property::new(name, value);
        p.add(ics::parameters::TzIDParam::new(tzid.to_string()));
        p
    };
    for (n, r) in s.receptions.iter().enumerate() {
        let Some(first) = r.calendar_start(cx.today, cx.tz) else {
            continue;
        };
        let horizon = r.until.as_ref().map_or(cx.horizon, |u| u.value.min(cx.horizon));
        let dates = r.occurrences(first, horizon.max(first), cx.tz, cx.closures, place);
        let mut ev = Event::new(format!("{}-{}@{host}", s.slug, n + 1), stamp.clone());
        let (start_date, cancelled_once) = match &r.when {
            When::Once(_) => match dates.first().map(|o| &o.status) {
                Some(Status::Postponed { .. }) => (dates[0].date, false),
                Some(Status::Cancelled(_)) => (first, true),
                _ => (first, false),
            },
            When::Rule { .. } => (first, false),
        };
        first_year = Some(first_year.map_or(start_date.year(), |y| y.min(start_date.year())));
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
            for o in &dates {
                match &o.status {
                    Status::Cancelled(_) => ev.push(with_tz("EXDATE", at(o.date, r))),
                    Status::Postponed { from, .. } => {
                        ev.push(with_tz("EXDATE", at(*from, r)));
                        ev.push(with_tz("RDATE", at(o.date, r)));
                    }
                    Status::Scheduled => {}
                }
            }
        }
        ev.push(Summary::new(ics::escape_text(format!("{}（{}）", r.title, s.name))));
        ev.push(Location::new(ics::escape_text(s.address.clone())));
        if let Some(l) = s.location {
            ev.push(Property::new("GEO", format!("{:.6};{:.6}", l.lat, l.lon)));
        }
        let names: Vec<String> = r.representatives.iter().filter_map(|slug| duty(slug)).collect();
        let mut desc = format!("{}，{}", r.summary(), r.time_label());
        if !names.is_empty() {
            desc.push_str(&format!("。接待代表：{}", names.join("、")));
        }
        if r.postpone {
            desc.push_str("。遇节假日顺延");
        }
        ev.push(Description::new(ics::escape_text(desc)));
        ev.push(Property::new(
            "URL",
            crate::url::absolute(cx.base_url, &crate::url::station(&s.slug)),
        ));
        out.push_str(&ev.to_string());
    }
    (out, first_year)
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

/// What every station's events depend on besides the station itself.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct SiteWide {
    today: NaiveDate,
    horizon: NaiveDate,
    tz: Tz,
    base_url: String,
    closures: Vec<ClosureKey>,
}

/// A station's events and what they were made from: its parse, its region path, and the names
/// of the representatives its schedules name (the events show them).
struct Kept {
    station: Arc<Station>,
    path: Vec<String>,
    names: Vec<Option<String>>,
    events: Arc<str>,
    first_year: Option<i32>,
}

/// Each station's events, kept between builds (a `serve` session keeps one).
#[derive(Default)]
pub(crate) struct Cache {
    site_wide: Option<SiteWide>,
    stations: HashMap<String, Kept>,
}

/// The events of every station of one model, by station, and the years the calendars'
/// VTIMEZONE must cover.
#[derive(Clone)]
pub(crate) struct Events {
    events: Vec<Arc<str>>,
    pub(crate) years: (i32, i32),
}

impl Events {
    /// A station's events (VEVENT text); empty when no schedule has a date.
    pub(crate) fn of(&self, s: StationId) -> &str {
        &self.events[s.index()]
    }
}

impl Cache {
    /// The events of every station of `site`, from the cache where they are still good.
    pub(crate) fn events(&mut self, site: &Site) -> Events {
        let (tz, today) = (site.config.timezone, site.today);
        let last = today + chrono::Days::new(u64::from(site.config.build.reception_days_ahead.saturating_sub(1)));
        let closures = site.closures();
        let local_end = closures.local.iter().map(|c| c.to).max();
        let horizon = local_end.map_or(holidays::DATA_LAST, |d| d.max(holidays::DATA_LAST)).max(last);
        let site_wide = SiteWide {
            today,
            horizon,
            tz,
            base_url: site.config.base_url.clone(),
            closures: closures.local.iter().map(ClosureKey::of).collect(),
        };
        if self.site_wide.as_ref() != Some(&site_wide) {
            self.stations.clear();
            self.site_wide = Some(site_wide);
        }
        let cx = Context {
            tz,
            today,
            base_url: &site.config.base_url,
            closures,
            horizon,
        };
        let old = &self.stations;
        let kept: Vec<Kept> = site
            .station_ids()
            .collect::<Vec<_>>()
            .into_par_iter()
            .map(|id| station(site, &cx, old, id))
            .collect();
        let first = kept.iter().filter_map(|k| k.first_year).min().unwrap_or(today.year());
        let events = Events {
            events: kept.iter().map(|k| k.events.clone()).collect(),
            years: (first.min(today.year() - 1), today.year() + 3),
        };
        self.stations = kept.into_iter().map(|k| (k.station.slug.clone(), k)).collect();
        events
    }
}

/// One station's events, from the cache when the station, its region path and the names its
/// schedules show are as they were.
fn station(site: &Site, cx: &Context, old: &HashMap<String, Kept>, id: StationId) -> Kept {
    let s = site.station(id);
    let path = site.station_region_codes(id);
    let name = |slug: &str| site.rep_by_slug(slug).map(|r| site.rep(r).name.clone());
    let names: Vec<Option<String>> = s
        .receptions
        .iter()
        .flat_map(|r| r.representatives.iter())
        .map(|slug| name(slug))
        .collect();
    if let Some(k) = old.get(s.slug.as_str())
        && Arc::ptr_eq(&k.station, s)
        && k.path.iter().map(String::as_str).eq(path.iter().copied())
        && k.names == names
    {
        return Kept {
            station: s.clone(),
            path: k.path.clone(),
            names,
            events: k.events.clone(),
            first_year: k.first_year,
        };
    }
    let (text, first_year) = station_events(cx, s, &path, name);
    Kept {
        station: s.clone(),
        path: path.iter().map(|c| c.to_string()).collect(),
        names,
        events: Arc::from(text),
        first_year,
    }
}

/// A calendar without control characters, whatever the content.
fn clean(ics: String) -> String {
    crate::text::strip_forbidden(&ics).into_owned()
}

/// The calendars of these stations and of these regions (each with every station below it):
/// `(output path, text)`.
pub(crate) fn calendars(
    site: &Site,
    events: &Events,
    stations: &BTreeSet<StationId>,
    regions: &BTreeSet<RegionId>,
) -> Vec<(String, String)> {
    let tz = site.config.timezone;
    let zone = vtimezone(tz, events.years.0, events.years.1).to_string();
    let zone = zone.as_str();
    let mut out: Vec<(String, String)> = stations
        .par_iter()
        .filter(|&&i| !events.of(i).is_empty())
        .map(|&i| {
            let s = site.station(i);
            (
                url::file_for(&url::station_calendar(&s.slug)),
                clean(calendar(&format!("{}接待日", s.name), tz, zone, &[events.of(i)])),
            )
        })
        .collect();
    out.par_extend(regions.par_iter().filter_map(|&r| {
        let list: Vec<&str> = site
            .subtree_stations(r)
            .into_iter()
            .map(|s| events.of(s))
            .filter(|e| !e.is_empty())
            .collect();
        let reg = site.region(r);
        (!list.is_empty()).then(|| {
            (
                url::file_for(&url::region_calendar(&reg.code)),
                clean(calendar(&format!("{}人大代表联络站接待日", reg.name), tz, zone, &list)),
            )
        })
    }));
    out
}

/// Every calendar of the site.
pub(crate) fn all(site: &Site, events: &Events) -> Vec<(String, String)> {
    calendars(site, events, &site.station_ids().collect(), &site.region_ids().collect())
}

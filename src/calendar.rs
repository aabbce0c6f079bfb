//! iCalendar feeds (RFC 5545) of reception days, written with the `ics` crate (which escapes
//! text and folds lines at 75 octets): one VEVENT per schedule, the rule kept as an RRULE,
//! times in the site's zone with a VTIMEZONE, cancelled dates as EXDATE, and DTSTAMP from the
//! build date so that builds stay reproducible.

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, Offset, TimeZone, Utc};
use chrono_tz::Tz;
use ics::components::Property;
use ics::properties::{Description, DtEnd, DtStart, Location, Summary, TzName};
use ics::{Daylight, Event, ICalendar, Standard, TimeZone as VTimeZone};

use crate::content::Station;
use crate::model::Site;
use crate::reception::When;

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
pub fn vtimezone(tz: Tz, from: i32, to: i32) -> VTimeZone<'static> {
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
    url::Url::parse(base_url)
        .ok()
        .and_then(|u| u.host_str().map(str::to_string))
        .unwrap_or_else(|| "liaison".into())
}

/// The `.ics` of one station, or `None` if it has no schedule that still produces a date.
pub fn station_calendar(site: &Site, s: &Station) -> Option<String> {
    let tz = site.config.timezone;
    let tzid = tz.name();
    let today = site.today;
    let stamp = format!("{}T000000Z", today.format("%Y%m%d"));
    let mut cal = ICalendar::new("2.0", "-//liaison//reception days//ZH");
    cal.push(Property::new("CALSCALE", "GREGORIAN"));
    cal.push(Property::new("METHOD", "PUBLISH"));
    cal.push(Property::new("X-WR-CALNAME", format!("{}接待日", s.name)));
    cal.push(Property::new("X-WR-TIMEZONE", tzid.to_string()));
    let mut years = (today.year() - 1, today.year() + 2);
    let mut events = 0;
    for (n, r) in s.receptions.iter().enumerate() {
        let from = r
            .since
            .as_ref()
            .map(|d| d.value)
            .unwrap_or_else(|| NaiveDate::from_ymd_opt(today.year() - 1, 1, 1).unwrap_or(today));
        let Some(first) = r.first_on_or_after(from, tz) else {
            continue;
        };
        years.0 = years.0.min(first.year());
        let mut ev = Event::new(
            format!("{}-{}@{}", s.slug, n + 1, host(&site.config.base_url)),
            stamp.clone(),
        );
        let mut start = DtStart::new(local(first.and_time(r.start)));
        start.add(ics::parameters::TzIDParam::new(tzid.to_string()));
        ev.push(start);
        let mut end = DtEnd::new(local(first.and_time(r.end)));
        end.add(ics::parameters::TzIDParam::new(tzid.to_string()));
        ev.push(end);
        if let When::Rule { text, rule } = &r.when {
            let mut rule_text = text.trim().trim_start_matches("RRULE:").to_string();
            if let Some(u) = &r.until {
                if rule.get_until().is_none() && rule.get_count().is_none() {
                    let until_local = u.value.and_time(r.end);
                    let until_utc = tz
                        .from_local_datetime(&until_local)
                        .earliest()
                        .map(|d| d.with_timezone(&Utc));
                    if let Some(uu) = until_utc {
                        rule_text.push_str(&format!(";UNTIL={}", uu.format("%Y%m%dT%H%M%SZ")));
                    }
                }
                years.1 = years.1.max(u.value.year());
            }
            ev.push(Property::new("RRULE", rule_text));
            for x in &r.except {
                let mut p = Property::new("EXDATE", local(x.value.and_time(r.start)));
                p.add(ics::parameters::TzIDParam::new(tzid.to_string()));
                ev.push(p);
            }
        }
        ev.push(Summary::new(ics::escape_text(format!("{}（{}）", r.title, s.name))));
        ev.push(Location::new(ics::escape_text(s.address.clone())));
        if let Some(l) = s.location {
            ev.push(Property::new("GEO", format!("{:.6};{:.6}", l.lat, l.lon)));
        }
        let names: Vec<&str> = r
            .representatives
            .iter()
            .filter_map(|slug| site.rep_index.get(slug.as_str()))
            .map(|&i| site.reps[i].name.as_str())
            .collect();
        let mut desc = format!("{}，{}", r.summary(), r.time_label());
        if !names.is_empty() {
            desc.push_str(&format!("。接待代表：{}", names.join("、")));
        }
        ev.push(Description::new(ics::escape_text(desc)));
        ev.push(Property::new(
            "URL",
            crate::url::absolute(&site.config.base_url, &crate::url::station(&s.slug)),
        ));
        cal.add_event(ev);
        events += 1;
    }
    if events == 0 {
        return None;
    }
    cal.add_timezone(vtimezone(tz, years.0, years.1));
    let mut out = Vec::new();
    cal.write(&mut out).ok()?;
    String::from_utf8(out).ok()
}

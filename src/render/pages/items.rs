//! The small values several page kinds show: a reception day, a station card, the picker of
//! regions, the map links of a station. Each is a typed struct; docs/templates.md describes
//! them for template authors.

use serde::Serialize;

use crate::content::Station;
use crate::content::station::Location;
use crate::model::{RegionId, Site, StationId, Upcoming};
use crate::reception::{Status, date_label, weekday_label};
use crate::render::context::{RegionLink, StationLink, region_link, station_link, tel};
use crate::url;

/// A link to a person or a station by name.
#[derive(Serialize)]
pub(crate) struct NameLink<'a> {
    pub(crate) name: &'a str,
    pub(crate) url: String,
}

/// The representatives on duty for a schedule, as links.
pub(crate) fn duty_links<'a>(site: &'a Site, r: &'a crate::content::reception::Schedule) -> Vec<NameLink<'a>> {
    site.on_duty(r)
        .map(|ri| {
            let rep = site.rep(ri);
            NameLink {
                name: &rep.name,
                url: url::representative(&rep.slug),
            }
        })
        .collect()
}

/// One reception day for templates.
#[derive(Serialize)]
pub(crate) struct Day<'a> {
    pub(crate) date: String,
    pub(crate) date_label: String,
    pub(crate) weekday: String,
    pub(crate) time: String,
    pub(crate) time_spoken: String,
    pub(crate) title: &'a str,
    pub(crate) status: &'static str,
    pub(crate) cancelled: bool,
    pub(crate) provisional: bool,
    pub(crate) representatives: Vec<NameLink<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) reason: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) postponed_from: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) postponed_from_label: Option<String>,
    /// In lists that span several stations.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) station: Option<NameLink<'a>>,
}

/// `2026年12月8日（星期二）`
fn day_label(d: chrono::NaiveDate) -> String {
    format!("{}（{}）", date_label(d), weekday_label(d))
}

pub(crate) fn day<'a>(site: &'a Site, station: StationId, u: &'a Upcoming, with_station: bool) -> Day<'a> {
    let s = site.station(station);
    let r = &s.receptions[u.schedule];
    let (reason, postponed_from, postponed_from_label) = match &u.status {
        Status::Cancelled(Some(reason)) => (Some(reason.as_str()), None, None),
        Status::Postponed { from, reason } => (Some(reason.as_str()), Some(from.to_string()), Some(day_label(*from))),
        _ => (None, None, None),
    };
    Day {
        date: u.date.to_string(),
        date_label: day_label(u.date),
        weekday: weekday_label(u.date),
        time: r.time_label(),
        time_spoken: r.time_spoken(),
        title: &r.title,
        status: match u.status {
            Status::Scheduled => "scheduled",
            Status::Cancelled(_) => "cancelled",
            Status::Postponed { .. } => "postponed",
        },
        cancelled: matches!(u.status, Status::Cancelled(_)),
        provisional: u.provisional,
        representatives: duty_links(site, r),
        reason,
        postponed_from,
        postponed_from_label,
        station: with_station.then(|| NameLink {
            name: &s.name,
            url: url::station(&s.slug),
        }),
    }
}

/// How many dates after the coming week a page lists when the week has none.
pub(crate) const LATER: usize = 5;

/// Reception days of some stations.
pub(crate) struct Coming<'a> {
    pub(crate) days: Vec<Day<'a>>,
    /// How many there are in the week, or in all when the week has none.
    pub(crate) total: usize,
    /// Whether `days` are the week's (false: the ones after it).
    pub(crate) in_week: bool,
}

/// Reception days of the given stations in the coming week (today and the six days after),
/// by date and time, then region code and station; at most `limit`. When none falls in the
/// week, the first few after it: a page never shows an empty list while dates are coming.
pub(crate) fn coming_week(site: &Site, stations: impl Iterator<Item = StationId>, limit: usize) -> Coming<'_> {
    let last = site.today + chrono::Days::new(6);
    type Key = (chrono::NaiveDate, chrono::NaiveTime, RegionId, StationId, usize);
    let mut all: Vec<Key> = stations
        .flat_map(|s| {
            site.upcoming(s)
                .iter()
                .enumerate()
                .map(move |(k, u)| (u.date, site.schedule_of(s, u).start, site.station_region(s), s, k))
        })
        .collect();
    let code = |r: RegionId| site.region(r).code.as_str();
    all.sort_by(|a, b| (a.0, a.1, code(a.2), a.3, a.4).cmp(&(b.0, b.1, code(b.2), b.3, b.4)));
    let in_week = all.iter().filter(|k| k.0 <= last).count();
    let (week, chosen): (bool, Vec<&Key>) = if in_week > 0 || all.is_empty() {
        (true, all.iter().take(in_week.min(limit)).collect())
    } else {
        (false, all.iter().take(limit.min(LATER)).collect())
    };
    Coming {
        days: chosen
            .into_iter()
            .map(|&(_, _, _, s, k)| day(site, s, &site.upcoming(s)[k], true))
            .collect(),
        total: if week { in_week } else { all.len() },
        in_week: week,
    }
}

/// The first reception day of a station that is held (not cancelled).
pub(crate) fn next_held(site: &Site, s: StationId) -> Option<Day<'_>> {
    site.upcoming(s)
        .iter()
        .find(|u| !matches!(u.status, Status::Cancelled(_)))
        .map(|u| day(site, s, u, false))
}

/// A station in a list: its link, kind, next reception and phone.
#[derive(Serialize)]
pub(crate) struct StationCard<'a> {
    #[serde(flatten)]
    pub(crate) link: StationLink<'a>,
    pub(crate) next: Option<Day<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) phone: Option<&'a str>,
    /// Present (possibly null) when there is a phone.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) phone_tel: Option<Option<String>>,
}

pub(crate) fn station_card(site: &Site, s: StationId) -> StationCard<'_> {
    let st = site.station(s);
    StationCard {
        link: station_link(st),
        next: next_held(site, s),
        phone: st.phone.as_deref(),
        phone_tel: st.phone.as_deref().map(tel),
    }
}

/// The map apps a phone in China opens, and OpenStreetMap: links to the station's position
/// (WGS-84, as written in the content; each service is told so).
#[derive(Serialize)]
pub(crate) struct MapLinks {
    pub(crate) amap: String,
    pub(crate) baidu: String,
    pub(crate) tencent: String,
    pub(crate) osm: String,
}

pub(crate) fn map_links(s: &Station, l: Location) -> MapLinks {
    let enc = url::encode_component;
    let (name, addr) = (enc(&s.name), enc(&s.address));
    MapLinks {
        amap: format!(
            "https://uri.amap.com/marker?position={:.6},{:.6}&name={name}&coordinate=wgs84&callnative=1",
            l.lon, l.lat
        ),
        baidu: format!(
            "https://api.map.baidu.com/marker?location={:.6},{:.6}&title={name}&content={addr}&output=html&coord_type=wgs84&src=liaison",
            l.lat, l.lon
        ),
        tencent: format!(
            "https://apis.map.qq.com/uri/v1/marker?marker=coord:{:.6},{:.6};title:{name};addr:{addr}&coord_type=1&referer=liaison",
            l.lat, l.lon
        ),
        osm: format!(
            "https://www.openstreetmap.org/?mlat={:.6}&mlon={:.6}#map=17/{:.6}/{:.6}",
            l.lat, l.lon, l.lat, l.lon
        ),
    }
}

/// The word for the level of a region, from its division code: 乡镇（街道） for a township's
/// nine digits, 县（市、区）, 市（州）, 省（区、市） for GB/T 2260 codes, 村（社区） beyond.
pub(crate) fn level_word(code: &str) -> &'static str {
    match code.len() {
        6 if code.ends_with("0000") => "省（区、市）",
        6 if code.ends_with("00") => "市（州）",
        6 => "县（市、区）",
        9 => "乡镇（街道）",
        _ => "村（社区）",
    }
}

/// A region with the count of stations of its sub-tree.
#[derive(Serialize)]
pub(crate) struct CountedRegion<'a> {
    #[serde(flatten)]
    pub(crate) link: RegionLink<'a>,
    pub(crate) stations: usize,
}

/// The regions a visitor picks first, and the word for their level.
#[derive(Serialize)]
pub(crate) struct Picker<'a> {
    pub(crate) word: &'static str,
    pub(crate) regions: Vec<CountedRegion<'a>>,
}

pub(crate) fn picker(site: &Site) -> Picker<'_> {
    let regions = site.picker_regions();
    Picker {
        word: regions.first().map_or("地区", |&r| level_word(&site.region(r).code)),
        regions: regions
            .iter()
            .map(|&r| CountedRegion {
                link: region_link(site, r),
                stations: site.region(r).total_stations,
            })
            .collect(),
    }
}

//! A station's page: the next reception first, then the facts, the dates, the schedule, the
//! representatives and the introduction.

use serde::Serialize;

use super::items::{Day, MapLinks, NameLink, StationCard, day, duty_links, map_links, next_held, station_card};
use super::ledger::{StationLedger, station_ledger};
use super::{Kind, Meta, Prepared, home_crumb};
use crate::content::station::Contact;
use crate::model::{Site, StationId};
use crate::reception::{Status, date_label};
use crate::render::context::{
    LevelGroup, RegionLink, StationLink, body_html, by_level, region_crumbs, region_link, region_path, station_link,
    tel,
};
use crate::render::jsonld;
use crate::url;

/// How many reception dates a station page lists before the rest, folded.
pub(crate) const STATION_SOON: usize = 4;

#[derive(Serialize)]
struct ContactCtx<'a> {
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    role: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    phone: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    phone_tel: Option<String>,
}

fn contact(c: &Contact) -> ContactCtx<'_> {
    ContactCtx {
        name: &c.name,
        role: c.role.as_deref(),
        phone: c.phone.as_deref(),
        phone_tel: c.phone.as_deref().and_then(tel),
    }
}

#[derive(Serialize)]
struct NoticeLink {
    date_label: String,
    url: String,
}

#[derive(Serialize)]
struct LatLon {
    lat: f64,
    lon: f64,
}

/// `station`: the station link and everything about it; absent values are absent.
#[derive(Serialize)]
struct StationCtx<'a> {
    #[serde(flatten)]
    link: StationLink<'a>,
    region: RegionLink<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    phone: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    phone_tel: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    hours: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    location: Option<LatLon>,
    #[serde(skip_serializing_if = "Option::is_none")]
    map: Option<MapLinks>,
    #[serde(skip_serializing_if = "Option::is_none")]
    established: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    established_label: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    manager: Option<ContactCtx<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    liaison: Option<ContactCtx<'a>>,
    content_html: String,
    extra: &'a serde_json::Value,
    #[serde(skip_serializing_if = "Option::is_none")]
    calendar_url: Option<String>,
}

/// A schedule in words.
#[derive(Serialize)]
struct ScheduleCtx<'a> {
    title: &'a str,
    summary: String,
    time: String,
    since: Option<String>,
    until: Option<String>,
    except: Vec<String>,
    representatives: Vec<NameLink<'a>>,
}

#[derive(Serialize)]
struct StationPage<'a> {
    station: StationCtx<'a>,
    /// 1+N: the 中心联络站 this one belongs to, the stations that belong to this one, and the
    /// regions its `serves` names.
    #[serde(skip_serializing_if = "Option::is_none")]
    parent: Option<StationLink<'a>>,
    children: Vec<StationCard<'a>>,
    serves: Vec<RegionLink<'a>>,
    /// The reception notices (接待公告) to print: `{date_label, url}`; and the feed of them.
    notices: Vec<NoticeLink>,
    feed_url: String,
    region_path: Vec<RegionLink<'a>>,
    representatives_by_level: Vec<LevelGroup<'a>>,
    receptions: Vec<ScheduleCtx<'a>>,
    next: Option<Day<'a>>,
    skipped: Vec<Day<'a>>,
    upcoming: Vec<Day<'a>>,
    upcoming_more: Vec<Day<'a>>,
    /// Its ledger: figures by year, the latest records; absent without records.
    #[serde(skip_serializing_if = "Option::is_none")]
    ledger: Option<StationLedger<'a>>,
}

fn station_ctx(site: &Site, i: StationId) -> StationCtx<'_> {
    let s = site.station(i);
    StationCtx {
        link: station_link(s),
        region: region_link(site, site.station_region(i)),
        phone: s.phone.as_deref(),
        phone_tel: s.phone.as_deref().and_then(tel),
        hours: s.hours.as_deref(),
        location: s.location.map(|l| LatLon { lat: l.lat, lon: l.lon }),
        map: s.location.map(|l| map_links(s, l)),
        established: s.established.map(|d| d.to_string()),
        established_label: s.established.map(date_label),
        manager: s.manager.as_ref().map(contact),
        liaison: s.liaison.as_ref().map(contact),
        content_html: body_html(site, s.body()),
        extra: &s.extra,
        calendar_url: site.has_calendar(i).then(|| url::station_calendar(&s.slug)),
    }
}

/// `名称，地址：…。接待日：每月8日09:00–11:30。`
fn description(s: &crate::content::Station) -> String {
    let words: Vec<String> = s
        .receptions
        .iter()
        .map(|r| format!("{}{}", r.summary(), r.time_label()))
        .collect();
    if words.is_empty() {
        format!("{}，地址：{}。", s.name, s.address)
    } else {
        format!("{}，地址：{}。接待日：{}。", s.name, s.address, words.join("；"))
    }
}

pub(super) fn page(site: &Site, i: StationId) -> Prepared {
    let s = site.station(i);
    let r = site.station_region(i);
    let receptions = s
        .receptions
        .iter()
        .map(|r| ScheduleCtx {
            title: &r.title,
            summary: r.summary(),
            time: r.time_label(),
            since: r.since.as_ref().map(|d| date_label(d.value)),
            until: r.until.as_ref().map(|d| date_label(d.value)),
            except: r.except.iter().map(|d| date_label(d.value)).collect(),
            representatives: duty_links(site, r),
        })
        .collect();
    let days = site.upcoming(i);
    let vars = StationPage {
        station: station_ctx(site, i),
        parent: site.station_parent(i).map(|p| station_link(site.station(p))),
        children: site
            .station_children(i)
            .iter()
            .map(|&c| station_card(site, c))
            .collect(),
        serves: if site.station(i).serves.is_empty() {
            Vec::new()
        } else {
            site.station_serves(i)
                .into_iter()
                .map(|x| region_link(site, x))
                .collect()
        },
        notices: site
            .notices(i)
            .iter()
            .map(|(key, k)| NoticeLink {
                date_label: date_label(site.upcoming(i)[*k].date),
                url: url::station_notice(&site.station(i).slug, key),
            })
            .collect(),
        feed_url: url::station_feed(&site.station(i).slug),
        ledger: station_ledger(site, i),
        region_path: region_path(site, r),
        representatives_by_level: by_level(site, site.station_reps(i)),
        receptions,
        next: next_held(site, i),
        skipped: days
            .iter()
            .take_while(|u| matches!(u.status, Status::Cancelled(_)))
            .map(|u| day(site, i, u, false))
            .collect(),
        upcoming: days.iter().take(STATION_SOON).map(|u| day(site, i, u, false)).collect(),
        upcoming_more: days.iter().skip(STATION_SOON).map(|u| day(site, i, u, false)).collect(),
    };
    let mut crumbs = vec![home_crumb()];
    crumbs.extend(region_crumbs(site, r));
    Meta {
        url: url::station(&s.slug),
        template: "station.html",
        title: s.name.clone(),
        description: description(s),
        kind: Kind::Station,
        breadcrumbs: crumbs,
        jsonld: std::iter::once(jsonld::station(site, i))
            .chain(jsonld::reception_events(site, i))
            .collect(),
    }
    .with(&vars)
}

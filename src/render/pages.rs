//! The pages of a site: what there is to render (a [`Job`] each) and, for each kind, the
//! context its template gets.

use serde::Serialize;
use serde_json::{Value, json};

use super::context::*;
use super::jsonld;
use crate::content::representative::levels_label;
use crate::model::Site;
use crate::reception::{Status, date_label, weekday_label};
use crate::url;

/// One page to render.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Job {
    Home,
    Stations,
    Station(usize),
    Representatives,
    Representative(usize),
    Regions,
    Region(usize),
    Bulletins,
    Year(i32),
    Issue(usize),
    Page(usize),
    Search,
    NotFound,
}

/// Every page of the site, in a fixed order.
pub fn jobs(site: &Site) -> Vec<Job> {
    let mut j = vec![
        Job::Home,
        Job::Stations,
        Job::Representatives,
        Job::Regions,
        Job::Bulletins,
        Job::Search,
        Job::NotFound,
    ];
    j.extend((0..site.stations.len()).map(Job::Station));
    j.extend((0..site.reps.len()).map(Job::Representative));
    j.extend((0..site.regions.len()).map(Job::Region));
    j.extend(site.years.keys().map(|&y| Job::Year(y)));
    j.extend((0..site.issues.len()).map(Job::Issue));
    j.extend((0..site.pages.len()).map(Job::Page));
    j
}

/// The URL of a page, without building its context.
pub fn url_of(site: &Site, job: Job) -> String {
    match job {
        Job::Home => url::home(),
        Job::Stations => url::stations(),
        Job::Station(i) => url::station(&site.stations[i].slug),
        Job::Representatives => url::representatives(),
        Job::Representative(i) => url::representative(&site.reps[i].slug),
        Job::Regions => url::regions(),
        Job::Region(i) => url::region(&site.regions[i].code),
        Job::Bulletins => url::bulletins(),
        Job::Year(y) => url::bulletin_year(y),
        Job::Issue(i) => url::bulletin(site.issues[i].issue.year, site.issues[i].issue.number),
        Job::Page(i) => url::page(&site.pages[i].slug),
        Job::Search => url::search(),
        Job::NotFound => url::not_found(),
    }
}

/// A page ready for its template.
pub struct Prepared {
    pub url: String,
    pub template: &'static str,
    /// The page's own variables; `site`, `page`, `breadcrumbs` and `today` are added by the
    /// renderer.
    pub vars: Value,
    pub title: String,
    pub description: String,
    pub kind: &'static str,
    pub breadcrumbs: Vec<Crumb>,
    /// schema.org nodes of the page besides its breadcrumbs (see `jsonld`).
    pub jsonld: Vec<Value>,
}

fn to_value<T: Serialize>(t: T) -> Value {
    // Our context types serialize infallibly (no maps with non-string keys).
    serde_json::to_value(t).unwrap_or(Value::Null)
}

fn crumb(name: &str, u: String) -> Crumb {
    Crumb {
        name: name.to_string(),
        url: u,
    }
}

fn home_crumb() -> Crumb {
    crumb("首页", url::home())
}

pub fn prepare(site: &Site, job: Job) -> Prepared {
    match job {
        Job::Home => home(site),
        Job::Stations => stations(site),
        Job::Station(i) => station(site, i),
        Job::Representatives => representatives(site),
        Job::Representative(i) => representative(site, i),
        Job::Regions => regions(site),
        Job::Region(i) => region(site, i),
        Job::Bulletins => bulletins(site),
        Job::Year(y) => year(site, y),
        Job::Issue(i) => issue(site, i),
        Job::Page(i) => page(site, i),
        Job::Search => Prepared {
            url: url::search(),
            template: "search.html",
            vars: json!({}),
            title: "站内搜索".into(),
            description: format!("搜索{}的联络站、人大代表、行政区划和《联络动态》。", site.config.title),
            kind: "search",
            breadcrumbs: vec![home_crumb()],
            jsonld: Vec::new(),
        },
        Job::NotFound => Prepared {
            url: url::not_found(),
            template: "404.html",
            vars: json!({}),
            title: "找不到页面".into(),
            description: "您访问的页面不存在。".into(),
            kind: "not_found",
            breadcrumbs: vec![home_crumb()],
            jsonld: Vec::new(),
        },
    }
}

/// How many reception dates a station page lists before the rest, folded.
pub const STATION_SOON: usize = 4;

/// How many reception days the home page lists for the coming week.
pub const HOME_UPCOMING: usize = 30;

/// `[{name, url}]` of the representatives on duty for a schedule.
fn duty_links(site: &Site, r: &crate::reception::Schedule) -> Vec<Value> {
    site.on_duty(r)
        .map(|ri| json!({"name": site.reps[ri].name, "url": url::representative(&site.reps[ri].slug)}))
        .collect()
}

/// One upcoming reception date for templates.
fn upcoming_item(site: &Site, station: usize, u: &crate::model::Upcoming, with_station: bool) -> Value {
    let s = &site.stations[station];
    let r = &s.receptions[u.schedule];
    let mut v = json!({
        "date": u.date.to_string(),
        "date_label": format!("{}（{}）", date_label(u.date), weekday_label(u.date)),
        "weekday": weekday_label(u.date),
        "time": r.time_label(),
        "time_spoken": r.time_spoken(),
        "title": r.title,
        "status": match u.status { Status::Scheduled => "scheduled", Status::Cancelled(_) => "cancelled", Status::Postponed { .. } => "postponed" },
        "cancelled": matches!(u.status, Status::Cancelled(_)),
        "provisional": u.provisional,
        "representatives": duty_links(site, r),
    });
    match &u.status {
        Status::Cancelled(Some(reason)) => v["reason"] = json!(reason),
        Status::Postponed { from, reason } => {
            v["reason"] = json!(reason);
            v["postponed_from"] = json!(from.to_string());
            v["postponed_from_label"] = json!(format!("{}（{}）", date_label(*from), weekday_label(*from)));
        }
        _ => {}
    }
    if with_station {
        v["station"] = json!({"name": s.name, "url": url::station(&s.slug)});
    }
    v
}

/// Reception days of the given stations in the coming week (today and the six days after),
/// by date and time, then region code and station; at most `limit`, and how many in all.
/// When none falls in the week, the first `limit` after it, and `false` for "in the week":
/// a page never shows an empty list while dates are coming.
fn coming_week(site: &Site, stations: impl Iterator<Item = usize>, limit: usize) -> (Vec<Value>, usize, bool) {
    let last = site.today + chrono::Days::new(6);
    type Key = (chrono::NaiveDate, chrono::NaiveTime, usize, usize, usize);
    let mut all: Vec<Key> = stations
        .flat_map(|s| {
            site.upcoming[s].iter().enumerate().map(move |(k, u)| {
                (
                    u.date,
                    site.stations[s].receptions[u.schedule].start,
                    site.station_region[s],
                    s,
                    k,
                )
            })
        })
        .collect();
    all.sort_by(|a, b| {
        (a.0, a.1, &site.regions[a.2].code, a.3, a.4).cmp(&(b.0, b.1, &site.regions[b.2].code, b.3, b.4))
    });
    let in_week = all.iter().filter(|k| k.0 <= last).count();
    let (week, chosen): (bool, Vec<&Key>) = if in_week > 0 || all.is_empty() {
        (true, all.iter().take(in_week.min(limit)).collect())
    } else {
        (false, all.iter().take(limit.min(LATER)).collect())
    };
    let total = if week { in_week } else { all.len() };
    (
        chosen
            .into_iter()
            .map(|&(_, _, _, s, k)| upcoming_item(site, s, &site.upcoming[s][k], true))
            .collect(),
        total,
        week,
    )
}

/// How many dates after the coming week a page lists when the week has none.
const LATER: usize = 5;

/// The first reception date of a station that is held (not cancelled), for cards and lists.
fn next_held(site: &Site, s: usize) -> Option<Value> {
    site.upcoming[s]
        .iter()
        .find(|u| !matches!(u.status, Status::Cancelled(_)))
        .map(|u| upcoming_item(site, s, u, false))
}

/// A station in a list: its link, kind, next reception and phone.
fn station_card(site: &Site, s: usize) -> Value {
    let st = &site.stations[s];
    let mut v = to_value(station_link(st));
    v["next"] = next_held(site, s).unwrap_or(Value::Null);
    if let Some(p) = &st.phone {
        v["phone"] = json!(p);
        v["phone_tel"] = to_value(tel(p));
    }
    v
}

/// The map apps a phone in China opens, and OpenStreetMap: links to the station's position
/// (WGS-84, as written in the content; each service is told so).
fn map_links(s: &crate::content::Station, l: crate::content::station::Location) -> Value {
    let enc = |t: &str| url::encode_component(t);
    let (name, addr) = (enc(&s.name), enc(&s.address));
    json!({
        "amap": format!(
            "https://uri.amap.com/marker?position={:.6},{:.6}&name={name}&coordinate=wgs84&callnative=1",
            l.lon, l.lat
        ),
        "baidu": format!(
            "https://api.map.baidu.com/marker?location={:.6},{:.6}&title={name}&content={addr}&output=html&coord_type=wgs84&src=liaison",
            l.lat, l.lon
        ),
        "tencent": format!(
            "https://apis.map.qq.com/uri/v1/marker?marker=coord:{:.6},{:.6};title:{name};addr:{addr}&coord_type=1&referer=liaison",
            l.lat, l.lon
        ),
        "osm": format!(
            "https://www.openstreetmap.org/?mlat={:.6}&mlon={:.6}#map=17/{:.6}/{:.6}",
            l.lat, l.lon, l.lat, l.lon
        ),
    })
}

/// The word for the level of a region, from its division code: 乡镇（街道） for a township's
/// nine digits, 县（市、区）, 市（州）, 省（区、市） for GB/T 2260 codes, 村（社区） beyond.
pub fn level_word(code: &str) -> &'static str {
    match code.len() {
        6 if code.ends_with("0000") => "省（区、市）",
        6 if code.ends_with("00") => "市（州）",
        6 => "县（市、区）",
        9 => "乡镇（街道）",
        _ => "村（社区）",
    }
}

/// The picker of the home and stations pages: the regions a visitor starts from.
fn picker(site: &Site) -> Value {
    let regions = site.picker_regions();
    let word = regions.first().map_or("地区", |&r| level_word(&site.regions[r].code));
    json!({
        "word": word,
        "regions": regions.iter().map(|&r| {
            let mut v = to_value(region_link(site, r));
            v["stations"] = json!(site.regions[r].total_stations);
            v
        }).collect::<Vec<_>>(),
    })
}

fn home(site: &Site) -> Prepared {
    let latest: Vec<IssueLink> = site.issues.iter().rev().take(10).map(issue_link).collect();
    let (upcoming, upcoming_total, upcoming_in_week) = coming_week(site, 0..site.stations.len(), HOME_UPCOMING);
    Prepared {
        url: url::home(),
        template: "index.html",
        vars: json!({
            "picker": picker(site),
            "latest_issues": latest,
            "upcoming": upcoming,
            "upcoming_total": upcoming_total,
            "upcoming_in_week": upcoming_in_week,
            "counts": {"stations": site.stations.len(), "representatives": site.reps.len(), "issues": site.issues.len()},
        }),
        title: site.config.title.clone(),
        description: if site.config.description.is_empty() {
            site.config.title.clone()
        } else {
            site.config.description.clone()
        },
        kind: "home",
        breadcrumbs: Vec::new(),
        jsonld: vec![jsonld::website(site)],
    }
}

fn stations(site: &Site) -> Prepared {
    // Grouped by the region a visitor picks first (a county site: its townships), each group's
    // stations in the order of their own region's code, then kind and slug.
    let mut groups: std::collections::BTreeMap<&str, (usize, Vec<usize>)> = std::collections::BTreeMap::new();
    for r in 0..site.regions.len() {
        for &s in &site.regions[r].stations {
            let g = site.picker_region_of(r);
            groups
                .entry(site.regions[g].code.as_str())
                .or_insert((g, Vec::new()))
                .1
                .push(s);
        }
    }
    let groups: Vec<Value> = groups
        .into_values()
        .map(|(g, list)| {
            json!({
                "region": region_link(site, g),
                "stations": list.into_iter().map(|s| station_card(site, s)).collect::<Vec<_>>(),
            })
        })
        .collect();
    Prepared {
        url: url::stations(),
        template: "stations.html",
        vars: json!({ "groups": groups, "picker": picker(site) }),
        title: "联络站".into(),
        description: format!(
            "{}的全部{}个人大代表联络站，按行政区划排列。",
            site.config.title,
            site.stations.len()
        ),
        kind: "stations",
        breadcrumbs: vec![home_crumb()],
        jsonld: Vec::new(),
    }
}

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

fn contact(c: &crate::content::station::Contact) -> ContactCtx<'_> {
    ContactCtx {
        name: &c.name,
        role: c.role.as_deref(),
        phone: c.phone.as_deref(),
        phone_tel: c.phone.as_deref().and_then(tel),
    }
}

fn station(site: &Site, i: usize) -> Prepared {
    let s = &site.stations[i];
    let r = site.station_region[i];
    let mut st = to_value(station_link(s));
    let o = st.as_object_mut().expect("a station link is an object");
    o.insert("region".into(), to_value(region_link(site, r)));
    let mut put = |k: &str, v: Value| {
        if !v.is_null() {
            o.insert(k.into(), v);
        }
    };
    put("phone", to_value(&s.phone));
    put("phone_tel", to_value(s.phone.as_deref().and_then(tel)));
    put("hours", to_value(&s.hours));
    if let Some(l) = s.location {
        put("location", json!({"lat": l.lat, "lon": l.lon}));
        put("map", map_links(s, l));
    }
    if let Some(d) = s.established {
        put("established", Value::String(d.to_string()));
        put("established_label", Value::String(date_label(d)));
    }
    put("manager", to_value(s.manager.as_ref().map(contact)));
    put("liaison", to_value(s.liaison.as_ref().map(contact)));
    put("content_html", Value::String(body_html(site, s.body())));
    put("extra", s.extra.clone());
    if !site.events[i].is_empty() {
        put("calendar_url", Value::String(url::station_calendar(&s.slug)));
    }

    let receptions: Vec<Value> = s
        .receptions
        .iter()
        .map(|r| {
            json!({
                "title": r.title,
                "summary": r.summary(),
                "time": r.time_label(),
                "since": r.since.as_ref().map(|d| date_label(d.value)),
                "until": r.until.as_ref().map(|d| date_label(d.value)),
                "except": r.except.iter().map(|d| date_label(d.value)).collect::<Vec<_>>(),
                "representatives": duty_links(site, r),
            })
        })
        .collect();
    let schedule_words: Vec<String> = s
        .receptions
        .iter()
        .map(|r| format!("{}{}", r.summary(), r.time_label()))
        .collect();
    let description = if schedule_words.is_empty() {
        format!("{}，地址：{}。", s.name, s.address)
    } else {
        format!(
            "{}，地址：{}。接待日：{}。",
            s.name,
            s.address,
            schedule_words.join("；")
        )
    };
    let mut crumbs = vec![home_crumb()];
    crumbs.extend(region_crumbs(site, r));
    Prepared {
        url: url::station(&s.slug),
        template: "station.html",
        vars: json!({
            "station": st,
            "region_path": region_path(site, r),
            "representatives_by_level": by_level(site, &site.station_reps[i]),
            "receptions": receptions,
            "next": next_held(site, i),
            "skipped": site.upcoming[i].iter().take_while(|u| matches!(u.status, Status::Cancelled(_))).map(|u| upcoming_item(site, i, u, false)).collect::<Vec<_>>(),
            "upcoming": site.upcoming[i].iter().take(STATION_SOON).map(|u| upcoming_item(site, i, u, false)).collect::<Vec<_>>(),
            "upcoming_more": site.upcoming[i].iter().skip(STATION_SOON).map(|u| upcoming_item(site, i, u, false)).collect::<Vec<_>>(),
        }),
        title: s.name.clone(),
        description,
        kind: "station",
        breadcrumbs: crumbs,
        jsonld: std::iter::once(jsonld::station(site, i))
            .chain(jsonld::reception_events(site, i))
            .collect(),
    }
}

fn representatives(site: &Site) -> Prepared {
    let groups: Vec<LevelGroup> = site
        .reps_by_level
        .iter()
        .map(|(l, reps)| LevelGroup {
            level: l.key(),
            label: l.label(),
            representatives: reps.iter().map(|&r| rep_link(site, r)).collect(),
        })
        .collect();
    Prepared {
        url: url::representatives(),
        template: "representatives.html",
        vars: json!({ "groups": groups }),
        title: "人大代表".into(),
        description: format!(
            "{}的{}名各级人大代表，按级别分组、按姓氏笔画排列。",
            site.config.title,
            site.reps.len()
        ),
        kind: "representatives",
        breadcrumbs: vec![home_crumb()],
        jsonld: Vec::new(),
    }
}

fn representative(site: &Site, i: usize) -> Prepared {
    let rep = &site.reps[i];
    let s = &site.stations[site.rep_station[i]];
    let region = site.rep_region[i];
    let mut v = json!({
        "slug": rep.slug,
        "name": rep.name,
        "url": url::representative(&rep.slug),
        "levels": rep.levels.iter().map(|l| json!({"level": l.key(), "label": l.label()})).collect::<Vec<_>>(),
        "levels_label": levels_label(&rep.levels),
        "station": station_link(s),
        "region": region_link(site, region),
        "content_html": body_html(site, rep.body()),
        "extra": rep.extra,
    });
    let o = v.as_object_mut().expect("object");
    for (k, val) in [
        ("gender", rep.gender.clone()),
        ("delegation", rep.delegation.clone()),
        ("unit", rep.unit.clone()),
        ("position", rep.position.clone()),
        ("phone", rep.phone.clone()),
        ("phone_tel", rep.phone.as_deref().and_then(tel)),
        (
            "photo",
            rep.photo
                .as_ref()
                .map(|p| format!("/{}", p.value.trim_start_matches('/'))),
        ),
    ] {
        if let Some(val) = val {
            o.insert(k.into(), Value::String(val));
        }
    }
    let mut description = format!("{}，{}", rep.name, levels_label(&rep.levels));
    for part in [rep.unit.as_deref(), rep.position.as_deref()].into_iter().flatten() {
        description.push('，');
        description.push_str(part);
    }
    description.push_str(&format!("，编组进站：{}。", s.name));
    let mut crumbs = vec![home_crumb(), crumb("人大代表", url::representatives())];
    crumbs.push(crumb(&s.name, url::station(&s.slug)));
    Prepared {
        url: url::representative(&rep.slug),
        template: "representative.html",
        vars: json!({
            "rep": v,
            "region_path": region_path(site, region),
            "duties": site.duties[i].iter().map(|&(st, k)| upcoming_item(site, st, &site.upcoming[st][k], true)).collect::<Vec<_>>(),
        }),
        title: format!("{}（{}）", rep.name, levels_label(&rep.levels)),
        description,
        kind: "representative",
        breadcrumbs: crumbs,
        jsonld: vec![jsonld::person(site, i)],
    }
}

fn regions(site: &Site) -> Prepared {
    Prepared {
        url: url::regions(),
        template: "regions.html",
        vars: json!({ "region_tree": region_tree(site) }),
        title: "行政区划".into(),
        description: format!("按行政区划查找{}的联络站和人大代表。", site.config.title),
        kind: "regions",
        breadcrumbs: vec![home_crumb()],
        jsonld: Vec::new(),
    }
}

/// How many reception days a region page lists for the coming week.
pub const REGION_UPCOMING: usize = 50;

/// The most stations a region page lists with their own cards (all of its sub-tree: a
/// township's villages, a county's townships); a region with more lists those of its own and
/// leaves the rest to its sub-regions' pages.
pub const REGION_STATIONS: usize = 200;

fn region(site: &Site, i: usize) -> Prepared {
    let reg = &site.regions[i];
    let subtree = site.subtree_stations(i);
    let has_calendar = subtree.iter().any(|&s| !site.events[s].is_empty());
    let (upcoming, upcoming_total, upcoming_in_week) = coming_week(site, subtree.iter().copied(), REGION_UPCOMING);
    let mut region = to_value(region_link(site, i));
    if let Some(p) = reg.parent {
        region["parent"] = to_value(region_link(site, p));
    }
    region["extra"] = reg.extra.clone();
    region["total_stations"] = json!(reg.total_stations);
    region["total_representatives"] = json!(reg.total_representatives);
    let children: Vec<Value> = reg
        .children
        .iter()
        .map(|&c| {
            let mut v = to_value(region_link(site, c));
            v["stations"] = json!(site.regions[c].total_stations);
            v["representatives"] = json!(site.regions[c].total_representatives);
            v
        })
        .collect();
    // The stations of the whole sub-tree, by the region each is in: this region's own first,
    // then each sub-region's (in code order).
    let listed: Vec<usize> = if subtree.len() <= REGION_STATIONS {
        subtree.clone()
    } else {
        reg.stations.clone()
    };
    let mut by_region: std::collections::BTreeMap<(bool, &str), (usize, Vec<usize>)> =
        std::collections::BTreeMap::new();
    for &s in &listed {
        let at = site.station_region[s];
        let key = (at != i, site.regions[at].code.as_str());
        by_region.entry(key).or_insert((at, Vec::new())).1.push(s);
    }
    let station_groups: Vec<Value> = by_region
        .into_values()
        .map(|(at, mut list)| {
            list.sort_by(|&a, &b| {
                (site.stations[a].kind, &site.stations[a].slug).cmp(&(site.stations[b].kind, &site.stations[b].slug))
            });
            json!({
                "region": (at != i).then(|| region_link(site, at)),
                "stations": list.into_iter().map(|s| station_card(site, s)).collect::<Vec<_>>(),
            })
        })
        .collect();
    let mut crumbs = vec![home_crumb()];
    let mut path = region_crumbs(site, i);
    path.pop();
    crumbs.extend(path);
    Prepared {
        url: url::region(&reg.code),
        template: "region.html",
        vars: json!({
            "region": region,
            "region_path": region_path(site, i),
            "upcoming": upcoming,
            "upcoming_total": upcoming_total,
            "upcoming_in_week": upcoming_in_week,
            "calendar_url": has_calendar.then(|| url::region_calendar(&reg.code)),
            "children": children,
            "station_groups": station_groups,
            "stations_listed": listed.len(),
            "representatives_by_level": by_level(site, &reg.representatives),
        }),
        title: reg.name.clone(),
        description: format!(
            "{}的人大代表联络站（共{}个）和人大代表（共{}名）。",
            reg.name, reg.total_stations, reg.total_representatives
        ),
        kind: "region",
        breadcrumbs: crumbs,
        jsonld: Vec::new(),
    }
}

fn year_issues(site: &Site, y: i32) -> Vec<IssueLink> {
    site.years
        .get(&y)
        .map(|v| v.iter().rev().map(|&i| issue_link(&site.issues[i])).collect())
        .unwrap_or_default()
}

fn bulletins(site: &Site) -> Prepared {
    let years: Vec<Value> = site
        .years
        .keys()
        .rev()
        .map(|&y| json!({"year": y, "url": url::bulletin_year(y), "issues": year_issues(site, y)}))
        .collect();
    Prepared {
        url: url::bulletins(),
        template: "bulletins.html",
        vars: json!({ "years": years }),
        title: "联络动态".into(),
        description: format!("《联络动态》全部{}期，按年份排列。", site.issues.len()),
        kind: "bulletins",
        breadcrumbs: vec![home_crumb()],
        jsonld: Vec::new(),
    }
}

fn year(site: &Site, y: i32) -> Prepared {
    let prev = site
        .years
        .range(..y)
        .next_back()
        .map(|(&p, _)| json!({"year": p, "url": url::bulletin_year(p)}));
    let next = site
        .years
        .range(y + 1..)
        .next()
        .map(|(&n, _)| json!({"year": n, "url": url::bulletin_year(n)}));
    let issues = year_issues(site, y);
    Prepared {
        url: url::bulletin_year(y),
        template: "bulletin_year.html",
        description: format!("《联络动态》{y}年共{}期。", issues.len()),
        vars: json!({ "year": y, "issues": issues, "prev_year": prev, "next_year": next }),
        title: format!("联络动态 {y}年"),
        kind: "bulletin_year",
        breadcrumbs: vec![home_crumb(), crumb("联络动态", url::bulletins())],
        jsonld: Vec::new(),
    }
}

fn issue(site: &Site, i: usize) -> Prepared {
    let m = &site.issues[i];
    let is = &m.issue;
    let number_label = number_label(is.number);
    let total_label = is.total.as_ref().map(|t| total_label(t.value));
    let titles: Vec<&str> = m.articles.articles.iter().map(|a| a.title.as_str()).collect();
    let v = json!({
        "year": is.year,
        "number": is.number,
        "total": is.total.as_ref().map(|t| t.value),
        "date": is.date.to_string(),
        "date_label": date_label(is.date),
        "url": url::bulletin(is.year, is.number),
        "publisher": is.publisher,
        "editors": is.editors,
        "contact": is.contact,
        "approval": is.approval,
        "recipients": is.recipients,
        "number_label": number_label,
        "total_label": total_label,
        "intro_html": m.articles.intro_html,
        "articles": m.articles.articles,
        "extra": is.extra,
    });
    let prev = i.checked_sub(1).map(|p| issue_link(&site.issues[p]));
    let next = site.issues.get(i + 1).map(issue_link);
    Prepared {
        url: url::bulletin(is.year, is.number),
        template: "bulletin.html",
        vars: json!({ "issue": strip_nulls(v), "prev": prev, "next": next }),
        title: format!("联络动态 {}年{}", is.year, number_label),
        description: format!(
            "《联络动态》{}年{}（{}）：{}",
            is.year,
            number_label,
            date_label(is.date),
            titles.join("；")
        ),
        kind: "bulletin",
        breadcrumbs: vec![
            home_crumb(),
            crumb("联络动态", url::bulletins()),
            crumb(&format!("{}年", is.year), url::bulletin_year(is.year)),
        ],
        jsonld: vec![jsonld::issue(site, i)],
    }
}

fn page(site: &Site, i: usize) -> Prepared {
    let p = &site.pages[i];
    let content = body_html(site, p.body());
    let description = p
        .description
        .clone()
        .unwrap_or_else(|| excerpt(&crate::markdown::plain_text_of(p.body()), 80));
    Prepared {
        url: url::page(&p.slug),
        template: "page.html",
        vars: json!({ "content_html": content, "extra": p.extra }),
        title: p.title.clone(),
        description,
        kind: "page",
        breadcrumbs: vec![home_crumb()],
        jsonld: Vec::new(),
    }
}

/// Removes `null` members so that templates can test optional values with `{% if %}`.
fn strip_nulls(mut v: Value) -> Value {
    if let Value::Object(o) = &mut v {
        o.retain(|_, x| !x.is_null());
    }
    v
}

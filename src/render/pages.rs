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
fn coming_week(site: &Site, stations: impl Iterator<Item = usize>, limit: usize) -> (Vec<Value>, usize) {
    let last = site.today + chrono::Days::new(6);
    type Key = (chrono::NaiveDate, chrono::NaiveTime, usize, usize, usize);
    let mut all: Vec<Key> = stations
        .flat_map(|s| {
            site.upcoming[s]
                .iter()
                .enumerate()
                .filter(move |(_, u)| u.date <= last)
                .map(move |(k, u)| {
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
    let total = all.len();
    (
        all.into_iter()
            .take(limit)
            .map(|(_, _, _, s, k)| upcoming_item(site, s, &site.upcoming[s][k], true))
            .collect(),
        total,
    )
}

fn home(site: &Site) -> Prepared {
    let latest: Vec<IssueLink> = site.issues.iter().rev().take(10).map(issue_link).collect();
    let (upcoming, upcoming_total) = coming_week(site, 0..site.stations.len(), HOME_UPCOMING);
    Prepared {
        url: url::home(),
        template: "index.html",
        vars: json!({
            "region_tree": region_tree(site),
            "latest_issues": latest,
            "upcoming": upcoming,
            "upcoming_total": upcoming_total,
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
    let groups: Vec<Value> = (0..site.regions.len())
        .filter(|&r| !site.regions[r].stations.is_empty())
        .map(|r| {
            let path: Vec<&str> = site.region_path(r).iter().map(|&i| site.regions[i].name.as_str()).collect();
            let mut region = to_value(region_link(site, r));
            region["path"] = Value::String(path.join(" › "));
            json!({
                "region": region,
                "stations": site.regions[r].stations.iter().map(|&s| station_link(&site.stations[s])).collect::<Vec<_>>(),
            })
        })
        .collect();
    Prepared {
        url: url::stations(),
        template: "stations.html",
        vars: json!({ "groups": groups }),
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
        put(
            "map_url",
            Value::String(format!(
                "https://www.openstreetmap.org/?mlat={:.6}&mlon={:.6}#map=17/{:.6}/{:.6}",
                l.lat, l.lon, l.lat, l.lon
            )),
        );
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
    let mut crumbs = vec![home_crumb(), crumb("联络站", url::stations())];
    crumbs.extend(region_crumbs(site, r));
    Prepared {
        url: url::station(&s.slug),
        template: "station.html",
        vars: json!({
            "station": st,
            "region_path": region_path(site, r),
            "representatives_by_level": by_level(site, &site.station_reps[i]),
            "receptions": receptions,
            "upcoming": site.upcoming[i].iter().map(|u| upcoming_item(site, i, u, false)).collect::<Vec<_>>(),
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

fn region(site: &Site, i: usize) -> Prepared {
    let reg = &site.regions[i];
    let subtree = site.subtree_stations(i);
    let has_calendar = subtree.iter().any(|&s| !site.events[s].is_empty());
    let (upcoming, upcoming_total) = coming_week(site, subtree.into_iter(), REGION_UPCOMING);
    let mut region = to_value(region_link(site, i));
    if let Some(p) = reg.parent {
        region["parent"] = to_value(region_link(site, p));
    }
    region["extra"] = reg.extra.clone();
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
    let stations: Vec<Value> = reg
        .stations
        .iter()
        .map(|&s| {
            let mut v = to_value(station_link(&site.stations[s]));
            v["representatives"] = to_value(
                site.station_reps[s]
                    .iter()
                    .map(|&r| rep_link(site, r))
                    .collect::<Vec<_>>(),
            );
            v
        })
        .collect();
    let mut crumbs = vec![home_crumb(), crumb("行政区划", url::regions())];
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
            "calendar_url": has_calendar.then(|| url::region_calendar(&reg.code)),
            "children": children,
            "stations": stations,
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

//! schema.org structured data (JSON-LD) for each kind of page: a `BreadcrumbList` everywhere,
//! `WebSite` with a search action on the home page, `GovernmentOffice` for stations (address,
//! geo, opening hours) and their reception `Event`s, `Person` for representatives (`memberOf`
//! the congress of each level, `workLocation` the station), and `PublicationIssue` in the
//! `Periodical` 《联络动态》 with its articles as `NewsArticle` parts.
//!
//! Each node is a small typed value that borrows from the model and is written as JSON text
//! at once ([`Node`]): every page has some, so they are not built as trees of `serde_json`
//! values first.

use std::sync::LazyLock;

use chrono::{NaiveDate, NaiveTime, TimeZone};
use serde::Serialize;

use super::context::Crumb;
use crate::content::{Level, Station};
use crate::model::{IssueId, RegionId, RepId, Site, StationId};
use crate::reception::Status;
use crate::url;

/// One node of a page's `@graph`, as JSON text.
pub(crate) struct Node(String);

/// The node of a value; our node types always serialize (no maps with other keys than
/// strings; a number that is not finite becomes `null`).
pub(crate) fn node(value: &impl Serialize) -> Node {
    Node(serde_json::to_string(value).unwrap_or_else(|_| "{}".into()))
}

/// The JSON-LD document of a page, as text safe inside `<script>`: `<`, `>` and `&` escaped so
/// that no content can close the script element.
pub(crate) fn script(nodes: &[Node]) -> String {
    let mut json = String::with_capacity(64 + nodes.iter().map(|n| n.0.len() + 1).sum::<usize>());
    json.push_str(r#"{"@context":"https://schema.org","@graph":["#);
    for (i, n) in nodes.iter().enumerate() {
        if i > 0 {
            json.push(',');
        }
        json.push_str(&n.0);
    }
    json.push_str("]}");
    // `<`, `>` and `&` only occur inside JSON strings, where their escapes mean the same: no
    // text of content can close the script element or start a comment in it.
    let mut out = String::with_capacity(json.len() + 16);
    let mut from = 0;
    for (i, b) in json.bytes().enumerate() {
        let escape = match b {
            b'<' => "\\u003c",
            b'>' => "\\u003e",
            b'&' => "\\u0026",
            _ => continue,
        };
        out.push_str(&json[from..i]);
        out.push_str(escape);
        from = i + 1;
    }
    out.push_str(&json[from..]);
    out
}

#[derive(Serialize)]
struct ListItem<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    position: usize,
    name: &'a str,
    item: String,
}

#[derive(Serialize)]
struct BreadcrumbList<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "itemListElement")]
    items: Vec<ListItem<'a>>,
}

pub(crate) fn breadcrumbs(site: &Site, crumbs: &[Crumb], title: &str, page_url: &str) -> Node {
    let base = &site.config.base_url;
    let items = crumbs
        .iter()
        .map(|c| (c.name.as_str(), c.url.as_str()))
        .chain([(title, page_url)])
        .enumerate()
        .map(|(i, (name, u))| ListItem {
            kind: "ListItem",
            position: i + 1,
            name,
            item: url::absolute(base, u),
        })
        .collect();
    node(&BreadcrumbList {
        kind: "BreadcrumbList",
        items,
    })
}

#[derive(Serialize)]
struct SearchAction {
    #[serde(rename = "@type")]
    kind: &'static str,
    target: String,
    #[serde(rename = "query-input")]
    query_input: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct WebSite<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "@id")]
    id: String,
    name: &'a str,
    url: String,
    in_language: &'a str,
    potential_action: SearchAction,
}

pub(crate) fn website(site: &Site) -> Node {
    let base = &site.config.base_url;
    node(&WebSite {
        kind: "WebSite",
        id: format!("{base}/#website"),
        name: &site.config.title,
        url: url::absolute(base, "/"),
        in_language: &site.config.language,
        potential_action: SearchAction {
            kind: "SearchAction",
            target: format!("{}?q={{search_term_string}}", url::absolute(base, &url::search())),
            query_input: "required name=search_term_string",
        },
    })
}

static RANGE: LazyLock<regex_lite::Regex> = LazyLock::new(|| {
    regex_lite::Regex::new(r"(\d{1,2}):(\d{2})\s*[-–—~～至到]\s*(\d{1,2}):(\d{2})").expect("valid regex")
});

const DAYS: [(&str, &str); 7] = [
    ("一", "Mo"),
    ("二", "Tu"),
    ("三", "We"),
    ("四", "Th"),
    ("五", "Fr"),
    ("六", "Sa"),
    ("日", "Su"),
];

fn day_code(c: &str) -> Option<&'static str> {
    DAYS.iter()
        .find(|(zh, _)| *zh == c)
        .map(|(_, en)| *en)
        .or((c == "天").then_some("Su"))
}

/// The days a segment of free-text hours names: `工作日` → `Mo-Fr`, `周一至周六` → `Mo-Sa`,
/// `每周二、周四` → `Tu,Th`; `None` when it names no days (or names them in a way schema.org
/// cannot say, such as 每月第二个星期六).
fn days_of(segment: &str) -> Option<String> {
    if segment.contains("每月") || segment.contains("第") {
        return None;
    }
    if segment.contains("工作日") {
        return Some("Mo-Fr".into());
    }
    if segment.contains("每天") || segment.contains("每日") {
        return Some("Mo-Su".into());
    }
    let chars: Vec<String> = segment.chars().map(String::from).collect();
    // 周X至周Y / 周X至Y
    if let Some(i) = segment.find('至') {
        let before: Vec<char> = segment[..i].chars().collect();
        let after: Vec<char> = segment[i + '至'.len_utf8()..].chars().collect();
        let from = before.last().and_then(|c| day_code(&c.to_string()));
        let to = after.iter().find_map(|c| day_code(&c.to_string()));
        if let (Some(f), Some(t)) = (from, to) {
            return Some(format!("{f}-{t}"));
        }
    }
    let mut out = Vec::new();
    for (i, c) in chars.iter().enumerate() {
        if i > 0
            && (chars[i - 1] == "周" || chars[i - 1] == "期")
            && let Some(code) = day_code(c)
            && !out.contains(&code)
        {
            out.push(code);
        }
    }
    (!out.is_empty()).then(|| out.join(","))
}

/// schema.org `openingHours` from a station's free-text hours, for the common forms
/// (`工作日 08:30-12:00，14:30-17:30`, `每周二、周四 09:00-11:30`, `周一至周六 9:00-17:00`).
/// Parts it cannot read are left out.
pub(crate) fn opening_hours(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut days: Option<String> = None;
    for segment in text.split(['，', '；', ';', ',', '。']) {
        let ranges: Vec<String> = RANGE
            .captures_iter(segment)
            .filter_map(|c| {
                let h1: u32 = c[1].parse().ok()?;
                let h2: u32 = c[3].parse().ok()?;
                (h1 < 24 && h2 < 24).then(|| format!("{:02}:{}-{:02}:{}", h1, &c[2], h2, &c[4]))
            })
            .collect();
        let head = RANGE.split(segment).next().unwrap_or("");
        match days_of(head) {
            Some(d) => days = Some(d),
            None if head.trim().is_empty() => {} // "14:30-17:30" continues the days before
            None => {
                days = None;
                continue;
            }
        }
        if let Some(d) = &days {
            out.extend(ranges.into_iter().map(|r| format!("{d} {r}")));
        }
    }
    out
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PostalAddress<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    street_address: &'a str,
    address_country: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    address_region: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    address_locality: Option<String>,
}

fn address<'a>(site: &'a Site, s: &'a Station, region: RegionId) -> PostalAddress<'a> {
    let path: Vec<&str> = site
        .region_path(region)
        .into_iter()
        .map(|i| site.region(i).name.as_str())
        .collect();
    PostalAddress {
        kind: "PostalAddress",
        street_address: &s.address,
        address_country: "CN",
        address_region: path.first().copied(),
        address_locality: (path.len() > 1).then(|| path[1..].concat()),
    }
}

#[derive(Serialize)]
struct Geo {
    #[serde(rename = "@type")]
    kind: &'static str,
    latitude: f64,
    longitude: f64,
}

fn geo(s: &Station) -> Option<Geo> {
    s.location.map(|l| Geo {
        kind: "GeoCoordinates",
        latitude: l.lat,
        longitude: l.lon,
    })
}

#[derive(Serialize)]
struct Place<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
    address: PostalAddress<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    geo: Option<Geo>,
}

fn place(site: &Site, i: StationId) -> Place<'_> {
    let s = site.station(i);
    Place {
        kind: "Place",
        name: &s.name,
        address: address(site, s, site.station_region(i)),
        geo: geo(s),
    }
}

pub(crate) fn station_id(site: &Site, i: StationId) -> String {
    format!(
        "{}#office",
        url::absolute(&site.config.base_url, &url::station(&site.station(i).slug))
    )
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Office<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "@id")]
    id: String,
    name: &'a str,
    url: String,
    address: PostalAddress<'a>,
    description: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    geo: Option<Geo>,
    #[serde(skip_serializing_if = "Option::is_none")]
    telephone: Option<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    opening_hours: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    founding_date: Option<String>,
}

pub(crate) fn station(site: &Site, i: StationId) -> Node {
    let s = site.station(i);
    node(&Office {
        kind: "GovernmentOffice",
        id: station_id(site, i),
        name: &s.name,
        url: url::absolute(&site.config.base_url, &url::station(&s.slug)),
        address: address(site, s, site.station_region(i)),
        description: format!("{}（{}）", s.name, s.kind.label()),
        geo: geo(s),
        telephone: s.phone.as_deref(),
        opening_hours: s.hours.as_deref().map(opening_hours).unwrap_or_default(),
        founding_date: s.established.map(|d| d.to_string()),
    })
}

#[derive(Serialize)]
struct Ref {
    #[serde(rename = "@id")]
    id: String,
}

#[derive(Serialize)]
struct Performer<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
    url: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Event<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: String,
    start_date: Option<String>,
    end_date: Option<String>,
    event_attendance_mode: &'static str,
    event_status: &'static str,
    location: &'a Place<'a>,
    organizer: Ref,
    url: String,
    is_accessible_for_free: bool,
    description: String,
    /// Only for a postponed day: its first date (`null` where that time does not exist).
    #[serde(skip_serializing_if = "Option::is_none")]
    previous_start_date: Option<Option<String>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    performer: Vec<Performer<'a>>,
}

/// One `Event` per listed reception date of a station.
pub(crate) fn reception_events(site: &Site, i: StationId) -> Vec<Node> {
    let s = site.station(i);
    let tz = site.config.timezone;
    let base = &site.config.base_url;
    let iso = |d: NaiveDate, t: NaiveTime| {
        tz.from_local_datetime(&d.and_time(t))
            .earliest()
            .map(|x| x.to_rfc3339_opts(chrono::SecondsFormat::Secs, false))
    };
    let location = place(site, i);
    site.upcoming(i)
        .iter()
        .map(|u| {
            let r = &s.receptions[u.schedule];
            node(&Event {
                kind: "Event",
                name: format!("{}（{}）", r.title, s.name),
                start_date: iso(u.date, r.start),
                end_date: iso(u.date, r.end),
                event_attendance_mode: "https://schema.org/OfflineEventAttendanceMode",
                event_status: match u.status {
                    Status::Scheduled => "https://schema.org/EventScheduled",
                    Status::Cancelled(_) => "https://schema.org/EventCancelled",
                    Status::Postponed { .. } => "https://schema.org/EventRescheduled",
                },
                location: &location,
                organizer: Ref {
                    id: station_id(site, i),
                },
                url: url::absolute(base, &url::station(&s.slug)),
                is_accessible_for_free: true,
                description: format!("{}，{}", r.summary(), r.time_label()),
                previous_start_date: match &u.status {
                    Status::Postponed { from, .. } => Some(iso(*from, r.start)),
                    _ => None,
                },
                performer: site
                    .on_duty(r)
                    .map(|ri| {
                        let rep = site.rep(ri);
                        Performer {
                            kind: "Person",
                            name: &rep.name,
                            url: url::absolute(base, &url::representative(&rep.slug)),
                        }
                    })
                    .collect(),
            })
        })
        .collect()
}

#[derive(Serialize)]
struct Organization<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: std::borrow::Cow<'a, str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<&'static str>,
}

/// A congress a representative sits in: the organization, or, for a membership that ended,
/// a `Role` with its end date.
#[derive(Serialize)]
#[serde(untagged)]
enum Membership<'a> {
    Current(Organization<'a>),
    Ended {
        #[serde(rename = "@type")]
        kind: &'static str,
        #[serde(rename = "memberOf")]
        member_of: Organization<'a>,
        #[serde(rename = "endDate")]
        end_date: String,
    },
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Person<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "@id")]
    id: String,
    name: &'a str,
    url: String,
    member_of: Vec<Membership<'a>>,
    work_location: Place<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    job_title: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    works_for: Option<Organization<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    gender: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    telephone: Option<&'a str>,
}

/// The name of the congress a representative of `level` sits in.
fn congress(site: &Site, level: Level, region: RegionId) -> String {
    site.congress(level, region).name
}

pub(crate) fn person(site: &Site, r: RepId) -> Node {
    let rep = site.rep(r);
    let base = &site.config.base_url;
    let page = url::absolute(base, &url::representative(&rep.slug));
    node(&Person {
        kind: "Person",
        id: format!("{page}#person"),
        name: &rep.name,
        url: page,
        member_of: rep
            .levels
            .iter()
            .map(|&l| {
                let org = Organization {
                    kind: "GovernmentOrganization",
                    name: congress(site, l, site.rep_region(r)).into(),
                    description: Some(l.label()),
                };
                match rep.until {
                    Some(until) => Membership::Ended {
                        kind: "Role",
                        member_of: org,
                        end_date: until.to_string(),
                    },
                    None => Membership::Current(org),
                }
            })
            .collect(),
        work_location: place(site, site.rep_station(r)),
        job_title: rep.position.as_deref(),
        works_for: rep.unit.as_deref().map(|u| Organization {
            kind: "Organization",
            name: u.into(),
            description: None,
        }),
        gender: rep.gender.as_deref().map(|g| {
            if g == "男" {
                "https://schema.org/Male"
            } else {
                "https://schema.org/Female"
            }
        }),
        telephone: rep.phone.as_deref().filter(|_| !site.is_former(r)),
    })
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Article<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    headline: &'a str,
    url: String,
    date_published: &'a str,
    in_language: &'a str,
    publisher: &'a Organization<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    alternative_headline: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    source_organization: Option<Organization<'a>>,
}

#[derive(Serialize)]
struct Periodical<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'static str,
    publisher: &'a Organization<'a>,
    url: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PublicationIssue<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "@id")]
    id: String,
    name: String,
    issue_number: String,
    date_published: &'a str,
    url: &'a str,
    is_part_of: Periodical<'a>,
    has_part: Vec<Article<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    alternate_name: Option<String>,
}

pub(crate) fn issue(site: &Site, i: IssueId) -> Node {
    let m = site.issue(i);
    let is = &m.issue;
    let base = &site.config.base_url;
    let page = url::absolute(base, &url::bulletin(is.year, is.number));
    let date = is.date.to_string();
    let publisher = Organization {
        kind: "GovernmentOrganization",
        name: is
            .publisher
            .as_deref()
            .or(site.config.footer.organizer.as_deref())
            .unwrap_or(&site.config.title)
            .into(),
        description: None,
    };
    let parts = m
        .articles
        .articles
        .iter()
        .map(|a| Article {
            kind: "NewsArticle",
            headline: &a.title,
            url: format!("{page}#{}", a.id),
            date_published: &date,
            in_language: &site.config.language,
            publisher: &publisher,
            alternative_headline: a.subtitle.as_deref().map(|s| s.trim_start_matches('—')),
            source_organization: a.attribution.as_deref().map(|src| Organization {
                kind: "Organization",
                name: src.trim_end_matches("供稿").into(),
                description: None,
            }),
        })
        .collect();
    node(&PublicationIssue {
        kind: "PublicationIssue",
        id: format!("{page}#issue"),
        name: format!("《联络动态》{}年第{}期", is.year, is.number),
        issue_number: is.number.to_string(),
        date_published: &date,
        url: &page,
        is_part_of: Periodical {
            kind: "Periodical",
            name: "联络动态",
            publisher: &publisher,
            url: url::absolute(base, &url::bulletins()),
        },
        has_part: parts,
        alternate_name: is.total.as_ref().map(|t| format!("总第{}期", t.value)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn opening_hours_in_common_forms() {
        assert_eq!(
            opening_hours("工作日 08:30-12:00，14:30-17:30"),
            ["Mo-Fr 08:30-12:00", "Mo-Fr 14:30-17:30"]
        );
        assert_eq!(opening_hours("每周一至周五 09:00-17:00"), ["Mo-Fr 09:00-17:00"]);
        assert_eq!(opening_hours("每周二、周四 14:30-16:30"), ["Tu,Th 14:30-16:30"]);
        assert_eq!(
            opening_hours("周一至周五 08:30-17:30，周三 19:00-20:30 夜间接待"),
            ["Mo-Fr 08:30-17:30", "We 19:00-20:30"]
        );
        assert_eq!(opening_hours("周六 9:00-11:30；平日请先电话预约"), ["Sa 09:00-11:30"]);
        assert!(opening_hours("每月第二个星期六 09:00-11:30").is_empty());
        assert!(opening_hours("每周三上午").is_empty());
        assert!(opening_hours("接待日 09:00-11:30").is_empty());
    }

    #[test]
    fn script_text_cannot_close_the_element() {
        let s = script(&[
            node(&serde_json::json!({"name": "</script><script>alert(1)</script>"})),
            node(&serde_json::json!({"name": "a & b"})),
        ]);
        assert!(!s.contains('<') && !s.contains('>') && !s.contains('&'), "{s}");
        let back: serde_json::Value = serde_json::from_str(&s).unwrap();
        assert_eq!(back["@context"], "https://schema.org");
        assert_eq!(back["@graph"][0]["name"], "</script><script>alert(1)</script>");
        assert_eq!(back["@graph"][1]["name"], "a & b");
        let empty: serde_json::Value = serde_json::from_str(&script(&[])).unwrap();
        assert_eq!(empty["@graph"], serde_json::json!([]));
    }
}

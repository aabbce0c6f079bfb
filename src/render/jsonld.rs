//! schema.org structured data (JSON-LD) for each kind of page: a `BreadcrumbList` everywhere,
//! `WebSite` with a search action on the home page, `GovernmentOffice` for stations (address,
//! geo, opening hours) and their reception `Event`s, `Person` for representatives (`memberOf`
//! the congress of each level, `workLocation` the station), and `PublicationIssue` in the
//! `Periodical` 《联络动态》 with its articles as `NewsArticle` parts.

use std::sync::LazyLock;

use chrono::{NaiveDate, NaiveTime, TimeZone};
use serde_json::{Value, json};

use super::context::Crumb;
use crate::content::{Level, Station};
use crate::model::{IssueId, RegionId, RepId, Site, StationId};
use crate::reception::Status;
use crate::url;

/// The JSON-LD document of a page, as text safe inside `<script>`: `<`, `>` and `&` escaped so
/// that no content can close the script element.
pub(crate) fn script(nodes: Vec<Value>) -> String {
    let doc = json!({"@context": "https://schema.org", "@graph": nodes});
    let json = serde_json::to_string(&doc).unwrap_or_default();
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

pub(crate) fn breadcrumbs(site: &Site, crumbs: &[Crumb], title: &str, page_url: &str) -> Value {
    let base = &site.config.base_url;
    let mut items: Vec<Value> = crumbs
        .iter()
        .enumerate()
        .map(|(i, c)| json!({"@type": "ListItem", "position": i + 1, "name": c.name, "item": url::absolute(base, &c.url)}))
        .collect();
    items.push(
        json!({"@type": "ListItem", "position": items.len() + 1, "name": title, "item": url::absolute(base, page_url)}),
    );
    json!({"@type": "BreadcrumbList", "itemListElement": items})
}

pub(crate) fn website(site: &Site) -> Value {
    let base = &site.config.base_url;
    json!({
        "@type": "WebSite",
        "@id": format!("{base}/#website"),
        "name": site.config.title,
        "url": url::absolute(base, "/"),
        "inLanguage": site.config.language,
        "potentialAction": {
            "@type": "SearchAction",
            "target": format!("{}?q={{search_term_string}}", url::absolute(base, &url::search())),
            "query-input": "required name=search_term_string",
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

fn address(site: &Site, s: &Station, region: RegionId) -> Value {
    let path: Vec<&str> = site
        .region_path(region)
        .into_iter()
        .map(|i| site.region(i).name.as_str())
        .collect();
    let mut a = json!({"@type": "PostalAddress", "streetAddress": s.address, "addressCountry": "CN"});
    if let Some(first) = path.first() {
        a["addressRegion"] = json!(first);
    }
    if path.len() > 1 {
        a["addressLocality"] = json!(path[1..].join(""));
    }
    a
}

fn place(site: &Site, i: StationId) -> Value {
    let s = site.station(i);
    let mut p = json!({"@type": "Place", "name": s.name, "address": address(site, s, site.station_region(i))});
    if let Some(l) = s.location {
        p["geo"] = json!({"@type": "GeoCoordinates", "latitude": l.lat, "longitude": l.lon});
    }
    p
}

pub(crate) fn station_id(site: &Site, i: StationId) -> String {
    format!(
        "{}#office",
        url::absolute(&site.config.base_url, &url::station(&site.station(i).slug))
    )
}

pub(crate) fn station(site: &Site, i: StationId) -> Value {
    let s = site.station(i);
    let mut v = json!({
        "@type": "GovernmentOffice",
        "@id": station_id(site, i),
        "name": s.name,
        "url": url::absolute(&site.config.base_url, &url::station(&s.slug)),
        "address": address(site, s, site.station_region(i)),
        "description": format!("{}（{}）", s.name, s.kind.label()),
    });
    if let Some(l) = s.location {
        v["geo"] = json!({"@type": "GeoCoordinates", "latitude": l.lat, "longitude": l.lon});
    }
    if let Some(p) = &s.phone {
        v["telephone"] = json!(p);
    }
    if let Some(h) = &s.hours {
        let oh = opening_hours(h);
        if !oh.is_empty() {
            v["openingHours"] = json!(oh);
        }
    }
    if let Some(d) = s.established {
        v["foundingDate"] = json!(d.to_string());
    }
    v
}

/// One `Event` per listed reception date of a station.
pub(crate) fn reception_events(site: &Site, i: StationId) -> Vec<Value> {
    let s = site.station(i);
    let tz = site.config.timezone;
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
            let mut e = json!({
                "@type": "Event",
                "name": format!("{}（{}）", r.title, s.name),
                "startDate": iso(u.date, r.start),
                "endDate": iso(u.date, r.end),
                "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
                "eventStatus": match u.status {
                    Status::Scheduled => "https://schema.org/EventScheduled",
                    Status::Cancelled(_) => "https://schema.org/EventCancelled",
                    Status::Postponed { .. } => "https://schema.org/EventRescheduled",
                },
                "location": location,
                "organizer": {"@id": station_id(site, i)},
                "url": url::absolute(&site.config.base_url, &url::station(&s.slug)),
                "isAccessibleForFree": true,
                "description": format!("{}，{}", r.summary(), r.time_label()),
            });
            if let Status::Postponed { from, .. } = &u.status {
                e["previousStartDate"] = json!(iso(*from, r.start));
            }
            let performers: Vec<Value> = site
                .on_duty(r)
                .map(|ri| {
                    json!({"@type": "Person", "name": site.rep(ri).name, "url": url::absolute(&site.config.base_url, &url::representative(&site.rep(ri).slug))})
                })
                .collect();
            if !performers.is_empty() {
                e["performer"] = Value::Array(performers);
            }
            e
        })
        .collect()
}

/// The name of the congress a representative of `level` sits in.
fn congress(site: &Site, level: Level, region: RegionId) -> String {
    site.congress(level, region).name
}

pub(crate) fn person(site: &Site, r: RepId) -> Value {
    let rep = site.rep(r);
    let st = site.rep_station(r);
    let base = &site.config.base_url;
    let mut v = json!({
        "@type": "Person",
        "@id": format!("{}#person", url::absolute(base, &url::representative(&rep.slug))),
        "name": rep.name,
        "url": url::absolute(base, &url::representative(&rep.slug)),
        "memberOf": rep.levels.iter().map(|&l| {
            let org = json!({
                "@type": "GovernmentOrganization",
                "name": congress(site, l, site.rep_region(r)),
                "description": l.label(),
            });
            // A membership that ended is a Role with its end date.
            match rep.until {
                Some(until) => json!({"@type": "Role", "memberOf": org, "endDate": until.to_string()}),
                None => org,
            }
        }).collect::<Vec<_>>(),
        "workLocation": place(site, st),
    });
    if let Some(p) = &rep.position {
        v["jobTitle"] = json!(p);
    }
    if let Some(u) = &rep.unit {
        v["worksFor"] = json!({"@type": "Organization", "name": u});
    }
    if let Some(g) = &rep.gender {
        v["gender"] = json!(if g == "男" {
            "https://schema.org/Male"
        } else {
            "https://schema.org/Female"
        });
    }
    if let Some(p) = rep.phone.as_ref().filter(|_| !site.is_former(r)) {
        v["telephone"] = json!(p);
    }
    v
}

pub(crate) fn issue(site: &Site, i: IssueId) -> Value {
    let m = site.issue(i);
    let is = &m.issue;
    let base = &site.config.base_url;
    let page = url::absolute(base, &url::bulletin(is.year, is.number));
    let publisher = json!({"@type": "GovernmentOrganization", "name": is.publisher.clone().unwrap_or_else(|| site.config.footer.organizer.clone().unwrap_or_else(|| site.config.title.clone()))});
    let parts: Vec<Value> = m
        .articles
        .articles
        .iter()
        .map(|a| {
            let mut art = json!({
                "@type": "NewsArticle",
                "headline": a.title,
                "url": format!("{page}#{}", a.id),
                "datePublished": is.date.to_string(),
                "inLanguage": site.config.language,
                "publisher": publisher,
            });
            if let Some(s) = &a.subtitle {
                art["alternativeHeadline"] = json!(s.trim_start_matches('—'));
            }
            if let Some(src) = &a.attribution {
                art["sourceOrganization"] = json!({"@type": "Organization", "name": src.trim_end_matches("供稿")});
            }
            art
        })
        .collect();
    let mut v = json!({
        "@type": "PublicationIssue",
        "@id": format!("{page}#issue"),
        "name": format!("《联络动态》{}年第{}期", is.year, is.number),
        "issueNumber": is.number.to_string(),
        "datePublished": is.date.to_string(),
        "url": page,
        "isPartOf": {"@type": "Periodical", "name": "联络动态", "publisher": publisher, "url": url::absolute(base, &url::bulletins())},
        "hasPart": parts,
    });
    if let Some(t) = &is.total {
        v["alternateName"] = json!(format!("总第{}期", t.value));
    }
    v
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
        let s = script(vec![json!({"name": "</script><script>alert(1)</script>"})]);
        assert!(!s.contains('<') && !s.contains('>'), "{s}");
        let back: Value = serde_json::from_str(&s).unwrap();
        assert_eq!(back["@graph"][0]["name"], "</script><script>alert(1)</script>");
    }
}

//! Per-page contexts: for each page kind, the small set of values its template needs, built
//! from the model and borrowed from it where possible. No page gets site-wide data beyond
//! `site` (the settings and the list of free pages). The shapes are documented for template
//! authors in docs/templates.md.

use serde::Serialize;

use crate::content::representative::levels_label;
use crate::content::{Level, Station};
use crate::model::{IssueModel, RegionId, RepId, Site};
use crate::reception::date_label;
use crate::{markdown, url};

#[derive(Serialize)]
pub(crate) struct MenuItem<'a> {
    pub(crate) title: &'a str,
    pub(crate) url: String,
}

#[derive(Serialize)]
pub(crate) struct SiteCtx<'a> {
    pub(crate) title: &'a str,
    pub(crate) description: &'a str,
    pub(crate) language: &'a str,
    pub(crate) base_url: &'a str,
    pub(crate) footer: &'a crate::content::site::Footer,
    pub(crate) extra: &'a serde_json::Value,
    pub(crate) menu: Vec<MenuItem<'a>>,
    /// A short fingerprint of `[extra] notice`: a visitor who closed the notice does not see
    /// it again until its text changes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) notice_id: Option<String>,
}

pub(crate) fn site_ctx(site: &Site) -> SiteCtx<'_> {
    let c = &site.config;
    SiteCtx {
        title: &c.title,
        description: &c.description,
        language: &c.language,
        base_url: &c.base_url,
        footer: &c.footer,
        extra: &c.extra,
        notice_id: c.extra.get("notice").and_then(|n| n.as_str()).map(|n| {
            let hash = blake3::hash(n.as_bytes()).to_hex();
            hash[..12].to_string()
        }),
        menu: site
            .page_ids()
            .map(|p| site.page(p))
            .map(|p| MenuItem {
                title: &p.title,
                url: url::page(&p.slug),
            })
            .collect(),
    }
}

#[derive(Serialize, Clone)]
pub(crate) struct Crumb {
    pub(crate) name: String,
    pub(crate) url: String,
}

#[derive(Serialize)]
pub(crate) struct RegionLink<'a> {
    pub(crate) code: &'a str,
    pub(crate) name: &'a str,
    pub(crate) url: String,
}

pub(crate) fn region_link(site: &Site, r: RegionId) -> RegionLink<'_> {
    let reg = site.region(r);
    RegionLink {
        code: &reg.code,
        name: &reg.name,
        url: url::region(&reg.code),
    }
}

pub(crate) fn region_path(site: &Site, r: RegionId) -> Vec<RegionLink<'_>> {
    site.region_path(r).into_iter().map(|i| region_link(site, i)).collect()
}

/// The breadcrumbs of a region: from the home region down (the regions above it hold nothing
/// else and would only make the trail long on a phone).
pub(crate) fn region_crumbs(site: &Site, r: RegionId) -> Vec<Crumb> {
    site.local_path(r)
        .into_iter()
        .map(|i| Crumb {
            name: site.region(i).name.clone(),
            url: url::region(&site.region(i).code),
        })
        .collect()
}

#[derive(Serialize)]
pub(crate) struct StationLink<'a> {
    pub(crate) slug: &'a str,
    pub(crate) name: &'a str,
    pub(crate) url: String,
    pub(crate) kind: &'static str,
    pub(crate) kind_label: &'static str,
    pub(crate) address: &'a str,
}

pub(crate) fn station_link(s: &Station) -> StationLink<'_> {
    StationLink {
        slug: &s.slug,
        name: &s.name,
        url: url::station(&s.slug),
        kind: s.kind.key(),
        kind_label: s.kind.label(),
        address: &s.address,
    }
}

#[derive(Serialize)]
pub(crate) struct RepLink<'a> {
    pub(crate) slug: &'a str,
    pub(crate) name: &'a str,
    pub(crate) url: String,
    pub(crate) levels_label: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) unit: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) position: Option<&'a str>,
    pub(crate) station_name: &'a str,
    pub(crate) station_url: String,
}

pub(crate) fn rep_link(site: &Site, r: RepId) -> RepLink<'_> {
    let rep = site.rep(r);
    let st = site.station(site.rep_station(r));
    RepLink {
        slug: &rep.slug,
        name: &rep.name,
        url: url::representative(&rep.slug),
        levels_label: levels_label(&rep.levels),
        unit: rep.unit.as_deref(),
        position: rep.position.as_deref(),
        station_name: &st.name,
        station_url: url::station(&st.slug),
    }
}

#[derive(Serialize)]
pub(crate) struct LevelGroup<'a> {
    pub(crate) level: &'static str,
    pub(crate) label: &'static str,
    pub(crate) representatives: Vec<RepLink<'a>>,
}

/// Representatives (already in stroke order) grouped by level; someone at several levels is
/// listed under each.
pub(crate) fn by_level<'a>(site: &'a Site, reps: &[RepId]) -> Vec<LevelGroup<'a>> {
    Level::ALL
        .iter()
        .filter_map(|&l| {
            let list: Vec<RepLink> = reps
                .iter()
                .filter(|&&r| site.rep(r).levels.contains(&l))
                .map(|&r| rep_link(site, r))
                .collect();
            (!list.is_empty()).then_some(LevelGroup {
                level: l.key(),
                label: l.label(),
                representatives: list,
            })
        })
        .collect()
}

#[derive(Serialize)]
pub(crate) struct IssueLink {
    pub(crate) year: i32,
    pub(crate) number: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) total: Option<u32>,
    pub(crate) number_label: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) total_label: Option<String>,
    pub(crate) date: String,
    pub(crate) date_label: String,
    pub(crate) url: String,
    pub(crate) titles: Vec<String>,
}

/// `第 5 期`
pub(crate) fn number_label(n: u32) -> String {
    format!("第 {n} 期")
}

/// `总第 105 期`
pub(crate) fn total_label(n: u32) -> String {
    format!("总第 {n} 期")
}

pub(crate) fn issue_link(m: &IssueModel) -> IssueLink {
    let i = &m.issue;
    IssueLink {
        year: i.year,
        number: i.number,
        total: i.total.as_ref().map(|t| t.value),
        number_label: number_label(i.number),
        total_label: i.total.as_ref().map(|t| total_label(t.value)),
        date: i.date.to_string(),
        date_label: date_label(i.date),
        url: url::bulletin(i.year, i.number),
        titles: m.articles.articles.iter().map(|a| a.title.clone()).collect(),
    }
}

#[derive(Serialize)]
pub(crate) struct TreeNode<'a> {
    pub(crate) code: &'a str,
    pub(crate) name: &'a str,
    pub(crate) url: String,
    pub(crate) stations: usize,
    pub(crate) children: Vec<TreeNode<'a>>,
}

pub(crate) fn region_tree(site: &Site) -> Vec<TreeNode<'_>> {
    fn node(site: &Site, r: RegionId, depth: usize) -> TreeNode<'_> {
        let reg = site.region(r);
        TreeNode {
            code: &reg.code,
            name: &reg.name,
            url: url::region(&reg.code),
            stations: reg.total_stations,
            // depth guard: validation rejects cycles, this only bounds recursion
            children: if depth > 64 {
                Vec::new()
            } else {
                reg.children.iter().map(|&c| node(site, c, depth + 1)).collect()
            },
        }
    }
    site.roots().into_iter().map(|r| node(site, r, 0)).collect()
}

/// The `tel:` target of a phone number as written (RFC 3966): the first number of
/// "0737-1234567、13900000000", its digits, `+` and `-`, and an extension after 转 as `;ext=`.
/// `None` when fewer than three digits are left.
pub(crate) fn tel(phone: &str) -> Option<String> {
    let first = phone.split(['、', '/', ',', '，', ';', '；']).next().unwrap_or("");
    let (number, ext) = match first.split_once(['转', '#']) {
        Some((n, e)) => (n, e),
        None => (first, ""),
    };
    let keep = |s: &str| -> String {
        s.chars()
            .filter(|c| c.is_ascii_digit() || *c == '+' || *c == '-')
            .collect()
    };
    let t = keep(number).trim_matches('-').to_string();
    if t.chars().filter(char::is_ascii_digit).count() < 3 {
        return None;
    }
    let ext: String = ext.chars().filter(char::is_ascii_digit).collect();
    Some(if ext.is_empty() { t } else { format!("{t};ext={ext}") })
}

pub(crate) fn body_html(site: &Site, md: &str) -> String {
    markdown::to_html(md, site.config.build.allow_html)
}

/// The first sentence-ish of a text, for meta descriptions.
pub(crate) fn excerpt(text: &str, max_chars: usize) -> String {
    let t: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if t.chars().count() <= max_chars {
        t
    } else {
        let mut s: String = t.chars().take(max_chars).collect();
        s.push('…');
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn tel_links() {
        assert_eq!(tel("0737-2572272").as_deref(), Some("0737-2572272"));
        assert_eq!(tel("电话：0737 257 2272").as_deref(), Some("07372572272"));
        assert_eq!(tel("0737-1234567、13900000000").as_deref(), Some("0737-1234567"));
        assert_eq!(tel("无"), None);
        assert_eq!(tel("0833-6101201 转 8").as_deref(), Some("0833-6101201;ext=8"));
    }
    #[test]
    fn excerpts() {
        assert_eq!(excerpt("一二三四五", 3), "一二三…");
        assert_eq!(excerpt("a\n b", 10), "a b");
    }
}

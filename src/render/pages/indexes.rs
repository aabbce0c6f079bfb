//! The two site-wide indexes, paged: `/stations/` (by region) and `/representatives/` (by
//! level, then region). Page 1 keeps the old address; page `n` is at `…/page/<n>/`. Each page
//! has a pager (with `rel=prev`/`next`) and links to where every group starts, so that a
//! visitor and a crawler reach any station or person in two steps.

use serde::Serialize;

use super::items::{Picker, StationCard, picker, station_card};
use super::{Kind, Meta, Prepared, home_crumb};
use crate::content::Level;
use crate::model::Site;
use crate::model::listing::Slice;
use crate::render::context::{RegionLink, region_link};
use crate::url;

/// One link of a pager: a page number, or a gap (`…`) where the numbers are left out.
#[derive(Serialize)]
pub(crate) struct PagerLink {
    pub(crate) number: u32,
    pub(crate) url: String,
    pub(crate) current: bool,
    pub(crate) gap: bool,
}

/// The pager of a paged list.
#[derive(Serialize)]
pub(crate) struct Pager {
    pub(crate) number: u32,
    pub(crate) count: u32,
    pub(crate) prev: Option<String>,
    pub(crate) next: Option<String>,
    /// The first and last pages and the two on each side of this one, with gaps between.
    pub(crate) links: Vec<PagerLink>,
}

/// The pager of page `n` of `count`, page `k` being at `url_of(k)`.
pub(crate) fn pager(n: u32, count: u32, url_of: fn(u32) -> String) -> Pager {
    let mut links = Vec::new();
    let mut last = 0;
    for k in 1..=count {
        if k == 1 || k == count || k.abs_diff(n) <= 2 {
            if k > last + 1 {
                links.push(PagerLink {
                    number: 0,
                    url: String::new(),
                    current: false,
                    gap: true,
                });
            }
            links.push(PagerLink {
                number: k,
                url: url_of(k),
                current: k == n,
                gap: false,
            });
            last = k;
        }
    }
    Pager {
        number: n,
        count,
        prev: (n > 1).then(|| url_of(n - 1)),
        next: (n < count).then(|| url_of(n + 1)),
        links,
    }
}

/// "（第 2 页）" after the title of every page but the first.
fn title_of(base: &str, n: u32) -> String {
    if n > 1 {
        format!("{base}（第 {n} 页）")
    } else {
        base.to_string()
    }
}

#[derive(Serialize)]
struct StationGroup<'a> {
    region: RegionLink<'a>,
    /// All the group's stations, on this page and others.
    total: usize,
    /// The group began on an earlier page.
    continued: bool,
    stations: Vec<StationCard<'a>>,
}

/// A link to where a group starts: on this page (`here`), or on another.
#[derive(Serialize)]
struct GroupLink<'a> {
    code: &'a str,
    name: &'a str,
    url: String,
    here: bool,
}

#[derive(Serialize)]
struct Stations<'a> {
    groups: Vec<StationGroup<'a>>,
    /// Every group of the index, with the page it starts on.
    all_groups: Vec<GroupLink<'a>>,
    picker: Picker<'a>,
    pager: Pager,
}

fn on_page(slices: &[Slice], g: usize) -> bool {
    slices.iter().any(|s| s.group == g)
}

pub(super) fn stations(site: &Site, n: u32) -> Prepared {
    let listing = site.station_listing();
    let slices = listing.page(n);
    let groups = slices
        .iter()
        .map(|s| {
            let g = &listing.groups[s.group];
            StationGroup {
                region: region_link(site, g.key),
                total: g.items.len(),
                continued: s.start > 0,
                stations: g.items[s.start..s.end].iter().map(|&i| station_card(site, i)).collect(),
            }
        })
        .collect();
    let all_groups = listing
        .groups
        .iter()
        .enumerate()
        .map(|(i, g)| {
            let reg = site.region(g.key);
            GroupLink {
                code: &reg.code,
                name: &reg.name,
                url: format!("{}#g-{}", url::stations_page(listing.page_of_group(i)), reg.code),
                here: on_page(slices, i),
            }
        })
        .collect();
    let count = listing.page_count();
    let vars = Stations {
        groups,
        all_groups,
        picker: picker(site),
        pager: pager(n, count, url::stations_page),
    };
    Meta {
        url: url::stations_page(n),
        template: "stations.html",
        title: title_of("联络站", n),
        description: format!(
            "{}的全部{}个人大代表联络站，按行政区划排列。",
            site.config.title,
            site.station_ids().len()
        ),
        kind: Kind::Stations,
        breadcrumbs: vec![home_crumb()],
        jsonld: Vec::new(),
    }
    .with(&vars)
    .paged(n, count, url::stations_page)
}

/// The lean link of the representatives index.
#[derive(Serialize)]
struct RepIndexLink<'a> {
    name: &'a str,
    url: String,
    station_name: &'a str,
    /// The lower levels a representative also holds (`兼县、乡镇人大代表`), or empty.
    also: String,
}

#[derive(Serialize)]
struct RegionPart<'a> {
    region: RegionLink<'a>,
    total: usize,
    continued: bool,
    representatives: Vec<RepIndexLink<'a>>,
}

#[derive(Serialize)]
struct LevelPart<'a> {
    level: &'static str,
    label: &'static str,
    /// The level's representatives on all pages.
    total: usize,
    continued: bool,
    regions: Vec<RegionPart<'a>>,
}

/// A level of the index: how many, and the page it starts on.
#[derive(Serialize)]
struct LevelLink {
    level: &'static str,
    label: &'static str,
    total: usize,
    url: String,
}

#[derive(Serialize)]
struct Representatives<'a> {
    /// The levels on this page, each with its regions.
    groups: Vec<LevelPart<'a>>,
    /// Every level of the index, with the page it starts on.
    levels: Vec<LevelLink>,
    /// How many former representatives `/representatives/former/` lists.
    former_total: usize,
    pager: Pager,
}

fn rep_link(site: &Site, r: crate::model::RepId, level: Level) -> RepIndexLink<'_> {
    let rep = site.rep(r);
    let lower: Vec<&str> = rep.levels.iter().filter(|&&l| l != level).map(|l| l.short()).collect();
    RepIndexLink {
        name: &rep.name,
        url: url::representative(&rep.slug),
        station_name: &site.station(site.rep_station(r)).name,
        also: if lower.is_empty() {
            String::new()
        } else {
            format!("兼{}人大代表", lower.join("、"))
        },
    }
}

/// The levels of the index, each with its total and the page of its first group.
fn level_links(site: &Site) -> Vec<LevelLink> {
    let listing = site.rep_listing();
    let mut out: Vec<LevelLink> = Vec::new();
    for (i, g) in listing.groups.iter().enumerate() {
        let level = g.key.0;
        match out.last_mut() {
            Some(l) if l.level == level.key() => l.total += g.items.len(),
            _ => out.push(LevelLink {
                level: level.key(),
                label: level.label(),
                total: g.items.len(),
                url: format!(
                    "{}#lv-{}",
                    url::representatives_page(listing.page_of_group(i)),
                    level.key()
                ),
            }),
        }
    }
    out
}

pub(super) fn representatives(site: &Site, n: u32) -> Prepared {
    let listing = site.rep_listing();
    let levels = level_links(site);
    let mut groups: Vec<LevelPart> = Vec::new();
    for s in listing.page(n) {
        let g = &listing.groups[s.group];
        let (level, region) = g.key;
        let part = RegionPart {
            region: region_link(site, region),
            total: g.items.len(),
            continued: s.start > 0,
            representatives: g.items[s.start..s.end]
                .iter()
                .map(|&r| rep_link(site, r, level))
                .collect(),
        };
        match groups.last_mut() {
            Some(l) if l.level == level.key() => l.regions.push(part),
            _ => groups.push(LevelPart {
                level: level.key(),
                label: level.label(),
                total: levels.iter().find(|l| l.level == level.key()).map_or(0, |l| l.total),
                // it began on an earlier page if its first group did, or is not on this one
                continued: s.start > 0 || s.group > 0 && listing.groups[s.group - 1].key.0 == level,
                regions: vec![part],
            }),
        }
    }
    let count = listing.page_count();
    let vars = Representatives {
        groups,
        levels,
        former_total: site.former_reps().len(),
        pager: pager(n, count, url::representatives_page),
    };
    Meta {
        url: url::representatives_page(n),
        template: "representatives.html",
        title: title_of("人大代表", n),
        description: format!(
            "{}的{}名各级人大代表，按级别和地区分组、按姓氏笔画排列。",
            site.config.title,
            site.current_rep_count()
        ),
        kind: Kind::Representatives,
        breadcrumbs: vec![home_crumb()],
        jsonld: Vec::new(),
    }
    .with(&vars)
    .paged(n, count, url::representatives_page)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pager_keeps_the_ends_and_the_neighbours() {
        let p = pager(10, 20, url::representatives_page);
        let numbers: Vec<u32> = p.links.iter().map(|l| l.number).collect();
        assert_eq!(numbers, vec![1, 0, 8, 9, 10, 11, 12, 0, 20]);
        assert_eq!(p.prev.as_deref(), Some("/representatives/page/9/"));
        assert_eq!(p.next.as_deref(), Some("/representatives/page/11/"));
        assert!(p.links.iter().filter(|l| l.current).all(|l| l.number == 10));
        let one = pager(1, 1, url::stations_page);
        assert_eq!((one.prev, one.next, one.links.len()), (None, None, 1));
        assert_eq!(pager(2, 3, url::stations_page).links.len(), 3);
        assert_eq!(
            pager(1, 2, url::stations_page).next.as_deref(),
            Some("/stations/page/2/")
        );
    }
}

//! A region's page: the coming reception days below it, every station of its sub-tree (each
//! under its own region), its sub-regions with their counts, its representatives.

use std::collections::BTreeMap;

use serde::Serialize;

use super::items::{Day, StationCard, coming_week, station_card};
use super::ledger::{FiguresCtx, figures};
use super::{Kind, Meta, Prepared, home_crumb};
use crate::model::{RegionId, Site, StationId};
use crate::render::context::{LevelGroup, RegionLink, by_level, region_crumbs, region_link, region_path};
use crate::url;

/// How many reception days a region page lists for the coming week.
pub(crate) const REGION_UPCOMING: usize = 50;

/// The most stations a region page lists with their own cards (all of its sub-tree: a
/// township's villages, a county's townships); a region with more lists those of its own and
/// leaves the rest to its sub-regions' pages.
pub(crate) const REGION_STATIONS: usize = 200;

/// `region`: the region link, its parent, `[extra]` and the counts of its sub-tree.
#[derive(Serialize)]
struct RegionCtx<'a> {
    #[serde(flatten)]
    link: RegionLink<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    parent: Option<RegionLink<'a>>,
    extra: &'a serde_json::Value,
    total_stations: usize,
    total_representatives: usize,
}

/// A sub-region with the counts of its sub-tree.
#[derive(Serialize)]
struct Child<'a> {
    #[serde(flatten)]
    link: RegionLink<'a>,
    stations: usize,
    representatives: usize,
}

/// The stations of one region of the sub-tree (`region` null for the page's own region).
#[derive(Serialize)]
struct Group<'a> {
    region: Option<RegionLink<'a>>,
    stations: Vec<StationCard<'a>>,
}

#[derive(Serialize)]
struct RegionPage<'a> {
    region: RegionCtx<'a>,
    region_path: Vec<RegionLink<'a>>,
    upcoming: Vec<Day<'a>>,
    upcoming_total: usize,
    upcoming_in_week: bool,
    calendar_url: Option<String>,
    children: Vec<Child<'a>>,
    station_groups: Vec<Group<'a>>,
    stations_listed: usize,
    representatives_by_level: Vec<LevelGroup<'a>>,
    /// The stations that serve this region's voters, each with its next reception.
    serving: Vec<StationCard<'a>>,
    /// The enclosing region whose stations those are, when the region has none of its own.
    #[serde(skip_serializing_if = "Option::is_none")]
    serving_from: Option<RegionLink<'a>>,
    /// The ledgers' figures of the whole sub-tree; absent when it has no records.
    #[serde(skip_serializing_if = "Option::is_none")]
    figures: Option<FiguresCtx>,
    /// `/regions/<code>/stats/` for a region with sub-regions, else absent (the figures are
    /// on the page).
    #[serde(skip_serializing_if = "Option::is_none")]
    stats_url: Option<String>,
}

/// The stations listed, by the region each is in: this region's own first, then each
/// sub-region's (in code order), each group by kind and slug.
fn groups<'a>(site: &'a Site, i: RegionId, listed: &[StationId]) -> Vec<Group<'a>> {
    let mut by_region: BTreeMap<(bool, &str), (RegionId, Vec<StationId>)> = BTreeMap::new();
    for &s in listed {
        let at = site.station_region(s);
        let key = (at != i, site.region(at).code.as_str());
        by_region.entry(key).or_insert((at, Vec::new())).1.push(s);
    }
    by_region
        .into_values()
        .map(|(at, mut list)| {
            list.sort_by(|&a, &b| {
                let (a, b) = (site.station(a), site.station(b));
                (a.kind, &a.slug).cmp(&(b.kind, &b.slug))
            });
            Group {
                region: (at != i).then(|| region_link(site, at)),
                stations: list.into_iter().map(|s| station_card(site, s)).collect(),
            }
        })
        .collect()
}

pub(super) fn page(site: &Site, i: RegionId) -> Prepared {
    let reg = site.region(i);
    let subtree = site.subtree_stations(i);
    let has_calendar = subtree.iter().any(|&s| site.has_calendar(s));
    let coming = coming_week(site, subtree.iter().copied(), REGION_UPCOMING);
    let listed = if subtree.len() <= REGION_STATIONS {
        subtree.clone()
    } else {
        reg.stations.clone()
    };
    let (from, serving) = site.serving(i);
    // stations of the region's own, listed in `station_groups` anyway, are not named twice
    let serving: &[StationId] = if from == i && serving.iter().all(|&s| site.station_region(s) == i) {
        &[]
    } else {
        serving
    };
    let vars = RegionPage {
        region: RegionCtx {
            link: region_link(site, i),
            parent: reg.parent.map(|p| region_link(site, p)),
            extra: &reg.extra,
            total_stations: reg.total_stations,
            total_representatives: reg.total_representatives,
        },
        region_path: region_path(site, i),
        upcoming: coming.days,
        upcoming_total: coming.total,
        upcoming_in_week: coming.in_week,
        calendar_url: has_calendar.then(|| url::region_calendar(&reg.code)),
        children: reg
            .children
            .iter()
            .map(|&c| Child {
                link: region_link(site, c),
                stations: site.region(c).total_stations,
                representatives: site.region(c).total_representatives,
            })
            .collect(),
        station_groups: groups(site, i, &listed),
        stations_listed: listed.len(),
        representatives_by_level: by_level(site, &reg.representatives),
        serving: serving.iter().map(|&s| station_card(site, s)).collect(),
        serving_from: (from != i).then(|| region_link(site, from)),
        figures: (!site.region_figures(i).is_empty()).then(|| figures(site.region_figures(i))),
        stats_url: crate::pages::has_stats(site, i).then(|| url::region_stats(&reg.code)),
    };
    let mut crumbs = vec![home_crumb()];
    let mut path = region_crumbs(site, i);
    path.pop();
    crumbs.extend(path);
    Meta {
        url: url::region(&reg.code),
        template: "region.html",
        title: reg.name.clone(),
        description: format!(
            "{}的人大代表联络站（共{}个）和人大代表（共{}名）。",
            reg.name, reg.total_stations, reg.total_representatives
        ),
        kind: Kind::Region,
        breadcrumbs: crumbs,
        jsonld: Vec::new(),
    }
    .with(&vars)
}

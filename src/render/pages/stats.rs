//! `/stats/` and `/regions/<code>/stats/`: the figures of the whole site or of a region's
//! sub-tree, each chart (inline SVG, [`crate::render::chart`]) beside a table of the same
//! figures: stations by kind, representatives by level, coverage, activities by type and by
//! month, people received by month, suggestions by category and by status, and 办结率 and
//! 满意率 by sub-region.

use serde::Serialize;

use super::items::NameLink;
use super::ledger::{FiguresCtx, figures};
use super::{Kind, Meta, Prepared, home_crumb};
use crate::content::Level;
use crate::content::ledger::{ActivityType, Status};
use crate::content::station::Kind as StationKind;
use crate::model::figures::{Figures, Rate};
use crate::model::{RegionId, Site, StationId};
use crate::render::chart::{Bar, bars};
use crate::render::context::{RegionLink, region_crumbs, region_link};
use crate::url;

/// How many categories the category chart names; the rest are summed as 其他类别.
const CATEGORIES: usize = 10;

#[derive(Serialize)]
struct Chart {
    id: String,
    title: String,
    svg: String,
    /// The table's two column headers.
    head: [&'static str; 2],
    rows: Vec<[String; 2]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<String>,
}

fn chart(
    id: &str,
    title: String,
    head: [&'static str; 2],
    data: Vec<Bar>,
    max: Option<u64>,
    note: Option<String>,
) -> Chart {
    Chart {
        svg: bars(id, &title, &data, max),
        id: id.to_string(),
        title,
        head,
        rows: data.into_iter().map(|b| [b.label, b.shown]).collect(),
        note,
    }
}

#[derive(Serialize)]
struct Stats<'a> {
    /// The region, absent for the whole site.
    #[serde(skip_serializing_if = "Option::is_none")]
    region: Option<RegionLink<'a>>,
    scope_name: &'a str,
    stations: usize,
    representatives: usize,
    figures: FiguresCtx,
    charts: Vec<Chart>,
    /// Sub-regions with their own statistics page: `{name, url}`, the URL of that page.
    children: Vec<NameLink<'a>>,
}

/// A rate as a bar of a 100 % chart: `92.1%（257/279）`, or `—` for none.
fn rate_bar(label: &str, r: Option<Rate>) -> Bar {
    match r {
        Some(r) => Bar {
            label: label.to_string(),
            value: r.permille(),
            shown: format!("{}（{}/{}）", r.label(), r.num, r.den),
            tag: r.label(),
        },
        None => Bar {
            label: label.to_string(),
            value: 0,
            shown: "—".into(),
            tag: "—".into(),
        },
    }
}

fn station_charts(site: &Site, stations: &[StationId], out: &mut Vec<Chart>) {
    let kinds = StationKind::ALL.iter().map(|k| {
        let n = stations.iter().filter(|&&s| site.station(s).kind == *k).count();
        Bar::count(k.label(), n as u64)
    });
    out.push(chart(
        "c-kind",
        "联络站（按类型）".into(),
        ["类型", "个数"],
        kinds.collect(),
        None,
        None,
    ));
    let mut levels = [0u64; 5];
    for &s in stations {
        for &r in site.station_reps(s) {
            for l in &site.rep(r).levels {
                levels[Level::ALL.iter().position(|x| x == l).unwrap_or(0)] += 1;
            }
        }
    }
    let data = Level::ALL
        .iter()
        .zip(levels)
        .map(|(l, n)| Bar::count(l.label(), n))
        .collect();
    let note = Some("兼任两级及以上的代表在每一级分别计入。".to_string());
    out.push(chart(
        "c-level",
        "进站代表（按层级）".into(),
        ["层级", "人数"],
        data,
        None,
        note,
    ));
}

/// Townships (9-digit codes) with a 中心联络站 in them, and regions whose voters a station
/// serves (directly or through an enclosing region), among `regions`.
fn coverage(site: &Site, regions: &[RegionId]) -> Chart {
    let townships: Vec<RegionId> = regions
        .iter()
        .copied()
        .filter(|&r| site.region(r).code.len() == 9)
        .collect();
    let with_center = townships
        .iter()
        .filter(|&&t| {
            site.subtree_stations(t)
                .iter()
                .any(|&s| site.station(s).kind == StationKind::Center)
        })
        .count();
    let served = regions.iter().filter(|&&r| !site.serving(r).1.is_empty()).count();
    let data = vec![
        rate_bar("乡镇设中心站", Rate::of(with_center as u64, townships.len() as u64)),
        rate_bar("地区有站服务", Rate::of(served as u64, regions.len() as u64)),
    ];
    let note = Some("乡镇设中心站：设有中心联络站的乡镇（街道）占全部乡镇的比例；地区有站服务：有联络站直接或经所在乡镇服务的地区占全部地区的比例。".to_string());
    chart("c-cover", "覆盖情况".into(), ["指标", "比例"], data, Some(1000), note)
}

fn activity_charts(f: &Figures, out: &mut Vec<Chart>) {
    let types = ActivityType::ALL
        .iter()
        .zip(f.activities)
        .map(|(t, n)| Bar::count(t.label(), n.into()));
    out.push(chart(
        "c-type",
        "活动次数（按类型）".into(),
        ["类型", "次数"],
        types.collect(),
        None,
        None,
    ));
    if let Some(&(year, _)) = f.months.keys().next_back() {
        let month = |m: u32| f.months.get(&(year, m)).copied().unwrap_or_default();
        let acts = (1..=12)
            .map(|m| Bar::count(format!("{m}月"), month(m).0.into()))
            .collect();
        out.push(chart(
            "c-month",
            format!("{year}年各月活动次数"),
            ["月份", "次数"],
            acts,
            None,
            None,
        ));
        let people = (1..=12).map(|m| Bar::count(format!("{m}月"), month(m).1)).collect();
        out.push(chart(
            "c-people",
            format!("{year}年各月接待走访群众人数"),
            ["月份", "人次"],
            people,
            None,
            None,
        ));
    }
}

/// The largest [`CATEGORIES`] categories, and the rest with the suggestions of none.
fn category_bars(f: &Figures) -> Vec<Bar> {
    let mut cats: Vec<(&str, u32)> = f
        .categories
        .iter()
        .filter(|(k, _)| !k.is_empty())
        .map(|(k, v)| (k.as_str(), *v))
        .collect();
    cats.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let rest: u32 = cats.iter().skip(CATEGORIES).map(|c| c.1).sum::<u32>() + f.categories.get("").copied().unwrap_or(0);
    let mut data: Vec<Bar> = cats
        .iter()
        .take(CATEGORIES)
        .map(|(k, v)| Bar::count(*k, (*v).into()))
        .collect();
    if rest > 0 {
        data.push(Bar::count("其他及未分类", rest.into()));
    }
    data
}

fn suggestion_charts(site: &Site, f: &Figures, subs: &[RegionId], out: &mut Vec<Chart>) {
    out.push(chart(
        "c-cat",
        "意见建议（按类别）".into(),
        ["类别", "件数"],
        category_bars(f),
        None,
        None,
    ));
    let statuses = Status::ALL
        .iter()
        .zip(f.by_status)
        .map(|(s, n)| Bar::count(s.label(), n.into()));
    out.push(chart(
        "c-status",
        "意见建议（按办理状态）".into(),
        ["状态", "件数"],
        statuses.collect(),
        None,
        None,
    ));
    if !subs.is_empty() {
        let done = subs
            .iter()
            .map(|&r| rate_bar(&site.region(r).name, site.region_figures(r).done_rate()));
        let note = Some("办结率 = 已办结件数 ÷ 收到件数。".to_string());
        out.push(chart(
            "c-done",
            "办结率（按地区）".into(),
            ["地区", "办结率"],
            done.collect(),
            Some(1000),
            note,
        ));
        let sat = subs
            .iter()
            .map(|&r| rate_bar(&site.region(r).name, site.region_figures(r).satisfaction()));
        let note = Some("满意率 =（满意 + 基本满意）÷ 已评价件数。".to_string());
        out.push(chart(
            "c-sat",
            "满意率（按地区）".into(),
            ["地区", "满意率"],
            sat.collect(),
            Some(1000),
            note,
        ));
    }
}

pub(super) fn page(site: &Site, scope: Option<RegionId>) -> Prepared {
    let (stations, regions, subs, f) = match scope {
        Some(r) => (
            site.subtree_stations(r),
            site.subtree_regions(r),
            site.region(r).children.clone(),
            site.region_figures(r),
        ),
        None => (
            site.station_ids().collect(),
            site.region_ids().collect(),
            site.picker_regions(),
            site.site_figures(),
        ),
    };
    let mut charts = Vec::new();
    station_charts(site, &stations, &mut charts);
    charts.push(coverage(site, &regions));
    if !f.is_empty() {
        activity_charts(f, &mut charts);
        suggestion_charts(site, f, &subs, &mut charts);
    }
    let scope_name = scope.map_or(site.config.title.as_str(), |r| site.region(r).name.as_str());
    let representatives = stations.iter().map(|&s| site.station_reps(s).len()).sum();
    let children = subs
        .iter()
        .filter(|&&c| crate::pages::has_stats(site, c))
        .map(|&c| NameLink {
            name: &site.region(c).name,
            url: url::region_stats(&site.region(c).code),
        })
        .collect();
    let vars = Stats {
        region: scope.map(|r| region_link(site, r)),
        scope_name,
        stations: stations.len(),
        representatives,
        figures: figures(f),
        charts,
        children,
    };
    let (url, crumbs) = match scope {
        Some(r) => (url::region_stats(&site.region(r).code), region_crumbs(site, r)),
        None => (url::stats(), vec![home_crumb()]),
    };
    Meta {
        url,
        template: "stats.html",
        title: match scope {
            Some(r) => format!("{}统计", site.region(r).name),
            None => "统计".to_string(),
        },
        description: format!("{scope_name}联络站、进站代表、活动和意见建议办理情况的统计与图表。"),
        kind: Kind::Stats,
        breadcrumbs: crumbs,
        jsonld: Vec::new(),
    }
    .with(&vars)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rate_of_nothing_is_a_dash() {
        assert_eq!(rate_bar("x", None).shown, "—");
        let b = rate_bar("x", Rate::of(257, 279));
        assert_eq!((b.value, b.shown.as_str()), (921, "92.1%（257/279）"));
    }
}

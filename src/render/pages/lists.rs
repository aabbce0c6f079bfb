//! The list pages: home, the region tree, the bulletin archive and its years.

use serde::Serialize;

use super::items::{Day, Picker, coming_week, picker};
use super::{Kind, Meta, Prepared, crumb, home_crumb};
use crate::model::Site;
use crate::render::context::{IssueLink, TreeNode, issue_link, region_tree};
use crate::render::jsonld;
use crate::url;

/// How many reception days the home page lists for the coming week.
pub(crate) const HOME_UPCOMING: usize = 30;

#[derive(Serialize)]
struct Counts {
    stations: usize,
    representatives: usize,
    issues: usize,
}

#[derive(Serialize)]
struct Home<'a> {
    picker: Picker<'a>,
    latest_issues: Vec<IssueLink>,
    upcoming: Vec<Day<'a>>,
    upcoming_total: usize,
    upcoming_in_week: bool,
    counts: Counts,
}

pub(super) fn home(site: &Site) -> Prepared {
    let coming = coming_week(site, site.station_ids(), HOME_UPCOMING);
    let vars = Home {
        picker: picker(site),
        latest_issues: site
            .issue_ids()
            .rev()
            .take(10)
            .map(|i| issue_link(site.issue(i)))
            .collect(),
        upcoming: coming.days,
        upcoming_total: coming.total,
        upcoming_in_week: coming.in_week,
        counts: Counts {
            stations: site.station_ids().len(),
            representatives: site.current_rep_count(),
            issues: site.issue_ids().len(),
        },
    };
    Meta {
        url: url::home(),
        template: "index.html",
        title: site.config.title.clone(),
        description: if site.config.description.is_empty() {
            site.config.title.clone()
        } else {
            site.config.description.clone()
        },
        kind: Kind::Home,
        breadcrumbs: Vec::new(),
        jsonld: vec![jsonld::website(site)],
    }
    .with(&vars)
}

#[derive(Serialize)]
struct Regions<'a> {
    region_tree: Vec<TreeNode<'a>>,
}

pub(super) fn regions(site: &Site) -> Prepared {
    Meta {
        url: url::regions(),
        template: "regions.html",
        title: "行政区划".into(),
        description: format!("按行政区划查找{}的联络站和人大代表。", site.config.title),
        kind: Kind::Regions,
        breadcrumbs: vec![home_crumb()],
        jsonld: Vec::new(),
    }
    .with(&Regions {
        region_tree: region_tree(site),
    })
}

fn year_issues(site: &Site, y: i32) -> Vec<IssueLink> {
    site.years()
        .get(&y)
        .map(|v| v.iter().rev().map(|&i| issue_link(site.issue(i))).collect())
        .unwrap_or_default()
}

#[derive(Serialize)]
struct Year {
    year: i32,
    url: String,
    issues: Vec<IssueLink>,
}

#[derive(Serialize)]
struct Bulletins {
    years: Vec<Year>,
}

pub(super) fn bulletins(site: &Site) -> Prepared {
    let years = site
        .years()
        .keys()
        .rev()
        .map(|&y| Year {
            year: y,
            url: url::bulletin_year(y),
            issues: year_issues(site, y),
        })
        .collect();
    Meta {
        url: url::bulletins(),
        template: "bulletins.html",
        title: "联络动态".into(),
        description: format!("《联络动态》全部{}期，按年份排列。", site.issue_ids().len()),
        kind: Kind::Bulletins,
        breadcrumbs: vec![home_crumb()],
        jsonld: Vec::new(),
    }
    .with(&Bulletins { years })
}

#[derive(Serialize)]
struct YearLink {
    year: i32,
    url: String,
}

#[derive(Serialize)]
struct YearPage {
    year: i32,
    issues: Vec<IssueLink>,
    prev_year: Option<YearLink>,
    next_year: Option<YearLink>,
}

pub(super) fn year(site: &Site, y: i32) -> Prepared {
    let link = |(&year, _): (&i32, _)| YearLink {
        year,
        url: url::bulletin_year(year),
    };
    let issues = year_issues(site, y);
    let description = format!("《联络动态》{y}年共{}期。", issues.len());
    let vars = YearPage {
        year: y,
        issues,
        prev_year: site.years().range(..y).next_back().map(link),
        next_year: site.years().range(y + 1..).next().map(link),
    };
    Meta {
        url: url::bulletin_year(y),
        template: "bulletin_year.html",
        title: format!("联络动态 {y}年"),
        description,
        kind: Kind::BulletinYear,
        breadcrumbs: vec![home_crumb(), crumb("联络动态", url::bulletins())],
        jsonld: Vec::new(),
    }
    .with(&vars)
}

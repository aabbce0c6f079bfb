//! The pages of a site: what there is to render, each keyed by what it shows (a slug, a region
//! code, a year and number), so that two models of the site (before and after an edit) are
//! compared by keys; and each page's URL, decided by [`crate::url`].

use std::sync::Arc;

use crate::model::{IssueId, PageId, RegionId, RepId, Site, StationId};
use crate::url;

/// One page, by a key that stays the same across rebuilds.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum PageKey {
    Home,
    Stations(u32),
    Station(Arc<str>),
    Board(Arc<str>),
    Notice(Arc<str>, Arc<str>),
    Records(Arc<str>, i32, u32),
    Representatives(u32),
    Former,
    Representative(Arc<str>),
    Regions,
    Region(Arc<str>),
    Bulletins,
    Year(i32),
    Issue(i32, u32),
    Free(Arc<str>),
    Data,
    Stats(Option<Arc<str>>),
    Search,
    NotFound,
}

/// A page of one model: what it shows, by id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Page {
    Home,
    /// A page of the stations index, 1 and up.
    Stations(u32),
    Station(StationId),
    /// A station's wall board (公示栏).
    Board(StationId),
    /// A reception notice: the station, and the notice's position in `Site::notices`.
    Notice(StationId, u32),
    /// A station's ledger records of a year, part 1 and up.
    Records(StationId, i32, u32),
    /// A page of the representatives index, 1 and up.
    Representatives(u32),
    /// Former representatives.
    Former,
    Representative(RepId),
    Regions,
    Region(RegionId),
    Bulletins,
    Year(i32),
    Issue(IssueId),
    /// A page of its own, from `content/pages/`.
    Free(PageId),
    /// `/data/`: the open data files and their columns.
    Data,
    /// `/stats/`, or a region's `/regions/<code>/stats/`.
    Stats(Option<RegionId>),
    Search,
    NotFound,
}

impl Page {
    /// The page's key.
    pub(crate) fn key(self, site: &Site) -> PageKey {
        match self {
            Page::Home => PageKey::Home,
            Page::Stations(n) => PageKey::Stations(n),
            Page::Station(s) => PageKey::Station(site.station(s).slug.as_str().into()),
            Page::Board(s) => PageKey::Board(site.station(s).slug.as_str().into()),
            Page::Notice(s, n) => PageKey::Notice(
                site.station(s).slug.as_str().into(),
                site.notices(s)
                    .get(n as usize)
                    .map(|(k, _)| k.as_str())
                    .unwrap_or("")
                    .into(),
            ),
            Page::Records(s, y, p) => PageKey::Records(site.station(s).slug.as_str().into(), y, p),
            Page::Representatives(n) => PageKey::Representatives(n),
            Page::Former => PageKey::Former,
            Page::Representative(r) => PageKey::Representative(site.rep(r).slug.as_str().into()),
            Page::Regions => PageKey::Regions,
            Page::Region(r) => PageKey::Region(site.region(r).code.as_str().into()),
            Page::Bulletins => PageKey::Bulletins,
            Page::Year(y) => PageKey::Year(y),
            Page::Issue(i) => {
                let is = &site.issue(i).issue;
                PageKey::Issue(is.year, is.number)
            }
            Page::Free(p) => PageKey::Free(site.page(p).slug.as_str().into()),
            Page::Data => PageKey::Data,
            Page::Stats(r) => PageKey::Stats(r.map(|r| site.region(r).code.as_str().into())),
            Page::Search => PageKey::Search,
            Page::NotFound => PageKey::NotFound,
        }
    }

    /// The page's URL.
    pub(crate) fn url(self, site: &Site) -> String {
        match self {
            Page::Home => url::home(),
            Page::Stations(n) => url::stations_page(n),
            Page::Station(s) => url::station(&site.station(s).slug),
            Page::Board(s) => url::station_board(&site.station(s).slug),
            Page::Notice(s, n) => url::station_notice(
                &site.station(s).slug,
                site.notices(s).get(n as usize).map(|(k, _)| k.as_str()).unwrap_or(""),
            ),
            Page::Records(s, y, p) => url::station_records(&site.station(s).slug, y, p),
            Page::Representatives(n) => url::representatives_page(n),
            Page::Former => url::former_representatives(),
            Page::Representative(r) => url::representative(&site.rep(r).slug),
            Page::Regions => url::regions(),
            Page::Region(r) => url::region(&site.region(r).code),
            Page::Bulletins => url::bulletins(),
            Page::Year(y) => url::bulletin_year(y),
            Page::Issue(i) => {
                let is = &site.issue(i).issue;
                url::bulletin(is.year, is.number)
            }
            Page::Free(p) => url::page(&site.page(p).slug),
            Page::Data => url::data(),
            Page::Stats(None) => url::stats(),
            Page::Stats(Some(r)) => url::region_stats(&site.region(r).code),
            Page::Search => url::search(),
            Page::NotFound => url::not_found(),
        }
    }
}

impl PageKey {
    /// The page of this key in a model, if it has one.
    pub(crate) fn find(&self, site: &Site) -> Option<Page> {
        Some(match self {
            PageKey::Home => Page::Home,
            PageKey::Stations(n) => {
                (*n >= 1 && *n <= site.station_listing().page_count()).then_some(())?;
                Page::Stations(*n)
            }
            PageKey::Station(slug) => Page::Station(site.station_by_slug(slug)?),
            PageKey::Board(slug) => Page::Board(site.station_by_slug(slug)?),
            PageKey::Notice(slug, key) => {
                let s = site.station_by_slug(slug)?;
                let n = site.notices(s).iter().position(|(k, _)| k.as_str() == &**key)?;
                Page::Notice(s, n as u32)
            }
            PageKey::Records(slug, y, p) => {
                let s = site.station_by_slug(slug)?;
                (*p >= 1 && *p <= site.station_record_parts(s, *y)).then_some(())?;
                Page::Records(s, *y, *p)
            }
            PageKey::Representatives(n) => {
                (*n >= 1 && *n <= site.rep_listing().page_count()).then_some(())?;
                Page::Representatives(*n)
            }
            PageKey::Former => Page::Former,
            PageKey::Representative(slug) => Page::Representative(site.rep_by_slug(slug)?),
            PageKey::Regions => Page::Regions,
            PageKey::Region(code) => Page::Region(site.region_by_code(code)?),
            PageKey::Bulletins => Page::Bulletins,
            PageKey::Year(y) => {
                site.years().contains_key(y).then_some(())?;
                Page::Year(*y)
            }
            PageKey::Issue(y, n) => Page::Issue(site.issue_by_number(*y, *n)?),
            PageKey::Free(slug) => Page::Free(site.page_by_slug(slug)?),
            PageKey::Data => Page::Data,
            PageKey::Stats(None) => Page::Stats(None),
            PageKey::Stats(Some(code)) => {
                let r = site.region_by_code(code)?;
                has_stats(site, r).then_some(())?;
                Page::Stats(Some(r))
            }
            PageKey::Search => Page::Search,
            PageKey::NotFound => Page::NotFound,
        })
    }
}

/// Every page of the site, in a fixed order.
pub(crate) fn all(site: &Site) -> Vec<Page> {
    let mut pages = vec![Page::Home];
    pages.extend(station_index(site));
    pages.extend(rep_index(site));
    pages.extend([
        Page::Former,
        Page::Regions,
        Page::Bulletins,
        Page::Data,
        Page::Stats(None),
        Page::Search,
        Page::NotFound,
    ]);
    pages.extend(site.station_ids().map(Page::Station));
    pages.extend(site.station_ids().map(Page::Board));
    for s in site.station_ids() {
        pages.extend((0..site.notices(s).len() as u32).map(|n| Page::Notice(s, n)));
    }
    for s in site.station_ids() {
        for &y in site.station_years(s).keys() {
            pages.extend((1..=site.station_record_parts(s, y)).map(|p| Page::Records(s, y, p)));
        }
    }
    pages.extend(site.rep_ids().map(Page::Representative));
    pages.extend(site.region_ids().map(Page::Region));
    pages.extend(
        site.region_ids()
            .filter(|&r| has_stats(site, r))
            .map(|r| Page::Stats(Some(r))),
    );
    pages.extend(site.years().keys().map(|&y| Page::Year(y)));
    pages.extend(site.issue_ids().map(Page::Issue));
    pages.extend(site.page_ids().map(Page::Free));
    pages
}

/// Every page of the representatives index.
pub(crate) fn rep_index(site: &Site) -> impl Iterator<Item = Page> + use<> {
    (1..=site.rep_listing().page_count()).map(Page::Representatives)
}

/// Every page of the stations index.
pub(crate) fn station_index(site: &Site) -> impl Iterator<Item = Page> + use<> {
    (1..=site.station_listing().page_count()).map(Page::Stations)
}

/// Whether a region has a statistics page of its own: one with sub-regions (a village's
/// figures are on its region page).
pub(crate) fn has_stats(site: &Site, r: RegionId) -> bool {
    !site.region(r).children.is_empty()
}

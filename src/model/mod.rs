//! The site model: the content, validated, plus the indexes pages need, computed once
//! ([`build`]). Everything is ordered deterministically (codes, slugs, stroke order), never
//! by file order or hash order. Pages read it through typed ids ([`ids`]) and never change it.

mod build;
pub(crate) mod congress;
pub(crate) mod figures;
pub(crate) mod ids;
pub(crate) mod ledger;
pub(crate) mod listing;
pub(crate) mod memo;
mod receptions;

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::NaiveDate;
use rustc_hash::FxHashMap as HashMap;

pub(crate) use build::build;
pub(crate) use ids::{IssueId, PageId, RegionId, RepId, StationId};
pub(crate) use memo::Memo;

use crate::content::bulletin::Articles;
use crate::content::reception::Schedule;
use crate::content::{Issue, Level, Page, Representative, SiteConfig, Station};
use crate::reception::dates::Status;
use crate::reception::holidays::Calendar;

/// How many reception notices each station has: its next receptions, posted a few days ahead.
pub(crate) const NOTICES: usize = 3;

/// A region and what is in it.
pub(crate) struct Region {
    pub(crate) code: String,
    pub(crate) name: String,
    pub(crate) parent: Option<RegionId>,
    /// Sub-regions, by code.
    pub(crate) children: Vec<RegionId>,
    /// Stations whose region is this one, by kind then slug.
    pub(crate) stations: Vec<StationId>,
    /// Current representatives whose region (their own, or their station's) is this one, in
    /// stroke order.
    pub(crate) representatives: Vec<RepId>,
    /// The stations that serve this region directly (`serves` names it, or, for a station
    /// without `serves`, it is the station's region), by kind then slug.
    pub(crate) served_by: Vec<StationId>,
    /// Stations and current representatives in the whole sub-tree.
    pub(crate) total_stations: usize,
    pub(crate) total_representatives: usize,
    pub(crate) extra: serde_json::Value,
}

/// A reception date of a station: which of its schedules, and what becomes of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Upcoming {
    pub(crate) date: NaiveDate,
    /// Which of the station's `receptions`.
    pub(crate) schedule: usize,
    pub(crate) status: Status,
    pub(crate) provisional: bool,
}

/// A bulletin issue and the articles split from its body.
pub(crate) struct IssueModel {
    pub(crate) issue: Arc<Issue>,
    pub(crate) articles: Arc<Articles>,
}

/// A station's part of the model: the station, its region, its representatives (stroke order),
/// its reception dates from today for `reception_days_ahead` days (by date and time), and
/// whether it has a calendar (a schedule with a date).
pub(crate) struct StationNode {
    pub(crate) station: Arc<Station>,
    pub(crate) region: RegionId,
    pub(crate) reps: Vec<RepId>,
    pub(crate) upcoming: Arc<Vec<Upcoming>>,
    pub(crate) calendar: bool,
    /// The 中心联络站 this one belongs to (1+N), and the stations that belong to this one, by
    /// kind then slug.
    pub(crate) parent: Option<StationId>,
    pub(crate) children: Vec<StationId>,
    /// Its reception notices: (page key, position in `upcoming`), see [`Site::notices`].
    pub(crate) notices: Arc<Vec<(String, usize)>>,
}

/// A representative's part of the model: the file, its station and region.
pub(crate) struct RepNode {
    pub(crate) rep: Arc<Representative>,
    pub(crate) station: StationId,
    pub(crate) region: RegionId,
    /// `until` is in the past.
    pub(crate) former: bool,
    /// The highest of its levels.
    pub(crate) top: Level,
}

pub(crate) struct Site {
    pub(crate) config: SiteConfig,
    pub(crate) today: NaiveDate,
    regions: Vec<Region>,
    region_index: HashMap<String, RegionId>,
    stations: Vec<StationNode>,
    station_index: Arc<HashMap<String, StationId>>,
    reps: Vec<RepNode>,
    rep_index: Arc<HashMap<String, RepId>>,
    /// How many representatives are current (not former).
    current_reps: usize,
    /// For each level (national first), its current representatives in stroke order.
    reps_by_level: Vec<(Level, Vec<RepId>)>,
    /// Former representatives (`until` in the past), in stroke order.
    former: Vec<RepId>,
    /// By year and number.
    issues: Vec<IssueModel>,
    /// Year → issues, ascending.
    years: BTreeMap<i32, Vec<IssueId>>,
    /// By slug.
    pages: Vec<Arc<Page>>,
    /// Official holidays (from the crate) and local closures (content/holidays.toml).
    closures: Calendar,
    /// The region the site is about: the one top region, and below it while a region has one
    /// sub-region and no station of its own (湖南省 › 益阳市 › 清溪县 is 清溪县 for a county
    /// site). `None` when there are several top regions.
    home_region: Option<RegionId>,
    /// The ledgers' records and figures.
    ledger: ledger::Ledger,
    /// `/representatives/` and `/stations/`, cut into pages.
    listings: listing::Listings,
    /// Each representative's duty dates: (station, position in that station's upcoming
    /// dates), by date and time.
    duties: Arc<Vec<Vec<(StationId, u32)>>>,
}

/// Stations.
impl Site {
    pub(crate) fn station_ids(&self) -> impl DoubleEndedIterator<Item = StationId> + ExactSizeIterator + use<> {
        ids::all(self.stations.len(), StationId::new)
    }
    pub(crate) fn station(&self, id: StationId) -> &Arc<Station> {
        &self.stations[id.index()].station
    }
    pub(crate) fn station_by_slug(&self, slug: &str) -> Option<StationId> {
        self.station_index.get(slug).copied()
    }
    pub(crate) fn station_region(&self, id: StationId) -> RegionId {
        self.stations[id.index()].region
    }
    /// A station's representatives, in stroke order.
    pub(crate) fn station_reps(&self, id: StationId) -> &[RepId] {
        &self.stations[id.index()].reps
    }
    /// The 中心联络站 a station belongs to (1+N).
    pub(crate) fn station_parent(&self, id: StationId) -> Option<StationId> {
        self.stations[id.index()].parent
    }
    /// The stations that belong to a station (its 片区联络站), by kind then slug.
    pub(crate) fn station_children(&self, id: StationId) -> &[StationId] {
        &self.stations[id.index()].children
    }
    /// The regions a station serves: its `serves`, or its own region.
    pub(crate) fn station_serves(&self, id: StationId) -> Vec<RegionId> {
        let s = self.station(id);
        if s.serves.is_empty() {
            vec![self.station_region(id)]
        } else {
            s.serves
                .iter()
                .filter_map(|c| self.region_by_code(c.as_str()))
                .collect()
        }
    }
    /// A station's reception dates from today, by date and time.
    pub(crate) fn upcoming(&self, id: StationId) -> &[Upcoming] {
        &self.stations[id.index()].upcoming
    }
    /// Whether a station has a calendar: a schedule with a date.
    pub(crate) fn has_calendar(&self, id: StationId) -> bool {
        self.stations[id.index()].calendar
    }
    /// The reception notices (接待公告) of a station: its next [`NOTICES`] dates that are held
    /// (not cancelled), each with the key of its page (`2026-12-08`, then `2026-12-08-2` for a
    /// second reception that day) and its position in [`Site::upcoming`].
    pub(crate) fn notices(&self, id: StationId) -> &[(String, usize)] {
        &self.stations[id.index()].notices
    }
    /// The schedule of an upcoming date.
    pub(crate) fn schedule_of(&self, id: StationId, u: &Upcoming) -> &Schedule {
        &self.station(id).receptions[u.schedule]
    }
    /// The current representatives on duty for a schedule, in the order the schedule names
    /// them (a former representative no longer receives voters).
    pub(crate) fn on_duty<'a>(&'a self, schedule: &'a Schedule) -> impl Iterator<Item = RepId> + 'a {
        schedule
            .representatives
            .iter()
            .filter_map(|slug| self.rep_index.get(slug.as_str()).copied())
            .filter(|&r| !self.is_former(r))
    }
    /// The codes of a station's region and of the regions above it, from the top down.
    pub(crate) fn station_region_codes(&self, id: StationId) -> Vec<&str> {
        self.region_path(self.station_region(id))
            .into_iter()
            .map(|r| self.region(r).code.as_str())
            .collect()
    }
}

/// Representatives.
impl Site {
    pub(crate) fn rep_ids(&self) -> impl DoubleEndedIterator<Item = RepId> + ExactSizeIterator + use<> {
        ids::all(self.reps.len(), RepId::new)
    }
    pub(crate) fn rep(&self, id: RepId) -> &Arc<Representative> {
        &self.reps[id.index()].rep
    }
    pub(crate) fn rep_by_slug(&self, slug: &str) -> Option<RepId> {
        self.rep_index.get(slug).copied()
    }
    pub(crate) fn rep_station(&self, id: RepId) -> StationId {
        self.reps[id.index()].station
    }
    pub(crate) fn rep_region(&self, id: RepId) -> RegionId {
        self.reps[id.index()].region
    }
    /// The dates a representative is on duty: (station, date), by date and time.
    pub(crate) fn duties(&self, id: RepId) -> impl Iterator<Item = (StationId, &Upcoming)> {
        self.duties
            .get(id.index())
            .into_iter()
            .flatten()
            .map(|&(s, k)| (s, &self.upcoming(s)[k as usize]))
    }
    /// For each level (national first), its current representatives in stroke order.
    pub(crate) fn reps_by_level(&self) -> &[(Level, Vec<RepId>)] {
        &self.reps_by_level
    }
    /// Whether a representative's membership has ended (`until` in the past).
    pub(crate) fn is_former(&self, id: RepId) -> bool {
        self.reps[id.index()].former
    }
    /// The highest of a representative's levels.
    pub(crate) fn top_level(&self, id: RepId) -> Level {
        self.reps[id.index()].top
    }
    /// Former representatives, in stroke order.
    pub(crate) fn former_reps(&self) -> &[RepId] {
        &self.former
    }
    /// The pages of `/representatives/`: every current representative once.
    pub(crate) fn rep_listing(&self) -> &listing::Listing<(Level, RegionId), RepId> {
        &self.listings.reps
    }
    /// The pages of `/stations/`: every station once.
    pub(crate) fn station_listing(&self) -> &listing::Listing<RegionId, StationId> {
        &self.listings.stations
    }
    /// Current representatives, in slug order.
    pub(crate) fn current_rep_ids(&self) -> impl Iterator<Item = RepId> + '_ {
        self.rep_ids().filter(|&r| !self.is_former(r))
    }
    /// How many representatives are current.
    pub(crate) fn current_rep_count(&self) -> usize {
        self.current_reps
    }
}

/// Regions.
impl Site {
    pub(crate) fn region_ids(&self) -> impl DoubleEndedIterator<Item = RegionId> + ExactSizeIterator + use<> {
        ids::all(self.regions.len(), RegionId::new)
    }
    pub(crate) fn region(&self, id: RegionId) -> &Region {
        &self.regions[id.index()]
    }
    pub(crate) fn region_by_code(&self, code: &str) -> Option<RegionId> {
        self.region_index.get(code).copied()
    }
    pub(crate) fn roots(&self) -> Vec<RegionId> {
        self.region_ids().filter(|&r| self.region(r).parent.is_none()).collect()
    }
    /// The ancestors of a region from the top down, the region itself last.
    pub(crate) fn region_path(&self, mut r: RegionId) -> Vec<RegionId> {
        let mut path = vec![r];
        while let Some(p) = self.region(r).parent {
            if path.len() > self.regions.len() {
                break; // cycles are rejected by validation; never loop forever anyway
            }
            path.push(p);
            r = p;
        }
        path.reverse();
        path
    }
    /// The stations that serve a region's voters, and the region they serve it as: the
    /// region's own servers, or those of its nearest enclosing region that has any (a
    /// village with no station of its own goes to its township's). Empty when nothing
    /// above it is served either.
    pub(crate) fn serving(&self, r: RegionId) -> (RegionId, &[StationId]) {
        for x in self.region_path(r).into_iter().rev() {
            if !self.region(x).served_by.is_empty() {
                return (x, &self.region(x).served_by);
            }
        }
        (r, &[])
    }
    /// A region and every region below it, depth first from the region itself, each
    /// region's sub-regions in code order.
    pub(crate) fn subtree_regions(&self, r: RegionId) -> Vec<RegionId> {
        let mut out = Vec::new();
        let mut stack = vec![r];
        while let Some(x) = stack.pop() {
            if out.len() > self.regions.len() {
                break; // cycles are rejected by validation; never loop forever anyway
            }
            out.push(x);
            stack.extend(self.region(x).children.iter().rev());
        }
        out
    }
    /// The stations of a region and of every region below it, in slug order.
    pub(crate) fn subtree_stations(&self, r: RegionId) -> Vec<StationId> {
        let mut out: Vec<StationId> = self
            .subtree_regions(r)
            .into_iter()
            .flat_map(|x| self.region(x).stations.iter().copied())
            .collect();
        out.sort_unstable();
        out
    }
    /// The regions a visitor picks from first: the sub-regions of the home region (a county's
    /// townships, a province's cities), or the top regions.
    pub(crate) fn picker_regions(&self) -> Vec<RegionId> {
        match self.home_region {
            Some(h) if !self.region(h).children.is_empty() => self.region(h).children.clone(),
            Some(h) => vec![h],
            None => self.roots(),
        }
    }
    /// The region path of `r` from the home region down (the regions above it, which hold
    /// nothing else, are left out).
    pub(crate) fn local_path(&self, r: RegionId) -> Vec<RegionId> {
        let path = self.region_path(r);
        match self.home_region.and_then(|h| path.iter().position(|&x| x == h)) {
            Some(at) => path[at..].to_vec(),
            None => path,
        }
    }
    /// The picker region a region is in (itself, or its ancestor at the picker's level); the
    /// home region for a region above that level.
    pub(crate) fn picker_region_of(&self, r: RegionId) -> RegionId {
        let path = self.local_path(r);
        match self.home_region {
            Some(h) if path.first() == Some(&h) => path.get(1).copied().unwrap_or(h),
            _ => path.first().copied().unwrap_or(r),
        }
    }
}

/// Bulletins, free pages, closures.
impl Site {
    pub(crate) fn issue_ids(&self) -> impl DoubleEndedIterator<Item = IssueId> + ExactSizeIterator + use<> {
        ids::all(self.issues.len(), IssueId::new)
    }
    pub(crate) fn issue(&self, id: IssueId) -> &IssueModel {
        &self.issues[id.index()]
    }
    /// The issue that comes before or after one, by year and number.
    pub(crate) fn issue_before(&self, id: IssueId) -> Option<IssueId> {
        id.index().checked_sub(1).map(IssueId::new)
    }
    pub(crate) fn issue_after(&self, id: IssueId) -> Option<IssueId> {
        (id.index() + 1 < self.issues.len()).then(|| IssueId::new(id.index() + 1))
    }
    pub(crate) fn issue_by_number(&self, year: i32, number: u32) -> Option<IssueId> {
        self.issues
            .binary_search_by_key(&(year, number), |m| (m.issue.year, m.issue.number))
            .ok()
            .map(IssueId::new)
    }
    /// Year → its issues, ascending.
    pub(crate) fn years(&self) -> &BTreeMap<i32, Vec<IssueId>> {
        &self.years
    }
    pub(crate) fn page_ids(&self) -> impl DoubleEndedIterator<Item = PageId> + ExactSizeIterator + use<> {
        ids::all(self.pages.len(), PageId::new)
    }
    pub(crate) fn page(&self, id: PageId) -> &Arc<Page> {
        &self.pages[id.index()]
    }
    pub(crate) fn page_by_slug(&self, slug: &str) -> Option<PageId> {
        self.pages
            .binary_search_by(|p| p.slug.as_str().cmp(slug))
            .ok()
            .map(PageId::new)
    }
    /// Official holidays and local closures.
    pub(crate) fn closures(&self) -> &Calendar {
        &self.closures
    }
}

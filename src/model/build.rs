//! Building the model from validated content: the indexes every page needs, each computed
//! once, reusing what [`Memo`] kept from the previous model where its inputs are the same.

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::NaiveDate;
use rayon::prelude::*;
use rustc_hash::FxHashMap as HashMap;

use super::ids::{IssueId, RegionId, RepId, StationId};
use super::memo::{Memo, Ranked};
use super::{IssueModel, Region, RepNode, Site, StationNode, ledger, receptions};
use crate::collate::StrokeOrder;
use crate::content::bulletin;
use crate::content::ledger::lookup::Lookup;
use crate::content::{Content, Issue, Level, RegionEntry, Representative, Station};
use crate::reception::holidays::Calendar;

/// An index from each item's key to its id.
fn index<T, I>(items: &[T], key: impl Fn(&T) -> &str, id: fn(usize) -> I) -> HashMap<String, I> {
    let mut map = HashMap::with_capacity_and_hasher(items.len(), Default::default());
    map.extend(items.iter().enumerate().map(|(i, x)| (key(x).to_string(), id(i))));
    map
}

/// Whether two lists hold files with the same slugs in the same order.
fn same_slugs<T: std::ops::Deref>(old: &[T], new: &[T], slug: impl Fn(&T) -> &str) -> bool
where
    T::Target: Sized,
{
    old.len() == new.len()
        && old
            .iter()
            .zip(new)
            .all(|(a, b)| std::ptr::eq(&**a, &**b) || slug(a) == slug(b))
}

/// Stroke order of the representatives (by name, then slug). Reuses the previous order for
/// every representative whose name did not change and places the others by binary search;
/// sorts from scratch when most changed.
fn stroke_ranked(
    reps: &[Arc<Representative>],
    old_reps: &[Arc<Representative>],
    index: &HashMap<String, RepId>,
    same_slugs: bool,
    kept: &mut Ranked,
) -> Vec<RepId> {
    let rep = |i: RepId| &reps[i.index()];
    let same = |old: &Arc<Representative>, i: RepId| Arc::ptr_eq(old, rep(i)) || old.name == rep(i).name;
    // The last model's order, as its files: `kept.ids` are ids into `old_reps`.
    let old_ranked = || kept.ids.iter().filter_map(|&i| old_reps.get(i.index()));
    // The same files under the same names, and no name changed: the same order.
    if same_slugs
        && kept.ids.len() == reps.len()
        && old_reps.len() == reps.len()
        && kept.ids.iter().all(|&i| same(&old_reps[i.index()], i))
    {
        return kept.ids.clone();
    }
    let order = StrokeOrder::new();
    let cmp = |a: RepId, b: RepId| {
        let (a, b) = (rep(a), rep(b));
        order.compare(&a.name, &b.name).then_with(|| a.slug.cmp(&b.slug))
    };
    let mut placed = vec![false; reps.len()];
    let mut ranked: Vec<RepId> = Vec::with_capacity(reps.len());
    for old in old_ranked() {
        if let Some(&i) = index.get(old.slug.as_str())
            && !placed[i.index()]
            && same(old, i)
        {
            placed[i.index()] = true;
            ranked.push(i);
        }
    }
    let rest: Vec<RepId> = (0..reps.len()).filter(|&i| !placed[i]).map(RepId::new).collect();
    if rest.len() * 8 > reps.len() {
        ranked = (0..reps.len()).map(RepId::new).collect();
        ranked.sort_by(|&a, &b| cmp(a, b));
    } else {
        for i in rest {
            let at = ranked.partition_point(|&j| cmp(j, i).is_lt());
            ranked.insert(at, i);
        }
    }
    kept.ids = ranked.clone();
    ranked
}

/// The regions of regions.toml, by code, with their parents and children.
fn regions(mut entries: Vec<RegionEntry>) -> (Vec<Region>, HashMap<String, RegionId>) {
    entries.sort_by(|a, b| a.code.value.cmp(&b.code.value));
    let region_index = index(&entries, |r: &RegionEntry| r.code.as_str(), RegionId::new);
    let mut regions: Vec<Region> = entries
        .into_iter()
        .map(|r| Region {
            parent: r.parent.as_ref().and_then(|p| region_index.get(p.as_str()).copied()),
            code: r.code.value,
            name: r.name,
            children: Vec::new(),
            stations: Vec::new(),
            served_by: Vec::new(),
            representatives: Vec::new(),
            total_stations: 0,
            total_representatives: 0,
            extra: r.extra,
        })
        .collect();
    for i in 0..regions.len() {
        if let Some(p) = regions[i].parent {
            regions[p.index()].children.push(RegionId::new(i));
        }
    }
    (regions, region_index)
}

/// Counts of stations and representatives of each region's whole sub-tree. Walks each
/// region's path up (a region's code is never shorter than its parent's in practice, but
/// nothing relies on it).
fn totals(regions: &mut [Region]) {
    for i in 0..regions.len() {
        let (s, r) = (regions[i].stations.len(), regions[i].representatives.len());
        let mut cur = Some(RegionId::new(i));
        let mut steps = 0;
        while let Some(c) = cur {
            regions[c.index()].total_stations += s;
            regions[c.index()].total_representatives += r;
            cur = regions[c.index()].parent;
            steps += 1;
            if steps > regions.len() {
                break;
            }
        }
    }
}

/// The slug indexes of the stations and representatives: kept while the slugs are the same
/// (an edit inside a file).
/// With them, whether the representatives' slugs are the same, and the last model's
/// representatives (what the other parts of the memo were made from).
type SlugIndexes = (
    Arc<HashMap<String, StationId>>,
    Arc<HashMap<String, RepId>>,
    bool,
    Vec<Arc<Representative>>,
    Vec<Arc<Station>>,
);

fn slug_indexes(stations: &[Arc<Station>], reps: &[Arc<Representative>], memo: &mut Memo) -> SlugIndexes {
    let kept = &mut memo.slugs;
    let station_index = if same_slugs(&kept.stations, stations, |s| s.slug.as_str()) {
        kept.station_index.clone()
    } else {
        Arc::new(index(stations, |s| s.slug.as_str(), StationId::new))
    };
    let reps_same = same_slugs(&kept.reps, reps, |r| r.slug.as_str());
    let rep_index = if reps_same {
        kept.rep_index.clone()
    } else {
        Arc::new(index(reps, |r| r.slug.as_str(), RepId::new))
    };
    let old_stations = std::mem::replace(&mut kept.stations, stations.to_vec());
    kept.station_index = station_index.clone();
    let old_reps = std::mem::replace(&mut kept.reps, reps.to_vec());
    kept.rep_index = rep_index.clone();
    (station_index, rep_index, reps_same, old_reps, old_stations)
}

/// The stations by kind, then slug (the order of every list of stations), as positions; the
/// last model's order while the same files are in the same places with the same kinds.
fn by_kind(stations: &[Arc<Station>], old: &[Arc<Station>], memo: &mut Memo) -> Vec<usize> {
    let same = old.len() == stations.len()
        && memo.by_kind.len() == stations.len()
        && stations
            .iter()
            .zip(old)
            .all(|(a, b)| Arc::ptr_eq(a, b) || (a.slug == b.slug && a.kind == b.kind));
    if !same {
        let mut order: Vec<usize> = (0..stations.len()).collect();
        order.sort_by(|&a, &b| (stations[a].kind, &stations[a].slug).cmp(&(stations[b].kind, &stations[b].slug)));
        memo.by_kind = order;
    }
    memo.by_kind.clone()
}

/// Each issue with its articles, split from its body once per parse.
fn issues(
    issues: Vec<Arc<Issue>>,
    allow_html: bool,
    memo: &mut Memo,
) -> (Vec<IssueModel>, BTreeMap<i32, Vec<IssueId>>) {
    let models: Vec<IssueModel> = issues
        .into_par_iter()
        .map(|issue| {
            let kept = memo
                .articles
                .get(&(issue.year, issue.number))
                .filter(|(i, html, _)| Arc::ptr_eq(i, &issue) && *html == allow_html);
            let articles = match kept {
                Some((_, _, a)) => a.clone(),
                None => Arc::new(bulletin::articles(issue.body(), allow_html)),
            };
            IssueModel { issue, articles }
        })
        .collect();
    memo.articles = models
        .iter()
        .map(|m| {
            (
                (m.issue.year, m.issue.number),
                (m.issue.clone(), allow_html, m.articles.clone()),
            )
        })
        .collect();
    let mut years: BTreeMap<i32, Vec<IssueId>> = BTreeMap::new();
    for (i, m) in models.iter().enumerate() {
        years.entry(m.issue.year).or_default().push(IssueId::new(i));
    }
    (models, years)
}

/// For each level (national first), its current representatives in stroke order.
fn by_level(facts: &[Facts], ranked: &[RepId]) -> Vec<(Level, Vec<RepId>)> {
    let mut lists: Vec<Vec<RepId>> = vec![Vec::new(); Level::ALL.len()];
    for &r in ranked {
        let levels = facts[r.index()].levels;
        for (k, list) in lists.iter_mut().enumerate() {
            if levels & (1 << k) != 0 {
                list.push(r);
            }
        }
    }
    Level::ALL
        .into_iter()
        .zip(lists)
        .filter(|(_, v)| !v.is_empty())
        .collect()
}

/// What the model needs of one representative's file, read once: every pass after this one
/// walks these, side by side in memory, instead of 140,000 files scattered over the heap.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Facts {
    pub(super) station: StationId,
    /// The region the file names, if it names one.
    own_region: Option<RegionId>,
    /// One bit per level, by position in [`Level::ALL`].
    levels: u8,
    former: bool,
}

impl Facts {
    /// The highest level (the first of [`Level::ALL`] held).
    pub(super) fn top(self) -> Level {
        Level::ALL[(self.levels.trailing_zeros() as usize).min(Level::ALL.len() - 1)]
    }
}

/// Each representative's facts, reusing the last model's for every file it had in the same
/// place (the same parse) when the stations, the regions and the day are the same.
fn facts(
    reps: &[Arc<Representative>],
    old_reps: &[Arc<Representative>],
    station_index: &Arc<HashMap<String, StationId>>,
    region_index: &HashMap<String, RegionId>,
    key: FactsKey,
    memo: &mut Memo,
) -> Vec<Facts> {
    let kept = &memo.facts;
    let reuse = kept.key.as_ref() == Some(&key)
        && Arc::ptr_eq(&kept.stations, station_index)
        && old_reps.len() == reps.len()
        && kept.facts.len() == reps.len();
    let read = |r: &Arc<Representative>| Facts {
        station: station_index[r.station.as_str()],
        own_region: r.region.as_ref().map(|c| region_index[c.as_str()]),
        levels: Level::ALL
            .iter()
            .enumerate()
            .filter(|(_, l)| r.levels.contains(l))
            .fold(0, |m, (k, _)| m | 1 << k),
        former: r.is_former(key.today),
    };
    let facts: Vec<Facts> = if reuse {
        reps.iter()
            .zip(old_reps)
            .zip(&kept.facts)
            .map(|((r, old), &f)| if Arc::ptr_eq(r, old) { f } else { read(r) })
            .collect()
    } else {
        reps.par_iter().map(read).collect()
    };
    memo.facts = super::memo::KeptFacts {
        key: Some(key),
        stations: station_index.clone(),
        facts: facts.clone(),
    };
    facts
}

/// What every representative's facts depend on besides the file: the day (who is former) and
/// the region codes (the ids they are given).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct FactsKey {
    today: NaiveDate,
    regions: Vec<String>,
}

/// Where each station and representative is: the region of each station, and the station and
/// region of each representative (the station's region unless the representative names one).
struct Places {
    station_region: Vec<RegionId>,
    rep_region: Vec<RegionId>,
}

fn places(stations: &[Arc<Station>], facts: &[Facts], region_index: &HashMap<String, RegionId>) -> Places {
    let station_region: Vec<RegionId> = stations.iter().map(|s| region_index[s.region.as_str()]).collect();
    let rep_region: Vec<RegionId> = facts
        .iter()
        .map(|f| f.own_region.unwrap_or(station_region[f.station.index()]))
        .collect();
    Places {
        station_region,
        rep_region,
    }
}

/// Puts each current representative (in stroke order) on its station and region, and each
/// station (by kind, then slug) in its region; gives each station's representatives.
fn attach(
    regions: &mut [Region],
    region_index: &HashMap<String, RegionId>,
    stations: &[Arc<Station>],
    ranked: &[RepId],
    facts: &[Facts],
    places: &Places,
    by_kind: &[usize],
) -> Vec<Vec<RepId>> {
    // counted first, so that each list is allocated once at its size
    let mut counts = vec![0u32; stations.len()];
    let mut region_counts = vec![0u32; regions.len()];
    for &r in ranked {
        counts[facts[r.index()].station.index()] += 1;
        region_counts[places.rep_region[r.index()].index()] += 1;
    }
    let mut station_reps: Vec<Vec<RepId>> = counts.iter().map(|&n| Vec::with_capacity(n as usize)).collect();
    for (region, &n) in regions.iter_mut().zip(&region_counts) {
        region.representatives.reserve_exact(n as usize);
    }
    for &r in ranked {
        station_reps[facts[r.index()].station.index()].push(r);
        regions[places.rep_region[r.index()].index()].representatives.push(r);
    }
    for &s in by_kind {
        regions[places.station_region[s].index()]
            .stations
            .push(StationId::new(s));
        // who serves which region: `serves`, or the station's own region
        if stations[s].serves.is_empty() {
            regions[places.station_region[s].index()]
                .served_by
                .push(StationId::new(s));
        } else {
            for code in &stations[s].serves {
                if let Some(&r) = region_index.get(code.as_str())
                    && !regions[r.index()].served_by.contains(&StationId::new(s))
                {
                    regions[r.index()].served_by.push(StationId::new(s));
                }
            }
        }
    }
    station_reps
}

/// Each station's parent (1+N) and children, by kind then slug.
fn family(
    stations: &[Arc<Station>],
    index: &HashMap<String, StationId>,
    by_kind: &[usize],
) -> (Vec<Option<StationId>>, Vec<Vec<StationId>>) {
    let parents: Vec<Option<StationId>> = stations
        .iter()
        .map(|s| s.parent.as_ref().and_then(|p| index.get(p.as_str()).copied()))
        .collect();
    let mut children = vec![Vec::new(); stations.len()];
    for &s in by_kind {
        if let Some(p) = parents[s] {
            children[p.index()].push(StationId::new(s));
        }
    }
    (parents, children)
}

/// Each station's node: its region, representatives and 1+N family; the reception indexes
/// are filled in later.
fn station_nodes(
    stations: Vec<Arc<Station>>,
    station_region: Vec<RegionId>,
    station_reps: Vec<Vec<RepId>>,
    station_index: &HashMap<String, StationId>,
    by_kind: &[usize],
) -> Vec<StationNode> {
    let (parents, children) = family(&stations, station_index, by_kind);
    stations
        .into_iter()
        .zip(station_region)
        .zip(station_reps)
        .zip(parents.into_iter().zip(children))
        .map(|(((station, region), reps), (parent, children))| StationNode {
            station,
            region,
            reps,
            upcoming: Default::default(),
            calendar: false,
            parent,
            children,
            notices: Default::default(),
        })
        .collect()
}

/// Builds the model from content that passed validation, reusing what `memo` kept from the
/// previous model (`Memo::default()` for none), and keeping what the next one can reuse.
pub(crate) fn build(content: Content, today: NaiveDate, memo: &mut Memo) -> Site {
    let Content {
        config,
        regions: entries,
        stations,
        representatives: reps,
        issues: issue_files,
        pages,
        closures,
        ledgers,
        ..
    } = content;
    let (mut regions, region_index) = regions(entries);
    let (station_index, rep_index, reps_same, old_reps, old_stations) = slug_indexes(&stations, &reps, memo);
    let ledger = if ledgers.is_empty() {
        ledger::Ledger::default()
    } else {
        ledger::link(&ledgers, &Lookup::new(&stations, &reps))
    };
    // Stroke order, computed once: every list of people is sorted by this rank.
    let ranked = stroke_ranked(&reps, &old_reps, &rep_index, reps_same, &mut memo.ranked);
    let key = FactsKey {
        today,
        regions: regions.iter().map(|r| r.code.clone()).collect(),
    };
    let facts = facts(&reps, &old_reps, &station_index, &region_index, key, memo);
    // Former representatives keep their pages but leave every current list and count.
    let (current, former): (Vec<RepId>, Vec<RepId>) = ranked.iter().partition(|r| !facts[r.index()].former);
    let ranked = current;

    let places = places(&stations, &facts, &region_index);
    let by_kind = by_kind(&stations, &old_stations, memo);
    let station_reps = attach(
        &mut regions,
        &region_index,
        &stations,
        &ranked,
        &facts,
        &places,
        &by_kind,
    );
    let Places {
        station_region,
        rep_region,
    } = places;
    totals(&mut regions);

    let reps_by_level = by_level(&facts, &ranked);
    let (issues, years) = issues(issue_files, config.build.allow_html, memo);
    let stations = station_nodes(stations, station_region, station_reps, &station_index, &by_kind);
    let reps = rep_nodes(reps, rep_region, &facts);
    let mut site = Site {
        config,
        today,
        regions,
        region_index,
        stations,
        station_index,
        reps,
        rep_index,
        current_reps: ranked.len(),
        reps_by_level,
        former,
        issues,
        years,
        pages,
        closures: Calendar { local: closures },
        home_region: None,
        ledger,
        listings: Default::default(),
        duties: Default::default(),
    };
    site.home_region = home_region(&site);
    super::listing::index(&mut site, &mut memo.listing);
    receptions::compute(&mut site, &mut memo.receptions);
    ledger::index(&mut site);
    site
}

/// Each representative's node, from its file, region and facts.
fn rep_nodes(reps: Vec<Arc<Representative>>, regions: Vec<RegionId>, facts: &[Facts]) -> Vec<RepNode> {
    reps.into_iter()
        .zip(regions)
        .zip(facts)
        .map(|((rep, region), f)| RepNode {
            former: f.former,
            top: f.top(),
            rep,
            station: f.station,
            region,
        })
        .collect()
}

/// The one top region, and below it while a region has one sub-region and no station.
fn home_region(site: &Site) -> Option<RegionId> {
    let roots = site.roots();
    let &[mut r] = roots.as_slice() else { return None };
    let mut steps = 0;
    while let [only] = site.region(r).children.as_slice()
        && site.region(r).stations.is_empty()
        && steps < site.region_ids().len()
    {
        r = *only;
        steps += 1;
    }
    Some(r)
}

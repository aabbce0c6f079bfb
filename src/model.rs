//! The site model: the content, validated, plus the indexes pages need, computed once.
//! Everything is ordered deterministically (codes, slugs, stroke order), never by file order
//! or hash order. Pages only read from it.

use std::collections::BTreeMap;

use rustc_hash::FxHashMap as HashMap;
use std::sync::Arc;

use chrono::{Datelike, NaiveDate};
use rayon::prelude::*;

use crate::collate::StrokeOrder;
use crate::content::bulletin::{self, Articles};
use crate::content::{Content, Issue, Level, Page, RegionEntry, Representative, SiteConfig, Station};
use crate::reception::dates::{Place, Status};
use crate::reception::holidays::{self, Calendar};
use crate::reception::ics;

pub struct Region {
    pub code: String,
    pub name: String,
    pub parent: Option<usize>,
    /// Sub-regions, by code.
    pub children: Vec<usize>,
    /// Stations whose region is this one, by kind then slug.
    pub stations: Vec<usize>,
    /// Representatives whose region (their own, or their station's) is this one, in stroke order.
    pub representatives: Vec<usize>,
    /// Stations and representatives in the whole sub-tree.
    pub total_stations: usize,
    pub total_representatives: usize,
    pub extra: serde_json::Value,
}

/// A reception date of a station: which schedule, and what becomes of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Upcoming {
    pub date: NaiveDate,
    pub schedule: usize,
    pub status: Status,
    pub provisional: bool,
}

pub struct IssueModel {
    pub issue: Arc<Issue>,
    pub articles: Arc<Articles>,
}

/// What one model computed that the next can reuse where its inputs are the same: a rebuild
/// after one edit then costs what the edit touches, not what the site holds. Inputs are
/// compared by identity (`Arc::ptr_eq`: the same parse of an unchanged file) or by value.
#[derive(Default)]
pub struct Memo {
    /// Representatives in stroke order.
    ranked: Vec<Arc<Representative>>,
    /// The same order as indexes into the representatives (by slug) of the last model.
    ranked_index: Vec<usize>,
    /// The last model's stations and representatives (by slug) and their slug indexes.
    stations: Vec<Arc<Station>>,
    station_index: Arc<HashMap<String, usize>>,
    reps: Vec<Arc<Representative>>,
    rep_index: Arc<HashMap<String, usize>>,
    /// Each issue's articles, by the issue they were split from.
    articles: HashMap<(i32, u32), KeptArticles>,
    /// Everything reception dates depend on besides the station itself.
    receptions_key: String,
    receptions: HashMap<String, StationMemo>,
}

/// An issue, whether raw HTML was allowed, and the articles split from it.
type KeptArticles = (Arc<Issue>, bool, Arc<Articles>);

struct StationMemo {
    station: Arc<Station>,
    path: Vec<String>,
    /// The names of the representatives its schedules name (calendar events show them).
    names: Vec<Option<String>>,
    upcoming: Vec<Upcoming>,
    events: (Arc<str>, Option<i32>),
}

pub struct Site {
    pub config: SiteConfig,
    pub today: NaiveDate,
    /// By code.
    pub regions: Vec<Region>,
    pub region_index: HashMap<String, usize>,
    /// By slug.
    pub stations: Vec<Arc<Station>>,
    pub station_index: Arc<HashMap<String, usize>>,
    pub station_region: Vec<usize>,
    /// Each station's representatives, in stroke order.
    pub station_reps: Vec<Vec<usize>>,
    /// By slug.
    pub reps: Vec<Arc<Representative>>,
    pub rep_index: Arc<HashMap<String, usize>>,
    pub rep_station: Vec<usize>,
    pub rep_region: Vec<usize>,
    /// For each level (national first), its representatives in stroke order.
    pub reps_by_level: Vec<(Level, Vec<usize>)>,
    /// By year and number.
    pub issues: Vec<IssueModel>,
    /// Year → issue indexes, ascending.
    pub years: BTreeMap<i32, Vec<usize>>,
    /// By slug.
    pub pages: Vec<Arc<Page>>,
    /// Local closures (content/holidays.toml); official holidays come with the crate.
    pub closures: Calendar,
    /// Each station's reception dates from today for `reception_days_ahead` days, by date
    /// and time.
    pub upcoming: Vec<Vec<Upcoming>>,
    /// Each representative's duty dates: (station, index into that station's `upcoming`).
    pub duties: Vec<Vec<(usize, usize)>>,
    /// Each station's calendar events (VEVENT text); empty when it has no schedule with a date.
    pub events: Vec<Arc<str>>,
    /// The years the calendars' VTIMEZONE must cover.
    pub calendar_years: (i32, i32),
    /// The region the site is about: the one top region, and below it while a region has
    /// one sub-region and no station of its own (湖南省 › 益阳市 › 清溪县 is 清溪县 for a county
    /// site). `None` when there are several top regions. The home page's picker lists its
    /// sub-regions, and breadcrumbs start at it.
    pub home_region: Option<usize>,
}

impl Site {
    /// The ancestors of a region from the top down, the region itself last.
    pub fn region_path(&self, mut r: usize) -> Vec<usize> {
        let mut path = vec![r];
        while let Some(p) = self.regions[r].parent {
            if path.len() > self.regions.len() {
                break; // cycles are rejected by validation; never loop forever anyway
            }
            path.push(p);
            r = p;
        }
        path.reverse();
        path
    }

    /// The codes of a station's region and of the regions above it, from the top down.
    pub fn station_region_codes(&self, s: usize) -> Vec<&str> {
        self.region_path(self.station_region[s])
            .into_iter()
            .map(|r| self.regions[r].code.as_str())
            .collect()
    }

    /// The stations of a region and of every region below it, in slug order.
    pub fn subtree_stations(&self, r: usize) -> Vec<usize> {
        let mut out = Vec::new();
        let mut stack = vec![r];
        let mut seen = 0;
        while let Some(x) = stack.pop() {
            seen += 1;
            if seen > self.regions.len() {
                break; // cycles are rejected by validation; never loop forever anyway
            }
            out.extend_from_slice(&self.regions[x].stations);
            stack.extend_from_slice(&self.regions[x].children);
        }
        out.sort_unstable();
        out
    }

    /// The representatives on duty for a reception schedule, as indexes into `reps`.
    pub fn on_duty<'a>(&'a self, schedule: &'a crate::reception::Schedule) -> impl Iterator<Item = usize> + 'a {
        schedule
            .representatives
            .iter()
            .filter_map(|slug| self.rep_index.get(slug.as_str()).copied())
    }

    /// The regions a visitor picks from first: the sub-regions of the home region (a county's
    /// townships, a province's cities), or the top regions.
    pub fn picker_regions(&self) -> Vec<usize> {
        match self.home_region {
            Some(h) if !self.regions[h].children.is_empty() => self.regions[h].children.clone(),
            Some(h) => vec![h],
            None => self.roots(),
        }
    }

    /// The region path of `r` from the home region down (the regions above it, which hold
    /// nothing else, are left out).
    pub fn local_path(&self, r: usize) -> Vec<usize> {
        let path = self.region_path(r);
        match self.home_region.and_then(|h| path.iter().position(|&x| x == h)) {
            Some(at) => path[at..].to_vec(),
            None => path,
        }
    }

    /// The picker region a region is in (itself, or its ancestor at the picker's level); the
    /// home region for a region above that level.
    pub fn picker_region_of(&self, r: usize) -> usize {
        let path = self.local_path(r);
        match self.home_region {
            Some(h) if path.first() == Some(&h) => path.get(1).copied().unwrap_or(h),
            _ => path.first().copied().unwrap_or(r),
        }
    }

    pub fn roots(&self) -> Vec<usize> {
        (0..self.regions.len())
            .filter(|&i| self.regions[i].parent.is_none())
            .collect()
    }
}

fn index<T>(items: &[T], key: impl Fn(&T) -> &str) -> HashMap<String, usize> {
    let mut map = HashMap::with_capacity_and_hasher(items.len(), Default::default());
    map.extend(items.iter().enumerate().map(|(i, x)| (key(x).to_string(), i)));
    map
}

/// Stroke order of the representatives (by name, then slug): as indexes into `reps`.
/// Reuses the previous order for every representative whose name did not change and places
/// the others by binary search; sorts from scratch when most changed.
fn stroke_ranked(
    reps: &[Arc<Representative>],
    index: &HashMap<String, usize>,
    same_slugs: bool,
    memo: &mut Memo,
) -> Vec<usize> {
    // The same files under the same names, and no name changed: the same order.
    if same_slugs
        && memo.ranked_index.len() == reps.len()
        && memo
            .ranked
            .iter()
            .zip(&memo.ranked_index)
            .all(|(old, &i)| Arc::ptr_eq(old, &reps[i]) || old.name == reps[i].name)
    {
        let ranked = memo.ranked_index.clone();
        memo.ranked = ranked.iter().map(|&i| reps[i].clone()).collect();
        return ranked;
    }
    let order = StrokeOrder::new();
    let cmp =
        |a: &Representative, b: &Representative| order.compare(&a.name, &b.name).then_with(|| a.slug.cmp(&b.slug));
    let mut placed = vec![false; reps.len()];
    let mut ranked: Vec<usize> = Vec::with_capacity(reps.len());
    for old in &memo.ranked {
        if let Some(&i) = index.get(old.slug.as_str())
            && !placed[i]
            && (Arc::ptr_eq(old, &reps[i]) || old.name == reps[i].name)
        {
            placed[i] = true;
            ranked.push(i);
        }
    }
    let rest: Vec<usize> = (0..reps.len()).filter(|&i| !placed[i]).collect();
    if rest.len() * 8 > reps.len() {
        ranked = (0..reps.len()).collect();
        ranked.sort_by(|&a, &b| cmp(&reps[a], &reps[b]));
    } else {
        for i in rest {
            let at = ranked.partition_point(|&j| cmp(&reps[j], &reps[i]).is_lt());
            ranked.insert(at, i);
        }
    }
    memo.ranked = ranked.iter().map(|&i| reps[i].clone()).collect();
    memo.ranked_index = ranked.clone();
    ranked
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

/// Builds the model from content that passed validation, reusing what `memo` kept from the
/// previous model (`Memo::default()` for none), and keeping what the next one can reuse.
pub fn build(content: Content, today: NaiveDate, memo: &mut Memo) -> Site {
    let Content {
        config,
        mut regions,
        stations,
        representatives: reps,
        issues,
        pages,
        closures,
        ..
    } = content;
    regions.sort_by(|a, b| a.code.value.cmp(&b.code.value));
    let region_index = index(&regions, |r: &RegionEntry| r.code.as_str());
    // A slug index is kept while the slugs are the same (an edit inside a file).
    let stations_same = same_slugs(&memo.stations, &stations, |s| s.slug.as_str());
    let station_index = if stations_same {
        memo.station_index.clone()
    } else {
        Arc::new(index(&stations, |s| s.slug.as_str()))
    };
    let reps_same = same_slugs(&memo.reps, &reps, |r| r.slug.as_str());
    let rep_index = if reps_same {
        memo.rep_index.clone()
    } else {
        Arc::new(index(&reps, |r| r.slug.as_str()))
    };
    memo.stations = stations.clone();
    memo.station_index = station_index.clone();
    memo.reps = reps.clone();
    memo.rep_index = rep_index.clone();

    let mut model_regions: Vec<Region> = regions
        .iter()
        .map(|r| Region {
            code: r.code.value.clone(),
            name: r.name.clone(),
            parent: r.parent.as_ref().and_then(|p| region_index.get(p.as_str()).copied()),
            children: Vec::new(),
            stations: Vec::new(),
            representatives: Vec::new(),
            total_stations: 0,
            total_representatives: 0,
            extra: r.extra.clone(),
        })
        .collect();
    for i in 0..model_regions.len() {
        if let Some(p) = model_regions[i].parent {
            model_regions[p].children.push(i);
        }
    }

    // Stroke order, computed once: every list of people is sorted by this rank.
    let ranked = stroke_ranked(&reps, &rep_index, reps_same, memo);

    let station_region: Vec<usize> = stations.iter().map(|s| region_index[s.region.as_str()]).collect();
    let rep_station: Vec<usize> = reps.par_iter().map(|r| station_index[r.station.as_str()]).collect();
    let rep_region: Vec<usize> = reps
        .par_iter()
        .zip(&rep_station)
        .map(|(r, &s)| {
            r.region
                .as_ref()
                .map_or(station_region[s], |c| region_index[c.as_str()])
        })
        .collect();

    let mut station_reps = vec![Vec::new(); stations.len()];
    for &r in &ranked {
        station_reps[rep_station[r]].push(r);
        model_regions[rep_region[r]].representatives.push(r);
    }
    let mut by_kind: Vec<usize> = (0..stations.len()).collect();
    by_kind.sort_by(|&a, &b| {
        stations[a]
            .kind
            .cmp(&stations[b].kind)
            .then(stations[a].slug.cmp(&stations[b].slug))
    });
    for s in by_kind {
        model_regions[station_region[s]].stations.push(s);
    }
    // Sub-tree totals, children before parents (a region's code is never shorter than its
    // parent's in practice, but do not rely on it: walk each region's path instead).
    for i in 0..model_regions.len() {
        let (s, r) = (model_regions[i].stations.len(), model_regions[i].representatives.len());
        let mut cur = Some(i);
        let mut steps = 0;
        while let Some(c) = cur {
            model_regions[c].total_stations += s;
            model_regions[c].total_representatives += r;
            cur = model_regions[c].parent;
            steps += 1;
            if steps > model_regions.len() {
                break;
            }
        }
    }

    let reps_by_level = Level::ALL
        .par_iter()
        .map(|&l| {
            (
                l,
                ranked
                    .iter()
                    .copied()
                    .filter(|&r| reps[r].levels.contains(&l))
                    .collect::<Vec<_>>(),
            )
        })
        .filter(|(_, v)| !v.is_empty())
        .collect();

    let allow_html = config.build.allow_html;
    let issues: Vec<IssueModel> = issues
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
    memo.articles = issues
        .iter()
        .map(|m| {
            (
                (m.issue.year, m.issue.number),
                (m.issue.clone(), allow_html, m.articles.clone()),
            )
        })
        .collect();
    let mut years: BTreeMap<i32, Vec<usize>> = BTreeMap::new();
    for (i, m) in issues.iter().enumerate() {
        years.entry(m.issue.year).or_default().push(i);
    }

    let mut site = Site {
        config,
        today,
        regions: model_regions,
        region_index,
        stations,
        station_index,
        station_region,
        station_reps,
        reps,
        rep_index,
        rep_station,
        rep_region,
        reps_by_level,
        issues,
        years,
        pages,
        closures: Calendar { local: closures },
        upcoming: Vec::new(),
        duties: Vec::new(),
        events: Vec::new(),
        calendar_years: (today.year(), today.year()),
        home_region: None,
    };
    site.home_region = home_region(&site);
    receptions(&mut site, memo);
    site
}

/// See [`Site::home_region`].
fn home_region(site: &Site) -> Option<usize> {
    let roots = site.roots();
    let &[mut r] = roots.as_slice() else { return None };
    let mut steps = 0;
    while let [only] = site.regions[r].children.as_slice()
        && site.regions[r].stations.is_empty()
        && steps < site.regions.len()
    {
        r = *only;
        steps += 1;
    }
    Some(r)
}

/// The reception indexes: upcoming dates per station, duty dates per representative, and the
/// calendar events of each station. A station's dates and events are taken from `memo` when
/// the station, its region path, the names its schedules show and everything site-wide are
/// as they were.
fn receptions(site: &mut Site, memo: &mut Memo) {
    let (tz, today) = (site.config.timezone, site.today);
    let last = today + chrono::Days::new(u64::from(site.config.build.reception_days_ahead.saturating_sub(1)));
    let local_end = site.closures.local.iter().map(|c| c.to).max();
    let horizon = local_end
        .map_or(holidays::DATA_LAST, |d| d.max(holidays::DATA_LAST))
        .max(last);
    let key = format!(
        "{today} {last} {horizon} {tz} {} {:?}",
        site.config.base_url,
        site.closures
            .local
            .iter()
            .map(|c| {
                let r: Vec<&str> = c.regions.iter().map(|x| x.as_str()).collect();
                let s: Vec<&str> = c.stations.iter().map(|x| x.as_str()).collect();
                (c.from, c.to, &c.name, r, s)
            })
            .collect::<Vec<_>>()
    );
    if memo.receptions_key != key {
        memo.receptions.clear();
        memo.receptions_key = key;
    }
    let paths: Vec<Vec<&str>> = (0..site.stations.len()).map(|s| site.station_region_codes(s)).collect();
    let names_of = |s: &Station| -> Vec<Option<String>> {
        s.receptions
            .iter()
            .flat_map(|r| r.representatives.iter())
            .map(|slug| site.rep_index.get(slug.as_str()).map(|&r| site.reps[r].name.clone()))
            .collect()
    };
    let cx = ics::Context {
        tz,
        today,
        base_url: &site.config.base_url,
        closures: &site.closures,
        horizon,
    };
    let names = |slug: &str| site.rep_index.get(slug).map(|&r| site.reps[r].name.clone());
    let old = &memo.receptions;
    let computed: Vec<StationMemo> = site
        .stations
        .par_iter()
        .zip(&paths)
        .map(|(s, path)| {
            let shown = names_of(s);
            if let Some(m) = old.get(s.slug.as_str())
                && Arc::ptr_eq(&m.station, s)
                && m.path.iter().map(String::as_str).eq(path.iter().copied())
                && m.names == shown
            {
                return StationMemo {
                    station: s.clone(),
                    path: m.path.clone(),
                    names: shown,
                    upcoming: m.upcoming.clone(),
                    events: m.events.clone(),
                };
            }
            let place = Place {
                slug: &s.slug,
                region_path: path,
            };
            let mut v: Vec<Upcoming> = s
                .receptions
                .iter()
                .enumerate()
                .flat_map(|(k, r)| {
                    r.occurrences(today, last, tz, &site.closures, place)
                        .into_iter()
                        .map(move |o| Upcoming {
                            date: o.date,
                            schedule: k,
                            status: o.status,
                            provisional: o.provisional,
                        })
                })
                .collect();
            v.sort_by(|a, b| {
                (a.date, s.receptions[a.schedule].start, a.schedule).cmp(&(
                    b.date,
                    s.receptions[b.schedule].start,
                    b.schedule,
                ))
            });
            StationMemo {
                station: s.clone(),
                path: path.iter().map(|c| c.to_string()).collect(),
                names: shown,
                upcoming: v,
                events: {
                    let (text, year) = ics::station_events(&cx, s, path, names);
                    (Arc::from(text), year)
                },
            }
        })
        .collect();
    let upcoming: Vec<Vec<Upcoming>> = computed.iter().map(|m| m.upcoming.clone()).collect();

    let mut duties = vec![Vec::new(); site.reps.len()];
    for (si, list) in upcoming.iter().enumerate() {
        for (ui, u) in list.iter().enumerate() {
            for r in site.on_duty(&site.stations[si].receptions[u.schedule]) {
                duties[r].push((si, ui));
            }
        }
    }
    duties.par_iter_mut().filter(|d| d.len() > 1).for_each(|d| {
        d.sort_by_key(|&(s, u)| {
            (
                upcoming[s][u].date,
                site.stations[s].receptions[upcoming[s][u].schedule].start,
                s,
                u,
            )
        });
        d.dedup();
    });

    let first = computed.iter().filter_map(|m| m.events.1).min().unwrap_or(today.year());
    site.calendar_years = (first.min(today.year() - 1), today.year() + 3);
    site.events = computed.iter().map(|m| m.events.0.clone()).collect();
    site.upcoming = upcoming;
    site.duties = duties;
    memo.receptions = computed.into_iter().map(|m| (m.station.slug.clone(), m)).collect();
}

//! The ledgers in the model: each record linked to its station and representatives, the
//! records of each station and representative (newest first), and the figures of each
//! station (by year), of each region's sub-tree and of the whole site, computed once.
//! Records stay in the ledger files they were read from (shared, not copied).

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::{Datelike, NaiveDate};

use super::figures::Figures;
use super::{RegionId, RepId, Site, StationId};
use crate::content::ledger::lookup::Lookup;
use crate::content::ledger::{Activity, Sheet, Suggestion};

/// Where a record is: its ledger file and its place there, and who it names.
#[derive(Debug, Clone)]
pub(crate) struct Linked {
    sheet: u32,
    index: u32,
    pub(crate) station: StationId,
    /// An activity's representatives; the one who took up a suggestion.
    pub(crate) reps: Vec<RepId>,
    date: NaiveDate,
}

/// A station's or a representative's records, as positions in [`Ledger`]'s lists.
#[derive(Debug, Clone, Default)]
pub(crate) struct Books {
    pub(crate) activities: Vec<u32>,
    pub(crate) suggestions: Vec<u32>,
}

#[derive(Default)]
pub(crate) struct Ledger {
    sheets: Vec<Arc<Sheet>>,
    /// Newest first, then by station and row.
    activities: Vec<Linked>,
    suggestions: Vec<Linked>,
    stations: Vec<Books>,
    reps: Vec<Books>,
    /// Per station, year → figures, and all its years together.
    station_years: Vec<BTreeMap<i32, Figures>>,
    station_totals: Vec<Figures>,
    /// Per region, its whole sub-tree.
    regions: Vec<Figures>,
    site: Figures,
}

/// Links every record (validation has made sure each reference resolves; one that does not
/// is left out).
pub(crate) fn link(sheets: &[Arc<Sheet>], lookup: &Lookup) -> Ledger {
    let mut l = Ledger {
        sheets: sheets.to_vec(),
        ..Ledger::default()
    };
    for (si, sheet) in sheets.iter().enumerate() {
        for (i, a) in sheet.activities.iter().enumerate() {
            let Ok(station) = lookup.station(&a.station.text) else {
                continue;
            };
            let reps = a
                .reps
                .iter()
                .filter_map(|r| lookup.representative(&r.text, a.date).ok());
            l.activities.push(Linked {
                sheet: si as u32,
                index: i as u32,
                station: StationId::new(station),
                reps: dedup(reps.map(RepId::new).collect()),
                date: a.date,
            });
        }
        for (i, s) in sheet.suggestions.iter().enumerate() {
            let Ok(station) = lookup.station(&s.station.text) else {
                continue;
            };
            let rep = s.rep.as_ref().and_then(|r| lookup.representative(&r.text, s.date).ok());
            l.suggestions.push(Linked {
                sheet: si as u32,
                index: i as u32,
                station: StationId::new(station),
                reps: rep.map(RepId::new).into_iter().collect(),
                date: s.date,
            });
        }
    }
    let order = |x: &Linked| (std::cmp::Reverse(x.date), x.station, x.sheet, x.index);
    l.activities.sort_by_key(order);
    l.suggestions.sort_by_key(order);
    l
}

fn dedup(mut v: Vec<RepId>) -> Vec<RepId> {
    let mut seen = std::collections::HashSet::new();
    v.retain(|r| seen.insert(*r));
    v
}

/// The per-station, per-representative and per-region parts, once the site's stations,
/// representatives and regions are in place.
pub(crate) fn index(site: &mut Site) {
    let mut l = std::mem::take(&mut site.ledger);
    l.stations = vec![Books::default(); site.station_ids().len()];
    l.reps = vec![Books::default(); site.rep_ids().len()];
    l.station_years = vec![BTreeMap::new(); site.station_ids().len()];
    for (k, x) in l.activities.iter().enumerate() {
        l.stations[x.station.index()].activities.push(k as u32);
        for r in &x.reps {
            l.reps[r.index()].activities.push(k as u32);
        }
        let a = &l.sheets[x.sheet as usize].activities[x.index as usize];
        l.station_years[x.station.index()]
            .entry(x.date.year())
            .or_default()
            .add_activity(a);
    }
    for (k, x) in l.suggestions.iter().enumerate() {
        l.stations[x.station.index()].suggestions.push(k as u32);
        for r in &x.reps {
            l.reps[r.index()].suggestions.push(k as u32);
        }
        let s = &l.sheets[x.sheet as usize].suggestions[x.index as usize];
        l.station_years[x.station.index()]
            .entry(x.date.year())
            .or_default()
            .add_suggestion(s);
    }
    l.regions = vec![Figures::default(); site.region_ids().len()];
    l.station_totals = vec![Figures::default(); site.station_ids().len()];
    for s in site.station_ids() {
        let all = &mut l.station_totals[s.index()];
        for f in l.station_years[s.index()].values() {
            all.merge(f);
        }
        if all.is_empty() {
            continue;
        }
        for r in site.region_path(site.station_region(s)) {
            l.regions[r.index()].merge(all);
        }
        l.site.merge(all);
    }
    site.ledger = l;
}

/// The ledgers.
impl Site {
    pub(crate) fn activity(&self, k: u32) -> (&Activity, &Linked) {
        let x = &self.ledger.activities[k as usize];
        (&self.ledger.sheets[x.sheet as usize].activities[x.index as usize], x)
    }
    pub(crate) fn suggestion(&self, k: u32) -> (&Suggestion, &Linked) {
        let x = &self.ledger.suggestions[k as usize];
        (&self.ledger.sheets[x.sheet as usize].suggestions[x.index as usize], x)
    }
    /// Every activity and suggestion, newest first.
    pub(crate) fn activity_count(&self) -> u32 {
        self.ledger.activities.len() as u32
    }
    pub(crate) fn suggestion_count(&self) -> u32 {
        self.ledger.suggestions.len() as u32
    }
    pub(crate) fn station_books(&self, s: StationId) -> &Books {
        &self.ledger.stations[s.index()]
    }
    pub(crate) fn rep_books(&self, r: RepId) -> &Books {
        &self.ledger.reps[r.index()]
    }
    /// A station's figures, year by year.
    pub(crate) fn station_years(&self, s: StationId) -> &BTreeMap<i32, Figures> {
        &self.ledger.station_years[s.index()]
    }
    /// A station's figures over all its years.
    pub(crate) fn station_figures(&self, s: StationId) -> &Figures {
        &self.ledger.station_totals[s.index()]
    }
    /// A station's activities and suggestions of one year, newest first.
    pub(crate) fn station_year(&self, s: StationId, year: i32) -> (&[u32], &[u32]) {
        let b = &self.ledger.stations[s.index()];
        let slice = |list: &'_ [u32], recs: &[Linked]| -> std::ops::Range<usize> {
            let start = list.partition_point(|&k| recs[k as usize].date.year() > year);
            let end = list.partition_point(|&k| recs[k as usize].date.year() >= year);
            start..end
        };
        let a = slice(&b.activities, &self.ledger.activities);
        let g = slice(&b.suggestions, &self.ledger.suggestions);
        (&b.activities[a], &b.suggestions[g])
    }
    /// How many records pages a station's year takes: each lists up to
    /// [`crate::url::RECORDS_PER_PART`] activities and as many suggestions. 0 for a year
    /// without records.
    pub(crate) fn station_record_parts(&self, s: StationId, year: i32) -> u32 {
        let (a, g) = self.station_year(s, year);
        a.len().max(g.len()).div_ceil(crate::url::RECORDS_PER_PART) as u32
    }
    /// The activities and suggestions of one records page of a station's year (part 1 and
    /// up), newest first.
    pub(crate) fn station_part(&self, s: StationId, year: i32, part: u32) -> (&[u32], &[u32]) {
        let (a, g) = self.station_year(s, year);
        let n = crate::url::RECORDS_PER_PART;
        let from = (part.max(1) as usize - 1) * n;
        let chunk = |list: &'_ [u32]| -> std::ops::Range<usize> { from.min(list.len())..(from + n).min(list.len()) };
        (&a[chunk(a)], &g[chunk(g)])
    }
    /// The records page (year, part) that lists suggestion `k`. A station's list keeps the
    /// order of the whole ledger's, so the suggestion is found by bisection.
    pub(crate) fn suggestion_page(&self, k: u32) -> (i32, u32) {
        let x = &self.ledger.suggestions[k as usize];
        let (_, in_year) = self.station_year(x.station, x.date.year());
        let at = in_year.binary_search(&k).unwrap_or(0);
        (x.date.year(), (at / crate::url::RECORDS_PER_PART) as u32 + 1)
    }
    pub(crate) fn region_figures(&self, r: RegionId) -> &Figures {
        &self.ledger.regions[r.index()]
    }
    pub(crate) fn site_figures(&self) -> &Figures {
        &self.ledger.site
    }
}

//! The reception indexes: each station's dates from today for `reception_days_ahead` days,
//! whether it has a calendar, and each representative's duty dates. A station's dates are
//! taken from the memo when the station (the same parse), its region path and everything
//! site-wide (today, the window, the time zone, local closures) are as they were.

use std::sync::Arc;

use rayon::prelude::*;

use super::ids::StationId;
use super::memo::{ClosureKey, KeptDates, Receptions, SiteWide};
use super::{NOTICES, Site, Upcoming};
use crate::content::Station;
use crate::reception::dates::{Place, Status};

/// The dates of one station.
fn dates(site: &Site, s: &Station, path: &[&str], last: chrono::NaiveDate) -> Vec<Upcoming> {
    let (tz, today) = (site.config.timezone, site.today);
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
        (a.date, s.receptions[a.schedule].start, a.schedule).cmp(&(b.date, s.receptions[b.schedule].start, b.schedule))
    });
    v
}

/// Each station's dates, notices and calendar flag, from the memo where they are still good.
/// Also whether any station's were made again or has another id.
fn stations(site: &Site, kept: &mut Receptions, site_wide: SiteWide) -> (Vec<KeptDates>, bool) {
    let mut old = std::mem::take(&mut kept.stations);
    if kept.site_wide.as_ref() != Some(&site_wide) {
        old.clear();
        kept.site_wide = Some(site_wide.clone());
    }
    // The same station files in the same places: a station's last dates are at its own id.
    let same_ids = Arc::ptr_eq(&kept.station_index, &site.station_index);
    // Who is on duty is kept by id: good while the representatives' files are the same.
    let same_reps = Arc::ptr_eq(&kept.rep_index, &site.rep_index);
    // Each region's path of codes, once, not once per station.
    let paths: Vec<Vec<&str>> = site
        .region_ids()
        .map(|r| {
            site.region_path(r)
                .into_iter()
                .map(|p| site.region(p).code.as_str())
                .collect()
        })
        .collect();
    let mut out: Vec<Option<KeptDates>> = site
        .station_ids()
        .map(|id| {
            let s = site.station(id);
            let at = if same_ids {
                Some(id.index())
            } else {
                kept.station_index.get(s.slug.as_str()).map(|j| j.index())
            };
            let m = old.get_mut(at?)?.take()?;
            let path = &paths[site.station_region(id).index()];
            (same_reps && Arc::ptr_eq(&m.station, s) && m.path.iter().map(String::as_str).eq(path.iter().copied()))
                .then_some(m)
        })
        .collect();
    kept.station_index = site.station_index.clone();
    kept.rep_index = site.rep_index.clone();
    // Duty dates name stations by id: they are kept only if no station moved either.
    let remade = !same_ids || out.iter().any(Option::is_none);
    out.par_iter_mut().enumerate().for_each(|(k, slot)| {
        if slot.is_some() {
            return;
        }
        let id = StationId::new(k);
        let s = site.station(id);
        let path = &paths[site.station_region(id).index()];
        let tz = site.config.timezone;
        let upcoming = dates(site, s, path, site_wide.last);
        // every representative each date names, former ones too (they are left out below)
        let named = upcoming
            .iter()
            .enumerate()
            .flat_map(|(k, u)| {
                s.receptions[u.schedule]
                    .representatives
                    .iter()
                    .filter_map(move |slug| Some((site.rep_by_slug(slug.as_str())?, k as u32)))
            })
            .collect();
        *slot = Some(KeptDates {
            station: s.clone(),
            path: path.iter().map(|c| c.to_string()).collect(),
            named: Arc::new(named),
            notices: Arc::new(notices(&upcoming)),
            upcoming: Arc::new(upcoming),
            calendar: s.receptions.iter().any(|r| r.calendar_start(site.today, tz).is_some()),
        });
    });
    (out.into_iter().flatten().collect(), remade)
}

/// A station's notices: its next [`NOTICES`] held dates, keyed by date (`-2` for a second
/// reception that day), with their positions in `upcoming`.
fn notices(upcoming: &[Upcoming]) -> Vec<(String, usize)> {
    let mut out: Vec<(String, usize)> = Vec::new();
    for (k, u) in upcoming.iter().enumerate() {
        if matches!(u.status, Status::Cancelled(_)) {
            continue;
        }
        if out.len() == NOTICES {
            break;
        }
        let date = u.date.to_string();
        let same = out.iter().filter(|(key, _)| key.starts_with(&date)).count();
        let key = if same == 0 {
            date
        } else {
            format!("{date}-{}", same + 1)
        };
        out.push((key, k));
    }
    out
}

/// Each representative's duty dates, by date and time.
fn duties(site: &Site, computed: &[KeptDates]) -> Vec<Vec<(StationId, u32)>> {
    let mut duties: Vec<Vec<(StationId, u32)>> = vec![Vec::new(); site.reps.len()];
    for (s, m) in site.station_ids().zip(computed) {
        for &(r, k) in m.named.iter() {
            if !site.is_former(r) {
                duties[r.index()].push((s, k));
            }
        }
    }
    duties.par_iter_mut().filter(|d| d.len() > 1).for_each(|d| {
        d.sort_by_key(|&(s, k)| {
            let u = &site.upcoming(s)[k as usize];
            (u.date, site.schedule_of(s, u).start, s, k)
        });
        d.dedup();
    });
    duties
}

/// Fills in the reception indexes of `site`.
pub(super) fn compute(site: &mut Site, kept: &mut Receptions) {
    let today = site.today;
    let last = today + chrono::Days::new(u64::from(site.config.build.reception_days_ahead.saturating_sub(1)));
    let site_wide = SiteWide {
        today,
        last,
        tz: site.config.timezone,
        closures: site.closures.local.iter().map(ClosureKey::of).collect(),
    };
    let (computed, remade) = stations(site, kept, site_wide);
    for (node, m) in site.stations.iter_mut().zip(&computed) {
        node.upcoming = m.upcoming.clone();
        node.notices = m.notices.clone();
        node.calendar = m.calendar;
    }
    // Who is on duty when: the last model's while no station's dates were made again and
    // the same representatives are former.
    let former: Vec<bool> = site.rep_ids().map(|r| site.is_former(r)).collect();
    if !remade && kept.former == former && kept.duties.len() == site.reps.len() {
        site.duties = kept.duties.clone();
    } else {
        site.duties = Arc::new(duties(site, &computed));
        kept.duties = site.duties.clone();
        kept.former = former;
    }
    kept.stations = computed.into_iter().map(Some).collect();
}

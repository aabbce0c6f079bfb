//! Which pages an edit reaches, read from the site model: for each changed station,
//! representative, issue or page, the pages that show anything of it. Asked of the model
//! before the edit and of the model after it, the union is every page whose bytes may differ.

use std::collections::BTreeSet;

use crate::content::Changed;
use crate::model::Site;
use crate::render::pages::Job;

/// The region pages from the top down to `r`: each shows its sub-regions' totals, its
/// stations with their representatives, its own representatives and the coming week below it.
fn region_path(site: &Site, r: usize, jobs: &mut BTreeSet<Job>) {
    jobs.extend(site.region_path(r).into_iter().map(Job::Region));
}

/// Pages that show a representative: its own, its station's, the region pages above its
/// region and its station's region, and the indexes.
fn representative(site: &Site, r: usize, jobs: &mut BTreeSet<Job>) {
    jobs.insert(Job::Representative(r));
    let s = site.rep_station[r];
    jobs.insert(Job::Station(s));
    region_path(site, site.rep_region[r], jobs);
    region_path(site, site.station_region[s], jobs);
}

/// Pages that show a station's schedule (a reception date lists who is on duty): the
/// station's, the region pages above it (the coming week), and every representative on duty
/// there (their duty dates).
fn schedule(site: &Site, s: usize, jobs: &mut BTreeSet<Job>) {
    jobs.insert(Job::Station(s));
    region_path(site, site.station_region[s], jobs);
    for sch in &site.stations[s].receptions {
        jobs.extend(site.on_duty(sch).map(Job::Representative));
    }
}

/// Pages that show a station: its own and its schedule's, its representatives' (with their
/// regions: region pages list representatives with their station's name).
fn station(site: &Site, s: usize, jobs: &mut BTreeSet<Job>) {
    schedule(site, s, jobs);
    for &r in &site.station_reps[s] {
        jobs.insert(Job::Representative(r));
        region_path(site, site.rep_region[r], jobs);
    }
}

/// The pages of `site` that show anything of what `changed` names. `changed.everything` is
/// not handled here: it means every page.
pub fn affected(site: &Site, changed: &Changed) -> BTreeSet<Job> {
    let mut jobs = BTreeSet::new();
    if !changed.representatives.is_empty() || !changed.stations.is_empty() {
        // Counts and the coming week on the home page, the region tree, the people index
        // (which names each representative's station).
        jobs.extend([Job::Home, Job::Regions, Job::Representatives]);
    }
    if !changed.stations.is_empty() {
        jobs.insert(Job::Stations);
    }
    for slug in &changed.representatives {
        if let Some(&r) = site.rep_index.get(slug.as_str()) {
            representative(site, r, &mut jobs);
        }
    }
    // Schedules that name a changed representative, whether or not it exists (a duty entry
    // links it only if it does), and the station itself for a changed station.
    let named: Vec<usize> = (0..site.stations.len())
        .filter(|&s| {
            site.stations[s].receptions.iter().any(|sch| {
                sch.representatives
                    .iter()
                    .any(|slug| changed.representatives.contains(slug.as_str()))
            })
        })
        .collect();
    for s in named {
        schedule(site, s, &mut jobs);
    }
    for slug in &changed.stations {
        if let Some(&s) = site.station_index.get(slug.as_str()) {
            station(site, s, &mut jobs);
        }
    }
    if !changed.issues.is_empty() {
        // The latest issues on the home page, the list of all, every year page (their
        // previous/next year links), and each changed issue with its neighbours.
        jobs.extend([Job::Home, Job::Bulletins]);
        jobs.extend(site.years.keys().map(|&y| Job::Year(y)));
        for (year, number) in &changed.issues {
            let (Ok(y), Ok(n)) = (year.parse::<i32>(), number.parse::<u32>()) else {
                continue;
            };
            if let Some(i) = site
                .issues
                .iter()
                .position(|m| m.issue.year == y && m.issue.number == n)
            {
                jobs.insert(Job::Issue(i));
                if i > 0 {
                    jobs.insert(Job::Issue(i - 1));
                }
                if i + 1 < site.issues.len() {
                    jobs.insert(Job::Issue(i + 1));
                }
            }
        }
    }
    for slug in &changed.pages {
        if let Some(p) = site.pages.iter().position(|p| &p.slug == slug) {
            jobs.insert(Job::Page(p));
        }
    }
    jobs
}

/// The pages of the changed things themselves (a representative's own page for its file).
pub fn own_pages(site: &Site, changed: &Changed) -> BTreeSet<Job> {
    let mut jobs = BTreeSet::new();
    jobs.extend(
        changed
            .representatives
            .iter()
            .filter_map(|s| site.rep_index.get(s.as_str()))
            .map(|&r| Job::Representative(r)),
    );
    jobs.extend(
        changed
            .stations
            .iter()
            .filter_map(|s| site.station_index.get(s.as_str()))
            .map(|&s| Job::Station(s)),
    );
    for (year, number) in &changed.issues {
        if let (Ok(y), Ok(n)) = (year.parse::<i32>(), number.parse::<u32>())
            && let Some(i) = site
                .issues
                .iter()
                .position(|m| m.issue.year == y && m.issue.number == n)
        {
            jobs.insert(Job::Issue(i));
        }
    }
    for slug in &changed.pages {
        if let Some(p) = site.pages.iter().position(|p| &p.slug == slug) {
            jobs.insert(Job::Page(p));
        }
    }
    jobs
}

/// The same page in another model of the site (after an edit), if it is still there.
pub fn same_page(from: &Site, job: Job, to: &Site) -> Option<Job> {
    Some(match job {
        Job::Station(i) => Job::Station(*to.station_index.get(from.stations[i].slug.as_str())?),
        Job::Representative(i) => Job::Representative(*to.rep_index.get(from.reps[i].slug.as_str())?),
        Job::Region(i) => Job::Region(*to.region_index.get(from.regions[i].code.as_str())?),
        Job::Year(y) => {
            to.years.contains_key(&y).then_some(())?;
            Job::Year(y)
        }
        Job::Issue(i) => {
            let is = &from.issues[i].issue;
            Job::Issue(
                to.issues
                    .iter()
                    .position(|m| m.issue.year == is.year && m.issue.number == is.number)?,
            )
        }
        Job::Page(i) => Job::Page(to.pages.iter().position(|p| p.slug == from.pages[i].slug)?),
        other => other,
    })
}

//! Which pages an edit reaches, read from the site model: for each changed station,
//! representative, issue or page, the pages that show anything of it. Asked of the model
//! before the edit and of the model after it (and compared by key), the union is every page
//! whose bytes may differ.

use crate::content::Changed;
use crate::model::{RegionId, RepId, Site, StationId};
use crate::pages::Page;

/// The region pages from the top down to `r`: each shows its sub-regions' totals, the
/// stations of its sub-tree, its own representatives and the coming week below it.
fn region_path(site: &Site, r: RegionId, pages: &mut Vec<Page>) {
    pages.extend(site.region_path(r).into_iter().map(Page::Region));
}

/// Pages that show a representative: its own, its station's, the region pages above its
/// region and its station's region, and the indexes.
fn representative(site: &Site, r: RepId, pages: &mut Vec<Page>) {
    pages.push(Page::Representative(r));
    let s = site.rep_station(r);
    pages.push(Page::Station(s));
    pages.push(Page::Board(s));
    region_path(site, site.rep_region(r), pages);
    region_path(site, site.station_region(s), pages);
}

/// Pages that show a station's schedule (a reception date lists who is on duty): the
/// station's, the region pages above it (the coming week), and every representative on duty
/// there (their duty dates).
fn schedule(site: &Site, s: StationId, pages: &mut Vec<Page>) {
    pages.push(Page::Station(s));
    pages.push(Page::Board(s));
    pages.extend((0..site.notices(s).len() as u32).map(|n| Page::Notice(s, n)));
    region_path(site, site.station_region(s), pages);
    serving(site, s, pages);
    for sch in &site.station(s).receptions {
        pages.extend(site.on_duty(sch).map(Page::Representative));
    }
}

/// Pages that show a station's card (its name, next reception and phone) besides its region's:
/// the regions it serves and every region below them (a village without a station of its own
/// names its township's), its parent's page (1+N, the list of its 片区) and its children's
/// (their parent's name).
fn serving(site: &Site, s: StationId, pages: &mut Vec<Page>) {
    for r in site.station_serves(s) {
        pages.extend(site.subtree_regions(r).into_iter().map(Page::Region));
    }
    pages.extend(site.station_parent(s).map(Page::Station));
    pages.extend(site.station_children(s).iter().map(|&c| Page::Station(c)));
}

/// Pages that show a station: its own and its schedule's, its representatives' (with their
/// regions: region pages list representatives with their station's name).
fn station(site: &Site, s: StationId, pages: &mut Vec<Page>) {
    schedule(site, s, pages);
    for &r in site.station_reps(s) {
        pages.push(Page::Representative(r));
        region_path(site, site.rep_region(r), pages);
    }
}

/// Statistics pages that count a station (its kind, its representatives by level, the
/// coverage of its regions): the site's and those of the regions above it.
fn stats(site: &Site, s: StationId, pages: &mut Vec<Page>) {
    pages.push(Page::Stats(None));
    let regions = site
        .region_path(site.station_region(s))
        .into_iter()
        .chain(site.station_serves(s));
    pages.extend(
        regions
            .filter(|&r| crate::pages::has_stats(site, r))
            .map(|r| Page::Stats(Some(r))),
    );
}

/// The records pages of a station, every year and part.
fn records(site: &Site, s: StationId, pages: &mut Vec<Page>) {
    for &y in site.station_years(s).keys() {
        pages.extend((1..=site.station_record_parts(s, y)).map(|p| Page::Records(s, y, p)));
    }
}

/// Pages that show a ledger record's names: for a changed station, its records pages and the
/// pages of every representative its records name; for a changed representative, the pages of
/// the stations whose records name them (their latest records and records pages) and of the
/// representatives named beside them.
fn ledger(site: &Site, stations: &[StationId], reps: &[RepId], pages: &mut Vec<Page>) {
    for &s in stations {
        records(site, s, pages);
        stats(site, s, pages);
        let b = site.station_books(s);
        let named = b.activities.iter().map(|&k| &site.activity(k).1.reps);
        let named = named.chain(b.suggestions.iter().map(|&k| &site.suggestion(k).1.reps));
        pages.extend(named.flatten().map(|&r| Page::Representative(r)));
    }
    for &r in reps {
        stats(site, site.rep_station(r), pages);
        let b = site.rep_books(r);
        let linked = b.activities.iter().map(|&k| site.activity(k).1);
        for x in linked.chain(b.suggestions.iter().map(|&k| site.suggestion(k).1)) {
            pages.push(Page::Station(x.station));
            records(site, x.station, pages);
            pages.extend(x.reps.iter().map(|&o| Page::Representative(o)));
        }
    }
}

/// The issue a changed bulletin file names, if it is in the model.
fn issue_of(site: &Site, (year, number): &(String, String)) -> Option<crate::model::IssueId> {
    site.issue_by_number(year.parse().ok()?, number.parse().ok()?)
}

/// Pages that show an issue: the latest issues on the home page, the list of all, every year
/// page (their previous/next year links), and each changed issue with its neighbours.
fn issues(site: &Site, changed: &Changed, pages: &mut Vec<Page>) {
    pages.extend([Page::Home, Page::Bulletins]);
    pages.extend(site.years().keys().map(|&y| Page::Year(y)));
    for i in changed.issues.iter().filter_map(|k| issue_of(site, k)) {
        pages.push(Page::Issue(i));
        pages.extend(site.issue_before(i).map(Page::Issue));
        pages.extend(site.issue_after(i).map(Page::Issue));
    }
}

/// The pages of `site` that show anything of what `changed` names. `changed.everything` is
/// not handled here: it means every page.
pub(crate) fn affected(site: &Site, changed: &Changed) -> Vec<Page> {
    let mut pages = Vec::new();
    if !changed.representatives.is_empty() || !changed.stations.is_empty() {
        // Counts and the coming week on the home page, the region tree, the people index
        // (which names each representative's station).
        pages.extend([Page::Home, Page::Regions, Page::Former, Page::Data]);
        pages.extend(crate::pages::rep_index(site));
    }
    if !changed.stations.is_empty() {
        pages.extend(crate::pages::station_index(site));
    }
    for r in changed.representatives.iter().filter_map(|slug| site.rep_by_slug(slug)) {
        representative(site, r, &mut pages);
    }
    // Schedules that name a changed representative, whether or not it exists (a duty entry
    // links it only if it does), and the station itself for a changed station.
    let named: Vec<StationId> = site
        .station_ids()
        .filter(|&s| {
            site.station(s).receptions.iter().any(|sch| {
                sch.representatives
                    .iter()
                    .any(|slug| changed.representatives.contains(slug.as_str()))
            })
        })
        .collect();
    for s in named {
        schedule(site, s, &mut pages);
    }
    let stations: Vec<StationId> = changed
        .stations
        .iter()
        .filter_map(|slug| site.station_by_slug(slug))
        .collect();
    for &s in &stations {
        station(site, s, &mut pages);
    }
    let reps: Vec<RepId> = changed
        .representatives
        .iter()
        .filter_map(|slug| site.rep_by_slug(slug))
        .collect();
    ledger(site, &stations, &reps, &mut pages);
    if !changed.issues.is_empty() {
        issues(site, changed, &mut pages);
    }
    pages.extend(
        changed
            .pages
            .iter()
            .filter_map(|slug| site.page_by_slug(slug))
            .map(Page::Free),
    );
    pages
}

/// The pages of the changed things themselves (a representative's own page for its file).
pub(crate) fn own_pages(site: &Site, changed: &Changed) -> Vec<Page> {
    let mut pages: Vec<Page> = changed
        .representatives
        .iter()
        .filter_map(|s| site.rep_by_slug(s))
        .map(Page::Representative)
        .collect();
    pages.extend(
        changed
            .stations
            .iter()
            .filter_map(|s| site.station_by_slug(s))
            .map(Page::Station),
    );
    pages.extend(changed.issues.iter().filter_map(|k| issue_of(site, k)).map(Page::Issue));
    pages.extend(
        changed
            .pages
            .iter()
            .filter_map(|slug| site.page_by_slug(slug))
            .map(Page::Free),
    );
    pages
}

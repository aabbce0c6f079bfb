//! The two site-wide indexes, `/representatives/` and `/stations/`, cut into pages a phone can
//! open. Each index is a list of groups (a level and a region; a region), in a fixed order; the
//! groups are laid onto pages of at most a page's worth of entries, whole where they fit, a
//! group larger than a page running on over as many pages as it needs. Every entry is on
//! exactly one page, and the same content always gives the same pages.

use crate::content::representative::Level;

use super::{RegionId, RepId, Site, StationId};

/// How many representatives one page of `/representatives/` lists (about 60 KB of HTML).
pub(crate) const REPS_PER_PAGE: usize = 500;
/// How many stations one page of `/stations/` lists (a card is about five times a name).
pub(crate) const STATIONS_PER_PAGE: usize = 200;

/// One group of an index: what it is, and its entries in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Group<K, T> {
    pub(crate) key: K,
    pub(crate) items: Vec<T>,
}

/// The part of one group on one page: the group's position, and a range of its entries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Slice {
    pub(crate) group: usize,
    pub(crate) start: usize,
    pub(crate) end: usize,
}

/// An index: its groups, and the slices on each page (page 1 first; there is always one).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Listing<K, T> {
    pub(crate) groups: Vec<Group<K, T>>,
    pub(crate) pages: Vec<Vec<Slice>>,
}

impl<K, T> Default for Listing<K, T> {
    fn default() -> Self {
        Listing {
            groups: Vec::new(),
            pages: vec![Vec::new()],
        }
    }
}

impl<K, T> Listing<K, T> {
    pub(crate) fn new(groups: Vec<Group<K, T>>, per_page: usize) -> Self {
        let sizes: Vec<usize> = groups.iter().map(|g| g.items.len()).collect();
        Listing {
            pages: paginate(&sizes, per_page),
            groups,
        }
    }
    /// How many pages (1 and up).
    pub(crate) fn page_count(&self) -> u32 {
        self.pages.len() as u32
    }
    /// The slices of page `n` (1 and up); none past the last.
    pub(crate) fn page(&self, n: u32) -> &[Slice] {
        n.checked_sub(1)
            .and_then(|i| self.pages.get(i as usize))
            .map(Vec::as_slice)
            .unwrap_or(&[])
    }
    /// The page (1 and up) on which group `g` starts.
    pub(crate) fn page_of_group(&self, g: usize) -> u32 {
        self.pages
            .iter()
            .position(|p| p.iter().any(|s| s.group == g && s.start == 0))
            .map_or(1, |i| i as u32 + 1)
    }
}

/// Lays groups of these sizes onto pages of at most `per_page` entries. A group goes whole
/// onto the current page if it fits, else it starts a new page; a group longer than a page
/// fills pages of its own and leaves its rest for the groups after it. Empty groups take no
/// room and are left out.
pub(crate) fn paginate(sizes: &[usize], per_page: usize) -> Vec<Vec<Slice>> {
    let per_page = per_page.max(1);
    let mut pages: Vec<Vec<Slice>> = vec![Vec::new()];
    let mut fill = 0;
    for (group, &n) in sizes.iter().enumerate() {
        if n == 0 {
            continue;
        }
        if fill > 0 && fill + n > per_page {
            pages.push(Vec::new());
            fill = 0;
        }
        let mut start = 0;
        while start < n {
            if fill == per_page {
                pages.push(Vec::new());
                fill = 0;
            }
            let end = n.min(start + per_page - fill);
            if let Some(p) = pages.last_mut() {
                p.push(Slice { group, start, end });
            }
            fill += end - start;
            start = end;
        }
    }
    pages
}

/// The indexes of a site.
#[derive(Debug, Default)]
pub(crate) struct Listings {
    /// Current representatives, each once, under their highest level, then by the picker
    /// region of their own region (code order), then in stroke order.
    pub(crate) reps: Listing<(Level, RegionId), RepId>,
    /// Stations by picker region (code order), each group in the order of its stations' own
    /// region codes, then kind and slug.
    pub(crate) stations: Listing<RegionId, StationId>,
}

/// The last `/representatives/` listing, with what it was made from.
#[derive(Default)]
pub(crate) struct Kept {
    key: Option<RepsKey>,
    reps: Listing<(Level, RegionId), RepId>,
}

/// Everything the listing of representatives is made from.
#[derive(PartialEq, Eq)]
struct RepsKey {
    by_level: Vec<(Level, Vec<RepId>)>,
    /// Each representative's highest level and region.
    places: Vec<(Level, RegionId)>,
    pickers: Vec<RegionId>,
}

/// Computes both indexes (once the site knows its home region); the representatives' from
/// `kept` when nothing it is made from changed (an edit of a representative's unit or
/// biography leaves 140,000 entries where they were).
pub(crate) fn index(site: &mut Site, kept: &mut Kept) {
    let pickers = pickers(site);
    let key = RepsKey {
        by_level: site.reps_by_level().to_vec(),
        places: site
            .rep_ids()
            .map(|r| (site.top_level(r), site.rep_region(r)))
            .collect(),
        pickers,
    };
    if kept.key.as_ref() != Some(&key) {
        kept.reps = Listing::new(rep_groups(site, &key.pickers), REPS_PER_PAGE);
        kept.key = Some(key);
    }
    site.listings = Listings {
        reps: kept.reps.clone(),
        stations: Listing::new(station_groups(site), STATIONS_PER_PAGE),
    };
}

/// The picker region of every region, by id.
fn pickers(site: &Site) -> Vec<RegionId> {
    site.region_ids().map(|r| site.picker_region_of(r)).collect()
}

/// Groups in region code order: the regions' ids are in code order.
fn by_picker<T>(site: &Site, items: impl Iterator<Item = (RegionId, T)>) -> Vec<(RegionId, Vec<T>)> {
    let mut groups: Vec<Vec<T>> = site.region_ids().map(|_| Vec::new()).collect();
    for (g, x) in items {
        groups[g.index()].push(x);
    }
    site.region_ids()
        .zip(groups)
        .filter(|(_, items)| !items.is_empty())
        .collect()
}

fn rep_groups(site: &Site, picker: &[RegionId]) -> Vec<Group<(Level, RegionId), RepId>> {
    let mut out = Vec::new();
    for (level, reps) in site.reps_by_level() {
        // only under the highest of their levels
        let highest = reps
            .iter()
            .filter(|&&r| site.top_level(r) == *level)
            .map(|&r| (picker[site.rep_region(r).index()], r));
        out.extend(by_picker(site, highest).into_iter().map(|(g, items)| Group {
            key: (*level, g),
            items,
        }));
    }
    out
}

fn station_groups(site: &Site) -> Vec<Group<RegionId, StationId>> {
    let picker = pickers(site);
    let all = site
        .region_ids()
        .flat_map(|r| site.region(r).stations.iter().map(move |&s| (r, s)))
        .map(|(r, s)| (picker[r.index()], s));
    by_picker(site, all)
        .into_iter()
        .map(|(key, items)| Group { key, items })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn covered(sizes: &[usize], pages: &[Vec<Slice>]) -> Vec<Vec<(usize, usize)>> {
        let mut seen: Vec<Vec<(usize, usize)>> = vec![Vec::new(); sizes.len()];
        for p in pages {
            for s in p {
                seen[s.group].push((s.start, s.end));
            }
        }
        seen
    }

    #[test]
    fn every_entry_is_on_exactly_one_page_and_no_page_is_over() {
        for per_page in [1, 3, 5, 500] {
            for sizes in [
                vec![],
                vec![0],
                vec![4],
                vec![2, 2, 2],
                vec![7, 1, 0, 12, 3],
                vec![500, 1, 499, 1000],
            ] {
                let pages = paginate(&sizes, per_page);
                assert!(!pages.is_empty());
                for p in &pages {
                    let n: usize = p.iter().map(|s| s.end - s.start).sum();
                    assert!(n <= per_page, "{sizes:?} / {per_page}: a page of {n}");
                }
                // each group covered by contiguous ranges from 0 to its size, in order
                for (g, ranges) in covered(&sizes, &pages).into_iter().enumerate() {
                    let mut at = 0;
                    for (a, b) in ranges {
                        assert_eq!(a, at, "{sizes:?} / {per_page}");
                        assert!(b > a);
                        at = b;
                    }
                    assert_eq!(at, sizes[g], "{sizes:?} / {per_page}");
                }
            }
        }
    }

    #[test]
    fn groups_stay_whole_when_they_fit() {
        // 3 + 2 fit a page of 5; 4 does not fit after them, so it starts page 2
        let pages = paginate(&[3, 2, 4], 5);
        assert_eq!(pages.len(), 2);
        assert_eq!(pages[0].len(), 2);
        assert_eq!(
            pages[1],
            vec![Slice {
                group: 2,
                start: 0,
                end: 4
            }]
        );
        // a group longer than a page fills pages of its own, and the rest shares
        let pages = paginate(&[1, 12, 2], 5);
        let shape: Vec<Vec<(usize, usize, usize)>> = pages
            .iter()
            .map(|p| p.iter().map(|s| (s.group, s.start, s.end)).collect())
            .collect();
        assert_eq!(
            shape,
            vec![
                vec![(0, 0, 1)],
                vec![(1, 0, 5)],
                vec![(1, 5, 10)],
                vec![(1, 10, 12), (2, 0, 2)],
            ]
        );
    }

    #[test]
    fn the_page_a_group_starts_on() {
        let l = Listing::new(
            vec![
                Group {
                    key: 'a',
                    items: vec![1; 4],
                },
                Group {
                    key: 'b',
                    items: vec![2; 4],
                },
            ],
            5,
        );
        assert_eq!(l.page_count(), 2);
        assert_eq!((l.page_of_group(0), l.page_of_group(1)), (1, 2));
        assert!(l.page(3).is_empty() && l.page(0).is_empty());
    }
}

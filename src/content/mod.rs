//! Loading: the files of a site → typed content with source spans.
//!
//! Every file is read and parsed in parallel; every problem becomes a diagnostic, and loading
//! goes on so that one run reports all of them. Cross-file rules are in `validate`.

pub mod bulletin;
pub mod fields;
mod files;
pub mod frontmatter;
pub(crate) mod holidays;
mod item;
mod kind;
pub(crate) mod ledger;
pub(crate) mod page;
pub(crate) mod reception;
pub(crate) mod region;
pub(crate) mod representative;
pub(crate) mod site;
pub(crate) mod slug;
pub(crate) mod station;

use std::collections::BTreeSet;
use std::path::Path;
use std::sync::Arc;

use crate::diag::Diagnostics;
use crate::layout::Root;
pub(crate) use bulletin::Issue;
pub(crate) use files::{Changed, Files};
pub use item::check_text;
pub(crate) use item::read_source;
pub(crate) use page::Page;
pub(crate) use region::RegionEntry;
pub(crate) use representative::{Level, Representative};
pub(crate) use site::SiteConfig;
pub(crate) use station::Station;

use holidays::Closure;

/// Everything a site's files say, each value checked on its own (not yet against each other).
/// Stations, representatives, issues and pages are shared (`Arc`) with the [`Files`] they were
/// read from, so that a rebuild after one edit reuses every other file's parse.
#[derive(Debug)]
pub(crate) struct Content {
    pub(crate) root: Root,
    pub(crate) config: SiteConfig,
    pub(crate) regions: Vec<RegionEntry>,
    /// Sorted by slug.
    pub(crate) stations: Vec<Arc<Station>>,
    /// Sorted by slug.
    pub(crate) representatives: Vec<Arc<Representative>>,
    /// Sorted by year, then number.
    pub(crate) issues: Vec<Arc<Issue>>,
    /// Sorted by slug.
    pub(crate) pages: Vec<Arc<Page>>,
    /// The slugs of every station and representative file, including files that failed to
    /// load, so that references to them are not reported a second time.
    pub(crate) station_files: Arc<BTreeSet<String>>,
    pub(crate) representative_files: Arc<BTreeSet<String>>,
    /// Every region code written in regions.toml, including entries that failed to load.
    pub(crate) region_codes: BTreeSet<String>,
    /// Local closures from content/holidays.toml.
    pub(crate) closures: Vec<Closure>,
    /// The ledger files, by book and year.
    pub(crate) ledgers: Vec<Arc<ledger::Sheet>>,
    /// Which items the cross-file rules must look at.
    pub(crate) scope: Scope,
}

/// Which stations, representatives, issues and pages the cross-file rules must look at: all
/// of them, or only those edited since the last check that passed (the others passed it then,
/// against the same set of files, the same site.toml and the same regions).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Scope {
    all: bool,
    /// Positions in [`Content`]'s lists, one set per [`List`].
    edited: [BTreeSet<usize>; 4],
}

/// Which list of [`Content`] a position is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum List {
    Stations,
    Representatives,
    Issues,
    Pages,
}

impl Default for Scope {
    fn default() -> Scope {
        Scope::all()
    }
}

impl Scope {
    pub(crate) fn all() -> Scope {
        Scope {
            all: true,
            edited: Default::default(),
        }
    }
    /// Nothing to look at again.
    pub(crate) fn none() -> Scope {
        Scope {
            all: false,
            edited: Default::default(),
        }
    }
    pub(crate) fn add(&mut self, list: List, at: usize) {
        self.edited[list as usize].insert(at);
    }
    /// The items of one list to look at, in their order.
    pub(crate) fn pick<'a, T>(&self, list: List, items: &'a [T]) -> Vec<&'a T> {
        if self.all {
            return items.iter().collect();
        }
        self.edited[list as usize]
            .iter()
            .filter_map(|&k| items.get(k))
            .collect()
    }
}

/// Loads site.toml and every file under content/. The content is returned even when there are
/// problems (with whatever loaded), so that cross-file validation can report its own.
pub(crate) fn load(root: &Path) -> (Content, Diagnostics) {
    Files::scan(root).content()
}

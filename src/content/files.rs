//! The files of a site as last read, kept between builds so that a rebuild re-reads only what
//! changed, and what changed in terms of content: stations, representatives, issues, pages.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::sync::Arc;

use rayon::prelude::*;

use super::holidays::Closure;
use super::item::{Item, load_file, read_source};
use super::kind::{FileKind, classify, proper_name};
use super::{Content, Issue, List, Page, RegionEntry, Representative, Scope, SiteConfig, Station, ledger, site};
use crate::diag::{Diagnostic, Diagnostics};
use crate::layout::{self, Root};
use rustc_hash::FxHashMap as HashMap;

/// One file's part in a site: what it is, what it gave, and what was wrong with it.
#[derive(Debug, Clone)]
struct Loaded {
    item: Option<Item>,
    diags: Diagnostics,
}

/// The files of a site as last read, one entry per file, kept between builds: a rebuild
/// re-reads only the files it is told changed ([`Files::update`]) and assembles the
/// [`Content`] from the rest as they were.
#[derive(Debug, Clone)]
pub(crate) struct Files {
    root: Root,
    config: Option<SiteConfig>,
    /// Problems of site.toml and of the content folder itself.
    site_diags: Diagnostics,
    /// Folders under content/ that could not be read.
    walk_diags: Diagnostics,
    /// By path relative to the root (`content/stations/a.md`).
    entries: BTreeMap<String, Loaded>,
    /// The slugs of the station and representative files among them.
    station_files: Arc<BTreeSet<String>>,
    representative_files: Arc<BTreeSet<String>>,
    /// What the entries give, in the content's order.
    lists: Lists,
    /// What the cross-file rules have not seen pass as it now is.
    unchecked: Scope,
}

/// The items of the entries in the order [`Content`] gives them, with where each file's item
/// is: an edit inside a file puts its new parse in the same place instead of sorting 140,000
/// representatives again. Made anew when a file comes, goes, or changes what it is.
#[derive(Debug, Clone, Default)]
struct Lists {
    regions: Vec<RegionEntry>,
    region_codes: BTreeSet<String>,
    closures: Vec<Closure>,
    stations: Vec<Arc<Station>>,
    representatives: Vec<Arc<Representative>>,
    issues: Vec<Arc<Issue>>,
    pages: Vec<Arc<Page>>,
    ledgers: Vec<Arc<ledger::Sheet>>,
    /// The position of each station, representative, issue and page file's item in its list.
    at: HashMap<String, usize>,
    /// The files with problems of their own, in path order.
    troubled: BTreeSet<String>,
}

impl Lists {
    fn of(entries: &BTreeMap<String, Loaded>) -> Lists {
        let mut l = Lists::default();
        let mut stations = Vec::new();
        let mut reps = Vec::new();
        let mut issues = Vec::new();
        let mut pages = Vec::new();
        for (rel, loaded) in entries {
            if !loaded.diags.is_empty() {
                l.troubled.insert(rel.clone());
            }
            match &loaded.item {
                Some(Item::Regions(r, codes)) => {
                    l.regions = r.as_ref().clone();
                    l.region_codes.extend(codes.iter().cloned());
                }
                Some(Item::Holidays(c)) => l.closures = c.as_ref().clone(),
                Some(Item::Station(s)) => stations.push((rel, s.clone())),
                Some(Item::Representative(r)) => reps.push((rel, r.clone())),
                Some(Item::Issue(i)) => issues.push((rel, i.clone())),
                Some(Item::Page(p)) => pages.push((rel, p.clone())),
                Some(Item::Ledger(x)) => l.ledgers.push(x.clone()),
                None => {}
            }
        }
        stations.sort_by(|a, b| a.1.slug.cmp(&b.1.slug));
        reps.sort_by(|a, b| a.1.slug.cmp(&b.1.slug));
        issues.sort_by_key(|(_, i)| (i.year, i.number));
        pages.sort_by(|a, b| a.1.slug.cmp(&b.1.slug));
        l.ledgers.sort_by_key(|x| (x.book, x.year));
        fn place<T>(at: &mut HashMap<String, usize>, items: Vec<(&String, T)>) -> Vec<T> {
            items
                .into_iter()
                .enumerate()
                .map(|(k, (rel, x))| {
                    at.insert(rel.clone(), k);
                    x
                })
                .collect()
        }
        l.stations = place(&mut l.at, stations);
        l.representatives = place(&mut l.at, reps);
        l.issues = place(&mut l.at, issues);
        l.pages = place(&mut l.at, pages);
        l
    }

    /// Puts a file's new item where its old one was, if it is the same kind of item in the
    /// same place of the order (an edit inside the file), and notes it in `unchecked`; false
    /// if the lists must be made anew.
    fn patch(&mut self, rel: &str, old: Option<&Item>, new: &Loaded, unchecked: &mut Scope) -> bool {
        if new.diags.is_empty() {
            self.troubled.remove(rel);
        } else {
            self.troubled.insert(rel.to_string());
        }
        let Some(&k) = self.at.get(rel) else { return false };
        match (old, &new.item) {
            (Some(Item::Station(_)), Some(Item::Station(s))) => {
                self.stations[k] = s.clone();
                unchecked.add(List::Stations, k);
            }
            (Some(Item::Representative(_)), Some(Item::Representative(r))) => {
                self.representatives[k] = r.clone();
                unchecked.add(List::Representatives, k);
            }
            (Some(Item::Page(_)), Some(Item::Page(p))) => {
                self.pages[k] = p.clone();
                unchecked.add(List::Pages, k);
            }
            (Some(Item::Issue(a)), Some(Item::Issue(b))) if (a.year, a.number) == (b.year, b.number) => {
                self.issues[k] = b.clone();
                unchecked.add(List::Issues, k);
            }
            _ => return false,
        }
        true
    }
}

/// What [`Files::update`] found: which content entities changed, or that only a full reload
/// can tell.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(crate) struct Changed {
    /// site.toml, regions.toml or holidays.toml changed, or a folder: everything may depend on it.
    pub(crate) everything: bool,
    pub(crate) stations: BTreeSet<String>,
    pub(crate) representatives: BTreeSet<String>,
    /// (year folder, file stem) as written, e.g. ("2026", "3").
    pub(crate) issues: BTreeSet<(String, String)>,
    pub(crate) pages: BTreeSet<String>,
}

impl Changed {
    pub(crate) fn is_empty(&self) -> bool {
        !self.everything
            && self.stations.is_empty()
            && self.representatives.is_empty()
            && self.issues.is_empty()
            && self.pages.is_empty()
    }
}

fn read_config(root: &Root, diags: &mut Diagnostics) -> Option<SiteConfig> {
    match read_source(root, layout::SITE_TOML) {
        Ok(src) => site::read(&src, diags),
        Err(_) if root.given.join(layout::SITE_TOML).symlink_metadata().is_err() => {
            diags.push(
                Diagnostic::whole_file(
                    &root.given,
                    layout::SITE_TOML,
                    "no site.toml here: this is not a liaison site",
                )
                .with_hint("run liaison in the site's folder or pass --root DIR"),
            );
            None
        }
        Err(d) => {
            diags.push(d);
            None
        }
    }
}

/// site.toml, and whether the content folder is there.
fn read_site(root: &Root) -> (Option<SiteConfig>, Diagnostics) {
    let mut diags = Diagnostics::new();
    let config = read_config(root, &mut diags);
    match root.resolve(layout::CONTENT) {
        Ok(dir) if dir.is_dir() => {}
        Ok(_) => diags.push(Diagnostic::whole_file(
            &root.given,
            layout::CONTENT,
            "the content/ folder is missing",
        )),
        Err(why) => {
            diags.push(Diagnostic::whole_file(&root.given, layout::CONTENT, why.to_string()).with_hint(why.hint()))
        }
    }
    (config, diags)
}

/// Records that the station or representative file `slug` is there, or is gone.
fn mark(set: &mut Arc<BTreeSet<String>>, slug: &str, present: bool) {
    let set = Arc::make_mut(set);
    if present {
        set.insert(slug.to_string());
    } else {
        set.remove(slug);
    }
}

fn unexpected(root: &Root, rel: &str) -> Loaded {
    Loaded {
        item: None,
        diags: Diagnostic::whole_file(&root.given, rel, "this file is not in a place liaison reads")
            .with_hint("content files go in content/stations/, content/representatives/, content/bulletins/<year>/ and content/pages/")
            .into(),
    }
}

fn misnamed_file(root: &Root, rel: &str) -> Loaded {
    let file = rel.rsplit('/').next().unwrap_or(rel);
    Loaded {
        item: None,
        diags: Diagnostic::whole_file(
            &root.given,
            rel,
            "liaison reads only files ending in lowercase `.md` (or `.toml`)",
        )
        .with_hint(format!("rename the file to `{}`", proper_name(file)))
        .into(),
    }
}

fn misnamed_ledger(root: &Root, rel: &str) -> Loaded {
    Loaded {
        item: None,
        diags: Diagnostic::whole_file(
            &root.given,
            rel,
            "a ledger is named `activities-<year>.csv` or `suggestions-<year>.csv`",
        )
        .with_hint("save the sheet as CSV (UTF-8) under one of those names, such as `suggestions-2026.csv`")
        .into(),
    }
}

fn read_one(root: &Root, rel: &str, kind: FileKind) -> Loaded {
    match kind {
        FileKind::Unexpected => return unexpected(root, rel),
        FileKind::LedgerMisnamed => return misnamed_ledger(root, rel),
        FileKind::Misnamed => return misnamed_file(root, rel),
        _ => {}
    }
    let mut diags = Diagnostics::new();
    let item = load_file(root, rel, kind, &mut diags);
    Loaded { item, diags }
}

impl Files {
    /// Reads site.toml and every file under content/, in parallel.
    pub(crate) fn scan(root: &Path) -> Files {
        let root = Root::new(root);
        let (config, site_diags) = read_site(&root);
        let mut walk_diags = Diagnostics::new();
        let walked = root.files_under(layout::CONTENT);
        for (rel, why) in &walked.refused {
            walk_diags.push(Diagnostic::whole_file(&root.given, rel, why.to_string()).with_hint(why.hint()));
        }
        let mut found = Vec::new();
        for (rel, _) in walked.files {
            let Some(rel_content) = rel.strip_prefix("content/") else {
                continue;
            };
            match classify(rel_content) {
                FileKind::Ignored => {}
                kind => found.push((rel.clone(), kind)),
            }
        }
        let mut station_files = Arc::default();
        let mut representative_files = Arc::default();
        for (_, kind) in &found {
            match kind {
                FileKind::Station(s) => mark(&mut station_files, s, true),
                FileKind::Representative(s) => mark(&mut representative_files, s, true),
                _ => {}
            }
        }
        let entries = found
            .into_par_iter()
            .map(|(rel, kind)| {
                let loaded = read_one(&root, &rel, kind);
                (rel, loaded)
            })
            .collect();
        Files {
            root,
            config,
            site_diags,
            walk_diags,
            lists: Lists::of(&entries),
            unchecked: Scope::all(),
            entries,
            station_files,
            representative_files,
        }
    }

    /// Re-reads the given files (paths relative to the root, as the watcher reports them):
    /// a file that is gone is dropped, a new one added. Paths outside site.toml and content/
    /// are not content and are skipped.
    pub(crate) fn update(&mut self, rels: &[String]) -> Changed {
        let mut changed = Changed::default();
        let mut stale = false;
        for rel in rels {
            let rel = rel.trim_start_matches("./");
            if rel == "site.toml" {
                (self.config, self.site_diags) = read_site(&self.root);
                changed.everything = true;
                continue;
            }
            let Some(rel_content) = rel.strip_prefix("content/") else {
                if rel == "content" {
                    changed.everything = true;
                }
                continue;
            };
            let path = self.root.given.join(rel);
            // A link is what it points at (inside the site; reading it says so otherwise).
            let present = path.is_file() || path.symlink_metadata().is_ok_and(|m| m.file_type().is_symlink());
            let inside = format!("{rel}/");
            let held_files = || {
                self.entries
                    .range(inside.clone()..)
                    .next()
                    .is_some_and(|(k, _)| k.starts_with(&inside))
            };
            if path.is_dir() || (!present && !path.exists() && held_files()) {
                // A folder added, renamed or removed: only a full scan knows what is in it.
                changed.everything = true;
                continue;
            }
            let kind = classify(rel_content);
            match &kind {
                FileKind::Ignored => continue,
                // a ledger reaches station, representative, region and statistics pages
                FileKind::Regions
                | FileKind::Holidays
                | FileKind::Ledger(..)
                | FileKind::LedgerMisnamed
                | FileKind::Unexpected
                | FileKind::Misnamed => changed.everything = true,
                FileKind::Station(s) => {
                    changed.stations.insert(s.clone());
                    mark(&mut self.station_files, s, present);
                }
                FileKind::Representative(s) => {
                    changed.representatives.insert(s.clone());
                    mark(&mut self.representative_files, s, present);
                }
                FileKind::Issue { year, number } => {
                    changed.issues.insert((year.clone(), number.clone()));
                }
                FileKind::Page(s) => {
                    changed.pages.insert(s.clone());
                }
            }
            if present {
                let loaded = read_one(&self.root, rel, kind);
                let old = self.entries.get(rel).and_then(|l| l.item.as_ref());
                stale |= !self.lists.patch(rel, old, &loaded, &mut self.unchecked);
                self.entries.insert(rel.to_string(), loaded);
            } else {
                stale |= self.entries.remove(rel).is_some();
            }
        }
        if stale || changed.everything {
            self.unchecked = Scope::all();
        }
        if stale {
            self.lists = Lists::of(&self.entries);
        }
        changed
    }

    /// The content as it now is passed the cross-file rules: only what is edited after this
    /// is looked at again.
    pub(crate) fn checked(&mut self) {
        self.unchecked = Scope::none();
    }

    /// Something outside content/ that the rules look at changed (a file under static/ that
    /// a `photo` names): every item is looked at again.
    pub(crate) fn check_all(&mut self) {
        self.unchecked = Scope::all();
    }

    /// The content as the files now say, and every problem found in them one by one.
    pub(crate) fn content(&self) -> (Content, Diagnostics) {
        let mut diags = self.site_diags.clone();
        diags.extend(self.walk_diags.clone());
        for rel in &self.lists.troubled {
            if let Some(loaded) = self.entries.get(rel) {
                diags.extend(loaded.diags.clone());
            }
        }
        let l = &self.lists;
        let content = Content {
            root: self.root.clone(),
            config: self.config.clone().unwrap_or_else(SiteConfig::fallback),
            regions: l.regions.clone(),
            stations: l.stations.clone(),
            representatives: l.representatives.clone(),
            issues: l.issues.clone(),
            pages: l.pages.clone(),
            station_files: self.station_files.clone(),
            representative_files: self.representative_files.clone(),
            region_codes: l.region_codes.clone(),
            closures: l.closures.clone(),
            ledgers: l.ledgers.clone(),
            scope: self.unchecked.clone(),
        };
        (content, diags)
    }
}

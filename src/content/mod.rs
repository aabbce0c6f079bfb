//! Loading: the files of a site → typed content with source spans.
//!
//! Every file is read and parsed in parallel; every problem becomes a diagnostic, and loading
//! goes on so that one run reports all of them. Cross-file rules are in `validate`.

pub mod bulletin;
pub mod fields;
pub mod frontmatter;
pub(crate) mod holidays;
pub(crate) mod page;
pub(crate) mod reception;
pub(crate) mod region;
pub(crate) mod representative;
pub(crate) mod site;
pub(crate) mod slug;
pub(crate) mod station;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::sync::Arc;

use rayon::prelude::*;

use crate::diag::{Diagnostic, Diagnostics, Source, SourceRef};
use crate::layout::{self, Root};
pub(crate) use bulletin::Issue;
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
}

/// What a file under content/ is, from its path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum FileKind {
    Regions,
    Holidays,
    Station(String),
    Representative(String),
    Issue {
        year: String,
        number: String,
    },
    Page(String),
    Unexpected,
    /// A content file whose extension is not the lowercase `.md` or `.toml` liaison reads
    /// (`a.MD`, `a.markdown`): reported, never silently skipped.
    Misnamed,
    Ignored,
}

pub(crate) fn classify(rel_in_content: &str) -> FileKind {
    let parts: Vec<&str> = rel_in_content.split('/').collect();
    let file = parts.last().copied().unwrap_or("");
    if layout::has_scratch_part(rel_in_content) {
        return FileKind::Ignored;
    }
    if misnamed(file) {
        return FileKind::Misnamed;
    }
    let md_stem = |f: &str| f.strip_suffix(".md").map(str::to_string);
    match parts.as_slice() {
        ["regions.toml"] => FileKind::Regions,
        ["holidays.toml"] => FileKind::Holidays,
        ["stations", f] if f.ends_with(".md") => FileKind::Station(md_stem(f).unwrap_or_default()),
        ["representatives", f] if f.ends_with(".md") => FileKind::Representative(md_stem(f).unwrap_or_default()),
        ["pages", f] if f.ends_with(".md") => FileKind::Page(md_stem(f).unwrap_or_default()),
        ["bulletins", y, f] if f.ends_with(".md") => FileKind::Issue {
            year: y.to_string(),
            number: md_stem(f).unwrap_or_default(),
        },
        _ if file.ends_with(".md") || file.ends_with(".toml") => FileKind::Unexpected,
        _ => FileKind::Ignored,
    }
}

/// Whether a file name has an extension that is `.md` or `.toml` in another spelling.
fn misnamed(file: &str) -> bool {
    let Some((stem, ext)) = file.rsplit_once('.') else {
        return false;
    };
    let lower = ext.to_ascii_lowercase();
    !stem.is_empty() && ((matches!(lower.as_str(), "md" | "toml") && ext != lower) || lower == "markdown")
}

/// The name a misnamed content file should have.
fn proper_name(file: &str) -> String {
    let (stem, ext) = file.rsplit_once('.').unwrap_or((file, "md"));
    let ext = if ext.eq_ignore_ascii_case("toml") { "toml" } else { "md" };
    format!("{stem}.{ext}")
}

/// Reads a file of the site as UTF-8; invalid bytes are reported at their line and column.
pub(crate) fn read_source(root: &Root, rel: &str) -> Result<SourceRef, crate::diag::Diagnostic> {
    let given = root.given.as_path();
    let bytes = root.read(rel).map_err(|e| {
        let d = Diagnostic::whole_file(given, rel, e.to_string());
        match &e {
            layout::ReadError::Refused(r) => d.with_hint(r.hint()),
            layout::ReadError::Io(_) => d,
        }
    })?;
    match String::from_utf8(bytes) {
        Ok(text) => Ok(Source::new(given, rel, text)),
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let prefix = String::from_utf8_lossy(&e.as_bytes()[..valid]).into_owned();
            let src = Source::new(given, rel, prefix);
            Err(src
                .error(valid..valid, "the file is not valid UTF-8")
                .with_hint("save it as UTF-8 (not GBK/GB18030)"))
        }
    }
}

/// What one file gave.
#[derive(Debug, Clone)]
pub(crate) enum Item {
    Holidays(Arc<Vec<Closure>>),
    Regions(Arc<Vec<RegionEntry>>, Arc<Vec<String>>),
    Station(Arc<Station>),
    Representative(Arc<Representative>),
    Issue(Arc<Issue>),
    Page(Arc<Page>),
}

fn bad_slug(src: &Source, slug: &str, diags: &mut Diagnostics) -> bool {
    if slug::is_valid(slug) {
        return false;
    }
    diags.push(
        src.error(
            0..0,
            format!("`{slug}` is not a valid file name for a URL: use lowercase letters a-z, digits and `-`"),
        )
        .with_hint(format!("rename the file to `{}.md`", slug::suggest(slug))),
    );
    true
}

/// Reports every control character (other than tab and line ends) in `range` of a file: one
/// pasted from a word processor is invisible on screen but breaks the feed and calendars.
pub(crate) fn control_characters(src: &Source, range: std::ops::Range<usize>, diags: &mut Diagnostics) {
    let text = src.text.get(range.clone()).unwrap_or_default();
    for (i, c) in text.char_indices().filter(|&(_, c)| crate::text::is_forbidden(c)) {
        let at = range.start + i;
        diags.push(
            src.error(
                at..at + c.len_utf8(),
                format!("invisible control character U+{:04X} in the text", c as u32),
            )
            .with_hint("delete it (it is often pasted from a word processor); liaison publishes no control characters"),
        );
    }
}

/// Reads one content file.
fn load_file(root: &Root, rel: &str, kind: FileKind, diags: &mut Diagnostics) -> Option<Item> {
    match read_source(root, rel) {
        Ok(src) => parse_source(&src, kind, diags),
        Err(d) => {
            diags.push(d);
            None
        }
    }
}

/// Every problem the reader finds in the text of a content file at `rel` (relative to the
/// site folder, such as `content/stations/a.md`): the reader without the file system, for
/// tests and fuzzing.
pub fn check_text(rel: &str, text: &str) -> Diagnostics {
    let mut diags = Diagnostics::new();
    let kind = rel.strip_prefix("content/").map_or(FileKind::Unexpected, classify);
    let src = Source::new(Path::new("."), rel, text.to_string());
    parse_source(&src, kind, &mut diags);
    diags
}

fn parse_source(src: &SourceRef, kind: FileKind, diags: &mut Diagnostics) -> Option<Item> {
    let src = src.clone();
    if kind == FileKind::Holidays {
        return Some(Item::Holidays(Arc::new(holidays::read(&src, diags))));
    }
    if kind == FileKind::Regions {
        let (regions, codes) = region::read(&src, diags);
        return Some(Item::Regions(Arc::new(regions), Arc::new(codes)));
    }
    let parts = match frontmatter::split(&src) {
        Ok(p) => p,
        Err(d) => {
            diags.push(d);
            return None;
        }
    };
    let table = fields::parse(&src, &src.text[parts.front.clone()], parts.front.start, diags)?;
    let file_start = if src.text.starts_with('\u{feff}') { 3 } else { 0 };
    let t = fields::Table::new(&src, parts.front.start, &table, file_start..file_start);
    let body = parts.body;
    control_characters(&src, body.clone(), diags);
    match kind {
        FileKind::Station(slug) => {
            let bad = bad_slug(&src, &slug, diags);
            let s = station::read(&slug, &src, &t, body, diags);
            if bad {
                None
            } else {
                s.map(|s| Item::Station(Arc::new(s)))
            }
        }
        FileKind::Representative(slug) => {
            let bad = bad_slug(&src, &slug, diags);
            let r = representative::read(&slug, &src, &t, body, diags);
            if bad {
                None
            } else {
                r.map(|r| Item::Representative(Arc::new(r)))
            }
        }
        FileKind::Page(slug) => {
            let mut bad = bad_slug(&src, &slug, diags);
            if page::RESERVED.contains(&slug.as_str()) {
                diags.push(
                    src.error(
                        0..0,
                        format!("the page name `{slug}` is taken by the site's own /{slug}/ pages"),
                    )
                    .with_hint("rename the file"),
                );
                bad = true;
            }
            let p = page::read(&slug, &src, &t, body, diags);
            if bad { None } else { p.map(|p| Item::Page(Arc::new(p))) }
        }
        FileKind::Issue { year, number } => {
            let y = year
                .parse::<i32>()
                .ok()
                .filter(|y| year.len() == 4 && (1949..=2200).contains(y));
            let n = number
                .parse::<u32>()
                .ok()
                .filter(|n| *n >= 1 && !number.starts_with('0') && number.bytes().all(|b| b.is_ascii_digit()));
            if y.is_none() {
                diags.push(
                    src.error(0..0, format!("bulletin folder `{year}` is not a year"))
                        .with_hint("put issues in content/bulletins/<year>/, e.g. bulletins/2026/"),
                );
            }
            if n.is_none() {
                let hint = match number.trim_start_matches('0').parse::<u32>() {
                    Ok(k) if k > 0 => format!("rename the file to `{k}.md`"),
                    _ => "name the file after the issue number within its year, e.g. `3.md` for 第 3 期".to_string(),
                };
                diags.push(
                    src.error(0..0, format!("bulletin file `{number}.md` is not an issue number"))
                        .with_hint(hint),
                );
            }
            let issue = bulletin::read(y, n.unwrap_or(0), &src, &t, body, diags);
            match (y, n) {
                (Some(_), Some(_)) => issue.map(|i| Item::Issue(Arc::new(i))),
                _ => None,
            }
        }
        FileKind::Regions | FileKind::Holidays | FileKind::Unexpected | FileKind::Misnamed | FileKind::Ignored => None,
    }
}

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
        Err(why) => diags.push(Diagnostic::whole_file(&root.given, layout::CONTENT, why.to_string()).with_hint(why.hint())),
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

fn read_one(root: &Root, rel: &str, kind: FileKind) -> Loaded {
    match kind {
        FileKind::Unexpected => return unexpected(root, rel),
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
                FileKind::Regions | FileKind::Holidays | FileKind::Unexpected | FileKind::Misnamed => {
                    changed.everything = true
                }
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
                self.entries.insert(rel.to_string(), loaded);
            } else {
                self.entries.remove(rel);
            }
        }
        changed
    }

    /// The content as the files now say, and every problem found in them one by one.
    pub(crate) fn content(&self) -> (Content, Diagnostics) {
        let mut diags = self.site_diags.clone();
        diags.extend(self.walk_diags.clone());
        let mut regions = Vec::new();
        let mut region_codes = BTreeSet::new();
        let mut closures = Vec::new();
        let mut stations = Vec::new();
        let mut representatives = Vec::new();
        let mut issues = Vec::new();
        let mut pages = Vec::new();
        for loaded in self.entries.values() {
            if !loaded.diags.is_empty() {
                diags.extend(loaded.diags.clone());
            }
            match &loaded.item {
                Some(Item::Regions(r, codes)) => {
                    regions = r.as_ref().clone();
                    region_codes.extend(codes.iter().cloned());
                }
                Some(Item::Holidays(c)) => closures = c.as_ref().clone(),
                Some(Item::Station(s)) => stations.push(s.clone()),
                Some(Item::Representative(r)) => representatives.push(r.clone()),
                Some(Item::Issue(i)) => issues.push(i.clone()),
                Some(Item::Page(p)) => pages.push(p.clone()),
                None => {}
            }
        }
        stations.sort_by(|a, b| a.slug.cmp(&b.slug));
        representatives.sort_by(|a, b| a.slug.cmp(&b.slug));
        issues.sort_by_key(|i| (i.year, i.number));
        pages.sort_by(|a, b| a.slug.cmp(&b.slug));
        let content = Content {
            root: self.root.clone(),
            config: self.config.clone().unwrap_or_else(SiteConfig::fallback),
            regions,
            stations,
            representatives,
            issues,
            pages,
            station_files: self.station_files.clone(),
            representative_files: self.representative_files.clone(),
            region_codes,
            closures,
        };
        (content, diags)
    }
}

/// Loads site.toml and every file under content/. The content is returned even when there are
/// problems (with whatever loaded), so that cross-file validation can report its own.
pub(crate) fn load(root: &Path) -> (Content, Diagnostics) {
    Files::scan(root).content()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_paths() {
        assert_eq!(classify("regions.toml"), FileKind::Regions);
        assert_eq!(classify("stations/a.md"), FileKind::Station("a".into()));
        assert_eq!(
            classify("bulletins/2024/3.md"),
            FileKind::Issue {
                year: "2024".into(),
                number: "3".into()
            }
        );
        assert_eq!(classify("station/a.md"), FileKind::Unexpected);
        assert_eq!(classify("stations/.a.md.swp"), FileKind::Ignored);
        assert_eq!(classify("stations/photo.jpg"), FileKind::Ignored);
        assert_eq!(classify("stations/a.MD"), FileKind::Misnamed);
        assert_eq!(classify("pages/a.markdown"), FileKind::Misnamed);
        assert_eq!(classify("regions.TOML"), FileKind::Misnamed);
        assert_eq!(proper_name("a.MD"), "a.md");
        assert_eq!(proper_name("regions.TOML"), "regions.toml");
    }
}

//! Loading: the files of a site → typed content with source spans.
//!
//! Every file is read and parsed in parallel; every problem becomes a diagnostic, and loading
//! goes on so that one run reports all of them. Cross-file rules are in `validate`.

pub mod bulletin;
pub mod fields;
pub mod frontmatter;
pub mod page;
pub mod region;
pub mod representative;
pub mod site;
pub mod slug;
pub mod station;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::diag::{Diagnostics, Source, SourceRef, file_error};
pub use bulletin::Issue;
pub use page::Page;
pub use region::RegionEntry;
pub use representative::{Level, Representative};
pub use site::SiteConfig;
pub use station::{Kind, Station};

use crate::reception::holidays::Closure;

/// Everything a site's files say, each value checked on its own (not yet against each other).
#[derive(Debug)]
pub struct Content {
    pub root: PathBuf,
    pub config: SiteConfig,
    pub regions: Vec<RegionEntry>,
    /// Sorted by slug.
    pub stations: Vec<Station>,
    /// Sorted by slug.
    pub representatives: Vec<Representative>,
    /// Sorted by year, then number.
    pub issues: Vec<Issue>,
    /// Sorted by slug.
    pub pages: Vec<Page>,
    /// The slugs of every station and representative file, including files that failed to
    /// load, so that references to them are not reported a second time.
    pub station_files: BTreeSet<String>,
    pub representative_files: BTreeSet<String>,
    /// Every region code written in regions.toml, including entries that failed to load.
    pub region_codes: BTreeSet<String>,
    /// Local closures from content/holidays.toml.
    pub closures: Vec<Closure>,
}

/// What a file under content/ is, from its path.
#[derive(Debug, Clone, PartialEq, Eq)]
enum FileKind {
    Regions,
    Holidays,
    Station(String),
    Representative(String),
    Issue { year: String, number: String },
    Page(String),
    Unexpected,
    Ignored,
}

fn classify(rel_in_content: &str) -> FileKind {
    let parts: Vec<&str> = rel_in_content.split('/').collect();
    let file = parts.last().copied().unwrap_or("");
    if parts.iter().any(|p| p.starts_with('.'))
        || file.ends_with('~')
        || file.ends_with(".swp")
        || file.ends_with(".tmp")
    {
        return FileKind::Ignored;
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

/// Reads a file as UTF-8; invalid bytes are reported at their line and column.
pub fn read_source(root: &Path, rel: &str) -> Result<SourceRef, crate::diag::Diagnostic> {
    let bytes =
        std::fs::read(root.join(rel)).map_err(|e| file_error(root, rel, format!("cannot read the file: {e}")))?;
    match String::from_utf8(bytes) {
        Ok(text) => Ok(Source::new(root, rel, text)),
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let prefix = String::from_utf8_lossy(&e.as_bytes()[..valid]).into_owned();
            let src = Source::new(root, rel, prefix);
            Err(src
                .error(valid..valid, "the file is not valid UTF-8")
                .with_hint("save it as UTF-8 (not GBK/GB18030)"))
        }
    }
}

enum Item {
    Holidays(Vec<Closure>),
    Regions(Vec<RegionEntry>, Vec<String>),
    Station(Station),
    Representative(Representative),
    Issue(Issue),
    Page(Page),
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

/// Reads one content file.
fn load_file(root: &Path, rel: &str, kind: FileKind, diags: &mut Diagnostics) -> Option<Item> {
    let src = match read_source(root, rel) {
        Ok(s) => s,
        Err(d) => {
            diags.push(d);
            return None;
        }
    };
    if kind == FileKind::Holidays {
        return Some(Item::Holidays(crate::reception::holidays::read(&src, diags)));
    }
    if kind == FileKind::Regions {
        let (regions, codes) = region::read(&src, diags);
        return Some(Item::Regions(regions, codes));
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
    match kind {
        FileKind::Station(slug) => {
            let bad = bad_slug(&src, &slug, diags);
            let s = station::read(&slug, &src, &t, body, diags);
            if bad { None } else { s.map(Item::Station) }
        }
        FileKind::Representative(slug) => {
            let bad = bad_slug(&src, &slug, diags);
            let r = representative::read(&slug, &src, &t, body, diags);
            if bad { None } else { r.map(Item::Representative) }
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
            if bad { None } else { p.map(Item::Page) }
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
                (Some(_), Some(_)) => issue.map(Item::Issue),
                _ => None,
            }
        }
        FileKind::Regions | FileKind::Holidays | FileKind::Unexpected | FileKind::Ignored => None,
    }
}

/// Loads site.toml and every file under content/. The content is returned even when there are
/// problems (with whatever loaded), so that cross-file validation can report its own.
pub fn load(root: &Path) -> (Content, Diagnostics) {
    let mut diags = Diagnostics::new();
    let config = match read_source(root, "site.toml") {
        Ok(src) => site::read(&src, &mut diags),
        Err(_) if !root.join("site.toml").exists() => {
            diags.push(
                file_error(root, "site.toml", "no site.toml here: this is not a liaison site")
                    .with_hint("run liaison in the site's folder or pass --root DIR"),
            );
            None
        }
        Err(d) => {
            diags.push(d);
            None
        }
    };
    let content_dir = root.join("content");
    if !content_dir.is_dir() {
        diags.push(file_error(root, "content", "the content/ folder is missing"));
    }

    let mut files = Vec::new();
    let mut station_files = BTreeSet::new();
    let mut representative_files = BTreeSet::new();
    let walk = walkdir::WalkDir::new(&content_dir).sort_by_file_name();
    for entry in walk.into_iter().filter(|_| content_dir.is_dir()) {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let rel = e
                    .path()
                    .and_then(|p| p.strip_prefix(root).ok())
                    .map(|p| p.to_string_lossy().replace('\\', "/"))
                    .unwrap_or_else(|| "content".into());
                diags.push(file_error(root, &rel, format!("cannot read: {e}")));
                continue;
            }
        };
        if !entry.file_type().is_file() {
            continue;
        }
        let Ok(rel_content) = entry.path().strip_prefix(&content_dir) else {
            continue;
        };
        let rel_content = rel_content.to_string_lossy().replace('\\', "/");
        let rel = format!("content/{rel_content}");
        match classify(&rel_content) {
            FileKind::Ignored => {}
            FileKind::Unexpected => diags.push(
                file_error(root, &rel, "this file is not in a place liaison reads")
                    .with_hint("content files go in content/stations/, content/representatives/, content/bulletins/<year>/ and content/pages/"),
            ),
            kind => {
                match &kind {
                    FileKind::Station(s) => station_files.insert(s.clone()),
                    FileKind::Representative(s) => representative_files.insert(s.clone()),
                    _ => false,
                };
                files.push((rel, kind))
            }
        }
    }

    let results: Vec<(Option<Item>, Diagnostics)> = files
        .into_par_iter()
        .map(|(rel, kind)| {
            let mut d = Diagnostics::new();
            let item = load_file(root, &rel, kind, &mut d);
            (item, d)
        })
        .collect();

    let mut regions = Vec::new();
    let mut region_codes = BTreeSet::new();
    let mut closures = Vec::new();
    let mut stations = Vec::new();
    let mut representatives = Vec::new();
    let mut issues = Vec::new();
    let mut pages = Vec::new();
    for (item, d) in results {
        diags.extend(d);
        match item {
            Some(Item::Regions(r, codes)) => {
                regions = r;
                region_codes.extend(codes);
            }
            Some(Item::Holidays(c)) => closures = c,
            Some(Item::Station(s)) => stations.push(s),
            Some(Item::Representative(r)) => representatives.push(r),
            Some(Item::Issue(i)) => issues.push(i),
            Some(Item::Page(p)) => pages.push(p),
            None => {}
        }
    }
    stations.sort_by(|a, b| a.slug.cmp(&b.slug));
    representatives.sort_by(|a, b| a.slug.cmp(&b.slug));
    issues.sort_by_key(|i| (i.year, i.number));
    pages.sort_by(|a, b| a.slug.cmp(&b.slug));

    let content = Content {
        root: root.to_path_buf(),
        config: config.unwrap_or_else(SiteConfig::fallback),
        regions,
        stations,
        representatives,
        issues,
        pages,
        station_files,
        representative_files,
        region_codes,
        closures,
    };
    (content, diags)
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
    }
}

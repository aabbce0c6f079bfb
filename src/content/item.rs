//! One content file read and parsed: its text as UTF-8, its front matter and body, and the
//! typed value it gives ([`Item`]), with every problem in it.

use std::path::Path;
use std::sync::Arc;

use super::holidays::{self, Closure};
use super::kind::{FileKind, classify};
use super::{Issue, Page, RegionEntry, Representative, Station};
use super::{bulletin, fields, frontmatter, ledger, page, region, representative, slug, station};
use crate::diag::{Diagnostic, Diagnostics, Source, SourceRef};
use crate::layout::{self, Root};

/// Reads a file of the site as UTF-8; invalid bytes are reported at their line and column.
pub(crate) fn read_source(root: &Root, rel: &str) -> Result<SourceRef, Diagnostic> {
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
    Ledger(Arc<ledger::Sheet>),
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
fn control_characters(src: &Source, range: std::ops::Range<usize>, diags: &mut Diagnostics) {
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
pub(super) fn load_file(root: &Root, rel: &str, kind: FileKind, diags: &mut Diagnostics) -> Option<Item> {
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
    if let FileKind::Ledger(book, year) = kind {
        return Some(Item::Ledger(Arc::new(ledger::read(&src, book, year, diags))));
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
            let bad = bad_named_slug(&src, &slug, "stations", STATION_RESERVED, diags);
            let s = station::read(&slug, &src, &t, body, diags);
            if bad {
                None
            } else {
                s.map(|s| Item::Station(Arc::new(s)))
            }
        }
        FileKind::Representative(slug) => {
            let bad = bad_named_slug(&src, &slug, "representatives", REP_RESERVED, diags);
            let r = representative::read(&slug, &src, &t, body, diags);
            if bad {
                None
            } else {
                r.map(|r| Item::Representative(Arc::new(r)))
            }
        }
        FileKind::Page(slug) => {
            let bad = bad_named_slug(&src, &slug, "", page::RESERVED, diags);
            let p = page::read(&slug, &src, &t, body, diags);
            if bad { None } else { p.map(|p| Item::Page(Arc::new(p))) }
        }
        FileKind::Issue { year, number } => {
            let (y, n) = issue_place(&src, &year, &number, diags);
            let issue = bulletin::read(y, n.unwrap_or(0), &src, &t, body, diags);
            match (y, n) {
                (Some(_), Some(_)) => issue.map(|i| Item::Issue(Arc::new(i))),
                _ => None,
            }
        }
        FileKind::Regions
        | FileKind::Holidays
        | FileKind::Ledger(..)
        | FileKind::LedgerMisnamed
        | FileKind::Unexpected
        | FileKind::Misnamed
        | FileKind::Ignored => None,
    }
}

/// Names under `/stations/` the site's own pages take (`/stations/page/2/`).
const STATION_RESERVED: &[&str] = &["page"];
/// Names under `/representatives/` the site's own pages take.
const REP_RESERVED: &[&str] = &["page", "former"];

/// Whether a file name is unusable for a page under `/<folder>/`: not a URL name, or one the
/// site's own pages there take.
fn bad_named_slug(src: &Source, slug: &str, folder: &str, reserved: &[&str], diags: &mut Diagnostics) -> bool {
    let mut bad = bad_slug(src, slug, diags);
    if reserved.contains(&slug) {
        let at = if folder.is_empty() {
            format!("/{slug}/")
        } else {
            format!("/{folder}/{slug}/")
        };
        diags.push(
            src.error(
                0..0,
                format!("the page name `{slug}` is taken by the site's own {at} pages"),
            )
            .with_hint("rename the file"),
        );
        bad = true;
    }
    bad
}

/// The year and number of an issue from its folder and file name (`bulletins/2026/3.md`),
/// each reported when it is not one.
fn issue_place(src: &Source, year: &str, number: &str, diags: &mut Diagnostics) -> (Option<i32>, Option<u32>) {
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
    (y, n)
}

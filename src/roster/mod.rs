//! Rosters (名册): `liaison import roster FILE` turns an office's spreadsheet of people or of
//! stations into content files, and `liaison export roster FILE.xlsx` writes today's content
//! as such a sheet, so that an office can round-trip: export, edit in Excel, import.
//!
//! [`sheet`] reads the file into cells, [`header`] finds the header row, [`people`] and
//! [`stations`] read the rows, [`plan`] decides each file's slug and new text with [`edit`],
//! and [`files`] reads what is in content/ and writes every change at once, or none.

mod edit;
mod export;
mod files;
mod header;
mod people;
mod plan;
mod sheet;
mod stations;

use std::fmt;
use std::path::Path;

pub use export::{Export, export};

use crate::diag::{Diagnostic, Diagnostics};
use crate::error::{Doing, Error};
use crate::layout::Root;

/// A station as a roster refers to it: by slug or by its exact name.
#[derive(Debug, Clone)]
pub(crate) struct StationRef {
    pub(crate) slug: String,
    pub(crate) name: String,
}

/// The stations a roster may name, looked up by slug and by name (spaces removed) in constant
/// time: a province's sheet names 13,000 stations on 140,000 rows.
pub(crate) struct Stations {
    pub(crate) list: Vec<StationRef>,
    by_slug: std::collections::HashMap<String, usize>,
    by_name: std::collections::HashMap<String, Vec<usize>>,
}

impl Stations {
    pub(crate) fn new(list: Vec<StationRef>) -> Stations {
        let mut by_slug = std::collections::HashMap::new();
        let mut by_name: std::collections::HashMap<String, Vec<usize>> = std::collections::HashMap::new();
        for (i, s) in list.iter().enumerate() {
            by_slug.entry(s.slug.clone()).or_insert(i);
            by_name.entry(people::normalize_name(&s.name)).or_default().push(i);
        }
        Stations { list, by_slug, by_name }
    }
    pub(crate) fn by_slug(&self, slug: &str) -> Option<&StationRef> {
        self.by_slug.get(slug).map(|&i| &self.list[i])
    }
    /// The stations of a name (spaces removed).
    pub(crate) fn named(&self, name: &str) -> Vec<&StationRef> {
        self.by_name
            .get(name)
            .map(|v| v.iter().map(|&i| &self.list[i]).collect())
            .unwrap_or_default()
    }
}

/// A bad cell: spreadsheet row and column (1-based), what is wrong, what to do.
#[derive(Debug, Clone)]
pub(crate) struct Problem {
    pub(crate) row: usize,
    pub(crate) column: usize,
    pub(crate) message: String,
    pub(crate) hint: Option<String>,
}

/// What an import did (or, with `--dry-run`, would do).
#[derive(Debug, Default)]
pub struct Summary {
    /// `representatives` or `stations`.
    pub what: &'static str,
    /// The files written new.
    pub added: Vec<String>,
    /// The files changed, each with the keys that changed.
    pub changed: Vec<(String, Vec<&'static str>)>,
    pub unchanged: usize,
    /// The headers the importer does not know, as written.
    pub ignored_columns: Vec<String>,
    /// The files in content/ that the sheet does not name (never deleted).
    pub not_in_sheet: Vec<String>,
    pub dry_run: bool,
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let verb = if self.dry_run { "would add" } else { "added" };
        writeln!(f, "{verb} {} {}", self.added.len(), self.what)?;
        list(f, self.added.iter().map(|a| format!("  + {a}")))?;
        let verb = if self.dry_run { "would change" } else { "changed" };
        writeln!(f, "{verb} {}", self.changed.len())?;
        list(
            f,
            self.changed
                .iter()
                .map(|(file, keys)| format!("  ~ {file} ({})", keys.join(", "))),
        )?;
        writeln!(f, "unchanged {}", self.unchanged)?;
        if !self.ignored_columns.is_empty() {
            writeln!(f, "ignored columns: {}", self.ignored_columns.join(", "))?;
        }
        if !self.not_in_sheet.is_empty() {
            writeln!(
                f,
                "{} {} in content/ are not in the sheet (kept; set `until` on those who have left):",
                self.not_in_sheet.len(),
                self.what
            )?;
            list(f, self.not_in_sheet.iter().map(|n| format!("  ? {n}")))?;
        }
        if self.dry_run {
            writeln!(f, "nothing was written (--dry-run)")?;
        }
        Ok(())
    }
}

/// The first 50 lines of a list, then how many more there are (a province's roster adds
/// 140,000 files).
fn list(f: &mut fmt::Formatter<'_>, lines: impl ExactSizeIterator<Item = String>) -> fmt::Result {
    let total = lines.len();
    for l in lines.take(50) {
        writeln!(f, "{l}")?;
    }
    if total > 50 {
        writeln!(f, "  … and {} more", total - 50)?;
    }
    Ok(())
}

/// The roster file as messages show it.
fn shown(file: &Path) -> String {
    file.display().to_string()
}

fn at(file: &Path, p: Problem) -> Diagnostic {
    let d = Diagnostic::at(shown(file), p.row, p.column, p.message);
    match p.hint {
        Some(h) => d.with_hint(h),
        None => d,
    }
}

/// Reads the roster file: a regular file of a sane size.
fn read_file(file: &Path) -> Result<Vec<u8>, Diagnostics> {
    let meta = std::fs::metadata(file).map_err(|e| Diagnostics::from(Error::io(Doing::Read, file)(e)))?;
    if !meta.is_file() {
        return Err(Diagnostic::at(
            shown(file),
            1,
            1,
            "this is not a regular file: give the roster's .xlsx or .csv file",
        )
        .into());
    }
    if meta.len() > sheet::MAX_BYTES {
        return Err(Diagnostic::at(shown(file), 1, 1, sheet::Unreadable::TooLarge.to_string()).into());
    }
    std::fs::read(file).map_err(|e| Error::io(Doing::Read, file)(e).into())
}

/// `liaison import roster FILE [--dry-run]`: the people (or stations) of the sheet into
/// content/. Every bad row is a diagnostic at `FILE:row:column`, and then nothing is written.
pub fn import(root: &Path, file: &Path, dry_run: bool) -> Result<Summary, Diagnostics> {
    if !root.join(crate::layout::SITE_TOML).is_file() {
        return Err(Error::Import(crate::error::Unimportable::NotASite(root.to_path_buf())).into());
    }
    let bytes = read_file(file)?;
    let is_csv = file
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("csv") || e.eq_ignore_ascii_case("txt"));
    let grid = sheet::read(&bytes, is_csv).map_err(|why| {
        let (row, column) = why.place();
        Diagnostics::from(Diagnostic::at(shown(file), row, column, why.to_string()))
    })?;
    let Some(head) = header::find(&grid) else {
        return Err(Diagnostic::at(
            shown(file),
            1,
            1,
            "no header row: no cell of the first sheet says 姓名 (a roster of people) or 联络站名称 (a list of stations)",
        )
        .with_hint("the header row names the columns: 姓名, 性别, 代表层级, 联络站, 工作单位, 职务, 联系电话 …")
        .into());
    };
    let root_dirs = Root::new(root);
    let mut diags = Diagnostics::new();
    let stations = files::existing(&root_dirs, "content/stations", &mut diags);
    let mut problems = Vec::new();
    let planned = match head.kind {
        header::SheetKind::People => {
            let reps = files::existing(&root_dirs, "content/representatives", &mut diags);
            let refs = Stations::new(files::station_refs(&stations));
            let people = people::read(&grid, &head, &refs, &mut problems);
            plan::people(&people, &head, &reps, &mut problems)
        }
        header::SheetKind::Stations => {
            let regions = files::regions(&root_dirs);
            let list = stations::read(&grid, &head, &regions, &mut problems);
            let refs = files::station_refs(&stations);
            plan::stations(&list, &head, &stations, &refs, &mut problems)
        }
    };
    problems.sort_by_key(|p| (p.row, p.column));
    for p in problems {
        diags.push(at(file, p));
    }
    if !diags.is_empty() {
        return Err(diags);
    }
    let (files_out, mut summary) = planned;
    summary.ignored_columns = head.ignored.clone();
    summary.dry_run = dry_run;
    if !dry_run {
        files::write_all(root, &files_out)?;
    }
    Ok(summary)
}

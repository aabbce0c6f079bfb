//! What a file under content/ is, from its path alone: a station, a representative, an
//! issue of the bulletin, a page, a ledger, regions.toml, holidays.toml, or something liaison
//! does not read.

use super::ledger::Book;
use crate::layout;

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
    /// `ledger/activities-<year>.csv`, `ledger/suggestions-<year>.csv`.
    Ledger(Book, i32),
    /// Any other file in `ledger/`: a ledger misnamed, or saved as a workbook.
    LedgerMisnamed,
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
    if let ["ledger", f] = parts.as_slice() {
        return Book::from_file_name(f).map_or(FileKind::LedgerMisnamed, |(b, y)| FileKind::Ledger(b, y));
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
pub(super) fn proper_name(file: &str) -> String {
    let (stem, ext) = file.rsplit_once('.').unwrap_or((file, "md"));
    let ext = if ext.eq_ignore_ascii_case("toml") { "toml" } else { "md" };
    format!("{stem}.{ext}")
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
        assert_eq!(
            classify("ledger/activities-2026.csv"),
            FileKind::Ledger(Book::Activities, 2026)
        );
        assert_eq!(classify("ledger/活动台账.xlsx"), FileKind::LedgerMisnamed);
        assert_eq!(classify("ledger/.~lock.activities-2026.csv#"), FileKind::Ignored);
        assert_eq!(proper_name("a.MD"), "a.md");
        assert_eq!(proper_name("regions.TOML"), "regions.toml");
    }
}

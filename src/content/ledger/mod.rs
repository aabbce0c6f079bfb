//! Ledgers (台账): `content/ledger/activities-<year>.csv`, what happened at the stations, and
//! `content/ledger/suggestions-<year>.csv`, voters' opinions and suggestions (意见建议) and
//! how each was handled. Each cell is checked on its own here (dates, the enums, whole
//! numbers, unique 编号) and reported at `path:row:column`; references to stations and
//! representatives are kept as written, with their cell, for `validate` and `model` to
//! resolve ([`lookup`]). Free text is plain text, with mobile and ID-card numbers masked
//! ([`crate::privacy`]) as it is read.

mod cells;
pub(crate) mod lookup;
mod table;

use chrono::NaiveDate;

use crate::diag::{Diagnostics, SourceRef};

/// Which ledger a file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Book {
    Activities,
    Suggestions,
}

impl Book {
    /// `activities-2026.csv` → (Activities, 2026).
    pub(crate) fn from_file_name(file: &str) -> Option<(Book, i32)> {
        let stem = file.strip_suffix(".csv")?;
        let (book, year) = stem.split_once('-')?;
        let book = match book {
            "activities" => Book::Activities,
            "suggestions" => Book::Suggestions,
            _ => return None,
        };
        let ok = year.len() == 4 && year.bytes().all(|b| b.is_ascii_digit());
        ok.then(|| (book, year.parse().unwrap_or(0)))
    }
}

macro_rules! labelled {
    ($(#[$m:meta])* $name:ident { $($v:ident = $label:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub(crate) enum $name { $($v),+ }
        impl $name {
            pub(crate) const ALL: &'static [$name] = &[$($name::$v),+];
            pub(crate) fn label(self) -> &'static str {
                match self { $($name::$v => $label),+ }
            }
        }
    };
}

labelled!(
    /// `类型` of an activity.
    ActivityType { Reception = "接待选民", Visit = "走访选民", Inspection = "调研视察", Group = "代表小组活动", Training = "学习培训", Other = "其他" }
);
labelled!(
    /// `状态` of a suggestion, in the order it moves through.
    Status { Accepted = "已受理", Assigned = "已交办", InProgress = "办理中", Done = "已办结" }
);
labelled!(
    /// `满意度` of a reply.
    Rating { Satisfied = "满意", Basic = "基本满意", Dissatisfied = "不满意" }
);

/// A station or representative as a ledger cell names it (a slug or an exact name), and the
/// cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Ref {
    pub(crate) text: String,
    pub(crate) row: usize,
    pub(crate) column: usize,
}

#[derive(Debug, Clone)]
pub(crate) struct Activity {
    pub(crate) date: NaiveDate,
    pub(crate) station: Ref,
    pub(crate) kind: ActivityType,
    pub(crate) reps: Vec<Ref>,
    pub(crate) people: Option<u32>,
    pub(crate) summary: String,
}

#[derive(Debug, Clone)]
pub(crate) struct Suggestion {
    pub(crate) number: String,
    pub(crate) date: NaiveDate,
    pub(crate) station: Ref,
    pub(crate) rep: Option<Ref>,
    pub(crate) category: Option<String>,
    pub(crate) summary: String,
    /// 交办单位
    pub(crate) handler: Option<String>,
    pub(crate) status: Status,
    pub(crate) reply: Option<String>,
    pub(crate) rating: Option<Rating>,
}

/// The references of a row that has a problem elsewhere (and is left out), so that they are
/// checked as well: every problem of a run is reported at once.
#[derive(Debug, Clone)]
pub(crate) struct RowRefs {
    pub(crate) date: Option<NaiveDate>,
    pub(crate) station: Option<Ref>,
    pub(crate) reps: Vec<Ref>,
}

/// One ledger file, read.
#[derive(Debug, Clone)]
pub(crate) struct Sheet {
    pub(crate) src: SourceRef,
    pub(crate) book: Book,
    pub(crate) year: i32,
    pub(crate) activities: Vec<Activity>,
    pub(crate) suggestions: Vec<Suggestion>,
    /// The references of the rows left out.
    pub(crate) left_out: Vec<RowRefs>,
}

/// The headers of each book, and which are required.
pub(crate) const ACTIVITY_HEADERS: &[&str] = &["日期", "联络站", "类型", "代表", "人数", "内容"];
const ACTIVITY_REQUIRED: &[&str] = &["日期", "联络站", "类型"];
pub(crate) const SUGGESTION_HEADERS: &[&str] = &[
    "编号",
    "日期",
    "联络站",
    "代表",
    "类别",
    "内容",
    "交办单位",
    "状态",
    "答复",
    "满意度",
];
const SUGGESTION_REQUIRED: &[&str] = &["编号", "日期", "联络站", "内容", "状态"];

/// Reads a ledger file. Rows with a problem are reported and left out; the rest are kept.
pub(crate) fn read(src: &SourceRef, book: Book, year: i32, diags: &mut Diagnostics) -> Sheet {
    let records = table::records(src, diags);
    let (known, required) = match book {
        Book::Activities => (ACTIVITY_HEADERS, ACTIVITY_REQUIRED),
        Book::Suggestions => (SUGGESTION_HEADERS, SUGGESTION_REQUIRED),
    };
    let mut sheet = Sheet {
        src: src.clone(),
        book,
        year,
        activities: Vec::new(),
        suggestions: Vec::new(),
        left_out: Vec::new(),
    };
    let Some(header) = table::header(src, &records, known, required, diags) else {
        return sheet;
    };
    if required.iter().any(|r| {
        known
            .iter()
            .position(|k| k == r)
            .is_some_and(|k| header.columns[k].is_none())
    }) {
        return sheet; // reported; every row would repeat it
    }
    let mut numbers = std::collections::HashMap::new();
    for row in records.rows(&header) {
        let mut cells = cells::Reader::new(src, year, diags);
        match book {
            Book::Activities => match cells.activity(&row) {
                (Some(a), _) => sheet.activities.push(a),
                (None, refs) => sheet.left_out.push(refs),
            },
            Book::Suggestions => {
                let twice = row
                    .cell(0)
                    .filter(|c| !c.text.is_empty())
                    .and_then(|c| Some((numbers.insert(c.text.to_string(), c.row)?, c)));
                let parsed = cells.suggestion(&row);
                if let Some((first, c)) = &twice {
                    cells.duplicate(c.row, c.column, c.text, *first);
                }
                match parsed {
                    (Some(s), _) if twice.is_none() => sheet.suggestions.push(s),
                    (_, refs) => sheet.left_out.push(refs),
                }
            }
        }
    }
    sheet
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names() {
        assert_eq!(
            Book::from_file_name("activities-2026.csv"),
            Some((Book::Activities, 2026))
        );
        assert_eq!(
            Book::from_file_name("suggestions-2025.csv"),
            Some((Book::Suggestions, 2025))
        );
        assert_eq!(Book::from_file_name("suggestions-25.csv"), None);
        assert_eq!(Book::from_file_name("activity-2026.csv"), None);
        assert_eq!(Book::from_file_name("activities-2026.xlsx"), None);
    }

    #[test]
    fn labels_are_distinct() {
        let labels: std::collections::BTreeSet<&str> = ActivityType::ALL.iter().map(|t| t.label()).collect();
        assert_eq!(labels.len(), ActivityType::ALL.len());
        assert_eq!(Status::ALL.last(), Some(&Status::Done));
    }
}

//! One ledger row's cells, each read on its own and every problem reported at its cell:
//! dates (`YYYY-MM-DD`, in the file's year), the enums (with "did you mean"), whole numbers,
//! and plain text, masked.

use chrono::{Datelike, NaiveDate};

use super::table::{Cell, Row};
use super::{Activity, ActivityType, Rating, Ref, RowRefs, Status, Suggestion};
use crate::diag::{Diagnostic, Diagnostics, Source, did_you_mean};

pub(super) struct Reader<'a> {
    src: &'a Source,
    year: i32,
    diags: &'a mut Diagnostics,
    /// Whether a problem was found in the row being read.
    bad: bool,
}

impl<'a> Reader<'a> {
    pub(super) fn new(src: &'a Source, year: i32, diags: &'a mut Diagnostics) -> Self {
        Reader {
            src,
            year,
            diags,
            bad: false,
        }
    }

    fn error(&mut self, c: &Cell, message: String, hint: Option<String>) {
        let d = Diagnostic::at(self.src.display.clone(), c.row, c.column, message);
        self.diags.push(match hint {
            Some(h) => d.with_hint(h),
            None => d,
        });
        self.bad = true;
    }

    pub(super) fn duplicate(&mut self, row: usize, column: usize, number: &str, first: usize) {
        let c = Cell {
            text: number,
            row,
            column,
        };
        self.error(
            &c,
            format!("the 编号 `{number}` is already used in row {first}"),
            Some("each suggestion has its own number".into()),
        );
    }

    /// A required cell: reported when empty.
    fn required<'c>(&mut self, cell: Option<Cell<'c>>, header: &str) -> Option<Cell<'c>> {
        let c = cell?;
        if c.text.is_empty() {
            self.error(&c, format!("`{header}` is required"), None);
            return None;
        }
        Some(c)
    }

    fn date(&mut self, cell: Option<Cell>) -> Option<NaiveDate> {
        let c = self.required(cell, "日期")?;
        let parsed = (c.text.len() == 10 && c.text.as_bytes()[4] == b'-' && c.text.as_bytes()[7] == b'-')
            .then(|| NaiveDate::parse_from_str(c.text, "%Y-%m-%d").ok())
            .flatten();
        match parsed {
            None => {
                self.error(
                    &c,
                    format!("`{}` is not a date", c.text),
                    Some("write dates as YYYY-MM-DD, such as 2026-03-05".into()),
                );
                None
            }
            Some(d) if d.year() != self.year => {
                let msg = format!("{d} is not in {}, the year in this file's name", self.year);
                self.error(&c, msg, Some(format!("move the row to the ledger of {}", d.year())));
                None
            }
            Some(d) => Some(d),
        }
    }

    fn choice<T: Copy>(&mut self, c: Option<Cell>, header: &str, all: &[T], label: fn(T) -> &'static str) -> Option<T> {
        let c = c.filter(|c| !c.text.is_empty())?;
        if let Some(v) = all.iter().copied().find(|&v| label(v) == c.text) {
            return Some(v);
        }
        let labels: Vec<&str> = all.iter().map(|&v| label(v)).collect();
        let hint = match did_you_mean(c.text, labels.iter().copied()) {
            Some(m) => m,
            None => format!("one of {}", labels.join(" ")),
        };
        self.error(&c, format!("`{}` is not a {header}", c.text), Some(hint));
        None
    }

    fn whole(&mut self, c: Option<Cell>) -> Option<u32> {
        let c = c.filter(|c| !c.text.is_empty())?;
        match c.text.parse::<u32>() {
            Ok(n) if c.text.bytes().all(|b| b.is_ascii_digit()) => Some(n),
            _ => {
                self.error(
                    &c,
                    format!("`{}` is not a whole number", c.text),
                    Some("write the number of people, such as 12".into()),
                );
                None
            }
        }
    }

    /// Plain text, masked; `None` when empty. A control character is an error at its cell.
    fn text(&mut self, c: Option<Cell>) -> Option<String> {
        let c = c.filter(|c| !c.text.is_empty())?;
        if let Some(ch) = c.text.chars().find(|&ch| crate::text::is_forbidden(ch)) {
            self.error(
                &c,
                format!("invisible control character U+{:04X} in the text", ch as u32),
                Some("delete it".into()),
            );
            return None;
        }
        Some(crate::privacy::mask(c.text).into_owned())
    }

    fn reference(c: &Cell, text: &str) -> Ref {
        Ref {
            text: text.to_string(),
            row: c.row,
            column: c.column,
        }
    }

    /// `a、b,c`: the names or slugs of a `代表` cell (`、`, `,` or `，` between them).
    fn references(c: Option<Cell>) -> Vec<Ref> {
        let Some(c) = c else { return Vec::new() };
        c.text
            .split(['、', ',', '，'])
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(|t| Self::reference(&c, t))
            .collect()
    }

    /// An activity row: the activity, when every cell is right; its references either way,
    /// so that they are checked too.
    pub(super) fn activity(&mut self, row: &Row) -> (Option<Activity>, RowRefs) {
        self.bad = false;
        let date = self.date(row.cell(0));
        let station = self
            .required(row.cell(1), "联络站")
            .map(|c| Self::reference(&c, c.text));
        let kind_cell = self.required(row.cell(2), "类型");
        let kind = self.choice(
            kind_cell,
            "type of activity (类型)",
            ActivityType::ALL,
            ActivityType::label,
        );
        let reps = Self::references(row.cell(3));
        let people = self.whole(row.cell(4));
        let summary = self.text(row.cell(5)).unwrap_or_default();
        let refs = RowRefs {
            date,
            station: station.clone(),
            reps: reps.clone(),
        };
        let (Some(date), Some(station), Some(kind), false) = (date, station, kind, self.bad) else {
            return (None, refs);
        };
        (
            Some(Activity {
                date,
                station,
                kind,
                reps,
                people,
                summary,
            }),
            refs,
        )
    }

    /// A suggestion row, as [`Reader::activity`].
    pub(super) fn suggestion(&mut self, row: &Row) -> (Option<Suggestion>, RowRefs) {
        let (s, refs) = self.suggestion_cells(row);
        (s.filter(|_| !self.bad), refs)
    }

    fn suggestion_cells(&mut self, row: &Row) -> (Option<Suggestion>, RowRefs) {
        self.bad = false;
        let number = self.required(row.cell(0), "编号").map(|c| c.text.to_string());
        let date = self.date(row.cell(1));
        let station = self
            .required(row.cell(2), "联络站")
            .map(|c| Self::reference(&c, c.text));
        let rep = Self::references(row.cell(3));
        if rep.len() > 1
            && let Some(c) = row.cell(3)
        {
            self.error(
                &c,
                "a suggestion is taken up by one representative".into(),
                Some("name one; add the others in 内容 if needed".into()),
            );
        }
        let refs = RowRefs {
            date,
            station: station.clone(),
            reps: rep.clone(),
        };
        let category = self.text(row.cell(4));
        let summary_cell = self.required(row.cell(5), "内容");
        let summary = summary_cell.and_then(|c| self.text(Some(c)));
        let handler = self.text(row.cell(6));
        let status_cell = self.required(row.cell(7), "状态");
        let status = self.choice(status_cell, "status (状态)", Status::ALL, Status::label);
        let reply = self.text(row.cell(8));
        let rating = self.choice(row.cell(9), "rating (满意度)", Rating::ALL, Rating::label);
        let (Some(number), Some(date), Some(station), Some(summary), Some(status)) =
            (number, date, station, summary, status)
        else {
            return (None, refs);
        };
        let s = Suggestion {
            number,
            date,
            station,
            rep: rep.into_iter().next(),
            category,
            summary,
            handler,
            status,
            reply,
            rating,
        };
        (Some(s), refs)
    }
}

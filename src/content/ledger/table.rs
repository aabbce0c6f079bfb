//! A ledger CSV as rows of cells, each cell with the row and column a spreadsheet shows it at
//! (row 1 is the header row, column 1 the first column), and its header row checked: every
//! header known, none twice, the required ones there, and none that names a member of the
//! public's personal data.

use crate::diag::{Diagnostic, Diagnostics, Source, did_you_mean};

/// Headers that name a member of the public's personal data: such a column is an error, the
/// data is never published.
pub(crate) const PERSONAL: &[&str] = &[
    "群众姓名",
    "姓名",
    "联系人",
    "联系电话",
    "电话",
    "手机",
    "身份证",
    "身份证号",
    "住址",
    "家庭住址",
];

/// One cell: its text (trimmed) and where it is.
#[derive(Debug, Clone)]
pub(crate) struct Cell<'a> {
    pub(crate) text: &'a str,
    pub(crate) row: usize,
    pub(crate) column: usize,
}

/// A data row: its spreadsheet row number and its cells by column.
pub(crate) struct Row<'a> {
    pub(crate) number: usize,
    cells: Vec<&'a str>,
    /// Column (0-based) of each known header, by the header's place in `known`.
    columns: &'a [Option<usize>],
}

impl<'a> Row<'a> {
    /// The cell under the `k`-th known header, `None` when the file has no such column; an
    /// empty cell when the row is short.
    pub(crate) fn cell(&self, k: usize) -> Option<Cell<'a>> {
        let col = self.columns.get(k).copied().flatten()?;
        Some(Cell {
            text: self.cells.get(col).copied().unwrap_or("").trim(),
            row: self.number,
            column: col + 1,
        })
    }
}

/// The records of a CSV file, its text owned so that rows can borrow from it.
pub(crate) struct Records {
    /// Per record: its spreadsheet row number, and its fields.
    rows: Vec<(usize, Vec<String>)>,
}

/// Reads a CSV text into records. A quote that is never closed (the CSV reader then takes the
/// rest of the file as one cell) is reported at the cell it opens.
pub(crate) fn records(src: &Source, diags: &mut Diagnostics) -> Records {
    let text = src.text.strip_prefix('\u{feff}').unwrap_or(&src.text);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut rows: Vec<(usize, Vec<String>)> = Vec::new();
    // line breaks inside the cells of the records so far: a spreadsheet row is a line of the
    // file less those (blank lines are rows too)
    let mut inside = 0usize;
    // line breaks before `counted`, counted once (a file of 150,000 rows is read in one pass)
    let (mut counted, mut breaks) = (0usize, 0usize);
    for rec in reader.records() {
        let rec = match rec {
            Ok(rec) => rec,
            Err(e) => {
                let row = rows.last().map_or(1, |r| r.0 + 1);
                diags.push(Diagnostic::at(
                    src.display.clone(),
                    row,
                    1,
                    format!("this row cannot be read as CSV: {}", csv_reason(&e)),
                ));
                break;
            }
        };
        // the reader's position may be on the line end before the record
        let mut start = rec.position().map_or(0, |p| p.byte() as usize).min(text.len());
        while text.as_bytes().get(start).is_some_and(|b| matches!(b, b'\r' | b'\n')) {
            start += 1;
        }
        breaks += text.get(counted..start).map_or(0, |t| t.matches('\n').count());
        counted = counted.max(start);
        let line = 1 + breaks;
        rows.push((
            line.saturating_sub(inside).max(1),
            rec.iter().map(str::to_string).collect(),
        ));
        inside += rec.iter().map(|f| f.matches('\n').count()).sum::<usize>();
    }
    if text.matches('"').count() % 2 == 1
        && let Some((row, fields)) = rows.last()
    {
        diags.push(
            Diagnostic::at(
                src.display.clone(),
                *row,
                fields.len(),
                "a quote `\"` opened in this cell is never closed",
            )
            .with_hint(
                "the rest of the file became this one cell: close the quote, or write a quote inside a cell as `\"\"`",
            ),
        );
        rows.pop();
    }
    Records { rows }
}

fn csv_reason(e: &csv::Error) -> String {
    match e.kind() {
        csv::ErrorKind::Utf8 { .. } => "it is not valid UTF-8".into(),
        _ => "a quote `\"` is not closed".into(),
    }
}

/// The header row read against the headers a ledger knows.
pub(crate) struct Header {
    /// For each known header, its column (0-based) in the file.
    pub(crate) columns: Vec<Option<usize>>,
}

/// Checks the header row (row 1) against `known` (`required` of them must be there); `None`
/// when the file has no header row. Every problem is reported at its header cell.
pub(crate) fn header(
    src: &Source,
    records: &Records,
    known: &[&str],
    required: &[&str],
    diags: &mut Diagnostics,
) -> Option<Header> {
    let Some((row, cells)) = records.rows.first() else {
        diags.push(
            Diagnostic::at(
                src.display.clone(),
                1,
                1,
                "the file is empty: a ledger starts with its header row",
            )
            .with_hint(format!("the headers are {}", known.join(", "))),
        );
        return None;
    };
    let mut columns = vec![None; known.len()];
    for (col, name) in cells.iter().enumerate() {
        let name = name.trim();
        let at = |msg: String| Diagnostic::at(src.display.clone(), *row, col + 1, msg);
        if name.is_empty() {
            if records
                .rows
                .iter()
                .skip(1)
                .any(|(_, r)| r.get(col).is_some_and(|c| !c.trim().is_empty()))
            {
                diags.push(
                    at("this column has no header".into()).with_hint(format!("the headers are {}", known.join(", "))),
                );
            }
            continue;
        }
        if PERSONAL.contains(&name) {
            diags.push(
                at(format!(
                    "the column `{name}` holds a member of the public's personal data, which is never published"
                ))
                .with_hint("delete the column before the ledger goes into content/ledger/"),
            );
            continue;
        }
        match known.iter().position(|k| *k == name) {
            Some(k) if columns[k].is_some() => diags.push(at(format!("the header `{name}` is given twice"))),
            Some(k) => columns[k] = Some(col),
            None => {
                let d = at(format!("unknown header `{name}`"));
                diags.push(match did_you_mean(name, known.iter().copied()) {
                    Some(m) => d.with_hint(m),
                    None => d.with_hint(format!("the headers are {}", known.join(", "))),
                });
            }
        }
    }
    for r in required {
        let k = known.iter().position(|k| k == r)?;
        if columns[k].is_none() {
            diags.push(Diagnostic::at(
                src.display.clone(),
                *row,
                1,
                format!("the required column `{r}` is missing"),
            ));
        }
    }
    Some(Header { columns })
}

impl Records {
    /// The data rows (after the header row), rows whose cells are all empty left out.
    pub(crate) fn rows<'a>(&'a self, header: &'a Header) -> impl Iterator<Item = Row<'a>> {
        self.rows
            .iter()
            .skip(1)
            .filter(|(_, c)| c.iter().any(|c| !c.trim().is_empty()))
            .map(|(n, c)| Row {
                number: *n,
                cells: c.iter().map(String::as_str).collect(),
                columns: &header.columns,
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn read(text: &str) -> (Records, Diagnostics) {
        let src = Source::new(Path::new("."), "content/ledger/a.csv", text.to_string());
        let mut d = Diagnostics::new();
        (records(&src, &mut d), d)
    }

    #[test]
    fn rows_are_numbered_as_a_spreadsheet_shows_them() {
        let (r, d) = read("\u{feff}a,b\r\n1,2\r\n\r\n\"x\ny\",3\n4,5\n");
        assert!(d.is_empty());
        let numbers: Vec<usize> = r.rows.iter().map(|(n, _)| *n).collect();
        assert_eq!(numbers, [1, 2, 4, 5]);
    }

    #[test]
    fn an_unclosed_quote_is_reported_at_its_cell() {
        let (r, d) = read("a,b\n1,2\n3,\"4\n5,6\n");
        let d = d.into_sorted();
        assert_eq!((d.len(), d[0].line, d[0].column), (1, 3, 2), "{d:?}");
        assert_eq!(r.rows.len(), 2);
    }

    #[test]
    fn headers_are_checked() {
        let src = Source::new(
            Path::new("."),
            "content/ledger/a.csv",
            "日期,联系电话,内荣,日期\n".into(),
        );
        let mut d = Diagnostics::new();
        let r = records(&src, &mut d);
        let h = header(&src, &r, &["日期", "内容", "类型"], &["日期", "类型"], &mut d).unwrap();
        assert_eq!(h.columns, [Some(0), None, None]);
        let msgs: Vec<String> = d
            .into_sorted()
            .iter()
            .map(|d| format!("{}:{} {}", d.line, d.column, d.message))
            .collect();
        assert!(
            msgs.iter().any(|m| m.starts_with("1:2 the column `联系电话`")),
            "{msgs:?}"
        );
        assert!(
            msgs.iter().any(|m| m.starts_with("1:3 unknown header `内荣`")),
            "{msgs:?}"
        );
        assert!(
            msgs.iter()
                .any(|m| m.starts_with("1:4 the header `日期` is given twice")),
            "{msgs:?}"
        );
        assert!(msgs.iter().any(|m| m.contains("`类型` is missing")), "{msgs:?}");
    }
}

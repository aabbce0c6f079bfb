//! Reading a roster file into rows of cells, numbered as the spreadsheet numbers them (row 1,
//! column A = 1): the first sheet of an `.xlsx` (or `.xls`, `.ods`) workbook with calamine, or
//! a `.csv` file with the csv crate. What is not a spreadsheet says what it is instead: a PDF,
//! a password-protected workbook, a damaged one, a CSV that is not UTF-8.

use std::io::Cursor;

use calamine::{Data, Reader};
use chrono::NaiveDate;

/// A roster larger than this is not a roster (the largest province has 140,000 people, a
/// sheet of about 10 MB).
pub(crate) const MAX_BYTES: u64 = 200 * 1024 * 1024;

/// One cell's value.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Cell {
    Empty,
    Text(String),
    Number(f64),
    /// A cell formatted as a date.
    Date(NaiveDate),
    /// A cell Excel shows as an error (`#N/A`, `#REF!`).
    Error(String),
}

impl Cell {
    /// The cell as text, trimmed; numbers without a trailing `.0`.
    pub(crate) fn text(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(t) => t.trim().to_string(),
            Cell::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => format!("{}", *n as i64),
            Cell::Number(n) => n.to_string(),
            Cell::Date(d) => d.to_string(),
            Cell::Error(e) => e.clone(),
        }
    }
    pub(crate) fn is_blank(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(t) => t.trim().is_empty(),
            _ => false,
        }
    }
}

/// A sheet: its rows, each with its spreadsheet row number; cells by column (0 = column A).
pub(crate) struct Grid {
    pub(crate) rows: Vec<(usize, Vec<Cell>)>,
}

/// Why a file could not be read as a roster; each is reported at row 1, column 1 of the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Unreadable {
    Pdf,
    Encrypted,
    /// An Excel file calamine cannot read (a damaged zip, a missing part): its message.
    Damaged(String),
    NoSheet,
    /// A CSV that is not UTF-8: where the first bad byte is.
    NotUtf8 {
        row: usize,
        column: usize,
    },
    /// A CSV the csv crate cannot split (its message, and the row).
    BadCsv {
        row: usize,
        message: String,
    },
    Unknown,
    TooLarge,
}

impl std::fmt::Display for Unreadable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Unreadable::Pdf => f.write_str("this is a PDF document, not a spreadsheet: give the roster as .xlsx or .csv (the file the PDF was printed from)"),
            Unreadable::Encrypted => f.write_str("this workbook is protected with a password: open it in Excel or WPS, remove the password (文件 → 信息 → 保护工作簿 → 用密码进行加密, clear it), save, and import again"),
            Unreadable::Damaged(m) => write!(f, "this .xlsx file is damaged and cannot be read ({m}): open it in Excel or WPS and save it again"),
            Unreadable::NoSheet => f.write_str("this workbook has no sheet"),
            Unreadable::NotUtf8 { .. } => f.write_str("this CSV file is not UTF-8 (it looks like GBK/GB18030): in Excel use 另存为 → 文件类型「CSV UTF-8（逗号分隔）(*.csv)」; in WPS use 另存为 → 「CSV (逗号分隔)」 and choose 编码 UTF-8; or import the .xlsx file itself"),
            Unreadable::BadCsv { message, .. } => write!(f, "this CSV file cannot be read: {message}"),
            Unreadable::Unknown => f.write_str("this is not a spreadsheet: give a roster as .xlsx or .csv"),
            Unreadable::TooLarge => write!(f, "the file is larger than {} MB: this is not a roster", MAX_BYTES / 1024 / 1024),
        }
    }
}

impl Unreadable {
    /// Where in the file the problem is: (row, column), spreadsheet numbering.
    pub(crate) fn place(&self) -> (usize, usize) {
        match self {
            Unreadable::NotUtf8 { row, column } => (*row, *column),
            Unreadable::BadCsv { row, .. } => (*row, 1),
            _ => (1, 1),
        }
    }
}

/// The first sheet of the file's bytes; `csv` says the file's name ends in `.csv`.
pub(crate) fn read(bytes: &[u8], csv: bool) -> Result<Grid, Unreadable> {
    if bytes.len() as u64 > MAX_BYTES {
        return Err(Unreadable::TooLarge);
    }
    if bytes.starts_with(b"%PDF") {
        return Err(Unreadable::Pdf);
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) && encrypted(bytes) {
        // An encrypted .xlsx is an OLE container with an "EncryptedPackage" stream.
        return Err(Unreadable::Encrypted);
    }
    let workbook = bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]);
    if workbook {
        return workbook_grid(bytes);
    }
    if csv {
        return csv_grid(bytes);
    }
    Err(Unreadable::Unknown)
}

/// Whether an OLE file holds the stream of an encrypted Office document (its name is stored
/// in UTF-16).
fn encrypted(bytes: &[u8]) -> bool {
    let name: Vec<u8> = "EncryptedPackage"
        .encode_utf16()
        .flat_map(|u| u.to_le_bytes())
        .collect();
    bytes.windows(name.len()).any(|w| w == name.as_slice())
}

fn workbook_grid(bytes: &[u8]) -> Result<Grid, Unreadable> {
    let mut wb = calamine::open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(|e| damaged(&e.to_string()))?;
    let range = wb
        .worksheet_range_at(0)
        .ok_or(Unreadable::NoSheet)?
        .map_err(|e| damaged(&e.to_string()))?;
    let (row0, col0) = range.start().unwrap_or((0, 0));
    let rows = range
        .rows()
        .enumerate()
        .map(|(i, r)| {
            let mut cells: Vec<Cell> = vec![Cell::Empty; col0 as usize];
            cells.extend(r.iter().map(cell));
            (row0 as usize + i + 1, cells)
        })
        .collect();
    Ok(Grid { rows })
}

fn damaged(message: &str) -> Unreadable {
    if message.to_lowercase().contains("password") {
        Unreadable::Encrypted
    } else {
        Unreadable::Damaged(message.to_string())
    }
}

fn cell(d: &Data) -> Cell {
    match d {
        Data::Empty => Cell::Empty,
        Data::String(s) => Cell::Text(s.clone()),
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Float(f) => Cell::Number(*f),
        Data::Bool(b) => Cell::Text(if *b { "TRUE" } else { "FALSE" }.into()),
        Data::DateTime(dt) => match dt.as_datetime() {
            Some(t) if dt.is_datetime() => Cell::Date(t.date()),
            _ => Cell::Number(dt.as_f64()),
        },
        Data::DateTimeIso(s) => NaiveDate::parse_from_str(s.get(..10).unwrap_or(s), "%Y-%m-%d")
            .map(Cell::Date)
            .unwrap_or_else(|_| Cell::Text(s.clone())),
        Data::DurationIso(s) => Cell::Text(s.clone()),
        Data::Error(e) => Cell::Error(format!("{e}")),
    }
}

/// A CSV file: UTF-8 (a BOM is fine), any line ends, rows of any length.
fn csv_grid(bytes: &[u8]) -> Result<Grid, Unreadable> {
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let good = &bytes[..e.valid_up_to()];
            let row = good.iter().filter(|&&b| b == b'\n').count() + 1;
            let line_start = good.iter().rposition(|&b| b == b'\n').map_or(0, |p| p + 1);
            let column = String::from_utf8_lossy(&good[line_start..]).chars().count() + 1;
            return Err(Unreadable::NotUtf8 { row, column });
        }
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = ::csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for rec in reader.records() {
        let rec = rec.map_err(|e| Unreadable::BadCsv {
            row: e.position().map_or(1, |p| p.line() as usize),
            message: e.to_string(),
        })?;
        let line = rec.position().map_or(rows.len() + 1, |p| p.line() as usize);
        rows.push((line, rec.iter().map(|s| Cell::Text(s.to_string())).collect()));
    }
    Ok(Grid { rows })
}

/// A date cell or text: a date cell, `2026-12-31`, `2026/12/31`, `2026.12.31` or
/// `2026年12月31日`; a number cell (a date whose cell lost its date format) as Excel's day
/// count from 1899-12-30, for the years 1950 to 2099 only. `None` for anything else.
pub(crate) fn date(c: &Cell) -> Option<NaiveDate> {
    match c {
        Cell::Date(d) => Some(*d),
        Cell::Number(n) if (18_264.0..73_051.0).contains(n) && n.fract() == 0.0 => {
            NaiveDate::from_ymd_opt(1899, 12, 30)?.checked_add_days(chrono::Days::new(*n as u64))
        }
        Cell::Text(t) => {
            let t = t.trim();
            let t = t.strip_suffix('日').unwrap_or(t);
            let parts: Vec<&str> = t.split(['-', '/', '.', '年', '月']).collect();
            let [y, m, d] = parts.as_slice() else { return None };
            if y.len() != 4 || m.is_empty() || m.len() > 2 || d.is_empty() || d.len() > 2 {
                return None;
            }
            NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_the_forms_offices_write() {
        let d = NaiveDate::from_ymd_opt(2026, 12, 31);
        for t in ["2026-12-31", "2026/12/31", "2026.12.31", "2026年12月31日"] {
            assert_eq!(date(&Cell::Text(t.into())), d, "{t}");
        }
        for t in ["12/31/2026", "2026-13-01", "明年", "2026-12", "", "46387"] {
            assert_eq!(date(&Cell::Text(t.into())), None, "{t}");
        }
        // a date cell that lost its format: Excel's serial day number
        assert_eq!(date(&Cell::Number(46_387.0)), d);
        assert_eq!(date(&Cell::Number(12.0)), None);
    }

    #[test]
    fn csv_rows_and_gbk() {
        let g = read("\u{feff}姓名,性别\n张伟,男\n".as_bytes(), true).unwrap();
        assert_eq!(g.rows.len(), 2);
        assert_eq!(g.rows[1].0, 2);
        // 张伟 in GBK on the second line
        let gbk = b"name\n\xd5\xc5\xce\xb0\n";
        assert_eq!(read(gbk, true).err(), Some(Unreadable::NotUtf8 { row: 2, column: 1 }));
        assert_eq!(read(b"%PDF-1.7 ...", false).err(), Some(Unreadable::Pdf));
        assert_eq!(read(b"hello", false).err(), Some(Unreadable::Unknown));
    }

    #[test]
    fn numbers_read_as_text() {
        assert_eq!(Cell::Number(13_907_371_234.0).text(), "13907371234");
        assert_eq!(Cell::Number(28.5).text(), "28.5");
    }
}

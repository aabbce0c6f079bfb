//! `liaison export roster FILE.xlsx [--stations]`: today's representatives (or stations) as a
//! sheet in the layout `import roster` reads: a title row, the header row, a row per person
//! with their levels joined by `、`, the station by its exact name (its slug where two
//! stations share a name), and a `slug` column, so that importing the sheet unedited changes
//! nothing. Written with rust_xlsxwriter; the same content and date give the same bytes.

use std::collections::HashMap;
use std::path::Path;

use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, Worksheet, XlsxError};

use crate::content::Content;
use crate::diag::{Diagnostic, Diagnostics};
use crate::error::{Doing, Error};
use crate::pipeline;

/// What to export.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Export {
    Representatives,
    Stations,
}

const PEOPLE: [&str; 11] = [
    "姓名",
    "性别",
    "代表层级",
    "联络站",
    "代表小组",
    "工作单位",
    "职务",
    "联系电话",
    "届次",
    "离任日期",
    "slug",
];
const STATIONS: [&str; 13] = [
    "联络站名称",
    "类型",
    "行政区划代码",
    "地址",
    "联系电话",
    "开放时间",
    "负责人",
    "联络员",
    "经度",
    "纬度",
    "上级联络站",
    "设立日期",
    "slug",
];

/// A cell to write.
enum Out {
    Text(String),
    Number(f64),
    Date(NaiveDate),
}

fn text(s: &Option<String>) -> Out {
    Out::Text(s.clone().unwrap_or_default())
}

fn xlsx_error(file: &Path) -> impl Fn(XlsxError) -> Diagnostics + '_ {
    move |e| Diagnostic::at(file.display().to_string(), 0, 0, format!("cannot write the sheet: {e}")).into()
}

fn excel_date(d: NaiveDate) -> Result<ExcelDateTime, XlsxError> {
    ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8)
}

/// The rows of the people sheet, by station then slug.
fn people_rows(c: &Content) -> Vec<Vec<Out>> {
    let mut names: HashMap<&str, usize> = HashMap::new();
    for s in &c.stations {
        *names.entry(s.name.as_str()).or_default() += 1;
    }
    let station_of: HashMap<&str, &str> = c.stations.iter().map(|s| (s.slug.as_str(), s.name.as_str())).collect();
    let mut reps: Vec<_> = c.representatives.iter().collect();
    reps.sort_by(|a, b| (a.station.as_str(), &a.slug).cmp(&(b.station.as_str(), &b.slug)));
    reps.into_iter()
        .map(|r| {
            let station = match station_of.get(r.station.as_str()) {
                Some(name) if names.get(name) == Some(&1) => name.to_string(),
                _ => r.station.value.clone(),
            };
            let levels: Vec<&str> = r.levels.iter().map(|l| l.short()).collect();
            vec![
                Out::Text(r.name.clone()),
                text(&r.gender),
                Out::Text(levels.join("、")),
                Out::Text(station),
                text(&r.delegation),
                text(&r.unit),
                text(&r.position),
                text(&r.phone),
                text(&r.term),
                r.until.map_or(Out::Text(String::new()), Out::Date),
                Out::Text(r.slug.clone()),
            ]
        })
        .collect()
}

/// The rows of the station sheet, by slug.
fn station_rows(c: &Content) -> Vec<Vec<Out>> {
    let name_of: HashMap<&str, &str> = c.stations.iter().map(|s| (s.slug.as_str(), s.name.as_str())).collect();
    c.stations
        .iter()
        .map(|s| {
            let contact = |x: &Option<crate::content::station::Contact>| {
                Out::Text(x.as_ref().map(|c| c.name.clone()).unwrap_or_default())
            };
            let parent = s
                .parent
                .as_ref()
                .map(|p| name_of.get(p.as_str()).map_or(p.value.clone(), |n| n.to_string()))
                .unwrap_or_default();
            vec![
                Out::Text(s.name.clone()),
                Out::Text(s.kind.label().into()),
                Out::Text(s.region.value.clone()),
                Out::Text(s.address.clone()),
                text(&s.phone),
                text(&s.hours),
                contact(&s.manager),
                contact(&s.liaison),
                s.location.map_or(Out::Text(String::new()), |l| Out::Number(l.lon)),
                s.location.map_or(Out::Text(String::new()), |l| Out::Number(l.lat)),
                Out::Text(parent),
                s.established.map_or(Out::Text(String::new()), Out::Date),
                Out::Text(s.slug.clone()),
            ]
        })
        .collect()
}

fn write_rows(ws: &mut Worksheet, title: &str, header: &[&str], rows: &[Vec<Out>]) -> Result<(), XlsxError> {
    let bold = Format::new().set_bold();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let text_format = Format::new().set_num_format("@");
    ws.write_string_with_format(0, 0, title, &bold)?;
    for (c, h) in header.iter().enumerate() {
        ws.write_string_with_format(1, c as u16, *h, &bold)?;
        ws.set_column_width(c as u16, if *h == "姓名" || *h == "性别" { 8 } else { 18 })?;
    }
    ws.set_freeze_panes(2, 0)?;
    for (i, row) in rows.iter().enumerate() {
        let r = i as u32 + 2;
        for (c, cell) in row.iter().enumerate() {
            let c = c as u16;
            match cell {
                Out::Text(t) if t.is_empty() => {}
                // as text, so that Excel keeps 0737-… and long codes as written
                Out::Text(t) => {
                    ws.write_string_with_format(r, c, t, &text_format)?;
                }
                Out::Number(n) => {
                    ws.write_number(r, c, *n)?;
                }
                Out::Date(d) => {
                    ws.write_datetime_with_format(r, c, excel_date(*d)?, &date)?;
                }
            }
        }
    }
    Ok(())
}

/// Writes the sheet; returns how many rows (people or stations) it has.
pub fn export(root: &Path, file: &Path, what: Export, today: NaiveDate) -> Result<usize, Diagnostics> {
    let content = pipeline::check(&pipeline::load(root), None)?;
    let (title, header, rows): (String, &[&str], _) = match what {
        Export::Representatives => (
            format!("{}人大代表名册", content.config.title),
            &PEOPLE,
            people_rows(&content),
        ),
        Export::Stations => (
            format!("{}联络站名册", content.config.title),
            &STATIONS,
            station_rows(&content),
        ),
    };
    let title = format!("{title}（{}年{}月{}日导出）", today.year(), today.month(), today.day());
    let mut wb = Workbook::new();
    let bad = xlsx_error(file);
    let props = DocProperties::new()
        .set_title(title.as_str())
        .set_creation_datetime(&excel_date(today).map_err(&bad)?);
    wb.set_properties(&props);
    let ws = wb.add_worksheet();
    ws.set_name(if what == Export::Stations {
        "联络站"
    } else {
        "人大代表"
    })
    .map_err(&bad)?;
    write_rows(ws, &title, header, &rows).map_err(&bad)?;
    let bytes = wb.save_to_buffer().map_err(&bad)?;
    std::fs::write(file, bytes).map_err(|e| Diagnostics::from(Error::io(Doing::Write, file)(e)))?;
    Ok(rows.len())
}

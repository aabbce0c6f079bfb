//! The rows of a station sheet (`联络站名称` in the header): kind from its Chinese name, region
//! code checked against regions.toml, longitude and latitude together, the parent station by
//! slug or exact name.

use chrono::NaiveDate;

use super::Problem;
use super::header::{Field, Header};
use super::people::{date_cell, normalize_name, slug_cell};
use super::sheet::{Cell, Grid};
use crate::content::station::Kind;
use crate::diag::did_you_mean;

/// One station as the sheet gives it; `None` where the sheet has no column.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct SheetStation {
    pub(crate) row: usize,
    pub(crate) name: String,
    pub(crate) slug: Option<String>,
    pub(crate) kind: Option<Kind>,
    pub(crate) region: Option<String>,
    pub(crate) address: Option<String>,
    pub(crate) phone: Option<String>,
    pub(crate) hours: Option<String>,
    pub(crate) manager: Option<String>,
    pub(crate) liaison: Option<String>,
    /// `Some(None)`: both cells empty.
    pub(crate) location: Option<Option<(f64, f64)>>,
    /// The parent's name or slug as written (resolved once every row is read).
    pub(crate) parent: Option<(usize, String)>,
    pub(crate) established: Option<Option<NaiveDate>>,
}

/// The kind a 类型 cell names: `中心联络站`, `片区联络站`, `代表小组联络站`, `代表之家`,
/// `代表工作室` (or the content key, `center`…).
pub(crate) fn kind_word(text: &str) -> Option<Kind> {
    let t = normalize_name(text);
    if let Some(k) = Kind::parse(&t.to_ascii_lowercase()) {
        return Some(k);
    }
    if t.ends_with("中心联络站") || t == "中心站" {
        Some(Kind::Center)
    } else if t.ends_with("片区联络站") || t == "片区站" {
        Some(Kind::Area)
    } else if t.ends_with("小组联络站") {
        Some(Kind::Group)
    } else if t.ends_with("之家") {
        Some(Kind::Home)
    } else if t.ends_with("工作室") {
        Some(Kind::Office)
    } else {
        None
    }
}

fn coordinate(cell: &Cell) -> Option<f64> {
    match cell {
        Cell::Number(n) => Some(*n),
        Cell::Text(t) => t.trim().parse().ok(),
        _ => None,
    }
}

/// A 类型 cell.
fn kind_cell(k: &str) -> Result<Kind, (String, Option<String>)> {
    kind_word(k).ok_or_else(|| {
        (
            format!("unknown station type `{k}`: use 中心联络站, 片区联络站, 代表小组联络站, 代表之家 or 代表工作室"),
            did_you_mean(k, Kind::ALL.map(Kind::label)),
        )
    })
}

/// A 行政区划代码 cell: a code of regions.toml (a region's name instead gets its code as a hint).
fn region_cell(code: &str, regions: &[(String, String)]) -> Result<(), (String, Option<String>)> {
    if regions.iter().any(|(r, _)| r == code) {
        return Ok(());
    }
    let hint = regions
        .iter()
        .find(|(_, n)| normalize_name(n) == normalize_name(code))
        .map(|(r, n)| format!("{n} is region {r}"));
    Err((format!("region code `{code}` is not in content/regions.toml"), hint))
}

/// A bad cell: its column, the message, a hint.
type BadCell = (usize, String, Option<String>);

/// The 经度 and 纬度 cells (with their columns): both empty, or a longitude and a latitude;
/// the problem's column otherwise.
fn location((lon_c, lon): (usize, &Cell), (lat_c, lat): (usize, &Cell)) -> Result<Option<(f64, f64)>, BadCell> {
    let lon_ok = |x: f64| (-180.0..=180.0).contains(&x);
    let lat_ok = |y: f64| (-90.0..=90.0).contains(&y);
    match (lon.is_blank(), lat.is_blank(), coordinate(lon), coordinate(lat)) {
        (true, true, _, _) => Ok(None),
        (_, _, Some(x), Some(y)) if lon_ok(x) && lat_ok(y) => Ok(Some((y, x))),
        (_, _, Some(x), Some(y)) if lon_ok(y) && lat_ok(x) => Err((
            lat_c,
            format!("纬度 {y} is not a latitude (it must be between -90 and 90)"),
            Some("经度 and 纬度 look swapped".into()),
        )),
        (_, _, None, _) => Err((
            lon_c,
            format!("经度 `{}` is not a number such as 112.10", lon.text()),
            None,
        )),
        _ => Err((
            lat_c,
            format!("纬度 `{}` is not a latitude such as 28.53", lat.text()),
            None,
        )),
    }
}

/// Reads each row under the header into a station.
pub(crate) fn read(
    grid: &Grid,
    header: &Header,
    regions: &[(String, String)],
    problems: &mut Vec<Problem>,
) -> Vec<SheetStation> {
    let mut out = Vec::new();
    for (row, cells) in &grid.rows[header.index + 1..] {
        if cells.iter().all(Cell::is_blank) {
            break;
        }
        if let Some(s) = station(*row, cells, header, regions, problems) {
            out.push(s);
        }
    }
    out
}

fn station(
    row: usize,
    cells: &[Cell],
    header: &Header,
    regions: &[(String, String)],
    problems: &mut Vec<Problem>,
) -> Option<SheetStation> {
    let before = problems.len();
    let mut bad = |col: usize, message: String, hint: Option<String>| {
        problems.push(Problem {
            row,
            column: col + 1,
            message,
            hint,
        });
    };
    let cell = |f: Field| header.column(f).map(|c| (c, cells.get(c).unwrap_or(&Cell::Empty)));
    let text = |f: Field| cell(f).map(|(c, x)| (c, x.text()));
    let (name_col, name) = text(Field::StationName)?;
    if name.starts_with("合计") || name.starts_with("总计") {
        return None;
    }
    if name.is_empty() {
        bad(name_col, "this row has no station name (联络站名称)".into(), None);
    }
    let mut s = SheetStation {
        row,
        name,
        ..SheetStation::default()
    };
    if let Some((c, slug)) = text(Field::Slug) {
        match slug_cell(slug) {
            Ok(slug) => s.slug = slug,
            Err(message) => bad(c, message, None),
        }
    }
    if let Some((c, k)) = text(Field::Kind) {
        match kind_cell(&k) {
            Ok(kind) => s.kind = Some(kind),
            Err((message, hint)) => bad(c, message, hint),
        }
    }
    if let Some((c, code)) = text(Field::Region) {
        match region_cell(&code, regions) {
            Ok(()) => s.region = Some(code),
            Err((message, hint)) => bad(c, message, hint),
        }
    }
    s.address = text(Field::Address).map(|(_, t)| t);
    s.phone = text(Field::Phone).map(|(_, t)| t);
    s.hours = text(Field::Hours).map(|(_, t)| t);
    s.manager = text(Field::Manager).map(|(_, t)| t);
    s.liaison = text(Field::Liaison).map(|(_, t)| t);
    if let (Some(lon), Some(lat)) = (cell(Field::Longitude), cell(Field::Latitude)) {
        match location(lon, lat) {
            Ok(l) => s.location = Some(l),
            Err((c, message, hint)) => bad(c, message, hint),
        }
    }
    if let Some((c, p)) = text(Field::Parent) {
        s.parent = Some((c, p));
    }
    if let Some((c, d)) = cell(Field::Established) {
        match date_cell(d) {
            Ok(d) => s.established = Some(d),
            Err(message) => bad(c, message, None),
        }
    }
    (problems.len() == before).then_some(s)
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn kinds() {
        assert_eq!(kind_word("中心联络站"), Some(Kind::Center));
        assert_eq!(kind_word("代表之家"), Some(Kind::Home));
        assert_eq!(kind_word("代表小组联络站"), Some(Kind::Group));
        assert_eq!(kind_word("office"), Some(Kind::Office));
        assert_eq!(kind_word("联络点"), None);
    }
}

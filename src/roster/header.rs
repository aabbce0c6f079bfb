//! The header row of a roster: the first row with a `姓名` cell (a people sheet) or, with no
//! `姓名`, a `联络站名称` cell (a station sheet); each recognised header mapped to the key it
//! fills, and the others named so the summary can list them.

use super::sheet::{Cell, Grid};

/// What a column fills.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Field {
    // people
    Name,
    Gender,
    Levels,
    Station,
    Unit,
    Position,
    UnitAndPosition,
    Delegation,
    Phone,
    Term,
    Until,
    // stations
    StationName,
    Kind,
    Region,
    Address,
    Hours,
    Manager,
    Liaison,
    Longitude,
    Latitude,
    Parent,
    Established,
    // both
    Slug,
}

/// Which kind of sheet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SheetKind {
    People,
    Stations,
}

const PEOPLE: &[(&str, Field)] = &[
    ("姓名", Field::Name),
    ("性别", Field::Gender),
    ("代表层级", Field::Levels),
    ("层级", Field::Levels),
    ("级别", Field::Levels),
    ("代表级别", Field::Levels),
    ("联络站", Field::Station),
    ("进站名称", Field::Station),
    ("所在联络站", Field::Station),
    ("工作单位", Field::Unit),
    ("职务", Field::Position),
    ("工作单位及职务", Field::UnitAndPosition),
    ("代表小组", Field::Delegation),
    ("所在代表小组", Field::Delegation),
    ("联系电话", Field::Phone),
    ("电话", Field::Phone),
    ("届次", Field::Term),
    ("离任日期", Field::Until),
    ("任期至", Field::Until),
    ("slug", Field::Slug),
];

const STATIONS: &[(&str, Field)] = &[
    ("联络站名称", Field::StationName),
    ("类型", Field::Kind),
    ("行政区划代码", Field::Region),
    ("地址", Field::Address),
    ("联系电话", Field::Phone),
    ("开放时间", Field::Hours),
    ("负责人", Field::Manager),
    ("联络员", Field::Liaison),
    ("经度", Field::Longitude),
    ("纬度", Field::Latitude),
    ("上级联络站", Field::Parent),
    ("设立日期", Field::Established),
    ("slug", Field::Slug),
];

/// A header as written, without spaces or line breaks (`工作单位\n及职务`, `姓　名`).
pub(crate) fn normalize(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The header row of a sheet.
pub(crate) struct Header {
    pub(crate) kind: SheetKind,
    /// Its index in `Grid::rows`.
    pub(crate) index: usize,
    /// (column index, field), in column order; the first column of a field wins.
    pub(crate) columns: Vec<(usize, Field)>,
    /// Headers that fill nothing, as written.
    pub(crate) ignored: Vec<String>,
}

impl Header {
    pub(crate) fn column(&self, f: Field) -> Option<usize> {
        self.columns.iter().find(|(_, g)| *g == f).map(|(c, _)| *c)
    }
    pub(crate) fn has(&self, f: Field) -> bool {
        self.column(f).is_some()
    }
}

fn texts(cells: &[Cell]) -> Vec<String> {
    cells.iter().map(|c| normalize(&c.text())).collect()
}

/// Finds the header row: `None` when no row has `姓名` or `联络站名称`.
pub(crate) fn find(grid: &Grid) -> Option<Header> {
    let (index, kind) = grid.rows.iter().enumerate().find_map(|(i, (_, cells))| {
        let t = texts(cells);
        if t.iter().any(|h| h == "姓名") {
            Some((i, SheetKind::People))
        } else if t.iter().any(|h| h == "联络站名称") {
            Some((i, SheetKind::Stations))
        } else {
            None
        }
    })?;
    let table = match kind {
        SheetKind::People => PEOPLE,
        SheetKind::Stations => STATIONS,
    };
    let mut columns: Vec<(usize, Field)> = Vec::new();
    let mut ignored = Vec::new();
    for (c, h) in texts(&grid.rows[index].1).into_iter().enumerate() {
        if h.is_empty() {
            continue;
        }
        match table.iter().find(|(name, _)| h.eq_ignore_ascii_case(name)) {
            Some(&(_, f)) if !columns.iter().any(|(_, g)| *g == f) => columns.push((c, f)),
            _ => ignored.push(h),
        }
    }
    // 工作单位及职务 fills `unit` only when there is no 职务 column (nor 工作单位).
    if columns.iter().any(|(_, f)| matches!(f, Field::Position | Field::Unit))
        && let Some(at) = columns.iter().position(|(_, f)| *f == Field::UnitAndPosition)
    {
        columns.remove(at);
        ignored.push("工作单位及职务".into());
    }
    Some(Header {
        kind,
        index,
        columns,
        ignored,
    })
}

/// The column letters of a 0-based index: 0 → `A`, 26 → `AA`.
pub(crate) fn letters(mut c: usize) -> String {
    let mut out = Vec::new();
    loop {
        out.push(b'A' + (c % 26) as u8);
        if c < 26 {
            break;
        }
        c = c / 26 - 1;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_of_columns() {
        assert_eq!(letters(0), "A");
        assert_eq!(letters(25), "Z");
        assert_eq!(letters(26), "AA");
        assert_eq!(letters(27), "AB");
    }

    #[test]
    fn title_row_then_header() {
        let t = |s: &str| Cell::Text(s.into());
        let grid = Grid {
            rows: vec![
                (1, vec![t("清溪县人大代表名册")]),
                (2, vec![t("序号"), t("姓　名"), t("工作单位及职务"), t("代表层级")]),
            ],
        };
        let h = find(&grid).unwrap();
        assert_eq!(h.kind, SheetKind::People);
        assert_eq!(grid.rows[h.index].0, 2);
        assert_eq!(h.column(Field::Name), Some(1));
        assert_eq!(h.column(Field::UnitAndPosition), Some(2));
        assert_eq!(h.ignored, ["序号"]);
    }
}

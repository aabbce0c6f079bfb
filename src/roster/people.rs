//! The rows of a people sheet: names without padding, level words in their many spellings,
//! stations by slug or exact name, and one person's rows (one per level) merged into one.

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;

use super::header::{Field, Header, letters};
use super::sheet::{self, Cell, Grid};
use super::{Problem, Stations};
use crate::content::Level;
use crate::diag::did_you_mean;

/// One person as the sheet gives them: only the fields the sheet has columns for are `Some`
/// (an empty cell in such a column is `Some("")`, which removes the key).
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct SheetPerson {
    /// The row the person is first on.
    pub(crate) row: usize,
    pub(crate) name: String,
    pub(crate) slug: Option<String>,
    pub(crate) gender: Option<String>,
    pub(crate) levels: Option<Vec<Level>>,
    pub(crate) station: Option<String>,
    pub(crate) unit: Option<String>,
    pub(crate) position: Option<String>,
    pub(crate) delegation: Option<String>,
    pub(crate) phone: Option<String>,
    pub(crate) term: Option<String>,
    /// `Some(None)`: the column is there and the cell empty.
    pub(crate) until: Option<Option<NaiveDate>>,
}

/// A name without the spaces that pad two-character names (`张　伟`, `张 伟`).
pub(crate) fn normalize_name(name: &str) -> String {
    name.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The level a word names: `县`, `县级`, `县人大代表`, `区`, `乡镇人大代表`, `national`…
pub(crate) fn level_word(word: &str) -> Option<Level> {
    let w: String = word.chars().filter(|c| !c.is_whitespace()).collect();
    if let Some(l) = Level::parse(&w.to_ascii_lowercase()) {
        return Some(l);
    }
    let mut w = w.as_str();
    for suffix in ["人民代表大会代表", "人大代表", "代表", "人大", "级"] {
        w = w.strip_suffix(suffix).unwrap_or(w);
    }
    w = w.strip_suffix("级").unwrap_or(w);
    Some(match w {
        "全国" | "国家" => Level::National,
        "省" | "自治区" | "直辖市" => Level::Provincial,
        "市" | "州" | "地" | "设区的市" | "市州" => Level::City,
        "县" | "区" | "县市区" | "县区" | "县（市、区）" | "县(市、区)" | "旗" => Level::County,
        "乡镇" | "乡" | "镇" | "乡（镇）" | "乡(镇)" | "苏木" => Level::Township,
        _ => return None,
    })
}

/// The words of a levels cell: `县、乡镇`, `县,乡镇`, `市/县`.
fn levels(text: &str) -> Result<Vec<Level>, String> {
    let mut out = Vec::new();
    for word in text.split(['、', ',', '，', '/', '／', ';', '；']).map(str::trim) {
        if word.is_empty() {
            continue;
        }
        match level_word(word) {
            Some(l) if !out.contains(&l) => out.push(l),
            Some(_) => {}
            None => return Err(word.to_string()),
        }
    }
    out.sort();
    Ok(out)
}

/// A slug cell: empty, or a valid slug.
pub(crate) fn slug_cell(s: String) -> Result<Option<String>, String> {
    if s.is_empty() {
        Ok(None)
    } else if crate::content::slug::is_valid(&s) {
        Ok(Some(s))
    } else {
        Err(format!("`{s}` is not a slug: use lowercase letters, digits and -"))
    }
}

/// A 性别 cell: 男, 女 (男性, 女性) or empty.
fn gender_cell(g: &str) -> Result<String, String> {
    match g {
        "男" | "男性" => Ok("男".into()),
        "女" | "女性" => Ok("女".into()),
        "" => Ok(String::new()),
        other => Err(format!("性别 must be 男 or 女, found `{other}`")),
    }
}

/// A date cell: empty (`None`), or a date in one of the forms [`sheet::date`] reads.
pub(crate) fn date_cell(cell: &Cell) -> Result<Option<NaiveDate>, String> {
    if cell.is_blank() {
        return Ok(None);
    }
    sheet::date(cell).map(Some).ok_or_else(|| {
        format!(
            "`{}` is not a date: write it as 2026-12-31 (or 2026/12/31, 2026年12月31日), or format the cell as a date",
            cell.text()
        )
    })
}

/// A 代表层级 cell: at least one known level word.
fn levels_cell(l: &str) -> Result<Vec<Level>, (String, Option<String>)> {
    match levels(l) {
        Ok(v) if v.is_empty() => Err(("代表层级 is empty: give 全国, 省, 市, 县 or 乡镇".into(), None)),
        Ok(v) => Ok(v),
        Err(word) => {
            let words = ["全国", "省", "市", "县", "乡镇"];
            Err((
                format!("unknown level `{word}` in 代表层级: use 全国, 省, 市, 县 or 乡镇 (separated by 、)"),
                did_you_mean(&word, words),
            ))
        }
    }
}

/// Whether a row ends the list: empty, or a 合计/总计 row.
fn ends_list(cells: &[Cell]) -> bool {
    cells.iter().all(Cell::is_blank)
        || cells.iter().any(|c| {
            let t = normalize_name(&c.text());
            t.starts_with("合计") || t.starts_with("总计") || t.starts_with("小计")
        })
}

/// Reads each row under the header into a person, and merges the rows of one person.
pub(crate) fn read(grid: &Grid, header: &Header, stations: &Stations, problems: &mut Vec<Problem>) -> Vec<SheetPerson> {
    let mut people: Vec<SheetPerson> = Vec::new();
    // (name, station, unit) → the person's index, so that merging stays linear at 140,000 rows
    let mut index: HashMap<(String, Option<String>, Option<String>), usize> = HashMap::new();
    for (row, cells) in &grid.rows[header.index + 1..] {
        if ends_list(cells) {
            break;
        }
        if let Some(p) = person(*row, cells, header, stations, problems) {
            let key = (p.name.clone(), p.station.clone(), p.unit.clone());
            match index.get(&key) {
                Some(&i) => merge(&mut people[i], p, header, problems),
                None => {
                    index.insert(key, people.len());
                    people.push(p);
                }
            }
        }
    }
    people
}

/// The text of a field's cell in a row: `None` when the sheet has no such column.
fn field<'a>(cells: &'a [Cell], header: &Header, f: Field) -> Option<(usize, &'a Cell)> {
    let c = header.column(f)?;
    Some((c, cells.get(c).unwrap_or(&Cell::Empty)))
}

/// One row as a person, or `None` with its problems pushed.
fn person(
    row: usize,
    cells: &[Cell],
    header: &Header,
    stations: &Stations,
    problems: &mut Vec<Problem>,
) -> Option<SheetPerson> {
    let before = problems.len();
    let mut bad = |col: usize, message: String, hint: Option<String>| {
        problems.push(Problem {
            row,
            column: col + 1,
            message,
            hint,
        });
    };
    let text = |f: Field| field(cells, header, f).map(|(c, cell)| (c, cell.text()));
    let (name_col, name) = text(Field::Name)?;
    let name = normalize_name(&name);
    if name.is_empty() {
        bad(
            name_col,
            "this row has no name (姓名): every filled row must name a person".into(),
            None,
        );
    }
    let mut p = SheetPerson {
        row,
        name,
        ..SheetPerson::default()
    };
    if let Some((c, s)) = text(Field::Slug) {
        match slug_cell(s) {
            Ok(slug) => p.slug = slug,
            Err(message) => bad(c, message, None),
        }
    }
    if let Some((c, g)) = text(Field::Gender) {
        match gender_cell(&g) {
            Ok(g) => p.gender = Some(g),
            Err(message) => bad(c, message, None),
        }
    }
    if let Some((c, l)) = text(Field::Levels) {
        match levels_cell(&l) {
            Ok(v) => p.levels = Some(v),
            Err((message, hint)) => bad(c, message, hint),
        }
    }
    if let Some((c, s)) = text(Field::Station) {
        match resolve_station(&s, stations) {
            Ok(slug) => p.station = Some(slug),
            Err((message, hint)) => bad(c, message, hint),
        }
    }
    p.unit = text(Field::Unit)
        .or_else(|| text(Field::UnitAndPosition))
        .map(|(_, t)| t);
    p.position = text(Field::Position).map(|(_, t)| t);
    p.delegation = text(Field::Delegation).map(|(_, t)| t);
    p.phone = text(Field::Phone).map(|(_, t)| t);
    p.term = text(Field::Term).map(|(_, t)| t);
    if let Some((c, cell)) = field(cells, header, Field::Until) {
        match date_cell(cell) {
            Ok(d) => p.until = Some(d),
            Err(message) => bad(c, message, None),
        }
    }
    (problems.len() == before).then_some(p)
}

/// A station given by its slug or its exact name (spaces aside).
pub(crate) fn resolve_station(given: &str, stations: &Stations) -> Result<String, (String, Option<String>)> {
    let g = normalize_name(given);
    if g.is_empty() {
        return Err((
            "the station (联络站) is empty: give its full name or its slug".into(),
            None,
        ));
    }
    if let Some(s) = stations.by_slug(&g) {
        return Ok(s.slug.clone());
    }
    match stations.named(&g).as_slice() {
        [one] => Ok(one.slug.clone()),
        [] => Err((
            format!("no station is named `{given}`: give a station's full name as on its page, or its slug"),
            did_you_mean(&g, stations.list.iter().map(|s| s.name.as_str())),
        )),
        many => Err((
            format!(
                "{} stations are named `{given}`: give the slug instead ({})",
                many.len(),
                many.iter().map(|s| s.slug.as_str()).collect::<Vec<_>>().join(", ")
            ),
            None,
        )),
    }
}

/// Adds a further row of a person already read (same name, station and unit): its levels
/// join theirs, and its other cells must agree.
fn merge(first: &mut SheetPerson, p: SheetPerson, header: &Header, problems: &mut Vec<Problem>) {
    if let (Some(a), Some(b)) = (&mut first.levels, &p.levels) {
        a.extend(b.iter().copied());
        a.sort();
        a.dedup();
    }
    let mut conflicts: BTreeMap<usize, String> = BTreeMap::new();
    let first_row = first.row;
    let mut check =
        |f: Field, a: &mut Option<String>, b: &Option<String>, what: &str| match (a.as_deref(), b.as_deref()) {
            (Some(""), Some(y)) => *a = Some(y.to_string()),
            (Some(x), Some(y)) if !y.is_empty() && x != y => {
                if let Some(c) = header.column(f) {
                    conflicts.insert(c, format!("{what} `{y}` differs from `{x}` on row {first_row}"));
                }
            }
            _ => {}
        };
    check(Field::Gender, &mut first.gender, &p.gender, "性别");
    check(Field::Position, &mut first.position, &p.position, "职务");
    check(Field::Delegation, &mut first.delegation, &p.delegation, "代表小组");
    check(Field::Phone, &mut first.phone, &p.phone, "联系电话");
    check(Field::Term, &mut first.term, &p.term, "届次");
    check(Field::Slug, &mut first.slug, &p.slug, "slug");
    if let (Some(a), Some(b)) = (first.until, p.until)
        && a != b
        && b.is_some()
        && let Some(c) = header.column(Field::Until)
    {
        conflicts.insert(
            c,
            format!("离任日期 differs from row {} for the same person", first.row),
        );
    }
    for (c, message) in conflicts {
        problems.push(Problem {
            row: p.row,
            column: c + 1,
            message: format!(
                "{message} ({} on rows {} and {}, column {})",
                p.name,
                first.row,
                p.row,
                letters(c)
            ),
            hint: Some("one person's rows must agree; correct one of them".into()),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn level_words() {
        assert_eq!(levels("县、乡镇"), Ok(vec![Level::County, Level::Township]));
        assert_eq!(levels("乡镇人大代表"), Ok(vec![Level::Township]));
        assert_eq!(levels("县级"), Ok(vec![Level::County]));
        assert_eq!(levels("市/县"), Ok(vec![Level::City, Level::County]));
        assert_eq!(levels("市人大代表，县人大代表"), Ok(vec![Level::City, Level::County]));
        assert_eq!(levels("全国人大代表"), Ok(vec![Level::National]));
        assert_eq!(levels("区人大代表"), Ok(vec![Level::County]));
        assert_eq!(levels("county,township"), Ok(vec![Level::County, Level::Township]));
        assert_eq!(levels("村"), Err("村".into()));
        assert_eq!(levels("政协委员"), Err("政协委员".into()));
    }

    #[test]
    fn names_lose_their_padding() {
        assert_eq!(normalize_name("张　伟"), "张伟");
        assert_eq!(normalize_name(" 欧阳 慧 "), "欧阳慧");
    }
}

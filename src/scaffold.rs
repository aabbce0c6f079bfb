//! `liaison new`: a new content file with every key of its kind, the required ones filled with
//! placeholders and the optional ones commented out, ready to edit.

use crate::error::{Doing, Error};
use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDate};

use crate::content::slug;

/// The kinds of file `new` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Station,
    Representative,
    Bulletin,
    Page,
}

impl Kind {
    pub fn parse(s: &str) -> Option<Kind> {
        match s {
            "station" => Some(Kind::Station),
            "representative" => Some(Kind::Representative),
            "bulletin" => Some(Kind::Bulletin),
            "page" => Some(Kind::Page),
            _ => None,
        }
    }
}

fn station(today: NaiveDate) -> String {
    format!(
        r#"+++
name = "某某镇人大代表中心联络站"   # 联络站全称
kind = "center"                     # center 中心联络站 | area 片区联络站 | group 代表小组联络站 | home 代表之家 | office 代表工作室
region = "000000"                   # content/regions.toml 中的区划代码
address = "某某县某某镇某某路 1 号"
# phone = "0000-0000000"
# hours = "工作日 08:30-12:00，14:30-17:30"
# location = {{ lat = 28.0, lon = 112.0 }}   # WGS-84 经纬度
# established = {today}
# manager = {{ name = "", role = "镇人大主席", phone = "" }}
# liaison = {{ name = "", phone = "" }}

# [[reception]]                     # 接待日安排，可写多项
# title = "选民接待日"
# rrule = "FREQ=MONTHLY;BYMONTHDAY=8"   # 或者只写一天：date = {today}
# start = "09:00"
# end = "11:30"
# since = {today}
# until = {next_year}-12-31
# except = []
# representatives = []
# on_holiday = "cancel"             # 遇节假日："cancel" 取消 | "postpone" 顺延

# [extra]                           # 自由字段，模板中可用
+++
联络站简介：成立时间、面积、功能室、编组进站代表人数、主要活动。
"#,
        next_year = today.year() + 1
    )
}

fn representative() -> String {
    r#"+++
name = "某某"                       # 姓名
levels = ["township"]               # national 全国 | provincial 省 | city 市 | county 县 | township 乡镇，可写多个
station = "station-slug"            # 编组进站的联络站（content/stations/ 下的文件名）
# gender = "男"                     # 男 | 女
# region = "000000000"              # 默认为联络站所在区划
# delegation = ""                   # 代表小组
# unit = ""                         # 工作单位
# position = ""                     # 职务
# phone = ""                        # 公开的联系电话
# photo = "photos/slug.jpg"         # static/ 下的照片

# [extra]
+++
履职情况（可选）。
"#
    .to_string()
}

fn bulletin(date: NaiveDate, number: u32, total: Option<u32>) -> String {
    let total = match total {
        Some(t) => format!("total = {t}                   # 总第 {t} 期\n"),
        None => "# total = 1                       # 总第几期\n".to_string(),
    };
    format!(
        r#"+++
date = {date}
issue = {number}
{total}# publisher = "某某县人大常委会选举任免联络工作委员会"
# editors = ["", ""]
# contact = "电话："
# approval = ""
# recipients = [""]

# [extra]
+++
## 第一篇文章的标题

——副标题（可选）

正文。

（某某人大常委会供稿）
"#
    )
}

fn page() -> String {
    r#"+++
title = "页面标题"
# description = "一句话说明，用于搜索引擎"

# [extra]
+++
正文。
"#
    .to_string()
}

/// The next issue of the year of `today`: (number, total) after the existing files.
fn next_issue(root: &Path, today: NaiveDate) -> (u32, Option<u32>) {
    let (content, _) = crate::content::load(root);
    let year = today.year();
    let number = content
        .issues
        .iter()
        .filter(|i| i.year == year)
        .map(|i| i.number)
        .max()
        .unwrap_or(0)
        + 1;
    let total = content
        .issues
        .iter()
        .filter_map(|i| i.total.as_ref().map(|t| t.value))
        .max()
        .map(|t| t + 1);
    (number, total)
}

/// Writes the new file; returns its path relative to `root`. Refuses an existing file.
pub fn create(root: &Path, kind: Kind, name: Option<&str>, today: NaiveDate) -> Result<PathBuf, Error> {
    let (rel, text) = match kind {
        Kind::Bulletin => {
            let (number, total) = next_issue(root, today);
            (
                format!("content/bulletins/{}/{number}.md", today.year()),
                bulletin(today, number, total),
            )
        }
        _ => {
            let name = name.ok_or(Error::NoName)?;
            if !slug::is_valid(name) {
                return Err(Error::BadName {
                    name: name.to_string(),
                    suggestion: slug::suggest(name),
                });
            }
            match kind {
                Kind::Station => (format!("content/stations/{name}.md"), station(today)),
                Kind::Representative => (format!("content/representatives/{name}.md"), representative()),
                _ => (format!("content/pages/{name}.md"), page()),
            }
        }
    };
    let path = root.join(&rel);
    if path.exists() {
        return Err(Error::Exists(path));
    }
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(Error::io(Doing::Create, parent))?;
    }
    // `create_new` so that a file appearing meanwhile is not overwritten either.
    use std::io::Write;
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
        .map_err(Error::io(Doing::Write, &path))?;
    f.write_all(text.as_bytes()).map_err(Error::io(Doing::Write, &path))?;
    Ok(PathBuf::from(rel))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::fields;
    use crate::diag::{Diagnostics, Source};

    /// Each template is valid front matter whose keys liaison knows.
    #[test]
    fn templates_parse() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
        for text in [station(today), representative(), bulletin(today, 3, Some(12)), page()] {
            let src = Source::new(Path::new("."), "x.md", text);
            let parts = crate::content::frontmatter::split(&src).unwrap();
            let mut d = Diagnostics::new();
            assert!(
                fields::parse(&src, &src.text[parts.front.clone()], parts.front.start, &mut d).is_some(),
                "{:?}",
                d
            );
        }
    }
}

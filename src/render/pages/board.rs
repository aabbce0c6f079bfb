//! `/stations/<slug>/board/`: the station's 公示栏 for the wall (代表信息上墙), a print page
//! on one A3 portrait sheet: the station's name and kind, each current representative once
//! (under their highest level, in stroke order) with 姓名, 性别, 代表层级, 工作单位, 职务 and
//! public phone, the reception days in words, the duties, rules and yearly plan (site-wide in
//! site.toml `[board]`, replaced per station in `[extra.board]`), the contacts, and QR codes of
//! the station page and of its calendar.

use serde::Serialize;

use super::board_fit::{self, Content};
use super::{Kind, Meta, Prepared, station_print_crumbs};
use crate::content::representative::levels_label;
use crate::model::{Site, StationId};
use crate::render::qr;
use crate::url;

/// The built-in texts, for a site whose site.toml has no `[board]`.
const DUTIES: &[&str] = &[
    "组织进站代表定期接待选民，听取和反映群众的意见建议",
    "组织代表开展视察、调研和执法检查等履职活动",
    "跟踪督促代表建议和群众意见的办理，向群众反馈结果",
    "组织代表向选民报告履职情况，接受选民监督",
];
const RULES: &[&str] = &[
    "接待日制度：接待日安排提前向社会公布，按时开门接待",
    "登记交办制度：群众意见逐件登记，分类交办，限时办结",
    "反馈回访制度：办理结果及时告知反映人，并做好回访",
    "档案管理制度：接待记录、办理台账及时整理归档",
];

#[derive(Serialize)]
struct Person<'a> {
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    gender: Option<&'a str>,
    levels_label: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    unit: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    position: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    phone: Option<&'a str>,
}

#[derive(Serialize)]
struct Group<'a> {
    label: &'static str,
    people: Vec<Person<'a>>,
}

#[derive(Serialize)]
struct Schedule<'a> {
    title: &'a str,
    summary: String,
    time: String,
}

#[derive(Serialize)]
struct Contact<'a> {
    /// 负责人 or 联络员
    role: &'static str,
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    title: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    phone: Option<&'a str>,
}

#[derive(Serialize)]
struct Qr {
    /// What the code holds (an absolute URL), printed under it.
    url: String,
    /// The inline `<svg>`; print with `| safe`.
    svg: String,
}

#[derive(Serialize)]
struct Board<'a> {
    name: &'a str,
    kind_label: &'static str,
    address: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    phone: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    hours: Option<&'a str>,
    groups: Vec<Group<'a>>,
    total: usize,
    /// The type size in percent of the full size, the largest at which the board fits one
    /// sheet ([`board_fit`]); the stylesheet has a class `fit-<n>` for each size below 100.
    fit: u8,
    receptions: Vec<Schedule<'a>>,
    contacts: Vec<Contact<'a>>,
    duties: Vec<String>,
    rules: Vec<String>,
    plan: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    qr_page: Option<Qr>,
    #[serde(skip_serializing_if = "Option::is_none")]
    qr_calendar: Option<Qr>,
    organizer: String,
}

/// A list of the board's texts: the station's `[extra.board] <key>` (strings), else the
/// site's `[board]`, else the built-in one.
fn texts(site: &Site, s: StationId, key: &str, site_list: &Option<Vec<String>>, builtin: &[&str]) -> Vec<String> {
    let own = site
        .station(s)
        .extra
        .get("board")
        .and_then(|b| b.get(key))
        .and_then(|v| v.as_array());
    match (own, site_list) {
        (Some(list), _) => list.iter().filter_map(|v| v.as_str().map(str::to_string)).collect(),
        (None, Some(list)) => list.clone(),
        (None, None) => builtin.iter().map(|s| s.to_string()).collect(),
    }
}

/// The board's texts as [`board_fit`] measures them, in the template's words.
fn content<'a>(b: &'a Board) -> Content<'a> {
    let mut address = format!("地址：{}", b.address);
    if let Some(p) = b.phone {
        address += &format!("　电话：{p}");
    }
    if let Some(h) = b.hours {
        address += &format!("　开放时间：{h}");
    }
    let cell = |v: Option<&'a str>| v.unwrap_or("");
    let groups = b
        .groups
        .iter()
        .map(|g| {
            g.people
                .iter()
                .map(|p| {
                    [
                        p.name,
                        cell(p.gender),
                        &p.levels_label,
                        cell(p.unit),
                        cell(p.position),
                        cell(p.phone),
                    ]
                })
                .collect()
        })
        .collect();
    let receptions = b
        .receptions
        .iter()
        .map(|r| format!("{} {}　{}", r.summary, r.time, r.title));
    let contacts = b
        .contacts
        .iter()
        .map(|c| format!("{}：{}（{}）　{}", c.role, c.name, cell(c.title), cell(c.phone)));
    let mut left = vec![receptions.collect::<Vec<_>>()];
    if !b.contacts.is_empty() {
        left.push(contacts.collect());
    }
    let mut right = vec![b.duties.clone(), b.rules.clone()];
    if !b.plan.is_empty() {
        right.push(b.plan.clone());
    }
    Content {
        name: b.name,
        address,
        groups,
        left,
        right,
    }
}

fn qr(base: &str, path: String, label: &str) -> Option<Qr> {
    let url = url::absolute(base, &path);
    qr::svg(&url, label).map(|svg| Qr { url, svg })
}

/// The current representatives, each once under their highest level, in stroke order.
fn groups(site: &Site, s: StationId) -> Vec<Group<'_>> {
    crate::content::Level::ALL
        .iter()
        .filter_map(|&l| {
            let people: Vec<Person> = site
                .station_reps(s)
                .iter()
                .map(|&r| site.rep(r))
                .filter(|rep| rep.levels.first() == Some(&l))
                .map(|rep| Person {
                    name: &rep.name,
                    gender: rep.gender.as_deref(),
                    levels_label: levels_label(&rep.levels),
                    unit: rep.unit.as_deref(),
                    position: rep.position.as_deref(),
                    phone: rep.phone.as_deref(),
                })
                .collect();
            (!people.is_empty()).then_some(Group {
                label: l.label(),
                people,
            })
        })
        .collect()
}

pub(super) fn page(site: &Site, i: StationId) -> Prepared {
    let st = site.station(i);
    let board = &site.config.board;
    let base = &site.config.base_url;
    let contacts = [("负责人", &st.manager), ("联络员", &st.liaison)]
        .into_iter()
        .filter_map(|(role, c)| {
            c.as_ref().map(|c| Contact {
                role,
                name: &c.name,
                title: c.role.as_deref(),
                phone: c.phone.as_deref(),
            })
        })
        .collect();
    let total = site.station_reps(i).len();
    let vars = Board {
        name: &st.name,
        kind_label: st.kind.label(),
        address: &st.address,
        phone: st.phone.as_deref(),
        hours: st.hours.as_deref(),
        groups: groups(site, i),
        total,
        fit: 100,
        receptions: st
            .receptions
            .iter()
            .map(|r| Schedule {
                title: &r.title,
                summary: r.summary(),
                time: r.time_label(),
            })
            .collect(),
        contacts,
        duties: texts(site, i, "duties", &board.duties, DUTIES),
        rules: texts(site, i, "rules", &board.rules, RULES),
        plan: texts(site, i, "plan", &board.plan, &[]),
        qr_page: qr(base, url::station(&st.slug), &format!("二维码：{}的网页", st.name)),
        qr_calendar: site
            .has_calendar(i)
            .then(|| {
                qr(
                    base,
                    url::station_calendar(&st.slug),
                    &format!("二维码：{}的接待日日历", st.name),
                )
            })
            .flatten(),
        organizer: site
            .config
            .footer
            .organizer
            .clone()
            .unwrap_or_else(|| site.config.title.clone()),
    };
    let vars = Board {
        fit: board_fit::step(&content(&vars)),
        ..vars
    };
    Meta {
        url: url::station_board(&st.slug),
        template: "board.html",
        title: format!("{}公示栏", st.name),
        description: format!("{}的代表信息公示栏，可用 A3 纸打印张贴。", st.name),
        kind: Kind::Board,
        breadcrumbs: station_print_crumbs(st),
        jsonld: Vec::new(),
    }
    .with(&vars)
}

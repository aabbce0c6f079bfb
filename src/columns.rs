//! The columns of the open data files `/data/stations.csv` and `/data/representatives.csv`:
//! one per key of the content model (a table's keys as `manager.name`), plus the page's
//! absolute URL; and of `/data/activities.csv` and `/data/suggestions.csv`: the ledgers'
//! headers, plus slugs to join them to the other files. The files are written from these ([`crate::outputs::open_data`]) and the
//! `/data/` page describes them from the same list, so the two cannot disagree.

use crate::content::representative::Level;
use crate::model::{RepId, Site, StationId};
use crate::url;

/// A column: its header (the content key), what it holds (for the /data/ page), and its
/// value for one row.
pub(crate) struct Column<T> {
    pub(crate) key: &'static str,
    pub(crate) about: &'static str,
    pub(crate) value: fn(&Site, T) -> String,
}

fn opt(s: &Option<String>) -> String {
    s.clone().unwrap_or_default()
}

/// The columns of `stations.csv`.
pub(crate) const STATIONS: &[Column<StationId>] = &[
    Column {
        key: "slug",
        about: "页面标识（网址中的一段），长期不变",
        value: |s, i| s.station(i).slug.clone(),
    },
    Column {
        key: "name",
        about: "联络站名称",
        value: |s, i| s.station(i).name.clone(),
    },
    Column {
        key: "kind",
        about: "类型：center 中心联络站、area 片区联络站、group 代表小组联络站、home 代表之家、office 代表工作室",
        value: |s, i| s.station(i).kind.key().into(),
    },
    Column {
        key: "region",
        about: "所在行政区划代码",
        value: |s, i| s.station(i).region.value.clone(),
    },
    Column {
        key: "region_name",
        about: "所在行政区划名称（由代码查得）",
        value: |s, i| s.region(s.station_region(i)).name.clone(),
    },
    Column {
        key: "address",
        about: "地址",
        value: |s, i| s.station(i).address.clone(),
    },
    Column {
        key: "phone",
        about: "联系电话",
        value: |s, i| opt(&s.station(i).phone),
    },
    Column {
        key: "hours",
        about: "开放时间",
        value: |s, i| opt(&s.station(i).hours),
    },
    Column {
        key: "location.lat",
        about: "纬度（WGS-84）",
        value: |s, i| s.station(i).location.map(|l| l.lat.to_string()).unwrap_or_default(),
    },
    Column {
        key: "location.lon",
        about: "经度（WGS-84）",
        value: |s, i| s.station(i).location.map(|l| l.lon.to_string()).unwrap_or_default(),
    },
    Column {
        key: "established",
        about: "设立日期（YYYY-MM-DD）",
        value: |s, i| s.station(i).established.map(|d| d.to_string()).unwrap_or_default(),
    },
    Column {
        key: "manager.name",
        about: "负责人姓名",
        value: |s, i| {
            s.station(i)
                .manager
                .as_ref()
                .map(|c| c.name.clone())
                .unwrap_or_default()
        },
    },
    Column {
        key: "manager.role",
        about: "负责人职务",
        value: |s, i| {
            s.station(i)
                .manager
                .as_ref()
                .and_then(|c| c.role.clone())
                .unwrap_or_default()
        },
    },
    Column {
        key: "manager.phone",
        about: "负责人电话",
        value: |s, i| {
            s.station(i)
                .manager
                .as_ref()
                .and_then(|c| c.phone.clone())
                .unwrap_or_default()
        },
    },
    Column {
        key: "liaison.name",
        about: "联络员姓名",
        value: |s, i| {
            s.station(i)
                .liaison
                .as_ref()
                .map(|c| c.name.clone())
                .unwrap_or_default()
        },
    },
    Column {
        key: "liaison.phone",
        about: "联络员电话",
        value: |s, i| {
            s.station(i)
                .liaison
                .as_ref()
                .and_then(|c| c.phone.clone())
                .unwrap_or_default()
        },
    },
    Column {
        key: "representatives",
        about: "进站的现任代表人数",
        value: |s, i| s.station_reps(i).len().to_string(),
    },
    Column {
        key: "url",
        about: "联络站页面的完整网址",
        value: |s, i| url::absolute(&s.config.base_url, &url::station(&s.station(i).slug)),
    },
];

/// `county;township`
fn levels(l: &[Level]) -> String {
    l.iter().map(|l| l.key()).collect::<Vec<_>>().join(";")
}

/// The columns of `representatives.csv`.
pub(crate) const REPRESENTATIVES: &[Column<RepId>] = &[
    Column {
        key: "slug",
        about: "页面标识（网址中的一段），长期不变",
        value: |s, i| s.rep(i).slug.clone(),
    },
    Column {
        key: "name",
        about: "姓名",
        value: |s, i| s.rep(i).name.clone(),
    },
    Column {
        key: "gender",
        about: "性别：男、女，或空",
        value: |s, i| opt(&s.rep(i).gender),
    },
    Column {
        key: "levels",
        about: "代表层级，多个以分号分隔：national 全国、provincial 省、city 市、county 县、township 乡镇",
        value: |s, i| levels(&s.rep(i).levels),
    },
    Column {
        key: "station",
        about: "所在联络站的 slug（与 stations.csv 的 slug 对应）",
        value: |s, i| s.rep(i).station.value.clone(),
    },
    Column {
        key: "station_name",
        about: "所在联络站名称",
        value: |s, i| s.station(s.rep_station(i)).name.clone(),
    },
    Column {
        key: "region",
        about: "行政区划代码（代表自己的，或所在联络站的）",
        value: |s, i| s.region(s.rep_region(i)).code.clone(),
    },
    Column {
        key: "delegation",
        about: "代表小组",
        value: |s, i| opt(&s.rep(i).delegation),
    },
    Column {
        key: "unit",
        about: "工作单位",
        value: |s, i| opt(&s.rep(i).unit),
    },
    Column {
        key: "position",
        about: "职务",
        value: |s, i| opt(&s.rep(i).position),
    },
    Column {
        key: "phone",
        about: "公开的联系电话",
        value: |s, i| opt(&s.rep(i).phone),
    },
    Column {
        key: "photo",
        about: "照片的完整网址",
        value: |s, i| {
            s.rep(i)
                .photo
                .as_ref()
                .map(|p| url::absolute(&s.config.base_url, &format!("/{}", p.value.trim_start_matches('/'))))
                .unwrap_or_default()
        },
    },
    Column {
        key: "term",
        about: "届次",
        value: |s, i| opt(&s.rep(i).term),
    },
    Column {
        key: "until",
        about: "任期截止日期（YYYY-MM-DD），未定则空",
        value: |s, i| s.rep(i).until.map(|d| d.to_string()).unwrap_or_default(),
    },
    Column {
        key: "url",
        about: "代表页面的完整网址",
        value: |s, i| url::absolute(&s.config.base_url, &url::representative(&s.rep(i).slug)),
    },
];

/// The representatives a ledger record names: names joined by `、`, or slugs by `;`.
fn rep_names(s: &Site, reps: &[RepId]) -> String {
    reps.iter()
        .map(|&r| s.rep(r).name.as_str())
        .collect::<Vec<_>>()
        .join("、")
}
fn rep_slugs(s: &Site, reps: &[RepId]) -> String {
    reps.iter()
        .map(|&r| s.rep(r).slug.as_str())
        .collect::<Vec<_>>()
        .join(";")
}

/// The columns of `activities.csv`: the ledger's own headers, with the station and the
/// representatives also by slug. Rows are the ledger's records (masked as published).
pub(crate) const ACTIVITIES: &[Column<u32>] = &[
    Column {
        key: "日期",
        about: "活动日期（YYYY-MM-DD）",
        value: |s, k| s.activity(k).0.date.to_string(),
    },
    Column {
        key: "联络站",
        about: "联络站名称",
        value: |s, k| s.station(s.activity(k).1.station).name.clone(),
    },
    Column {
        key: "联络站标识",
        about: "联络站的 slug（与 stations.csv 的 slug 对应）",
        value: |s, k| s.station(s.activity(k).1.station).slug.clone(),
    },
    Column {
        key: "类型",
        about: "接待选民、走访选民、调研视察、代表小组活动、学习培训或其他",
        value: |s, k| s.activity(k).0.kind.label().into(),
    },
    Column {
        key: "代表",
        about: "参加的代表，以顿号分隔",
        value: |s, k| rep_names(s, &s.activity(k).1.reps),
    },
    Column {
        key: "代表标识",
        about: "参加的代表的 slug，以分号分隔（与 representatives.csv 的 slug 对应）",
        value: |s, k| rep_slugs(s, &s.activity(k).1.reps),
    },
    Column {
        key: "人数",
        about: "接待或走访的群众人次，未填则空",
        value: |s, k| s.activity(k).0.people.map(|n| n.to_string()).unwrap_or_default(),
    },
    Column {
        key: "内容",
        about: "活动内容（手机号、身份证号已隐去中间几位）",
        value: |s, k| s.activity(k).0.summary.clone(),
    },
];

/// The columns of `suggestions.csv`.
pub(crate) const SUGGESTIONS: &[Column<u32>] = &[
    Column {
        key: "编号",
        about: "联络站的登记编号",
        value: |s, k| s.suggestion(k).0.number.clone(),
    },
    Column {
        key: "日期",
        about: "收到日期（YYYY-MM-DD）",
        value: |s, k| s.suggestion(k).0.date.to_string(),
    },
    Column {
        key: "联络站",
        about: "联络站名称",
        value: |s, k| s.station(s.suggestion(k).1.station).name.clone(),
    },
    Column {
        key: "联络站标识",
        about: "联络站的 slug",
        value: |s, k| s.station(s.suggestion(k).1.station).slug.clone(),
    },
    Column {
        key: "代表",
        about: "接收的代表",
        value: |s, k| rep_names(s, &s.suggestion(k).1.reps),
    },
    Column {
        key: "代表标识",
        about: "接收的代表的 slug",
        value: |s, k| rep_slugs(s, &s.suggestion(k).1.reps),
    },
    Column {
        key: "类别",
        about: "类别，如道路交通、教育、医疗",
        value: |s, k| opt(&s.suggestion(k).0.category),
    },
    Column {
        key: "内容",
        about: "意见建议的内容摘要（手机号、身份证号已隐去中间几位）",
        value: |s, k| s.suggestion(k).0.summary.clone(),
    },
    Column {
        key: "交办单位",
        about: "交由办理的单位",
        value: |s, k| opt(&s.suggestion(k).0.handler),
    },
    Column {
        key: "状态",
        about: "已受理、已交办、办理中或已办结",
        value: |s, k| s.suggestion(k).0.status.label().into(),
    },
    Column {
        key: "答复",
        about: "办理答复摘要",
        value: |s, k| opt(&s.suggestion(k).0.reply),
    },
    Column {
        key: "满意度",
        about: "满意、基本满意、不满意，或空",
        value: |s, k| {
            s.suggestion(k)
                .0
                .rating
                .map(|r| r.label().to_string())
                .unwrap_or_default()
        },
    },
];

//! The columns of the open data files `/data/stations.csv` and `/data/representatives.csv`:
//! one per key of the content model (a table's keys as `manager.name`), plus the page's
//! absolute URL. The files are written from these ([`crate::outputs::open_data`]) and the
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

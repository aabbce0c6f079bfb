//! `/data/`: what the open data files are, how many rows they have, their columns (from the
//! same list the files are written from, [`crate::columns`]) and their licence.

use serde::Serialize;

use super::{Kind, Meta, Prepared, home_crumb};
use crate::columns::{self, Column};
use crate::model::Site;
use crate::url;

#[derive(Serialize)]
struct ColumnCtx {
    key: &'static str,
    about: &'static str,
}

#[derive(Serialize)]
struct FileCtx {
    url: String,
    /// `stations.csv`
    name: &'static str,
    about: &'static str,
    /// Rows (people or stations); none for popolo.json.
    #[serde(skip_serializing_if = "Option::is_none")]
    rows: Option<usize>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    columns: Vec<ColumnCtx>,
}

#[derive(Serialize)]
struct License<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
}

#[derive(Serialize)]
struct Data<'a> {
    files: Vec<FileCtx>,
    license: License<'a>,
    /// How many former representatives popolo.json has besides the current ones.
    former_total: usize,
}

fn cols<T>(list: &[Column<T>]) -> Vec<ColumnCtx> {
    list.iter()
        .map(|c| ColumnCtx {
            key: c.key,
            about: c.about,
        })
        .collect()
}

pub(super) fn page(site: &Site) -> Prepared {
    let vars = Data {
        files: vec![
            FileCtx {
                url: url::data_stations(),
                name: "stations.csv",
                about: "每个联络站一行。",
                rows: Some(site.station_ids().len()),
                columns: cols(columns::STATIONS),
            },
            FileCtx {
                url: url::data_representatives(),
                name: "representatives.csv",
                about: "每名现任人大代表一行（原代表不在其中）。",
                rows: Some(site.current_rep_count()),
                columns: cols(columns::REPRESENTATIVES),
            },
            FileCtx {
                url: url::data_popolo(),
                name: "popolo.json",
                about: "同样的代表、联络站和行政区划，采用 Popolo 开放数据模型：persons（代表，含原代表）、organizations（各级人民代表大会和各联络站）、memberships（代表的层级和进站，任期结束的有 end_date）、areas（行政区划）。",
                rows: None,
                columns: Vec::new(),
            },
            FileCtx {
                url: url::data_activities(),
                name: "activities.csv",
                about: "各联络站台账中的每次活动一行，新的在前。",
                rows: Some(site.activity_count() as usize),
                columns: cols(columns::ACTIVITIES),
            },
            FileCtx {
                url: url::data_suggestions(),
                name: "suggestions.csv",
                about: "各联络站收集的每件意见建议一行，含办理状态、答复和群众评价，新的在前。群众的姓名、电话等个人信息不公开。",
                rows: Some(site.suggestion_count() as usize),
                columns: cols(columns::SUGGESTIONS),
            },
        ],
        license: License {
            name: site.config.data.license.as_deref(),
            url: site.config.data.license_url.as_deref(),
        },
        former_total: site.former_reps().len(),
    };
    Meta {
        url: url::data(),
        template: "data.html",
        title: "开放数据".into(),
        description: format!(
            "{}的联络站和人大代表名单，CSV 和 Popolo JSON 格式，每次更新网站时同步生成。",
            site.config.title
        ),
        kind: Kind::Data,
        breadcrumbs: vec![home_crumb()],
        jsonld: Vec::new(),
    }
    .with(&vars)
}

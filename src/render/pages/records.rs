//! `/stations/<slug>/records/<year>/`: a station's ledger of one year, its activities and
//! the suggestions it received with what became of each, newest first. A year of more than
//! [`url::RECORDS_PER_PART`] of either book goes on in parts (`…/<year>/2/`), so that no
//! page grows past a few hundred kilobytes.

use serde::Serialize;

use super::ledger::{ActivityCtx, FiguresCtx, SuggestionCtx, activity, figures, suggestion};
use super::{Kind, Meta, Prepared, crumb, home_crumb};
use crate::model::{Site, StationId};
use crate::url;

#[derive(Serialize)]
struct PartLink {
    number: u32,
    url: String,
    current: bool,
}

#[derive(Serialize)]
struct YearLink {
    year: i32,
    url: String,
    current: bool,
}

#[derive(Serialize)]
struct Records<'a> {
    station_name: &'a str,
    station_url: String,
    year: i32,
    figures: FiguresCtx,
    activities: Vec<ActivityCtx<'a>>,
    suggestions: Vec<SuggestionCtx<'a>>,
    activity_total: usize,
    suggestion_total: usize,
    part: u32,
    /// Every part of the year; empty when the year has one.
    parts: Vec<PartLink>,
    /// The station's other years too, newest first.
    years: Vec<YearLink>,
}

pub(super) fn page(site: &Site, s: StationId, year: i32, part: u32) -> Prepared {
    let st = site.station(s);
    let (acts, sugs) = site.station_year(s, year);
    let (part_acts, part_sugs) = site.station_part(s, year, part);
    let total_parts = site.station_record_parts(s, year);
    let vars = Records {
        station_name: &st.name,
        station_url: url::station(&st.slug),
        year,
        figures: figures(site.station_years(s).get(&year).unwrap_or(&Default::default())),
        activities: part_acts.iter().map(|&k| activity(site, k)).collect(),
        suggestions: part_sugs.iter().map(|&k| suggestion(site, k)).collect(),
        activity_total: acts.len(),
        suggestion_total: sugs.len(),
        part,
        parts: if total_parts > 1 {
            (1..=total_parts)
                .map(|p| PartLink {
                    number: p,
                    url: url::station_records(&st.slug, year, p),
                    current: p == part,
                })
                .collect()
        } else {
            Vec::new()
        },
        years: site
            .station_years(s)
            .keys()
            .rev()
            .map(|&y| YearLink {
                year: y,
                url: url::station_records(&st.slug, y, 1),
                current: y == year,
            })
            .collect(),
    };
    let title = if part > 1 {
        format!("{}{year}年台账（第 {part} 页）", st.name)
    } else {
        format!("{}{year}年台账", st.name)
    };
    Meta {
        url: url::station_records(&st.slug, year, part),
        template: "records.html",
        description: format!(
            "{}{year}年的活动记录 {} 条、收集意见建议 {} 条及办理情况。",
            st.name,
            acts.len(),
            sugs.len()
        ),
        title,
        kind: Kind::Records,
        breadcrumbs: vec![
            home_crumb(),
            crumb("联络站", url::stations()),
            crumb(&st.name, url::station(&st.slug)),
        ],
        jsonld: Vec::new(),
    }
    .with(&vars)
}

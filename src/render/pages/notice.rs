//! `/stations/<slug>/notices/<date>/`: a reception notice (接待公告) to post at the station and
//! in the villages two or three days ahead, a print page on one A4 sheet: the date, time and
//! place, the representatives on duty, the theme (`theme` of the `[[reception]]`, or that
//! date's `[[reception.notice]]`), how to reach the station, and who issues it.

use serde::Serialize;

use super::items::{Day, day};
use super::{Kind, Meta, Prepared, station_print_crumbs};
use crate::model::{Site, StationId};
use crate::url;

#[derive(Serialize)]
struct Notice<'a> {
    station_name: &'a str,
    station_url: String,
    kind_label: &'static str,
    address: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    phone: Option<&'a str>,
    day: Day<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    theme: Option<&'a str>,
    organizer: String,
}

pub(super) fn page(site: &Site, s: StationId, n: u32) -> Prepared {
    let st = site.station(s);
    let (key, k) = site.notices(s).get(n as usize).cloned().unwrap_or_default();
    let u = &site.upcoming(s)[k];
    let schedule = site.schedule_of(s, u);
    let vars = Notice {
        station_name: &st.name,
        station_url: url::station(&st.slug),
        kind_label: st.kind.label(),
        address: &st.address,
        phone: st.phone.as_deref(),
        day: day(site, s, u, false),
        theme: schedule.theme_on(u.date),
        organizer: site.config.footer.organizer.clone().unwrap_or_else(|| st.name.clone()),
    };
    let title = format!("{}接待公告（{}）", st.name, crate::reception::date_label(u.date));
    Meta {
        url: url::station_notice(&st.slug, &key),
        template: "notice.html",
        description: format!(
            "{}：{} {}，地点：{}。",
            title, vars.day.date_label, vars.day.time, st.address
        ),
        title,
        kind: Kind::Notice,
        breadcrumbs: station_print_crumbs(st),
        jsonld: Vec::new(),
    }
    .with(&vars)
}

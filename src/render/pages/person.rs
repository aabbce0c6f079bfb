//! A representative's page: who they are, where they are grouped, when they are on duty.

use serde::Serialize;

use super::items::{Day, day};
use super::ledger::{RepLedger, rep_ledger};
use super::{Kind, Meta, Prepared, crumb, home_crumb};
use crate::content::representative::levels_label;
use crate::model::{RepId, Site};
use crate::reception::date_label;
use crate::render::context::{RegionLink, StationLink, body_html, region_link, region_path, station_link, tel};
use crate::render::jsonld;
use crate::url;

#[derive(Serialize)]
struct LevelCtx {
    level: &'static str,
    label: &'static str,
}

/// `rep`: everything about the representative; absent values are absent.
#[derive(Serialize)]
struct RepCtx<'a> {
    slug: &'a str,
    name: &'a str,
    url: String,
    levels: Vec<LevelCtx>,
    levels_label: String,
    station: StationLink<'a>,
    region: RegionLink<'a>,
    content_html: String,
    extra: &'a serde_json::Value,
    #[serde(skip_serializing_if = "Option::is_none")]
    gender: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    delegation: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    unit: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    position: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    phone: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    phone_tel: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    photo: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    term: Option<&'a str>,
    /// When the membership ends or ended: `{date, label}`.
    #[serde(skip_serializing_if = "Option::is_none")]
    until: Option<DateCtx>,
    /// `until` is in the past: 已不再担任.
    former: bool,
}

#[derive(Serialize)]
pub(super) struct DateCtx {
    /// `2026-12-31`
    pub(super) date: String,
    /// `2026年12月31日`
    pub(super) label: String,
}

pub(super) fn date_ctx(d: chrono::NaiveDate) -> DateCtx {
    DateCtx {
        date: d.to_string(),
        label: date_label(d),
    }
}

#[derive(Serialize)]
struct RepPage<'a> {
    rep: RepCtx<'a>,
    region_path: Vec<RegionLink<'a>>,
    duties: Vec<Day<'a>>,
    /// 履职记录 from the ledgers; absent without records.
    #[serde(skip_serializing_if = "Option::is_none")]
    ledger: Option<RepLedger<'a>>,
}

/// `张伟，县、乡镇人大代表，工作单位，职务，编组进站：某站。`; for a former representative
/// `张伟，原县、乡镇人大代表（任期至2026年12月31日），…`.
fn description(rep: &crate::content::Representative, station: &str, today: chrono::NaiveDate) -> String {
    let mut d = match rep.until {
        Some(u) if rep.is_former(today) => {
            format!(
                "{}，原{}（任期至{}）",
                rep.name,
                levels_label(&rep.levels),
                date_label(u)
            )
        }
        _ => format!("{}，{}", rep.name, levels_label(&rep.levels)),
    };
    for part in [rep.unit.as_deref(), rep.position.as_deref()].into_iter().flatten() {
        d.push('，');
        d.push_str(part);
    }
    d.push_str(&format!("，编组进站：{station}。"));
    d
}

pub(super) fn page(site: &Site, i: RepId) -> Prepared {
    let rep = site.rep(i);
    let s = site.station(site.rep_station(i));
    let region = site.rep_region(i);
    let vars = RepPage {
        rep: RepCtx {
            slug: &rep.slug,
            name: &rep.name,
            url: url::representative(&rep.slug),
            levels: rep
                .levels
                .iter()
                .map(|l| LevelCtx {
                    level: l.key(),
                    label: l.label(),
                })
                .collect(),
            levels_label: levels_label(&rep.levels),
            station: station_link(s),
            region: region_link(site, region),
            content_html: body_html(site, rep.body()),
            extra: &rep.extra,
            gender: rep.gender.as_deref(),
            delegation: rep.delegation.as_deref(),
            unit: rep.unit.as_deref(),
            position: rep.position.as_deref(),
            // a former representative's number is no longer their public contact
            phone: rep.phone.as_deref().filter(|_| !site.is_former(i)),
            phone_tel: rep.phone.as_deref().filter(|_| !site.is_former(i)).and_then(tel),
            photo: rep
                .photo
                .as_ref()
                .map(|p| format!("/{}", p.value.trim_start_matches('/'))),
            term: rep.term.as_deref(),
            until: rep.until.map(date_ctx),
            former: site.is_former(i),
        },
        region_path: region_path(site, region),
        duties: site.duties(i).map(|(st, u)| day(site, st, u, true)).collect(),
        ledger: rep_ledger(site, i),
    };
    let former = site.is_former(i);
    let crumbs = if former {
        vec![
            home_crumb(),
            crumb("人大代表", url::representatives()),
            crumb("原代表", url::former_representatives()),
        ]
    } else {
        vec![
            home_crumb(),
            crumb("人大代表", url::representatives()),
            crumb(&s.name, url::station(&s.slug)),
        ]
    };
    let title = if former {
        format!("{}（原{}）", rep.name, levels_label(&rep.levels))
    } else {
        format!("{}（{}）", rep.name, levels_label(&rep.levels))
    };
    Meta {
        url: url::representative(&rep.slug),
        template: "representative.html",
        title,
        description: description(rep, &s.name, site.today),
        kind: Kind::Representative,
        breadcrumbs: crumbs,
        jsonld: vec![jsonld::person(site, i)],
    }
    .with(&vars)
}

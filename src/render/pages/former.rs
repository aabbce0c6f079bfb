//! `/representatives/former/`: the representatives whose membership has ended (`until` in the
//! past), by term (届), the latest first, each in stroke order.

use serde::Serialize;

use super::person::{DateCtx, date_ctx};
use super::{Kind, Meta, Prepared, crumb, home_crumb};
use crate::content::representative::levels_label;
use crate::model::{RepId, Site};
use crate::url;

#[derive(Serialize)]
struct FormerLink<'a> {
    name: &'a str,
    url: String,
    levels_label: String,
    station_name: &'a str,
    until: Option<DateCtx>,
}

#[derive(Serialize)]
struct TermGroup<'a> {
    /// The term as written (`第十八届`), or `届次未填` when the files give none.
    term: &'a str,
    representatives: Vec<FormerLink<'a>>,
}

#[derive(Serialize)]
struct Former<'a> {
    groups: Vec<TermGroup<'a>>,
    total: usize,
}

/// The former representatives grouped by term: the groups by their latest `until`, newest
/// first (then by the term's text); the people of a group in stroke order.
fn groups(site: &Site) -> Vec<TermGroup<'_>> {
    let mut groups: Vec<(chrono::NaiveDate, &str, Vec<RepId>)> = Vec::new();
    for &r in site.former_reps() {
        let rep = site.rep(r);
        let term = rep.term.as_deref().unwrap_or("届次未填");
        let until = rep.until.unwrap_or_default();
        match groups.iter_mut().find(|g| g.1 == term) {
            Some(g) => {
                g.0 = g.0.max(until);
                g.2.push(r);
            }
            None => groups.push((until, term, vec![r])),
        }
    }
    groups.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(b.1)));
    groups
        .into_iter()
        .map(|(_, term, reps)| TermGroup {
            term,
            representatives: reps
                .into_iter()
                .map(|r| {
                    let rep = site.rep(r);
                    FormerLink {
                        name: &rep.name,
                        url: url::representative(&rep.slug),
                        levels_label: levels_label(&rep.levels),
                        station_name: &site.station(site.rep_station(r)).name,
                        until: rep.until.map(date_ctx),
                    }
                })
                .collect(),
        })
        .collect()
}

pub(super) fn page(site: &Site) -> Prepared {
    let vars = Former {
        groups: groups(site),
        total: site.former_reps().len(),
    };
    Meta {
        url: url::former_representatives(),
        template: "representatives_former.html",
        title: "原人大代表".into(),
        description: format!(
            "{}已不再担任人大代表的{}人，按届次分组、按姓氏笔画排列。",
            site.config.title, vars.total
        ),
        kind: Kind::Former,
        breadcrumbs: vec![home_crumb(), crumb("人大代表", url::representatives())],
        jsonld: Vec::new(),
    }
    .with(&vars)
}

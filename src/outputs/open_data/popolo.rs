//! `/data/popolo.json`: the people, stations and regions in the Popolo data model
//! (<https://www.popoloproject.com/>): `persons` (current and former), `organizations` (the
//! congress of each level and region, classification `legislature`; each station,
//! classification `liaison_station`), `memberships` (a representative in a congress with their
//! level as `role` and the end of a finished membership as `end_date`; a representative in the
//! station they are grouped into, role `进站代表`) and `areas` (regions.toml).
//!
//! Ids: a person's slug; `congress-<level>-<region code>` (or `congress-national`);
//! `station-<slug>`; a region's code.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::content::Level;
use crate::model::congress::{Congress, code_is};
use crate::model::{RegionId, RepId, Site, StationId};
use crate::url;

#[derive(Serialize)]
struct Contact {
    #[serde(rename = "type")]
    kind: &'static str,
    value: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    label: Option<String>,
}

#[derive(Serialize)]
struct Link {
    url: String,
    note: &'static str,
}

#[derive(Serialize)]
struct Person {
    id: String,
    name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    gender: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    image: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    contact_details: Vec<Contact>,
    links: Vec<Link>,
}

#[derive(Serialize)]
struct Organization {
    id: String,
    name: String,
    classification: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    area_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    founding_date: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    contact_details: Vec<Contact>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    links: Vec<Link>,
}

#[derive(Serialize)]
struct Membership {
    id: String,
    label: String,
    role: String,
    person_id: String,
    organization_id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    area_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    end_date: Option<String>,
}

#[derive(Serialize)]
struct Area {
    id: String,
    identifier: String,
    name: String,
    classification: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    parent_id: Option<String>,
}

#[derive(Serialize)]
struct Popolo {
    persons: Vec<Person>,
    organizations: Vec<Organization>,
    memberships: Vec<Membership>,
    areas: Vec<Area>,
}

fn congress_id(c: &Congress, site: &Site) -> String {
    match c.region {
        Some(r) => format!("congress-{}-{}", c.level.key(), site.region(r).code),
        None => format!("congress-{}", c.level.key()),
    }
}

fn station_id(site: &Site, s: StationId) -> String {
    format!("station-{}", site.station(s).slug)
}

fn person(site: &Site, r: RepId) -> Person {
    let rep = site.rep(r);
    let base = &site.config.base_url;
    Person {
        id: rep.slug.clone(),
        name: rep.name.clone(),
        gender: rep.gender.as_deref().map(|g| if g == "男" { "male" } else { "female" }),
        image: rep
            .photo
            .as_ref()
            .map(|p| url::absolute(base, &format!("/{}", p.value.trim_start_matches('/')))),
        // a former representative's number is no longer their public contact
        contact_details: rep
            .phone
            .iter()
            .filter(|_| !site.is_former(r))
            .map(|p| Contact {
                kind: "voice",
                value: p.clone(),
                label: None,
            })
            .collect(),
        links: vec![Link {
            url: url::absolute(base, &url::representative(&rep.slug)),
            note: "代表页面",
        }],
    }
}

/// The memberships of one representative: one per level, and the station.
fn memberships(site: &Site, r: RepId, out: &mut Vec<Membership>) {
    let rep = site.rep(r);
    let end_date = rep.until.map(|d| d.to_string());
    for &level in &rep.levels {
        let c = site.congress(level, site.rep_region(r));
        let mut label = format!("{}代表", c.name);
        if let Some(t) = &rep.term {
            label = format!("{t}{label}");
        }
        out.push(Membership {
            id: format!("{}-{}", rep.slug, level.key()),
            label,
            role: level.label().into(),
            person_id: rep.slug.clone(),
            organization_id: congress_id(&c, site),
            area_id: c.region.map(|x| site.region(x).code.clone()),
            end_date: end_date.clone(),
        });
    }
    let s = site.rep_station(r);
    out.push(Membership {
        id: format!("{}-station", rep.slug),
        label: format!("编组进站：{}", site.station(s).name),
        role: "进站代表".into(),
        person_id: rep.slug.clone(),
        organization_id: station_id(site, s),
        area_id: Some(site.region(site.station_region(s)).code.clone()),
        end_date,
    });
}

/// The congresses: one per region of a level's code shape, the national one when anyone sits
/// in it, and a congress without a region for a level whose region a path lacks.
fn congresses(site: &Site) -> Vec<Organization> {
    // by level, then id: the order of the file; 140,000 people name a few thousand congresses
    let mut all: BTreeMap<(Level, String), Congress> = BTreeMap::new();
    let mut add = |c: Congress| {
        all.entry((c.level, congress_id(&c, site))).or_insert(c);
    };
    for r in site.region_ids() {
        for level in Level::ALL {
            if code_is(level, &site.region(r).code) {
                add(site.congress(level, r));
            }
        }
    }
    for r in site.rep_ids() {
        for &level in &site.rep(r).levels {
            add(site.congress(level, site.rep_region(r)));
        }
    }
    all.into_iter()
        .map(|((_, id), c)| Organization {
            id,
            name: c.name,
            classification: "legislature",
            area_id: c.region.map(|r| site.region(r).code.clone()),
            founding_date: None,
            contact_details: Vec::new(),
            links: Vec::new(),
        })
        .collect()
}

fn station(site: &Site, s: StationId) -> Organization {
    let st = site.station(s);
    let mut contacts: Vec<Contact> = st
        .phone
        .iter()
        .map(|p| Contact {
            kind: "voice",
            value: p.clone(),
            label: Some("联系电话".into()),
        })
        .collect();
    contacts.push(Contact {
        kind: "address",
        value: st.address.clone(),
        label: Some("地址".into()),
    });
    Organization {
        id: station_id(site, s),
        name: st.name.clone(),
        classification: "liaison_station",
        area_id: Some(site.region(site.station_region(s)).code.clone()),
        founding_date: st.established.map(|d| d.to_string()),
        contact_details: contacts,
        links: vec![Link {
            url: url::absolute(&site.config.base_url, &url::station(&st.slug)),
            note: st.kind.label(),
        }],
    }
}

/// A region's kind, from the shape of its code.
fn classification(code: &str) -> &'static str {
    if code_is(Level::Provincial, code) {
        "province"
    } else if code_is(Level::City, code) {
        "city"
    } else if code_is(Level::County, code) {
        "county"
    } else if code_is(Level::Township, code) {
        "township"
    } else if code.len() == 12 {
        "village"
    } else {
        "region"
    }
}

fn area(site: &Site, r: RegionId) -> Area {
    let reg = site.region(r);
    Area {
        id: reg.code.clone(),
        identifier: reg.code.clone(),
        name: reg.name.clone(),
        classification: classification(&reg.code),
        parent_id: reg.parent.map(|p| site.region(p).code.clone()),
    }
}

/// The whole file.
pub(super) fn json(site: &Site) -> Vec<u8> {
    let mut memberships = Vec::new();
    for r in site.rep_ids() {
        self::memberships(site, r, &mut memberships);
    }
    let mut organizations = congresses(site);
    organizations.extend(site.station_ids().map(|s| station(site, s)));
    let doc = Popolo {
        persons: site.rep_ids().map(|r| person(site, r)).collect(),
        organizations,
        memberships,
        areas: site.region_ids().map(|r| area(site, r)).collect(),
    };
    let mut out = serde_json::to_vec(&doc).unwrap_or_default();
    out.push(b'\n');
    out
}

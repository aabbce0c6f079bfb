//! Stations: content/stations/<slug>.md.

use std::ops::Range;

use chrono::NaiveDate;

use super::fields::{Spanned, Table};
use super::reception::{self, Schedule};
use crate::diag::{Diagnostics, SourceRef};

/// The kinds of station, in the order pages list them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Kind {
    Center,
    Area,
    Group,
    Home,
    Office,
}

impl Kind {
    pub(crate) const ALL: [Kind; 5] = [Kind::Center, Kind::Area, Kind::Group, Kind::Home, Kind::Office];
    pub(crate) fn key(self) -> &'static str {
        match self {
            Kind::Center => "center",
            Kind::Area => "area",
            Kind::Group => "group",
            Kind::Home => "home",
            Kind::Office => "office",
        }
    }
    pub(crate) fn label(self) -> &'static str {
        match self {
            Kind::Center => "中心联络站",
            Kind::Area => "片区联络站",
            Kind::Group => "代表小组联络站",
            Kind::Home => "代表之家",
            Kind::Office => "代表工作室",
        }
    }
    pub(crate) fn parse(s: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.key() == s)
    }
}

#[derive(Debug, Clone)]
pub(crate) struct Contact {
    pub(crate) name: String,
    pub(crate) role: Option<String>,
    pub(crate) phone: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Location {
    pub(crate) lat: f64,
    pub(crate) lon: f64,
}

#[derive(Debug, Clone)]
pub(crate) struct Station {
    pub(crate) slug: String,
    pub(crate) src: SourceRef,
    pub(crate) name: String,
    pub(crate) kind: Kind,
    pub(crate) region: Spanned<String>,
    pub(crate) address: String,
    pub(crate) phone: Option<String>,
    pub(crate) hours: Option<String>,
    pub(crate) location: Option<Location>,
    pub(crate) established: Option<NaiveDate>,
    pub(crate) manager: Option<Contact>,
    pub(crate) liaison: Option<Contact>,
    /// The 中心联络站 this station belongs to (1+N), a station slug.
    pub(crate) parent: Option<Spanned<String>>,
    /// The region codes (usually villages) whose voters this station serves; empty: its own
    /// region.
    pub(crate) serves: Vec<Spanned<String>>,
    pub(crate) receptions: Vec<Schedule>,
    pub(crate) body: Range<usize>,
    pub(crate) extra: serde_json::Value,
}

impl Station {
    pub(crate) fn body(&self) -> &str {
        &self.src.text[self.body.clone()]
    }
}

const KEYS: &[&str] = &[
    "name",
    "kind",
    "region",
    "address",
    "phone",
    "hours",
    "location",
    "established",
    "manager",
    "liaison",
    "parent",
    "serves",
    "reception",
];

fn contact(t: &Table, key: &str, with_role: bool, diags: &mut Diagnostics) -> Option<Contact> {
    let c = t.table(key, diags)?;
    c.deny_unknown(
        if with_role {
            &["name", "role", "phone"]
        } else {
            &["name", "phone"]
        },
        diags,
    );
    let name = c.string("name", true, diags);
    let role = if with_role {
        c.string("role", false, diags).map(|s| s.value)
    } else {
        None
    };
    let phone = c.string("phone", false, diags).map(|s| s.value);
    Some(Contact {
        name: name?.value,
        role,
        phone,
    })
}

pub(crate) fn read(
    slug: &str,
    src: &SourceRef,
    t: &Table,
    body: Range<usize>,
    diags: &mut Diagnostics,
) -> Option<Station> {
    t.deny_unknown(KEYS, diags);
    let name = t.string("name", true, diags);
    let kind = match t.string("kind", true, diags) {
        Some(k) => match Kind::parse(&k) {
            Some(kind) => Some(kind),
            None => {
                let keys = Kind::ALL.map(|k| k.key());
                let mut d = src.error(
                    k.span.clone(),
                    format!("unknown station kind `{}`: use one of {}", k.value, keys.join(", ")),
                );
                if let Some(h) = crate::diag::did_you_mean(&k, keys) {
                    d = d.with_hint(h);
                }
                diags.push(d);
                None
            }
        },
        None => None,
    };
    let region = t.string("region", true, diags);
    let address = t.string("address", true, diags);
    let phone = t.string("phone", false, diags).map(|s| s.value);
    let hours = t.string("hours", false, diags).map(|s| s.value);
    let location = t.table("location", diags).and_then(|l| {
        l.deny_unknown(&["lat", "lon"], diags);
        let lat = l.float("lat", true, diags);
        let lon = l.float("lon", true, diags);
        for (v, max, what) in [(&lat, 90.0, "lat"), (&lon, 180.0, "lon")] {
            if let Some(v) = v
                && v.value.abs() > max
            {
                diags.push(src.error(v.span.clone(), format!("`{what}` must be between -{max} and {max}")));
                return None;
            }
        }
        Some(Location {
            lat: lat?.value,
            lon: lon?.value,
        })
    });
    let established = t.date("established", false, diags).map(|d| d.value);
    let manager = contact(t, "manager", true, diags);
    let liaison = contact(t, "liaison", false, diags);
    let parent = t.string("parent", false, diags);
    let serves = t.string_list("serves", diags).map(|l| l.value).unwrap_or_default();
    let receptions = t
        .tables("reception", diags)
        .iter()
        .filter_map(|r| reception::read(r, diags))
        .collect();
    let extra = t.extra(diags);
    Some(Station {
        slug: slug.to_string(),
        src: src.clone(),
        name: name?.value,
        kind: kind?,
        region: region?,
        address: address?.value,
        phone,
        hours,
        location,
        established,
        manager,
        liaison,
        parent,
        serves,
        receptions,
        body,
        extra,
    })
}

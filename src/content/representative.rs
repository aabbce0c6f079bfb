//! Representatives: content/representatives/<slug>.md.

use std::ops::Range;

use chrono::NaiveDate;

use super::fields::{Spanned, Table};
use crate::diag::{Diagnostics, SourceRef, did_you_mean};

/// The five levels of people's congress, highest first (the order of every list).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Level {
    National,
    Provincial,
    City,
    County,
    Township,
}

impl Level {
    pub(crate) const ALL: [Level; 5] = [
        Level::National,
        Level::Provincial,
        Level::City,
        Level::County,
        Level::Township,
    ];
    pub(crate) fn key(self) -> &'static str {
        match self {
            Level::National => "national",
            Level::Provincial => "provincial",
            Level::City => "city",
            Level::County => "county",
            Level::Township => "township",
        }
    }
    /// `全国人大代表` …
    pub(crate) fn label(self) -> &'static str {
        match self {
            Level::National => "全国人大代表",
            Level::Provincial => "省人大代表",
            Level::City => "市人大代表",
            Level::County => "县人大代表",
            Level::Township => "乡镇人大代表",
        }
    }
    /// The short form used when joining levels: `县、乡镇人大代表`.
    pub(crate) fn short(self) -> &'static str {
        match self {
            Level::National => "全国",
            Level::Provincial => "省",
            Level::City => "市",
            Level::County => "县",
            Level::Township => "乡镇",
        }
    }
    pub(crate) fn parse(s: &str) -> Option<Level> {
        Level::ALL.into_iter().find(|l| l.key() == s)
    }
}

/// `县、乡镇人大代表`
pub(crate) fn levels_label(levels: &[Level]) -> String {
    let parts: Vec<&str> = levels.iter().map(|l| l.short()).collect();
    format!("{}人大代表", parts.join("、"))
}

#[derive(Debug, Clone)]
pub(crate) struct Representative {
    pub(crate) slug: String,
    pub(crate) src: SourceRef,
    pub(crate) name: String,
    pub(crate) gender: Option<String>,
    /// Sorted, without repeats.
    pub(crate) levels: Vec<Level>,
    pub(crate) station: Spanned<String>,
    pub(crate) region: Option<Spanned<String>>,
    pub(crate) delegation: Option<String>,
    pub(crate) unit: Option<String>,
    pub(crate) position: Option<String>,
    pub(crate) phone: Option<String>,
    pub(crate) photo: Option<Spanned<String>>,
    /// The 届 of this membership, free text (`第十八届`).
    pub(crate) term: Option<String>,
    /// The day the membership ended: after it, a former representative.
    pub(crate) until: Option<NaiveDate>,
    pub(crate) body: Range<usize>,
    pub(crate) extra: serde_json::Value,
}

impl Representative {
    pub(crate) fn body(&self) -> &str {
        &self.src.text[self.body.clone()]
    }
    /// Whether the membership had ended by `today` (`until` in the past).
    pub(crate) fn is_former(&self, today: NaiveDate) -> bool {
        self.until.is_some_and(|u| u < today)
    }
}

const KEYS: &[&str] = &[
    "name",
    "gender",
    "levels",
    "station",
    "region",
    "delegation",
    "unit",
    "position",
    "phone",
    "photo",
    "term",
    "until",
];

pub(crate) fn read(
    slug: &str,
    src: &SourceRef,
    t: &Table,
    body: Range<usize>,
    diags: &mut Diagnostics,
) -> Option<Representative> {
    t.deny_unknown(KEYS, diags);
    let name = t.string("name", true, diags);
    let gender = gender(src, t, diags);
    let levels = levels(src, t, diags);
    let station = t.string("station", true, diags);
    let region = t.string("region", false, diags);
    let delegation = t.string("delegation", false, diags).map(|s| s.value);
    let unit = t.string("unit", false, diags).map(|s| s.value);
    let position = t.string("position", false, diags).map(|s| s.value);
    let phone = t.string("phone", false, diags).map(|s| s.value);
    let photo = t.string("photo", false, diags);
    let term = t.string("term", false, diags).map(|s| s.value);
    let until = t.date("until", false, diags).map(|d| d.value);
    let extra = t.extra(diags);
    Some(Representative {
        slug: slug.to_string(),
        src: src.clone(),
        name: name?.value,
        gender,
        levels: levels?,
        station: station?,
        region,
        delegation,
        unit,
        position,
        phone,
        photo,
        term,
        until,
        body,
        extra,
    })
}

/// `gender`: 男 or 女, when given.
fn gender(src: &SourceRef, t: &Table, diags: &mut Diagnostics) -> Option<String> {
    t.string("gender", false, diags).and_then(|g| {
        if g.value == "男" || g.value == "女" {
            Some(g.value)
        } else {
            diags.push(src.error(
                g.span.clone(),
                format!("`gender` must be \"男\" or \"女\", found \"{}\"", g.value),
            ));
            None
        }
    })
}

/// `levels`: the congresses a representative sits in, at least one, each once, in order from
/// the national one down.
fn levels(src: &SourceRef, t: &Table, diags: &mut Diagnostics) -> Option<Vec<Level>> {
    match t.string_list("levels", diags) {
        None => {
            if !t.has("levels") {
                diags.push(
                    src.error(t.span.clone(), "missing required key `levels`")
                        .with_hint("for example levels = [\"county\", \"township\"]"),
                );
            }
            None
        }
        Some(list) if list.value.is_empty() => {
            diags.push(src.error(list.span.clone(), "`levels` must name at least one level"));
            None
        }
        Some(list) => {
            let mut out = Vec::new();
            let mut ok = true;
            for l in &list.value {
                match Level::parse(l) {
                    Some(level) if out.contains(&level) => {
                        diags.push(src.error(l.span.clone(), format!("level `{}` is listed twice", l.value)));
                        ok = false;
                    }
                    Some(level) => out.push(level),
                    None => {
                        let keys = Level::ALL.map(|l| l.key());
                        let mut d = src.error(
                            l.span.clone(),
                            format!("unknown level `{}`: use one of {}", l.value, keys.join(", ")),
                        );
                        if let Some(h) = did_you_mean(l, keys) {
                            d = d.with_hint(h);
                        }
                        diags.push(d);
                        ok = false;
                    }
                }
            }
            out.sort();
            ok.then_some(out)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn labels() {
        assert_eq!(levels_label(&[Level::County, Level::Township]), "县、乡镇人大代表");
        assert_eq!(levels_label(&[Level::National]), "全国人大代表");
    }
}

//! content/holidays.toml: a site's local closures (days its stations do not receive voters),
//! read into plain values with their spans. The official holiday calendar is
//! `reception::holidays`.

use chrono::NaiveDate;

use super::fields::{self, Spanned, Table};
use crate::diag::{Diagnostics, SourceRef};

/// A local closure from content/holidays.toml.
#[derive(Debug, Clone)]
pub(crate) struct Closure {
    pub(crate) from: NaiveDate,
    pub(crate) to: NaiveDate,
    pub(crate) name: String,
    /// Region codes: the closure applies to stations in these regions and below. Empty: all.
    pub(crate) regions: Vec<Spanned<String>>,
    /// Station slugs it applies to. Empty (and no regions): all stations.
    pub(crate) stations: Vec<Spanned<String>>,
    pub(crate) src: SourceRef,
}

impl Closure {
    /// Whether the closure covers `d` at a station with this slug and region path (codes from
    /// the top down).
    pub(crate) fn applies(&self, d: NaiveDate, station: &str, region_path: &[&str]) -> bool {
        if d < self.from || d > self.to {
            return false;
        }
        if self.regions.is_empty() && self.stations.is_empty() {
            return true;
        }
        self.stations.iter().any(|s| s.value == station)
            || self.regions.iter().any(|r| region_path.contains(&r.value.as_str()))
    }
}

/// Reads content/holidays.toml:
///
/// ```toml
/// [[closed]]
/// date = 2026-12-31          # the first (or only) day
/// until = 2027-01-03         # optional last day
/// name = "县人大常委会换届"   # why, shown with the cancelled dates
/// regions = ["430988100"]    # optional: only stations in these regions
/// stations = ["shuikouzhen-center"]   # optional: only these stations
/// ```
pub(crate) fn read(src: &SourceRef, diags: &mut Diagnostics) -> Vec<Closure> {
    let Some(table) = fields::parse(src, &src.text, 0, diags) else {
        return Vec::new();
    };
    let t = Table::new(src, 0, &table, 0..0).without_extra();
    t.deny_unknown(&["closed"], diags);
    let mut out = Vec::new();
    for c in t.tables("closed", diags) {
        c.deny_unknown(&["date", "until", "name", "regions", "stations"], diags);
        let from = c.date("date", true, diags);
        let to = c.date("until", false, diags);
        let name = c.string("name", true, diags);
        let regions = c.string_list("regions", diags).map(|l| l.value).unwrap_or_default();
        let stations = c.string_list("stations", diags).map(|l| l.value).unwrap_or_default();
        if let (Some(f), Some(t)) = (&from, &to)
            && t.value < f.value
        {
            diags.push(src.error(t.span.clone(), "`until` is before `date`"));
            continue;
        }
        if let (Some(from), Some(name)) = (from, name) {
            out.push(Closure {
                from: from.value,
                to: to.map_or(from.value, |t| t.value),
                name: name.value,
                regions,
                stations,
                src: src.clone(),
            });
        }
    }
    out
}

//! What one model computed that the next can reuse where its inputs are the same: a rebuild
//! after one edit then costs what the edit touches, not what the site holds. One part per
//! product, each with the key of what it was made from: inputs are compared by identity
//! (`Arc::ptr_eq`: the same parse of an unchanged file) or by value (a `#[derive(Hash, Eq)]`
//! key), never by formatted text.

use std::sync::Arc;

use chrono::NaiveDate;
use rustc_hash::FxHashMap as HashMap;

use super::Upcoming;
use super::ids::{RepId, StationId};
use crate::content::bulletin::Articles;
use crate::content::holidays::Closure;
use crate::content::{Issue, Representative, Station};

/// Everything kept between models. `Memo::default()` keeps nothing.
#[derive(Default)]
pub(crate) struct Memo {
    pub(super) ranked: Ranked,
    pub(super) slugs: Slugs,
    pub(super) articles: HashMap<(i32, u32), KeptArticles>,
    pub(super) receptions: Receptions,
    pub(super) facts: KeptFacts,
    pub(super) listing: super::listing::Kept,
    /// The stations by kind, then slug, as positions in the last model's list.
    pub(super) by_kind: Vec<usize>,
}

/// Each representative's facts (of the files in [`Slugs::reps`] before the next model), with
/// the station index they were read with.
#[derive(Default)]
pub(super) struct KeptFacts {
    pub(super) key: Option<super::build::FactsKey>,
    pub(super) stations: Arc<HashMap<String, StationId>>,
    pub(super) facts: Vec<super::build::Facts>,
}

/// Stroke order of the last model, as its ids (of [`Slugs::reps`] before the next model).
#[derive(Default)]
pub(super) struct Ranked {
    pub(super) ids: Vec<RepId>,
}

/// The last model's stations and representatives and their slug indexes, kept while the same
/// files are there under the same names (an edit inside a file).
#[derive(Default)]
pub(super) struct Slugs {
    pub(super) stations: Vec<Arc<Station>>,
    pub(super) station_index: Arc<HashMap<String, StationId>>,
    pub(super) reps: Vec<Arc<Representative>>,
    pub(super) rep_index: Arc<HashMap<String, RepId>>,
}

/// An issue, whether raw HTML was allowed, and the articles split from it.
pub(super) type KeptArticles = (Arc<Issue>, bool, Arc<Articles>);

/// What every station's reception dates depend on besides the station itself.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct SiteWide {
    pub(crate) today: NaiveDate,
    /// The last day listed.
    pub(crate) last: NaiveDate,
    pub(crate) tz: chrono_tz::Tz,
    pub(crate) closures: Vec<ClosureKey>,
}

/// A local closure as far as dates go.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct ClosureKey {
    from: NaiveDate,
    to: NaiveDate,
    name: String,
    regions: Vec<String>,
    stations: Vec<String>,
}

impl ClosureKey {
    pub(crate) fn of(c: &Closure) -> ClosureKey {
        ClosureKey {
            from: c.from,
            to: c.to,
            name: c.name.clone(),
            regions: c.regions.iter().map(|r| r.value.clone()).collect(),
            stations: c.stations.iter().map(|s| s.value.clone()).collect(),
        }
    }
}

/// Each station's reception dates, by the id it had, with what they were made from.
#[derive(Default)]
pub(super) struct Receptions {
    pub(super) site_wide: Option<SiteWide>,
    /// The station index of the model they were made for.
    pub(super) station_index: Arc<HashMap<String, StationId>>,
    /// The representative index of that model (the ids of `named`).
    pub(super) rep_index: Arc<HashMap<String, RepId>>,
    pub(super) stations: Vec<Option<KeptDates>>,
    /// Each representative's duty dates, and who was former when they were made.
    pub(super) duties: Arc<Vec<Vec<(StationId, u32)>>>,
    pub(super) former: Vec<bool>,
}

/// A station's dates and what else they depend on: its parse, its region path (local
/// closures apply by region) and whether it has a calendar.
pub(super) struct KeptDates {
    pub(super) station: Arc<Station>,
    pub(super) path: Vec<String>,
    pub(super) upcoming: Arc<Vec<Upcoming>>,
    pub(super) notices: Arc<Vec<(String, usize)>>,
    /// The representatives its dates name, with the position of the date in `upcoming`.
    pub(super) named: Arc<Vec<(RepId, u32)>>,
    pub(super) calendar: bool,
}

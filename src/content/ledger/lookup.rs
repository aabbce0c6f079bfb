//! Finding the station or representative a ledger cell names, by slug or by exact name. Used
//! by `validate` (to report what cannot be found, with "did you mean") and by `model` (to
//! link each record), so that both read a cell the same way.

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::content::{Representative, Station};
use crate::diag::did_you_mean;

/// Why a cell names no one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Miss {
    /// No station or representative has that slug or name; a close one, if any.
    Unknown(Option<String>),
    /// Several have that name: their slugs.
    Ambiguous(Vec<String>),
    /// A former representative, whose membership ended before the record's date.
    Ended(String, NaiveDate),
}

/// Stations and representatives by slug and by name (indexes into the content's lists).
pub(crate) struct Lookup<'a> {
    stations: &'a [std::sync::Arc<Station>],
    reps: &'a [std::sync::Arc<Representative>],
    station_slugs: HashMap<&'a str, usize>,
    station_names: HashMap<&'a str, Vec<usize>>,
    rep_slugs: HashMap<&'a str, usize>,
    rep_names: HashMap<&'a str, Vec<usize>>,
}

impl<'a> Lookup<'a> {
    pub(crate) fn new(stations: &'a [std::sync::Arc<Station>], reps: &'a [std::sync::Arc<Representative>]) -> Self {
        let mut l = Lookup {
            stations,
            reps,
            station_slugs: HashMap::new(),
            station_names: HashMap::new(),
            rep_slugs: HashMap::new(),
            rep_names: HashMap::new(),
        };
        for (i, s) in stations.iter().enumerate() {
            l.station_slugs.insert(&s.slug, i);
            l.station_names.entry(&s.name).or_default().push(i);
        }
        for (i, r) in reps.iter().enumerate() {
            l.rep_slugs.insert(&r.slug, i);
            l.rep_names.entry(&r.name).or_default().push(i);
        }
        l
    }

    /// The station a cell names.
    pub(crate) fn station(&self, text: &str) -> Result<usize, Miss> {
        if let Some(&i) = self.station_slugs.get(text) {
            return Ok(i);
        }
        match self.station_names.get(text).map(Vec::as_slice) {
            Some([i]) => Ok(*i),
            Some(many) => Err(Miss::Ambiguous(
                many.iter().map(|&i| self.stations[i].slug.clone()).collect(),
            )),
            None => {
                let names = self.stations.iter().map(|s| s.name.as_str());
                let slugs = self.stations.iter().map(|s| s.slug.as_str());
                Err(Miss::Unknown(did_you_mean(text, names.chain(slugs))))
            }
        }
    }

    /// The representative a cell names, for a record of `date`: a former representative only
    /// for dates up to the end of their membership. Of several with the name, the one whose
    /// membership covers the date, if only one does.
    pub(crate) fn representative(&self, text: &str, date: NaiveDate) -> Result<usize, Miss> {
        let covers = |i: usize| self.reps[i].until.is_none_or(|u| date <= u);
        if let Some(&i) = self.rep_slugs.get(text) {
            return if covers(i) { Ok(i) } else { Err(self.ended(i)) };
        }
        let Some(all) = self.rep_names.get(text) else {
            let names = self.reps.iter().map(|r| r.name.as_str());
            let slugs = self.reps.iter().map(|r| r.slug.as_str());
            return Err(Miss::Unknown(did_you_mean(text, names.chain(slugs))));
        };
        let current: Vec<usize> = all.iter().copied().filter(|&i| covers(i)).collect();
        match current.as_slice() {
            [i] => Ok(*i),
            [] => Err(self.ended(all[0])),
            many => Err(Miss::Ambiguous(
                many.iter().map(|&i| self.reps[i].slug.clone()).collect(),
            )),
        }
    }

    fn ended(&self, i: usize) -> Miss {
        let r = &self.reps[i];
        Miss::Ended(r.slug.clone(), r.until.unwrap_or_default())
    }
}

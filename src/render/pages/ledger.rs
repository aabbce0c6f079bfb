//! What templates get of the ledgers: figures (counts and the two rates), activities and
//! suggestions as rows, and the ledger sections of a station's and a representative's page.
//! Ledger text is plain text: it reaches templates as strings, which Tera escapes.

use serde::Serialize;

use super::items::NameLink;
use crate::content::ledger::{ActivityType, Status};
use crate::model::figures::{Figures, Rate};
use crate::model::{RepId, Site, StationId};
use crate::reception::date_label;
use crate::url;

/// How many of a station's latest suggestions and activities its page shows.
pub(crate) const STATION_LATEST: usize = 5;
/// How many records a representative's page lists of each book (newest first).
pub(crate) const REP_RECORDS: usize = 50;

#[derive(Serialize)]
pub(crate) struct Count {
    pub(crate) label: &'static str,
    pub(crate) count: u32,
}

/// `figures`: a station's, a region's sub-tree's or the site's.
#[derive(Serialize)]
pub(crate) struct FiguresCtx {
    pub(crate) activities: u32,
    pub(crate) people: u64,
    pub(crate) received: u32,
    pub(crate) done: u32,
    pub(crate) rated: u32,
    /// `92.1%`, absent when nothing was received or rated.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) done_rate: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) satisfaction: Option<String>,
    /// Activities by type, every type.
    pub(crate) types: Vec<Count>,
    /// Suggestions by status, every status.
    pub(crate) statuses: Vec<Count>,
}

pub(crate) fn figures(f: &Figures) -> FiguresCtx {
    FiguresCtx {
        activities: f.activity_count(),
        people: f.people,
        received: f.received(),
        done: f.done(),
        rated: f.rated(),
        done_rate: f.done_rate().map(Rate::label),
        satisfaction: f.satisfaction().map(Rate::label),
        types: ActivityType::ALL
            .iter()
            .zip(f.activities)
            .map(|(t, count)| Count {
                label: t.label(),
                count,
            })
            .collect(),
        statuses: Status::ALL
            .iter()
            .zip(f.by_status)
            .map(|(s, count)| Count {
                label: s.label(),
                count,
            })
            .collect(),
    }
}

/// A representative a record names: a former one stays in the record, marked.
#[derive(Serialize)]
pub(crate) struct RecordName<'a> {
    pub(crate) name: &'a str,
    pub(crate) url: String,
    /// The membership has ended (`until` in the past).
    pub(crate) former: bool,
}

#[derive(Serialize)]
pub(crate) struct ActivityCtx<'a> {
    pub(crate) date: String,
    pub(crate) date_label: String,
    pub(crate) station: NameLink<'a>,
    pub(crate) kind_label: &'static str,
    pub(crate) representatives: Vec<RecordName<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) people: Option<u32>,
    pub(crate) summary: &'a str,
}

#[derive(Serialize)]
pub(crate) struct SuggestionCtx<'a> {
    pub(crate) number: &'a str,
    /// The anchor of the suggestion on its records page.
    pub(crate) id: String,
    pub(crate) date: String,
    pub(crate) date_label: String,
    pub(crate) station: NameLink<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) representative: Option<RecordName<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) category: Option<&'a str>,
    pub(crate) summary: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) handler: Option<&'a str>,
    pub(crate) status: &'static str,
    /// `done` for 已办结, else `open`: for the badge's style.
    pub(crate) status_key: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) reply: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) rating: Option<&'static str>,
    /// The records page that lists it.
    pub(crate) url: String,
}

fn station_name(site: &Site, s: StationId) -> NameLink<'_> {
    let st = site.station(s);
    NameLink {
        name: &st.name,
        url: url::station(&st.slug),
    }
}

fn rep_name(site: &Site, r: RepId) -> RecordName<'_> {
    let rep = site.rep(r);
    RecordName {
        name: &rep.name,
        url: url::representative(&rep.slug),
        former: site.is_former(r),
    }
}

/// The anchor of a suggestion: its number, made safe for an id.
pub(crate) fn suggestion_anchor(number: &str) -> String {
    let safe: String = number
        .chars()
        .map(|c| if c.is_alphanumeric() || c == '-' { c } else { '_' })
        .collect();
    format!("s-{safe}")
}

pub(crate) fn activity(site: &Site, k: u32) -> ActivityCtx<'_> {
    let (a, x) = site.activity(k);
    ActivityCtx {
        date: a.date.to_string(),
        date_label: date_label(a.date),
        station: station_name(site, x.station),
        kind_label: a.kind.label(),
        representatives: x.reps.iter().map(|&r| rep_name(site, r)).collect(),
        people: a.people,
        summary: &a.summary,
    }
}

/// A suggestion; `url` is the records page that lists it.
pub(crate) fn suggestion(site: &Site, k: u32) -> SuggestionCtx<'_> {
    let (s, x) = site.suggestion(k);
    let (year, part) = site.suggestion_page(k);
    let id = suggestion_anchor(&s.number);
    SuggestionCtx {
        number: &s.number,
        url: format!(
            "{}#{id}",
            url::station_records(&site.station(x.station).slug, year, part)
        ),
        id,
        date: s.date.to_string(),
        date_label: date_label(s.date),
        station: station_name(site, x.station),
        representative: x.reps.first().map(|&r| rep_name(site, r)),
        category: s.category.as_deref(),
        summary: &s.summary,
        handler: s.handler.as_deref(),
        status: s.status.label(),
        status_key: if s.status == Status::Done { "done" } else { "open" },
        reply: s.reply.as_deref(),
        rating: s.rating.map(|r| r.label()),
    }
}

#[derive(Serialize)]
pub(crate) struct YearLine {
    pub(crate) year: i32,
    pub(crate) figures: FiguresCtx,
    pub(crate) url: String,
}

/// `ledger` on a station's page.
#[derive(Serialize)]
pub(crate) struct StationLedger<'a> {
    pub(crate) figures: FiguresCtx,
    /// Newest year first.
    pub(crate) years: Vec<YearLine>,
    pub(crate) latest_suggestions: Vec<SuggestionCtx<'a>>,
    pub(crate) latest_activities: Vec<ActivityCtx<'a>>,
}

/// A station's ledger section, `None` when it has no records.
pub(crate) fn station_ledger(site: &Site, s: StationId) -> Option<StationLedger<'_>> {
    let years = site.station_years(s);
    if years.is_empty() {
        return None;
    }
    let slug = &site.station(s).slug;
    let books = site.station_books(s);
    Some(StationLedger {
        figures: figures(site.station_figures(s)),
        years: years
            .iter()
            .rev()
            .map(|(&year, f)| YearLine {
                year,
                figures: figures(f),
                url: url::station_records(slug, year, 1),
            })
            .collect(),
        latest_suggestions: books
            .suggestions
            .iter()
            .take(STATION_LATEST)
            .map(|&k| suggestion(site, k))
            .collect(),
        latest_activities: books
            .activities
            .iter()
            .take(STATION_LATEST)
            .map(|&k| activity(site, k))
            .collect(),
    })
}

/// `ledger` on a representative's page (履职记录).
#[derive(Serialize)]
pub(crate) struct RepLedger<'a> {
    pub(crate) activity_total: usize,
    pub(crate) suggestion_total: usize,
    /// People received or visited in the activities they took part in.
    pub(crate) people: u64,
    /// The newest [`REP_RECORDS`] of each.
    pub(crate) activities: Vec<ActivityCtx<'a>>,
    pub(crate) suggestions: Vec<SuggestionCtx<'a>>,
}

pub(crate) fn rep_ledger(site: &Site, r: RepId) -> Option<RepLedger<'_>> {
    let books = site.rep_books(r);
    if books.activities.is_empty() && books.suggestions.is_empty() {
        return None;
    }
    let people = books
        .activities
        .iter()
        .map(|&k| u64::from(site.activity(k).0.people.unwrap_or(0)))
        .sum();
    Some(RepLedger {
        activity_total: books.activities.len(),
        suggestion_total: books.suggestions.len(),
        people,
        activities: books
            .activities
            .iter()
            .take(REP_RECORDS)
            .map(|&k| activity(site, k))
            .collect(),
        suggestions: books
            .suggestions
            .iter()
            .take(REP_RECORDS)
            .map(|&k| suggestion(site, k))
            .collect(),
    })
}

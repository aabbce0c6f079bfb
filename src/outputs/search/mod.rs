//! Site search that works offline on static hosting: Pagefind, used as a library (with its
//! `extended` feature, which segments Chinese with ICU4X's dictionary segmenter), indexes one
//! small record per station, representative, region and bulletin article, and writes its bundle
//! into `/pagefind/`, a large site's in parts ([`bundle`]). The browser loads only the index
//! chunks a query needs.
//!
//! Each record is a tiny HTML document: the name or title as `<h1>` (Pagefind weights headings),
//! a line of context, sections with anchors (a station's representatives, an issue's articles)
//! that Pagefind returns as sub-results, and `data-pagefind-meta` for what the result list
//! shows: the kind (站点 / 地区 / 简报; 代表 for a representative's section), the title, and
//! the region or date.

use crate::content::representative::levels_label;
use crate::model::{RegionId, Site, StationId};
use crate::reception::date_label;
use crate::render::escape_html as esc;
use crate::url;

mod bundle;
mod names;
pub(crate) use bundle::{Cache, INDEX_CHUNK_SIZE};
pub(crate) use names::name_table;

/// The anchor prefix of a representative's section in their station's record; the search page
/// links such a sub-result to `/representatives/<slug>/`.
pub(crate) const REP_ANCHOR: &str = "rep-";

/// What a search result is, as the result list names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum RecordKind {
    Station,
    Region,
    Bulletin,
    /// A representative (a section of a station's record, and an entry of the name table).
    Person,
    /// A former representative (an entry of the name table only, after the current ones).
    FormerPerson,
    /// A station's ledger of a year (its suggestions as sections).
    Ledger,
}

impl RecordKind {
    pub(crate) fn label(self) -> &'static str {
        match self {
            RecordKind::Station => "站点",
            RecordKind::Region => "地区",
            RecordKind::Bulletin => "简报",
            RecordKind::Person => "代表",
            RecordKind::FormerPerson => "原代表",
            RecordKind::Ledger => "台账",
        }
    }
}

/// One searchable thing.
pub(crate) struct Record {
    pub(crate) url: String,
    pub(crate) kind: RecordKind,
    pub(crate) title: String,
    /// The region path of a station, a representative's station, a bulletin's issue and date.
    pub(crate) context: String,
    /// Further text to find it by (address, unit, position).
    pub(crate) text: String,
    /// Parts with their own anchor (the articles of a bulletin issue): `(id, title, text)`.
    /// Pagefind returns a match inside one as a sub-result linking `url#id`.
    pub(crate) sections: Vec<(String, String, String)>,
}

impl Record {
    /// The record as Pagefind reads it. Pagefind weights `<h1>` above body text; a region's
    /// name weighs more still, so that a township's name finds its region page before the
    /// stations that carry the name in theirs. The context (a region path, an issue) counts
    /// little: it is there so that "水口镇" also finds what is in 水口镇.
    ///
    /// A ledger weighs little everywhere: "减速带" finds the suggestion, but a name still finds
    /// the station or the person first, not every record that mentions them.
    pub(crate) fn html(&self, language: &str) -> String {
        let (weight, section_weight, text_weight) = match self.kind {
            RecordKind::Region => (10.0, 7.0, 1.0),
            RecordKind::Ledger => (0.5, 0.5, 0.5),
            _ => (7.0, 7.0, 1.0),
        };
        // A paragraph's own weight is 1 (Pagefind weights only headings by themselves), so a
        // weight of 1 is left unsaid: Pagefind parses less and indexes the same.
        let text_attr = if text_weight == 1.0 {
            String::new()
        } else {
            format!(" data-pagefind-weight=\"{text_weight}\"")
        };
        let mut sections = String::new();
        for (id, title, text) in &self.sections {
            sections.push_str(&format!(
                "<h2 id=\"{}\" data-pagefind-weight=\"{section_weight}\">{}</h2><p{text_attr}>{}</p>",
                esc(id),
                esc(title),
                esc(text)
            ));
        }
        format!(
            "<!doctype html><html lang=\"{lang}\"><head><title>{title}</title></head><body>\
             <span data-pagefind-meta=\"kind:{kind}\"></span>\
             <span data-pagefind-meta=\"context:{context}\"></span>\
             <h1 data-pagefind-meta=\"title\" data-pagefind-weight=\"{weight}\">{title}</h1>\
             <p{text_attr}>{text}</p><p data-pagefind-weight=\"0.5\">{context}</p>{sections}</body></html>",
            lang = esc(language),
            kind = esc(self.kind.label()),
            title = esc(&self.title),
            context = esc(&self.context),
            text = esc(&self.text),
        )
    }
}

/// The names of a region and the regions above it, from the top.
fn region_names(site: &Site, r: RegionId) -> Vec<&str> {
    site.region_path(r)
        .into_iter()
        .map(|i| site.region(i).name.as_str())
        .collect()
}

/// A station's record: its representatives as sections.
fn station_record(site: &Site, i: StationId) -> Record {
    let s = site.station(i);
    // The station's representatives are sections of its record: a query for a name finds
    // the station's record and, inside it, the representative as a sub-result. One record
    // per station rather than per person keeps the index's page table small (140,000
    // people would make every visitor download a metadata file of almost 1 MB).
    let sections = site
        .station_reps(i)
        .iter()
        .map(|&r| {
            let rep = site.rep(r);
            let mut text = levels_label(&rep.levels);
            for part in [
                rep.unit.as_deref(),
                rep.position.as_deref(),
                rep.delegation.as_deref(),
                rep.phone.as_deref(),
            ]
            .into_iter()
            .flatten()
            {
                text.push(' ');
                text.push_str(part);
            }
            (format!("{REP_ANCHOR}{}", rep.slug), rep.name.clone(), text)
        })
        .collect();
    Record {
        url: url::station(&s.slug),
        kind: RecordKind::Station,
        title: s.name.clone(),
        context: region_names(site, site.station_region(i)).join(" › "),
        text: {
            let mut t = format!("{} {} {}", s.kind.label(), s.address, s.phone.as_deref().unwrap_or(""));
            // the villages it serves: a search for a village finds the station that serves it
            if !s.serves.is_empty() {
                let names: Vec<&str> = site
                    .station_serves(i)
                    .into_iter()
                    .map(|r| site.region(r).name.as_str())
                    .collect();
                t.push_str(&format!(" 服务：{}", names.join("、")));
            }
            t
        },
        sections,
    }
}

/// A region's record, naming the stations that serve it.
fn region_record(site: &Site, i: RegionId) -> Record {
    let reg = site.region(i);
    let mut path = region_names(site, i);
    path.pop();
    Record {
        url: url::region(&reg.code),
        kind: RecordKind::Region,
        title: reg.name.clone(),
        context: if path.is_empty() {
            format!("{}个联络站", reg.total_stations)
        } else {
            path.join(" › ")
        },
        // which station serves it, so that the result for a village names its station
        text: {
            let (_, serving) = site.serving(i);
            let names: Vec<&str> = serving.iter().map(|&s| site.station(s).name.as_str()).collect();
            if names.is_empty() {
                String::new()
            } else {
                format!("为本地服务的联络站：{}", names.join("、"))
            }
        },
        sections: Vec::new(),
    }
}

/// The records of a station's ledger: one per records page, its suggestions as sections
/// (linking their anchors), its activities in the text.
fn ledger_records(site: &Site, i: StationId, out: &mut Vec<Record>) {
    let st = site.station(i);
    for &year in site.station_years(i).keys() {
        let (acts, sugs) = site.station_year(i, year);
        for part in 1..=site.station_record_parts(i, year) {
            let page = url::station_records(&st.slug, year, part);
            let (part_acts, part_sugs) = site.station_part(i, year, part);
            let sections = part_sugs
                .iter()
                .map(|&k| {
                    let (s, _) = site.suggestion(k);
                    let mut text = format!("{} {}", s.status.label(), s.category.as_deref().unwrap_or(""));
                    for part in [s.handler.as_deref(), s.reply.as_deref()].into_iter().flatten() {
                        text.push(' ');
                        text.push_str(part);
                    }
                    (
                        crate::render::pages::suggestion_anchor(&s.number),
                        s.summary.clone(),
                        text,
                    )
                })
                .collect();
            let text: Vec<String> = part_acts
                .iter()
                .map(|&k| {
                    let (a, _) = site.activity(k);
                    format!("{} {}", a.kind.label(), a.summary)
                })
                .collect();
            out.push(Record {
                url: page,
                kind: RecordKind::Ledger,
                title: format!("{}{year}年台账", st.name),
                context: format!("意见建议 {} 件 · 活动 {} 次", sugs.len(), acts.len()),
                text: text.join(" "),
                sections,
            });
        }
    }
}

/// Every record of the site, in a fixed order.
pub(crate) fn records(site: &Site) -> Vec<Record> {
    let mut out = Vec::with_capacity(site.station_ids().len() + site.region_ids().len() + site.issue_ids().len());
    out.extend(site.station_ids().map(|i| station_record(site, i)));
    out.extend(site.region_ids().map(|i| region_record(site, i)));
    for i in site.station_ids() {
        ledger_records(site, i, &mut out);
    }
    // One record per article, linking its anchor on the issue page: a match loads only that
    // article's text, not the whole issue.
    for m in site.issue_ids().map(|id| site.issue(id)) {
        let i = &m.issue;
        for a in &m.articles.articles {
            let mut text = a.subtitle.clone().unwrap_or_default();
            text.push(' ');
            text.push_str(&crate::markdown::html_text(&a.body_html));
            out.push(Record {
                url: format!("{}#{}", url::bulletin(i.year, i.number), a.id),
                kind: RecordKind::Bulletin,
                title: a.title.clone(),
                context: format!("《联络动态》{}年第{}期 · {}", i.year, i.number, date_label(i.date)),
                text,
                sections: Vec::new(),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_escape_everything() {
        let r = Record {
            url: "/x/".into(),
            kind: RecordKind::Station,
            title: "<script>alert(1)</script>".into(),
            context: "\"><img src=x>".into(),
            text: "a & b".into(),
            sections: vec![("rep-a\"".into(), "<b>".into(), "</p>".into())],
        };
        let html = r.html("zh-cn");
        assert!(
            !html.contains("<script") && !html.contains("<img") && !html.contains("<b>"),
            "{html}"
        );
        assert!(html.contains("&lt;script&gt;") && html.contains("a &amp; b"));
    }
}

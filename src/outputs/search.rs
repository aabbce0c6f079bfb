//! Site search that works offline on static hosting: Pagefind, used as a library (with its
//! `extended` feature, which segments Chinese with ICU4X's dictionary segmenter), indexes one
//! small record per station, representative, region and bulletin article, and writes its bundle
//! into `/pagefind/`. The browser loads only the index chunks a query needs.
//!
//! Each record is a tiny HTML document: the name or title as `<h1>` (Pagefind weights headings),
//! a line of context, sections with anchors (a station's representatives, an issue's articles)
//! that Pagefind returns as sub-results, and `data-pagefind-meta` for what the result list
//! shows: the kind (站点 / 地区 / 简报; 代表 for a representative's section), the title, and
//! the region or date.

use crate::content::representative::levels_label;
use crate::error::Error;
use crate::model::{RegionId, Site};
use crate::reception::date_label;
use crate::render::escape_html as esc;
use crate::url;

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
}

impl RecordKind {
    pub(crate) fn label(self) -> &'static str {
        match self {
            RecordKind::Station => "站点",
            RecordKind::Region => "地区",
            RecordKind::Bulletin => "简报",
            RecordKind::Person => "代表",
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
    fn html(&self, language: &str) -> String {
        let weight = if self.kind == RecordKind::Region { 10.0 } else { 7.0 };
        let mut sections = String::new();
        for (id, title, text) in &self.sections {
            sections.push_str(&format!(
                "<h2 id=\"{}\" data-pagefind-weight=\"7\">{}</h2><p>{}</p>",
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
             <p>{text}</p><p data-pagefind-weight=\"0.5\">{context}</p>{sections}</body></html>",
            lang = esc(language),
            kind = esc(self.kind.label()),
            title = esc(&self.title),
            context = esc(&self.context),
            text = esc(&self.text),
        )
    }
}

fn region_names(site: &Site, r: RegionId) -> Vec<&str> {
    site.region_path(r)
        .into_iter()
        .map(|i| site.region(i).name.as_str())
        .collect()
}

/// Every record of the site, in a fixed order.
pub(crate) fn records(site: &Site) -> Vec<Record> {
    let mut out = Vec::with_capacity(site.station_ids().len() + site.region_ids().len() + site.issue_ids().len());
    for i in site.station_ids() {
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
        out.push(Record {
            url: url::station(&s.slug),
            kind: RecordKind::Station,
            title: s.name.clone(),
            context: region_names(site, site.station_region(i)).join(" › "),
            text: format!("{} {} {}", s.kind.label(), s.address, s.phone.as_deref().unwrap_or("")),
            sections,
        });
    }
    for i in site.region_ids() {
        let reg = site.region(i);
        let mut path = region_names(site, i);
        path.pop();
        out.push(Record {
            url: url::region(&reg.code),
            kind: RecordKind::Region,
            title: reg.name.clone(),
            context: if path.is_empty() {
                format!("{}个联络站", reg.total_stations)
            } else {
                path.join(" › ")
            },
            text: String::new(),
            sections: Vec::new(),
        });
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

/// A query or a name as the exact-name table keys it: without spaces (ASCII or full-width),
/// lowercase; a phone number as its digits alone (`0737-8101201` → `07378101201`). The search
/// page normalizes what is typed the same way (search.js `normalize`).
pub(crate) fn normalize_key(text: &str) -> String {
    let t: String = text
        .chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect();
    let phone_like = !t.is_empty()
        && t.chars().any(|c| c.is_ascii_digit())
        && t.chars().all(|c| c.is_ascii_digit() || "-+()（）—－".contains(c));
    if phone_like {
        t.chars().filter(char::is_ascii_digit).collect()
    } else {
        t
    }
}

/// The bucket of a key: FNV-1a (32 bits) of its UTF-8 bytes, masked to the bucket count (a
/// power of two). The search page computes the same (search.js `bucket`).
pub(crate) fn bucket(key: &str, buckets: u32) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for b in key.bytes() {
        h ^= u32::from(b);
        h = h.wrapping_mul(0x0100_0193);
    }
    h & (buckets - 1)
}

/// At most this many entries share one key (the initials `zw` of thousands of people at
/// provincial scale): the first in the order they are added (regions, stations, then people by
/// slug).
pub(crate) const PER_KEY: usize = 30;

/// The phone numbers a phone text holds, as the keys a visitor may type: each number's digits,
/// and for a number with an area code (`0737-8101201`) the local part as well.
fn phone_keys(phone: &str) -> Vec<String> {
    let mut keys = Vec::new();
    for part in phone.split(['、', '/', ',', '，', ';', '；']) {
        let part = part.split(['转', '#']).next().unwrap_or("");
        let digits: String = part.chars().filter(char::is_ascii_digit).collect();
        if digits.len() >= 7 {
            keys.push(digits.clone());
            if let Some((_, local)) = part.split_once(['-', '—', '－'])
                && local.chars().filter(char::is_ascii_digit).count() >= 7
            {
                keys.push(local.chars().filter(char::is_ascii_digit).collect());
            }
        }
    }
    keys
}

/// The exact-name table: every representative, station and region under each key a visitor
/// may type for it in full (its name; a person's pinyin and initials, a region's pinyin; the
/// phone numbers of stations and people), filed in a fixed number of buckets by a hash of the
/// key. `meta.json` says how many; every bucket is written, empty or not, so that the search
/// page asks only for files that exist. Word-based ranking cannot tell 张卫 from a station full
/// of 张s whose units contain 卫生院; the search page looks the whole query up here first.
pub(crate) fn name_table(site: &Site) -> Vec<(String, Vec<u8>)> {
    use std::collections::BTreeMap;
    let mut by_key: BTreeMap<String, Vec<serde_json::Value>> = BTreeMap::new();
    let mut put = |keys: Vec<String>, name: &str, url: String, kind: RecordKind, context: &str| {
        let mut keys: Vec<String> = keys
            .into_iter()
            .map(|k| normalize_key(&k))
            .filter(|k| !k.is_empty())
            .collect();
        keys.sort();
        keys.dedup();
        for key in keys {
            let list = by_key.entry(key.clone()).or_default();
            if list.len() < PER_KEY {
                list.push(serde_json::json!({"x": key, "n": name, "u": url, "k": kind.label(), "c": context}));
            }
        }
    };
    for i in site.region_ids() {
        let reg = site.region(i);
        let mut path = region_names(site, i);
        path.pop();
        let keys = vec![reg.name.clone(), crate::names::place(&reg.name)];
        put(keys, &reg.name, url::region(&reg.code), RecordKind::Region, &path.join(" › "));
    }
    for i in site.station_ids() {
        let s = site.station(i);
        let mut keys = vec![s.name.clone()];
        keys.extend(s.phone.as_deref().map(phone_keys).unwrap_or_default());
        let context = region_names(site, site.station_region(i)).join(" › ");
        put(keys, &s.name, url::station(&s.slug), RecordKind::Station, &context);
    }
    for i in site.rep_ids() {
        let r = site.rep(i);
        let mut keys = vec![r.name.clone(), crate::names::full(&r.name), crate::names::initials(&r.name)];
        keys.extend(r.phone.as_deref().map(phone_keys).unwrap_or_default());
        let station = &site.station(site.rep_station(i)).name;
        put(keys, &r.name, url::representative(&r.slug), RecordKind::Person, station);
    }
    let entries: usize = by_key.values().map(Vec::len).sum();
    // About 64 entries a bucket: a few kilobytes to fetch for a query.
    let buckets = (entries / 64).max(16).next_power_of_two().min(1 << 16) as u32;
    let mut files: Vec<Vec<&serde_json::Value>> = vec![Vec::new(); buckets as usize];
    for (key, list) in &by_key {
        files[bucket(key, buckets) as usize].extend(list.iter());
    }
    let mut out = vec![(
        url::file_for(&url::names_meta()),
        serde_json::to_vec(&serde_json::json!({"buckets": buckets, "hash": "fnv1a32"})).unwrap_or_default(),
    )];
    out.extend(files.into_iter().enumerate().map(|(b, list)| {
        (
            url::file_for(&url::names_bucket(b as u32)),
            serde_json::to_vec(&list).unwrap_or_default(),
        )
    }));
    out
}

/// The indexer's own error, about the whole index.
fn indexer(e: impl Into<Box<dyn std::error::Error + Send + Sync>>) -> Error {
    Error::Search {
        record: None,
        source: e.into(),
    }
}

/// Builds the Pagefind bundle: `(path under the output, bytes)`, sorted.
///
/// The records are given to Pagefind one by one, in the order [`records`] makes them: a
/// record's page number in the index is its place in that order, so the bundle is the same
/// bytes on every machine. (Pagefind's directory indexer numbers pages in the order the file
/// system lists them, which differs between runs and machines.)
pub(crate) fn bundle(site: &Site) -> Result<Vec<(String, Vec<u8>)>, Error> {
    use pagefind::api::PagefindIndex;
    use pagefind::options::PagefindServiceConfig;

    let language = site.config.language.to_lowercase();
    let records = records(site);
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .map_err(|e| Error::Search {
            record: None,
            source: Box::new(e),
        })?;
    runtime.block_on(async move {
        let config = PagefindServiceConfig::builder()
            .force_language(language.clone())
            .keep_index_url(false)
            .build();
        let mut index = PagefindIndex::new(Some(config)).map_err(indexer)?;
        for r in &records {
            index
                .add_html_file(None, Some(r.url.clone()), r.html(&language))
                .await
                .map_err(|e| Error::Search {
                    record: Some(r.url.clone()),
                    source: e.into(),
                })?;
        }
        let files = index.get_files().await.map_err(indexer)?;
        let mut out: Vec<(String, Vec<u8>)> = files
            .into_iter()
            .map(|f| {
                (
                    format!("{}{}", crate::url::pagefind_folder(), f.filename.to_string_lossy().replace('\\', "/")),
                    f.contents,
                )
            })
            .collect();
        out.sort_by(|a, b| a.0.cmp(&b.0));
        Ok(out)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_and_buckets() {
        assert_eq!(normalize_key(" 张　伟 "), "张伟");
        assert_eq!(normalize_key("ZhangWei"), "zhangwei");
        assert_eq!(normalize_key("0737-810 1201"), "07378101201");
        assert_eq!(normalize_key("3号楼"), "3号楼");
        assert_eq!(
            phone_keys("0737-8101201、13900000000"),
            ["07378101201", "8101201", "13900000000"]
        );
        assert_eq!(phone_keys("0833-6101201 转 8"), ["08336101201", "6101201"]);
        // FNV-1a of "a" is 0xe40c292c; the JavaScript side is tested against the same values
        assert_eq!(bucket("a", 1 << 16), 0x292c);
        assert_eq!(bucket("张伟", 16), bucket("张伟", 16));
        assert!(bucket("zhangwei", 64) < 64);
    }

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

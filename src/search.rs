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
use crate::model::Site;
use crate::reception::date_label;
use crate::render::escape_html as esc;
use crate::url;

/// The anchor prefix of a representative's section in their station's record; the search page
/// links such a sub-result to `/representatives/<slug>/`.
pub const REP_ANCHOR: &str = "rep-";

/// One searchable thing.
pub struct Record {
    pub url: String,
    /// 站点, 地区 or 简报.
    pub kind: &'static str,
    pub title: String,
    /// The region path of a station, a representative's station, a bulletin's issue and date.
    pub context: String,
    /// Further text to find it by (address, unit, position).
    pub text: String,
    /// Parts with their own anchor (the articles of a bulletin issue): `(id, title, text)`.
    /// Pagefind returns a match inside one as a sub-result linking `url#id`.
    pub sections: Vec<(String, String, String)>,
}

impl Record {
    /// The record as Pagefind reads it. Pagefind weights `<h1>` above body text; a region's
    /// name weighs more still, so that a township's name finds its region page before the
    /// stations that carry the name in theirs. The context (a region path, an issue) counts
    /// little: it is there so that "水口镇" also finds what is in 水口镇.
    fn html(&self, language: &str) -> String {
        let weight = if self.kind == "地区" { 10.0 } else { 7.0 };
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
            kind = esc(self.kind),
            title = esc(&self.title),
            context = esc(&self.context),
            text = esc(&self.text),
        )
    }
}

fn region_names(site: &Site, r: usize) -> Vec<&str> {
    site.region_path(r)
        .into_iter()
        .map(|i| site.regions[i].name.as_str())
        .collect()
}

/// Every record of the site, in a fixed order.
pub fn records(site: &Site) -> Vec<Record> {
    let mut out = Vec::with_capacity(site.stations.len() + site.reps.len() + site.regions.len() + site.issues.len());
    for (i, s) in site.stations.iter().enumerate() {
        // The station's representatives are sections of its record: a query for a name finds
        // the station's record and, inside it, the representative as a sub-result. One record
        // per station rather than per person keeps the index's page table small (140,000
        // people would make every visitor download a metadata file of almost 1 MB).
        let sections = site.station_reps[i]
            .iter()
            .map(|&r| {
                let rep = &site.reps[r];
                let mut text = levels_label(&rep.levels);
                for part in [rep.unit.as_deref(), rep.position.as_deref(), rep.delegation.as_deref()]
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
            kind: "站点",
            title: s.name.clone(),
            context: region_names(site, site.station_region[i]).join(" › "),
            text: format!("{} {}", s.kind.label(), s.address),
            sections,
        });
    }
    for (i, reg) in site.regions.iter().enumerate() {
        let mut path = region_names(site, i);
        path.pop();
        out.push(Record {
            url: url::region(&reg.code),
            kind: "地区",
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
    for m in &site.issues {
        let i = &m.issue;
        for a in &m.articles.articles {
            let mut text = a.subtitle.clone().unwrap_or_default();
            text.push(' ');
            text.push_str(&crate::markdown::html_text(&a.body_html));
            out.push(Record {
                url: format!("{}#{}", url::bulletin(i.year, i.number), a.id),
                kind: "简报",
                title: a.title.clone(),
                context: format!("《联络动态》{}年第{}期 · {}", i.year, i.number, date_label(i.date)),
                text,
                sections: Vec::new(),
            });
        }
    }
    out
}

/// Where the exact-name table lives: `/search/names/<key>.json`.
pub const NAMES_DIR: &str = "search/names";

/// The key of a name in the exact-name table: the code points of its first `n` characters in
/// hex, `张伟` → `5f20-4f1f`; `None` for a name shorter than `n` characters.
pub fn name_key(name: &str, n: usize) -> Option<String> {
    let chars: Vec<char> = name.trim().chars().take(n).collect();
    (chars.len() == n).then(|| {
        chars
            .iter()
            .map(|c| format!("{:x}", *c as u32))
            .collect::<Vec<_>>()
            .join("-")
    })
}

/// A group of names sharing their first two characters that is larger than this is split by
/// the first three (the compound surname 欧阳 would otherwise make one file of thousands).
pub const NAMES_PER_FILE: usize = 200;

/// The exact-name table: every representative, station and region by the first two (in a
/// large group, three) characters of its name, as small JSON files `[{"n": name, "u": url, "k": kind, "c":
/// context}]`. Word-based ranking cannot tell 张卫 from a station full of 张s whose units
/// contain 卫生院; the search page looks the whole query up here first, so that someone who
/// types a full name gets that person (or place) first. One file holds a few dozen names even
/// at provincial scale.
pub fn name_table(site: &Site) -> Vec<(String, Vec<u8>)> {
    use std::collections::BTreeMap;
    let mut groups: BTreeMap<String, Vec<(String, serde_json::Value)>> = BTreeMap::new();
    let mut put = |name: &str, url: String, kind: &str, context: String| {
        if let Some(key) = name_key(name, 2) {
            let entry = serde_json::json!({"n": name, "u": url, "k": kind, "c": context});
            groups.entry(key).or_default().push((name.to_string(), entry));
        }
    };
    for (i, reg) in site.regions.iter().enumerate() {
        let mut path = region_names(site, i);
        path.pop();
        put(&reg.name, url::region(&reg.code), "地区", path.join(" › "));
    }
    for (i, s) in site.stations.iter().enumerate() {
        put(
            &s.name,
            url::station(&s.slug),
            "站点",
            region_names(site, site.station_region[i]).join(" › "),
        );
    }
    for (i, r) in site.reps.iter().enumerate() {
        put(
            &r.name,
            url::representative(&r.slug),
            "代表",
            site.stations[site.rep_station[i]].name.clone(),
        );
    }
    let mut table: BTreeMap<String, Vec<serde_json::Value>> = BTreeMap::new();
    for (key, entries) in groups {
        if entries.len() <= NAMES_PER_FILE {
            table.entry(key).or_default().extend(entries.into_iter().map(|e| e.1));
            continue;
        }
        // names of two characters stay under the two-character key, longer ones move on
        for (name, e) in entries {
            let k = name_key(&name, 3).unwrap_or_else(|| key.clone());
            table.entry(k).or_default().push(e);
        }
    }
    table
        .into_iter()
        .map(|(key, entries)| {
            (
                format!("{NAMES_DIR}/{key}.json"),
                serde_json::to_vec(&entries).unwrap_or_default(),
            )
        })
        .collect()
}

/// Builds the Pagefind bundle: `(path under the output, bytes)`, sorted.
///
/// The records are written as small HTML files to a temporary folder inside `scratch` (beside
/// the output, so on the same disk) that Pagefind then reads with its parallel directory
/// indexer: its one-record-at-a-time API compares each new record with every earlier one,
/// which takes minutes at provincial scale.
pub fn bundle(site: &Site, scratch: &std::path::Path) -> Result<Vec<(String, Vec<u8>)>, String> {
    use pagefind::api::PagefindIndex;
    use pagefind::options::PagefindServiceConfig;
    use rayon::prelude::*;

    let language = site.config.language.to_lowercase();
    let dir = TempDir::new(scratch)?;
    // Records with an anchor (articles) cannot be files; they are added one by one below.
    let (anchored, pages): (Vec<Record>, Vec<Record>) = records(site).into_iter().partition(|r| r.url.contains('#'));
    pages
        .par_iter()
        .try_for_each(|r| {
            let path = dir.0.join(url::file_for(&r.url));
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent)?;
            }
            std::fs::write(path, r.html(&language))
        })
        .map_err(|e| format!("search index: cannot write its input to {}: {e}", dir.0.display()))?;

    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .map_err(|e| format!("search index: cannot start the indexer: {e}"))?;
    let input = dir.0.to_string_lossy().into_owned();
    runtime.block_on(async move {
        let config = PagefindServiceConfig::builder()
            .force_language(language.clone())
            .keep_index_url(false)
            .build();
        let mut index = PagefindIndex::new(Some(config)).map_err(|e| format!("search index: {e}"))?;
        index
            .add_directory(input, None)
            .await
            .map_err(|e| format!("search index: {e}"))?;
        for r in &anchored {
            index
                .add_html_file(None, Some(r.url.clone()), r.html(&language))
                .await
                .map_err(|e| format!("search index: {}: {e}", r.url))?;
        }
        let files = index.get_files().await.map_err(|e| format!("search index: {e}"))?;
        let mut out: Vec<(String, Vec<u8>)> = files
            .into_iter()
            .map(|f| {
                (
                    format!("pagefind/{}", f.filename.to_string_lossy().replace('\\', "/")),
                    f.contents,
                )
            })
            .collect();
        out.sort_by(|a, b| a.0.cmp(&b.0));
        Ok(out)
    })
}

/// A folder of our own under the system's temporary folder, removed when dropped.
struct TempDir(std::path::PathBuf);

impl TempDir {
    fn new(parent: &std::path::Path) -> Result<TempDir, String> {
        use std::sync::atomic::{AtomicUsize, Ordering};
        static N: AtomicUsize = AtomicUsize::new(0);
        remove_stale(parent);
        let path = parent.join(format!(
            ".liaison-search-{}-{}",
            std::process::id(),
            N.fetch_add(1, Ordering::Relaxed)
        ));
        let _ = std::fs::remove_dir_all(&path);
        std::fs::create_dir_all(&path).map_err(|e| format!("search index: cannot create {}: {e}", path.display()))?;
        Ok(TempDir(path))
    }
}

/// Removes the input folders of indexers whose build was killed (their process is gone).
fn remove_stale(parent: &std::path::Path) {
    let Ok(entries) = std::fs::read_dir(parent) else { return };
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        let pid = name
            .strip_prefix(".liaison-search-")
            .and_then(|rest| rest.split_once('-'))
            .and_then(|(pid, n)| n.parse::<u64>().ok().and(pid.parse::<u32>().ok()));
        if let Some(pid) = pid
            && pid != std::process::id()
            && !crate::output::process_alive(pid)
            && e.file_type().is_ok_and(|t| t.is_dir())
        {
            let _ = std::fs::remove_dir_all(e.path());
        }
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn name_keys() {
        assert_eq!(name_key("张伟", 2).as_deref(), Some("5f20-4f1f"));
        assert_eq!(name_key("欧阳慧", 2).as_deref(), Some("6b27-9633"));
        assert_eq!(name_key("欧阳慧", 3).as_deref(), Some("6b27-9633-6167"));
        assert_eq!(name_key("王", 2), None);
    }

    #[test]
    fn records_escape_everything() {
        let r = Record {
            url: "/x/".into(),
            kind: "站点",
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

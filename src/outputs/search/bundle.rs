//! Pagefind's bundle, in parts. Pagefind builds an index on one thread and holds every record's
//! words in memory until it is done, so a provincial index (17,000 records, 36 MB of record
//! text) took 2.7 GB and 20 s, and an edit under `serve` waited for all of it again. The records
//! are therefore split into parts of at most `[build] search_part_kib` of record text each,
//! every part a Pagefind bundle of its own (the first at `/pagefind/`, the others at
//! `/pagefind/part-<n>/`), built side by side and merged by the search page with Pagefind's
//! `mergeIndex`. A county's or a city's index is one part, exactly as before.
//!
//! A record's part is decided by a hash of its URL, so an edit moves nothing between parts, and
//! [`Cache`] rebuilds only the parts whose records changed. Inside a part the records keep the
//! order [`records`] makes them in: a record's page number in a bundle is its place in that
//! order, so every bundle is the same bytes on every machine.

use rayon::prelude::*;

use super::{Record, records};
use crate::error::Error;
use crate::model::Site;
use crate::url;

/// The size of Pagefind's index chunks, in word locations (Pagefind's default is 20,000), as
/// the environment variable Pagefind reads it from; the only way to set it. A query fetches
/// one chunk per word from every part, so with Pagefind's default a provincial index in six
/// parts cost a visitor six times the chunk bytes of one index (245 to 471 KB a query instead
/// of 50 to 110). A ninth of the default, for the nine parts of the default budget at
/// provincial scale, gives each part about as many chunks as a single index had, and each
/// chunk a ninth of the bytes. A smaller site gets smaller chunks too: a query downloads less,
/// in the same number of requests. The program sets it before it starts any thread (see
/// `main`), whatever the environment said, so that the bundle stays the same bytes on every
/// machine.
pub const INDEX_CHUNK_SIZE: (&str, &str) = ("PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE", "2222");

/// Files as `(path under the output, bytes)`.
type Files = Vec<(String, Vec<u8>)>;

/// One built part: what its records were (a hash of their URLs and text) and its files.
struct Built {
    fingerprint: blake3::Hash,
    files: Files,
}

/// The parts built last time, to build only the ones whose records changed (`serve`).
#[derive(Default)]
pub(crate) struct Cache {
    parts: Vec<Option<Built>>,
    /// How many parts the last [`Cache::bundle`] built.
    rebuilt: usize,
}

/// One record as Pagefind gets it.
struct Doc<'a> {
    url: &'a str,
    html: String,
}

/// How many parts `bytes` of record text make: at most `budget` bytes a part, and at least
/// two once the text is more than half the budget, so that an index of a few megabytes (a
/// city's) is built on two cores instead of being the one long task a build waits for at its
/// end. The count follows from the records alone, never from the machine.
fn part_count(bytes: usize, budget: usize) -> usize {
    let budget = budget.max(1);
    let count = bytes.div_ceil(budget).max(1);
    if bytes > budget / 2 { count.max(2) } else { count }
}

/// The part a record's URL falls in: FNV-1a (32 bits, as the name table's buckets) of its
/// bytes, modulo the count.
fn part_of(url: &str, count: usize) -> usize {
    super::names::fnv1a(url) as usize % count
}

/// The records split into parts, each in the order the records came.
fn split<'a>(records: &'a [Record], language: &str, budget: usize) -> Vec<Vec<Doc<'a>>> {
    let docs: Vec<Doc> = records
        .iter()
        .map(|r| Doc {
            url: &r.url,
            html: r.html(language),
        })
        .collect();
    let count = part_count(docs.iter().map(|d| d.html.len()).sum(), budget);
    let mut parts: Vec<Vec<Doc>> = (0..count).map(|_| Vec::new()).collect();
    for d in docs {
        parts[part_of(d.url, count)].push(d);
    }
    parts
}

fn fingerprint(docs: &[Doc]) -> blake3::Hash {
    let mut h = blake3::Hasher::new();
    for d in docs {
        for part in [d.url.as_bytes(), d.html.as_bytes()] {
            h.update(&(part.len() as u64).to_le_bytes());
            h.update(part);
        }
    }
    h.finalize()
}

impl Cache {
    /// The bundle of every part and the list of parts (`/search/parts.json`): `(path under the
    /// output, bytes)`, sorted. Parts whose records are what they were last time are not
    /// built again; the others are built in parallel.
    pub(crate) fn bundle(&mut self, site: &Site) -> Result<Files, Error> {
        let language = site.config.language.to_lowercase();
        let records = records(site);
        let budget = site.config.build.search_part_kib as usize * 1024;
        let parts = split(&records, &language, budget);
        let count = parts.len();
        if self.parts.len() != count {
            self.parts = (0..count).map(|_| None).collect();
        }
        // the parts whose records changed, each with its records and their fingerprint
        let todo: Vec<(usize, blake3::Hash, Vec<Doc>)> = parts
            .into_iter()
            .enumerate()
            .map(|(k, docs)| (k, fingerprint(&docs), docs))
            .filter(|(k, print, _)| self.parts[*k].as_ref().is_none_or(|b| b.fingerprint != *print))
            .collect();
        self.rebuilt = todo.len();
        let built: Vec<(usize, blake3::Hash, Result<Files, Error>)> = todo
            .into_par_iter()
            .map(|(k, print, docs)| (k, print, build_part(docs, &language, &url::pagefind_part(k))))
            .collect();
        for (k, fingerprint, files) in built {
            self.parts[k] = Some(Built {
                fingerprint,
                files: files?,
            });
        }
        let mut out: Files = self
            .parts
            .iter()
            .flatten()
            .flat_map(|b| b.files.iter().cloned())
            .collect();
        out.push(parts_list(count));
        out.sort_by(|a, b| a.0.cmp(&b.0));
        Ok(out)
    }

    /// How many parts the last bundle built, and how many it has.
    pub(crate) fn rebuilt(&self) -> (usize, usize) {
        (self.rebuilt, self.parts.len())
    }
}

/// `/search/parts.json`: `{"parts": ["/pagefind/", "/pagefind/part-2/", …]}`.
fn parts_list(count: usize) -> (String, Vec<u8>) {
    let parts: Vec<String> = (0..count).map(url::pagefind_part).collect();
    let json = serde_json::json!({ "parts": parts });
    (
        url::file_for(&url::search_parts()),
        serde_json::to_vec(&json).unwrap_or_default(),
    )
}

/// The indexer's own error, about the whole index.
fn indexer(e: impl Into<Box<dyn std::error::Error + Send + Sync>>) -> Error {
    Error::Search {
        record: None,
        source: e.into(),
    }
}

/// One part's Pagefind bundle, its files under `folder` (a URL ending in `/`).
fn build_part(docs: Vec<Doc>, language: &str, folder: &str) -> Result<Files, Error> {
    use pagefind::api::PagefindIndex;
    use pagefind::options::PagefindServiceConfig;

    let runtime = tokio::runtime::Builder::new_current_thread().build().map_err(indexer)?;
    let first = folder == url::pagefind();
    let folder = folder.trim_start_matches('/');
    runtime.block_on(async move {
        let config = PagefindServiceConfig::builder()
            .force_language(language.to_string())
            .keep_index_url(false)
            .build();
        let mut index = PagefindIndex::new(Some(config)).map_err(indexer)?;
        for d in docs {
            index
                .add_html_file(None, Some(d.url.to_string()), d.html)
                .await
                .map_err(|e| Error::Search {
                    record: Some(d.url.to_string()),
                    source: e.into(),
                })?;
        }
        let files = index.get_files().await.map_err(indexer)?;
        Ok(files
            .into_iter()
            .map(|f| (f.filename.to_string_lossy().replace('\\', "/"), f.contents))
            .filter(|(name, _)| first || is_index_file(name))
            .map(|(name, bytes)| (format!("{folder}{name}"), bytes))
            .collect())
    })
}

/// Whether a file of a bundle is part of its index (its entry, meta, chunks, fragments and
/// filters) rather than Pagefind's script, wasm and UI, which the search page loads from the
/// first part only: a merged part runs on the first part's wasm.
fn is_index_file(name: &str) -> bool {
    name == "pagefind-entry.json"
        || name.ends_with(".pf_meta")
        || ["index/", "fragment/", "filter/"].iter().any(|d| name.starts_with(d))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::outputs::search::RecordKind;

    fn record(url: &str, text: &str) -> Record {
        Record {
            url: url.into(),
            kind: RecordKind::Station,
            title: url.into(),
            context: String::new(),
            text: text.into(),
            sections: Vec::new(),
        }
    }

    #[test]
    fn parts_follow_the_budget() {
        assert_eq!(part_count(0, 100), 1);
        assert_eq!(part_count(50, 100), 1);
        assert_eq!(part_count(51, 100), 2);
        assert_eq!(part_count(100, 100), 2);
        assert_eq!(part_count(101, 100), 2);
        assert_eq!(part_count(201, 100), 3);
        let records: Vec<Record> = (0..200)
            .map(|i| record(&format!("/stations/s{i}/"), &"字".repeat(100)))
            .collect();
        let one = split(&records, "zh-cn", usize::MAX);
        assert_eq!(one.len(), 1);
        let bytes: usize = one[0].iter().map(|d| d.html.len()).sum();
        let parts = split(&records, "zh-cn", bytes / 4 + 1);
        assert_eq!(parts.len(), 4);
        // every record in exactly one part, in the order it came, and no part left empty
        let mut urls: Vec<&str> = parts.iter().flatten().map(|d| d.url).collect();
        assert_eq!(urls.len(), 200);
        urls.sort_unstable();
        urls.dedup();
        assert_eq!(urls.len(), 200);
        for p in &parts {
            assert!(!p.is_empty());
            let at: Vec<usize> = p
                .iter()
                .map(|d| records.iter().position(|r| r.url == d.url).unwrap())
                .collect();
            assert!(at.windows(2).all(|w| w[0] < w[1]), "{at:?}");
        }
    }

    #[test]
    fn a_part_without_records_is_still_a_bundle() {
        // a few large records under a small budget leave parts empty
        let files = build_part(Vec::new(), "zh-cn", &url::pagefind_part(1)).unwrap();
        assert!(
            files.iter().any(|(p, _)| p == "pagefind/part-2/pagefind-entry.json"),
            "{files:?}"
        );
        assert!(
            files
                .iter()
                .all(|(p, _)| is_index_file(p.trim_start_matches("pagefind/part-2/")))
        );
    }

    #[test]
    fn an_edit_changes_only_its_own_part() {
        let records = |edited: bool| -> Vec<Record> {
            (0..64)
                .map(|i| record(&format!("/r/{i}/"), if edited && i == 7 { "乙" } else { "甲" }))
                .collect()
        };
        let (old, new) = (records(false), records(true));
        let (before, after) = (split(&old, "zh-cn", 2000), split(&new, "zh-cn", 2000));
        assert!(before.len() > 1);
        let urls = |parts: &[Vec<Doc>]| -> Vec<Vec<String>> {
            parts
                .iter()
                .map(|p| p.iter().map(|d| d.url.to_string()).collect())
                .collect()
        };
        assert_eq!(urls(&before), urls(&after));
        let changed: Vec<usize> = (0..after.len())
            .filter(|&k| fingerprint(&before[k]) != fingerprint(&after[k]))
            .collect();
        assert_eq!(changed, vec![part_of("/r/7/", after.len())]);
    }
}

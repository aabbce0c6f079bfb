//! The one place that decides every URL. Pages, links, the sitemap and the feed all use these.

pub(crate) fn home() -> String {
    "/".into()
}
pub(crate) fn stations() -> String {
    "/stations/".into()
}
/// Page `n` of the stations index: page 1 is `/stations/`, page 2 `/stations/page/2/`.
pub(crate) fn stations_page(n: u32) -> String {
    paged(&stations(), n)
}
/// Page `n` of an index whose first page is `first`.
fn paged(first: &str, n: u32) -> String {
    if n <= 1 {
        first.to_string()
    } else {
        format!("{first}page/{n}/")
    }
}
pub(crate) fn station(slug: &str) -> String {
    format!("/stations/{slug}/")
}
/// A station's wall board (公示栏), a print page.
pub(crate) fn station_board(slug: &str) -> String {
    format!("/stations/{slug}/board/")
}
/// A reception notice (接待公告), a print page: `key` is its date (`2026-12-08`).
pub(crate) fn station_notice(slug: &str, key: &str) -> String {
    format!("/stations/{slug}/notices/{key}/")
}
/// The Atom feed of a station's notices.
pub(crate) fn station_feed(slug: &str) -> String {
    format!("/stations/{slug}/atom.xml")
}
/// A station's ledger records of a year, in parts of [`RECORDS_PER_PART`] of each book:
/// part 1 at `/stations/<slug>/records/2026/`, part 2 at `…/2026/2/`.
pub(crate) fn station_records(slug: &str, year: i32, part: u32) -> String {
    if part <= 1 {
        format!("/stations/{slug}/records/{year}/")
    } else {
        format!("/stations/{slug}/records/{year}/{part}/")
    }
}
/// How many activities, and how many suggestions, one records page lists.
pub(crate) const RECORDS_PER_PART: usize = 200;
/// The statistics of the whole site, and of a region's sub-tree.
pub(crate) fn stats() -> String {
    "/stats/".into()
}
pub(crate) fn region_stats(code: &str) -> String {
    format!("/regions/{code}/stats/")
}
pub(crate) fn station_calendar(slug: &str) -> String {
    format!("/stations/{slug}/reception.ics")
}
pub(crate) fn representatives() -> String {
    "/representatives/".into()
}
/// Page `n` of the representatives index: page 1 is `/representatives/`.
pub(crate) fn representatives_page(n: u32) -> String {
    paged(&representatives(), n)
}
/// Former representatives (`until` in the past).
pub(crate) fn former_representatives() -> String {
    "/representatives/former/".into()
}
pub(crate) fn representative(slug: &str) -> String {
    format!("/representatives/{slug}/")
}
pub(crate) fn regions() -> String {
    "/regions/".into()
}
pub(crate) fn region(code: &str) -> String {
    format!("/regions/{code}/")
}
pub(crate) fn region_calendar(code: &str) -> String {
    format!("/regions/{code}/reception.ics")
}
pub(crate) fn bulletins() -> String {
    "/bulletins/".into()
}
pub(crate) fn bulletin_year(year: i32) -> String {
    format!("/bulletins/{year}/")
}
pub(crate) fn bulletin(year: i32, number: u32) -> String {
    format!("/bulletins/{year}/{number}/")
}
pub(crate) fn page(slug: &str) -> String {
    format!("/{slug}/")
}
pub(crate) fn search() -> String {
    "/search/".into()
}
pub(crate) fn not_found() -> String {
    "/404.html".into()
}
/// The Atom feed of the bulletin.
pub(crate) fn feed() -> String {
    "/bulletins/atom.xml".into()
}
/// The sitemap, or its index on a site of more than 50,000 pages.
pub(crate) fn sitemap() -> String {
    "/sitemap.xml".into()
}
/// The `n`th part of a sitemap index (from 1).
pub(crate) fn sitemap_part(n: usize) -> String {
    format!("/sitemap-{n}.xml")
}
pub(crate) fn robots() -> String {
    "/robots.txt".into()
}
/// Pagefind's bundle, a folder.
pub(crate) fn pagefind() -> String {
    "/pagefind/".into()
}
/// The output folder of Pagefind's bundle, with its trailing `/`.
pub(crate) fn pagefind_folder() -> String {
    pagefind().trim_start_matches('/').to_string()
}
/// Part `k` (from 0) of the site-search index: the first is the bundle at `/pagefind/`, the
/// others are bundles of their own at `/pagefind/part-<k+1>/`.
pub(crate) fn pagefind_part(k: usize) -> String {
    if k == 0 {
        pagefind()
    } else {
        format!("{}part-{}/", pagefind(), k + 1)
    }
}
/// The list of the index's parts, which the search page reads before it searches.
pub(crate) fn search_parts() -> String {
    "/search/parts.json".into()
}
/// The exact-name search table: its description and its buckets.
pub(crate) fn names_meta() -> String {
    "/search/names/meta.json".into()
}
pub(crate) fn names_bucket(bucket: u32) -> String {
    format!("/search/names/{bucket:x}.json")
}

/// `serve`'s own endpoints (never in a built site): the live-reload script, the events it
/// listens to, and the state of the last rebuild.
pub(crate) fn live_script() -> String {
    "/__liaison/live.js".into()
}
pub(crate) fn live_events() -> String {
    "/__liaison/events".into()
}
pub(crate) fn live_status() -> String {
    "/__liaison/status".into()
}

/// Whether an output path belongs to the search index (Pagefind's bundles, the list of them,
/// or the name table).
pub(crate) fn is_search_file(path: &str) -> bool {
    path.starts_with(&pagefind_folder())
        || path.starts_with("search/names/")
        || path == search_parts().trim_start_matches('/')
}

/// Whether an output path is where a region's calendar goes (`regions/…/reception.ics`).
pub(crate) fn is_region_calendar_file(path: &str) -> bool {
    let template = region_calendar("\u{0}");
    let (before, after) = template.split_once('\u{0}').unwrap_or_default();
    path.starts_with(before.trim_start_matches('/')) && path.ends_with(after)
}

/// Whether an output path is a station's notices feed (`stations/<slug>/atom.xml`).
pub(crate) fn is_station_feed_file(path: &str) -> bool {
    path.strip_prefix("stations/")
        .and_then(|p| p.strip_suffix("/atom.xml"))
        .is_some_and(|slug| !slug.is_empty() && !slug.contains('/'))
}
/// Whether an output path is the sitemap or a part of it.
pub(crate) fn is_sitemap_file(path: &str) -> bool {
    path == "sitemap.xml" || (path.starts_with("sitemap-") && path.ends_with(".xml") && !path.contains('/'))
}

/// The URL of an output file: `a/b/index.html` → `/a/b/`.
pub(crate) fn of_file(path: &str) -> String {
    format!("/{}", path.strip_suffix("index.html").unwrap_or(path))
}

/// A query-string value, percent-encoded (UTF-8; unreserved characters kept).
pub(crate) fn encode_component(s: &str) -> String {
    url::form_urlencoded::byte_serialize(s.as_bytes())
        .collect::<String>()
        .replace('+', "%20")
}

/// The file an URL is written to: `/a/b/` → `a/b/index.html`.
pub(crate) fn file_for(url: &str) -> String {
    let path = url.trim_start_matches('/');
    if path.is_empty() || path.ends_with('/') {
        format!("{path}index.html")
    } else {
        path.to_string()
    }
}

/// `https://example.gov.cn` + `/a/` → `https://example.gov.cn/a/`
/// The open data page and its files.
pub(crate) fn data() -> String {
    "/data/".into()
}
pub(crate) fn data_stations() -> String {
    "/data/stations.csv".into()
}
pub(crate) fn data_representatives() -> String {
    "/data/representatives.csv".into()
}
/// The ledgers as published (numbers masked).
pub(crate) fn data_activities() -> String {
    "/data/activities.csv".into()
}
pub(crate) fn data_suggestions() -> String {
    "/data/suggestions.csv".into()
}
pub(crate) fn data_popolo() -> String {
    "/data/popolo.json".into()
}
pub(crate) fn absolute(base_url: &str, url: &str) -> String {
    format!("{}{}", base_url.trim_end_matches('/'), url)
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn files() {
        assert_eq!(file_for("/"), "index.html");
        assert_eq!(file_for("/stations/a/"), "stations/a/index.html");
        assert_eq!(file_for("/404.html"), "404.html");
        assert_eq!(absolute("https://a.cn/", "/x/"), "https://a.cn/x/");
        for u in ["/", "/stations/a/", "/404.html", &sitemap_part(2), &names_bucket(255)] {
            assert_eq!(of_file(&file_for(u)), u);
        }
        assert!(is_sitemap_file(&file_for(&sitemap())) && is_sitemap_file(&file_for(&sitemap_part(3))));
        assert!(is_search_file(&file_for(&names_meta())) && is_search_file("pagefind/pagefind.js"));
        assert!(is_region_calendar_file(&file_for(&region_calendar("4301"))));
        assert!(!is_region_calendar_file(&file_for(&station_calendar("a"))));
        assert!(!is_search_file("search/index.html"));
        assert!(is_search_file(&file_for(&search_parts())));
        assert_eq!(pagefind_part(0), pagefind());
        assert!(is_search_file(&file_for(&format!(
            "{}pagefind-entry.json",
            pagefind_part(2)
        ))));
    }
}

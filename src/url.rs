//! The one place that decides every URL. Pages, links, the sitemap and the feed all use these.

pub fn home() -> String {
    "/".into()
}
pub fn stations() -> String {
    "/stations/".into()
}
pub fn station(slug: &str) -> String {
    format!("/stations/{slug}/")
}
pub fn station_calendar(slug: &str) -> String {
    format!("/stations/{slug}/reception.ics")
}
pub fn representatives() -> String {
    "/representatives/".into()
}
pub fn representative(slug: &str) -> String {
    format!("/representatives/{slug}/")
}
pub fn regions() -> String {
    "/regions/".into()
}
pub fn region(code: &str) -> String {
    format!("/regions/{code}/")
}
pub fn region_calendar(code: &str) -> String {
    format!("/regions/{code}/reception.ics")
}
pub fn bulletins() -> String {
    "/bulletins/".into()
}
pub fn bulletin_year(year: i32) -> String {
    format!("/bulletins/{year}/")
}
pub fn bulletin(year: i32, number: u32) -> String {
    format!("/bulletins/{year}/{number}/")
}
pub fn page(slug: &str) -> String {
    format!("/{slug}/")
}
pub fn search() -> String {
    "/search/".into()
}
pub fn not_found() -> String {
    "/404.html".into()
}
/// The Atom feed of the bulletin.
pub fn feed() -> String {
    "/bulletins/atom.xml".into()
}
/// The sitemap, or its index on a site of more than 50,000 pages.
pub fn sitemap() -> String {
    "/sitemap.xml".into()
}
/// The `n`th part of a sitemap index (from 1).
pub fn sitemap_part(n: usize) -> String {
    format!("/sitemap-{n}.xml")
}
pub fn robots() -> String {
    "/robots.txt".into()
}
/// Pagefind's bundle.
pub fn pagefind() -> String {
    "/pagefind/".into()
}
/// The exact-name search table: its description and its buckets.
pub fn names_meta() -> String {
    "/search/names/meta.json".into()
}
pub fn names_bucket(bucket: u32) -> String {
    format!("/search/names/{bucket:x}.json")
}
/// The theme's and the site's assets (stylesheets, scripts, the emblem).
pub fn assets() -> String {
    "/assets/".into()
}

/// `serve`'s own endpoints (never in a built site): the live-reload script, the events it
/// listens to, and the state of the last rebuild.
pub fn live_script() -> String {
    "/__liaison/live.js".into()
}
pub fn live_events() -> String {
    "/__liaison/events".into()
}
pub fn live_status() -> String {
    "/__liaison/status".into()
}

/// Whether an output path belongs to the search index (Pagefind's bundle or the name table).
pub fn is_search_file(path: &str) -> bool {
    path.starts_with("pagefind/") || path.starts_with("search/names/")
}

/// Whether an output path is the sitemap or a part of it.
pub fn is_sitemap_file(path: &str) -> bool {
    path == "sitemap.xml" || (path.starts_with("sitemap-") && path.ends_with(".xml") && !path.contains('/'))
}

/// The URL of an output file: `a/b/index.html` → `/a/b/`.
pub fn of_file(path: &str) -> String {
    format!("/{}", path.strip_suffix("index.html").unwrap_or(path))
}

/// A query-string value, percent-encoded (UTF-8; unreserved characters kept).
pub fn encode_component(s: &str) -> String {
    url::form_urlencoded::byte_serialize(s.as_bytes())
        .collect::<String>()
        .replace('+', "%20")
}

/// The file an URL is written to: `/a/b/` → `a/b/index.html`.
pub fn file_for(url: &str) -> String {
    let path = url.trim_start_matches('/');
    if path.is_empty() || path.ends_with('/') {
        format!("{path}index.html")
    } else {
        path.to_string()
    }
}

/// `https://example.gov.cn` + `/a/` → `https://example.gov.cn/a/`
pub fn absolute(base_url: &str, url: &str) -> String {
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
        assert!(!is_search_file("search/index.html"));
    }
}

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
    }
}

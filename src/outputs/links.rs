//! Internal links: every `href` and `src` of every page that points inside the site must
//! resolve to a file of the output. Used by `liaison check`. A broken link is reported at the
//! place it was written: the line of the content file whose Markdown holds it, or the template.

use lol_html::{HtmlRewriter, Settings, element};

use crate::diag::{Diagnostic, Diagnostics};
use rustc_hash::FxHashMap as HashMap;

use crate::model::Site;
use crate::output::{Body, Output};
use crate::pages::{self, Page};
use crate::url;

/// The `href`/`src` values of an HTML page.
pub(crate) fn links_of(html: &[u8]) -> Vec<String> {
    let mut found = Vec::new();
    {
        let settings = Settings::new().append_element_content_handler(element!(
            "a[href], link[href], img[src], script[src], form[action], source[src]",
            |el| {
                for name in ["href", "src", "action"] {
                    if let Some(v) = el.get_attribute(name) {
                        found.push(v);
                    }
                }
                Ok(())
            }
        ));
        let mut rewriter = HtmlRewriter::new(settings, |_: &[u8]| {});
        // A page we rendered ourselves; a parse problem only means fewer links to check.
        let _ = rewriter.write(html);
        let _ = rewriter.end();
    }
    found
}

/// The output path a link inside the site points at, or `None` for a link elsewhere.
fn target(page_url: &str, link: &str) -> Option<String> {
    let link = link.trim();
    if link.is_empty()
        || link.starts_with('#')
        || link.starts_with("//")
        || link.contains(':') && !link.starts_with('/')
    {
        return None; // same page, another host, or a scheme (https:, tel:, mailto:)
    }
    let path = link.split(['#', '?']).next().unwrap_or("");
    let absolute = if path.starts_with('/') {
        path.to_string()
    } else {
        let base = &page_url[..page_url.rfind('/').map_or(0, |i| i + 1)];
        format!("{base}{path}")
    };
    // resolve . and ..
    let mut parts: Vec<&str> = Vec::new();
    for seg in absolute.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    let mut resolved = format!("/{}", parts.join("/"));
    if absolute.ends_with('/') && resolved != "/" {
        resolved.push('/');
    }
    Some(url::file_for(&resolved))
}

/// The content file each page comes from (its Markdown may hold the link), by output path.
fn sources(site: &Site) -> HashMap<String, &crate::diag::Source> {
    pages::all(site)
        .into_iter()
        .filter_map(|page| {
            let src = match page {
                Page::Station(i) => &site.station(i).src,
                Page::Representative(i) => &site.rep(i).src,
                Page::Issue(i) => &site.issue(i).issue.src,
                Page::Free(i) => &site.page(i).src,
                _ => return None,
            };
            Some((url::file_for(&page.url(site)), &**src))
        })
        .collect()
}

/// Every broken internal link of the site, each reported once per place it was written.
pub(crate) fn check(site: &Site, files: &Output) -> Diagnostics {
    let mut diags = Diagnostics::new();
    let sources = sources(site);
    for (path, body) in files {
        let Body::Bytes(bytes) = body else { continue };
        if !path.ends_with(".html") || url::is_search_file(path) {
            continue;
        }
        let page_url = url::of_file(path);
        for link in links_of(bytes) {
            let Some(t) = target(&page_url, &link) else { continue };
            if files.contains_key(&t) {
                continue;
            }
            let message = format!("broken link `{link}` on {page_url}: no such page or file");
            let written = sources
                .get(path)
                .and_then(|src| src.text.find(link.as_str()).map(|at| (src, at)));
            let d = match written {
                Some((src, at)) => src.error(at..at + link.len(), message),
                None => Diagnostic::general(format!("{page_url} (from the theme)"), message),
            };
            diags.push(d);
        }
    }
    diags
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets() {
        assert_eq!(target("/a/b/", "/stations/"), Some("stations/index.html".into()));
        assert_eq!(target("/a/b/", "../c/"), Some("a/c/index.html".into()));
        assert_eq!(target("/a/b/", "x.ics?y#z"), Some("a/b/x.ics".into()));
        assert_eq!(target("/", "/"), Some("index.html".into()));
        assert_eq!(target("/a/", "https://example.com/"), None);
        assert_eq!(target("/a/", "tel:123"), None);
        assert_eq!(target("/a/", "#main"), None);
        assert_eq!(target("/a/", "//cdn.example.com/x.js"), None);
    }

    #[test]
    fn finds_links() {
        let l = links_of(br#"<a href="/x/">x</a><img src="/p.jpg"><link href="/a.css" rel=stylesheet><form action="/search/"></form>"#);
        assert_eq!(l, ["/x/", "/p.jpg", "/a.css", "/search/"]);
    }
}

//! `sitemap.xml` (the sitemaps protocol) and `robots.txt`. Dates come from content (issue dates),
//! never from file times, so that builds are reproducible.

use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesText, Event};

use crate::model::{IssueId, Site};
use crate::pages::{self, Page};
use crate::url;

/// `(url, lastmod)` of every page, in page order.
pub(crate) fn entries(site: &Site) -> Vec<(String, Option<String>)> {
    let newest = |idx: &[IssueId]| {
        idx.iter()
            .map(|&i| site.issue(i).issue.date)
            .max()
            .map(|d| d.to_string())
    };
    let last = site
        .issue_ids()
        .next_back()
        .map(|i| site.issue(i).issue.date.to_string());
    pages::all(site)
        .into_iter()
        .filter(|p| !matches!(p, Page::NotFound | Page::Search | Page::Board(_) | Page::Notice(..)))
        .map(|page| {
            let lastmod = match page {
                Page::Issue(i) => Some(site.issue(i).issue.date.to_string()),
                Page::Year(y) => site.years().get(&y).and_then(|v| newest(v)),
                Page::Bulletins | Page::Home => last.clone(),
                _ => None,
            };
            (page.url(site), lastmod)
        })
        .collect()
}

/// The sitemaps protocol's limit of URLs in one file.
pub(crate) const MAX_URLS: usize = 50_000;

/// `sitemap.xml` and, for a site of more than `max` pages, its parts: `sitemap.xml` is then a
/// sitemap index of `sitemap-1.xml`, `sitemap-2.xml`, … of at most `max` URLs each, each part's
/// `lastmod` the newest of its pages'.
pub(crate) fn files(site: &Site, max: usize) -> Vec<(String, Vec<u8>)> {
    let base = &site.config.base_url;
    let all = entries(site);
    if all.len() <= max {
        return vec![(url::file_for(&url::sitemap()), urlset(base, &all))];
    }
    let parts: Vec<&[(String, Option<String>)]> = all.chunks(max.max(1)).collect();
    let mut out = Vec::with_capacity(parts.len() + 1);
    let mut index = Vec::with_capacity(parts.len());
    for (n, part) in parts.iter().enumerate() {
        let at = url::sitemap_part(n + 1);
        index.push((url::absolute(base, &at), part.iter().filter_map(|e| e.1.clone()).max()));
        out.push((url::file_for(&at), urlset(base, part)));
    }
    out.insert(
        0,
        (
            url::file_for(&url::sitemap()),
            document("sitemapindex", "sitemap", &index),
        ),
    );
    out
}

fn urlset(base: &str, entries: &[(String, Option<String>)]) -> Vec<u8> {
    let abs: Vec<(String, Option<String>)> = entries
        .iter()
        .map(|(u, m)| (url::absolute(base, u), m.clone()))
        .collect();
    document("urlset", "url", &abs)
}

/// `<root xmlns=…><item><loc>…</loc><lastmod>…</lastmod></item>…</root>`
fn document(root: &str, item: &str, entries: &[(String, Option<String>)]) -> Vec<u8> {
    let mut w = Writer::new_with_indent(Vec::new(), b' ', 1);
    let write = |w: &mut Writer<Vec<u8>>| -> std::io::Result<()> {
        w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
        w.create_element(root)
            .with_attribute(("xmlns", "http://www.sitemaps.org/schemas/sitemap/0.9"))
            .write_inner_content(|w| {
                for (loc, lastmod) in entries {
                    w.create_element(item).write_inner_content(|w| {
                        w.create_element("loc").write_text_content(BytesText::new(loc))?;
                        if let Some(m) = lastmod {
                            w.create_element("lastmod").write_text_content(BytesText::new(m))?;
                        }
                        Ok(())
                    })?;
                }
                Ok(())
            })?;
        Ok(())
    };
    // Writing into a Vec cannot fail.
    let _ = write(&mut w);
    let mut out = w.into_inner();
    out.push(b'\n');
    out
}

pub(crate) fn robots(site: &Site) -> Vec<u8> {
    format!(
        "User-agent: *\nAllow: /\n\nSitemap: {}\n",
        url::absolute(&site.config.base_url, &url::sitemap())
    )
    .into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn site() -> Site {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/good");
        let today = crate::Today::Date(chrono::NaiveDate::from_ymd_opt(2026, 11, 22).unwrap());
        match crate::pipeline::load_model(&root, None, today) {
            Ok(s) => s,
            Err(d) => panic!("{:?}", d.into_sorted()),
        }
    }

    fn locs(xml: &[u8], item: &str) -> Vec<(String, Option<String>)> {
        let text = std::str::from_utf8(xml).unwrap();
        let doc = roxmltree::Document::parse(text).unwrap();
        doc.root_element()
            .children()
            .filter(|n| n.is_element() && n.tag_name().name() == item)
            .map(|n| {
                let get = |t: &str| {
                    n.children()
                        .find(|c| c.tag_name().name() == t)
                        .and_then(|c| c.text())
                        .map(str::to_string)
                };
                (get("loc").unwrap(), get("lastmod"))
            })
            .collect()
    }

    #[test]
    fn a_large_site_gets_a_sitemap_index_of_parts() {
        let site = site();
        let all = entries(&site);
        assert!(all.len() > 20, "the fixture has {} pages", all.len());
        let one = files(&site, MAX_URLS);
        assert_eq!(one.len(), 1);
        assert_eq!(locs(&one[0].1, "url").len(), all.len());

        let parts = files(&site, 10);
        assert_eq!(parts[0].0, "sitemap.xml");
        let index = locs(&parts[0].1, "sitemap");
        assert_eq!(index.len(), all.len().div_ceil(10));
        assert_eq!(index.len(), parts.len() - 1);
        let mut listed = Vec::new();
        for (i, (loc, lastmod)) in index.iter().enumerate() {
            let (name, bytes) = &parts[i + 1];
            assert_eq!(loc, &format!("https://rd.qinglan.example.gov.cn/{name}"));
            let urls = locs(bytes, "url");
            assert!(urls.len() <= 10);
            assert_eq!(lastmod, &urls.iter().filter_map(|u| u.1.clone()).max());
            listed.extend(urls.into_iter().map(|u| u.0));
        }
        let want: Vec<String> = all
            .iter()
            .map(|(u, _)| url::absolute(&site.config.base_url, u))
            .collect();
        assert_eq!(listed, want, "the parts list every page once, in order");
    }
}

//! `sitemap.xml` (the sitemaps protocol) and `robots.txt`. Dates come from content (issue dates),
//! never from file times, so that builds are reproducible.

use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesText, Event};

use crate::model::Site;
use crate::render::pages::{self, Job};
use crate::url;

/// `(url, lastmod)` of every page, in page order.
pub fn entries(site: &Site) -> Vec<(String, Option<String>)> {
    let newest = |idx: &[usize]| {
        idx.iter()
            .map(|&i| site.issues[i].issue.date)
            .max()
            .map(|d| d.to_string())
    };
    pages::jobs(site)
        .into_iter()
        .filter(|j| *j != Job::NotFound)
        .map(|job| {
            let lastmod = match job {
                Job::Issue(i) => Some(site.issues[i].issue.date.to_string()),
                Job::Year(y) => site.years.get(&y).and_then(|v| newest(v)),
                Job::Bulletins | Job::Home => site.issues.last().map(|m| m.issue.date.to_string()),
                _ => None,
            };
            (pages::url_of(site, job), lastmod)
        })
        .collect()
}

pub fn sitemap(site: &Site) -> Vec<u8> {
    let mut w = Writer::new_with_indent(Vec::new(), b' ', 1);
    let base = &site.config.base_url;
    let write = |w: &mut Writer<Vec<u8>>| -> std::io::Result<()> {
        w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
        w.create_element("urlset")
            .with_attribute(("xmlns", "http://www.sitemaps.org/schemas/sitemap/0.9"))
            .write_inner_content(|w| {
                for (u, lastmod) in entries(site) {
                    w.create_element("url").write_inner_content(|w| {
                        w.create_element("loc")
                            .write_text_content(BytesText::new(&url::absolute(base, &u)))?;
                        if let Some(m) = &lastmod {
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

pub fn robots(site: &Site) -> Vec<u8> {
    format!(
        "User-agent: *\nAllow: /\n\nSitemap: {}\n",
        url::absolute(&site.config.base_url, "/sitemap.xml")
    )
    .into_bytes()
}

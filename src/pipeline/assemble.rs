//! Stage 5: every output file besides the pages: the static files (stylesheets and scripts
//! minified), the calendars, the sitemap, robots.txt, the feed, the open data, and the search
//! index.

use std::collections::BTreeMap;
use std::path::Path;

use super::FileBytes;
use crate::diag::{Diagnostic, Diagnostics};
use crate::model::Site;
use crate::output::{Body, Origin, Output, assets};
use crate::outputs::ics::{self, Events};
use crate::outputs::{feed, notices, open_data, search as index, sitemap};
use crate::pages;
use crate::url;

/// The bytes of a stylesheet or script to minify (`None` for other files and unreadable ones:
/// those are copied, and copying reports what is wrong).
fn read_origin(o: &Origin) -> Option<Vec<u8>> {
    match o {
        Origin::BuiltIn(b) => Some(b.to_vec()),
        Origin::File(p) => {
            let ext = p.extension()?.to_str()?;
            matches!(ext, "css" | "js" | "mjs")
                .then(|| std::fs::read(p).ok())
                .flatten()
        }
    }
}

/// The static files: copied, or minified with `[build] minify`.
pub(crate) fn statics(site: &Site, statics: &BTreeMap<String, Origin>) -> Output {
    let minify = site.config.build.minify;
    statics
        .iter()
        .map(|(p, o)| {
            let small = minify.then(|| assets::minify(p, &read_origin(o)?)).flatten();
            let body = small.map_or_else(|| Body::Copy(o.clone()), Body::Bytes);
            (p.clone(), body)
        })
        .collect()
}

/// Sitemap, robots.txt and the feed; well-formed whatever the content (no control character
/// reaches XML).
pub(crate) fn site_files(site: &Site) -> Vec<FileBytes> {
    let mut v = sitemap::files(site, sitemap::MAX_URLS);
    v.push((url::file_for(&url::robots()), sitemap::robots(site)));
    v.push((url::file_for(&url::feed()), feed::atom(site)));
    v.extend(open_data::files(site));
    v.extend(notices::feeds(site));
    v.into_iter().map(|(p, b)| (p, crate::text::clean_file(b))).collect()
}

/// Pagefind's bundles and the exact-name table of a site, building only the parts of the
/// index that changed since `cache` last saw the site. The table is made beside the bundles.
pub(crate) fn search(site: &Site, cache: &mut index::Cache) -> Result<Vec<FileBytes>, Diagnostics> {
    let (bundle, names) = rayon::join(|| cache.bundle(site), || index::name_table(site));
    let mut out = bundle?;
    out.extend(names);
    Ok(out)
}

/// Every output file but the search index: static files, pages, sitemap, feed, calendars.
pub(crate) fn assemble(
    site: &Site,
    statics_of_theme: &BTreeMap<String, Origin>,
    pages: Vec<FileBytes>,
    events: &Events,
) -> Output {
    let mut output = statics(site, statics_of_theme);
    output.extend(pages.into_iter().map(|(p, b)| (p, Body::Bytes(b))));
    output.extend(site_files(site).into_iter().map(|(p, b)| (p, Body::Bytes(b))));
    output.extend(
        ics::all(site, events)
            .into_iter()
            .map(|(p, s)| (p, Body::Bytes(s.into_bytes()))),
    );
    output
}

/// What the build writes, by output path, and what it is (for messages).
fn generated(site: &Site) -> BTreeMap<String, String> {
    let mut generated: BTreeMap<String, String> = pages::all(site)
        .into_iter()
        .map(|page| {
            let u = page.url(site);
            (url::file_for(&u), format!("the page {u}"))
        })
        .collect();
    for (u, what) in [
        (url::robots(), "robots.txt"),
        (url::feed(), "the bulletin feed"),
        (url::sitemap(), "the sitemap"),
        (url::data_stations(), "the open data of the stations"),
        (url::data_representatives(), "the open data of the representatives"),
        (url::data_popolo(), "the open data in the Popolo model"),
    ] {
        generated.insert(url::file_for(&u), what.into());
    }
    for s in site.station_ids() {
        let st = site.station(s);
        generated.insert(
            url::file_for(&url::station_feed(&st.slug)),
            format!("the notices feed of {}", st.name),
        );
    }
    for s in site.station_ids().filter(|&s| site.has_calendar(s)) {
        let st = site.station(s);
        generated.insert(
            url::file_for(&url::station_calendar(&st.slug)),
            format!("the calendar of {}", st.name),
        );
    }
    generated
}

/// A static file where the build writes a page or a machine-readable file (a `static/index.html`
/// over the home page), or where it needs a folder (a file `static/stations`): an error that
/// names both, in `build` and `serve` alike.
pub(crate) fn shadowed(root: &Path, site: &Site, statics: &BTreeMap<String, Origin>, diags: &mut Diagnostics) {
    let generated = generated(site);
    let reserved = |p: &str| url::is_sitemap_file(p) || url::is_search_file(p) || url::is_region_calendar_file(p);
    for (path, origin) in statics {
        let Origin::File(file) = origin else { continue };
        let under = format!("{path}/");
        let clash = if let Some(what) = generated.get(path) {
            Some(format!(
                "this static file would replace {what} ({path}), which the build writes"
            ))
        } else if let Some((inner, what)) = generated
            .range(under.clone()..)
            .next()
            .filter(|(g, _)| g.starts_with(&under))
        {
            Some(format!(
                "this static file is where the build makes the folder {path}/ for {what} ({inner})"
            ))
        } else if let Some((outer, what)) = path
            .match_indices('/')
            .map(|(i, _)| &path[..i])
            .find_map(|a| generated.get_key_value(a))
        {
            Some(format!(
                "this static file needs a folder {outer}/ where the build writes {what} ({outer})"
            ))
        } else if reserved(path) {
            Some(format!("this static file is where the build writes its own {path}"))
        } else {
            None
        };
        if let Some(message) = clash {
            let rel = file.strip_prefix(root).unwrap_or(file).to_string_lossy().into_owned();
            diags.push(
                Diagnostic::whole_file(root, &rel, message)
                    .with_hint("rename or move the static file; the site's own pages cannot be replaced from static/"),
            );
        }
    }
}

//! The page chrome: the site's header (its title, the menu, the search form, the notice), its
//! footer, and the part of `<head>` that follows from the site and the kind of page (styles,
//! scripts, `robots`, Open Graph's type and locale). They are the same on every page of a
//! kind, except for which link is marked as the current page, so each is rendered once per
//! [`Nav`] of a build and spliced into every page as the `chrome` variable instead of being
//! rendered again for each of 200,000 pages.
//!
//! The three templates, `partials/head.html`, `partials/header.html` and
//! `partials/footer.html`, are given only `site` and `nav`: whatever they print must follow
//! from those two, or it would be the same on pages where it should differ. A theme that does
//! not print `chrome` (an older `base.html`) is not affected: it renders its own as before.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use serde::Serialize;
use serde_json::Value;

use super::Renderer;
use super::pages::Kind;
use crate::diag::Diagnostic;
use crate::model::Site;
use crate::url;

/// The template of the `<head>` part.
pub(crate) const HEAD: &str = "partials/head.html";
/// The header's template.
pub(crate) const HEADER: &str = "partials/header.html";
/// The footer's template.
pub(crate) const FOOTER: &str = "partials/footer.html";

/// Where a page stands in the site's navigation: `nav` in every template.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub(crate) struct Nav {
    /// The page's kind, as `page.kind`.
    pub(crate) kind: Kind,
    /// The page's URL when the chrome links to it (a menu entry, `/stats/`, `/data/`, the
    /// lists of the main navigation); `null` elsewhere, so that a template may compare it.
    pub(crate) current: Option<String>,
}

/// The rendered chrome of one [`Nav`]: `chrome` in every template.
#[derive(Debug, Serialize)]
pub(crate) struct Chrome {
    pub(crate) head: String,
    pub(crate) header: String,
    pub(crate) footer: String,
}

/// The chrome of one build, rendered the first time a page needs it.
pub(crate) struct Chromes<'a> {
    renderer: &'a Renderer,
    site: &'a Value,
    /// The URLs the chrome links to, sorted.
    links: Vec<String>,
    made: Mutex<HashMap<Nav, Arc<Chrome>>>,
}

impl<'a> Chromes<'a> {
    pub(crate) fn new(renderer: &'a Renderer, site: &Site, site_ctx: &'a Value) -> Chromes<'a> {
        let mut links: Vec<String> = [
            "/".to_string(),
            url::stations(),
            url::representatives(),
            url::regions(),
            url::bulletins(),
            url::stats(),
            url::data(),
            url::search(),
        ]
        .into_iter()
        .chain(site.page_ids().map(|p| url::page(&site.page(p).slug)))
        .collect();
        links.sort();
        links.dedup();
        Chromes {
            renderer,
            site: site_ctx,
            links,
            made: Mutex::new(HashMap::new()),
        }
    }

    /// `site`, as every template gets it.
    pub(crate) fn site(&self) -> &Value {
        self.site
    }

    /// Where a page of `kind` at `url` stands.
    pub(crate) fn nav(&self, kind: Kind, url: &str) -> Nav {
        Nav {
            kind,
            current: self
                .links
                .binary_search_by(|l| l.as_str().cmp(url))
                .is_ok()
                .then(|| url.to_string()),
        }
    }

    /// The chrome of `nav`, rendered now if no page has needed it yet.
    pub(crate) fn get(&self, nav: &Nav) -> Result<Arc<Chrome>, Diagnostic> {
        if let Some(c) = self.made.lock().ok().and_then(|m| m.get(nav).cloned()) {
            return Ok(c);
        }
        // Two threads may render the same chrome at once; both get the same bytes.
        let mut ctx = tera::Context::new();
        ctx.insert("site", self.site);
        ctx.insert("nav", nav);
        let chrome = Arc::new(Chrome {
            head: self.renderer.render_partial(HEAD, &ctx)?,
            header: self.renderer.render_partial(HEADER, &ctx)?,
            footer: self.renderer.render_partial(FOOTER, &ctx)?,
        });
        if let Ok(mut m) = self.made.lock() {
            m.insert(nav.clone(), chrome.clone());
        }
        Ok(chrome)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::theme::Template;

    fn renderer(header: &str) -> Renderer {
        let templates = [
            Template {
                name: HEAD.into(),
                text: "<meta name=\"kind\" content=\"{{ nav.kind }}\">".into(),
                display: format!("templates/{HEAD}"),
            },
            Template {
                name: HEADER.into(),
                text: header.into(),
                display: format!("templates/{HEADER}"),
            },
            Template {
                name: FOOTER.into(),
                text: "<footer>{{ site.title }}</footer>".into(),
                display: format!("templates/{FOOTER}"),
            },
        ];
        let mut diags = crate::diag::Diagnostics::new();
        Renderer::new(&templates, false, &mut diags).expect("compiles")
    }

    fn chromes<'a>(renderer: &'a Renderer, site_ctx: &'a Value, links: &[&str]) -> Chromes<'a> {
        Chromes {
            renderer,
            site: site_ctx,
            links: links.iter().map(|s| s.to_string()).collect(),
            made: Mutex::new(HashMap::new()),
        }
    }

    #[test]
    fn a_link_of_the_chrome_is_current_and_any_other_page_is_not() {
        let r = renderer("");
        let site = serde_json::json!({});
        let c = chromes(&r, &site, &["/", "/pages/about/", "/stats/"]);
        assert_eq!(c.nav(Kind::Stats, "/stats/").current.as_deref(), Some("/stats/"));
        assert_eq!(
            c.nav(Kind::Page, "/pages/about/").current.as_deref(),
            Some("/pages/about/")
        );
        assert_eq!(c.nav(Kind::Representative, "/representatives/zhang-wei/").current, None);
        assert_eq!(c.nav(Kind::Stations, "/stations/page/2/").current, None);
    }

    #[test]
    fn the_chrome_is_rendered_with_site_and_nav_escaped_and_kept() {
        let r = renderer(
            "<header>{{ site.title }}|{{ nav.kind }}|{% if nav.current %}{{ nav.current }}{% endif %}</header>",
        );
        let site = serde_json::json!({"title": "清溪县<人大>"});
        let c = chromes(&r, &site, &["/stats/"]);
        let stats = c.get(&c.nav(Kind::Stats, "/stats/")).unwrap();
        assert_eq!(stats.header, "<header>清溪县&lt;人大&gt;|stats|/stats/</header>");
        assert_eq!(stats.footer, "<footer>清溪县&lt;人大&gt;</footer>");
        assert_eq!(stats.head, "<meta name=\"kind\" content=\"stats\">");
        let rep = c.get(&c.nav(Kind::Representative, "/representatives/a/")).unwrap();
        assert_eq!(rep.header, "<header>清溪县&lt;人大&gt;|representative|</header>");
        // the same nav is rendered once and shared
        let again = c.get(&c.nav(Kind::Representative, "/representatives/b/")).unwrap();
        assert!(Arc::ptr_eq(&rep, &again));
    }

    #[test]
    fn a_header_that_reads_the_page_is_an_error_at_its_place() {
        let r = renderer("<header>\n{{ page.title }}</header>");
        let site = serde_json::json!({});
        let c = chromes(&r, &site, &[]);
        let e = c.get(&c.nav(Kind::Home, "/")).unwrap_err();
        assert_eq!(e.path, format!("templates/{HEADER}"));
        assert!(e.message.contains("page.title"), "{}", e.message);
    }
}

//! Rendering: Tera templates from the theme, one small context per page, pages rendered in
//! parallel.

pub(crate) mod chart;
mod chrome;
mod compact;
pub(crate) mod context;
mod docs;
pub(crate) mod jsonld;
pub(crate) mod pages;
pub(crate) mod qr;
pub mod theme;

use std::sync::LazyLock;

use rayon::prelude::*;
use serde_json::Value;
use tera::Tera;

use crate::diag::{Diagnostic, Diagnostics};
use crate::model::Site;
use crate::pages::Page;
use crate::timings::Timings;
use crate::url;
use chrome::Chromes;
use pages::Prepared;

/// The templates every theme must provide (a site's theme may rely on the built-in ones).
pub(crate) const TEMPLATES: &[&str] = &[
    "index.html",
    "stations.html",
    "station.html",
    "representatives.html",
    "representative.html",
    "regions.html",
    "region.html",
    "bulletins.html",
    "bulletin_year.html",
    "bulletin.html",
    "page.html",
    "search.html",
    "404.html",
];

pub(crate) struct Renderer {
    tera: Tera,
    /// Template name → the path shown in messages.
    displays: Vec<(String, String)>,
}

/// `--> 3:5` in Tera's parse errors.
static TERA_POS: LazyLock<regex_lite::Regex> =
    LazyLock::new(|| regex_lite::Regex::new(r"--> (\d+):(\d+)").expect("valid regex"));

fn error_chain(e: &dyn std::error::Error) -> String {
    let mut parts = vec![e.to_string()];
    let mut cur = e.source();
    while let Some(s) = cur {
        parts.push(s.to_string());
        cur = s.source();
    }
    parts.join(": ")
}

impl Renderer {
    /// Compiles the theme's templates; with `compact`, their text made compact first (see
    /// [`compact`]), after they have been checked as written, so that a template's errors
    /// point at its own lines.
    pub(crate) fn new(templates: &[theme::Template], compact: bool, diags: &mut Diagnostics) -> Option<Renderer> {
        let mut renderer = Self::compile(templates, diags)?;
        for name in TEMPLATES {
            if !templates.iter().any(|t| t.name == *name) {
                diags.push(Diagnostic::at(
                    format!("templates/{name}"),
                    1,
                    1,
                    format!("the theme has no template `{name}`"),
                ));
            }
        }
        if compact {
            let compacted: Vec<theme::Template> = templates
                .iter()
                .map(|t| theme::Template {
                    text: if t.name.ends_with(".html") {
                        compact::compact(&t.text)
                    } else {
                        t.text.clone()
                    },
                    name: t.name.clone(),
                    display: t.display.clone(),
                })
                .collect();
            renderer = Self::compile(&compacted, diags)?;
        }
        Some(renderer)
    }

    /// The templates compiled as they are given; a Tera error goes into `diags`.
    fn compile(templates: &[theme::Template], diags: &mut Diagnostics) -> Option<Renderer> {
        let mut tera = Tera::default();
        // Nothing of the machine reaches a page: Tera's `get_env` would publish the build
        // machine's environment (a CI secret), so it is replaced by one that says why not.
        tera.register_function("get_env", |_: &std::collections::HashMap<String, Value>| {
            Err(tera::Error::msg(
                "`get_env` is not available: a page must not show the build machine's environment",
            ))
        });
        tera.autoescape_on(vec![".html", ".htm", ".xml"]);
        tera.set_escape_fn(escape_html);
        let displays: Vec<(String, String)> = templates.iter().map(|t| (t.name.clone(), t.display.clone())).collect();
        if let Err(e) = tera.add_raw_templates(templates.iter().map(|t| (t.name.as_str(), t.text.as_str()))) {
            let chain = error_chain(&e);
            let display = displays
                .iter()
                .find(|(n, _)| {
                    chain.contains(&format!("'{n}'"))
                        || chain.contains(&format!("`{n}`"))
                        || chain.contains(&format!("\"{n}\""))
                })
                .map(|(_, d)| d.clone())
                .unwrap_or_else(|| "templates".into());
            diags.push(template_error(&display, &e));
            return None;
        }
        Some(Renderer { tera, displays })
    }

    fn display(&self, name: &str) -> String {
        self.displays
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, d)| d.clone())
            .unwrap_or_else(|| name.to_string())
    }

    /// Renders one prepared page to HTML: `(url, html)`. The bytes are UTF-8 (Tera writes only
    /// the template's text and values that are strings), so they are not checked again.
    fn render(&self, site: &Site, chromes: &Chromes, p: Prepared) -> Result<(String, Vec<u8>), Diagnostic> {
        let (url, template, ctx) = context(site, chromes, p)?;
        let mut html = Vec::with_capacity(16 * 1024);
        self.tera.render_to(template, &ctx, &mut html).map_err(|e| {
            let mut d = template_error(&self.display(template), &e);
            d.message = format!("{} (while rendering {})", d.message, url);
            d
        })?;
        Ok((url, html))
    }

    /// Renders a part of pages (the chrome) with its own context.
    fn render_partial(&self, template: &str, ctx: &tera::Context) -> Result<String, Diagnostic> {
        self.tera
            .render(template, ctx)
            .map_err(|e| template_error(&self.display(template), &e))
    }
}

/// Everything a page's template gets: the page's own variables, and `site`, `page`, `nav`,
/// `chrome`, `breadcrumbs`, `jsonld` and `today`. With the page's URL and template.
fn context(site: &Site, chromes: &Chromes, p: Prepared) -> Result<(String, &'static str, tera::Context), Diagnostic> {
    let nav = chromes.nav(p.kind, &p.url);
    let chrome = chromes.get(&nav)?;
    let mut ctx = p.vars;
    ctx.insert("site", chromes.site());
    ctx.insert("nav", &nav);
    ctx.insert("chrome", &*chrome);
    ctx.insert(
        "page",
        &PageMeta {
            url: &p.url,
            permalink: url::absolute(&site.config.base_url, &p.url),
            title: &p.title,
            description: &p.description,
            kind: p.kind,
            prev: p.prev.as_deref(),
            next: p.next.as_deref(),
        },
    );
    ctx.insert("breadcrumbs", &p.breadcrumbs);
    let mut nodes = vec![jsonld::breadcrumbs(site, &p.breadcrumbs, &p.title, &p.url)];
    nodes.extend(p.jsonld);
    ctx.insert("jsonld", &jsonld::script(&nodes));
    ctx.insert("today", &site.today.to_string());
    Ok((p.url, p.template, ctx))
}

/// HTML escaping for every value from content: `&`, `<`, `>`, `"` and `'`. Unlike Tera's
/// default it leaves `/` alone, which is harmless in text and in quoted attributes and keeps
/// URLs readable (and the 140,000-name index page smaller).
pub(crate) fn escape_html(input: &str) -> String {
    let mut out = String::with_capacity(input.len() + input.len() / 8);
    // The five are ASCII, so the text between them is copied a run at a time.
    let mut from = 0;
    for (i, b) in input.bytes().enumerate() {
        let entity = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#x27;",
            _ => continue,
        };
        out.push_str(&input[from..i]);
        out.push_str(entity);
        from = i + 1;
    }
    out.push_str(&input[from..]);
    out
}

fn template_error(display: &str, e: &tera::Error) -> Diagnostic {
    let chain = error_chain(e);
    let (line, column) = TERA_POS
        .captures(&chain)
        .and_then(|c| Some((c[1].parse().ok()?, c[2].parse().ok()?)))
        .unwrap_or((1, 1));
    let message = chain.split_whitespace().collect::<Vec<_>>().join(" ");
    Diagnostic::at(display, line, column, format!("template error: {message}"))
}

/// `page`: what every template is told of the page it renders.
#[derive(serde::Serialize)]
struct PageMeta<'a> {
    url: &'a str,
    permalink: String,
    title: &'a str,
    description: &'a str,
    kind: pages::Kind,
    /// The previous and next page of a paged list, if any.
    prev: Option<&'a str>,
    next: Option<&'a str>,
}

/// One rendered page: where it goes in the output and its HTML.
pub(crate) struct Rendered {
    pub(crate) path: String,
    pub(crate) html: Vec<u8>,
}

/// Renders these pages in parallel, handing each to `each` as it is done (from any thread);
/// `progress(done, total)` is told every 256 pages. Every problem is reported, a broken
/// template once for each place in it.
pub(crate) fn render(
    site: &Site,
    renderer: &Renderer,
    pages: Vec<Page>,
    timings: &Timings,
    progress: &(dyn Fn(usize, usize) + Sync),
    each: &(dyn Fn(Rendered) -> Result<(), Diagnostic> + Sync),
) -> Result<(), Diagnostics> {
    let site_ctx = serde_json::to_value(context::site_ctx(site)).unwrap_or(Value::Null);
    let chromes = Chromes::new(renderer, site, &site_ctx);
    let total = pages.len();
    let done = std::sync::atomic::AtomicUsize::new(0);
    let results: Vec<Result<(), Diagnostic>> = pages
        .into_par_iter()
        .map(|page| {
            let n = done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
            if n.is_multiple_of(256) || n == total {
                progress(n, total);
            }
            let t0 = std::time::Instant::now();
            let prepared = pages::prepare(site, page);
            let (template, t1) = (prepared.template, std::time::Instant::now());
            let (url, html) = renderer.render(site, &chromes, prepared)?;
            timings.add_page(template, t1 - t0, t1.elapsed());
            each(Rendered {
                path: url::file_for(&url),
                html,
            })
        })
        .collect();
    let mut diags = Diagnostics::new();
    let mut seen = std::collections::HashSet::new();
    for d in results.into_iter().filter_map(Result::err) {
        if seen.insert((d.path.clone(), d.line, d.column)) {
            diags.push(d);
        }
    }
    if diags.is_empty() { Ok(()) } else { Err(diags) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_replaces_the_five_and_keeps_the_rest() {
        assert_eq!(escape_html(""), "");
        assert_eq!(escape_html("水口镇 / 3"), "水口镇 / 3");
        assert_eq!(
            escape_html("<a href=\"x\">'代表'&</a>"),
            "&lt;a href=&quot;x&quot;&gt;&#x27;代表&#x27;&amp;&lt;/a&gt;"
        );
        assert_eq!(escape_html("&&"), "&amp;&amp;");
        assert_eq!(escape_html("尾>"), "尾&gt;");
    }

    fn template(name: &str, text: &str) -> theme::Template {
        theme::Template {
            name: name.into(),
            text: text.into(),
            display: format!("templates/{name}"),
        }
    }

    #[test]
    fn a_missing_template_is_reported_once_whether_or_not_templates_are_compacted() {
        for compact in [false, true] {
            let mut diags = Diagnostics::new();
            let renderer = Renderer::new(&[template("index.html", "<p>\n{{ x }}\n</p>")], compact, &mut diags);
            assert!(renderer.is_some());
            for name in TEMPLATES.iter().filter(|n| **n != "index.html") {
                let said = diags
                    .iter()
                    .filter(|d| d.message == format!("the theme has no template `{name}`"))
                    .count();
                assert_eq!(said, 1, "{name}, compact = {compact}");
            }
        }
    }
}

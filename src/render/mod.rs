//! Rendering: Tera templates from the theme, one small context per page, pages rendered in
//! parallel.

pub mod context;
pub mod jsonld;
pub mod pages;
pub mod theme;

use std::sync::LazyLock;

use rayon::prelude::*;
use serde_json::{Value, json};
use tera::Tera;

use crate::diag::{Diagnostic, Diagnostics};
use crate::model::Site;
use crate::url;
use pages::{Job, Prepared};

/// The templates every theme must provide (a site's theme may rely on the built-in ones).
pub const TEMPLATES: &[&str] = &[
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

pub struct Renderer {
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
    pub fn new(templates: &[theme::Template], diags: &mut Diagnostics) -> Option<Renderer> {
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
        for name in TEMPLATES {
            if !displays.iter().any(|(n, _)| n == name) {
                diags.push(Diagnostic {
                    path: format!("templates/{name}"),
                    line: 1,
                    column: 1,
                    message: format!("the theme has no template `{name}`"),
                    hint: None,
                });
            }
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

    /// Renders one prepared page to HTML.
    pub fn render(&self, site: &Site, site_ctx: &Value, p: Prepared) -> Result<(String, String), Diagnostic> {
        let mut vars = p.vars;
        let obj = vars.as_object_mut().expect("page variables are an object");
        obj.insert("site".into(), site_ctx.clone());
        obj.insert(
            "page".into(),
            json!({
                "url": p.url,
                "permalink": url::absolute(&site.config.base_url, &p.url),
                "title": p.title,
                "description": p.description,
                "kind": p.kind,
            }),
        );
        obj.insert(
            "breadcrumbs".into(),
            serde_json::to_value(&p.breadcrumbs).unwrap_or(Value::Null),
        );
        let mut nodes = vec![jsonld::breadcrumbs(site, &p.breadcrumbs, &p.title, &p.url)];
        nodes.extend(p.jsonld);
        obj.insert("jsonld".into(), Value::String(jsonld::script(nodes)));
        obj.insert("today".into(), Value::String(site.today.to_string()));
        let ctx = tera::Context::from_value(vars).map_err(|e| Diagnostic {
            path: self.display(p.template),
            line: 1,
            column: 1,
            message: format!("internal error building the page context: {e}"),
            hint: None,
        })?;
        let html = self.tera.render(p.template, &ctx).map_err(|e| {
            let mut d = template_error(&self.display(p.template), &e);
            d.message = format!("{} (while rendering {})", d.message, p.url);
            d
        })?;
        Ok((p.url, html))
    }
}

/// HTML escaping for every value from content: `&`, `<`, `>`, `"` and `'`. Unlike Tera's
/// default it leaves `/` alone, which is harmless in text and in quoted attributes and keeps
/// URLs readable (and the 140,000-name index page smaller).
pub fn escape_html(input: &str) -> String {
    let mut out = String::with_capacity(input.len() + input.len() / 8);
    for c in input.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#x27;"),
            c => out.push(c),
        }
    }
    out
}

fn template_error(display: &str, e: &tera::Error) -> Diagnostic {
    let chain = error_chain(e);
    let (line, column) = TERA_POS
        .captures(&chain)
        .and_then(|c| Some((c[1].parse().ok()?, c[2].parse().ok()?)))
        .unwrap_or((1, 1));
    let message = chain.split_whitespace().collect::<Vec<_>>().join(" ");
    Diagnostic {
        path: display.to_string(),
        line,
        column,
        message: format!("template error: {message}"),
        hint: None,
    }
}

/// Thread time spent in templates and in minification since [`CpuTime::take`] was last
/// called, for `--verbose` (the two interleave on every thread, so wall time cannot split them).
pub struct CpuTime {
    templates: std::sync::atomic::AtomicU64,
    minify: std::sync::atomic::AtomicU64,
}

pub static CPU: CpuTime = CpuTime {
    templates: std::sync::atomic::AtomicU64::new(0),
    minify: std::sync::atomic::AtomicU64::new(0),
};

impl CpuTime {
    fn add(&self, templates: std::time::Duration, minify: std::time::Duration) {
        use std::sync::atomic::Ordering::Relaxed;
        self.templates.fetch_add(templates.as_nanos() as u64, Relaxed);
        self.minify.fetch_add(minify.as_nanos() as u64, Relaxed);
    }

    /// (templates, minify) in seconds, and back to zero.
    pub fn take(&self) -> (f64, f64) {
        use std::sync::atomic::Ordering::Relaxed;
        (
            self.templates.swap(0, Relaxed) as f64 / 1e9,
            self.minify.swap(0, Relaxed) as f64 / 1e9,
        )
    }
}

/// Where rendered pages can go instead of memory: `(output path, bytes)`, from any thread.
pub type Sink<'a> = &'a (dyn Fn(&str, &[u8]) -> Result<(), String> + Sync);

/// Renders every page; returns `(output path, bytes)` in page order, or hands each page to
/// `sink` as it is rendered and returns nothing.
pub fn render_all(
    site: &Site,
    renderer: &Renderer,
    progress: &(dyn Fn(usize, usize) + Sync),
    sink: Option<Sink>,
) -> Result<Vec<(String, Vec<u8>)>, Diagnostics> {
    render_into(site, renderer, pages::jobs(site), progress, sink)
}

/// Renders these pages; returns `(output path, bytes)` in their order.
pub fn render_jobs(
    site: &Site,
    renderer: &Renderer,
    jobs: Vec<Job>,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Result<Vec<(String, Vec<u8>)>, Diagnostics> {
    render_into(site, renderer, jobs, progress, None)
}

fn render_into(
    site: &Site,
    renderer: &Renderer,
    jobs: Vec<Job>,
    progress: &(dyn Fn(usize, usize) + Sync),
    sink: Option<Sink>,
) -> Result<Vec<(String, Vec<u8>)>, Diagnostics> {
    let site_ctx = serde_json::to_value(context::site_ctx(site)).unwrap_or(Value::Null);
    let minify = site.config.build.minify;
    let total = jobs.len();
    let done = std::sync::atomic::AtomicUsize::new(0);
    type Rendered = Option<(String, Vec<u8>)>;
    let results: Vec<Result<Rendered, Diagnostic>> = jobs
        .into_par_iter()
        .map(|job: Job| {
            let n = done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
            if n.is_multiple_of(256) || n == total {
                progress(n, total);
            }
            let t0 = std::time::Instant::now();
            let (url, html) = renderer.render(site, &site_ctx, pages::prepare(site, job))?;
            let t1 = std::time::Instant::now();
            let bytes = if minify {
                crate::output::minify(html.as_bytes())
            } else {
                html.into_bytes()
            };
            CPU.add(t1 - t0, t1.elapsed());
            let path = url::file_for(&url);
            match sink {
                Some(write) => {
                    write(&path, &bytes).map_err(|message| Diagnostic {
                        path: "output".into(),
                        line: 0,
                        column: 0,
                        message,
                        hint: None,
                    })?;
                    Ok(None)
                }
                None => Ok(Some((path, bytes))),
            }
        })
        .collect();
    let mut out = Vec::with_capacity(results.len());
    let mut diags = Diagnostics::new();
    // A broken template fails every page that uses it: report each place once.
    let mut seen = std::collections::HashSet::new();
    for r in results {
        match r {
            Ok(Some(f)) => out.push(f),
            Ok(None) => {}
            Err(d) => {
                if seen.insert((d.path.clone(), d.line, d.column)) {
                    diags.push(d);
                }
            }
        }
    }
    if diags.is_empty() { Ok(out) } else { Err(diags) }
}

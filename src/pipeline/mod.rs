//! The build as a pipeline of plain stages with typed values:
//!
//! 1. [`load`]: the site's files → their parses ([`Files`]);
//! 2. [`check`]: every problem of the content, with spans, or the [`Content`];
//! 3. [`model`]: the indexes pages need, computed once ([`Site`]);
//! 4. [`theme`] and [`render`]: the templates, then every page in parallel;
//! 5. [`assemble`]: static files, calendars, sitemap, feed, search index;
//! 6. [`write`](write::build): into a new output folder, swapped in whole.
//!
//! [`build`] runs them in order for `liaison build` and `check`. `rebuild::Session` keeps the
//! values of a build and calls the same stages for the part an edit reaches.

pub(crate) mod assemble;
mod write;

use std::collections::BTreeMap;
use std::path::Path;

pub(crate) use crate::outputs::search::Cache as SearchCache;
pub(crate) use assemble::{assemble, search, site_files};
pub(crate) use write::build;
pub use write::{BuildOptions, Report};

use crate::content::{self, Content, Files};
use crate::diag::{Diagnostic, Diagnostics};
use crate::model::{self, Memo, Site};
use crate::output::Origin;
use crate::pages::Page;
use crate::render::{self, Renderer, theme as themes};
use crate::timings::{Phase, Timings};
use crate::today::Today;
use crate::validate;

/// An output path and its bytes.
pub(crate) type FileBytes = (String, Vec<u8>);

/// Stage 1: reads site.toml and every content file, in parallel.
pub(crate) fn load(root: &Path) -> Files {
    Files::scan(root)
}

/// Stage 2: the content as the files say, checked file by file and across files, with
/// `base_url` replaced by `--base-url` if given; or every problem found (links out of the site
/// in the theme's folders among them).
pub(crate) fn check(files: &Files, base_url: Option<&str>) -> Result<Content, Diagnostics> {
    let (mut content, mut diags) = files.content();
    validate::validate(&content, &mut diags);
    if let Some(b) = base_url {
        match content::site::normalize_base_url(b) {
            Ok(u) => content.config.base_url = u,
            Err(e) => diags.push(Diagnostic::general("--base-url", e.to_string())),
        }
    }
    if diags.is_empty() {
        return Ok(content);
    }
    diags.extend(themes::refused_links(&content.root.given, &content.config.theme));
    Err(diags)
}

/// Stage 3: the model, reusing what `memo` kept from the last one.
pub(crate) fn model(content: Content, today: Today, memo: &mut Memo) -> Site {
    let today = today.resolve(content.config.timezone);
    model::build(content, today, memo)
}

/// Stages 1 to 3 with nothing kept: the model of a site, or every problem found.
#[cfg(test)]
pub(crate) fn load_model(root: &Path, base_url: Option<&str>, today: Today) -> Result<Site, Diagnostics> {
    let content = check(&load(root), base_url)?;
    Ok(model(content, today, &mut Memo::default()))
}

/// The theme: the compiled templates, and the static files (the theme's, with the site's own
/// over them).
pub(crate) struct Theme {
    pub(crate) renderer: Renderer,
    pub(crate) statics: BTreeMap<String, Origin>,
}

/// Stage 4a: loads and compiles the theme; a static file over a generated one is an error.
pub(crate) fn theme(root: &Path, site: &Site) -> Result<Theme, Diagnostics> {
    let mut diags = Diagnostics::new();
    let theme = themes::load(root, &site.config.theme, &mut diags);
    let renderer = Renderer::new(&theme.templates, site.config.build.minify, &mut diags);
    let mut statics = theme.statics;
    themes::files_under(
        &crate::layout::Root::new(root),
        crate::layout::STATIC,
        &mut statics,
        &mut diags,
    );
    assemble::shadowed(root, site, &statics, &mut diags);
    match renderer {
        Some(renderer) if diags.is_empty() => Ok(Theme { renderer, statics }),
        _ => Err(diags),
    }
}

/// Where rendered pages go: `(output path, bytes)`, from any thread.
pub(crate) type Sink<'a> = &'a (dyn Fn(&str, Vec<u8>) -> Result<(), Diagnostic> + Sync);

/// Stage 4b: renders these pages in parallel (from templates made compact at load when
/// `[build] minify` is on), handing each to `sink` as it is done.
pub(crate) fn render(
    site: &Site,
    theme: &Theme,
    pages: Vec<Page>,
    timings: &Timings,
    progress: &(dyn Fn(usize, usize) + Sync),
    sink: Sink,
) -> Result<(), Diagnostics> {
    render::render(site, &theme.renderer, pages, timings, progress, &|page| {
        sink(&page.path, page.html)
    })
}

/// [`render`], keeping the pages: `(output path, bytes)` in the order given.
pub(crate) fn render_pages(
    site: &Site,
    theme: &Theme,
    pages: Vec<Page>,
    timings: &Timings,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Result<Vec<FileBytes>, Diagnostics> {
    let order: BTreeMap<String, usize> = pages
        .iter()
        .enumerate()
        .map(|(i, p)| (crate::url::file_for(&p.url(site)), i))
        .collect();
    let kept = std::sync::Mutex::new(Vec::with_capacity(pages.len()));
    render(site, theme, pages, timings, progress, &|path, bytes| {
        if let Ok(mut k) = kept.lock() {
            k.push((path.to_string(), bytes));
        }
        Ok(())
    })?;
    let mut kept = kept.into_inner().unwrap_or_default();
    kept.sort_by_key(|(p, _)| order.get(p).copied().unwrap_or(usize::MAX));
    Ok(kept)
}

/// Stages 1 to 3 of a build, timed.
pub(crate) fn model_of(
    files: &Files,
    base_url: Option<&str>,
    today: Today,
    memo: &mut Memo,
    timings: &Timings,
) -> Result<Site, Diagnostics> {
    let content = check(files, base_url)?;
    timings.done(Phase::Validate);
    let site = model(content, today, memo);
    timings.done(Phase::Model);
    Ok(site)
}

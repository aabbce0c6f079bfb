//! Building a site again after edits without redoing what they do not touch: a cache over the
//! stages of [`crate::pipeline`], which it calls and never replaces.
//!
//! A [`Session`] keeps what the last good build had: each file's parse ([`Files`]), what the
//! model computed ([`Memo`]), the calendars' events ([`ics::Cache`]), the compiled theme, and
//! every output file. [`Session::apply`] takes the paths that changed and
//! - re-reads only those files, checks the whole content again (cheap, and the only way to
//!   catch a reference an edit broke elsewhere) and rebuilds the model from the kept parses;
//! - re-renders the pages [`deps::affected`] finds for the edit in the model before and the
//!   model after it (compared by [`PageKey`]), drops the pages of what was deleted, and makes
//!   again the calendars whose events changed, the sitemap and the feed;
//! - for site.toml, regions.toml, holidays.toml, a template or a folder, renders everything.
//!
//! The search index (Pagefind) is the slow part of a build and is made separately
//! ([`Session::search`]), so that `serve` can serve the edited pages first and swap the index
//! in when it is ready. Tests hold the session to producing exactly the bytes of a clean
//! build after every kind of edit.

pub(crate) mod deps;
mod partial;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::content::Files;
use crate::diag::Diagnostics;
use crate::layout;
use crate::model::{Memo, Site};
use crate::output::{Body, Origin, Output};
use crate::outputs::ics::{self, Events};
use crate::pages::{self, PageKey};
use crate::pipeline::{self, FileBytes, Theme};
use crate::timings::{Phase, Timings};
use crate::today::Today;

/// What an [`Session::apply`] changed in the output.
#[derive(Debug, Default)]
pub struct Update {
    /// Output paths written (new or with new bytes), sorted.
    pub written: Vec<String>,
    /// Output paths that are gone, sorted.
    pub removed: Vec<String>,
    /// Pages rendered.
    pub rendered: usize,
    /// Whether everything was rendered.
    pub full: bool,
    /// The clock of the rebuild.
    pub(crate) timings: Timings,
}

/// A site built once, ready to be rebuilt after edits.
pub struct Session {
    root: PathBuf,
    base_url: Option<String>,
    today: Today,
    files: Files,
    memo: Memo,
    calendars: ics::Cache,
    site: Arc<Site>,
    events: Events,
    theme: Theme,
    /// Every output file but the search index.
    output: Output,
    pages: usize,
    /// The parts of the search index built last time.
    search: pipeline::SearchCache,
}

/// Which of the site's sources an edit touched.
struct Touched {
    /// Paths under site.toml and content/.
    content: Vec<String>,
    /// A static file, a template or a theme: everything renders again.
    look: bool,
}

fn touched(rels: &[String]) -> Touched {
    let mut t = Touched {
        content: Vec::new(),
        look: false,
    };
    for rel in rels {
        let rel = rel.trim_start_matches("./").replace('\\', "/");
        match rel.split('/').next().unwrap_or("") {
            layout::SITE_TOML | layout::CONTENT => t.content.push(rel),
            layout::STATIC | layout::TEMPLATES | layout::THEMES => t.look = true,
            _ => {}
        }
    }
    t
}

/// Every output file of a model: the pages rendered and the rest assembled.
fn everything(
    site: &Site,
    theme: &Theme,
    events: &Events,
    timings: &Timings,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Result<(Output, usize), Diagnostics> {
    let rendered = pipeline::render_pages(site, theme, pages::all(site), timings, progress)?;
    let n = rendered.len();
    Ok((pipeline::assemble(site, &theme.statics, rendered, events), n))
}

impl Session {
    /// Builds a whole site (all but its search index).
    pub fn open(
        root: &Path,
        base_url: Option<&str>,
        today: Today,
        progress: &(dyn Fn(usize, usize) + Sync),
    ) -> Result<Session, Diagnostics> {
        let timings = Timings::new();
        let mut files = pipeline::load(root);
        let mut memo = Memo::default();
        let site = pipeline::model_of(&files, base_url, today, &mut memo, &timings)?;
        files.checked();
        let theme = pipeline::theme(root, &site)?;
        let mut calendars = ics::Cache::default();
        let events = calendars.events(&site);
        let (output, pages) = everything(&site, &theme, &events, &timings, progress)?;
        Ok(Session {
            root: root.to_path_buf(),
            base_url: base_url.map(str::to_string),
            today,
            files,
            memo,
            calendars,
            site: Arc::new(site),
            events,
            theme,
            output,
            pages,
            search: pipeline::SearchCache::default(),
        })
    }

    /// The model, to be read on another thread (the search index is made from it).
    pub(crate) fn shared_site(&self) -> Arc<Site> {
        self.site.clone()
    }

    /// Every output file but the search index.
    pub fn output(&self) -> &Output {
        &self.output
    }

    pub fn pages(&self) -> usize {
        self.pages
    }

    /// The search index of the site as it now is: Pagefind's bundles and the exact-name table
    /// (only the parts of the index whose records changed are built again).
    pub fn search(&mut self) -> Result<Vec<FileBytes>, Diagnostics> {
        pipeline::search(&self.site, &mut self.search)
    }

    /// Rebuilds after the given files changed (paths relative to the site's folder, as a file
    /// watcher reports them). On error the session is left as it was, except that it
    /// remembers the new state of the files, so that the next edit can fix it.
    pub fn apply(&mut self, rels: &[String]) -> Result<Update, Diagnostics> {
        self.apply_staged(rels, &mut |_| {}, &mut |_| {})
    }

    /// [`Session::apply`], handing the new model to `model` as soon as it is checked, before
    /// any page is rendered (`serve` starts the search index from it on another thread), and
    /// the edited things' own pages (a representative's page for a representative file) to
    /// `first` as soon as they are rendered, before the pages that list them: the big indexes
    /// of a provincial site take far longer than the page being edited.
    pub(crate) fn apply_staged(
        &mut self,
        rels: &[String],
        model: &mut dyn FnMut(Arc<Site>),
        first: &mut dyn FnMut(&[FileBytes]),
    ) -> Result<Update, Diagnostics> {
        let t = touched(rels);
        let timings = Timings::new();
        let mut changed = self.files.update(&t.content);
        if changed.everything
            && t.content
                .iter()
                .any(|p| p != layout::SITE_TOML && Path::new(p).extension().is_none())
        {
            // A folder came or went: read everything again.
            self.files = pipeline::load(&self.root);
        }
        if t.look {
            // a `photo` may name a file under static/ that came or went
            self.files.check_all();
        }
        changed.everything |= t.look;
        if changed.is_empty() {
            return Ok(Update::default());
        }
        timings.done(Phase::Read);
        let mut memo = std::mem::take(&mut self.memo);
        let built = pipeline::model_of(&self.files, self.base_url.as_deref(), self.today, &mut memo, &timings);
        self.memo = memo;
        let site = Arc::new(built?);
        self.files.checked();
        model(site.clone());
        // Free pages are in every page's menu: a new title, a new or a removed page is
        // everywhere.
        let menu = |s: &Site| {
            s.page_ids()
                .map(|p| (s.page(p).slug.clone(), s.page(p).title.clone()))
                .collect::<Vec<_>>()
        };
        if !changed.pages.is_empty() && menu(&site) != menu(&self.site) {
            changed.everything = true;
        }
        let mut update = if changed.everything || site.today != self.site.today {
            self.full(site, &timings)?
        } else {
            partial::apply(self, site, &changed, first, &timings)?
        };
        timings.done(Phase::Done);
        update.timings = timings;
        Ok(update)
    }

    /// Renders everything again (templates or site-wide content changed).
    fn full(&mut self, site: Arc<Site>, timings: &Timings) -> Result<Update, Diagnostics> {
        let theme = pipeline::theme(&self.root, &site)?;
        let events = self.calendars.events(&site);
        let (output, pages) = everything(&site, &theme, &events, timings, &|_, _| {})?;
        let mut update = Update {
            rendered: pages,
            full: true,
            ..Update::default()
        };
        for (path, body) in &output {
            let same = match (self.output.get(path), body) {
                (Some(Body::Bytes(a)), Body::Bytes(b)) => a == b,
                (Some(Body::Copy(Origin::BuiltIn(a))), Body::Copy(Origin::BuiltIn(b))) => a == b,
                _ => false, // a file of the site: it may have been edited
            };
            if !same {
                update.written.push(path.clone());
            }
        }
        update.removed = self
            .output
            .keys()
            .filter(|p| !output.contains_key(*p))
            .cloned()
            .collect();
        self.site = site;
        self.events = events;
        self.theme = theme;
        self.output = output;
        self.pages = pages;
        Ok(update)
    }
}

/// Whether an output path belongs to the search index.
pub(crate) fn is_search(path: &str) -> bool {
    crate::url::is_search_file(path)
}

/// The pages of a model by key, for comparing two models.
fn keyed(site: &Site, pages: impl IntoIterator<Item = pages::Page>) -> std::collections::BTreeSet<PageKey> {
    pages.into_iter().map(|p| p.key(site)).collect()
}

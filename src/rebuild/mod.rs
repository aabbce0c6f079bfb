//! Building a site, and building it again after edits without redoing what they do not touch.
//!
//! A [`Session`] keeps what the last good build had: each file's parse ([`content::Files`]),
//! what the model computed ([`model::Memo`]), the compiled templates, and every output file.
//! [`Session::apply`] takes the paths that changed and
//! - re-reads only those files, validates the whole content again (cheap, and the only way
//!   to catch a reference an edit broke elsewhere) and rebuilds the model from the kept
//!   parses and memo;
//! - re-renders the pages [`deps::affected`] finds for the edit in the model before and the
//!   model after it, drops the pages of what was deleted, and regenerates the calendars whose
//!   events changed, the sitemap and the feed;
//! - for site.toml, regions.toml, holidays.toml, a template or a folder, renders everything.
//!
//! The search index (Pagefind) is the slow part of a build and is produced separately
//! ([`Session::search`]), so that `serve` can serve the edited pages first and swap the index
//! in when it is ready. Tests hold the session to producing exactly the bytes of a clean
//! build after every kind of edit.

pub mod deps;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use rayon::prelude::*;

use crate::content::{self, Changed, Files};
use crate::diag::{Diagnostic, Diagnostics};
use crate::model::{self, Memo, Site};
use crate::output::{Body, Output};
use crate::render::pages::{self, Job};
use crate::render::{self, Renderer, theme};
use crate::{Today, feed, search, sitemap, url, validate};

/// An output path and its bytes.
pub type FileBytes = (String, Vec<u8>);

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
    /// Seconds since the start of the rebuild at the end of each of its steps.
    pub phases: Vec<(&'static str, f64)>,
}

/// A site built once, ready to be rebuilt after edits.
pub struct Session {
    root: PathBuf,
    base_url: Option<String>,
    today: Today,
    files: Files,
    memo: Memo,
    site: Arc<Site>,
    renderer: Renderer,
    /// Every output file but the search index.
    output: Output,
    pages: usize,
    /// Seconds since the start at the end of each phase of the first build.
    pub phases: Vec<(&'static str, f64)>,
}

fn plain(path: &str, message: String) -> Diagnostic {
    Diagnostic {
        path: path.into(),
        line: 0,
        column: 0,
        message,
        hint: None,
    }
}

/// Files → validated content → model. `memo` is updated only when the model is built.
pub(crate) fn model(
    files: &Files,
    base_url: Option<&str>,
    today: Today,
    memo: &mut Memo,
    phase: &mut dyn FnMut(&'static str),
) -> Result<Site, Diagnostics> {
    let (mut content, mut diags) = files.content();
    validate::validate(&content, &mut diags);
    phase("validate");
    if let Some(b) = base_url {
        match content::site::normalize_base_url(b) {
            Ok(u) => content.config.base_url = u,
            Err(e) => diags.push(plain("--base-url", e)),
        }
    }
    if !diags.is_empty() {
        // Links out of the site in the theme's folders are reported in the same run.
        diags.extend(theme::refused_links(&content.root.given, &content.config.theme));
        return Err(diags);
    }
    let today = today.resolve(content.config.timezone);
    let site = model::build(content, today, memo);
    phase("model");
    Ok(site)
}

/// The theme's templates, compiled, and its static files with the site's own over them.
fn theme(root: &Path, site: &Site) -> Result<(Renderer, BTreeMap<String, theme::Origin>), Diagnostics> {
    let mut diags = Diagnostics::new();
    let theme = theme::load(root, &site.config.theme, &mut diags);
    let renderer = Renderer::new(&theme.templates, &mut diags);
    let mut statics = theme.statics;
    theme::files_under(
        &crate::layout::Root::new(root),
        crate::layout::STATIC,
        &mut statics,
        &mut diags,
    );
    shadowed(root, site, &statics, &mut diags);
    match renderer {
        Some(r) if diags.is_empty() => Ok((r, statics)),
        _ => Err(diags),
    }
}

/// A static file where the build writes a page or a machine-readable file (a `static/index.html`
/// over the home page), or where it needs a folder (a file `static/stations`): an error that
/// names both, in `build` and `serve` alike.
fn shadowed(root: &Path, site: &Site, statics: &BTreeMap<String, theme::Origin>, diags: &mut Diagnostics) {
    let mut generated: BTreeMap<String, String> = pages::jobs(site)
        .into_iter()
        .map(|j| {
            let u = pages::url_of(site, j);
            (url::file_for(&u), format!("the page {u}"))
        })
        .collect();
    for (path, what) in [
        ("robots.txt", "robots.txt"),
        ("bulletins/atom.xml", "the bulletin feed"),
        ("sitemap.xml", "the sitemap"),
    ] {
        generated.insert(path.into(), what.into());
    }
    for (i, s) in site.stations.iter().enumerate() {
        if !site.events[i].is_empty() {
            generated.insert(
                url::file_for(&url::station_calendar(&s.slug)),
                format!("the calendar of {}", s.name),
            );
        }
    }
    let reserved = |p: &str| {
        (p.starts_with("sitemap-") && p.ends_with(".xml") && !p.contains('/'))
            || is_search(p)
            || p.starts_with("regions/") && p.ends_with("/reception.ics")
    };
    for (path, origin) in statics {
        let theme::Origin::File(file) = origin else { continue };
        let clash = if let Some(what) = generated.get(path) {
            Some(format!(
                "this static file would replace {what} ({path}), which the build writes"
            ))
        } else if let Some((inner, what)) = generated
            .range(format!("{path}/")..)
            .next()
            .filter(|(g, _)| g.starts_with(&format!("{path}/")))
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
                crate::diag::file_error(root, &rel, message)
                    .with_hint("rename or move the static file; the site's own pages cannot be replaced from static/"),
            );
        }
    }
}

/// A calendar without control characters, whatever the content.
fn clean(ics: String) -> String {
    crate::text::strip_forbidden(&ics).into_owned()
}

/// The calendars of these stations and of these regions (each with every station below it).
fn calendars_of(site: &Site, stations: &BTreeSet<usize>, regions: &BTreeSet<usize>) -> Vec<(String, String)> {
    use crate::reception::ics::{calendar, vtimezone};
    let tz = site.config.timezone;
    let zone = vtimezone(tz, site.calendar_years.0, site.calendar_years.1).to_string();
    let zone = zone.as_str();
    let mut out: Vec<(String, String)> = stations
        .par_iter()
        .filter(|&&i| !site.events[i].is_empty())
        .map(|&i| {
            let s = &site.stations[i];
            (
                url::file_for(&url::station_calendar(&s.slug)),
                clean(calendar(&format!("{}接待日", s.name), tz, zone, &[&site.events[i]])),
            )
        })
        .collect();
    out.par_extend(regions.par_iter().filter_map(|&r| {
        let events: Vec<&str> = site
            .subtree_stations(r)
            .into_iter()
            .map(|s| &*site.events[s])
            .filter(|e| !e.is_empty())
            .collect();
        let reg = &site.regions[r];
        (!events.is_empty()).then(|| {
            (
                url::file_for(&url::region_calendar(&reg.code)),
                clean(calendar(
                    &format!("{}人大代表联络站接待日", reg.name),
                    tz,
                    zone,
                    &events,
                )),
            )
        })
    }));
    out
}

/// Every output file but the search index: static files, pages, sitemap, feed, calendars.
fn assemble(site: &Site, statics: BTreeMap<String, theme::Origin>, pages: Vec<FileBytes>) -> Output {
    let minify = site.config.build.minify;
    let mut output: Output = statics
        .into_iter()
        .map(|(p, o)| {
            let small = minify
                .then(|| crate::output::assets::minify(&p, &read_origin(&o)?))
                .flatten();
            let body = small.map_or(Body::Copy(o), Body::Bytes);
            (p, body)
        })
        .collect();
    output.extend(pages.into_iter().map(|(p, b)| (p, Body::Bytes(b))));
    output.extend(site_files(site).into_iter().map(|(p, b)| (p, Body::Bytes(b))));
    output.extend(
        all_calendars(site)
            .into_iter()
            .map(|(p, s)| (p, Body::Bytes(s.into_bytes()))),
    );
    output
}

/// The bytes of a stylesheet or script to minify (`None` for other files and unreadable ones:
/// those are copied, and copying reports what is wrong).
fn read_origin(o: &theme::Origin) -> Option<Vec<u8>> {
    match o {
        theme::Origin::BuiltIn(b) => Some(b.to_vec()),
        theme::Origin::File(p) => {
            let ext = p.extension()?.to_str()?;
            matches!(ext, "css" | "js" | "mjs")
                .then(|| std::fs::read(p).ok())
                .flatten()
        }
    }
}

/// Every calendar of the site.
fn all_calendars(site: &Site) -> Vec<(String, String)> {
    calendars_of(
        site,
        &(0..site.stations.len()).collect(),
        &(0..site.regions.len()).collect(),
    )
}

/// Sitemap, robots.txt and the feed.
fn site_files(site: &Site) -> Vec<(String, Vec<u8>)> {
    let mut v = sitemap::files(site, sitemap::MAX_URLS);
    v.push(("robots.txt".into(), sitemap::robots(site)));
    v.push(("bulletins/atom.xml".into(), feed::atom(site)));
    // Well-formed whatever the content: no control character reaches XML.
    v.into_iter().map(|(p, b)| (p, crate::text::clean_file(b))).collect()
}

fn is_sitemap(path: &str) -> bool {
    path.starts_with("sitemap") && path.ends_with(".xml")
}

impl Session {
    /// Builds a whole site (all but its search index).
    pub fn open(
        root: &Path,
        base_url: Option<&str>,
        today: Today,
        progress: &(dyn Fn(usize, usize) + Sync),
    ) -> Result<Session, Diagnostics> {
        Session::open_into(root, base_url, today, progress, None, false).map(|(s, _)| s)
    }

    /// [`Session::open`], handing the pages to `sink` as they are rendered instead of keeping
    /// them (`liaison build` writes them straight into the new output folder). Such a session
    /// has every output file but the pages and cannot apply edits.
    pub fn open_into(
        root: &Path,
        base_url: Option<&str>,
        today: Today,
        progress: &(dyn Fn(usize, usize) + Sync),
        sink: Option<render::Sink>,
        with_search: bool,
    ) -> Result<(Session, Option<Vec<FileBytes>>), Diagnostics> {
        let started = Instant::now();
        let mut phases = Vec::new();
        let files = Files::scan(root);
        phases.push(("load", started.elapsed().as_secs_f64()));
        let mut memo = Memo::default();
        let site = model(&files, base_url, today, &mut memo, &mut |name| {
            phases.push((name, started.elapsed().as_secs_f64()))
        })?;
        let (renderer, statics) = theme(root, &site)?;
        // The search index needs only the model: it is made on a thread of its own while the
        // pages render (Pagefind indexes on one thread; rendering keeps the others busy).
        let (rendered, search) = std::thread::scope(|scope| {
            let search = with_search.then(|| scope.spawn(|| search_files(&site)));
            let rendered = render::render_all(&site, &renderer, progress, sink);
            let search = search.map(|h| {
                h.join()
                    .unwrap_or_else(|_| Err(plain("search index", "the indexer stopped".into()).into()))
            });
            (rendered, search)
        });
        let rendered = rendered?;
        let search = search.transpose()?;
        phases.push(("render pages and search index", started.elapsed().as_secs_f64()));
        let pages = if sink.is_some() {
            pages::jobs(&site).len()
        } else {
            rendered.len()
        };
        let output = assemble(&site, statics, rendered);
        phases.push(("sitemap, feed, calendars", started.elapsed().as_secs_f64()));
        let session = Session {
            root: root.to_path_buf(),
            base_url: base_url.map(str::to_string),
            today,
            files,
            memo,
            site: Arc::new(site),
            renderer,
            output,
            pages,
            phases,
        };
        Ok((session, search))
    }

    /// The model, to be read on another thread (the search index is made from it).
    pub fn shared_site(&self) -> Arc<Site> {
        self.site.clone()
    }

    /// Every output file but the search index.
    pub fn output(&self) -> &Output {
        &self.output
    }

    /// The model and the output, for writing.
    pub fn into_parts(self) -> (Arc<Site>, Output) {
        (self.site, self.output)
    }

    pub fn pages(&self) -> usize {
        self.pages
    }

    /// The search index of the site as it now is: Pagefind's bundle and the exact-name table.
    pub fn search(&self) -> Result<Vec<(String, Vec<u8>)>, Diagnostics> {
        search_files(&self.site)
    }

    /// Rebuilds after the given files changed (paths relative to the site's folder, as a file
    /// watcher reports them). On error the session is left as it was, except that it
    /// remembers the new state of the files, so that the next edit can fix it.
    pub fn apply(&mut self, rels: &[String]) -> Result<Update, Diagnostics> {
        self.apply_staged(rels, &mut |_| {})
    }

    /// [`Session::apply`], handing the edited things' own pages (a representative's page for
    /// a representative file) to `first` as soon as they are rendered, before the pages that
    /// list them: the big indexes of a provincial site take far longer than the page being
    /// edited.
    pub fn apply_staged(
        &mut self,
        rels: &[String],
        first: &mut dyn FnMut(&[FileBytes]),
    ) -> Result<Update, Diagnostics> {
        let mut content_paths = Vec::new();
        let mut look = false;
        for rel in rels {
            let rel = rel.trim_start_matches("./").replace('\\', "/");
            match rel.split('/').next().unwrap_or("") {
                "site.toml" | "content" => content_paths.push(rel),
                "static" | "templates" | "themes" => look = true,
                _ => {}
            }
        }
        let started = Instant::now();
        let mut phases = Vec::new();
        let mut changed = self.files.update(&content_paths);
        if changed.everything
            && content_paths
                .iter()
                .any(|p| p != "site.toml" && Path::new(p).extension().is_none())
        {
            // A folder came or went: read everything again.
            self.files = Files::scan(&self.root);
        }
        changed.everything |= look;
        if changed.is_empty() {
            return Ok(Update::default());
        }
        phases.push(("read", started.elapsed().as_secs_f64()));
        let mut memo = std::mem::take(&mut self.memo);
        let built = model(
            &self.files,
            self.base_url.as_deref(),
            self.today,
            &mut memo,
            &mut |name| phases.push((name, started.elapsed().as_secs_f64())),
        );
        self.memo = memo;
        let site = built?;
        // Free pages are in every page's menu: a new title, a new or a removed page is
        // everywhere.
        let menu = |s: &Site| {
            s.pages
                .iter()
                .map(|p| (p.slug.clone(), p.title.clone()))
                .collect::<Vec<_>>()
        };
        if !changed.pages.is_empty() && menu(&site) != menu(&self.site) {
            changed.everything = true;
        }
        let mut update = if changed.everything || site.today != self.site.today {
            self.full(site)?
        } else {
            self.partial(site, &changed, first, &mut |name| {
                phases.push((name, started.elapsed().as_secs_f64()))
            })?
        };
        phases.push(("done", started.elapsed().as_secs_f64()));
        update.phases = phases;
        Ok(update)
    }

    /// Renders everything again (templates or site-wide content changed).
    fn full(&mut self, site: Site) -> Result<Update, Diagnostics> {
        let (renderer, statics) = theme(&self.root, &site)?;
        let rendered = render::render_all(&site, &renderer, &|_, _| {}, None)?;
        let pages = rendered.len();
        let output = assemble(&site, statics, rendered);
        let mut update = Update {
            rendered: pages,
            full: true,
            ..Update::default()
        };
        for (path, body) in &output {
            let same = match (self.output.get(path), body) {
                (Some(Body::Bytes(a)), Body::Bytes(b)) => a == b,
                (Some(Body::Copy(theme::Origin::BuiltIn(a))), Body::Copy(theme::Origin::BuiltIn(b))) => a == b,
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
        self.site = Arc::new(site);
        self.renderer = renderer;
        self.output = output;
        self.pages = pages;
        Ok(update)
    }

    /// Renders what the edit reaches.
    fn partial(
        &mut self,
        site: Site,
        changed: &Changed,
        first: &mut dyn FnMut(&[FileBytes]),
        phase: &mut dyn FnMut(&'static str),
    ) -> Result<Update, Diagnostics> {
        let old = &self.site;
        let mut jobs: BTreeSet<Job> = deps::affected(&site, changed);
        let mut gone = Vec::new();
        for job in deps::affected(old, changed) {
            match deps::same_page(old, job, &site) {
                Some(j) => {
                    jobs.insert(j);
                }
                None => gone.push(url::file_for(&pages::url_of(old, job))),
            }
        }
        phase("affected pages");
        let own = deps::own_pages(&site, changed);
        let mut rendered = render::render_jobs(&site, &self.renderer, own.iter().copied().collect(), &|_, _| {})?;
        phase("render own pages");
        first(&rendered);
        let rest: Vec<Job> = jobs.difference(&own).copied().collect();
        rendered.extend(render::render_jobs(&site, &self.renderer, rest, &|_, _| {})?);
        phase("render the rest");
        let mut update = Update {
            rendered: rendered.len(),
            ..Update::default()
        };
        let mut put = |output: &mut Output, path: String, bytes: Vec<u8>| {
            let same = matches!(output.get(&path), Some(Body::Bytes(b)) if *b == bytes);
            if !same {
                output.insert(path.clone(), Body::Bytes(bytes));
                update.written.push(path);
            }
        };
        let mut pages = self.pages;
        for (path, bytes) in rendered {
            if !self.output.contains_key(&path) {
                pages += 1;
            }
            put(&mut self.output, path, bytes);
        }
        for path in gone {
            if self.output.remove(&path).is_some() {
                pages -= 1;
                update.removed.push(path);
            }
        }

        // Calendars: of the stations whose events or region changed, of those that are gone,
        // and of every region above them, before or after.
        fn region_code(s: &Site, i: usize) -> &str {
            &s.regions[s.station_region[i]].code
        }
        let all = site.calendar_years != old.calendar_years;
        let touched: BTreeSet<usize> = (0..site.stations.len())
            .filter(|&i| {
                all || match old.station_index.get(site.stations[i].slug.as_str()) {
                    Some(&j) => old.events[j] != site.events[i] || region_code(old, j) != region_code(&site, i),
                    None => true,
                }
            })
            .collect();
        let mut codes: BTreeSet<&str> = BTreeSet::new();
        let mut station_files: BTreeSet<String> = BTreeSet::new();
        for &i in &touched {
            let slug = site.stations[i].slug.as_str();
            station_files.insert(url::file_for(&url::station_calendar(slug)));
            codes.extend(site.station_region_codes(i));
            if let Some(&j) = old.station_index.get(slug) {
                codes.extend(old.station_region_codes(j));
            }
        }
        for j in 0..old.stations.len() {
            let slug = old.stations[j].slug.as_str();
            if !site.station_index.contains_key(slug) {
                station_files.insert(url::file_for(&url::station_calendar(slug)));
                codes.extend(old.station_region_codes(j));
            }
        }
        let regions: BTreeSet<usize> = codes
            .iter()
            .filter_map(|&c| site.region_index.get(c).copied())
            .collect();
        let fresh: BTreeMap<String, String> = calendars_of(&site, &touched, &regions).into_iter().collect();
        let region_files = codes.iter().map(|c| url::file_for(&url::region_calendar(c)));
        for p in station_files.into_iter().chain(region_files) {
            if !fresh.contains_key(&p) && self.output.remove(&p).is_some() {
                update.removed.push(p);
            }
        }
        for (p, s) in fresh {
            put(&mut self.output, p, s.into_bytes());
        }

        phase("calendars");
        // Sitemap (pages come and go; issue dates are its lastmod), robots.txt, feed.
        let files = site_files(&site);
        let keep: BTreeSet<&String> = files.iter().map(|(p, _)| p).collect();
        let old_maps: Vec<String> = self
            .output
            .keys()
            .filter(|p| is_sitemap(p) && !keep.contains(p))
            .cloned()
            .collect();
        for p in old_maps {
            self.output.remove(&p);
            update.removed.push(p);
        }
        for (p, b) in files {
            put(&mut self.output, p, b);
        }

        phase("sitemap, feed");
        update.written.sort();
        update.written.dedup();
        update.removed.sort();
        update.removed.dedup();
        self.pages = pages;
        self.site = Arc::new(site);
        Ok(update)
    }
}

/// Pagefind's bundle and the exact-name table of a site.
pub fn search_files(site: &Site) -> Result<Vec<(String, Vec<u8>)>, Diagnostics> {
    let mut out = search::bundle(site).map_err(|e| Diagnostics::from(plain("search index", e)))?;
    out.extend(search::name_table(site));
    Ok(out)
}

/// Whether an output path belongs to the search index.
pub fn is_search(path: &str) -> bool {
    path.starts_with("pagefind/") || path.starts_with("search/names/")
}

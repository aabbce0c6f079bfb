//! Watching the site's files and rebuilding.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use notify::{EventKind, RecursiveMode, Watcher};

use std::sync::Arc;

use super::{ServeOptions, Shared, body_bytes, lines};
use crate::error::{Doing, Error};
use crate::layout;
use crate::rebuild::{Session, Update};
use crate::today::Today;

/// What open pages are told.
#[derive(Debug, Clone)]
pub(crate) enum Event {
    /// The output paths that changed (`None`: reload every page).
    Reload(Option<Vec<String>>),
    Error(String),
}

/// The watcher thread's state: the session of the last good build, if there was one.
struct Builder {
    root: PathBuf,
    base_url: String,
    today: Today,
    shared: Shared,
    tx: tokio::sync::broadcast::Sender<Event>,
    quiet: bool,
    verbose: bool,
    session: Option<Session>,
    /// Where each good model goes to have its search index made.
    search: std::sync::mpsc::Sender<Arc<crate::model::Site>>,
}

impl Builder {
    fn failed(&self, d: crate::diag::Diagnostics) {
        let text = lines(d);
        eprintln!("{text}");
        eprintln!("error: the content has problems; still serving the last good site");
        if let Ok(mut s) = self.shared.write() {
            s.error = Some(text.clone());
        }
        let _ = self.tx.send(Event::Error(text));
    }

    fn publish(&self, session: &Session, update: &Update, started: Instant) {
        let output = session.output();
        let mut bodies = Vec::with_capacity(update.written.len());
        for p in &update.written {
            if let Some(b) = output.get(p) {
                match body_bytes(b) {
                    Ok(v) => bodies.push((p.clone(), Arc::new(v))),
                    Err(e) => eprintln!("error: {e}"),
                }
            }
        }
        if let Ok(mut s) = self.shared.write() {
            for p in &update.removed {
                s.files.remove(p);
            }
            s.files.extend(bodies);
            s.error = None;
            s.builds += 1;
        }
        if self.verbose {
            let mut prev = 0.0;
            for (phase, t) in update.timings.phases() {
                eprintln!("  {:<18} {:>7.1} ms", phase.label(), (t - prev) * 1000.0);
                prev = t;
            }
        }
        if !self.quiet {
            eprintln!(
                "rebuilt in {:.0} ms: {}, {} changed, {} removed",
                started.elapsed().as_secs_f64() * 1000.0,
                counted(update.rendered, "page", "pages", "rendered"),
                counted(update.written.len(), "file", "files", ""),
                update.removed.len()
            );
        }
        let changed = update.written.iter().chain(&update.removed).cloned().collect();
        let _ = self.tx.send(reload(update.full, changed));
    }

    /// A whole build, when there is no good one to start from.
    fn open(&mut self) {
        let started = Instant::now();
        match Session::open(&self.root, Some(&self.base_url), self.today, &|_, _| {}) {
            Ok(session) => {
                let update = Update {
                    written: session.output().keys().cloned().collect(),
                    removed: Vec::new(),
                    rendered: session.pages(),
                    full: true,
                    timings: Default::default(),
                };
                if let Ok(mut s) = self.shared.write() {
                    s.files.retain(|p, _| crate::rebuild::is_search(p));
                }
                self.publish(&session, &update, started);
                let _ = self.search.send(session.shared_site());
                self.session = Some(session);
            }
            Err(d) => self.failed(d),
        }
    }

    fn apply(&mut self, rels: &[String]) {
        let started = Instant::now();
        let Some(session) = self.session.as_mut() else {
            return self.open();
        };
        let (shared, tx) = (&self.shared, &self.tx);
        // The search index starts from the new model as soon as the edited things' own pages
        // are out, while the pages that list them render: not before, so that it does not
        // take a core from the page the webmaster is waiting for.
        let model = std::cell::Cell::new(None);
        let search = |model: &std::cell::Cell<Option<Arc<crate::model::Site>>>| {
            if let Some(site) = model.take() {
                let _ = self.search.send(site);
            }
        };
        // The edited things' own pages go out first, and open copies of them reload.
        let mut first = |files: &[(String, Vec<u8>)]| {
            if let Ok(mut s) = shared.write() {
                for (p, b) in files {
                    s.files.insert(p.clone(), Arc::new(b.clone()));
                }
            }
            let _ = tx.send(reload(false, files.iter().map(|(p, _)| p.clone()).collect()));
            search(&model);
        };
        match session.apply_staged(rels, &mut |site| model.set(Some(site)), &mut first) {
            Ok(update) => {
                if update.written.is_empty() && update.removed.is_empty() && update.rendered == 0 {
                    return;
                }
                search(&model);
                let session = self.session.as_ref().expect("present");
                self.publish(session, &update, started);
            }
            Err(d) => self.failed(d),
        }
    }
}

/// `1 page rendered`, `3 pages rendered`, `1 file`.
fn counted(n: usize, one: &str, many: &str, what: &str) -> String {
    let noun = if n == 1 { one } else { many };
    if what.is_empty() {
        format!("{n} {noun}")
    } else {
        format!("{n} {noun} {what}")
    }
}

/// The reload event for these changed output paths: every page after a full rebuild or when
/// a stylesheet, script or image changed; else the pages among them.
fn reload(full: bool, changed: Vec<String>) -> Event {
    let asset = |p: &String| {
        !(p.ends_with(".html")
            || p.ends_with(".ics")
            || p.ends_with(".xml")
            || p.ends_with(".txt")
            || crate::rebuild::is_search(p))
    };
    if full || changed.iter().any(asset) {
        Event::Reload(None)
    } else {
        Event::Reload(Some(changed.into_iter().filter(|p| p.ends_with(".html")).collect()))
    }
}

/// Makes the search index of each model it is sent, newest first (older ones waiting are
/// skipped), and swaps it in.
fn search_worker(rx: std::sync::mpsc::Receiver<Arc<crate::model::Site>>, shared: Shared, quiet: bool) {
    let mut cache = crate::pipeline::SearchCache::default();
    while let Ok(mut site) = rx.recv() {
        while let Ok(newer) = rx.try_recv() {
            site = newer;
        }
        let started = Instant::now();
        match crate::pipeline::search(&site, &mut cache) {
            Ok(files) => {
                if let Ok(mut s) = shared.write() {
                    s.files.retain(|p, _| !crate::rebuild::is_search(p));
                    s.files.extend(files.into_iter().map(|(p, b)| (p, Arc::new(b))));
                    s.searches += 1;
                }
                if !quiet {
                    let (rebuilt, parts) = cache.rebuilt();
                    eprintln!(
                        "search index updated in {:.2} s ({rebuilt} of {} rebuilt)",
                        started.elapsed().as_secs_f64(),
                        counted(parts, "part", "parts", "")
                    );
                }
            }
            Err(d) => eprintln!("{}", lines(d)),
        }
    }
}

/// A watcher's path, relative to the site's folder with `/` separators.
fn relative(root: &Path, path: &Path) -> Option<String> {
    let rel = path.strip_prefix(root).ok()?;
    Some(
        rel.components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect::<Vec<_>>()
            .join("/"),
    )
}

/// Whether a changed path is one of the site's sources (not the output, not editor or
/// indexer scratch files).
fn relevant(root: &Path, path: &Path) -> bool {
    let Ok(rel) = path.strip_prefix(root) else { return false };
    let mut parts = rel.components().map(|c| c.as_os_str().to_string_lossy().into_owned());
    let Some(first) = parts.next() else { return false };
    let name = rel
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    if crate::layout::is_scratch(&name) {
        return false;
    }
    crate::layout::SOURCES.contains(&first.as_str())
}

/// The source folders being watched: a folder that is deleted loses its watch, so after each
/// burst of changes every source folder that is there again is watched again (and the burst
/// that brought it back re-reads everything, since its path is the folder's).
struct Watches {
    watcher: notify::RecommendedWatcher,
    root: PathBuf,
    watched: Vec<&'static str>,
}

impl Watches {
    fn refresh(&mut self) -> Result<(), Error> {
        for dir in crate::layout::SOURCES
            .into_iter()
            .filter(|d| *d != crate::layout::SITE_TOML)
        {
            let path = self.root.join(dir);
            let on = self.watched.contains(&dir);
            if path.is_dir() && !on {
                self.watcher
                    .watch(&path, RecursiveMode::Recursive)
                    .map_err(|e| Error::Watch {
                        path: path.clone(),
                        source: Box::new(e),
                    })?;
                self.watched.push(dir);
            } else if !path.is_dir() && on {
                let _ = self.watcher.unwatch(&path);
                self.watched.retain(|d| *d != dir);
            }
        }
        Ok(())
    }
}

/// How long the files must be quiet before a rebuild: an editor's save (write to a temporary
/// file, rename, touch) comes as a burst of events within a few milliseconds, and is one
/// rebuild.
const QUIET: Duration = Duration::from_millis(10);

impl Watches {
    /// Watches the site's folder, sending the paths (relative to `root`) of each change to
    /// source files.
    fn start(root: &Path, changes: std::sync::mpsc::Sender<Vec<String>>) -> Result<Watches, Error> {
        let filter_root = root.to_path_buf();
        let failed = |e: notify::Error| Error::Watch {
            path: root.to_path_buf(),
            source: Box::new(e),
        };
        // Only changes count: opening and reading files (the build itself does) are not edits.
        let watcher = notify::recommended_watcher(move |res: notify::Result<notify::Event>| {
            let Ok(event) = res else { return };
            if matches!(event.kind, EventKind::Access(_) | EventKind::Other) {
                return;
            }
            let mut rels: Vec<String> = event
                .paths
                .iter()
                .filter(|p| relevant(&filter_root, p))
                .filter_map(|p| relative(&filter_root, p))
                .collect();
            if event.need_rescan() {
                rels.push(layout::CONTENT.into());
                rels.push(layout::STATIC.into());
            }
            if !rels.is_empty() {
                let _ = changes.send(rels);
            }
        })
        .map_err(failed)?;
        let mut watches = Watches {
            watcher,
            root: root.to_path_buf(),
            watched: Vec::new(),
        };
        watches
            .watcher
            .watch(root, RecursiveMode::NonRecursive)
            .map_err(failed)?;
        Ok(watches)
    }
}

/// Builds the site, then starts watching and rebuilding in the background.
pub(crate) fn start(
    opts: &ServeOptions,
    base_url: String,
    shared: Shared,
    tx: tokio::sync::broadcast::Sender<Event>,
) -> Result<(), Error> {
    // Messages name files as the webmaster gave the folder; events arrive with real paths.
    let root = opts
        .root
        .canonicalize()
        .map_err(Error::io(Doing::Resolve, &opts.root))?;
    let (search_tx, search_rx) = std::sync::mpsc::channel();
    let search_shared = shared.clone();
    let quiet = opts.quiet;
    std::thread::spawn(move || search_worker(search_rx, search_shared, quiet));
    let mut builder = Builder {
        root: opts.root.clone(),
        base_url,
        today: opts.today,
        shared,
        tx,
        quiet,
        verbose: opts.verbose,
        session: None,
        search: search_tx,
    };
    builder.open();

    let (changes_tx, changes_rx) = std::sync::mpsc::channel::<Vec<String>>();
    let mut watches = Watches::start(&root, changes_tx)?;
    watches.refresh()?;
    std::thread::spawn(move || {
        while let Ok(mut rels) = changes_rx.recv() {
            // debounce: wait for a quiet moment, gathering every path of the burst
            while let Ok(more) = changes_rx.recv_timeout(QUIET) {
                rels.extend(more);
            }
            rels.sort();
            rels.dedup();
            if let Err(e) = watches.refresh() {
                eprintln!("error: {e}");
            }
            builder.apply(&rels);
        }
    });
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_sources_trigger_rebuilds() {
        let root = Path::new("/site");
        assert!(relevant(root, Path::new("/site/site.toml")));
        assert!(relevant(root, Path::new("/site/content/stations/a.md")));
        assert!(relevant(root, Path::new("/site/themes/x/templates/base.html")));
        assert!(!relevant(root, Path::new("/site/public/index.html")));
        assert!(!relevant(root, Path::new("/site/content/stations/.a.md.swp")));
        assert!(!relevant(root, Path::new("/site/content/stations/a.md~")));
        assert!(!relevant(root, Path::new("/elsewhere/a.md")));
    }
}

//! Watching the site's files and rebuilding.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use notify::{EventKind, RecursiveMode, Watcher};

use super::{Shared, build_files};
use crate::Today;

/// What open pages are told.
#[derive(Debug, Clone)]
pub enum Event {
    Reload,
    Error(String),
}

/// Builds and swaps in the result, or keeps the last good site and records the problems.
pub fn rebuild(
    root: &Path,
    base_url: &str,
    today: Today,
    shared: &Shared,
    tx: &tokio::sync::broadcast::Sender<Event>,
    quiet: bool,
) {
    let started = Instant::now();
    match build_files(root, base_url, today) {
        Ok(files) => {
            let n = files.len();
            if let Ok(mut s) = shared.write() {
                s.files = files;
                s.error = None;
                s.builds += 1;
            }
            if !quiet {
                eprintln!("rebuilt {n} files in {:.2} s", started.elapsed().as_secs_f64());
            }
            let _ = tx.send(Event::Reload);
        }
        Err(text) => {
            eprintln!("{text}");
            eprintln!("error: the content has problems; still serving the last good site");
            if let Ok(mut s) = shared.write() {
                s.error = Some(text.clone());
            }
            let _ = tx.send(Event::Error(text));
        }
    }
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
    if name.starts_with('.') || name.ends_with('~') || name.ends_with(".swp") || name.ends_with(".tmp") {
        return false;
    }
    matches!(
        first.as_str(),
        "site.toml" | "content" | "static" | "templates" | "themes"
    )
}

/// How long the files must be quiet before a rebuild: an editor's save (write to a temporary
/// file, rename, touch) is one rebuild.
const QUIET: Duration = Duration::from_millis(120);

/// Starts watching; the returned watcher must be kept alive.
pub fn start(
    root: PathBuf,
    base_url: String,
    today: Today,
    shared: Shared,
    tx: tokio::sync::broadcast::Sender<Event>,
    quiet: bool,
) -> Result<notify::RecommendedWatcher, String> {
    let root = root.canonicalize().map_err(|e| format!("{}: {e}", root.display()))?;
    let (changes_tx, changes_rx) = std::sync::mpsc::channel::<()>();
    let filter_root = root.clone();
    // Only changes count: opening and reading files (the build itself does) are not edits.
    let mut watcher = notify::recommended_watcher(move |res: notify::Result<notify::Event>| {
        let Ok(event) = res else { return };
        if matches!(event.kind, EventKind::Access(_) | EventKind::Other) {
            return;
        }
        if event.paths.iter().any(|p| relevant(&filter_root, p)) {
            let _ = changes_tx.send(());
        }
    })
    .map_err(|e| format!("cannot watch files: {e}"))?;
    watcher
        .watch(&root, RecursiveMode::NonRecursive)
        .map_err(|e| format!("cannot watch {}: {e}", root.display()))?;
    for dir in ["content", "static", "templates", "themes"] {
        let d = root.join(dir);
        if d.is_dir() {
            watcher
                .watch(&d, RecursiveMode::Recursive)
                .map_err(|e| format!("cannot watch {}: {e}", d.display()))?;
        }
    }
    std::thread::spawn(move || {
        while changes_rx.recv().is_ok() {
            // debounce: wait for a quiet moment
            while changes_rx.recv_timeout(QUIET).is_ok() {}
            rebuild(&root, &base_url, today, &shared, &tx, quiet);
        }
    });
    Ok(watcher)
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

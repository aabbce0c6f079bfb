//! Where a site's files are: its source folders, which names are an editor's scratch, and
//! reading inside the site folder only.
//!
//! A symbolic link inside the site is followed when it resolves to a place inside the site
//! folder (a photo kept once and linked from two folders, a `content/` that is a link to
//! `data/content/`). A link that resolves outside the site folder, or that is broken or loops,
//! is an error naming the link: nothing outside the site is ever read into the output.

use std::io;
use std::path::{Path, PathBuf};

/// The site's settings file.
pub(crate) const SITE_TOML: &str = "site.toml";
/// Content files.
pub(crate) const CONTENT: &str = "content";
/// Files copied verbatim into the output.
pub(crate) const STATIC: &str = "static";
/// The site's own template overrides.
pub(crate) const TEMPLATES: &str = "templates";
/// Themes, one folder each.
pub(crate) const THEMES: &str = "themes";

/// Everything a build reads, relative to the site folder, in this order.
pub(crate) const SOURCES: [&str; 5] = [SITE_TOML, CONTENT, STATIC, TEMPLATES, THEMES];

/// The output folder when `--output` is not given, in the site folder.
pub(crate) const DEFAULT_OUTPUT: &str = "public";

/// The build cache, beside the output folder: `<cache>/<output name>.stamp`.
pub(crate) const CACHE: &str = ".liaison-cache";

/// The name of a build's scratch folder: `<prefix>liaison-<what>-<pid>`, where `prefix` is
/// `.<output name>.` beside the output and `.` inside it, `what` is `new` (the output being
/// written) or `old` (the previous one, moved aside), and `pid` the build's process.
pub(crate) fn scratch_folder(prefix: &str, what: &str, pid: u32) -> String {
    format!("{prefix}liaison-{what}-{pid}")
}

/// The process of a scratch folder's name made by [`scratch_folder`] with `prefix`.
pub(crate) fn scratch_pid(prefix: &str, name: &str) -> Option<u32> {
    let rest = name.strip_prefix(prefix)?.strip_prefix("liaison-")?;
    let (what, pid) = rest.split_once('-')?;
    matches!(what, "new" | "old").then_some(())?;
    pid.parse().ok()
}

/// Whether an output folder holds a built site (it has a home or a 404 page): the only kind of
/// non-empty folder a build replaces.
pub(crate) fn holds_a_site(dir: &Path) -> bool {
    dir.join("index.html").is_file() || dir.join("404.html").is_file()
}

/// Whether a file or folder name is an editor's or a tool's scratch (`.x.swp`, `x~`, `.git`):
/// never read, never watched.
pub(crate) fn is_scratch(name: &str) -> bool {
    name.starts_with('.') || name.ends_with('~') || name.ends_with(".swp") || name.ends_with(".tmp")
}

/// Whether any part of a `/`-separated relative path is scratch.
pub(crate) fn has_scratch_part(rel: &str) -> bool {
    rel.split('/').any(is_scratch)
}

/// Why a path of the site cannot be read.
#[derive(Debug)]
pub(crate) enum Refused {
    /// A link (or a folder reached through one) that resolves outside the site folder.
    Outside(PathBuf),
    /// A link that points nowhere, or a loop of links.
    Broken(io::Error),
}

impl std::fmt::Display for Refused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Refused::Outside(target) => write!(
                f,
                "this is a symbolic link to {}, outside the site folder: liaison reads nothing outside the site",
                target.display()
            ),
            Refused::Broken(e) => write!(f, "this symbolic link cannot be followed: {e}"),
        }
    }
}

impl Refused {
    /// What the webmaster can do about it.
    pub(crate) fn hint(&self) -> &'static str {
        match self {
            Refused::Outside(_) => "copy the file or folder into the site instead of linking to it",
            Refused::Broken(_) => "point the link at a file inside the site, or remove it",
        }
    }
}

/// The site folder as given (for messages) and as resolved (for the inside-check).
#[derive(Debug, Clone)]
pub(crate) struct Root {
    pub(crate) given: PathBuf,
    pub(crate) real: PathBuf,
}

impl Root {
    /// `given` resolved; a folder that does not exist resolves to itself (nothing in it can be
    /// read then anyway).
    pub(crate) fn new(given: &Path) -> Root {
        Root {
            given: given.to_path_buf(),
            real: given.canonicalize().unwrap_or_else(|_| given.to_path_buf()),
        }
    }

    /// Where `rel` (relative to the site folder) really is, if that is inside the site.
    /// A path that does not exist is returned as it is: reading it will say so.
    pub(crate) fn resolve(&self, rel: &str) -> Result<PathBuf, Refused> {
        let path = self.given.join(rel);
        match path.canonicalize() {
            Ok(real) if real.starts_with(&self.real) => Ok(real),
            Ok(real) => Err(Refused::Outside(real)),
            Err(e) if path.symlink_metadata().is_ok() => Err(Refused::Broken(e)),
            Err(_) => Ok(path),
        }
    }

    /// Reads a file of the site.
    pub(crate) fn read(&self, rel: &str) -> Result<Vec<u8>, ReadError> {
        let path = self.resolve(rel).map_err(ReadError::Refused)?;
        std::fs::read(path).map_err(ReadError::Io)
    }

    /// Every file under the folder `rel` (recursively, sorted by name), as paths relative to
    /// the site folder with `/` separators and where each really is. Scratch names are
    /// skipped; each link that cannot be followed is listed in the second part, by its path.
    pub(crate) fn files_under(&self, rel: &str) -> Walked {
        let mut walked = Walked::default();
        let top = self.given.join(rel);
        match self.resolve(rel) {
            Err(why) => {
                walked.refused.push((rel.to_string(), why));
                return walked;
            }
            Ok(real) if !real.is_dir() => return walked,
            Ok(_) => {}
        }
        // Only links need resolving: whatever is reached through a link that stays inside is
        // inside too. A link that leads out is reported and not descended into.
        let refused = std::cell::RefCell::new(Vec::new());
        let walk = walkdir::WalkDir::new(&top)
            .follow_links(true)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| {
                if e.depth() > 0 && is_scratch(&e.file_name().to_string_lossy()) {
                    return false;
                }
                if e.depth() == 0 || !e.path_is_symlink() {
                    return true;
                }
                match e.path().canonicalize() {
                    Ok(real) if real.starts_with(&self.real) => true,
                    Ok(real) => {
                        refused
                            .borrow_mut()
                            .push((self.relative(e.path()), Refused::Outside(real)));
                        false
                    }
                    Err(err) => {
                        refused
                            .borrow_mut()
                            .push((self.relative(e.path()), Refused::Broken(err)));
                        false
                    }
                }
            });
        for entry in walk {
            match entry {
                Ok(e) if e.depth() > 0 && e.file_type().is_file() => {
                    walked.files.push((self.relative(e.path()), e.path().to_path_buf()));
                }
                Ok(_) => {}
                Err(e) => {
                    let at = e.path().map_or_else(|| top.clone(), Path::to_path_buf);
                    // An editor's lock file (`.#a.md`) is a link to nowhere: scratch all the same.
                    if at.file_name().is_some_and(|n| is_scratch(&n.to_string_lossy())) {
                        continue;
                    }
                    let err = e
                        .into_io_error()
                        .unwrap_or_else(|| io::Error::other("a loop of symbolic links"));
                    refused.borrow_mut().push((self.relative(&at), Refused::Broken(err)));
                }
            }
        }
        walked.refused = refused.into_inner();
        walked.refused.sort_by(|a, b| a.0.cmp(&b.0));
        walked
    }

    fn relative(&self, path: &Path) -> String {
        let rel = path.strip_prefix(&self.given).unwrap_or(path);
        rel.components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect::<Vec<_>>()
            .join("/")
    }
}

/// What [`Root::files_under`] found.
#[derive(Debug, Default)]
pub(crate) struct Walked {
    /// `(path relative to the site folder, the path to read it by)`, sorted by path.
    pub(crate) files: Vec<(String, PathBuf)>,
    /// Links that were not followed, by their path relative to the site folder.
    pub(crate) refused: Vec<(String, Refused)>,
}

/// Why [`Root::read`] failed.
#[derive(Debug)]
pub(crate) enum ReadError {
    Refused(Refused),
    Io(io::Error),
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReadError::Refused(r) => r.fmt(f),
            ReadError::Io(e) => write!(f, "cannot read the file: {e}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;
    use std::os::unix::fs::symlink;

    #[test]
    fn scratch_names() {
        assert!(is_scratch(".a.md.swp") && is_scratch("a.md~") && is_scratch("x.tmp") && is_scratch(".git"));
        assert!(!is_scratch("a.md"));
        assert!(has_scratch_part("content/.git/x") && !has_scratch_part("content/stations/a.md"));
    }

    #[test]
    fn links_inside_are_followed_and_links_outside_refused() {
        let dir = tempfile::tempdir().unwrap();
        let site = dir.path().join("site");
        let secret = dir.path().join("secret");
        fs::create_dir_all(site.join("static/photos")).unwrap();
        fs::create_dir_all(&secret).unwrap();
        fs::write(secret.join("passwd"), "root").unwrap();
        fs::write(site.join("static/photos/a.jpg"), "jpg").unwrap();
        symlink(site.join("static/photos/a.jpg"), site.join("static/b.jpg")).unwrap();
        symlink(&secret, site.join("static/etc")).unwrap();
        symlink(secret.join("passwd"), site.join("static/p")).unwrap();
        symlink(site.join("nowhere"), site.join("static/dangling")).unwrap();
        symlink(site.join("nowhere"), site.join("static/.#lock")).unwrap();
        let root = Root::new(&site);
        let w = root.files_under("static");
        let files: Vec<&str> = w.files.iter().map(|(r, _)| r.as_str()).collect();
        assert_eq!(files, ["static/b.jpg", "static/photos/a.jpg"]);
        let refused: Vec<&str> = w.refused.iter().map(|(r, _)| r.as_str()).collect();
        assert_eq!(refused, ["static/dangling", "static/etc", "static/p"]);
        assert!(matches!(
            root.read("static/p"),
            Err(ReadError::Refused(Refused::Outside(_)))
        ));
        assert_eq!(root.read("static/b.jpg").unwrap(), b"jpg");
    }

    #[test]
    fn a_linked_folder_outside_is_one_refusal() {
        let dir = tempfile::tempdir().unwrap();
        let site = dir.path().join("site");
        fs::create_dir_all(&site).unwrap();
        fs::create_dir_all(dir.path().join("etc/deep")).unwrap();
        fs::write(dir.path().join("etc/deep/x"), "x").unwrap();
        symlink(dir.path().join("etc"), site.join("static")).unwrap();
        let w = Root::new(&site).files_under("static");
        assert!(w.files.is_empty());
        assert_eq!(w.refused.len(), 1);
        assert_eq!(w.refused[0].0, "static");
    }
}

//! Writing a new output: into a scratch folder beside the real one (inside it for a mount
//! point), swapped in whole, so that a failed or killed build leaves the previous site as it
//! was. Scratch folders of builds that were killed are removed by the next one.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use rayon::prelude::*;

use super::stamp::{self, Written};
use super::tree::Tree;
use super::{Body, Origin, Output};
use crate::error::{Doing, Error, Refusal};
use crate::layout;

/// Where a build puts its scratch folders: beside the output, on the same file system, so
/// that the new output can be renamed into place; inside the output when the output is a mount
/// point (a volume of its own, which cannot be renamed).
#[derive(Debug, Clone)]
struct Place {
    /// The folder the scratch folders are in.
    dir: PathBuf,
    /// `.<output name>.` beside the output, `.` inside it.
    prefix: String,
    /// Whether the output's contents are swapped rather than the folder itself.
    contents: bool,
}

impl Place {
    fn of(out: &Path) -> Result<Place, Error> {
        let no_name = || Error::Output {
            path: out.to_path_buf(),
            why: Refusal::NoName,
        };
        let parent = out.parent().ok_or_else(no_name)?;
        let name = out.file_name().ok_or_else(no_name)?.to_string_lossy().into_owned();
        if is_mount_point(out, parent) {
            Ok(Place {
                dir: out.to_path_buf(),
                prefix: ".".into(),
                contents: true,
            })
        } else {
            Ok(Place {
                dir: parent.to_path_buf(),
                prefix: format!(".{name}."),
                contents: false,
            })
        }
    }

    /// `<prefix>liaison-<what>-<pid>`
    fn folder(&self, what: &str, pid: u32) -> PathBuf {
        self.dir.join(layout::scratch_folder(&self.prefix, what, pid))
    }

    /// The process id in the name of one of this place's scratch folders.
    fn pid_of(&self, name: &str) -> Option<u32> {
        layout::scratch_pid(&self.prefix, name)
    }
}

/// Whether `out` is on another file system than its parent.
fn is_mount_point(out: &Path, parent: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        match (fs::metadata(out), fs::metadata(parent)) {
            (Ok(o), Ok(p)) => o.is_dir() && o.dev() != p.dev(),
            _ => false,
        }
    }
    #[cfg(not(unix))]
    {
        let _ = (out, parent);
        false
    }
}

/// Whether a process of this id is running (a build that was killed is not).
pub(crate) fn process_alive(pid: u32) -> bool {
    #[cfg(unix)]
    {
        match i32::try_from(pid).ok().and_then(rustix::process::Pid::from_raw) {
            Some(p) => !matches!(rustix::process::test_kill_process(p), Err(e) if e == rustix::io::Errno::SRCH),
            None => false,
        }
    }
    #[cfg(not(unix))]
    {
        let _ = pid;
        true
    }
}

/// The process of `.liaison-search-<pid>-<n>`: the search indexer's input folder that builds
/// of earlier versions made beside the output (and left behind when killed).
fn old_search_input(name: &str) -> Option<u32> {
    let (pid, n) = name.strip_prefix(".liaison-search-")?.split_once('-')?;
    n.parse::<u64>().ok()?;
    pid.parse().ok()
}

/// Removes the scratch folders that builds killed before they finished left in `place`
/// (their process is gone). If a build was killed in the middle of swapping its output in,
/// so that the output is missing and the previous one is aside, the previous one is put back.
fn remove_stale(place: &Place, out: &Path) {
    let Ok(entries) = fs::read_dir(&place.dir) else { return };
    let mut stale: Vec<PathBuf> = entries
        .flatten()
        .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let pid = place.pid_of(&name).or_else(|| old_search_input(&name))?;
            (pid != std::process::id() && !process_alive(pid)).then(|| e.path())
        })
        .collect();
    stale.sort();
    if !place.contents
        && !out.exists()
        && let Some(old) = stale.iter().position(|p| p.to_string_lossy().contains(".liaison-old-"))
    {
        let old = stale.remove(old);
        let _ = fs::rename(&old, out);
    }
    for dir in stale {
        let _ = fs::remove_dir_all(dir);
    }
}

/// A new output being written into a temporary folder beside the real one. Pages can be
/// written as they are rendered ([`Staging::write`], from any thread), so that a build holds
/// no more than the pages in flight; [`Staging::commit`] swaps the folder in with one atomic
/// exchange of names (two renames where the system has no exchange). An output folder that is
/// a mount point has its contents swapped instead. Dropped without a commit, it removes the
/// temporary folder and the previous output stays. A build that is killed leaves its folder
/// behind; the next build removes it.
pub(crate) struct Staging {
    tmp: PathBuf,
    /// The temporary folder, open for writing into.
    tree: Tree,
    out: PathBuf,
    place: Place,
    committed: bool,
    /// Every file written, for the stamp of the new output.
    written: Mutex<Vec<Written>>,
}

impl Staging {
    /// Starts a new output for `out` (already checked with [`check_output_dir`]).
    pub(crate) fn new(out: &Path) -> Result<Staging, Error> {
        let place = Place::of(out)?;
        remove_stale(&place, out);
        let tmp = place.folder("new", std::process::id());
        let _ = fs::remove_dir_all(&tmp);
        fs::create_dir_all(&tmp).map_err(Error::io(Doing::Create, &tmp))?;
        let tree = Tree::open(&tmp).map_err(Error::io(Doing::Create, &tmp))?;
        Ok(Staging {
            tmp,
            tree,
            out: out.to_path_buf(),
            place,
            committed: false,
            written: Mutex::new(Vec::new()),
        })
    }

    /// Writes one file (path relative to the output folder).
    pub(crate) fn write(&self, rel: &str, bytes: &[u8]) -> Result<(), Error> {
        let meta = self.tree.write(rel, bytes).map_err(|source| Error::Staging {
            file: Some(rel.to_string()),
            source,
        })?;
        self.record(vec![Written::of(rel, &meta)]);
        Ok(())
    }

    /// Writes a set of files, in parallel.
    pub(crate) fn write_files(&self, files: &Output) -> Result<(), Error> {
        let written = files
            .par_iter()
            .map(|(rel, body)| {
                let meta = match body {
                    Body::Bytes(b) => self.tree.write(rel, b),
                    Body::Copy(Origin::BuiltIn(b)) => self.tree.write(rel, b),
                    Body::Copy(Origin::File(src)) => self.tree.copy(rel, src),
                };
                meta.map(|m| Written::of(rel, &m)).map_err(|source| Error::Staging {
                    file: Some(rel.clone()),
                    source,
                })
            })
            .collect::<Result<Vec<Written>, Error>>()?;
        self.record(written);
        Ok(())
    }

    fn record(&self, files: Vec<Written>) {
        if let Ok(mut w) = self.written.lock() {
            w.extend(files);
        }
    }

    /// The stamp of the new output, from what was written (renaming the folder into place
    /// changes no file's size or time): [`stamp::outputs`] of the output once committed; and
    /// how many files it holds.
    pub(crate) fn stamp(&self) -> (String, usize) {
        let files = self.written.lock().map(|w| w.clone()).unwrap_or_default();
        stamp::of_written(files)
    }

    /// Puts the new output in place of the old one.
    pub(crate) fn commit(mut self) -> Result<(), Error> {
        if self.place.contents {
            self.swap_contents()?;
        } else {
            self.swap_folder()?;
        }
        self.committed = true;
        Ok(())
    }

    fn swap_folder(&self) -> Result<(), Error> {
        let out = &self.out;
        if out.exists() {
            #[cfg(target_os = "linux")]
            {
                use rustix::fs::{CWD, RenameFlags, renameat_with};
                if renameat_with(CWD, &self.tmp, CWD, out, RenameFlags::EXCHANGE).is_ok() {
                    // The previous output now has the temporary name.
                    let _ = fs::remove_dir_all(&self.tmp);
                    return Ok(());
                }
            }
            let old = self.place.folder("old", std::process::id());
            let _ = fs::remove_dir_all(&old);
            fs::rename(out, &old).map_err(Error::io(Doing::MoveAside, out))?;
            if let Err(e) = fs::rename(&self.tmp, out) {
                let _ = fs::rename(&old, out);
                return Err(Error::io(Doing::MoveInto, out)(e));
            }
            let _ = fs::remove_dir_all(&old);
            return Ok(());
        }
        fs::rename(&self.tmp, out).map_err(Error::io(Doing::MoveInto, out))
    }

    /// For an output folder that is a mount point: its entries are moved aside into a scratch
    /// folder inside it, the new ones moved in, and the old ones removed.
    fn swap_contents(&self) -> Result<(), Error> {
        let old = self.place.folder("old", std::process::id());
        let _ = fs::remove_dir_all(&old);
        fs::create_dir(&old).map_err(Error::io(Doing::Create, &old))?;
        let mine = |name: &str| self.place.pid_of(name).is_some();
        let entries = |dir: &Path| -> Result<Vec<std::ffi::OsString>, Error> {
            let mut v: Vec<_> = fs::read_dir(dir)
                .map_err(Error::io(Doing::Read, dir))?
                .flatten()
                .map(|e| e.file_name())
                .filter(|n| !mine(&n.to_string_lossy()))
                .collect();
            v.sort();
            Ok(v)
        };
        for name in entries(&self.out)? {
            fs::rename(self.out.join(&name), old.join(&name)).map_err(Error::io(Doing::MoveAside, &self.out))?;
        }
        for name in entries(&self.tmp)? {
            fs::rename(self.tmp.join(&name), self.out.join(&name)).map_err(Error::io(Doing::MoveInto, &self.out))?;
        }
        let _ = fs::remove_dir_all(&self.tmp);
        let _ = fs::remove_dir_all(&old);
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = fs::remove_dir_all(&self.tmp);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_stamp_of_what_was_written_is_the_stamp_of_the_folder() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        fs::create_dir_all(out.join("old")).unwrap();
        fs::write(out.join("old/index.html"), "previous").unwrap();
        let staging = Staging::new(&out).unwrap();
        // paths whose order as strings is not their order folder by folder
        staging.write("a/index.html", b"<p>a").unwrap();
        staging.write("a-b/index.html", b"<p>ab").unwrap();
        staging.write("a/b/c/index.html", b"<p>c").unwrap();
        let mut files = Output::new();
        files.insert("sitemap.xml".into(), super::super::Body::Bytes(b"<urlset/>".to_vec()));
        files.insert("a/feed.xml".into(), super::super::Body::Bytes(b"<feed/>".to_vec()));
        staging.write_files(&files).unwrap();
        // a file written again is one file
        staging.write("a/index.html", b"<p>a again").unwrap();
        let (written, count) = staging.stamp();
        assert_eq!(count, 5);
        staging.commit().unwrap();
        assert_eq!(written, stamp::outputs(&out));
        // and it is a stamp of these files: one more file changes it
        fs::write(out.join("a/extra.txt"), "x").unwrap();
        assert_ne!(written, stamp::outputs(&out));
    }

    #[test]
    fn scratch_names_carry_the_process() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let place = Place::of(&out).unwrap();
        assert!(!place.contents);
        assert_eq!(place.folder("new", 42), dir.path().join(".public.liaison-new-42"));
        assert_eq!(place.pid_of(".public.liaison-old-42"), Some(42));
        assert_eq!(place.pid_of(".public.liaison-cache-42"), None);
        assert_eq!(place.pid_of(".other.liaison-new-42"), None);
        assert!(process_alive(std::process::id()));
    }

    #[test]
    fn a_killed_swap_gets_the_previous_output_back() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        // A process id that is not running: the largest Linux allows is 2^22.
        let dead = (4_000_000..4_194_304).find(|&p| !process_alive(p)).unwrap();
        let old = dir.path().join(format!(".public.liaison-old-{dead}"));
        let new = dir.path().join(format!(".public.liaison-new-{dead}"));
        fs::create_dir_all(&old).unwrap();
        fs::write(old.join("index.html"), "previous").unwrap();
        fs::create_dir_all(&new).unwrap();
        let unrelated = dir.path().join(".public.notes");
        fs::create_dir_all(&unrelated).unwrap();
        remove_stale(&Place::of(&out).unwrap(), &out);
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "previous");
        assert!(!old.exists() && !new.exists() && unrelated.exists());
    }
}

//! A folder filled with files from many threads, each named by its path relative to the
//! folder. A provincial build writes 260,000 files, most in folders of their own
//! (`representatives/<slug>/index.html`): each folder is made once, and each file is opened
//! relative to the folder that was opened at the start (`openat`), so that the system does not
//! walk the same long absolute path, and fail on a folder not made yet, for every file.

use std::collections::HashSet;
use std::fs;
use std::io::{self, Write};
use std::path::Path;
#[cfg(not(unix))]
use std::path::PathBuf;
use std::sync::Mutex;

pub(crate) struct Tree {
    #[cfg(not(unix))]
    path: PathBuf,
    #[cfg(unix)]
    dir: rustix::fd::OwnedFd,
    /// The folders under it that exist, by relative path.
    made: Mutex<HashSet<String>>,
}

impl Tree {
    /// The folder at `path`, which exists.
    pub(crate) fn open(path: &Path) -> io::Result<Tree> {
        Ok(Tree {
            #[cfg(not(unix))]
            path: path.to_path_buf(),
            #[cfg(unix)]
            dir: rustix::fs::open(
                path,
                rustix::fs::OFlags::RDONLY | rustix::fs::OFlags::DIRECTORY | rustix::fs::OFlags::CLOEXEC,
                rustix::fs::Mode::empty(),
            )?,
            made: Mutex::new(HashSet::new()),
        })
    }

    /// Writes `bytes` to a new file at `rel` (replacing one there), making the folders it
    /// needs, and returns what the file system then says of it (its size and time, for the
    /// output's stamp).
    pub(crate) fn write(&self, rel: &str, bytes: &[u8]) -> io::Result<fs::Metadata> {
        let mut f = self.create(rel)?;
        f.write_all(bytes)?;
        f.metadata()
    }

    /// Copies the file at `src` to `rel`.
    pub(crate) fn copy(&self, rel: &str, src: &Path) -> io::Result<fs::Metadata> {
        let mut from = fs::File::open(src)?;
        let mut f = self.create(rel)?;
        io::copy(&mut from, &mut f)?;
        f.metadata()
    }

    fn create(&self, rel: &str) -> io::Result<fs::File> {
        debug_assert!(!rel.starts_with('/') && !rel.split('/').any(|c| c == ".."), "{rel}");
        if let Some((parent, _)) = rel.rsplit_once('/') {
            self.make_folders(parent)?;
        }
        #[cfg(unix)]
        {
            use rustix::fs::{Mode, OFlags};
            let fd = rustix::fs::openat(
                &self.dir,
                rel,
                OFlags::WRONLY | OFlags::CREATE | OFlags::TRUNC | OFlags::CLOEXEC,
                Mode::from_raw_mode(0o666),
            )?;
            Ok(fs::File::from(fd))
        }
        #[cfg(not(unix))]
        {
            fs::File::create(self.path.join(rel))
        }
    }

    /// Makes `rel` and the folders above it that are not there yet.
    fn make_folders(&self, rel: &str) -> io::Result<()> {
        if self.made.lock().is_ok_and(|m| m.contains(rel)) {
            return Ok(());
        }
        // from the top down: `a`, `a/b`, `a/b/c`
        let ends = rel.match_indices('/').map(|(i, _)| i).chain([rel.len()]);
        for end in ends {
            let folder = &rel[..end];
            if self.made.lock().is_ok_and(|m| m.contains(folder)) {
                continue;
            }
            // Two threads may make the same folder: the second finds it there.
            match self.make_folder(folder) {
                Ok(()) => {}
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
                Err(e) => return Err(e),
            }
            if let Ok(mut m) = self.made.lock() {
                m.insert(folder.to_string());
            }
        }
        Ok(())
    }

    fn make_folder(&self, rel: &str) -> io::Result<()> {
        #[cfg(unix)]
        {
            rustix::fs::mkdirat(&self.dir, rel, rustix::fs::Mode::from_raw_mode(0o777))?;
            Ok(())
        }
        #[cfg(not(unix))]
        {
            fs::create_dir(self.path.join(rel))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_land_under_the_folder_with_the_folders_they_need() {
        let dir = tempfile::tempdir().unwrap();
        let tree = Tree::open(dir.path()).unwrap();
        let meta = tree.write("a/b/c/index.html", b"<p>c").unwrap();
        assert_eq!(meta.len(), 4);
        tree.write("a/b/index.html", b"<p>b").unwrap();
        tree.write("top.txt", b"t").unwrap();
        // written again: replaced, not appended
        tree.write("a/b/index.html", b"<p>bb").unwrap();
        assert_eq!(fs::read(dir.path().join("a/b/c/index.html")).unwrap(), b"<p>c");
        assert_eq!(fs::read(dir.path().join("a/b/index.html")).unwrap(), b"<p>bb");
        assert_eq!(fs::read(dir.path().join("top.txt")).unwrap(), b"t");
        let src = dir.path().join("top.txt");
        tree.copy("x/copy.txt", &src).unwrap();
        assert_eq!(fs::read(dir.path().join("x/copy.txt")).unwrap(), b"t");
    }

    #[test]
    fn many_threads_make_the_same_folders() {
        use rayon::prelude::*;
        let dir = tempfile::tempdir().unwrap();
        let tree = Tree::open(dir.path()).unwrap();
        (0..400).into_par_iter().for_each(|i| {
            tree.write(&format!("s/{}/p/{i}.html", i % 7), i.to_string().as_bytes())
                .unwrap();
        });
        for i in 0..400 {
            let got = fs::read_to_string(dir.path().join(format!("s/{}/p/{i}.html", i % 7))).unwrap();
            assert_eq!(got, i.to_string());
        }
    }

    #[test]
    fn a_file_where_a_folder_must_go_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let tree = Tree::open(dir.path()).unwrap();
        tree.write("a", b"file").unwrap();
        assert!(tree.write("a/index.html", b"x").is_err());
    }
}

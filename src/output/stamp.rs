//! Skipping a build that would change nothing.
//!
//! After writing a site, `build` records two stamps in `.liaison-cache/<output name>.stamp`
//! beside the output folder: one of its inputs (the program itself, the options, "today", and
//! the path, size and modification time of every file under site.toml, content/, static/,
//! templates/ and themes/) and one of the output it wrote (path, size and modification time of
//! every file). The next `build` with the same input stamp over an output with the same stamp
//! writes nothing: the output is exactly what a clean build would write. The folder is
//! only a cache: deleting it costs one full build.

use std::fs;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use std::time::UNIX_EPOCH;

use crate::layout::{self, Root};

/// Where the stamps of the output folder `out` are kept.
pub(crate) fn path(out: &Path) -> Option<PathBuf> {
    let name = out.file_name()?.to_string_lossy().into_owned();
    Some(out.parent()?.join(crate::layout::CACHE).join(format!("{name}.stamp")))
}

/// The modification time of a file, in nanoseconds since 1970 (0 where the system has none).
fn mtime_of(meta: &fs::Metadata) -> u128 {
    meta.modified()
        .ok()
        .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos())
}

/// Feeds one file into the hash: its path, size and modification time.
fn feed(hasher: &mut blake3::Hasher, rel: &str, len: u64, mtime: u128) {
    hasher.update(rel.as_bytes());
    hasher.update(&[0]);
    hasher.update(&len.to_le_bytes());
    hasher.update(&mtime.to_le_bytes());
}

/// Feeds one file into the hash by its metadata (of what a link points at).
fn file(hasher: &mut blake3::Hasher, rel: &str, path: &Path) -> bool {
    let Ok(meta) = fs::metadata(path) else { return false };
    if !meta.is_file() {
        return false;
    }
    feed(hasher, rel, meta.len(), mtime_of(&meta));
    true
}

/// One file of an output as its stamp sees it: its path under the output (with `/`), size and
/// modification time. The build takes it from the file it has just written (one `fstat` of an
/// open file), so that recording the stamp of 260,000 files does not walk them again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Written {
    rel: String,
    len: u64,
    mtime: u128,
}

impl Written {
    pub(crate) fn of(rel: &str, meta: &fs::Metadata) -> Written {
        Written {
            rel: rel.replace('\\', "/"),
            len: meta.len(),
            mtime: mtime_of(meta),
        }
    }
}

/// The stamp of an output made of `files` (in any order; a path twice counts once, as the
/// folder holds it once), and how many files that is.
pub(crate) fn of_written(mut files: Vec<Written>) -> (String, usize) {
    files.sort_by(|a, b| a.rel.cmp(&b.rel));
    files.dedup_by(|later, first| {
        let same = later.rel == first.rel;
        if same {
            // the folder holds the last one written
            if later.mtime > first.mtime {
                *first = later.clone();
            }
        }
        same
    });
    let mut h = blake3::Hasher::new();
    for f in &files {
        feed(&mut h, &f.rel, f.len, f.mtime);
    }
    h.update(&files.len().to_le_bytes());
    (h.finalize().to_hex().to_string(), files.len())
}

/// The stamp of a build's inputs. `options` names everything else the output depends on
/// (base URL, "today", output folder). The site's files are walked as the build reads them
/// (links inside the site followed).
pub(crate) fn inputs(root: &Path, options: &str) -> String {
    let mut h = blake3::Hasher::new();
    h.update(env!("CARGO_PKG_VERSION").as_bytes());
    // The program itself: a rebuilt binary may write other bytes.
    if let Ok(exe) = std::env::current_exe() {
        file(&mut h, &exe.to_string_lossy(), &exe);
    }
    h.update(options.as_bytes());
    let site = Root::new(root);
    for part in layout::SOURCES {
        h.update(part.as_bytes());
        if let Ok(p) = site.resolve(part) {
            file(&mut h, part, &p);
        }
        let walked = site.files_under(part);
        // the sizes and times of 150,000 files asked for on every core, fed in order
        let metas: Vec<Option<(u64, u128)>> = walked
            .files
            .par_iter()
            .map(|(_, path)| {
                fs::metadata(path)
                    .ok()
                    .filter(fs::Metadata::is_file)
                    .map(|m| (m.len(), mtime_of(&m)))
            })
            .collect();
        for ((rel, _), meta) in walked.files.iter().zip(metas) {
            if let Some((len, mtime)) = meta {
                feed(&mut h, rel, len, mtime);
            }
        }
        for (rel, _) in &walked.refused {
            h.update(rel.as_bytes());
        }
    }
    h.finalize().to_hex().to_string()
}

/// The stamp of an output folder as it is now: the same as [`of_written`] of the files a build
/// wrote into it, while nothing else touched them.
pub(crate) fn outputs(out: &Path) -> String {
    let files = walkdir::WalkDir::new(out)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .filter_map(|e| {
            let rel = e.path().strip_prefix(out).ok()?.to_string_lossy().into_owned();
            let meta = fs::metadata(e.path()).ok()?;
            Some(Written::of(&rel, &meta))
        })
        .collect();
    of_written(files).0
}

/// What the stamp file says: the two stamps and the counts of the build that wrote it.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Recorded {
    pub(crate) inputs: String,
    pub(crate) outputs: String,
    pub(crate) pages: usize,
    pub(crate) files: usize,
}

pub(crate) fn read(out: &Path) -> Option<Recorded> {
    let text = fs::read_to_string(path(out)?).ok()?;
    let get = |key: &str| {
        text.lines()
            .find_map(|l| l.strip_prefix(key).and_then(|v| v.strip_prefix(' ')))
            .map(str::to_string)
    };
    Some(Recorded {
        inputs: get("inputs")?,
        outputs: get("outputs")?,
        pages: get("pages")?.parse().ok()?,
        files: get("files")?.parse().ok()?,
    })
}

/// Records the stamps; a cache that cannot be written only costs the next build its skip.
pub(crate) fn write(out: &Path, r: &Recorded) {
    let Some(p) = path(out) else { return };
    if let Some(dir) = p.parent() {
        let _ = fs::create_dir_all(dir);
    }
    let text = format!(
        "# liaison build cache: safe to delete\ninputs {}\noutputs {}\npages {}\nfiles {}\n",
        r.inputs, r.outputs, r.pages, r.files
    );
    let tmp = p.with_extension("stamp.tmp");
    if fs::write(&tmp, text).is_ok() {
        let _ = fs::rename(&tmp, &p);
    }
}

/// Forgets the stamps (before writing a new output, so that a build interrupted half-way is
/// never taken for a finished one).
pub(crate) fn clear(out: &Path) {
    if let Some(p) = path(out) {
        let _ = fs::remove_file(p);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stamps_change_with_any_file_and_with_the_options() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::create_dir_all(root.join("content/stations")).unwrap();
        fs::write(root.join("site.toml"), "title = \"x\"\n").unwrap();
        fs::write(root.join("content/stations/a.md"), "one").unwrap();
        let first = inputs(root, "2026-11-22");
        assert_eq!(first, inputs(root, "2026-11-22"));
        assert_ne!(first, inputs(root, "2026-11-23"));
        fs::write(root.join("content/stations/a.md"), "three").unwrap();
        assert_ne!(first, inputs(root, "2026-11-22"));
        let second = inputs(root, "2026-11-22");
        fs::write(root.join("content/stations/b.md"), "").unwrap();
        assert_ne!(second, inputs(root, "2026-11-22"));

        let out = root.join("public");
        fs::create_dir_all(&out).unwrap();
        fs::write(out.join("index.html"), "<p>").unwrap();
        let o = outputs(&out);
        let r = Recorded {
            inputs: second.clone(),
            outputs: o.clone(),
            pages: 1,
            files: 1,
        };
        write(&out, &r);
        assert_eq!(read(&out), Some(r));
        fs::remove_file(out.join("index.html")).unwrap();
        assert_ne!(o, outputs(&out));
        clear(&out);
        assert_eq!(read(&out), None);
    }
}

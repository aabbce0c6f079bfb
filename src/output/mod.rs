//! Writing the site: everything goes into a temporary folder beside the output and is swapped
//! in only when all of it was written, so a failed build leaves the previous site untouched.

use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::render::theme::Origin;

pub mod stamp;

/// One file of the output.
pub enum Body {
    Bytes(Vec<u8>),
    Copy(Origin),
}

/// The whole output, keyed by path relative to the output folder (sorted).
pub type Output = BTreeMap<String, Body>;

/// Minifies a page: with minify-html's one-pass minifier (several times faster, and our
/// pages are well-formed), or with minify-html itself for a page the one-pass parser refuses.
pub fn minify(html: &[u8]) -> Vec<u8> {
    let cfg = minify_html_onepass::Cfg {
        minify_js: false,
        minify_css: true,
    };
    match minify_html_onepass::copy(html, &cfg) {
        Ok(v) => v,
        Err(_) => minify_full(html),
    }
}

/// minify-html, which accepts any HTML.
fn minify_full(html: &[u8]) -> Vec<u8> {
    let cfg = minify_html::Cfg {
        keep_html_and_head_opening_tags: true,
        keep_closing_tags: true,
        minify_css: true,
        minify_js: false,
        ..minify_html::Cfg::default()
    };
    minify_html::minify(html, &cfg)
}

/// Why an output folder may not be used.
pub fn check_output_dir(root: &Path, out: &Path) -> Result<PathBuf, String> {
    let root = root
        .canonicalize()
        .map_err(|e| format!("cannot resolve the site folder: {e}"))?;
    let abs = absolute(out)?;
    for protected in [
        root.clone(),
        root.join("content"),
        root.join("static"),
        root.join("templates"),
        root.join("themes"),
    ] {
        if protected.starts_with(&abs) {
            return Err(format!(
                "refusing to write the site into {}: it is or contains {}",
                out.display(),
                if protected == root {
                    "the site folder".to_string()
                } else {
                    protected
                        .strip_prefix(&root)
                        .map(|p| p.display().to_string() + "/")
                        .unwrap_or_default()
                }
            ));
        }
        if protected != root && abs.starts_with(&protected) {
            return Err(format!(
                "refusing to write the site into {}: it is inside the site's sources",
                out.display()
            ));
        }
    }
    if abs.is_file() {
        return Err(format!("{} is a file, not a folder", out.display()));
    }
    if abs.is_dir() {
        let mut entries = fs::read_dir(&abs).map_err(|e| format!("cannot read {}: {e}", out.display()))?;
        let empty = entries.next().is_none();
        if !empty && !abs.join("index.html").is_file() && !abs.join("404.html").is_file() {
            return Err(format!(
                "refusing to replace {}: it is not empty and does not look like a built site (no index.html)",
                out.display()
            ));
        }
    }
    Ok(abs)
}

/// An absolute, normalized path whose parent exists or can be resolved.
fn absolute(p: &Path) -> Result<PathBuf, String> {
    let p = if p.is_absolute() {
        p.to_path_buf()
    } else {
        std::env::current_dir().map_err(|e| e.to_string())?.join(p)
    };
    if let Ok(c) = p.canonicalize() {
        return Ok(c);
    }
    let name = p
        .file_name()
        .ok_or_else(|| format!("{} is not a folder name", p.display()))?;
    let parent = p
        .parent()
        .ok_or_else(|| "the output folder has no parent".to_string())?;
    fs::create_dir_all(parent).map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
    let parent = parent
        .canonicalize()
        .map_err(|e| format!("cannot resolve {}: {e}", parent.display()))?;
    Ok(parent.join(name))
}

fn write_all(dir: &Path, files: &Output) -> io::Result<()> {
    let mut dirs: Vec<PathBuf> = files
        .keys()
        .filter_map(|k| Path::new(k).parent().map(|p| dir.join(p)))
        .collect();
    dirs.sort();
    dirs.dedup();
    for d in dirs {
        fs::create_dir_all(d)?;
    }
    files.par_iter().try_for_each(|(rel, body)| {
        let dest = dir.join(rel);
        match body {
            Body::Bytes(b) => fs::write(dest, b),
            Body::Copy(Origin::BuiltIn(b)) => fs::write(dest, b),
            Body::Copy(Origin::File(src)) => fs::copy(src, dest).map(|_| ()),
        }
    })
}

/// `.<name>.liaison-<what>-<pid>` beside the output folder `out`.
fn beside(out: &Path, what: &str) -> Result<PathBuf, String> {
    let parent = out.parent().ok_or("the output folder has no parent")?;
    let name = out
        .file_name()
        .ok_or("the output folder has no name")?
        .to_string_lossy()
        .into_owned();
    Ok(parent.join(format!(".{name}.liaison-{what}-{}", std::process::id())))
}

/// A new output being written into a temporary folder beside the real one. Pages can be
/// written as they are rendered ([`Staging::write`], from any thread), so that a build holds
/// no more than the pages in flight; [`Staging::commit`] swaps the folder in with two renames.
/// Dropped without a commit, it removes the temporary folder and the previous output stays.
pub struct Staging {
    tmp: PathBuf,
    out: PathBuf,
    committed: bool,
}

impl Staging {
    /// Starts a new output for `out` (already checked with [`check_output_dir`]).
    pub fn new(out: &Path) -> Result<Staging, String> {
        let tmp = beside(out, "new")?;
        let _ = fs::remove_dir_all(&tmp);
        fs::create_dir_all(&tmp).map_err(|e| format!("cannot create {}: {e}", tmp.display()))?;
        Ok(Staging {
            tmp,
            out: out.to_path_buf(),
            committed: false,
        })
    }

    /// Writes one file (path relative to the output folder).
    pub fn write(&self, rel: &str, bytes: &[u8]) -> Result<(), String> {
        let dest = self.tmp.join(rel);
        let wrote = fs::write(&dest, bytes).or_else(|e| match dest.parent() {
            Some(dir) if e.kind() == io::ErrorKind::NotFound => {
                fs::create_dir_all(dir)?;
                fs::write(&dest, bytes)
            }
            _ => Err(e),
        });
        wrote.map_err(|e| format!("writing the site failed, the previous output is untouched: {rel}: {e}"))
    }

    /// Writes a set of files.
    pub fn write_files(&self, files: &Output) -> Result<(), String> {
        write_all(&self.tmp, files)
            .map_err(|e| format!("writing the site failed, the previous output is untouched: {e}"))
    }

    /// Puts the new output in place of the old one.
    pub fn commit(mut self) -> Result<(), String> {
        let out = self.out.clone();
        let old = beside(&out, "old")?;
        let had_old = out.exists();
        if had_old {
            let _ = fs::remove_dir_all(&old);
            fs::rename(&out, &old).map_err(|e| format!("cannot move the previous output aside: {e}"))?;
        }
        if let Err(e) = fs::rename(&self.tmp, &out) {
            if had_old {
                let _ = fs::rename(&old, &out);
            }
            return Err(format!("cannot move the new output into place: {e}"));
        }
        self.committed = true;
        if had_old {
            let _ = fs::remove_dir_all(&old);
        }
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

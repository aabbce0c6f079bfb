//! The output folder: what `--output` may be (a folder, or nothing; never the site or its
//! sources, never a file, a device, a FIFO or a socket, never a folder of other things).

use std::fs;
use std::path::{Path, PathBuf};

use crate::error::{Doing, Error, Refusal};
use crate::layout;

/// The output folder `out` resolved, or why it may not be used.
pub(crate) fn check_output_dir(root: &Path, out: &Path) -> Result<PathBuf, Error> {
    let refuse = |why| Error::Output {
        path: out.to_path_buf(),
        why,
    };
    let root = root.canonicalize().map_err(Error::io(Doing::Resolve, root))?;
    let abs = absolute(out)?;
    let sources = layout::SOURCES
        .iter()
        .filter(|s| **s != layout::SITE_TOML)
        .map(|s| root.join(s));
    for protected in std::iter::once(root.clone()).chain(sources) {
        if protected.starts_with(&abs) {
            let what = if protected == root {
                "the site folder".to_string()
            } else {
                protected
                    .strip_prefix(&root)
                    .map(|p| p.display().to_string() + "/")
                    .unwrap_or_default()
            };
            return Err(refuse(Refusal::Holds(what)));
        }
        if protected != root && abs.starts_with(&protected) {
            return Err(refuse(Refusal::InsideSources));
        }
    }
    // Only a folder, or nothing: never a file, a device, a FIFO or a socket.
    if let Ok(m) = fs::metadata(&abs)
        && !m.is_dir()
    {
        return Err(refuse(Refusal::NotAFolder(kind_of(&m))));
    }
    if abs.is_dir() {
        let mut entries = fs::read_dir(&abs).map_err(Error::io(Doing::Read, out))?;
        let empty = entries.next().is_none();
        if !empty && !layout::holds_a_site(&abs) {
            return Err(refuse(Refusal::NotASite));
        }
    }
    Ok(abs)
}

/// What a file that is not a folder is, in words.
fn kind_of(m: &fs::Metadata) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let t = m.file_type();
        if t.is_fifo() {
            return "a named pipe (FIFO)";
        }
        if t.is_socket() {
            return "a socket";
        }
        if t.is_block_device() || t.is_char_device() {
            return "a device";
        }
    }
    if m.is_file() { "a file" } else { "not a folder" }
}

/// An absolute, normalized path whose parent exists or can be resolved.
fn absolute(p: &Path) -> Result<PathBuf, Error> {
    let p = if p.is_absolute() {
        p.to_path_buf()
    } else {
        std::env::current_dir().map_err(Error::io(Doing::Resolve, "."))?.join(p)
    };
    if let Ok(c) = p.canonicalize() {
        return Ok(c);
    }
    let no_name = || Error::Output {
        path: p.clone(),
        why: Refusal::NoName,
    };
    let name = p.file_name().ok_or_else(no_name)?;
    let parent = p.parent().ok_or_else(no_name)?;
    fs::create_dir_all(parent).map_err(Error::io(Doing::Create, parent))?;
    let parent = parent.canonicalize().map_err(Error::io(Doing::Resolve, parent))?;
    Ok(parent.join(name))
}

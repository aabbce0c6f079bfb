//! Writing the site: everything goes into a temporary folder beside the output and is swapped
//! in only when all of it was written, so a failed build leaves the previous site untouched.

use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

pub(crate) mod assets;
mod folder;
mod staging;
pub(crate) mod stamp;

pub(crate) use folder::check_output_dir;
pub(crate) use staging::Staging;

/// Where a template or static file came from.
#[derive(Debug, Clone)]
pub enum Origin {
    BuiltIn(&'static [u8]),
    File(PathBuf),
}

/// One file of the output.
pub enum Body {
    Bytes(Vec<u8>),
    Copy(Origin),
}

/// The whole output, keyed by path relative to the output folder (sorted).
pub type Output = BTreeMap<String, Body>;

pub(crate) fn write_all(dir: &Path, files: &Output) -> io::Result<()> {
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

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

pub(crate) fn write_all(dir: &Path, files: &Output) -> io::Result<Vec<(String, fs::Metadata)>> {
    let mut dirs: Vec<PathBuf> = files
        .keys()
        .filter_map(|k| Path::new(k).parent().map(|p| dir.join(p)))
        .collect();
    dirs.sort();
    dirs.dedup();
    for d in dirs {
        fs::create_dir_all(d)?;
    }
    files
        .par_iter()
        .map(|(rel, body)| {
            let dest = dir.join(rel);
            let meta = match body {
                Body::Bytes(b) => write_file(&dest, b)?,
                Body::Copy(Origin::BuiltIn(b)) => write_file(&dest, b)?,
                Body::Copy(Origin::File(src)) => {
                    fs::copy(src, &dest)?;
                    fs::metadata(&dest)?
                }
            };
            Ok((rel.clone(), meta))
        })
        .collect()
}

/// Writes `bytes` to a new file at `dest` (replacing one there) and returns what the file
/// system then says of it: its size and modification time, for the output's stamp.
pub(crate) fn write_file(dest: &Path, bytes: &[u8]) -> io::Result<fs::Metadata> {
    use std::io::Write;
    let mut f = fs::File::create(dest)?;
    f.write_all(bytes)?;
    f.metadata()
}

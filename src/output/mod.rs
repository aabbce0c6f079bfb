//! Writing the site: everything goes into a temporary folder beside the output and is swapped
//! in only when all of it was written, so a failed build leaves the previous site untouched.

use std::collections::BTreeMap;
use std::path::PathBuf;

pub(crate) mod assets;
mod folder;
mod staging;
pub(crate) mod stamp;
mod tree;

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

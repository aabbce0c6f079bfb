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

/// Minifies a page with minify-html, configured to keep the output valid HTML: attribute
/// values that need quotes keep them, attributes stay apart, character references stay whole
/// (its "possibly non-compliant" shortcuts are all off). Optional end tags (`</li>`, `</p>`)
/// are dropped, as HTML allows.
pub(crate) fn minify(html: &[u8]) -> Vec<u8> {
    let cfg = minify_html::Cfg {
        keep_html_and_head_opening_tags: true,
        minify_css: true,
        minify_js: false,
        ..minify_html::Cfg::default()
    };
    minify_html::minify(html, &cfg)
}

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

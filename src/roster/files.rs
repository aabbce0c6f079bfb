//! The content files a roster meets: the representatives and stations already in content/
//! (read inside the site only, each front matter parsed with toml_edit so that it can be
//! changed in place), the codes of regions.toml; and writing every changed file at once, or
//! none.

use std::fs;
use std::ops::Range;
use std::path::{Path, PathBuf};

use toml_edit::DocumentMut;

use super::StationRef;
use super::edit::get_str;
use crate::content::frontmatter;
use crate::diag::{Diagnostic, Diagnostics, Source};
use crate::error::{Doing, Error};
use crate::layout::Root;

/// A content file already there.
pub(crate) struct Existing {
    /// `content/representatives/zhang-wei.md`
    pub(crate) rel: String,
    pub(crate) slug: String,
    pub(crate) text: String,
    /// The front matter's byte range in `text`.
    pub(crate) front: Range<usize>,
    pub(crate) doc: DocumentMut,
}

impl Existing {
    pub(crate) fn get(&self, key: &str) -> Option<&str> {
        get_str(&self.doc, key)
    }
    /// The file with its front matter replaced by `doc`'s, the rest byte for byte.
    pub(crate) fn with_front(&self, doc: &DocumentMut) -> String {
        format!(
            "{}{}{}",
            &self.text[..self.front.start],
            super::edit::with_newline(doc.to_string()),
            &self.text[self.front.end..]
        )
    }
}

/// Every `*.md` directly in the folder `dir` (`content/representatives`), parsed. A file whose
/// front matter cannot be read is a problem: the roster would have to overwrite it blind.
pub(crate) fn existing(root: &Root, dir: &str, diags: &mut Diagnostics) -> Vec<Existing> {
    let walked = root.files_under(dir);
    for (rel, why) in &walked.refused {
        diags.push(Diagnostic::whole_file(
            &root.given,
            rel,
            format!("cannot be read: {why}"),
        ));
    }
    let mut out = Vec::new();
    for (rel, real) in walked.files {
        let Some(slug) = rel
            .strip_prefix(&format!("{dir}/"))
            .and_then(|f| f.strip_suffix(".md"))
            .filter(|s| !s.contains('/'))
            .map(str::to_string)
        else {
            continue;
        };
        let text = match fs::read(&real).map(String::from_utf8) {
            Ok(Ok(t)) => t,
            Ok(Err(_)) => {
                diags.push(Diagnostic::whole_file(
                    &root.given,
                    &rel,
                    "this file is not UTF-8; fix it before importing a roster",
                ));
                continue;
            }
            Err(e) => {
                diags.push(Diagnostic::from(Error::io(Doing::Read, &real)(e)));
                continue;
            }
        };
        let src = Source::new(&root.given, &rel, text);
        let parts = match frontmatter::split(&src) {
            Ok(p) => p,
            Err(d) => {
                diags.push(d);
                continue;
            }
        };
        match src.text[parts.front.clone()].parse::<DocumentMut>() {
            Ok(doc) => out.push(Existing {
                rel,
                slug,
                text: src.text.clone(),
                front: parts.front,
                doc,
            }),
            Err(e) => {
                let at = e.span().map_or(parts.front.start, |s| parts.front.start + s.start);
                diags.push(src.error(
                    at..at,
                    format!(
                        "the front matter is not valid TOML, so a roster cannot update this file: {}",
                        e.message()
                    ),
                ));
            }
        }
    }
    out
}

/// The stations in content/, as a roster refers to them.
pub(crate) fn station_refs(stations: &[Existing]) -> Vec<StationRef> {
    stations
        .iter()
        .map(|s| StationRef {
            slug: s.slug.clone(),
            name: s.get("name").unwrap_or_default().to_string(),
        })
        .collect()
}

/// `(code, name)` of every region in content/regions.toml (none when it cannot be read: the
/// build reports that).
pub(crate) fn regions(root: &Root) -> Vec<(String, String)> {
    let Ok(bytes) = root.read("content/regions.toml") else {
        return Vec::new();
    };
    let Ok(table) = toml::from_str::<toml::Table>(&String::from_utf8_lossy(&bytes)) else {
        return Vec::new();
    };
    let Some(list) = table.get("region").and_then(|r| r.as_array()) else {
        return Vec::new();
    };
    list.iter()
        .filter_map(|r| {
            let code = r.get("code")?.as_str()?.to_string();
            let name = r.get("name").and_then(|n| n.as_str()).unwrap_or_default().to_string();
            Some((code, name))
        })
        .collect()
}

/// A file to write: its path relative to the site, and its new text.
pub(crate) struct Planned {
    pub(crate) rel: String,
    pub(crate) text: String,
}

/// Writes every planned file, or none: each goes to a temporary file beside it first, and
/// only when all are written are they renamed into place; a failed rename puts back what
/// was there.
pub(crate) fn write_all(root: &Path, planned: &[Planned]) -> Result<(), Error> {
    let mut temps: Vec<(PathBuf, PathBuf)> = Vec::new();
    let cleanup = |temps: &[(PathBuf, PathBuf)]| {
        for (tmp, _) in temps {
            let _ = fs::remove_file(tmp);
        }
    };
    for p in planned {
        let dest = root.join(&p.rel);
        if let Some(dir) = dest.parent() {
            fs::create_dir_all(dir).map_err(Error::io(Doing::Create, dir))?;
        }
        let tmp = dest.with_file_name(format!(".{}.liaison-roster-{}", file_name(&dest), std::process::id()));
        if let Err(e) = fs::write(&tmp, &p.text) {
            cleanup(&temps);
            let _ = fs::remove_file(&tmp);
            return Err(Error::io(Doing::Write, &tmp)(e));
        }
        temps.push((tmp, dest));
    }
    let mut done: Vec<(PathBuf, Option<Vec<u8>>)> = Vec::new();
    for (i, (tmp, dest)) in temps.iter().enumerate() {
        let before = fs::read(dest).ok();
        if let Err(e) = fs::rename(tmp, dest) {
            for (d, b) in done.into_iter().rev() {
                let _ = match b {
                    Some(bytes) => fs::write(&d, bytes),
                    None => fs::remove_file(&d),
                };
            }
            cleanup(&temps[i..]);
            return Err(Error::io(Doing::Write, dest)(e));
        }
        done.push((dest.clone(), before));
    }
    Ok(())
}

fn file_name(p: &Path) -> String {
    p.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

//! The content files a roster meets: the representatives and stations already in content/
//! (read inside the site only, each front matter parsed with toml_edit so that it can be
//! changed in place), the codes of regions.toml; and writing every changed file at once, or
//! none.

use std::fs;
use std::ops::Range;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use toml_edit::DocumentMut;

use super::StationRef;
use super::edit::get_str;
use crate::content::frontmatter;
use crate::diag::{Diagnostic, Diagnostics, Source};
use crate::error::{Doing, Error};
use crate::layout::Root;

/// A content file already there: its text, and the keys a roster matches people and
/// stations by. The front matter is parsed again when the file is compared with the sheet, so
/// that 140,000 parsed documents are never held at once.
pub(crate) struct Existing {
    /// `content/representatives/zhang-wei.md`
    pub(crate) rel: String,
    pub(crate) slug: String,
    pub(crate) text: String,
    /// The front matter's byte range in `text`.
    pub(crate) front: Range<usize>,
    pub(crate) name: String,
    pub(crate) station: Option<String>,
    pub(crate) unit: Option<String>,
}

impl Existing {
    /// The front matter, parsed (it parsed when the file was read).
    pub(crate) fn doc(&self) -> DocumentMut {
        self.text[self.front.clone()].parse().unwrap_or_default()
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
    let prefix = format!("{dir}/");
    let read: Vec<Result<Existing, Diagnostic>> = walked
        .files
        .into_par_iter()
        .filter_map(|(rel, real)| {
            let slug = rel
                .strip_prefix(&prefix)
                .and_then(|f| f.strip_suffix(".md"))
                .filter(|s| !s.contains('/'))?
                .to_string();
            Some(read_one(root, rel, slug, &real))
        })
        .collect();
    let mut out = Vec::with_capacity(read.len());
    for r in read {
        match r {
            Ok(e) => out.push(e),
            Err(d) => diags.push(d),
        }
    }
    out
}

/// One content file, with the keys a roster matches by.
fn read_one(root: &Root, rel: String, slug: String, real: &Path) -> Result<Existing, Diagnostic> {
    let text = match fs::read(real).map(String::from_utf8) {
        Ok(Ok(t)) => t,
        Ok(Err(_)) => {
            return Err(Diagnostic::whole_file(
                &root.given,
                &rel,
                "this file is not UTF-8; fix it before importing a roster",
            ));
        }
        Err(e) => return Err(Diagnostic::from(Error::io(Doing::Read, real)(e))),
    };
    let src = Source::new(&root.given, &rel, text);
    let parts = frontmatter::split(&src)?;
    match src.text[parts.front.clone()].parse::<DocumentMut>() {
        Ok(doc) => Ok(Existing {
            name: get_str(&doc, "name").unwrap_or_default().to_string(),
            station: get_str(&doc, "station").map(str::to_string),
            unit: get_str(&doc, "unit").map(str::to_string),
            rel,
            slug,
            text: src.text.clone(),
            front: parts.front,
        }),
        Err(e) => {
            let at = e.span().map_or(parts.front.start, |s| parts.front.start + s.start);
            Err(src.error(
                at..at,
                format!(
                    "the front matter is not valid TOML, so a roster cannot update this file: {}",
                    e.message()
                ),
            ))
        }
    }
}

/// The stations in content/, as a roster refers to them.
pub(crate) fn station_refs(stations: &[Existing]) -> Vec<StationRef> {
    stations
        .iter()
        .map(|s| StationRef {
            slug: s.slug.clone(),
            name: s.name.clone(),
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

/// Removes what a failed write made, putting back what it replaced.
fn undo(made: &[PathBuf], replaced: Vec<(PathBuf, Vec<u8>)>, temps: &[PathBuf]) {
    for p in made.iter().chain(temps) {
        let _ = fs::remove_file(p);
    }
    for (p, bytes) in replaced.into_iter().rev() {
        let _ = fs::write(&p, bytes);
    }
}

/// Writes every planned file, or none. A file that changes is written to a hidden temporary
/// file beside it first; a new file is created where it goes (it must not exist yet). Only
/// when every new file and every temporary file is written are the temporary files renamed
/// into place; any failure removes what was made and puts back what was replaced.
pub(crate) fn write_all(root: &Path, planned: &[Planned]) -> Result<(), Error> {
    let mut dirs: std::collections::HashSet<PathBuf> = std::collections::HashSet::new();
    let (mut made, mut temps): (Vec<PathBuf>, Vec<(PathBuf, PathBuf)>) = (Vec::new(), Vec::new());
    let fail = |made: &[PathBuf], temps: &[(PathBuf, PathBuf)], e: Error| {
        let t: Vec<PathBuf> = temps.iter().map(|(t, _)| t.clone()).collect();
        undo(made, Vec::new(), &t);
        Err(e)
    };
    for p in planned {
        let dest = root.join(&p.rel);
        if let Some(dir) = dest.parent()
            && dirs.insert(dir.to_path_buf())
            && let Err(e) = fs::create_dir_all(dir)
        {
            return fail(&made, &temps, Error::io(Doing::Create, dir)(e));
        }
        if dest.symlink_metadata().is_err() {
            // create_new: a file that appeared meanwhile is never overwritten, nor removed
            let mut f = match fs::OpenOptions::new().write(true).create_new(true).open(&dest) {
                Ok(f) => f,
                Err(e) => return fail(&made, &temps, Error::io(Doing::Create, &dest)(e)),
            };
            made.push(dest.clone());
            if let Err(e) = std::io::Write::write_all(&mut f, p.text.as_bytes()) {
                return fail(&made, &temps, Error::io(Doing::Write, &dest)(e));
            }
        } else {
            let tmp = dest.with_file_name(format!(".{}.liaison-roster-{}", file_name(&dest), std::process::id()));
            if let Err(e) = fs::write(&tmp, &p.text) {
                let _ = fs::remove_file(&tmp);
                return fail(&made, &temps, Error::io(Doing::Write, &tmp)(e));
            }
            temps.push((tmp, dest));
        }
    }
    let mut replaced: Vec<(PathBuf, Vec<u8>)> = Vec::new();
    for (i, (tmp, dest)) in temps.iter().enumerate() {
        let before = fs::read(dest).unwrap_or_default();
        if let Err(e) = fs::rename(tmp, dest) {
            let rest: Vec<PathBuf> = temps[i..].iter().map(|(t, _)| t.clone()).collect();
            undo(&made, replaced, &rest);
            return Err(Error::io(Doing::Write, dest)(e));
        }
        replaced.push((dest.clone(), before));
    }
    Ok(())
}

fn file_name(p: &Path) -> String {
    p.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

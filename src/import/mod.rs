//! Importing bulletin issues as the issuing office distributes them (plain text or Markdown
//! extracted from the PDF) into content/bulletins/<year>/<n>.md.
//!
//! The steps, one module each:
//! [`text`] (line ends, BOM, half-width punctuation) → [`masthead`] (第 n 期, 总第, 编, date;
//! a document without one is not a bulletin) → [`colophon`] (送, 责任编辑, 联系方式, 批准文号 at
//! the end) → [`paragraphs`] (lines → units; what continues across a wrap or page break) →
//! [`articles`] (titles, subtitles, sections, attributions) → [`output`] (front matter and
//! Markdown). Numbers in Arabic or Chinese numerals are read by [`numerals`].
//!
//! See docs/import.md for what is accepted and the limits.

pub(crate) mod articles;
pub(crate) mod colophon;
pub(crate) mod masthead;
pub(crate) mod numerals;
pub(crate) mod output;
pub(crate) mod paragraphs;
pub(crate) mod text;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use chrono::Datelike;

use numerals::DateFound;
use output::Meta;

use crate::error::{Doing, Error, Unimportable};

/// One converted document.
#[derive(Debug, Clone, PartialEq)]
pub struct Imported {
    pub year: i32,
    pub number: u32,
    /// Relative to the site root, e.g. `content/bulletins/2021/19.md`.
    pub path: PathBuf,
    /// The content file: front matter and Markdown.
    pub text: String,
}

/// Whether the document is Markdown (from a PDF converter) rather than plain text: it has
/// Markdown headings, bold lines or rules.
fn is_markdown(lines: &[String]) -> bool {
    lines.iter().any(|l| {
        let heading = l.starts_with('#') && l.trim_start_matches('#').starts_with(' ');
        let bold = l.len() > 4 && l.starts_with("**") && l.ends_with("**");
        heading || bold || text::is_rule(l)
    })
}

/// Parses one document into the content file's text (no file access). Err: a reason in one
/// sentence, e.g. "not a bulletin: no 第 n 期 masthead at the top of the document".
pub fn convert(document: &str) -> Result<Imported, Unimportable> {
    let lines = text::lines(document);
    let m = masthead::find(&lines)?;
    let (colophon_start, col) = colophon::split(&lines, m.end);
    let date = match (&m.date, col.printed) {
        (Some(DateFound::Date(d, _)), _) => *d,
        (_, Some(d)) => d,
        (Some(DateFound::Invalid(t, _)), None) => {
            return Err(Unimportable::NotARealDate(t.clone()));
        }
        (None, None) => return Err(Unimportable::NoDate),
    };
    let year = date.year();
    if !(1949..=2200).contains(&year) {
        return Err(Unimportable::ImplausibleDate(date.to_string()));
    }
    let markdown = is_markdown(&lines);
    let body_lines = lines.get(m.end..colophon_start).unwrap_or_default();
    let units = paragraphs::units(body_lines, markdown, &m.running_heads);
    let body = articles::build(&units, markdown);
    if body.intro.is_empty() && body.articles.is_empty() {
        return Err(Unimportable::NoText);
    }
    let clean = |s: Option<String>| s.map(|s| text::collapse_spaces(&s)).filter(|s| !s.is_empty());
    let meta = Meta {
        date,
        issue: m.issue,
        total: m.total.filter(|&t| t > 0),
        publisher: clean(m.publisher),
        editors: col.editors,
        contact: clean(col.contact),
        approval: clean(col.approval),
        recipients: col.recipients,
        colophon: col.other,
    };
    let mut out = output::front_matter(&meta);
    out.push_str(&output::body(&body, !markdown));
    Ok(Imported {
        year,
        number: m.issue,
        path: Path::new("content")
            .join("bulletins")
            .join(year.to_string())
            .join(format!("{}.md", m.issue)),
        text: out,
    })
}

/// The largest document read (a year of bulletins as text is a few hundred kilobytes).
pub(crate) const MAX_DOCUMENT: u64 = 16 * 1024 * 1024;

/// Reads a document: a regular file of at most [`MAX_DOCUMENT`] bytes (never a device or a
/// pipe, which may never end), as UTF-8.
pub(crate) fn read_document(file: &Path) -> Result<Vec<u8>, Error> {
    use std::io::Read;
    let too_large = || {
        Error::Import(Unimportable::TooLarge {
            megabytes: MAX_DOCUMENT >> 20,
        })
    };
    let meta = fs::metadata(file).map_err(Error::io(Doing::Read, file))?;
    if !meta.is_file() {
        return Err(Error::Import(Unimportable::NotAFile));
    }
    if meta.len() > MAX_DOCUMENT {
        return Err(too_large());
    }
    let mut bytes = Vec::new();
    fs::File::open(file)
        .and_then(|f| f.take(MAX_DOCUMENT + 1).read_to_end(&mut bytes))
        .map_err(Error::io(Doing::Read, file))?;
    if bytes.len() as u64 > MAX_DOCUMENT {
        return Err(too_large());
    }
    Ok(bytes)
}

fn read(file: &Path) -> Result<String, Error> {
    let bytes = read_document(file)?;
    String::from_utf8(bytes).map_err(|_| Error::Import(Unimportable::NotUtf8))
}

/// Why `root` is not a site to import into: it must exist and hold a site.toml, so that a
/// mistyped `--root` creates no folders.
pub(crate) fn check_site(root: &Path) -> Result<(), Error> {
    if root.join(crate::layout::SITE_TOML).is_file() {
        Ok(())
    } else {
        Err(Error::Import(Unimportable::NotASite(root.to_path_buf())))
    }
}

/// A file about to be written.
struct Planned {
    source: PathBuf,
    /// Relative to the root.
    rel: PathBuf,
    dest: PathBuf,
    text: String,
}

fn write_one(p: &Planned) -> Result<(), Error> {
    let dir = p.dest.parent().unwrap_or(Path::new("."));
    fs::create_dir_all(dir).map_err(Error::io(Doing::Create, dir))?;
    let name = p
        .dest
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.import-tmp"));
    fs::write(&tmp, &p.text).map_err(Error::io(Doing::Write, &tmp))?;
    fs::rename(&tmp, &p.dest).map_err(|e| {
        let _ = fs::remove_file(&tmp);
        Error::io(Doing::Write, &p.dest)(e)
    })
}

/// Converts and writes each file under `root`; refuses to overwrite unless `force`. Returns the
/// written paths, relative to `root` like [`Imported::path`] (`content/bulletins/2021/19.md`),
/// or for each failing file `(file, reason)`. It is all or nothing: when any file fails,
/// nothing is written.
pub fn import_files(root: &Path, files: &[PathBuf], force: bool) -> Result<Vec<PathBuf>, Vec<(PathBuf, Error)>> {
    check_site(root).map_err(|e| vec![(root.to_path_buf(), e)])?;
    let mut failures: Vec<(PathBuf, Error)> = Vec::new();
    let mut planned: Vec<Planned> = Vec::new();
    let mut seen: BTreeMap<PathBuf, PathBuf> = BTreeMap::new();
    for file in files {
        let imported = match read(file).and_then(|t| convert(&t).map_err(Error::Import)) {
            Ok(i) => i,
            Err(e) => {
                failures.push((file.clone(), e));
                continue;
            }
        };
        let dest = root.join(&imported.path);
        let shown = imported.path.display().to_string().replace('\\', "/");
        if let Some(first) = seen.get(&dest) {
            failures.push((
                file.clone(),
                Error::Import(Unimportable::Twice {
                    year: imported.year,
                    number: imported.number,
                    other: first.clone(),
                }),
            ));
            continue;
        }
        // Anything there, even a link to nowhere, is kept unless --force.
        if dest.symlink_metadata().is_ok() && !force {
            failures.push((file.clone(), Error::Import(Unimportable::Exists(shown))));
            continue;
        }
        seen.insert(dest.clone(), file.clone());
        planned.push(Planned {
            source: file.clone(),
            rel: imported.path,
            dest,
            text: imported.text,
        });
    }
    if !failures.is_empty() {
        return Err(failures);
    }
    // Write, putting back what was there if a write fails.
    let mut done: Vec<(PathBuf, Option<Vec<u8>>)> = Vec::new();
    for p in &planned {
        let before = fs::read(&p.dest).ok();
        if let Err(e) = write_one(p) {
            for (dest, before) in done.into_iter().rev() {
                let _ = match before {
                    Some(bytes) => fs::write(&dest, bytes),
                    None => fs::remove_file(&dest),
                };
            }
            return Err(vec![(p.source.clone(), e)]);
        }
        done.push((p.dest.clone(), before));
    }
    Ok(planned.into_iter().map(|p| p.rel).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = "联络动态\n\n第 3 期\n\n（总第 30 期）\n\n某县人大常委会编\n\n2024年7月30日\n\n标题\n\n正文。\n\n（某镇供稿）\n\n送：县委\n\n责任编辑：张 三  李 四\n";

    #[test]
    fn converts_a_small_issue() {
        let i = convert(DOC).unwrap();
        assert_eq!((i.year, i.number), (2024, 3));
        assert_eq!(i.path, Path::new("content/bulletins/2024/3.md"));
        assert_eq!(
            i.text,
            "+++\ndate = 2024-07-30\nissue = 3\ntotal = 30\npublisher = \"某县人大常委会\"\neditors = [\"张三\", \"李四\"]\nrecipients = [\"县委\"]\n+++\n## 标题\n\n正文。\n\n（某镇供稿）\n"
        );
    }

    #[test]
    fn reasons() {
        assert!(
            convert("县人大召开会议。")
                .unwrap_err()
                .to_string()
                .starts_with("not a bulletin")
        );
        assert!(
            convert("第 3 期\n\n标题\n\n正文。")
                .unwrap_err()
                .to_string()
                .contains("no date")
        );
        assert!(
            convert("第 3 期\n2024年2月30日\n标题\n正文。")
                .unwrap_err()
                .to_string()
                .contains("not a real date")
        );
        assert!(
            convert("第 3 期\n2024年2月3日\n")
                .unwrap_err()
                .to_string()
                .contains("no text")
        );
        assert!(
            convert("第 3 期\n1900年2月3日\n标题")
                .unwrap_err()
                .to_string()
                .contains("plausible")
        );
    }

    #[test]
    fn date_from_the_printing_line() {
        let i = convert("第 3 期\n\n标题\n\n正文。\n\n县人大办公室 2024年8月1日印发").unwrap();
        assert!(i.text.contains("date = 2024-08-01"), "{}", i.text);
        assert!(
            i.text.contains("colophon = [\"县人大办公室 2024年8月1日印发\"]"),
            "{}",
            i.text
        );
    }

    #[test]
    fn import_is_all_or_nothing_and_refuses_to_overwrite() {
        let dir = tempfile::tempdir().unwrap();
        let good = dir.path().join("good.txt");
        let bad = dir.path().join("bad.txt");
        fs::write(&good, DOC).unwrap();
        fs::write(&bad, "新闻").unwrap();
        let root = dir.path().join("site");
        let e = import_files(&root, std::slice::from_ref(&good), false).unwrap_err();
        assert!(e[0].1.to_string().contains("not a liaison site"), "{e:?}");
        assert!(!root.exists(), "a missing site folder is not created");
        fs::create_dir_all(&root).unwrap();
        fs::write(root.join("site.toml"), "").unwrap();
        let e = import_files(&root, &[good.clone(), bad.clone()], false).unwrap_err();
        assert_eq!(e.len(), 1);
        assert_eq!(e[0].0, bad);
        assert!(!root.join("content").exists());
        let written = import_files(&root, std::slice::from_ref(&good), false).unwrap();
        assert_eq!(written, [Path::new("content/bulletins/2024/3.md")]);
        assert!(root.join(&written[0]).is_file());
        let e = import_files(&root, std::slice::from_ref(&good), false).unwrap_err();
        assert!(e[0].1.to_string().contains("--force"), "{}", e[0].1);
        assert!(import_files(&root, std::slice::from_ref(&good), true).is_ok());
        let e = import_files(&root, &[good.clone(), good.clone()], true).unwrap_err();
        assert!(e[0].1.to_string().contains("also in"), "{}", e[0].1);
    }
}

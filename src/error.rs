//! One error type for every failure that is not a problem of the content (those are
//! [`Diagnostic`]s with a place in a file): the machine's files and folders, the output
//! folder, the search indexer, the server, the commands that write content files. Each carries
//! what it was about and its cause ([`std::error::Error::source`]); it becomes a diagnostic at
//! one boundary (`From<Error> for Diagnostic`), and `main` prints the rest.

use std::error::Error as StdError;
use std::fmt;
use std::io;
use std::path::PathBuf;

use crate::diag::{Diagnostic, Diagnostics};

/// What was being done to a file or folder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Doing {
    Read,
    Write,
    Create,
    Resolve,
    MoveAside,
    MoveInto,
    Watch,
}

impl Doing {
    fn words(self) -> &'static str {
        match self {
            Doing::Read => "cannot read",
            Doing::Write => "cannot write",
            Doing::Create => "cannot create",
            Doing::Resolve => "cannot resolve",
            Doing::MoveAside => "cannot move the previous output aside",
            Doing::MoveInto => "cannot move the new output into place",
            Doing::Watch => "cannot watch",
        }
    }
}

/// Why the output folder may not be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// It is the site folder, or holds one of its sources (named).
    Holds(String),
    /// It is inside the site's sources.
    InsideSources,
    /// It is a file, a device, a FIFO or a socket (named).
    NotAFolder(&'static str),
    /// It holds other things and no built site.
    NotASite,
    /// It has no name or no parent folder.
    NoName,
}

/// Why a document cannot be imported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unimportable {
    /// No 第 n 期 masthead at the top.
    NotABulletin,
    IssueZero,
    /// A masthead date that does not exist (the text as written).
    NotARealDate(String),
    NoDate,
    /// A date too far from today to be an issue's (the date).
    ImplausibleDate(String),
    NoText,
    NotAFile,
    TooLarge {
        megabytes: u64,
    },
    NotUtf8,
    /// The content file is there already (its path as shown).
    Exists(String),
    /// The same issue is in another document of the same run.
    Twice {
        year: i32,
        number: u32,
        other: PathBuf,
    },
    /// `--root` is not a liaison site.
    NotASite(PathBuf),
}

impl fmt::Display for Unimportable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Unimportable::NotABulletin => f.write_str("not a bulletin: no 第 n 期 masthead at the top of the document"),
            Unimportable::IssueZero => f.write_str("the issue number (第 n 期) must be at least 1"),
            Unimportable::NotARealDate(t) => write!(f, "the masthead date {t} is not a real date"),
            Unimportable::NoDate => f.write_str("the masthead has no date such as 2024年7月30日"),
            Unimportable::ImplausibleDate(d) => write!(f, "the masthead date {d} is not a plausible issue date"),
            Unimportable::NoText => f.write_str("there is no text after the masthead"),
            Unimportable::NotAFile => {
                f.write_str("this is not a regular file (a folder, device or pipe); give the document's file")
            }
            Unimportable::TooLarge { megabytes } => {
                write!(
                    f,
                    "the file is larger than {megabytes} MB: this is not a document to import"
                )
            }
            Unimportable::NotUtf8 => f.write_str("the file is not UTF-8 text; save it as UTF-8 (not GBK/GB18030)"),
            Unimportable::Exists(shown) => write!(f, "{shown} already exists; use --force to overwrite it"),
            Unimportable::Twice { year, number, other } => {
                write!(f, "{year} 第 {number} 期 is also in {}", other.display())
            }
            Unimportable::NotASite(root) => write!(
                f,
                "{} is not a liaison site (it has no site.toml); nothing was written",
                root.display()
            ),
        }
    }
}

#[derive(Debug)]
pub enum Error {
    /// A file or folder could not be read, written, made or moved.
    Io {
        doing: Doing,
        path: PathBuf,
        source: io::Error,
    },
    /// The output folder may not be used.
    Output {
        path: PathBuf,
        why: Refusal,
    },
    /// Writing the new output failed; the previous one is untouched.
    Staging {
        file: Option<String>,
        source: io::Error,
    },
    /// The search indexer failed (on a record, if named).
    Search {
        record: Option<String>,
        source: Box<dyn StdError + Send + Sync>,
    },
    /// `serve` cannot listen on its port.
    Listen {
        port: u16,
        source: io::Error,
    },
    /// `serve` cannot watch a folder of the site.
    Watch {
        path: PathBuf,
        source: Box<dyn StdError + Send + Sync>,
    },
    /// `new`: no name was given, or one that is not a slug (with a suggestion).
    NoName,
    BadName {
        name: String,
        suggestion: String,
    },
    /// `new`: the file is there already.
    Exists(PathBuf),
    /// `import`: a document that cannot be imported.
    Import(Unimportable),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Io { doing, path, source } => write!(f, "{} {}: {source}", doing.words(), path.display()),
            Error::Output { path, why } => match why {
                Refusal::Holds(what) => write!(
                    f,
                    "refusing to write the site into {}: it is or contains {what}",
                    path.display()
                ),
                Refusal::InsideSources => write!(
                    f,
                    "refusing to write the site into {}: it is inside the site's sources",
                    path.display()
                ),
                Refusal::NotAFolder(kind) => write!(
                    f,
                    "{} is {kind}, not a folder: give a folder (new or holding a built site)",
                    path.display()
                ),
                Refusal::NotASite => write!(
                    f,
                    "refusing to replace {}: it is not empty and does not look like a built site (no index.html)",
                    path.display()
                ),
                Refusal::NoName => write!(f, "{} is not a folder name", path.display()),
            },
            Error::Staging { file, source } => match file {
                Some(rel) => write!(
                    f,
                    "writing the site failed, the previous output is untouched: {rel}: {source}"
                ),
                None => write!(f, "writing the site failed, the previous output is untouched: {source}"),
            },
            Error::Search { record, source } => match record {
                Some(r) => write!(f, "search index: {r}: {source}"),
                None => write!(f, "search index: {source}"),
            },
            Error::Listen { port, source } => write!(f, "cannot listen on 127.0.0.1:{port}: {source}"),
            Error::Watch { path, source } => write!(f, "cannot watch {}: {source}", path.display()),
            Error::NoName => f.write_str("give the new file's name, e.g. `liaison new station shuikouzhen-center`"),
            Error::BadName { name, suggestion } => write!(
                f,
                "`{name}` is not a valid name: use lowercase letters a-z, digits and `-` (e.g. `{suggestion}`)"
            ),
            Error::Exists(path) => write!(f, "{} already exists", path.display()),
            Error::Import(why) => why.fmt(f),
        }
    }
}

impl StdError for Error {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        match self {
            Error::Io { source, .. } | Error::Staging { source, .. } | Error::Listen { source, .. } => Some(source),
            Error::Search { source, .. } | Error::Watch { source, .. } => Some(source.as_ref()),
            _ => None,
        }
    }
}

impl Error {
    pub(crate) fn io(doing: Doing, path: impl Into<PathBuf>) -> impl FnOnce(io::Error) -> Error {
        let path = path.into();
        move |source| Error::Io { doing, path, source }
    }

    /// What the error is about, as a diagnostic names it: the output folder, the file.
    fn subject(&self) -> String {
        match self {
            Error::Output { path, .. } | Error::Io { path, .. } | Error::Watch { path, .. } | Error::Exists(path) => {
                path.display().to_string()
            }
            Error::Staging { .. } => "output".into(),
            Error::Search { .. } => "search index".into(),
            _ => "liaison".into(),
        }
    }
}

/// The one boundary where an error becomes a diagnostic: about no place in a file.
impl From<Error> for Diagnostic {
    fn from(e: Error) -> Diagnostic {
        Diagnostic::general(e.subject(), e.to_string())
    }
}

impl From<Error> for Diagnostics {
    fn from(e: Error) -> Diagnostics {
        Diagnostic::from(e).into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_name_the_subject_and_keep_the_cause() {
        let e = Error::io(Doing::Write, "/srv/www/a.html")(io::Error::other("disk full"));
        assert_eq!(e.to_string(), "cannot write /srv/www/a.html: disk full");
        assert!(e.source().is_some());
        let d = Diagnostic::from(Error::Output {
            path: "/dev/null".into(),
            why: Refusal::NotAFolder("a device"),
        });
        assert_eq!(
            d.to_string(),
            "/dev/null: /dev/null is a device, not a folder: give a folder (new or holding a built site)"
        );
    }
}

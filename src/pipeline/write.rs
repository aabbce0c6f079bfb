//! The one-shot build (`liaison build`, `check`): every stage in order, the pages written into
//! a new output folder as they are rendered and the folder swapped in whole; or, for `check`,
//! every internal link checked and nothing written. A build whose inputs and output are what
//! the last one recorded writes nothing.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};

use super::{FileBytes, assemble, load, model_of, render, search, theme};
use crate::content::{self, Files};
use crate::diag::{Diagnostic, Diagnostics};
use crate::error::{Doing, Error};
use crate::layout::{self, Root};
use crate::model::{Memo, Site};
use crate::output::{self, Body, Output, Staging, stamp};
use crate::outputs::ics;
use crate::outputs::links;
use crate::pages;
use crate::timings::{Phase, Timings};
use crate::today::Today;

pub struct BuildOptions {
    pub root: PathBuf,
    /// Default: `<root>/public`.
    pub output: Option<PathBuf>,
    pub base_url: Option<String>,
    pub today: Today,
    /// `false` for `check`: everything but writing.
    pub write: bool,
    /// `check --report FILE`: where to write the report of what is incomplete.
    pub report: Option<PathBuf>,
}

#[derive(Debug)]
pub struct Report {
    pub pages: usize,
    pub files: usize,
    pub seconds: f64,
    pub output: PathBuf,
    /// The clock of the build: each phase, and the thread time of templates and minification.
    pub timings: Timings,
    /// Whether the output was already what this build would write (nothing was written).
    pub unchanged: bool,
}

/// A problem of the output folder, named by it.
fn output_problem(out: &Path, e: Error) -> Diagnostics {
    Diagnostic::general(out.display().to_string(), e.to_string()).into()
}

/// Builds the site: every stage, then the atomic write (or, for `check`, the link check).
pub(crate) fn build(opts: &BuildOptions, progress: &(dyn Fn(usize, usize) + Sync)) -> Result<Report, Diagnostics> {
    let timings = Timings::new();
    let out_dir = opts
        .output
        .clone()
        .unwrap_or_else(|| opts.root.join(layout::DEFAULT_OUTPUT));
    if !opts.write {
        return check_only(opts, &out_dir, timings, progress);
    }
    let out = output::check_output_dir(&opts.root, &out_dir).map_err(|e| output_problem(&out_dir, e))?;
    // Nothing changed since the last build into this folder: nothing to write. Without a
    // record of the last build the build cannot be skipped, so the content is read while the
    // input stamp is made.
    let record = stamp::read(&out).filter(|_| out.is_dir());
    let stamp_inputs = || stamp::inputs(&opts.root, &stamp_options(opts, &out));
    let (inputs, loaded) = if record.is_some() {
        let inputs = stamp_inputs();
        timings.done(Phase::StampInputs);
        (inputs, None)
    } else {
        let (inputs, files) = rayon::join(stamp_inputs, || load(&opts.root));
        timings.done(Phase::StampInputsAndLoad);
        (inputs, Some(files))
    };
    if let Some(rec) = record
        && rec.inputs == inputs
        && stamp::outputs(&out) == rec.outputs
    {
        timings.done(Phase::CompareStamps);
        return Ok(Report {
            pages: rec.pages,
            files: rec.files,
            seconds: timings.elapsed(),
            output: out_dir,
            timings,
            unchanged: true,
        });
    }
    // Pages go straight into the new output folder as they are rendered.
    let staging = Staging::new(&out).map_err(|e| output_problem(&out_dir, e))?;
    let sink = |rel: &str, bytes: Vec<u8>| staging.write(rel, &bytes).map_err(Diagnostic::from);
    let (pages, files) = generate(opts, loaded, &timings, progress, &sink)?;
    let fail = |e: Error| output_problem(&out_dir, e);
    staging.write_files(&files).map_err(fail)?;
    let (outputs, file_count) = staging.stamp();
    stamp::clear(&out);
    staging.commit().map_err(fail)?;
    timings.done(Phase::Write);
    stamp::write(
        &out,
        &stamp::Recorded {
            inputs,
            outputs,
            pages,
            files: file_count,
        },
    );
    timings.done(Phase::RecordStamps);
    Ok(Report {
        pages,
        files: file_count,
        seconds: timings.elapsed(),
        output: out_dir,
        timings,
        unchanged: false,
    })
}

/// `liaison check`: the whole build in memory, then every internal link.
fn check_only(
    opts: &BuildOptions,
    out_dir: &Path,
    timings: Timings,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Result<Report, Diagnostics> {
    let kept = std::sync::Mutex::new(Vec::<FileBytes>::new());
    let sink = |rel: &str, bytes: Vec<u8>| {
        if let Ok(mut k) = kept.lock() {
            k.push((rel.to_string(), bytes));
        }
        Ok(())
    };
    let (pages, mut files, site) = generate_with_site(opts, None, &timings, progress, &sink)?;
    files.extend(
        kept.into_inner()
            .unwrap_or_default()
            .into_iter()
            .map(|(p, b)| (p, Body::Bytes(b))),
    );
    let broken = links::check(&site, &files);
    timings.done(Phase::CheckLinks);
    if !broken.is_empty() {
        return Err(broken);
    }
    if let Some(file) = &opts.report {
        write_report(file, &crate::outputs::report::csv(&site))?;
    }
    Ok(Report {
        pages,
        files: files.len(),
        seconds: timings.elapsed(),
        output: out_dir.to_path_buf(),
        timings,
        unchanged: false,
    })
}

/// Writes the report beside its place first, then renames it there: a reader never sees half.
fn write_report(file: &Path, bytes: &[u8]) -> Result<(), Diagnostics> {
    let name = file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = file.with_file_name(format!(".{name}.liaison-{}", std::process::id()));
    std::fs::write(&tmp, bytes)
        .and_then(|()| std::fs::rename(&tmp, file))
        .map_err(|e| {
            let _ = std::fs::remove_file(&tmp);
            Diagnostics::from(Error::io(Doing::Write, file)(e))
        })
}

/// Stages 1 to 5: the pages handed to `sink` as they are rendered (with the search index made
/// alongside), and every other output file. Returns the number of pages and those files.
fn generate(
    opts: &BuildOptions,
    loaded: Option<Files>,
    timings: &Timings,
    progress: &(dyn Fn(usize, usize) + Sync),
    sink: super::Sink,
) -> Result<(usize, Output), Diagnostics> {
    generate_with_site(opts, loaded, timings, progress, sink).map(|(pages, files, _)| (pages, files))
}

/// Every stage from the content (read now unless `loaded` has it) to the output's files; the
/// pages go to `sink` as they are rendered.
fn generate_with_site(
    opts: &BuildOptions,
    loaded: Option<Files>,
    timings: &Timings,
    progress: &(dyn Fn(usize, usize) + Sync),
    sink: super::Sink,
) -> Result<(usize, Output, Site), Diagnostics> {
    let files = match loaded {
        Some(files) => files,
        None => {
            let files = load(&opts.root);
            timings.done(Phase::Load);
            files
        }
    };
    let site = model_of(
        &files,
        opts.base_url.as_deref(),
        opts.today,
        &mut Memo::default(),
        timings,
    )?;
    let theme = theme(&opts.root, &site)?;
    let all = pages::all(&site);
    let pages = all.len();
    // The search index and the other files need only the model. They are the first two tasks
    // of the pool, so its second thread takes them at once (a thread that runs out of work
    // takes the oldest task of another): the search index, the longest single task, starts
    // first and the pages, which split finely, end the build on every core.
    let mut index = None;
    let mut others = None;
    let mut rendered = None;
    // What the tasks make goes to `sink` as soon as it is made, as the pages do; only files
    // copied as they are (static files) are left for the end.
    let put = |files: Vec<FileBytes>| -> Result<(), Diagnostics> {
        files
            .into_iter()
            .try_for_each(|(p, b)| sink(&p, b))
            .map_err(Diagnostics::from)
    };
    rayon::scope(|s| {
        s.spawn(|_| {
            let t0 = std::time::Instant::now();
            index = Some(catch_unwind(AssertUnwindSafe(|| {
                search(&site, &mut super::SearchCache::default()).and_then(put)
            })));
            timings.add_search(t0.elapsed());
        });
        s.spawn(|_| {
            others = Some(catch_unwind(AssertUnwindSafe(|| {
                let events = ics::Cache::default().events(&site);
                let (copied, made): (Output, Output) = assemble(&site, &theme.statics, Vec::new(), &events)
                    .into_iter()
                    .partition(|(_, body)| matches!(body, Body::Copy(_)));
                let made = made
                    .into_iter()
                    .filter_map(|(p, body)| match body {
                        Body::Bytes(b) => Some((p, b)),
                        Body::Copy(_) => None,
                    })
                    .collect();
                put(made).map(|()| copied)
            })));
        });
        rendered = Some(render(&site, &theme, all, timings, progress, sink));
    });
    let stopped = |what: &str| Diagnostics::from(Diagnostic::general(what, "the task making it stopped"));
    rendered.unwrap_or_else(|| Err(stopped("pages")))?;
    index
        .and_then(Result::ok)
        .unwrap_or_else(|| Err(stopped("search index")))?;
    let output = others
        .and_then(Result::ok)
        .unwrap_or_else(|| Err(stopped("sitemap, feed and calendars")))?;
    timings.done(Phase::Render);
    Ok((pages, output, site))
}

/// Everything besides the files that decides a build's bytes: the base URL, "today" (as a
/// date in the site's time zone when it comes from the clock) and the output folder.
fn stamp_options(opts: &BuildOptions, out: &Path) -> String {
    let today = match opts.today {
        Today::Date(d) => d.to_string(),
        Today::Epoch(s) => format!("epoch {s}"),
        Today::Now => {
            let mut d = Diagnostics::new();
            let tz = content::read_source(&Root::new(&opts.root), layout::SITE_TOML)
                .ok()
                .and_then(|src| content::site::read(&src, &mut d))
                .map_or(chrono_tz::Asia::Shanghai, |c| c.timezone);
            Today::Now.resolve(tz).to_string()
        }
    };
    format!("base_url={:?}\ntoday={today}\noutput={}", opts.base_url, out.display())
}

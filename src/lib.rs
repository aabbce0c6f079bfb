//! `liaison`: a static-site generator for People's Congress representative liaison stations.
//!
//! The build is a pipeline, one module per step:
//! [`content`] (files → typed values with spans) → [`validate`] (cross-file rules) →
//! [`model`] (indexes, computed once) → [`render`] (templates, in parallel) →
//! [`output`] (atomic write). Every problem on the way is a [`diag::Diagnostic`] at
//! `path:line:column`.

pub mod collate;
pub mod content;
pub mod diag;
pub mod feed;
pub mod import;
pub mod layout;
pub mod links;
pub mod markdown;
pub mod model;
pub mod names;
pub mod output;
pub mod rebuild;
pub mod reception;
pub mod render;
pub mod scaffold;
pub mod search;
pub mod serve;
pub mod sitemap;
pub mod text;
pub mod url;
pub mod validate;

use std::path::{Path, PathBuf};
use std::time::Instant;

use chrono::{NaiveDate, TimeZone, Utc};
use chrono_tz::Tz;

use diag::{Diagnostic, Diagnostics};
use output::{Body, Output};

/// What "today" is for reception dates.
#[derive(Debug, Clone, Copy)]
pub enum Today {
    /// `--date YYYY-MM-DD`
    Date(NaiveDate),
    /// `SOURCE_DATE_EPOCH`: seconds since 1970, read in the site's time zone.
    Epoch(i64),
    /// The clock, in the site's time zone.
    Now,
}

impl Today {
    pub fn resolve(self, tz: Tz) -> NaiveDate {
        match self {
            Today::Date(d) => d,
            Today::Epoch(s) => Utc
                .timestamp_opt(s, 0)
                .single()
                .unwrap_or_default()
                .with_timezone(&tz)
                .date_naive(),
            Today::Now => Utc::now().with_timezone(&tz).date_naive(),
        }
    }
}

pub struct BuildOptions {
    pub root: PathBuf,
    /// Default: `<root>/public`.
    pub output: Option<PathBuf>,
    pub base_url: Option<String>,
    pub today: Today,
    /// `false` for `check`: everything but writing.
    pub write: bool,
}

#[derive(Debug)]
pub struct Report {
    pub pages: usize,
    pub files: usize,
    pub seconds: f64,
    pub output: PathBuf,
    /// Seconds since the start at the end of each phase.
    pub phases: Vec<(&'static str, f64)>,
    /// Whether the output was already what this build would write (nothing was written).
    pub unchanged: bool,
}

fn plain(path: impl Into<String>, message: impl Into<String>) -> Diagnostics {
    Diagnostic {
        path: path.into(),
        line: 0,
        column: 0,
        message: message.into(),
        hint: None,
    }
    .into()
}

/// Loads and validates a site: the model, or every problem found.
pub fn load_site(root: &Path, base_url: Option<&str>, today: Today) -> Result<model::Site, Diagnostics> {
    let files = content::Files::scan(root);
    rebuild::model(&files, base_url, today, &mut model::Memo::default(), &mut |_| {})
}

/// A whole site, generated in memory.
pub struct Generated {
    pub site: std::sync::Arc<model::Site>,
    pub files: Output,
    pub pages: usize,
    /// Seconds since the start at the end of each phase.
    pub phases: Vec<(&'static str, f64)>,
}

/// Generates every file of the site: load → validate → model → render → sitemap, feed,
/// calendars, with the search index made alongside. The pages are kept in memory, or handed to
/// `sink` as they are rendered.
pub fn generate(
    root: &Path,
    base_url: Option<&str>,
    today: Today,
    progress: &(dyn Fn(usize, usize) + Sync),
    sink: Option<render::Sink>,
) -> Result<Generated, Diagnostics> {
    let (session, search) = rebuild::Session::open_into(root, base_url, today, progress, sink, true)?;
    let phases = session.phases.clone();
    let search = search.unwrap_or_default();
    let pages = session.pages();
    let (site, mut files) = session.into_parts();
    files.extend(search.into_iter().map(|(p, b)| (p, Body::Bytes(b))));
    Ok(Generated {
        site,
        files,
        pages,
        phases,
    })
}

/// Builds the site: generate, then write atomically (or, for `check`, check the links).
pub fn build(opts: &BuildOptions) -> Result<Report, Diagnostics> {
    build_with_progress(opts, &|_, _| {})
}

/// [`build`], calling `progress(done, total)` as pages are rendered.
pub fn build_with_progress(
    opts: &BuildOptions,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Result<Report, Diagnostics> {
    let started = Instant::now();
    let root = &opts.root;
    let out_dir = opts.output.clone().unwrap_or_else(|| root.join("public"));
    let out_abs = if opts.write {
        match output::check_output_dir(root, &out_dir) {
            Ok(p) => Some(p),
            Err(e) => return Err(plain(out_dir.display().to_string(), e)),
        }
    } else {
        None
    };
    // Nothing changed since the last build into this folder: nothing to write.
    let stamp = out_abs
        .as_ref()
        .map(|out| (out.clone(), output::stamp::inputs(root, &stamp_options(opts, out))));
    if let Some((out, inputs)) = &stamp
        && let Some(rec) = output::stamp::read(out)
        && &rec.inputs == inputs
        && out.is_dir()
        && output::stamp::outputs(out) == rec.outputs
    {
        return Ok(Report {
            pages: rec.pages,
            files: rec.files,
            seconds: started.elapsed().as_secs_f64(),
            phases: vec![("compare stamps", started.elapsed().as_secs_f64())],
            output: out_dir,
            unchanged: true,
        });
    }
    // Pages go straight into the new output folder as they are rendered.
    let staging = match &out_abs {
        Some(out) => Some(output::Staging::new(out).map_err(|e| plain(out_dir.display().to_string(), e))?),
        None => None,
    };
    let write_page = |rel: &str, bytes: &[u8]| staging.as_ref().map_or(Ok(()), |s| s.write(rel, bytes));
    let sink: Option<render::Sink> = staging.as_ref().map(|_| &write_page as render::Sink);
    let Generated {
        site,
        files,
        pages,
        mut phases,
    } = generate(root, opts.base_url.as_deref(), opts.today, progress, sink)?;
    let file_count = files.len() + if staging.is_some() { pages } else { 0 };
    match (staging, &out_abs) {
        (Some(staging), Some(out)) => {
            let fail = |e: String| plain(out_dir.display().to_string(), e);
            staging.write_files(&files).map_err(fail)?;
            output::stamp::clear(out);
            staging.commit().map_err(fail)?;
            phases.push(("write", started.elapsed().as_secs_f64()));
            if let Some((_, inputs)) = stamp {
                output::stamp::write(
                    out,
                    &output::stamp::Recorded {
                        inputs,
                        outputs: output::stamp::outputs(out),
                        pages,
                        files: file_count,
                    },
                );
                phases.push(("record stamps", started.elapsed().as_secs_f64()));
            }
        }
        _ => {
            let broken = links::check(&site, &files);
            phases.push(("check links", started.elapsed().as_secs_f64()));
            if !broken.is_empty() {
                return Err(broken);
            }
        }
    }
    Ok(Report {
        pages,
        files: file_count,
        seconds: started.elapsed().as_secs_f64(),
        phases,
        output: out_dir,
        unchanged: false,
    })
}

/// Everything besides the files that decides a build's bytes: the base URL, "today" (as a
/// date in the site's time zone when it comes from the clock) and the output folder.
fn stamp_options(opts: &BuildOptions, out: &Path) -> String {
    let today = match opts.today {
        Today::Date(d) => d.to_string(),
        Today::Epoch(s) => format!("epoch {s}"),
        Today::Now => {
            let mut d = Diagnostics::new();
            let tz = content::read_source(&layout::Root::new(&opts.root), layout::SITE_TOML)
                .ok()
                .and_then(|src| content::site::read(&src, &mut d))
                .map_or(chrono_tz::Asia::Shanghai, |c| c.timezone);
            Today::Now.resolve(tz).to_string()
        }
    };
    format!("base_url={:?}\ntoday={today}\noutput={}", opts.base_url, out.display())
}

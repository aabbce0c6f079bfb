//! How long each step of a build takes, for `--timings`: the end of each phase (seconds since
//! the start), and the thread time spent in templates and in minification (the two interleave
//! on every thread, so wall time cannot split them).

use std::sync::atomic::{AtomicU64, Ordering::Relaxed};
use std::time::{Duration, Instant};

/// A step of a build, as `--timings` names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    CompareStamps,
    Load,
    /// A rebuild: the changed files read again.
    Read,
    Validate,
    Model,
    Render,
    Write,
    RecordStamps,
    CheckLinks,
    /// A rebuild: the pages an edit reaches found.
    Affected,
    /// A rebuild: the edited things' own pages.
    RenderOwn,
    /// A rebuild: the other pages that show them.
    RenderRest,
    Calendars,
    SiteFiles,
    /// A rebuild, all of it.
    Done,
}

impl Phase {
    pub fn label(self) -> &'static str {
        match self {
            Phase::CompareStamps => "compare stamps",
            Phase::Load => "load",
            Phase::Validate => "validate",
            Phase::Model => "model",
            Phase::Render => "render pages, search index, sitemap, feed, calendars",
            Phase::Write => "write",
            Phase::RecordStamps => "record stamps",
            Phase::CheckLinks => "check links",
            Phase::Read => "read",
            Phase::Affected => "affected pages",
            Phase::RenderOwn => "render own pages",
            Phase::RenderRest => "render the rest",
            Phase::Calendars => "calendars",
            Phase::SiteFiles => "sitemap, feed",
            Phase::Done => "done",
        }
    }
}

/// The clock of one build.
#[derive(Debug)]
pub struct Timings {
    start: Instant,
    phases: std::sync::Mutex<Vec<(Phase, f64)>>,
    templates: AtomicU64,
    search: AtomicU64,
}

impl Default for Timings {
    fn default() -> Self {
        Timings::new()
    }
}

impl Timings {
    pub(crate) fn new() -> Timings {
        Timings {
            start: Instant::now(),
            phases: std::sync::Mutex::new(Vec::new()),
            templates: AtomicU64::new(0),
            search: AtomicU64::new(0),
        }
    }

    /// Marks the end of a phase now.
    pub(crate) fn done(&self, phase: Phase) {
        let at = self.elapsed();
        if let Ok(mut p) = self.phases.lock() {
            p.push((phase, at));
        }
    }

    /// Seconds since the start.
    pub(crate) fn elapsed(&self) -> f64 {
        self.start.elapsed().as_secs_f64()
    }

    pub(crate) fn add_templates(&self, d: Duration) {
        self.templates.fetch_add(d.as_nanos() as u64, Relaxed);
    }

    pub(crate) fn add_search(&self, d: Duration) {
        self.search.fetch_add(d.as_nanos() as u64, Relaxed);
    }

    /// Each phase and the seconds since the start at its end.
    pub fn phases(&self) -> Vec<(Phase, f64)> {
        self.phases.lock().map(|p| p.clone()).unwrap_or_default()
    }

    /// Thread seconds in templates, and in making the search index.
    pub fn thread_time(&self) -> (f64, f64) {
        (
            self.templates.load(Relaxed) as f64 / 1e9,
            self.search.load(Relaxed) as f64 / 1e9,
        )
    }
}

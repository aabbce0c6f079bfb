//! How long each step of a build takes, for `--timings`: the end of each phase (seconds since
//! the start), and the thread time spent on pages and on the search index (the two interleave
//! on every thread, so wall time cannot split them), each template's share of the pages.

use std::sync::atomic::{AtomicU64, Ordering::Relaxed};
use std::time::{Duration, Instant};

/// A step of a build, as `--timings` names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// The stamp of the inputs: every source file's size and time.
    StampInputs,
    /// The stamp of the inputs made while the content is read (no record of a last build).
    StampInputsAndLoad,
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
            Phase::StampInputs => "stamp inputs",
            Phase::StampInputsAndLoad => "stamp inputs, load",
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
    /// Per template: pages, nanoseconds making their contexts, nanoseconds in Tera.
    per_template: std::sync::Mutex<std::collections::BTreeMap<&'static str, TemplateTime>>,
}

/// The thread time the pages of one template took.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct TemplateTime {
    pub pages: usize,
    /// Seconds making the pages' contexts from the model.
    pub context: f64,
    /// Seconds in the template engine.
    pub render: f64,
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
            per_template: std::sync::Mutex::new(std::collections::BTreeMap::new()),
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

    /// One page of `template`: the time its context took, and its rendering.
    pub(crate) fn add_page(&self, template: &'static str, context: Duration, render: Duration) {
        self.templates.fetch_add((context + render).as_nanos() as u64, Relaxed);
        if let Ok(mut map) = self.per_template.lock() {
            let t = map.entry(template).or_default();
            t.pages += 1;
            t.context += context.as_secs_f64();
            t.render += render.as_secs_f64();
        }
    }

    pub(crate) fn add_search(&self, d: Duration) {
        self.search.fetch_add(d.as_nanos() as u64, Relaxed);
    }

    /// Each phase and the seconds since the start at its end.
    pub fn phases(&self) -> Vec<(Phase, f64)> {
        self.phases.lock().map(|p| p.clone()).unwrap_or_default()
    }

    /// Each template with the thread time of its pages, the slowest first.
    pub fn per_template(&self) -> Vec<(&'static str, TemplateTime)> {
        let mut all: Vec<(&'static str, TemplateTime)> = self
            .per_template
            .lock()
            .map(|m| m.iter().map(|(k, v)| (*k, *v)).collect())
            .unwrap_or_default();
        all.sort_by(|a, b| (b.1.context + b.1.render).total_cmp(&(a.1.context + a.1.render)));
        all
    }

    /// Thread seconds on pages (contexts and templates), and in making the search index.
    pub fn thread_time(&self) -> (f64, f64) {
        (
            self.templates.load(Relaxed) as f64 / 1e9,
            self.search.load(Relaxed) as f64 / 1e9,
        )
    }
}

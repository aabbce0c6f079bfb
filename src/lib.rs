//! `liaison`: a static-site generator for People's Congress representative liaison stations.
//!
//! The build is a pipeline ([`pipeline`]), one module per step: [`content`] (files → typed
//! values with spans) → [`validate`] (cross-file rules) → [`model`] (indexes, computed once) →
//! [`render`] (templates, in parallel) → [`outputs`] (calendars, feed, sitemap, search) →
//! [`output`] (minify, atomic write). [`rebuild`] keeps a build to redo only what an edit
//! reaches. Every problem on the way is a [`diag::Diagnostic`] at `path:line:column`.

pub(crate) mod collate;
pub(crate) mod columns;
pub mod content;
pub mod diag;
pub mod error;
pub mod import;
pub(crate) mod layout;
pub(crate) mod markdown;
pub(crate) mod model;
pub(crate) mod names;
pub mod output;
pub(crate) mod outputs;
pub(crate) mod pages;
pub(crate) mod pipeline;
pub(crate) mod privacy;
pub mod rebuild;
pub(crate) mod reception;
pub mod render;
pub mod roster;
pub mod scaffold;
pub mod serve;
pub(crate) mod text;
pub mod timings;
pub mod today;
pub(crate) mod url;
pub(crate) mod validate;

pub use pipeline::{BuildOptions, Report};
pub use today::Today;

/// Environment variables the search indexer reads, with the values every build must use.
/// A program sets them before it starts any thread (setting the environment is not safe while
/// other threads may read it).
pub fn indexer_environment() -> [(&'static str, &'static str); 1] {
    [outputs::search::INDEX_CHUNK_SIZE]
}

use diag::Diagnostics;

/// Builds the site (`liaison build`), or checks it without writing (`liaison check`).
pub fn build(opts: &BuildOptions) -> Result<Report, Diagnostics> {
    pipeline::build(opts, &|_, _| {})
}

/// [`build`], calling `progress(done, total)` as pages are rendered.
pub fn build_with_progress(
    opts: &BuildOptions,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Result<Report, Diagnostics> {
    pipeline::build(opts, progress)
}

//! Free pages: content/pages/<slug>.md.

use std::ops::Range;

use super::fields::Table;
use crate::diag::{Diagnostics, SourceRef};

#[derive(Debug, Clone)]
pub(crate) struct Page {
    pub(crate) slug: String,
    pub(crate) src: SourceRef,
    pub(crate) title: String,
    pub(crate) description: Option<String>,
    pub(crate) body: Range<usize>,
    pub(crate) extra: serde_json::Value,
}

impl Page {
    pub(crate) fn body(&self) -> &str {
        &self.src.text[self.body.clone()]
    }
}

/// Slugs that would collide with the site's own URLs.
pub(crate) const RESERVED: &[&str] = &[
    "stations",
    "representatives",
    "regions",
    "bulletins",
    "search",
    "pagefind",
    "assets",
    "404",
    "sitemap",
    "robots",
    "data",
    "stats",
];

pub(crate) fn read(
    slug: &str,
    src: &SourceRef,
    t: &Table,
    body: Range<usize>,
    diags: &mut Diagnostics,
) -> Option<Page> {
    t.deny_unknown(&["title", "description"], diags);
    let title = t.string("title", true, diags);
    let description = t.string("description", false, diags).map(|s| s.value);
    let extra = t.extra(diags);
    Some(Page {
        slug: slug.to_string(),
        src: src.clone(),
        title: title?.value,
        description,
        body,
        extra,
    })
}

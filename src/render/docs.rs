//! docs/templates.md against the contexts templates are given: for every page of the demo site
//! and of the good fixture, the variables its template gets are the ones the documentation's tables name, and
//! so are the keys of `site`, `page`, `station`, `rep` and `issue`. A variable added, renamed
//! or removed in code without the documentation fails here, and the other way round.
#![cfg(test)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use serde_json::Value;

use crate::model::Site;
use crate::pages;

/// The demo site (the repository's own content) or a fixture.
fn site(folder: &str) -> Site {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join(folder);
    let today = crate::Today::Date(chrono::NaiveDate::from_ymd_opt(2026, 11, 22).unwrap());
    match crate::pipeline::load_model(&root, None, today) {
        Ok(s) => s,
        Err(d) => panic!("{:?}", d.into_sorted()),
    }
}

fn docs() -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/templates.md")).unwrap()
}

/// The names written in backticks outside parentheses, as identifiers: in
/// `` `a`, `b, c` (of `d`), `{e}` `` that is a, b and c. Names in parentheses describe the
/// value, not the context.
fn names(text: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut depth = 0usize;
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        match c {
            '(' | '（' => depth += 1,
            ')' | '）' => depth = depth.saturating_sub(1),
            '`' => {
                let quoted: String = chars.by_ref().take_while(|&c| c != '`').collect();
                // `{a, b}` is the shape of a value
                if depth == 0 && !quoted.starts_with('{') {
                    for part in quoted.split(',') {
                        let part = part.trim();
                        if !part.is_empty() && part.chars().all(|c| c.is_ascii_lowercase() || c == '_') {
                            out.insert(part.to_string());
                        }
                    }
                }
            }
            _ => {}
        }
    }
    out
}

/// The cells of the rows of the Markdown table after `heading`.
fn table(doc: &str, heading: &str) -> Vec<Vec<String>> {
    let start = doc
        .find(heading)
        .unwrap_or_else(|| panic!("no {heading:?} in templates.md"));
    doc[start..]
        .lines()
        .skip_while(|l| !l.starts_with('|'))
        .take_while(|l| l.starts_with('|'))
        .skip(2)
        .map(|l| l.trim_matches('|').split(" | ").map(|c| c.trim().to_string()).collect())
        .collect()
}

/// The paragraph after a `### name` heading.
fn section(doc: &str, name: &str) -> String {
    let heading = format!("### `{name}`\n");
    let start = doc
        .find(&heading)
        .unwrap_or_else(|| panic!("no {heading:?} in templates.md"))
        + heading.len();
    doc[start..].trim_start().split("\n\n").next().unwrap_or("").to_string()
}

fn keys(v: &Value) -> BTreeSet<String> {
    v.as_object().map(|o| o.keys().cloned().collect()).unwrap_or_default()
}

/// Every page's full context, by template.
fn contexts(site: &Site, root: &str) -> BTreeMap<&'static str, Vec<Value>> {
    let site_ctx = serde_json::to_value(super::context::site_ctx(site)).unwrap();
    let theme = crate::pipeline::theme(&Path::new(env!("CARGO_MANIFEST_DIR")).join(root), site)
        .unwrap_or_else(|d| panic!("{:?}", d.into_sorted()));
    let chromes = super::Chromes::new(&theme.renderer, site, &site_ctx);
    let mut out: BTreeMap<&'static str, Vec<Value>> = BTreeMap::new();
    for page in pages::all(site) {
        let (_, template, ctx) = super::context(site, &chromes, super::pages::prepare(site, page)).unwrap();
        out.entry(template).or_default().push(ctx.into_json());
    }
    out
}

/// The keys of an object at `field` of each context, over all of them: what a template can
/// meet there.
fn union_at(list: &[Value], field: &str) -> BTreeSet<String> {
    list.iter().flat_map(|c| keys(&c[field])).collect()
}

const COMMON: [&str; 7] = ["site", "page", "nav", "chrome", "breadcrumbs", "today", "jsonld"];

#[test]
fn the_documented_variables_are_the_ones_given() {
    let doc = docs();
    // the two sites between them have every kind of page, and every optional value
    let (demo, good) = (site("."), site("tests/fixtures/good"));
    let mut contexts = contexts(&demo, ".");
    for (template, list) in self::contexts(&good, "tests/fixtures/good") {
        contexts.entry(template).or_default().extend(list);
    }
    let every = table(&doc, "## Every page");
    // the first column names `site.title`, `page.url`, `breadcrumbs`; `.site_code` continues
    // the name before it
    let quoted = || {
        every.iter().flat_map(|row| {
            row[0]
                .split('`')
                .skip(1)
                .step_by(2)
                .map(str::to_string)
                .collect::<Vec<_>>()
        })
    };
    let top = |prefix: &str| -> BTreeSet<String> {
        quoted()
            .filter_map(|q| {
                q.strip_prefix(&format!("{prefix}."))
                    .map(|rest| rest.split('.').next().unwrap_or("").to_string())
            })
            .collect()
    };
    let common: BTreeSet<String> = COMMON.iter().map(|s| s.to_string()).collect();
    let documented_common: BTreeSet<String> = quoted()
        .filter(|q| !q.starts_with('.'))
        .map(|q| q.split('.').next().unwrap_or("").to_string())
        .collect();
    assert_eq!(documented_common, common, "the variables of every page");

    let templates = table(&doc, "## The templates");
    assert_eq!(
        templates.len(),
        contexts.len(),
        "one row per template: {:?}",
        contexts.keys()
    );
    let mut checked = 0;
    for row in &templates {
        let template = row[0].trim_matches('`');
        let list = contexts
            .get(template)
            .unwrap_or_else(|| panic!("templates.md names {template}, which no page of the fixture uses"));
        let documented = names(&row[2]);
        let given: BTreeSet<String> = list.iter().flat_map(keys).filter(|k| !common.contains(k)).collect();
        assert_eq!(documented, given, "the variables of {template}");
        for c in list {
            for k in &common {
                assert!(c.get(k.as_str()).is_some(), "{template} lacks `{k}`");
            }
        }
        checked += 1;
    }
    assert_eq!(checked, 19);

    let all: Vec<Value> = contexts.values().flatten().cloned().collect();
    assert_eq!(top("site"), union_at(&all, "site"), "the keys of `site`");
    assert_eq!(top("page"), union_at(&all, "page"), "the keys of `page`");
    assert_eq!(top("nav"), union_at(&all, "nav"), "the keys of `nav`");
    assert_eq!(top("chrome"), union_at(&all, "chrome"), "the keys of `chrome`");
    for (name, template) in [
        ("station", "station.html"),
        ("rep", "representative.html"),
        ("issue", "bulletin.html"),
    ] {
        let documented = names(&section(&doc, name));
        assert_eq!(documented, union_at(&contexts[template], name), "the keys of `{name}`");
    }
}

#[test]
fn names_outside_parentheses() {
    let found = names("`a`, `b, c` (of `d`, (`e`)), `{f}` and `g_h`; `/x/` `I`");
    assert_eq!(found.into_iter().collect::<Vec<_>>(), ["a", "b", "c", "g_h"]);
}

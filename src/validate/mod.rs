//! Cross-file rules: references between files, region cycles, unique numbers, and the
//! ledgers' references to stations and representatives ([`ledger`]).
//! Each broken rule is reported at the value that breaks it.

use std::collections::{HashMap, HashSet};
use std::path::{Component, Path};

use crate::content::fields::Spanned;
use crate::content::{Content, List, Representative};
use rayon::prelude::*;

use crate::diag::{Diagnostic, Diagnostics, did_you_mean};

mod ledger;

pub(crate) fn validate(c: &Content, diags: &mut Diagnostics) {
    regions(c, diags);
    references(c, diags);
    schedules(c, diags);
    closures(c, diags);
    bulletins(c, diags);
    nesting(c, diags);
    ledger::ledgers(c, diags);
}

/// Markdown nested beyond [`crate::markdown::MAX_DEPTH`] (a thousand `>` pasted by accident)
/// is an error at the place it goes too deep, before anything renders it.
fn nesting(c: &Content, diags: &mut Diagnostics) {
    let allow_html = c.config.build.allow_html;
    let scope = &c.scope;
    let bodies: Vec<(&crate::diag::Source, std::ops::Range<usize>)> = scope
        .pick(List::Stations, &c.stations)
        .into_iter()
        .map(|s| (&*s.src, s.body.clone()))
        .chain(
            scope
                .pick(List::Representatives, &c.representatives)
                .into_iter()
                .map(|r| (&*r.src, r.body.clone())),
        )
        .chain(
            scope
                .pick(List::Issues, &c.issues)
                .into_iter()
                .map(|i| (&*i.src, i.body.clone())),
        )
        .chain(
            scope
                .pick(List::Pages, &c.pages)
                .into_iter()
                .map(|p| (&*p.src, p.body.clone())),
        )
        .collect();
    let found: Vec<crate::diag::Diagnostic> = bodies
        .par_iter()
        .filter_map(|(src, body)| {
            let at = crate::markdown::too_deep(&src.text[body.clone()], allow_html)?;
            Some(
                src.error(
                    body.start + at..body.start + at,
                    format!(
                        "the text is nested too deeply here (more than {} levels of quotes, lists, emphasis or HTML)",
                        crate::markdown::MAX_DEPTH
                    ),
                )
                .with_hint("remove the extra `>`, list indentation or `*` characters"),
            )
        })
        .collect();
    for d in found {
        diags.push(d);
    }
}

/// A schedule that can never happen (30 February, or `since`/`until` leaving no date) is a
/// mistake, not an empty list.
fn schedules(c: &Content, diags: &mut Diagnostics) {
    use crate::content::reception::When;
    let tz = c.config.timezone;
    for s in c.scope.pick(List::Stations, &c.stations) {
        for r in &s.receptions {
            if r.produces_any(tz) {
                continue;
            }
            let span = match &r.when {
                When::Rule { text, .. } => text.span.clone(),
                When::Once(d) => d.span.clone(),
            };
            diags.push(
                s.src
                    .error(span, "this reception schedule never produces a date")
                    .with_hint("check the rule (e.g. BYMONTHDAY=30 with BYMONTH=2) and `since`/`until`"),
            );
        }
    }
}

fn closures(c: &Content, diags: &mut Diagnostics) {
    for cl in &c.closures {
        for r in &cl.regions {
            if !c.region_codes.contains(r.as_str()) {
                diags.push(cl.src.error(
                    r.span.clone(),
                    format!("region `{}` is not in content/regions.toml", r.value),
                ));
            }
        }
        for s in &cl.stations {
            if !c.station_files.contains(s.as_str()) {
                let mut d = cl.src.error(s.span.clone(), format!("no station `{}`", s.value));
                if let Some(h) = did_you_mean(s, c.station_files.iter().map(String::as_str)) {
                    d = d.with_hint(h);
                }
                diags.push(d);
            }
        }
    }
}

fn regions(c: &Content, diags: &mut Diagnostics) {
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for (i, r) in c.regions.iter().enumerate() {
        if let Some(&first) = seen.get(r.code.as_str()) {
            let (line, _) = c.regions[first].src.line_col(c.regions[first].code.span.start);
            diags.push(r.src.error(
                r.code.span.clone(),
                format!("region code `{}` is defined twice (first on line {line})", r.code.value),
            ));
        } else {
            seen.insert(&r.code, i);
        }
    }
    for r in &c.regions {
        if let Some(p) = &r.parent {
            if p.value == r.code.value {
                diags.push(
                    r.src
                        .error(p.span.clone(), format!("region `{}` is its own parent", r.code.value)),
                );
            } else if !c.region_codes.contains(p.as_str()) {
                let mut d = r.src.error(
                    p.span.clone(),
                    format!("parent region `{}` is not defined in regions.toml", p.value),
                );
                if let Some(h) = did_you_mean(p, seen.keys().copied()) {
                    d = d.with_hint(h);
                }
                diags.push(d);
            }
        }
    }
    // Cycles: follow parents from each region; a walk that comes back to a region on its own
    // path is a cycle, reported once at each of its members.
    let parent: HashMap<&str, &str> = c
        .regions
        .iter()
        .filter_map(|r| r.parent.as_ref().map(|p| (r.code.as_str(), p.as_str())))
        .filter(|(a, b)| a != b)
        .collect();
    let mut in_cycle: HashSet<&str> = HashSet::new();
    let mut done: HashSet<&str> = HashSet::new();
    for r in &c.regions {
        let mut path: Vec<&str> = Vec::new();
        let mut on_path: HashMap<&str, usize> = HashMap::new();
        let mut cur = r.code.as_str();
        loop {
            if done.contains(cur) {
                break;
            }
            if let Some(&pos) = on_path.get(cur) {
                in_cycle.extend(path[pos..].iter().copied());
                break;
            }
            on_path.insert(cur, path.len());
            path.push(cur);
            match parent.get(cur) {
                Some(p) => cur = p,
                None => break,
            }
        }
        done.extend(path);
    }
    depth(c, &parent, &in_cycle, diags);
    for r in &c.regions {
        if in_cycle.contains(r.code.as_str())
            && let Some(p) = &r.parent
        {
            diags.push(
                r.src
                    .error(
                        p.span.clone(),
                        format!("region `{}` is inside a cycle of parents", r.code.value),
                    )
                    .with_hint("every chain of `parent` must end at a region without a parent"),
            );
        }
    }
}

/// How many levels regions may nest: 全国 › 省 › 市 › 县 › 乡镇 › 村 › 组 is seven; twelve
/// leaves room and keeps every page's breadcrumb and region path short.
pub(crate) const MAX_REGION_DEPTH: usize = 12;

/// Reports each region that is one level deeper than [`MAX_REGION_DEPTH`] (its sub-regions,
/// deeper still, are not reported again). Depths are computed once per region.
fn depth(c: &Content, parent: &HashMap<&str, &str>, in_cycle: &HashSet<&str>, diags: &mut Diagnostics) {
    let mut depth: HashMap<&str, usize> = HashMap::new();
    for r in &c.regions {
        let mut path: Vec<&str> = Vec::new();
        let mut cur = r.code.as_str();
        let base = loop {
            if let Some(&d) = depth.get(cur) {
                break d;
            }
            if in_cycle.contains(cur) || path.len() > c.regions.len() {
                break 0;
            }
            path.push(cur);
            match parent.get(cur) {
                Some(p) => cur = p,
                None => break 0,
            }
        };
        for (i, code) in path.iter().rev().enumerate() {
            depth.insert(code, base + i + 1);
        }
    }
    for r in &c.regions {
        if depth.get(r.code.as_str()) == Some(&(MAX_REGION_DEPTH + 1))
            && let Some(p) = &r.parent
        {
            diags.push(
                r.src
                    .error(
                        p.span.clone(),
                        format!(
                            "region `{}` is {} levels deep; regions may nest at most {MAX_REGION_DEPTH} levels",
                            r.code.value,
                            MAX_REGION_DEPTH + 1
                        ),
                    )
                    .with_hint("check the `parent` codes: 省 › 市 › 县 › 乡镇 › 村 is five levels"),
            );
        }
    }
}

fn references(c: &Content, diags: &mut Diagnostics) {
    let regions: HashSet<&str> = c.region_codes.iter().map(String::as_str).collect();
    station_references(c, &regions, diags);
    // 140,000 representatives at provincial scale: checked in parallel, reported in order.
    // 140,000 lookups too: a hash set of station slugs, not the ordered one.
    let station_set: rustc_hash::FxHashSet<&str> = c.station_files.iter().map(String::as_str).collect();
    let found: Vec<Vec<Diagnostic>> = c
        .scope
        .pick(List::Representatives, &c.representatives)
        .into_par_iter()
        .map(|r| rep_references(c, r, &regions, &station_set))
        .collect();
    for d in found.into_iter().flatten() {
        diags.push(d);
    }
}

fn region_hint(regions: &HashSet<&str>, code: &str) -> String {
    did_you_mean(code, regions.iter().copied()).unwrap_or_else(|| "add it to content/regions.toml".to_string())
}

/// Each station's region, and the representatives its reception days name.
fn station_references(c: &Content, regions: &HashSet<&str>, diags: &mut Diagnostics) {
    let rep_slugs = &c.representative_files;
    let picked = c.scope.pick(List::Stations, &c.stations);
    // A cycle of parents is reported at each of its stations: with any station edited, all
    // are followed, not only the edited ones.
    if !picked.is_empty() {
        for s in &c.stations {
            parent(c, s, diags);
        }
    }
    for s in picked {
        if !regions.contains(s.region.as_str()) {
            diags.push(
                s.src
                    .error(
                        s.region.span.clone(),
                        format!("region `{}` is not in content/regions.toml", s.region.value),
                    )
                    .with_hint(region_hint(regions, &s.region)),
            );
        }
        for code in &s.serves {
            if !regions.contains(code.as_str()) {
                diags.push(
                    s.src
                        .error(
                            code.span.clone(),
                            format!("`serves`: region `{}` is not in content/regions.toml", code.value),
                        )
                        .with_hint(region_hint(regions, code)),
                );
            }
        }
        for r in &s.receptions {
            for rep in &r.representatives {
                if !rep_slugs.contains(rep.as_str()) {
                    let mut d = s.src.error(
                        rep.span.clone(),
                        format!(
                            "no representative `{}` (content/representatives/{}.md does not exist)",
                            rep.value, rep.value
                        ),
                    );
                    if let Some(h) = did_you_mean(rep, rep_slugs.iter().map(String::as_str)) {
                        d = d.with_hint(h);
                    }
                    diags.push(d);
                }
            }
        }
    }
}

/// A station's `parent`: another station, and no cycle of parents.
fn parent(c: &Content, s: &crate::content::Station, diags: &mut Diagnostics) {
    let Some(p) = &s.parent else { return };
    if p.value == s.slug {
        diags.push(s.src.error(p.span.clone(), "a station cannot be its own `parent`"));
        return;
    }
    if !c.station_files.contains(p.as_str()) {
        let mut d = s.src.error(
            p.span.clone(),
            format!(
                "no station `{}` (content/stations/{}.md does not exist)",
                p.value, p.value
            ),
        );
        if let Some(h) = did_you_mean(p, c.station_files.iter().map(String::as_str)) {
            d = d.with_hint(h);
        }
        diags.push(d);
        return;
    }
    // Follow the parents up; coming back to this station is a cycle.
    let by_slug = |slug: &str| {
        c.stations
            .binary_search_by(|x| x.slug.as_str().cmp(slug))
            .ok()
            .map(|i| &c.stations[i])
    };
    let mut cur = by_slug(p.as_str());
    let mut steps = 0;
    while let Some(x) = cur {
        if x.slug == s.slug {
            diags.push(s.src.error(
                p.span.clone(),
                format!("`parent = \"{}\"` makes a cycle of parent stations", p.value),
            ));
            return;
        }
        steps += 1;
        if steps > c.stations.len() {
            return;
        }
        cur = x.parent.as_ref().and_then(|q| by_slug(q.as_str()));
    }
}

/// A representative's station, region and photo, in order.
fn rep_references(
    c: &Content,
    r: &Representative,
    regions: &HashSet<&str>,
    station_set: &rustc_hash::FxHashSet<&str>,
) -> Vec<Diagnostic> {
    let mut diags = Diagnostics::new();
    if !station_set.contains(r.station.as_str()) {
        let mut d = r.src.error(
            r.station.span.clone(),
            format!(
                "no station `{}` (content/stations/{}.md does not exist)",
                r.station.value, r.station.value
            ),
        );
        if let Some(h) = did_you_mean(&r.station, c.station_files.iter().map(String::as_str)) {
            d = d.with_hint(h);
        }
        diags.push(d);
    }
    if let Some(region) = &r.region
        && !regions.contains(region.as_str())
    {
        diags.push(
            r.src
                .error(
                    region.span.clone(),
                    format!("region `{}` is not in content/regions.toml", region.value),
                )
                .with_hint(region_hint(regions, region)),
        );
    }
    if let Some(photo) = &r.photo {
        photo_file(c, r, photo, &mut diags);
    }
    diags.into_sorted()
}

/// A representative's `photo`: a file inside static/.
fn photo_file(c: &Content, r: &Representative, photo: &Spanned<String>, diags: &mut Diagnostics) {
    let rel = Path::new(photo.as_str());
    let inside = rel.components().all(|c| matches!(c, Component::Normal(_)));
    if !inside {
        diags.push(r.src.error(
            photo.span.clone(),
            "`photo` must be a path inside static/, such as \"photos/zhang-wei.jpg\"",
        ));
        return;
    }
    match c.root.resolve(&format!("{}/{}", crate::layout::STATIC, photo.value)) {
        Ok(p) if p.is_file() => {}
        Ok(_) => diags.push(r.src.error(
            photo.span.clone(),
            format!("the photo static/{} does not exist", photo.value),
        )),
        Err(why) => diags.push(
            r.src
                .error(photo.span.clone(), format!("the photo static/{}: {why}", photo.value))
                .with_hint(why.hint()),
        ),
    }
}

fn bulletins(c: &Content, diags: &mut Diagnostics) {
    let mut totals: HashMap<u32, &crate::content::Issue> = HashMap::new();
    for i in &c.issues {
        let Some(t) = &i.total else { continue };
        match totals.get(&t.value) {
            Some(first) => diags.push(
                i.src
                    .error(
                        t.span.clone(),
                        format!(
                            "总第 {} 期 is already issue {} of {} ({})",
                            t.value, first.number, first.year, first.src.display
                        ),
                    )
                    .with_hint("`total` must be unique across all issues"),
            ),
            None => {
                totals.insert(t.value, i);
            }
        }
    }
}

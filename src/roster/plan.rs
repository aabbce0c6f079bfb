//! What an import writes: for each person (or station) of the sheet, the file it goes to (the
//! one already there for the same name and station, or a new one under a pinyin slug) and the
//! file's new text, with only the sheet's keys changed.

use std::collections::{HashMap, HashSet};

use super::edit::{self, Val};
use super::files::{Existing, Planned};
use super::header::{Field, Header};
use super::people::{SheetPerson, normalize_name, resolve_station};
use super::stations::SheetStation;
use super::{Problem, StationRef, Stations, Summary};
use crate::names;

/// `base`, or `base-2`, `base-3` … for the first not taken.
fn free_slug(base: &str, taken: &HashSet<String>) -> String {
    if !taken.contains(base) {
        return base.to_string();
    }
    (2..)
        .map(|n| format!("{base}-{n}"))
        .find(|s| !taken.contains(s))
        .unwrap_or_default()
}

/// A station's slug when the sheet gives none: the pinyin of its name without the words every
/// station has (人大代表, the kind's name such as 中心联络站, 联络站), then `-` and the kind's
/// key: 水口镇人大代表中心联络站 → `shuikouzhen-center`.
pub(crate) fn station_slug(name: &str, kind: Option<crate::content::station::Kind>) -> String {
    let mut core = normalize_name(name);
    for w in ["人民代表大会", "人大代表", "人大"] {
        core = core.replace(w, "");
    }
    if let Some(k) = kind {
        core = core.replace(k.label(), "");
    }
    for w in ["联络站", "代表之家", "之家", "工作室", "联络点"] {
        core = core.replace(w, "");
    }
    let mut slug = names::place(&core);
    if slug.is_empty() {
        slug = "station".into();
    }
    match kind {
        Some(k) => format!("{slug}-{}", k.key()),
        None => slug,
    }
}

/// Applies a list of (key, value) to a document; the keys that changed.
fn apply(doc: &mut toml_edit::DocumentMut, keys: &[(&'static str, Val)]) -> Vec<&'static str> {
    keys.iter()
        .filter(|(k, v)| edit::set(doc.as_table_mut(), k, v))
        .map(|(k, _)| *k)
        .collect()
}

/// The keys a person's row sets, in the order of a new file.
fn person_keys(p: &SheetPerson) -> Vec<(&'static str, Val)> {
    let mut keys = vec![("name", Val::Str(p.name.clone()))];
    if let Some(g) = &p.gender {
        keys.push(("gender", Val::text(g)));
    }
    if let Some(l) = &p.levels {
        keys.push(("levels", Val::List(l.iter().map(|l| l.key().to_string()).collect())));
    }
    if let Some(s) = &p.station {
        keys.push(("station", Val::Str(s.clone())));
    }
    for (k, v) in [
        ("delegation", &p.delegation),
        ("unit", &p.unit),
        ("position", &p.position),
        ("phone", &p.phone),
        ("term", &p.term),
    ] {
        if let Some(v) = v {
            keys.push((k, Val::text(v)));
        }
    }
    match p.until {
        Some(Some(d)) => keys.push(("until", Val::Date(d))),
        Some(None) => keys.push(("until", Val::Remove)),
        None => {}
    }
    keys
}

/// Which file of content/ a sheet person is: by slug when the sheet has one; else the one
/// file of the same name and station (and unit, when several share those).
fn match_person(
    p: &SheetPerson,
    reps: &[Existing],
    by_slug: &HashMap<&str, usize>,
    by_name: &HashMap<String, Vec<usize>>,
) -> Result<Option<usize>, String> {
    if let Some(s) = &p.slug {
        return Ok(by_slug.get(s.as_str()).copied());
    }
    let same_name = by_name.get(&p.name).map(Vec::as_slice).unwrap_or_default();
    let candidates: Vec<usize> = same_name
        .iter()
        .copied()
        .filter(|&i| p.station.is_none() || reps[i].station.as_deref() == p.station.as_deref())
        .collect();
    match candidates.as_slice() {
        [] => Ok(None),
        [one] => Ok(Some(*one)),
        many => {
            let by_unit: Vec<usize> = many
                .iter()
                .copied()
                .filter(|&i| reps[i].unit.as_deref() == p.unit.as_deref().filter(|u| !u.is_empty()))
                .collect();
            match by_unit.as_slice() {
                [one] => Ok(Some(*one)),
                _ => Err(format!(
                    "{} files in content/representatives have this name and station ({}): add a slug column to say which",
                    many.len(),
                    many.iter()
                        .map(|&i| reps[i].slug.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                )),
            }
        }
    }
}

/// The slug of a new person: the sheet's, or their name's pinyin with `-2`, `-3` after a taken
/// one; an error when the sheet lacks what a new file needs.
fn new_slug(p: &SheetPerson, taken: &HashSet<String>) -> Result<String, String> {
    let mut missing = Vec::new();
    if p.levels.is_none() {
        missing.push("代表层级");
    }
    if p.station.is_none() {
        missing.push("联络站");
    }
    if !missing.is_empty() {
        return Err(format!(
            "{} is not in content/representatives yet, and a new representative needs {} (the sheet has no such column)",
            p.name,
            missing.join(" and ")
        ));
    }
    if let Some(s) = &p.slug {
        return Ok(s.clone());
    }
    let base = names::person_slug(&p.name);
    Ok(free_slug(if base.is_empty() { "person" } else { &base }, taken))
}

/// Which file each person of the sheet goes to: `(person, slug, the file already there)`, in
/// the sheet's order, so that new slugs are numbered the same way every time.
fn people_targets<'a>(
    people: &'a [SheetPerson],
    head: &Header,
    reps: &[Existing],
    problems: &mut Vec<Problem>,
) -> Vec<(&'a SheetPerson, String, Option<usize>)> {
    let by_slug: HashMap<&str, usize> = reps.iter().enumerate().map(|(i, r)| (r.slug.as_str(), i)).collect();
    let mut by_name: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, r) in reps.iter().enumerate() {
        by_name.entry(normalize_name(&r.name)).or_default().push(i);
    }
    let mut taken: HashSet<String> = reps.iter().map(|r| r.slug.clone()).collect();
    let mut claimed: HashMap<String, usize> = HashMap::new();
    let name_col = head.column(Field::Name).unwrap_or(0) + 1;
    let mut out = Vec::with_capacity(people.len());
    for p in people {
        let mut bad = |message: String| {
            problems.push(Problem {
                row: p.row,
                column: name_col,
                message,
                hint: None,
            });
        };
        let target = match match_person(p, reps, &by_slug, &by_name) {
            Ok(t) => t,
            Err(m) => {
                bad(m);
                continue;
            }
        };
        let slug = match target
            .map(|i| reps[i].slug.clone())
            .ok_or(())
            .or_else(|()| new_slug(p, &taken))
        {
            Ok(s) => s,
            Err(m) => {
                bad(m);
                continue;
            }
        };
        if let Some(first) = claimed.insert(slug.clone(), p.row) {
            bad(format!(
                "this row and row {first} are the same file (content/representatives/{slug}.md): give them different slugs, or merge them"
            ));
            continue;
        }
        taken.insert(slug.clone());
        out.push((p, slug, target));
    }
    out
}

/// What becomes of one person's file: its new text when it changes, and which keys changed
/// (none for a new file).
enum Outcome {
    Added(Planned),
    Changed(Planned, Vec<&'static str>),
    Unchanged,
}

/// The files for a people sheet. The comparisons run in parallel; the order of the summary is
/// the sheet's.
pub(crate) fn people(
    people: &[SheetPerson],
    head: &Header,
    reps: &[Existing],
    problems: &mut Vec<Problem>,
) -> (Vec<Planned>, Summary) {
    use rayon::prelude::*;
    let targets = people_targets(people, head, reps, problems);
    let outcomes: Vec<Outcome> = targets
        .par_iter()
        .map(|(p, slug, target)| {
            let keys = person_keys(p);
            let rel = format!("content/representatives/{slug}.md");
            match target {
                Some(i) => {
                    let mut doc = reps[*i].doc();
                    let changed = apply(&mut doc, &keys);
                    if changed.is_empty() {
                        Outcome::Unchanged
                    } else {
                        Outcome::Changed(
                            Planned {
                                text: reps[*i].with_front(&doc),
                                rel,
                            },
                            changed,
                        )
                    }
                }
                None => Outcome::Added(Planned {
                    text: edit::new_file(&keys, &[]),
                    rel,
                }),
            }
        })
        .collect();
    let mut summary = Summary {
        what: "representatives",
        ..Summary::default()
    };
    let mut planned = Vec::new();
    for o in outcomes {
        match o {
            Outcome::Added(p) => {
                summary.added.push(p.rel.clone());
                planned.push(p);
            }
            Outcome::Changed(p, keys) => {
                summary.changed.push((p.rel.clone(), keys));
                planned.push(p);
            }
            Outcome::Unchanged => summary.unchanged += 1,
        }
    }
    let claimed: HashSet<&str> = targets.iter().map(|(_, s, _)| s.as_str()).collect();
    summary.not_in_sheet = reps
        .iter()
        .filter(|r| !claimed.contains(r.slug.as_str()))
        .map(|r| format!("{} ({})", r.rel, r.name))
        .collect();
    (planned, summary)
}

/// The keys a station's row sets, in the order of a new file (contacts apart).
fn station_keys(s: &SheetStation, parent: Option<String>) -> Vec<(&'static str, Val)> {
    let mut keys = vec![("name", Val::Str(s.name.clone()))];
    if let Some(k) = s.kind {
        keys.push(("kind", Val::Str(k.key().into())));
    }
    for (k, v) in [
        ("region", &s.region),
        ("address", &s.address),
        ("phone", &s.phone),
        ("hours", &s.hours),
    ] {
        if let Some(v) = v {
            keys.push((k, Val::text(v)));
        }
    }
    match s.location {
        Some(Some((lat, lon))) => keys.push(("location", Val::Location(lat, lon))),
        Some(None) => keys.push(("location", Val::Remove)),
        None => {}
    }
    match s.established {
        Some(Some(d)) => keys.push(("established", Val::Date(d))),
        Some(None) => keys.push(("established", Val::Remove)),
        None => {}
    }
    if let Some(p) = parent {
        keys.push(("parent", Val::text(&p)));
    }
    keys
}

/// Where each row of a station sheet goes: its slug, and the file already there (matched by
/// slug, or by exact name); `None` for a row with a problem.
type Target = Option<(String, Option<usize>)>;

fn station_targets(
    list: &[SheetStation],
    head: &Header,
    existing: &[Existing],
    problems: &mut Vec<Problem>,
) -> Vec<Target> {
    let name_col = head.column(Field::StationName).unwrap_or(0) + 1;
    let mut taken: HashSet<String> = existing.iter().map(|s| s.slug.clone()).collect();
    let mut claimed: HashMap<String, usize> = HashMap::new();
    let mut targets = Vec::new();
    let by_slug: HashMap<&str, usize> = existing.iter().enumerate().map(|(i, e)| (e.slug.as_str(), i)).collect();
    let mut by_name: HashMap<String, usize> = HashMap::new();
    for (i, e) in existing.iter().enumerate() {
        by_name.entry(normalize_name(&e.name)).or_insert(i);
    }
    for s in list {
        let mut bad = |message: String| {
            problems.push(Problem {
                row: s.row,
                column: name_col,
                message,
                hint: None,
            })
        };
        let found = match &s.slug {
            Some(slug) => by_slug.get(slug.as_str()).copied(),
            None => by_name.get(&normalize_name(&s.name)).copied(),
        };
        let slug = match (found, &s.slug) {
            (Some(i), _) => existing[i].slug.clone(),
            (None, Some(slug)) => slug.clone(),
            (None, None) => free_slug(&station_slug(&s.name, s.kind), &taken),
        };
        let missing: Vec<&str> = [
            (Field::Kind, "类型"),
            (Field::Region, "行政区划代码"),
            (Field::Address, "地址"),
        ]
        .into_iter()
        .filter(|(f, _)| found.is_none() && !head.has(*f))
        .map(|(_, w)| w)
        .collect();
        if !missing.is_empty() {
            bad(format!(
                "{} is not in content/stations yet, and a new station needs {} (the sheet has no such column)",
                s.name,
                missing.join(", ")
            ));
            targets.push(None);
        } else if let Some(first) = claimed.insert(slug.clone(), s.row) {
            bad(format!(
                "this row and row {first} are the same station (content/stations/{slug}.md)"
            ));
            targets.push(None);
        } else {
            taken.insert(slug.clone());
            targets.push(Some((slug, found)));
        }
    }
    targets
}

/// A station's parent as written (a name or a slug), resolved to a slug; `Some("")` removes it.
fn parent_slug(
    s: &SheetStation,
    slug: &str,
    refs: &Stations,
    problems: &mut Vec<Problem>,
) -> Result<Option<String>, ()> {
    let Some((c, p)) = &s.parent else { return Ok(None) };
    if p.is_empty() {
        return Ok(Some(String::new()));
    }
    let mut bad = |message: String, hint: Option<String>| {
        problems.push(Problem {
            row: s.row,
            column: c + 1,
            message,
            hint,
        })
    };
    match resolve_station(p, refs) {
        Ok(x) if x == slug => {
            bad("a station cannot be its own parent (上级联络站)".into(), None);
            Err(())
        }
        Ok(x) => Ok(Some(x)),
        Err((message, hint)) => {
            bad(message.replace("station (联络站)", "parent station (上级联络站)"), hint);
            Err(())
        }
    }
}

/// The files for a station sheet.
pub(crate) fn stations(
    list: &[SheetStation],
    head: &Header,
    existing: &[Existing],
    known: &[StationRef],
    problems: &mut Vec<Problem>,
) -> (Vec<Planned>, Summary) {
    let mut summary = Summary {
        what: "stations",
        ..Summary::default()
    };
    // First the slug of every row, so that a parent may be a station of the same sheet.
    let targets = station_targets(list, head, existing, problems);
    let mut refs: Vec<StationRef> = known.to_vec();
    for (s, t) in list.iter().zip(&targets) {
        if let Some((slug, None)) = t {
            refs.push(StationRef {
                slug: slug.clone(),
                name: s.name.clone(),
            });
        }
    }
    let index = Stations::new(refs);
    let mut planned = Vec::new();
    let mut claimed = HashSet::new();
    for (s, t) in list.iter().zip(targets) {
        let Some((slug, found)) = t else { continue };
        claimed.insert(slug.clone());
        let Ok(parent) = parent_slug(s, &slug, &index, problems) else {
            continue;
        };
        let keys = station_keys(s, parent);
        let rel = format!("content/stations/{slug}.md");
        let contacts: Vec<(&str, &str)> = [("manager", &s.manager), ("liaison", &s.liaison)]
            .into_iter()
            .filter_map(|(k, v)| v.as_deref().map(|v| (k, v)))
            .collect();
        let Some(i) = found else {
            planned.push(Planned {
                rel: rel.clone(),
                text: edit::new_file(&keys, &contacts),
            });
            summary.added.push(rel);
            continue;
        };
        let mut doc = existing[i].doc();
        let mut changed = apply(&mut doc, &keys);
        for (k, name) in &contacts {
            if edit::set_contact_name(doc.as_table_mut(), k, name) {
                changed.push(if *k == "manager" {
                    "manager.name"
                } else {
                    "liaison.name"
                });
            }
        }
        if changed.is_empty() {
            summary.unchanged += 1;
        } else {
            planned.push(Planned {
                rel: rel.clone(),
                text: existing[i].with_front(&doc),
            });
            summary.changed.push((rel, changed));
        }
    }
    summary.not_in_sheet = existing
        .iter()
        .filter(|e| !claimed.contains(&e.slug))
        .map(|e| format!("{} ({})", e.rel, e.name))
        .collect();
    (planned, summary)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::station::Kind;

    #[test]
    fn station_slugs() {
        assert_eq!(
            station_slug("水口镇人大代表中心联络站", Some(Kind::Center)),
            "shuikouzhen-center"
        );
        assert_eq!(
            station_slug("水口镇板栗坪片区人大代表联络站", Some(Kind::Area)),
            "shuikouzhenbanliping-area"
        );
        assert_eq!(station_slug("清溪县人大代表之家", Some(Kind::Home)), "qingxixian-home");
    }

    #[test]
    fn clashing_slugs_are_numbered() {
        let taken: HashSet<String> = ["zhang-wei".to_string(), "zhang-wei-2".to_string()].into();
        assert_eq!(free_slug("zhang-wei", &taken), "zhang-wei-3");
        assert_eq!(free_slug("li-na", &taken), "li-na");
    }
}

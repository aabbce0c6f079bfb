//! Bad input: each folder of tests/fixtures/bad/ is an overlay over tests/fixtures/good/ with
//! one kind of mistake, and a file `expected` listing what the build must print on stderr.
//!
//! `expected`: one line per diagnostic, `<root>` standing for the `--root` given; the parts
//! of a line separated by ` … ` must appear in that order on one line of stderr (so a line can
//! give `path:line:column: message` and, after ` … `, the hint). A line starting with `!` is
//! text that must appear nowhere on stderr. `#` lines are comments.
//!
//! For every case: the good site is built first, then the overlay is applied to the same copy
//! and the build is run again into the same output folder. It must fail (non-zero, no panic),
//! print every expected diagnostic, and leave the output folder byte for byte as it was.
//! `liaison check` must report the same and write nothing.

mod common;

use std::fs;
use std::path::Path;

use common::*;

/// `path:line:column: ` at the start of a diagnostic line, after `root`.
fn is_diagnostic_line(line: &str, root: &str) -> bool {
    let Some(rest) = line.strip_prefix(root) else {
        return false;
    };
    // <root>/<path>:<line>:<column>: <message>   (or <root>/<path>: <message> for whole files)
    let Some(colon_space) = rest.find(": ") else {
        return false;
    };
    let head = &rest[..colon_space];
    let mut parts = head.rsplitn(3, ':');
    let col = parts.next().unwrap_or("");
    let ln = parts.next().unwrap_or("");
    let positioned = !col.is_empty()
        && !ln.is_empty()
        && col.bytes().all(|b| b.is_ascii_digit())
        && ln.bytes().all(|b| b.is_ascii_digit());
    positioned || !head.contains(':')
}

/// Does one line of `stderr` contain the parts of `expected` (split on ` … `) in order?
fn matches(stderr: &str, expected: &str) -> bool {
    stderr.lines().any(|line| {
        let mut pos = 0;
        expected.split(" … ").all(|part| match line[pos..].find(part) {
            Some(i) => {
                pos += i + part.len();
                true
            }
            None => false,
        })
    })
}

/// Checks stderr of a failed run against an `expected` file; returns the problems.
fn check_stderr(run: &Run, expected_file: &Path, root: &Path) -> Vec<String> {
    let mut problems = Vec::new();
    if run.success() {
        problems.push("the run succeeded (exit status 0)".to_string());
    } else if run.status.code().is_none() {
        problems.push(format!("the run was killed: {}", run.status));
    }
    if run.stderr.contains("panicked") {
        problems.push("the run panicked".to_string());
    }
    let lines = expected_lines(expected_file, root);
    assert!(!lines.is_empty(), "{}: no expected lines", expected_file.display());
    for l in &lines {
        if let Some(absent) = l.strip_prefix('!') {
            if run.stderr.contains(absent) {
                problems.push(format!("stderr must not contain: {absent}"));
            }
        } else if !matches(&run.stderr, l) {
            problems.push(format!("missing on stderr: {l}"));
        }
    }
    let root_s = root.display().to_string();
    for line in run.stderr.lines() {
        if line.starts_with("error: ") || line.trim().is_empty() {
            continue;
        }
        if !is_diagnostic_line(line, &root_s) {
            problems.push(format!("not a `path:line:column: message` line: {line}"));
        }
    }
    problems
}

fn check_case(name: &str) {
    let case = fixture("bad").join(name);
    let site = Site::new("good");
    site.build().assert_ok();
    let before = snapshot(&site.out);
    assert!(before.contains_key("index.html"));

    apply_overlay(&site.root, &case);
    let run = site.build();
    let mut problems = check_stderr(&run, &case.join("expected"), &site.root);

    let after = snapshot(&site.out);
    if before != after {
        let changed: Vec<&String> = before
            .keys()
            .chain(after.keys())
            .filter(|k| before.get(*k) != after.get(*k))
            .collect();
        problems.push(format!("the output folder changed: {changed:?}"));
    }
    // nothing left beside the output either (temporary folders of an atomic write); the build
    // cache of the good build that made the output is expected
    let mut entries: Vec<String> = fs::read_dir(site.tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    entries.sort();
    if entries != [".liaison-cache", "public", "site"] {
        problems.push(format!("files left beside the output: {entries:?}"));
    }

    // `liaison check` reports the same problems and writes nothing
    let check = run_in(
        None,
        &site.root,
        &["check".to_string(), "--date".to_string(), DATE.to_string()],
        &[],
    );
    for p in check_stderr(&check, &case.join("expected"), &site.root) {
        problems.push(format!("liaison check: {p}"));
    }
    if snapshot(&site.out) != before {
        problems.push("liaison check changed the output folder".into());
    }
    if site.root.join("public").exists() {
        problems.push("liaison check wrote <root>/public".into());
    }

    assert!(
        problems.is_empty(),
        "bad input `{name}`:\n  {}\n--- build stderr:\n{}\n--- check stderr:\n{}",
        problems.join("\n  "),
        run.stderr,
        check.stderr
    );
}

macro_rules! cases {
    ($($test:ident => $dir:literal,)*) => {
        $(
            #[test]
            fn $test() {
                check_case($dir);
            }
        )*
        const CASES: &[&str] = &[$($dir),*];
    };
}

cases! {
    toml_syntax_error_in_front_matter => "toml-syntax",
    unclosed_front_matter => "unclosed-front-matter",
    no_front_matter => "no-front-matter",
    unknown_key_with_did_you_mean => "unknown-key-hint",
    unknown_key_in_file_with_bom_and_crlf => "crlf-bom-unknown-key",
    unknown_key_in_site_toml => "unknown-key-site",
    unknown_key_in_inline_table => "unknown-key-in-manager",
    unknown_key_in_reception => "reception-unknown-key",
    unknown_key_in_region => "region-unknown-key",
    station_without_name => "missing-required-key",
    representative_without_levels => "missing-levels",
    wrong_type => "wrong-type",
    invalid_station_kind => "invalid-kind",
    invalid_level => "invalid-level",
    invalid_gender => "invalid-gender",
    bad_slug_file_name => "bad-slug",
    chinese_file_name => "bad-slug-chinese",
    station_region_not_in_regions => "station-region-missing",
    representative_station_missing => "representative-station-missing",
    reception_names_missing_representative => "reception-representative-missing",
    region_parent_missing => "region-parent-missing",
    region_cycle => "region-cycle",
    duplicate_region_code => "duplicate-region-code",
    bulletin_date_year_differs_from_folder => "bulletin-date-year",
    bulletin_issue_differs_from_file_number => "bulletin-issue-number",
    bulletin_duplicate_total => "bulletin-duplicate-total",
    bulletin_file_name_not_a_number => "bulletin-file-not-number",
    bulletin_folder_not_a_year => "bulletin-folder-not-year",
    invalid_rrule => "invalid-rrule",
    invalid_time => "invalid-time",
    reception_end_before_start => "reception-end-before-start",
    reception_with_rrule_and_date => "reception-rrule-and-date",
    location_out_of_range => "invalid-location",
    invalid_base_url => "invalid-base-url",
    non_utf8_file => "non-utf8",
    free_page_with_reserved_slug => "reserved-page-slug",
    index_page_names_are_reserved => "reserved-index-slugs",
    photo_missing => "photo-missing",
    unexpected_file => "unexpected-file",
    reception_that_never_happens => "reception-never-produces",
    invalid_on_holiday => "reception-invalid-on-holiday",
    closure_names_missing_region_and_station => "holidays-unknown-reference",
    unknown_key_in_holidays_toml => "holidays-unknown-key",
    markdown_nested_quotes => "markdown-nested-quotes",
    markdown_nested_lists => "markdown-nested-lists",
    markdown_nested_emphasis => "markdown-nested-emphasis",
    control_characters_in_text_and_escapes => "control-characters",
    control_character_in_a_region_name => "control-characters-region",
    base_url_with_a_line_break => "base-url-newline",
    static_files_over_generated_ones => "static-shadows-home",
    content_file_with_uppercase_extension => "uppercase-extension",
    regions_nested_too_deep => "region-too-deep",
    ledger_cells_each_checked => "ledger-cells",
    ledger_column_of_personal_data => "ledger-personal-column",
    ledger_references_to_stations_and_representatives => "ledger-references",
    ledger_file_names => "ledger-file-name",
    ledger_quote_never_closed => "ledger-unclosed-quote",
}

#[test]
fn every_case_folder_has_a_test_and_an_expected_file() {
    let mut dirs: Vec<String> = fs::read_dir(fixture("bad"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    dirs.sort();
    let mut listed: Vec<String> = CASES.iter().map(|s| s.to_string()).collect();
    listed.sort();
    assert_eq!(dirs, listed, "tests/fixtures/bad/ and the cases! list differ");
    for d in &dirs {
        assert!(
            fixture("bad").join(d).join("expected").is_file(),
            "{d} has no `expected`"
        );
    }
}

/// Mistakes in several files are all reported in one run.
#[test]
fn every_problem_of_a_run_is_reported() {
    let cases = [
        "unknown-key-hint",
        "invalid-gender",
        "non-utf8",
        "region-parent-missing",
        "bulletin-issue-number",
    ];
    let site = Site::new("good");
    for c in cases {
        apply_overlay(&site.root, &fixture("bad").join(c));
    }
    let run = site.build();
    let mut problems = Vec::new();
    for c in cases {
        problems.extend(check_stderr(&run, &fixture("bad").join(c).join("expected"), &site.root));
    }
    assert!(
        problems.is_empty(),
        "{}\n--- stderr:\n{}",
        problems.join("\n"),
        run.stderr
    );
    assert!(!site.out.exists(), "a failed first build wrote {}", site.out.display());
}

/// `--output` must never be the site, its sources, or a folder that contains them; nothing may
/// be deleted when it is refused.
#[test]
fn output_into_the_site_or_above_it_is_refused() {
    let site = Site::new("good");
    // a folder that is not a built site, beside the site
    let docs = site.tmp.path().join("docs");
    fs::create_dir_all(&docs).unwrap();
    fs::write(docs.join("keep.txt"), "keep me").unwrap();

    let root = site.root.clone();
    let tmp = site.tmp.path().to_path_buf();
    let cases: Vec<(&str, Option<&Path>, String)> = vec![
        ("the site root", None, root.display().to_string()),
        ("content/", None, root.join("content").display().to_string()),
        (
            "inside content/",
            None,
            root.join("content/stations").display().to_string(),
        ),
        ("static/", None, root.join("static").display().to_string()),
        ("the parent of the site", None, tmp.display().to_string()),
        ("`.` in the site", Some(root.as_path()), ".".to_string()),
        ("`..` from content/", Some(&root), "..".to_string()),
        ("a folder that is not a built site", None, docs.display().to_string()),
    ];
    let before = snapshot(&tmp);
    for (what, cwd, out) in cases {
        let cwd = cwd.map(|p| {
            if out == ".." {
                p.join("content")
            } else {
                p.to_path_buf()
            }
        });
        let args: Vec<String> = ["build", "--output", &out, "--date", DATE]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let run = run_in(cwd.as_deref(), &root, &args, &[]);
        assert!(!run.success(), "--output {out} ({what}) was accepted\n{}", run.stderr);
        run.assert_no_panic();
        assert!(
            !run.stderr.trim().is_empty(),
            "--output {out} ({what}): refused without a message"
        );
        assert_same_tree(&before, &snapshot(&tmp), &format!("after --output {out} ({what})"));
    }
    // and a normal build next to it still works
    site.build().assert_ok();
}

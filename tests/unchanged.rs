//! A second `liaison build` with nothing changed writes nothing; after any change it writes
//! exactly what a clean build writes.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;
use std::time::SystemTime;

use common::{DATE, assert_same_tree, copy_dir, fixture, run, snapshot};

/// `liaison build --output <out> --date <date>`, whatever its outcome.
fn build_at(root: &Path, out: &Path, date: &str) -> common::Run {
    run(
        root,
        &[
            "build".into(),
            "--output".into(),
            out.display().to_string(),
            "--date".into(),
            date.into(),
        ],
        &[],
    )
}

/// A build that must succeed.
fn build(root: &Path, out: &Path) -> common::Run {
    let r = build_at(root, out, DATE);
    r.assert_ok();
    r
}

/// Every output file's modification time.
fn mtimes(dir: &Path) -> BTreeMap<String, SystemTime> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path().strip_prefix(dir).unwrap().display().to_string(),
                e.metadata().unwrap().modified().unwrap(),
            )
        })
        .collect()
}

/// A clean build of `root` into a fresh folder.
fn clean(root: &Path) -> BTreeMap<String, Vec<u8>> {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("clean");
    build(root, &out);
    snapshot(&out)
}

#[test]
fn an_unchanged_rebuild_writes_nothing_and_a_changed_one_matches_a_clean_build() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    copy_dir(&fixture("good"), &root);
    let out = dir.path().join("public");

    let first = build(&root, &out);
    assert!(first.stderr.contains("built "), "{}", first.stderr);
    let bytes = snapshot(&out);
    let times = mtimes(&out);

    let second = build(&root, &out);
    assert!(
        second.stderr.contains("nothing changed since the last build"),
        "{}",
        second.stderr
    );
    assert_eq!(mtimes(&out), times, "an unchanged rebuild rewrote files");
    assert_same_tree(&snapshot(&out), &bytes, "unchanged rebuild");
    assert_same_tree(&snapshot(&out), &clean(&root), "unchanged rebuild vs clean build");

    // A content edit: a full build, byte for byte a clean one.
    let rep = root.join("content/representatives/ding-chunsheng.md");
    let text = fs::read_to_string(&rep).unwrap();
    fs::write(&rep, text.replace("党支部书记", "党支部书记、主任")).unwrap();
    let third = build(&root, &out);
    assert!(!third.stderr.contains("nothing changed"), "{}", third.stderr);
    let after_edit = snapshot(&out);
    assert_ne!(after_edit, bytes, "the edit did not reach the output");
    assert_same_tree(&after_edit, &clean(&root), "rebuild after an edit vs clean build");

    // Another "today" is another build.
    let r = build_at(&root, &out, "2026-12-01");
    r.assert_ok();
    assert!(!r.stderr.contains("nothing changed"), "{}", r.stderr);
    build(&root, &out);

    // The output was tampered with: the next build repairs it.
    fs::remove_file(out.join("index.html")).unwrap();
    let fourth = build(&root, &out);
    assert!(!fourth.stderr.contains("nothing changed"), "{}", fourth.stderr);
    assert_same_tree(&snapshot(&out), &after_edit, "rebuild after a deleted output file");

    // The cache is safe to delete.
    fs::remove_dir_all(dir.path().join(".liaison-cache")).unwrap();
    let fifth = build(&root, &out);
    assert!(!fifth.stderr.contains("nothing changed"), "{}", fifth.stderr);
    assert_same_tree(&snapshot(&out), &after_edit, "rebuild without the cache");
}

#[test]
fn a_failed_build_keeps_the_stamp_of_the_good_output_from_being_trusted_for_new_content() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    copy_dir(&fixture("good"), &root);
    let out = dir.path().join("public");
    build(&root, &out);
    let good = snapshot(&out);

    let rep = root.join("content/representatives/ding-chunsheng.md");
    let text = fs::read_to_string(&rep).unwrap();
    fs::write(
        &rep,
        text.replace("station = \"zhuxi-center\"", "station = \"nowhere\""),
    )
    .unwrap();
    let bad = build_at(&root, &out, DATE);
    assert!(!bad.status.success());
    assert_same_tree(&snapshot(&out), &good, "a failed build changed the output");

    fs::write(&rep, text.replace("党支部书记", "书记")).unwrap();
    let fixed = build(&root, &out);
    assert!(!fixed.stderr.contains("nothing changed"), "{}", fixed.stderr);
    assert_same_tree(&snapshot(&out), &clean(&root), "the fixed build vs a clean build");
}

//! Incremental rebuilds produce exactly the bytes of a clean build.
//!
//! Each test copies tests/fixtures/good, opens a rebuild session on it, edits files the way
//! an editor or the webmaster does (change, add, rename, delete of every content kind;
//! regions, holidays, site.toml, templates, static files), applies the changed paths, and
//! compares every output file with a clean build of the edited site. Edits that only touch
//! content must re-render a small part of the site, not all of it.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use chrono::NaiveDate;
use liaison::Today;
use liaison::output::Origin;
use liaison::output::{Body, Output};
use liaison::rebuild::{Session, Update};

fn today() -> Today {
    Today::Date(NaiveDate::parse_from_str(common::DATE, "%Y-%m-%d").unwrap())
}

fn bytes(output: &Output) -> BTreeMap<String, Vec<u8>> {
    output
        .iter()
        .map(|(p, b)| {
            let v = match b {
                Body::Bytes(v) => v.clone(),
                Body::Copy(Origin::BuiltIn(v)) => v.to_vec(),
                Body::Copy(Origin::File(f)) => fs::read(f).unwrap(),
            };
            (p.clone(), v)
        })
        .collect()
}

fn open(root: &Path) -> Session {
    match Session::open(root, None, today(), &|_, _| {}) {
        Ok(s) => s,
        Err(d) => panic!("{:?}", d.into_sorted()),
    }
}

/// Asserts that the session's output is exactly a clean build's.
fn assert_same_as_clean(session: &Session, root: &Path, what: &str) {
    let clean = bytes(open(root).output());
    let incremental = bytes(session.output());
    let only_clean: Vec<&String> = clean.keys().filter(|k| !incremental.contains_key(*k)).collect();
    let only_incremental: Vec<&String> = incremental.keys().filter(|k| !clean.contains_key(*k)).collect();
    assert!(
        only_clean.is_empty() && only_incremental.is_empty(),
        "{what}: files only in the clean build {only_clean:?}, only in the incremental one {only_incremental:?}"
    );
    let differ: Vec<&String> = clean.keys().filter(|k| clean[*k] != incremental[*k]).collect();
    assert!(
        differ.is_empty(),
        "{what}: these files differ from a clean build: {differ:?}"
    );
    assert_eq!(session.pages(), open(root).pages(), "{what}: page count");
}

struct Site {
    _dir: tempfile::TempDir,
    root: std::path::PathBuf,
    session: Session,
}

impl Site {
    fn new() -> Site {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("site");
        common::copy_dir(&common::fixture("good"), &root);
        let session = open(&root);
        Site {
            _dir: dir,
            root,
            session,
        }
    }

    fn read(&self, rel: &str) -> String {
        fs::read_to_string(self.root.join(rel)).unwrap()
    }

    fn write(&self, rel: &str, text: &str) {
        let p = self.root.join(rel);
        fs::create_dir_all(p.parent().unwrap()).unwrap();
        fs::write(p, text).unwrap();
    }

    fn edit(&self, rel: &str, from: &str, to: &str) {
        let text = self.read(rel);
        assert!(text.contains(from), "{rel} has no `{from}`");
        self.write(rel, &text.replacen(from, to, 1));
    }

    /// Applies the changed paths; the result must be a clean build's bytes.
    fn apply(&mut self, rels: &[&str], what: &str) -> Update {
        let rels: Vec<String> = rels.iter().map(|s| s.to_string()).collect();
        let update = match self.session.apply(&rels) {
            Ok(u) => u,
            Err(d) => panic!("{what}: {:?}", d.into_sorted()),
        };
        assert_same_as_clean(&self.session, &self.root, what);
        update
    }
}

const REP: &str = "content/representatives/ding-chunsheng.md";
/// A ledger that names REP (in 2021, inside the membership the test gives and takes).
const LEDGER: &str = "content/ledger/activities-2021.csv";

#[test]
fn representative_change_add_rename_delete() {
    let mut s = Site::new();
    let total = s.session.pages();

    s.edit(REP, "党支部书记", "党支部书记、居委会主任");
    let u = s.apply(&[REP], "a representative's position");
    assert!(!u.full, "a representative edit must not render everything");
    assert!(u.rendered < total / 2, "rendered {} of {total} pages", u.rendered);
    assert!(
        u.written
            .contains(&"representatives/ding-chunsheng/index.html".to_string())
    );
    assert!(u.written.contains(&"stations/zhuxi-center/index.html".to_string()));
    assert!(u.removed.is_empty());

    // A new name changes the stroke order, and the calendars that name the representative.
    s.edit(REP, "name = \"丁春生\"", "name = \"魏春生\"");
    let u = s.apply(&[REP], "a representative's name");
    assert!(!u.full);
    assert!(
        u.written.iter().any(|p| p.ends_with("reception.ics")),
        "{:?}",
        u.written
    );

    s.edit(REP, "station = \"zhuxi-center\"", "station = \"shiqiao-home\"");
    s.apply(&[REP], "a representative moved to another station");

    // The membership ends: the person leaves every list, count, duty and calendar of today.
    s.edit(
        REP,
        "name = \"魏春生\"",
        "name = \"魏春生\"\nterm = \"第十七届\"\nuntil = 2021-12-31",
    );
    let u = s.apply(&[REP], "a representative became former");
    assert!(!u.full);
    assert!(
        u.written.contains(&"representatives/former/index.html".to_string()),
        "{:?}",
        u.written
    );
    assert!(
        u.written.contains(&"data/representatives.csv".to_string()),
        "{:?}",
        u.written
    );
    s.edit(REP, "\nterm = \"第十七届\"\nuntil = 2021-12-31", "");
    s.apply(&[REP], "a former representative current again");

    s.write(
        "content/representatives/zhou-xin.md",
        "+++\nname = \"周欣\"\nlevels = [\"township\"]\nstation = \"shiqiao-group\"\n+++\n",
    );
    let u = s.apply(&["content/representatives/zhou-xin.md"], "a representative added");
    assert!(u.written.contains(&"representatives/zhou-xin/index.html".to_string()));
    assert_eq!(s.session.pages(), total + 1);

    fs::rename(
        s.root.join("content/representatives/zhou-xin.md"),
        s.root.join("content/representatives/zhou-xinyi.md"),
    )
    .unwrap();
    let u = s.apply(
        &[
            "content/representatives/zhou-xin.md",
            "content/representatives/zhou-xinyi.md",
        ],
        "a representative renamed",
    );
    assert_eq!(u.removed, vec!["representatives/zhou-xin/index.html".to_string()]);

    // Named in zhuxi-center's schedule and in a ledger: take it out of both first, as
    // validation asks.
    s.edit(
        "content/stations/zhuxi-center.md",
        "representatives = [\"li-jianguo\", \"ding-chunsheng\"]",
        "representatives = [\"li-jianguo\"]",
    );
    s.edit(LEDGER, "陈国华、ding-chunsheng", "陈国华");
    fs::remove_file(s.root.join(REP)).unwrap();
    let u = s.apply(
        &[REP, "content/stations/zhuxi-center.md", LEDGER],
        "a representative deleted",
    );
    assert!(
        u.removed
            .contains(&"representatives/ding-chunsheng/index.html".to_string())
    );
    assert_eq!(s.session.pages(), total);
}

#[test]
fn station_change_add_rename_delete() {
    let mut s = Site::new();
    let st = "content/stations/zhuxi-nanpian-area.md";
    s.edit(st, "start = \"14:30\"", "start = \"15:00\"");
    let u = s.apply(&[st], "a station's schedule");
    assert!(!u.full);
    assert!(
        u.written
            .contains(&"stations/zhuxi-nanpian-area/reception.ics".to_string())
    );

    let text = s.read(st);
    let name_line = text.lines().find(|l| l.starts_with("name = ")).unwrap().to_string();
    s.edit(st, &name_line, "name = \"竹溪镇南片区代表联络点\"");
    s.apply(&[st], "a station's name");

    // 1+N: a parent, and voters of another township served (its page names the station)
    s.edit(
        st,
        "\nregion = ",
        "\nparent = \"zhuxi-center\"\nserves = [\"511199201\"]\nregion = ",
    );
    let u = s.apply(&[st], "a station's parent and serves");
    assert!(
        u.written.contains(&"regions/511199201/index.html".to_string()),
        "{:?}",
        u.written
    );
    assert!(
        u.written.contains(&"stations/zhuxi-center/index.html".to_string()),
        "{:?}",
        u.written
    );
    s.edit(st, "start = \"15:00\"", "start = \"15:30\"");
    s.apply(&[st], "the schedule of a station that serves another region");
    s.edit(st, "\nparent = \"zhuxi-center\"\nserves = [\"511199201\"]", "");
    s.apply(&[st], "parent and serves removed");

    s.write(
        "content/stations/aaa-new-point.md",
        "+++\nname = \"新设联络点\"\nkind = \"area\"\nregion = \"511199\"\naddress = \"城关镇新街 8 号\"\n\n[[reception]]\nrrule = \"FREQ=MONTHLY;BYMONTHDAY=5\"\nstart = \"09:00\"\nend = \"11:00\"\nrepresentatives = [\"zhao-min\"]\n+++\n",
    );
    let u = s.apply(&["content/stations/aaa-new-point.md"], "a station added");
    assert!(u.written.contains(&"stations/aaa-new-point/index.html".to_string()));
    assert!(u.written.contains(&"stations/aaa-new-point/reception.ics".to_string()));

    fs::rename(
        s.root.join("content/stations/aaa-new-point.md"),
        s.root.join("content/stations/new-point.md"),
    )
    .unwrap();
    let u = s.apply(
        &["content/stations/aaa-new-point.md", "content/stations/new-point.md"],
        "a station renamed",
    );
    assert!(u.removed.contains(&"stations/aaa-new-point/index.html".to_string()));
    assert!(u.removed.contains(&"stations/aaa-new-point/reception.ics".to_string()));

    fs::remove_file(s.root.join("content/stations/new-point.md")).unwrap();
    s.apply(&["content/stations/new-point.md"], "a station deleted");
}

#[test]
fn bulletin_change_add_rename_delete() {
    let mut s = Site::new();
    let is = "content/bulletins/2025/2.md";
    let text = s.read(is);
    let heading = text.lines().find(|l| l.starts_with("## ")).unwrap().to_string();
    s.edit(is, &heading, "## 改过的标题");
    let u = s.apply(&[is], "an issue's article title");
    assert!(!u.full);

    let mut next = s.read("content/bulletins/2026/1.md");
    next = next.replacen("issue = 1", "issue = 2", 1);
    let total_line = next.lines().find(|l| l.starts_with("total = ")).map(str::to_string);
    if let Some(t) = total_line {
        let n: u32 = t.trim_start_matches("total = ").trim().parse().unwrap();
        next = next.replacen(&t, &format!("total = {}", n + 1), 1);
    }
    s.write("content/bulletins/2026/2.md", &next);
    let u = s.apply(&["content/bulletins/2026/2.md"], "an issue added");
    assert!(u.written.contains(&"bulletins/2026/2/index.html".to_string()));
    assert!(u.written.contains(&"bulletins/atom.xml".to_string()));

    // A new year's folder.
    let mut later = next.replacen("issue = 2", "issue = 1", 1);
    later = later.replace("date = 2026-", "date = 2027-");
    if let Some(t) = later.lines().find(|l| l.starts_with("total = ")).map(str::to_string) {
        let n: u32 = t.trim_start_matches("total = ").trim().parse().unwrap();
        later = later.replacen(&t, &format!("total = {}", n + 1), 1);
    }
    s.write("content/bulletins/2027/1.md", &later);
    s.apply(
        &["content/bulletins/2027", "content/bulletins/2027/1.md"],
        "an issue in a new year",
    );

    fs::remove_dir_all(s.root.join("content/bulletins/2027")).unwrap();
    s.apply(
        &["content/bulletins/2027/1.md", "content/bulletins/2027"],
        "a year deleted",
    );

    fs::remove_file(s.root.join("content/bulletins/2026/2.md")).unwrap();
    let u = s.apply(&["content/bulletins/2026/2.md"], "an issue deleted");
    assert!(u.removed.contains(&"bulletins/2026/2/index.html".to_string()));
}

#[test]
fn pages_regions_holidays_site_templates_static() {
    let mut s = Site::new();
    let p = "content/pages/about.md";
    s.edit(p, "本站公开", "本网站公开");
    let u = s.apply(&[p], "a page's text");
    assert!(!u.full);
    assert_eq!(u.rendered, 1);

    s.edit(p, "title = \"关于本站\"", "title = \"关于我们\"");
    let u = s.apply(&[p], "a page's title (in every page's menu)");
    assert!(u.full);

    s.write(
        "content/pages/privacy.md",
        "+++\ntitle = \"隐私说明\"\n+++\n本站不收集个人信息。\n",
    );
    s.apply(&["content/pages/privacy.md"], "a page added");
    fs::remove_file(s.root.join("content/pages/privacy.md")).unwrap();
    s.apply(&["content/pages/privacy.md"], "a page deleted");

    let regions = s.read("content/regions.toml");
    let first_name = regions.lines().find(|l| l.starts_with("name = ")).unwrap().to_string();
    s.edit("content/regions.toml", &first_name, "name = \"改名后的地区\"");
    assert!(s.apply(&["content/regions.toml"], "regions.toml").full);

    s.write(
        "content/holidays.toml",
        "[[closed]]\ndate = 2026-12-01\nuntil = 2026-12-10\nname = \"办公场所维修\"\n",
    );
    s.apply(&["content/holidays.toml"], "holidays.toml added");

    s.edit(
        "site.toml",
        "title = \"青岚县人大代表联络站\"",
        "title = \"青岚县人大代表联络站网\"",
    );
    assert!(s.apply(&["site.toml"], "site.toml").full);

    let base = liaison::render::theme::load(&s.root, "default", &mut liaison::diag::Diagnostics::new())
        .templates
        .into_iter()
        .find(|t| t.name == "page.html")
        .unwrap()
        .text;
    s.write(
        "templates/page.html",
        &base.replacen("</article>", "<p>页面模板已改</p></article>", 1),
    );
    let u = s.apply(&["templates/page.html"], "a template");
    assert!(u.full);

    s.write("static/robots-extra.txt", "hello\n");
    let u = s.apply(&["static/robots-extra.txt"], "a static file added");
    assert!(u.written.contains(&"robots-extra.txt".to_string()));
    s.write("static/robots-extra.txt", "hello again\n");
    let u = s.apply(&["static/robots-extra.txt"], "a static file changed");
    assert!(u.written.contains(&"robots-extra.txt".to_string()));
    fs::remove_file(s.root.join("static/robots-extra.txt")).unwrap();
    let u = s.apply(&["static/robots-extra.txt"], "a static file deleted");
    assert_eq!(u.removed, vec!["robots-extra.txt".to_string()]);
}

#[test]
fn a_bad_edit_keeps_the_last_good_site_and_the_fix_catches_up() {
    let mut s = Site::new();
    let before = bytes(s.session.output());
    s.edit(REP, "station = \"zhuxi-center\"", "station = \"no-such-station\"");
    let err = s
        .session
        .apply(&[REP.to_string()])
        .expect_err("a bad reference is an error");
    let text: Vec<String> = err.into_sorted().iter().map(|d| d.to_string()).collect();
    assert!(
        text.iter()
            .any(|l| l.contains("ding-chunsheng.md:") && l.contains("no-such-station")),
        "{text:?}"
    );
    assert_eq!(bytes(s.session.output()), before, "a failed rebuild changed the output");

    // Another file changes while the first is still broken: still an error.
    let other = "content/representatives/zhao-min.md";
    s.edit(other, "+++\n", "+++\n# 备注\n");
    assert!(s.session.apply(&[other.to_string()]).is_err());

    s.edit(REP, "station = \"no-such-station\"", "station = \"zhuxi-center\"");
    s.apply(&[REP], "the fix");
}

#[test]
fn the_search_index_of_a_session_is_a_clean_builds() {
    let mut s = Site::new();
    s.edit(REP, "党支部书记", "党支部委员");
    s.apply(&[REP], "a representative's position");
    let incremental = s.session.search().unwrap();
    let clean = open(&s.root).search().unwrap();
    assert_eq!(incremental.len(), clean.len());
    for ((pa, a), (pb, b)) in incremental.iter().zip(&clean) {
        assert_eq!(pa, pb);
        assert!(a == b, "{pa} differs");
    }
}

/// The problems a session reports after an edit, and those of a clean check of the same files.
fn problems(s: &mut Site, rels: &[&str]) -> (String, String) {
    let shown = |r: Result<(), liaison::diag::Diagnostics>| match r {
        Ok(()) => String::new(),
        Err(d) => format!("{:?}", d.into_sorted()),
    };
    let rels: Vec<String> = rels.iter().map(|r| r.to_string()).collect();
    let after = shown(s.session.apply(&rels).map(|_| ()));
    let clean = shown(Session::open(&s.root, None, today(), &|_, _| {}).map(|_| ()));
    (after, clean)
}

/// A rebuild checks references again only in the files edited since the last check that
/// passed: what it reports must still be what a clean check reports, edit after edit.
#[test]
fn references_broken_and_mended_by_edits_are_reported_as_a_clean_check_would() {
    let mut s = Site::new();
    s.edit(REP, "station = \"zhuxi-center\"", "station = \"zhuxi-centre\"");
    let (after, clean) = problems(&mut s, &[REP]);
    assert!(
        after.contains("zhuxi-centre"),
        "the broken reference is reported: {after}"
    );
    assert_eq!(after, clean, "a representative's station broken");

    // an edit elsewhere: the file that broke is still not checked good
    let other = "content/representatives/chen-guohua.md";
    let text = s.read(other);
    s.write(other, &format!("{text}\n今年走访了三个村。\n"));
    let (after, clean) = problems(&mut s, &[other]);
    assert!(
        after.contains("zhuxi-centre"),
        "still reported after another edit: {after}"
    );
    assert_eq!(after, clean, "another representative edited");

    // a station names a representative who is not there, in the same rebuild as the mend
    let st = "content/stations/zhuxi-center.md";
    s.edit(REP, "station = \"zhuxi-centre\"", "station = \"zhuxi-center\"");
    s.edit(st, "\"ding-chunsheng\"]", "\"ding-chunshen\"]");
    let (after, clean) = problems(&mut s, &[REP, st]);
    assert!(after.contains("ding-chunshen`"), "{after}");
    assert!(!after.contains("zhuxi-centre"), "the mended reference is gone: {after}");
    assert_eq!(after, clean, "a station's reception names a missing representative");

    s.edit(st, "\"ding-chunshen\"]", "\"ding-chunsheng\"]");
    s.apply(&[st], "everything mended");
    // and after that good build, a new break is still found
    s.edit(REP, "station = \"zhuxi-center\"", "station = \"nowhere\"");
    let (after, clean) = problems(&mut s, &[REP]);
    assert!(after.contains("nowhere"), "{after}");
    assert_eq!(after, clean, "broken again after a good build");
}

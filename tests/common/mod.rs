//! Shared helpers of the integration tests: copy a fixture into a temporary folder, run the real
//! `liaison` binary on it, read back the output and parse its HTML.
//!
//! Fixtures under tests/fixtures/ are never written to: every test works on a copy.

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use scraper::{ElementRef, Html, Selector};
use tempfile::TempDir;

/// The one inline script of the default theme, in `<head>`: it applies the stored 长辈模式
/// and the closed notice before the first paint (liaison.js itself is deferred).
pub const THEME_BOOT: &str = r#"(function(d){d.classList.add("js");try{if(localStorage.getItem("liaison-elder")==="1")d.classList.add("elder");var n=d.getAttribute("data-notice");if(n&&localStorage.getItem("liaison-notice")===n)d.classList.add("notice-off")}catch(e){}})(document.documentElement)"#;

/// The "today" every build of the tests uses.
pub const DATE: &str = "2026-11-22";
/// 2026-11-22T12:00:00Z, for `SOURCE_DATE_EPOCH`.
pub const EPOCH_2026_11_22_NOON_UTC: &str = "1795348800";

pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests").join("fixtures")
}

pub fn fixture(name: &str) -> PathBuf {
    fixtures().join(name)
}

/// Copies a folder recursively (files and folders only).
pub fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap_or_else(|e| panic!("create {}: {e}", to.display()));
    for entry in fs::read_dir(from).unwrap_or_else(|e| panic!("read {}: {e}", from.display())) {
        let entry = entry.unwrap();
        let src = entry.path();
        let dst = to.join(entry.file_name());
        let ft = entry.file_type().unwrap();
        if ft.is_dir() {
            copy_dir(&src, &dst);
        } else if ft.is_file() {
            fs::copy(&src, &dst).unwrap_or_else(|e| panic!("copy {} to {}: {e}", src.display(), dst.display()));
        }
    }
}

/// Files of an overlay folder that are instructions for the test, not site files.
pub const OVERLAY_META: &[&str] = &["expected", "DELETE", "README"];

/// Applies an overlay to a site: every file of `overlay` (except [`OVERLAY_META`] at its top)
/// is copied over the site, then the paths listed in its `DELETE` file (one per line, relative
/// to the site root) are removed.
pub fn apply_overlay(root: &Path, overlay: &Path) {
    fn walk(base: &Path, dir: &Path, root: &Path) {
        for entry in fs::read_dir(dir).unwrap() {
            let entry = entry.unwrap();
            let path = entry.path();
            let rel = path.strip_prefix(base).unwrap();
            if dir == base && OVERLAY_META.iter().any(|m| rel == Path::new(m)) {
                continue;
            }
            if entry.file_type().unwrap().is_dir() {
                walk(base, &path, root);
            } else {
                let dst = root.join(rel);
                fs::create_dir_all(dst.parent().unwrap()).unwrap();
                fs::copy(&path, &dst).unwrap_or_else(|e| panic!("overlay {}: {e}", path.display()));
            }
        }
    }
    walk(overlay, overlay, root);
    let delete = overlay.join("DELETE");
    if delete.is_file() {
        for line in fs::read_to_string(&delete).unwrap().lines() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let p = root.join(line);
            if p.is_dir() {
                fs::remove_dir_all(&p).unwrap();
            } else {
                fs::remove_file(&p).unwrap_or_else(|e| panic!("DELETE {}: {e}", p.display()));
            }
        }
    }
}

/// A copy of a fixture in a temporary folder: the site at `root`, the output at `out`
/// (both inside the same temporary folder, removed when this is dropped).
pub struct Site {
    pub tmp: TempDir,
    pub root: PathBuf,
    pub out: PathBuf,
}

impl Site {
    /// A copy of `tests/fixtures/<name>`.
    pub fn new(name: &str) -> Site {
        let tmp = tempfile::Builder::new()
            .prefix("liaison-test-")
            .tempdir()
            .expect("a temporary folder");
        let root = tmp.path().join("site");
        copy_dir(&fixture(name), &root);
        let out = tmp.path().join("public");
        Site { tmp, root, out }
    }

    /// A copy of `tests/fixtures/<base>` with the overlay `tests/fixtures/<overlay>` applied.
    pub fn with_overlay(base: &str, overlay: &str) -> Site {
        let s = Site::new(base);
        apply_overlay(&s.root, &fixture(overlay));
        s
    }

    /// `liaison --root <root> build --date 2026-11-22 --output <out>`.
    pub fn build(&self) -> Run {
        self.build_with(&["--date", DATE], &[])
    }

    /// `liaison --root <root> build --output <out> <args>` with extra environment variables.
    /// `SOURCE_DATE_EPOCH` is removed from the environment unless given in `env`.
    pub fn build_with(&self, args: &[&str], env: &[(&str, &str)]) -> Run {
        self.build_into(&self.out, args, env)
    }

    pub fn build_into(&self, out: &Path, args: &[&str], env: &[(&str, &str)]) -> Run {
        let mut full: Vec<String> = vec!["build".into(), "--output".into(), out.display().to_string()];
        full.extend(args.iter().map(|s| s.to_string()));
        run(&self.root, &full, env)
    }

    /// An HTML page of the output by URL (`/stations/x/` → `stations/x/index.html`).
    pub fn page(&self, url: &str) -> Html {
        page(&self.out, url)
    }

    pub fn file(&self, url: &str) -> PathBuf {
        self.out.join(file_for(url))
    }
}

/// The result of running the binary.
pub struct Run {
    pub status: std::process::ExitStatus,
    pub stdout: String,
    pub stderr: String,
    pub args: Vec<String>,
}

impl Run {
    pub fn success(&self) -> bool {
        self.status.success()
    }

    /// Panics with the whole output unless the run succeeded.
    pub fn assert_ok(&self) -> &Self {
        assert!(
            self.status.success(),
            "liaison {:?} failed with {}\n--- stderr:\n{}\n--- stdout:\n{}",
            self.args,
            self.status,
            self.stderr,
            self.stdout
        );
        self.assert_no_panic();
        self
    }

    pub fn assert_no_panic(&self) -> &Self {
        assert!(
            !self.stderr.contains("panicked"),
            "liaison {:?} panicked:\n{}",
            self.args,
            self.stderr
        );
        self
    }
}

/// Runs `liaison --root <root> <args>` with a clean, fixed environment.
pub fn run(root: &Path, args: &[String], env: &[(&str, &str)]) -> Run {
    run_in(None, root, args, env)
}

/// [`run`], in the working directory `cwd` if given.
pub fn run_in(cwd: Option<&Path>, root: &Path, args: &[String], env: &[(&str, &str)]) -> Run {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_liaison"));
    if let Some(d) = cwd {
        cmd.current_dir(d);
    }
    cmd.arg("--root").arg(root).args(args);
    cmd.env_remove("SOURCE_DATE_EPOCH");
    cmd.env_remove("TZ");
    cmd.env("LC_ALL", "C.UTF-8");
    cmd.env_remove("RUST_BACKTRACE");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let Output { status, stdout, stderr } = cmd.output().expect("the liaison binary runs");
    let mut all = vec!["--root".to_string(), root.display().to_string()];
    all.extend(args.iter().cloned());
    Run {
        status,
        stdout: String::from_utf8_lossy(&stdout).into_owned(),
        stderr: String::from_utf8_lossy(&stderr).into_owned(),
        args: all,
    }
}

/// `/a/b/` → `a/b/index.html`, `/404.html` → `404.html`.
pub fn file_for(url: &str) -> String {
    let p = url.trim_start_matches('/');
    if p.is_empty() || p.ends_with('/') {
        format!("{p}index.html")
    } else {
        p.to_string()
    }
}

/// Every file under `dir`, keyed by its path relative to `dir` (with `/`), with its bytes.
pub fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    fn walk(base: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        let Ok(rd) = fs::read_dir(dir) else { return };
        for entry in rd {
            let entry = entry.unwrap();
            let path = entry.path();
            let ft = entry.file_type().unwrap();
            if ft.is_dir() {
                walk(base, &path, out);
            } else {
                let rel = path.strip_prefix(base).unwrap().to_string_lossy().replace('\\', "/");
                out.insert(rel, fs::read(&path).unwrap());
            }
        }
    }
    walk(dir, dir, &mut out);
    out
}

/// Asserts two snapshots are equal, naming the first difference.
pub fn assert_same_tree(a: &BTreeMap<String, Vec<u8>>, b: &BTreeMap<String, Vec<u8>>, what: &str) {
    let ka: Vec<&String> = a.keys().collect();
    let kb: Vec<&String> = b.keys().collect();
    if ka != kb {
        let only_a: Vec<&&String> = ka.iter().filter(|k| !b.contains_key(**k)).collect();
        let only_b: Vec<&&String> = kb.iter().filter(|k| !a.contains_key(**k)).collect();
        panic!("{what}: the file lists differ\nonly in the first: {only_a:?}\nonly in the second: {only_b:?}");
    }
    for (k, va) in a {
        let vb = &b[k];
        if va != vb {
            let pos = va
                .iter()
                .zip(vb.iter())
                .position(|(x, y)| x != y)
                .unwrap_or(va.len().min(vb.len()));
            let ctx =
                |v: &[u8]| String::from_utf8_lossy(&v[pos.saturating_sub(80)..(pos + 80).min(v.len())]).into_owned();
            panic!(
                "{what}: {k} differs at byte {pos}\nfirst:  …{}…\nsecond: …{}…",
                ctx(va),
                ctx(vb)
            );
        }
    }
}

/// Reads and parses an HTML page of an output folder by URL.
pub fn page(out: &Path, url: &str) -> Html {
    let path = out.join(file_for(url));
    let text = fs::read_to_string(&path).unwrap_or_else(|e| panic!("{url} ({}) : {e}", path.display()));
    Html::parse_document(&text)
}

/// Every `.html` file of an output folder: (path relative to it, parsed document).
pub fn html_pages(out: &Path) -> Vec<(String, Html)> {
    snapshot(out)
        .into_iter()
        .filter(|(k, _)| k.ends_with(".html"))
        .map(|(k, v)| {
            let text = String::from_utf8(v).unwrap_or_else(|_| panic!("{k} is not UTF-8"));
            (k, Html::parse_document(&text))
        })
        .collect()
}

pub fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap_or_else(|e| panic!("bad selector {s}: {e:?}"))
}

/// All elements matching a CSS selector.
pub fn select<'a>(doc: &'a Html, s: &str) -> Vec<ElementRef<'a>> {
    doc.select(&sel(s)).collect()
}

/// The one element matching a selector (panics if none; the first if several).
pub fn one<'a>(doc: &'a Html, s: &str, what: &str) -> ElementRef<'a> {
    doc.select(&sel(s))
        .next()
        .unwrap_or_else(|| panic!("{what}: no element matches `{s}`"))
}

/// An element's text with runs of whitespace collapsed to one space, trimmed.
pub fn text(e: ElementRef) -> String {
    collapse(&e.text().collect::<String>())
}

/// The text directly inside an element (not inside its child elements), collapsed and trimmed.
pub fn own_text(e: ElementRef) -> String {
    let t: String = e
        .children()
        .filter_map(|n| n.value().as_text().map(|t| t.to_string()))
        .collect();
    collapse(&t)
}

pub fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The text of a whole document's `<body>`, collapsed.
pub fn body_text(doc: &Html) -> String {
    doc.select(&sel("body")).next().map(text).unwrap_or_default()
}

pub fn attr<'a>(e: ElementRef<'a>, name: &str) -> Option<&'a str> {
    e.value().attr(name)
}

/// Texts of the elements matching a selector.
pub fn texts(doc: &Html, s: &str) -> Vec<String> {
    select(doc, s).into_iter().map(text).collect()
}

/// Lines of an `expected` file: without blank lines and `#` comments, `<root>` replaced.
pub fn expected_lines(file: &Path, root: &Path) -> Vec<String> {
    fs::read_to_string(file)
        .unwrap_or_else(|e| panic!("{}: {e}", file.display()))
        .lines()
        .map(str::trim_end)
        .filter(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
        .map(|l| l.replace("<root>", &root.display().to_string()))
        .collect()
}

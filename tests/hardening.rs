//! Attacks a hostile author, a careless webmaster and a failing machine make, each with the
//! fixture or payload of its own (the bad-input ones with an `expected` file are in
//! tests/fixtures/bad/ and tests/bad_input.rs): output folders that are not folders, links out
//! of the site, the build machine's environment, killed builds, a mount point, and imports of
//! things that are not documents.

mod common;

use std::fs;
use std::os::unix::fs::{FileTypeExt, symlink};
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use common::*;

fn args(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| s.to_string()).collect()
}

/// A build into `out` is refused with a message naming what it is, and `out` is as it was.
fn assert_refused(site: &Site, out: &Path, what: &str) {
    let run = site.build_into(out, &["--date", DATE], &[]);
    assert!(!run.success(), "building into {what} succeeded:\n{}", run.stderr);
    run.assert_no_panic();
    assert!(
        run.stderr.contains("not a folder") && run.stderr.contains(what),
        "the message names what the output is ({what}):\n{}",
        run.stderr
    );
}

#[test]
fn an_output_that_is_a_fifo_a_socket_or_a_file_is_refused_and_left_alone() {
    let site = Site::new("good");
    let fifo = site.tmp.path().join("fifo");
    let made = Command::new("mkfifo").arg(&fifo).status().expect("mkfifo runs");
    assert!(made.success());
    assert_refused(&site, &fifo, "a named pipe");
    assert!(
        fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo(),
        "the FIFO is still a FIFO"
    );

    let sock = site.tmp.path().join("sock");
    let _listener = std::os::unix::net::UnixListener::bind(&sock).unwrap();
    assert_refused(&site, &sock, "a socket");
    assert!(fs::symlink_metadata(&sock).unwrap().file_type().is_socket());

    let file = site.tmp.path().join("notes.txt");
    fs::write(&file, "mine").unwrap();
    assert_refused(&site, &file, "a file");
    assert_eq!(fs::read_to_string(&file).unwrap(), "mine");
}

#[test]
fn an_output_that_is_a_device_node_is_refused_and_left_alone() {
    let site = Site::new("good");
    let dev = site.tmp.path().join("null");
    // A character device of the test's own (the null device's numbers); needs root.
    let made = Command::new("mknod")
        .arg(&dev)
        .args(["c", "1", "3"])
        .output()
        .expect("mknod runs");
    if !made.status.success() {
        eprintln!(
            "skipped: cannot make a device node here ({})",
            String::from_utf8_lossy(&made.stderr).trim()
        );
        return;
    }
    assert_refused(&site, &dev, "a device");
    let meta = fs::symlink_metadata(&dev).unwrap();
    assert!(
        meta.file_type().is_char_device(),
        "the device node is still a device node"
    );
    // The system's own null device, given directly, is refused the same way.
    assert_refused(&site, Path::new("/dev/null"), "a device");
    assert!(fs::metadata("/dev/null").unwrap().file_type().is_char_device());
}

/// A folder outside the site with a secret in it.
fn secret_folder(site: &Site) -> std::path::PathBuf {
    let secret = site.tmp.path().join("etc");
    fs::create_dir_all(&secret).unwrap();
    fs::write(secret.join("shadow"), "root:SECRET-HASH:19000").unwrap();
    secret
}

/// Whether any file of the output contains `needle`.
fn output_contains(out: &Path, needle: &str) -> Option<String> {
    snapshot(out)
        .into_iter()
        .find(|(_, bytes)| String::from_utf8_lossy(bytes).contains(needle))
        .map(|(k, _)| k)
}

#[test]
fn a_static_folder_linked_outside_the_site_is_refused() {
    let site = Site::new("good");
    let secret = secret_folder(&site);
    let own = site.root.join("static");
    fs::rename(&own, site.tmp.path().join("static-was")).unwrap();
    symlink(&secret, &own).unwrap();
    let built = site.build();
    assert!(!built.success(), "{}", built.stderr);
    assert!(
        built.stderr.contains("static:1:1: this is a symbolic link to")
            && built.stderr.contains("outside the site folder"),
        "{}",
        built.stderr
    );
    assert!(!site.out.exists(), "nothing was written");
    // and `check` says the same
    let check = run(&site.root, &args(&["check", "--date", DATE]), &[]);
    assert!(
        !check.success() && check.stderr.contains("outside the site folder"),
        "{}",
        check.stderr
    );
}

#[test]
fn templates_linked_outside_the_site_are_refused() {
    let site = Site::new("good");
    let secret = secret_folder(&site);
    fs::write(secret.join("base.html"), "{{ site.title }} SECRET-TEMPLATE").unwrap();
    symlink(&secret, site.root.join("templates")).unwrap();
    let run = site.build();
    assert!(
        !run.success() && run.stderr.contains("templates:1:1: this is a symbolic link"),
        "{}",
        run.stderr
    );
    assert!(!site.out.exists());
}

#[test]
fn links_inside_the_site_are_followed_and_links_out_of_it_reported_by_path() {
    let site = Site::new("good");
    // A photo kept once and linked from static/, and a content file linked into its folder:
    // both resolve inside the site and are used as if they were there.
    fs::create_dir_all(site.root.join("shared")).unwrap();
    fs::copy(
        site.root.join("static/photos/wang-xiulan.png"),
        site.root.join("shared/portrait.png"),
    )
    .unwrap();
    symlink(
        site.root.join("shared/portrait.png"),
        site.root.join("static/photos/linked.png"),
    )
    .unwrap();
    fs::write(
        site.root.join("shared/notice.md"),
        "+++\ntitle = \"办公时间调整\"\n+++\n本周起每周三下午办公。\n",
    )
    .unwrap();
    symlink(
        site.root.join("shared/notice.md"),
        site.root.join("content/pages/notice.md"),
    )
    .unwrap();
    let rep = site.root.join("content/representatives/ma-li.md");
    let source = fs::read_to_string(&rep).unwrap();
    fs::write(
        &rep,
        source.replacen("position = ", "photo = \"photos/linked.png\"\nposition = ", 1),
    )
    .unwrap();
    site.build().assert_ok();
    assert_eq!(
        fs::read(site.out.join("photos/linked.png")).unwrap(),
        fs::read(site.root.join("shared/portrait.png")).unwrap(),
        "the linked photo is copied"
    );
    let doc = site.page("/notice/");
    assert_eq!(
        text(one(&doc, "main h1", "h1")),
        "办公时间调整",
        "the linked page is built"
    );

    // A link inside static/ and one inside content/ that lead out: each named by its path.
    let secret = secret_folder(&site);
    symlink(secret.join("shadow"), site.root.join("static/shadow.txt")).unwrap();
    symlink(secret.join("shadow"), site.root.join("content/pages/leak.md")).unwrap();
    let run = site.build();
    assert!(!run.success());
    for path in ["static/shadow.txt", "content/pages/leak.md"] {
        assert!(
            run.stderr.contains(&format!("{path}:1:1: this is a symbolic link to")),
            "{path} is reported:\n{}",
            run.stderr
        );
    }
    assert_eq!(output_contains(&site.out, "SECRET-HASH"), None);
}

#[test]
fn a_photo_linked_outside_the_site_fails_validation() {
    let site = Site::new("good");
    let secret = secret_folder(&site);
    symlink(secret.join("shadow"), site.root.join("static/photos/x.png")).unwrap();
    let rep = site.root.join("content/representatives/ma-li.md");
    let text = fs::read_to_string(&rep).unwrap();
    fs::write(
        &rep,
        text.replacen("position = ", "photo = \"photos/x.png\"\nposition = ", 1),
    )
    .unwrap();
    let run = site.build();
    assert!(!run.success());
    assert!(
        run.stderr.contains("content/representatives/ma-li.md:")
            && run.stderr.contains("the photo static/photos/x.png"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_template_cannot_read_the_build_machines_environment() {
    let site = Site::new("good");
    fs::create_dir_all(site.root.join("templates")).unwrap();
    fs::write(
        site.root.join("templates/page.html"),
        "{% extends \"base.html\" %}{% block content %}<p>{{ get_env(name='SECRET_TOKEN') }}</p>{% endblock content %}",
    )
    .unwrap();
    let run = site.build_with(&["--date", DATE], &[("SECRET_TOKEN", "ghp-ci-secret-0123")]);
    assert!(!run.success(), "the build must fail");
    assert!(run.stderr.contains("`get_env` is not available"), "{}", run.stderr);
    assert!(!run.stderr.contains("ghp-ci-secret-0123") && !run.stdout.contains("ghp-ci-secret-0123"));
    assert!(!site.out.exists());
}

/// A process id that is not running.
fn dead_pid() -> u32 {
    (3_000_000..4_194_304)
        .find(|p| !Path::new(&format!("/proc/{p}")).exists())
        .expect("a free process id")
}

#[test]
fn a_build_removes_what_killed_builds_left_behind() {
    let site = Site::new("good");
    site.build().assert_ok();
    let dead = dead_pid();
    let parent = site.tmp.path();
    let leftovers = [
        parent.join(format!(".public.liaison-new-{dead}")),
        parent.join(format!(".public.liaison-old-{dead}")),
        parent.join(format!(".liaison-search-{dead}-0")),
    ];
    for d in &leftovers {
        fs::create_dir_all(d.join("stations")).unwrap();
        fs::write(d.join("stations/index.html"), "half a site").unwrap();
    }
    // Not ours, or not dead: kept.
    let alive = parent.join(format!(".public.liaison-new-{}", std::process::id()));
    let unrelated = parent.join(".public.backup");
    fs::create_dir_all(&alive).unwrap();
    fs::create_dir_all(&unrelated).unwrap();
    fs::write(
        site.root.join("content/pages/about.md"),
        "+++\ntitle = \"关于\"\n+++\n改过。\n",
    )
    .unwrap();
    site.build().assert_ok();
    for d in &leftovers {
        assert!(!d.exists(), "{} is left behind", d.display());
    }
    assert!(
        alive.exists() && unrelated.exists(),
        "only dead builds' folders are removed"
    );
}

#[test]
fn a_build_killed_at_any_moment_leaves_nothing_for_good() {
    let site = Site::new("good");
    site.build().assert_ok();
    let parent = site.tmp.path().to_path_buf();
    let scratch = |p: &Path| -> Vec<String> {
        fs::read_dir(p)
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.contains(".liaison-new-") || n.contains(".liaison-old-") || n.starts_with(".liaison-search-"))
            .collect()
    };
    fs::write(
        site.root.join("content/pages/about.md"),
        "+++\ntitle = \"关于\"\n+++\n第二版。\n",
    )
    .unwrap();
    let mut killed_mid_build = false;
    for attempt in 0..40 {
        let mut child = Command::new(env!("CARGO_BIN_EXE_liaison"))
            .arg("--root")
            .arg(&site.root)
            .args(["build", "--date", DATE, "--output"])
            .arg(&site.out)
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        // Kill it as soon as it has started writing (then at later moments on later tries).
        let started = Instant::now();
        while scratch(&parent).is_empty() && started.elapsed() < Duration::from_secs(10) {
            std::thread::sleep(Duration::from_micros(200));
        }
        std::thread::sleep(Duration::from_millis(attempt % 5));
        let _ = child.kill();
        let status = child.wait().unwrap();
        if !status.success() && !scratch(&parent).is_empty() {
            killed_mid_build = true;
            break;
        }
    }
    assert!(killed_mid_build, "no kill landed in the middle of a build");
    // Whatever the moment, the output is a whole site: the old one or the new one.
    assert!(
        site.out.join("index.html").is_file(),
        "the output is a whole site after a kill"
    );
    site.build().assert_ok();
    assert_eq!(
        scratch(&parent),
        Vec::<String>::new(),
        "the next build removes the killed one's folders"
    );
    let clean = Site::new("good");
    fs::write(
        clean.root.join("content/pages/about.md"),
        "+++\ntitle = \"关于\"\n+++\n第二版。\n",
    )
    .unwrap();
    clean.build().assert_ok();
    assert_same_tree(
        &snapshot(&clean.out),
        &snapshot(&site.out),
        "after a killed build and a rebuild",
    );
}

#[test]
fn an_output_folder_that_is_a_mount_point_is_built_into() {
    use std::os::unix::fs::MetadataExt;
    let site = Site::new("good");
    let mnt = site.tmp.path().join("www");
    fs::create_dir_all(&mnt).unwrap();
    let mounted = Command::new("mount")
        .args(["-t", "tmpfs", "-o", "size=64m", "tmpfs"])
        .arg(&mnt)
        .output();
    match mounted {
        Ok(o) if o.status.success() => {}
        Ok(o) => {
            eprintln!(
                "skipped: cannot mount a tmpfs here ({})",
                String::from_utf8_lossy(&o.stderr).trim()
            );
            return;
        }
        Err(e) => {
            eprintln!("skipped: no mount command ({e})");
            return;
        }
    }
    struct Unmount<'a>(&'a Path);
    impl Drop for Unmount<'_> {
        fn drop(&mut self) {
            let _ = Command::new("umount").arg(self.0).status();
        }
    }
    let _guard = Unmount(&mnt);
    let dev = |p: &Path| fs::metadata(p).unwrap().dev();
    assert_ne!(dev(&mnt), dev(site.tmp.path()), "a mount point");
    site.build_into(&mnt, &["--date", DATE], &[]).assert_ok();
    fs::write(
        site.root.join("content/pages/about.md"),
        "+++\ntitle = \"关于\"\n+++\n第二版。\n",
    )
    .unwrap();
    site.build_into(&mnt, &["--date", DATE], &[]).assert_ok();
    assert_ne!(dev(&mnt), dev(site.tmp.path()), "still the mount point");
    let doc = page(&mnt, "/about/");
    assert!(body_text(&doc).contains("第二版"), "the second build is in place");
    let names: Vec<String> = fs::read_dir(&mnt)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        names.iter().all(|n| !n.contains("liaison-")),
        "no scratch folder left: {names:?}"
    );
    site.build_into(&site.out, &["--date", DATE], &[]).assert_ok();
    assert_same_tree(
        &snapshot(&site.out),
        &snapshot(&mnt),
        "the mount point against a plain folder",
    );
}

#[test]
fn a_base_url_with_a_line_break_on_the_command_line_is_refused() {
    let site = Site::new("good");
    let run = site.build_with(&["--date", DATE, "--base-url", "https://x.example\r\nx-evil:1"], &[]);
    assert!(!run.success());
    assert!(
        run.stderr
            .contains("--base-url: `base_url` must not contain spaces, tabs or line breaks"),
        "{}",
        run.stderr
    );
    assert!(!site.out.exists());
}

/// `liaison import bulletin` with `args`, in a copy of the good site.
fn import(site: &Site, extra: &[&str]) -> Run {
    let mut a = vec!["import", "bulletin"];
    a.extend_from_slice(extra);
    run(&site.root, &args(&a), &[])
}

#[test]
fn import_refuses_what_is_not_a_document() {
    let site = Site::new("good");
    // an endless device: refused at once, nothing read
    let started = Instant::now();
    let r = import(&site, &["/dev/zero"]);
    assert!(!r.success() && r.stderr.contains("not a regular file"), "{}", r.stderr);
    assert!(started.elapsed() < Duration::from_secs(10));
    // a FIFO would block a reader for ever
    let fifo = site.tmp.path().join("issue.txt");
    assert!(Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    let r = import(&site, &[&fifo.display().to_string()]);
    assert!(!r.success() && r.stderr.contains("not a regular file"), "{}", r.stderr);
    // a file far too big for a bulletin
    let big = site.tmp.path().join("big.txt");
    let f = fs::File::create(&big).unwrap();
    f.set_len(64 << 20).unwrap();
    let r = import(&site, &[&big.display().to_string()]);
    assert!(!r.success() && r.stderr.contains("larger than 16 MB"), "{}", r.stderr);
}

const ISSUE: &str = "联络动态\n\n第 3 期\n\n青岚县人大常委会编\n\n2026年3月2日\n\n竹溪镇开展代表接待活动\n\n竹溪镇组织代表进站接待群众。\n\n（竹溪镇人大供稿）\n";

#[test]
fn import_keeps_a_dangling_link_at_its_target_without_force() {
    let site = Site::new("good");
    let doc = site.tmp.path().join("3.txt");
    fs::write(&doc, ISSUE).unwrap();
    let target = site.root.join("content/bulletins/2026/3.md");
    symlink(site.tmp.path().join("nowhere.md"), &target).unwrap();
    let r = import(&site, &[&doc.display().to_string()]);
    assert!(
        !r.success() && r.stderr.contains("already exists; use --force"),
        "{}",
        r.stderr
    );
    assert!(
        fs::symlink_metadata(&target).unwrap().file_type().is_symlink(),
        "the link is kept"
    );
}

#[test]
fn import_into_a_folder_that_is_not_a_site_creates_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let doc = dir.path().join("3.txt");
    fs::write(&doc, ISSUE).unwrap();
    let missing = dir.path().join("no-such-site");
    let r = run(
        &missing,
        &args(&["import", "bulletin", &doc.display().to_string()]),
        &[],
    );
    assert!(!r.success() && r.stderr.contains("not a liaison site"), "{}", r.stderr);
    assert!(!missing.exists(), "no folder was created");
}

#[test]
fn the_readme_example_and_command_help_hold_on_the_demo() {
    let demo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("demo");
    copy_dir(&demo.join("content"), &root.join("content"));
    fs::copy(demo.join("site.toml"), root.join("site.toml")).unwrap();
    let readme = fs::read_to_string(demo.join("README.md")).unwrap();
    let line = readme
        .lines()
        .find(|l| l.starts_with("liaison new station "))
        .expect("README shows `liaison new station`");
    let slug = line.split_whitespace().nth(3).unwrap();
    run(&root, &args(&["new", "station", slug]), &[]).assert_ok();
    assert!(
        readme.contains("cargo install --path ."),
        "README says how to put liaison on PATH"
    );
    assert!(
        readme.contains("python3-venv") || readme.contains("venv"),
        "README names what the tests need"
    );
    // `--verbose` is offered where it means something, and only there
    for (cmd, has) in [("build", true), ("check", true), ("serve", true), ("new", false)] {
        let help = run(&root, &args(&[cmd, "--help"]), &[]);
        assert_eq!(
            help.stdout.contains("--verbose"),
            has,
            "liaison {cmd} --help:\n{}",
            help.stdout
        );
    }
    let help = run(&root, &args(&["import", "bulletin", "--help"]), &[]);
    assert!(!help.stdout.contains("--verbose"), "{}", help.stdout);
}

#[test]
fn theme_stylesheets_and_scripts_are_minified_and_the_script_is_deferred() {
    let site = Site::new("good");
    site.build().assert_ok();
    let theme = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/static/assets");
    for f in ["liaison.css", "liaison.js", "search.js", "print.css"] {
        let built = fs::read(site.out.join("assets").join(f)).unwrap();
        let source = fs::read(theme.join(f)).unwrap();
        assert!(
            built.len() < source.len() * 9 / 10,
            "{f}: {} bytes built from {}",
            built.len(),
            source.len()
        );
    }
    let css = fs::read_to_string(site.out.join("assets/liaison.css")).unwrap();
    assert!(
        !css.contains("/*") && css.contains(".elder"),
        "comments out, rules kept"
    );
    let doc = site.page("/");
    let script = one(&doc, r#"script[src="/assets/liaison.js"]"#, "liaison.js");
    assert!(attr(script, "defer").is_some());
}

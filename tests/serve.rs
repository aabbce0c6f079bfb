//! `liaison serve`: start it on a free port, edit, add and delete files the way an editor does,
//! and check what is served: pages, content types, the 404 page, the live-reload hook, the
//! problems of a bad edit with the last good page still served, and recovery.

mod common;

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::*;

struct Server {
    child: Child,
    port: u16,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// `(status, content type, body)` of a GET.
fn get(port: u16, path: &str) -> Option<(u16, String, String)> {
    let mut s = TcpStream::connect(("127.0.0.1", port)).ok()?;
    s.set_read_timeout(Some(Duration::from_secs(10))).ok()?;
    write!(s, "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n").ok()?;
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).ok()?;
    let text = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = text.split_once("\r\n\r\n")?;
    let status = head.split_whitespace().nth(1)?.parse().ok()?;
    let ctype = head
        .lines()
        .find_map(|l| {
            l.to_ascii_lowercase()
                .strip_prefix("content-type:")
                .map(|v| v.trim().to_string())
        })
        .unwrap_or_default();
    Some((status, ctype, body.to_string()))
}

fn start(root: &Path) -> Server {
    start_with(root, None, &[])
}

/// `liaison serve`, run in `cwd` (if given), its messages going to `log` (if given).
fn start_with(root: &Path, log: Option<(&Path, &Path)>, extra: &[&str]) -> Server {
    let port = free_port();
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_liaison"));
    cmd.args([
        "--root",
        &root.display().to_string(),
        "serve",
        "--port",
        &port.to_string(),
        "--date",
        DATE,
    ])
    .args(extra)
    .env_remove("SOURCE_DATE_EPOCH")
    .stdout(Stdio::null());
    match log {
        Some((cwd, file)) => {
            cmd.current_dir(cwd).stderr(std::fs::File::create(file).unwrap());
        }
        None => {
            cmd.stderr(Stdio::null());
        }
    }
    let child = cmd.spawn().expect("start liaison serve");
    let server = Server { child, port };
    wait_for(&server, "/", |r| r.0 == 200, "the server to answer");
    server
}

/// Polls `path` until `ok` holds (the watcher debounces and rebuilds in the background).
fn wait_for(
    server: &Server,
    path: &str,
    ok: impl Fn(&(u16, String, String)) -> bool,
    what: &str,
) -> (u16, String, String) {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        if let Some(r) = get(server.port, path)
            && ok(&r)
        {
            return r;
        }
        assert!(Instant::now() < deadline, "timed out waiting for {what} ({path})");
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// Writes a file the way many editors save: to a temporary file, then renamed over it.
fn save(path: &Path, text: &str) {
    let tmp = path.with_extension("md.tmp~");
    std::fs::write(&tmp, text).unwrap();
    std::fs::rename(&tmp, path).unwrap();
}

#[test]
fn serves_the_site_and_follows_edits() {
    let site = Site::new("good");
    let server = start(&site.root);

    // pages, types, 404, the hook
    let (status, ctype, body) = get(server.port, "/stations/zhuxi-center/").unwrap();
    assert_eq!((status, ctype.as_str()), (200, "text/html; charset=utf-8"));
    let doc = scraper::Html::parse_document(&body);
    assert!(text(one(&doc, "main h1", "h1")).starts_with("竹溪镇人大代表中心联络站"));
    assert_eq!(
        select(&doc, r#"script[src="/__liaison/live.js"]"#).len(),
        1,
        "the live-reload hook"
    );
    let (status, ctype, _) = get(server.port, "/stations/zhuxi-center/reception.ics").unwrap();
    assert_eq!((status, ctype.as_str()), (200, "text/calendar; charset=utf-8"));
    let (status, ctype, _) = get(server.port, "/bulletins/atom.xml").unwrap();
    assert_eq!((status, ctype.as_str()), (200, "application/atom+xml; charset=utf-8"));
    let (status, _, body) = get(server.port, "/no/such/page/").unwrap();
    assert_eq!(status, 404);
    assert!(body.contains("找不到页面"), "the site's 404 page");
    let (status, ctype, js) = get(server.port, "/__liaison/live.js").unwrap();
    assert_eq!((status, ctype.as_str()), (200, "text/javascript; charset=utf-8"));
    assert!(js.contains("EventSource"));

    // the search index is made in the background and then served
    wait_for(
        &server,
        "/__liaison/status",
        |r| {
            serde_json::from_str::<serde_json::Value>(&r.2)
                .map(|v| v["searches"].as_u64().unwrap_or(0) >= 1)
                .unwrap_or(false)
        },
        "the search index",
    );
    let (status, _, entry) = get(server.port, "/pagefind/pagefind-entry.json").unwrap();
    assert_eq!(status, 200);
    let entry: serde_json::Value = serde_json::from_str(&entry).unwrap();
    assert!(entry["languages"].is_object(), "{entry}");

    // an edit shows up
    let file = site.root.join("content/stations/zhuxi-center.md");
    let original = std::fs::read_to_string(&file).unwrap();
    save(
        &file,
        &original.replacen(
            "name = \"竹溪镇人大代表中心联络站\"",
            "name = \"竹溪镇代表联络站（新址）\"",
            1,
        ),
    );
    wait_for(
        &server,
        "/stations/zhuxi-center/",
        |r| r.2.contains("竹溪镇代表联络站（新址）"),
        "the edit",
    );

    // a bad edit: the last good page stays, the problems are reported with path:line:column
    save(
        &file,
        &original.replacen(
            "name = \"竹溪镇人大代表中心联络站\"",
            "name = \"竹溪镇代表联络站（新址）\"\nadress = \"x\"",
            1,
        ),
    );
    let (_, ctype, status) = wait_for(
        &server,
        "/__liaison/status",
        |r| r.2.contains("adress"),
        "the problem report",
    );
    assert_eq!(ctype, "application/json");
    let v: serde_json::Value = serde_json::from_str(&status).unwrap();
    let error = v["error"].as_str().unwrap();
    assert!(
        error.contains("content/stations/zhuxi-center.md:3:1: unknown key `adress`"),
        "{error}"
    );
    let (code, _, body) = get(server.port, "/stations/zhuxi-center/").unwrap();
    assert_eq!(code, 200);
    assert!(
        body.contains("竹溪镇代表联络站（新址）"),
        "the last good page is still served"
    );

    // the next good save clears it
    save(&file, &original);
    wait_for(
        &server,
        "/__liaison/status",
        |r| r.2.contains("\"error\":null"),
        "the problems to clear",
    );
    let (_, _, body) = get(server.port, "/stations/zhuxi-center/").unwrap();
    assert!(body.contains("竹溪镇人大代表中心联络站"));

    // add a page, then delete it
    let page = site.root.join("content/pages/notice.md");
    save(&page, "+++\ntitle = \"停电通知\"\n+++\n本周六联络站停电。\n");
    wait_for(
        &server,
        "/notice/",
        |r| r.0 == 200 && r.2.contains("停电通知"),
        "the new page",
    );
    std::fs::remove_file(&page).unwrap();
    wait_for(&server, "/notice/", |r| r.0 == 404, "the deleted page to go");
}

/// What a server wrote to its log file, once it contains `needle` (or after 10 s).
fn log_until(log: &Path, needle: &str) -> String {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let said = std::fs::read_to_string(log).unwrap_or_default();
        if said.contains(needle) || Instant::now() > deadline {
            return said;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// The raw response head of a GET.
fn head_of(port: u16, path: &str) -> String {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    write!(s, "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n").unwrap();
    let mut raw = Vec::new();
    let _ = s.read_to_end(&mut raw);
    let text = String::from_utf8_lossy(&raw).into_owned();
    text.split("\r\n\r\n").next().unwrap_or("").to_string()
}

#[test]
fn redirects_never_leave_the_server() {
    let site = Site::new("good");
    let server = start(&site.root);
    let head = head_of(server.port, "/stations");
    assert!(
        head.starts_with("HTTP/1.1 301") && head.contains("location: /stations/"),
        "{head}"
    );
    for path in ["//stations", "/\\stations", "///stations"] {
        let head = head_of(server.port, path);
        let location = head.lines().find_map(|l| {
            l.to_ascii_lowercase()
                .strip_prefix("location:")
                .map(|v| v.trim().to_string())
        });
        if let Some(loc) = location {
            assert!(
                loc.starts_with('/') && !loc.starts_with("//") && !loc.starts_with("/\\"),
                "{path} → {loc}"
            );
        }
    }
}

#[test]
fn serve_recovers_when_content_is_deleted_and_put_back() {
    let site = Site::new("good");
    let server = start(&site.root);
    let content = site.root.join("content");
    let aside = site.tmp.path().join("content-aside");
    copy_dir(&content, &aside);
    std::fs::remove_dir_all(&content).unwrap();
    wait_for(
        &server,
        "/__liaison/status",
        |r| r.2.contains("content/ folder is missing"),
        "the problem report",
    );
    copy_dir(&aside, &content);
    wait_for(
        &server,
        "/__liaison/status",
        |r| r.2.contains("\"error\":null"),
        "the site to come back",
    );
    // and it keeps following edits inside the restored folder
    let file = content.join("stations/zhuxi-center.md");
    let text = std::fs::read_to_string(&file).unwrap();
    save(
        &file,
        &text.replacen("竹溪镇人大代表中心联络站", "竹溪镇代表联络站（恢复后）", 1),
    );
    wait_for(
        &server,
        "/stations/zhuxi-center/",
        |r| r.2.contains("竹溪镇代表联络站（恢复后）"),
        "an edit after the restore",
    );
}

#[test]
fn serve_names_files_as_check_does_and_counts_in_words() {
    let site = Site::new("good");
    let log = site.tmp.path().join("serve.log");
    // run from the site's parent with a relative --root, as a webmaster would
    let server = start_with(Path::new("site"), Some((site.tmp.path(), &log)), &[]);
    let file = site.root.join("content/representatives/ma-li.md");
    let text = std::fs::read_to_string(&file).unwrap();
    save(&file, &text.replacen("unit = ", "uint = ", 1));
    wait_for(
        &server,
        "/__liaison/status",
        |r| r.2.contains("uint"),
        "the problem report",
    );
    save(&file, &text.replacen("竹溪镇中心小学", "竹溪镇中心学校", 1));
    wait_for(
        &server,
        "/representatives/ma-li/",
        |r| r.2.contains("竹溪镇中心学校"),
        "the fix",
    );
    let said = log_until(&log, "rebuilt in");
    assert!(
        said.contains("site/content/representatives/ma-li.md:"),
        "relative path as given:\n{said}"
    );
    assert!(
        !said.contains(&site.tmp.path().display().to_string()),
        "no absolute path:\n{said}"
    );
    assert!(!said.contains(" 1 files") && !said.contains(" 1 pages"), "{said}");
}

#[test]
fn serve_open_without_a_browser_says_so() {
    let site = Site::new("good");
    let log = site.tmp.path().join("serve.log");
    let port = free_port();
    let mut child = Command::new(env!("CARGO_BIN_EXE_liaison"))
        .args([
            "--root",
            &site.root.display().to_string(),
            "serve",
            "--open",
            "--port",
            &port.to_string(),
            "--date",
            DATE,
        ])
        .env("PATH", "")
        .env_remove("BROWSER")
        .env_remove("DISPLAY")
        .stdout(Stdio::null())
        .stderr(std::fs::File::create(&log).unwrap())
        .spawn()
        .unwrap();
    let server = Server {
        child: Command::new("true").spawn().unwrap(),
        port,
    };
    wait_for(&server, "/", |r| r.0 == 200, "the server");
    let said = log_until(&log, "browser");
    let _ = child.kill();
    let _ = child.wait();
    assert!(
        said.contains("could not open a browser") && said.contains(&format!("http://127.0.0.1:{port}/")),
        "{said}"
    );
}

#[test]
fn a_save_nested_a_thousand_levels_deep_is_a_problem_not_a_crash() {
    let site = Site::new("good");
    let server = start(&site.root);
    let page = site.root.join("content/pages/about.md");
    let text = std::fs::read_to_string(&page).unwrap();
    save(&page, &format!("{text}\n{} 引文\n", ">".repeat(1000)));
    wait_for(
        &server,
        "/__liaison/status",
        |r| r.2.contains("nested too deeply"),
        "the problem report",
    );
    let (code, _, _) = get(server.port, "/about/").expect("the server is still up");
    assert_eq!(code, 200, "the last good page is served");
    save(&page, &text);
    wait_for(
        &server,
        "/__liaison/status",
        |r| r.2.contains("\"error\":null"),
        "the fix",
    );
}

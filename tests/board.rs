//! The wall board (公示栏, /stations/<slug>/board/): its content and order read from the HTML;
//! then, in Debian's headless Chromium, printed to PDF: one A3 portrait page (`pdfinfo`), its
//! QR codes decoded by `zbarimg` to exactly the station page's and calendar's URLs, also for a
//! station of 40 representatives. The print checks need chromium, pdftoppm, pdfinfo and
//! zbarimg; without them they say so and stop, unless LIAISON_PRINT_TESTS=1 (CI) makes that a
//! failure.

mod common;

use std::fs;
use std::io::{Read, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::{Site, one, select, text};

const BASE: &str = "https://rd.qinglan.example.gov.cn";

#[test]
fn the_board_lists_each_current_representative_once_in_official_order() {
    let site = Site::new("good");
    site.build().assert_ok();
    let doc = site.page("/stations/zhuxi-center/board/");
    assert_eq!(
        text(one(&doc, "main .board h1", "the station's name")),
        "竹溪镇人大代表中心联络站"
    );
    let rows: Vec<Vec<String>> = select(&doc, "main .board-table tbody tr")
        .into_iter()
        .map(|tr| tr.select(&common::sel("th, td")).map(text).collect())
        .collect();
    let names: Vec<&str> = rows.iter().map(|r| r[0].as_str()).collect();
    // the station's current people (陈国华 left in 2021), each once
    let station = site.page("/stations/zhuxi-center/");
    let mut listed: Vec<String> = select(
        &station,
        "main .level-group a, main section[aria-labelledby=reps-h] a[href^=\"/representatives/\"]",
    )
    .into_iter()
    .map(text)
    .collect();
    listed.sort();
    listed.dedup();
    let mut on_board: Vec<String> = names.iter().map(|s| s.to_string()).collect();
    on_board.sort();
    assert_eq!(on_board, listed, "the board and the station page name the same people");
    assert_eq!(names.len(), on_board.len(), "nobody twice: {names:?}");
    assert!(!names.contains(&"陈国华"), "a former representative is not on the wall");
    for r in &rows {
        assert_eq!(r.len(), 6, "姓名, 性别, 代表层级, 工作单位, 职务, 联系电话: {r:?}");
        assert!(r[2].ends_with("人大代表"), "{r:?}");
    }
    let board = text(one(&doc, "main .board", "board"));
    for words in ["接待日", "工作职责", "工作制度", "扫码查看本站网页"] {
        assert!(board.contains(words), "{words}: {board}");
    }
    assert_eq!(select(&doc, "main .board svg.qr").len(), 2, "the page and the calendar");
    // linked from the station page, kept out of the sitemap
    assert!(select(&station, "a[href=\"/stations/zhuxi-center/board/\"]").len() == 1);
    assert!(
        !fs::read_to_string(site.file("/sitemap.xml"))
            .unwrap()
            .contains("/board/")
    );
}

#[test]
fn site_and_station_texts_replace_the_built_in_ones() {
    let site = Site::new("good");
    let toml = site.root.join("site.toml");
    let t = fs::read_to_string(&toml).unwrap().replace(
        "[extra]",
        "[board]\nplan = [\"三月：春耕备耕专题接待\", \"九月：代表述职\"]\n\n[extra]",
    );
    fs::write(&toml, t).unwrap();
    let st = site.root.join("content/stations/shiqiao-home.md");
    let s = fs::read_to_string(&st).unwrap().replacen(
        "\n+++\n",
        "\n\n[extra.board]\nduties = [\"本站自定的职责\"]\n+++\n",
        1,
    );
    fs::write(&st, s).unwrap();
    site.build().assert_ok();
    let home = text(one(&site.page("/stations/shiqiao-home/board/"), "main .board", "board"));
    assert!(
        home.contains("本站自定的职责") && home.contains("三月：春耕备耕专题接待"),
        "{home}"
    );
    let center = text(one(&site.page("/stations/zhuxi-center/board/"), "main .board", "board"));
    assert!(
        !center.contains("本站自定的职责") && center.contains("九月：代表述职"),
        "{center}"
    );
}

/// Whether the print tools are here; when they are not, CI (LIAISON_PRINT_TESTS=1) fails.
fn tools() -> bool {
    let have = ["chromium", "pdfinfo", "pdftoppm", "zbarimg"].iter().all(|t| {
        Command::new("sh")
            .arg("-c")
            .arg(format!("command -v {t}"))
            .output()
            .is_ok_and(|o| o.status.success())
    });
    if !have {
        assert!(
            std::env::var("LIAISON_PRINT_TESTS").is_err(),
            "the print tools are missing (chromium, poppler-utils, zbar-tools)"
        );
        eprintln!("skipped: chromium, pdfinfo, pdftoppm or zbarimg is missing");
    }
    have
}

/// Serves `root` on 127.0.0.1 from a thread, for as long as the test runs.
fn serve(root: PathBuf) -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut s) = stream else { continue };
            let mut buf = [0u8; 4096];
            let n = s.read(&mut buf).unwrap_or(0);
            let req = String::from_utf8_lossy(&buf[..n]);
            let path = req.split_whitespace().nth(1).unwrap_or("/").to_string();
            let mut file = root.join(path.trim_start_matches('/'));
            if path.ends_with('/') {
                file = file.join("index.html");
            }
            let (status, body) = match fs::read(&file) {
                Ok(b) => ("200 OK", b),
                Err(_) => ("404 Not Found", Vec::new()),
            };
            let kind = match file.extension().and_then(|e| e.to_str()) {
                Some("css") => "text/css",
                Some("js") => "text/javascript",
                Some("svg") => "image/svg+xml",
                _ => "text/html; charset=utf-8",
            };
            let _ = write!(
                s,
                "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                body.len()
            );
            let _ = s.write_all(&body);
        }
    });
    port
}

/// Prints a page to PDF in headless Chromium; returns the PDF's path.
fn print(port: u16, url: &str, dir: &Path) -> PathBuf {
    let pdf = dir.join("board.pdf");
    let profile = tempfile::tempdir().unwrap();
    let out = Command::new("chromium")
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-pdf-header-footer",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(format!("http://127.0.0.1:{port}{url}"))
        .output()
        .unwrap();
    assert!(
        pdf.is_file(),
        "chromium printed nothing: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    pdf
}

/// The page count and page size line of `pdfinfo`, and what zbarimg decodes on the pages.
fn read_pdf(pdf: &Path, dir: &Path) -> (String, Vec<String>) {
    let info = String::from_utf8(Command::new("pdfinfo").arg(pdf).output().unwrap().stdout).unwrap();
    let prefix = dir.join("page");
    let ok = Command::new("pdftoppm")
        .args(["-r", "200", "-png"])
        .arg(pdf)
        .arg(&prefix)
        .status()
        .unwrap();
    assert!(ok.success());
    let mut codes = Vec::new();
    for e in fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.extension().is_some_and(|x| x == "png") {
            let out = Command::new("zbarimg").args(["-q", "--raw"]).arg(&p).output().unwrap();
            codes.extend(String::from_utf8_lossy(&out.stdout).lines().map(str::to_string));
        }
    }
    codes.sort();
    (info, codes)
}

fn assert_one_a3_page_with_codes(site: &Site, slug: &str, calendar: bool) {
    assert_a3_pages_with_codes(site, slug, calendar, 1);
}

fn assert_a3_pages_with_codes(site: &Site, slug: &str, calendar: bool, pages: usize) {
    let port = serve(site.out.clone());
    let dir = tempfile::tempdir().unwrap();
    let pdf = print(port, &format!("/stations/{slug}/board/"), dir.path());
    let (info, codes) = read_pdf(&pdf, dir.path());
    if let Ok(keep) = std::env::var("LIAISON_KEEP_PDF") {
        let _ = fs::copy(&pdf, format!("{keep}/{slug}.pdf"));
    }
    assert!(
        info.lines()
            .any(|l| l.starts_with("Pages:") && l.split_whitespace().nth(1) == Some(&pages.to_string())),
        "{pages} sheet(s):\n{info}"
    );
    assert!(info.contains("(A3)"), "A3:\n{info}");
    let size = info.lines().find(|l| l.starts_with("Page size:")).unwrap();
    let nums: Vec<f64> = size.split_whitespace().filter_map(|w| w.parse().ok()).collect();
    assert!(nums[0] < nums[1], "portrait: {size}");
    let mut expected = vec![format!("{BASE}/stations/{slug}/")];
    if calendar {
        expected.push(format!("{BASE}/stations/{slug}/reception.ics"));
    }
    expected.sort();
    assert_eq!(codes, expected, "the QR codes decode to exactly the URLs");
}

#[test]
fn the_board_prints_on_one_a3_sheet_and_its_codes_decode() {
    if !tools() {
        return;
    }
    let site = Site::new("good");
    site.build().assert_ok();
    assert_one_a3_page_with_codes(&site, "zhuxi-center", true);
}

/// `n` more township representatives of the station `shiqiao-group`.
fn add_representatives(site: &Site, n: usize) {
    let surnames = ["王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴"];
    let given = ["卫东", "桂兰", "春梅", "秀珍", "立新", "海霞", "永红", "玉兰"];
    for i in 0..n {
        let name = format!("{}{}", surnames[i % 10], given[i / 10 % given.len()]);
        fs::write(
            site.root.join(format!("content/representatives/extra-{i:02}.md")),
            format!("+++\nname = \"{name}\"\ngender = \"男\"\nlevels = [\"township\"]\nstation = \"shiqiao-group\"\nunit = \"石桥乡第{i}村民委员会\"\nposition = \"村民委员会主任\"\nphone = \"139{i:08}\"\n+++\n"),
        )
        .unwrap();
    }
}

#[test]
fn a_station_of_forty_representatives_still_fits_one_sheet() {
    let site = Site::new("good");
    add_representatives(&site, 40);
    site.build().assert_ok();
    let doc = site.page("/stations/shiqiao-group/board/");
    assert!(
        select(&doc, "main .board.fit-70, main .board.fit-80").len() == 1,
        "a board of 40 is set smaller"
    );
    assert!(select(&doc, "main .board-table tbody tr").len() >= 40);
    if !tools() {
        return;
    }
    assert_one_a3_page_with_codes(&site, "shiqiao-group", false);
}

#[test]
fn a_board_past_the_smallest_type_flows_onto_a_second_sheet() {
    let site = Site::new("good");
    add_representatives(&site, 70);
    site.build().assert_ok();
    let doc = site.page("/stations/shiqiao-group/board/");
    assert_eq!(select(&doc, "main .board.fit-70").len(), 1, "the smallest type");
    if !tools() {
        return;
    }
    assert_a3_pages_with_codes(&site, "shiqiao-group", false, 2);
}

#[test]
fn a_reception_notice_prints_on_one_a4_sheet() {
    let site = Site::new("good");
    site.build().assert_ok();
    let station = site.page("/stations/zhuxi-nanpian-area/");
    let url = common::attr(select(&station, "main .notices-line a")[0], "href")
        .unwrap()
        .to_string();
    if !tools() {
        return;
    }
    let port = serve(site.out.clone());
    let dir = tempfile::tempdir().unwrap();
    let pdf = print(port, &url, dir.path());
    let info = String::from_utf8(Command::new("pdfinfo").arg(&pdf).output().unwrap().stdout).unwrap();
    assert!(
        info.lines()
            .any(|l| l.starts_with("Pages:") && l.trim_end().ends_with(" 1")),
        "one sheet:\n{info}"
    );
    assert!(info.contains("(A4)"), "A4:\n{info}");
}

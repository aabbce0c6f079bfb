//! `liaison import bulletin`: documents in both forms (plain text and Markdown from a PDF
//! converter, under tests/fixtures/import/, all invented) are converted, read back with the
//! `toml` crate and with liaison's own loader, imported into a copy of the good site, built
//! with the real binary, and their text found on the issue pages.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use liaison::content::bulletin::{self, Articles};
use liaison::content::{fields, frontmatter};
use liaison::diag::{Diagnostics, Source};
use liaison::import::{Imported, convert, import_files};
use proptest::prelude::*;
use scraper::{Html, Selector};

use common::Site;

fn fixture_path(name: &str) -> PathBuf {
    common::fixture("import").join(name)
}

fn fixture(name: &str) -> String {
    let bytes = fs::read(fixture_path(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
    String::from_utf8(bytes).expect("UTF-8 fixture")
}

const PLAIN: &str = "plain-yunxi-2024-9.txt";
const MARKDOWN: &str = "markdown-baisha-2023-19.md";
const BOM_CRLF: &str = "bom-crlf-qingshi-2022-3.txt";
const MARKDOWN_CN: &str = "markdown-baisha-2025-12.md";
const NEWS: &str = "news-page.txt";
const BULLETINS: [&str; 4] = [PLAIN, MARKDOWN, BOM_CRLF, MARKDOWN_CN];

/// The front matter and the body of a content file.
fn split(text: &str) -> (&str, &str) {
    let rest = text.strip_prefix("+++\n").expect("starts with +++");
    let end = rest.find("\n+++\n").expect("a closing +++");
    (&rest[..end + 1], &rest[end + 5..])
}

/// Reads the file back the way `liaison build` does and checks there is nothing to report.
fn read_back(i: &Imported) -> bulletin::Issue {
    let rel = i.path.to_string_lossy().replace('\\', "/");
    let src = Source::new(Path::new("."), &rel, i.text.clone());
    let parts = frontmatter::split(&src).unwrap_or_else(|d| panic!("{d}\n{}", i.text));
    let mut diags = Diagnostics::new();
    let front = &src.text[parts.front.clone()];
    let table = fields::parse(&src, front, parts.front.start, &mut diags);
    let messages = |d: &Diagnostics| d.iter().map(|d| d.to_string()).collect::<Vec<_>>().join("\n");
    let table = table.unwrap_or_else(|| panic!("{}\n{}", messages(&diags), i.text));
    let t = fields::Table::new(&src, parts.front.start, &table, 0..0);
    let issue = bulletin::read(Some(i.year), i.number, &src, &t, parts.body.clone(), &mut diags);
    assert!(diags.is_empty(), "{}\n{}", messages(&diags), i.text);
    issue.expect("an issue")
}

struct Converted {
    imported: Imported,
    front: toml::Table,
    body: String,
    articles: Articles,
}

fn converted(name: &str) -> Converted {
    let imported = convert(&fixture(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
    let (front, body) = split(&imported.text);
    let front: toml::Table = toml::from_str(front).unwrap_or_else(|e| panic!("{name}: {e}\n{front}"));
    let body = body.to_string();
    let articles = bulletin::articles(&body, false);
    read_back(&imported);
    Converted {
        imported,
        front,
        body,
        articles,
    }
}

fn strings(v: &toml::Value) -> Vec<&str> {
    v.as_array()
        .expect("a list")
        .iter()
        .map(|x| x.as_str().expect("a string"))
        .collect()
}

/// The section headings (h3, h4) of an article's HTML.
fn sections(html: &str) -> Vec<String> {
    let doc = Html::parse_fragment(html);
    let sel = Selector::parse("h3, h4").unwrap();
    doc.select(&sel).map(|e| e.text().collect::<String>()).collect()
}

/// (title, subtitle, attribution, section headings) of each article.
type Outline = Vec<(String, Option<String>, Option<String>, Vec<String>)>;

fn outline(a: &Articles) -> Outline {
    a.articles
        .iter()
        .map(|x| {
            (
                x.title.clone(),
                x.subtitle.clone(),
                x.attribution.clone(),
                sections(&x.body_html),
            )
        })
        .collect()
}

fn o(
    title: &str,
    sub: Option<&str>,
    attr: Option<&str>,
    secs: &[&str],
) -> (String, Option<String>, Option<String>, Vec<String>) {
    (
        title.to_string(),
        sub.map(str::to_string),
        attr.map(str::to_string),
        secs.iter().map(|s| s.to_string()).collect(),
    )
}

/// What must never be left in the body: the masthead, the colophon, page furniture; and each
/// paragraph is one line ending a sentence (no soft line breaks, no sentence split).
fn check_body(name: &str, body: &str) {
    for gone in [
        "LIANLUODONGTAI",
        "联络动态",
        "总第",
        "送：",
        "送:",
        "责任编辑",
        "联系方式",
        "联系电话",
        "批准文号",
        "印发",
        "- 2 -",
        "- 4 -",
        "PageBreak",
        "\r",
        "\u{feff}",
    ] {
        assert!(!body.contains(gone), "{name}: `{gone}` left in the body:\n{body}");
    }
    for block in body.split("\n\n").map(str::trim).filter(|b| !b.is_empty()) {
        assert!(
            !block.contains('\n'),
            "{name}: a line break inside a paragraph: {block:?}"
        );
        if block.starts_with('#') || block.starts_with("——") {
            continue;
        }
        assert!(
            block.ends_with(['。', '！', '？', '）']),
            "{name}: a paragraph that does not end a sentence: {block:?}"
        );
    }
}

#[test]
fn plain_text_issue() {
    let c = converted(PLAIN);
    assert_eq!((c.imported.year, c.imported.number), (2024, 9));
    assert_eq!(c.imported.path, Path::new("content/bulletins/2024/9.md"));
    let f = &c.front;
    assert_eq!(
        f["date"].as_datetime().map(|d| d.to_string()).as_deref(),
        Some("2024-07-30")
    );
    assert_eq!(f["issue"].as_integer(), Some(9));
    assert_eq!(f["total"].as_integer(), Some(709));
    assert_eq!(f["publisher"].as_str(), Some("云溪县人大常委会选举任免联络工作委员会"));
    assert_eq!(strings(&f["editors"]), ["柳青", "卢远"]);
    assert_eq!(f["contact"].as_str(), Some("0000-7654321 lgw@yunxi.example.gov.cn"));
    assert_eq!(f["approval"].as_str(), Some("云内资准字〔2024〕第 7 号"));
    assert_eq!(
        strings(&f["recipients"]),
        [
            "县委各位常委、县人大常委会各位组成人员，县人民政府各位副县长，县监察委员会",
            "县人民法院 县人民检察院",
            "各乡（镇）、街道人大工委",
            "县人大常委会机关各科室及派驻纪检监察组和全县各级人大代表联络站的全体工作人员",
        ]
    );
    assert_eq!(f.len(), 8, "{f:?}");
    assert!(c.articles.intro_html.is_none());
    assert_eq!(
        outline(&c.articles),
        [
            o(
                "云溪县以“三个到位”推动代表联络站提质增效",
                None,
                Some("县人大常委会联工委 综合"),
                &[
                    "一、阵地建设到位，让代表“有处去”",
                    "二、活动开展到位，让群众“有处说”",
                    "三、督办落实到位，让问题“有人管”"
                ]
            ),
            o(
                "青石镇代表之家开展“夏季走访月”活动",
                Some("——青石镇人大主席团代表履职工作综述"),
                Some("青石镇人大主席团供稿"),
                &[]
            ),
        ]
    );
    // Page breaks mid-sentence are rejoined; ASCII punctuation between Chinese is full-width;
    // numbers keep theirs.
    assert!(
        c.body
            .contains("协调乡镇调整办公用房，新增接待室5 间。目前，全县联络站全部达到规范化标准。\n")
    );
    assert!(c.body.contains("走访辖区 9 个村（社区），面对面听取群众"));
    assert!(c.body.contains("接待群众 1,260 人次"));
    check_body(PLAIN, &c.body);
}

#[test]
fn markdown_issue() {
    let c = converted(MARKDOWN);
    assert_eq!((c.imported.year, c.imported.number), (2023, 19));
    let f = &c.front;
    assert_eq!(
        f["date"].as_datetime().map(|d| d.to_string()).as_deref(),
        Some("2023-11-08")
    );
    assert_eq!(f["issue"].as_integer(), Some(19));
    assert_eq!(f["total"].as_integer(), Some(643));
    assert_eq!(f["publisher"].as_str(), Some("白沙市人大常委会代表工作委员会"));
    assert_eq!(strings(&f["editors"]), ["韩梅", "赵明"]);
    assert_eq!(f["contact"].as_str(), Some("0000—3456789 dbgw@baisha.example.gov.cn"));
    assert_eq!(f["approval"].as_str(), Some("白内资准字〔2023〕第 19 号"));
    assert_eq!(
        strings(&f["recipients"]),
        [
            "全国人大常委会代表工作委员会、研究室",
            "各县、市、区人大常委会代表工作机构",
            "市委办公室、市委组织部，市人民政府办公室，市人民法院，市人民检察院",
            "市人大各专门委员会，市人大常委会各工作机构",
            "各县、区人大常委会",
        ]
    );
    assert_eq!(f.len(), 8, "{f:?}");
    assert_eq!(
        outline(&c.articles),
        [
            o(
                "建好用好“家站点” 让代表履职有平台",
                Some("——白沙市代表联络阵地建设工作综述"),
                Some("白沙市人大常委会代表工委供稿"),
                &[
                    "统筹规划 推动阵地建设全覆盖",
                    "规范管理 推动阵地运行制度化",
                    "注重实效 推动阵地作用常态化"
                ]
            ),
            o(
                "东湖区组织代表视察老旧小区改造",
                None,
                Some("东湖区人大常委会供稿"),
                &[]
            ),
        ]
    );
    // Emphasis is gone from headings; the same-level `##` headings before the attribution are
    // sections (###), not articles.
    assert!(c.body.contains("\n### 规范管理 推动阵地运行制度化\n"));
    assert!(!c.body.contains("**"));
    assert!(c.body.contains("“家站点”三级阵地网络、覆盖城乡的工作格局。"));
    assert!(c.body.contains("并作为年度评先的重要依据。"));
    assert!(c.body.contains("其中关于加装电梯的 12条具体建议已转交相关街道办理。"));
    check_body(MARKDOWN, &c.body);
}

#[test]
fn bom_and_crlf_issue() {
    let raw = fs::read(fixture_path(BOM_CRLF)).unwrap();
    assert!(raw.starts_with(b"\xef\xbb\xbf") && raw.windows(2).any(|w| w == b"\r\n"));
    let c = converted(BOM_CRLF);
    assert_eq!((c.imported.year, c.imported.number), (2022, 3));
    let f = &c.front;
    assert_eq!(
        f["date"].as_datetime().map(|d| d.to_string()).as_deref(),
        Some("2022-03-15")
    );
    assert_eq!(f["issue"].as_integer(), Some(3));
    assert_eq!(f["total"].as_integer(), Some(128));
    assert_eq!(f["publisher"].as_str(), Some("青石镇人大主席团"));
    assert_eq!(strings(&f["editors"]), ["宋雨"]);
    assert_eq!(f["contact"].as_str(), Some("联系电话：0000-1122334"));
    assert!(!f.contains_key("approval"));
    assert_eq!(
        strings(&f["recipients"]),
        [
            "县人大常委会联工委",
            "镇党委各位委员",
            "镇人民政府各位领导",
            "各村（社区）代表联络点"
        ]
    );
    assert_eq!(f.len(), 7, "{f:?}");
    assert_eq!(
        outline(&c.articles),
        [
            o(
                "青石镇召开代表联络站工作推进会",
                None,
                Some("青石镇人大主席团供稿"),
                &[]
            ),
            o(
                "白鹭乡“代表接待日”搬进田间地头",
                Some("——白鹭乡创新代表联系群众方式综述"),
                Some("白鹭乡人大主席团供稿"),
                &["（一）定点接待变流动接待", "（二）被动收集变主动走访"]
            ),
        ]
    );
    // The form feed (a page break) inside a sentence, and the attribution on the same line.
    assert!(
        c.body
            .contains("由主席团交有关部门办理并跟踪落实。\n\n（青石镇人大主席团供稿）\n")
    );
    assert!(c.body.contains("随时找代表说？答案是肯定的！"));
    // Plain text that looks like Markdown stays text.
    let first = &c.articles.articles[0].body_html;
    assert!(first.contains("《代表履职手册》[2022 版]"), "{first}");
    let second = &c.articles.articles[1].body_html;
    assert!(second.contains("<p>1. 建立走访台账，每月汇总一次。</p>"), "{second}");
    check_body(BOM_CRLF, &c.body);
}

#[test]
fn markdown_issue_with_chinese_numerals() {
    let c = converted(MARKDOWN_CN);
    assert_eq!((c.imported.year, c.imported.number), (2025, 12));
    let f = &c.front;
    assert_eq!(
        f["date"].as_datetime().map(|d| d.to_string()).as_deref(),
        Some("2025-12-01")
    );
    assert_eq!(f["issue"].as_integer(), Some(12));
    assert_eq!(f["total"].as_integer(), Some(210));
    assert_eq!(f["publisher"].as_str(), Some("白沙市人大常委会代表工作委员会"));
    assert_eq!(strings(&f["editors"]), ["韩梅"]);
    assert!(!f.contains_key("contact"));
    assert_eq!(f["approval"].as_str(), Some("白内资准字〔2025〕第 12 号"));
    assert_eq!(
        strings(&f["recipients"]),
        ["市人大常委会各位组成人员，各县（区）人大常委会代表工委"]
    );
    assert_eq!(
        strings(&f["extra"]["colophon"]),
        ["白沙市人大常委会代表工作委员会办公室\u{3000}\u{3000}2025年12月2日印发"]
    );
    assert_eq!(f.len(), 8, "{f:?}");
    assert_eq!(
        outline(&c.articles),
        [
            // No attribution: the next `#` heading is an article only because a subtitle follows it.
            o(
                "市人大代表集中视察城区防洪工程",
                None,
                None,
                &["一、工程进展总体顺利", "二、几点意见建议"]
            ),
            o(
                "西城街道代表联络站“夜间接待”受欢迎",
                Some("——西城街道探索错时接待工作综述"),
                Some("西城街道人大工委供稿"),
                &[]
            ),
            o("简讯", None, Some("本刊综合"), &[]),
        ]
    );
    assert!(
        c.body
            .contains("主要集中在停车难、垃圾分类和社区养老服务等方面，目前已办结 37 件。")
    );
    assert!(c.body.contains("**北湖镇**：镇人大主席团"));
    check_body(MARKDOWN_CN, &c.body);
}

#[test]
fn a_news_page_is_not_a_bulletin() {
    let e = convert(&fixture(NEWS)).unwrap_err().to_string();
    assert!(e.contains("not a bulletin") && e.contains("第 n 期"), "{e}");
}

/// Every file under `dir`, with its bytes.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    for e in walk(dir) {
        out.insert(e.clone(), fs::read(&e).unwrap());
    }
    out
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in fs::read_dir(dir).unwrap() {
        let p = entry.unwrap().path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}

/// Text compared whitespace-free, with half-width punctuation as full-width and Markdown
/// markers dropped: the same sentence in the source document and on the page.
fn norm(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '*' | '#' | '\\' | '\u{feff}'))
        .map(|c| match c {
            ',' => '，',
            ';' => '；',
            ':' => '：',
            '?' => '？',
            '!' => '！',
            '(' => '（',
            ')' => '）',
            c => c,
        })
        .collect()
}

/// The source document's paragraphs (each line of text, so each part of a paragraph broken by
/// a page break) from its first article title to its colophon.
fn source_paragraphs(doc: &str, first_title: &str) -> Vec<String> {
    let lines: Vec<&str> = doc.lines().map(str::trim).collect();
    let start = lines
        .iter()
        .position(|l| norm(l).ends_with(&norm(first_title)))
        .expect("the first title");
    lines[start..]
        .iter()
        .take_while(|l| !l.starts_with("送") && !l.starts_with("---"))
        .flat_map(|l| l.split('\u{c}'))
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with("<!--") && !l.starts_with("- "))
        .map(str::to_string)
        .collect()
}

#[test]
fn imported_issues_build_and_show_every_paragraph() {
    let site = Site::new("good");
    let files: Vec<PathBuf> = BULLETINS.iter().map(|n| fixture_path(n)).collect();
    let written = import_files(&site.root, &files, false).unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(
        written,
        [
            "content/bulletins/2024/9.md",
            "content/bulletins/2023/19.md",
            "content/bulletins/2022/3.md",
            "content/bulletins/2025/12.md",
        ]
        .map(PathBuf::from)
    );
    for (rel, name) in written.iter().zip(BULLETINS) {
        let on_disk = fs::read_to_string(site.root.join(rel)).unwrap();
        assert_eq!(on_disk, convert(&fixture(name)).unwrap().text);
    }
    site.build().assert_ok();

    let first_titles = [
        "云溪县以“三个到位”推动代表联络站提质增效",
        "建好用好“家站点” 让代表履职有平台",
        "青石镇召开代表联络站工作推进会",
        "市人大代表集中视察城区防洪工程",
    ];
    let urls = [
        "/bulletins/2024/9/",
        "/bulletins/2023/19/",
        "/bulletins/2022/3/",
        "/bulletins/2025/12/",
    ];
    let articles = Selector::parse("article.bl-article").unwrap();
    let paragraphs = Selector::parse("article.bl-article p").unwrap();
    for ((name, title), url) in BULLETINS.iter().zip(first_titles).zip(urls) {
        let page = site.page(url);
        let text = norm(&page.select(&articles).flat_map(|a| a.text()).collect::<String>());
        let source = source_paragraphs(&fixture(name), title);
        assert!(source.len() >= 8, "{name}: {source:?}");
        for p in &source {
            assert!(text.contains(&norm(p)), "{name}: not on {url}: {p}\n{text}");
        }
        // The parts of a broken paragraph are one paragraph on the page.
        let ps: Vec<String> = page
            .select(&paragraphs)
            .map(|p| norm(&p.text().collect::<String>()))
            .collect();
        let joined = match *name {
            PLAIN => ["新增接待室5间。目前", "9个村（社区），面对面"],
            MARKDOWN => ["网络、覆盖城乡", "重要依据。"],
            BOM_CRLF => ["有关部门办理并跟踪", "随时找代表说？答案"],
            _ => ["停车难、垃圾分类", "办结37件。"],
        };
        for j in joined {
            assert!(
                ps.iter().any(|p| p.contains(j)),
                "{name}: no paragraph with {j}: {ps:?}"
            );
        }
    }
    // The colophon is rendered from the front matter.
    let page = site.page("/bulletins/2024/9/");
    let colophon: String = page
        .select(&Selector::parse("footer.colophon").unwrap())
        .flat_map(|f| f.text())
        .collect();
    assert!(
        colophon.contains("柳青") && colophon.contains("各乡（镇）、街道人大工委"),
        "{colophon}"
    );
}

#[test]
fn refuses_to_overwrite_without_force() {
    let site = Site::new("good");
    let file = fixture_path(PLAIN);
    let written = import_files(&site.root, std::slice::from_ref(&file), false).unwrap();
    let dest = site.root.join(&written[0]);
    fs::write(&dest, "edited by hand").unwrap();

    let e = import_files(&site.root, std::slice::from_ref(&file), false).unwrap_err();
    assert_eq!(e.len(), 1);
    assert_eq!(e[0].0, file);
    assert!(
        e[0].1.to_string().contains("content/bulletins/2024/9.md") && e[0].1.to_string().contains("--force"),
        "{}",
        e[0].1
    );
    assert_eq!(fs::read_to_string(&dest).unwrap(), "edited by hand");

    let again = import_files(&site.root, std::slice::from_ref(&file), true).unwrap();
    assert_eq!(again, written);
    assert_eq!(
        fs::read_to_string(&dest).unwrap(),
        convert(&fixture(PLAIN)).unwrap().text
    );
}

#[test]
fn a_non_bulletin_writes_nothing() {
    let site = Site::new("good");
    let before = snapshot(&site.root);
    let news = fixture_path(NEWS);
    let e = import_files(&site.root, std::slice::from_ref(&news), false).unwrap_err();
    assert_eq!(e.len(), 1);
    assert_eq!(e[0].0, news);
    assert!(e[0].1.to_string().starts_with("not a bulletin"), "{}", e[0].1);
    assert_eq!(snapshot(&site.root), before);

    // With a good document in the same call: nothing is written either.
    let e = import_files(&site.root, &[fixture_path(PLAIN), news.clone()], true).unwrap_err();
    assert_eq!(e.iter().map(|x| &x.0).collect::<Vec<_>>(), [&news]);
    assert_eq!(snapshot(&site.root), before);

    let missing = site.root.join("no-such-file.txt");
    let e = import_files(&site.root, std::slice::from_ref(&missing), false).unwrap_err();
    assert!(e[0].1.to_string().contains("cannot read"), "{}", e[0].1);
    let gbk = site.root.join("gbk.txt");
    fs::write(&gbk, [0xb5, 0xda, 0x31, 0xc6, 0xda]).unwrap();
    let e = import_files(&site.root, std::slice::from_ref(&gbk), false).unwrap_err();
    assert!(e[0].1.to_string().contains("UTF-8"), "{}", e[0].1);
}

#[test]
fn large_and_odd_documents_convert_quickly() {
    let started = std::time::Instant::now();
    let masthead = "联络动态\n第 3 期\n2024年7月30日\n标题\n";
    let docs = [
        // A paragraph broken over 20 000 lines, and one wrapped in 20 000 parentheses.
        format!("{masthead}{}", "代表联络站建设\n\n".repeat(20_000)),
        format!("{masthead}{}{}。", "(".repeat(20_000), "人)".repeat(20_000)),
        // Rules, lists and keys that almost make a colophon, ending in running text.
        format!(
            "{masthead}正文。\n{}正文。",
            "---\n送：县委\n责任编辑：甲\n".repeat(10_000)
        ),
        format!("{masthead}{}", "正文（某镇供稿)".repeat(30_000)),
        format!("{masthead}{}", "一、\n\n（一）\n\n——\n\n".repeat(10_000)),
    ];
    for doc in &docs {
        let i = convert(doc).expect("a bulletin");
        read_back(&i);
    }
    assert!(started.elapsed().as_secs() < 60, "{:?}", started.elapsed());
}

/// Whatever `convert` accepts, liaison reads back without a diagnostic.
fn check_convert(doc: &str) -> Result<(), TestCaseError> {
    if let Ok(i) = convert(doc) {
        prop_assert!(i.text.starts_with("+++\n"));
        prop_assert_eq!(
            i.path.clone(),
            PathBuf::from(format!("content/bulletins/{}/{}.md", i.year, i.number))
        );
        let issue = read_back(&i);
        prop_assert_eq!(issue.number, i.number);
        let (front, body) = split(&i.text);
        prop_assert!(toml::from_str::<toml::Table>(front).is_ok());
        let _ = bulletin::articles(body, false);
    }
    Ok(())
}

fn line() -> impl Strategy<Value = String> {
    let cjk = "[一二三四五六七八九十人大代表联络站县镇乡村群众意见建议工作会议召开供稿综合编送期总第年月日]{0,24}";
    let punct = "[，。、；：？！“”（）《》——,.;:?!()\\[\\]*_#<>&`|\\\\ ]{0,3}";
    prop_oneof![
        (1u32..50).prop_map(|n| format!("第 {n} 期")),
        "[一二三四五六七八九十百零〇]{1,5}".prop_map(|n| format!("第{n}期")),
        "[一二三四五六七八九十百零〇]{1,6}".prop_map(|n| format!("（总第{n}期）")),
        (0u32..2000).prop_map(|n| format!("(总第 {n} 期)")),
        (1900i32..2300, 0u32..14, 0u32..33).prop_map(|(y, m, d)| format!("{y} 年 {m} 月 {d} 日")),
        cjk.prop_map(|s| format!("{s}编")),
        Just("联络动态".to_string()),
        Just("LIANLUODONGTAI".to_string()),
        Just("---".to_string()),
        Just(String::new()),
        Just("\u{c}".to_string()),
        (cjk, punct, cjk).prop_map(|(a, p, b)| format!("{a}{p}{b}")),
        (cjk, punct).prop_map(|(a, p)| format!("## **{a}{p}**")),
        cjk.prop_map(|a| format!("一、{a}")),
        cjk.prop_map(|a| format!("——{a}")),
        cjk.prop_map(|a| format!("（{a}供稿）")),
        (cjk, punct, cjk).prop_map(|(a, p, b)| format!("送：{a}{p}{b}")),
        cjk.prop_map(|a| format!("责任编辑：{a} 联系方式：{a}")),
        cjk.prop_map(|a| format!("批准文号：{a}")),
        ".{0,12}",
    ]
}

proptest! {
    // 400 cases unless PROPTEST_CASES says otherwise.
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(400),
        ..ProptestConfig::default()
    })]

    #[test]
    fn convert_never_panics_on_any_string(doc in any::<String>()) {
        check_convert(&doc)?;
    }

    #[test]
    fn convert_never_panics_on_bulletin_like_documents(
        bom in any::<bool>(),
        masthead in any::<bool>(),
        crlf in any::<bool>(),
        lines in prop::collection::vec(line(), 0..40),
    ) {
        let sep = if crlf { "\r\n" } else { "\n" };
        let mut doc = String::new();
        if bom {
            doc.push('\u{feff}');
        }
        if masthead {
            doc.push_str(&["联络动态", "第 3 期", "2024年7月30日", ""].join(sep));
        }
        doc.push_str(&lines.join(sep));
        check_convert(&doc)?;
    }
}

//! Ledgers (台账): the figures on station, representative, region and statistics pages,
//! computed here again from the fixture's CSV files with the `csv` crate; the charts, parsed
//! as XML, against the tables beside them; the open-data CSVs; and the masking of mobile and
//! ID-card numbers over every file of the output, the search bundle decompressed.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::io::Read;
use std::path::Path;

use common::{Site, collapse, one, select, text};

/// A fixture ledger as plain rows: header → cell.
fn rows(site: &Site, file: &str) -> Vec<BTreeMap<String, String>> {
    let path = site.root.join("content/ledger").join(file);
    let bytes = fs::read(&path).unwrap();
    let text = String::from_utf8(bytes).unwrap();
    let mut r = csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let headers: Vec<String> = r.headers().unwrap().iter().map(str::to_string).collect();
    r.records()
        .map(|rec| {
            headers
                .iter()
                .cloned()
                .zip(rec.unwrap().iter().map(str::to_string))
                .collect()
        })
        .collect()
}

fn all(site: &Site, book: &str) -> Vec<BTreeMap<String, String>> {
    let mut files: Vec<String> = fs::read_dir(site.root.join("content/ledger"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|f| f.starts_with(book))
        .collect();
    files.sort();
    files.iter().flat_map(|f| rows(site, f)).collect()
}

/// Station slug → its name, from the station files.
fn station_names(site: &Site) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for e in fs::read_dir(site.root.join("content/stations")).unwrap() {
        let p = e.unwrap().path();
        let t = fs::read_to_string(&p).unwrap();
        let name = t
            .lines()
            .find_map(|l| l.strip_prefix("name = \""))
            .unwrap()
            .trim_end_matches('"');
        out.insert(p.file_stem().unwrap().to_string_lossy().into_owned(), name.to_string());
    }
    out
}

/// The six figures as the tiles show them: 活动次数 … 满意率.
fn tiles(doc: &scraper::Html) -> Vec<String> {
    select(doc, "main .figs dd")
        .into_iter()
        .map(|d| collapse(&text(d)).split(['（', ' ']).next().unwrap_or("").to_string())
        .collect()
}

fn rate(num: usize, den: usize) -> String {
    if den == 0 {
        return "—".into();
    }
    let p = (num * 1000 + den / 2) / den;
    format!("{}.{}%", p / 10, p % 10)
}

/// The figures the tiles should show for the records of the given stations.
fn expected(site: &Site, stations: &[&str]) -> Vec<String> {
    let names = station_names(site);
    let of = |r: &BTreeMap<String, String>| {
        let s = &r["联络站"];
        stations.iter().any(|&x| x == s || names.get(x).is_some_and(|n| n == s))
    };
    let acts: Vec<_> = all(site, "activities").into_iter().filter(of).collect();
    let sugs: Vec<_> = all(site, "suggestions").into_iter().filter(of).collect();
    let people: u64 = acts.iter().map(|a| a["人数"].parse::<u64>().unwrap_or(0)).sum();
    let done = sugs.iter().filter(|s| s["状态"] == "已办结").count();
    let rated = sugs.iter().filter(|s| !s["满意度"].is_empty()).count();
    let happy = sugs
        .iter()
        .filter(|s| s["满意度"] == "满意" || s["满意度"] == "基本满意")
        .count();
    vec![
        acts.len().to_string(),
        people.to_string(),
        sugs.len().to_string(),
        done.to_string(),
        rate(done, sugs.len()),
        rate(happy, rated),
    ]
}

#[test]
fn station_region_and_site_figures_are_the_fixture_rows_counted() {
    let site = Site::new("good");
    site.build().assert_ok();
    for slug in ["zhuxi-center", "zhuxi-nanpian-area", "shiqiao-group"] {
        let doc = site.page(&format!("/stations/{slug}/"));
        assert_eq!(tiles(&doc), expected(&site, &[slug]), "{slug}");
    }
    // 竹溪镇: its two stations; 石桥乡: its two
    let zhuxi = site.page("/regions/511199101/");
    assert_eq!(tiles(&zhuxi), expected(&site, &["zhuxi-center", "zhuxi-nanpian-area"]));
    let everything: Vec<&str> = vec![
        "zhuxi-center",
        "zhuxi-nanpian-area",
        "shiqiao-group",
        "shiqiao-home",
        "qinglan-county-office",
    ];
    let county = site.page("/regions/511199/");
    assert_eq!(tiles(&county), expected(&site, &everything));
    assert!(
        select(&county, "main a[href='/regions/511199/stats/']").len() == 1,
        "the region links its statistics"
    );
    let stats = site.page("/stats/");
    assert_eq!(tiles(&stats), expected(&site, &everything));
}

#[test]
fn a_year_of_records_lists_every_row_with_its_status_and_reply() {
    let site = Site::new("good");
    site.build().assert_ok();
    let doc = site.page("/stations/zhuxi-center/records/2026/");
    let names = station_names(&site);
    let mine = |r: &BTreeMap<String, String>| r["联络站"] == "zhuxi-center" || r["联络站"] == names["zhuxi-center"];
    let sugs: Vec<_> = rows(&site, "suggestions-2026.csv").into_iter().filter(mine).collect();
    let listed = select(&doc, "main .sugs > li");
    assert_eq!(listed.len(), sugs.len());
    for s in &sugs {
        let li = listed
            .iter()
            .find(|li| text(**li).contains(&s["编号"]))
            .unwrap_or_else(|| panic!("{} is listed", s["编号"]));
        let t = text(*li);
        assert!(t.contains(&s["内容"]) && t.contains(&s["状态"]), "{t}");
        if !s["答复"].is_empty() {
            assert!(t.contains(&s["答复"]), "{t}");
        }
    }
    // newest first
    let dates: Vec<String> = select(&doc, "main .sugs .sug-head .nb").into_iter().map(text).collect();
    assert!(dates.first().unwrap().contains("7月16日"), "{dates:?}");
    let acts = rows(&site, "activities-2026.csv").into_iter().filter(mine).count();
    assert_eq!(select(&doc, "main .acts > li").len(), acts);
}

#[test]
fn a_representative_page_lists_what_they_did_and_took_up() {
    let site = Site::new("good");
    site.build().assert_ok();
    let doc = site.page("/representatives/li-jianguo/");
    let me = |cell: &str| cell.split(['、', ',']).any(|x| x == "李建国" || x == "li-jianguo");
    let acts = all(&site, "activities").into_iter().filter(|a| me(&a["代表"])).count();
    let sugs = all(&site, "suggestions").into_iter().filter(|s| me(&s["代表"])).count();
    assert_eq!(select(&doc, "main .rep-ledger .acts > li").len(), acts);
    assert_eq!(select(&doc, "main .rep-ledger .sugs > li").len(), sugs);
    let note = text(one(&doc, "main .rep-ledger .note", "the summary"));
    assert!(
        note.contains(&format!("参加活动 {acts} 次")) && note.contains(&format!("接收意见建议 {sugs} 件")),
        "{note}"
    );
    // a former representative's record inside the membership is theirs
    let former = site.page("/representatives/chen-guohua/");
    let theirs = all(&site, "activities")
        .into_iter()
        .filter(|a| a["代表"].split('、').any(|x| x == "陈国华"))
        .count();
    assert!(theirs > 0);
    assert_eq!(select(&former, "main .rep-ledger .acts > li").len(), theirs);
}

#[test]
fn every_chart_carries_the_numbers_of_its_table() {
    let site = Site::new("good");
    site.build().assert_ok();
    for url in ["/stats/", "/regions/511199/stats/"] {
        let doc = site.page(url);
        let blocks = select(&doc, "main .chart-block");
        assert!(blocks.len() >= 9, "{url}: {} charts", blocks.len());
        for b in blocks {
            let svg = one_html(b, "svg.chart");
            let xml = roxmltree::Document::parse(&svg).unwrap_or_else(|e| panic!("{url}: {e}\n{svg}"));
            let by_class = |c: &str| -> Vec<String> {
                xml.descendants()
                    .filter(|n| n.attribute("class") == Some(c))
                    .map(|n| n.text().unwrap_or("").to_string())
                    .collect()
            };
            let labels = by_class("chart-label");
            let values = by_class("chart-value");
            assert_eq!(
                xml.descendants()
                    .filter(|n| n.has_tag_name("rect") && n.attribute("class") == Some("chart-bar"))
                    .count(),
                labels.len()
            );
            let table: Vec<(String, String)> = select_in(b, "tbody tr")
                .into_iter()
                .map(|tr| (text(select_in(tr, "th")[0]), text(select_in(tr, "td")[0])))
                .collect();
            assert_eq!(table.len(), labels.len(), "{url}: rows");
            for ((label, value), (tl, tv)) in labels.iter().zip(&values).zip(&table) {
                let cut = label.trim_end_matches('…');
                assert!(tl.starts_with(cut), "{url}: chart label {label} against {tl}");
                assert!(
                    tv.starts_with(value.as_str()),
                    "{url}: chart value {value} against {tv}"
                );
            }
            let title = xml
                .descendants()
                .find(|n| n.has_tag_name("title"))
                .and_then(|n| n.text())
                .unwrap_or("");
            assert!(!title.is_empty(), "{url}: every chart has a title");
        }
    }
}

fn select_in<'a>(e: scraper::ElementRef<'a>, s: &str) -> Vec<scraper::ElementRef<'a>> {
    e.select(&scraper::Selector::parse(s).unwrap()).collect()
}

fn one_html(e: scraper::ElementRef, s: &str) -> String {
    select_in(e, s).first().map(|x| x.html()).unwrap_or_default()
}

#[test]
fn the_open_data_csvs_are_the_ledgers_as_published() {
    let site = Site::new("good");
    site.build().assert_ok();
    for (file, book, key) in [
        ("suggestions.csv", "suggestions", "编号"),
        ("activities.csv", "activities", "日期"),
    ] {
        let bytes = fs::read(site.out.join("data").join(file)).unwrap();
        assert!(bytes.starts_with("\u{feff}".as_bytes()), "{file}: a BOM");
        let text = String::from_utf8(bytes).unwrap();
        let mut r = csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
        let headers: Vec<String> = r.headers().unwrap().iter().map(str::to_string).collect();
        assert!(
            headers.contains(&"联络站标识".to_string()) && headers.contains(&key.to_string()),
            "{headers:?}"
        );
        let published: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
        let fixture = all(&site, book);
        assert_eq!(published.len(), fixture.len(), "{file}: one row per record");
        let col = headers.iter().position(|h| h == "内容").unwrap();
        for f in &fixture {
            let masked = f["内容"].replace("13912345678", "139****5678");
            assert!(published.iter().any(|p| p[col] == masked), "{file}: {masked}");
        }
    }
}

/// Every file under `dir`, gzip members decompressed.
fn contents(dir: &Path, out: &mut Vec<(String, Vec<u8>)>) {
    for e in fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            contents(&p, out);
            continue;
        }
        let bytes = fs::read(&p).unwrap();
        let bytes = if bytes.starts_with(&[0x1f, 0x8b]) {
            let mut d = Vec::new();
            flate2::read::GzDecoder::new(&bytes[..]).read_to_end(&mut d).unwrap();
            d
        } else {
            bytes
        };
        out.push((p.display().to_string(), bytes));
    }
}

#[test]
fn planted_mobile_and_id_numbers_appear_nowhere_in_the_output() {
    let site = Site::new("good");
    site.build().assert_ok();
    let mut files = Vec::new();
    contents(&site.out, &mut files);
    assert!(
        files
            .iter()
            .any(|(p, _)| p.contains("pagefind") && p.ends_with(".pf_fragment")),
        "the search bundle is there"
    );
    let find = |needle: &str| {
        files
            .iter()
            .filter(|(_, b)| b.windows(needle.len()).any(|w| w == needle.as_bytes()))
            .map(|(p, _)| p.clone())
            .collect::<Vec<_>>()
    };
    for whole in ["13912345678", "51110219800101123X", "1391234", "19800101"] {
        assert_eq!(find(whole), Vec::<String>::new(), "`{whole}` is published");
    }
    // …and the masked forms are there, on the page, in the CSV and in the search index
    let masked = find("139****5678");
    assert!(masked.iter().any(|p| p.ends_with("index.html")), "{masked:?}");
    assert!(masked.iter().any(|p| p.ends_with("suggestions.csv")), "{masked:?}");
    assert!(masked.iter().any(|p| p.ends_with(".pf_fragment")), "{masked:?}");
    assert!(!find("511***********123X").is_empty());
}

#[test]
fn ledger_text_is_plain_text() {
    let site = Site::new("good");
    site.build().assert_ok();
    let doc = site.page("/stations/shiqiao-group/records/2026/");
    assert!(select(&doc, "main script").is_empty(), "no script from a ledger cell");
    assert!(text(one(&doc, "main .sugs", "the suggestions")).contains("<script>alert(1)</script>"));
    let doc = site.page("/stations/zhuxi-center/records/2026/");
    assert!(select(&doc, "main .acts b").is_empty());
    assert!(text(one(&doc, "main .acts", "the activities")).contains("<b>检查</b>"));
}

//! `liaison import roster` and `liaison export roster`: sheets in the layout county offices
//! use, written here with rust_xlsxwriter or kept in tests/fixtures/roster/; every bad input
//! with its own `FILE:row:column` message and nothing written; a round trip that changes
//! nothing; and the site still builds afterwards.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use common::{Run, Site, assert_same_tree, fixture, run, snapshot};
use rust_xlsxwriter::{Format, Workbook};

/// A cell of a sheet a test writes: text, a number, or nothing.
enum C {
    T(&'static str),
    N(f64),
    E,
}
use C::{E, N, T};

/// Writes a one-sheet workbook: a title row (merged, as offices do) above `rows`.
fn xlsx(path: &Path, title: &str, rows: &[Vec<C>]) {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    let bold = Format::new().set_bold();
    ws.merge_range(0, 0, 0, 5, title, &bold).unwrap();
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            let (r, c) = (r as u32 + 1, c as u16);
            match cell {
                T(t) => {
                    ws.write_string(r, c, *t).unwrap();
                }
                N(n) => {
                    ws.write_number(r, c, *n).unwrap();
                }
                E => {}
            }
        }
    }
    wb.save(path).unwrap();
}

fn import(site: &Site, file: &Path, extra: &[&str]) -> Run {
    let mut args = vec!["import".to_string(), "roster".to_string(), file.display().to_string()];
    args.extend(extra.iter().map(|s| s.to_string()));
    run(&site.root, &args, &[])
}

fn front(site: &Site, rel: &str) -> toml::Table {
    let text = fs::read_to_string(site.root.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"));
    let inner = text.strip_prefix("+++\n").unwrap();
    let end = inner.find("\n+++\n").unwrap();
    toml::from_str(&inner[..end + 1]).unwrap_or_else(|e| panic!("{rel} is not TOML: {e}\n{text}"))
}

fn strs(v: &toml::Value) -> Vec<&str> {
    v.as_array().unwrap().iter().map(|x| x.as_str().unwrap()).collect()
}

/// The office's layout: title row, 序号, padded names, one person on two rows, level words
/// written several ways, the station by its full name or by slug, a 合计 row.
fn office_sheet(path: &Path) {
    xlsx(
        path,
        "青岚县第十八届人大代表名册",
        &[
            vec![
                T("序号"),
                T("姓　名"),
                T("性别"),
                T("代表层级"),
                T("所在联络站"),
                T("工作单位"),
                T("职务"),
                T("联系电话"),
                T("届次"),
                T("备注"),
            ],
            vec![
                N(1.0),
                T("王　青"),
                T("男"),
                T("县级"),
                T("竹溪镇人大代表中心联络站"),
                T("竹溪镇农技站"),
                T("站长"),
                N(13_900_000_001.0),
                T("第十八届"),
                T(""),
            ],
            vec![
                N(2.0),
                T("王　青"),
                T("男"),
                T("乡镇人大代表"),
                T("竹溪镇人大代表中心联络站"),
                T("竹溪镇农技站"),
                T("站长"),
                N(13_900_000_001.0),
                T("第十八届"),
                E,
            ],
            vec![
                N(3.0),
                T("欧阳 青"),
                T("女"),
                T("市/县"),
                T("shiqiao-home"),
                T("石桥乡卫生院"),
                T("院长"),
                T("0833-6100001"),
                T("第十八届"),
                T("新当选"),
            ],
            vec![
                N(4.0),
                T("王青"),
                T("女"),
                T("乡镇"),
                T("石桥乡人大代表之家"),
                T("石桥乡中心小学"),
                T("教师"),
                E,
                T("第十八届"),
                E,
            ],
            vec![T("合计"), T("3人"), E, E, E, E, E, E, E, E],
        ],
    );
}

#[test]
fn an_office_sheet_becomes_content_files_and_the_site_builds() {
    let site = Site::new("good");
    let sheet = site.tmp.path().join("名册.xlsx");
    office_sheet(&sheet);
    let r = import(&site, &sheet, &[]);
    r.assert_ok();
    assert!(r.stdout.contains("added 3 representatives"), "{}", r.stdout);
    assert!(r.stdout.contains("ignored columns: 序号, 备注"), "{}", r.stdout);
    assert!(
        r.stdout.contains("content/representatives/ma-li.md (马丽)"),
        "people not in the sheet are named: {}",
        r.stdout
    );

    let wang = front(&site, "content/representatives/wang-qing.md");
    assert_eq!(wang["name"].as_str(), Some("王青"), "the padding is gone");
    assert_eq!(strs(&wang["levels"]), ["county", "township"], "two rows, one person");
    assert_eq!(
        wang["station"].as_str(),
        Some("zhuxi-center"),
        "the station by its full name"
    );
    assert_eq!(wang["phone"].as_str(), Some("13900000001"), "a number cell as digits");
    assert_eq!(wang["term"].as_str(), Some("第十八届"));
    let ouyang = front(&site, "content/representatives/ouyang-qing.md");
    assert_eq!(strs(&ouyang["levels"]), ["city", "county"]);
    assert_eq!(ouyang["station"].as_str(), Some("shiqiao-home"), "the station by slug");
    // another 王青, at another station: the next slug
    let second = front(&site, "content/representatives/wang-qing-2.md");
    assert_eq!(second["station"].as_str(), Some("shiqiao-home"));
    assert_eq!(second.get("phone"), None, "an empty cell writes no key");

    site.build().assert_ok();
    let page = fs::read_to_string(site.file("/representatives/wang-qing/")).unwrap();
    assert!(page.contains("竹溪镇农技站"));

    // the same sheet again: nothing changes
    let before = snapshot(&site.root);
    let again = import(&site, &sheet, &[]);
    again.assert_ok();
    assert!(
        again.stdout.contains("added 0") && again.stdout.contains("changed 0"),
        "{}",
        again.stdout
    );
    assert!(again.stdout.contains("unchanged 3"), "{}", again.stdout);
    assert_same_tree(&before, &snapshot(&site.root), "a second import of the same sheet");
}

#[test]
fn an_update_changes_only_the_sheets_keys() {
    let site = Site::new("good");
    let rel = "content/representatives/ma-li.md";
    let path = site.root.join(rel);
    let old = fs::read_to_string(&path).unwrap();
    // a comment, a key the sheet has no column for, [extra] and a body
    let edited = old
        .replacen("+++\n", "+++\n# 2026 年换届后核对\n", 1)
        .replace(
            "position = \"教师\"",
            "position = \"教师\" # 兼任少先队辅导员\nregion = \"511199101\"",
        )
        .replacen("\n+++\n", "\n\n[extra]\nnote = \"保留\"\n+++\n", 1)
        + "马丽代表的履职情况。\n";
    fs::write(&path, &edited).unwrap();
    let sheet = site.tmp.path().join("update.csv");
    fs::write(
        &sheet,
        "姓名,代表层级,联络站,联系电话\n马　丽,乡镇,竹溪镇人大代表中心联络站,0833-6100099\n",
    )
    .unwrap();
    let r = import(&site, &sheet, &[]);
    r.assert_ok();
    assert!(r.stdout.contains(&format!("~ {rel} (phone)")), "{}", r.stdout);
    let new = fs::read_to_string(&path).unwrap();
    let expected = edited.replacen("\n\n[extra]", "\nphone = \"0833-6100099\"\n\n[extra]", 1);
    assert_eq!(new, expected, "only phone was added, after the other keys");
    assert!(
        new.contains("# 2026 年换届后核对") && new.contains("# 兼任少先队辅导员"),
        "comments stay"
    );
    assert!(new.ends_with("马丽代表的履职情况。\n"), "the body stays");
    let t = front(&site, rel);
    assert_eq!(t["region"].as_str(), Some("511199101"));
    assert_eq!(t["extra"]["note"].as_str(), Some("保留"));
    assert_eq!(t["phone"].as_str(), Some("0833-6100099"));
    site.build().assert_ok();
}

#[test]
fn dry_run_writes_nothing() {
    let site = Site::new("good");
    let sheet = site.tmp.path().join("名册.xlsx");
    office_sheet(&sheet);
    let before = snapshot(&site.root);
    let r = import(&site, &sheet, &["--dry-run"]);
    r.assert_ok();
    assert!(r.stdout.contains("would add 3 representatives"), "{}", r.stdout);
    assert!(r.stdout.contains("nothing was written"), "{}", r.stdout);
    assert_same_tree(&before, &snapshot(&site.root), "--dry-run");
}

/// A bad sheet: fails with exactly this `FILE:row:column: message` start, and writes nothing.
fn refused(site: &Site, sheet: &Path, place: &str, words: &str) {
    let before = snapshot(&site.root);
    let r = import(site, sheet, &[]);
    r.assert_no_panic();
    assert!(!r.success(), "{} was accepted:\n{}", sheet.display(), r.stdout);
    let expected = format!("{}:{place}: ", sheet.display());
    let line = r
        .stderr
        .lines()
        .find(|l| l.starts_with(&expected))
        .unwrap_or_else(|| panic!("no message at {expected}\n{}", r.stderr));
    assert!(line.contains(words), "{line}");
    assert!(r.stderr.contains("nothing was written"), "{}", r.stderr);
    assert_same_tree(&before, &snapshot(&site.root), "a refused sheet");
}

fn bad(name: &str) -> PathBuf {
    fixture("roster").join(name)
}

#[test]
fn a_sheet_without_a_name_header() {
    refused(&Site::new("good"), &bad("no-header.csv"), "1:1", "no header row");
}

#[test]
fn an_empty_name_in_a_filled_row() {
    refused(&Site::new("good"), &bad("empty-name.csv"), "4:1", "has no name");
}

#[test]
fn an_unknown_station_with_a_suggestion() {
    refused(
        &Site::new("good"),
        &bad("unknown-station.csv"),
        "3:4",
        "no station is named `竹溪镇人大代表中心站`",
    );
    let r = import(&Site::new("good"), &bad("unknown-station.csv"), &[]);
    assert!(
        r.stderr.contains("did you mean `竹溪镇人大代表中心联络站`?"),
        "{}",
        r.stderr
    );
}

#[test]
fn an_unknown_level_word() {
    refused(
        &Site::new("good"),
        &bad("unknown-level.csv"),
        "2:3",
        "unknown level `村`",
    );
}

#[test]
fn one_person_with_two_phones() {
    refused(
        &Site::new("good"),
        &bad("conflicting-phones.csv"),
        "3:6",
        "联系电话 `13900000002` differs from `13900000001` on row 2",
    );
}

#[test]
fn a_date_in_the_wrong_form() {
    refused(
        &Site::new("good"),
        &bad("wrong-date.csv"),
        "3:5",
        "`12/31/2026` is not a date",
    );
}

#[test]
fn a_renamed_pdf() {
    refused(
        &Site::new("good"),
        &bad("renamed-pdf.xlsx"),
        "1:1",
        "PDF document, not a spreadsheet",
    );
}

#[test]
fn a_password_protected_workbook() {
    refused(
        &Site::new("good"),
        &bad("protected.xlsx"),
        "1:1",
        "protected with a password",
    );
}

#[test]
fn a_corrupted_workbook() {
    refused(&Site::new("good"), &bad("corrupted.xlsx"), "1:1", "damaged");
}

#[test]
fn a_csv_in_gbk_says_how_to_save_utf8() {
    let site = Site::new("good");
    refused(&site, &bad("gbk.csv"), "1:1", "not UTF-8");
    let r = import(&site, &bad("gbk.csv"), &[]);
    assert!(
        r.stderr.contains("CSV UTF-8") && r.stderr.contains("WPS"),
        "{}",
        r.stderr
    );
}

#[test]
fn bad_cells_in_an_xlsx_are_numbered_as_excel_numbers_them() {
    // the title row is row 1, the header row 2: the bad cell is D4 (the station) and C5
    let site = Site::new("good");
    let sheet = site.tmp.path().join("bad.xlsx");
    xlsx(
        &sheet,
        "名册",
        &[
            vec![T("姓名"), T("性别"), T("代表层级"), T("联络站")],
            vec![T("王青"), T("男"), T("县"), T("竹溪镇人大代表中心联络站")],
            vec![T("李红"), T("女"), T("县"), T("竹溪人大代表中心联络站")],
            vec![T("赵亮"), T("男"), T("政协委员"), T("竹溪镇人大代表中心联络站")],
        ],
    );
    refused(&site, &sheet, "4:4", "no station is named");
    let r = import(&site, &sheet, &[]);
    assert!(
        r.stderr
            .contains(&format!("{}:5:3: unknown level `政协委员`", sheet.display())),
        "every bad row is reported: {}",
        r.stderr
    );
}

#[test]
fn export_then_import_changes_nothing() {
    let site = Site::new("good");
    for (what, args) in [("representatives", vec![]), ("stations", vec!["--stations"])] {
        let sheet = site.tmp.path().join(format!("{what}.xlsx"));
        let mut a = vec!["export".to_string(), "roster".to_string()];
        a.extend(args.iter().map(|s| s.to_string()));
        a.extend([sheet.display().to_string(), "--date".into(), "2026-11-22".into()]);
        run(&site.root, &a, &[]).assert_ok();
        let first = fs::read(&sheet).unwrap();
        run(&site.root, &a, &[]).assert_ok();
        assert_eq!(
            first,
            fs::read(&sheet).unwrap(),
            "the same content and date give the same sheet"
        );
        let before = snapshot(&site.root);
        let r = import(&site, &sheet, &[]);
        r.assert_ok();
        assert!(
            r.stdout.contains("added 0") && r.stdout.contains("changed 0"),
            "{what}: {}",
            r.stdout
        );
        assert!(!r.stdout.contains("not in the sheet"), "{what}: {}", r.stdout);
        assert_same_tree(&before, &snapshot(&site.root), "an unedited round trip");
    }
}

#[test]
fn an_edit_made_in_the_exported_sheet_comes_back() {
    use calamine::{Data, Reader, open_workbook_auto};
    let site = Site::new("good");
    let sheet = site.tmp.path().join("out.xlsx");
    run(
        &site.root,
        &["export".into(), "roster".into(), sheet.display().to_string()],
        &[],
    )
    .assert_ok();
    // read the export as Excel would, change one phone, write it back
    let mut wb = open_workbook_auto(&sheet).unwrap();
    let range = wb.worksheet_range_at(0).unwrap().unwrap();
    let rows: Vec<Vec<String>> = range
        .rows()
        .map(|r| {
            r.iter()
                .map(|c| match c {
                    Data::Empty => String::new(),
                    Data::DateTime(d) => d.as_datetime().unwrap().date().to_string(),
                    other => other.to_string(),
                })
                .collect()
        })
        .collect();
    assert!(rows[0][0].contains("人大代表名册"), "a title row: {:?}", rows[0]);
    assert_eq!(rows[1][0], "姓名");
    let phone = rows[1].iter().position(|h| h == "联系电话").unwrap();
    let slug = rows[1].iter().position(|h| h == "slug").unwrap();
    let mut edited = Workbook::new();
    let ws = edited.add_worksheet();
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            let v = if row[slug] == "ma-li" && c == phone {
                "0833-6100777"
            } else {
                v.as_str()
            };
            if !v.is_empty() {
                ws.write_string(r as u32, c as u16, v).unwrap();
            }
        }
    }
    edited.save(&sheet).unwrap();
    let r = import(&site, &sheet, &[]);
    r.assert_ok();
    assert!(
        r.stdout.contains("changed 1") && r.stdout.contains("ma-li.md (phone)"),
        "{}",
        r.stdout
    );
    assert_eq!(
        front(&site, "content/representatives/ma-li.md")["phone"].as_str(),
        Some("0833-6100777")
    );
    site.build().assert_ok();
}

#[test]
fn a_station_sheet_adds_stations() {
    let site = Site::new("good");
    let sheet = site.tmp.path().join("联络站.xlsx");
    xlsx(
        &sheet,
        "青岚县人大代表联络站一览表",
        &[
            vec![
                T("联络站名称"),
                T("类型"),
                T("行政区划代码"),
                T("地址"),
                T("联系电话"),
                T("负责人"),
                T("经度"),
                T("纬度"),
                T("上级联络站"),
            ],
            vec![
                T("竹溪镇北片区人大代表联络站"),
                T("片区联络站"),
                T("511199101"),
                T("竹溪镇北街 3 号"),
                T("0833-6100300"),
                T("周明"),
                N(104.12),
                N(30.51),
                T("竹溪镇人大代表中心联络站"),
            ],
            vec![
                T("竹溪镇人大代表中心联络站"),
                T("中心联络站"),
                T("511199101"),
                T("竹溪镇人民路 1 号"),
                E,
                T("李强"),
                E,
                E,
                E,
            ],
        ],
    );
    let r = import(&site, &sheet, &[]);
    r.assert_ok();
    assert!(r.stdout.contains("added 1 stations"), "{}", r.stdout);
    let t = front(&site, "content/stations/zhuxizhenbei-area.md");
    assert_eq!(t["kind"].as_str(), Some("area"));
    assert_eq!(t["parent"].as_str(), Some("zhuxi-center"));
    assert_eq!(t["manager"]["name"].as_str(), Some("周明"));
    assert_eq!(t["location"]["lat"].as_float(), Some(30.51));
    assert_eq!(t["location"]["lon"].as_float(), Some(104.12));
    site.build().assert_ok();
    assert!(site.file("/stations/zhuxizhenbei-area/").is_file());

    let wrong = site.tmp.path().join("wrong.csv");
    fs::write(&wrong, "联络站名称,类型,行政区划代码,地址\n新站,联络点,999999,某地\n").unwrap();
    refused(&site, &wrong, "2:2", "unknown station type `联络点`");
    let r = import(&site, &wrong, &[]);
    assert!(
        r.stderr.contains(&format!(
            "{}:2:3: region code `999999` is not in content/regions.toml",
            wrong.display()
        )),
        "{}",
        r.stderr
    );
}

#[test]
fn a_roster_outside_a_site_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let r = run(
        tmp.path(),
        &[
            "import".into(),
            "roster".into(),
            bad("empty-name.csv").display().to_string(),
        ],
        &[],
    );
    r.assert_no_panic();
    assert!(!r.success());
    assert!(r.stderr.contains("not a liaison site"), "{}", r.stderr);
}

//! The colophon at the end of an issue: the distribution list (送：…), 责任编辑, 联系方式 and
//! 批准文号. It is the trailing run of lines made only of such entries (and rules, blank lines
//! and page numbers); a `联系电话：` line in the middle of an article is left alone.

use std::sync::LazyLock;

use chrono::NaiveDate;
use regex_lite::Regex;

use super::numerals::{self, DateFound};
use super::paragraphs::is_page_number;
use super::text::{bare, ends_closed, is_han, join, len, trim};

/// What the colophon says.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Colophon {
    pub(crate) recipients: Vec<String>,
    pub(crate) editors: Vec<String>,
    pub(crate) contact: Option<String>,
    pub(crate) approval: Option<String>,
    /// Entries with no front-matter key (签发：…, ……印发), kept whole.
    pub(crate) other: Vec<String>,
    /// The date of a `……2024年7月30日印发` line.
    pub(crate) printed: Option<NaiveDate>,
}

static SEND: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:抄送|抄报|报送|分送|送达|报|送|发)[ \u{3000}]*[：:][ \u{3000}]*(?P<rest>.*)$")
        .expect("valid pattern")
});

static KEY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?P<k>责任编辑|责编|编辑|主编|审核|审稿|审定|签发|校对|联系方式|联系电话|电话|传真|电子邮箱|邮箱|E-?mail|e-?mail|地址|邮编|批准文号|内部资料准印证号|准印证号|准印证|印数)[ \u{3000}]*[：:]",
    )
    .expect("valid pattern")
});

/// Keys that can begin a colophon by themselves (a lone `电话：` could be an article's).
const STRONG: &[&str] = &[
    "责任编辑",
    "责编",
    "主编",
    "签发",
    "联系方式",
    "批准文号",
    "内部资料准印证号",
    "准印证号",
    "准印证",
];

#[derive(Debug, Clone, Copy, PartialEq)]
enum Kind {
    Blank,
    Rule,
    Send,
    Key { strong: bool },
    Printed,
    Other,
}

fn classify(b: &str) -> Kind {
    if b.is_empty() || is_page_number(b) {
        return Kind::Blank;
    }
    if len(b) >= 3 && b.chars().all(|c| "-—=_*━─═~～·".contains(c) || c == ' ') {
        return Kind::Rule;
    }
    if SEND.is_match(b) {
        return Kind::Send;
    }
    if let Some(c) = KEY.captures(b)
        && let Some(m) = c.get(0)
        && m.start() == 0
    {
        let k = c.name("k").map_or("", |k| k.as_str());
        return Kind::Key {
            strong: STRONG.contains(&k),
        };
    }
    let t = b.trim_end_matches(|c: char| c == '）' || c == ')' || c.is_ascii_digit() || "共印份（( ".contains(c));
    if len(b) <= 60 && t.ends_with("印发") {
        return Kind::Printed;
    }
    Kind::Other
}

/// A line that continues a distribution list.
fn recipient_line(b: &str) -> bool {
    (len(b) <= 100 && !ends_closed(b)) || b.ends_with('，') || b.ends_with('、')
}

/// Where the colophon starts among `bares` (from `from` on): the first line that can begin one
/// and from which every line to the end is a colophon line. A line of a distribution list is
/// one only below its `送：` line, so each such line rules out the starts between that `送：`
/// line and itself (and any other line rules out every start up to itself).
fn start(bares: &[String], from: usize) -> Option<usize> {
    let kinds: Vec<Kind> = bares.iter().map(|b| classify(b)).collect();
    let n = kinds.len();
    // ruled_out[i] > 0: a colophon cannot start at line i.
    let mut diff = vec![0i64; n + 1];
    let mut list_from: Option<usize> = None;
    for (j, (k, b)) in kinds.iter().zip(bares).enumerate() {
        match k {
            Kind::Blank => {}
            Kind::Send => list_from = Some(j),
            Kind::Rule | Kind::Key { .. } | Kind::Printed => list_from = None,
            Kind::Other => {
                let lo = match list_from {
                    Some(s) if recipient_line(b) => s + 1,
                    _ => 0,
                };
                if let Some(d) = diff.get_mut(lo) {
                    *d += 1;
                }
                if let Some(d) = diff.get_mut(j + 1) {
                    *d -= 1;
                }
            }
        }
    }
    let starts = |k: Kind| matches!(k, Kind::Send | Kind::Rule | Kind::Printed | Kind::Key { strong: true });
    let mut ruled_out = 0i64;
    for (i, k) in kinds.iter().enumerate() {
        ruled_out += diff.get(i).copied().unwrap_or(0);
        if i >= from && ruled_out == 0 && starts(*k) {
            return Some(i);
        }
    }
    None
}

/// Splits the colophon off the end of `lines[from..]`: returns where it starts (the body is
/// `lines[from..start]`) and what it says.
pub(crate) fn split(lines: &[String], from: usize) -> (usize, Colophon) {
    let bares: Vec<String> = lines.iter().map(|l| bare(l)).collect();
    let Some(begin) = start(&bares, from) else {
        return (lines.len(), Colophon::default());
    };
    let mut c = Colophon::default();
    // The distribution list as (line, blank line before it).
    let mut list: Vec<(String, bool)> = Vec::new();
    let mut in_list = false;
    let mut blank = false;
    let mut contact: Vec<(String, String)> = Vec::new();
    for b in bares.iter().skip(begin) {
        match classify(b) {
            Kind::Blank => blank = true,
            Kind::Rule => in_list = false,
            Kind::Send => {
                in_list = true;
                let rest = SEND.captures(b).and_then(|m| m.name("rest")).map_or("", |m| m.as_str());
                list.push((rest.to_string(), true));
                blank = false;
            }
            Kind::Other => {
                if in_list {
                    list.push((b.clone(), blank));
                }
                blank = false;
            }
            Kind::Printed => {
                in_list = false;
                if let Some(DateFound::Date(d, _)) = numerals::find_date(b) {
                    c.printed.get_or_insert(d);
                }
                c.other.push(b.clone());
            }
            Kind::Key { .. } => {
                in_list = false;
                for (k, v) in entries(b) {
                    match k.as_str() {
                        "责任编辑" | "责编" | "编辑" => c.editors.extend(names(&v)),
                        "批准文号" | "内部资料准印证号" | "准印证号" | "准印证" if !v.is_empty() => {
                            c.approval.get_or_insert(v);
                        }
                        "联系方式" | "联系电话" | "电话" | "传真" | "电子邮箱" | "邮箱" | "地址" | "邮编" => {
                            contact.push((k, v))
                        }
                        k if k.eq_ignore_ascii_case("email") || k.eq_ignore_ascii_case("e-mail") => {
                            contact.push((k.to_string(), v))
                        }
                        _ if !v.is_empty() => c.other.push(format!("{k}：{v}")),
                        _ => {}
                    }
                }
            }
        }
    }
    c.recipients = recipients(&list);
    let contact: Vec<(String, String)> = contact.into_iter().filter(|(_, v)| !v.is_empty()).collect();
    c.contact = match contact.as_slice() {
        [] => None,
        [(k, v)] if k == "联系方式" => Some(v.clone()),
        parts => Some(
            parts
                .iter()
                .map(|(k, v)| {
                    if k == "联系方式" {
                        v.clone()
                    } else {
                        format!("{k}：{v}")
                    }
                })
                .collect::<Vec<_>>()
                .join("\u{3000}"),
        ),
    };
    (begin, c)
}

/// `责任编辑：张 三  李 四 联系方式：0000` → [(责任编辑, 张 三  李 四), (联系方式, 0000)].
fn entries(line: &str) -> Vec<(String, String)> {
    let keys: Vec<(String, usize, usize)> = KEY
        .captures_iter(line)
        .filter_map(|c| {
            let m = c.get(0)?;
            Some((c.name("k")?.as_str().to_string(), m.start(), m.end()))
        })
        .collect();
    let mut out = Vec::new();
    for (n, (k, _, value_start)) in keys.iter().enumerate() {
        let end = keys.get(n + 1).map_or(line.len(), |next| next.1);
        let v = line.get(*value_start..end).unwrap_or_default();
        out.push((k.clone(), trim(v).to_string()));
    }
    out
}

/// Editors' names: `张 三  李 四` → 张三, 李四; `韦 青 宋雨桐` → 韦青, 宋雨桐. Names are
/// separated by punctuation, two or more spaces or a full-width space; within a group, single
/// characters spaced out to the width of a three-character name are put back together.
pub(crate) fn names(value: &str) -> Vec<String> {
    let mut groups: Vec<String> = Vec::new();
    let mut cur = String::new();
    let mut spaces = 0;
    for c in value.chars() {
        if c == ' ' {
            spaces += 1;
            continue;
        }
        let hard_sep = matches!(c, '，' | ',' | '、' | '；' | ';' | '/' | '／' | '\u{3000}');
        if hard_sep || spaces >= 2 {
            groups.push(std::mem::take(&mut cur));
        } else if spaces == 1 {
            cur.push(' ');
        }
        spaces = 0;
        if !hard_sep {
            cur.push(c);
        }
    }
    groups.push(cur);
    let mut out = Vec::new();
    for g in groups.iter().map(|g| trim(g)).filter(|g| !g.is_empty()) {
        if !g.chars().any(is_han) {
            out.push(g.to_string());
            continue;
        }
        let mut run: Vec<&str> = Vec::new();
        for token in g.split(' ').filter(|t| !t.is_empty()) {
            if len(token) == 1 {
                run.push(token);
            } else {
                out.extend(spaced_out(&run));
                run.clear();
                out.push(token.to_string());
            }
        }
        out.extend(spaced_out(&run));
    }
    out
}

/// Single characters of spaced-out names: two or three make one name; longer runs are
/// two-character names (and a three-character one at the end if the count is odd).
fn spaced_out(run: &[&str]) -> Vec<String> {
    match run.len() {
        0 => Vec::new(),
        1..=3 => vec![run.concat()],
        n => {
            let mut out = Vec::new();
            let mut i = 0;
            while i < n {
                let take = if n - i == 3 { 3 } else { 2 };
                out.push(run.get(i..(i + take).min(n)).unwrap_or_default().concat());
                i += take;
            }
            out
        }
    }
}

/// The entries of a distribution list, one per line as the contract has it: a line is never
/// split at its 、 or ，, since an entry such as `县人大常委会办公室秘书科、信息科、综合科`
/// names several offices of one body. A line continues the one before it (no blank line
/// between) when that one fills the page width or ends with a list separator: it was wrapped.
fn recipients(list: &[(String, bool)]) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    // The physical line before, to tell whether it was wrapped.
    let mut last = "";
    for (text, blank_before) in list {
        let text = trim(text);
        if text.is_empty() {
            continue;
        }
        let width: usize = last.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum();
        let runs_on = !blank_before && (width >= 56 || last.ends_with(['，', '、', ',', '；', ';']));
        match lines.last_mut() {
            Some(prev) if runs_on => *prev = join(prev, text),
            _ => lines.push(text.to_string()),
        }
        last = text;
    }
    lines
        .into_iter()
        .map(|l| trim(l.trim_end_matches(['，', '、', ',', '；', ';', '。'])).to_string())
        .filter(|l| !l.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(s: &str) -> Vec<String> {
        s.lines().map(str::to_string).collect()
    }

    #[test]
    fn editors_names() {
        assert_eq!(names("张 三  李 四"), ["张三", "李四"]);
        assert_eq!(names("韦 青 宋雨桐"), ["韦青", "宋雨桐"]);
        assert_eq!(names("王 小 明"), ["王小明"]);
        assert_eq!(names("罗一帆、宋雨"), ["罗一帆", "宋雨"]);
        assert_eq!(names("周 琳　郑 凯"), ["周琳", "郑凯"]);
        assert_eq!(names("Li Hua"), ["Li Hua"]);
        assert_eq!(names(""), Vec::<String>::new());
    }

    #[test]
    fn a_full_colophon() {
        let doc = lines(
            "正文。\n\n（县人大供稿）\n\n---\n\n送：县委办公室、县委组织部，县人民政府办公室\n\n各乡（镇）、街道人大工委\n\n县人大常委会各工作机构,县人民法院,县人民检察院,\n县监察委员会\n县人大常委会机关各科室及派驻纪检监察组的全体工作人员以及各个代表联络\n站\n\n---\n\n责任编辑：柳 青  卢 远 联系方式：0000—1234567 yx@example.gov.cn\n\n批准文号：云内资准字〔2024〕第 7 号\n签发：周 明\n县人大常委会办公室　　2024年7月31日印发",
        );
        let (start, c) = split(&doc, 0);
        assert_eq!(start, 4);
        assert_eq!(
            c.recipients,
            [
                "县委办公室、县委组织部，县人民政府办公室",
                "各乡（镇）、街道人大工委",
                "县人大常委会各工作机构，县人民法院，县人民检察院，县监察委员会",
                "县人大常委会机关各科室及派驻纪检监察组的全体工作人员以及各个代表联络站",
            ]
        );
        assert_eq!(c.editors, ["柳青", "卢远"]);
        assert_eq!(c.contact.as_deref(), Some("0000—1234567 yx@example.gov.cn"));
        assert_eq!(c.approval.as_deref(), Some("云内资准字〔2024〕第 7 号"));
        assert_eq!(c.other, ["签发：周 明", "县人大常委会办公室　　2024年7月31日印发"]);
        assert_eq!(c.printed, NaiveDate::from_ymd_opt(2024, 7, 31));
    }

    #[test]
    fn a_line_is_one_entry() {
        let list = |s: &str| recipients(&[(s.to_string(), true)]);
        assert_eq!(
            list("县人大常委会选举任免联络工作委员会、研究室、信访室，《清溪人大》编辑部"),
            ["县人大常委会选举任免联络工作委员会、研究室、信访室，《清溪人大》编辑部"]
        );
        assert_eq!(
            list("各县、市、区人大常委会代表工作机构"),
            ["各县、市、区人大常委会代表工作机构"]
        );
        // wrapped: the line before ends with a separator, or fills the width
        let wrapped = recipients(&[
            (
                "县委办公室、县委组织部、县委宣传部，县人民政府办公室，县人民法院，".to_string(),
                true,
            ),
            ("县人民检察院".to_string(), false),
            (
                "各乡镇人大主席团，各街道人大工作委员会，县人大常委会各工作委员会及其办".to_string(),
                true,
            ),
            ("事机构".to_string(), false),
        ]);
        assert_eq!(
            wrapped,
            [
                "县委办公室、县委组织部、县委宣传部，县人民政府办公室，县人民法院，县人民检察院",
                "各乡镇人大主席团，各街道人大工作委员会，县人大常委会各工作委员会及其办事机构",
            ]
        );
    }

    #[test]
    fn one_short_entry_per_line_is_not_run_on() {
        let doc = lines("送：县委各位常委\n县人大常委会各位组成人员\n各乡镇人大主席团");
        let (start, c) = split(&doc, 0);
        assert_eq!(start, 0);
        assert_eq!(
            c.recipients,
            ["县委各位常委", "县人大常委会各位组成人员", "各乡镇人大主席团"]
        );
    }

    #[test]
    fn contact_lines_inside_an_article_are_not_a_colophon() {
        let doc = lines("联系电话：0000-1234567\n\n站点地址在镇政府一楼。");
        assert_eq!(split(&doc, 0).0, 3);
        let doc = lines("正文。\n\n联系电话：0000-1234567");
        assert_eq!(split(&doc, 0).0, 3);
    }

    #[test]
    fn markdown_list_of_recipients() {
        let doc = lines("正文。\n\n**送：**\n\n- 县委办公室\n- 县人民政府办公室\n\n**责任编辑：** 宋 雨");
        let (start, c) = split(&doc, 0);
        assert_eq!(start, 2);
        assert_eq!(c.recipients, ["县委办公室", "县人民政府办公室"]);
        assert_eq!(c.editors, ["宋雨"]);
    }

    #[test]
    fn several_contact_keys() {
        let doc = lines("责任编辑：宋雨\n电话：0833-6000012 邮箱：lgw@example.cn");
        let (_, c) = split(&doc, 0);
        assert_eq!(
            c.contact.as_deref(),
            Some("电话：0833-6000012\u{3000}邮箱：lgw@example.cn")
        );
    }
}

//! Chinese names in Latin letters, from the `pinyin` crate: the full pinyin without tones
//! (`张伟` → `zhangwei`), the initials (`zw`) and the slug (`zhang-wei`). A surname is read
//! as a surname: 曾 is zeng, 单 shan, 区 ou, 解 xie, not their everyday readings, and a
//! compound surname (欧阳, 诸葛) stays one word of the slug (`ouyang-hui`).

use pinyin::ToPinyin;

/// Compound surnames (复姓), which make one syllable group of a slug.
const COMPOUND: &[&str] = &[
    "欧阳", "诸葛", "上官", "司马", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文", "司徒", "夏侯", "轩辕",
    "令狐", "钟离", "端木", "独孤", "南宫", "西门", "万俟", "闻人", "澹台", "公冶", "太史", "申屠", "呼延", "百里",
    "东郭", "拓跋", "赫连", "完颜", "单于", "司空", "濮阳", "淳于", "仲孙", "羊舌", "左丘",
];

/// Surnames whose reading as a surname differs from the everyday one (syllables apart).
const SURNAME_READINGS: &[(&str, &str)] = &[
    ("曾", "zeng"),
    ("单", "shan"),
    ("区", "ou"),
    ("仇", "qiu"),
    ("解", "xie"),
    ("查", "zha"),
    ("朴", "piao"),
    ("盖", "ge"),
    ("繁", "po"),
    ("缪", "miao"),
    ("覃", "qin"),
    ("种", "chong"),
    ("尉迟", "yu chi"),
    ("万俟", "mo qi"),
    ("长孙", "zhang sun"),
    ("单于", "chan yu"),
    ("乐", "yue"),
    ("员", "yun"),
    ("召", "shao"),
    ("翟", "zhai"),
    ("祭", "zhai"),
    ("华", "hua"),
    ("任", "ren"),
    ("沈", "shen"),
    ("秘", "bi"),
    ("句", "gou"),
    ("蕃", "pi"),
    ("眭", "sui"),
    ("隗", "wei"),
];

/// A person's name split into surname and given name (compound surnames kept whole).
pub(crate) fn split(name: &str) -> (&str, &str) {
    let name = name.trim();
    if let Some(c) = COMPOUND.iter().find(|c| name.starts_with(**c) && name.len() > c.len()) {
        return name.split_at(c.len());
    }
    match name.char_indices().nth(1) {
        Some((i, _)) => name.split_at(i),
        None => (name, ""),
    }
}

/// The pinyin syllables of a text without tones, one per Chinese character; other letters and
/// digits are kept lowercased, as one "syllable" per run.
fn syllables(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut run = String::new();
    for c in text.chars() {
        if let Some(p) = c.to_pinyin() {
            if !run.is_empty() {
                out.push(std::mem::take(&mut run));
            }
            out.push(p.plain().to_string());
        } else if c.is_ascii_alphanumeric() {
            run.push(c.to_ascii_lowercase());
        } else if !run.is_empty() {
            out.push(std::mem::take(&mut run));
        }
    }
    if !run.is_empty() {
        out.push(run);
    }
    out
}

/// The surname's syllables, as a surname is read.
fn surname_syllables(surname: &str) -> Vec<String> {
    match SURNAME_READINGS.iter().find(|(s, _)| *s == surname) {
        Some((_, reading)) => reading.split(' ').map(str::to_string).collect(),
        None => syllables(surname),
    }
}

/// `张伟` → (`zhang`, `wei`), `欧阳慧` → (`ouyang`, `hui`): the surname and the given name in
/// pinyin, each joined.
pub(crate) fn person(name: &str) -> (String, String) {
    let (sur, given) = split(name);
    (surname_syllables(sur).concat(), syllables(given).concat())
}

/// `张伟` → `zhangwei`: what a visitor types for a name in Latin letters.
pub(crate) fn full(name: &str) -> String {
    let (s, g) = person(name);
    s + &g
}

/// `张伟` → `zw`, `欧阳明远` → `oymy`: the first letter of each syllable.
pub(crate) fn initials(name: &str) -> String {
    let (sur, given) = split(name);
    surname_syllables(sur)
        .iter()
        .chain(syllables(given).iter())
        .filter_map(|s| s.chars().next())
        .collect()
}

/// `张伟` → `zhang-wei`, `欧阳慧` → `ouyang-hui`: a person's slug. A name with nothing to read
/// gives an empty string.
pub(crate) fn person_slug(name: &str) -> String {
    let (s, g) = person(name);
    match (s.is_empty(), g.is_empty()) {
        (true, true) => String::new(),
        (false, true) => s,
        (true, false) => g,
        (false, false) => format!("{s}-{g}"),
    }
}

/// The pinyin of a place or station name, joined: `水口镇` → `shuikouzhen`.
pub(crate) fn place(name: &str) -> String {
    syllables(name).concat()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn people() {
        assert_eq!(full("张伟"), "zhangwei");
        assert_eq!(initials("张伟"), "zw");
        assert_eq!(person_slug("张伟"), "zhang-wei");
        assert_eq!(
            person_slug("张　伟"),
            "zhang-wei",
            "padding spaces are not part of the name"
        );
        assert_eq!(person_slug("欧阳慧"), "ouyang-hui");
        assert_eq!(initials("欧阳明远"), "oymy");
        assert_eq!(person_slug("诸葛卫东"), "zhuge-weidong");
        assert_eq!(person_slug("曾庆松"), "zeng-qingsong", "曾 as a surname");
        assert_eq!(person_slug("单雪梅"), "shan-xuemei");
        assert_eq!(person_slug("尉迟恭"), "yuchi-gong");
        assert_eq!(initials("尉迟恭"), "ycg");
        assert_eq!(split("司马兰"), ("司马", "兰"));
        assert_eq!(split("马"), ("马", ""));
    }

    #[test]
    fn places() {
        assert_eq!(place("水口镇"), "shuikouzhen");
        assert_eq!(place("G5 服务区"), "g5fuwuqu");
    }
}
